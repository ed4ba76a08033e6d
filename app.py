"""BudgetLens (预算透视): the dashboard frame.

Sets up the page, the sidebar (language, department, year: all mirrored in the URL) and the
navigation; each page is a thin script in ``pages/`` that reads the selection from ``ui.state``.
Run with ``streamlit run app.py``; the database is $BUDGETLENS_DB or data/budget.duckdb.
"""

from __future__ import annotations

import streamlit as st

from ui import frame
from ui.i18n import t

st.set_page_config(page_title="BudgetLens 预算透视", page_icon=":material/insights:", layout="wide")

PAGES = (
    ("pages/overview.py", "nav.overview", ":material/dashboard:"),
    ("pages/revenue_expenditure.py", "nav.revenue_expenditure", ":material/account_balance:"),
    ("pages/basic_project.py", "nav.basic_project", ":material/balance:"),
    ("pages/economic.py", "nav.economic", ":material/receipt_long:"),
    ("pages/projects.py", "nav.projects", ":material/folder_open:"),
    ("pages/performance.py", "nav.performance", ":material/target:"),
    ("pages/checks.py", "nav.checks", ":material/fact_check:"),
    ("pages/glossary.py", "nav.glossary", ":material/menu_book:"),
    ("pages/search.py", "nav.search", ":material/search:"),
)


def main() -> None:
    """Validate the URL and draw the sidebar, then run the selected page."""
    frame.sidebar()
    pages = [
        st.Page(path, title=t(title_key), icon=icon, default=(i == 0))
        for i, (path, title_key, icon) in enumerate(PAGES)
    ]
    st.navigation(pages).run()


main()
