"""The command line never shows a traceback for a user's mistake or a database problem.

Each case asserts the sentence, exit status 2, and that no traceback was printed: a missing
database (never created), a lock held by another process, a file that is not a DuckDB database,
a schema from another version, a full disk, an output that cannot be written. Most run
``cli.main`` in this process (an exception escaping it would fail the test by itself); a few run
the installed ``budgetlens`` entry point, as a user does.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from budgetlens import cli

BIN = Path(sys.executable).with_name("budgetlens")
READERS = ["export", "check", "deck", "workbook"]


def args_for(command: str, database: Path, out: Path) -> list[str]:
    """The command line of a command that only reads, writing its output under ``out``."""
    extra = {
        "export": [str(out / "open-data")],
        "check": [],
        "deck": ["-o", str(out / "deck.pptx")],
        "workbook": ["-o", str(out / "book.xlsx")],
    }[command]
    return [command, *extra, "--db", str(database)]


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = cli.main(argv)
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    return status, captured.err


def one_sentence(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    return lines[0]


@contextlib.contextmanager
def held(path: Path, *, read_only: bool) -> Iterator[int]:
    """Another process holding ``path`` open (read-only: as the dashboard does; else as an
    ingest does), until the block ends. Yields its pid. No timing: it says when it holds it."""
    code = (
        "import sys, duckdb; "
        "con = duckdb.connect(sys.argv[1], read_only=sys.argv[2] == 'ro'); "
        "print('holding', flush=True); sys.stdin.read()"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(path), "ro" if read_only else "rw"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout.readline().strip() == "holding"
        yield proc.pid
    finally:
        proc.stdin.close()
        proc.wait(timeout=60)
        proc.stdout.close()


@pytest.fixture
def own_db(seed_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "budget.duckdb"
    shutil.copyfile(seed_db, path)
    return path


# --- a missing database ------------------------------------------------------------------------


@pytest.mark.parametrize("command", READERS)
def test_a_missing_database_says_how_to_make_one_and_is_not_created(
    command: str, tmp_path: Path, capsys
) -> None:
    missing = tmp_path / "typo.duckdb"
    status, err = run(args_for(command, missing, tmp_path), capsys)
    assert status == 2
    line = one_sentence(err)
    assert f"no database at {missing}" in line and "budgetlens ingest FILE" in line
    assert not missing.exists()


# --- a lock held by another process ------------------------------------------------------------


@pytest.mark.parametrize("command", READERS)
def test_a_database_being_written_by_another_process_is_a_sentence(
    command: str, own_db: Path, tmp_path: Path, capsys
) -> None:
    with held(own_db, read_only=False) as pid:
        status, err = run(args_for(command, own_db, tmp_path), capsys)
    assert status == 2
    line = one_sentence(err)
    assert f"{own_db} is being written by process {pid}" in line


def test_ingest_into_a_database_that_is_being_served_is_a_sentence(
    own_db: Path, seed_path: Path, capsys
) -> None:
    with held(own_db, read_only=True) as pid:
        status, err = run(["ingest", str(seed_path), "--db", str(own_db)], capsys)
    assert status == 2
    line = one_sentence(err)
    assert f"{own_db} is open in process {pid}" in line
    assert "publish it by rename" in line


@pytest.mark.skipif(not BIN.exists(), reason="the budgetlens entry point is not installed")
def test_the_installed_command_prints_no_traceback_for_a_lock(own_db: Path, tmp_path: Path):
    with held(own_db, read_only=False) as pid:
        out = subprocess.run(
            [str(BIN), *args_for("export", own_db, tmp_path)], capture_output=True, text=True
        )
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    assert f"is being written by process {pid}" in one_sentence(out.stderr)


# --- a file that is not a DuckDB database ------------------------------------------------------


@pytest.mark.parametrize("command", [*READERS, "ingest"])
def test_a_file_that_is_not_a_duckdb_database_is_a_sentence(
    command: str, tmp_path: Path, seed_path: Path, capsys
) -> None:
    notes = tmp_path / "notes.duckdb"
    notes.write_text("meeting notes, not a database\n", encoding="utf-8")
    argv = (
        ["ingest", str(seed_path), "--db", str(notes)]
        if command == "ingest"
        else args_for(command, notes, tmp_path)
    )
    status, err = run(argv, capsys)
    assert status == 2
    assert f"{notes} is not a DuckDB database" in one_sentence(err)
    assert notes.read_text(encoding="utf-8") == "meeting notes, not a database\n"


def test_a_folder_given_as_the_database_is_a_sentence(tmp_path: Path, capsys) -> None:
    status, err = run(args_for("export", tmp_path, tmp_path / "x"), capsys)
    assert status == 2
    assert "is a folder, not a database file" in one_sentence(err)


@pytest.mark.skipif(not BIN.exists(), reason="the budgetlens entry point is not installed")
def test_the_installed_command_prints_no_traceback_for_a_foreign_file(tmp_path: Path) -> None:
    notes = tmp_path / "notes.duckdb"
    notes.write_text("not a database", encoding="utf-8")
    out = subprocess.run(
        [str(BIN), "check", "--db", str(notes)], capture_output=True, text=True, check=False
    )
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    assert "is not a DuckDB database" in one_sentence(out.stderr)


# --- a schema from another version -------------------------------------------------------------


@pytest.fixture
def old_db(own_db: Path) -> Path:
    con = duckdb.connect(str(own_db))
    con.execute("update schema_info set version = 'older-schema'")
    con.close()
    return own_db


@pytest.mark.parametrize("command", [*READERS, "ingest"])
def test_a_database_of_another_schema_version_is_a_sentence(
    command: str, old_db: Path, tmp_path: Path, seed_path: Path, capsys
) -> None:
    argv = (
        ["ingest", str(seed_path), "--db", str(old_db)]
        if command == "ingest"
        else args_for(command, old_db, tmp_path)
    )
    status, err = run(argv, capsys)
    assert status == 2
    line = one_sentence(err)
    assert "another version of the BudgetLens schema (older-schema" in line
    assert "build it again" in line


# --- a full disk -------------------------------------------------------------------------------

FULL = Path("/dev/full")  # every write to it fails with ENOSPC, as on a full disk
needs_dev_full = pytest.mark.skipif(not FULL.exists(), reason="no /dev/full on this system")


@needs_dev_full
def test_ingest_into_a_full_disk_is_a_sentence(seed_path: Path, capsys) -> None:
    status, err = run(["ingest", str(seed_path), "--db", str(FULL)], capsys)
    assert status == 2
    assert "the disk is full: could not write /dev/full" in one_sentence(err)


@needs_dev_full
@pytest.mark.parametrize("command", ["deck", "workbook"])
def test_a_deck_or_workbook_on_a_full_disk_is_a_sentence(command: str, seed_db: Path, capsys):
    status, err = run([command, "-o", str(FULL), "--db", str(seed_db)], capsys)
    assert status == 2
    assert "the disk is full: could not write" in one_sentence(err)


@needs_dev_full
@pytest.mark.skipif(not BIN.exists(), reason="the budgetlens entry point is not installed")
def test_the_installed_command_prints_no_traceback_for_a_full_disk(seed_db: Path) -> None:
    """Not even the one Python prints when the half-written zip is closed by the collector."""
    out = subprocess.run(
        [str(BIN), "workbook", "-o", str(FULL), "--db", str(seed_db)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 2
    assert "Traceback" not in out.stderr and "Exception ignored" not in out.stderr
    assert "the disk is full: could not write" in one_sentence(out.stderr)


@needs_dev_full
def test_an_export_onto_a_full_disk_is_a_sentence(seed_db: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "open-data"
    out.mkdir()
    (out / "expenditure_function.csv").symlink_to(FULL)  # the first file export writes
    status, err = run(["export", str(out), "--db", str(seed_db)], capsys)
    assert status == 2
    assert "the disk is full: could not write" in one_sentence(err)


def _can_mount_tmpfs() -> bool:
    if not shutil.which("unshare"):
        return False
    probe = subprocess.run(
        ["unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"],
        capture_output=True,
    )
    return probe.returncode == 0


@pytest.mark.skipif(
    not BIN.exists() or not _can_mount_tmpfs(),
    reason="needs the budgetlens entry point and an unprivileged tmpfs mount (unshare -rm)",
)
def test_a_disk_that_fills_up_during_ingest_is_a_sentence(seed_path: Path, tmp_path: Path):
    """A real file system that fills up in the middle of the load (a 400 KB tmpfs of its own)."""
    small = tmp_path / "small"
    small.mkdir()
    script = 'mount -t tmpfs -o size=400k tmpfs "$1" && exec "$2" ingest "$3" --db "$1/b.duckdb"'
    out = subprocess.run(
        ["unshare", "-rm", "sh", "-c", script, "sh", str(small), str(BIN), str(seed_path)],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 2, out.stderr
    assert "Traceback" not in out.stderr
    assert "the disk is full: could not write" in one_sentence(out.stderr)


# --- outputs that cannot be written ------------------------------------------------------------


@pytest.mark.parametrize("command", ["deck", "workbook"])
def test_an_output_under_a_file_is_a_sentence(
    command: str, seed_db: Path, tmp_path: Path, capsys
) -> None:
    (tmp_path / "report.txt").write_text("a file, not a folder", encoding="utf-8")
    target = tmp_path / "report.txt" / "out.bin"
    status, err = run([command, "-o", str(target), "--db", str(seed_db)], capsys)
    assert status == 2
    line = one_sentence(err)
    assert f"cannot write {target}" in line and "report.txt is a file, not a folder" in line


def test_an_export_folder_that_is_a_file_is_a_sentence(
    seed_db: Path, tmp_path: Path, capsys
) -> None:
    target = tmp_path / "open-data"
    target.write_text("a file", encoding="utf-8")
    status, err = run(["export", str(target), "--db", str(seed_db)], capsys)
    assert status == 2
    assert f"{target} is a file, not a folder" in one_sentence(err)


def test_a_bug_still_shows_its_traceback(monkeypatch: pytest.MonkeyPatch, seed_db: Path) -> None:
    """Only user mistakes and database problems become sentences: a bug is not hidden."""
    from budgetlens import export

    def broken(*_a: object, **_k: object) -> None:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(export, "export_package", broken)
    with pytest.raises(ZeroDivisionError):
        cli.main(["export", "out", "--db", str(seed_db)])
