"""绩效目标表 of national-template PDFs against values read by hand from the page images (issue 16).

Each folder's ``hand_read.csv`` rows with ``section=performance`` (see the folder's NOTES.md):
``label=项目数`` the number of project forms; ``label=项目名称`` a project's name; a row with a
``unit`` a fund figure of the project named in ``table``; any other row an indicator of that
project (``label`` its 三级指标, ``column`` its 二级指标, ``value`` its 指标值 as printed). Every
figure must come with a source line on the page the hand reading names.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from budgetlens.source import norm
from tests.conftest import corpus_documents

CORPUS = Path(__file__).parent / "fixtures" / "corpus"


def _hand(name: str) -> list[dict]:
    with open(CORPUS / name / "hand_read.csv", encoding="utf-8") as fh:
        return [r for r in csv.DictReader(fh) if r["section"] == "performance"]


FOLDERS = sorted(
    f.name for f in CORPUS.iterdir() if (f / "hand_read.csv").exists() and _hand(f.name)
)


def _page(doc, line: int) -> int:
    return next(s["page"] for s in doc.rows["source_location"] if s["line"] == line)


def test_documents_of_three_provinces_are_hand_read() -> None:
    assert {f.split("-")[0] for f in FOLDERS} >= {"fz", "yt", "bj"}


@pytest.mark.parametrize("name", FOLDERS)
def test_projects_match_the_hand_reading(name: str) -> None:
    (doc,) = corpus_documents(name)
    tables = doc.rows["performance_table"]
    for row in _hand(name):
        if row["label"] == "项目数":
            assert len(tables) == int(row["value"]), row
        elif row["label"] == "项目名称":
            hits = [t for t in tables if t["project"] == row["value"]]
            assert hits, f"{name}: project {row['value']} not read"
            assert int(row["page"]) in {_page(doc, t["source_line"]) for t in hits}, row
            assert all(not t["is_department"] for t in hits)


@pytest.mark.parametrize("name", FOLDERS)
def test_funds_match_the_hand_reading(name: str) -> None:
    (doc,) = corpus_documents(name)
    funds = doc.rows["performance_fund"]
    rows = [r for r in _hand(name) if r["unit"]]
    assert rows, f"{name}: no fund figure hand-read"
    for row in rows:
        assert row["unit"] == "万元"
        hits = [
            f
            for f in funds
            if f["project"] == row["table"]
            and norm(f["label"]) == norm(row["label"])
            and _page(doc, f["source_line"]) == int(row["page"])
        ]
        assert len(hits) == 1, (row, hits)
        assert hits[0]["amount_yuan"] == Decimal(row["value"].replace(",", "")) * 10000, row


@pytest.mark.parametrize("name", FOLDERS)
def test_indicators_match_the_hand_reading(name: str) -> None:
    (doc,) = corpus_documents(name)
    indicators = doc.rows["performance_indicator"]
    rows = [r for r in _hand(name) if not r["unit"] and r["label"] not in ("项目数", "项目名称")]
    if not rows:
        pytest.skip(f"{name}: indicators not read for this layout (see docs/layouts.md)")
    for row in rows:
        hits = [
            i
            for i in indicators
            if i["project"] == row["table"]
            and i["name"] == row["label"]
            and _page(doc, i["source_line"]) == int(row["page"])
        ]
        assert len(hits) == 1, (row, hits)
        ind = hits[0]
        assert norm(ind["target_raw"]) == norm(row["value"]), row
        assert ind["level2_raw"] == row["column"], row
        assert ind["placed"], row


def test_targets_are_parsed_as_the_text_layout_parses_them() -> None:
    (doc,) = corpus_documents("fz-xtj-2026-budget-unit")
    by_name = {i["name"]: i for i in doc.rows["performance_indicator"]}
    hours = by_name["直升机空中执勤时长"]
    assert (hours["target_kind"], hours["comparator"], hours["target_value"]) == (
        "numeric",
        "≥",
        80.0,
    )
    assert hours["target_unit"] == "小时"
    odd = by_name["特警伙食补贴标准"]
    assert odd["target_kind"] == "unparsed" and odd["problem"]


def test_a_list_shaped_table_keeps_its_indicators_raw_with_a_note() -> None:
    (doc,) = corpus_documents("bj-xfb-2026-budget-dept")
    assert doc.rows["performance_indicator"] == []
    notes = [n["message"] for n in doc.rows["parse_note"] if n["table_key"] == "performance"]
    assert any("kept as raw cells" in m for m in notes)
    raw = {norm(c["text"]) for c in doc.rows["raw_cell"] if c["table_key"] == "performance"}
    assert "因公出国(境)次数" in raw
