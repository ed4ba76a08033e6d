"""The storyline of a department-year: the slide sequence, as data.

:func:`slides` turns what the database holds about one disclosure into a list of :class:`Slide`
objects — title, unit, source line, a chart (or table, or headline figures) and two or three
sentences written from the data. The PPTX deck (:mod:`budgetlens.deck`) draws them; a presenter
page can draw the same list. Nothing here is typed in: every figure is read through a named query
(``queries/*.sql``) and every sentence is formatted from those figures, so a test can compare any
number on a slide with the database. Amounts are Decimal, exactly as stored.

This module never imports streamlit.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import duckdb

from budgetlens import queries
from budgetlens.db import document_of

CHART_KINDS = ("bar", "pie", "doughnut", "column", "table", "figures")
MAX_CATEGORIES = 8  # more than this is unreadable on a slide: the rest is summed as 其他
PROJECT_TABLE_ROWS = 10  # rows of the project list before the rest is summed
MISMATCH_ROWS_PER_SLIDE = 5  # rows of the mismatch table per slide (long subjects wrap)

CENT = Decimal("0.01")
HUNDRED = Decimal(100)

# Labels and sentence templates, (中文, English). Data (科目 names, project names, units of the
# budget) stays as published in both languages; only the deck's own words are translated.
TEXT: dict[str, tuple[str, str]] = {
    "unit.wan": ("万元", "10k yuan"),
    "unit.count": ("个", "count"),
    "unit.checks": ("项", "checks"),
    "pct": ("%", "%"),
    "title.title": ("{doc}", "{doc}"),
    "title.overview": ("预算总览", "Budget overview"),
    "title.overview_final": ("决算总览", "Final accounts overview"),
    "title.revenue": ("收入按来源", "Revenue by source"),
    "title.function": ("支出按功能分类", "Expenditure by function"),
    "title.basic_project": ("基本支出与项目支出", "Basic vs project expenditure"),
    "title.economic": ("基本支出按经济分类", "Basic expenditure by economic class"),
    "title.units": ("项目支出按预算单位", "Project expenditure by budget unit"),
    "title.projects": ("项目支出清单", "Projects"),
    "title.scorecard": ("绩效目标：{project}", "Performance targets: {project}"),
    "title.checks": ("数据核对结果", "Reconciliation results"),
    "title.mismatches": ("不一致项 {page}/{pages}", "Mismatches {page}/{pages}"),
    "subtitle.title": (
        "{department} · {year}年度{scope}{kind} · 金额单位：{unit}",
        "{department} · {year} {scope} {kind} · amounts in {unit}",
    ),
    "scope.部门": ("部门", "department"),
    "scope.单位": ("单位", "unit"),
    "kind.预算": ("预算", "budget"),
    "kind.决算": ("决算", "final accounts"),
    "heading": ("{title}（{unit}）", "{title} ({unit})"),
    "source": ("来源：{doc}，{tables}", "Source: {doc}, {tables}"),
    "source.table": ("{table}（第{line}行）", "{table} (line {line})"),
    "source.table_page": ("{table}（第{page}页）", "{table} (page {page})"),
    "source.page": ("第{page}页", "page {page}"),
    "source.page_file": ("{file}第{page}页", "{file}, page {page}"),
    "source.table_located": ("{table}（{where}）", "{table} ({where})"),
    "source.pdf": ("文件 {files}（共{pages}页）", "{files} ({pages} pages)"),
    "source.narrative": ("预算情况说明", "budget narrative"),
    "source.file": ("文件 {file}（共{lines}行）", "file {file} ({lines} lines)"),
    "source.performance": ("{project}绩效目标表", "performance targets of {project}"),
    "source.checks": (
        "BudgetLens 对本文件的数据核对（{n}项）",
        "BudgetLens reconciliation of this document ({n} checks)",
    ),
    "figure.revenue_total": ("收入总计", "Total revenue"),
    "figure.expenditure_total": ("支出总计", "Total expenditure"),
    "figure.revenue_current_year": ("本年收入", "Current-year revenue"),
    "figure.revenue_carried_over": ("上年结转", "Carried over"),
    "figure.revenue_change": ("收入比上年增减", "Change on prior year"),
    "figure.revenue_change_pct": ("增减幅度", "Change (%)"),
    "series.amount": ("金额", "Amount"),
    "series.indicators": ("指标数", "Indicators"),
    "series.measurable": ("可量化指标", "Measurable"),
    "series.checks": ("核对项数", "Checks"),
    "series.personnel": ("人员经费", "Personnel"),
    "series.public": ("公用经费", "Public (operating)"),
    "series.total": ("合计", "Total"),
    "other": ("其他", "Other"),
    "other.projects": ("其他{n}个项目", "{n} other projects"),
    "source_key.fiscal_appropriation": ("财政拨款收入", "Fiscal appropriations"),
    "source_key.business_income": ("事业收入", "Public-service income"),
    "source_key.operating_income": ("事业单位经营收入", "Business income of institutions"),
    "source_key.other_income": ("其他收入", "Other income"),
    "source_key.general_budget": ("一般公共预算", "General public budget"),
    "source_key.gov_fund": ("政府性基金预算", "Government funds"),
    "source_key.state_capital": ("国有资本经营预算", "State capital operations"),
    "source_key.special_account": ("财政专户管理资金", "Special accounts"),
    "source_key.unit_funds": ("单位资金", "Unit funds"),
    "source_key.carried_over": ("上年结转", "Carried over"),
    "basic": ("基本支出", "Basic expenditure"),
    "project": ("项目支出", "Project expenditure"),
    "status.ok": ("一致", "ok"),
    "status.rounding": ("舍入差异", "rounding"),
    "status.mismatch": ("不一致", "mismatch"),
    "col.kind": ("核对类型", "Check"),
    "col.subject": ("核对内容", "Subject"),
    "col.expected": ("应为", "Expected"),
    "col.actual": ("实际", "Actual"),
    "col.difference": ("差额", "Difference"),
    "col.detail": ("说明", "Detail"),
    "col.lines": ("行号", "Lines"),
    "col.pages": ("页码", "Pages"),
    "col.unit": ("预算单位", "Budget unit"),
    "col.project": ("项目", "Project"),
    "col.current_year": ("本年预算", "Current year"),
    "col.carried_over": ("上年结转", "Carried over"),
    "col.total": ("合计", "Total"),
    "col.share": ("占比（%）", "Share (%)"),
    # sentences
    "s.title.1": (
        "本演示由 BudgetLens 根据《{doc}》生成，每个数字都来自数据库并注明原文行号。",
        "Generated by BudgetLens from “{doc}”; every figure comes from the database with its "
        "source line.",
    ),
    "s.title.1.pdf": (
        "本演示由 BudgetLens 根据《{doc}》生成，每个数字都来自数据库并注明原文页码。",
        "Generated by BudgetLens from “{doc}”; every figure comes from the database with the "
        "page it is printed on.",
    ),
    "s.title.2": (
        "收入总计 {revenue} 万元，支出总计 {expenditure} 万元。",
        "Total revenue {revenue}, total expenditure {expenditure} (10k yuan).",
    ),
    "s.overview.total": (
        "收入总计 {revenue} 万元，支出总计 {expenditure} 万元。",
        "Total revenue {revenue}, total expenditure {expenditure} (10k yuan).",
    ),
    "s.overview.split": (
        "其中本年收入 {current} 万元，上年结转 {carried} 万元。",
        "Of which current-year revenue {current} and carried over {carried} (10k yuan).",
    ),
    "s.overview.change": (
        "收入总计比上年{direction} {change} 万元，幅度 {pct}%。",
        "Total revenue {direction} by {change} (10k yuan) on the prior year, {pct}%.",
    ),
    "up": ("增加", "rose"),
    "down": ("减少", "fell"),
    "s.share": (
        "{name} {amount} 万元，占{whole} {share}%。",
        "{name}: {amount} (10k yuan), {share}% of {whole}.",
    ),
    "whole.revenue": ("收入合计", "total revenue"),
    "whole.expenditure": ("支出总计", "total expenditure"),
    # a 决算's function table is the year's spending (本年支出合计), not its 支出总计
    "whole.expenditure_final": ("本年支出合计", "current-year expenditure"),
    "whole.basic": ("基本支出", "basic expenditure"),
    "whole.projects": ("项目支出", "project expenditure"),
    "s.function.count": (
        "支出涉及 {n} 个功能分类类级科目。",
        "Expenditure falls under {n} functional classes.",
    ),
    "s.basic_project": (
        "基本支出 {basic} 万元（{basic_share}%），项目支出 {project} 万元（{project_share}%）。",
        "Basic expenditure {basic} ({basic_share}%), project expenditure {project} "
        "({project_share}%), in 10k yuan.",
    ),
    "s.basic_project.2": (
        "基本支出保障机构运转和人员，项目支出用于完成特定工作任务。",
        "Basic expenditure keeps the institutions running; projects pay for specific tasks.",
    ),
    "s.economic.total": (
        "基本支出 {total} 万元，其中人员经费 {personnel} 万元（{personnel_share}%），"
        "公用经费 {public} 万元（{public_share}%）。",
        "Basic expenditure {total}: personnel {personnel} ({personnel_share}%), public "
        "{public} ({public_share}%), in 10k yuan.",
    ),
    "s.economic.total_only": (
        "基本支出 {total} 万元。",
        "Basic expenditure {total} (10k yuan).",
    ),
    "s.units.total": (
        "项目支出共 {n} 个项目，合计 {total} 万元，分属 {units} 个预算单位。",
        "{n} projects totalling {total} (10k yuan) across {units} budget units.",
    ),
    "s.projects.top": (
        "最大的项目是{project}，{amount} 万元，占项目支出 {share}%。",
        "The largest project is {project}: {amount} (10k yuan), {share}% of project spending.",
    ),
    "s.projects.scorecards": (
        "{with_card} 个项目公开了绩效目标表。",
        "{with_card} projects publish performance targets.",
    ),
    "s.scorecard.indicators": (
        "年度绩效指标 {n} 个，分属 {k} 个二级指标；可量化（数值或时间）{m} 个，占 {share}%。",
        "{n} annual indicators in {k} categories; {m} measurable (numeric or time), {share}%.",
    ),
    "s.scorecard.no_indicators": ("未公开年度绩效指标。", "No annual indicators published."),
    "s.scorecard.budget": (
        "项目支出预算 {budget} 万元。",
        "Project budget {budget} (10k yuan).",
    ),
    "s.scorecard.dept_budget": (
        "部门预算 {budget} 万元。",
        "Department budget {budget} (10k yuan).",
    ),
    "s.scorecard.cost": (
        "成本指标核对（{subject}）：指标 {actual} 万元，对照 {expected} 万元，{status}。",
        "Cost check ({subject}): indicator {actual} vs {expected} (10k yuan): {status}.",
    ),
    "s.scorecard.cost_detail": (
        "成本指标核对（{subject}）：{status}，{detail}。",
        "Cost check ({subject}): {status}, {detail}.",
    ),
    "s.scorecard.cost_counts": (
        "成本指标核对 {n} 项：一致 {ok} 项，舍入差异 {rounding} 项，不一致 {mismatch} 项。",
        "{n} cost checks: {ok} ok, {rounding} rounding, {mismatch} mismatch.",
    ),
    "s.scorecard.no_cost": ("没有成本指标核对。", "No cost-indicator check."),
    "s.checks.total": (
        "共核对 {n} 项：一致 {ok} 项，舍入差异 {rounding} 项，不一致 {mismatch} 项。",
        "{n} checks: {ok} ok, {rounding} rounding, {mismatch} mismatch.",
    ),
    "s.checks.rounding": (
        "舍入差异是分项四舍五入造成的分位差，在容差以内。",
        "Rounding differences stay within the cent-per-item tolerance.",
    ),
    "s.checks.kinds": (
        "不一致项最多的核对类型：{kinds}。",
        "Most mismatches by kind: {kinds}.",
    ),
    "s.mismatches": (
        "第 {first}–{last} 项，共 {n} 项不一致；金额单位万元（个数与比例除外），行号指原文行。",
        "Items {first}–{last} of {n} mismatches; amounts in 10k yuan (counts and rates "
        "excepted); lines of the source text.",
    ),
    "s.mismatches.pdf": (
        "第 {first}–{last} 项，共 {n} 项不一致；金额单位万元（个数与比例除外），页码指原PDF页。",
        "Items {first}–{last} of {n} mismatches; amounts in 10k yuan (counts and rates "
        "excepted); pages of the source PDF.",
    ),
    "s.no_mismatch": ("没有不一致项。", "No mismatches."),
}

# 核对类型 (check_result.check_kind) in words.
CHECK_KINDS: dict[str, tuple[str, str]] = {
    "balance": ("收支平衡", "balance"),
    "column_total": ("合计行", "column total"),
    "cost_indicator": ("成本指标", "cost indicator"),
    "cross_table": ("表间核对", "cross-table"),
    "economic_function": ("经济与功能分类", "economic vs function"),
    "name_consistency": ("科目名称", "name consistency"),
    "narrative": ("说明中的数字", "narrative figure"),
    "narrative_count": ("说明中的个数", "narrative count"),
    "narrative_name": ("说明中的科目", "narrative name"),
    "narrative_rate": ("说明中的增幅", "narrative rate"),
    "narrative_share": ("说明中的占比", "narrative share"),
    "performance_funds": ("绩效资金", "performance funds"),
    "performance_unit": ("绩效实施单位", "performance unit"),
    "period_consistency": ("实施期与年度", "period consistency"),
    "row_sum": ("行合计", "row sum"),
    "subtotal": ("小计", "subtotal"),
    "supervisor_code": ("主管部门代码", "supervisor code"),
    "three_public": ("“三公”经费", "“three public” expenses"),
    "unit_subtotal": ("单位小计", "unit subtotal"),
}


def tr(lang: str, key: str, **values: Any) -> str:
    """The text ``key`` in ``lang`` ('zh' or 'en') with ``values`` filled in.

    Raises KeyError for an unknown key and ValueError for an unknown language.
    """
    if lang not in ("zh", "en"):
        raise ValueError(f"unknown language {lang!r}: expected 'zh' or 'en'")
    zh, en = TEXT[key]
    return (zh if lang == "zh" else en).format(**values)


def check_kind_label(kind: str, lang: str = "zh") -> str:
    """The check kind in words; an unknown kind is shown as stored."""
    pair = CHECK_KINDS.get(kind)
    return kind if pair is None else pair[0 if lang == "zh" else 1]


# --- numbers ------------------------------------------------------------------------------------


def dec(value: Any) -> Decimal | None:
    """A database value as Decimal (None stays None). Floats go through str, never binary."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float) and value != value:  # NaN from a DataFrame
        return None
    return Decimal(str(value))


def fmt_amount(value: Any) -> str:
    """An amount with thousands separators and two decimals, e.g. ``1,234.50``; '' for None."""
    d = dec(value)
    if d is None:
        return ""
    return f"{d.quantize(CENT, rounding=ROUND_HALF_UP):,.2f}"


def fmt_count(value: Any) -> str:
    """A count or other unitless figure: no decimals when whole, else two."""
    d = dec(value)
    if d is None:
        return ""
    return f"{d:,.0f}" if d == d.to_integral_value() else fmt_amount(d)


def share(part: Any, whole: Any) -> Decimal | None:
    """``part`` as a percentage of ``whole``, rounded half-up to 0.01; None when whole is 0."""
    p, w = dec(part), dec(whole)
    if p is None or w is None or w == 0:
        return None
    return (p * HUNDRED / w).quantize(CENT, rounding=ROUND_HALF_UP)


def fmt_pct(value: Decimal | None) -> str:
    return "" if value is None else f"{value:,.2f}"


# --- the slide model ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Series:
    """One data series of a chart: a name and one value per category (None for a blank)."""

    name: str
    values: tuple[Decimal | None, ...]


@dataclass(frozen=True)
class Figure:
    """A headline figure: label, value and its unit (万元, %, 个 …)."""

    label: str
    value: Decimal
    unit: str


@dataclass(frozen=True)
class Chart:
    """What a slide shows.

    ``kind`` is one of CHART_KINDS. Charts use ``categories`` and ``series``; 'table' uses
    ``columns`` and ``rows`` (cells are str, int or Decimal amounts; ``amount_columns`` are the
    indexes of columns holding amounts); 'figures' uses ``figures``.
    """

    kind: str
    categories: tuple[str, ...] = ()
    series: tuple[Series, ...] = ()
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[Any, ...], ...] = ()
    amount_columns: tuple[int, ...] = ()
    figures: tuple[Figure, ...] = ()
    number_format: str = "#,##0.00"

    def __post_init__(self) -> None:
        if self.kind not in CHART_KINDS:
            raise ValueError(f"unknown chart kind {self.kind!r}: expected one of {CHART_KINDS}")


@dataclass
class Slide:
    """One slide: what it is (key), its title and unit, its source line, a chart and sentences.

    ``heading`` is the title with the unit, as it appears on the slide, e.g. 支出按功能分类（万元）.
    The title slide has no chart and carries the unit in its subtitle.
    """

    key: str
    title: str
    unit: str
    source: str
    chart: Chart | None = None
    sentences: list[str] = field(default_factory=list)
    subtitle: str = ""
    lang: str = "zh"

    @property
    def heading(self) -> str:
        if self.key == "title":
            return self.title
        return tr(self.lang, "heading", title=self.title, unit=self.unit)


# --- reading ------------------------------------------------------------------------------------


def fetch(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> list[dict[str, Any]]:
    """Rows of the named query (``queries/<name>.sql``) as dicts, DECIMAL columns as Decimal.

    DataFrames would turn DECIMAL into float; slides and workbooks want the exact figures, so the
    rows are fetched as Python values on a cursor of their own. Raises ValueError for a bad query
    name and duckdb errors for a bad query.
    """
    sql = queries.load_sql(name)
    cur = con.cursor()
    try:
        cur.execute(sql, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
    finally:
        cur.close()


def top_n(
    items: Sequence[tuple[str, Decimal | None]], other_label: str, n: int = MAX_CATEGORIES
) -> list[tuple[str, Decimal | None]]:
    """At most ``n`` (label, value) pairs: the n-1 largest and the rest summed as ``other_label``.

    Items are sorted by value, largest first (None counts as 0); when there are no more than n
    items they are all kept, still sorted.
    """
    ordered = sorted(items, key=lambda kv: kv[1] or Decimal(0), reverse=True)
    if len(ordered) <= n:
        return list(ordered)
    head, rest = ordered[: n - 1], ordered[n - 1 :]
    return [*head, (other_label, sum((v or Decimal(0) for _, v in rest), Decimal(0)))]


class _Context:
    """What every slide builder needs: connection, document, language, sources."""

    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        department: str,
        year: int,
        lang: str,
        document: str | None = None,
    ):
        self.con, self.department, self.year, self.lang = con, department, year, lang
        self.document = document or document_of(con, department, year) or ""
        docs = self.q("deck_document")
        if not docs or docs[0]["department"] != department or docs[0]["year"] != year:
            raise LookupError(f"no document for {department} {year} in the database")
        self.doc = docs[0]
        self.tables = {r["table_key"]: r for r in self.q("source_tables")}
        self.key_figures = {r["key"]: r for r in self.q("key_figures")}
        # line → (file, page) for a document read from PDF; empty for a text document
        self.pages = {r["line"]: (r["file"], r["page"]) for r in self.q("source_pages")}
        self.files = list(dict.fromkeys(file for file, _ in self.pages.values()))

    def q(self, name: str, **params: Any) -> list[dict[str, Any]]:
        return fetch(self.con, name, document=self.document, **params)

    def t(self, key: str, **values: Any) -> str:
        return tr(self.lang, key, **values)

    def page(self, line: int | None) -> str | None:
        """Where a line was printed in the PDF: 第9页 (with the file when the document has
        several); None for a text document or a line not located."""
        where = self.pages.get(line) if line is not None else None
        if where is None:
            return None
        file, page = where
        if len(self.files) > 1:
            return self.t("source.page_file", file=file, page=page)
        return self.t("source.page", page=page)

    def source(self, *parts: tuple[str | None, int]) -> str:
        """来源：<document title>，<part>（第<line>行）、… for (label, line) parts; for a PDF the
        page instead of the line: <part>（第9页）. A part without a label is its page alone."""
        sep = "、" if self.lang == "zh" else "; "
        texts = []
        for label, line in parts:
            page = self.page(line)
            if page is None:
                texts.append(self.t("source.table", table=label or "", line=line))
            elif label is None:
                texts.append(page)
            elif len(self.files) > 1:
                texts.append(self.t("source.table_located", table=label, where=page))
            else:
                texts.append(self.t("source.table_page", table=label, page=self.pages[line][1]))
        return self.t("source", doc=self.doc["title"], tables=sep.join(dict.fromkeys(texts)))

    def lines_text(self, source_lines: str) -> str:
        """A finding's lines ('414,415') as a table cell: the lines, or the PDF pages ('5, 6')."""
        if not self.pages:
            return source_lines
        pages = []
        for raw in source_lines.split(","):
            try:
                where = self.pages.get(int(raw))
            except ValueError:
                continue
            if where is not None:
                page = str(where[1]) if len(self.files) == 1 else f"{where[0]}: {where[1]}"
                pages.append(page)
        return ", ".join(dict.fromkeys(pages))

    def table_source(self, table_key: str, line: int | None = None) -> tuple[str, int]:
        """(table title, line) for a source table; the line defaults to the table's title line."""
        t = self.tables.get(table_key)
        title = t["title"] if t else table_key
        return title, line if line is not None else (t["source_line"] if t else 0)

    def kf(self, key: str) -> Decimal | None:
        row = self.key_figures.get(key)
        return None if row is None else dec(row["value"])

    def slide(self, key: str, title: str, unit_key: str, source: str, **kw: Any) -> Slide:
        return Slide(key, title, self.t(unit_key), source, lang=self.lang, **kw)


# --- the slides ---------------------------------------------------------------------------------


def _title(c: _Context) -> Slide | None:
    doc = c.doc
    revenue, expenditure = c.kf("revenue_total"), c.kf("expenditure_total")
    sentences = [c.t("s.title.1.pdf" if c.pages else "s.title.1", doc=doc["title"])]
    if revenue is not None and expenditure is not None:
        sentences.append(
            c.t("s.title.2", revenue=fmt_amount(revenue), expenditure=fmt_amount(expenditure))
        )
    if c.pages:
        sep = "、" if c.lang == "zh" else ", "
        pages = sum(
            max(p for f, p in c.pages.values() if f == file) for file in c.files
        )  # the last page of each file with text: its page count
        where = c.t("source.pdf", files=sep.join(c.files), pages=pages)
    else:
        where = c.t("source.file", file=doc["source_file"], lines=doc["line_count"])
    source = c.t("source", doc=doc["title"], tables=where)
    return c.slide(
        "title",
        c.t("title.title", doc=doc["title"]),
        "unit.wan",
        source,
        sentences=sentences,
        subtitle=c.t(
            "subtitle.title",
            department=c.department,
            year=c.year,
            scope=c.t(f"scope.{doc['scope']}") if f"scope.{doc['scope']}" in TEXT else "",
            kind=c.t(f"kind.{doc['kind']}") if f"kind.{doc['kind']}" in TEXT else doc["kind"],
            unit=c.t("unit.wan"),
        ),
    )


OVERVIEW_FIGURES = (
    ("revenue_total", "unit.wan"),
    ("expenditure_total", "unit.wan"),
    ("revenue_current_year", "unit.wan"),
    ("revenue_carried_over", "unit.wan"),
    ("revenue_change", "unit.wan"),
    ("revenue_change_pct", "pct"),
)


def _overview(c: _Context) -> Slide | None:
    figures = [
        Figure(c.t(f"figure.{key}"), value, c.t(unit))
        for key, unit in OVERVIEW_FIGURES
        if (value := c.kf(key)) is not None
    ]
    if not figures:
        return None
    lines = sorted(
        {c.key_figures[k]["source_line"] for k, _ in OVERVIEW_FIGURES if k in c.key_figures}
    )
    sentences = []
    revenue, expenditure = c.kf("revenue_total"), c.kf("expenditure_total")
    if revenue is not None and expenditure is not None:
        sentences.append(
            c.t(
                "s.overview.total",
                revenue=fmt_amount(revenue),
                expenditure=fmt_amount(expenditure),
            )
        )
    current, carried = c.kf("revenue_current_year"), c.kf("revenue_carried_over")
    if current is not None and carried is not None:
        sentences.append(
            c.t("s.overview.split", current=fmt_amount(current), carried=fmt_amount(carried))
        )
    change, pct = c.kf("revenue_change"), c.kf("revenue_change_pct")
    if change is not None and pct is not None:
        sentences.append(
            c.t(
                "s.overview.change",
                direction=c.t("up" if change >= 0 else "down"),
                change=fmt_amount(abs(change)),
                pct=fmt_pct(abs(pct)),
            )
        )
    chart = Chart(
        "figures",
        categories=tuple(f.label for f in figures),
        series=(Series(c.t("series.amount"), tuple(f.value for f in figures)),),
        figures=tuple(figures),
    )
    # a PDF's figures are rows of its tables: their pages say where
    label = None if c.pages else c.t("source.narrative")
    source = c.source(*((label, line) for line in lines))
    return c.slide(
        "overview",
        c.t("title.overview_final" if c.doc["kind"] == "决算" else "title.overview"),
        "unit.wan",
        source,
        chart=chart,
        sentences=sentences,
    )


def _revenue(c: _Context) -> Slide | None:
    rows = [r for r in c.q("revenue_by_source") if dec(r["amount_wan"])]
    if not rows:
        return None
    items = [(c.t(f"source_key.{r['source_key']}"), dec(r["amount_wan"])) for r in rows]
    items = top_n(items, c.t("other"))
    whole = sum((v for _, v in items if v is not None), Decimal(0))
    chart = Chart(
        "pie",
        categories=tuple(k for k, _ in items),
        series=(Series(c.t("series.amount"), tuple(v for _, v in items)),),
    )
    sentences = [
        c.t(
            "s.share",
            name=name,
            amount=fmt_amount(value),
            whole=c.t("whole.revenue"),
            share=fmt_pct(share(value, whole)),
        )
        for name, value in items[:2]
    ]
    source = c.source(c.table_source("revenue_function", rows[0]["source_line"]))
    return c.slide(
        "revenue", c.t("title.revenue"), "unit.wan", source, chart=chart, sentences=sentences
    )


def _function(c: _Context) -> Slide | None:
    rows = c.q("expenditure_function")
    total = next((r for r in rows if r["level"] == 0), None)
    classes = [r for r in rows if r["level"] == 1]
    if total is None or not classes:
        return None
    items = top_n([(r["name"], dec(r["total_wan"])) for r in classes], c.t("other"))
    chart = Chart(
        "bar",
        categories=tuple(k for k, _ in items),
        series=(Series(c.t("series.amount"), tuple(v for _, v in items)),),
    )
    sentences = [
        c.t(
            "s.share",
            name=name,
            amount=fmt_amount(value),
            whole=c.t(
                "whole.expenditure_final" if c.doc["kind"] == "决算" else "whole.expenditure"
            ),
            share=fmt_pct(share(value, total["total_wan"])),
        )
        for name, value in items[:2]
    ]
    sentences.append(c.t("s.function.count", n=len(classes)))
    source = c.source(c.table_source(total["table_key"], total["source_line"]))
    return c.slide(
        "function", c.t("title.function"), "unit.wan", source, chart=chart, sentences=sentences
    )


def _basic_project(c: _Context) -> Slide | None:
    total = next((r for r in c.q("expenditure_function") if r["level"] == 0), None)
    other = Decimal(0)
    if total is not None and (total["basic_wan"] is not None or total["project_wan"] is not None):
        basic = dec(total["basic_wan"]) or Decimal(0)
        project = dec(total["project_wan"]) or Decimal(0)
        whole = basic + project
        source = c.source(c.table_source(total["table_key"], total["source_line"]))
    elif (basic_kf := c.kf("basic_total")) is not None and (
        project_kf := c.kf("project_total")
    ) is not None:
        # a function table of totals only: the split the document states elsewhere; what the
        # total holds besides (e.g. a 预留机动经费) is shown as 其他: shares are of the total
        basic, project = basic_kf, project_kf
        keys = ["basic_total", "project_total"]
        whole = basic + project
        stated = c.kf("expenditure_total")
        if stated is not None and stated > whole:
            other, whole = stated - whole, stated
            keys.append("expenditure_total")
        label = None if c.pages else c.t("source.narrative")
        source = c.source(*((label, c.key_figures[k]["source_line"]) for k in keys))
    else:
        return None
    categories = (c.t("basic"), c.t("project"), *((c.t("other"),) if other else ()))
    chart = Chart(
        "doughnut",
        categories=categories,
        series=(Series(c.t("series.amount"), (basic, project, *((other,) if other else ()))),),
    )
    sentences = [
        c.t(
            "s.basic_project",
            basic=fmt_amount(basic),
            basic_share=fmt_pct(share(basic, whole)),
            project=fmt_amount(project),
            project_share=fmt_pct(share(project, whole)),
        ),
        c.t("s.basic_project.2"),
    ]
    return c.slide(
        "basic_project",
        c.t("title.basic_project"),
        "unit.wan",
        source,
        chart=chart,
        sentences=sentences,
    )


def _economic(c: _Context) -> Slide | None:
    rows = c.q("expenditure_economic")
    total = next((r for r in rows if r["row_kind"] == "total"), None)
    groups = [r for r in rows if r["row_kind"] == "group"]
    if total is None or not groups:
        return None
    if len(groups) > MAX_CATEGORIES:
        keep = sorted(groups, key=lambda r: dec(r["total_wan"]) or 0, reverse=True)
        rest = keep[MAX_CATEGORIES - 1 :]
        groups = [
            *keep[: MAX_CATEGORIES - 1],
            {
                "group_name": c.t("other"),
                "total_wan": sum((dec(r["total_wan"]) or 0 for r in rest), Decimal(0)),
                "personnel_wan": sum((dec(r["personnel_wan"]) or 0 for r in rest), Decimal(0)),
                "public_wan": sum((dec(r["public_wan"]) or 0 for r in rest), Decimal(0)),
            },
        ]
    # some documents print the 合计 column only, without the 人员经费/公用经费 split
    split = any(r[k] is not None for r in (total, *groups) for k in ("personnel_wan", "public_wan"))
    categories = tuple(r["group_name"] for r in groups)
    if split:
        series: tuple[Series, ...] = (
            Series(c.t("series.personnel"), tuple(dec(r["personnel_wan"]) for r in groups)),
            Series(c.t("series.public"), tuple(dec(r["public_wan"]) for r in groups)),
        )
    else:
        series = (Series(c.t("series.total"), tuple(dec(r["total_wan"]) for r in groups)),)
    chart = Chart("column", categories=categories, series=series)
    t = dec(total["total_wan"])
    personnel, public = dec(total["personnel_wan"]), dec(total["public_wan"])
    if split:
        sentences = [
            c.t(
                "s.economic.total",
                total=fmt_amount(t),
                personnel=fmt_amount(personnel),
                personnel_share=fmt_pct(share(personnel, t)),
                public=fmt_amount(public),
                public_share=fmt_pct(share(public, t)),
            )
        ]
    else:
        sentences = [c.t("s.economic.total_only", total=fmt_amount(t))]
    biggest = max(groups, key=lambda r: dec(r.get("total_wan")) or 0)
    if biggest.get("total_wan") is not None:
        sentences.append(
            c.t(
                "s.share",
                name=biggest["group_name"],
                amount=fmt_amount(biggest["total_wan"]),
                whole=c.t("whole.basic"),
                share=fmt_pct(share(biggest["total_wan"], t)),
            )
        )
    source = c.source(c.table_source(total["table_key"], total["source_line"]))
    return c.slide(
        "economic", c.t("title.economic"), "unit.wan", source, chart=chart, sentences=sentences
    )


def _project_sources(c: _Context) -> str:
    parts = [c.table_source(k) for k in ("project_current", "project_carried") if k in c.tables]
    return c.source(*parts)


def _units(c: _Context) -> Slide | None:
    rows = c.q("deck_projects_by_unit")
    if not rows:
        return None
    items = top_n([(r["unit"], dec(r["total_wan"])) for r in rows], c.t("other"))
    total = sum((dec(r["total_wan"]) or Decimal(0) for r in rows), Decimal(0))
    chart = Chart(
        "bar",
        categories=tuple(k for k, _ in items),
        series=(Series(c.t("series.amount"), tuple(v for _, v in items)),),
    )
    sentences = [
        c.t(
            "s.units.total",
            n=sum(r["projects_n"] for r in rows),
            total=fmt_amount(total),
            units=len(rows),
        ),
        c.t(
            "s.share",
            name=items[0][0],
            amount=fmt_amount(items[0][1]),
            whole=c.t("whole.projects"),
            share=fmt_pct(share(items[0][1], total)),
        ),
    ]
    return c.slide(
        "units",
        c.t("title.units"),
        "unit.wan",
        _project_sources(c),
        chart=chart,
        sentences=sentences,
    )


def _projects(c: _Context) -> Slide | None:
    rows = c.q("projects")
    if not rows:
        return None
    ordered = sorted(rows, key=lambda r: dec(r["total_wan"]) or 0, reverse=True)
    total = sum((dec(r["total_wan"]) or Decimal(0) for r in rows), Decimal(0))
    shown = ordered[:PROJECT_TABLE_ROWS]
    table_rows: list[tuple[Any, ...]] = [
        (
            r["unit"],
            r["project"],
            dec(r["current_year_wan"]),
            dec(r["carried_over_wan"]),
            dec(r["total_wan"]),
            share(r["total_wan"], total),
        )
        for r in shown
    ]
    rest = ordered[PROJECT_TABLE_ROWS:]
    if rest:

        def s(col: str) -> Decimal:
            return sum((dec(r[col]) or Decimal(0) for r in rest), Decimal(0))

        table_rows.append(
            (
                "",
                c.t("other.projects", n=len(rest)),
                s("current_year_wan"),
                s("carried_over_wan"),
                s("total_wan"),
                share(s("total_wan"), total),
            )
        )
    chart = Chart(
        "table",
        columns=tuple(
            c.t(k)
            for k in (
                "col.unit",
                "col.project",
                "col.current_year",
                "col.carried_over",
                "col.total",
                "col.share",
            )
        ),
        rows=tuple(table_rows),
        amount_columns=(2, 3, 4, 5),
    )
    top = ordered[0]
    sentences = [
        c.t(
            "s.projects.top",
            project=top["project"],
            amount=fmt_amount(top["total_wan"]),
            share=fmt_pct(share(top["total_wan"], total)),
        ),
        c.t("s.projects.scorecards", with_card=sum(1 for r in rows if r["has_scorecard"])),
    ]
    return c.slide(
        "projects",
        c.t("title.projects"),
        "unit.wan",
        _project_sources(c),
        chart=chart,
        sentences=sentences,
    )


def _cost_sentences(c: _Context, project: str, checks: list[dict[str, Any]]) -> list[str]:
    """One sentence on the most telling cost check (a 年度 one, a mismatch first), one on counts."""
    cost = [r for r in checks if r["check_kind"] == "cost_indicator"]
    if not cost:
        return [c.t("s.scorecard.no_cost")]

    def rank(r: dict[str, Any]) -> tuple[int, int, int]:
        return (r["status"] != "mismatch", " 年度" not in r["subject"], r["seq"])

    pick = min(cost, key=rank)
    # the subject reads "<project> 年度: Σ 成本指标 vs 项目支出预算表"; the project is the title
    subject = pick["subject"].removeprefix(project).lstrip(" :")
    status = c.t(f"status.{pick['status']}")
    if pick["expected_value"] is not None and pick["actual_value"] is not None:
        out = [
            c.t(
                "s.scorecard.cost",
                subject=subject,
                actual=fmt_amount(pick["actual_value"]),
                expected=fmt_amount(pick["expected_value"]),
                status=status,
            )
        ]
    else:
        out = [
            c.t("s.scorecard.cost_detail", subject=subject, status=status, detail=pick["detail"])
        ]
    counts = {s: sum(1 for r in cost if r["status"] == s) for s in ("ok", "rounding", "mismatch")}
    if len(cost) > 1:
        out.append(c.t("s.scorecard.cost_counts", n=len(cost), **counts))
    return out


def _scorecards(c: _Context) -> list[Slide]:
    overview = c.q("performance_overview")
    by_project: dict[str, list[dict[str, Any]]] = {}
    for r in c.q("deck_indicator_level2"):
        by_project.setdefault(r["project"], []).append(r)
    out = []
    for p in overview:
        project = p["project"]
        levels = by_project.get(project, [])[:MAX_CATEGORIES]
        chart = None
        sentences = []
        if levels:
            chart = Chart(
                "bar",
                categories=tuple(r["level2"] for r in levels),
                series=(
                    Series(
                        c.t("series.indicators"), tuple(Decimal(r["indicators_n"]) for r in levels)
                    ),
                    Series(
                        c.t("series.measurable"), tuple(Decimal(r["measurable_n"]) for r in levels)
                    ),
                ),
                number_format="0",
            )
            n = sum(r["indicators_n"] for r in by_project[project])
            m = sum(r["measurable_n"] for r in by_project[project])
            sentences.append(
                c.t(
                    "s.scorecard.indicators",
                    n=n,
                    k=len(by_project[project]),
                    m=m,
                    share=fmt_pct(share(m, n)),
                )
            )
        else:
            sentences.append(c.t("s.scorecard.no_indicators"))
        if p["budget_wan"] is not None:
            key = "s.scorecard.dept_budget" if p["is_department"] else "s.scorecard.budget"
            sentences.append(c.t(key, budget=fmt_amount(p["budget_wan"])))
        checks = c.q("project_checks", project=project)
        sentences.extend(_cost_sentences(c, project, checks))
        source = c.source((c.t("source.performance", project=project), p["source_line"]))
        out.append(
            c.slide(
                f"scorecard:{project}",
                c.t("title.scorecard", project=project),
                "unit.count",
                source,
                chart=chart,
                sentences=sentences[:3],
            )
        )
    return out


def _checks(c: _Context) -> list[Slide]:
    counts = {r["status"]: r["checks_n"] for r in c.q("check_status_counts")}
    n = sum(counts.values())
    if not n:
        return []
    statuses = ("ok", "rounding", "mismatch")
    source = c.t("source", doc=c.doc["title"], tables=c.t("source.checks", n=n))
    results = c.q("check_results")
    mismatches = [r for r in results if r["status"] == "mismatch"]
    by_kind: dict[str, int] = {}
    for r in mismatches:
        by_kind[r["check_kind"]] = by_kind.get(r["check_kind"], 0) + 1
    sep = "、" if c.lang == "zh" else ", "
    kinds = sep.join(
        f"{check_kind_label(k, c.lang)} {v}"
        for k, v in sorted(by_kind.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
    )
    sentences = [
        c.t("s.checks.total", n=n, **{s: counts.get(s, 0) for s in statuses}),
        c.t("s.checks.rounding"),
    ]
    if kinds:
        sentences.append(c.t("s.checks.kinds", kinds=kinds))
    status_slide = c.slide(
        "checks",
        c.t("title.checks"),
        "unit.checks",
        source,
        chart=Chart(
            "column",
            categories=tuple(c.t(f"status.{s}") for s in statuses),
            series=(
                Series(c.t("series.checks"), tuple(Decimal(counts.get(s, 0)) for s in statuses)),
            ),
            number_format="#,##0",
        ),
        sentences=sentences,
    )
    out = [status_slide]
    columns = tuple(
        c.t(k)
        for k in (
            "col.kind",
            "col.subject",
            "col.expected",
            "col.actual",
            "col.difference",
            "col.detail",
            "col.pages" if c.pages else "col.lines",
        )
    )
    per = MISMATCH_ROWS_PER_SLIDE
    pages = (len(mismatches) + per - 1) // per
    for i in range(pages):
        chunk = mismatches[i * per : (i + 1) * per]
        rows = tuple(
            (
                check_kind_label(r["check_kind"], c.lang),
                r["subject"],
                dec(r["expected_value"]),
                dec(r["actual_value"]),
                dec(r["difference_value"]),
                r["detail"] or "",
                c.lines_text(r["source_lines"]),
            )
            for r in chunk
        )
        out.append(
            c.slide(
                f"mismatches:{i + 1}",
                c.t("title.mismatches", page=i + 1, pages=pages),
                "unit.wan",
                source,
                chart=Chart("table", columns=columns, rows=rows, amount_columns=(2, 3, 4)),
                sentences=[
                    c.t(
                        "s.mismatches.pdf" if c.pages else "s.mismatches",
                        first=i * per + 1,
                        last=i * per + len(chunk),
                        n=len(mismatches),
                    )
                ],
            )
        )
    return out


SlideBuilder = Callable[[_Context], "Slide | list[Slide] | None"]
BUILDERS: tuple[SlideBuilder, ...] = (
    _title,
    _overview,
    _revenue,
    _function,
    _basic_project,
    _economic,
    _units,
    _projects,
    _scorecards,
    _checks,
)


def slides(
    con: duckdb.DuckDBPyConnection,
    department: str,
    year: int,
    lang: str = "zh",
    document: str | None = None,
) -> list[Slide]:
    """The slide sequence for one document of a department-year, in presentation order.

    ``document`` is the document id (department, year, kind, scope); left out, the
    department-year's 部门 document (:func:`budgetlens.db.document_of`).

    Title; overview figures; revenue by source; expenditure by 功能分类 类; 基本 vs 项目;
    基本支出 by 经济分类 group; projects by budget unit; the project list; one scorecard per
    performance table (部门整体 first); the reconciliation (counts by status, then the
    mismatches, a few per slide). A slide whose data the document does not have is left out.
    Sources name the table and line, or for a document read from PDF the page. Raises ValueError
    for a language other than 'zh' or 'en' and LookupError when the department-year (or the
    document, which must be one of that department-year's) is not in the ``document`` table.
    """
    if lang not in ("zh", "en"):
        raise ValueError(f"unknown language {lang!r}: expected 'zh' or 'en'")
    c = _Context(con, department, int(year), lang, document)
    out: list[Slide] = []
    for build in BUILDERS:
        made = build(c)
        if made is None:
            continue
        out.extend(made if isinstance(made, list) else [made])
    return out
