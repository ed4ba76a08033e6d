"""``export_package`` and ``export_parquet`` on the seed document, fast enough to run for every
mutant of budgetlens/export.py (tools/mutate_py.py SCOPES; docs/testing.md).

The seed (data/raw/jincheng-kejiju-2024.txt) is ingested once per test process
(:func:`seed_database`): mutmut forks each mutant's tests from a process that has already run
them, so the database is there before any mutant runs, and the ingest is not what export.py's
mutants change. Every test exports afresh, so each mutant of the export meets every test here.

The Jincheng value tests of tests/test_export_values.py (every value column of every resource
against the hand-read fixtures tests/fixtures/jincheng-kejiju-2024/*.csv, each row with its line)
run here too, imported with their fixtures, on a database of the seed alone: that module ingests
three documents (≈ 95 s a mutant). The tests written here hold the package's own contract: file
names, ``datapackage.json`` of both formats, row counts worked out from the hand reading, the
Parquet partitions, and what a second export into the same folder leaves.
"""

from __future__ import annotations

import atexit
import csv
import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

import duckdb
import pyarrow.parquet as papq
import pytest

from budgetlens import export, pipeline
from tests import test_export_values as _values
from tests.conftest import SEED, read_fixture, run_sql

# The Jincheng tests of the three-document module, collected here with its fixtures ``exported``
# (export_package into a folder) and ``tables`` (its CSVs read back), which read the ``db`` of
# this module: the seed alone.
REUSED = (
    "exported",
    "tables",
    "test_a_project_keeps_its_total_and_general_budget_apart",
    "test_a_query_that_drifts_from_its_declaration_is_refused",
    "test_cells_are_written_exactly",
    "test_datapackage_json_describes_each_resource_as_declared",
    "test_export_package_returns_the_rows_of_each_file",
    "test_fiscal_items_keep_each_fund_in_its_column",
    "test_jincheng_budget_units",
    "test_jincheng_checks_report_the_contradictions_read_by_hand",
    "test_jincheng_checks_statuses_follow_the_difference",
    "test_jincheng_expenditure_economic_rows",
    "test_jincheng_expenditure_function_current_year_and_carried_over",
    "test_jincheng_fiscal_items_are_the_running_cost_table",
    "test_jincheng_glossary",
    "test_jincheng_indicator_rows_and_raw_targets",
    "test_jincheng_indicator_targets_parsed_as_read_by_hand",
    "test_jincheng_key_figures_as_read_by_hand",
    "test_jincheng_project_funds",
    "test_jincheng_projects",
    "test_jincheng_revenue_is_the_income_side_of_the_summary",
)
for _name in REUSED:
    globals()[_name] = getattr(_values, _name)

_BUILDER = os.getpid()


def _remove(folder: Path) -> None:
    if os.getpid() == _BUILDER:  # never from a forked test process: the folder is its parent's
        shutil.rmtree(folder, ignore_errors=True)


@functools.cache
def seed_database() -> Path:
    """The seed ingested once per process, in a folder of its own (pytest's temporary folders
    are per session, and mutmut starts a session per mutant). Read-only: copy it to change it."""
    folder = Path(tempfile.mkdtemp(prefix="budgetlens-export-seed-"))
    atexit.register(_remove, folder)
    path = folder / "seed.duckdb"
    assert len(pipeline.ingest([SEED], path).documents) == 1
    return path


@pytest.fixture(scope="module")
def db() -> Path:
    return seed_database()


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def _export(database: Path, out: Path, write=export.export_package) -> dict[str, int]:
    con = duckdb.connect(str(database), read_only=True)
    try:
        return write(con, out)
    finally:
        con.close()


RESOURCE_NAMES = (  # docs/open-data.md, the contract table, in its order
    "expenditure_function",
    "fiscal_expenditure_function",
    "revenue",
    "expenditure_economic",
    "projects",
    "procurement",
    "performance_indicators",
    "checks",
    "key_figures",
    "project_funds",
    "fiscal_items",
    "execution_notes",
    "budget_units",
    "glossary",
    "documents",
)


def _hand_counts() -> dict[str, int]:
    """Rows of the resources whose count the hand reading gives (fixtures, each row a line)."""
    functions = read_fixture("function_tables.csv")
    projects = read_fixture("projects.csv")
    return {
        # every 类/款/项 of the 支出总表 (l.200-226) and of the 一般公共预算支出表 (l.283-307)
        "expenditure_function": sum(
            1 for r in functions if r["table"] == "expenditure_total" and r["code"]
        ),
        "fiscal_expenditure_function": sum(
            1 for r in functions if r["table"] == "general_budget_expenditure" and r["code"]
        ),
        # 收支总表 收入: 一般公共预算 4264.29 (l.120) and 上年结转 2.62 (l.152)
        "revenue": 2,
        "expenditure_economic": len(read_fixture("economic.csv")),  # l.317-354
        "projects": sum(1 for r in projects if r["row_kind"] == "project"),  # l.436-446, l.459
        "procurement": 0,  # the seed states its 政府采购 in prose (no table)
        "performance_indicators": len(read_fixture("indicators.csv")),
        "fiscal_items": len(read_fixture("admin_operating.csv")),  # l.422-423
        "execution_notes": 0,  # a 预算: no 决算 narrative
        # the department (l.434) and its three units (l.435, 440, 443); the 上年结转 block
        # (l.457-459) repeats two of them
        "budget_units": sum(
            1
            for r in projects
            if r["row_kind"] in ("department", "unit") and r["carried_over"] == "false"
        ),
        "glossary": len(read_fixture("glossary.csv")),  # l.2184-2208
        "documents": 1,
    }


# --- export_package -----------------------------------------------------------------------------


def test_package_files_are_the_contract_resources_and_datapackage_json(exported) -> None:
    out, written = exported
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [*(f"{n}.csv" for n in RESOURCE_NAMES), "datapackage.json"]
    )
    assert list(written) == [str(out / f"{n}.csv") for n in RESOURCE_NAMES]
    meta = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["name"] for r in meta["resources"]] == [n.replace("_", "-") for n in RESOURCE_NAMES]


def test_rows_written_are_the_rows_read_by_hand(exported) -> None:
    out, written = exported
    hand = _hand_counts()
    assert hand["budget_units"] == 4 and hand["projects"] == 10
    for name, count in hand.items():
        assert written[str(out / f"{name}.csv")] == count, name
        assert len(_read(out / f"{name}.csv")) == count, name


def test_csv_files_are_excel_csv_with_a_byte_order_mark(exported) -> None:
    """UTF-8 with a BOM, comma-separated, CRLF-terminated (csv's excel dialect), header first;
    an empty resource is its header alone."""
    out, _ = exported
    raw = (out / "revenue.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\xef\xbb\xbf") == 1
    lines = raw[3:].decode("utf-8").split("\r\n")
    assert lines[0] == "department,year,document,source,amount,source_line"
    # the 收支总表's 收入 side, l.120 and l.152 (summary_rows.csv): 4264.29 + 2.62
    assert lines[1:] == [
        "晋城市科学技术局,2024,晋城市科学技术局-2024-预算-部门,一般公共预算,4264.29,120",
        "晋城市科学技术局,2024,晋城市科学技术局-2024-预算-部门,上年结转,2.62,152",
        "",
    ]
    empty = (out / "procurement.csv").read_bytes()
    assert (
        empty
        == (
            "\ufeffdepartment,year,document,row_kind,category,unit,project,item,method,total,"
            "general_budget,source_line\r\n"
        ).encode()
    )


def test_datapackage_json_is_the_declared_package(exported) -> None:
    """The package-level fields of docs/open-data.md: a Frictionless tabular data package under
    CC-BY-4.0, its sources, and its description saying the unit of the amounts."""
    out, _ = exported
    text = (out / "datapackage.json").read_text(encoding="utf-8")
    meta = json.loads(text)
    assert text == json.dumps(meta, ensure_ascii=False, indent=2) + "\n"
    assert list(meta) == [
        "profile",
        "name",
        "title",
        "description",
        "sources",
        "licenses",
        "resources",
    ]
    assert meta["description"] == (
        "Figures of Chinese department budget disclosures (部门预算公开) as published, with "
        "their source lines and the reconciliation of each document against itself. Every "
        "resource starts with department, year and document (the id of the source document in "
        "documents.csv). Amounts are 万元 (converted where a table is published in 元) unless a "
        "column name ends in _yuan."
    )
    assert meta["sources"] == [
        {"title": "The published budget disclosures listed in documents.csv"},
        {
            "title": "财政部《政府收支分类科目》支出功能分类科目（类）: the codes of 类 rows "
            "printed by name only (budgetlens/reference/function_classes.csv)"
        },
    ]
    assert meta["licenses"] == [
        {
            "name": "CC-BY-4.0",
            "path": "https://creativecommons.org/licenses/by/4.0/",
            "title": "Creative Commons Attribution 4.0",
        }
    ]


def test_each_schema_declares_its_key(exported) -> None:
    """documents.document is the primary key; every other resource refers to it, and nothing
    else is declared beside the fields and the missing value."""
    out, _ = exported
    meta = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    for res in meta["resources"]:
        schema = res["schema"]
        if res["name"] == "documents":
            assert list(schema) == ["fields", "missingValues", "primaryKey"]
            assert schema["primaryKey"] == ["document"]
        else:
            assert list(schema) == ["fields", "missingValues", "foreignKeys"], res["name"]
            assert schema["foreignKeys"] == [
                {
                    "fields": ["document"],
                    "reference": {"resource": "documents", "fields": ["document"]},
                }
            ]


def test_export_makes_the_folder_and_rewrites_it(db, tmp_path) -> None:
    """The folder and its parents are made; a second export into it writes every file again."""
    out = tmp_path / "a" / "b"
    first = _export(db, out)
    (out / "glossary.csv").write_text("stale\n", encoding="utf-8")
    second = _export(db, out)
    assert first == second
    assert len(_read(out / "glossary.csv")) == len(read_fixture("glossary.csv"))


def test_class_codes_come_from_the_reference_list(db, tmp_path, monkeypatch) -> None:
    """export_package reads the reference 类 list (function_classes): a malformed one is
    refused before anything is written."""
    bad = tmp_path / "classes.csv"
    bad.write_text("code,name\n2060,科学技术支出\n", encoding="utf-8")
    monkeypatch.setattr(export, "FUNCTION_CLASSES", bad)
    with pytest.raises(ValueError, match="not 3 digits"):
        _export(db, tmp_path / "out")
    assert not list((tmp_path / "out").glob("*.csv"))


def test_function_classes_read_the_reference_list() -> None:
    """budgetlens/reference/function_classes.csv: 201 一般公共服务支出 first, 206 科学技术支出
    (the seed's largest 类, l.204), each a 3-digit code and a name, as strings."""
    classes = export.function_classes()
    assert list(classes.columns) == ["code", "name"]
    assert {str(t) for t in classes.dtypes} == {"string"}
    rows = list(classes.itertuples(index=False, name=None))
    assert rows[0] == ("201", "一般公共服务支出")
    assert ("206", "科学技术支出") in rows
    with export.FUNCTION_CLASSES.open(encoding="utf-8") as fh:
        assert len(rows) == sum(1 for _ in fh) - 1


def test_function_classes_take_a_path(tmp_path) -> None:
    path = tmp_path / "classes.csv"
    path.write_text("code,name\n206,科学技术支出\n229,其他支出\n", encoding="utf-8")
    classes = export.function_classes(path)
    assert list(classes.itertuples(index=False, name=None)) == [
        ("206", "科学技术支出"),
        ("229", "其他支出"),
    ]


@pytest.mark.parametrize("code", ["", "20", "2060", "2o6", " 206"])
def test_a_code_that_is_not_three_digits_is_refused(tmp_path, code: str) -> None:
    path = tmp_path / "classes.csv"
    path.write_text(f"code,name\n201,一般公共服务支出\n{code},科学技术支出\n", encoding="utf-8")
    with pytest.raises(ValueError, match=f"类 code '{code}' is not 3 digits") as caught:
        export.function_classes(path)
    assert str(caught.value).startswith(str(path))


def test_a_name_listed_twice_is_refused_with_its_name(tmp_path) -> None:
    path = tmp_path / "classes.csv"
    path.write_text("code,name\n206,科学技术支出\n229,科学技术支出\n", encoding="utf-8")
    with pytest.raises(ValueError, match="类 name '科学技术支出' is listed twice"):
        export.function_classes(path)


def test_a_missing_code_cell_is_refused(tmp_path) -> None:
    path = tmp_path / "classes.csv"
    path.write_text("code,name\n201,一般公共服务支出\n", encoding="utf-8")
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert len(export.function_classes(path)) == 1  # a blank line is no row
    path.write_text("name,code\n科学技术支出\n", encoding="utf-8")  # the code cell missing
    with pytest.raises(ValueError, match="类 code None is not 3 digits"):
        export.function_classes(path)


WRITE_BOTH = """
import sys
from pathlib import Path

import duckdb

from budgetlens import export

con = duckdb.connect(sys.argv[1], read_only=True)
export.export_package(con, Path(sys.argv[2]) / "csv")
export.export_parquet(con, Path(sys.argv[2]) / "pq")
con.close()
"""


def test_the_package_is_utf8_whatever_the_locale(db, exported, parquet, tmp_path) -> None:
    """Under an ASCII locale (LC_ALL=C, Python's UTF-8 mode off) both packages are still written,
    their datapackage.json in UTF-8 (Excel's Chinese Windows would otherwise get GBK) and the same
    as under this process's UTF-8 locale (the fixtures ``exported`` and ``parquet``), and the
    reference 类 list (Chinese names) is still read."""
    env = {
        **os.environ,
        "LC_ALL": "C",
        "PYTHONUTF8": "0",
        "PYTHONCOERCECLOCALE": "0",
        # the budgetlens this process imported (the checkout, or mutmut's mutated copy)
        "PYTHONPATH": str(Path(export.__file__).resolve().parents[1]),
    }
    probe = [sys.executable, "-c", "import locale; print(locale.getencoding())"]
    assert subprocess.run(probe, env=env, capture_output=True, text=True).stdout.strip() in (
        "ANSI_X3.4-1968",
        "US-ASCII",
        "ascii",
    )  # the case is made: the locale's encoding cannot write 部门
    proc = subprocess.run(
        [sys.executable, "-c", WRITE_BOTH, str(db), str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    for folder, title in (
        ("csv", "BudgetLens 部门预算公开数据"),
        ("pq", "BudgetLens 部门预算公开数据（Parquet）"),
    ):
        meta = json.loads((tmp_path / folder / "datapackage.json").read_bytes().decode("utf-8"))
        assert meta["title"] == title
    for folder, here in (("csv", exported[0]), ("pq", parquet[0])):
        got = (tmp_path / folder / "datapackage.json").read_bytes()
        assert got == (here / "datapackage.json").read_bytes(), folder
    # the CSVs keep the Chinese as printed: 206 科学技术支出 (l.204, the 支出总表)
    (science,) = [
        r for r in _read(tmp_path / "csv" / "expenditure_function.csv") if r["code"] == "206"
    ]
    assert science["name"] == "科学技术支出"


# --- export_parquet -----------------------------------------------------------------------------

JINCHENG = "government=%E6%99%8B%E5%9F%8E%E5%B8%82/year=2024"  # 晋城市, percent-encoded


@pytest.fixture(scope="module")
def parquet(db, tmp_path_factory) -> tuple[Path, dict[str, int]]:
    out = tmp_path_factory.mktemp("parquet")
    return out, _export(db, out, export.export_parquet)


def _files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def _back(folder: Path) -> list[dict]:
    """A Parquet resource read back by DuckDB with hive partitioning (decimals stay Decimal). On a
    connection of its own, closed after: a connection left open (DuckDB's default one) hangs the
    processes mutmut forks from this one."""
    con = duckdb.connect()
    try:
        cur = con.execute(
            f"select * from read_parquet('{folder}/**/*.parquet', hive_partitioning = true)"
        )
        columns = [d[0] for d in cur.description]
        return [dict(zip(columns, row, strict=True)) for row in cur.fetchall()]
    finally:
        con.close()


def test_parquet_resources_are_partitioned_by_government_and_year(parquet) -> None:
    out, written = parquet
    assert _files(out) == sorted(
        ["datapackage.json"]
        + [
            f"{n}/part-0.parquet"
            if n in ("procurement", "execution_notes")
            else f"{n}/{JINCHENG}/part-0.parquet"
            for n in RESOURCE_NAMES
        ]
    )
    assert list(written) == [str(out / n) for n in RESOURCE_NAMES]
    for name, count in _hand_counts().items():
        assert written[str(out / name)] == count, name
        assert len(_back(out / name)) == count, name


def test_parquet_rows_hold_the_csv_figures(parquet, exported) -> None:
    """The files hold the CSV columns but year and government (documents.csv's own column: both
    are in the paths); read back with hive partitioning, they are the CSV rows with government
    晋城市."""
    out, _ = parquet
    csv_out, _ = exported
    for name in ("revenue", "fiscal_items", "documents"):
        rows = _read(csv_out / f"{name}.csv")
        inside = papq.read_schema(out / name / JINCHENG / "part-0.parquet").names
        assert inside == [c for c in rows[0] if c not in ("year", "government")], name
        back = _back(out / name)
        assert [r["government"] for r in back] == ["晋城市"] * len(rows)
        assert [r["year"] for r in back] == [2024] * len(rows)
    (doc,) = _back(out / "documents")
    assert (doc["government"], doc["kind"], doc["line_count"]) == (
        "晋城市",
        "预算",
        len(SEED.read_text(encoding="utf-8").splitlines()),
    )
    # the 收支总表's 收入 side (l.120, l.152), exact decimals
    assert [(r["source"], r["amount"]) for r in _back(out / "revenue")] == [
        ("一般公共预算", Decimal("4264.29")),
        ("上年结转", Decimal("2.62")),
    ]


def test_an_empty_resource_is_one_file_of_its_columns(parquet) -> None:
    out, _ = parquet
    names = papq.read_schema(out / "execution_notes" / "part-0.parquet").names
    declared = next(r for r in export.RESOURCES if r.name == "execution_notes")
    assert names == [
        "department",
        "year",
        "document",
        *(f[0] for f in declared.fields),
        "government",
    ]
    assert papq.read_table(out / "execution_notes" / "part-0.parquet").num_rows == 0


def test_parquet_datapackage_json(parquet) -> None:
    out, _ = parquet
    text = (out / "datapackage.json").read_text(encoding="utf-8")
    meta = json.loads(text)
    assert text == json.dumps(meta, ensure_ascii=False, indent=2) + "\n"
    assert (meta["profile"], meta["name"], meta["title"]) == (
        "data-package",
        "budgetlens-budget-disclosures-parquet",
        "BudgetLens 部门预算公开数据（Parquet）",
    )
    assert meta["description"] == (
        "The resources of the CSV package (budgetlens export DIR) as Parquet datasets, one "
        "directory per resource, partitioned by government and year (government=…/year=…/). "
        "Amounts are 万元 unless a column name ends in _yuan."
    )
    assert list(meta) == ["profile", "name", "title", "description", "resources"]
    government = {
        "name": "government",
        "type": "string",
        "description": "政府（分区列），见 documents",
    }
    for res, declared in zip(meta["resources"], export.RESOURCES, strict=True):
        fields = [
            {"name": n, "type": t, "description": d}
            for n, t, d in (*export.BASE_FIELDS, *declared.fields)
        ]
        key = (
            {"primaryKey": ["document"]}
            if declared.name == "documents"
            else {
                "foreignKeys": [
                    {
                        "fields": ["document"],
                        "reference": {"resource": "documents", "fields": ["document"]},
                    }
                ]
            }
        )
        assert res == {
            "name": declared.name.replace("_", "-"),
            "title": declared.title,
            "path": f"{declared.name}/",
            "format": "parquet",
            "partitioning": {"style": "hive", "columns": ["government", "year"]},
            "schema": {
                "fields": fields + ([] if declared.name == "documents" else [government]),
                "missingValues": [""],
                **key,
            },
        }


def test_a_document_without_a_government_is_filed_under_not_stated(db, tmp_path) -> None:
    copy = tmp_path / "copy.duckdb"
    shutil.copyfile(db, copy)
    run_sql(copy, "update document set government = null")
    out = tmp_path / "pq"
    _export(copy, out, export.export_parquet)
    stated = "government=%E6%9C%AA%E6%B3%A8%E6%98%8E/year=2024"  # 未注明
    assert _files(out / "documents") == [f"{stated}/part-0.parquet"]
    assert _files(out / "glossary") == [f"{stated}/part-0.parquet"]
    assert {r["government"] for r in _back(out / "glossary")} == {"未注明"}


def test_a_synthetic_document_leaves_every_parquet_resource_empty(db, tmp_path) -> None:
    copy = tmp_path / "copy.duckdb"
    shutil.copyfile(db, copy)
    run_sql(copy, "update document set synthetic = true")
    out = tmp_path / "pq"
    written = _export(copy, out, export.export_parquet)
    assert set(written.values()) == {0}
    assert _files(out) == sorted(
        ["datapackage.json", *(f"{n}/part-0.parquet" for n in RESOURCE_NAMES)]
    )


def test_parquet_export_makes_the_folder_and_replaces_each_resource(db, tmp_path) -> None:
    out = tmp_path / "a" / "b"
    _export(db, out, export.export_parquet)
    before = _files(out)
    for name in ("glossary", "procurement"):
        (out / name / "stale.parquet").write_bytes(b"")
    (out / "glossary" / "government=x").mkdir()
    _export(db, out, export.export_parquet)
    assert _files(out) == before
    assert len(_back(out / "glossary")) == len(read_fixture("glossary.csv"))


def test_a_parquet_query_that_drifts_from_its_declaration_is_refused(
    db, tmp_path, monkeypatch
) -> None:
    declared = export.RESOURCES[2]  # revenue
    drifted = export.Resource(declared.name, declared.title, declared.fields[:-1])
    monkeypatch.setattr(export, "RESOURCES", (drifted,))
    with pytest.raises(
        ValueError,
        match=r"export_revenue\.sql returns \['department', .*'source_line'\], declared "
        r"\['department', .*'amount'\]$",
    ):
        _export(db, tmp_path / "pq", export.export_parquet)
    assert not (tmp_path / "pq" / "revenue").exists()


def test_parquet_reads_the_reference_list(db, tmp_path, monkeypatch) -> None:
    bad = tmp_path / "classes.csv"
    bad.write_text("code,name\n206,科学技术支出\n207,科学技术支出\n", encoding="utf-8")
    monkeypatch.setattr(export, "FUNCTION_CLASSES", bad)
    with pytest.raises(ValueError, match="listed twice"):
        _export(db, tmp_path / "pq", export.export_parquet)
