"""The bulk load path (db.load_many): same rows as db.load, atomic per batch."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from budgetlens import db
from budgetlens.checks import run_checks
from budgetlens.ingest import parse_document
from budgetlens_synthetic import generate_city, ingest_city


def _parsed(paths: list[Path]) -> list[tuple]:
    out = []
    for path in paths:
        p = parse_document(path)
        out.append((p, run_checks(p.rows)))
    return out


def _counts(con) -> dict[str, int]:
    return {
        t: con.execute(f"select count(*) from {t}").fetchall()[0][0] for t in db.DOCUMENT_TABLES
    }


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory, seed_path: Path) -> list[tuple]:
    city = generate_city(4, [2024], tmp_path_factory.mktemp("city"))
    return _parsed([seed_path, *city])


def test_load_many_writes_the_same_rows_as_loading_one_by_one(
    tmp_path: Path, documents: list[tuple]
) -> None:
    one = db.connect(tmp_path / "one.duckdb")
    for p, c in documents:
        db.load(one, p, c)
    many = db.connect(tmp_path / "many.duckdb")
    written = db.load_many(many, documents, batch_size=2)
    assert _counts(many) == _counts(one) == written
    for table in db.DOCUMENT_TABLES:
        if table == "document":
            continue  # ingested_at differs
        q = f"select * exclude (document_id) from {table} order by all"
        assert many.execute(q).fetchall() == one.execute(q).fetchall(), table


def test_load_many_replaces_a_department_year_instead_of_duplicating_it(
    tmp_path: Path, documents: list[tuple]
) -> None:
    con = db.connect(tmp_path / "b.duckdb")
    db.load_many(con, documents)
    before = _counts(con)
    db.load_many(con, documents[:2])  # again
    db.load_many(con, [documents[1], documents[1]])  # twice in one batch: the later one wins
    assert _counts(con) == before


def test_a_failing_batch_leaves_the_database_as_it_was(
    tmp_path: Path, documents: list[tuple]
) -> None:
    con = db.connect(tmp_path / "c.duckdb")
    db.load_many(con, documents[:1])
    before = _counts(con)
    broken, checks = copy.deepcopy(documents[2])
    broken.rows["expenditure_function"][0]["total_wan"] = "not a number"
    with pytest.raises(Exception):  # noqa: B017 - whatever DuckDB says, nothing is written
        db.load_many(con, [documents[1], (broken, checks), documents[3]], batch_size=10)
    assert _counts(con) == before
    db.load_many(con, documents[1:2])  # and the connection is still usable
    assert _counts(con)["document"] == 2


def test_synthetic_data_is_never_loaded_into_the_served_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, documents: list[tuple]
) -> None:
    monkeypatch.chdir(tmp_path)
    paths = generate_city(1, [2024], tmp_path / "city")
    with pytest.raises(ValueError, match="served database"):
        ingest_city(paths, Path("data") / "budget.duckdb", progress=False)
    assert not (tmp_path / "data" / "budget.duckdb").exists()
    result = ingest_city(paths, Path("data") / "synthetic.duckdb", progress=False)
    assert result["documents"] == 1
    con = db.connect(Path("data") / "synthetic.duckdb", read_only=True)
    assert [d["synthetic"] for d in db.documents(con)] == [True]
