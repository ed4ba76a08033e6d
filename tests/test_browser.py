"""End-to-end tests in headless Chromium against ``streamlit run app.py``.

Marked ``browser``; skipped when /usr/bin/chromium is absent. Screenshots go to
artifacts/screenshots/ (git-ignored) at desktop (1280) and phone (390) widths.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import PAGES

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
SHOTS = ROOT / "artifacts" / "screenshots"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serving(db: Path) -> Iterator[str]:
    """``streamlit run app.py`` on a free port over the database ``db``; yields its URL and
    stops the server afterwards (shared by the browser test modules)."""
    port = _free_port()
    env = {**os.environ, "BUDGETLENS_DB": str(db)}
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
        "--server.headless", "true", "--server.port", str(port),
        "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline or proc.poll() is not None:
                pytest.fail("streamlit did not start")
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def server(seed_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``streamlit run app.py`` on a free port against a copy of the seed database."""
    db = tmp_path_factory.mktemp("browser") / "budget.duckdb"
    shutil.copyfile(seed_db, db)
    with serving(db) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
            ],
        )
        yield b
        b.close()


def open_page(browser, url: str, width: int = 1280):
    """Open ``url`` and wait until Streamlit is connected and the script has finished."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(url)
    page.wait_for_selector(
        "[data-testid='stApp'][data-test-connection-state='CONNECTED']", timeout=60_000
    )
    page.wait_for_selector("h1", timeout=60_000)
    page.wait_for_selector(
        "[data-testid='stApp'][data-test-script-state='notRunning']", timeout=60_000
    )
    page.wait_for_timeout(800)  # let plotly finish drawing before screenshots
    return page


def test_deep_link_first_visit_uses_the_app_navigation(server: str, browser) -> None:
    """First in this module, so it is the fresh server's first request: a deep link must get
    app.py's navigation and sidebar, not the legacy pages-folder mode (see ui.frame)."""
    page = open_page(browser, f"{server}/checks?lang=en")
    nav = page.locator("[data-testid='stSidebarNav']").inner_text()
    assert "Reconciliation" in nav and "Overview" in nav
    assert page.locator("h1").first.inner_text() == "Reconciliation"
    assert page.locator("[data-testid='stException']").count() == 0
    page.close()


def test_overview_shows_total_without_exception(server: str, browser) -> None:
    page = open_page(browser, server)
    # Wait for the figure itself: "script finished" can be seen a moment before the last delta.
    metric = page.locator("[data-testid='stMetricValue']").filter(has_text="4,266.91").first
    metric.wait_for(state="visible", timeout=30_000)
    assert page.locator("[data-testid='stException']").count() == 0
    page.close()


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("width", [1280, 390])
def test_every_page_renders_and_is_screenshotted(server: str, browser, name: str, width: int):
    path = "" if name == "overview" else name
    page = open_page(browser, f"{server}/{path}", width)
    assert page.locator("[data-testid='stException']").count() == 0
    SHOTS.mkdir(parents=True, exist_ok=True)
    # Streamlit scrolls inside its main container, so full_page alone captures one screen: grow
    # the viewport to the content's height first.
    height = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('[data-testid=stMain], section')]"
        ".map(e => e.scrollHeight), 900)"
    )
    page.set_viewport_size({"width": width, "height": min(int(height) + 50, 12000)})
    page.wait_for_timeout(800)
    page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
    page.close()


def test_english_changes_labels(server: str, browser) -> None:
    page = open_page(browser, f"{server}/?lang=en")
    label = page.locator("[data-testid='stMetricLabel']").filter(has_text="Total expenditure")
    label.first.wait_for(state="visible", timeout=30_000)
    assert page.locator("[data-testid='stSidebarNav']").get_by_text("Reconciliation").count() == 1
    assert page.locator("[data-testid='stException']").count() == 0
    page.close()


def code_column(page, headers: tuple[str, ...] = ("科目编码", "Code")) -> list[str]:
    """The 科目编码 column of the page's first table, in either language (glide-data-grid keeps
    an accessible copy of its cells in the DOM; the codes come after the names and amounts)."""
    grid = page.locator("[data-testid='stDataFrame']").first
    index = grid.evaluate(
        "(g, hs) => { const th = [...g.querySelectorAll('th')]"
        ".find(e => hs.includes(e.innerText.trim()));"
        " return th ? th.getAttribute('aria-colindex') : null; }",
        list(headers),
    )
    return [] if index is None else grid.locator(f"td[aria-colindex='{index}']").all_inner_texts()


def codes_in_table(page) -> list[str]:
    page.wait_for_selector("[data-testid='stDataFrame'] td", state="attached", timeout=30_000)
    return [c for c in code_column(page) if c.isdigit() and len(c) in (3, 5, 7)]


def wait_for_codes(page, prefix: str, timeout: float = 30) -> list[str]:
    """The table's 科目 codes once they all start with ``prefix`` (the rerun may still be
    arriving when the page first reports that the script finished)."""
    deadline = time.monotonic() + timeout
    codes = codes_in_table(page)
    while not (codes and all(c.startswith(prefix) for c in codes)):
        if time.monotonic() > deadline:
            break
        page.wait_for_timeout(300)
        codes = codes_in_table(page)
    return codes


def test_a_drill_updates_the_table(server: str, browser) -> None:
    page = open_page(browser, f"{server}/revenue_expenditure")
    # the table's cells may still be arriving on a loaded machine: wait for its codes
    before = wait_for_codes(page, "")
    assert {c[:3] for c in before} > {"206"}
    page.locator("[data-testid='stSelectbox']").filter(has_text="功能分类").click()
    page.get_by_role("option", name="206 科学技术支出").click()
    page.wait_for_function("() => location.search.includes('code=206')", timeout=30_000)
    after = wait_for_codes(page, "206")
    assert after and all(c.startswith("206") for c in after)
    assert len(after) < len(before)
    assert page.locator("[data-testid='stException']").count() == 0
    page.close()


def test_a_url_with_parameters_opens_the_same_view(server: str, browser) -> None:
    page = open_page(browser, f"{server}/revenue_expenditure?lang=en&code=221")
    assert page.locator("h1").first.inner_text() == "Revenue & expenditure"
    codes = wait_for_codes(page, "221")
    assert codes and all(c.startswith("221") for c in codes)
    assert page.locator("[data-testid='stException']").count() == 0
    page.close()


def test_presenter_moves_with_buttons_and_arrow_keys(server: str, browser) -> None:
    page = open_page(browser, f"{server}/presenter?slide=2")
    counter = page.get_by_text(re.compile(r"^\d+ / \d+$"))
    assert counter.inner_text().startswith("2 / ")
    page.get_by_role("button", name="下一页").click()
    page.wait_for_function("() => location.search.includes('slide=3')", timeout=30_000)
    assert counter.inner_text().startswith("3 / ")
    page.keyboard.press("ArrowLeft")
    page.wait_for_function("() => location.search.includes('slide=2')", timeout=30_000)
    assert counter.inner_text().startswith("2 / ")
    assert page.locator("[data-testid='stException']").count() == 0
    page.close()
