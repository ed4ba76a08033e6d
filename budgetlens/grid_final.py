"""Readers for the tables a 部门决算 (final accounts) prints in shapes the budget readers do not.

Registered beside :data:`budgetlens.grid.READERS` (``pdf_ingest`` takes both), named in a layout's
``reader`` field:

- ``summary_final``: the 收入支出决算总表 of the national template, whose sides carry a 行次
  column (row numbers 1 … 62) and a 栏次 row under the header: those are left out, the rest is
  read as any two-sided summary (:func:`budgetlens.grid.read_summary`);
- ``economic_panels``: the 一般公共预算财政拨款基本支出决算表, printed as two or three panels side
  by side (科目代码 | 科目名称 | 决算数, repeated), 人员经费 on the left and 公用经费 on the right,
  closed by a bottom row 人员经费合计 … 公用经费合计 instead of an overall 合计;
- ``three_public_final``: the 财政拨款“三公”经费支出决算表, with 预算数 beside 决算数 for every item
  (预算数 | 决算数 under each item, or the items repeated under 预算数 and under 决算数).

Each returns rows in the shape of :mod:`budgetlens.grid`'s readers (amounts in 万元 without the
``_wan`` suffix) and raises IngestError naming file, page and table when a cell that should be
an amount is not one.
"""

from __future__ import annotations

import re
from decimal import Decimal

from budgetlens import grid
from budgetlens.grid import SCALE, GridRow, Where, amount
from budgetlens.layout import EMPTY_MARKERS, Located
from budgetlens.source import is_amount, norm

_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
_ROW_NUMBER_HEADER = "行次"  # a column of row numbers (the 栏次 row is dropped by _is_numbering)
PERSONNEL = "人员经费"
PUBLIC = "公用经费"
# the 三公 items by the words of their header cells (canonical labels as grid.read_three_public
# gives them, so that checks, pages and exports name them alike)
_ITEMS = (
    ("因公出国", "因公出国（境）费"),
    ("公务接待", "公务接待费"),
)
BUDGET_KEY = "three_public_budget"  # fiscal_item.table_key of the 预算数 a 决算 states
_EMPTY_SENTENCES = ("本表无数据", "为空表", "本表为空", "此表为空", "无数据")


def _t(c: str | None) -> str:
    return norm(c or "")


def _is_numbering(r: GridRow) -> bool:
    """The 栏次 row under a header: column numbers (1 2 3 …), with or without the word 栏次."""
    filled = [_t(c) for c in r.cells if _t(c)]
    return bool(filled) and all(re.fullmatch(r"栏次|\d{1,2}|\*+", c) for c in filled)


def _drop_columns(rows: list[GridRow], drop: set[int]) -> list[GridRow]:
    return [
        GridRow(r.line, r.page, [c for j, c in enumerate(r.cells) if j not in drop], r.grid)
        for r in rows
    ]


def read_summary_final(t: Located, rows: list[GridRow]) -> list[dict]:
    """A 收入支出决算总表 (or 财政拨款收入支出决算总表): the 行次 columns and the 栏次 row left
    out, then read as a two-sided summary. Raises IngestError as ``read_summary`` does."""
    drop = {
        j
        for r in rows
        if not any(is_amount(_t(c)) for c in r.cells)  # a header row
        for j, c in enumerate(r.cells)
        if _t(c) == _ROW_NUMBER_HEADER
    }
    kept = [r for r in rows if not _is_numbering(r)]
    return grid.read_summary(t, _drop_columns(kept, drop) if drop else kept)


# --- 基本支出决算表 in panels ---------------------------------------------------------------


def _panels(header: list[GridRow], ncols: int) -> list[int]:
    """The first column of each panel: the columns whose header says 代码 or 编码."""
    starts = [
        j
        for j in range(ncols)
        if any(
            j < len(r.cells) and ("代码" in _t(r.cells[j]) or "编码" in _t(r.cells[j]))
            for r in header
        )
    ]
    return starts


def _panel_of(j: int, starts: list[int]) -> int:
    return max((k for k, s in enumerate(starts) if s <= j), default=0)


def read_economic_panels(t: Located, rows: list[GridRow]) -> list[dict]:
    """Rows of a basic-expenditure table printed as panels (code | name | amount, repeated).

    A panel is 人员经费 or 公用经费 by the header above it, else by the label of the bottom row's
    total under it (人员经费合计 | 公用经费合计); a panel named by neither continues the panel to
    its left (公用经费 printed over two panels), and the first panel is 人员经费 when nothing
    says. Every code row is kept (blank amounts as None), panel by panel in printed order;
    group (类) rows are ``group``, the others ``item``; the bottom totals are ``subtotal`` rows
    (their 人员经费 / 公用经费 in the matching column): the table prints no overall 合计, and
    none is made up. Raises IngestError for a table with no code column, or a cell that
    should be an amount and is not.
    """
    w = Where(t)
    scale = SCALE.get(t.unit or "万元", Decimal(1))
    ncols = max((len(r.cells) for r in rows), default=0)
    first = next((k for k, r in enumerate(rows) if any(_CODE.match(_t(c)) for c in r.cells)), None)
    if first is None:
        raise w.error("rows with 经济分类 codes (301, 30101 …) in panels side by side")
    header, body = rows[:first], rows[first:]
    starts = _panels(header, ncols)
    if not starts:  # no header names the code columns: the columns holding codes
        starts = sorted(
            {
                j
                for r in body
                for j, c in enumerate(r.cells)
                if _CODE.match(_t(c)) and (j == 0 or not _CODE.match(_t(r.cells[j - 1])))
            }
        )
    kind: list[str | None] = [None] * len(starts)
    for r in header:
        last = None
        for j in range(min(ncols, len(r.cells))):
            c = _t(r.cells[j])
            if c:
                last = c
            for word in (PERSONNEL, PUBLIC):
                if last and word in last and (c or r.cells[j] is None):
                    p = _panel_of(j, starts)
                    kind[p] = kind[p] or word
    totals = [r for r in body if not any(_CODE.match(_t(c)) for c in r.cells)]
    for r in totals:
        for j, c in enumerate(r.cells):
            for word in (PERSONNEL, PUBLIC):
                if word in _t(c):
                    p = _panel_of(j, starts)
                    kind[p] = kind[p] or word
    for p in range(len(kind)):
        kind[p] = kind[p] or (kind[p - 1] if p else PERSONNEL)
    out: list[dict] = []
    groups: dict[str, str] = {}
    for p, start in enumerate(starts):
        end = starts[p + 1] if p + 1 < len(starts) else ncols
        column = "personnel" if kind[p] == PERSONNEL else "public"
        for r in body:
            cells = r.cells[start:end]
            code = _t(cells[0]) if cells else ""
            if not _CODE.match(code):
                continue
            # code | name | amount: what stands right of the name is the amount (a cell there
            # that is no number is an error, never a name)
            name = (cells[1] or "").strip() if len(cells) > 1 else ""
            figures = [c for c in cells[2:] if c and c.strip()]
            v = amount(figures[-1], w, r, f"决算数 ({kind[p]})", scale) if figures else None
            if len(code) == 3:
                groups[code] = name
            out.append(
                {
                    "row_kind": "group" if len(code) == 3 else "item",
                    "code": code,
                    "group_name": name if len(code) == 3 else groups.get(code[:3]),
                    "dept_class": name,
                    "gov_class": None,
                    "total": v,
                    "personnel": v if column == "personnel" else None,
                    "public": v if column == "public" else None,
                    "source_line": r.line,
                    "source_page": r.page,
                }
            )
    for r in totals:
        label = None
        for j, c in enumerate(r.cells):
            text = _t(c)
            if not text:
                continue
            if not is_amount(text):
                label = (c.strip(), _panel_of(j, starts))
                continue
            if label is None:
                continue
            word = kind[label[1]]
            v = amount(c, w, r, label[0], scale)
            out.append(
                {
                    "row_kind": "subtotal",
                    "code": None,
                    "group_name": None,
                    "dept_class": label[0],
                    "gov_class": None,
                    "total": v,
                    "personnel": v if word == PERSONNEL else None,
                    "public": v if word == PUBLIC else None,
                    "source_line": r.line,
                    "source_page": r.page,
                }
            )
            label = None
    return out


# --- “三公” 预算数 | 决算数 -------------------------------------------------------------------


def _header_paths(header: list[GridRow], ncols: int) -> list[list[str]]:
    """Per column, the header texts that cover it, top to bottom. A cell's text covers the
    columns to its right up to the next text on its row, but never past the span of the text
    covering it on the row above (a merged cell stays within its parent)."""
    paths: list[list[str]] = [[] for _ in range(ncols)]
    parent_end = [ncols - 1] * ncols
    for r in header:
        cells = [*r.cells, *([None] * (ncols - len(r.cells)))][:ncols]
        ends = list(parent_end)
        for j, c in enumerate(cells):
            text = _t(c)
            if not text:
                continue
            nxt = next((k for k in range(j + 1, ncols) if _t(cells[k])), ncols)
            end = min(nxt - 1, parent_end[j])
            for k in range(j, end + 1):
                paths[k].append(text)
                ends[k] = end
        parent_end = ends
    return paths


def _item(path: list[str]) -> str | None:
    words = "".join(p for p in path if p not in ("预算数", "决算数"))
    deep = next((p for p in reversed(path) if p not in ("预算数", "决算数")), "")
    if "公务用车" in words:
        if "购置" in deep and "运行" not in deep:
            return grid.CAR_PARTS[1]
        if "运行" in deep and "购置" not in deep:
            return grid.CAR_PARTS[2]
        return grid.CAR_PARTS[0]
    for word, label in _ITEMS:
        if word in words:
            return label
    if "合计" in words or "总计" in words:
        return "合计"
    return None


def read_three_public_final(t: Located, rows: list[GridRow]) -> list[dict]:
    """The 三公 table of a 决算: one row per item and column (预算数 → ``three_public_budget``,
    决算数 → ``three_public``, the key every page reads), labels as
    :func:`budgetlens.grid.read_three_public` gives them. A table with no figure (本年度没有
    “三公”经费支出, 故本表无数据) gives no rows. A column holding a figure whose header names no
    item, or neither 预算数 nor 决算数 (where other columns do), comes back as a parse note; a
    table whose header says neither anywhere is read as 决算数. Raises IngestError for a
    cell that is not a number."""
    w = Where(t)
    scale = SCALE.get(t.unit or "万元", Decimal(1))
    ncols = max((len(r.cells) for r in rows), default=0)
    # a row of figures; not the column numbers under the header (1 2 3 …, or 栏次 1 2 3 …)
    data = [r for r in rows if any(is_amount(_t(c)) for c in r.cells) and not _is_numbering(r)]
    header = [r for r in rows if r not in data and not _is_numbering(r)]
    paths = _header_paths(header, ncols)
    # a table that prints 决算数 only says neither word: every figure is a 决算数
    only_actual = not any("预算" in p or "决算" in p for path in paths for p in path)
    out: list[dict] = []
    for r in data[:1]:  # one row: the department's (a table by unit keeps the rest as notes)
        for j, c in enumerate(r.cells):
            if not _t(c) or not is_amount(_t(c)):
                continue
            path = paths[j] if j < ncols else []
            item = _item(path)
            which = (
                BUDGET_KEY
                if any("预算" in p for p in path)
                else "three_public"
                if only_actual or any("决算" in p or "实际" in p for p in path)
                else None
            )
            if item is None or which is None:
                out.append(
                    {
                        "_note": f"column {j + 1} holds {c} under {'/'.join(path) or 'no header'}"
                        ": no “三公” item with 预算数 or 决算数, not read",
                        "source_line": r.line,
                    }
                )
                continue
            out.append(
                {
                    "table_key": which,
                    "label": item,
                    "total": amount(
                        c, w, r, f"{item} {'预算数' if 'budget' in which else '决算数'}", scale
                    ),
                    "source_line": r.line,
                    "source_page": r.page,
                }
            )
    for r in data[1:]:
        out.append(
            {
                "_note": "a further row of the “三公” table kept as published, not read: "
                + " | ".join(c for c in r.cells if c),
                "source_line": r.line,
            }
        )
    return out


READERS = {
    "summary_final": read_summary_final,
    "economic_panels": read_economic_panels,
    "three_public_final": read_three_public_final,
}
# reader → the sheet kind of budgetlens.workbook that shows its rows
SHEET_KINDS = {
    "summary_final": "summary",
    "economic_panels": "economic",
    "three_public_final": "three_public_final",
}
# reader → database table
TARGETS = {
    "summary_final": "summary_item",
    "economic_panels": "expenditure_economic",
    "three_public_final": "fiscal_item",
}


def empty_note(items: list, start: int, end: int) -> tuple[str, int] | None:
    """The note by which a table says it is empty (注：/说明：…故本表无数据), as (text, item
    index of its first line), looked for among the text items ``start`` … ``end - 1`` (the
    table's title to the next title); a note wrapped over several lines is joined. None when
    there is none."""
    from budgetlens.pdf import TextItem

    end = min(end, len(items))
    found: list[tuple[str, int]] = []
    k = start
    while k < end:
        it = items[k]
        if not isinstance(it, TextItem):
            k += 1
            continue
        text, nxt = it.text.strip(), k + 1
        if norm(text).startswith(("注", "说明")):
            while (
                not text.endswith(("。", "."))
                and nxt < end
                and isinstance(items[nxt], TextItem)
                and len(text) < 300
            ):
                text += items[nxt].text.strip()
                nxt += 1
        n = norm(text)
        if any(m in n for m in EMPTY_MARKERS) and any(w in n for w in ("本表", "此表", "注")):
            found.append((text, k))
        k = nxt
    # the note that says the table is empty, before a line that only says how to say it (无政府
    # 性基金…的，仍保留该表格式，并在本表下方作下述说明)
    strong = [f for f in found if any(m in norm(f[0]) for m in _EMPTY_SENTENCES)]
    return (strong or found or [None])[0]
