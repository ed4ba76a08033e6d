"""The budget-against-actual page in headless Chromium, on a generated 预算 and 决算 pair
(tests/test_execution.py builds them; synthetic documents are shown only because the server is
started with BUDGETLENS_SHOW_SYNTHETIC=1, as the scale benchmark does). Screenshots at 1440 and
390 px go to artifacts/screenshots/."""

from __future__ import annotations

import os
from collections.abc import Iterator
from urllib.parse import urlencode

import pytest

from budgetlens_synthetic import department_name
from tests.test_browser import CHROMIUM, SHOTS, open_page, serving
from tests.test_execution import BUDGET_ONLY, NO_FONT, YEAR, build_pairs, doc, expected_by_code
from ui import fmt

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed"),
    pytest.mark.skipif(bool(NO_FONT), reason=NO_FONT or "a CJK font is installed"),
]


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


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    database = build_pairs(tmp_path_factory.mktemp("browser_execution"))
    before = os.environ.get("BUDGETLENS_SHOW_SYNTHETIC")
    os.environ["BUDGETLENS_SHOW_SYNTHETIC"] = "1"
    try:
        with serving(database) as url:
            yield url
    finally:
        if before is None:
            os.environ.pop("BUDGETLENS_SHOW_SYNTHETIC", None)
        else:
            os.environ["BUDGETLENS_SHOW_SYNTHETIC"] = before


def _url(server: str, k: int, kind: str, lang: str = "zh") -> str:
    query = {"department": department_name(k), "year": YEAR, "doc": doc(k, kind), "lang": lang}
    return f"{server}/execution?{urlencode(query)}"


@pytest.mark.parametrize("width", [1440, 390])
def test_the_execution_page_shows_budget_against_actual(server: str, browser, width: int) -> None:
    page = open_page(browser, _url(server, 3, "决算"), width)
    assert page.locator("h1").first.inner_text() == "预算执行"
    rate = fmt.pct(expected_by_code(3)[None]["execution_rate"])
    metric = page.locator("[data-testid='stMetricValue']").filter(has_text=rate).first
    metric.wait_for(state="visible", timeout=30_000)
    chart = page.locator(".js-plotly-plot").first
    chart.wait_for(state="visible", timeout=30_000)
    text = chart.inner_text()
    assert "预算数与决算数" in text and "来源：" in text
    assert page.locator("[data-testid='stException']").count() == 0
    body = page.locator("[data-testid='stMain']").inner_text()
    assert "None" not in body and "nan" not in body
    SHOTS.mkdir(parents=True, exist_ok=True)
    height = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('[data-testid=stMain], section')]"
        ".map(e => e.scrollHeight), 900)"
    )
    page.set_viewport_size({"width": width, "height": min(int(height) + 50, 12000)})
    page.wait_for_timeout(800)
    page.screenshot(path=str(SHOTS / f"execution-pair-{width}.png"), full_page=True)
    page.close()


def test_the_execution_page_names_the_missing_document(server: str, browser) -> None:
    page = open_page(browser, _url(server, BUDGET_ONLY, "预算", "en"))
    page.get_by_text("The final accounts of").first.wait_for(state="visible", timeout=30_000)
    assert page.locator(".js-plotly-plot").count() == 0
    page.close()
