"""Where BudgetLens finds its queries and dashboard (budgetlens/resources.py): an installed wheel's
``_bundle`` when it is complete, else the checkout around the package, else a clear error."""

from __future__ import annotations

from pathlib import Path

import pytest

from budgetlens import resources

ROOT = Path(__file__).resolve().parents[1]


def _root(path: Path, *, queries: bool = True, app: bool = True) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    if queries:
        (path / "queries").mkdir()
    if app:
        (path / "app.py").write_text("", encoding="utf-8")
    return path


@pytest.fixture
def places(tmp_path: Path, monkeypatch):
    bundle, checkout = tmp_path / "pkg" / "_bundle", tmp_path / "repo"
    monkeypatch.setattr(resources, "BUNDLE", bundle)
    monkeypatch.setattr(resources, "CHECKOUT", checkout)
    return bundle, checkout


def test_a_checkout_serves_its_own_files() -> None:
    assert resources.PACKAGE == ROOT / "budgetlens"
    assert resources.CHECKOUT == ROOT
    assert resources.BUNDLE == ROOT / "budgetlens" / "_bundle"
    assert resources.root() == ROOT
    assert resources.queries_dir() == ROOT / "queries"
    assert (resources.queries_dir() / "export_key_figures.sql").is_file()
    assert resources.app_script() == ROOT / "app.py"
    assert resources.launcher() == ROOT / "deploy" / "launch.py"
    assert resources.launcher().is_file()


def test_what_a_wheel_carries() -> None:
    assert resources.BUNDLED == (
        "queries/*.sql",
        "app.py",
        "pages/*.py",
        "ui/*.py",
        ".streamlit/config.toml",
        "deploy/launch.py",
    )
    for pattern in resources.BUNDLED:  # each names files the checkout has
        assert list(ROOT.glob(pattern)), pattern


def test_a_complete_bundle_comes_first(places) -> None:
    bundle, checkout = places
    _root(bundle)
    _root(checkout)
    assert resources.root() == bundle
    assert resources.queries_dir() == bundle / "queries"
    assert resources.app_script() == bundle / "app.py"
    assert resources.launcher() == bundle / "deploy" / "launch.py"


@pytest.mark.parametrize(("queries", "app"), [(False, False), (True, False), (False, True)])
def test_an_incomplete_bundle_gives_way_to_the_checkout(places, queries, app) -> None:
    bundle, checkout = places
    _root(bundle, queries=queries, app=app)
    _root(checkout)
    assert resources.root() == checkout
    assert resources.queries_dir() == checkout / "queries"


def test_a_file_named_queries_or_a_folder_named_app_py_is_not_enough(places) -> None:
    bundle, checkout = places
    bundle.mkdir(parents=True)
    (bundle / "queries").write_text("", encoding="utf-8")  # a file, not the folder
    (bundle / "app.py").write_text("", encoding="utf-8")
    _root(checkout, app=False)
    (checkout / "app.py").mkdir()  # a folder, not the script
    with pytest.raises(resources.ResourcesMissing):
        resources.root()


@pytest.mark.parametrize(("queries", "app"), [(False, False), (True, False), (False, True)])
def test_neither_place_complete_is_a_clear_error(places, queries, app) -> None:
    bundle, checkout = places
    _root(checkout, queries=queries, app=app)
    with pytest.raises(resources.ResourcesMissing) as err:
        resources.root()
    assert str(err.value) == (
        "BudgetLens is installed without its queries and dashboard files (looked in "
        f"{bundle} and {checkout}); reinstall it from a wheel built by 'pip wheel .' or "
        "'python -m build'"
    )
    assert isinstance(err.value, RuntimeError)
    with pytest.raises(resources.ResourcesMissing):
        resources.queries_dir()
