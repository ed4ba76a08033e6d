"""Shared fixtures: the seed document, and a database built from it through the real CLI."""

from __future__ import annotations

import csv
import functools
from pathlib import Path

import pytest

from budgetlens import cli

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "raw" / "jincheng-kejiju-2024.txt"
FIXTURES = ROOT / "tests" / "fixtures" / "jincheng-kejiju-2024"
# the dashboard's pages, as app.py lists them (importing app.py would run Streamlit)
PAGES = (
    "catalogue",
    "compare",
    "trends",
    "overview",
    "revenue_expenditure",
    "basic_project",
    "economic",
    "projects",
    "performance",
    "execution",
    "checks",
    "glossary",
    "search",
    "presenter",
)
# the pages over many documents (catalogue, comparison, trends): they name no single document
MANY_DOCUMENT_PAGES = ("catalogue", "compare", "trends")


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database holding the seed document, built once per test session with ``ingest``."""
    path = tmp_path_factory.mktemp("db") / "budget.duckdb"
    assert cli.main(["ingest", str(SEED), "--db", str(path)]) == 0
    return path


def read_fixture(name: str) -> list[dict[str, str]]:
    """Rows of a hand-read fixture CSV (tests/fixtures/jincheng-kejiju-2024/NAME)."""
    with (FIXTURES / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


CORPUS = ROOT / "tests" / "fixtures" / "corpus"


@functools.cache
def corpus_documents(slug: str) -> tuple:
    """The documents parsed from one corpus folder's PDFs, parsed once per test session (every
    module that reads the corpus shares them; treat them as read-only). Raises IngestError as
    parsing does."""
    from budgetlens.pdf_ingest import parse_pdfs

    return tuple(parse_pdfs(sorted((CORPUS / slug).glob("*.pdf"))))
