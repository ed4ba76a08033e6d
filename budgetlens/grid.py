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
from decimal import Decimal, InvalidOperation

from budgetlens.errors import IngestError
from budgetlens.layout import Located, shared_columns
from budgetlens.source import is_amount, norm

_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
_PART = re.compile(r"^\d{2}$")
_ORDINAL = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+[.．、])"
)
SCALE = {"万元": Decimal(1), "元": Decimal(10000), "千元": Decimal(10)}


@dataclass
class GridRow:
    line: int  # line of the row in the document's reading text
    page: int
    cells: list[str | None]


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
    return norm(c or "")


def amount(cell: str | None, w: Where, row: GridRow, column: str, scale: Decimal):
    """A cell as 万元 (Decimal, exact), None when blank; IngestError when not a number."""
    c = (cell or "").strip().replace(" ", "")
    if c in ("", "-", "—", "－", "/"):
        return None
    if not is_amount(c):
        raise w.error(f"a number in column {column}", row, c)
    try:
        return Decimal(c.replace(",", "")) / scale
    except InvalidOperation as exc:  # pragma: no cover - is_amount admits only numbers
        raise w.error(f"a number in column {column}", row, c) from exc


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


def _own(header: list[GridRow], ncols: int) -> list[list[str]]:
    """Per column, its header cells top to bottom (non-empty only)."""
    out: list[list[str]] = [[] for _ in range(ncols)]
    for r in header:
        for j, c in enumerate(r.cells[:ncols]):
            if c:
                out[j].append(_txt(c))
    return out


def _spanned(header: list[GridRow], ncols: int) -> list[list[str]]:
    """Per column, its header cells with a merged (None) cell taking the text to its left."""
    out: list[list[str]] = [[] for _ in range(ncols)]
    for r in header:
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


def _is_code_row(r: GridRow, code_cols: list[int]) -> bool:
    return any(_CODE.match(_txt(r.cells[j])) for j in code_cols[:1] if j < len(r.cells)) or (
        len(code_cols) > 1
        and any(_PART.match(_txt(r.cells[j])) for j in code_cols[1:] if j < len(r.cells))
    )


def _is_total_row(r: GridRow, upto: int) -> bool:
    totals = shared_columns()["total_labels"]
    return any(_txt(c) in totals for c in r.cells[: upto + 1])


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
        if key is not None and key not in out.values():
            out[j] = key
    return out


def read_function(t: Located, rows: list[GridRow], extra: dict | None = None) -> list[dict]:
    """Rows of a table of 功能分类 科目 (merged or 类/款/项 codes): level 0 合计, 1 类, 2 款, 3 项.

    Raises IngestError when the header announces no amount column or a row holds text where an
    amount belongs.
    """
    w = Where(t)
    scale = SCALE.get(t.unit or "万元", Decimal(1))
    ncols = max((len(r.cells) for r in rows), default=0)
    first_data = next(
        (
            k
            for k, r in enumerate(rows)
            if any(_CODE.match(_txt(c)) for c in r.cells[:2]) or _is_total_row(r, 1)
        ),
        len(rows),
    )
    header = rows[:first_data]
    code_cols, name_col = _code_roles(header, rows[first_data:], ncols)
    values = _value_columns(header, ncols, name_col, extra)
    if not values and rows[first_data:]:
        raise w.error(
            "a header naming the amount columns (合计, 基本支出, 项目支出, …)",
            rows[0] if rows else None,
            " | ".join(" ".join(c for c in r.cells if c) for r in header[:3]) or "no header",
        )
    out: list[dict] = []
    last = {1: "", 2: ""}
    for r in rows[first_data:]:
        cells = _align(r.cells, ncols)
        # a 款/项 part printed without its leading zero ("2" for 02) is that part
        parts = [
            _txt(cells[j]).zfill(2) if k and re.fullmatch(r"\d", _txt(cells[j])) else _txt(cells[j])
            for k, j in enumerate(code_cols)
        ]
        name = (cells[name_col] or "").strip()
        if _is_total_row(r, max([*code_cols, name_col])):
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
            if not any(c for c in cells if c) or _is_header_like(cells):
                continue  # a blank row, or the header repeated on a continued page
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
        out.append(row)
    return out


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
    words = {"项目", "类", "款", "项", "合计", "科目编码", "功能分类科目编码"}
    filled = [_txt(c) for c in cells if c]
    return (
        bool(filled)
        and not any(is_amount(c) for c in filled)
        and any(c in words or "名称" in c or "科目" in c for c in filled)
    )


# --- economic classification (类/款 or merged 301/30101) ------------------------------------


def read_economic(t: Located, rows: list[GridRow]) -> list[dict]:
    """Rows of a basic-expenditure-by-economic-classification table: total, group (类), item."""
    fn = read_function(t, rows)
    out = []
    group = None
    for r in fn:
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


def read_summary(t: Located, rows: list[GridRow]) -> list[dict]:
    """Cells of a summary table: every label with an amount, on its side (收入 / 支出).

    Label columns are the ones holding text in the data rows; an amount belongs to the nearest
    label to its left on the same side (a label spanning merged cells reaches its amount). An
    amount with no label (a one-row table) takes its column's header as label.
    """
    w = Where(t)
    scale = SCALE.get(t.unit or "万元", Decimal(1))
    ncols = max((len(r.cells) for r in rows), default=0)
    first_data = next(
        (k for k, r in enumerate(rows) if any(is_amount(_txt(c)) for c in r.cells)), len(rows)
    )
    # header rows that only carry labels above the first amount are still data when they start
    # with an ordinal (一、…): keep them with the data.
    while first_data > 0 and _ORDINAL.match(_txt(rows[first_data - 1].cells[0])):
        first_data -= 1
    header, data = rows[:first_data], rows[first_data:]
    spanned = _spanned(header, ncols)
    own = _own(header, ncols)
    amount_cols = {
        j for j in range(ncols) for r in data if j < len(r.cells) and is_amount(_txt(r.cells[j]))
    }
    label_cols = [
        j
        for j in range(ncols)
        if j not in amount_cols
        and any(r.cells[j] and not is_amount(_txt(r.cells[j])) for r in data if j < len(r.cells))
    ]
    top = spanned and [(s[0] if s else "") for s in spanned]

    def side(j: int) -> str:
        group = top[j] if top else ""
        if "收入" in group or group[:1] == "收":
            return "收入"
        if "支出" in group:
            return "支出"
        first = label_cols[0] if label_cols else 0
        return "收入" if j <= first + 1 else "支出"

    out: list[dict] = []
    seq = {"收入": 0, "支出": 0}
    parents: dict[str, str | None] = {"收入": None, "支出": None}
    carried: dict[int, str] = {}
    for r in data:
        cells = [*r.cells, *([None] * (ncols - len(r.cells)))]
        for j in label_cols:
            if cells[j]:
                carried[j] = cells[j]
        for j in sorted(amount_cols):
            v = amount(cells[j], w, r, "amount", scale)
            if v is None:
                continue
            s = side(j)
            label, parent = None, None
            k = j - 1
            while k >= 0 and side(k) == s:
                if k in label_cols and cells[k]:
                    label = cells[k]
                    # a second label column to the left is the group the label belongs to
                    for k2 in range(k - 1, -1, -1):
                        if k2 in label_cols and side(k2) == s:
                            parent = cells[k2] or carried.get(k2)
                            break
                    break
                k -= 1
            if label is None:
                label = (own[j][-1] if own[j] else "") or "合计"
            item = _ORDINAL.sub("", norm(label))
            if parent is None:
                if _ORDINAL.match(norm(label)) and re.match(r"^\d", norm(label)):
                    parent = parents[s]
                elif _ORDINAL.match(norm(label)):
                    parents[s] = item
            key = _column_key(own[j][-1]) if own[j] else None
            if key in (None, "total") or any(
                a == (own[j][-1] if own[j] else "") for a in shared_columns()["amount_headers"]
            ):
                key = (
                    "amount"
                    if key in (None,)
                    or (own[j] and own[j][-1] in shared_columns()["amount_headers"])
                    else key
                )
            group = (
                spanned[j][1]
                if len(spanned[j]) > 1 and spanned[j][1] not in ("项目", "项目名称")
                else None
            )
            seq[s] += 1
            out.append(
                {
                    "side": s,
                    "seq": seq[s],
                    "label": label,
                    "item": item,
                    "parent_item": _ORDINAL.sub("", norm(parent)) if parent else None,
                    "column_key": key or "amount",
                    "column_group": group,
                    "amount_wan": v,
                    "source_line": r.line,
                    "source_page": r.page,
                }
            )
    return out


# --- “三公” (items as columns) ----------------------------------------------------------------

THREE_PUBLIC_ITEMS = (
    ("因公出国", "因公出国（境）费"),
    ("公务接待", "公务接待费"),
    ("会议费", "会议费"),
    ("培训费", "培训费"),
    ("机关运行经费", "机关运行经费"),
)
CAR = "公务用车购置及运行费"
CAR_PARTS = (CAR, "公务用车购置费", "公务用车运行费")


def read_three_public(t: Located, rows: list[GridRow]) -> list[dict]:
    """The “三公” table, whose items are columns: one row per item with its amount.

    Items are named canonically: 因公出国（境）费, 公务接待费, 公务用车购置及运行费 with
    公务用车购置费 and 公务用车运行费, and 会议费/培训费/机关运行经费 where the table has them.
    合计 is the 三公 total; a table that adds 会议费 and 培训费 to a grand 合计 keeps that as
    三公经费、会议费、培训费合计.
    """
    w = Where(t)
    scale = SCALE.get(t.unit or "万元", Decimal(1))
    ncols = max((len(r.cells) for r in rows), default=0)
    data = [r for r in rows if any(is_amount(_txt(c)) for c in r.cells)]
    header = [r for r in rows if r not in data]
    spanned = _spanned(header, ncols)
    own = _own(header, ncols)
    out: list[dict] = []
    car_seen = 0
    has_subtotal = any(any("小计" in c for c in col) for col in spanned)
    names: dict[int, str] = {}
    for j in range(ncols):
        path = own[j] or spanned[j]
        joined = "".join(path)
        name = None
        for word, canonical in THREE_PUBLIC_ITEMS:
            if word in joined:
                name = canonical
        if "公务用车" in joined:
            deep = path[-1] if path else ""
            if "购置费" in deep and "运行" not in deep:
                name = CAR_PARTS[1]
            elif "运行" in deep and "购置" not in deep:
                name = CAR_PARTS[2]
            else:
                name = CAR_PARTS[min(car_seen, 2)]
            car_seen += 1
        if name is None and path:
            deep = path[-1]
            if "小计" in deep or "合计" in deep:
                name = "合计" if ("三公" in joined or not has_subtotal) else "总计"
        if name:
            names[j] = name
    if not names and data:
        raise w.error("a header naming the “三公” items", data[0])
    if "总计" in names.values():
        grand = "三公经费、会议费、培训费合计"
        names = {j: (grand if n == "总计" else n) for j, n in names.items()}
    for r in data:
        for j, name in names.items():
            if j >= len(r.cells):
                continue
            v = amount(r.cells[j], w, r, name, scale)
            table_key = "admin_operating" if name == "机关运行经费" else t.decl.key
            out.append(
                {
                    "table_key": table_key,
                    "label": name,
                    "total": v,
                    "source_line": r.line,
                    "source_page": r.page,
                }
            )
    return out


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
