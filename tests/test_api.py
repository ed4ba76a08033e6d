"""The Python API (budgetlens.api): what scripts and notebooks call."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from budgetlens import api, db
from budgetlens.errors import DatabaseMissing, IngestError

DEPARTMENT = "晋城市科学技术局"


@pytest.fixture
def own_db(seed_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "budget.duckdb"
    shutil.copyfile(seed_db, path)
    return path


def test_ingest_reports_each_document(tmp_path: Path, seed_path: Path) -> None:
    loaded = api.ingest([seed_path], db=tmp_path / "new.duckdb")
    assert loaded["department"].tolist() == [DEPARTMENT]
    assert int(loaded["rows"].iloc[0]) > 0
    assert (tmp_path / "new.duckdb").is_file()


def test_ingest_of_a_bad_file_raises_and_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("hello\n", encoding="utf-8")
    with pytest.raises(IngestError, match=r"bad\.txt"):
        api.ingest([bad], db=tmp_path / "x.duckdb")
    assert not (tmp_path / "x.duckdb").exists()


def test_readers_never_create_a_database(tmp_path: Path) -> None:
    for call in (api.documents, api.reconcile, lambda db: api.table("document", db)):
        with pytest.raises(DatabaseMissing, match="budgetlens ingest"):
            call(tmp_path / "none.duckdb")
    assert not (tmp_path / "none.duckdb").exists()


def test_table_rows_equal_the_database_and_filter_by_document(own_db: Path) -> None:
    rows = api.table("project_budget", own_db, department=DEPARTMENT)
    con = db.connect(own_db, read_only=True)
    try:
        stored = con.execute("select count(*) from project_budget").fetchone()[0]
    finally:
        con.close()
    assert len(rows) == stored > 0
    assert list(rows["source_line"]) == sorted(rows["source_line"])  # source order
    assert api.table("project_budget", own_db, department="无此部门").empty
    assert api.table("project_budget", own_db, year=1999).empty


def test_table_refuses_a_name_that_is_not_a_table(own_db: Path) -> None:
    with pytest.raises(ValueError, match="no table"):
        api.table("document; drop table document", own_db)
    assert api.tables() == list(db.DOCUMENT_TABLES)


def test_reconcile_equals_what_ingest_stored(own_db: Path) -> None:
    fresh = api.reconcile(own_db)
    stored = api.table("check_result", own_db)
    assert len(fresh) == len(stored) > 0
    assert fresh["status"].value_counts().to_dict() == stored["status"].value_counts().to_dict()
    assert api.reconcile(own_db, year=1999).empty


def test_documents_lists_what_was_loaded(own_db: Path) -> None:
    docs = api.documents(own_db)
    assert docs[["department", "year"]].values.tolist() == [[DEPARTMENT, 2024]]
