"""The 决算 families (budgetlens/checks_final.py) on tables made for each case.

Each family is called on rows written here, the way a 决算's ingest gives them (figures in 万元,
each table's published unit in ``source_table``). Every expected status, difference and
tolerance is worked out by hand in the comments and written as a literal (docs/testing.md,
mutation testing of checks_final.py). The corpus 决算 (tests/test_corpus_final.py) shows the
families on real documents; these show each boundary, each tolerance and each row left out.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from budgetlens import checks_final
from tests.check_runs import brief, run

D = Decimal
CAR = "公务用车购置及运行费"


_run = run
_brief = brief


def _units(**units: str) -> list[dict]:
    return [{"table_key": k, "amount_unit": u} for k, u in units.items()]


def _item(table, side, seq, label, amount, line, column="amount"):
    """A row of a 总表 as ingest gives it: ``label`` as printed, ``item`` without its numbering."""
    return {
        "table_key": table,
        "side": side,
        "seq": seq,
        "label": label,
        "item": label.split("、")[-1],
        "parent_item": None,
        "column_key": column,
        "amount_wan": None if amount is None else D(amount),
        "source_line": line,
    }


@pytest.mark.parametrize(
    "family",
    [
        checks_final.final_balance,
        checks_final.final_tables_vs_summary,
        checks_final.final_personnel_public,
        checks_final.final_three_public,
        checks_final.final_narrative,
    ],
)
def test_a_document_without_the_tables_gives_nothing(family) -> None:
    assert _run(family, {}) == []


# --- final_balance: 总计 = its parts on each side of the two 总表 -------------------------------

IES, FS = "income_expense_summary", "fiscal_summary"


def _balanced_summaries() -> list[dict]:
    return [
        # 收入支出决算总表, 收入: 60.00 + 10.00 + 30.00 = 100.00 = 总计
        _item(IES, "收入", 1, "一、一般公共预算财政拨款收入", "50.00", 10),  # not a part
        _item(IES, "收入", 8, "本年收入合计", "60.00", 17),
        _item(IES, "收入", 9, "使用非财政拨款结余", "10.00", 18),
        _item(IES, "收入", 10, "年初结转和结余", "30.00", 19),
        _item(IES, "收入", 11, "总计", "100.00", 21),
        # 支出: 70.00 + 5.00 + 25.03 = 100.03 against 总计 100.00: 0.03 off, three parts → 0.03
        _item(IES, "支出", 1, "一、一般公共服务支出", "55.00", 10),  # not a part
        _item(IES, "支出", 8, "本年支出合计", "70.00", 17),
        _item(IES, "支出", 9, "结余分配", "5.00", 18),
        _item(IES, "支出", 10, "年末结转和结余", "25.03", 19),
        _item(IES, "支出", 11, "总计", "100.00", 21),
        # 财政拨款收入支出决算总表, 收入: 50.00 + 30.00 = 80.00 against 总计 80.03: two parts → 0.02
        _item(FS, "收入", 8, "本年收入合计", "50.00", 30),
        _item(FS, "收入", 9, "年初财政拨款结转和结余", "30.00", 31),
        _item(FS, "收入", 11, "总计", "80.03", 33),
        # 支出: the total column; the 一般公共预算 column of the same rows is no part
        _item(FS, "支出", 8, "本年支出合计", "59.00", 30, "general_budget"),
        _item(FS, "支出", 8, "本年支出合计", "60.00", 30, "total"),
        _item(FS, "支出", 9, "年末财政拨款结转和结余", "20.00", 31, "total"),
        _item(FS, "支出", 11, "总计", "80.00", 33, "total"),
        _item(FS, "支出", 11, "总计", "79.00", 33, "general_budget"),
    ]


def test_each_side_total_is_its_parts_within_a_cent_a_part() -> None:
    results = _run(checks_final.final_balance, {"summary_item": _balanced_summaries()})
    assert _brief(results) == [
        (
            "balance",
            "income_expense_summary 收入 总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余",
            D("100.00"),
            D("100.00"),
            D("0.00"),
            D("0.03"),
            "ok",
            "17,18,19,21",
        ),
        (
            "balance",
            "income_expense_summary 支出 总计 = 本年支出合计 + 结余分配 + 年末结转和结余",
            D("100.00"),
            D("100.03"),
            D("0.03"),
            D("0.03"),
            "rounding",
            "17,18,19,21",
        ),
        (
            "balance",
            "fiscal_summary 收入 总计 = 本年收入合计 + 年初财政拨款结转和结余",
            D("80.03"),
            D("80.00"),
            D("-0.03"),
            D("0.02"),
            "mismatch",
            "30,31,33",
        ),
        (
            "balance",
            "fiscal_summary 支出 总计 = 本年支出合计 + 年末财政拨款结转和结余",
            D("80.00"),
            D("80.00"),
            D("0.00"),
            D("0.02"),
            "ok",
            "30,31,33",
        ),
    ]


def test_a_row_read_in_a_fund_column_only_is_no_part() -> None:
    """The 财政拨款 总表's 支出 side is compared in its 合计 column: a row whose 合计 cell was not
    read (only its 政府性基金 cell, 5.00) is left out, so 60.00 = 60.00."""
    rows = {
        "summary_item": [
            _item(FS, "支出", 8, "本年支出合计", "60.00", 30, "total"),
            _item(FS, "支出", 9, "年末财政拨款结转和结余", "5.00", 31, "gov_fund"),
            _item(FS, "支出", 11, "总计", "60.00", 33, "total"),
        ]
    }
    (r,) = _run(checks_final.final_balance, rows)
    assert (r["actual"], r["status"], r["source_lines"]) == (D("60.00"), "ok", "30,33")


def test_the_year_s_own_total_alone_is_allowed_one_cent() -> None:
    """Only 本年收入合计 read beside 总计: one part, 0.01 allowed; 9.98 against 10.00 is 0.02
    off."""
    rows = {
        "summary_item": [
            _item(IES, "收入", 8, "本年收入合计", "9.98", 17),
            _item(IES, "收入", 11, "总计", "10.00", 21),
        ]
    }
    (r,) = _run(checks_final.final_balance, rows)
    assert (r["difference"], r["tolerance"], r["status"]) == (D("-0.02"), D("0.01"), "mismatch")


def test_a_balance_in_yuan_is_allowed_one_yuan_a_part() -> None:
    """A 总表 in 元: 1 元 = 0.0001 万元 a part. 总计 1,000,004 元 against 600,000 + 100,000 +
    300,000 = 1,000,000 元: 4 元 off, 3 allowed."""
    rows = {
        "source_table": _units(income_expense_summary="元"),
        "summary_item": [
            _item(IES, "收入", 8, "本年收入合计", "60.0000", 17),
            _item(IES, "收入", 9, "使用非财政拨款结余", "10.0000", 18),
            _item(IES, "收入", 10, "年初结转和结余", "30.0000", 19),
            _item(IES, "收入", 11, "总计", "100.0004", 21),
        ],
    }
    (r,) = _run(checks_final.final_balance, rows)
    assert (r["difference"], r["tolerance"], r["status"]) == (
        D("-0.0004"),
        D("0.0003"),
        "mismatch",
    )


def test_a_side_without_its_total_or_its_year_s_total_is_skipped_not_the_next() -> None:
    """收入支出决算总表: 收入 without 本年收入合计, 支出 without 总计; the 财政拨款 总表 is still
    checked (50.00 + 30.00 = 80.00; 60.00 + 20.00 = 80.00)."""
    rows = {
        "summary_item": [
            _item(IES, "收入", 10, "年初结转和结余", "30.00", 19),
            _item(IES, "收入", 11, "总计", "100.00", 21),
            _item(IES, "支出", 8, "本年支出合计", "70.00", 17),
            *[r for r in _balanced_summaries() if r["table_key"] == FS],
        ]
    }
    results = _run(checks_final.final_balance, rows)
    assert [r["subject"].split(" 总计")[0] for r in results] == [
        "fiscal_summary 收入",
        "fiscal_summary 支出",
    ]


# --- final_tables_vs_summary: each table's 合计 = the 总表 row stating it ------------------------


def _function_total(table, total, line, **cols):
    return {
        "table_key": table,
        "code": None,
        "name": "合计",
        "total_wan": total,
        **cols,
        "source_line": line,
    }


def _tables_and_summary() -> dict:
    return {
        "revenue_function": [_function_total("revenue_function", D("100.00"), 40)],
        "expenditure_function": [
            # a 类 row first: only the row without a code is the 合计
            {**_function_total("expenditure_total", D("10.00"), 49), "code": "201"},
            _function_total("expenditure_total", D("90.00"), 50),
            _function_total("general_budget_expenditure", D("80.00"), 60),
        ],
        "summary_item": [
            _item(IES, "收入", 8, "本年收入合计", "100.01", 17),
            _item(IES, "支出", 8, "本年支出合计", "90.02", 17),
            _item(FS, "支出", 8, "本年支出合计", "80.00", 30, "total"),
        ],
    }


def test_each_table_total_against_the_summary_row_stating_it() -> None:
    results = _run(checks_final.final_tables_vs_summary, _tables_and_summary())
    assert _brief(results) == [
        # 100.00 − 100.01 = −0.01, one cent allowed
        (
            "cross_table",
            "收入决算表 合计 = income_expense_summary 本年收入合计",
            D("100.01"),
            D("100.00"),
            D("-0.01"),
            D("0.01"),
            "rounding",
            "17,40",
        ),
        # 90.00 − 90.02 = −0.02
        (
            "cross_table",
            "支出决算表 合计 = income_expense_summary 本年支出合计",
            D("90.02"),
            D("90.00"),
            D("-0.02"),
            D("0.01"),
            "mismatch",
            "17,50",
        ),
        (
            "cross_table",
            "一般公共预算财政拨款支出决算表 合计 = fiscal_summary 本年支出合计",
            D("80.00"),
            D("80.00"),
            D("0.00"),
            D("0.01"),
            "ok",
            "30,60",
        ),
    ]


def test_tables_in_yuan_are_allowed_one_yuan() -> None:
    """Both tables in 元: 0.0001 万元 allowed; 1,000,002 元 against 1,000,000 元 is 2 元 off."""
    rows = {
        "source_table": _units(revenue_function="元", income_expense_summary="元"),
        "revenue_function": [_function_total("revenue_function", D("100.0000"), 40)],
        "summary_item": [_item(IES, "收入", 8, "本年收入合计", "100.0002", 17)],
    }
    (r,) = _run(checks_final.final_tables_vs_summary, rows)
    assert (r["difference"], r["tolerance"], r["status"]) == (
        D("-0.0002"),
        D("0.0001"),
        "mismatch",
    )


def test_a_total_stated_on_one_side_only_is_not_compared() -> None:
    """The 收入决算表 without its 总表 row, the 支出决算表's 总表 row without the table, a 合计
    whose amount was not read: nothing to compare; the 一般公共预算 table still is."""
    rows = _tables_and_summary()
    rows["summary_item"] = [r for r in rows["summary_item"] if r["side"] != "收入"]
    rows["expenditure_function"] = [
        r for r in rows["expenditure_function"] if r["table_key"] != "expenditure_total"
    ]
    results = _run(checks_final.final_tables_vs_summary, rows)
    assert [r["subject"] for r in results] == [
        "一般公共预算财政拨款支出决算表 合计 = fiscal_summary 本年支出合计"
    ]
    rows["expenditure_function"][0]["total_wan"] = None
    assert _run(checks_final.final_tables_vs_summary, rows) == []


# --- final_personnel_public: 人员经费合计, 公用经费合计, both against 基本支出 ----------------


def _econ(kind, code, name, personnel, public, line):
    p, q = (None if v is None else D(v) for v in (personnel, public))
    return {
        "table_key": "basic_economic",
        "row_kind": kind,
        "code": code,
        "dept_class": name,
        "personnel_wan": p,
        "public_wan": q,
        "total_wan": (p or 0) + (q or 0),
        "source_line": line,
    }


def _panels(general_basic: str | None = "85.02") -> dict:
    return {
        "expenditure_economic": [
            _econ("group", "301", "工资福利支出", "50.00", None, 80),
            _econ("item", "30101", "基本工资", "30.00", None, 81),  # an 款: not summed
            _econ("group", "303", "对个人和家庭的补助", "10.02", None, 82),
            _econ("group", "302", "商品和服务支出", None, "20.00", 83),
            _econ("group", "310", "资本性支出", None, "5.00", 84),
            _econ("subtotal", None, "人员经费合计", "60.00", None, 90),
            _econ("subtotal", None, "公用经费合计", None, "25.00", 91),
        ],
        "expenditure_function": [
            {
                "table_key": "general_budget_expenditure",
                "code": None,
                "basic_wan": None if general_basic is None else D(general_basic),
                "source_line": 60,
            }
        ],
    }


def test_each_panel_total_is_its_classes_and_both_are_the_basic_expenditure() -> None:
    results = _run(checks_final.final_personnel_public, _panels())
    assert _brief(results) == [
        # 50.00 + 10.02 = 60.02 against 60.00: two 类, 0.02 allowed
        (
            "column_total",
            "basic_economic 人员经费合计 = Σ 类",
            D("60.00"),
            D("60.02"),
            D("0.02"),
            D("0.02"),
            "rounding",
            "80,82,90",
        ),
        (
            "column_total",
            "basic_economic 公用经费合计 = Σ 类",
            D("25.00"),
            D("25.00"),
            D("0.00"),
            D("0.02"),
            "ok",
            "83,84,91",
        ),
        # 60.00 + 25.00 = 85.00 against the 基本支出 85.02: two subtotals, 0.02 allowed
        (
            "cross_table",
            "人员经费合计 + 公用经费合计 = 一般公共预算财政拨款支出决算表 合计 基本支出",
            D("85.02"),
            D("85.00"),
            D("-0.02"),
            D("0.02"),
            "rounding",
            "60,90,91",
        ),
    ]


def test_panels_in_yuan_are_allowed_one_yuan_a_row() -> None:
    """Both tables in 元: 0.0001 万元 a row. 人员经费 500,000 + 100,203 = 600,203 元 against
    600,200 (3 元 off, 2 allowed); the sum 850,200 元 against 基本支出 850,203 (3 off, 2
    allowed)."""
    rows = _panels("85.0203")
    econ = rows["expenditure_economic"]
    econ[0]["personnel_wan"], econ[2]["personnel_wan"] = D("50.0000"), D("10.0203")
    econ[5]["personnel_wan"] = econ[5]["total_wan"] = D("60.0200")
    rows["source_table"] = _units(basic_economic="元", general_budget_expenditure="元")
    results = _run(checks_final.final_personnel_public, rows)
    assert [(r["difference"], r["tolerance"], r["status"]) for r in results] == [
        (D("0.0003"), D("0.0002"), "mismatch"),
        (D("0.0000"), D("0.0002"), "ok"),
        (D("-0.0003"), D("0.0002"), "mismatch"),
    ]


def test_a_panel_without_its_total_is_skipped_not_the_other() -> None:
    """No 人员经费合计 printed: the 人员 类 are not checked, the 公用 panel is; one subtotal is
    no pair to compare with the 基本支出."""
    rows = _panels()
    rows["expenditure_economic"] = [
        r for r in rows["expenditure_economic"] if r["dept_class"] != "人员经费合计"
    ]
    results = _run(checks_final.final_personnel_public, rows)
    assert [r["subject"] for r in results] == ["basic_economic 公用经费合计 = Σ 类"]


def test_no_basic_expenditure_read_is_no_cross_check() -> None:
    rows = _panels(general_basic=None)
    assert [r["check_kind"] for r in _run(checks_final.final_personnel_public, rows)] == [
        "column_total",
        "column_total",
    ]
    del rows["expenditure_function"]
    assert [r["check_kind"] for r in _run(checks_final.final_personnel_public, rows)] == [
        "column_total",
        "column_total",
    ]


def test_a_table_without_panel_totals_is_not_checked() -> None:
    rows = _panels()
    rows["expenditure_economic"] = [
        r for r in rows["expenditure_economic"] if r["row_kind"] != "subtotal"
    ]
    assert _run(checks_final.final_personnel_public, rows) == []


# --- final_three_public: the 三公 parts, 决算数 and 预算数 ---------------------------------------


def _three(table, label, total, line):
    return {"table_key": table, "label": label, "total_wan": total, "source_line": line}


def _three_public() -> list[dict]:
    return [
        # 决算数: 1.00 + 6.00 + 3.00 = 10.00 against 10.03 (three parts, 0.03 allowed);
        # 2.00 + 4.00 = 6.00 = 公务用车购置及运行费
        _three("three_public", "合计", D("10.03"), 70),
        _three("three_public", "因公出国（境）费", D("1.00"), 71),
        _three("three_public", CAR, D("6.00"), 72),
        _three("three_public", "公务接待费", D("3.00"), 73),
        _three("three_public", "公务用车购置费", D("2.00"), 74),
        _three("three_public", "公务用车运行费", D("4.00"), 75),
        # 预算数: 2.00 + 7.00 + 3.04 = 12.04 against 12.00; no 购置费/运行费 rows: not checked
        _three("three_public_budget", "合计", D("12.00"), 70),
        _three("three_public_budget", "因公出国（境）费", D("2.00"), 71),
        _three("three_public_budget", CAR, D("7.00"), 72),
        _three("three_public_budget", "公务接待费", D("3.04"), 73),
    ]


def test_the_three_public_parts_for_actual_and_budget() -> None:
    results = _run(checks_final.final_three_public, {"fiscal_item": _three_public()})
    assert _brief(results) == [
        (
            "three_public",
            "“三公”经费 合计 = 出国 + 公务用车 + 接待（决算数）",
            D("10.03"),
            D("10.00"),
            D("-0.03"),
            D("0.03"),
            "rounding",
            "70,71,72,73",
        ),
        (
            "three_public",
            "公务用车购置及运行费 = 购置费 + 运行费（决算数）",
            D("6.00"),
            D("6.00"),
            D("0.00"),
            D("0.02"),
            "ok",
            "72,74,75",
        ),
        (
            "three_public",
            "“三公”经费 合计 = 出国 + 公务用车 + 接待（预算数）",
            D("12.00"),
            D("12.04"),
            D("0.04"),
            D("0.03"),
            "mismatch",
            "70,71,72,73",
        ),
    ]


def test_three_public_in_yuan_is_allowed_one_yuan_a_part() -> None:
    """The 三公 table in 元 (both columns are one printed table, ``three_public``): 合计 100,004 元
    against 10,000 + 60,000 + 30,000 = 100,000: 4 元 off, 3 allowed."""
    rows = {
        "source_table": _units(three_public="元"),
        "fiscal_item": [
            _three("three_public_budget", "合计", D("10.0004"), 70),
            _three("three_public_budget", "因公出国（境）费", D("1.0000"), 71),
            _three("three_public_budget", CAR, D("6.0000"), 72),
            _three("three_public_budget", "公务接待费", D("3.0000"), 73),
        ],
    }
    (r,) = _run(checks_final.final_three_public, rows)
    assert (r["difference"], r["tolerance"], r["status"]) == (
        D("-0.0004"),
        D("0.0003"),
        "mismatch",
    )


def test_a_blank_or_missing_three_public_total_is_not_checked() -> None:
    """决算数 with its 合计 blank, 预算数 without a 合计 row: no 合计 check, but the 公务用车 one
    of each still runs (预算数 7.00 = 3.00 + 4.00)."""
    rows = {
        "fiscal_item": [
            {**r, "total_wan": None} if r["label"] == "合计" else r
            for r in _three_public()
            if not (r["table_key"] == "three_public_budget" and r["label"] == "合计")
        ]
        + [
            _three("three_public_budget", "公务用车购置费", D("3.00"), 74),
            _three("three_public_budget", "公务用车运行费", D("4.00"), 75),
        ]
    }
    results = _run(checks_final.final_three_public, rows)
    assert [(r["subject"], r["status"]) for r in results] == [
        ("公务用车购置及运行费 = 购置费 + 运行费（决算数）", "ok"),
        ("公务用车购置及运行费 = 购置费 + 运行费（预算数）", "ok"),
    ]


# --- final_narrative: the narrative's 项 against the tables, its rates against its figures -------


def _function_row(table, code, total, line):
    return {"table_key": table, "code": code, "total_wan": D(total), "source_line": line}


def _note(line, code, names, actual, rate=None, rate_of=None, year_start=None, full_year=None):
    cls, kuan, item = names
    return {
        "code": code,
        "class_name": cls,
        "kuan_name": kuan,
        "item_name": item,
        "year_start_budget_wan": None if year_start is None else D(year_start),
        "full_year_budget_wan": None if full_year is None else D(full_year),
        "actual_wan": D(actual),
        "stated_rate": None if rate is None else D(rate),
        "rate_of": rate_of,
        "source_line": line,
    }


ADMIN = ("一般公共服务支出", "政府办公厅（室）及相关机构事务", "行政运行")
RETIRED = ("社会保障和就业支出", "行政事业单位养老支出", "行政单位离退休")
OTHER = ("其他支出", "其他支出", "其他支出")


def _narrative() -> dict:
    return {
        "expenditure_function": [
            _function_row("general_budget_expenditure", None, "80.00", 60),
            _function_row("general_budget_expenditure", "2010101", "30.00", 61),
            # the same 项 in the 支出决算表 (all funds): the 一般公共预算 table's is the one meant
            _function_row("expenditure_total", "2010101", "35.00", 51),
            # a 项 the 支出决算表 alone prints
            _function_row("expenditure_total", "2080501", "5.00", 52),
        ],
        "execution_note": [
            # 一般公共预算财政拨款支出年初预算为100.00万元，支出决算为80.00万元，
            # 完成年初预算的80.00%
            _note(100, None, ("", "", "合计"), "80.00", "80.00", "年初", year_start="100.00"),
            # 全年预算为40.00万元，支出决算为30.00万元，完成全年预算的75.00%: 30 / 40 = 75.00%
            _note(101, "2010101", ADMIN, "30.00", "75.00", "全年", "20.00", "40.00"),
            # no rate stated: 5.01 against the 支出决算表's 5.00, a cent off
            _note(102, "2080501", RETIRED, "5.01", year_start="5.00"),
            # names the tables do not use
            _note(103, None, ("某类", "某款", "某项"), "1.00"),
            # a 项 of no table, 完成年初预算的50.00% of a 年初预算 of 0
            _note(104, "2130199", ("农林水支出", "农业农村", "其他"), "3.00", "50.00", "年初", "0"),
            # 25.25 / 200.00 = 12.625%: 四舍五入 to the two decimals printed, 12.63%
            _note(105, "2299901", OTHER, "25.25", "12.63", "年初", "200.00"),
            _note(106, "2299901", OTHER, "25.25", "12.62", "年初", "200.00"),
            # 91.90 / 100.00 = 91.9%, printed without decimals: 92%
            _note(107, "2299901", OTHER, "91.90", "92", "年初", "100.00"),
        ],
    }


def test_the_narrative_items_against_the_tables_and_their_rates() -> None:
    results = _run(checks_final.final_narrative, _narrative())
    whole = "决算说明 一般公共预算财政拨款支出"
    admin = "决算说明 一般公共服务支出/政府办公厅（室）及相关机构事务/行政运行"
    other = "决算说明 其他支出/其他支出/其他支出"
    assert _brief(results) == [
        (
            "narrative",
            f"{whole} 支出决算 = general_budget_expenditure 合计 合计",
            D("80.00"),
            D("80.00"),
            D("0.00"),
            D("0.01"),
            "ok",
            "60,100",
        ),
        (
            "narrative",
            f"{whole} 完成年初预算的 80.00%",
            D("80.00"),
            D("80.00"),
            D(0),
            D(0),
            "ok",
            "100",
        ),
        (
            "narrative",
            f"{admin} 支出决算 = general_budget_expenditure 2010101 合计",
            D("30.00"),
            D("30.00"),
            D(0),
            D("0.01"),
            "ok",
            "61,101",
        ),
        (
            "narrative",
            f"{admin} 完成全年预算的 75.00%",
            D("75.00"),
            D("75.00"),
            D(0),
            D(0),
            "ok",
            "101",
        ),
        (
            "narrative",
            "决算说明 社会保障和就业支出/行政事业单位养老支出/行政单位离退休 支出决算 = "
            "expenditure_total 2080501 合计",
            D("5.00"),
            D("5.01"),
            D("0.01"),
            D("0.01"),
            "rounding",
            "52,102",
        ),
        (
            "name_consistency",
            "决算说明 某类/某款/某项：名称见于支出决算表",
            None,
            None,
            None,
            None,
            "mismatch",
            "103",
        ),
        (
            "narrative",
            "决算说明 农林水支出/农业农村/其他 完成年初预算的 50.00%",
            None,
            None,
            None,
            None,
            "mismatch",
            "104",
        ),
        (
            "narrative",
            f"{other} 完成年初预算的 12.63%",
            D("12.63"),
            D("12.63"),
            D(0),
            D(0),
            "ok",
            "105",
        ),
        # stated 12.62, computed 12.63: no rounding allowed, the rate is computed to its decimals
        (
            "narrative",
            f"{other} 完成年初预算的 12.62%",
            D("12.62"),
            D("12.63"),
            D("0.01"),
            D(0),
            "mismatch",
            "106",
        ),
        ("narrative", f"{other} 完成年初预算的 92%", D(92), D(92), D(0), D(0), "ok", "107"),
    ]
    details = {r["source_lines"]: r["detail"] for r in results if r["expected"] is None}
    assert details == {
        "103": "说明所列的类/款/项名称在支出决算表中找不到对应的项",
        "104": "a rate of a 年初预算 of 0",
    }


def test_a_note_naming_no_class_is_no_statement_of_the_whole() -> None:
    """Only the 合计 statement (item 合计, no 类 name) is held to the table's 合计: a 项 printed
    without its 类 is held to its own 项 (line 61, 30.00)."""
    rows = _narrative()
    rows["execution_note"] = [_note(108, "2010101", ("", "", "行政运行"), "30.00")]
    (r,) = _run(checks_final.final_narrative, rows)
    assert (r["source_lines"], r["status"]) == ("61,108", "ok")


def test_a_narrative_figure_against_a_table_in_yuan_is_allowed_the_narrative_s_cent() -> None:
    """The narrative states 万元 to the cent (budgetlens/narrative_final.py reads only ``…万元``);
    a table in 元 gives 万元 to four places. 800,033 元 = 80.0033 万元 against the stated 80.00:
    0.0033 off, inside the cent the narrative rounds to (rounding, not a mismatch); a stated
    80.02 is 0.0167 off (mismatch)."""
    rows = _narrative()
    rows["source_table"] = _units(general_budget_expenditure="元")
    rows["expenditure_function"][0]["total_wan"] = D("80.0033")
    rows["execution_note"] = [_note(100, None, ("", "", "合计"), "80.00")]
    (r,) = _run(checks_final.final_narrative, rows)
    assert (r["difference"], r["tolerance"], r["status"]) == (D("-0.0033"), D("0.01"), "rounding")
    rows["execution_note"] = [_note(100, None, ("", "", "合计"), "80.02")]
    (r,) = _run(checks_final.final_narrative, rows)
    assert (r["difference"], r["tolerance"], r["status"]) == (D("0.0167"), D("0.01"), "mismatch")
