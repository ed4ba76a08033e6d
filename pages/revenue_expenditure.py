"""收支 Revenue and expenditure: 功能分类 类 → 款 → 项, 本年预算 vs 上年结转, revenue by source.

The drill: a chart of the 类 (a click on a bar chooses it) and the selector above the table
choose the same 类, kept in the URL (?code=); the chart then shows that 类's 款 and the table its
科目.
"""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from ui import components as ui
from ui import data, fmt, state
from ui.i18n import t

ui.page_header("nav.revenue_expenditure")

ALL = "all"


def function_items() -> pd.DataFrame:
    """The 类, 款 and 项 rows of the document's function table (without the 合计 row): the 支出总表,
    or the table that stands in for it (see expenditure_function.sql; ``table_key`` says which)."""
    functions = data.dept_query("expenditure_function")
    return functions[functions["level"] >= 1]


def table_key(rows: pd.DataFrame) -> str | None:
    """The source table of function rows (None when there are none)."""
    return None if rows.empty else str(rows["table_key"].iloc[0])


# Each section below is drawn once per view (and selected 类), then replayed (see ui.section).


@ui.section
def function_table(code: str) -> None:
    """The table twin of the sunburst: every 科目, or those of the 类 ``code``."""
    items = function_items()
    shown = items if code == ALL else items[items["class_code"] == code]
    level_name = {1: t("level.1"), 2: t("level.2"), 3: t("level.3")}
    twin = pd.DataFrame(
        {
            t("col.code"): shown["code"],
            t("col.level"): shown["level"].map(level_name),
            t("col.name"): [
                "　" * (lv - 1) + str(n)
                for lv, n in zip(shown["level"], shown["name"], strict=True)
            ],
            t("col.total_wan"): shown["total_wan"].astype(float),
            t("col.basic_wan"): shown["basic_wan"].astype(float),
            t("col.project_wan"): shown["project_wan"].astype(float),
            t("col.source_line"): shown["source_line"],
        }
    )
    if items["basic_wan"].isna().all() and items["project_wan"].isna().all():
        # a table of totals only (no 基本/项目 columns): no empty columns
        twin = twin.drop(columns=[t("col.basic_wan"), t("col.project_wan")])
    money = {
        t("col.total_wan"): ui.money_column(t("col.total_wan")),
        t("col.basic_wan"): ui.money_column(t("col.basic_wan"), "基本支出"),
        t("col.project_wan"): ui.money_column(t("col.project_wan"), "项目支出"),
    }
    ui.table(twin, "expenditure_function", column_config=money)


def drill_chart(code: str) -> None:
    """The drill: bars of the 类 (or, with a 类 chosen, of its 款), largest first. A click on a
    类's bar chooses it — the same choice as the selector, so the chart, the table and the URL
    (?code=) always agree; Streamlit returns bar clicks, which it does not for a sunburst."""
    items = function_items()
    if code == ALL:
        rows = items[items["level"] == 1]
    else:
        rows = items[(items["level"] == 2) & (items["class_code"] == code)]
        if rows.empty:  # a 类 without 款: the 类 itself
            rows = items[(items["level"] == 1) & (items["code"] == code)]
    rows = rows.assign(amount=rows["total_wan"].astype(float)).sort_values(
        "amount", ascending=False
    )
    # short lines: a phone has little room left of the bars (English name, then the Chinese)
    labels = [
        "<br>".join(textwrap.wrap(f"{c} {ui.class_name(n) if lv == 1 else n}", 22))
        for c, n, lv in zip(rows["code"], rows["name"], rows["level"], strict=True)
    ]
    fig = go.Figure(
        go.Bar(
            x=rows["amount"],
            y=labels,
            orientation="h",
            customdata=list(rows["code"]),
            text=[fmt.wan_unit(v, t("unit.wan")) for v in rows["total_wan"]],
            # the largest bar holds its amount, the others carry it after them
            textposition=["inside" if i == 0 else "outside" for i in range(len(rows))],
            cliponaxis=False,
            hovertemplate="%{y}<br>%{text}<extra></extra>",
        )
    )
    # every bar carries its amount: no value axis to crowd a phone
    fig.update_layout(
        yaxis={"autorange": "reversed"},
        # room right of the longest bar for its amount
        xaxis={
            "showticklabels": False,
            "showgrid": False,
            "range": [0, 1.8 * float(rows["amount"].max() or 1)],
        },
        height=max(260, 22 * sum(lab.count("<br>") + 1 for lab in labels) + 16 * len(rows) + 120),
        clickmode="event",
    )
    title = t("chart.function_classes") if code == ALL else t("chart.function_sections")
    ui.chart(
        fig,
        title,
        ui.source(table_key(items), rows["source_line"]),
        key="re_drill",
        selectable=code == ALL,
    )


def clicked_class() -> str | None:
    """The 类 whose bar was clicked in the drill chart since the last run, or None."""
    event = st.session_state.get("re_drill")
    points = (event or {}).get("selection", {}).get("points", []) if event else []
    if not points:
        return None
    clicked = points[0].get("customdata")
    if isinstance(clicked, list):
        clicked = clicked[0] if clicked else None
    return str(clicked) if clicked is not None else None


def by_period() -> None:
    """当年预算 vs 上年结转: the chart by 类 and the table with the totals; for a document whose
    收支总表 has no such split, the 收支总表 as published."""
    periods = data.dept_query("expenditure_by_period")
    if periods["current_year_wan"].isna().all() and periods["carried_over_wan"].isna().all():
        summary_table()
        return
    # the chart's title is the heading: not said twice
    period_classes = periods[~periods["item"].isin(["本年支出合计", "支出总计"])]
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            name=t("metric.current_year"),
            x=period_classes["item"],
            y=period_classes["current_year_wan"].fillna(0).astype(float),
        )
    )
    fig.add_trace(
        go.Bar(
            name=t("metric.carried_over"),
            x=period_classes["item"],
            y=period_classes["carried_over_wan"].fillna(0).astype(float),
        )
    )
    fig.update_layout(barmode="stack", height=360)
    ui.chart(
        fig,
        t("chart.by_period"),
        ui.source("income_expense_summary", periods["source_line"]),
        key="re_period",
    )
    ui.table(
        pd.DataFrame(
            {
                t("col.item"): periods["item"],
                t("col.total_wan"): periods["total_wan"].astype(float),
                t("col.current_year_wan"): periods["current_year_wan"].astype(float),
                t("col.carried_over_wan"): periods["carried_over_wan"].astype(float),
                t("col.source_line"): periods["source_line"],
            }
        ),
        "expenditure_by_period",
        column_config={
            t("col.total_wan"): ui.money_column(t("col.total_wan")),
            t("col.current_year_wan"): ui.money_column(t("col.current_year_wan")),
            t("col.carried_over_wan"): ui.money_column(t("col.carried_over_wan"), "上年结转"),
        },
    )


def summary_table() -> None:
    """The 收支总表 as published: each side's rows with their amount (documents without the
    当年预算/上年结转 split)."""
    st.subheader(t("head.summary"))
    summary = data.dept_query("income_expense_summary")
    if summary.empty:
        st.info(t("msg.no_summary"))
        return
    st.caption(t("msg.no_period_split"))
    columns = {
        t("col.side"): [t(f"side.{s}") for s in summary["side"]],
        t("col.item"): summary["label"],
    }
    if summary["column_group"].nunique() > 1:  # a side with several column groups
        columns[t("col.column_group")] = summary["column_group"]
    columns[t("col.amount_wan")] = summary["amount_wan"].astype(float)
    columns[t("col.source_line")] = summary["source_line"]
    ui.table(
        pd.DataFrame(columns),
        "income_expense_summary",
        column_config={t("col.amount_wan"): ui.money_column(t("col.amount_wan"))},
    )
    st.caption(ui.source("income_expense_summary", summary["source_line"]))


def revenue_by_source() -> None:
    """Revenue by source: a donut of the sources with an amount, and the table of all (the
    chart's title is the heading; without a chart, a heading of its own)."""
    sources = data.dept_query("revenue_by_source")
    # only the sources the table has a figure for (its other columns are blank or absent)
    sources = sources[sources["amount_wan"].notna()]
    if sources.empty:
        st.info(t("msg.no_revenue"))
        return
    nonzero = sources[sources["amount_wan"].fillna(0) != 0]
    if nonzero.empty:
        st.subheader(t("chart.revenue_by_source"))
    else:
        labels, values = ui.without_slivers(
            [t(f"source.{k}") for k in nonzero["source_key"]], list(nonzero["amount_wan"])
        )
        fig = go.Figure(
            go.Pie(
                labels=labels,
                values=values,
                hole=0.5,
                text=[fmt.wan_unit(v, t("unit.wan")) for v in values],
                texttemplate="%{label}<br>%{text}",
                hovertemplate="%{label}<br>%{text}<extra></extra>",
            )
        )
        fig.update_layout(height=360)
        ui.chart(
            fig,
            t("chart.revenue_by_source"),
            ui.source("revenue_function", nonzero["source_line"]),
            key="re_sources",
        )
    ui.table(
        pd.DataFrame(
            {
                t("col.source"): [t(f"source.{k}") for k in sources["source_key"]],
                t("col.amount_wan"): sources["amount_wan"].astype(float),
                t("col.source_line"): sources["source_line"],
            }
        ),
        "revenue_by_source",
        column_config={t("col.amount_wan"): ui.money_column(t("col.amount_wan"))},
    )


@ui.section
def periods_and_sources() -> None:
    """当年预算 vs 上年结转, then revenue by source (one section: no widget between them)."""
    by_period()
    revenue_by_source()


# The live part reads the shared rows, not a DataFrame: filtering one on every rerun cost more
# than drawing the replayed sections.
records = data.dept_records("expenditure_function")
if not any(r["level"] >= 1 for r in records):
    st.info(t("msg.no_expenditure"))
else:
    # --- sunburst of 类 → 款 → 项 with its table twin ---------------------------------------------
    # The chart and its table twin live in one container; on a narrow screen CSS puts the table
    # (with the 类 selector) first. The selector drills both: the table filters, the sunburst
    # opens on that 类.
    drill = st.container(key="drill")
    chart_box, table_box = drill.container(), drill.container(key="drill_table")
    class_names = {r["code"]: r["name"] for r in records if r["level"] == 1}
    clicked = clicked_class()
    if clicked in class_names:
        # a click on a 类's bar is a choice of the selector: chart, table and URL agree
        st.session_state["qp_code"] = clicked
        st.session_state.pop("re_drill", None)
    with table_box:
        code = state.bound_select(
            t("filter.class"),
            [ALL, *class_names],
            "code",
            format_func=lambda c: (
                t("word.all") if c == ALL else f"{c} {ui.class_name(class_names.get(c, ''))}"
            ),
        )
        function_table(code)
    with chart_box:
        drill_chart(code)
    st.html(
        "<style>@media (max-width: 640px) {"
        " .st-key-drill { flex-direction: column-reverse !important; } }</style>"
    )

periods_and_sources()

ui.page_downloads("revenue_expenditure")
