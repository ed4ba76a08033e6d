"""A table the layout does not require, in a shape its reader does not know, does not stop a
document from loading: it is kept as published (raw cells) and said in a parse note. A required
table that cannot be read still refuses the document, naming file, page and table (issue 16)."""

from __future__ import annotations

from pathlib import Path

import pytest

from budgetlens import pdf_ingest
from budgetlens.errors import IngestError

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
FILES = sorted((CORPUS / "cq-slj-2026-budget-dept").glob("*.pdf"))


def _failing_for(key: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the 功能分类 reader fail on the table ``key`` only."""
    read = pdf_ingest._READERS["function"]

    def reader(t, rows, *args):
        if t.decl.key == key:
            raise IngestError(t.file, "a shape this test breaks on purpose", table=t.title)
        return read(t, rows, *args)

    monkeypatch.setitem(pdf_ingest._READERS, "function", reader)


def test_an_unreadable_optional_table_is_kept_raw_and_said(monkeypatch) -> None:
    _failing_for("gov_fund_expenditure", monkeypatch)
    (doc,) = pdf_ingest.parse_pdfs(FILES)
    notes = [n for n in doc.rows["parse_note"] if n["table_key"] == "gov_fund_expenditure"]
    assert notes and "a shape this test breaks on purpose" in notes[0]["message"]
    assert any(r["table_key"] == "gov_fund_expenditure" for r in doc.rows["raw_cell"])
    assert not any(
        r["table_key"] == "gov_fund_expenditure" for r in doc.rows["expenditure_function"]
    )
    # the rest of the document is read as before
    figures = {f["key"]: f["value"] for f in doc.rows["key_figure"]}
    assert figures["revenue_total"] == figures["expenditure_total"]


def test_an_unreadable_required_table_refuses_the_document(monkeypatch) -> None:
    _failing_for("general_budget_expenditure", monkeypatch)
    with pytest.raises(IngestError, match="a shape this test breaks on purpose"):
        pdf_ingest.parse_pdfs(FILES)
