"""The 项目支出表 of a PDF layout: projects with their amounts, by unit (issue 16).

National-template documents list their projects in one table: 杭州 prints 单位名称 | 项目名称 | 总计
| 财政拨款收入 (一般公共预算, 政府性基金, 国有资本经营预算) | 财政专户管理资金 | 单位资金; 长春
prints 类型 | 项目名称 (一级项目, 二级项目) | 项目单位 | 合计 | 本年财政拨款 (…) | 财政拨款结转 (…)
| 财政专户管理资金 | 单位资金. Columns are found by what their header says; rows become
``project_budget`` rows: the 合计 row the department's, a row naming a project a project of its
unit. Grouping rows (项目类型, 一级项目 over its 二级项目) are kept as published (raw cells), so
that no amount is counted twice. Amounts under a 结转 group are the carried-over part and are read
as a row of their own with ``carried_over`` true."""

from __future__ import annotations

from decimal import Decimal

from budgetlens.grid import (
    SCALE,
    GridRow,
    Where,
    _numbering,
    _own,
    _spanned,
    _txt,
    amount,
    read_raw,
)
from budgetlens.layout import Located
from budgetlens.source import is_amount, norm

# what an amount column holds, by the words of its header (most specific first)
_FUNDS = (
    ("一般公共预算", "general_budget"),
    ("政府性基金", "gov_fund"),
    ("国有资本", "state_capital"),
    ("财政专户", "special_account"),
    ("单位资金", "unit_funds"),
    ("合计", "total"),
    ("总计", "total"),
    ("金额", "total"),
    ("预算数", "total"),
)
_TOTAL_LABELS = ("合计", "总计")


def _meaning(path: list[str]) -> tuple[str | None, bool]:
    """(amount key, carried over) of a column from its header cells top to bottom."""
    text = [norm(c) for c in path]
    carried = any("结转" in c for c in text)
    for cell in reversed(text):
        for word, key in _FUNDS:
            if word in cell:
                return key, carried
    return None, carried


def _names_projects(header: str) -> bool:
    """Whether a column header names the projects: 项目名称, 一级项目 / 二级项目, 深圳's 支出项目
    类别 (the department's row, then its projects); not 项目单位, 项目类型, 烟台's 项目类别 (其他
    运转类, 特定目标类: the project's kind, not kept) nor a 项目支出 heading."""
    if header == "支出项目类别":
        return True
    return (
        "项目" in header
        and not any(x in header for x in ("项目支出", "单位", "类型"))
        and not header.endswith("项目类别")
    )


def read_projects(t: Located, rows: list[GridRow]) -> list[dict]:
    """Rows of a 项目支出表: the department's 合计 and each project with its unit and amounts.

    Raises IngestError (via :func:`budgetlens.grid.amount`) for an amount cell that is not a
    number. A table without a column headed 项目名称 (or 项目) is returned as raw cells.
    """
    w = Where(t)
    scale = SCALE.get(t.unit or "万元", Decimal(1))
    ncols = max((len(r.cells) for r in rows), default=0)
    first = next(
        (k for k, r in enumerate(rows) if any(is_amount(_txt(c)) for c in r.cells)), len(rows)
    )
    while first > 0 and _numbering(rows[first - 1]):
        first -= 1
    header = [r for r in rows[:first] if not _numbering(r)]
    data = [r for r in rows[first:] if not _numbering(r)]
    own, spanned = _own(header, ncols), _spanned(header, ncols)
    # (a column's own header cells: a merged cell's text spreads right, never down, in _spanned)
    project_cols = [j for j in range(ncols) if any(_names_projects(c) for c in own[j])]
    unit_col = next(
        (
            j
            for j in range(ncols)
            if any("单位" in c and not any(x in c for x in ("资金", "收入")) for c in own[j])
            and j not in project_cols
        ),
        None,
    )
    columns: dict[int, tuple[str, bool]] = {}
    for j in range(ncols):
        if j in project_cols or j == unit_col:
            continue
        key, _ = _meaning(own[j] or spanned[j])
        carried = _meaning(spanned[j])[1]
        if key and (key, carried) not in columns.values():
            columns[j] = (key, carried)
    if not project_cols or not columns:
        return [{**r, "_raw": True} for r in read_raw(t, rows)]
    out: list[dict] = []
    unit = None
    heads = {norm(_txt(c)) for r in header for c in r.cells if _txt(c)}
    for r in data:
        cells = [*r.cells, *([None] * (ncols - len(r.cells)))]
        if all(norm(_txt(c)) in heads for c in cells if _txt(c)):
            continue  # the header printed again on a continued page
        names = [_txt(cells[j]) for j in project_cols if _txt(cells[j])]
        if unit_col is not None and _txt(cells[unit_col]):
            unit = _txt(cells[unit_col])
        label = " ".join(_txt(c) for c in cells if c and not is_amount(_txt(c)))
        if any(norm(label).replace(" ", "") == w_ for w_ in _TOTAL_LABELS) or (
            not names and any(w_ in norm(label) for w_ in _TOTAL_LABELS)
        ):
            kind, project = "department", None
        elif names and names[-1] == _txt(cells[project_cols[-1]]):
            kind, project = "project", names[-1]
        else:
            # a grouping row (项目类型, 一级项目 over its 二级项目): kept as published
            out.extend({**raw, "_raw": True} for raw in read_raw(t, [r]))
            continue
        for carried in sorted({c for _, c in columns.values()}):
            amounts = {
                key: amount(cells[j], w, r, key, scale)
                for j, (key, c) in columns.items()
                if c == carried
            }
            if carried and not any(amounts.values()):
                continue  # no carried-over money on this row
            out.append(
                {
                    "row_kind": kind,
                    "unit": unit if kind == "project" else None,
                    "_project": project,
                    **amounts,
                    "_carried": carried,
                    "source_line": r.line,
                    "source_page": r.page,
                }
            )
    return out


# the header of a list-shaped 项目支出绩效目标表's amount column (资金总额, 当年财政拨款预算金额)
_LIST_AMOUNT = ("资金总额", "项目总额", "预算金额", "金额", "合计")
# a column left of the project's name that keys each project row (长沙: 单位编码, 重庆: 序号)
_LIST_KEY = ("单位编码", "序号")


def read_project_list(t: Located, rows: list[GridRow]) -> list[dict] | None:
    """The projects of a list-shaped 项目支出绩效目标表, for a document without a 项目支出表:
    a header 单位编码 | 单位（项目）名称 | 资金总额 | 绩效目标 | … (长沙), 序号 | 项目名称 |
    当年财政拨款预算金额 | 当年绩效目标 | … (重庆) or 项目名称 | 项目总额 | 其中：财政资金,
    其他资金 | 绩效目标 | … (北京), one row per project with its name and amount, its
    indicators on the rows below (their amount cell merged into the project's: blank in the
    grid). A 合计 row is the department's; a row with a unit code, a name and an amount and
    nothing else is a unit's subtotal (长沙: 126001 长沙市信访局), the unit of the projects below
    it; a project row repeated on the next page (the title and header are printed again, and
    the project's merged cells with them) is read once. The amount is the 资金总额 (``total``)
    in the table's unit. A page whose grid lacks the header page's empty first columns (北京
    p13's frame column) is read with its columns shifted by as many.

    None when the header has no 项目名称 column with an amount column right of it. A project
    whose merged cells cross a page is read where its name and amount are printed (北京 prints
    them again at the top of the next page: see pdf._continued_cells); a row with an amount
    and no name is not a project."""
    w = Where(t)
    scale = SCALE.get(t.unit or "万元", Decimal(1))
    head = next((r for r in rows if any("名称" in norm(_txt(c)) for c in r.cells)), None)
    if head is None:
        return None
    cells = [norm(_txt(c)) for c in head.cells]
    name_col = next((j for j, c in enumerate(cells) if "项目" in c and "名称" in c), None)
    if name_col is None:
        return None
    key_col = next((j for j, c in enumerate(cells[:name_col]) if c in _LIST_KEY), None)
    amount_col = next(
        (
            j
            for j, c in enumerate(cells)
            if j > name_col and any(word in c for word in _LIST_AMOUNT)
        ),
        None,
    )
    if amount_col is None:
        return None
    out: list[dict] = []
    unit = None
    seen: set[tuple[str | None, str, str]] = set()
    for r in rows:
        row = [_txt(c) for c in r.cells]
        # a grid without the header's empty leading (frame) columns: as if it had them
        missing = len(cells) - len(row)
        if 0 < missing <= name_col and not any(cells[:missing]):
            row = [""] * missing + row
            r = GridRow(r.line, r.page, [None] * missing + list(r.cells), r.grid)
        if len(row) <= amount_col or not is_amount(row[amount_col]):
            continue
        name, rest = row[name_col], [c for c in row[amount_col + 1 :] if c]
        left = "".join(norm(c) for c in row[:amount_col])
        if left in _TOTAL_LABELS:
            kind, project = "department", None
        elif (
            name
            and not rest
            and key_col is not None
            and cells[key_col] == "单位编码"
            and row[key_col]
        ):
            kind, project, unit = "unit", None, name
        elif name:
            # as printed (the 绩效 reading names the project so: the two are matched by name)
            kind, project = "project", (r.cells[name_col] or "").strip()
            if (unit, name, row[amount_col]) in seen:
                continue  # the project again on a continued page
            seen.add((unit, name, row[amount_col]))
        else:
            continue
        out.append(
            {
                "row_kind": kind,
                "unit": unit if kind != "department" else None,
                "_project": project,
                "total": amount(r.cells[amount_col], w, r, "total", scale),
                "_carried": False,
                "source_line": r.line,
                "source_page": r.page,
            }
        )
    return out if any(o["row_kind"] == "project" for o in out) else None
