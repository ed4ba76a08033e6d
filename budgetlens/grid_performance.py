"""The 绩效目标表 of a PDF layout: performance-target forms into the 绩效 scorecards (issue 16).

National-template documents print one form per project (福州: "<项目名>项目绩效目标表", 烟台:
政策和项目预算绩效目标表 with one project per page, 西安: 专项业务经费绩效目标表): label rows
(项目名称, 主管部门(及代码), 实施单位), a funds block (专项资金情况（万元） / 项目资金
（万元）: 资金总额 | 财政拨款 | 其他资金), a goal row (年度目标 / 总体目标), then a header
一级指标 | 二级指标 | 三级指标 | 指标值 and one row per indicator, the merged 一级/二级 cells
blank below their first row. 北京 prints the projects as one list instead: 项目名称 | 项目总额 |
财政资金 | 其他资金 | 绩效目标 | 一级指标 | 二级指标 | 三级指标 | 绩效指标性质 | 本年绩效指标值 |
绩效度量单位, a project's first row carrying its name and amounts.

Rows become ``performance_table``, ``performance_fund`` (amounts in 元, from the form's 万元) and
``performance_indicator`` rows (the target parsed by :func:`budgetlens.targets.parse_target`),
each with its source line. A 部门整体 table (its title says so) is read as the project 部门整体 with
``is_department`` true, its form opened by 部门名称. A table in which no project is found (an
empty one) is kept as raw cells with a parse note; nothing is guessed.
"""

from __future__ import annotations

import re
from decimal import Decimal

from budgetlens.grid import SCALE, GridRow, _txt, read_raw
from budgetlens.layout import Located
from budgetlens.mappings import DEPARTMENT_PERF_NAME, LEVEL2_ALIASES, LEVEL2_PARENT
from budgetlens.performance import canonical_level2
from budgetlens.source import is_amount, norm
from budgetlens.targets import parse_target

# a fund label (normalised, without 其中 and colons) → performance_fund.source
_FUND_LABELS = (
    ("资金总额", "total"),
    ("总额", "total"),
    ("合计", "total"),
    ("财政拨款", "fiscal_appropriation"),
    ("财政资金", "fiscal_appropriation"),
    ("一般公共预算", "general_budget"),
    ("政府性基金", "gov_fund"),
    ("上年结转", "carried_over"),
    ("其他资金", "other"),
    ("单位自筹", "self_raised"),
)
_INDICATOR_COLS = ("l1", "l2", "name", "value")
_GOAL_LABELS = ("年度目标", "总体目标", "年度总体目标", "绩效目标", "年度绩效目标", "整体绩效目标")
_LEVEL1 = ("产出指标", "效益指标", "满意度指标", "成本指标")


def _cells(r: GridRow) -> list[str]:
    return [(c or "").strip() for c in r.cells]


def _is_project_label(text: str) -> bool:
    t = norm(text)
    return t.endswith("名称") and len(t) <= 10 and ("项目" in t or "专项" in t) and "单位" not in t


def _is_department_label(text: str) -> bool:
    """部门名称, 部门（单位）名称: what opens a department-wide form."""
    return norm(text) in ("部门名称", "部门(单位)名称", "部门单位名称")


def is_department_title(title: str) -> bool:
    """A 部门整体（支出）绩效目标表: its title says 部门整体, or 整体 绩效 without naming a 专项 or
    项目 (西安's 专项资金整体支出绩效目标表 is the 专项's own table)."""
    t = norm(title)
    return "部门整体" in t or (
        "整体" in t and "绩效" in t and not any(w in t for w in ("专项", "项目"))
    )


def _after(cells: list[str], k: int) -> tuple[int, str] | None:
    """The first non-empty cell right of column ``k``."""
    return next(((j, c) for j, c in enumerate(cells) if j > k and c), None)


def _fund_key(label: str) -> str | None:
    t = _txt(label).removeprefix("其中").lstrip(":：")
    return next((key for word, key in _FUND_LABELS if word in t), None)


def _amount_yuan(text: str, unit: str | None) -> Decimal | None:
    c = text.replace(",", "").replace(" ", "")
    if unit not in SCALE or not is_amount(c):
        return None
    return Decimal(c) * Decimal(10000) / SCALE[unit]


# 二级指标 a 一级指标 may be followed by in one cell (北京's 部门整体 table), longest first
_LEVEL2_WORDS = sorted(
    {*LEVEL2_PARENT, *LEVEL2_ALIASES, "经济成本指标", "社会成本指标", "生态环境成本指标"},
    key=len,
    reverse=True,
)


def _split_levels(text: str) -> tuple[str, str, str]:
    """'产出指标质量指标来信扫描完成率' → ('产出指标', '质量指标', '来信扫描完成率'): a 一级 and a
    二级 指标 at the start of one cell split off; what is not one is left (blank levels)."""
    x = text.strip()
    l1 = next((w for w in _LEVEL1 if x.startswith(w)), "")
    rest = x[len(l1) :]
    l2 = next((w for w in _LEVEL2_WORDS if l1 and rest.startswith(w)), "")
    if not l1:
        return "", "", text
    return l1, l2, rest[len(l2) :].strip()  # the 三级 name as published


def _target_text(kind: str, value: str, unit: str) -> str:
    """A target from its 指标性质 / 指标值类型 (≥, ＝, 定性 …), value and unit cells: '≥99%',
    '优' (定性: the value alone); each part as published (＝ stays ＝)."""
    kind, value, unit = kind.strip(), value.strip(), unit.strip()
    if not value:
        return ""
    if not kind or norm(kind).startswith("定"):
        return value
    return f"{kind}{value}{unit}"


def _raw(t: Located, rows: list[GridRow], keep: list[GridRow]) -> list[dict]:
    """Raw cells of some rows of a table, numbered by their place in the whole table."""
    place = {id(r): k for k, r in enumerate(rows)}
    return [{**c, "row_no": place[id(r)] + 1, "_raw": True} for r in keep for c in read_raw(t, [r])]


def _indicator(project: str, seq: int, l1, l2, name, target_raw: str, line: int) -> dict:
    target = parse_target(target_raw)
    level2 = canonical_level2(l2) if l2 else None
    problems = []
    if not name:
        problems.append("target value without an indicator name")
    if not target_raw:
        problems.append("target cell blank")
    elif target.kind == "unparsed":
        problems.append("target not parsed (kept as published)")
    return {
        "_target": "performance_indicator",
        "project": project,
        "period": "年度",
        "seq": seq,
        "level1": norm(l1) if l1 else None,
        "level2": level2 or (norm(l2) if l2 else None),
        "level2_raw": l2 or None,
        "name": name or None,
        "target_raw": target_raw,
        "target_kind": target.kind,
        "comparator": target.comparator,
        "target_value": target.value,
        "target_unit": target.unit,
        "time_year": target.time_year,
        "time_month": target.time_month,
        "time_qualifier": target.time_qualifier,
        "placed": bool(name and (l2 or l1)),
        "problem": "; ".join(problems) or None,
        "source_line": line,
    }


def _table_row(project: str, meta: dict, line: int, department: bool = False) -> dict:
    supervisor = meta.get("supervisor")
    # 108-晋城市科学技术局, 231_烟台市审计局, [292]国家信访局: the code before the name
    code = re.match(r"^\s*(?:(\d+)\s*[-—－_]|[\[【](\d+)[\]】])", supervisor or "")
    return {
        "_target": "performance_table",
        "project": project,
        "is_department": department,
        "supervisor": supervisor,
        "supervisor_code": (code.group(1) or code.group(2)) if code else None,
        "implementing_unit": meta.get("implementing_unit"),
        "goal_annual": meta.get("goal_annual"),
        "source_line": line,
    }


def _fund(project: str, label: str, value: str, unit: str | None, r: GridRow) -> dict:
    key = _fund_key(label)
    yuan = _amount_yuan(value, unit)
    if key is None or yuan is None:
        what = "a fund label" if key is None else f"an amount in {unit or 'a stated unit'}"
        return {
            "_note": f"{project}: {what} expected, found {label} {value}",
            "source_line": r.line,
        }
    return {
        "_target": "performance_fund",
        "project": project,
        "period": "实施期" if "实施期" in norm(label) else "年度",
        "dimension": "source",
        "source": key,
        "label": label,
        "amount_yuan": yuan,
        "source_line": r.line,
    }


def _read_forms(t: Located, rows: list[GridRow]) -> list[dict] | None:
    """One form per project (福州, 烟台, 西安); None when no 项目名称 row opens a form. In a
    department-wide table (:func:`is_department_title`) a 部门名称 row opens the form, read as
    the project 部门整体 with ``is_department`` true and the department's name as supervisor."""
    department = is_department_title(t.title)
    out: list[dict] = []
    project: str | None = None
    meta: dict = {}
    start = 0
    cols: dict[str, int] | None = None
    cols_width = 0
    fund_unit: str | None = None
    in_funds = False
    last = {"l1": None, "l2": None}
    seq = 0
    names: list[str] = []
    unread: list[GridRow] = []

    def close() -> None:
        if project is not None:
            out.insert(start, _table_row(project, meta, title_line, department))

    title_line = rows[0].line if rows else 0
    for r in rows:
        cells = _cells(r)
        filled = [(j, c) for j, c in enumerate(cells) if c]
        if not filled:
            continue
        label_at = next(
            (
                j
                for j, c in filled
                if (_is_department_label(c) if department else _is_project_label(c))
            ),
            None,
        )
        if any("指标" in c or "总额" in c for _, c in filled):
            label_at = None  # a list's header (项目名称 | 项目总额 | … | 一级指标), not a form
        if label_at is not None and (nxt := _after(cells, label_at)):
            close()
            project, meta, cols, in_funds, seq = nxt[1], {}, None, False, 0
            if department:
                project, meta = DEPARTMENT_PERF_NAME, {"supervisor": nxt[1]}
            last = {"l1": None, "l2": None}
            start, title_line = len(out), r.line
            if project in names:
                out.append(
                    {
                        "_note": f"a second performance table for project {project} "
                        "(kept under the same name, as published)",
                        "source_line": r.line,
                    }
                )
            names.append(project)
            continue
        if project is None:
            unread.append(r)
            continue
        texts = [norm(c) for _, c in filled]
        combined = department and "绩效指标" in texts and "指标值" in texts
        if cols is None and (combined or any("三级指标" in x or x == "指标内容" for x in texts)):
            cols, cols_width = {}, len(r.cells)
            for j, c in filled:
                x = norm(c)
                for key, words in (
                    ("l1", ("一级指标",)),
                    ("l2", ("二级指标",)),
                    # 北京's 部门整体 table: 一级, 二级 and 三级 in one 绩效指标 cell
                    ("name", ("三级指标", "指标内容", *(("绩效指标",) if combined else ()))),
                    ("value", ("指标值",)),
                    *(
                        (("comparator", ("指标性质",)), ("unit_of", ("度量单位",)))
                        if combined
                        else ()
                    ),
                ):
                    if any(x == wd or x.endswith(wd) for wd in words) and key not in cols:
                        cols[key] = j
            if "name" not in cols or "value" not in cols:
                out.append(
                    {"_note": f"{project}: indicator header not understood", "source_line": r.line}
                )
                cols = None
            in_funds = False
            continue
        if cols is not None and len(r.cells) != cols_width:
            # a page whose grid has other columns than the indicator header's (西安 2019's
            # 部门整体 table: 4, 2, 3, 4 columns on pp34–38): which cell is which level is not
            # known, so the rest of the form is kept as raw cells
            cols = None
            unread.append(r)
            continue
        if cols is not None:
            if texts[0] in ("备注",) or texts[0].startswith("注"):
                cols = None
                continue
            pad = [*cells, *([""] * (max(cols.values()) + 1))]
            l1, l2, name, value = (pad[cols[k]] if k in cols else "" for k in _INDICATOR_COLS)
            if "comparator" in cols:  # 北京's 部门整体 table
                l1, l2, name = _split_levels(name)
                unit_of = pad[cols["unit_of"]] if "unit_of" in cols else ""
                value = _target_text(pad[cols["comparator"]], value, unit_of)
            if l1:
                last["l1"], last["l2"] = l1, None
            if l2:
                last["l2"] = l2
            if not name and not value:
                continue
            seq += 1
            out.append(_indicator(project, seq, last["l1"], last["l2"], name, value, r.line))
            continue
        head = texts[0]
        if head.startswith("主管部门") or "实施单位" in texts:
            for j, c in filled:
                x = norm(c)
                if x.startswith("主管部门") and (nxt := _after(cells, j)):
                    meta["supervisor"] = nxt[1]
                if x == "实施单位" and (nxt := _after(cells, j)):
                    meta["implementing_unit"] = nxt[1]
            in_funds = False
            continue
        if any(head == g for g in _GOAL_LABELS) and len(filled) > 1:
            meta["goal_annual"] = " ".join(c for _, c in filled[1:] if norm(c) != head)
            in_funds = False
            continue
        if "资金" in head and ("万元" in head or "元" in head or "情况" in head or "金额" in head):
            in_funds = True
            unit_hit = re.search(r"[（(](万元|元|千元)[）)]", head)
            fund_unit = unit_hit.group(1) if unit_hit else t.unit
            filled = filled[1:]
        elif cells[0] and not is_amount(cells[0]):
            in_funds = False
        if not in_funds:
            unread.append(r)  # a goal's second line, indicator rows without a header …
            continue
        if in_funds:
            label = None
            for _, c in filled:
                if is_amount(c.replace(" ", "")):
                    if label is not None:
                        out.append(_fund(project, label, c, fund_unit, r))
                    label = None
                else:
                    label = c.rstrip(":：")
    close()
    if not names:
        return None
    if unread:
        out.extend(_raw(t, rows, unread))
        out.append(
            {
                "_note": f"{len(unread)} rows of a 绩效目标表 not understood, kept as raw cells "
                f"(rows {unread[0].line}–{unread[-1].line}): {t.title}",
                "source_line": unread[0].line,
            }
        )
    return out


def _list_header(rows: list[GridRow]) -> tuple[dict[int, str], str | None]:
    """Columns right of a list's 项目名称 header, by offset: their header text (the lowest
    filled header cell, 其中 left out), and the unit a header cell states (…（万元）)."""
    header = []
    for r in rows:
        if any(is_amount(c) for c in _cells(r)):
            break
        header.append(_cells(r))
    name_col = next(
        (j for h in header for j, c in enumerate(h) if "项目" in c and "名称" in c), None
    )
    unit = next(
        (u.group(1) for h in header for c in h if (u := re.search(r"[（(](万元|元)[）)]", c))),
        None,
    )
    if name_col is None:
        return {}, unit
    labels: dict[int, str] = {}
    for h in header:
        for j, c in enumerate(h):
            if j > name_col and c and not norm(c).startswith("其中"):
                labels[j - name_col] = c
    return labels, unit


def _read_list(t: Located, rows: list[GridRow]) -> list[dict] | None:
    """A list-shaped 项目支出绩效目标表 (北京, 长沙, 长春): a project's first row with its name,
    amounts and 绩效目标 (cells merged over its indicator rows), then one row per indicator.
    Columns move between pages, so a project row is read from its first filled cell, the
    columns right of it by their offset under the header's 项目名称. The projects and their
    funds are read; the indicator rows are kept as raw cells with a note: where a project's
    merged cells cross a page the grid loses its name (the text lies outside the ruled cells),
    and its indicators would be counted under the project above. None when no row names a
    project."""
    out: list[dict] = []
    project = None
    labels, header_unit = _list_header(rows)
    unit = t.unit or header_unit
    unread: list[GridRow] = []
    for r in rows:
        cells = _cells(r)
        at = next((j for j, c in enumerate(cells) if norm(c) in _LEVEL1), None)
        first = next((j for j, c in enumerate(cells) if c), None)
        pad = [*cells, *([""] * (max(labels, default=0) + 2))]
        if (
            first is None
            or at is None
            or first + 2 >= at  # an indicator row: its 三级 name then its value
            or is_amount(cells[first])
            or not is_amount(pad[first + 1])
            or any(w in norm(cells[first]) for w in ("合计", "总计"))
        ):
            unread.append(r)
            continue
        project = cells[first]
        goal = next(
            (pad[first + k] for k, h in labels.items() if "目标" in h and first + k < at), None
        )
        out.append(_table_row(project, {"goal_annual": goal or None}, r.line))
        for k, label in sorted(labels.items()):
            if first + k < at and _fund_key(label) and is_amount(pad[first + k]):
                out.append(_fund(project, label, pad[first + k], unit, r))
        out.extend(c for c in _raw(t, rows, [r]) if c["col_no"] > at)
    if project is None:
        return None
    out.extend(_raw(t, rows, unread))
    out.append(
        {
            "_note": "indicator rows of a list-shaped 绩效目标表 kept as raw cells: the grid "
            "does not say which project each belongs to (a project's merged name cell is "
            f"lost where it crosses a page): {t.title}",
            "source_line": rows[0].line,
        }
    )
    return out


# the header cells of 长沙's 部门整体支出绩效目标表, by what their column holds
_DEPARTMENT_GRID = {
    "单位名称": "department",
    "整体绩效目标": "goal",
    "一级指标": "l1",
    "二级指标": "l2",
    "三级指标": "name",
    "指标名称": "name",  # 重庆: no 一级/二级 columns
    "指标值类型": "comparator",
    "指标性质": "comparator",
    "指标值": "value",
    "计量单位": "unit_of",
}
_DEPARTMENT_HEADER = (
    "单位编码",
    "单位名称",
    "年度预算申请",
    "资金总额",
    "一级指标",
    "三级指标",
    "指标名称",
)


def _read_department_grid(t: Located, rows: list[GridRow]) -> list[dict] | None:
    """A 部门整体绩效目标表 without a 部门名称 row, read as the project 部门整体
    (``is_department``). 长沙: a header 单位编码 | 单位名称 | 年度预算申请 … | 整体绩效目标 |
    一级指标 | 二级指标 | 三级指标 | 指标值类型 | 指标值 | 计量单位 …, the department's row (its
    name under 单位名称, its goal under 整体绩效目标, its first indicator on the right), then a
    row per indicator, merged 一级/二级 cells blank below their first row; header and
    department row again on every page. 重庆: 绩效指标 | 指标名称 | 指标性质 | 指标值 | 计量单位
    …, no levels (the indicators are not placed), the department from 单位名称：… above the
    table. None when the header names no 三级指标 / 指标名称 and 指标值, or no department."""
    cols: dict[str, int] = {}
    width = 0
    for r in rows:
        for j, c in enumerate(_cells(r)):
            key = _DEPARTMENT_GRID.get(norm(c))
            if key and key not in cols:
                cols[key], width = j, len(r.cells)
    if not {"name", "value"} <= cols.keys() or ("department" not in cols and not t.department):
        return None
    out: list[dict] = []
    meta: dict = {} if "department" in cols else {"supervisor": t.department}
    first_line = rows[0].line if rows else 0
    last = {"l1": "", "l2": ""}
    seq = 0
    unread: list[GridRow] = []
    for r in rows:
        cells = _cells(r)
        if not any(cells) or any(norm(c) in _DEPARTMENT_HEADER for c in cells):
            continue
        if len(r.cells) != width:
            unread.append(r)  # a page with other columns: which cell is which is not known
            continue
        name_cell = cells[cols["department"]] if "department" in cols else ""
        if name_cell and "supervisor" not in meta:
            meta["supervisor"] = name_cell
            if "goal" in cols and cells[cols["goal"]]:
                meta["goal_annual"] = cells[cols["goal"]]
        l1, l2, name, value = (cells[cols[k]] if k in cols else "" for k in _INDICATOR_COLS)
        if l1:
            last["l1"], last["l2"] = l1, ""
        if l2:
            last["l2"] = l2
        value = _target_text(
            cells[cols["comparator"]] if "comparator" in cols else "",
            value,
            cells[cols["unit_of"]] if "unit_of" in cols else "",
        )
        if not name and not value:
            continue  # a 二级指标 printed without indicators (生态环境成本指标 | blank …)
        seq += 1
        out.append(
            _indicator(DEPARTMENT_PERF_NAME, seq, last["l1"], last["l2"], name, value, r.line)
        )
    if "supervisor" not in meta:
        return None
    out.insert(0, _table_row(DEPARTMENT_PERF_NAME, meta, first_line, department=True))
    if unread:
        out.extend(_raw(t, rows, unread))
        out.append(
            {
                "_note": f"{len(unread)} rows of a 绩效目标表 not understood, kept as raw cells "
                f"(rows {unread[0].line}–{unread[-1].line}): {t.title}",
                "source_line": unread[0].line,
            }
        )
    return out


def read_performance(t: Located, rows: list[GridRow]) -> list[dict]:
    """Rows of a 绩效目标表 for ``performance_table``, ``performance_fund`` and
    ``performance_indicator`` (each dict names its table under ``_target``), parse notes
    (``_note``) for what is not understood, and raw cells (``_raw``) for a table in which no
    project is found. Raises nothing on an unexpected shape: such a table is kept raw."""
    read = _read_forms(t, rows)
    if read is None and is_department_title(t.title):
        read = _read_department_grid(t, rows)
    if read is None:
        read = _read_list(t, rows)
    if read is None:
        line = rows[0].line if rows else 0
        what = "a department-wide" if is_department_title(t.title) else "a"
        return [
            {
                "_note": f"{what} performance table without a project form, kept as raw cells: "
                f"{t.title}",
                "source_line": line,
            },
            *({**r, "_raw": True} for r in read_raw(t, rows)),
        ]
    return read
