"""Identities within a table (totals, subtotals, row sums) and between the summary tables.

Each family takes the document's rows (as :func:`budgetlens.checks.run_checks` gets them) and
adds results to a :class:`~budgetlens.check_core.Checker`. The families of the PDF layouts
(Shanghai, Jiangsu, …) use only what every layout's readers give (table keys, canonical 三公
labels, codes); the Jincheng text layout's families use its richer rows. Which layout gets which
family is :data:`budgetlens.checks.RULE_SETS`; what each needs is declared in
``budgetlens/rules/families.toml``. Amounts are compared in the table's published unit
(:func:`budgetlens.check_core.unit_cent`).
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from budgetlens.check_core import Checker, by_table, dec, hierarchy, summary_value, unit_cent

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
        # each side's total row in its 合计 column (not 上年结转 or a source column), whatever
        # order the columns were read in
        revenue = _total_column([r for r in items if r["item"] in _REVENUE_TOTALS])
        expenditure = [r for r in items if r["item"] in _EXPENDITURE_TOTALS]
        if (
            revenue is None
            and not expenditure
            and key in ("income_expense_summary", "fiscal_summary")
        ):
            revenue = _total_column(
                [r for r in items if r["item"] in _PLAIN_TOTALS and r["side"] == "收入"]
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


def _total_column(rows: list[dict]) -> dict | None:
    """The row in the 合计 column (``amount`` or ``total``) among a total row's columns; the first
    row when none is (a table read without column keys); None for no rows."""
    return next((r for r in rows if r["column_key"] in ("amount", "total")), None) or next(
        iter(rows), None
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
    公用经费 on rows that have both columns. A 类 code read on two rows of one table (a table
    continued or split in the reading) leaves its 类 = Σ 款 unjudged."""
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
                    sum(dec(g.get(col)) for g in groups),
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
                        sum(dec(k.get(col)) for k in kids),
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
                    dec(r.get("personnel_wan")) + dec(r.get("public_wan")),
                    [r["source_line"]],
                    tolerance=cent * 2,
                )


def basic_economic_vs_function(c: Checker, rows: dict) -> None:
    """The basic-expenditure-by-economic-class 合计 = the 一般公共预算 function table's
    基本支出 合计 (where that table has a 基本支出 column). Where the table by economic class is
    titled for all 一般公共预算 spending (no 基本 in its title), its 合计 = the function table's
    合计."""
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
    if econ is None or func is None:
        return
    title = next(
        (
            t.get("title") or ""
            for t in rows.get("source_table", [])
            if t["table_key"] == "basic_economic"
        ),
        "",
    )
    tolerance = max(
        unit_cent(rows, "basic_economic"), unit_cent(rows, "general_budget_expenditure")
    )
    if title and "基本" not in title:
        # the layout's table by economic class covers all 一般公共预算 spending (basic and
        # project: 一般公共预算支出表（按经济分类）): its 合计 is the function table's 合计
        c.compare(
            "cross_table",
            "一般公共预算经济分类表 合计 = 一般公共预算支出表 合计",
            func["total_wan"],
            econ["total_wan"],
            [func["source_line"], econ["source_line"]],
            tolerance=tolerance,
            detail=f"经济分类表的标题为“{title}”（不限于基本支出）",
        )
        return
    if func.get("basic_wan") is None:
        return
    c.compare(
        "cross_table",
        "基本支出经济分类表 合计 = 一般公共预算支出表 合计 基本支出",
        func["basic_wan"],
        econ["total_wan"],
        [func["source_line"], econ["source_line"]],
        tolerance=tolerance,
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
            sum(dec(p.get("total_wan")) for p in found),
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


# --- the Jincheng text layout's tables ----------------------------------------------------


def function_tables(c: Checker, rows: dict) -> None:
    """In each table by 功能分类: 合计 = Σ 类, 类 = Σ 款, 款 = Σ 项 per column, and each row's
    合计 = 基本支出 + 项目支出. A table whose 基本支出 or 项目支出 column was read blank in every
    row and whose rows then do not add up (the column was not read) gets one unjudged row
    identity instead of a mismatch per row (a blank cell among read ones counts 0)."""
    for key, trs in by_table(rows.get("expenditure_function", [])).items():
        label = key
        cent = unit_cent(rows, key)
        cols = ["total_wan", "basic_wan", "project_wan"]
        hierarchy(c, "column_total", label, trs, cols, cent)
        unread = [
            word
            for col, word in (("basic_wan", "基本支出"), ("project_wan", "项目支出"))
            if all(r.get(col) is None for r in trs)
        ]

        def basic(r: dict) -> Decimal:
            # a table without a 基本支出 column (西安 表5): 人员经费 + 公用经费 are its basic
            if r.get("basic_wan") is None and r.get("personnel_wan") is not None:
                return dec(r.get("personnel_wan")) + dec(r.get("public_wan"))
            return dec(r.get("basic_wan"))

        # 基本支出 is in ``unread`` only when the column is blank in every row
        if any(r.get("personnel_wan") is not None for r in trs):
            unread = [u for u in unread if u != "基本支出"]
        broken = [
            r
            for r in trs
            if abs(dec(r["total_wan"]) - basic(r) - dec(r.get("project_wan"))) > cent * 2
        ]
        if len(unread) == 1 and broken:
            c.unjudged(
                "row_sum",
                f"{label} 合计 = 基本 + 项目",
                [r["source_line"] for r in trs],
                f"未读到：{label} 的{unread[0]}列（{len(trs)} 行全部为空）",
            )
            continue
        for r in trs:
            if r.get("basic_wan") is None and r.get("project_wan") is None:
                continue
            c.compare(
                "row_sum",
                f"{label} {r['code'] or '合计'} {r['name']} 合计 = 基本 + 项目",
                r["total_wan"],
                basic(r) + dec(r["project_wan"]),
                [r["source_line"]],
                tolerance=cent * 2,
            )


def revenue_table(c: Checker, rows: dict) -> None:
    """收入总表: 合计 = Σ 类, 类 = Σ 款 … per column; each row's 本年收入合计 = Σ 来源."""
    sources = [
        "general_budget_wan",
        "gov_fund_wan",
        "state_capital_wan",
        "special_account_wan",
        "unit_funds_wan",
    ]
    for key, trs in by_table(rows.get("revenue_function", [])).items():
        hierarchy(c, "column_total", key, trs, ["total_wan", *sources, "carried_over_wan"])
        if key != "revenue_function":
            continue
        for r in trs:
            parts = [r.get(s) for s in sources]
            if r.get("total_wan") is None and all(p is None for p in parts):
                continue
            c.compare(
                "row_sum",
                f"{key} {r['code'] or '合计'} {r['name']} 本年收入合计 = Σ 来源",
                r["total_wan"],
                sum(dec(p) for p in parts),
                [r["source_line"]],
                items=len(sources),
            )


def summary_tables(c: Checker, rows: dict) -> None:
    """收支总表 and 财政拨款收支总表 (the Jincheng text): 收入总计 = 支出总计;
    本年收入合计 = Σ 来源; 收入总计 = 本年收入合计 + 上年结转; 本年支出合计 = Σ 类 per
    column; each row's 合计 = Σ 分列."""
    items = rows.get("summary_item", [])
    for table in ("income_expense_summary", "fiscal_summary"):
        trs = [r for r in items if r["table_key"] == table]
        if not trs:
            continue
        rin = summary_value(trs, table, "收入", "收入总计", "amount")
        rout = summary_value(trs, table, "支出", "支出总计", "total")
        if rin and rout:
            c.compare(
                "balance",
                f"{table} 收入总计 = 支出总计",
                rin["amount_wan"],
                rout["amount_wan"],
                [rin["source_line"], rout["source_line"]],
                items=0,
            )
        # 收入: Σ sources = 本年收入合计; 本年收入合计 + 上年结转 = 收入总计
        cur = summary_value(trs, table, "收入", "本年收入合计", "amount")
        if cur:
            srcs = [
                r
                for r in trs
                if r["side"] == "收入" and r["seq"] < cur["seq"] and r["column_key"] == "amount"
            ]
            c.compare(
                "column_total",
                f"{table} 本年收入合计 = Σ 收入来源",
                cur["amount_wan"],
                sum(r["amount_wan"] for r in srcs),
                [cur["source_line"], *(r["source_line"] for r in srcs)],
                items=len(srcs),
            )
        carried = [
            r
            for r in trs
            if r["side"] == "收入"
            and "结转" in r["item"]
            and r["column_key"] == "amount"
            and not r.get("parent_item")
        ]
        if cur and rin:
            c.compare(
                "column_total",
                f"{table} 收入总计 = 本年收入合计 + 上年结转",
                rin["amount_wan"],
                cur["amount_wan"] + sum(r["amount_wan"] for r in carried),
                [rin["source_line"], cur["source_line"], *(r["source_line"] for r in carried)],
                items=1 + len(carried),
            )
        for parent in carried:
            kids = [r for r in trs if r.get("parent_item") == parent["item"]]
            if kids:
                c.compare(
                    "column_total",
                    f"{table} {parent['item']} = Σ 来源",
                    parent["amount_wan"],
                    sum(k["amount_wan"] for k in kids),
                    [parent["source_line"], *(k["source_line"] for k in kids)],
                    items=len(kids),
                )
        # 支出: for each column, 本年支出合计 = Σ 类
        spend = [r for r in trs if r["side"] == "支出"]
        closing = summary_value(trs, table, "支出", "本年支出合计", "total")
        for col in sorted({r["column_key"] for r in spend}):
            tot = summary_value(trs, table, "支出", "本年支出合计", col)
            kids = [
                r for r in spend if r["column_key"] == col and closing and r["seq"] < closing["seq"]
            ]
            if tot:
                c.compare(
                    "column_total",
                    f"{table} 本年支出合计 {col} = Σ 类",
                    tot["amount_wan"],
                    sum(k["amount_wan"] for k in kids),
                    [tot["source_line"], *(k["source_line"] for k in kids)],
                    items=len(kids),
                )
        # rows: total = Σ other columns
        by_row: dict[tuple, dict[str, dict]] = defaultdict(dict)
        for r in spend:
            by_row[(r["seq"], r["item"])][r["column_key"]] = r
        for (_, item), cols in by_row.items():
            if "total" not in cols or len(cols) < 2:
                continue
            parts = [v for k, v in cols.items() if k != "total"]
            c.compare(
                "row_sum",
                f"{table} {item} 合计 = Σ 分列",
                cols["total"]["amount_wan"],
                sum(p["amount_wan"] for p in parts),
                [cols["total"]["source_line"]],
                items=len(parts),
            )


def economic(c: Checker, rows: dict) -> None:
    """经济科目表 (the Jincheng text, without codes): 合计 = Σ 类, 类 = Σ 款 per column (合计,
    人员经费, 公用经费); each row's 合计 = 人员经费 + 公用经费."""
    econ = rows.get("expenditure_economic", [])
    if not econ:
        return
    total = next((r for r in econ if r["row_kind"] == "total"), None)
    groups = [r for r in econ if r["row_kind"] == "group"]
    for col, label in (
        ("total_wan", "合计"),
        ("personnel_wan", "人员经费"),
        ("public_wan", "公用经费"),
    ):
        if total:
            c.compare(
                "column_total",
                f"经济科目表 {label} = Σ 类",
                total[col],
                sum(dec(g[col]) for g in groups),
                [total["source_line"], *(g["source_line"] for g in groups)],
                items=len(groups),
            )
        for g in groups:
            kids = [
                r for r in econ if r["row_kind"] == "item" and r["group_name"] == g["group_name"]
            ]
            c.compare(
                "subtotal",
                f"经济科目表 {g['group_name']} {label} = Σ 款",
                g[col],
                sum(dec(k[col]) for k in kids),
                [g["source_line"], *(k["source_line"] for k in kids)],
                items=len(kids),
            )
    for r in econ:
        c.compare(
            "row_sum",
            f"经济科目表 {r['dept_class'] or '合计'}/{r['gov_class'] or ''} 合计 = 人员 + 公用",
            r["total_wan"],
            dec(r["personnel_wan"]) + dec(r["public_wan"]),
            [r["source_line"]],
            items=2,
        )


def fiscal_items(c: Checker, rows: dict) -> None:
    """“三公”经费表 and 机关运行经费表 (the Jincheng text): each 合计 row = Σ its items (公务用车's
    ① 购置费 and ② 运行维护费 are parts of 公务用车, not of the 合计)."""
    for key, trs in by_table(rows.get("fiscal_item", [])).items():
        totals = [r for r in trs if "合计" in r["label"]]
        others = [r for r in trs if "合计" not in r["label"]]
        if key == "three_public":
            # 公务用车购置及运行费 = ①购置费 + ②运行维护费; 合计 = 出国 + 接待 + 公务用车
            others = [r for r in others if not r["label"].startswith(("①", "②"))]
        for t in totals:
            c.compare(
                "column_total",
                f"{key} {t['label']} = Σ 明细",
                t["total_wan"],
                sum(dec(r["total_wan"]) for r in others),
                [t["source_line"], *(r["source_line"] for r in others)],
                items=len(others),
            )


def projects(c: Checker, rows: dict) -> None:
    """项目支出预算表 (本年预算 and 上年结转): the department = Σ units, each unit = Σ its projects
    (the department = Σ projects where no unit rows are printed)."""
    projects = rows.get("project_budget", [])
    for carried in (False, True):
        trs = [r for r in projects if r["carried_over"] == carried]
        if not trs:
            continue
        label = "项目支出预算表（上年结转）" if carried else "项目支出预算表（本年预算）"
        dept = next((r for r in trs if r["row_kind"] == "department"), None)
        units = [r for r in trs if r["row_kind"] == "unit"]
        if dept and units:
            c.compare(
                "unit_subtotal",
                f"{label} 部门合计 = Σ 单位",
                dept["total_wan"],
                sum(u["total_wan"] for u in units),
                [dept["source_line"], *(u["source_line"] for u in units)],
                items=len(units),
            )
        for u in units:
            kids = [r for r in trs if r["row_kind"] == "project" and r["unit"] == u["unit"]]
            c.compare(
                "unit_subtotal",
                f"{label} {u['unit']} = Σ 项目",
                u["total_wan"],
                sum(k["total_wan"] for k in kids),
                [u["source_line"], *(k["source_line"] for k in kids)],
                items=len(kids),
            )
        if dept and not units:
            kids = [r for r in trs if r["row_kind"] == "project"]
            c.compare(
                "unit_subtotal",
                f"{label} 部门合计 = Σ 项目",
                dept["total_wan"],
                sum(k["total_wan"] for k in kids),
                [dept["source_line"], *(k["source_line"] for k in kids)],
                items=len(kids),
            )


def project_lists(c: Checker, rows: dict) -> None:
    """The national template's 项目支出表, or without one the projects of a list-shaped 项目支出
    绩效目标表 (长沙, 重庆): where the document prints them, the same sums as :func:`projects`
    (部门合计 = Σ 单位, 单位 = Σ 项目). A document listing no projects gives no result; a list
    without a 合计 row (重庆) has nothing to compare."""
    projects(c, rows)


FAMILIES = {
    "function_tables": function_tables,
    "project_lists": project_lists,
    "revenue_table": revenue_table,
    "summary_tables": summary_tables,
    "economic": economic,
    "fiscal_items": fiscal_items,
    "projects": projects,
    "summary_balance": summary_balance,
    "summary_vs_function": summary_vs_function,
    "summary_vs_economic": summary_vs_economic,
    "economic_tables": economic_tables,
    "basic_economic_vs_function": basic_economic_vs_function,
    "three_public_parts": three_public_parts,
}
