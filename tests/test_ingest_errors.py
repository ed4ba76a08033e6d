"""Bad input gets a clear error and loses nothing: ingest is all-or-nothing."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from budgetlens import cli
from budgetlens.errors import IngestError
from budgetlens.ingest import parse_document
from tests.conftest import SEED

LINES = SEED.read_text(encoding="utf-8").splitlines()


def write(tmp_path: Path, name: str, lines: list[str]) -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def line_of(text: str, start: int = 0) -> int:
    """0-based index of the first line at or after ``start`` that contains ``text``."""
    return next(i for i in range(start, len(LINES)) if text in LINES[i])


def snapshot(db: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [
            r[0]
            for r in con.execute(
                "select table_name from information_schema.tables order by table_name"
            ).fetchall()
        ]
        return {t: sorted(map(repr, con.execute(f"select * from {t}").fetchall())) for t in tables}
    finally:
        con.close()


@pytest.fixture
def loaded_db(tmp_path: Path) -> Path:
    db = tmp_path / "budget.duckdb"
    assert cli.main(["ingest", str(SEED), "--db", str(db)]) == 0
    return db


def test_ingest_rejects_an_empty_file(tmp_path):
    path = write(tmp_path, "empty.txt", [""])
    with pytest.raises(IngestError) as err:
        parse_document(path)
    assert err.value.file == str(path)
    assert (err.value.expected, err.value.found) == ("a budget disclosure", "an empty file")


def test_ingest_rejects_text_that_is_not_a_disclosure(tmp_path):
    path = write(tmp_path, "novel.txt", ["第一章", "天下大势，分久必合，合久必分。"])
    with pytest.raises(IngestError) as err:
        parse_document(path)
    assert "budget disclosure" in err.value.expected
    assert err.value.found == "第一章"


def test_ingest_rejects_binary_data(tmp_path):
    path = tmp_path / "blob.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe")
    with pytest.raises(IngestError, match="UTF-8"):
        parse_document(path)


def test_ingest_rejects_a_document_truncated_after_the_tables(tmp_path):
    cut = line_of("第三部分 2024年度部门预算情况说明", 60)
    path = write(tmp_path, "cut.txt", LINES[:cut])
    with pytest.raises(IngestError) as err:
        parse_document(path)
    assert "truncated" in str(err.value)
    assert err.value.line is not None


def test_ingest_rejects_a_document_truncated_inside_the_tables(tmp_path):
    cut = line_of("2024年一般公共预算安排基本支出分经济科目表", 60) + 12
    path = write(tmp_path, "cut.txt", LINES[:cut])
    with pytest.raises(IngestError) as err:
        parse_document(path)
    # the contents list tables that never come
    assert err.value.table is not None
    assert "truncated" in str(err.value)


def test_ingest_rejects_a_document_whose_glossary_is_cut_off(tmp_path):
    cut = line_of("第四部分 名词解释", 100)
    path = write(tmp_path, "cut.txt", LINES[:cut])
    with pytest.raises(IngestError, match="第四部分"):
        parse_document(path)


def test_ingest_rejects_a_summary_table_without_its_closing_totals(tmp_path):
    drop = [line_of("收入总计\t4266.91\t支出总计", 100)]
    lines = [ln for i, ln in enumerate(LINES) if i not in drop]
    path = write(tmp_path, "no-total.txt", lines)
    with pytest.raises(IngestError) as err:
        parse_document(path)
    assert "收入总计" in err.value.expected
    assert "收支总表" in (err.value.table or "")


def test_ingest_names_file_line_table_and_column_of_a_cell_that_is_not_a_number(tmp_path):
    i = line_of("2060301\t机构运行\t225.95\t225.95", line_of("2024年预算支出总表", 60))
    lines = list(LINES)
    lines[i] = lines[i].replace("225.95\t225.95", "225.95\t22S.95")
    path = write(tmp_path, "typo.txt", lines)
    with pytest.raises(IngestError) as err:
        parse_document(path)
    e = err.value
    assert (e.file, e.line, e.table, e.found) == (str(path), i + 1, "2024年预算支出总表", "22S.95")
    assert e.expected == "a number in column basic"
    assert f"{path}:{i + 1}" in str(e)


def test_ingest_rejects_a_row_with_more_figures_than_columns(tmp_path):
    i = line_of("2210201\t住房公积金\t80.83\t80.83", line_of("2024年预算支出总表", 60))
    lines = list(LINES)
    lines[i] = lines[i] + "\t1.00\t2.00"
    path = write(tmp_path, "extra.txt", lines)
    with pytest.raises(IngestError, match="at most 3 amounts") as err:
        parse_document(path)
    assert err.value.line == i + 1


def test_ingest_rejects_tables_of_two_different_departments(tmp_path):
    i = line_of("部门名称：晋城市科学技术局", line_of("2024年预算支出总表", 60))
    lines = list(LINES)
    lines[i] = "部门名称：晋城市教育局"
    path = write(tmp_path, "mixed.txt", lines)
    with pytest.raises(IngestError, match="部门名称") as err:
        parse_document(path)
    assert err.value.line == i + 1


@pytest.mark.parametrize(
    "name, mutate",
    [
        ("empty.txt", lambda lines: [""]),
        ("truncated.txt", lambda lines: lines[: len(lines) // 3]),
        ("typo.txt", lambda lines: [ln.replace("\t1120.79\t", "\t1l20.79\t", 1) for ln in lines]),
    ],
)
def test_failed_ingest_leaves_the_database_exactly_as_it_was(
    tmp_path, loaded_db, name, mutate, capsys
):
    before = snapshot(loaded_db)
    bad = write(tmp_path, name, mutate(list(LINES)))
    status = cli.main(["ingest", str(SEED), str(bad), "--db", str(loaded_db)])
    assert status == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and str(bad) in err
    assert snapshot(loaded_db) == before


def test_failed_ingest_does_not_create_a_database(tmp_path):
    db = tmp_path / "new.duckdb"
    bad = write(tmp_path, "bad.txt", ["nothing here"])
    assert cli.main(["ingest", str(bad), "--db", str(db)]) == 2
    assert not db.exists()


def test_reingesting_the_same_document_replaces_it(loaded_db):
    before = snapshot(loaded_db)
    assert cli.main(["ingest", str(SEED), "--db", str(loaded_db)]) == 0
    after = snapshot(loaded_db)
    # ingested_at changes, every other row is the same and nothing is duplicated
    assert {t: len(v) for t, v in after.items()} == {t: len(v) for t, v in before.items()}
    assert {t: v for t, v in after.items() if t != "document"} == {
        t: v for t, v in before.items() if t != "document"
    }


def test_another_department_and_year_is_added_alongside(tmp_path, loaded_db):
    other = [
        ln.replace("晋城市科学技术局", "晋城市测试局").replace("2024年", "2025年") for ln in LINES
    ]
    path = write(tmp_path, "other.txt", other)
    assert cli.main(["ingest", str(path), "--db", str(loaded_db)]) == 0
    con = duckdb.connect(str(loaded_db), read_only=True)
    try:
        docs = con.execute("select department, year from document order by year").fetchall()
        per_doc = con.execute(
            "select department, year, count(*) from expenditure_function group by all order by year"
        ).fetchall()
    finally:
        con.close()
    assert docs == [("晋城市科学技术局", 2024), ("晋城市测试局", 2025)]
    assert [n for *_, n in per_doc] == [53, 53]


def test_a_document_marked_synthetic_is_stored_as_synthetic(tmp_path):
    from budgetlens.mappings import SYNTHETIC_MARKER

    lines = [LINES[0], SYNTHETIC_MARKER, *LINES[1:]]
    path = write(tmp_path, "synthetic.txt", lines)
    db = tmp_path / "bench.duckdb"
    assert cli.main(["ingest", str(path), "--db", str(db)]) == 0
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("select synthetic from document").fetchall() == [(True,)]
    finally:
        con.close()
    assert parse_document(SEED).synthetic is False


def test_a_database_of_another_schema_version_is_refused_with_advice(tmp_path, capsys):
    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))
    con.execute("create table document (department varchar, year integer)")
    con.close()
    assert cli.main(["ingest", str(SEED), "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert str(db) in err and "schema" in err and "make db" in err
