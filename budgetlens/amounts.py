"""The one amount formatter of pages, deck and workbook: numbers as a finance officer writes them.

Amounts are rounded 四舍五入 (half up, away from zero on a 5) with :class:`decimal.Decimal`, the
way the documents round, never through a binary float: ``0.125`` becomes ``0.13`` and
``2.675`` becomes ``2.68``. Thousands are separated with commas (``1,234.50``). A blank — None,
NaN, pandas NA, an empty string — is shown as an empty string (:data:`BLANK`), never as None,
nan or a dash; a published 0 stays ``0.00``.

This module never imports streamlit or pandas (a pandas NA is recognised by duck typing).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

BLANK = ""
HUNDRED = Decimal(100)


def is_blank(value: Any) -> bool:
    """True for None, NaN, pandas NA/NaT and an empty or all-space string; never raises."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, float | Decimal):
        return value != value  # NaN is the only value not equal to itself
    try:
        # pandas NA / NaT: comparing them yields NA / False, and bool(NA) raises
        return bool(value != value)
    except (TypeError, ValueError):
        return True


def to_decimal(value: Any) -> Decimal | None:
    """``value`` as a Decimal (floats through ``str``, so 0.1 stays 0.1); None for a blank.

    Raises ValueError for text that is not a number (e.g. ``'abc'``) and for infinities.
    """
    if is_blank(value):
        return None
    if isinstance(value, Decimal):
        d = value
    elif isinstance(value, bool):
        d = Decimal(int(value))
    else:
        try:
            d = Decimal(str(value).replace(",", "").strip())
        except InvalidOperation as exc:
            raise ValueError(f"not a number: {value!r}") from exc
    if not d.is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    return d


def rounded(value: Any, decimals: int = 2) -> Decimal | None:
    """``value`` rounded half up to ``decimals`` places (None for a blank)."""
    d = to_decimal(value)
    if d is None:
        return None
    return d.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def number(value: Any, decimals: int = 2) -> str:
    """``1234.5`` → ``'1,234.50'``; a blank → ``''``. Raises ValueError for non-numbers."""
    d = rounded(value, decimals)
    if d is None:
        return BLANK
    if d == 0:
        d = abs(d)  # -0.00 reads as a sign error
    return f"{d:,.{decimals}f}"


def amount(value: Any) -> str:
    """An amount in 万元 as written in a table: ``'1,234.50'`` (the unit is in the header)."""
    return number(value, 2)


def amount_with_unit(value: Any, unit: str) -> str:
    """An amount followed by its unit, ``'1,234.50 万元'``; a blank stays ``''``."""
    text = amount(value)
    return text if text == BLANK else f"{text} {unit}"


def signed(value: Any, decimals: int = 2) -> str:
    """A change with its sign: ``'+1,199.63'``, ``'-2.55'``, ``'0.00'``; a blank → ``''``.

    A change that rounds to zero at ``decimals`` places is shown as no change, ``'0.00'``:
    neither ``'+0.00'`` nor ``'-0.00'`` (the sign would claim a change the figure does not show).
    """
    text = number(value, decimals)
    if text == BLANK or text.startswith("-") or rounded(value, decimals) == 0:
        return text
    return f"+{text}"


def percent(value: Any, decimals: int = 2) -> str:
    """A percentage already in percent: ``39.114`` → ``'39.11%'``; a blank → ``''``."""
    text = number(value, decimals)
    return text if text == BLANK else f"{text}%"


def count(value: Any) -> str:
    """A count or other unitless figure: ``'1,234'`` when whole, else two decimals."""
    d = to_decimal(value)
    if d is None:
        return BLANK
    return f"{d:,.0f}" if d == d.to_integral_value() else number(d, 2)


def share(part: Any, whole: Any) -> Decimal | None:
    """``part`` as a percentage of ``whole``, rounded half up to 0.01; None when either is blank
    or ``whole`` is 0."""
    p, w = to_decimal(part), to_decimal(whole)
    if p is None or w is None or w == 0:
        return None
    return (p * HUNDRED / w).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
