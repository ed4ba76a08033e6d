"""A 收支预算总表 continued over pages whose grids differ (budgetlens/grid.py ``read_summary``,
budgetlens/pdf.py ``_frame_lines``), on small grids written here, modelled on 江苏省人大常委会
办公厅's 2017 table (pp7–9: 8 columns on p7, two of them covered by merged cells on every row, 6
on p8, 6 again on p9 with two merged away). Every expected figure is the cell given."""

from __future__ import annotations

from decimal import Decimal

from budgetlens.grid import GridRow, _onto_first_grid, _used_columns, read_summary
from budgetlens.layout import Located, TableDecl
from budgetlens.pdf import _frame_lines


def table() -> Located:
    title = "收支预算总表"
    return Located(TableDecl("t", title, "summary", ((title,),)), title, 0, 7, "x.pdf", unit="万元")


# p7: 收入 名称 | 金额 | (merged) | 功能分类 名称 | (merged) | 金额 | 支出用途 名称 | 金额
FIRST = [
    ["收入", None, None, "支出", None, None, None, None],
    ["项目名称", "金额", None, "功能分类", None, None, "支出用途", None],
    [None, None, None, "功能科目名称", None, "金额", "项目名称", "金额"],
    [
        "一、财政拨款",
        "100.00",
        None,
        "一、一般公共服务支出",
        None,
        "70.00",
        "一、基本支出",
        "60.00",
    ],
    ["", "", None, "二、外交支出", None, "", "二、项目支出", "40.00"],
    ["", "", None, "八、社会保障和就", None, "20.00", "", ""],
]
# p8: the merged columns are not drawn: six cells a row
SECOND = [
    ["", "", "业支出", "", "", ""],
    ["", "", "十八、住房保障支出", "10.00", "", ""],
    ["当年收入小计", "100.00", "当年支出小计", None, None, "100.00"],
]


def rows(*grids: list[list]) -> list[GridRow]:
    out, line = [], 100
    for n, g in enumerate(grids):
        for cells in g:
            out.append(GridRow(line, 7 + n, list(cells), n))
            line += 1
    return out


def read(*grids: list[list]) -> dict[tuple[str, str, str], tuple[Decimal, int]]:
    return {
        (r["side"], r["column_group"], r["label"]): (r["amount_wan"], r["source_line"])
        for r in read_summary(table(), rows(*grids))
    }


def test_a_table_continued_on_a_grid_without_the_merged_columns_keeps_its_columns() -> None:
    got = read(FIRST, SECOND)
    d = Decimal
    assert got == {
        ("收入", "金额", "一、财政拨款"): (d("100.00"), 103),
        ("支出", "功能分类", "一、一般公共服务支出"): (d("70.00"), 103),
        ("支出", "支出用途", "一、基本支出"): (d("60.00"), 103),
        ("支出", "支出用途", "二、项目支出"): (d("40.00"), 104),
        # the label wrapped at the page break is joined; its amount stays on p7's line
        ("支出", "功能分类", "八、社会保障和就业支出"): (d("20.00"), 105),
        # p8's cells in p8's columns: the 类 name and its amount, not the amount as a label
        ("支出", "功能分类", "十八、住房保障支出"): (d("10.00"), 107),
        ("收入", "金额", "当年收入小计"): (d("100.00"), 108),
        # a label spanning the 功能分类 columns, its amount in the rightmost column
        ("支出", "支出用途", "当年支出小计"): (d("100.00"), 108),
    }


def test_a_continued_grid_with_merged_cells_of_its_own_is_read_as_drawn() -> None:
    # p9: six columns, two of them merged away: not the six columns p7 uses
    third = [["收入合计", "100.00", None, "支出合计", None, "100.00"]]
    got = read(FIRST, third)
    assert got[("收入", "金额", "收入合计")] == (Decimal("100.00"), 106)
    assert ("支出", "功能分类", "支出合计") in got
    assert not any(label == "100.00" for _, _, label in got)


def test_a_first_grid_without_merged_columns_leaves_the_others_as_drawn() -> None:
    plain = [
        ["收入", None, "支出", None],
        ["项目名称", "金额", "项目名称", "金额"],
        ["一、财政拨款", "100.00", "一、基本支出", "100.00"],
    ]
    narrower = [["收入合计", "100.00", "支出合计"]]
    got = read(plain, narrower)
    assert got[("收入", "金额", "收入合计")] == (Decimal("100.00"), 103)


def test_a_one_row_grid_without_the_merged_column_is_placed_on_the_first_grids_columns() -> None:
    """p7's rows with amounts use columns 0 and 2 of 3 (column 1 merged away); p8's grid of one
    row of two cells goes to columns 0 and 2, keeping its line, page and grid."""
    first = [
        GridRow(10, 7, ["一般公共预算", None, "5.00"], 0),
        GridRow(11, 7, ["政府性基金", None, "1.00"], 0),
    ]
    second = [GridRow(20, 8, ["国有资本经营", "2.00"], 1)]
    assert _onto_first_grid(first + second) == [
        *first,
        GridRow(20, 8, ["国有资本经营", None, "2.00"], 1),
    ]


def test_no_rows_or_a_first_grid_without_amounts_are_left_as_they_are() -> None:
    assert _onto_first_grid([]) == []
    # no column in use on the first grid: nothing to place onto, even a row of no cells
    rows = [GridRow(1, 1, ["收入", "支出"], 0), GridRow(2, 2, [], 1)]
    assert _onto_first_grid(rows) == [GridRow(1, 1, ["收入", "支出"], 0), GridRow(2, 2, [], 1)]


def test_the_columns_in_use_are_those_of_rows_with_amounts() -> None:
    """The header's 备注 (column 4) is on no row with an amount; a shorter row with amounts
    first, then a full one: columns 0–3."""
    rows = [
        GridRow(1, 1, ["项目", "预算数", "项目", "预算数", "备注"]),
        GridRow(2, 1, ["收入合计", None, "5.00"]),
        GridRow(3, 1, ["财政拨款", "1.00", "2.00", "3.00"]),
    ]
    assert _used_columns(rows) == [0, 1, 2, 3]
    assert _used_columns(rows[:1]) == []


def test_a_label_in_a_row_of_drawn_cells_at_the_top_is_content_not_frame() -> None:
    lines, kept = _frame_lines([r for r in SECOND])
    assert lines == []
    assert kept[0] == ["", "", "业支出", "", "", ""]


def test_title_unit_lines_and_a_box_of_text_are_frame() -> None:
    title = ["收支预算总表", None, None, None]
    unit = ["部门：", "江苏省人大常委会办公厅", "", "单位：万元"]
    drawn_title = ["", "财政拨款收支总表", "", ""]
    header = ["项目名称", "金额", "项目名称", "金额"]
    lines, kept = _frame_lines([title, drawn_title, unit, header])
    assert lines == ["收支预算总表", "财政拨款收支总表", "部门： 江苏省人大常委会办公厅 单位：万元"]
    assert kept == [header]
    # 部门：… alone in a row of drawn cells is a frame line too
    lines, kept = _frame_lines([["部门：江苏省", "", ""], header])
    assert lines == ["部门：江苏省"] and kept == [header]
    # a one-column box of text (a 名词解释 drawn in a frame) stays text, line by line
    box = [["一、财政拨款收入：指…"], ["二、事业收入：指…"], ["三、其他收入：指…"]]
    lines, kept = _frame_lines(box)
    assert lines == ["一、财政拨款收入：指…", "二、事业收入：指…"]
    assert kept == [["三、其他收入：指…"]]
