"""The 政府采购预算表 of a PDF layout: what a department plans to buy, by item (issue 16).

The corpus prints five shapes, all read here by what the columns' headers say:

- by category only (北京 预算10表: 采购类别 | 金额, rows A-货物, C-服务, 合计; 重庆: 项目编号 |
  项目 | 总计 | 一般公共预算拨款收入 | … , rows A 货物, B 工程, C 服务, 合计);
- by category, 专项 and item (江苏: 采购品目大类 | 专项名称 | 经济科目 | 采购物品名称 | 采购组织形式
  | 总计; a category row 一、货物A, a 专项 row with its 经济科目 and subtotal, then its items);
- by item with its unit (西安: 科目编码 类/款/项 | 单位编码 | 采购项目 | 采购目录 | … | 数量 | … |
  预算金额; a row with a 单位编码 and no 采购目录 is the unit's subtotal);
- by 功能分类 科目 (烟台: 科目编码 类/款/项 | 科目名称 | 合计 | 财政拨款 … ; no category, project
  or item column), read as a function table: 类/款 with 科目 under them are groups, the 科目
  without (项) the items.

Rows become ``procurement_item`` rows with a ``row_kind``: ``total`` (the table's 合计),
``category`` (货物 / 工程 / 服务), ``group`` (a 专项 or 经济科目 subtotal), ``unit`` (a unit's
subtotal) and ``item``; the leaves (items, or the categories of a table without items) add up
to the total. Amounts are 万元, converted by the table's declared unit. A table whose header
names none of these columns and whose rows carry no 科目 codes raises IngestError, so that it is
kept as raw cells with a parse note; a table without rows is "no procurement".
"""

from __future__ import annotations

import re
from decimal import Decimal

from budgetlens.grid import (
    SCALE,
    GridRow,
    Where,
    _numbering,
    _txt,
    amount,
    has_codes,
    read_function,
    split_merged_codes,
)
from budgetlens.layout import Located
from budgetlens.source import is_amount

# amount columns by the words of their header (most specific first)
_FUNDS = (
    ("一般公共预算", "general_budget"),
    ("政府性基金", "gov_fund"),
    ("国有资本", "state_capital"),
    ("财政专户", "special_account"),
    ("单位资金", "unit_funds"),
    ("总计", "total"),
    ("合计", "total"),
    ("金额", "total"),
    ("预算数", "total"),
)
AMOUNTS = ("total", "general_budget", "gov_fund", "state_capital", "special_account", "unit_funds")
# text columns by the words of their header, checked in this order
_TEXT = (
    ("单位编码", "unit_code"),
    ("编码", "skip"),
    ("编号", "skip"),
    ("数量", "skip"),
    ("时间", "skip"),
    ("规格", "skip"),
    ("说明", "skip"),
    ("购买服务", "skip"),
    ("品目大类", "category"),
    ("采购类别", "category"),
    ("专项", "project"),
    ("采购项目", "project"),
    ("项目名称", "project"),
    ("物品", "item"),
    ("采购目录", "item"),
    ("品目名称", "item"),
    ("组织形式", "method"),
    ("采购方式", "method"),
    ("经济科目", "economic"),
    ("单位名称", "unit"),
)
_LABELS = ("category", "project", "item", "label")
_CATEGORY = re.compile(r"^(?:[一二三四五六七八九十]+、)?(?:[A-C][-－、.]?)?(货物|工程|服务)[A-C]?$")
_TOTAL = ("合计", "总计")


def _role(text: str) -> str | None:
    """What a column holds, from its header cells joined (normalised)."""
    if not text:
        return None
    if text == "类":  # 江苏 2019 prints only the 类 of 采购品目大类
        return "category"
    if text in ("款", "项"):
        return "skip"
    if text == "项目":  # 重庆: the category's name
        return "label"
    for word, role in _TEXT:
        if word in text:
            return role
    for word, key in _FUNDS:
        if word in text:
            return key
    return "skip"


def _header_roles(header: list[GridRow], ncols: int) -> list[str | None]:
    roles: list[str | None] = []
    for j in range(ncols):
        text = "".join(
            _txt(r.cells[j])
            for r in header
            if j < len(r.cells) and r.cells[j] and not _numbering(r)
        )
        roles.append(_role(text))
    return roles


def _is_data(r: GridRow) -> bool:
    """A row of figures or a category; not the column numbers under a header (栏次 1 2 3 …)."""
    return not _numbering(r) and any(
        is_amount(_txt(c)) or _CATEGORY.match(_txt(c)) for c in r.cells if c
    )


def _mapping(roles: list[str | None]) -> dict[int, str]:
    return {j: r for j, r in enumerate(roles) if r}


def _place(j: int, cols: dict[int, str]) -> str | None:
    """The role of a data cell at column ``j``: its column's, or the nearest header's (within two
    columns: 江苏 2018/2019 print the first page's cells one column left of their header)."""
    if j in cols:
        return cols[j]
    near = sorted((abs(k - j), -k) for k in cols if abs(k - j) <= 2)
    return cols[-near[0][1]] if near else None


def read_procurement(t: Located, rows: list[GridRow]) -> list[dict]:
    """Rows of a 政府采购预算表 (see the module's doc).

    Raises IngestError (file, page, table, what was expected) for a header that names no
    category, project or item column and no amount column, for a page whose columns cannot be
    matched to the header, and for an amount cell that is not a number.
    """
    w = Where(t)
    if not any(_is_data(r) for r in rows):
        return []  # 本部门无政府采购: no procurement, nothing to read
    if _by_subject(rows):
        return _read_by_subject(t, rows)
    scale = SCALE.get(t.unit or "万元", Decimal(1))
    by_grid: dict[int, list[GridRow]] = {}
    for r in rows:
        by_grid.setdefault(r.grid, []).append(r)
    cols: dict[int, str] | None = None
    ncols = 0
    out: list[dict] = []
    state: dict[str, str | None] = dict.fromkeys(
        ("category", "project", "economic", "unit", "item")
    )
    for grid_rows in by_grid.values():
        k = next((i for i, r in enumerate(grid_rows) if _is_data(r)), len(grid_rows))
        header, data = grid_rows[:k], grid_rows[k:]
        width = max((len(r.cells) for r in grid_rows), default=0)
        found = _mapping(_header_roles(header, width)) if header else {}
        if any(v in _LABELS for v in found.values()):
            cols, ncols = found, width
        elif cols is not None and width != ncols:
            # a page without its header (江苏 2018: 19 columns on the first page, 6 after):
            # its columns in the header's order
            order = [cols[j] for j in sorted(cols)]
            if width != len(order):
                raise w.error(
                    f"a continued page with the header's {len(order)} columns",
                    data[0] if data else None,
                    f"{width} columns",
                )
            cols, ncols = dict(enumerate(order)), width
        if (
            cols is None
            or not any(v in _LABELS for v in cols.values())
            or "total" not in cols.values()
        ):
            raise w.error(
                "a 政府采购 header naming 采购类别 / 专项名称 / 采购项目 / 采购物品 and an amount "
                "column (总计, 合计 or 金额)",
                header[0] if header else (data[0] if data else None),
                " | ".join(_txt(c) for r in header for c in r.cells if c) or "no header",
            )
        for r in data:
            out.extend(_row(r, cols, w, scale, state))
    return out


def _by_subject(rows: list[GridRow]) -> bool:
    """Whether the table is laid out by 功能分类 科目 (烟台): its first page's header names no
    category, project or item column, and its rows carry 科目 codes."""
    first = [r for r in rows if r.grid == rows[0].grid]
    k = next((i for i, r in enumerate(first) if _is_data(r)), len(first))
    width = max((len(r.cells) for r in first), default=0)
    roles = _mapping(_header_roles(first[:k], width)) if k else {}
    return not any(v in _LABELS for v in roles.values()) and has_codes(rows)


def _read_by_subject(t: Located, rows: list[GridRow]) -> list[dict]:
    """A 政府采购预算表 by 功能分类 科目 (烟台: 科目编码 类/款/项 | 科目名称 | 合计 |
    财政拨款 小计 | 一般公共预算 | 政府性基金 | 国有资本经营 | 财政专户 | 单位资金 | …), read as
    a function table (:func:`budgetlens.grid.read_function`): its 合计 row is the ``total``; a
    科目 with 科目 under it is a ``group`` (``project`` = its code and name), a 科目 without (a
    项, or a 款 printed without its 项) an ``item`` (``item`` = its code and name): the items add
    up to the total. No 货物 / 工程 / 服务 category is printed, so none is set. Raises
    IngestError as read_function does, and for a table that crosses 功能分类 with 经济分类."""
    rows, cross = split_merged_codes(rows, "function")
    if cross:
        raise Where(t).error(
            "a 政府采购 table by 功能分类 科目 alone", rows[0] if rows else None, "经济分类 too"
        )
    read = read_function(t, rows)
    out = []
    for k, r in enumerate(read):
        subject = f"{r['code']} {r['name']}" if r["code"] else None
        if r["level"] == 0:
            kind = "total"
        else:
            nxt = read[k + 1] if k + 1 < len(read) else None
            kind = "group" if nxt is not None and nxt["level"] > r["level"] else "item"
        out.append(
            {
                "table_key": t.decl.key,
                "row_kind": kind,
                "category": None,
                "unit": None,
                "_project": subject if kind == "group" else None,
                "economic": None,
                "item": subject if kind == "item" else None,
                "method": None,
                **{key: r.get(key) for key in AMOUNTS},
                "source_line": r["source_line"],
                "source_page": r["source_page"],
            }
        )
    return out


def _row(r: GridRow, cols: dict[int, str], w: Where, scale: Decimal, state: dict) -> list[dict]:
    text: dict[str, str] = {}
    amounts: dict[str, Decimal | None] = dict.fromkeys(AMOUNTS)
    for j, c in enumerate(r.cells):
        v = _txt(c)
        if not v:
            continue
        role = _place(j, cols)
        if role in AMOUNTS:
            if amounts[role] is None:
                amounts[role] = amount(c, w, r, role, scale)
        elif role and role != "skip" and (role == "unit_code" or not is_amount(v)):
            text.setdefault(role, v)
    labels = list(text.values())
    if not labels and all(v is None for v in amounts.values()):
        return []
    category = next((m.group(1) for v in labels if (m := _CATEGORY.match(v))), None)
    if any(_txt(c) in _TOTAL for c in r.cells if c):
        kind = "total"
        state.update(category=None, project=None, economic=None, unit=None, item=None)
    elif category:
        kind = "category"
        state.update(category=category, project=None, economic=None, item=None)
    elif text.get("item"):
        kind = "item"
        state["item"] = text["item"]
    elif text.get("method") and state.get("item"):
        # the item's name a merged cell over two rows (江苏 2018 p22: 物业管理服务 bought by
        # 部门集中采购 and by 分散自行组织): the second row is the same item
        kind = "item"
        text["item"] = state["item"]
    elif text.get("unit_code") and text.get("project"):
        kind = "unit"  # 西安: a unit's subtotal (单位编码 and its name in 采购项目)
        state.update(unit=text["project"], project=None, economic=None, item=None)
    elif text.get("project") or text.get("economic"):
        kind = "group"
        state["item"] = None
        if text.get("project"):
            state.update(project=text["project"], economic=None)
        if text.get("economic"):
            state["economic"] = text["economic"]
    else:
        raise w.error("a 合计, category, 专项 or item row", r, " | ".join(labels) or "amounts only")
    is_item = kind == "item"
    return [
        {
            "table_key": w.t.decl.key,
            "row_kind": kind,
            "category": category if kind == "category" else state["category"],
            "unit": state["unit"]
            if kind in ("item", "group")
            else (text.get("project") if kind == "unit" else None),
            "_project": (text.get("project") or state["project"])
            if is_item
            else (state["project"] if kind == "group" else None),
            "economic": (text.get("economic") or state["economic"])
            if is_item
            else (state["economic"] if kind == "group" else None),
            "item": text.get("item") if is_item else None,
            "method": text.get("method") if is_item else None,
            **amounts,
            "source_line": r.line,
            "source_page": r.page,
        }
    ]
