"""Reading the standard tables (第二部分) of a disclosure.

Tables are found by their titles (see :data:`budgetlens.mappings.TABLES`), not by line numbers. A
table runs from its title to the next title or part heading. Header rows say which value columns a
table has; data rows are read by meaning: a 科目编码 or 合计 opens a function-classified row, a text
label opens a summary row, and amounts are placed by their position *relative to the row's own
label*, which survives the extraction even when header cells are displaced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from budgetlens import mappings as m
from budgetlens.errors import IngestError
from budgetlens.source import SourceText, is_amount, norm, parse_amount

_TITLE = re.compile(m.TITLE_PATTERN)
_MARKER = re.compile(m.TABLE_MARKER_PATTERN)
_DEPT = re.compile(m.DEPARTMENT_LINE_PATTERN)
_UNIT = re.compile(m.UNIT_LINE_PATTERN)
_CODE = re.compile(r"^\d{3}(\d{2}){0,2}$")
_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+、|[①②③④⑤⑥⑦⑧⑨⑩]|\d+[.、])")
_DASHES = re.compile(r"^[-—\s|]+$")
_TOTAL_LABELS = ("合计", "总计", "部门合计")


@dataclass
class Row:
    line: int
    cells: list[str]

    @property
    def nonempty(self) -> list[str]:
        return [c for c in self.cells if c]


@dataclass
class FoundTable:
    """A standard table located in the text: its spec, title and body rows."""

    spec: m.TableSpec
    title: str
    title_line: int
    year: int
    end_line: int  # last line of the body (inclusive)
    department: str | None = None
    department_line: int | None = None
    amount_unit: str | None = None
    empty_note: bool = False
    rows: list[Row] = field(default_factory=list)

    @property
    def scale(self) -> Decimal:
        return Decimal(m.AMOUNT_UNIT_SCALE.get(self.amount_unit or "万元", 1))


def is_toc_line(line: str) -> bool:
    """Table-of-contents entries carry leader dots or a trailing page number."""
    return "..." in line or "…" in line or bool(re.search(r"\t\d+\s*$", line))


def match_title(line: str) -> tuple[m.TableSpec, int] | None:
    """The spec and year of a table title line, or None when the line is not a table title."""
    if is_toc_line(line):
        return None
    text = norm(line)
    hit = _TITLE.match(text)
    if not hit:
        return None
    for spec in m.TABLES:
        if all(w in text for w in spec.title_all) and not any(w in text for w in spec.title_none):
            return spec, int(hit.group("year"))
    return None


def locate_tables(src: SourceText) -> list[FoundTable]:
    """Find every standard table and split the text into their bodies.

    Stops at 第三部分 (the narrative). Raises IngestError when the same table appears twice.
    """
    found: list[FoundTable] = []
    stop = len(src)
    for i in range(1, len(src) + 1):
        text = norm(src.line(i))
        if found and text.startswith(m.PART_HEADINGS["part3"]):
            stop = i - 1
            break
        hit = match_title(src.line(i))
        if hit:
            spec, year = hit
            if any(t.spec.key == spec.key for t in found):
                raise IngestError(
                    src.path,
                    f"one {spec.label}",
                    line=i,
                    table=spec.label,
                    found="a second table with the same title",
                )
            found.append(FoundTable(spec, src.line(i).strip(), i, year, end_line=len(src)))
    for t, nxt in zip(found, [*found[1:], None][: len(found)], strict=True):
        t.end_line = (nxt.title_line - 1) if nxt else stop
        _read_body(src, t)
    return found


def _read_body(src: SourceText, t: FoundTable) -> None:
    for i in range(t.title_line + 1, t.end_line + 1):
        raw = src.line(i)
        text = norm(raw)
        if not text or _MARKER.match(text) or _DASHES.match(raw.replace("\t", " ")):
            continue
        if hit := _DEPT.match(text):
            t.department = raw.split("：", 1)[-1].split(":", 1)[-1].strip()
            t.department_line = i
            continue
        if hit := _UNIT.match(text):
            t.amount_unit = hit.group("unit")
            continue
        if any(mark in text for mark in m.EMPTY_TABLE_MARKERS):
            t.empty_note = True
            continue
        if text.startswith(m.PART_HEADINGS["part3"]):
            break
        t.rows.append(Row(i, src.cells(i)))


# --- header handling ------------------------------------------------------------------------


def _header_cells(rows: list[Row]) -> set[str]:
    cells: set[str] = set()
    for r in rows:
        for c in r.nonempty:
            cells.add(re.sub(r"^(?:19|20)\d{2}年?", "", norm(c)) or norm(c))
    return cells


def present_columns(
    spec_columns: tuple[m.Column, ...], header: list[Row], src: SourceText, t: FoundTable
) -> list[str]:
    """The value columns this table has, in the standard order.

    Header cells are often displaced in extraction, so only *which* columns exist is read from
    the header; their order is the national standard's (the mapping's). Raises IngestError when a
    required column is not announced.
    """
    cells = _header_cells(header)
    keys = [c.key for c in spec_columns if any(a in cells for a in c.aliases)]
    for c in spec_columns:
        if c.required and c.key not in keys:
            line = header[0].line if header else t.title_line
            raise IngestError(
                src.path,
                f"a header announcing column {c.aliases[0]}",
                line=line,
                table=t.title,
                found=" | ".join((r.nonempty and "\t".join(r.nonempty)) or "" for r in header[:3])
                or "no header",
            )
    return keys


def _values(
    cells: list[str], columns: list[str], src: SourceText, row: Row, t: FoundTable
) -> dict[str, Decimal | None]:
    """Map value cells to columns by position after the label; extra figures are an error."""
    out: dict[str, Decimal | None] = dict.fromkeys(columns)
    for pos, cell in enumerate(cells):
        if not cell:
            continue
        if pos >= len(columns):
            raise IngestError(
                src.path,
                f"at most {len(columns)} amounts ({', '.join(columns)})",
                line=row.line,
                table=t.title,
                found=cell,
            )
        v = parse_amount(cell, src, row.line, t.title, columns[pos])
        out[columns[pos]] = None if v is None else v / t.scale
    return out


def _split_header(rows: list[Row], is_data) -> tuple[list[Row], list[Row]]:
    for k, r in enumerate(rows):
        if is_data(r):
            return rows[:k], rows[k:]
    return rows, []


def _is_numbering_row(r: Row) -> bool:
    """The "1 2 3 4 …" row some tables print under the header."""
    ne = r.nonempty
    return (
        len(ne) >= 3
        and all(c.isdigit() for c in ne)
        and [int(c) for c in ne] == list(range(int(ne[0]), int(ne[0]) + len(ne)))
    )


# --- readers --------------------------------------------------------------------------------


def _code_and_name(cells: list[str], last: list[str]) -> tuple[str | None, str, int] | None:
    """(code, name, index of first value cell) for a 科目 row, or None if the row is not one.

    Handles a single 3/5/7-digit code cell and 类/款/项 in separate cells (201 | 01 | 50).
    ``last`` keeps the last 类 and 款 seen, for layouts that leave them blank on 款/项 rows.
    """
    if not cells:
        return None
    first = norm(cells[0])
    if first in _TOTAL_LABELS:
        return None, "合计", 2
    if _CODE.match(first):
        if len(first) == 3 and len(cells) > 2 and re.fullmatch(r"\d{2}", norm(cells[1])):
            parts = [first, norm(cells[1])]
            k = 2
            if len(cells) > 3 and re.fullmatch(r"\d{2}", norm(cells[2])):
                parts.append(norm(cells[2]))
                k = 3
            return "".join(parts), cells[k], k + 1
        return first, cells[1] if len(cells) > 1 else "", 2
    return None if not re.fullmatch(r"\d{2}", first) or not last else _continued_code(cells, last)


def _continued_code(cells: list[str], last: list[str]) -> tuple[str | None, str, int] | None:
    parts = [last[0], norm(cells[0])]
    k = 1
    if len(cells) > 1 and re.fullmatch(r"\d{2}", norm(cells[1])):
        parts.append(norm(cells[1]))
        k = 2
    return "".join(parts), cells[k] if len(cells) > k else "", k + 1


def _level(code: str | None) -> int:
    return 0 if code is None else {3: 1, 5: 2, 7: 3}[len(code)]


def _segments(cells: list[str]) -> list[tuple[int, list[str]]]:
    """Split a two-sided row at each cell that opens a 科目 segment (a code or 合计).

    Returns (index of the opening cell, cells of the segment) pairs.
    """
    starts = [
        k
        for k, c in enumerate(cells)
        if (_CODE.match(norm(c)) and len(norm(c)) in (3, 5, 7)) or norm(c) in _TOTAL_LABELS
    ]
    if not starts:
        return [(0, cells)]
    return [(a, cells[a:b]) for a, b in zip(starts, [*starts[1:], len(cells)], strict=True)]


def read_function_table(src: SourceText, t: FoundTable) -> list[dict]:
    """Rows of a function-classified table (支出总表, 收入总表, 一般公共预算支出表, 基金表, 国资表).

    Returns dicts with table_key (the revenue side of 国有资本经营预算 gets ``…_revenue``), code,
    name, level, one entry per value column and source_line.
    """
    header, data = _split_header(
        t.rows,
        lambda r: (
            bool(r.cells)
            and (_CODE.match(norm(r.cells[0])) is not None or norm(r.cells[0]) in _TOTAL_LABELS)
        ),
    )
    spec = t.spec
    two_sided = spec.key == "state_capital"
    if two_sided:
        left_cols = ["total"]
        right_cols = present_columns(spec.columns, header, src, t)
    else:
        left_cols = present_columns(spec.columns, header, src, t)
        right_cols = []
    out: list[dict] = []
    last: list[str] = []
    # On the two-sided 国有资本经营预算 table the revenue side takes the first three cells
    # (code, name, amount); a segment opening further right is the expenditure side.
    for row in data:
        segs = _segments(row.cells) if two_sided else [(0, row.cells)]
        for start, seg in segs:
            parsed = _code_and_name(seg, last)
            if parsed is None:
                if not any(seg):
                    continue
                raise IngestError(
                    src.path,
                    "a row starting with a 科目编码 or 合计",
                    line=row.line,
                    table=t.title,
                    found="\t".join(c for c in seg if c),
                )
            code, name, k = parsed
            if code and len(code) == 3:
                last[:] = [code]
            key, cols = spec.key, left_cols
            if two_sided:
                revenue = start < 3
                key = "state_capital_revenue" if revenue else "state_capital_expenditure"
                cols = left_cols if revenue else right_cols
            out.append(
                {
                    "table_key": key,
                    "code": code,
                    "name": name.strip(),
                    "level": _level(code),
                    **_values(seg[k:], cols, src, row, t),
                    "source_line": row.line,
                }
            )
    if data and not any(r["code"] is None for r in out):
        raise IngestError(
            src.path, "a 合计 row", line=data[0].line, table=t.title, found=data[0].cells[0]
        )
    return out


def read_economic_table(src: SourceText, t: FoundTable) -> list[dict]:
    """Rows of 基本支出分经济科目表: 合计, groups (类) and items (部门/政府经济科目)."""
    header, data = _split_header(t.rows, lambda r: any(is_amount(c) for c in r.cells))
    cols = present_columns(t.spec.columns, header, src, t)
    out: list[dict] = []
    group: str | None = None
    for row in data:
        cells = [*row.cells, "", ""]
        dept, gov = cells[0], cells[1]
        label = norm(dept)
        if label in _TOTAL_LABELS:
            kind, group_name = "total", None
        elif not gov and (
            label in m.ECONOMIC_GROUPS or label.endswith("支出") or label.endswith("补助")
        ):
            kind, group_name = "group", dept
            group = dept
        elif dept and gov:
            kind, group_name = "item", group
        else:
            raise IngestError(
                src.path,
                "a group row (类 name only) or an item row (部门 and 政府经济科目)",
                line=row.line,
                table=t.title,
                found="\t".join(row.nonempty),
            )
        out.append(
            {
                "row_kind": kind,
                "group_name": group_name,
                "dept_class": dept if kind != "total" else None,
                "gov_class": gov or None,
                **_values(row.cells[2:], cols, src, row, t),
                "source_line": row.line,
            }
        )
    if data and out[0]["row_kind"] != "total":
        raise IngestError(
            src.path, "the 合计 row first", line=data[0].line, table=t.title, found=data[0].cells[0]
        )
    return out


def read_summary_table(src: SourceText, t: FoundTable) -> list[dict]:
    """Cells of a two-sided summary table (收支总表, 财政拨款收支总表).

    A row holds a 收入 label with its amount and/or a 支出 label with its amounts; a label in the
    first two cells is the 收入 side. Rows listed under a 结转 row (the sources of the carry-over)
    keep that row as parent_item. Raises IngestError when 收入总计 or 支出总计 is missing.
    """
    header, data = _split_header(
        t.rows,
        lambda r: (
            any(is_amount(c) for c in r.cells) or bool(r.cells and _ORDINAL.match(norm(r.cells[0])))
        ),
    )
    right_cols = present_columns(t.spec.columns, header, src, t)
    out: list[dict] = []
    seq = {"收入": 0, "支出": 0}
    parent: str | None = None
    for row in data:
        starts = [k for k, c in enumerate(row.cells) if c and not is_amount(c)]
        for n, k in enumerate(starts):
            end = starts[n + 1] if n + 1 < len(starts) else len(row.cells)
            side = "收入" if k < 2 else "支出"
            label = row.cells[k]
            item = _ORDINAL.sub("", norm(label))
            cols = ["amount"] if side == "收入" else right_cols
            values = _values(row.cells[k + 1 : end], cols, src, row, t)
            parent_item = None
            if side == "收入":
                if item in m.SUMMARY_TOTAL_LABELS or "合计" in item:
                    parent = None
                elif _ORDINAL.match(norm(label)) and parent:
                    parent_item = parent
                elif "结转" in item:
                    parent = item
            seq[side] += 1
            for col, v in values.items():
                if v is not None:
                    out.append(
                        {
                            "side": side,
                            "seq": seq[side],
                            "label": label,
                            "item": item,
                            "parent_item": parent_item,
                            "column_key": col,
                            "amount_wan": v,
                            "source_line": row.line,
                        }
                    )
    if data:
        items = {r["item"] for r in out}
        for needed in m.SUMMARY_TOTAL_LABELS:
            if needed not in items:
                raise IngestError(
                    src.path,
                    f"a {needed} row with its amount",
                    line=data[-1].line,
                    table=t.title,
                    found="the table ended without it (truncated?)",
                )
    return out


def read_fiscal_items(src: SourceText, t: FoundTable) -> list[dict]:
    """Rows of the “三公” and 机关运行经费 tables: a label and up to four amounts."""
    header, data = _split_header(t.rows, lambda r: any(is_amount(c) for c in r.cells))
    cols = present_columns(t.spec.columns, header, src, t)
    out = []
    for row in data:
        label = row.cells[0]
        if not label:
            raise IngestError(
                src.path,
                "a row label (item or unit)",
                line=row.line,
                table=t.title,
                found="\t".join(row.nonempty),
            )
        values = _values(row.cells[1:], cols, src, row, t)
        out.append({"label": label, **values, "source_line": row.line})
    return out


def read_project_table(src: SourceText, t: FoundTable) -> list[dict]:
    """Rows of a 项目支出预算表, with the unit hierarchy inferred from the amounts.

    The table lists the department total, then each budget unit's subtotal followed by its
    projects. Which row is which is not marked, so it is inferred: a unit's projects are the rows
    after it whose totals add up to its subtotal (exactly, in cents). When that fails, every row
    after the first is taken as a project of the department itself and the reconciliation reports
    the unit subtotals that do not add up.
    """
    header, data = _split_header(
        [r for r in t.rows if not _is_numbering_row(r)],
        lambda r: any(is_amount(c) for c in r.cells[1:]),
    )
    cols = present_columns(t.spec.columns, header, src, t)
    rows = []
    for row in data:
        if not row.cells[0]:
            raise IngestError(
                src.path,
                "a project or unit name in the first cell",
                line=row.line,
                table=t.title,
                found="\t".join(row.nonempty),
            )
        values = _values(row.cells[1:], cols, src, row, t)
        if values.get("total") is None:
            raise IngestError(
                src.path,
                "an amount in column 合计",
                line=row.line,
                table=t.title,
                found="\t".join(row.nonempty),
            )
        rows.append({"name": row.cells[0], **values, "source_line": row.line})
    if not rows:
        return []
    dept, rest = rows[0], rows[1:]
    groups = _group_by_subtotals(rest)
    out = [{**_project_row(dept, "department", None, None)}]
    if groups is None:
        for r in rest:
            out.append(_project_row(r, "project", dept["name"], r["name"]))
        return out
    for unit, projects in groups:
        out.append(_project_row(unit, "unit", unit["name"], None))
        for p in projects:
            out.append(_project_row(p, "project", unit["name"], p["name"]))
    return out


def _group_by_subtotals(rows: list[dict]) -> list[tuple[dict, list[dict]]] | None:
    groups = []
    i = 0
    while i < len(rows):
        unit = rows[i]
        acc = Decimal(0)
        j = i + 1
        while j < len(rows) and acc < unit["total"]:
            acc += rows[j]["total"]
            j += 1
        if j == i + 1 or acc != unit["total"]:
            return None
        groups.append((unit, rows[i + 1 : j]))
        i = j
    return groups


def _project_row(r: dict, kind: str, unit: str | None, project: str | None) -> dict:
    values = {k: v for k, v in r.items() if k not in ("name", "source_line")}
    return {
        "row_kind": kind,
        "unit": unit,
        "project": project,
        **values,
        "source_line": r["source_line"],
    }


READERS = {
    "function": read_function_table,
    "revenue_function": read_function_table,
    "economic": read_economic_table,
    "summary": read_summary_table,
    "fiscal_items": read_fiscal_items,
    "projects": read_project_table,
}
