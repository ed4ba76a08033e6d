"""Number formats of the dashboard: the library's one formatter (:mod:`budgetlens.amounts`).

Amounts in 万元 with thousands separators and two decimals, rounded 四舍五入 with Decimal, the
same as the deck and the workbook; a blank is shown blank (``''``), a published 0 as ``0.00``.
"""

from __future__ import annotations

from budgetlens import amounts

MISSING = amounts.BLANK


def number(value: object, decimals: int = 2) -> str:
    """``1234.5`` → ``'1,234.50'``; a blank (or text that is no number) → ``''``."""
    try:
        return amounts.number(value, decimals)
    except ValueError:
        return MISSING


def wan(value: object) -> str:
    """An amount in 万元, e.g. ``'1,234.50'`` (the unit is given by the label, not appended)."""
    return number(value, 2)


def wan_unit(value: object, unit: str = "万元") -> str:
    """An amount followed by its unit, e.g. ``'1,234.50 万元'``."""
    text = wan(value)
    return text if text == MISSING else f"{text} {unit}"


def signed(value: object, decimals: int = 2) -> str:
    """A change with an explicit sign, e.g. ``'+1,199.63'`` or ``'-2.55'``."""
    try:
        return amounts.signed(value, decimals)
    except ValueError:
        return MISSING


def pct(value: object, decimals: int = 2) -> str:
    """A percentage, e.g. ``'39.11%'``."""
    text = number(value, decimals)
    return text if text == MISSING else f"{text}%"


def yuan(value: object) -> str:
    """An amount in 元, e.g. ``'20,070,000.00'``."""
    return number(value, 2)
