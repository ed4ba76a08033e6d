"""The text readers ingest.py calls (budgetlens/tables.py, narrative.py, performance.py, source.py,
prior_year.py), called directly: on the seed's text (data/raw/jincheng-kejiju-2024.txt, the same
file as /work/shared/source/000_386758d175c277b3.txt) against the values typed by hand in
tests/fixtures/jincheng-kejiju-2024/ or read from the line cited, and on text made for each case
(expected values worked out by hand from the lines the test writes).

Fast (no ingest, no database): the mutation scope of these modules (tools/mutate_py.py).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from budgetlens import tables
from budgetlens.errors import IngestError
from budgetlens.source import SourceText
from tests.conftest import SEED, read_fixture

D = Decimal


def made(*lines: str) -> SourceText:
    """A text of the given lines (line 1 first)."""
    return SourceText("made.txt", list(lines), "0" * 64)


def dec(text: str) -> Decimal | None:
    return Decimal(text.replace(",", "")) if text.strip() else None


def same(v) -> Decimal | None:
    return None if v is None else Decimal(v).normalize()


@pytest.fixture(scope="module")
def seed() -> SourceText:
    return SourceText.read(SEED)


@pytest.fixture(scope="module")
def seed_tables(seed) -> dict[str, tables.FoundTable]:
    return {t.spec.key: t for t in tables.locate_tables(seed)}


# --- tables.py: the seed ---------------------------------------------------------------------

# the seed's table titles (lines 112–448; the table of contents, lines 13–25, is not a table)
SEED_TITLES = {
    "income_expense_summary": 112,
    "revenue_function": 155,
    "expenditure_total": 192,
    "fiscal_summary": 228,
    "general_budget_expenditure": 275,
    "basic_economic": 309,
    "gov_fund_revenue": 357,
    "gov_fund_expenditure": 369,
    "state_capital": 382,
    "three_public": 397,
    "admin_operating": 414,
    "project_current": 425,
    "project_carried": 448,
}


def test_seed_tables_are_found_by_title_with_their_bodies(seed_tables):
    assert {k: t.title_line for k, t in seed_tables.items()} == SEED_TITLES
    order = sorted(SEED_TITLES.values())
    for t in seed_tables.values():
        # a body ends on the line before the next title; the last before 第三部分 (line 462)
        nxt = [n for n in order if n > t.title_line]
        assert t.end_line == (nxt[0] - 1 if nxt else 461)
        assert t.year == 2024
        assert t.department == "晋城市科学技术局"  # 部门名称：晋城市科学技术局 under each title
        assert t.amount_unit == "万元"  # 单位：万元 under each title
        assert t.scale == 1
    assert seed_tables["basic_economic"].department_line == 311
    assert seed_tables["basic_economic"].title == (
        "2024年一般公共预算安排基本支出分经济科目表（不含上年结转）"
    )
    empty = {(int(r["line"]), r["title"]) for r in read_fixture("empty_tables.csv")}
    assert {(t.title_line, t.title) for t in seed_tables.values() if t.empty_note} == empty


def test_seed_body_rows_skip_markers_dashes_and_blank_lines(seed_tables):
    # lines 309–356: title, 部门名称 (311), 单位 (313), the two header rows (315–316), the rows
    # of 合计 … 公务员医疗补助缴费 (317–…), and a row of dashes (355) that is not kept
    t = seed_tables["basic_economic"]
    lines = [r.line for r in t.rows]
    assert lines[:3] == [315, 316, 317]
    assert 355 not in lines and 311 not in lines and 313 not in lines
    assert t.rows[2].cells[:3] == ["合计", "", "1120.79"]
    # 部门公开表9 (line 380) closes the body of 政府性基金预算支出表 without being a row
    assert 380 not in [r.line for r in seed_tables["gov_fund_expenditure"].rows]


@pytest.mark.parametrize("key", ["expenditure_total", "general_budget_expenditure"])
def test_seed_function_tables_match_hand_read_values(seed, seed_tables, key):
    expected = {
        (
            int(r["line"]),
            r["code"] or None,
            r["name"],
            *(same(dec(r[c])) for c in ("total", "basic", "project")),
        )
        for r in read_fixture("function_tables.csv")
        if r["table"] == key
    }
    got = tables.read_function_table(seed, seed_tables[key])
    assert {r["table_key"] for r in got} == {key}
    assert {
        (
            r["source_line"],
            r["code"],
            r["name"],
            *(same(r.get(c)) for c in ("total", "basic", "project")),
        )
        for r in got
    } == expected
    assert len(got) == len(expected)
    # levels from the code's length: 合计 0, 类 (3 digits) 1, 款 (5) 2, 项 (7) 3
    assert {
        (r["code"], r["level"]) for r in got if r["code"] in (None, "201", "20101", "2010150")
    } == {
        (None, 0),
        ("201", 1),
        ("20101", 2),
        ("2010150", 3),
    }


REVENUE_COLUMNS = (
    "total",
    "general_budget",
    "gov_fund",
    "state_capital",
    "special_account",
    "unit_funds",
    "carried_over",
)


def test_seed_revenue_table_matches_hand_read_values(seed, seed_tables):
    expected = {
        (int(r["line"]), r["code"] or None, r["name"], *(same(dec(r[c])) for c in REVENUE_COLUMNS))
        for r in read_fixture("revenue_by_function.csv")
    }
    got = tables.read_function_table(seed, seed_tables["revenue_function"])
    assert {
        (r["source_line"], r["code"], r["name"], *(same(r.get(c)) for c in REVENUE_COLUMNS))
        for r in got
    } == expected
    assert len(got) == len(expected)


def test_seed_summary_tables_match_hand_read_values(seed, seed_tables):
    expected = sorted(
        (r["table"], int(r["line"]), r["side"], r["item"], r["column"], same(dec(r["amount"])))
        for r in read_fixture("summary_rows.csv")
    )
    got = []
    for key in ("income_expense_summary", "fiscal_summary"):
        got += [
            (key, r["source_line"], r["side"], r["label"], r["column_key"], same(r["amount_wan"]))
            for r in tables.read_summary_table(seed, seed_tables[key])
        ]
    assert sorted(got) == expected


def test_seed_summary_items_lose_their_ordinals_and_carry_overs_their_sources(seed, seed_tables):
    got = tables.read_summary_table(seed, seed_tables["fiscal_summary"])
    # line 269 上年财政拨款结转 2.62, line 270 一、一般公共预算 2.62 under it (its source)
    line270 = [r for r in got if r["source_line"] == 270 and r["side"] == "收入"]
    assert [(r["item"], r["parent_item"]) for r in line270] == [
        ("一般公共预算", "上年财政拨款结转")
    ]
    line237 = [r for r in got if r["source_line"] == 237 and r["side"] == "收入"]
    assert [(r["item"], r["parent_item"]) for r in line237] == [("一般公共预算", None)]
    # every 收入 label is numbered in order, with an amount or not (lines 237–239 一、二、三,
    # 268 本年收入合计, 269–272 上年财政拨款结转 and its three sources, 273 收入总计); only those
    # with an amount give a row
    assert [(r["source_line"], r["seq"]) for r in got if r["side"] == "收入"] == [
        (237, 1),
        (268, 4),
        (269, 5),
        (270, 6),
        (273, 9),
    ]


def test_seed_economic_table_matches_hand_read_values(seed, seed_tables):
    expected = {
        (
            int(r["line"]),
            r["row_kind"],
            r["group"] or None,
            None if r["row_kind"] == "total" else r["dept_class"],
            r["gov_class"] or None,
            *(same(dec(r[c])) for c in ("total", "personnel", "public")),
        )
        for r in read_fixture("economic.csv")
    }
    got = tables.read_economic_table(seed, seed_tables["basic_economic"])
    assert {
        (
            r["source_line"],
            r["row_kind"],
            r["group_name"],
            r["dept_class"],
            r["gov_class"],
            *(same(r[c]) for c in ("total", "personnel", "public")),
        )
        for r in got
    } == expected
    assert len(got) == len(expected)


def test_seed_admin_operating_matches_hand_read_values(seed, seed_tables):
    cols = ("total", "general_budget", "gov_fund", "state_capital")
    expected = [
        (int(r["line"]), r["unit"], *(same(dec(r[c])) for c in cols))
        for r in read_fixture("admin_operating.csv")
    ]
    got = tables.read_fiscal_items(seed, seed_tables["admin_operating"])
    assert [(r["source_line"], r["label"], *(same(r[c]) for c in cols)) for r in got] == expected
    # the 三公 table (lines 397–412) prints labels and no amounts: rows without figures
    three = tables.read_fiscal_items(seed, seed_tables["three_public"])
    assert three == []


def test_seed_project_tables_and_unit_hierarchy_match_hand_read_values(seed, seed_tables):
    expected = {
        (
            int(r["line"]),
            r["carried_over"] == "true",
            r["row_kind"],
            r["unit"] or None,
            r["project"] if r["row_kind"] == "project" else None,
            same(dec(r["total"])),
            same(dec(r["general_budget"])),
        )
        for r in read_fixture("projects.csv")
    }
    got = set()
    for key in ("project_current", "project_carried"):
        t = seed_tables[key]
        for r in tables.read_project_table(seed, t):
            got.add(
                (
                    r["source_line"],
                    t.spec.carried_over,
                    r["row_kind"],
                    r["unit"],
                    r["project"],
                    same(r["total"]),
                    same(r["general_budget"]),
                )
            )
    assert got == expected


# --- tables.py: text made for the case --------------------------------------------------------


def _table(src: SourceText, key: str) -> tables.FoundTable:
    return next(t for t in tables.locate_tables(src) if t.spec.key == key)


def test_a_table_of_contents_line_is_no_title():
    assert tables.is_toc_line("表一2024年预算收支总表.....\t5")
    assert tables.is_toc_line("表一2024年预算收支总表…5")
    assert tables.is_toc_line("2024年预算收支总表\t5")
    assert tables.is_toc_line("2024年预算收支总表\t12  ")
    assert not tables.is_toc_line("2024年预算收支总表")
    assert not tables.is_toc_line("2024年预算收支总表 5")  # a space, not a tab, before the 5
    assert not tables.is_toc_line("2024年预算收支总表..")
    assert tables.match_title("表一2024年预算收支总表.....\t5") is None
    spec, year = tables.match_title("表一2024年预算收支总表")
    assert (spec.key, year) == ("income_expense_summary", 2024)
    # 财政拨款收支总表 holds 收支总表 but is the other table (title_none of the first)
    assert tables.match_title("2023年财政拨款收支总表")[0].key == "fiscal_summary"
    assert tables.match_title("２０２３年预算支出总表")[1] == 2023  # full-width digits (NFKC)
    assert tables.match_title("2024年部门预算情况说明") is None  # no 表
    assert tables.match_title("2024年某某明细表") is None  # a 表 of no spec


def test_a_table_title_printed_twice_is_refused():
    src = made(
        "2024年预算支出总表", "科目编码\t科目名称\t合计", "合计\t\t1.00", "2024年预算支出总表"
    )
    with pytest.raises(IngestError) as e:
        tables.locate_tables(src)
    assert e.value.line == 4


def test_tables_end_at_the_next_title_or_the_narrative():
    src = made(
        "2024年预算支出总表",  # 1
        "部门名称:某局",  # 2 (an ASCII colon)
        "单位：元",  # 3
        "科目编码\t科目名称\t合计\t基本支出\t项目支出",  # 4
        "合计\t\t30000.00\t10000.00\t20000.00",  # 5
        "2024年财政拨款安排机关运行经费预算表",  # 6
        "单位：千元",  # 7
        "单位名称\t合计",  # 8
        "部门合计\t25.5",  # 9
        "第三部分 说明",  # 10
        "2024年预算收入总表",  # 11: after 第三部分, not read
    )
    found = tables.locate_tables(src)
    assert [(t.spec.key, t.title_line, t.end_line) for t in found] == [
        ("expenditure_total", 1, 5),
        ("admin_operating", 6, 9),
    ]
    exp, admin = found
    assert (exp.department, exp.department_line, exp.amount_unit) == ("某局", 2, "元")
    assert exp.scale == 10000 and admin.scale == 10
    assert admin.department is None and admin.department_line is None
    # 30000 元 = 3 万元, 10000 元 = 1 万元, 20000 元 = 2 万元 (÷ 10,000)
    (row,) = tables.read_function_table(src, exp)
    assert (row["total"], row["basic"], row["project"]) == (D(3), D(1), D(2))
    # 25.5 千元 = 2.55 万元 (÷ 10)
    (item,) = tables.read_fiscal_items(src, admin)
    assert (item["label"], item["total"], item["source_line"]) == ("部门合计", D("2.55"), 9)


def test_a_body_stops_at_the_narrative_heading_and_a_table_without_unit_is_in_wan():
    src = made(
        "2024年预算支出总表",  # 1
        "科目编码\t科目名称\t合计",  # 2
        "合计\t\t5.00",  # 3
        "本表无数据（说明）",  # 4
        "第三部分 说明",  # 5
        "201\t一般公共服务支出\t9.00",  # 6
    )
    (t,) = tables.locate_tables(src)
    assert t.end_line == 4 and t.empty_note and t.amount_unit is None and t.scale == 1
    # _read_body itself stops at a 第三部分 line inside the range it is given
    t.end_line, t.rows = 6, []
    tables._read_body(src, t)
    assert [r.line for r in t.rows] == [2, 3]


def test_split_codes_and_codes_continued_from_the_last_class():
    src = made(
        "2024年一般公共预算支出预算表",  # 1
        "科目编码\t\t\t科目名称\t合计\t基本支出\t项目支出",  # 2
        "合计\t\t6.00\t2.00\t4.00",  # 3: 合计 then the name cell, amounts from cell 2
        "201\t01\t50\t事业运行\t6.00\t2.00\t4.00",  # 4: 类 | 款 | 项 in three cells
        "201\t一般公共服务支出\t2.25",  # 5: a 类 alone: the 类 of the rows below
        "201\t02\t行政运行\t1.50",  # 6: 类 | 款
        "02\t99\t其他\t0.50",  # 7: 款 | 项, the 类 (201) left blank
        "03\t某款\t0.25",  # 8: 款 alone
        "2011\t\t\t",  # 9: a 4-digit cell is no code
    )
    with pytest.raises(IngestError) as e:
        tables.read_function_table(src, _table(src, "general_budget_expenditure"))
    assert e.value.line == 9
    src.lines[8] = "\t\t\t"  # an empty row is skipped
    got = tables.read_function_table(src, _table(src, "general_budget_expenditure"))
    assert [(r["code"], r["name"], r["level"], r["total"], r["source_line"]) for r in got] == [
        (None, "合计", 0, D(6), 3),
        ("2010150", "事业运行", 3, D(6), 4),
        ("201", "一般公共服务支出", 1, D("2.25"), 5),
        ("20102", "行政运行", 2, D("1.5"), 6),
        ("2010299", "其他", 3, D("0.5"), 7),
        ("20103", "某款", 2, D("0.25"), 8),
    ]
    assert (got[1]["basic"], got[1]["project"]) == (D(2), D(4))
    assert (got[3]["basic"], got[3]["project"]) == (None, None)
    # a 款 | 项 row before any 类 alone has no 类 to continue
    src.lines[4] = "209\t01\t某项\t2.25"
    with pytest.raises(IngestError) as e:
        tables.read_function_table(src, _table(src, "general_budget_expenditure"))
    assert e.value.line == 7


def test_a_code_cell_alone_and_a_code_row_without_name():
    src = made(
        "2024年预算支出总表",
        "科目编码\t科目名称\t合计",
        "总计\t\t3.00",  # 3: 总计 is a total label too
        "205",  # 4: a code with nothing after it
        "20501\t教育管理事务\t3.00",  # 5
    )
    got = tables.read_function_table(src, _table(src, "expenditure_total"))
    assert [(r["code"], r["name"], r["total"]) for r in got] == [
        (None, "合计", D(3)),
        ("205", "", None),
        ("20501", "教育管理事务", D(3)),
    ]


def test_a_continued_code_without_a_class_before_is_refused():
    src = made("2024年预算支出总表", "科目编码\t科目名称\t合计", "合计\t\t3.00", "01\t某款\t3.00")
    with pytest.raises(IngestError) as e:
        tables.read_function_table(src, _table(src, "expenditure_total"))
    assert e.value.line == 4


def test_a_function_table_without_a_total_row_or_with_too_many_amounts_is_refused():
    src = made("2024年预算支出总表", "科目编码\t科目名称\t合计", "201\t某类\t3.00")
    with pytest.raises(IngestError) as e:
        tables.read_function_table(src, _table(src, "expenditure_total"))
    assert e.value.line == 3
    src = made("2024年预算支出总表", "科目编码\t科目名称\t合计", "合计\t\t3.00\t4.00")
    with pytest.raises(IngestError) as e:
        tables.read_function_table(src, _table(src, "expenditure_total"))
    assert (e.value.line, e.value.found) == (3, "4.00")
    # a header without 合计 (required) names its first line
    src = made("2024年预算支出总表", "科目编码\t科目名称\t基本支出", "合计\t\t3.00")
    with pytest.raises(IngestError) as e:
        tables.read_function_table(src, _table(src, "expenditure_total"))
    assert e.value.line == 2
    # no header at all: the title's line
    src = made("2024年预算支出总表", "合计\t\t3.00")
    with pytest.raises(IngestError) as e:
        tables.read_function_table(src, _table(src, "expenditure_total"))
    assert (e.value.line, e.value.found) == (1, "no header")


def test_a_header_with_the_year_before_its_column_names():
    # "2024年合计" and "2024基本支出" announce 合计 and 基本支出; 项目支出 is not announced, so a
    # third amount has no column
    src = made(
        "2024年预算支出总表",
        "科目编码\t科目名称\t2024年合计\t2024基本支出",
        "合计\t\t3.00\t1.00",
    )
    (row,) = tables.read_function_table(src, _table(src, "expenditure_total"))
    assert (row["total"], row["basic"]) == (D(3), D(1)) and "project" not in row


def test_the_two_sided_state_capital_table():
    src = made(
        "2024年国有资本经营预算收支预算表",  # 1
        "项目\t\t国有资本经营收入预算\t科目编码\t科目名称\t合计\t基本支出\t项目支出",  # 2
        "合计\t\t7.00\t合计\t\t7.00\t3.00\t4.00",  # 3
        "223\t国有资本经营预算收入\t7.00\t208\t社会保障\t7.00\t3.00\t4.00",  # 4
        "\t\t\t20801\t人社管理\t7.00\t3.00\t4.00",  # 5: the expenditure side only
    )
    got = tables.read_function_table(src, _table(src, "state_capital"))
    assert [
        (r["table_key"], r["code"], r["name"], r.get("total"), r.get("basic"), r["source_line"])
        for r in got
    ] == [
        ("state_capital_revenue", None, "合计", D(7), None, 3),
        ("state_capital_expenditure", None, "合计", D(7), D(3), 3),
        ("state_capital_revenue", "223", "国有资本经营预算收入", D(7), None, 4),
        ("state_capital_expenditure", "208", "社会保障", D(7), D(3), 4),
        ("state_capital_expenditure", "20801", "人社管理", D(7), D(3), 5),
    ]
    assert got[0].keys() >= {"total"} and "basic" not in got[0]
    assert got[4]["project"] == D(4) and got[4]["level"] == 2


def test_segments_split_a_row_at_each_code_or_total():
    cells = ["x", "201", "a", "1", "合计", "2", "2010101"]
    assert tables._segments(cells) == [(1, ["201", "a", "1"]), (4, ["合计", "2"]), (6, ["2010101"])]
    assert tables._segments(["a", "1"]) == [(0, ["a", "1"])]
    assert tables._segments(["2011", "1"]) == [(0, ["2011", "1"])]  # 4 digits: no code


def test_the_economic_table_groups_items_and_refuses_what_is_neither():
    src = made(
        "2024年一般公共预算安排基本支出分经济科目表",  # 1
        "部门预算支出经济科目名称\t政府预算支出经济科目名称\t合计\t人员经费\t公用经费",  # 2
        "部门合计\t\t10.00\t6.00\t4.00",  # 3
        "对个人和家庭的补助\t\t6.00\t6.00",  # 4: a group by its ending 补助
        "退休费\t离退休费\t6.00\t6.00",  # 5
        "其他商品和服务支出\t\t4.00\t\t4.00",  # 6: a group by its ending 支出
        "办公费\t商品和服务支出\t4.00\t\t4.00",  # 7
    )
    t = _table(src, "basic_economic")
    got = tables.read_economic_table(src, t)
    assert [
        (
            r["row_kind"],
            r["group_name"],
            r["dept_class"],
            r["gov_class"],
            r["total"],
            r["personnel"],
            r["public"],
            r["source_line"],
        )
        for r in got
    ] == [
        ("total", None, None, None, D(10), D(6), D(4), 3),
        ("group", "对个人和家庭的补助", "对个人和家庭的补助", None, D(6), D(6), None, 4),
        ("item", "对个人和家庭的补助", "退休费", "离退休费", D(6), D(6), None, 5),
        ("group", "其他商品和服务支出", "其他商品和服务支出", None, D(4), None, D(4), 6),
        ("item", "其他商品和服务支出", "办公费", "商品和服务支出", D(4), None, D(4), 7),
    ]
    src.lines[3] = "资本性费用\t\t6.00\t6.00"  # neither a group's name nor an item
    with pytest.raises(IngestError) as e:
        tables.read_economic_table(src, _table(src, "basic_economic"))
    assert e.value.line == 4
    src = made(
        "2024年一般公共预算安排基本支出分经济科目表",
        "部门预算支出经济科目名称\t政府预算支出经济科目名称\t合计",
        "工资福利支出\t\t6.00",
        "合计\t\t6.00",
    )
    with pytest.raises(IngestError) as e:
        tables.read_economic_table(src, _table(src, "basic_economic"))
    assert e.value.line == 3


def test_the_summary_table_sides_ordinals_and_carry_over_sources():
    src = made(
        "2024年预算收支总表",  # 1
        "收入\t\t支出",  # 2
        "项目\t金额\t项目\t合计\t当年预算安排\t上年结转安排",  # 3
        "一、一般公共预算\t9.00\t一、教育支出\t10.00\t9.00\t1.00",  # 4
        "上年结转\t1.00\t\t\t\t",  # 5
        "1.一般公共预算\t1.00",  # 6: a source of the 结转 above
        "本年收入合计\t9.00",  # 7: a 合计 ends the sources
        "1.其他\t2.00",  # 8: numbered, but under no 结转
        "收入总计\t10.00\t支出总计\t10.00\t9.00\t1.00",  # 9
    )
    got = tables.read_summary_table(src, _table(src, "income_expense_summary"))
    assert [
        (
            r["source_line"],
            r["side"],
            r["seq"],
            r["label"],
            r["item"],
            r["parent_item"],
            r["column_key"],
            r["amount_wan"],
        )
        for r in got
    ] == [
        (4, "收入", 1, "一、一般公共预算", "一般公共预算", None, "amount", D(9)),
        (4, "支出", 1, "一、教育支出", "教育支出", None, "total", D(10)),
        (4, "支出", 1, "一、教育支出", "教育支出", None, "current_year", D(9)),
        (4, "支出", 1, "一、教育支出", "教育支出", None, "carried_over", D(1)),
        (5, "收入", 2, "上年结转", "上年结转", None, "amount", D(1)),
        (6, "收入", 3, "1.一般公共预算", "一般公共预算", "上年结转", "amount", D(1)),
        (7, "收入", 4, "本年收入合计", "本年收入合计", None, "amount", D(9)),
        (8, "收入", 5, "1.其他", "其他", None, "amount", D(2)),
        (9, "收入", 6, "收入总计", "收入总计", None, "amount", D(10)),
        (9, "支出", 2, "支出总计", "支出总计", None, "total", D(10)),
        (9, "支出", 2, "支出总计", "支出总计", None, "current_year", D(9)),
        (9, "支出", 2, "支出总计", "支出总计", None, "carried_over", D(1)),
    ]


def test_a_summary_row_of_a_total_ends_the_carry_over_sources():
    src = made(
        "2024年预算收支总表",  # 1
        "项目\t金额\t项目\t合计",  # 2
        "上年结转\t1.00",  # 3
        "收入总计\t1.00\t支出总计\t1.00",  # 4
        "1.其他\t2.00",  # 5: after 收入总计: no source of the 结转
    )
    got = tables.read_summary_table(src, _table(src, "income_expense_summary"))
    assert [(r["source_line"], r["parent_item"]) for r in got if r["side"] == "收入"] == [
        (3, None),
        (4, None),
        (5, None),
    ]


@pytest.mark.parametrize("missing", ["收入总计", "支出总计"])
def test_a_summary_table_without_either_total_is_refused(missing):
    lines = {"收入总计": "收入总计\t1.00", "支出总计": "\t\t支出总计\t1.00"}
    src = made(
        "2024年预算收支总表",
        "项目\t金额\t项目\t合计",
        "一、一般公共预算\t1.00\t一、教育支出\t1.00",
        *(v for k, v in lines.items() if k != missing),
    )
    with pytest.raises(IngestError) as e:
        tables.read_summary_table(src, _table(src, "income_expense_summary"))
    assert e.value.line == 4 and missing in e.value.expected


def test_a_summary_header_ends_at_a_numbered_row_without_amounts():
    src = made(
        "2024年预算收支总表",
        "项目\t金额\t项目\t合计",
        "一、一般公共预算\t\t一、教育支出\t",  # numbered, no amount: data, not header
        "收入总计\t1.00\t支出总计\t1.00",
    )
    got = tables.read_summary_table(src, _table(src, "income_expense_summary"))
    assert [(r["seq"], r["item"]) for r in got if r["side"] == "收入"] == [(2, "收入总计")]


def test_fiscal_items_need_a_label():
    src = made(
        "2024年财政拨款安排“三公”经费支出预算表",
        "项目\t合计\t一般公共预算",
        "公务接待费\t1.00\t1.00",
        "\t2.00\t2.00",
    )
    with pytest.raises(IngestError) as e:
        tables.read_fiscal_items(src, _table(src, "three_public"))
    assert e.value.line == 4


def test_project_rows_are_grouped_by_unit_subtotals_in_cents():
    src = made(
        "2024年项目支出预算表",  # 1
        "项目名称\t合计\t一般公共预算\t单位资金",  # 2
        "1\t2\t3\t4",  # 3: the numbering row
        "某局\t5.00\t4.00\t1.00",  # 4: the department
        "单位甲\t3.00\t3.00",  # 5: a unit: 1.00 + 2.00 = 3.00
        "项目一\t1.00\t1.00",  # 6
        "项目二\t2.00\t2.00",  # 7
        "单位乙\t2.00\t1.00\t1.00",  # 8: 2.00
        "项目三\t2.00\t1.00\t1.00",  # 9
    )
    t = _table(src, "project_current")
    got = tables.read_project_table(src, t)
    assert [
        (r["row_kind"], r["unit"], r["project"], r["total"], r["source_line"]) for r in got
    ] == [
        ("department", None, None, D(5), 4),
        ("unit", "单位甲", None, D(3), 5),
        ("project", "单位甲", "项目一", D(1), 6),
        ("project", "单位甲", "项目二", D(2), 7),
        ("unit", "单位乙", None, D(2), 8),
        ("project", "单位乙", "项目三", D(2), 9),
    ]
    assert got[0]["general_budget"] == D(4) and got[0]["unit_funds"] == D(1)
    assert "name" not in got[0]
    # a cent off: no grouping, every row after the first a project of the department
    src.lines[6] = "项目二\t2.01\t2.01"
    got = tables.read_project_table(src, _table(src, "project_current"))
    assert [(r["row_kind"], r["unit"], r["project"]) for r in got] == [
        ("department", None, None),
        ("project", "某局", "单位甲"),
        ("project", "某局", "项目一"),
        ("project", "某局", "项目二"),
        ("project", "某局", "单位乙"),
        ("project", "某局", "项目三"),
    ]


def test_group_by_subtotals():
    rows = [{"total": D(v)} for v in ("3", "1", "2", "1", "1")]
    assert tables._group_by_subtotals(rows) == [(rows[0], rows[1:3]), (rows[3], rows[4:5])]
    # a unit followed by nothing, or by rows overshooting it
    assert tables._group_by_subtotals([{"total": D(1)}]) is None
    assert tables._group_by_subtotals([{"total": D(1)}, {"total": D(2)}]) is None
    assert tables._group_by_subtotals([]) == []


def test_project_rows_need_a_name_and_a_total():
    src = made("2024年项目支出预算表", "项目名称\t合计\t一般公共预算", "\t1.00\t1.00")
    with pytest.raises(IngestError) as e:
        tables.read_project_table(src, _table(src, "project_current"))
    assert e.value.line == 3
    src = made("2024年项目支出预算表", "项目名称\t合计\t一般公共预算", "某项目\t\t1.00")
    with pytest.raises(IngestError) as e:
        tables.read_project_table(src, _table(src, "project_current"))
    assert e.value.line == 3
    src = made("2024年项目支出预算表", "项目名称\t合计\t一般公共预算")
    assert tables.read_project_table(src, _table(src, "project_current")) == []


def test_numbering_rows():
    assert tables._is_numbering_row(tables.Row(1, ["1", "2", "3"]))
    assert tables._is_numbering_row(tables.Row(1, ["", "2", "3", "4"]))
    assert not tables._is_numbering_row(tables.Row(1, ["1", "2"]))  # two cells only
    assert not tables._is_numbering_row(tables.Row(1, ["1", "3", "4"]))
    assert not tables._is_numbering_row(tables.Row(1, ["1", "2", "x"]))
