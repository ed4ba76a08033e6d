"""The dashboard over documents read from PDF: a Shanghai 部门预算, a Shanghai 单位预算 of the same
department and year, and a Jiangsu document published as two PDFs.

Every page runs in both languages for each of them, without an exception, without None/nan on
screen, with a sentence (not an empty chart or table) where the document lacks the data, and with
sources that name the PDF page. Figures on screen are compared with the database and with the
values read by hand from the rendered pages (tests/fixtures/corpus/<folder>/hand_read.csv).
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from budgetlens import cli, db, queries
from tests.conftest import MANY_DOCUMENT_PAGES, PAGES, pin_navigation_mode
from ui import fmt
from ui.i18n import TRANSLATIONS

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
CORPUS = ROOT / "tests" / "fixtures" / "corpus"
SH_DEPT = "sh-putuo-swj-2025-budget-dept"
SH_UNIT = "sh-putuo-swj-2025-budget-unit"
JIANGSU = "js-rdbgt-2019"
FOLDERS = (SH_DEPT, SH_UNIT, JIANGSU)
# a 决算 (final accounts) is loaded too: every page must render for it (its pages are #10's)
FINAL = "sh-putuo-shgzb-2024-final-dept"
RENDERED = (*FOLDERS, FINAL)
TIMEOUT = 60
SCALE = {"万元": Decimal(1), "元": Decimal(10000)}
# where the headline 支出总计 is printed: the all-funds 支出总表's 合计 row (Shanghai), or the
# 收支预算总表's 支出合计 (Jiangsu, whose function tables are 财政拨款 only)
EXPENDITURE_ROW = {
    SH_DEPT: ("function", "合计", "total"),
    SH_UNIT: ("function", "合计", "total"),
    JIANGSU: ("summary", "支出合计", "支出用途/金额"),
}
# words that mean a value is missing, where a reader would see it
MISSING = re.compile(r"\b(None|nan|NaN|NaT|null)\b")
# a translation key shown instead of its text (ui.i18n.t returns the key when it is unknown)
RAW_KEY = re.compile(
    r"\b(?:msg|src|col|metric|chart|head|source|kind|status|fact|word|unit|side|level|period|"
    r"field|filter|nav|btn|link|help)\.[a-z_]+\b"
)


def hand(folder: str) -> list[dict[str, str]]:
    with open(CORPUS / folder / "hand_read.csv", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def hand_wan(row: dict[str, str]) -> Decimal:
    return Decimal(row["value"].replace(",", "")) / SCALE[row["unit"]]


def document_id(folder: str) -> str:
    """The document id, from the identity read by hand (department-year-kind-scope)."""
    ident = {r["label"]: r["value"] for r in hand(folder) if r["section"] == "identity"}
    return f"{ident['department']}-{ident['year']}-{ident['kind']}-{ident['scope']}"


def hand_row(folder: str, section: str, label: str, column: str | None = None) -> dict[str, str]:
    """The first hand-read row of ``section`` with ``label`` (and ``column``)."""
    return next(
        r
        for r in hand(folder)
        if r["section"] == section
        and r["label"] == label
        and (column is None or r["column"] == column)
        and r["value"].strip()
    )


@pytest.fixture(autouse=True)
def navigation_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run the app through st.navigation, as a server does (see tests/conftest.py)."""
    pin_navigation_mode(monkeypatch)


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database holding the three documents, loaded through the CLI from their PDFs."""
    path = tmp_path_factory.mktemp("corpus") / "budget.duckdb"
    files = [str(p) for folder in RENDERED for p in sorted((CORPUS / folder).glob("*.pdf"))]
    assert cli.main(["ingest", *files, "--db", str(path), "--workers", "1"]) == 0
    return path


@pytest.fixture
def app_db(corpus_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("BUDGETLENS_DB", str(corpus_db))
    return corpus_db


@pytest.fixture
def con(app_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = db.connect(app_db, read_only=True)  # the app's configuration
    yield connection
    connection.close()


def run_page(folder: str, page: str, lang: str = "zh", **params: str) -> AppTest:
    """Open ``page`` of the folder's document through the URL (department, year, doc, lang)."""
    doc = document_id(folder)
    department, year = doc.split("-")[0], doc.split("-")[1]
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    for key, value in {"department": department, "year": year, "doc": doc, "lang": lang}.items():
        at.query_params[key] = value
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    if page != "overview":
        at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


def run_query(con, folder: str, name: str, **params: object):
    return queries.run(con, name, document=document_id(folder), **params)


def pages_of(con, folder: str) -> dict[int, int]:
    """line → page of the document (the database's source_location, through its query)."""
    rows = run_query(con, folder, "source_pages")
    return dict(zip(rows["line"], rows["page"], strict=True))


def texts(at: AppTest) -> list[str]:
    """Every text a reader sees on the page (sidebar included), charts' titles and notes too."""
    out: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning"):
        out += [str(e.value) for e in at.get(kind)]
    out += [str(e.value) for e in at.error]
    for m in at.metric:
        out += [m.label, m.value, m.proto.help, m.proto.delta]
    for box in at.selectbox:
        out += [box.label, *box.options]
    for df in at.dataframe:
        frame = df.value
        out += [str(c) for c in frame.columns]
        for column in frame.columns:
            if frame[column].dtype == object or str(frame[column].dtype).startswith("str"):
                out += [str(v) for v in frame[column] if v is not None]
    for spec in chart_specs(at):
        out.append(spec["layout"]["title"]["text"])
        out.append(spec["layout"]["title"].get("subtitle", {}).get("text", ""))
        out += [a["text"] for a in spec["layout"].get("annotations", [])]
    return out


def chart_specs(at: AppTest) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def metrics(at: AppTest) -> dict[str, object]:
    return {m.label: m for m in at.metric}


def tr(key: str, lang: str = "zh") -> str:
    return TRANSLATIONS[key][1 if lang == "en" else 0]


# --- every page, every document, both languages --------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("folder", RENDERED)
def test_every_page_renders_for_every_document(
    app_db: Path, con, folder: str, page: str, lang: str
) -> None:
    at = run_page(folder, page, lang, q="支出")
    title = run_query(con, folder, "deck_document")["title"].iloc[0]
    if page == "presenter":  # full screen: the title slide names the document instead
        assert not at.title
        assert any(title in m.value for m in at.markdown)
    else:
        assert at.title[0].value == tr(f"nav.{page}", lang)
    if page not in MANY_DOCUMENT_PAGES and page != "presenter":
        assert at.caption[0].value == title, "the page names the document it shows"
    for df in at.dataframe:  # a blank cell stays blank: Streamlit would write None in it
        assert df.proto.HasField("placeholder") and df.proto.placeholder == ""
    shown = texts(at)
    for text in shown:
        assert not MISSING.search(text), (page, text)
        assert not RAW_KEY.search(text), (page, text)
    # every chart has something in it, its title with the unit, and a source that names a page
    for spec in chart_specs(at):
        assert any(
            trace.get(k) is not None and len(trace[k]) > 0
            for trace in spec["data"]
            for k in ("x", "y", "values", "labels", "node")
        ), spec["layout"]["title"]["text"]
        assert spec["layout"]["title"]["text"].endswith(
            ("（万元）", "（个）", "（项）", "（%）", "（万元/人）")
            if lang == "zh"
            else (" (10k yuan)", " (count)", " (checks)", " (%)", " (10k yuan per person)")
        )
        notes = " ".join(a["text"].replace("<br>", "") for a in spec["layout"]["annotations"])
        page_word = r"第\d+(–\d+)?(、\d+(–\d+)?)*页" if lang == "zh" else r"pages? \d+"
        assert re.search(page_word, notes), notes


@pytest.mark.parametrize(
    ("page", "message"),
    [
        ("projects", "msg.no_projects"),
        ("performance", "msg.no_performance"),
        ("glossary", "msg.no_glossary"),
    ],
)
@pytest.mark.parametrize("folder", FOLDERS)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_page_whose_data_the_document_lacks_says_so_in_one_sentence(
    app_db: Path, folder: str, page: str, message: str, lang: str
) -> None:
    at = run_page(folder, page, lang)
    assert [i.value for i in at.info] == [tr(message, lang)]
    assert not at.dataframe and not at.get("plotly_chart") and not at.metric


# --- the headline figures: database, hand reading, page --------------------------------------


@pytest.mark.parametrize("folder", FOLDERS)
def test_overview_total_equals_the_database_and_the_hand_reading(
    app_db: Path, con, folder: str
) -> None:
    at = run_page(folder, "overview")
    shown = metrics(at)
    kf = run_query(con, folder, "key_figures").set_index("key")["value"]
    revenue = shown[tr("metric.revenue_total")]
    assert revenue.value == fmt.wan(kf["revenue_total"])
    hand_revenue = next(
        r
        for r in hand(folder)
        if r["section"] == "summary" and r["label"] in ("收入总计", "收入合计")
    )
    assert revenue.value == fmt.wan(hand_wan(hand_revenue))
    assert f"第{hand_revenue['page']}页" in revenue.proto.help

    section, label, column = EXPENDITURE_ROW[folder]
    expected = hand_row(folder, section, label, column)
    expenditure = shown[tr("metric.expenditure_total")]
    assert expenditure.value == fmt.wan(hand_wan(expected))
    assert f"第{expected['page']}页" in expenditure.proto.help
    if section == "function":  # from the 支出总表's 合计 row: the table is named too
        total = run_query(con, folder, "expenditure_function").query("level == 0").iloc[0]
        assert expenditure.value == fmt.wan(total["total_wan"])
        assert expected["table"] in expenditure.proto.help
    else:
        assert expenditure.value == fmt.wan(kf["expenditure_total"])


@pytest.mark.parametrize("folder", FOLDERS)
def test_overview_basic_and_project_equal_the_hand_reading(app_db: Path, folder: str) -> None:
    shown = metrics(run_page(folder, "overview"))
    hand_rows = {
        (r["section"], r["label"], r["column"]): r for r in hand(folder) if r["value"].strip()
    }
    if folder == JIANGSU:  # the 收支预算总表's 支出用途 column
        basic = hand_rows[("summary", "一、基本支出", "支出用途/金额")]
        project = hand_rows[("summary", "二、项目支出", "支出用途/金额")]
    else:
        basic = hand_rows[("function", "合计", "basic")]
        project = hand_rows[("function", "合计", "project")]
    assert shown[tr("metric.basic")].value == fmt.wan(hand_wan(basic))
    assert shown[tr("metric.project")].value == fmt.wan(hand_wan(project))
    # shares are of the total, which for Jiangsu also holds a 预留机动经费
    total = hand_wan(hand_row(folder, *EXPENDITURE_ROW[folder]))
    share = fmt.pct(100 * float(hand_wan(basic)) / float(total))
    assert shown[tr("metric.basic")].proto.delta.endswith(share)


def test_overview_names_the_file_of_a_two_file_document(app_db: Path) -> None:
    """Jiangsu publishes the narrative and the tables as two PDFs: a page alone would be
    ambiguous, so the note names the file."""
    at = run_page(JIANGSU, "overview")
    tables_file = next(p.name for p in (CORPUS / JIANGSU).glob("*.pdf") if "公开表" in p.name)
    help_text = metrics(at)[tr("metric.revenue_total")].proto.help
    assert f"第1页（{tables_file}）" in help_text


@pytest.mark.parametrize("folder", FOLDERS)
def test_facts_shown_are_the_documents(app_db: Path, con, folder: str) -> None:
    shown = metrics(run_page(folder, "overview"))
    rows = [r for r in hand(folder) if r["section"] == "three_public" and r["value"].strip()]
    # a table that adds 会议费/培训费 prints the “三公” part as 小计 and the sum of all as 合计
    label = "小计" if any(r["label"] == "会议费" for r in rows) else "合计"
    three = next(r for r in rows if r["label"] == label)
    assert shown[tr("fact.three_public")].value == fmt.wan(hand_wan(three))
    assert f"第{three['page']}页" in shown[tr("fact.three_public")].proto.help
    # 机关运行经费: its table's total (no narrative figure is read from a PDF yet)
    admin = run_query(con, folder, "admin_operating").query("row_kind == 'total'")
    assert shown[tr("fact.admin_operating")].value == fmt.wan(admin["total_wan"].iloc[0])
    hand_admin = next(r for r in rows if r["label"].startswith("机关运行经费"))
    assert shown[tr("fact.admin_operating")].value == fmt.wan(hand_wan(hand_admin))
    assert f"第{hand_admin['page']}页" in shown[tr("fact.admin_operating")].proto.help
    # figures the document does not state are left out, not shown as —
    assert tr("fact.procurement") not in shown and tr("fact.staff") not in shown
    assert all(m.value != fmt.MISSING for m in shown.values())


# --- tables: the database, with the PDF page of every row ---------------------------------------


@pytest.mark.parametrize("folder", FOLDERS)
def test_function_table_equals_the_database_with_pages(app_db: Path, con, folder: str) -> None:
    at = run_page(folder, "revenue_expenditure")
    table = at.dataframe[0].value
    rows = run_query(con, folder, "expenditure_function").query("level >= 1")
    assert list(table["科目编码"]) == list(rows["code"])
    assert list(table["合计（万元）"].round(4)) == list(rows["total_wan"].astype(float).round(4))
    page = pages_of(con, folder)
    assert list(table["原文页码"]) == [page[int(x)] for x in rows["source_line"]]
    # the hand reading: the 类 rows of the table the page shows
    hand_table = next(
        r["table"] for r in hand(folder) if r["section"] == "function" and r["label"] == "合计"
    )
    classes = [
        r
        for r in hand(folder)
        if r["section"] == "function"
        and r["table"] == hand_table
        and len(r["code"]) == 3
        and r["column"] == "total"
    ]
    assert classes
    for r in classes:
        row = table[table["科目编码"] == r["code"]].iloc[0]
        assert Decimal(str(row["合计（万元）"])) == hand_wan(r), r
        assert int(row["原文页码"]) == int(r["page"]), r
    if folder == JIANGSU:  # a table of totals: no empty 基本/项目 columns
        assert "基本支出（万元）" not in table.columns
        # two PDFs: the note under the table says which one the pages are of
        tables_file = next(p.name for p in (CORPUS / JIANGSU).glob("*.pdf") if "公开表" in p.name)
        assert f"原文页码为 {tables_file} 的页码。" in [c.value for c in at.caption]


@pytest.mark.parametrize("folder", FOLDERS)
def test_summary_without_period_split_is_shown_as_published(app_db: Path, con, folder: str):
    at = run_page(folder, "revenue_expenditure")
    assert tr("msg.no_period_split") in [c.value for c in at.caption]
    summary = run_query(con, folder, "income_expense_summary")
    table = next(d.value for d in at.dataframe if "收支" in d.value.columns)
    assert list(table["项目"]) == list(summary["label"])
    assert list(table["金额（万元）"].round(4)) == list(
        summary["amount_wan"].astype(float).round(4)
    )
    total = hand_row(folder, "summary", "收入总计" if folder != JIANGSU else "收入合计")
    shown = table.loc[table["项目"] == total["label"], "金额（万元）"].iloc[0]
    assert Decimal(str(shown)).quantize(Decimal("0.0001")) == hand_wan(total)


def test_revenue_by_source_shows_the_shanghai_columns(app_db: Path, con) -> None:
    """Shanghai's 收入预算总表 has 财政拨款收入 / 事业收入 / … columns, not the national ones."""
    at = run_page(SH_DEPT, "revenue_expenditure")
    table = next(d.value for d in at.dataframe if "资金来源" in d.value.columns)
    row = hand_row(SH_DEPT, "revenue", "合计", "财政拨款收入")
    assert list(table["资金来源"]) == [tr("source.fiscal_appropriation")]
    assert Decimal(str(table["金额（万元）"].iloc[0])).quantize(Decimal("0.0001")) == hand_wan(row)
    assert int(table["原文页码"].iloc[0]) == int(row["page"])


def test_jiangsu_revenue_by_source_is_a_sentence(app_db: Path) -> None:
    at = run_page(JIANGSU, "revenue_expenditure", "en")
    assert tr("msg.no_revenue", "en") in [i.value for i in at.info]


@pytest.mark.parametrize("folder", FOLDERS)
def test_economic_page_equals_the_database_and_the_hand_reading(
    app_db: Path, con, folder: str
) -> None:
    at = run_page(folder, "economic")
    economic = run_query(con, folder, "expenditure_economic")
    assert economic["table_key"].nunique() == 1, "one table, not several added together"
    table = at.dataframe[0].value
    assert len(table) == len(economic)
    groups = at.selectbox(key="qp_group").options
    assert len(groups) == len(set(groups)), "each group once"
    # the groups (类) as read by hand from the table the page shows
    titles = run_query(con, folder, "source_tables").set_index("table_key")["title"]
    shown_title = titles[economic["table_key"].iloc[0]]
    groups_read = [
        r
        for r in hand(folder)
        if r["section"] == "economic"
        and r["table"] in shown_title
        and r["column"] == "total"
        and len(r["code"]) == 3
    ]
    assert groups_read
    for r in groups_read:
        shown = table.loc[table["科目编码"] == r["code"], "合计（万元）"].iloc[0]
        assert Decimal(str(shown)).quantize(Decimal("0.0001")) == hand_wan(r), r
    if folder == JIANGSU:  # no 人员/公用 columns in this document: a sentence, no empty chart
        assert tr("msg.no_split_personnel_public") in [i.value for i in at.info]
        assert "人员经费（万元）" not in table.columns
    else:
        personnel = hand_row(folder, "economic", "合计", "personnel")
        shown = metrics(run_page(folder, "basic_project"))[tr("col.personnel_wan")].value
        assert shown == fmt.wan(hand_wan(personnel))


def test_checks_show_pages_and_check_kinds_in_words(app_db: Path, con) -> None:
    at = run_page(SH_DEPT, "checks")
    table = at.dataframe[0].value
    assert "原文页码" in table.columns
    checks = run_query(con, SH_DEPT, "check_results")
    page = pages_of(con, SH_DEPT)
    first = checks.iloc[0]
    lines = [int(x) for x in first["source_lines"].split(",")]
    pages = sorted({page[x] for x in lines})
    cell = table["原文页码"].iloc[0]
    assert str(pages[0]) in cell and str(pages[-1]) in cell
    assert not set(table["核对类型"]) & set(checks["check_kind"]), "kinds in words"


# --- which document: the sidebar and the URL ---------------------------------------------------


def test_the_url_opens_either_document_of_a_department_year(app_db: Path, con) -> None:
    for folder in (SH_DEPT, SH_UNIT):
        at = run_page(folder, "overview")
        box = at.sidebar.selectbox(key="qp_doc")
        assert box.value == document_id(folder)
        # department and year are chosen above: the choice reads as the kind of document
        assert box.options == ["部门预算", "单位预算"]
        title = run_query(con, folder, "deck_document")["title"].iloc[0]
        assert at.caption[0].value == title
        query = at.query_params["doc"]
        assert (query[0] if isinstance(query, list) else query) == document_id(folder)


def test_choosing_the_other_document_in_the_sidebar_switches_the_view(app_db: Path, con) -> None:
    at = run_page(SH_DEPT, "economic")
    box = at.sidebar.selectbox(key="qp_doc")
    assert len(box.options) == 2
    box.set_value(document_id(SH_UNIT)).run()
    assert not at.exception
    title = run_query(con, SH_UNIT, "deck_document")["title"].iloc[0]
    assert at.caption[0].value == title
    query = at.query_params["doc"]
    assert (query[0] if isinstance(query, list) else query) == document_id(SH_UNIT)
    # the figures are the unit document's own (its economic table has its own lines)
    lines = run_query(con, SH_UNIT, "expenditure_economic")["source_line"]
    assert list(at.dataframe[0].value["原文行号"]) == list(lines)


def test_a_document_alone_in_its_year_has_no_document_choice(app_db: Path) -> None:
    at = run_page(JIANGSU, "overview")
    assert not [s for s in at.sidebar.selectbox if s.key == "qp_doc"]


# --- presenter mode: the slides of the chosen document ----------------------------------------


@pytest.mark.parametrize("folder", FOLDERS)
def test_presenter_steps_through_the_documents_slides(app_db: Path, con, folder: str) -> None:
    from budgetlens import storyline

    doc = document_id(folder)
    slides = storyline.slides(con, doc.split("-")[0], int(doc.split("-")[1]), "zh", doc)
    at = run_page(folder, "presenter")
    for k in range(1, len(slides) + 1):
        shown = " ".join(m.value for m in at.markdown)
        assert slides[k - 1].title in shown and f"{k} / {len(slides)}" in shown
        for text in texts(at):
            assert not MISSING.search(text), text
        if k < len(slides):
            next(b for b in at.button if b.label == tr("btn.next")).click().run()
            assert not at.exception
    labels = [b.proto.label for b in at.get("download_button")]
    assert tr("btn.deck") in labels and tr("btn.workbook") in labels


def test_without_doc_in_the_url_the_department_document_opens(app_db: Path) -> None:
    doc = document_id(SH_UNIT)
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.query_params["department"], at.query_params["year"] = doc.split("-")[:2]
    at.run()  # the catalogue (several documents, none named): its sidebar has no picker
    assert not at.exception
    assert not [s for s in at.sidebar.selectbox if s.key != "qp_lang"]
    at.switch_page("pages/overview.py").run()
    assert not at.exception
    assert at.sidebar.selectbox(key="qp_doc").value == document_id(SH_DEPT)
