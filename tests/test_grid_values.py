"""The 功能分类 reader (budgetlens/grid.py ``read_function``) and its cell helpers on small grids
written here, every expected figure worked out by hand from the cells given: fast enough for
mutation testing (``tools/mutate_py.py budgetlens/grid.py``)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from budgetlens.errors import IngestError
from budgetlens.grid import GridRow, read_function
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
    assert got == [
        (None, "合计", 0, Decimal("1234.50"), Decimal("1000.00"), Decimal("234.50"), 12),
        ("201", "一般公共服务支出", 1, Decimal("1234.50"), Decimal("1000.00"), Decimal("234.50"), 13),
        ("20103", "政府办公厅", 2, Decimal("1234.50"), Decimal("1000.00"), Decimal("234.50"), 14),
        ("2010301", "行政运行", 3, Decimal("1000.00"), Decimal("1000.00"), None, 15),
    ]


def test_a_cell_of_words_where_an_amount_belongs_is_refused() -> None:
    rows = grid(*HEADER, ["201", None, None, "一般公共服务支出", "十万", "1.00", "2.00"])
    with pytest.raises(IngestError, match="x.pdf page 3") as e:
        read_function(table(), rows)
    assert "十万" in str(e.value) and "total" in str(e.value)
