"""The open-data package: a Frictionless Data Package of CSV files.

Each resource is declared here as data (name, title, query, fields with type and description); its
rows come from ``queries/export_<name>.sql``. CSV files are UTF-8 with a byte-order mark so that
Excel opens the Chinese correctly. Amounts are 万元 unless a column name ends in ``_yuan``.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import duckdb

from budgetlens import queries

BASE_FIELDS = (
    ("department", "string", "部门名称"),
    ("year", "integer", "预算年度"),
)


@dataclass(frozen=True)
class Resource:
    name: str
    title: str
    fields: tuple[tuple[str, str, str], ...]  # (name, frictionless type, description)


AMOUNT = "number"
RESOURCES: tuple[Resource, ...] = (
    Resource(
        "expenditure_function",
        "支出总表（功能分类）",
        (
            ("code", "string", "科目编码（3 位类、5 位款、7 位项）"),
            ("name", "string", "科目名称"),
            ("level", "integer", "1 类, 2 款, 3 项"),
            ("total", AMOUNT, "合计（万元）"),
            ("basic", AMOUNT, "基本支出（万元）"),
            ("project", AMOUNT, "项目支出（万元）"),
            ("current_year", AMOUNT, "本年收入安排（万元，收入总表）"),
            ("carried_over", AMOUNT, "上年结转（万元，收入总表）"),
            ("source_line", "integer", "支出总表中的行号"),
        ),
    ),
    Resource(
        "revenue",
        "收入（按来源）",
        (
            ("source", "string", "收入来源，如 一般公共预算、上年结转"),
            ("amount", AMOUNT, "金额（万元）"),
            ("source_line", "integer", "收支总表中的行号"),
        ),
    ),
    Resource(
        "expenditure_economic",
        "基本支出（经济科目）",
        (
            ("row_kind", "string", "total | group | item"),
            ("group", "string", "经济科目类：工资福利支出、商品和服务支出、对个人和家庭的补助"),
            ("dept_class", "string", "部门预算支出经济科目"),
            ("gov_class", "string", "政府预算支出经济科目"),
            ("total", AMOUNT, "合计（万元）"),
            ("personnel", AMOUNT, "人员经费（万元）"),
            ("public", AMOUNT, "公用经费（万元）"),
            ("source_line", "integer", "经济科目表中的行号"),
        ),
    ),
    Resource(
        "projects",
        "项目支出",
        (
            ("unit", "string", "预算单位"),
            ("project", "string", "项目名称"),
            ("total", AMOUNT, "合计（万元）"),
            ("general_budget", AMOUNT, "一般公共预算（万元）"),
            ("carried_over", "boolean", "true：上年结转项目；false：本年预算"),
            ("source_line", "integer", "项目支出预算表中的行号"),
        ),
    ),
    Resource(
        "performance_indicators",
        "绩效指标",
        (
            ("project", "string", "项目名称；部门整体绩效目标为 部门整体"),
            ("period", "string", "实施期 | 年度"),
            ("level1", "string", "一级指标"),
            ("level2", "string", "二级指标"),
            ("name", "string", "三级指标"),
            ("target_raw", "string", "指标值（原文）"),
            ("comparator", "string", "≥ ≤ > < ="),
            ("target_value", "number", "指标值中的数值"),
            ("target_unit", "string", "指标值的单位"),
            ("target_kind", "string", "numeric | time | qualitative | empty | unparsed"),
            ("placed", "boolean", "是否能放入指标树"),
            ("problem", "string", "解析中发现的问题"),
            ("source_line", "integer", "绩效目标表中的行号"),
        ),
    ),
    Resource(
        "checks",
        "数据核对",
        (
            ("check", "string", "核对类型"),
            ("project", "string", "涉及的绩效目标表（项目或部门整体）；报表之间的核对为空"),
            ("subject", "string", "核对内容"),
            ("expected", AMOUNT, "应为"),
            ("actual", AMOUNT, "实际"),
            ("difference", AMOUNT, "差额（实际 − 应为）"),
            ("status", "string", "ok | rounding | mismatch"),
            ("source_lines", "string", "涉及的行号，逗号分隔"),
            ("detail", "string", "说明"),
        ),
    ),
    Resource(
        "key_figures",
        "说明中的数字",
        (
            ("key", "string", "键"),
            ("value", "number", "数值"),
            ("unit", "string", "单位"),
            ("label", "string", "含义"),
            ("source_line", "integer", "行号"),
        ),
    ),
    Resource(
        "project_funds",
        "项目资金（绩效目标表，元）",
        (
            ("project", "string", "项目名称；部门整体"),
            ("period", "string", "实施期 | 年度"),
            ("dimension", "string", "source（来源）| direction（方向）"),
            ("source", "string", "资金来源或方向的键"),
            ("label", "string", "原文标签"),
            ("amount_yuan", "number", "金额（元）"),
            ("source_line", "integer", "行号"),
        ),
    ),
    Resource(
        "budget_units",
        "预算单位",
        (
            ("unit", "string", "单位名称"),
            ("parent_unit", "string", "上级（部门）"),
            ("is_department", "boolean", "true：部门整体"),
            ("source_line", "integer", "行号"),
        ),
    ),
    Resource(
        "glossary",
        "名词解释",
        (
            ("term", "string", "名词"),
            ("definition", "string", "解释"),
            ("source_line", "integer", "行号"),
        ),
    ),
    Resource(
        "documents",
        "来源文件",
        (
            ("title", "string", "标题"),
            ("source_file", "string", "文件名"),
            ("sha256", "string", "文件的 SHA-256"),
            ("line_count", "integer", "行数"),
        ),
    ),
)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        cents = value.quantize(Decimal("0.01"))
        return f"{cents}" if cents == value else f"{value.normalize():f}"
    if isinstance(value, float):
        return repr(value).removesuffix(".0") if value == int(value) else repr(value)
    return str(value)


def export_package(con: duckdb.DuckDBPyConnection, out: Path) -> dict[str, int]:
    """Write ``datapackage.json`` and one CSV per resource into ``out``; returns rows per file.

    Raises duckdb.Error if the database lacks the schema.
    """
    out.mkdir(parents=True, exist_ok=True)
    written: dict[str, int] = {}
    resources = []
    for res in RESOURCES:
        sql = queries.load_sql(f"export_{res.name}")
        cur = con.cursor()
        try:
            cur.execute(sql)
            names = [d[0] for d in cur.description]
            rows = cur.fetchall()
        finally:
            cur.close()
        fields = [*BASE_FIELDS, *res.fields]
        expected = [f[0] for f in fields]
        if names != expected:  # a query and its declaration drifted apart
            raise ValueError(f"export_{res.name}.sql returns {names}, declared {expected}")
        path = out / f"{res.name}.csv"
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(names)
            for row in rows:
                w.writerow([_cell(v) for v in row])
        written[str(path)] = len(rows)
        resources.append(
            {
                "name": res.name.replace("_", "-"),
                "title": res.title,
                "path": path.name,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8-sig",
                "schema": {
                    "fields": [{"name": n, "type": t, "description": d} for n, t, d in fields],
                    "missingValues": [""],
                },
            }
        )
    package = {
        "profile": "tabular-data-package",
        "name": "budgetlens-budget-disclosures",
        "title": "BudgetLens 部门预算公开数据",
        "description": "Figures of Chinese department budget disclosures (部门预算公开) as "
        "published, with their source lines and the reconciliation of each document against "
        "itself. Amounts are 万元 unless a column name ends in _yuan.",
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "path": "https://creativecommons.org/licenses/by/4.0/",
                "title": "Creative Commons Attribution 4.0",
            }
        ],
        "resources": resources,
    }
    (out / "datapackage.json").write_text(
        json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return written
