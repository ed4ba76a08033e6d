"""数据核对 Reconciliation: every check of the document against itself, filterable by status,
with what each status means and the two sides of each check side by side."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from budgetlens import check_labels as labels
from budgetlens.check_core import STATUSES
from ui import components as ui
from ui import data, state
from ui.i18n import t

ui.page_header("nav.checks")

# the shared rows: cheaper on every rerun than a DataFrame
checks = data.dept_records("check_results")
if not checks:
    st.info(t("msg.no_checks"))
    st.stop()

ALL = "all"
MONEY = st.column_config.NumberColumn(format="%,.2f")
# what a reader looks for first: the contradictions, then what could not be judged
SHOWN_ORDER = ("mismatch", "unjudged", "rounding", "ok")

# Each section below is drawn once per view (and filter), then replayed (see ui.section).


@ui.section
def status_counts() -> None:
    """How many checks have each status, the rule set applied, and what each status means."""
    lang = state.current().lang
    counts = data.dept_query("check_results")["status"].value_counts()
    for column, status in zip(ui.metric_row(len(SHOWN_ORDER)), SHOWN_ORDER, strict=True):
        column.metric(
            labels.status_label(status, lang),
            int(counts.get(status, 0)),
            border=True,
            help=labels.status_explanation(status, lang),
        )
    applied = sorted({r["rule_set"] for r in checks if r.get("rule_set")})
    if applied:
        st.caption(
            t("checks.rule_set") + "、".join(labels.rule_set_label(a, lang) for a in applied)
        )
    st.markdown(
        "\n".join(
            f"- **{labels.status_label(s, lang)}**：{labels.status_explanation(s, lang)}"
            if lang == "zh"
            else f"- **{labels.status_label(s, lang)}**: {labels.status_explanation(s, lang)}"
            for s in SHOWN_ORDER
        )
    )


@ui.section
def checks_table(status: str, kind: str) -> None:
    """The checks with the status ``status`` and the kind ``kind`` ('all': any), contradictions
    first: the expected and the actual side of each, their difference and the lines (and pages)
    both were printed on."""
    lang = state.current().lang
    shown = data.dept_query("check_results")
    if status != ALL:
        shown = shown[shown["status"] == status]
    if kind != ALL:
        shown = shown[shown["check_kind"] == kind]
    order = {s: i for i, s in enumerate(SHOWN_ORDER)}
    shown = shown.assign(_o=shown["status"].map(order)).sort_values(["_o", "seq"])
    ui.table(
        pd.DataFrame(
            {
                t("col.status"): [labels.status_label(s, lang) for s in shown["status"]],
                t("col.check_kind"): [labels.kind_label(k, lang) for k in shown["check_kind"]],
                t("col.subject"): [labels.subject_label(s, lang) for s in shown["subject"]],
                t("col.expected"): shown["expected_value"].astype(float),
                t("col.actual"): shown["actual_value"].astype(float),
                t("col.difference"): shown["difference_value"].astype(float),
                t("col.source_lines"): shown["source_lines"],
                t("col.detail"): [
                    labels.subject_label(d, lang) if isinstance(d, str) else ""
                    for d in shown["detail"]
                ],
            }
        ),
        "checks",
        column_config={
            t("col.expected"): MONEY,
            t("col.actual"): MONEY,
            t("col.difference"): MONEY,
        },
        height=560,
    )


status_counts()
f1, f2 = st.columns(2)
with f1:
    status = state.bound_select(
        t("filter.status"),
        [ALL, *(s for s in SHOWN_ORDER if s in STATUSES)],
        "status",
        format_func=lambda s: t("word.all") if s == ALL else labels.status_label(s, state.lang()),
    )
with f2:
    kind = state.bound_select(
        t("filter.check_kind"),
        [ALL, *sorted({r["check_kind"] for r in checks})],
        "kind",
        format_func=lambda k: t("word.all") if k == ALL else labels.kind_label(k, state.lang()),
    )
checks_table(status, kind)
st.caption(t("src.prefix") + state.current().title)

ui.page_downloads("checks")
