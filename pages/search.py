"""搜索 Search: one box that finds projects, indicators, 科目 and glossary terms, with links."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import components as ui
from ui import data, fmt, state
from ui.i18n import t

ui.page_header("nav.search")

# Where each kind of hit is shown, and which URL parameter selects it there.
TARGETS = {
    "project": ("pages/projects.py", "project"),
    "indicator": ("pages/performance.py", "project"),
    "function": ("pages/revenue_expenditure.py", "code"),
    "glossary": ("pages/glossary.py", None),
}
MAX_LINKS = 30


def ilike_pattern(text: str) -> str:
    """'%text%' with the ILIKE wildcards of the text escaped (the query uses escape '\\')."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


raw = state.param("q") or ""
if "q_text" not in st.session_state:
    st.session_state["q_text"] = raw[:100]
text = st.text_input(t("nav.search"), key="q_text", max_chars=100, placeholder="科技").strip()
if text:
    state.mirror("q", text)
else:
    st.query_params.pop("q", None)

if not text:
    st.info(t("msg.search_hint"))
    st.stop()


@ui.section
def results(text: str) -> None:
    """The number of hits, links to the first of them and the table of all hits for ``text``
    (drawn once per view and text, then replayed: see ui.section)."""
    hits = data.dept_query("search", pattern=ilike_pattern(text))
    if hits.empty:
        st.info(t("msg.search_none").format(q=text))
        return
    st.caption(t("msg.search_count").format(n=len(hits)))
    for row in hits.head(MAX_LINKS).itertuples():
        page, param = TARGETS[row.kind]
        amount = f" · {fmt.wan(row.amount_wan)} {t('unit.wan')}" if pd.notna(row.amount_wan) else ""
        st.page_link(
            page,
            label=f"{t('kind.' + row.kind)}：{row.label}{amount}",
            query_params={param: row.target_key} if param else None,
            help=str(row.context) if pd.notna(row.context) else None,
        )

    ui.table(
        pd.DataFrame(
            {
                t("col.kind"): [t(f"kind.{k}") for k in hits["kind"]],
                t("col.label"): hits["label"],
                t("col.context"): hits["context"],
                t("col.amount_wan"): hits["amount_wan"].astype(float),
                t("col.source_line"): hits["source_line"],
            }
        ),
        "search",
        column_config={t("col.amount_wan"): st.column_config.NumberColumn(format="%,.2f")},
    )


results(text)

ui.page_downloads("search")
