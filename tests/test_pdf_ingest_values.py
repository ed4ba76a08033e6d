"""What ``budgetlens.pdf_ingest`` writes to the database, against values read by hand.

Four corpus documents are ingested (grouped, parsed, loaded into a fresh database): a Shanghai
单位预算 whose tables are in 元 and whose 三公 table is in 万元, a Shanghai 决算, Jiangsu's
2019 budget published as two PDFs (the narrative 文件 and the tables 表), given tables first, and
北京市信访办公室 2026 (projects listed only in its 绩效目标表, a 支出总表 crossing 功能 with
经济分类, tables its layout does not declare). Each test also made for the case says so.
Expected values are the folders' hand readings (``tests/fixtures/corpus/<folder>/hand_read.csv``
and ``NOTES.md``: file and page in each row) or worked out here from them (元 ÷ 10,000 = 万元).

The PDFs' pages are read by :mod:`budgetlens.pdf` once a session (``_PAGES``): that is not the
module under test. Grouping and parsing run afresh for every module that uses ``con``, so a
mutant of ``pdf_ingest`` meets a fresh ingest (≈ 0.1 s a document).
"""

from __future__ import annotations

import copy
import csv
import dataclasses
import hashlib
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest

from budgetlens import db, pdf_ingest
from budgetlens.errors import IngestError
from budgetlens.mappings import SYNTHETIC_MARKER
from budgetlens.pdf import GridItem, PdfFile, TextItem
from budgetlens.pdf import read as read_pdf

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
SH_UNIT = "sh-putuo-swj-2025-budget-unit"
SH_UNIT_PDF = "上海市普陀区商务委员会2025年单位预算.pdf"
SH_FINAL = "sh-putuo-shgzb-2024-final-dept"
SH_FINAL_PDF = "中共上海市普陀区委社会工作部2024年度部门决算.pdf"
JS = "js-rdbgt-2019"
JS_TEXT = "江苏省人大办公厅--江苏省人大常委会2019年度部门预算公开.pdf"
JS_TABLES = "江苏省人大办公厅--江苏省人大常委会办公厅2019年部门预算公开表.pdf"
BJ = "bj-xfb-2026-budget-dept"
BJ_PDF = "北京_2026_北京市信访办公室_部门预算.pdf"

DOC_UNIT = "上海市普陀区商务委员会-2025-预算-单位"
DOC_FINAL = "中共上海市普陀区委社会工作部-2024-决算-部门"
DOC_JS = "江苏省人大常委会办公厅-2019-预算-部门"
DOC_BJ = "北京市信访办公室-2026-预算-部门"

_PAGES: dict[Path, PdfFile] = {}


def _file(folder: str, name: str) -> PdfFile:
    """The PDF's pages, read once a session; a fresh copy each time (parsing marks grids)."""
    path = CORPUS / folder / name
    if path not in _PAGES:
        _PAGES[path] = read_pdf(path)
    return copy.deepcopy(_PAGES[path])


def parse(*files: PdfFile):
    return [pdf_ingest.parse_group(d) for d in pdf_ingest.group_files(list(files))]


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    c = db.connect(tmp_path_factory.mktemp("pdf_ingest") / "budget.duckdb")
    documents = [
        *parse(_file(SH_UNIT, SH_UNIT_PDF)),
        *parse(_file(SH_FINAL, SH_FINAL_PDF)),
        # the tables file first: the narrative is read first all the same
        *parse(_file(JS, JS_TABLES), _file(JS, JS_TEXT)),
        # no 项目支出表: its list-shaped 项目支出绩效目标表 lists the projects; its 支出总表
        # crosses 功能 with 经济分类 (kept as raw cells); two tables its layout does not declare
        *parse(_file(BJ, BJ_PDF)),
    ]
    for parsed in documents:
        db.load(c, parsed, [])
    yield c
    c.close()


def hand(folder: str, section: str) -> list[dict[str, str]]:
    with open(CORPUS / folder / "hand_read.csv", encoding="utf-8") as fh:
        return [r for r in csv.DictReader(fh) if r["section"] == section]


def wan(row: dict[str, str]) -> Decimal:
    """A hand-read amount in 万元 (the database's unit)."""
    value = Decimal(row["value"].replace(",", ""))
    return value / 10000 if row["unit"] == "元" else value


def q(con, sql: str, **params) -> list[tuple]:
    return con.execute(sql, params).fetchall()


def where(con, document: str, line: int) -> tuple[str, int]:
    """The file and page of a line of the document's reading text."""
    return q(
        con,
        "select file, page from source_location where document = $d and line = $l",
        d=document,
        l=line,
    )[0]


# --- the documents --------------------------------------------------------------------------------


def test_each_document_is_identified_as_its_cover_says(con):
    # SH_UNIT NOTES.md p1: 2025年区级单位预算, 预算单位：上海市普陀区商务委员会; tables in 元, the
    # 三公 table (p21) in 万元. SH_FINAL p1: 2024 年度 部门决算, all 万元. JS hand_read identity
    # (narrative file p1): 江苏省人大常委会办公厅 2019年度部门预算公开, all 万元. BJ hand_read
    # identity: 北京市信访办公室 (p17 部门名称), 2026, 预算, 部门; its tables in 万元.
    got = q(
        con,
        "select document, department, year, kind, scope, government, unit, title, source_files,"
        " source_file from document order by year, document",
    )
    # the layouts they are read with (budgetlens/layouts/*.toml): by region and kind
    assert q(con, "select document, layout from document order by year") == [
        (DOC_JS, "jiangsu-budget"),
        (DOC_FINAL, "national-final"),
        (DOC_UNIT, "shanghai-budget"),
        (DOC_BJ, "national-budget"),
    ]
    assert got == [
        (
            DOC_JS,
            "江苏省人大常委会办公厅",
            2019,
            "预算",
            "部门",
            "江苏省",
            "万元",
            "江苏省人大常委会办公厅2019年部门预算",
            f"{JS_TEXT}; {JS_TABLES}",
            JS_TEXT,
        ),
        (
            DOC_FINAL,
            "中共上海市普陀区委社会工作部",
            2024,
            "决算",
            "部门",
            "上海市普陀区",
            "万元",
            "中共上海市普陀区委社会工作部2024年部门决算",
            SH_FINAL_PDF,
            SH_FINAL_PDF,
        ),
        (
            DOC_UNIT,
            "上海市普陀区商务委员会",
            2025,
            "预算",
            "单位",
            "上海市普陀区",
            "元/万元",
            "上海市普陀区商务委员会2025年单位预算",
            SH_UNIT_PDF,
            SH_UNIT_PDF,
        ),
        (
            DOC_BJ,
            "北京市信访办公室",
            2026,
            "预算",
            "部门",
            "北京市",
            "万元",
            "北京市信访办公室2026年部门预算",
            BJ_PDF,
            BJ_PDF,
        ),
    ]


def test_every_line_of_the_reading_text_has_its_file_and_page(con):
    # SH_UNIT has 22 pages (NOTES.md), its tables on p9–21; JS's narrative file comes first
    for document, files in (
        (DOC_UNIT, [SH_UNIT_PDF]),
        (DOC_FINAL, [SH_FINAL_PDF]),
        (DOC_JS, [JS_TEXT, JS_TABLES]),
        (DOC_BJ, [BJ_PDF]),
    ):
        lines = q(
            con,
            "select line, file, page from source_location where document = $d order by line",
            d=document,
        )
        assert [r[0] for r in lines] == list(range(1, len(lines) + 1))
        assert [f for f in dict.fromkeys(r[1] for r in lines)] == files
        line_count = q(con, "select line_count from document where document = $d", d=document)
        assert line_count == [(len(lines),)]
        pages = [r[2] for r in lines if r[1] == files[-1]]
        assert pages == sorted(pages) and pages[0] == 1
    unit_pages = {
        r[0] for r in q(con, "select page from source_location where document = $d", d=DOC_UNIT)
    }
    assert max(unit_pages) == 22


# --- figures, each on its page -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("folder", "document", "pdf", "table_key"),
    [
        (SH_UNIT, DOC_UNIT, SH_UNIT_PDF, "expenditure_total"),
        (SH_FINAL, DOC_FINAL, SH_FINAL_PDF, "expenditure_total"),
    ],
)
def test_function_rows_are_the_hand_read_amounts_on_their_pages(
    con, folder, document, pdf, table_key
):
    # hand_read.csv "function": 支出预算总表 (SH_UNIT pp12–13, in 元) / 支出决算表 (SH_FINAL pp8–9)
    column = {"total": "total_wan", "basic": "basic_wan", "project": "project_wan"}
    for r in hand(folder, "function"):
        code = r["code"] or None
        got = q(
            con,
            f"select {column[r['column']]}, source_line, seq from expenditure_function"
            " where document = $d and table_key = $t and code is not distinct from $c",
            d=document,
            t=table_key,
            c=code,
        )
        assert len(got) == 1, (code, r["label"])
        value, line, seq = got[0]
        assert value == wan(r), (code, r["label"], r["column"])
        assert where(con, document, line) == (pdf, int(r["page"])), (code, r["label"])
        assert seq >= 1


def test_function_rows_are_numbered_in_order_within_their_table(con):
    for document in (DOC_UNIT, DOC_FINAL, DOC_JS):
        for (table_key,) in q(
            con,
            "select distinct table_key from expenditure_function where document = $d",
            d=document,
        ):
            got = q(
                con,
                "select seq, source_line from expenditure_function where document = $d and"
                " table_key = $t order by source_line",
                d=document,
                t=table_key,
            )
            assert [s for s, _ in got] == list(range(1, len(got) + 1)), (document, table_key)


def test_economic_rows_are_the_hand_read_amounts_on_their_pages(con):
    # SH_UNIT hand_read.csv "economic": 基本支出经济分类预算表 pp19–20, in 元
    column = {"total": "total_wan", "personnel": "personnel_wan", "public": "public_wan"}
    for r in hand(SH_UNIT, "economic"):
        got = q(
            con,
            f"select {column[r['column']]}, source_line, table_key from expenditure_economic"
            " where document = $d and code is not distinct from $c and"
            " (code is not null or row_kind = 'total')",
            d=DOC_UNIT,
            c=r["code"] or None,
        )
        assert len(got) == 1, (r["code"], r["label"])
        value, line, table_key = got[0]
        assert (value, table_key) == (wan(r), "basic_economic"), (r["code"], r["column"])
        assert where(con, DOC_UNIT, line) == (SH_UNIT_PDF, int(r["page"])), r["code"]


def test_revenue_rows_are_the_hand_read_amounts(con):
    # SH_UNIT hand_read.csv "revenue": 收入预算总表 pp10–11 (合计 and 财政拨款收入 columns, 元)
    column = {"合计": "total_wan"}
    for r in hand(SH_UNIT, "revenue"):
        if r["column"] not in column:
            continue
        got = q(
            con,
            f"select {column[r['column']]}, source_line from revenue_function"
            " where document = $d and table_key = 'revenue_function'"
            " and code is not distinct from $c",
            d=DOC_UNIT,
            c=r["code"] or None,
        )
        assert len(got) == 1, r["code"]
        assert got[0][0] == wan(r), r["code"]
        assert where(con, DOC_UNIT, got[0][1]) == (SH_UNIT_PDF, int(r["page"])), r["code"]
    # the 收入 table's rows carry no 基本/项目 columns
    assert "basic_wan" not in [c for c in db.table_columns(con, "revenue_function")]


def test_final_revenue_by_source_is_kept_in_its_own_columns(con):
    # SH_FINAL hand_read.csv "revenue": 收入决算表 p6–7, 本年收入合计 and 财政拨款收入 (万元)
    for r in hand(SH_FINAL, "revenue"):
        col = {"本年收入合计": "total_wan", "财政拨款收入": "fiscal_appropriation_wan"}[r["column"]]
        got = q(
            con,
            f"select {col}, source_line from revenue_function where document = $d"
            " and code is not distinct from $c",
            d=DOC_FINAL,
            c=r["code"] or None,
        )
        assert len(got) == 1 and got[0][0] == wan(r), (r["code"], r["column"])
        assert where(con, DOC_FINAL, got[0][1]) == (SH_FINAL_PDF, int(r["page"]))


def test_summary_rows_are_the_hand_read_amounts_on_their_page(con):
    # SH_FINAL hand_read.csv "summary": 收入支出决算总表 p5, 万元; blank cells are no row
    for r in hand(SH_FINAL, "summary"):
        side = "收入" if r["note"].startswith("收入") else "支出"
        got = q(
            con,
            "select amount_wan, source_line from summary_item where document = $d and"
            " table_key = 'income_expense_summary' and side = $s and label = $l",
            d=DOC_FINAL,
            s=side,
            l=r["label"],
        )
        if not r["value"]:
            assert got == [], r["label"]
            continue
        assert [v for v, _ in got] == [wan(r)], (side, r["label"])
        assert where(con, DOC_FINAL, got[0][1]) == (SH_FINAL_PDF, 5)


def test_three_public_rows_are_the_hand_read_amounts(con):
    # SH_UNIT p21 (万元): 合计 1.00, 公务接待费 1.00
    got = q(
        con,
        "select label, total_wan, table_key, source_line, seq from fiscal_item"
        " where document = $d and total_wan is not null and table_key = 'three_public'"
        " order by seq",
        d=DOC_UNIT,
    )
    labels = {label: total for label, total, *_ in got}
    assert labels["合计"] == Decimal("1.00") and labels["公务接待费"] == Decimal("1.00")
    assert [s for *_, s in got] == sorted(s for *_, s in got)
    assert {where(con, DOC_UNIT, line) for *_, line, _ in got} == {(SH_UNIT_PDF, 21)}


# --- key figures ---------------------------------------------------------------------------------


def key_figures(con, document: str) -> dict[str, tuple]:
    return {
        key: (value, unit, label, sentence, where(con, document, line))
        for key, value, unit, label, sentence, line in q(
            con,
            "select key, value, unit, label, sentence, source_line from key_figure"
            " where document = $d and key in ('revenue_total', 'expenditure_total',"
            " 'basic_total', 'project_total', 'three_public_total', 'revenue_current_year',"
            " 'expenditure_current_year')",
            d=document,
        )
    }


def test_key_figures_of_a_budget_in_yuan_are_in_wan_on_their_pages(con):
    # SH_UNIT: 收入总计 = 支出总计 = 371,514,655.00 元 (p9), 合计 基本支出 19,830,655.00 and
    # 项目支出 351,684,000.00 元 (支出预算总表 p13), 三公 合计 1.00 万元 (p21)
    assert key_figures(con, DOC_UNIT) == {
        "revenue_total": (
            Decimal("37151.4655"),
            "万元",
            "收入总计",
            "表中“收入总计”行",
            (SH_UNIT_PDF, 9),
        ),
        "expenditure_total": (
            Decimal("37151.4655"),
            "万元",
            "支出总计",
            "表中“支出总计”行",
            (SH_UNIT_PDF, 9),
        ),
        "basic_total": (
            Decimal("1983.0655"),
            "万元",
            "基本支出",
            "表中“合计 基本支出”行",
            (SH_UNIT_PDF, 13),
        ),
        "project_total": (
            Decimal("35168.4"),
            "万元",
            "项目支出",
            "表中“合计 项目支出”行",
            (SH_UNIT_PDF, 13),
        ),
        "three_public_total": (
            Decimal("1.00"),
            "万元",
            "“三公”经费合计",
            "表中“合计”行",
            (SH_UNIT_PDF, 21),
        ),
    }


def test_key_figures_of_a_final_account_include_the_year_s_own(con):
    # SH_FINAL p5: 总计 307.82 on both sides, 本年收入合计 = 本年支出合计 = 307.82 (no carry-over
    # printed); 支出决算表 p8: 合计 基本支出 105.58, 项目支出 202.24; the 三公 table p14 is blank
    assert key_figures(con, DOC_FINAL) == {
        "revenue_total": (Decimal("307.82"), "万元", "收入总计", "表中“总计”行", (SH_FINAL_PDF, 5)),
        "expenditure_total": (
            Decimal("307.82"),
            "万元",
            "支出总计",
            "表中“总计”行",
            (SH_FINAL_PDF, 5),
        ),
        "revenue_current_year": (
            Decimal("307.82"),
            "万元",
            "本年收入合计",
            "表中“本年收入合计”行",
            (SH_FINAL_PDF, 5),
        ),
        "expenditure_current_year": (
            Decimal("307.82"),
            "万元",
            "本年支出合计",
            "表中“本年支出合计”行",
            (SH_FINAL_PDF, 5),
        ),
        "basic_total": (
            Decimal("105.58"),
            "万元",
            "基本支出",
            "表中“合计 基本支出”行",
            (SH_FINAL_PDF, 8),
        ),
        "project_total": (
            Decimal("202.24"),
            "万元",
            "项目支出",
            "表中“合计 项目支出”行",
            (SH_FINAL_PDF, 8),
        ),
    }


def test_key_figures_of_a_two_file_document_come_from_its_tables_file(con):
    # JS hand_read.csv (tables file): 收支预算总表 p1 收入合计 = 支出合计 = 18,330.37; its 支出用途
    # column 一、基本支出 9,312.90 and 二、项目支出 6,459.58 (p1); 三公 小计 767.60 (p9)
    got = key_figures(con, DOC_JS)
    assert got["revenue_total"] == (
        Decimal("18330.37"),
        "万元",
        "收入总计",
        "表中“收入合计”行",
        (JS_TABLES, 1),
    )
    assert got["expenditure_total"] == (
        Decimal("18330.37"),
        "万元",
        "支出总计",
        "表中“支出合计”行",
        (JS_TABLES, 1),
    )
    assert got["basic_total"] == (
        Decimal("9312.90"),
        "万元",
        "基本支出",
        "表中“一、基本支出”行",
        (JS_TABLES, 1),
    )
    assert got["project_total"] == (
        Decimal("6459.58"),
        "万元",
        "项目支出",
        "表中“二、项目支出”行",
        (JS_TABLES, 1),
    )
    assert got["three_public_total"][:2] == (Decimal("767.60"), "万元")
    assert got["three_public_total"][4] == (JS_TABLES, 9)
    assert "revenue_current_year" not in got


# --- tables --------------------------------------------------------------------------------------


def test_tables_are_listed_with_their_unit_page_and_emptiness(con):
    # SH_UNIT NOTES.md: 9 tables on p9–21, in 元 but the 三公 table (p21, 万元); 政府性基金 (p17)
    # and 国有资本经营 (p18) print 本表为空表
    got = q(
        con,
        "select table_key, amount_unit, is_empty, source_line, row_count from source_table"
        " where document = $d order by source_line",
        d=DOC_UNIT,
    )
    assert len(got) == 9
    pages = [where(con, DOC_UNIT, line)[1] for _, _, _, line, _ in got]
    assert pages == [9, 10, 12, 14, 15, 17, 18, 19, 21]
    assert [u for _, u, *_ in got] == ["元"] * 8 + ["万元"]
    assert [e for _, _, e, *_ in got] == [False] * 5 + [True, True] + [False] * 2
    assert all(n > 0 for *_, n in got)
    # the title line of the 三公 table is the line the table starts on
    titles = {
        k: line
        for k, line in q(
            con,
            "select table_key, source_line from source_table where document = $d",
            d=DOC_UNIT,
        )
    }
    first_row = q(
        con,
        "select min(source_line) from fiscal_item where document = $d",
        d=DOC_UNIT,
    )[0][0]
    assert titles["three_public"] < first_row


def test_an_empty_table_keeps_the_note_that_says_so(con):
    # SH_FINAL p14: the 三公 table's cells are blank and its note says so (hand_read.csv)
    got = q(
        con,
        "select is_empty, note from source_table where document = $d and table_key ="
        " 'three_public'",
        d=DOC_FINAL,
    )
    assert got == [
        (True, "说明：中共上海市普陀区委社会工作部本年度没有财政拨款“三公”经费支出，故本表无数据。")
    ]
    # a table with figures has no note
    assert q(
        con,
        "select note from source_table where document = $d and table_key = 'expenditure_total'",
        d=DOC_FINAL,
    ) == [(None,)]


def test_the_department_is_the_document_s_budget_unit(con):
    for document, department in (
        (DOC_UNIT, "上海市普陀区商务委员会"),
        (DOC_FINAL, "中共上海市普陀区委社会工作部"),
        (DOC_JS, "江苏省人大常委会办公厅"),
    ):
        got = q(
            con,
            "select unit, parent_unit, is_department from budget_unit where document = $d",
            d=document,
        )
        assert got == [(department, None, True)]


# --- grouping files into documents ---------------------------------------------------------------


def test_a_narrative_without_its_tables_file_is_refused():
    # JS's narrative file (p1 cover, contents listing the tables) holds no table with figures
    with pytest.raises(IngestError) as err:
        parse(_file(JS, JS_TEXT))
    assert err.value.file.endswith(JS_TEXT)
    assert err.value.found == ("table titles without figures (a narrative without its tables file)")


def test_a_narrative_given_with_another_department_s_tables_is_refused():
    with pytest.raises(IngestError) as err:
        parse(_file(SH_UNIT, SH_UNIT_PDF), _file(JS, JS_TEXT))
    assert err.value.file.endswith(JS_TEXT)
    assert err.value.found.startswith("table titles without figures")


def test_two_documents_given_together_stay_two():
    docs = parse(_file(SH_FINAL, SH_FINAL_PDF), _file(SH_UNIT, SH_UNIT_PDF))
    assert [d.document for d in docs] == [DOC_FINAL, DOC_UNIT]
    assert [len(d.files) for d in docs] == [1, 1]


def test_a_reader_s_crash_is_an_ingest_error_naming_the_file(monkeypatch):
    (doc,) = pdf_ingest.group_files([_file(SH_UNIT, SH_UNIT_PDF)])

    def crash(_doc):
        raise ValueError("a shape never seen")

    monkeypatch.setattr(pdf_ingest, "_parse_group", crash)
    with pytest.raises(IngestError) as err:
        pdf_ingest.parse_group(doc)
    assert err.value.file.endswith(SH_UNIT_PDF)
    assert err.value.expected == f"tables that the {doc.layout.name} layout's readers understand"
    assert err.value.found == "ValueError: a shape never seen"
    assert isinstance(err.value.__cause__, ValueError)


# --- helpers, on inputs made for the case ------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "department", "expected"),
    [
        ("深圳市信访局", "深圳市信访局", True),
        ("深圳市医疗保障局（本级）", "深圳市医疗保障局", True),
        ("深圳市医疗保障局(本级)", "深圳市医疗保障局", True),
        ("深圳市 信访局", "深圳市信访局", True),
        ("深圳市信访局", "深圳市 信访局", True),
        ("信访接待项目", "深圳市信访局", False),
        (None, "深圳市信访局", False),
        ("深圳市信访局", None, False),
        ("", "", False),
    ],
)
def test_a_project_row_naming_the_department_is_the_department(name, department, expected):
    assert pdf_ingest._is_department(name, department) is expected


def _summary_table(unit: str = "万元"):
    return SimpleNamespace(
        decl=SimpleNamespace(key="income_expense_summary"),
        unit=unit,
        file="a.pdf",
        page=3,
        title="收支预算总表",
    )


def _with_totals(revenue, spent) -> SimpleNamespace:
    figures = []
    if revenue is not None:
        figures.append({"key": "revenue_total", "value": Decimal(revenue)})
    if spent is not None:
        figures.append({"key": "expenditure_total", "value": Decimal(spent)})
    return SimpleNamespace(rows={"key_figure": figures})


@pytest.mark.parametrize(
    ("unit", "revenue", "spent"),
    [
        ("万元", "100.00", "100.01"),  # a cent of 万元
        ("万元", "100.01", "100.00"),
        ("元", "100.0000", "100.0001"),  # one 元
        ("元", "100.0001", "100.0000"),
    ],
)
def test_totals_within_the_table_s_rounding_load(unit, revenue, spent):
    assert (
        pdf_ingest._require_totals(
            _with_totals(revenue, spent), [_summary_table(unit)], [], "b.pdf"
        )
        is None
    )


@pytest.mark.parametrize(
    ("unit", "revenue", "spent"),
    [
        ("万元", "100.00", "100.02"),
        ("万元", "100.02", "100.00"),
        ("元", "100.0000", "100.0002"),
    ],
)
def test_totals_that_differ_beyond_rounding_are_refused(unit, revenue, spent):
    with pytest.raises(IngestError) as err:
        pdf_ingest._require_totals(
            _with_totals(revenue, spent), [_summary_table(unit)], [], "b.pdf"
        )
    assert err.value.file == "a.pdf page 3"
    assert err.value.expected == "收入总计 equal to 支出总计"
    assert err.value.table == "收支预算总表"
    assert err.value.found == (
        f"{revenue} 万元 against {spent} 万元 (not loaded: the table was not read as printed, or"
        " the document contradicts itself)"
    )


def test_unequal_totals_without_a_summary_table_name_the_file():
    with pytest.raises(IngestError) as err:
        pdf_ingest._require_totals(_with_totals("1", "2"), [], [], "b.pdf")
    assert (err.value.file, err.value.table) == ("b.pdf", "收支总表")


@pytest.mark.parametrize(
    ("revenue", "spent", "expected"),
    [
        ("1", None, "a 支出总计 row with its amount"),
        (None, "1", "a 收入总计 row with its amount"),
        (None, None, "a 收入总计 row with its amount and a 支出总计 row with its amount"),
    ],
)
def test_missing_totals_are_refused_naming_them(revenue, spent, expected):
    with pytest.raises(IngestError) as err:
        pdf_ingest._require_totals(_with_totals(revenue, spent), [_summary_table()], [], "b.pdf")
    assert (err.value.file, err.value.table, err.value.expected) == (
        "a.pdf page 3",
        "收支预算总表",
        expected,
    )
    assert err.value.found == "no such row read (the table's layout is not understood)"
    with pytest.raises(IngestError) as err:
        pdf_ingest._require_totals(_with_totals(revenue, spent), [], [], "b.pdf")
    assert (err.value.file, err.value.table) == ("b.pdf", "收支总表")


def _s(table, side, item, amount, line, column="amount", label=None, group=None) -> dict:
    return {
        "table_key": table,
        "side": side,
        "item": item,
        "label": label or item,
        "column_key": column,
        "column_group": group,
        "amount_wan": None if amount is None else Decimal(amount),
        "source_line": line,
    }


def _f(table, code, total, line, **amounts) -> dict:
    return {
        "table_key": table,
        "code": code,
        "total_wan": Decimal(total),
        "source_line": line,
        **{f"{k}_wan": None if v is None else Decimal(v) for k, v in amounts.items()},
    }


def _doc(kind="预算", summary=(), function=(), fiscal=()) -> SimpleNamespace:
    return SimpleNamespace(
        kind=kind,
        rows={
            "summary_item": list(summary),
            "expenditure_function": list(function),
            "fiscal_item": list(fiscal),
        },
    )


def _figures(p) -> dict:
    return {
        f["key"]: (f["value"], f["label"], f["sentence"], f["source_line"], f["unit"])
        for f in pdf_ingest._key_figures(p)
    }


IES = "income_expense_summary"


def test_key_figures_take_the_first_named_item_of_the_summary_s_amount_column():
    p = _doc(
        summary=[
            _s(IES, "收入", "合计", "9", 1),
            _s(IES, "收入", "收入总计", "7", 2, column="basic"),  # not an amount column
            _s("fiscal_summary", "收入", "收入总计", "6", 3),  # another table
            _s(IES, "支出", "收入总计", "5", 4),  # the other side
            _s(IES, "收入", "收入总计", "10", 5, column="total", label="收入总计（万元）"),
            _s(IES, "支出", "支出合计", "10", 6),
            _s(IES, "支出", "总计", "11", 7),
        ]
    )
    got = _figures(p)
    assert got["revenue_total"] == (Decimal(10), "收入总计", "表中“收入总计（万元）”行", 5, "万元")
    assert got["expenditure_total"] == (Decimal(10), "支出总计", "表中“支出合计”行", 6, "万元")
    assert "revenue_current_year" not in got


def test_a_final_account_s_key_figures_add_the_year_s_own():
    p = _doc(
        kind="决算",
        summary=[
            _s(IES, "收入", "总计", "12", 1),
            _s(IES, "收入", "本年收入合计", "10", 2),
            _s(IES, "支出", "本年支出合计", "9", 3),
            _s(IES, "支出", "总计", "12", 4),
        ],
    )
    got = _figures(p)
    assert got["revenue_current_year"] == (
        Decimal(10),
        "本年收入合计",
        "表中“本年收入合计”行",
        2,
        "万元",
    )
    assert got["expenditure_current_year"] == (
        Decimal(9),
        "本年支出合计",
        "表中“本年支出合计”行",
        3,
        "万元",
    )
    assert got["revenue_total"][0] == got["expenditure_total"][0] == Decimal(12)


def test_basic_and_project_come_from_the_all_funds_table_s_total_row():
    p = _doc(
        function=[
            _f("general_budget_expenditure", None, "5", 1, basic="2", project="3"),
            _f("expenditure_total", "201", "8", 2, basic="3", project="5"),
            _f("expenditure_total", None, "10", 3, basic="4", project="6"),
        ],
        summary=[_s("expenditure_summary", "支出", "基本支出", "99", 4)],
    )
    got = _figures(p)
    assert got["basic_total"] == (Decimal(4), "基本支出", "表中“合计 基本支出”行", 3, "万元")
    assert got["project_total"] == (Decimal(6), "项目支出", "表中“合计 项目支出”行", 3, "万元")


@pytest.mark.parametrize("table", ["expenditure_summary", IES, "fiscal_summary"])
def test_without_that_table_basic_and_project_come_from_a_summary_table(table):
    p = _doc(
        summary=[
            _s("revenue_summary", "支出", "基本支出", "1", 1),
            _s(table, "支出", "基本支出", "4", 2, label="一、基本支出"),
            _s(table, "支出", "基本支出", "5", 3),
            _s(table, "支出", "项目支出", "6", 4, label="二、项目支出"),
            _s(table, "支出", "项目支出", "7", 5),
        ]
    )
    got = _figures(p)
    assert got["basic_total"] == (Decimal(4), "基本支出", "表中“一、基本支出”行", 2, "万元")
    assert got["project_total"] == (Decimal(6), "项目支出", "表中“二、项目支出”行", 4, "万元")


def test_the_three_public_total_is_the_three_public_table_s_total_row():
    p = _doc(
        fiscal=[
            {
                "table_key": "admin_operating",
                "label": "合计",
                "total_wan": Decimal(9),
                "source_line": 1,
            },
            {"table_key": "three_public", "label": "合计", "total_wan": None, "source_line": 2},
            {
                "table_key": "three_public",
                "label": "公务接待费",
                "total_wan": Decimal(1),
                "source_line": 3,
            },
            {
                "table_key": "three_public",
                "label": "合计",
                "total_wan": Decimal(3),
                "source_line": 4,
            },
        ]
    )
    assert _figures(p)["three_public_total"] == (
        Decimal(3),
        "“三公”经费合计",
        "表中“合计”行",
        4,
        "万元",
    )
    assert "three_public_total" not in _figures(_doc())
    assert "basic_total" not in _figures(_doc())


def test_basic_and_project_read_by_name_from_the_all_funds_table():
    # 杭州 prints no codes: the 支出总表 is read as a summary table
    p = _doc(
        summary=[
            _s("expenditure_total", "支出", "合计", "4", 7, column="basic", label="合 计"),
            _s("expenditure_total", "支出", "总计", "6", 7, column="project", label="合 计"),
        ]
    )
    got = _figures(p)
    assert got["basic_total"] == (Decimal(4), "基本支出", "表中“合 计 基本支出”行", 7, "万元")
    assert got["project_total"] == (Decimal(6), "项目支出", "表中“合 计 项目支出”行", 7, "万元")


def test_basic_is_personnel_plus_public_when_the_header_prints_no_subtotal():
    p = _doc(
        summary=[
            _s("expenditure_total", "支出", "合计", "3", 8, "personnel", "合计", "人员支出"),
            _s("expenditure_total", "支出", "合计", "1.5", 8, "public", "合计", "日常公用支出"),
            _s("expenditure_total", "支出", "合计", "6", 8, column="project"),
        ]
    )
    got = _figures(p)
    assert got["basic_total"] == (
        Decimal("4.5"),
        "基本支出",
        "表中“合计 人员支出 + 日常公用支出”行",
        8,
        "万元",
    )
    # only one of the two: no 基本支出
    p.rows["summary_item"].pop(1)
    assert "basic_total" not in _figures(p)


def test_basic_and_project_from_another_function_table_holding_the_year_s_spending():
    # 北京: the 支出总表 crosses 功能 with 经济分类; the 一般公共预算支出表's 合计 = 本年支出合计
    p = _doc(
        summary=[_s(IES, "支出", "本年支出合计", "10", 1)],
        function=[
            _f("fiscal_expenditure", None, "9", 2, basic="1", project="8"),  # not the year's
            _f("general_budget_expenditure", "201", "10", 3, basic="2", project="8"),
            _f("general_budget_expenditure", None, "10", 4, basic="4", project="6"),
        ],
    )
    got = _figures(p)
    assert got["basic_total"] == (Decimal(4), "基本支出", "表中“合计 基本支出”行", 4, "万元")
    assert got["project_total"] == (Decimal(6), "项目支出", "表中“合计 项目支出”行", 4, "万元")


def test_basic_from_personnel_and_public_funds_of_another_function_table():
    # 西安: 人员经费 | 公用经费 | 专项业务经费
    p = _doc(
        summary=[_s(IES, "支出", "支出合计", "10", 1)],
        function=[
            _f("general_budget_expenditure", None, "10", 5, personnel="3", public="2", project="5"),
        ],
    )
    got = _figures(p)
    assert got["basic_total"] == (
        Decimal(5),
        "基本支出",
        "表中“合计 人员经费 + 公用经费”行",
        5,
        "万元",
    )
    assert got["project_total"] == (Decimal(5), "项目支出", "表中“合计 项目支出”行", 5, "万元")


def test_lines_and_files_of_items_count_a_grid_s_rows():
    items = [
        TextItem(1, 0, "a"),
        GridItem(1, 10, [["x"], ["y"], ["z"]]),
        TextItem(2, 0, "b"),
        GridItem(2, 10, [["w"]]),
    ]
    assert [pdf_ingest._line_of(items, k) for k in range(5)] == [1, 2, 5, 6, 7]
    origins = [("d/one.pdf", 1)] * 4 + [("d/two.pdf", 2)] * 2
    file_of = pdf_ingest._file_of(items, origins)
    assert [file_of(k) for k in range(4)] == ["one.pdf", "one.pdf", "two.pdf", "two.pdf"]


def test_a_table_ends_at_the_next_table_s_title():
    tables = [SimpleNamespace(item_index=k) for k in (7, 3, 12, 9)]
    assert pdf_ingest._next_title(tables, tables[1]) == 7
    assert pdf_ingest._next_title(tables, tables[0]) == 9
    assert pdf_ingest._next_title(tables, tables[2]) == 1 << 30


@dataclasses.dataclass
class _Table:
    title: str
    grids: list


class _Layout:
    def table_for(self, title):
        return SimpleNamespace(reader="performance") if "绩效" in title else None


def _pages(*pages):
    return [(0, SimpleNamespace(page=n)) for n in pages]


def test_a_department_scorecard_printed_a_page_at_a_time_is_one_table():
    # 长沙 pp30–32: 部门整体绩效目标表 with its title again on each page
    title = "部门整体支出绩效目标表"
    tables = [
        _Table("项目支出表", _pages(29)),
        _Table(title, _pages(30)),
        _Table(title, _pages(31)),
        _Table(title, _pages(32)),
        _Table(title, _pages(34)),  # not the next page
        _Table("项目支出绩效目标表", _pages(35)),
        _Table("项目支出绩效目标表", _pages(36)),  # a project's: one table each
    ]
    got = pdf_ingest._join_department_pages(tables, _Layout())
    assert [(t.title, [g.page for _, g in t.grids]) for t in got] == [
        ("项目支出表", [29]),
        (title, [30, 31, 32]),
        (title, [34]),
        ("项目支出绩效目标表", [35]),
        ("项目支出绩效目标表", [36]),
    ]
    # a table without grids is not joined
    got = pdf_ingest._join_department_pages(
        [_Table(title, _pages(1)), _Table(title, [])], _Layout()
    )
    assert len(got) == 2
    got = pdf_ingest._join_department_pages(
        [_Table(title, []), _Table(title, _pages(1))], _Layout()
    )
    assert len(got) == 2
    # another title is not joined
    other = "部门整体绩效目标表（续）"
    got = pdf_ingest._join_department_pages(
        [_Table(title, _pages(1)), _Table(other, _pages(2))], _Layout()
    )
    assert len(got) == 2
    # a title the layout does not read as a 绩效目标表
    got = pdf_ingest._join_department_pages(
        [_Table("部门整体表", _pages(1)), _Table("部门整体表", _pages(2))], _Layout()
    )
    assert len(got) == 2


def test_a_final_account_s_empty_fund_tables_are_kept_as_printed_with_their_notes(con):
    # SH_FINAL NOTES.md: 政府性基金预算财政拨款收入支出决算表 p15 and
    # 国有资本经营预算财政拨款收入支出决算表 p16 are empty ("故本表无数据"); their header cells are
    # kept as printed
    got = q(
        con,
        "select table_key, is_empty, note, source_line from source_table where document = $d"
        " and table_key in ('gov_fund_expenditure', 'state_capital') order by source_line",
        d=DOC_FINAL,
    )
    assert [(k, e) for k, e, _, _ in got] == [
        ("gov_fund_expenditure", True),
        ("state_capital", True),
    ]
    assert all(n.startswith("说明：") and n.endswith("故本表无数据。") for _, _, n, _ in got)
    assert [where(con, DOC_FINAL, line) for *_, line in got] == [
        (SH_FINAL_PDF, 15),
        (SH_FINAL_PDF, 16),
    ]
    cells = q(
        con,
        "select table_key, min(source_line), count(*) from raw_cell where document = $d"
        " group by table_key order by 2",
        d=DOC_FINAL,
    )
    assert [k for k, *_ in cells] == ["gov_fund_expenditure", "state_capital"]
    assert [where(con, DOC_FINAL, line)[1] for _, line, _ in cells] == [15, 16]
    assert q(
        con, "select count(*) from raw_cell where document in ($a, $b)", a=DOC_UNIT, b=DOC_JS
    ) == [(0,)]


def test_a_final_account_s_narrative_gives_its_execution_notes(con):
    # SH_FINAL p18: 年初预算为 0 万元，全年预算为 321.02 万元，支出决算为 307.82 万元，
    # 完成年初预算的 95.89%
    got = q(
        con,
        "select seq, year_start_budget_wan, full_year_budget_wan, actual_wan, stated_rate,"
        " source_line from execution_note where document = $d order by seq",
        d=DOC_FINAL,
    )
    assert got[0][:5] == (1, 0, Decimal("321.02"), Decimal("307.82"), Decimal("95.89"))
    assert where(con, DOC_FINAL, got[0][5]) == (SH_FINAL_PDF, 18)
    assert [s for s, *_ in got] == list(range(1, len(got) + 1))
    # budgets have none
    assert q(con, "select count(*) from execution_note where document <> $d", d=DOC_FINAL) == [(0,)]


def test_a_procurement_table_s_rows_are_numbered_on_its_pages(con):
    # JS NOTES.md: 公开表十二 2019年政府采购预算表 p12, continued on p13 (tables file)
    got = q(
        con,
        "select seq, source_line, table_key from procurement_item where document = $d order by seq",
        d=DOC_JS,
    )
    assert got and [s for s, *_ in got] == list(range(1, len(got) + 1))
    assert [line for _, line, _ in got] == sorted(line for _, line, _ in got)
    assert {where(con, DOC_JS, line) for _, line, _ in got} == {(JS_TABLES, 12), (JS_TABLES, 13)}
    assert {k for *_, k in got} == {"procurement"}


def test_no_corpus_document_is_marked_synthetic(con):
    assert q(con, "select count(*) from document where synthetic") == [(0,)]


def test_the_first_total_row_of_the_all_funds_table_read_by_name_wins():
    ET = "expenditure_total"
    p = _doc(
        summary=[
            _s(IES, "支出", "合计", "99", 1, column="basic"),  # another table
            _s(ET, "支出", "项目支出", "98", 2, column="basic"),  # not its total row
            _s(ET, "支出", "合计", "4", 7, column="basic"),
            _s(ET, "支出", "合计", "6", 7, column="project"),
            _s(ET, "支出", "总计", "9", 8, column="basic"),
            _s(ET, "支出", "总计", "11", 8, column="project"),
            _s(ET, "支出", "合计", "3", 7, "personnel", "合计", "人员支出"),
            _s(ET, "支出", "合计", "2", 7, "public", "合计", "公用支出"),
        ]
    )
    got = _figures(p)
    assert got["basic_total"] == (Decimal(4), "基本支出", "表中“合计 基本支出”行", 7, "万元")
    assert got["project_total"] == (Decimal(6), "项目支出", "表中“合计 项目支出”行", 7, "万元")


def test_an_all_funds_total_row_without_basic_and_project_is_completed_elsewhere():
    # its 合计 row is read (_key_figures) but prints neither: the summary's 总计 row gives them
    p = _doc(
        function=[_f("expenditure_total", None, "10", 3, basic=None, project=None)],
        summary=[
            _s("expenditure_total", "支出", "总计", "4", 7, column="basic"),
            _s("expenditure_total", "支出", "总计", "6", 7, column="project"),
        ],
    )
    got = _figures(p)
    assert got["basic_total"] == (Decimal(4), "基本支出", "表中“总计 基本支出”行", 7, "万元")
    assert got["project_total"] == (Decimal(6), "项目支出", "表中“总计 项目支出”行", 7, "万元")


def test_personnel_plus_public_of_a_total_row_named_zongji():
    p = _doc(
        summary=[
            _s("expenditure_total", "支出", "总计", "3", 8, "personnel", "总计", "人员支出"),
            _s("expenditure_total", "支出", "总计", "2", 8, "public", "总计", "公用支出"),
        ]
    )
    assert _figures(p)["basic_total"][:2] == (Decimal(5), "基本支出")


def test_only_the_summary_s_spending_total_picks_another_function_table():
    p = _doc(
        summary=[
            _s(IES, "收入", "收入合计", "9", 1),  # the 收入 side
            _s(IES, "支出", "一般公共服务支出", "9", 1),  # not a total
            _s("fiscal_summary", "支出", "本年支出合计", "9", 1),  # another table
            _s(IES, "支出", "本年支出合计", "10", 2),
        ],
        function=[
            _f("general_budget_expenditure", None, "9", 3, basic="1", project="8"),
            _f("fiscal_expenditure", None, "10", 4, basic="4", project="6"),
        ],
    )
    got = _figures(p)
    assert got["basic_total"][:4] == (Decimal(4), "基本支出", "表中“合计 基本支出”行", 4)
    assert got["project_total"][:4] == (Decimal(6), "项目支出", "表中“合计 项目支出”行", 4)


def test_what_was_found_first_is_not_replaced_by_another_function_table():
    ET = "expenditure_total"
    p = _doc(
        summary=[
            _s(ET, "支出", "合计", "4", 7, column="basic"),
            _s(IES, "支出", "本年支出合计", "10", 2),
        ],
        function=[
            _f(
                "general_budget_expenditure",
                None,
                "10",
                3,
                basic=None,
                personnel="5",
                public="2",
                project="6",
            ),
            _f("fiscal_expenditure", None, "10", 5, basic="7", project="3"),
        ],
    )
    got = _figures(p)
    assert got["basic_total"][:4] == (Decimal(4), "基本支出", "表中“合计 基本支出”行", 7)
    assert got["project_total"][:4] == (Decimal(6), "项目支出", "表中“合计 项目支出”行", 3)


def test_the_all_funds_table_s_own_total_row_is_not_read_again_as_another_table():
    # _key_figures read that row; _split_elsewhere looks for the year's spending in the others
    p = _doc(
        summary=[_s(IES, "支出", "本年支出合计", "10", 2)],
        function=[
            _f(
                "expenditure_total",
                None,
                "10",
                3,
                basic=None,
                project="6",
                personnel="3",
                public="1",
            ),
        ],
    )
    got = _figures(p)
    assert "basic_total" not in got
    assert got["project_total"][:4] == (Decimal(6), "项目支出", "表中“合计 项目支出”行", 3)


def test_a_budget_has_no_figures_of_the_year_s_own():
    # only a 决算's summary separates the year's own revenue and spending from the carry-overs
    p = _doc(
        summary=[
            _s(IES, "收入", "本年收入合计", "10", 2),
            _s(IES, "支出", "本年支出合计", "9", 3),
        ]
    )
    got = _figures(p)
    assert "revenue_current_year" not in got and "expenditure_current_year" not in got


def test_the_reading_text_is_every_text_line_and_grid_row_in_order():
    files = [
        PdfFile(
            "d/one.pdf", "a" * 64, 2, [TextItem(1, 0, "标题"), GridItem(2, 5, [["x", None, "1"]])]
        ),
        PdfFile("d/two.pdf", "b" * 64, 1, [GridItem(1, 5, [["", "y"], ["z", "2"]])]),
    ]
    doc = pdf_ingest._Doc(files, None, {})
    src, origins, items = pdf_ingest._source(doc)
    assert src.lines == ["标题", "x\t\t1", "\ty", "z\t2"]
    assert origins == [("d/one.pdf", 1), ("d/one.pdf", 2), ("d/two.pdf", 1), ("d/two.pdf", 1)]
    assert src.path == "d/one.pdf"
    assert src.sha256 == hashlib.sha256(("a" * 64 + "b" * 64).encode()).hexdigest()
    assert items == [*files[0].items, *files[1].items]
    assert [getattr(it, "first_line", None) for it in items] == [None, 2, 3]


def test_a_document_s_id_is_the_hash_of_its_files_hashes_in_reading_order(con):
    def sha(folder, name):
        return hashlib.sha256((CORPUS / folder / name).read_bytes()).hexdigest()

    expected = {
        DOC_JS: sha(JS, JS_TEXT) + sha(JS, JS_TABLES),  # the narrative first
        DOC_UNIT: sha(SH_UNIT, SH_UNIT_PDF),
        DOC_FINAL: sha(SH_FINAL, SH_FINAL_PDF),
        DOC_BJ: sha(BJ, BJ_PDF),
    }
    got = dict(q(con, "select document, document_id from document"))
    assert got == {d: hashlib.sha256(s.encode()).hexdigest()[:16] for d, s in expected.items()}


@pytest.mark.parametrize(("basic", "project"), [(None, "6"), ("4", None)])
def test_an_all_funds_total_row_missing_one_of_the_two_is_completed_elsewhere(basic, project):
    p = _doc(
        function=[_f("expenditure_total", None, "10", 3, basic=basic, project=project)],
        summary=[
            _s("expenditure_total", "支出", "总计", "4", 7, column="basic"),
            _s("expenditure_total", "支出", "总计", "6", 7, column="project"),
        ],
    )
    got = _figures(p)
    assert got["basic_total"][:4] == (
        (Decimal(4), "基本支出", "表中“总计 基本支出”行", 7)
        if basic is None
        else (Decimal(4), "基本支出", "表中“合计 基本支出”行", 3)
    )
    assert got["project_total"][:4] == (
        (Decimal(6), "项目支出", "表中“总计 项目支出”行", 7)
        if project is None
        else (Decimal(6), "项目支出", "表中“合计 项目支出”行", 3)
    )


def test_a_summary_table_stating_only_basic_spending_gives_no_project_total():
    p = _doc(summary=[_s("expenditure_summary", "支出", "基本支出", "4", 2)])
    got = _figures(p)
    assert got["basic_total"][:2] == (Decimal(4), "基本支出")
    assert "project_total" not in got
    p = _doc(summary=[_s("expenditure_summary", "支出", "项目支出", "6", 2)])
    got = _figures(p)
    assert got["project_total"][:2] == (Decimal(6), "项目支出")
    assert "basic_total" not in got


def test_a_total_found_in_a_summary_table_is_kept_when_the_other_is_looked_for():
    p = _doc(
        summary=[
            _s("expenditure_summary", "支出", "项目支出", "6", 2),
            _s("expenditure_total", "支出", "合计", "4", 7, column="basic"),
            _s("expenditure_total", "支出", "合计", "9", 7, column="project"),
        ]
    )
    got = _figures(p)
    assert got["basic_total"][:4] == (Decimal(4), "基本支出", "表中“合计 基本支出”行", 7)
    assert got["project_total"][:4] == (Decimal(6), "项目支出", "表中“项目支出”行", 2)


def test_a_table_the_layout_does_not_declare_is_kept_as_raw_cells_and_said():
    # SH_UNIT with a table made for the case after its last page's text: a title the Shanghai
    # layout does not declare, and a grid of two rows
    f = _file(SH_UNIT, SH_UNIT_PDF)
    n = sum(1 if isinstance(it, TextItem) else len(it.rows) for it in f.items)
    title = "2025年部门整体支出绩效目标表"
    f.items += [TextItem(22, 10, title), GridItem(22, 30, [["项目", "金额"], ["合计", "5.00"]])]
    (p,) = parse(f)
    assert p.rows["parse_note"] == [
        {
            "table_key": "unknown_1",
            "message": f"table not declared by layout shanghai-budget, kept as raw cells: {title}",
            "source_line": n + 1,
            "seq": 1,
        }
    ]
    assert [
        (r["table_key"], r["title"], r["row_no"], r["col_no"], r["text"], r["source_line"])
        for r in p.rows["raw_cell"]
    ] == [
        ("unknown_1", title, 1, 1, "项目", n + 2),
        ("unknown_1", title, 1, 2, "金额", n + 2),
        ("unknown_1", title, 2, 1, "合计", n + 3),
        ("unknown_1", title, 2, 2, "5.00", n + 3),
    ]
    table = p.rows["source_table"][-1]
    assert (table["table_key"], table["title"], table["row_count"], table["source_line"]) == (
        "unknown_1",
        title,
        2,
        n + 1,
    )
    assert table["is_empty"] is False and table["note"] is None
    assert p.rows["source_location"][-1] == {"line": n + 3, "file": SH_UNIT_PDF, "page": 22}


@pytest.mark.parametrize("key", ["department", "year"])
def test_a_document_whose_identity_is_not_read_is_refused(key):
    (doc,) = pdf_ingest.group_files([_file(SH_UNIT, SH_UNIT_PDF)])
    doc.ident[key] = None
    with pytest.raises(IngestError) as err:
        pdf_ingest.parse_group(doc)
    assert err.value.file == str(CORPUS / SH_UNIT / SH_UNIT_PDF)
    assert err.value.expected == (
        f"the document's {key} (read by the layout shanghai-budget's patterns)"
    )
    assert err.value.found == "nothing that matches"


def test_parse_pdfs_reads_groups_and_parses_the_files_given(monkeypatch):
    read = []

    def pages(path):
        read.append(Path(path).name)
        return _file(JS, Path(path).name)

    monkeypatch.setattr(pdf_ingest, "read_pdf", pages)
    docs = pdf_ingest.parse_pdfs([CORPUS / JS / JS_TABLES, CORPUS / JS / JS_TEXT])
    assert read == [JS_TABLES, JS_TEXT]
    assert [(d.document, [Path(f).name for f in d.files]) for d in docs] == [
        (DOC_JS, [JS_TEXT, JS_TABLES])
    ]


def test_a_document_s_kind_and_scope_are_what_it_says_else_the_layout_s_and_department():
    (doc,) = pdf_ingest.group_files([_file(SH_UNIT, SH_UNIT_PDF)])
    doc.ident["kind"] = "决算"  # (made for the case: the layout reads budgets)
    p = pdf_ingest.parse_group(doc)
    assert (p.kind, p.document, p.title) == (
        "决算",
        "上海市普陀区商务委员会-2025-决算-单位",
        "上海市普陀区商务委员会2025年单位决算",
    )
    (doc,) = pdf_ingest.group_files([_file(SH_UNIT, SH_UNIT_PDF)])
    doc.ident["kind"] = doc.ident["scope"] = None
    p = pdf_ingest.parse_group(doc)
    assert (p.kind, p.scope, p.title) == ("预算", "部门", "上海市普陀区商务委员会2025年部门预算")


def test_projects_listed_only_in_the_performance_table_are_the_hand_read_ones(con):
    # BJ hand_read.csv "project": 预算表12 项目支出绩效目标表 pp13–16, 项目总额 in 万元, each of
    # the department (no unit column); BJ prints no 项目支出表
    expected = [
        (r["label"], wan(r), "北京市信访办公室", (BJ_PDF, int(r["page"])))
        for r in hand(BJ, "project")
    ]
    got = q(
        con,
        "select seq, project, total_wan, unit, row_kind, carried_over, source_line"
        " from project_budget where document = $d order by seq",
        d=DOC_BJ,
    )
    assert [(p, t, u, where(con, DOC_BJ, line)) for _, p, t, u, *_, line in got] == expected
    assert [s for s, *_ in got] == list(range(1, len(expected) + 1))
    assert {(k, c) for *_, k, c, _ in got} == {("project", False)}


def test_key_figures_of_a_document_whose_all_funds_table_is_a_cross_listing(con):
    # BJ hand_read.csv: 收支总表 p1 收入总计 = 支出总计 = 9,626.777589; 一般公共预算支出表 p6 合计
    # 基本支出 7,485.224572 and 项目支出 2,141.553017; 三公 total 17.700000 (p10)
    got = key_figures(con, DOC_BJ)
    assert {k: (v[0], v[4]) for k, v in got.items()} == {
        "revenue_total": (Decimal("9626.777589"), (BJ_PDF, 1)),
        "expenditure_total": (Decimal("9626.777589"), (BJ_PDF, 1)),
        "basic_total": (Decimal("7485.224572"), (BJ_PDF, 6)),
        "project_total": (Decimal("2141.553017"), (BJ_PDF, 6)),
        "three_public_total": (Decimal("17.700000"), (BJ_PDF, 10)),
    }
    assert got["basic_total"][3] == "表中“合计 基本支出”行"


def test_tables_read_as_raw_cells_are_said_in_parse_notes(con):
    # BJ NOTES.md: 预算03表 支出总表 (p3–4) crosses 功能 with 经济分类; 预算11表 (p12) and
    # 预算13表 (p17) are not tables of the national layout
    got = q(
        con,
        "select seq, table_key, message, source_line from parse_note where document = $d"
        " order by seq",
        d=DOC_BJ,
    )
    assert [s for s, *_ in got] == list(range(1, len(got) + 1))
    notes = {(k, where(con, DOC_BJ, line)[1]): m for _, k, m, line in got}
    assert notes[("expenditure_total", 3)] == (
        "table crosses 功能分类 with 经济分类, kept as raw cells: 预算03表 支出总表"
    )
    assert notes[("unknown_1", 12)] == (
        "table not declared by layout national-budget, kept as raw cells:"
        " 预算11表 财政拨款政府购买服务明细表"
    )
    raw = q(
        con,
        "select distinct table_key from raw_cell where document = $d and table_key ="
        " 'expenditure_total'",
        d=DOC_BJ,
    )
    assert raw == [("expenditure_total",)]
    # its raw cells hold figures: the table is not empty
    assert q(
        con,
        "select is_empty from source_table where document = $d and table_key = 'expenditure_total'",
        d=DOC_BJ,
    ) == [(False,)]
    assert q(
        con,
        "select count(*) from expenditure_function where document = $d and"
        " table_key = 'expenditure_total'",
        d=DOC_BJ,
    ) == [(0,)]


@pytest.mark.parametrize(("before", "synthetic"), [(19, True), (20, False)])
def test_a_generated_document_says_so_in_its_first_20_lines(before, synthetic):
    f = _file(SH_UNIT, SH_UNIT_PDF)
    f.items[0:0] = [TextItem(1, 0, f"说明{k}") for k in range(before)]
    f.items.insert(before, TextItem(1, 0, SYNTHETIC_MARKER.replace(" ", "")))  # line before + 1
    (p,) = parse(f)
    assert p.synthetic is synthetic


def test_the_department_scorecard_is_read_as_a_performance_table(con):
    # BJ hand_read identity: p17 预算13表 部门整体支出绩效目标表 (not declared by the national
    # layout, read as one of its 绩效目标表); the project tables pp13–16 (hand_read "project")
    tables = q(
        con,
        "select project, is_department, source_line from performance_table where document = $d"
        " order by source_line",
        d=DOC_BJ,
    )
    department = [(where(con, DOC_BJ, line), p) for p, is_dept, line in tables if is_dept]
    assert [page for page, _ in department] == [(BJ_PDF, 17)]
    projects = [p for p, is_dept, _ in tables if not is_dept]
    assert projects == [r["label"] for r in hand(BJ, "project")]
    undeclared = q(
        con,
        "select table_key from parse_note where document = $d and message like 'table not%'",
        d=DOC_BJ,
    )
    assert undeclared == [("unknown_1",)]
