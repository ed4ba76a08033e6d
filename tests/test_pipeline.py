"""The one ingest path (budgetlens.pipeline) that the command line, the API and the synthetic city
share: both ways of running it write the same rows and report them alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from budgetlens import db, pipeline
from budgetlens.errors import IngestError
from budgetlens_synthetic import generate_city


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory, seed_path: Path) -> list[Path]:
    return [seed_path, *generate_city(3, [2024], tmp_path_factory.mktemp("city"))]


def _table_counts(path: Path) -> dict[str, int]:
    con = db.connect(path, read_only=True)
    try:
        return {
            t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in db.DOCUMENT_TABLES
        }
    finally:
        con.close()


def test_streaming_and_validate_first_write_the_same_rows(tmp_path: Path, files: list[Path]):
    seen: list[pipeline.Loaded] = []
    first = pipeline.ingest(files, tmp_path / "a.duckdb", on_loaded=seen.append)
    streamed = pipeline.ingest(files, tmp_path / "b.duckdb", batch_size=2, workers=2)
    assert seen == first.documents  # reported right after each commit, in order
    assert [d.path for d in first.documents] == [str(f) for f in files]
    assert _table_counts(tmp_path / "a.duckdb") == _table_counts(tmp_path / "b.duckdb")
    # the per-document row counts agree between db.load's count and the streaming estimate
    assert [d.rows for d in streamed.documents] == [d.rows for d in first.documents]
    assert sum(d.rows for d in first.documents) == sum(
        _table_counts(tmp_path / "a.duckdb").values()
    )
    assert streamed.workers == 2
    assert [d.synthetic for d in first.documents] == [False, True, True, True]


def test_validate_first_touches_no_database_when_a_file_is_bad(tmp_path: Path, files: list[Path]):
    bad = tmp_path / "bad.txt"
    bad.write_text("not a disclosure\n", encoding="utf-8")
    with pytest.raises(IngestError):
        pipeline.ingest([*files, bad], tmp_path / "never.duckdb")
    assert not (tmp_path / "never.duckdb").exists()


def test_streaming_keeps_the_batches_before_a_bad_file(tmp_path: Path, files: list[Path]):
    bad = tmp_path / "bad.txt"
    bad.write_text("not a disclosure\n", encoding="utf-8")
    with pytest.raises(IngestError):
        pipeline.ingest([*files[:2], bad], tmp_path / "s.duckdb", batch_size=2)
    assert _table_counts(tmp_path / "s.duckdb")["document"] == 2
