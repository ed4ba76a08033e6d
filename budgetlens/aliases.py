"""Department aliases: one budget department published under several names, as data.

``budgetlens/reference/department_aliases.csv`` says, per government, which department a published
name stands for. Queries that follow a department across years (``queries/catalogue.sql``) read it
as the relation ``department_alias`` (government, published, department), which
:mod:`budgetlens.queries` registers beside the database whenever a query names it. Documents keep
the name they were published under; only the grouping uses the alias.
"""

from __future__ import annotations

import csv
import functools
from pathlib import Path

import pandas as pd

DEPARTMENT_ALIASES = Path(__file__).resolve().parent / "reference" / "department_aliases.csv"
COLUMNS = ("government", "published", "department")


def read_aliases(path: Path) -> pd.DataFrame:
    """The alias table at ``path`` as a frame of ``government, published, department``.

    Raises ValueError naming the file and line when a row lacks a column, when a published name
    stands for two departments of one government, or when a department is itself an alias (a
    chain: every name must lead to its department in one step); OSError when it cannot be read.
    """
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    seen: dict[tuple[str, str], str] = {}
    for line, row in enumerate(rows, start=2):
        values = [(row.get(c) or "").strip() for c in COLUMNS]
        if not all(values):
            raise ValueError(f"{path}:{line}: expected {', '.join(COLUMNS)}, got {row!r}")
        government, published, department = values
        if published == department:
            raise ValueError(f"{path}:{line}: {published!r} is given as an alias of itself")
        known = seen.setdefault((government, published), department)
        if known != department:
            raise ValueError(
                f"{path}:{line}: {published!r} ({government}) stands for both {known!r} "
                f"and {department!r}"
            )
    for (government, _), department in seen.items():
        if (government, department) in seen:
            raise ValueError(
                f"{path}: {department!r} ({government}) is a department and an alias of "
                f"{seen[(government, department)]!r}: list every name against its department"
            )
    return pd.DataFrame(
        [(g, p, d) for (g, p), d in seen.items()], columns=list(COLUMNS), dtype="string"
    )


@functools.cache
def department_aliases() -> pd.DataFrame:
    """The bundled alias table (read once per process; treat as read-only)."""
    return read_aliases(DEPARTMENT_ALIASES)
