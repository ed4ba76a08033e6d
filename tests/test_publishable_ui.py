"""The dashboard's small helpers for what people see: tables that put names and amounts first,
downloads named in the UI's language, pies without slivers, source notes that never break
inside a number, markdown that shows names as written."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest

from ui import components
from ui.i18n import t as translate


@pytest.fixture(params=["zh", "en"])
def lang(request, monkeypatch) -> str:
    monkeypatch.setattr(components, "t", lambda key: translate(key, request.param))
    return request.param


def test_tables_put_names_and_amounts_first(lang: str) -> None:
    t = lambda key: translate(key, lang)  # noqa: E731
    df = pd.DataFrame(
        {
            t("col.code"): ["206"],
            t("col.level"): ["类"],
            t("col.name"): ["科学技术支出"],
            t("col.total_wan"): [3686.33],
            t("col.source_line"): [204],
            t("col.page"): [9],
        }
    )
    out = components.reading_order(df)
    assert list(out.columns) == [
        t("col.name"),
        t("col.total_wan"),
        t("col.code"),
        t("col.level"),
        t("col.source_line"),
        t("col.page"),
    ]
    assert out.iloc[0].tolist() == ["科学技术支出", 3686.33, "206", "类", 204, 9]


def test_downloads_are_named_in_the_ui_language(lang: str) -> None:
    assert components.table_label("expenditure_function") == translate(
        "table.expenditure_function", lang
    )
    assert components.table_label("project_funds_科技计划项目") == (
        translate("table.project_funds", lang) + "-科技计划项目"
    )
    assert "_" not in components.table_label("indicators_annual_科技计划项目")


def test_slivers_under_one_percent_are_summed_as_other(lang: str) -> None:
    labels, values = components.without_slivers(
        ["一般公共预算", "上年结转", "事业收入", "其他收入"],
        [4264.29, 2.62, 1.00, 500],
    )
    other = translate("term.other", lang)
    assert labels == ["一般公共预算", "其他收入", other]
    assert values == [4264.29, 500.0, 3.62]
    # nothing to group: all slices kept
    assert components.without_slivers(["a", "b"], [60, 40]) == (["a", "b"], [60.0, 40.0])


@pytest.mark.parametrize(
    "text",
    [
        "来源：晋城市科学技术局2024年度部门预算公开，表3（2024年预算支出总表）第201–224行",
        "Source: 晋城市科学技术局2024年度部门预算公开, table 3 (2024年预算支出总表), lines 201–224",
        "来源：某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某12,345.67万元以及更多文字",
    ],
)
def test_source_notes_never_break_inside_a_number_or_word(text: str) -> None:
    lines = components._wrap(text)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    # no line ends inside a number or a Latin word: 12,3|45.67 or ta|ble
    for a, b in itertools.pairwise(lines):
        joint = a[-1] + b[0]
        assert not (joint.isascii() and joint.isalnum()), (a, b)
        assert not (a[-1].isdigit() and b[0] in ".,"), (a, b)
        assert not (a[-1] in ".," and b[0].isdigit()), (a, b)


def test_markdown_shows_names_as_written() -> None:
    assert components.escape_md("a*b_[c]") == "a\\*b\\_\\[c\\]"
    assert components.escape_md(None) == ""
