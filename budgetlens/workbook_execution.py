"""The budget-against-actual sheet of a workbook (:mod:`budgetlens.workbook`): written when the
预算 and the 决算 of the document's department, year and scope are both loaded.

One row per 功能分类 类 and 款 (and the 合计), then the 基本/项目 parts and the “三公” items, each
with 预算数, 决算数, 差额 and 执行率 as :func:`budgetlens.execution.comparison` reads them, and the
source line of each figure in its own document. Nothing here imports streamlit.
"""

from __future__ import annotations

from typing import Any

import duckdb

from budgetlens import execution

SHEET = "预算执行"
PARTS = {"basic": "基本支出", "project": "项目支出", "total": "合计"}
# (row key, header, kind) — kinds as budgetlens.workbook.Col takes them
COLUMNS = (
    ("section", "部分", "text"),
    ("code", "科目编码", "text"),
    ("name", "科目 / 项目", "text"),
    ("budget_wan", "预算数（万元）", "amount"),
    ("actual_wan", "决算数（万元）", "amount"),
    ("difference_wan", "差额（万元）", "amount"),
    ("execution_rate", "执行率（%）", "number"),
    ("budget_line", "预算文件行号", "int"),
    ("actual_line", "决算文件行号", "int"),
)


def _clean(v: Any) -> Any:
    return None if v is None or v != v else v  # NaN / NA → blank


def execution_rows(con: duckdb.DuckDBPyConnection, document: str) -> list[dict[str, Any]]:
    """The sheet's rows for ``document`` (its 预算 or 决算); empty when the other is not
    loaded. Raises ValueError for a document not in the database."""
    result = execution.comparison(con, document)
    if result.missing is not None:
        return []
    out = []
    for r in result.by_function.to_dict("records"):
        out.append(
            {
                "section": "功能分类",
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
                "section": "基本支出与项目支出",
                "code": None,
                "name": PARTS[r["part"]],
                **{k: _clean(r[k]) for k in ("budget_wan", "actual_wan", "difference_wan")},
                "execution_rate": _clean(r["execution_rate"]),
                "budget_line": _clean(r["budget_line"]),
                "actual_line": _clean(r["actual_line"]),
            }
        )
    for r in result.three_public.to_dict("records"):
        out.append(
            {
                "section": "“三公”经费",
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
    ("label", "项目", "text"),
    ("budget_wan", "预算数（万元）", "amount"),
    ("actual_wan", "决算数（万元）", "amount"),
    ("source_line", "source_line", "int"),
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
