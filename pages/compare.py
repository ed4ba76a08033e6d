"""部门比较 Compare departments: the departments of one government and year side by side —
支出总计, 基本支出 share, function mix (类 shares), “三公”经费, 机关运行经费 and spending per staff
member where stated; one small chart per measure, each bar opening that department."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from ui import components as ui
from ui import data, fmt, many, state
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
    docs = data.catalogue()
    mine = docs[
        (docs["government"] == government) & (docs["year"] == year) & (docs["kind"] == kind)
    ]
    group = mine[mine["scope"] == scope].sort_values(
        "total_wan", ascending=False, na_position="last"
    )

    st.caption(
        t("msg.compare_what").format(
            government=government,
            year=year,
            what=many.doc_label(str(scope), str(kind)),
            n=len(group),
        )
    )
    if len(group) < 2:
        st.info(t("msg.compare_one"))

    # the columns the charts, tables and links read (a thousand rows to turn into dicts)
    used = ("document", "department", "year", "title", "staff_actual", "total_wan", "basic_wan")
    used += ("project_wan", "three_public_wan", "admin_operating_wan")
    records = group[
        [c for c in group.columns if c in used or c.endswith(("_page", "_line"))]
    ].to_dict("records")
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
        return None if v is None or pd.isna(v) else float(v)

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
    classes = data.catalogue_classes()
    classes = classes[classes["document"].isin(documents)]
    class_shares = pd.DataFrame({t("col.department"): names})
    if not classes.empty:
        totals = {str(r["document"]): r["total_wan"] for r in records}
        key = classes["code"].fillna(classes["name"])
        order = classes.groupby(key, sort=False)["total_wan"].sum().sort_values(ascending=False)
        class_source = many.chart_source(
            many.class_sources(records), "classes", t("chart.trend_classes")
        )
        # plain lists: iterating the frame's Arrow-backed columns cell by cell is slow
        keys = key.tolist()
        # the name of each 类 (the last printed), translated once per 类
        named = dict(zip(keys, classes["name"].tolist(), strict=True))
        class_names = {k: ui.class_name(n) for k, n in named.items()}
        # each document's amount of each 类 (the last row of a 类 in a document, as printed)
        amounts = dict(
            zip(
                zip(classes["document"].tolist(), keys, strict=True),
                classes["total_wan"].tolist(),
                strict=True,
            )
        )
        shares_by_class = {}
        for k in order.index:
            shares_by_class[k] = [many.share(amounts.get((d, k)), totals[d]) for d in documents]
            class_shares[t("col.class_share").format(name=class_names[k])] = shares_by_class[k]
        columns = st.columns(2)
        for i, k in enumerate(list(order.index)[:CLASS_CHARTS]):
            with columns[i % 2]:
                bars(
                    shares_by_class[k],
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
        rows, recs = group.iloc[:n], records[:n]

        def col(k: str) -> str:
            return t(k, lang)

        return pd.DataFrame(
            {
                col("col.department"): names[:n],
                col("col.expenditure_total_wan"): rows["total_wan"],
                col("col.basic_wan"): rows["basic_wan"],
                col("col.project_wan"): rows["project_wan"],
                col("col.basic_share"): [many.share(r["basic_wan"], r["total_wan"]) for r in recs],
                col("col.three_public_wan"): rows["three_public_wan"],
                col("col.admin_operating_wan"): rows["admin_operating_wan"],
                col("col.staff"): rows["staff_actual"],
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

    if len(class_shares.columns) > 1:
        st.subheader(t("head.class_shares"))
        ui.table(
            class_shares.iloc[:top],
            "compare_classes",
            column_config={
                c: st.column_config.NumberColumn(format="%.2f%%") for c in class_shares.columns[1:]
            },
            offered=not several,
        )
        if several:
            ui.offer_later("compare_classes", lambda: class_shares)

    # the departments of the charts open from here (plotly's bars and tick labels take no
    # links); every department's row in the table links too
    st.subheader(t("head.departments"))
    for r in records[:MAX_BARS]:
        st.page_link(
            many.OVERVIEW,
            label=t("link.department").format(
                department=r["department"], amount=fmt.wan(r["total_wan"]), unit=t("unit.wan")
            )
            if r["total_wan"] is not None and not pd.isna(r["total_wan"])
            else str(r["department"]),
            icon=":material/dashboard:",
            query_params=many.doc_params(r, lang),
        )


compare_view(government, int(year), kind, scope, TABLE_ROWS, many.home())

ui.page_downloads("compare")
