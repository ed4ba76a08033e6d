"""Number formats of the dashboard: 万元 with thousands separators and two decimals."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

MISSING = "—"


def _is_missing(value: object) -> bool:
    """True for None, NaN, pandas NA/NaT; never raises (lists and other objects are not missing)."""
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def number(value: object, decimals: int = 2) -> str:
    """``1234.5`` → ``'1,234.50'``; missing values → ``'—'``."""
    if _is_missing(value):
        return MISSING
    try:
        # Round through Decimal(str(...)) so that 0.125 rounds as written, not as a binary float.
        d = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals))
    except (ArithmeticError, ValueError):
        return MISSING
    return f"{d:,.{decimals}f}"


def wan(value: object) -> str:
    """An amount in 万元, e.g. ``'1,234.50'`` (the unit is given by the label, not appended)."""
    return number(value, 2)


def wan_unit(value: object, unit: str = "万元") -> str:
    """An amount followed by its unit, e.g. ``'1,234.50 万元'``."""
    text = wan(value)
    return text if text == MISSING else f"{text} {unit}"


def signed(value: object, decimals: int = 2) -> str:
    """A change with an explicit sign, e.g. ``'+1,199.63'`` or ``'-2.55'``."""
    text = number(value, decimals)
    if text == MISSING or text.startswith("-"):
        return text
    return f"+{text}"


def pct(value: object, decimals: int = 2) -> str:
    """A percentage, e.g. ``'39.11%'``."""
    text = number(value, decimals)
    return text if text == MISSING else f"{text}%"


def yuan(value: object) -> str:
    """An amount in 元, e.g. ``'20,070,000.00'``."""
    return number(value, 2)
