"""Sections (ui.section): a page's output is drawn once per view and replayed afterwards.

A replayed section must look exactly like a freshly drawn one, must never show another view's
output (department, year, language, selection, database version), and its tables must still be
offered for download.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from budgetlens import db, queries
from tests.conftest import pin_navigation_mode
from ui import components

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
DEPARTMENT = "晋城市科学技术局"
YEAR = 2024
DOCUMENT = f"{DEPARTMENT}-{YEAR}-预算-部门"
TIMEOUT = 60


@pytest.fixture(autouse=True)
def navigation_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run the app through st.navigation, as a server does (see tests/conftest.py)."""
    pin_navigation_mode(monkeypatch)


@pytest.fixture
def app_db(seed_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private copy of the seed database, and empty caches: every test starts cold."""
    path = tmp_path / "budget.duckdb"
    shutil.copyfile(seed_db, path)
    monkeypatch.setenv("BUDGETLENS_DB", str(path))
    st.cache_resource.clear()
    yield path
    st.cache_resource.clear()  # closes nothing twice: the next test reopens its own file


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The keys of the performance page's charts actually built (not replayed), in order."""
    calls: list[str] = []
    original = components.chart

    def counting(*args: object, **kwargs: object) -> None:
        if str(kwargs.get("key")).startswith("pf_"):  # the performance page's charts
            calls.append(str(kwargs.get("key")))
        original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(components, "chart", counting)
    return calls


def run(page: str, **params: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


def specs(at: AppTest) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def expected_indicators(path: Path, project: str) -> int:
    con = db.connect(path, read_only=True)
    try:
        rows = queries.run(con, "performance_indicators", document=DOCUMENT, project=project)
    finally:
        con.close()
    return int((rows["period"] == "年度").sum())


def test_a_warm_rerun_replays_the_same_output_without_drawing_it_again(
    app_db: Path, drawn: list[str]
) -> None:
    first = run("performance", project="科技计划项目")
    built = list(drawn)
    assert built, "the first run draws the charts"
    second = run("performance", project="科技计划项目")
    assert drawn == built, "a warm rerun builds no chart"
    assert specs(second) == specs(first)
    assert metrics(second) == metrics(first)
    assert len(second.dataframe) == len(first.dataframe)
    for replayed, fresh in zip(second.dataframe, first.dataframe, strict=True):
        pd.testing.assert_frame_equal(replayed.value, fresh.value)
    assert [b.proto.id for b in second.get("download_button")] == [
        b.proto.id for b in first.get("download_button")
    ]


def test_each_selection_and_language_has_its_own_output(app_db: Path) -> None:
    projects = ("科技计划项目", "部门整体")
    for project in (*projects, projects[0]):  # the last one is replayed
        at = run("performance", project=project)
        assert metrics(at)["指标数"] == str(expected_indicators(app_db, project))
    english = run("performance", project=projects[0], lang="en")
    assert "Indicators" in metrics(english)
    assert "指标数" not in metrics(english)
    chinese = run("performance", project=projects[0])
    assert "指标数" in metrics(chinese)


def test_a_republished_database_is_drawn_anew(app_db: Path, drawn: list[str]) -> None:
    run("performance")
    before = len(drawn)
    run("performance")
    assert len(drawn) == before
    # The same content published by atomic rename is a new file version: nothing drawn for the
    # old file may be replayed for the new one.
    fresh = app_db.with_name("fresh.duckdb")
    shutil.copyfile(app_db, fresh)
    os.replace(fresh, app_db)
    run("performance")
    assert len(drawn) == 2 * before


def _kinds_in_order(node: object) -> list[str]:
    """The element types of the main area, depth first, in the order they are shown."""
    out: list[str] = []
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for key in sorted(children):
            child = children[key]
            kind = getattr(child, "type", "")
            if kind in ("dataframe", "download_button"):
                out.append(kind)
            out.extend(_kinds_in_order(child))
    return out


def test_a_replayed_page_still_offers_every_table_for_download(app_db: Path) -> None:
    # download buttons are widgets, drawn live after the replayed sections: the page's pair
    # comes after its last table and hands over the same tables, drawn or replayed
    offered = []
    for _ in range(2):
        at = run("performance", project="科技计划项目")
        kinds = _kinds_in_order(at.main)
        assert kinds.count("dataframe") >= 2
        assert kinds[-2:] == ["download_button", "download_button"], kinds
        assert "download_button" not in kinds[:-2]
        tables = at.session_state["_budgetlens_page_tables"]
        # the scorecards are shown as lists and offered as tables (ui.offer), replayed or not
        drawn = [(n, df) for n, df in tables if not n.startswith("绩效指标")]
        assert len(drawn) < len(tables)
        assert [len(df) for _, df in drawn] == [len(d.value) for d in at.dataframe]
        offered.append([name for name, _ in tables])
    assert offered[0] == offered[1]


@pytest.mark.parametrize(
    "args",
    [(pd.DataFrame({"a": [1]}),), (["a", "b"],), ({"a": 1},)],
    ids=["dataframe", "list", "dict"],
)
def test_a_section_refuses_arguments_it_cannot_key_on(args: tuple) -> None:
    @components.section
    def draw(*_: object) -> None:  # pragma: no cover - never reached
        raise AssertionError("drawn despite an argument that cannot be part of the key")

    with pytest.raises(TypeError, match="positional str, int"):
        draw(*args)


def test_a_section_refuses_keyword_arguments() -> None:
    @components.section
    def draw(project: str) -> None:  # pragma: no cover - never reached
        raise AssertionError("drawn with a keyword argument")

    with pytest.raises(TypeError, match="positional"):
        draw(project="科技计划项目")  # type: ignore[call-arg]
