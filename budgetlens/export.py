"""The open-data package: a Frictionless Data Package of CSV files, or the same resources as
Parquet datasets partitioned by government and year (:func:`export_parquet`).

Each resource is declared here as data (name, title, fields with type and description); its rows
come from ``queries/export_<name>.sql``. Every resource starts with ``department, year, document``
(``document`` is the stable id of the source document, a foreign key to ``documents.csv``). CSV
files are UTF-8 with a byte-order mark so that Excel opens the Chinese correctly. Amounts are 万元
unless a column name ends in ``_yuan``. Synthetic benchmark documents are never exported.

Reference data that is not budget figures lives in ``budgetlens/reference/`` (its README says
where it comes from): the national 支出功能分类 类 list (``function_classes.csv``) is registered
beside the database as the relation ``function_class`` so that a query can give a code to a 类
that a document prints by name only (Jiangsu's 收支预算总表).
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import duckdb
import pandas as pd

from budgetlens import queries

REFERENCE = Path(__file__).resolve().parent / "reference"
FUNCTION_CLASSES = REFERENCE / "function_classes.csv"

BASE_FIELDS = (
    ("department", "string", "部门名称"),
    ("year", "integer", "预算年度"),
    (
        "document",
        "string",
        "文件标识：部门-年度-类型（预算/决算）-范围（部门/单位），见 documents.csv",
    ),
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
        "支出（功能分类，全部资金）",
        (
            (
                "table",
                "string",
                "来源表：expenditure_total 支出总表（类/款/项）；income_expense_summary "
                "收支预算总表的支出功能分类栏（只有类，如江苏）",
            ),
            ("code", "string", "科目编码（3 位类、5 位款、7 位项）；类名不在类表中时为空"),
            ("name", "string", "科目名称（原文）"),
            ("level", "integer", "1 类, 2 款, 3 项"),
            ("total", AMOUNT, "合计（万元）"),
            ("basic", AMOUNT, "基本支出（万元）"),
            ("project", AMOUNT, "项目支出（万元）"),
            ("current_year", AMOUNT, "本年收入安排（万元，收入总表）"),
            ("carried_over", AMOUNT, "上年结转（万元，收入总表）"),
            ("source_line", "integer", "行号"),
        ),
    ),
    Resource(
        "fiscal_expenditure_function",
        "财政拨款支出（功能分类）",
        (
            (
                "table",
                "string",
                "来源表：fiscal_expenditure 财政拨款支出表；general_budget_expenditure "
                "一般公共预算支出表；gov_fund_expenditure 政府性基金支出表；state_capital "
                "国有资本经营预算支出表",
            ),
            ("code", "string", "科目编码（3 位类、5 位款、7 位项）"),
            ("name", "string", "科目名称（原文）"),
            ("level", "integer", "1 类, 2 款, 3 项"),
            ("total", AMOUNT, "合计（万元）"),
            ("basic", AMOUNT, "基本支出（万元）"),
            ("project", AMOUNT, "项目支出（万元）"),
            ("source_line", "integer", "行号"),
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
            (
                "table",
                "string",
                "来源表：basic_economic 一般公共预算基本支出表；fiscal_basic_economic "
                "财政拨款基本支出表；admin_operating 机关运行经费表",
            ),
            ("row_kind", "string", "total | group | item"),
            ("group", "string", "经济科目类：工资福利支出、商品和服务支出、对个人和家庭的补助"),
            ("code", "string", "经济分类科目编码（3 位类、5 位款），表中印有时"),
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
        "procurement",
        "政府采购预算",
        (
            (
                "row_kind",
                "string",
                "total 合计 | category 品目大类 | group 专项/经济科目小计 | unit 单位小计 | "
                "item 采购品目",
            ),
            ("category", "string", "货物、工程或服务，表中印有时"),
            ("unit", "string", "预算单位，表中印有时"),
            ("project", "string", "专项名称或采购项目"),
            ("item", "string", "采购物品名称或采购目录"),
            ("method", "string", "采购组织形式，表中印有时"),
            ("total", AMOUNT, "金额（万元）"),
            ("general_budget", AMOUNT, "一般公共预算（万元），表中印有时"),
            ("source_line", "integer", "政府采购预算表中的行号"),
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
            ("status", "string", "ok | rounding | mismatch | unjudged"),
            ("source_lines", "string", "涉及的行号，逗号分隔"),
            ("detail", "string", "说明"),
        ),
    ),
    Resource(
        "key_figures",
        "关键数字（说明和表中所述）",
        (
            (
                "key",
                "string",
                "键；每份文件都有（文件载明时）revenue_total 收入总计、expenditure_total 支出总计、"
                "basic_total 基本支出、project_total 项目支出、three_public_total “三公”经费合计",
            ),
            ("value", "number", "数值"),
            ("unit", "string", "单位"),
            ("label", "string", "含义"),
            ("source_line", "integer", "行号"),
            (
                "derived",
                "boolean",
                "false：入库时读取的数字；true：文件的关键数字中没有、由导出取自支出总表合计行",
            ),
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
        "fiscal_items",
        "“三公”经费和机关运行经费",
        (
            (
                "table",
                "string",
                "来源表：three_public “三公”经费表（决算中为决算数）；three_public_budget 决算所列"
                "的“三公”经费预算数；admin_operating 机关运行经费表",
            ),
            (
                "label",
                "string",
                "“三公”经费的项目，各版式统一称为 合计、因公出国（境）费、公务用车购置及运行费、"
                "公务用车购置费、公务用车运行费、公务接待费（表中另列的会议费、培训费照原文）；"
                "机关运行经费表为 机关运行经费 或单位名称",
            ),
            ("total", AMOUNT, "合计（万元）"),
            ("general_budget", AMOUNT, "一般公共预算（万元），表中分列时"),
            ("gov_fund", AMOUNT, "政府性基金预算（万元），表中分列时"),
            ("state_capital", AMOUNT, "国有资本经营预算（万元），表中分列时"),
            ("source_line", "integer", "行号"),
        ),
    ),
    Resource(
        "execution_notes",
        "决算说明中的支出决算具体情况",
        (
            ("code", "string", "功能分类项的科目编码；说明中的名称对不上支出表的项时为空"),
            ("class_name", "string", "类名称（原文）；合计行为空"),
            ("kuan_name", "string", "款名称（原文）；合计行为空"),
            ("item_name", "string", "项名称（原文）；对全部支出的说明为 合计"),
            ("year_start_budget", AMOUNT, "年初预算（万元），说明载明时"),
            ("full_year_budget", AMOUNT, "全年预算（万元），说明载明时"),
            ("actual", AMOUNT, "支出决算（万元）"),
            ("stated_rate", "number", "说明所述的完成预算百分比（%）"),
            ("rate_of", "string", "年初 | 全年：百分比所依据的预算"),
            ("reason", "string", "说明所述的主要原因（原文），或 持平"),
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
            ("government", "string", "政府（如 晋城市、上海市普陀区、江苏省），从文件中读取"),
            ("kind", "string", "预算 | 决算"),
            ("scope", "string", "部门（部门及所属单位）| 单位（一个单位）"),
            (
                "layout",
                "string",
                "读取所用的版式，如 jincheng-text、shanghai-budget、jiangsu-budget",
            ),
            ("unit", "string", "表中公布的金额单位，如 万元、元/万元（导出一律为万元）"),
            ("title", "string", "标题"),
            ("source_files", "string", "读取的全部文件名，按阅读顺序，以“; ”分隔"),
            ("source_file", "string", "第一个文件名"),
            ("sha256", "string", "文件（多个文件时为全部文件）的 SHA-256"),
            ("line_count", "integer", "阅读文本的行数（source_line 的范围）"),
        ),
    ),
)

_CODE = re.compile(r"^\d{3}$")


def function_classes(path: Path | None = None) -> pd.DataFrame:
    """The national 支出功能分类 类 list (``code``, ``name``) from ``path`` (default: the
    reference file, :data:`FUNCTION_CLASSES`).

    Raises ValueError when the file is malformed: a code that is not 3 digits, or a name listed
    twice (a name must give one code); OSError when it cannot be read.
    """
    path = path or FUNCTION_CLASSES
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    seen: set[str] = set()
    for row in rows:
        if not _CODE.fullmatch(row["code"] or ""):
            raise ValueError(f"{path}: 类 code {row['code']!r} is not 3 digits")
        if row["name"] in seen:
            raise ValueError(f"{path}: 类 name {row['name']!r} is listed twice")
        seen.add(row["name"])
    return pd.DataFrame(
        {"code": [r["code"] for r in rows], "name": [r["name"] for r in rows]}, dtype="string"
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


def _schema(res: Resource, fields: list[tuple[str, str, str]]) -> dict:
    schema: dict = {
        "fields": [{"name": n, "type": t, "description": d} for n, t, d in fields],
        "missingValues": [""],
    }
    if res.name == "documents":
        schema["primaryKey"] = ["document"]
    else:
        schema["foreignKeys"] = [
            {"fields": ["document"], "reference": {"resource": "documents", "fields": ["document"]}}
        ]
    return schema


def export_package(con: duckdb.DuckDBPyConnection, out: Path) -> dict[str, int]:
    """Write ``datapackage.json`` and one CSV per resource into ``out``; returns rows per file.

    Raises duckdb.Error if the database lacks the schema, ValueError when a query's columns and
    its declaration drifted apart or the reference 类 list is malformed, OSError when a file
    cannot be read or written.
    """
    out.mkdir(parents=True, exist_ok=True)
    classes = function_classes()
    written: dict[str, int] = {}
    resources = []
    for res in RESOURCES:
        sql = queries.load_sql(f"export_{res.name}")
        cur = con.cursor()
        try:
            cur.register("function_class", classes)
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
                "schema": _schema(res, fields),
            }
        )
    package = {
        "profile": "tabular-data-package",
        "name": "budgetlens-budget-disclosures",
        "title": "BudgetLens 部门预算公开数据",
        "description": "Figures of Chinese department budget disclosures (部门预算公开) as "
        "published, with their source lines and the reconciliation of each document against "
        "itself. Every resource starts with department, year and document (the id of the "
        "source document in documents.csv). Amounts are 万元 (converted where a table is "
        "published in 元) unless a column name ends in _yuan.",
        "sources": [
            {"title": "The published budget disclosures listed in documents.csv"},
            {
                "title": "财政部《政府收支分类科目》支出功能分类科目（类）: the codes of 类 rows "
                "printed by name only (budgetlens/reference/function_classes.csv)"
            },
        ],
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


# A document whose government was not read is still exported, under this partition value (a
# partition's name cannot be empty: readers would take it for a missing value).
GOVERNMENT_NOT_STATED = "未注明"


def export_parquet(con: duckdb.DuckDBPyConnection, out: Path) -> dict[str, int]:
    """Write every resource of :data:`RESOURCES` as a Parquet dataset ``out/<resource>/``,
    partitioned Hive-style by government and year (``government=上海市普陀区/year=2025/…``), and
    ``datapackage.json`` describing them; returns rows per resource directory.

    Each resource holds the CSV resource's columns (same queries) plus ``government``; the
    partition columns are read back from the paths (DuckDB ``read_parquet(…, hive_partitioning
    = true)``, pandas/pyarrow, Spark). A resource's directory is replaced as a whole. Raises
    duckdb.Error if the database lacks the schema, ValueError when a query's columns and its
    declaration drifted apart, OSError when a file cannot be written.
    """
    import shutil

    import pyarrow.dataset as pads

    out.mkdir(parents=True, exist_ok=True)
    classes = function_classes()
    government = f"coalesce({{}}.government, '{GOVERNMENT_NOT_STATED}')"
    written: dict[str, int] = {}
    resources = []
    for res in RESOURCES:
        sql = queries.load_sql(f"export_{res.name}")
        fields = [*BASE_FIELDS, *res.fields]
        expected = [f[0] for f in fields]
        joined = (
            f"select r.* replace ({government.format('r')} as government) from ({sql}) as r"
            if res.name == "documents"
            else f"select r.*, {government.format('d')} as government from ({sql}) as r "
            "join document as d on d.document = r.document"
        )
        cur = con.cursor()
        try:
            cur.register("function_class", classes)
            names = [d[0] for d in cur.execute(f"select * from ({sql}) limit 0").description]
            if names != expected:  # a query and its declaration drifted apart
                raise ValueError(f"export_{res.name}.sql returns {names}, declared {expected}")
            table = cur.sql(joined).to_arrow_table()
        finally:
            cur.close()
        target = out / res.name
        if target.exists():
            shutil.rmtree(target)
        # written by pyarrow: the database connection may not write files (read-only, with
        # file system access disabled: budgetlens.db)
        if table.num_rows:
            pads.write_dataset(
                table,
                target,
                format="parquet",
                partitioning=["government", "year"],
                partitioning_flavor="hive",
                existing_data_behavior="delete_matching",
            )
        else:
            # no rows (a database of budgets has no 决算 notes): one empty file with the
            # resource's columns, so that the dataset still reads, as zero rows
            import pyarrow.parquet as papq

            target.mkdir(parents=True)
            papq.write_table(table, target / "part-0.parquet")
        written[str(target)] = table.num_rows
        parquet_fields = list(fields)
        if res.name != "documents":
            parquet_fields.append(("government", "string", "政府（分区列），见 documents"))
        resources.append(
            {
                "name": res.name.replace("_", "-"),
                "title": res.title,
                "path": f"{res.name}/",
                "format": "parquet",
                "partitioning": {"style": "hive", "columns": ["government", "year"]},
                "schema": _schema(res, parquet_fields),
            }
        )
    package = {
        "profile": "data-package",
        "name": "budgetlens-budget-disclosures-parquet",
        "title": "BudgetLens 部门预算公开数据（Parquet）",
        "description": "The resources of the CSV package (budgetlens export DIR) as Parquet "
        "datasets, one directory per resource, partitioned by government and year "
        "(government=…/year=…/). Amounts are 万元 unless a column name ends in _yuan.",
        "resources": resources,
    }
    (out / "datapackage.json").write_text(
        json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return written
