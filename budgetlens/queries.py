"""Named SQL queries: one ``queries/<name>.sql`` file per query, run with named parameters.

The dashboard never writes SQL inline: it asks for a query by name. Names are checked against a
strict pattern before any file is read, so a name coming from a URL can never reach outside the
``queries`` folder (the repository's top-level ``queries/``, or its copy inside an installed
wheel: :func:`budgetlens.resources.queries_dir`). This module must not import streamlit (the
library stays UI-free).
"""

from __future__ import annotations

import re

import duckdb
import pandas as pd

from budgetlens import resources

_NAME = re.compile(r"^[a-z0-9_]+$")


def load_sql(name: str) -> str:
    """Return the text of ``queries/<name>.sql``.

    Raises ValueError when the name is not lowercase letters, digits and underscores, or when no
    such query file exists; resources.ResourcesMissing when the installation has no queries.
    """
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise ValueError(f"invalid query name {name!r}: expected [a-z0-9_]+")
    path = resources.queries_dir() / f"{name}.sql"
    if not path.is_file():
        raise ValueError(f"no query named {name!r} (looked for {path})")
    return path.read_text(encoding="utf-8")


def run(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> pd.DataFrame:
    """Run the named query with named parameters and return the rows as a DataFrame.

    Each call uses its own cursor (closed afterwards) so that concurrent sessions sharing one
    connection do not step on each other's result sets.
    """
    sql = load_sql(name)
    cur = con.cursor()
    try:
        cur.execute(sql, params)
        return cur.fetch_df()
    finally:
        cur.close()
