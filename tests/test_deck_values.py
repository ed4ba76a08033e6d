"""The deck's own drawing (``budgetlens/deck.py``) on a storyline made for the case.

``build_deck`` draws whatever :func:`budgetlens.storyline.slides` returns; here that is replaced
by slides written below (their figures are storyline's business, tested in
``test_storyline_values.py`` and ``test_deck.py``), so that every number text, unit, source
line, chart setting and position can be worked out by hand from the slides given. No database is
needed (≈ 1 s).

EMU: 914,400 to the inch, 12,700 to the point. MARGIN 0.5 in = 457,200; BODY_TOP 1.4 in =
1,280,160; FOOTER_TOP 6.85 in = 6,263,640; CHART_W 8.3 in = 7,589,520; the text beside a chart
from 0.5 + 8.3 + 0.3 = 9.1 in = 8,321,040, 13.333 − 0.5 − 9.1 in = 3,413,760 wide; the content
13.333 − 1 in = 11,277,600 wide.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn

from budgetlens import deck
from budgetlens.storyline import Chart, Figure, Series, Slide

SOURCE = "来源：某局2024年部门预算（第{}行）"
D = Decimal


def story() -> list[Slide]:
    """Every kind of slide the deck draws, each with its own source line."""
    figures = (
        Figure("收入总计", D("4266.91"), "万元"),
        Figure("上年结转", D("2.62"), "万元"),
        Figure("比上年增减", D("-1199.63"), "万元"),
        Figure("增减幅度", D("39.11"), "%"),
        Figure("大数", D("123456789.50"), "万元"),
        Figure("更大的数", D("12345678901234567.00"), "万元"),
        Figure("零", D("0"), "万元"),
    )
    return [
        Slide(
            "title",
            "某局2024年部门预算",
            "万元",
            SOURCE.format(1),
            sentences=["本演示根据文件制作。"],
            subtitle="2024年 · 单位：万元",
        ),
        Slide(
            "overview",
            "预算总览",
            "万元",
            SOURCE.format(2),
            Chart("figures", figures=figures),
            ["收入总计 4,266.91 万元。"],
        ),
        Slide(
            "three_public",
            "三公",
            "万元",
            SOURCE.format(3),
            Chart("figures", figures=figures[:2]),
            ["两个数。"],
        ),
        Slide(
            "function",
            "支出按功能分类",
            "万元",
            SOURCE.format(4),
            Chart(
                "bar",
                categories=("科学技术支出", "卫生健康支出", *(f"类{i}" for i in range(3, 9))),
                series=(Series("金额", (D("3686.33"), None, *(D(i) for i in range(3, 9)))),),
            ),
            ["科学技术支出 3,686.33 万元。"],
        ),
        Slide(
            "basic_project",
            "基本支出与项目支出",
            "万元",
            SOURCE.format(5),
            Chart(
                "doughnut",
                categories=("基本支出", "项目支出"),
                series=(Series("金额", (D("1120.79"), D("3146.12"))),),
            ),
            ["基本支出 1,120.79 万元。"],
        ),
        Slide(
            "revenue",
            "收入按来源",
            "万元",
            SOURCE.format(6),
            Chart(
                "pie",
                categories=("一般公共预算", "上年结转"),
                series=(Series("金额", (D("4264.29"), D("2.62"))),),
            ),
            ["一般公共预算 4,264.29 万元。"],
        ),
        Slide(
            "economic",
            "基本支出按经济分类",
            "万元",
            SOURCE.format(7),
            Chart(
                "column",
                categories=("工资福利支出", "商品和服务支出"),
                series=(
                    Series("人员经费", (D("842.82"), None)),
                    Series("公用经费", (None, D("124.70"))),
                ),
            ),
            ["人员经费 842.82 万元。"],
        ),
        Slide(
            "economic_both",
            "两类都有",
            "万元",
            SOURCE.format(8),
            Chart(
                "column",
                categories=tuple(f"类{i}" for i in range(1, 10)),
                series=(
                    Series("人员经费", tuple(D(i) for i in range(1, 10))),
                    Series("公用经费", (D("0.5"), *(None for _ in range(8)))),
                ),
                number_format="#,##0",
            ),
            ["九个类。"],
        ),
        Slide(
            "performance_projects",
            "各项目量化程度",
            "",
            SOURCE.format(9),
            Chart(
                "table",
                columns=("项目", "预算（万元）", "指标数", "占比（%）", "行号"),
                rows=(
                    ("科技计划项目", D("2007.0"), 1234, D("89.475"), "587,588"),
                    ("人才专项资金", None, 5, 0.5, "a,b"),  # a float in an amount column
                ),
                amount_columns=(1, 3),
            ),
            ["按项目预算从大到小；", "量化指标指有数值或时间的指标。"],
        ),
        Slide("quality", "说明", "", SOURCE.format(10), None, ["只有句子。", "第二句。"]),
        Slide(
            "one_figure",
            "一个数",
            "个",
            SOURCE.format(11),
            Chart("figures", figures=(Figure("项目数", D("5"), "个"),)),
        ),
        Slide("no_figures", "没有数", "个", SOURCE.format(12), Chart("figures")),
        # long titles and sources: smaller type (the widths in ems below, worked by hand)
        Slide("long1", "长" * 27, "万元", "源" * 76),
        Slide("long2", "长" * 32, "万元", "源" * 85),
        Slide("long3", "长" * 25 + "a", "万元", "源" * 95),
        Slide("long4", "短", "万元", "源" * 74),
        # long sentences beside a chart (here an empty figures chart)
        *(
            Slide(f"words{n}", "句", "万元", "源", Chart("figures"), ["字" * n])
            for n in (224, 230, 300, 400)
        ),
        # more title slides, with longer titles
        *(Slide("title", "题" * n, "万元", "源", subtitle="副") for n in (22, 30, 55)),
        # tables too tall for 14 pt (one column, the content's whole width)
        *(
            Slide(f"rows{k}", "表", "", "源", Chart("table", columns=("项目",), rows=rows))
            for k, rows in (
                ("13", (("甲",),) * 12),
                ("12", (("甲",),) * 13),
                ("11", (("字" * 80,),) * 7 + (("甲",),) * 2),
                ("10", (("甲",),) * 14),
                ("cut", (("长" * 41,), ("短" * 40,), *((("乙",),) * 18))),
            )
        ),
    ]


@pytest.fixture(scope="module")
def drawn(tmp_path_factory: pytest.TempPathFactory):
    made = story()
    path = tmp_path_factory.mktemp("deck_values") / "sub" / "deeper" / "made.pptx"
    mp = pytest.MonkeyPatch()
    mp.setattr(deck, "slides", lambda con, department, year, lang, document: made)
    try:
        returned = deck.build_deck(None, "某局", 2024, path)
    finally:
        mp.undo()
    assert returned is made
    return Presentation(str(path)), made


def slide_of(drawn, key: str):
    prs, made = drawn
    return prs.slides[[s.key for s in made].index(key)]


def named(slide, name: str):
    shapes = [sh for sh in slide.shapes if sh.name == name]
    assert len(shapes) == 1, (name, [sh.name for sh in slide.shapes])
    return shapes[0]


def paragraphs(shape) -> list[str]:
    return [p.text for p in shape.text_frame.paragraphs]


def box(shape) -> tuple[int, int, int, int]:
    return (shape.left, shape.top, shape.width, shape.height)


def wrapped_with_margins(shape) -> None:
    """Word-wrapped, 0.05 in (45,720 EMU) left and right."""
    tf = shape.text_frame
    assert tf.word_wrap is True, shape.name
    assert (tf.margin_left, tf.margin_right) == (45_720, 45_720), shape.name


def chart_of(slide):
    return named(slide, "Chart").chart


# --- the file and which slide holds what --------------------------------------------------------


def test_one_slide_per_storyline_entry_in_order(drawn) -> None:
    prs, made = drawn
    assert len(prs.slides) == len(made) == 28
    assert (prs.slide_width, prs.slide_height) == (12_192_000, 6_858_000)
    assert prs.core_properties.title == "某局2024年部门预算"
    assert prs.core_properties.author == "BudgetLens"
    for pptx, s in zip(prs.slides, made, strict=True):
        assert pptx.shapes.title.text_frame.text == s.heading
        assert pptx.shapes.title.name == "Title"
    # the title slide uses the Title Slide layout, the others Title Only
    for pptx, s in zip(prs.slides, made, strict=True):
        assert pptx.slide_layout.name == ("Title Slide" if s.key == "title" else "Title Only")


def test_every_slide_has_its_source_line_as_footer(drawn) -> None:
    prs, made = drawn
    for n, pptx in enumerate(list(prs.slides)[:12], start=1):
        footer = named(pptx, "Source")
        assert footer.text_frame.text == SOURCE.format(n) == made[n - 1].source
        assert box(footer) == (457_200, 6_263_640, 11_277_600, 411_480)
        assert footer.text_frame.vertical_anchor == MSO_ANCHOR.MIDDLE
        run = footer.text_frame.paragraphs[0].runs[0]
        assert run.font.color.rgb == deck.MUTED
        assert run.font.size.pt == 12  # a short source fits at the largest size
        wrapped_with_margins(footer)
        assert footer.text_frame.paragraphs[0].space_after is None  # only sentences have gaps


def test_long_titles_and_sources_get_smaller_type(drawn) -> None:
    """The title box is 13.333 − 1 = 12.333 in wide and 0.85 in high: at 30 pt a line holds
    12.333 × 72 / 30 = 29.6 em, at 26 pt 34.15, at 22 pt 40.36; one line needs
    size × 1.3 / 72 + 10 / 72 in (0.68 in at 30 pt), two lines at 30 pt 1.22 in: too high.
    The footer, 0.45 in high, at 12 pt holds 74 em a line, at 11 pt 80.7, at 10 pt 88.8, at 9
    pt 98.7; one line at 12 pt needs 0.356 in, two 0.572 in."""

    def sizes(key: str) -> tuple[float, float]:
        slide = slide_of(drawn, key)
        title = slide.shapes.title.text_frame.paragraphs[0].runs[0].font.size.pt
        return title, named(slide, "Source").text_frame.paragraphs[0].runs[0].font.size.pt

    # 27 + 4 (（万元）) = 31 em: 26 pt; the source, 76 em: 11 pt
    assert sizes("long1") == (26, 11)
    # 32 + 4 = 36 em: 22 pt; 85 em: 10 pt
    assert sizes("long2") == (22, 10)
    # 25 + 0.6 + 4 = 29.6 em: one line at 30 pt, just; 95 em: 9 pt
    assert sizes("long3") == (30, 9)
    # 74 em: one line at 12 pt, just
    assert sizes("long4") == (30, 12)


def test_long_sentences_get_smaller_type(drawn) -> None:
    """Beside a chart the sentences have 3,413,760 EMU = 3.7333 in by 5.2 in. At 18 pt a line
    holds 3.7333 × 72 / 18 = 14.93 em and 15 lines fit (15 × 18 × 1.3 / 72 + 10 / 72 = 5.01 in,
    16 lines 5.34); at 16 pt 16.8 em, 17 lines; at 14 pt 19.2 em, 20 lines; at 12 pt 22.4 em."""
    got = {
        n: named(slide_of(drawn, f"words{n}"), "Sentences")
        .text_frame.paragraphs[0]
        .runs[0]
        .font.size.pt
        for n in (224, 230, 300, 400)
    }
    # 224 em: exactly 15 lines at 18 pt; 230: 16 lines at 18, 14 at 16; 300: 18 lines at 16,
    # 16 at 14; 400: 21 lines at 14, 18 at 12
    assert got == {224: 18, 230: 16, 300: 14, 400: 12}


def test_titles_of_content_slides_are_in_the_placeholder_with_their_unit(drawn) -> None:
    title = slide_of(drawn, "function").shapes.title
    assert title.text_frame.text == "支出按功能分类（万元）"
    assert box(title) == (457_200, 274_320, 11_277_600, 777_240)  # 0.3 in down, 0.85 in high
    run = title.text_frame.paragraphs[0].runs[0]
    assert run.font.bold and run.font.size.pt == 30 and run.font.color.rgb == deck.INK
    assert title.text_frame.vertical_anchor == MSO_ANCHOR.MIDDLE
    wrapped_with_margins(title)
    assert title.text_frame.paragraphs[0].alignment == PP_ALIGN.LEFT
    rule = named(slide_of(drawn, "function"), "Rule")
    assert box(rule) == (457_200, 1_078_992, 11_277_600, 45_720)
    assert rule.fill.fore_color.rgb == deck.ACCENT
    # a table slide without a unit: the title alone
    assert slide_of(drawn, "performance_projects").shapes.title.text_frame.text == "各项目量化程度"


def test_title_slide_has_title_subtitle_and_sentences(drawn) -> None:
    slide = slide_of(drawn, "title")
    title = slide.shapes.title
    assert title.text_frame.text == "某局2024年部门预算"
    assert box(title) == (731_520, 1_737_360, 10_725_912, 1_280_160)
    run = title.text_frame.paragraphs[0].runs[0]
    assert run.font.size.pt == 40 and run.font.bold and run.font.color.rgb == deck.ACCENT
    assert title.text_frame.vertical_anchor == MSO_ANCHOR.BOTTOM
    wrapped_with_margins(title)
    subtitle = named(slide, "Subtitle")
    assert subtitle.text_frame.text == "2024年 · 单位：万元"
    assert box(subtitle) == (731_520, 3_108_960, 10_725_912, 548_640)
    run = subtitle.text_frame.paragraphs[0].runs[0]
    assert run.font.size.pt == 20 and run.font.color.rgb == deck.INK
    assert subtitle.text_frame.word_wrap is True
    assert subtitle.text_frame.paragraphs[0].alignment == PP_ALIGN.LEFT
    sentences = named(slide, "Sentences")
    assert paragraphs(sentences) == ["本演示根据文件制作。"]
    assert box(sentences) == (731_520, 4_023_360, 10_725_912, 2_011_680)
    assert not [sh for sh in slide.shapes if sh.name == "Rule"]


def test_long_titles_of_title_slides_get_smaller_type(drawn) -> None:
    """The title slide's title box: 11.7 in by 1.4 in. At 40 pt a line holds 11.7 × 72 / 40 =
    21.06 em and only one line fits (0.86 in; two 1.58); at 36 pt 23.4 em, one line (two are
    1.44 in); at 32 pt 26.3 em, two lines (1.29 in); at 28 pt 30.1 em, two lines."""
    prs, made = drawn
    sizes = [
        pptx.shapes.title.text_frame.paragraphs[0].runs[0].font.size.pt
        for pptx, s in zip(prs.slides, made, strict=True)
        if s.key == "title"
    ]
    # 8 em (某局2024年部门预算: 4 × 0.6 + 7); 22 em; 30 em (two lines at 32); 55 em (two at 28)
    assert sizes == [40, 36, 32, 28]


def test_sentences_stand_beside_a_chart_below_a_title_or_alone(drawn) -> None:
    beside = named(slide_of(drawn, "function"), "Sentences")
    assert paragraphs(beside) == ["科学技术支出 3,686.33 万元。"]
    assert box(beside) == (8_321_040, 1_280_160, 3_413_760, 4_754_880)
    run = beside.text_frame.paragraphs[0].runs[0]
    assert run.font.size.pt == 18 and run.font.color.rgb == deck.INK
    assert beside.text_frame.paragraphs[0].space_after.pt == 10
    wrapped_with_margins(beside)
    assert beside.text_frame.vertical_anchor == MSO_ANCHOR.TOP
    assert beside.text_frame.paragraphs[0].alignment == PP_ALIGN.LEFT
    beside = named(slide_of(drawn, "overview"), "Sentences")
    assert box(beside) == (8_321_040, 1_280_160, 3_413_760, 4_754_880)
    alone = named(slide_of(drawn, "quality"), "Sentences")
    assert paragraphs(alone) == ["只有句子。", "第二句。"]
    assert box(alone) == (457_200, 1_280_160, 11_277_600, 4_754_880)
    # above a table: the sentences as one paragraph, 1.3 in down, 0.6 in high
    above = named(slide_of(drawn, "performance_projects"), "Sentences")
    assert paragraphs(above) == ["按项目预算从大到小； 量化指标指有数值或时间的指标。"]
    assert box(above) == (457_200, 1_188_720, 11_277_600, 548_640)


# --- figures ------------------------------------------------------------------------------------


def test_figure_tiles_show_label_number_text_and_unit(drawn) -> None:
    slide = slide_of(drawn, "overview")
    want = [
        ("收入总计", "4,266.91", "万元"),
        ("上年结转", "2.62", "万元"),
        ("比上年增减", "-1,199.63", "万元"),
        ("增减幅度", "39.11", "%"),
        ("大数", "123,456,789.50", "万元"),
        ("更大的数", "12,345,678,901,234,567.00", "万元"),
        ("零", "0.00", "万元"),
    ]
    # seven figures: three to a row, three rows; a tile (8.3 in − 2 gaps of 0.2 in) / 3 wide
    # = 2,407,920, (5.2 in − 2 gaps) / 3 = 1,463,040 high
    for i, (label, value, unit) in enumerate(want):
        tile = named(slide, f"Figure {i + 1}")
        assert paragraphs(tile) == [label, value, unit]
        left = 457_200 + (i % 3) * (2_407_920 + 182_880)
        top = 1_280_160 + (i // 3) * (1_463_040 + 182_880)
        assert box(tile) == (left, top, 2_407_920, 1_463_040), label
        assert tile.fill.fore_color.rgb == deck.TILE
        runs = [p.runs[0] for p in tile.text_frame.paragraphs]
        assert [r.font.size.pt for r in (runs[0], runs[2])] == [16, 14]
        assert [bool(r.font.bold) for r in runs] == [False, True, False]
        assert [r.font.color.rgb for r in runs] == [deck.MUTED, deck.ACCENT, deck.MUTED]
        assert all(p.alignment == PP_ALIGN.CENTER for p in tile.text_frame.paragraphs)
        assert tile.text_frame.vertical_anchor == MSO_ANCHOR.MIDDLE
        assert tile.text_frame.word_wrap is True
    # the number's size: (2,407,920 − 0.4 in) / 12,700 = 160.8 pt over 0.75 em a character,
    # at most 30 and at least 14 (stored in hundredths of a point)
    sizes = [
        named(slide, f"Figure {i}").text_frame.paragraphs[1].runs[0].font.size.pt
        for i in (1, 3, 5, 6, 7)
    ]
    assert sizes == [26.8, pytest.approx(160.8 / 0.75 / 9, abs=0.01), 15.31, 14.0, 30.0]


def test_fewer_figures_make_wider_tiles(drawn) -> None:
    slide = slide_of(drawn, "three_public")
    # two figures: two to a row, (8.3 in − 0.2 in) / 2 = 3,703,320 wide, at most 2.5 in high
    first, second = named(slide, "Figure 1"), named(slide, "Figure 2")
    assert box(first) == (457_200, 1_280_160, 3_703_320, 2_286_000)
    assert box(second) == (457_200 + 3_703_320 + 182_880, 1_280_160, 3_703_320, 2_286_000)
    assert paragraphs(second) == ["上年结转", "2.62", "万元"]
    assert not [sh for sh in slide.shapes if sh.has_chart]
    # one figure: the chart's whole width, 2.5 in high; 5.00 is short: the number at 30 pt
    slide = slide_of(drawn, "one_figure")
    tile = named(slide, "Figure 1")
    assert box(tile) == (457_200, 1_280_160, 7_589_520, 2_286_000)
    assert paragraphs(tile) == ["项目数", "5.00", "个"]
    assert tile.text_frame.paragraphs[1].runs[0].font.size.pt == 30
    assert not [sh for sh in slide.shapes if sh.has_chart]
    assert not [sh for sh in slide.shapes if sh.name == "Sentences"]  # none given
    # no figures: no tile, and no error
    slide = slide_of(drawn, "no_figures")
    assert not [sh for sh in slide.shapes if sh.name.startswith("Figure")]
    assert named(slide, "Source").text_frame.text == SOURCE.format(12)


# --- charts -------------------------------------------------------------------------------------


def test_bar_chart_holds_the_values_with_labels_and_no_axis(drawn) -> None:
    slide = slide_of(drawn, "function")
    frame = named(slide, "Chart")
    assert box(frame) == (457_200, 1_280_160, 7_589_520, 4_846_320)
    chart = frame.chart
    assert chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    assert list(chart.plots[0].categories)[:3] == ["科学技术支出", "卫生健康支出", "类3"]
    assert list(chart.series[0].values) == [3686.33, None, 3, 4, 5, 6, 7, 8]
    assert chart.series[0].name == "金额"
    assert not chart.has_title and not chart.has_legend
    plot = chart.plots[0]
    assert plot.has_data_labels and plot.gap_width == 60
    labels = plot.data_labels
    assert labels.number_format == "#,##0.00" and not labels.number_format_is_linked
    assert labels.position == XL_LABEL_POSITION.OUTSIDE_END
    assert labels.font.size.pt == 13
    assert chart.font.size.pt == 14
    # every chart text in the deck's ink
    fonts = (chart.font, labels.font, chart.category_axis.tick_labels.font)
    assert [f.color.rgb for f in fonts] == [deck.INK] * 3
    assert not chart.value_axis.visible and not chart.value_axis.has_major_gridlines
    assert not chart.category_axis.has_major_gridlines
    assert chart.category_axis.reverse_order  # the first (largest) on top
    assert chart.category_axis.tick_labels.font.size.pt == 14  # eight categories: no smaller
    # the data's number format (embedded workbook and the XML cache)
    fmt = chart._chartSpace.find(".//" + qn("c:val")).find(".//" + qn("c:formatCode"))
    assert fmt.text == "#,##0.00"


def test_column_charts_put_one_bar_in_the_middle_or_two_side_by_side(drawn) -> None:
    chart = chart_of(slide_of(drawn, "economic"))
    assert chart.chart_type == XL_CHART_TYPE.COLUMN_CLUSTERED
    assert [s.name for s in chart.series] == ["人员经费", "公用经费"]
    assert list(chart.series[0].values) == [842.82, None]
    assert list(chart.series[1].values) == [None, 124.7]
    assert chart.plots[0].overlap == 100  # no category has both
    assert chart.has_legend and chart.legend.position == XL_LEGEND_POSITION.BOTTOM
    assert not chart.legend.include_in_layout and chart.legend.font.size.pt == 14
    assert chart.legend.font.color.rgb == deck.INK
    assert not chart.category_axis.reverse_order  # columns read left to right
    both = chart_of(slide_of(drawn, "economic_both"))
    assert both.plots[0].overlap == -10  # 类1 has both
    assert both.plots[0].data_labels.number_format == "#,##0"
    assert both.category_axis.tick_labels.font.size.pt == 12  # nine categories: smaller
    assert list(both.series[1].values) == [0.5, *([None] * 8)]


def test_round_charts_show_percentages_with_a_legend(drawn) -> None:
    for key, kind in (("revenue", XL_CHART_TYPE.PIE), ("basic_project", XL_CHART_TYPE.DOUGHNUT)):
        chart = chart_of(slide_of(drawn, key))
        assert chart.chart_type == kind
        assert chart.has_legend and chart.legend.position == XL_LEGEND_POSITION.BOTTOM
        assert not chart.legend.include_in_layout and chart.legend.font.size.pt == 14
        assert chart.legend.font.color.rgb == deck.INK
        labels = chart.plots[0].data_labels
        assert labels.show_percentage and not labels.show_value
        assert labels.number_format == "0.00%" and not labels.number_format_is_linked
    pie = chart_of(slide_of(drawn, "revenue"))
    assert list(pie.series[0].values) == [4264.29, 2.62]
    assert pie.plots[0].data_labels.position == XL_LABEL_POSITION.BEST_FIT
    doughnut = chart_of(slide_of(drawn, "basic_project"))
    assert doughnut.plots[0]._element.find(qn("c:holeSize")).get("val") == "50"
    labels = doughnut.plots[0].data_labels._element
    assert labels.find(qn("c:dLblPos")) is None  # no position: PowerPoint refuses one here


def test_chart_labels_are_horizontal(drawn) -> None:
    for key in ("function", "economic", "revenue"):
        chart = chart_of(slide_of(drawn, key))
        owners = [chart.plots[0].data_labels._element]
        if key != "revenue":
            owners.append(chart.category_axis._element)
        for owner in owners:
            body = owner.find(qn("c:txPr")).find(qn("a:bodyPr"))
            assert (body.get("rot"), body.get("vert")) == ("0", "horz"), key


# --- tables -------------------------------------------------------------------------------------


def test_table_cells_carry_the_number_text(drawn) -> None:
    shape = named(slide_of(drawn, "performance_projects"), "Table")
    assert (shape.left, shape.top) == (457_200, 1_828_800)  # 2.0 in down
    table = shape.table
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert rows == [
        ["项目", "预算（万元）", "指标数", "占比（%）", "行号"],
        # an amount column: two decimals, rounded half up; a count with separators; a list of
        # line numbers wraps at its commas; other text as given
        ["科技计划项目", "2,007.00", "1,234", "89.48", "587, 588"],
        ["人才专项资金", "", "5", "0.50", "a,b"],
    ]
    align = [[c.text_frame.paragraphs[0].alignment for c in r.cells] for r in table.rows]
    L, R = PP_ALIGN.LEFT, PP_ALIGN.RIGHT
    assert align[0] == [L] * 5  # the header row: left
    assert align[1] == [L, R, L, R, L]
    header = table.cell(0, 1)
    assert header.fill.fore_color.rgb == deck.HEADER_FILL
    run = header.text_frame.paragraphs[0].runs[0]
    assert run.font.bold and run.font.color.rgb == deck.WHITE and run.font.size.pt == 14
    run = table.cell(1, 0).text_frame.paragraphs[0].runs[0]
    assert not run.font.bold and run.font.color.rgb == deck.INK and run.font.size.pt == 14
    cell = table.cell(1, 1)
    assert cell.text_frame.word_wrap is True
    assert cell.vertical_anchor == MSO_ANCHOR.MIDDLE
    assert (cell.margin_left, cell.margin_top) == (54_864, 27_432)  # 0.06 in, 0.03 in
    # row heights: lines of 14 pt at 1.3 line height, plus 0.12 in. The amount column 预算（万元）
    # is 1.2 in wide (its minimum; amount columns take no spare width): 1.0 in of text is
    # 72 / 14 = 5.14 em a line, and 预算（万元） is 6 em: its header takes two lines
    line = 14 * 1.3 / 72
    heights = [2 * line + 0.12, line + 0.12, line + 0.12]
    assert [r.height for r in table.rows] == [int(h * 914_400) for h in heights]
    assert abs(shape.height - sum(heights) * 914_400) <= 1
    assert table.columns[1].width == int(1.2 * 914_400)
    # columns fill the content width
    assert abs(sum(c.width for c in table.columns) - 11_277_600) <= 5


def test_tall_tables_get_smaller_type_then_shorter_cells(drawn) -> None:
    """Below the sentences a table has 6.85 − 2.0 − 0.1 = 4.75 in. A row of one line is
    size × 1.3 / 72 + 0.12 in: 0.373 at 14 pt (12 rows fit), 0.355 at 13 (13), 0.337 at 12
    (14), 0.319 at 11 (14), 0.301 at 10 (15). One column is 12.333 in wide: 80 em of text takes
    two lines from 14 pt to 11 pt (12.133 in hold 62.4 em a line at 14 pt, 79.4 at 11)."""

    def table(key: str):
        return named(slide_of(drawn, f"rows{key}"), "Table").table

    def size(key: str) -> float:
        return table(key).cell(1, 0).text_frame.paragraphs[0].runs[0].font.size.pt

    # 13 rows: 4.85 in at 14 pt, 4.61 at 13; 14 rows: 4.97 at 13, 4.71 at 12; 15 rows: 4.78
    # at 11, 4.51 at 10; 10 rows of 17 lines: 4.88 in at 12, 4.58 at 11
    assert [size(k) for k in ("13", "12", "11", "10")] == [13, 12, 11, 10]
    assert table("13").cell(0, 0).text_frame.paragraphs[0].runs[0].font.size.pt == 13
    # 21 rows do not fit even at 10 pt (6.31 in): cells over 40 characters are cut to 39 and …,
    # no row is dropped
    cut = table("cut")
    assert len(cut.rows) == 21 and size("cut") == 10
    assert cut.cell(1, 0).text == "长" * 39 + "…"
    assert cut.cell(2, 0).text == "短" * 40
    assert cut.cell(3, 0).text == "乙"
    one_line = 10 * 1.3 / 72 + 0.12
    assert [r.height for r in cut.rows] == [int(one_line * 914_400)] * 21
    assert table("10").columns[0].width == 11_277_600


def test_cell_text_of_each_kind() -> None:
    chart = Chart("table", columns=("a", "b"), rows=(), amount_columns=(1,))
    assert deck._cell_text(chart, 0, None) == ""
    assert deck._cell_text(chart, 0, 1234567) == "1,234,567"
    assert deck._cell_text(chart, 0, True) == "True"  # a flag is no count
    assert deck._cell_text(chart, 1, 5) == "5"  # an int is a count, even in an amount column
    assert deck._cell_text(chart, 1, D("0.125")) == "0.13"
    assert deck._cell_text(chart, 1, "7") == "7.00"
    assert deck._cell_text(chart, 0, D("12.3")) == "12.30"  # an amount wherever it stands
    assert deck._cell_text(chart, 0, "12,13,14") == "12, 13, 14"
    assert deck._cell_text(chart, 0, "12") == "12"
    assert deck._cell_text(chart, 0, "甲,乙") == "甲,乙"


def test_the_deck_without_slides_is_titled_by_department_and_year(tmp_path: Path) -> None:
    mp = pytest.MonkeyPatch()
    mp.setattr(deck, "slides", lambda con, department, year, lang, document: [])
    try:
        assert deck.build_deck(None, "某局", 2024, tmp_path / "e.pptx") == []
    finally:
        mp.undo()
    prs = Presentation(str(tmp_path / "e.pptx"))
    assert prs.core_properties.title == "某局 2024" and len(prs.slides) == 0


def test_language_and_document_reach_the_storyline(tmp_path: Path) -> None:
    seen = []
    mp = pytest.MonkeyPatch()
    mp.setattr(deck, "slides", lambda *args: seen.append(args) or [])
    try:
        deck.build_deck("con", "某局", 2024, tmp_path / "e.pptx", "en", "doc-1")
        deck.build_deck("con", "某局", 2024, tmp_path / "f.pptx")
    finally:
        mp.undo()
    assert seen == [("con", "某局", 2024, "en", "doc-1"), ("con", "某局", 2024, "zh", None)]


def test_text_measures_worked_by_hand() -> None:
    assert deck.text_width_em("a一") == pytest.approx(1.6)  # Latin 0.6 em, CJK 1
    assert deck.text_width_em("⺀") == 1.0  # U+2E80, the first CJK radical
    # 1 in at 18 pt holds 72 / 18 = 4 em a line: 10 CJK characters take 3 lines
    assert deck.lines_needed("一" * 10, 1.0, 18) == 3
    assert deck.lines_needed("一" * 8, 1.0, 18) == 2
    assert deck.lines_needed("", 1.0, 18) == 1
    # a box narrower than one em still holds an em a line: 3 × 0.6 em = 1.8 → 2 lines
    assert deck.lines_needed("abc", 0.01, 18) == 2
    # at 18 pt: 3 lines × 18 × 1.3 / 72 + 10/72 gap = 1.114 in > 1 in; at 12 pt: 6 em a line,
    # 2 lines: 0.433 + 0.139 = 0.572 in
    assert deck.fit_size(["一" * 10], 1.0, 1.0, (18, 12)) == 12
    assert deck.fit_size(["一" * 10], 1.0, 1.2, (18, 12)) == 18
    assert deck.fit_size(["一" * 100], 1.0, 0.1, (18, 12)) == 12  # nothing fits: the smallest


def test_horizontal_adds_the_body_properties_a_text_element_lacks() -> None:
    from lxml import etree

    class Owner:
        def __init__(self, element) -> None:
            self._element = element

    axis = etree.Element(qn("c:catAx"))
    txPr = etree.SubElement(axis, qn("c:txPr"))
    etree.SubElement(txPr, qn("a:p"))
    deck.horizontal(Owner(axis))
    assert [child.tag for child in txPr] == [
        qn("a:bodyPr"),
        qn("a:p"),
    ]  # first, as the schema has it
    assert (txPr[0].get("rot"), txPr[0].get("vert")) == ("0", "horz")
    # body properties already there: set on them, none added
    axis = etree.Element(qn("c:catAx"))
    txPr = etree.SubElement(axis, qn("c:txPr"))
    etree.SubElement(txPr, qn("a:bodyPr"), wrap="square")
    etree.SubElement(txPr, qn("a:p"))
    deck.horizontal(Owner(axis))
    assert [child.tag for child in txPr] == [qn("a:bodyPr"), qn("a:p")]
    assert dict(txPr[0].attrib) == {"wrap": "square", "rot": "0", "vert": "horz"}
    bare = etree.Element(qn("c:valAx"))
    deck.horizontal(Owner(bare))  # no text properties: nothing to turn
    assert len(bare) == 0
