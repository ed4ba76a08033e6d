"""The check between years (budgetlens/checks_years.py) on rows made for each case.

Each row stands for one line of ``queries/prior_year_figures.sql``: a figure of the year before
that a document states (this year's figure less the stated change) beside the same figure of the
loaded document of that year. Every expected status, difference, subject and detail is written
here as a literal worked out by hand (the comments show the working); no corpus document is read,
so a mutant of the module runs in well under a second (tests/test_prior_year.py holds the same
check to the corpus documents read by hand, with an ingest of seven PDFs).
"""

from __future__ import annotations

import math
from decimal import Decimal

import pytest

from budgetlens import checks_years

D = Decimal


def _row(**over) -> dict:
    """A 2024 document (a PDF, page 5) stating its 2023 支出总计: 1,200.50 − 100.25 = 1,100.25
    万元, beside the loaded 2023 document's 1,100.25 (page 3)."""
    row = {
        "document": "d2024",
        "title": "2024年预算",
        "year": 2024,
        "prior_year": 2023,
        "measure": "expenditure_total",
        "source_file": "a2024.pdf",
        "source_page": 5,
        "source_line": 40,
        "this_year_wan": D("1200.50"),
        "change_wan": D("100.25"),
        "value_wan": D("1100.25"),
        "sentence": "支出总计1200.50万元，比上年增加100.25万元。",
        "loaded_document": "d2023",
        "loaded_title": "2023年预算",
        "loaded_file": "a2023.pdf",
        "loaded_page": 3,
        "loaded_line": 12,
        "loaded_wan": D("1100.25"),
    }
    row.update(over)
    return row


DETAIL_OK = (
    "2023年文件（2023年预算，a2023.pdf 第3页）：1100.25万元；"
    "2024年文件（2024年预算，a2024.pdf 第5页）所述上年数 1200.5 − (100.25) = 1100.25万元；"
    "原文：支出总计1200.50万元，比上年增加100.25万元。"
)


def test_equal_figures_are_ok_with_both_documents_in_the_detail() -> None:
    (r,) = checks_years.reconcile([_row()])
    assert r == {
        "seq": 1,
        "check_kind": "prior_year",
        "project": None,
        "subject": "2023年支出总计：2024年文件所述上年数 vs 2023年文件",
        "expected": D("1100.25"),  # the loaded document's figure
        "actual": D("1100.25"),  # the stated one
        "difference": D("0.00"),
        "tolerance": D("0.01"),
        "status": "ok",
        "source_lines": "40",
        "detail": DETAIL_OK,
        "rule_set": "years",
        "document": "d2024",
        "loaded_document": "d2023",
        "measure": "expenditure_total",
        "prior_year": 2023,
    }


@pytest.mark.parametrize(
    ("stated", "difference", "status"),
    [
        # 1,100.26 − 1,100.25 = +0.01: within the cent
        (D("1100.26"), D("0.01"), "rounding"),
        # 1,100.24 − 1,100.25 = −0.01
        (D("1100.24"), D("-0.01"), "rounding"),
        # 1,100.27 − 1,100.25 = +0.02: beyond it
        (D("1100.27"), D("0.02"), "mismatch"),
        # 1,000.25 − 1,100.25 = −100.00
        (D("1000.25"), D("-100.00"), "mismatch"),
    ],
)
def test_a_stated_figure_within_a_cent_is_rounding_beyond_it_a_mismatch(
    stated, difference, status
) -> None:
    (r,) = checks_years.reconcile([_row(value_wan=stated)])
    assert (r["expected"], r["actual"]) == (D("1100.25"), stated)
    assert r["difference"] == difference and r["tolerance"] == D("0.01")
    assert r["status"] == status


def test_figures_of_a_frame_float_and_int_are_written_without_trailing_zeros() -> None:
    """A frame gives floats (and pages as floats): 1200.5 and 100.25 as written, 900 as ``900``;
    the page 3.0 is ``第3页``."""
    (r,) = checks_years.reconcile(
        [
            _row(
                this_year_wan=1000.5,
                change_wan=100.5,
                value_wan=900,
                loaded_wan=900.0,
                loaded_page=3.0,
                source_page=5.0,
                source_line=40.0,
            )
        ]
    )
    assert r["status"] == "ok" and r["prior_year"] == 2023 and r["source_lines"] == "40"
    assert r["detail"] == (
        "2023年文件（2023年预算，a2023.pdf 第3页）：900万元；"
        "2024年文件（2024年预算，a2024.pdf 第5页）所述上年数 1000.5 − (100.5) = 900万元；"
        "原文：支出总计1200.50万元，比上年增加100.25万元。"
    )


@pytest.mark.parametrize("blank", [None, math.nan], ids=["None", "NaN"])
def test_a_text_document_is_placed_by_its_line(blank) -> None:
    """No page (a text document; NaN in a frame): ``第N行`` of the line, for either document."""
    (r,) = checks_years.reconcile(
        [
            _row(
                source_file="a2024.txt",
                source_page=blank,
                loaded_file="a2023.txt",
                loaded_page=blank,
                loaded_line=12.0,
            )
        ]
    )
    assert "（2023年预算，a2023.txt 第12行）" in r["detail"]
    assert "（2024年预算，a2024.txt 第40行）所述上年数" in r["detail"]


def test_a_change_that_is_not_a_number_is_written_blank() -> None:
    """A missing change (None) is no figure: written empty, not ``0`` or ``None``."""
    (r,) = checks_years.reconcile([_row(change_wan=None)])
    assert "所述上年数 1200.5 − () = 1100.25万元" in r["detail"]


@pytest.mark.parametrize("blank", [None, math.nan, float("nan")], ids=["None", "NaN", "nan"])
def test_a_loaded_document_without_the_figure_is_unjudged(blank) -> None:
    (r,) = checks_years.reconcile([_row(loaded_wan=blank)])
    assert r["status"] == "unjudged" and r["check_kind"] == "prior_year"
    assert r["subject"] == "2023年支出总计：2024年文件所述上年数 vs 2023年文件"
    assert (r["expected"], r["actual"], r["difference"]) == (None, None, None)
    assert r["source_lines"] == "40"
    assert r["detail"] == (
        "未读到：2023年预算中的支出总计；2024年文件所述1100.25万元（a2024.pdf 第5页）"
    )
    assert (r["document"], r["loaded_document"], r["prior_year"]) == ("d2024", "d2023", 2023)


@pytest.mark.parametrize("blank", [None, math.nan], ids=["None", "NaN"])
def test_a_figure_without_a_loaded_document_is_not_checked(blank) -> None:
    assert checks_years.reconcile([_row(loaded_document=blank)]) == []


def test_each_row_gets_its_own_result_in_order() -> None:
    """Three rows: the second has no loaded document (skipped); each result is numbered 1 in its
    own checker and keeps its own measure and documents."""
    rows = [
        _row(),
        _row(loaded_document=None),
        _row(
            document="e2025",
            year=2025,
            prior_year=2024,
            measure="three_public_total",
            loaded_document="e2024",
            value_wan=D("5.00"),
            loaded_wan=D("5.03"),
        ),
    ]
    first, second = checks_years.reconcile(rows)
    assert (first["document"], first["status"], first["seq"]) == ("d2024", "ok", 1)
    assert (second["document"], second["loaded_document"], second["seq"]) == ("e2025", "e2024", 1)
    assert second["measure"] == "three_public_total" and second["prior_year"] == 2024
    assert second["subject"] == "2024年“三公”经费：2025年文件所述上年数 vs 2024年文件"
    # 5.00 − 5.03 = −0.03: beyond the cent
    assert (second["difference"], second["status"]) == (D("-0.03"), "mismatch")
