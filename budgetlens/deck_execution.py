"""The budget-against-actual slide of the story (:func:`budgetlens.storyline.slides`, which the
deck draws and the presenter page shows): there when the 预算 and the 决算 of the document's
department, year and scope are both loaded, before the data-quality slide.

The slide is a table, 类 by 类 and the 合计: 预算数, 决算数, 差额 and 执行率, read through
:func:`budgetlens.execution.comparison` (queries/execution_function.sql); its source names both
documents' tables and pages. Nothing here imports streamlit.
"""

from __future__ import annotations

from decimal import Decimal

import duckdb

from budgetlens import db, execution, queries
from budgetlens.storyline import Chart, Slide

TEXT = {
    "title": ("预算执行：预算数与决算数", "Budget execution: budgeted and actual"),
    "unit": ("万元", "10k yuan"),
    "columns": (
        ("科目", "预算数", "决算数", "差额", "执行率"),
        ("Class", "Budgeted", "Actual", "Difference", "Execution rate"),
    ),
    "total": ("合计", "Total"),
    "sentence": (
        "预算数 {budget} 万元，决算数 {actual} 万元，执行率 {rate}%。",
        "Budgeted {budget}, actual {actual} (10k yuan): {rate}% executed.",
    ),
    "source": ("来源：{parts}", "Source: {parts}"),
    "part": ("{doc}（{table}，第{pages}页）", "{doc} ({table}, page {pages})"),
}


def _t(lang: str, key: str):
    zh, en = TEXT[key]
    return zh if lang == "zh" else en


def _money(v) -> str:
    return "" if v is None else f"{Decimal(str(v)):,.2f}"


def _part(con, document: str, table_key: str, lines: list[int], lang: str) -> str:
    doc = db.fetch_dicts(con, "select title from document where document = $d", {"d": document})
    tables = queries.run(con, "source_tables", document=document)
    title = tables.loc[tables["table_key"] == table_key, "title"]
    pages = queries.run(con, "source_pages", document=document)
    found = sorted(set(pages.loc[pages["line"].isin(lines), "page"].astype(int)))
    return _t(lang, "part").format(
        doc=doc[0]["title"],
        table=title.iloc[0] if len(title) else table_key,
        pages="、".join(str(p) for p in found) if found else "—",
    )


def execution_slides(
    con: duckdb.DuckDBPyConnection, document: str, lang: str = "zh"
) -> list[Slide]:
    """The execution slide of ``document`` (its 预算 or its 决算), or no slide when the other
    document is not loaded. Raises ValueError for a document not in the database."""
    result = execution.comparison(con, document)
    if result.missing is not None:
        return []
    rows = result.by_function
    shown = rows[rows["level"] <= 1]
    if shown.empty:
        return []
    total = shown[shown["level"] == 0]
    table_rows = []
    for r in shown.sort_values(["level", "code"], na_position="first").to_dict("records"):
        name = _t(lang, "total") if r["level"] == 0 else f"{r['code']} {r['name']}"
        rate = r["execution_rate"]
        table_rows.append(
            (
                name,
                None if r["budget_wan"] is None else Decimal(str(r["budget_wan"])),
                None if r["actual_wan"] is None else Decimal(str(r["actual_wan"])),
                Decimal(str(r["difference_wan"])),
                "" if rate is None or rate != rate else f"{Decimal(str(rate)):.2f}%",
            )
        )
    sentences = []
    if len(total):
        t = total.iloc[0]
        if t["execution_rate"] == t["execution_rate"] and t["execution_rate"] is not None:
            sentences.append(
                _t(lang, "sentence").format(
                    budget=_money(t["budget_wan"]),
                    actual=_money(t["actual_wan"]),
                    rate=f"{Decimal(str(t['execution_rate'])):.2f}",
                )
            )
    budget_lines = [int(x) for x in shown["budget_line"].dropna()]
    actual_lines = [int(x) for x in shown["actual_line"].dropna()]
    budget_table = shown["budget_table"].dropna()
    source = _t(lang, "source").format(
        parts="；".join(
            (
                _part(
                    con,
                    str(result.budget_document),
                    str(budget_table.iloc[0]) if len(budget_table) else "",
                    budget_lines,
                    lang,
                ),
                _part(con, str(result.final_document), "expenditure_total", actual_lines, lang),
            )
        )
    )
    return [
        Slide(
            "execution",
            _t(lang, "title"),
            _t(lang, "unit"),
            source,
            Chart(
                "table",
                columns=_t(lang, "columns"),
                rows=tuple(table_rows),
                amount_columns=(1, 2, 3),
            ),
            sentences=sentences,
            lang=lang,
        )
    ]
