"""部门比较 Compare departments: the departments of one government and year side by side —
支出总计, 基本支出 share, function mix (类 shares), “三公”经费, 机关运行经费 and spending per staff
member where stated; one small chart per measure, each bar opening that department."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from ui import components as ui
from ui import fmt, many, state
from ui.i18n import t

ui.page_header("nav.compare", document=False)
# widget labels are formatted with this language (AppTest formats them outside the run)
LANG = state.lang()

# the filters in one row that wraps (one block, not a column each) and in the URL, in one message
with state.one_url_update(), st.container(horizontal=True, gap="small"):
    government = many.choose(
        t("filter.government"), sorted(many.values_of("government")), "government"
    )
    year = many.choose(
        t("filter.year"),
        sorted(many.values_of("year", government=government), reverse=True),
        "cmp_year",
        parse=state.parse_int,
    )
    kind = many.choose(
        t("filter.kind"),
        many.values_of("kind", government=government, year=year),
        "kind",
        format_func=partial(many.kind_label, lang=LANG),
    )
    scope = many.choose(
        t("filter.scope"),
        many.values_of("scope", government=government, year=year, kind=kind),
        "scope",
        format_func=partial(many.scope_label, lang=LANG),
    )


MAX_BARS = 15  # a readable chart (660 px high): the largest departments; all are in the downloads
TABLE_ROWS = many.PAGE_SIZE  # the tables' largest departments; the catalogue pages through all


@ui.section
def compare_view(government: str, year: int, kind: str, scope: str, top: int, home: str) -> None:
    """The group's charts, tables and links (drawn once per view and choice, then replayed:
    see ui.section); the tables show the ``top`` largest departments, the downloads all.
    ``home``: the page "/" opens, which the links depend on."""
    # the group's catalogue rows, the largest first (no figure: last), as shared dicts: a
    # thousand rows filtered in Python cost less than a DataFrame filter and its to_dict
    records = many.sort_by_total(
        r
        for r in many.catalogue_records()
        if r["government"] == government
        and r["year"] == year
        and r["kind"] == kind
        and r["scope"] == scope
    )

    st.caption(
        t("msg.compare_what").format(
            government=government,
            year=year,
            what=many.doc_label(str(scope), str(kind)),
            n=len(records),
        )
    )
    if len(records) < 2:
        st.info(t("msg.compare_one"))

    documents = [str(r["document"]) for r in records]
    names = [str(r["department"]) for r in records]
    lang = state.lang()

    def bars(
        values: list[float | None],
        title: str,
        unit: str,
        key: str,
        source: tuple[str, str] | str,
        percent: bool = False,
    ) -> None:
        """One small horizontal bar chart over the group's departments (the largest first), each
        name linking to its department, under it the page of each figure (``source``: catalogue
        column prefix and the figure's label key, or the source text)."""
        shown = [
            (n, v, d) for n, v, d in zip(names, values, documents, strict=True) if v is not None
        ]
        if not shown:
            st.info(t("msg.compare_none").format(what=title))
            return
        shown.sort(key=lambda x: -x[1])
        if len(shown) > MAX_BARS:
            st.caption(t("msg.compare_top").format(n=MAX_BARS, total=len(shown), what=title))
            shown = shown[:MAX_BARS]
        # a plain figure dict: a third of the cost of building and updating plotly objects
        fig = {
            "data": [
                {
                    "type": "bar",
                    "x": [v for _, v, _ in shown],
                    "y": [n for n, _, _ in shown],
                    "orientation": "h",
                    "customdata": [d for _, _, d in shown],
                    # every amount label with its unit (万元, 万元/人)
                    "text": [
                        fmt.pct(v)
                        if percent
                        else fmt.wan_unit(v, t("unit.wan") if unit == "万元" else unit)
                        for _, v, _ in shown
                    ],
                    "textposition": "auto",
                    "hovertemplate": "%{y}: %{text}<extra></extra>",
                }
            ],
            "layout": {
                "yaxis": {"autorange": "reversed"},
                "height": 120 + 36 * len(shown),
                "showlegend": False,
            },
        }
        if isinstance(source, str):
            text = source
        else:
            prefix, label_key = source
            text = many.chart_source(records, prefix, t(label_key))
        ui.chart(fig, title, text, unit=unit, key=key)

    def value(r: dict, column: str) -> float | None:
        v = r[column]
        return None if many.blank(v) else float(v)

    per_staff = [many.per(r["total_wan"], r["staff_actual"]) for r in records]

    left, right = st.columns(2)
    with left:
        bars(
            [value(r, "total_wan") for r in records],
            t("chart.cmp_total"),
            "万元",
            "cmp_total",
            ("total", "what.total"),
        )
        bars(
            [value(r, "three_public_wan") for r in records],
            t("chart.cmp_three_public"),
            "万元",
            "cmp_3p",
            ("three_public", "what.three_public"),
        )
    with right:
        bars(
            [many.share(r["basic_wan"], r["total_wan"]) for r in records],
            t("chart.cmp_basic_share"),
            "%",
            "cmp_basic",
            ("basic", "what.basic_project"),
            percent=True,
        )
        bars(
            [value(r, "admin_operating_wan") for r in records],
            t("chart.cmp_admin"),
            "万元",
            "cmp_admin",
            ("admin", "what.admin"),
        )
    if any(v is not None for v in per_staff):
        bars(
            per_staff,
            t("chart.cmp_per_staff"),
            t("unit.wan_per_person"),
            "cmp_staff",
            ("total", "what.total"),
        )

    # function mix: the 类 that take most of the group's money, one small chart each (the share of
    # each department's 支出总计), then every 类's share in a table
    CLASS_CHARTS = 4
    # the group's 类 rows in the query's order (documents, then as printed)
    in_group = set(documents)
    rows = [
        (d, k, name, total)
        for d, printed in many.class_rows().items()
        if d in in_group
        for k, name, total in printed
    ]
    class_shares = None
    if rows:
        totals = {str(r["document"]): r["total_wan"] for r in records}
        # the 类 that take most of the group's money first (ties: as first printed)
        sums: dict[object, float] = {}
        for _, k, _, total in rows:
            sums[k] = sums.get(k, 0.0) + (0.0 if many.blank(total) else float(total))
        order = sorted(sums, key=lambda k: -sums[k])
        class_source = many.chart_source(
            many.class_sources(records), "classes", t("chart.trend_classes")
        )
        # the name of each 类 (the last printed), translated once per 类
        named = {k: name for _, k, name, _ in rows}
        class_names = {k: ui.class_name(n) for k, n in named.items()}
        # each document's amount of each 类 (the last row of a 类 in a document, as printed)
        amounts = {(d, k): total for d, k, _, total in rows}

        def class_shares(n: int | None) -> pd.DataFrame:
            """Every 类's share of the first ``n`` departments (all: None): the table shows the
            largest, the download (made when its button is clicked) all of them."""
            docs = documents[:n]
            return pd.DataFrame(
                {
                    t("col.department"): names[:n],
                    **{
                        t("col.class_share").format(name=class_names[k]): [
                            many.share(amounts.get((d, k)), totals[d]) for d in docs
                        ]
                        for k in order
                    },
                }
            )

        columns = st.columns(2)
        for i, k in enumerate(order[:CLASS_CHARTS]):
            with columns[i % 2]:
                bars(
                    [many.share(amounts.get((d, k)), totals[d]) for d in documents],
                    t("chart.cmp_class").format(name=class_names[k]),
                    "%",
                    f"cmp_cls_{k}",
                    class_source,
                    percent=True,
                )

    st.subheader(t("head.compare_table"))
    SOURCES = many.FIGURE_SOURCES

    def figures(n: int | None, links: list[str]) -> pd.DataFrame:
        """The figures compared, of the first ``n`` departments (all: None), in ``lang`` (reads
        no session: also made for the download, when its button is clicked)."""
        recs = records[:n]

        def col(k: str) -> str:
            return t(k, lang)

        def amounts(column: str) -> pd.Series:
            return pd.Series([value(r, column) for r in recs], dtype="float64")

        return pd.DataFrame(
            {
                col("col.department"): names[:n],
                col("col.expenditure_total_wan"): amounts("total_wan"),
                col("col.basic_wan"): amounts("basic_wan"),
                col("col.project_wan"): amounts("project_wan"),
                col("col.basic_share"): [many.share(r["basic_wan"], r["total_wan"]) for r in recs],
                col("col.three_public_wan"): amounts("three_public_wan"),
                col("col.admin_operating_wan"): amounts("admin_operating_wan"),
                col("col.staff"): amounts("staff_actual"),
                col("col.per_staff_wan"): per_staff[:n],
                col("col.where"): many.pages_texts(recs, SOURCES, lang),
                col("col.open"): links,
            }
        )

    # the tables show the ``top`` largest departments; all of them download (made when a
    # button is clicked: a thousand links cost), and the catalogue lists them a page at a time
    several = len(records) > top
    table = figures(top, [many.doc_url(r, home, lang) for r in records[:top]])
    money = st.column_config.NumberColumn(format="%,.2f")
    ui.table(
        table,
        "compare",
        column_config={
            t("col.expenditure_total_wan"): money,
            t("col.basic_wan"): money,
            t("col.project_wan"): money,
            t("col.three_public_wan"): money,
            t("col.admin_operating_wan"): money,
            t("col.per_staff_wan"): money,
            t("col.basic_share"): st.column_config.NumberColumn(format="%.2f%%"),
            t("col.staff"): st.column_config.NumberColumn(format="%d"),
            t("col.open"): st.column_config.LinkColumn(display_text=t("link.open_document")),
        },
        offered=not several,
    )
    if several:

        def whole() -> pd.DataFrame:
            links = many.doc_urls(home, lang)
            return figures(None, [links[d] for d in documents])

        ui.offer_later("compare", whole)
        st.caption(t("msg.compare_rest").format(n=top, total=len(records)))
        st.page_link(
            many.CATALOGUE,
            label=t("link.catalogue_rest").format(n=len(records)),
            icon=":material/table_rows:",
            query_params={
                "government": government,
                "cat_year": str(year),
                "kind": kind,
                "cat_sort": "total-desc",
                "lang": lang,
            },
        )

    if class_shares is not None:
        st.subheader(t("head.class_shares"))
        shown = class_shares(top)
        ui.table(
            shown,
            "compare_classes",
            column_config={
                c: st.column_config.NumberColumn(format="%.2f%%") for c in shown.columns[1:]
            },
            offered=not several,
        )
        if several:
            ui.offer_later("compare_classes", partial(class_shares, None))

    # the departments of the charts open from here (plotly's bars and tick labels take no
    # links); every department's row in the table links too
    st.subheader(t("head.departments"))
    for r in records[:MAX_BARS]:
        st.page_link(
            many.OVERVIEW,
            label=t("link.department").format(
                department=r["department"], amount=fmt.wan(r["total_wan"]), unit=t("unit.wan")
            )
            if not many.blank(r["total_wan"])
            else str(r["department"]),
            icon=":material/dashboard:",
            query_params=many.doc_params(r, lang),
        )


compare_view(government, int(year), kind, scope, TABLE_ROWS, many.home())

ui.page_downloads("compare")
