"""名词解释 Glossary: what the reconciliation is (for the public), then the terms the disclosure
defines, as published."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import components as ui
from ui import data
from ui.i18n import t

ui.page_header("nav.glossary")

# what the overview's reconciliation badge links to: the checks explained for the public
with st.container(border=True):
    st.markdown(f"**{t('head.checks_explained')}**")
    st.markdown(t("text.checks_explained"))

if not data.dept_records("glossary"):
    st.info(t("msg.no_glossary"))
    st.stop()


@ui.section
def terms_and_table() -> None:
    """Each term with its definition, then the table of them and its source (drawn once per
    view, then replayed: see ui.section)."""
    terms = data.dept_query("glossary")
    for _, row in terms.iterrows():
        st.markdown(f"**{row['term']}**  \n{row['definition']}")
    ui.table(
        pd.DataFrame(
            {
                t("col.term"): terms["term"],
                t("col.definition"): terms["definition"],
                t("col.source_line"): terms["source_line"],
            }
        ),
        "glossary",
    )
    st.caption(ui.source(None, terms["source_line"]))


terms_and_table()

ui.page_downloads("glossary")
