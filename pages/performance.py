"""绩效 Performance targets: a scorecard per project and for 部门整体, and all projects.

The scorecard lists the targets grouped by 一级 and 二级指标, each with its target as parsed
(comparator, value, unit, or the date) and marked 量化 or 未量化; where the 实施期 and 年度
targets differ the two periods stand side by side (stacked on a phone). The rows are offered as
tables in the page's downloads. A view across all projects follows.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from budgetlens import amounts
from budgetlens.check_labels import status_label
from budgetlens.storyline import check_kind_label
from ui import components as ui
from ui import data, fmt, state
from ui.i18n import t

ui.page_header("nav.performance")

# The national template's 二级指标 categories; a scorecard without one of them is worth a look.
LEVEL2_CATEGORIES = (
    "数量指标",
    "质量指标",
    "时效指标",
    "成本指标",
    "经济效益指标",
    "社会效益指标",
    "生态效益指标",
    "可持续影响指标",
    "服务对象满意度指标",
)

# the shared rows: cheaper on every rerun than a DataFrame
cards = data.dept_records("performance_overview")
if not cards:
    st.info(t("msg.no_performance"))
    st.stop()

project = state.bound_select(
    t("filter.project"),
    [r["project"] for r in cards],
    "project",
    # 部门整体 as published in Chinese; in English with the words beside it
    format_func=lambda p: (
        f"{t('word.dept_whole')} ({p})" if p == "部门整体" and state.current().lang == "en" else p
    ),
)


QUANTIFIED = ("numeric", "time")


def target_text(row: pd.Series) -> str:
    """The target as parsed: '≥ 63 家', '2024年10月', or the text marked as qualitative/missing."""
    kind = row["target_kind"]
    if kind == "numeric":
        number = amounts.count(row["target_value"])
        unit = row["target_unit"] if isinstance(row["target_unit"], str) else ""
        comparator = row["comparator"] if isinstance(row["comparator"], str) else ""
        return f"{comparator} {number} {unit}".strip()
    if kind == "time":
        parts = [f"{int(row['time_year'])}年" if pd.notna(row["time_year"]) else ""]
        if pd.notna(row["time_month"]):
            parts.append(f"{int(row['time_month'])}月")
        if isinstance(row["time_qualifier"], str):
            parts.append(row["time_qualifier"])
        return "".join(parts)
    raw = row["target_raw"] if isinstance(row["target_raw"], str) else ""
    return raw.strip() or t(f"kind.{kind}")


def card(rows: pd.DataFrame) -> None:
    """The targets of one period as a scorecard: a heading per 一级指标, each 二级指标 in bold
    with its 三级指标, the target and whether it is quantified. One markdown block per 一级."""
    for level1, group in rows.groupby(rows["level1"].fillna(""), sort=False):
        lines = [f"##### {ui.escape_md(level1)}"] if level1 else []
        for level2, items in group.groupby(group["level2"].fillna(""), sort=False):
            if level2:
                lines.append(f"**{ui.escape_md(level2)}**")
                lines.append("")
            for _, row in items.iterrows():
                badge = (
                    # one target: 可量化 / Quantified (term.measurable counts many)
                    f":green-badge[{t('term.quantified_one')}]"
                    if row["target_kind"] in QUANTIFIED
                    else f":gray-badge[{t('term.vague_one')}]"
                )
                lines.append(
                    f"- {ui.escape_md(row['name'])}：**{ui.escape_md(target_text(row))}** {badge}"
                )
            lines.append("")
        st.markdown("\n".join(lines))


def tree(rows: pd.DataFrame) -> pd.DataFrame:
    """The indicator rows as a 一级 → 二级 → 三级 table with the parsed target."""
    return pd.DataFrame(
        {
            t("col.level1"): rows["level1"],
            t("col.level2"): rows["level2"],
            t("col.level3"): rows["name"],
            t("col.target_raw"): rows["target_raw"],
            t("col.kind"): [t(f"kind.{k}") for k in rows["target_kind"]],
            t("col.value"): [target_text(r) for _, r in rows.iterrows()],
            t("col.problem"): rows["problem"].fillna(""),
            t("col.source_line"): rows["source_line"],
        }
    )


def periods(project: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The project's indicator rows of the 实施期 and of the 年度 targets."""
    indicators = data.dept_query("performance_indicators", project=project)
    return (
        indicators[indicators["period"] == "实施期"],
        indicators[indicators["period"] == "年度"],
    )


# The parts of the page under the project selector; drawn by the section ``scorecard_page``.


def scorecard(project: str) -> str:
    """The scorecard header; returns how to lay out the indicator tree: 'none' (no indicators),
    '年度' or '实施期' (one table: the other period is missing or the same), 'both'."""
    overview = data.dept_query("performance_overview")
    card = overview[overview["project"] == project].iloc[0]
    m1, m2, m3, m4 = ui.metric_row(4)
    m1.metric(t("metric.indicators"), int(card["indicators_n"]), border=True)
    m2.metric(t("metric.measurable"), int(card["measurable_n"]), border=True)
    m3.metric(t("col.budget_wan"), fmt.wan(card["budget_wan"]), border=True)
    m4.metric(t("col.mismatches"), int(card["mismatches_n"]), border=True)

    # --- indicator tree, 实施期 vs 年度 ----------------------------------------------------------
    st.subheader(t("head.indicator_tree"))
    impl, annual = periods(project)
    if impl.empty and annual.empty:
        st.info(t("msg.no_indicators"))
        return "none"

    def signature(rows: pd.DataFrame) -> list[tuple]:
        return list(zip(rows["level2"], rows["name"], rows["target_raw"], strict=True))

    if impl.empty or signature(impl) == signature(annual):
        if not impl.empty:
            st.caption(t("msg.period_same"))
        return "年度" if not annual.empty else "实施期"
    return "both"


def indicator_table(project: str, period: str, titled: bool) -> None:
    """The scorecard of one period (with the period as its heading when ``titled``); its rows
    go with the page's downloads."""
    impl, annual = periods(project)
    if titled:
        st.markdown(f"#### {t('period.' + period)}")
    name = (
        {"实施期": "indicators_impl", "年度": "indicators_annual"}[period]
        if titled
        else "indicators"
    )
    rows = impl if period == "实施期" else annual
    card(rows)
    ui.offer(tree(rows), f"{name}_{project}")


def quality(project: str) -> None:
    """The source of the tree, then the target quality: 二级 categories present, measurable
    targets, and a chart of the target kinds."""
    impl, annual = periods(project)
    indicators = data.dept_query("performance_indicators", project=project)
    st.caption(ui.source(None, indicators["source_line"]))
    st.subheader(t("head.quality"))
    kinds = annual if not annual.empty else impl
    present = set(kinds["level2"].dropna())
    missing = [c for c in LEVEL2_CATEGORIES if c not in present]
    q1, q2 = ui.metric_row(2)
    q1.metric(
        t("metric.missing_level2"),
        f"{len(missing)} / {len(LEVEL2_CATEGORIES)}",
        help="、".join(missing) if missing else None,
        border=True,
    )
    measurable = int(kinds["target_kind"].isin(["numeric", "time"]).sum())
    q2.metric(t("metric.measurable"), f"{measurable} / {len(kinds)}", border=True)
    if missing:
        st.markdown(t("metric.missing_level2") + "：" + "、".join(missing))
    counts = kinds["target_kind"].value_counts()
    fig = go.Figure(
        go.Bar(
            x=[t(f"kind.{k}") for k in counts.index],
            y=counts.to_numpy(),
            text=counts.to_numpy(),
        )
    )
    fig.update_layout(height=280)
    ui.chart(
        fig,
        t("metric.indicators"),
        ui.source(None, kinds["source_line"]),
        unit=t("unit.count"),
        key="pf_kinds",
    )


def cost_checks(project: str) -> None:
    """Cost indicators against the budget, and 实施期/年度 disagreements."""
    st.subheader(t("head.cost_checks"))
    checks = data.dept_query("project_checks", project=project)
    if checks.empty:
        st.info(t("msg.no_cost_checks"))
        return
    ui.table(
        pd.DataFrame(
            {
                t("col.status"): [status_label(s, state.current().lang) for s in checks["status"]],
                t("col.check_kind"): [
                    check_kind_label(k, state.current().lang) for k in checks["check_kind"]
                ],
                t("col.subject"): checks["subject"],
                t("col.expected"): checks["expected_value"].astype(float),
                t("col.actual"): checks["actual_value"].astype(float),
                t("col.difference"): checks["difference_value"].astype(float),
                t("col.detail"): checks["detail"],
                t("col.source_lines"): checks["source_lines"],
            }
        ),
        f"project_checks_{project}",
        column_config={
            t(k): st.column_config.NumberColumn(format="%,.2f")
            for k in ("col.expected", "col.actual", "col.difference")
        },
    )


def all_projects(project: str) -> None:
    """A link to the project's facts, then every project's indicators side by side."""
    overview = data.dept_query("performance_overview")
    card = overview[overview["project"] == project].iloc[0]
    if not bool(card["is_department"]):
        st.page_link(
            "pages/projects.py",
            label=t("link.project"),
            icon=":material/folder_open:",
            query_params={"project": project},
        )
    st.subheader(t("head.all_projects"))
    names = [
        t("word.dept_whole") if d else p
        for p, d in zip(overview["project"], overview["is_department"], strict=True)
    ]
    fig = go.Figure()
    for column, label in (
        ("measurable_n", t("col.measurable")),
        ("qualitative_n", t("col.qualitative")),
        ("empty_n", t("col.empty")),
    ):
        fig.add_trace(go.Bar(name=label, x=names, y=overview[column].astype(int)))
    fig.update_layout(barmode="stack", height=360)
    ui.chart(
        fig,
        t("chart.performance_overview"),
        ui.source(None, overview["source_line"]),
        unit=t("unit.count"),
        key="pf_overview",
    )
    ui.table(
        pd.DataFrame(
            {
                t("col.project"): names,
                t("col.unit"): overview["implementing_unit"],
                t("col.budget_wan"): overview["budget_wan"].astype(float),
                t("col.indicators"): overview["indicators_n"],
                t("col.level2_n"): overview["level2_n"],
                t("col.measurable"): overview["measurable_n"],
                t("col.qualitative"): overview["qualitative_n"],
                t("col.empty"): overview["empty_n"],
                t("col.problems"): overview["problems_n"],
                t("col.mismatches"): overview["mismatches_n"],
                t("col.source_line"): overview["source_line"],
            }
        ),
        "performance_overview",
        column_config={t("col.budget_wan"): st.column_config.NumberColumn(format="%,.2f")},
    )


@ui.section
def scorecard_page(project: str) -> None:
    """Everything under the project selector, drawn once per view and project, then replayed
    (see ui.section)."""
    layout = scorecard(project)
    if layout == "both":
        left, right = st.columns(2)
        with left:
            indicator_table(project, "实施期", True)
        with right:
            indicator_table(project, "年度", True)
    elif layout != "none":
        indicator_table(project, layout, False)
    if layout != "none":
        quality(project)
    cost_checks(project)
    all_projects(project)


scorecard_page(project)

ui.page_downloads("performance")
