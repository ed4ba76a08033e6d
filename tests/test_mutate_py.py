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
    assert mutate_py._slug("all") == "all"
