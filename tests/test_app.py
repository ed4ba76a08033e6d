"""Smoke and consistency tests of the Streamlit dashboard (app.py, pages/, ui/, queries/).

Every test runs the real app with Streamlit's AppTest against a database built from the seed
through the CLI (the ``seed_db`` fixture), so the numbers on screen are compared with what the
database says, never with figures typed into the app.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import duckdb
import pandas as pd
import pytest
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from budgetlens import db, queries
from tests.conftest import MANY_DOCUMENT_PAGES, PAGES, pin_navigation_mode, read_fixture
from ui import fmt
from ui.components import tables_csv_zip_bytes, tables_xlsx_bytes, to_csv_bytes
from ui.i18n import TRANSLATIONS

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
DEPARTMENT = "晋城市科学技术局"
YEAR = 2024
DOCUMENT = f"{DEPARTMENT}-{YEAR}-预算-部门"
TIMEOUT = 60
LEGACY_TESTS = "test_page_runs_alone"


@pytest.fixture(autouse=True)
def navigation_mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run AppTest the way a live server runs the app: with st.navigation, not the pages folder.

    A server detects the legacy ``pages/`` folder once and the first st.navigation call switches
    that off for good. AppTest re-detects it before every run, so after switch_page() it would run
    the page script alone (legacy mode), outside app.py. Pin the detection off.
    """
    if request.node.name.startswith(LEGACY_TESTS):
        return  # these tests are about the legacy mode itself
    pin_navigation_mode(monkeypatch)


@pytest.fixture(scope="module")
def dashboard_db(seed_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A private copy of the seed database (built by the CLI) for the dashboard.

    The app keeps a cached read-only connection open for the whole process; DuckDB refuses to open
    the same file with another configuration, so sharing seed_db would break the other tests.
    """
    path = tmp_path_factory.mktemp("dashboard") / "budget.duckdb"
    shutil.copyfile(seed_db, path)
    return path


@pytest.fixture
def app_db(dashboard_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the dashboard at its database through BUDGETLENS_DB, as a deployment would."""
    monkeypatch.setenv("BUDGETLENS_DB", str(dashboard_db))
    return dashboard_db


@pytest.fixture
def con(app_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the same database, to compute expected values."""
    # Same configuration as the app's connection: DuckDB refuses a second, different one.
    connection = db.connect(app_db, read_only=True)
    yield connection
    connection.close()


def db_query(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> pd.DataFrame:
    return queries.run(con, name, document=DOCUMENT, **params)


def run_page(page: str | None = None, **params: str) -> AppTest:
    """Run the app with the given query parameters, then switch to ``pages/<page>.py``."""
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    if page is not None and page != "overview":
        at.switch_page(f"pages/{page}.py")
        at.run()
    assert not at.exception, at.exception
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def chart_specs(at: AppTest) -> list[dict]:
    # Plotly charts come back as UnknownElement: their figure is the JSON in proto.spec.
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


# --- every page runs --------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_without_exception(app_db: Path, page: str, lang: str) -> None:
    at = run_page(page, lang=lang, q="科技")
    assert not at.exception
    if page == "presenter":  # full screen: the slide's heading, no page title
        assert not at.title
        assert any(m.value.startswith("<h1") for m in at.markdown)
    else:
        assert at.title, "every page has a title"
        expected = TRANSLATIONS[f"nav.{page}"][1 if lang == "en" else 0]
        assert at.title[0].value == expected


@pytest.mark.parametrize("page", PAGES)
def test_every_chart_has_title_unit_and_source(app_db: Path, page: str) -> None:
    # title, unit and source are part of the figure, so the PNG download carries them too
    at = run_page(page, q="科技")
    for el in at.get("plotly_chart"):
        spec = json.loads(el.proto.spec)
        title = spec["layout"]["title"]["text"]
        assert re.search(r"（(万元|个|%|万元/人)）$", title), title
        notes = [a["text"].replace("<br>", "") for a in spec["layout"].get("annotations", [])]
        assert any(n.startswith("来源：") and "第" in n for n in notes), notes
        assert json.loads(el.proto.config)["toImageButtonOptions"]["format"] == "png"


@pytest.mark.parametrize("page", [p for p in PAGES if p not in ("overview", "presenter")])
def test_every_table_on_a_page_downloads_as_xlsx_and_csv(app_db: Path, page: str) -> None:
    at = run_page(page, q="科技")
    # a phone's copy of a table (数据核对's, its cells wrapping: a row height set) says what the
    # wide table says and is not offered again
    shown = [d.value for d in at.dataframe if not d.proto.row_height]
    assert shown
    keys = [b.proto.id.rsplit("-", 1)[-1] for b in at.get("download_button")]
    assert len(keys) == 2 and keys[0].endswith("page_xlsx") and keys[1].endswith("page_csv")
    # what the buttons' callables get: the tables on screen, in order (the performance page's
    # scorecards are shown as lists and offered as tables too: set aside here)
    offered = ("绩效指标",)
    tables = [
        (n, df)
        for n, df in at.session_state["_budgetlens_page_tables"]
        if page != "performance" or not n.startswith(offered)
    ]
    if page == "performance":
        assert len(tables) < len(at.session_state["_budgetlens_page_tables"])
    assert [len(df) for _, df in tables] == [len(df) for df in shown]
    book = pd.read_excel(io.BytesIO(tables_xlsx_bytes(tables)), sheet_name=None)
    assert [len(sheet) for sheet in book.values()] == [len(df) for df in shown]
    assert [list(sheet.columns) for sheet in book.values()] == [list(df.columns) for df in shown]
    with zipfile.ZipFile(io.BytesIO(tables_csv_zip_bytes(tables, YEAR))) as archive:
        names = archive.namelist()
        assert len(names) == len(shown) and all(n.endswith(f"-{YEAR}.csv") for n in names)
        for name, df in zip(names, shown, strict=True):
            raw = archive.read(name)
            assert raw.startswith(b"\xef\xbb\xbf")
            assert len(pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig")) == len(df)


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_alone_with_its_sidebar(app_db: Path, page: str) -> None:
    """A fresh server's first run of a deep link (and AppTest's own page switch) runs the page
    script without app.py: the page still draws the sidebar and works."""
    at = run_page(page, lang="en")
    assert not at.exception
    assert at.sidebar.selectbox(key="qp_lang").value == "en"
    pickers = [s.key for s in at.sidebar.selectbox]
    if page in MANY_DOCUMENT_PAGES:  # a page over many documents shows none: no picker
        assert pickers == ["qp_lang"]
    else:
        assert at.sidebar.selectbox(key="qp_department").value == DEPARTMENT


# --- the seed's headline figure --------------------------------------------------------------


def test_overview_shows_expenditure_total_from_db(app_db: Path, con) -> None:
    at = run_page()
    shown = metrics(at)
    total = db_query(con, "expenditure_function").query("level == 0")["total_wan"].iloc[0]
    assert shown["支出总计（万元）"] == fmt.wan(total)
    assert shown["支出总计（万元）"] == "4,266.91"


def test_total_is_never_typed_into_app_code() -> None:
    files = [APP, *(ROOT / "pages").glob("*.py"), *(ROOT / "ui").glob("*.py")]
    files += list((ROOT / "queries").glob("*.sql"))
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert "4,266.91" not in text and "4266.91" not in text, path


# --- URL state ---------------------------------------------------------------------------------


def test_query_string_restores_a_view(app_db: Path, con) -> None:
    at = run_page("revenue_expenditure", lang="en", code="206", department=DEPARTMENT)
    assert at.title[0].value == "Revenue & expenditure"
    assert at.selectbox(key="qp_code").value == "206"
    assert at.sidebar.selectbox(key="qp_lang").value == "en"
    table = at.dataframe[0].value
    expected = db_query(con, "expenditure_function").query("class_code == '206'")
    assert list(table["Code"]) == list(expected["code"])
    assert at.query_params["code"] == ["206"] or at.query_params["code"] == "206"


def test_language_switch_changes_labels(app_db: Path) -> None:
    at = run_page()
    assert "支出总计（万元）" in metrics(at)
    at.sidebar.selectbox(key="qp_lang").set_value("en").run()
    assert not at.exception
    assert "Total expenditure (10k yuan)" in metrics(at)


def test_project_param_opens_that_scorecard(app_db: Path, con) -> None:
    at = run_page("performance", project="遗属生活补助")
    assert at.selectbox(key="qp_project").value == "遗属生活补助"


@pytest.mark.parametrize(
    "params",
    [
        {"department": "不存在的部门", "year": "abc", "lang": "xx"},
        {"year": "1900", "lang": ""},
        {"code": "999", "project": "<script>alert(1)</script>", "status": "bogus"},
        {"group": "'; drop table document; --", "kind": "%", "q": "%_\\"},
    ],
)
@pytest.mark.parametrize("page", ["overview", "revenue_expenditure", "performance", "checks"])
def test_invalid_query_params_fall_back_to_defaults(app_db: Path, page: str, params) -> None:
    at = run_page(page, **params)
    assert not at.exception
    assert at.sidebar.selectbox(key="qp_department").value == DEPARTMENT
    assert at.sidebar.selectbox(key="qp_year").value == YEAR
    assert at.sidebar.selectbox(key="qp_lang").value == "zh"


def asking_for_page(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Make the next run ask for the page ``name`` by its path, as a browser opening
    ``/<name>`` does (AppTest itself only asks for pages it knows, by their hash)."""
    original = PagesManager.set_script_intent
    asked: list[str] = []

    def intent(self: PagesManager, page_script_hash: str, page_name: str) -> None:
        if not asked:  # the script runner's call, before the script: the browser's request
            asked.append(name)
            page_name = page_name or name
        original(self, page_script_hash, page_name)

    monkeypatch.setattr(PagesManager, "set_script_intent", intent)


BAD_PAGE = {
    "zh": "链接中的页面“{value}”不存在，已改为显示首页。",
    "en": "The link's page “{value}” does not exist; the home page is shown instead.",
}
HOME = {"zh": "总览", "en": "Overview"}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_unknown_page_path_gets_a_sentence_and_the_home_page(
    app_db: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    asking_for_page(monkeypatch, "nosuch")
    at = run_page(lang=lang)
    assert [w.value for w in at.warning] == [BAD_PAGE[lang].format(value="nosuch")]
    assert at.title[0].value == HOME[lang]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_home_pages_own_name_opens_it_without_a_sentence(
    app_db: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    asking_for_page(monkeypatch, "overview")  # the home page's path is "/"
    at = run_page(lang=lang)
    assert not at.warning
    assert at.title[0].value == HOME[lang]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_page_parameter_opens_that_page_or_says_it_does_not_exist(
    app_db: Path, lang: str
) -> None:
    def opened(page: str) -> AppTest:  # ?page=… (run_page's ``page`` switches pages itself)
        at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
        at.query_params.update(page=page, lang=lang)
        at.run()
        assert not at.exception, at.exception
        return at

    at = opened("nosuch")
    assert [w.value for w in at.warning] == [BAD_PAGE[lang].format(value="nosuch")]
    assert at.title[0].value == HOME[lang]
    at = opened("projects")
    assert not at.warning
    assert at.title[0].value == TRANSLATIONS["nav.projects"][1 if lang == "en" else 0]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(
    ("param", "value", "what"),
    [("doc", "nosuch", "filter.document"), ("year", "1999", "filter.year")],
)
def test_an_unknown_document_or_year_gets_a_sentence_in_the_pages_language(
    app_db: Path, lang: str, param: str, value: str, what: str
) -> None:
    at = run_page(lang=lang, **{param: value})
    label = TRANSLATIONS[what][1 if lang == "en" else 0]
    expected = TRANSLATIONS["msg.bad_param"][1 if lang == "en" else 0]
    assert [w.value for w in at.warning] == [expected.format(value=value, what=label)]
    assert at.title[0].value == HOME[lang]
    assert at.sidebar.selectbox(key="qp_year").value == YEAR


def test_a_phone_gets_the_money_flow_as_a_table(app_db: Path) -> None:
    """The sankey is drawn for wide screens only; a phone (≤ 640 px, a CSS media query) gets
    the same flows as a table: each source of funds into each 类 (表2 收入总表, lines 164–224),
    and each 类 into 基本/项目 (表3 支出总表, lines 201–224), as read by hand."""
    at = run_page("overview")
    styles = " ".join(h.proto.body for h in at.get("html"))
    assert "@media (max-width: 640px) { .st-key-money_flow_wide { display: none; } }" in styles
    assert "@media (min-width: 641px) { .st-key-money_flow_phone { display: none; } }" in styles
    # a static table (its cells wrap on a phone): both columns fit 390 px
    table = next(d.value for d in at.table if "资金流向" in d.value.columns)
    assert list(table.columns) == ["资金流向", "金额（万元）"]
    shown = {
        tuple(flow.split(" → ")): Decimal(str(v).replace(",", ""))
        for flow, v in zip(table["资金流向"], table["金额（万元）"], strict=True)
    }
    expected = {}
    for r in read_fixture("revenue_by_function.csv"):
        if len(r["code"]) == 3:  # a 类
            for column, source in (
                ("general_budget", "一般公共预算"),
                ("carried_over", "上年结转"),
            ):
                if r[column]:
                    expected[(source, r["name"])] = Decimal(r[column])
    for r in read_fixture("function_tables.csv"):
        if r["table"] == "expenditure_total" and len(r["code"]) == 3:
            for column, part in (("basic", "基本支出"), ("project", "项目支出")):
                if r[column]:
                    expected[(r["name"], part)] = Decimal(r[column])
    assert shown == expected


def test_missing_database_is_a_sentence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BUDGETLENS_DB", str(tmp_path / "nowhere.duckdb"))
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    assert not at.exception
    assert at.error and "budgetlens ingest" in at.error[0].value


def test_empty_database_is_a_sentence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "empty.duckdb"
    db.connect(path).close()  # schema only, no document
    monkeypatch.setenv("BUDGETLENS_DB", str(path))
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    assert not at.exception
    assert at.warning and "budgetlens ingest" in at.warning[0].value


@pytest.mark.parametrize("problem", ["not_duckdb", "other_schema", "bad_setting"])
def test_a_broken_database_or_setting_is_a_sentence(
    problem: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / f"{problem}.duckdb"
    if problem == "not_duckdb":
        path.write_text("not a database", encoding="utf-8")
        expected = "is not a DuckDB database"
    else:
        con = db.connect(path)  # schema only
        if problem == "other_schema":
            con.execute("update schema_info set version = 'older-schema'")
            expected = "another version of the BudgetLens schema"
        con.close()
    if problem == "bad_setting":
        monkeypatch.setenv("BUDGETLENS_MAX_EXECUTION_MS", "soon")
        expected = "BUDGETLENS_MAX_EXECUTION_MS"
    monkeypatch.setenv("BUDGETLENS_DB", str(path))
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    assert not at.exception
    assert at.error and expected in at.error[0].value


# --- numbers on screen equal the database -----------------------------------------------------


def test_overview_numbers_match_db(app_db: Path, con) -> None:
    at = run_page()
    shown = metrics(at)
    kf = db_query(con, "key_figures").set_index("key")["value"]
    total = db_query(con, "expenditure_function").query("level == 0").iloc[0]
    assert shown["收入总计（万元）"] == fmt.wan(kf["revenue_total"])
    assert shown["本年预算（万元）"] == fmt.wan(kf["expenditure_current_year"])
    assert shown["上年结转（万元）"] == fmt.wan(kf["expenditure_carried_over"])
    assert shown["基本支出"] == fmt.wan(total["basic_wan"])
    assert shown["项目支出"] == fmt.wan(total["project_wan"])
    assert shown["机关运行经费（万元）"] == fmt.wan(kf["admin_operating_total"])
    assert shown["政府采购（万元）"] == fmt.wan(kf["procurement_total"])
    # The reconciliation badge counts the contradictions only (agreement and rounding are no
    # news), as check_result holds them.
    counts = db_query(con, "check_status_counts").set_index("status")["checks_n"]
    badge = " ".join(m.value for m in at.markdown)
    assert f"文件数字之间的矛盾** :red-badge[{int(counts['mismatch'])} 处]" in badge
    assert "一致 " not in badge and "尾差" not in badge


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_overview_class_chart_keeps_its_names_whole_on_a_phone(
    app_db: Path, con, lang: str
) -> None:
    """The 类 chart's names on lines of at most 24 Latin or 10 Chinese characters (about
    120 px: a phone keeps room for the bars), nothing of a name lost; the legend in a row above
    the plot, not over the bars; the axis makes room for its names."""
    from budgetlens import vocabulary

    at = run_page(None, lang=lang)
    title = {"zh": "支出功能分类（类）", "en": "Expenditure by functional class"}[lang]
    spec = next(s for s in chart_specs(at) if s["layout"]["title"]["text"].startswith(title))
    names = db_query(con, "expenditure_function").query("level == 1")["name"]
    shown = spec["data"][0]["y"]
    assert [y.replace("<br>", " ") for y in shown] == [
        vocabulary.class_name(n, lang) for n in names
    ]
    for label in shown:
        for line in label.split("<br>"):
            assert len(line) <= (10 if re.search(r"[\u4e00-\u9fff]", line) else 24), label
    if lang == "en":
        assert any("<br>" in y for y in shown)  # the long English names do wrap
    legend = spec["layout"]["legend"]
    assert (legend["orientation"], legend["y"], legend["yanchor"]) == ("h", 1, "bottom")
    assert spec["layout"]["yaxis"]["automargin"] is True


def test_overview_admin_operating_without_a_stated_figure_is_the_department_total(
    seed_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a copy without the stated 机关运行经费 figure (l.513), the 概览 page shows the 部门合计
    of its table by unit (l.422: 54.87 万元), not the unit's row nor nothing."""
    path = tmp_path / "budget.duckdb"
    shutil.copyfile(seed_db, path)
    con = db.connect(path)
    try:
        con.execute("delete from key_figure where key = 'admin_operating_total'")
    finally:
        con.close()
    monkeypatch.setenv("BUDGETLENS_DB", str(path))
    at = run_page()
    shown = {m.label: m for m in at.metric}
    assert "机关运行经费（万元）" in shown  # the old query marked no row of the table its total
    admin = shown["机关运行经费（万元）"]
    assert admin.value == "54.87"
    assert "422" in admin.proto.help


def test_overview_three_public_empty_table_is_a_sentence(app_db: Path) -> None:
    at = run_page()
    assert any("本表无数据" in c.value for c in at.caption)


def test_revenue_expenditure_numbers_match_db(app_db: Path, con) -> None:
    at = run_page("revenue_expenditure")
    table = at.dataframe[0].value
    expected = db_query(con, "expenditure_function").query("level >= 1")
    assert list(table["科目编码"]) == list(expected["code"])
    assert list(table["合计（万元）"].round(2)) == list(
        expected["total_wan"].astype(float).round(2)
    )
    sources = at.dataframe[2].value
    db_sources = db_query(con, "revenue_by_source")
    assert sources["金额（万元）"].fillna(0).sum() == pytest.approx(
        db_sources["amount_wan"].fillna(0).astype(float).sum()
    )


def test_basic_project_numbers_match_db(app_db: Path, con) -> None:
    at = run_page("basic_project")
    total = db_query(con, "expenditure_economic").query("row_kind == 'total'").iloc[0]
    shown = metrics(at)
    assert shown["人员经费（万元）"] == fmt.wan(total["personnel_wan"])
    assert shown["公用经费（万元）"] == fmt.wan(total["public_wan"])


def test_economic_numbers_match_db(app_db: Path, con) -> None:
    at = run_page("economic")
    economic = db_query(con, "expenditure_economic")
    table = at.dataframe[0].value
    assert len(table) == len(economic)
    assert table["合计（万元）"].sum() == pytest.approx(economic["total_wan"].astype(float).sum())


def test_economic_group_drilldown(app_db: Path, con) -> None:
    at = run_page("economic", group="商品和服务支出")
    table = at.dataframe[0].value
    expected = db_query(con, "expenditure_economic").query("group_name == '商品和服务支出'")
    assert len(table) == len(expected)


def test_projects_numbers_match_db(app_db: Path, con) -> None:
    at = run_page("projects")
    projects = db_query(con, "projects")
    table = at.dataframe[0].value
    assert list(table["项目"]) == list(projects["project"])
    assert list(table["合计（万元）"]) == list(projects["total_wan"].astype(float))
    assert metrics(at)["项目数"] == str(len(projects))


def test_projects_detail_shows_funds_in_wan(app_db: Path, con) -> None:
    """Project funds are published in 元; the page shows them in 万元 like every other amount."""
    at = run_page("projects", project="科技计划项目")
    funds = db_query(con, "performance_funds", project="科技计划项目")
    total = funds.query("source_key == 'total' and period == '年度'")["amount_yuan"].iloc[0]
    table = at.dataframe[1].value
    assert float(Decimal(str(total)) / 10000) in set(table["年度（万元）"].dropna())


def test_performance_numbers_match_db(app_db: Path, con) -> None:
    at = run_page("performance", project="科技计划项目")
    indicators = db_query(con, "performance_indicators", project="科技计划项目")
    annual = indicators[indicators["period"] == "年度"]
    assert metrics(at)["指标数"] == str(len(annual))
    checks = db_query(con, "project_checks", project="科技计划项目")
    assert int(metrics(at)["不一致核对"]) == int((checks["status"] == "mismatch").sum())
    # 实施期 and 年度 differ for this project: both are shown side by side.
    assert any(m.value == "#### 实施期" for m in at.markdown)
    assert any(m.value == "#### 年度" for m in at.markdown)
    # the targets as a scorecard: grouped by 一级/二级, each marked quantified or not
    card = "\n".join(m.value for m in at.markdown)
    assert "##### 产出指标" in card and "**数量指标**" in card
    # a badge marks one target: 可量化 / 未量化, not the plural count's label (可量化指标)
    assert ":green-badge[可量化]" in card and ":gray-badge[未量化]" in card
    assert "badge[可量化指标]" not in card


def test_performance_badges_in_english_name_one_target(app_db: Path) -> None:
    at = run_page("performance", project="科技计划项目", lang="en")
    card = "\n".join(m.value for m in at.markdown)
    assert ":green-badge[Quantified]" in card and ":gray-badge[Not quantified]" in card
    assert "targets]" not in card  # no plural on one target


def test_checks_numbers_match_db_and_filter(app_db: Path, con) -> None:
    checks = db_query(con, "check_results")
    at = run_page("checks")
    for status, label in (
        ("ok", "一致"),
        ("rounding", "尾差"),
        ("mismatch", "不一致"),
        ("unjudged", "无法判断"),
    ):
        assert metrics(at)[label] == str(int((checks["status"] == status).sum()))
    assert len(at.dataframe[0].value) == len(checks)
    # the rule set applied, and what each status means, in words
    text = " ".join(m.value for m in at.markdown) + " ".join(c.value for c in at.caption)
    assert "晋城文本版式规则集" in text and "无法判断" in text and "未能读出" in text
    at = run_page("checks", status="mismatch")
    shown = at.dataframe[0].value
    assert len(shown) == int((checks["status"] == "mismatch").sum())
    # no identifier in the Chinese page: subjects and details are labelled
    for column in ("核对内容", "说明", "核对类型"):
        assert not shown[column].str.contains(r"[a-z]+_[a-z]+").any(), column
    at = run_page("checks", status="unjudged")
    lost = at.dataframe[0].value
    assert len(lost) == int((checks["status"] == "unjudged").sum()) > 0
    assert lost["说明"].str.startswith("未读到").all()


def test_checks_tables_show_what_was_compared_and_the_amounts_first(app_db: Path, con) -> None:
    """The wide table: status, what was compared and the three amounts before the kind, the
    detail and the lines; the phone's table (a CSS media query shows one of the two): what was
    compared after its status, wrapping (row height above 64 px), and the three amounts in
    columns that fit a 390 px screen's 358 px table beside it."""
    mismatches = db_query(con, "check_results").query("status == 'mismatch'").sort_values("seq")
    at = run_page("checks", status="mismatch")
    wide, phone = at.dataframe[0], at.dataframe[1]
    assert list(wide.value.columns) == [
        "状态", "核对内容", "应为", "实际", "差额", "核对类型", "说明", "原文行号",
    ]  # fmt: skip
    assert list(phone.value.columns) == [
        "核对内容", "应为", "实际", "差额", "核对类型", "说明", "原文行号",
    ]  # fmt: skip
    assert (phone.value["核对内容"] == "不一致：" + wide.value["核对内容"]).all()
    for column, key in (("应为", "expected_value"), ("实际", "actual_value")):
        assert phone.value[column].tolist() == pytest.approx(
            mismatches[key].astype(float).tolist(), nan_ok=True
        )
    assert phone.proto.row_height > 64  # Streamlit wraps a cell's text only above 4rem
    widths = {k: v.get("width") for k, v in json.loads(phone.proto.columns).items()}
    shown = [widths[c] for c in ("核对内容", "应为", "实际", "差额")]
    assert all(isinstance(w, int) for w in shown) and sum(shown) <= 390 - 2 * 16
    # the phone's table is not offered a second time with the page's downloads
    names = [name for name, _ in at.session_state["_budgetlens_page_tables"]]
    assert names.count("数据核对") == 1, names


def test_glossary_numbers_match_db(app_db: Path, con) -> None:
    at = run_page("glossary")
    assert list(at.dataframe[0].value["名词"]) == list(db_query(con, "glossary")["term"])


def test_search_matches_db(app_db: Path, con) -> None:
    at = run_page("search", q="科技")
    expected = queries.run(con, "search_all", pattern="%科技%")
    assert len(at.dataframe[0].value) == len(expected) > 0
    at = run_page("search", q="这个词不存在")
    assert not at.dataframe


def search_links(q: str, lang: str = "zh") -> list[tuple[str, str]]:
    """(label, page) of the search page's links for ``q``: the topic's first, then the hits."""
    at = run_page("search", q=q, lang=lang)
    return [(p.proto.label, p.proto.page) for p in at.get("page_link")]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_search_for_a_topic_leads_to_its_figure_and_page(app_db: Path, lang: str) -> None:
    """绩效, 三公 and 基本支出 lead to the page on them, with the document's figure and where it
    is printed (hand readings: 基本支出 1,120.79 on line 200, the 支出总表's 合计; “三公”经费
    0 on line 507), and a stated figure on the topic opens that topic's page."""
    zh = lang == "zh"
    figures = {r["description"]: r for r in read_fixture("key_figures.csv")}
    total = next(
        r
        for r in read_fixture("function_tables.csv")
        if r["table"] == "expenditure_total" and r["name"] == "合计"
    )
    basic = search_links("基本支出", lang)
    assert basic[0][1] == "basic_project"
    assert f"{fmt.wan(Decimal(total['basic']))} " in basic[0][0]
    assert (f"第{total['line']}行" if zh else f"line {total['line']}") in basic[0][0]
    three = search_links("三公", lang)
    assert three[0][1] == ""  # the overview, the home page
    stated = figures["财政拨款安排的“三公”经费预算"]
    assert f"{fmt.wan(Decimal(stated['value']))} " in three[0][0]
    assert (f"第{stated['line']}行" if zh else f"line {stated['line']}") in three[0][0]
    performance = search_links("绩效", lang)
    assert performance[0][1] == "performance"
    # the amount the performance targets cover, stated on line 531: a hit that opens 绩效
    amount = fmt.wan(Decimal(figures["纳入绩效目标管理的二级项目金额"]["value"]))
    assert any(amount in label and page == "performance" for label, page in performance[1:])
    # every stated figure found opens its topic's page, not the overview
    for label, page in performance[1:]:
        assert page == "performance", label


def test_search_ranks_projects_by_amount_before_indicators_and_glossary(app_db: Path) -> None:
    """科技: the projects and 科目 first, largest first (科技计划项目 2,007.00, projects.csv line
    436), then stated figures, indicators, glossary terms; each indicator names its project."""
    at = run_page("search", q="科技")
    table = at.dataframe[0].value
    order = {"项目": 1, "功能分类科目": 1, "文件载明的数字": 2, "绩效指标": 3, "名词解释": 4}
    ranks = [order[k] for k in table["类型"]]
    assert ranks == sorted(ranks) and ranks[-1] > 1
    first = table[[r == 1 for r in ranks]]["金额（万元）"].tolist()
    assert first == sorted(first, reverse=True)
    top = next(r for r in read_fixture("projects.csv") if r["line"] == "436")
    assert (table["名称"].iloc[0], table["金额（万元）"].iloc[0]) == (
        top["project"],
        pytest.approx(float(top["total"])),
    )
    labels = [p.proto.label for p in at.get("page_link")]
    assert labels[0].startswith(f"项目：{top['project']} · {fmt.wan(Decimal(top['total']))} 万元")
    indicators = table[table["类型"] == "绩效指标"]
    assert len(indicators) and indicators["项目"].map(lambda p: isinstance(p, str) and p).all()
    links = search_links("满意度")
    hits = [label for label, page in links if page == "performance"]
    assert hits and all("所属项目：" in label for label in hits)


AMOUNT_LABEL = re.compile(r"\d[\d,]*\.\d{2}(?!\d)(?!\s*%)")
CHART_PAGES = ("overview", "revenue_expenditure", "basic_project", "economic", "projects")
CHART_PAGES += ("performance", "compare", "trends")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", CHART_PAGES)
def test_charts_do_not_repeat_headings_and_label_amounts_with_units(
    app_db: Path, page: str, lang: str
) -> None:
    """No chart is titled (or subtitled) with the heading above it; a chart's unit is in the
    page's language; every amount written on a bar or slice carries its unit."""
    at = run_page(page, lang=lang)
    headings = {h.value for h in [*at.header, *at.subheader]}
    unit = TRANSLATIONS["unit.wan"][1 if lang == "en" else 0]
    for spec in chart_specs(at):
        title = spec["layout"].get("title", {})
        text = title.get("text", "")
        head = re.sub(r"[（(][^（）()]*[）)]$", "", text).strip()
        subtitle = (title.get("subtitle") or {}).get("text")
        assert head not in headings and subtitle not in headings, (text, subtitle, headings)
        tail = re.search(r"[（(]([^（）()]*)[）)]$", text)
        if lang == "en" and tail:
            assert not re.search(r"[\u4e00-\u9fff]", tail.group(1)), text
        for trace in spec["data"]:
            template = trace.get("texttemplate") or ""
            if ":,.2f}" in template:
                assert unit in template, template
            for label in trace.get("text") or []:
                if isinstance(label, str) and AMOUNT_LABEL.search(label):
                    assert unit in label, (text, label)


# --- units, library rules ----------------------------------------------------------------------


def test_amount_format() -> None:
    assert fmt.wan(4266.91) == "4,266.91"
    assert fmt.wan(3143.5) == "3,143.50"
    assert fmt.wan(None) == fmt.MISSING
    assert fmt.wan(float("nan")) == fmt.MISSING
    assert fmt.signed(1199.63) == "+1,199.63"
    assert fmt.signed(-2.55) == "-2.55"
    assert fmt.pct(39.11) == "39.11%"


def test_downloads_are_utf8_bom_csv_and_xlsx() -> None:
    df = pd.DataFrame({"名词": ["基本支出"], "金额（万元）": [1.5]})
    csv = to_csv_bytes(df)
    assert csv.startswith(b"\xef\xbb\xbf")
    assert "基本支出" in csv.decode("utf-8-sig")
    assert tables_xlsx_bytes([("glossary", df)]).startswith(b"PK")


def test_downloaded_sheets_and_files_have_distinct_valid_names() -> None:
    df = pd.DataFrame({"a": [1]})
    long = "indicators_annual_科技研发基地运营管理费和其他很长的项目名称"
    tables = [(long, df), (long, df), ("a/b:c", df)]
    book = pd.read_excel(io.BytesIO(tables_xlsx_bytes(tables)), sheet_name=None)
    assert len(book) == 3 and all(len(name) <= 31 for name in book)
    assert not any(c in name for name in book for c in "[]:*?/\\")
    with zipfile.ZipFile(io.BytesIO(tables_csv_zip_bytes(tables, YEAR))) as archive:
        assert len(set(archive.namelist())) == 3


@pytest.mark.parametrize("name", ["../schema", "Documents", "documents.sql", "", "no_such_query"])
def test_load_sql_rejects_bad_names(name: str) -> None:
    with pytest.raises(ValueError):
        queries.load_sql(name)


def _dashboard_queries() -> list[Path]:
    """The query files the dashboard uses (other files in queries/ belong to other features)."""
    names: set[str] = set()
    for path in [*(ROOT / "pages").glob("*.py"), *(ROOT / "ui").glob("*.py")]:
        text = path.read_text(encoding="utf-8")
        names |= set(re.findall(r"""\b(?:dept_)?query\(\s*["']([a-z0-9_]+)["']""", text))
    return sorted(ROOT / "queries" / f"{name}.sql" for name in names)


DASHBOARD_QUERIES = _dashboard_queries()


def test_dashboard_queries_exist() -> None:
    assert len(DASHBOARD_QUERIES) >= 15
    for path in DASHBOARD_QUERIES:
        assert path.is_file(), path


@pytest.mark.parametrize("path", DASHBOARD_QUERIES, ids=lambda p: p.stem)
def test_query_files_follow_the_conventions(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("--")]
    joined = "\n".join(header).lower()
    assert "purpose:" in joined and "grain:" in joined and "parameters:" in joined
    body = "\n".join(line for line in text.splitlines() if not line.startswith("--"))
    code = re.sub(r"'[^']*'", "''", body)  # literals may hold anything
    assert code == code.lower(), "SQL keywords and names are lowercase"
    assert "?" not in code, "named parameters only"
    assert ";" not in code, "one query per file"
    params = set(re.findall(r"\$([a-z_]+)", code))
    assert params <= {"document", "project", "pattern"}


def test_pages_hold_no_sql_and_never_import_duckdb() -> None:
    for path in [APP, *(ROOT / "pages").glob("*.py")]:
        text = path.read_text(encoding="utf-8")
        assert "import duckdb" not in text or path == APP, path
        assert not re.search(r"\bselect\b.+\bfrom\b", text, re.IGNORECASE), path
        assert "plotly.express" not in text, path
    for path in (ROOT / "pages").glob("*.py"):
        assert "set_page_config" not in path.read_text(encoding="utf-8"), path


def test_library_never_imports_streamlit() -> None:
    for path in (ROOT / "budgetlens").glob("*.py"):
        assert not re.search(
            r"^\s*(import|from)\s+streamlit", path.read_text(encoding="utf-8"), re.M
        )


def test_every_translation_key_used_exists() -> None:
    used: set[str] = set()
    for path in [APP, *(ROOT / "pages").glob("*.py"), *(ROOT / "ui").glob("*.py")]:
        used |= set(re.findall(r"""\bt\(\s*["']([a-z0-9_.]+)["']""", path.read_text("utf-8")))
    missing = sorted(k for k in used if k not in TRANSLATIONS and not k.endswith("."))
    assert not missing, missing
    assert all(len(pair) == 2 and all(pair) for pair in TRANSLATIONS.values())


# --- the database changes under a running app -----------------------------------------------


def test_a_republished_database_is_picked_up(
    seed_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "budget.duckdb"
    shutil.copyfile(seed_db, path)
    monkeypatch.setenv("BUDGETLENS_DB", str(path))
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    assert "支出总计（万元）" in metrics(at)
    # Publish an empty database by atomic rename, as deploy/publish_db.sh does.
    fresh = tmp_path / "fresh.duckdb"
    db.connect(fresh).close()
    os.replace(fresh, path)
    at.run()
    assert not at.exception
    assert at.warning and "budgetlens ingest" in at.warning[0].value


def test_pages_survive_a_cleared_cache(app_db: Path) -> None:
    """Any client can ask the server to clear the caches: the next rerun rebuilds them."""
    at = run_page("overview")
    st.cache_data.clear()
    st.cache_resource.clear()
    for page in PAGES:
        at.switch_page(f"pages/{page}.py").run()
        assert not at.exception, page


# --- presenter mode ---------------------------------------------------------------------------


def presenter_slides(con) -> list:
    from budgetlens import storyline

    return storyline.slides(con, DEPARTMENT, YEAR, "zh")


def slide_number(at: AppTest) -> int:
    return int(
        at.query_params["slide"][0]
        if isinstance(at.query_params["slide"], list)
        else at.query_params["slide"]
    )


def test_presenter_steps_through_every_slide_without_exception(app_db: Path, con) -> None:
    slides = presenter_slides(con)
    at = run_page("presenter")
    assert slide_number(at) == 1
    nxt = next(b for b in at.button if b.label == TRANSLATIONS["btn.next"][0])
    assert nxt.proto.shortcut.lower() == "right"  # the → key
    for k in range(2, len(slides) + 1):
        next(b for b in at.button if b.label == TRANSLATIONS["btn.next"][0]).click().run()
        assert not at.exception, (k, at.exception)
        assert slide_number(at) == k
        shown = " ".join(m.value for m in at.markdown)
        assert slides[k - 1].title in shown
        assert f"{k} / {len(slides)}" in shown
    last = next(b for b in at.button if b.label == TRANSLATIONS["btn.next"][0])
    assert last.disabled
    next(b for b in at.button if b.label == TRANSLATIONS["btn.previous"][0]).click().run()
    assert slide_number(at) == len(slides) - 1


def test_presenter_opens_the_slide_in_the_url_and_ignores_a_bad_one(app_db: Path, con) -> None:
    slides = presenter_slides(con)
    at = run_page("presenter", slide="4")
    assert slide_number(at) == 4
    assert slides[3].title in " ".join(m.value for m in at.markdown)
    for bad in ("0", "999", "abc", "-1", "4; drop table"):
        at = run_page("presenter", slide=bad)
        assert not at.exception and slide_number(at) == 1


def test_presenter_sentences_come_from_the_data(app_db: Path, con) -> None:
    slides = presenter_slides(con)
    overview = next(i for i, s in enumerate(slides, start=1) if s.key == "overview")
    at = run_page("presenter", slide=str(overview))
    shown = " ".join(m.value for m in at.markdown)
    total = con.execute(
        "select amount_wan from summary_item where table_key = 'income_expense_summary' "
        "and item = '收入总计'"
    ).fetchone()[0]
    assert f"{total:,.2f}" in shown
    assert all(s in shown for s in slides[overview - 1].sentences)


def test_presenter_offers_the_deck_and_the_workbook(app_db: Path) -> None:
    at = run_page("presenter")
    labels = [b.proto.label for b in at.get("download_button")]
    assert TRANSLATIONS["btn.deck"][0] in labels and TRANSLATIONS["btn.workbook"][0] in labels


def test_headline_figures_say_where_they_come_from(app_db: Path, con) -> None:
    at = run_page("overview")
    helps = {m.label: m.proto.help for m in at.metric}
    total = next(
        v for k, v in helps.items() if k.startswith(TRANSLATIONS["metric.expenditure_total"][0])
    )
    line = con.execute(
        "select source_line from expenditure_function where table_key = 'expenditure_total' "
        "and level = 0"
    ).fetchone()[0]
    assert "来源" in total and f"第{line}" in total
    revenue = next(
        v for k, v in helps.items() if k.startswith(TRANSLATIONS["metric.revenue_total"][0])
    )
    kf_line = con.execute(
        "select source_line from key_figure where key = 'revenue_total'"
    ).fetchone()[0]
    assert f"第{kf_line}" in revenue
