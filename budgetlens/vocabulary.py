"""The one vocabulary of pages, deck and workbook: each term, column and unit, in zh and en.

The labels are data, ``budgetlens/reference/vocabulary.csv`` (``key,zh,en``); the English names
of the 功能分类 类 are ``budgetlens/reference/function_class_names_en.csv`` (see the README
beside them for the source). ``ui/i18n.py`` takes its terms from here, and the deck
(:mod:`budgetlens.storyline`) and the workbook (:mod:`budgetlens.workbook`) look up the same keys,
so that a figure has one name wherever it is shown.

This module never imports streamlit.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

REFERENCE = Path(__file__).with_name("reference")
VOCABULARY = REFERENCE / "vocabulary.csv"
CLASS_NAMES_EN = REFERENCE / "function_class_names_en.csv"
LANGS = ("zh", "en")


class VocabularyError(ValueError):
    """The vocabulary table is malformed: a duplicate key, a missing label, a bad header."""


def _read(path: Path, header: list[str]) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != header:
            raise VocabularyError(f"{path}: header {reader.fieldnames}, expected {header}")
        return list(reader)


@cache
def table() -> dict[str, tuple[str, str]]:
    """Every label by key, ``{key: (zh, en)}``.

    Raises VocabularyError when a key occurs twice or a row lacks its zh or en label (line
    number given), OSError when the file cannot be read.
    """
    out: dict[str, tuple[str, str]] = {}
    for n, row in enumerate(_read(VOCABULARY, ["key", "zh", "en"]), start=2):
        key, zh, en = row["key"].strip(), row["zh"], row["en"]
        if not key or not zh.strip() or not en.strip():
            raise VocabularyError(f"{VOCABULARY}:{n}: key, zh and en are all required")
        if key in out:
            raise VocabularyError(f"{VOCABULARY}:{n}: key {key!r} occurs twice")
        out[key] = (zh, en)
    return out


def label(key: str, lang: str = "zh", **values: object) -> str:
    """The label of ``key`` in ``lang`` ('zh' or 'en'), with ``{name}`` fields filled in.

    Raises KeyError for an unknown key and ValueError for an unknown language.
    """
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}: expected 'zh' or 'en'")
    zh, en = table()[key]
    text = zh if lang == "zh" else en
    return text.format(**values) if values else text


def has(key: str) -> bool:
    """True when ``key`` is in the vocabulary."""
    return key in table()


@cache
def class_names_en() -> dict[str, str]:
    """English names of 功能分类 类 by Chinese name (see the reference README for the source)."""
    return {r["name"]: r["name_en"] for r in _read(CLASS_NAMES_EN, ["name", "name_en"])}


def class_name(name: str, lang: str = "zh") -> str:
    """A 功能分类 name as shown in ``lang``: in Chinese as published; in English the official
    English name with the Chinese beside it (``Education 教育支出``) where one exists, else the
    Chinese name (款 and 项 have no official English names)."""
    if lang == "en":
        english = class_names_en().get(name.strip())
        if english:
            return f"{english} {name}"
    return name
