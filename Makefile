# BudgetLens — one entry point for setup, data, the dashboard, tests and benchmarks.
#   make run    set up .venv, build data/budget.duckdb from data/raw/, serve the dashboard
#   make test   set up .venv, lint, run the whole test suite (browser tests need chromium)
#   make lint   ruff (lint + format check) and the import-linter layer contract
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB := data/budget.duckdb
RAW := $(wildcard data/raw/*.txt)
PORT ?= 8501

.PHONY: run test lint db export check clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

# Build into a temporary file and publish by rename, so a running dashboard never sees a
# half-written database.
$(DB): $(STAMP) $(RAW) $(wildcard budgetlens/*.py) budgetlens/schema.sql
	rm -f $(DB).tmp $(DB).tmp.wal
	$(BIN)/budgetlens ingest $(RAW) --db $(DB).tmp
	mv $(DB).tmp $(DB)

db: $(DB)

run: $(DB)
	$(BIN)/streamlit run app.py --server.port $(PORT)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

test: $(STAMP) lint
	@if [ -x /usr/bin/chromium ]; then echo "browser tests: chromium found, running them"; \
	else echo "browser tests: SKIPPED (no /usr/bin/chromium; install it with: apt-get install -y chromium)"; fi
	$(BIN)/python -m pytest -q

check: $(DB)
	$(BIN)/budgetlens check --db $(DB)

export: $(DB)
	$(BIN)/budgetlens export build/open-data --db $(DB)

clean:
	rm -rf $(VENV) $(DB) $(DB).tmp build .pytest_cache .ruff_cache
