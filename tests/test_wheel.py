"""BudgetLens installed from its wheel, outside this checkout, works as a package.

The wheel is built the way ``python -m build`` builds it (an sdist first, then the wheel from the
unpacked sdist), from a copy of the sources, without network (no build isolation: the project's
.venv has setuptools). It is installed into a fresh venv in a temporary folder; to stay fast and
offline, that venv sees the project's installed dependencies through a ``.pth`` line (as
``--system-site-packages`` would show a base interpreter's), but BudgetLens itself only from the
wheel: the test checks where the package is imported from. There, in a folder of its own, it runs
ingest of the bundled document, export, check, deck, workbook and ``budgetlens serve`` (health
endpoint, a page drawn from the database, the public Streamlit settings in force).

It fails if the wheel lacks a query, a page, the app, the UI helpers, the Streamlit config or the
launcher: they are compared file by file with the repository, and every command needs them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest
from streamlit.proto.NewSession_pb2 import Config

from tests.serving import render, serving

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "raw" / "jincheng-kejiju-2024.txt"
DEPARTMENT = "晋城市科学技术局"
IGNORE = shutil.ignore_patterns(
    ".venv", ".git", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache",
    ".ruff_cache", "*.duckdb", "*.duckdb.wal", "*.duckdb.tmp", "artifacts",
)  # fmt: skip

try:
    import setuptools  # noqa: F401

    HAS_SETUPTOOLS = True
except ImportError:  # pragma: no cover - it is a dev dependency
    HAS_SETUPTOOLS = False

pytestmark = pytest.mark.skipif(
    not HAS_SETUPTOOLS or sys.prefix == sys.base_prefix,
    reason="needs the project's .venv (with setuptools) to build and borrow dependencies from",
)


def _python(code: str, cwd: Path) -> str:
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, check=False
    )
    assert out.returncode == 0, out.stderr[-3000:]
    return out.stdout.strip().splitlines()[-1]


def build_wheel(tmp: Path) -> Path:
    """sdist from a copy of the sources, then the wheel from the unpacked sdist."""
    src = tmp / "src"
    shutil.copytree(ROOT, src, ignore=IGNORE)
    dist = tmp / "dist"
    dist.mkdir()
    hooks = "from setuptools import build_meta as b; "
    sdist = dist / _python(f"{hooks}print(b.build_sdist({str(dist)!r}))", src)
    with tarfile.open(sdist) as tar:
        tar.extractall(tmp / "sdist", filter="data")
    (unpacked,) = (tmp / "sdist").iterdir()
    wheel = dist / _python(f"{hooks}print(b.build_wheel({str(dist)!r}))", unpacked)
    return wheel


# What the installed package needs beside its modules (independent of the build's own list).
NEEDED = (
    "queries/*.sql",
    "app.py",
    "pages/*.py",
    "ui/*.py",
    ".streamlit/config.toml",
    "deploy/launch.py",
)


def expected_bundle() -> set[str]:
    """Every file the repository has that the wheel must carry, as paths inside the wheel."""
    out = set()
    for pattern in NEEDED:
        matches = list(ROOT.glob(pattern))
        assert matches, pattern
        out |= {f"budgetlens/_bundle/{p.relative_to(ROOT).as_posix()}" for p in matches}
    return out


def fresh_venv(tmp: Path, wheel: Path) -> Path:
    """A new venv holding BudgetLens from ``wheel``, its dependencies borrowed from this one."""
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    # The project's site-packages, appended after the venv's own: its .pth files (the editable
    # install of this checkout among them) are not processed from a path line.
    (site / "borrowed-dependencies.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8"
    )
    subprocess.run(
        [
            sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
            "--no-deps", "--no-index", "--no-cache-dir", str(wheel),
        ],
        check=True,
    )  # fmt: skip
    return venv


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("wheel")
    wheel = build_wheel(tmp)
    return wheel, fresh_venv(tmp, wheel)


def test_the_wheel_carries_the_queries_and_the_dashboard(installed: tuple[Path, Path]) -> None:
    wheel, _ = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = expected_bundle() - names
    assert not missing, f"the wheel lacks {sorted(missing)}"
    assert "budgetlens/schema.sql" in names
    assert sum(n.startswith("budgetlens/_bundle/queries/") for n in names) == len(
        list((ROOT / "queries").glob("*.sql"))
    )
    # the library only: no generator, tests or benchmarks
    assert not [n for n in names if n.startswith(("budgetlens_synthetic/", "tests/", "bench/"))]


def test_installed_commands_work_outside_the_checkout(
    installed: tuple[Path, Path], tmp_path: Path
) -> None:
    _, venv = installed
    bin_dir = venv / "bin"
    work = tmp_path / "bureau"
    work.mkdir()
    shutil.copyfile(SEED, work / SEED.name)
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("BUDGETLENS_", "PYTHON", "VIRTUAL_ENV"))
    }
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"

    def run(*argv: str) -> str:
        out = subprocess.run(
            [str(bin_dir / "budgetlens"), *argv], cwd=work, env=env, capture_output=True, text=True
        )
        assert out.returncode == 0, f"budgetlens {' '.join(argv)}: {out.stderr[-3000:]}"
        assert "Traceback" not in out.stderr
        return out.stdout

    # the package is the wheel's, not this checkout's
    where = subprocess.run(
        [str(bin_dir / "python"), "-c", "import budgetlens.resources as r; print(r.root())"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert where.startswith(str(venv)) and where.endswith("_bundle"), where

    assert DEPARTMENT in run("ingest", SEED.name)  # into data/budget.duckdb, here
    assert (work / "data" / "budget.duckdb").is_file()
    run("export", "open-data")
    csvs = sorted(p.name for p in (work / "open-data").glob("*.csv"))
    assert (
        "expenditure_function.csv" in csvs and (work / "open-data" / "datapackage.json").is_file()
    )
    assert "checks:" in run("check")
    assert "slides" in run("deck", "-o", "deck.pptx")
    assert "sheets" in run("workbook", "-o", "book.xlsx")
    assert (work / "deck.pptx").stat().st_size > 0 and (work / "book.xlsx").stat().st_size > 0

    with serving([str(bin_dir / "budgetlens"), "serve"], cwd=work, env=env) as server:
        assert server.health() == "ok"
        # the process serving is the wheel's launcher and app
        cmdline = Path(f"/proc/{server.proc.pid}/cmdline").read_bytes().split(b"\0")
        assert str(venv).encode() in cmdline[1] and cmdline[1].endswith(b"deploy/launch.py")
        overview = render(server.url)
        assert overview.status == "finished" and overview.exceptions == 0
        assert DEPARTMENT.encode() in overview.raw  # read from the database
        # the bundled .streamlit/config.toml is in force (Streamlit's default is AUTO)
        assert overview.toolbar_mode == Config.ToolbarMode.VIEWER
        checks = render(server.url, "checks")
        assert checks.status == "finished" and checks.exceptions == 0
