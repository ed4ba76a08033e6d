"""文件目录 Catalogue: every loaded document with its headline figures and its reconciliation,
filterable and sortable; each row opens that document, each government-year its comparison and
each department with several years its trend."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import components as ui
from ui import data, many, state
from ui.i18n import t

ui.page_header("nav.catalogue", document=False)
# widget labels are formatted with this language (AppTest formats them outside the run)
LANG = state.lang()

docs = data.catalogue()
ALL = "*"  # every government / kind (a non-empty value: widget tests format it)
ALL_YEARS = 0
MAX_TREND_LINKS = 30

governments = sorted(set(docs["government"]))
left, mid, right = st.columns(3)
with left:
    government = state.bound_select(
        t("filter.government"),
        [ALL, *governments],
        "government",
        format_func=lambda g: t("word.all", LANG) if g == ALL else g,
    )
with mid:
    years = sorted({int(y) for y in docs["year"]}, reverse=True)
    year = state.bound_select(
        t("filter.year"),
        [ALL_YEARS, *years],
        "cat_year",
        format_func=lambda y: str(y) if y != ALL_YEARS else t("word.all", LANG),
        parse=state.parse_int,
    )
with right:
    kinds = list(dict.fromkeys(docs["kind"]))
    kind = state.bound_select(
        t("filter.kind"),
        [ALL, *kinds],
        "kind",
        format_func=lambda k: t("word.all", LANG) if k == ALL else many.kind_label(k, LANG),
    )
text = st.text_input(t("filter.department_text"), key="cat_text", max_chars=50).strip()


@ui.section
def catalogue_view(government: str, year: int, kind: str, text: str, home: str) -> None:
    """The documents that pass the filters, the comparisons and trends they allow (drawn once
    per view and filters, then replayed: see ui.section). ``home``: the page "/" opens, which
    the row links depend on."""
    docs = data.catalogue()
    # every year of the chosen departments (their trends), then the chosen year (the table)
    all_years = docs
    if government != ALL:
        all_years = all_years[all_years["government"] == government]
    if kind != ALL:
        all_years = all_years[all_years["kind"] == kind]
    if text:
        all_years = all_years[all_years["department"].str.contains(text, case=False, regex=False)]
    shown = all_years if year == ALL_YEARS else all_years[all_years["year"] == year]

    st.caption(t("msg.catalogue_count").format(n=len(shown), total=len(docs)))
    if shown.empty:
        st.info(t("msg.catalogue_none"))
        return

    records = shown.to_dict("records")
    lang = state.lang()  # looked up once: a catalogue has thousands of cells to label
    mismatch, clean = t("msg.checks_mismatch", lang), t("msg.checks_clean", lang)
    checks = [
        mismatch.format(n=r["checks_mismatch"])
        if r["checks_mismatch"]
        else clean.format(n=r["checks_ok"] + r["checks_rounding"])
        for r in records
    ]
    kinds = {k: many.kind_label(k, lang) for k in set(shown["kind"])}
    scopes = {k: many.scope_label(k, lang) for k in set(shown["scope"])}
    # the name and the amounts first (a phone shows the first columns), what it is after
    table = pd.DataFrame(
        {
            t("col.department"): shown["department"],
            t("col.year"): shown["year"].astype(str),
            t("col.expenditure_total_wan"): shown["total_wan"],
            t("col.basic_wan"): shown["basic_wan"],
            t("col.project_wan"): shown["project_wan"],
            t("col.basic_share"): [many.share(r["basic_wan"], r["total_wan"]) for r in records],
            t("col.three_public_wan"): shown["three_public_wan"],
            t("col.admin_operating_wan"): shown["admin_operating_wan"],
            t("col.mismatches"): shown["checks_mismatch"],
            t("col.checks"): checks,
            t("col.government"): shown["government"],
            t("col.doc_kind"): shown["kind"].map(kinds),
            t("col.scope"): shown["scope"].map(scopes),
            t("col.where"): many.pages_texts(records, many.FIGURE_SOURCES),
            t("col.open"): [many.doc_url(r, home, lang) for r in records],
        }
    )
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
    )
    st.caption(t("src.catalogue"))

    # comparisons: every government-year-kind-scope with two departments or more
    groups = (
        shown.groupby(["government", "year", "kind", "scope"], sort=False)
        .size()
        .reset_index(name="n")
    )
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


catalogue_view(government, year, kind, text, many.home())

ui.page_downloads("catalogue")
