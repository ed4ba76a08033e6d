"""The budget-against-actual sheet of a workbook (:mod:`budgetlens.workbook`): written when the
预算 and the 决算 of the document's department, year and scope are both loaded.

One row per 功能分类 类 and 款 (and the 合计), then the 基本/项目 parts and the “三公” items, each
with 预算数, 决算数, 差额 and 执行率 as :func:`budgetlens.execution.comparison` reads them, and the
source line of each figure in its own document. Nothing here imports streamlit.
"""

from __future__ import annotations

from typing import Any

import duckdb

from budgetlens import execution, vocabulary

SHEET = "sheet.execution"  # vocabulary keys: the workbook shows them in its language
# the 基本/项目 parts of queries/execution_basic_project.sql, by the vocabulary's names
PARTS = {"basic": "source.basic", "project": "source.project", "total": "term.total"}
SECTIONS = {
    "function": "section.function",
    "basic_project": "section.basic_project",
    "three_public": "term.three_public",
}
# (row key, header, kind) — kinds as budgetlens.workbook.Col takes them; every header is a key
# of budgetlens/reference/vocabulary.csv, so the sheet is headed in the workbook's language
COLUMNS = (
    ("section", "col.section", "text"),
    ("code", "col.code", "text"),
    ("name", "col.code_or_item", "text"),
    ("budget_wan", "col.budgeted_wan", "amount"),
    ("actual_wan", "col.actual_wan", "amount"),
    ("difference_wan", "col.difference_wan", "amount"),
    ("execution_rate", "col.execution_rate_pct", "number"),
    ("budget_line", "col.budget_line", "int"),
    ("actual_line", "col.actual_line", "int"),
)


def _clean(v: Any) -> Any:
    return None if v is None or v != v else v  # NaN / NA → blank


def execution_rows(
    con: duckdb.DuckDBPyConnection, document: str, lang: str = "zh"
) -> list[dict[str, Any]]:
    """The sheet's rows for ``document`` (its 预算 or 决算); empty when the other is not
    loaded. Sections and parts are named in ``lang``, the 科目 and “三公” items as published.
    Raises ValueError for a document not in the database."""

    def v(key: str) -> str:
        return vocabulary.label(key, lang)

    result = execution.comparison(con, document)
    if result.missing is not None:
        return []
    out = []
    for r in result.by_function.to_dict("records"):
        out.append(
            {
                "section": v(SECTIONS["function"]),
                "code": _clean(r["code"]),
                "name": ("　" * int(r["level"])) + str(r["name"]),
                **{k: _clean(r[k]) for k in ("budget_wan", "actual_wan", "difference_wan")},
                "execution_rate": _clean(r["execution_rate"]),
                "budget_line": _clean(r["budget_line"]),
                "actual_line": _clean(r["actual_line"]),
            }
        )
    for r in result.basic_project.to_dict("records"):
        out.append(
            {
                "section": v(SECTIONS["basic_project"]),
                "code": None,
                "name": v(PARTS[r["part"]]),
                **{k: _clean(r[k]) for k in ("budget_wan", "actual_wan", "difference_wan")},
                "execution_rate": _clean(r["execution_rate"]),
                "budget_line": _clean(r["budget_line"]),
                "actual_line": _clean(r["actual_line"]),
            }
        )
    for r in result.three_public.to_dict("records"):
        out.append(
            {
                "section": v(SECTIONS["three_public"]),
                "code": None,
                "name": r["label"],
                **{k: _clean(r[k]) for k in ("budget_wan", "actual_wan", "difference_wan")},
                "execution_rate": _clean(r["execution_rate"]),
                "budget_line": _clean(r["budget_line"]),
                "actual_line": _clean(r["actual_line"]),
            }
        )
    return out


# the sheet of a 决算's “三公” table: one row per item, 预算数 beside 决算数 as printed
THREE_PUBLIC_COLUMNS = (
    ("label", "col.item", "text"),
    ("budget_wan", "col.budgeted_wan", "amount"),
    ("actual_wan", "col.actual_wan", "amount"),
    ("source_line", "col.source_line", "int"),
)


def three_public_rows(fiscal_items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A 决算's 三公 rows (queries/fiscal_items.sql rows of ``three_public`` — the 决算数 — and
    ``three_public_budget`` — the 预算数) as one row per item, in printed order."""
    out: dict[str, dict[str, Any]] = {}
    for r in sorted(fiscal_items, key=lambda r: r["seq"]):
        column = {"three_public": "actual_wan", "three_public_budget": "budget_wan"}.get(
            r["table_key"]
        )
        if column is None:
            continue
        row = out.setdefault(
            r["label"],
            {"label": r["label"], "budget_wan": None, "actual_wan": None, "source_line": None},
        )
        row[column] = r["total_wan"]
        row["source_line"] = row["source_line"] or r["source_line"]
    return list(out.values())
