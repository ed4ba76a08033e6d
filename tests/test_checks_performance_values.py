"""The performance-table families (budgetlens/checks_performance.py) on tables made for each case.

Each family is called on rows written here the way ingest gives them (the 绩效目标表's funds in
元, the project table in 万元). Every expected status, difference and tolerance is worked out
by hand in the comments and written as a literal (docs/testing.md, mutation testing of
checks_performance.py). tests/test_checks.py holds the same families to the Jincheng document.
"""

from __future__ import annotations

from decimal import Decimal

from budgetlens import checks_performance as cp
from tests.check_runs import FIELDS, brief, run

D = Decimal
DEPT = "部门整体"


_run = run


def _brief(results: list[dict]) -> list[tuple]:
    """(kind, project, subject, expected, actual, difference, tolerance, status, lines)."""
    return brief(results, (FIELDS[0], "project", *FIELDS[1:]))


def _budget(project, total, line, unit=None, carried_over=False, row_kind="project"):
    return {
        "row_kind": row_kind,
        "carried_over": carried_over,
        "project": project,
        "unit": unit,
        "total_wan": None if total is None else D(total),
        "source_line": line,
    }


def _table(project, line, code=None, unit=None, is_department=False, supervisor=None):
    return {
        "project": project,
        "is_department": is_department,
        "supervisor": supervisor,
        "supervisor_code": code,
        "implementing_unit": unit,
        "source_line": line,
    }


def _fund(project, period, source, amount, line, dimension="source", label=None):
    return {
        "project": project,
        "period": period,
        "dimension": dimension,
        "source": source,
        "label": label or source,
        "amount_yuan": None if amount is None else D(amount),
        "source_line": line,
    }


def _indicator(project, name, raw, line, period="年度", level2="数量指标", **target):
    """An indicator; ``target`` overrides the numeric target read from nothing (kind, value,
    unit, comparator)."""
    return {
        "project": project,
        "period": period,
        "level2": level2,
        "name": name,
        "target_raw": raw,
        "target_kind": target.get("kind", "numeric"),
        "comparator": target.get("comparator"),
        "target_value": target.get("value"),
        "target_unit": target.get("unit"),
        "source_line": line,
    }


def test_a_document_without_performance_tables_gives_nothing() -> None:
    for family in cp.FAMILIES.values():
        assert _run(family, {}) == []


# --- performance_funds ------------------------------------------------------------------------


def _funds_doc() -> dict:
    return {
        "project_budget": [
            _budget(None, "17.36", 434, row_kind="department"),
            _budget("科技计划项目", "12.35", 436, unit="某科技局"),
            _budget("人才专项", "5.01", 437, unit="人才中心"),
            _budget("无单位项目", "1.00", 438, unit="某科技局"),
            # a 上年结转 row of the same name is not the year's budget
            _budget("科技计划项目", "99.00", 450, carried_over=True),
        ],
        "performance_table": [
            _table(DEPT, 535, "108", is_department=True, supervisor="108-某局"),
            _table("科技计划项目", 580, "108", "某科技局", supervisor="108-某局"),
            _table("无此项目", 600, "108", supervisor="108-某局"),
            _table("人才专项", 620, "109", "别的单位", supervisor="109-别局"),
            # no 实施单位 printed: nothing to compare with the project table's unit
            _table("无单位项目", 640, "108", supervisor="108-某局"),
        ],
        "performance_fund": [
            _fund("科技计划项目", "实施期", "total", "300000", 583),
            _fund("科技计划项目", "实施期", "general_budget", None, 584),
            _fund("科技计划项目", "年度", "total", "123500", 585),
            _fund("科技计划项目", "年度", "general_budget", "100000", 586),
            _fund("科技计划项目", "年度", "other", "23400", 587),
            _fund("人才专项", "年度", "total", "50000", 625),
            _fund(DEPT, "年度", "total", "1000000", 547, label="合计"),
            _fund(DEPT, "年度", "general_budget", "600000", 548),
            _fund(DEPT, "年度", "other", "400000", 549),
            _fund(DEPT, "年度", "total", "999900", 547, "direction", "合计"),
            _fund(DEPT, "年度", "basic", "700000", 548, "direction", "其中:基本支出"),
            _fund(DEPT, "年度", "project", "300100", 549, "direction", "项目支出"),
        ],
        "expenditure_function": [
            {  # the 合计 of another table
                "table_key": "expenditure_total",
                "code": None,
                "total_wan": D("1.00"),
                "basic_wan": D("1.00"),
                "project_wan": D("1.00"),
                "source_line": 120,
            },
            {
                "table_key": "general_budget_expenditure",
                "code": None,
                "total_wan": D("100.00"),
                "basic_wan": D("70.00"),
                "project_wan": D("30.00"),
                "source_line": 129,
            },
        ],
    }


def test_project_funds_against_the_project_table_their_sources_and_unit() -> None:
    results = _run(cp.performance_funds, _funds_doc())
    pf, plan, talent = "performance_funds", "科技计划项目", "人才专项"
    assert _brief(results) == [
        # 12.35 万元 = 123,500 元, exactly (no rounding between 元 and 万元: items 0)
        (pf, plan, f"{plan}: 年度资金总额（元）vs 项目支出预算表（万元）", D("123500.00"),
         D("123500"), D(0), D(0), "ok", "436,585"),
        (pf, plan, f"{plan}: 实施期资金总额 = Σ 资金来源（元）", None, None, None, None,
         "unjudged", "583"),
        # 100,000 + 23,400 = 123,400 against 123,500: 100 元 off
        (pf, plan, f"{plan}: 年度资金总额 = Σ 资金来源（元）", D("123500"), D("123400"),
         D(-100), D(0), "mismatch", "585,586,587"),
        ("performance_unit", plan, f"{plan}: 实施单位 = 项目支出预算表 单位", None, None, None,
         None, "ok", "436,580"),
        (pf, "无此项目", "无此项目: 绩效目标表 在项目支出预算表中有对应项目", None, None, None,
         None, "mismatch", "600"),
        # 5.01 万元 = 50,100 元 against 50,000
        (pf, talent, f"{talent}: 年度资金总额（元）vs 项目支出预算表（万元）", D("50100.00"),
         D("50000"), D(-100), D(0), "mismatch", "437,625"),
        (pf, talent, f"{talent}: 年度资金总额 = Σ 资金来源（元）", None, None, None, None,
         "unjudged", "625"),
        ("performance_unit", talent, f"{talent}: 实施单位 = 项目支出预算表 单位", None, None,
         None, None, "mismatch", "437,620"),
        ("supervisor_code", talent, f"{talent}: 主管部门代码", None, None, None, None,
         "mismatch", "620"),
        # 600,000 + 400,000 = 1,000,000 元 = 100 万元; two parts, 0.02 allowed
        (pf, DEPT, "部门整体: 资金总额 = Σ 按来源", D(100), D(100), D(0), D("0.02"), "ok",
         "547,548,549"),
        # 700,000 + 300,100 = 1,000,100 元 = 100.01 万元 against the 合计 by direction, 999,900
        # 元 = 99.99 万元: 0.02 off, 0.02 allowed
        (pf, DEPT, "部门整体: 资金总额 = Σ 按方向", D("99.99"), D("100.01"), D("0.02"),
         D("0.02"), "rounding", "547,548,549"),
        # 100.00 against 99.99
        (pf, DEPT, "部门整体: 合计 vs 一般公共预算支出表", D("100.00"), D("99.99"), D("-0.01"),
         D(0), "mismatch", "129,547"),
        (pf, DEPT, "部门整体: 其中:基本支出 vs 一般公共预算支出表", D("70.00"), D(70), D(0),
         D(0), "ok", "129,548"),
        # 300,100 元 = 30.01 万元 against 30.00
        (pf, DEPT, "部门整体: 项目支出 vs 一般公共预算支出表", D("30.00"), D("30.01"),
         D("0.01"), D(0), "mismatch", "129,549"),
    ]  # fmt: skip
    details = [r["detail"] for r in results]
    assert details[1] == "未读到：实施期各资金来源的金额（第583行只有资金总额）"
    assert details[3] == "绩效目标表 某科技局; 项目支出预算表 某科技局"
    assert details[4] == "项目支出预算表中没有这个名称的项目"
    assert details[6] == "未读到：年度各资金来源的金额（第625行只有资金总额）"
    assert details[7] == "绩效目标表 别的单位; 项目支出预算表 人才中心"
    assert details[8] == "109-别局：代码 109，其他各表为 108"


def test_one_supervisor_code_and_no_department_table_says_nothing_more() -> None:
    rows = _funds_doc()
    rows["performance_table"] = [t for t in rows["performance_table"] if t["project"] != "人才专项"]
    rows["performance_table"] = [t for t in rows["performance_table"] if not t["is_department"]]
    kinds = [r["check_kind"] for r in _run(cp.performance_funds, rows)]
    assert kinds == ["performance_funds"] * 3 + ["performance_unit", "performance_funds"]


def test_tables_without_their_funds_are_compared_by_name_unit_and_code_only() -> None:
    rows = _funds_doc()
    del rows["performance_fund"]
    kinds = [r["check_kind"] for r in _run(cp.performance_funds, rows)]
    assert kinds == ["performance_unit", "performance_funds", "performance_unit", "supervisor_code"]


def test_a_department_table_without_the_function_table_checks_its_own_sums() -> None:
    rows = _funds_doc()
    del rows["expenditure_function"]
    subjects = [r["subject"] for r in _run(cp.performance_funds, rows) if r["project"] == DEPT]
    assert subjects == ["部门整体: 资金总额 = Σ 按来源", "部门整体: 资金总额 = Σ 按方向"]


# --- cost_indicators and department_costs ----------------------------------------------------


def _cost(
    project, name, raw, line, period="年度", value=None, unit="万元", comparator="=", kind=None
):
    return _indicator(
        project,
        name,
        raw,
        line,
        period,
        "成本指标",
        kind=kind or ("numeric" if value is not None else "empty"),
        value=value,
        unit=unit,
        comparator=comparator,
    )


def _costs_doc() -> dict:
    return {
        "project_budget": [
            _budget(None, "50.00", 433, row_kind="department", carried_over=True),
            _budget(None, "500.00", 434, row_kind="department"),
            _budget("工程项目", "1000.00", 438),
            _budget("项目二", "10.00", 439),
            _budget("工程项目", "99.00", 451, carried_over=True),  # 上年结转: not the year's
        ],
        "expenditure_economic": [
            {"row_kind": "group", "personnel_wan": D(1), "public_wan": D(1), "source_line": 316},
            {
                "row_kind": "total",
                "personnel_wan": D("80.00"),
                "public_wan": D("20.00"),
                "source_line": 317,
            },
        ],
        "performance_fund": [_fund("工程项目", "实施期", "total", "1500000", 630)],
        "performance_indicator": [
            # 实施期: ≤2,000,000 元 = 200 万元 against 1,500,000 元 = 150 万元: 50 past the funds
            _cost("工程项目", "成本C", "≤2000000元", 640, "实施期", 2000000.0, "元", "≤"),
            # 年度: 600 (printed twice, counted once) + 400 = 1000 = the project table's 1000.00
            _cost("工程项目", "成本A", "≤600万元", 650, value=600.0, comparator="≤"),
            _cost("工程项目", "成本A", "≤600万元", 651, value=600.0, comparator="≤"),
            _cost("工程项目", "成本B", "400万元", 652, value=400.0),
            _cost("工程项目", "效益", "400万元", 653, value=400.0) | {"level2": "经济效益指标"},
            _cost(DEPT, "其他成本", "5万元", 563, value=5.0),  # no table states it
            _cost(DEPT, "人员经费成本", "80万元", 560, value=80.0),
            _cost(DEPT, "公用经费", "20.01万元", 561, value=20.01),
            _cost(DEPT, "项目支出成本", "≤500万元", 562, value=500.0, comparator="≤"),
            _cost(DEPT, "人员经费", "", 564),  # not read
            _cost("项目二", "成本D", "", 700),
            _cost("项目二", "成本G", "约5万", 702, kind="unparsed"),  # a target not understood
            _cost("项目二", "成本E", "按实结算", 701, "实施期", kind="text"),
            _cost("项目三", "成本F", "50万元", 710, value=50.0),
        ],
    }


def test_costs_against_the_funds_of_each_period_and_the_department_tables() -> None:
    results = _run(cp.cost_indicators, _costs_doc())
    ci = "cost_indicator"
    assert _brief(results) == [
        (ci, "工程项目", "工程项目 实施期: Σ 成本指标 vs 实施期资金总额", D(150), D("200.0"),
         D("50.0"), D(0), "mismatch", "630,640"),
        (ci, "工程项目", "工程项目 年度: Σ 成本指标 vs 项目支出预算表", D("1000.00"),
         D("1000.0"), D(0), D(0), "ok", "438,650,651,652"),
        (ci, DEPT, "部门整体: 人员经费成本 vs 经济科目表 人员经费", D("80.00"), D("80.0"), D(0),
         D(0), "ok", "317,560"),
        # 20.01 against 20.00: items 0, nothing allowed
        (ci, DEPT, "部门整体: 公用经费 vs 经济科目表 公用经费", D("20.00"), D("20.01"),
         D("0.01"), D(0), "mismatch", "317,561"),
        (ci, DEPT, "部门整体: 项目支出成本 vs 项目支出预算表 合计", D("500.00"), D("500.0"),
         D(0), D(0), "ok", "434,562"),
        (ci, "项目三", "项目三 年度: Σ 成本指标 vs 项目支出预算表", None, None, None, None,
         "unjudged", "710"),
        (ci, "项目二", "项目二 实施期: Σ 成本指标 vs 实施期资金总额", None, None, None, None,
         "unjudged", "701"),
        (ci, "项目二", "项目二 年度: Σ 成本指标 vs 项目支出预算表", None, None, None, None,
         "unjudged", "439,700,702"),
    ]  # fmt: skip
    details = [r["detail"] for r in results]
    assert details[0] == "成本C ≤2000000元"
    assert details[1] == "成本A ≤600万元、成本B 400万元（重复的指标只计一次）"
    assert details[2:5] == ["80万元", "20.01万元", "≤500万元"]
    assert details[5] == "未读到：项目支出预算表（项目三）"
    assert details[6] == "未读到：实施期成本指标的金额（第701行的目标值不是以元或万元表示的金额）"
    assert details[7] == "未读到：年度成本指标的金额（第700、702行目标值为空）"


def test_costs_without_the_period_funds_are_unjudged() -> None:
    rows = _costs_doc()
    del rows["performance_fund"], rows["project_budget"], rows["expenditure_economic"]
    results = _run(cp.cost_indicators, rows)
    by_subject = {r["subject"]: (r["status"], r["detail"]) for r in results}
    assert by_subject["工程项目 实施期: Σ 成本指标 vs 实施期资金总额"] == (
        "unjudged",
        "未读到：实施期资金总额（工程项目）",
    )
    assert not [r for r in results if r["project"] == DEPT]


# --- periods ----------------------------------------------------------------------------------


def _target(name, raw, line, period, value=None, unit=None, kind="numeric"):
    return _indicator("项目甲", name, raw, line, period, kind=kind, value=value, unit=unit)


def test_the_targets_of_both_periods_of_one_indicator() -> None:
    rows = {
        "performance_indicator": [
            _target("只在实施期", "", 806, "实施期", kind="empty"),
            _target("维修面积", "170平方米", 801, "实施期", 170.0, "平方米"),
            _target("满意度", "≥90%", 802, "实施期", 90.0, "%"),
            _target("完成情况", "按期完成", 803, "实施期", kind="text"),
            _target("培训", "10次", 804, "实施期", 10.0, "次"),
            _target("覆盖率", "", 805, "实施期", kind="empty"),
            _target("达标率", "95%", 808, "实施期", 95.0, "%"),
            _target("合格率", "", 809, "实施期", kind="empty"),
            _target(None, "5个", 807, "实施期", 5.0, "个"),  # the name cell lost
            # a longer name first: the same name is matched before a name it starts
            _target("维修面积合计", "200平方米", 810, "年度", 200.0, "平方米"),
            _target("维修面积", "180平方米", 811, "年度", 180.0, "平方米"),
            _target("满意度", "≥90%", 812, "年度", 90.0, "%"),
            _target("完成情况", "按时完成", 813, "年度", kind="text"),
            _target("培训人次", "10次", 814, "年度", 10.0, "次"),
            _target("覆盖率", "95%", 815, "年度", 95.0, "%"),
            _target("只在年度", "", 816, "年度", kind="empty"),
            _target("达标率", "", 818, "年度", kind="empty"),
            _target("合格率", "", 819, "年度", kind="empty"),
            _target(None, "5个", 817, "年度", 5.0, "个"),
            # projects with one period only
            _indicator("项目乙", "只有年度", "1个", 901, "年度", value=1.0, unit="个"),
            _indicator("项目丙", "只有实施期", "2个", 902, "实施期", value=2.0, unit="个"),
            # the 部门整体 table has no periods to compare
            _indicator(DEPT, "维修面积", "1平方米", 560, "实施期", value=1.0, unit="平方米"),
        ]
    }
    results = _run(cp.periods, rows)
    pc, p = "period_consistency", "项目甲"
    assert _brief(results) == [
        (pc, p, "项目甲: 只在实施期 实施期 vs 年度", None, None, None, None, "unjudged", "806"),
        (pc, p, "项目甲: 维修面积 实施期 vs 年度", D("170.0"), D("180.0"), D("10.0"), D(0),
         "mismatch", "801,811"),
        (pc, p, "项目甲: 满意度 实施期 vs 年度", None, None, None, None, "ok", "802,812"),
        (pc, p, "项目甲: 完成情况 实施期 vs 年度", None, None, None, None, "mismatch", "803,813"),
        (pc, p, "项目甲: 培训 实施期 vs 年度", None, None, None, None, "ok", "804,814"),
        (pc, p, "项目甲: 覆盖率 实施期 vs 年度", None, None, None, None, "unjudged", "805,815"),
        (pc, p, "项目甲: 达标率 实施期 vs 年度", None, None, None, None, "unjudged", "808,818"),
        (pc, p, "项目甲: 合格率 实施期 vs 年度", None, None, None, None, "unjudged", "809,819"),
        (pc, p, "项目甲: None 实施期 vs 年度", None, None, None, None, "ok", "807,817"),
        (pc, p, "项目甲: 维修面积合计 实施期 vs 年度", None, None, None, None, "unjudged", "810"),
        (pc, p, "项目甲: 只在年度 实施期 vs 年度", None, None, None, None, "unjudged", "816"),
        (pc, "项目乙", "项目乙: 只有年度 实施期 vs 年度", None, None, None, None, "unjudged",
         "901"),
        (pc, "项目丙", "项目丙: 只有实施期 实施期 vs 年度", None, None, None, None, "unjudged",
         "902"),
    ]  # fmt: skip
    assert [r["detail"] for r in results] == [
        "未读到：年度的同名指标（实施期 空，第806行）",
        "实施期 170平方米；年度 180平方米",
        "实施期 ≥90%；年度 ≥90%",
        "实施期 按期完成；年度 按时完成",
        "实施期 10次；年度 10次",
        "未读到：实施期的目标值（第805行为空）",
        "未读到：年度的目标值（第818行为空）",
        "未读到：实施期的目标值（第809行为空）、年度的目标值（第819行为空）",
        "实施期 5个；年度 5个",
        "未读到：实施期的同名指标（年度 200平方米，第810行）",
        "未读到：实施期的同名指标（年度 空，第816行）",
        "未读到：实施期的同名指标（年度 1个，第901行）",
        "未读到：年度的同名指标（实施期 2个，第902行）",
    ]


# --- repeated_measures: one measure stated by the department and by one project ---------------


def _measure(project, name, raw, line, comparator, value, unit, period="年度"):
    return _indicator(
        project, name, raw, line, period, comparator=comparator, value=value, unit=unit
    )


def test_a_project_target_against_the_department_s_ceiling_of_the_same_measure() -> None:
    plan = "科技计划项目"
    rows = {
        "performance_indicator": [
            # stated by two projects: each project's own measure
            _measure(DEPT, "开展培训次数", "≤4次", 563, "≤", 4.0, "次"),
            _measure(plan, "开展培训次数", "10次", 620, "=", 10.0, "次"),
            _measure("另一项目", "开展培训次数", "12次", 720, "=", 12.0, "次"),
            # 科技型中小企业 ≤80家 against ≥83家 (printed in both periods on one row: one result)
            # and ≥85家: each 3 and 5 past the ceiling
            _measure(DEPT, "科技型中小企业", "≤80家", 559, "≤", 80.0, "家"),
            _measure(plan, "奖励科技型中小企业数量", "≥83家", 609, "≥", 83.0, "家", "实施期"),
            _measure(plan, "奖励科技型中小企业数量", "≥83家", 609, "≥", 83.0, "家"),
            _measure(plan, "奖励科技型中小企业数量", "≥85家", 610, ">", 85.0, "家"),
            # a target that is no number (in 家): nothing to compare
            _indicator(plan, "奖励科技型中小企业数量", "约80家", 615, kind="text", unit="家"),
            # 高新技术企业 <64家 against <70家 and ≤70家: no floor, skipped; against =63家, 63家
            # and 认定高新技术企业 62家 (the department's name within the project's): within
            _measure(DEPT, "高新技术企业奖励", "<64家", 561, "<", 64.0, "家"),
            _measure(plan, "高新技术企业认定", "<70家", 606, "<", 70.0, "家"),
            _measure(plan, "高新技术企业申报", "≤70家", 605, "≤", 70.0, "家"),
            _measure(plan, "奖励高新技术企业数量", "=63家", 608, "=", 63.0, "家"),
            _measure(plan, "高新技术企业个数", "63家", 607, None, 63.0, "家"),
            _measure(plan, "认定高新技术企业", "62家", 604, None, 62.0, "家"),
            # names of four characters are compared: ≤10家 against ≥12家
            _measure(DEPT, "孵化企业", "≤10家", 570, "≤", 10.0, "家"),
            _measure(plan, "孵化企业", "≥12家", 616, "≥", 12.0, "家"),
            # a plain department figure is no ceiling
            _measure(DEPT, "服务企业数量", "968家", 565, "=", 968.0, "家"),
            _measure(DEPT, "服务企业次数", "≥968家", 566, "≥", 968.0, "家"),
            _measure(plan, "服务企业数量", "≥1000家", 611, "≥", 1000.0, "家"),
            # another unit, a rate, a name too short once 奖励 is dropped: not the same measure
            _measure(DEPT, "研发平台建设", "≤5个", 567, "≤", 5.0, "个"),
            _measure(plan, "研发平台建设", "≥8项", 612, "≥", 8.0, "项"),
            _measure(DEPT, "项目验收通过", "≤90%", 568, "≤", 90.0, "%"),
            _measure(plan, "项目验收通过", "≥95%", 613, "≥", 95.0, "%"),
            _measure(DEPT, "奖励专利", "≤2件", 569, "≤", 2.0, "件"),
            _measure(plan, "奖励专利数量", "≥9件", 614, "≥", 9.0, "件"),
            # no unit, or no name: not compared
            _measure(DEPT, "科技成果转化", "≤3", 571, "≤", 3.0, None),
            _measure(plan, "科技成果转化", "≥5", 617, "≥", 5.0, None),
            _measure(DEPT, None, "≤5个", 572, "≤", 5.0, "个"),
            _measure(plan, None, "≥8个", 618, "≥", 8.0, "个"),
        ]
    }
    rm = "repeated_measure"
    results = _run(cp.repeated_measures, rows)
    assert _brief(results) == [
        (rm, plan, f"科技型中小企业: 部门整体 vs {plan} 奖励科技型中小企业数量", D("80.0"),
         D("83.0"), D("3.0"), D(0), "mismatch", "559,609"),
        (rm, plan, f"科技型中小企业: 部门整体 vs {plan} 奖励科技型中小企业数量", D("80.0"),
         D("85.0"), D("5.0"), D(0), "mismatch", "559,610"),
        (rm, plan, f"高新技术企业奖励: 部门整体 vs {plan} 奖励高新技术企业数量", D("64.0"),
         D("63.0"), D("-1.0"), D(0), "ok", "561,608"),
        (rm, plan, f"高新技术企业奖励: 部门整体 vs {plan} 高新技术企业个数", D("64.0"),
         D("63.0"), D("-1.0"), D(0), "ok", "561,607"),
        (rm, plan, f"高新技术企业奖励: 部门整体 vs {plan} 认定高新技术企业", D("64.0"),
         D("62.0"), D("-2.0"), D(0), "ok", "561,604"),
        (rm, plan, f"孵化企业: 部门整体 vs {plan} 孵化企业", D("10.0"), D("12.0"), D("2.0"), D(0),
         "mismatch", "570,616"),
    ]  # fmt: skip
    assert results[0]["detail"] == (
        "部门整体 ≤80家；科技计划项目 ≥83家（部门整体包含该项目：项目的目标不能超过部门整体的上限）"
    )


def _summary_table(project, line, **texts):
    return {"project": project, "source_line": line} | texts


def test_one_area_printed_two_ways_within_two_percent() -> None:
    rows = {
        "performance_indicator": [
            _measure("项目甲", "维修面积", "52457平方米", 630, "=", 52457.0, "平方米"),
            _measure("项目丁", "供热面积", "52547平方米", 680, "=", 52547.0, "平方米"),
        ],
        "performance_table": [
            _summary_table("项目甲", 629, summary="建筑面积52457平方米"),
            _summary_table("项目乙", 665, summary="基地供热面积52547平方米", plan="面积52547 ㎡"),
            # 60000 is 12% above 52547: another area
            _summary_table("项目丙", 701, necessity="占地60000平方米", goal_annual="维修999平方米"),
        ],
    }
    (r,) = _run(cp.repeated_measures, rows)
    assert _brief([r]) == [
        ("repeated_measure", None, "面积 52457平方米 vs 52547平方米", D("52457.0"), D(52547),
         D("90.0"), D(0), "mismatch", "629,630,665,680"),
    ]  # fmt: skip
    assert r["detail"] == (
        "52457平方米：项目甲 概况、项目甲 维修面积；52547平方米：项目丁 供热面积、项目乙 概况"
    )


def test_areas_two_percent_apart_are_one_area_and_small_ones_are_not_compared() -> None:
    def compared(*texts: str) -> list[str]:
        rows = {"performance_table": [_summary_table("项目", 9, basis=t) for t in texts]}
        return [r["subject"] for r in _run(cp.repeated_measures, rows)]

    # (100000 − 98000) / 100000 = 2%: within; (100000 − 97999) / 100000 = 2.001%: not
    assert compared("98000平方米", "100000平方米") == ["面积 98000平方米 vs 100000平方米"]
    assert compared("97999平方米", "100000平方米") == []
    # 1000 and 1010 are compared; 999 is below the areas compared
    assert compared("1000平方米", "1010平方米") == ["面积 1000平方米 vs 1010平方米"]
    assert compared("999平方米", "1009平方米") == []
    assert compared("1000.5平方米", "1000.5平方米") == []  # one value
