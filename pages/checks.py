"""数据核对 Reconciliation: every check of the document against itself, filterable by status,
with what each status means and the two sides of each check side by side."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from budgetlens import check_labels as labels
from budgetlens import vocabulary
from budgetlens.check_core import STATUSES
from ui import components as ui
from ui import data, state
from ui.i18n import t

ui.page_header("nav.checks")

# the shared rows: cheaper on every rerun than a DataFrame
checks = data.dept_records("check_results")
if not checks:
    st.info(t("msg.no_checks"))
    st.stop()

ALL = "all"
MONEY = st.column_config.NumberColumn(format="%,.2f")
# the checks' amounts under their short headers (应为): as wide as "52,457.00" needs (Streamlit
# sizes a column from a sample of its rows, and cut that figure off)
AMOUNT_PX = 84
CHECK_MONEY = st.column_config.NumberColumn(format="%,.2f", width=AMOUNT_PX)
# what a reader looks for first: the contradictions, then what could not be judged
SHOWN_ORDER = ("mismatch", "unjudged", "rounding", "ok")

# Each section below is drawn once per view (and filter), then replayed (see ui.section).


@ui.section
def status_counts() -> None:
    """How many checks have each status, the rule set applied, and what each status means."""
    lang = state.current().lang
    counts = data.dept_query("check_results")["status"].value_counts()
    for column, status in zip(ui.metric_row(len(SHOWN_ORDER)), SHOWN_ORDER, strict=True):
        column.metric(
            labels.status_label(status, lang),
            int(counts.get(status, 0)),
            border=True,
            help=labels.status_explanation(status, lang),
        )
    applied = sorted({r["rule_set"] for r in checks if r.get("rule_set")})
    if applied:
        st.caption(
            t("checks.rule_set") + "、".join(labels.rule_set_label(a, lang) for a in applied)
        )
    st.markdown(
        "\n".join(
            f"- **{labels.status_label(s, lang)}**：{labels.status_explanation(s, lang)}"
            if lang == "zh"
            else f"- **{labels.status_label(s, lang)}**: {labels.status_explanation(s, lang)}"
            for s in SHOWN_ORDER
        )
    )


def shown_checks(status: str, kind: str) -> pd.DataFrame:
    """The checks with the status ``status`` and the kind ``kind`` ('all': any), contradictions
    first."""
    shown = data.dept_query("check_results")
    if status != ALL:
        shown = shown[shown["status"] == status]
    if kind != ALL:
        shown = shown[shown["check_kind"] == kind]
    order = {s: i for i, s in enumerate(SHOWN_ORDER)}
    return shown.assign(_o=shown["status"].map(order)).sort_values(["_o", "seq"])


@ui.section
def checks_table(status: str, kind: str) -> None:
    """The checks (:func:`shown_checks`): what was compared, then the expected and the actual
    side of each and their difference, then the kind of check, the detail and the lines (and
    pages) both were printed on."""
    lang = state.current().lang
    shown = shown_checks(status, kind)
    ui.table(
        pd.DataFrame(
            {
                t("col.status"): [labels.status_label(s, lang) for s in shown["status"]],
                t("col.subject"): [labels.subject_label(s, lang) for s in shown["subject"]],
                t("col.expected"): shown["expected_value"].astype(float),
                t("col.actual"): shown["actual_value"].astype(float),
                t("col.difference"): shown["difference_value"].astype(float),
                t("col.check_kind"): [labels.kind_label(k, lang) for k in shown["check_kind"]],
                t("col.source_lines"): shown["source_lines"],
                t("col.detail"): [
                    labels.subject_label(d, lang) if isinstance(d, str) else ""
                    for d in shown["detail"]
                ],
            }
        ),
        "checks",
        column_config={
            t("col.expected"): CHECK_MONEY,
            t("col.actual"): CHECK_MONEY,
            t("col.difference"): CHECK_MONEY,
        },
        height=560,
    )


# A phone's width (390 px, a table 358 px) holds the status, what was compared and the three
# amounts only when what was compared wraps in a narrow column: on a phone each check is a row
# of what was compared (after its status, on up to five lines) and the three amounts, in
# columns just wide enough for them; the kind, detail and lines follow.
# five lines of Chinese, six of the longer English: Streamlit wraps a cell's text above 64 px
PHONE_ROW_PX = {"zh": 104, "en": 124}
PHONE_TEXT_PX = 124
PHONE_AMOUNT_PX = 76  # "52,457.00" and the cell's padding


@ui.section
def checks_phone(status: str, kind: str) -> None:
    """The checks (:func:`shown_checks`) laid out for a phone (see PHONE_ROW_PX); offered for
    download as the wide table is (not twice)."""
    lang = state.current().lang
    shown = shown_checks(status, kind)
    sep = "：" if lang == "zh" else ": "
    subject = t("col.subject")

    def lead(status: str) -> str:  # the status opens the cell: "Mismatch: …"
        text = labels.status_label(status, lang)
        return text[:1].upper() + text[1:]

    frame = pd.DataFrame(
        {
            subject: [
                lead(a) + sep + labels.subject_label(s, lang)
                for a, s in zip(shown["status"], shown["subject"], strict=True)
            ],
            t("col.expected"): shown["expected_value"].astype(float),
            t("col.actual"): shown["actual_value"].astype(float),
            t("col.difference"): shown["difference_value"].astype(float),
            t("col.check_kind"): [labels.kind_label(k, lang) for k in shown["check_kind"]],
            t("col.detail"): [
                labels.subject_label(d, lang) if isinstance(d, str) else "" for d in shown["detail"]
            ],
            t("col.source_lines"): shown["source_lines"],
        }
    )
    amount = st.column_config.NumberColumn(format="%,.2f", width=PHONE_AMOUNT_PX)
    ui.table(
        frame,
        "checks",
        column_config={
            subject: st.column_config.TextColumn(width=PHONE_TEXT_PX),
            t("col.expected"): amount,
            t("col.actual"): amount,
            t("col.difference"): amount,
        },
        height=560,
        row_height=PHONE_ROW_PX[lang],
        offered=False,
    )


status_counts()
f1, f2 = st.columns(2)
with f1:
    status = state.bound_select(
        t("filter.status"),
        [ALL, *(s for s in SHOWN_ORDER if s in STATUSES)],
        "status",
        format_func=lambda s: t("word.all") if s == ALL else labels.status_label(s, state.lang()),
    )
with f2:
    kind = state.bound_select(
        t("filter.check_kind"),
        [ALL, *sorted({r["check_kind"] for r in checks})],
        "kind",
        format_func=lambda k: t("word.all") if k == ALL else labels.kind_label(k, state.lang()),
    )
# the wide table on a screen wider than a phone, the phone's table on a phone (ui.wide_or_phone)
wide, phone = ui.wide_or_phone("checks_table")
with wide:
    checks_table(status, kind)
with phone:
    checks_phone(status, kind)
st.caption(t("src.prefix") + state.current().title)


@ui.section
def between_years(document: str) -> None:
    """The prior-year figures this document states, and the ones the next year's document states
    for this one, against the loaded figure (budgetlens/checks_years.py): another document is
    involved, so they are listed apart from the document's checks against itself."""
    lang = state.current().lang
    figures = data.prior_year_figures()
    mine = data.prior_year_checks(
        figures[(figures["document"] == document) | (figures["loaded_document"] == document)]
    )
    if not mine:
        return
    st.subheader(labels.rule_set_label("years", lang))
    st.caption(labels.kind_explanation("prior_year", lang))
    stated = {
        (r["document"], r["measure"]): r for r in data.prior_year_figures().to_dict("records")
    }
    rows = [stated[(r["document"], r["measure"])] for r in mine]

    def where(title: object, page: object, line: object) -> str:
        if page is not None and not pd.isna(page):
            return f"{title} {t('src.at_page').format(page=int(page))}"
        if line is not None and not pd.isna(line):
            return f"{title} {t('src.at_line').format(line=int(line))}"
        return str(title)

    ui.table(
        pd.DataFrame(
            {
                t("col.status"): [labels.status_label(r["status"], lang) for r in mine],
                t("col.prior_year"): [str(r["prior_year"]) for r in mine],
                t("col.measure"): [vocabulary.label(f"measure.{r['measure']}", lang) for r in mine],
                t("col.stated_wan"): [float(s["value_wan"]) for s in rows],
                # a loaded document without the figure read: an empty cell (the check says why)
                t("col.loaded_wan"): [
                    None if pd.isna(s["loaded_wan"]) else float(s["loaded_wan"]) for s in rows
                ],
                t("col.difference"): [
                    float(r["difference"]) if r["difference"] is not None else None for r in mine
                ],
                t("col.stated_in"): [
                    where(s["title"], s["source_page"], s["source_line"]) for s in rows
                ],
                t("col.loaded_in"): [
                    where(s["loaded_title"], s["loaded_page"], s["loaded_line"]) for s in rows
                ],
            }
        ),
        "checks_years",
        column_config={
            t("col.stated_wan"): MONEY,
            t("col.loaded_wan"): MONEY,
            t("col.difference"): MONEY,
        },
    )


between_years(state.current().document)

ui.page_downloads("checks")
