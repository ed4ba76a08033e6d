"""The dashboard over the documents of the other provinces and the central level (issue 16).

Every national corpus document that loads (tests/test_corpus_national.py ``LOADS``) is put in one
database through the CLI, as a city's catalogue would be; every page renders for each of them
without an exception and without None/nan or an untranslated key on screen, in Chinese, and the
overview in English too. The headline 支出总计 on the overview is the one read by hand.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from budgetlens import cli
from tests.conftest import PAGES, pin_navigation_mode
from tests.test_corpus_national import LOADS, _hand_totals

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
CORPUS = ROOT / "tests" / "fixtures" / "corpus"
TIMEOUT = 60
MISSING = re.compile(r"\b(None|nan|NaN|NaT|null)\b")
RAW_KEY = re.compile(
    r"\b(?:msg|src|col|metric|chart|head|source|kind|status|fact|word|unit|side|level|period|"
    r"field|filter|nav|btn|link|help)\.[a-z_]+\b"
)


@pytest.fixture(autouse=True)
def navigation_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run the app through st.navigation, as a server does (see tests/conftest.py)."""
    pin_navigation_mode(monkeypatch)


@pytest.fixture(scope="module")
def national_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("national") / "budget.duckdb"
    files = [str(p) for name in sorted(LOADS) for p in sorted((CORPUS / name).glob("*.pdf"))]
    assert cli.main(["ingest", *files, "--db", str(path)]) == 0
    return path


@pytest.fixture(scope="module")
def documents(national_db: Path) -> dict[str, dict]:
    """folder → its row of the document table (found by the PDF's file name)."""
    con = duckdb.connect(str(national_db), read_only=True)
    try:
        rows = con.execute(
            "select document, department, year, government, source_files from document"
        ).fetchall()
    finally:
        con.close()
    out = {}
    for name in LOADS:
        pdf = sorted((CORPUS / name).glob("*.pdf"))[0].name
        hit = [r for r in rows if pdf in r[4]]
        assert len(hit) == 1, (name, pdf)
        doc, department, year, government, _ = hit[0]
        out[name] = {"document": doc, "department": department, "year": year, "gov": government}
    return out


def _texts(at: AppTest) -> list[str]:
    out: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning"):
        out += [str(e.value) for e in at.get(kind)]
    out += [str(e.value) for e in at.error]
    for m in at.metric:
        out += [m.label, m.value]
    for df in at.dataframe:
        frame = df.value
        out += [str(c) for c in frame.columns]
        for column in frame.columns:
            if frame[column].dtype == object or str(frame[column].dtype).startswith("str"):
                out += [str(v) for v in frame[column] if v is not None]
    return out


def _open(doc: dict, page: str, lang: str, monkeypatch, national_db: Path) -> AppTest:
    monkeypatch.setenv("BUDGETLENS_DB", str(national_db))
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    params = {
        "department": doc["department"],
        "year": str(doc["year"]),
        "doc": doc["document"],
        "lang": lang,
    }
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    if page != "overview":
        at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, (page, at.exception)
    return at


def test_governments_are_read_from_the_documents(documents: dict) -> None:
    governments = {d["gov"] for d in documents.values()}
    assert {"北京市", "深圳市", "杭州市", "长沙市", "福州市"} <= governments
    assert {"重庆市", "西安市", "烟台市", "长春市", "中央"} <= governments


@pytest.mark.parametrize("folder", sorted(LOADS))
def test_every_page_renders_for_every_national_document(
    documents: dict, national_db: Path, monkeypatch: pytest.MonkeyPatch, folder: str
) -> None:
    doc = documents[folder]
    for page in PAGES:
        at = _open(doc, page, "zh", monkeypatch, national_db)
        for text in _texts(at):
            assert not MISSING.search(text), (folder, page, text)
            assert not RAW_KEY.search(text), (folder, page, text)
    at = _open(doc, "overview", "en", monkeypatch, national_db)
    for text in _texts(at):
        assert not MISSING.search(text), (folder, "overview/en", text)


@pytest.mark.parametrize("folder", sorted(LOADS))
def test_the_overview_shows_the_hand_read_total(
    documents: dict, national_db: Path, monkeypatch: pytest.MonkeyPatch, folder: str
) -> None:
    """The overview's 支出总计 (in 万元, as the page formats it) is a total read by hand."""
    at = _open(documents[folder], "overview", "zh", monkeypatch, national_db)
    shown = {
        Decimal(m.value.replace(",", "").split()[0])
        for m in at.metric
        if re.fullmatch(r"-?[\d,]+(?:\.\d+)?(?:\s*万元)?", m.value.strip())
    }
    hand = {v.quantize(Decimal("0.01")) for v in _hand_totals(CORPUS / folder)}
    assert shown & hand, (folder, shown, hand)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_overview_shows_the_stated_procurement_total(
    documents: dict, national_db: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    """杭州市司法局 p15 states 政府采购预算总额 8,525.96 万元 (read by hand) and prints no 政府采购
    预算表: the overview shows the stated total; 北京's narrative states none (no such figure)."""
    from ui import fmt
    from ui.i18n import t

    at = _open(documents["hz-sfj-2026-budget-dept"], "overview", lang, monkeypatch, national_db)
    shown = {m.label: m.value for m in at.metric}
    assert shown[t("fact.procurement", lang)] == fmt.wan(Decimal("8525.96"))
    at = _open(documents["bj-xfb-2026-budget-dept"], "overview", lang, monkeypatch, national_db)
    assert t("fact.procurement", lang) not in {m.label for m in at.metric}
