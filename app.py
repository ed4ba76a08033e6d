"""BudgetLens (预算透视): the dashboard frame.

Sets up the page, the sidebar (language, department, year: all mirrored in the URL) and the
navigation; each page is a thin script in ``pages/`` that reads the selection from ``ui.state``.
Run with ``budgetlens serve`` (or ``streamlit run app.py``); the database and the switches come
from budgetlens.settings ($BUDGETLENS_DB, else data/budget.duckdb; docs/settings.md).
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from budgetlens import settings
from ui import frame, many, state
from ui.i18n import t

st.set_page_config(page_title="BudgetLens 预算透视", page_icon="📊", layout="wide")

PAGES = (
    ("pages/catalogue.py", "nav.catalogue", ":material/table_view:"),
    ("pages/compare.py", "nav.compare", ":material/bar_chart:"),
    ("pages/trends.py", "nav.trends", ":material/trending_up:"),
    ("pages/overview.py", "nav.overview", ":material/dashboard:"),
    ("pages/revenue_expenditure.py", "nav.revenue_expenditure", ":material/account_balance:"),
    ("pages/basic_project.py", "nav.basic_project", ":material/balance:"),
    ("pages/economic.py", "nav.economic", ":material/receipt_long:"),
    ("pages/projects.py", "nav.projects", ":material/folder_open:"),
    ("pages/performance.py", "nav.performance", ":material/target:"),
    ("pages/execution.py", "nav.execution", ":material/compare_arrows:"),
    ("pages/checks.py", "nav.checks", ":material/fact_check:"),
    ("pages/glossary.py", "nav.glossary", ":material/menu_book:"),
    ("pages/search.py", "nav.search", ":material/search:"),
    ("pages/presenter.py", "nav.presenter", ":material/slideshow:"),
)
# An empty page, registered only for the page-cost benchmark (bench/bench_pages.py): the floor
# every real page is compared with, measured on the same server.
FLOOR_PAGE = "bench/floor_page.py"


def main() -> None:
    """Validate the URL and draw the sidebar, then run the selected page."""
    home = many.home()  # the catalogue when several documents are loaded, else the overview
    pages = [
        st.Page(path, title=t(title_key), icon=icon, default=(path == home))
        for path, title_key, icon in PAGES
    ]
    try:
        floor = settings.current().bench_floor
    except settings.SettingsError:
        floor = False  # the sidebar says what is wrong with the settings
    if floor:
        pages.append(st.Page(FLOOR_PAGE, title="floor", url_path="floor"))
    # a link to a page the app does not have (/nosuch, ?page=nosuch) opens the home page, with a
    # sentence in the page's language instead of Streamlit's own English dialog
    # each page by its name (the home page too, whose path is "/")
    by_name = {Path(path).stem: p for p, (path, _, _) in zip(pages, PAGES, strict=False)}
    missing = frame.unknown_page({p.url_path for p in pages}, home=Path(home).stem)
    page = st.navigation(pages, expanded=True)  # every page listed, none behind “View more”
    asked = state.param("page")
    if asked is not None:  # ?page=projects: the page named, as if its path had been given
        st.query_params.pop("page", None)
        if asked in by_name:
            st.switch_page(by_name[asked], query_params=st.query_params.to_dict())
        missing = asked
    if page.url_path == "floor":
        page.run()  # nothing else: the floor is Streamlit's own cost
        return
    over_many = [
        p for p, (path, _, _) in zip(pages, PAGES, strict=False) if path in many.MANY_PAGES
    ]
    frame.sidebar(with_document=not any(page is p for p in over_many))
    if missing is not None:
        st.warning(t("msg.bad_page").format(value=missing))
    if page.url_path == "presenter":
        # the room sees the slide, not the controls
        st.set_page_config(initial_sidebar_state="collapsed")
    page.run()


main()
