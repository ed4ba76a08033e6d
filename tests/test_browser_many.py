"""End-to-end in headless Chromium: many documents. The app opens on the catalogue; its link to
the comparison of 上海市普陀区's 2025 部门预算 opens the comparison, and a department link there
opens that department's overview, with its 支出总计 equal to the hand reading of its PDF
(tests/fixtures/corpus/<folder>/hand_read.csv). Screenshots of the catalogue, the comparison and
a trend at 1440 and 390 px go to artifacts/screenshots/ (git-ignored).
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

from budgetlens import cli
from tests.test_browser import CHROMIUM, open_page, serving
from tests.test_browser_corpus import hand, hand_wan, screenshot
from ui import fmt

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "fixtures" / "corpus"
FOLDERS = ("sh-putuo-swj-2025-budget-dept", "sh-putuo-zfb-2025-budget-dept", "js-rdbgt-2018",
           "js-rdbgt-2019")  # fmt: skip

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed"),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("browser_many") / "budget.duckdb"
    files = [str(p) for f in FOLDERS for p in sorted((CORPUS / f).glob("*.pdf"))]
    assert cli.main(["ingest", *files, "--db", str(db)]) == 0
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


def department(folder: str) -> str:
    return next(r["value"] for r in hand(folder) if r["label"] == "department")


def test_catalogue_opens_a_comparison_whose_link_opens_the_department(server: str, browser) -> None:
    page = open_page(browser, server + "/", 1440)
    assert page.locator("h1").first.inner_text() == "文件目录"
    screenshot(page, "catalogue", 1440)
    page.get_by_text("上海市普陀区 2025年 2 个部门预算比较").click()
    page.wait_for_function("() => location.pathname.endsWith('/compare')", timeout=30_000)
    page.locator("h1").filter(has_text="部门比较").wait_for(timeout=30_000)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']")
    page.locator("[data-testid='stPlotlyChart']").first.wait_for(timeout=30_000)
    query = urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query)
    assert query["government"] == ["上海市普陀区"] and query["cmp_year"] == ["2025"]
    screenshot(page, "compare", 1440)

    folder = FOLDERS[1]  # the smaller of the two: its link is the second
    total = next(
        r for r in hand(folder)
        if r["section"] == "summary" and r["label"] == "支出总计"
    )  # fmt: skip
    page.get_by_text(f"{department(folder)} · {fmt.wan(hand_wan(total))} 万元").click()
    # the overview of that document (served at "/" when the URL names a document)
    page.wait_for_function("() => location.search.includes('doc=')", timeout=30_000)
    page.locator("[data-testid='stMain'] h1").filter(has_text="总览").wait_for(timeout=30_000)
    metric = page.locator("[data-testid='stMetric']").filter(has_text="支出总计")
    metric.locator("[data-testid='stMetricValue']").filter(
        has_text=fmt.wan(hand_wan(total))
    ).wait_for(state="visible", timeout=30_000)
    main = page.locator("[data-testid='stMain']")
    assert main.locator("h1").first.inner_text() == "总览"
    assert (
        department(folder) in main.locator("[data-testid='stCaptionContainer']").first.inner_text()
    )
    assert page.locator("[data-testid='stException']").count() == 0
    page.close()


@pytest.mark.parametrize("width", [1440, 390])
def test_many_document_pages_at_both_widths(server: str, browser, width: int) -> None:
    views = {
        "catalogue": "/",  # the home page when several documents are loaded
        "compare": "/compare?government=上海市普陀区&cmp_year=2025",
        "trends": "/trends?government=江苏省&lang=en",
    }
    for name, path in views.items():
        page = open_page(browser, server + path, width)
        text = page.locator("[data-testid='stMain']").inner_text()
        assert "None" not in text and "nan" not in text, (name, text[:300])
        assert page.locator("[data-testid='stException']").count() == 0
        screenshot(page, f"many-{name}", width)
        page.close()
