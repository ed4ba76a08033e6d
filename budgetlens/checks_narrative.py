"""Checks of the prose against the tables: the narrative's totals, shares, growth rates and
counts (预算说明), sums the prose states against their parts, and quantities the prose states
against the indicators of the same project.

Families add results to a :class:`~budgetlens.check_core.Checker`; what each needs is declared
in ``budgetlens/rules/families.toml`` (the narrative figures that equal one table cell are
declared identities in ``budgetlens/rules/narrative.toml``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from itertools import pairwise

from budgetlens.check_core import (
    CENT,
    WAN,
    ZERO,
    Checker,
    by_table,
    closest,
    level1,
    pct,
)
from budgetlens.source import norm


def narrative(c: Checker, rows: dict) -> None:
    """The narrative (预算说明) against the tables: growth rates (change ÷ (total − change)), the
    classes it lists and their shares, revenue sources and expenditure directions with shares,
    三公 and 机关运行经费, 政府采购 = 货物 + 工程 + 服务, and the performance paragraph's counts
    and amounts. Figures equal to one table cell are declared identities (rules/narrative.toml)."""
    kf = {f["key"]: f for f in rows.get("key_figure", [])}

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

    # changes and growth rates: rate = change / (total - change)
    for base in ("revenue", "expenditure"):
        _rate(c, kf, f"{base}_total", f"{base}_change", f"{base}_change_pct")
    _rate(c, kf, "general_budget_current", "general_budget_change", "general_budget_change_pct")
    _rate(c, kf, "admin_operating_total", "admin_operating_change", "admin_operating_change_pct")

    # lists by function and shares
    exp_total = level1(rows, "expenditure_total")
    gb = level1(rows, "general_budget_expenditure")
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
                close = closest(name, ref_rows)
                c.fact(
                    "narrative_name",
                    f"说明 {name}: {ref_label}中的类",
                    False,
                    [fig["source_line"]],
                    f"没有名为 {name} 的类" + (f"；最接近的是 {close}" if close else ""),
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
        vs(f"expenditure_direction.{name}", exp_sum, col, f"支出总表 {name}")
        _share(c, f"说明 {name} 占比", fig, tot_exp, kf.get(f"expenditure_direction_share.{name}"))
    # 三公 and 机关运行经费
    fiscal = by_table(rows.get("fiscal_item", []))
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
    narrative_performance(c, rows, kf)


def _share(
    c: Checker, subject: str, part: dict | None, whole: dict | None, stated: dict | None
) -> None:
    """A share the narrative states (占 x%) against part ÷ whole of the figures it names."""
    if part and whole and stated:
        c.compare(
            "narrative_share",
            subject,
            pct(part["value"], whole["value"]),
            stated["value"],
            [stated["source_line"]],
            tolerance=CENT,
            detail=stated["sentence"],
        )


def _rate(c: Checker, kf: dict, total_key: str, change_key: str, pct_key: str) -> None:
    total, change, stated = kf.get(total_key), kf.get(change_key), kf.get(pct_key)
    if not (total and change and stated):
        return
    prior = total["value"] - change["value"]
    computed = pct(change["value"], prior)
    c.compare(
        "narrative_rate",
        f"说明 {stated['label']} = 增减额 / 上年数",
        computed,
        stated["value"],
        [change["source_line"], stated["source_line"]],
        tolerance=CENT,
        detail=f"上年数 = {total['value']} − ({change['value']}) = {prior}; {stated['sentence']}",
    )


def narrative_performance(c: Checker, rows: dict, kf: dict) -> None:
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


# --- sums and quantities stated in prose ------------------------------------------------------

_TEXT_FIELDS = ("summary", "basis", "necessity", "plan", "goal_impl", "goal_annual")
_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
_AMOUNT = re.compile(rf"({_NUM})\s*(万元|元)")
# an enumerated item starts ("1、", "2.", "（三）"): a sum inside one item does not reach past it
_ITEM = re.compile(
    r"(?:^|(?<=[;；。，,\s:：]))(?:\d{1,2}|[一二三四五六七八九十]{1,2})[、.．](?!\d)"
)
_TOTAL = re.compile(r"(合计|共计|总计|小计|累计)[^，,；;。：:、]*$")
_N_ITEMS = re.compile(r"([两二三四五六七八九]|\d)项(?:合计|共计)")
_EXPR = re.compile(
    rf"((?:{_NUM}\s*(?:万元|元)?\s*[+＋]\s*)+{_NUM}\s*(?:万元|元)?)\s*[=＝]\s*({_NUM})\s*(万元|元)"
)
_CN = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
NEAR_BREAKDOWN = Decimal("0.1")  # amounts after an item's first that add up within 10% of it


def _wan(number: str, unit: str) -> Decimal:
    v = Decimal(number.replace(",", ""))
    return v / WAN if unit == "元" else v


def _texts(rows: dict) -> Iterator[tuple[str | None, str, int]]:
    """(project, text, line) of every prose passage: the performance tables' 概况 fields, the
    narrative's sections and the narrative sentences figures were read from (each once; not the
    政府采购 statement, whose parts its own checks know)."""
    seen: set[str] = set()
    for t in rows.get("performance_table", []):
        for col in _TEXT_FIELDS:
            text = t.get(col) or ""
            if text and text not in seen:
                seen.add(text)
                yield t["project"], text, t["source_line"]
    for s in rows.get("text_section", []):
        if s["body"] not in seen:
            seen.add(s["body"])
            yield None, s["body"], s["source_line"]
    for f in rows.get("key_figure", []):
        if f["key"].startswith("procurement_"):
            continue  # 政府采购 总额, 其中 货物/工程/服务: checked with its parts (narrative,
            # procurement_narrative), not read again as an item's breakdown
        text = f.get("sentence") or ""
        if text and text not in seen:
            seen.add(text)
            yield None, text, f["source_line"]


def _is_rate(text: str, start: int, end: int) -> bool:
    """An amount per month, per person … (每月568元, 1000元/人): not a part of a sum."""
    before = text[max(0, start - 4) : start]
    after = text[end : end + 2]
    return "每" in before or "标准" in before or (after.startswith("/") and after[1:2] != "年")


def prose_sums(c: Checker, rows: dict) -> None:
    """Sums the prose states against their parts: "A万元 + B万元 = C万元"; a 合计/共计/总计 amount
    against the amounts before it in the same enumerated item (a 小计 carries on as a part;
    amounts after 其中 are parts of the amount before, not of the total); "两项合计" against the
    last items' totals; and an item's first amount against the amounts that follow it when
    these add up to within 10% of it (水、电、供热费 190万元: 供热费 178、水费 3、电费 10)."""
    done: set[tuple] = set()

    def report(project, subject, total, parts, line, sentence) -> None:
        key = (project, total, tuple(parts))
        if key in done:
            return
        done.add(key)
        c.project = project
        shown = " + ".join(f"{p.normalize():f}" for p in parts)
        c.compare(
            "prose_sum",
            subject,
            total,
            sum(parts),
            [line],
            tolerance=ZERO,
            detail=f"{shown} = {sum(parts).normalize():f}（万元）；原文：{sentence}",
        )

    for project, text, line in _texts(rows):
        where = f"{project} 概况" if project else "说明"
        for hit in _EXPR.finditer(text):
            parts = [
                _wan(n, u or hit.group(3))
                for n, u in re.findall(rf"({_NUM})\s*(万元|元)?", hit.group(1))
            ]
            report(
                project,
                f"{where}: 算式 {hit.group(0)}",
                _wan(hit.group(2), hit.group(3)),
                parts,
                line,
                hit.group(0),
            )
        for subject, total, parts, sentence in _sums_in(text):
            report(project, f"{where}: {subject}", total, parts, line, sentence)
    c.project = None


def _sums_in(text: str) -> list[tuple[str, Decimal, list[Decimal], str]]:
    """(subject, total, parts, sentence) of each sum stated in ``text`` (see prose_sums)."""
    found: list[tuple[str, Decimal, list[Decimal], str]] = []

    def report(subject: str, total: Decimal, parts: list[Decimal], sentence: str) -> None:
        found.append((subject, total, list(parts), sentence))

    starts = [0, *(h.start() for h in _ITEM.finditer(text)), len(text)]
    item_values: list[Decimal] = []
    for a, b in pairwise(starts):
        item = text[a:b]
        if not item.strip():
            continue
        pending: list[Decimal] = []
        totals: list[Decimal] = []
        carried = False  # pending starts with a 小计 (the last of totals), a part of what follows
        first: tuple[Decimal, str] | None = None
        rest: list[Decimal] = []
        prev_end = 0
        for hit in _AMOUNT.finditer(item):
            if _is_rate(item, hit.start(), hit.end()):
                continue
            value = _wan(hit.group(1), hit.group(2))
            clause = item[: hit.start()]
            marker = _TOTAL.search(clause[-14:])
            sub = "其中" in item[prev_end : hit.start()]
            prev_end = hit.end()
            sentence = item[max(0, hit.start() - 40) : hit.end()].strip("，,；;。 ")
            if marker:
                n = _N_ITEMS.search(clause[-14:])
                if n:
                    k = _CN.get(n.group(1)) or int(n.group(1))
                    own = [sum(pending)] if pending else []
                    parts = [*item_values[-(k - len(own)) :], *own] if k > len(own) else own
                    if len(parts) == k:
                        report(f"{marker.group(1)} {hit.group(0)}", value, parts, sentence)
                elif len(pending) >= 2:
                    report(f"{marker.group(1)} {hit.group(0)}", value, pending, sentence)
                if carried:
                    totals.pop()  # the 小计 is a part of this total: the item counts it once
                totals.append(value)
                carried = marker.group(1) == "小计"
                pending = [value] if carried else []
                first = None
                continue
            if sub:
                continue  # a part of the amount before it
            pending.append(value)
            if first is None and not totals:
                first = (value, sentence)
            elif first is not None:
                rest.append(value)
        if first is not None and len(rest) >= 2 and not totals:
            head, sentence = first
            if all(r < head for r in rest) and abs(sum(rest) - head) <= head * NEAR_BREAKDOWN:
                report(f"分项 {head.normalize():f}万元", head, rest, sentence)
        value = sum(totals) if totals else sum(pending)
        if value:
            item_values.append(value)
    return found


_QTY_UNITS = {"项": "项", "家": "家", "人": "人", "名": "人", "个": "个", "次": "次", "份": "份"}
_HAN = r"[\u4e00-\u9fff、]"
_QTY_AFTER = re.compile(r"([\u4e00-\u9fff]{2,8}?)(\d+)\s*(项|家|人|名|个|次|份)(?![次/])")
_QTY_BEFORE = re.compile(rf"(?<![\d.])(\d+)\s*(项|家|名|个)(?![次/])({_HAN}{{4,10}})")
_VAGUE = (
    "不超过",
    "不少于",
    "不低于",
    "不高于",
    "以上",
    "以下",
    "约",
    "预计",
    "超过",
    "至少",
    "达",
)


def _holds(value: Decimal, comparator: str | None, target: Decimal) -> bool:
    return {
        "≥": value >= target,
        ">": value > target,
        "≤": value <= target,
        "<": value < target,
    }.get(comparator or "=", value == target)


def prose_quantities(c: Checker, rows: dict) -> None:
    """A quantity a project's 概况 states exactly (补助项目58项, 63家高新技术企业) against the
    same project's indicator of that quantity (its name contains the prose's words, same unit):
    the stated number must meet the indicator's target (58 against 56项 is a mismatch; 63家
    against ≥63家 is ok). Quantities stated vaguely (不超过96项, 约) are not compared."""
    inds = [
        i
        for i in rows.get("performance_indicator", [])
        if i["target_kind"] == "numeric" and i["target_value"] is not None
    ]
    done: set[tuple] = set()
    for t in rows.get("performance_table", []):
        if t["is_department"]:
            continue
        own = [i for i in inds if i["project"] == t["project"]]
        for col in ("summary", "goal_impl", "goal_annual"):
            text = t.get(col) or ""
            mentions = [
                (h.group(1), h.group(2), h.group(3), h.start(2), h.group(0))
                for h in _QTY_AFTER.finditer(text)
            ] + [
                (h.group(3), h.group(1), h.group(2), h.start(1), h.group(0))
                for h in _QTY_BEFORE.finditer(text)
            ]
            for words, number, unit, at, printed in mentions:
                if any(v in text[max(0, at - 4) : at] for v in _VAGUE):
                    continue
                core = norm(words.strip("、"))
                for cut in (core, core[-4:], core[:4]):
                    hit = next(
                        (
                            i
                            for i in own
                            if len(cut) >= 4
                            and cut in norm(i["name"] or "")
                            and _QTY_UNITS.get(i["target_unit"] or "") == _QTY_UNITS[unit]
                        ),
                        None,
                    )
                    if hit:
                        break
                if hit is None:
                    continue
                key = (t["project"], hit["source_line"], number)
                if key in done:
                    continue
                done.add(key)
                c.project = t["project"]
                stated = Decimal(number)
                c.fact(
                    "prose_quantity",
                    f"{t['project']}: 概况 {printed} vs 指标 {hit['name']}",
                    _holds(stated, hit["comparator"], Decimal(str(hit["target_value"]))),
                    [t["source_line"], hit["source_line"]],
                    f"概况：{text[max(0, at - 20) : at + 12]}；"
                    f"指标：{hit['name']} {hit['target_raw']}",
                )
    c.project = None


_COUNT_UNITS = re.compile(
    r"(?:包括|共有|共|下设|下属|所属|含)?(\d+|[一二三四五六七八九十]+)\s*[个家](?:二级)?(?:预算单位|下属单位|事业单位)"
)
_CN_NUM = {
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}


def _count(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    if s in _CN_NUM:
        return _CN_NUM[s]
    if len(s) == 2 and s[0] == "十":
        return 10 + _CN_NUM.get(s[1], 0)
    return None


def prose_counts(c: Checker, rows: dict) -> None:
    """Counts the prose states against the rows of the tables: "N个预算单位/下属单位" in the
    narrative's sections and the project 概况 against the budget units the tables list (with or
    without the department's own office: either reading agrees); "N个项目" against the rows of
    the project table (本年预算). Sentences a narrative figure was read from are checked by the
    narrative family, not again here."""
    units = [u for u in rows.get("budget_unit", []) if not u["is_department"]]
    subordinate = [u for u in units if u["unit"] != u.get("parent_unit")]
    projects = [
        r
        for r in rows.get("project_budget", [])
        if r["row_kind"] == "project" and not r["carried_over"]
    ]
    passages = [(s["body"], s["source_line"]) for s in rows.get("text_section", [])] + [
        (t.get(col) or "", t["source_line"])
        for t in rows.get("performance_table", [])
        for col in ("summary",)
    ]
    for text, line in passages:
        for hit in _COUNT_UNITS.finditer(text):
            n = _count(hit.group(1))
            if n is None or not units:
                continue
            ok = n in (len(units), len(subordinate))
            c.compare(
                "prose_count",
                f"说明 {hit.group(0)} vs 预算单位表",
                len(units) if ok and n == len(units) else len(subordinate) if ok else len(units),
                n,
                [line, *(u["source_line"] for u in units)],
                tolerance=ZERO,
                detail=f"表中 {len(units)} 个预算单位（其中下属 {len(subordinate)} 个）；"
                f"原文：{hit.group(0)}",
            )
        for hit in re.finditer(r"(\d+|[一二三四五六七八九十]+)\s*个(?:预算)?项目", text):
            n = _count(hit.group(1))
            if n is None or not projects:
                continue
            c.compare(
                "prose_count",
                f"说明 {hit.group(0)} vs 项目支出预算表",
                len(projects),
                n,
                [line, *(p["source_line"] for p in projects)],
                tolerance=ZERO,
                detail=f"项目支出预算表（本年预算）列 {len(projects)} 个项目；原文：{hit.group(0)}",
            )


_PROCUREMENT_PARTS = (
    ("procurement_goods", "货物"),
    ("procurement_works", "工程"),
    ("procurement_services", "服务"),
)


def procurement_narrative(c: Checker, rows: dict) -> None:
    """The 政府采购 total the narrative states (and its 货物 / 工程 / 服务 where stated) against
    the 政府采购预算表 as read (``procurement_item``): stated total = the table's 合计 row; each
    stated part = the table's category row, a category the table does not list being 0 when it
    lists categories at all (北京 prints A-货物 and C-服务 only); and stated total = Σ stated
    parts when all three are stated. A document whose 政府采购预算表 was not read into rows
    (none printed, 本部门无政府采购, or kept as raw cells) is not compared with it; a table of items
    without category rows (西安) is compared by its 合计 only."""
    kf = {f["key"]: f for f in rows.get("key_figure", [])}
    total = kf.get("procurement_total")
    parts = [(kf.get(k), word) for k, word in _PROCUREMENT_PARTS]
    if total is None:
        return
    items = rows.get("procurement_item", [])
    table_total = next(
        (r for r in items if r["row_kind"] == "total" and r.get("total_wan") is not None), None
    )
    if table_total is not None:
        c.compare(
            "procurement",
            "说明 政府采购预算总额 vs 政府采购预算表 合计",
            table_total["total_wan"],
            total["value"],
            [table_total["source_line"], total["source_line"]],
            items=0,
            detail=total["sentence"],
        )
    categories = {r["category"]: r for r in items if r["row_kind"] == "category"}
    if categories:
        for stated, word in parts:
            if stated is None:
                continue
            row = categories.get(word)
            c.compare(
                "procurement",
                f"说明 政府采购{word}预算 vs 政府采购预算表 {word}",
                row["total_wan"] if row else ZERO,
                stated["value"],
                [row["source_line"], stated["source_line"]] if row else [stated["source_line"]],
                items=0,
                detail=stated["sentence"]
                if row
                else f"表中未列{word}类（= 0）；{stated['sentence']}",
            )
    if all(stated for stated, _ in parts):
        c.compare(
            "procurement",
            "说明 政府采购预算总额 = 货物 + 工程 + 服务",
            total["value"],
            sum(stated["value"] for stated, _ in parts),
            [total["source_line"], *(stated["source_line"] for stated, _ in parts)],
            items=len(parts),
            detail=total["sentence"],
        )


FAMILIES = {
    "procurement_narrative": procurement_narrative,
    "narrative": narrative,
    "prose_sums": prose_sums,
    "prose_quantities": prose_quantities,
    "prose_counts": prose_counts,
}
