"""From published PDFs to rows for the database: one document per department, year, kind, scope.

Each PDF is read into text lines and grids (:mod:`budgetlens.pdf`); files given together that
belong to one document (Jiangsu's narrative 文件 and tables 表) are joined; the layout is chosen
from the tables' titles (:mod:`budgetlens.layout`); each declared table is read by its reader
(:mod:`budgetlens.grid`). The document's reading text (every text line and table row, in order)
gets line numbers: a figure's ``source_line`` is such a line, and ``source_location`` says which
file and page it is on.
"""

from __future__ import annotations

import dataclasses
import hashlib
from decimal import Decimal
from pathlib import Path

from budgetlens import grid, grid_final, narrative, narrative_final, prior_year
from budgetlens import layout as lay
from budgetlens.errors import IngestError
from budgetlens.grid_performance import is_department_title, read_performance
from budgetlens.grid_procurement import read_procurement
from budgetlens.grid_projects import read_project_list, read_projects
from budgetlens.ingest import AMOUNT_KEYS, Parsed, budget_units
from budgetlens.mappings import SYNTHETIC_MARKER
from budgetlens.pdf import PdfFile, TextItem
from budgetlens.pdf import read as read_pdf
from budgetlens.source import SourceText, is_amount, norm

# reader → database table
_TARGET = {
    "function": "expenditure_function",
    "economic": "expenditure_economic",
    "summary": "summary_item",
    "three_public": "fiscal_item",
    "projects": "project_budget",
    "procurement": "procurement_item",
    "performance": "performance_indicator",  # (and performance_table, performance_fund)
    "raw": "raw_cell",
    **grid_final.TARGETS,
}
# the readers of every layout: the budgets' (grid, the 项目支出表's and the 绩效目标表's), the
# final accounts' (grid_final)
_READERS = {
    **grid.READERS,
    "projects": read_projects,
    "procurement": read_procurement,
    "performance": read_performance,
    **grid_final.READERS,
}
_REVENUE_KEYS = ("revenue_function",)
# the text layout's amount keys, and the revenue sources some PDF layouts print
_AMOUNT_KEYS = (
    *AMOUNT_KEYS,
    "fiscal_appropriation",
    "business_income",
    "operating_income",
    "other_income",
)


# Every row of a table carries these amount columns (None where the document has no such column),
# so that rows have one shape whatever the layout.
_SHAPE = {
    "expenditure_function": ("total", "basic", "project"),
    "revenue_function": (
        "total",
        "general_budget",
        "gov_fund",
        "state_capital",
        "special_account",
        "unit_funds",
        "carried_over",
    ),
    "expenditure_economic": ("total", "personnel", "public"),
    "fiscal_item": ("total", "general_budget", "gov_fund", "state_capital"),
    "project_budget": (
        "total",
        "general_budget",
        "gov_fund",
        "state_capital",
        "special_account",
        "unit_funds",
    ),
}


class _Doc:
    """The files of one document, their items and identity."""

    def __init__(self, files: list[PdfFile], layout: lay.Layout, ident: dict) -> None:
        self.files = files
        self.layout = layout
        self.ident = ident


def _file_identity(f: PdfFile) -> tuple[lay.Layout | None, dict]:
    """The layout a file's tables fit (None for a file with titles but no figures: a narrative
    whose contents list the tables) and its identity."""
    try:
        chosen = lay.choose(f.items, f.path)
    except IngestError:
        chosen = None
    if chosen is not None:
        known, _ = lay.locate(f.items, chosen, lambda k: Path(f.path).name)
        if all(lay.is_weak(t) for t in known):
            chosen = None
    return chosen, lay.identity(f.items, chosen, f.path)


def group_files(files: list[PdfFile]) -> list[_Doc]:
    """Join the files given together into documents.

    A file whose tables fit a layout opens a document; a file without tables (a narrative 文件)
    joins the document of the same year whose department its first lines name. Raises
    IngestError for a file that fits no layout and belongs to no document, and for a document
    whose department, year or kind cannot be read.
    """
    anchors: list[_Doc] = []
    loose: list[tuple[PdfFile, dict]] = []
    first_error: dict[str, IngestError] = {}
    for f in files:
        chosen, ident = _file_identity(f)
        if chosen is None:
            try:
                lay.choose(f.items, f.path)
            except IngestError as exc:
                first_error[f.path] = exc
            loose.append((f, ident))
            continue
        same = next(
            (
                d
                for d in anchors
                if d.ident["department"] == ident["department"]
                and d.ident["year"] == ident["year"]
                and d.layout.name == chosen.name
                and d.ident["scope"] == ident["scope"]
            ),
            None,
        )
        if same is not None:
            same.files.append(f)
        else:
            anchors.append(_Doc([f], chosen, ident))
    for f, ident in loose:
        head = "".join(norm(it.text) for it in f.items[:30] if isinstance(it, TextItem))
        home = [
            d
            for d in anchors
            if d.ident["department"]
            and norm(d.ident["department"]) in head
            and ident["year"] in (None, d.ident["year"])
        ]
        if len(home) != 1:
            # a narrative whose tables file was given but fits no layout (a page of it lost):
            # that file's refusal says what is missing, not "a narrative without its tables"
            others = [e for path, e in first_error.items() if path != f.path] if not home else []
            raise (
                first_error.get(f.path)
                or next(iter(others), None)
                or IngestError(
                    f.path,
                    "a disclosure's tables with figures, or a narrative 文件 given together with "
                    "the tables file of the same department and year",
                    found="table titles without figures (a narrative without its tables file)"
                    if not home
                    else f"{len(home)} documents it could belong to",
                )
            )
        home[0].files.insert(0, f)  # the narrative is read first
        for k, v in ident.items():
            if home[0].ident.get(k) is None and v is not None:
                home[0].ident[k] = v
    return anchors


def _source(doc: _Doc) -> tuple[SourceText, list[tuple[str, int]], list]:
    """The document's reading text: a line per text item and per grid row, with its origin."""
    lines: list[str] = []
    origins: list[tuple[str, int]] = []
    items: list = []
    for f in doc.files:
        for it in f.items:
            items.append(it)
            if isinstance(it, TextItem):
                lines.append(it.text)
                origins.append((f.path, it.page))
            else:
                it.first_line = len(lines) + 1  # type: ignore[attr-defined]
                for row in it.rows:
                    lines.append("\t".join(c or "" for c in row))
                    origins.append((f.path, it.page))
    sha = hashlib.sha256("".join(f.sha256 for f in doc.files).encode()).hexdigest()
    return SourceText(doc.files[0].path, lines, sha), origins, items


def parse_pdfs(paths: list[str | Path]) -> list[Parsed]:
    """Read PDFs given together into documents (see :func:`group_files`).

    Raises IngestError (file, page, table, what was expected) for a file that cannot be read, a
    document whose layout is not recognised or lacks a required table, and a table that does not
    read as its layout declares.
    """
    files = [read_pdf(p) for p in paths]
    return [parse_group(d) for d in group_files(files)]


def parse_group(doc: _Doc) -> Parsed:
    """One document from its files (already grouped).

    Raises IngestError for a document that cannot be read; a failure of the readers themselves
    on a layout they do not expect is reported the same way, naming the file (a published PDF
    must never stop a bulk load with a traceback).
    """
    try:
        return _parse_group(doc)
    except IngestError:
        raise
    except Exception as exc:  # the readers met a table shape they were not written for
        raise IngestError(
            doc.files[0].path,
            f"tables that the {doc.layout.name} layout's readers understand",
            found=f"{type(exc).__name__}: {exc}",
        ) from exc


def _parse_group(doc: _Doc) -> Parsed:
    src, origins, items = _source(doc)
    ident = doc.ident
    file_of = _file_of(items, origins)
    known, unknown = lay.locate(items, doc.layout, file_of)
    unknown = _join_department_pages(unknown, doc.layout)
    first = doc.files[0].path
    for key in ("department", "year"):
        if not ident.get(key):
            raise IngestError(
                first,
                f"the document's {key} (read by the layout {doc.layout.name}'s patterns)",
                found="nothing that matches",
            )
    department, year = ident["department"], int(ident["year"])
    kind = ident.get("kind") or doc.layout.kind
    scope = ident.get("scope") or "部门"
    scope_word = "单位" if scope == "单位" else "部门"
    p = Parsed(
        src,
        department,
        year,
        f"{department}{year}年{scope_word}{kind}",
        government=ident.get("government"),
        kind=kind,
        scope=scope,
        layout=doc.layout.name,
        files=[f.path for f in doc.files],
    )
    # generated documents say so near the top (text lines lose their spaces in a PDF: compare
    # normalised)
    p.synthetic = any(norm(SYNTHETIC_MARKER) in norm(line) for line in src.lines[:20])
    for name in (
        "source_table",
        "expenditure_function",
        "revenue_function",
        "summary_item",
        "expenditure_economic",
        "fiscal_item",
        "project_budget",
        "procurement_item",
        "performance_table",
        "performance_fund",
        "performance_indicator",
        "budget_unit",
        "raw_cell",
        "parse_note",
    ):
        p.rows[name] = []
    units = set()
    has_project_table = any(t.decl.key == "projects" for t in known)
    for t in known + unknown:
        rows = [
            grid.GridRow(g.first_line + k, g.page, cells, n)  # type: ignore[attr-defined]
            for n, (_, g) in enumerate(t.grids)
            for k, cells in enumerate(g.rows)
        ]
        if t.unit:
            units.add(t.unit)
        reader = t.decl.reader
        also = doc.layout.table_for(t.title) if t in unknown else None
        if also is not None and also.reader == "performance":
            reader = "performance"  # one of several 绩效目标表 (福州: one per project)
        if reader in ("function", "economic") and rows:
            rows, cross = grid.split_merged_codes(rows, reader)
            if cross:
                # 功能分类 × 经济分类, one row per pair (北京's 支出总表): kept as published
                reader = "raw"
                p.rows["parse_note"].append(
                    {
                        "table_key": t.decl.key,
                        "message": "table crosses 功能分类 with 经济分类, kept as raw cells: "
                        + t.title,
                        "source_line": rows[0].line,
                    }
                )
        if reader in ("function", "economic") and rows and not grid.has_codes(rows):
            # the same table by unit or by source rather than by 科目 (杭州's 收入预算总表 lists
            # units): labels with amounts, as a summary table is read
            reader = "summary"
        try:
            read = _READERS[reader](t, rows) if rows else []
        except IngestError as exc:
            if t.decl.required or reader == "raw":
                raise
            # a table the layout does not need, in a shape its reader does not know: kept as
            # published, and said (the document loads what it can read)
            read = [{**cell, "_raw": True} for cell in grid.read_raw(t, rows)]
            p.rows["parse_note"].append(
                {
                    "table_key": t.decl.key,
                    "message": f"not read, kept as raw cells ({exc.expected}): {t.title}",
                    "source_line": rows[0].line,
                }
            )
        if reader == "projects":
            # 深圳's 项目支出总表 heads its list with the department's own row (its total)
            for r in read:
                if r.get("row_kind") == "project" and _is_department(
                    r["_project"], t.department or department
                ):
                    r["row_kind"], r["_project"] = "department", None
                elif r.get("row_kind") == "project" and r["unit"] is None:
                    r["unit"] = t.department or department  # a table without a unit column
        if reader == "performance" and not has_project_table and not is_department_title(t.title):
            # no 项目支出表: a list-shaped 项目支出绩效目标表 lists the projects with their amounts
            for r in read_project_list(t, rows) or []:
                if r["row_kind"] == "project" and r["unit"] is None:
                    r["unit"] = t.department or department  # a list without unit rows
                read.append({**r, "_into": "project_budget"})
        seq_by_target: dict[str, int] = {}
        has_figures = False
        for r in read:
            if r.pop("_raw", False):
                r.pop("source_page", None)
                p.rows["raw_cell"].append(r)
                # a table kept raw still has its figures (烟台's 政府采购预算表 by 科目):
                # it is not 本表无数据
                has_figures = has_figures or is_amount(norm(r["text"]))
                continue
            if "_note" in r:
                p.rows["parse_note"].append(
                    {
                        "table_key": t.decl.key,
                        "message": r["_note"],
                        "source_line": r["source_line"],
                    }
                )
                continue
            r.pop("source_page", None)
            if "_target" in r:  # a 绩效目标表's rows name their table
                has_figures = True
                p.rows[r.pop("_target")].append(r)
                continue
            target = r.pop("_into", None) or _TARGET[reader]
            if target == "expenditure_function" and r["table_key"] in _REVENUE_KEYS:
                target = "revenue_function"
            if target == "expenditure_economic":
                r["table_key"] = t.decl.key
            if target == "summary_item":
                r["table_key"] = t.decl.key
            if target == "fiscal_item":
                r.setdefault("table_key", t.decl.key)
            r = {**dict.fromkeys(_SHAPE.get(target, ())), **r}
            r = {(f"{k}_wan" if k in _AMOUNT_KEYS else k): v for k, v in r.items()}
            if target == "project_budget":
                r["carried_over"] = r.pop("_carried")
                r["project"] = r.pop("_project")
            if target == "procurement_item":
                r["project"] = r.pop("_project")
            has_figures = (
                has_figures
                or any(isinstance(v, Decimal) for k, v in r.items() if k.endswith("_wan"))
                or (target == "raw_cell" and is_amount(norm(r["text"])))
            )
            if target == "project_budget":  # (numbered across the document's tables)
                r["seq"] = len(p.rows[target]) + 1
            elif target != "summary_item" and target != "raw_cell":
                seq_by_target[target] = seq_by_target.get(target, 0) + 1
                r["seq"] = seq_by_target[target]
            p.rows[target].append(r)
        note = grid_final.empty_note(items, t.item_index, _next_title(known + unknown, t))
        p.rows["source_table"].append(
            {
                "table_key": t.decl.key,
                "title": t.title,
                "amount_unit": t.unit,
                "is_empty": t.empty_note or not has_figures,
                "row_count": len(rows),
                "source_line": _line_of(items, t.item_index),
                # the table's own word that it is empty (注：…故本表无数据), as printed
                "note": note[0] if note and (t.empty_note or not has_figures) else None,
            }
        )
        if t in unknown and reader != "performance":
            p.rows["parse_note"].append(
                {
                    "table_key": t.decl.key,
                    "message": f"table not declared by layout {doc.layout.name}, kept as raw "
                    f"cells: {t.title}",
                    "source_line": _line_of(items, t.item_index),
                }
            )
    for seq, r in enumerate(p.rows["parse_note"], start=1):
        r["seq"] = seq
    p.unit = "/".join(sorted(units, key=["元", "千元", "万元"].index)) or None
    p.rows["source_location"] = [
        {"line": k, "file": Path(f).name, "page": page}
        for k, (f, page) in enumerate(origins, start=1)
    ]
    p.rows["key_figure"] = _key_figures(p)
    taken = {f["key"] for f in p.rows["key_figure"]}
    p.rows["key_figure"] += [
        f for f in narrative.read_stated(src, doc.layout.narrative_figures) if f["key"] not in taken
    ]
    p.rows["prior_year_figure"] = [
        {"seq": k, **r}
        for k, r in enumerate(prior_year.read_prior_year(src, year, p.rows["key_figure"]), 1)
    ]
    if kind == "决算":  # the narrative's budget, actual and reason per 项
        p.rows["execution_note"] = narrative_final.execution_notes(
            src.lines, p.rows["expenditure_function"]
        )
    _require_totals(p, known, items, first)
    budget_units(p)
    return p


def _require_totals(p: Parsed, known: list, items: list, file: str) -> None:
    """A document loads only with its 收入总计 and 支出总计 read: they are what every page and
    check starts from. Raises IngestError naming the summary table (and its page) otherwise."""
    have = {f["key"]: f for f in p.rows["key_figure"]}
    missing = [k for k in ("revenue_total", "expenditure_total") if k not in have]
    summary = next((t for t in known if t.decl.key == "income_expense_summary"), None)
    if not missing:
        revenue, spent = have["revenue_total"]["value"], have["expenditure_total"]["value"]
        # one 元 or 0.01 万元 of rounding; more means the table was not read as printed
        allowance = Decimal("0.0001") if summary and summary.unit == "元" else Decimal("0.01")
        if abs(revenue - spent) <= allowance:
            return
        raise IngestError(
            f"{summary.file} page {summary.page}" if summary else file,
            "收入总计 equal to 支出总计",
            table=summary.title if summary else "收支总表",
            found=f"{revenue} 万元 against {spent} 万元 (not loaded: the table was not read "
            "as printed, or the document contradicts itself)",
        )
    words = {"revenue_total": "收入总计", "expenditure_total": "支出总计"}
    raise IngestError(
        f"{summary.file} page {summary.page}" if summary else file,
        " and ".join(f"a {words[k]} row with its amount" for k in missing),
        table=summary.title if summary else "收支总表",
        found="no such row read (the table's layout is not understood)",
    )


def _is_department(name: str | None, department: str | None) -> bool:
    """Whether a 项目支出表 row names the document's department itself (深圳: 深圳市信访局,
    深圳市医疗保障局（本级）) rather than a project."""
    if not name or not department:
        return False

    def bare(text: str) -> str:
        # (norm has made （本级） half-width and taken the spaces out)
        return norm(text).replace("(本级)", "")

    return bare(name) == bare(department)


def _join_department_pages(tables: list, layout) -> list:
    """A 部门整体绩效目标表 printed as one table a page, each with the title again (长沙 pp30–32):
    one table over those pages, so that an indicator's merged 一级/二级 cells carry across the
    page and the department has one scorecard. Other tables are left as they are."""
    out: list = []
    for t in tables:
        prev = out[-1] if out else None
        also = layout.table_for(t.title)
        if (
            prev is not None
            and also is not None
            and also.reader == "performance"
            and is_department_title(t.title)
            and norm(t.title) == norm(prev.title)
            and prev.grids
            and t.grids
            and t.grids[0][1].page == prev.grids[-1][1].page + 1
        ):
            out[-1] = dataclasses.replace(prev, grids=[*prev.grids, *t.grids])
            continue
        out.append(t)
    return out


def _next_title(tables: list, t) -> int:
    """The item index of the next table's title after ``t``'s (the end of what ``t`` holds)."""
    return min((u.item_index for u in tables if u.item_index > t.item_index), default=1 << 30)


def _file_of(items: list, origins: list[tuple[str, int]]):
    starts = []
    line = 1
    for it in items:
        starts.append(line)
        line += 1 if isinstance(it, TextItem) else len(it.rows)

    def file_of(k: int) -> str:
        return Path(origins[starts[k] - 1][0]).name

    return file_of


def _line_of(items: list, index: int) -> int:
    line = 1
    for it in items[:index]:
        line += 1 if isinstance(it, TextItem) else len(it.rows)
    return line


_KEY_FIGURES = (
    # key, table, side, items (the first found wins), label
    (
        "revenue_total",
        "income_expense_summary",
        "收入",
        ("收入总计", "收入合计", "总计", "合计"),
        "收入总计",
    ),
    (
        "expenditure_total",
        "income_expense_summary",
        "支出",
        ("支出总计", "支出合计", "总计", "合计"),
        "支出总计",
    ),
)


# a 决算's 收入支出决算总表 states the year's own revenue and spending beside the totals that
# include the carry-overs (年初/年末结转和结余)
_FINAL_KEY_FIGURES = (
    ("revenue_current_year", "income_expense_summary", "收入", ("本年收入合计",), "本年收入合计"),
    (
        "expenditure_current_year",
        "income_expense_summary",
        "支出",
        ("本年支出合计",),
        "本年支出合计",
    ),
)


def _key_figures(p: Parsed) -> list[dict]:
    """Totals the tables state, as key figures (收入总计, 支出总计, 基本支出, 项目支出, 三公),
    each with the line of its row. (The figures a layout declares its narrative states are read
    apart: budgetlens.narrative.read_stated.)
    """
    out = []
    summary = p.rows["summary_item"]
    wanted = _KEY_FIGURES + (_FINAL_KEY_FIGURES if p.kind == "决算" else ())
    for key, table, side, items, label in wanted:
        for item in items:
            hit = next(
                (
                    r
                    for r in summary
                    if r["table_key"] == table
                    and r["side"] == side
                    and r["item"] == item
                    and r["column_key"] in ("amount", "total")
                ),
                None,
            )
            if hit:
                out.append(_figure(key, hit["amount_wan"], label, hit["label"], hit["source_line"]))
                break
    total = next(
        (
            r
            for r in p.rows["expenditure_function"]
            if r["table_key"] == "expenditure_total" and r["code"] is None
        ),
        None,
    )
    basic = project = None
    if total is not None:
        basic = (total.get("basic_wan"), total["source_line"], "合计 基本支出")
        project = (total.get("project_wan"), total["source_line"], "合计 项目支出")
    else:
        for r in summary:
            if r["table_key"] in (
                "expenditure_summary",
                "income_expense_summary",
                "fiscal_summary",
            ):
                if r["item"] == "基本支出" and basic is None:
                    basic = (r["amount_wan"], r["source_line"], r["label"])
                if r["item"] == "项目支出" and project is None:
                    project = (r["amount_wan"], r["source_line"], r["label"])
    if basic is None or project is None or None in (basic[0], project[0]):
        basic, project = _split_elsewhere(p, basic, project)
    for key, found, label in (
        ("basic_total", basic, "基本支出"),
        ("project_total", project, "项目支出"),
    ):
        if found and found[0] is not None:
            out.append(_figure(key, found[0], label, found[2], found[1]))
    three = next(
        (
            r
            for r in p.rows["fiscal_item"]
            if r["table_key"] == "three_public"
            and r["label"] == "合计"
            and r["total_wan"] is not None
        ),
        None,
    )
    if three:
        out.append(
            _figure(
                "three_public_total",
                three["total_wan"],
                "“三公”经费合计",
                "合计",
                three["source_line"],
            )
        )
    return out


def _split_elsewhere(p: Parsed, basic, project) -> tuple:
    """基本支出 and 项目支出 when the all-funds 支出总表 has no 合计 row with both: the 合计 row of
    that table read by name (杭州 prints no codes), then the 合计 row of another 功能分类 table
    whose 合计 is the year's whole spending (北京's 支出总表 crosses 功能 with 经济分类; its
    一般公共预算支出表 holds all the money). Each value keeps its own row's line."""

    def missing(found) -> bool:
        return found is None or found[0] is None

    for r in p.rows["summary_item"]:
        if r["table_key"] == "expenditure_total" and r["item"] in ("合计", "总计"):
            if r["column_key"] == "basic" and missing(basic):
                basic = (r["amount_wan"], r["source_line"], f"{r['label']} 基本支出")
            if r["column_key"] == "project" and missing(project):
                project = (r["amount_wan"], r["source_line"], f"{r['label']} 项目支出")
    if missing(basic):
        # the header's 基本支出 spans 人员支出 | 日常公用支出 and prints no 小计 of its own (杭州)
        parts = {
            r["column_key"]: r
            for r in p.rows["summary_item"]
            if r["table_key"] == "expenditure_total"
            and r["item"] in ("合计", "总计")
            and r["column_key"] in ("personnel", "public")
        }
        if len(parts) == 2 and None not in (
            parts["personnel"]["amount_wan"],
            parts["public"]["amount_wan"],
        ):
            basic = (
                parts["personnel"]["amount_wan"] + parts["public"]["amount_wan"],
                parts["personnel"]["source_line"],
                f"{parts['personnel']['label']} {parts['personnel']['column_group']} + "
                f"{parts['public']['column_group']}",
            )
    spent = {
        r["amount_wan"]
        for r in p.rows["summary_item"]
        if r["table_key"] == "income_expense_summary"
        and r["side"] == "支出"
        and r["item"] in ("本年支出合计", "支出合计")
    }
    for r in p.rows["expenditure_function"]:
        if r["code"] is None and r["table_key"] != "expenditure_total" and r["total_wan"] in spent:
            if missing(basic) and r.get("basic_wan") is not None:
                basic = (r["basic_wan"], r["source_line"], "合计 基本支出")
            elif missing(basic) and None not in (r.get("personnel_wan"), r.get("public_wan")):
                # 人员经费 | 公用经费 | 专项业务经费 (西安): 基本支出 is 人员经费 + 公用经费
                basic = (
                    r["personnel_wan"] + r["public_wan"],
                    r["source_line"],
                    "合计 人员经费 + 公用经费",
                )
            if missing(project) and r.get("project_wan") is not None:
                project = (r["project_wan"], r["source_line"], "合计 项目支出")
    return basic, project


def _figure(key: str, value, label: str, published: str, line: int) -> dict:
    return {
        "key": key,
        "value": value,
        "unit": "万元",
        "label": label,
        "sentence": f"表中“{published}”行",
        "source_line": line,
    }
