"""Reconciliation: a disclosure checked against itself.

The registry of which rule families each layout's documents get (:data:`RULE_SETS`) and the
entry point (:func:`run_checks`). The engine — statuses, the result collector, the rules declared
in ``budgetlens/rules/*.toml`` — is :mod:`budgetlens.check_core`; the families are in
:mod:`budgetlens.checks_tables` (within a table), :mod:`budgetlens.checks_cross` (between tables),
:mod:`budgetlens.checks_narrative` (the prose) and :mod:`budgetlens.checks_performance` (the
绩效目标表). Statuses: ``ok``, ``rounding``, ``mismatch`` (the document contradicts itself) and
``unjudged`` (a value the check needs is missing or was not read; the detail says which).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from budgetlens import (
    check_core,
    checks_cross,
    checks_final,
    checks_narrative,
    checks_performance,
    checks_tables,
)
from budgetlens.check_core import STATUSES, Checker, dec, summarise, unit_cent

__all__ = [
    "FAMILIES",
    "RULE_SETS",
    "STATUSES",
    "Checker",
    "dec",
    "rule_set",
    "rule_set_name",
    "run_checks",
    "summarise",
    "unit_cent",
]

log = logging.getLogger(__name__)

# Every family by name (a family: fn(checker, rows) adding results).
FAMILIES: dict[str, Callable] = {
    **checks_tables.FAMILIES,
    **checks_cross.FAMILIES,
    **checks_narrative.FAMILIES,
    **checks_performance.FAMILIES,
    **checks_final.FAMILIES,
}

# The families each layout's documents get ("identities": the equalities declared in
# budgetlens/rules/*.toml for that layout). What each family needs is declared in
# budgetlens/rules/families.toml, and every bundled or corpus document of a layout named here
# must have it (tests/test_check_rules.py). The Jincheng text layout gets every family; the PDF
# layouts get the identities within and between the tables their readers give (the Jincheng
# cross-table and narrative families compare columns those layouts name differently, and would
# report our reading gaps as contradictions). Jiangsu's budgets have no all-funds table by
# function, so no summary_vs_function. A layout without an entry gets "pdf": each of its
# families runs on what the document has.
_PDF_TABLES = (
    "function_tables",
    "summary_balance",
    "summary_vs_function",
    "summary_vs_economic",
    "economic_tables",
    "basic_economic_vs_function",
    "three_public_parts",
)
RULE_SETS: dict[str, tuple[str, ...]] = {
    "jincheng-text": (
        "function_tables",
        "revenue_table",
        "summary_tables",
        "cross_tables",
        "names",
        "economic",
        "economic_function",
        "fiscal_items",
        "projects",
        "performance_funds",
        "cost_indicators",
        "periods",
        "repeated_measures",
        "identities",
        "narrative",
        "prose_sums",
        "prose_quantities",
        "prose_counts",
    ),
    "shanghai-budget": (*_PDF_TABLES, "identities", "prose_sums"),
    "jiangsu-budget": (
        *(f for f in _PDF_TABLES if f != "summary_vs_function"),
        "identities",
        "prose_sums",
    ),
    # (the national template's 三公 tables with year groups, funds or carry-over columns are read
    # for the budget year: grid.read_three_public)
    # (the projects: where a document lists them, 项目支出表 or a list-shaped 绩效目标表; the
    # 政府采购 total the narrative states against the 政府采购预算表, the layout declaring how the
    # narrative words it: layouts/national-budget.toml [[narrative_figures]])
    "national-budget": (
        *_PDF_TABLES,
        "project_lists",
        "projects_vs_function",
        "procurement_narrative",
        "identities",
        "prose_sums",
    ),
    "pdf": (*_PDF_TABLES, "identities", "prose_sums"),
    # a 决算: the PDF families without the budgets' 三公 one, and budgetlens/checks_final.py's
    "national-final": (
        "function_tables",
        "summary_balance",
        "summary_vs_function",
        "economic_tables",
        "final_balance",
        "final_tables_vs_summary",
        "final_personnel_public",
        "final_three_public",
        "final_narrative",
    ),
}


def rule_set_name(layout: str) -> str:
    """The name of the rule set documents of ``layout`` get (the layout's own, else "pdf")."""
    return layout if layout in RULE_SETS else "pdf"


def rule_set(layout: str) -> tuple[str, ...]:
    """The check families applied to documents of ``layout``."""
    return RULE_SETS[rule_set_name(layout)]


def run_checks(rows: dict[str, list[dict]], layout: str = "jincheng-text") -> list[dict]:
    """Run the reconciliation of ``layout``'s rule set on one document's rows; returns
    check_result rows, each naming the rule set applied (``rule_set``). Raises KeyError for a
    rule set naming a family no module registers.

    A family that fails on rows it was not written for (a published document in a shape nobody
    foresaw) does not stop the load: its partial results are dropped, one ``not_run`` result
    with status ``unjudged`` says so, the others run, and the failure is logged with the family's
    name and traceback.
    """
    c = Checker(rule_set_name(layout))
    for name in rule_set(layout):
        c.project = None  # each family sets it for the checks that are about one table
        family = (
            (lambda c, rows: check_core.run_identities(c, rows, layout))
            if name == "identities"
            else FAMILIES[name]
        )
        start = len(c.results)
        try:
            family(c, rows)
        except Exception:  # reported as a result and logged, never swallowed
            _not_run(c, name, start)
    return c.results


def _not_run(c: Checker, name: str, start: int) -> None:
    log.warning("check family %s could not run", name, exc_info=True)
    del c.results[start:]
    c.project = None
    c.unjudged("not_run", "这一组核对", [], "表格形式超出这一组核对的适用范围，未能运行")
