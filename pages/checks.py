"""数据核对 Reconciliation: every check of the document against itself, filterable by status."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from budgetlens.storyline import check_kind_label
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

# Each section below is drawn once per view (and filter), then replayed (see ui.section).


@ui.section
def status_counts() -> None:
    """How many checks are ok, off by rounding, or mismatched."""
    counts = data.dept_query("check_results")["status"].value_counts()
    c1, c2, c3 = ui.metric_row(3)
    for column, status in zip((c1, c2, c3), ("ok", "rounding", "mismatch"), strict=True):
        column.metric(t(f"status.{status}"), int(counts.get(status, 0)), border=True)


@ui.section
def checks_table(status: str, kind: str) -> None:
    """The checks with the status ``status`` and the kind ``kind`` ('all': any)."""
    f = state.current()
    shown = data.dept_query("check_results")
    if status != ALL:
        shown = shown[shown["status"] == status]
    if kind != ALL:
        shown = shown[shown["check_kind"] == kind]
    ui.table(
        pd.DataFrame(
            {
                t("col.status"): [t(f"status.{s}") for s in shown["status"]],
                t("col.check_kind"): [check_kind_label(k, f.lang) for k in shown["check_kind"]],
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
            t("col.expected"): MONEY,
            t("col.actual"): MONEY,
            t("col.difference"): MONEY,
            t("col.tolerance"): MONEY,
        },
        height=560,
    )


status_counts()
f1, f2 = st.columns(2)
with f1:
    status = state.bound_select(
        t("filter.status"),
        [ALL, "mismatch", "rounding", "ok"],
        "status",
        format_func=lambda s: t("word.all") if s == ALL else t(f"status.{s}"),
    )
with f2:
    kind = state.bound_select(
        t("filter.check_kind"),
        [ALL, *sorted({r["check_kind"] for r in checks})],
        "kind",
        format_func=lambda k: t("word.all") if k == ALL else check_kind_label(k, state.lang()),
    )
checks_table(status, kind)
st.caption(t("src.prefix") + state.current().title)

ui.page_downloads("checks")
