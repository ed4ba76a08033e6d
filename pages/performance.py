"""绩效 Performance targets: a scorecard per project and for 部门整体, and all projects."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

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

overview = data.dept_query("performance_overview")
if overview.empty:
    st.info(t("msg.no_performance"))
    st.stop()

project = state.bound_select(
    t("filter.project"),
    overview["project"].tolist(),
    "project",
    format_func=lambda p: t("word.dept_whole") + f"（{p}）" if p == "部门整体" else p,
)
card = overview[overview["project"] == project].iloc[0]
indicators = data.dept_query("performance_indicators", project=project)


def target_text(row: pd.Series) -> str:
    """The target as parsed: '≥ 63 家', '2024年10月', or the text marked as qualitative/missing."""
    kind = row["target_kind"]
    if kind == "numeric":
        value = row["target_value"]
        number = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
        return f"{row['comparator'] or ''} {number} {row['target_unit'] or ''}".strip()
    if kind == "time":
        parts = [f"{int(row['time_year'])}年" if pd.notna(row["time_year"]) else ""]
        if pd.notna(row["time_month"]):
            parts.append(f"{int(row['time_month'])}月")
        if isinstance(row["time_qualifier"], str):
            parts.append(row["time_qualifier"])
        return "".join(parts)
    return f"[{t('kind.' + str(kind))}] {row['target_raw'] or ''}".strip()


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


# --- scorecard header -----------------------------------------------------------------------------
m1, m2, m3, m4 = st.columns(4)
m1.metric(t("metric.indicators"), int(card["indicators_n"]), border=True)
m2.metric(t("metric.measurable"), int(card["measurable_n"]), border=True)
m3.metric(t("col.budget_wan"), fmt.wan(card["budget_wan"]), border=True)
m4.metric(t("col.mismatches"), int(card["mismatches_n"]), border=True)

# --- indicator tree, 实施期 vs 年度 ---------------------------------------------------------------
st.subheader(t("head.indicator_tree"))
if indicators.empty:
    st.info(t("msg.no_indicators"))
else:
    annual = indicators[indicators["period"] == "年度"]
    impl = indicators[indicators["period"] == "实施期"]

    def signature(rows: pd.DataFrame) -> list[tuple]:
        return list(zip(rows["level2"], rows["name"], rows["target_raw"], strict=True))

    if impl.empty or signature(impl) == signature(annual):
        if not impl.empty:
            st.caption(t("msg.period_same"))
        ui.table(tree(annual if not annual.empty else impl), f"indicators_{project}")
    else:
        left, right = st.columns(2)
        with left:
            st.markdown(f"**{t('period.实施期')}**")
            ui.table(tree(impl), f"indicators_impl_{project}")
        with right:
            st.markdown(f"**{t('period.年度')}**")
            ui.table(tree(annual), f"indicators_annual_{project}")
        # The rows that differ, matched by indicator name: a target changed, or one period lacks it.
        keys = ["level2", "name"]
        both = impl[[*keys, "target_raw"]].merge(
            annual[[*keys, "target_raw"]],
            on=keys,
            how="outer",
            suffixes=("_impl", "_annual"),
            sort=False,
        )
        differ = both[both["target_raw_impl"].fillna("") != both["target_raw_annual"].fillna("")]
        if not differ.empty:
            st.markdown(f"**{t('head.period_diff')}**")
            ui.table(
                pd.DataFrame(
                    {
                        t("col.level2"): differ["level2"],
                        t("col.level3"): differ["name"],
                        t("col.impl"): differ["target_raw_impl"].fillna("—"),
                        t("col.annual"): differ["target_raw_annual"].fillna("—"),
                    }
                ),
                f"indicators_diff_{project}",
            )
    st.caption(ui.source(None, indicators["source_line"]))

    # --- target quality ---------------------------------------------------------------------------
    st.subheader(t("head.quality"))
    kinds = annual if not annual.empty else impl
    present = set(kinds["level2"].dropna())
    missing = [c for c in LEVEL2_CATEGORIES if c not in present]
    q1, q2 = st.columns(2)
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
        unit="个",
        key="pf_kinds",
    )

# --- cost indicators vs budget, and 实施期/年度 disagreements -------------------------------------
st.subheader(t("head.cost_checks"))
checks = data.dept_query("project_checks", project=project)
if checks.empty:
    st.info(t("msg.no_cost_checks"))
else:
    ui.table(
        pd.DataFrame(
            {
                t("col.status"): [t(f"status.{s}") for s in checks["status"]],
                t("col.check_kind"): checks["check_kind"],
                t("col.subject"): checks["subject"],
                t("col.expected"): checks["expected_value"].astype(float),
                t("col.actual"): checks["actual_value"].astype(float),
                t("col.difference"): checks["difference_value"].astype(float),
                t("col.detail"): checks["detail"],
                t("col.source_lines"): checks["source_lines"],
            }
        ),
        f"project_checks_{project}",
    )

# --- project facts and link back ------------------------------------------------------------------
if not bool(card["is_department"]):
    st.page_link(
        "pages/projects.py",
        label=t("link.project"),
        icon=":material/folder_open:",
        query_params={"project": project},
    )

# --- all projects ---------------------------------------------------------------------------------
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
    unit="个",
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
