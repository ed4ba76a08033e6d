"""搜索 Search: one box over every loaded document — projects and 科目 by amount, then stated
figures, indicators and glossary terms, each hit naming its document and project and linking to
the page that shows it; a page topic (绩效, 三公, 基本支出 …) leads to that page and its figure."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import components as ui
from ui import data, fmt, many, state, topics
from ui.i18n import t

ui.page_header("nav.search")

# Where each kind of hit is shown, and which URL parameter selects it there.
TARGETS = {
    "project": ("pages/projects.py", "project"),
    "indicator": ("pages/performance.py", "project"),
    "function": ("pages/revenue_expenditure.py", "code"),
    "procurement": ("pages/economic.py", None),
    "figure": ("pages/overview.py", None),
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
here = st.toggle(t("filter.search_here"), key="q_here")

if not text:
    st.info(t("msg.search_hint"))
    st.stop()

f = state.current()
catalogue = data.catalogue()
by_document = {str(r["document"]): r for r in catalogue.to_dict("records")}


def topic_links(text: str) -> None:
    """The pages whose topic the text names, with the current document's figure and its page."""
    found = topics.matching(text)
    if not found:
        return
    st.markdown(f"**{t('head.search_topics')}**")
    row = by_document.get(f.document, {})
    for topic in found:
        label = t("link.topic").format(page=t(topic.nav))
        value = row.get(topic.figure) if topic.figure else None
        if topic.what and value is not None and not pd.isna(value):
            where = many.where_text(row, topic.where) if topic.where else ""
            label = t("link.topic_figure").format(
                what=t(topic.what),
                value=fmt.wan(value),
                unit=t("unit.wan"),
                where=where,
                page=t(topic.nav),
            )
        st.page_link(topic.page, label=label, icon=":material/arrow_forward:")


def hit_page(row: dict) -> str:
    """The page a hit opens: its kind's; a stated figure's is the page of its topic where its
    name says one (纳入绩效目标管理的项目金额 → 绩效, 一般公共预算基本支出 → 基本支出与项目支出),
    else the overview."""
    page, _ = TARGETS[row["kind"]]
    if row["kind"] == "figure":
        found = topics.matching(str(row["label"]))
        if found:
            return found[0].page
    return page


def hit_params(row: dict) -> dict[str, str]:
    """The URL of a hit: its document, and the project / 类 it selects on its page."""
    doc = by_document.get(str(row["document"]))
    params = many.doc_params(doc) if doc is not None else {}
    _, param = TARGETS[row["kind"]]
    if param and row["target_key"] is not None and not pd.isna(row["target_key"]):
        params[param] = str(row["target_key"])
    return params


def hit_label(row: dict) -> str:
    """'项目：科技计划项目 · 2,007.00 万元 — 晋城市科学技术局 2024' (an indicator's project
    too)."""
    parts = [t("msg.hit").format(kind=t("kind." + row["kind"]), label=row["label"])]
    if row["kind"] == "indicator" and isinstance(row["project"], str):
        parts.append(t("msg.of_project").format(project=row["project"]))
    if row["amount_wan"] is not None and not pd.isna(row["amount_wan"]):
        parts.append(f"{fmt.wan(row['amount_wan'])} {t('unit.wan')}")
    return " · ".join(parts) + f" — {row['department']} {row['year']}"


topic_links(text)
hits = data.search_all(ilike_pattern(text))
if here:
    hits = hits[hits["document"] == f.document]
if hits.empty:
    st.info(t("msg.search_none").format(q=text))
    st.stop()
st.caption(t("msg.search_count_docs").format(n=len(hits), docs=hits["document"].nunique()))
records = hits.to_dict("records")
for row in records[:MAX_LINKS]:
    st.page_link(
        hit_page(row),
        label=hit_label(row),
        query_params=hit_params(row),
        help=str(row["context"]) if isinstance(row["context"], str) else None,
    )


def where(row: dict) -> str:
    page, line = row["page"], row["source_line"]
    if page is not None and not pd.isna(page):
        return t("src.at_page").format(page=int(page))
    return t("src.at_line").format(line=int(line))


ui.table(
    pd.DataFrame(
        {
            t("col.document"): hits["title"],
            t("col.kind"): [t(f"kind.{k}") for k in hits["kind"]],
            t("col.label"): hits["label"],
            t("col.project"): hits["project"],
            t("col.context"): hits["context"],
            t("col.amount_wan"): hits["amount_wan"].astype(float),
            t("col.where"): [where(r) for r in records],
        }
    ),
    "search",
    column_config={t("col.amount_wan"): st.column_config.NumberColumn(format="%,.2f")},
)

ui.page_downloads("search")
