"""fiscal_items.csv and execution_notes.csv against values read by hand from the documents.

fiscal_items: the 三公 and 机关运行经费 rows of a Shanghai budget (p21), of a Jiangsu budget whose
三公 table adds 会议费 and 培训费 (p20), and of a 决算 that prints 预算数 beside 决算数 (国家信访局
2024, p15) — every row of tests/fixtures/corpus/<slug>/hand_read.csv section three_public.
execution_notes: the 决算 narrative's 支出决算具体情况 of 上海市普陀区委社会工作部 2024 (p18–19),
typed below from the page.
"""

from __future__ import annotations

import csv
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from budgetlens import db, export, pipeline
from tests.conftest import CORPUS

SHANGHAI = "sh-putuo-swj-2025-budget-dept"
JIANGSU = "js-jcy-2019"
FINAL = "cn-gjxfj-2024-final-dept"
SH_FINAL = "sh-putuo-shgzb-2024-final-dept"
CAR = "公务用车购置及运行费"
# the hand reading's names (the printed column or row heads) → the label every layout's rows carry
LABEL = {
    "合计": "合计",
    "因公出国（境）费": "因公出国（境）费",
    "公务接待费": "公务接待费",
    "公务用车购置及运行维护费": CAR,
    "小计": CAR,
    "公务用车购置费": "公务用车购置费",
    "公务用车运行维护费": "公务用车运行费",
    "会议费": "会议费",
    "培训费": "培训费",
}


D = Decimal


def _amount(text: str) -> Decimal | None:
    return Decimal(text) if text else None


def _hand(slug: str) -> list[dict[str, str]]:
    with (CORPUS / slug / "hand_read.csv").open(encoding="utf-8") as fh:
        return [r for r in csv.DictReader(fh) if r["section"] == "three_public"]


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("fiscal")
    pdfs = [
        p
        for slug in (SHANGHAI, JIANGSU, FINAL, SH_FINAL)
        for p in sorted((CORPUS / slug).glob("*.pdf"))
    ]
    assert len(pipeline.ingest(pdfs, tmp / "budget.duckdb").documents) == 4
    con = db.connect(tmp / "budget.duckdb", read_only=True)
    try:
        export.export_package(con, tmp / "out")
    finally:
        con.close()
    return tmp / "out"


def _rows(out: Path, resource: str, department: str) -> list[dict[str, str]]:
    with (out / f"{resource}.csv").open(encoding="utf-8-sig") as fh:
        return [r for r in csv.DictReader(fh) if r["department"] == department]


def _items(out: Path, department: str) -> dict[tuple[str, str], Decimal]:
    return {
        (r["table"], r["label"]): Decimal(r["total"])
        for r in _rows(out, "fiscal_items", department)
    }


def test_shanghai_three_public_and_admin_operating(out: Path) -> None:
    got = _items(out, "上海市普陀区商务委员会")
    hand = _hand(SHANGHAI)
    assert len(hand) == 3
    for row in hand:
        if row["label"].startswith("机关运行经费"):
            key = ("admin_operating", "机关运行经费")
        else:
            key = ("three_public", LABEL[row["label"]])
        assert got.pop(key) == Decimal(row["value"]), row
    assert got == {}, "rows the page does not print"


def test_jiangsu_three_public_with_meetings_and_training(out: Path) -> None:
    got = _items(out, "江苏省人民检察院")
    # (its 机关运行经费 table is by 经济科目: expenditure_economic.csv, tests/test_export_values.py)
    hand = {
        r["label"]: Decimal(r["value"].replace(",", ""))
        for r in _hand(JIANGSU)
        if r["label"] != "机关运行经费"
    }
    # the table's grand 合计 (三公 + 会议费 + 培训费) and its 三公 小计,
    # which every layout calls 合计
    grand = [v for (t, label), v in got.items() if "会议费" in label and "合计" in label]
    assert grand == [hand.pop("合计")]
    assert got[("three_public", "合计")] == hand.pop("小计")
    for label, value in hand.items():
        assert got[("three_public", LABEL[label])] == value, label
    assert len(got) == 1 + 1 + len(hand)


def test_final_budget_beside_actual(out: Path) -> None:
    got = _items(out, "国家信访局")
    hand = _hand(FINAL)
    assert len(hand) == 12
    for row in hand:
        table = "three_public_budget" if row["column"] == "预算数" else "three_public"
        key = (table, LABEL[row["label"]])
        if row["value"].strip():
            assert got.pop(key) == Decimal(row["value"]), row
        else:  # a blank cell stays absent, never 0
            assert key not in got, row
    assert got == {}


def test_final_three_public_rows_keep_their_line(out: Path) -> None:
    rows = _rows(out, "fiscal_items", "国家信访局")
    assert rows and all(r["source_line"].isdigit() for r in rows)


def test_execution_notes_as_the_narrative_states_them(out: Path) -> None:
    rows = _rows(out, "execution_notes", "中共上海市普陀区委社会工作部")
    assert rows, "the 决算's narrative items"
    whole, first, second = rows[0], rows[1], rows[2]
    # p18: 年初预算为 0 万元，全年预算为 321.02 万元，支出决算为 307.82 万元，完成年初预算的 95.89%
    assert whole["item_name"] == "合计" and whole["code"] == ""
    assert Decimal(whole["year_start_budget"]) == 0
    assert Decimal(whole["full_year_budget"]) == Decimal("321.02")
    assert Decimal(whole["actual"]) == Decimal("307.82")
    assert Decimal(whole["stated_rate"]) == Decimal("95.89")
    # p18: 1、一般公共服务支出（类）社会工作事务（款）行政运行（项）… 全年预算为 52.00 万元，
    # 支出决算为 51.32 万元，完成全年预算数的 98.69%。…主要原因：人员变动引起实际支出低于预算。
    assert (first["class_name"], first["kuan_name"], first["item_name"]) == (
        "一般公共服务支出",
        "社会工作事务",
        "行政运行",
    )
    assert first["year_start_budget"] == ""
    assert Decimal(first["full_year_budget"]) == Decimal("52.00")
    assert Decimal(first["actual"]) == Decimal("51.32")
    assert (Decimal(first["stated_rate"]), first["rate_of"]) == (Decimal("98.69"), "全年")
    assert first["reason"] == "人员变动引起实际支出低于预算"
    # p18: 2、…事业运行（项）… 全年预算为 17.68 万元，支出决算为 11.31 万元 (no rate stated)
    assert second["item_name"] == "事业运行"
    assert (Decimal(second["full_year_budget"]), Decimal(second["actual"])) == (
        Decimal("17.68"),
        Decimal("11.31"),
    )
    assert second["stated_rate"] == ""


def test_final_notes_state_the_year_start_budget(out: Path) -> None:
    """国家信访局 2024 决算 p21 (printed 19), （三）财政拨款支出决算具体情况: each figure against
    the 年初预算 (no 全年预算 stated)."""
    rows = _rows(out, "execution_notes", "国家信访局")
    got = {
        r["item_name"]: (
            _amount(r["year_start_budget"]),
            _amount(r["full_year_budget"]),
            _amount(r["actual"]),
            _amount(r["stated_rate"]),
            r["rate_of"],
        )
        for r in rows
    }
    # 年初预算为 15068.55 万元，支出决算为 13733.8 万元，完成年初预算的 91.14%
    assert got["合计"] == (D("15068.55"), None, D("13733.8"), D("91.14"), "年初")
    # 1.…行政运行（项）。年初预算为 5717.32 万元，支出决算为 5757.63 万元，…100.71%
    assert got["行政运行"] == (D("5717.32"), None, D("5757.63"), D("100.71"), "年初")
    # 2.…一般行政管理事务（项）。年初预算为 590.53 万元，支出决算为 4.7 万元，…0.8%
    assert got["一般行政管理事务"] == (D("590.53"), None, D("4.7"), D("0.8"), "年初")


def test_synthetic_finals_are_left_out(out: Path, tmp_path: Path) -> None:
    """The seed of tests/test_export.py is a 预算 (no narrative notes): here the two 决算 are
    marked synthetic in a copy, and neither their notes nor their 三公 rows are exported."""
    copy = tmp_path / "copy.duckdb"
    shutil.copyfile(out.parent / "budget.duckdb", copy)
    con = db.connect(copy)
    try:
        con.execute("update document set synthetic = true where kind = '决算'")
        export.export_package(con, tmp_path / "out")
    finally:
        con.close()
    for name in ("国家信访局", "中共上海市普陀区委社会工作部"):
        assert _rows(out, "execution_notes", name), name  # the unmarked export has them
        assert _rows(tmp_path / "out", "execution_notes", name) == [], name
        assert _rows(tmp_path / "out", "fiscal_items", name) == [], name
    assert _rows(tmp_path / "out", "fiscal_items", "上海市普陀区商务委员会")  # a 预算 stays


def test_budgets_have_no_execution_notes(out: Path) -> None:
    assert _rows(out, "execution_notes", "上海市普陀区商务委员会") == []
