"""Named SQL queries: one ``queries/<name>.sql`` file per query, run with named parameters.

The dashboard never writes SQL inline: it asks for a query by name. Names are checked against a
strict pattern before any file is read, so a name coming from a URL can never reach outside the
``queries`` folder (the repository's top-level ``queries/``, or its copy inside an installed
wheel: :func:`budgetlens.resources.queries_dir`). This module must not import streamlit (the
library stays UI-free).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

import duckdb
import pandas as pd

from budgetlens import aliases, resources

_NAME = re.compile(r"^[a-z0-9_]+$")


# Reference tables kept as data beside the database, by the relation name a query reads them under;
# registered on the query's cursor only when its text names them.
def _function_classes() -> pd.DataFrame:
    from budgetlens import export  # export runs queries: imported when first needed

    return export.function_classes()


REFERENCE_RELATIONS: dict[str, Callable[[], pd.DataFrame]] = {
    "department_alias": aliases.department_aliases,
    "function_class": functools.cache(_function_classes),
}


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
    connection do not step on each other's result sets. A reference relation the query names
    (:data:`REFERENCE_RELATIONS`) is registered on that cursor first.
    """
    sql = load_sql(name)
    cur = con.cursor()
    try:
        for relation, load in REFERENCE_RELATIONS.items():
            if relation in sql:
                cur.register(relation, load())
        cur.execute(sql, params)
        return cur.fetch_df()
    finally:
        cur.close()
