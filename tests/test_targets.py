"""Rules for reading target cells (指标值) of performance-target tables."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from budgetlens.targets import (
    COMPARATORS,
    KINDS,
    Target,
    parse_target,
    satisfies,
    to_base_amount_wan,
)

# --- numeric targets ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "comparator", "value", "unit"),
    [
        ("≥63家", "≥", 63.0, "家"),
        ("≤1268万元", "≤", 1268.0, "万元"),
        (">85%", ">", 85.0, "%"),
        ("<5%", "<", 5.0, "%"),
        ("≥40亿元", "≥", 40.0, "亿元"),
        ("≤22000元", "≤", 22000.0, "元"),
        ("≥52547平方米", "≥", 52547.0, "平方米"),
        (">0.6万吨", ">", 0.6, "万吨"),
        ("≤19.9万元", "≤", 19.9, "万元"),
        ("=100%", "=", 100.0, "%"),
    ],
)
def test_comparator_with_number_and_unit_is_parsed(
    cell: str, comparator: str, value: float, unit: str
) -> None:
    assert parse_target(cell) == Target(cell, "numeric", comparator, value, unit)


@pytest.mark.parametrize(
    ("cell", "value", "unit"),
    [
        ("2人", 2.0, "人"),
        ("100%", 100.0, "%"),
        ("1次/年", 1.0, "次/年"),
        ("52457平方米", 52457.0, "平方米"),
        ("324.98万元", 324.98, "万元"),
        ("3家", 3.0, "家"),
        ("0", 0.0, None),
    ],
)
def test_plain_number_with_unit_means_equal(cell: str, value: float, unit: str | None) -> None:
    assert parse_target(cell) == Target(cell, "numeric", "=", value, unit)


@pytest.mark.parametrize(("cell", "comparator"), [("≥90", "≥"), ("<3", "<"), ("85", "=")])
def test_number_without_unit_has_no_unit(cell: str, comparator: str) -> None:
    target = parse_target(cell)
    assert (target.kind, target.comparator, target.unit) == ("numeric", comparator, None)


@pytest.mark.parametrize(
    ("cell", "comparator", "value", "unit"),
    [
        (">=63家", "≥", 63.0, "家"),
        ("<=1268万元", "≤", 1268.0, "万元"),
        ("＞85%", ">", 85.0, "%"),
        ("＜5%", "<", 5.0, "%"),
        ("≧63家", "≥", 63.0, "家"),
        ("≦1268万元", "≤", 1268.0, "万元"),
        ("＝100%", "=", 100.0, "%"),
        ("==100%", "=", 100.0, "%"),
        ("≥６３家", "≥", 63.0, "家"),
        ("＞８５％", ">", 85.0, "%"),
        ("１００％", "=", 100.0, "%"),
        ("＞＝６３家", "≥", 63.0, "家"),
        ("≤１９．９万元", "≤", 19.9, "万元"),
    ],
)
def test_full_width_and_ascii_variants_mean_the_same(
    cell: str, comparator: str, value: float, unit: str
) -> None:
    target = parse_target(cell)
    assert (target.kind, target.comparator, target.value, target.unit) == (
        "numeric",
        comparator,
        value,
        unit,
    )
    assert target.raw == cell


@pytest.mark.parametrize(
    ("cell", "value", "unit"),
    [
        ("22,000元", 22000.0, "元"),
        ("≤22,000元", 22000.0, "元"),
        ("1,268万元", 1268.0, "万元"),
        ("10,000,000元", 10_000_000.0, "元"),
        ("1,234.5万元", 1234.5, "万元"),
        ("22，000元", 22000.0, "元"),
    ],
)
def test_thousands_separators_are_ignored(cell: str, value: float, unit: str) -> None:
    target = parse_target(cell)
    assert (target.kind, target.value, target.unit) == ("numeric", value, unit)


@pytest.mark.parametrize("cell", ["12,34元", "1,2,3次", "1,2345元"])
def test_misplaced_separators_are_unparsed(cell: str) -> None:
    assert parse_target(cell).kind == "unparsed"


@pytest.mark.parametrize(
    ("cell", "value", "unit"),
    [("19.9万元", 19.9, "万元"), ("0.6万吨", 0.6, "万吨"), ("≥99.5%", 99.5, "%")],
)
def test_decimals_are_parsed(cell: str, value: float, unit: str) -> None:
    target = parse_target(cell)
    assert (target.kind, target.value, target.unit) == ("numeric", value, unit)


@pytest.mark.parametrize(
    "cell", ["  ≥63家  ", "\t≥63家\n", "\u3000≥63家\u3000", "≥ 63 家", "≥63\u200b家"]
)
def test_white_space_around_and_inside_is_ignored(cell: str) -> None:
    target = parse_target(cell)
    assert (target.kind, target.comparator, target.value, target.unit) == (
        "numeric",
        "≥",
        63.0,
        "家",
    )
    assert target.raw == cell.strip()


@pytest.mark.parametrize(
    ("cell", "comparator", "value", "unit"),
    [
        ("不低于90%", "≥", 90.0, "%"),
        ("不少于10次", "≥", 10.0, "次"),
        ("不超过500万元", "≤", 500.0, "万元"),
        ("大于等于60人", "≥", 60.0, "人"),
        ("大于60人", ">", 60.0, "人"),
        ("低于5%", "<", 5.0, "%"),
        ("90%以上", "≥", 90.0, "%"),
        ("90%及以上", "≥", 90.0, "%"),
        ("5%以下", "≤", 5.0, "%"),
        ("30日内", "≤", 30.0, "日"),
        ("3个月以内", "≤", 3.0, "个月"),
        ("≥90%以上", "≥", 90.0, "%"),
    ],
)
def test_comparators_in_words_are_understood(
    cell: str, comparator: str, value: float, unit: str
) -> None:
    target = parse_target(cell)
    assert (target.kind, target.comparator, target.value, target.unit) == (
        "numeric",
        comparator,
        value,
        unit,
    )


@pytest.mark.parametrize(("cell", "value"), [("≥-5%", -5.0), ("-3%", -3.0), ("+2%", 2.0)])
def test_signed_numbers_keep_their_sign(cell: str, value: float) -> None:
    assert parse_target(cell).value == value


def test_negative_zero_is_stored_as_zero() -> None:
    value = parse_target("-0%").value
    assert value == 0.0
    assert value is not None and math.copysign(1.0, value) == 1.0


def test_every_numeric_comparator_is_canonical() -> None:
    assert COMPARATORS == ("≥", "≤", ">", "<", "=")
    for cell in ["≥1", "≤1", ">1", "<1", "1", ">=1", "<=1", "≧1", "≦1", "＞1", "＜1", "＝1"]:
        assert parse_target(cell).comparator in COMPARATORS


# --- time targets ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "year", "month", "qualifier"),
    [
        ("2024年10月", 2024, 10, None),
        ("2024年6月", 2024, 6, None),
        ("2024年8月底", 2024, 8, "月底"),
        ("2024年5月底", 2024, 5, "月底"),
        ("2024年10月底", 2024, 10, "月底"),
        ("12月底前", None, 12, "月底前"),
        ("6月", None, 6, None),
        ("2024年9月前", 2024, 9, "月前"),
        ("2024年10月前完成", 2024, 10, "月前完成"),
        ("2024年10月15日", 2024, 10, "月15日"),
        ("2024年10月15日前", 2024, 10, "月15日前"),
        ("２０２４年１０月", 2024, 10, None),
        ("2024年 10月", 2024, 10, None),
    ],
)
def test_month_targets_are_time(
    cell: str, year: int | None, month: int, qualifier: str | None
) -> None:
    assert parse_target(cell) == Target(
        cell, "time", time_year=year, time_month=month, time_qualifier=qualifier
    )


@pytest.mark.parametrize(
    ("cell", "qualifier"),
    [("2024年", None), ("2024年底", "年底"), ("2024年底前", "年底前"), ("2024年度", "年度")],
)
def test_year_targets_are_time(cell: str, qualifier: str | None) -> None:
    assert parse_target(cell) == Target(cell, "time", time_year=2024, time_qualifier=qualifier)


@pytest.mark.parametrize(
    ("cell", "month", "qualifier"),
    [
        ("2024.10", 10, None),
        ("2024-10", 10, None),
        ("2024/10", 10, None),
        ("2024-10-31", 10, "月31日"),
        ("2024.12前", 12, "月前"),
    ],
)
def test_separated_dates_are_time(cell: str, month: int, qualifier: str | None) -> None:
    assert parse_target(cell) == Target(
        cell, "time", time_year=2024, time_month=month, time_qualifier=qualifier
    )


@pytest.mark.parametrize(
    "cell",
    ["每季度", "每月", "每年", "每周", "每半年", "按月", "及时", "按时", "按期", "及时足额拨付"],
)
def test_frequencies_and_timeliness_are_time(cell: str) -> None:
    assert parse_target(cell) == Target(cell, "time", time_qualifier=cell)


@pytest.mark.parametrize("cell", ["年底前", "年内完成", "上半年", "第三季度"])
def test_deadline_words_are_time(cell: str) -> None:
    assert parse_target(cell) == Target(cell, "time", time_qualifier=cell)


@pytest.mark.parametrize(
    "cell", ["2024年13月", "2024年0月", "13月", "2024年10月32日", "2024年预算数", "2024年合计"]
)
def test_impossible_or_non_dates_that_look_like_dates_are_unparsed(cell: str) -> None:
    assert parse_target(cell) == Target(cell, "unparsed")


def test_decimal_that_cannot_be_a_month_stays_a_number() -> None:
    target = parse_target("2000.50")
    assert (target.kind, target.value) == ("numeric", 2000.5)


def test_comparator_with_months_is_a_duration_not_a_date() -> None:
    target = parse_target("≤6个月")
    assert (target.kind, target.comparator, target.value, target.unit) == (
        "numeric",
        "≤",
        6.0,
        "个月",
    )


# --- qualitative, empty, unparsed --------------------------------------------------------------


@pytest.mark.parametrize(
    "cell",
    [
        "提高",
        "促进",
        "带动",
        "保障",
        "加快",
        "激发",
        "助力",
        "吸引",
        "提升",
        "显著提高",
        "有所提升",
        "良好",
        "较好",
        "满意",
        "达标",
        "合格",
        "当年预算安排",
        "不少于三家",
        "≥",
        "m²",
    ],
)
def test_verbs_are_qualitative(cell: str) -> None:
    assert parse_target(cell) == Target(cell, "qualitative")


@pytest.mark.parametrize("cell", [None, "", " ", "\t\n", "\u3000", "\u200b"])
def test_missing_or_blank_cells_are_empty(cell: str | None) -> None:
    target = parse_target(cell)
    assert target.kind == "empty"
    assert target.raw == ("" if cell is None else cell.strip())
    assert target.value is None and target.comparator is None


@pytest.mark.parametrize(
    "cell",
    [
        "约5-6次",
        "1-2次",
        "5~6次",
        "5至6次",
        "约5次",
        "90%左右",
        "≥90%以下",
        "≥≥5",
        "5≥",
        "5.",
        "±5%",
        "≥63家；≥10个",
        "108-晋城市科学技术局",
        "≤2024年10月",
        "9" * 400,
    ],
)
def test_numbers_that_fit_no_pattern_are_unparsed_and_kept(cell: str) -> None:
    assert parse_target(cell) == Target(cell, "unparsed")


def test_raw_keeps_the_published_spelling() -> None:
    assert parse_target(" ＞８５％ ").raw == "＞８５％"


def test_non_text_is_a_type_error() -> None:
    with pytest.raises(TypeError, match=r"^parse_target expects str or None, got float$"):
        parse_target(85.0)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("cell", "month", "qualifier"),
    [
        ("2024年1月1日", 1, "月1日"),
        ("2024年12月31日", 12, "月31日"),
        ("2024/1/1", 1, "月1日"),
        ("2024.1", 1, None),
        ("2024/12/31", 12, "月31日"),
    ],
)
def test_the_first_and_last_month_and_day_are_dates(
    cell: str, month: int, qualifier: str | None
) -> None:
    assert parse_target(cell) == Target(
        cell, "time", time_year=2024, time_month=month, time_qualifier=qualifier
    )


def test_past_the_last_month_or_day_is_no_date() -> None:
    assert parse_target("2024.13") == Target("2024.13", "numeric", comparator="=", value=2024.13)
    assert parse_target("2024/10/32") == Target("2024/10/32", "unparsed")
    assert parse_target("2024年1月32日") == Target("2024年1月32日", "unparsed")


# --- money units -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "unit", "wan"),
    [
        (22000.0, "元", 2.2),
        (1268.0, "万元", 1268.0),
        (40.0, "亿元", 400_000.0),
        (19.9, "万元", 19.9),
        (5000.0, "千元", 500.0),
        (3.0, "百万元", 300.0),
        (2.0, "千万元", 2000.0),
        (1.0, " 万元 ", 1.0),
    ],
)
def test_money_units_convert_to_wan(value: float, unit: str, wan: float) -> None:
    assert to_base_amount_wan(value, unit) == pytest.approx(wan)


@pytest.mark.parametrize("unit", [None, "", "%", "家", "人", "平方米", "元/人", "万吨"])
def test_non_money_units_do_not_convert(unit: str | None) -> None:
    assert to_base_amount_wan(1.0, unit) is None


@pytest.mark.parametrize(
    ("cell", "wan"), [("≤22,000元", 2.2), ("≤1268万元", 1268.0), ("≥40亿元", 400_000.0)]
)
def test_parsed_money_targets_convert_to_wan(cell: str, wan: float) -> None:
    target = parse_target(cell)
    assert target.value is not None
    assert to_base_amount_wan(target.value, target.unit) == pytest.approx(wan)


# --- satisfies ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "actual", "expected"),
    [
        ("≥63家", 63, True),
        ("≥63家", 70, True),
        ("≥63家", 62, False),
        ("≤1268万元", 1268, True),
        ("≤1268万元", 1300, False),
        (">85%", 85, False),
        (">85%", 85.1, True),
        ("<5%", 5, False),
        ("<5%", 4.9, True),
        ("100%", 100, True),
        ("100%", 99.9, False),
        ("2人", 2, True),
        ("≥0.3", 0.1 + 0.2, True),
        ("0.3", 0.1 + 0.2, True),
        ("≤0.3", 0.1 + 0.2, True),
        (">0.3", 0.1 + 0.2, False),
    ],
)
def test_satisfies_compares_actual_with_numeric_target(
    cell: str, actual: float, expected: bool
) -> None:
    assert satisfies(parse_target(cell), actual) is expected


@pytest.mark.parametrize("cell", ["2024年10月", "每季度", "提高", "", "1-2次"])
def test_satisfies_cannot_judge_non_numeric_targets(cell: str) -> None:
    assert satisfies(parse_target(cell), 1.0) is None


def test_satisfies_cannot_judge_nan() -> None:
    assert satisfies(parse_target("≥63家"), math.nan) is None


def test_satisfies_below_a_target_of_less_than_is_false_above_it() -> None:
    assert satisfies(parse_target("<5%"), 6.0) is False
    assert satisfies(parse_target(">85%"), 84.0) is False


def test_a_computed_zero_meets_a_target_of_zero() -> None:
    """0.1 + 0.2 - 0.3 is 5.55e-17, not 0: the absolute tolerance makes it equal to 0."""
    assert satisfies(parse_target("0次"), 0.1 + 0.2 - 0.3) is True
    assert satisfies(parse_target("≤0次"), 0.1 + 0.2 - 0.3) is True
    assert satisfies(parse_target("<0次"), 0.1 + 0.2 - 0.3) is False


def test_satisfies_needs_a_numeric_kind_a_value_and_a_comparator() -> None:
    assert satisfies(Target("5", "numeric", comparator=None, value=5.0), 4.0) is None
    assert satisfies(Target("5", "numeric", comparator="<", value=None), 4.0) is None
    assert satisfies(Target("x", "unparsed", comparator="≥", value=5.0), 6.0) is None
    assert satisfies(Target("5", "numeric", comparator="<", value=5.0), 4.0) is True


# --- properties --------------------------------------------------------------------------------

_TARGET_LIKE = st.builds(
    "".join,
    st.lists(
        st.sampled_from(
            ["≥", "≤", ">", "<", "=", "＞", "≧", "不低于", "-", ".", ",", "，", "％", "%", "年",
             "月", "日", "底", "前", "以上", "内", "万元", "元", "家", "/", "次", "每", "季度",
             "及时", " ", "\u3000", "0", "1", "2", "9", "１", "2024", "12"]
        ),
        max_size=8,
    ),
)  # fmt: skip


@given(st.one_of(st.text(), _TARGET_LIKE))
def test_garbage_never_raises(cell: str) -> None:
    target = parse_target(cell)
    assert target.raw == cell.strip()
    assert target.kind in KINDS


@given(st.one_of(st.text(), _TARGET_LIKE))
def test_parsed_fields_match_the_kind(cell: str) -> None:
    target = parse_target(cell)
    if target.kind == "numeric":
        assert target.comparator in COMPARATORS
        assert target.value is not None and math.isfinite(target.value)
        assert target.unit is None or target.unit != ""
    else:
        assert (target.comparator, target.value, target.unit) == (None, None, None)
    if target.kind != "time":
        assert (target.time_year, target.time_month, target.time_qualifier) == (None, None, None)
    if target.time_month is not None:
        assert 1 <= target.time_month <= 12
    if target.kind == "qualitative":
        assert not any(ch.isdigit() for ch in target.raw if ch.isascii())


@given(st.one_of(st.text(), _TARGET_LIKE))
def test_parsing_is_idempotent_on_raw(cell: str) -> None:
    assert parse_target(parse_target(cell).raw) == parse_target(cell)
