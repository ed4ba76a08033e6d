"""Layouts of published disclosures, declared as data, and how a document is matched to one.

A layout (``budgetlens/layouts/<name>.toml``) declares a province's set of tables: for each, the
words its title must hold (alternatives), words it must not hold, whether it is required and which
reader reads it; plus the patterns that read the document's identity (department, government,
year), the words that make it a 单位预算 and the figures its narrative states
(``[[narrative_figures]]``, read by :func:`budgetlens.narrative.read_stated`). Column meanings
are shared (``layouts/_columns.toml``). Adding a province is a new declaration, not a change to
the readers.

:func:`choose` picks the layout whose tables a document's titles match best and says why the
others were not taken; :func:`locate` cuts a PDF's items into the layout's tables, following a
table onto the pages where it continues.
"""

from __future__ import annotations

import csv
import itertools
import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from budgetlens.errors import IngestError
from budgetlens.pdf import GridItem, TextItem
from budgetlens.source import norm

LAYOUT_DIR = Path(__file__).with_name("layouts")
# "2026年", and "2026（年度）" as a Beijing table prints it
_YEAR_IN_TITLE = re.compile(r"((?:19|20)\d{2})\s*[（(]?\s*年")
# contents entries: leader dots, a trailing page number, or a numbered entry (1. …表); a
# Chinese ordinal (八、…表) is how some layouts number their real titles, so it is allowed
_TOC = re.compile(r"^\d+[.．、]|[.…]{3,}|\d+$")
_EMPTY_QUOTES = re.compile(r"[“\"]\s*[”\"]")
_UNIT = re.compile(r"单位[:：](?P<unit>万元|元|千元)")
_UNIT_WORD = re.compile(r"^(?:金额)?(?:单位[:：])?(?:万元?|千元?|元)$")  # (万 | 元 over two lines)
# a page counter (第3页,共45页): part of no name, though a cover line may join it
_PAGE_COUNTER = re.compile(r"第\d+页|共\d+页")
# a cell that can be a department's name: starts with a CJK character, three of them at least
_NAME_CELL = re.compile(r"^[\u4e00-\u9fff]{3}")
# a numbered heading of a contents page (一、主要职能, 第二部分…): no line of a cover title
_OUTLINE = re.compile(r"^(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+部分)")
EMPTY_MARKERS = (
    "本表无数据",
    "为空表",
    "本表为空",
    "此表为空",
    "无数据",
    "无政府性基金",
    "无国有资本经营",
    "没有",
)
_GOV = re.compile(
    r"^(?:中共|中国共产党)?"
    r"(?P<v>(?:[^省市区县]{2,7}?(?:省|自治区))?(?:[^省市区县]{2,4}?市)?(?:[^省市区县委]{2,3}?[区县])?)"
)


@dataclass(frozen=True)
class TableDecl:
    """One table of a layout."""

    key: str
    label: str
    reader: str
    titles: tuple[tuple[str, ...], ...]
    exclude: tuple[str, ...] = ()
    required: bool = False
    order: tuple[str, ...] = ()  # the items of a table whose items are columns, left to right

    def matches(self, title: str) -> bool:
        return self.variant(title) is not None

    def variant(self, title: str) -> int | None:
        """Which of the declared title variants the title answers to (the first one it does:
        variants are listed most specific first), or None."""
        text = norm(title)
        if any(w in text for w in self.exclude):
            return None
        return next((k for k, alt in enumerate(self.titles) if all(w in text for w in alt)), None)


@dataclass(frozen=True)
class NarrativeFigure:
    """A figure a layout's narrative states (``[[narrative_figures]]``): the first match of any
    of ``patterns`` (regular expressions with a group ``v``, over the normalised text) is its
    value. A figure with ``after`` is searched only in the statement of that figure: from where
    its match starts to the next 。 (its parts: 货物, 工程, 服务 of a 政府采购 total)."""

    key: str
    label: str
    unit: str
    patterns: tuple[str, ...]
    after: str | None = None


@dataclass(frozen=True)
class Layout:
    """A declared layout: see ``budgetlens/layouts/*.toml``."""

    name: str
    label: str
    kind: str
    markers: tuple[str, ...]
    unit_scope_markers: tuple[str, ...]
    department_patterns: tuple[str, ...]
    government_patterns: tuple[str, ...]
    year_patterns: tuple[str, ...]
    tables: tuple[TableDecl, ...]
    columns: dict = field(default_factory=dict, hash=False, compare=False)
    narrative_figures: tuple[NarrativeFigure, ...] = ()

    def table_for(self, title: str) -> TableDecl | None:
        return next((t for t in self.tables if t.matches(title)), None)


@cache
def shared_columns() -> dict:
    """Column meanings shared by every PDF layout (``layouts/_columns.toml``)."""
    with open(LAYOUT_DIR / "_columns.toml", "rb") as fh:
        return tomllib.load(fh)


def _load(path: Path) -> Layout:
    with open(path, "rb") as fh:
        raw = tomllib.load(fh)
    try:
        tables = tuple(
            TableDecl(
                key=t["key"],
                label=t["label"],
                reader=t["reader"],
                titles=tuple(tuple(norm(w) for w in alt) for alt in t["titles"]),
                exclude=tuple(norm(w) for w in t.get("exclude", ())),
                required=bool(t.get("required", False)),
                order=tuple(t.get("order", ())),
            )
            for t in raw["tables"]
        )
        figures = tuple(
            NarrativeFigure(
                key=f["key"],
                label=f["label"],
                unit=f.get("unit", "万元"),
                patterns=tuple(f["patterns"]),
                after=f.get("after"),
            )
            for f in raw.get("narrative_figures", ())
        )
        known = {f.key for f in figures}
        for f in figures:
            if f.after is not None and f.after not in known:
                raise ValueError(f"layout {path.name}: {f.key} is after unknown figure {f.after}")
            for pat in f.patterns:
                if "(?P<v>" not in pat:
                    raise ValueError(f"layout {path.name}: a pattern of {f.key} has no group v")
        return Layout(
            name=raw["name"],
            label=raw["label"],
            kind=raw["kind"],
            markers=tuple(norm(w) for w in raw.get("markers", ())),
            unit_scope_markers=tuple(norm(w) for w in raw.get("unit_scope_markers", ())),
            department_patterns=tuple(raw.get("department_patterns", ())),
            government_patterns=tuple(raw.get("government_patterns", ())),
            year_patterns=tuple(raw.get("year_patterns", ())),
            tables=tables,
            columns=raw.get("columns", {}),
            narrative_figures=figures,
        )
    except KeyError as exc:  # a broken declaration is a bug of ours, said plainly
        raise ValueError(f"layout {path.name}: missing {exc}") from exc


@cache
def layouts() -> tuple[Layout, ...]:
    """Every declared PDF layout, by file name."""
    return tuple(_load(p) for p in sorted(LAYOUT_DIR.glob("[!_]*.toml")))


# --- finding the tables -------------------------------------------------------------------


@dataclass
class Located:
    """A table found in a document: its declaration, title and grids (one per page it spans)."""

    decl: TableDecl
    title: str
    item_index: int  # index of the title among the document's items
    page: int
    file: str
    unit: str | None = None
    department: str | None = None
    empty_note: bool = False
    grids: list[tuple[int, GridItem]] = field(default_factory=list)  # (item index, grid)


def is_title_candidate(text: str) -> bool:
    """A line that reads like a table title: short, ends in 表 (or 表 plus a qualifier)."""
    t = norm(text)
    if not t or len(t) > 60 or _TOC.search(t):
        return False
    t = re.sub(r"[（(][^）)]*[）)]$", "", t)
    t = re.sub(r"(?:公开表[一二三四五六七八九十\d]+|公开\d+表)$", "", t)
    return t.endswith("表")


def title_text(items: list, k: int) -> str | None:
    """The title a text item states, or None. A title wrapped onto two lines (公开09表：一般公共预算
    “三公”经费 | 支出预算表) is joined with the line above it."""
    it = items[k]
    if not isinstance(it, TextItem):
        return None
    if not is_title_candidate(it.text):
        # a qualifier wrapped onto the next line (…明细表（按支出功能分类科 | 目-不含上年结转）)
        # (norm makes full-width brackets and punctuation ASCII: ） is ), ； is ;, ： is :)
        t, prev = norm(it.text), items[k - 1] if k else None
        if (
            t.endswith(")")
            and not re.search(r"[（(]", t)
            and isinstance(prev, TextItem)
            and prev.page == it.page
            and is_title_candidate(joined := prev.text.strip() + it.text.strip())
        ):
            return joined
        return None
    if len(norm(it.text)) > 8:
        return it.text
    # the rest of a title wrapped over up to three lines: join the lines above it
    parts = [it.text.strip()]
    for back in (1, 2):
        prev = items[k - back] if k >= back else None
        if not (
            isinstance(prev, TextItem)
            and prev.page == it.page
            and not is_title_candidate(prev.text)
            and len(norm(prev.text)) <= 40
            and not norm(prev.text).endswith(("。", ";", ":"))
            and not re.search(r"(?:部门|单位|编制)[^：:]{0,4}[:：]", prev.text)
        ):
            break
        parts.insert(0, prev.text.strip())
        joined = _EMPTY_QUOTES.sub("", "".join(parts))
        if len(norm(_EMPTY_QUOTES.sub("", prev.text))) > 8 or back == 2:
            return joined if is_title_candidate(joined) else None
    return it.text


def titles_in(items: list) -> list[tuple[int, str]]:
    """(item index, text) of every title-like text line."""
    return [(k, t) for k in range(len(items)) if (t := title_text(items, k)) is not None]


def choose(items: list, file: str) -> Layout:
    """The layout that fits a document best.

    A layout fits when every required table's title is found; among those, the one with most
    titles found and a marker present wins. Raises IngestError listing the titles found and, per
    layout, the required tables that are missing, when none fits.
    """
    titles = [t for _, t in titles_in(items)]
    text = "".join(norm(it.text) for it in items[:400] if isinstance(it, TextItem))
    scored = []
    missing_by_layout = {}
    for lay in layouts():
        found = {d.key for d in lay.tables for t in titles if d.matches(t)}
        missing = [d.label for d in lay.tables if d.required and d.key not in found]
        marker = any(mk in text for mk in lay.markers)
        missing_by_layout[lay.name] = missing
        if not missing:
            scored.append((marker, len(found), lay))
    if scored:
        # the layout that recognises most of the tables wins; its markers break a tie
        scored.sort(key=lambda s: (s[1], s[0]), reverse=True)
        return scored[0][2]
    shown = "; ".join(dict.fromkeys(titles)) or "no table titles"
    expected = " | ".join(
        f"{name}: missing {', '.join(miss)}" for name, miss in missing_by_layout.items()
    )
    raise IngestError(
        file,
        "a disclosure in a declared layout (budgetlens/layouts/*.toml); "
        f"required tables per layout — {expected}. "
        "To read this layout, declare its tables in a new layouts/<name>.toml",
        found=f"tables titled: {shown}"[:400],
    )


def locate(items: list, lay: Layout, file_of) -> tuple[list[Located], list[Located]]:
    """Cut the items into the layout's tables and the tables it does not know.

    A grid belongs to the last title above it; a grid with no new title since the previous grid
    continues that table (the next page of a long table). Returns (known, unknown): unknown tables
    have a title-like line the layout does not declare and are kept as raw cells.
    """
    known: list[Located] = []
    unknown: list[Located] = []
    current: Located | None = None
    pending_title: tuple[int, str] | None = None
    unknown_decl_no = 0
    for k, it in enumerate(items):
        if isinstance(it, TextItem):
            text = norm(it.text)
            title = title_text(items, k)
            if title is not None:
                pending_title = (k, title)
                decl = lay.table_for(title)
                same = next((t for t in known if decl and t.decl.key == decl.key), None)
                if same is not None and is_weak(same):
                    # the first was a contents entry (grids without a figure): this is the table
                    known.remove(same)
                    same = None
                elif (
                    same is not None
                    and decl is not None
                    and not _same_title(title, same.title)
                    and (decl.variant(title) or 0) < (decl.variant(same.title) or 0)
                ):
                    # a title answering to a more specific variant than the table found first
                    # (福州: 一般公共预算支出经济分类情况表, then
                    # 一般公共预算基本支出经济分类情况表):
                    # this is the declared table, the first is kept as raw cells
                    known.remove(same)
                    unknown_decl_no += 1
                    same.decl = TableDecl(f"unknown_{unknown_decl_no}", same.title, "raw", ())
                    unknown.append(same)
                    same = None
                if decl is not None and same is None:
                    current = Located(decl, title.strip(), k, it.page, file_of(k))
                    known.append(current)
                    pending_title = None
                elif same is not None and same is current and _same_title(title, same.title):
                    pending_title = None  # the title repeated over a continued page
                else:
                    # a title the layout does not know, or another table answering to a
                    # declared one: its grids are not the previous table's continuation
                    current = None
                continue
            if current is not None:
                if (u := _UNIT.search(text)) and current.unit is None:
                    current.unit = u.group("unit")
                if current.department is None:
                    for pat in lay.department_patterns:
                        if hit := re.match(pat, text):
                            current.department = hit.group("v")
                            break
                if any(w in text for w in EMPTY_MARKERS) and any(
                    w in text for w in ("本表", "此表", "注")
                ):
                    current.empty_note = True
            continue
        # a grid
        if pending_title is not None and current is None:
            unknown_decl_no += 1
            decl = TableDecl(f"unknown_{unknown_decl_no}", pending_title[1], "raw", ())
            current = Located(decl, pending_title[1].strip(), pending_title[0], it.page, file_of(k))
            unknown.append(current)
            pending_title = None
        if current is None:
            continue
        if current.unit is None:
            for row in it.rows[:3]:
                for c in row:
                    if c and (u := _UNIT.search(norm(c))):
                        current.unit = u.group("unit")
        current.grids.append((k, it))
    return known, unknown


def _same_title(a: str, b: str) -> bool:
    """Two spellings of one title (收支总表 under 二、表格部分 表1 收支总表)."""
    x, y = norm(a), norm(b)
    return x == y or x.endswith(y) or y.endswith(x)


def is_weak(t: Located) -> bool:
    """A table found under a title whose grids hold no figure and no 本表无数据 note: a contents
    entry that reads like a title. A row's leading 序号 (1, 2 … in the first cell, as a list of
    units printed after the contents has it) is no figure."""
    from budgetlens.source import is_amount

    return not t.empty_note and not any(
        c and is_amount(norm(c)) and not (j == 0 and norm(c).isdigit() and len(norm(c)) <= 2)
        for _, g in t.grids
        for row in g.rows
        for j, c in enumerate(row)
    )


# --- identity -----------------------------------------------------------------------------


def _first_match(patterns, lines) -> str | None:
    for pat in patterns:
        rx = re.compile(pat)
        for line in lines:
            if hit := rx.match(line):
                value = hit.group("v").strip()
                # 单位：万元 names no unit; 单位:万元 | 第3页,共45页 joined names none either
                if value and not _UNIT_WORD.match(value) and not _PAGE_COUNTER.search(value):
                    return value
    return None


def _labelled_cell(items: list, labels: tuple[str, ...]) -> str | None:
    """The cell right of a cell that says 部门名称 (or another of ``labels``) in a table."""
    for it in items:
        if isinstance(it, TextItem):
            continue
        for row in it.rows:
            cells = [c for c in row if c]
            for a, b in itertools.pairwise(cells):
                if norm(a).rstrip(":：") in labels and not _UNIT_WORD.match(norm(b)):
                    if not _NAME_CELL.match(norm(b)):  # (合计, 总计: two characters, no name)
                        continue  # 单位名称 heading a column (西安's tables): the next is no name
                    return b.strip()
    return None


def government_of(department: str) -> str | None:
    """The government a department belongs to, from its name: 江苏省…→江苏省,
    上海市普陀区…→上海市普陀区, 中共上海市普陀区委…→上海市普陀区, 晋城市…→晋城市."""
    if department.startswith(("国家", "中央", "中国", "全国")):
        return "中央"  # a central department (国家信访局)
    hit = _GOV.match(department)
    value = hit.group("v") if hit else ""
    if not value:  # 长沙职业教育基地综合协调办公室: a city named without its 市
        value = next((c["name"] for c in _cities() if department.startswith(c["short"])), "")
    return value or None


@cache
def _cities() -> tuple[dict, ...]:
    """budgetlens/reference/cities.csv, longest short name first (呼和浩特 before 呼和)."""
    with open(Path(__file__).parent / "reference" / "cities.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return tuple(sorted(rows, key=lambda r: -len(r["short"])))


def identity(items: list, lay: Layout | None, file: str) -> dict:
    """Department, government, year, kind and scope as the document states them.

    Values that the document does not state are None (a narrative file without tables may lack
    the department line, a tables file the year); :func:`budgetlens.ingest` joins the files of
    one document and then requires every value.
    """
    lines = [norm(it.text) for it in items if isinstance(it, TextItem)]
    head = lines[:60]
    # a cover that spreads the title over lines (2026年度 | 福州市…支队 | 单位预算) reads as one
    # (lines of punctuation only, as a stray "." above 长春's cover title, are left out)
    # (a contents page's numbered headings are no cover: without its cover page, 一、主要职能 |
    # 二、部门决算单位构成 | 第二部分…决算表 must not read as one title)
    words = [line for line in lines[:10] if re.search(r"\w", line) and not _OUTLINE.match(line)]
    cover = ["".join(words[k : k + n]) for k in range(min(6, len(words))) for n in (2, 3)]
    lays = [lay] if lay is not None else list(layouts())
    department = None
    for candidate in lays:
        # the cover's name first (长春市信访局(本级) on the cover, 预算单位：长春市信访局 in tables)
        department = _first_match(candidate.department_patterns, lines[:8] + cover)
        department = department or _first_match(candidate.department_patterns, lines + cover)
        if department:
            break
    if department is None:
        department = _labelled_cell(items, ("部门名称", "单位名称", "编制单位", "编制部门"))
    government = None
    for candidate in lays:
        government = _first_match(candidate.government_patterns, head)
        if government:
            break
    if government is None and department:
        government = government_of(department)
    year = None
    for candidate in lays:
        found = _first_match(candidate.year_patterns, head)
        if found:
            year = int(found)
            break
    if year is None:
        years = [int(y) for line in lines for y in _YEAR_IN_TITLE.findall(line)]
        titled = [
            int(y)
            for line in lines
            if is_title_candidate(line)
            for y in _YEAR_IN_TITLE.findall(line)
        ]
        pool = titled or years[:5]
        if not pool:  # a document of tables only: the years its cells name
            pool = [
                int(y)
                for it in items
                if not isinstance(it, TextItem)
                for row in it.rows
                for c in row
                if c
                for y in _YEAR_IN_TITLE.findall(norm(c))
            ]
        if pool:
            year = max(set(pool), key=pool.count)
    joined = "".join(head)
    # the first 部门/单位 预算 or 决算 the document names (a 审计局 mentions 决算 among its duties)
    named = re.search(r"(?:部门|单位|年度?)(预算|决算)", joined)
    kind = named.group(1) if named else ("预算" if "预算" in joined else None)
    scope = None
    if lay is not None or any(w in joined for lay_ in lays for w in lay_.unit_scope_markers):
        markers = [w for lay_ in lays for w in lay_.unit_scope_markers]
        # on the cover: "纳入…决算的下属行政事业单位决算" in the text makes no 单位决算
        cover_text = "".join(head[:8])
        scope = "单位" if any(w in cover_text for w in markers) else "部门"
    return {
        "department": department,
        "government": government,
        "year": year,
        "kind": kind,
        "scope": scope,
    }
