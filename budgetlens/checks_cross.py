"""Identities between tables: the same figure in two tables, one name per 科目编码, economic
items against the 功能分类 项 they are booked under (the Jincheng text layout).

Families add results to a :class:`~budgetlens.check_core.Checker`; what each needs is declared
in ``budgetlens/rules/families.toml``.
"""

from __future__ import annotations

from collections import defaultdict

from budgetlens import mappings as m
from budgetlens.check_core import Checker, dec, level1, summary_value


def cross_tables(c: Checker, rows: dict) -> None:
    """The same figure in two tables: each 类 of the 支出总表 in the 收支总表 and the
    财政拨款收支总表; the 一般公共预算支出表 against the 收支总表 and the 收入总表;
    支出总表 = 收入总表 本年 + 上年结转 per 科目; 基本支出 against the 经济科目表;
    项目支出 against the 项目支出预算表. A 类 missing from the other table is a mismatch."""
    items = rows.get("summary_item", [])
    exp_total = level1(rows, "expenditure_total")
    gb = level1(rows, "general_budget_expenditure")
    for name, r in exp_total.items():
        for table, col in (("income_expense_summary", "total"), ("fiscal_summary", "total")):
            s = summary_value(items, table, "支出", name, col)
            if s is None:
                c.fact(
                    "cross_table",
                    f"支出总表 {name} 在 {table} 中",
                    False,
                    [r["source_line"]],
                    f"{table} 没有名为 {name} 的支出行",
                )
                continue
            c.compare(
                "cross_table",
                f"{name}: 支出总表 合计 vs {table}",
                r["total_wan"],
                s["amount_wan"],
                [r["source_line"], s["source_line"]],
                items=0,
            )
    for name, r in gb.items():
        s = summary_value(items, "income_expense_summary", "支出", name, "current_year")
        if s is not None:
            c.compare(
                "cross_table",
                f"{name}: 一般公共预算支出表 vs 收支总表 当年预算安排",
                r["total_wan"],
                s["amount_wan"],
                [r["source_line"], s["source_line"]],
                items=0,
            )
    # 支出总表 = 收入总表 本年 + 上年结转, per 科目
    rev = {
        r["code"]: r
        for r in rows.get("revenue_function", [])
        if r["table_key"] == "revenue_function"
    }
    for r in rows.get("expenditure_function", []):
        if r["table_key"] != "expenditure_total":
            continue
        v = rev.get(r["code"])
        if v is None:
            c.fact(
                "cross_table",
                f"{r['code'] or '合计'} {r['name']} 在收入总表中",
                False,
                [r["source_line"]],
                "收入总表中没有这个科目编码",
            )
            continue
        c.compare(
            "cross_table",
            f"{r['code'] or '合计'} {r['name']}: 支出总表 合计 = 收入总表 本年收入 + 上年结转",
            r["total_wan"],
            dec(v["total_wan"]) + dec(v["carried_over_wan"]),
            [r["source_line"], v["source_line"]],
            items=0,
        )
    # 一般公共预算支出表 = 收入总表 一般公共预算, per 科目
    for r in rows.get("expenditure_function", []):
        if r["table_key"] != "general_budget_expenditure":
            continue
        v = rev.get(r["code"])
        if v is not None:
            c.compare(
                "cross_table",
                f"{r['code'] or '合计'} {r['name']}: 一般公共预算支出表 = 收入总表 一般公共预算",
                r["total_wan"],
                v["general_budget_wan"],
                [r["source_line"], v["source_line"]],
                items=0,
            )
    # 基本支出 in the function tables vs the economic table
    econ_total = next(
        (r for r in rows.get("expenditure_economic", []) if r["row_kind"] == "total"), None
    )
    gb_total = next(
        (
            r
            for r in rows.get("expenditure_function", [])
            if r["table_key"] == "general_budget_expenditure" and r["code"] is None
        ),
        None,
    )
    if econ_total and gb_total:
        c.compare(
            "cross_table",
            "基本支出: 一般公共预算支出表 vs 经济科目表",
            gb_total["basic_wan"],
            econ_total["total_wan"],
            [gb_total["source_line"], econ_total["source_line"]],
            items=0,
        )
    # 项目支出 tables vs function tables
    projects = rows.get("project_budget", [])
    for carried in (False, True):
        dept = next(
            (r for r in projects if r["carried_over"] == carried and r["row_kind"] == "department"),
            None,
        )
        if dept is None:
            continue
        if not carried and gb_total:
            c.compare(
                "cross_table",
                "项目支出: 项目支出预算表（本年预算）vs 一般公共预算支出表",
                gb_total["project_wan"],
                dept["general_budget_wan"],
                [gb_total["source_line"], dept["source_line"]],
                items=0,
            )
        if carried:
            tot = rev.get(None)
            if tot is not None:
                c.compare(
                    "cross_table",
                    "上年结转: 项目支出预算表（上年结转）vs 收入总表",
                    tot["carried_over_wan"],
                    dept["total_wan"],
                    [tot["source_line"], dept["source_line"]],
                    items=0,
                )


def projects_vs_function(c: Checker, rows: dict) -> None:
    """The 合计 of a project list that prints one amount per project and no fund columns (长沙's
    项目支出绩效目标表: 资金总额) = the 项目支出 合计 of the 支出总表 (all funds): the list is the
    department's project spending. A list whose 合计 is split by fund, or which prints no 合计
    (重庆's 一般性项目 list: one kind of project among others), is not compared."""
    total = next(
        (
            r
            for r in rows.get("expenditure_function", [])
            if r["table_key"] == "expenditure_total" and r["code"] is None
        ),
        None,
    )
    funds = ("general_budget_wan", "gov_fund_wan", "state_capital_wan", "special_account_wan")
    for dept in rows.get("project_budget", []):
        if (
            total is None
            or dept["carried_over"]
            or dept["row_kind"] != "department"
            or any(dept.get(k) is not None for k in (*funds, "unit_funds_wan"))
        ):
            continue
        c.compare(
            "cross_table",
            "项目支出预算表（本年预算） 合计 = 支出总表 合计 project_wan",
            total["project_wan"],
            dept["total_wan"],
            [total["source_line"], dept["source_line"]],
            items=0,
        )


def names(c: Checker, rows: dict) -> None:
    """Each 科目编码 has one name in every table (支出 and 收入 tables): a code printed with two
    names is a mismatch naming both and their lines."""
    names: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for table in ("expenditure_function", "revenue_function"):
        for r in rows.get(table, []):
            if r["code"]:
                names[r["code"]][r["name"]].append(r["source_line"])
    for code, variants in sorted(names.items()):
        lines = [ln for v in variants.values() for ln in v]
        if len(variants) > 1:
            shown = "; ".join(f"{n}（第{'、'.join(map(str, ls))}行）" for n, ls in variants.items())
            c.fact(
                "name_consistency",
                f"科目 {code} 在各表中名称一致",
                False,
                lines,
                f"名称不同：{shown}",
            )
        else:
            c.fact(
                "name_consistency",
                f"科目 {code} 在各表中名称一致",
                True,
                lines,
                next(iter(variants)),
            )


def economic_function(c: Checker, rows: dict) -> None:
    """An economic item against the 基本支出 of the 功能分类 项 it is booked under."""
    econ = rows.get("expenditure_economic", [])
    basic = {
        r["code"]: r
        for r in rows.get("expenditure_function", [])
        if r["table_key"] == "general_budget_expenditure" and r["code"]
    }
    for item, codes in m.ECONOMIC_FUNCTION_LINKS.items():
        parts = [r for r in econ if r["row_kind"] == "item" and r["dept_class"] == item]
        funcs = [basic[code] for code in codes if code in basic]
        if not parts or len(funcs) != len(codes):
            continue
        names = "、".join(f"{f['code']} {f['name']}" for f in funcs)
        c.compare(
            "economic_function",
            f"经济科目 {item} = 一般公共预算支出表 {names} 基本支出",
            sum(dec(f["basic_wan"]) for f in funcs),
            sum(dec(p["total_wan"]) for p in parts),
            [*(f["source_line"] for f in funcs), *(p["source_line"] for p in parts)],
            items=len(funcs) + len(parts) - 1,
        )


FAMILIES = {
    "projects_vs_function": projects_vs_function,
    "cross_tables": cross_tables,
    "names": names,
    "economic_function": economic_function,
}
