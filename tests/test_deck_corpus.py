"""The deck (PPTX) and the workbook (XLSX) of documents read from PDF: a Shanghai 部门预算 and
单位预算 of one department-year, and a Jiangsu document published as two PDFs.

Neither fails on a layout other than Jincheng's; every slide's source and every sheet's rows name
the PDF page; the figures equal the values read by hand from the rendered pages
(tests/fixtures/corpus/<folder>/hand_read.csv).
"""

from __future__ import annotations

import csv
import re
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from pptx import Presentation

from budgetlens import cli, db
from budgetlens.deck import build_deck
from budgetlens.storyline import fmt_amount, share, slides
from budgetlens.workbook import build_workbook

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "fixtures" / "corpus"
SH_DEPT = "sh-putuo-swj-2025-budget-dept"
SH_UNIT = "sh-putuo-swj-2025-budget-unit"
JIANGSU = "js-rdbgt-2019"
FOLDERS = (SH_DEPT, SH_UNIT, JIANGSU)
SCALE = {"万元": Decimal(1), "元": Decimal(10000)}
MISSING = re.compile(r"\b(None|nan|NaN)\b")


def hand(folder: str) -> list[dict[str, str]]:
    with open(CORPUS / folder / "hand_read.csv", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def hand_wan(row: dict[str, str]) -> Decimal:
    return Decimal(row["value"].replace(",", "")) / SCALE[row["unit"]]


def identity(folder: str) -> dict[str, str]:
    return {r["label"]: r["value"] for r in hand(folder) if r["section"] == "identity"}


def document_id(folder: str) -> str:
    i = identity(folder)
    return f"{i['department']}-{i['year']}-{i['kind']}-{i['scope']}"


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("deck_corpus") / "budget.duckdb"
    files = [str(p) for folder in FOLDERS for p in sorted((CORPUS / folder).glob("*.pdf"))]
    assert cli.main(["ingest", *files, "--db", str(path), "--workers", "1"]) == 0
    return path


@pytest.fixture(scope="module")
def con(corpus_db: Path):
    c = db.connect(corpus_db, read_only=True)
    yield c
    c.close()


def story(con, folder: str, lang: str = "zh") -> list:
    i = identity(folder)
    return slides(con, i["department"], int(i["year"]), lang, document_id(folder))


def by_key(deck: list, key: str):
    return next(s for s in deck if s.key == key)


# --- the storyline -------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("folder", FOLDERS)
def test_every_slide_is_whole_and_names_its_page(con, folder: str, lang: str) -> None:
    deck = story(con, folder, lang)
    keys = [s.key for s in deck]
    for key in ("title", "overview", "function", "basic_project", "economic", "quality"):
        assert key in keys, (folder, keys)
    for s in deck:
        texts = [s.title, s.subtitle, s.source, *s.sentences]
        if s.chart is not None:
            texts += [*s.chart.categories, *(x.name for x in s.chart.series)]
            texts += [str(c) for row in s.chart.rows for c in row]
        for text in texts:
            assert not MISSING.search(text), (s.key, text)
        if s.key not in ("title", "quality"):
            assert re.search(r"第\d+页" if lang == "zh" else r"page \d+", s.source), s.source
    title = deck[0]
    i = identity(folder)
    if lang == "zh":  # 部门预算 or 单位预算, as the document is
        assert f"{i['year']}年度{i['scope']}{i['kind']}" in title.subtitle
        assert "原文页码" in title.sentences[0]


@pytest.mark.parametrize("folder", FOLDERS)
def test_function_slide_equals_the_hand_reading_and_its_page(con, folder: str) -> None:
    s = by_key(story(con, folder), "function")
    total = next(r for r in hand(folder) if r["section"] == "function" and r["label"] == "合计")
    classes = {
        r["label"]: hand_wan(r)
        for r in hand(folder)
        if r["section"] == "function"
        and r["table"] == total["table"]
        and len(r["code"]) == 3
        and r["column"] == "total"
    }
    shown = dict(zip(s.chart.categories, s.chart.series[0].values, strict=True))
    assert shown == classes
    # the table and the page of its 合计 row
    assert total["table"] in s.source and f"第{total['page']}页" in s.source


def test_basic_project_shares_are_of_the_total_when_it_holds_more(con) -> None:
    """Jiangsu's 支出 also holds a 单位预留机动经费: 基本 and 项目 are shares of the total, and
    the rest is shown as 其他 (all three read by hand from the 收支预算总表)."""
    rows = {r["label"]: hand_wan(r) for r in hand(JIANGSU) if r["section"] == "summary"}
    basic, project = rows["一、基本支出"], rows["二、项目支出"]
    total = rows["支出合计"]
    s = by_key(story(con, JIANGSU), "basic_project")
    assert s.chart.series[0].values == (basic, project, total - basic - project)
    assert f"（{share(basic, total):.2f}%）" in s.sentences[0]
    assert fmt_amount(basic) in s.sentences[0] and fmt_amount(project) in s.sentences[0]


def test_economic_slide_without_the_personnel_split(con) -> None:
    s = by_key(story(con, JIANGSU), "economic")
    total = next(
        r
        for r in hand(JIANGSU)
        if r["section"] == "economic" and r["label"] == "合计" and r["column"] == "total"
    )
    assert [x.name for x in s.chart.series] == ["合计"]
    assert s.sentences[0] == f"基本支出 {fmt_amount(hand_wan(total))} 万元。"


def test_the_unit_budget_is_its_own_deck(con) -> None:
    """A department-year with a 部门 and a 单位 document: the one asked for is drawn."""
    dept, unit = story(con, SH_DEPT), story(con, SH_UNIT)
    assert dept[0].title != unit[0].title
    assert "单位预算" in unit[0].title


# --- the files -----------------------------------------------------------------------------------


@pytest.mark.parametrize("folder", FOLDERS)
def test_deck_and_workbook_are_written(con, folder: str, tmp_path: Path) -> None:
    i = identity(folder)
    deck = build_deck(
        con, i["department"], int(i["year"]), tmp_path / "d.pptx", "zh", document_id(folder)
    )
    prs = Presentation(str(tmp_path / "d.pptx"))
    assert len(prs.slides) == len(deck)
    sheets = build_workbook(
        con, i["department"], int(i["year"]), tmp_path / "w.xlsx", document_id(folder)
    )
    wb = openpyxl.load_workbook(str(tmp_path / "w.xlsx"))
    assert wb.sheetnames == sheets
    # the 支出 function table with its hand-read 合计 and the page of every row
    total = next(r for r in hand(folder) if r["section"] == "function" and r["label"] == "合计")
    ws = next(wb[n] for n in sheets if total["table"].endswith(n) or n in total["table"])
    header = [c.value for c in ws[2]]
    assert "原文页码" in header
    rows = [dict(zip(header, r, strict=True)) for r in ws.iter_rows(min_row=3, values_only=True)]
    row = next(r for r in rows if r["科目名称"] == "合计")
    assert Decimal(str(row["合计（万元）"])).quantize(Decimal("0.0001")) == hand_wan(total)
    assert row["原文页码"] == int(total["page"])
    for r in rows:
        for value in r.values():
            assert not (isinstance(value, str) and MISSING.search(value)), r


def test_cli_deck_and_workbook_of_the_jiangsu_document(corpus_db: Path, tmp_path: Path) -> None:
    i = identity(JIANGSU)
    where = ["--db", str(corpus_db), "--department", i["department"], "--year", i["year"]]
    assert cli.main(["deck", *where, "-o", str(tmp_path / "js.pptx"), "--lang", "en"]) == 0
    assert cli.main(["workbook", *where, "-o", str(tmp_path / "js.xlsx")]) == 0
    wb = openpyxl.load_workbook(str(tmp_path / "js.xlsx"))
    # every table of the document has its sheet, named as the layout names it
    for name in ("收支预算总表", "收入预算总表", "支出预算总表", "政府采购预算表"):
        assert name in wb.sheetnames
    # the 政府采购 table as read, row by row (hand-read: 公开表十二, tables file p12)
    ws = wb["政府采购预算表"]
    header = [c.value for c in ws[2]]
    for column in ("行类型", "采购类别", "采购内容", "采购组织形式", "合计（万元）", "原文页码"):
        assert column in header, header
    rows = [dict(zip(header, r, strict=True)) for r in ws.iter_rows(min_row=3, values_only=True)]
    total = next(r for r in rows if r["行类型"] == "合计")
    assert Decimal(str(total["合计（万元）"])) == Decimal("2416.43")
    assert total["原文页码"] == 12
    goods = next(r for r in rows if r["行类型"] == "采购类别" and r["采购类别"] == "货物")
    assert Decimal(str(goods["合计（万元）"])) == Decimal("233.10")
    furniture = next(r for r in rows if r["采购内容"] == "家具用具")
    assert Decimal(str(furniture["合计（万元）"])) == Decimal("18.40")
    assert furniture["采购组织形式"] == "分散自行组织"
    meeting = next(r for r in rows if r["采购内容"] == "会议服务")
    assert Decimal(str(meeting["合计（万元）"])) == Decimal("1035.00")
    for r in rows:
        for value in r.values():
            assert not (isinstance(value, str) and MISSING.search(value)), r
            assert value not in ("item", "category", "group", "total"), r
    # two PDFs: each row says which file its page is in
    tables_file = next(p.name for p in (CORPUS / JIANGSU).glob("*.pdf") if "公开表" in p.name)
    header = [c.value for c in wb["支出预算总表"][2]]
    assert "文件" in header
    files = {
        r[header.index("文件")] for r in wb["支出预算总表"].iter_rows(min_row=3, values_only=True)
    }
    assert files == {tables_file}


def test_english_workbook_names_the_procurement_rows_in_english(con, tmp_path: Path) -> None:
    i = identity(JIANGSU)
    build_workbook(
        con, i["department"], int(i["year"]), tmp_path / "w.xlsx", document_id(JIANGSU), "en"
    )
    wb = openpyxl.load_workbook(str(tmp_path / "w.xlsx"))
    ws = next(wb[n] for n in wb.sheetnames if "procurement" in n.lower() or "采购" in n)
    header = [c.value for c in ws[2]]
    assert not any(re.search(r"[\u4e00-\u9fff]", h) for h in header), header
    rows = [dict(zip(header, r, strict=True)) for r in ws.iter_rows(min_row=3, values_only=True)]
    kinds = {r[header[0]] for r in rows}
    assert {"Total", "Category"} <= kinds, kinds
    assert {r["Category"] for r in rows} >= {"Goods", "Services"}
