"""The one amount formatter (budgetlens/amounts.py) held to values worked out by hand.

Every expected value below is written as a literal and was computed on paper, the way a finance
officer rounds (四舍五入: a 5 in the first dropped place rounds away from zero), never by calling
the code under test. The comments show the working. These are the tests that must notice a wrong
number in a page, the deck or the workbook (docs/testing.md, mutation testing of amounts.py).
"""

from __future__ import annotations

import math
from decimal import Decimal

import pandas as pd
import pytest

from budgetlens import amounts
from budgetlens.targets import to_base_amount_wan

# --- blanks ---------------------------------------------------------------------------------------


class _Unequal:
    """A value whose comparison raises TypeError: it cannot be judged a number, so it is blank."""

    def __ne__(self, other):
        raise TypeError("no comparison")


class _Ambiguous:
    """A value whose ``!=`` gives something without a truth value (as a numpy array does)."""

    def __ne__(self, other):
        return self

    def __bool__(self):
        raise ValueError("ambiguous")


@pytest.mark.parametrize(
    ("value", "blank"),
    [
        (None, True),
        ("", True),
        ("   ", True),  # all spaces
        ("\u3000", True),  # a full-width space, as documents pad cells
        ("0", False),
        (" 1 ", False),
        (float("nan"), True),
        (Decimal("NaN"), True),
        (pd.NA, True),
        (pd.NaT, True),
        (0, False),  # a published 0 is a figure, not a blank
        (0.0, False),
        (Decimal(0), False),
        (-1.5, False),
        (Decimal("12.30"), False),
        (_Unequal(), True),
        (_Ambiguous(), True),
    ],
)
def test_what_counts_as_blank(value, blank) -> None:
    assert amounts.is_blank(value) is blank


def test_the_blank_shown_is_the_empty_string() -> None:
    assert amounts.BLANK == ""
    for show in (amounts.amount, amounts.signed, amounts.percent, amounts.count):
        for value in (None, "", float("nan"), pd.NA):
            assert show(value) == "", (show.__name__, value)
    assert amounts.amount_with_unit(None, "万元") == ""
    assert amounts.amount_with_unit("", "元") == ""


# --- reading a value ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "decimal"),
    [
        ("1,234.5", "1234.5"),  # the separator is dropped
        ("12,345,678.90", "12345678.90"),
        (" 4,266.91 ", "4266.91"),
        (0.1, "0.1"),  # through str: the float's binary value is 0.1000000000000000055…
        (2.675, "2.675"),
        (-0.125, "-0.125"),
        (7, "7"),
        (True, "1"),  # str(True) would be no number
        (False, "0"),
        (Decimal("-3.10"), "-3.10"),
    ],
)
def test_to_decimal_reads_the_value_as_written(value, decimal) -> None:
    d = amounts.to_decimal(value)
    assert isinstance(d, Decimal)
    assert str(d) == decimal


def test_to_decimal_of_a_blank_is_none() -> None:
    assert amounts.to_decimal(None) is None
    assert amounts.to_decimal(" ") is None
    assert amounts.to_decimal(float("nan")) is None


def test_text_that_is_no_number_and_infinities_raise_a_clear_error() -> None:
    with pytest.raises(ValueError, match=r"^not a number: 'abc'$"):
        amounts.to_decimal("abc")
    with pytest.raises(ValueError, match=r"^not a number: '1\.2\.3'$"):
        amounts.amount("1.2.3")
    with pytest.raises(ValueError, match=r"^not a finite number: inf$"):
        amounts.to_decimal(math.inf)
    with pytest.raises(ValueError, match=r"^not a finite number: '-Infinity'$"):
        amounts.to_decimal("-Infinity")
    with pytest.raises(ValueError, match=r"^not a finite number: Decimal\('Infinity'\)$"):
        amounts.to_decimal(Decimal("Infinity"))


# --- rounding 四舍五入 ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "decimals", "result"),
    [
        # at the .005 boundary a 5 rounds up (half-even would give 0.12, 0.12, 2.67)
        (Decimal("0.125"), 2, "0.13"),
        ("0.125", 2, "0.13"),
        (0.125, 2, "0.13"),
        (Decimal("0.115"), 2, "0.12"),
        (2.675, 2, "2.68"),  # the float is 2.67499999…; read through str it is 2.675
        (Decimal("1.005"), 2, "1.01"),
        (Decimal("1.0049"), 2, "1.00"),  # below the 5: down
        (Decimal("1.00500"), 2, "1.01"),
        # negative numbers: away from zero on a 5
        (Decimal("-0.125"), 2, "-0.13"),
        (Decimal("-2.675"), 2, "-2.68"),
        (Decimal("-1.0049"), 2, "-1.00"),
        # other places
        (Decimal("2.5"), 0, "3"),  # half-even would give 2
        (Decimal("3.5"), 0, "4"),
        (Decimal("-2.5"), 0, "-3"),
        (Decimal("0.05"), 1, "0.1"),  # half-even would give 0.0
        (Decimal("0.0005"), 3, "0.001"),
        (Decimal("12"), 2, "12.00"),
    ],
)
def test_rounded_half_up_at_the_five(value, decimals, result) -> None:
    d = amounts.rounded(value, decimals)
    assert str(d) == result  # the digits and the number of places


def test_rounded_defaults_to_two_places_and_keeps_blanks_blank() -> None:
    assert str(amounts.rounded(Decimal("0.125"))) == "0.13"
    assert str(amounts.rounded(7)) == "7.00"
    assert amounts.rounded(None) is None
    assert amounts.rounded("") is None


# --- amounts as shown -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal("1234.5"), "1,234.50"),
        (1234567.891, "1,234,567.89"),  # 0.891 → .89 (the 1 drops)
        (Decimal("1234567.005"), "1,234,567.01"),  # a 5: up
        (Decimal("999.995"), "1,000.00"),  # the carry reaches the thousands
        (Decimal("-999.995"), "-1,000.00"),
        (Decimal("-4266.905"), "-4,266.91"),
        (Decimal("100"), "100.00"),
        ("12,345.6", "12,345.60"),
        (0, "0.00"),  # a published 0 stays 0.00, never blank
        (Decimal("-0.004"), "0.00"),  # rounds to zero: never "-0.00"
        (Decimal("-0.005"), "-0.01"),
        (Decimal("0.005"), "0.01"),
    ],
)
def test_amount_in_wan_with_separators(value, shown) -> None:
    assert amounts.amount(value) == shown


@pytest.mark.parametrize(
    ("value", "decimals", "shown"),
    [
        (Decimal("1234.5"), 0, "1,235"),
        (Decimal("-1234.5"), 0, "-1,235"),
        (Decimal("-0.4"), 0, "0"),  # rounds to zero: no minus sign
        (Decimal("1234.5678"), 3, "1,234.568"),
        (Decimal("1234.5"), 1, "1,234.5"),
    ],
)
def test_number_with_other_places(value, decimals, shown) -> None:
    assert amounts.number(value, decimals) == shown


def test_number_defaults_to_two_places() -> None:
    assert amounts.number(Decimal("1.005")) == "1.01"


def test_amount_with_unit() -> None:
    assert amounts.amount_with_unit(Decimal("1234.5"), "万元") == "1,234.50 万元"
    assert amounts.amount_with_unit(Decimal("0.125"), "元") == "0.13 元"
    assert amounts.amount_with_unit(0, "万元") == "0.00 万元"


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        # 22,000 元 ÷ 10,000 = 2.2 万元
        (22000, "元", "2.20"),
        # 1,234,567 元 ÷ 10,000 = 123.4567 万元 → 123.46 (the 6 in the third place rounds up)
        (1234567, "元", "123.46"),
        # 50 元 = 0.005 万元 → 0.01 (a 5: up)
        (50, "元", "0.01"),
        # 49 元 = 0.0049 万元 → 0.00
        (49, "元", "0.00"),
        # 1.5 亿元 = 15,000 万元
        (1.5, "亿元", "15,000.00"),
        # 2,500 千元 = 250 万元
        (2500, "千元", "250.00"),
        (3.25, "万元", "3.25"),
    ],
)
def test_yuan_converted_to_wan_then_shown(value, unit, shown) -> None:
    assert amounts.amount(to_base_amount_wan(value, unit)) == shown


# --- signed changes -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "decimals", "shown"),
    [
        (Decimal("1199.63"), 2, "+1,199.63"),
        (Decimal("-2.55"), 2, "-2.55"),
        (Decimal("1234.5"), 2, "+1,234.50"),
        (0, 2, "0.00"),  # no change: no sign
        (Decimal("0.00"), 2, "0.00"),
        # a change that rounds to zero is shown as no change: neither "+0.00" nor "-0.00"
        (Decimal("-0.001"), 2, "0.00"),
        (-0.001, 2, "0.00"),
        (Decimal("0.004"), 2, "0.00"),
        (Decimal("-0.0049"), 2, "0.00"),
        # at the 5 it is a change of a cent
        (Decimal("0.005"), 2, "+0.01"),
        (Decimal("-0.005"), 2, "-0.01"),
        # other places: 0.04 is 0.0 to one place, 0.05 is 0.1
        (Decimal("0.04"), 1, "0.0"),
        (Decimal("-0.04"), 1, "0.0"),
        (Decimal("0.05"), 1, "+0.1"),
        (Decimal("12.5"), 0, "+13"),
        (Decimal("-1234.5"), 0, "-1,235"),
    ],
)
def test_signed_changes(value, decimals, shown) -> None:
    assert amounts.signed(value, decimals) == shown


def test_signed_defaults_to_two_places() -> None:
    assert amounts.signed(Decimal("1.005")) == "+1.01"
    assert amounts.signed(Decimal("0.004")) == "0.00"


# --- percentages and shares ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "decimals", "shown"),
    [
        (Decimal("39.114"), 2, "39.11%"),
        (Decimal("39.115"), 2, "39.12%"),  # a 5: up
        (Decimal("-3.125"), 2, "-3.13%"),
        (Decimal("100"), 2, "100.00%"),
        (Decimal("1234.5"), 2, "1,234.50%"),
        (0, 2, "0.00%"),
        (Decimal("-0.001"), 2, "0.00%"),
        (Decimal("12.35"), 1, "12.4%"),
        (Decimal("99.5"), 0, "100%"),
    ],
)
def test_percent(value, decimals, shown) -> None:
    assert amounts.percent(value, decimals) == shown


def test_percent_defaults_to_two_places() -> None:
    assert amounts.percent(Decimal("7.005")) == "7.01%"


@pytest.mark.parametrize(
    ("part", "whole", "result"),
    [
        (1, 3, "33.33"),  # 100 / 3 = 33.333…
        (2, 3, "66.67"),  # 200 / 3 = 66.666…
        (1, 8, "12.50"),  # exactly 12.5, written to two places
        (1, 800, "0.13"),  # 0.125: a 5, up (half-even: 0.12)
        (3, 2, "150.00"),
        (5, 5, "100.00"),
        (0, 7, "0.00"),  # nothing of something is 0, not blank
        (-1, 3, "-33.33"),
        (1, -8, "-12.50"),
        ("1,000", "4,000", "25.00"),
        (Decimal("1199.63"), Decimal("4266.91"), "28.11"),  # 119963 / 4266.91 = 28.1148…
        (Decimal("0.5"), 1, "50.00"),
    ],
)
def test_share_is_a_percentage_rounded_half_up(part, whole, result) -> None:
    s = amounts.share(part, whole)
    assert isinstance(s, Decimal)
    assert str(s) == result


@pytest.mark.parametrize(("part", "whole"), [(1, 0), (0, 0), (None, 3), (1, None), ("", 4)])
def test_share_without_a_whole_or_a_part_is_none(part, whole) -> None:
    assert amounts.share(part, whole) is None


# --- counts ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (12, "12"),
        (1234567, "1,234,567"),
        (Decimal("1234.0"), "1,234"),  # whole: no decimals
        (0, "0"),
        (-3, "-3"),
        (Decimal("1234.5"), "1,234.50"),  # not whole: two places
        (Decimal("12.005"), "12.01"),
        (Decimal("0.5"), "0.50"),
    ],
)
def test_count(value, shown) -> None:
    assert amounts.count(value) == shown
