"""Budget against actual (预算执行): a department-year's 预算 beside its 决算.

The comparison itself is SQL (``queries/execution_*.sql``); this module runs it for one document
(either the 预算 or the 决算: the other is found by department, year and scope) and says which
of the two is missing, for the dashboard page, the deck and the workbook. It never imports
streamlit.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from budgetlens import queries

KINDS = ("预算", "决算")


@dataclass(frozen=True)
class Execution:
    """The pair of documents and the comparison tables (empty when a document is missing)."""

    budget_document: str | None
    final_document: str | None
    by_function: pd.DataFrame  # queries/execution_function.sql
    basic_project: pd.DataFrame  # queries/execution_basic_project.sql
    three_public: pd.DataFrame  # queries/execution_three_public.sql

    @property
    def missing(self) -> str | None:
        """预算 or 决算 when that document is not loaded (None when both are)."""
        if self.budget_document is None:
            return "预算"
        if self.final_document is None:
            return "决算"
        return None


def pair(con: duckdb.DuckDBPyConnection, document: str) -> dict:
    """The 预算 and 决算 ids and titles for ``document``'s department, year and scope (None where
    not loaded). Raises ValueError for a document that is not in the database."""
    rows = queries.run(con, "execution_pair", document=document)
    row = rows.iloc[0].to_dict()  # one row, its values null when no document matches
    if pd.isna(row["department"]):
        raise ValueError(f"no document {document!r} in the database")
    return {k: (None if pd.isna(v) else v) for k, v in row.items()}


def comparison(con: duckdb.DuckDBPyConnection, document: str) -> Execution:
    """Budget against actual for ``document`` (its 预算 or its 决算). The tables are empty when
    either document is missing (see :attr:`Execution.missing`). Raises ValueError for a
    document that is not in the database."""
    p = pair(con, document)
    both = p["budget_document"] is not None and p["final_document"] is not None

    def run(name: str) -> pd.DataFrame:
        frame = queries.run(con, name, document=document)
        return frame if both else frame.iloc[0:0]

    return Execution(
        p["budget_document"],
        p["final_document"],
        run("execution_function"),
        run("execution_basic_project"),
        run("execution_three_public"),
    )


def biggest_differences(frame: pd.DataFrame, n: int = 5, level: int = 2) -> pd.DataFrame:
    """The ``n`` rows of ``execution_function`` at ``level`` (1 类, 2 款) whose actual differs most
    from the budget, largest absolute difference first (rows that differ by nothing left out)."""
    rows = frame[(frame["level"] == level) & (frame["difference_wan"] != 0)]
    order = rows["difference_wan"].astype(float).abs().sort_values(ascending=False).index
    return rows.loc[order].head(n)
