"""Publishable: every page in both languages at 1440 and 390 px, in headless Chromium.

Fails on a None or nan shown, on a programmer's identifier or an English phrase in the Chinese
UI, on Chinese in the English UI's chrome (titles, labels, buttons, column headers), on a button
whose label is cut off, and on any request to a host other than the app (a public site in
mainland China cannot depend on fonts.gstatic.com). Also: a click on a 类's bar drills the chart,
the table and the URL alike; a bad year in the URL gets a sentence. Screenshots go to
artifacts/screenshots/publishable/ for a person to look at.
"""

from __future__ import annotations

import re
import shutil
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import PAGES
from tests.test_browser import CHROMIUM, SHOTS, serving

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed"),
]

WIDTHS = (1440, 390)
LANGS = ("zh", "en")
OUT = SHOTS / "publishable"

PLACEHOLDER = re.compile(r"(?<![A-Za-z])(?:None|nan|NaN|NaT|null|undefined)(?![A-Za-z])")
IDENTIFIER = re.compile(r"\b[a-z][a-z0-9]*_[a-z0-9_]+\b")
# two or more English words in a row: a sentence or a label left untranslated
ENGLISH = re.compile(r"\b[A-Za-z]{2,}(?:[ ,'-]+[A-Za-z]{2,})+\b")
# names that are not English sentences: the product, file formats
ALLOWED_LATIN = re.compile(r"\b(?:BudgetLens|PDF|CSV|XLSX|PPTX|Excel|ZIP)\b")
CJK = re.compile(r"[\u4e00-\u9fff]")

# The main area's text without icon ligatures (their text is an icon's name, e.g. fact_check)
# and without the document's own data, which is Chinese in both languages: the English UI's
# chrome is read from titles, labels, buttons and column headers only.
MAIN_TEXT_JS = """() => {
  const main = document.querySelector('[data-testid=stMain]');
  const copy = main.cloneNode(true);
  copy.querySelectorAll('[data-testid=stIconMaterial], .material-symbols-rounded, svg, style')
      .forEach(e => e.remove());
  const grid = '[data-testid=stDataFrame]';
  const cells = [...main.querySelectorAll(`${grid} td, ${grid} th`)].map(e => e.innerText);
  return copy.innerText + '\\n' + cells.join('\\n');
}"""
CHROME_JS = """() => {
  const sel = ['[data-testid=stMain] h1', '[data-testid=stMetricLabel]',
    '[data-testid=stButton] button', '[data-testid=stDownloadButton] button',
    '[data-testid=stPageLink] a', '[data-testid=stMain] [data-testid=stWidgetLabel]',
    '[data-testid=stSidebar] [data-testid=stWidgetLabel]', '[data-testid=stSidebarNav] a',
    '[data-testid=stDataFrame] [role=columnheader]', '[data-testid=stExpander] summary'];
  const out = [];
  for (const s of sel) for (const e of document.querySelectorAll(s)) {
    const c = e.cloneNode(true);
    c.querySelectorAll('[data-testid=stIconMaterial], .material-symbols-rounded')
        .forEach(x => x.remove());
    out.push(c.innerText.trim());
  }
  return out.filter(x => x);
}"""
TRUNCATED_JS = """() => {
  const out = [];
  const els = document.querySelectorAll(
    '[data-testid=stButton] button, [data-testid=stDownloadButton] button, '
    + '[data-testid=stPageLink] a');
  for (const e of els) {
    if (!e.offsetParent) continue;
    for (const x of [e, ...e.querySelectorAll('p, span, div')]) {
      if (x.scrollWidth > x.clientWidth + 1 && getComputedStyle(x).overflow !== 'visible') {
        out.push(e.innerText.trim()); break;
      }
    }
  }
  return out;
}"""


@pytest.fixture(scope="module")
def server(seed_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("publishable") / "budget.duckdb"
    shutil.copyfile(seed_db, db)
    with serving(db) as url:
        yield url


@pytest.fixture(scope="module")
def title(seed_db: Path) -> str:
    """The document's title: data, shown as published in both languages."""
    from budgetlens import db

    con = db.connect(seed_db, read_only=True)
    try:
        return con.execute("select title from document").fetchone()[0]
    finally:
        con.close()


@pytest.fixture(scope="module")
def names(seed_db: Path, title: str) -> tuple[str, ...]:
    """The document's own words, Chinese in both languages: its title and its department (the
    pages over many documents label their bars with it)."""
    from budgetlens import db

    con = db.connect(seed_db, read_only=True)
    try:
        departments = [
            r[0] for r in con.execute("select distinct department from document").fetchall()
        ]
        # the 类 names the document prints (the English UI shows them beside their English names)
        classes = [
            r[0]
            for r in con.execute(
                "select distinct name from expenditure_function where level = 1"
            ).fetchall()
        ]
    finally:
        con.close()
    return (title, *departments, *classes)


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


def visit(browser, url: str, width: int):
    """Open ``url`` at ``width`` px, recording the hosts of every request; wait for the run."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    hosts: set[str] = set()
    page.on("request", lambda r: hosts.add(urllib.parse.urlsplit(r.url).netloc))
    page.goto(url)
    page.wait_for_selector(
        "[data-testid='stApp'][data-test-connection-state='CONNECTED']", timeout=60_000
    )
    page.wait_for_selector(
        "[data-testid='stApp'][data-test-script-state='notRunning']", timeout=90_000
    )
    # every element arrived (no loading placeholder left) and plotly finished drawing: the
    # checks read the whole page, not a half-drawn one
    page.wait_for_function(
        "() => document.querySelectorAll('[data-testid=stSkeleton]').length === 0",
        timeout=60_000,
    )
    page.wait_for_timeout(1500)
    return page, hosts


# The language picker says 语言 / Language in both languages on purpose: a reader who does not
# read the UI's language must find it.
BILINGUAL = {"语言 / Language"}


def problems(text: str, chrome: list[str], lang: str, data: tuple[str, ...] = ()) -> list[str]:
    """What a reader should not see, as (kind: text) strings. ``data``: texts that are the
    document's own (its title), Chinese in both languages."""
    chrome = [c for c in chrome if c not in BILINGUAL and not any(d in c for d in data)]
    found = [f"placeholder: {m}" for m in PLACEHOLDER.findall(text)]
    if lang == "zh":
        found += [f"identifier: {m}" for m in IDENTIFIER.findall(text)]
        latin = ALLOWED_LATIN.sub("", text)
        found += [f"english: {m}" for m in ENGLISH.findall(latin)]
    else:
        found += [f"chinese chrome: {c}" for c in chrome if CJK.search(c)]
    return found


def test_the_checks_find_what_they_look_for() -> None:
    """Each check, on a sample of what the issue found, finds it (a check that cannot fail
    proves nothing)."""
    assert problems("金额 None 万元", [], "zh")
    assert problems("核对类型 column_total", [], "zh")
    assert problems("成本指标 has an amount", [], "zh")
    assert problems("", ["收入总计 (10k yuan)"], "en")
    assert not problems("收入总计 4,266.91 万元；下载本页表格（Excel，每表一页）", [], "zh")
    assert not problems("Total revenue", ["Total revenue (10k yuan)"], "en")


CASES = [
    pytest.param(
        name,
        lang,
        id=f"{name}-{lang}",
    )
    for name in PAGES
    for lang in LANGS
]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("name", "lang"), CASES)
def test_page_is_publishable(
    server: str, browser, names: tuple[str, ...], name: str, lang: str, width: int
) -> None:
    path = "" if name == "overview" else name
    page, hosts = visit(browser, f"{server}/{path}?lang={lang}", width)
    try:
        assert page.locator("[data-testid='stException']").count() == 0
        text = page.evaluate(MAIN_TEXT_JS)
        chrome = page.evaluate(CHROME_JS)
        assert text.strip()
        assert problems(text, chrome, lang, names) == [], name
        assert page.evaluate(TRUNCATED_JS) == [], "a button's label is cut off"
        own = urllib.parse.urlsplit(server).netloc
        assert hosts <= {own}, f"requests to other hosts: {hosts - {own}}"
        OUT.mkdir(parents=True, exist_ok=True)
        height = page.evaluate(
            "() => Math.max(...[...document.querySelectorAll('[data-testid=stMain], section')]"
            ".map(e => e.scrollHeight), 900)"
        )
        page.set_viewport_size({"width": width, "height": min(int(height) + 50, 12000)})
        page.wait_for_timeout(500)
        page.screenshot(path=str(OUT / f"{name}-{lang}-{width}.png"), full_page=True)
    finally:
        page.close()


def table_codes(page, header: str = "科目编码") -> list[str]:
    """The 科目 codes shown in the page's first table: the cells of its 科目编码 column (the
    grid keeps an accessible copy of its cells in the DOM)."""
    grid = page.locator("[data-testid='stDataFrame']").first
    index = grid.evaluate(
        "(g, h) => { const th = [...g.querySelectorAll('th')].find(e => e.innerText.trim() === h);"
        " return th ? th.getAttribute('aria-colindex') : null; }",
        header,
    )
    if index is None:
        return []
    cells = grid.locator(f"td[aria-colindex='{index}']").all_inner_texts()
    return [c for c in cells if c.isdigit() and len(c) in (3, 5, 7)]


def test_a_click_on_a_class_bar_drills_chart_table_and_url(server: str, browser) -> None:
    page, _ = visit(browser, f"{server}/revenue_expenditure", 1440)
    try:
        page.wait_for_selector("[data-testid='stDataFrame'] td", state="attached", timeout=30_000)
        bar = page.locator(".st-key-drill .js-plotly-plot g.point path").first
        bar.wait_for(state="attached", timeout=30_000)
        bar.click(force=True)  # the largest 类 is drawn first
        page.wait_for_function("() => /[?&]code=\\d{3}/.test(location.search)", timeout=30_000)
        code = re.search(r"code=(\d{3})", page.url).group(1)
        page.wait_for_selector(
            "[data-testid='stApp'][data-test-script-state='notRunning']", timeout=60_000
        )
        # the table's cells may still be arriving: wait until they are the 类's, or time out
        for _ in range(60):
            codes = table_codes(page)
            if codes and all(c.startswith(code) for c in codes):
                break
            page.wait_for_timeout(500)
        assert codes and all(c.startswith(code) for c in codes), (code, codes)
        # the selector shows the clicked 类 too
        shown = page.evaluate(
            "() => [...document.querySelectorAll('[data-testid=stSelectbox]')]"
            ".map(e => e.innerText + ' ' + [...e.querySelectorAll('input')].map(i => i.value))"
        )
        assert any(f"{code} " in x for x in shown), shown
    finally:
        page.close()


def test_a_bad_year_in_the_url_gets_a_sentence(server: str, browser) -> None:
    page, _ = visit(browser, f"{server}/?year=1999", 1440)
    try:
        warning = page.locator("[data-testid='stAlert']").filter(has_text="1999")
        warning.first.wait_for(state="visible", timeout=30_000)
        assert "不存在" in warning.first.inner_text()
    finally:
        page.close()


@pytest.mark.parametrize("lang", LANGS)
def test_an_unknown_page_gets_a_sentence_in_the_pages_language(
    server: str, browser, lang: str
) -> None:
    """/nosuch opens the home page with one sentence in the page's language, not Streamlit's
    English “Page not found” dialog. (A fresh server's first session runs in the legacy pages
    mode, whose dialog cannot be replaced; deploy/warm.py opens "/" at start-up, as this does.)"""
    first, _ = visit(browser, f"{server}/?lang={lang}", 1440)
    first.close()
    page, _ = visit(browser, f"{server}/nosuch?lang={lang}", 1440)
    try:
        sentence = {
            "zh": "链接中的页面“nosuch”不存在，已改为显示首页。",
            "en": "The link's page “nosuch” does not exist; the home page is shown instead.",
        }[lang]
        alert = page.locator("[data-testid='stAlert']").filter(has_text="nosuch")
        alert.first.wait_for(state="visible", timeout=30_000)
        assert alert.first.inner_text().strip() == sentence
        assert page.locator("[role='dialog']").count() == 0
        assert (
            page.locator("h1").first.inner_text().strip() == {"zh": "总览", "en": "Overview"}[lang]
        )
    finally:
        page.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_phone_gets_the_money_flow_as_a_table(server: str, browser, width: int) -> None:
    """The sankey is unreadable 390 px wide: a phone sees its flows as a table instead, and a
    wide screen the sankey alone (a CSS media query at 640 px)."""
    page, _ = visit(browser, f"{server}/", width)
    try:
        chart = page.locator(".st-key-money_flow_wide .js-plotly-plot")
        table = page.locator(".st-key-money_flow_phone [data-testid='stTable']")
        assert chart.count() == 1 and table.count() == 1
        phone = width <= 640
        assert chart.is_visible() is not phone
        assert table.is_visible() is phone
        # the amounts (and their header) right-aligned, as figures are read; the flows left
        align = table.evaluate(
            "t => [...t.querySelectorAll('tr')].map(r => [...r.querySelectorAll('th, td')]"
            ".map(c => getComputedStyle(c).textAlign))"
        )
        assert len(align) > 1 and all(row[-1] == "right" for row in align), align
        assert all(row[0] in ("left", "start") for row in align[1:]), align
    finally:
        page.close()
