"""BudgetLens settings: one object, read from the environment, used everywhere.

The library (:mod:`budgetlens.db`), the command line (:mod:`budgetlens.cli`) and the dashboard
(``ui/data.py``, ``app.py``) all take the database path, the read-only limits and the public-mode
switches from :class:`Settings`; nothing else reads a ``BUDGETLENS_*`` variable. Every setting is
a field below: its environment variable and its meaning are in the field's metadata, and the
table in ``docs/settings.md`` lists the same (a test compares the two).

Precedence: a command-line option (``--db``) over the environment variable over the default.
A relative database path is taken from the current directory, once, when the settings are read.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from pathlib import Path

DEFAULT_DB = Path("data") / "budget.duckdb"
_MEMORY = re.compile(r"^\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KIB|MIB|GIB|TIB)$", re.IGNORECASE)
_TRUE = ("1", "true", "yes", "on")
_FALSE = ("", "0", "false", "no", "off")


class SettingsError(ValueError):
    """An environment variable holds a value its setting cannot take (the message names both)."""


def _meta(env: str, doc: str, used_by: str) -> dict[str, str]:
    """A setting's environment variable, meaning and users (docs/settings.md shows the same)."""
    return {"env": env, "doc": doc, "used_by": used_by}


@dataclass(frozen=True)
class Settings:
    """Everything BudgetLens can be configured with. Build it with :meth:`from_env`."""

    db: Path = field(
        default=DEFAULT_DB,
        metadata=_meta(
            "BUDGETLENS_DB",
            "the DuckDB database file; relative paths start at the current directory",
            "command line, Python API, dashboard",
        ),
    )
    memory_limit: str = field(
        default="512MB",
        metadata=_meta(
            "BUDGETLENS_MEMORY_LIMIT",
            "DuckDB memory limit of every read-only connection (DuckDB size, e.g. 512MB, 1GB)",
            "dashboard, read-only commands, Python API",
        ),
    )
    max_execution_ms: int = field(
        default=5000,
        metadata=_meta(
            "BUDGETLENS_MAX_EXECUTION_MS",
            "longest a query may run on a read-only connection, in milliseconds",
            "dashboard, read-only commands, Python API",
        ),
    )
    show_synthetic: bool = field(
        default=False,
        metadata=_meta(
            "BUDGETLENS_SHOW_SYNTHETIC",
            "list synthetic (generated) documents in the dashboard; off in public, set only by the "
            "scale benchmark on its own database",
            "dashboard",
        ),
    )
    bench_floor: bool = field(
        default=False,
        metadata=_meta(
            "BUDGETLENS_BENCH_FLOOR",
            "register the empty page `floor` that the page-cost benchmark measures; off in public",
            "dashboard",
        ),
    )

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Settings from ``environ`` (default: ``os.environ``); unset or empty variables keep
        their defaults. Raises SettingsError naming the variable when a value is not valid."""
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = env.get(f.metadata["env"], "").strip()
            if raw:
                values[f.name] = _parse(f.name, f.metadata["env"], raw)
        return cls(**values).with_db(None)  # the database path made absolute

    def with_db(self, path: str | Path | None) -> Settings:
        """The same settings with another database (None keeps this one), made absolute."""
        if path is None:
            path = self.db
        return replace(self, db=Path(os.path.abspath(Path(path).expanduser())))

    def read_only_config(self) -> dict[str, object]:
        """The DuckDB configuration of a read-only connection: no access outside the database
        file, no extension loading, bounded memory and time per query, configuration locked."""
        return {
            "enable_external_access": False,
            "autoinstall_known_extensions": False,
            "autoload_known_extensions": False,
            "memory_limit": self.memory_limit,
            "max_execution_time": self.max_execution_ms,
            "lock_configuration": True,
        }


def _parse(name: str, env: str, raw: str) -> object:
    if name == "db":
        return Path(raw)
    if name == "memory_limit":
        if not _MEMORY.fullmatch(raw):
            raise SettingsError(f"{env}={raw!r}: expected a DuckDB size such as 512MB or 1GB")
        return raw
    if name == "max_execution_ms":
        if not raw.isdigit() or int(raw) <= 0:
            raise SettingsError(f"{env}={raw!r}: expected a whole number of milliseconds above 0")
        return int(raw)
    # the switches
    if raw.lower() in _TRUE:
        return True
    if raw.lower() in _FALSE:
        return False
    raise SettingsError(f"{env}={raw!r}: expected 1 or 0 (also true/false, yes/no, on/off)")


def environment_variables() -> dict[str, str]:
    """Every environment variable BudgetLens reads → the name of its setting."""
    return {f.metadata["env"]: f.name for f in fields(Settings)}


@lru_cache(maxsize=32)
def _cached(values: tuple[tuple[str, str], ...], cwd: str) -> Settings:
    return Settings.from_env(dict(values))


def current() -> Settings:
    """The settings of the environment as it is now (cheap: cached per set of values and current
    directory, so the dashboard may call it on every query). Raises SettingsError."""
    values = tuple((k, os.environ.get(k, "")) for k in environment_variables())
    return _cached(values, os.getcwd())
