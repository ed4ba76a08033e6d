"""The layouts (budgetlens/layout.py): declarations, titles, the choice of a layout, cutting a
document into its tables, and the identity a document states.

One real document, read once: 上海市普陀区商务委员会2025年部门预算
(tests/fixtures/corpus/sh-putuo-swj-2025-budget-dept/, its pages as NOTES.md gives them from the
PDF: cover p1, contents p2, tables p9–21). Everything else is made here, with the expected result
worked out by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from budgetlens import layout as lay
from budgetlens import pdf
from budgetlens.errors import IngestError
from budgetlens.pdf import GridItem, TextItem

SWJ = (
    Path(__file__).parent
    / "fixtures"
    / "corpus"
    / "sh-putuo-swj-2025-budget-dept"
    / "上海市普陀区商务委员会2025年部门预算.pdf"
)


def text(s: str, page: int = 1) -> TextItem:
    return TextItem(page, 0.0, s)


def grid(*rows: list, page: int = 1) -> GridItem:
    return GridItem(page, 0.0, [list(r) for r in rows])


def by_name(name: str) -> lay.Layout:
    return next(x for x in lay.layouts() if x.name == name)


@pytest.fixture(scope="module")
def swj() -> list:
    return pdf.read(SWJ).items


# --- declarations -----------------------------------------------------------------------------


def test_every_layout_file_is_loaded_in_file_name_order() -> None:
    assert [x.name for x in lay.layouts()] == [
        "jiangsu-budget",
        "national-budget",
        "national-final",
        "shanghai-budget",
    ]
    assert "_columns" not in {x.name for x in lay.layouts()}
    assert lay.shared_columns()  # layouts/_columns.toml, read apart


def test_a_declaration_is_read_as_written_titles_normalised() -> None:
    # read afresh: layouts() is cached, and the loader is what is tested here
    sh = lay._load(lay.LAYOUT_DIR / "shanghai-budget.toml")
    assert sh.name == "shanghai-budget"
    assert sh == by_name("shanghai-budget")
    assert (sh.label, sh.kind) == ("上海市区级部门预算、单位预算（9张表）", "预算")
    assert sh.markers == ("区级部门预算", "区级单位预算", "编制部门", "预算主管部门", "预算单位")
    assert sh.unit_scope_markers == ("区级单位预算", "单位预算")
    assert sh.department_patterns[0] == "^预算主管部门[:：](?P<v>.+)$"
    assert sh.government_patterns == (
        r"^(?P<v>.+?[省市区县])(?:19|20)\d{2}年区级(?:部门|单位)预算$",
    )
    assert sh.year_patterns[1] == r"^(?P<v>(?:19|20)\d{2})年(?:部门|单位)"
    assert sh.columns == {}  # no layout declares columns of its own
    assert [t.key for t in sh.tables][:2] == ["income_expense_summary", "revenue_function"]
    tables = {t.key: t for t in sh.tables}
    gb = tables["general_budget_expenditure"]
    assert (gb.label, gb.reader) == ("一般公共预算支出功能分类预算表", "function")
    assert gb.titles == (("一般公共预算支出功能分类",),)
    assert gb.exclude == ("经济分类",)
    assert gb.required is True
    assert tables["fiscal_summary"].required is False  # not declared: some 单位预算 leave it out
    assert tables["basic_economic"].titles == (("基本支出", "经济分类"),)
    assert tables["three_public"].order[:2] == ("合计", "因公出国（境）费")  # as written
    assert tables["income_expense_summary"].order == ()
    assert lay._load(lay.LAYOUT_DIR / "jiangsu-budget.toml").unit_scope_markers == ()


def test_a_declaration_is_normalised_and_defaults_what_it_leaves_out(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    path.write_text(
        'name = "x"\nlabel = "X"\nkind = "决算"\nmarkers = ["公开 表一"]\n'
        '[[tables]]\nkey = "k"\nlabel = "K"\nreader = "summary"\n'
        'titles = [["收支 总表（续）"]]\nexclude = ["Ａ"]\n',
        encoding="utf-8",
    )
    x = lay._load(path)
    assert (x.name, x.label, x.kind) == ("x", "X", "决算")
    assert (x.tables[0].key, x.tables[0].label, x.tables[0].reader) == ("k", "K", "summary")
    assert x.markers == ("公开表一",)
    assert x.tables[0].titles == (("收支总表(续)",),)
    assert x.tables[0].exclude == ("A",)
    assert x.tables[0].required is False and x.tables[0].order == ()
    assert x.unit_scope_markers == x.department_patterns == x.year_patterns == ()
    assert x.government_patterns == () and x.columns == {}
    # nothing optional at all: no markers, no exclude; and a table required, with an order
    path.write_text(
        'name = "y"\nlabel = "Y"\nkind = "预算"\n'
        '[columns]\n"合计" = "total"\n'
        '[[tables]]\nkey = "k"\nlabel = "K"\nreader = "three_public"\n'
        'titles = [["三公"]]\nrequired = true\norder = ["合计", "公务接待费"]\n',
        encoding="utf-8",
    )
    y = lay._load(path)
    assert y.markers == () and y.tables[0].exclude == ()
    assert y.tables[0].required is True
    assert y.tables[0].order == ("合计", "公务接待费")
    assert y.columns == {"合计": "total"}


def test_a_declaration_without_a_required_key_is_refused_naming_file_and_key(
    tmp_path: Path,
) -> None:
    path = tmp_path / "broken.toml"
    path.write_text('name = "x"\nlabel = "X"\ntables = []\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"^layout broken\.toml: missing 'kind'$"):
        lay._load(path)
    path.write_text(
        'name = "x"\nlabel = "X"\nkind = "预算"\n[[tables]]\nkey = "k"\nlabel = "K"\n'
        'titles = [["表"]]\n',
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="missing 'reader'"):
        lay._load(path)


def test_a_title_answers_to_its_first_variant_unless_excluded() -> None:
    d = lay.TableDecl("k", "K", "economic", (("基本支出", "经济分类"), ("经济分类",)), ("基金",))
    assert d.variant("一般公共预算 基本支出 经济分类表") == 0
    assert d.variant("部门支出经济分类表") == 1
    assert d.variant("政府性基金基本支出经济分类表") is None
    assert d.variant("收支总表") is None
    assert d.matches("部门支出经济分类表") and not d.matches("收支总表")
    other = lay.TableDecl("j", "J", "summary", (("收支总表",),))
    x = lay.Layout("x", "X", "预算", (), (), (), (), (), (other, d))
    assert x.table_for("部门支出经济分类表") is d
    assert x.table_for("部门收支总表") is other
    assert x.table_for("三公经费表") is None


# --- titles -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("部门收支总表", True),
        ("部门收支总表（续）", True),  # a qualifier after 表
        ("部门收支总表(单位:万元)", True),
        ("财务收支总表公开表一", True),
        ("收支预算总表公开01表", True),
        ("一般公共预算支出公开表三", False),  # without 公开表三 it does not end in 表
        ("1.部门收支总表", False),  # a numbered contents entry
        ("一、部门收支总表", True),  # a Chinese ordinal numbers real titles
        ("部门收支总表……………………表", False),  # leader dots
        ("部门收支总表 9", False),  # a page number
        ("", False),
        ("   ", False),
        ("表" * 60, True),
        ("表" * 61, False),
        ("部门收支情况", False),
    ],
)
def test_what_reads_like_a_title(line: str, expected: bool) -> None:
    assert lay.is_title_candidate(line) is expected


def test_a_long_title_is_itself() -> None:
    items = [text("某某局"), text(" 2025年部门财务收支预算总表 "), grid(["a"])]
    assert lay.title_text(items, 1) == " 2025年部门财务收支预算总表 "
    assert lay.title_text(items, 2) is None  # a grid
    assert lay.title_text(items, 0) is None  # no title
    assert lay.titles_in(items) == [(1, " 2025年部门财务收支预算总表 ")]


def test_a_qualifier_wrapped_onto_the_next_line_is_joined() -> None:
    above, below = "一般公共预算支出预算明细表（按支出功能分类科", "目-不含上年结转）"
    assert lay.title_text([text(above), text(below)], 1) == above + below
    # on another page, or with nothing above, it is no title
    assert lay.title_text([text(above), text(below, page=2)], 1) is None
    assert lay.title_text([text(below)], 0) is None
    assert lay.title_text([grid([above]), text(below)], 1) is None
    # a line with its own opening bracket is no wrapped qualifier
    assert lay.title_text([text(above), text("（目）")], 1) is None
    # joined, it must still read like a title
    assert lay.title_text([text("部门收支情况（按功能"), text("分类）")], 1) is None


def test_a_short_title_is_joined_with_up_to_two_lines_above() -> None:
    items = [text("公开09表：一般公共预算"), text("“三公”经费"), text("支出预算表")]
    assert lay.title_text(items, 2) == "公开09表：一般公共预算“三公”经费支出预算表"
    # a long line above ends the title there
    items = [text("部门"), text("一般公共预算基本支出经济"), text("分类预算表")]
    assert lay.title_text(items, 2) == "一般公共预算基本支出经济分类预算表"
    # empty quotes left by a wrap are dropped
    items = [text("一般公共预算“"), text("”三公经费"), text("支出表")]
    assert lay.title_text(items, 2) == "一般公共预算三公经费支出表"
    # the two lines above joined must read like a title, else none
    items = [text("部门收支总表……3"), text("三公"), text("支出表")]
    assert lay.title_text(items, 2) is None  # 部门收支总表......3三公支出表: a contents entry
    items = [text("1.部门"), text("三公"), text("支出表")]
    assert lay.title_text(items, 2) is None
    # a title above stops the join, and the line itself is the title
    items = [text("部门收支总表"), text("三公"), text("支出表")]
    assert lay.title_text(items, 2) == "支出表"


@pytest.mark.parametrize(
    "above",
    [
        # (each longer than 8 characters: a shorter line would be joined with the one above it)
        "编制单位：上海市普陀区商务委员会",  # a label line
        "单位名称: 上海市普陀区商务委员会",
        "部门 名称：上海市普陀区商务委员会",
        "以下是本部门的说明如下。",  # a sentence
        "以下是本部门的说明如下；",
        "以下是本部门的说明如下：",
        "以下是本部门的说明如下:",
        "这是一段超过四十个字的说明文字这是一段超过四十个字的说明文字这是一段超过四十个字了",
        "2025年部门财务收支预算总表",  # a title of its own
    ],
)
def test_a_short_title_is_not_joined_with_a_line_that_is_no_part_of_it(above: str) -> None:
    assert lay.title_text([text(above), text("三公经费表")], 1) == "三公经费表"


def test_a_title_of_eight_characters_is_short_of_nine_long() -> None:
    above = "部门一般公共预算财政拨款"  # 12 characters: a line above ends the title there
    assert lay.title_text([text(above), text("三公经费支出总表")], 1) == above + "三公经费支出总表"
    assert lay.title_text([text(above), text("三公经费预算支出表")], 1) == "三公经费预算支出表"
    forty = "这是一段四十个字的标题文字" * 3 + "一"  # 40 characters: still joined
    assert len(forty) == 40
    assert lay.title_text([text(forty), text("三公经费表")], 1) == forty + "三公经费表"


def test_a_line_above_of_eight_characters_is_short_of_nine_long() -> None:
    eight, nine = "一般公共预算三公", "一般公共预算的三公"
    items = [text("部门预算"), text(eight), text("支出表")]
    assert lay.title_text(items, 2) == "部门预算一般公共预算三公支出表"
    items = [text("部门预算"), text(nine), text("支出表")]
    assert lay.title_text(items, 2) == "一般公共预算的三公支出表"


def test_the_first_item_has_no_line_above() -> None:
    items = [text("支出表"), text("一般公共预算三公经费")]
    assert lay.title_text(items, 0) == "支出表"
    items = [text("目-不含上年结转）"), text("一般公共预算支出预算明细表（按支出功能分类科")]
    assert lay.title_text(items, 0) is None


def test_a_short_title_is_not_joined_across_pages() -> None:
    items = [text("一般公共预算", page=1), text("三公经费表", page=2)]
    assert lay.title_text(items, 1) == "三公经费表"
    assert lay.title_text([grid(["一般公共预算"]), text("三公经费表")], 1) == "三公经费表"


# --- choosing a layout ------------------------------------------------------------------------


def test_the_shanghai_document_is_read_in_the_shanghai_layout(swj) -> None:
    assert lay.choose(swj, "swj.pdf").name == "shanghai-budget"


def test_the_error_lists_titles_and_each_layouts_missing_tables() -> None:
    a = lay.Layout(
        "a", "A", "预算", (), (), (), (), (), (decl("t1", "收支总表"), decl("t2", "三公"))
    )
    a = lay.Layout(
        "a",
        "A",
        "预算",
        (),
        (),
        (),
        (),
        (),
        tuple(
            lay.TableDecl(k, label, "summary", ((w,),), required=True)
            for k, label, w in (("t1", "收支总表", "收支总表"), ("t2", "三公表", "三公"))
        ),
    )
    b = lay.Layout(
        "b",
        "B",
        "预算",
        (),
        (),
        (),
        (),
        (),
        (lay.TableDecl("t", "T表", "raw", (("T",),), (), True),),
    )
    orig = lay.layouts
    try:
        lay.layouts = lambda: (a, b)
        with pytest.raises(IngestError) as err:
            lay.choose([text("部门说明表"), text("部门情况表"), text("部门说明表")], "x.pdf")
        assert err.value.file == "x.pdf"
        assert err.value.expected == (
            "a disclosure in a declared layout (budgetlens/layouts/*.toml); required tables per "
            "layout — a: missing 收支总表, 三公表 | b: missing T表. To read this layout, declare "
            "its tables in a new layouts/<name>.toml"
        )
        assert err.value.found == "tables titled: 部门说明表; 部门情况表"
        with pytest.raises(IngestError) as err:
            lay.choose([text("说明")], "x.pdf")
        assert err.value.found == "tables titled: no table titles"
        many = [text(f"第{k:03d}号部门说明表") for k in range(50)]
        with pytest.raises(IngestError) as err:
            lay.choose(many, "x.pdf")
        assert len(err.value.found) == 400
    finally:
        lay.layouts = orig


def test_without_a_required_table_no_layout_fits_and_the_error_says_what_lacks(swj) -> None:
    cut = [it for it in swj if not (isinstance(it, TextItem) and "三公" in it.text)]
    with pytest.raises(IngestError) as err:
        lay.choose(cut, "swj.pdf")
    message = str(err.value)
    assert "swj.pdf" in message
    assert "shanghai-budget: missing “三公”经费和机关运行经费预算表" in message
    assert "2025年部门财务收支预算总表" in message  # the titles it found
    assert "layouts/<name>.toml" in message
    with pytest.raises(IngestError, match="no table titles"):
        lay.choose([text("说明")], "x.pdf")


def test_the_layout_finding_most_tables_wins_and_a_marker_breaks_a_tie() -> None:
    one = lay.TableDecl("a", "A", "summary", (("收支总表",),), required=True)
    two = lay.TableDecl("b", "B", "summary", (("三公",),))
    few = lay.Layout("few", "F", "预算", ("标记",), (), (), (), (), (one,))
    many = lay.Layout("many", "M", "预算", (), (), (), (), (), (one, two))
    marked = lay.Layout("marked", "K", "预算", ("标记",), (), (), (), (), (one, two))
    items = [text("部门收支总表"), text("三公经费表")]
    orig = lay.layouts
    try:
        lay.layouts = lambda: (few, many)
        assert lay.choose(items, "x").name == "many"
        lay.layouts = lambda: (many, marked)
        assert lay.choose(items, "x").name == "many"  # no marker in the text: the first
        assert lay.choose([text("标 记"), *items], "x").name == "marked"
        assert lay.choose([text("标"), text("记"), *items], "x").name == "marked"
        # a marker is looked for in the first 400 items only
        filler = [text("说明")] * 399
        assert lay.choose([*filler, text("标记"), *items], "x").name == "marked"
        assert lay.choose([*filler, text("说明"), text("标记"), *items], "x").name == "many"
        lay.layouts = lambda: (marked, many)
        assert lay.choose(items, "x").name == "marked"
    finally:
        lay.layouts = orig


# --- cutting a document into its tables -------------------------------------------------------


def test_the_shanghai_tables_are_found_on_their_pages(swj) -> None:
    """NOTES.md: every table in 元 but the 三公 table (万元), the 政府性基金 and 国有资本经营
    tables empty with the note 本表为空表; continued pages as listed there."""
    sh = by_name("shanghai-budget")
    known, unknown = lay.locate(swj, sh, lambda k: f"file{k}")
    got = [(t.decl.key, t.page, [g.page for _, g in t.grids], t.unit, t.empty_note) for t in known]
    assert got == [
        ("income_expense_summary", 9, [9], "元", False),
        ("revenue_function", 10, [10, 11], "元", False),
        ("expenditure_total", 12, [12, 13], "元", False),
        ("fiscal_summary", 14, [14], "元", False),
        ("general_budget_expenditure", 15, [15, 16], "元", False),
        ("gov_fund_expenditure", 17, [17], "元", True),
        ("state_capital", 18, [18], "元", True),
        ("basic_economic", 19, [19, 20], "元", False),
        ("three_public", 21, [21], "万元", False),
    ]
    assert {t.department for t in known} == {"上海市普陀区商务委员会"}
    assert known[0].title == "2025年部门财务收支预算总表"
    assert known[0].file == f"file{known[0].item_index}"
    assert isinstance(swj[known[0].item_index], TextItem)
    assert all(isinstance(swj[k], GridItem) for t in known for k, _ in t.grids)
    assert [t.decl.key for t in unknown] == []


def decl(key: str, word: str) -> lay.TableDecl:
    return lay.TableDecl(key, key, "summary", ((word,),))


TWO = lay.Layout(
    "two",
    "T",
    "预算",
    (),
    (),
    ("^编制部门[:：](?P<v>.+)$", "^部门[:：](?P<v>.+)$"),
    (),
    (),
    (decl("summary", "收支总表"), decl("three", "三公")),
)


def test_a_grid_without_a_title_continues_the_table_and_an_unknown_title_is_kept_raw() -> None:
    items = [
        grid(["before any title"]),
        text("部门收支总表"),
        text("编制部门：某某局"),
        text("部门：另一个局"),  # the first department line is kept
        text("单位：元"),
        text("单位：万元"),  # the first unit is kept
        grid(["1.00"], page=1),
        grid(["2.00"], page=2),  # the next page: no title since
        text("部门收支情况明细表", page=3),  # a title the layout does not declare
        text("单位：千元", page=3),
        grid(["3.00"], page=3),
        grid(["4.00"], page=4),
        text("三公经费表", page=5),
        grid(["金额单位：千元", None], ["5.00", None], page=5),
    ]
    known, unknown = lay.locate(items, TWO, lambda k: f"f{k}")
    assert [(t.decl.key, t.title, t.item_index, t.page, t.file) for t in known] == [
        ("summary", "部门收支总表", 1, 1, "f1"),
        ("three", "三公经费表", 12, 5, "f12"),
    ]
    assert [[k for k, _ in t.grids] for t in known] == [[6, 7], [13]]
    assert [(t.unit, t.department) for t in known] == [("元", "某某局"), ("千元", None)]
    raw = [(t.decl.key, t.decl.reader, t.title, t.item_index, t.page, t.file) for t in unknown]
    assert raw == [("unknown_1", "raw", "部门收支情况明细表", 8, 3, "f10")]
    assert [k for k, _ in unknown[0].grids] == [10, 11]
    assert (unknown[0].decl.label, unknown[0].decl.titles) == ("部门收支情况明细表", ())
    assert unknown[0].unit is None  # text after an unknown title is not read for a unit


def test_a_unit_in_the_first_three_rows_of_a_grid() -> None:
    items = [text("部门收支总表"), grid(["a"], ["b"], ["c"], ["单位:万元"])]
    assert lay.locate(items, TWO, str)[0][0].unit is None
    items = [text("部门收支总表"), grid(["a"], [None, "b"], ["x", "单位：万元"])]
    assert lay.locate(items, TWO, str)[0][0].unit == "万元"


def test_an_empty_table_note() -> None:
    def note(line: str) -> bool:
        items = [text("部门收支总表"), text(line), grid(["项目"])]
        return lay.locate(items, TWO, str)[0][0].empty_note

    assert note("注：本表无数据")
    assert note("此表为空")
    assert note("本表无数据。")  # (本表为空表 would read as a title)
    assert note("注：无政府性基金预算支出")
    assert not note("本表单位为元")  # 本表 without an empty marker
    assert not note("没有变化")  # an empty marker without 本表/此表/注


def test_a_contents_entry_that_reads_like_a_title_gives_way_to_the_table() -> None:
    items = [
        text("部门收支总表"),  # the contents
        grid(["1", "部门收支总表"]),  # a 序号 is no figure
        text("部门收支总表"),
        grid(["合计", "12.50"]),
    ]
    known, unknown = lay.locate(items, TWO, str)
    assert [(t.item_index, [k for k, _ in t.grids]) for t in known] == [(2, [3])]
    assert unknown == []


def test_a_repeated_title_over_a_continued_page_continues_the_table() -> None:
    items = [
        text("部门收支总表"),
        grid(["合计", "12.50"]),
        text("部门收支总表", page=2),
        grid(["小计", "2.50"], page=2),
        text("2025年部门收支总表", page=3),  # one title spelled longer: the same
        grid(["小计", "1.50"], page=3),
    ]
    known, unknown = lay.locate(items, TWO, str)
    assert [(t.item_index, [k for k, _ in t.grids]) for t in known] == [(0, [1, 3, 5])]
    assert unknown == []


def test_a_second_table_answering_to_a_declared_one_is_no_continuation() -> None:
    items = [
        text("部门收支总表"),
        grid(["合计", "12.50"]),
        text("单位收支总表"),  # another title answering to the same declaration
        grid(["合计", "3.00"]),
    ]
    known, unknown = lay.locate(items, TWO, str)
    assert [(t.item_index, [k for k, _ in t.grids]) for t in known] == [(0, [1])]
    assert [(t.title, [k for k, _ in t.grids]) for t in unknown] == [("单位收支总表", [3])]


def test_a_more_specific_variant_found_later_is_the_declared_table() -> None:
    economic = lay.TableDecl("economic", "E", "economic", (("基本支出", "经济分类"), ("经济分类",)))
    x = lay.Layout("x", "X", "预算", (), (), (), (), (), (economic,))
    items = [
        text("一般公共预算支出经济分类情况表"),
        grid(["合计", "9.00"]),
        text("一般公共预算基本支出经济分类情况表"),
        grid(["合计", "4.00"]),
        text("一般公共预算支出经济分类情况表"),  # the less specific one again: not declared
        grid(["合计", "9.00"]),
    ]
    known, unknown = lay.locate(
        [text("部门收支情况明细表"), grid(["合计", "1.00"]), *items], x, str
    )
    assert [(t.decl.key, t.item_index, [k for k, _ in t.grids]) for t in known] == [
        ("economic", 4, [5])
    ]
    assert [(t.decl.key, t.decl.reader, t.decl.label, t.decl.titles, t.title) for t in unknown] == [
        ("unknown_1", "raw", "部门收支情况明细表", (), "部门收支情况明细表"),
        (
            "unknown_2",
            "raw",
            "一般公共预算支出经济分类情况表",
            (),
            "一般公共预算支出经济分类情况表",
        ),
        (
            "unknown_3",
            "raw",
            "一般公共预算支出经济分类情况表",
            (),
            "一般公共预算支出经济分类情况表",
        ),
    ]
    assert [[k for k, _ in t.grids] for t in unknown] == [[1], [3], [7]]


def test_two_titles_of_one_variant_the_first_is_the_declared_table() -> None:
    economic = lay.TableDecl("economic", "E", "economic", (("基本支出", "经济分类"), ("经济分类",)))
    x = lay.Layout("x", "X", "预算", (), (), (), (), (), (economic,))
    items = [
        text("一般公共预算支出经济分类情况表"),
        grid(["合计", "9.00"]),
        text("政府性基金支出经济分类情况表"),
        grid(["合计", "4.00"]),
    ]
    known, unknown = lay.locate(items, x, str)
    assert [(t.item_index, [k for k, _ in t.grids]) for t in known] == [(0, [1])]
    assert [(t.title, [k for k, _ in t.grids]) for t in unknown] == [
        ("政府性基金支出经济分类情况表", [3])
    ]


def test_same_title_and_weak_tables() -> None:
    assert lay._same_title("收支总表", "表1 收支总表")
    assert lay._same_title("表1 收支总表", "收支总表")
    assert lay._same_title("收支 总表", "收支总表")
    assert not lay._same_title("收支总表", "收支总表（续）")
    d = decl("summary", "收支总表")

    def weak(*rows, note=False) -> bool:
        t = lay.Located(d, "收支总表", 0, 1, "f", empty_note=note, grids=[(1, grid(*rows))])
        return lay.is_weak(t)

    assert weak(["1", "收支总表"], ["12", "说明"])  # 序号 (two digits at most) in the first cell
    assert not weak(["1", "收支总表"], [None, "12"])  # a number in another cell is a figure
    assert not weak(["123", "x"])  # three digits are a figure
    assert not weak(["x", "1"])  # a number outside the first cell
    assert not weak(["0.00"])
    assert not weak(["x"], note=True)  # 本表无数据
    assert weak(["x"])


# --- identity ---------------------------------------------------------------------------------


def test_the_shanghai_document_states_its_identity_on_the_cover(swj) -> None:
    """p1: 上海市普陀区2025年区级部门预算 / 预算主管部门：上海市普陀区商务委员会; a 部门预算."""
    expected = {
        "department": "上海市普陀区商务委员会",
        "government": "上海市普陀区",
        "year": 2025,
        "kind": "预算",
        "scope": "部门",
    }
    assert lay.identity(swj, by_name("shanghai-budget"), "swj.pdf") == expected
    # no layout given: every layout's patterns; the scope only when a unit marker is named
    assert lay.identity(swj, None, "swj.pdf") == expected | {"scope": None}


@pytest.mark.parametrize(
    ("department", "government"),
    [
        ("江苏省人民检察院", "江苏省"),
        ("上海市普陀区司法局", "上海市普陀区"),
        ("中共上海市普陀区委宣传部", "上海市普陀区"),
        ("晋城市科学技术局", "晋城市"),
        ("国家信访局", "中央"),
        ("中央某某委员会", "中央"),
        ("中国某某协会", "中央"),
        ("全国某某办公室", "中央"),
        ("长沙职业教育基地综合协调办公室", "长沙市"),
        ("呼和浩特某某办公室", "呼和浩特市"),  # the longest short name first
        ("某某办公室", None),
    ],
)
def test_the_government_of_a_department(department: str, government: str | None) -> None:
    assert lay.government_of(department) == government


def test_a_pattern_value_that_names_no_unit_or_page_is_taken() -> None:
    pats = ("^单位[:：](?P<v>.*)$", "^编制[:：](?P<v>.*)$")
    assert lay._first_match(pats, ["单位：万元", "单位： 某某局 "]) == "某某局"
    assert lay._first_match(pats, ["单位：", "编制：某某局"]) == "某某局"
    assert lay._first_match(pats, ["单位：第3页,共45页", "单位：元"]) is None
    assert lay._first_match(pats, ["单位：金额单位：千元"]) is None
    assert lay._first_match((), ["单位：某某局"]) is None


def test_a_name_in_the_cell_right_of_its_label() -> None:
    labels = ("部门名称", "单位名称")
    items = [
        text("部门名称：文字行"),
        grid(["单位名称", "合计"], ["单位名称：", None, "万元"], ["部门名称", "12"]),
        grid(["x", "单位名称", "某某局办公室"]),
    ]
    assert lay._labelled_cell(items, labels) == "某某局办公室"
    assert lay._labelled_cell([grid(["部门名称", " 某某局 "])], labels) == "某某局"
    assert lay._labelled_cell([grid(["部门名称：", "某某局"])], labels) == "某某局"
    assert lay._labelled_cell([grid(["部门名称:", "某某局"])], labels) == "某某局"
    # a label over a column, then the label of the name in the same row
    row = ["单位名称", "合计", "部门名称", "某某局办公室"]
    assert lay._labelled_cell([grid(row)], labels) == "某某局办公室"
    assert lay._labelled_cell([grid(["部门名称", "某局"])], labels) is None  # two characters
    assert lay._labelled_cell([grid(["编制单位", "某某局"])], labels) is None


def test_the_year_kind_and_scope_from_the_lines_when_no_pattern_names_them() -> None:
    bare = lay.Layout("b", "B", "预算", (), ("单位预算",), (), (), (), ())
    items = [
        text("2024年部门决算"),
        text("2024年说明"),
        text("2024年说明"),
        text("2023年收支总表"),
    ]
    got = lay.identity(items, bare, "x")
    # a title names 2023, three lines 2024: the year of the titles wins over the lines'
    assert (got["year"], got["kind"], got["scope"]) == (2023, "决算", "部门")
    items = [text("单位预算"), text("2024年说明"), text("2022年说明"), text("2022年说明")]
    assert lay.identity(items, bare, "x")["year"] == 2022  # the most named
    years = [2022, 2022, 2022, 2024, 2024, 2024, 2024]
    items = [text(f"{y}年说明") for y in years]
    assert lay.identity(items, bare, "x")["year"] == 2022  # of the first five lines naming one
    items = [text("说明"), grid(["2021年预算数", "2021 年决算数", "2020年"])]
    got = lay.identity(items, bare, "x")
    assert got["year"] == 2021  # a document of tables only: the years its cells name
    assert got["kind"] is None and got["scope"] == "部门"
    assert lay.identity([text("部门预算说明")], bare, "x")["kind"] == "预算"
    assert lay.identity([text("预算执行")], bare, "x")["kind"] == "预算"
    assert lay.identity([text("单位预算")], bare, "x")["scope"] == "单位"
    # no layout given: a scope only when some layout's unit marker is named
    assert lay.identity([text("说明")], None, "x")["scope"] is None
    assert lay.identity([text("区级单位预算")], None, "x")["scope"] == "单位"


def test_a_cover_spread_over_lines_reads_as_one() -> None:
    x = lay.Layout("x", "X", "预算", (), (), ("^\\d{4}年度(?P<v>\\S+?支队)单位预算$",), (), (), ())
    # a line of punctuation only is no part of it
    items = [text("2026年度"), text("."), text("福州市某某支队"), text("单位预算")]
    got = lay.identity(items, x, "x")
    assert (got["department"], got["government"]) == ("福州市某某支队", "福州市")
    # nor is a contents page's numbered heading
    items = [text("2026年度"), text("一、主要职能"), text("某某支队"), text("单位预算")]
    assert lay.identity(items, x, "x")["department"] == "某某支队"


def test_the_head_is_the_first_sixty_lines_and_the_cover_the_first_ten() -> None:
    bare = lay.Layout("b", "B", "预算", (), (), (), (), (), ())
    assert lay.identity([text("说明")] * 59 + [text("部门决算")], bare, "x")["kind"] == "决算"
    assert lay.identity([text("说明")] * 60 + [text("部门决算")], bare, "x")["kind"] is None
    x = lay.Layout("x", "X", "预算", (), (), ("^\\d{4}年度(?P<v>\\S+?支队)单位预算$",), (), (), ())
    lines = [".", ".", ".", "甲", "乙", "丙", "丁", "戊", "2026年度", "某某支队", "单位预算"]
    assert lay.identity([text(t) for t in lines], x, "x")["department"] is None
    del lines[0]  # 单位预算 is now among the first ten lines
    assert lay.identity([text(t) for t in lines], x, "x")["department"] == "某某支队"


def test_the_cover_joins_two_or_three_of_its_first_eight_words() -> None:
    x = lay.Layout("x", "X", "预算", (), (), ("^\\d{4}年度(?P<v>\\S+?支队)单位预算$",), (), (), ())

    def department(*lines: str) -> str | None:
        return lay.identity([text(t) for t in lines], x, "x")["department"]

    assert department("2026年度某某支队", "单位预算", "目录") == "某某支队"
    assert department("2026年度", "某某支队", "单位预算", "目录") == "某某支队"
    assert department("2026年度", "某某", "支队", "单位预算") is None  # four lines
    assert department("甲", "乙", "丙", "丁", "戊", "2026年度某某支队", "单位预算") == "某某支队"
    assert department("甲", "乙", "丙", "丁", "戊", "己", "2026年度某某支队", "单位预算") is None


def test_the_covers_name_comes_before_the_tables() -> None:
    """长春: 长春市信访局(本级) on the cover, 预算单位：长春市信访局 in the tables."""
    x = lay.Layout("x", "X", "预算", (), (), ("^预算单位[:：](?P<v>.+)$",), (), (), ())
    cover = ["2026年", "预算单位：", "长春市信访局(本级)"]
    lines = [*cover, *["说明"] * 5, "预算单位：长春市信访局"]  # the ninth line
    assert lay.identity([text(t) for t in lines], x, "x")["department"] == "长春市信访局(本级)"
    lines = [*cover, *["说明"] * 4, "预算单位：长春市信访局"]  # the eighth line
    assert lay.identity([text(t) for t in lines], x, "x")["department"] == "长春市信访局"
    lines = ["说明"] * 20 + ["预算单位：长春市信访局"]
    assert lay.identity([text(t) for t in lines], x, "x")["department"] == "长春市信访局"


def test_only_the_given_layouts_patterns_are_used() -> None:
    bare = lay.Layout("b", "B", "预算", (), (), (), (), (), ())
    items = [text("预算主管部门：某某局")]  # the Shanghai layout's department line
    assert lay.identity(items, bare, "x")["department"] is None
    assert lay.identity(items, None, "x")["department"] == "某某局"


@pytest.mark.parametrize("label", ["部门名称", "单位名称", "编制单位", "编制部门"])
def test_the_labels_of_a_departments_cell(label: str) -> None:
    bare = lay.Layout("b", "B", "预算", (), (), (), (), (), ())
    got = lay.identity([grid([label, "上海市某某局"])], bare, "x")
    assert got["department"] == "上海市某某局"


def test_government_and_year_patterns_come_first() -> None:
    g = lay.Layout(
        "g",
        "G",
        "预算",
        (),
        (),
        ("^预算主管部门[:：](?P<v>.+)$",),
        ("^(?P<v>.+?区)\\d{4}年区级部门预算$",),
        ("^.*?(?P<v>\\d{4})年区级部门预算$",),
        (),
    )
    items = [
        text("上海市普陀区2023年区级部门预算"),
        text("预算主管部门：某某局"),  # names no government
        text("2025年部门收支总表"),
        text("2025年三公经费表"),
    ]
    got = lay.identity(items, g, "x")
    assert (got["government"], got["year"]) == ("上海市普陀区", 2023)


def test_kind_and_scope_read_across_lines() -> None:
    bare = lay.Layout("b", "B", "预算", (), (), (), (), (), ())
    assert lay.identity([text("某某局2024年"), text("决算")], bare, "x")["kind"] == "决算"
    unit = lay.Layout("u", "U", "预算", (), ("单位预算",), (), (), (), ())
    assert lay.identity([text("某某局单位"), text("预算")], unit, "x")["scope"] == "单位"
    # the cover is the first eight lines
    lines = ["说明"] * 7 + ["单位预算"]
    assert lay.identity([text(t) for t in lines], unit, "x")["scope"] == "单位"
    lines = ["说明"] * 8 + ["单位预算"]
    assert lay.identity([text(t) for t in lines], unit, "x")["scope"] == "部门"


def test_a_department_from_a_labelled_cell_when_no_line_names_it() -> None:
    items = [text("2025年部门预算"), grid(["部门名称", "上海市某某局"])]
    got = lay.identity(items, TWO, "x")
    assert (got["department"], got["government"]) == ("上海市某某局", "上海市")
