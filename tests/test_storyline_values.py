"""The story's figures and statements (budgetlens/storyline.py) against values read by hand from
the seed document (data/raw/jincheng-kejiju-2024.txt, lines cited) or worked out by hand on
copies of its database changed for the case (each test says what it changes). Written for the
survivors of the mutation run of storyline.py (docs/testing.md); fast (the seed is ingested once).
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from budgetlens import db, storyline
from tests.conftest import run_sql

DEPARTMENT, YEAR = "晋城市科学技术局", 2024
TITLE = "晋城市科学技术局2024年度部门预算公开"  # l.1 and l.3


def _story(path: Path, lang: str = "zh") -> dict[str, storyline.Slide]:
    con = db.connect(path, read_only=True)
    try:
        return {s.key: s for s in storyline.slides(con, DEPARTMENT, YEAR, lang)}
    finally:
        con.close()


@pytest.fixture(scope="module")
def story(seed_db: Path) -> dict[str, storyline.Slide]:
    return _story(seed_db)


@pytest.fixture
def changed(seed_db: Path, tmp_path: Path):
    """A copy of the seed database changed by the SQL given; returns its story."""

    def make(*sql: str, lang: str = "zh") -> dict[str, storyline.Slide]:
        path = tmp_path / "budget.duckdb"
        shutil.copy(seed_db, path)
        run_sql(path, *sql)
        return _story(path, lang)

    return make


# --- the overview: totals, change, reason ---------------------------------------------------------


def test_summary_of_the_seed(story) -> None:
    assert storyline.summary(list(story.values())) == [
        # l.466: 预算收入总计4,266.91万元 … 支出总计4,266.91万元
        "收入总计 4,266.91 万元，支出总计 4,266.91 万元。",
        # l.466: 其中：本年收入4,264.29万元，上年结转2.62万元
        "其中本年预算 4,264.29 万元，上年结转 2.62 万元。",
        # l.466: 比上年增加1199.63万元，增长39.11%
        "比上年增加 1,199.63 万元，幅度 39.11%。",
        # l.466: 主要原因是2024年人员工资调增以及…导致本年度预算收入总计增加；
        "文件说明的原因：2024年人员工资调增以及专项项目资金的增加导致本年度预算收入总计增加。",
        # l.200 合计 4266.91 = 基本 1120.79 + 项目 3146.12; 1120.79 / 4266.91 = 26.267 %
        "基本支出 1,120.79 万元（26.27%），项目支出 3,146.12 万元（73.73%）。",
        # l.438 科技计划项目 2007.00 of 3146.12: 63.793 %
        "最大的项目是科技计划项目，2,007.00 万元，占项目支出 63.79%。",
    ]


def test_summary_takes_the_sentences_of_the_slides_present() -> None:
    def slide(key: str, *sentences: str) -> storyline.Slide:
        return storyline.Slide(key, "t", "", "s", sentences=list(sentences))

    assert storyline.summary([]) == []
    assert storyline.summary([slide("projects:1", "a", "b", "c")]) == ["b"]
    assert storyline.summary([slide("basic_project", "a", "b"), slide("x", "y")]) == ["a"]
    overview = slide("overview", "o", "v")
    assert storyline.summary(
        [slide("projects:1", "p", "q"), slide("basic_project", "b"), overview]
    ) == ["o", "v", "b", "q"]
    assert overview.sentences == ["o", "v"]  # the slide's own list is left as it was


def test_overview_source_is_the_narratives_line(story) -> None:
    # every figure of the overview is stated on l.466
    assert story["overview"].source == f"来源：{TITLE}，预算情况说明（第466行）"


def test_overview_without_the_stated_expenditure_total(changed) -> None:
    """Made for the case: the narrative's 支出总计 taken out (the 收入总计 of l.466 kept). No
    sentence of the two totals, and the figures shown are the other five, as l.466 states them."""
    story = changed("delete from key_figure where key = 'expenditure_total'")
    overview = story["overview"]
    assert overview.sentences[:2] == [
        "其中本年预算 4,264.29 万元，上年结转 2.62 万元。",  # l.466
        "比上年增加 1,199.63 万元，幅度 39.11%。",  # l.466
    ]
    assert [f.value for f in overview.chart.figures] == [
        Decimal("4266.91"),  # 收入总计
        Decimal("4264.29"),  # 本年收入
        Decimal("2.62"),  # 上年结转
        Decimal("1199.63"),  # 比上年增加
        Decimal("39.11"),  # 增长
    ]


def test_overview_of_a_fall_on_last_year(changed) -> None:
    """Made for the case: l.466's change written as a fall (−1199.63, −39.11 %) and its sentence
    without a reason. 减少, the amount and the percentage without their sign, no reason line."""
    story = changed(
        "update key_figure set value = -value "
        "where key in ('revenue_change', 'revenue_change_pct')",
        "update key_figure set sentence = '比上年减少1199.63万元。' where key = 'revenue_change'",
    )
    assert story["overview"].sentences[2:] == ["比上年减少 1,199.63 万元，幅度 39.11%。"]


def test_overview_in_english_gives_no_reason_in_chinese(seed_db: Path) -> None:
    overview = _story(seed_db, "en")["overview"]
    # l.466: +1199.63, 39.11 %; the reason is the document's Chinese words: not on the English slide
    assert overview.sentences[2:] == ["That is 1,199.63 (10k yuan) more on last year, 39.11%."]


def test_overview_without_the_stated_carry_over_or_percentage(changed) -> None:
    """Made for the case: the narrative's 上年结转, then its 增长 %, taken out: no sentence of the
    split, then none of the change (nor its reason); the rest as l.466 states it."""
    story = changed("delete from key_figure where key = 'revenue_carried_over'")
    assert story["overview"].sentences[:2] == [
        "收入总计 4,266.91 万元，支出总计 4,266.91 万元。",
        "比上年增加 1,199.63 万元，幅度 39.11%。",
    ]
    story = changed("delete from key_figure where key = 'revenue_change_pct'")
    assert story["overview"].sentences == [
        "收入总计 4,266.91 万元，支出总计 4,266.91 万元。",
        "其中本年预算 4,264.29 万元，上年结转 2.62 万元。",
    ]


# --- 基本/项目 -----------------------------------------------------------------------------------

# Made for the case: a function table of totals only (the 基本/项目 columns of the seed's 支出总表
# blanked), the split stated in the narrative: 基本支出 1120.79 (l.499, a key figure of the seed)
# and 项目支出 3146.12 (l.476's 项目支出3,146.12万元, added as the key figure project_total).
TOTALS_ONLY = (
    "update expenditure_function set basic_wan = null, project_wan = null",
    "insert into key_figure select * replace ('project_total' as key, 3146.12 as value, "
    "476 as source_line) from key_figure where key = 'basic_total'",
)


def test_basic_project_from_the_stated_split(changed) -> None:
    slide = changed(*TOTALS_ONLY)["basic_project"]
    assert slide.chart.categories == ("基本支出", "项目支出")
    assert slide.chart.series[0].values == (Decimal("1120.79"), Decimal("3146.12"))
    # 1120.79 + 3146.12 = 4266.91 = the 支出总计 of l.466: nothing else, shares as in l.476
    assert slide.sentences[0] == (
        "基本支出 1,120.79 万元（26.27%），项目支出 3,146.12 万元（73.73%）。"
    )
    assert slide.source == f"来源：{TITLE}，预算情况说明（第499行）、预算情况说明（第476行）"


def test_basic_project_with_more_in_the_total_than_the_split(changed) -> None:
    """The same, with the stated 支出总计 made 4300.00: 4300 − 4266.91 = 33.09 shown as 其他, and
    the shares of 4300: 1120.79 / 4300 = 26.0649 %, 3146.12 / 4300 = 73.1656 %."""
    slide = changed(
        *TOTALS_ONLY, "update key_figure set value = 4300 where key = 'expenditure_total'"
    )["basic_project"]
    assert slide.chart.categories == ("基本支出", "项目支出", "其他")
    assert slide.chart.series[0].values == (
        Decimal("1120.79"),
        Decimal("3146.12"),
        Decimal("33.09"),
    )
    assert slide.sentences[0] == (
        "基本支出 1,120.79 万元（26.06%），项目支出 3,146.12 万元（73.17%）。"
    )
    assert slide.source == (
        f"来源：{TITLE}，预算情况说明（第499行）、预算情况说明（第476行）、预算情况说明（第466行）"
    )


def test_no_basic_project_slide_without_a_split(changed) -> None:
    story = changed("update expenditure_function set basic_wan = null, project_wan = null")
    assert "basic_project" not in story  # l.499 states 基本支出 only: no 项目支出 to set beside it


# --- revenue and expenditure by function: shares of the whole -------------------------------------


def test_revenue_slide_of_the_seed(story) -> None:
    slide = story["revenue"]
    # the 收入总表's 合计 (l.163): 一般公共预算 4264.29, 上年结转 2.62, the other sources blank
    assert slide.chart.categories == ("一般公共预算", "上年结转")
    assert slide.chart.series[0].values == (Decimal("4264.29"), Decimal("2.62"))
    # of 4264.29 + 2.62 = 4266.91: 99.9386 %, 0.0614 %
    assert slide.sentences == [
        "一般公共预算 4,264.29 万元，占收入合计 99.94%。",
        "上年结转 2.62 万元，占收入合计 0.06%。",
    ]
    assert slide.source == f"来源：{TITLE}，2024年预算收入总表（第163行）"


def test_revenue_slide_names_the_two_largest_sources(changed) -> None:
    """Made for the case: 100.00 of 政府性基金 added to l.163's 合计. Of 4366.91 in all, the
    sentences name the two largest: 4264.29 (97.6500 %) and 100.00 (2.2899 %)."""
    slide = changed(
        "update revenue_function set gov_fund_wan = 100 "
        "where table_key = 'revenue_function' and level = 0"
    )["revenue"]
    assert slide.chart.series[0].values == (Decimal("4264.29"), Decimal("100"), Decimal("2.62"))
    assert slide.sentences == [
        "一般公共预算 4,264.29 万元，占收入合计 97.65%。",
        "政府性基金预算 100.00 万元，占收入合计 2.29%。",
    ]


def test_function_slide_of_the_seed(story) -> None:
    slide = story["function"]
    # the 支出总表's 类 (l.201, 204, 212, 217, 224), largest first
    assert slide.chart.categories == (
        "科学技术支出",
        "社会保障和就业支出",
        "一般公共服务支出",
        "住房保障支出",
        "卫生健康支出",
    )
    assert slide.chart.series[0].values == tuple(
        Decimal(v) for v in ("3686.33", "228.22", "205.35", "80.83", "66.19")
    )
    # of the 合计 4266.91 (l.200): 86.3934 %, 5.3486 %
    assert slide.sentences == [
        "科学技术支出 3,686.33 万元，占支出总计 86.39%。",
        "社会保障和就业支出 228.22 万元，占支出总计 5.35%。",
        "支出涉及 5 个功能分类类级科目。",
    ]
    assert slide.source == f"来源：{TITLE}，2024年预算支出总表（第200行）"
    assert slide.chart.series[0].name == "金额"


def test_function_slide_of_nine_classes_sums_the_smallest_as_other(changed) -> None:
    """Made for the case: four 类 added to the 支出总表 (教育支出 1, 文化旅游体育与传媒支出 2,
    节能环保支出 3, 城乡社区支出 4) beside the seed's five: eight bars, the seven largest and
    其他 = 2 + 1 = 3."""
    added = ", ".join(
        f"('{code}', '{name}', {total}, {seq})"
        for code, name, total, seq in (
            ("205", "教育支出", 1, 901),
            ("207", "文化旅游体育与传媒支出", 2, 902),
            ("211", "节能环保支出", 3, 903),
            ("212", "城乡社区支出", 4, 904),
        )
    )
    slide = changed(
        "insert into expenditure_function select ef.* replace (v.code as code, v.name as name, "
        "v.total as total_wan, v.seq as seq) from expenditure_function as ef, "
        f"(values {added}) as v (code, name, total, seq) "
        "where ef.table_key = 'expenditure_total' and ef.code = '210'"
    )["function"]
    assert slide.chart.categories[5:] == ("城乡社区支出", "节能环保支出", "其他")
    assert slide.chart.series[0].values[5:] == (Decimal(4), Decimal(3), Decimal(3))
    assert slide.sentences[2] == "支出涉及 9 个功能分类类级科目。"


def test_top_n_keeps_n_and_sums_the_rest() -> None:
    d = Decimal
    # no more than n: all kept, largest first, a blank counted as 0 (after 0.5)
    items = [("a", d("0.5")), ("b", None), ("c", d(3))]
    assert storyline.top_n(items, "其他", n=3) == [("c", d(3)), ("a", d("0.5")), ("b", None)]
    # one more than n: the n − 1 largest and the rest summed (1 + blank = 1)
    items = [("a", d(1)), ("b", d(2)), ("c", d(3)), ("d", None)]
    assert storyline.top_n(items, "其他", n=3) == [("c", d(3)), ("b", d(2)), ("其他", d(1))]
    # the default n is 8: 9 … 3 kept, 1 + 2 = 3 summed
    items = [(str(i), d(i)) for i in range(1, 10)]
    assert storyline.top_n(items, "其他") == [(str(i), d(i)) for i in range(9, 2, -1)] + [
        ("其他", d(3))
    ]


def test_no_function_slide_without_its_total_or_its_classes(changed) -> None:
    """Made for the case: the 支出总表's 合计 row (l.200) taken out, then its 类 rows (l.201 …)."""
    assert "function" not in changed("delete from expenditure_function where level = 0")
    assert "function" not in changed("delete from expenditure_function where level = 1")


def test_overview_of_a_small_rise(changed) -> None:
    """Made for the case: l.466's change made 0.50 (0.01 %): a rise under 1 万元 is still 增加."""
    story = changed(
        "update key_figure set value = 0.5 where key = 'revenue_change'",
        "update key_figure set value = 0.01 where key = 'revenue_change_pct'",
    )
    assert story["overview"].sentences[2] == "比上年增加 0.50 万元，幅度 0.01%。"


def test_a_final_accounts_document_says_so(changed, story) -> None:
    """Made for the case: the seed's document said to be a 决算. Its overview is a 决算总览 and
    the 类 are shares of 本年支出合计 (a 决算's table has no 支出总计 of the year); the figures
    are the seed's (l.204 3686.33 of l.200 4266.91: 86.39 %)."""
    final = changed("update document set kind = '决算'")
    assert (story["overview"].title, final["overview"].title) == ("预算总览", "决算总览")
    assert final["function"].sentences[0] == "科学技术支出 3,686.33 万元，占本年支出合计 86.39%。"


def test_basic_project_with_a_blank_project_column(changed) -> None:
    """Made for the case: the 项目支出 cell of the 支出总表's 合计 (l.200) blanked: a blank is 0,
    so 基本支出 1120.79 is the whole (100 %)."""
    slide = changed("update expenditure_function set project_wan = null where level = 0")[
        "basic_project"
    ]
    assert slide.chart.series[0].values == (Decimal("1120.79"), Decimal(0))
    assert slide.sentences[0] == "基本支出 1,120.79 万元（100.00%），项目支出 0.00 万元（0.00%）。"
    assert slide.source == f"来源：{TITLE}，2024年预算支出总表（第200行）"


def test_no_revenue_slide_when_every_source_is_zero_or_blank(changed) -> None:
    """Made for the case: l.163's 一般公共预算 4264.29 and 上年结转 2.62 made 0 and blank."""
    story = changed(
        "update revenue_function set general_budget_wan = 0, carried_over_wan = null "
        "where table_key = 'revenue_function' and level = 0"
    )
    assert "revenue" not in story


def test_function_slide_in_english_names_the_classes_in_english(seed_db: Path) -> None:
    slide = _story(seed_db, "en")["function"]
    # the official English names (budgetlens/reference/function_class_names_en.csv l.7, l.10)
    # with the Chinese as printed (l.204, l.212)
    assert slide.chart.categories[:2] == (
        "Science and Technology 科学技术支出",
        "Social Safety Net and Employment Effort 社会保障和就业支出",
    )


# Made for the case: every one of the ten sources of l.163's 合计 filled: 1 … 8 besides the
# seed's 一般公共预算 4264.29 and 上年结转 2.62. Eight bars: the seven largest (4264.29, 8 … 3)
# and 其他 = 2.62 + 2 + 1 = 5.62; of 4264.29 + 36 + 2.62 = 4302.91 in all, 4264.29 is
# 99.1023 % and 8 is 0.1859 %.
TEN_SOURCES = (
    "update revenue_function set fiscal_appropriation_wan = 1, gov_fund_wan = 2, "
    "state_capital_wan = 3, special_account_wan = 4, unit_funds_wan = 5, business_income_wan = 6, "
    "operating_income_wan = 7, other_income_wan = 8 "
    "where table_key = 'revenue_function' and level = 0"
)


def test_revenue_slide_of_ten_sources_sums_the_smallest_as_other(changed) -> None:
    slide = changed(TEN_SOURCES)["revenue"]
    assert slide.chart.categories[0] == "一般公共预算"
    assert slide.chart.categories[-1] == "其他"
    assert slide.chart.series[0].name == "金额"
    assert slide.chart.series[0].values == tuple(
        Decimal(v) for v in ("4264.29", "8", "7", "6", "5", "4", "3", "5.62")
    )
    assert slide.sentences[0] == "一般公共预算 4,264.29 万元，占收入合计 99.10%。"
    assert slide.sentences[1].endswith(" 8.00 万元，占收入合计 0.19%。")


def test_revenue_slide_of_one_source(changed) -> None:
    """Made for the case: l.163's 上年结转 2.62 blanked: one source, the whole of the revenue."""
    slide = changed(
        "update revenue_function set carried_over_wan = null "
        "where table_key = 'revenue_function' and level = 0"
    )["revenue"]
    assert slide.sentences == ["一般公共预算 4,264.29 万元，占收入合计 100.00%。"]
    assert slide.source == f"来源：{TITLE}，2024年预算收入总表（第163行）"


def test_basic_project_with_a_blank_basic_column(changed) -> None:
    """Made for the case: the 基本支出 cell of l.200's 合计 blanked: 项目支出 3146.12 is the
    whole."""
    slide = changed("update expenditure_function set basic_wan = null where level = 0")[
        "basic_project"
    ]
    assert slide.chart.series[0].values == (Decimal(0), Decimal("3146.12"))
    assert slide.sentences[0] == "基本支出 0.00 万元（0.00%），项目支出 3,146.12 万元（100.00%）。"


def test_basic_project_from_the_stated_split_of_a_pdf_names_its_pages(changed) -> None:
    """Made for the case: as TOTALS_ONLY, the lines said printed on pages of one PDF (l.476 on
    p.11, l.499 on p.12): the source names the pages alone, not the narrative."""
    slide = changed(
        *TOTALS_ONLY,
        "insert into source_location select department, year, document, document_id, v.line, "
        "'a.pdf', v.page from document, (values (476, 11), (499, 12)) as v (line, page)",
    )["basic_project"]
    assert slide.source == f"来源：{TITLE}，第12页、第11页"
    assert slide.chart.series[0].name == "金额"


def test_overview_chart_holds_the_six_figures(story) -> None:
    chart = story["overview"].chart
    assert chart.categories == (
        "收入总计",
        "支出总计",
        "本年预算",
        "上年结转",
        "收入比上年增减",
        "增减幅度",
    )
    # l.466: 4,266.91, 4,266.91, 4,264.29, 2.62, 1199.63, 39.11%
    assert chart.series[0].name == "金额"
    assert chart.series[0].values == tuple(
        Decimal(v) for v in ("4266.91", "4266.91", "4264.29", "2.62", "1199.63", "39.11")
    )


def test_overview_of_a_pdf_names_its_page(changed) -> None:
    """Made for the case: l.466 said printed on p.5 of a PDF: the source names the page alone."""
    story = changed(
        "insert into source_location select department, year, document, document_id, 466, "
        "'a.pdf', 5 from document"
    )
    assert story["overview"].source == f"来源：{TITLE}，第5页"
