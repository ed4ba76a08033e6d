"""The document pages' queries (queries/expenditure_function.sql, revenue_by_source.sql,
expenditure_economic.sql, fiscal_items.sql, and each page query below its own heading) against
the seed document as read by hand.

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


def _query_rows(
    path: Path, name: str, document: str | None = DOCUMENT, **params: str
) -> list[dict]:
    """The rows of ``queries/<name>.sql`` for ``document`` (None: a query of every document) and
    ``params`` (as ``project``), as DuckDB gives them (Decimal, None: not pandas' floats and
    NaN)."""
    if document is not None:
        params = {"document": document, **params}
    sql = queries.load_sql(name)
    con = db.connect(path, read_only=True)
    try:
        cur = con.cursor()
        for relation, load in queries.REFERENCE_RELATIONS.items():  # as queries.run does
            if relation in sql:
                cur.register(relation, load())
        cur.execute(sql, params)
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


# --- the 项目支出预算表 (queries/project_budget.sql) -------------------------------------------

FUNDS = ("general_budget_wan", "gov_fund_wan", "state_capital_wan", "special_account_wan",
         "unit_funds_wan")  # fmt: skip


def _project_budget(path: Path, document: str = DOCUMENT) -> list[tuple]:
    rows = _query_rows(path, "project_budget", document)
    keys = ("carried_over", "row_kind", "unit", "project", "total_wan", *FUNDS, "source_line")
    return [tuple(r[k] for k in keys) for r in rows]


def _hand_project_budget() -> list[tuple]:
    """The 项目支出预算表 (本年预算 l.434–446, then 上年结转 l.457–459) as read by hand
    (projects.csv); the table prints its 政府性基金 and 国有资本经营 columns empty, and neither
    财政专户 nor 单位资金 columns. The department row names no unit, and only project rows a
    project."""
    return [
        (
            r["carried_over"] == "true",
            r["row_kind"],
            r["unit"] or None,
            r["project"] if r["row_kind"] == "project" else None,
            Decimal(r["total"]),
            Decimal(r["general_budget"]),
            None,
            None,
            None,
            None,
            int(r["line"]),
        )
        for r in read_fixture("projects.csv")
    ]


def test_project_budget_is_the_table_as_read_by_hand(seed_db: Path, tmp_path: Path) -> None:
    hand = _hand_project_budget()
    # l.434: 晋城市科学技术局 3,143.50 | 3,143.50; l.457: 上年结转 2.62
    assert hand[0] == (False, "department", None, None, Decimal("3143.50"), Decimal("3143.50"),
                       None, None, None, None, 434)  # fmt: skip
    assert hand[-3][:1] + hand[-3][4:6] + hand[-3][-1:] == (
        True, Decimal("2.62"), Decimal("2.62"), 457,
    )  # fmt: skip
    assert _project_budget(seed_db) == hand
    assert _project_budget(_with_other(seed_db, tmp_path, "project_budget")) == hand


def test_project_budget_keeps_each_fund_in_its_column(seed_db: Path, tmp_path: Path) -> None:
    """The seed prints every project all 一般公共预算. On a copy the department row's 3,143.50
    (l.434) is split into five distinct figures, 1,000.00 + 800.00 + 600.00 + 400.00 + 343.50
    (= 3,143.50), one per fund column: each must stay in its column."""
    parts = ("1000.00", "800.00", "600.00", "400.00", "343.50")
    sets = ", ".join(f"{c} = {v}" for c, v in zip(FUNDS, parts, strict=True))
    copy = _copy(
        seed_db,
        tmp_path,
        f"update project_budget set {sets} where document = ? and source_line = 434",
    )
    assert _project_budget(copy)[0] == (
        False, "department", None, None, Decimal("3143.50"), *map(Decimal, parts), 434,
    )  # fmt: skip


# --- the performance tables (queries/performance_*.sql) ---------------------------------------


def test_performance_tables_are_the_department_then_each_project(
    seed_db: Path, tmp_path: Path
) -> None:
    """部门整体 (its 主管部门 108-晋城市科学技术局, l.535) first, then the nine projects' tables in
    the document's order with their header fields (project_meta.csv); once each with a second
    document in the database."""
    hand = [("部门整体", True, "108-晋城市科学技术局", None, None, None, 535)] + [
        (
            r["project"],
            False,
            r["supervisor"],
            r["implementing_unit"],
            r["attribute"],
            r["duration"],
            int(r["title_line"]),
        )
        for r in read_fixture("project_meta.csv")
    ]
    keys = ("project", "is_department", "supervisor", "implementing_unit", "attribute",
            "duration", "source_line")  # fmt: skip
    for path in (seed_db, _with_other(seed_db, tmp_path, "performance_table")):
        rows = _query_rows(path, "performance_tables")
        assert [tuple(r[k] for k in keys) for r in rows] == hand


def test_performance_funds_are_one_tables_funds(seed_db: Path, tmp_path: Path) -> None:
    """科研工作综合经费's funds (l.763–768, project_funds.csv; in 元): 实施期 and 年度 each
    199,000 in all, all of it 市县财政, 其他资金 blank; no other project's or document's."""
    hand = sorted(
        (r["period"], r["source"], _dec(r["amount_yuan"]))
        for r in read_fixture("project_funds.csv")
        if r["project"] == "科研工作综合经费"
    )
    assert ("年度", "total", Decimal("199000")) in hand
    assert ("年度", "municipal", Decimal("199000")) in hand
    assert len(hand) == 12
    for path in (seed_db, _with_other(seed_db, tmp_path, "performance_fund")):
        rows = _query_rows(path, "performance_funds", project="科研工作综合经费")
        assert sorted((r["period"], r["source_key"], r["amount_yuan"]) for r in rows) == hand
        assert {r["source_line"] for r in rows} == set(range(763, 769))


# l.919–928, 人才专项资金's 年度 targets as written (indicators.csv) and read by hand:
# (line, name, target as printed, kind, comparator, value, unit)
TALENT_TARGETS = [
    (919, "引进高层次人才数量", "2人", "numeric", "=", 2.0, "人"),
    (920, "补助发放达标率", "100%", "numeric", "=", 100.0, "%"),
    (921, "高层次人才补助发放时间", "2024年5月", "time", None, None, None),
    (922, "高层次人才补助金额", "≤1.4万元", "numeric", "≤", 1.4, "万元"),
    (924, "助力高质量转型发展", "助力", "qualitative", None, None, None),
    (925, "吸引高层次人才落户", "吸引", "qualitative", None, None, None),
    (928, "高层次人才满意度", "≥95%", "numeric", "≥", 95.0, "%"),
]


def test_performance_indicators_are_one_tables_targets(seed_db: Path, tmp_path: Path) -> None:
    """人才专项资金's indicators, 年度 then 实施期 (the table prints the same seven for both),
    each target's kind, comparator, value and unit; no other project's or document's."""
    hand = [
        (r["period"], int(r["line"]), r["name"], r["target_raw"])
        for r in read_fixture("indicators.csv")
        if r["project"] == "人才专项资金"
    ]
    assert sorted(hand, key=lambda r: (r[0] != "年度", r[1])) == [
        (period, line, name, raw)
        for period in ("年度", "实施期")
        for line, name, raw, *_ in TALENT_TARGETS
    ]
    keys = ("source_line", "name", "target_raw", "target_kind", "comparator", "target_value",
            "target_unit")  # fmt: skip
    for path in (seed_db, _with_other(seed_db, tmp_path, "performance_indicator")):
        rows = _query_rows(path, "performance_indicators", project="人才专项资金")
        assert [(r["period"], *(r[k] for k in keys)) for r in rows] == [
            (period, *t) for period in ("年度", "实施期") for t in TALENT_TARGETS
        ]
        # 2024年5月 (l.921): a time target
        assert [(r["time_year"], r["time_month"]) for r in rows[2::7]] == [(2024, 5)] * 2


def _overview(path: Path) -> list[tuple]:
    keys = ("project", "is_department", "budget_wan", "indicators_n", "level2_n")
    return [tuple(r[k] for k in keys) for r in _query_rows(path, "performance_overview")]


def _hand_overview() -> list[tuple]:
    """部门整体 (its funds 4,264.29 万元, l.547) then each project (project_meta.csv order) with its
    budget from the 项目支出预算表 (projects.csv, 本年预算 and 上年结转 added), and the number of
    its 年度 indicators and of their 二级 categories (indicators.csv)."""
    budget = {
        r["project"]: Decimal(r["total"])
        for r in read_fixture("projects.csv")
        if r["row_kind"] == "project"
    }
    indicators = [r for r in read_fixture("indicators.csv") if r["period"] == "年度"]
    projects = ["部门整体"] + [r["project"] for r in read_fixture("project_meta.csv")]
    return [
        (
            p,
            p == "部门整体",
            Decimal("4264.29") if p == "部门整体" else budget[p],
            sum(r["project"] == p for r in indicators),
            len({r["level2"] for r in indicators if r["project"] == p}),
        )
        for p in projects
    ]


def test_performance_overview_budgets_and_counts(seed_db: Path) -> None:
    hand = _hand_overview()
    # l.436: 科技计划项目 2,007.00; 人才专项资金 (l.444): 1.40, its seven 年度 targets in six 二级
    assert hand[1] == ("科技计划项目", False, Decimal("2007.00"), 19, 7)
    assert hand[-1] == ("人才专项资金", False, Decimal("1.40"), 7, 6)
    assert [(*r[:2], Decimal(str(r[2])), *r[3:]) for r in _overview(seed_db)] == hand


def test_performance_overview_reads_the_document_asked_for(seed_db: Path, tmp_path: Path) -> None:
    """A second document with the seed's performance tables, indicators, checks and projects and
    ten times the seed's funds: the seed's scorecard is unchanged, mismatches included (its
    部门整体 table 3, 科技计划项目 2, 科技学术报告厅维修修缮 2: findings.csv, statuses mismatch of
    their cost and 实施期/年度 checks)."""
    copy = _copy(
        _with_other(
            seed_db,
            tmp_path / "other",
            "performance_table",
            "performance_indicator",
            "project_budget",
            "check_result",
        ),
        tmp_path,
        f"insert into performance_fund select * replace ('{OTHER}' as document, "
        "amount_yuan * 10 as amount_yuan) from performance_fund where document = ?",
    )
    hand = _hand_overview()
    rows = _query_rows(copy, "performance_overview")
    assert [(*r[:2], Decimal(str(r[2])), *r[3:]) for r in _overview(copy)] == hand
    mismatches = {}
    for f in read_fixture("findings.csv"):
        if f["check_kind"] in ("cost_indicator", "period_consistency") and (
            f["status"] == "mismatch"
        ):
            project = f["subject"].split(":")[0].split(" ")[0]
            mismatches[project] = mismatches.get(project, 0) + 1
    assert mismatches == {"部门整体": 3, "科技计划项目": 2, "科技学术报告厅维修修缮": 2}
    assert {r["project"]: r["mismatches_n"] for r in rows if r["mismatches_n"]} == mismatches


def test_performance_overview_funds_are_the_annual_total(seed_db: Path, tmp_path: Path) -> None:
    """部门整体 has no row in the 项目支出预算表: its budget is its table's 年度 合计 by source
    (4,264.29 万元, l.547). On a copy it also states a 实施期 合计 of twice that (8,528.58): the
    budget is still the 年度 one."""
    copy = _copy(
        seed_db,
        tmp_path,
        "insert into performance_fund select * replace ('实施期' as period, "
        "85285800 as amount_yuan) from performance_fund where document = ? "
        "and project = '部门整体' and source = 'total' and dimension = 'source'",
    )
    assert _overview(copy)[0][:3] == ("部门整体", True, 4264.29)


# --- the 名词解释 (queries/glossary.sql) -------------------------------------------------------


def test_glossary_is_the_documents_terms_in_order(seed_db: Path, tmp_path: Path) -> None:
    """The twelve terms of the 名词解释 (l.2184–2208, glossary.csv), once each with a second
    document in the database."""
    hand = [(r["term"], int(r["line"])) for r in read_fixture("glossary.csv")]
    assert hand[3] == ("机关运行经费", 2190)
    assert len(hand) == 12
    for path in (seed_db, _with_other(seed_db, tmp_path, "glossary_term")):
        assert [(r["term"], r["source_line"]) for r in _query_rows(path, "glossary")] == hand


# --- the 政府采购预算表 (queries/procurement_items.sql) ------------------------------------------


# a 政府采购预算表 made for the case: (seq, row kind, category, item, total, 一般公共预算, line)
PROCUREMENT = [
    (1, "total", None, None, "120.00", "90.00", 900),
    (2, "category", "货物", None, "120.00", "90.00", 901),
    (3, "item", "货物", "台式计算机", "120.00", "90.00", 902),
]


def _procurement_statements() -> list[str]:
    """Statements adding :data:`PROCUREMENT` to the seed document in a copy."""
    return [
        "insert into procurement_item (department, year, document, document_id, table_key, seq, "
        "row_kind, category, item, total_wan, general_budget_wan, source_line) "
        f"select department, year, document, document_id, 'procurement', {seq}, '{kind}', "
        f"{cat}, {item}, {total}, {general}, {line} from document where document = ?"
        for seq, kind, cat, item, total, general, line in (
            (*r[:2], *(f"'{v}'" if v else "null" for v in r[2:4]), *r[4:]) for r in PROCUREMENT
        )
    ]


def test_procurement_items_keep_kind_total_and_general_budget(
    seed_db: Path, tmp_path: Path
) -> None:
    """The seed prints its 政府采购 in prose (no table; Jiangsu's table is read in
    test_export_values.py). On a copy made for the case a table of three rows is added for the
    seed, and the same rows with other figures for a second document: 合计 120.00 of which
    一般公共预算 90.00, its category 货物 120.00 / 90.00, one item 台式计算机 120.00 / 90.00 at
    l.900–902; the seed's rows are those, in order, each column in its place."""
    rows = PROCUREMENT
    copy = _copy(
        seed_db,
        tmp_path,
        *_procurement_statements(),
        f"insert into procurement_item select * replace ('{OTHER}' as document, "
        "total_wan * 2 as total_wan) from procurement_item where document = ?",
    )
    keys = ("seq", "row_kind", "category", "item", "total_wan", "general_budget_wan",
            "source_line")  # fmt: skip
    got = [tuple(r[k] for k in keys) for r in _query_rows(copy, "procurement_items")]
    assert got == [(*r[:4], Decimal(r[4]), Decimal(r[5]), r[6]) for r in rows]
    assert _query_rows(seed_db, "procurement_items") == []


# --- the reconciliation's results (queries/check_results.sql, project_checks.sql,
# check_status_counts.sql) -------------------------------------------------------------------


def _findings(project: str | None = None) -> list[tuple]:
    """Every check that is not ok, as judged by hand (findings.csv: kind, subject, status,
    lines), those of ``project``'s cost and 实施期/年度 checks only when it is given."""
    return [
        (f["check_kind"], f["subject"], f["status"], f["lines"])
        for f in read_fixture("findings.csv")
        if project is None
        or (
            f["subject"].startswith(project)
            and f["check_kind"] in ("cost_indicator", "period_consistency")
        )
    ]


def test_check_results_are_the_documents_checks_with_their_figures(
    seed_db: Path, tmp_path: Path
) -> None:
    """The checks that are not ok are those found by hand (findings.csv), once each also with a
    second document in the database; two with their figures worked out by hand: the 支出总表's
    20805 行政事业单位养老支出 228.22 (l.213) against its 项 36.86 + 106.48 + 84.89 = 228.23
    (l.214–216), a difference of 0.01 within the 0.03 allowed for three 项 (rounding); its 合计
    4,266.91 (l.200) against its 类 205.35 + 3,686.33 + 228.22 + 66.19 + 80.83 = 4,266.92."""
    keys = ("check_kind", "subject", "status", "source_lines")
    figures = ("expected_value", "actual_value", "difference_value", "tolerance_value")
    for path in (seed_db, _with_other(seed_db, tmp_path, "check_result")):
        rows = _query_rows(path, "check_results")
        assert sorted(tuple(r[k] for k in keys) for r in rows if r["status"] != "ok") == sorted(
            _findings()
        )
        by_subject = {r["subject"]: r for r in rows}
        pension = by_subject["expenditure_total 20805 行政事业单位养老支出 total_wan = Σ 下级科目"]
        assert (pension["status"], *(pension[k] for k in figures)) == (
            "rounding", Decimal("228.22"), Decimal("228.23"), Decimal("0.01"), Decimal("0.03"),
        )  # fmt: skip
        total = by_subject["expenditure_total 合计 total_wan = Σ 类"]
        assert (total["status"], *(total[k] for k in figures[:3])) == (
            "rounding", Decimal("4266.91"), Decimal("4266.92"), Decimal("0.01"),
        )  # fmt: skip
        assert [r["seq"] for r in rows] == sorted(r["seq"] for r in rows)


def test_project_checks_are_one_tables_cost_and_period_checks(
    seed_db: Path, tmp_path: Path
) -> None:
    """科技学术报告厅维修修缮: the checks that are not ok come first and are those found by hand
    (findings.csv; NOTES.md item 27); its 实施期 成本指标 ≤30万元 (l.889) against 实施期资金总额
    200,000 元 = 20 万元 (l.870): expected 20, actual 30, difference 10, a mismatch; its 年度
    成本指标 ≤20万元 against the 项目支出预算表's 20.00 (l.445): ok. Once each with a second
    document in the database; no other project's checks, no other kind of check."""
    project = "科技学术报告厅维修修缮"
    keys = ("check_kind", "subject", "status", "source_lines")
    figures = ("expected_value", "actual_value", "difference_value", "status")
    for path in (seed_db, _with_other(seed_db, tmp_path, "check_result")):
        rows = _query_rows(path, "project_checks", project=project)
        not_ok = [tuple(r[k] for k in keys) for r in rows if r["status"] != "ok"]
        assert sorted(not_ok) == sorted(_findings(project))
        assert [r["status"] != "ok" for r in rows] == [True] * len(not_ok) + [False] * (
            len(rows) - len(not_ok)
        )
        assert {r["check_kind"] for r in rows} == {"cost_indicator", "period_consistency"}
        assert all(r["subject"].startswith(project) for r in rows)
        by_subject = {r["subject"]: r for r in rows}
        period = by_subject[f"{project} 实施期: Σ 成本指标 vs 实施期资金总额"]
        year = by_subject[f"{project} 年度: Σ 成本指标 vs 项目支出预算表"]
        assert tuple(period[k] for k in figures) == (
            Decimal("20"), Decimal("30"), Decimal("10"), "mismatch",
        )  # fmt: skip
        assert tuple(year[k] for k in figures) == (
            Decimal("20"), Decimal("20"), Decimal("0"), "ok",
        )  # fmt: skip


def test_check_status_counts_count_the_documents_checks(seed_db: Path, tmp_path: Path) -> None:
    """The counts of the statuses other than ok are those of the hand judgement (findings.csv:
    14 mismatch, 39 rounding, 11 unjudged), with or without a second document in the database."""
    hand: dict[str, int] = {}
    for _, _, status, _ in _findings():
        hand[status] = hand.get(status, 0) + 1
    assert hand == {"mismatch": 14, "rounding": 39, "unjudged": 11}
    for path in (seed_db, _with_other(seed_db, tmp_path, "check_result")):
        rows = _query_rows(path, "check_status_counts")
        assert [r["status"] for r in rows] == ["mismatch", "ok", "rounding", "unjudged"]
        assert {r["status"]: r["checks_n"] for r in rows if r["status"] != "ok"} == hand


# --- the search across documents (queries/search_all.sql) -------------------------------------


def _search(path: Path, pattern: str) -> list[tuple]:
    rows = _query_rows(path, "search_all", None, pattern=pattern)
    keys = ("kind", "label", "project", "amount_wan", "source_line")
    return [tuple(r[k] for k in keys) for r in rows]


# 住房 in the 支出总表 (l.224–226: 221 住房保障支出, 22102 住房改革支出, 2210201 住房公积金, 80.83
# each), not in the 收入总表 (l.188–190) nor the 一般公共预算支出表 (l.305–307); then the figures
# the narrative states (l.480: 财政拨款支出 住房保障支出 80.83 万元; l.491: 一般公共预算当年支出
# 住房保障支出 80.83 万元, 占 1.90%, a share with no amount)
HOUSING_FUNCTIONS = [
    ("function", "住房保障支出", None, Decimal("80.83"), 224),
    ("function", "住房改革支出", None, Decimal("80.83"), 225),
    ("function", "住房公积金", None, Decimal("80.83"), 226),
]
HOUSING_FIGURES = [
    ("figure", "财政拨款支出（按功能分类）：住房保障支出", None, Decimal("80.83"), 480),
    ("figure", "一般公共预算当年支出（按功能分类）：住房保障支出", None, Decimal("80.83"), 491),
    ("figure", "一般公共预算当年支出（按功能分类）：住房保障支出占比", None, None, 491),
]


def test_search_finds_functions_of_the_shown_table_and_stated_figures(seed_db: Path) -> None:
    assert _search(seed_db, "%住房%") == HOUSING_FUNCTIONS + HOUSING_FIGURES


def test_search_finds_projects_and_annual_indicators(seed_db: Path) -> None:
    """人才: the project 人才专项资金 (1.40, l.444), then the 年度 indicators whose name holds the
    word (部门整体 l.571, l.581; 人才专项资金 l.919, l.921, l.922, l.925, l.928), once each (the
    table's 实施期 repeats them); no glossary term, figure or 科目 holds it."""
    assert _search(seed_db, "%人才%") == [
        ("project", "人才专项资金", "人才专项资金", Decimal("1.40"), 444),
        ("indicator", "研发人才增长率", "部门整体", None, 571),
        ("indicator", "提高科技产业人才培养", "部门整体", None, 581),
        ("indicator", "引进高层次人才数量", "人才专项资金", None, 919),
        ("indicator", "高层次人才补助发放时间", "人才专项资金", None, 921),
        ("indicator", "高层次人才补助金额", "人才专项资金", None, 922),
        ("indicator", "吸引高层次人才落户", "人才专项资金", None, 925),
        ("indicator", "高层次人才满意度", "人才专项资金", None, 928),
    ]


def test_search_finds_procurement_items(seed_db: Path, tmp_path: Path) -> None:
    """On a copy with the 政府采购预算表 made for the case (PROCUREMENT): its item 台式计算机
    (120.00, l.902) and neither its 合计 nor its category row."""
    copy = _copy(seed_db, tmp_path, *_procurement_statements())
    assert _search(copy, "%计算机%") == [
        ("procurement", "台式计算机", None, Decimal("120.00"), 902)
    ]


def test_search_reads_the_function_table_the_page_shows(seed_db: Path, tmp_path: Path) -> None:
    """On copies: a 支出总表 of 类 rows only is still the table searched (221 at l.224 alone);
    one of its 合计 row only gives way to the 一般公共预算支出表 (l.305–307); relabelled as the
    政府性基金支出表's, with no 一般公共预算支出表, no 科目 is found."""
    classes = _copy(
        seed_db,
        tmp_path / "classes",
        "delete from expenditure_function where document = ? and level >= 2 "
        "and table_key = 'expenditure_total'",
    )
    assert _search(classes, "%住房%") == HOUSING_FUNCTIONS[:1] + HOUSING_FIGURES
    total_only = _copy(
        seed_db,
        tmp_path / "total",
        "delete from expenditure_function where document = ? and level >= 1 "
        "and table_key = 'expenditure_total'",
    )
    general = [(*r[:4], line) for r, line in zip(HOUSING_FUNCTIONS, (305, 306, 307), strict=True)]
    assert _search(total_only, "%住房%") == general + HOUSING_FIGURES
    none = _copy(
        seed_db,
        tmp_path / "none",
        "delete from expenditure_function where document = ? "
        "and table_key = 'general_budget_expenditure'",
        "update expenditure_function set table_key = 'gov_fund_expenditure' "
        "where document = ? and table_key = 'expenditure_total'",
    )
    assert _search(none, "%住房%") == HOUSING_FIGURES


# --- every document's 类 (queries/catalogue_classes.sql) ---------------------------------------


def _classes(path: Path) -> list[tuple]:
    rows = _query_rows(path, "catalogue_classes", None)
    keys = ("code", "name", "published_name", "total_wan", "source_line")
    return [tuple(r[k] for k in keys) for r in rows if r["document"] == DOCUMENT]


def test_catalogue_classes_are_the_all_funds_class_rows(seed_db: Path, tmp_path: Path) -> None:
    """The 支出总表's 类 rows (function_tables.csv, l.201–224); the 收支总表's 支出 rows stay out
    even when they are marked 功能分类 (a copy), since the document has the table."""
    hand = [
        (r["code"], r["name"], r["name"], Decimal(r["total"]), int(r["line"]))
        for r in read_fixture("function_tables.csv")
        if r["table"] == "expenditure_total" and len(r["code"]) == 3
    ]
    # l.204: 206 科学技术支出 3,686.33
    assert hand[1] == ("206", "科学技术支出", "科学技术支出", Decimal("3686.33"), 204)
    assert len(hand) == 5
    assert _classes(seed_db) == hand
    marked = _copy(
        seed_db,
        tmp_path,
        "update summary_item set column_group = '功能分类' where document = ? and side = '支出'",
    )
    assert _classes(marked) == hand


def test_catalogue_classes_by_name_from_the_summary(seed_db: Path, tmp_path: Path) -> None:
    """On a copy the document has no 支出总表 and its 收支总表's 支出 side is marked 功能分类 with
    one amount column (as Jiangsu prints it): the 类 are those rows whose name is a national 类,
    coded from the list (l.120–139: 201 205.35, 206 3,686.33, 208 228.22, 210 66.19, 221
    80.83), never 本年支出合计 or 支出总计, nor the 财政拨款收支总表's rows, nor a row of another
    group or of the 收入 side bearing a 类 name (added to the copy)."""
    copy = _copy(
        seed_db,
        tmp_path,
        "delete from expenditure_function where document = ? and table_key = 'expenditure_total'",
        "delete from summary_item where document = ? and column_key in ('current_year', "
        "'carried_over')",
        "update summary_item set column_key = 'amount', column_group = '功能分类' "
        "where document = ? and side = '支出'",
        "insert into summary_item select * replace ('收入' as side, 100 as seq) from summary_item "
        "where document = ? and table_key = 'income_expense_summary' and source_line = 125 "
        "and side = '支出'",
        "insert into summary_item select * replace ('支出用途' as column_group, 101 as seq) "
        "from summary_item where document = ? and table_key = 'income_expense_summary' "
        "and source_line = 125 and side = '支出'",
    )
    assert _classes(copy) == [
        ("201", "一般公共服务支出", "一、一般公共服务支出", Decimal("205.35"), 120),
        ("206", "科学技术支出", "六、科学技术支出", Decimal("3686.33"), 125),
        ("208", "社会保障和就业支出", "八、社会保障和就业支出", Decimal("228.22"), 127),
        ("210", "卫生健康支出", "十、卫生健康支出", Decimal("66.19"), 129),
        ("221", "住房保障支出", "二十、住房保障支出", Decimal("80.83"), 139),
    ]


# --- a 决算's reasons beside the 预算 (queries/execution_reasons.sql) ---------------------------

FINAL = "晋城市科学技术局-2024-决算-部门"


def _reasons(path: Path, document: str) -> list[tuple]:
    keys = ("code", "budget_wan", "year_start_budget_wan", "full_year_budget_wan", "actual_wan",
            "difference_wan", "source_line")  # fmt: skip
    return [tuple(r[k] for k in keys) for r in _query_rows(path, "execution_reasons", document)]


def test_execution_reasons_put_the_budget_beside_what_the_final_says(
    seed_db: Path, tmp_path: Path
) -> None:
    """The seed is a 预算. On a copy a 决算 of the same department and year is added with two
    notes made for the case: 2010150 事业运行, 年初预算 200.00, 支出决算 190.00 (no 全年预算: the
    difference is from the 年初, −10.00); 2060199 其他科学技术管理事务支出, 年初 3,100.00, 全年
    3,300.00, 支出决算 3,250.00 (−50.00 from the 全年), listed first (the larger difference). Beside
    each, the 预算's 支出总表 figure as read by hand (l.203: 205.35; l.207: 3,187.33), never the
    一般公共预算支出表's (changed to 999.99 in the copy for 2010150). The same rows whichever
    document of the pair is asked for."""
    notes = [
        (1, "2010150", "一般公共服务支出", "人大事务", "事业运行", "200.00", "null", "190.00", 30),
        (2, "2060199", "科学技术支出", "科学技术管理事务", "其他科学技术管理事务支出", "3100.00",
         "3300.00", "3250.00", 31),
    ]  # fmt: skip
    copy = _copy(
        seed_db,
        tmp_path,
        f"insert into document select * replace ('{FINAL}' as document, '决算' as kind) "
        "from document where document = ?",
        *(
            "insert into execution_note (department, year, document, document_id, seq, code, "
            "class_name, kuan_name, item_name, year_start_budget_wan, full_year_budget_wan, "
            f"actual_wan, source_line) select department, year, '{FINAL}', document_id, {seq}, "
            f"'{code}', '{c}', '{k}', '{i}', {start}, {full}, {actual}, {line} from document "
            "where document = ?"
            for seq, code, c, k, i, start, full, actual, line in notes
        ),
        "update expenditure_function set total_wan = 999.99 where document = ? "
        "and table_key = 'general_budget_expenditure' and code = '2010150'",
    )
    expected = [
        ("2060199", Decimal("3187.33"), Decimal("3100.00"), Decimal("3300.00"),
         Decimal("3250.00"), Decimal("-50.00"), 31),
        ("2010150", Decimal("205.35"), Decimal("200.00"), None, Decimal("190.00"),
         Decimal("-10.00"), 30),
    ]  # fmt: skip
    hand = {(r["table"], r["code"]): r["total"] for r in read_fixture("function_tables.csv")}
    assert hand["expenditure_total", "2010150"] == "205.35"
    assert hand["expenditure_total", "2060199"] == "3187.33"
    assert _reasons(copy, DOCUMENT) == expected
    assert _reasons(copy, FINAL) == expected
    assert _reasons(seed_db, DOCUMENT) == []


def test_search_finds_no_total_row_as_a_function(seed_db: Path) -> None:
    """合计 names the 支出总表's total row (l.200, 4,266.91), which is no 科目: no hit (nor does
    any project, item, figure label, indicator or glossary term of the seed hold the word)."""
    assert _search(seed_db, "%合计%") == []
