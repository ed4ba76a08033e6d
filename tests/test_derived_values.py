"""Figures computed from the document's figures — shares, changes, the reconciliation's tolerance,
the dashboard's number formats — against values worked out by hand in this file.

Each expected value below was computed by hand (pencil and the amounts of the seed document's
fixtures, tests/fixtures/jincheng-kejiju-2024/) and is written as a literal: a share off by a
factor of 10, a rounding rule changed or a boundary moved fails here (docs/testing.md).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from budgetlens import db, queries, storyline
from budgetlens.checks import Checker
from tests.conftest import read_fixture
from ui import fmt

DOCUMENT = "晋城市科学技术局-2024-预算-部门"
DEPARTMENT, YEAR = "晋城市科学技术局", 2024


@pytest.fixture(scope="module")
def con(seed_db: Path):
    c = db.connect(seed_db, read_only=True)
    yield c
    c.close()


# --- the reconciliation's statuses at and around the tolerance ----------------------------------


@pytest.mark.parametrize(
    ("expected", "actual", "items", "status"),
    [
        ("1.00", "1.00", 3, "ok"),
        ("1.00", "1.02", 2, "rounding"),  # difference 0.02 = tolerance 2 × 0.01: still rounding
        ("1.00", "0.98", 2, "rounding"),  # the same below
        ("1.00", "1.03", 2, "mismatch"),  # one cent beyond
        ("1.00", "0.97", 2, "mismatch"),
        ("540.21", "540.20", 1, "rounding"),  # the seed's 206 basic (NOTES.md A.2)
        ("2.62", "2.63", 0, "mismatch"),  # an identity (no items summed) allows nothing
    ],
)
def test_status_at_the_tolerance(expected: str, actual: str, items: int, status: str) -> None:
    c = Checker()
    c.compare("k", "s", Decimal(expected), Decimal(actual), [7, 3, 7], items=items)
    (r,) = c.results
    assert r["status"] == status
    assert r["difference"] == Decimal(actual) - Decimal(expected)
    assert r["tolerance"] == Decimal("0.01") * items
    assert (r["expected"], r["actual"]) == (Decimal(expected), Decimal(actual))
    assert r["source_lines"] == "3,7"


@pytest.mark.parametrize(
    ("tolerance", "difference", "status"),
    [("0.05", "0.05", "rounding"), ("0.05", "0.06", "mismatch"), ("0", "0.01", "mismatch")],
)
def test_an_explicit_tolerance_is_inclusive(tolerance: str, difference: str, status: str) -> None:
    c = Checker()
    actual = Decimal(10) + Decimal(difference)
    c.compare("k", "s", Decimal(10), actual, [1], items=9, tolerance=Decimal(tolerance))
    assert (c.results[0]["status"], c.results[0]["tolerance"]) == (status, Decimal(tolerance))


def test_a_missing_figure_counts_as_zero_and_a_fact_has_no_figures() -> None:
    c = Checker()
    c.compare("k", "s", None, Decimal("0.01"), [1], items=1)
    c.fact("k", "named", True, [2], "d")
    c.fact("k", "misnamed", False, [2], "d")
    assert [r["status"] for r in c.results] == ["rounding", "ok", "mismatch"]
    assert c.results[0]["expected"] == 0 and c.results[1]["difference"] is None


# --- shares: the deck's rule and the 项目 page's query ------------------------------------------


@pytest.mark.parametrize(
    ("part", "whole", "share"),
    [
        ("1120.79", "4266.91", "26.27"),  # the narrative states 26.27 (l.476)
        ("3146.12", "4266.91", "73.73"),  # and 73.73
        ("1", "8", "12.50"),
        ("1", "3", "33.33"),
        ("2", "3", "66.67"),  # half-up at the cent
        ("0.125", "1", "12.50"),
        ("0.00125", "1", "0.13"),  # 0.125% rounds half-up, not to even
        ("-1", "8", "-12.50"),
    ],
)
def test_share_rounds_half_up_to_the_hundredth(part: str, whole: str, share: str) -> None:
    assert storyline.share(Decimal(part), Decimal(whole)) == Decimal(share)
    assert storyline.fmt_pct(Decimal(share)) == share


def test_share_of_nothing_is_none() -> None:
    assert storyline.share(Decimal(1), Decimal(0)) is None
    assert storyline.share(None, Decimal(1)) is None
    assert storyline.share(Decimal(1), None) is None
    assert storyline.fmt_pct(None) == ""


# The 项目支出预算表 (l.436-459, projects.csv fixture): each project's share of all project spending
# (本年 3143.50 + 上年结转 2.62 = 3146.12), by hand.
PROJECT_SHARES = {
    "科技计划项目": "63.79",
    "科技研发基地运营管理费": "17.48",
    "科技研发基地工程项目": "15.89",
    "科技综合专项业务费": "1.02",
    "科研工作综合经费": "0.63",
    "遗属生活补助": "0.07",
    "人才专项资金": "0.04",
    "科技学术报告厅维修修缮": "0.64",
    "科技发展专项业务费": "0.35",
    "2023年度省级科技创新券专项资金": "0.08",
}


def test_project_page_shares_of_all_project_spending(con) -> None:
    frame = queries.run(con, "projects", document=DOCUMENT)
    got = {r.project: Decimal(str(r.share_pct)) for r in frame.itertuples()}
    assert got == {k: Decimal(v) for k, v in PROJECT_SHARES.items()}
    hand = {r["project"]: r for r in read_fixture("projects.csv") if r["row_kind"] == "project"}
    for r in frame.itertuples():
        h = hand[r.project]
        current, carried = (
            (Decimal(0), Decimal(h["total"]))
            if h["carried_over"] == "true"
            else (Decimal(h["total"]), Decimal(0))
        )
        assert Decimal(str(r.current_year_wan)) == current, r.project
        assert Decimal(str(r.carried_over_wan)) == carried, r.project
        assert Decimal(str(r.total_wan)) == current + carried, r.project
    assert sum(Decimal(v) for v in PROJECT_SHARES.values()) == Decimal("99.99")  # rounded parts


def test_project_page_marks_the_projects_with_a_performance_table(con) -> None:
    """9 of the 10 projects have a 项目支出绩效目标表 (its title lines l.587-897,
    project_meta.csv); the 上年结转 2023年度省级科技创新券专项资金 has none."""
    frame = queries.run(con, "projects", document=DOCUMENT)
    with_table = {r["project"] for r in read_fixture("project_meta.csv")}
    assert len(with_table) == 9 and len(frame) == 10
    assert {r.project: bool(r.has_scorecard) for r in frame.itertuples()} == {
        p: p in with_table for p in PROJECT_SHARES
    }


# --- the deck's sentences: shares and changes ---------------------------------------------------


@pytest.fixture(scope="module")
def story(con) -> dict[str, storyline.Slide]:
    return {s.key: s for s in storyline.slides(con, DEPARTMENT, YEAR)}


def test_overview_slide_states_the_change_on_last_year(story) -> None:
    text = " ".join(story["overview"].sentences)
    # 收入总计 4266.91, 上年 3067.28 (NOTES.md): +1199.63, 39.11% as the narrative states (l.466)
    assert "4,266.91" in text
    assert "比上年增加 1,199.63 万元，幅度 39.11%。" in text


def test_basic_project_slide_shares(story) -> None:
    assert (
        "基本支出 1,120.79 万元（26.27%），项目支出 3,146.12 万元（73.73%）。"
        in story["basic_project"].sentences
    )


def test_revenue_slide_shares(story) -> None:
    sentences = story["revenue"].sentences
    assert any("4,264.29 万元，占收入合计 99.94%。" in s for s in sentences), sentences
    assert any("2.62 万元，占收入合计 0.06%。" in s for s in sentences), sentences


def test_function_slide_shares(story) -> None:
    sentences = story["function"].sentences
    assert "科学技术支出 3,686.33 万元，占支出总计 86.39%。" in sentences
    assert "社会保障和就业支出 228.22 万元，占支出总计 5.35%。" in sentences
    assert "支出涉及 5 个功能分类类级科目。" in sentences


def test_economic_slide_shares(story) -> None:
    sentences = story["economic"].sentences
    assert (
        "基本支出 1,120.79 万元，其中人员经费 996.10 万元（88.87%），"
        "公用经费 124.70 万元（11.13%）。" in sentences
    )
    assert "工资福利支出 842.82 万元，占基本支出 75.20%。" in sentences


def test_projects_slide_shares(story) -> None:
    slide = story["projects:1"]
    assert "最大的项目是科技计划项目，2,007.00 万元，占项目支出 63.79%。" in slide.sentences
    assert "共 10 个项目，合计 3,146.12 万元。" in slide.sentences
    # the native chart holds each project's amount, largest first (项目支出预算表, NOTES.md)
    assert slide.chart.categories[:3] == (
        "科技计划项目",
        "科技研发基地运营管理费",
        "科技研发基地工程项目",
    )
    assert slide.chart.series[0].values[:3] == (Decimal("2007"), Decimal("550"), Decimal("500"))


# --- the dashboard's number formats --------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1234.5, "1,234.50"),
        (Decimal("4266.91"), "4,266.91"),
        (0, "0.00"),
        (-2.55, "-2.55"),
        (1234567.891, "1,234,567.89"),
        (0.125, "0.13"),  # 四舍五入, as the documents round (issue 13), never half-to-even
        (0.135, "0.14"),
        ("12.5", "12.50"),
        (None, ""),  # a blank is blank (issue 13)
        (float("nan"), ""),
        ("abc", ""),
    ],
)
def test_number(value, text: str) -> None:
    assert fmt.number(value) == text
    assert fmt.wan(value) == text
    assert fmt.yuan(value) == text


def test_number_with_other_decimals() -> None:
    assert fmt.number(39.114, 1) == "39.1"
    assert fmt.number(20070000, 0) == "20,070,000"
    assert fmt.number(3.14159, 4) == "3.1416"


def test_units_signs_and_percentages() -> None:
    assert fmt.wan_unit(4266.91) == "4,266.91 万元"
    assert fmt.wan_unit(20070000, "元") == "20,070,000.00 元"
    assert fmt.wan_unit(None) == ""
    assert fmt.signed(1199.63) == "+1,199.63"
    assert fmt.signed(-2.55) == "-2.55"
    assert fmt.signed(0) == "0.00"  # no change has no sign
    assert fmt.signed(None) == ""
    assert fmt.signed(39.114, 1) == "+39.1"
    assert fmt.pct(39.11) == "39.11%"
    assert fmt.pct(26.2666, 1) == "26.3%"
    assert fmt.pct(None) == ""
    assert fmt.MISSING == ""


# --- the tolerance each check allows (check_result.tolerance) ------------------------------------


def _tolerance(con, subject: str) -> Decimal:
    (row,) = con.execute(
        "select tolerance from check_result where document = ? and subject = ?",
        [DOCUMENT, subject],
    ).fetchall()
    return row[0]


def test_tolerance_is_a_cent_per_item_summed(con) -> None:
    # 合计 = Σ 类: five 类 rows (201, 206, 208, 210, 221; l.201-226)
    assert _tolerance(con, "expenditure_total 合计 total_wan = Σ 类") == Decimal("0.05")
    # 206 = Σ 款: three 款 rows (20601, 20603, 20604; l.205-211)
    subject = "expenditure_total 206 科学技术支出 basic_wan = Σ 下级科目"
    assert _tolerance(con, subject) == Decimal("0.03")
    # 合计 = 基本 + 项目: two items
    assert _tolerance(con, "expenditure_total 合计 合计 合计 = 基本 + 项目") == Decimal("0.02")


def test_the_cent_of_a_table_follows_its_published_unit() -> None:
    from budgetlens.checks import unit_cent

    def rows(unit):
        return {"source_table": [{"table_key": "t", "amount_unit": unit}]}

    assert unit_cent(rows("元"), "t") == Decimal("0.0001")  # 1 元 in 万元
    assert unit_cent(rows("千元"), "t") == Decimal("0.001")
    assert unit_cent(rows("万元"), "t") == Decimal("0.01")
    assert unit_cent(rows(None), "t") == Decimal("0.01")
    assert unit_cent(rows("元"), "other") == Decimal("0.01")  # a table the rows do not list
    assert unit_cent({}, "t") == Decimal("0.01")


# --- 合计 = Σ 类 on small tables made for the case -----------------------------------------------


def _row(code, level, line, **amounts):
    return {"code": code, "level": level, "source_line": line, "name": code or "合计", **amounts}


def _hierarchy(rows: list[dict]) -> list[dict]:
    from budgetlens.check_core import hierarchy

    c = Checker()
    hierarchy(c, "column_total", "t", rows, ["total_wan", "basic_wan"])
    return c.results


def test_a_blank_total_cell_against_filled_classes_is_a_mismatch() -> None:
    results = _hierarchy(
        [
            _row(None, 0, 1, total_wan=Decimal("3.00"), basic_wan=None),
            _row("201", 1, 2, total_wan=Decimal("1.00"), basic_wan=Decimal("1.00")),
            _row("206", 1, 3, total_wan=Decimal("2.00"), basic_wan=Decimal("2.00")),
        ]
    )
    by_column = {r["subject"].split()[2]: r for r in results if r["check_kind"] == "column_total"}
    assert by_column["total_wan"]["status"] == "ok"
    # 合计 prints no 基本支出 while its 类 rows add up to 3.00: reported, not skipped
    basic = by_column["basic_wan"]
    assert (basic["expected"], basic["actual"], basic["status"]) == (0, Decimal("3.00"), "mismatch")
    assert basic["tolerance"] == Decimal("0.02")


def test_a_total_row_without_class_rows_cannot_be_judged() -> None:
    results = _hierarchy([_row(None, 0, 1, total_wan=Decimal("5.00"), basic_wan=None)])
    # a stated total whose 科目 rows were not read (西安 keeps them raw): unjudged, saying why
    assert [(r["subject"], r["status"]) for r in results] == [("t 合计 = Σ 类", "unjudged")]
    assert "只读到第1行的合计" in results[0]["detail"]


def test_a_table_without_a_total_row_checks_its_subtotals_only() -> None:
    results = _hierarchy(
        [
            _row("201", 1, 2, total_wan=Decimal("1.00"), basic_wan=None),
            _row("20101", 2, 3, total_wan=Decimal("1.00"), basic_wan=None),
        ]
    )
    assert {r["check_kind"] for r in results} == {"subtotal"}
    assert results[0]["status"] == "ok"


def test_each_result_keeps_its_order_project_and_detail() -> None:
    c = Checker()
    c.compare("k", "one item by default", Decimal("1.00"), Decimal("1.02"), [5], detail="d1")
    c.project = "科技计划项目"
    c.compare("k", "of a project", Decimal("1.00"), Decimal("1.01"), [6])
    c.fact("k", "a fact", True, [7], "d3")
    first, second, third = c.results
    assert [r["seq"] for r in c.results] == [1, 2, 3]
    # no items given: one item summed, a cent allowed, 0.02 is beyond it
    assert (first["tolerance"], first["status"]) == (Decimal("0.01"), "mismatch")
    assert (first["project"], first["detail"]) == (None, "d1")
    assert (second["project"], second["status"], second["detail"]) == (
        "科技计划项目",
        "rounding",
        None,
    )
    assert (third["detail"], third["tolerance"]) == ("d3", None)
