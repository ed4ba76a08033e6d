"""文件目录 Catalogue: every loaded document with its headline figures and its reconciliation,
filterable and sortable; each row opens that document, each government-year its comparison and
each department with several years its trend."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from ui import components as ui
from ui import data, many, state
from ui.i18n import t

ui.page_header("nav.catalogue", document=False)
# widget labels are formatted with this language (AppTest formats them outside the run)
LANG = state.lang()

ALL, ALL_YEARS = many.ALL, many.ALL_YEARS
MAX_TREND_LINKS = 30

governments, years, kinds = many.catalogue_choices()
size = many.PAGE_SIZE
# the filters in one row that wraps (one block, not a column each) and in the URL, in one message
with state.one_url_update(), st.container(horizontal=True, gap="small"):
    government = state.bound_select(
        t("filter.government"),
        [ALL, *governments],
        "government",
        format_func=lambda g: t("word.all", LANG) if g == ALL else g,
    )
    year = state.bound_select(
        t("filter.year"),
        [ALL_YEARS, *years],
        "cat_year",
        format_func=lambda y: str(y) if y != ALL_YEARS else t("word.all", LANG),
        parse=state.parse_int,
    )
    kind = state.bound_select(
        t("filter.kind"),
        [ALL, *kinds],
        "kind",
        format_func=lambda k: t("word.all", LANG) if k == ALL else many.kind_label(k, LANG),
    )
    text = st.text_input(t("filter.department_text"), key="cat_text", max_chars=50).strip()
    sort = state.bound_select(
        t("filter.sort"), many.SORTS, "cat_sort", format_func=partial(many.sort_label, lang=LANG)
    )
    # filtered and sorted here (once per filters and database, shared), shown a page at a time
    matching = len(many.catalogue_rows(government, int(year), kind, text, str(sort))[1])
    pages = max(1, -(-matching // size))
    page = (
        state.bound_select(
            t("filter.page"),
            list(range(1, pages + 1)),
            "cat_page",
            format_func=lambda p: t("msg.page_of", LANG).format(page=p, pages=pages),
            parse=state.parse_int,
        )
        if pages > 1
        else 1
    )


def catalogue_table(rows: pd.DataFrame, lang: str, links: dict[str, str] | str) -> pd.DataFrame:
    """The catalogue's columns for ``rows`` in ``lang``, each row's link from ``links`` (by
    document), or made here for the home page ``links`` (reads no session: also made for the
    download of the whole list, when its button is clicked)."""
    records = rows.to_dict("records")
    if isinstance(links, str):
        links = {str(r["document"]): many.doc_url(r, links, lang) for r in records}
    mismatch, clean = t("msg.checks_mismatch", lang), t("msg.checks_clean", lang)
    checks = [
        mismatch.format(n=r["checks_mismatch"])
        if r["checks_mismatch"]
        else clean.format(n=r["checks_ok"] + r["checks_rounding"])
        for r in records
    ]
    kinds = {k: many.kind_label(k, lang) for k in set(rows["kind"])}
    scopes = {k: many.scope_label(k, lang) for k in set(rows["scope"])}

    def col(key: str) -> str:
        return t(key, lang)

    # the name and the amounts first (a phone shows the first columns), what it is after
    return pd.DataFrame(
        {
            col("col.department"): rows["department"],
            col("col.year"): rows["year"].astype(str),
            col("col.expenditure_total_wan"): rows["total_wan"],
            col("col.basic_wan"): rows["basic_wan"],
            col("col.project_wan"): rows["project_wan"],
            col("col.basic_share"): [many.share(r["basic_wan"], r["total_wan"]) for r in records],
            col("col.three_public_wan"): rows["three_public_wan"],
            col("col.admin_operating_wan"): rows["admin_operating_wan"],
            col("col.mismatches"): rows["checks_mismatch"],
            col("col.checks"): checks,
            col("col.government"): rows["government"],
            col("col.doc_kind"): rows["kind"].map(kinds),
            col("col.scope"): rows["scope"].map(scopes),
            col("col.where"): many.pages_texts(records, many.FIGURE_SOURCES, lang),
            col("col.open"): [links[str(r["document"])] for r in records],
        }
    )


@ui.section
def catalogue_view(
    government: str, year: int, kind: str, text: str, sort: str, page: int, size: int, home: str
) -> None:
    """One page (``size`` rows) of the documents that pass the filters, sorted by ``sort``, the
    whole list offered for download, and the comparisons and trends they allow (drawn once per
    view, filters and page, then replayed: see ui.section). ``home``: the page "/" opens, which
    the row links depend on."""
    docs = data.catalogue()
    # every year of the chosen departments (their trends), then the chosen year (the table)
    all_years, shown = many.catalogue_rows(government, year, kind, text, sort)
    if shown.empty:
        st.caption(t("msg.catalogue_count").format(n=0, total=len(docs)))
        st.info(t("msg.catalogue_none"))
        return
    pages = max(1, -(-len(shown) // size))
    page = min(max(page, 1), pages)
    rows = shown.iloc[(page - 1) * size : page * size]
    if pages > 1:
        st.caption(
            t("msg.catalogue_page").format(
                n=len(shown),
                total=len(docs),
                first=(page - 1) * size + 1,
                last=(page - 1) * size + len(rows),
            )
        )
    else:
        st.caption(t("msg.catalogue_count").format(n=len(shown), total=len(docs)))

    lang = state.lang()  # looked up once: a catalogue has thousands of cells to label
    table = catalogue_table(rows, lang, home)
    money = st.column_config.NumberColumn(format="%,.2f")
    ui.table(
        table,
        "catalogue",
        column_config={
            t("col.expenditure_total_wan"): money,
            t("col.basic_wan"): money,
            t("col.project_wan"): money,
            t("col.three_public_wan"): money,
            t("col.admin_operating_wan"): money,
            t("col.basic_share"): st.column_config.NumberColumn(format="%.2f%%"),
            t("col.open"): st.column_config.LinkColumn(display_text=t("link.open_document")),
        },
        offered=pages == 1,
    )
    if pages > 1:  # the whole list, made when a download button is clicked

        def whole() -> pd.DataFrame:
            return catalogue_table(shown, lang, many.doc_urls(home, lang))

        ui.offer_later("catalogue", whole)
    st.caption(t("src.catalogue"))

    # comparisons: every government-year-kind-scope with two departments or more
    groups = shown.groupby(["government", "year", "kind", "scope"]).size().reset_index(name="n")
    groups = groups[groups["n"] > 1]
    if not groups.empty:
        st.subheader(t("head.compare_links"))
        for g in groups.itertuples():
            st.page_link(
                many.COMPARE,
                label=t("link.compare").format(
                    government=g.government,
                    year=g.year,
                    n=g.n,
                    what=many.doc_label(g.scope, g.kind),
                ),
                icon=":material/bar_chart:",
                query_params={
                    "government": g.government,
                    "cmp_year": str(g.year),
                    "kind": g.kind,
                    "scope": g.scope,
                    "lang": state.lang(),
                },
            )

    # trends: the departments with two years or more (the first of them; the trend page lists all)
    years_of = all_years.groupby(["government", "department_key"], sort=False)["year"].nunique()
    years_of = years_of[years_of > 1]
    if not years_of.empty:
        st.subheader(t("head.trend_links"))
        for (gov, department), n in list(years_of.items())[:MAX_TREND_LINKS]:
            st.page_link(
                many.TRENDS,
                label=t("link.trend").format(department=department, n=n),
                icon=":material/trending_up:",
                query_params={"government": gov, "dept_key": department, "lang": state.lang()},
            )
        if len(years_of) > MAX_TREND_LINKS:
            st.caption(t("msg.more_trends").format(n=len(years_of) - MAX_TREND_LINKS))


catalogue_view(government, int(year), kind, text, str(sort), int(page), size, many.home())

ui.page_downloads("catalogue")
