"""Checks of the performance tables (绩效目标表): funds against the project table, cost
indicators against the funds, 实施期 against 年度, and the same measure stated in two places.

Families add results to a :class:`~budgetlens.check_core.Checker`; what each needs is declared
in ``budgetlens/rules/families.toml``. A value the extraction lost (an empty target cell, an
indicator present in one period only) is ``unjudged``, never a contradiction.
"""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal

from budgetlens import mappings as m
from budgetlens.check_core import WAN, ZERO, Checker, cost_wan, dec, fund
from budgetlens.source import norm


def performance_funds(c: Checker, rows: dict) -> None:
    """Each 绩效目标表's funds: 年度资金总额 (元) = the project table (万元); 资金总额 = Σ 资金来源
    per period (unjudged when the 来源 cells are blank); 实施单位 = the project table's unit; one
    主管部门代码; the 部门整体 table's funds by source and direction against the tables."""
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
                f"{p}: 绩效目标表 在项目支出预算表中有对应项目",
                False,
                [t["source_line"]],
                "项目支出预算表中没有这个名称的项目",
            )
            continue
        annual = fund(rows, p, "年度", "total")
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
            tot = fund(rows, p, period, "total")
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
                    sum(dec(f["amount_yuan"]) for f in parts),
                    [tot["source_line"], *(f["source_line"] for f in parts)],
                    items=0,
                )
            elif tot is not None:
                c.unjudged(
                    "performance_funds",
                    f"{p}: {period}资金总额 = Σ 资金来源（元）",
                    [tot["source_line"]],
                    f"未读到：{period}各资金来源的金额（第{tot['source_line']}行只有资金总额）",
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
                        f"{t['supervisor']}：代码 {code}，其他各表为 {common}",
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
        tot = fund(rows, p, "年度", "total", dim)
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
                sum(dec(f["amount_yuan"]) for f in parts) / WAN,
                [tot["source_line"], *(f["source_line"] for f in parts)],
                items=len(parts),
            )
    if gb_total:
        for key, col in (
            ("total", "total_wan"),
            ("basic", "basic_wan"),
            ("project", "project_wan"),
        ):
            f = fund(rows, p, "年度", key, "direction")
            if f is not None:
                c.compare(
                    "performance_funds",
                    f"部门整体: {f['label']} vs 一般公共预算支出表",
                    gb_total[col],
                    f["amount_yuan"] / WAN,
                    [gb_total["source_line"], f["source_line"]],
                    items=0,
                )


def cost_indicators(c: Checker, rows: dict) -> None:
    """Each project's 成本指标 against its funds, in both periods (年度: the project table;
    实施期: the 实施期资金总额), judged by what they say: the distinct costs (a cost printed
    twice counts once) may not add up past the funds. A ceiling (≤) below the funds contradicts
    nothing; a ceiling above them, or parts adding past them, is a mismatch. A period whose
    cost cells were not read, or whose funds are missing, is unjudged."""
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
            department_costs(c, rows, group)
            continue
        seen: dict[tuple, dict] = {}
        for i in group:
            seen.setdefault((norm(i["name"] or ""), i["target_raw"]), i)
        distinct = list(seen.values())
        valued = [(i, a) for i, a in ((i, cost_wan(i)) for i in distinct) if a is not None]
        lines = [i["source_line"] for i in group]
        if period == "年度":
            ref = budget.get(project)
            ref_value = ref["total_wan"] if ref else None
            ref_lines = [ref["source_line"]] if ref else []
            ref_label = "项目支出预算表"
        else:
            f = fund(rows, project, "实施期", "total")
            ref_value = f["amount_yuan"] / WAN if f and f["amount_yuan"] is not None else None
            ref_lines = [f["source_line"]] if f else []
            ref_label = "实施期资金总额"
        subject = f"{project} {period}: Σ 成本指标 vs {ref_label}"
        if not valued:
            blank = [i for i in group if i["target_kind"] in ("empty", "unparsed")]
            where = "、".join(str(i["source_line"]) for i in (blank or group))
            c.unjudged(
                "cost_indicator",
                subject,
                [*ref_lines, *lines],
                f"未读到：{period}成本指标的金额（第{where}行"
                + ("目标值为空）" if blank else "的目标值不是以元或万元表示的金额）"),
            )
            continue
        if ref_value is None:
            c.unjudged(
                "cost_indicator",
                subject,
                lines,
                f"未读到：{ref_label}（{project}）",
            )
            continue
        names = "、".join(f"{i['name']} {i['target_raw']}" for i, _ in valued)
        c.within(
            "cost_indicator",
            subject,
            ref_value,
            sum(a for _, a in valued),
            [*ref_lines, *lines],
            detail=names + ("（重复的指标只计一次）" if len(distinct) < len(group) else ""),
        )


def department_costs(c: Checker, rows: dict, group: list[dict]) -> None:
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
        amount = cost_wan(i)
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


def periods(c: Checker, rows: dict) -> None:
    """The 实施期 and 年度 targets of the same indicator (matched by name, or one name the start of
    the other) in each project table. Different numbers or texts are a mismatch; a target cell
    that is empty in one period, or an indicator found in one period only, is unjudged (the
    extraction may have lost it)."""
    inds = [
        i for i in rows.get("performance_indicator", []) if i["project"] != m.DEPARTMENT_PERF_NAME
    ]
    by_project: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for i in inds:
        by_project[i["project"]][i["period"]].append(i)
    for project, halves in by_project.items():
        c.project = project
        impl, annual = halves.get("实施期", []), halves.get("年度", [])
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
            subject = f"{project}: {i['name']} 实施期 vs 年度"
            if j is None:
                c.unjudged(
                    "period_consistency",
                    subject,
                    [i["source_line"]],
                    f"未读到：年度的同名指标"
                    f"（实施期 {i['target_raw'] or '空'}，第{i['source_line']}行）",
                )
                continue
            matched.add(norm(j["name"] or ""))
            lost = [
                (p, x) for p, x in (("实施期", i), ("年度", j)) if not norm(x["target_raw"] or "")
            ]
            if lost:
                c.unjudged(
                    "period_consistency",
                    subject,
                    [i["source_line"], j["source_line"]],
                    "未读到："
                    + "、".join(f"{p}的目标值（第{x['source_line']}行为空）" for p, x in lost),
                )
                continue
            same = norm(i["target_raw"]) == norm(j["target_raw"])
            if i["target_kind"] == "numeric" and j["target_kind"] == "numeric" and not same:
                c.compare(
                    "period_consistency",
                    subject,
                    i["target_value"],
                    j["target_value"],
                    [i["source_line"], j["source_line"]],
                    tolerance=ZERO,
                    detail=f"实施期 {i['target_raw']}；年度 {j['target_raw']}",
                )
            else:
                c.fact(
                    "period_consistency",
                    subject,
                    same,
                    [i["source_line"], j["source_line"]],
                    f"实施期 {i['target_raw']}；年度 {j['target_raw']}",
                )
        for key, j in a_by.items():
            if key not in matched:
                c.unjudged(
                    "period_consistency",
                    f"{project}: {j['name']} 实施期 vs 年度",
                    [j["source_line"]],
                    f"未读到：实施期的同名指标"
                    f"（年度 {j['target_raw'] or '空'}，第{j['source_line']}行）",
                )


# --- the same measure stated in two places ----------------------------------------------------

# words that name the act around a measure, not the measure: stripped before names are matched
_GENERIC = ("奖励", "数量", "补助", "项目", "年度", "个数", "园区")
_AREA = re.compile(r"(\d+(?:\.\d+)?)\s*(?:平方米|㎡)")
_TEXT_FIELDS = ("summary", "basis", "necessity", "plan", "goal_impl", "goal_annual")
NEAR = Decimal("0.02")  # two areas within 2% of each other are taken for one area


def _core(name: str) -> str:
    out = norm(name or "")
    for w in _GENERIC:
        out = out.replace(w, "")
    return out


def _same_measure(a: str, b: str) -> bool:
    return len(a) >= 4 and len(b) >= 4 and (a in b or b in a)


def repeated_measures(c: Checker, rows: dict) -> None:
    """The same measure stated with different values in different places: an indicator of the
    部门整体 table against the one project table that states the same measure (one name within
    the other once words like 奖励/数量 are dropped, same unit, numeric targets, not a rate in %;
    a measure several projects state is each project's own, not compared): the department
    includes the project, so the project's target may not exceed the department's stated
    ceiling (部门整体 ≤5项 against a project's ≥8项 is a mismatch; ≤93家 against ≥83家 can both
    hold; a plain department figure such as 968人 may count something else and is not compared);
    and an area (平方米) stated in the indicators or a
    project's 概况 text that another place states within 2% but not equal (one area printed
    two ways)."""
    inds = [
        i
        for i in rows.get("performance_indicator", [])
        if i["target_kind"] == "numeric" and i["target_value"] is not None and i["target_unit"]
    ]
    dept = [i for i in inds if i["project"] == m.DEPARTMENT_PERF_NAME and i["target_unit"] != "%"]
    projects = [i for i in inds if i["project"] != m.DEPARTMENT_PERF_NAME]
    done: set[tuple] = set()
    for d in dept:
        same = [
            p
            for p in projects
            if p["target_unit"] == d["target_unit"]
            and _same_measure(_core(d["name"]), _core(p["name"]))
        ]
        if len({p["project"] for p in same}) != 1:
            continue  # a measure every project states (培训次数, 完成率) is each project's own
        for p in same:
            key = (d["source_line"], p["project"], norm(p["target_raw"]))
            if key in done:
                continue  # the 实施期 and 年度 halves print one row
            done.add(key)
            ceiling = d["comparator"] in ("≤", "<")  # a stated ceiling, not a head count
            floor = p["comparator"] in (None, "=", "≥", ">")
            if not (ceiling and floor):
                continue  # no ceiling the project could pass
            c.project = p["project"]
            c.within(
                "repeated_measure",
                f"{d['name']}: 部门整体 vs {p['project']} {p['name']}",
                d["target_value"],
                p["target_value"],
                [d["source_line"], p["source_line"]],
                detail=f"部门整体 {d['target_raw']}；{p['project']} {p['target_raw']}"
                "（部门整体包含该项目：项目的目标不能超过部门整体的上限）",
            )
    c.project = None
    _areas(c, rows, inds)


def _areas(c: Checker, rows: dict, inds: list[dict]) -> None:
    places: dict[Decimal, list[tuple[str, int]]] = defaultdict(list)
    for i in inds:
        if i["target_unit"] == "平方米":
            places[dec(i["target_value"])].append((f"{i['project']} {i['name']}", i["source_line"]))
    for t in rows.get("performance_table", []):
        for col in _TEXT_FIELDS:
            for hit in _AREA.finditer(t.get(col) or ""):
                places[Decimal(hit.group(1))].append((f"{t['project']} 概况", t["source_line"]))
    values = sorted(v for v in places if v >= 1000)
    for a_i, a in enumerate(values):
        for b in values[a_i + 1 :]:
            if (b - a) / b > NEAR:
                continue
            where_a = "、".join(sorted({w for w, _ in places[a]}))
            where_b = "、".join(sorted({w for w, _ in places[b]}))
            c.compare(
                "repeated_measure",
                f"面积 {a.normalize():f}平方米 vs {b.normalize():f}平方米",
                a,
                b,
                [ln for _, ln in places[a] + places[b]],
                tolerance=ZERO,
                detail=f"{a.normalize():f}平方米：{where_a}；{b.normalize():f}平方米：{where_b}",
            )


FAMILIES = {
    "performance_funds": performance_funds,
    "cost_indicators": cost_indicators,
    "periods": periods,
    "repeated_measures": repeated_measures,
}
