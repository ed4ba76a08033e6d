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


def _query_rows(path: Path, name: str, document: str = DOCUMENT, **params: str) -> list[dict]:
    """The rows of ``queries/<name>.sql`` for ``document`` (and ``params``, as ``project``), as
    DuckDB gives them (Decimal, None: not pandas' floats and NaN)."""
    con = db.connect(path, read_only=True)
    try:
        cur = con.execute(queries.load_sql(name), {"document": document, **params})
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
    tmp_path.mkdir(parents=True, exist_ok=True)
    copy = tmp_path / "copy.duckdb"
    shutil.copy(seed_db, copy)
    con = db.connect(copy)
    try:
        for statement in statements:
            con.execute(statement, [DOCUMENT])
    finally:
        con.close()
    return copy


def _with_other(seed_db: Path, tmp_path: Path, *tables: str) -> Path:
    """A copy of the seed database where a second document holds the seed's rows of ``tables``."""
    return _copy(
        seed_db,
        tmp_path,
        *(
            f"insert into {t} select * replace ('{OTHER}' as document) from {t} where document = ?"
            for t in tables
        ),
    )


def _dec(text: str) -> Decimal | None:
    return Decimal(text) if text else None


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


# --- the 机关运行经费 table (queries/admin_operating.sql) --------------------------------------


def _admin_rows(path: Path, document: str = DOCUMENT) -> list[tuple]:
    keys = ("origin", "row_kind", "code", "label", "total_wan", "source_line")
    return [tuple(r[k] for k in keys) for r in _query_rows(path, "admin_operating", document)]


# l.421–423: 单位名称 | 合计 …; 部门合计 54.87; 晋城市科学技术局 54.87 (admin_operating.csv)
JINCHENG_ADMIN = [
    ("fiscal", "total", None, "部门合计", Decimal("54.87"), 422),
    ("fiscal", "unit", None, "晋城市科学技术局", Decimal("54.87"), 423),
]


def test_admin_operating_marks_the_department_total_row_as_the_total(seed_db: Path) -> None:
    """Jincheng's 机关运行经费 table by unit (l.422–423): its 部门合计 row is the table's total
    (what the 概览 page shows when no figure is stated), the unit beside it a unit."""
    assert _admin_rows(seed_db) == JINCHENG_ADMIN
    assert [
        (r["unit"], Decimal(r["total"]), int(r["line"]))
        for r in read_fixture("admin_operating.csv")
    ] == [(label, total, line) for _, _, _, label, total, line in JINCHENG_ADMIN]


def test_admin_operating_only_row_is_the_total_and_units_without_a_total_row_are_units(
    seed_db: Path, tmp_path: Path
) -> None:
    """On copies: the table printed as one cell labelled 机关运行经费 (as the corpus' 三公 tables
    print it) is the total; two units and no 合计 row are two units, neither the total."""
    one = _copy(
        seed_db,
        tmp_path,
        "delete from fiscal_item where document = ? and source_line = 423",
        "update fiscal_item set label = '机关运行经费' where document = ? and source_line = 422",
    )
    assert _admin_rows(one) == [("fiscal", "total", None, "机关运行经费", Decimal("54.87"), 422)]
    two = _copy(
        seed_db,
        tmp_path / "two",
        "update fiscal_item set label = '晋城市科学技术研究院' where document = ? "
        "and source_line = 422",
    )
    assert _admin_rows(two) == [
        ("fiscal", "unit", None, "晋城市科学技术研究院", Decimal("54.87"), 422),
        ("fiscal", "unit", None, "晋城市科学技术局", Decimal("54.87"), 423),
    ]


def test_admin_operating_reads_only_the_running_cost_tables(seed_db: Path, tmp_path: Path) -> None:
    """The seed's 基本支出 table by 经济分类 (l.317–354) and a 三公 row are no 机关运行经费 rows.
    On a copy the 三公 table gets a 合计 row (the seed prints it empty) and the 基本支出 rows stay:
    the rows are still Jincheng's two. Relabelled as an economic 机关运行经费 table (as Jiangsu
    prints one), the 基本支出 rows come after the fiscal ones with their kind, name and 合计
    (economic.csv)."""
    copy = _copy(
        seed_db,
        tmp_path,
        "insert into fiscal_item select * replace ('three_public' as table_key, '合计' as label) "
        "from fiscal_item where document = ? and source_line = 422",
    )
    assert _admin_rows(copy) == JINCHENG_ADMIN
    economic = _copy(
        seed_db,
        tmp_path / "economic",
        "update expenditure_economic set table_key = 'admin_operating' "
        "where document = ? and table_key = 'basic_economic'",
    )
    # the 合计 row is stored without its label (the page calls it 合计)
    hand = [
        ("economic", r["row_kind"], None, "" if r["row_kind"] == "total" else r["dept_class"],
         Decimal(r["total"]), int(r["line"]))
        for r in read_fixture("economic.csv")
    ]  # fmt: skip
    assert _admin_rows(economic) == hand + JINCHENG_ADMIN
    # l.317: 合计 1,120.79; l.318: 工资福利支出 842.82
    assert hand[:2] == [
        ("economic", "total", None, "", Decimal("1120.79"), 317),
        ("economic", "group", None, "工资福利支出", Decimal("842.82"), 318),
    ]


def test_admin_operating_is_read_for_the_document_asked_for(seed_db: Path, tmp_path: Path) -> None:
    """A second document holding the seed's 机关运行经费 rows, fiscal and (relabelled) economic:
    the seed's rows once each, its 部门合计 still the total."""
    copy = _copy(
        seed_db,
        tmp_path,
        "update expenditure_economic set table_key = 'admin_operating' "
        "where document = ? and table_key = 'basic_economic' and source_line = 317",
        f"insert into fiscal_item select * replace ('{OTHER}' as document) "
        "from fiscal_item where document = ?",
        f"insert into expenditure_economic select * replace ('{OTHER}' as document) "
        "from expenditure_economic where document = ? and table_key = 'admin_operating'",
    )
    economic_total = ("economic", "total", None, "", Decimal("1120.79"), 317)  # l.317: 合计
    assert _admin_rows(copy) == [economic_total, *JINCHENG_ADMIN]
    assert _admin_rows(copy, OTHER) == [economic_total, *JINCHENG_ADMIN]


# --- the 收支总表 (queries/income_expense_summary.sql, expenditure_by_period.sql) ------------


def _summary_hand() -> list[tuple]:
    """The 收支总表 (l.118–153) as read by hand (summary_rows.csv): (side, item, column, amount,
    line) of its filled cells."""
    return [
        (r["side"], r["item"], r["column"], Decimal(r["amount"]), int(r["line"]))
        for r in read_fixture("summary_rows.csv")
        if r["table"] == "income_expense_summary"
    ]


def _summary_rows(path: Path, document: str = DOCUMENT) -> list[tuple]:
    rows = _query_rows(path, "income_expense_summary", document)
    keys = ("side", "label", "parent_item", "column_group", "amount_wan", "source_line")
    return [tuple(r[k] for k in keys) for r in rows]


def test_income_expense_summary_is_the_table_as_read_by_hand(seed_db: Path, tmp_path: Path) -> None:
    """收入 then 支出, each row's one amount (收入's 2024年, 支出's 2024年合计): never the 支出
    side's 当年预算安排 or 上年结转安排 cells, nor the 财政拨款收支总表 (l.237–273), whose rows bear
    the same labels; on a copy with a second document, the seed's rows once."""
    hand = [
        (side, item, None, None, amount, line)
        for side, item, column, amount, line in _summary_hand()
        if column in ("amount", "total")
    ]
    # l.120: 一般公共预算 4,264.29 | 一般公共服务支出 205.35; l.125: 科学技术支出 3,686.33
    assert hand[0] == ("收入", "一、一般公共预算", None, None, Decimal("4264.29"), 120)
    assert hand[5] == ("支出", "六、科学技术支出", None, None, Decimal("3686.33"), 125)
    assert len(hand) == 11
    assert _summary_rows(seed_db) == hand
    assert _summary_rows(_with_other(seed_db, tmp_path, "summary_item")) == hand


def _by_period(path: Path) -> list[tuple]:
    rows = _query_rows(path, "expenditure_by_period")
    keys = ("item", "total_wan", "current_year_wan", "carried_over_wan", "source_line")
    return [tuple(r[k] for k in keys) for r in rows]


# l.120–153, 支出: 2024年合计 | 当年预算安排 | 上年结转安排
BY_PERIOD = [
    ("一般公共服务支出", Decimal("205.35"), Decimal("205.35"), None, 120),
    ("科学技术支出", Decimal("3686.33"), Decimal("3683.71"), Decimal("2.62"), 125),
    ("社会保障和就业支出", Decimal("228.22"), Decimal("228.22"), None, 127),
    ("卫生健康支出", Decimal("66.19"), Decimal("66.19"), None, 129),
    ("住房保障支出", Decimal("80.83"), Decimal("80.83"), None, 139),
    ("本年支出合计", Decimal("4266.91"), Decimal("4264.29"), Decimal("2.62"), 151),
    ("支出总计", Decimal("4266.91"), Decimal("4264.29"), Decimal("2.62"), 153),
]


def test_expenditure_by_period_splits_each_row_as_printed(seed_db: Path, tmp_path: Path) -> None:
    """Each 支出 row's 合计, 当年预算 and 上年结转 (l.120–153); the 收入 side and the
    财政拨款收支总表 stay out; on a copy with a second document, the seed's rows once."""
    hand = {(item.split("、")[-1], line): amount for _, item, _, amount, line in _summary_hand()}
    assert hand[("科学技术支出", 125)] == Decimal("2.62")  # the last cell read of l.125
    assert _by_period(seed_db) == BY_PERIOD
    assert _by_period(_with_other(seed_db, tmp_path, "summary_item")) == BY_PERIOD


def test_expenditure_by_period_of_a_table_with_one_amount_column(
    seed_db: Path, tmp_path: Path
) -> None:
    """On a copy the 支出 side has one amount column (no split): its total is that column. With
    both a 合计 and an amount column on one row, the 合计 is the total."""
    copy = _copy(
        seed_db,
        tmp_path,
        "delete from summary_item where document = ? and side = '支出' "
        "and column_key in ('current_year', 'carried_over')",
        "update summary_item set column_key = 'amount' where document = ? and side = '支出' "
        "and table_key = 'income_expense_summary'",
    )
    assert _by_period(copy) == [
        (item, total, None, None, line) for item, total, *_, line in BY_PERIOD
    ]
    both = _copy(
        seed_db,
        tmp_path / "both",
        "insert into summary_item select * replace ('amount' as column_key) from summary_item "
        "where document = ? and side = '支出' and table_key = 'income_expense_summary' "
        "and column_key = 'current_year'",
    )
    assert _by_period(both) == BY_PERIOD


# --- the 收入总表's 类 rows by source (queries/revenue_class_source.sql) ------------------------


def _class_sources(path: Path) -> list[tuple]:
    rows = _query_rows(path, "revenue_class_source")
    keys = ("class_code", "class_name", "source_key", "amount_wan", "source_line")
    return [tuple(r[k] for k in keys) for r in rows]


def test_revenue_class_source_is_each_class_rows_filled_sources(
    seed_db: Path, tmp_path: Path
) -> None:
    """The 收入总表's 类 rows (l.164–188, revenue_by_function.csv), one row per filled source in the
    order of the table's columns; its 合计, 款 and 项 rows and blank cells stay out."""
    columns = ("general_budget", "gov_fund", "state_capital", "special_account", "unit_funds",
               "carried_over")  # fmt: skip
    hand = [
        (r["code"], r["name"], key, Decimal(r[key]), int(r["line"]))
        for r in read_fixture("revenue_by_function.csv")
        if len(r["code"]) == 3
        for key in columns
        if r[key] and Decimal(r[key]) != 0
    ]
    # l.167: 206 科学技术支出 3,683.71 一般公共预算 and 2.62 上年结转
    assert hand[1:3] == [
        ("206", "科学技术支出", "general_budget", Decimal("3683.71"), 167),
        ("206", "科学技术支出", "carried_over", Decimal("2.62"), 167),
    ]
    assert len(hand) == 6
    assert _class_sources(seed_db) == hand
    # a second document, and the 类 rows again under another table's key: still the seed's rows
    copy = _copy(
        _with_other(seed_db, tmp_path, "revenue_function"),
        tmp_path / "again",
        "insert into revenue_function select * replace ('gov_fund_revenue' as table_key) "
        "from revenue_function where document = ? and level = 1",
    )
    assert _class_sources(copy) == hand
