"""The 功能分类 reader (budgetlens/grid.py ``read_function``) and its cell helpers on small grids
written here, every expected figure worked out by hand from the cells given: fast enough for
mutation testing (``tools/mutate_py.py budgetlens/grid.py``)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from budgetlens.errors import IngestError
from budgetlens.grid import (
    SCALE,
    GridRow,
    Where,
    _first_col,
    _is_figure,
    _is_label,
    _is_total_row,
    _numbering,
    _total_first,
    amount,
    read_function,
)
from budgetlens.layout import Located, TableDecl


def table(unit: str | None = "万元") -> Located:
    title = "一般公共预算支出表"
    return Located(TableDecl("t", title, "function", ((title,),)), title, 0, 3, "x.pdf", unit=unit)


def grid(*rows: list) -> list[GridRow]:
    return [GridRow(10 + k, 3, list(r)) for k, r in enumerate(rows)]


HEADER = (
    ["科目编码", None, None, "科目名称", "合计", "基本支出", "项目支出"],
    ["类", "款", "项", None, None, None, None],
)


def test_codes_levels_and_amounts_of_a_function_table() -> None:
    rows = grid(
        *HEADER,
        [None, None, None, "合计", "1,234.50", "1,000.00", "234.50"],
        ["201", None, None, "一般公共服务支出", "1,234.50", "1,000.00", "234.50"],
        [None, "03", None, "政府办公厅", "1,234.50", "1,000.00", "234.50"],
        [None, None, "01", "行政运行", "1,000.00", "1,000.00", "-"],
    )
    got = [
        (r["code"], r["name"], r["level"], r["total"], r["basic"], r["project"], r["source_line"])
        for r in read_function(table(), rows)
    ]
    d = Decimal
    assert got == [
        (None, "合计", 0, d("1234.50"), d("1000.00"), d("234.50"), 12),
        ("201", "一般公共服务支出", 1, d("1234.50"), d("1000.00"), d("234.50"), 13),
        ("20103", "政府办公厅", 2, d("1234.50"), d("1000.00"), d("234.50"), 14),
        ("2010301", "行政运行", 3, d("1000.00"), d("1000.00"), None, 15),
    ]


def test_a_cell_of_words_where_an_amount_belongs_is_refused() -> None:
    rows = grid(*HEADER, ["201", None, None, "一般公共服务支出", "十万", "1.00", "2.00"])
    with pytest.raises(IngestError) as e:
        read_function(table(), rows)
    text = str(e.value)
    assert "x.pdf page 3" in text and "十万" in text and "a number in column total" in text


def where(unit: str | None = "万元") -> tuple[Where, GridRow]:
    return Where(table(unit)), GridRow(21, 4, ["x"])


@pytest.mark.parametrize("cell", [None, "", " ", "\n", "\t-", "-", "—", "－", "/", " / "])
def test_a_blank_or_dash_cell_is_no_amount(cell) -> None:
    w, r = where()
    assert amount(cell, w, r, "total", Decimal(1)) is None


@pytest.mark.parametrize(
    ("cell", "unit", "expected"),
    [
        ("1,234.50", "万元", Decimal("1234.50")),
        ("1 234.50", "万元", Decimal("1234.50")),  # a thousands gap read as a space
        (" 12.00\n", "万元", Decimal("12.00")),
        ("-3.20", "万元", Decimal("-3.20")),
        ("12,345.00", "元", Decimal("1.2345")),  # 12,345.00 元 = 1.2345 万元
        ("12.5", "千元", Decimal("1.25")),  # 12.5 千元 = 1.25 万元
    ],
)
def test_an_amount_is_converted_exactly_to_wan(cell, unit, expected) -> None:
    w, r = where(unit)
    assert amount(cell, w, r, "total", SCALE[unit]) == expected


def test_an_amount_in_yuan_in_a_function_table_is_read_as_wan() -> None:
    rows = grid(*HEADER, ["201", None, None, "一般公共服务支出", "20,070,000", "70,000.00", "-"])
    (row,) = read_function(table("元"), rows)
    assert (row["total"], row["basic"], row["project"]) == (Decimal("2007"), Decimal("7"), None)


@pytest.mark.parametrize("cell", ["十万", "1.2.3", "12%", "1,23"])
def test_a_cell_that_is_no_number_names_file_page_line_table_and_column(cell) -> None:
    w, r = where()
    with pytest.raises(IngestError) as e:
        amount(cell, w, r, "basic", Decimal(1))
    text = str(e.value)
    assert "x.pdf page 4" in text and "21" in text and "一般公共预算支出表" in text
    assert "a number in column basic" in text and cell in text


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (["栏次", "1", "2"], True),
        (["1", "2", "3", "4", "10", "11"], True),
        (["**", "*", "***"], True),
        (["A", "B", "C", None], True),
        ([None, "栏次", None, "1", "2"], True),
        (["1", "2"], False),  # two cells: too few to be a numbering row
        (["1", "2", "100"], False),  # three digits: an amount, not a column number
        (["1", "2", "合计"], False),
        (["AB", "1", "2"], False),
        (["201", "03", "01"], False),  # a 科目 code
    ],
)
def test_the_numbering_row_under_a_header(cells, expected) -> None:
    assert _numbering(GridRow(1, 1, cells)) is expected


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (["合计", "1.00", "5%"], True),
        ([None, "总计：", "1.00", None], True),
        (["部门合计"], True),
        (["合计", "1.00", "基本支出"], False),  # words after the label: a header
        (["合计", "基本支出", "1.00"], False),  # words right after the label, too
        (["总计", "基本支出", "项目支出"], False),
        (["1.00", "合计"], False),  # the label is not the first filled cell
        (["合", "1.00"], False),
        ([None, None], False),
    ],
)
def test_a_row_starting_with_a_total_label(cells, expected) -> None:
    assert _total_first(GridRow(1, 1, cells)) is expected


@pytest.mark.parametrize(
    ("cells", "upto", "expected"),
    [
        (["合计", None, "1.00", "2.00"], 0, True),
        ([None, "合计", "1.00"], 1, True),
        ([None, "合计", "1.00"], 0, False),  # the label stands right of the label cells
        (["合计", "201", "1.00", "-3.5%"], 1, True),  # a code and figures beside it
        (["合计", "总计", "1.00"], 1, True),
        (["合计", "一般公共服务支出", "1.00"], 1, False),  # a name: no 合计 row
        (["合计", "1.00", "基本支出"], 0, False),
        (["小计", "1.00"], 0, False),  # 小计 is no total label of a function table
    ],
)
def test_a_total_row_among_the_label_cells(cells, upto, expected) -> None:
    assert _is_total_row(GridRow(1, 1, cells), upto) is expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("1,234.50", True), ("0", True), ("12.5%", True), ("-3%", True), ("5 %", False), ("%", False)],
)
def test_a_figure_is_an_amount_or_a_percentage(cell, expected) -> None:
    assert _is_figure(cell) is expected


def test_code_columns_headed_by_class_words_alone() -> None:
    """类 | 款 | 项 with no 科目编码 over them: each is a code column (款 and 项 two digits)."""
    rows = grid(
        ["类", "款", "项", "科目名称", "合计"],
        ["208", None, None, "社会保障和就业支出", "30.00"],
        [None, "05", None, "行政事业单位养老支出", "30.00"],
        [None, None, "05", "机关事业单位基本养老保险缴费支出", "30.00"],
    )
    got = [(r["code"], r["level"], r["total"]) for r in read_function(table(), rows)]
    assert got == [
        ("208", 1, Decimal("30.00")),
        ("20805", 2, Decimal("30.00")),
        ("2080505", 3, Decimal("30.00")),
    ]


def test_a_table_continued_on_a_narrower_grid_without_its_header() -> None:
    """The second page's grid drops the three code columns for one merged code column and
    repeats no header: its amounts mean what the first page's header said, left to right."""
    first = grid(
        *HEADER,
        ["201", None, None, "一般公共服务支出", "9.00", "6.00", "3.00"],
    )
    second = [
        GridRow(20, 4, ["2010301", "行政运行", "6.00", "6.00", "-"], grid=1),
        GridRow(21, 4, ["2010350", "事业运行", "3.00", "-", "3.00"], grid=1),
    ]
    got = [
        (r["code"], r["total"], r["basic"], r["project"], r["source_page"])
        for r in read_function(table(), first + second)
    ]
    assert got == [
        ("201", Decimal("9.00"), Decimal("6.00"), Decimal("3.00"), 3),
        ("2010301", Decimal("6.00"), Decimal("6.00"), None, 4),
        ("2010350", Decimal("3.00"), None, Decimal("3.00"), 4),
    ]


def test_a_header_naming_neither_the_code_nor_the_name_column() -> None:
    """No 科目编码/类 and no 名称 in the header: the codes are the column holding codes, the
    name the next column."""
    rows = grid(
        ["功能分类", None, "合计", "基本支出"],
        ["201", "一般公共服务支出", "5.00", "5.00"],
        ["2010301", "行政运行", "5.00", "5.00"],
    )
    got = [
        (r["code"], r["name"], r["level"], r["total"], r["basic"])
        for r in read_function(table(), rows)
    ]
    assert got == [
        ("201", "一般公共服务支出", 1, Decimal("5.00"), Decimal("5.00")),
        ("2010301", "行政运行", 3, Decimal("5.00"), Decimal("5.00")),
    ]


def test_the_name_column_is_the_one_headed_by_its_name() -> None:
    """A 序号 column of words left of the codes is no name column."""
    rows = grid(
        ["序号", "科目编码", "科目名称", "合计"],
        ["一", "201", "一般公共服务支出", "5.00"],
        ["二", "205", "教育支出", "2.50"],
    )
    got = [(r["code"], r["name"], r["total"]) for r in read_function(table(), rows)]
    assert got == [
        ("201", "一般公共服务支出", Decimal("5.00")),
        ("205", "教育支出", Decimal("2.50")),
    ]


def test_a_total_row_drawn_as_a_narrower_grid_of_its_own() -> None:
    """The 合计 row under the body, ruled as a grid of four cells: still the table's 合计 (a
    blank row before it is left out)."""
    rows = [
        *grid(*HEADER, ["201", None, None, "一般公共服务支出", "9.00", "6.00", "3.00"]),
        GridRow(13, 3, [None] * 7),
        GridRow(14, 3, ["合计", "9.00", "6.00", "3.00"], grid=2),
    ]
    got = [
        (r["code"], r["level"], r["total"], r["basic"], r["project"])
        for r in read_function(table(), rows)
    ]
    assert got == [
        ("201", 1, Decimal("9.00"), Decimal("6.00"), Decimal("3.00")),
        (None, 0, Decimal("9.00"), Decimal("6.00"), Decimal("3.00")),
    ]


def test_names_printed_left_of_the_codes_under_no_code_header() -> None:
    """科目名称 | 科目 | 合计, the names first and no 科目编码/类 over the codes: the codes are the
    first column whose cells are codes (column 1, not column 0), the name column the one headed
    名称 (a blank row of one merged cell under the body is left out)."""
    rows = grid(
        ["科目名称", "科目", "合计"],
        ["一般公共服务支出", "201", "5.00"],
        ["行政运行", "2010301", "5.00"],
        [None],
    )
    got = [(r["code"], r["name"], r["level"], r["total"]) for r in read_function(table(), rows)]
    assert got == [
        ("201", "一般公共服务支出", 1, Decimal("5.00")),
        ("2010301", "行政运行", 3, Decimal("5.00")),
    ]


def test_a_caption_with_an_amount_word_over_the_name_column_names_no_amount_column() -> None:
    """A caption 2024年预算数 merged from the name column rightwards over 合计 | 基本支出, no
    header over the codes, one 科目 row: the codes are column 0 (the column holding a code, one
    row of it is enough), the name column 1, and only the columns right of it hold amounts."""
    rows = grid(
        [None, "2024年预算数", None, None],
        [None, None, "合计", "基本支出"],
        ["201", "一般公共服务支出", "5.00", "4.00"],
    )
    got = [
        (r["code"], r["name"], r["level"], r["total"], r["basic"])
        for r in read_function(table(), rows)
    ]
    assert got == [("201", "一般公共服务支出", 1, Decimal("5.00"), Decimal("4.00"))]


def test_a_table_printing_only_its_total_row_reads_that_row() -> None:
    """No 科目 code anywhere (an empty table printing 合计 0.00): the 合计 row alone."""
    rows = grid(["项目", "合计"], ["合计", "0.00"])
    got = [(r["code"], r["name"], r["level"], r["total"]) for r in read_function(table(), rows)]
    assert got == [(None, "合计", 0, Decimal("0.00"))]


def test_a_grid_of_codes_alone_is_refused_for_want_of_amount_columns() -> None:
    """One column of codes, no header: every column is a code column, none holds amounts."""
    rows = grid(["201"], ["205"])
    with pytest.raises(IngestError) as e:
        read_function(table(), rows)
    text = str(e.value)
    assert "x.pdf page 3" in text and "a header naming the amount columns" in text
    assert "no header" in text


def test_a_continued_grid_headed_by_code_columns_only_is_refused() -> None:
    """The second page repeats a header of 类 | 款 over its two columns: the header says both
    hold codes, so the page has no amount column, though the first page gave 合计."""
    first = grid(["科目编码", "科目名称", "合计"], ["201", "一般公共服务支出", "5.00"])
    second = [
        GridRow(20, 4, ["类", "款"], grid=1),
        GridRow(21, 4, ["205", "5.00"], grid=1),
    ]
    with pytest.raises(IngestError) as e:
        read_function(table(), first + second)
    text = str(e.value)
    assert "x.pdf page 4" in text and "a header naming the amount columns" in text
    assert "类 款" in text


@pytest.mark.parametrize(
    ("k", "cells", "expected"),
    [
        (1, [None, "201", "一般公共服务支出", "5.00"], True),  # the first filled cell, a code
        (0, ["2010301", None, "5.00"], True),
        (1, ["合计", "500", "5.00"], False),  # a code-like amount after the label
        (2, [None, "一般公共服务支出", "20103"], False),
        (0, ["5.00", "201"], False),  # first, but no code
        (0, ["1234", "201"], False),  # four digits: no 科目 code
    ],
)
def test_a_label_is_the_first_filled_cell_when_it_is_a_code(k, cells, expected) -> None:
    assert _is_label(cells[k], cells) is expected


def test_where_a_meaning_stood_left_to_right() -> None:
    """The index of a meaning in the first row read that holds it; 99 when none does."""
    rows = [
        {"code": None, "name": "合计", "total": 1},
        {"code": "201", "name": "x", "basic": 1, "total": 1, "project": 2},
    ]
    assert [_first_col(rows, k) for k in ("total", "basic", "project", "personnel")] == [
        2,
        2,
        4,
        99,
    ]
