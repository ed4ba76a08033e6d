# BudgetLens — one entry point for setup, data, the dashboard, tests and benchmarks.
#   make run    set up .venv, build data/budget.duckdb from data/raw/, serve the dashboard
#   make test   set up .venv, lint, run the whole test suite (browser tests need chromium)
#   make lint   ruff (lint + format check) and the import-linter layer contracts
#   make wheel  build the installable wheel into dist/ (queries and dashboard inside; docs/install.md)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB := data/budget.duckdb
# the bundled documents: the Jincheng text and the published PDFs under data/raw/<province>/
# (PDFs given together that are one document, as Jiangsu's narrative and tables, load as one)
RAW := $(wildcard data/raw/*.txt) $(wildcard data/raw/*/*.pdf)
PORT ?= 8501

.PHONY: run test lint db export check clean wheel

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

# Build into a temporary file and publish by rename, so a running dashboard never sees a
# half-written database.
$(DB): $(STAMP) $(RAW) $(wildcard budgetlens/*.py) $(wildcard budgetlens/layouts/*.toml) budgetlens/schema.sql
	rm -f $(DB).tmp $(DB).tmp.wal
	$(BIN)/budgetlens ingest $(RAW) --db $(DB).tmp
	mv $(DB).tmp $(DB)

db: $(DB)

# `budgetlens serve` runs deploy/launch.py: `streamlit run app.py` with Nagle's algorithm off
# (docs/deploy.md); an installed wheel serves the same way.
run: $(DB)
	$(BIN)/budgetlens serve --db $(DB) --port $(PORT)

wheel: $(STAMP)
	rm -rf dist build
	$(BIN)/pip wheel --quiet --no-deps --no-build-isolation -w dist .

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
	rm -rf $(VENV) $(DB) $(DB).tmp build dist *.egg-info .pytest_cache .ruff_cache

# --- benchmarks, fuzzing and the synthetic city ------------------------------------------------
#   make bench      run every bench/bench_*.py; each writes its own section of docs/benchmarks.md
#   make fuzz       LONG RUN: the parser fuzz tests with FUZZ_EXAMPLES examples per property
#   make synthetic  generate a 1000-department synthetic city into build/synthetic/ and ingest it
#                   into data/synthetic.duckdb (a separate database, never the served one)
FUZZ_EXAMPLES ?= 2000
SYNTHETIC_DEPARTMENTS ?= 1000
SYNTHETIC_YEARS ?= 2024
SYNTHETIC_DB := data/synthetic.duckdb

.PHONY: bench fuzz synthetic

bench: $(STAMP)
	@for script in bench/bench_*.py; do \
		echo "== $$script"; $(BIN)/python $$script || exit 1; \
	done

fuzz: $(STAMP)
	@echo "fuzz: LONG RUN, $(FUZZ_EXAMPLES) examples per property (make test runs ~40)"
	BUDGETLENS_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest -q tests/test_fuzz_ingest.py

# Built into a temporary file and published by rename, like the served database.
synthetic: $(STAMP)
	rm -rf build/synthetic $(SYNTHETIC_DB).tmp $(SYNTHETIC_DB).tmp.wal
	$(BIN)/python -m budgetlens_synthetic --departments $(SYNTHETIC_DEPARTMENTS) \
		--years $(SYNTHETIC_YEARS) --out build/synthetic --db $(SYNTHETIC_DB).tmp
	mv $(SYNTHETIC_DB).tmp $(SYNTHETIC_DB)

# --- mutation testing (docs/testing.md) ------------------------------------------------------------
#   make mutate   LONG RUN, not part of make test: mutmut over every module of budgetlens/, ui/fmt.py
#                 and ui/data.py ([tool.mutmut] in pyproject.toml), one after another, each against
#                 its fast tests (SCOPES in tools/mutate_py.py), then tools/mutate_sql.py over
#                 queries/*.sql; reports in build/mutation/ (report.md: one row per module and the
#                 totals; py-<module>.md: each module's survivors; sql.md). Scoped, only what is
#                 named (minutes, not hours):
#                 make mutate MUTATE_MODULES="budgetlens/amounts.py budgetlens/check_core.py"
#                 (each module against its fast tests, SCOPES in tools/mutate_py.py; reports
#                 build/mutation/py-<module>.md), make mutate MUTATE_QUERIES="export_revenue projects"
MUTATE_MODULES ?=
MUTATE_QUERIES ?=
MUTATE_WORKERS ?= 2

.PHONY: mutate

mutate: $(STAMP)
ifeq ($(strip $(MUTATE_MODULES)$(MUTATE_QUERIES)),)
	@echo "mutate: LONG RUN (hours on a 2-core machine); reports in build/mutation/"
	$(BIN)/python tools/mutate_py.py --max-children $(MUTATE_WORKERS) --all
	$(BIN)/python tools/mutate_sql.py
else
	$(if $(strip $(MUTATE_MODULES)),$(BIN)/python tools/mutate_py.py --max-children $(MUTATE_WORKERS) $(MUTATE_MODULES))
	$(if $(strip $(MUTATE_QUERIES)),$(BIN)/python tools/mutate_sql.py $(MUTATE_QUERIES))
endif
