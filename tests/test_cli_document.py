"""deck and workbook for one of two documents of a department-year (部门预算 and 单位预算)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation

from budgetlens import cli, pipeline

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
DEPARTMENT = "上海市普陀区商务委员会"


@pytest.fixture(scope="module")
def two_documents(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("two") / "budget.duckdb"
    pdfs = [
        *sorted((CORPUS / "sh-putuo-swj-2025-budget-dept").glob("*.pdf")),
        *sorted((CORPUS / "sh-putuo-swj-2025-budget-unit").glob("*.pdf")),
    ]
    pipeline.ingest(pdfs, path)
    return path


@pytest.mark.parametrize("command", ["deck", "workbook"])
def test_two_documents_of_a_department_year_need_document(
    two_documents: Path, tmp_path: Path, capsys, command: str
) -> None:
    out = tmp_path / ("x.pptx" if command == "deck" else "x.xlsx")
    args = [command, "-o", str(out), "--department", DEPARTMENT, "--year", "2025"]
    assert cli.main([*args, "--db", str(two_documents)]) == 2
    err = capsys.readouterr().err
    assert "--document" in err and f"{DEPARTMENT}-2025-预算-单位" in err
    assert not out.exists()


def test_document_picks_the_unit_budget(two_documents: Path, tmp_path: Path) -> None:
    out = tmp_path / "unit.pptx"
    document = f"{DEPARTMENT}-2025-预算-单位"
    assert (
        cli.main(["deck", "-o", str(out), "--document", document, "--db", str(two_documents)]) == 0
    )
    titles = " ".join(
        shape.text_frame.text
        for slide in Presentation(str(out)).slides
        for shape in slide.shapes
        if shape.has_text_frame
    )
    assert "单位" in titles
