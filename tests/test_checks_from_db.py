"""The reconciliation run again on what the database holds (``budgetlens check``, api.reconcile)
gives the results stored at ingest. A table's columns share one source line (收支总表: 本年预算,
编制预算 and 上年结转 on the 收入总计 line), so rows read back in an arbitrary order within a
line once made 长春市信访局's 收入总计 = 支出总计 compare 上年结转 0.00 with 1,682.76."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from budgetlens import api
from tests.conftest import CORPUS

SLUGS = ["cc-xfj-2026-budget-dept", "sh-putuo-wanli-2024-budget-dept"]


def _num(value: object) -> Decimal | None:
    if value is None or value != value:  # a frame's missing value
        return None
    return Decimal(str(value)).quantize(Decimal("0.000001"))


def _key(r: dict) -> tuple:
    return (r["check_kind"], r["subject"], r["status"], _num(r["expected"]), _num(r["actual"]))


@pytest.mark.parametrize("slug", SLUGS)
def test_checks_run_again_from_the_database_equal_those_stored_at_ingest(
    slug: str, tmp_path: Path
) -> None:
    pdfs = sorted((CORPUS / slug).glob("*.pdf"))
    if not pdfs:
        pytest.skip(f"no PDF in {CORPUS / slug}")
    db = tmp_path / "one.duckdb"
    api.ingest(pdfs, db)
    con = duckdb.connect(str(db), read_only=True)
    try:
        stored = con.execute("select * from check_result").fetch_df().to_dict("records")
    finally:
        con.close()
    again = api.reconcile(db).to_dict("records")
    assert stored and len(again) == len(stored)
    assert sorted(map(_key, again)) == sorted(map(_key, stored))
    balance = [r for r in again if r["check_kind"] == "balance"]
    assert balance and all(r["status"] == "ok" for r in balance), balance
