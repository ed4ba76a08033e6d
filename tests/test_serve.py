"""``budgetlens serve`` starts the dashboard through deploy/launch.py; commands that only read
work while it holds the database open."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from budgetlens import cli, resources, settings
from tests.serving import open_files, render, serving

BIN = Path(sys.executable).with_name("budgetlens")
DEPARTMENT = "晋城市科学技术局"
needs_bin = pytest.mark.skipif(not BIN.exists(), reason="the budgetlens entry point is missing")


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BUDGETLENS_")}
    return {**env, **extra}


def test_serve_runs_the_launcher_of_this_installation_with_the_database(tmp_path: Path):
    s = settings.Settings.from_env({}).with_db(tmp_path / "b.duckdb")
    argv, env = cli.serve_command(s, 8600, "127.0.0.1", ["--server.baseUrlPath", "budget"])
    assert argv[:2] == [sys.executable, str(resources.launcher())]
    assert resources.launcher() == resources.root() / "deploy" / "launch.py"
    assert argv[2:] == [
        "--server.port",
        "8600",
        "--server.address",
        "127.0.0.1",
        "--server.baseUrlPath",
        "budget",
    ]
    assert env["BUDGETLENS_DB"] == str(tmp_path / "b.duckdb")


@needs_bin
def test_serve_refuses_a_missing_database_with_a_sentence(tmp_path: Path) -> None:
    out = subprocess.run(
        [str(BIN), "serve", "--db", str(tmp_path / "none.duckdb"), "--port", "1"],
        capture_output=True,
        text=True,
        env=clean_env(),
        cwd=tmp_path,
    )
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    assert f"no database at {tmp_path / 'none.duckdb'}" in out.stderr
    assert not (tmp_path / "none.duckdb").exists()


@needs_bin
def test_export_works_while_the_dashboard_holds_the_database_open(
    seed_db: Path, tmp_path: Path
) -> None:
    database = tmp_path / "served.duckdb"
    shutil.copyfile(seed_db, database)
    command = [str(BIN), "serve", "--db", str(database)]
    with serving(command, cwd=tmp_path, env=clean_env()) as server:
        page = render(server.url)
        assert page.status == "finished" and page.exceptions == 0
        assert DEPARTMENT.encode() in page.raw  # drawn from the database
        # the dashboard now holds the file open (its cached read-only connection) ...
        assert str(database) in open_files(server.proc.pid)
        # ... and the commands that only read work beside it
        for argv in (
            ["export", str(tmp_path / "open-data")],
            ["check"],
            ["workbook", "-o", str(tmp_path / "book.xlsx")],
        ):
            out = subprocess.run(
                [str(BIN), *argv, "--db", str(database)],
                capture_output=True,
                text=True,
                env=clean_env(),
                cwd=tmp_path,
            )
            assert out.returncode == 0, out.stderr
            assert "Traceback" not in out.stderr
        # still serving
        assert server.health() == "ok"
        assert render(server.url, "checks").status == "finished"
    assert (tmp_path / "open-data" / "datapackage.json").is_file()
    assert (tmp_path / "book.xlsx").stat().st_size > 0
