"""A PDF given without the rest of its document is refused in one sentence, never a traceback.

Jiangsu publishes a department's budget as two PDFs: the narrative (说明, whose contents list the
tables' titles) and the tables. The narrative given alone has table titles and no figures; it
must be refused naming the file and what was expected (before this test it raised KeyError).
A corpus PDF cut down to its last pages (the narrative and the first tables gone) is refused the
same way or loads with 收入总计 equal to 支出总计.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from budgetlens import cli, pipeline
from budgetlens.errors import IngestError
from tests.conftest import CORPUS

NARRATIVE = CORPUS / "js-rdbgt-2019" / "江苏省人大办公厅--江苏省人大常委会2019年度部门预算公开.pdf"


def test_a_narrative_given_without_its_tables_is_refused() -> None:
    with pytest.raises(IngestError) as err:
        pipeline.read_pdfs([NARRATIVE])
    message = str(err.value)
    assert NARRATIVE.name in message
    assert "narrative" in message and "tables file" in message


def test_the_command_line_says_so_in_one_sentence(tmp_path: Path, capsys) -> None:
    db = tmp_path / "budget.duckdb"
    assert cli.main(["ingest", str(NARRATIVE), "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "Traceback" not in err
    assert not db.exists()


@pytest.mark.parametrize("slug", ["sh-putuo-swj-2025-budget-dept", "hz-qxj-2026-budget-dept"])
def test_a_pdf_cut_to_its_second_half_loads_balanced_or_is_refused(tmp_path: Path, slug) -> None:
    (source,) = sorted((CORPUS / slug).glob("*.pdf"))
    reader = PdfReader(str(source))
    writer = PdfWriter()
    for page in reader.pages[len(reader.pages) // 2 :]:
        writer.add_page(page)
    cut = tmp_path / f"cut-{source.name}"
    with cut.open("wb") as fh:
        writer.write(fh)
    try:
        docs = pipeline.read_pdfs([cut])
    except IngestError as exc:
        assert cut.name in str(exc)
        return
    for parsed, _ in docs:
        figures = {f["key"]: f["value"] for f in parsed.rows["key_figure"]}
        assert figures["revenue_total"] == figures["expenditure_total"]
