"""总览 Overview: a plain summary, headline totals, change on last year, sources, 类, money flow,
small facts.

The first screen says the story in the document's own figures and words (the total, its change
and the reason the document gives, 基本/项目, the biggest project and its share): the same
sentences as the deck (budgetlens.storyline.summary).

Every figure is one the document states, or a row of one of its tables; a figure the document
does not have is left out (a sentence when a whole part is missing), never shown as empty.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from budgetlens.storyline import summary
from ui import components as ui
from ui import data, fmt, presenter, state
from ui.i18n import t

ui.page_header("nav.overview")


def kf_value(key: str) -> object:
    """A key figure's value, or None when the document does not state it."""
    row = ui.key_figures().get(key)
    return None if row is None else row["value"]


def kf_help(key: str, explain: str | None = None) -> str:
    """Hover text of a key figure: what it is, and its source (line, or page of a PDF)."""
    row = ui.key_figures().get(key)
    where = ui.source(None, [row["source_line"]]) if row is not None else ""
    return "\n\n".join(x for x in (explain, where) if x)


def functions() -> pd.DataFrame:
    """The rows of the document's expenditure-by-function table (see expenditure_function.sql)."""
    return data.dept_query("expenditure_function")


def total_row() -> pd.DataFrame:
    """The function table's 合计 row (empty when the document has none)."""
    rows = functions()
    return rows[rows["level"] == 0]


def classes() -> pd.DataFrame:
    """The 类 rows of the function table."""
    rows = functions()
    return rows[rows["level"] == 1]


def function_table() -> str | None:
    """The table_key of the function table the page reads (None when there is none)."""
    rows = functions()
    return None if rows.empty else str(rows["table_key"].iloc[0])


def has_split(rows: pd.DataFrame) -> bool:
    """True when the rows carry the 基本/项目 split (some documents publish totals only)."""
    return bool(rows["basic_wan"].notna().any() or rows["project_wan"].notna().any())


def is_final() -> bool:
    """True for a 决算 (final accounts): its 支出决算表's 合计 is the year's spending, not the
    支出总计 (which includes 年末结转和结余)."""
    docs = data.dept_records("deck_document")
    return bool(docs) and docs[0]["kind"] == "决算"


def headline_figure(column: str, key: str) -> tuple[object, str]:
    """(value, source) of 支出总计 (``total_wan``), 基本支出 or 项目支出: from the all-funds
    支出总表's 合计 row when the document has one with that column (a 决算's 支出总计: always its
    key figure), else the key figure ``key``."""
    total = total_row()
    if (
        not (column == "total_wan" and is_final() and ui.key_figures().get(key))
        and function_table() == "expenditure_total"
        and not total.empty
        and pd.notna(total[column].iloc[0])
    ):
        return total[column].iloc[0], ui.source("expenditure_total", total["source_line"])
    row = ui.key_figures().get(key)
    if row is None:
        return None, ""
    return row["value"], ui.source(None, [row["source_line"]])


def admin_operating() -> tuple[object, str]:
    """(value, source) of 机关运行经费: the stated figure, else the total of its table."""
    row = ui.key_figures().get("admin_operating_total")
    if row is not None:
        return row["value"], ui.source(None, [row["source_line"]])
    rows = data.dept_query("admin_operating")
    total = rows[rows["row_kind"] == "total"]
    if total.empty:
        return None, ""
    return total["total_wan"].iloc[0], ui.source("admin_operating", total["source_line"])


def change_text(change_key: str, pct_key: str) -> str | None:
    """'+39.11%' for a stated change on last year (or the amount when no rate is stated)."""
    pct = kf_value(pct_key)
    if pct is not None:
        return f"{fmt.signed(pct)}%"
    change = kf_value(change_key)
    return None if change is None else fmt.signed(change)


def share(part: object, whole: object) -> str | None:
    """'26.27%' of the total, or None when either figure is missing."""
    if part is None or whole is None or pd.isna(part) or pd.isna(whole) or float(whole) == 0:
        return None
    return f"{t('metric.share')} {fmt.pct(100 * float(part) / float(whole))}"


def joined(*texts: str) -> str:
    """Hover text from parts (what a figure is, its source), blank ones left out."""
    return "\n\n".join(x for x in texts if x)


# The parts of the page, drawn by the section ``overview_page`` below.


def headline() -> None:
    """The headline figures, the check counts with a link to 数据核对, and their sources. A figure
    the document does not state is left out."""
    kf = ui.key_figures()
    expenditure_total, expenditure_src = headline_figure("total_wan", "expenditure_total")
    basic_total, basic_src = headline_figure("basic_wan", "basic_total")
    project_total, project_src = headline_figure("project_wan", "project_total")

    row = ui.metric_row(4)
    if kf_value("revenue_total") is not None:
        row[0].metric(
            t("metric.revenue_total"),
            fmt.wan(kf_value("revenue_total")),
            delta=change_text("revenue_change", "revenue_change_pct"),
            delta_description=t("metric.vs_last_year")
            if change_text("revenue_change", "revenue_change_pct")
            else None,
            help=kf_help("revenue_total", t("help.unit_wan")),
            border=True,
        )
    if expenditure_total is not None:
        row[1].metric(
            t("metric.expenditure_total"),
            fmt.wan(expenditure_total),
            delta=change_text("expenditure_change", "expenditure_change_pct"),
            delta_description=t("metric.vs_last_year")
            if change_text("expenditure_change", "expenditure_change_pct")
            else None,
            help=joined(t("help.unit_wan"), expenditure_src),
            border=True,
        )
    if kf_value("expenditure_current_year") is not None:
        row[2].metric(
            t("metric.current_year_final" if is_final() else "metric.current_year"),
            fmt.wan(kf_value("expenditure_current_year")),
            help=kf_help("expenditure_current_year", t("help.unit_wan")),
            border=True,
        )
    if kf_value("expenditure_carried_over") is not None:
        row[3].metric(
            t("metric.carried_over"),
            fmt.wan(kf_value("expenditure_carried_over")),
            help=kf_help("expenditure_carried_over", ui.glossary_help("上年结转")),
            border=True,
        )

    d1, d2, d3 = ui.metric_row(3)
    if basic_total is not None:
        d1.metric(
            t("metric.basic"),
            fmt.wan(basic_total),
            delta=share(basic_total, expenditure_total),
            delta_color="off",
            delta_arrow="off",
            help=joined(ui.glossary_help("基本支出") or t("help.unit_wan"), basic_src),
            border=True,
        )
    if project_total is not None:
        d2.metric(
            t("metric.project"),
            fmt.wan(project_total),
            delta=share(project_total, expenditure_total),
            delta_color="off",
            delta_arrow="off",
            help=joined(ui.glossary_help("项目支出") or t("help.unit_wan"), project_src),
            border=True,
        )
    change = kf_value("expenditure_change")
    if change is not None:
        direction = t("word.increase") if float(change) >= 0 else t("word.decrease")
        d3.metric(
            t("metric.change"),
            fmt.signed(change),
            delta=f"{direction} {fmt.pct(abs(float(kf_value('expenditure_change_pct') or 0)))}"
            if kf_value("expenditure_change_pct") is not None
            else direction,
            delta_arrow="up" if float(change) >= 0 else "down",
            help=kf_help("expenditure_change", str(kf["expenditure_change"]["sentence"])),
            border=True,
        )
    counts = data.dept_query("check_status_counts")
    by_status = dict(zip(counts["status"], counts["checks_n"], strict=True))
    contradictions = int(by_status.get("mismatch", 0))
    # A line of its own, under the figures: the links keep their whole labels on any screen.
    # Only real contradictions count here: agreement and rounding are not news.
    checks_row = st.container(horizontal=True, vertical_alignment="center", gap="small")
    if contradictions:
        checks_row.markdown(
            f"**{t('checks.contradictions')}** "
            f":red-badge[{t('checks.count').format(n=contradictions)}]",
            width="content",
        )
    else:
        checks_row.markdown(f":green-badge[{t('checks.none')}]", width="content")
    checks_row.page_link("pages/checks.py", label=t("link.checks"), width="content")
    checks_row.page_link("pages/glossary.py", label=t("link.checks_explained"), width="content")

    execution_note()
    stated = [kf[k] for k in ("revenue_total", "expenditure_total") if kf.get(k) is not None]
    notes = []
    if function_table() == "expenditure_total" and not total_row().empty:
        notes.append(ui.source("expenditure_total", total_row()["source_line"]))
    if stated:
        where = ui.narrative_source([stated[0]["source_line"]])
        notes.append(
            where if notes else t("src.prefix") + state.current().title + t("src.lead") + where
        )
    if notes:
        st.caption(t("src.join").join(notes))


def revenue_and_classes() -> None:
    """Revenue by source and expenditure by 类 (基本 and 项目 stacked where the document splits
    them), side by side; a sentence for the side the document lacks."""
    left, right = st.columns(2)
    with left:
        sources = data.dept_query("revenue_by_source")
        shown = sources[sources["amount_wan"].fillna(0) != 0]
        if shown.empty:
            st.info(t("msg.no_revenue"))
        else:
            labels = [t(f"source.{k}") for k in shown["source_key"]]
            fig = go.Figure(
                go.Bar(
                    x=shown["amount_wan"].astype(float),
                    y=labels,
                    orientation="h",
                    text=[fmt.wan_unit(v, t("unit.wan")) for v in shown["amount_wan"]],
                    textposition="auto",
                )
            )
            fig.update_layout(yaxis={"autorange": "reversed"}, height=320)
            ui.chart(
                fig,
                t("chart.revenue_by_source"),
                ui.source("revenue_function", shown["source_line"]),
                key="ov_rev",
            )
    with right:
        rows = classes()
        if rows.empty:
            st.info(t("msg.no_expenditure"))
        else:
            fig = go.Figure()
            traces = (
                (("basic_wan", t("metric.basic")), ("project_wan", t("metric.project")))
                if has_split(rows)
                else (("total_wan", t("col.total_wan")),)
            )
            for column, name in traces:
                fig.add_trace(
                    go.Bar(
                        name=name,
                        # long English names on several lines, not cut at the left on a phone
                        y=[ui.axis_label(ui.class_name(n)) for n in rows["name"]],
                        x=rows[column].fillna(0).astype(float),
                        orientation="h",
                    )
                )
            fig.update_layout(
                barmode="stack",
                yaxis={"autorange": "reversed", "automargin": True},
                height=320 + 18 * max(0, sum(n.count("<br>") for n in fig.data[0].y) - 2),
                showlegend=len(traces) > 1,
                legend=ui.legend_above(),
            )
            ui.chart(
                fig,
                t("chart.expenditure_by_class"),
                ui.source(function_table(), rows["source_line"]),
                key="ov_cls",
            )


def money_flow() -> None:
    """The sankey: source of funds → 类 (→ 基本/项目 where split); nothing when either the
    revenue or the expenditure side is missing."""
    flows = data.dept_query("revenue_class_source")
    rows = classes()
    if flows.empty or rows.empty:
        return
    split = has_split(rows)
    source_nodes = [t(f"source.{k}") for k in dict.fromkeys(flows["source_key"])]
    class_nodes = [ui.class_name(n) for n in dict.fromkeys(rows["name"])]
    kind_nodes = [t("metric.basic"), t("metric.project")] if split else []
    nodes = source_nodes + class_nodes + kind_nodes
    index = {name: i for i, name in enumerate(nodes)}
    src: list[int] = []
    dst: list[int] = []
    val: list[float] = []
    code_to_name = dict(zip(rows["code"], map(ui.class_name, rows["name"]), strict=False))
    for _, row in flows.iterrows():
        target = code_to_name.get(row["class_code"], ui.class_name(row["class_name"]))
        if target in index:
            src.append(index[t(f"source.{row['source_key']}")])
            dst.append(index[target])
            val.append(float(row["amount_wan"]))
    if split:
        for _, row in rows.iterrows():
            for column, node in (("basic_wan", kind_nodes[0]), ("project_wan", kind_nodes[1])):
                amount = row[column]
                if amount is not None and not pd.isna(amount) and float(amount) != 0:
                    src.append(index[ui.class_name(row["name"])])
                    dst.append(index[node])
                    val.append(float(amount))
    fig = go.Figure(
        go.Sankey(
            node={"label": nodes, "pad": 18, "thickness": 16},
            link={"source": src, "target": dst, "value": val},
            valueformat=",.2f",
        )
    )
    fig.update_layout(height=420)
    title = t("chart.sankey") if split else t("chart.sankey_classes")
    source = ui.sources(
        [
            ("revenue_function", flows["source_line"]),
            (function_table(), rows["source_line"]),
        ]
    )
    # a sankey is unreadable 390 px wide: a phone gets its flows as a table instead
    wide, phone = ui.wide_or_phone("money_flow")
    with wide:
        ui.chart(fig, title, source, key="ov_sankey")
    with phone:
        st.markdown(f"**{t('chart.with_unit').format(title=title, unit=t('unit.wan'))}**")
        # a static table, whose cells wrap: the flow's names on as many lines as they need
        # and the amount always whole (a data grid cuts its last column off on a phone)
        flows_table = pd.DataFrame(
            {
                t("col.flow"): [f"{nodes[a]} → {nodes[b]}" for a, b in zip(src, dst, strict=True)],
                t("col.amount_wan"): val,
            }
        )
        # the amounts stay numbers, shown by the one formatter: Streamlit right-aligns a number
        # column (a column of formatted text it aligns left, over any style given)
        st.table(
            flows_table.style.format(fmt.wan, subset=[t("col.amount_wan")])
            .set_properties(subset=[t("col.amount_wan")], **{"white-space": "nowrap"})
            # its header over the amounts (Streamlit's header inherits the table's left)
            .set_table_styles(
                [{"selector": "th.col1", "props": [("text-align", "right !important")]}]
            ),
            hide_index=True,
        )
        ui.offer(flows_table, "money_flow")  # with the page's downloads
        st.caption(source)


def small_facts() -> None:
    """三公经费, 机关运行经费, procurement and staff, with their sources: the ones the document
    states (a sentence when it states none)."""
    kf = ui.key_figures()
    st.subheader(t("head.facts"))
    admin_value, admin_source = admin_operating()
    three_public = kf_value("three_public_total")
    staff_actual = kf_value("dept_staff_actual")
    if all(
        v is None for v in (three_public, admin_value, kf_value("procurement_total"), staff_actual)
    ):
        st.info(t("msg.no_facts"))
        return
    f1, f2, f3, f4 = ui.metric_row(4)
    if three_public is not None:
        f1.metric(
            t("fact.three_public"),
            fmt.wan(three_public),
            delta=(f"{fmt.signed(kf_value('three_public_change'))} {t('unit.wan')}")
            if kf_value("three_public_change") is not None
            else None,
            delta_color="inverse",
            help=kf_help("three_public_total", ui.glossary_help("“三公”经费")),
            border=True,
        )
    if admin_value is not None:
        f2.metric(
            t("fact.admin_operating"),
            fmt.wan(admin_value),
            delta=change_text("admin_operating_change", "admin_operating_change_pct"),
            delta_color="inverse",
            help=joined(ui.glossary_help("机关运行经费") or "", admin_source),
            border=True,
        )
    if kf_value("procurement_total") is not None:
        f3.metric(
            t("fact.procurement"),
            fmt.wan(kf_value("procurement_total")),
            help=kf_help("procurement_total", t("help.unit_wan")),
            border=True,
        )
    if staff_actual is not None:
        staff_authorised = kf_value("dept_staff_authorised")
        f4.metric(
            t("fact.staff"),
            f"{int(staff_actual)}",
            delta=None
            if staff_authorised is None
            else f"{t('fact.authorised')} {int(staff_authorised)}",
            delta_color="off",
            delta_arrow="off",
            help=kf_help("dept_staff_actual"),
            border=True,
        )
    # the table's 本表无数据 says none are budgeted: only true when no figure says otherwise
    if ui.is_empty_table("three_public") and (three_public is None or float(three_public) == 0):
        st.caption(t("msg.three_public_empty"))
    keys = ("three_public_total", "admin_operating_total", "procurement_total", "dept_staff_actual")
    lines = [kf[k]["source_line"] for k in keys if k in kf]
    if lines:
        where = ui.narrative_source(lines)
        st.caption(t("src.prefix") + state.current().title + t("src.lead") + where)


def plain_summary() -> None:
    """The story in a few sentences, in the first screen (nothing when the document states
    none of its figures)."""
    sentences = summary(presenter.slides())
    if not sentences:
        return
    with st.container(border=True):
        st.markdown(f"**{t('head.summary_plain')}**")
        st.markdown(" ".join(sentences) if state.current().lang == "en" else "".join(sentences))
        st.caption(t("msg.summary_source"))


@ui.section
def execution_note() -> None:
    """Where the 预算 and the 决算 of this department-year are both loaded: the year's budget
    against actual in one line, with a link to the 预算执行 page."""
    pair = data.dept_query("execution_pair")
    if pair.empty or pair["budget_document"].isna().any() or pair["final_document"].isna().any():
        return
    parts = data.dept_query("execution_basic_project")
    total = parts[parts["part"] == "total"]
    if total.empty or pd.isna(total["execution_rate"].iloc[0]):
        return
    row = total.iloc[0]
    with st.container(border=True):
        st.markdown(
            t("msg.execution_overview").format(
                budget=fmt.wan(row["budget_wan"]),
                actual=fmt.wan(row["actual_wan"]),
                rate=fmt.pct(row["execution_rate"]),
            )
        )
        st.page_link(
            "pages/execution.py", label=t("link.execution"), icon=":material/compare_arrows:"
        )


def overview_page() -> None:
    """The whole page under its title: drawn once per view, then replayed (see ui.section)."""
    plain_summary()
    headline()
    revenue_and_classes()  # revenue by source and expenditure by 类
    money_flow()  # sankey: source of funds → 类 → 基本/项目
    small_facts()


overview_page()

ui.page_downloads("overview")
