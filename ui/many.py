"""What the pages over many documents share (catalogue, comparison, trends, search): links that
open one document's view, the labels of a document's kind and scope, the sources of figures read
from many documents, and the chosen government, year, kind and scope checked against the
catalogue.

Nothing here runs SQL: the rows come from ``ui.data.catalogue`` / ``catalogue_classes``. What
is made from them once per database (keyed by its path and version) is kept in this process with
``functools.lru_cache``: a hit costs well under a microsecond where Streamlit's cache costs
0.1–0.2 ms hashing its arguments, paid on every rerun by each filter of these pages, and no
visitor can clear it. Shared: callers treat what they get as read-only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from urllib.parse import urlencode

import pandas as pd

from budgetlens import settings
from ui import data, state
from ui.i18n import TRANSLATIONS, t

CATALOGUE = "pages/catalogue.py"
OVERVIEW = "pages/overview.py"
COMPARE = "pages/compare.py"
TRENDS = "pages/trends.py"
# the catalogue's figures and where each was printed: (label key, column prefix of *_page/*_line)
FIGURE_SOURCES = (
    ("what.total", "total"),
    ("what.basic_project", "basic"),
    ("what.three_public", "three_public"),
    ("what.admin", "admin"),
)


def doc_params(row: Mapping[str, object], lang: str | None = None) -> dict[str, str]:
    """The query parameters that open ``row``'s document (a catalogue row): department, year,
    document id and the language (``lang``, default the one on screen)."""
    return {
        "department": str(row["department"]),
        "year": str(int(row["year"])),  # type: ignore[arg-type]
        "doc": str(row["document"]),
        "lang": lang or state.lang(),
    }


# the pages over many documents: their URLs carry no document (ui.state.set_current)
MANY_PAGES = (CATALOGUE, COMPARE, TRENDS)


def home() -> str:
    """The page "/" opens: the catalogue when more than one document is loaded, unless the URL
    names one of them (?doc=, a link to a document's view); else the overview (also when the
    database cannot be read: the sidebar then says why)."""
    try:
        index = data.document_index()
    except Exception:  # a missing or unreadable database: the sidebar reports it in a sentence
        return OVERVIEW
    wanted = state.param("doc")
    several = len(index) > 1 or any(
        len(years) > 1 or any(len(docs) > 1 for docs in years.values()) for years in index.values()
    )
    if several and not (
        wanted and any(wanted in docs for y in index.values() for docs in y.values())
    ):
        return CATALOGUE
    return OVERVIEW


def doc_url(
    row: Mapping[str, object], home_page: str | None = None, lang: str | None = None
) -> str:
    """A relative link to the overview of ``row``'s document (resolved against the page showing
    it, so it works under any base path; the overview is "/" when it is the home page:
    ``home_page``, by default :func:`home`)."""
    path = "./" if (home_page or home()) == OVERVIEW else "overview"
    return f"{path}?{urlencode(doc_params(row, lang))}"


def kind_label(kind: str, lang: str | None = None) -> str:
    """预算 / 决算 in ``lang`` (default: the page's language; pass it for a widget's labels,
    which may be formatted outside the script run)."""
    key = f"doc_kind.{kind}"
    return t(key, lang) if key in TRANSLATIONS else kind


def scope_label(scope: str, lang: str | None = None) -> str:
    """部门 / 单位 in ``lang`` (default: the page's language)."""
    key = f"doc_scope.{scope}"
    return t(key, lang) if key in TRANSLATIONS else scope


def doc_label(scope: str, kind: str) -> str:
    """部门预算 / Department budget: what kind of document a group is, in the page's language."""
    return t("doc.label").format(scope=scope_label(scope), kind=kind_label(kind))


def share(part: object, whole: object) -> float | None:
    """``part`` as a percentage of ``whole``; None when either is missing or the whole is 0."""
    if blank(part) or blank(whole) or float(whole) == 0:  # type: ignore[arg-type]
        return None
    return 100 * float(part) / float(whole)  # type: ignore[arg-type]


def per(amount: object, count: object) -> float | None:
    """``amount`` per unit of ``count`` (e.g. 万元 per staff member); None when either is
    missing or the count is not positive."""
    if blank(amount) or blank(count) or float(count) <= 0:  # type: ignore[arg-type]
        return None
    return float(amount) / float(count)  # type: ignore[arg-type]


def where_text(row: Mapping[str, object], prefix: str) -> str:
    """'第9页' (or '第166行' for a text document) for ``row``'s ``prefix`` figure; '' when the
    row has neither."""
    page, line = row.get(f"{prefix}_page"), row.get(f"{prefix}_line")
    if page is not None and not pd.isna(page):  # type: ignore[arg-type]
        return t("src.at_page").format(page=int(page))  # type: ignore[arg-type]
    if line is not None and not pd.isna(line):  # type: ignore[arg-type]
        return t("src.at_line").format(line=int(line))  # type: ignore[arg-type]
    return ""


def pages_text(row: Mapping[str, object], columns: Iterable[tuple[str, str]]) -> str:
    """Where ``row``'s figures were printed: '支出总计 第8页；“三公”经费 第20页' for a PDF, the
    lines for a text document. ``columns``: (figure label key, catalogue column prefix)."""
    return pages_texts([row], columns)[0]


def pages_texts(
    rows: Iterable[Mapping[str, object]],
    columns: Iterable[tuple[str, str]],
    lang: str | None = None,
) -> list[str]:
    """:func:`pages_text` of many rows, the labels looked up once (a catalogue has thousands);
    in ``lang`` (default: the page's)."""
    lang = lang or state.lang()
    columns = list(columns)
    page_of, line_of, join = (t(k, lang) for k in ("src.page_of", "src.line_of", "src.join"))
    labels = {key: t(key, lang) for key, _ in columns}
    out = []
    for row in rows:
        parts = []
        for label_key, prefix in columns:
            page = row.get(f"{prefix}_page")
            line = row.get(f"{prefix}_line")
            if page is not None and not pd.isna(page):  # type: ignore[arg-type]
                parts.append(page_of.format(page=int(page), what=labels[label_key]))  # type: ignore[arg-type]
            elif line is not None and not pd.isna(line):  # type: ignore[arg-type]
                parts.append(line_of.format(line=int(line), what=labels[label_key]))  # type: ignore[arg-type]
        out.append(join.join(parts))
    return out


# a chart names each document's page while the names fit under it; beyond, the table does
_SOURCE_ITEMS = 6


def chart_source(records: list[Mapping[str, object]], prefix: str, label: str) -> str:
    """The source under a chart of many documents' ``prefix`` figure (total, basic,
    three_public, admin): each document and the page (or line) it prints the figure on, e.g.
    '来源：支出总计，上海市普陀区商务委员会2025年部门预算 第9页；…'; beyond a few documents,
    the table below."""
    page_key, line_key = f"{prefix}_page", f"{prefix}_line"
    located = []
    count = 0  # one pass, the names kept only while they fit (a thousand rows under each chart)
    for r in records:
        if not blank(r.get(page_key)) or not blank(r.get(line_key)):
            count += 1
            if count <= _SOURCE_ITEMS:
                located.append(r)
    head = t("src.prefix_many").format(what=label)
    if not count:
        return head + t("msg.no_source")
    if count > _SOURCE_ITEMS:  # the names no longer fit under the chart
        return head + t("src.see_table").format(n=count)
    at_page, at_line = t("src.at_page"), t("src.at_line")
    parts = []
    for r in located:
        page, line = r.get(page_key), r.get(line_key)
        where = (
            at_page.format(page=int(page))  # type: ignore[arg-type]
            if not blank(page)
            else at_line.format(line=int(line))  # type: ignore[arg-type]
        )
        parts.append(f"{r['title']} {where}")
    return head + t("src.join").join(parts)


def blank(value: object) -> bool:
    """None, pd.NA or NaN (a missing page or line): without pd.isna, called for every row of
    a thousand documents under every chart."""
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


@lru_cache(maxsize=16)
def _catalogue_records(path: str, version: str, synthetic: bool) -> tuple[dict, ...]:
    return tuple(data.catalogue().to_dict("records"))


def catalogue_records() -> tuple[dict, ...]:
    """The catalogue's rows as dicts, made once per database (a thousand rows' to_dict cost
    30–45 ms on every comparison drawn). Shared: read-only."""
    path, version = data.database_version()
    return _catalogue_records(path, version, settings.current().show_synthetic)


def sort_by_total(records: Iterable[dict]) -> list[dict]:
    """``records`` by ``total_wan``, the largest first, those without a total last (in their
    order)."""
    return sorted(
        records,
        key=lambda r: (1, 0.0) if blank(r["total_wan"]) else (0, -float(r["total_wan"])),
    )


@lru_cache(maxsize=16)
def _class_where(path: str, version: str, synthetic: bool) -> dict[str, tuple[object, object]]:
    """document → (page, line) of its first 类 row, for every shown document: once per
    database (sorting ten thousand 类 rows for each comparison cost 30 ms)."""
    classes = data.catalogue_classes()
    first = classes.sort_values("source_line").drop_duplicates("document")
    return dict(
        zip(
            first["document"].tolist(),
            zip(first["page"].tolist(), first["source_line"].tolist(), strict=True),
            strict=True,
        )
    )


@lru_cache(maxsize=16)
def _class_rows(
    path: str, version: str, synthetic: bool
) -> dict[str, tuple[tuple[object, str, object], ...]]:
    classes = data.catalogue_classes()
    key = classes["code"].fillna(classes["name"]).tolist()
    out: dict[str, list[tuple[object, str, object]]] = {}
    for document, k, name, total in zip(
        classes["document"].tolist(),
        key,
        classes["name"].tolist(),
        classes["total_wan"].tolist(),
        strict=True,
    ):
        out.setdefault(str(document), []).append((k, str(name), total))
    return {d: tuple(rows) for d, rows in out.items()}


def class_rows() -> dict[str, tuple[tuple[object, str, object], ...]]:
    """Every shown document's 类 rows (queries/catalogue_classes.sql) as document → ((key,
    name, total_wan), …), in the query's order (documents, then as printed); the key is the 类
    code, or its name where the document prints none. Made once per database: filtering ten
    thousand Arrow-backed rows with ``isin`` cost 5–10 ms on every comparison drawn. Shared:
    read-only."""
    return _class_rows(*data.database_version(), settings.current().show_synthetic)


def class_sources(records: list[Mapping[str, object]]) -> list[dict[str, object]]:
    """Each of ``records``' title and where its document prints its 类 rows (``classes_page``,
    ``classes_line``: the first 类 row's), for :func:`chart_source` with prefix "classes"."""
    where = _class_where(*data.database_version(), settings.current().show_synthetic)
    out = []
    for r in records:
        page, line = where.get(r["document"], (None, None))  # type: ignore[call-overload]
        out.append({"title": r["title"], "classes_page": page, "classes_line": line})
    return out


def choose(
    label: str, options: list, name: str, *, format_func=str, parse=lambda raw: raw
) -> object:
    """A selectbox bound to the URL parameter ``name`` (see ui.state.bound_select); no widget
    when there is a single option (it is the choice)."""
    if len(options) == 1:
        return options[0]
    return state.bound_select(label, options, name, format_func=format_func, parse=parse)


# the legend group of the figures a document states for the year before (never a loaded figure)
STATED_GROUP = "stated"


def stated_prior_years(
    government: str, department: str, kind: str, scope: str, loaded_years: Iterable[int]
) -> list[dict]:
    """The prior-year figures this department's documents (of ``kind`` and ``scope``) state in
    their narrative, each with ``check`` (the reconciliation result against the loaded document
    of that year, None when that year is not loaded) and ``filled`` (its year is not loaded: the
    trend shows it as stated in that document)."""
    frame = data.prior_year_figures()
    if frame.empty:
        return []
    mine = frame[
        (frame["government"] == government)
        & (frame["department_key"] == department)
        & (frame["kind"] == kind)
        & (frame["scope"] == scope)
    ]
    checks = {(r["document"], r["measure"]): r for r in data.prior_year_checks(mine)}
    loaded = set(loaded_years)
    out = []
    for r in mine.to_dict("records"):
        out.append(
            {
                **r,
                "check": checks.get((r["document"], r["measure"])),
                "filled": int(r["prior_year"]) not in loaded,
            }
        )
    return out


# --- the catalogue's rows: filtered and sorted once per filters, shown a page at a time -------

ALL = "*"  # every government / kind (a non-empty value: widget tests format it)
ALL_YEARS = 0
PAGE_SIZE = 50  # rows of the catalogue on screen; the whole list downloads
# what the catalogue sorts by: (name in the URL, catalogue column, column label key)
SORT_COLUMNS = (
    ("total", "total_wan", "col.expenditure_total_wan"),
    ("basic", "basic_wan", "col.basic_wan"),
    ("project", "project_wan", "col.project_wan"),
    ("three_public", "three_public_wan", "col.three_public_wan"),
    ("admin", "admin_operating_wan", "col.admin_operating_wan"),
    ("mismatches", "checks_mismatch", "col.mismatches"),
    ("department", "department", "col.department"),
    ("year", "year", "col.year"),
)
SORTS = tuple(f"{name}-{way}" for name, _, _ in SORT_COLUMNS for way in ("desc", "asc"))


def sort_label(sort: str, lang: str | None = None) -> str:
    """'支出总计（万元）↓ 从大到小' for ``total-desc``, in ``lang``."""
    name, way = sort.rsplit("-", 1)
    key = next(k for n, _, k in SORT_COLUMNS if n == name)
    return t(f"sort.{way}", lang).format(what=t(key, lang))


@lru_cache(maxsize=256)
def _catalogue_rows(
    path: str, version: str, synthetic: bool, government: str, kind: str, text: str
) -> pd.DataFrame:
    # ``path``, ``version``, ``synthetic``: the key (data.catalogue reads the same)
    docs = data.catalogue()
    keep = pd.Series(True, index=docs.index)
    if government != ALL:
        keep &= docs["government"] == government
    if kind != ALL:
        keep &= docs["kind"] == kind
    if text:
        keep &= docs["department"].str.contains(text, case=False, regex=False)
    return docs[keep]


@lru_cache(maxsize=256)
def _sorted_rows(
    path: str, version: str, synthetic: bool, government: str, year: int, kind: str, text: str,
    sort: str,
) -> pd.DataFrame:  # fmt: skip
    rows = _catalogue_rows(path, version, synthetic, government, kind, text)
    if year != ALL_YEARS:
        rows = rows[rows["year"] == year]
    name, way = sort.rsplit("-", 1) if sort in SORTS else SORTS[0].rsplit("-", 1)
    column = next(c for n, c, _ in SORT_COLUMNS if n == name)
    # ties: by department, then the latest year first; a missing figure last either way
    by = [column, *(c for c in ("department", "year") if c != column)]
    ascending = [way == "asc", *(c == "department" for c in by[1:])]
    return rows.sort_values(by, ascending=ascending, na_position="last", kind="stable")


def catalogue_rows(
    government: str, year: int, kind: str, text: str, sort: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The catalogue's documents that pass the filters, (every year, the chosen year sorted by
    ``sort``, one of :data:`SORTS`): filtered and sorted once per database and filters, shared by
    every session (read-only)."""
    path, version = data.database_version()
    synthetic = settings.current().show_synthetic
    return (
        _catalogue_rows(path, version, synthetic, government, kind, text),
        _sorted_rows(path, version, synthetic, government, year, kind, text, sort),
    )


@lru_cache(maxsize=16)
def _doc_urls(path: str, version: str, synthetic: bool, home_page: str, lang: str) -> dict:
    return {
        str(r["document"]): doc_url(r, home_page, lang) for r in data.catalogue().to_dict("records")
    }


def doc_urls(home_page: str, lang: str) -> dict[str, str]:
    """Every shown document's :func:`doc_url`, made once per database, home page and language
    (a thousand links took 0.2 s: the names are percent-encoded). Shared: read-only."""
    path, version = data.database_version()
    return _doc_urls(path, version, settings.current().show_synthetic, home_page, lang)


@lru_cache(maxsize=64)
def _years_by_department(path: str, version: str, synthetic: bool, government: str) -> pd.Series:
    docs = data.catalogue()
    mine = docs[docs["government"] == government]
    return (
        mine.groupby("department_key")["year"].nunique().sort_values(ascending=False, kind="stable")
    )


def years_by_department(government: str) -> pd.Series:
    """How many years of each department of ``government`` are loaded (department_key → years),
    the most first: counted once per database (shared: read-only)."""
    path, version = data.database_version()
    return _years_by_department(path, version, settings.current().show_synthetic, government)


@lru_cache(maxsize=16)
def _catalogue_choices(
    path: str, version: str, synthetic: bool
) -> tuple[list[str], list[int], list[str]]:
    docs = data.catalogue()
    return (
        sorted(set(docs["government"])),
        sorted({int(y) for y in docs["year"]}, reverse=True),
        list(dict.fromkeys(docs["kind"])),
    )


def catalogue_choices() -> tuple[list[str], list[int], list[str]]:
    """The catalogue's governments, years (latest first) and kinds, for its filters: read once
    per database (a thousand rows' values on every rerun cost). Shared: read-only."""
    path, version = data.database_version()
    return _catalogue_choices(path, version, settings.current().show_synthetic)


@lru_cache(maxsize=512)
def _values_of(
    path: str, version: str, synthetic: bool, column: str, where: tuple[tuple[str, object], ...]
) -> list:
    # the shared dicts, not DataFrame masks: 0.5 ms instead of 5–20 ms per choice
    return list(
        dict.fromkeys(
            r[column] for r in catalogue_records() if all(r[name] == value for name, value in where)
        )
    )


def values_of(column: str, **where: object) -> list:
    """The distinct values of the catalogue's ``column`` (in the catalogue's order) among the
    documents whose columns equal ``where``, e.g. the years of one government: for the filters
    of the comparison and trends, read once per database and choice. Shared: read-only."""
    path, version = data.database_version()
    key = tuple(sorted(where.items()))
    return _values_of(path, version, settings.current().show_synthetic, column, key)


def warm() -> bool:
    """Read, into this process's shared caches, the rows every view over many documents reads
    whatever its choices: the catalogue, the 类 rows, the stated prior-year figures and the
    filters' choices. Run by the launcher before it serves (deploy/launch.py), so that the
    first visit of a catalogue, comparison or trend view draws it rather than reading a
    thousand documents first. Returns False, reading nothing, when the database file does not
    exist (the pages say so); an unreadable database raises duckdb.Error."""
    if not data.db_path().exists():
        return False
    data.catalogue()
    data.catalogue_classes()
    data.prior_year_figures()
    catalogue_records()
    _class_where(*data.database_version(), settings.current().show_synthetic)
    class_rows()
    catalogue_choices()
    values_of("government")
    return True
