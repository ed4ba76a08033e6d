"""Documents of nine more provinces and a central department (issue 16), in the national layout.

Every one must either load with its 收入总计 and 支出总计 equal to what a person read from the
page, or be refused with a sentence naming the file and what was expected — never crash. Which
documents load today is recorded in ``LOADS``: a document that stops loading, or starts loading,
fails the test until the list is brought up to date. Their table-by-table values are compared
by tests/test_corpus.py once their layout is read completely (see the issue's closing notes).
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from budgetlens.errors import IngestError
from budgetlens.source import norm
from tests.conftest import corpus_documents

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
NATIONAL = sorted(
    p
    for p in CORPUS.iterdir()
    if p.is_dir() and not p.name.startswith(("sh-", "js-")) and (p / "hand_read.csv").exists()
)
LOADS = {
    "bj-jmrh-2026-budget-dept",
    "bj-xfb-2026-budget-dept",
    "cc-xfj-2026-budget-dept",
    "cn-gjxfj-2024-final-dept",
    "cn-gjxfj-2026-budget-dept",
    "cq-slj-2026-budget-dept",
    "cq-xcb-2026-budget-dept",
    "cs-xfj-2026-budget-dept",
    "cs-zjjd-2026-budget-dept",
    "fz-jgzd-2026-budget-unit",
    "fz-xtj-2026-budget-unit",
    "hz-qxj-2026-budget-dept",
    "hz-sfj-2026-budget-dept",
    "sz-xfj-2026-budget-dept",
    "sz-ybj-2026-budget-dept",
    "xa-ajj-2019-budget-dept",
    "xa-xcb-2021-budget-dept",
    "yt-mzj-2026-budget-dept",
    "yt-sjj-2026-budget-dept",
}
TOTAL_LABELS = {"收入总计", "支出总计", "收入合计", "支出合计", "合计", "总计"}
SCALE = {"万元": Decimal(1), "元": Decimal(10000)}


def _hand_totals(folder: Path) -> set[Decimal]:
    """The amounts a person read on the rows of the summary table that close a side."""
    with open(folder / "hand_read.csv", encoding="utf-8") as fh:
        return {
            Decimal(r["value"].replace(",", "")) / SCALE[r["unit"]]
            for r in csv.DictReader(fh)
            if r["section"] == "summary"
            and r["value"].strip()
            and norm(r["label"]).rstrip(":：") in TOTAL_LABELS
        }


def test_the_national_corpus_is_here() -> None:
    assert len(NATIONAL) >= 18
    assert {p.name for p in NATIONAL} >= LOADS


@pytest.mark.parametrize("folder", NATIONAL, ids=lambda p: p.name)
def test_loads_with_its_totals_or_is_refused_with_a_reason(folder: Path) -> None:
    try:
        docs = corpus_documents(folder.name)
    except IngestError as exc:
        text = str(exc)
        assert ".pdf" in text and "expected" in text, text
        assert folder.name not in LOADS, f"{folder.name} no longer loads: {text}"
        return
    assert folder.name in LOADS, f"{folder.name} loads now: add it to LOADS"
    assert len(docs) == 1
    figures = {f["key"]: f["value"] for f in docs[0].rows["key_figure"]}
    hand = _hand_totals(folder)
    assert figures["revenue_total"] == figures["expenditure_total"]
    assert figures["revenue_total"] in hand, (figures["revenue_total"], hand)
