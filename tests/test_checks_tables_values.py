"""The identities within and between tables (budgetlens/checks_tables.py): the summary-table
families of the PDF layouts and the Jincheng text's table families, on rows made for each case.

Each family is run alone on a few rows standing for the tables it reads; every result is held to
literals worked out by hand (the comments show the working): subject, expected and stated figures,
difference, tolerance (the cent of the table's published unit: 0.01 万元, 0.001 for 千元, 0.0001
for 元), status and lines. tests/test_checks_tables.py holds the PDF families to a real Shanghai
document and tests/test_checks.py the Jincheng ones to the seed; this file reaches the branches
those documents do not print (docs/testing.md, mutation testing of checks_tables.py).
"""

from __future__ import annotations

from decimal import Decimal

from budgetlens import checks_tables
from tests.check_runs import FIELDS, brief, function_row, run

D = Decimal
C = D("0.01")  # a 万元 table's cent
Z = D("0")


def _run(family, rows: dict) -> list[tuple]:
    return brief(run(family, rows, "t"), (*FIELDS, "detail"))


def _units(**units: str) -> list[dict]:
    return [{"table_key": k, "amount_unit": u, "title": None} for k, u in units.items()]


def _sum(table, side, item, col, amount, line, label=None) -> dict:
    return {
        "table_key": table,
        "side": side,
        "item": item,
        "label": label or item,
        "column_key": col,
        "amount_wan": amount,
        "source_line": line,
        "parent_item": None,
    }


# --- summary_balance: 收入总计 = 支出总计 -------------------------------------------------------


def test_summary_balance_takes_each_sides_total_column() -> None:
    rows = {
        "source_table": _units(fiscal_summary="元"),
        "summary_item": [
            # 收支总表: 收入总计 in its 合计 column (l.2, after a 上年结转 column), 支出总计 in its
            # (l.4, after a 基本 column): 100.01 − 100.00 = 0.01, within the 万元 cent
            _sum("income_expense_summary", "收入", "收入总计", "carried", D("3.00"), 1),
            _sum("income_expense_summary", "收入", "收入总计", "amount", D("100.00"), 2),
            _sum("income_expense_summary", "支出", "支出总计", "basic", D("60.00"), 3),
            _sum("income_expense_summary", "支出", "支出总计", "total", D("100.01"), 4),
            # 财政拨款收支总表 (元) saying only 总计/合计 on both sides: 49.00 − 50.00 = −1.00
            _sum("fiscal_summary", "支出", "总计", "total", D("49.00"), 12),
            _sum("fiscal_summary", "收入", "合计", "amount", D("50.00"), 11),
            # another table saying only 合计: no totals of its own, not compared
            _sum("other_summary", "收入", "合计", "amount", D("5.00"), 15),
            _sum("other_summary", "支出", "合计", "total", D("6.00"), 16),
            # a 支出 total without a 合计 column: nothing to compare
            _sum("basic_summary", "收入", "收入合计", "amount", D("5.00"), 21),
            _sum("basic_summary", "支出", "支出合计", "basic", D("6.00"), 22),
            # a 收入总计 read without column keys: its first row stands for the 合计
            _sum("t4", "收入", "收入总计", None, D("7.00"), 31),
            _sum("t4", "收入", "收入总计", "carried", D("1.00"), 32),
            _sum("t4", "支出", "支出总计", "amount", D("7.00"), 33),
        ],
    }
    assert _run(checks_tables.summary_balance, rows) == [
        ("balance", "income_expense_summary 收入总计 = 支出总计", D("100.00"), D("100.01"),
         D("0.01"), C, "rounding", "2,4", None),
        ("balance", "fiscal_summary 合计 = 总计", D("50.00"), D("49.00"), D("-1.00"),
         D("0.0001"), "mismatch", "11,12", None),
        ("balance", "t4 收入总计 = 支出总计", D("7.00"), D("7.00"), Z, C, "ok", "31,33", None),
    ]  # fmt: skip


def test_summary_balance_without_a_revenue_total_compares_nothing() -> None:
    rows = {"summary_item": [_sum("fiscal_summary", "支出", "支出总计", "total", D("1.00"), 1)]}
    assert _run(checks_tables.summary_balance, rows) == []


# --- summary_vs_function: each 类 of the 收支总表 = the 支出总表's -----------------------------

SCI, SOC = "科学技术支出", "社会保障和就业支出"


_fn = function_row


def _svf_rows(**units: str) -> dict:
    return {
        "source_table": _units(**units),
        "expenditure_function": [
            _fn("general_budget_expenditure", "208", SOC, 9, D("1.00")),
            _fn("expenditure_total", "206", SCI, 11, D("80.00")),
            _fn("expenditure_total", "20601", "科学技术管理事务", 12, D("80.00")),
            _fn("expenditure_total", "208", SOC, 13, D("20.00")),
        ],
        "summary_item": [
            _sum("income_expense_summary", "支出", SCI, "total", D("80.01"), 50),
            _sum("income_expense_summary", "支出", SOC, "amount", D("20.00"), 51),
            # not compared: a 基本 column, the 收入 side, another table, a 款, an unknown 类
            _sum("income_expense_summary", "支出", SCI, "basic", D("1.00"), 52),
            _sum("income_expense_summary", "收入", SCI, "total", D("1.00"), 53),
            _sum("fiscal_summary", "支出", SCI, "total", D("1.00"), 54),
            _sum("income_expense_summary", "支出", "科学技术管理事务", "total", D("1.00"), 55),
            _sum("income_expense_summary", "支出", "其他支出", "total", D("1.00"), 56),
        ],
    }


def test_summary_classes_meet_the_all_funds_function_table_in_the_coarser_unit() -> None:
    """The 收支总表 in 元 (0.0001), the 支出总表 in 万元 (0.01): the coarser cent, 0.01, is
    allowed: 80.01 − 80.00 = 0.01 is rounding."""
    assert _run(checks_tables.summary_vs_function, _svf_rows(income_expense_summary="元")) == [
        ("cross_table", f"收支总表 {SCI} = 支出总表 206 合计", D("80.00"), D("80.01"), D("0.01"),
         C, "rounding", "11,50", None),
        ("cross_table", f"收支总表 {SOC} = 支出总表 208 合计", D("20.00"), D("20.00"), Z, C, "ok",
         "13,51", None),
    ]  # fmt: skip


def test_summary_classes_in_two_yuan_tables_allow_a_yuan() -> None:
    """Both in 元: 0.01 万元 is 100 元 off, a mismatch; the other way round, 千元 and 元: 0.001."""
    found = _run(
        checks_tables.summary_vs_function,
        _svf_rows(income_expense_summary="元", expenditure_total="元"),
    )
    assert [r[5:7] for r in found] == [(D("0.0001"), "mismatch"), (D("0.0001"), "ok")]
    found = _run(
        checks_tables.summary_vs_function,
        _svf_rows(income_expense_summary="元", expenditure_total="千元"),
    )
    assert [r[5] for r in found] == [D("0.001"), D("0.001")]
    found = _run(
        checks_tables.summary_vs_function,
        _svf_rows(income_expense_summary="千元", expenditure_total="元"),
    )
    assert [r[5] for r in found] == [D("0.001"), D("0.001")]


# --- summary_vs_economic: 人员经费 and 公用经费 of the 收支总表 = the economic table's ----------


def _econ(table, kind, line, total=None, personnel=None, public=None, code=None, cls=None):
    return {
        "table_key": table,
        "row_kind": kind,
        "code": code,
        "dept_class": cls,
        "total_wan": total,
        "personnel_wan": personnel,
        "public_wan": public,
        "source_line": line,
    }


def _sve_rows() -> dict:
    return {
        "source_table": _units(basic_economic="千元"),
        "expenditure_economic": [
            _econ("economic_all", "total", 70, D("9"), D("9.00"), D("9.00")),
            _econ("basic_economic", "group", 71, D("9"), D("9.00"), D("9.00")),
            _econ("basic_economic", "total", 72, D("40.00"), D("30.00"), D("10.00")),
            _econ("basic_economic", "total", 73, D("9"), D("9.00"), D("9.00")),
        ],
        "summary_item": [
            _sum("income_expense_summary", "支出", "支出总计", "personnel", D("30.00"), 60),
            _sum("income_expense_summary", "支出", "支出合计", "public", D("10.02"), 61),
            # not compared: the 合计 column, another table, another row
            _sum("income_expense_summary", "支出", "支出总计", "total", D("40.00"), 62),
            _sum("fiscal_summary", "支出", "支出总计", "personnel", D("1.00"), 63),
            _sum("income_expense_summary", "支出", SCI, "personnel", D("1.00"), 64),
        ],
    }


def test_summary_personnel_and_public_meet_the_economic_tables_total() -> None:
    """人员经费 30.00 = 30.00; 公用经费 10.02 vs 10.00: 0.02 beyond the coarser cent (万元 0.01
    against the economic table's 千元 0.001)."""
    assert _run(checks_tables.summary_vs_economic, _sve_rows()) == [
        ("cross_table", "收支总表 支出总计 人员经费 = 基本支出经济分类表 合计 人员经费", D("30.00"),
         D("30.00"), Z, C, "ok", "60,72", None),
        ("cross_table", "收支总表 支出合计 公用经费 = 基本支出经济分类表 合计 公用经费", D("10.00"),
         D("10.02"), D("0.02"), C, "mismatch", "61,72", None),
    ]  # fmt: skip


def test_a_column_the_economic_table_leaves_blank_is_not_compared() -> None:
    rows = _sve_rows()
    rows["expenditure_economic"][2]["public_wan"] = None
    assert [r[1] for r in _run(checks_tables.summary_vs_economic, rows)] == [
        "收支总表 支出总计 人员经费 = 基本支出经济分类表 合计 人员经费"
    ]
    del rows["expenditure_economic"][2:]  # left: another table's 合计, a 类 of this one
    assert _run(checks_tables.summary_vs_economic, rows) == []


# --- economic_tables: 合计 = Σ 类, 类 = Σ 款, 合计 = 人员 + 公用 -----------------------------

T, W, G = "工资福利支出", "商品和服务支出", D("0.002")


def test_economic_tables_by_code() -> None:
    """basic_economic in 千元 (0.001 a figure): 301 (l.2) with its 款 30101, 30102 (l.3–4); 302
    (l.5) with 30201 (l.6); then 30103 (l.8) and a row of no table key 30104 (l.9), outside
    every group's rows. economic_b (万元) has no 合计 row and no 公用经费 column."""
    rows = {
        "source_table": _units(basic_economic="千元"),
        "expenditure_economic": [
            _econ("basic_economic", "total", 1, D("10.000"), D("6.000"), D("4.000")),
            _econ("basic_economic", "group", 2, D("6.000"), D("6.000"), None, "301", T),
            _econ("basic_economic", "item", 3, D("3.500"), D("3.500"), None, "30101", "基本工资"),
            _econ("basic_economic", "item", 4, D("2.499"), D("2.499"), None, "30102", "津贴补贴"),
            _econ("basic_economic", "group", 5, D("4.000"), None, D("4.000"), "302", W),
            _econ("basic_economic", "item", 6, D("4.000"), None, D("3.990"), "30201", "办公费"),
            _econ("basic_economic", "item", 7, D("9.000"), D("9.000"), None, None, "无编码"),
            _econ("basic_economic", "item", 8, D("1.000"), D("1.000"), None, "30103", "奖金"),
            _econ(None, "item", 9, D("0.500"), D("0.500"), None, "30104", "其他"),
            _econ("economic_b", "group", 20, D("2.00"), D("2.00"), None, "501", "机关工资"),
            _econ("economic_b", "item", 21, D("2.00"), D("2.00"), None, "50101", "工资奖金"),
            _econ("economic_c", "total", 30, D("5.00"), D("5.00"), None),
        ],
    }
    sub = "subtotal"
    assert _run(checks_tables.economic_tables, rows) == [
        # 合计 total: 10.000 vs 6.000 + 4.000; two 类, 0.002
        ("column_total", "basic_economic 合计 total_wan = Σ 类", D("10.000"), D("10.000"), Z, G,
         "ok", "1,2,5", None),
        # 301: 3.500 + 2.499 = 5.999 vs 6.000: −0.001 within two 款' 0.002
        (sub, f"basic_economic 301 {T} total_wan = Σ 款", D("6.000"), D("5.999"), D("-0.001"), G,
         "rounding", "2,3,4", None),
        (sub, f"basic_economic 302 {W} total_wan = Σ 款", D("4.000"), D("4.000"), Z,
         D("0.001"), "ok", "5,6", None),
        # 人员经费: 6.000 vs 6.000 + blank
        ("column_total", "basic_economic 合计 personnel_wan = Σ 类", D("6.000"), D("6.000"), Z, G,
         "ok", "1,2,5", None),
        (sub, f"basic_economic 301 {T} personnel_wan = Σ 款", D("6.000"), D("5.999"),
         D("-0.001"), G, "rounding", "2,3,4", None),
        (sub, f"basic_economic 302 {W} personnel_wan = Σ 款", Z, Z, Z, D("0.001"), "ok", "5,6",
         None),
        # 公用经费: 4.000 vs blank + 4.000; 302: 3.990 vs 4.000, −0.010 beyond 0.001
        ("column_total", "basic_economic 合计 public_wan = Σ 类", D("4.000"), D("4.000"), Z, G,
         "ok", "1,2,5", None),
        (sub, f"basic_economic 301 {T} public_wan = Σ 款", Z, Z, Z, G, "ok", "2,3,4", None),
        (sub, f"basic_economic 302 {W} public_wan = Σ 款", D("4.000"), D("3.990"), D("-0.010"),
         D("0.001"), "mismatch", "5,6", None),
        # each row: 合计 = 人员 + 公用 (two figures: 0.002)
        ("row_sum", "basic_economic 合计 合计 = 人员 + 公用", D("10.000"), D("10.000"), Z, G, "ok",
         "1", None),
        ("row_sum", f"basic_economic 301 {T} 合计 = 人员 + 公用", D("6.000"), D("6.000"), Z, G,
         "ok", "2", None),
        ("row_sum", "basic_economic 30101 基本工资 合计 = 人员 + 公用", D("3.500"), D("3.500"), Z,
         G, "ok", "3", None),
        ("row_sum", "basic_economic 30102 津贴补贴 合计 = 人员 + 公用", D("2.499"), D("2.499"), Z,
         G, "ok", "4", None),
        ("row_sum", f"basic_economic 302 {W} 合计 = 人员 + 公用", D("4.000"), D("4.000"), Z, G,
         "ok", "5", None),
        # 办公费: 0 + 3.990 vs 4.000
        ("row_sum", "basic_economic 30201 办公费 合计 = 人员 + 公用", D("4.000"), D("3.990"),
         D("-0.010"), G, "mismatch", "6", None),
        ("row_sum", "basic_economic 30103 奖金 合计 = 人员 + 公用", D("1.000"), D("1.000"), Z, G,
         "ok", "8", None),
        ("row_sum", "basic_economic 30104 其他 合计 = 人员 + 公用", D("0.500"), D("0.500"), Z, G,
         "ok", "9", None),
        # economic_b: 501 = 50101, in 万元, total and 人员经费; no 合计 row, no row sums
        (sub, "economic_b 501 机关工资 total_wan = Σ 款", D("2.00"), D("2.00"), Z, C, "ok",
         "20,21", None),
        (sub, "economic_b 501 机关工资 personnel_wan = Σ 款", D("2.00"), D("2.00"), Z, C, "ok",
         "20,21", None),
    ]  # fmt: skip


def test_a_class_printed_twice_sums_its_own_items() -> None:
    """烟台: 301 beside 501 (l.1, 30101 l.2) and again beside 505 (l.4, 30102 l.5), a 302 between
    (l.3): each 301 is the sum of the 款 below it, up to the next 类."""
    rows = {
        "expenditure_economic": [
            _econ("basic_economic", "group", 1, D("2.00"), code="301", cls=T),
            _econ("basic_economic", "item", 2, D("2.00"), code="30101", cls="基本工资"),
            _econ("basic_economic", "group", 3, D("1.00"), code="302", cls=W),
            _econ("basic_economic", "group", 4, D("5.00"), code="301", cls=T),
            _econ("basic_economic", "item", 5, D("5.01"), code="30102", cls="津贴补贴"),
        ]
    }
    found = _run(checks_tables.economic_tables, rows)
    assert [(r[1], r[2], r[3], r[7]) for r in found] == [
        (f"basic_economic 301 {T} total_wan = Σ 款", D("2.00"), D("2.00"), "1,2"),
        (f"basic_economic 301 {T} total_wan = Σ 款", D("5.00"), D("5.01"), "4,5"),
    ]


# --- basic_economic_vs_function ---------------------------------------------------------------


def _bef_rows(title: str | None) -> dict:
    return {
        "source_table": [
            {"table_key": "general_budget_expenditure", "amount_unit": "万元", "title": "x"},
            {"table_key": "basic_economic", "amount_unit": "元", "title": title},
        ],
        "expenditure_economic": [
            _econ("economic_all", "total", 79, D("1")),
            _econ("basic_economic", "total", 80, D("50.0001")),
            _econ("basic_economic", "total", 81, D("2")),
        ],
        "expenditure_function": [
            _fn("expenditure_total", None, "合计", 10, D("1"), D("1")),
            _fn("general_budget_expenditure", "206", SCI, 29, D("1"), D("1")),
            _fn("general_budget_expenditure", None, "合计", 30, D("90.00"), D("50.00")),
        ],
    }


def test_basic_economic_total_meets_the_basic_spending_of_the_function_table() -> None:
    """50.0001 (元 table) vs 50.00: 0.0001 within the coarser cent, the 万元 table's 0.01."""
    expected = [
        ("cross_table", "基本支出经济分类表 合计 = 一般公共预算支出表 合计 基本支出", D("50.00"),
         D("50.0001"), D("0.0001"), C, "rounding", "30,80", None),
    ]  # fmt: skip
    family = checks_tables.basic_economic_vs_function
    assert _run(family, _bef_rows("基本支出经济分类表")) == expected
    assert _run(family, _bef_rows(None)) == expected


def test_an_economic_table_of_all_general_budget_spending_meets_the_function_total() -> None:
    """Titled without 基本: its 合计 50.0001 is the function table's 合计 90.00."""
    title = "一般公共预算支出表（按经济分类）"
    assert _run(checks_tables.basic_economic_vs_function, _bef_rows(title)) == [
        ("cross_table", "一般公共预算经济分类表 合计 = 一般公共预算支出表 合计", D("90.00"),
         D("50.0001"), D("-39.9999"), C, "mismatch", "30,80",
         f"经济分类表的标题为“{title}”（不限于基本支出）"),
    ]  # fmt: skip


def test_basic_economic_without_either_total_or_a_basic_column_compares_nothing() -> None:
    rows = _bef_rows(None)
    rows["expenditure_function"][2]["basic_wan"] = None
    assert _run(checks_tables.basic_economic_vs_function, rows) == []
    rows = _bef_rows(None)
    del rows["expenditure_function"][2]
    assert _run(checks_tables.basic_economic_vs_function, rows) == []
    rows = _bef_rows(None)
    del rows["expenditure_economic"][1:]
    assert _run(checks_tables.basic_economic_vs_function, rows) == []


# --- three_public_parts ----------------------------------------------------------------------

ABROAD, CAR, HOST = "因公出国（境）费", "公务用车购置及运行费", "公务接待费"
BUY, RUN = "公务用车购置费", "公务用车运行费"


def _fi(label, total, line, table="three_public") -> dict:
    return {"table_key": table, "label": label, "total_wan": total, "source_line": line}


def test_three_public_parts_add_up() -> None:
    rows = {
        "fiscal_item": [
            _fi("合计", D("99.00"), 90, table="admin_operating"),
            _fi("合计", D("10.00"), 1),
            _fi(ABROAD, D("2.00"), 2),
            _fi(CAR, D("5.00"), 3),
            _fi(BUY, D("3.00"), 4),
            _fi(RUN, D("2.01"), 5),
            _fi(HOST, D("3.00"), 6),
            _fi("会议费", D("1.00"), 7),
            _fi("培训费", D("1.00"), 8),
            _fi("三公经费、会议费、培训费合计", D("12.00"), 9),
        ]
    }
    assert _run(checks_tables.three_public_parts, rows) == [
        # 2.00 + 5.00 + 3.00 = 10.00; three figures, 0.03
        ("three_public", "“三公”经费 合计 = 出国 + 公务用车 + 接待", D("10.00"), D("10.00"), Z,
         D("0.03"), "ok", "1,2,3,6", None),
        # 3.00 + 2.01 = 5.01 vs 5.00
        ("three_public", "公务用车购置及运行费 = 购置费 + 运行费", D("5.00"), D("5.01"), D("0.01"),
         D("0.02"), "rounding", "3,4,5", None),
        # 10.00 + 1.00 + 1.00 = 12.00
        ("three_public", "总计 = “三公” + 会议费 + 培训费", D("12.00"), D("12.00"), Z, D("0.03"),
         "ok", "1,7,8,9", None),
    ]  # fmt: skip


def test_a_car_line_left_blank_is_stood_for_by_its_parts() -> None:
    """北京 prints no 公务用车购置及运行费 row: 2.00 + 3.00 + 2.04 + 3.00 = 10.04 vs 10.00, four
    figures (0.04) in 元 (0.0004 a figure): a mismatch."""
    rows = {
        "source_table": _units(three_public="元"),
        "fiscal_item": [
            _fi("合计", D("10.00"), 1),
            _fi(ABROAD, D("2.00"), 2),
            _fi(BUY, D("3.00"), 4),
            _fi(RUN, D("2.04"), 5),
            _fi(HOST, D("3.00"), 6),
        ],
    }
    assert _run(checks_tables.three_public_parts, rows) == [
        ("three_public", "“三公”经费 合计 = 出国 + 公务用车 + 接待", D("10.00"), D("10.04"),
         D("0.04"), D("0.0004"), "mismatch", "1,2,4,5,6", None),
    ]  # fmt: skip


def test_a_total_left_blank_or_without_parts_is_not_checked() -> None:
    """The car line printed blank: its own sum is not checked, and it counts 0 in the 合计
    (2.00 + 0 + 3.00 = 5.00); a 合计 with no part printed is not checked either."""
    rows = {
        "fiscal_item": [
            _fi("合计", D("5.00"), 1),
            _fi(ABROAD, D("2.00"), 2),
            _fi(CAR, None, 3),
            _fi(BUY, D("3.00"), 4),
            _fi(HOST, D("3.00"), 6),
        ]
    }
    assert _run(checks_tables.three_public_parts, rows) == [
        ("three_public", "“三公”经费 合计 = 出国 + 公务用车 + 接待", D("5.00"), D("5.00"), Z,
         D("0.03"), "ok", "1,2,3,6", None),
    ]  # fmt: skip
    assert _run(checks_tables.three_public_parts, {"fiscal_item": [_fi("合计", D("5"), 1)]}) == []


# --- the Jincheng text's families --------------------------------------------------------------


def test_function_tables_row_sums_and_the_column_totals_they_hand_on() -> None:
    """expenditure_total in 千元: 206's 4.003 of 项目 makes 6.000 + 4.003 = 10.003 against its
    10.000 (0.003 beyond two figures' 0.002). general_budget_expenditure: 项目 read blank in
    every row and the rows off by 2.00: one unjudged row identity. t5 (西安 表5): no 基本支出
    column, 人员 + 公用 stand for it. t6: a row with neither 基本 nor 项目 is not summed."""
    rows = {
        "source_table": _units(expenditure_total="千元"),
        "expenditure_function": [
            _fn("expenditure_total", None, "合计", 1, D("10.000"), D("6.000"), D("4.000")),
            _fn("expenditure_total", "206", SCI, 2, D("10.000"), D("6.000"), D("4.003")),
            _fn("general_budget_expenditure", None, "合计", 10, D("5.00"), D("3.00")),
            _fn("general_budget_expenditure", "206", SCI, 11, D("5.00"), D("3.00")),
            _fn("t5", None, "合计", 20, D("7.00"), None, D("1.00"), personnel_wan=D("4.00"),
                public_wan=D("2.00")),
            _fn("t5", "206", SCI, 21, D("7.00"), None, D("1.03"), personnel_wan=D("4.00"),
                public_wan=None),
            _fn("t6", None, "合计", 30, D("1.00"), D("1.00"), D("0.00")),
            _fn("t6", "206", SCI, 31, D("1.00")),
        ],
    }  # fmt: skip
    found = _run(checks_tables.function_tables, rows)
    assert [r for r in found if r[0] == "row_sum"] == [
        ("row_sum", "expenditure_total 合计 合计 合计 = 基本 + 项目", D("10.000"), D("10.000"), Z,
         G, "ok", "1", None),
        ("row_sum", f"expenditure_total 206 {SCI} 合计 = 基本 + 项目", D("10.000"), D("10.003"),
         D("0.003"), G, "mismatch", "2", None),
        ("row_sum", "general_budget_expenditure 合计 = 基本 + 项目", None, None, None, None,
         "unjudged", "10,11", "未读到：general_budget_expenditure 的项目支出列（2 行全部为空）"),
        # 4.00 + 2.00 + 1.00 = 7.00; 4.00 + blank + 1.03 = 5.03 vs 7.00
        ("row_sum", "t5 合计 合计 合计 = 基本 + 项目", D("7.00"), D("7.00"), Z, D("0.02"), "ok",
         "20", None),
        ("row_sum", f"t5 206 {SCI} 合计 = 基本 + 项目", D("7.00"), D("5.03"), D("-1.97"),
         D("0.02"), "mismatch", "21", None),
        ("row_sum", "t6 合计 合计 合计 = 基本 + 项目", D("1.00"), D("1.00"), Z, D("0.02"), "ok",
         "30", None),
    ]  # fmt: skip
    # the column totals of expenditure_total: each value column, one 类, the 千元 cent
    assert [(r[1], r[2], r[3], r[5], r[6]) for r in found[:3]] == [
        ("expenditure_total 合计 total_wan = Σ 类", D("10.000"), D("10.000"), D("0.001"), "ok"),
        ("expenditure_total 合计 basic_wan = Σ 类", D("6.000"), D("6.000"), D("0.001"), "ok"),
        (
            "expenditure_total 合计 project_wan = Σ 类",
            D("4.000"),
            D("4.003"),
            D("0.001"),
            "mismatch",
        ),
    ]


def test_a_blank_column_whose_rows_add_up_is_summed_row_by_row() -> None:
    """项目 blank in every row, but 5.00 = 5.00 + 0: no unjudged, the rows are compared."""
    rows = {
        "expenditure_function": [
            _fn("general_budget_expenditure", None, "合计", 10, D("5.00"), D("5.00")),
            _fn("general_budget_expenditure", "206", SCI, 11, D("5.00"), D("4.99")),
        ]
    }
    found = [r for r in _run(checks_tables.function_tables, rows) if r[0] == "row_sum"]
    assert [(r[1], r[4], r[6]) for r in found] == [
        ("general_budget_expenditure 合计 合计 合计 = 基本 + 项目", Z, "ok"),
        (f"general_budget_expenditure 206 {SCI} 合计 = 基本 + 项目", D("-0.01"), "rounding"),
    ]


def _rv(code, name, line, total, table="revenue_function", level=None, **cols) -> dict:
    row = {
        "table_key": table,
        "code": code,
        "name": name,
        "level": level if level is not None else (0 if code is None else len(code) // 2),
        "total_wan": total,
        "source_line": line,
    }
    for k in (
        "general_budget_wan",
        "gov_fund_wan",
        "state_capital_wan",
        "special_account_wan",
        "unit_funds_wan",
        "carried_over_wan",
    ):
        row[k] = cols.get(k)
    return row


def test_revenue_table_row_sums_over_the_five_sources() -> None:
    """合计: 6.00 + 1.00 + 1.00 + 1.00 + 1.03 = 10.03 vs 10.00, within five cents; 206: 10.06 vs
    10.00, beyond; a row with no figure is not summed; another table gets its column totals
    only."""
    rows = {
        "revenue_function": [
            _rv(None, "合计", 1, D("10.00"), general_budget_wan=D("6.00"), gov_fund_wan=D("1.00"),
                state_capital_wan=D("1.00"), special_account_wan=D("1.00"),
                unit_funds_wan=D("1.03"), carried_over_wan=D("2.00")),
            _rv("206", SCI, 2, D("10.00"), general_budget_wan=D("10.06")),
            _rv("20601", "管理事务", 3, None),
            _rv(None, "合计", 4, D("3.00"), table="revenue_other", general_budget_wan=D("1.00")),
        ]
    }  # fmt: skip
    found = _run(checks_tables.revenue_table, rows)
    assert [r for r in found if r[0] == "row_sum"] == [
        ("row_sum", "revenue_function 合计 合计 本年收入合计 = Σ 来源", D("10.00"), D("10.03"),
         D("0.03"), D("0.05"), "rounding", "1", None),
        ("row_sum", f"revenue_function 206 {SCI} 本年收入合计 = Σ 来源", D("10.00"), D("10.06"),
         D("0.06"), D("0.05"), "mismatch", "2", None),
    ]  # fmt: skip
    assert [r[1] for r in found if r[0] == "column_total"] == [
        f"revenue_function 合计 {c} = Σ 类"
        for c in (
            "total_wan",
            "general_budget_wan",
            "gov_fund_wan",
            "state_capital_wan",
            "special_account_wan",
            "unit_funds_wan",
            "carried_over_wan",
        )
    ] + ["revenue_other 合计 = Σ 类"]  # its 合计 alone, no 科目 rows: unjudged (check_core)


def _si(table, seq, side, item, col, amount, line, parent=None) -> dict:
    return {**_sum(table, side, item, col, amount, line), "seq": seq, "parent_item": parent}


IES = "income_expense_summary"


def test_summary_tables_of_the_jincheng_text() -> None:
    rows = {
        "summary_item": [
            _si(IES, 1, "收入", "一般公共预算拨款收入", "amount", D("80.00"), 1),
            _si(IES, 2, "收入", "事业收入", "amount", D("10.00"), 2),
            _si(IES, 2, "收入", "事业收入", "other", D("99.00"), 2),
            _si(IES, 3, "收入", "本年收入合计", "amount", D("90.01"), 3),
            _si(IES, 4, "收入", "上年结转", "amount", D("10.00"), 4),
            _si(IES, 5, "收入", "一般公共预算", "amount", D("6.00"), 5, parent="上年结转"),
            _si(IES, 6, "收入", "政府性基金", "amount", D("4.00"), 6, parent="上年结转"),
            _si(IES, 7, "收入", "收入总计", "amount", D("100.01"), 7),
            _si(IES, 11, "支出", SCI, "total", D("60.00"), 11),
            _si(IES, 11, "支出", SCI, "basic", D("40.00"), 11),
            _si(IES, 11, "支出", SCI, "project", D("20.00"), 11),
            _si(IES, 12, "支出", SOC, "total", D("40.00"), 12),
            _si(IES, 12, "支出", SOC, "basic", D("40.00"), 12),
            _si(IES, 12, "支出", SOC, "project", D("0.00"), 12),
            _si(IES, 13, "支出", "本年支出合计", "total", D("100.00"), 13),
            _si(IES, 13, "支出", "本年支出合计", "basic", D("80.03"), 13),
            _si(IES, 13, "支出", "本年支出合计", "project", D("20.00"), 13),
            _si(IES, 14, "支出", "结转下年", "total", D("0.01"), 14),
            _si(IES, 15, "支出", "支出总计", "total", D("100.01"), 15),
            _si("fiscal_summary", 1, "收入", "收入总计", "amount", D("5.00"), 21),
            _si("fiscal_summary", 2, "支出", "支出总计", "total", D("5.01"), 22),
        ]
    }
    k = "column_total"
    assert _run(checks_tables.summary_tables, rows) == [
        ("balance", f"{IES} 收入总计 = 支出总计", D("100.01"), D("100.01"), Z, Z, "ok", "7,15",
         None),
        # 80.00 + 10.00 = 90.00 vs 90.01 (the 'other' column is no source)
        (k, f"{IES} 本年收入合计 = Σ 收入来源", D("90.01"), D("90.00"), D("-0.01"), D("0.02"),
         "rounding", "1,2,3", None),
        # 90.01 + 10.00 = 100.01
        (k, f"{IES} 收入总计 = 本年收入合计 + 上年结转", D("100.01"), D("100.01"), Z, D("0.02"),
         "ok", "3,4,7", None),
        # 6.00 + 4.00 = 10.00
        (k, f"{IES} 上年结转 = Σ 来源", D("10.00"), D("10.00"), Z, D("0.02"), "ok", "4,5,6",
         None),
        # 基本: 40.00 + 40.00 = 80.00 vs 80.03; 项目 20.00 + 0.00; 合计 60.00 + 40.00
        (k, f"{IES} 本年支出合计 basic = Σ 类", D("80.03"), D("80.00"), D("-0.03"), D("0.02"),
         "mismatch", "11,12,13", None),
        (k, f"{IES} 本年支出合计 project = Σ 类", D("20.00"), D("20.00"), Z, D("0.02"), "ok",
         "11,12,13", None),
        (k, f"{IES} 本年支出合计 total = Σ 类", D("100.00"), D("100.00"), Z, D("0.02"), "ok",
         "11,12,13", None),
        # each row: 合计 = 基本 + 项目
        ("row_sum", f"{IES} {SCI} 合计 = Σ 分列", D("60.00"), D("60.00"), Z, D("0.02"), "ok",
         "11", None),
        ("row_sum", f"{IES} {SOC} 合计 = Σ 分列", D("40.00"), D("40.00"), Z, D("0.02"), "ok",
         "12", None),
        # 80.03 + 20.00 = 100.03 vs 100.00
        ("row_sum", f"{IES} 本年支出合计 合计 = Σ 分列", D("100.00"), D("100.03"), D("0.03"),
         D("0.02"), "mismatch", "13", None),
        # 财政拨款收支总表: 5.01 vs 5.00, an identity (no cent)
        ("balance", "fiscal_summary 收入总计 = 支出总计", D("5.00"), D("5.01"), D("0.01"), Z,
         "mismatch", "21,22", None),
    ]  # fmt: skip


def _ec(kind, group, dept, gov, total, personnel, public, line) -> dict:
    return {
        "row_kind": kind,
        "group_name": group,
        "dept_class": dept,
        "gov_class": gov,
        "total_wan": total,
        "personnel_wan": personnel,
        "public_wan": public,
        "source_line": line,
    }


def test_economic_table_of_the_jincheng_text() -> None:
    W1, W2 = "工资福利支出", "商品和服务支出"
    rows = {
        "expenditure_economic": [
            _ec("total", None, None, None, D("10.00"), D("6.00"), D("4.00"), 1),
            _ec("group", W1, W1, "机关工资福利支出", D("6.00"), D("6.00"), D("0.00"), 2),
            _ec("item", W1, "基本工资", "工资奖金", D("3.00"), D("3.00"), D("0.00"), 3),
            _ec("item", W1, "津贴补贴", None, D("3.01"), D("3.01"), D("0.00"), 4),
            _ec("group", W2, W2, "机关商品和服务支出", D("4.00"), D("0.00"), D("4.00"), 5),
            _ec("item", W2, "办公费", "办公经费", D("4.00"), D("0.00"), D("4.05"), 6),
        ]
    }
    k, s, r2 = "column_total", "subtotal", D("0.02")
    assert _run(checks_tables.economic, rows) == [
        # 合计: 6.00 + 4.00; 工资福利 3.00 + 3.01 = 6.01 vs 6.00; 商品 4.00
        (k, "经济科目表 合计 = Σ 类", D("10.00"), D("10.00"), Z, r2, "ok", "1,2,5", None),
        (s, f"经济科目表 {W1} 合计 = Σ 款", D("6.00"), D("6.01"), C, r2, "rounding", "2,3,4", None),
        (s, f"经济科目表 {W2} 合计 = Σ 款", D("4.00"), D("4.00"), Z, C, "ok", "5,6", None),
        (k, "经济科目表 人员经费 = Σ 类", D("6.00"), D("6.00"), Z, r2, "ok", "1,2,5", None),
        (s, f"经济科目表 {W1} 人员经费 = Σ 款", D("6.00"), D("6.01"), C, r2, "rounding", "2,3,4",
         None),
        (s, f"经济科目表 {W2} 人员经费 = Σ 款", Z, Z, Z, C, "ok", "5,6", None),
        (k, "经济科目表 公用经费 = Σ 类", D("4.00"), D("4.00"), Z, r2, "ok", "1,2,5", None),
        (s, f"经济科目表 {W1} 公用经费 = Σ 款", Z, Z, Z, r2, "ok", "2,3,4", None),
        # 商品 公用: 4.05 vs 4.00
        (s, f"经济科目表 {W2} 公用经费 = Σ 款", D("4.00"), D("4.05"), D("0.05"), C, "mismatch",
         "5,6", None),
        ("row_sum", "经济科目表 合计/ 合计 = 人员 + 公用", D("10.00"), D("10.00"), Z, r2, "ok", "1",
         None),
        ("row_sum", f"经济科目表 {W1}/机关工资福利支出 合计 = 人员 + 公用", D("6.00"), D("6.00"), Z,
         r2, "ok", "2", None),
        ("row_sum", "经济科目表 基本工资/工资奖金 合计 = 人员 + 公用", D("3.00"), D("3.00"), Z, r2,
         "ok", "3", None),
        ("row_sum", "经济科目表 津贴补贴/ 合计 = 人员 + 公用", D("3.01"), D("3.01"), Z, r2, "ok",
         "4", None),
        ("row_sum", f"经济科目表 {W2}/机关商品和服务支出 合计 = 人员 + 公用", D("4.00"), D("4.00"),
         Z, r2, "ok", "5", None),
        # 0.00 + 4.05 vs 4.00
        ("row_sum", "经济科目表 办公费/办公经费 合计 = 人员 + 公用", D("4.00"), D("4.05"),
         D("0.05"), r2, "mismatch", "6", None),
    ]  # fmt: skip
    assert _run(checks_tables.economic, {"expenditure_economic": []}) == []


def test_fiscal_items_of_the_jincheng_text() -> None:
    """三公: 2.00 + 5.00 + 3.01 = 10.01 vs 10.00 (① and ② are parts of 公务用车, not of the 合计);
    机关运行经费: 2.00 + 3.00 = 5.00 (a ① there is an item like any other)."""
    rows = {
        "fiscal_item": [
            _fi("合计", D("10.00"), 1),
            _fi(ABROAD, D("2.00"), 2),
            _fi(CAR, D("5.00"), 3),
            _fi("①购置费", D("3.00"), 4),
            _fi("②运行维护费", D("2.00"), 5),
            _fi(HOST, D("3.01"), 6),
            _fi("部门合计", D("5.00"), 10, table="admin_operating"),
            _fi("单位甲", D("2.00"), 11, table="admin_operating"),
            _fi("①单位乙", D("3.00"), 12, table="admin_operating"),
        ]
    }
    assert _run(checks_tables.fiscal_items, rows) == [
        ("column_total", "three_public 合计 = Σ 明细", D("10.00"), D("10.01"), C, D("0.03"),
         "rounding", "1,2,3,6", None),
        ("column_total", "admin_operating 部门合计 = Σ 明细", D("5.00"), D("5.00"), Z, D("0.02"),
         "ok", "10,11,12", None),
    ]  # fmt: skip


def _pb(kind, carried, unit, total, line) -> dict:
    return {
        "row_kind": kind,
        "carried_over": carried,
        "unit": unit,
        "total_wan": total,
        "source_line": line,
    }


def test_project_tables_add_up_by_unit_and_department() -> None:
    rows = {
        "project_budget": [
            # 上年结转, no unit rows: 0.40 + 0.61 = 1.01 vs 1.00
            _pb("department", True, None, D("1.00"), 7),
            _pb("project", True, None, D("0.40"), 8),
            _pb("project", True, None, D("0.61"), 9),
            # 本年预算: 6.00 + 4.00 = 10.00; 甲 3.00 + 3.00; 乙 4.02 vs 4.00
            _pb("department", False, None, D("10.00"), 1),
            _pb("unit", False, "甲", D("6.00"), 2),
            _pb("project", False, "甲", D("3.00"), 3),
            _pb("project", False, "甲", D("3.00"), 4),
            _pb("unit", False, "乙", D("4.00"), 5),
            _pb("project", False, "乙", D("4.02"), 6),
        ]
    }
    this, last = "项目支出预算表（本年预算）", "项目支出预算表（上年结转）"
    expected = [
        ("unit_subtotal", f"{this} 部门合计 = Σ 单位", D("10.00"), D("10.00"), Z, D("0.02"),
         "ok", "1,2,5", None),
        ("unit_subtotal", f"{this} 甲 = Σ 项目", D("6.00"), D("6.00"), Z, D("0.02"), "ok",
         "2,3,4", None),
        ("unit_subtotal", f"{this} 乙 = Σ 项目", D("4.00"), D("4.02"), D("0.02"), C, "mismatch",
         "5,6", None),
        ("unit_subtotal", f"{last} 部门合计 = Σ 项目", D("1.00"), D("1.01"), C, D("0.02"),
         "rounding", "7,8,9", None),
    ]  # fmt: skip
    assert _run(checks_tables.projects, rows) == expected
    assert _run(checks_tables.project_lists, rows) == expected


# --- survivors of the first mutation run (2026-12-02): each case below failed with its mutant ----


def test_each_pdf_family_of_a_document_without_its_tables_gives_nothing() -> None:
    for family in (
        checks_tables.summary_balance,
        checks_tables.summary_vs_function,
        checks_tables.summary_vs_economic,
        checks_tables.economic_tables,
        checks_tables.basic_economic_vs_function,
        checks_tables.three_public_parts,
    ):
        assert _run(family, {}) == [], family.__name__
    # the first table read, the second missing
    functions = {"expenditure_function": _svf_rows()["expenditure_function"]}
    assert _run(checks_tables.summary_vs_function, functions) == []
    economic = {"expenditure_economic": _sve_rows()["expenditure_economic"]}
    assert _run(checks_tables.summary_vs_economic, economic) == []
    assert _run(checks_tables.basic_economic_vs_function, economic) == []


def test_a_summary_table_saying_only_total_on_both_sides() -> None:
    """收支总表 with 合计 (收入, its 合计 column headed total, after a 上年结转 column) and 总计
    (支出), a 类 row before it: 30.00 = 30.00."""
    rows = {
        "summary_item": [
            _sum("income_expense_summary", "支出", SCI, "total", D("9.00"), 40),
            _sum("income_expense_summary", "收入", "合计", "carried", D("1.00"), 41),
            _sum("income_expense_summary", "收入", "合计", "total", D("30.00"), 42),
            _sum("income_expense_summary", "支出", "总计", "total", D("30.00"), 43),
        ]
    }
    assert _run(checks_tables.summary_balance, rows) == [
        ("balance", "income_expense_summary 合计 = 总计", D("30.00"), D("30.00"), Z, C, "ok",
         "42,43", None),
    ]  # fmt: skip


def test_summary_vs_economic_in_the_finer_units() -> None:
    """Both in 元: 0.02 万元 off is a mismatch at 0.0001; 元 and 千元 either way: 0.001."""
    for units, cent in (
        ({"income_expense_summary": "元", "basic_economic": "元"}, D("0.0001")),
        ({"income_expense_summary": "元", "basic_economic": "千元"}, D("0.001")),
        ({"income_expense_summary": "千元", "basic_economic": "元"}, D("0.001")),
    ):
        rows = {**_sve_rows(), "source_table": _units(**units)}
        found = _run(checks_tables.summary_vs_economic, rows)
        assert [(r[5], r[6]) for r in found] == [(cent, "ok"), (cent, "mismatch")], units


def test_basic_economic_vs_function_in_the_finer_units() -> None:
    """50.0001 vs 50.00: rounding at 0.001 (元 and 千元 either way) and at 0.0001 (both in 元:
    0.0001 is exactly 1 元); the same tolerance where the table covers all spending (its 合计 vs
    90.00)."""
    for basic_unit, function_unit, cent, status in (
        ("元", "元", D("0.0001"), "rounding"),
        ("元", "千元", D("0.001"), "rounding"),
        ("千元", "元", D("0.001"), "rounding"),
    ):
        for title, subject in (
            ("基本支出表", "基本支出经济分类表 合计 = 一般公共预算支出表 合计 基本支出"),
            ("经济分类表", "一般公共预算经济分类表 合计 = 一般公共预算支出表 合计"),
        ):
            rows = _bef_rows(title)
            rows["source_table"][0]["amount_unit"] = function_unit
            rows["source_table"][1]["amount_unit"] = basic_unit
            (r,) = _run(checks_tables.basic_economic_vs_function, rows)
            assert r[1] == subject
            assert r[5] == cent
            if title == "基本支出表":
                assert r[6] == status


def test_basic_economic_vs_function_without_any_table_listed() -> None:
    """No source_table rows (no title, 万元): the 基本支出 is compared, 0.0001 within 0.01."""
    rows = _bef_rows(None)
    del rows["source_table"]
    assert [r[1:7] for r in _run(checks_tables.basic_economic_vs_function, rows)] == [
        ("基本支出经济分类表 合计 = 一般公共预算支出表 合计 基本支出", D("50.00"), D("50.0001"),
         D("0.0001"), C, "rounding"),
    ]  # fmt: skip


def test_economic_tables_a_table_without_codes_first_and_a_class_without_items() -> None:
    """A table without codes read first does not stop the others; 301 (l.1) is followed at once
    by 302 (l.2): it has no 款 of its own, and the 30101 printed after 302's 款 (l.4) is not
    one of them."""
    rows = {
        "expenditure_economic": [
            _econ("economic_c", "total", 30, D("5.00")),
            _econ("basic_economic", "group", 1, D("1.00"), code="301", cls=T),
            _econ("basic_economic", "group", 2, D("2.00"), code="302", cls=W),
            _econ("basic_economic", "item", 3, D("2.00"), code="30201", cls="办公费"),
            _econ("basic_economic", "item", 4, D("1.00"), code="30101", cls="基本工资"),
        ]
    }
    assert [r[1:8] for r in _run(checks_tables.economic_tables, rows)] == [
        (f"basic_economic 302 {W} total_wan = Σ 款", D("2.00"), D("2.00"), Z, C, "ok", "2,3"),
    ]  # fmt: skip


def test_each_jincheng_family_of_a_document_without_its_tables_gives_nothing() -> None:
    for family in (
        checks_tables.function_tables,
        checks_tables.revenue_table,
        checks_tables.summary_tables,
        checks_tables.economic,
        checks_tables.fiscal_items,
        checks_tables.projects,
        checks_tables.project_lists,
    ):
        assert _run(family, {}) == [], family.__name__


def test_summary_classes_after_rows_not_compared() -> None:
    """A 类 the 支出总表 does not list and a 收入 row, read before the 类 compared: it is still
    compared (80.01 vs 80.00)."""
    rows = _svf_rows()
    rows["summary_item"] = (
        rows["summary_item"][-1:] + rows["summary_item"][3:4] + rows["summary_item"][:1]
    )
    assert [r[1:7] for r in _run(checks_tables.summary_vs_function, rows)] == [
        (f"收支总表 {SCI} = 支出总表 206 合计", D("80.00"), D("80.01"), D("0.01"), C, "rounding"),
    ]  # fmt: skip


def test_economic_table_of_the_jincheng_text_without_a_total_row() -> None:
    """No 合计 row: no 合计 = Σ 类, each 类 = Σ 款 still (2.00 = 2.00)."""
    rows = {
        "expenditure_economic": [
            _ec("group", T, T, None, D("2.00"), D("2.00"), D("0.00"), 2),
            _ec("item", T, "基本工资", None, D("2.00"), D("2.00"), D("0.00"), 3),
        ]
    }
    found = _run(checks_tables.economic, rows)
    assert [r[1] for r in found] == [
        f"经济科目表 {T} 合计 = Σ 款",
        f"经济科目表 {T} 人员经费 = Σ 款",
        f"经济科目表 {T} 公用经费 = Σ 款",
        f"经济科目表 {T}/ 合计 = 人员 + 公用",
        "经济科目表 基本工资/ 合计 = 人员 + 公用",
    ]


def test_a_fiscal_summary_alone_with_its_revenue_side_only() -> None:
    """No 收支总表 rows, and a 财政拨款收支总表 whose 支出 side was not read: its 收入 side is
    checked (no 收入总计 = 支出总计). A 结转 row under 上年结转 is one of its sources, not a second
    上年结转: 10.00 + 2.00 = 12.00."""
    fs = "fiscal_summary"
    rows = {
        "summary_item": [
            _si(fs, 1, "收入", "一般公共预算拨款", "amount", D("10.00"), 1),
            _si(fs, 2, "收入", "本年收入合计", "amount", D("10.00"), 2),
            _si(fs, 3, "收入", "上年结转", "amount", D("2.00"), 3),
            _si(fs, 4, "收入", "一般公共预算结转", "amount", D("2.00"), 4, parent="上年结转"),
            _si(fs, 5, "收入", "收入总计", "amount", D("12.00"), 5),
        ]
    }
    assert _run(checks_tables.summary_tables, rows) == [
        ("column_total", f"{fs} 本年收入合计 = Σ 收入来源", D("10.00"), D("10.00"), Z, C, "ok",
         "1,2", None),
        ("column_total", f"{fs} 收入总计 = 本年收入合计 + 上年结转", D("12.00"), D("12.00"), Z,
         D("0.02"), "ok", "2,3,5", None),
        ("column_total", f"{fs} 上年结转 = Σ 来源", D("2.00"), D("2.00"), Z, C, "ok", "3,4",
         None),
    ]  # fmt: skip


def test_a_summary_row_of_two_columns_after_a_row_of_its_total_only() -> None:
    """教育支出 prints its 合计 only (not summed); 科学技术支出 its 合计 and one other column:
    60.01 vs 60.00, one figure, 0.01."""
    rows = {
        "summary_item": [
            _si(IES, 10, "支出", "教育支出", "total", D("5.00"), 10),
            _si(IES, 11, "支出", SCI, "total", D("60.00"), 11),
            _si(IES, 11, "支出", SCI, "basic", D("60.01"), 11),
        ]
    }
    assert _run(checks_tables.summary_tables, rows) == [
        ("row_sum", f"{IES} {SCI} 合计 = Σ 分列", D("60.00"), D("60.01"), C, C, "rounding", "11",
         None),
    ]  # fmt: skip


def test_revenue_rows_after_another_table_and_a_blank_row() -> None:
    """Another table's row and a row of no figure, read first, do not end the row sums; a row
    with its 合计 but no source printed is summed: 2.00 vs 0, beyond five cents."""
    rows = {
        "revenue_function": [
            _rv(None, "合计", 4, D("3.00"), table="revenue_other", general_budget_wan=D("1.00")),
            _rv("20601", "管理事务", 3, None),
            _rv("206", SCI, 2, D("2.00")),
        ]
    }
    found = [r for r in _run(checks_tables.revenue_table, rows) if r[0] == "row_sum"]
    assert found == [
        ("row_sum", f"revenue_function 206 {SCI} 本年收入合计 = Σ 来源", D("2.00"), Z, D("-2.00"),
         D("0.05"), "mismatch", "2", None),
    ]  # fmt: skip


def test_a_project_table_of_carried_over_units_without_a_department_row() -> None:
    rows = {
        "project_budget": [
            _pb("unit", True, "甲", D("1.00"), 2),
            _pb("project", True, "甲", D("1.00"), 3),
        ]
    }
    assert _run(checks_tables.projects, rows) == [
        ("unit_subtotal", "项目支出预算表（上年结转） 甲 = Σ 项目", D("1.00"), D("1.00"), Z, C,
         "ok", "2,3", None),
    ]  # fmt: skip


def _row_sums(rows: dict) -> list[tuple]:
    return [r for r in _run(checks_tables.function_tables, rows) if r[0] == "row_sum"]


def test_a_blank_basic_column_whose_rows_are_off_by_two_cents_is_still_summed() -> None:
    """基本 blank in every row of t7: 0 + 2.98 vs 3.00 is 0.02 off, not beyond two figures' 0.02,
    so the rows are compared (rounding), 206 (0 + 1.00 = 1.00) too."""
    rows = {
        "expenditure_function": [
            _fn("t7", None, "合计", 40, D("3.00"), None, D("2.98")),
            _fn("t7", "206", SCI, 41, D("1.00"), None, D("1.00")),
        ]
    }
    assert _row_sums(rows) == [
        ("row_sum", "t7 合计 合计 合计 = 基本 + 项目", D("3.00"), D("2.98"), D("-0.02"),
         D("0.02"), "rounding", "40", None),
        ("row_sum", f"t7 206 {SCI} 合计 = 基本 + 项目", D("1.00"), D("1.00"), Z, D("0.02"),
         "ok", "41", None),
    ]  # fmt: skip


def test_a_blank_basic_column_whose_rows_are_off_by_three_cents_is_unjudged() -> None:
    """0 + 2.97 vs 3.00: 0.03 off, beyond 0.02: the blank 基本支出 column was not read."""
    rows = {
        "expenditure_function": [
            _fn("t7", None, "合计", 40, D("3.00"), None, D("2.97")),
            _fn("t7", "206", SCI, 41, D("1.00"), None, D("1.00")),
        ]
    }
    assert _row_sums(rows) == [
        ("row_sum", "t7 合计 = 基本 + 项目", None, None, None, None, "unjudged", "40,41",
         "未读到：t7 的基本支出列（2 行全部为空）"),
    ]  # fmt: skip


def test_a_basic_column_beside_personnel_and_public_is_the_basic_figure() -> None:
    """t8 prints 基本支出 (6.00) and its 人员 5.00 / 公用 0.50 (read wrong): 6.00 + 4.00 = 10.00
    is compared, not 5.50 + 4.00."""
    rows = {
        "expenditure_function": [
            _fn("t8", None, "合计", 50, D("10.00"), D("6.00"), D("4.00"),
                personnel_wan=D("5.00"), public_wan=D("0.50")),
        ]
    }  # fmt: skip
    assert [r[2:7] for r in _row_sums(rows)] == [(D("10.00"), D("10.00"), Z, D("0.02"), "ok")]


def test_a_row_of_neither_basic_nor_project_read_first_is_skipped_not_the_end() -> None:
    """206 (neither 基本 nor 项目 printed) comes before the 合计: the 合计 is still summed."""
    rows = {
        "expenditure_function": [
            _fn("t6", "206", SCI, 31, D("1.00")),
            _fn("t6", None, "合计", 30, D("1.00"), D("1.00"), D("0.00")),
        ]
    }
    assert [r[1] for r in _row_sums(rows)] == ["t6 合计 合计 合计 = 基本 + 项目"]
