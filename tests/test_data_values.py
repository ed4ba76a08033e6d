"""The dashboard's data access (ui/data.py) called directly against the seed database, without
Streamlit's AppTest: the figures a page is handed, the cache's keys (file version, parameters)
and the choice of shown documents. Fast enough to be ui/data.py's mutation scope
(tools/mutate_py.py SCOPES, docs/testing.md).

Expected values are read by hand from the seed document (data/raw/jincheng-kejiju-2024.txt,
lines cited) or its hand-read fixtures (tests/fixtures/jincheng-kejiju-2024/); the copies of the
database made for a case say what they change.
"""

from __future__ import annotations

import os
import shutil
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
import streamlit as st

from budgetlens import queries
from tests.conftest import run_sql
from ui import data, state

DOCUMENT = "晋城市科学技术局-2024-预算-部门"
DEPARTMENT, YEAR = "晋城市科学技术局", 2024
# the seed's first and third lines (l.1 晋城市科学技术局, l.3 2024年度部门预算公开)
TITLE = "晋城市科学技术局2024年度部门预算公开"


@pytest.fixture
def db(seed_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A copy of the seed database of this test's own (the caches are keyed by the path), set as
    the dashboard's database; benchmark documents not shown."""
    path = tmp_path / "budget.duckdb"
    shutil.copy(seed_db, path)
    monkeypatch.setenv("BUDGETLENS_DB", str(path))
    monkeypatch.delenv("BUDGETLENS_SHOW_SYNTHETIC", raising=False)
    opened: list[duckdb.DuckDBPyConnection] = []
    connect = data.db.connect
    monkeypatch.setattr(
        data.db, "connect", lambda *a, **k: opened.append(connect(*a, **k)) or opened[-1]
    )
    yield path
    # close what the test opened and forget its results: a DuckDB connection left open in the
    # process is inherited by mutmut's forked test runs (docs/testing.md), where it crashed them
    for con in opened:
        con.close()
    st.cache_resource.clear()
    data._document_index.cache_clear()


_edit = run_sql


def _select(document: str = DOCUMENT) -> None:
    state.set_current(
        state.Filters(DEPARTMENT, YEAR, "zh", TITLE, document, "the-file", "the-version")
    )


def _value(frame, key: str) -> Decimal:
    (value,) = frame.loc[frame["key"] == key, "value"].tolist()
    return Decimal(str(value))


# --- the file's version and the connection ------------------------------------------------------


def test_file_version_is_inode_and_modification_time(tmp_path: Path) -> None:
    path = tmp_path / "f"
    assert data.file_version(path) == "missing"
    path.write_text("x")
    info = os.stat(path)
    assert data.file_version(path) == f"{info.st_ino}-{info.st_mtime_ns}"
    assert data.file_version(str(path)) == f"{info.st_ino}-{info.st_mtime_ns}"


def test_db_path_is_the_settings_database(db: Path) -> None:
    assert data.db_path() == db
    assert data.database_version() == (str(db), data.file_version(db))


def test_a_connection_is_kept_until_its_file_is_replaced(db: Path, tmp_path: Path) -> None:
    first = data.connection()
    assert data.connection() is first
    # publish by rename (deploy/publish_db.sh): a new file at the same path, one figure changed
    new = tmp_path / "new.duckdb"
    shutil.copy(db, new)
    _edit(new, "update key_figure set value = 1 where key = 'revenue_total'")
    assert _value(data.query("key_figures", document=DOCUMENT), "revenue_total") == Decimal(
        "4266.91"  # l.466 预算收入总计4,266.91万元
    )
    os.replace(new, db)
    second = data.connection()
    assert second is not first
    with pytest.raises(duckdb.Error):  # the old one is closed
        first.execute("select 1")
    assert _value(data.query("key_figures", document=DOCUMENT), "revenue_total") == Decimal(1)


# --- query results -------------------------------------------------------------------------------


def test_query_gives_the_seeds_key_figures(db: Path) -> None:
    frame = data.query("key_figures", document=DOCUMENT)
    # l.466: 预算收入总计4,266.91万元 … 比上年增加1199.63万元，增长39.11%
    assert _value(frame, "revenue_total") == Decimal("4266.91")
    assert _value(frame, "revenue_change") == Decimal("1199.63")
    assert _value(frame, "revenue_change_pct") == Decimal("39.11")


def test_query_is_run_once_per_name_and_parameters_and_hands_out_copies(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ran: list[tuple[str, dict]] = []
    real_run = queries.run
    monkeypatch.setattr(
        queries, "run", lambda con, name, **p: ran.append((name, p)) or real_run(con, name, **p)
    )
    first = data.query("key_figures", document=DOCUMENT)
    first.loc[first["key"] == "revenue_total", "value"] = 0.0  # a page's change stays its own
    again = data.query("key_figures", document=DOCUMENT)
    assert _value(again, "revenue_total") == Decimal("4266.91")  # l.466
    assert ran == [("key_figures", {"document": DOCUMENT})]
    # the parameters, in whatever order they are named, are one key
    data.query("performance_funds", document=DOCUMENT, project="科技计划项目")
    data.query("performance_funds", project="科技计划项目", document=DOCUMENT)
    assert [name for name, _ in ran] == ["key_figures", "performance_funds"]


def test_dept_query_and_records_are_of_the_current_document(db: Path) -> None:
    _select()
    frame = data.dept_query("key_figures")
    assert _value(frame, "expenditure_total") == Decimal("4266.91")  # l.466 支出总计4,266.91万元
    records = {r["key"]: r for r in data.dept_records("key_figures")}
    assert Decimal(str(records["revenue_total"]["value"])) == Decimal("4266.91")
    assert records["revenue_total"]["source_line"] == 466
    # the extra parameters are passed on: the 科技计划项目's 绩效目标表, 年度资金总额 (l.594)
    funds = data.dept_records("performance_funds", project="科技计划项目")
    totals = {r["amount_yuan"] for r in funds if r["source_key"] == "total"}
    assert totals == {20070000}
    assert data.view_key() == ("the-file", "the-version", DOCUMENT, TITLE, "zh")


def test_document_index_of_the_seed(db: Path) -> None:
    assert data.document_index() == {DEPARTMENT: {YEAR: {DOCUMENT: TITLE}}}


def test_page_index_is_empty_for_a_text_document_and_without_a_document(db: Path) -> None:
    _select()
    assert data.page_index() == {}
    _select("")
    assert data.page_index() == {}


def test_page_index_of_a_document_located_in_a_pdf(db: Path) -> None:
    """Made for the case: two lines of the seed said to be printed on pages 9 and 10 of a PDF."""
    _edit(
        db,
        "insert into source_location values "
        f"('{DEPARTMENT}', {YEAR}, '{DOCUMENT}', 'x', 466, 'a.pdf', 9), "
        f"('{DEPARTMENT}', {YEAR}, '{DOCUMENT}', 'x', 470, 'a.pdf', 10), "
        f"('{DEPARTMENT}', {YEAR}, '{DOCUMENT}', 'x', 471, 'a.pdf', null)",
    )
    _select()
    assert data.page_index() == {466: ("a.pdf", 9), 470: ("a.pdf", 10)}


# --- documents shown ------------------------------------------------------------------------------


def test_the_catalogue_and_its_lists_show_the_seed(db: Path) -> None:
    catalogue = data.catalogue()
    assert catalogue["department"].tolist() == [DEPARTMENT]
    classes = data.catalogue_classes()
    assert set(classes["document"]) == {DOCUMENT}
    figures = data.prior_year_figures()
    assert set(figures["document"]) == {DOCUMENT}
    # no document of 2023 is loaded: nothing to check the stated figures against
    assert data.prior_year_checks() == []
    assert data.prior_year_checks(figures.iloc[:0]) == []
    hits = data.search_all("%科技计划项目%")
    assert len(hits) > 0 and set(hits["document"]) == {DOCUMENT}


def test_a_benchmark_document_is_shown_only_when_the_settings_say(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Made for the case: the seed marked as a generated benchmark document."""
    _edit(db, "update document set synthetic = true")
    assert len(data.catalogue()) == 0
    assert len(data.catalogue_classes()) == 0
    assert len(data.prior_year_figures()) == 0
    assert len(data.search_all("%科技计划项目%")) == 0
    assert data.document_index() == {}
    monkeypatch.setenv("BUDGETLENS_SHOW_SYNTHETIC", "1")
    assert data.catalogue()["department"].tolist() == [DEPARTMENT]
    assert set(data.catalogue_classes()["document"]) == {DOCUMENT}
    assert set(data.prior_year_figures()["document"]) == {DOCUMENT}
    assert set(data.search_all("%科技计划项目%")["document"]) == {DOCUMENT}
    assert data.document_index() == {DEPARTMENT: {YEAR: {DOCUMENT: TITLE}}}


# --- a database published by rename: every cache notices it --------------------------------------


def _publish(path: Path, tmp_path: Path, *sql: str) -> None:
    """Publish a changed copy of the database at ``path`` by rename (deploy/publish_db.sh)."""
    new = tmp_path / "publishing.duckdb"
    shutil.copy(path, new)
    _edit(new, *sql)
    os.replace(new, path)


def test_every_lookup_reads_the_file_published_in_its_place(db: Path, tmp_path: Path) -> None:
    _select()
    # as read before: l.466 收入总计 4266.91; a text document has no pages; the title l.1 + l.3
    assert Decimal(
        str({r["key"]: r for r in data.dept_records("key_figures")}["revenue_total"]["value"])
    ) == Decimal("4266.91")
    assert data.page_index() == {}
    assert data.document_index() == {DEPARTMENT: {YEAR: {DOCUMENT: TITLE}}}
    assert data.catalogue()["department"].tolist() == [DEPARTMENT]
    # made for the case: the new file has another 收入总计, a located line, another title, and
    # its document is a benchmark one (not shown)
    _publish(
        db,
        tmp_path,
        "update key_figure set value = 1 where key = 'revenue_total'",
        f"insert into source_location values ('{DEPARTMENT}', {YEAR}, '{DOCUMENT}', 'x', 466, "
        "'a.pdf', 9)",
        "update document set title = 'T'",
    )
    records = {r["key"]: r for r in data.dept_records("key_figures")}
    assert Decimal(str(records["revenue_total"]["value"])) == Decimal(1)
    assert data.page_index() == {466: ("a.pdf", 9)}
    assert data.document_index() == {DEPARTMENT: {YEAR: {DOCUMENT: "T"}}}
    _publish(db, tmp_path, "update document set synthetic = true")
    assert len(data.catalogue()) == 0


def test_dept_query_passes_the_extra_parameters(db: Path) -> None:
    _select()
    funds = data.dept_query("performance_funds", project="科技计划项目")
    # the 科技计划项目's 绩效目标表: 实施期资金总额 and 年度资金总额 20,070,000 元 (l.594)
    assert funds.loc[funds["source_key"] == "total", "amount_yuan"].tolist() == [20070000] * 2


def test_prior_year_checks_reconcile_the_rows_given(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What is handed to checks_years.reconcile: the rows given, or every shown figure (the seed
    states two prior-year figures: l.466 支出总计 and l.507 “三公”经费; reconcile here returns its
    input)."""
    monkeypatch.setattr(data.checks_years, "reconcile", lambda records: records)

    def measures(records: list[dict]) -> list[tuple[str, Decimal]]:
        return sorted((r["measure"], Decimal(str(r["value_wan"]))) for r in records)

    # l.466: 支出总计4,266.91 … 比上年增加1199.63: 3067.28 in 2023; l.507: 0万元 比2023年减少2.55
    assert measures(data.prior_year_checks()) == [
        ("expenditure_total", Decimal("3067.28")),
        ("three_public_total", Decimal("2.55")),
    ]
    figures = data.prior_year_figures()
    three = figures[figures["measure"] == "three_public_total"]
    assert measures(data.prior_year_checks(three)) == [("three_public_total", Decimal("2.55"))]
    assert data.prior_year_checks(figures.iloc[:0]) == []
