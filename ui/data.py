"""Cached access to the read-only database through named queries.

One read-only connection per database file is shared by all sessions (``st.cache_resource``).
Query results are cached per (database file version, query name, parameters) with a bounded
size and a TTL. A database published by rename (deploy/publish_db.sh) is a new file version: the
next rerun notices it, reopens the connection and stops using the old results.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from budgetlens import checks_years, db, queries, settings
from ui import state

Params = tuple[tuple[str, object], ...]


def db_path() -> Path:
    """The database file of the settings (budgetlens.settings): $BUDGETLENS_DB, else
    data/budget.duckdb; a relative path starts at the server's current directory."""
    return settings.current().db


def file_version(path: str | Path) -> str:
    """Inode and modification time of the file ('missing' when absent): changes on every publish."""
    try:
        info = os.stat(path)
    except OSError:
        return "missing"
    return f"{info.st_ino}-{info.st_mtime_ns}"


@dataclass
class _Handle:
    """A read-only connection and the file version it was opened on."""

    path: str
    version: str
    con: duckdb.DuckDBPyConnection


def _still_current(handle: _Handle) -> bool:
    """Cache validator: keep the connection while its file is the one at the path."""
    if file_version(handle.path) == handle.version:
        return True
    # DuckDB shares one database instance per path inside a process: the old connection must
    # be closed, or opening the path again would hand back the replaced file.
    handle.con.close()
    return False


@st.cache_resource(show_spinner=False, validate=_still_current, max_entries=8)
def _handle(path: str) -> _Handle:
    # Keyed by path so that tests pointing BUDGETLENS_DB elsewhere get their own connection.
    version = file_version(path)
    return _Handle(path, version, db.connect(path, read_only=True))


def connection() -> duckdb.DuckDBPyConnection:
    """The shared read-only connection; raises budgetlens.errors.DatabaseError (missing, locked,
    not a database, another schema version) or duckdb.Error."""
    return _handle(str(db_path())).con


# Query results are shared by every session (st.cache_resource: no pickled copy per call, which
# cost ~10% of a rerun and memory per session). Callers get a shallow copy: with pandas'
# copy-on-write (the default in pandas 3) nothing a page does to it reaches the shared frame.
@st.cache_resource(max_entries=512, ttl=3600, show_spinner=False)
def _cached(path: str, version: str, name: str, params: Params) -> pd.DataFrame:
    # ``version`` is part of the key only: results of a replaced file are never served.
    return queries.run(_handle(path).con, name, **dict(params))


def query(name: str, **params: object) -> pd.DataFrame:
    """Rows of ``queries/<name>.sql`` run with the given named parameters (cached, shared)."""
    path = str(db_path())
    # The key holds the file's version (one stat, cheaper than asking the cached connection on
    # every call); a miss opens or reopens the connection on the file as it is now.
    return _cached(path, file_version(path), name, tuple(sorted(params.items()))).copy(deep=False)


@st.cache_resource(max_entries=512, ttl=3600, show_spinner=False)
def _cached_records(path: str, version: str, name: str, params: Params) -> tuple[dict, ...]:
    return tuple(_cached(path, version, name, params).to_dict("records"))


def dept_records(name: str, **extra: object) -> tuple[dict, ...]:
    """Rows of a per-disclosure query as dicts, shared by every session: treat them as
    read-only. For lookups (key figures, tables by key), where a DataFrame is slow to build."""
    f = state.current()
    path = str(db_path())
    params = tuple(sorted({"document": f.document, **extra}.items()))
    return _cached_records(path, file_version(path), name, params)


# read on every rerun (the sidebar, the home page): a process-wide memo, as in ui.many (a hit of
# st.cache_resource costs 0.1–0.2 ms hashing its arguments, lru_cache's well under a microsecond)
@lru_cache(maxsize=8)
def _document_index(
    path: str, version: str, synthetic: bool
) -> dict[str, dict[int, dict[str, str]]]:
    docs = _cached(path, version, "documents_with_synthetic" if synthetic else "documents", ())
    index: dict[str, dict[int, dict[str, str]]] = {}
    rows = zip(docs["department"], docs["year"], docs["document"], docs["title"], strict=True)
    for department, year, document, title in rows:
        index.setdefault(str(department), {}).setdefault(int(year), {})[str(document)] = str(title)
    return index


def document_index() -> dict[str, dict[int, dict[str, str]]]:
    """The documents the dashboard can show, as department → year → document id → title
    (shared: read-only; a department-year may have a 部门 and a 单位 document).
    Never synthetic ones, unless BUDGETLENS_SHOW_SYNTHETIC=1 (set only by
    the scale benchmark, on its own database)."""
    path = str(db_path())
    synthetic = settings.current().show_synthetic
    return _document_index(path, file_version(path), synthetic)


@st.cache_resource(max_entries=64, ttl=3600, show_spinner=False)
def _page_index(path: str, version: str, document: str) -> dict[int, tuple[str, int]]:
    rows = _cached(path, version, "source_pages", (("document", document),))
    return {
        int(line): (str(file), int(page))
        for line, file, page in zip(rows["line"], rows["file"], rows["page"], strict=True)
    }


def page_index() -> dict[int, tuple[str, int]]:
    """Where each line of the current document's reading text was printed: line → (PDF file,
    page). Empty for a text document (its lines are the source), and on a page over many
    documents (the filters name none). Shared: read-only."""
    f = state.current()
    if not f.document:
        return {}
    path = str(db_path())
    return _page_index(path, file_version(path), f.document)


def dept_query(name: str, **extra: object) -> pd.DataFrame:
    """Run a per-disclosure query with the department and year currently selected."""
    f = state.current()
    return query(name, document=f.document, **extra)


def database_version() -> tuple[str, str]:
    """The database file and its version (inode and modification time)."""
    path = str(db_path())
    return path, file_version(path)


def view_key() -> tuple[str, str, str, str, str]:
    """What everything drawn for the current view depends on, besides a page's own selection:
    the database file and its version, the department, the year and the language (as the
    sidebar read them at the start of this run)."""
    f = state.current()
    return (f.database, f.version, f.document, f.title, f.lang)


@st.cache_resource(max_entries=16, ttl=3600, show_spinner=False)
def _shown(path: str, version: str, name: str, synthetic: bool) -> pd.DataFrame:
    rows = _cached(path, version, name, ())
    return rows if synthetic else rows[~rows["synthetic"]].reset_index(drop=True)


def shown_rows(name: str) -> pd.DataFrame:
    """Rows of a query over all documents (with a ``synthetic`` column), without generated
    benchmark documents unless the settings show them (BUDGETLENS_SHOW_SYNTHETIC). Shared:
    treat them as read-only."""
    path = str(db_path())
    synthetic = settings.current().show_synthetic
    return _shown(path, file_version(path), name, synthetic).copy(deep=False)


def catalogue() -> pd.DataFrame:
    """Every document the dashboard can show, with its headline figures, the page of each and its
    check counts (queries/catalogue.sql)."""
    return shown_rows("catalogue")


def prior_year_figures() -> pd.DataFrame:
    """Every prior-year figure the shown documents state in their narrative, beside the loaded
    document of that year's same figure (queries/prior_year_figures.sql)."""
    return shown_rows("prior_year_figures")


def prior_year_checks(rows: pd.DataFrame | None = None) -> list[dict]:
    """The stated prior-year figures checked against the loaded documents of their year
    (budgetlens.checks_years): those of ``rows`` (some rows of :func:`prior_year_figures`: a
    page checks its own documents' figures, not a thousand departments'), or all of them."""
    frame = prior_year_figures() if rows is None else rows
    return checks_years.reconcile(frame.to_dict("records"))


def catalogue_classes() -> pd.DataFrame:
    """Every shown document's all-funds expenditure by 类 (queries/catalogue_classes.sql)."""
    return shown_rows("catalogue_classes")


def search_all(pattern: str) -> pd.DataFrame:
    """Hits of ``pattern`` (an ILIKE pattern) in every shown document, ranked
    (queries/search_all.sql)."""
    hits = query("search_all", pattern=pattern)
    return hits if settings.current().show_synthetic else hits[~hits["synthetic"]]
