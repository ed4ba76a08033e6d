"""``budgetlens export --format parquet``: the CSV package's resources as Parquet datasets,
partitioned by government and year, read back as one dataset by DuckDB and pandas.

A database of the Jincheng text (晋城市) and a Shanghai PDF (上海市普陀区) is exported both ways;
the Parquet rows equal the CSV rows, and figures equal the values read by hand.
"""

from __future__ import annotations

import csv
import json
import re
from decimal import Decimal
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from budgetlens import cli, export
from tests.conftest import SEED, read_fixture

ROOT = Path(__file__).resolve().parents[1]
SHANGHAI = ROOT / "tests" / "fixtures" / "corpus" / "sh-putuo-swj-2025-budget-dept"


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("parquet")
    db = base / "budget.duckdb"
    pdfs = [str(p) for p in sorted(SHANGHAI.glob("*.pdf"))]
    assert cli.main(["ingest", str(SEED), *pdfs, "--db", str(db)]) == 0
    assert cli.main(["export", str(base / "csv"), "--db", str(db)]) == 0
    assert cli.main(["export", str(base / "pq"), "--format", "parquet", "--db", str(db)]) == 0
    return base / "csv", base / "pq"


def read(pq: Path, resource: str, where: str = "") -> pd.DataFrame:
    return duckdb.sql(
        f"select * from read_parquet('{pq / resource}/**/*.parquet', hive_partitioning = true) "
        + where
    ).df()


def test_every_resource_is_partitioned_by_government_and_year(exported) -> None:
    _, pq = exported
    package = json.loads((pq / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["name"] for r in package["resources"]] == [
        r.name.replace("_", "-") for r in export.RESOURCES
    ]
    partitions = {
        p.relative_to(pq / "documents").parent.as_posix()
        for p in (pq / "documents").rglob("*.parquet")
    }
    # hive-style directories; the names are percent-encoded, as Hive and Spark write them
    assert partitions == {
        "government=%E6%99%8B%E5%9F%8E%E5%B8%82/year=2024",
        "government=%E4%B8%8A%E6%B5%B7%E5%B8%82%E6%99%AE%E9%99%80%E5%8C%BA/year=2025",
    }
    docs = read(pq, "documents")
    assert sorted(zip(docs["government"], docs["year"], strict=True)) == [
        ("上海市普陀区", 2025),
        ("晋城市", 2024),
    ]


@pytest.mark.parametrize("resource", [r.name for r in export.RESOURCES])
def test_parquet_rows_equal_the_csv_rows(exported, resource: str) -> None:
    csv_dir, pq = exported
    with (csv_dir / f"{resource}.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    back = read(pq, resource)
    assert len(back) == len(rows)
    if not rows:
        return
    columns = list(rows[0])
    assert set(columns) | {"government"} == set(back.columns)

    def text(v: object) -> str:
        if v is None or (not isinstance(v, str) and pd.isna(v)):
            return ""
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, Decimal | float):
            return format(Decimal(str(v)).normalize(), "f")
        return str(v)

    def norm(cell: str) -> str:
        try:
            return format(Decimal(cell).normalize(), "f")
        except ArithmeticError:
            return cell

    want = sorted(tuple(norm(r[c]) for c in columns) for r in rows)
    got = sorted(tuple(norm(text(v)) for v in r) for r in back[columns].itertuples(index=False))
    assert got == want


def test_a_duckdb_query_over_the_dataset_gives_the_hand_read_totals(exported) -> None:
    _, pq = exported
    totals = read(
        pq,
        "key_figures",
        "where key = 'expenditure_total' order by government",
    )
    by_government = dict(zip(totals["government"], totals["value"], strict=True))
    # Jincheng: 部门预算支出总计, line 466 (hand-read)
    jincheng = next(
        r for r in read_fixture("key_figures.csv") if r["description"] == "部门预算支出总计"
    )
    assert Decimal(str(by_government["晋城市"])) == Decimal(jincheng["value"])
    # Shanghai: 支出总计 371,514,655.00 元 on page 9 (hand-read)
    with (SHANGHAI / "hand_read.csv").open(encoding="utf-8") as fh:
        row = next(r for r in csv.DictReader(fh) if r["label"] == "支出总计")
    assert Decimal(str(by_government["上海市普陀区"])) == Decimal(
        row["value"].replace(",", "")
    ) / Decimal(10000)


def test_pandas_reads_the_partitioned_directory(exported) -> None:
    _, pq = exported
    df = pd.read_parquet(pq / "expenditure_function")
    assert set(df["government"].astype(str)) == {"晋城市", "上海市普陀区"}
    assert {"department", "document", "code", "total", "year"} <= set(df.columns)


def test_export_again_replaces_the_dataset(exported, tmp_path: Path) -> None:
    csv_dir, pq = exported
    before = sorted(p.relative_to(pq) for p in pq.rglob("*.parquet"))
    db = csv_dir.parent / "budget.duckdb"
    assert cli.main(["export", str(pq), "--format", "parquet", "--db", str(db)]) == 0
    assert sorted(p.relative_to(pq) for p in pq.rglob("*.parquet")) == before


def test_the_documented_duckdb_query_runs_over_the_export(exported) -> None:
    """docs/open-data.md's query, with DIR replaced by the export's folder."""
    _, pq = exported
    page = (ROOT / "docs" / "open-data.md").read_text(encoding="utf-8")
    block = next(b for b in re.findall(r"```sql\n(.*?)```", page, re.S) if "read_parquet" in b)
    rows = duckdb.sql(block.replace("DIR", str(pq)).rstrip().rstrip(";")).df()
    assert set(rows["government"]) == {"晋城市", "上海市普陀区"}
    # the largest 类 of the Shanghai department, as read by hand: its 类 rows on page 12
    with (SHANGHAI / "hand_read.csv").open(encoding="utf-8") as fh:
        classes = [
            r
            for r in csv.DictReader(fh)
            if r["section"] == "function" and len(r["code"]) == 3 and r["column"] == "total"
        ]
    top = max(classes, key=lambda r: Decimal(r["value"].replace(",", "")))
    first = rows[rows["government"] == "上海市普陀区"].iloc[0]
    assert first["name"] == top["label"]
    assert Decimal(str(first["total_wan"])) == Decimal(top["value"].replace(",", "")) / 10000
