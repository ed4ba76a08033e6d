"""Many documents: the catalogue, comparison, trend and cross-document search queries and pages.

A database of five corpus PDFs documents (three years of the Jiangsu 人大常委会办公厅, two
Shanghai 普陀区 departments of 2025) and the Jincheng text is built once. The queries' figures are
compared with the values read by hand from the rendered pages (tests/fixtures/corpus/<folder>/
hand_read.csv), converted to 万元 here; the pages' figures with the database.
"""

from __future__ import annotations

import csv
import json
import shutil
import urllib.parse
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from budgetlens import aliases, cli, db, queries, vocabulary
from tests.conftest import SEED, read_fixture
from ui import fmt

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
CORPUS = ROOT / "tests" / "fixtures" / "corpus"
TIMEOUT = 90
SCALE = {"万元": Decimal(1), "元": Decimal(10000)}
JS = ("js-rdbgt-2017", "js-rdbgt-2018", "js-rdbgt-2019")
SH = ("sh-putuo-swj-2025-budget-dept", "sh-putuo-zfb-2025-budget-dept")
FOLDERS = (*JS, *SH)

# Where each catalogue figure stands in a folder's hand reading: (section, label, column).
# Jiangsu prints 支出合计 and 基本/项目 on its 收支预算总表 and the “三公”经费 as the 小计 of
# its 三公经费、会议费、培训费 table; Shanghai prints 支出总计 on its 收支总表, 基本/项目 on the
# 合计 row of its 支出预算总表 and 机关运行经费 beside the “三公”经费 (its header is its label).
HAND_KEYS = {
    "jiangsu": {
        "total": ("summary", "支出合计", "支出用途/金额"),
        "basic": ("summary", "一、基本支出", "支出用途/金额"),
        "project": ("summary", "二、项目支出", "支出用途/金额"),
        "three_public": ("three_public", "小计", ""),
        "admin": ("three_public", "机关运行经费", "机关运行经费支出"),
    },
    "shanghai": {
        "total": ("summary", "支出总计", "预算数"),
        "basic": ("function", "合计", "basic"),
        "project": ("function", "合计", "project"),
        "three_public": ("three_public", "合计", "“三公”经费预算数"),
        "admin": ("three_public", "机关运行经费预算数", "机关运行经费预算数"),
    },
}


def hand(folder: str) -> list[dict[str, str]]:
    with open(CORPUS / folder / "hand_read.csv", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def identity(folder: str) -> dict[str, str]:
    return {r["label"]: r["value"] for r in hand(folder) if r["section"] == "identity"}


def doc_id(folder: str) -> str:
    i = identity(folder)
    return f"{i['department']}-{i['year']}-{i['kind']}-{i['scope']}"


def hand_figure(folder: str, figure: str) -> tuple[Decimal, int] | None:
    """(value in 万元, page) of a catalogue figure as read by hand; None when not read."""
    section, label, column = HAND_KEYS["jiangsu" if folder in JS else "shanghai"][figure]
    for r in hand(folder):
        if r["section"] == section and r["label"] == label and r["column"] == column:
            value = Decimal(r["value"].replace(",", "")) / SCALE[r["unit"]]
            return value, int(r["page"])
    return None


@pytest.fixture(scope="module")
def many_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("many") / "budget.duckdb"
    files = [str(p) for f in FOLDERS for p in sorted((CORPUS / f).glob("*.pdf"))]
    assert cli.main(["ingest", str(SEED), *files, "--db", str(path)]) == 0
    return path


@pytest.fixture(scope="module")
def con(many_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = db.connect(many_db, read_only=True)
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def catalogue(con) -> pd.DataFrame:
    return queries.run(con, "catalogue").set_index("document")


# --- queries against the hand reading ---------------------------------------------------------


@pytest.mark.parametrize("folder", FOLDERS)
@pytest.mark.parametrize("figure", ["total", "basic", "project", "three_public", "admin"])
def test_catalogue_figure_and_its_page_equal_the_hand_reading(
    catalogue: pd.DataFrame, folder: str, figure: str
) -> None:
    expected = hand_figure(folder, figure)
    assert expected is not None, f"{folder}: no hand reading of {figure}"
    value, page = expected
    column = {"total": "total_wan", "admin": "admin_operating_wan"}.get(figure, f"{figure}_wan")
    row = catalogue.loc[doc_id(folder)]
    assert Decimal(str(row[column])).quantize(Decimal("0.0001")) == value.quantize(
        Decimal("0.0001")
    )
    if figure != "project":  # the project figure shares the 基本支出's line and page
        assert int(row[f"{'admin' if figure == 'admin' else figure}_page"]) == page


def test_catalogue_identity_and_government_from_the_documents(catalogue: pd.DataFrame) -> None:
    for folder in FOLDERS:
        row = catalogue.loc[doc_id(folder)]
        ident = identity(folder)
        assert (row["government"], row["department"], str(row["year"])) == (
            ident["government"],
            ident["department"],
            ident["year"],
        )
        assert (row["kind"], row["scope"]) == (ident["kind"], ident["scope"])
    assert catalogue.loc["晋城市科学技术局-2024-预算-部门", "government"] == "晋城市"


def test_catalogue_counts_each_documents_mismatches(con, catalogue: pd.DataFrame) -> None:
    results = con.execute("select document, status from check_result").fetchall()
    for document, row in catalogue.iterrows():
        statuses = [s for d, s in results if d == document]
        assert row["checks_mismatch"] == statuses.count("mismatch")
        assert row["checks_unjudged"] == statuses.count("unjudged")
        counted = ("checks_ok", "checks_rounding", "checks_mismatch", "checks_unjudged")
        assert sum(row[c] for c in counted) == len(statuses)
    # the Jincheng text has contradictions of its own (docs/reconciliation.md)
    assert catalogue.loc["晋城市科学技术局-2024-预算-部门", "checks_mismatch"] > 0


def test_catalogue_classes_are_the_hand_read_classes(con) -> None:
    classes = queries.run(con, "catalogue_classes")
    # Jiangsu prints its all-funds 类 by name on the 收支预算总表: coded from the national list
    js = classes[classes["document"] == doc_id("js-rdbgt-2018")].set_index("code")
    hand_201 = next(r for r in hand("js-rdbgt-2018") if r["label"] == "一、一般公共服务支出")
    assert Decimal(str(js.loc["201", "total_wan"])) == Decimal(hand_201["value"])
    assert js.loc["201", "name"] == "一般公共服务支出"
    assert int(js.loc["201", "page"]) == int(hand_201["page"])
    # a label of the summary that is no 类 of the national list is never a 类
    assert set(classes["code"].dropna()) <= {
        c
        for c in pd.read_csv(ROOT / "budgetlens/reference/function_classes.csv", dtype=str)["code"]
    }
    assert classes["code"].notna().all()
    # Shanghai: the 类 rows of the 支出预算总表, in 元 on paper
    sh = classes[classes["document"] == doc_id(SH[0])].set_index("code")
    row = next(
        r
        for r in hand(SH[0])
        if r["section"] == "function" and r["code"] == "201" and r["column"] == "total"
    )
    assert Decimal(str(sh.loc["201", "total_wan"])).quantize(Decimal("0.0001")) == (
        Decimal(row["value"].replace(",", "")) / 10000
    ).quantize(Decimal("0.0001"))


def test_search_ranks_projects_and_items_by_amount_then_figures_indicators_glossary(con) -> None:
    hits = queries.run(con, "search_all", pattern="%科技%")
    order = {"project": 1, "function": 1, "figure": 2, "indicator": 3, "glossary": 4}
    groups = [order[k] for k in hits["kind"]]
    assert groups == sorted(groups)
    money = hits[hits["kind"].isin(["project", "function"])]["amount_wan"].astype(float)
    assert list(money) == sorted(money, reverse=True)
    # the largest project whose name holds the word, in the hand-read Jincheng project table,
    # leads (the corpus documents' 科目 are smaller)
    rows = read_fixture("projects.csv")
    named = [r for r in rows if r["row_kind"] == "project" and "科技" in r["project"]]
    top = max(named, key=lambda r: Decimal(r["total"]))
    first = hits.iloc[0]
    assert (first["kind"], first["label"]) == ("project", top["project"])
    assert Decimal(str(first["amount_wan"])) == Decimal(top["total"])
    assert int(first["source_line"]) == int(top["line"])
    # an indicator names its project; every hit names its document
    indicators = hits[hits["kind"] == "indicator"]
    assert len(indicators) and indicators["project"].notna().all()
    assert hits["title"].notna().all()


def test_search_finds_the_three_public_figure_of_every_document_stating_it(
    con, catalogue: pd.DataFrame
) -> None:
    hits = queries.run(con, "search_all", pattern="%三公%")
    figures = hits[(hits["kind"] == "figure") & (hits["target_key"] == "three_public_total")]
    stated = catalogue["three_public_wan"].dropna()
    assert set(figures["document"]) == set(stated.index)
    for folder in FOLDERS:
        value, page = hand_figure(folder, "three_public")
        row = figures[figures["document"] == doc_id(folder)].iloc[0]
        assert Decimal(str(row["amount_wan"])) == value
        assert int(row["page"]) == page


# --- aliases ----------------------------------------------------------------------------------


def test_alias_table_is_well_formed_and_validated(tmp_path: Path) -> None:
    table = aliases.department_aliases()
    assert ("江苏省", "江苏省人大常委会", "江苏省人大常委会办公厅") in set(
        table.itertuples(index=False, name=None)
    )
    bad = tmp_path / "aliases.csv"
    bad.write_text(
        "government,published,department,note\n江苏省,甲,乙,\n江苏省,甲,丙,\n", encoding="utf-8"
    )
    with pytest.raises(ValueError, match="stands for both"):
        aliases.read_aliases(bad)
    bad.write_text(
        "government,published,department,note\n江苏省,甲,乙,\n江苏省,乙,丙,\n", encoding="utf-8"
    )
    with pytest.raises(ValueError, match="is a department and an alias"):
        aliases.read_aliases(bad)
    bad.write_text("government,published,department,note\n江苏省,甲,,\n", encoding="utf-8")
    with pytest.raises(ValueError, match=":2: expected government"):
        aliases.read_aliases(bad)


def test_the_alias_table_is_read_as_strings_and_errors_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "aliases.csv"
    path.write_text(
        "government,published,department,note\n江苏省,甲,乙,\n上海市,丙,丁,改名\n",
        encoding="utf-8",
    )
    table = aliases.read_aliases(path)
    assert list(table.columns) == ["government", "published", "department"]
    assert [str(t) for t in table.dtypes] == ["string", "string", "string"]
    assert list(table.itertuples(index=False, name=None)) == [
        ("江苏省", "甲", "乙"),
        ("上海市", "丙", "丁"),
    ]
    path.write_text("government,published,department,note\n江苏省,甲,,\n", encoding="utf-8")
    with pytest.raises(ValueError) as raised:
        aliases.read_aliases(path)
    assert str(raised.value).startswith(
        f"{path}:2: expected government, published, department, got"
    )
    path.write_text(
        "government,published,department\n江苏省,甲,丙\n江苏省,乙,乙\n", encoding="utf-8"
    )
    with pytest.raises(ValueError) as raised:
        aliases.read_aliases(path)
    assert str(raised.value) == f"{path}:3: '乙' is given as an alias of itself"


def test_a_document_published_under_an_alias_joins_its_department(
    many_db: Path, tmp_path: Path
) -> None:
    """The 2019 document published as 江苏省人大常委会 (its narrative file's cover) is the same
    department as the 办公厅 of 2017 and 2018; it keeps its published name."""
    copy = tmp_path / "alias.duckdb"
    shutil.copy(many_db, copy)
    rw = db.connect(copy)
    rw.execute(
        "update document set department = '江苏省人大常委会' where document = ?",
        [doc_id("js-rdbgt-2019")],
    )
    rw.close()
    c = db.connect(copy, read_only=True)
    rows = queries.run(c, "catalogue").set_index("document")
    c.close()
    row = rows.loc[doc_id("js-rdbgt-2019")]
    assert row["department"] == "江苏省人大常委会"
    assert row["department_key"] == "江苏省人大常委会办公厅"
    trend = rows[rows["department_key"] == "江苏省人大常委会办公厅"]
    assert sorted(trend["year"]) == [2017, 2018, 2019]


# --- pages ------------------------------------------------------------------------------------


def run_app(many_db: Path, monkeypatch, page: str | None = None, **params: str) -> AppTest:
    monkeypatch.setenv("BUDGETLENS_DB", str(many_db))
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, at.exception
    if page is not None:
        at.switch_page(f"pages/{page}.py")
        at.run()
        assert not at.exception, at.exception
    return at


def bars(at: AppTest) -> dict[str, dict[str, float]]:
    """Each chart's title → {bar label: value} of the loaded documents (a figure a document
    states for the year before, legend group "stated", is not a loaded value: left out)."""
    out = {}
    for el in at.get("plotly_chart"):
        spec = json.loads(el.proto.spec)
        title = spec["layout"]["title"]["text"]
        values: dict[str, float] = {}
        for trace in spec["data"]:
            if trace.get("legendgroup") == "stated":
                continue
            if trace.get("orientation") == "h":
                values.update(zip(trace["y"], trace["x"], strict=True))
            else:
                values.update(zip(map(str, trace["x"]), trace["y"], strict=True))
        out[title] = values
    return out


def test_the_catalogue_is_the_landing_page_and_shows_the_database(
    many_db: Path, monkeypatch, catalogue: pd.DataFrame
) -> None:
    at = run_app(many_db, monkeypatch)
    assert at.title[0].value == "文件目录"
    table = at.dataframe[0].value
    assert len(table) == len(catalogue)
    shown = dict(zip(table["部门"] + table["年度"], table["支出总计（万元）"], strict=True))
    for _, row in catalogue.iterrows():
        if row["scope"] == "部门":
            assert shown[row["department"] + str(row["year"])] == pytest.approx(row["total_wan"])
    # each row opens its document's overview, by a link that carries the document
    links = list(table["打开"])
    assert all(link.startswith("overview?") and "doc=" in link for link in links)
    # filters: one government, then one year
    at.selectbox(key="qp_government").set_value("江苏省").run()
    assert set(at.dataframe[0].value["政府"]) == {"江苏省"}
    assert at.query_params["government"] in ("江苏省", ["江苏省"])
    at.selectbox(key="qp_cat_year").set_value(2018).run()
    assert list(at.dataframe[0].value["年度"]) == ["2018"]
    # the department's trend over all its years is still offered
    links = {p.proto.label: p.proto.query_string for p in at.get("page_link")}
    trend = next(q for label, q in links.items() if label.startswith("江苏省人大常委会办公厅"))
    assert "dept_key=" in trend


def test_one_document_still_opens_on_its_overview(
    seed_db: Path, tmp_path: Path, monkeypatch
) -> None:
    # a copy: the app keeps its connection open, in its own configuration
    one = tmp_path / "one.duckdb"
    shutil.copyfile(seed_db, one)
    at = run_app(one, monkeypatch)
    assert at.title[0].value == "总览"
    # its catalogue links the overview at "/", where it is with one document
    at.switch_page("pages/catalogue.py").run()
    assert next(iter(at.dataframe[0].value["打开"])).startswith("./?department=")


def test_the_comparison_ranks_the_departments_with_database_values(
    many_db: Path, monkeypatch, catalogue: pd.DataFrame
) -> None:
    at = run_app(many_db, monkeypatch, "compare", government="上海市普陀区", cmp_year="2025")
    charts = bars(at)
    totals = charts["支出总计（万元）"]
    expected = {identity(f)["department"]: float(hand_figure(f, "total")[0]) for f in SH}
    assert totals == pytest.approx(expected)
    # the largest first (hand reading: 商务委员会 371,514,655 元 > 人民政府办公室 91,016,775.35 元)
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert list(spec["data"][0]["x"]) == sorted(expected.values(), reverse=True)
    # each bar carries its document: a click opens that department
    assert set(spec["data"][0]["customdata"]) == {doc_id(f) for f in SH}
    three = charts["“三公”经费（万元）"]
    assert three == pytest.approx(
        {identity(f)["department"]: float(hand_figure(f, "three_public")[0]) for f in SH}
    )
    share = charts["基本支出占支出总计比例（%）"]
    for f in SH:
        basic, total = hand_figure(f, "basic")[0], hand_figure(f, "total")[0]
        assert share[identity(f)["department"]] == pytest.approx(float(100 * basic / total))
    # the function mix: each department's 一般公共服务支出 (201) as a share of its 支出总计
    general = charts["一般公共服务支出占支出总计比例（%）"]
    for f in SH:
        row = next(
            r
            for r in hand(f)
            if r["section"] == "function" and r["code"] == "201" and r["column"] == "total"
        )
        part = Decimal(row["value"].replace(",", "")) / SCALE[row["unit"]]
        want = float(100 * part / hand_figure(f, "total")[0])
        assert general[identity(f)["department"]] == pytest.approx(want)
    table = at.dataframe[0].value
    assert list(table["部门"]) == sorted(expected, key=expected.get, reverse=True)
    # each department's row, and a link per charted department, open its document
    opened = dict(zip(table["部门"], table["打开"], strict=True))
    links = {p.proto.label: p.proto.query_string for p in at.get("page_link")}
    for f in SH:
        assert f"doc={urllib.parse.quote(doc_id(f))}" in opened[identity(f)["department"]]
        label = f"{identity(f)['department']} · {fmt.wan(hand_figure(f, 'total')[0])} 万元"
        assert f"doc={urllib.parse.quote(doc_id(f))}" in links[label]


def test_the_trend_follows_one_department_over_its_years(many_db: Path, monkeypatch) -> None:
    at = run_app(
        many_db, monkeypatch, "trends", government="江苏省", dept_key="江苏省人大常委会办公厅"
    )
    table = at.dataframe[0].value
    assert list(table["年度"]) == ["2017", "2018", "2019"]
    totals = [hand_figure(f, "total")[0] for f in JS]
    assert list(table["支出总计（万元）"]) == pytest.approx([float(v) for v in totals])
    # year-on-year change, computed here from the hand reading
    changes = list(table["比上年增减（万元）"])
    assert pd.isna(changes[0])
    assert changes[1:] == pytest.approx(
        [float(totals[1] - totals[0]), float(totals[2] - totals[1])]
    )
    pct = list(table["比上年增减"])
    assert pct[2] == pytest.approx(float(100 * (totals[2] - totals[1]) / totals[1]))
    assert list(table["“三公”经费（万元）"]) == pytest.approx(
        [float(hand_figure(f, "three_public")[0]) for f in JS]
    )
    assert list(table["公开名称"]) == [identity(f)["department"] for f in JS]
    charts = bars(at)
    assert charts["支出总计（万元）"] == pytest.approx(
        {identity(f)["year"]: float(hand_figure(f, "total")[0]) for f in JS}
    )


def test_search_across_documents_names_each_document_and_project(
    many_db: Path, monkeypatch, con
) -> None:
    at = run_app(many_db, monkeypatch, "search", q="三公")
    expected = queries.run(con, "search_all", pattern="%三公%")
    table = at.dataframe[0].value
    assert len(table) == len(expected)
    assert list(table["文件"]) == list(expected["title"])
    assert table["金额（万元）"].tolist() == pytest.approx(
        expected["amount_wan"].astype(float).tolist(), nan_ok=True
    )
    labels = [p.proto.label for p in at.get("page_link")]
    # the topic first: the current document's figure and the page showing it
    assert "查看“总览”页" in labels[0]
    # then the hits, each naming its document
    assert all("—" in label for label in labels[1:])


def test_a_link_inside_the_app_opens_another_document(many_db: Path, monkeypatch) -> None:
    """A department chosen in the sidebar is remembered, but a link naming another one wins."""
    at = run_app(many_db, monkeypatch, "overview")
    first = at.sidebar.selectbox(key="qp_department").value
    other = doc_id("js-rdbgt-2018")
    assert first != "江苏省人大常委会办公厅"
    at.query_params["department"] = "江苏省人大常委会办公厅"
    at.query_params["year"] = "2018"
    at.query_params["doc"] = other
    at.run()
    assert at.sidebar.selectbox(key="qp_department").value == "江苏省人大常委会办公厅"
    assert at.sidebar.selectbox(key="qp_year").value == 2018


def test_catalogue_reads_basic_and_project_from_the_all_funds_table(
    catalogue: pd.DataFrame,
) -> None:
    """Jincheng's narrative states 基本支出 of the 一般公共预算 only and no 项目支出: the catalogue
    takes both from the 合计 row of the all-funds 支出总表, as the overview does."""
    row = catalogue.loc["晋城市科学技术局-2024-预算-部门"]
    total = next(
        r
        for r in read_fixture("function_tables.csv")
        if r["table"] == "expenditure_total" and r["name"] == "合计"
    )
    assert Decimal(str(row["total_wan"])) == Decimal(total["total"])
    assert Decimal(str(row["basic_wan"])) == Decimal(total["basic"])
    assert Decimal(str(row["project_wan"])) == Decimal(total["project"])
    assert row["basic_line"] == row["project_line"] == int(total["line"])
    admin = next(r for r in read_fixture("admin_operating.csv") if r["unit"] == "部门合计")
    assert Decimal(str(row["admin_operating_wan"])) == Decimal(admin["total"])
    profile = {r["item"]: r for r in read_fixture("department_profile.csv")}
    assert row["staff_actual"] == int(profile["实际在职人员总数"]["value"])
    assert row["staff_authorised"] == int(profile["核定的人员编制数"]["value"])
    assert row["staff_line"] == int(profile["实际在职人员总数"]["line"])


def _catalogue_after(many_db: Path, tmp_path: Path, statement: str, document: str) -> pd.Series:
    """The catalogue row of ``document`` on a copy of the database after ``statement`` (with
    ``document`` as its one parameter)."""
    copy = tmp_path / "copy.duckdb"
    shutil.copy(many_db, copy)
    rw = db.connect(copy)
    rw.execute(statement, [document])
    rw.close()
    c = db.connect(copy, read_only=True)
    rows = queries.run(c, "catalogue").set_index("document")
    c.close()
    return rows.loc[document]


def test_a_document_stating_no_staff_counts_has_no_staff_line(
    many_db: Path, tmp_path: Path
) -> None:
    """On a copy, Jincheng's staff counts (l.541: 核定 58, 实有 49) are taken out: the staff
    figures and their line are blank, never the line of another key figure (its last, l.513,
    机关运行经费), and the other figures keep theirs (key_figures.csv: 支出总计 4,266.91 l.466,
    机关运行经费 54.87 l.513)."""
    document = "晋城市科学技术局-2024-预算-部门"
    row = _catalogue_after(
        many_db,
        tmp_path,
        "delete from key_figure where document = ? "
        "and key in ('dept_staff_actual', 'dept_staff_authorised')",
        document,
    )
    assert pd.isna(row["staff_actual"]) and pd.isna(row["staff_authorised"])
    assert pd.isna(row["staff_line"])
    assert Decimal(str(row["total_wan"])) == Decimal("4266.91") and row["total_line"] == 466
    assert Decimal(str(row["admin_operating_wan"])) == Decimal("54.87")
    assert row["admin_line"] == 513


def test_a_blank_admin_operating_total_gives_no_figure_and_no_line(
    many_db: Path, tmp_path: Path
) -> None:
    """Jiangsu 2018 has no 机关运行经费 key figure; the catalogue takes the 合计 row
    of its 一般公共预算机关运行经费支出预算表 (p16, 1,579.38 万元: hand_read.csv l.50). On a copy
    that 合计 cell is blank: the catalogue shows neither a figure nor its line and page (the blank
    row is no source), while its 支出合计 stays 15,897.44 (p8, l.18)."""
    document = doc_id("js-rdbgt-2018")
    row = _catalogue_after(
        many_db,
        tmp_path,
        "update expenditure_economic set total_wan = null where document = ? "
        "and table_key = 'admin_operating' and row_kind = 'total'",
        document,
    )
    assert pd.isna(row["admin_operating_wan"])
    assert pd.isna(row["admin_line"]) and pd.isna(row["admin_page"])
    assert Decimal(str(row["total_wan"])) == Decimal("15897.44") and row["total_page"] == 8


def test_the_comparison_gives_spending_per_staff_member_where_stated(
    many_db: Path, monkeypatch
) -> None:
    at = run_app(many_db, monkeypatch, "compare", government="晋城市")
    total = next(
        r
        for r in read_fixture("function_tables.csv")
        if r["table"] == "expenditure_total" and r["name"] == "合计"
    )
    staff = next(
        r for r in read_fixture("department_profile.csv") if r["item"] == "实际在职人员总数"
    )
    per = bars(at)["人均支出（按实有人数）（万元/人）"]
    assert per == pytest.approx({"晋城市科学技术局": float(total["total"]) / int(staff["value"])})
    assert "只导入了一份" in at.info[0].value


# --- many documents, a page at a time -------------------------------------------------------


def test_the_catalogue_shows_a_page_of_rows_sorted_on_the_server(
    many_db: Path, monkeypatch, catalogue: pd.DataFrame
) -> None:
    """Two rows a page: the first page sorted by 支出总计 descending is the top of the catalogue
    query so sorted, the next page the rows after; the whole list is offered for download."""
    from ui import many

    monkeypatch.setattr(many, "PAGE_SIZE", 2)
    at = run_app(many_db, monkeypatch, cat_sort="total-desc")
    ranked = catalogue.sort_values("total_wan", ascending=False)

    def rows(table: pd.DataFrame) -> list[tuple[str, str, float]]:
        return list(zip(table["部门"], table["年度"], table["支出总计（万元）"], strict=True))

    def expected(frame: pd.DataFrame) -> list[tuple[str, str, float]]:
        return [(r.department, str(r.year), pytest.approx(r.total_wan)) for r in frame.itertuples()]

    assert rows(at.dataframe[0].value) == expected(ranked.iloc[:2])
    pages = at.selectbox(key="qp_cat_page")
    assert pages.options == [f"第 {p} 页（共 3 页）" for p in (1, 2, 3)]
    assert any(f"{len(catalogue)} 份文件符合条件" in c.value for c in at.caption)
    pages.set_value(2).run()
    assert rows(at.dataframe[0].value) == expected(ranked.iloc[2:4])
    assert at.query_params["cat_page"] in ("2", ["2"])
    # ascending: the smallest first
    at.selectbox(key="qp_cat_sort").set_value("total-asc").run()
    at.selectbox(key="qp_cat_page").set_value(1).run()
    assert rows(at.dataframe[0].value) == expected(
        catalogue.sort_values("total_wan", ascending=True).iloc[:2]
    )
    # the downloads hold every document, made when a button is clicked
    offered = at.session_state["_budgetlens_page_tables"]
    assert [name for name, _ in offered] == ["catalogue"] and callable(offered[0][1])
    whole = offered[0][1]()
    assert len(whole) == len(catalogue)
    assert sorted(whole["支出总计（万元）"]) == pytest.approx(sorted(catalogue["total_wan"]))
    assert all(link.startswith("overview?") and "doc=" in link for link in whole["打开"])


def test_the_catalogue_sorts_by_department_and_filters_before_paging(
    many_db: Path, monkeypatch, catalogue: pd.DataFrame
) -> None:
    from ui import many

    monkeypatch.setattr(many, "PAGE_SIZE", 2)
    at = run_app(many_db, monkeypatch, cat_sort="department-asc", government="江苏省")
    jiangsu = catalogue[catalogue["government"] == "江苏省"]
    table = at.dataframe[0].value
    # one department over three years: the latest first among equal names
    assert list(table["年度"]) == [str(y) for y in sorted(jiangsu["year"], reverse=True)[:2]]
    assert set(table["部门"]) == set(jiangsu["department"])
    assert at.selectbox(key="qp_cat_page").options == ["第 1 页（共 2 页）", "第 2 页（共 2 页）"]


def test_the_comparison_shows_its_largest_departments_and_offers_all(
    many_db: Path, monkeypatch
) -> None:
    from ui import many

    monkeypatch.setattr(many, "PAGE_SIZE", 1)
    at = run_app(many_db, monkeypatch, "compare", government="上海市普陀区", cmp_year="2025")
    totals = {identity(f)["department"]: float(hand_figure(f, "total")[0]) for f in SH}
    largest = max(totals, key=totals.get)
    table = at.dataframe[0].value
    assert list(table["部门"]) == [largest]
    # the rest: in the downloads, and page by page in the catalogue
    offered = dict(at.session_state["_budgetlens_page_tables"])
    assert set(offered) == {"compare", "compare_classes"}
    whole = offered["compare"]()
    assert dict(zip(whole["部门"], whole["支出总计（万元）"], strict=True)) == pytest.approx(totals)
    links = {p.proto.label: p.proto.query_string for p in at.get("page_link")}
    rest = next(q for label, q in links.items() if label.startswith("在文件目录中查看全部 2 个"))
    assert "cat_year=2025" in rest and "cat_sort=total-desc" in rest


def test_the_sidebar_lists_a_few_departments_and_finds_the_others(
    many_db: Path, monkeypatch, catalogue: pd.DataFrame
) -> None:
    """Beyond ui.state.MAX_OPTIONS departments the sidebar ships the matches of a text box, not
    every department; a department beyond the list still opens from a link."""
    from ui import state

    monkeypatch.setattr(state, "MAX_OPTIONS", 2)
    departments = sorted(set(catalogue["department"]))
    assert len(departments) > 3
    at = run_app(many_db, monkeypatch, "overview")
    picker = at.sidebar.selectbox(key="qp_department")
    assert len(picker.options) <= 3 and picker.value == departments[0]
    at.sidebar.text_input(key="pick_department").input("普陀").run()
    picker = at.sidebar.selectbox(key="qp_department")
    shanghai = [d for d in departments if "普陀" in d]
    assert set(picker.options) == {departments[0], *shanghai}
    picker.set_value(shanghai[-1]).run()
    assert at.sidebar.selectbox(key="qp_department").value == shanghai[-1]
    assert at.query_params["department"] in (shanghai[-1], [shanghai[-1]])
    # a link naming the last department opens it, though no list shows it unfiltered
    at = run_app(many_db, monkeypatch, "overview", department=departments[-1])
    assert at.sidebar.selectbox(key="qp_department").value == departments[-1]
    assert not [w for w in at.warning if departments[-1] in w.value]


def test_the_trend_names_each_class_in_the_language_of_the_page(many_db: Path, monkeypatch) -> None:
    """English UI: the 类 chart's legend gives the official English name, the Chinese beside it
    (budgetlens/reference/function_class_names_en.csv); the Chinese UI the name as published."""
    where = {"government": "江苏省", "dept_key": "江苏省人大常委会办公厅"}
    names = {}
    for lang in ("zh", "en"):
        at = run_app(many_db, monkeypatch, "trends", lang=lang, **where)
        chart = next(
            json.loads(el.proto.spec)
            for el in at.get("plotly_chart")
            if len(json.loads(el.proto.spec)["data"]) > 2
            and json.loads(el.proto.spec)["layout"]["barmode"] == "group"
        )
        names[lang] = [trace["name"] for trace in chart["data"]]
    assert len(names["en"]) == len(names["zh"]) >= 2
    for zh, en in zip(names["zh"], names["en"], strict=True):
        english = vocabulary.class_names_en().get(zh)
        assert english, f"no English name declared for {zh}"
        assert en.startswith(english) and zh in en, (zh, en)


def test_the_trend_gives_each_class_of_each_year_as_read_by_hand(
    many_db: Path, monkeypatch
) -> None:
    """The 类 chart of a department over its years: one trace per 类, in the order the first
    year prints them, each year's bar the 类's amount on that year's 收支预算总表 (Jiangsu prints
    its all-funds 类 only there, by name: hand_read.csv, section summary, 功能分类/金额)."""
    at = run_app(
        many_db, monkeypatch, "trends", government="江苏省", dept_key="江苏省人大常委会办公厅"
    )
    chart = next(
        json.loads(el.proto.spec)
        for el in at.get("plotly_chart")
        if json.loads(el.proto.spec)["layout"].get("barmode") == "group"
    )
    got = {trace["name"]: dict(zip(trace["x"], trace["y"], strict=True)) for trace in chart["data"]}
    want: dict[str, dict[str, float]] = {}
    for f in JS:
        year = identity(f)["year"]
        for r in hand(f):
            if r["section"] == "summary" and r["column"] == "功能分类/金额":
                name = r["label"].split("、", 1)[1]
                want.setdefault(name, {})[year] = float(r["value"].replace(",", ""))
    assert list(got) == ["一般公共服务支出", "社会保障和就业支出", "住房保障支出"]
    assert set(got) == set(want)
    for name, by_year in got.items():
        assert {str(y): v for y, v in by_year.items()} == pytest.approx(want[name]), name
