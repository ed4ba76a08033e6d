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


def test_overview_of_no_change_says_unchanged(changed) -> None:
    """Made for the case: l.466's change made 0 (0 %): neither 增加 nor 减少 0.00, but 持平 (the
    seed's own words for no change, l.509: 与上年预算数相同)."""
    story = changed(
        "update key_figure set value = 0 where key in ('revenue_change', 'revenue_change_pct')",
        "update key_figure set sentence = '与上年持平。' where key = 'revenue_change'",
    )
    assert story["overview"].sentences[2:] == ["与上年持平。"]
    english = changed(
        "update key_figure set value = 0 where key in ('revenue_change', 'revenue_change_pct')",
        lang="en",
    )
    assert english["overview"].sentences[2:] == ["Unchanged on last year."]


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


# --- the projects: every project, largest first, 12 to a slide ------------------------------------

PROJECTS_SOURCE = (
    f"来源：{TITLE}，2024年项目支出预算表（本年预算）（第425行）、"
    "2024年项目支出预算表（上年结转）（第448行）"
)


def test_projects_slide_of_the_seed(story) -> None:
    slide = story["projects:1"]
    assert (slide.title, slide.unit, slide.heading) == ("各项目支出", "万元", "各项目支出（万元）")
    # the 本年预算 table (l.436–446, units' rows l.435, 440, 443 left out) and the 上年结转
    # table (l.459), largest first
    assert slide.chart.kind == "bar"
    assert slide.chart.categories == (
        "科技计划项目",  # l.436
        "科技研发基地运营管理费",  # l.437
        "科技研发基地工程项目",  # l.438
        "科技综合专项业务费",  # l.439
        "科技学术报告厅维修修缮",  # l.445
        "科研工作综合经费",  # l.441
        "科技发展专项业务费",  # l.446
        "2023年度省级科技创新券专项资金",  # l.459
        "遗属生活补助",  # l.442
        "人才专项资金",  # l.444
    )
    assert slide.chart.series[0].name == "金额"
    assert slide.chart.series[0].values == tuple(
        Decimal(v) for v in ("2007", "550", "500", "32", "20", "19.9", "11", "2.62", "2.2", "1.4")
    )
    # 3143.50 (l.434) + 2.62 (l.457) = 3146.12; 2007 / 3146.12 = 63.793 %; nine of the ten
    # have a 项目支出绩效目标表 (l.591, 634, 670, 713, 760, 797, 831, 867, 902: all but the
    # 创新券 of l.459)
    assert slide.sentences == [
        "共 10 个项目，合计 3,146.12 万元。",
        "最大的项目是科技计划项目，2,007.00 万元，占项目支出 63.79%。",
        "9 个项目公开了绩效目标表。",
    ]
    assert slide.source == PROJECTS_SOURCE
    assert "projects:2" not in story


# Made for the case: six projects added to the 本年预算 table beside the seed's ten: 项目甲
# 0.40, 项目乙 0.30, 项目丙 0.20, 项目丁 0.10, 项目己 0 and 项目戊 with its amount blank (left out).
FIFTEEN_PROJECTS = (
    "insert into project_budget select pb.* replace (v.project as project, v.total as total_wan, "
    "v.seq as seq, v.line as source_line) from project_budget as pb, (values "
    "('项目甲', 0.40, 901, 901), ('项目乙', 0.30, 902, 902), ('项目丙', 0.20, 903, 903), "
    "('项目丁', 0.10, 904, 904), ('项目戊', null, 905, 905), ('项目己', 0, 906, 906)) "
    "as v (project, total, seq, line) "
    "where pb.project = '科技计划项目'"
)


def test_fifteen_projects_take_two_slides(changed) -> None:
    story = changed(FIFTEEN_PROJECTS)
    first, second = story["projects:1"], story["projects:2"]
    assert "projects:3" not in story
    assert (first.title, second.title) == ("各项目支出（1/2）", "各项目支出（2/2）")
    # the seed's ten, then 甲 and 乙: twelve on the first; 丙, 丁 and 己 (0) on the second
    assert first.chart.categories[-3:] == ("人才专项资金", "项目甲", "项目乙")
    assert len(first.chart.categories) == 12
    assert second.chart.categories == ("项目丙", "项目丁", "项目己")
    assert second.chart.series[0].values == (Decimal("0.2"), Decimal("0.1"), Decimal(0))
    # 3146.12 + 0.40 + 0.30 + 0.20 + 0.10 + 0 = 3147.12; 2007 / 3147.12 = 63.7726 %
    assert first.sentences == [
        "共 15 个项目，合计 3,147.12 万元。",
        "最大的项目是科技计划项目，2,007.00 万元，占项目支出 63.77%。",
        "9 个项目公开了绩效目标表。",
    ]
    assert second.sentences == ["第 13–15 个项目（共 15 个），按金额从大到小。"]
    assert second.source == first.source == PROJECTS_SOURCE
    assert (second.unit, second.chart.series[0].name) == ("万元", "金额")


def test_twelve_projects_take_one_slide_and_thirteen_two(changed) -> None:
    """Made for the case: 项目甲 0.40 and 项目乙 0.30 beside the seed's ten (12: one slide),
    then 项目丙 0.20 too (13: the thirteenth alone on a second)."""
    added = (
        "insert into project_budget select pb.* replace (v.project as project, v.total as "
        "total_wan, v.seq as seq, v.line as source_line) from project_budget as pb, (values {}) "
        "as v (project, total, seq, line) where pb.project = '科技计划项目'"
    )
    two = "('项目甲', 0.40, 901, 901), ('项目乙', 0.30, 902, 902)"
    story = changed(added.format(two))
    assert [k for k in story if k.startswith("projects")] == ["projects:1"]
    assert story["projects:1"].title == "各项目支出"
    story = changed(added.format(two + ", ('项目丙', 0.20, 903, 903)"))
    assert [k for k in story if k.startswith("projects")] == ["projects:1", "projects:2"]
    assert story["projects:2"].chart.categories == ("项目丙",)
    assert story["projects:2"].sentences == ["第 13–13 个项目（共 13 个），按金额从大到小。"]


def test_no_projects_slide_without_a_project_amount(changed) -> None:
    """Made for the case: every project's amount (l.436–446, l.459) blanked."""
    story = changed("update project_budget set total_wan = null where row_kind = 'project'")
    assert not [k for k in story if k.startswith("projects")]


def test_projects_source_without_the_carried_over_table(changed) -> None:
    """Made for the case: the 上年结转 table (l.448) taken out of the tables read."""
    story = changed("delete from source_table where table_key = 'project_carried'")
    assert story["projects:1"].source == (
        f"来源：{TITLE}，2024年项目支出预算表（本年预算）（第425行）"
    )


# --- 基本支出 by 经济分类 -----------------------------------------------------------------------

ECONOMIC_SOURCE = (
    f"来源：{TITLE}，2024年一般公共预算安排基本支出分经济科目表（不含上年结转）（第317行）"
)


def test_economic_slide_of_the_seed(story) -> None:
    slide = story["economic"]
    assert (slide.title, slide.unit) == ("基本支出按经济分类", "万元")
    # the groups of the table (l.318, l.337, l.351) with their 人员经费 and 公用经费 columns
    assert slide.chart.kind == "column"
    assert slide.chart.categories == ("工资福利支出", "商品和服务支出", "对个人和家庭的补助")
    personnel, public = slide.chart.series
    assert personnel.name == "人员经费"
    assert personnel.values == (Decimal("842.82"), None, Decimal("153.28"))
    assert public.name == "公用经费"
    assert public.values == (None, Decimal("124.70"), None)
    # l.317: 合计 1120.79 = 人员经费 996.10 + 公用经费 124.70; 996.10 / 1120.79 = 88.875 %,
    # 124.70 / 1120.79 = 11.126 %; the largest group 842.82 / 1120.79 = 75.199 %
    assert slide.sentences == [
        "基本支出 1,120.79 万元，其中人员经费 996.10 万元（88.87%），"
        "公用经费 124.70 万元（11.13%）。",
        "工资福利支出 842.82 万元，占基本支出 75.20%。",
    ]
    assert slide.source == ECONOMIC_SOURCE


def _economic_groups(*groups: tuple) -> str:
    """SQL adding groups (name, 合计, 人员经费, 公用经费, seq; SQL literals) to the table of
    l.317, each a copy of l.318's row."""
    added = ", ".join(
        "({})".format(", ".join(f"'{v}'" if i == 0 else str(v) for i, v in enumerate(g)))
        for g in groups
    )
    return (
        "insert into expenditure_economic select ee.* replace (v.name as group_name, "
        "v.total::decimal(18, 6) as total_wan, v.personnel::decimal(18, 6) as personnel_wan, "
        "v.public::decimal(18, 6) as public_wan, v.seq as seq) from expenditure_economic as ee, "
        f"(values {added}) as v (name, total, personnel, public, seq) "
        "where ee.source_line = 318"
    )


def test_economic_slide_of_eight_groups_shows_each_in_the_tables_order(changed) -> None:
    """Made for the case: five groups added after l.351 (甲 6.00 … 戊 0.40): eight, each shown,
    none summed, in the table's order."""
    slide = changed(
        _economic_groups(
            ("甲", 6, 6, "null", 901),
            ("乙", 5, 5, "null", 902),
            ("丙", 4, 4, "null", 903),
            ("丁", "0.5", "0.5", "null", 904),
            ("戊", "0.4", "0.3", "0.1", 905),
        )
    )["economic"]
    assert slide.chart.categories == (
        "工资福利支出",  # l.318
        "商品和服务支出",  # l.337
        "对个人和家庭的补助",  # l.351
        "甲",
        "乙",
        "丙",
        "丁",
        "戊",
    )


def test_economic_slide_names_the_largest_group_past_a_blank(changed) -> None:
    """Made for the case: the groups' 合计 made blank (l.318), 0.50 (l.337) and 0.30 (l.351):
    the largest filled is named, 0.50 / 1120.79 = 0.0446 %."""
    slide = changed(
        "update expenditure_economic set total_wan = case source_line when 318 then null "
        "when 337 then 0.5 else 0.3 end where row_kind = 'group'"
    )["economic"]
    assert slide.sentences[1] == "商品和服务支出 0.50 万元，占基本支出 0.04%。"


def test_economic_slide_of_nine_groups_sums_the_smallest_as_other(changed) -> None:
    """Made for the case: six groups added to the table of l.317 (甲 6.00, 乙 5.00, 丙 4.00,
    丁 0.50, 戊 0.40, 己 blank): the seven largest (己, blank, below 丁's 0.50), then 其他 =
    戊 0.40 + 己 blank = 0.40, its 人员经费 0.30 (戊's; 己's blank) and its 公用经费 0.10 + 1.00
    = 1.10."""
    insert = _economic_groups(
        ("甲", 6, 6, "null", 901),
        ("乙", 5, 5, "null", 902),
        ("丙", 4, 4, "null", 903),
        ("丁", "0.5", "0.5", "null", 904),
        ("戊", "0.4", "0.3", "0.1", 905),
        ("己", "null", "null", 1, 906),
    )
    slide = changed(insert)["economic"]
    assert slide.chart.categories == (
        "工资福利支出",
        "对个人和家庭的补助",
        "商品和服务支出",
        "甲",
        "乙",
        "丙",
        "丁",
        "其他",
    )
    personnel, public = slide.chart.series
    assert personnel.values[3:] == tuple(Decimal(v) for v in ("6", "5", "4", "0.5", "0.3"))
    assert public.values[7] == Decimal("1.1")
    assert slide.sentences[1] == "工资福利支出 842.82 万元，占基本支出 75.20%。"
    # the 人员经费 and 公用经费 columns blanked as well: the 合计 of each, 其他 = 0.40
    slide = changed(
        insert, "update expenditure_economic set personnel_wan = null, public_wan = null"
    )["economic"]
    # (the 其他 of blanks once held 0 人员经费 and 0 公用经费: a split of blanks was shown and
    # stated, 其中人员经费  万元（%）)
    assert [s.name for s in slide.chart.series] == ["合计"]
    assert slide.chart.series[0].values[3:] == tuple(
        Decimal(v) for v in ("6", "5", "4", "0.5", "0.4")
    )
    assert slide.sentences[0] == "基本支出 1,120.79 万元。"  # l.317


def test_economic_slide_of_totals_only(changed) -> None:
    """Made for the case: the 人员经费 and 公用经费 columns of l.317–354 blanked: one series, the
    groups' 合计 (l.318 842.82, l.337 124.70, l.351 153.28), and the total without a split."""
    slide = changed("update expenditure_economic set personnel_wan = null, public_wan = null")[
        "economic"
    ]
    assert len(slide.chart.series) == 1
    assert slide.chart.series[0].name == "合计"
    assert slide.chart.series[0].values == (
        Decimal("842.82"),
        Decimal("124.70"),
        Decimal("153.28"),
    )
    assert slide.sentences == [
        "基本支出 1,120.79 万元。",
        "工资福利支出 842.82 万元，占基本支出 75.20%。",
    ]


def test_economic_slide_with_the_split_on_the_total_only(changed) -> None:
    """Made for the case: the groups' 人员经费 and 公用经费 blanked, l.317's 合计 keeps them: the
    split is still shown (blank per group) and stated."""
    slide = changed(
        "update expenditure_economic set personnel_wan = null, public_wan = null "
        "where row_kind <> 'total'"
    )["economic"]
    assert [s.name for s in slide.chart.series] == ["人员经费", "公用经费"]
    assert slide.chart.series[0].values == (None, None, None)
    assert slide.sentences[0].startswith("基本支出 1,120.79 万元，其中人员经费 996.10 万元")


def test_economic_slide_without_group_totals_names_no_largest(changed) -> None:
    """Made for the case: the groups' 合计 cells (l.318, l.337, l.351) blanked."""
    slide = changed("update expenditure_economic set total_wan = null where row_kind = 'group'")[
        "economic"
    ]
    assert len(slide.sentences) == 1


def test_no_economic_slide_without_its_total_or_its_groups(changed) -> None:
    assert "economic" not in changed("delete from expenditure_economic where row_kind = 'total'")
    assert "economic" not in changed("delete from expenditure_economic where row_kind = 'group'")


# --- “三公”经费 and 机关运行经费 ----------------------------------------------------------------

# l.507 and l.513–517, the reasons as the sentences give them (their own commas kept)
THREE_PUBLIC_SENTENCE = (
    "“三公”经费 0.00 万元，比上年减少 2.55 万元。文件说明的原因：2023年单位车辆划出,本年度无"
    "“公务用车运行维护费”预算支出,故本年度“三公”经费预算较上年度减少2.55万元。"
)
ADMIN_SENTENCE = (
    "机关运行经费 54.87 万元，比上年增加 0.61 万元。文件说明的原因：人员工资调增导致公用经费"
    "(工会经费、福利费)增加,故本年度机关运行经费较上年增加0.61万元。"
)


def test_three_public_slide_of_the_seed(story) -> None:
    slide = story["three_public"]
    assert (slide.title, slide.unit) == ("“三公”经费与机关运行经费", "万元")
    assert slide.chart.kind == "figures"
    # l.507: “三公”经费预算0万元 比2023年减少2.55万元; l.513: 机关运行经费 54.87 增加0.61
    assert [(f.label, f.value, f.unit) for f in slide.chart.figures] == [
        ("“三公”经费", Decimal(0), "万元"),
        ("机关运行经费", Decimal("54.87"), "万元"),
    ]
    assert slide.chart.categories == ("“三公”经费", "机关运行经费")
    assert slide.chart.series[0].name == "金额"
    assert slide.chart.series[0].values == (Decimal(0), Decimal("54.87"))
    assert slide.sentences == [THREE_PUBLIC_SENTENCE, ADMIN_SENTENCE]
    assert slide.source == f"来源：{TITLE}，预算情况说明（第507行）、预算情况说明（第513行）"


def test_three_public_slide_in_english_gives_no_reason(seed_db: Path) -> None:
    slide = _story(seed_db, "en")["three_public"]
    assert slide.sentences == [
        "“Three public” expenses: 0.00, 2.55 less than last year (10k yuan).",
        "Administrative operating costs: 54.87, 0.61 more than last year (10k yuan).",
    ]


def test_three_public_from_the_tables(changed) -> None:
    """Made for the case: the narrative's totals (l.507, l.513) taken out, their changes kept; a
    合计 of 3.00 written into the 三公 table (l.410, blank in the seed) and l.422's 部门合计 row
    taken out of the 机关运行经费 table, leaving l.423's 54.87."""
    story = changed(
        "delete from key_figure where key in ('three_public_total', 'admin_operating_total')",
        "insert into fiscal_item select fi.* replace ('three_public' as table_key, '合计' as "
        "label, 3 as total_wan, 410 as source_line) from fiscal_item as fi where fi.seq = 1",
        "delete from fiscal_item where source_line = 422",
    )
    slide = story["three_public"]
    assert [(f.label, f.value, f.unit) for f in slide.chart.figures] == [
        ("“三公”经费", Decimal(3), "万元"),
        ("机关运行经费", Decimal("54.87"), "万元"),
    ]
    assert slide.sentences == [
        THREE_PUBLIC_SENTENCE.replace("0.00 万元", "3.00 万元"),
        ADMIN_SENTENCE,
    ]
    # the tables' lines named with their tables (titles l.397, l.414), then the narrative's
    # changes (l.507, l.513), in order
    assert slide.source == (
        f"来源：{TITLE}，2024年财政拨款安排“三公”经费支出预算表（第410行）、"
        "2024年财政拨款安排机关运行经费预算表（第423行）、"
        "预算情况说明（第507行）、预算情况说明（第513行）"
    )


def test_three_public_from_its_table_comes_first(changed) -> None:
    """Made for the case: the narrative's “三公” total (l.507) and change taken out, a 合计 of
    3.00 in the 三公 table (l.410): it stands before the narrative's 机关运行经费, without a
    change."""
    slide = changed(
        "delete from key_figure where key in ('three_public_total', 'three_public_change')",
        "insert into fiscal_item select fi.* replace ('three_public' as table_key, '合计' as "
        "label, 3 as total_wan, 410 as source_line) from fiscal_item as fi where fi.seq = 1",
    )["three_public"]
    assert [f.label for f in slide.chart.figures] == ["“三公”经费", "机关运行经费"]
    assert slide.sentences == ["“三公”经费 3.00 万元。", ADMIN_SENTENCE]
    assert slide.source == (
        f"来源：{TITLE}，2024年财政拨款安排“三公”经费支出预算表（第410行）、预算情况说明（第513行）"
    )


def test_three_public_without_the_three_public_figure(changed) -> None:
    """Made for the case: the narrative's “三公” total (l.507) taken out, its change kept, and
    none in the table (l.410 blank): 机关运行经费 alone, with its change and its line."""
    slide = changed("delete from key_figure where key = 'three_public_total'")["three_public"]
    assert [f.label for f in slide.chart.figures] == ["机关运行经费"]
    assert slide.sentences == [ADMIN_SENTENCE]
    assert slide.source == f"来源：{TITLE}，预算情况说明（第513行）"


def test_three_public_source_in_the_order_of_lines(changed) -> None:
    """Made for the case: 机关运行经费 read from its table (l.422 taken out, l.423's row said
    printed on line 1000, after the narrative) and the narrative's 三公 (l.507): the source
    names the narrative's line first, whatever the names."""
    slide = changed(
        "delete from key_figure where key in ('admin_operating_total', 'admin_operating_change')",
        "delete from fiscal_item where source_line = 422",
        "update fiscal_item set source_line = 1000 where source_line = 423",
    )["three_public"]
    assert slide.source == (
        f"来源：{TITLE}，预算情况说明（第507行）、2024年财政拨款安排机关运行经费预算表（第1000行）"
    )


def test_three_public_without_a_usable_table_row(changed) -> None:
    """Made for the case: the narrative's totals taken out; the 三公 table's 合计 blank (as
    printed, l.410) and the 机关运行经费 table of two rows (l.422, l.423): neither is read, and
    the slide is left out."""
    story = changed(
        "delete from key_figure where key in ('three_public_total', 'admin_operating_total')",
        "insert into fiscal_item select fi.* replace ('three_public' as table_key, '合计' as "
        "label, null as total_wan, 410 as source_line) from fiscal_item as fi where fi.seq = 1",
    )
    assert "three_public" not in story


def test_three_public_without_its_change_states_the_amount(changed) -> None:
    """Made for the case: the changes of l.507 and l.513 taken out."""
    slide = changed(
        "delete from key_figure where key in ('three_public_change', 'admin_operating_change')"
    )["three_public"]
    assert slide.sentences == ["“三公”经费 0.00 万元。", "机关运行经费 54.87 万元。"]
    assert slide.source == f"来源：{TITLE}，预算情况说明（第507行）、预算情况说明（第513行）"


def test_three_public_change_without_a_stated_reason(changed) -> None:
    """Made for the case: l.513's sentence cut before its reason (原因是…)."""
    slide = changed(
        "update key_figure set sentence = '机关运行经费比2023年预算增加0.61万元。' "
        "where key = 'admin_operating_change'"
    )["three_public"]
    assert slide.sentences[1] == "机关运行经费 54.87 万元，比上年增加 0.61 万元。"


def test_three_public_of_no_change_says_unchanged(changed) -> None:
    """Made for the case: l.513's change (增加0.61) made 0 and its sentence given no reason: the
    机关运行经费 is 持平; l.507's 三公 fall of 2.55 stays 减少."""
    edits = (
        "update key_figure set value = 0 where key = 'admin_operating_change'",
        "update key_figure set sentence = '机关运行经费与上年持平。' "
        "where key = 'admin_operating_change'",
    )
    slide = changed(*edits)["three_public"]
    assert slide.sentences == [THREE_PUBLIC_SENTENCE, "机关运行经费 54.87 万元，与上年持平。"]
    english = changed(*edits, lang="en")["three_public"]
    assert (
        english.sentences[1]
        == "Administrative operating costs: 54.87 (10k yuan), unchanged on last year."
    )


def test_three_public_of_a_pdf_names_its_pages(changed) -> None:
    """Made for the case: l.507 and l.513 said printed on p.7 of one PDF."""
    slide = changed(
        "insert into source_location select department, year, document, document_id, v.line, "
        "'a.pdf', 7 from document, (values (507), (513)) as v (line)"
    )["three_public"]
    assert slide.source == f"来源：{TITLE}，第7页"


# --- performance targets --------------------------------------------------------------------------

# The seed's ten 绩效目标表: the department's (l.535) and nine projects' (l.591 … l.902).
PERFORMANCE_SOURCE = f"来源：{TITLE}，各项目绩效目标表（第535行）"


def _indicators(*rows: tuple[str, int, str | None, str, str]) -> tuple[str, ...]:
    """SQL replacing every performance indicator of the seed by ``rows`` of (project, seq,
    一级指标, target kind, period)."""
    values = ", ".join(
        f"('{p}', {s}, {'null' if l1 is None else repr(l1)}, '{k}', '{period}')"
        for p, s, l1, k, period in rows
    )
    return (
        "create temp table one as select * from performance_indicator limit 1",
        "delete from performance_indicator",
        "insert into performance_indicator select o.* replace (v.project as project, v.seq as "
        "seq, v.level1 as level1, '数量指标' as level2, v.kind as target_kind, v.period as "
        f"period) from one as o, (values {values}) as v (project, seq, level1, kind, period)",
    )


# Made for the case: nine 年度 indicators in four of the ten tables (and one 实施期, not counted):
# 人才专项资金 产出 qualitative, 效益 numeric (1 of 2); 科技计划项目 产出 numeric, 产出 time, 效益
# qualitative, 满意度 numeric (3 of 4); 遗属生活补助 产出 numeric, 效益 qualitative (1 of 2);
# 部门整体 one without a 一级指标, empty (0 of 1).
NINE_INDICATORS = _indicators(
    ("人才专项资金", 1, "产出指标", "qualitative", "年度"),
    ("人才专项资金", 2, "效益指标", "numeric", "年度"),
    ("科技计划项目", 1, "产出指标", "numeric", "年度"),
    ("科技计划项目", 2, "产出指标", "time", "年度"),
    ("科技计划项目", 3, "效益指标", "qualitative", "年度"),
    ("科技计划项目", 4, "满意度指标", "numeric", "年度"),
    ("科技计划项目", 5, "产出指标", "numeric", "实施期"),
    ("遗属生活补助", 1, "产出指标", "numeric", "年度"),
    ("遗属生活补助", 2, "效益指标", "qualitative", "年度"),
    ("部门整体", 1, None, "empty", "年度"),
)


def test_performance_slides_of_nine_indicators(changed) -> None:
    story = changed(*NINE_INDICATORS)
    slide = story["performance"]
    assert (slide.title, slide.unit) == ("绩效目标：全部项目", "个")
    # by 一级指标 in the order met (人才专项资金's first): quantified 产出 2 + 0 + 1, 效益 1,
    # 满意度 1, 其他 0; not quantified 产出 1, 效益 1 + 1, 满意度 0, 其他 1
    assert slide.chart.categories == ("产出指标", "效益指标", "满意度指标", "其他")
    measurable, vague = slide.chart.series
    assert (measurable.name, vague.name) == ("可量化指标", "未量化指标")
    assert measurable.values == (Decimal(3), Decimal(1), Decimal(1), Decimal(0))
    assert vague.values == (Decimal(1), Decimal(2), Decimal(0), Decimal(1))
    assert slide.chart.number_format == "#,##0"
    # 9 年度 indicators, 3 + 1 + 1 = 5 quantified: 5 / 9 = 55.556 %; the lowest of the projects:
    # 人才专项资金 and 遗属生活补助 both 1 of 2, the first by name
    assert slide.sentences == [
        "10 张绩效目标表共 9 个年度指标，其中量化（数值或时间）5 个，占 55.56%。",
        "量化比例最低的是人才专项资金（50.00%）。",
    ]
    assert slide.source == PERFORMANCE_SOURCE
    table = story["performance_projects"]
    assert (table.title, table.unit, table.heading) == (
        "绩效目标：各项目量化程度",
        "",
        "绩效目标：各项目量化程度",
    )
    assert table.chart.kind == "table"
    assert table.chart.columns == ("项目", "预算（万元）", "指标数", "可量化", "占比（%）")
    assert table.chart.amount_columns == (1, 2, 3, 4)
    # the three projects with indicators, largest budget first (l.436 2007, l.442 2.20,
    # l.444 1.40); 3 / 4 = 75 %, 1 / 2 = 50 %
    assert table.chart.rows == (
        ("科技计划项目", Decimal(2007), 4, 3, Decimal("75.00")),
        ("遗属生活补助", Decimal("2.2"), 2, 1, Decimal("50.00")),
        ("人才专项资金", Decimal("1.4"), 2, 1, Decimal("50.00")),
    )
    assert table.sentences == ["按项目预算从大到小；量化指标指有数值或时间的指标。"]
    assert table.source == PERFORMANCE_SOURCE


def test_performance_of_one_project_names_no_lowest(changed) -> None:
    """Made for the case: 科技计划项目's indicators alone (3 of 4 quantified)."""
    story = changed(
        *_indicators(
            ("科技计划项目", 1, "产出指标", "numeric", "年度"),
            ("科技计划项目", 2, "产出指标", "time", "年度"),
            ("科技计划项目", 3, "效益指标", "qualitative", "年度"),
            ("科技计划项目", 4, "满意度指标", "numeric", "年度"),
        )
    )
    assert story["performance"].sentences == [
        "10 张绩效目标表共 4 个年度指标，其中量化（数值或时间）3 个，占 75.00%。"
    ]
    assert story["performance_projects"].chart.rows == (
        ("科技计划项目", Decimal(2007), 4, 3, Decimal("75.00")),
    )


def test_performance_of_two_projects_names_the_lower(changed) -> None:
    """Made for the case: 人才专项资金 2 of 2 quantified (100 %), 科技计划项目 3 of 4 (75 %): the
    lower is named, though its name sorts after the other's."""
    story = changed(
        *_indicators(
            ("人才专项资金", 1, "产出指标", "numeric", "年度"),
            ("人才专项资金", 2, "效益指标", "numeric", "年度"),
            ("科技计划项目", 1, "产出指标", "numeric", "年度"),
            ("科技计划项目", 2, "效益指标", "numeric", "年度"),
            ("科技计划项目", 3, "效益指标", "qualitative", "年度"),
            ("科技计划项目", 4, "满意度指标", "numeric", "年度"),
        )
    )
    assert story["performance"].sentences[1] == "量化比例最低的是科技计划项目（75.00%）。"


def test_performance_chart_shows_eight_first_level_targets(changed) -> None:
    """Made for the case: nine indicators of 科技计划项目 under nine 一级指标 (甲 … 壬): the
    chart holds the first eight met."""
    names = "甲乙丙丁戊己庚辛壬"
    story = changed(
        *_indicators(
            *(("科技计划项目", i, f"{n}指标", "numeric", "年度") for i, n in enumerate(names, 1))
        )
    )
    chart = story["performance"].chart
    assert chart.categories == tuple(f"{n}指标" for n in names[:8])
    assert chart.series[0].values == (Decimal(1),) * 8


def test_performance_of_the_department_alone_has_no_table(changed) -> None:
    """Made for the case: one indicator, in the 部门整体 table (l.535), quantified."""
    story = changed(*_indicators(("部门整体", 1, "产出指标", "numeric", "年度")))
    assert story["performance"].sentences == [
        "10 张绩效目标表共 1 个年度指标，其中量化（数值或时间）1 个，占 100.00%。"
    ]
    assert "performance_projects" not in story


def test_no_performance_slides_without_annual_indicators(changed) -> None:
    story = changed(*_indicators(("科技计划项目", 1, "产出指标", "numeric", "实施期")))
    assert not [k for k in story if k.startswith("performance")]


# Made for the case: three projects' tables added beside the seed's nine (whose budgets are
# 1.40 … 2007, l.436–446), each with 年度 indicators: 项目甲 (budget 0.50; 1, quantified),
# 项目乙 (0.30; 2, 1 quantified) and 项目丙 (no budget; 3, 2 quantified).
TWELVE_TABLES = (
    "insert into performance_table select pt.* replace (v.project as project, v.line as "
    "source_line) from performance_table as pt, (values ('项目甲', 997), ('项目乙', 998), "
    "('项目丙', 999)) as v (project, line) where pt.project = '人才专项资金'",
    "insert into project_budget select pb.* replace (v.project as project, v.total as total_wan, "
    "v.line as source_line) from project_budget as pb, (values ('项目甲', 0.50, 997), "
    "('项目乙', 0.30, 998)) as v (project, total, line) where pb.project = '人才专项资金'",
    "insert into performance_indicator select pi.* replace (v.project as project, v.seq as seq, "
    "'年度' as period, v.kind as target_kind) from performance_indicator as pi, (values "
    "('项目甲', 901, 'numeric'), ('项目乙', 901, 'numeric'), ('项目乙', 902, 'qualitative'), "
    "('项目丙', 901, 'time'), ('项目丙', 902, 'numeric'), ('项目丙', 903, 'empty')) "
    "as v (project, seq, kind) where pi.project = '人才专项资金' and pi.seq = 1 "
    "and pi.period = '年度'",
)


def test_performance_table_sums_the_projects_past_ten(changed) -> None:
    rows = changed(*TWELVE_TABLES)["performance_projects"].chart.rows
    # the ten with the largest budgets (项目甲 0.50 the tenth); 乙 and 丙 summed: budget 0.30
    # (丙's blank), 2 + 3 = 5 indicators, 1 + 2 = 3 quantified: 60 %
    assert len(rows) == 11
    assert rows[9] == ("项目甲", Decimal("0.5"), 1, 1, Decimal("100.00"))
    assert rows[10] == ("其他2个项目", Decimal("0.3"), 5, 3, Decimal("60.00"))
    # 乙's budget taken out as well: the sum of blanks is blank, not 0
    rows = changed(*TWELVE_TABLES, "delete from project_budget where project = '项目乙'")[
        "performance_projects"
    ].chart.rows
    assert rows[10] == ("其他2个项目", None, 5, 3, Decimal("60.00"))


# --- the title ------------------------------------------------------------------------------------


def test_title_slide_of_the_seed(story) -> None:
    slide = story["title"]
    assert (slide.title, slide.heading, slide.chart) == (TITLE, TITLE, None)
    # l.2: 晋城市科学技术局; a 部门 预算 of 2024; amounts in 万元
    assert slide.subtitle == "晋城市科学技术局 · 2024年度部门预算 · 金额单位：万元"
    # l.466: 预算收入总计4,266.91万元 … 支出总计4,266.91万元
    assert slide.sentences == [
        f"本演示根据《{TITLE}》制作，每页注明数字所在的原文行号。",
        "收入总计 4,266.91 万元，支出总计 4,266.91 万元。",
    ]
    # data/raw/jincheng-kejiju-2024.txt has 2208 lines (the last without a line end)
    assert slide.source == f"来源：{TITLE}（共2208行）"


def test_title_slide_in_english(seed_db: Path) -> None:
    slide = _story(seed_db, "en")["title"]
    assert slide.subtitle == "晋城市科学技术局 · 2024 department budget · amounts in 10k yuan"
    assert slide.sentences[1] == "Total revenue 4,266.91, total expenditure 4,266.91 (10k yuan)."


def test_title_slide_of_a_final_unit_document_without_a_stated_total(changed) -> None:
    """Made for the case: the document said a 单位 决算, then of a kind the deck has no word
    for; the narrative's 支出总计 (l.466) taken out: no sentence of the totals."""
    story = changed(
        "update document set kind = '决算', scope = '单位'",
        "delete from key_figure where key = 'expenditure_total'",
    )
    slide = story["title"]
    assert slide.subtitle == "晋城市科学技术局 · 2024年度单位决算 · 金额单位：万元"
    assert len(slide.sentences) == 1
    slide = changed("update document set kind = '调整预算', scope = '其他'")["title"]
    assert slide.subtitle == "晋城市科学技术局 · 2024年度调整预算 · 金额单位：万元"
    story = changed("delete from key_figure where key = 'revenue_total'")
    assert len(story["title"].sentences) == 1


def test_title_slide_of_a_pdf_counts_its_pages(changed) -> None:
    """Made for the case: lines said printed on two PDFs, a.pdf to p.5 and b.pdf to p.3 (its
    lines in no order of pages): 5 + 3 = 8 pages."""
    slide = changed(
        "insert into source_location select department, year, document, document_id, v.line, "
        "v.file, v.page from document, (values (1, 'a.pdf', 1), (2, 'a.pdf', 5), "
        "(3, 'a.pdf', 4), (4, 'b.pdf', 3), (5, 'b.pdf', 2)) as v (line, file, page)"
    )["title"]
    assert slide.sentences[0] == f"本演示根据《{TITLE}》制作，每页注明数字所在的原文页码。"
    assert slide.source == f"来源：{TITLE}（共8页）"


# --- data quality -------------------------------------------------------------------------------

# Made for the case: the seed's check results replaced by three: two ok, one mismatch.
THREE_CHECKS = (
    "create temp table one as select * from check_result limit 1",
    "delete from check_result",
    "insert into check_result select o.* replace (v.seq as seq, v.status as status) from one "
    "as o, (values (1, 'ok'), (2, 'mismatch'), (3, 'ok')) as v (seq, status)",
)


def test_quality_slide_of_three_checks(changed) -> None:
    slide = changed(*THREE_CHECKS)["quality"]
    assert (slide.title, slide.unit, slide.heading) == ("数据质量", "项", "数据质量（项）")
    assert slide.chart.kind == "column"
    assert slide.chart.categories == ("一致", "尾差", "不一致", "无法判断")
    assert slide.chart.series[0].name == "核对项数"
    assert slide.chart.series[0].values == (Decimal(2), Decimal(0), Decimal(1), Decimal(0))
    assert slide.chart.number_format == "#,##0"
    assert slide.sentences == [
        "共核对 3 项：一致 2 项，尾差 0 项，不一致 1 项，无法判断 0 项。",
        "尾差是分项四舍五入造成的分位差，不是错误。",
        "不一致项是文件自身数字之间的矛盾，逐条列在仪表盘的“数据核对”页。",
    ]
    assert slide.source == f"来源：{TITLE}，预算透视对本文件的数据核对（3项）"


def test_quality_slide_without_a_mismatch(changed) -> None:
    slide = changed(*THREE_CHECKS, "update check_result set status = 'rounding' where seq = 2")[
        "quality"
    ]
    assert slide.sentences[0] == "共核对 3 项：一致 2 项，尾差 1 项，不一致 0 项，无法判断 0 项。"
    assert slide.sentences[2] == "文件的数字之间没有矛盾。"


def test_no_quality_slide_without_checks(changed) -> None:
    assert "quality" not in changed("delete from check_result")
