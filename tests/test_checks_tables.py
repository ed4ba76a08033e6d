"""Each check family of the PDF layouts finds a contradiction put into a real document.

The documents are read from the corpus PDFs; one figure is changed in the rows (as a document
with that error would read) and the family must report a mismatch naming it, while the
unchanged document gives none of that kind.
"""

from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path

import pytest

from budgetlens import checks
from tests.conftest import corpus_documents

CORPUS = Path(__file__).parent / "fixtures" / "corpus"


@pytest.fixture(scope="module")
def unit_doc():
    """A Shanghai 单位预算 whose 收支总表 splits 支出 into 人员经费 and 公用经费."""
    return corpus_documents("sh-putuo-swj-2025-budget-unit")[0]


def _mismatches(rows: dict, kind: str) -> list[dict]:
    return [
        r
        for r in checks.run_checks(rows, "shanghai-budget")
        if r["status"] == "mismatch" and r["check_kind"] == kind
    ]


def _bump(row: dict, column: str) -> None:
    row[column] = Decimal(row[column]) + Decimal(1)


def _first(rows: list[dict], **where) -> dict:
    return next(r for r in rows if all(r.get(k) == v for k, v in where.items()))


CASES = [
    # (family's check_kind, table, selector, column, words the subject names)
    (
        "balance",
        "summary_item",
        {"table_key": "income_expense_summary", "item": "支出总计"},
        "amount_wan",
        "收入总计",
    ),
    (
        "cross_table",
        "expenditure_function",
        {"table_key": "expenditure_total", "code": "206"},
        "total_wan",
        "收支总表",
    ),
    (
        "cross_table",
        "expenditure_economic",
        {"table_key": "basic_economic", "row_kind": "total"},
        "personnel_wan",
        "人员经费",
    ),
    (
        "subtotal",
        "expenditure_economic",
        {"table_key": "basic_economic", "code": "30101"},
        "total_wan",
        "basic_economic 301",
    ),
    (
        "cross_table",
        "expenditure_economic",
        {"table_key": "basic_economic", "row_kind": "total"},
        "total_wan",
        "基本支出经济分类表 合计 = 一般公共预算支出表",
    ),
    (
        "three_public",
        "fiscal_item",
        {"table_key": "three_public", "label": "公务接待费"},
        "total_wan",
        "“三公”经费 合计",
    ),
]


@pytest.mark.parametrize(("kind", "table", "where", "column", "words"), CASES)
def test_family_reports_a_changed_figure(unit_doc, kind, table, where, column, words) -> None:
    assert not [r for r in _mismatches(unit_doc.rows, kind) if words in r["subject"]]
    rows = copy.deepcopy(unit_doc.rows)
    _bump(_first(rows[table], **where), column)
    assert [r for r in _mismatches(rows, kind) if words in r["subject"]]


def test_a_rounding_below_one_yuan_in_a_yuan_table_is_no_mismatch(unit_doc) -> None:
    """Tables in 元 are compared in 元: 0.5 元 off is rounding, 2 元 off a mismatch."""
    rows = copy.deepcopy(unit_doc.rows)
    row = _first(rows["expenditure_function"], table_key="expenditure_total", code="206")
    row["total_wan"] = Decimal(row["total_wan"]) + Decimal("0.00005")
    results = checks.run_checks(rows, "shanghai-budget")
    about = [r for r in results if "expenditure_total 206 " in r["subject"]]
    statuses = [r["status"] for r in about]
    assert "rounding" in statuses and "mismatch" not in statuses
    row["total_wan"] = Decimal(row["total_wan"]) + Decimal("0.0002")
    results = checks.run_checks(rows, "shanghai-budget")
    about = [r for r in results if "expenditure_total 206 " in r["subject"]]
    assert "mismatch" in [r["status"] for r in about]
