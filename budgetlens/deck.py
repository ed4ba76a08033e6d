"""The PPTX deck of a department-year: :mod:`budgetlens.storyline` drawn with python-pptx.

Charts are native PowerPoint charts (data embedded, editable in PowerPoint), tables are native
tables, and every run of text — chart text included — carries 微软雅黑 as its East Asian font,
so Chinese renders in the intended face instead of a fallback. The slide is PowerPoint's
widescreen size, exactly 12,192,000 × 6,858,000 EMU (13.333 × 7.5 in). Every slide's title is
the title placeholder of its layout (Title Slide, Title Only), so PowerPoint's outline and screen
readers see it, with the unit in it; the source line is a footer. Chart text (category and
value labels) is horizontal.

Nothing is measured by a renderer here: text sizes and table row heights are chosen from a
conservative estimate of text width (a CJK character is one em wide, Latin about half) so that
nothing runs off the slide. ``tools/render_deck.sh`` renders a deck to PNG for a visual check.
"""

from __future__ import annotations

import math
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
from lxml import etree
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.text.text import Font
from pptx.util import Emu, Inches, Pt

from budgetlens.storyline import Chart, Slide, fmt_amount, slides

FONT_LATIN = "Microsoft YaHei"
FONT_EA = "微软雅黑"  # the East Asian typeface (a:ea) set on every run

SLIDE_W, SLIDE_H = Emu(12_192_000), Emu(6_858_000)  # PowerPoint's widescreen 16:9
LAYOUT_TITLE, LAYOUT_TITLE_ONLY = 0, 5  # of python-pptx's default template
MARGIN = Inches(0.5)
CONTENT_W = SLIDE_W - 2 * MARGIN
BODY_TOP = Inches(1.4)
FOOTER_TOP = Inches(6.85)
FOOTER_H = Inches(0.45)
CHART_W = Inches(8.3)
TEXT_LEFT = MARGIN + CHART_W + Inches(0.3)
TEXT_W = SLIDE_W - MARGIN - TEXT_LEFT

INK = RGBColor(0x1F, 0x2A, 0x44)
ACCENT = RGBColor(0x1F, 0x5F, 0xA8)
MUTED = RGBColor(0x60, 0x66, 0x70)
TILE = RGBColor(0xEE, 0xF3, 0xF9)
HEADER_FILL = RGBColor(0x1F, 0x5F, 0xA8)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)

CHART_TYPES = {
    "bar": XL_CHART_TYPE.BAR_CLUSTERED,
    "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "pie": XL_CHART_TYPE.PIE,
    "doughnut": XL_CHART_TYPE.DOUGHNUT,
}


# --- text ---------------------------------------------------------------------------------------


def set_east_asian(font: Font, typeface: str = FONT_EA) -> None:
    """Set the East Asian typeface (``a:ea``) of a python-pptx Font, which has no API for it.

    ``a:ea`` must follow ``a:latin`` in the schema, so the Latin name is set first (it creates
    ``a:latin``) and ``a:ea`` is placed right after it.
    """
    if font.name is None:
        font.name = FONT_LATIN
    rPr = font._rPr  # python-pptx keeps the element here; no public API
    ea = rPr.find(qn("a:ea"))
    if ea is None:
        ea = etree.SubElement(rPr, qn("a:ea"))
        rPr.find(qn("a:latin")).addnext(ea)
    ea.set("typeface", typeface)


def style_font(
    font: Font, size: float, *, bold: bool = False, color: RGBColor | None = INK
) -> None:
    """Size, weight, colour, Latin and East Asian typeface of one run or default run."""
    font.size = Pt(size)
    font.bold = bold
    font.name = FONT_LATIN
    if color is not None:
        font.color.rgb = color
    set_east_asian(font)


def add_text(
    slide: Any,
    left: int,
    top: int,
    width: int,
    height: int,
    paragraphs: list[str],
    size: float,
    *,
    name: str,
    color: RGBColor = INK,
    align: PP_ALIGN = PP_ALIGN.LEFT,
    anchor: MSO_ANCHOR = MSO_ANCHOR.TOP,
    space_after: float = 0,
) -> Any:
    """A word-wrapped text box with one paragraph per string; every run styled."""
    box = slide.shapes.add_textbox(left, top, width, height)
    box.name = name
    tf = box.text_frame
    tf.word_wrap = True
    tf.vertical_anchor = anchor
    tf.margin_left = tf.margin_right = Inches(0.05)
    for i, text in enumerate(paragraphs):
        p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
        p.alignment = align
        if space_after:
            p.space_after = Pt(space_after)
        run = p.add_run()
        run.text = text
        style_font(run.font, size, color=color)
    return box


def text_width_em(text: str) -> float:
    """Estimated width of ``text`` in ems: CJK and full-width characters 1, others 0.6."""
    return sum(1.0 if ord(ch) >= 0x2E80 else 0.6 for ch in text)


def lines_needed(text: str, width_in: float, size_pt: float) -> int:
    """How many lines ``text`` takes in a box ``width_in`` inches wide at ``size_pt`` points."""
    per_line = max(width_in * 72 / size_pt, 1.0)
    return max(1, math.ceil(text_width_em(text) / per_line))


def fit_size(
    texts: list[str], width_in: float, height_in: float, sizes: tuple[float, ...]
) -> float:
    """The largest of ``sizes`` at which the paragraphs fit the box (line height 1.3, gaps)."""
    for size in sizes:
        lines = sum(lines_needed(t, width_in, size) for t in texts)
        needed = lines * size * 1.3 / 72 + len(texts) * 10 / 72
        if needed <= height_in:
            return size
    return sizes[-1]


# --- slide parts --------------------------------------------------------------------------------


def _title_placeholder(
    slide: Any,
    text: str,
    left: int,
    top: int,
    width: int,
    height: int,
    size: float,
    *,
    color: RGBColor = INK,
    anchor: MSO_ANCHOR = MSO_ANCHOR.MIDDLE,
) -> Any:
    """Fill the slide's title placeholder (moved to the given box) with ``text``, styled."""
    title = slide.shapes.title
    title.left, title.top, title.width, title.height = left, top, width, height
    title.name = "Title"
    tf = title.text_frame
    tf.clear()
    tf.word_wrap = True
    tf.vertical_anchor = anchor
    tf.margin_left = tf.margin_right = Inches(0.05)
    p = tf.paragraphs[0]
    p.alignment = PP_ALIGN.LEFT
    run = p.add_run()
    run.text = text
    style_font(run.font, size, bold=True, color=color)
    return title


def _frame(prs: Any, s: Slide) -> Any:
    """A slide with its title in the layout's title placeholder (with the unit), an accent rule
    and the source footer."""
    if s.key == "title":
        return prs.slides.add_slide(prs.slide_layouts[LAYOUT_TITLE])
    slide = prs.slides.add_slide(prs.slide_layouts[LAYOUT_TITLE_ONLY])
    title_size = fit_size([s.heading], CONTENT_W / 914400, 0.85, (30, 26, 22))
    _title_placeholder(slide, s.heading, MARGIN, Inches(0.3), CONTENT_W, Inches(0.85), title_size)
    rule = slide.shapes.add_shape(
        MSO_SHAPE.RECTANGLE, MARGIN, Inches(1.18), CONTENT_W, Inches(0.05)
    )
    rule.name = "Rule"
    rule.fill.solid()
    rule.fill.fore_color.rgb = ACCENT
    rule.line.fill.background()
    _footer(slide, s)
    return slide


def _footer(slide: Any, s: Slide) -> None:
    footer_size = fit_size([s.source], CONTENT_W / 914400, 0.45, (12, 11, 10, 9))
    add_text(
        slide,
        MARGIN,
        FOOTER_TOP,
        CONTENT_W,
        FOOTER_H,
        [s.source],
        footer_size,
        name="Source",
        color=MUTED,
        anchor=MSO_ANCHOR.MIDDLE,
    )


def _sentences(slide: Any, s: Slide, left: int, top: int, width: int, height: int) -> None:
    if not s.sentences:
        return
    size = fit_size(s.sentences, width / 914400, height / 914400, (18, 16, 14, 12))
    add_text(
        slide,
        left,
        top,
        width,
        height,
        s.sentences,
        size,
        name="Sentences",
        space_after=10,
    )


def _title_slide(slide: Any, s: Slide) -> None:
    """The title slide: the document's title and subtitle in the layout's placeholders."""
    title_size = fit_size([s.title], 11.7, 1.4, (40, 36, 32, 28))
    _title_placeholder(
        slide,
        s.title,
        Inches(0.8),
        Inches(1.9),
        Inches(11.73),
        Inches(1.4),
        title_size,
        color=ACCENT,
        anchor=MSO_ANCHOR.BOTTOM,
    )
    # the layout's subtitle placeholder (idx 1)
    subtitle = next((ph for ph in slide.placeholders if ph.placeholder_format.idx == 1), None)
    if subtitle is not None:
        subtitle.left, subtitle.top = Inches(0.8), Inches(3.4)
        subtitle.width, subtitle.height = Inches(11.73), Inches(0.6)
        subtitle.name = "Subtitle"
        tf = subtitle.text_frame
        tf.clear()
        tf.word_wrap = True
        p = tf.paragraphs[0]
        p.alignment = PP_ALIGN.LEFT
        run = p.add_run()
        run.text = s.subtitle
        style_font(run.font, 20)
    _sentences(slide, s, Inches(0.8), Inches(4.4), Inches(11.73), Inches(2.2))
    _footer(slide, s)


def _figures(slide: Any, chart: Chart) -> None:
    """Headline figures as tiles, up to three to a row (fewer figures, wider tiles)."""
    cols = max(1, min(3, len(chart.figures)))
    gap = Inches(0.2)
    tile_w = int((CHART_W - gap * (cols - 1)) / cols)
    rows = max(1, math.ceil(len(chart.figures) / cols))
    # at most 2.5 in high: one row of tiles is not a wall
    tile_h = min(int((Inches(5.2) - gap * (rows - 1)) / rows), int(Inches(2.5)))
    for i, f in enumerate(chart.figures):
        left = MARGIN + (i % cols) * (tile_w + gap)
        top = BODY_TOP + (i // cols) * (tile_h + gap)
        tile = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, left, top, tile_w, tile_h)
        tile.name = f"Figure {i + 1}"
        tile.fill.solid()
        tile.fill.fore_color.rgb = TILE
        tile.line.fill.background()
        tf = tile.text_frame
        tf.word_wrap = True
        tf.vertical_anchor = MSO_ANCHOR.MIDDLE
        value = fmt_amount(f.value)
        # the figure on one line: a long amount gets a smaller size (digits ~0.6 em wide)
        # bold digits of a fallback face are ~0.75 em wide; the frame keeps 0.1 in each side
        width_pt = (tile_w - 2 * Inches(0.2)) / 12700
        size = min(30.0, max(14.0, width_pt / (0.75 * max(len(value), 1))))
        parts = (
            (f.label, 16, False, MUTED),
            (value, size, True, ACCENT),
            (f.unit, 14, False, MUTED),
        )
        for k, (text, size, bold, color) in enumerate(parts):
            p = tf.paragraphs[0] if k == 0 else tf.add_paragraph()
            p.alignment = PP_ALIGN.CENTER
            run = p.add_run()
            run.text = text
            style_font(run.font, size, bold=bold, color=color)


def horizontal(text_owner: Any) -> None:
    """Make a chart text element's labels horizontal: ``<a:bodyPr rot="0" vert="horz"/>`` in its
    ``c:txPr`` (PowerPoint otherwise turns long category labels on their side)."""
    txPr = text_owner._element.find(qn("c:txPr"))
    if txPr is None:
        return
    body = txPr.find(qn("a:bodyPr"))
    if body is None:
        body = etree.SubElement(txPr, qn("a:bodyPr"))
        txPr.insert(0, body)
    body.set("rot", "0")
    body.set("vert", "horz")


def _chart(slide: Any, chart: Chart) -> Any:
    """A native chart with embedded data; values go in as floats (what the XML stores)."""
    data = CategoryChartData(number_format=chart.number_format)
    data.categories = list(chart.categories)
    for series in chart.series:
        data.add_series(series.name, [None if v is None else float(v) for v in series.values])
    frame = slide.shapes.add_chart(
        CHART_TYPES[chart.kind], MARGIN, BODY_TOP, CHART_W, Inches(5.3), data
    )
    frame.name = "Chart"
    ch = frame.chart
    style_font(ch.font, 14)
    ch.has_title = False
    multi = len(chart.series) > 1
    plot = ch.plots[0]
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.number_format = chart.number_format
    labels.number_format_is_linked = False
    style_font(labels.font, 13)
    horizontal(labels)
    if chart.kind in ("pie", "doughnut"):
        ch.has_legend = True
        ch.legend.position = XL_LEGEND_POSITION.BOTTOM
        ch.legend.include_in_layout = False
        style_font(ch.legend.font, 14)
        # percentages only: one number format cannot serve both amounts and shares, and the
        # amounts are in the sentences next to the chart
        labels.show_value = False
        labels.show_percentage = True
        labels.number_format = "0.00%"
        if chart.kind == "pie":
            labels.position = XL_LABEL_POSITION.BEST_FIT
        # a doughnut's hole: python-pptx writes 50 %, a ring thick enough for the labels
    else:
        ch.has_legend = multi
        if multi:
            ch.legend.position = XL_LEGEND_POSITION.BOTTOM
            ch.legend.include_in_layout = False
            style_font(ch.legend.font, 14)
        labels.position = XL_LABEL_POSITION.OUTSIDE_END
        plot.gap_width = 60
        if multi:
            # series side by side where a category has more than one; where none has (人员经费
            # of one 经济科目, 公用经费 of another), each category's one bar in its middle,
            # not beside an empty slot
            both = any(
                sum(1 for series in chart.series if series.values[i]) > 1
                for i in range(len(chart.categories))
            )
            plot.overlap = -10 if both else 100
        cat = ch.category_axis
        style_font(cat.tick_labels.font, 14 if len(chart.categories) <= 8 else 12)
        horizontal(cat.tick_labels)
        cat.has_major_gridlines = False
        val = ch.value_axis
        val.visible = False  # the bars carry their values; an axis would only repeat them
        val.has_major_gridlines = False
        if chart.kind == "bar":
            cat.reverse_order = True  # first (largest) category on top, read top-down
    return frame


def _column_widths(chart: Chart, total_in: float, size: float = 14.0) -> list[float]:
    """Column widths in inches: each at least as wide as its longest word (so that no word is
    broken), amount columns as wide as their header or figures, text columns sharing the rest by
    how much text they hold."""
    n = len(chart.columns)
    cells = [
        [chart.columns[i], *(_cell_text(chart, i, r[i]) for r in chart.rows)] for i in range(n)
    ]

    def word_in(text: str) -> float:
        words = text.split() or [""]
        # CJK text breaks anywhere: a CJK "word" needs only a few characters of width
        return max(
            min(text_width_em(w), 4.0) if not w.isascii() else text_width_em(w) for w in words
        )

    minimum = [max(word_in(c) for c in col) * size / 72 + 0.2 for col in cells]
    for i in chart.amount_columns:
        minimum[i] = max(minimum[i], 1.2)
    weights = [
        0.0 if i in chart.amount_columns else min(max(text_width_em(c) for c in cells[i]), 30.0)
        for i in range(n)
    ]
    spare = max(total_in - sum(minimum), 0.0)
    total_weight = sum(weights) or 1.0
    return [minimum[i] + spare * weights[i] / total_weight for i in range(n)]


def _cell_text(chart: Chart, col: int, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    if col in chart.amount_columns or isinstance(value, Decimal):
        return fmt_amount(value)
    text = str(value)
    # comma lists of line numbers wrap only at a space
    return text.replace(",", ", ") if text.replace(",", "").isdigit() else text


def _table(slide: Any, chart: Chart, top: int) -> Any:
    """A native table sized to its text: font and row heights from the width estimate."""
    widths = _column_widths(chart, CONTENT_W / 914400)
    body = [[_cell_text(chart, c, v) for c, v in enumerate(r)] for r in chart.rows]
    available = (FOOTER_TOP - top) / 914400 - 0.1
    size = 14.0
    for size in (14.0, 13.0, 12.0, 11.0, 10.0):
        heights = _row_heights([list(chart.columns), *body], widths, size)
        if sum(heights) <= available:
            break
    else:
        # still too tall at the smallest size: shorten the longest cells, never drop rows
        limit = 40
        body = [[t if len(t) <= limit else t[: limit - 1] + "…" for t in row] for row in body]
        heights = _row_heights([list(chart.columns), *body], widths, size)
    shape = slide.shapes.add_table(
        len(body) + 1, len(chart.columns), MARGIN, top, CONTENT_W, Emu(int(Inches(sum(heights))))
    )
    shape.name = "Table"
    table = shape.table
    for c, w in enumerate(widths):
        table.columns[c].width = Emu(int(Inches(w)))
    for r, h in enumerate(heights):
        table.rows[r].height = Emu(int(Inches(h)))
    for r, row in enumerate([list(chart.columns), *body]):
        for c, text in enumerate(row):
            cell = table.cell(r, c)
            cell.margin_left = cell.margin_right = Inches(0.06)
            cell.margin_top = cell.margin_bottom = Inches(0.03)
            cell.vertical_anchor = MSO_ANCHOR.MIDDLE
            tf = cell.text_frame
            tf.word_wrap = True
            p = tf.paragraphs[0]
            p.alignment = PP_ALIGN.RIGHT if c in chart.amount_columns and r else PP_ALIGN.LEFT
            run = p.add_run()
            run.text = text
            if r == 0:
                cell.fill.solid()
                cell.fill.fore_color.rgb = HEADER_FILL
                style_font(run.font, size, bold=True, color=WHITE)
            else:
                style_font(run.font, size)
    return shape


def _row_heights(rows: list[list[str]], widths: list[float], size: float) -> list[float]:
    # generous: renderers break CJK/Latin mixes less tightly than the estimate assumes
    line_h = size * 1.3 / 72
    out = []
    for row in rows:
        lines = max(lines_needed(t, w - 0.2, size) for t, w in zip(row, widths, strict=True))
        out.append(lines * line_h + 0.12)
    return out


def build_deck(
    con: duckdb.DuckDBPyConnection,
    department: str,
    year: int,
    path: str | Path,
    lang: str = "zh",
    document: str | None = None,
) -> list[Slide]:
    """Write the deck of one document to ``path`` (PPTX) and return the slides drawn.

    One PPTX slide per :func:`budgetlens.storyline.slides` entry, in order; ``document`` is the
    document id (left out: the department-year's 部门 document). Raises ValueError for an unknown
    language, LookupError when the department-year (or document) is not in the database, and
    OSError when the file cannot be written.
    """
    story = slides(con, department, year, lang, document)  # the presenter page's sequence too
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_W, SLIDE_H
    prs.core_properties.title = story[0].title if story else f"{department} {year}"
    prs.core_properties.author = "BudgetLens"
    for s in story:
        slide = _frame(prs, s)
        chart = s.chart
        if s.key == "title":
            _title_slide(slide, s)
        elif chart is None:
            _sentences(slide, s, MARGIN, BODY_TOP, CONTENT_W, Inches(5.2))
        elif chart.kind == "table":
            # one line above the table: the sentences run on as one paragraph
            joined = replace(s, sentences=[" ".join(s.sentences)])
            _sentences(slide, joined, MARGIN, Inches(1.3), CONTENT_W, Inches(0.6))
            _table(slide, chart, Inches(2.0))
        elif chart.kind == "figures":
            _figures(slide, chart)
            _sentences(slide, s, TEXT_LEFT, BODY_TOP, TEXT_W, Inches(5.2))
        else:
            _chart(slide, chart)
            _sentences(slide, s, TEXT_LEFT, BODY_TOP, TEXT_W, Inches(5.2))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    prs.save(str(path))
    return story
