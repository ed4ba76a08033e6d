"""The words for the reconciliation, in Chinese and English, from one table.

``budgetlens/reference/check_labels.csv`` names every check kind, status and rule set, and the
identifiers (table keys, column keys) that a check's stored subject may contain. The dashboard,
the deck and the workbook all label checks through these functions, so a kind has one name
everywhere and no identifier like ``column_total`` reaches a reader.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

TABLE = Path(__file__).parent / "reference" / "check_labels.csv"
LANGS = ("zh", "en")
_IDENT = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)*\b")


@cache
def _table() -> dict[tuple[str, str], dict[str, str]]:
    with TABLE.open(encoding="utf-8") as fh:
        return {(r["group"], r["key"]): r for r in csv.DictReader(fh)}


def _lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}: expected 'zh' or 'en'")
    return lang


def label(group: str, key: str, lang: str = "zh") -> str:
    """The word for ``key`` of ``group`` (status, kind, rule_set, term) in ``lang``. Raises
    KeyError naming the table for a key it lacks, ValueError for an unknown language."""
    row = _table().get((group, key))
    if row is None:
        raise KeyError(f"{TABLE.name} has no {group} {key!r}")
    return row[_lang(lang)]


def kind_label(kind: str, lang: str = "zh") -> str:
    """A check kind in words (KeyError for a kind the table lacks)."""
    return label("kind", kind, lang)


def status_label(status: str, lang: str = "zh") -> str:
    """A status in words (KeyError for a status the table lacks)."""
    return label("status", status, lang)


def status_explanation(status: str, lang: str = "zh") -> str:
    """What a status means, in plain language for the public."""
    label("status", status, lang)
    return _table()[("status", status)][f"explain_{lang}"]


def kind_explanation(kind: str, lang: str = "zh") -> str:
    """What a check kind compares, in one line."""
    label("kind", kind, lang)
    return _table()[("kind", kind)][f"explain_{lang}"]


def rule_set_label(name: str, lang: str = "zh") -> str:
    """A rule set in words; a rule set the table lacks (a layout added later) is shown as
    "<name> 规则集" / "<name> rules"."""
    row = _table().get(("rule_set", name))
    if row is None:
        return f"{name} 规则集" if _lang(lang) == "zh" else f"{name} rules"
    return row[_lang(lang)]


@cache
def _phrases() -> tuple[tuple[str, str], ...]:
    """(Chinese, English) of the fixed phrases the checks write into subjects, longest first."""
    pairs = [(r["key"], r["en"]) for (g, _), r in _table().items() if g == "phrase"]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


def subject_label(subject: str, lang: str = "zh") -> str:
    """A stored check subject for readers: each identifier in it (a table or column key such as
    ``expenditure_total`` or ``total_wan``) becomes its word in ``lang``; in English, the fixed
    phrases the checks write (表 names, "= Σ 类" …) become English too. The document's own words
    (科目 names, project names) stay as printed."""
    terms = _table()
    lang = _lang(lang)

    def word(m: re.Match) -> str:
        row = terms.get(("term", m.group(0)))
        return row[lang] if row else m.group(0)

    text = _IDENT.sub(word, subject or "")
    if lang == "en":
        for zh, en in _phrases():
            text = text.replace(zh, en)
    return text


def identifiers_left(text: str) -> list[str]:
    """The identifiers (snake_case keys) still in ``text``: what a labelled subject must not
    contain."""
    return [w for w in _IDENT.findall(text or "") if "_" in w]
