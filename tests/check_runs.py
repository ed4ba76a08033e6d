"""One reconciliation family run on rows made for a test, and its results as tuples of the
fields the test compares (shared by the value tests of the check modules)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from budgetlens.check_core import Checker

# what a value test holds each result to: its kind, subject, both sides, their difference, the
# tolerance allowed, the status and the lines it names
FIELDS = (
    "check_kind",
    "subject",
    "expected",
    "actual",
    "difference",
    "tolerance",
    "status",
    "source_lines",
)


def run(family: Callable[[Checker, dict], object], rows: dict, rule_set: str | None = None):
    """The results (dicts) of ``family`` on ``rows``."""
    c = Checker(rule_set)
    family(c, rows)
    return c.results


def brief(results: list[dict], fields: Sequence[str] = FIELDS) -> list[tuple]:
    """Each result as the tuple of its ``fields``."""
    return [tuple(r[f] for f in fields) for r in results]


def function_row(
    table, code, name, line, total, basic=None, project=None, level=None, **more
) -> dict:
    """An ``expenditure_function``-shaped row: level from the code (类 3 digits: 1, 款 5: 2, 项 7:
    3; no code: 0, the 合计) unless given."""
    return {
        "table_key": table,
        "code": code,
        "name": name,
        "level": level if level is not None else (0 if code is None else len(code) // 2),
        "total_wan": total,
        "basic_wan": basic,
        "project_wan": project,
        "source_line": line,
        **more,
    }
