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
