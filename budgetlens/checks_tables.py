"""Identities between and within the tables of the PDF layouts (Shanghai, Jiangsu, …).

Each family takes the document's rows (as :func:`budgetlens.checks.run_checks` gets them) and
adds results to a :class:`~budgetlens.checks.Checker`. They use only what every layout's
readers give (table keys, canonical 三公 labels, codes), and check nothing whose inputs a
document lacks: a table that is not there is no finding. Amounts are compared in the table's
published unit (:func:`budgetlens.checks.unit_cent`).
"""

from __future__ import annotations

from collections import defaultdict

from budgetlens.checks import Checker, _d, unit_cent

_REVENUE_TOTALS = ("收入总计", "收入合计")
_EXPENDITURE_TOTALS = ("支出总计", "支出合计")
_PLAIN_TOTALS = ("总计", "合计")  # a table that says only 合计 on both sides
CAR = "公务用车购置及运行费"
CAR_PARTS = ("公务用车购置费", "公务用车运行费")


def summary_balance(c: Checker, rows: dict) -> None:
    """收入总计 = 支出总计 in each two-sided summary table (收支总表, 财政拨款收支总表)."""
    by_table: dict[str, list[dict]] = defaultdict(list)
    for r in rows.get("summary_item", []):
        by_table[r["table_key"]].append(r)
    for key, items in by_table.items():
        revenue = next((r for r in items if r["item"] in _REVENUE_TOTALS), None)
        expenditure = [r for r in items if r["item"] in _EXPENDITURE_TOTALS]
        if (
            revenue is None
            and not expenditure
            and key in ("income_expense_summary", "fiscal_summary")
        ):
            revenue = next(
                (r for r in items if r["item"] in _PLAIN_TOTALS and r["side"] == "收入"), None
            )
            expenditure = [r for r in items if r["item"] in _PLAIN_TOTALS and r["side"] == "支出"]
        if revenue is None or not expenditure:
            continue
        # the 支出 total row's 合计 (not its 基本/项目 or source columns)
        spent = next((r for r in expenditure if r["column_key"] in ("amount", "total")), None)
        if spent is None:
            continue
        c.compare(
            "balance",
            f"{key} {revenue['label']} = {spent['label']}",
            revenue["amount_wan"],
            spent["amount_wan"],
            [revenue["source_line"], spent["source_line"]],
            tolerance=unit_cent(rows, key),
        )


def summary_vs_function(c: Checker, rows: dict) -> None:
    """Each 类 the 收支总表 lists on its 支出 side = that 类's total in the all-funds
    expenditure-by-function table (where the layout has one with 类 rows)."""
    classes = {
        r["name"]: r
        for r in rows.get("expenditure_function", [])
        if r["table_key"] == "expenditure_total" and r["level"] == 1
    }
    if not classes:
        return
    cent = max(unit_cent(rows, "income_expense_summary"), unit_cent(rows, "expenditure_total"))
    for r in rows.get("summary_item", []):
        if (
            r["table_key"] != "income_expense_summary"
            or r["side"] != "支出"
            or r["column_key"] not in ("amount", "total")
        ):
            continue
        row = classes.get(r["item"])
        if row is None:
            continue
        c.compare(
            "cross_table",
            f"收支总表 {r['item']} = 支出总表 {row['code']} 合计",
            row["total_wan"],
            r["amount_wan"],
            [r["source_line"], row["source_line"]],
            tolerance=cent,
        )


def summary_vs_economic(c: Checker, rows: dict) -> None:
    """Where the 收支总表 splits its 支出总计 into 人员经费 and 公用经费, each = that column's 合计
    in the basic-expenditure-by-economic-class table."""
    econ = next(
        (
            r
            for r in rows.get("expenditure_economic", [])
            if r.get("table_key") == "basic_economic" and r["row_kind"] == "total"
        ),
        None,
    )
    if econ is None:
        return
    cent = max(unit_cent(rows, "income_expense_summary"), unit_cent(rows, "basic_economic"))
    for r in rows.get("summary_item", []):
        if (
            r["table_key"] == "income_expense_summary"
            and r["item"] in _EXPENDITURE_TOTALS
            and r["column_key"] in ("personnel", "public")
            and econ.get(f"{r['column_key']}_wan") is not None
        ):
            word = "人员经费" if r["column_key"] == "personnel" else "公用经费"
            c.compare(
                "cross_table",
                f"收支总表 {r['label']} {word} = 基本支出经济分类表 合计 {word}",
                econ[f"{r['column_key']}_wan"],
                r["amount_wan"],
                [r["source_line"], econ["source_line"]],
                tolerance=cent,
            )


def economic_tables(c: Checker, rows: dict) -> None:
    """In each table by 经济分类 code: 合计 = Σ 类, 类 = Σ 款 (by code), and 合计 = 人员经费 +
    公用经费 on rows that have both columns."""
    by_table: dict[str, list[dict]] = defaultdict(list)
    for r in rows.get("expenditure_economic", []):
        if r.get("code") is not None or r["row_kind"] == "total":
            by_table[r.get("table_key") or "basic_economic"].append(r)
    for key, items in by_table.items():
        if not any(r.get("code") for r in items):
            continue  # a layout without codes (the Jincheng text) has its own family
        cent = unit_cent(rows, key)
        total = next((r for r in items if r["row_kind"] == "total"), None)
        groups = [r for r in items if r.get("code") and len(r["code"]) == 3]
        columns = [
            k for k in ("total_wan", "personnel_wan", "public_wan") if any(r.get(k) for r in items)
        ]
        for col in columns:
            if total is not None and groups:
                c.compare(
                    "column_total",
                    f"{key} 合计 {col} = Σ 类",
                    total.get(col),
                    sum(_d(g.get(col)) for g in groups),
                    [total["source_line"], *(g["source_line"] for g in groups)],
                    tolerance=cent * len(groups),
                )
            for g in groups:
                # a group's 款 are the rows between it and the next group (烟台 prints 301 twice,
                # once beside 501 and once beside 505, each with its own 款)
                start = next(k for k, r in enumerate(items) if r is g)
                end = next(
                    (k for k in range(start + 1, len(items)) if any(items[k] is h for h in groups)),
                    len(items),
                )
                kids = [
                    r
                    for r in items[start + 1 : end]
                    if r.get("code") and len(r["code"]) == 5 and r["code"].startswith(g["code"])
                ]
                if kids:
                    c.compare(
                        "subtotal",
                        f"{key} {g['code']} {g['dept_class']} {col} = Σ 款",
                        g.get(col),
                        sum(_d(k.get(col)) for k in kids),
                        [g["source_line"], *(k["source_line"] for k in kids)],
                        tolerance=cent * len(kids),
                    )
        if "personnel_wan" in columns and "public_wan" in columns:
            for r in items:
                c.compare(
                    "row_sum",
                    " ".join(x for x in (key, r.get("code") or "合计", r.get("dept_class")) if x)
                    + " 合计 = 人员 + 公用",
                    r.get("total_wan"),
                    _d(r.get("personnel_wan")) + _d(r.get("public_wan")),
                    [r["source_line"]],
                    tolerance=cent * 2,
                )


def basic_economic_vs_function(c: Checker, rows: dict) -> None:
    """The basic-expenditure-by-economic-class 合计 = the 一般公共预算 function table's
    基本支出 合计 (where that table has a 基本支出 column)."""
    econ = next(
        (
            r
            for r in rows.get("expenditure_economic", [])
            if r.get("table_key") == "basic_economic" and r["row_kind"] == "total"
        ),
        None,
    )
    func = next(
        (
            r
            for r in rows.get("expenditure_function", [])
            if r["table_key"] == "general_budget_expenditure" and r["code"] is None
        ),
        None,
    )
    if econ is None or func is None or func.get("basic_wan") is None:
        return
    c.compare(
        "cross_table",
        "基本支出经济分类表 合计 = 一般公共预算支出表 合计 基本支出",
        func["basic_wan"],
        econ["total_wan"],
        [func["source_line"], econ["source_line"]],
        tolerance=max(
            unit_cent(rows, "basic_economic"), unit_cent(rows, "general_budget_expenditure")
        ),
    )


def three_public_parts(c: Checker, rows: dict) -> None:
    """“三公”: 合计 = 因公出国（境）费 + 公务用车购置及运行费 + 公务接待费; 公务用车购置及运行费 =
    购置费 + 运行费; a grand 合计 = 三公 + 会议费 + 培训费. Items the table leaves blank count 0;
    a sum is checked only when its total is printed."""
    items = {r["label"]: r for r in rows.get("fiscal_item", []) if r["table_key"] == "three_public"}
    cent = unit_cent(rows, "three_public")

    def check(total: str, parts: tuple[str, ...], subject: str) -> None:
        row = items.get(total)
        # a 公务用车 小计 left blank (北京): its 购置费 and 运行费 stand for it
        found = [
            r
            for p in parts
            for r in (
                [items[x] for x in CAR_PARTS if x in items]
                if p == CAR and CAR not in items
                else [items[p]]
                if p in items
                else []
            )
        ]
        if row is None or row.get("total_wan") is None or not found:
            return
        c.compare(
            "three_public",
            subject,
            row["total_wan"],
            sum(_d(p.get("total_wan")) for p in found),
            [row["source_line"], *(p["source_line"] for p in found)],
            tolerance=cent * len(found),
        )

    check(
        "合计", ("因公出国（境）费", CAR, "公务接待费"), "“三公”经费 合计 = 出国 + 公务用车 + 接待"
    )
    check(CAR, ("公务用车购置费", "公务用车运行费"), "公务用车购置及运行费 = 购置费 + 运行费")
    check(
        "三公经费、会议费、培训费合计",
        ("合计", "会议费", "培训费"),
        "总计 = “三公” + 会议费 + 培训费",
    )


FAMILIES = {
    "summary_balance": summary_balance,
    "summary_vs_function": summary_vs_function,
    "summary_vs_economic": summary_vs_economic,
    "economic_tables": economic_tables,
    "basic_economic_vs_function": basic_economic_vs_function,
    "three_public_parts": three_public_parts,
}
