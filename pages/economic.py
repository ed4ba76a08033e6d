"""经济科目 Economic classification of 基本支出: group → 部门经济科目 → 政府经济科目 (or group →
item where a document publishes one classification), 人员 vs 公用 where split, 机关运行经费 with
its glossary definition, and the 政府采购预算 (what the department plans to buy, by category)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from ui import components as ui
from ui import data, fmt, state
from ui.i18n import t

ui.page_header("nav.economic")
MONEY = st.column_config.NumberColumn(format="%,.2f")
ALL = "all"


def has_column(rows: pd.DataFrame, column: str) -> bool:
    """True when some row has a value in ``column`` (documents differ in the columns they print)."""
    return bool(rows[column].notna().any())


def item_label(row: pd.Series) -> str:
    """An item's name, with its code where the document prints one (30101 基本工资)."""
    name = str(row["dept_class"]) if pd.notna(row["dept_class"]) else ""
    return f"{row['code']} {name}".strip() if pd.notna(row["code"]) else name


def economic_rows(kind: str) -> pd.DataFrame:
    """The rows of the 基本支出 economic table of one kind: 'group', 'item' or 'total'."""
    economic = data.dept_query("expenditure_economic")
    return economic[economic["row_kind"] == kind]


# Each section below is drawn once per view (and selected group), then replayed (see ui.section).


@ui.section
def charts() -> None:
    """The treemap group → 部门经济科目 → 政府经济科目, and 人员 vs 公用 per group."""
    economic = data.dept_query("expenditure_economic")
    groups = economic_rows("group")
    items = economic_rows("item")
    # --- treemap: group → 部门经济科目 → 政府经济科目 ---------------------------------------------
    # Leaves carry the values, so that a box is the sum of what it contains even where the published
    # group total differs by 0.01 (the 数据核对 page lists those differences).
    ids: list[str] = []
    labels: list[str] = []
    parents: list[str] = []
    values: list[float] = []
    for group in dict.fromkeys(groups["group_name"]):
        ids.append(group)
        labels.append(group)
        parents.append("")
        values.append(0.0)
    if not has_column(items, "gov_class"):
        # one classification (item with its code): group → item
        for _, row in items.iterrows():
            ids.append(f"{row['group_name']}/{row['seq']}")
            labels.append(item_label(row))
            parents.append(str(row["group_name"]))
            values.append(float(row["total_wan"]) if pd.notna(row["total_wan"]) else 0.0)
    for dept_class, rows in items[items["gov_class"].notna()].groupby(
        ["group_name", "dept_class"], sort=False
    ):
        group_name, dept_name = dept_class
        node = f"{group_name}/{dept_name}"
        ids.append(node)
        labels.append(str(dept_name))
        parents.append(str(group_name))
        values.append(0.0)
        for _, row in rows.iterrows():
            ids.append(f"{node}/{row['gov_class']}/{row['seq']}")
            labels.append(str(row["gov_class"]))
            parents.append(node)
            values.append(float(row["total_wan"]) if pd.notna(row["total_wan"]) else 0.0)
    fig = go.Figure(
        go.Treemap(
            ids=ids,
            labels=labels,
            parents=parents,
            values=values,
            branchvalues="remainder",
            texttemplate="%{label}<br>%{value:,.2f} " + t("unit.wan"),
            hovertemplate="%{label}<br>%{value:,.2f} " + t("unit.wan") + "<extra></extra>",
        )
    )
    fig.update_layout(height=520)
    table = str(economic["table_key"].iloc[0])
    ui.chart(
        fig,
        t("chart.economic_groups"),
        ui.source(table, economic["source_line"]),
        key="ec_treemap",
    )

    # --- 人员 vs 公用 per group -------------------------------------------------------------------
    st.subheader(t("head.personnel_public"))
    if not has_column(economic, "personnel_wan") and not has_column(economic, "public_wan"):
        st.info(t("msg.no_split_personnel_public"))
        return
    fig = go.Figure()
    for column, label in (
        ("personnel_wan", t("metric.personnel")),
        ("public_wan", t("metric.public")),
    ):
        fig.add_trace(
            go.Bar(name=label, x=groups["group_name"], y=groups[column].fillna(0).astype(float))
        )
    fig.update_layout(barmode="stack", height=340)
    ui.chart(
        fig,
        t("chart.personnel_public_groups"),
        ui.source(table, groups["source_line"]),
        key="ec_personnel",
    )


def drilldown(group: str) -> None:
    """The economic table: every row, or those of the group ``group``."""
    economic = data.dept_query("expenditure_economic")
    shown = economic if group == ALL else economic[economic["group_name"] == group]
    # each row's own name and its amounts first (a phone shows them), then its group, the
    # government class and the code
    groups = [
        t("source.total") if kind == "total" and pd.isna(name) else name
        for kind, name in zip(shown["row_kind"], shown["group_name"], strict=True)
    ]
    columns: dict[str, object] = {
        t("col.name"): [
            cls if kind == "item" and isinstance(cls, str) else group
            for kind, cls, group in zip(shown["row_kind"], shown["dept_class"], groups, strict=True)
        ],
        t("col.total_wan"): shown["total_wan"].astype(float),
    }
    for key in ("personnel_wan", "public_wan"):
        if has_column(economic, key):
            columns[t(f"col.{key}")] = shown[key].astype(float)
    columns[t("col.group")] = groups
    if has_column(economic, "gov_class"):
        columns[t("col.gov_class")] = shown["gov_class"]
    if has_column(economic, "code"):
        columns[t("col.code")] = shown["code"]
    columns[t("col.source_line")] = shown["source_line"]
    ui.table(
        pd.DataFrame(columns),
        "expenditure_economic",
        column_config={
            t("col.total_wan"): MONEY,
            t("col.personnel_wan"): MONEY,
            t("col.public_wan"): MONEY,
        },
    )


def admin_operating() -> None:
    """机关运行经费: its definition, the stated total, the table and its source."""
    st.subheader(t("head.admin_operating"), help=ui.glossary_help("机关运行经费"))
    definition = ui.glossary_help("机关运行经费")
    if definition:
        st.info(f"**{t('head.admin_operating')}**：{definition}")
    admin = ui.key_figures().get("admin_operating_total")
    if admin is not None:
        st.metric(
            t("fact.admin_operating"),
            fmt.wan(admin["value"]),
            help="\n\n".join((str(admin["sentence"]), ui.source(None, [admin["source_line"]]))),
        )
    admin_rows = data.dept_query("admin_operating")
    if ui.is_empty_table("admin_operating"):
        st.info(t("msg.table_empty").format(title=t("head.admin_operating")))
        return
    if admin_rows.empty:
        if admin is None:
            st.info(t("msg.no_admin_operating"))
        return
    ui.table(
        pd.DataFrame(
            {
                t("col.label"): [
                    t("source.total")
                    if kind == "total" and not label
                    else (f"{code} {label}".strip() if isinstance(code, str) else label)
                    for kind, code, label in zip(
                        admin_rows["row_kind"], admin_rows["code"], admin_rows["label"], strict=True
                    )
                ],
                t("col.total_wan"): admin_rows["total_wan"].astype(float),
                t("col.source_line"): admin_rows["source_line"],
            }
        ),
        "admin_operating",
        column_config={t("col.total_wan"): MONEY},
    )
    st.caption(ui.source("admin_operating", admin_rows["source_line"]))


@ui.section
def drilldown_and_admin(group: str | None) -> None:
    """The drilldown table of ``group`` (None: no economic rows), then 机关运行经费."""
    if group is None:
        st.info(t("msg.no_economic"))
    else:
        drilldown(group)
    admin_operating()


def procurement_line(row: pd.Series) -> str:
    """What a row of the 政府采购预算表 names: 合计, the category, the 专项 / 经济科目 of a
    subtotal, the unit of a unit's subtotal, or the item as published."""
    kind = row["row_kind"]
    if kind == "total":
        return t("source.total")
    if kind == "category":
        return t(f"procurement.{row['category']}")
    if kind == "unit":
        return str(row["unit"]) if pd.notna(row["unit"]) else ""
    if kind == "item" and pd.notna(row["item"]):
        return str(row["item"])
    name = row["project"] if pd.notna(row["project"]) else row["economic"]
    return str(name) if pd.notna(name) else ""


@ui.section
def procurement() -> None:
    """The 政府采购预算表: its 合计 and categories as figures, every row in a table (the table's
    order, amounts in 万元), its source page; a sentence where the document has none read."""
    st.subheader(t("head.procurement"), help=ui.glossary_help("政府采购"))
    rows = data.dept_query("procurement_items")
    if rows.empty:
        table = next(
            (r for r in data.dept_records("source_tables") if r["table_key"] == "procurement"), None
        )
        if ui.is_empty_table("procurement"):
            st.info(t("msg.table_empty").format(title=t("head.procurement")))
        elif table is not None:  # printed in a form not read item by item (kept raw)
            st.info(
                t("msg.procurement_raw").format(
                    page=ui.page_text([table["source_line"]]) or table["title"]
                )
            )
        else:
            st.info(t("msg.no_procurement"))
        return
    totals = rows[rows["row_kind"] == "total"]
    categories = rows[rows["row_kind"] == "category"]
    figures = [(t("metric.procurement_total"), v) for v in totals["total_wan"]] + [
        (
            t("metric.procurement_category").format(category=t(f"procurement.{c}")),
            v,
        )
        for c, v in zip(categories["category"], categories["total_wan"], strict=True)
    ]
    if figures:
        for column, (label, value) in zip(ui.metric_row(len(figures)), figures, strict=True):
            column.metric(label, fmt.wan(value), border=True)
    columns: dict[str, object] = {
        t("col.procurement_line"): [procurement_line(r) for _, r in rows.iterrows()],
        t("col.total_wan"): rows["total_wan"].astype(float),
    }
    if has_column(rows, "general_budget_wan"):
        columns[t("col.general_budget_wan")] = rows["general_budget_wan"].astype(float)
    columns[t("col.procurement_kind")] = [t(f"procurement_kind.{k}") for k in rows["row_kind"]]
    if has_column(rows, "category"):
        columns[t("col.procurement_category")] = [
            t(f"procurement.{c}") if isinstance(c, str) else "" for c in rows["category"]
        ]
    for key, column in (
        ("unit", "col.unit"),
        ("project", "col.project"),
        ("economic", "col.economic"),
        ("method", "col.procurement_method"),
    ):
        if has_column(rows, key):
            columns[t(column)] = rows[key]
    columns[t("col.source_line")] = rows["source_line"]
    ui.table(
        pd.DataFrame(columns),
        "procurement",
        column_config={t("col.total_wan"): MONEY, t("col.general_budget_wan"): MONEY},
    )
    st.caption(ui.source("procurement", rows["source_line"]))


# The live part reads the shared rows, not a DataFrame: filtering one on every rerun cost more
# than drawing the replayed sections.
records = data.dept_records("expenditure_economic")
if records:
    charts()
    # --- drilldown table --------------------------------------------------------------------------
    st.subheader(t("head.drilldown"))
    group = state.bound_select(
        t("filter.group"),
        [ALL, *dict.fromkeys(r["group_name"] for r in records if r["row_kind"] == "group")],
        "group",
        format_func=lambda g: t("word.all") if g == ALL else g,
    )
    drilldown_and_admin(group)
else:
    drilldown_and_admin(None)
procurement()

ui.page_downloads("economic")
