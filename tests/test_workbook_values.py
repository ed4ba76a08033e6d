"""The seed workbook's cells against the hand reading of the seed document.

Every amount, unit, number format, sheet name, heading and source line is compared with a value
read by hand from ``data/raw/jincheng-kejiju-2024.txt`` (the hand-read fixtures
``tests/fixtures/jincheng-kejiju-2024/*.csv`` give each value with its line; a line cited below
is a line of that file) or worked out by hand here. The workbook is built once a module from the
seed database (≈ 1 s) and read back with openpyxl; the helpers of ``budgetlens/workbook.py`` are
called on rows made for the case where the seed has no such case (a PDF's pages, a table kept as
printed cells, a 政府采购预算表).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from budgetlens import db, workbook
from budgetlens.workbook import LINE, PAGE, Col, build_workbook
from tests.conftest import SEED, read_fixture

DEPARTMENT, YEAR = "晋城市科学技术局", 2024  # the seed's lines 3 and 5
TITLE = "晋城市科学技术局2024年度部门预算公开"  # lines 3 and 5, as the document's title
AMOUNT, COUNT, LINE_FORMAT, GENERAL = "#,##0.00", "#,##0", "0", "General"
LEVELS = "；级次 0 合计、1 类、2 款、3 项"
UNIT = (
    "（原表单位：万元；本表金额：万元）"  # every table of the seed says 单位：万元 (e.g. line 196)
)
# the sheets in document order: each table's title line (lines 112 … 448) and its short name
TABLES = [
    ("收支总表", "2024年预算收支总表", 112),
    ("收入总表", "2024年预算收入总表", 155),
    ("支出总表", "2024年预算支出总表", 192),
    ("财政拨款收支总表", "2024年财政拨款收支总表", 228),
    ("一般公共预算支出表", "2024年一般公共预算支出预算表（不含上年结转）", 275),
    ("基本支出分经济科目表", "2024年一般公共预算安排基本支出分经济科目表（不含上年结转）", 309),
    ("政府性基金预算收入表", "2024年政府性基金预算收入表（不含上年结转）", 357),
    ("政府性基金预算支出表", "2024年政府性基金预算支出表（不含上年结转）", 369),
    ("国有资本经营预算收支预算表", "2024年国有资本经营预算收支预算表（不含上年结转）", 382),
    ("“三公”经费支出预算表", "2024年财政拨款安排“三公”经费支出预算表", 397),
    ("机关运行经费预算表", "2024年财政拨款安排机关运行经费预算表", 414),
    ("项目支出预算表（本年预算）", "2024年项目支出预算表（本年预算）", 425),
    ("项目支出预算表（上年结转）", "2024年项目支出预算表（上年结转）", 448),
]


@pytest.fixture(scope="module")
def con(seed_db: Path):
    c = db.connect(seed_db, read_only=True)
    yield c
    c.close()


@pytest.fixture(scope="module")
def book(con, tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("wb_values") / "seed.xlsx"
    names = build_workbook(con, DEPARTMENT, YEAR, path)
    wb = openpyxl.load_workbook(str(path))
    assert wb.sheetnames == names
    return wb


@pytest.fixture(scope="module")
def book_en(con, tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("wb_values_en") / "seed-en.xlsx"
    build_workbook(con, DEPARTMENT, YEAR, path, lang="en")
    return openpyxl.load_workbook(str(path))


def header(ws) -> list[str]:
    return [c.value for c in ws[2]]


def by_line(ws, line: int, **match) -> dict:
    """The sheet's row read from ``line`` (and matching ``match``): {header: cell}."""
    names = header(ws)
    rows = [
        dict(zip(names, r, strict=True))
        for r in ws.iter_rows(min_row=3)
        if r[names.index("原文行号")].value == line
    ]
    rows = [r for r in rows if all(r[k].value == v for k, v in match.items())]
    assert len(rows) == 1, (ws.title, line, match)
    return rows[0]


def amount_is(cell, text: str) -> None:
    """A cell holding the published amount ``text`` (万元) with the amount format, or an empty
    cell without one where the document prints nothing."""
    if text == "":
        assert cell.value is None, cell.coordinate
        assert cell.number_format == GENERAL, cell.coordinate
    else:
        assert isinstance(cell.value, int | float), cell.coordinate
        assert Decimal(str(cell.value)) == Decimal(text), cell.coordinate
        assert cell.number_format == AMOUNT, cell.coordinate


def line_is(cell, line: int) -> None:
    assert cell.value == line and type(cell.value) is int
    assert cell.number_format == LINE_FORMAT


# --- sheet names, order, headings -----------------------------------------------------------------


def test_sheets_are_named_and_ordered_as_the_document(book) -> None:
    names = [n for n, _, _ in TABLES]
    assert book.sheetnames == ["封面", *names, "绩效指标", "关键数字", "数据核对"]


def test_each_table_sheet_is_headed_with_its_title_and_unit(book) -> None:
    levelled = {
        "收入总表",
        "支出总表",
        "一般公共预算支出表",
    }  # 科目 with 级次 (lines 162, 199, 280)
    empty = {r["title"] for r in read_fixture("empty_tables.csv")}
    for name, title, _ in TABLES:
        ws = book[name]
        if title in empty:
            assert ws["A1"].value == title
        else:
            assert ws["A1"].value == title + UNIT + (LEVELS if name in levelled else ""), name
        assert ws["A1"].font.b and ws["A1"].font.sz == 13, name
        assert ws.freeze_panes == "A3", name


def test_header_cells_are_styled(book) -> None:
    ws = book["支出总表"]
    assert header(ws) == [
        "科目编码",
        "科目名称",
        "级次",
        "合计（万元）",
        "基本支出（万元）",
        "项目支出（万元）",
        "原文行号",
    ]
    for cell in ws[2]:
        assert cell.font.b and cell.font.name == "Microsoft YaHei"
        assert cell.font.color.rgb.endswith("FFFFFF")
        assert cell.fill.fill_type == "solid" and cell.fill.fgColor.rgb.endswith("1F5FA8")
        assert cell.alignment.vertical == "center"
    body = ws["B3"]
    assert body.font.name == "Microsoft YaHei" and not body.font.b


def test_column_widths_follow_the_widest_text(book) -> None:
    ws = book["支出总表"]
    # 科目编码 (A): the header, 4 CJK characters = 8, is wider than any code (7 digits) → 8 + 2
    assert ws.column_dimensions["A"].width == 10
    # 级次 (C): header 4, values one digit → at least 8
    assert ws.column_dimensions["C"].width == 8
    # 合计（万元） (D): 2 + 4 full-width = 12 → 14 (no amount is as wide: 4,266.91 is 8)
    assert ws.column_dimensions["D"].width == 14
    # 科目名称 (B): the longest name of the table, 行政单位医疗 … read at line 218 ff.
    longest = max(
        sum(2 if ord(ch) >= 0x2E80 else 1 for ch in r["name"])
        for r in read_fixture("function_tables.csv")
        if r["table"] == "expenditure_total"
    )
    assert ws.column_dimensions["B"].width == longest + 2
    # a long sentence is capped at 60 (关键数字's 原文 column: line 466's sentence)
    ws = book["关键数字"]
    assert ws.column_dimensions["E"].width == 60


# --- the tables' values ---------------------------------------------------------------------


def test_function_tables_equal_the_hand_reading(book) -> None:
    sheets = {"expenditure_total": "支出总表", "general_budget_expenditure": "一般公共预算支出表"}
    checked = 0
    for r in read_fixture("function_tables.csv"):
        if r["table"] not in sheets:
            continue
        row = by_line(book[sheets[r["table"]]], int(r["line"]))
        assert row["科目编码"].value == (r["code"] or None)
        assert row["科目名称"].value == r["name"]
        # 级次 from the code's length (3 类, 5 款, 7 项; the 合计 row has none: 0)
        level = {0: 0, 3: 1, 5: 2, 7: 3}[len(r["code"])]
        assert row["级次"].value == level and row["级次"].number_format == COUNT
        amount_is(row["合计（万元）"], r["total"])
        amount_is(row["基本支出（万元）"], r["basic"])
        amount_is(row["项目支出（万元）"], r["project"])
        line_is(row["原文行号"], int(r["line"]))
        checked += 1
    assert checked >= 40


def test_revenue_table_equals_the_hand_reading(book) -> None:
    ws = book["收入总表"]
    # only the columns the document fills (lines 161–162: 一般公共预算 and 上年结转)
    assert header(ws) == [
        "科目编码",
        "科目名称",
        "级次",
        "合计（万元）",
        "一般公共预算（万元）",
        "上年结转（万元）",
        "原文行号",
    ]
    rows = read_fixture("revenue_by_function.csv")
    assert ws.max_row - 2 == len(rows)
    for r in rows:
        row = by_line(ws, int(r["line"]))
        assert row["科目名称"].value == r["name"]
        amount_is(row["合计（万元）"], r["total"])
        amount_is(row["一般公共预算（万元）"], r["general_budget"])
        amount_is(row["上年结转（万元）"], r["carried_over"])


def test_summary_tables_equal_the_hand_reading(book) -> None:
    columns = {
        "amount": "金额（万元）",
        "total": "合计（万元）",
        "current_year": "本年预算（万元）",
        "carried_over": "上年结转（万元）",
        "general_budget": "一般公共预算（万元）",
    }
    sheets = {"income_expense_summary": "收支总表", "fiscal_summary": "财政拨款收支总表"}
    # lines 118–119: 收入 | 2024年 ‖ 支出 | 合计 | 当年预算 | 上年结转: the standard's order
    assert header(book["收支总表"]) == [
        "收支",
        "项目",
        "上级项目",
        "金额（万元）",
        "合计（万元）",
        "本年预算（万元）",
        "上年结转（万元）",
        "原文行号",
    ]
    for r in read_fixture("summary_rows.csv"):
        row = by_line(book[sheets[r["table"]]], int(r["line"]), 收支=r["side"], 项目=r["item"])
        amount_is(row[columns[r["column"]]], r["amount"])
        line_is(row["原文行号"], int(r["line"]))
    # line 120: the 收入 一、一般公共预算 row fills 金额 only; its 支出 half fills 合计, 本年预算
    row = by_line(book["收支总表"], 120, 收支="收入")
    for column in ("合计（万元）", "本年预算（万元）", "上年结转（万元）"):
        amount_is(row[column], "")


def test_economic_table_equals_the_hand_reading(book) -> None:
    ws = book["基本支出分经济科目表"]
    kinds = {"total": "合计", "group": "类", "item": "科目"}
    rows = read_fixture("economic.csv")
    assert ws.max_row - 2 == len(rows)
    for r in rows:
        row = by_line(ws, int(r["line"]))
        assert row["行类型"].value == kinds[r["row_kind"]]
        assert row["经济科目类"].value == (r["group"] or None)
        # the 合计 row (line 317) says 合计 in its first cell: its kind, not a class
        assert row["部门经济科目"].value == (None if r["row_kind"] == "total" else r["dept_class"])
        assert row["政府经济科目"].value == (r["gov_class"] or None)
        amount_is(row["合计（万元）"], r["total"])
        amount_is(row["人员经费（万元）"], r["personnel"])
        amount_is(row["公用经费（万元）"], r["public"])


def test_admin_operating_and_project_tables_equal_the_hand_reading(book) -> None:
    ws = book["机关运行经费预算表"]
    assert header(ws) == ["项目", "合计（万元）", "一般公共预算（万元）", "原文行号"]
    for r in read_fixture("admin_operating.csv"):
        row = by_line(ws, int(r["line"]))
        assert row["项目"].value == r["unit"]
        amount_is(row["合计（万元）"], r["total"])
        amount_is(row["一般公共预算（万元）"], r["general_budget"])
    kinds = {"department": "部门合计", "unit": "单位小计", "project": "项目"}
    for r in read_fixture("projects.csv"):
        name = (
            "项目支出预算表（上年结转）"
            if r["carried_over"] == "true"
            else "项目支出预算表（本年预算）"
        )
        row = by_line(book[name], int(r["line"]))
        assert row["行类型"].value == kinds[r["row_kind"]]
        assert row["预算单位"].value == (r["unit"] or None)
        if r["row_kind"] == "project":
            assert row["项目"].value == r["project"]
        amount_is(row["合计（万元）"], r["total"])
        amount_is(row["一般公共预算（万元）"], r["general_budget"])


def test_empty_tables_say_so_with_their_line(book) -> None:
    for r in read_fixture("empty_tables.csv"):
        name = next(n for n, title, _ in TABLES if title == r["title"])
        ws = book[name]
        assert header(ws) == ["说明", "原文行号"]
        assert ws["A3"].value == "本表无数据"
        line_is(ws["B3"], int(r["line"]))
        assert ws.max_row == 3
    # column A as wide as the title: 2024 (4) + 19 CJK/full-width characters (38) + 2
    assert book["政府性基金预算收入表"].column_dimensions["A"].width == 44
    # a short title: at least 16 (四 (2) … 本表无数据 is 10 + 2 = 12 in the sheet, then 16)
    wb = openpyxl.Workbook()
    ws = workbook.write_empty_sheet(wb, "x", "短表", 7)
    assert ws.column_dimensions["A"].width == 16


# --- indicators, key figures, checks ------------------------------------------------------------


def test_indicator_sheet_equals_the_hand_reading(book) -> None:
    ws = book["绩效指标"]
    rows = read_fixture("indicators.csv")
    assert ws.max_row - 2 == len(rows)
    # line 558: 省级研发平台、省级众创空间奖励 2项 (a count: no decimals)
    row = by_line(ws, 558)
    assert row["三级指标"].value == "省级研发平台、省级众创空间奖励"
    assert row["指标值（原文）"].value == "2项"
    assert row["数值"].value == 2 and row["数值"].number_format == COUNT
    assert row["单位"].value == "项" and row["期间"].value == "年度"
    assert row["指标值类型"].value == "数值" and row["已归入指标树"].value == "是"
    line_is(row["原文行号"], 558)
    # line 559: ≤93家
    row = by_line(ws, 559)
    assert row["比较"].value == "≤" and row["数值"].value == 93


def test_key_figure_sheet_splits_amounts_from_other_values(book) -> None:
    ws = book["关键数字"]
    hand = read_fixture("key_figures.csv")  # the figures read by hand (the sheet holds more)
    names = header(ws)
    assert names == ["内容", "金额（万元）", "其他数值", "计量单位", "原文", "原文行号"]
    got = Counter(
        (
            r[5].value,
            r[3].value,
            abs(Decimal(str(r[1].value if r[1].value is not None else r[2].value))),
        )
        for r in ws.iter_rows(min_row=3)
    )
    # the hand reading writes a decrease as printed (减少2.55万元, line 507): its size
    want = Counter((int(h["line"]), h["unit"], Decimal(h["value"])) for h in hand)
    assert not want - got, want - got
    for r in ws.iter_rows(min_row=3):
        amount, other, unit = r[1], r[2], r[3].value
        if unit == "万元":
            assert other.value is None and amount.number_format == AMOUNT
        else:
            assert amount.value is None and amount.number_format == GENERAL
            value = Decimal(str(other.value))
            # a whole count (8 个, line 540) without decimals; 39.11 % (line 466) with two
            assert other.number_format == (COUNT if value == value.to_integral_value() else AMOUNT)
    # line 466: 增长39.11%
    pct = [r for r in ws.iter_rows(min_row=3) if r[5].value == 466 and r[3].value == "%"]
    assert pct and all(Decimal(str(r[2].value)) == Decimal("39.11") for r in pct)
    assert all(r[2].number_format == AMOUNT for r in pct)


def test_checks_sheet_names_each_findings_lines(book) -> None:
    ws = book["数据核对"]
    names = header(ws)
    assert names == [
        "序号",
        "状态",
        "核对类型",
        "核对内容",
        "应为",
        "实际",
        "差额",
        "容差",
        "说明",
        "涉及行号",
        "原文行号",
    ]
    rows = [dict(zip(names, r, strict=True)) for r in ws.iter_rows(min_row=3)]
    assert [r["序号"].value for r in rows] == list(range(1, len(rows) + 1))
    assert all(r["序号"].number_format == COUNT for r in rows)
    words = {"ok": "一致", "rounding": "尾差", "mismatch": "不一致", "unjudged": "无法判断"}
    for f in read_fixture("findings.csv"):
        hits = [
            r
            for r in rows
            if r["涉及行号"].value == f["lines"] and r["状态"].value == words[f["status"]]
        ]
        assert hits, f["subject"]
        for r in hits:  # the first line a finding names is where to look first
            line_is(r["原文行号"], int(f["lines"].split(",")[0]))
    # NOTES.md A.1: 支出总表 合计 4,266.91 (line 200) against Σ 类 4,266.92, one cent, 0.05 allowed
    first = rows[0]
    assert first["状态"].value == "尾差" and first["核对类型"].value == "合计行"
    assert first["核对内容"].value == "支出总表 合计 合计 = Σ 类"
    amount_is(first["应为"], "4266.91")
    amount_is(first["实际"], "4266.92")
    amount_is(first["差额"], "0.01")
    amount_is(first["容差"], "0.05")
    assert first["涉及行号"].value == "200,201,204,212,217,224"


# --- the cover ----------------------------------------------------------------------------------


def test_cover_names_the_document_and_indexes_every_sheet(book) -> None:
    ws = book["封面"]
    assert ws["A1"].value == f"{TITLE} · 数据工作簿"
    fields = {r[0].value: r[1].value for r in ws.iter_rows(min_row=3, max_row=13, max_col=2)}
    text = SEED.read_bytes()
    assert fields["部门"] == DEPARTMENT and fields["年度"] == YEAR
    assert fields["文件"] == "部门预算" and fields["文件标题"] == TITLE
    assert fields["源文件"] == "jincheng-kejiju-2024.txt"
    assert fields["SHA-256"] == hashlib.sha256(text).hexdigest()
    assert fields["生成工具"].startswith("BudgetLens ")
    assert fields["金额单位"] == "万元（原文行号为文本行号）"  # a text document: no page column
    assert list(fields)[:3] == ["部门", "年度", "文件"]
    assert ws["A3"].font.b
    # the index below the 11 fields and a blank row: sheet, content, state, line
    start = 11 + 4
    assert [c.value for c in ws[start]] == ["工作表", "内容", "状态", "原文行号"]
    index = [tuple(c.value for c in r) for r in ws.iter_rows(min_row=start + 1)]
    empty = {r["title"] for r in read_fixture("empty_tables.csv")}
    n_rows = {
        "支出总表": sum(
            1 for r in read_fixture("function_tables.csv") if r["table"] == "expenditure_total"
        ),
        "收入总表": len(read_fixture("revenue_by_function.csv")),
        "基本支出分经济科目表": len(read_fixture("economic.csv")),
        "机关运行经费预算表": len(read_fixture("admin_operating.csv")),
    }
    for (name, title, line), got in zip(TABLES, index, strict=False):
        state = "本表无数据" if title in empty else got[2]
        assert got[:2] == (name, title) and got[3] == line and got[2] == state, got
        if name in n_rows:
            assert got[2] == f"{n_rows[name]} 行", got
    tail = index[len(TABLES) :]
    assert [t[:2] for t in tail] == [
        ("绩效指标", "绩效目标表指标"),
        ("关键数字", "说明中的数字"),
        ("数据核对", "数据核对"),
    ]
    assert tail[0][2] == f"{len(read_fixture('indicators.csv'))} 行" and tail[0][3] == 558
    assert tail[1][2] == f"{book['关键数字'].max_row - 2} 行" and tail[1][3] == 466
    # 数据核对: the first line any finding names is the first row of the first table (line 120)
    assert tail[2][2] == f"{book['数据核对'].max_row - 2} 项" and tail[2][3] == 120
    assert ws.max_row == start + len(TABLES) + 3
    # the first column as wide as its widest text: 国有资本经营预算收支预算表 (13 CJK = 26) + 2
    assert ws.column_dimensions["A"].width == 28
    assert ws.column_dimensions["D"].width == 14


def test_english_workbook_names_sheets_headers_and_words_in_english(book_en) -> None:
    assert book_en.sheetnames[0] == "Cover"
    assert book_en.sheetnames[-3:] == ["Performance targets", "Key figures", "Reconciliation"]
    ws = book_en["Performance targets"]
    names = header(ws)
    assert names[:2] == ["Project", "Period"] and names[-1] == "Source line"
    row = dict(zip(names, next(ws.iter_rows(min_row=3, values_only=True)), strict=True))
    assert row["Placed in the indicator tree"] == "yes"
    cover = {r[0].value: r[1].value for r in book_en["Cover"].iter_rows(min_row=3, max_row=13)}
    assert cover["Department"] == DEPARTMENT and cover["Year"] == YEAR
    assert cover["Amounts"] == "10k yuan (source lines are lines of the text)"
    ws = book_en[book_en.sheetnames[1]]  # 收支总表: the side in English
    assert header(ws)[0] == "Side" and ws["A3"].value == "Revenue"
    assert ws["D2"].value == "Amount (10k yuan)"
    # an empty table (line 357) says so in English
    ws = book_en[book_en.sheetnames[7]]
    assert header(ws) == ["Note", "Source line"]
    assert ws["A3"].value == "The table states it has no data" and ws["B3"].value == 357


def test_an_unknown_department_year_or_language_is_refused(con, tmp_path: Path) -> None:
    with pytest.raises(LookupError):
        build_workbook(con, "无此部门", YEAR, tmp_path / "x.xlsx")
    with pytest.raises(LookupError):
        build_workbook(con, DEPARTMENT, 1999, tmp_path / "x.xlsx")
    with pytest.raises(ValueError):
        build_workbook(con, DEPARTMENT, YEAR, tmp_path / "x.xlsx", lang="fr")
    assert not (tmp_path / "x.xlsx").exists()


# --- helpers, on rows made for the case ---------------------------------------------------------


def test_cell_values_and_number_formats() -> None:
    amount, number = Col("a", "x", "amount"), Col("n", "x", "number")
    count, text = Col("c", "x", "int"), Col("t", "x")
    assert workbook._cell_value(amount, Decimal("4266.91")) == 4266.91
    assert workbook._cell_value(number, Decimal("2")) == 2.0
    assert workbook._cell_value(count, Decimal("3")) == 3
    assert type(workbook._cell_value(count, Decimal("3"))) is int
    assert workbook._cell_value(text, True) == "是"
    assert workbook._cell_value(text, False) == "否"
    assert workbook._cell_value(text, False, "en") == "no"
    assert workbook._cell_value(text, None) is None
    assert workbook._cell_value(amount, None) is None
    assert workbook._cell_value(text, 7) == 7 and workbook._cell_value(text, 1.5) == 1.5
    assert workbook._cell_value(text, Decimal("1.50")) == "1.50"
    assert workbook._number_format(amount, Decimal("3")) == AMOUNT
    assert workbook._number_format(LINE, 200) == LINE_FORMAT
    assert workbook._number_format(count, 2) == COUNT
    assert workbook._number_format(number, Decimal("93")) == COUNT
    assert workbook._number_format(number, Decimal("93.00")) == COUNT
    assert workbook._number_format(number, Decimal("39.11")) == AMOUNT
    assert workbook._number_format(number, None) == AMOUNT
    assert workbook._number_format(text, "x") is None


def test_a_cell_without_a_value_gets_no_format() -> None:
    wb = openpyxl.Workbook()
    ws = workbook.write_sheet(
        wb,
        "s",
        "t",
        [Col("a", "term.total", "amount", wan=True), LINE],
        [{"a": None, "source_line": 4}, {"a": Decimal("1.5"), "source_line": None}],
    )
    assert ws["A3"].value is None and ws["A3"].number_format == GENERAL
    assert ws["A4"].value == 1.5 and ws["A4"].number_format == AMOUNT
    assert ws["B4"].value is None and ws["B4"].number_format == GENERAL
    assert ws["A2"].value == "合计（万元）"


def test_pages_of_a_pdf_document_follow_the_source_line() -> None:
    columns = [Col("name", "col.name"), LINE, Col("total_wan", "term.total", "amount")]
    rows = [{"name": "合计", "source_line": 10}, {"name": "x", "source_line": 12}, {"name": "y"}]
    one_file = {10: ("a.pdf", 3), 11: ("a.pdf", 4)}
    cols, out = workbook.with_pages(columns, rows, one_file)
    assert [c.key for c in cols] == ["name", "source_line", "page", "total_wan"]
    assert [(r["page"], r["file"]) for r in out] == [(3, "a.pdf"), (None, None), (None, None)]
    two_files = {10: ("a.pdf", 3), 12: ("b.pdf", 1)}
    cols, out = workbook.with_pages(columns, rows, two_files)
    assert [c.key for c in cols] == ["name", "source_line", "page", "file", "total_wan"]
    assert [(r["page"], r["file"]) for r in out] == [(3, "a.pdf"), (1, "b.pdf"), (None, None)]
    assert out[0]["name"] == "合计" and out[1]["name"] == "x"
    # a text document, or a sheet without source lines: unchanged
    assert workbook.with_pages(columns, rows, {}) == (columns, rows)
    no_line = [Col("name", "col.name")]
    assert workbook.with_pages(no_line, rows, one_file) == (no_line, rows)
    assert PAGE.label("zh") == "原文页码"


def test_first_line_is_the_smallest_given() -> None:
    assert workbook._first_line([{"source_line": 7}, {}, {"source_line": 3}]) == 3
    assert workbook._first_line([{"source_line": None}]) is None
    assert workbook._first_line([]) is None


def test_a_pdf_workbook_has_page_columns_and_says_so(seed_db: Path, tmp_path: Path) -> None:
    """The seed given pages (as a PDF's are stored): the cover's unit note names the page, and
    each data row gets the page of its line."""
    import shutil

    from tests.conftest import run_sql

    copy = tmp_path / "pdf.duckdb"
    shutil.copy(seed_db, copy)
    run_sql(
        copy,
        "insert into source_location (department, year, document, document_id, line, file, page) "
        "select department, year, document, document_id, 200, 'a.pdf', 9 from document",
    )
    con = db.connect(copy, read_only=True)
    try:
        build_workbook(con, DEPARTMENT, YEAR, tmp_path / "p.xlsx")
    finally:
        con.close()
    wb = openpyxl.load_workbook(str(tmp_path / "p.xlsx"))
    cover = {r[0].value: r[1].value for r in wb["封面"].iter_rows(min_row=3, max_row=13)}
    assert cover["金额单位"] == "万元（原文行号为文本行号，原文页码为 PDF 页码）"
    ws = wb["支出总表"]
    assert header(ws)[-2:] == ["原文行号", "原文页码"]
    row = by_line(ws, 200)
    assert row["原文页码"].value == 9 and row["原文页码"].number_format == COUNT
    assert by_line(ws, 201)["原文页码"].value is None
