"""The helpers of the pages over many documents (ui/many.py) on rows made for the case, every
expected text and figure worked out by hand."""

from __future__ import annotations

import math

import pytest

from ui import many


def rows(n: int, **columns: list) -> list[dict]:
    return [{"title": f"D{i}", **{k: v[i] for k, v in columns.items()}} for i in range(n)]


def test_a_chart_source_names_each_document_and_its_page_or_line() -> None:
    recs = rows(3, total_page=[None, 9, math.nan], total_line=[120, None, 7])
    assert (
        many.chart_source(recs, "total", "支出总计")
        == "来源：支出总计，D0 第120行；D1 第9页；D2 第7行"
    )


def test_a_chart_source_names_up_to_six_documents_then_points_to_the_table() -> None:
    six = rows(6, three_public_page=[1, 2, 3, 4, 5, 6])
    assert many.chart_source(six, "three_public", "“三公”经费") == (
        "来源：“三公”经费，D0 第1页；D1 第2页；D2 第3页；D3 第4页；D4 第5页；D5 第6页"
    )
    # seven located among nine: the count is of the located ones only
    seven = rows(9, three_public_page=[1, None, 3, 4, math.nan, 6, 7, 8, 9])
    assert many.chart_source(seven, "three_public", "“三公”经费") == (
        "来源：“三公”经费，7 份文件，各文件页码（第几页）见下表“原文位置”列"
    )


def test_a_chart_source_without_a_located_figure_says_so() -> None:
    recs = rows(2, total_page=[None, math.nan], total_line=[None, None])
    assert many.chart_source(recs, "total", "支出总计") == "来源：支出总计，文件未载明"
    assert many.chart_source([], "total", "支出总计") == "来源：支出总计，文件未载明"


@pytest.mark.parametrize(
    ("part", "whole", "want"),
    [(25, 200, 12.5), (0, 50, 0.0), (5, 0, None), (None, 10, None), (3, math.nan, None)],
)
def test_share_is_a_percentage_of_the_whole(part, whole, want) -> None:
    assert many.share(part, whole) == want


@pytest.mark.parametrize(
    ("amount", "count", "want"),
    [(90, 4, 22.5), (90, 0, None), (90, -2, None), (None, 3, None), (90, math.nan, None)],
)
def test_per_divides_by_a_positive_count(amount, count, want) -> None:
    assert many.per(amount, count) == want
