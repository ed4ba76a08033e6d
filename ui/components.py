"""Building blocks shared by the pages: tables with downloads, chart frames, sources, help texts."""

from __future__ import annotations

import contextvars
import io
import re
import zipfile
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import ParamSpec, TypeVar

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from budgetlens import amounts, vocabulary
from ui import data, frame, state
from ui.i18n import t


def table_label(name: str) -> str:
    """A table's name as its download is named, in the UI's language: ``table.<name>`` of the
    translation table; a name made of a known one and a suffix (``project_funds_<project>``)
    gets the label and the suffix; any other name is kept."""
    from ui.i18n import TRANSLATIONS

    if f"table.{name}" in TRANSLATIONS:
        return t(f"table.{name}")
    known = [k.removeprefix("table.") for k in TRANSLATIONS if k.startswith("table.")]
    base = max((k for k in known if name.startswith(k + "_")), key=len, default=None)
    if base is None:
        return name
    return f"{t(f'table.{base}')}-{name.removeprefix(base + '_')}"


# Columns that say where a row comes from or how it is coded: after the names and the amounts,
# so that a phone shows what a row is and how much before anything else.
_TRAILING = (
    "col.code",
    "col.level",
    "col.economic_code",
    "col.source_line",
    "col.source_lines",
    "col.page",
    "col.pages",
    "col.file",
)


def reading_order(df: pd.DataFrame) -> pd.DataFrame:
    """The frame with its code, level and source columns moved to the end (names and amounts
    first), the others in their order."""
    # two keys may share a label (原文行号): each column once
    trailing = [c for c in dict.fromkeys(t(k) for k in _TRAILING) if c in df.columns]
    if not trailing:
        return df
    return df[[c for c in df.columns if c not in trailing] + trailing]


def _slug(name: str) -> str:
    # \w keeps Chinese names readable in file names; everything else becomes "_".
    return re.sub(r"[^\w-]+", "_", name).strip("_") or "table"


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """CSV in UTF-8 with a byte-order mark, so that Excel opens the Chinese text correctly."""
    return df.to_csv(index=False).encode("utf-8-sig")


def _numeric(df: pd.DataFrame) -> pd.DataFrame:
    """Object columns that hold only numbers (and blanks) as numbers, so that a blank amount shows
    as an empty cell rather than the word None."""
    out = df.copy()
    for col in out.columns:
        if pd.api.types.is_string_dtype(out[col].dtype) and out[col].dtype != object:
            out[col] = out[col].fillna("")  # a blank cell, not the word None
            continue
        if out[col].dtype != object:
            continue
        values = pd.to_numeric(out[col], errors="coerce")
        if values.notna().sum() == out[col].notna().sum() and values.notna().any():
            out[col] = values
        else:
            out[col] = out[col].where(out[col].notna(), "")  # a blank cell, not the word None
    return out


def table(
    df: pd.DataFrame,
    name: str,
    *,
    column_config: dict | None = None,
    height: int | str = "auto",
    offered: bool = True,
    row_height: int | None = None,
) -> None:
    """A dataframe; an empty frame shows a plain sentence instead.

    The table is also offered for download with the page's other tables (:func:`page_downloads`),
    under ``name``, unless ``offered`` is False (a page of a longer list, offered whole by
    :func:`offer_later`); each table's own toolbar downloads it as CSV too. ``row_height``
    above 64 px lets the cells' text wrap (Streamlit's rule).
    """
    if df.empty:
        st.info(t("msg.no_rows"))
        return
    df, file_note = with_pages(df)
    df = reading_order(_numeric(df))
    name = table_label(name)
    # a blank cell stays blank (Streamlit would write None in it)
    st.dataframe(
        df,
        hide_index=True,
        column_config=column_config,
        height=height,
        placeholder="",
        row_height=row_height,
    )
    if file_note:  # a document of several PDFs: which one the pages are of
        st.caption(t("src.pages_of_file").format(file=file_note))
    if not offered:
        return
    pending = _SECTION_TABLES.get()
    if pending is not None:  # inside a section: handed to the page when the section returns
        pending.append((name, df))
    else:
        _page_tables().append((name, df))


def offer(df: pd.DataFrame, name: str) -> None:
    """Offer ``df`` with the page's downloads (:func:`page_downloads`) without drawing it: the
    page shows the same rows another way (a scorecard, a list)."""
    if df.empty:
        return
    df, _ = with_pages(df)
    entry = (table_label(name), reading_order(_numeric(df)))
    pending = _SECTION_TABLES.get()
    (pending if pending is not None else _page_tables()).append(entry)


def offer_later(name: str, make: Callable[[], pd.DataFrame]) -> None:
    """Offer the table ``make()`` returns with the page's downloads, made only when a download
    button is clicked (a list of a thousand documents, of which the page shows one page).
    ``make`` runs outside the script run: it must not read the session (pass the language)."""
    entry = (table_label(name), make)
    pending = _SECTION_TABLES.get()
    (pending if pending is not None else _page_tables()).append(entry)  # type: ignore[arg-type]


def _made(df: pd.DataFrame | Callable[[], pd.DataFrame]) -> pd.DataFrame:
    """An offered table: as it is, or made now (:func:`offer_later`)."""
    return df if isinstance(df, pd.DataFrame) else _numeric(df())


def escape_md(text: object) -> str:
    """``text`` for st.markdown: the characters markdown would read as markup escaped."""
    return re.sub(r"([\\`*_\[\]<>#|~$])", r"\\\1", "" if text is None else str(text))


def blanks_blank(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` ready for st.dataframe: number columns as numbers, a blank cell blank (for a table
    drawn by the page itself, e.g. with row selection)."""
    return _numeric(df)


def offer_table(name: str, df: pd.DataFrame) -> None:
    """Offer ``df`` with the page's downloads (:func:`page_downloads`) under ``name``, for a table
    the page draws itself."""
    _page_tables().append((name, _numeric(df)))


def with_pages(df: pd.DataFrame) -> tuple[pd.DataFrame, str | None]:
    """For a document read from PDF: a page column after the line column (原文行号 → 原文页码),
    so that a reader can find every row in the PDF; a column of line lists ('414,415', a check's)
    gets the pages as text. When the document has several files, the table's rows name their
    file if they come from more than one, else the one file is returned as a note for under the
    table. A text document's table is returned as it is, without a note."""
    if not is_pdf():
        return df, None
    line_col = next(
        (c for c in (t("col.source_line"), t("col.source_lines")) if c in df.columns), None
    )
    if line_col is None or t("col.page") in df.columns:
        return df, None
    out = df.copy()
    at = list(out.columns).index(line_col) + 1
    lists = any(isinstance(v, str) for v in out[line_col])  # line lists, e.g. of a check
    lines = [v.split(",") if isinstance(v, str) else [v] for v in out[line_col]]
    files = {file for cell in lines for file, _ in _pages_by_file(cell)}
    several = len(files) > 1  # this table's rows come from more than one file
    note = next(iter(files)) if len(files) == 1 and len(_files()) > 1 else None
    if lists:
        cells = [pages_cell(cell, with_file=several) for cell in lines]
        out.insert(at, t("col.pages"), cells)
        return out, note
    index = data.page_index()
    located = [
        index.get(int(v)) if v is not None and not pd.isna(v) else None for v in out[line_col]
    ]
    pages = [None if w is None else w[1] for w in located]
    out.insert(at, t("col.page"), pd.array(pages, dtype="Int64"))
    if several:
        out.insert(at + 1, t("col.file"), [None if w is None else w[0] for w in located])
    return out, note


# The tables drawn in this run, for the page's download buttons. page_header starts a new list
# on every run (a new list, not cleared in place: the buttons of the previous run keep theirs).
_TABLES = "_budgetlens_page_tables"


def _page_tables() -> list[tuple[str, pd.DataFrame]]:
    tables = st.session_state.get(_TABLES)
    if tables is None:
        tables = st.session_state[_TABLES] = []
    return tables


def _sheet_names(names: Iterable[str]) -> list[str]:
    """Excel sheet names: at most 31 characters, none of ``[]:*?/\\``, all different."""
    out: list[str] = []
    for name in names:
        base = re.sub(r"[\[\]:*?/\\]", "_", name)[:31] or "table"
        candidate, k = base, 2
        while candidate in out:
            suffix = f"~{k}"
            candidate, k = base[: 31 - len(suffix)] + suffix, k + 1
        out.append(candidate)
    return out


def tables_xlsx_bytes(tables: list[tuple[str, pd.DataFrame]]) -> bytes:
    """The tables as one XLSX workbook, a sheet each (named after the table)."""
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="xlsxwriter") as writer:
        for sheet, (_, df) in zip(_sheet_names(n for n, _ in tables), tables, strict=True):
            _made(df).to_excel(writer, index=False, sheet_name=sheet)
    return buf.getvalue()


def tables_csv_zip_bytes(tables: list[tuple[str, pd.DataFrame]], year: int) -> bytes:
    """The tables as a ZIP of CSV files (UTF-8 with a byte-order mark), one per table."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        seen: set[str] = set()
        for name, df in tables:
            file_name, k = f"{_slug(f'{name}-{year}')}.csv", 2
            while file_name in seen:
                file_name, k = f"{_slug(f'{name}-{year}')}-{k}.csv", k + 1
            seen.add(file_name)
            archive.writestr(file_name, to_csv_bytes(_made(df)))
    return buf.getvalue()


def page_downloads(page: str) -> None:
    """Buttons that download every table of this page: one XLSX workbook (a sheet per table)
    and a ZIP of CSV files. Nothing when the page shows no table.

    One pair per page, not per table: each download button is a widget, drawn live on every
    rerun (a section cannot replay it), and ten of them cost as much as replaying the whole
    page (docs/benchmarks.md, "Page cost").
    """
    tables = list(_page_tables())
    if not tables:
        return
    f = state.current()
    base = _slug(f"{t(f'nav.{page}')}-{f.year}")
    row = st.container(horizontal=True, gap="small")
    # The files are made when a button is clicked (a callable), not on every rerun: an XLSX of
    # the reconciliation took longer than the whole page.
    row.download_button(
        t("btn.page_xlsx"),
        lambda: tables_xlsx_bytes(tables),
        file_name=f"{base}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="page_xlsx",
        help=t("help.page_downloads"),
        on_click="ignore",
    )
    row.download_button(
        t("btn.page_csv"),
        lambda: tables_csv_zip_bytes(tables, f.year),
        file_name=f"{base}-csv.zip",
        mime="application/zip",
        key="page_csv",
        help=t("help.page_downloads"),
        on_click="ignore",
    )


# --- sections: what a page draws for a view, drawn once and replayed ----------------------------
# Building Plotly figures and pandas tables cost 5–9× an empty page on every rerun (measured:
# docs/benchmarks.md, "Page cost"), although the output only changes with the view. A section
# is drawn once per view and Streamlit replays its recorded elements afterwards, for every
# session (st.cache_resource replays the elements a cached function drew).

# The tables a section draws, collected while it is drawn and kept with its cached output, so
# that a replayed section still hands its tables to the page's downloads.
_SECTION_TABLES: contextvars.ContextVar[list[tuple[str, pd.DataFrame]] | None] = (
    contextvars.ContextVar("budgetlens_section_tables", default=None)
)

_KEY_TYPES = (str, int, float, bool, type(None))
P = ParamSpec("P")
R = TypeVar("R")


# The key holds the database version, so the TTL only frees memory: a day, so that what
# deploy/warm.py drew at start-up lasts.
@st.cache_resource(max_entries=512, ttl=24 * 3600, show_spinner=False)
def _drawn(
    *, key: str, _fn: Callable[..., object], _args: tuple
) -> tuple[object, tuple[tuple[str, pd.DataFrame], ...]]:
    # ``key`` says everything the output depends on (see section); one string hashes faster
    # than the tuple it is made of. ``_fn`` and ``_args`` (not hashed) draw.
    pending: list[tuple[str, pd.DataFrame]] = []
    token = _SECTION_TABLES.set(pending)
    try:
        value = _fn(*_args)
    finally:
        _SECTION_TABLES.reset(token)
    return value, tuple(pending)


def section(fn: Callable[P, R]) -> Callable[P, R]:
    """Draw ``fn``'s elements once per view and replay them on later reruns, in every session.

    The key is the view (:func:`ui.data.view_key`: database file and version, department, year,
    language), ``fn``'s file, name and code, and its positional arguments, which must be small
    hashable values (a selected code, a project name). So ``fn`` must depend on nothing else:
    no page globals computed at run time, no session state. It must not draw widgets (its
    tables are offered by :func:`page_downloads`, drawn live). Its return value is shared by
    all sessions: treat it as read-only.
    """
    code = fn.__code__
    # hash(code) changes when the function's code does (a page edited while served)
    where = (code.co_filename, fn.__qualname__, hash(code))

    def draw(*args: P.args, **kwargs: P.kwargs) -> R:
        if kwargs or not all(isinstance(a, _KEY_TYPES) for a in args):
            raise TypeError(
                f"section {fn.__qualname__} takes positional str, int, float, bool or None "
                f"arguments only, got {args!r} {kwargs!r}"
            )
        # repr of str, int, bool and None values is exact: equal keys mean equal inputs
        # keyword arguments only: Streamlit looks up the name of a positional one on every call
        value, pending = _drawn(key=repr((where, data.view_key(), args)), _fn=fn, _args=args)
        _page_tables().extend(pending)
        return value  # type: ignore[return-value]

    draw.__doc__ = fn.__doc__
    draw.__name__ = fn.__name__
    draw.__qualname__ = fn.__qualname__
    return draw


def _line_span(lines: Iterable[object]) -> str:
    nums = _line_numbers(lines)
    if not nums:
        return ""
    if len(nums) == 1:
        return str(nums[0])
    return f"{nums[0]}–{nums[-1]}"


def _line_numbers(lines: Iterable[object]) -> list[int]:
    """The distinct line numbers among ``lines`` (blanks, NaN and non-numbers skipped),
    ascending."""
    out: set[int] = set()
    for x in lines:
        try:
            out.add(int(x))  # type: ignore[call-overload]
        except (TypeError, ValueError):
            continue  # None, NaN, '' (a blank cell)
    return sorted(out)


def _runs(pages: Iterable[int], sep: str) -> str:
    """Pages as runs: [9, 10, 11, 13] → '9–11、13' (``sep`` between runs)."""
    ordered = sorted(set(pages))
    runs: list[list[int]] = []
    for page in ordered:
        if runs and page == runs[-1][-1] + 1:
            runs[-1].append(page)
        else:
            runs.append([page])
    return sep.join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)


def _pages_by_file(lines: Iterable[object]) -> list[tuple[str, list[int]]]:
    """The PDF pages the lines were printed on, per file in reading order (empty for a text
    document, or when none of the lines is located)."""
    index = data.page_index()
    by_file: dict[str, list[int]] = {}
    for line in _line_numbers(lines):
        where = index.get(line)
        if where is not None:
            by_file.setdefault(where[0], []).append(where[1])
    return list(by_file.items())


def is_pdf() -> bool:
    """True when the current document was read from PDF files (its sources are pages)."""
    return bool(data.page_index())


def _files() -> set[str]:
    return {file for file, _ in data.page_index().values()}


def page_text(lines: Iterable[object]) -> str:
    """Where the lines were printed, as a source note says it: ``第9页``, ``第12–13页`` (``page 9``,
    ``pages 12–13``), with the file name when the document has several files; '' when the lines
    are not located in a PDF (a text document)."""
    parts = _pages_by_file(lines)
    several = len(_files()) > 1
    texts = []
    for file, pages in parts:
        runs = _runs(pages, t("src.page_sep"))
        plural = len(set(pages)) > 1
        text = t("src.pages" if plural else "src.page").format(pages=runs)
        texts.append(text + (t("src.file").format(file=file) if several else ""))
    return t("src.page_join").join(texts)


def pages_cell(lines: Iterable[object], with_file: bool = False) -> str:
    """The pages of ``lines`` for a table cell: '9–10', or 'file: 5' ``with_file``; '' when not
    located."""
    return "; ".join(
        (f"{file}: " if with_file else "") + _runs(pages, ", ")
        for file, pages in _pages_by_file(lines)
    )


def _containing_table(lines: Iterable[object]) -> dict | None:
    """The standard table whose rows hold the first of ``lines``: the last table whose title
    comes before it (for rows stored under a key that is not a table of their own)."""
    nums = _line_numbers(lines)
    if not nums:
        return None
    before = [r for r in data.dept_records("source_tables") if int(r["source_line"]) <= nums[0]]
    return before[-1] if before else None


def source(table_key: str | None, lines: Iterable[object]) -> str:
    """A source line such as ``来源：<document>，表3（2024年预算支出总表）第200–226行``; for a
    document read from PDF, the page instead of the line: ``…表3（部门支出预算总表）第12–13页``.

    ``table_key`` None means the narrative text (no numbered table). A key that is not a table of
    the document (rows kept under their own key inside another table) is attributed to the table
    that holds the rows.
    """
    f = state.current()
    lines = list(lines)
    where = ""
    if table_key is not None:
        row = _tables_by_key().get(table_key) or _containing_table(lines)
        if row is not None:
            where = t("src.table").format(no=int(row["table_no"]), title=row["title"])
    located = page_text(lines)
    if located:  # a PDF: the page, after the table or the title
        if where:
            return (
                t("src.prefix")
                + f.title
                + t("src.table_and_page").format(table=where, page=located)
            )
        return t("src.prefix") + f.title + t("src.lead") + located
    span = _line_span(lines)
    line_text = t("src.lines").format(lines=span) if span else ""
    if line_text and not where:
        # Narrative text has no table number: separate the line from the title instead.
        line_text = t("src.lead") + line_text.lstrip(", ")
    return t("src.prefix") + f.title + where + line_text


def narrative_source(lines: Iterable[object]) -> str:
    """The source of figures stated in the text: ``说明第466行`` for a text document; for a PDF
    (whose figures come from its tables) the page, ``第9页``. Without the ``来源：`` prefix."""
    located = page_text(lines)
    if located:
        return located
    return t("src.narrative").format(lines=", ".join(str(n) for n in _line_numbers(lines)))


def sources(parts: Iterable[tuple[str | None, Iterable[object]]]) -> str:
    """Several source references in one line: ``来源：<document>，表2…第163行；表3…第201–224行``."""
    texts = [source(key, lines) for key, lines in parts]
    prefix = t("src.prefix") + state.current().title
    rest = [x.removeprefix(prefix).lstrip("，, ") for x in texts]
    return prefix + t("src.lead") + t("src.join").join(rest)


def _tables_by_key() -> dict[str, dict]:
    """The current disclosure's standard tables by key (title, number, is_empty)."""
    return {r["table_key"]: r for r in data.dept_records("source_tables")}


def is_empty_table(table_key: str) -> bool:
    """True when the document prints the table with 本表无数据 (or without figures); False when the
    table is not in the document at all."""
    row = _tables_by_key().get(table_key)
    return row is not None and bool(row["is_empty"])


_CARTESIAN = {"bar", "scatter", "histogram", "box", "heatmap", "waterfall", "funnel"}


def _break_at(piece: str, width: int) -> int:
    """Where to break ``piece`` at most ``width`` characters in: the last place that is not
    inside a number or a Latin word (never 2,0|07.00 or ta|ble), else ``width``."""
    for cut in range(width, 0, -1):
        before, after = piece[cut - 1], piece[cut]
        if not (_word_char(before) and _word_char(after)):
            return cut
    return width


def _word_char(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in ".,%-–")


def _wrap(text: str, width: int = 34) -> list[str]:
    """Break a source line into lines of at most ``width`` characters (CJK text has no spaces):
    after a comma, semicolon, enumeration mark or closing bracket where one falls in the line, so
    that a table title or a page range is not cut in two; elsewhere only when a piece is longer
    than a line."""
    pieces = re.findall(r"[^，；、）,;)]*[，；、）,;)]?", text)
    lines: list[str] = []
    current = ""
    for piece in filter(None, pieces):
        if len(current) + len(piece) > width and current:
            lines.append(current)
            current = ""
        while len(piece) > width:
            cut = _break_at(piece, width)
            lines.append(piece[:cut])
            piece = piece[cut:]
        current += piece
    if current:
        lines.append(current)
    return [line.strip() for line in lines] or [""]


SLIVER_PCT = 1  # a slice under 1 % of a pie is unreadable: such slices are summed as 其他


def without_slivers(labels: list[str], values: list[object]) -> tuple[list[str], list[float]]:
    """A pie's slices with those under :data:`SLIVER_PCT` % of the whole summed as one 其他
    slice (exactly, with Decimal), the others as they are, in order."""
    amounts_ = [amounts.to_decimal(v) or Decimal(0) for v in values]
    whole = sum(amounts_, Decimal(0))
    if whole == 0:
        return list(labels), [float(v) for v in amounts_]
    keep = [
        (lab, v) for lab, v in zip(labels, amounts_, strict=True) if v * 100 >= whole * SLIVER_PCT
    ]
    rest = sum((v for v in amounts_ if v * 100 < whole * SLIVER_PCT), Decimal(0))
    if rest:
        keep.append((t("term.other"), rest))
    return [lab for lab, _ in keep], [float(v) for _, v in keep]


def label_px(text: str, size: float = 12) -> float:
    """Estimated width in pixels of an axis label at ``size`` px: CJK characters a full em,
    others a little under half (measured: “Carried over from last year” is 145 px wide in
    Chromium; a larger estimate moved the source note off the figure's left edge); a label of
    several lines (``<br>``) is as wide as its longest (Plotly's left margin grows to the
    widest label)."""
    return max(
        sum(size if ord(ch) >= 0x2E80 else size * 0.45 for ch in line)
        for line in text.split("<br>")
    )


def axis_label(text: str, latin: int = 24, cjk: int = 10) -> str:
    """A category label for a chart's axis on as many lines (``<br>``) as it needs: Latin words
    on lines of at most ``latin`` characters (never inside a word), Chinese on lines of ``cjk``
    characters, the Chinese of ``Education 教育支出`` on a line of its own. About 120 px wide
    at 12 px, so that a phone keeps room for the bars; the hover shows the same lines."""
    lines: list[str] = []
    for part in re.findall(r"[^\u2e80-\u9fff\uff00-\uffef]+|[\u2e80-\u9fff\uff00-\uffef]+", text):
        part = part.strip()
        if not part:
            continue
        if ord(part[0]) >= 0x2E80:
            lines += [part[i : i + cjk] for i in range(0, len(part), cjk)]
            continue
        current = ""
        for word in part.split():
            if current and len(current) + 1 + len(word) > latin:
                lines.append(current)
                current = word
            else:
                current = f"{current} {word}".strip()
        if current:
            lines.append(current)
    return "<br>".join(lines) or text


def legend_above() -> dict:
    """A legend in one row between a chart's title and its plot, left-aligned: not over the bars
    (Plotly's default, at the right, covers them on a phone)."""
    return {
        "orientation": "h",
        "x": 0,
        "xanchor": "left",
        "y": 1.0,
        "yanchor": "bottom",
    }


def class_name(name: object) -> str:
    """A 功能分类 name in the UI's language: in English the official English name with the
    Chinese beside it, where one exists (budgetlens.vocabulary.class_name)."""
    return vocabulary.class_name(str(name), state.current().lang)


def _prop(obj: object, name: str) -> object:
    """A property of a trace or layout part, given as a plotly object or as a plain dict (unset:
    None)."""
    return obj.get(name) if isinstance(obj, dict) else obj[name]  # type: ignore[index]


def _merge(into: dict, patch: dict) -> None:
    """Merge ``patch`` into the figure dict part ``into``, nested dicts key by key (as plotly's
    ``update_layout`` does)."""
    for k, v in patch.items():
        if isinstance(v, dict) and isinstance(into.get(k), dict):
            _merge(into[k], v)
        else:
            into[k] = v


def chart(
    fig: go.Figure | dict,
    title: str,
    source_text: str,
    *,
    unit: str = "万元",
    key: str,
    selectable: bool = False,
) -> object:
    """Draw a plotly figure with its title (unit included) and its source line.

    ``fig``: a ``go.Figure``, or the same as a plain dict (``{"data": [trace dicts, each with its
    "type"], "layout": {...}}``), which costs a third as much to draw: no plotly object is built
    and updated here, Streamlit validates the dict once. The source is drawn *inside* the figure,
    under the plot, so that the PNG from the chart's camera button carries title, unit and
    source; a chart without axes needs less room for it. ``selectable``: a click on a bar reruns
    the page and the chart's selection (the clicked points) is returned, as Streamlit reports it
    (a widget: not inside a section). Raises ValueError (from plotly) for a dict that is not a
    valid figure.
    """
    spec = fig if isinstance(fig, dict) else None
    traces = spec["data"] if spec is not None else fig.data
    layout = spec.setdefault("layout", {}) if spec is not None else fig.layout
    unit_label = t("unit.wan") if unit == "万元" else unit
    lines = _wrap(source_text)
    has_axes = any(_prop(tr, "type") in _CARTESIAN for tr in traces)
    below_axis = 34 if has_axes else 6
    bars = [tr for tr in traces if _prop(tr, "type") == "bar"]
    # long category labels under a vertical bar chart are drawn slanted and need more room
    longest = max(
        (
            len(str(v))
            for tr in bars
            if _prop(tr, "orientation") != "h"
            for v in (_prop(tr, "x") if _prop(tr, "x") is not None else ())
            if isinstance(v, str)
        ),
        default=0,
    )
    if longest > 5:
        below_axis += 10 * min(longest, 14)
    # horizontal bars: the plot starts right of the category labels, and so would the source,
    # running off the right edge of a narrow screen; move it back under the labels
    labels = max(
        (
            label_px(str(v))
            for tr in bars
            if _prop(tr, "orientation") == "h"
            for v in (_prop(tr, "y") if _prop(tr, "y") is not None else ())
        ),
        default=0,
    )
    source = {
        "text": "<br>".join(lines),
        "xref": "paper",
        "yref": "paper",
        "x": 0,
        "y": 0,
        "xanchor": "left",
        "yanchor": "top",
        "yshift": -below_axis,
        "xshift": -min(labels + 8, 200) if labels else 0,
        "showarrow": False,
        "align": "left",
        "font": {"size": 11, "color": "#555"},
    }
    # "资金流向：收入来源 → 功能分类 → 基本/项目" runs off a phone's width as one line: what follows
    # the colon becomes the subtitle, under a short title that carries the unit
    head, colon, tail = title.partition("：" if "：" in title else ": ")
    heading: dict[str, object] = {
        "text": t("chart.with_unit").format(title=head, unit=unit_label) if unit_label else head
    }
    if colon and tail:
        heading["subtitle"] = {"text": tail}
    # a legend above the plot (legend_above) needs room under the title: two rows, as on a
    # phone, where the plot (and the legend) start right of the bars' names
    legend = _prop(layout, "legend") or {}
    above = (
        _prop(layout, "showlegend") is not False
        and _prop(legend, "orientation") == "h"
        and _prop(legend, "y") == 1
    )
    patch: dict[str, object] = {
        "annotations": [*(_prop(layout, "annotations") or ()), source],
        "title": heading,
        "margin": {
            "l": 10,
            "r": 10,
            "t": (70 if colon and tail else 50) + (46 if above else 0),
            "b": below_axis + 16 * len(lines) + 8,
        },
        "font": {"family": "Noto Sans CJK SC, Microsoft YaHei, sans-serif"},
    }
    # the value axis of horizontal bars keeps its few ticks level on a phone
    if labels:
        patch["xaxis"] = {"tickangle": 0, "nticks": 4}
    # bar labels read horizontally, whatever room the bar leaves
    if spec is not None:
        for tr in bars:
            tr["textangle"] = 0
        _merge(layout, patch)
    else:
        if bars:
            fig.update_traces(textangle=0, selector={"type": "bar"})
        fig.update_layout(patch)
    config = {
        "displaylogo": False,
        # the camera alone: a full mode bar covers the title on a phone
        "modeBarButtonsToRemove": [
            "zoom2d",
            "pan2d",
            "select2d",
            "lasso2d",
            "zoomIn2d",
            "zoomOut2d",
            "autoScale2d",
            "resetScale2d",
            "hoverClosestCartesian",
            "hoverCompareCartesian",
            "toggleSpikelines",
            "hoverClosestPie",
        ],
        "toImageButtonOptions": {"format": "png", "filename": key, "scale": 2},
    }
    if selectable:
        return st.plotly_chart(
            fig, key=key, config=config, on_select="rerun", selection_mode="points"
        )
    return st.plotly_chart(fig, key=key, config=config)


PHONE_PX = 640  # at most this wide, a screen is laid out for a phone


def wide_or_phone(key: str) -> tuple[DeltaGenerator, DeltaGenerator]:
    """Two places: the first shown on a screen wider than :data:`PHONE_PX`, the second only on
    a phone — for a chart a phone cannot show readably (a sankey) and a table that says the
    same. A CSS media query on the two keyed containers, as the other phone layouts do."""
    st.html(
        f"<style>@media (max-width: {PHONE_PX}px) {{ .st-key-{key}_wide {{ display: none; }} }}"
        f" @media (min-width: {PHONE_PX + 1}px) {{ .st-key-{key}_phone {{ display: none; }} }}"
        "</style>"
    )
    return st.container(key=f"{key}_wide"), st.container(key=f"{key}_phone")


def metric_row(n: int) -> list[DeltaGenerator]:
    """``n`` places side by side for metrics, used like ``st.columns(n)`` but filled in order;
    on a narrow screen they wrap onto more lines. One horizontal container, where st.columns
    sends a row and a block per column: fewer elements to send on every rerun."""
    row = st.container(horizontal=True, gap="small")
    return [row] * n


def glossary_help(term: str) -> str | None:
    """The glossary definition of ``term`` for the current disclosure (quotes ignored), or None."""

    def bare(text: object) -> str:
        return str(text).replace("“", "").replace("”", "").replace('"', "")

    # called for many labels on every rerun: a lookup in the shared rows, not a DataFrame scan
    row = next((r for r in data.dept_records("glossary") if bare(r["term"]) == bare(term)), None)
    return None if row is None else str(row["definition"])


def money_column(label: str, term: str | None = None) -> object:
    """A 万元 column: thousands separators, two decimals, and the glossary definition of ``term``
    as its header tooltip when the disclosure defines it."""
    return st.column_config.NumberColumn(
        label, format="%,.2f", help=glossary_help(term) if term else None
    )


def key_figures() -> dict[str, dict]:
    """The key figures of the current disclosure, by key (shared rows: read-only)."""
    return {str(r["key"]): r for r in data.dept_records("key_figures")}


def page_header(title_key: str, *, show: bool = True, document: bool = True) -> None:
    """Make sure the sidebar exists (see ui.frame), then show the page title and the document.

    ``show=False``: neither, for a page that fills the screen, such as the presenter's;
    ``document=False``: a page over many documents (catalogue, comparison, trends) names none.
    Starts this run's list of tables for :func:`page_downloads`."""
    st.session_state[_TABLES] = []
    frame.sidebar(with_document=document)
    if show:
        st.title(t(title_key))
        if document:
            st.caption(state.current().title)


# Streamlit's own chrome around a slide: the header's menu and toolbar, the page's top padding,
# the element toolbars and chart mode bars. The presenter page hides them, so that the room sees
# the slide alone; the header stays, transparent, for its one button that opens the sidebar.
FULL_SCREEN_CSS = """
<style>
[data-testid="stToolbar"], [data-testid="stElementToolbar"], [data-testid="stDecoration"],
.modebar-container { display: none !important; }
[data-testid="stHeader"] { background: transparent !important; }
[data-testid="stMainBlockContainer"], .block-container {
    padding-top: 0.75rem !important; padding-bottom: 1rem !important; max-width: 100% !important;
}
</style>
"""


def full_screen() -> None:
    """Hide Streamlit's chrome (menu, toolbars, mode bars) and the page's top padding."""
    st.markdown(FULL_SCREEN_CSS, unsafe_allow_html=True)
