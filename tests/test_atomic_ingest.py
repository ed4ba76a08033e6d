"""Ingest is atomic per document, even when the process is killed.

``budgetlens ingest`` parses every file first and then loads them one by one, each document in
its own transaction (:func:`budgetlens.db.load` commits per document). So a batch killed midway
leaves the documents loaded before the kill complete and the rest absent: the database is not
"unchanged", but it never holds part of a document. That is what is asserted: per document, not
per batch.

The second test covers how ``make db`` publishes a rebuild: into a temporary file, then
``os.replace`` (an atomic rename), so a new read-only connection sees the whole new database and
a connection opened before keeps reading the old one.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from budgetlens import cli, db
from budgetlens.ingest import parse_document
from budgetlens_synthetic import generate_city

BIN = Path(sys.executable).with_name("budgetlens")
BATCH = 120  # enough documents that loading takes seconds, so the kill lands inside it
TABLES = [t for t in db.DOCUMENT_TABLES if t != "document"]


def _counts(con, department: str, year: int) -> dict[str, int]:
    return {
        t: con.execute(
            f"select count(*) from {t} where department = $d and year = $y",
            {"d": department, "y": year},
        ).fetchall()[0][0]
        for t in db.DOCUMENT_TABLES
    }


def _expected_counts(path: Path) -> dict[str, int]:
    """Rows per table that a complete load of ``path`` writes (check_result from the checks)."""
    from budgetlens.checks import run_checks

    parsed = parse_document(path)
    out = {t: len(parsed.rows.get(t, [])) for t in TABLES}
    out["check_result"] = len(run_checks(parsed.rows))
    out["document"] = 1
    return out


@pytest.mark.skipif(not BIN.exists(), reason="the budgetlens entry point is not installed")
def test_a_killed_batch_ingest_leaves_only_complete_documents(
    tmp_path: Path, seed_path: Path
) -> None:
    database = tmp_path / "budget.duckdb"
    assert cli.main(["ingest", str(seed_path), "--db", str(database)]) == 0
    con = db.connect(database)
    seed_doc = db.documents(con)[0]
    seed_before = _counts(con, seed_doc["department"], seed_doc["year"])
    con.close()

    files = generate_city(BATCH, [2024], tmp_path / "city")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}  # one stdout line per loaded document, at once
    proc = subprocess.Popen(
        [str(BIN), "ingest", *map(str, files), "--db", str(database)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        # Poll until loading has started: the CLI prints a line after each committed document.
        loaded = 0
        deadline = time.monotonic() + 300
        while loaded < 3:
            line = proc.stdout.readline()
            assert line, f"ingest ended before loading: {proc.stderr.read()}"
            loaded += "rows; checks" in line
            assert time.monotonic() < deadline
        time.sleep(0.05)  # somewhere inside the next document's transaction
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL

    # The database still opens (read-only, as the dashboard opens it) ...
    ro = db.connect(database, read_only=True)
    try:
        docs = {(d["department"], d["year"]) for d in db.documents(ro)}
        # ... holds the seed exactly as before ...
        assert (seed_doc["department"], seed_doc["year"]) in docs
        assert _counts(ro, seed_doc["department"], seed_doc["year"]) == seed_before
        # ... and only complete documents of the batch: the ones committed before the kill.
        synthetic = docs - {(seed_doc["department"], seed_doc["year"])}
        assert 3 <= len(synthetic) < BATCH, "the kill should land midway through the batch"
        by_department = {parse_document(f).department: f for f in files[: len(synthetic) + 5]}
        for department, year in synthetic:
            assert _counts(ro, department, year) == _expected_counts(by_department[department])
        # No table holds rows of a department-year without a document row (no partial document).
        for table in TABLES:
            orphans = ro.execute(
                f"select distinct department, year from {table} t where not exists "
                "(select 1 from document d where d.department = t.department "
                "and d.year = t.year)"
            ).fetchall()
            assert orphans == [], table
    finally:
        ro.close()


def test_a_rebuild_published_by_atomic_rename_is_seen_by_a_new_read_only_connection(
    tmp_path: Path, seed_path: Path
) -> None:
    published = tmp_path / "budget.duckdb"
    assert cli.main(["ingest", str(seed_path), "--db", str(published)]) == 0
    old_reader = db.connect(published, read_only=True)
    assert len(db.documents(old_reader)) == 1

    # Rebuild into a temporary file, as `make db` does, then publish it by renaming.
    files = generate_city(3, [2024], tmp_path / "city")
    rebuilt = tmp_path / "budget.duckdb.tmp"
    assert cli.main(["ingest", str(seed_path), *map(str, files), "--db", str(rebuilt)]) == 0
    assert not Path(f"{rebuilt}.wal").exists()  # closed cleanly: the file is the whole database
    os.replace(rebuilt, published)

    # A new read-only connection in another process (the dashboard after a restart, a CLI
    # command) sees the whole new database while the old reader is still open.
    probe = (
        "import sys; from budgetlens import db; "
        "con = db.connect(sys.argv[1], read_only=True); "
        "print(len(db.documents(con)), sum(d['synthetic'] for d in db.documents(con)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, str(published)], capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["4", "3"]
    # The connection opened before the rename keeps reading the database it opened. Caveat:
    # DuckDB shares one database instance per path within a process, so a connection opened in
    # *this* process while the old one is open would see the old file too; once the old
    # connection is closed, a new one sees the new file.
    try:
        assert len(db.documents(old_reader)) == 1
    finally:
        old_reader.close()
    new_reader = db.connect(published, read_only=True)
    try:
        docs = db.documents(new_reader)
        assert len(docs) == 4
        assert sum(d["synthetic"] for d in docs) == 3
    finally:
        new_reader.close()
