"""The document pages' queries (queries/expenditure_function.sql, revenue_by_source.sql,
expenditure_economic.sql, fiscal_items.sql) against the seed document as read by hand.

The tables each shows are the hand reading of the Jincheng text (function_tables.csv: the 支出总表
at l.200–226, the 一般公共预算支出表 at l.283–307; revenue_by_function.csv: the 收入总表's 合计
row, l.163; economic.csv: the 一般公共预算基本支出表, l.317–354; admin_operating.csv: the
机关运行经费 table, l.422–423). The cases the seed does not print (a 支出总表 without 款 rows or
with its 合计 row only, no table of the kinds a query reads, a second document in the database,
a figure in every fund column) are made on a copy of the database by deleting, copying, changing
or relabelling its rows, and the expected rows are still the hand reading or worked out here.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from budgetlens import db, queries
from tests.conftest import read_fixture

DOCUMENT = "晋城市科学技术局-2024-预算-部门"
OTHER = "另一部门-2024-预算-部门"


def _hand(table: str, max_level: int = 3) -> list[tuple]:
    """The rows of a function table as read by hand: (line, code, total, basic, project,
    class_code, parent_code), the last two worked out from the code (类 3 digits, 款 5, 项 7)."""
    out = []
    for r in read_fixture("function_tables.csv"):
        if r["table"] != table:
            continue
        code = r["code"] or None
        level = {None: 0, 3: 1, 5: 2, 7: 3}[len(code) if code else None]
        if level > max_level:
            continue
        out.append(
            (
                int(r["line"]),
                code,
                *(Decimal(r[k]) if r[k] else None for k in ("total", "basic", "project")),
                code[:3] if code else None,
                {2: code[:3], 3: code[:5]}.get(level) if code else None,
            )
        )
    return out


def _query_rows(path: Path, name: str, document: str = DOCUMENT) -> list[dict]:
    """The rows of ``queries/<name>.sql`` for ``document``, as DuckDB gives them (Decimal, None:
    not pandas' floats and NaN)."""
    con = db.connect(path, read_only=True)
    try:
        cur = con.execute(queries.load_sql(name), {"document": document})
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
    finally:
        con.close()


def _function_rows(path: Path, document: str = DOCUMENT) -> list[tuple]:
    rows = _query_rows(path, "expenditure_function", document)
    keys = ("source_line", "code", "total_wan", "basic_wan", "project_wan")
    return [(*(r[k] for k in keys), r["class_code"], r["parent_code"]) for r in rows]


def _copy(seed_db: Path, tmp_path: Path, *statements: str) -> Path:
    """A copy of the seed database after ``statements`` (each with the seed document as its
    one parameter)."""
    copy = tmp_path / "copy.duckdb"
    shutil.copy(seed_db, copy)
    con = db.connect(copy)
    try:
        for statement in statements:
            con.execute(statement, [DOCUMENT])
    finally:
        con.close()
    return copy


def test_functions_are_the_all_funds_table_with_each_rows_class_and_parent(
    seed_db: Path,
) -> None:
    rows = _function_rows(seed_db)
    assert rows == _hand("expenditure_total")
    # 合计 4,266.91 = 基本 1,120.79 + 项目 3,146.12 (l.200); 20604 and its 项 2060404 (l.210–211)
    assert rows[0] == (
        200,
        None,
        Decimal("4266.91"),
        Decimal("1120.79"),
        Decimal("3146.12"),
        None,
        None,
    )
    assert next(r for r in rows if r[1] == "20604")[5:] == ("206", "206")
    assert next(r for r in rows if r[1] == "2060404")[5:] == ("206", "20604")


def test_a_table_of_classes_only_is_still_the_all_funds_table(
    seed_db: Path, tmp_path: Path
) -> None:
    """On a copy the 支出总表 keeps its 合计 and 类 rows only: it is still the table shown (it
    has 类 rows), not the 一般公共预算支出表 with its 款 rows."""
    copy = _copy(
        seed_db,
        tmp_path,
        "delete from expenditure_function where document = ? and level >= 2 "
        "and table_key = 'expenditure_total'",
    )
    assert _function_rows(copy) == _hand("expenditure_total", max_level=1)


def test_an_all_funds_table_with_its_total_row_only_gives_way(
    seed_db: Path, tmp_path: Path
) -> None:
    """On a copy the 支出总表 keeps its 合计 row only: the table shown is the 一般公共预算支出表
    (合计 4,264.29, 基本 1,120.79, 项目 3,143.50 at l.283), never a lone 合计 row."""
    copy = _copy(
        seed_db,
        tmp_path,
        "delete from expenditure_function where document = ? and level >= 1 "
        "and table_key = 'expenditure_total'",
    )
    rows = _function_rows(copy)
    assert rows == _hand("general_budget_expenditure")
    assert rows[0] == (
        283,
        None,
        Decimal("4264.29"),
        Decimal("1120.79"),
        Decimal("3143.50"),
        None,
        None,
    )


def test_no_all_funds_table_shows_no_functions(seed_db: Path, tmp_path: Path) -> None:
    """On a copy the 支出总表's rows are relabelled as the 政府性基金支出表's and the
    一般公共预算支出表 is gone: no table of the three, so no rows (never the 政府性基金's)."""
    copy = _copy(
        seed_db,
        tmp_path,
        "delete from expenditure_function where document = ? "
        "and table_key = 'general_budget_expenditure'",
        "update expenditure_function set table_key = 'gov_fund_expenditure' "
        "where document = ? and table_key = 'expenditure_total'",
    )
    assert _function_rows(copy) == []


def test_the_table_is_chosen_and_read_for_the_document_asked_for(
    seed_db: Path, tmp_path: Path
) -> None:
    """On a copy a second document holds the seed's function rows, and the seed keeps only its
    一般公共预算支出表: the seed shows that table once (not the other's 支出总表, nor its rows
    twice), and the other document its own 支出总表."""
    copy = _copy(
        seed_db,
        tmp_path,
        f"insert into expenditure_function select * replace ('{OTHER}' as document) "
        "from expenditure_function where document = ?",
        "delete from expenditure_function where document = ? and table_key = 'expenditure_total'",
    )
    assert _function_rows(copy) == _hand("general_budget_expenditure")
    assert _function_rows(copy, OTHER) == _hand("expenditure_total")


def test_revenue_by_source_is_the_revenue_tables_total_row(seed_db: Path) -> None:
    """The 收入总表's 合计 row (l.163, revenue_by_function.csv): 一般公共预算 4,264.29 and 上年结转
    2.62 (NOTES.md item 10), every other source blank; one row per source, never those of the
    政府性基金 or 国有资本经营 tables' 合计 rows."""
    con = db.connect(seed_db, read_only=True)
    try:
        rows = queries.run(con, "revenue_by_source", document=DOCUMENT).to_dict("records")
    finally:
        con.close()
    got = [
        (
            r["ord"],
            r["source_key"],
            None if pd.isna(r["amount_wan"]) else Decimal(str(r["amount_wan"])),
        )
        for r in rows
    ]
    amounts = {"general_budget": Decimal("4264.29"), "carried_over": Decimal("2.62")}
    keys = [
        "fiscal_appropriation", "general_budget", "gov_fund", "state_capital", "special_account",
        "unit_funds", "business_income", "operating_income", "other_income", "carried_over",
    ]  # fmt: skip
    assert got == [(i, k, amounts.get(k)) for i, k in enumerate(keys, 1)]
    assert {r["source_line"] for r in rows} == {163}


@pytest.fixture(autouse=True)
def _no_other_document(seed_db: Path) -> None:
    """The cases above assume the seed database holds the seed document alone."""
    con = db.connect(seed_db, read_only=True)
    try:
        (n,) = con.execute("select count(*) from document").fetchone()
    finally:
        con.close()
    assert n == 1


# --- the 基本支出 table by 经济分类 (queries/expenditure_economic.sql) ---------------------------


def _hand_economic() -> list[tuple]:
    """The 一般公共预算基本支出表 as read by hand (economic.csv, l.317–354): (line, row kind,
    total, 人员经费, 公用经费)."""
    return [
        (
            int(r["line"]),
            r["row_kind"],
            *(Decimal(r[k]) if r[k] else None for k in ("total", "personnel", "public")),
        )
        for r in read_fixture("economic.csv")
    ]


def _economic_rows(path: Path, document: str = DOCUMENT) -> list[tuple]:
    rows = _query_rows(path, "expenditure_economic", document)
    keys = ("source_line", "row_kind", "total_wan", "personnel_wan", "public_wan")
    return [tuple(r[k] for k in keys) for r in rows]


def test_economic_is_the_basic_table_as_read_by_hand(seed_db: Path) -> None:
    rows = _economic_rows(seed_db)
    assert rows == _hand_economic()
    # 合计 1,120.79 = 人员经费 996.10 + 公用经费 124.70 (l.317; the cent is the document's)
    assert rows[0] == (317, "total", Decimal("1120.79"), Decimal("996.10"), Decimal("124.70"))


def test_no_basic_table_shows_no_economic_rows(seed_db: Path, tmp_path: Path) -> None:
    """On a copy the 基本支出 table's rows are relabelled as an economic 机关运行经费 table's
    (as Jiangsu prints one): neither of the two 基本支出 tables, so no rows."""
    copy = _copy(
        seed_db,
        tmp_path,
        "update expenditure_economic set table_key = 'admin_operating' "
        "where document = ? and table_key = 'basic_economic'",
    )
    assert _economic_rows(copy) == []


def test_the_economic_table_is_chosen_and_read_for_the_document_asked_for(
    seed_db: Path, tmp_path: Path
) -> None:
    """On a copy a second document holds the seed's 基本支出 rows under both table keys, and the
    seed's own are relabelled as its 财政拨款 基本支出 table: the seed shows that table once
    (not the other's 一般公共预算 one, nor its rows twice), the other its 一般公共预算 one."""
    copy = _copy(
        seed_db,
        tmp_path,
        f"insert into expenditure_economic select * replace ('{OTHER}' as document) "
        "from expenditure_economic where document = ? and table_key = 'basic_economic'",
        f"insert into expenditure_economic select * replace ('{OTHER}' as document, "
        "'fiscal_basic_economic' as table_key) "
        "from expenditure_economic where document = ? and table_key = 'basic_economic'",
        "update expenditure_economic set table_key = 'fiscal_basic_economic' "
        "where document = ? and table_key = 'basic_economic'",
    )
    assert _economic_rows(copy) == _hand_economic()
    assert _economic_rows(copy, OTHER) == _hand_economic()


# --- the “三公”经费 and 机关运行经费 tables (queries/fiscal_items.sql) -------------------------


def _fiscal_rows(path: Path) -> list[tuple]:
    rows = _query_rows(path, "fiscal_items")
    keys = ("table_key", "label", "total_wan", "general_budget_wan", "gov_fund_wan")
    return [(*(r[k] for k in keys), r["state_capital_wan"], r["source_line"]) for r in rows]


def test_fiscal_items_are_the_running_cost_table_fund_by_fund(
    seed_db: Path, tmp_path: Path
) -> None:
    """The seed's 机关运行经费 table (admin_operating.csv, l.422–423: 部门合计 and its one unit,
    54.87 万元 each, all 一般公共预算; its “三公” table is empty). It prints no 政府性基金 or
    国有资本经营 figure, so on a copy the 部门合计's 54.87 is split into 27.435, 10.974 and
    16.461 (distinct figures, as test_export_fiscal.py does for the export) and each must stay in
    its column."""
    hand = [
        (r["unit"], Decimal(r["total"]), Decimal(r["general_budget"]), int(r["line"]))
        for r in read_fixture("admin_operating.csv")
    ]
    assert _fiscal_rows(seed_db) == [
        ("admin_operating", unit, total, general, None, None, line)
        for unit, total, general, line in hand
    ]
    assert hand[0] == ("部门合计", Decimal("54.87"), Decimal("54.87"), 422)
    copy = _copy(
        seed_db,
        tmp_path,
        "update fiscal_item set general_budget_wan = 27.435, gov_fund_wan = 10.974, "
        "state_capital_wan = 16.461 where document = ? and table_key = 'admin_operating' "
        "and source_line = 422",
    )
    assert _fiscal_rows(copy)[0] == (
        "admin_operating",
        "部门合计",
        Decimal("54.87"),
        Decimal("27.435"),
        Decimal("10.974"),
        Decimal("16.461"),
        422,
    )
