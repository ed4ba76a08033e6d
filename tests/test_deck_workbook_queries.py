"""The deck's and workbook's queries (queries/deck_*.sql, workbook_*.sql) and the lists and
lookups (documents.sql, documents_with_synthetic.sql, document_of.sql, deck_documents.sql,
deck_document.sql, source_pages.sql, source_tables.sql) against the seed document as read by hand.

The seed is data/raw/jincheng-kejiju-2024.txt (the same text as /work/shared/source/
000_386758d175c277b3.txt); its tables are read by hand in tests/fixtures/jincheng-kejiju-2024/
(revenue_by_function.csv: the 收入总表, l.163–190; function_tables.csv: the 支出总表, l.200–226,
and the 一般公共预算支出表, l.283–307; economic.csv: the 基本支出 economic table, l.317–354;
summary_rows.csv: the 收支总表, l.120–153, and the 财政拨款收支总表, l.237–273; indicators.csv:
the performance tables). What the seed does not print (a second document, a 决算, a 单位 document,
a generated one, a PDF's pages, a table kept as published, a figure in every fund column) is made
on a copy of the seed database, and the expected rows are worked out here from the rows made.
"""

from __future__ import annotations

import datetime
import hashlib
from decimal import Decimal
from pathlib import Path

from tests.conftest import SEED, read_fixture, run_sql
from tests.test_page_queries import DOCUMENT, OTHER, _copy, _dec, _query_rows, _with_other

DEPARTMENT = "晋城市科学技术局"
# l.3 and l.5: 晋城市科学技术局 / 2024年度部门预算公开
TITLE = "晋城市科学技术局2024年度部门预算公开"


def _level(code: str | None) -> int:
    """A 科目's level from its code: 合计 0, 类 (3 digits) 1, 款 (5) 2, 项 (7) 3."""
    return {None: 0, 3: 1, 5: 2, 7: 3}[len(code) if code else None]


# --- the documents (deck_document, deck_documents, documents, documents_with_synthetic,
# document_of) -------------------------------------------------------------------------------

# Documents made for the case beside the seed: its 决算, a 单位 document and the year before of
# the same department, another department, and a generated (synthetic) one.
FINAL = "晋城市科学技术局-2024-决算-部门"
UNIT = "晋城市科学技术局-2024-预算-单位"
EARLIER = "晋城市科学技术局-2023-预算-部门"
SYNTHETIC = "合成市某局-2024-预算-部门"
MADE = (
    (FINAL, DEPARTMENT, 2024, "决算", "部门", "晋城市科学技术局2024年度部门决算", False),
    (UNIT, DEPARTMENT, 2024, "预算", "单位", "晋城市科学技术局（本级）2024年度单位预算", False),
    (EARLIER, DEPARTMENT, 2023, "预算", "部门", "晋城市科学技术局2023年度部门预算公开", False),
    (OTHER, "另一部门", 2024, "预算", "部门", "另一部门2024年度部门预算", False),
    (SYNTHETIC, "合成市某局", 2024, "预算", "部门", "合成市某局2024年度部门预算", True),
)


def _many_documents(seed_db: Path, tmp_path: Path) -> Path:
    """A copy of the seed database holding the seed and the documents of :data:`MADE`."""
    return _copy(
        seed_db,
        tmp_path,
        *(
            f"insert into document select * replace ('{doc}' as document, '{dept}' as department,"
            f" {year} as year, '{kind}' as kind, '{scope}' as scope, '{title}' as title, "
            f"{synthetic} as synthetic) from document where document = ?"
            for doc, dept, year, kind, scope, title, synthetic in MADE
        ),
    )


def test_deck_document_is_the_seed_as_ingested(seed_db: Path, tmp_path: Path) -> None:
    """Every column of the seed's one row: its title as printed, its file, the file's checksum
    and line count worked out here from the file; on a copy with five more documents, still
    the seed's row alone."""
    data = SEED.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    lines = len(data.decode("utf-8").splitlines())
    expected = {
        "department": DEPARTMENT,
        "year": 2024,
        "document_id": sha[:16],
        "document": DOCUMENT,
        "title": TITLE,
        "kind": "预算",  # l.5: 部门预算
        "scope": "部门",
        "layout": "jincheng-text",
        "source_file": "jincheng-kejiju-2024.txt",
        "source_files": "jincheng-kejiju-2024.txt",
        "sha256": sha,
        "line_count": lines,
        "synthetic": False,
    }
    for path in (seed_db, _many_documents(seed_db, tmp_path)):
        (row,) = _query_rows(path, "deck_document")
        assert isinstance(row.pop("ingested_at"), datetime.datetime)
        assert row == expected
    assert lines == 2208 and sha[:16] == "a38fa88ebc82f443"


def test_deck_documents_lists_every_document_synthetic_ones_flagged(
    seed_db: Path, tmp_path: Path
) -> None:
    """By department and year, then by id (a department-year with three documents lists them
    in one order); the generated document too, flagged."""
    rows = _query_rows(_many_documents(seed_db, tmp_path), "deck_documents", None)
    got = [(r["department"], r["year"], r["title"], r["document"], r["synthetic"]) for r in rows]
    made = {m[0]: m for m in MADE}

    def row(doc: str) -> tuple:
        _, dept, year, _, _, title, synthetic = made[doc]
        return (dept, year, title, doc, synthetic)

    assert got == [
        row(OTHER),  # 另 (U+53E6) < 合 (U+5408) < 晋 (U+664B)
        row(SYNTHETIC),
        row(EARLIER),
        row(FINAL),  # 决 (U+51B3) < 预 (U+9884); 单 (U+5355) < 部 (U+90E8)
        row(UNIT),
        (DEPARTMENT, 2024, TITLE, DOCUMENT, False),
    ]


def _listed(path: Path, name: str) -> list[tuple]:
    keys = ("department", "year", "title", "document", "kind", "scope")
    return [tuple(r[k] for k in keys) for r in _query_rows(path, name, None)]


def _made(doc: str) -> tuple:
    _, dept, year, kind, scope, title, _ = {m[0]: m for m in MADE}[doc]
    return (dept, year, title, doc, kind, scope)


SEED_LISTED = (DEPARTMENT, 2024, TITLE, DOCUMENT, "预算", "部门")


def test_documents_are_the_real_ones_newest_year_first_the_department_budget_first(
    seed_db: Path, tmp_path: Path
) -> None:
    """Departments in order; within one, the newest year first; within a year the 部门 预算
    (the seed), then the 部门 决算, then the 单位 document. The generated document is left
    out."""
    copy = _many_documents(seed_db, tmp_path)
    assert _listed(copy, "documents") == [
        _made(OTHER),
        SEED_LISTED,
        _made(FINAL),
        _made(UNIT),
        _made(EARLIER),
    ]
    assert _listed(seed_db, "documents") == [SEED_LISTED]


def test_documents_with_synthetic_adds_the_generated_document_in_its_place(
    seed_db: Path, tmp_path: Path
) -> None:
    copy = _many_documents(seed_db, tmp_path)
    assert _listed(copy, "documents_with_synthetic") == [
        _made(OTHER),  # 另 (U+53E6) < 合 (U+5408) < 晋 (U+664B)
        _made(SYNTHETIC),
        SEED_LISTED,
        _made(FINAL),
        _made(UNIT),
        _made(EARLIER),
    ]


def test_document_of_a_department_year_is_its_department_budget_first(
    seed_db: Path, tmp_path: Path
) -> None:
    """Of 晋城市科学技术局's three 2024 documents the 部门 预算 first, then the 部门 决算, then
    the 单位 预算; never its 2023 document nor another department's."""
    copy = _many_documents(seed_db, tmp_path)
    params = {"department": DEPARTMENT, "year": 2024}
    rows = _query_rows(copy, "document_of", None, **params)
    assert [r["document"] for r in rows] == [DOCUMENT, FINAL, UNIT]
    rows = _query_rows(copy, "document_of", None, department=DEPARTMENT, year=2023)
    assert [r["document"] for r in rows] == [EARLIER]
    assert _query_rows(copy, "document_of", None, department="另一部门", year=2023) == []


# --- where a line was printed (source_pages, source_tables) ----------------------------------


def _located(seed_db: Path, tmp_path: Path) -> Path:
    """The seed (a text file: no page) given the locations of a PDF made for the case, one line
    of it with no page, and another document's line."""
    values = ", ".join(
        f"('{dept}', 2024, '{doc}', 'x', {line}, '{file}', {page})"
        for dept, doc, line, file, page in (
            (DEPARTMENT, DOCUMENT, 5, "b.pdf", 2),
            (DEPARTMENT, DOCUMENT, 1, "a.pdf", 1),
            (DEPARTMENT, DOCUMENT, 7, "notes.txt", "null"),
            (DEPARTMENT, DOCUMENT, 3, "a.pdf", 1),
            ("另一部门", OTHER, 2, "c.pdf", 9),
        )
    )
    copy = _copy(seed_db, tmp_path)
    run_sql(copy, f"insert into source_location values {values}")
    return copy


def test_source_pages_are_the_documents_lines_with_a_page_in_line_order(
    seed_db: Path, tmp_path: Path
) -> None:
    copy = _located(seed_db, tmp_path)
    rows = _query_rows(copy, "source_pages")
    assert [(r["line"], r["file"], r["page"]) for r in rows] == [
        (1, "a.pdf", 1),
        (3, "a.pdf", 1),
        (5, "b.pdf", 2),
    ]
    assert [(r["line"], r["page"]) for r in _query_rows(copy, "source_pages", OTHER)] == [(2, 9)]
    assert _query_rows(seed_db, "source_pages") == []  # a text document: no page


# The seed's standard tables as printed: the line of each title, the title, and whether the
# table says 本表无数据 (empty_tables.csv); every one is in 万元 (its 单位：万元 line, four lines
# below the title).
SEED_TABLES = (
    ("income_expense_summary", 112, "2024年预算收支总表"),
    ("revenue_function", 155, "2024年预算收入总表"),
    ("expenditure_total", 192, "2024年预算支出总表"),
    ("fiscal_summary", 228, "2024年财政拨款收支总表"),
    ("general_budget_expenditure", 275, "2024年一般公共预算支出预算表（不含上年结转）"),
    ("basic_economic", 309, "2024年一般公共预算安排基本支出分经济科目表（不含上年结转）"),
    ("gov_fund_revenue", 357, "2024年政府性基金预算收入表（不含上年结转）"),
    ("gov_fund_expenditure", 369, "2024年政府性基金预算支出表（不含上年结转）"),
    ("state_capital", 382, "2024年国有资本经营预算收支预算表（不含上年结转）"),
    ("three_public", 397, "2024年财政拨款安排“三公”经费支出预算表"),
    ("admin_operating", 414, "2024年财政拨款安排机关运行经费预算表"),
    ("project_current", 425, "2024年项目支出预算表（本年预算）"),
    ("project_carried", 448, "2024年项目支出预算表（上年结转）"),
)


def test_source_tables_are_numbered_in_the_order_printed(seed_db: Path, tmp_path: Path) -> None:
    """表1…表13 by the line of the title, each with its title, unit and emptiness as printed
    and the document's title; the number of rows read where the hand reading counts them (the
    科目 rows of l.163–190 less the blank l.186, of l.200–226 and l.283–307; the 38 lines
    l.317–354 less the blank l.352; the projects' rows l.434–446 and l.457–459; the two rows of
    l.422–423); on a copy where a second document has the same tables, still 表1…表13."""
    empty = {int(r["line"]) for r in read_fixture("empty_tables.csv")}
    expected = [
        (key, n, title, "万元", line in empty, line, TITLE)
        for n, (key, line, title) in enumerate(SEED_TABLES, start=1)
    ]
    keys = ("table_key", "table_no", "title", "amount_unit", "is_empty", "source_line")
    copy = _with_other(seed_db, tmp_path, "source_table", "document")
    for path in (seed_db, copy):
        rows = _query_rows(path, "source_tables")
        assert [(*(r[k] for k in keys), r["document_title"]) for r in rows] == expected
        counts = {r["table_key"]: r["row_count"] for r in rows}
        assert {k: counts[k] for k in READ_COUNTS} == READ_COUNTS
    assert [r["table_key"] for r in _query_rows(copy, "source_tables", OTHER)] == [
        key for key, _, _ in SEED_TABLES
    ]


READ_COUNTS = {
    "revenue_function": 27,
    "expenditure_total": 27,
    "general_budget_expenditure": 25,
    "basic_economic": 37,
    "project_current": 13,
    "project_carried": 3,
    "admin_operating": 2,
    "three_public": 0,
}


# --- the workbook's sheets (workbook_function_rows, workbook_economic_rows,
# workbook_summary_items, workbook_raw_cells, workbook_performance_indicators) ----------------

FUNCTION_KEYS = (
    "table_key",
    "part",
    "code",
    "name",
    "level",
    "total_wan",
    "basic_wan",
    "project_wan",
    "general_budget_wan",
    "gov_fund_wan",
    "state_capital_wan",
    "special_account_wan",
    "unit_funds_wan",
    "carried_over_wan",
    "fiscal_appropriation_wan",
    "business_income_wan",
    "operating_income_wan",
    "other_income_wan",
    "source_line",
)
NO_REVENUE_COLUMNS = (None,) * 10  # the 支出 rows' general_budget … other_income


def _hand_functions() -> list[tuple]:
    """The function-classified rows of the seed as read by hand, in the query's order (table_key,
    then line): the 支出总表 and the 一般公共预算支出表 (basic and project, no fund columns), the
    empty 政府性基金 tables' 合计 rows (l.376 支出, l.365 收入), the 收入总表 (by fund, no
    basic and project: l.161's columns 一般公共预算 … 单位资金, 上年结转), and the 国有资本经营
    table's 收入 合计 (l.391)."""
    expenditure = {
        table: [
            (
                table,
                "支出",
                r["code"] or None,
                r["name"],
                _level(r["code"] or None),
                _dec(r["total"]),
                _dec(r["basic"]),
                _dec(r["project"]),
                *NO_REVENUE_COLUMNS,
                int(r["line"]),
            )
            for r in read_fixture("function_tables.csv")
            if r["table"] == table
        ]
        for table in ("expenditure_total", "general_budget_expenditure")
    }
    revenue = [
        (
            "revenue_function",
            "收入",
            r["code"] or None,
            r["name"],
            _level(r["code"] or None),
            _dec(r["total"]),
            None,
            None,
            *(
                _dec(r[k])
                for k in (
                    "general_budget",
                    "gov_fund",
                    "state_capital",
                    "special_account",
                    "unit_funds",
                    "carried_over",
                )
            ),
            None,  # fiscal_appropriation, business_income, operating_income, other_income:
            None,  # the columns of a 决算's 收入支出决算总表, not of a 预算's 收入总表
            None,
            None,
            int(r["line"]),
        )
        for r in read_fixture("revenue_by_function.csv")
    ]

    def blank_total(table: str, part: str, line: int) -> tuple:
        return (table, part, None, "合计", 0, *(None,) * 13, line)

    return [
        *expenditure["expenditure_total"],
        *expenditure["general_budget_expenditure"],
        blank_total("gov_fund_expenditure", "支出", 376),
        blank_total("gov_fund_revenue", "收入", 365),
        *revenue,
        blank_total("state_capital_revenue", "收入", 391),
    ]


def _function_rows(path: Path, document: str = DOCUMENT) -> list[tuple]:
    rows = _query_rows(path, "workbook_function_rows", document)
    return [tuple(r[k] for k in FUNCTION_KEYS) for r in rows]


def test_workbook_function_rows_are_every_function_table_as_read_by_hand(
    seed_db: Path, tmp_path: Path
) -> None:
    """Each row's amounts in their columns (支出 4,266.91 = 基本 1,120.79 + 项目 3,146.12 at
    l.200; 收入 4,264.29 一般公共预算, 2.62 上年结转 at l.163); on a copy where a second
    document holds the same rows, the seed's once."""
    hand = _hand_functions()
    assert _function_rows(seed_db) == hand
    assert hand[0][5:8] == (Decimal("4266.91"), Decimal("1120.79"), Decimal("3146.12"))
    total_163 = next(r for r in hand if r[-1] == 163)
    assert total_163[5] == total_163[8] == Decimal("4264.29")
    assert total_163[13] == Decimal("2.62")
    copy = _with_other(seed_db, tmp_path, "revenue_function", "expenditure_function")
    assert _function_rows(copy) == hand
    assert _function_rows(copy, OTHER) == hand


def test_workbook_function_rows_keep_every_fund_column_in_its_place(
    seed_db: Path, tmp_path: Path
) -> None:
    """On a copy the 收入总表's 2010150 事业运行 row (l.166) holds a different figure in each of
    its eleven columns: each comes out in its own column, as it is."""
    columns = (
        "total_wan",
        "general_budget_wan",
        "gov_fund_wan",
        "state_capital_wan",
        "special_account_wan",
        "unit_funds_wan",
        "carried_over_wan",
        "fiscal_appropriation_wan",
        "business_income_wan",
        "operating_income_wan",
        "other_income_wan",
    )
    sets = ", ".join(f"{c} = {n}.25" for n, c in enumerate(columns, start=1))
    copy = _copy(
        seed_db,
        tmp_path,
        f"update revenue_function set {sets} "
        "where document = ? and table_key = 'revenue_function' and source_line = 166",
    )
    (row,) = [r for r in _function_rows(copy) if r[-1] == 166 and r[0] == "revenue_function"]
    amounts = [Decimal(f"{n}.25") for n in range(1, 12)]
    assert row == ("revenue_function", "收入", "2010150", "事业运行", 3, amounts[0], None, None,
                   *amounts[1:], 166)  # fmt: skip


def test_workbook_economic_rows_are_the_basic_table_as_read_by_hand(
    seed_db: Path, tmp_path: Path
) -> None:
    """economic.csv (l.317–354): kind, group, the two classifications, 合计, 人员经费 and 公用经费
    of every row; no 经济科目编码 is printed (l.315), so no code; in line order, numbered from
    1; on a copy where a second document holds the same rows, the seed's once."""
    hand = [
        (
            "basic_economic",
            r["row_kind"],
            None,
            r["group"] or None,
            None if r["row_kind"] == "total" else r["dept_class"],  # 合计: its kind, no class
            r["gov_class"] or None,
            _dec(r["total"]),
            _dec(r["personnel"]),
            _dec(r["public"]),
            int(r["line"]),
        )
        for r in read_fixture("economic.csv")
    ]
    assert hand[0][6:9] == (Decimal("1120.79"), Decimal("996.10"), Decimal("124.70"))  # l.317
    keys = ("table_key", "row_kind", "code", "group_name", "dept_class", "gov_class",
            "total_wan", "personnel_wan", "public_wan", "source_line")  # fmt: skip
    copy = _with_other(seed_db, tmp_path, "expenditure_economic")
    for path in (seed_db, copy):
        rows = _query_rows(path, "workbook_economic_rows")
        assert [tuple(r[k] for k in keys) for r in rows] == hand
        assert [r["seq"] for r in rows] == list(range(1, len(hand) + 1))


def test_workbook_summary_items_are_both_summary_tables_cell_by_cell(
    seed_db: Path, tmp_path: Path
) -> None:
    """summary_rows.csv: the 财政拨款收支总表 (l.237–273) then the 收支总表 (l.120–153), each
    收入 then 支出 in line order, every filled cell with its column and amount; l.270's
    一、一般公共预算 2.62 is the one under 上年财政拨款结转 (l.269). On a copy where a second
    document holds the same cells, the seed's once."""
    hand = sorted(
        (
            (
                r["table"],
                r["side"],
                int(r["line"]),
                r["item"],
                "上年财政拨款结转"
                if (r["table"], r["line"]) == ("fiscal_summary", "270")
                else None,
                r["column"],
                None,
                Decimal(r["amount"]),
            )
            for r in read_fixture("summary_rows.csv")
        ),
        key=lambda t: (t[0], t[1] == "支出", t[2]),
    )
    keys = ("table_key", "side", "source_line", "label", "parent_item", "column_key",
            "column_group", "amount_wan")  # fmt: skip
    copy = _with_other(seed_db, tmp_path, "summary_item")
    for path in (seed_db, copy):
        got = [tuple(r[k] for k in keys) for r in _query_rows(path, "workbook_summary_items")]
        # the cells of one row (one line) come in no set order among themselves
        assert [g[:4] for g in got] == [h[:4] for h in hand]
        assert sorted(got, key=str) == sorted(hand, key=str)


def test_workbook_raw_cells_are_the_documents_cells_by_table_row_and_column(
    seed_db: Path, tmp_path: Path
) -> None:
    """The seed keeps no table as published; on a copy it has two such tables' cells (made out
    of order) and another document one cell."""
    values = ", ".join(
        f"('{dept}', 2024, '{doc}', 'x', '{key}', '表', {row}, {col}, '{text}', {line})"
        for dept, doc, key, row, col, text, line in (
            (DEPARTMENT, DOCUMENT, "unknown_1", 1, 1, "说明", 600),
            (DEPARTMENT, DOCUMENT, "procurement", 2, 1, "办公设备", 501),
            (DEPARTMENT, DOCUMENT, "procurement", 1, 2, "金额", 500),
            (DEPARTMENT, DOCUMENT, "procurement", 1, 1, "项目", 500),
            ("另一部门", OTHER, "procurement", 1, 1, "别的", 10),
        )
    )
    assert _query_rows(seed_db, "workbook_raw_cells") == []
    copy = _copy(seed_db, tmp_path)
    run_sql(copy, f"insert into raw_cell values {values}")
    keys = ("table_key", "row_no", "col_no", "text", "source_line")
    rows = [tuple(r[k] for k in keys) for r in _query_rows(copy, "workbook_raw_cells")]
    assert rows == [
        ("procurement", 1, 1, "项目", 500),
        ("procurement", 1, 2, "金额", 500),
        ("procurement", 2, 1, "办公设备", 501),
        ("unknown_1", 1, 1, "说明", 600),
    ]


# --- the performance tables (workbook_performance_indicators, deck_indicator_level2) -----------

# 遗属生活补助's indicators (l.814–823) as read by hand, with their targets worked out from the
# 指标值 as printed: (period, line, level1, level2, name, target_raw, kind, comparator, value,
# unit). Its 年度 half prints no 指标值 for 补助资金足额发放率 (l.816) and no 应补尽补率 (l.815:
# the 质量指标 label only).
_SURVIVORS = (
    ("产出指标", "数量指标", "遗属补助人员", "3人", "numeric", "=", 3.0, "人"),
    ("产出指标", "质量指标", "应补尽补率", "100%", "numeric", "=", 100.0, "%"),
    ("产出指标", "质量指标", "补助资金足额发放率", "100%", "numeric", "=", 100.0, "%"),
    ("产出指标", "时效指标", "补助发放时间", "2024年12月", "time", None, None, None),
    ("产出指标", "成本指标", "补助标准", "≤22000元", "numeric", "≤", 22000.0, "元"),
    ("效益指标", "社会效益指标", "保障遗属人员的基本生活水平", "保障", "qualitative", None, None,
     None),
    ("满意度指标", "服务对象满意度指标", "遗属满意度", "≥90%", "numeric", "≥", 90.0, "%"),
)  # fmt: skip
_SURVIVOR_LINES = (814, 815, 816, 817, 818, 820, 823)


def _survivors_hand() -> list[tuple]:
    """By line, the 年度 row before the 实施期 row of the same line."""
    out = []
    for line, row in zip(_SURVIVOR_LINES, _SURVIVORS, strict=True):
        if line != 815:
            if line == 816:
                out.append(("年度", line, *row[:3], "", "empty", None, None, None))
            else:
                out.append(("年度", line, *row))
        out.append(("实施期", line, *row))
    return out


INDICATOR_KEYS = ("period", "source_line", "level1", "level2", "name", "target_raw",
                  "target_kind", "comparator", "target_value", "target_unit")  # fmt: skip


def test_workbook_performance_indicators_are_every_indicator_as_read_by_hand(
    seed_db: Path, tmp_path: Path
) -> None:
    """Every indicator row of indicators.csv (project, period, line, the two levels, name and
    指标值) in line order, 年度 before 实施期; 遗属生活补助's with their parsed targets worked out
    by hand; every row placed, a problem only where the 指标值 is missing. On a copy where a
    second document holds the same rows, the seed's once."""
    hand = [
        (r["project"], r["period"], int(r["line"]), r["level1"], r["level2"], r["name"],
         r["target_raw"])
        for r in read_fixture("indicators.csv")
    ]  # fmt: skip
    keys = ("project", "period", "source_line", "level1", "level2", "name", "target_raw")
    copy = _with_other(seed_db, tmp_path, "performance_indicator")
    for path in (seed_db, copy):
        rows = _query_rows(path, "workbook_performance_indicators")
        assert sorted(tuple(r[k] for k in keys) for r in rows) == sorted(hand)
        assert [(r["source_line"], r["period"] == "实施期") for r in rows] == sorted(
            (h[2], h[1] == "实施期") for h in hand
        )
        survivors = [r for r in rows if r["project"] == "遗属生活补助"]
        assert [tuple(r[k] for k in INDICATOR_KEYS) for r in survivors] == _survivors_hand()
        assert all(r["placed"] for r in survivors)
        assert [r["source_line"] for r in survivors if r["problem"]] == [816]


def _levels(path: Path, document: str = DOCUMENT) -> list[tuple]:
    keys = ("project", "level1", "level2", "indicators_n", "measurable_n", "first_seq",
            "source_line")  # fmt: skip
    return [tuple(r[k] for k in keys) for r in _query_rows(path, "deck_indicator_level2", document)]


# The 年度 halves of three performance tables counted by 二级指标 by hand: (level1, level2,
# indicators, measurable (a number or a time as 指标值), the first's place in the 年度 half, line).
LEVELS_HAND = {
    # l.919–928
    "人才专项资金": [
        ("产出指标", "数量指标", 1, 1, 1, 919),  # 2人
        ("产出指标", "质量指标", 1, 1, 2, 920),  # 100%
        ("产出指标", "时效指标", 1, 1, 3, 921),  # 2024年5月
        ("产出指标", "成本指标", 1, 1, 4, 922),  # ≤1.4万元
        ("效益指标", "社会效益指标", 2, 0, 5, 924),  # 助力, 吸引 (l.924–925)
        ("满意度指标", "服务对象满意度指标", 1, 1, 7, 928),  # ≥95%
    ],
    # l.884–894 (the 年度 half, right of l.883's second 二级指标 column)
    "科技学术报告厅维修修缮": [
        ("产出指标", "数量指标", 2, 1, 1, 884),  # ≥6项; 维修修缮面积 with no 指标值 (l.885)
        ("产出指标", "质量指标", 1, 1, 3, 886),  # ≥95%
        ("产出指标", "时效指标", 2, 1, 4, 887),  # none printed (l.887); 2024年10月 (l.888)
        ("产出指标", "成本指标", 1, 1, 6, 889),  # ≤20万元
        ("效益指标", "社会效益指标", 1, 0, 7, 891),  # 保障
        ("满意度指标", "服务对象满意度指标", 1, 1, 8, 894),  # ≥90%
    ],
    # l.814–823 (above)
    "遗属生活补助": [
        ("产出指标", "数量指标", 1, 1, 1, 814),
        ("产出指标", "质量指标", 1, 0, 2, 816),
        ("产出指标", "时效指标", 1, 1, 3, 817),
        ("产出指标", "成本指标", 1, 1, 4, 818),
        ("效益指标", "社会效益指标", 1, 0, 5, 820),
        ("满意度指标", "服务对象满意度指标", 1, 1, 6, 823),
    ],
}


def test_deck_indicator_level2_counts_the_annual_indicators_by_level(
    seed_db: Path, tmp_path: Path
) -> None:
    """Three tables counted by hand (LEVELS_HAND), in the order of their first indicator; every
    project's counts add up to its 年度 rows in indicators.csv (never its 实施期 rows). On a
    copy where a second document holds the same rows, the same counts."""
    annual: dict[str, int] = {}
    for r in read_fixture("indicators.csv"):
        if r["period"] == "年度":
            annual[r["project"]] = annual.get(r["project"], 0) + 1
    copy = _with_other(seed_db, tmp_path, "performance_indicator")
    for path in (seed_db, copy):
        rows = _levels(path)
        for project, hand in LEVELS_HAND.items():
            assert [r[1:] for r in rows if r[0] == project] == hand, project
        counted: dict[str, int] = {}
        for r in rows:
            counted[r[0]] = counted.get(r[0], 0) + r[3]
        assert counted == annual
        assert [r[0] for r in rows] == sorted(r[0] for r in rows)


def test_deck_indicator_level2_puts_an_indicator_without_level2_under_unclassified(
    seed_db: Path, tmp_path: Path
) -> None:
    """On a copy 人才专项资金's 年度 社会效益指标 rows (l.924–925) lose their 二级指标: they are
    counted as （未归类）, in the same place."""
    copy = _copy(
        seed_db,
        tmp_path,
        "update performance_indicator set level2 = null where document = ? "
        "and project = '人才专项资金' and period = '年度' and source_line in (924, 925)",
    )
    rows = [r[1:] for r in _levels(copy) if r[0] == "人才专项资金"]
    assert rows[4] == ("效益指标", "（未归类）", 2, 0, 5, 924)
    assert rows[:4] + rows[5:] == LEVELS_HAND["人才专项资金"][:4] + LEVELS_HAND["人才专项资金"][5:]
