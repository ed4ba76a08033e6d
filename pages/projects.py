"""项目 Projects: units → projects with amounts, shares, 本年/上年结转, one project's detail."""

from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from budgetlens import amounts
from ui import components as ui
from ui import data, fmt, state
from ui.i18n import t

ui.page_header("nav.projects")
MONEY = st.column_config.NumberColumn(format="%,.2f")

# the shared rows: cheaper on every rerun than a DataFrame
projects = data.dept_records("projects")
if not projects:
    st.info(t("msg.no_projects"))
    st.stop()


def project_sources(rows: pd.DataFrame) -> str:
    """The source line of project amounts: the 本年 and the 上年结转 table."""
    return ui.sources(
        [
            ("project_current", rows.loc[rows["current_year_wan"] != 0, "source_line"]),
            ("project_carried", rows.loc[rows["carried_over_wan"] != 0, "source_line"]),
        ]
    )


# Each section below is drawn once per view (and selected project), then replayed (see ui.section).


@ui.section
def all_projects() -> None:
    """The totals, the treemap unit → project, the chart and the table of all projects."""
    projects = data.dept_query("projects")
    c1, c2, c3 = ui.metric_row(3)
    c1.metric(t("metric.projects"), str(len(projects)), border=True)
    c2.metric(
        t("metric.project_total"),
        fmt.wan(projects["total_wan"].sum()),
        border=True,
        help=ui.glossary_help("项目支出"),
    )
    c3.metric(
        t("metric.carried_over"),
        fmt.wan(projects["carried_over_wan"].sum()),
        border=True,
        help=ui.glossary_help("上年结转"),
    )

    # --- treemap: budget unit → project --------------------------------------------------------
    # Each unit's box is the sum of its projects (本年 + 上年结转); hover shows the share of the
    # total.
    units = list(dict.fromkeys(projects["unit"]))
    fig = go.Figure(
        go.Treemap(
            ids=units
            + [f"{u}/{p}" for u, p in zip(projects["unit"], projects["project"], strict=True)],
            labels=units + projects["project"].tolist(),
            parents=[""] * len(units) + projects["unit"].tolist(),
            values=[0.0] * len(units) + projects["total_wan"].astype(float).tolist(),
            branchvalues="remainder",
            texttemplate="%{label}<br>%{value:,.2f} " + t("unit.wan"),
            hovertemplate="%{label}<br>%{value:,.2f} "
            + t("unit.wan")
            + " · %{percentRoot:.2%}<extra></extra>",
        )
    )
    fig.update_layout(height=420)
    ui.chart(fig, t("chart.units_projects"), project_sources(projects), key="pr_treemap")

    # --- chart: projects by unit ----------------------------------------------------------------
    ordered = projects.sort_values("total_wan", ascending=True)
    fig = go.Figure()
    for column, label in (
        ("current_year_wan", t("metric.current_year")),
        ("carried_over_wan", t("metric.carried_over")),
    ):
        fig.add_trace(
            go.Bar(
                name=label,
                # the project's name on the axis (a phone has no room for the unit too): the
                # unit and the amount with its unit on hover
                y=list(ordered["project"]),
                x=ordered[column].astype(float),
                orientation="h",
                customdata=[
                    [u, fmt.wan_unit(v, t("unit.wan"))]
                    for u, v in zip(ordered["unit"], ordered[column], strict=True)
                ],
                hovertemplate="%{y}<br>%{customdata[0]}<br>"
                + label
                + " %{customdata[1]}<extra></extra>",
            )
        )
    fig.update_layout(barmode="stack", height=max(320, 34 * len(projects)))
    ui.chart(fig, t("chart.projects"), project_sources(projects), key="pr_chart")

    st.subheader(t("head.projects"))
    ui.table(
        pd.DataFrame(
            {
                # the project and its amounts first (a phone shows them), its unit after
                t("col.project"): projects["project"],
                t("col.total_wan"): projects["total_wan"].astype(float),
                t("col.current_year_wan"): projects["current_year_wan"].astype(float),
                t("col.carried_over_wan"): projects["carried_over_wan"].astype(float),
                t("col.share_pct"): projects["share_pct"].astype(float),
                t("col.unit"): projects["unit"],
                t("col.has_scorecard"): [
                    t("word.yes") if v else t("word.no") for v in projects["has_scorecard"]
                ],
                t("col.source_line"): projects["source_line"],
            }
        ),
        "projects",
        column_config={
            t("col.current_year_wan"): MONEY,
            t("col.carried_over_wan"): ui.money_column(t("col.carried_over_wan"), "上年结转"),
            t("col.total_wan"): ui.money_column(t("col.total_wan"), "项目支出"),
            t("col.share_pct"): st.column_config.NumberColumn(format="%.2f"),
        },
    )


@ui.section
def project_detail(project: str) -> None:
    """One project: unit and amounts, then its scorecard's facts, texts and funds table, and a
    link to its scorecard."""
    projects = data.dept_query("projects")
    row = projects[projects["project"] == project].iloc[0]
    st.markdown(f"**{t('col.unit')}**：{row['unit']}")
    d1, d2, d3 = ui.metric_row(3)
    d1.metric(t("col.current_year_wan"), fmt.wan(row["current_year_wan"]))
    d2.metric(t("col.carried_over_wan"), fmt.wan(row["carried_over_wan"]))
    d3.metric(t("col.share_pct"), fmt.pct(row["share_pct"]))

    tables = data.dept_query("performance_tables")
    detail = tables[tables["project"] == project]
    if detail.empty:
        st.info(t("msg.no_scorecard"))
        return
    info = detail.iloc[0]
    facts = [
        (t("field.unit"), info["implementing_unit"]),
        (t("field.attribute"), info["attribute"]),
        (t("field.duration"), duration_text(info["duration"])),
    ]
    st.markdown(" · ".join(f"**{k}**：{v}" for k, v in facts if isinstance(v, str) and v))
    for field in ("summary", "basis", "necessity", "plan", "goal_impl", "goal_annual"):
        text = info[field]
        if isinstance(text, str) and text.strip():
            with st.expander(t(f"field.{field}"), expanded=field == "summary"):
                st.write(text)

    funds = data.dept_query("performance_funds", project=project)
    funds = funds[funds["dimension"] == "source"]
    if not funds.empty:
        funds_table(funds, project)
    st.page_link(
        "pages/performance.py",
        label=t("link.scorecard"),
        icon=":material/target:",
        query_params={"project": project},
    )


def duration_text(duration: object) -> object:
    """The project's duration as published, except the convention 99年 for a project without
    an end, which reads 长期 (with the published text beside it)."""
    if isinstance(duration, str) and re.fullmatch(r"\s*99\s*年\s*", duration):
        return t("word.long_term").format(raw=duration.strip())
    return duration


def in_wan(yuan: object) -> float | None:
    """An amount in 元 as 万元, divided exactly (Decimal) before it is shown; a blank stays
    blank."""
    d = amounts.to_decimal(yuan)
    return None if d is None else float(d / 10000)


def funds_table(funds: pd.DataFrame, project: str) -> None:
    """The project's funds by source and period, in 万元 like every other amount, and their
    source line."""
    st.markdown(f"**{t('head.funds')}**")
    # One row per source; the 合计 row is labelled per period (实施期资金总额 / 年度资金总额).
    wide = funds.pivot_table(
        index="source_key",
        columns="period",
        values="amount_yuan",
        aggfunc="first",
        sort=False,
        dropna=False,
    ).reset_index()
    labels = funds.groupby("source_key", sort=False)["label"].agg(" / ".join)
    out = pd.DataFrame({t("col.source"): [t(f"source.{k}") for k in wide["source_key"]]})
    amounts = []
    for period in ("实施期", "年度"):
        if period in wide.columns:
            amounts.append(t(f"period.{period}") + t("unit.suffix_wan"))
            out[amounts[-1]] = [in_wan(v) for v in wide[period]]
    # the source and its amounts first (a phone shows them), the rows' printed names after
    out[t("col.label")] = [labels.get(k, "") for k in wide["source_key"]]
    ui.table(
        out,
        f"project_funds_{project}",
        column_config=dict.fromkeys(amounts, MONEY),
    )
    st.caption(ui.source(None, funds["source_line"]))


all_projects()

# --- one project's detail -------------------------------------------------------------------------
st.subheader(t("head.project_detail"))
project = state.bound_select(
    t("filter.project"),
    [r["project"] for r in projects],
    "project",
    format_func=lambda p: p,
)
project_detail(project)

ui.page_downloads("projects")
