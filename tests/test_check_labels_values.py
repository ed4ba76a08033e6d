"""The reconciliation's words (``budgetlens/check_labels.py``) against the rows of
``budgetlens/reference/check_labels.csv`` read by hand (the line of each row is given)."""

from __future__ import annotations

import pytest

from budgetlens import check_labels

# check_labels.csv, as read by hand (line numbers of the file)
CSV = "check_labels.csv"


@pytest.mark.parametrize(
    ("group", "key", "zh", "en"),
    [
        ("status", "ok", "一致", "consistent"),  # l.2
        ("status", "unjudged", "无法判断", "cannot be judged"),  # l.5
        ("kind", "narrative_rate", "说明中的增幅", "narrative growth rate"),  # l.23
        (
            "rule_set",
            "national-final",
            "全国通用部门决算规则集",
            "national final-accounts template rules",
        ),  # l.36
        ("term", "total_wan", "合计", "total"),  # l.50
    ],
)
def test_label_in_each_language(group: str, key: str, zh: str, en: str) -> None:
    assert check_labels.label(group, key) == zh  # Chinese is the default
    assert check_labels.label(group, key, "zh") == zh
    assert check_labels.label(group, key, "en") == en


def test_kind_and_status_labels() -> None:
    assert check_labels.kind_label("prose_sum") == "文字中的加总"  # l.25
    assert check_labels.kind_label("prose_sum", "en") == "sum stated in text"
    assert check_labels.status_label("rounding") == "尾差"  # l.3
    assert check_labels.status_label("mismatch", "en") == "mismatch"  # l.4
    assert check_labels.status_label("mismatch") == "不一致"


def test_explanations() -> None:
    # l.23 and l.2
    assert check_labels.kind_explanation("narrative_rate") == "增幅 = 增减额 ÷ 上年数"
    assert check_labels.kind_explanation("narrative_rate", "en") == (
        "growth rate = change ÷ prior-year figure"
    )
    assert check_labels.status_explanation("ok") == "两处数字相等（上限类指标：未超过上限）。"
    assert check_labels.status_explanation("ok", "en") == (
        "The two figures are equal (for a ceiling: it is not exceeded)."
    )


def test_a_key_the_table_lacks_is_a_key_error_naming_it() -> None:
    with pytest.raises(KeyError, match=r"^\"check_labels.csv has no kind 'no_such_kind'\"$"):
        check_labels.kind_label("no_such_kind")
    with pytest.raises(KeyError, match=r"^\"check_labels.csv has no status 'fine'\"$"):
        check_labels.status_label("fine", "en")
    # an explanation of a key the table lacks: the same KeyError, not an empty text
    with pytest.raises(KeyError, match="has no status 'fine'"):
        check_labels.status_explanation("fine")
    with pytest.raises(KeyError, match="has no kind 'no_such_kind'"):
        check_labels.kind_explanation("no_such_kind", "en")
    # a key of another group is not found in this one
    with pytest.raises(KeyError, match="has no status 'balance'"):
        check_labels.status_label("balance")


@pytest.mark.parametrize(
    "call",
    [
        lambda: check_labels.label("status", "ok", "fr"),
        lambda: check_labels.kind_label("balance", "EN"),
        lambda: check_labels.status_explanation("ok", "de"),
        lambda: check_labels.kind_explanation("balance", "fr"),
        lambda: check_labels.rule_set_label("pdf", "fr"),
        lambda: check_labels.rule_set_label("no-such-layout", "fr"),
        lambda: check_labels.subject_label("收支总表", "fr"),
    ],
)
def test_an_unknown_language_is_a_value_error(call) -> None:
    with pytest.raises(ValueError, match=r"^unknown language '(fr|EN|de)': expected 'zh' or 'en'$"):
        call()


def test_rule_set_label_and_one_the_table_lacks() -> None:
    assert check_labels.rule_set_label("pdf") == "通用 PDF 表格规则集"  # l.37
    assert check_labels.rule_set_label("pdf", "en") == "generic PDF table rules"
    assert check_labels.rule_set_label("tianjin-budget") == "tianjin-budget 规则集"
    assert check_labels.rule_set_label("tianjin-budget", "zh") == "tianjin-budget 规则集"
    assert check_labels.rule_set_label("tianjin-budget", "en") == "tianjin-budget rules"


def test_subject_label_replaces_identifiers_and_keeps_the_documents_words() -> None:
    # l.39 expenditure_total 支出总表, l.50 total_wan 合计; 206 科学技术支出 is the document's
    subject = "expenditure_total 206 科学技术支出 total_wan = Σ 下级科目"
    assert check_labels.subject_label(subject) == "支出总表 206 科学技术支出 合计 = Σ 下级科目"
    # an identifier the table lacks stays as it is; "vs" is a term (l.72)
    assert check_labels.subject_label("no_such_key vs basic_wan") == "no_such_key 对比 基本支出"
    assert check_labels.subject_label("no_such_key vs basic_wan", "en") == (
        "no_such_key vs basic expenditure"
    )
    # no subject at all
    assert check_labels.subject_label(None) == ""
    assert check_labels.subject_label("", "en") == ""


def test_subject_label_in_english_translates_the_phrases_longest_first() -> None:
    # l.117: the whole phrase, not 说明 (l.106) then 合计 (l.114) on their own
    assert check_labels.subject_label("说明 政府采购预算总额 vs 政府采购预算表 合计", "en") == (
        "narrative: procurement total vs procurement table total"
    )
    # l.93 收支总表 inside l.92 财政拨款收支总表: the longer one first
    assert check_labels.subject_label("财政拨款收支总表", "en") == "fiscal appropriation summary"
    assert check_labels.subject_label("收支总表", "en") == "revenue and expenditure summary"
    # l.80 项目支出预算表（本年预算） before l.82 项目支出预算表
    assert check_labels.subject_label("项目支出预算表（本年预算）", "en") == (
        "project budget table (this year)"
    )
    # Chinese keeps the phrases as they are: only the identifiers change ("vs" is a term, l.72)
    assert check_labels.subject_label("说明 政府采购预算总额 vs 政府采购预算表 合计") == (
        "说明 政府采购预算总额 对比 政府采购预算表 合计"
    )


def test_identifiers_left_are_snake_case_words_only() -> None:
    assert check_labels.identifiers_left("支出总表 total_wan 与 basic_wan vs 合计") == [
        "total_wan",
        "basic_wan",
    ]
    # a single word (vs, total) is no identifier; digits may follow an underscore
    assert check_labels.identifiers_left("vs total a_1 b2_c3") == ["a_1", "b2_c3"]
    # a word glued to Chinese characters is still a word (\b is Unicode-aware)
    assert check_labels.identifiers_left("合计total_wan") == []
    assert check_labels.identifiers_left(None) == []
    assert check_labels.identifiers_left("") == []
