"""End-to-end in headless Chromium: the dashboard over Shanghai documents read from PDF.

Marked ``browser`` (skipped without /usr/bin/chromium). A Shanghai 部门预算 and the 单位预算 of the
same department and year are loaded from their PDFs; a link naming the 单位预算 opens it, with its
total and a source note that says the PDF page — both compared with the values read by hand from
the rendered pages (tests/fixtures/corpus/<folder>/hand_read.csv). Screenshots of the overview and
收支 at 1440 and 390 px go to artifacts/screenshots/ (git-ignored).
"""

from __future__ import annotations

import csv
import re
import urllib.parse
import urllib.request
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from budgetlens import cli
from tests.test_browser import CHROMIUM, SHOTS, open_page, serving
from ui import fmt

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "fixtures" / "corpus"
DEPT = "sh-putuo-swj-2025-budget-dept"
UNIT = "sh-putuo-swj-2025-budget-unit"
SCALE = {"万元": Decimal(1), "元": Decimal(10000)}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed"),
]


def hand(folder: str) -> list[dict[str, str]]:
    with open(CORPUS / folder / "hand_read.csv", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def hand_wan(row: dict[str, str]) -> Decimal:
    return Decimal(row["value"].replace(",", "")) / SCALE[row["unit"]]


def identity(folder: str) -> dict[str, str]:
    return {r["label"]: r["value"] for r in hand(folder) if r["section"] == "identity"}


def link(folder: str, page: str = "", **more: str) -> str:
    """The URL path and query that open the folder's document: department, year and doc."""
    ident = identity(folder)
    doc = f"{ident['department']}-{ident['year']}-{ident['kind']}-{ident['scope']}"
    query = {"department": ident["department"], "year": ident["year"], "doc": doc, **more}
    return f"/{page}?{urllib.parse.urlencode(query)}"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``streamlit run app.py`` over a database of the two Shanghai documents (from their PDFs)."""
    db = tmp_path_factory.mktemp("browser_corpus") / "budget.duckdb"
    files = [str(p) for f in (DEPT, UNIT) for p in sorted((CORPUS / f).glob("*.pdf"))]
    assert cli.main(["ingest", *files, "--db", str(db), "--workers", "1"]) == 0
    with serving(db) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Headless Chromium, as tests/test_browser.py starts it."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield b
        b.close()


def screenshot(page, name: str, width: int) -> None:
    """The whole page (Streamlit scrolls inside its main container: grow the viewport first)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    height = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('[data-testid=stMain], section')]"
        ".map(e => e.scrollHeight), 900)"
    )
    page.set_viewport_size({"width": width, "height": min(int(height) + 50, 12000)})
    page.wait_for_timeout(800)
    page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)


def test_a_link_opens_the_unit_budget_with_its_total_and_page(server: str, browser) -> None:
    revenue = next(r for r in hand(UNIT) if r["section"] == "summary" and r["label"] == "收入总计")
    total = next(
        r
        for r in hand(UNIT)
        if r["section"] == "function" and r["label"] == "合计" and r["column"] == "total"
    )
    page = open_page(browser, server + link(UNIT), 1440)
    metric = page.locator("[data-testid='stMetric']").filter(has_text="支出总计")
    metric.locator("[data-testid='stMetricValue']").filter(
        has_text=fmt.wan(hand_wan(total))
    ).wait_for(state="visible", timeout=30_000)
    assert page.locator("[data-testid='stMetric']").filter(has_text="收入总计").locator(
        "[data-testid='stMetricValue']"
    ).inner_text() == fmt.wan(hand_wan(revenue))
    # the source note under the headline: the table and the page it is printed on
    note = (
        page.locator("[data-testid='stCaptionContainer']")
        .filter(has_text=re.compile(r"第\d+页"))
        .first
    )
    assert f"{total['table']}）第{total['page']}页" in note.inner_text()
    # the sidebar shows which of the department-year's two documents this is
    choice = page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").filter(
        has_text="文件"
    )
    assert choice.locator("input").input_value() == "单位预算"
    assert page.locator("[data-testid='stException']").count() == 0
    page.close()


def test_the_source_inside_a_chart_names_the_page(server: str, browser) -> None:
    page = open_page(browser, server + link(DEPT, "revenue_expenditure"), 1440)
    pages = sorted(
        {
            int(r["page"])
            for r in hand(DEPT)
            if r["section"] == "function" and r["table"] == "部门支出预算总表"
        }
    )
    span = f"第{pages[0]}–{pages[-1]}页" if len(pages) > 1 else f"第{pages[0]}页"
    # plotly draws the annotation as SVG text, one element per line; the page has several
    # charts (收入 and 支出), drawn as their sections arrive: wait for the 支出 one's source
    page.locator("[data-testid='stPlotlyChart']").first.wait_for(state="visible", timeout=30_000)
    notes = ""
    for _ in range(100):
        notes = " | ".join(
            "".join(t or "" for t in chart.locator("g.annotation text").all_text_contents())
            for chart in page.locator("[data-testid='stPlotlyChart']").all()
        )
        if span in notes:
            break
        page.wait_for_timeout(300)
    assert span in notes, notes
    assert page.locator("[data-testid='stException']").count() == 0
    page.close()


@pytest.mark.parametrize("name", ["", "revenue_expenditure"])
@pytest.mark.parametrize("width", [1440, 390])
def test_overview_and_revenue_expenditure_render_and_are_screenshotted(
    server: str, browser, name: str, width: int
) -> None:
    page = open_page(browser, server + link(DEPT, name), width)
    assert page.locator("[data-testid='stException']").count() == 0
    # a blank cell is blank: no table shows the word None
    for grid in page.locator("[data-testid='stDataFrame']").all():
        assert "None" not in grid.locator("td").all_inner_texts()
    screenshot(page, f"corpus-{name or 'overview'}", width)
    page.close()
