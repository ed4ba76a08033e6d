"""Damaged copies of corpus PDFs load balanced or are refused in one sentence (issue 16).

``tools/stress_corpus.py`` ingests variants of every corpus document (pages dropped, duplicated,
rotated, swapped, the file cut in two, a page's text stripped) and classifies each outcome
(docs/testing.md). These tests build some of those variants here, with pypdf, and hold each to
its exact outcome: the loaded totals against the figures read by hand from the page, or the
refusal naming the file, the page or table, and what was expected.

Hand readings: 北京_2026_北京市信访办公室_部门预算.pdf page 1 (预算01表 收支总表): 收入总计
9,626.777589 and 支出总计 9,626.777589 万元. Its department is named only on page 17 (预算13表
部门整体支出绩效目标表, 部门名称 北京市信访办公室); page 1 has no cover.
重庆_2026_中共重庆市委宣传部_部门预算.pdf: pages 16 to 19 hold the tables after the 一般公共预算
支出表; page 19 continues a table without repeating its header.
中共上海市普陀区委社会工作部2024年度部门决算.pdf: page 1 is the cover (中共上海市普陀区委
社会工作部 2024 年度 部门决算), page 2 the contents (一、主要职能, 二、部门决算单位构成,
第二部分…决算表); page 5 (收入支出决算总表): 总计 307.82 万元 on both sides.
江苏省人大办公厅--江苏省人大常委会办公厅2019年部门预算公开表.pdf: page 1 is its 收支预算总表.
西安_2019_西安市安全生产监督管理局_部门预算.pdf: page 1 is the cover naming the department; page
2 the contents (表1 2019年部门综合预算收支总表 | 单位:万元 | 第3页,共45页 …); the tables name
no 部门名称 in a cell beside its label.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from budgetlens import pipeline
from budgetlens.errors import IngestError
from tests.conftest import CORPUS

BJ_XFB = CORPUS / "bj-xfb-2026-budget-dept" / "北京_2026_北京市信访办公室_部门预算.pdf"
SHGZB = (
    CORPUS / "sh-putuo-shgzb-2024-final-dept" / "中共上海市普陀区委社会工作部2024年度部门决算.pdf"
)
JS_2019 = CORPUS / "js-rdbgt-2019"
JS_NARRATIVE = JS_2019 / "江苏省人大办公厅--江苏省人大常委会2019年度部门预算公开.pdf"
JS_TABLES = JS_2019 / "江苏省人大办公厅--江苏省人大常委会办公厅2019年部门预算公开表.pdf"
XA_AJJ = CORPUS / "xa-ajj-2019-budget-dept" / "西安_2019_西安市安全生产监督管理局_部门预算.pdf"
CQ_XCB = CORPUS / "cq-xcb-2026-budget-dept" / "重庆_2026_中共重庆市委宣传部_部门预算.pdf"


def _variant(source: Path, pages: list[int], out: Path, rotate: int | None = None) -> Path:
    """A PDF of ``source``'s 1-based ``pages`` in that order; page ``rotate`` turned by 90°."""
    reader = PdfReader(str(source))
    writer = PdfWriter()
    for page in pages:
        writer.add_page(reader.pages[page - 1])
        if page == rotate:
            writer.pages[-1].rotate(90)
    with out.open("wb") as fh:
        writer.write(fh)
    return out


def test_a_duplicated_summary_page_loads_the_totals_printed_on_it(tmp_path: Path) -> None:
    pdf = _variant(BJ_XFB, [1, *range(1, 18)], tmp_path / "dup-p1.pdf")
    ((parsed, _),) = pipeline.read_pdfs([pdf])
    figures = {f["key"]: f["value"] for f in parsed.rows["key_figure"]}
    assert figures["revenue_total"] == Decimal("9626.777589")
    assert figures["expenditure_total"] == Decimal("9626.777589")


def test_without_the_page_naming_the_department_it_is_refused(tmp_path: Path) -> None:
    pdf = _variant(BJ_XFB, list(range(1, 17)), tmp_path / "drop-p17.pdf")
    with pytest.raises(IngestError) as err:
        pipeline.read_pdfs([pdf])
    assert err.value.file.endswith(pdf.name)
    assert err.value.expected.startswith("the document's department")


def test_a_summary_page_turned_sideways_is_refused_naming_the_table(tmp_path: Path) -> None:
    pdf = _variant(BJ_XFB, list(range(1, 18)), tmp_path / "rotate-p1.pdf", rotate=1)
    with pytest.raises(IngestError) as err:
        pipeline.read_pdfs([pdf])
    message = str(err.value)
    assert pdf.name in message
    assert "national-budget: missing 收支总表" in message


def test_a_table_page_out_of_order_is_refused_at_its_page(tmp_path: Path) -> None:
    pages = list(range(1, 25))
    pages[15], pages[18] = 19, 16
    pdf = _variant(CQ_XCB, pages, tmp_path / "swap-p16-p19.pdf")
    with pytest.raises(IngestError) as err:
        pipeline.read_pdfs([pdf])
    assert err.value.file == f"{pdf.name} page 17"
    assert "一般公共预算基本支出情况表" in err.value.table
    assert err.value.expected.startswith("a header naming the amount columns")


def test_without_its_cover_the_department_is_not_read_from_the_contents(tmp_path: Path) -> None:
    # before the fix the contents page's headings were joined into the department:
    # 一、主要职能二、部门决算单位构成第二部分中共上海市普陀区委社会工作部
    pdf = _variant(SHGZB, list(range(2, 25)), tmp_path / "drop-p1.pdf")
    ((parsed, _),) = pipeline.read_pdfs([pdf])
    assert parsed.department == "中共上海市普陀区委社会工作部"
    figures = {f["key"]: f["value"] for f in parsed.rows["key_figure"]}
    assert figures["revenue_total"] == figures["expenditure_total"] == Decimal("307.82")


def test_a_tables_file_missing_its_first_table_is_named_not_its_narrative(tmp_path: Path) -> None:
    # before the fix the narrative was refused as "a narrative without its tables file"
    pdf = _variant(JS_TABLES, list(range(2, 14)), tmp_path / "tables-drop-p1.pdf")
    with pytest.raises(IngestError) as err:
        pipeline.read_pdfs([JS_NARRATIVE, pdf])
    message = str(err.value)
    assert err.value.file == str(pdf)
    assert "jiangsu-budget: missing 收支预算总表 |" in message
    assert "narrative" not in message


def test_without_the_cover_naming_it_the_department_is_asked_for(tmp_path: Path) -> None:
    # before the fix it loaded as the department "万元第3页,共45页" (the contents page's unit
    # line joined with its page counter), then "万", "总计" and "2018年" (cells beside a
    # 单位名称 column heading)
    pdf = _variant(XA_AJJ, list(range(2, 46)), tmp_path / "drop-p1.pdf")
    with pytest.raises(IngestError) as err:
        pipeline.read_pdfs([pdf])
    assert err.value.file.endswith(pdf.name)
    assert err.value.expected.startswith("the document's department")
