"""BudgetLens from Python: load documents, list them, read a table, run the reconciliation.

For scripts and notebooks (examples: docs/api.md, executed by the tests)::

    from budgetlens import api

    api.ingest(["jincheng-kejiju-2024.txt"], db="budget.duckdb")
    api.documents(db="budget.duckdb")
    api.table("expenditure_function", db="budget.duckdb", department="晋城市科学技术局")
    api.reconcile(db="budget.duckdb")

Every function takes ``db`` (default: the settings' database, $BUDGETLENS_DB, else
data/budget.duckdb under the current directory). Only :func:`ingest` writes; the others open the
database read-only for the call and close it again, so they work while the dashboard serves the
same file, and never create one. Results are pandas DataFrames; amounts, DECIMAL in the database,
arrive as float64 (DuckDB's conversion), as in the dashboard.

Errors: :class:`~budgetlens.errors.IngestError` for a file that is not a complete disclosure
(nothing is written), :class:`~budgetlens.errors.DatabaseError` for a database that cannot be
used (missing, locked by a writer, not a DuckDB file, another schema version, disk full), each
with a message that says what to do; ValueError for a table name that does not exist.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

import duckdb
import pandas as pd

from budgetlens import checks, pipeline, settings
from budgetlens import db as _db

# Every table a document's rows live in (docs/data-model.md describes each one's grain).
TABLES: tuple[str, ...] = _db.DOCUMENT_TABLES


def ingest(paths: Iterable[str | Path], db: str | Path | None = None) -> pd.DataFrame:
    """Parse, validate, reconcile and load disclosure text files, as ``budgetlens ingest`` does:
    every file is read completely before the database is touched (created when missing), then
    all the documents are loaded in one transaction, each replacing the same document.

    Returns one row per document loaded: path, department, year, synthetic, rows written and the
    reconciliation's ok / rounding / mismatch counts. Raises IngestError or DatabaseError.
    """
    result = pipeline.ingest(list(paths), _database(db))
    columns = list(pipeline.Loaded.__dataclass_fields__)
    return pd.DataFrame([asdict(d) for d in result.documents], columns=columns)


def documents(db: str | Path | None = None) -> pd.DataFrame:
    """The documents the database holds, one row each (department, year, title, source file,
    its sha256, line count, synthetic flag, when it was ingested), by department and year.
    Raises DatabaseError."""
    with _reading(db) as con:
        return _frame(con, "select * from document order by department, year", {})


def tables() -> list[str]:
    """The names :func:`table` accepts."""
    return list(TABLES)


def table(
    name: str,
    db: str | Path | None = None,
    *,
    department: str | None = None,
    year: int | None = None,
) -> pd.DataFrame:
    """Every row of table ``name`` (one of :func:`tables`), optionally of one department and/or
    year, in the order it was loaded (source order). Raises ValueError for an unknown table name
    and DatabaseError."""
    if name not in TABLES:
        raise ValueError(f"no table {name!r}; the tables are: {', '.join(TABLES)}")
    # the table name is one of TABLES (checked above), never free text
    sql = (
        f"select * from {name} where ($department is null or department = $department) "
        "and ($year is null or year = $year) order by department, year, rowid"
    )
    with _reading(db) as con:
        return _frame(con, sql, {"department": department, "year": year})


def reconcile(
    db: str | Path | None = None,
    *,
    department: str | None = None,
    year: int | None = None,
) -> pd.DataFrame:
    """Run the reconciliation (docs/reconciliation.md) again on what the database holds, for
    every document or the ones of ``department`` and/or ``year``, without storing it.

    Returns one row per check: department, year, status (ok, rounding, mismatch, unjudged),
    check kind, subject, expected, actual, difference, the source lines, a detail text and the
    rule set applied. Raises DatabaseError.
    """
    rows = []
    with _reading(db) as con:
        for doc, results in reconciliations(con, department=department, year=year):
            rows += [{"department": doc["department"], "year": doc["year"], **r} for r in results]
    frame = pd.DataFrame(rows)
    if frame.empty:
        return pd.DataFrame(columns=["department", "year", "status", "check_kind", "subject"])
    return frame


def reconciliations(
    con: duckdb.DuckDBPyConnection, *, department: str | None = None, year: int | None = None
) -> Iterator[tuple[dict, list[dict]]]:
    """(document row, fresh check results) for each document matching department and year, as
    the command line's ``check`` and :func:`reconcile` compute them."""
    for doc in _db.documents(con):
        if (department is None or doc["department"] == department) and (
            year is None or doc["year"] == year
        ):
            rows = _db.document_rows(con, doc["document"])
            yield doc, checks.run_checks(rows, doc["layout"])


def _database(path: str | Path | None) -> Path:
    return settings.current().with_db(path).db


@contextmanager
def _reading(path: str | Path | None) -> Iterator[duckdb.DuckDBPyConnection]:
    con = _db.connect(_database(path), read_only=True)
    try:
        yield con
    finally:
        con.close()


def _frame(con: duckdb.DuckDBPyConnection, sql: str, params: dict) -> pd.DataFrame:
    cur = con.cursor()
    try:
        cur.execute(sql, params)
        return cur.fetch_df()
    finally:
        cur.close()
