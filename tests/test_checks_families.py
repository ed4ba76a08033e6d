"""The families a careful reader applies, each on a constructed document: a document with the
contradiction must get a mismatch of the family's kind naming it, the same document without it
must not. Removing a family (from checks.RULE_SETS or its module) fails these tests."""

from __future__ import annotations

from decimal import Decimal

from budgetlens import checks

DEPT = "部门整体"
PROJECT = "科技计划项目"


def _run(rows: dict) -> list[dict]:
    return checks.run_checks(rows, "jincheng-text")


def _of(results: list[dict], kind: str, status: str | None = None) -> list[dict]:
    return [r for r in results if r["check_kind"] == kind and status in (None, r["status"])]


def _indicator(project, name, raw, comparator, value, unit, line, period="年度", level2="数量指标"):
    return {
        "project": project,
        "period": period,
        "level2": level2,
        "name": name,
        "target_raw": raw,
        "target_kind": "numeric",
        "comparator": comparator,
        "target_value": value,
        "target_unit": unit,
        "source_line": line,
    }


def _table(project, line, summary="", is_department=False):
    return {
        "project": project,
        "is_department": is_department,
        "summary": summary,
        "source_line": line,
        "supervisor_code": None,
        "implementing_unit": None,
    }


# --- the same measure stated with different values ------------------------------------------


def test_a_project_target_may_not_pass_the_department_ceiling_of_one_measure():
    rows = {
        "performance_indicator": [
            _indicator(DEPT, "科技型中小企业", "≤80家", "≤", 80.0, "家", 559),
            _indicator(PROJECT, "奖励科技型中小企业数量", "≥83家", "≥", 83.0, "家", 609),
            _indicator(DEPT, "高新技术企业奖励", "≤63家", "≤", 63.0, "家", 561),
            _indicator(PROJECT, "奖励高新技术企业数量", "≥63家", "≥", 63.0, "家", 608),
            # stated by two projects: each project's own measure, not compared
            _indicator(DEPT, "开展业务培训次数", "≤4次", "≤", 4.0, "次", 563),
            _indicator(PROJECT, "开展业务培训次数", "10次", "=", 10.0, "次", 620),
            _indicator("另一项目", "开展业务培训次数", "12次", "=", 12.0, "次", 720),
        ]
    }
    found = _of(_run(rows), "repeated_measure")
    bad = [r for r in found if r["status"] == "mismatch"]
    assert len(bad) == 1 and bad[0]["source_lines"] == "559,609"
    assert (bad[0]["expected"], bad[0]["actual"]) == (Decimal(80), Decimal(83))
    assert [r["status"] for r in found if "高新技术企业" in r["subject"]] == ["ok"]
    assert not [r for r in found if "培训" in r["subject"]]


def test_one_area_printed_two_ways_is_a_mismatch():
    rows = {
        "performance_table": [
            _table("科技研发基地工程项目", 630, "建筑面积52457平方米，主要包括孵化器大楼"),
            _table("科技研发基地运营管理费", 665, "基地供热面积52547平方米，供热费178万元"),
            _table("科技学术报告厅维修修缮", 862, "维修面积共170平方米"),
        ]
    }
    (r,) = _of(_run(rows), "repeated_measure")
    assert r["status"] == "mismatch" and r["source_lines"] == "630,665"
    assert "52457" in r["subject"] and "52547" in r["subject"]
    rows["performance_table"][1]["summary"] = "基地供热面积52457平方米"
    assert _of(_run(rows), "repeated_measure") == []  # one value: nothing to compare


# --- sums stated in prose ---------------------------------------------------------------------


def test_sums_stated_in_prose_are_checked_against_their_parts():
    text = (
        "1.物业管理费预计162万元;2.水、电、供热费预计190万元,供热费178万元/年;水费3万元;电费10万元,"
        "3.档案整理预计2万元,宣传资料印刷预计3万元,合计6万元;4.租地费12万元+8万元=21万元。"
    )
    rows = {"performance_table": [_table("运营管理费", 665, text)]}
    bad = {r["subject"]: r for r in _of(_run(rows), "prose_sum", "mismatch")}
    assert set(bad) == {
        "运营管理费 概况: 分项 190万元",
        "运营管理费 概况: 合计 6万元",
        "运营管理费 概况: 算式 12万元+8万元=21万元",
    }
    assert (bad["运营管理费 概况: 分项 190万元"]["actual"]) == Decimal(191)
    fixed = (
        text.replace("190万元", "191万元").replace("合计6万元", "合计5万元").replace("=21", "=20")
    )
    rows["performance_table"][0]["summary"] = fixed
    assert _of(_run(rows), "prose_sum", "mismatch") == []
    assert len(_of(_run(rows), "prose_sum", "ok")) == 3


def test_rates_and_parts_after_qizhong_are_not_parts_of_a_sum():
    text = (
        "1、奖励资金1268万元。"
        "2、计划项目拟预算资金739万元，其中包含应发未发补助资金439万元，两项合计资金2007万元。"
        "3、两人按每月568元发放,小计13632元,补发1072元,共计14704元。"
    )
    rows = {"performance_table": [_table("遗属生活补助", 792, text)]}
    results = _of(_run(rows), "prose_sum")
    assert [r["status"] for r in results] == ["ok", "ok"]  # 1268 + 739; 13632 + 1072


# --- counts stated in prose against the rows of the tables ---------------------------------


def test_counts_stated_in_prose_are_checked_against_table_rows():
    units = [
        {"unit": "某局", "parent_unit": None, "is_department": True, "source_line": 400},
        {"unit": "某局", "parent_unit": "某局", "is_department": False, "source_line": 401},
        {"unit": "某中心", "parent_unit": "某局", "is_department": False, "source_line": 405},
    ]
    projects = [
        {"row_kind": "project", "carried_over": False, "source_line": 402 + i, "project": f"P{i}"}
        for i in range(2)
    ]
    section = {"section": "机构设置情况", "heading": None, "seq": 1, "source_line": 90}
    rows = {
        "budget_unit": units,
        "project_budget": projects,
        "text_section": [{**section, "body": "本部门包括3个预算单位，共安排5个项目。"}],
    }
    bad = _of(_run(rows), "prose_count", "mismatch")
    assert sorted((r["expected"], r["actual"]) for r in bad) == [
        (Decimal(2), Decimal(3)),
        (Decimal(2), Decimal(5)),
    ]
    rows["text_section"][0]["body"] = "本部门包括2个预算单位（下属1个事业单位），共安排2个项目。"
    found = _of(_run(rows), "prose_count")
    assert found and {r["status"] for r in found} == {"ok"}


def test_a_quantity_in_a_project_overview_must_meet_its_indicator():
    rows = {
        "performance_table": [
            _table(PROJECT, 587, "补助资金439万元（补助项目58项），预计新立项不超过40项")
        ],
        "performance_indicator": [
            _indicator(PROJECT, "2023年重点科技计划项目补助项目数", "56项", "=", 56.0, "项", 614),
        ],
    }
    (r,) = _of(_run(rows), "prose_quantity")
    assert r["status"] == "mismatch" and r["source_lines"] == "587,614"
    rows["performance_indicator"][0].update(target_raw="≥58项", comparator="≥", target_value=58.0)
    assert [r["status"] for r in _of(_run(rows), "prose_quantity")] == ["ok"]


# --- cost indicators against the funds, by comparator ---------------------------------------


def _cost_doc(*targets: tuple[str, str, float]) -> dict:
    return {
        "project_budget": [
            {
                "row_kind": "project",
                "carried_over": False,
                "project": "工程项目",
                "total_wan": Decimal("1000.00"),
                "unit": None,
                "source_line": 438,
            }
        ],
        "performance_indicator": [
            _indicator("工程项目", f"成本{i}", raw, comp, value, "万元", 650 + i, level2="成本指标")
            for i, (raw, comp, value) in enumerate(targets)
        ],
    }


def test_cost_indicators_are_judged_by_their_comparator():
    def status(*targets):
        (r,) = _of(_run(_cost_doc(*targets)), "cost_indicator")
        return r["status"]

    assert status(("≤500万元", "≤", 500.0)) == "ok"  # a ceiling below the funds
    assert status(("≤1200万元", "≤", 1200.0)) == "mismatch"  # a ceiling above them
    assert status(("≤600万元", "≤", 600.0), ("≤600万元", "≤", 600.0)) == "mismatch"  # parts past
    assert status(("600万元", "=", 600.0), ("400万元", "=", 400.0)) == "ok"
    lost = _cost_doc(("", None, None))
    lost["performance_indicator"][0].update(target_kind="empty", target_value=None)
    (r,) = _of(_run(lost), "cost_indicator")
    assert r["status"] == "unjudged" and "650" in r["detail"]


# --- a column the reading lost is no contradiction ----------------------------------------


def _function_row(code, name, total, basic, project, line, level):
    return {
        "table_key": "general_budget_expenditure",
        "code": code,
        "name": name,
        "level": level,
        "total_wan": total,
        "basic_wan": basic,
        "project_wan": project,
        "source_line": line,
    }


def test_a_function_table_column_read_blank_in_every_row_is_unjudged():
    """The national layout's 一般公共预算支出表 came back with its 基本支出 column blank in every
    row: 合计 = 基本 + 项目 cannot be judged (one unjudged result), not a mismatch per row. A blank
    cell among read ones still counts 0 and is judged."""
    d = Decimal
    rows = {
        "expenditure_function": [
            _function_row(None, "合计", d("1682.76"), None, d("474.56"), 129, 0),
            _function_row("201", "一般公共服务支出", d("1682.76"), None, d("474.56"), 130, 1),
        ]
    }
    sums = _of(checks.run_checks(rows, "national-budget"), "row_sum")
    assert [r["status"] for r in sums] == ["unjudged"]
    assert "基本支出列" in sums[0]["detail"] and sums[0]["source_lines"] == "129,130"
    rows["expenditure_function"][0]["basic_wan"] = d("1208.20")  # the column was read
    sums = _of(checks.run_checks(rows, "national-budget"), "row_sum")
    assert [r["status"] for r in sums] == ["ok", "mismatch"]


def test_a_table_without_class_rows_totals_its_top_level():
    """A 一般公共预算支出表 that prints only 项 rows (a Beijing budget): 合计 = Σ 项, not Σ 类."""
    d = Decimal
    rows = {
        "expenditure_function": [
            _function_row(None, "合计", d("100.00"), d("60.00"), d("40.00"), 127, 0),
            _function_row("2010301", "行政运行", d("60.00"), d("60.00"), None, 128, 3),
            _function_row("2014004", "信访业务", d("40.00"), None, d("40.00"), 129, 3),
        ]
    }
    totals = _of(checks.run_checks(rows, "national-budget"), "column_total")
    assert {r["status"] for r in totals} == {"ok"} and len(totals) == 3
    assert all(r["subject"].endswith("= Σ 项") for r in totals)
    rows["expenditure_function"][1]["total_wan"] = d("50.00")
    bad = _of(checks.run_checks(rows, "national-budget"), "column_total", "mismatch")
    assert [r["subject"] for r in bad] == ["general_budget_expenditure 合计 total_wan = Σ 项"]


def test_an_economic_table_of_all_spending_is_compared_with_the_function_total():
    """Shenzhen's 一般公共预算支出表（按经济分类） covers basic and project spending: its 合计 is
    the function table's 合计, not its 基本支出 (which would be a false mismatch)."""
    d = Decimal
    rows = {
        "source_table": [
            {"table_key": "basic_economic", "title": "一般公共预算支出表（按经济分类）"},
        ],
        "expenditure_function": [
            _function_row(None, "合计", d("4684.30"), d("3072.01"), d("1612.29"), 423, 0),
        ],
        "expenditure_economic": [
            {"table_key": "basic_economic", "row_kind": "total", "code": None,
             "total_wan": d("4684.30"), "source_line": 454},
        ],
    }  # fmt: skip
    (r,) = _of(checks.run_checks(rows, "national-budget"), "cross_table")
    assert r["status"] == "ok" and r["expected"] == d("4684.30")
    rows["source_table"][0]["title"] = "一般公共预算基本支出表"
    (r,) = _of(checks.run_checks(rows, "national-budget"), "cross_table")
    assert (r["expected"], r["status"]) == (d("3072.01"), "mismatch")


def test_an_economic_class_printed_twice_is_summed_from_its_own_items():
    """Yantai pairs 301 with two 政府预算 codes, so 301 is printed on two rows of one table, each
    followed by its own 款: each 301 row is compared with the 款 printed under it (not with every
    301xx of the table)."""
    d = Decimal

    def econ(code, total, line, kind="item"):
        return {"table_key": "basic_economic", "row_kind": kind, "code": code,
                "dept_class": "工资福利支出", "total_wan": d(total), "personnel_wan": None,
                "public_wan": None, "source_line": line}  # fmt: skip

    rows = {
        "expenditure_economic": [
            econ("301", "767.54", 298, "group"),
            econ("30101", "767.56", 299),
            econ("301", "1708.95", 307, "group"),
            econ("30102", "1708.94", 308),
        ]
    }
    subs = _of(checks.run_checks(rows, "national-budget"), "subtotal")
    assert [(r["status"], r["source_lines"]) for r in subs] == [
        ("mismatch", "298,299"),  # 0.02 off with one item
        ("rounding", "307,308"),
    ]
    rows["expenditure_economic"][2]["code"] = "302"
    rows["expenditure_economic"][3]["code"] = "30201"
    subs = _of(checks.run_checks(rows, "national-budget"), "subtotal")
    assert sorted(r["status"] for r in subs) == ["mismatch", "rounding"]  # 0.02 and 0.01 off


def _project_row(kind, unit, project, total, line, **funds):
    return {
        "carried_over": False,
        "row_kind": kind,
        "unit": unit,
        "project": project,
        "total_wan": total,
        "source_line": line,
        **funds,
    }


def test_a_national_project_list_adds_up_and_meets_the_function_table():
    """A national budget listing its projects (长沙's 项目支出绩效目标表: 合计, the unit, its
    projects, 资金总额 only): 合计 = Σ 单位, 单位 = Σ 项目, and 合计 = the 支出总表's 项目支出. A
    project left out of the list is a mismatch of the unit; a 合计 split by fund (a 项目支出表 of
    本年财政拨款 columns) is not compared with the all-funds 支出总表."""
    d = Decimal
    rows = {
        "expenditure_function": [
            {**_function_row(None, "合计", d("70.00"), d("30.00"), d("40.00"), 10, 0)}
            | {"table_key": "expenditure_total"}
        ],
        "project_budget": [
            _project_row("department", None, None, d("40.00"), 20),
            _project_row("unit", "某局", None, d("40.00"), 21),
            _project_row("project", "某局", "甲项目", d("15.00"), 22),
            _project_row("project", "某局", "乙项目", d("25.00"), 23),
        ],
    }
    results = checks.run_checks(rows, "national-budget")
    assert [r["status"] for r in _of(results, "unit_subtotal")] == ["ok", "ok"]
    (cross,) = [r for r in _of(results, "cross_table") if "项目" in r["subject"]]
    assert cross["status"] == "ok" and cross["source_lines"] == "10,20"
    rows["project_budget"].pop()  # a project not listed
    rows["project_budget"][0]["total_wan"] = d("45.00")
    rows["project_budget"][1]["total_wan"] = d("45.00")
    results = checks.run_checks(rows, "national-budget")
    bad = _of(results, "unit_subtotal", "mismatch")
    assert [r["subject"] for r in bad] == ["项目支出预算表（本年预算） 某局 = Σ 项目"]
    assert [r["status"] for r in _of(results, "cross_table") if "项目" in r["subject"]] == [
        "mismatch"
    ]
    rows["project_budget"][0]["general_budget_wan"] = d("45.00")  # split by fund
    assert not [
        r
        for r in _of(checks.run_checks(rows, "national-budget"), "cross_table")
        if "项目" in r["subject"]
    ]


def _kf(key: str, value: str, line: int) -> dict:
    return {
        "key": key,
        "value": Decimal(value),
        "label": key,
        "sentence": "原文",
        "source_line": line,
    }


def _purchase(kind: str, category, total: str, line: int) -> dict:
    return {
        "row_kind": kind,
        "category": category,
        "total_wan": Decimal(total),
        "source_line": line,
    }


def test_the_stated_procurement_total_meets_the_procurement_table():
    """A national budget stating 政府采购预算总额 100 (货物 40, 工程 0, 服务 60) with a
    政府采购预算表 of 合计 100 (货物 40, 服务 60; no 工程 row = 0): all agree. A table 合计 of
    90 is a mismatch of the total; a stated 服务 the table prints otherwise a mismatch of that
    category; parts not adding up to the stated total a mismatch of the statement; and without
    the table's rows (none printed, or kept raw) nothing but the statement itself is compared."""
    kf = [
        _kf("procurement_total", "100", 5),
        _kf("procurement_goods", "40", 5),
        _kf("procurement_works", "0", 6),
        _kf("procurement_services", "60", 6),
    ]
    table = [
        _purchase("total", None, "100", 30),
        _purchase("category", "货物", "40", 31),
        _purchase("category", "服务", "60", 32),
    ]
    rows = {"key_figure": kf, "procurement_item": table}
    results = _of(checks.run_checks(rows, "national-budget"), "procurement")
    assert [(r["subject"], r["status"]) for r in results] == [
        ("说明 政府采购预算总额 vs 政府采购预算表 合计", "ok"),
        ("说明 政府采购货物预算 vs 政府采购预算表 货物", "ok"),
        ("说明 政府采购工程预算 vs 政府采购预算表 工程", "ok"),
        ("说明 政府采购服务预算 vs 政府采购预算表 服务", "ok"),
        ("说明 政府采购预算总额 = 货物 + 工程 + 服务", "ok"),
    ]
    assert results[0]["source_lines"] == "5,30" and results[2]["source_lines"] == "6"
    table[0]["total_wan"] = Decimal("90")
    table[2]["total_wan"] = Decimal("50")
    kf[3]["value"] = Decimal("70")
    bad = _of(checks.run_checks(rows, "national-budget"), "procurement", "mismatch")
    assert [r["subject"] for r in bad] == [
        "说明 政府采购预算总额 vs 政府采购预算表 合计",
        "说明 政府采购服务预算 vs 政府采购预算表 服务",
        "说明 政府采购预算总额 = 货物 + 工程 + 服务",
    ]
    rows["procurement_item"] = []
    left = _of(checks.run_checks(rows, "national-budget"), "procurement")
    assert [r["subject"] for r in left] == ["说明 政府采购预算总额 = 货物 + 工程 + 服务"]
    del rows["key_figure"][0]  # no stated total: nothing compared
    assert not _of(checks.run_checks(rows, "national-budget"), "procurement")


def test_procurement_subjects_read_in_english_without_chinese():
    from budgetlens import check_labels

    for subject in (
        "说明 政府采购预算总额 vs 政府采购预算表 合计",
        "说明 政府采购货物预算 vs 政府采购预算表 货物",
        "说明 政府采购工程预算 vs 政府采购预算表 工程",
        "说明 政府采购服务预算 vs 政府采购预算表 服务",
        "说明 政府采购预算总额 = 货物 + 工程 + 服务",
    ):
        en = check_labels.subject_label(subject, "en")
        assert not [ch for ch in en if "\u4e00" <= ch <= "\u9fff"], en
    assert check_labels.kind_label("procurement", "en") == "government procurement"
