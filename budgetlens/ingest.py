"""From a disclosure's text file to rows for every table of the schema.

:func:`parse_document` reads the whole document and validates it before anything touches a
database, so a bad file fails with an :class:`~budgetlens.errors.IngestError` and loses nothing.
The rows it returns use the database's column names (amounts in ``*_wan`` as Decimal).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from budgetlens import mappings as m
from budgetlens import narrative, performance, prior_year, tables
from budgetlens.errors import IngestError
from budgetlens.layout import government_of
from budgetlens.source import SourceText, norm

# Value-column keys of the table readers → database columns.
AMOUNT_KEYS = (
    "total",
    "basic",
    "project",
    "general_budget",
    "gov_fund",
    "state_capital",
    "special_account",
    "unit_funds",
    "carried_over",
    "personnel",
    "public",
)
_REVENUE_TABLE_KEYS = ("revenue_function", "gov_fund_revenue", "state_capital_revenue")


@dataclass
class Parsed:
    """A parsed disclosure: identity plus rows per database table (without the key columns).

    A document is department + year + kind (预算 | 决算) + scope (部门 | 单位); it may have been
    read from several files (Jiangsu publishes the narrative and the tables as two PDFs).
    """

    source: SourceText
    department: str
    year: int
    title: str
    rows: dict[str, list[dict]] = field(default_factory=dict)
    synthetic: bool = False
    government: str | None = None
    kind: str = "预算"
    scope: str = "部门"
    layout: str = "jincheng-text"
    unit: str | None = "万元"
    files: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.files:
            self.files = [self.source.path]

    @property
    def document_id(self) -> str:
        return self.source.sha256[:16]

    @property
    def document(self) -> str:
        """The stable id: ``<department>-<year>-<kind>-<scope>``."""
        return f"{self.department}-{self.year}-{self.kind}-{self.scope}"

    def keyed(self, table: str) -> list[dict]:
        """Rows of ``table`` with department, year, document and document_id added."""
        key = {
            "department": self.department,
            "year": self.year,
            "document": self.document,
            "document_id": self.document_id,
        }
        return [{**key, **r} for r in self.rows.get(table, [])]


def _wan(row: dict, keep: tuple[str, ...] = ()) -> dict:
    """Rename amount keys to their database columns (``total`` → ``total_wan``)."""
    return {(f"{k}_wan" if k in AMOUNT_KEYS and k not in keep else k): v for k, v in row.items()}


def _heading_line(src: SourceText, word: str, after: int = 1) -> int | None:
    for i in range(after, len(src) + 1):
        line = src.line(i)
        if norm(line).startswith(word) and not tables.is_toc_line(line):
            return i
    return None


def _toc_entries(src: SourceText) -> list[tuple[int, str]]:
    """Table titles and parts listed in the table of contents (目录), with their lines."""
    out = []
    for i in range(1, min(len(src), 120) + 1):
        line = src.line(i)
        if not tables.is_toc_line(line):
            continue
        text = re.sub(r"[.…]+\s*\d*\s*$", "", re.sub(r"\t\d+\s*$", "", line)).strip()
        out.append((i, text))
    return out


def parse_document(path: str | Path) -> Parsed:
    """Read and validate a disclosure.

    Raises IngestError (file, line, table, what was expected) when the file is not a disclosure,
    is truncated, or holds a cell that should be a number and is not.
    """
    src = SourceText.read(path)
    if not any(line.strip() for line in src.lines):
        raise IngestError(src.path, "a budget disclosure", found="an empty file")
    found = tables.locate_tables(src)
    if not found:
        first = next((ln.strip() for ln in src.lines if ln.strip()), "")
        raise IngestError(
            src.path,
            "a budget disclosure (部门预算公开) with titled tables such as 2024年预算收支总表",
            found=first,
        )
    _check_complete(src, found)
    department, year = _identity(src, found)
    p = Parsed(src, department, year, f"{department}{year}年度部门预算公开")
    p.government = government_of(department)
    p.synthetic = any(m.SYNTHETIC_MARKER in line for line in src.lines[:20])
    _read_tables(src, found, p)
    _read_performance(src, found, p)
    _read_prose(src, p)
    p.rows["prior_year_figure"] = _seq(
        prior_year.read_prior_year(src, year, p.rows.get("key_figure", []))
    )
    return p


def _seq(rows: list[dict]) -> list[dict]:
    return [{"seq": k, **r} for k, r in enumerate(rows, start=1)]


def _check_complete(src: SourceText, found: list[tables.FoundTable]) -> None:
    keys = {t.spec.key for t in found}
    toc = _toc_entries(src)
    for line, text in toc:
        hit = tables.match_title(re.sub(r"^表[一二三四五六七八九十]+", "", text))
        if hit and hit[0].key not in keys:
            raise IngestError(
                src.path,
                f"table {text} listed in the contents",
                line=len(src),
                table=hit[0].label,
                found="the document ends without it (truncated?)",
            )
        if (
            norm(text).startswith(m.PART_HEADINGS["part4"])
            and _heading_line(src, m.PART_HEADINGS["part4"], line + 1) is None
        ):
            raise IngestError(
                src.path,
                f"{text} listed in the contents",
                line=len(src),
                found="the document ends without it (truncated?)",
            )
    for spec in m.TABLES:
        if spec.required and spec.key not in keys:
            raise IngestError(
                src.path,
                f"table {spec.label}",
                line=len(src),
                table=spec.label,
                found="no table with that title (truncated or not a disclosure?)",
            )
    for t in found:
        if not t.rows and not t.empty_note:
            raise IngestError(
                src.path,
                "table rows or the note 本表无数据",
                line=t.title_line,
                table=t.title,
                found="nothing (truncated?)",
            )


def _identity(src: SourceText, found: list[tables.FoundTable]) -> tuple[str, int]:
    names = [(t.department, t.department_line) for t in found if t.department]
    if not names:
        raise IngestError(
            src.path,
            "a line 部门名称：… under the tables' titles",
            line=found[0].title_line,
            table=found[0].title,
        )
    department = names[0][0]
    for name, line in names:
        if name != department:
            raise IngestError(
                src.path, f"部门名称 {department} in every table", line=line, found=name
            )
    years = {t.year for t in found}
    if len(years) != 1:
        raise IngestError(
            src.path,
            "one budget year in all table titles",
            line=found[0].title_line,
            found=", ".join(map(str, sorted(years))),
        )
    return department, years.pop()


def _read_tables(src: SourceText, found: list[tables.FoundTable], p: Parsed) -> None:
    rows = p.rows
    for name in (
        "source_table",
        "expenditure_function",
        "revenue_function",
        "summary_item",
        "expenditure_economic",
        "fiscal_item",
        "project_budget",
        "budget_unit",
    ):
        rows[name] = []
    for t in found:
        read = tables.READERS[t.spec.kind](src, t)
        # Every row carries every value column of its table (None where the header did not
        # announce the column), so that rows have one shape whatever the document's header says.
        columns = [] if t.spec.kind == "summary" else [c.key for c in t.spec.columns]
        has_figures = False
        for seq, r in enumerate(read, start=1):
            r = {**r, **{k: None for k in columns if k not in r}}
            r = _wan(r, keep=("project",) if t.spec.kind == "projects" else ())
            has_figures = has_figures or any(
                isinstance(v, Decimal) for k, v in r.items() if k.endswith("_wan")
            )
            kind = t.spec.kind
            if kind in ("function", "revenue_function"):
                target = (
                    "revenue_function"
                    if r["table_key"] in _REVENUE_TABLE_KEYS
                    else "expenditure_function"
                )
                if target == "revenue_function":
                    r = {k: v for k, v in r.items() if k not in ("basic_wan", "project_wan")}
                rows[target].append({"seq": seq, **r})
            elif kind == "summary":
                rows["summary_item"].append({"table_key": t.spec.key, **r})
            elif kind == "economic":
                rows["expenditure_economic"].append(
                    {"table_key": t.spec.key, "seq": seq, "code": None, **r}
                )
            elif kind == "fiscal_items":
                rows["fiscal_item"].append({"table_key": t.spec.key, "seq": seq, **r})
            elif kind == "projects":
                rows["project_budget"].append(
                    {"carried_over": t.spec.carried_over, "seq": seq, **r}
                )
        rows["source_table"].append(
            {
                "table_key": t.spec.key,
                "title": t.title,
                "amount_unit": t.amount_unit,
                "is_empty": t.empty_note or not has_figures,
                "row_count": len(read),
                "source_line": t.title_line,
            }
        )
    budget_units(p)


def budget_units(p: Parsed) -> None:
    units: dict[str, int] = {}
    dept_line = None
    for r in p.rows["project_budget"]:
        if r["row_kind"] == "department" and dept_line is None:
            dept_line = r["source_line"]
        if r["row_kind"] in ("unit", "project") and r["unit"] and r["unit"] not in units:
            units[r["unit"]] = r["source_line"]
    for r in p.rows["fiscal_item"]:
        # the 机关运行经费 table by unit (Jincheng) names units; a layout that prints one figure
        # labels it 机关运行经费, which is no unit
        if (
            r["table_key"] == "admin_operating"
            and "合计" not in r["label"]
            and r["label"] != "机关运行经费"
        ):
            units.setdefault(r["label"], r["source_line"])
    p.rows["budget_unit"].append(
        {
            "unit": p.department,
            "parent_unit": None,
            "is_department": True,
            "source_line": dept_line or 1,
        }
    )
    for unit, line in units.items():
        p.rows["budget_unit"].append(
            {"unit": unit, "parent_unit": p.department, "is_department": False, "source_line": line}
        )


def _read_performance(src: SourceText, found: list[tables.FoundTable], p: Parsed) -> None:
    for name in ("performance_table", "performance_fund", "performance_indicator", "parse_note"):
        p.rows.setdefault(name, [])
    start = max(t.end_line for t in found)
    seen: set[str] = set()
    for first, last, is_dept in performance.locate(src, start):
        pt = (
            performance.parse_department(src, first, last)
            if is_dept
            else performance.parse_project(src, first, last)
        )
        if pt.project in seen:
            raise IngestError(
                src.path,
                f"one performance table per project ({pt.project})",
                line=first,
                table="项目支出绩效目标表",
                found="a second one",
            )
        seen.add(pt.project)
        meta = pt.meta
        supervisor = meta.get("supervisor")
        code = re.match(r"^\s*(\d+)\s*[-—－]", supervisor or "")
        p.rows["performance_table"].append(
            {
                "project": pt.project,
                "is_department": pt.is_department,
                "supervisor": supervisor,
                "supervisor_code": code.group(1) if code else None,
                **{
                    k: meta.get(k)
                    for k in (
                        "implementing_unit",
                        "attribute",
                        "duration",
                        "summary",
                        "basis",
                        "necessity",
                        "safeguards",
                        "plan",
                        "goal_impl",
                        "goal_annual",
                        "fill_date",
                    )
                },
                "source_line": first,
            }
        )
        for f in pt.funds:
            p.rows["performance_fund"].append({"project": pt.project, **f})
        counters: dict[str, int] = {}
        for ind in pt.indicators:
            t = ind["target"]
            counters[ind["period"]] = counters.get(ind["period"], 0) + 1
            p.rows["performance_indicator"].append(
                {
                    "project": pt.project,
                    "period": ind["period"],
                    "seq": counters[ind["period"]],
                    "level1": ind["level1"],
                    "level2": ind["level2"],
                    "level2_raw": ind["level2_raw"],
                    "name": ind["name"],
                    "target_raw": ind["target_raw"],
                    "target_kind": t.kind,
                    "comparator": t.comparator,
                    "target_value": t.value,
                    "target_unit": t.unit,
                    "time_year": t.time_year,
                    "time_month": t.time_month,
                    "time_qualifier": t.time_qualifier,
                    "placed": ind["placed"],
                    "problem": ind["problem"],
                    "source_line": ind["source_line"],
                }
            )
        table_key = "performance_department" if pt.is_department else "performance_project"
        for message, line in pt.notes:
            p.rows["parse_note"].append(
                {"table_key": table_key, "message": f"{pt.project}: {message}", "source_line": line}
            )
        for prof in pt.profile:
            p.rows.setdefault("key_figure", []).append(
                {
                    "key": f"dept_{prof['key']}",
                    "value": prof["value"],
                    "unit": prof["unit"],
                    "label": prof["label"],
                    "sentence": prof["sentence"],
                    "source_line": prof["source_line"],
                }
            )
    for seq, r in enumerate(p.rows["parse_note"], start=1):
        r["seq"] = seq


def _read_prose(src: SourceText, p: Parsed) -> None:
    part1 = _heading_line(src, m.PART_HEADINGS["part1"])
    part2 = _heading_line(src, m.PART_HEADINGS["part2"])
    part3 = _heading_line(src, m.PART_HEADINGS["part3"])
    part4 = _heading_line(src, m.PART_HEADINGS["part4"])
    end = len(src)
    figures = p.rows.setdefault("key_figure", [])
    if part3:
        have = {f["key"] for f in figures}
        for f in narrative.read_key_figures(src, part3, (part4 or end + 1) - 1):
            if f["key"] not in have:
                figures.append(f)
    p.rows["text_section"] = (
        [
            {"seq": k, **r}
            for k, r in enumerate(narrative.read_part1(src, part1, (part2 or end) - 1), start=1)
        ]
        if part1
        else []
    )
    catalogue_from = part3 or 1
    p.rows["service_catalogue"] = [
        {"seq": k, **r}
        for k, r in enumerate(
            narrative.read_catalogue(src, catalogue_from, (part4 or end + 1) - 1), start=1
        )
    ]
    p.rows["glossary_term"] = (
        [{"seq": k, **r} for k, r in enumerate(narrative.read_glossary(src, part4), start=1)]
        if part4
        else []
    )


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
