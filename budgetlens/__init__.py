"""BudgetLens (预算透视): Chinese department budget disclosures as structured, reconciled data.

The package reads a disclosure's extracted text (:mod:`budgetlens.ingest`), loads it into DuckDB
(:mod:`budgetlens.db`), reconciles it against itself (:mod:`budgetlens.checks`) and exports it as
an open-data package (:mod:`budgetlens.export`). It never imports streamlit: the dashboard lives in
``app.py`` and ``pages/`` and only reads what this package wrote. Scripts and notebooks use
:mod:`budgetlens.api`; settings come from :mod:`budgetlens.settings`.
"""

__version__ = "0.1.0"
