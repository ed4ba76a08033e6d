"""The 决算 readers (budgetlens/grid_final.py) on small grids written here: shapes a 决算 may print
that the corpus documents do not (they are read from real PDFs in tests/test_corpus_final.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from budgetlens.errors import IngestError
from budgetlens.grid import GridRow
from budgetlens.grid_final import (
    read_economic_panels,
    read_summary_final,
    read_three_public_final,
)
from budgetlens.layout import Located, TableDecl


def table(reader: str, title: str) -> Located:
    return Located(TableDecl("t", title, reader, ((title,),)), title, 0, 3, "x.pdf", unit="万元")


def grid(*rows: list) -> list[GridRow]:
    return [GridRow(10 + k, 3, list(r)) for k, r in enumerate(rows)]


def test_a_three_public_table_of_actuals_only() -> None:
    """No 预算数 / 决算数 in the header: every figure is a 决算数."""
    rows = grid(
        ["合计", "因公出国（境）费", "公务用车购置及运行维护费", None, None, "公务接待费"],
        [None, None, "小计", "购置费", "运行维护费", None],
        ["3.50", "1.00", "2.00", "", "2.00", "0.50"],
    )
    got = {
        (r["table_key"], r["label"]): r["total"]
        for r in read_three_public_final(table("three_public_final", "“三公”经费支出决算表"), rows)
    }
    assert got == {
        ("three_public", "合计"): Decimal("3.50"),
        ("three_public", "因公出国（境）费"): Decimal("1.00"),
        ("three_public", "公务用车购置及运行费"): Decimal("2.00"),
        ("three_public", "公务用车运行费"): Decimal("2.00"),
        ("three_public", "公务接待费"): Decimal("0.50"),
    }


def test_panels_named_only_by_their_bottom_totals_and_a_bad_cell() -> None:
    rows = grid(
        ["科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数"],
        ["301", "工资福利支出", "5.00", "302", "商品和服务支出", "2.00"],
        ["30101", "基本工资", "5.00", "30201", "办公费", "2.00"],
        ["人员经费合计", "5.00", None, "公用经费合计", None, "2.00"],
    )
    got = read_economic_panels(table("economic_panels", "基本支出决算表"), rows)
    by_code = {r["code"]: r for r in got}
    assert by_code["30101"]["personnel"] == Decimal("5.00") and by_code["30101"]["public"] is None
    assert by_code["30201"]["public"] == Decimal("2.00") and by_code["30201"]["group_name"] == (
        "商品和服务支出"
    )
    subtotals = [(r["dept_class"], r["personnel"], r["public"]) for r in got if r["code"] is None]
    assert subtotals == [
        ("人员经费合计", Decimal("5.00"), None),
        ("公用经费合计", None, Decimal("2.00")),
    ]
    rows[2].cells[2] = "5,OO"
    with pytest.raises(IngestError, match=r"x\.pdf page 3"):
        read_economic_panels(table("economic_panels", "基本支出决算表"), rows)


def test_row_numbers_are_left_out_of_a_summary() -> None:
    rows = grid(
        ["收入", None, None, "支出", None, None],
        ["项目", "行次", "金额", "项目", "行次", "金额"],
        ["栏次", "", "1", "栏次", "", "2"],
        ["一、财政拨款收入", "1", "10.00", "一、一般公共服务支出", "32", "8.00"],
        ["本年收入合计", "27", "10.00", "本年支出合计", "58", "8.00"],
        ["年初结转和结余", "29", "1.00", "年末结转和结余", "60", "3.00"],
        ["总计", "31", "11.00", "总计", "62", "11.00"],
    )
    got = {
        (r["side"], r["item"]): r["amount_wan"]
        for r in read_summary_final(table("summary_final", "收入支出决算总表"), rows)
    }
    assert got == {
        ("收入", "财政拨款收入"): Decimal("10.00"),
        ("支出", "一般公共服务支出"): Decimal("8.00"),
        ("收入", "本年收入合计"): Decimal("10.00"),
        ("支出", "本年支出合计"): Decimal("8.00"),
        ("收入", "年初结转和结余"): Decimal("1.00"),
        ("支出", "年末结转和结余"): Decimal("3.00"),
        ("收入", "总计"): Decimal("11.00"),
        ("支出", "总计"): Decimal("11.00"),
    }
