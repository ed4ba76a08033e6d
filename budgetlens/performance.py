"""Reading the performance-target tables (绩效目标表).

Two kinds: the department-level 整体支出绩效目标申报表 (one period, 年度) and one
项目支出绩效目标表 per project (two periods side by side: 实施期 on the left, 年度 on the right).

The extraction shifts cells, repeats names, leaves 一级/二级 labels on one row of their merged
group (sometimes one row off) and loses a few cells. So an indicator row is read by what its
cells *are*: a 一级 label, a 二级 label, a 三级 name, or a target value (see
:func:`classify_cell`). Cells are grouped into segments (labels + name + value); a row with two
segments has one per period, a row with one is placed by its column. Labels fill forward within a
period. Where a label is evidently displaced (a time target under 成本指标) the indicator is
re-placed, the label as extracted is kept in ``level2_raw`` and the move is written in
``problem``. Nothing is dropped: a name without a value, or a value without a name, is kept with
``placed = false`` or a problem text.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from decimal import Decimal

from budgetlens import mappings as m
from budgetlens.errors import IngestError
from budgetlens.source import SourceText, is_amount, norm
from budgetlens.targets import parse_target

_HEADING = re.compile(r"^[一二三四五六七八九十]+、")
_TAGS = re.compile(r"</?p>")
_QUALITATIVE = {
    "提高",
    "促进",
    "带动",
    "保障",
    "加快",
    "激发",
    "助力",
    "吸引",
    "提升",
    "显著提高",
    "有所提高",
    "有所提升",
    "逐步提高",
    "明显提升",
    "良好",
    "较好",
    "优良",
    "达标",
    "合格",
    "满意",
    "完善",
    "增强",
    "改善",
    "降低",
    "减少",
    "稳定",
    "持续",
    "及时",
    "按时",
    "准时",
    "规范",
    "有效",
    "是",
    "否",
    "高",
    "中",
    "低",
}
_MONEY_UNITS = ("元", "万元", "亿元")


@dataclass
class Segment:
    """Cells of one period within one row: optional labels, a name, a value."""

    line: int
    start: int
    l1: str | None = None
    l2: str | None = None
    name: str | None = None
    value: str | None = None
    value_seen: bool = False


@dataclass
class PerfTable:
    """A performance table's parsed content, ready to load."""

    project: str
    is_department: bool
    title_line: int
    meta: dict = field(default_factory=dict)
    funds: list[dict] = field(default_factory=list)
    indicators: list[dict] = field(default_factory=list)
    notes: list[tuple[str, int]] = field(default_factory=list)
    profile: list[dict] = field(default_factory=list)


def clean_text(text: str) -> str:
    return _TAGS.sub("", text).strip()


def canonical_level2(text: str) -> str | None:
    """The canonical 二级指标 for a label, its alias or a truncation of it; None otherwise."""
    t = norm(text)
    if t in m.LEVEL2_PARENT:
        return t
    if t in m.LEVEL2_ALIASES:
        return m.LEVEL2_ALIASES[t]
    if len(t) >= 5 and t.endswith(("指标", "指")):
        for full in m.LEVEL2_PARENT:
            if full.startswith(t):
                return full
    return None


def classify_cell(text: str) -> str:
    """'hdr' | 'l1' | 'l2' | 'val' | 'name' for a non-empty indicator-block cell."""
    t = norm(text)
    if t in m.PERF_HEADER_CELLS:
        return "hdr"
    if t in m.LEVEL1_LABELS:
        return "l1"
    if canonical_level2(t):
        return "l2"
    if is_value(t):
        return "val"
    return "name"


def is_value(t: str) -> bool:
    kind = parse_target(t).kind
    return kind in ("numeric", "time") or t in _QUALITATIVE or (len(t) <= 2 and kind != "empty")


# --- locating -------------------------------------------------------------------------------


def locate(src: SourceText, start: int) -> list[tuple[int, int, bool]]:
    """(title line, last line, is_department) of every performance table after ``start``."""
    titles: list[tuple[int, bool]] = []
    for i in range(start, len(src) + 1):
        t = norm(src.line(i))
        if "..." in src.line(i):
            continue
        if any(w in t for w in m.PERF_PROJECT_TITLE) and len(t) < 40:
            titles.append((i, False))
        elif any(w in t for w in m.PERF_DEPARTMENT_TITLE) and len(t) < 40:
            titles.append((i, True))
    out = []
    for k, (line, is_dept) in enumerate(titles):
        end = titles[k + 1][0] - 1 if k + 1 < len(titles) else len(src)
        for j in range(line + 1, end + 1):
            if _HEADING.match(norm(src.line(j))) or norm(src.line(j)).startswith("第四部分"):
                end = j - 1
                break
        out.append((line, end, is_dept))
    return out


# --- project tables -------------------------------------------------------------------------


def _label_value(cells: list[str], label: str) -> str | None:
    """The first non-empty cell after the cell whose normalised text starts with ``label``."""
    for k, c in enumerate(cells):
        n = norm(c)
        if n.startswith(label):
            rest = c.split("：", 1)[-1].split(":", 1)[-1].strip() if n != label else ""
            if rest and rest != c.strip():
                return rest
            for later in cells[k + 1 :]:
                if later:
                    return later
            return None
    return None


def parse_project(src: SourceText, first: int, last: int) -> PerfTable:
    """Read one 项目支出绩效目标表 between lines ``first`` (title) and ``last``.

    Raises IngestError when the table has no 项目名称 or no indicator block.
    """
    rows = [(i, src.cells(i)) for i in range(first + 1, last + 1) if src.line(i).strip()]
    name = None
    for _, cells in rows:
        if cells and norm(cells[0]) == "项目名称":
            name = next((c for c in cells[1:] if c), None)
            break
    if not name:
        raise IngestError(
            src.path,
            "a 项目名称 row with the project's name",
            line=first,
            table="项目支出绩效目标表",
            found=src.line(first + 1) if first < len(src) else None,
        )
    pt = PerfTable(project=name, is_department=False, title_line=first)
    meta = pt.meta
    fund_rows: list[tuple[int, list[str]]] = []
    block: list[tuple[int, list[str]]] = []
    in_funds = in_block = False
    duration_window = False
    for i, cells in rows:
        ne = [c for c in cells if c]
        if not ne:
            continue
        head = norm(ne[0])
        if in_block:
            if head.startswith("负责人") or any("填报日期" in norm(c) for c in ne):
                meta["fill_date"] = _label_value(cells, "填报日期")
                in_block = False
                continue
            block.append((i, cells))
            continue
        if head == "主管部门及代码":
            meta["supervisor"] = ne[1] if len(ne) > 1 else None
            unit = _label_value(cells, "实施单位")
            if unit is None and len(ne) > 2:
                unit = ne[-1]  # the 实施单位 label is missing on some rows; its value is last
            meta["implementing_unit"] = unit
        elif head == "项目属性":
            meta["attribute"] = ne[1] if len(ne) > 1 and norm(ne[1]) != "项目期" else None
            meta["duration"] = _label_value(cells, "项目期")
            duration_window = True
        elif head.startswith("项目资金"):
            in_funds = True
            fund_rows.append((i, cells))
        elif head in m.PERF_TEXT_FIELDS:
            in_funds = False
            meta[m.PERF_TEXT_FIELDS[head]] = clean_text("".join(ne[1:]))
        elif head == "总体目标":
            texts = [clean_text(c) for c in ne[1:]]
            meta["goal_impl"] = texts[0] if texts else None
            meta["goal_annual"] = texts[1] if len(texts) > 1 else meta["goal_impl"]
            if len(texts) == 1:
                pt.notes.append(("one 总体目标 text for both 实施期 and 年度", i))
        elif head in ("绩效指标", "年度绩效指标") or head in m.LEVEL1_LABELS or head == "一级指标":
            in_block = True
            in_funds = False
            block.append((i, cells))
        elif in_funds:
            fund_rows.append((i, cells))
        if duration_window and not meta.get("duration"):
            for c in ne:
                if re.fullmatch(r"\d+年", norm(c)):
                    meta["duration"] = c
                    break
        if head.startswith("项目概况"):
            duration_window = False
    if not block:
        raise IngestError(
            src.path,
            "an indicator block (绩效指标 一级/二级/三级/指标值)",
            line=first,
            table=f"项目支出绩效目标表 {name}",
            found="the table ended without one (truncated?)",
        )
    pt.funds = _project_funds(src, fund_rows, pt)
    pt.indicators = read_indicators(block, two_periods=True, notes=pt.notes)
    return pt


def _fund_source(cell: str) -> tuple[str, str, str | None] | None:
    """(source key, label, value embedded in the same cell) for a fund label cell."""
    n = norm(cell)
    n = re.sub(r"^项目资金\(元\)", "", n)
    n = n.removeprefix("其中:").removeprefix("其中")
    for prefix, key in m.PERF_FUND_SOURCES:
        if n.startswith(prefix):
            # the amount sometimes shares the label's cell: "其中：中央财政资金 0",
            # "实施期资金总额：10,000,000", "市县（区）财政 5,000,000" (a truncated label)
            rest = re.sub(r"^[资金:：]*", "", n[len(prefix) :])
            return key, prefix, rest if rest and is_amount(rest) else None
    return None


def _project_funds(src: SourceText, rows: list[tuple[int, list[str]]], pt: PerfTable) -> list[dict]:
    out = []
    for line, cells in rows:
        seen: dict[str, int] = {}
        k = 0
        while k < len(cells):
            hit = _fund_source(cells[k]) if cells[k] else None
            if not hit:
                if cells[k] and is_amount(cells[k]) and k > 0:
                    pt.notes.append(
                        (f"stray figure {cells[k]} in the funds block, not a fund", line)
                    )
                k += 1
                continue
            key, label, embedded = hit
            value = embedded
            j = k + 1
            if value is None:
                while j < len(cells) and not cells[j]:
                    j += 1
                if j < len(cells) and is_amount(cells[j]) and not _fund_source(cells[j]):
                    value = cells[j]
                    j += 1
                else:
                    j = k + 1
            if label == "实施期资金总额":
                period = "实施期"
            elif label == "年度资金总额":
                period = "年度"
            else:
                period = "实施期" if seen.get(key, 0) == 0 else "年度"
            seen[key] = seen.get(key, 0) + 1
            amount = Decimal(value.replace(",", "")) if value and is_amount(value) else None
            if value and amount is None:
                raise IngestError(
                    src.path,
                    f"an amount in 元 for {label}",
                    line=line,
                    table=f"项目支出绩效目标表 {pt.project}",
                    found=value,
                )
            out.append(
                {
                    "period": period,
                    "dimension": "source",
                    "source": key,
                    "label": label,
                    "amount_yuan": amount,
                    "source_line": line,
                }
            )
            k = j
    return out


# --- department table -----------------------------------------------------------------------


def parse_department(src: SourceText, first: int, last: int) -> PerfTable:
    """Read the department-level 整体支出绩效目标申报表."""
    pt = PerfTable(project=m.DEPARTMENT_PERF_NAME, is_department=True, title_line=first)
    block: list[tuple[int, list[str]]] = []
    in_block = in_funds = False
    totals_seen = 0
    for i in range(first + 1, last + 1):
        cells = src.cells(i)
        ne = [c for c in cells if c]
        if not ne:
            continue
        head = norm(ne[0])
        if in_block:
            block.append((i, cells))
            continue
        if head == "部门基本信息" or "部门名称" in [norm(c) for c in ne]:
            pt.meta["supervisor"] = _label_value(cells, "部门名称")
        for label, (key, unit) in m.DEPT_PROFILE_FIELDS.items():
            for k, c in enumerate(ne):
                if norm(c).removeprefix("其中:") == label and k + 1 < len(ne):
                    value = re.match(r"^(\d+(?:\.\d+)?)", norm(ne[k + 1]))
                    if not value:
                        raise IngestError(
                            src.path,
                            f"a count for {label}",
                            line=i,
                            table="整体支出绩效目标申报表",
                            found=ne[k + 1],
                        )
                    pt.profile.append(
                        {
                            "key": key,
                            "label": label,
                            "unit": unit,
                            "value": Decimal(value.group(1)),
                            "sentence": "\t".join(ne),
                            "source_line": i,
                        }
                    )
        if head == "部门职责":
            pt.meta["summary"] = clean_text("".join(ne[1:]))
        elif head == "部门战略目标":
            pt.meta["basis"] = clean_text("".join(ne[1:]))
        elif head == "重点任务":
            pt.meta["plan"] = clean_text("".join(ne[1:]))
        elif head == "年度绩效目标":
            pt.meta["goal_annual"] = clean_text("".join(ne[1:]))
        elif head == "年度预算情况":
            in_funds = True
        elif head == "年度重点任务":
            in_funds = False
        elif head in ("年度绩效指标", "绩效指标") or (head == "一级指标"):
            in_block = True
            in_funds = False
            if head != "一级指标":
                block.append((i, cells))
            continue
        if in_funds:
            totals_seen = _department_funds(src, i, ne, pt, totals_seen)
    pt.indicators = read_indicators(block, two_periods=False, notes=pt.notes)
    return pt


def _department_funds(src: SourceText, line: int, ne: list[str], pt: PerfTable, totals: int) -> int:
    k = 0
    while k < len(ne) - 1:
        label = norm(ne[k]).removeprefix("其中:")
        if not is_amount(ne[k + 1]):
            k += 1
            continue
        amount = Decimal(ne[k + 1].replace(",", "")) * 10000  # the table is in 万元
        if label == "合计":
            dim, key = ("source", "total") if totals == 0 else ("direction", "total")
            totals += 1
        else:
            hit = [
                (d, key)
                for d, pairs in (
                    ("direction", m.DEPT_FUND_DIRECTIONS),
                    ("source", m.DEPT_FUND_SOURCES),
                )
                for lbl, key in pairs
                if label == lbl
            ]
            if not hit:
                pt.notes.append((f"unknown fund label {ne[k]}", line))
                k += 2
                continue
            dim, key = hit[0]
        pt.funds.append(
            {
                "period": "年度",
                "dimension": dim,
                "source": key,
                "label": ne[k],
                "amount_yuan": amount,
                "source_line": line,
            }
        )
        k += 2
    return totals


# --- indicator block ------------------------------------------------------------------------


def _segments(line: int, cells: list[str]) -> tuple[list[Segment], list[str]]:
    """Group a row's cells into segments; returns the segments and any orphan values."""
    tokens = [(k, c, classify_cell(c)) for k, c in enumerate(cells) if c]
    segs: list[Segment] = []
    orphans: list[str] = []
    cur: Segment | None = None
    pend_l1: str | None = None
    pend_l2: tuple[int, str] | None = None
    for n, (k, text, kind) in enumerate(tokens):
        nxt = tokens[n + 1][2] if n + 1 < len(tokens) else None
        if kind == "l2" and nxt == "val" and pend_l2 is not None:
            kind = "name"  # "服务对象满意度 | 服务对象满意度 | >85%": label then name
        if kind == "hdr":
            continue
        if kind == "l1":
            pend_l1 = text
            continue
        if kind == "l2":
            if pend_l2 is not None:
                segs.append(Segment(line, pend_l2[0], l2=pend_l2[1]))  # an empty category
            pend_l2 = (k, text)
            continue
        if kind == "name" and cur and cur.name and not cur.value_seen:
            if norm(text) == norm(cur.name) and pend_l1 is None and pend_l2 is None:
                continue  # the extraction repeats the 三级 name in the next cell
            if any(ch.isdigit() for ch in text) and len(norm(text)) <= 8:
                kind = "val"  # a target like 1-2次 that the target parser cannot read
        if kind == "name":
            cur = Segment(
                line,
                pend_l2[0] if pend_l2 else k,
                l1=pend_l1,
                l2=pend_l2[1] if pend_l2 else None,
                name=text,
            )
            segs.append(cur)
            pend_l1, pend_l2 = None, None
            continue
        # a value
        if cur and not cur.value_seen:
            cur.value, cur.value_seen = text, True
        else:
            orphans.append(text)
    if pend_l2 is not None:
        segs.append(Segment(line, pend_l2[0], l1=pend_l1, l2=pend_l2[1]))
    return segs, orphans


def read_indicators(
    block: list[tuple[int, list[str]]], *, two_periods: bool, notes: list[tuple[str, int]]
) -> list[dict]:
    """Indicator rows of a block, for 实施期 and 年度 (or 年度 only), in document order."""
    rows = [(line, *_segments(line, cells)) for line, cells in block]
    periods = ("实施期", "年度") if two_periods else ("年度",)
    # Where the right-hand period starts: from rows that hold two segments.
    split = None
    if two_periods:
        seconds = [segs[1].start for _, segs, _ in rows if len(segs) >= 2]
        split = statistics.median(seconds) if seconds else None
    placed: dict[str, list[Segment]] = {p: [] for p in periods}
    for line, segs, orphans in rows:
        for text in orphans:
            notes.append((f"target value {text} without an indicator name", line))
            placed[periods[0]].append(Segment(line, 0, name=None, value=text, value_seen=True))
        if not two_periods:
            placed["年度"].extend(segs)
            continue
        # Two indicator segments: one per period. Otherwise (and for label-only segments, the
        # empty categories) the column decides.
        found = [s for s in segs if s.name is not None or s.value_seen]
        boundary = found[1].start if len(found) >= 2 else split
        for s in segs:
            if len(found) >= 2 and s is found[0]:
                right = False
            elif len(found) >= 2 and s in found[1:]:
                right = True
            else:
                right = boundary is not None and s.start >= boundary - 0.5
            placed["年度" if right else "实施期"].append(s)
    out: list[dict] = []
    for period in periods:
        out.extend(_fill_labels(period, placed[period]))
    if two_periods:
        _align_periods(out)
    return out


def _fill_labels(period: str, segs: list[Segment]) -> list[dict]:
    l1: str | None = None
    l2_raw: str | None = None
    out = []
    for k, s in enumerate(segs):
        if s.l1:
            l1 = norm(s.l1)
        if s.l2:
            l2_raw = s.l2
        if s.name is None and not s.value_seen:
            continue  # an empty category: a label with no indicator under it
        level2 = canonical_level2(l2_raw) if l2_raw else None
        level1 = m.LEVEL2_PARENT.get(level2 or "", l1)
        target = parse_target(s.value or "")
        problems = []
        if s.name is None:
            problems.append("target value without an indicator name")
        if not s.value_seen:
            problems.append("target cell missing in the extraction")
        moved = _implied_level2(level2, target, s.name or "")
        nxt = segs[k + 1] if k + 1 < len(segs) else None
        if (
            not s.l2
            and level2 == "数量指标"
            and target.unit == "%"
            and nxt is not None
            and nxt.l2
            and canonical_level2(nxt.l2) == "质量指标"
        ):
            # a rate closing a 数量 group right above the 质量指标 label: the merged label cell
            # is centred, so its text lands one row below the group's first row
            moved = "质量指标"
        if moved and moved != level2:
            problems.append(f"二级指标 label displaced: {level2} → {moved} by the target's kind")
            level2 = moved
            level1 = m.LEVEL2_PARENT[moved]
        out.append(
            {
                "period": period,
                "level1": level1,
                "level2": level2,
                "level2_raw": norm(l2_raw) if l2_raw else None,
                "name": s.name,
                "target_raw": s.value or "",
                "target": target,
                "placed": s.name is not None and level2 is not None,
                "problem": "; ".join(problems) or None,
                "source_line": s.line,
                "explicit_l2": bool(s.l2 and s.name),
            }
        )
    return out


def _implied_level2(level2: str | None, target, name: str) -> str | None:
    """The 二级 category a target's kind implies inside 产出指标, or None if it implies none."""
    if level2 is None or m.LEVEL2_PARENT.get(level2) != m.OUTPUT_LEVEL1:
        return None
    if target.kind == "time":
        return m.TIME_CATEGORY
    if (
        target.kind == "numeric"
        and (target.unit or "") in _MONEY_UNITS
        and any(h in name for h in m.COST_NAME_HINTS)
    ):
        return m.COST_CATEGORY
    if level2 in (m.TIME_CATEGORY, m.COST_CATEGORY) and target.kind in ("numeric", "qualitative"):
        return "质量指标" if (target.unit == "%" or target.kind == "qualitative") else "数量指标"
    return None


def _align_periods(rows: list[dict]) -> None:
    """Where a name carries an explicit 二级 label in one period and only a filled-forward one in
    the other, trust the explicit one (the other half of the table shows where the label sat)."""
    explicit = {
        (r["period"], norm(r["name"])): r["level2"] for r in rows if r["name"] and r["explicit_l2"]
    }
    for r in rows:
        if not r["name"] or r["explicit_l2"]:
            continue
        other = "年度" if r["period"] == "实施期" else "实施期"
        theirs = explicit.get((other, norm(r["name"])))
        if theirs and theirs != r["level2"] and not (r["problem"] or "").count("displaced"):
            r["problem"] = "; ".join(
                filter(
                    None,
                    [
                        r["problem"],
                        f"二级指标 taken from the other period: {r['level2']} → {theirs}",
                    ],
                )
            )
            r["level2"] = theirs
            r["level1"] = m.LEVEL2_PARENT.get(theirs, r["level1"])
