"""Where the files BudgetLens needs beside its Python modules are: ``queries/`` and the dashboard.

In a checkout (and an editable install) they are the repository's own top-level ``queries/``,
``app.py``, ``pages/``, ``ui/``, ``.streamlit/config.toml`` and ``deploy/launch.py``. A wheel
carries copies of them inside the package, in ``budgetlens/_bundle/`` (written at build time by
``setup.py``'s ``build_py``; see docs/install.md), laid out the same way, so that the same
relative paths work in both: ``root() / "queries"``, ``root() / "app.py"``.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
BUNDLE = PACKAGE / "_bundle"
CHECKOUT = PACKAGE.parent

# What a root must hold; the wheel build copies exactly these (setup.py reads this list).
BUNDLED = (
    "queries/*.sql",
    "app.py",
    "pages/*.py",
    "ui/*.py",
    ".streamlit/config.toml",
    "deploy/launch.py",
)


class ResourcesMissing(RuntimeError):
    """This installation of BudgetLens lacks its queries or dashboard files (a broken build)."""


def root() -> Path:
    """The folder holding ``queries/`` and the dashboard: the package's ``_bundle`` in an
    installed wheel, else the repository around the package (a checkout).

    Raises ResourcesMissing when neither holds ``queries/``.
    """
    for candidate in (BUNDLE, CHECKOUT):
        if (candidate / "queries").is_dir() and (candidate / "app.py").is_file():
            return candidate
    raise ResourcesMissing(
        f"BudgetLens is installed without its queries and dashboard files (looked in {BUNDLE} "
        f"and {CHECKOUT}); reinstall it from a wheel built by 'pip wheel .' or 'python -m build'"
    )


def queries_dir() -> Path:
    """The folder of the named SQL queries (``queries/<name>.sql``)."""
    return root() / "queries"


def app_script() -> Path:
    """The dashboard's main script, ``app.py`` (with ``pages/`` and ``ui/`` beside it)."""
    return root() / "app.py"


def launcher() -> Path:
    """``deploy/launch.py``: starts the dashboard with Nagle's algorithm off (``make run``,
    ``budgetlens serve``, the systemd unit and the benchmarks all go through it)."""
    return root() / "deploy" / "launch.py"
