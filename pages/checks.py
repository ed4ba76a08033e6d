"""数据核对 Reconciliation: every check of the document against itself, filterable by status."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import components as ui
from ui import data, state
from ui.i18n import t

ui.page_header("nav.checks")

checks = data.dept_query("check_results")
if checks.empty:
    st.info(t("msg.no_checks"))
    st.stop()

counts = checks["status"].value_counts()
c1, c2, c3 = st.columns(3)
for column, status in zip((c1, c2, c3), ("ok", "rounding", "mismatch"), strict=True):
    column.metric(t(f"status.{status}"), int(counts.get(status, 0)), border=True)

all_key = "all"
f1, f2 = st.columns(2)
with f1:
    status = state.bound_select(
        t("filter.status"),
        [all_key, "mismatch", "rounding", "ok"],
        "status",
        format_func=lambda s: t("word.all") if s == all_key else t(f"status.{s}"),
    )
with f2:
    kind = state.bound_select(
        t("filter.check_kind"),
        [all_key, *sorted(checks["check_kind"].unique())],
        "kind",
        format_func=lambda k: t("word.all") if k == all_key else k,
    )
shown = checks
if status != all_key:
    shown = shown[shown["status"] == status]
if kind != all_key:
    shown = shown[shown["check_kind"] == kind]

money = st.column_config.NumberColumn(format="%,.2f")
ui.table(
    pd.DataFrame(
        {
            t("col.status"): [t(f"status.{s}") for s in shown["status"]],
            t("col.check_kind"): shown["check_kind"],
            t("col.subject"): shown["subject"],
            t("col.expected"): shown["expected_value"].astype(float),
            t("col.actual"): shown["actual_value"].astype(float),
            t("col.difference"): shown["difference_value"].astype(float),
            t("col.tolerance"): shown["tolerance_value"].astype(float),
            t("col.source_lines"): shown["source_lines"],
            t("col.detail"): shown["detail"],
        }
    ),
    "checks",
    column_config={
        t("col.expected"): money,
        t("col.actual"): money,
        t("col.difference"): money,
        t("col.tolerance"): money,
    },
    height=560,
)
st.caption(t("src.prefix") + state.current().title)
