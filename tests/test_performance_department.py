"""The 部门整体（支出）绩效目标表 of the national template (issue 16, item 2): a table whose title
says 部门整体 (or 整体 绩效 without naming a 专项 or 项目) is the department-wide table: its form
is read as the project 部门整体 with ``is_department`` true, its indicators against rows read by
hand from the PDFs (pdfplumber's page text); 西安's 专项资金整体支出绩效目标表 is not
department-wide."""

from __future__ import annotations

import pytest

from budgetlens.grid_performance import is_department_title
from budgetlens.mappings import DEPARTMENT_PERF_NAME
from tests.conftest import corpus_documents


def _page(doc, line: int) -> int:
    return next(s["page"] for s in doc.rows["source_location"] if s["line"] == line)


@pytest.mark.parametrize(
    ("title", "department"),
    [
        ("预算13表 部门整体支出绩效目标表", True),  # 北京 p17
        ("2026 年部门整体绩效目标表", True),  # 重庆市水利局 p30
        ("2021年部门整体支出绩效目标表", True),  # 西安 2021 p43
        ("2019年专项资金整体支出绩效目标表", False),  # 西安 2019 p39
        ("2021年专项资金总体绩效目标表", False),  # 西安 2021 p44
        ("2026年项目支出绩效目标表", False),  # 长沙 p22
    ],
)
def test_department_titles(title, department) -> None:
    assert is_department_title(title) is department


# (corpus folder, department as printed after 部门（单位）名称 / 部门名称, its page)
DEPARTMENTS = [
    ("xa-xcb-2021-budget-dept", "中共西安市委宣传部", 43),
    ("xa-ajj-2019-budget-dept", "西安市安全生产监督管理局", 33),
    ("bj-xfb-2026-budget-dept", "北京市信访办公室", 17),
    # no 部门名称 row: the name under 单位名称 (长沙, pp30–32 one table), or 单位名称：… above
    # the table (重庆)
    ("cs-xfj-2026-budget-dept", "长沙市信访局", 30),
    ("cs-zjjd-2026-budget-dept", "长沙职业教育基地综合协调办公室", 24),
    ("cq-slj-2026-budget-dept", "重庆市水利局", 30),
]


@pytest.mark.parametrize("case", DEPARTMENTS, ids=lambda c: c[0])
def test_the_department_wide_table_is_marked(case) -> None:
    name, department, page = case
    (doc,) = corpus_documents(name)
    marked = [r for r in doc.rows["performance_table"] if r["is_department"]]
    assert len(marked) == 1
    (t,) = marked
    assert t["project"] == DEPARTMENT_PERF_NAME
    assert t["supervisor"] == department
    assert _page(doc, t["source_line"]) == page
    # the other 绩效目标表 stay project tables
    assert all(
        r["project"] != DEPARTMENT_PERF_NAME
        for r in doc.rows["performance_table"]
        if not r["is_department"]
    )


# (corpus folder, page, 一级指标 or None where the grid loses it, 二级指标, 指标内容, 指标值)
INDICATORS = [
    # 西安_2021_中共西安市委宣传部_部门预算.pdf p43 (表15 2021年部门整体支出绩效目标表)
    ("xa-xcb-2021-budget-dept", 43, "产出指标", "时效指标", "按计划完成及时率", "≥99%"),
    ("xa-xcb-2021-budget-dept", 43, "产出指标", "质量指标", "理论工作覆盖率", "≥90%"),
    ("xa-xcb-2021-budget-dept", 43, "产出指标", "成本指标", "城市形象宣传费用", "1700万"),
    # 西安_2019_西安市安全生产监督管理局_部门预算.pdf p34 (附表14 2019年部门整体支出绩效目标表)
    ("xa-ajj-2019-budget-dept", 34, None, "数量指标", "指标8：安全生产“七进”活动", "7次"),
    (
        "xa-ajj-2019-budget-dept",
        34,
        None,
        "数量指标",
        "指标15：建立市级安全生产专业应急救援队伍",
        "一支",
    ),
    # 北京_2026_北京市信访办公室_部门预算.pdf p17 (预算13表): 活动 | 绩效指标 (一级, 二级 and 三级
    # in one cell: 产出指标质量指标来信扫描完成率) | 指标性质 | 指标值 | 度量单位; the target is
    # 指标性质 + 指标值 + 度量单位 as printed, a 定性 one its value alone
    ("bj-xfb-2026-budget-dept", 17, "产出指标", "质量指标", "来信扫描完成率", "＝100%"),
    ("bj-xfb-2026-budget-dept", 17, "产出指标", "时效指标", "故障应急响应时间", "≤5分钟"),
    ("bj-xfb-2026-budget-dept", 17, "效益指标", "社会效益指标", "保障接访工作的运转", "优"),
    # 长沙_2026_长沙市信访局_部门预算.pdf pp30–32 (2026年部门整体支出绩效目标表): 一级指标 |
    # 二级指标 | 三级指标 | 指标值类型 | 指标值 | 计量单位, the levels merged down and across pages
    (
        "cs-xfj-2026-budget-dept",
        30,
        "成本指标",
        "经济成本指标",
        "基本支出不超预算（不含年中调整数）",
        "≤1517.95万元",
    ),
    ("cs-xfj-2026-budget-dept", 30, "产出指标", "数量指标", "接待走访群众数量", "≥3000人次"),
    ("cs-xfj-2026-budget-dept", 31, "产出指标", "时效指标", "信访事项按期答复率", "≥95%"),
    ("cs-xfj-2026-budget-dept", 32, "效益指标", "社会效益指标", "不发生信访极端恶性事件", "=0次"),
    (
        "cs-xfj-2026-budget-dept",
        32,
        "满意度指标",
        "服务对象满意度指标",
        "信访事项处理群众参评满意率",
        "≥90%",
    ),
    # 长沙_2026_长沙职业教育基地综合协调办公室_部门预算.pdf pp24–25
    ("cs-zjjd-2026-budget-dept", 24, "产出指标", "数量指标", "场馆使用次数", "≥160次"),
    ("cs-zjjd-2026-budget-dept", 25, "效益指标", "社会效益指标", "有效提升办学环境", "提升"),
    # 重庆_2026_重庆市水利局_部门预算.pdf p30 (表十): 指标名称 | 指标性质 | 指标值 | 计量单位,
    # no levels
    ("cq-slj-2026-budget-dept", 30, None, None, "续建大中型水库", "≥27座"),
    ("cq-slj-2026-budget-dept", 30, None, None, "后扶资金项目覆盖区县数量", "≥30个数"),
]


@pytest.mark.parametrize("case", INDICATORS, ids=lambda c: f"{c[0]}-{c[4]}")
def test_department_indicators_as_published(case) -> None:
    name, page, level1, level2, indicator, target = case
    (doc,) = corpus_documents(name)
    found = [
        r
        for r in doc.rows["performance_indicator"]
        if r["project"] == DEPARTMENT_PERF_NAME and r["name"] == indicator
    ]
    assert len(found) == 1, found
    (r,) = found
    assert r["target_raw"] == target
    assert r["level1"] == level1
    assert r["level2_raw"] == level2
    assert _page(doc, r["source_line"]) == page


def test_a_page_with_other_columns_is_kept_raw_not_misplaced() -> None:
    """西安 2019's 部门整体 table continues on pp35–38 in grids of 2, 3 and 4 columns: their
    cells are not read as indicators under the levels of p34 (kept as raw cells, said)."""
    (doc,) = corpus_documents("xa-ajj-2019-budget-dept")
    pages = {
        _page(doc, r["source_line"])
        for r in doc.rows["performance_indicator"]
        if r["project"] == DEPARTMENT_PERF_NAME
    }
    assert pages == {34}
    assert any(
        "2019年部门整体支出绩效目标表" in n["message"] and "kept as raw cells" in n["message"]
        for n in doc.rows["parse_note"]
    )


def test_a_table_printed_a_page_at_a_time_is_one_scorecard() -> None:
    """长沙市信访局 prints its 部门整体支出绩效目标表 on pp30–32, the title, header and department
    row again on each page: one table, its indicators in print order; p32's five read by hand."""
    (doc,) = corpus_documents("cs-xfj-2026-budget-dept")
    rows = [r for r in doc.rows["performance_indicator"] if r["project"] == DEPARTMENT_PERF_NAME]
    assert {_page(doc, r["source_line"]) for r in rows} == {30, 31, 32}
    assert [r["seq"] for r in rows] == list(range(1, len(rows) + 1))
    assert [r["name"] for r in rows if _page(doc, r["source_line"]) == 32] == [
        "特护期平安稳定",
        "不发生信访极端恶性事件",
        "不适用生态效益指标",
        "提升基层治理体系和治理能力",
        "信访事项处理群众参评满意率",
    ]
    # no indicator is left without its 一级 and 二级 指标
    assert all(r["level1"] and r["level2_raw"] for r in rows)
