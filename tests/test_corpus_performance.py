"""绩效目标表 of national-template PDFs against values read by hand from the page images (issue 16).

Each folder's ``hand_read.csv`` rows with ``section=performance`` (see the folder's NOTES.md):
``label=项目数`` the number of project forms; ``label=项目名称`` a project's name; a row with a
``unit`` a fund figure of the project named in ``table``; any other row an indicator of that
project (``label`` its 三级指标, ``column`` its 二级指标, ``value`` its 指标值 as printed). Every
figure must come with a source line on the page the hand reading names.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from budgetlens.source import norm
from tests.conftest import corpus_documents

CORPUS = Path(__file__).parent / "fixtures" / "corpus"


def _hand(name: str) -> list[dict]:
    with open(CORPUS / name / "hand_read.csv", encoding="utf-8") as fh:
        return [r for r in csv.DictReader(fh) if r["section"] == "performance"]


FOLDERS = sorted(
    f.name for f in CORPUS.iterdir() if (f / "hand_read.csv").exists() and _hand(f.name)
)


def _page(doc, line: int) -> int:
    return next(s["page"] for s in doc.rows["source_location"] if s["line"] == line)


def test_documents_of_three_provinces_are_hand_read() -> None:
    assert {f.split("-")[0] for f in FOLDERS} >= {"fz", "yt", "bj"}


@pytest.mark.parametrize("name", FOLDERS)
def test_projects_match_the_hand_reading(name: str) -> None:
    (doc,) = corpus_documents(name)
    tables = doc.rows["performance_table"]
    for row in _hand(name):
        if row["label"] == "项目数":
            assert len(tables) == int(row["value"]), row
        elif row["label"] == "项目名称":
            hits = [t for t in tables if t["project"] == row["value"]]
            assert hits, f"{name}: project {row['value']} not read"
            assert int(row["page"]) in {_page(doc, t["source_line"]) for t in hits}, row
            assert all(not t["is_department"] for t in hits)
        elif row["label"].startswith("主管部门"):
            (hit,) = [
                t
                for t in tables
                if t["project"] == row["table"] and _page(doc, t["source_line"]) == int(row["page"])
            ]
            assert hit["supervisor"] == row["value"], row
            code = row["value"].split("_")[0]
            assert hit["supervisor_code"] == (code if code.isdigit() else None), row


@pytest.mark.parametrize("name", FOLDERS)
def test_funds_match_the_hand_reading(name: str) -> None:
    (doc,) = corpus_documents(name)
    funds = doc.rows["performance_fund"]
    rows = [r for r in _hand(name) if r["unit"]]
    assert rows, f"{name}: no fund figure hand-read"
    for row in rows:
        assert row["unit"] == "万元"
        hits = [
            f
            for f in funds
            if f["project"] == row["table"]
            and norm(f["label"]) == norm(row["label"])
            and _page(doc, f["source_line"]) == int(row["page"])
        ]
        assert len(hits) == 1, (row, hits)
        assert hits[0]["amount_yuan"] == Decimal(row["value"].replace(",", "")) * 10000, row


@pytest.mark.parametrize("name", FOLDERS)
def test_indicators_match_the_hand_reading(name: str) -> None:
    (doc,) = corpus_documents(name)
    indicators = doc.rows["performance_indicator"]
    rows = [
        r
        for r in _hand(name)
        if not r["unit"] and r["label"] not in ("项目数", "项目名称", "主管部门", "主管部门及代码")
    ]
    if not rows:
        pytest.skip(f"{name}: indicators not read for this layout (see docs/layouts.md)")
    for row in rows:
        hits = [
            i
            for i in indicators
            if i["project"] == row["table"]
            and i["name"] == row["label"]
            and _page(doc, i["source_line"]) == int(row["page"])
        ]
        assert len(hits) == 1, (row, hits)
        ind = hits[0]
        assert norm(ind["target_raw"]) == norm(row["value"]), row
        assert ind["level2_raw"] == row["column"], row
        assert ind["placed"], row


def test_targets_are_parsed_as_the_text_layout_parses_them() -> None:
    (doc,) = corpus_documents("fz-xtj-2026-budget-unit")
    by_name = {i["name"]: i for i in doc.rows["performance_indicator"]}
    hours = by_name["直升机空中执勤时长"]
    assert (hours["target_kind"], hours["comparator"], hours["target_value"]) == (
        "numeric",
        "≥",
        80.0,
    )
    assert hours["target_unit"] == "小时"
    odd = by_name["特警伙食补贴标准"]
    assert odd["target_kind"] == "unparsed" and odd["problem"]


def test_a_list_shaped_table_keeps_its_indicators_raw_with_a_note() -> None:
    (doc,) = corpus_documents("bj-xfb-2026-budget-dept")
    # the 项目 list's indicators stay raw; only the 部门整体 table's (p17) are read
    # (tests/test_performance_department.py)
    assert doc.rows["performance_indicator"]
    assert {i["project"] for i in doc.rows["performance_indicator"]} == {"部门整体"}
    notes = [n["message"] for n in doc.rows["parse_note"] if n["table_key"] == "performance"]
    assert any("kept as raw cells" in m for m in notes)
    raw = {norm(c["text"]) for c in doc.rows["raw_cell"] if c["table_key"] == "performance"}
    assert "因公出国(境)次数" in raw


# 北京_2026_北京市信访办公室_部门预算.pdf 预算表12 项目支出绩效目标表 (pp13–16), read by hand: each
# project's code and name, its 项目总额 (万元) and the page its figures are read from. A
# project's cells are merged over its indicator rows; the three that cross a page break (849
# p13→14, 449 p14→15, 400 p15→16) print their code, name and amounts again at the top of the
# next page, partly above its first ruled line, where no cell is formed: read there.
BJ_PROJECTS = [
    ("11000021Y000000390843-信息系统运维类项目", "689.157460", 13),
    ("11000021Y000000390849-办公设备购置类项目", "29.359500", 14),
    ("11000022T000000424331-财务业务咨询服务", "22.200000", 14),
    ("11000022T000000424360-因公出国（境）经费", "14.850000", 14),
    ("11000022T000000424449-接访场所保障费", "658.000000", 15),
    ("11000022T000000460665-信访宣传经费", "125.856287", 15),
    ("11000023T000002068400-来信业务工作保障", "56.800000", 16),
    ("11000023T000002132772-机动经费", "100.000000", 16),
    ("11000024T000002796073-劳务派遣管理服务费", "7.970570", 16),
]


def test_a_project_whose_merged_cells_cross_a_page_is_read_once() -> None:
    (doc,) = corpus_documents("bj-xfb-2026-budget-dept")
    funds = sorted(
        (f for f in doc.rows["performance_fund"] if f["source"] == "total"),
        key=lambda f: f["source_line"],
    )
    got = [(f["project"], f["amount_yuan"], _page(doc, f["source_line"])) for f in funds]
    assert got == [(name, Decimal(wan) * 10000, page) for name, wan, page in BJ_PROJECTS]
    tables = [t["project"] for t in doc.rows["performance_table"] if not t["is_department"]]
    assert sorted(tables) == sorted(name for name, _, _ in BJ_PROJECTS)


def test_a_title_above_a_table_is_not_taken_for_a_continued_cell() -> None:
    """江苏省人大办公厅 2018 p15, 公开10表: its first row (部门名称：… | | 单位：万元) has no cell
    in its middle column, under the title 政府性基金预算财政拨款支出预算表, which runs across that
    column: the title stays out of the row (pdf._continued_cells takes only words wholly
    inside a column)."""
    from budgetlens import pdf

    (path,) = (Path(__file__).parent / "fixtures" / "corpus" / "js-rdbgt-2018").glob("*.pdf")
    grids = [it.rows for it in pdf.read(path).items if getattr(it, "rows", None) and it.page == 15]
    firsts = [rows[0] for rows in grids]
    assert ["部门名称：江苏省人大常委会办公厅", None, "单位：万元"] in firsts


def _table(*rows: list) -> tuple:
    from budgetlens.grid import GridRow
    from budgetlens.layout import Located, TableDecl

    decl = TableDecl("performance", "绩效目标表", "performance", (("绩效目标",),))
    t = Located(decl, "项目绩效目标表", 0, 1, "x.pdf")
    return t, [GridRow(10 + k, 1, list(r)) for k, r in enumerate(rows)]


def test_forms_in_one_table_are_projects_and_what_is_not_understood_stays_raw() -> None:
    from budgetlens.grid_performance import read_performance

    t, rows = _table(
        ["项目名称", "甲项目", None],
        ["专项资金情况（万元）", "资金总额", "1.50"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "场次", "≥3场"],
        ["项目名称", "乙项目", None],
        ["数量指标", "指标1：检查", "2项"],  # no header: not understood
    )
    out = read_performance(t, rows)
    tables = [r["project"] for r in out if r.get("_target") == "performance_table"]
    assert tables == ["甲项目", "乙项目"]
    (fund,) = [r for r in out if r.get("_target") == "performance_fund"]
    assert fund["amount_yuan"] == Decimal("15000") and fund["source_line"] == 11
    (ind,) = [r for r in out if r.get("_target") == "performance_indicator"]
    assert (ind["project"], ind["name"], ind["comparator"], ind["target_value"]) == (
        "甲项目",
        "场次",
        "≥",
        3.0,
    )
    raw = [r for r in out if r.get("_raw")]
    assert {r["text"] for r in raw} == {"数量指标", "指标1：检查", "2项"}
    assert {r["row_no"] for r in raw} == {6}
    assert any("not understood" in r.get("_note", "") for r in out)


def test_a_table_without_a_project_is_kept_raw_with_a_note() -> None:
    from budgetlens.grid_performance import read_performance

    t, rows = _table(["部门名称", "某局"], ["整体绩效目标", "完成年度工作。"])
    out = read_performance(t, rows)
    assert not any("_target" in r for r in out)
    assert len([r for r in out if r.get("_raw")]) == 4
    assert "without a project form" in out[0]["_note"]
