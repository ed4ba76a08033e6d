"""The mutmut driver (tools/mutate_py.py): its scopes exist, and narrowing the configuration to
one module keeps everything else of pyproject.toml."""

from __future__ import annotations

import tomllib
from pathlib import Path

from tools import mutate_py

ROOT = Path(__file__).resolve().parents[1]


def test_every_scope_names_a_module_and_tests_that_exist() -> None:
    for module, tests in mutate_py.SCOPES.items():
        assert (ROOT / module).is_file(), module
        assert tests and all((ROOT / t.split("::")[0]).is_file() for t in tests), module
        assert not [t for t in tests if "browser" in t], module


def test_the_configuration_covers_the_library_and_the_dashboards_numbers() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mutmut"]
    assert set(config["only_mutate"]) == {"budgetlens/*", "ui/fmt.py", "ui/data.py"}
    assert all((ROOT / p).exists() for p in config["also_copy"])
    assert "queries/" in config["also_copy"]  # the library reads its SQL beside the package
    selection = config["pytest_add_cli_args_test_selection"]
    assert "--ignore=tests/test_browser.py" in selection
    assert "--ignore=tests/test_browser_corpus.py" in selection


def test_narrowing_keeps_the_rest_of_pyproject(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text((ROOT / "pyproject.toml").read_text(encoding="utf-8"), encoding="utf-8")
    tests = mutate_py.SCOPES["ui/fmt.py"]
    mutate_py._narrow(path, "ui/fmt.py", tests)
    before = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    after = tomllib.loads(path.read_text(encoding="utf-8"))
    assert after["tool"]["mutmut"]["only_mutate"] == ["ui/fmt.py"]
    assert after["tool"]["mutmut"]["pytest_add_cli_args_test_selection"] == list(tests)
    for key in ("source_paths", "also_copy", "pytest_add_cli_args"):
        assert after["tool"]["mutmut"][key] == before["tool"]["mutmut"][key], key
    assert {k: v for k, v in after["tool"].items() if k != "mutmut"} == {
        k: v for k, v in before["tool"].items() if k != "mutmut"
    }
    assert after["project"] == before["project"]


def test_a_module_without_a_scope_is_refused(capsys) -> None:
    assert mutate_py.main(["budgetlens/nonexistent.py"]) == 2
    assert mutate_py.main([]) == 2
    assert "--all" in capsys.readouterr().err


def test_a_run_names_its_module_and_function_glob() -> None:
    assert mutate_py._split("budgetlens/checks.py:*Checker*") == (
        "budgetlens/checks.py",
        "*Checker*",
    )
    assert mutate_py._split("ui/fmt.py") == ("ui/fmt.py", None)
    assert mutate_py._slug("budgetlens/checks.py:*Checker*") == "budgetlens.checks-Checker"
    assert mutate_py._slug("ui/fmt.py") == "ui.fmt"


def test_every_module_the_configuration_mutates_has_a_scope() -> None:
    names = mutate_py.modules()
    assert "budgetlens/grid.py" in names and "ui/fmt.py" in names and "ui/data.py" in names
    assert not [n for n in names if not n.endswith(".py")]
    unscoped = [n for n in names if n not in mutate_py.SCOPES and mutate_py.has_functions(ROOT / n)]
    assert unscoped == []


def test_a_module_of_declarations_has_no_function(tmp_path: Path) -> None:
    declarations = tmp_path / "d.py"
    declarations.write_text('"""doc"""\nX = 1\nY: dict[str, int] = {"a": 2}\n', encoding="utf-8")
    method = tmp_path / "m.py"
    method.write_text("class C:\n    def f(self):\n        return 1\n", encoding="utf-8")
    assert not mutate_py.has_functions(declarations)
    assert mutate_py.has_functions(method)
    assert not mutate_py.has_functions(ROOT / "budgetlens/__init__.py")


def test_the_score_is_killed_over_tested() -> None:
    # 6 killed + 2 timeouts + 1 type check = 9 of 12 tested (the 3 skipped are not tested): 75%
    counts = {"killed": 6, "timeout": 2, "caught by type check": 1, "survived": 2, "no tests": 1}
    assert mutate_py.score({**counts, "skipped": 3}) == "75%"
    assert mutate_py.score({"survived": 3}) == "0%"
    assert mutate_py.score({"skipped": 2}) == "—"
    assert mutate_py.score({}) == "—"


def _fake_all(monkeypatch, tmp_path: Path, names: list[str], runs: dict) -> list[str]:
    called: list[str] = []
    monkeypatch.setattr(mutate_py, "OUT", tmp_path)
    monkeypatch.setattr(mutate_py, "ROOT", tmp_path)
    monkeypatch.setattr(mutate_py, "modules", lambda root=None: names)
    monkeypatch.setattr(
        mutate_py, "SCOPES", {n: (f"tests/test_{i}.py",) for i, n in enumerate(names)}
    )

    def run_one(spec, max_children, resume=False, report_only=False):
        called.append(spec)
        return runs[spec]

    monkeypatch.setattr(mutate_py, "run_one", run_one)
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        body = "X = 1\n" if name.endswith("decl.py") else "def f():\n    return 1\n"
        (tmp_path / name).write_text(body, encoding="utf-8")
    return called


def test_all_runs_every_module_and_reports_rows_and_totals(monkeypatch, tmp_path: Path) -> None:
    names = ["lib/a.py", "lib/b.py", "lib/decl.py"]
    runs = {
        "lib/a.py": mutate_py.Run("lib/a.py", {"killed": 8, "survived": 2}, 1.5, tmp_path / "a.md"),
        "lib/b.py": mutate_py.Run("lib/b.py", {"killed": 3, "timeout": 1}, 0.5, tmp_path / "b.md"),
    }
    called = _fake_all(monkeypatch, tmp_path, names, runs)
    assert mutate_py.run_all(1) == 0
    assert called == ["lib/a.py", "lib/b.py"]  # the module of declarations is listed, not run
    rows = [
        [c.strip() for c in line.strip("|").split("|")]
        for line in (tmp_path / "report.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("| ")
    ]
    assert rows[0] == ["module", "tests", "mutants", "killed", "survived", "timeout", "score",
                       "minutes", "report"]  # fmt: skip
    assert rows[2] == ["`lib/a.py`", "`tests/test_0.py`", "10", "8", "2", "0", "80%", "1.5", "a.md"]
    assert rows[3] == ["`lib/b.py`", "`tests/test_1.py`", "4", "3", "0", "1", "100%", "0.5", "b.md"]
    assert rows[4][:3] == ["`lib/decl.py`", "`tests/test_2.py`", "no function"]
    assert rows[4][6] == "—"
    # 14 mutants: 11 killed + 1 timeout = 12 of 14 = 86%; 2.0 minutes in all
    assert rows[5] == ["**3 modules**", "", "14", "11", "2", "1", "86%", "2.0", ""]


def test_all_goes_on_after_a_failed_module_and_says_so(monkeypatch, tmp_path: Path) -> None:
    names = ["lib/a.py", "lib/b.py"]
    runs = {
        "lib/a.py": mutate_py.Run("lib/a.py", minutes=0.2, note="mutmut failed: py-lib.a.log"),
        "lib/b.py": mutate_py.Run("lib/b.py", {"killed": 1}, 0.1, tmp_path / "b.md"),
    }
    called = _fake_all(monkeypatch, tmp_path, names, runs)
    assert mutate_py.run_all(1) == 1
    assert called == names
    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "| `lib/a.py` | `tests/test_0.py` | mutmut failed: py-lib.a.log |" in report
    assert "| `lib/b.py` | `tests/test_1.py` | 1 | 1 | 100% |" in report


def test_all_refuses_to_start_with_a_module_without_a_scope(monkeypatch, tmp_path, capsys) -> None:
    called = _fake_all(monkeypatch, tmp_path, ["lib/a.py", "lib/b.py"], {})
    del mutate_py.SCOPES["lib/b.py"]
    assert mutate_py.run_all(1) == 2
    assert called == [] and not (tmp_path / "report.md").exists()
    assert "lib/b.py" in capsys.readouterr().err
