"""经济科目 Economic classification of 基本支出: group → 部门经济科目 → 政府经济科目, 人员 vs 公用,
and 机关运行经费 with its glossary definition."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from ui import components as ui
from ui import data, fmt, state
from ui.i18n import t

ui.page_header("nav.economic")
MONEY = st.column_config.NumberColumn(format="%,.2f")
ALL = "all"


def economic_rows(kind: str) -> pd.DataFrame:
    """The rows of the 基本支出 economic table of one kind: 'group', 'item' or 'total'."""
    economic = data.dept_query("expenditure_economic")
    return economic[economic["row_kind"] == kind]


# Each section below is drawn once per view (and selected group), then replayed (see ui.section).


@ui.section
def charts() -> None:
    """The treemap group → 部门经济科目 → 政府经济科目, and 人员 vs 公用 per group."""
    economic = data.dept_query("expenditure_economic")
    groups = economic_rows("group")
    items = economic_rows("item")
    # --- treemap: group → 部门经济科目 → 政府经济科目 ---------------------------------------------
    # Leaves carry the values, so that a box is the sum of what it contains even where the published
    # group total differs by 0.01 (the 数据核对 page lists those differences).
    ids: list[str] = []
    labels: list[str] = []
    parents: list[str] = []
    values: list[float] = []
    for group in groups["group_name"]:
        ids.append(group)
        labels.append(group)
        parents.append("")
        values.append(0.0)
    for dept_class, rows in items.groupby(["group_name", "dept_class"], sort=False):
        group_name, dept_name = dept_class
        node = f"{group_name}/{dept_name}"
        ids.append(node)
        labels.append(str(dept_name))
        parents.append(str(group_name))
        values.append(0.0)
        for _, row in rows.iterrows():
            ids.append(f"{node}/{row['gov_class']}/{row['seq']}")
            labels.append(str(row["gov_class"]))
            parents.append(node)
            values.append(float(row["total_wan"]) if pd.notna(row["total_wan"]) else 0.0)
    fig = go.Figure(
        go.Treemap(
            ids=ids,
            labels=labels,
            parents=parents,
            values=values,
            branchvalues="remainder",
            texttemplate="%{label}<br>%{value:,.2f}",
            hovertemplate="%{label}<br>%{value:,.2f} " + t("unit.wan") + "<extra></extra>",
        )
    )
    fig.update_layout(height=520)
    ui.chart(
        fig,
        t("chart.economic_groups"),
        ui.source("basic_economic", economic["source_line"]),
        key="ec_treemap",
    )

    # --- 人员 vs 公用 per group -------------------------------------------------------------------
    st.subheader(t("head.personnel_public"))
    fig = go.Figure()
    for column, label in (
        ("personnel_wan", t("metric.personnel")),
        ("public_wan", t("metric.public")),
    ):
        fig.add_trace(
            go.Bar(name=label, x=groups["group_name"], y=groups[column].fillna(0).astype(float))
        )
    fig.update_layout(barmode="stack", height=340)
    ui.chart(
        fig,
        t("chart.personnel_public"),
        ui.source("basic_economic", groups["source_line"]),
        key="ec_personnel",
    )


def drilldown(group: str) -> None:
    """The economic table: every row, or those of the group ``group``."""
    economic = data.dept_query("expenditure_economic")
    shown = economic if group == ALL else economic[economic["group_name"] == group]
    ui.table(
        pd.DataFrame(
            {
                t("col.group"): shown["group_name"],
                t("col.dept_class"): shown["dept_class"].where(shown["row_kind"] == "item"),
                t("col.gov_class"): shown["gov_class"],
                t("col.total_wan"): shown["total_wan"].astype(float),
                t("col.personnel_wan"): shown["personnel_wan"].astype(float),
                t("col.public_wan"): shown["public_wan"].astype(float),
                t("col.source_line"): shown["source_line"],
            }
        ),
        "expenditure_economic",
        column_config={
            t("col.total_wan"): MONEY,
            t("col.personnel_wan"): MONEY,
            t("col.public_wan"): MONEY,
        },
    )


def admin_operating() -> None:
    """机关运行经费: its definition, the stated total, the table and its source."""
    st.subheader(t("head.admin_operating"), help=ui.glossary_help("机关运行经费"))
    definition = ui.glossary_help("机关运行经费")
    if definition:
        st.info(f"**机关运行经费**：{definition}")
    admin = ui.key_figures().get("admin_operating_total")
    if admin is not None:
        st.metric(
            t("fact.admin_operating"),
            fmt.wan(admin["value"]),
            help=str(admin["sentence"]),
        )
    fiscal = data.dept_query("fiscal_items")
    admin_rows = fiscal[fiscal["table_key"] == "admin_operating"]
    if admin_rows.empty or ui.is_empty_table("admin_operating"):
        st.info(t("msg.no_rows"))
        return
    ui.table(
        pd.DataFrame(
            {
                t("col.label"): admin_rows["label"],
                t("col.total_wan"): admin_rows["total_wan"].astype(float),
                t("col.source_line"): admin_rows["source_line"],
            }
        ),
        "admin_operating",
        column_config={t("col.total_wan"): MONEY},
    )
    st.caption(ui.source("admin_operating", admin_rows["source_line"]))


@ui.section
def drilldown_and_admin(group: str | None) -> None:
    """The drilldown table of ``group`` (None: no economic rows), then 机关运行经费."""
    if group is None:
        st.info(t("msg.no_economic"))
    else:
        drilldown(group)
    admin_operating()


# The live part reads the shared rows, not a DataFrame: filtering one on every rerun cost more
# than drawing the replayed sections.
records = data.dept_records("expenditure_economic")
if records:
    charts()
    # --- drilldown table --------------------------------------------------------------------------
    st.subheader(t("head.drilldown"))
    group = state.bound_select(
        t("filter.group"),
        [ALL, *(r["group_name"] for r in records if r["row_kind"] == "group")],
        "group",
        format_func=lambda g: t("word.all") if g == ALL else g,
    )
    drilldown_and_admin(group)
else:
    drilldown_and_admin(None)

ui.page_downloads("economic")
