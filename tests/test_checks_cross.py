"""The identities between tables (budgetlens/checks_cross.py) on rows made for each case.

Each family is run alone on a few rows standing for the tables it reads; every result is held to
literals worked out by hand (the comments show the working): its subject, expected and stated
figures, difference, tolerance, status, lines and detail. A figure taken from the wrong table,
column or row, a comparison the wrong way round, a tolerance of the wrong size or a row skipped
that should be compared fails here (docs/testing.md, mutation testing of checks_cross.py).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from budgetlens import checks_cross
from tests.check_runs import FIELDS, brief, function_row, run

D = Decimal
Z = D("0.00")  # items=0: an identity between tables allows no cent


def _run(family, rows: dict) -> list[tuple]:
    return brief(run(family, rows, "t"), (*FIELDS, "detail"))


_fn = function_row


def _sum(table, side, item, col, amount, line, parent=None) -> dict:
    return {
        "table_key": table,
        "side": side,
        "item": item,
        "column_key": col,
        "amount_wan": amount,
        "source_line": line,
        "parent_item": parent,
    }


def _rev(code, name, line, total, carried, general, table="revenue_function") -> dict:
    return {
        "table_key": table,
        "code": code,
        "name": name,
        "total_wan": total,
        "carried_over_wan": carried,
        "general_budget_wan": general,
        "source_line": line,
    }


def _proj(kind, carried, total, line, general=None, **funds) -> dict:
    return {
        "row_kind": kind,
        "carried_over": carried,
        "total_wan": total,
        "general_budget_wan": general,
        "gov_fund_wan": None,
        "state_capital_wan": None,
        "special_account_wan": None,
        "unit_funds_wan": None,
        "source_line": line,
        **funds,
    }


SCI, SOC = "科学技术支出", "社会保障和就业支出"


def _cross_rows() -> dict:
    return {
        "expenditure_function": [
            # 支出总表: 合计 100.00 (l.10), 206 80.00 (l.11), 208 20.00 (l.12); a 款 (level 2)
            _fn("expenditure_total", None, "合计", 10, D("100.00")),
            _fn("expenditure_total", "206", SCI, 11, D("80.00")),
            _fn("expenditure_total", "208", SOC, 12, D("20.00")),
            # 一般公共预算支出表: 合计 90.00 = 基本 50.00 + 项目 40.00 (l.30), 206 70.00, 208 20.00
            _fn("general_budget_expenditure", None, "合计", 30, D("90.00"), D("50.00"), D("40.00")),
            _fn("general_budget_expenditure", "206", SCI, 31, D("70.00")),
            _fn("general_budget_expenditure", "208", SOC, 32, D("20.00")),
        ],
        "summary_item": [
            _sum("income_expense_summary", "支出", SCI, "total", D("80.00"), 50),
            _sum("income_expense_summary", "支出", SOC, "total", D("20.01"), 51),
            _sum("income_expense_summary", "支出", SCI, "current_year", D("70.50"), 52),
            # a 收入 row of the same name, and a row under a parent: neither is the 支出 row
            _sum("fiscal_summary", "收入", SOC, "total", D("20.00"), 59),
            _sum("fiscal_summary", "支出", SOC, "total", D("20.00"), 58, parent="其他"),
            _sum("fiscal_summary", "支出", SCI, "total", D("79.00"), 60),
        ],
        "revenue_function": [
            # 收入总表: 合计 本年 95.00 + 结转 5.00 (l.70); 206 75.00 + 4.00 (l.71); no 208
            _rev(None, "合计", 70, D("95.00"), D("5.00"), D("90.00")),
            _rev("206", SCI, 71, D("75.00"), D("4.00"), D("69.00")),
            # another table of the revenue rows: not the 收入总表
            _rev("208", SOC, 75, D("20.00"), D("0.00"), D("20.00"), table="revenue_other"),
        ],
        "expenditure_economic": [
            {"row_kind": "group", "total_wan": D("30.00"), "source_line": 79},
            {"row_kind": "total", "total_wan": D("49.00"), "source_line": 80},
            {"row_kind": "total", "total_wan": D("50.00"), "source_line": 81},
        ],
        "project_budget": [
            _proj("unit", False, D("41.00"), 88, D("33.00")),
            _proj("department", True, D("6.00"), 91, D("6.00")),
            _proj("department", False, D("41.00"), 90, D("41.00")),
            _proj("department", False, D("99.00"), 92, D("99.00")),
        ],
    }


CROSS = [
    # 206: 支出总表 80.00 vs 收支总表 80.00, then vs 财政拨款收支总表 79.00 (79.00 − 80.00)
    ("cross_table", f"{SCI}: 支出总表 合计 vs income_expense_summary", D("80.00"), D("80.00"),
     Z, Z, "ok", "11,50", None),
    ("cross_table", f"{SCI}: 支出总表 合计 vs fiscal_summary", D("80.00"), D("79.00"),
     D("-1.00"), Z, "mismatch", "11,60", None),
    # 208: 20.01 − 20.00 = 0.01, beyond the 0 an identity allows
    ("cross_table", f"{SOC}: 支出总表 合计 vs income_expense_summary", D("20.00"), D("20.01"),
     D("0.01"), Z, "mismatch", "12,51", None),
    ("cross_table", f"支出总表 {SOC} 在 fiscal_summary 中", None, None, None, None, "mismatch",
     "12", f"fiscal_summary 没有名为 {SOC} 的支出行"),
    # 一般公共预算 206 70.00 vs 当年预算安排 70.50 (208 has no such row: not compared)
    ("cross_table", f"{SCI}: 一般公共预算支出表 vs 收支总表 当年预算安排", D("70.00"),
     D("70.50"), D("0.50"), Z, "mismatch", "31,52", None),
    # 支出总表 = 收入总表 本年 + 结转: 合计 95.00 + 5.00 = 100.00; 206 75.00 + 4.00 = 79.00
    ("cross_table", "合计 合计: 支出总表 合计 = 收入总表 本年收入 + 上年结转", D("100.00"),
     D("100.00"), Z, Z, "ok", "10,70", None),
    ("cross_table", f"206 {SCI}: 支出总表 合计 = 收入总表 本年收入 + 上年结转", D("80.00"),
     D("79.00"), D("-1.00"), Z, "mismatch", "11,71", None),
    ("cross_table", f"208 {SOC} 在收入总表中", None, None, None, None, "mismatch", "12",
     "收入总表中没有这个科目编码"),
    # 一般公共预算支出表 = 收入总表 一般公共预算: 90.00 = 90.00; 206 70.00 vs 69.00; 208 absent
    ("cross_table", "合计 合计: 一般公共预算支出表 = 收入总表 一般公共预算", D("90.00"),
     D("90.00"), Z, Z, "ok", "30,70", None),
    ("cross_table", f"206 {SCI}: 一般公共预算支出表 = 收入总表 一般公共预算", D("70.00"),
     D("69.00"), D("-1.00"), Z, "mismatch", "31,71", None),
    # 基本支出 50.00 vs the first total row of the economic table, 49.00
    ("cross_table", "基本支出: 一般公共预算支出表 vs 经济科目表", D("50.00"), D("49.00"),
     D("-1.00"), Z, "mismatch", "30,80", None),
    # 项目支出 40.00 vs the first 本年 department row's 一般公共预算 41.00
    ("cross_table", "项目支出: 项目支出预算表（本年预算）vs 一般公共预算支出表", D("40.00"),
     D("41.00"), D("1.00"), Z, "mismatch", "30,90", None),
    # 上年结转: 收入总表 合计 5.00 vs the 上年结转 department row's 合计 6.00
    ("cross_table", "上年结转: 项目支出预算表（上年结转）vs 收入总表", D("5.00"), D("6.00"),
     D("1.00"), Z, "mismatch", "70,91", None),
]  # fmt: skip


def test_cross_tables_each_figure_against_its_other_table() -> None:
    assert _run(checks_cross.cross_tables, _cross_rows()) == CROSS


def test_cross_tables_without_the_tables_compared_gives_nothing() -> None:
    assert _run(checks_cross.cross_tables, {}) == []


def test_a_blank_carried_over_counts_zero_and_no_total_row_no_carried_check() -> None:
    """收入总表 206 with 上年结转 blank: 80.00 vs 80.00 + 0; no 合计 row in the 收入总表, so the
    上年结转 of the project table has nothing to meet; without the 一般公共预算支出表's 合计 the
    项目支出 and 基本支出 are not compared."""
    rows = {
        "expenditure_function": [_fn("expenditure_total", "206", SCI, 11, D("80.00"), level=2)],
        "revenue_function": [_rev("206", SCI, 71, D("80.00"), None, None)],
        "expenditure_economic": [{"row_kind": "total", "total_wan": D("49.00"), "source_line": 80}],
        "project_budget": [
            _proj("department", True, D("6.00"), 91),
            _proj("department", False, D("41.00"), 90, D("41.00")),
        ],
    }
    assert _run(checks_cross.cross_tables, rows) == [
        ("cross_table", f"206 {SCI}: 支出总表 合计 = 收入总表 本年收入 + 上年结转", D("80.00"),
         D("80.00"), Z, Z, "ok", "11,71", None),
    ]  # fmt: skip


# --- projects_vs_function ----------------------------------------------------------------------


def _pvf_rows(*depts: dict) -> dict:
    return {
        "expenditure_function": [
            _fn("general_budget_expenditure", None, "合计", 5, D("9.00"), project=D("9.00")),
            _fn("expenditure_total", "206", SCI, 9, D("60.00"), project=D("30.00")),
            _fn("expenditure_total", None, "合计", 10, D("70.00"), D("30.00"), D("40.00")),
        ],
        "project_budget": list(depts),
    }


def test_a_project_list_of_one_amount_meets_the_project_spending_of_all_funds() -> None:
    """The list's 合计 41.00 vs the 支出总表 合计's 项目支出 40.00: 41.00 − 40.00 = 1.00."""
    rows = _pvf_rows(
        _proj("unit", False, D("41.00"), 19),
        _proj("department", True, D("5.00"), 18),
        _proj("department", False, D("41.00"), 20),
    )
    assert _run(checks_cross.projects_vs_function, rows) == [
        ("cross_table", "项目支出预算表（本年预算） 合计 = 支出总表 合计 project_wan", D("40.00"),
         D("41.00"), D("1.00"), Z, "mismatch", "10,20", None),
    ]  # fmt: skip


@pytest.mark.parametrize(
    "fund",
    ["general_budget_wan", "gov_fund_wan", "state_capital_wan", "special_account_wan",
     "unit_funds_wan"],
)  # fmt: skip
def test_a_project_list_split_by_fund_is_not_compared(fund: str) -> None:
    """Any fund column printed (0.00 too) makes the 合计 one of 财政拨款, not of all funds."""
    rows = _pvf_rows(_proj("department", False, D("41.00"), 20, **{fund: D("0.00")}))
    assert _run(checks_cross.projects_vs_function, rows) == []


def test_a_project_list_without_the_function_total_is_not_compared() -> None:
    rows = _pvf_rows(_proj("department", False, D("41.00"), 20))
    rows["expenditure_function"].pop()
    assert _run(checks_cross.projects_vs_function, rows) == []


# --- names ---------------------------------------------------------------------------------------


def test_a_code_printed_with_two_names_is_a_mismatch_naming_both() -> None:
    """206 is 科学技术支出 on l.11 and l.70 but 科学技术 on l.40; 208 and 205 have one name each
    (the results are in code order); rows without a code (合计, blank) are no 科目."""
    rows = {
        "expenditure_function": [
            _fn("expenditure_total", None, "合计", 10, D("1")),
            _fn("expenditure_total", "206", SCI, 11, D("1")),
            _fn("general_budget_expenditure", "206", "科学技术", 40, D("1")),
            _fn("general_budget_expenditure", "", "小计", 41, D("1")),
        ],
        "revenue_function": [
            _rev("208", SOC, 72, D("1"), None, None),
            _rev("206", SCI, 70, D("1"), None, None),
            _rev("205", "教育支出", 73, D("1"), None, None),
            _rev("205", "教育支出", 74, D("1"), None, None),
        ],
    }
    assert _run(checks_cross.names, rows) == [
        ("name_consistency", "科目 205 在各表中名称一致", None, None, None, None, "ok", "73,74",
         "教育支出"),
        ("name_consistency", "科目 206 在各表中名称一致", None, None, None, None, "mismatch",
         "11,40,70", f"名称不同：{SCI}（第11、70行）; 科学技术（第40行）"),
        ("name_consistency", "科目 208 在各表中名称一致", None, None, None, None, "ok", "72", SOC),
    ]  # fmt: skip


# --- economic_function ---------------------------------------------------------------------------

MED = "职工基本医疗保险缴费"
FUND = "住房公积金"


def _econ(kind, item, total, line) -> dict:
    return {"row_kind": kind, "dept_class": item, "total_wan": total, "source_line": line}


def _ef_rows() -> dict:
    return {
        "expenditure_function": [
            _fn("general_budget_expenditure", "2101101", "行政单位医疗", 101, D("9"), D("3.00")),
            _fn("general_budget_expenditure", "2101102", "事业单位医疗", 102, D("9"), D("2.00")),
            _fn("general_budget_expenditure", "2210201", FUND, 103, D("9"), D("4.00")),
            _fn("general_budget_expenditure", None, "合计", 100, D("9"), D("9.00")),
            # 养老保险's 项 in the 支出总表 only: not the 一般公共预算支出表's
            _fn("expenditure_total", "2080505", "养老", 104, D("9"), D("9.00")),
        ],
        "expenditure_economic": [
            _econ("group", FUND, D("99.00"), 200),
            _econ("item", MED, D("5.02"), 201),
            _econ("item", FUND, D("3.00"), 202),
            _econ("item", FUND, D("1.01"), 203),
            _econ("item", "机关事业单位基本养老保险缴费", D("9.00"), 204),
        ],
    }


def test_an_economic_item_meets_the_basic_spending_of_its_function_items() -> None:
    assert _run(checks_cross.economic_function, _ef_rows()) == [
        # 3.00 + 2.00 = 5.00 vs 5.02: 0.02 within a cent per item beyond the first (2 + 1 − 1)
        ("economic_function",
         f"经济科目 {MED} = 一般公共预算支出表 2101101 行政单位医疗、2101102 事业单位医疗 基本支出",
         D("5.00"), D("5.02"), D("0.02"), D("0.02"), "rounding", "101,102,201", None),
        # 4.00 vs 3.00 + 1.01 = 4.01: tolerance 1 + 2 − 1 = 2 cents
        ("economic_function", f"经济科目 {FUND} = 一般公共预算支出表 2210201 {FUND} 基本支出",
         D("4.00"), D("4.01"), D("0.01"), D("0.02"), "rounding", "103,202,203", None),
    ]  # fmt: skip


def test_an_economic_item_with_a_function_item_missing_is_not_compared() -> None:
    """医疗 is booked under two 项; with 2101102 not printed the sum would be partial."""
    rows = _ef_rows()
    del rows["expenditure_function"][1]
    assert [r[1] for r in _run(checks_cross.economic_function, rows)] == [
        f"经济科目 {FUND} = 一般公共预算支出表 2210201 {FUND} 基本支出"
    ]


def test_a_difference_beyond_the_cents_is_a_mismatch() -> None:
    """4.00 vs 3.00 + 1.03 = 4.03: 0.03 beyond the 2 cents."""
    rows = _ef_rows()
    rows["expenditure_economic"][3]["total_wan"] = D("1.03")
    found = _run(checks_cross.economic_function, rows)
    assert found[1][4:7] == (D("0.03"), D("0.02"), "mismatch")


# --- a document without one of the tables a family reads ----------------------------------------


def test_cross_tables_of_a_document_without_summary_or_revenue_tables() -> None:
    """No 收支总表 rows at all: each 类 of the 支出总表 is missing from both summary tables (the
    first missing does not stop the second); no 收入总表: each row is missing there."""
    rows = {"expenditure_function": [_fn("expenditure_total", "206", SCI, 11, D("80.00"))]}
    assert [(r[1], r[6], r[8]) for r in _run(checks_cross.cross_tables, rows)] == [
        (f"支出总表 {SCI} 在 income_expense_summary 中", "mismatch",
         f"income_expense_summary 没有名为 {SCI} 的支出行"),
        (f"支出总表 {SCI} 在 fiscal_summary 中", "mismatch",
         f"fiscal_summary 没有名为 {SCI} 的支出行"),
        (f"206 {SCI} 在收入总表中", "mismatch", "收入总表中没有这个科目编码"),
    ]  # fmt: skip


def test_a_class_missing_from_the_first_summary_table_is_still_met_in_the_second() -> None:
    rows = {
        "expenditure_function": [_fn("expenditure_total", "206", SCI, 11, D("80.00"))],
        "summary_item": [_sum("fiscal_summary", "支出", SCI, "total", D("80.00"), 60)],
        "revenue_function": [_rev("206", SCI, 71, D("80.00"), None, None)],
    }
    assert [(r[1], r[6]) for r in _run(checks_cross.cross_tables, rows)] == [
        (f"支出总表 {SCI} 在 income_expense_summary 中", "mismatch"),
        (f"{SCI}: 支出总表 合计 vs fiscal_summary", "ok"),
        (f"206 {SCI}: 支出总表 合计 = 收入总表 本年收入 + 上年结转", "ok"),
    ]


def test_projects_vs_function_without_either_table_compares_nothing() -> None:
    dept = _proj("department", False, D("41.00"), 20)
    assert _run(checks_cross.projects_vs_function, {"project_budget": [dept]}) == []
    assert _run(checks_cross.projects_vs_function, {"expenditure_function": []}) == []


def test_names_of_a_document_with_one_of_the_two_tables() -> None:
    only_revenue = {"revenue_function": [_rev("208", SOC, 72, D("1"), None, None)]}
    only_spending = {"expenditure_function": [_fn("expenditure_total", "208", SOC, 12, D("1"))]}
    assert [r[6:] for r in _run(checks_cross.names, only_revenue)] == [("ok", "72", SOC)]
    assert [r[6:] for r in _run(checks_cross.names, only_spending)] == [("ok", "12", SOC)]


def test_economic_function_without_either_table_compares_nothing() -> None:
    rows = _ef_rows()
    assert (
        _run(checks_cross.economic_function, {"expenditure_function": rows["expenditure_function"]})
        == []
    )
    assert (
        _run(checks_cross.economic_function, {"expenditure_economic": rows["expenditure_economic"]})
        == []
    )


def test_rows_of_other_tables_and_missing_codes_do_not_end_the_comparisons() -> None:
    """A 一般公共预算支出表 row read before the 支出总表's, and the 支出总表's 合计 missing from the
    收入总表 before a 类 that is there: each row is still looked at."""
    rows = {
        "expenditure_function": [
            _fn("general_budget_expenditure", "206", SCI, 29, D("70.00")),
            _fn("expenditure_total", None, "合计", 10, D("80.00")),
            _fn("expenditure_total", "206", SCI, 11, D("80.00")),
        ],
        "revenue_function": [_rev("206", SCI, 71, D("80.00"), None, D("70.00"))],
    }
    assert [r[1] for r in _run(checks_cross.cross_tables, rows)] == [
        f"支出总表 {SCI} 在 income_expense_summary 中",
        f"支出总表 {SCI} 在 fiscal_summary 中",
        "合计 合计 在收入总表中",
        f"206 {SCI}: 支出总表 合计 = 收入总表 本年收入 + 上年结转",
        f"206 {SCI}: 一般公共预算支出表 = 收入总表 一般公共预算",
    ]


def test_a_project_table_of_carried_over_projects_only() -> None:
    """No 本年预算 department row: the 上年结转 one is still met (5.00 = 5.00)."""
    rows = {
        "revenue_function": [_rev(None, "合计", 70, D("0.00"), D("5.00"), None)],
        "project_budget": [_proj("department", True, D("5.00"), 91)],
    }
    assert _run(checks_cross.cross_tables, rows) == [
        ("cross_table", "上年结转: 项目支出预算表（上年结转）vs 收入总表", D("5.00"), D("5.00"), Z,
         Z, "ok", "70,91", None),
    ]  # fmt: skip
