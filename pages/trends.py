"""历年趋势 Trends: one department across its loaded years — 支出总计 with the change on the year
before, 基本/项目, each 类, “三公”经费 and 机关运行经费. A department published under several names
is one department (budgetlens/reference/department_aliases.csv); each year shows the name it
was published under."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from budgetlens import check_labels, vocabulary
from ui import components as ui
from ui import fmt, many, state
from ui.i18n import t

ui.page_header("nav.trends", document=False)
# widget labels are formatted with this language (AppTest formats them outside the run)
LANG = state.lang()
# years as categories in their order: a stated year before the first loaded one comes first
YEAR_AXIS = {"type": "category", "categoryorder": "category ascending"}

# the filters in one row that wraps (one block, not a column each) and in the URL, in one message
with state.one_url_update(), st.container(horizontal=True, gap="small"):
    government = many.choose(
        t("filter.government"), sorted(many.values_of("government")), "government"
    )
    # departments with the most years first: a trend needs two
    years_n = many.years_by_department(government)
    # a city's thousand departments: a text box narrows the list (ui.state.bound_pick)
    departments = list(years_n.index)
    department = (
        departments[0]
        if len(departments) == 1
        else state.bound_pick(
            t("filter.department"),
            departments,
            "dept_key",
            filter_label=t("filter.find_department"),
            more_label=t("msg.more_departments"),
            format_func=lambda d: t("msg.dept_years", LANG).format(department=d, n=years_n[d]),
        )
    )
    kind = many.choose(
        t("filter.kind"),
        many.values_of("kind", government=government, department_key=department),
        "kind",
        format_func=partial(many.kind_label, lang=LANG),
    )
    scope = many.choose(
        t("filter.scope"),
        many.values_of("scope", government=government, department_key=department, kind=kind),
        "scope",
        format_func=partial(many.scope_label, lang=LANG),
    )


@ui.section
def trend_view(government: str, department: str, kind: str, scope: str, home: str) -> None:
    """The department's charts, table and links over its years (drawn once per view and
    choice, then replayed: see ui.section). ``home``: the page "/" opens (links)."""
    # the department's catalogue rows by year, from the shared dicts (no DataFrame filter)
    records = sorted(
        (
            r
            for r in many.catalogue_records()
            if r["government"] == government
            and r["department_key"] == department
            and r["kind"] == kind
            and r["scope"] == scope
        ),
        key=lambda r: int(r["year"]),
    )
    years = [int(r["year"]) for r in records]
    documents = [str(r["document"]) for r in records]

    published = list(dict.fromkeys(str(r["department"]) for r in records))
    st.caption(
        t("msg.trend_what").format(
            department=department,
            what=many.doc_label(str(scope), str(kind)),
            years="、".join(str(y) for y in years)
            if state.lang() == "zh"
            else ", ".join(map(str, years)),
        )
    )
    if len(published) > 1:
        st.info(t("msg.trend_names").format(names=t("src.join").join(published)))
    if len(records) < 2:
        st.info(t("msg.trend_one"))

    def change(values: list[float | None]) -> tuple[list[float | None], list[float | None]]:
        """Year-on-year change of ``values`` (amount and %, one per loaded year), None where a year
        or the one before has no figure, or the year before is not loaded."""
        amounts: list[float | None] = [None]
        pcts: list[float | None] = [None]
        for i in range(1, len(values)):
            before, now = values[i - 1], values[i]
            if before is None or now is None or years[i] - years[i - 1] != 1:
                amounts.append(None)
                pcts.append(None)
                continue
            amounts.append(now - before)
            pcts.append(many.share(now - before, before))
        return amounts, pcts

    def value(r: dict, column: str) -> float | None:
        v = r[column]
        return None if many.blank(v) else float(v)

    stated = many.stated_prior_years(government, department, kind, scope, years)
    lang = state.lang()

    def stated_points(fig: dict, measure: str, *, bar: bool) -> None:
        """The figures documents state for a year not loaded, as their own marked series
        (legend group "stated"): never mixed into the loaded documents' values."""
        for r in stated:
            if r["measure"] != measure or not r["filled"]:
                continue
            name = t("trend.stated").format(year=int(r["year"]))
            common = {
                "name": name,
                "x": [str(int(r["prior_year"]))],
                "y": [float(r["value_wan"])],
                "customdata": [str(r["document"])],
                "legendgroup": many.STATED_GROUP,
                "hovertemplate": "%{x} · "
                + name
                + ": %{y:,.2f} "
                + t("unit.wan")
                + "<extra></extra>",
            }
            if bar:
                fig["data"].append(
                    {
                        "type": "bar",
                        **common,
                        "text": [fmt.wan_unit(r["value_wan"], t("unit.wan"))],
                        "textposition": "auto",
                        "marker": {"pattern": {"shape": "/"}, "opacity": 0.6},
                    }
                )
            else:
                fig["data"].append(
                    {
                        "type": "scatter",
                        **common,
                        "mode": "markers",
                        "marker": {"symbol": "diamond-open", "size": 11},
                    }
                )

    totals = [value(r, "total_wan") for r in records]
    delta, delta_pct = change(totals)
    labels = [str(y) for y in years]

    left, right = st.columns(2)
    with left:
        # plain figure dicts: a third of the cost of building and updating plotly objects
        fig = {
            "data": [
                {
                    "type": "bar",
                    "x": labels,
                    "y": [v or 0 for v in totals],
                    "customdata": documents,
                    "text": [
                        fmt.wan_unit(v, t("unit.wan"))
                        + ("" if p is None else f"<br>{fmt.signed(p)}%")
                        for v, p in zip(totals, delta_pct, strict=True)
                    ],
                    "textposition": "auto",
                    "hovertemplate": "%{x}: %{text}<extra></extra>",
                    "name": t("trend.loaded"),
                }
            ],
            "layout": {"height": 360, "xaxis": dict(YEAR_AXIS)},
        }
        stated_points(fig, "expenditure_total", bar=True)
        ui.chart(
            fig,
            t("chart.trend_total"),
            many.chart_source(records, "total", t("what.total")),
            key="tr_total",
        )
    with right:
        fig = {
            "data": [
                {
                    "type": "bar",
                    "name": name,
                    "x": labels,
                    "y": [value(r, column) or 0 for r in records],
                    "customdata": documents,
                    "hovertemplate": "%{x} · " + name + ": %{y:,.2f}<extra></extra>",
                }
                for column, name in (
                    ("basic_wan", t("metric.basic")),
                    ("project_wan", t("metric.project")),
                )
            ],
            "layout": {"barmode": "stack", "height": 360, "xaxis": {"type": "category"}},
        }
        ui.chart(
            fig,
            t("chart.trend_basic_project"),
            many.chart_source(records, "basic", t("what.basic_project")),
            key="tr_bp",
        )

    left, right = st.columns(2)
    with left:
        fig = {"data": [], "layout": {"height": 360, "xaxis": dict(YEAR_AXIS)}}
        for column, name in (
            ("three_public_wan", t("what.three_public")),
            ("admin_operating_wan", t("what.admin")),
        ):
            values = [value(r, column) for r in records]
            if any(v is not None for v in values):
                fig["data"].append(
                    {
                        "type": "scatter",
                        "name": name,
                        "x": labels,
                        "y": values,
                        "mode": "lines+markers",
                        "customdata": documents,
                        "hovertemplate": "%{x} · " + name + ": %{y:,.2f}<extra></extra>",
                    }
                )
        if fig["data"]:
            stated_points(fig, "three_public_total", bar=False)
            ui.chart(
                fig,
                t("chart.trend_three_public"),
                many.chart_source(records, "three_public", t("what.three_public")),
                key="tr_3p",
            )
        else:
            st.info(t("msg.compare_none").format(what=t("chart.trend_three_public")))
    with right:
        # the department's 类 rows, the earliest year first (as printed within a year)
        year_of = dict(zip(documents, years, strict=True))
        printed = many.class_rows()
        rows = sorted(
            (
                (year_of[d], k, name, total)
                for d in printed
                if d in year_of
                for k, name, total in printed[d]
            ),
            key=lambda row: row[0],
        )
        if not rows:
            st.info(t("msg.compare_none").format(what=t("chart.trend_classes")))
        else:
            # one 类 is one code across years (its name may change between editions): the
            # latest name, in the UI's language (the official English name with the Chinese)
            names_by_key = {k: ui.class_name(name) for _, k, name, _ in rows}
            fig = {
                "data": [],
                "layout": {"barmode": "group", "height": 360, "xaxis": {"type": "category"}},
            }
            for k in dict.fromkeys(k for _, k, _, _ in rows):
                by_year = {y: total for y, key, _, total in rows if key == k}
                fig["data"].append(
                    {
                        "type": "bar",
                        "name": names_by_key[k],
                        "x": labels,
                        # a year that prints no such 类 has no bar (not a bar of 0)
                        "y": [
                            None if many.blank(by_year.get(y)) else float(by_year[y]) for y in years
                        ],
                        "customdata": documents,
                        "hovertemplate": "%{x} · "
                        + names_by_key[k]
                        + ": %{y:,.2f} "
                        + t("unit.wan")
                        + "<extra></extra>",
                    }
                )
            ui.chart(
                fig,
                t("chart.trend_classes"),
                many.chart_source(many.class_sources(records), "classes", t("chart.trend_classes")),
                key="tr_cls",
            )

    st.subheader(t("head.trend_table"))
    SOURCES = many.FIGURE_SOURCES
    table = pd.DataFrame(
        {
            t("col.year"): labels,
            t("col.published_name"): [str(r["department"]) for r in records],
            t("col.expenditure_total_wan"): totals,
            t("col.change_wan"): delta,
            t("col.change_pct"): delta_pct,
            t("col.basic_wan"): [value(r, "basic_wan") for r in records],
            t("col.project_wan"): [value(r, "project_wan") for r in records],
            t("col.three_public_wan"): [value(r, "three_public_wan") for r in records],
            t("col.admin_operating_wan"): [value(r, "admin_operating_wan") for r in records],
            t("col.where"): many.pages_texts(records, SOURCES),
        }
    )
    money = st.column_config.NumberColumn(format="%,.2f")
    ui.table(
        table,
        "trend",
        column_config={
            t("col.expenditure_total_wan"): money,
            t("col.change_wan"): money,
            t("col.change_pct"): st.column_config.NumberColumn(format="%.2f%%"),
            t("col.basic_wan"): money,
            t("col.project_wan"): money,
            t("col.three_public_wan"): money,
            t("col.admin_operating_wan"): money,
        },
    )

    if stated:
        st.subheader(t("head.prior_year"))
        st.caption(t("msg.prior_year_what"))
        ui.table(
            pd.DataFrame(
                {
                    t("col.prior_year"): [str(int(r["prior_year"])) for r in stated],
                    t("col.measure"): [
                        vocabulary.label(f"measure.{r['measure']}", lang) for r in stated
                    ],
                    t("col.stated_wan"): [float(r["value_wan"]) for r in stated],
                    t("col.stated_in"): [
                        t("trend.stated").format(year=int(r["year"])) for r in stated
                    ],
                    t("col.loaded_wan"): [
                        float(r["check"]["expected"])
                        if r["check"] and r["check"]["expected"] is not None
                        else None
                        for r in stated
                    ],
                    t("col.check"): [
                        check_labels.status_label(r["check"]["status"], lang)
                        if r["check"]
                        else t("msg.year_not_loaded")
                        for r in stated
                    ],
                    t("col.where"): [
                        many.where_text(
                            {"stated_page": r["source_page"], "stated_line": r["source_line"]},
                            "stated",
                        )
                        for r in stated
                    ],
                }
            ),
            "prior_year",
            column_config={
                t("col.stated_wan"): money,
                t("col.loaded_wan"): money,
            },
        )

    st.subheader(t("head.years"))
    for r in reversed(records):
        st.page_link(
            many.OVERVIEW,
            label=f"{r['year']} · {r['department']}",
            icon=":material/dashboard:",
            query_params=many.doc_params(r),
        )


trend_view(government, department, kind, scope, many.home())

ui.page_downloads("trends")
