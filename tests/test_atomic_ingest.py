"""Ingest is atomic, even when the process is killed.

``budgetlens ingest`` parses every file first and then loads all the documents in one transaction
(:func:`budgetlens.pipeline.ingest`, :func:`budgetlens.db.load_many`). So a run killed while it
loads leaves the database exactly as it was: not one document of the run, and never part of one.

The second test covers how ``make db`` publishes a rebuild: into a temporary file, then
``os.replace`` (an atomic rename), so a new read-only connection sees the whole new database and
a connection opened before keeps reading the old one.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from budgetlens import cli, db
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


@pytest.mark.skipif(not BIN.exists(), reason="the budgetlens entry point is not installed")
def test_a_killed_batch_ingest_leaves_the_database_as_it_was(
    tmp_path: Path, seed_path: Path
) -> None:
    database = tmp_path / "budget.duckdb"
    assert cli.main(["ingest", str(seed_path), "--db", str(database)]) == 0
    con = db.connect(database)
    seed_doc = db.documents(con)[0]
    seed_before = _counts(con, seed_doc["department"], seed_doc["year"])
    con.close()

    files = generate_city(BATCH, [2024], tmp_path / "city")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [
            *(str(BIN), "ingest", *map(str, files)),
            *("--db", str(database), "--progress", "--workers", "2"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,  # its own process group: the cleanup below ends it whole
    )
    try:
        # Poll until loading has started: --progress says so on stderr, one line per step.
        deadline = time.monotonic() + 300
        while True:
            line = proc.stderr.readline()
            assert line, f"ingest ended before loading: {proc.stdout.read()}"
            if line.startswith(f"loading {BATCH} document(s) in one transaction"):
                break
            assert time.monotonic() < deadline
        time.sleep(0.2)  # inside the transaction: writing 120 documents takes over a second
        proc.send_signal(signal.SIGKILL)  # the command only: as if it crashed
        # Its parse workers ended before loading began, so nothing else holds its output open.
        reported, _ = proc.communicate(timeout=60)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)  # whatever is left of it, workers included
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert "rows; checks" not in reported, "the kill should land before the commit"

    # The database still opens (read-only, as the dashboard opens it) ...
    ro = db.connect(database, read_only=True)
    try:
        docs = {(d["department"], d["year"]) for d in db.documents(ro)}
        # ... and holds the seed exactly as before, and nothing of the run.
        assert docs == {(seed_doc["department"], seed_doc["year"])}
        assert _counts(ro, seed_doc["department"], seed_doc["year"]) == seed_before
        for table in TABLES:
            others = ro.execute(
                f"select count(*) from {table} where document <> $d", {"d": seed_doc["document"]}
            ).fetchall()[0][0]
            assert others == 0, table
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
