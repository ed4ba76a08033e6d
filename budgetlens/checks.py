"""Reconciliation: a disclosure checked against itself.

Every check compares an expected figure with an actual one and says where both came from. The
status tells three things apart:

- ``ok``: equal to the cent;
- ``rounding``: different, but by no more than the rounding of the figures summed (0.01 万元 per
  item summed; 0.01 percentage points for a stated percentage);
- ``mismatch``: the document contradicts itself.

Nothing is corrected: the figures stay as published, the contradictions are reported. The checks
run on rows keyed like the database (see :mod:`budgetlens.ingest`), so they run the same on a
freshly parsed document and on what a database holds.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from budgetlens import mappings as m
from budgetlens.source import norm
from budgetlens.targets import to_base_amount_wan

CENT = Decimal("0.01")
ZERO = Decimal(0)
WAN = Decimal(10000)


def _d(v) -> Decimal:
    return ZERO if v is None else Decimal(str(v))


class Checker:
    """Collects check results as dicts with the columns of ``check_result``."""

    def __init__(self) -> None:
        self.results: list[dict] = []
        # the performance table the checks being added are about (check_result.project)
        self.project: str | None = None

    def compare(
        self,
        kind: str,
        subject: str,
        expected,
        actual,
        lines: Iterable[int],
        *,
        items: int = 1,
        tolerance: Decimal | None = None,
        detail: str | None = None,
    ) -> None:
        exp, act = _d(expected), _d(actual)
        diff = act - exp
        tol = tolerance if tolerance is not None else CENT * items
        if diff == 0:
            status = "ok"
        elif abs(diff) <= tol:
            status = "rounding"
        else:
            status = "mismatch"
        self._add(kind, subject, exp, act, diff, tol, status, lines, detail)

    def fact(
        self, kind: str, subject: str, consistent: bool, lines: Iterable[int], detail: str
    ) -> None:
        """A check without figures (names, codes, presence)."""
        self._add(
            kind, subject, None, None, None, None, "ok" if consistent else "mismatch", lines, detail
        )

    def _add(self, kind, subject, exp, act, diff, tol, status, lines, detail) -> None:
        ordered = sorted({int(x) for x in lines if x})
        self.results.append(
            {
                "seq": len(self.results) + 1,
                "check_kind": kind,
                "project": self.project,
                "subject": subject,
                "expected": exp,
                "actual": act,
                "difference": diff,
                "tolerance": tol,
                "status": status,
                "source_lines": ",".join(map(str, ordered)),
                "detail": detail,
            }
        )


# The families of checks each layout's documents get. The Jincheng text layout gets every one;
# the PDF layouts (Shanghai, Jiangsu) get the identities within a table for now: the cross-table
# and narrative families compare columns those layouts name differently, and would report our
# reading gaps as contradictions.
RULE_SETS = {
    "jincheng-text": (
        "function_tables",
        "revenue_table",
        "summary_tables",
        "cross_tables",
        "names",
        "economic",
        "fiscal_items",
        "projects",
        "performance_funds",
        "cost_indicators",
        "periods",
        "narrative",
    ),
    "pdf": (
        "function_tables",
        "summary_balance",
        "summary_vs_function",
        "summary_vs_economic",
        "economic_tables",
        "basic_economic_vs_function",
        "three_public_parts",
    ),
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


def rule_set(layout: str) -> tuple[str, ...]:
    """The check families applied to documents of ``layout``."""
    return RULE_SETS.get(layout, RULE_SETS["pdf"])


def run_checks(rows: dict[str, list[dict]], layout: str = "jincheng-text") -> list[dict]:
    """Run the reconciliation of ``layout``'s rule set on one document's rows; returns
    check_result rows."""
    from budgetlens.checks_final import FAMILIES as FINAL  # a 决算's families
    from budgetlens.checks_tables import FAMILIES  # the PDF layouts' families

    c = Checker()
    families = {
        name: FAMILIES.get(name) or FINAL.get(name) or globals()[f"_{name}"]
        for name in rule_set(layout)
    }
    for check in families.values():
        c.project = None  # each family sets it for the checks that are about one table
        check(c, rows)
    return c.results


# --- helpers --------------------------------------------------------------------------------


def _by_table(rows: list[dict], key: str = "table_key") -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        out[r[key]].append(r)
    return out


def _hierarchy(
    c: Checker,
    kind: str,
    label: str,
    table_rows: list[dict],
    columns: list[str],
    cent: Decimal = CENT,
):
    """合计 = Σ 类, 类 = Σ 款, 款 = Σ 项 for each value column (``cent``: the rounding allowance
    per item, in 万元, of the table's published unit)."""
    by_code = {r["code"]: r for r in table_rows if r["code"]}
    total = next((r for r in table_rows if r["code"] is None), None)
    for col in columns:
        if total is not None:
            kids = [r for r in table_rows if r["level"] == 1]
            if kids or total.get(col) is not None:
                c.compare(
                    "column_total",
                    f"{label} 合计 {col} = Σ 类",
                    total.get(col),
                    sum(_d(k.get(col)) for k in kids),
                    [total["source_line"], *(k["source_line"] for k in kids)],
                    tolerance=cent * len(kids),
                )
        for code, parent in by_code.items():
            kids = [
                r
                for r in table_rows
                if r["code"] and len(r["code"]) == len(code) + 2 and r["code"].startswith(code)
            ]
            if not kids:
                continue
            c.compare(
                "subtotal",
                f"{label} {code} {parent['name']} {col} = Σ 下级科目",
                parent.get(col),
                sum(_d(k.get(col)) for k in kids),
                [parent["source_line"], *(k["source_line"] for k in kids)],
                tolerance=cent * len(kids),
            )


def _closest(name: str, candidates: Iterable[str]) -> str | None:
    cands = list(candidates)
    hit = difflib.get_close_matches(name, cands, n=1, cutoff=0.6)
    return hit[0] if hit else None


# --- tables ---------------------------------------------------------------------------------


def unit_cent(rows: dict, table_key: str) -> Decimal:
    """The rounding allowance per summed item, in 万元, for a table in its published unit: 0.01
    of a 万元 table, 1 元 of a 元 table (元 tables are printed to the 元, often without cents)."""
    unit = next(
        (t.get("amount_unit") for t in rows.get("source_table", []) if t["table_key"] == table_key),
        None,
    )
    return {"元": Decimal("0.0001"), "千元": Decimal("0.001")}.get(unit or "万元", CENT)


def _function_tables(c: Checker, rows: dict) -> None:
    for key, trs in _by_table(rows.get("expenditure_function", [])).items():
        label = key
        cent = unit_cent(rows, key)
        cols = ["total_wan", "basic_wan", "project_wan"]
        _hierarchy(c, "column_total", label, trs, cols, cent)
        for r in trs:
            if r.get("basic_wan") is None and r.get("project_wan") is None:
                continue
            c.compare(
                "row_sum",
                f"{label} {r['code'] or '合计'} {r['name']} 合计 = 基本 + 项目",
                r["total_wan"],
                _d(r["basic_wan"]) + _d(r["project_wan"]),
                [r["source_line"]],
                tolerance=cent * 2,
            )


def _revenue_table(c: Checker, rows: dict) -> None:
    sources = [
        "general_budget_wan",
        "gov_fund_wan",
        "state_capital_wan",
        "special_account_wan",
        "unit_funds_wan",
    ]
    for key, trs in _by_table(rows.get("revenue_function", [])).items():
        _hierarchy(c, "column_total", key, trs, ["total_wan", *sources, "carried_over_wan"])
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
                sum(_d(p) for p in parts),
                [r["source_line"]],
                items=len(sources),
            )


def _summary_value(
    rows: list[dict], table: str, side: str, item: str, col: str, parent: str | None = None
) -> dict | None:
    for r in rows:
        if (
            r["table_key"] == table
            and r["side"] == side
            and r["item"] == item
            and r["column_key"] == col
            and r.get("parent_item") == parent
        ):
            return r
    return None


def _summary_tables(c: Checker, rows: dict) -> None:
    items = rows.get("summary_item", [])
    for table in ("income_expense_summary", "fiscal_summary"):
        trs = [r for r in items if r["table_key"] == table]
        if not trs:
            continue
        rin = _summary_value(trs, table, "收入", "收入总计", "amount")
        rout = _summary_value(trs, table, "支出", "支出总计", "total")
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
        cur = _summary_value(trs, table, "收入", "本年收入合计", "amount")
        srcs = [
            r
            for r in trs
            if r["side"] == "收入"
            and r["seq"] < (cur["seq"] if cur else 0)
            and r["column_key"] == "amount"
        ]
        if cur:
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
        closing = _summary_value(trs, table, "支出", "本年支出合计", "total")
        for col in sorted({r["column_key"] for r in spend}):
            tot = _summary_value(trs, table, "支出", "本年支出合计", col)
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


def _level1(rows: dict, table: str) -> dict[str, dict]:
    return {
        r["name"]: r
        for r in rows.get("expenditure_function", [])
        if r["table_key"] == table and r["level"] == 1
    }


def _cross_tables(c: Checker, rows: dict) -> None:
    items = rows.get("summary_item", [])
    exp_total = _level1(rows, "expenditure_total")
    gb = _level1(rows, "general_budget_expenditure")
    for name, r in exp_total.items():
        for table, col in (("income_expense_summary", "total"), ("fiscal_summary", "total")):
            s = _summary_value(items, table, "支出", name, col)
            if s is None:
                c.fact(
                    "cross_table",
                    f"支出总表 {name} 在 {table} 中",
                    False,
                    [r["source_line"]],
                    f"{table} has no 支出 row named {name}",
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
        s = _summary_value(items, "income_expense_summary", "支出", name, "current_year")
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
                "no row with this 科目编码 in 收入总表",
            )
            continue
        c.compare(
            "cross_table",
            f"{r['code'] or '合计'} {r['name']}: 支出总表 合计 = 收入总表 本年收入 + 上年结转",
            r["total_wan"],
            _d(v["total_wan"]) + _d(v["carried_over_wan"]),
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


def _names(c: Checker, rows: dict) -> None:
    names: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for table in ("expenditure_function", "revenue_function"):
        for r in rows.get(table, []):
            if r["code"]:
                names[r["code"]][r["name"]].append(r["source_line"])
    for code, variants in sorted(names.items()):
        lines = [ln for v in variants.values() for ln in v]
        if len(variants) > 1:
            shown = "; ".join(f"{n} (line {', '.join(map(str, ls))})" for n, ls in variants.items())
            c.fact(
                "name_consistency",
                f"科目 {code} has one name in every table",
                False,
                lines,
                f"different names: {shown}",
            )
        else:
            c.fact(
                "name_consistency",
                f"科目 {code} has one name in every table",
                True,
                lines,
                next(iter(variants)),
            )


def _economic(c: Checker, rows: dict) -> None:
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
                sum(_d(g[col]) for g in groups),
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
                sum(_d(k[col]) for k in kids),
                [g["source_line"], *(k["source_line"] for k in kids)],
                items=len(kids),
            )
    _economic_vs_function(c, rows, econ)
    for r in econ:
        c.compare(
            "row_sum",
            f"经济科目表 {r['dept_class'] or '合计'}/{r['gov_class'] or ''} 合计 = 人员 + 公用",
            r["total_wan"],
            _d(r["personnel_wan"]) + _d(r["public_wan"]),
            [r["source_line"]],
            items=2,
        )


def _economic_vs_function(c: Checker, rows: dict, econ: list[dict]) -> None:
    """An economic item against the 基本支出 of the 功能分类 项 it is booked under."""
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
            sum(_d(f["basic_wan"]) for f in funcs),
            sum(_d(p["total_wan"]) for p in parts),
            [*(f["source_line"] for f in funcs), *(p["source_line"] for p in parts)],
            items=len(funcs) + len(parts) - 1,
        )


def _fiscal_items(c: Checker, rows: dict) -> None:
    for key, trs in _by_table(rows.get("fiscal_item", [])).items():
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
                sum(_d(r["total_wan"]) for r in others),
                [t["source_line"], *(r["source_line"] for r in others)],
                items=len(others),
            )


def _projects(c: Checker, rows: dict) -> None:
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


def _fund(rows: dict, project: str, period: str, source: str, dimension: str = "source"):
    return next(
        (
            f
            for f in rows.get("performance_fund", [])
            if f["project"] == project
            and f["period"] == period
            and f["source"] == source
            and f["dimension"] == dimension
        ),
        None,
    )


def _performance_funds(c: Checker, rows: dict) -> None:
    budget = {
        r["project"]: r
        for r in rows.get("project_budget", [])
        if r["row_kind"] == "project" and not r["carried_over"]
    }
    tables = rows.get("performance_table", [])
    codes: dict[str, list[dict]] = defaultdict(list)
    for t in tables:
        p = t["project"]
        c.project = p
        if t["supervisor_code"]:
            codes[t["supervisor_code"]].append(t)
        if t["is_department"]:
            continue
        b = budget.get(p)
        if b is None:
            c.fact(
                "performance_funds",
                f"{p}: 绩效目标表 has a row in 项目支出预算表",
                False,
                [t["source_line"]],
                "no project of this name in the project table",
            )
            continue
        annual = _fund(rows, p, "年度", "total")
        if annual is not None:
            c.compare(
                "performance_funds",
                f"{p}: 年度资金总额（元）vs 项目支出预算表（万元）",
                b["total_wan"] * WAN,
                annual["amount_yuan"],
                [b["source_line"], annual["source_line"]],
                items=0,
            )
        for period in ("实施期", "年度"):
            tot = _fund(rows, p, period, "total")
            parts = [
                f
                for f in rows.get("performance_fund", [])
                if f["project"] == p and f["period"] == period and f["source"] != "total"
            ]
            if tot is not None and any(f["amount_yuan"] is not None for f in parts):
                c.compare(
                    "performance_funds",
                    f"{p}: {period}资金总额 = Σ 资金来源（元）",
                    tot["amount_yuan"],
                    sum(_d(f["amount_yuan"]) for f in parts),
                    [tot["source_line"], *(f["source_line"] for f in parts)],
                    items=0,
                )
            elif tot is not None:
                c.fact(
                    "performance_funds",
                    f"{p}: {period}资金来源",
                    False,
                    [tot["source_line"]],
                    "资金来源 cells are blank; only the total is stated",
                )
        if b["unit"] and t["implementing_unit"]:
            c.fact(
                "performance_unit",
                f"{p}: 实施单位 = 项目支出预算表 单位",
                norm(b["unit"]) == norm(t["implementing_unit"]),
                [b["source_line"], t["source_line"]],
                f"绩效目标表 {t['implementing_unit']}; 项目支出预算表 {b['unit']}",
            )
    if len(codes) > 1:
        common = max(codes, key=lambda k: len(codes[k]))
        for code, ts in codes.items():
            if code != common:
                for t in ts:
                    c.project = t["project"]
                    c.fact(
                        "supervisor_code",
                        f"{t['project']}: 主管部门代码",
                        False,
                        [t["source_line"]],
                        f"{t['supervisor']}: code {code}, other tables use {common}",
                    )
    # department-level: funds by source and by direction
    dept = next((t for t in tables if t["is_department"]), None)
    if dept is None:
        return
    p = dept["project"]
    c.project = p
    gb_total = next(
        (
            r
            for r in rows.get("expenditure_function", [])
            if r["table_key"] == "general_budget_expenditure" and r["code"] is None
        ),
        None,
    )
    for dim in ("source", "direction"):
        tot = _fund(rows, p, "年度", "total", dim)
        parts = [
            f
            for f in rows.get("performance_fund", [])
            if f["project"] == p and f["dimension"] == dim and f["source"] != "total"
        ]
        if tot is not None:
            c.compare(
                "performance_funds",
                f"部门整体: 资金总额 = Σ 按{'来源' if dim == 'source' else '方向'}",
                tot["amount_yuan"] / WAN,
                sum(_d(f["amount_yuan"]) for f in parts) / WAN,
                [tot["source_line"], *(f["source_line"] for f in parts)],
                items=len(parts),
            )
    if gb_total:
        for key, col in (
            ("total", "total_wan"),
            ("basic", "basic_wan"),
            ("project", "project_wan"),
        ):
            f = _fund(rows, p, "年度", key, "direction")
            if f is not None:
                c.compare(
                    "performance_funds",
                    f"部门整体: {f['label']} vs 一般公共预算支出表",
                    gb_total[col],
                    f["amount_yuan"] / WAN,
                    [gb_total["source_line"], f["source_line"]],
                    items=0,
                )


def _cost_wan(ind: dict) -> Decimal | None:
    if ind["target_kind"] != "numeric" or ind["target_value"] is None:
        return None
    v = to_base_amount_wan(ind["target_value"], ind["target_unit"])
    return None if v is None else Decimal(str(round(v, 6)))


def _cost_indicators(c: Checker, rows: dict) -> None:
    budget = {
        r["project"]: r
        for r in rows.get("project_budget", [])
        if r["row_kind"] == "project" and not r["carried_over"]
    }
    inds = [i for i in rows.get("performance_indicator", []) if i["level2"] == m.COST_CATEGORY]
    by_key: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for i in inds:
        by_key[(i["project"], i["period"])].append(i)
    for (project, period), group in sorted(by_key.items()):
        c.project = project
        if project == m.DEPARTMENT_PERF_NAME:
            _department_costs(c, rows, group)
            continue
        seen: dict[tuple, dict] = {}
        for i in group:
            seen.setdefault((norm(i["name"] or ""), i["target_raw"]), i)
        distinct = list(seen.values())
        amounts = [(i, _cost_wan(i)) for i in distinct]
        valued = [(i, a) for i, a in amounts if a is not None]
        lines = [i["source_line"] for i in group]
        if not valued:
            c.fact(
                "cost_indicator",
                f"{project} {period}: 成本指标 has an amount",
                False,
                lines,
                "no 成本指标 with an amount in 元/万元 (target missing or not monetary)",
            )
            continue
        if period == "年度":
            ref = budget.get(project)
            ref_value = ref["total_wan"] if ref else None
            ref_lines = [ref["source_line"]] if ref else []
            ref_label = "项目支出预算表"
        else:
            f = _fund(rows, project, "实施期", "total")
            ref_value = f["amount_yuan"] / WAN if f and f["amount_yuan"] is not None else None
            ref_lines = [f["source_line"]] if f else []
            ref_label = "实施期资金总额"
        if ref_value is None:
            continue
        names = "、".join(f"{i['name']} {i['target_raw']}" for i, _ in valued)
        c.compare(
            "cost_indicator",
            f"{project} {period}: Σ 成本指标 vs {ref_label}",
            ref_value,
            sum(a for _, a in valued),
            [*ref_lines, *lines],
            items=0,
            detail=names + ("（重复的指标只计一次）" if len(distinct) < len(group) else ""),
        )


def _department_costs(c: Checker, rows: dict, group: list[dict]) -> None:
    econ_total = next(
        (r for r in rows.get("expenditure_economic", []) if r["row_kind"] == "total"), None
    )
    proj = next(
        (
            r
            for r in rows.get("project_budget", [])
            if r["row_kind"] == "department" and not r["carried_over"]
        ),
        None,
    )
    refs = {
        "人员经费": (econ_total, "personnel_wan", "经济科目表 人员经费"),
        "公用经费": (econ_total, "public_wan", "经济科目表 公用经费"),
        "项目支出": (proj, "total_wan", "项目支出预算表 合计"),
    }
    for i in group:
        amount = _cost_wan(i)
        hit = next((v for k, v in refs.items() if k in (i["name"] or "")), None)
        if amount is None or hit is None or hit[0] is None:
            continue
        ref, col, label = hit
        c.compare(
            "cost_indicator",
            f"部门整体: {i['name']} vs {label}",
            ref[col],
            amount,
            [ref["source_line"], i["source_line"]],
            items=0,
            detail=i["target_raw"],
        )


def _periods(c: Checker, rows: dict) -> None:
    inds = [
        i for i in rows.get("performance_indicator", []) if i["project"] != m.DEPARTMENT_PERF_NAME
    ]
    by_project: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for i in inds:
        by_project[i["project"]][i["period"]].append(i)
    for project, periods in by_project.items():
        c.project = project
        impl, annual = periods.get("实施期", []), periods.get("年度", [])
        a_by = {norm(i["name"] or ""): i for i in annual}
        matched = set()
        for i in impl:
            key = norm(i["name"] or "")
            j = a_by.get(key) or next(
                (
                    v
                    for k, v in a_by.items()
                    if k and key and (k.startswith(key) or key.startswith(k)) and k not in matched
                ),
                None,
            )
            if j is None:
                c.fact(
                    "period_consistency",
                    f"{project}: {i['name']} 实施期 vs 年度",
                    False,
                    [i["source_line"]],
                    f"实施期 {i['target_raw']}; no 年度 indicator of this name",
                )
                continue
            matched.add(norm(j["name"] or ""))
            same = norm(i["target_raw"]) == norm(j["target_raw"])
            if i["target_kind"] == "numeric" and j["target_kind"] == "numeric" and not same:
                c.compare(
                    "period_consistency",
                    f"{project}: {i['name']} 实施期 vs 年度",
                    i["target_value"],
                    j["target_value"],
                    [i["source_line"], j["source_line"]],
                    tolerance=ZERO,
                    detail=f"实施期 {i['target_raw']}; 年度 {j['target_raw']}",
                )
            else:
                c.fact(
                    "period_consistency",
                    f"{project}: {i['name']} 实施期 vs 年度",
                    same,
                    [i["source_line"], j["source_line"]],
                    f"实施期 {i['target_raw'] or '(空)'}; 年度 {j['target_raw'] or '(空)'}",
                )
        for key, j in a_by.items():
            if key not in matched:
                c.fact(
                    "period_consistency",
                    f"{project}: {j['name']} 实施期 vs 年度",
                    False,
                    [j["source_line"]],
                    f"年度 {j['target_raw']}; no 实施期 indicator of this name",
                )


# --- narrative ------------------------------------------------------------------------------


def _pct(part: Decimal, whole: Decimal) -> Decimal | None:
    if whole == 0:
        return None
    return (part / whole * 100).quantize(CENT)


def _narrative(c: Checker, rows: dict) -> None:
    kf = {f["key"]: f for f in rows.get("key_figure", [])}
    items = rows.get("summary_item", [])

    def table(table_key, side, item, col):
        return _summary_value(items, table_key, side, item, col)

    def vs(key: str, ref: dict | None, col: str, label: str) -> None:
        f = kf.get(key)
        if f is None or ref is None:
            return
        c.compare(
            "narrative",
            f"说明 {f['label']} vs {label}",
            ref[col],
            f["value"],
            [ref["source_line"], f["source_line"]],
            items=0,
            detail=f["sentence"],
        )

    s = "income_expense_summary"
    vs("revenue_total", table(s, "收入", "收入总计", "amount"), "amount_wan", "收支总表 收入总计")
    vs(
        "revenue_current_year",
        table(s, "收入", "本年收入合计", "amount"),
        "amount_wan",
        "收支总表 本年收入合计",
    )
    vs(
        "revenue_carried_over",
        table(s, "收入", "上年结转", "amount"),
        "amount_wan",
        "收支总表 上年结转",
    )
    vs(
        "expenditure_total",
        table(s, "支出", "支出总计", "total"),
        "amount_wan",
        "收支总表 支出总计",
    )
    vs(
        "expenditure_current_year",
        table(s, "支出", "支出总计", "current_year"),
        "amount_wan",
        "收支总表 当年预算安排",
    )
    vs(
        "expenditure_carried_over",
        table(s, "支出", "支出总计", "carried_over"),
        "amount_wan",
        "收支总表 上年结转安排",
    )
    vs(
        "revenue_total_stated",
        table(s, "收入", "收入总计", "amount"),
        "amount_wan",
        "收支总表 收入总计",
    )
    vs(
        "expenditure_total_stated",
        table(s, "支出", "支出总计", "total"),
        "amount_wan",
        "收支总表 支出总计",
    )
    f = "fiscal_summary"
    vs(
        "fiscal_total",
        table(f, "收入", "收入总计", "amount"),
        "amount_wan",
        "财政拨款收支总表 收入总计",
    )
    vs(
        "fiscal_general_budget",
        table(f, "支出", "支出总计", "general_budget"),
        "amount_wan",
        "财政拨款收支总表 一般公共预算",
    )
    vs(
        "fiscal_current_year",
        table(f, "收入", "本年收入合计", "amount"),
        "amount_wan",
        "财政拨款收支总表 本年收入合计",
    )
    vs(
        "fiscal_carried_over",
        table(f, "收入", "上年财政拨款结转", "amount"),
        "amount_wan",
        "财政拨款收支总表 上年财政拨款结转",
    )

    # changes and growth rates: rate = change / (total - change)
    for base in ("revenue", "expenditure"):
        _rate(c, kf, f"{base}_total", f"{base}_change", f"{base}_change_pct")
    _rate(c, kf, "general_budget_current", "general_budget_change", "general_budget_change_pct")
    _rate(c, kf, "admin_operating_total", "admin_operating_change", "admin_operating_change_pct")

    # lists by function and shares
    exp_total = _level1(rows, "expenditure_total")
    gb = _level1(rows, "general_budget_expenditure")
    for prefix, ref_rows, ref_label, total_key in (
        ("fiscal_function", exp_total, "支出总表", None),
        ("general_budget_function", gb, "一般公共预算支出表", "general_budget_current"),
    ):
        for key, fig in kf.items():
            if not key.startswith(prefix + "."):
                continue
            name = key.split(".", 1)[1]
            ref = ref_rows.get(name)
            detail = fig["sentence"]
            if ref is None:
                close = _closest(name, ref_rows)
                c.fact(
                    "narrative_name",
                    f"说明 {name} is a 类 of {ref_label}",
                    False,
                    [fig["source_line"]],
                    f"no 类 named {name}" + (f"; closest is {close}" if close else ""),
                )
                ref = ref_rows.get(close) if close else None
            if ref is not None:
                c.compare(
                    "narrative",
                    f"说明 {fig['label']} vs {ref_label} {ref['name']}",
                    ref["total_wan"],
                    fig["value"],
                    [ref["source_line"], fig["source_line"]],
                    items=0,
                    detail=detail,
                )
            _share(
                c,
                f"说明 {name} 占比",
                fig,
                kf.get(total_key) if total_key else None,
                kf.get(f"{prefix}_share.{name}"),
            )
    # revenue sources and expenditure directions with shares
    total = kf.get("revenue_total_stated")
    for key, fig in kf.items():
        if key.startswith("revenue_source.") and total:
            name = key.split(".", 1)[1]
            _share(c, f"说明 收入 {name} 占比", fig, total, kf.get(f"revenue_source_share.{name}"))
    tot_exp = kf.get("expenditure_total_stated")
    exp_sum = next(
        (
            r
            for r in rows.get("expenditure_function", [])
            if r["table_key"] == "expenditure_total" and r["code"] is None
        ),
        None,
    )
    for name, col in (("基本支出", "basic_wan"), ("项目支出", "project_wan")):
        fig = kf.get(f"expenditure_direction.{name}")
        if fig and exp_sum:
            vs(f"expenditure_direction.{name}", exp_sum, col, f"支出总表 {name}")
        _share(c, f"说明 {name} 占比", fig, tot_exp, kf.get(f"expenditure_direction_share.{name}"))
    # 基本支出 by economic classification
    econ_total = next(
        (r for r in rows.get("expenditure_economic", []) if r["row_kind"] == "total"), None
    )
    vs("basic_total", econ_total, "total_wan", "经济科目表 合计")
    vs("basic_personnel", econ_total, "personnel_wan", "经济科目表 人员经费")
    vs("basic_public", econ_total, "public_wan", "经济科目表 公用经费")
    # 三公 and 机关运行经费
    fiscal = _by_table(rows.get("fiscal_item", []))
    three = next((r for r in fiscal.get("three_public", []) if "合计" in r["label"]), None)
    tp = kf.get("three_public_total")
    if tp:
        if three:
            vs("three_public_total", three, "total_wan", "“三公”经费表 合计")
        else:
            c.compare(
                "narrative",
                "说明 “三公”经费 vs “三公”经费表（本表无数据 = 0）",
                ZERO,
                tp["value"],
                [tp["source_line"]],
                items=0,
                detail=tp["sentence"],
            )
        parts = [
            kf.get(k)
            for k in (
                "three_public_abroad",
                "three_public_reception",
                "three_public_vehicle_operation",
                "three_public_vehicle_purchase",
            )
        ]
        parts = [p for p in parts if p]
        if parts:
            c.compare(
                "narrative",
                "说明 “三公”经费 = Σ 分项",
                tp["value"],
                sum(p["value"] for p in parts),
                [tp["source_line"], *(p["source_line"] for p in parts)],
                items=len(parts),
            )
    admin = next((r for r in fiscal.get("admin_operating", []) if "合计" in r["label"]), None)
    vs("admin_operating_total", admin, "total_wan", "机关运行经费表 部门合计")
    # 政府采购
    pt = kf.get("procurement_total")
    parts = [kf.get(k) for k in ("procurement_goods", "procurement_works", "procurement_services")]
    if pt and all(parts):
        c.compare(
            "narrative",
            "说明 政府采购 = 货物 + 工程 + 服务",
            pt["value"],
            sum(p["value"] for p in parts),
            [pt["source_line"], *(p["source_line"] for p in parts)],
            items=len(parts),
        )
    _narrative_performance(c, rows, kf)


def _share(
    c: Checker, subject: str, part: dict | None, whole: dict | None, stated: dict | None
) -> None:
    """A share the narrative states (占 x%) against part ÷ whole of the figures it names."""
    if part and whole and stated:
        c.compare(
            "narrative_share",
            subject,
            _pct(part["value"], whole["value"]),
            stated["value"],
            [stated["source_line"]],
            tolerance=CENT,
            detail=stated["sentence"],
        )


def _rate(c: Checker, kf: dict, total_key: str, change_key: str, pct_key: str) -> None:
    total, change, pct = kf.get(total_key), kf.get(change_key), kf.get(pct_key)
    if not (total and change and pct):
        return
    prior = total["value"] - change["value"]
    computed = _pct(change["value"], prior)
    c.compare(
        "narrative_rate",
        f"说明 {pct['label']} = 增减额 / 上年数",
        computed,
        pct["value"],
        [change["source_line"], pct["source_line"]],
        tolerance=CENT,
        detail=f"上年数 = {total['value']} − ({change['value']}) = {prior}; {pct['sentence']}",
    )


def _narrative_performance(c: Checker, rows: dict, kf: dict) -> None:
    projects = [
        r
        for r in rows.get("project_budget", [])
        if r["row_kind"] == "project" and not r["carried_over"]
    ]
    tables = [t for t in rows.get("performance_table", []) if not t["is_department"]]
    units = [u for u in rows.get("budget_unit", []) if not u["is_department"]]
    proj_total = next(
        (
            r
            for r in rows.get("project_budget", [])
            if r["row_kind"] == "department" and not r["carried_over"]
        ),
        None,
    )
    gb_total = next(
        (
            r
            for r in rows.get("expenditure_function", [])
            if r["table_key"] == "general_budget_expenditure" and r["code"] is None
        ),
        None,
    )

    def count(key: str, actual: int, label: str, lines: list[int]) -> None:
        f = kf.get(key)
        if f:
            c.compare(
                "narrative_count",
                f"说明 {f['label']} vs {label}",
                f["value"],
                actual,
                [f["source_line"], *lines],
                tolerance=ZERO,
                detail=f["sentence"],
            )

    count(
        "perf_projects",
        len(projects),
        "项目支出预算表（本年预算）项目数",
        [p["source_line"] for p in projects],
    )
    count(
        "perf_published_projects",
        len(tables),
        "公开的项目支出绩效目标表数",
        [t["source_line"] for t in tables],
    )
    count(
        "perf_units",
        len(units),
        "预算单位数（项目支出预算表、机关运行经费表）",
        [u["source_line"] for u in units],
    )
    count(
        "dept_subordinate_units",
        len([u for u in units if u["unit"] != u["parent_unit"]]),
        "下属预算单位数（不含机关本级）",
        [u["source_line"] for u in units],
    )
    for key in ("perf_projects_funds", "perf_published_funds"):
        f = kf.get(key)
        if f and proj_total:
            c.compare(
                "narrative",
                f"说明 {f['label']} vs 项目支出预算表 合计",
                proj_total["total_wan"],
                f["value"],
                [proj_total["source_line"], f["source_line"]],
                items=0,
                detail=f["sentence"],
            )
    for key, col in (
        ("perf_dept_funds", "total_wan"),
        ("perf_dept_basic", "basic_wan"),
        ("perf_dept_project", "project_wan"),
    ):
        f = kf.get(key)
        if f and gb_total:
            c.compare(
                "narrative",
                f"说明 {f['label']} vs 一般公共预算支出表",
                gb_total[col],
                f["value"],
                [gb_total["source_line"], f["source_line"]],
                items=0,
                detail=f["sentence"],
            )
    for n_key, f_key, total_n, total_f in (
        ("perf_operating_projects", "perf_operating_funds", "perf_projects", "perf_projects_funds"),
    ):
        parts_n = [kf.get(n_key), kf.get("perf_targeted_projects")]
        parts_f = [kf.get(f_key), kf.get("perf_targeted_funds")]
        if all(parts_n) and kf.get(total_n):
            c.compare(
                "narrative_count",
                "说明 项目数: 其他运转类 + 特定目标类 = 合计",
                kf[total_n]["value"],
                sum(p["value"] for p in parts_n),
                [p["source_line"] for p in parts_n],
                tolerance=ZERO,
            )
        if all(parts_f) and kf.get(total_f):
            c.compare(
                "narrative",
                "说明 项目金额: 其他运转类 + 特定目标类 = 合计",
                kf[total_f]["value"],
                sum(p["value"] for p in parts_f),
                [p["source_line"] for p in parts_f],
                items=len(parts_f),
            )
    actual = kf.get("dept_staff_actual")
    parts = [kf.get("dept_staff_on_establishment"), kf.get("dept_staff_other")]
    if actual and all(parts):
        c.compare(
            "narrative_count",
            "部门整体: 实际在职人员 = 在编 + 其他",
            actual["value"],
            sum(p["value"] for p in parts),
            [actual["source_line"], *(p["source_line"] for p in parts)],
            tolerance=ZERO,
        )


def summarise(results: list[dict]) -> dict[str, int]:
    out = {"ok": 0, "rounding": 0, "mismatch": 0}
    for r in results:
        out[r["status"]] += 1
    return out
