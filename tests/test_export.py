"""The open-data package is a public contract: these resources and columns must exist."""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from budgetlens import cli, export
from tests.conftest import SEED, read_fixture

DOCUMENT = "晋城市科学技术局-2024-预算-部门"

BASE = ["department", "year", "document"]
CONTRACT = {
    "expenditure_function": [
        *BASE,
        "table",
        "code",
        "name",
        "level",
        "total",
        "basic",
        "project",
        "current_year",
        "carried_over",
        "source_line",
    ],
    "fiscal_expenditure_function": [
        *BASE,
        "table",
        "code",
        "name",
        "level",
        "total",
        "basic",
        "project",
        "source_line",
    ],
    "revenue": [*BASE, "source", "amount"],
    "expenditure_economic": [
        *BASE,
        "table",
        "row_kind",
        "group",
        "code",
        "dept_class",
        "gov_class",
        "total",
        "personnel",
        "public",
    ],
    "projects": [*BASE, "unit", "project", "total", "general_budget", "carried_over"],
    "procurement": [
        *BASE,
        "row_kind",
        "category",
        "unit",
        "project",
        "item",
        "method",
        "total",
        "general_budget",
    ],
    "performance_indicators": [
        *BASE,
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
        *BASE,
        "check",
        "project",
        "subject",
        "expected",
        "actual",
        "difference",
        "status",
        "source_lines",
    ],
    "key_figures": [*BASE, "key", "value", "unit", "label", "source_line", "derived"],
    "project_funds": [*BASE, "project", "period", "dimension", "source", "label", "amount_yuan"],
    "fiscal_items": [
        *BASE,
        "table",
        "label",
        "total",
        "general_budget",
        "gov_fund",
        "state_capital",
        "source_line",
    ],
    "execution_notes": [
        *BASE,
        "code",
        "class_name",
        "kuan_name",
        "item_name",
        "year_start_budget",
        "full_year_budget",
        "actual",
        "stated_rate",
        "rate_of",
        "reason",
        "source_line",
    ],
    "budget_units": [*BASE, "unit", "parent_unit", "is_department"],
    "glossary": [*BASE, "term", "definition"],
    "documents": [
        *BASE,
        "government",
        "kind",
        "scope",
        "layout",
        "unit",
        "title",
        "source_files",
        "source_file",
        "sha256",
        "line_count",
    ],
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
        assert fields[: len(columns)] == columns, name
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


# --- every resource, the document key, the declared types ---------------------------------------


def _meta(package: Path) -> dict:
    return json.loads((package / "datapackage.json").read_text(encoding="utf-8"))


def test_every_resource_has_document_right_after_department_and_year(package):
    meta = _meta(package)
    assert {r["path"] for r in meta["resources"]} == {f"{n}.csv" for n in CONTRACT}
    for res in meta["resources"]:
        fields = [f["name"] for f in res["schema"]["fields"]]
        assert fields[:3] == ["department", "year", "document"], res["name"]
        rows = read_csv(package / res["path"])
        if res["path"] == "execution_notes.csv":  # a 决算's narrative: the seed is a 预算
            assert rows == []
            continue
        if res["path"] == "procurement.csv":  # the seed states its 政府采购 in prose, no table
            assert rows == []  # (its rows: tests/test_export_corpus.py)
            continue
        assert rows, f"{res['path']} is empty for the seed document"
        assert {r["document"] for r in rows} == {DOCUMENT}, res["path"]


def test_the_document_key_ties_every_resource_to_documents_csv(package):
    """Frictionless: documents.document is the primary key, every other resource refers to it."""
    meta = _meta(package)
    by_name = {r["name"]: r for r in meta["resources"]}
    assert by_name["documents"]["schema"]["primaryKey"] == ["document"]
    for name, res in by_name.items():
        if name == "documents":
            continue
        (fk,) = res["schema"]["foreignKeys"]
        assert fk == {
            "fields": ["document"],
            "reference": {"resource": "documents", "fields": ["document"]},
        }, name


def _parses(value: str, kind: str) -> bool:
    if value == "":
        return True  # the declared missing value
    if kind == "integer":
        return str(int(value)) == value
    if kind == "number":
        return Decimal(value).is_finite()
    if kind == "boolean":
        return value in ("true", "false")
    return kind == "string"


def test_every_cell_has_its_declared_type(package):
    for res in _meta(package)["resources"]:
        types = {f["name"]: f["type"] for f in res["schema"]["fields"]}
        for row in read_csv(package / res["path"]):
            for column, value in row.items():
                assert _parses(value, types[column]), (res["path"], column, value)


def test_documents_csv_says_what_the_document_is(package):
    (doc,) = read_csv(package / "documents.csv")
    text = SEED.read_text(encoding="utf-8")
    assert doc == {
        "department": "晋城市科学技术局",
        "year": "2024",
        "document": DOCUMENT,
        "government": "晋城市",
        "kind": "预算",
        "scope": "部门",
        "layout": "jincheng-text",
        "unit": "万元",
        "title": "晋城市科学技术局2024年度部门预算公开",
        "source_files": SEED.name,
        "source_file": SEED.name,
        "sha256": hashlib.sha256(SEED.read_bytes()).hexdigest(),
        "line_count": str(len(text.splitlines())),
    }


# --- the function tables against the hand-read fixture --------------------------------------------


def _hand_function_rows(table: str) -> dict[str, dict[str, str]]:
    return {r["code"]: r for r in read_fixture("function_tables.csv") if r["table"] == table}


def _same_figures(got: dict[str, str], hand: dict[str, str]) -> None:
    assert (got["name"], int(got["source_line"])) == (hand["name"], int(hand["line"])), hand
    for column in ("total", "basic", "project"):
        want = Decimal(hand[column]) if hand[column] else None
        have = Decimal(got[column]) if got[column] else None
        assert have == want, (hand, column)


def test_expenditure_function_is_the_all_funds_table_as_read_by_hand(package):
    hand = _hand_function_rows("expenditure_total")
    rows = read_csv(package / "expenditure_function.csv")
    assert {r["table"] for r in rows} == {"expenditure_total"}
    assert [r["code"] for r in rows] == [c for c in hand if c]  # every 类/款/项, in order
    for r in rows:
        _same_figures(r, hand[r["code"]])
        assert int(r["level"]) == {3: 1, 5: 2, 7: 3}[len(r["code"])]


def test_fiscal_expenditure_function_holds_the_general_budget_table(package):
    hand = _hand_function_rows("general_budget_expenditure")
    rows = read_csv(package / "fiscal_expenditure_function.csv")
    # the 政府性基金支出表 states 本表无数据: only the 一般公共预算支出表 has 科目 rows
    assert {r["table"] for r in rows} == {"general_budget_expenditure"}
    assert [r["code"] for r in rows] == [c for c in hand if c]
    for r in rows:
        _same_figures(r, hand[r["code"]])


# --- key figures: the five contract keys ---------------------------------------------------------


def _narrative(line: int, description: str) -> Decimal:
    (row,) = [
        r
        for r in read_fixture("key_figures.csv")
        if int(r["line"]) == line and r["description"] == description
    ]
    return Decimal(row["value"])


def test_the_five_contract_key_figures_of_the_seed_document(package):
    rows = {r["key"]: r for r in read_csv(package / "key_figures.csv")}
    stated = {  # key: (line, the fixture's description of the narrative figure)
        "revenue_total": (466, "预算收入总计"),
        "expenditure_total": (466, "部门预算支出总计"),
        "basic_total": (499, "一般公共预算安排基本支出"),
        "three_public_total": (507, "财政拨款安排的“三公”经费预算"),
    }
    for key, (line, description) in stated.items():
        got = rows[key]
        assert (int(got["source_line"]), got["derived"]) == (line, "false"), key
        assert Decimal(got["value"]) == _narrative(line, description), key
    # the narrative states 项目支出 only as a share of 支出预算 (line 476), under another key: the
    # export takes project_total from the 合计 row of the 支出总表, and says so
    total_row = _hand_function_rows("expenditure_total")[""]
    project = rows["project_total"]
    assert (project["derived"], int(project["source_line"])) == ("true", int(total_row["line"]))
    assert Decimal(project["value"]) == Decimal(total_row["project"])
    assert Decimal(project["value"]) == _narrative(476, "项目支出")
    assert project["unit"] == "万元"
    derived = [r["key"] for r in read_csv(package / "key_figures.csv") if r["derived"] == "true"]
    assert derived == ["project_total"]


# --- what is left out, and the reference 类 list -------------------------------------------------


def test_synthetic_documents_are_never_exported(seed_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "synthetic.duckdb"
    shutil.copyfile(seed_db, copy)
    con = duckdb.connect(str(copy))
    try:
        con.execute("update document set synthetic = true")
    finally:
        con.close()
    out = tmp_path / "open-data"
    assert cli.main(["export", str(out), "--db", str(copy)]) == 0
    for name in CONTRACT:
        assert read_csv(out / f"{name}.csv") == [], name


@pytest.fixture
def summary_only_db(seed_db: Path, tmp_path: Path) -> tuple[Path, list[tuple[str, str, Decimal]]]:
    """The seed document as a layout that states all funds by function only at 类 level, by
    name (as Jiangsu's 收支预算总表 does): its 支出总表 rows become 功能分类 rows of the summary.
    Returns the database and the 类 rows as printed (code, name, total)."""
    copy = tmp_path / "summary-only.duckdb"
    shutil.copyfile(seed_db, copy)
    con = duckdb.connect(str(copy))
    try:
        classes = con.execute(
            "select code, name, total_wan from expenditure_function "
            "where table_key = 'expenditure_total' and level = 1 order by seq"
        ).fetchall()
        con.execute(
            "insert into summary_item (department, year, document, document_id, table_key, side, "
            "seq, label, item, parent_item, column_key, column_group, amount_wan, source_line) "
            "select department, year, document, document_id, 'income_expense_summary', '支出', "
            "1000 + seq, name, name, null, 'amount', '功能分类', total_wan, source_line "
            "from expenditure_function where table_key = 'expenditure_total' and level = 1"
        )
        con.execute("delete from expenditure_function where table_key = 'expenditure_total'")
    finally:
        con.close()
    return copy, classes


def test_class_rows_printed_by_name_get_their_code_from_the_reference_list(
    summary_only_db, tmp_path: Path
) -> None:
    db, classes = summary_only_db
    out = tmp_path / "open-data"
    assert cli.main(["export", str(out), "--db", str(db)]) == 0
    rows = read_csv(out / "expenditure_function.csv")
    assert [(r["code"], r["name"], Decimal(r["total"])) for r in rows] == classes
    assert {(r["table"], r["level"], r["basic"], r["project"]) for r in rows} == {
        ("income_expense_summary", "1", "", "")
    }


def test_a_class_missing_from_the_reference_list_keeps_its_row_without_a_code(
    summary_only_db, tmp_path: Path, monkeypatch
) -> None:
    db, classes = summary_only_db
    missing = classes[1][1]
    short = tmp_path / "classes.csv"
    with export.FUNCTION_CLASSES.open(encoding="utf-8") as src:
        short.write_text(
            "".join(line for line in src if f",{missing}," not in line), encoding="utf-8"
        )
    monkeypatch.setattr(export, "FUNCTION_CLASSES", short)
    out = tmp_path / "open-data"
    assert cli.main(["export", str(out), "--db", str(db)]) == 0
    rows = {r["name"]: r for r in read_csv(out / "expenditure_function.csv")}
    assert len(rows) == len(classes)
    assert rows[missing]["code"] == ""
    assert all(r["code"] for name, r in rows.items() if name != missing)


@pytest.mark.parametrize(
    ("lines", "problem"),
    [
        ("201,一般公共服务支出\n202,一般公共服务支出\n", "listed twice"),
        ("2010,一般公共服务支出\n", "not 3 digits"),
    ],
)
def test_a_malformed_reference_list_is_refused(tmp_path: Path, lines: str, problem: str) -> None:
    path = tmp_path / "classes.csv"
    path.write_text("code,name\n" + lines, encoding="utf-8")
    with pytest.raises(ValueError, match=problem):
        export.function_classes(path)
