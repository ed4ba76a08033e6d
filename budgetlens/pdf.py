"""A published PDF as reading-order items: text lines and ruled tables (grids), page by page.

Tables are read from their ruling lines (pdfplumber's ``lines`` strategy), which keeps every
number exactly as printed, including tables drawn with rectangles and two tables on one page.
Text outside the tables is read line by line. Merged cells come back as ``None`` in a grid row,
a printed empty cell as ``""``: the readers tell them apart (a label spanning several columns
leaves ``None`` behind it).

Known oddities of published PDFs handled here:

- fake-bold fonts double every CJK character (``dedupe_chars``);
- the outer frame of a table sometimes becomes one cell holding the title, the department and
  the unit line: such a cell is turned back into text lines before its grid;
- a page may repeat the text of the previous page behind it (hidden text): such a repetition is
  dropped, and the page keeps only what it adds;
- pages rotated by 90° are read in their displayed orientation.

Nothing here knows about budgets: :mod:`budgetlens.layout` decides what the items mean.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from budgetlens.errors import IngestError

_TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
# pdfminer logs what it repairs in a damaged file as warnings; with no logging set up Python would
# print them on stderr before the one sentence that says the file is damaged. An application that
# configures logging still gets them.
logging.getLogger("pdfminer").addHandler(logging.NullHandler())
_SPACES = re.compile(r"[ \t\u3000]+")


@dataclass
class TextItem:
    """A line of text outside the tables."""

    page: int
    top: float
    text: str


@dataclass
class GridItem:
    """A ruled table as rows of cells (``None`` for the covered part of a merged cell)."""

    page: int
    top: float
    rows: list[list[str | None]]


@dataclass
class PdfFile:
    """One PDF file read into items, in reading order."""

    path: str
    sha256: str
    page_count: int
    items: list[TextItem | GridItem] = field(default_factory=list)


def clean_cell(text: str | None) -> str | None:
    """A cell's text on one line: line breaks inside a cell are wrapping, not content.

    Chinese text is joined without a space; a break between two Latin letters or digits keeps one.
    """
    if text is None:
        return None
    parts = [p.strip() for p in text.split("\n")]
    out = ""
    for p in parts:
        if not p:
            continue
        if out and out[-1].isascii() and out[-1].isalnum() and p[0].isascii() and p[0].isalpha():
            out += " "
        out += p
    return _SPACES.sub(" ", out).strip()


def _open(path: Path):
    import pdfplumber  # imported here: reading .txt documents does not need it
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        pdf = pdfplumber.open(path)
        _ = pdf.pages  # forces the page tree: corrupt files fail here
    except (PdfminerException, PDFSyntaxError, PDFPasswordIncorrect) as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, PDFPasswordIncorrect) or "password" in repr(cause).lower():
            raise IngestError(
                str(path), "a PDF that opens without a password", found="an encrypted PDF"
            ) from exc
        raise IngestError(str(path), "a readable PDF", found=_damaged(cause)) from exc
    except Exception as exc:  # pdfminer raises many kinds on broken input
        raise IngestError(str(path), "a readable PDF", found=_damaged(exc)) from exc
    return pdf


def _damaged(cause: object) -> str:
    detail = f"{type(cause).__name__}: {cause}" if isinstance(cause, BaseException) else cause
    return f"a damaged file ({detail})"


class _Positions(list):
    """The page's chars, with ``index`` by identity in constant time: pdfplumber's
    ``dedupe_chars`` puts the chars it keeps back in page order with ``sorted(kept,
    key=chars.index)``, a linear search comparing dicts for every char — quadratic, and a third of
    the time of reading a table page. Same order (equal dicts are interchangeable)."""

    def __init__(self, chars: list[dict]) -> None:
        super().__init__(chars)
        self._at = {id(c): k for k, c in enumerate(chars)}

    def index(self, char, *_args) -> int:  # type: ignore[override]
        return self._at[id(char)]


def _dedupe_chars(page):
    """``page.dedupe_chars()`` (fake-bold fonts print every character twice), in n log n."""
    from pdfplumber.page import FilteredPage
    from pdfplumber.utils import dedupe_chars

    deduped = FilteredPage(page, lambda _obj: True)
    deduped._objects = {kind: objs for kind, objs in page.objects.items()}
    deduped._objects["char"] = dedupe_chars(_Positions(page.chars))
    return deduped


def _inside(word: dict, boxes: list[tuple[float, float, float, float]]) -> bool:
    cx = (word["x0"] + word["x1"]) / 2
    cy = (word["top"] + word["bottom"]) / 2
    return any(
        x0 - 1 <= cx <= x1 + 1 and top - 1 <= cy <= bottom + 1 for x0, top, x1, bottom in boxes
    )


def _text_lines(page, boxes) -> list[tuple[float, str]]:
    """Lines of words outside the table boxes, top to bottom, words joined left to right."""
    words = [
        w
        for w in page.extract_words(keep_blank_chars=False, use_text_flow=False, x_tolerance=1.5)
        if not _inside(w, boxes)
    ]
    words.sort(key=lambda w: (round(w["top"]), w["x0"]))
    lines: list[list[dict]] = []
    for w in words:
        if lines and abs(lines[-1][0]["top"] - w["top"]) <= 3:
            lines[-1].append(w)
        else:
            lines.append([w])
    out = []
    for ws in lines:
        ws.sort(key=lambda w: w["x0"])
        text = ""
        for a, b in zip([None, *ws[:-1]], ws, strict=True):
            gap = 0 if a is None else b["x0"] - a["x1"]
            text += (" " if a is not None and gap > 4 else "") + b["text"]
        out.append((ws[0]["top"], text.strip()))
    return out


_NUMBER = re.compile(r"^-?[\d,]+(?:\.\d+)?$")
_LEAD = re.compile(r"^(?:编制(?:部门|单位)|部门|单位|预算单位)[:：]")


def _frame_lines(rows: list[list[str | None]]) -> tuple[list[str], list[list[str | None]]]:
    """Split off leading rows that are the table's frame rather than its content.

    The outer frame sometimes becomes one cell holding the title, 公开表N, 部门 and 单位 lines, or
    rows of one cell (the title) and rows holding only 编制部门/单位 lines: they are returned as
    text lines and the grid keeps the rest. A row whose every cell is drawn (none merged away)
    with one label in it is content, not frame: the top of a table continued on a page, a 类
    without an amount (江苏 2017's 收支预算总表, p8) or the rest of a label wrapped at the page
    break.
    """
    lines: list[str] = []
    k = 0
    while k < len(rows) - 1:
        filled = [c for c in rows[k] if c and c.strip()]
        if not filled:
            k += 1
            continue
        if (
            len(filled) == 1
            and len(rows[k]) >= 3  # not a one-column box of text (a 名词解释 drawn in a frame)
            and None not in rows[k]
            and not filled[0].strip().endswith("表")
            and not _LEAD.match(filled[0].strip())
        ):
            break  # a label in a row of drawn cells: a table's content (continued on this page)
        if len(filled) == 1 or all(_LEAD.match(c.strip()) for c in filled):
            lines.extend(ln.strip() for c in filled for ln in c.split("\n") if ln.strip())
            k += 1
            continue
        if _LEAD.match(filled[0].strip()) and not any(_NUMBER.match(c.strip()) for c in filled):
            # 部门： | 江苏省… | 单位：万元 drawn as cells: one line, as it reads
            lines.append(" ".join(c.strip() for c in filled))
            k += 1
            continue
        break
    return lines, rows[k:]


def _split_at_titles(rows: list[list[str | None]]) -> list[list[list[str | None]]]:
    """A grid cut before every row that holds nothing but a title (one cell ending in 表),
    where a page's tables were drawn inside one outer frame."""
    parts: list[list[list[str | None]]] = [[]]
    for k, row in enumerate(rows):
        filled = [c.strip() for c in row if c and c.strip()]
        is_title = len(filled) == 1 and "\n" not in filled[0] and filled[0].endswith("表")
        if is_title and k > 0 and any(parts[-1]):
            parts.append([])
        parts[-1].append(row)
    return [p for p in parts if p]


def _continued_cells(page, table) -> list[list[str | None]]:
    """``table.extract()``, with the text of merged cells continued from the previous page.

    A merged cell that crosses a page break is closed by no ruled line at the break: pdfplumber
    forms no cell for it on the next page, and the table's first rows get None in that column
    although the page prints the cell's text there, sometimes starting above the table's first
    ruled line (北京's 项目支出绩效目标表 prints a project's code, name and amounts, merged over
    its indicator rows, again at the top of the next page; the project was lost). For each
    column whose first rows have no cell and meet no other cell (not a cell merged from the
    left), the words printed in that region, with the lines right above the table in the
    same column, are put in the table's first row, as a merged cell's text is on a single page;
    a region without words stays None.
    """
    rows = table.extract()
    cells = [c for r in table.rows for c in r.cells if c is not None]
    if not rows or not cells or len(rows) != len(table.rows):
        return rows
    xs = sorted({c[0] for c in cells} | {max(c[2] for c in cells)})
    top = table.bbox[1]

    def covered(x0: float, y0: float, x1: float, y1: float) -> bool:
        """Whether any cell overlaps the box (a cell merged from the left or from above)."""
        return any(
            min(x1, c[2]) - max(x0, c[0]) > 1 and min(y1, c[3]) - max(y0, c[1]) > 1 for c in cells
        )

    page_words = None
    for j in range(min(len(rows[0]), len(xs) - 1)):
        k = 0
        while k < len(table.rows) and table.rows[k].cells[j] is None:
            k += 1
        if k == 0 or k == len(table.rows):
            continue  # a cell at the top, or no cell in the column at all
        x0, x1 = xs[j], xs[j + 1]
        below = table.rows[k].bbox[1]
        if below - top < 1 or covered(x0, top, x1, below):
            continue
        # the page's words wholly inside the column (not a title running across it)
        if page_words is None:
            page_words = page.extract_words()
        words = [
            w
            for w in page_words
            if w["x0"] >= x0 - 1 and w["x1"] <= x1 + 1 and w["bottom"] <= below + 1
        ]
        # inside the table, and the lines right above it (each within a line's gap of the next)
        kept = [w for w in words if w["top"] >= top - 1]
        edge = min((w["top"] for w in kept), default=top)
        for w in sorted((w for w in words if w["top"] < top - 1), key=lambda w: -w["bottom"]):
            if edge - w["bottom"] > 0.8 * (w["bottom"] - w["top"]):
                break
            kept.append(w)
            edge = min(edge, w["top"])
        if kept:
            crop = (x0, min(w["top"] for w in kept) - 0.5, x1, below)
            text = page.crop(crop, strict=False).extract_text()
            if text and text.strip():
                rows[0][j] = text
    return rows


def read(path: str | Path) -> PdfFile:
    """Read a PDF into text lines and grids, page by page.

    Raises IngestError when the file cannot be opened (encrypted, damaged, not a PDF) or has no
    text layer at all (a scanned document: it would need OCR, which BudgetLens does not do).
    """
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise IngestError(str(path), "a readable file", found=str(exc)) from exc
    if not data.startswith(b"%PDF"):
        raise IngestError(str(path), "a PDF file", found=repr(data[:16]))
    out = PdfFile(str(path), hashlib.sha256(data).hexdigest(), 0)
    pdf = _open(p)
    chars = 0
    previous_text: list[str] = []
    with pdf:
        out.page_count = len(pdf.pages)
        for number, page in enumerate(pdf.pages, start=1):
            try:
                page = _dedupe_chars(page)
                chars += len(page.chars)
                tables = page.find_tables(_TABLE_SETTINGS)
                boxes = [t.bbox for t in tables]
                items: list[TextItem | GridItem] = []
                for top, text in _text_lines(page, boxes):
                    items.append(TextItem(number, top, text))
                for t in tables:
                    # one ruled frame around several tables: a part per title row
                    for n, part in enumerate(_split_at_titles(_continued_cells(page, t))):
                        top = t.bbox[1] + n * 0.01
                        frame, rows = _frame_lines(part)
                        for k, line in enumerate(frame):
                            items.append(TextItem(number, top + k * 0.0001, line))
                        cleaned = [[clean_cell(c) for c in r] for r in rows]
                        cleaned = [r for r in cleaned if any(c for c in r)]
                        if cleaned:
                            items.append(GridItem(number, top + 0.005, cleaned))
            except IngestError:
                raise
            except Exception as exc:
                raise IngestError(
                    str(path), f"a readable page {number}", found=f"{type(exc).__name__}: {exc}"
                ) from exc
            items.sort(key=lambda it: it.top)
            texts = [it.text for it in items if isinstance(it, TextItem)]
            if not any(isinstance(it, GridItem) for it in items) and _repeats(previous_text, texts):
                # hidden text: the page starts with what the previous page said
                items = [
                    it
                    for it in items
                    if not isinstance(it, TextItem) or it.text not in set(previous_text)
                ]
            previous_text = texts
            out.items.extend(items)
    if chars == 0:
        raise IngestError(
            str(path),
            "a PDF with a text layer (BudgetLens does not read scanned pages)",
            found=f"{out.page_count} page(s) of images without text",
        )
    return out


def _repeats(previous: list[str], current: list[str]) -> bool:
    """True when a page begins with the first lines of the previous page (hidden repeated text)."""
    n = min(3, len(previous))
    return n > 0 and len(current) >= n and current[:n] == previous[:n]
