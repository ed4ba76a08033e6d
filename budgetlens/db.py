"""The DuckDB database: schema, atomic loads, read-only connections.

A load replaces everything of one department and year inside a single transaction: either the
whole document is in the database afterwards, or the database is exactly as it was.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

import duckdb
import pandas as pd

from budgetlens import settings as settings_module
from budgetlens.errors import DatabaseError, DatabaseMissing, database_error, missing_message
from budgetlens.ingest import Parsed, now
from budgetlens.settings import Settings

SCHEMA_SQL = Path(__file__).with_name("schema.sql").read_text(encoding="utf-8")
# Tables are created with "if not exists", which never changes an existing table: a database
# built by an older schema is recognised by this fingerprint and refused with a clear message.
SCHEMA_VERSION = hashlib.sha256(SCHEMA_SQL.encode("utf-8")).hexdigest()[:12]


class SchemaMismatch(DatabaseError):
    """The database was built with another version of budgetlens/schema.sql."""

    def __init__(self, message: str, path: str | Path = "") -> None:
        super().__init__(path, message)


# Every table that holds rows of a document, in load order (document last: it marks completion).
DOCUMENT_TABLES = (
    "source_table",
    "budget_unit",
    "expenditure_function",
    "revenue_function",
    "summary_item",
    "expenditure_economic",
    "fiscal_item",
    "project_budget",
    "procurement_item",
    "performance_table",
    "performance_fund",
    "performance_indicator",
    "key_figure",
    "prior_year_figure",
    "execution_note",
    "glossary_term",
    "service_catalogue",
    "text_section",
    "parse_note",
    "raw_cell",
    "source_location",
    "check_result",
    "document",
)


def connect(
    path: str | Path | None = None,
    *,
    read_only: bool = False,
    settings: Settings | None = None,
) -> duckdb.DuckDBPyConnection:
    """Open the database at ``path`` (default: the settings' database, $BUDGETLENS_DB or
    data/budget.duckdb); in write mode create the folder and the schema when missing.

    Read-only connections (the dashboard's and every command that only reads) never create a
    file; they switch off external access and extension loading, bound each query's memory and
    time (:meth:`Settings.read_only_config`), and lock the configuration, so that no query can
    reach outside the database file or run away with the server.

    Raises :class:`~budgetlens.errors.DatabaseMissing` when a read-only open finds no file,
    :class:`SchemaMismatch` for a database of another schema version, and another
    :class:`~budgetlens.errors.DatabaseError` (locked by another process, not a DuckDB file, disk
    full, …) for what DuckDB refuses; each message names the file and says what to do.
    """
    settings = settings or settings_module.current()
    path = Path(path) if path is not None else settings.db
    if read_only:
        if not path.exists():
            raise DatabaseMissing(path, missing_message(path))
        try:
            con = duckdb.connect(str(path), read_only=True, config=settings.read_only_config())
        except duckdb.Error as exc:
            raise database_error(exc, path, read_only=True) from exc
        try:
            _check_version(con, path)
        except BaseException:
            con.close()
            raise
        return con
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        con = duckdb.connect(str(path))
    except (duckdb.Error, OSError) as exc:
        raise database_error(exc, path, read_only=False) from exc
    try:
        _ensure_schema(con, path)
    except SchemaMismatch:
        con.close()
        raise
    except duckdb.Error as exc:
        con.close()
        raise database_error(exc, path, read_only=False) from exc
    except BaseException:
        con.close()
        raise
    return con


def _check_version(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Raise SchemaMismatch unless the database was built with this schema version."""
    has_info = con.execute(
        "select count(*) from information_schema.tables where table_name = 'schema_info'"
    ).fetchone()[0]
    found = con.execute("select version from schema_info").fetchone() if has_info else None
    if found is None or found[0] != SCHEMA_VERSION:
        raise _mismatch(path, found[0] if found else None)


def _mismatch(path: Path, found: str | None) -> SchemaMismatch:
    return SchemaMismatch(
        f"{path} was built with another version of the BudgetLens schema "
        f"({found or 'unversioned'}, this is {SCHEMA_VERSION}); "
        "build it again: remove it and run 'budgetlens ingest' (or 'make db')",
        path,
    )


def _ensure_schema(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Create the schema in a new database, or check that an existing one has this version.

    Raises SchemaMismatch (naming the file and what to do) for a database of another version.
    """
    has_tables = con.execute(
        "select count(*) from information_schema.tables where table_name = 'document'"
    ).fetchone()[0]
    has_info = con.execute(
        "select count(*) from information_schema.tables where table_name = 'schema_info'"
    ).fetchone()[0]
    found = con.execute("select version from schema_info").fetchone() if has_info else None
    if has_tables and (found is None or found[0] != SCHEMA_VERSION):
        raise _mismatch(path, found[0] if found else None)
    con.execute(SCHEMA_SQL)
    if not has_info:
        con.execute("create table schema_info (version varchar not null)")
        con.execute("insert into schema_info values ($v)", {"v": SCHEMA_VERSION})


def table_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    rows = con.execute(
        "select column_name from information_schema.columns where table_name = $t "
        "order by ordinal_position",
        {"t": table},
    ).fetchall()
    return [r[0] for r in rows]


def _frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    # Decimals travel as text and are cast by DuckDB into DECIMAL columns: exact, no float step.
    data = {
        c: [(str(r.get(c)) if isinstance(r.get(c), Decimal) else r.get(c)) for r in rows]
        for c in columns
    }
    return pd.DataFrame(data, columns=columns, dtype=object)


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: Iterable[dict]) -> int:
    rows = list(rows)
    if not rows:
        return 0
    columns = [c for c in table_columns(con, table) if any(c in r for r in rows)]
    frame = _frame(rows, columns)
    con.register("_incoming", frame)
    try:
        cols = ", ".join(columns)
        # table names come from DOCUMENT_TABLES, never from input
        con.execute(f"insert into {table} ({cols}) select {cols} from _incoming")
    finally:
        # after a failed insert the transaction is aborted and unregistering fails too: the
        # insert's own error is the one to see
        with contextlib.suppress(duckdb.Error):
            con.unregister("_incoming")
    return len(rows)


def load(con: duckdb.DuckDBPyConnection, parsed: Parsed, checks: list[dict]) -> dict[str, int]:
    """Replace the department-year of ``parsed`` with its rows and reconciliation results.

    All in one transaction; on any error the transaction is rolled back and the error re-raised.
    Returns the number of rows written per table.
    """
    counts: dict[str, int] = {}
    key = {"document": parsed.document}
    con.execute("begin transaction")
    try:
        for table in DOCUMENT_TABLES:
            con.execute(f"delete from {table} where document = $document", key)
        for table in DOCUMENT_TABLES:
            counts[table] = insert_rows(con, table, _document_rows(parsed, checks, table))
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    return counts


def _document_rows(parsed: Parsed, checks: list[dict], table: str) -> list[dict]:
    """Rows of one document for ``table``, keyed, as :func:`load` writes them."""
    key = {"department": parsed.department, "year": parsed.year, "document": parsed.document}
    if table == "document":
        return [
            {
                **key,
                "document_id": parsed.document_id,
                "government": parsed.government,
                "kind": parsed.kind,
                "scope": parsed.scope,
                "layout": parsed.layout,
                "unit": parsed.unit,
                "source_files": "; ".join(Path(f).name for f in parsed.files),
                "title": parsed.title,
                "source_file": Path(parsed.files[0]).name,
                "sha256": parsed.source.sha256,
                "line_count": len(parsed.source),
                "synthetic": parsed.synthetic,
                "ingested_at": now(),
            }
        ]
    if table == "check_result":
        return [{**key, "document_id": parsed.document_id, **c} for c in checks]
    return parsed.keyed(table)


def load_many(
    con: duckdb.DuckDBPyConnection,
    documents: Iterable[tuple[Parsed, list[dict]]],
    *,
    batch_size: int = 200,
) -> dict[str, int]:
    """Load many documents (each with its reconciliation results), one transaction per batch.

    The bulk path of :func:`load`: per-document loads spend most of their time on the fixed cost
    of ~36 statements per document, so a batch deletes and inserts each table once for all of its
    documents. Each batch is atomic, so every document is either completely in the database or
    not at all (a crash loses at most the batch in flight, never part of a document). Within the
    input a later document for the same department and year replaces an earlier one, as repeated
    :func:`load` calls would. Returns the number of rows written per table.
    """
    counts: dict[str, int] = dict.fromkeys(DOCUMENT_TABLES, 0)
    batch: dict[str, tuple[Parsed, list[dict]]] = {}

    def flush() -> None:
        if not batch:
            return
        keys = pd.DataFrame({"document": list(batch)})
        con.register("_batch_keys", keys)
        con.execute("begin transaction")
        try:
            for table in DOCUMENT_TABLES:
                # table names come from DOCUMENT_TABLES, never from input
                con.execute(
                    f"delete from {table} where exists (select 1 from _batch_keys k "
                    f"where k.document = {table}.document)"
                )
            for table in DOCUMENT_TABLES:
                rows = [r for p, c in batch.values() for r in _document_rows(p, c, table)]
                counts[table] += insert_rows(con, table, rows)
            con.execute("commit")
        except BaseException:
            con.execute("rollback")
            raise
        finally:
            con.unregister("_batch_keys")
        batch.clear()

    for parsed, checks in documents:
        key = parsed.document
        if key in batch:
            # the same department-year twice in one batch: the later document wins, as with load
            flush()
        batch[key] = (parsed, checks)
        if len(batch) >= batch_size:
            flush()
    flush()
    return counts


def replace_checks(con: duckdb.DuckDBPyConnection, doc: dict, checks: list[dict]) -> None:
    """Store a fresh reconciliation for one document (a ``document`` row; one transaction)."""
    key = {"department": doc["department"], "year": doc["year"], "document": doc["document"]}
    con.execute("begin transaction")
    try:
        con.execute(
            "delete from check_result where document = $document", {"document": doc["document"]}
        )
        insert_rows(
            con, "check_result", [{**key, "document_id": doc["document_id"], **c} for c in checks]
        )
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise


def fetch_dicts(con: duckdb.DuckDBPyConnection, sql: str, params: dict | None = None) -> list[dict]:
    cur = con.cursor()
    try:
        cur.execute(sql, params or {})
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
    finally:
        cur.close()


def document_rows(con: duckdb.DuckDBPyConnection, document: str) -> dict[str, list[dict]]:
    """Every row of one document, per table, in source order (as the checks want them)."""
    out = {}
    for table in DOCUMENT_TABLES:
        if table in ("document", "check_result", "source_location"):
            continue
        out[table] = fetch_dicts(
            con,
            f"select * from {table} where document = $document order by source_line, rowid",
            {"document": document},
        )
    return out


def documents(con: duckdb.DuckDBPyConnection) -> list[dict]:
    return fetch_dicts(con, "select * from document order by department, year, kind, scope")


def document_of(con: duckdb.DuckDBPyConnection, department: str, year: int) -> str | None:
    """The document id of a department-year: its 部门 document when both a 部门 and a 单位
    document are loaded, else the one there is; None when there is none."""
    from budgetlens.queries import load_sql

    rows = fetch_dicts(con, load_sql("document_of"), {"department": department, "year": year})
    return rows[0]["document"] if rows else None
