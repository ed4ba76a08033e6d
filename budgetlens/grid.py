"""Readers for ruled tables (grids) read from PDFs.

A grid's columns are read by what their headers say (``layouts/_columns.toml``), not by position,
so a province that adds, drops or reorders a column needs no new reader. Each reader returns rows
in the shape :mod:`budgetlens.ingest` gives the database (amount keys without ``_wan``, converted
exactly to 万元 from the table's published unit) and raises IngestError naming file, page, table
and what was expected when a table cannot be read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from budgetlens.errors import IngestError
from budgetlens.layout import EMPTY_MARKERS, Located, shared_columns
from budgetlens.source import is_amount, norm

_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
_PART = re.compile(r"^\d{2}$")
_PERCENT = re.compile(r"^-?\d+(?:\.\d+)?%$")
_ORDINAL = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+[.．、])"
)
SCALE = {"万元": Decimal(1), "元": Decimal(10000), "千元": Decimal(10)}


@dataclass
class GridRow:
    line: int  # line of the row in the document's reading text
    page: int
    cells: list[str | None]
    grid: int = 0  # which grid (ruled table on one page) the row belongs to


class Where:
    """What a reader needs to say where a problem is: file, page and table."""

    def __init__(self, t: Located) -> None:
        self.t = t

    def error(self, expected: str, row: GridRow | None = None, found: str | None = None):
        page = row.page if row else self.t.page
        return IngestError(
            f"{self.t.file} page {page}",
            expected,
            line=row.line if row else None,
            table=self.t.title,
            found=found,
        )


def _txt(c: str | None) -> str:
    """A cell normalised for matching; a label's trailing colon (总计：) left out."""
    t = norm(c or "")
    return t[:-1] if len(t) > 1 and t[-1] in ":：" else t


def amount(cell: str | None, w: Where, row: GridRow, column: str, scale: Decimal):
    """A cell as 万元 (Decimal, exact), None when blank; IngestError when not a number."""
    c = (cell or "").strip().replace(" ", "")
    if c in ("", "-", "—", "－", "/"):
        return None
    if not is_amount(c):
        raise w.error(f"a number in column {column}", row, c)
    # is_amount admits only digits (any script: Decimal reads every digit its \d matches), one
    # point, a sign and thousands commas: Decimal reads each such cell
    return Decimal(c.replace(",", "")) / scale


def _column_key(header: str, extra: dict | None = None) -> str | None:
    text = norm(header)
    if not text:
        return None
    cols = {**shared_columns()["columns"], **(extra or {})}
    for key, aliases in cols.items():
        if any(a in text for a in aliases):
            return key
    return None


def split_header(rows: list[GridRow], is_data: Callable[[GridRow], bool]):
    for k, r in enumerate(rows):
        if is_data(r):
            return rows[:k], rows[k:]
    return rows, []


def _numbering(r: GridRow) -> bool:
    """The row some tables print under the header: 栏次, ** or 1 2 3 … in every column."""
    filled = [_txt(c) for c in r.cells if c]
    return len(filled) >= 3 and all(re.fullmatch(r"\*+|\d{1,2}|栏次|[A-Z]", c) for c in filled)


def _own(header: list[GridRow], ncols: int) -> list[list[str]]:
    """Per column, its header cells top to bottom (non-empty only; a numbering row left out)."""
    out: list[list[str]] = [[] for _ in range(ncols)]
    for r in header:
        if _numbering(r):
            continue
        for j, c in enumerate(r.cells[:ncols]):
            if c:
                out[j].append(_txt(c))
    return out


def _spanned(header: list[GridRow], ncols: int) -> list[list[str]]:
    """Per column, its header cells with a merged (None) cell taking the text to its left."""
    out: list[list[str]] = [[] for _ in range(ncols)]
    for r in header:
        if _numbering(r):
            continue
        last = ""
        for j in range(ncols):
            c = r.cells[j] if j < len(r.cells) else None
            if c is None:
                c = last
            else:
                last = c
            if c:
                out[j].append(_txt(c))
    return out


# --- function-classified tables (类/款/项) --------------------------------------------------


def _total_first(r: GridRow) -> bool:
    """True when the row's first filled cell is a total label (合计, 总计 …) and no other cell
    holds words (总计 | 基本支出 | 项目支出 is a header)."""
    filled = [_txt(c) for c in r.cells if c]
    return (
        bool(filled)
        and filled[0] in shared_columns()["total_labels"]
        and not any(c and not _is_figure(c) for c in filled[1:])
    )


def _is_total_row(r: GridRow, upto: int) -> bool:
    """A 合计 row: a total label among the label cells and no other words in the row."""
    totals = shared_columns()["total_labels"]
    filled = [_txt(c) for c in r.cells if c]
    return any(_txt(c) in totals for c in r.cells[: upto + 1]) and not any(
        not _is_figure(c) and c not in totals and not _CODE.match(c) for c in filled
    )


def _is_figure(c: str) -> bool:
    """An amount or a percentage (增减(%) columns)."""
    return is_amount(c) or bool(_PERCENT.match(c))


def has_codes(rows: list[GridRow]) -> bool:
    """True when some row of a table holds a 科目 code (a table by 功能/经济分类, not by unit)."""
    return any(_CODE.match(_txt(c)) for r in rows for c in r.cells[:4] if c)


_MERGED_CODE = re.compile(r"^(\d{3}(?:\d{2}){0,2})\s*[-－—–]\s*(\S.*)$")


def split_merged_codes(rows: list[GridRow], reader: str) -> tuple[list[GridRow], bool]:
    """Rows whose 科目 code and name share one cell ("2010301-行政运行", 北京) with the cell split
    in two, so the readers find a code column and a name column.

    A table may print two classifications side by side (政府 | 部门 经济分类, "50101-工资奖金津补贴"
    | "30101-基本工资"): an economic table is read by the 部门 classification (codes 3xx), which is
    moved first. Returns the rows and whether the table crosses 功能分类 with 经济分类 (one row per
    功能 × 经济 pair, 北京's 支出总表): such a table is no table of 功能分类 rows and is kept raw.
    """
    ncols = max((len(r.cells) for r in rows), default=0)
    merged: dict[int, str] = {}  # column -> first digit of its codes (2 功能, 3 部门, 5 政府)
    for j in range(min(ncols, 6)):
        hits = [
            m.group(1)
            for r in rows
            if j < len(r.cells) and (m := _MERGED_CODE.match(_txt(r.cells[j])))
        ]
        if len(hits) >= 2:
            merged[j] = max({h[0] for h in hits}, key=lambda d: sum(h[0] == d for h in hits))
    if not merged:
        return rows, False
    kinds = set(merged.values())
    cross = "2" in kinds and bool(kinds & {"3", "5"})
    order = sorted(merged, key=lambda j: (reader == "economic" and merged[j] != "3", j))
    out = []
    for r in rows:
        cells = list(r.cells) + [None] * (ncols - len(r.cells))
        pairs = {}
        for j in merged:
            m = _MERGED_CODE.match(_txt(cells[j]))
            pairs[j] = [m.group(1), m.group(2).strip()] if m else [cells[j], None]
        first = min(merged)
        lead = [c for j, c in enumerate(cells) if j < first]
        rest = [c for j, c in enumerate(cells) if j > first and j not in merged]
        moved = [c for j in order for c in pairs[j]]
        out.append(GridRow(r.line, r.page, lead + moved + rest, r.grid))
    return out, cross


def _code_roles(header: list[GridRow], data_hint: list[GridRow], ncols: int):
    own = _own(header, ncols)
    cfg = shared_columns()
    code_cols = [
        j
        for j in range(ncols)
        if any(
            c in ("类", "款", "项") or any(h in c for h in cfg["code_headers"][3:]) for c in own[j]
        )
    ]
    if not code_cols:  # no header says it: the column whose cells are codes
        for j in range(ncols):
            if sum(1 for r in data_hint if j < len(r.cells) and _CODE.match(_txt(r.cells[j]))) >= 1:
                code_cols = [j]
                break
    name_col = next(
        (j for j in range(ncols) if j not in code_cols and any("名称" in c for c in own[j])),
        None,
    )
    if name_col is None:
        name_col = next((j for j in range(ncols) if j not in code_cols), 0)
    if code_cols and name_col > code_cols[0]:
        # a second classification printed beside the first (部门 | 政府 经济分类, 301 | 501):
        # the codes are the ones left of the name
        code_cols = [j for j in code_cols if j < name_col]
    return code_cols, name_col


def _value_columns(
    header: list[GridRow], ncols: int, after: int, extra: dict | None
) -> dict[int, str]:
    own = _own(header, ncols)
    spanned = _spanned(header, ncols)
    out: dict[int, str] = {}
    for j in range(after + 1, ncols):
        key = _column_key(own[j][-1], extra) if own[j] else None
        if key is None and spanned[j]:
            key = _column_key(spanned[j][-1], extra)
        if key == "total" and "total" in out.values() and own[j] and _txt(own[j][-1]) == "小计":
            # 基本支出 over 小计 | 人员经费 | 公用经费 (北京): the 小计 is the group's amount
            group = [_column_key(c, extra) for c in spanned[j][:-1]]
            key = next((g for g in reversed(group) if g not in (None, "total")), key)
        if key is not None and key not in out.values():
            out[j] = key
    return out


def _fit_to_data(
    code_cols: list[int],
    name_col: int,
    values: dict[int, str],
    data: list[GridRow],
    keys: list[str] | None = None,
) -> tuple[list[int], int, dict[int, str]]:
    """Column roles checked against the data rows.

    Some tables draw the header's rulings a little off the body's, so a header cell sits one or
    more grid columns away from the cells it names. When the header's code column holds no code,
    its name column no name or its amount columns no amount, the roles are taken from the data:
    the first column holding codes, the first column right of it holding text, and the columns
    holding amounts, given the header's amount meanings in their left-to-right order.
    """

    def cell(r: GridRow, j: int) -> str:
        return _txt(r.cells[j]) if j < len(r.cells) else ""

    ncols = max((len(r.cells) for r in data), default=0)
    code_rows = [r for r in data if any(_CODE.match(_txt(c)) for c in r.cells[:3])]
    if not code_rows:
        return code_cols, name_col, values
    if not code_cols or not any(_CODE.match(cell(r, code_cols[0])) for r in code_rows):
        first = next(
            (j for j in range(ncols) if any(_CODE.match(cell(r, j)) for r in code_rows)), None
        )
        if first is not None:
            code_cols = [first]
    texts = [
        j
        for j in range(ncols)
        if j > code_cols[-1] and any(cell(r, j) and not is_amount(cell(r, j)) for r in code_rows)
    ]
    names = [cell(r, name_col) for r in code_rows]
    if texts and (name_col in code_cols or not any(n and not is_amount(n) for n in names)):
        name_col = texts[0]
    amount_cols = [
        j for j in range(ncols) if j not in code_cols and any(is_amount(cell(r, j)) for r in data)
    ]
    if amount_cols and not any(j in amount_cols for j in values):
        # no header of its own (a continued page): the meanings the table's first page gave
        wanted = [values[j] for j in sorted(values)] or list(keys or [])
        if len(wanted) == len(amount_cols):
            values = dict(zip(amount_cols, wanted, strict=True))
        elif len(wanted) == 1:
            # one meaning: the column most amounts stand in (the others are picked up per row)
            most = max(amount_cols, key=lambda j: sum(1 for r in data if is_amount(cell(r, j))))
            values = {most: wanted[0]}
    return code_cols, name_col, values


def read_function(t: Located, rows: list[GridRow], extra: dict | None = None) -> list[dict]:
    """Rows of a table of 功能分类 科目 (merged or 类/款/项 codes): level 0 合计, 1 类, 2 款, 3 项.

    A table continued on a page whose grid has another width is read with roles of its own
    (from its header if it repeats one, else from its cells), its amounts meaning what the first
    page's header said. Raises IngestError when the header announces no amount column or a row
    holds text where an amount belongs.
    """
    runs: list[list[GridRow]] = []
    totals = shared_columns()["total_labels"]
    for r in rows:
        width = len(r.cells)
        first = next((_txt(c) for c in r.cells if c), "")
        if runs and (
            runs[-1][-1].grid == r.grid
            or len(runs[-1][-1].cells) == width
            or first in totals  # a 合计 row drawn as a narrower grid of its own
        ):
            runs[-1].append(r)
        else:
            runs.append([r])
    out: list[dict] = []
    keys: list[str] = []
    for run in runs:
        part = _read_function_run(t, run, extra, keys)
        out.extend(part)
        # the meanings found, in a fixed order (a set's would change with the hash seed), then
        # sorted by where they stood
        found = [k for k in shared_columns()["columns"] if any(k in r for r in part)]
        keys = keys or sorted(found, key=lambda k: min(_first_col(part, k), 99))
    return out


def _first_col(rows: list[dict], key: str) -> int:
    """Where a meaning stood left to right in the rows read (their dict order follows it)."""
    for r in rows:
        if key in r:
            return list(r).index(key)
    return 99


def _read_function_run(
    t: Located, rows: list[GridRow], extra: dict | None, keys: list[str]
) -> list[dict]:
    w = Where(t)
    scale = SCALE.get(t.unit or "万元", Decimal(1))
    ncols = max((len(r.cells) for r in rows), default=0)
    first_data = next(
        (
            k
            for k, r in enumerate(rows)
            if any(_CODE.match(_txt(c)) for c in r.cells[:3]) or _total_first(r)
        ),
        len(rows),
    )
    # an amount-only line right above the first row is its amount, drawn a line higher; a line
    # of amounts under a unit's name (深圳: 深圳市信访局 | | | 4,684.30 …) is that unit's total
    if first_data > 0 and any(is_amount(_txt(c)) for c in rows[first_data - 1].cells if c):
        first_data -= 1
    header = rows[:first_data]
    code_cols, name_col = _code_roles(header, rows[first_data:], ncols)
    values = _value_columns(header, ncols, name_col, extra)
    own_header = _own(header, ncols)
    code_cols, name_col, values = _fit_to_data(code_cols, name_col, values, rows[first_data:], keys)
    if not values and rows[first_data:]:
        raise w.error(
            "a header naming the amount columns (合计, 基本支出, 项目支出, …)",
            rows[0] if rows else None,
            " | ".join(" ".join(c for c in r.cells if c) for r in header[:3]) or "no header",
        )
    out: list[dict] = []
    last = {1: "", 2: ""}
    pending: list[str] = []  # amounts drawn a line above their label
    notes: list[dict] = []
    by_unit: list[GridRow] = []  # 科目 rows listed per unit, after a unit's code and name
    for r in rows[first_data:]:
        cells = _align(r.cells, ncols)
        first_cell = next((_txt(c) for c in cells if c), "")
        # (a unit code is 6 digits or more; a 科目 code 3, 5 or 7)
        if by_unit or (re.fullmatch(r"\d{6,}", first_cell) and not _CODE.match(first_cell) and out):
            # 西安 lists its 科目 per unit (125001 | 西安市安全生产监督管理局 | …, then that unit's
            # 类/款/项): no department-wide 科目 rows follow, only the 合计 above is read
            by_unit.append(r)
            continue
        # a 款/项 part printed without its leading zero ("2" for 02) is that part
        parts = [
            _txt(cells[j]).zfill(2) if k and re.fullmatch(r"\d", _txt(cells[j])) else _txt(cells[j])
            for k, j in enumerate(code_cols)
        ]
        name = (cells[name_col] or "").strip()
        unit_row = (
            not any(parts)
            and not name
            and any(is_amount(_txt(cells[j])) for j in values)
            and any(c and not is_amount(_txt(c)) for c in cells[: min(code_cols or [name_col])])
        )
        if unit_row and out:
            # a further unit's subtotal: the department's table is read by 科目 only
            notes.append(
                {
                    "_note": "a unit's subtotal row is not read: "
                    + " ".join(c for c in cells if c),
                    "source_line": r.line,
                }
            )
            continue
        if unit_row or _is_total_row(r, max([*code_cols, name_col, min(values, default=1) - 1])):
            code = None
        elif parts and parts[0] and _CODE.match(parts[0]):
            code = parts[0] + "".join(p for p in parts[1:] if _PART.match(p))
        elif len(parts) > 1 and not parts[0] and any(_PART.match(p) for p in parts[1:]):
            # 款/项 rows that leave the 类 (and 款) blank: take them from the rows above
            p1 = parts[1] if _PART.match(parts[1]) else ""
            p2 = parts[2] if len(parts) > 2 and _PART.match(parts[2]) else ""
            code = (last[1] + p1 + p2) if p1 else (last[2] + p2)
            if not _CODE.match(code):
                raise w.error("a 科目编码", r, " ".join(parts))
        else:
            if not any(c for c in cells if c) or _is_header_like(cells) or _numbering(r):
                continue  # a blank row, or the header (or its numbering) repeated on a page
            if any(m in _txt(c) for c in cells if c for m in EMPTY_MARKERS):
                t.empty_note = True  # 此表为空 written inside the table
                continue
            stray = [c for c in cells if c]
            if all(is_amount(_txt(c)) for c in stray):
                if out and out[-1]["_bare"]:
                    # the amounts of the row above, drawn a line lower than its label
                    _place(out[-1], stray, values, w, r, scale)
                else:
                    pending = stray
                continue
            if name and out and not any(is_amount(_txt(cells[j])) for j in values):
                out[-1]["name"] += name  # a label wrapped onto the next line
                continue
            raise w.error(
                "a row starting with a 科目编码 or 合计", r, " ".join(c for c in cells if c)
            )
        if code and len(code) == 3:
            last[1] = code
        elif code and len(code) == 5:
            last[2] = code
        row = {
            "table_key": t.decl.key,
            "code": code,
            "name": name if code else (name or "合计"),
            "level": 0 if code is None else {3: 1, 5: 2, 7: 3}.get(len(code), 3),
            "source_line": r.line,
            "source_page": r.page,
        }
        for j, key in values.items():
            row[key] = amount(cells[j], w, r, key, scale)
        row["_bare"] = all(row.get(k) is None for k in values.values())
        if row["_bare"]:
            # amounts outside the header's columns (rulings drawn off the body): in order
            # only cells under no header of their own: a column the header names (2025年执行数,
            # 增减额) holds other figures, not this row's
            label_cols = {*code_cols, name_col}
            loose = [
                c
                for j, c in enumerate(cells)
                if c
                and j not in label_cols
                and not (j < len(own_header) and own_header[j])
                and is_amount(_txt(c))
                and not _is_label(c, cells)
            ]
            if loose:
                _place(row, loose, values, w, r, scale)
            elif pending:
                _place(row, pending, values, w, r, scale)
        pending = []
        out.append(row)
    for row in out:
        row.pop("_bare", None)
    if by_unit:
        notes.append(
            {
                "_note": f"{len(by_unit)} rows list the 科目 per unit (from "
                f"{' '.join(c for c in by_unit[0].cells if c)}): kept as raw cells, not read",
                "source_line": by_unit[0].line,
            }
        )
        notes += [{**raw, "_raw": True} for raw in read_raw(t, by_unit)]
    return out + notes


def _is_label(cell: str, cells: list[str | None]) -> bool:
    """A code or 合计 cell (a label) rather than an amount: the first non-empty cell when it is
    a 3/5/7-digit code."""
    first = next((c for c in cells if c), None)
    return cell is first and bool(_CODE.match(_txt(cell)))


def _place(
    row: dict, found: list[str], values: dict[int, str], w: Where, r: GridRow, scale: Decimal
) -> None:
    """Give a row the amounts found outside its columns, in the header's order: all of them when
    the counts agree, else the first to 合计 when the table has one amount column."""
    keys = [values[j] for j in sorted(values)]
    if len(found) == len(keys):
        pairs = zip(keys, found, strict=True)
    elif len(keys) == 1 or (len(found) == 1 and "total" in keys):
        pairs = [("total", found[0])]
    else:
        raise w.error(f"{len(keys)} amounts ({', '.join(keys)})", r, " ".join(found))
    for key, cell in pairs:
        row[key] = amount(cell, w, r, key, scale)
    row["_bare"] = False


def _align(cells: list[str | None], ncols: int) -> list[str | None]:
    """A row as wide as the table. A row with fewer cells (a 合计 row whose label spans the code
    and name columns, read as a grid of its own on the last page) keeps its label first and its
    amounts in the last columns."""
    cells = list(cells)
    if len(cells) >= ncols:
        return cells
    if len(cells) > 1 and cells[0] and not is_amount(_txt(cells[0])):
        return [cells[0], *([None] * (ncols - len(cells))), *cells[1:]]
    return [*cells, *([None] * (ncols - len(cells)))]


def _is_header_like(cells: list[str | None]) -> bool:
    """A header row (repeated on a continued page): words and no figure, and either a header
    word or several words side by side (a data row has one label)."""
    words = {"项目", "类", "款", "项", "合计", "小计", "科目编码", "功能分类科目编码"}
    filled = [_txt(c) for c in cells if c]
    return (
        bool(filled)
        and not any(is_amount(c) for c in filled)
        and (
            any(c in words or "名称" in c or "科目" in c for c in filled)
            or (len(filled) >= 2 and not any(_CODE.match(c) for c in filled))
        )
    )


# --- economic classification (类/款 or merged 301/30101) ------------------------------------


def read_economic(t: Located, rows: list[GridRow]) -> list[dict]:
    """Rows of a basic-expenditure-by-economic-classification table: total, group (类), item."""
    fn = read_function(t, rows)
    out = []
    group = None
    for r in fn:
        if "_note" in r or r.get("_raw"):
            out.append(r)
            continue
        code = r["code"]
        if code is None:
            kind = "total"
        elif len(code) == 3:
            kind, group = "group", r["name"]
        else:
            kind = "item"
        out.append(
            {
                "row_kind": kind,
                "code": code,
                "group_name": None
                if kind == "total"
                else (r["name"] if kind == "group" else group),
                "dept_class": None if kind == "total" else r["name"],
                "gov_class": None,
                "total": r.get("total"),
                "personnel": r.get("personnel"),
                "public": r.get("public"),
                "source_line": r["source_line"],
                "source_page": r["source_page"],
            }
        )
    return out


# --- two-sided summaries -------------------------------------------------------------------


_COMPLETE_ENDINGS = tuple("入出金费计算款余贴助")
_NEW_ITEM_WORDS = ("合计", "小计", "总计", "结转", "结余", "其中")


def _continues(text: str, entry: dict | None) -> bool:
    """True when a label cell is the wrapped rest of the label above it (1.一般公共预 | 算):
    short, without an ordinal or a total word, under a label that does not end like a finished
    item name."""
    t = norm(text)
    return (
        entry is not None
        and len(t) <= 6
        and not _ORDINAL.match(t)
        and not any(w in t for w in _NEW_ITEM_WORDS)
        and not norm(entry["label"]).endswith(_COMPLETE_ENDINGS)
    )


def _onto_first_grid(rows: list[GridRow]) -> list[GridRow]:
    """Rows of a table continued on pages whose grid is narrower, placed onto the first grid's
    columns. pdfplumber gives the columns a merged cell covers as None; a page that goes on
    without those merged cells draws only the columns in use: a grid whose rows with amounts
    use every one of its columns, as many as the first grid uses on its rows with amounts
    (江苏 2017's 收支预算总表: 8 columns on p7, two of them covered by merged cells on every
    row, then 6 on p8). Such a grid's cells go to those columns, left to right; any other grid
    is left as it is (p9's 6 columns, two of them merged away again)."""
    grids: dict[int, list[GridRow]] = {}
    for r in rows:
        grids.setdefault(r.grid, []).append(r)
    first, *later = grids.values() if grids else [[]]
    used = _used_columns(first)
    width = max((len(r.cells) for r in first), default=0)
    if not used or len(used) == width:
        return rows
    narrower = {
        g[0].grid
        for g in later
        if {len(r.cells) for r in g} == {len(used)} and len(_used_columns(g)) == len(used)
    }
    out = []
    for r in rows:
        if r.grid in narrower:
            cells: list[str | None] = [None] * width
            for j, c in zip(used, r.cells, strict=True):
                cells[j] = c
            r = GridRow(r.line, r.page, cells, r.grid)
        out.append(r)
    return out


def _used_columns(rows: list[GridRow]) -> list[int]:
    """The columns that hold a cell (not merged away) on some row with an amount."""
    figures = [r for r in rows if any(c and is_amount(_txt(c)) for c in r.cells)]
    width = max((len(r.cells) for r in figures), default=0)
    return [
        j for j in range(width) if any(j < len(r.cells) and r.cells[j] is not None for r in figures)
    ]


def read_summary(t: Located, rows: list[GridRow]) -> list[dict]:
    """Cells of a summary table: every label with an amount, on its side (收入 / 支出).

    Label columns are the ones holding text in the data rows; each amount column belongs to the
    nearest label column to its left on the same side. An amount takes the label in its own
    label column on its row; else a label further left on its row whose own amounts are blank
    (a label spanning merged cells); else the label above it that has no amount yet (a label
    wrapped onto two lines leaves its amount on the line between). A label wrapped onto the next
    line is joined. An amount with no label at all (a one-row table) takes its column's header.
    """
    w = Where(t)
    scale = SCALE.get(t.unit or "万元", Decimal(1))
    rows = _onto_first_grid(rows)
    ncols = max((len(r.cells) for r in rows), default=0)
    first_data = next(
        (k for k, r in enumerate(rows) if any(is_amount(_txt(c)) for c in r.cells)), len(rows)
    )
    # rows above the first amount that start with an ordinal (一、…) are data too
    while first_data > 0 and any(_ORDINAL.match(_txt(c)) for c in rows[first_data - 1].cells if c):
        first_data -= 1
    # the numbering printed under the header (** | 1 | 2 | …) is header, not amounts
    while first_data < len(rows) and _numbering(rows[first_data]):
        first_data += 1
    header, data = rows[:first_data], [r for r in rows[first_data:] if not _numbering(r)]
    spanned = _spanned(header, ncols)
    own = _own(header, ncols)
    amount_cols = sorted(
        {j for r in data for j, c in enumerate(r.cells) if c and is_amount(_txt(c))}
    )
    # a column may hold labels on some rows and amounts on others (rulings drawn off the body)
    label_cols = [
        j
        for j in range(ncols)
        if any(j < len(r.cells) and r.cells[j] and not is_amount(_txt(r.cells[j])) for r in data)
    ]
    groups = [next((c for c in col if "收" in c or "支" in c), "") for col in spanned]

    title = norm(t.title)
    one_side = (
        "收入"
        if "收入" in title and "支出" not in title
        else "支出"
        if "支出" in title and "收入" not in title
        else None
    )  # 收入预算总表, 支出预算总表: a table of one side

    def side(j: int) -> str:
        if one_side:
            return one_side
        group = groups[j] if j < len(groups) else ""
        if "收入" in group or group[:1] == "收":
            return "收入"
        if "支出" in group or group[:1] == "支":
            return "支出"
        first = label_cols[0] if label_cols else 0
        return "收入" if j <= first + 1 else "支出"

    pair = {
        j: next(
            (
                lc
                for lc in reversed(label_cols)
                if lc < j and lc not in amount_cols and side(lc) == side(j)
            ),
            next((lc for lc in reversed(label_cols) if lc < j and side(lc) == side(j)), None),
        )
        for j in amount_cols
    }
    entries: list[dict] = []
    last: dict[int, dict] = {}
    for r in data:
        cells = [*r.cells, *([None] * (ncols - len(r.cells)))]
        fresh: dict[int, dict] = {}
        for lc in label_cols:
            text = (cells[lc] or "").strip()
            if not text:
                continue
            if _continues(text, last.get(lc)) and not any(
                cells[j] for j in amount_cols if pair[j] == lc
            ) | (lc in fresh):
                last[lc]["label"] += text
                continue
            # a label column to the left that has no amounts of its own groups this one (一般
            # 公共预算资金 | 小计); one with amounts of its own is a sibling (功能分类 | 支出用途)
            parent = next(
                (
                    (cells[k] or (last[k]["label"] if k in last else None))
                    for k in reversed(label_cols)
                    if k < lc and side(k) == side(lc) and not any(pair[a] == k for a in amount_cols)
                ),
                None,
            )
            entry = {"label": text, "col": lc, "parent": parent, "amounts": {}}
            entries.append(entry)
            last[lc] = fresh[lc] = entry
        for j in amount_cols:
            if not cells[j] or not is_amount(_txt(cells[j])):
                continue  # blank, or a label in a column that holds amounts elsewhere
            v = amount(cells[j], w, r, "amount", scale)
            if v is None:
                continue
            lc = pair[j]
            entry = fresh.get(lc) if lc is not None else None
            if entry is None:  # a label further left on this row, spanning to this amount
                entry = next(
                    (
                        fresh[k]
                        for k in sorted(fresh, reverse=True)
                        if k < j
                        and side(k) == side(j)
                        and not any(cells[a] for a in amount_cols if pair[a] == k)
                    ),
                    None,
                )
            if entry is None and lc is not None and lc in last and j not in last[lc]["amounts"]:
                entry = last[lc]  # the label above, wrapped
            if entry is None:
                header_label = (own[j][-1] if own[j] else "") or "合计"
                entry = {"label": header_label, "col": j, "parent": None, "amounts": {}}
                entries.append(entry)
            entry["amounts"][j] = (v, r)
    out: list[dict] = []
    seq = {"收入": 0, "支出": 0}
    tops: dict[str, str | None] = {"收入": None, "支出": None}
    amount_headers = shared_columns()["amount_headers"]
    for e in entries:
        s = side(e["col"])
        label = e["label"]
        item = _ORDINAL.sub("", norm(label))
        parent = _ORDINAL.sub("", norm(e["parent"])) if e["parent"] else None
        if parent is None:
            if re.match(r"^\d+[.．、]", norm(label)):
                parent = tops[s]
            elif _ORDINAL.match(norm(label)):
                tops[s] = item
        if not e["amounts"]:
            continue
        seq[s] += 1
        for j, (v, r) in sorted(e["amounts"].items()):
            deep = own[j][-1] if own[j] else ""
            key = _column_key(deep) if deep else None
            if key is None or (key == "total" and deep in amount_headers):
                key = "amount"
            group = next((c for c in spanned[j][1:-1] if c not in ("项目", "项目名称")), None)
            out.append(
                {
                    "side": s,
                    "seq": seq[s],
                    "label": label,
                    "item": item,
                    "parent_item": parent,
                    "column_key": key,
                    "column_group": group or (deep or None),
                    "amount_wan": v,
                    "source_line": r.line,
                    "source_page": r.page,
                }
            )
    return out


# --- “三公” (items as columns) ----------------------------------------------------------------

THREE_PUBLIC_ITEMS = (
    ("因公出国", "因公出国（境）费"),
    ("公务接", "公务接待费"),
    ("会议", "会议费"),
    ("培训", "培训费"),
    ("机关运行经费", "机关运行经费"),
)
CAR = "公务用车购置及运行费"
CAR_PARTS = (CAR, "公务用车购置费", "公务用车运行费")
GRAND = "三公经费、会议费、培训费合计"
# the order of the columns when a layout declares none (the national template)
DEFAULT_ORDER = ("合计", "因公出国（境）费", "公务接待费", *CAR_PARTS, "机关运行经费")


def _three_public_name(path: list[str], seen_subtotal: bool, in_car: bool) -> str | None:
    """The item a column's header cells name, or None when they name none."""
    joined = "".join(path)
    deep = path[-1] if path else ""
    if "公务用车" in joined or (in_car and ("购置" in deep or "运行" in deep or "小计" in deep)):
        if "购置" in deep and "运行" not in deep:
            return CAR_PARTS[1]
        if "运行" in deep and "购置" not in deep:
            return CAR_PARTS[2]
        return CAR_PARTS[0]
    for word, canonical in THREE_PUBLIC_ITEMS:
        if word in joined:
            return canonical
    if "小计" in deep or "合计" in deep:
        return "小计" if seen_subtotal or "小计" in deep else "合计"
    return None


_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_CHANGE_WORDS = ("增减", "变化", "比上年", "增长")
_FUNDS = (
    ("一般公共预算", "general_budget"),
    ("政府性基金", "gov_fund"),
    ("国有资本", "state_capital"),
)


def _fund_of(cell: str) -> str | None:
    return next((key for word, key in _FUNDS if word in norm(cell)), None)


def _latest_year_only(items: list[tuple[int, str]]) -> set[int]:
    """Of (index, text) pairs, the indexes to drop: those naming a year before the latest one
    named, and those naming a change (增减变化 …). A table that names no year keeps all."""
    years = {k: int(m.group(1)) for k, text in items if (m := _YEAR.search(norm(text)))}
    drop = {k for k, text in items if any(w in norm(text) for w in _CHANGE_WORDS)}
    if years:
        latest = max(years.values())
        drop |= {k for k, y in years.items() if y != latest}
    return drop


def read_three_public(t: Located, rows: list[GridRow]) -> list[dict]:
    """The “三公” table: one row per item with its amount.

    Items are columns in most layouts: each column holding an amount is named by its own header
    cells (因公出国（境）费, 公务接待费, 公务用车购置及运行费 with 公务用车购置费 and
    公务用车运行费, and 会议费/培训费/机关运行经费 where the table has them); a column whose header
    names nothing takes the one free place of the layout's declared column order between its named
    neighbours. 合计 is the 三公 total; a table that adds 会议费 and 培训费 to a grand 合计 (and
    prints the 三公 total as 小计) keeps that as 三公经费、会议费、培训费合计. Items split by fund
    (一般公共预算 | 政府性基金预算 | 国有资本经营预算 under each item, 深圳) give one row per item
    with each fund and their sum as the total. A table that compares years (2025年 | 2026年 as
    column groups or as rows, with 增减变化) is read for its latest year; the other years and the
    changes are kept as published (raw cells). Items may instead be rows (项目 | 预算数, 福州). A
    column that nothing names is not read; it comes back as a ``_note`` row (a parse note). Raises
    IngestError for a cell that is not a number.
    """
    w = Where(t)
    scale = SCALE.get(t.unit or "万元", Decimal(1))
    ncols = max((len(r.cells) for r in rows), default=0)
    data = [r for r in rows if any(is_amount(_txt(c)) for c in r.cells) and not _numbering(r)]
    header = [r for r in rows if r not in data]
    vertical = _three_public_rows(t, data, w, scale)
    if vertical is not None:
        return vertical
    kept: list[GridRow] = []  # rows of other years, changes, units: kept as published
    # years or changes as rows (深圳: 2025年 | 2026年 | 增减变化金额): the latest year's row
    labels = [
        (k, " ".join(_txt(c) for c in r.cells if c and not is_amount(_txt(c))))
        for k, r in enumerate(data)
    ]
    drop = _latest_year_only(labels)
    if drop and len(drop) < len(data):
        kept += [r for k, r in enumerate(data) if k in drop]
        data = [r for k, r in enumerate(data) if k not in drop]
    if len(data) > 1:
        # one row per unit under a 合计 row (杭州): the 合计 row is the department's, the unit
        # rows are kept as published (raw cells)
        total = next(
            (r for r in data if _total_first(r) or _txt(r.cells[0]) in ("合计", "总计")), None
        )
        if total is not None:
            kept += [r for r in data if r is not total]
            data = [total]
    own = _own(header, ncols)
    spanned = _spanned(header, ncols)
    value_cols = sorted(
        {j for r in data for j, c in enumerate(r.cells) if c and is_amount(_txt(c))}
    )
    # years as column groups (烟台: 2025年预算数 | 2026年预算数): the latest year's columns
    dropped_cols = _latest_year_only([(j, "".join(spanned[j])) for j in value_cols])
    # carried-over money beside the year's (长春: 当年预算 | 上年结转结余): the year's columns
    dropped_cols |= {j for j in value_cols if any("结转" in c for c in spanned[j])}
    if len(dropped_cols) < len(value_cols):
        value_cols = [j for j in value_cols if j not in dropped_cols]
    fund = {j: _fund_of(own[j][-1]) if own[j] else None for j in value_cols}
    names: dict[int, str | None] = {}
    in_car = False
    has_meeting = any("会议" in c or "培训" in c for col in own for c in col)
    group_of: dict[int, int] = {}  # fund column -> the first column of its item
    for j in value_cols:
        path = [c for c in (own[j] or spanned[j]) if not _fund_of(c)]
        if fund[j] and not path:
            path = [c for c in spanned[j] if not _fund_of(c)]
        if fund[j] and fund[j] != "general_budget" and names and j - 1 in names:
            same = [c for c in spanned[j] if not _fund_of(c)] == [
                c for c in spanned[j - 1] if not _fund_of(c)
            ]
            if same:
                names[j] = names[j - 1]
                group_of[j] = group_of.get(j - 1, j - 1)
                continue
        name = _three_public_name(path, "合计" in names.values(), in_car)
        item_words = [w_ for w_, _ in THREE_PUBLIC_ITEMS] + ["公务用车"]
        if (
            name == "小计"
            and "合计" in names.values()
            and not has_meeting
            and any(w_ in "".join(spanned[j][:-1]) for w_ in ("当年", "本年", "预算"))
            and not any(w_ in "".join(spanned[j]) for w_ in item_words)
        ):
            # the year's 小计 under 当年预算 beside the 合计 (长春): the same total again
            group_of[j] = -1
            continue
        if name == "合计" and has_meeting and j == value_cols[0]:
            name = GRAND  # 三公 + 会议费 + 培训费
        elif name == "小计":
            # the 三公 total printed as 小计 beside a grand 合计, else the 公务用车 subtotal
            name = CAR if "合计" in names.values() else "合计"
        elif name is None and any(w in "".join(path) for w in ("总计", "总额")):
            name = "合计"
        in_car = in_car or (name in CAR_PARTS)
        if name in names.values():
            name = CAR_PARTS[min(list(names.values()).count(CAR) + 1, 2)] if name == CAR else None
        names[j] = name
        group_of[j] = j
    value_cols = [j for j in value_cols if group_of.get(j) != -1]
    order = list(t.decl.order or DEFAULT_ORDER)
    if has_meeting and GRAND not in order:
        order = [GRAND, *order]
    named = [j for j in value_cols if names[j] in order]
    for j in value_cols:
        if names[j] is not None:
            continue
        left = max((k for k in named if k < j), default=None)
        right = min((k for k in named if k > j), default=None)
        lo = order.index(names[left]) + 1 if left is not None else 0
        hi = order.index(names[right]) if right is not None else len(order)
        free = [n for n in order[lo:hi] if n not in names.values()]
        if len(free) == 1:
            names[j] = free[0]
    out: list[dict] = [{**raw, "_raw": True} for raw in read_raw(t, kept)]
    for j in value_cols:
        if names[j] is None:  # kept as a note: a figure whose item nothing names
            cells = [r.cells[j] for r in data if j < len(r.cells) and r.cells[j]]
            out.append(
                {
                    "_note": f"column {j + 1} holds {', '.join(cells)} under no header that "
                    "names a “三公” item: not read",
                    "source_line": data[0].line,
                }
            )
    for r in data:
        for j in value_cols:
            name = names[j]
            if name is None or group_of.get(j, j) != j:
                continue
            members = [k for k in value_cols if group_of.get(k, k) == j]
            row = {
                "table_key": "admin_operating" if name == "机关运行经费" else t.decl.key,
                "label": name,
                "source_line": r.line,
                "source_page": r.page,
            }
            if len(members) > 1 and all(fund[k] for k in members):
                parts = {
                    fund[k]: amount(r.cells[k] if k < len(r.cells) else None, w, r, name, scale)
                    for k in members
                }
                row.update(parts)
                figures = [v for v in parts.values() if v is not None]
                row["total"] = sum(figures, Decimal(0)) if figures else None
            else:
                row["total"] = amount(r.cells[j] if j < len(r.cells) else None, w, r, name, scale)
            out.append(row)
    return out


def _three_public_rows(t: Located, data: list[GridRow], w: Where, scale) -> list[dict] | None:
    """A “三公” table whose items are rows (项目 | 预算数: 合计, 1、因公出国（境）费用 …), or None
    when the items are not rows. The amount is the row's one amount (the latest year's where the
    columns compare years)."""
    named = []
    for r in data:
        label = next((_txt(c) for c in r.cells if c and not is_amount(_txt(c))), "")
        named.append((r, label))
    hits = [
        lab
        for _, lab in named
        if lab and (_three_public_name([lab], False, False) or "合计" in lab)
    ]
    if len(hits) < 3 or len(hits) < len(data) - 1:
        return None
    out: list[dict] = []
    in_car = False
    seen: set[str] = set()
    for r, label in named:
        name = _three_public_name([label], "合计" in seen, in_car)
        if name is None and any(w_ in label for w_ in ("总计", "合计")):
            name = "合计"
        if name is None or name in seen:
            out.append({**read_raw(t, [r])[0], "_raw": True} if read_raw(t, [r]) else {})
            continue
        in_car = in_car or name in CAR_PARTS
        seen.add(name)
        figures = [c for c in r.cells if c and is_amount(_txt(c))]
        v = amount(figures[-1], w, r, name, scale)
        out.append(
            {
                "table_key": "admin_operating" if name == "机关运行经费" else t.decl.key,
                "label": name,
                "total": v,
                "source_line": r.line,
                "source_page": r.page,
            }
        )
    return [o for o in out if o]


def read_raw(t: Located, rows: list[GridRow]) -> list[dict]:
    """Every cell of a table read as text (tables a layout keeps but does not interpret)."""
    return [
        {
            "table_key": t.decl.key,
            "title": t.title,
            "row_no": k,
            "col_no": j,
            "text": c,
            "source_line": r.line,
            "source_page": r.page,
        }
        for k, r in enumerate(rows, start=1)
        for j, c in enumerate(r.cells, start=1)
        if c
    ]


READERS = {
    "function": read_function,
    "economic": read_economic,
    "summary": read_summary,
    "three_public": read_three_public,
    "raw": read_raw,
}
