"""One settings object: read from the environment, validated, documented in one table."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import duckdb
import pytest

from budgetlens import api, cli, db, settings
from budgetlens.settings import Settings, SettingsError

ROOT = Path(__file__).resolve().parents[1]


def test_defaults_without_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    s = Settings.from_env({})
    assert s.db == tmp_path / "data" / "budget.duckdb"
    assert s.show_synthetic is False and s.bench_floor is False
    assert s.max_execution_ms > 0


def test_values_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    s = Settings.from_env(
        {
            "BUDGETLENS_DB": "elsewhere/x.duckdb",
            "BUDGETLENS_MEMORY_LIMIT": "1GB",
            "BUDGETLENS_MAX_EXECUTION_MS": "250",
            "BUDGETLENS_SHOW_SYNTHETIC": "1",
            "BUDGETLENS_BENCH_FLOOR": "true",
        }
    )
    assert s.db == tmp_path / "elsewhere" / "x.duckdb"  # relative: from the current directory
    assert (s.memory_limit, s.max_execution_ms) == ("1GB", 250)
    assert s.show_synthetic and s.bench_floor
    assert s.read_only_config()["max_execution_time"] == 250


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("BUDGETLENS_MAX_EXECUTION_MS", "fast"),
        ("BUDGETLENS_MAX_EXECUTION_MS", "0"),
        ("BUDGETLENS_MEMORY_LIMIT", "lots"),
        ("BUDGETLENS_SHOW_SYNTHETIC", "maybe"),
    ],
)
def test_an_invalid_value_names_its_variable(name: str, value: str) -> None:
    with pytest.raises(SettingsError, match=name):
        Settings.from_env({name: value})


def test_the_limits_reach_every_read_only_connection(
    seed_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BUDGETLENS_MAX_EXECUTION_MS", "4321")
    monkeypatch.setenv("BUDGETLENS_MEMORY_LIMIT", "300MB")
    con = db.connect(seed_db, read_only=True)
    try:
        got = dict(
            con.execute(
                "select name, value from duckdb_settings() "
                "where name in ('max_execution_time', 'memory_limit')"
            ).fetchall()
        )
    finally:
        con.close()
    assert got["max_execution_time"] == "4321"
    # DuckDB shows the limit in its own unit: compare with what it shows for the same value
    probe = duckdb.connect(config={"memory_limit": "300MB"})
    shown = probe.execute("select current_setting('memory_limit')").fetchone()[0]
    probe.close()
    assert got["memory_limit"] == shown


def test_a_read_only_connection_is_shut_in(seed_db: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.csv"
    outside.write_text("a\n1\n", encoding="utf-8")
    con = db.connect(seed_db, read_only=True)
    try:
        shown = dict(
            con.execute(
                "select name, value from duckdb_settings() where name in ("
                "'enable_external_access', 'autoinstall_known_extensions', "
                "'autoload_known_extensions', 'lock_configuration')"
            ).fetchall()
        )
        with pytest.raises(duckdb.Error):  # no file outside the database
            con.execute("select * from read_csv($p)", {"p": str(outside)}).fetchall()
        with pytest.raises(duckdb.Error):  # the limits cannot be lifted
            con.execute("set memory_limit = '8GB'")
    finally:
        con.close()
    assert shown == {
        "enable_external_access": "false",
        "autoinstall_known_extensions": "false",
        "autoload_known_extensions": "false",
        "lock_configuration": "true",
    }


@pytest.mark.parametrize(
    ("value", "on"),
    [("1", True), ("Yes", True), ("ON", True), ("0", False), ("No", False), ("OFF", False)],
)
def test_a_switch_reads_its_words_in_any_case(value: str, on: bool) -> None:
    assert Settings.from_env({"BUDGETLENS_SHOW_SYNTHETIC": value}).show_synthetic is on


def test_one_millisecond_is_a_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings.from_env({"BUDGETLENS_MAX_EXECUTION_MS": "1"}).max_execution_ms == 1
    monkeypatch.setenv("BUDGETLENS_MEMORY_LIMIT", "2GB")  # no mapping given: the environment
    assert Settings.from_env().memory_limit == "2GB"


def test_current_settings_follow_the_current_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BUDGETLENS_DB", "x.duckdb")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    monkeypatch.chdir(tmp_path / "a")
    first = settings.current().db
    monkeypatch.chdir(tmp_path / "b")
    assert (first, settings.current().db) == (
        tmp_path / "a" / "x.duckdb",
        tmp_path / "b" / "x.duckdb",
    )


def test_the_command_line_and_the_api_take_the_database_from_the_environment(
    seed_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.chdir(tmp_path)  # no data/budget.duckdb here
    monkeypatch.setenv("BUDGETLENS_DB", str(seed_db))
    assert cli.main(["check", "--status", "mismatch"]) == 0
    assert "晋城市科学技术局" in capsys.readouterr().out
    assert len(api.documents()) == 1
    # --db wins over the environment
    assert cli.main(["check", "--db", str(tmp_path / "none.duckdb")]) == 2
    assert "none.duckdb" in capsys.readouterr().err


def test_an_invalid_setting_is_a_sentence_on_the_command_line(
    seed_db: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv("BUDGETLENS_MAX_EXECUTION_MS", "soon")
    assert cli.main(["export", "out", "--db", str(seed_db)]) == 2
    err = capsys.readouterr().err
    assert "BUDGETLENS_MAX_EXECUTION_MS" in err and "Traceback" not in err


def _doc_table() -> dict[str, list[str]]:
    text = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    rows = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 5 and cells[0].startswith("`") and cells[1].startswith("`BUDGETLENS"):
            rows[cells[0].strip("`")] = cells
    return rows


def test_the_documented_table_lists_every_setting_as_the_code_has_it() -> None:
    table = _doc_table()
    assert set(table) == {f.name for f in fields(Settings)}
    for f in fields(Settings):
        _, env, default, what, used_by = table[f.name]
        assert env == f"`{f.metadata['env']}`"
        shown = {False: "0", True: "1"}.get(f.default, str(f.default))  # type: ignore[arg-type]
        assert default == f"`{shown}`", f.name
        assert what == f.metadata["doc"]
        assert used_by == f.metadata["used_by"]


def test_no_module_reads_a_budgetlens_variable_but_the_settings() -> None:
    readers = []
    sources = [
        *(ROOT / "budgetlens").glob("*.py"),
        *(ROOT / "ui").glob("*.py"),
        *(ROOT / "pages").glob("*.py"),
        ROOT / "app.py",
    ]
    for path in sources:
        text = path.read_text(encoding="utf-8")
        if re.search(r"environ(\.get)?\(?\[?[\"']BUDGETLENS_", text) or "getenv(" in text:
            readers.append(path.name)
    assert readers == []
    # and the settings module does read them: the search above would find it
    assert set(settings.environment_variables()) == {f.metadata["env"] for f in fields(Settings)}
