"""The library's one vocabulary (labels in zh and en) and one amount formatter, shared by the
pages, the deck and the workbook."""

from __future__ import annotations

import csv
import math
import re
from decimal import Decimal

import pandas as pd
import pytest

from budgetlens import amounts, vocabulary
from budgetlens.export import function_classes
from ui import fmt
from ui.i18n import TRANSLATIONS, t

CJK = re.compile(r"[\u4e00-\u9fff]")


# --- the formatter ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal("1234.5"), "1,234.50"),
        (Decimal("0.125"), "0.13"),  # half up, not half even
        (Decimal("0.135"), "0.14"),
        (Decimal("-0.125"), "-0.13"),  # away from zero
        (2.675, "2.68"),  # through str: the float's binary value is 2.67499…
        (1199.63, "1,199.63"),
        (0, "0.00"),  # a published 0 stays 0
        (Decimal("-0.001"), "0.00"),  # never "-0.00"
        ("4,266.91", "4,266.91"),
        (None, ""),
        (float("nan"), ""),
        (pd.NA, ""),
        ("", ""),
    ],
)
def test_amount_rounds_half_up_with_separators_and_blanks_blank(value, shown) -> None:
    assert amounts.amount(value) == shown


def test_other_formats() -> None:
    assert amounts.signed(Decimal("1199.63")) == "+1,199.63"
    assert amounts.signed(Decimal("-2.55")) == "-2.55"
    assert amounts.signed(0) == "0.00"
    assert amounts.percent(Decimal("39.114")) == "39.11%"
    assert amounts.percent(None) == ""
    assert amounts.count(Decimal(12)) == "12"
    assert amounts.amount_with_unit(Decimal("1.5"), "万元") == "1.50 万元"
    assert amounts.share(1, 3) == Decimal("33.33")
    assert amounts.share(2, 3) == Decimal("66.67")
    assert amounts.share(1, 0) is None


def test_text_that_is_no_number_raises_in_the_library_and_is_blank_on_the_page() -> None:
    with pytest.raises(ValueError, match="not a number"):
        amounts.amount("abc")
    with pytest.raises(ValueError):
        amounts.amount(math.inf)
    assert fmt.wan("abc") == ""


def test_pages_and_deck_round_alike() -> None:
    from budgetlens.storyline import fmt_amount

    for value in (Decimal("0.125"), Decimal("2.675"), 0.015, None, Decimal("1234567.005")):
        assert fmt.wan(value) == fmt_amount(value) == amounts.amount(value)


# --- the vocabulary -----------------------------------------------------------------------------


def test_every_label_has_both_languages_and_the_english_no_chinese() -> None:
    table = vocabulary.table()
    assert len(table) > 150
    allowed = {"wb.heading_unit"}  # fills in the document's own table title and unit
    for key, (zh, en) in table.items():
        assert zh.strip() and en.strip(), key
        if key not in allowed:
            assert not CJK.search(en), (key, en)
        assert "万元" not in en, (key, en)


def test_one_name_for_one_thing() -> None:
    """The figure the issue found under three names is 本年预算 on pages, deck and workbook."""
    assert vocabulary.label("term.current_year") == "本年预算"
    assert t("col.current_year_wan", "zh") == "本年预算（万元）"
    assert t("metric.current_year", "zh") == "本年预算（万元）"
    for key, (zh, _) in TRANSLATIONS.items():
        assert "当年预算" not in zh and "本年收入" not in zh, key


def test_the_dashboard_takes_its_terms_from_the_vocabulary() -> None:
    for key, pair in vocabulary.table().items():
        assert TRANSLATIONS[key] == pair


def test_unknown_key_and_language_raise() -> None:
    with pytest.raises(KeyError):
        vocabulary.label("no.such.key")
    with pytest.raises(ValueError):
        vocabulary.label("term.total", "fr")


def test_a_label_is_filled_in_only_with_values() -> None:
    # budgetlens/reference/vocabulary.csv: wb.rows,{n} 行,{n} rows
    assert vocabulary.label("wb.rows", n=5) == "5 行"
    assert vocabulary.label("wb.rows", "en", n=5) == "5 rows"
    assert vocabulary.label("wb.rows") == "{n} 行"  # no values: the label as written
    assert vocabulary.has("wb.rows") and not vocabulary.has("wb.no_such_key")
    with pytest.raises(ValueError, match="unknown language 'fr': expected 'zh' or 'en'"):
        vocabulary.label("wb.rows", "fr")


def test_a_table_with_another_header_is_refused_naming_it(tmp_path, monkeypatch) -> None:
    path = tmp_path / "vocabulary.csv"
    path.write_text("name,zh,en\nterm.a,甲,A\n", encoding="utf-8")
    monkeypatch.setattr(vocabulary, "VOCABULARY", path)
    vocabulary.table.cache_clear()
    try:
        with pytest.raises(vocabulary.VocabularyError) as raised:
            vocabulary.table()
    finally:
        vocabulary.table.cache_clear()
    assert str(raised.value) == (
        f"{path}: header ['name', 'zh', 'en'], expected ['key', 'zh', 'en']"
    )


def test_a_duplicate_key_is_refused(tmp_path, monkeypatch) -> None:
    path = tmp_path / "vocabulary.csv"
    path.write_text("key,zh,en\nterm.a,甲,A\nterm.a,乙,B\n", encoding="utf-8")
    monkeypatch.setattr(vocabulary, "VOCABULARY", path)
    vocabulary.table.cache_clear()
    try:
        with pytest.raises(vocabulary.VocabularyError, match="occurs twice"):
            vocabulary.table()
    finally:
        vocabulary.table.cache_clear()


def test_class_names_in_english_with_the_chinese_beside() -> None:
    assert vocabulary.class_name("教育支出", "en") == "Education 教育支出"
    assert vocabulary.class_name("教育支出", "zh") == "教育支出"
    assert vocabulary.class_name("普通教育", "en") == "普通教育"  # a 款: no official English


def test_every_english_class_name_is_a_national_class() -> None:
    names = set(function_classes()["name"])
    with vocabulary.CLASS_NAMES_EN.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert rows
    for row in rows:
        assert row["name"] in names, row
        assert row["name_en"] and not CJK.search(row["name_en"]), row
