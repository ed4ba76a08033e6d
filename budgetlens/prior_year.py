"""Prior-year figures a document states in its narrative (上年数).

A budget's 说明 says how a total changed on the year before ("收入、支出预算总计18330.37万元，与上年
相比收、支预算总计各增加2432.93万元"; "“三公”经费预算数为47.91万元，比2023年预算增加25万元").
That gives the year before's figure as the document states it: this year's figure minus the stated
change. These are kept apart from the figures of loaded documents (table ``prior_year_figure``),
each with the published words, so that a page can show the year before the first loaded one as
"stated in the 2018 document", and the reconciliation (:mod:`budgetlens.checks_years`) can compare
a stated figure with the loaded document of that year.

Measures are named by the key figure they are the prior-year value of (``expenditure_total``:
the 收支预算总计, equal to the 支出总计 of the 收支总表; ``three_public_total``: “三公”经费合计).
"""

from __future__ import annotations

import re
from decimal import Decimal

from budgetlens.narrative import _Joined
from budgetlens.source import SourceText

_N = r"\d[\d,]*(?:\.\d+)?"
# (measure, pattern) over the normalised narrative (NFKC, no white space): ``label`` the words
# naming this year's figure, ``v`` its value, ``y`` the year compared with when named, then a
# change (``dir`` 增加/减少 and ``c``) or ``flat`` (持平: no change)
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "expenditure_total",
        re.compile(
            rf"(?P<label>收入、支出预算总计)(?P<v>{_N})万元[,;]?与上年相比收、支预算总计各?"
            rf"(?:(?P<dir>增加|减少)(?P<c>{_N})万元|(?P<flat>持平))"
        ),
    ),
    (
        "three_public_total",
        re.compile(
            rf"(?P<label>“三公”经费预算(?:数为|数)?)(?P<v>{_N})万元[,;]?"
            rf"(?:比|与)(?:(?P<y>\d{{4}})年|上年)(?:预算数?)?(?:相比)?"
            rf"(?:(?P<dir>增加|减少)(?P<c>{_N})万元|(?P<flat>持平))"
        ),
    ),
)

# key figures the narrative patterns of the text layout already read: (this year, its change)
_KEY_FIGURE_PAIRS = (
    ("expenditure_total", "expenditure_change"),
    ("three_public_total", "three_public_change"),
)

DERIVED = "this_year_minus_change"  # how the value was found: this year's figure − the change


def _dec(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def read_prior_year(src: SourceText, year: int, key_figures: list[dict]) -> list[dict]:
    """The prior-year figures ``src`` states (one per measure, the first statement found).

    Rows have the columns of ``prior_year_figure`` (without the document key): measure, label,
    prior_year, value_wan, this_year_wan, change_wan, derivation, sentence, source_line.
    ``key_figures`` are the document's key figures: a change the narrative patterns already read
    (``expenditure_change`` beside ``expenditure_total``) is used first.
    """
    out: dict[str, dict] = {}
    kf = {f["key"]: f for f in key_figures}
    for measure, change_key in _KEY_FIGURE_PAIRS:
        this, change = kf.get(measure), kf.get(change_key)
        if this is None or change is None or change.get("unit") != "万元":
            continue
        if this["sentence"].startswith("表中"):
            continue  # a figure read from a table, not a statement of the narrative
        out[measure] = _row(
            measure,
            this["label"],
            year - 1,
            Decimal(this["value"]),
            Decimal(change["value"]),
            change["sentence"],
            change["source_line"],
        )
    if not src.lines:
        return list(out.values())
    block = _Joined(src, 1, len(src))
    for measure, pattern in _PATTERNS:
        if measure in out:
            continue
        hit = pattern.search(block.text)
        if hit is None:
            continue
        change = Decimal(0) if hit.group("flat") else _dec(hit.group("c"))
        if hit.group("dir") == "减少":
            change = -change
        prior = int(hit.group("y")) if hit.groupdict().get("y") else year - 1
        out[measure] = _row(
            measure,
            hit.group("label"),
            prior,
            _dec(hit.group("v")),
            change,
            hit.group(0),
            block.line_at(hit.start("c") if hit.group("c") else hit.start("v")),
        )
    return list(out.values())


def _row(
    measure: str,
    label: str,
    prior_year: int,
    this_year: Decimal,
    change: Decimal,
    sentence: str,
    line: int,
) -> dict:
    return {
        "measure": measure,
        "label": label,
        "prior_year": prior_year,
        "value_wan": this_year - change,
        "this_year_wan": this_year,
        "change_wan": change,
        "derivation": DERIVED,
        "sentence": sentence,
        "source_line": line,
    }
