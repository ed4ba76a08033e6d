"""The XLSX workbook of a document: every table of the document, as published, with sources.

Sheets: a cover (department, year, source document title and file(s), sha256, generation time,
and an index of the sheets), one sheet per table of the document in document order (a sheet
saying 本表无数据 for a table the document publishes empty; a table kept as published cells,
such as a 政府采购预算表, as its grid), the performance indicators, the key figures, and every
reconciliation finding (数据核对). Every data sheet has the table's title in row 1, the header in
row 2 (both frozen), and a 原文行号 (source line) column: the line of the source text each row was
read from; for a document read from PDF also 原文页码 (and 文件 when it has several files), the
page the row is printed on. Amounts are 万元 with the number format ``#,##0.00``; a blank cell is
empty. Headers, sheet names and the cover are in the language asked for (``lang``), named by the
library's vocabulary (:mod:`budgetlens.vocabulary`), the same names as the pages and the deck;
the document's own titles and names stay as published.

Everything comes from the database through named queries (``queries/*.sql``); nothing is typed
in. This module never imports streamlit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from budgetlens import __version__, grid_final, vocabulary, workbook_execution
from budgetlens.check_labels import kind_label, status_label, subject_label
from budgetlens.db import document_of
from budgetlens.layout import layouts
from budgetlens.mappings import TABLES_BY_KEY
from budgetlens.storyline import dec, fetch

AMOUNT_FORMAT = "#,##0.00"
COUNT_FORMAT = "#,##0"
EMPTY_TEXT = vocabulary.label("wb.empty")
# the fixed sheets' names in Chinese (build_workbook names them in the language asked for)
COVER = vocabulary.label("sheet.cover")
INDICATORS = vocabulary.label("sheet.indicators")
KEY_FIGURES = vocabulary.label("sheet.key_figures")
CHECKS = vocabulary.label("sheet.checks")
FONT = "Microsoft YaHei"
MAX_SHEET_NAME = 31  # Excel's limit
MAX_COLUMN_WIDTH = 60

HEADER_FILL = PatternFill("solid", fgColor="1F5FA8")
HEADER_FONT = Font(name=FONT, bold=True, color="FFFFFF")
TITLE_FONT = Font(name=FONT, bold=True, size=13)
BODY_FONT = Font(name=FONT)


@dataclass(frozen=True)
class Col:
    """One column of a sheet: the row key it reads, its header, and what kind of value it holds.

    ``header`` is a key of the vocabulary (shown in the workbook's language), or text shown as
    it is (a document's own column name). ``wan``: the header is followed by （万元）.
    kind: 'amount' (万元, #,##0.00), 'number' (format chosen per value), 'int', 'text'.
    """

    key: str
    header: str
    kind: str = "text"
    wan: bool = False

    def label(self, lang: str) -> str:
        """The header as shown in ``lang``."""
        if self.header.startswith("col.cell:"):  # a kept grid's column number
            return vocabulary.label("col.cell", lang, n=self.header.split(":", 1)[1])
        text = vocabulary.label(self.header, lang) if vocabulary.has(self.header) else self.header
        return text + vocabulary.label("unit.suffix_wan", lang) if self.wan else text


LINE = Col("source_line", "col.source_line", "int")
PAGE = Col("page", "col.page", "int")
FILE = Col("file", "col.file")
# Amount columns of the stored tables: (row key, vocabulary key of the header).
REVENUE_AMOUNTS = (
    ("total_wan", "term.total"),
    ("basic_wan", "source.basic"),
    ("project_wan", "source.project"),
    ("general_budget_wan", "source.general_budget"),
    ("gov_fund_wan", "source.gov_fund"),
    ("state_capital_wan", "source.state_capital"),
    ("special_account_wan", "source.special_account"),
    ("unit_funds_wan", "source.unit_funds"),
    ("carried_over_wan", "term.carried_over"),
    ("fiscal_appropriation_wan", "source.fiscal_appropriation"),
    ("business_income_wan", "source.business_income"),
    ("operating_income_wan", "source.operating_income"),
    ("other_income_wan", "source.other_income"),
)
SUMMARY_COLUMNS = {
    "amount": "term.amount",
    "total": "term.total",
    "current_year": "term.current_year",
    "carried_over": "term.carried_over",
    "general_budget": "source.general_budget",
    "gov_fund": "source.gov_fund",
    "state_capital": "source.state_capital",
    "basic": "source.basic",
    "project": "source.project",
}
ROW_KINDS = ("total", "group", "item", "subtotal", "department", "unit", "project")  # row_kind.*
TARGET_KINDS = ("numeric", "time", "qualitative", "empty", "unparsed")  # kind.* labels


# --- sheet writing ------------------------------------------------------------------------------


def display_width(value: Any) -> int:
    """Width of a cell's text in Excel columns: CJK and full-width characters count double."""
    text = value if isinstance(value, str) else _shown(value)
    return sum(2 if ord(ch) >= 0x2E80 else 1 for ch in text)


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal | float):
        return f"{value:,.2f}"
    return str(value)


def sheet_name(name: str, taken: Iterable[str]) -> str:
    """A valid, unique sheet name: no []:*?/\\, at most 31 characters, suffixed when taken."""
    clean = re.sub(r"[\[\]:*?/\\]", "_", name).strip("'") or "Sheet"
    clean = clean[:MAX_SHEET_NAME]
    taken_lower = {t.lower() for t in taken}
    out, n = clean, 2
    while out.lower() in taken_lower:
        suffix = f"_{n}"
        out = clean[: MAX_SHEET_NAME - len(suffix)] + suffix
        n += 1
    return out


def _number_format(col: Col, value: Any) -> str | None:
    if col.kind == "amount":
        return AMOUNT_FORMAT
    if col.kind == "int":
        return "0" if col.key == "source_line" else COUNT_FORMAT
    if col.kind == "number":
        d = dec(value)
        return COUNT_FORMAT if d is not None and d == d.to_integral_value() else AMOUNT_FORMAT
    return None


def _cell_value(col: Col, value: Any, lang: str = "zh") -> Any:
    if value is None:
        return None
    if col.kind in ("amount", "number"):
        # Excel stores doubles; the Decimal's nearest double is what any reader would see
        return float(value)
    if col.kind == "int":
        return int(value)
    if isinstance(value, bool):
        return vocabulary.label("wb.yes" if value else "wb.no", lang)
    return value if isinstance(value, int | float | str) else str(value)


def write_sheet(
    wb: Workbook,
    name: str,
    title: str,
    columns: Sequence[Col],
    rows: Iterable[dict[str, Any]],
    lang: str = "zh",
) -> Worksheet:
    """A data sheet: title in row 1, header in row 2 (frozen), one row per dict from row 3.

    Amount cells get ``#,##0.00``; column widths follow the widest text (CJK counted double),
    capped so that long sentences do not make a sheet unreadable.
    """
    ws = wb.create_sheet(sheet_name(name, wb.sheetnames))
    ws.cell(row=1, column=1, value=title).font = TITLE_FONT
    headers = [c.label(lang) for c in columns]
    widths = [display_width(h) for h in headers]
    for j, header in enumerate(headers, start=1):
        cell = ws.cell(row=2, column=j, value=header)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(vertical="center")
    for i, row in enumerate(rows, start=3):
        for j, col in enumerate(columns, start=1):
            raw = row.get(col.key)
            cell = ws.cell(row=i, column=j, value=_cell_value(col, raw, lang))
            cell.font = BODY_FONT
            fmt = _number_format(col, raw)
            if fmt and raw is not None:
                cell.number_format = fmt
            widths[j - 1] = max(widths[j - 1], display_width(raw))
    for j, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = min(max(w + 2, 8), MAX_COLUMN_WIDTH)
    ws.freeze_panes = "A3"
    return ws


def write_empty_sheet(
    wb: Workbook, name: str, title: str, source_line: int, lang: str = "zh"
) -> Worksheet:
    """The sheet of a table the document publishes without data: it says 本表无数据."""
    ws = write_sheet(
        wb,
        name,
        title,
        [Col("note", "col.note"), LINE],
        [{"note": vocabulary.label("wb.empty", lang), "source_line": source_line}],
        lang,
    )
    ws.column_dimensions["A"].width = max(display_width(title) + 2, 16)
    return ws


# --- the standard tables ------------------------------------------------------------------------


def _amount_cols(rows: list[dict[str, Any]], keep: Sequence[str] = ("total_wan",)) -> list[Col]:
    """The amount columns that hold at least one figure (the total column always)."""
    return [
        Col(key, header, "amount", wan=True)
        for key, header in REVENUE_AMOUNTS
        if key in keep or any(r.get(key) is not None for r in rows)
    ]


def _summary_sheet(rows: list[dict[str, Any]]) -> tuple[list[Col], list[dict[str, Any]]]:
    """收支总表 / 财政拨款收支总表: one row per row label, one column per amount column."""
    present = list(dict.fromkeys(r["column_key"] for r in rows))
    # the standard's column order first, then anything a variant document adds
    order = [k for k in SUMMARY_COLUMNS if k in present] + [
        k for k in present if k not in SUMMARY_COLUMNS
    ]
    out: dict[tuple[str, int], dict[str, Any]] = {}
    for r in rows:
        row = out.setdefault(
            (r["side"], r["seq"]),
            {
                "side": r["side"],
                "label": r["label"],
                "parent_item": r["parent_item"],
                "column_group": r.get("column_group"),
                "source_line": r["source_line"],
            },
        )
        row[r["column_key"]] = r["amount_wan"]
    columns = [
        Col("side", "col.side"),
        Col("label", "col.item"),
        Col("parent_item", "col.parent_item"),
        *(
            [Col("column_group", "col.column_group")]
            if any(r.get("column_group") for r in rows)
            else []
        ),
        *(Col(k, SUMMARY_COLUMNS.get(k, k), "amount", wan=True) for k in order),
        LINE,
    ]
    return columns, list(out.values())


def _function_sheet(rows: list[dict[str, Any]]) -> tuple[list[Col], list[dict[str, Any]]]:
    parts = {r["part"] for r in rows}
    columns = [
        *([Col("part", "col.side")] if len(parts) > 1 else []),
        Col("code", "col.code"),
        Col("name", "col.name"),
        Col("level", "col.level", "int"),  # 0 合计, 1 类, 2 款, 3 项 (said in the sheet title)
        *_amount_cols(rows),
        LINE,
    ]
    return columns, rows


def _economic_sheet(rows: list[dict[str, Any]]) -> tuple[list[Col], list[dict[str, Any]]]:
    def present(key: str) -> bool:
        return any(r.get(key) is not None for r in rows)

    columns = [
        Col("row_kind_label", "col.row_kind"),
        *([Col("code", "col.economic_code")] if present("code") else []),
        Col("group_name", "col.group"),
        Col("dept_class", "col.dept_class"),
        *([Col("gov_class", "col.gov_class")] if present("gov_class") else []),
        Col("total_wan", "col.total_wan", "amount"),
        *(
            Col(key, header, "amount")
            for key, header in (
                ("personnel_wan", "col.personnel_wan"),
                ("public_wan", "col.public_wan"),
            )
            if present(key)
        ),
        LINE,
    ]
    return columns, rows


def _fiscal_sheet(rows: list[dict[str, Any]]) -> tuple[list[Col], list[dict[str, Any]]]:
    columns = [Col("label", "col.item"), *_amount_cols(rows), LINE]
    return columns, rows


def _project_sheet(rows: list[dict[str, Any]]) -> tuple[list[Col], list[dict[str, Any]]]:
    columns = [
        Col("row_kind_label", "col.row_kind"),
        Col("unit", "col.unit"),
        Col("project", "col.project"),
        *_amount_cols(rows),
        LINE,
    ]
    return columns, rows


def _procurement_sheet(rows: list[dict[str, Any]]) -> tuple[list[Col], list[dict[str, Any]]]:
    """政府采购预算表 as read (queries/procurement_items.sql): each printed row with its kind and
    category (put in words by ``_labelled``); a text column only where some row prints it."""
    out = []
    for r in rows:
        row = dict(r)
        row["procurement_kind"] = row.pop("row_kind")  # not the other tables' row kinds
        out.append(row)
    texts = [
        Col("procurement_kind", "col.procurement_kind"),
        Col("category", "col.procurement_category"),
        Col("unit", "col.unit"),
        Col("project", "col.project"),
        Col("economic", "col.economic"),
        Col("item", "col.procurement_line"),
        Col("method", "col.procurement_method"),
    ]
    shown = [c for c in texts if any(_present(r.get(c.key)) for r in out)]
    amounts = [Col("total_wan", "term.total", "amount", wan=True)]
    if any(_present(r.get("general_budget_wan")) for r in out):
        amounts.append(Col("general_budget_wan", "col.general_budget_wan", "amount"))
    return [*shown, *amounts, LINE], out


def _present(value: object) -> bool:
    return value is not None and value == value and value != ""


def _raw_sheet(cells: list[dict[str, Any]]) -> tuple[list[Col], list[dict[str, Any]]]:
    """A table kept as published cells: its grid, one sheet row per table row, text as printed."""
    used = sorted({c["col_no"] for c in cells})  # columns with a cell somewhere
    rows: dict[int, dict[str, Any]] = {}
    for c in cells:
        row = rows.setdefault(c["row_no"], {"source_line": c["source_line"]})
        row[f"cell{c['col_no']}"] = c["text"]
        row["source_line"] = min(row["source_line"], c["source_line"])
    columns = [Col(f"cell{j}", f"col.cell:{j}") for j in used]
    return [*columns, LINE], [rows[k] for k in sorted(rows)]


class _Data:
    """The rows of one document, fetched once per query."""

    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        department: str,
        year: int,
        document: str | None = None,
    ) -> None:
        self.con, self.department, self.year = con, department, year
        self.document = document or document_of(con, department, year) or ""
        self._cache: dict[str, list[dict[str, Any]]] = {}

    def q(self, name: str) -> list[dict[str, Any]]:
        if name not in self._cache:
            self._cache[name] = fetch(self.con, name, document=self.document)
        return self._cache[name]


# the readers of the PDF layouts (layouts/*.toml) → the sheet kinds below
_READER_KINDS = {
    "summary": "summary",
    "function": "function",
    "economic": "economic",
    "three_public": "fiscal_items",
    "raw": "raw",
    "procurement": "procurement",
    **grid_final.SHEET_KINDS,  # a 决算's own readers
}


def _declared(layout: str | None, table_key: str) -> tuple[str, str] | None:
    """(label, sheet kind) of a table as the document's layout declares it: a PDF layout's
    table, else the text layout's standard table (budgetlens.mappings); None when unknown."""
    for lay in layouts():
        if lay.name == layout:
            decl = next((t for t in lay.tables if t.key == table_key), None)
            if decl is not None:
                return decl.label, _READER_KINDS.get(decl.reader, decl.reader)
    spec = TABLES_BY_KEY.get(table_key)
    return (spec.label, spec.kind) if spec else None


def _owner(data: _Data, line: int) -> str | None:
    """The table whose rows hold ``line``: the last table whose title comes before it."""
    before = [t["table_key"] for t in data.q("source_tables") if t["source_line"] <= line]
    return before[-1] if before else None


def table_sheet(
    data: _Data, table_key: str, layout: str | None = None
) -> tuple[list[Col], list[dict[str, Any]]]:
    """Columns and rows of one table of the document, read from where ingest stored it.

    The table's kind comes from the document's layout (``layout``, the ``document.layout`` of a
    PDF) or the standard tables of the text layout; a table the layout does not declare but whose
    cells were kept as published gets its grid. Raises KeyError for a table with no sheet layout.
    """
    declared = _declared(layout, table_key)
    kind = declared[1] if declared else None
    if kind is None and any(r["table_key"] == table_key for r in data.q("workbook_raw_cells")):
        kind = "raw"
    if kind == "summary":
        return _summary_sheet(
            [r for r in data.q("workbook_summary_items") if r["table_key"] == table_key]
        )
    if kind in ("revenue_function", "function"):
        keys = {table_key, f"{table_key}_revenue", f"{table_key}_expenditure"}
        return _function_sheet(
            [r for r in data.q("workbook_function_rows") if r["table_key"] in keys]
        )
    if kind == "economic":
        return _economic_sheet(
            [r for r in data.q("workbook_economic_rows") if r["table_key"] == table_key]
        )
    if kind == "fiscal_items":
        # rows kept under a key of their own inside this table (Shanghai prints 机关运行经费 in
        # the 三公 table) belong to it too
        tables = {t["table_key"] for t in data.q("source_tables")}
        return _fiscal_sheet(
            [
                r
                for r in data.q("fiscal_items")
                if r["table_key"] == table_key
                or (r["table_key"] not in tables and _owner(data, r["source_line"]) == table_key)
            ]
        )
    if kind == "three_public_final":  # a 决算's: 预算数 beside 决算数
        rows = workbook_execution.three_public_rows(data.q("fiscal_items"))
        return [Col(*c) for c in workbook_execution.THREE_PUBLIC_COLUMNS], rows
    if kind == "projects":
        carried = TABLES_BY_KEY[table_key].carried_over
        return _project_sheet([r for r in data.q("project_budget") if r["carried_over"] == carried])
    if kind == "procurement":
        items = data.q("procurement_items")
        if items:
            return _procurement_sheet(items)
        kind = "raw"  # a shape the reader does not know (烟台's, by 科目): its cells as printed
    if kind == "raw":
        return _raw_sheet([r for r in data.q("workbook_raw_cells") if r["table_key"] == table_key])
    raise KeyError(f"no sheet layout for table {table_key!r} (kind {kind!r})")


def table_sheet_name(table_key: str, layout: str | None = None) -> str:
    """The sheet name of a table: its short name, e.g. 支出总表 (a PDF layout's own label)."""
    declared = _declared(layout, table_key)
    return declared[0] if declared else table_key


def with_pages(
    columns: list[Col], rows: list[dict[str, Any]], pages: dict[int, tuple[str, int]]
) -> tuple[list[Col], list[dict[str, Any]]]:
    """For a document read from PDF (``pages``: line → (file, page)): a 页码 column after
    source_line (and 文件 when the document has several files). Unchanged for a text document."""
    if not pages or LINE not in columns:
        return columns, rows
    several = len({file for file, _ in pages.values()}) > 1
    at = columns.index(LINE) + 1
    added = [PAGE, FILE] if several else [PAGE]
    out = []
    for r in rows:
        where = pages.get(r.get("source_line")) if r.get("source_line") is not None else None
        out.append({**r, "page": where[1] if where else None, "file": where[0] if where else None})
    return [*columns[:at], *added, *columns[at:]], out


# --- the workbook -------------------------------------------------------------------------------


def _cover(
    wb: Workbook,
    doc: dict[str, Any],
    index: list[tuple[str, str, str, int]],
    pdf: bool = False,
    lang: str = "zh",
) -> None:
    def v(key: str) -> str:
        return vocabulary.label(key, lang)

    ws = wb.active
    ws.title = v("sheet.cover")
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    fields = [
        (v("wb.department"), doc["department"]),
        (v("wb.year"), doc["year"]),
        (v("wb.document"), f"{doc['scope']}{doc['kind']}"),
        (v("wb.title"), doc["title"]),
        (v("wb.source_files"), doc["source_files"] or doc["source_file"]),
        (v("wb.sha256"), doc["sha256"]),
        (v("wb.line_count"), doc["line_count"]),
        (v("wb.ingested_at"), str(doc["ingested_at"])),
        (v("wb.generated_at"), generated),
        (v("wb.tool"), f"BudgetLens {__version__}"),
        (v("wb.unit"), v("wb.unit_note_pdf" if pdf else "wb.unit_note")),
    ]
    ws.cell(row=1, column=1, value=f"{doc['title']} · {v('wb.workbook')}").font = TITLE_FONT
    for i, (label, value) in enumerate(fields, start=3):
        ws.cell(row=i, column=1, value=label).font = Font(name=FONT, bold=True)
        ws.cell(row=i, column=2, value=value).font = BODY_FONT
    start = len(fields) + 4
    headers = (v("col.sheet"), v("wb.content"), v("wb.state"), v("col.source_line"))
    for j, header in enumerate(headers, start=1):
        cell = ws.cell(row=start, column=j, value=header)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
    for i, (sheet, content, status, line) in enumerate(index, start=start + 1):
        for j, value in enumerate((sheet, content, status, line), start=1):
            ws.cell(row=i, column=j, value=value).font = BODY_FONT
    widths = [
        max([display_width(f[0]) for f in fields] + [display_width(r[0]) for r in index]),
        max([display_width(_shown(f[1])) for f in fields] + [display_width(r[1]) for r in index]),
        max([display_width(r[2]) for r in index] + [4]),
        12,
    ]
    for j, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = min(w + 2, 80)


def _labelled(row: dict[str, Any], lang: str) -> dict[str, Any]:
    """A row with its codes in words: row kinds, indicator kinds, periods and sides by the
    vocabulary, check statuses and kinds in ``lang`` (no identifier reaches a cell)."""
    out = dict(row)
    if row.get("row_kind") in ROW_KINDS:
        out["row_kind_label"] = vocabulary.label(f"row_kind.{row['row_kind']}", lang)
    if row.get("target_kind") in TARGET_KINDS:
        out["target_kind"] = vocabulary.label(f"kind.{row['target_kind']}", lang)
    for key, prefix in (
        ("period", "period."),
        ("side", "side."),
        ("part", "side."),
        ("procurement_kind", "procurement_kind."),
        ("category", "procurement."),
    ):
        value = row.get(key)
        if isinstance(value, str) and vocabulary.has(prefix + value):
            out[key] = vocabulary.label(prefix + value, lang)
    return out


def build_workbook(
    con: duckdb.DuckDBPyConnection,
    department: str,
    year: int,
    path: str | Path,
    document: str | None = None,
    lang: str = "zh",
) -> list[str]:
    """Write the workbook of one document to ``path`` (XLSX); return the sheet names.

    ``document`` is the document id; left out, the department-year's 部门 document. ``lang``
    ('zh' or 'en') is the language of the headers, sheet names and cover. Raises ValueError for
    an unknown language, LookupError when the department-year (or the document, one of its own)
    is not in the ``document`` table, KeyError for a table with no sheet layout, and OSError
    when the file cannot be written.
    """
    if lang not in vocabulary.LANGS:
        raise ValueError(f"unknown language {lang!r}: expected 'zh' or 'en'")

    def v(key: str, **values: Any) -> str:
        return vocabulary.label(key, lang, **values)

    data = _Data(con, department, int(year), document)
    docs = data.q("deck_document")
    if not docs or docs[0]["department"] != department or docs[0]["year"] != int(year):
        raise LookupError(f"no document for {department} {year} in the database")
    doc = docs[0]
    pages = {r["line"]: (r["file"], r["page"]) for r in data.q("source_pages")}

    def sheet(name: str, title: str, columns: list[Col], rows: list[dict[str, Any]]) -> Worksheet:
        rows = [_labelled(r, lang) for r in rows]
        return write_sheet(wb, name, title, *with_pages(columns, rows, pages), lang)

    wb = Workbook()
    index: list[tuple[str, str, str, int]] = []
    wb.active.title = v("sheet.cover")  # reserve the name before the data sheets take theirs
    for t in data.q("source_tables"):
        key, title = t["table_key"], t["title"]
        unit = t["amount_unit"] or "万元"
        name = table_sheet_name(key, doc["layout"])
        kept = any(r["table_key"] == key for r in data.q("workbook_raw_cells"))
        if t["is_empty"] and not kept:  # cells kept as published are shown, whatever the flag
            ws = write_empty_sheet(wb, name, title, t["source_line"], lang)
            index.append((ws.title, title, v("wb.empty"), t["source_line"]))
            continue
        columns, rows = table_sheet(data, key, doc["layout"])
        heading = v("wb.heading_unit", title=title, unit=unit)
        if any(c.key == "level" for c in columns):
            heading += v("wb.heading_levels")
        if any(c.key.startswith("cell") for c in columns):  # a table kept as cells
            heading = v("wb.heading_raw", title=title)
        ws = sheet(name, heading, columns, rows)
        index.append((ws.title, title, v("wb.rows", n=len(rows)), t["source_line"]))
    execution = workbook_execution.execution_rows(con, doc["document"], lang)
    if execution:  # the 预算 and the 决算 of this department-year are both loaded
        cols = [Col(*c) for c in workbook_execution.COLUMNS]
        ws = sheet(
            v(workbook_execution.SHEET),
            v("wb.execution_title", doc=doc["title"]),
            cols,
            execution,
        )
        index.append((ws.title, v("wb.execution"), v("wb.rows", n=len(execution)), None))
    indicators = data.q("workbook_performance_indicators")
    ws = sheet(
        v("sheet.indicators"),
        v("wb.indicators_title", doc=doc["title"]),
        [
            Col("project", "col.project"),
            Col("period", "col.period"),
            Col("level1", "col.level1"),
            Col("level2", "col.level2"),
            Col("name", "col.level3"),
            Col("target_raw", "col.target_raw"),
            Col("target_kind", "col.target_kind"),
            Col("comparator", "col.comparator"),
            Col("target_value", "col.value", "number"),
            Col("target_unit", "col.target_unit"),
            Col("placed", "col.placed"),
            Col("problem", "col.problem"),
            LINE,
        ],
        indicators,
    )
    index.append(
        (ws.title, v("wb.indicators"), v("wb.rows", n=len(indicators)), _first_line(indicators))
    )
    figures = [
        {
            **r,
            "value_amount": r["value"] if r["unit"] == "万元" else None,
            "value_other": None if r["unit"] == "万元" else r["value"],
        }
        for r in data.q("key_figures")
    ]
    ws = sheet(
        v("sheet.key_figures"),
        v("wb.key_figures_title", doc=doc["title"]),
        [
            Col("label", "col.content"),
            Col("value_amount", "col.amount_wan", "amount"),
            Col("value_other", "col.value_other", "number"),
            Col("unit", "col.unit_of_value"),
            Col("sentence", "col.sentence"),
            LINE,
        ],
        figures,
    )
    index.append(
        (ws.title, v("wb.key_figures"), v("wb.rows", n=len(figures)), _first_line(figures))
    )
    checks = [
        {
            **r,
            "status_label": status_label(r["status"], lang),
            "kind_label": kind_label(r["check_kind"], lang),
            "subject": subject_label(r["subject"], lang),
            # the first line of a finding is where to look first; all lines follow as text
            "source_line": int(r["source_lines"].split(",")[0]) if r["source_lines"] else None,
        }
        for r in data.q("check_results")
    ]
    ws = sheet(
        v("sheet.checks"),
        v("wb.checks_title", doc=doc["title"]),
        [
            Col("seq", "col.seq", "int"),
            Col("status_label", "col.status"),
            Col("kind_label", "col.check_kind"),
            Col("subject", "col.subject"),
            Col("expected_value", "col.expected", "amount"),
            Col("actual_value", "col.actual", "amount"),
            Col("difference_value", "col.difference", "amount"),
            Col("tolerance_value", "col.tolerance", "amount"),
            Col("detail", "col.detail"),
            Col("source_lines", "col.involved_lines"),
            LINE,
        ],
        checks,
    )
    index.append((ws.title, v("wb.checks"), v("wb.checks_n", n=len(checks)), _first_line(checks)))
    _cover(wb, doc, index, pdf=bool(pages), lang=lang)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(str(path))
    return wb.sheetnames


def _first_line(rows: list[dict[str, Any]]) -> int | None:
    lines = [r["source_line"] for r in rows if r.get("source_line") is not None]
    return min(lines) if lines else None
