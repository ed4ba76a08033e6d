"""``budgetlens.ingest``'s helpers on texts made for the case: where a part's heading is, what the
contents (目录) list. Each expected value is read off the lines the test writes."""

from __future__ import annotations

from budgetlens.ingest import _heading_line, _toc_entries
from budgetlens.source import SourceText


def text(*lines: str) -> SourceText:
    return SourceText("made.txt", list(lines), "0" * 64)


def test_a_heading_is_found_on_the_first_and_on_the_last_line():
    assert _heading_line(text("第一部分 部门概况", "x"), "第一部分") == 1
    assert _heading_line(text("x", "y", "第四部分 名词解释"), "第四部分") == 3
    assert _heading_line(text("x", "y"), "第四部分") is None


def test_a_heading_is_searched_from_the_line_given_and_never_in_the_contents():
    src = text("第四部分 名词解释……12", "第四部分\t9", "第四部分 名词解释", "x", "第四部分 附")
    assert _heading_line(src, "第四部分") == 3
    assert _heading_line(src, "第四部分", 4) == 5
    assert _heading_line(src, "第四部分", 6) is None


def test_contents_entries_are_read_from_line_1_to_line_120_without_their_page_numbers():
    lines = ["x"] * 125
    lines[0] = "第一部分 部门概况……1"
    lines[9] = "表一 收支总表\t3"
    lines[119] = "第四部分 名词解释...20"  # line 120: still read
    lines[120] = "表二 收入总表……21"  # line 121: not
    assert _toc_entries(text(*lines)) == [
        (1, "第一部分 部门概况"),
        (10, "表一 收支总表"),
        (120, "第四部分 名词解释"),
    ]


def test_contents_entries_of_a_short_text_include_its_last_line():
    assert _toc_entries(text("x", "目录", "表一 收支总表……3")) == [(3, "表一 收支总表")]
    assert _toc_entries(text("表一 收支总表……3", "x")) == [(1, "表一 收支总表")]
