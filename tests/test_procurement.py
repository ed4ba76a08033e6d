"""The 政府采购预算表 read into ``procurement_item`` (issue 16, item 2): each shape of the corpus
against figures read by hand from the PDFs (pdfplumber's page text; file, page in each case);
the leaves of each read table add up to its own 合计; a table without rows is "no procurement";
a shape the reader does not know is kept as raw cells with a parse note."""

from __future__ import annotations

from decimal import Decimal

import pytest

from budgetlens import grid, pdf_ingest
from budgetlens import layout as lay
from budgetlens.grid_procurement import read_procurement
from budgetlens.pdf import read as read_pdf
from tests.conftest import CORPUS, corpus_documents

D = Decimal

# (corpus folder, page, row_kind, category, project, item, total 万元, general_budget 万元)
# read by hand from the page text; 西安 2021 prints 元 (the 万元 here are its figures / 10000)
HAND_READ = [
    # 北京_2026_北京市委军民融合发展委员会办公室_部门预算.pdf p14 (预算10表 政府采购预算明细表)
    ("bj-jmrh-2026-budget-dept", 14, "category", "货物", None, None, D("18.69"), None),
    ("bj-jmrh-2026-budget-dept", 14, "category", "服务", None, None, D("35.65"), None),
    ("bj-jmrh-2026-budget-dept", 14, "total", None, None, None, D("54.34"), None),
    # 重庆_2026_重庆市水利局_部门预算.pdf p29 (表九 2026 年政府采购预算明细表)
    ("cq-slj-2026-budget-dept", 29, "total", None, None, None, D("11884.37"), D("11307.34")),
    ("cq-slj-2026-budget-dept", 29, "category", "货物", None, None, D("2703.49"), D("2703.19")),
    ("cq-slj-2026-budget-dept", 29, "category", "工程", None, None, D("239.56"), D("239.56")),
    ("cq-slj-2026-budget-dept", 29, "category", "服务", None, None, D("8941.32"), D("8364.59")),
    # 江苏省人大办公厅--江苏省人大办公厅2017年度预算公开.pdf pp20–21 (2017 年政府采购预算表)
    ("js-rdbgt-2017", 20, "total", None, None, None, D("2247.85"), None),
    ("js-rdbgt-2017", 21, "category", "服务", None, None, D("2188.85"), None),
    ("js-rdbgt-2017", 21, "group", "货物", "办公设备购置费", None, D("59.00"), None),
    ("js-rdbgt-2017", 21, "item", "货物", "办公设备购置费", "家具用具", D("23.00"), None),
    (
        "js-rdbgt-2017",
        21,
        "item",
        "服务",
        "综合管理费",
        "空调、电梯维修和保养服务",
        D("300.00"),
        None,
    ),
    # 烟台_2026_烟台市民政局_部门预算.pdf p28 (公开表12 政府采购预算表, by 功能分类 科目:
    # 合计 623.63, 一般公共预算 49.75, 政府性基金预算 573.88; 208 社会保障和就业支出 49.75;
    # 2080201 行政运行 9.44; 2296002 用于社会福利的彩票公益金支出 573.88, all 政府性基金)
    ("yt-mzj-2026-budget-dept", 28, "total", None, None, None, D("623.63"), D("49.75")),
    (
        "yt-mzj-2026-budget-dept",
        28,
        "group",
        None,
        "208 社会保障和就业支出",
        None,
        D("49.75"),
        D("49.75"),
    ),
    ("yt-mzj-2026-budget-dept", 28, "item", None, None, "2080201 行政运行", D("9.44"), D("9.44")),
    (
        "yt-mzj-2026-budget-dept",
        28,
        "item",
        None,
        None,
        "2296002 用于社会福利的彩票公益金支出",
        D("573.88"),
        None,
    ),
    # 烟台_2026_烟台市审计局_部门预算.pdf p25: 合计 5.80; 201/08/04 审计业务 5.80 (单位资金)
    ("yt-sjj-2026-budget-dept", 25, "total", None, None, None, D("5.80"), None),
    ("yt-sjj-2026-budget-dept", 25, "item", None, None, "2010804 审计业务", D("5.80"), None),
    # 西安_2021_中共西安市委宣传部_部门预算.pdf pp39–40 (表12 …政府采购…预算表, 单位：元)
    ("xa-xcb-2021-budget-dept", 39, "total", None, None, None, D("2366.16"), None),
    (
        "xa-xcb-2021-budget-dept",
        39,
        "item",
        None,
        "城市宣传经费",
        "C2002广播、电视、电影和音像服务",
        D("1500.00"),
        None,
    ),
    (
        "xa-xcb-2021-budget-dept",
        40,
        "item",
        None,
        "舆情信息工作经费",
        "C2001新闻服务",
        D("100.00"),
        None,
    ),
]


def _page(doc, line: int) -> int:
    return next(s["page"] for s in doc.rows["source_location"] if s["line"] == line)


@pytest.mark.parametrize("case", HAND_READ, ids=lambda c: f"{c[0]}-p{c[1]}-{c[5] or c[3] or c[2]}")
def test_procurement_rows_as_published(case) -> None:
    name, page, kind, category, project, item, total, general = case
    (doc,) = corpus_documents(name)
    found = [
        r
        for r in doc.rows["procurement_item"]
        if r["row_kind"] == kind
        and r["total_wan"] == total
        and (category is None or r["category"] == category)
        and (project is None or r["project"] == project)
        and (item is None or r["item"] == item)
    ]
    assert len(found) == 1, found
    (r,) = found
    assert _page(doc, r["source_line"]) == page
    if general is not None:
        assert r["general_budget_wan"] == general


READ = [
    "bj-jmrh-2026-budget-dept",
    "bj-xfb-2026-budget-dept",
    "cq-slj-2026-budget-dept",
    "cq-xcb-2026-budget-dept",
    "js-jcy-2017",
    "js-jcy-2018",
    "js-jcy-2019",
    "js-rdbgt-2017",
    "js-rdbgt-2018",
    "js-rdbgt-2019",
    "xa-ajj-2019-budget-dept",
    "xa-xcb-2021-budget-dept",
    "yt-mzj-2026-budget-dept",
    "yt-sjj-2026-budget-dept",
]


@pytest.mark.parametrize("name", READ)
def test_leaves_add_up_to_the_tables_own_total(name) -> None:
    """The items (or, where a table lists none, its categories) add up to the 合计 it prints."""
    (doc,) = corpus_documents(name)
    rows = doc.rows["procurement_item"]
    (total,) = [r["total_wan"] for r in rows if r["row_kind"] == "total"]
    leaves = [r for r in rows if r["row_kind"] == "item"] or [
        r for r in rows if r["row_kind"] == "category"
    ]
    assert leaves
    assert sum((r["total_wan"] or D(0)) for r in leaves) == total
    assert not [n for n in doc.rows["parse_note"] if n["table_key"] == "procurement"]


def test_a_merged_item_name_over_two_rows_is_one_item_bought_two_ways() -> None:
    # 江苏省人民检察院--2018年省检察院部门预算公开.pdf p22: 物业管理服务 330.00 部门集中采购 and
    # 20.00 分散自行组织 under one merged 采购物品名称 cell
    (doc,) = corpus_documents("js-jcy-2018")
    rows = [
        (r["method"], r["total_wan"])
        for r in doc.rows["procurement_item"]
        if r["row_kind"] == "item" and r["item"] == "物业管理服务" and r["project"] == "物业管理费"
    ]
    assert sorted(rows) == [("分散自行组织", D("20.00")), ("部门集中采购", D("330.00"))]


def test_a_table_by_subject_carries_its_funds_and_no_category() -> None:
    """烟台民政局 p28: the 合计 row's 一般公共预算 49.75 + 政府性基金 573.88 = 623.63; no 货物 /
    工程 / 服务 is printed, so no row has a category; 审计局 p25's 5.80 is 单位资金 (the second
    5.80 of each row stands under that column, x 672–687 against its header at 641–678)."""
    (doc,) = corpus_documents("yt-mzj-2026-budget-dept")
    rows = doc.rows["procurement_item"]
    (total,) = [r for r in rows if r["row_kind"] == "total"]
    assert (total["general_budget_wan"], total["gov_fund_wan"]) == (D("49.75"), D("573.88"))
    assert {r["category"] for r in rows} == {None}
    assert [r["row_kind"] for r in rows].count("group") == 6
    (doc,) = corpus_documents("yt-sjj-2026-budget-dept")
    assert {r["unit_funds_wan"] for r in doc.rows["procurement_item"]} == {D("5.80")}


def test_an_unknown_shape_is_kept_raw_with_a_note() -> None:
    """A header naming no category, project or item column over rows without 科目 codes is not
    read: IngestError naming the page and table (the document keeps it as raw cells)."""
    t = _procurement_table("yt-sjj-2026-budget-dept")
    rows = [
        grid.GridRow(1, t.page, ["名称", "金额"]),
        grid.GridRow(2, t.page, ["办公用品", "5.80"]),
    ]
    with pytest.raises(pdf_ingest.IngestError, match=r"page 25.*政府采购预算表"):
        read_procurement(t, rows)


def _procurement_table(name: str):
    files = [read_pdf(p) for p in sorted((CORPUS / name).glob("*.pdf"))]
    (doc,) = pdf_ingest.group_files(files)
    _, origins, items = pdf_ingest._source(doc)
    known, _ = lay.locate(items, doc.layout, pdf_ingest._file_of(items, origins))
    return next(t for t in known if t.decl.key == "procurement")


def test_an_empty_table_is_no_procurement() -> None:
    """No corpus document prints an empty 政府采购预算表; a real table's declaration with the
    words such a table prints (本部门无政府采购预算) in place of its rows reads as no rows."""
    t = _procurement_table("bj-jmrh-2026-budget-dept")
    rows = [
        grid.GridRow(1, t.page, ["采购类别", "金额"]),
        grid.GridRow(2, t.page, ["本部门无政府采购预算", None]),
    ]
    assert read_procurement(t, rows) == []


def test_an_amount_that_is_not_a_number_names_file_page_and_table() -> None:
    t = _procurement_table("bj-jmrh-2026-budget-dept")
    rows = [
        grid.GridRow(1, t.page, ["采购类别", "金额"]),
        grid.GridRow(2, t.page, ["A-货物", "12.5"]),
        grid.GridRow(3, t.page, ["C-服务", "十万"]),
    ]
    with pytest.raises(pdf_ingest.IngestError, match=r"page 14.*政府采购预算明细表.*十万"):
        read_procurement(t, rows)
