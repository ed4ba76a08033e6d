"""预算执行: the 预算 beside the 决算 of the same department, year and scope — by 功能分类 类 and
款, by 基本/项目, and the “三公”经费 — or which of the two documents is not loaded."""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from budgetlens.execution import biggest_differences
from ui import components as ui
from ui import data, fmt
from ui.execution import source_pair
from ui.i18n import t

ui.page_header("nav.execution")
MONEY = st.column_config.NumberColumn(format="%,.2f")
RATE = st.column_config.NumberColumn(format="%.2f%%")
PARTS = {"basic": "metric.basic", "project": "metric.project", "total": "col.total"}


def _pair() -> dict:
    row = data.dept_query("execution_pair").iloc[0].to_dict()
    return {k: (None if pd.isna(v) else v) for k, v in row.items()}


def missing(pair: dict) -> None:
    """Only one of the two documents is loaded: say which is missing, and list both."""
    absent = "预算" if pair["budget_document"] is None else "决算"
    st.info(
        t("msg.execution_missing").format(
            department=pair["department"],
            year=int(pair["year"]),
            missing=t(f"doc_kind.{absent}"),
        )
    )
    ui.table(
        pd.DataFrame(
            {
                t("col.doc_kind"): [t("doc_kind.预算"), t("doc_kind.决算")],
                t("col.document"): [pair["budget_title"] or "", pair["final_title"] or ""],
                t("col.loaded"): [
                    t("msg.loaded" if pair[k] else "msg.not_loaded")
                    for k in ("budget_document", "final_document")
                ],
            }
        ),
        "execution_documents",
    )


def headline(pair: dict, parts: pd.DataFrame) -> None:
    total = parts[parts["part"] == "total"]
    if total.empty:
        return
    row = total.iloc[0]
    c1, c2, c3, c4 = ui.metric_row(4)
    src = source_pair(
        pair,
        [
            ("预算", row["budget_table"], [row["budget_line"]]),
            ("决算", row["actual_table"], [row["actual_line"]]),
        ],
    )
    c1.metric(
        t("metric.budgeted") + t("unit.suffix_wan"),
        fmt.wan(row["budget_wan"]),
        border=True,
        help=src,
    )
    c2.metric(
        t("metric.actual") + t("unit.suffix_wan"), fmt.wan(row["actual_wan"]), border=True, help=src
    )
    c3.metric(
        t("col.difference") + t("unit.suffix_wan"), fmt.wan(row["difference_wan"]), border=True
    )
    c4.metric(t("metric.execution_rate"), fmt.pct(row["execution_rate"]), border=True)


def by_function(pair: dict, rows: pd.DataFrame) -> None:
    st.subheader(t("head.execution_by_function"))
    classes = rows[rows["level"] == 1]
    if classes.empty:
        st.info(t("msg.no_expenditure"))
        return
    fig = go.Figure()
    # short lines: a phone has little room left of the bars (English name, then the Chinese)
    names = ["<br>".join(textwrap.wrap(ui.class_name(n), 22)) for n in classes["name"]]
    for column, label in (("budget_wan", "metric.budgeted"), ("actual_wan", "metric.actual")):
        values = classes[column].astype(float).fillna(0)
        # horizontal: each bar's amount, with its unit, has room beside it (grouped vertical
        # bars left the labels of small 类 on top of each other)
        fig.add_trace(
            go.Bar(
                name=t(label),
                x=values,
                y=names,
                orientation="h",
                # rounded as the document rounds (Decimal), with the unit
                text=[fmt.wan_unit(v, t("unit.wan")) for v in classes[column]],
                textposition="outside",
                cliponaxis=False,
            )
        )
    lines = sum(n.count("<br>") + 1 for n in names)
    fig.update_layout(
        barmode="group",
        height=160 + 22 * lines + 40 * len(classes),
        yaxis={"autorange": "reversed"},
        # every bar carries its amount: no value axis, and room right of the longest bar
        xaxis={
            "showticklabels": False,
            "showgrid": False,
            "range": [
                0,
                2.1 * float(classes[["budget_wan", "actual_wan"]].astype(float).max().max() or 1),
            ],
        },
        legend={"orientation": "h", "x": 0, "y": 1, "yanchor": "bottom"},
    )
    ui.chart(
        fig,
        t("chart.execution_by_class"),
        source_pair(
            pair,
            [
                (
                    "预算",
                    classes["budget_table"].dropna().iloc[0]
                    if classes["budget_table"].notna().any()
                    else None,
                    classes["budget_line"],
                ),
                ("决算", "expenditure_total", classes["actual_line"]),
            ],
        ),
        key="execution_class",
    )
    shown = rows[rows["level"].isin([1, 2])]
    ui.table(
        pd.DataFrame(
            {
                t("col.code"): shown["code"],
                t("col.name"): [
                    ("　" if lv == 2 else "") + str(n)
                    for lv, n in zip(shown["level"], shown["name"], strict=True)
                ],
                t("col.budgeted_wan"): shown["budget_wan"].astype(float),
                t("col.actual_wan"): shown["actual_wan"].astype(float),
                t("col.difference_wan"): shown["difference_wan"].astype(float),
                t("col.execution_rate"): shown["execution_rate"].astype(float),
                t("col.budget_basic_wan"): shown["budget_basic_wan"].astype(float),
                t("col.actual_basic_wan"): shown["actual_basic_wan"].astype(float),
                t("col.budget_project_wan"): shown["budget_project_wan"].astype(float),
                t("col.actual_project_wan"): shown["actual_project_wan"].astype(float),
            }
        ),
        "execution_by_function",
        column_config={
            **{
                t(k): MONEY
                for k in (
                    "col.budgeted_wan",
                    "col.actual_wan",
                    "col.difference_wan",
                    "col.budget_basic_wan",
                    "col.actual_basic_wan",
                    "col.budget_project_wan",
                    "col.actual_project_wan",
                )
            },
            t("col.execution_rate"): RATE,
        },
    )
    biggest = biggest_differences(rows)
    if not biggest.empty:
        items = t("src.page_sep").join(
            t("fmt.name_amount").format(name=n, amount=fmt.signed(v))
            for n, v in zip(biggest["name"], biggest["difference_wan"], strict=True)
        )
        st.caption(t("msg.execution_biggest").format(items=items))


def reasons(pair: dict, notes: pd.DataFrame) -> None:
    """The 项 the 决算's narrative explains, largest difference first, with its stated reason."""
    if notes.empty:
        return
    st.subheader(t("head.execution_reasons"))
    columns = {
        t("col.code"): notes["code"].fillna(""),
        t("col.name"): notes["item_name"],
        t("col.stated_difference_wan"): notes["difference_wan"].astype(float),
        t("col.reason"): notes["reason"].fillna(""),
        t("col.actual_wan"): notes["actual_wan"].astype(float),
    }
    # the budgets the narrative states (全年, 年初: a document states one or both) and the 预算's
    for key, column in (
        ("col.full_year_budget_wan", "full_year_budget_wan"),
        ("col.year_start_budget_wan", "year_start_budget_wan"),
        ("col.budgeted_wan", "budget_wan"),
    ):
        if notes[column].notna().any():
            columns[t(key)] = notes[column].astype(float)
    money = {"col.stated_difference_wan", "col.actual_wan", "col.full_year_budget_wan"}
    money |= {"col.year_start_budget_wan", "col.budgeted_wan"}
    ui.table(
        pd.DataFrame(columns),
        "execution_reasons",
        column_config={t(k): MONEY for k in money},
    )
    st.caption(source_pair(pair, [("决算", None, notes["source_line"])]))


def basic_project(parts: pd.DataFrame) -> None:
    st.subheader(t("head.execution_basic_project"))
    ui.table(
        pd.DataFrame(
            {
                t("col.part"): [t(PARTS[p]) for p in parts["part"]],
                t("col.budgeted_wan"): parts["budget_wan"].astype(float),
                t("col.actual_wan"): parts["actual_wan"].astype(float),
                t("col.difference_wan"): parts["difference_wan"].astype(float),
                t("col.execution_rate"): parts["execution_rate"].astype(float),
            }
        ),
        "execution_basic_project",
        column_config={
            t("col.budgeted_wan"): MONEY,
            t("col.actual_wan"): MONEY,
            t("col.difference_wan"): MONEY,
            t("col.execution_rate"): RATE,
        },
    )


def three_public(items: pd.DataFrame) -> None:
    st.subheader(t("head.execution_three_public"))
    if items.empty:
        st.info(t("msg.execution_no_three_public"))
        return
    ui.table(
        pd.DataFrame(
            {
                t("col.item"): items["label"],
                t("col.budgeted_wan"): items["budget_wan"].astype(float),
                t("col.stated_budget_wan"): items["stated_budget_wan"].astype(float),
                t("col.actual_wan"): items["actual_wan"].astype(float),
                t("col.difference_wan"): items["difference_wan"].astype(float),
                t("col.execution_rate"): items["execution_rate"].astype(float),
            }
        ),
        "execution_three_public",
        column_config={
            t("col.budgeted_wan"): MONEY,
            t("col.stated_budget_wan"): MONEY,
            t("col.actual_wan"): MONEY,
            t("col.difference_wan"): MONEY,
            t("col.execution_rate"): RATE,
        },
    )


@ui.section
def execution_page() -> None:
    """The whole page under its title: drawn once per view, then replayed (see ui.section)."""
    pair = _pair()
    if pair["budget_document"] is None or pair["final_document"] is None:
        missing(pair)
        return
    parts = data.dept_query("execution_basic_project")
    headline(pair, parts)
    by_function(pair, data.dept_query("execution_function"))
    reasons(pair, data.dept_query("execution_reasons"))
    basic_project(parts)
    three_public(data.dept_query("execution_three_public"))


execution_page()

ui.page_downloads("execution")
