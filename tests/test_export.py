"""The open-data package is a public contract: these resources and columns must exist."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from budgetlens import cli

CONTRACT = {
    "expenditure_function": [
        "department",
        "year",
        "code",
        "name",
        "level",
        "total",
        "basic",
        "project",
        "current_year",
        "carried_over",
    ],
    "revenue": ["department", "year", "source", "amount"],
    "expenditure_economic": [
        "department",
        "year",
        "group",
        "dept_class",
        "gov_class",
        "total",
        "personnel",
        "public",
    ],
    "projects": [
        "department",
        "year",
        "unit",
        "project",
        "total",
        "general_budget",
        "carried_over",
    ],
    "performance_indicators": [
        "department",
        "year",
        "project",
        "period",
        "level1",
        "level2",
        "name",
        "target_raw",
        "comparator",
        "target_value",
        "target_unit",
    ],
    "checks": [
        "department",
        "year",
        "check",
        "subject",
        "expected",
        "actual",
        "difference",
        "status",
        "source_lines",
    ],
    "key_figures": ["department", "year", "key", "value", "unit"],
}


@pytest.fixture(scope="module")
def package(seed_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("package")
    assert cli.main(["export", str(out), "--db", str(seed_db)]) == 0
    return out


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_package_declares_every_contract_resource_with_its_schema(package):
    meta = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    assert meta["profile"] == "tabular-data-package"
    by_path = {r["path"]: r for r in meta["resources"]}
    for name, columns in CONTRACT.items():
        res = by_path[f"{name}.csv"]
        fields = [f["name"] for f in res["schema"]["fields"]]
        assert fields[: len(columns)] == columns or set(columns) <= set(fields), name
        assert all(f["type"] for f in res["schema"]["fields"])
        header = next(csv.reader((package / res["path"]).open(encoding="utf-8-sig")))
        assert header == fields, name


def test_csv_files_start_with_a_byte_order_mark_for_excel(package):
    for name in CONTRACT:
        assert (package / f"{name}.csv").read_bytes().startswith(b"\xef\xbb\xbf"), name


def test_exported_figures_equal_the_database(package, seed_db):
    con = duckdb.connect(str(seed_db), read_only=True)
    try:
        db_total = con.execute(
            "select total_wan, current_year, carried_over from ("
            "select ef.total_wan, rf.total_wan as current_year, rf.carried_over_wan "
            "as carried_over from expenditure_function ef join revenue_function rf "
            "on rf.code = ef.code and rf.table_key = 'revenue_function' "
            "where ef.table_key = 'expenditure_total' and ef.code = '206')"
        ).fetchone()
        n_indicators = con.execute("select count(*) from performance_indicator").fetchone()[0]
        n_checks = con.execute("select count(*) from check_result").fetchone()[0]
    finally:
        con.close()
    rows = {r["code"]: r for r in read_csv(package / "expenditure_function.csv")}
    assert {r["level"] for r in rows.values()} == {"1", "2", "3"}
    sci = rows["206"]
    assert (
        Decimal(sci["total"]),
        Decimal(sci["current_year"]),
        Decimal(sci["carried_over"]),
    ) == db_total
    assert sci["name"] == "科学技术支出" and sci["department"] == "晋城市科学技术局"
    assert len(read_csv(package / "performance_indicators.csv")) == n_indicators
    assert len(read_csv(package / "checks.csv")) == n_checks


def test_projects_flag_carried_over_and_keep_their_unit(package):
    rows = read_csv(package / "projects.csv")
    carried = [r for r in rows if r["carried_over"] == "true"]
    assert [(r["unit"], r["project"], r["total"]) for r in carried] == [
        ("晋城市科学技术局", "2023年度省级科技创新券专项资金", "2.62")
    ]
    assert len(rows) == 10
    assert {r["unit"] for r in rows} == {
        "晋城市科学技术局",
        "晋城市科学技术研究院",
        "晋城市科学技术发展中心",
    }


def test_amounts_in_yuan_are_marked_by_the_column_name(package):
    funds = read_csv(package / "project_funds.csv")
    plan = [
        r
        for r in funds
        if r["project"] == "科技计划项目" and r["period"] == "年度" and r["source"] == "total"
    ]
    assert plan[0]["amount_yuan"] == "20070000.00"


def test_indicator_targets_are_parsed_and_keep_the_raw_text(package):
    rows = read_csv(package / "performance_indicators.csv")
    hit = next(r for r in rows if r["name"] == "奖励高新技术企业数量" and r["period"] == "年度")
    assert (hit["target_raw"], hit["comparator"], hit["target_value"], hit["target_unit"]) == (
        "≥63家",
        "≥",
        "63",
        "家",
    )
    cost = next(r for r in rows if r["name"] == "科技创新若干政策奖励补助成本")
    assert (cost["comparator"], cost["target_value"], cost["target_unit"]) == ("≤", "1268", "万元")
