"""Shared fixtures: the seed document, and a database built from it through the real CLI."""

from __future__ import annotations

import csv
import functools
import sys
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


# --- mutation testing (make mutate, docs/testing.md) --------------------------------------------
# mutmut links each function to the tests that call it and runs only those for a mutant of it. A
# function called while a module- or session-scoped fixture is set up (an ingest, an export) would
# be linked to the first test using that fixture only, and its mutants run against that one test.
# These hooks link it to every test that uses the fixture. They do nothing outside mutmut.
_FIXTURE_CALLS: dict[str, set[str]] = {}


def _mutmut_calls() -> set[str] | None:
    """mutmut's set of functions called since the last test ended, or None outside mutmut."""
    if "mutmut.state" not in sys.modules:
        return None
    return sys.modules["mutmut.state"].state()._stats


def _shared_fixtures(item) -> list[str]:
    """The module-, package- and session-scoped fixtures a test uses."""
    defs = item._fixtureinfo.name2fixturedefs
    return [n for n in item.fixturenames if n in defs and defs[n][-1].scope != "function"]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item):
    # (a hook on the test, not on the fixture: a session fixture's own setup hook does not reach
    # this conftest)
    calls = _mutmut_calls()
    before = set(calls) if calls is not None else set()
    yield
    if calls is not None:
        for name in _shared_fixtures(item):
            _FIXTURE_CALLS.setdefault(name, set()).update(set(calls) - before)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_teardown(item, nextitem):
    calls = _mutmut_calls()
    if calls is not None:
        for name in _shared_fixtures(item):
            calls.update(_FIXTURE_CALLS.get(name, ()))


def pin_navigation_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make AppTest run the app the way a live server does: with st.navigation, not the pages
    folder. A server detects the legacy ``pages/`` folder once and the first st.navigation call
    switches that off for good; AppTest re-detects it before every run, so after switch_page() it
    would run the page script alone (legacy mode), outside app.py. Pin the detection off."""
    from streamlit.runtime.pages_manager import PagesManager

    original = PagesManager.__init__

    def init(self: PagesManager, *args: object, **kwargs: object) -> None:
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


def run_sql(path: Path, *sql: str) -> None:
    """Run ``sql`` on the database file ``path`` (a copy a test changes for its case)."""
    import duckdb

    con = duckdb.connect(str(path))
    try:
        for statement in sql:
            con.execute(statement)
    finally:
        con.close()
