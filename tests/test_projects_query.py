"""The 项目 page's rows (queries/projects.sql) add up to the project table's 合计 as printed.

烟台市民政局 prints 实施公车统管费用 once in its 项目支出预算情况表 but names it in several
绩效 tables; a join on those tables once showed it three times, and the page's 项目支出合计
read 2,441.28 instead of the printed 2,385.28."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import duckdb

from budgetlens import cli, queries
from tests.conftest import CORPUS, SEED

SLUG = "yt-mzj-2026-budget-dept"


def _hand_total() -> Decimal:
    """The 合计 of the 项目支出预算情况表, read by hand (hand_read.csv, p26)."""
    with open(CORPUS / SLUG / "hand_read.csv", encoding="utf-8") as fh:
        (row,) = [
            r
            for r in csv.DictReader(fh)
            if r["section"] == "project" and r["label"] == "合计" and r["column"] == "total"
        ]
    return Decimal(row["value"].replace(",", ""))


def test_project_rows_add_up_to_the_printed_total_once_each(tmp_path: Path) -> None:
    db = tmp_path / "budget.duckdb"
    pdfs = [str(p) for p in sorted((CORPUS / SLUG).glob("*.pdf"))]
    # with the Jincheng text beside it: its ten projects (3,146.12 万元) are another document's
    assert cli.main(["ingest", str(SEED), *pdfs, "--db", str(db)]) == 0
    con = duckdb.connect(str(db), read_only=True)
    try:
        (document,) = con.execute(
            "select document from document where department = '烟台市民政局'"
        ).fetchone()
        rows = queries.run(con, "projects", document=document)
        groups = con.execute(
            "select count(*) from (select distinct unit, project from project_budget"
            " where document = $d and row_kind = 'project')",
            {"d": document},
        ).fetchone()[0]
    finally:
        con.close()
    assert len(rows) == groups
    assert not rows.duplicated(["unit", "project"]).any()
    total = sum(Decimal(str(v)).quantize(Decimal("0.01")) for v in rows["total_wan"])
    assert total == _hand_total()
