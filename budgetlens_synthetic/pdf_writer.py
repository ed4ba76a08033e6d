"""Drawing synthetic disclosures as PDFs: pages of text lines and ruled tables, in a CJK font.

The published PDFs BudgetLens reads are tables drawn with ruling lines (every cell framed, merged
cells framed once) and text outside them; :mod:`budgetlens.pdf` reads tables by those lines
(pdfplumber's ``lines`` strategy). :class:`Document` lays out such pages — titles, the 编制部门/单位
line, multi-row headers with merged cells, bodies that continue onto the next page — as plain
drawing operations; :func:`Document.render` then writes them with `fpdf2
<https://py-pdf.github.io/fpdf2/>`_ (pure Python, the ``synthetic`` extra).

The font. fpdf2 embeds an OpenType font with PostScript (CFF) outlines, as the Noto CJK fonts
Debian ships (``fonts-noto-cjk``) are, under an encoding CMap of its own that pdfminer (under
pdfplumber) cannot decode: the text would read back as nothing. So :func:`cjk_font` takes the
installed CJK font, keeps only the characters a document uses (fontTools' subsetter) and converts
their outlines to TrueType quadratics (fontTools' cu2qu); fpdf2 embeds that as an Identity-H
TrueType font, which every reader decodes. The converted subset is cached in the temporary
folder (keyed by the font file and the characters), so a run pays the ~2 s conversion once.
Nothing is downloaded; the font is found on the machine (:func:`find_cjk_font`), and the Noto
fonts' SIL Open Font License allows embedding subsets in documents.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

# where Debian (fonts-noto-cjk), Fedora and macOS put a CJK font; $BUDGETLENS_CJK_FONT first
FONT_CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/System/Library/Fonts/PingFang.ttc",
)
_FONT_VERSION = "1"  # bump when the conversion changes, to leave old cached files behind
_CREATED = datetime(2000, 1, 1, tzinfo=UTC)
_AMOUNT = re.compile(r"^-?[\d,]+\.\d+$|^-?\d[\d,]*$")


class FontNotFound(RuntimeError):
    """No CJK font on this machine (install Debian's fonts-noto-cjk, or set
    $BUDGETLENS_CJK_FONT to a .ttf/.otf/.ttc holding simplified Chinese)."""


def find_cjk_font() -> tuple[Path, int]:
    """The CJK font file to draw with and, for a collection (.ttc), the number of its simplified
    Chinese face. Looks at $BUDGETLENS_CJK_FONT, then :data:`FONT_CANDIDATES`, then fontconfig
    (``fc-list :lang=zh-cn``). Raises :class:`FontNotFound` when none exists."""
    candidates = [os.environ.get("BUDGETLENS_CJK_FONT", ""), *FONT_CANDIDATES]
    if not any(c and Path(c).is_file() for c in candidates) and shutil.which("fc-list"):
        try:
            out = subprocess.run(
                ["fc-list", ":lang=zh-cn", "file"],
                capture_output=True,
                text=True,
                timeout=20,
                check=False,
            ).stdout
            candidates += sorted(line.split(":")[0].strip() for line in out.splitlines())
        except (OSError, subprocess.SubprocessError):
            pass
    for c in candidates:
        if c and Path(c).is_file() and Path(c).suffix.lower() in (".ttf", ".otf", ".ttc"):
            return Path(c), _simplified_face(Path(c))
    raise FontNotFound(
        "no CJK font found for the synthetic PDFs: install fonts-noto-cjk "
        "(apt-get install fonts-noto-cjk) or set BUDGETLENS_CJK_FONT to a .ttf/.otf/.ttc"
    )


def _simplified_face(path: Path) -> int:
    """The face of a collection whose name says simplified Chinese (SC, GB), else 0."""
    if path.suffix.lower() != ".ttc":
        return 0
    from fontTools.ttLib import TTCollection

    with TTCollection(str(path), lazy=True) as coll:
        names = [f["name"].getDebugName(4) or "" for f in coll.fonts]
    for k, name in enumerate(names):
        if ("SC" in name.split() or "GB" in name) and "Mono" not in name:
            return k
    return 0


def cjk_font(chars: frozenset[str]) -> Path:
    """A TrueType font file holding ``chars`` (and ASCII), made from the machine's CJK font.

    Cached in ``$TMPDIR/budgetlens-synthetic-fonts/`` by font file and characters; written
    atomically, so processes generating in parallel share it. Raises :class:`FontNotFound`.
    """
    return _cjk_font(frozenset(chars) | frozenset(chr(c) for c in range(32, 127)))


@cache
def _cjk_font(chars: frozenset[str]) -> Path:
    source, face = find_cjk_font()
    stat = source.stat()
    key = hashlib.sha256(
        "\0".join(
            [
                _FONT_VERSION,
                str(source),
                str(face),
                str(stat.st_size),
                str(stat.st_mtime_ns),
                *sorted(chars),
            ]
        ).encode()
    ).hexdigest()[:24]
    folder = Path(tempfile.gettempdir()) / "budgetlens-synthetic-fonts"
    target = folder / f"cjk-{key}.ttf"
    if target.is_file():
        return target
    folder.mkdir(parents=True, exist_ok=True)
    data = _subset_as_truetype(source, face, chars)
    fd, tmp = tempfile.mkstemp(dir=folder, suffix=".part")
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.replace(tmp, target)
    return target


def _subset_as_truetype(source: Path, face: int, chars: frozenset[str]) -> bytes:
    """The glyphs of ``chars`` in ``source`` as a TrueType (glyf) font, CFF outlines converted."""
    import io

    from fontTools import subset
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont, newTable

    font = TTFont(str(source), fontNumber=face)
    options = subset.Options()
    options.desubroutinize = True
    options.hinting = False
    options.layout_features = []
    options.notdef_outline = True
    options.name_IDs = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in chars])
    subsetter.subset(font)
    if "CFF " in font:
        order = font.getGlyphOrder()
        glyphs = font.getGlyphSet()
        glyf = newTable("glyf")
        glyf.glyphOrder = order
        glyf.glyphs = {}
        for name in order:
            pen = TTGlyphPen(glyphs)
            glyphs[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
            glyf[name] = pen.glyph()
        font["loca"] = newTable("loca")
        font["glyf"] = glyf
        del font["CFF "]
        if "VORG" in font:
            del font["VORG"]
        maxp = newTable("maxp")
        maxp.tableVersion = 0x00010000
        for attr in (
            "maxTwilightPoints",
            "maxStorage",
            "maxFunctionDefs",
            "maxInstructionDefs",
            "maxStackElements",
            "maxSizeOfInstructions",
            "maxComponentElements",
        ):
            setattr(maxp, attr, 0)
        maxp.maxZones = 1
        font["maxp"] = maxp
        font["post"].formatType = 3.0
        font["head"].glyphDataFormat = 0
        font.sfntVersion = "\x00\x01\x00\x00"
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


# --- drawing operations -------------------------------------------------------------------------


@dataclass
class Text:
    """Text in the box (x, y, w, h) mm, shrunk to fit its width; ``\\n`` breaks lines."""

    x: float
    y: float
    w: float
    h: float
    text: str
    size: float = 9.0
    align: str = "L"  # L, C or R


@dataclass
class Box:
    """A ruled rectangle (a table cell's frame)."""

    x: float
    y: float
    w: float
    h: float


@dataclass
class Page:
    ops: list[Text | Box] = field(default_factory=list)


@dataclass
class Cell:
    """A header cell at (row, col), spanning ``rows`` × ``cols``."""

    row: int
    col: int
    text: str
    rows: int = 1
    cols: int = 1


# A body row: one entry per column; an entry is text, or (text, columns spanned), or None for a
# column covered by the span before it.
Row = list


class Document:
    """Pages of a synthetic disclosure, laid out top to bottom (A4, landscape by default).

    ``footer`` is printed at the foot of every page (the synthetic label). ``base_chars``: the
    characters the font should hold besides the document's own; documents whose characters all
    lie in it share one converted font (:func:`cjk_font` caches by character set).
    """

    def __init__(
        self, footer: str = "", *, landscape: bool = True, base_chars: frozenset[str] = frozenset()
    ) -> None:
        self.base_chars = base_chars
        self.width, self.height = (297.0, 210.0) if landscape else (210.0, 297.0)
        self.margin = 15.0
        self.footer = footer
        self.pages: list[Page] = []
        self.y = 0.0

    # -- flow --
    @property
    def bottom(self) -> float:
        return self.height - self.margin - 6

    def new_page(self) -> None:
        self.pages.append(Page())
        self.y = self.margin
        if self.footer:
            self._put(
                Text(self.margin, self.height - self.margin, self._inner, 5, self.footer, 7, "C")
            )

    @property
    def _inner(self) -> float:
        return self.width - 2 * self.margin

    def _put(self, op: Text | Box) -> None:
        self.pages[-1].ops.append(op)

    def gap(self, mm: float) -> None:
        self.y += mm

    def line(self, text: str, *, size: float = 10.0, align: str = "L", right: str = "") -> None:
        """A line of text across the page (``right`` at its right end, on the same line)."""
        h = size * 0.3528 * 1.6
        self._put(Text(self.margin, self.y, self._inner, h, text, size, align))
        if right:
            self._put(Text(self.margin, self.y, self._inner, h, right, size, "R"))
        self.y += h

    def table(
        self,
        widths: list[float],
        header: list[Cell],
        body: list[Row],
        *,
        header_rows: int,
        header_height: float = 6.5,
        row_height: float = 6.5,
        size: float = 8.5,
        repeat_header: bool = False,
    ) -> None:
        """A ruled table: the header's cells (with their spans), then the body rows; a body that
        does not fit continues at the top of the next page (with the header again when
        ``repeat_header``). Amount cells are right-aligned, header cells centred."""
        scale = self._inner / sum(widths) if sum(widths) > self._inner else 1.0
        widths = [w * scale for w in widths]
        left = self.margin + (self._inner - sum(widths)) / 2
        xs = [left + sum(widths[:k]) for k in range(len(widths) + 1)]

        def draw_header() -> None:
            for c in header:
                x, w = xs[c.col], xs[c.col + c.cols] - xs[c.col]
                y, h = self.y + c.row * header_height, c.rows * header_height
                self._put(Box(x, y, w, h))
                if c.text:
                    self._put(Text(x, y, w, h, c.text, size, "C"))
            self.y += header_rows * header_height

        if self.y + header_rows * header_height + row_height > self.bottom:
            self.new_page()
        draw_header()
        for row in body:
            if self.y + row_height > self.bottom:
                self.new_page()
                if repeat_header:
                    draw_header()
            col = 0
            for entry in row:
                if entry is None:
                    continue
                text, span = entry if isinstance(entry, tuple) else (entry, 1)
                x, w = xs[col], xs[col + span] - xs[col]
                self._put(Box(x, self.y, w, row_height))
                if text:
                    align = "R" if _AMOUNT.match(text) else ("C" if span > 1 else "L")
                    self._put(Text(x, self.y, w, row_height, text, size, align))
                col += span
            self.y += row_height

    # -- output --
    def chars(self) -> frozenset[str]:
        return frozenset(
            ch for p in self.pages for op in p.ops if isinstance(op, Text) for ch in op.text
        )

    def render(self) -> bytes:
        """The PDF. Raises :class:`FontNotFound` when the machine has no CJK font, and
        RuntimeError when fpdf2 (the ``synthetic`` extra) is not installed."""
        try:
            from fpdf import FPDF
        except ImportError as exc:
            raise RuntimeError(
                "the synthetic PDF layouts need fpdf2: pip install -c constraints.txt "
                "-e '.[synthetic]'"
            ) from exc

        pdf = FPDF(orientation="L" if self.width > self.height else "P", unit="mm", format="A4")
        pdf.set_auto_page_break(False)
        pdf.set_margins(0, 0, 0)
        pdf.set_creator("budgetlens_synthetic")
        pdf.set_title("合成数据 SYNTHETIC DATA")
        pdf.set_creation_date(_CREATED)  # the same document, byte for byte, on every run
        pdf.add_font("cjk", "", str(cjk_font(self.base_chars | self.chars())))
        pdf.set_line_width(0.25)
        for page in self.pages:
            pdf.add_page()
            for op in page.ops:
                if isinstance(op, Box):
                    pdf.rect(op.x, op.y, op.w, op.h)
                else:
                    _draw_text(pdf, op)
        return bytes(pdf.output())


def _draw_text(pdf, op: Text) -> None:
    pad = 1.2
    lines = op.text.split("\n")
    size = op.size
    pdf.set_font("cjk", size=size)
    room = max(op.w - 2 * pad, 1.0)
    widest = max(pdf.get_string_width(line) for line in lines)
    if widest > room:  # shrink to fit, as spreadsheets print a long label
        size = max(4.5, size * room / widest)
        pdf.set_font("cjk", size=size)
    lh = size * 0.3528 * 1.25
    top = op.y + (op.h - lh * len(lines)) / 2
    for k, line in enumerate(lines):
        pdf.set_xy(op.x + pad, top + k * lh)
        pdf.cell(room, lh, line, align=op.align)
