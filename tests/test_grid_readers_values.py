"""The PDF table readers besides grid.py (budgetlens/grid_final.py, grid_procurement.py,
grid_projects.py, grid_performance.py, narrative_final.py) on small grids and lines written here,
every expected value worked out by hand from the cells given (or read by hand from the corpus
page cited): fast enough for mutation testing (``tools/mutate_py.py``)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from budgetlens.grid import GridRow
from budgetlens.layout import Located, TableDecl

D = Decimal


def table(reader: str, title: str, unit: str | None = "万元") -> Located:
    return Located(TableDecl("t", title, reader, ((title,),)), title, 0, 3, "x.pdf", unit=unit)


def grid(*rows: list) -> list[GridRow]:
    return [GridRow(10 + k, 3, list(r)) for k, r in enumerate(rows)]


# --- grid_final: the 决算 readers -----------------------------------------------------------


def test_final_economic_panels_in_yuan_are_read_in_wan() -> None:
    from budgetlens.grid_final import read_economic_panels

    rows = grid(
        ["人员经费", None, None, "公用经费", None, None],
        ["科目代码", "科目名称", "决算数", "科目代码", "科目名称", "决算数"],
        ["301", "工资福利支出", "50,000.00", "302", "商品和服务支出", "20,000.00"],
    )
    got = read_economic_panels(table("economic_panels", "基本支出决算表", "元"), rows)
    assert [(r["code"], r["personnel"], r["public"]) for r in got] == [
        ("301", D("5.00"), None),
        ("302", None, D("2.00")),
    ]


# 国家信访局 2024 决算 (cn-gjxfj-2024-final-dept) p12, 公开06表 一般公共预算财政拨款基本支出决算表:
# three panels (人员经费 | 公用经费 over two), a subset of its rows, figures as hand_read.csv
# reads them (rows 74–89); the header's merged cells are None right of their text.
GJXFJ_P12 = (
    ["人员经费", None, None, "公用经费", None, None, None, None, None],
    ["科目代码", "科目名称", "决算数", "科目代码", "科目名称", "决算数"] * 1
    + ["科目代码", "科目名称", "决算数"],
    [
        "301",
        "工资福利支出",
        "6,982.75",
        "302",
        "商品和服务支出",
        "2,239.41",
        "310",
        "资本性支出",
        "27.24",
    ],
    [
        "30101",
        "基本工资",
        "1,857.40",
        "30209",
        "物业管理费",
        "439.44",
        "31002",
        "办公设备购置",
        "24.67",
    ],
    ["303", "对个人和家庭的补助", "984.97", "30217", "公务接待费", "0.90", None, None, None],
    ["30301", "离休费", "537.43", "30231", "公务用车运行维护费", "40.61", None, None, None],
    ["人员经费合计", None, "7,967.72", "公用经费合计", None, None, None, None, "2,266.65"],
)


def test_final_economic_panels_of_a_three_panel_table() -> None:
    from budgetlens.grid_final import read_economic_panels

    got = read_economic_panels(table("economic_panels", "基本支出决算表"), grid(*GJXFJ_P12))
    rows = [
        (
            r["row_kind"],
            r["code"],
            r["group_name"],
            r["dept_class"],
            r["gov_class"],
            r["total"],
            r["personnel"],
            r["public"],
            r["source_line"],
            r["source_page"],
        )
        for r in got
    ]
    P, U = "工资福利支出", "商品和服务支出"
    assert rows == [
        ("group", "301", P, P, None, D("6982.75"), D("6982.75"), None, 12, 3),
        ("item", "30101", P, "基本工资", None, D("1857.40"), D("1857.40"), None, 13, 3),
        (
            "group",
            "303",
            "对个人和家庭的补助",
            "对个人和家庭的补助",
            None,
            D("984.97"),
            D("984.97"),
            None,
            14,
            3,
        ),
        (
            "item",
            "30301",
            "对个人和家庭的补助",
            "离休费",
            None,
            D("537.43"),
            D("537.43"),
            None,
            15,
            3,
        ),
        ("group", "302", U, U, None, D("2239.41"), None, D("2239.41"), 12, 3),
        ("item", "30209", U, "物业管理费", None, D("439.44"), None, D("439.44"), 13, 3),
        ("item", "30217", U, "公务接待费", None, D("0.90"), None, D("0.90"), 14, 3),
        ("item", "30231", U, "公务用车运行维护费", None, D("40.61"), None, D("40.61"), 15, 3),
        ("group", "310", "资本性支出", "资本性支出", None, D("27.24"), None, D("27.24"), 12, 3),
        ("item", "31002", "资本性支出", "办公设备购置", None, D("24.67"), None, D("24.67"), 13, 3),
        ("subtotal", None, None, "人员经费合计", None, D("7967.72"), D("7967.72"), None, 16, 3),
        ("subtotal", None, None, "公用经费合计", None, D("2266.65"), None, D("2266.65"), 16, 3),
    ]


def test_final_panels_named_by_their_totals_else_the_panel_to_the_left() -> None:
    """No header word: the panels' kinds come from the bottom totals; a third panel named by
    neither continues the second (公用经费 over two panels); a header without 代码/编码 leaves the
    columns holding codes as the panels' first columns (a code right of a code is no start)."""
    from budgetlens.grid_final import read_economic_panels

    rows = grid(
        ["科目", "名称", "金额", "科目", "名称", "金额", "科目", "名称", "金额"],
        ["30101", " 基本工资 ", "5.00", "30201", None, "2.00", "31002", "办公设备购置", "1.00"],
        ["30102", "津贴补贴", "", "30202", "印刷费", "  ", "31003", "31003", "3.00"],
        ["人员经费合计", "5.00", "", "公用经费合计", "6.00", "7.00", None, None, None],
    )
    got = read_economic_panels(table("economic_panels", "基本支出决算表"), rows)
    assert [
        (r["code"], r["group_name"], r["dept_class"], r["personnel"], r["public"]) for r in got
    ] == [
        ("30101", None, "基本工资", D("5.00"), None),
        ("30102", None, "津贴补贴", None, None),
        ("30201", None, "", None, D("2.00")),
        ("30202", None, "印刷费", None, None),
        ("31002", None, "办公设备购置", None, D("1.00")),
        ("31003", None, "31003", None, D("3.00")),
        # a label takes the first amount right of it; a second amount after it is no total
        (None, None, "人员经费合计", D("5.00"), None),
        (None, None, "公用经费合计", None, D("6.00")),
    ]


def test_final_panels_with_no_word_at_all_are_personnel() -> None:
    from budgetlens.grid_final import read_economic_panels

    rows = grid(
        ["科目编码", "科目名称", "决算数"],
        ["301", "工资福利支出", "5.00"],
    )
    got = read_economic_panels(table("economic_panels", "基本支出决算表"), rows)
    assert [(r["code"], r["personnel"], r["public"]) for r in got] == [("301", D("5.00"), None)]


def test_final_panel_kind_from_a_header_of_blank_strings_stops_at_the_next_text() -> None:
    """A header text spreads right over the merged (None) cells of its row, not over cells
    printed blank (""): the second panel, under a blank cell, is named by its total."""
    from budgetlens.grid_final import read_economic_panels

    rows = grid(
        ["公用经费", "", "", "", "", ""],
        ["科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数"],
        ["302", "商品和服务支出", "2.00", "301", "工资福利支出", "5.00"],
        [None, None, None, "人员经费合计", None, "5.00"],
    )
    got = read_economic_panels(table("economic_panels", "基本支出决算表"), rows)
    assert [(r["code"], r["personnel"], r["public"]) for r in got] == [
        ("302", None, D("2.00")),
        ("301", D("5.00"), None),
        (None, D("5.00"), None),
    ]


def test_final_panels_without_codes_are_refused() -> None:
    from budgetlens.errors import IngestError
    from budgetlens.grid_final import read_economic_panels

    rows = grid(["科目编码", "科目名称", "决算数"], ["工资福利支出", "5.00", None])
    with pytest.raises(IngestError) as e:
        read_economic_panels(table("economic_panels", "基本支出决算表"), rows)
    assert str(e.value) == (
        "x.pdf page 3: table 基本支出决算表: expected rows with 经济分类 codes (301, 30101 …) in "
        "panels side by side"
    )


def test_final_panel_amount_that_is_not_a_number_names_its_panel() -> None:
    from budgetlens.errors import IngestError
    from budgetlens.grid_final import read_economic_panels

    rows = grid(*GJXFJ_P12)
    rows[3].cells[5] = "4三9.44"
    with pytest.raises(IngestError) as e:
        read_economic_panels(table("economic_panels", "基本支出决算表"), rows)
    assert str(e.value) == (
        "x.pdf page 3:13: table 基本支出决算表: expected a number in column 决算数 (公用经费): "
        "found '4三9.44'"
    )


# 国家信访局 2024 决算 p15, 公开09表 一般公共预算财政拨款“三公”经费支出决算表: 预算数 over its six
# columns, 决算数 over six more, 栏次 1–12, one data row; figures as hand_read.csv reads them
# (rows 62–73; both 公务用车购置费 cells blank).
_ITEMS_HEADER = ["合计", "因公出国（境）费", "公务用车购置及运行维护费", None, None, "公务接待费"]
_CAR_HEADER = [None, None, "小计", "公务用车购置费", "公务用车运行维护费", None]
GJXFJ_P15 = (
    ["预算数", None, None, None, None, None, "决算数", None, None, None, None, None],
    _ITEMS_HEADER * 2,
    _CAR_HEADER * 2,
    [str(k) for k in range(1, 13)],
    ["76.43", "30.00", "40.63", "", "40.63", "5.80", "46.21", "4.69", "40.61", "", "40.61", "0.90"],
)
CAR, BUY, RUN = "公务用车购置及运行费", "公务用车购置费", "公务用车运行费"


def _three(rows) -> list[tuple]:
    from budgetlens.grid_final import read_three_public_final

    got = read_three_public_final(table("three_public_final", "“三公”经费支出决算表"), rows)
    return [
        (r["table_key"], r["label"], r["total"], r["source_line"], r["source_page"])
        if "_note" not in r
        else (r["_note"], r["source_line"])
        for r in got
    ]


def test_final_three_public_budget_and_actual_side_by_side() -> None:
    B, A = "three_public_budget", "three_public"
    assert _three(grid(*GJXFJ_P15)) == [
        (B, "合计", D("76.43"), 14, 3),
        (B, "因公出国（境）费", D("30.00"), 14, 3),
        (B, CAR, D("40.63"), 14, 3),
        (B, RUN, D("40.63"), 14, 3),
        (B, "公务接待费", D("5.80"), 14, 3),
        (A, "合计", D("46.21"), 14, 3),
        (A, "因公出国（境）费", D("4.69"), 14, 3),
        (A, CAR, D("40.61"), 14, 3),
        (A, RUN, D("40.61"), 14, 3),
        (A, "公务接待费", D("0.90"), 14, 3),
    ]


def test_final_three_public_items_over_their_budget_and_actual() -> None:
    """The items on top, 预算数 | 决算数 under each (the other shape the reader takes); a 购置费
    cell filled; a table in 元; a 栏次 row saying 栏次."""
    B, A = "three_public_budget", "three_public"
    rows = grid(
        ["总计", None, "因公出国（境）费", None, "公务用车购置费", None, "公务接待费", None],
        ["预算数", "决算数"] * 4,
        ["栏次", "1", "2", "3", "4", "5", "6", "7"],
        ["90000", "80000", "10000", "20000", "30000", "40000", "50000", "-"],
    )
    from budgetlens.grid_final import read_three_public_final

    got = read_three_public_final(table("three_public_final", "三公", "元"), rows)
    assert [(r["table_key"], r["label"], r["total"]) for r in got] == [
        (B, "合计", D("9")),
        (A, "合计", D("8")),
        (B, "因公出国（境）费", D("1")),
        (A, "因公出国（境）费", D("2")),
        (B, BUY, D("3")),
        (A, BUY, D("4")),
        (B, "公务接待费", D("5")),
    ]


def test_final_three_public_columns_it_cannot_name_are_notes() -> None:
    """实际 says 决算数 too; a column under neither 预算 nor 决算 (where others are) and one under
    no item come back as notes naming column, figure and header; further rows are notes."""
    rows = grid(
        ["公务接待费", None, "其他", "公务用车运行维护费", None],
        ["预算数", "实际支出", "预算数", "支出数", None],
        ["1.00", "2.00", "3.00", "4.00", "5.00"],
        ["单位甲", "6.00", None, ""],
    )
    assert _three(rows) == [
        ("three_public_budget", "公务接待费", D("1.00"), 12, 3),
        ("three_public", "公务接待费", D("2.00"), 12, 3),
        (
            "column 3 holds 3.00 under 其他/预算数: no “三公” item with 预算数 or 决算数, not read",
            12,
        ),
        (
            "column 4 holds 4.00 under 公务用车运行维护费/支出数: no “三公” item with 预算数 or "
            "决算数, not read",
            12,
        ),
        (
            "column 5 holds 5.00 under 公务用车运行维护费/支出数: no “三公” item with 预算数 or "
            "决算数, not read",
            12,
        ),
        ("a further row of the “三公” table kept as published, not read: 单位甲 | 6.00", 13),
    ]


def test_final_three_public_a_figure_under_no_header_is_a_note() -> None:
    """A header text covers the columns right of it up to the next text on its row."""
    rows = grid(["", "决算数", None], ["1.00", "2.00", "3.00"])
    note = "no “三公” item with 预算数 or 决算数, not read"
    assert _three(rows) == [
        (f"column 1 holds 1.00 under no header: {note}", 11),
        (f"column 2 holds 2.00 under 决算数: {note}", 11),
        (f"column 3 holds 3.00 under 决算数: {note}", 11),
    ]


def test_final_three_public_an_empty_table_gives_no_rows() -> None:
    rows = grid(
        ["合计", "因公出国（境）费", "公务接待费"],
        ["本年度没有“三公”经费支出，故本表无数据。", None, None],
    )
    assert _three(rows) == []


def test_final_three_public_a_bad_cell_names_item_and_column() -> None:
    from budgetlens.errors import IngestError

    rows = grid(*GJXFJ_P15)
    # a full-width point: a figure to the reader (it compares cells normalised), refused by
    # grid.amount, which reads the cell as printed
    rows[4].cells[5] = "5．80"
    with pytest.raises(IngestError) as e:
        _three(rows)
    assert str(e.value) == (
        "x.pdf page 3:14: table “三公”经费支出决算表: expected a number in column 公务接待费 "
        "预算数: found '5．80'"
    )
    rows = grid(*GJXFJ_P15)
    rows[4].cells[11] = "0．90"
    with pytest.raises(IngestError, match="column 公务接待费 决算数: found '0．90'"):
        _three(rows)


def _items(*texts):
    from budgetlens.pdf import GridItem, TextItem

    return [
        GridItem(13, 100.0 + k, [["x"]]) if t is None else TextItem(13, 100.0 + k, t)
        for k, t in enumerate(texts)
    ]


def test_final_empty_note_joined_over_its_lines() -> None:
    """国家信访局 2024 决算 p13 (公开07表): 说明：国家信访局没有政府性基金收入，也没有使用政府性
    基金安排的支出，故本表无数据。 (NOTES.md table 7), wrapped here over two lines."""
    from budgetlens.grid_final import empty_note

    items = _items(
        "政府性基金预算财政拨款收入支出决算表",
        None,
        " 说明：国家信访局没有政府性基金收入，也没有使用政府性基金安排的支出， ",
        "故本表无数据。",
        "下一张表",
    )
    assert empty_note(items, 0, 5) == (
        "说明：国家信访局没有政府性基金收入，也没有使用政府性基金安排的支出，故本表无数据。",
        2,
    )
    # the table's span ends before the note's second line: 没有 alone, no 本表 / 此表 / 注
    assert empty_note(items, 0, 3) is None
    assert empty_note(items, 3, 99) == ("故本表无数据。", 3)
    assert empty_note(items, 4, 99) is None


def test_final_empty_note_the_statement_before_the_instruction() -> None:
    """A line saying how to say a table is empty (无…的，仍保留该表格式，并在本表下方作下述说明)
    comes first; the note that says it (此表为空) is the one returned, even when the first is
    a note too; without it, the first found."""
    from budgetlens.grid_final import empty_note

    instruction = "注：无国有资本经营预算财政拨款支出的，仍保留该表格式，并在本表下方作下述说明。"
    items = _items(instruction, "表格", "注：此表为空.", "注：本表无数据。")
    assert empty_note(items, 0, 4) == ("注：此表为空.", 2)
    assert empty_note(items, 0, 2) == (instruction, 0)
    # a note without a full stop is joined while it is under 300 characters: 150 + 150 stops
    long = ["说明：" + "甲" * 147, "乙" * 150, "本表无数据"]
    assert empty_note(_items(*long), 0, 3) == ("本表无数据", 2)
    assert empty_note(_items("说明：" + "甲" * 147, "乙" * 149, "本表无数据"), 0, 3) == (
        "说明：" + "甲" * 147 + "乙" * 149 + "本表无数据",
        0,
    )


# --- grid_procurement: the 政府采购预算表 ------------------------------------------------------

AMOUNT_KEYS = ("total", "general_budget", "gov_fund", "state_capital", "special_account")


def _buy(rows, unit: str | None = "万元") -> list[tuple]:
    from budgetlens.grid_procurement import read_procurement

    got = read_procurement(table("procurement", "政府采购预算表", unit), rows)
    for r in got:
        assert r["table_key"] == "t"
    return [
        (
            r["row_kind"],
            r["category"],
            r["unit"],
            r["_project"],
            r["economic"],
            r["item"],
            r["method"],
            *(r[k] for k in (*AMOUNT_KEYS, "unit_funds")),
            r["source_line"],
            r["source_page"],
        )
        for r in got
    ]


def test_procurement_by_category_only() -> None:
    """北京 预算10表 (bj-jmrh-2026-budget-dept p14, tests/test_procurement.py): 采购类别 | 金额,
    货物 18.69, 服务 35.65, 合计 54.34; here in 元 (the 万元 are the figures / 10000)."""
    rows = grid(
        ["采购类别", "金额"],
        ["A-货物", "186,900.00"],
        ["C-服务", "356,500.00"],
        ["合计：", "543,400.00"],
    )
    n = (None,) * 5
    assert _buy(rows, "元") == [
        ("category", "货物", None, None, None, None, None, D("18.69"), *n, 11, 3),
        ("category", "服务", None, None, None, None, None, D("35.65"), *n, 12, 3),
        ("total", None, None, None, None, None, None, D("54.34"), *n, 13, 3),
    ]


def test_procurement_by_category_with_funds() -> None:
    """重庆 表九 (cq-slj-2026-budget-dept p29): 项目编号 | 项目 | 总计 | 一般公共预算拨款收入 |
    政府性基金 | 国有资本 | 财政专户 | 单位资金; 合计 11884.37 / 11307.34, 货物 2703.49 /
    2703.19, 工程 239.56, 服务 8941.32 / 8364.59 (the other fund columns made up here so that
    each row adds up)."""
    rows = grid(
        [
            "项目编号",
            "项目",
            "总计",
            "一般公共预算拨款收入",
            "政府性基金",
            "国有资本经营预算",
            "财政专户管理资金",
            "单位资金",
        ],
        ["栏次", None, "1", "2", "3", "4", "5", "6"],
        [None, "合计", "11,884.37", "11,307.34", "500.00", "", "77.03", "-"],
        ["A", "货物", "2,703.49", "2,703.19", None, None, "0.30", None],
        ["B", "工程", "239.56", "239.56", None, None, None, None],
        ["C", "服务", "8,941.32", "8,364.59", "500.00", None, "76.73", None],
    )
    g = (None, None, None, None, None, None)
    assert _buy(rows) == [
        ("total", *g, D("11884.37"), D("11307.34"), D("500.00"), None, D("77.03"), None, 12, 3),
        (
            "category",
            "货物",
            *g[1:],
            D("2703.49"),
            D("2703.19"),
            None,
            None,
            D("0.30"),
            None,
            13,
            3,
        ),
        ("category", "工程", *g[1:], D("239.56"), D("239.56"), None, None, None, None, 14, 3),
        (
            "category",
            "服务",
            *g[1:],
            D("8941.32"),
            D("8364.59"),
            D("500.00"),
            None,
            D("76.73"),
            None,
            15,
            3,
        ),
    ]


def test_procurement_by_category_project_and_item() -> None:
    """江苏 (js-rdbgt-2017 pp20–21; js-jcy-2018 p22, tests/test_procurement.py): 采购品目大类 |
    专项名称 | 经济科目 | 采购物品名称 | 采购组织形式 | 总计; a category row, a 专项 row with its
    经济科目 and subtotal, its items; an item's name merged over two rows bought two ways; the next
    page without its header and without the first page's unnamed column (江苏 2018: 19 columns,
    then 6), read in the header's order; here in 元."""
    rows = grid(
        ["采购品目大类", "专项名称", "经济科目", "采购物品名称", "采购组织形式", None, "总计"],
        ["一、货物A", None, None, None, None, None, "590,000.00"],
        [None, "办公设备购置费", "办公设备购置", None, None, None, "590,000.00"],
        [None, None, None, "家具用具", "部门集中采购", None, "230,000.00"],
        [None, None, None, "物业管理服务", "部门集中采购", None, "300,000.00"],
        [None, None, None, None, "分散自行组织", None, "60,000.00"],
    )
    rows += [
        GridRow(16, 4, ["三、服务C", None, None, None, None, "100,000.00"], grid=1),
        GridRow(
            17, 4, [None, "综合管理费", None, "维修服务", "政府集中采购", "100,000.00"], grid=1
        ),
        GridRow(18, 4, ["合计", None, None, None, None, "690,000.00"], grid=1),
    ]
    n = (None,) * 4
    P, E = "办公设备购置费", "办公设备购置"
    assert _buy(rows, "元") == [
        ("category", "货物", None, None, None, None, None, D("59"), *n, None, 11, 3),
        ("group", "货物", None, P, E, None, None, D("59"), *n, None, 12, 3),
        ("item", "货物", None, P, E, "家具用具", "部门集中采购", D("23"), *n, None, 13, 3),
        ("item", "货物", None, P, E, "物业管理服务", "部门集中采购", D("30"), *n, None, 14, 3),
        ("item", "货物", None, P, E, "物业管理服务", "分散自行组织", D("6"), *n, None, 15, 3),
        ("category", "服务", None, None, None, None, None, D("10"), *n, None, 16, 4),
        (
            "item",
            "服务",
            None,
            "综合管理费",
            None,
            "维修服务",
            "政府集中采购",
            D("10"),
            *n,
            None,
            17,
            4,
        ),
        ("total", None, None, None, None, None, None, D("69"), *n, None, 18, 4),
    ]
    from budgetlens.errors import IngestError

    rows[-2] = GridRow(
        17, 4, [None, "综合管理费", "维修服务", "政府集中采购", "100,000.00"], grid=1
    )
    rows[-1] = GridRow(18, 4, ["合计", None, None, None, "690,000.00"], grid=1)
    rows[-3] = GridRow(16, 4, ["三、服务C", None, None, None, "100,000.00"], grid=1)
    with pytest.raises(IngestError) as e:
        _buy(rows, "元")
    assert str(e.value) == (
        "x.pdf page 4:16: table 政府采购预算表: expected a continued page with the header's 6 "
        "columns: found '5 columns'"
    )


def test_procurement_by_item_with_its_unit() -> None:
    """西安 表12 (xa-xcb-2021-budget-dept pp39–40, tests/test_procurement.py): 科目编码 类/款/项 |
    单位编码 | 采购项目 | 采购目录 | 数量 | 预算金额 (元); a row with a 单位编码 and no 采购目录 is
    the unit's subtotal; 城市宣传经费 C2002… 1500.00 万元. A figure in a text column (数量) is
    no label; a cell one column off its header is read under the nearest header (江苏 2018/2019
    print the first page one column left)."""
    rows = grid(
        ["科目编码", None, None, "单位编码", "采购项目", "采购目录", "数量", "预算金额"],
        ["类", "款", "项", None, None, None, None, None],
        [None, None, None, "合计", None, None, None, "16,000,000.00"],
        [None, None, None, "301001", "中共西安市委宣传部", None, None, "16,000,000.00"],
        [
            "207",
            "01",
            "99",
            None,
            "城市宣传经费",
            "C2002广播、电视、电影和音像服务",
            "1",
            None,
            "15,000,000.00",
        ],
        ["207", "01", "99", None, "舆情信息工作经费", "C2001新闻服务", "2", "1,000,000.00"],
    )
    n = (None,) * 5
    U = "中共西安市委宣传部"
    assert _buy(rows, "元") == [
        ("total", None, None, None, None, None, None, D("1600"), *n, 12, 3),
        ("unit", None, U, None, None, None, None, D("1600"), *n, 13, 3),
        (
            "item",
            None,
            U,
            "城市宣传经费",
            None,
            "C2002广播、电视、电影和音像服务",
            None,
            D("1500"),
            *n,
            14,
            3,
        ),
        ("item", None, U, "舆情信息工作经费", None, "C2001新闻服务", None, D("100"), *n, 15, 3),
    ]


def test_procurement_a_cell_off_its_header_goes_to_the_nearest() -> None:
    """Cells printed one column left of their header (江苏 2018/2019's first page): each goes to
    the nearest header within two columns, the right one of two as near; one further off is
    dropped."""
    rows = grid(
        [None, "采购品目大类", None, "采购物品名称", None, "合计", None, None, None],
        ["货物", None, "打印机", None, "12.00", None, None, None, "99.00"],
        ["合计", None, None, None, None, "12.00", None, None, None],
    )
    n = (None,) * 5
    assert _buy(rows) == [
        ("category", "货物", None, None, None, None, None, D("12.00"), *n, 11, 3),
        ("total", None, None, None, None, None, None, D("12.00"), *n, 12, 3),
    ]
    rows[1].cells[0] = None
    assert _buy(rows)[0] == ("item", None, None, None, None, "打印机", None, D("12.00"), *n, 11, 3)


def test_procurement_first_amount_of_a_column_kept() -> None:
    """Two cells placed in one amount column (one on it, one beside it): the first is kept."""
    rows = grid(["采购物品名称", "金额", None], ["打印机", "12.00", "13.00"])
    assert _buy(rows)[0][7] == D("12.00")


def test_procurement_a_table_without_rows_is_no_procurement() -> None:
    rows = grid(["采购类别", "金额"], ["本部门无政府采购预算", None])
    assert _buy(rows) == []


def test_procurement_shapes_it_cannot_read_are_refused() -> None:
    from budgetlens.errors import IngestError

    with pytest.raises(IngestError) as e:
        _buy(grid(["名称", "金额"], ["办公用品", "5.80"]))
    assert str(e.value) == (
        "x.pdf page 3:10: table 政府采购预算表: expected a 政府采购 header naming 采购类别 / "
        "专项名称 / 采购项目 / 采购物品 and an amount column (总计, 合计 or 金额): found '名称 | "
        "金额'"
    )
    with pytest.raises(IngestError, match=r"found '采购物品名称 \| 数量'"):
        _buy(grid(["采购物品名称", "数量"], ["打印机", "5"]))
    with pytest.raises(IngestError) as e:
        _buy(grid(["采购物品名称", "采购方式", "金额"], [None, "公开招标", "5.00"]))
    assert str(e.value) == (
        "x.pdf page 3:11: table 政府采购预算表: expected a 合计, category, 专项 or item row: "
        "found '公开招标'"
    )
    with pytest.raises(IngestError, match="found 'amounts only'"):
        _buy(grid(["采购物品名称", "采购方式", "金额"], [None, None, "5.00"]))
    # a page of data before any header
    with pytest.raises(IngestError, match=r"x\.pdf page 3:10: .* found 'no header'"):
        _buy(grid(["打印机", "5.00"]))


def test_procurement_by_subject() -> None:
    """烟台 公开表12 (yt-mzj-2026-budget-dept p28, tests/test_procurement.py): 科目编码 类/款/项 |
    科目名称 | 合计 | 一般公共预算 | 政府性基金; 合计 623.63 = 49.75 + 573.88; 208 49.75;
    2080201 行政运行 9.44; 2296002 573.88, all 政府性基金 (2080208 40.31 made up here so that the
    items add up; 229 其他支出 and 22960 彩票公益金安排的支出 over 2296002 as 功能分类 names them):
    a 科目 with 科目 under it is a group, one without an item, no category."""
    rows = grid(
        ["科目编码", None, None, "科目名称", "合计", "一般公共预算", "政府性基金"],
        ["类", "款", "项", None, None, None, None],
        [None, None, None, "合计", "623.63", "49.75", "573.88"],
        ["208", None, None, "社会保障和就业支出", "49.75", "49.75", None],
        [None, "02", None, "民政管理事务", "49.75", "49.75", None],
        [None, None, "01", "行政运行", "9.44", "9.44", None],
        [None, None, "08", "基层政权建设和社区治理", "40.31", "40.31", None],
        ["229", None, None, "其他支出", "573.88", None, "573.88"],
        [None, "60", None, "彩票公益金安排的支出", "573.88", None, "573.88"],
        [None, None, "02", "用于社会福利的彩票公益金支出", "573.88", None, "573.88"],
    )
    n = (None, None, None)
    assert _buy(rows) == [
        (
            "total",
            None,
            None,
            None,
            None,
            None,
            None,
            D("623.63"),
            D("49.75"),
            D("573.88"),
            *n,
            12,
            3,
        ),
        (
            "group",
            None,
            None,
            "208 社会保障和就业支出",
            None,
            None,
            None,
            D("49.75"),
            D("49.75"),
            None,
            *n,
            13,
            3,
        ),
        (
            "group",
            None,
            None,
            "20802 民政管理事务",
            None,
            None,
            None,
            D("49.75"),
            D("49.75"),
            None,
            *n,
            14,
            3,
        ),
        (
            "item",
            None,
            None,
            None,
            None,
            "2080201 行政运行",
            None,
            D("9.44"),
            D("9.44"),
            None,
            *n,
            15,
            3,
        ),
        (
            "item",
            None,
            None,
            None,
            None,
            "2080208 基层政权建设和社区治理",
            None,
            D("40.31"),
            D("40.31"),
            None,
            *n,
            16,
            3,
        ),
        (
            "group",
            None,
            None,
            "229 其他支出",
            None,
            None,
            None,
            D("573.88"),
            None,
            D("573.88"),
            *n,
            17,
            3,
        ),
        (
            "group",
            None,
            None,
            "22960 彩票公益金安排的支出",
            None,
            None,
            None,
            D("573.88"),
            None,
            D("573.88"),
            *n,
            18,
            3,
        ),
        (
            "item",
            None,
            None,
            None,
            None,
            "2296002 用于社会福利的彩票公益金支出",
            None,
            D("573.88"),
            None,
            D("573.88"),
            *n,
            19,
            3,
        ),
    ]


def test_procurement_by_subject_crossed_with_economic_codes_is_refused() -> None:
    """北京's 支出总表 crosses 功能分类 with 经济分类 (one row per pair): no table of 科目 alone."""
    from budgetlens.errors import IngestError

    rows = grid(
        ["功能分类科目", "经济分类科目", "合计"],
        ["201", None, "6.00"],
        ["2010301-行政运行", "30201-办公费", "5.00"],
        ["2010301-行政运行", "30202-印刷费", "1.00"],
    )
    with pytest.raises(IngestError) as e:
        _buy(rows)
    assert str(e.value) == (
        "x.pdf page 3:10: table 政府采购预算表: expected a 政府采购 table by 功能分类 科目 alone: "
        "found '经济分类 too'"
    )


# --- grid_projects: the 项目支出表 and a list-shaped 绩效目标表's projects ---------------------


def _projects(rows, unit: str | None = "万元") -> list[tuple]:
    from budgetlens.grid_projects import read_projects

    out = []
    for r in read_projects(table("projects", "项目支出表", unit), rows):
        if r.get("_raw"):
            out.append(("raw", r["row_no"], r["col_no"], r["text"], r["source_line"]))
            continue
        amounts = {k: v for k, v in r.items() if k.endswith(("total", "budget", "fund", "capital"))}
        amounts |= {k: r[k] for k in ("special_account", "unit_funds") if k in r}
        out.append(
            (
                r["row_kind"],
                r["unit"],
                r["_project"],
                r["_carried"],
                amounts,
                r["source_line"],
                r["source_page"],
            )
        )
    return out


# 杭州市气象局 2026 (hz-qxj-2026-budget-dept) p24, 表10 2026年市级部门项目支出预算表,
# as hand_read.csv reads it: 合计 2,131.61 (一般公共预算 2,008.00, 单位资金 123.61);
# 气象业务建设 1,097.02 (1,002.10, 94.92) and 气象设施维护及科普 887.90 of 杭州市气象局;
# 专业系统维护及科普 146.69 (118.00, 28.69) of 杭州市气象服务中心（杭州市预警信息发布中心）;
# the **/1/2/3 row under the header (NOTES.md).
HZ_P24 = (
    ["单位名称", "项目名称", "总计", "财政拨款收入", None, None, "财政专户管理资金", "单位资金"],
    [None, None, None, "一般公共预算", "政府性基金", "国有资本经营预算", None, None],
    ["**", "**", "1", "2", "3", "4", "5", "6"],
    ["合计", None, "2,131.61", "2,008.00", None, None, None, "123.61"],
    ["杭州市气象局", "气象业务建设", "1,097.02", "1,002.10", None, None, None, "94.92"],
    [None, "气象设施维护及科普", "887.90", "887.90", None, None, None, None],
    [
        "杭州市气象服务中心（杭州市预警信息发布中心）",
        "专业系统维护及科普",
        "146.69",
        "118.00",
        None,
        None,
        None,
        "28.69",
    ],
)


def test_projects_by_unit_with_their_funds() -> None:
    def funds(total, general, unit_funds):
        return {
            "total": D(total),
            "general_budget": D(general),
            "gov_fund": None,
            "state_capital": None,
            "special_account": None,
            "unit_funds": unit_funds and D(unit_funds),
        }

    # names as the reader keeps them: normalised (NFKC: the full-width brackets as ASCII)
    hz, centre = "杭州市气象局", "杭州市气象服务中心(杭州市预警信息发布中心)"
    assert _projects(grid(*HZ_P24)) == [
        ("department", None, None, False, funds("2131.61", "2008.00", "123.61"), 13, 3),
        ("project", hz, "气象业务建设", False, funds("1097.02", "1002.10", "94.92"), 14, 3),
        ("project", hz, "气象设施维护及科普", False, funds("887.90", "887.90", None), 15, 3),
        ("project", centre, "专业系统维护及科普", False, funds("146.69", "118.00", "28.69"), 16, 3),
    ]
    # in 元; the header printed again on a continued page is skipped
    rows = grid(*HZ_P24[:2], HZ_P24[4])
    rows.append(GridRow(20, 4, list(HZ_P24[0]), grid=1))
    rows.append(GridRow(21, 4, [None, "气象设施维护及科普", "8,879,000.00", None], grid=1))
    got = _projects(rows, "元")
    assert [(g[0], g[1], g[2], g[4]["total"], g[5]) for g in got] == [
        ("project", hz, "气象业务建设", D("0.109702"), 12),  # 1,097.02 元
        ("project", hz, "气象设施维护及科普", D("887.9"), 21),
    ]


# 长春市信访局 2026 (cc-xfj-2026-budget-dept) p14, 项目支出表(预算表 9), as NOTES.md
# and hand_read.csv read it: 类型 | 项目名称 (一级项目 | 二级项目) | 项目单位 | 合计 |
# 本年财政拨款 (…) | 财政拨款结转 (…) | 财政专户管理资金 | 单位资金;
# 部门特定目标类项目 474.56 → 综合管理 474.56 → 2026信访专项经费 30.00,
# 2026信访接待中心运行费 116.00, 信访局临聘人员经费 16.56 (its 政府性基金 0.00); no 合计
# row. The 结转 figures of 2026信访专项经费 are made up here (the page prints none).
CC_P14 = (
    [
        "类型",
        "项目名称",
        None,
        "项目单位",
        "合计",
        "本年财政拨款",
        None,
        None,
        "财政拨款结转",
        None,
        None,
        "财政专户管理资金",
        "单位资金",
    ],
    [
        None,
        "一级项目",
        "二级项目",
        None,
        None,
        "一般公共预算",
        "政府性基金预算",
        "国有资本经营预算",
        "一般公共预算",
        "政府性基金预算",
        "国有资本经营预算",
        None,
        None,
    ],
    ["部门特定目标类项目", None, None, None, "474.56", "474.56"] + [None] * 7,
    [None, "综合管理", None, None, "474.56", "474.56"] + [None] * 7,
    [None, None, "2026信访专项经费", "长春市信访局", "30.00", "20.00", None, None, "10.00"]
    + [None] * 4,
    [None, None, "2026信访接待中心运行费", None, "116.00", "116.00"] + [None] * 7,
    [
        None,
        None,
        "信访局临聘人员经费",
        None,
        "16.56",
        "16.56",
        "0.00",
        None,
        "0.00",
        None,
        None,
        None,
        None,
    ],
)


def test_projects_grouping_rows_raw_and_carried_over_amounts_apart() -> None:
    def funds(general, gov=None, total=None, carried=False):
        out = {"general_budget": general and D(general), "gov_fund": gov and D(gov)}
        out["state_capital"] = None
        if not carried:
            out = {"total": total and D(total), **out, "special_account": None, "unit_funds": None}
        return out

    unit = "长春市信访局"
    assert _projects(grid(*CC_P14)) == [
        ("raw", 1, 1, "部门特定目标类项目", 12),
        ("raw", 1, 5, "474.56", 12),
        ("raw", 1, 6, "474.56", 12),
        ("raw", 1, 2, "综合管理", 13),
        ("raw", 1, 5, "474.56", 13),
        ("raw", 1, 6, "474.56", 13),
        ("project", unit, "2026信访专项经费", False, funds("20.00", total="30.00"), 14, 3),
        ("project", unit, "2026信访专项经费", True, funds("10.00", carried=True), 14, 3),
        ("project", unit, "2026信访接待中心运行费", False, funds("116.00", total="116.00"), 15, 3),
        ("project", unit, "信访局临聘人员经费", False, funds("16.56", "0.00", "16.56"), 16, 3),
    ]


def test_projects_without_a_project_column_are_raw() -> None:
    rows = grid(["单位名称", "合计"], ["杭州市气象局", "5.00"])
    assert _projects(rows) == [
        ("raw", 1, 1, "单位名称", 10),
        ("raw", 1, 2, "合计", 10),
        ("raw", 2, 1, "杭州市气象局", 11),
        ("raw", 2, 2, "5.00", 11),
    ]
    rows = grid(["项目名称", "项目类别"], ["甲", "5.00"])  # no amount column
    assert [g[0] for g in _projects(rows)] == ["raw"] * 4


def test_projects_which_headers_name_projects() -> None:
    from budgetlens.grid_projects import _names_projects

    assert [
        _names_projects(h)
        for h in (
            "项目名称",
            "支出项目类别",
            "项目",
            "项目单位",
            "项目类型",
            "项目类别",
            "项目支出",
        )
    ] == [True, True, True, False, False, False, False]
    assert _names_projects("二级项目") and not _names_projects("名称")
    assert not _names_projects("项目支出合计") and not _names_projects("项目单位名称")


def test_projects_a_total_row_by_its_label_and_a_bad_amount() -> None:
    from budgetlens.errors import IngestError

    rows = grid(
        ["单位名称", "项目名称", "金额"],
        [None, "合 计", "3.00"],
        ["本级", "甲项目", "1.00"],
        ["其中：本级合计", None, "2.00"],
        [None, "乙项目", "2.0O"],
    )
    with pytest.raises(IngestError) as e:
        _projects(rows)
    assert str(e.value) == (
        "x.pdf page 3:14: table 项目支出表: expected a number in column total: found '2.0O'"
    )
    rows[-1].cells[2] = "2.00"
    assert [(g[0], g[2], g[4]["total"]) for g in _projects(rows)] == [
        ("department", None, D("3.00")),
        ("project", "甲项目", D("1.00")),
        ("department", None, D("2.00")),
        ("project", "乙项目", D("2.00")),
    ]
    # 合计 in the project column beside other words is a project's name
    rows[3].cells[:2] = [None, "其中：本级合计"]
    assert _projects(rows)[2][:3] == ("project", "本级", "其中:本级合计")


def _list(rows, unit: str | None = "万元"):
    from budgetlens.grid_projects import read_project_list

    got = read_project_list(table("performance", "项目支出绩效目标表", unit), rows)
    if got is None:
        return None
    return [
        (
            r["row_kind"],
            r["unit"],
            r["_project"],
            r["total"],
            r["_carried"],
            r["source_line"],
            r["source_page"],
        )
        for r in got
    ]


def test_project_list_of_units_and_projects_read_once() -> None:
    """长沙市信访局 2026 (cs-xfj-2026-budget-dept) pp22–23, 2026年项目支出绩效目标表, as
    hand_read.csv reads it: 单位编码 | 单位（项目）名称 | 资金总额 | 绩效目标 | 一级指标 …; 合计
    417.41; the unit 126001 长沙市信访局 (its row's 417.41 made up here), 基层及其他信访业务工作经费
    专项 35.78 (repeated on p23, read once), 人民来访接待中心及特护期运行专项 10.22; the indicator
    rows below a project have no amount."""
    rows = grid(
        ["单位编码", "单位（项目）名称", "资金总额", "绩效目标", "一级指标", "三级指标", "指标值"],
        [None, "合计", "417.41", None, None, None, None],
        ["126001", "长沙市信访局", "417.41", None, None, None, None],
        [
            None,
            " 基层及其他信访业务工作经费专项 ",
            "35.78",
            "保障信访工作",
            "产出指标",
            "件数",
            "≥1",
        ],
        [None, None, None, None, None, "满意度", "≥90%"],
    )
    rows += [
        GridRow(
            20, 23, [None, "基层及其他信访业务工作经费专项", "35.78", "保障", None, None, None]
        ),
        GridRow(21, 23, ["", "人民来访接待中心及特护期运行专项", "10.22", None, None, None, None]),
        GridRow(22, 23, [None, None, "3.00", None, None, None, None]),  # no name: no project
    ]
    unit = "长沙市信访局"
    assert _list(rows) == [
        ("department", None, None, D("417.41"), False, 11, 3),
        ("unit", unit, None, D("417.41"), False, 12, 3),
        ("project", unit, "基层及其他信访业务工作经费专项", D("35.78"), False, 13, 3),
        ("project", unit, "人民来访接待中心及特护期运行专项", D("10.22"), False, 21, 23),
    ]


def test_project_list_keyed_by_number_and_a_page_without_the_frame_column() -> None:
    """重庆市水利局 2026 (cq-slj-2026-budget-dept) p33: 序号 | 项目名称 | 当年财政拨款预算金额 |
    当年绩效目标; 水利行业业务经费 14,299.16 (hand_read.csv). A row with a 序号, a name and an
    amount is a project (only a 单位编码 makes a unit); a page whose grid lacks the header page's
    empty first column (北京 p13's frame column) is read shifted by one; here in 元."""
    rows = grid(
        [None, "序号", "项目名称", "当年财政拨款预算金额", "当年绩效目标"],
        [None, "1", "水利行业业务经费", "142,991,600.00", None],
    )
    rows.append(GridRow(20, 34, ["2", "水资源管理", "10,000.00", "目标"]))
    rows.append(GridRow(21, 34, ["3", "", "10,000.00", "目标"]))
    assert _list(rows, "元") == [
        ("project", None, "水利行业业务经费", D("14299.16"), False, 11, 3),
        ("project", None, "水资源管理", D("1"), False, 20, 34),
    ]


def test_project_list_that_is_no_list_is_none() -> None:
    assert _list(grid(["项目", "金额"], ["甲", "1.00"])) is None  # no 名称 header
    assert _list(grid(["单位名称", "金额"], ["甲", "1.00"])) is None  # no 项目名称
    assert _list(grid(["项目名称", "绩效目标"], ["甲", "1.00"])) is None  # no amount column
    assert (
        _list(grid(["金额", "项目名称", "绩效目标"], ["1.00", "甲", "目标"])) is None
    )  # left of it
    assert _list(grid(["项目名称", "合计"], [None, "1.00"], ["合计", "1.00"])) is None  # no project


def test_project_list_a_unit_only_under_a_unit_code_column() -> None:
    rows = grid(
        ["单位编码", "项目名称", "金额", "绩效目标"],
        ["126001", "长沙市信访局", "5.00", None],
        ["126001", "信访专项", "5.00", "目标"],
        [None, "合计", "5.00", None],
    )
    assert _list(rows) == [
        ("unit", "长沙市信访局", None, D("5.00"), False, 11, 3),
        ("project", "长沙市信访局", "信访专项", D("5.00"), False, 12, 3),
        ("department", None, None, D("5.00"), False, 13, 3),
    ]
    rows[0].cells[0] = "单位代码"  # not 单位编码: each row with a name is a project
    assert [g[0] for g in _list(rows)] == ["project", "project", "department"]


def test_final_summary_without_its_row_numbers_row_by_row() -> None:
    """国家信访局 2024 决算 p7 (公开01表, NOTES.md table 1): 收入 (项目, 行次, 金额) |
    支出 (项目, 行次, 金额) and a 栏次 row; amounts made for the case. Every row whole: a
    行次 column left in would be read as an amount column of its own (行次 1 as 1.00 万元),
    where a 金额 is blank too."""
    rows = grid(
        ["收入", None, None, "支出", None, None],
        ["项目", "行次", "金额", "项目", "行次", "金额"],
        ["栏次", "", "1", "栏次", "", "2"],
        ["一、财政拨款收入", "1", "10.00", "一、一般公共服务支出", "32", ""],
        ["二、其他收入", "2", "", "二、教育支出", "33", "8.00"],
        ["本年收入合计", "27", "10.00", "本年支出合计", "58", "8.00"],
    )
    rows.append(GridRow(16, 4, ["总计", "31", "10.00", "总计", "62", "8.00"], grid=1))
    from budgetlens.grid_final import read_summary_final

    got = read_summary_final(table("summary_final", "收入支出决算总表"), rows)
    assert [
        (
            r["side"],
            r["seq"],
            r["item"],
            r["column_group"],
            r["amount_wan"],
            r["source_line"],
            r["source_page"],
        )
        for r in got
    ] == [
        ("收入", 1, "财政拨款收入", "金额", D("10.00"), 13, 3),
        ("支出", 1, "教育支出", "金额", D("8.00"), 14, 3),
        ("收入", 2, "本年收入合计", "金额", D("10.00"), 15, 3),
        ("支出", 2, "本年支出合计", "金额", D("8.00"), 15, 3),
        ("收入", 3, "总计", "金额", D("10.00"), 16, 4),
        ("支出", 3, "总计", "金额", D("8.00"), 16, 4),
    ]


def test_final_panels_right_of_a_blank_column_and_a_label_left_of_them() -> None:
    """The panels start at column 1 (column 0 blank but for the totals' first label): a label
    left of every panel belongs to the first; amounts printed without decimals (120, a 3-digit
    number like a code) are amounts, the panels being found by the header's 代码."""
    from budgetlens.grid_final import read_economic_panels

    rows = grid(
        [None, "人员经费", None, None, "公用经费"],  # a header row shorter than the table
        [None, "科目编码", "科目名称", "决算数", "科目代码", "科目名称", "决算数"],
        [None, "30101", "基本工资", "120", None, None, None],
        [None, "30102", "津贴补贴", "3.00"],  # a row ending before the second panel
        [None, "30103", "奖金", "1.00", "30201", "办公费", "2.00", " "],  # a blank cell beyond
        ["人员经费合计", None, None, "124.00", "公用经费合计", None, "2.00"],
    )
    got = read_economic_panels(table("economic_panels", "基本支出决算表"), rows)
    assert [(r["code"], r["dept_class"], r["personnel"], r["public"]) for r in got] == [
        ("30101", "基本工资", D("120"), None),
        ("30102", "津贴补贴", D("3.00"), None),
        ("30103", "奖金", D("1.00"), None),
        ("30201", "办公费", None, D("2.00")),
        (None, "人员经费合计", D("124.00"), None),
        (None, "公用经费合计", None, D("2.00")),
    ]


def test_final_panels_found_by_their_codes_in_rows_ending_in_a_code() -> None:
    """No header says 代码: the panels start where the codes stand, column 0 whatever the row's
    last cell holds; a panel cut short after its code (or its name) has no name (or no
    amount)."""
    from budgetlens.grid_final import read_economic_panels

    rows = grid(
        ["科目", "名称", "金额", "科目", "名称"],
        ["30101", "基本工资", "5.00", "30201"],
        ["30102", "津贴补贴", "3.00", "30202", "印刷费", "31002"],
    )
    got = read_economic_panels(table("economic_panels", "基本支出决算表"), rows)
    assert [(r["code"], r["dept_class"], r["total"]) for r in got] == [
        ("30101", "基本工资", D("5.00")),
        ("30102", "津贴补贴", D("3.00")),
        ("30201", "", None),
        ("30202", "印刷费", None),
        ("31002", "", None),
    ]
    from budgetlens.errors import IngestError

    with pytest.raises(IngestError, match="expected rows with 经济分类 codes"):
        read_economic_panels(table("economic_panels", "基本支出决算表"), [])


def test_final_empty_note_words_that_say_so() -> None:
    """A note says its table is empty by one of the markers (无数据, 为空, 没有, 无政府性基金 …)
    and names the table (本表, 此表) or is a 注; a 注 is joined over its lines as a 说明 is."""
    from budgetlens.grid_final import empty_note

    assert empty_note(_items("注：本表金额单位为万元。"), 0, 1) is None  # no marker
    assert empty_note(_items("说明：此表无数据。"), 0, 1) == ("说明：此表无数据。", 0)
    assert empty_note(_items("注：无政府性基金收支。"), 0, 1) == ("注：无政府性基金收支。", 0)
    assert empty_note(_items("无政府性基金收支。"), 0, 1) is None  # neither 本表, 此表 nor 注
    assert empty_note(_items("注：本部门没有政府性基金收入，", "故为空。"), 0, 2) == (
        "注：本部门没有政府性基金收入，故为空。",
        0,
    )


def test_final_three_public_a_car_item_without_its_parts_and_no_rows() -> None:
    """公务用车购置及运行维护费 with 预算数 | 决算数 right under it (no 小计 | 购置费 | 运行维护费
    columns) is the item as a whole; a table without rows gives none."""
    rows = grid(
        ["公务用车购置及运行维护费", None, "公务用车运行维护费", None],
        ["预算数", "决算数", "预算数", "决算数"],
        ["3.00", "2.00", "1.00", "0.50"],
    )
    B, A = "three_public_budget", "three_public"
    assert [(k, label, total) for k, label, total, *_ in _three(rows)] == [
        (B, CAR, D("3.00")),
        (A, CAR, D("2.00")),
        (B, RUN, D("1.00")),
        (A, RUN, D("0.50")),
    ]
    assert _three([]) == []


def test_final_panel_totals_row_an_amount_before_any_label_and_a_bad_total() -> None:
    from budgetlens.errors import IngestError
    from budgetlens.grid_final import read_economic_panels

    rows = grid(*GJXFJ_P12)
    rows[6].cells[:3] = ["1.00", "人员经费合计", "7,967.72"]  # 1.00: no label yet, not read
    got = read_economic_panels(table("economic_panels", "基本支出决算表"), rows)
    assert [(r["dept_class"], r["total"]) for r in got if r["row_kind"] == "subtotal"] == [
        ("人员经费合计", D("7967.72")),
        ("公用经费合计", D("2266.65")),
    ]
    rows[6].cells[2] = "7,967．72"  # a full-width point: an amount to the reader, refused
    with pytest.raises(IngestError) as e:
        read_economic_panels(table("economic_panels", "基本支出决算表"), rows)
    assert str(e.value) == (
        "x.pdf page 3:16: table 基本支出决算表: expected a number in column 人员经费合计: "
        "found '7,967．72'"
    )


def test_final_summary_column_numbers_without_the_word_are_no_row() -> None:
    """A 栏次 row printed as the column numbers alone (1 | 2, no 栏次) is no item: it was read as
    a row 金额 of 1.00 and 2.00 万元."""
    from budgetlens.grid_final import read_summary_final

    rows = grid(
        ["收入", None, None, "支出", None, None],
        ["项目", "行次", "金额", "项目", "行次", "金额"],
        ["", "", "1", "", "", "2"],
        ["一、财政拨款收入", "1", "10.00", "一、一般公共服务支出", "32", "3.00"],
    )
    got = read_summary_final(table("summary_final", "收入支出决算总表"), rows)
    assert [(r["side"], r["seq"], r["item"], r["amount_wan"], r["source_line"]) for r in got] == [
        ("收入", 1, "财政拨款收入", D("10.00"), 13),
        ("支出", 1, "一般公共服务支出", D("3.00"), 13),
    ]


def test_final_three_public_a_column_under_an_item_alone_beside_actuals() -> None:
    """Where the header says 决算数 over some columns, a column under its item alone is not
    taken as 决算数 (only a header saying neither word anywhere is read so)."""
    rows = grid(["因公出国（境）费", "公务接待费"], ["决算数", ""], ["1.00", "2.00"])
    assert _three(rows) == [
        ("three_public", "因公出国（境）费", D("1.00"), 12, 3),
        (
            "column 2 holds 2.00 under 公务接待费: no “三公” item with 预算数 or 决算数, not read",
            12,
        ),
    ]


# --- narrative_final: what a 决算's 说明 says of each 项 -----------------------------------------

# the function table's rows the 项 codes are looked up in (一般公共预算 first: the first name of a
# code wins); 2010101 行政运行 comes before 2013901 行政运行, told apart by the 款's name
FUNCTION_ROWS = [
    {"code": "201", "name": "一般公共服务支出", "level": 1},
    {"code": "20101", "name": "人大事务", "level": 2},
    {"code": "2010101", "name": "行政运行", "level": 3},
    {"code": "20139", "name": "社会工作事务", "level": 2},
    {"code": "2013901", "name": "行政运行", "level": 3},
    {"code": "2013901", "name": "另一个名称", "level": 3},
    {"code": "208", "name": "社会保障和就业支出", "level": 1},
    {"code": "20805", "name": "行政事业单位养老支出", "level": 2},
    {"code": "2080505", "name": "机关事业单位基本养老保险缴费支出", "level": 3},
    {"code": "212", "name": "城乡社区", "level": 1},
    {"code": "21299", "name": "其他城乡社区事务", "level": 2},
    {"code": "2129999", "name": "其他城乡社区支出", "level": 3},
    {"code": None, "name": "合计", "level": 0},
]
NOTE_KEYS = (
    "seq",
    "code",
    "class_name",
    "kuan_name",
    "item_name",
    "year_start_budget_wan",
    "full_year_budget_wan",
    "actual_wan",
    "stated_rate",
    "rate_of",
    "reason",
    "source_line",
)


def test_final_narrative_items_of_a_final_s_text() -> None:
    """The sentences of 上海市普陀区委社会工作部 2024 决算 pp18–19 (tests/test_corpus_final.py:
    合计 年初预算 0, 全年预算 321.02, 支出决算 307.82, 95.89% of 年初预算; 行政运行 52.00 / 51.32,
    98.69%, 人员变动引起实际支出低于预算; 11.31 持平), the rest made for the case: a table row
    (tabs) and a page number among the lines, a figure wrapped over a page, full-width digits,
    a heading ending an item, a rate of 预算 (of 年初), an item without a 支出决算 (not read)."""
    from budgetlens.narrative_final import execution_notes

    lines = [
        "一般公共预算财政拨款支出年初预算为0万元，全年预算为321.02万元，",
        "支出决算为307.82万元，完成年初预算的95.89%。",
        "项目\t决算数",
        "1、一般公共服务支出（类）社会工作事务（款）行政运行（项）。主要用于：机构运行。全年预算为",
        "12",
        "52.00万元，支出决算为51.32 万元，完成全年预算数的98.69%。决算数小于全年预算数的主要原因：",
        "人员变动引起实际支出低于预算。",
        "2、社会保障和就业（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）。"
        "全年预算为１１.31万元，支出决算为１１．31万元，决算数与全年预算数持平。",
        "二、本部门政府性基金预算财政拨款支出完成预算的0%。",
        "3、城乡社区支出（类）其他城乡社区支出（款）其他城乡社区支出（项）。",
        "年初预算为1,005.00万元，支出决算为4.00万元，完成预算的80%。主要原因为项目调整。",
        "4、教育（类）普通教育（款）小学教育（项）。本年无此项支出。",
    ]
    got = [tuple(r[k] for k in NOTE_KEYS) for r in execution_notes(lines, FUNCTION_ROWS)]
    assert got == [
        (1, None, "", "", "合计", D("0"), D("321.02"), D("307.82"), D("95.89"), "年初", None, 1),
        (
            2,
            "2013901",
            "一般公共服务支出",
            "社会工作事务",
            "行政运行",
            None,
            D("52.00"),
            D("51.32"),
            D("98.69"),
            "全年",
            "人员变动引起实际支出低于预算",
            4,
        ),
        (
            3,
            "2080505",
            "社会保障和就业",
            "行政事业单位养老支出",
            "机关事业单位基本养老保险缴费支出",
            None,
            D("11.31"),
            D("11.31"),
            None,
            None,
            "持平",
            8,
        ),
        (
            4,
            "2129999",
            "城乡社区支出",
            "其他城乡社区支出",
            "其他城乡社区支出",
            D("1005.00"),
            None,
            D("4.00"),
            D("80"),
            "年初",
            "项目调整",
            10,
        ),
    ]


def test_final_narrative_without_a_statement_of_the_whole_first() -> None:
    """The statement of the whole is read only before the first 项; a 项 whose names match no
    code of the function table gets none; text without any 项 gives nothing."""
    from budgetlens.narrative_final import execution_notes

    lines = [
        "1.一般公共服务支出(类)人大事务(款)代表工作(项)支出决算为1.00万元。",
        "（二）一般公共预算财政拨款支出年初预算为2.00万元，支出决算为1.00万元。",
    ]
    got = [tuple(r[k] for k in NOTE_KEYS) for r in execution_notes(lines, FUNCTION_ROWS)]
    assert got == [
        (
            1,
            None,
            "一般公共服务支出",
            "人大事务",
            "代表工作",
            None,
            None,
            D("1.00"),
            None,
            None,
            None,
            1,
        ),
    ]
    assert execution_notes(lines[1:], FUNCTION_ROWS) == []
    assert execution_notes([], []) == []
    # the statement of the whole without its 支出决算 gives no 合计 row
    lines = ["一般公共预算财政拨款支出全年预算为2.00万元。", lines[0]]
    assert [r["item_name"] for r in execution_notes(lines, FUNCTION_ROWS)] == ["代表工作"]


PROCUREMENT_HEADER = [
    "单位编码",
    "采购品目大类",
    "专项名称",
    "经济科目",
    "采购物品名称",
    "采购组织形式",
    "数量",
    "总计",
]


def _row8(unit_code=None, category=None, project=None, economic=None, item=None, method=None):
    return [unit_code, category, project, economic, item, method]


def test_procurement_what_each_row_carries_to_the_rows_below() -> None:
    """A unit's row starts its unit afresh (no 专项, 经济科目 or item of the unit above); a
    category's row its category; a 专项 row (or a 经济科目 row alone) is a group under which
    the items fall; a 合计 row ends everything; a figure in 数量 is no label."""
    rows = grid(
        PROCUREMENT_HEADER,
        [*_row8("301001", None, "单位甲"), None, "10.00"],
        [*_row8(None, "货物", None), None, "10.00"],
        [*_row8(None, None, "专项一", "办公设备购置"), None, "10.00"],
        [*_row8(None, None, None, "印刷费"), None, "2.00"],
        [*_row8(None, None, None, None, "打印机", "公开招标"), "3", "8.00"],
        [*_row8("301002", None, "单位乙"), None, "5.00"],
        [*_row8(None, None, None, None, "复印纸", "询价"), None, "5.00"],
        [*_row8(None, "服务", None), None, "1.00"],
        [*_row8(None, None, "专项二"), None, "1.00"],
        [*_row8(None, "合计"), None, "15.00"],
        [*_row8(None, None, None, None, "维修", "询价"), None, "1.00"],
        [*_row8(None, None, None, None, None, None), "2", None],  # 数量 alone: nothing
    )
    got = [(*g[:7], g[7], g[13]) for g in _buy(rows)]
    A, B = "单位甲", "单位乙"
    assert got == [
        ("unit", None, A, None, None, None, None, D("10.00"), 11),
        ("category", "货物", None, None, None, None, None, D("10.00"), 12),
        ("group", "货物", A, "专项一", "办公设备购置", None, None, D("10.00"), 13),
        ("group", "货物", A, "专项一", "印刷费", None, None, D("2.00"), 14),
        ("item", "货物", A, "专项一", "印刷费", "打印机", "公开招标", D("8.00"), 15),
        ("unit", "货物", B, None, None, None, None, D("5.00"), 16),
        ("item", "货物", B, None, None, "复印纸", "询价", D("5.00"), 17),
        ("category", "服务", None, None, None, None, None, D("1.00"), 18),
        ("group", "服务", B, "专项二", None, None, None, D("1.00"), 19),
        ("total", None, None, None, None, None, None, D("15.00"), 20),
        ("item", None, None, None, None, "维修", "询价", D("1.00"), 21),
    ]


def test_procurement_a_method_alone_continues_only_the_item_above() -> None:
    """A row with only a 采购组织形式 (and its amount) is the item above bought another way; after
    a unit's, a category's or the 合计 row there is no item above: the row is refused."""
    from budgetlens.errors import IngestError

    item = [*_row8(None, None, None, None, "打印机", "公开招标"), None, "8.00"]
    again = [*_row8(None, None, None, None, None, "询价"), None, "1.00"]
    assert [g[5:7] for g in _buy(grid(PROCUREMENT_HEADER, item, again))] == [
        ("打印机", "公开招标"),
        ("打印机", "询价"),
    ]
    for between in (
        [*_row8(None, None, "专项一"), None, "8.00"],
        [*_row8("301001", None, "单位甲"), None, "8.00"],
        [*_row8(None, "货物"), None, "8.00"],
        [*_row8(None, "合计"), None, "8.00"],
    ):
        with pytest.raises(IngestError) as e:
            _buy(grid(PROCUREMENT_HEADER, item, between, again))
        assert str(e.value) == (
            "x.pdf page 3:13: table 政府采购预算表: expected a 合计, category, 专项 or item row: "
            "found '询价'"
        )


def test_procurement_cells_that_are_no_label() -> None:
    """Text in a column of no interest (规格, 数量 …) or beyond every header is no label: a row
    with an amount and only such text is refused as 'amounts only'; a bad amount names its
    column."""
    from budgetlens.errors import IngestError

    header = ["采购物品名称", "规格", "金额", None, None, None]
    with pytest.raises(IngestError, match="found 'amounts only'"):
        _buy(grid(header, ["", "A4", "5.00", None, None, "备注"]))
    header[3] = "一般公共预算"
    with pytest.raises(IngestError) as e:
        _buy(grid(header, ["打印机", "A4", "十万", "5.00"]))  # a row of data by its 5.00
    assert str(e.value) == (
        "x.pdf page 3:11: table 政府采购预算表: expected a number in column total: found '十万'"
    )


def test_procurement_a_cell_two_columns_off_is_placed_three_is_not() -> None:
    rows = grid(
        ["采购物品名称", None, None, None, "金额", None, None, None],
        ["打印机", None, "12.00", None, None, None, None, None],
        ["复印纸", None, None, None, None, None, None, "5.00"],
    )
    assert [(g[5], g[7]) for g in _buy(rows)] == [("打印机", D("12.00")), ("复印纸", None)]


def test_procurement_a_new_project_drops_the_economic_subject_above() -> None:
    from budgetlens.errors import IngestError

    rows = grid(
        PROCUREMENT_HEADER,
        [*_row8(None, None, "专项一", "办公设备购置"), None, "10.00"],
        [*_row8(None, None, "专项二"), None, "1.00"],
        [*_row8(None, None, None, None, "维修", "询价"), None, "1.00"],
    )
    assert [g[3:6] for g in _buy(rows)] == [
        ("专项一", "办公设备购置", None),
        ("专项二", None, None),
        ("专项二", None, "维修"),
    ]
    # a 合计 printed in the 专项 column is no unit's name
    rows.append(GridRow(14, 3, [*_row8(None, None, "合计"), None, "11.00"]))
    assert _buy(rows)[-1][:5] == ("total", None, None, None, None)
    header = ["采购物品名称", "采购组织形式", "单位名称", "金额"]
    with pytest.raises(IngestError, match=r"found '询价 \| 单位甲'"):
        _buy(grid(header, [None, "询价", "单位甲", "1.00"]))


# --- grid_performance: the 绩效目标表 -------------------------------------------------------------


def _perf(rows, title: str = "项目支出绩效目标表", unit: str | None = "万元") -> list[dict]:
    from budgetlens.grid_performance import read_performance

    return read_performance(table("performance", title, unit), rows)


def test_performance_a_project_form() -> None:
    """One form per project (福州, 烟台, 西安 print it so): its name, 主管部门 with its code,
    实施单位, the funds in 万元 (kept in 元), the goal, the indicators with their merged 一级/二级
    cells blank below their first row; a 备注 row ends the indicators; made for the case."""
    rows = grid(
        ["项目名称", "信访专项", None, None],
        ["主管部门及代码", "108-某某局", "实施单位", "某某局机关"],
        ["项目资金（万元）", "资金总额", "12.50", None],
        [None, "其中：财政拨款", "10.00", None],
        [None, "其他资金", "2.50", None],
        ["年度目标", "办好信访", None, None],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "接待人次", "≥3000人次"],
        [None, None, "答复率", "≥95%"],
        [None, "时效指标", "按期办结率", "100%"],
        ["满意度指标", "服务对象满意度指标", "群众满意率", "≥90%"],
        ["备注", "无", None, None],
    )
    got = _perf(rows)
    table_row, *rest = got
    assert table_row == {
        "_target": "performance_table",
        "project": "信访专项",
        "is_department": False,
        "supervisor": "108-某某局",
        "supervisor_code": "108",
        "implementing_unit": "某某局机关",
        "goal_annual": "办好信访",
        "source_line": 10,
    }
    funds = [(r["source"], r["label"], r["amount_yuan"], r["period"]) for r in rest[:3]]
    assert funds == [
        ("total", "资金总额", D("125000"), "年度"),
        ("fiscal_appropriation", "其中：财政拨款", D("100000"), "年度"),
        ("other", "其他资金", D("25000"), "年度"),
    ]
    indicators = [
        (r["seq"], r["level1"], r["level2_raw"], r["name"], r["target_raw"], r["source_line"])
        for r in rest[3:]
    ]
    assert indicators == [
        (1, "产出指标", "数量指标", "接待人次", "≥3000人次", 17),
        (2, "产出指标", "数量指标", "答复率", "≥95%", 18),
        (3, "产出指标", "时效指标", "按期办结率", "100%", 19),
        (4, "满意度指标", "服务对象满意度指标", "群众满意率", "≥90%", 20),
    ]


def test_performance_levels_and_targets_in_one_cell() -> None:
    """北京市信访办公室 2026 (bj-xfb-2026-budget-dept) p17, 预算13表, as
    tests/test_performance_department.py reads it: 一级, 二级 and 三级 in one 绩效指标 cell
    (产出指标质量指标来信扫描完成率), the target 指标性质 + 指标值 + 度量单位 (＝100%), a 定性
    one its value alone (优)."""
    from budgetlens.grid_performance import _split_levels, _target_text

    assert _split_levels("产出指标质量指标来信扫描完成率") == (
        "产出指标",
        "质量指标",
        "来信扫描完成率",
    )
    assert _split_levels("效益指标社会效益指标保障接访工作的运转") == (
        "效益指标",
        "社会效益指标",
        "保障接访工作的运转",
    )
    assert _split_levels("来信扫描完成率") == ("", "", "来信扫描完成率")
    assert _target_text("＝", "100", "%") == "＝100%"
    assert _target_text("≤", "5", "分钟") == "≤5分钟"
    assert _target_text("定性", "优", "") == "优"
    assert _target_text("", "优", "") == "优"
    assert _target_text("≥", " ", "%") == ""


def test_procurement_an_item_s_own_subject_and_what_only_items_carry() -> None:
    """An item row's own 经济科目 wins over its group's; a 采购组织形式 is an item's only (a group
    row's is not kept); a 合计 printed in the 经济科目 column is no subject."""
    rows = grid(
        PROCUREMENT_HEADER,
        [*_row8(None, None, "专项一", "办公设备购置", None, "询价"), None, "10.00"],
        [*_row8(None, None, None, "印刷费", "复印纸", "询价"), None, "1.00"],
        [*_row8(None, None, None, "合计"), None, "10.00"],
    )
    assert [(g[0], g[3], g[4], g[5], g[6]) for g in _buy(rows)] == [
        ("group", "专项一", "办公设备购置", None, None),
        ("item", "专项一", "印刷费", "复印纸", "询价"),
        ("total", None, None, None, None),
    ]


def test_procurement_roles_of_header_cells() -> None:
    """What a column holds by its header: 江苏 2019 prints only the 类 of 采购品目大类; 重庆's 项目
    is the category's name; 款/项 and headers of no interest (备注) are skipped; a header split
    over two rows is read joined."""
    from budgetlens.grid_procurement import _role

    assert [_role(h) for h in ("类", "项目", "款", "项", "备注", "", "采购品目大类")] == [
        "category",
        "label",
        "skip",
        "skip",
        "skip",
        None,
        "category",
    ]
    rows = grid(["采购品目", "采购物品", "金额", "备注"], ["大类", "名称", None, None])
    rows += grid(["货物", "打印机", "5.00", "无"])
    got = _buy(rows)
    assert [(g[0], g[1], g[5], g[7]) for g in got] == [("category", "货物", None, D("5.00"))]
    from budgetlens.errors import IngestError

    with pytest.raises(IngestError, match="found 'amounts only'"):
        _buy(grid(["采购物品名称", "金额", "备注"], [None, "5.00", "无"]))


def test_procurement_a_total_or_a_category_ends_the_project_and_subject_above() -> None:
    rows = grid(
        PROCUREMENT_HEADER,
        [*_row8(None, None, "专项一", "办公设备购置"), None, "10.00"],
        [*_row8(None, None, None, "合计"), None, "10.00"],
        [*_row8(None, None, None, None, "复印纸", "询价"), None, "1.00"],
        [*_row8(None, None, "专项二", "印刷费"), None, "2.00"],
        [*_row8(None, "货物"), None, "2.00"],
        [*_row8(None, None, None, None, "打印机", "询价"), None, "2.00"],
    )
    assert [(g[0], g[1], g[3], g[4], g[5]) for g in _buy(rows)] == [
        ("group", None, "专项一", "办公设备购置", None),
        ("total", None, None, None, None),
        ("item", None, None, None, "复印纸"),
        ("group", None, "专项二", "印刷费", None),
        ("category", "货物", None, None, None),
        ("item", "货物", None, None, "打印机"),
    ]


def test_procurement_a_header_alone_on_its_grid_and_a_category_without_amount() -> None:
    """A header on a grid of its own (the rows on the next page's grid) still names the columns,
    though the rows carry 科目 codes; a category printed without an amount is a category row."""
    rows = grid(
        ["科目编码", None, None, "单位编码", "采购项目", "采购目录", "金额"],
        ["类", "款", "项", None, None, None, None],
    )
    rows += [
        GridRow(12, 4, ["207", "01", "99", None, "城市宣传经费", "C2002广播服务", "15.00"], grid=1),
    ]
    got = _buy(rows)
    assert [(g[0], g[3], g[5], g[7], g[13], g[14]) for g in got] == [
        ("item", "城市宣传经费", "C2002广播服务", D("15.00"), 12, 4)
    ]
    rows = grid(["采购类别", "金额"], ["A-货物", None], ["C-服务", "35.65"])
    assert [(g[0], g[1], g[7]) for g in _buy(rows)] == [
        ("category", "货物", None),
        ("category", "服务", D("35.65")),
    ]


def test_procurement_a_continued_page_s_own_header_line() -> None:
    """A continued page whose grid opens with a line naming no label column (单位：万元) keeps the
    first page's columns; a page holding only such a line, in another width, is refused."""
    from budgetlens.errors import IngestError

    rows = grid(["采购物品名称", "金额"], ["打印机", "5.00"])
    rows += [
        GridRow(20, 4, ["单位：万元", None], grid=1),
        GridRow(21, 4, ["复印纸", "1.00"], grid=1),
    ]
    assert [(g[5], g[7], g[13]) for g in _buy(rows)] == [
        ("打印机", D("5.00"), 11),
        ("复印纸", D("1.00"), 21),
    ]
    rows = grid(["采购物品名称", "金额"], ["打印机", "5.00"])
    rows.append(GridRow(20, 4, ["单位：万元"], grid=1))
    with pytest.raises(IngestError) as e:
        _buy(rows)
    assert str(e.value) == (
        "x.pdf page 3: table 政府采购预算表: expected a continued page with the header's 2 "
        "columns: found '1 columns'"
    )
