"""Parse the target cells (指标值) of performance-target tables (绩效目标表).

A target cell is short free text written by hand into a form, e.g. ``≥63家``, ``≤1268万元``,
``>85%``, ``100%``, ``1次/年``, ``2024年8月底``, ``每季度``, ``及时`` or ``提高``. This module
turns one cell into a :class:`Target`: what kind of target it is, and for numeric targets the
comparator, number and unit, or for time targets the year, month and whatever else the phrase
says.

:func:`parse_target` is total: it never raises on a string, whatever it contains. A cell that has
digits but fits no known pattern (``1-2次``, ``约5-6次``) comes back as kind ``'unparsed'`` with its
text kept in ``raw``, so that the caller can report it instead of losing it. The cell as published
is always kept in ``raw`` (only surrounding white space is stripped); normalisation (full-width
characters, ``>=``, thousands separators) only affects the parsed fields.

Standard library only, so the ingest pipeline and the dashboard can both use it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Final, Literal

Kind = Literal["numeric", "time", "qualitative", "empty", "unparsed"]
Comparator = Literal["≥", "≤", ">", "<", "="]

#: The canonical comparators, as stored in ``Target.comparator``.
COMPARATORS: Final[tuple[Comparator, ...]] = ("≥", "≤", ">", "<", "=")

#: Every value ``Target.kind`` can take.
KINDS: Final[tuple[Kind, ...]] = ("numeric", "time", "qualitative", "empty", "unparsed")


@dataclass(frozen=True)
class Target:
    """One parsed target cell.

    ``raw`` is the cell as published, stripped of surrounding white space ('' for a missing cell).
    ``comparator``, ``value`` and ``unit`` are set only for ``kind == 'numeric'`` (``unit`` may
    still be None, e.g. ``≥90``). ``time_year``, ``time_month`` and ``time_qualifier`` are set only
    for ``kind == 'time'``; each may be None when the phrase does not say it (``每季度`` has no
    year, ``2024年10月`` has no qualifier).
    """

    raw: str
    kind: Kind
    comparator: Comparator | None = None
    value: float | None = None
    unit: str | None = None
    time_year: int | None = None
    time_month: int | None = None
    time_qualifier: str | None = None


# --- normalisation -----------------------------------------------------------------------------

# Full-width ASCII (U+FF01..U+FF5E) is typed by Chinese input methods whenever the user forgets to
# switch to half-width mode, so "＞８５％" and ">85%" must parse the same. We translate these
# explicitly instead of using NFKC, because NFKC would also turn "m²" into "m2" and so put a digit
# into a unit.
_FULL_WIDTH: Final[dict[int, str]] = {code: chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}
_FULL_WIDTH.update(
    {
        0x3000: " ",  # ideographic space
        0x2212: "-",  # minus sign, used by some PDF exports
        0xFE6A: "%",  # small percent sign
        0x2267: "≥",  # ≧, the JIS/GB glyph for ≥
        0x2266: "≤",  # ≦
        0x2A7E: "≥",  # ⩾, slanted form
        0x2A7D: "≤",  # ⩽
        0x226E: "≥",  # ≮ "not less than"
        0x226F: "≤",  # ≯ "not greater than"
    }
)

# Zero-width characters survive PDF-to-text extraction and are invisible in a spreadsheet; they
# must not stop "≥63\u200b家" from parsing.
_INVISIBLE: Final[frozenset[str]] = frozenset("\u200b\u200c\u200d\u2060\ufeff")

# Symbol comparators at the start of a cell, longest first so that ">=" is not read as ">".
_SYMBOL_COMPARATORS: Final[tuple[tuple[str, Comparator], ...]] = (
    (">=", "≥"),
    ("<=", "≤"),
    ("=>", "≥"),
    ("=<", "≤"),
    ("==", "="),
    ("≥", "≥"),
    ("≤", "≤"),
    (">", ">"),
    ("<", "<"),
    ("=", "="),
)

# Comparators written out in words ("不低于90%"). Longest first: "大于等于" must win over "大于".
_WORD_COMPARATORS: Final[tuple[tuple[str, Comparator], ...]] = tuple(
    sorted(
        (
            ("大于或等于", "≥"),
            ("大于等于", "≥"),
            ("不低于", "≥"),
            ("不少于", "≥"),
            ("不小于", "≥"),
            ("至少", "≥"),
            ("小于或等于", "≤"),
            ("小于等于", "≤"),
            ("不高于", "≤"),
            ("不超过", "≤"),
            ("不大于", "≤"),
            ("不多于", "≤"),
            ("至多", "≤"),
            ("最多", "≤"),
            ("大于", ">"),
            ("高于", ">"),
            ("多于", ">"),
            ("超过", ">"),
            ("小于", "<"),
            ("低于", "<"),
            ("少于", "<"),
            ("等于", "="),
        ),
        key=lambda pair: -len(pair[0]),
    )
)

# Comparators written after the unit ("90%以上", "30日内"). In Chinese statutory usage 以上, 以下
# and 以内 include the number itself, so they map to ≥ / ≤, not to > / <.
_SUFFIX_COMPARATORS: Final[tuple[tuple[str, Comparator], ...]] = (
    ("及以上", "≥"),
    ("以上", "≥"),
    ("及以下", "≤"),
    ("以下", "≤"),
    ("以内", "≤"),
    ("之内", "≤"),
    ("内", "≤"),
)

_DIGIT: Final = re.compile(r"[0-9]")

# A number with optional thousands separators ("22,000") and decimals. Only ASCII digits: other
# Unicode digits would be accepted by float() but never occur in these tables, and treating them
# as text keeps the "no digit means qualitative" rule predictable.
_NUMBER: Final = r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?"
_NUMERIC: Final = re.compile(rf"(?P<sign>[-+])?(?P<number>{_NUMBER})(?P<unit>[^0-9]*)")

# A unit containing any of these is really a range, a list or a second comparator ("5-6次",
# "3、4项", "5≥"), and "左右" makes the number approximate; all of those are left unparsed rather
# than guessed.
_UNIT_FORBIDDEN: Final[frozenset[str]] = frozenset(",;:、~-–—.+±<>=≥≤至到或")
_APPROXIMATE: Final[tuple[str, ...]] = ("左右", "上下", "前后")

# What may follow a date and still be a date: position in the period (底 end, 初 start, 中旬 ...),
# then a deadline word (前 before, 内 within), then a completion verb.
_TIME_SUFFIX: Final = (
    r"(?:份|度)?"
    r"(?:底|末|初|中|上旬|中旬|下旬|上半年|下半年|第?[一二三四1-4]季度)?"
    r"(?:前|以前|之前|内|以内|之内|止|左右|前后)?"
    r"(?:完成|完工|开展|实施|支付|发放|拨付|到位|结束)?"
)
_YEAR: Final = r"(?P<year>(?:19|20|21)[0-9]{2})"

# "2024年10月", "2024年8月底", "12月底前", "2024年10月15日前".
_MONTH_DATE: Final = re.compile(
    rf"(?:{_YEAR}年)?(?P<month>[0-9]{{1,2}})月(?P<rest>(?:[0-9]{{1,2}}[日号])?{_TIME_SUFFIX})"
)
# "2024年", "2024年底", "2024年度".
_YEAR_DATE: Final = re.compile(rf"{_YEAR}年(?P<rest>{_TIME_SUFFIX})")
# "2024.10", "2024-10", "2024/10/31", optionally followed by 前 / 底.
_SEPARATED_DATE: Final = re.compile(
    rf"{_YEAR}(?P<sep>[./-])(?P<month>[0-9]{{1,2}})(?:(?P=sep)(?P<day>[0-9]{{1,2}}))?"
    r"(?P<rest>底前|底|末|前|以前|之前|止)?"
)
# A cell that starts like a date but is not one of the forms above ("2024年预算数", "2024年13月")
# is left unparsed: reading "2024" as a count of 年 would be wrong.
_DATE_LIKE: Final = re.compile(rf"{_YEAR}年|[0-9]{{1,2}}月")

# Frequencies and timeliness words, which time indicators (时效指标) use instead of dates. They
# are matched as a prefix, because they are often followed by what is done ("及时足额拨付",
# "每季度支付").
_FREQUENCY_OR_TIMELINESS: Final = re.compile(
    r"(?:每|按)(?:半年|年度?|季度?|月度?|周|旬|日|天)|及时|按时|按期|如期|准时|定期|适时|实时|限时"
)
# Deadlines without a number ("年底前", "年内完成"). Matched whole, with the same suffixes as dates,
# because as a prefix they would also catch ordinary text such as "当年预算安排".
_DEADLINE_WORD: Final = re.compile(
    r"(?:年底|年末|年内|年中|当年|当月|月底|月末|季末|季度末|年度内|[上下]半年|第?[一二三四]季度)"
    + _TIME_SUFFIX
)


def _normalise(text: str) -> str:
    """Map full-width and variant characters to one spelling and drop all white space.

    White space inside a cell ("≥ 63 家", "2024年 10月") is an artefact of PDF extraction or
    typing, never meaningful, so it is removed rather than matched around.
    """
    translated = text.translate(_FULL_WIDTH)
    return "".join(ch for ch in translated if not ch.isspace() and ch not in _INVISIBLE)


def _split_prefix_comparator(text: str) -> tuple[Comparator | None, str]:
    """Split a leading comparator (symbol or words) off ``text``; (None, text) if there is none."""
    for spelling, comparator in (*_SYMBOL_COMPARATORS, *_WORD_COMPARATORS):
        if text.startswith(spelling):
            return comparator, text[len(spelling) :]
    return None, text


def _split_suffix_comparator(unit: str) -> tuple[Comparator | None, str]:
    """Split a trailing comparator word ("以上") off a unit; (None, unit) when there is none."""
    for spelling, comparator in _SUFFIX_COMPARATORS:
        if unit.endswith(spelling):
            return comparator, unit[: -len(spelling)]
    return None, unit


def _qualifier(unit_char: str, rest: str) -> str | None:
    """The time qualifier: what follows the month (or year) number, with its 月/年 kept.

    ``2024年8月底`` gives '月底', ``2024年10月15日`` gives '月15日' and ``2024年底`` gives
    '年底', so that end of month and end of year stay distinguishable from the qualifier alone
    and a day is not lost. A bare date (``2024年10月``) has none.
    """
    return unit_char + rest if rest else None


def _parse_date(raw: str, text: str) -> Target | None:
    """Parse ``text`` as a calendar date, or return None when it is not one."""
    match = _MONTH_DATE.fullmatch(text)
    if match is not None:
        month = int(match["month"])
        day_match = re.match(r"([0-9]{1,2})[日号]", match["rest"])
        day_ok = day_match is None or 1 <= int(day_match[1]) <= 31
        if 1 <= month <= 12 and day_ok:
            year = int(match["year"]) if match["year"] else None
            return Target(
                raw,
                "time",
                time_year=year,
                time_month=month,
                time_qualifier=_qualifier("月", match["rest"]),
            )
        return None

    match = _YEAR_DATE.fullmatch(text)
    if match is not None:
        return Target(
            raw,
            "time",
            time_year=int(match["year"]),
            time_qualifier=_qualifier("年", match["rest"]),
        )

    match = _SEPARATED_DATE.fullmatch(text)
    if match is not None:
        month = int(match["month"])
        day = int(match["day"]) if match["day"] else None
        # "2000.50" has a month of 50: that is a decimal number, not a date, so fall through.
        if 1 <= month <= 12 and (day is None or 1 <= day <= 31):
            rest = (f"{day}日" if day is not None else "") + (match["rest"] or "")
            return Target(
                raw,
                "time",
                time_year=int(match["year"]),
                time_month=month,
                time_qualifier=_qualifier("月", rest),
            )
    return None


def _parse_numeric(raw: str, text: str) -> Target | None:
    """Parse ``text`` as [comparator] number [unit] [suffix comparator], or return None."""
    comparator, rest = _split_prefix_comparator(text)
    match = _NUMERIC.fullmatch(rest)
    if match is None:
        return None

    unit = match["unit"]
    suffix_comparator, unit = _split_suffix_comparator(unit)
    if suffix_comparator is not None:
        if comparator is None:
            comparator = suffix_comparator
        elif comparator != suffix_comparator:
            # "≥90%以下" contradicts itself; "≥90%以上" is merely redundant and accepted.
            return None
    if any(ch in _UNIT_FORBIDDEN for ch in unit) or any(w in unit for w in _APPROXIMATE):
        return None

    value = float(match["number"].replace(",", ""))
    if match["sign"] == "-":
        value = -value
    # A run of hundreds of digits overflows to inf; a target that large is garbage, not a number.
    if not math.isfinite(value):
        return None
    if value == 0:
        value = 0.0  # "-0%" would otherwise be stored as -0.0

    return Target(raw, "numeric", comparator=comparator or "=", value=value, unit=unit or None)


def parse_target(raw: str | None) -> Target:
    """Parse one target cell (指标值).

    Returns a :class:`Target` whose ``raw`` is ``raw.strip()`` ('' for None) and whose ``kind`` is:

    * ``'empty'`` for None or a cell with nothing but white space;
    * ``'qualitative'`` for text without any digit that is not a time word (``提高``, ``促进``,
      ``良好``, ``满意``), with every other field None;
    * ``'time'`` for dates (``2024年10月``, ``2024年8月底``, ``12月底前``, ``2024年底``,
      ``2024.10``) and for frequency / timeliness words (``每季度``, ``每月``, ``及时``, ``按时``);
    * ``'numeric'`` for an optional comparator, a number and an optional unit (``≥63家``,
      ``≤1268万元``, ``100%``, ``2人``, ``1次/年``, ``≥90``, ``不低于90%``, ``90%以上``); without a
      comparator the comparator is '=';
    * ``'unparsed'`` for anything else that contains a digit (``1-2次``, ``约5-6次``), so that the
      cell is reported rather than guessed at.

    Never raises for a ``str`` or None, whatever the text. Raises TypeError for any other type
    (e.g. a float read from a spreadsheet): the caller must decide how a number cell reads as text.
    """
    if raw is None:
        return Target("", "empty")
    if not isinstance(raw, str):
        raise TypeError(f"parse_target expects str or None, got {type(raw).__name__}")

    stripped = raw.strip()
    text = _normalise(stripped)
    if not text:
        return Target(stripped, "empty")

    if not _DIGIT.search(text):
        if _FREQUENCY_OR_TIMELINESS.match(text) or _DEADLINE_WORD.fullmatch(text):
            return Target(stripped, "time", time_qualifier=text)
        return Target(stripped, "qualitative")

    date = _parse_date(stripped, text)
    if date is not None:
        return date
    if _DATE_LIKE.match(text):
        return Target(stripped, "unparsed")

    numeric = _parse_numeric(stripped, text)
    if numeric is not None:
        return numeric
    return Target(stripped, "unparsed")


# How many 元 one unit is. Kept as integers so that the conversion below is a single exact
# multiplication or division by a power of ten, e.g. 22000元 -> 22000 / 10000 = 2.2 exactly as
# float division rounds it, rather than 22000 * 0.0001 = 2.2000000000000002.
_YUAN_PER_UNIT: Final[dict[str, int]] = {
    "元": 1,
    "千元": 1_000,
    "万元": 10_000,
    "百万元": 1_000_000,
    "千万元": 10_000_000,
    "亿元": 100_000_000,
}


def to_base_amount_wan(value: float, unit: str | None) -> float | None:
    """Convert an amount in a money unit to 万元 (the unit the budget tables use).

    '元' gives value / 10000, '万元' gives value, '亿元' gives value * 10000 (also '千元', '百万元',
    '千万元'). Surrounding white space and full-width characters in ``unit`` are ignored. Returns
    None when ``unit`` is None or not a money unit ('%', '家', '元/人', ...). Never raises.
    """
    if unit is None:
        return None
    yuan = _YUAN_PER_UNIT.get(_normalise(unit))
    if yuan is None:
        return None
    if yuan >= 10_000:
        return value * (yuan // 10_000)
    return value / (10_000 // yuan)


def satisfies(target: Target, actual: float) -> bool | None:
    """Whether ``actual`` meets a numeric target, e.g. 70 meets ``≥63家``.

    ``actual`` must already be in ``target.unit``; no unit conversion is done. Returns None when the
    target is not numeric or ``actual`` is NaN, since neither can be judged. Never raises.
    """
    if target.kind != "numeric" or target.value is None or target.comparator is None:
        return None
    if math.isnan(actual):
        return None
    # Values come from decimal text parsed into floats and actuals are often computed sums, so
    # 0.1 + 0.2 must count as equal to a target of 0.3; the tolerance is far below any precision
    # a published target has.
    close = math.isclose(actual, target.value, rel_tol=1e-9, abs_tol=1e-9)
    if target.comparator == "=":
        return close
    if target.comparator == "≥":
        return close or actual > target.value
    if target.comparator == "≤":
        return close or actual < target.value
    if target.comparator == ">":
        return not close and actual > target.value
    return not close and actual < target.value
