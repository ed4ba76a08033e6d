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

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import duckdb

from budgetlens import amounts, check_core, check_labels, queries, vocabulary
from budgetlens.db import document_of

CHART_KINDS = ("bar", "pie", "doughnut", "column", "table", "figures")
MAX_CATEGORIES = 8  # more than this is unreadable on a slide: the rest is summed as 其他
PROJECTS_PER_SLIDE = 12  # bars of the project chart per slide (every project is shown)
PERFORMANCE_TABLE_ROWS = 10  # rows of the performance table before the rest is summed


# The deck's own titles and sentence templates, (中文, English). Terms, figure names and column
# headers come from the library's vocabulary (budgetlens.vocabulary), the same as the pages and
# the workbook. Data (科目 names, project names) stays as published in both languages.
TEXT: dict[str, tuple[str, str]] = {
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
    "title.projects": ("各项目支出", "Project expenditure by project"),
    "title.projects_page": (
        "各项目支出（{page}/{pages}）",
        "Project expenditure by project ({page}/{pages})",
    ),
    "title.three_public": ("“三公”经费与机关运行经费", "“Three public” and operating costs"),
    "title.performance": ("绩效目标：全部项目", "Performance targets: all projects"),
    "title.performance_projects": ("绩效目标：各项目量化程度", "Performance targets by project"),
    "title.checks": ("数据质量", "Data quality"),
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
    "source.title_pages": ("来源：{doc}（共{pages}页）", "Source: {doc} ({pages} pages)"),
    "source.title_lines": ("来源：{doc}（共{lines}行）", "Source: {doc} ({lines} lines)"),
    "source.narrative": ("预算情况说明", "budget narrative"),
    "source.performance_all": ("各项目绩效目标表", "the projects' performance-target tables"),
    "source.checks": (
        "预算透视对本文件的数据核对（{n}项）",
        "BudgetLens reconciliation of this document ({n} checks)",
    ),
    "series.checks": ("核对项数", "Checks"),
    "other.projects": ("其他{n}个项目", "{n} other projects"),
    # sentences
    "s.title.1": (
        "本演示根据《{doc}》制作，每页注明数字所在的原文行号。",
        "Made from “{doc}”; every slide names the lines its figures are printed on.",
    ),
    "s.title.1.pdf": (
        "本演示根据《{doc}》制作，每页注明数字所在的原文页码。",
        "Made from “{doc}”; every slide names the pages its figures are printed on.",
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
        "其中本年预算 {current} 万元，上年结转 {carried} 万元。",
        "Of which current-year budget {current} and carried over from last year {carried} "
        "(10k yuan).",
    ),
    "s.overview.change": (
        "比上年{direction} {change} 万元，幅度 {pct}%。",
        "That is {change} (10k yuan) {direction} on last year, {pct}%.",
    ),
    # a change of exactly nothing: neither 增加 nor 减少 (the seed's l.509 says 与上年预算数相同)
    "s.overview.same": ("与上年持平。", "Unchanged on last year."),
    "s.reason": ("文件说明的原因：{reason}。", " The document gives its reason (in Chinese)."),
    "up": ("增加", "more"),
    "down": ("减少", "less"),
    "s.share": (
        "{name} {amount} 万元，占{whole} {share}%。",
        "{name}: {amount} (10k yuan), {share}% of {whole}.",
    ),
    "whole.revenue": ("收入合计", "total revenue"),
    "whole.expenditure": ("支出总计", "total expenditure"),
    # a 决算's function table is the year's spending (本年支出合计), not its 支出总计
    "whole.expenditure_final": ("本年支出合计", "current-year expenditure"),
    "whole.basic": ("基本支出", "basic expenditure"),
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
    "s.projects.count": (
        "共 {n} 个项目，合计 {total} 万元。",
        "{n} projects, {total} (10k yuan) in all.",
    ),
    "s.projects.top": (
        "最大的项目是{project}，{amount} 万元，占项目支出 {share}%。",
        "The largest project is {project}: {amount} (10k yuan), {share}% of project spending.",
    ),
    "s.projects.scorecards": (
        "{with_card} 个项目公开了绩效目标表。",
        "{with_card} projects publish performance targets.",
    ),
    "s.projects.more": (
        "第 {first}–{last} 个项目（共 {n} 个），按金额从大到小。",
        "Projects {first}–{last} of {n}, largest first.",
    ),
    "s.fact": ("{name} {amount} 万元。", "{name}: {amount} (10k yuan)."),
    "s.fact.change": (
        "{name} {amount} 万元，比上年{direction} {change} 万元。",
        "{name}: {amount}, {change} {direction} than last year (10k yuan).",
    ),
    "s.fact.same": (
        "{name} {amount} 万元，与上年持平。",
        "{name}: {amount} (10k yuan), unchanged on last year.",
    ),
    "s.performance.total": (
        "{tables} 张绩效目标表共 {n} 个年度指标，其中量化（数值或时间）{m} 个，占 {share}%。",
        "{tables} performance tables set {n} annual targets; {m} of them ({share}%) are "
        "quantified (a number or a date).",
    ),
    "s.performance.lowest": (
        "量化比例最低的是{project}（{share}%）。",
        "The least quantified is {project} ({share}%).",
    ),
    "s.performance.table": (
        "按项目预算从大到小；量化指标指有数值或时间的指标。",
        "Largest budget first; a quantified target has a number or a date.",
    ),
    "s.checks.total": (
        "共核对 {n} 项：一致 {ok} 项，尾差 {rounding} 项，不一致 {mismatch} 项，"
        "无法判断 {unjudged} 项。",
        "{n} checks: {ok} agree, {rounding} differ by rounding, {mismatch} disagree, "
        "{unjudged} cannot be judged.",
    ),
    "s.checks.rounding": (
        "尾差是分项四舍五入造成的分位差，不是错误。",
        "A rounding difference comes from rounding each item; it is not an error.",
    ),
    "s.checks.mismatch": (
        "不一致项是文件自身数字之间的矛盾，逐条列在仪表盘的“数据核对”页。",
        "Disagreements are contradictions between the document's own figures; the dashboard's "
        "Reconciliation page lists each.",
    ),
    "s.checks.none": (
        "文件的数字之间没有矛盾。",
        "The document's figures do not contradict each other.",
    ),
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
    """The check kind in words, from the one table of check labels (budgetlens.check_labels)."""
    return check_labels.kind_label(kind, lang)


# --- numbers ------------------------------------------------------------------------------------


def dec(value: Any) -> Decimal | None:
    """A database value as Decimal (a blank is None). Floats go through str, never binary."""
    return amounts.to_decimal(value)


def fmt_amount(value: Any) -> str:
    """An amount with thousands separators and two decimals, rounded half up (the library's one
    formatter, :func:`budgetlens.amounts.amount`), e.g. ``1,234.50``; '' for a blank."""
    return amounts.amount(value)


def fmt_count(value: Any) -> str:
    """A count or other unitless figure: no decimals when whole, else two."""
    return amounts.count(value)


def share(part: Any, whole: Any) -> Decimal | None:
    """``part`` as a percentage of ``whole``, rounded half-up to 0.01; None when whole is 0."""
    return amounts.share(part, whole)


def fmt_pct(value: Decimal | None) -> str:
    return amounts.number(value, 2)


def stated_reason(sentence: str | None) -> str | None:
    """The reason a narrative sentence gives for a change, in its own words: what follows
    主要原因是 / 原因是 / 主要是 up to the end of the clause, or None when it gives none."""
    if not sentence:
        return None
    for marker in ("主要原因是", "原因是", "主要用于", "主要是"):
        at = sentence.find(marker)
        if at >= 0:
            text = sentence[at + len(marker) :]
            for end in "。；;":
                text = text.split(end)[0]
            text = text.strip(" ，,：:")
            return text or None
    return None


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
        if self.key == "title" or not self.unit:  # no unit: a table whose columns carry theirs
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

    def v(self, key: str, **values: Any) -> str:
        """A term of the library's vocabulary (the same name the pages and workbook use)."""
        return vocabulary.label(key, self.lang, **values)

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
        if not unit_key:  # the slide's columns name their units
            unit = ""
        else:
            unit = self.v(unit_key) if vocabulary.has(unit_key) else self.t(unit_key)
        return Slide(key, title, unit, source, lang=self.lang, **kw)


# --- the slides ---------------------------------------------------------------------------------


def _title(c: _Context) -> Slide | None:
    doc = c.doc
    revenue, expenditure = c.kf("revenue_total"), c.kf("expenditure_total")
    sentences = [c.t("s.title.1.pdf" if c.pages else "s.title.1", doc=doc["title"])]
    if revenue is not None and expenditure is not None:
        sentences.append(
            c.t("s.title.2", revenue=fmt_amount(revenue), expenditure=fmt_amount(expenditure))
        )
    # the document's title, never its file name: the room needs no file names
    if c.pages:
        pages = sum(
            max(p for f, p in c.pages.values() if f == file) for file in c.files
        )  # the last page of each file with text: its page count
        source = c.t("source.title_pages", doc=doc["title"], pages=pages)
    else:
        source = c.t("source.title_lines", doc=doc["title"], lines=doc["line_count"])
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
            unit=c.v("unit.wan"),
        ),
    )


# (key figure, its name in the vocabulary, unit)
OVERVIEW_FIGURES = (
    ("revenue_total", "term.revenue_total", "unit.wan"),
    ("expenditure_total", "term.expenditure_total", "unit.wan"),
    ("revenue_current_year", "term.current_year", "unit.wan"),
    ("revenue_carried_over", "term.carried_over", "unit.wan"),
    ("revenue_change", "term.revenue_change", "unit.wan"),
    ("revenue_change_pct", "term.change_pct", "pct"),
)


def _overview(c: _Context) -> Slide | None:
    figures = [
        Figure(c.v(name), value, c.v(unit) if vocabulary.has(unit) else c.t(unit))
        for key, name, unit in OVERVIEW_FIGURES
        if (value := c.kf(key)) is not None
    ]
    if not figures:
        return None
    lines = sorted(
        {c.key_figures[k]["source_line"] for k, _, _ in OVERVIEW_FIGURES if k in c.key_figures}
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
            c.t("s.overview.same")
            if change == 0
            else c.t(
                "s.overview.change",
                direction=c.t("up" if change > 0 else "down"),
                change=fmt_amount(abs(change)),
                pct=fmt_pct(abs(pct)),
            )
        )
        reason = stated_reason(c.key_figures["revenue_change"]["sentence"])
        if reason and c.lang == "zh":  # the document's own words, in its language
            sentences.append(c.t("s.reason", reason=reason))
    chart = Chart(
        "figures",
        categories=tuple(f.label for f in figures),
        series=(Series(c.v("term.amount"), tuple(f.value for f in figures)),),
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
    items = [(c.v(f"source.{r['source_key']}"), dec(r["amount_wan"])) for r in rows]
    items = top_n(items, c.v("term.other"))
    whole = sum((v for _, v in items if v is not None), Decimal(0))
    chart = Chart(
        "bar",
        categories=tuple(k for k, _ in items),
        series=(Series(c.v("term.amount"), tuple(v for _, v in items)),),
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
    names = [vocabulary.class_name(r["name"], c.lang) for r in classes]
    items = top_n(
        [(n, dec(r["total_wan"])) for n, r in zip(names, classes, strict=True)], c.v("term.other")
    )
    chart = Chart(
        "bar",
        categories=tuple(k for k, _ in items),
        series=(Series(c.v("term.amount"), tuple(v for _, v in items)),),
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
    categories = (
        c.v("source.basic"),
        c.v("source.project"),
        *((c.v("term.other"),) if other else ()),
    )
    chart = Chart(
        "doughnut",
        categories=categories,
        series=(Series(c.v("term.amount"), (basic, project, *((other,) if other else ()))),),
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


ECONOMIC_AMOUNTS = ("total_wan", "personnel_wan", "public_wan")


def _sum_filled(values: Iterable[Decimal | None]) -> Decimal | None:
    """The sum of the values filled in; None (blank) when every one is blank."""
    filled = [v for v in values if v is not None]
    return sum(filled, Decimal(0)) if filled else None


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
                "group_name": c.v("term.other"),
                # blank when every group summed is blank: a table without the 人员经费/公用经费
                # split keeps none (a 0 would make the slide show one)
                **{k: _sum_filled(dec(r[k]) for r in rest) for k in ECONOMIC_AMOUNTS},
            },
        ]
    # some documents print the 合计 column only, without the 人员经费/公用经费 split
    split = any(r[k] is not None for r in (total, *groups) for k in ("personnel_wan", "public_wan"))
    categories = tuple(r["group_name"] for r in groups)
    if split:
        series: tuple[Series, ...] = (
            Series(c.v("metric.personnel"), tuple(dec(r["personnel_wan"]) for r in groups)),
            Series(c.v("metric.public"), tuple(dec(r["public_wan"]) for r in groups)),
        )
    else:
        series = (Series(c.v("term.total"), tuple(dec(r["total_wan"]) for r in groups)),)
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


def _projects(c: _Context) -> list[Slide]:
    """The projects with their amounts: a native bar chart holding every project's amount,
    largest first, :data:`PROJECTS_PER_SLIDE` to a slide (a document with more projects gets
    more slides; nothing is summed away)."""
    rows = [r for r in c.q("projects") if dec(r["total_wan"]) is not None]
    if not rows:
        return []
    ordered = sorted(rows, key=lambda r: dec(r["total_wan"]) or 0, reverse=True)
    total = sum((dec(r["total_wan"]) or Decimal(0) for r in rows), Decimal(0))
    per = PROJECTS_PER_SLIDE
    pages = (len(ordered) + per - 1) // per
    top = ordered[0]
    with_card = sum(1 for r in rows if r["has_scorecard"])
    out = []
    for i in range(pages):
        chunk = ordered[i * per : (i + 1) * per]
        chart = Chart(
            "bar",
            categories=tuple(r["project"] for r in chunk),
            series=(Series(c.v("term.amount"), tuple(dec(r["total_wan"]) for r in chunk)),),
        )
        if i == 0:
            sentences = [
                c.t("s.projects.count", n=len(rows), total=fmt_amount(total)),
                c.t(
                    "s.projects.top",
                    project=top["project"],
                    amount=fmt_amount(top["total_wan"]),
                    share=fmt_pct(share(top["total_wan"], total)),
                ),
                c.t("s.projects.scorecards", with_card=with_card),
            ]
        else:
            sentences = [
                c.t("s.projects.more", first=i * per + 1, last=i * per + len(chunk), n=len(rows))
            ]
        title = c.t("title.projects")
        if pages > 1:
            title = c.t("title.projects_page", page=i + 1, pages=pages)
        out.append(
            c.slide(
                f"projects:{i + 1}",
                title,
                "unit.wan",
                _project_sources(c),
                chart=chart,
                sentences=sentences,
            )
        )
    return out


def _three_public(c: _Context) -> Slide | None:
    """“三公”经费 and 机关运行经费 with their changes, as the document states them (its narrative's
    figures, else the rows of its tables). The source names each line's place: the narrative, or
    the table a figure was read from (for a PDF, the narrative's pages alone)."""
    figures: list[Figure] = []
    narrative = None if c.pages else c.t("source.narrative")
    parts: list[tuple[str | None, int]] = []

    def add(key: str, label_key: str) -> Decimal | None:
        row = c.key_figures.get(key)
        if row is None:
            return None
        figures.append(Figure(c.v(label_key), dec(row["value"]), c.v("unit.wan")))
        parts.append((narrative, row["source_line"]))
        return dec(row["value"])

    three = add("three_public_total", "term.three_public")
    admin = add("admin_operating_total", "term.admin_operating")
    tables = c.q("fiscal_items")
    if three is None:
        row = next(
            (r for r in tables if r["table_key"] == "three_public" and r["label"] == "合计"), None
        )
        if row is not None and dec(row["total_wan"]) is not None:
            three = dec(row["total_wan"])
            figures.insert(0, Figure(c.v("term.three_public"), three, c.v("unit.wan")))
            parts.append(c.table_source("three_public", row["source_line"]))
    if admin is None:
        rows = [r for r in tables if r["table_key"] == "admin_operating"]
        if len(rows) == 1 and dec(rows[0]["total_wan"]) is not None:
            admin = dec(rows[0]["total_wan"])
            figures.append(Figure(c.v("term.admin_operating"), admin, c.v("unit.wan")))
            parts.append(c.table_source("admin_operating", rows[0]["source_line"]))
    if not figures:
        return None
    sentences = []
    for key, total, term in (
        ("three_public_change", three, "term.three_public"),
        ("admin_operating_change", admin, "term.admin_operating"),
    ):
        change = c.kf(key)
        if total is None:
            continue
        if change is None:
            sentences.append(c.t("s.fact", name=c.v(term), amount=fmt_amount(total)))
            continue
        reason = stated_reason(c.key_figures[key]["sentence"])
        sentences.append(
            (
                c.t("s.fact.same", name=c.v(term), amount=fmt_amount(total))
                if change == 0
                else c.t(
                    "s.fact.change",
                    name=c.v(term),
                    amount=fmt_amount(total),
                    direction=c.t("up" if change > 0 else "down"),
                    change=fmt_amount(abs(change)),
                )
            )
            + (c.t("s.reason", reason=reason) if reason and c.lang == "zh" else "")
        )
        parts.append((narrative, c.key_figures[key]["source_line"]))
    source = c.source(*sorted(dict.fromkeys(parts), key=lambda part: part[1]))
    chart = Chart(
        "figures",
        categories=tuple(f.label for f in figures),
        series=(Series(c.v("term.amount"), tuple(f.value for f in figures)),),
        figures=tuple(figures),
    )
    return c.slide(
        "three_public",
        c.t("title.three_public"),
        "unit.wan",
        source,
        chart=chart,
        sentences=sentences,
    )


def _performance(c: _Context) -> list[Slide]:
    """Performance targets across all projects on at most two slides: indicators by 一级指标,
    quantified or not (one chart for every project together), then the projects' quantified
    share as a table (the largest :data:`PERFORMANCE_TABLE_ROWS`, the rest summed)."""
    overview = c.q("performance_overview")
    levels = c.q("deck_indicator_level2")
    if not overview or not levels:
        return []
    by_level1: dict[str, list[int]] = {}
    for r in levels:
        counts = by_level1.setdefault(r["level1"] or c.v("term.other"), [0, 0])
        counts[0] += r["measurable_n"]
        counts[1] += r["indicators_n"] - r["measurable_n"]
    names = list(by_level1)[:MAX_CATEGORIES]
    chart = Chart(
        "bar",
        categories=tuple(names),
        series=(
            Series(c.v("term.measurable"), tuple(Decimal(by_level1[k][0]) for k in names)),
            Series(c.v("term.vague"), tuple(Decimal(by_level1[k][1]) for k in names)),
        ),
        number_format="#,##0",
    )
    n = sum(r["indicators_n"] for r in overview)
    m = sum(r["measurable_n"] for r in overview)
    projects = [r for r in overview if not r["is_department"]]
    sentences = [
        c.t(
            "s.performance.total",
            tables=len(overview),
            n=n,
            m=m,
            share=fmt_pct(share(m, n)),
        )
    ]
    scored = [r for r in projects if r["indicators_n"]]
    if len(scored) > 1:
        low = min(scored, key=lambda r: (share(r["measurable_n"], r["indicators_n"]), r["project"]))
        sentences.append(
            c.t(
                "s.performance.lowest",
                project=low["project"],
                share=fmt_pct(share(low["measurable_n"], low["indicators_n"])),
            )
        )
    first = min(r["source_line"] for r in overview)
    source = c.source((c.t("source.performance_all"), first))
    out = [
        c.slide(
            "performance",
            c.t("title.performance"),
            "unit.count",
            source,
            chart=chart,
            sentences=sentences,
        )
    ]
    if scored:
        ordered = sorted(scored, key=lambda r: dec(r["budget_wan"]) or 0, reverse=True)
        shown = ordered[:PERFORMANCE_TABLE_ROWS]
        rows: list[tuple[Any, ...]] = [
            (
                r["project"],
                dec(r["budget_wan"]),
                r["indicators_n"],
                r["measurable_n"],
                share(r["measurable_n"], r["indicators_n"]),
            )
            for r in shown
        ]
        rest = ordered[PERFORMANCE_TABLE_ROWS:]
        if rest:
            rn = sum(r["indicators_n"] for r in rest)
            rm = sum(r["measurable_n"] for r in rest)
            budgets = [dec(r["budget_wan"]) for r in rest]
            rows.append(
                (
                    c.t("other.projects", n=len(rest)),
                    None if all(b is None for b in budgets) else sum(b or 0 for b in budgets),
                    rn,
                    rm,
                    share(rm, rn),
                )
            )
        out.append(
            c.slide(
                "performance_projects",
                c.t("title.performance_projects"),
                "",  # 万元, 个 and % side by side: each column's header names its unit
                source,
                chart=Chart(
                    "table",
                    columns=(
                        c.v("col.project"),
                        c.v("col.budget_wan"),
                        c.v("col.indicators"),
                        c.v("col.measurable"),
                        c.v("col.share_pct"),
                    ),
                    rows=tuple(rows),
                    amount_columns=(1, 2, 3, 4),  # figures, right-aligned (counts too)
                ),
                sentences=[c.t("s.performance.table")],
            )
        )
    return out


def _quality(c: _Context) -> Slide | None:
    """Data quality on one slide: how many of the document's figures agree with each other."""
    counts = {r["status"]: r["checks_n"] for r in c.q("check_status_counts")}
    n = sum(counts.values())
    if not n:
        return None
    statuses = check_core.STATUSES
    source = c.t("source", doc=c.doc["title"], tables=c.t("source.checks", n=n))
    sentences = [
        c.t("s.checks.total", n=n, **{s: counts.get(s, 0) for s in statuses}),
        c.t("s.checks.rounding"),
        c.t("s.checks.mismatch" if counts.get("mismatch") else "s.checks.none"),
    ]
    return c.slide(
        "quality",
        c.t("title.checks"),
        "unit.checks",
        source,
        chart=Chart(
            "column",
            categories=tuple(check_labels.status_label(s, c.lang) for s in statuses),
            series=(
                Series(c.t("series.checks"), tuple(Decimal(counts.get(s, 0)) for s in statuses)),
            ),
            number_format="#,##0",
        ),
        sentences=sentences,
    )


def _execution(c: _Context) -> list[Slide]:
    """Budget against actual, when the 预算 and the 决算 of the document's department, year and
    scope are both loaded (:mod:`budgetlens.deck_execution`; none otherwise)."""
    # imported here: deck_execution builds its slide from this module's Slide and Chart
    from budgetlens.deck_execution import execution_slides

    return execution_slides(c.con, c.document, c.lang)


def summary(story: Sequence[Slide]) -> list[str]:
    """The story in a few plain sentences, for the first screen of the overview: the total and
    its change with the reason the document gives, 基本/项目, and the biggest project with its
    share — the slides' own sentences, so that the page and the deck say it in the same words.
    Sentences whose slide the document lacks are left out."""
    by_key = {s.key: s for s in story}
    out: list[str] = []
    if "overview" in by_key:
        out += by_key["overview"].sentences
    if "basic_project" in by_key:
        out += by_key["basic_project"].sentences[:1]
    if "projects:1" in by_key:
        out += by_key["projects:1"].sentences[1:2]
    return out


SlideBuilder = Callable[[_Context], "Slide | list[Slide] | None"]
# The finance officer's story: total and change → where the money comes from → where it goes
# (功能分类) → 基本/项目 → the projects → 经济科目 → 三公 and 机关运行经费 → performance →
# budget against actual (when the 决算 is loaded beside the 预算) → data quality. The one
# sequence: the deck (budgetlens.deck) draws it and the presenter page (ui.presenter) shows it.
BUILDERS: tuple[SlideBuilder, ...] = (
    _title,
    _overview,
    _revenue,
    _function,
    _basic_project,
    _projects,
    _economic,
    _three_public,
    _performance,
    _execution,
    _quality,
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

    The story a finance officer tells: title; the total and its change (with the reason the
    document gives); revenue by source; expenditure by 功能分类 类; 基本 vs 项目; every project
    with its amount; 基本支出 by 经济分类 group; “三公”经费 and 机关运行经费; performance targets
    across all projects (at most two slides); budget against actual where the document's 预算
    and 决算 are both loaded; data quality (one slide). A slide whose data the
    document does not have is left out. Sources name the table and line, or for a document read
    from PDF the page. Raises ValueError for a language other than 'zh' or 'en' and LookupError
    when the department-year (or the document, which must be one of that department-year's) is
    not in the ``document`` table.
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
