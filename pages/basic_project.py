"""基本支出与项目支出: the split by function and by budget unit; 人员 vs 公用 in 基本支出."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from ui import components as ui
from ui import data, fmt
from ui.i18n import t

ui.page_header("nav.basic_project")
MONEY = st.column_config.NumberColumn(format="%,.2f")

# The parts of the page, drawn by the section ``basic_project_page`` below.


def by_function() -> None:
    """基本 and 项目 by 类 (chart) and by 类 and 款 (table)."""
    st.subheader(t("head.by_function"), help=ui.glossary_help("基本支出"))
    functions = data.dept_query("expenditure_function")
    items = functions[functions["level"].isin([1, 2])]
    if items.empty:
        st.info(t("msg.no_expenditure"))
        return
    if items["basic_wan"].isna().all() and items["project_wan"].isna().all():
        totals_only()
        return
    classes = items[items["level"] == 1]
    fig = go.Figure()
    for column, label in (("basic_wan", t("metric.basic")), ("project_wan", t("metric.project"))):
        fig.add_trace(
            go.Bar(
                name=label,
                x=[ui.class_name(n) for n in classes["name"]],
                y=classes[column].fillna(0).astype(float),
                # a bar without an amount has no label; every label carries its unit
                text=[fmt.wan_unit(v, t("unit.wan")) if v else "" for v in classes[column]],
            )
        )
    fig.update_layout(barmode="stack", height=380)
    ui.chart(
        fig,
        t("chart.basic_project_by_class"),
        ui.source(str(classes["table_key"].iloc[0]), classes["source_line"]),
        key="bp_function",
    )
    ui.table(
        pd.DataFrame(
            {
                t("col.code"): items["code"],
                t("col.name"): [
                    ("　" if lv == 2 else "") + str(n)
                    for lv, n in zip(items["level"], items["name"], strict=True)
                ],
                t("col.total_wan"): items["total_wan"].astype(float),
                t("col.basic_wan"): items["basic_wan"].astype(float),
                t("col.project_wan"): items["project_wan"].astype(float),
                t("col.source_line"): items["source_line"],
            }
        ),
        "basic_project_by_function",
        column_config={
            t("col.total_wan"): MONEY,
            t("col.basic_wan"): MONEY,
            t("col.project_wan"): MONEY,
        },
    )


def totals_only() -> None:
    """A document whose function table has no 基本/项目 columns: the sentence that says so, and
    the totals of 基本支出 and 项目支出 it states elsewhere (its 支出总表 or summary)."""
    st.info(t("msg.no_split_basic_project"))
    kf = ui.key_figures()
    row = ui.metric_row(2)
    for key, label in (("basic_total", "metric.basic"), ("project_total", "metric.project")):
        figure = kf.get(key)
        if figure is not None:
            row[0].metric(
                t(label) + t("unit.suffix_wan"),
                fmt.wan(figure["value"]),
                help=ui.source(None, [figure["source_line"]]),
                border=True,
            )


def project_units() -> None:
    """Project spending by budget unit, 本年 and 上年结转 stacked (chart and table)."""
    st.subheader(t("head.by_unit"), help=ui.glossary_help("项目支出"))
    budget = data.dept_query("project_budget")
    units = budget[budget["row_kind"] == "unit"]
    if units.empty:
        st.info(t("msg.no_projects"))
        return
    by_unit = (
        units.assign(
            current=units["total_wan"].where(~units["carried_over"], 0).astype(float),
            carried=units["total_wan"].where(units["carried_over"], 0).astype(float),
        )
        .groupby("unit", sort=False)
        .agg(current=("current", "sum"), carried=("carried", "sum"), line=("source_line", "min"))
        .reset_index()
    )
    fig = go.Figure()
    fig.add_trace(go.Bar(name=t("metric.current_year"), x=by_unit["unit"], y=by_unit["current"]))
    fig.add_trace(go.Bar(name=t("metric.carried_over"), x=by_unit["unit"], y=by_unit["carried"]))
    fig.update_layout(barmode="stack", height=360)
    ui.chart(
        fig,
        t("chart.project_by_unit"),
        ui.sources(
            [
                ("project_current", units.loc[~units["carried_over"], "source_line"]),
                ("project_carried", units.loc[units["carried_over"], "source_line"]),
            ]
        ),
        key="bp_unit",
    )
    ui.table(
        pd.DataFrame(
            {
                t("col.unit"): by_unit["unit"],
                t("col.current_year_wan"): by_unit["current"],
                t("col.carried_over_wan"): by_unit["carried"],
                t("col.total_wan"): by_unit["current"] + by_unit["carried"],
                t("col.source_line"): by_unit["line"],
            }
        ),
        "project_by_unit",
        column_config={
            t("col.current_year_wan"): MONEY,
            t("col.carried_over_wan"): MONEY,
            t("col.total_wan"): MONEY,
        },
    )


def personnel_public() -> None:
    """人员经费 vs 公用经费 in 基本支出: the figures and a donut."""
    st.subheader(t("head.personnel_public"))
    economic = data.dept_query("expenditure_economic")
    total = economic[economic["row_kind"] == "total"]
    if total.empty:
        panels(economic[economic["row_kind"] == "subtotal"])
        return
    row = total.iloc[0]
    source = ui.source(str(row["table_key"]), [row["source_line"]])
    c1, c2, c3 = ui.metric_row(3)
    c1.metric(
        t("col.total_wan"),
        fmt.wan(row["total_wan"]),
        border=True,
        help="\n\n".join(x for x in (ui.glossary_help("基本支出"), source) if x),
    )
    if pd.isna(row["personnel_wan"]) and pd.isna(row["public_wan"]):
        st.info(t("msg.no_split_personnel_public"))
        return
    personnel = float(row["personnel_wan"]) if pd.notna(row["personnel_wan"]) else 0.0
    public = float(row["public_wan"]) if pd.notna(row["public_wan"]) else 0.0
    c2.metric(t("col.personnel_wan"), fmt.wan(row["personnel_wan"]), border=True)
    c3.metric(t("col.public_wan"), fmt.wan(row["public_wan"]), border=True)
    fig = go.Figure(
        go.Pie(
            labels=[t("metric.personnel"), t("metric.public")],
            values=[personnel, public],
            hole=0.5,
            text=[fmt.wan_unit(row[k], t("unit.wan")) for k in ("personnel_wan", "public_wan")],
            texttemplate="%{label}<br>%{text}<br>%{percent}",
            hovertemplate="%{label}<br>%{text}<extra></extra>",
        )
    )
    fig.update_layout(height=340)
    ui.chart(
        fig,
        t("chart.personnel_public"),
        source,
        key="bp_personnel",
    )


def panels(subtotals: pd.DataFrame) -> None:
    """A table without a 合计 row that closes its 人员经费 and 公用经费 panels with a total each
    (a 决算's 基本支出决算表): those two figures and the donut; no total is made up."""
    personnel = subtotals["personnel_wan"].dropna()
    public = subtotals["public_wan"].dropna()
    if personnel.empty or public.empty:
        st.info(t("msg.no_economic"))
        return
    source = ui.source(str(subtotals["table_key"].iloc[0]), subtotals["source_line"])
    c1, c2 = ui.metric_row(2)
    c1.metric(t("col.personnel_wan"), fmt.wan(personnel.iloc[0]), border=True, help=source)
    c2.metric(t("col.public_wan"), fmt.wan(public.iloc[0]), border=True, help=source)
    fig = go.Figure(
        go.Pie(
            labels=[t("metric.personnel"), t("metric.public")],
            values=[float(personnel.iloc[0]), float(public.iloc[0])],
            hole=0.5,
            text=[fmt.wan_unit(v.iloc[0], t("unit.wan")) for v in (personnel, public)],
            texttemplate="%{label}<br>%{text}<br>%{percent}",
        )
    )
    fig.update_layout(height=340)
    ui.chart(fig, t("chart.personnel_public"), source, key="bp_personnel")


# --- by function ---------------------------------------------------------------------------------
@ui.section
def basic_project_page() -> None:
    """The whole page under its title: drawn once per view, then replayed (see ui.section)."""
    by_function()
    project_units()  # project spending by budget unit
    personnel_public()  # 人员经费 vs 公用经费


basic_project_page()

ui.page_downloads("basic_project")
