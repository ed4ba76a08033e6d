"""The 政府采购预算 section of the 经济科目 page (issue 16, item 2): a document's 政府采购预算表 as
figures (合计, categories) and a table in the table's order, in 万元, with its source page, in
both languages; equal to the database and to figures read by hand from the PDFs. A document
without the table says so in a sentence; one whose table was kept as raw cells (a shape not read
item by item) says where to find it; 烟台's table by 功能分类 科目 lists its 科目."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from budgetlens import cli, queries
from budgetlens import db as budgetlens_db
from tests.conftest import pin_navigation_mode
from ui import fmt
from ui.i18n import t

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
CORPUS = ROOT / "tests" / "fixtures" / "corpus"
FOLDERS = (
    "cq-slj-2026-budget-dept",  # by category, with 一般公共预算 (p29)
    "js-rdbgt-2017",  # by category, 专项 and item (pp20–21)
    "yt-sjj-2026-budget-dept",  # by 功能分类 科目 (p25)
    "sz-xfj-2026-budget-dept",  # prints no 政府采购预算表
)
# read by hand (pdfplumber's page text):
# 重庆_2026_重庆市水利局_部门预算.pdf p29 表九 2026 年政府采购预算明细表 (单位：万元):
#   合计 11,884.37 (一般公共预算拨款 11,307.34); A 货物 2,703.49
CQ_TOTAL = Decimal("11884.37")
CQ_GENERAL = Decimal("11307.34")
CQ_GOODS = Decimal("2703.49")
CQ_PAGE = 29
# 江苏省人大办公厅2017年度预算公开.pdf p21: 办公设备购置费 · 家具用具 23.00
# (as tests/test_procurement.py reads it)
JS_ITEM, JS_ITEM_WAN = "家具用具", 23.00
# 烟台_2026_烟台市审计局_部门预算.pdf p25: its 政府采购预算表, by 科目: 合计 5.80;
# 201 一般公共服务支出, 08 审计事务, 04 审计业务 5.80 each (the 5.80 beside each under 单位资金)
YT_PAGE = 25
YT_ITEM, YT_ITEM_WAN = "2010804 审计业务", 5.80


@pytest.fixture(autouse=True)
def navigation_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run the app through st.navigation, as a server does (see tests/conftest.py)."""
    pin_navigation_mode(monkeypatch)


@pytest.fixture(scope="module")
def procurement_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("procurement") / "budget.duckdb"
    files = [str(p) for name in FOLDERS for p in sorted((CORPUS / name).glob("*.pdf"))]
    assert cli.main(["ingest", *files, "--db", str(path)]) == 0
    return path


@pytest.fixture(scope="module")
def documents(procurement_db: Path) -> dict[str, dict]:
    """folder → document id, department and year (found by the PDF's file name)."""
    con = duckdb.connect(str(procurement_db), read_only=True)
    try:
        rows = con.execute(
            "select document, department, year, source_files from document"
        ).fetchall()
    finally:
        con.close()
    out = {}
    for name in FOLDERS:
        pdf = sorted((CORPUS / name).glob("*.pdf"))[0].name
        (hit,) = [r for r in rows if pdf in r[3]]
        out[name] = {"document": hit[0], "department": hit[1], "year": hit[2]}
    return out


def _db_rows(db: Path, document: str):
    # the app's configuration: DuckDB refuses a second, different connection to the file
    con = budgetlens_db.connect(db, read_only=True)
    try:
        return queries.run(con, "procurement_items", document=document)
    finally:
        con.close()


def _open(doc: dict, lang: str, db: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("BUDGETLENS_DB", str(db))
    at = AppTest.from_file(str(APP), default_timeout=60)
    for key, value in {
        "department": doc["department"],
        "year": str(doc["year"]),
        "doc": doc["document"],
        "lang": lang,
    }.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("pages/economic.py").run()
    assert not at.exception, at.exception
    return at


def _procurement_table(at: AppTest, lang: str):
    found = [d.value for d in at.dataframe if t("col.procurement_line", lang) in d.value.columns]
    assert len(found) <= 1
    return found[0] if found else None


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_procurement_by_category_equals_the_database_and_the_hand_reading(
    documents: dict, procurement_db: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    doc = documents["cq-slj-2026-budget-dept"]
    at = _open(doc, lang, procurement_db, monkeypatch)
    rows = _db_rows(procurement_db, doc["document"])
    (db_total,) = rows.loc[rows["row_kind"] == "total", "total_wan"]
    assert Decimal(str(db_total)) == CQ_TOTAL
    shown = _metrics(at)
    assert shown[t("metric.procurement_total", lang)] == fmt.wan(CQ_TOTAL)
    goods = t("metric.procurement_category", lang).format(category=t("procurement.货物", lang))
    assert shown[goods] == fmt.wan(CQ_GOODS)
    table = _procurement_table(at, lang)
    assert table is not None
    # every row of the table, in its order, with the database's amounts
    assert len(table) == len(rows)
    assert list(table[t("col.total_wan", lang)]) == [float(v) for v in rows["total_wan"]]
    lines = list(table[t("col.procurement_line", lang)])
    assert lines[0] == t("source.total", lang)
    assert t("procurement.货物", lang) in lines and t("procurement.服务", lang) in lines
    general = table[t("col.general_budget_wan", lang)]
    assert float(CQ_GENERAL) in set(general.dropna())
    assert set(table[t("col.page", lang)]) == {CQ_PAGE}
    captions = [c.value for c in at.caption]
    page = t("src.page", lang).format(pages=CQ_PAGE)
    assert any(page in c for c in captions), captions
    if lang == "en":  # an English page names no category in Chinese
        assert not {"货物", "工程", "服务", "合计"} & set(lines)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_procurement_items_are_listed_under_their_project(
    documents: dict, procurement_db: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    doc = documents["js-rdbgt-2017"]
    at = _open(doc, lang, procurement_db, monkeypatch)
    table = _procurement_table(at, lang)
    rows = _db_rows(procurement_db, doc["document"])
    assert table is not None and len(table) == len(rows)
    hit = table[table[t("col.procurement_line", lang)] == JS_ITEM]
    assert list(hit[t("col.total_wan", lang)]) == [JS_ITEM_WAN]
    assert list(hit[t("col.project", lang)]) == ["办公设备购置费"]
    assert list(hit[t("col.procurement_kind", lang)]) == [t("procurement_kind.item", lang)]
    # the leaves add up to the table's 合计, on screen too
    items = table[table[t("col.procurement_kind", lang)] == t("procurement_kind.item", lang)]
    total = table[table[t("col.procurement_kind", lang)] == t("procurement_kind.total", lang)]
    assert items[t("col.total_wan", lang)].sum() == pytest.approx(
        float(total[t("col.total_wan", lang)].iloc[0])
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_document_without_procurement_says_so(
    documents: dict, procurement_db: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    doc = documents["sz-xfj-2026-budget-dept"]
    assert _db_rows(procurement_db, doc["document"]).empty
    at = _open(doc, lang, procurement_db, monkeypatch)
    assert _procurement_table(at, lang) is None
    assert t("msg.no_procurement", lang) in [i.value for i in at.info]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_table_by_subject_lists_its_subjects(
    documents: dict, procurement_db: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    doc = documents["yt-sjj-2026-budget-dept"]
    at = _open(doc, lang, procurement_db, monkeypatch)
    table = _procurement_table(at, lang)
    assert table is not None and len(table) == len(_db_rows(procurement_db, doc["document"]))
    hit = table[table[t("col.procurement_line", lang)] == YT_ITEM]
    assert list(hit[t("col.total_wan", lang)]) == [YT_ITEM_WAN]
    assert set(table[t("col.page", lang)]) == {YT_PAGE}
    assert _metrics(at)[t("metric.procurement_total", lang)] == fmt.wan(Decimal("5.80"))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_table_not_read_item_by_item_points_to_its_page(
    documents: dict,
    procurement_db: Path,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    lang: str,
) -> None:
    """A 政府采购预算表 printed with figures but kept as raw cells (its rows not read: here the
    烟台 document's rows removed from a copy of the database) points to its page."""
    doc = documents["yt-sjj-2026-budget-dept"]
    db = tmp_path / "raw.duckdb"
    db.write_bytes(procurement_db.read_bytes())
    con = duckdb.connect(str(db))
    try:
        con.execute("delete from procurement_item where document = ?", [doc["document"]])
    finally:
        con.close()
    at = _open(doc, lang, db, monkeypatch)
    assert _procurement_table(at, lang) is None
    page = t("src.page", lang).format(pages=YT_PAGE)
    expected = t("msg.procurement_raw", lang).format(page=page)
    assert expected in [i.value for i in at.info]
    # the table has figures: it is not called empty
    assert t("msg.table_empty", lang).format(title=t("head.procurement", lang)) not in [
        i.value for i in at.info
    ]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_search_finds_a_procurement_item_and_opens_the_economic_page(
    documents: dict, procurement_db: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    doc = documents["js-rdbgt-2017"]
    monkeypatch.setenv("BUDGETLENS_DB", str(procurement_db))
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["lang"] = lang
    at.query_params["q"] = JS_ITEM
    at.run()
    at.switch_page("pages/search.py").run()
    assert not at.exception, at.exception
    (table,) = [d.value for d in at.dataframe]
    hits = table[table[t("col.kind", lang)] == t("kind.procurement", lang)]
    hits = hits[hits[t("col.label", lang)] == JS_ITEM]
    assert len(hits) == 1, hits
    assert doc["department"] in hits[t("col.document", lang)].iloc[0]
    assert JS_ITEM_WAN in set(hits[t("col.amount_wan", lang)])
    assert "办公设备购置费" in set(hits[t("col.context", lang)])
    links = [(str(p.proto.label), str(p.proto.page)) for p in at.get("page_link")]
    assert any(JS_ITEM in label and "economic" in page for label, page in links), links
