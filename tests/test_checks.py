"""The reconciliation finds the document's own contradictions (read by hand: see
tests/fixtures/jincheng-kejiju-2024/NOTES.md) and says ok where the document agrees with itself."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from budgetlens import cli
from budgetlens.checks import Checker


@pytest.fixture(scope="module")
def results(seed_db: Path) -> list[dict]:
    con = duckdb.connect(str(seed_db), read_only=True)
    try:
        cur = con.execute("select * from check_result order by seq")
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
    finally:
        con.close()


def find(results: list[dict], kind: str, *words: str) -> list[dict]:
    return [r for r in results if r["check_kind"] == kind and all(w in r["subject"] for w in words)]


def one(results: list[dict], kind: str, *words: str) -> dict:
    hits = find(results, kind, *words)
    assert len(hits) == 1, (kind, words, [h["subject"] for h in hits])
    return hits[0]


def lines(r: dict) -> set[int]:
    return {int(x) for x in r["source_lines"].split(",")}


def test_statuses_tell_equal_rounding_and_mismatch_apart():
    c = Checker()
    c.compare("k", "equal", Decimal("1.00"), Decimal("1.00"), [1], items=3)
    c.compare("k", "rounding", Decimal("540.21"), Decimal("540.20"), [1], items=2)
    c.compare("k", "beyond rounding", Decimal("1.00"), Decimal("1.03"), [1], items=2)
    c.compare("k", "identity", Decimal("2.62"), Decimal("2.63"), [1], items=0)
    assert [r["status"] for r in c.results] == ["ok", "rounding", "mismatch", "mismatch"]
    assert c.results[1]["difference"] == Decimal("-0.01")
    assert c.results[1]["tolerance"] == Decimal("0.02")


def test_one_cent_gaps_in_the_function_tables_are_rounding(results):
    r = one(results, "subtotal", "expenditure_total 206 ", "basic_wan")
    assert (r["expected"], r["actual"], r["status"]) == (
        Decimal("540.21"),
        Decimal("540.20"),
        "rounding",
    )
    assert {204, 205, 208, 210} == lines(r)
    r = one(results, "column_total", "expenditure_total", "合计 total_wan")
    assert (r["expected"], r["actual"], r["status"]) == (
        Decimal("4266.91"),
        Decimal("4266.92"),
        "rounding",
    )
    r = one(results, "subtotal", "general_budget_expenditure", "20805", "total_wan")
    assert (r["actual"], r["status"]) == (Decimal("228.23"), "rounding")


def test_economic_table_gaps_are_rounding(results):
    r = one(results, "row_sum", "经济科目表 合计")
    assert (r["expected"], r["actual"], r["status"]) == (
        Decimal("1120.79"),
        Decimal("1120.80"),
        "rounding",
    )
    r = one(results, "subtotal", "对个人和家庭的补助 合计")
    assert (r["expected"], r["actual"], r["status"]) == (
        Decimal("153.28"),
        Decimal("153.27"),
        "rounding",
    )
    r = one(results, "economic_function", "退休费")
    assert (r["expected"], r["actual"], r["status"]) == (
        Decimal("143.34"),
        Decimal("143.33"),
        "rounding",
    )
    r = one(results, "economic_function", "机关事业单位基本养老保险缴费")
    assert r["status"] == "ok"


def test_the_same_code_with_two_names_is_a_mismatch(results):
    r = one(results, "name_consistency", "20604 ")
    assert r["status"] == "mismatch"
    assert lines(r) == {173, 210}
    assert "技术与研究与开发" in r["detail"] and "技术与研究开发" in r["detail"]
    assert one(results, "name_consistency", "2060101")["status"] == "ok"


def test_a_deviating_supervisor_code_is_a_mismatch(results):
    r = one(results, "supervisor_code", "科技研发基地运营管理费")
    assert r["status"] == "mismatch" and "109" in r["detail"]


def test_narrative_counts_of_budget_units_disagree_with_the_tables(results):
    r = one(results, "narrative_count", "机关及下属预算单位数")
    assert (r["expected"], r["actual"], r["status"]) == (Decimal(4), Decimal(3), "mismatch")
    assert one(results, "narrative_count", "所属预算单位数")["status"] == "ok"


def test_narrative_name_of_a_function_class_that_does_not_exist_is_reported(results):
    r = one(results, "narrative_name", "一般公共预算服务支出")
    assert r["status"] == "mismatch" and "一般公共服务支出" in r["detail"]


def test_cost_indicators_are_compared_with_the_budget(results):
    hall = one(results, "cost_indicator", "科技学术报告厅维修修缮 实施期")
    assert (hall["expected"], hall["actual"], hall["status"]) == (
        Decimal(20),
        Decimal(30),
        "mismatch",
    )
    assert one(results, "cost_indicator", "科技学术报告厅维修修缮 年度")["status"] == "ok"
    plan = one(results, "cost_indicator", "科技计划项目 年度")
    assert (plan["expected"], plan["actual"], plan["status"]) == (
        Decimal(2007),
        Decimal(2536),
        "mismatch",
    )
    # the operating budget prints 园区年运营成本 ≤550万元 twice: counted once
    assert one(results, "cost_indicator", "科技研发基地运营管理费 年度")["status"] == "ok"
    assert one(results, "cost_indicator", "遗属生活补助 年度")["status"] == "ok"  # ≤22000元
    dept = one(results, "cost_indicator", "部门整体: 项目支出成本")
    assert (dept["expected"], dept["actual"], dept["status"]) == (
        Decimal("3143.50"),
        Decimal(3057),
        "mismatch",
    )


def test_targets_that_differ_between_periods_are_reported(results):
    r = one(results, "period_consistency", "科技学术报告厅维修修缮: 维修修缮成本")
    assert (r["expected"], r["actual"], r["status"]) == (Decimal(30), Decimal(20), "mismatch")
    # the 年度 half has no 应补尽补率 row in the extraction (NOTES.md item 34): not judged
    r = one(results, "period_consistency", "遗属生活补助: 应补尽补率")
    assert r["status"] == "unjudged" and "年度" in r["detail"] and "815" in r["detail"]
    assert one(results, "period_consistency", "人才专项资金: 引进高层次人才数量")["status"] == "ok"


def test_project_funds_in_yuan_match_the_project_table_in_wan(results):
    funds = find(results, "performance_funds", "年度资金总额（元）vs 项目支出预算表")
    assert len(funds) == 9
    assert {r["status"] for r in funds} == {"ok"}
    base = one(results, "performance_funds", "科技研发基地工程项目: 年度资金总额（元）")
    assert (base["expected"], base["actual"]) == (Decimal(5000000), Decimal(5000000))


def test_unit_subtotals_of_the_project_table_hold(results):
    units = find(results, "unit_subtotal", "本年预算")
    assert len(units) == 4  # the department = Σ units, and each of the three units = Σ projects
    assert {r["status"] for r in units} == {"ok"}


def test_figures_repeated_across_tables_agree(results):
    cross = find(results, "cross_table", "科学技术支出")
    assert cross and {r["status"] for r in cross} == {"ok"}
    narrative = one(results, "narrative", "预算收入总计 vs 收支总表 收入总计")
    assert narrative["status"] == "ok" and narrative["expected"] == Decimal("4266.91")
    rate = one(results, "narrative_rate", "收入总计比上年增减幅度")
    assert (rate["expected"], rate["actual"], rate["status"]) == (
        Decimal("39.11"),
        Decimal("39.11"),
        "ok",
    )


def test_check_command_prints_the_report_and_can_fail_on_mismatch(seed_db, capsys):
    assert cli.main(["check", "--db", str(seed_db)]) == 0
    out = capsys.readouterr().out
    assert "mismatch" in out and "20604" in out
    assert "checks:" in out and " mismatch" in out.splitlines()[-2]
    assert cli.main(["check", "--db", str(seed_db), "--fail-on-mismatch"]) == 1
    capsys.readouterr()
    assert cli.main(["check", "--db", str(seed_db), "--status", "rounding"]) == 0
    body = capsys.readouterr().out.splitlines()[2:-2]
    assert body and all(not ln.startswith("mismatch") for ln in body)


def test_check_on_an_empty_database_says_what_to_do(tmp_path, capsys):
    assert cli.main(["check", "--db", str(tmp_path / "none.duckdb")]) == 2
    assert "budgetlens ingest" in capsys.readouterr().err


def test_reading_gaps_are_unjudged_not_contradictions(results):
    """The false alarms of the first reconciliation (issue 12): target cells the text extraction
    lost are 'unjudged' (saying which value and line), a ceiling below the funds is no finding,
    and the lost 年度 cost cell is reported once, as unjudged."""
    lost = [
        r
        for r in find(results, "period_consistency", "科技研发基地工程项目")
        if r["status"] != "ok"
    ]
    assert {int(r["source_lines"]) for r in lost} == {652, 654, 657}  # NOTES.md item 35
    assert {r["status"] for r in lost} == {"unjudged"}
    assert all("年度的目标值" in r["detail"] for r in lost)
    hall = one(results, "period_consistency", "科技学术报告厅维修修缮: 维修修缮面积")
    assert hall["status"] == "unjudged" and "第885行为空" in hall["detail"]
    # ≤500万元 against 10,000,000元 of 实施期 funds: a ceiling below the funds
    works = one(results, "cost_indicator", "科技研发基地工程项目 实施期")
    assert (works["expected"], works["actual"], works["status"]) == (
        Decimal(1000),
        Decimal(500),
        "ok",
    )
    annual = find(results, "cost_indicator", "科技研发基地工程项目 年度")
    assert [r["status"] for r in annual] == ["unjudged"]
    assert "657" in annual[0]["detail"]
    assert not [r for r in results if r["status"] == "mismatch" and "(空)" in (r["detail"] or "")]


def test_the_rule_set_applied_is_stored(results):
    assert {r["rule_set"] for r in results} == {"jincheng-text"}


def test_every_finding_on_the_seed_document_is_classified(results):
    """What the reconciliation reports on the Jincheng document (every status but ok) is exactly
    the hand-classified list in findings.csv (each with its lines and a NOTES.md item): a false
    alarm coming back, or a contradiction no longer found, fails. Only the document's own errors
    may be mismatch or rounding; our reading gaps may only be unjudged."""
    from tests.conftest import read_fixture

    listed = read_fixture("findings.csv")
    for row in listed:
        assert row["note"].strip() and row["lines"].strip(), row
        expected = {"mismatch": "real", "rounding": "real", "unjudged": "reading_gap"}
        assert row["verdict"] == expected[row["status"]], row
    found = {
        (r["check_kind"], r["subject"], r["status"], r["source_lines"])
        for r in results
        if r["status"] != "ok"
    }
    assert found == {(r["check_kind"], r["subject"], r["status"], r["lines"]) for r in listed}
