"""Streamlit helpers of the BudgetLens dashboard: data access, translations, formats, URL state.

Unlike the ``budgetlens`` library, this package may import streamlit. Pages import from here and
never talk to DuckDB or write SQL themselves.
"""
