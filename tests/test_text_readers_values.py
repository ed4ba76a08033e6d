"""The text readers ingest.py calls (budgetlens/tables.py, narrative.py, performance.py, source.py,
prior_year.py), called directly: on the seed's text (data/raw/jincheng-kejiju-2024.txt, the same
file as /work/shared/source/000_386758d175c277b3.txt) against the values typed by hand in
tests/fixtures/jincheng-kejiju-2024/ or read from the line cited, and on text made for each case
(expected values worked out by hand from the lines the test writes).

Fast (no ingest, no database): the mutation scope of these modules (tools/mutate_py.py).
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest

from budgetlens import narrative, performance, tables
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
    assert str(e.value) == (
        "made.txt:4: table 支出总表: expected one 支出总表: "
        "found 'a second table with the same title'"
    )


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
    assert str(e.value) == (
        "made.txt:9: table 2024年一般公共预算支出预算表: "
        "expected a row starting with a 科目编码 or 合计: found '2011'"
    )
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
    assert str(e.value) == (
        "made.txt:4: table 2024年预算支出总表: "
        "expected a row starting with a 科目编码 or 合计: found '01\\t某款\\t3.00'"
    )


def test_a_function_table_without_a_total_row_or_with_too_many_amounts_is_refused():
    src = made("2024年预算支出总表", "科目编码\t科目名称\t合计", "201\t某类\t3.00")
    with pytest.raises(IngestError) as e:
        tables.read_function_table(src, _table(src, "expenditure_total"))
    assert str(e.value) == "made.txt:3: table 2024年预算支出总表: expected a 合计 row: found '201'"
    src = made("2024年预算支出总表", "科目编码\t科目名称\t合计", "合计\t\t3.00\t4.00")
    with pytest.raises(IngestError) as e:
        tables.read_function_table(src, _table(src, "expenditure_total"))
    assert str(e.value) == (
        "made.txt:3: table 2024年预算支出总表: expected at most 1 amounts (total): found '4.00'"
    )
    src = made(
        "2024年预算支出总表", "科目编码\t科目名称\t合计\t基本支出", "合计\t\t3.00\t2.00\t1.00"
    )
    with pytest.raises(IngestError) as e:
        tables.read_function_table(src, _table(src, "expenditure_total"))
    assert e.value.expected == "at most 2 amounts (total, basic)"
    # a cell that is no number names its column
    src = made("2024年预算支出总表", "科目编码\t科目名称\t合计\t基本支出", "合计\t\t3.00\t二")
    with pytest.raises(IngestError) as e:
        tables.read_function_table(src, _table(src, "expenditure_total"))
    assert str(e.value) == (
        "made.txt:3: table 2024年预算支出总表: expected a number in column basic: found '二'"
    )
    # a header without 合计 (required) names its first line
    src = made("2024年预算支出总表", "科目编码\t科目名称\t基本支出", "合计\t\t3.00")
    with pytest.raises(IngestError) as e:
        tables.read_function_table(src, _table(src, "expenditure_total"))
    assert str(e.value) == (
        "made.txt:2: table 2024年预算支出总表: expected a header announcing column 合计: "
        "found '科目编码\\t科目名称\\t基本支出'"
    )
    # the first three header rows are shown, each its filled cells
    src = made("2024年预算支出总表", "甲", "乙\t\t丙", "丁", "戊", "合计\t\t3.00")
    with pytest.raises(IngestError) as e:
        tables.read_function_table(src, _table(src, "expenditure_total"))
    assert e.value.found == "甲 | 乙\t丙 | 丁"
    # no header at all: the title's line
    src = made("2024年预算支出总表", "合计\t\t3.00")
    with pytest.raises(IngestError) as e:
        tables.read_function_table(src, _table(src, "expenditure_total"))
    assert str(e.value) == (
        "made.txt:1: table 2024年预算支出总表: expected a header announcing column 合计: "
        "found 'no header'"
    )


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
    assert str(e.value) == (
        "made.txt:4: table 2024年一般公共预算安排基本支出分经济科目表: expected a group row "
        "(类 name only) or an item row (部门 and 政府经济科目): found '资本性费用\\t6.00\\t6.00'"
    )
    src = made(
        "2024年一般公共预算安排基本支出分经济科目表",
        "部门预算支出经济科目名称\t政府预算支出经济科目名称\t合计",
        "工资福利支出\t\t6.00",
        "合计\t\t6.00",
    )
    with pytest.raises(IngestError) as e:
        tables.read_economic_table(src, _table(src, "basic_economic"))
    assert str(e.value) == (
        "made.txt:3: table 2024年一般公共预算安排基本支出分经济科目表: "
        "expected the 合计 row first: found '工资福利支出'"
    )


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
    assert str(e.value) == (
        f"made.txt:4: table 2024年预算收支总表: expected a {missing} row with its amount: "
        "found 'the table ended without it (truncated?)'"
    )


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
    assert str(e.value) == (
        "made.txt:4: table 2024年财政拨款安排“三公”经费支出预算表: "
        "expected a row label (item or unit): found '2.00\\t2.00'"
    )


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
    assert str(e.value) == (
        "made.txt:3: table 2024年项目支出预算表: "
        "expected a project or unit name in the first cell: found '1.00\\t1.00'"
    )
    src = made("2024年项目支出预算表", "项目名称\t合计\t一般公共预算", "某项目\t\t1.00")
    with pytest.raises(IngestError) as e:
        tables.read_project_table(src, _table(src, "project_current"))
    assert str(e.value) == (
        "made.txt:3: table 2024年项目支出预算表: "
        "expected an amount in column 合计: found '某项目\\t1.00'"
    )
    src = made("2024年项目支出预算表", "项目名称\t合计\t一般公共预算")
    assert tables.read_project_table(src, _table(src, "project_current")) == []


def test_numbering_rows():
    assert tables._is_numbering_row(tables.Row(1, ["1", "2", "3"]))
    assert tables._is_numbering_row(tables.Row(1, ["", "2", "3", "4"]))
    assert not tables._is_numbering_row(tables.Row(1, ["1", "2"]))  # two cells only
    assert not tables._is_numbering_row(tables.Row(1, ["1", "3", "4"]))
    assert not tables._is_numbering_row(tables.Row(1, ["1", "2", "x"]))


# --- narrative.py: the seed -------------------------------------------------------------------

# 第三部分 is lines 462–2181 (第四部分 名词解释 at 2182)
PART3, PART4 = 462, 2182


@pytest.fixture(scope="module")
def seed_figures(seed) -> dict[str, dict]:
    return {f["key"]: f for f in narrative.read_key_figures(seed, PART3, PART4 - 1)}


def test_seed_sections_of_the_narrative(seed):
    got = narrative.narrative_sections(seed, PART3, PART4 - 1)
    # headings 一、… 十、 (lines 464, 468, 474, 478, 482, 497, 505, 511, 519, 523); 十 stops
    # before the first performance table's title (市级预算部门(单位)整体支出绩效目标申报表, 535)
    assert got[:3] == [("change", 464, 467), ("revenue", 468, 473), ("expenditure", 474, 477)]
    assert ("procurement", 519, 522) in got
    assert ("performance", 523, 534) in got
    # 十一、国有资产占有使用情况 (line 931) to 十二、其他说明 (945)
    assert got[-1] == ("assets", 931, 944)


def test_seed_narrative_figures_match_hand_read_values(seed_figures):
    got = Counter(
        (f["source_line"], abs(f["value"]).normalize())
        for k, f in seed_figures.items()
        if not k.startswith("dept_")
    )
    missing = []
    for r in read_fixture("key_figures.csv"):
        key = (int(r["line"]), Decimal(r["value"]).normalize())
        if got[key] > 0:
            got[key] -= 1
        else:
            missing.append((r["line"], r["description"], r["value"]))
    assert not missing


def test_seed_figures_by_key_with_unit_sign_label_and_sentence(seed_figures):
    f = seed_figures
    # line 466: 预算收入总计4,266.91万元，其中：本年收入4,264.29万元，…
    # 比上年增加1199.63万元，增长39.11%
    assert (f["revenue_total"]["value"], f["revenue_total"]["unit"]) == (D("4266.91"), "万元")
    assert f["revenue_total"]["label"] == "预算收入总计"
    assert f["revenue_total"]["source_line"] == 466
    # the sentence as matched: normalised (NFKC: ，→ , ；→ ;), up to its ；
    assert f["revenue_total"]["sentence"].startswith(
        "2024年度晋城市科学技术局预算收入总计4,266.91万元,"
    )
    assert f["revenue_total"]["sentence"].endswith("本年度预算收入总计增加;")
    assert f["revenue_current_year"]["value"] == D("4264.29")
    assert f["revenue_change"]["value"] == D("1199.63")  # 增加: positive
    assert (f["revenue_change_pct"]["value"], f["revenue_change_pct"]["unit"]) == (D("39.11"), "%")
    # line 507: “三公”经费预算0万元比2023年减少2.55万元: negative
    assert f["three_public_change"]["value"] == D("-2.55")
    assert f["three_public_change"]["source_line"] == 507
    # line 509: 公务用车运行维护费0万元,与上年相比预算数减少2.55万元
    assert f["three_public_vehicle_operation_change"]["value"] == D("-2.55")
    # line 513: 机关运行经费财政拨款预算54.87万元,比2023年预算增加0.61万元,增长1.12%
    assert f["admin_operating_change"]["value"] == D("0.61")
    assert f["admin_operating_change_pct"]["value"] == D("1.12")
    # line 470: 一般公共预算拨款收入4,264.29万元，占99.94%
    assert f["revenue_source.一般公共预算拨款收入"]["value"] == D("4264.29")
    assert f["revenue_source_share.一般公共预算拨款收入"]["value"] == D("99.94")
    assert f["revenue_source_share.一般公共预算拨款收入"]["unit"] == "%"
    assert (
        f["revenue_source_share.一般公共预算拨款收入"]["label"]
        == "收入来源：一般公共预算拨款收入占比"
    )
    assert f["revenue_source.上年结转"]["label"] == "收入来源：上年结转"
    # line 476: 基本支出1120.79万元，占26.27%
    assert f["expenditure_direction.基本支出"]["value"] == D("1120.79")
    assert f["expenditure_direction_share.基本支出"]["value"] == D("26.27")
    # line 491: …主要用于以下方面:一般公共预算服务支出205.35万元,占4.82%;科学技术支出…
    assert f["general_budget_function.一般公共预算服务支出"]["value"] == D("205.35")
    assert f["general_budget_function.科学技术支出"]["source_line"] == 491
    # line 480: 支出包括：一般公共服务支出205.35万元、… (no shares: with_share False)
    assert f["fiscal_function.一般公共服务支出"]["value"] == D("205.35")
    assert not any(k.startswith("fiscal_function_share.") for k in f)


def test_seed_other_mentions_are_labelled_by_the_words_before(seed_figures):
    # line 531 (十、绩效管理情况) states 其他运转类项目5个，涉及金额85.10万元；特定目标类项目4个，
    # 涉及金额3,058.40万元 twice: the section's patterns take the first statement, the second
    # (…其中：其他运转类项目5个，涉及项目金额85.10万元；特定目标类项目4个，
    # 涉及项目金额3,058.40万元。)
    # gives the section's mentions, each labelled by the words after the last mark before it;
    # the 9个, 3,143.50万元 (both twice) and 100% of the line are the patterns' own
    mentions = {k: f for k, f in seed_figures.items() if k.startswith("performance.mention.")}
    assert [
        (k, f["label"], f["value"], f["unit"], f["source_line"]) for k, f in mentions.items()
    ] == [
        ("performance.mention.1", "其他运转类项目", D(5), "个", 531),
        ("performance.mention.2", "涉及项目金额", D("85.10"), "万元", 531),
        ("performance.mention.3", "特定目标类项目", D(4), "个", 531),
        ("performance.mention.4", "涉及项目金额", D("3058.40"), "万元", 531),
    ]
    # a sentence runs from the last 。 or ； (not a comma) to the next
    assert (
        mentions["performance.mention.2"]["sentence"]
        == "其中:其他运转类项目5个,涉及项目金额85.10万元;"
    )
    # the section's own patterns take their figure first: 政府采购预算总额170.34万元 (line 521)
    # is no mention
    assert not any(
        f["source_line"] == 521 and f["value"] == D("170.34")
        for k, f in seed_figures.items()
        if k.startswith("procurement.mention.")
    )
    keys = sorted(
        int(k.rsplit(".", 1)[1]) for k in seed_figures if k.startswith("performance.mention.")
    )
    assert keys == list(range(1, len(keys) + 1))


def test_seed_glossary_matches_hand_read_terms(seed):
    expected = [(int(r["line"]), r["term"]) for r in read_fixture("glossary.csv")]
    got = narrative.read_glossary(seed, PART4)
    assert [(g["source_line"], g["term"]) for g in got] == expected


def test_seed_catalogue_keeps_every_entry(seed):
    summary = {r["item"]: r["value"] for r in read_fixture("catalogue_summary.csv")}
    got = narrative.read_catalogue(seed, PART3, PART4 - 1)
    level4 = [(r["code"], r["name"]) for r in got if r["level"] == 4]
    assert len(level4) == int(summary["four_level_entries"])
    assert level4[0] == (summary["first_four_level_code"], summary["first_four_level_name"])
    assert level4[-1] == (summary["last_four_level_code"], summary["last_four_level_name"])
    assert len({r["section"] for r in got}) == int(summary["department_headings"])


def test_seed_part1_duties_and_offices(seed):
    # 第一部分 lines 44–107: 一、本部门职责 (46), 二、机构设置情况 (88)
    got = narrative.read_part1(seed, 44, 107)
    duties = [r for r in got if r["section"] == "duties"]
    offices = [r for r in got if r["section"] == "organisation"]
    assert duties[0]["source_line"] == 48 and duties[0]["heading"] is None
    assert duties[0]["body"].startswith("市科学技术局贯彻落实党中央")
    # （十一） is broken over lines 68 and 70: one paragraph
    eleven = next(r for r in duties if r["body"].startswith("（十一）"))
    assert eleven["source_line"] == 70
    assert eleven["body"] == (
        "（十一）负责引进国外智力工作。拟订市重点引进外国专家总体规划、计划并"
        "组织实施，建立外国高端专家、团队吸引集聚机制和重点外国专家联系服务机制。"
        "拟订出国(境)培训总体规划、政策和年度计划并监督实施。"
    )
    assert [r["heading"] for r in offices[:3]] == [
        "办公室",
        "政策法规与创新体系建设科",
        "成果转化与区域创新科",
    ]
    assert offices[0]["source_line"] == 90
    assert all(r["heading"] is None for r in duties)


def test_seed_glossary_definitions(seed):
    got = {g["term"]: g for g in narrative.read_glossary(seed, PART4)}
    # line 2194 六、财政专户管理资金： with its definition on line 2196 (专指教育收费，…)
    assert got["财政专户管理资金"]["definition"].startswith("专指教育收费，")
    # line 2198 七、单位资金：是指除政府预算资金… (the colon and nothing else dropped)
    assert got["单位资金"]["definition"].startswith("是指除政府预算资金")
    # line 2202 九、一般公共预算是指以税收为主体… (no colon: the term ends at 是指)
    assert got["一般公共预算"]["definition"].startswith("是指以税收为主体")


# --- narrative.py: text made for the case -----------------------------------------------------


def test_a_made_narrative_section_by_section():
    src = made(
        "第三部分 说明",  # 1
        "一、部门预算收支数据变动情况及原因",  # 2
        "本年预算收入总计1,000.50万元，比上年减",  # 3: a sentence wrapped over two lines
        "少20万元，下降2.5%；另有3台。",  # 4
        "二、收入预算情况说明",  # 5
        # 6:
        "预算收入1,000.50万元，主要包括：一般公共预算拨款收入900.5万元，占90%；上年结转100万元。",
        "七、与本表无关的标题",  # 7: a heading of no known section
        "九、政府采购情况",  # 8
        "政府采购预算总额5万元。",  # 9
        "项目支出绩效目标表",  # 10: the narrative stops before it
        "政府采购货物预算5万元。",  # 11
    )
    assert narrative.narrative_sections(src, 1, 11) == [
        ("change", 2, 4),
        ("revenue", 5, 6),
        ("procurement", 8, 9),
    ]
    got = {f["key"]: f for f in narrative.read_key_figures(src, 1, 11)}
    # 减少 and 下降 make the change negative; the number starts on line 4
    assert (got["revenue_total"]["value"], got["revenue_total"]["source_line"]) == (D("1000.50"), 3)
    assert (got["revenue_change"]["value"], got["revenue_change"]["source_line"]) == (D(-20), 4)
    assert got["revenue_change"]["unit"] == "万元"
    assert got["revenue_change_pct"]["value"] == D("-2.5")
    assert (
        got["revenue_change_pct"]["sentence"]
        == "本年预算收入总计1,000.50万元,比上年减少20万元,下降2.5%;"
    )
    # 3台 is no figure of a pattern: a mention, labelled by the words before it
    assert got["change.mention.1"] == {
        "key": "change.mention.1",
        "value": D(3),
        "unit": "台",
        "label": "另有",
        "sentence": "另有3台。",
        "source_line": 4,
    }
    assert "change.mention.2" not in got
    assert got["revenue_source.一般公共预算拨款收入"]["value"] == D("900.5")
    assert got["revenue_source_share.一般公共预算拨款收入"]["value"] == D(90)
    assert got["revenue_source.上年结转"]["value"] == D(100)
    assert "revenue_source_share.上年结转" not in got  # no 占 … %
    assert got["procurement_total"]["value"] == D(5)
    assert "procurement_goods" not in got  # line 11 lies after the performance table's title


def test_a_figure_stated_twice_is_read_once_and_a_mention_without_words_before():
    src = made(
        "一、部门预算收支数据变动情况及原因",  # 1
        "预算收入总计8万元。预算收入总计9万元。",  # 2
        "5个",  # 3
    )
    got = {f["key"]: f for f in narrative.read_key_figures(src, 1, 3)}
    assert got["revenue_total"]["value"] == D(8)
    # 9万元 is a mention; before 5个 the last mark is the 。 right before it: the label is then
    # the last 8 characters before the figure (收入总计9万元。)
    assert got["change.mention.1"]["value"] == D(9)
    assert got["change.mention.1"]["label"] == "预算收入总计"
    assert (got["change.mention.2"]["value"], got["change.mention.2"]["unit"]) == (D(5), "个")
    assert got["change.mention.2"]["label"] == "收入总计9万元。"
    assert got["change.mention.2"]["source_line"] == 3


def test_list_figures_drop_the_words_that_open_a_list():
    src = made("其中：基本支出10万元，占25%；项目支出30万元，占75%。")
    block = narrative._Joined(src, 1, 1)
    lp = narrative.m.ListPattern("expenditure_direction", "支出方向", "其中")
    got = narrative._list_figures(block, lp)
    assert [(f["key"], f["value"], f["unit"], f["label"]) for f in got] == [
        ("expenditure_direction.基本支出", D(10), "万元", "支出方向：基本支出"),
        ("expenditure_direction_share.基本支出", D(25), "%", "支出方向：基本支出占比"),
        ("expenditure_direction.项目支出", D(30), "万元", "支出方向：项目支出"),
        ("expenditure_direction_share.项目支出", D(75), "%", "支出方向：项目支出占比"),
    ]
    no_share = narrative.m.ListPattern("x", "支出方向", "其中", with_share=False)
    assert [f["key"] for f in narrative._list_figures(block, no_share)] == [
        "x.基本支出",
        "x.项目支出",
    ]
    # the list starts after its words only; without them there is no list
    assert narrative._list_figures(block, narrative.m.ListPattern("x", "y", "主要用于")) == []


def test_joined_lines_map_offsets_back_to_lines():
    src = made("ab", "", "cd", "e")
    block = narrative._Joined(src, 1, 4)
    assert block.text == "abcde"
    assert [block.line_at(k) for k in range(5)] == [1, 1, 3, 3, 4]
    src = made("甲。乙；丙", "丁")
    block = narrative._Joined(src, 1, 2)
    assert block.sentence_at(0) == "甲。"
    assert block.sentence_at(2) == "乙;"  # normalised: ； → ;
    assert block.sentence_at(4) == "丙丁"


def _figure(key, patterns, after=None, unit="万元"):
    from budgetlens.layout import NarrativeFigure

    return NarrativeFigure(key, f"label {key}", unit, tuple(patterns), after)


def test_stated_figures_and_figures_after_another():
    src = made(
        "采购预算总额10万元，其中货物",  # 1
        "4万元。服务6万元。另货物9万元。",  # 2
    )
    figures = [
        _figure("goods", [r"货物(?P<v>\d+)万元"], after="total"),  # searched in total's statement
        _figure("total", [r"没有(?P<v>\d+)", r"总额(?P<v>\d+)万元"]),  # the second pattern
        _figure("services", [r"服务(?P<v>\d+)万元"], after="total"),  # not in the statement
        _figure("other", [r"其他(?P<v>\d+)"], after="missing"),
    ]
    got = narrative.read_stated(src, figures)
    assert got == [
        {
            "key": "total",
            "value": D(10),
            "unit": "万元",
            "label": "label total",
            "sentence": "总额10万元,其中货物4万元。",
            "source_line": 1,
        },
        {
            "key": "goods",
            "value": D(4),
            "unit": "万元",
            "label": "label goods",
            "sentence": "总额10万元,其中货物4万元。",
            "source_line": 2,
        },
    ]
    # a statement runs from the start of its match to the next 。, or to the end of the text
    src = made("总额7万元，货物3万元")
    got = narrative.read_stated(src, figures[:2])
    assert [(f["key"], f["value"], f["sentence"]) for f in got] == [
        ("total", D(7), "总额7万元,货物3万元"),
        ("goods", D(3), "总额7万元,货物3万元"),
    ]
    assert narrative.read_stated(src, []) == []
    assert narrative.read_stated(made(), figures) == []


def test_glossary_terms_and_definitions_over_lines():
    src = made(
        "第四部分 名词解释",  # 1
        "说明文字",  # 2: before the first term: dropped
        "一、基本支出：指为保障",  # 3
        "机构正常运转。",  # 4: continues the definition above
        "二、项目支出是指特定",  # 5
        "三、某款是对 某事",  # 6
        "四、专户资金专指教育收费",  # 7
        "五、结转: 以前年度",  # 8
    )
    got = narrative.read_glossary(src, 1)
    assert [(g["term"], g["definition"], g["source_line"]) for g in got] == [
        ("基本支出", "指为保障机构正常运转。", 3),
        ("项目支出", "是指特定", 5),
        ("某款", "是对 某事", 6),
        ("专户资金", "专指教育收费", 7),
        ("结转", "以前年度", 8),
    ]


def test_catalogue_rows_levels_sections_and_its_end():
    src = made(
        "某部门",  # 1: before the header: not read
        "代码\t一级目录\t二级目录\t三级目录\t四级目录",  # 2
        "某某局",  # 3: a heading: the section of the rows below
        "A\t公共服务",  # 4
        "A01\t\t宣传服务",  # 5
        "A0101\t\t\t宣传",  # 6
        "A010101\t\t\t\t宣传品",  # 7
        "A02",  # 8: a code without a name
        "",  # 9
        "签字：2024年1月",  # 10: prose: the table ends
        "B\t不再读",  # 11
        "代码\t一级目录\t二级目录\t三级目录\t四级目录",  # 12: a new table, no heading yet
        "B01\t\t服务",  # 13
    )
    got = narrative.read_catalogue(src, 1, 13)
    assert [(r["section"], r["code"], r["level"], r["name"], r["source_line"]) for r in got] == [
        ("某某局", "A", 1, "公共服务", 4),
        ("某某局", "A01", 2, "宣传服务", 5),
        ("某某局", "A0101", 3, "宣传", 6),
        ("某某局", "A010101", 4, "宣传品", 7),
        ("某某局", "A02", 2, "", 8),
        ("某某局", "B01", 2, "服务", 13),
    ]
    # a heading cell of more than 30 characters, or holding a digit, is no heading
    long_name = "部" * 31
    src = made("代码\t一级目录\t二级目录\t三级目录\t四级目录", long_name, "A\t公共服务")
    assert narrative.read_catalogue(src, 1, 3) == []
    src = made("代码\t一级目录\t二级目录\t三级目录\t四级目录", "部" * 30, "A\t公共服务")
    assert [r["section"] for r in narrative.read_catalogue(src, 1, 3)] == ["部" * 30]


def test_part1_sections_headings_and_paragraphs_broken_over_pages():
    src = made(
        "第一部分 概况",  # 1
        "前言",  # 2: before a section: dropped
        "一、本部门职责",  # 3
        "（一）拟订规划。",  # 4
        "并组织实施。",  # 5: continues (一)
        "(二)其他。",  # 6
        "二、机构设置情况",  # 7
        "（一）办公室：负责运转。",  # 8
        "(二)科：短",  # 9: a heading of one character is none
        "（三）没有冒号的处室",  # 10
        "以下是本局各个内设处室以及其机构设置情况",  # 11: 20 characters: no heading
        "本局机构设置情况",  # 12: a heading (under 20 characters)
        "（一）科室甲：管理。",  # 13
    )
    got = narrative.read_part1(src, 1, 13)
    assert [(r["section"], r["heading"], r["body"], r["source_line"]) for r in got] == [
        ("duties", None, "（一）拟订规划。并组织实施。", 4),
        ("duties", None, "(二)其他。", 6),
        ("organisation", "办公室", "（一）办公室：负责运转。", 8),
        ("organisation", None, "(二)科：短", 9),
        (
            "organisation",
            None,
            "（三）没有冒号的处室以下是本局各个内设处室以及其机构设置情况",
            10,
        ),
        ("organisation", "科室甲", "（一）科室甲：管理。", 13),
    ]


# --- performance.py: the seed -----------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_performance(seed) -> list:
    # ingest.py starts after the last standard table (its body ends on line 461)
    return [
        (
            first,
            last,
            performance.parse_department(seed, first, last)
            if is_dept
            else performance.parse_project(seed, first, last),
        )
        for first, last, is_dept in performance.locate(seed, 461)
    ]


def test_seed_performance_tables_are_located(seed_performance):
    meta = read_fixture("project_meta.csv")
    # the department's table (title line 535) first, then one per project (title lines in
    # project_meta.csv); the last ends before 十一、国有资产占有使用情况 (line 931)
    assert [(first, pt.is_department, pt.project) for first, _, pt in seed_performance] == [
        (535, True, "部门整体"),
        *((int(r["title_line"]), False, r["project"]) for r in meta),
    ]
    assert seed_performance[0][1] == int(meta[0]["title_line"]) - 1
    assert seed_performance[-1][1] == 930


def test_seed_project_metadata_matches_hand_read_values(seed_performance):
    fields = ("supervisor", "implementing_unit", "attribute", "duration", "fill_date")
    expected = {(r["project"], *(r[f] for f in fields)) for r in read_fixture("project_meta.csv")}
    got = {
        (pt.project, *(pt.meta.get(f) for f in fields))
        for _, _, pt in seed_performance
        if not pt.is_department
    }
    assert got == expected


def test_seed_project_funds_match_hand_read_values(seed_performance):
    expected = Counter(
        (r["project"], r["period"], r["source"], same(dec(r["amount_yuan"])))
        for r in read_fixture("project_funds.csv")
    )
    got = Counter(
        (pt.project, f["period"], f["source"], same(f["amount_yuan"]))
        for _, _, pt in seed_performance
        if not pt.is_department
        for f in pt.funds
    )
    assert got == expected
    # line 594 of 科技计划项目: 实施期资金总额： | 20,070,000 | 年度资金总额： | 20,070,000
    funds = seed_performance[1][2].funds
    assert [
        (f["period"], f["source"], f["label"], f["amount_yuan"], f["source_line"])
        for f in funds[:2]
    ] == [
        ("实施期", "total", "实施期资金总额", D(20070000), 594),
        ("年度", "total", "年度资金总额", D(20070000), 594),
    ]
    assert {f["dimension"] for f in funds} == {"source"}


def test_seed_indicators_match_hand_read_values(seed_performance):
    expected = Counter(
        (
            r["project"],
            r["period"],
            int(r["line"]),
            r["level1"],
            r["level2"],
            r["name"],
            r["target_raw"],
        )
        for r in read_fixture("indicators.csv")
    )
    got = Counter(
        (
            pt.project,
            i["period"],
            i["source_line"],
            i["level1"],
            i["level2"],
            i["name"],
            i["target_raw"],
        )
        for _, _, pt in seed_performance
        for i in pt.indicators
    )
    missing, extra = expected - got, got - expected
    assert not missing and not extra, f"missing {sorted(missing)}\nextra {sorted(extra)}"


def test_seed_department_profile_and_funds_match_hand_read_values(seed_performance):
    dept = seed_performance[0][2]
    fixture = read_fixture("department_profile.csv")
    profile = {p["label"]: p for p in dept.profile}
    counts = [r for r in fixture if r["unit"] in ("个", "人")]
    assert {(r["item"], int(r["line"]), D(r["value"]), r["unit"]) for r in counts} == {
        (label, p["source_line"], p["value"], p["unit"]) for label, p in profile.items()
    }
    # line 540: the row's filled cells joined by tabs
    assert profile["内设职能部门数"]["sentence"] == "内设职能部门数\t6个\t所属预算单位数\t2个"
    assert dept.meta["supervisor"] == "108-晋城市科学技术局"
    funds = [
        (f"{f['dimension']}:{f['label'].removeprefix('其中:')}", f["source_line"], f["amount_yuan"])
        for f in dept.funds
    ]
    # the table is in 万元: 元 = 万元 × 10,000
    assert sorted(funds) == sorted(
        (r["item"], int(r["line"]), D(r["value"]) * 10000)
        for r in fixture
        if r["item"].startswith(("source:", "direction:"))
    )
    assert {f["period"] for f in dept.funds} == {"年度"}
    # the texts of lines 545, 546, 556 (部门职责, 部门战略目标, 年度绩效目标) without <p> tags
    assert dept.meta["summary"].startswith("(一)拟订全市创新驱动发展战略方针")
    assert dept.meta["basis"].startswith("贯彻落实创新驱动发展战略")
    assert dept.meta["goal_annual"].startswith("2024年市科技局将牢牢把握高质量发展的根本要求")
    assert dept.meta["plan"].startswith("1.强化科技项目支撑")


# --- performance.py: text made for the case ---------------------------------------------------


def test_cells_are_read_by_what_they_are():
    assert performance.clean_text(" <p>目标</p> ") == "目标"
    assert performance.canonical_level2("数量指标") == "数量指标"
    assert performance.canonical_level2("服务对象满意度") == "服务对象满意度指标"  # an alias
    assert performance.canonical_level2("服务对象满意") is None
    assert performance.canonical_level2("经济效益指") == "经济效益指标"  # truncated, 5 characters
    assert performance.canonical_level2("质量指") is None  # 3 characters: too short to trust
    assert performance.canonical_level2("社会效益") is None  # ends neither 指标 nor 指
    assert performance.canonical_level2("可持续指标") is None  # 5 characters, no label starts so
    assert performance.classify_cell("三级指标") == "hdr"
    assert performance.classify_cell("产出指标") == "l1"
    assert performance.classify_cell(" 时效指标") == "l2"
    assert performance.classify_cell("≥95%") == "val"
    assert performance.classify_cell("满意") == "val"
    assert performance.classify_cell("某项目完成率") == "name"
    assert performance.is_value("2024年6月")  # a time
    assert performance.is_value("优")  # two characters or fewer, not empty
    assert not performance.is_value("")
    assert not performance.is_value("好的工作")


def test_label_values():
    lv = performance._label_value
    assert lv(["实施单位", "", "某局"], "实施单位") == "某局"  # the next filled cell
    assert lv(["实施单位：某局", "x"], "实施单位") == "某局"  # in the same cell
    assert lv(["实施单位:某局"], "实施单位") == "某局"
    assert lv(["实施单位", ""], "实施单位") is None
    assert lv(["填报日期20240101", "x"], "填报日期") == "x"  # no colon: the next cell
    assert lv(["a", "b"], "实施单位") is None


def test_tables_are_located_by_title_and_end_at_a_heading():
    src = made(
        "说明",  # 1
        "项目支出绩效目标表.....3",  # 2: a table of contents line
        "某市项目支出绩效目标表",  # 3
        "项目名称\t甲",  # 4
        "部门整体支出绩效目标申报表",  # 5
        "x",  # 6
        "十一、其他",  # 7: a heading ends the table
        "项目支出绩效目标表" + "长" * 31,  # 8: 40 characters: no title
        "项目支出绩效目标表",  # 9
        "y",  # 10
        "第四部分 名词解释",  # 11
        "z",  # 12
    )
    assert performance.locate(src, 1) == [(3, 4, False), (5, 6, True), (9, 10, False)]
    assert performance.locate(src, 4) == [(5, 6, True), (9, 10, False)]
    src = made("项目支出绩效目标表", "a", "b")
    assert performance.locate(src, 1) == [(1, 3, False)]


def test_fund_sources():
    fs = performance._fund_source
    assert fs("其中：中央财政资金 0") == ("central", "中央财政资金", "0")
    assert fs("实施期资金总额：10,000,000") == ("total", "实施期资金总额", "10,000,000")
    assert fs("项目资金（元）年度资金总额") == ("total", "年度资金总额", None)
    assert fs("市县（区）财政资") == ("municipal", "市县(区)财政", None)
    assert fs("其中单位自筹") == ("self_raised", "单位自筹", None)
    assert fs("单位自筹 x") == ("self_raised", "单位自筹", None)  # not an amount
    assert fs("合计") is None


def _project(*lines: str) -> SourceText:
    return made("项目支出绩效目标表", *lines)


BLOCK = (
    "绩效指标\t一级指标\t二级指标\t三级指标\t指标值\t二级指标\t三级指标\t指标值",
    "产出指标\t数量指标\t培训人数\t100人\t数量指标\t培训人数\t50人",
)


def test_a_made_project_table():
    src = _project(
        "项目名称\t\t某项目",  # 2
        "主管部门及代码\t101-某局\t实施单位\t某中心",  # 3
        "项目属性\t新增项目\t项目期\t",  # 4: 项目期 left blank …
        "\t\t3年",  # 5: … and printed on the next row
        "项目资金（元）\t实施期资金总额：\t300\t年度资金总额：\t100",  # 6
        "\t其中：中央财政资金\t200\t其中：中央财政资金\t100",  # 7
        "\t单位自筹\t100\t单位自筹\t0\t7",  # 8: a stray figure
        "项目概况\t<p>概况</p>\t文字",  # 9
        "项目概况后\t4年",  # 10: after 项目概况: no duration looked for
        "总体目标\t实施期目标\t年度目标",  # 11
        *BLOCK,  # 12, 13
        "负责人：某\t填报日期：20240101",  # 14
        "不读",  # 15
    )
    pt = performance.parse_project(src, 1, 16 - 1)
    assert (pt.project, pt.is_department, pt.title_line) == ("某项目", False, 1)
    assert pt.meta == {
        "supervisor": "101-某局",
        "implementing_unit": "某中心",
        "attribute": "新增项目",
        "duration": "3年",
        "summary": "概况文字",
        "goal_impl": "实施期目标",
        "goal_annual": "年度目标",
        "fill_date": "20240101",
    }
    assert [
        (f["period"], f["source"], f["label"], f["amount_yuan"], f["source_line"]) for f in pt.funds
    ] == [
        ("实施期", "total", "实施期资金总额", D(300), 6),
        ("年度", "total", "年度资金总额", D(100), 6),
        ("实施期", "central", "中央财政资金", D(200), 7),
        ("年度", "central", "中央财政资金", D(100), 7),
        ("实施期", "self_raised", "单位自筹", D(100), 8),
        ("年度", "self_raised", "单位自筹", D(0), 8),
    ]
    assert pt.notes == [("stray figure 7 in the funds block, not a fund", 8)]
    assert [
        (i["period"], i["level1"], i["level2"], i["name"], i["target_raw"], i["source_line"])
        for i in pt.indicators
    ] == [
        ("实施期", "产出指标", "数量指标", "培训人数", "100人", 13),
        ("年度", "产出指标", "数量指标", "培训人数", "50人", 13),
    ]


def test_project_table_variants():
    src = _project(
        "项目名称\t某项目",  # 2
        "主管部门及代码\t101-某局\t某中心",  # 3: the 实施单位 label missing: its value is last
        "项目属性\t项目期\t5年",  # 4: no attribute printed
        "项目资金（元）\t实施期资金总额：\t\t年度资金总额：",  # 5: labels without amounts
        "\t其他资金\t\t其他资金",  # 6
        "立项依据\t依据",  # 7: a text field ends the funds
        "\t单位自筹\t9",  # 8: not a fund row any more
        "总体目标\t唯一目标",  # 9
        *BLOCK,  # 10, 11
    )
    pt = performance.parse_project(src, 1, 11)
    assert pt.meta["implementing_unit"] == "某中心"
    assert pt.meta["attribute"] is None and pt.meta["duration"] == "5年"
    assert pt.meta["basis"] == "依据"
    assert (pt.meta["goal_impl"], pt.meta["goal_annual"]) == ("唯一目标", "唯一目标")
    assert ("one 总体目标 text for both 实施期 and 年度", 9) in pt.notes
    assert [(f["period"], f["source"], f["amount_yuan"]) for f in pt.funds] == [
        ("实施期", "total", None),
        ("年度", "total", None),
        ("实施期", "other", None),
        ("年度", "other", None),
    ]
    assert "fill_date" not in pt.meta
    src = _project("项目名称\t某项目", "主管部门及代码\t101-某局", *BLOCK)
    pt = performance.parse_project(src, 1, 4)
    assert pt.meta["implementing_unit"] is None and pt.meta["supervisor"] == "101-某局"


def test_project_tables_without_name_or_indicators_are_refused():
    with pytest.raises(IngestError) as e:
        performance.parse_project(_project("项目名称\t", *BLOCK), 1, 4)
    assert e.value.line == 1
    with pytest.raises(IngestError) as e:
        performance.parse_project(_project("项目名称\t某项目", "总体目标\t目标"), 1, 3)
    assert e.value.line == 1


def test_a_made_department_table():
    src = made(
        "部门整体支出绩效目标申报表",  # 1
        "部门基本信息\t部门名称\t101-某局",  # 2
        "\t内设职能部门数\t6个\t所属预算单位数\t2.5个",  # 3
        "其中:在编人员数\t\t9人",  # 4
        "部门职责\t<p>职责</p>",  # 5
        "部门战略目标\t目标",  # 6
        "年度预算情况\t资金来源划分\t资金总额(万元)\t按资金方向划分\t资金总额(万元)",  # 7
        "\t合计\t1.5\t合计\t1.5",  # 8
        "\t其中:一般公共预算资金\t1.5\t其中:基本支出\t0.5",  # 9
        "\t某种资金\t3\t项目支出\t1",  # 10: an unknown label
        "年度重点任务\t重点任务",  # 11
        "重点任务\t任务",  # 12
        "\t合计\t9",  # 13: after 年度重点任务: no funds
        "年度绩效目标\t<p>年度</p>",  # 14
        "年度绩效指标\t产出指标\t数量指标\t培训人数\t100人",  # 15
        "\t\t\t会议次数\t2次",  # 16
    )
    pt = performance.parse_department(src, 1, 16)
    assert (pt.project, pt.is_department) == ("部门整体", True)
    assert pt.meta == {
        "supervisor": "101-某局",
        "summary": "职责",
        "basis": "目标",
        "plan": "任务",
        "goal_annual": "年度",
    }
    assert [(p["key"], p["value"], p["unit"], p["source_line"]) for p in pt.profile] == [
        ("internal_departments", D(6), "个", 3),
        ("subordinate_units", D("2.5"), "个", 3),
        ("staff_on_establishment", D(9), "人", 4),
    ]
    assert [
        (f["dimension"], f["source"], f["label"], f["amount_yuan"], f["source_line"])
        for f in pt.funds
    ] == [
        ("source", "total", "合计", D(15000), 8),
        ("direction", "total", "合计", D(15000), 8),
        ("source", "general_budget", "其中:一般公共预算资金", D(15000), 9),
        ("direction", "basic", "其中:基本支出", D(5000), 9),
        ("direction", "project", "项目支出", D(10000), 10),
    ]
    assert ("unknown fund label 某种资金", 10) in pt.notes
    assert [
        (i["period"], i["level2"], i["name"], i["target_raw"], i["source_line"])
        for i in pt.indicators
    ] == [
        ("年度", "数量指标", "培训人数", "100人", 15),
        ("年度", "数量指标", "会议次数", "2次", 16),
    ]
    # a profile count that is not a number
    src.lines[2] = "\t内设职能部门数\t六个"
    with pytest.raises(IngestError) as e:
        performance.parse_department(src, 1, 16)
    assert (e.value.line, e.value.found) == (3, "六个")
    # the block may start at its header row 一级指标 (not kept)
    src = made(
        "部门整体支出绩效目标申报表",
        "一级指标\t二级指标\t三级指标\t指标值",
        "产出指标\t数量指标\t培训人数\t5人",
    )
    pt = performance.parse_department(src, 1, 3)
    assert [(i["name"], i["source_line"]) for i in pt.indicators] == [("培训人数", 3)]


def _seg(seg: performance.Segment) -> tuple:
    return (seg.start, seg.l1, seg.l2, seg.name, seg.value, seg.value_seen)


def test_segments_of_a_row():
    segs, orphans = performance._segments(
        7, ["产出指标", "数量指标", "培训人数", "100人", "", "数量指标", "培训人数", "50人", "9次"]
    )
    assert [_seg(s) for s in segs] == [
        (1, "产出指标", "数量指标", "培训人数", "100人", True),
        (5, None, "数量指标", "培训人数", "50人", True),
    ]
    assert orphans == ["9次"] and segs[0].line == 7
    # a name repeated in the next cell is one name; a short cell with a digit after a name is
    # its value (1-2次 is no target the parser reads)
    segs, _ = performance._segments(1, ["会议组织", "会议组织", "1-2次"])
    assert [_seg(s) for s in segs] == [(0, None, None, "会议组织", "1-2次", True)]
    # a label then a name equal to a 二级 label, then a value: the second is the name
    segs, _ = performance._segments(1, ["满意度指标", "服务对象满意度", "服务对象满意度", ">85%"])
    assert [_seg(s) for s in segs] == [
        (1, "满意度指标", "服务对象满意度", "服务对象满意度", ">85%", True)
    ]
    # two 二级 labels in a row: the first an empty category; a label at the row's end too
    segs, _ = performance._segments(
        1, ["生态效益指标", "社会效益指标", "带动就业人数", "高", "质量指标"]
    )
    assert [_seg(s) for s in segs] == [
        (0, None, "生态效益指标", None, None, False),
        (1, None, "社会效益指标", "带动就业人数", "高", True),
        (4, None, "质量指标", None, None, False),
    ]
    # a value before any name is an orphan; header cells are skipped
    segs, orphans = performance._segments(1, ["指标值", "≥90%"])
    assert segs == [] and orphans == ["≥90%"]


def test_indicators_of_two_periods_placed_by_column():
    block = [
        (
            1,
            ["产出指标", "数量指标", "培训人数", "100人", "数量指标", "培训人数", "50人"],
        ),  # split at 4
        (2, ["", "", "会议次数", "4次", "", "", ""]),  # one segment at 2: left
        (3, ["", "", "", "", "", "资料份数", "30份"]),  # one segment at 5: right
        (4, ["", "", "", "", "质量指标", "", ""]),  # a label alone at 4 (≥ 4 - 0.5): right
        (5, ["", "", "", "", "", "合格率", "≥95%"]),
        (6, ["≥1次"]),  # an orphan: 实施期, with a note
    ]
    notes: list = []
    got = performance.read_indicators(block, two_periods=True, notes=notes)
    assert [
        (
            i["period"],
            i["level2"],
            i["name"],
            i["target_raw"],
            i["source_line"],
            i["placed"],
            i["problem"],
        )
        for i in got
    ] == [
        ("实施期", "数量指标", "培训人数", "100人", 1, True, None),
        ("实施期", "数量指标", "会议次数", "4次", 2, True, None),
        ("实施期", "数量指标", None, "≥1次", 6, False, "target value without an indicator name"),
        ("年度", "数量指标", "培训人数", "50人", 1, True, None),
        ("年度", "数量指标", "资料份数", "30份", 3, True, None),
        ("年度", "质量指标", "合格率", "≥95%", 5, True, None),
    ]
    assert notes == [("target value ≥1次 without an indicator name", 6)]
    assert got[0]["level1"] == "产出指标" and got[0]["level2_raw"] == "数量指标"
    assert got[0]["target"].value == D(100)
    # without a row of two segments there is no split: every row is 实施期
    got = performance.read_indicators(block[1:3], two_periods=True, notes=[])
    assert {i["period"] for i in got} == {"实施期"}


def test_labels_fill_forward_and_a_displaced_label_is_corrected():
    S = performance.Segment
    segs = [
        S(1, 0, l1="产出指标", l2="成本指标", name="完成时间", value="2024年6月", value_seen=True),
        S(2, 0, name="人员经费", value="5万元", value_seen=True),
        S(3, 0, l2="数量指标", name="培训人数"),  # no target cell
        S(4, 0, name="合格率", value="≥95%", value_seen=True),
        S(5, 0, l2="质量指标", name="验收率", value="100%", value_seen=True),
        S(6, 0, l2="效益指标"),  # a label alone: no row
        S(7, 0, l1="效益指标", l2="社会效益指", name="带动就业", value="提高", value_seen=True),
    ]
    got = performance._fill_labels("年度", segs)
    assert [
        (
            i["source_line"],
            i["level1"],
            i["level2"],
            i["level2_raw"],
            i["placed"],
            i["problem"],
            i["explicit_l2"],
        )
        for i in got
    ] == [
        (
            1,
            "产出指标",
            "时效指标",
            "成本指标",
            True,
            "二级指标 label displaced: 成本指标 → 时效指标 by the target's kind",
            True,
        ),
        (2, "产出指标", "成本指标", "成本指标", True, None, False),
        (
            3,
            "产出指标",
            "数量指标",
            "数量指标",
            True,
            "target cell missing in the extraction",
            True,
        ),
        (
            4,
            "产出指标",
            "质量指标",
            "数量指标",
            True,
            "二级指标 label displaced: 数量指标 → 质量指标 by the target's kind",
            False,
        ),
        (5, "产出指标", "质量指标", "质量指标", True, None, True),
        (7, "效益指标", "社会效益指标", "社会效益指", True, None, True),
    ]
    assert {i["period"] for i in got} == {"年度"}


def test_the_category_a_target_implies():
    from budgetlens.targets import parse_target

    il = performance._implied_level2
    assert il(None, parse_target("2024年6月"), "x") is None
    assert il("社会效益指标", parse_target("2024年6月"), "x") is None  # not under 产出指标
    assert il("数量指标", parse_target("2024年6月"), "x") == "时效指标"
    assert il("数量指标", parse_target("5万元"), "人员经费") == "成本指标"
    assert il("数量指标", parse_target("5万元"), "培训人数") is None  # no cost word in the name
    assert il("数量指标", parse_target("5人"), "培训经费") is None  # not money
    assert il("时效指标", parse_target("95%"), "x") == "质量指标"
    assert il("成本指标", parse_target("5人"), "x") == "数量指标"
    assert il("成本指标", parse_target("提高"), "x") == "质量指标"
    assert il("质量指标", parse_target("95%"), "x") is None


def test_periods_are_aligned_by_the_explicit_label_of_the_other():
    rows = [
        {
            "period": "实施期",
            "name": "甲",
            "explicit_l2": True,
            "level2": "质量指标",
            "level1": "产出指标",
            "problem": None,
        },
        {
            "period": "年度",
            "name": "甲 ",
            "explicit_l2": False,
            "level2": "数量指标",
            "level1": "产出指标",
            "problem": "p",
        },
        {
            "period": "年度",
            "name": "乙",
            "explicit_l2": True,
            "level2": "社会效益指标",
            "level1": "效益指标",
            "problem": None,
        },
        {
            "period": "实施期",
            "name": "乙",
            "explicit_l2": False,
            "level2": "数量指标",
            "level1": "产出指标",
            "problem": "label displaced",
        },
        {
            "period": "实施期",
            "name": None,
            "explicit_l2": False,
            "level2": None,
            "level1": None,
            "problem": None,
        },
    ]
    performance._align_periods(rows)
    assert (rows[1]["level2"], rows[1]["level1"]) == ("质量指标", "产出指标")
    assert rows[1]["problem"] == "p; 二级指标 taken from the other period: 数量指标 → 质量指标"
    assert rows[3]["level2"] == "数量指标"  # a label moved by its target is kept
    rows[3]["problem"] = None
    performance._align_periods(rows)
    assert (rows[3]["level2"], rows[3]["level1"]) == ("社会效益指标", "效益指标")
    assert rows[3]["problem"] == "二级指标 taken from the other period: 数量指标 → 社会效益指标"


# --- tables.py: the cases the first mutation run left (each seen to fail with its mutant) -----


def test_a_department_name_holding_a_colon_keeps_it():
    # only the label's colon is dropped: 部门名称：甲局：乙处 names 甲局：乙处
    src = made(
        "2024年预算支出总表", "部门名称：甲局：乙处", "科目编码\t科目名称\t合计", "合计\t\t1.00"
    )
    assert _table(src, "expenditure_total").department == "甲局：乙处"
    src = made(
        "2024年预算支出总表", "部门名称:甲局:乙处", "科目编码\t科目名称\t合计", "合计\t\t1.00"
    )
    assert _table(src, "expenditure_total").department == "甲局:乙处"


def test_rows_after_a_no_data_note_are_read():
    src = made(
        "2024年预算支出总表",  # 1
        "科目编码\t科目名称\t合计",  # 2
        "注：本表无数据",  # 3
        "合计\t\t0.00",  # 4
    )
    t = _table(src, "expenditure_total")
    assert t.empty_note and [r.line for r in t.rows] == [2, 4]


def test_a_dash_is_a_blank_amount():
    src = made("2024年预算支出总表", "科目编码\t科目名称\t合计\t基本支出", "合计\t\t-\t—")
    (row,) = tables.read_function_table(src, _table(src, "expenditure_total"))
    assert (row["total"], row["basic"]) == (None, None)


def test_code_rows_of_few_cells():
    src = made(
        "2024年预算支出总表",  # 1
        "科目编码\t科目名称\t合计",  # 2
        "合计\t\t1.00",  # 3
        "205\t教育支出",  # 4: code and name, no amount
        "201\t01",  # 5: two cells: a code and a name "01" (no split code without a third cell)
        "201\t02\t某款",  # 6: 类 | 款 | name
        "201\t03\t50",  # 7: three cells: 类 | 款 and the name 50
        "201\t03\t50\t某项",  # 8: 类 | 款 | 项 | name
        "04",  # 9: a 款 alone, after the 类 201 (line 5)
        "05\t99",  # 10: 款 | 项 without name
    )
    got = tables.read_function_table(src, _table(src, "expenditure_total"))
    assert [(r["code"], r["name"], r["source_line"]) for r in got] == [
        (None, "合计", 3),
        ("205", "教育支出", 4),
        ("201", "01", 5),
        ("20102", "某款", 6),
        ("20103", "50", 7),
        ("2010350", "某项", 8),
        ("20104", "", 9),
        ("2010599", "", 10),
    ]


def test_a_one_sided_row_is_not_split_at_a_code_further_right():
    src = made(
        "2024年预算支出总表", "科目编码\t科目名称\t合计", "合计\t\t1.00", "\t\t201\t某类\t1.00"
    )
    with pytest.raises(IngestError) as e:
        tables.read_function_table(src, _table(src, "expenditure_total"))
    assert e.value.line == 4
    assert tables._segments(["x", "abc", "1"]) == [(0, ["x", "abc", "1"])]  # 3 letters: no code


def test_the_state_capital_header_must_announce_its_total():
    src = made(
        "2024年国有资本经营预算收支预算表",
        "项目\t\t金额\t科目编码\t科目名称\t基本支出",
        "合计\t\t7.00\t合计\t\t7.00",
    )
    with pytest.raises(IngestError) as e:
        tables.read_function_table(src, _table(src, "state_capital"))
    assert str(e.value) == (
        "made.txt:2: table 2024年国有资本经营预算收支预算表: expected a header announcing "
        "column 合计: found '项目\\t金额\\t科目编码\\t科目名称\\t基本支出'"
    )


def test_economic_rows_before_a_group_of_one_cell_and_groups_by_their_ending():
    src = made(
        "2024年一般公共预算安排基本支出分经济科目表",  # 1
        "部门预算支出经济科目名称\t政府预算支出经济科目名称\t合计",  # 2
        "合计\t\t3.00",  # 3
        "基本工资\t工资奖金津补贴\t1.00",  # 4: an item before any group
        "某某补助",  # 5: a group (ends 补助, not listed), one cell, no amount
        "某某费\t某某\t2.00",  # 6
    )
    got = tables.read_economic_table(src, _table(src, "basic_economic"))
    assert [
        (r["row_kind"], r["group_name"], r["dept_class"], r["gov_class"], r["total"]) for r in got
    ] == [
        ("total", None, None, None, D(3)),
        ("item", None, "基本工资", "工资奖金津补贴", D(1)),
        ("group", "某某补助", "某某补助", None, None),
        ("item", "某某补助", "某某费", "某某", D(2)),
    ]
    src.lines[5] = "某某费\t某某\t二"
    with pytest.raises(IngestError) as e:
        tables.read_economic_table(src, _table(src, "basic_economic"))
    assert str(e.value) == (
        "made.txt:6: table 2024年一般公共预算安排基本支出分经济科目表: "
        "expected a number in column total: found '二'"
    )
    src = made(
        "2024年一般公共预算安排基本支出分经济科目表",
        "部门预算支出经济科目名称\t政府预算支出经济科目名称\t人员经费",
        "合计\t\t3.00",
    )
    with pytest.raises(IngestError) as e:
        tables.read_economic_table(src, _table(src, "basic_economic"))
    assert str(e.value) == (
        "made.txt:2: table 2024年一般公共预算安排基本支出分经济科目表: expected a header "
        "announcing column 合计: "
        "found '部门预算支出经济科目名称\\t政府预算支出经济科目名称\\t人员经费'"
    )


def test_summary_rows_of_three_labels_other_items_after_a_carry_over_and_bad_amounts():
    src = made(
        "2024年预算收支总表",  # 1
        "项目\t金额\t项目\t合计",  # 2
        "一、甲\t1.00\t二、乙\t2.00\t三、丙\t3.00",  # 3: three labels, each its amounts
        "上年结转\t1.00",  # 4
        "其他收入\t2.00",  # 5: not numbered: no source of the 结转
        "收入总计\t4.00\t支出总计\t5.00",  # 6
    )
    got = tables.read_summary_table(src, _table(src, "income_expense_summary"))
    assert [
        (r["source_line"], r["side"], r["item"], r["parent_item"], r["amount_wan"]) for r in got
    ] == [
        (3, "收入", "甲", None, D(1)),
        (3, "支出", "乙", None, D(2)),
        (3, "支出", "丙", None, D(3)),
        (4, "收入", "上年结转", None, D(1)),
        (5, "收入", "其他收入", None, D(2)),
        (6, "收入", "收入总计", None, D(4)),
        (6, "支出", "支出总计", None, D(5)),
    ]
    # a missing total names the last row of the table
    src.lines[5] = "收入总计\t4.00"
    with pytest.raises(IngestError) as e:
        tables.read_summary_table(src, _table(src, "income_expense_summary"))
    assert e.value.line == 6
    # a cell that is no amount opens a label: too many amounts on the 收入 side is the error
    src.lines[5] = "收入总计\t4.00\t4.00"
    with pytest.raises(IngestError) as e:
        tables.read_summary_table(src, _table(src, "income_expense_summary"))
    assert str(e.value) == (
        "made.txt:6: table 2024年预算收支总表: expected at most 1 amounts (amount): found '4.00'"
    )
    src = made("2024年预算收支总表", "项目\t金额\t项目\t金额", "收入总计\t4.00\t支出总计\t5.00")
    with pytest.raises(IngestError) as e:
        tables.read_summary_table(src, _table(src, "income_expense_summary"))
    assert str(e.value) == (
        "made.txt:2: table 2024年预算收支总表: expected a header announcing column 合计: "
        "found '项目\\t金额\\t项目\\t金额'"
    )


def test_fiscal_and_project_tables_name_a_bad_amount_and_a_bad_header():
    src = made(
        "2024年财政拨款安排机关运行经费预算表", "单位名称\t合计\t一般公共预算", "某局\t1.00\tx"
    )
    with pytest.raises(IngestError) as e:
        tables.read_fiscal_items(src, _table(src, "admin_operating"))
    assert str(e.value) == (
        "made.txt:3: table 2024年财政拨款安排机关运行经费预算表: "
        "expected a number in column general_budget: found 'x'"
    )
    src = made("2024年财政拨款安排机关运行经费预算表", "单位名称\t合计", "某局\t1.00\tx")
    with pytest.raises(IngestError) as e:
        tables.read_fiscal_items(src, _table(src, "admin_operating"))
    assert str(e.value) == (
        "made.txt:3: table 2024年财政拨款安排机关运行经费预算表: "
        "expected at most 1 amounts (total): found 'x'"
    )
    src = made("2024年财政拨款安排机关运行经费预算表", "单位名称\t一般公共预算", "某局\t1.00")
    with pytest.raises(IngestError) as e:
        tables.read_fiscal_items(src, _table(src, "admin_operating"))
    assert str(e.value) == (
        "made.txt:2: table 2024年财政拨款安排机关运行经费预算表: "
        "expected a header announcing column 合计: found '单位名称\\t一般公共预算'"
    )
    src = made("2024年项目支出预算表", "项目名称\t一般公共预算", "某局\t1.00")
    with pytest.raises(IngestError) as e:
        tables.read_project_table(src, _table(src, "project_current"))
    assert str(e.value) == (
        "made.txt:2: table 2024年项目支出预算表: "
        "expected a header announcing column 合计: found '项目名称\\t一般公共预算'"
    )
    src = made("2024年项目支出预算表", "项目名称\t合计\t一般公共预算", "某局\t1.00\t一")
    with pytest.raises(IngestError) as e:
        tables.read_project_table(src, _table(src, "project_current"))
    assert str(e.value) == (
        "made.txt:3: table 2024年项目支出预算表: "
        "expected a number in column general_budget: found '一'"
    )


def test_a_project_row_with_its_total_only_is_data():
    src = made("2024年项目支出预算表", "项目名称\t合计", "某局\t1.00", "某项目\t1.00")
    got = tables.read_project_table(src, _table(src, "project_current"))
    assert [(r["row_kind"], r["total"], r["source_line"]) for r in got] == [
        ("department", D(1), 3),
        ("project", D(1), 4),
    ]


def test_a_unit_of_nothing_is_no_grouping():
    assert tables._group_by_subtotals([{"total": D(0)}]) is None


# --- narrative.py: the cases the first mutation run left (each seen to fail with its mutant) --


def test_part1_reads_from_its_first_line_only():
    src = made("一、本部门职责", "（一）不读。", "前言", "（二）读。", "二、机构设置情况")
    # from line 3: no section heading on lines 3–4, so nothing is kept
    assert narrative.read_part1(src, 3, 4) == []
    assert narrative.read_part1(src, 1, 4) == [
        {"section": "duties", "heading": None, "body": "（一）不读。前言", "source_line": 2},
        {"section": "duties", "heading": None, "body": "（二）读。", "source_line": 4},
    ]


def test_a_glossary_term_right_after_the_heading_and_a_definition_starting_with_x():
    src = made("第四部分 名词解释", "一、XBRL：X格式的报表", "二、PDF:文件")
    got = narrative.read_glossary(src, 1)
    assert [(g["term"], g["definition"], g["source_line"]) for g in got] == [
        ("XBRL", "X格式的报表", 2),
        ("PDF", "文件", 3),
    ]


def test_stated_figures_in_any_order_and_after_an_earlier_full_stop():
    src = made("前言。采购预算总额10万元，其中货物4万元。服务6万元。")
    figures = [
        _figure("other", [r"其他(?P<v>\d+)"], after="missing"),  # after a figure never declared
        _figure("services", [r"服务(?P<v>\d+)万元"], after="total"),  # not in total's statement
        _figure("goods", [r"货物(?P<v>\d+)万元"], after="total"),
        _figure("total", [r"总额(?P<v>\d+)万元"]),
    ]
    got = narrative.read_stated(src, figures)
    assert [(f["key"], f["value"], f["sentence"]) for f in got] == [
        ("total", D(10), "总额10万元,其中货物4万元。"),
        ("goods", D(4), "总额10万元,其中货物4万元。"),
    ]


def test_list_figures_start_after_the_first_opening_words_only():
    lp = narrative.m.ListPattern("d", "支出方向", "其中")
    # the second 其中 opens no new list: both items are read; its words are dropped from the name
    block = narrative._Joined(made("其中：基本支出10万元，其中项目支出30万元"), 1, 1)
    assert [(f["key"], f["value"]) for f in narrative._list_figures(block, lp)] == [
        ("d.基本支出", D(10)),
        ("d.项目支出", D(30)),
    ]
    # an amount before the opening words is no item of the list
    block = narrative._Joined(made("合计总额10万元，其中：基本支出10万元"), 1, 1)
    assert [f["key"] for f in narrative._list_figures(block, lp)] == ["d.基本支出"]
    # nor are the two characters right before them
    block = narrative._Joined(made("说明：甲乙其中5万元，丙丁6万元"), 1, 1)
    assert [f["key"] for f in narrative._list_figures(block, lp)] == ["d.丙丁"]
    # a name of opening words only is skipped, and the list goes on
    lp = narrative.m.ListPattern("d", "支出方向", "主要包括")
    block = narrative._Joined(made("主要包括：其中5万元，基本支出3万元"), 1, 1)
    assert [f["key"] for f in narrative._list_figures(block, lp)] == ["d.基本支出"]


def test_catalogue_rows_before_its_header_or_first_line_and_without_heading():
    src = made(
        "A\t不读",  # 1: a code row before the header
        "代码\t一级目录\t二级目录\t三级目录\t四级目录",  # 2
        "A01\t\t读",  # 3: no department heading yet
    )
    got = narrative.read_catalogue(src, 1, 3)
    assert got == [{"section": "", "code": "A01", "level": 2, "name": "读", "source_line": 3}]
    assert all(type(r["level"]) is int for r in got)
    # from line 3 only: the header on line 2 is not seen, so nothing is read
    assert narrative.read_catalogue(src, 3, 3) == []


def test_sections_of_two_headings_a_heading_on_the_last_line_and_a_table_right_after_one():
    src = made(
        "一、部门预算收支数据变动情况及原因",  # 1
        "甲",  # 2
        "二、收入预算情况说明",  # 3
        "乙",  # 4
        "九、政府采购情况",  # 5: on the last line
    )
    assert narrative.narrative_sections(src, 1, 5) == [
        ("change", 1, 2),
        ("revenue", 3, 4),
        ("procurement", 5, 5),
    ]
    src = made(
        "一、部门预算收支数据变动情况及原因",  # 1
        "项目支出绩效目标表",  # 2: ends section 一 before it
        "二、收入预算情况说明",  # 3
        "乙",  # 4
        "十、绩效管理情况",  # 5
        "部门整体支出绩效目标申报表",  # 6: right after the heading
        "丙",  # 7
    )
    assert narrative.narrative_sections(src, 1, 7) == [
        ("change", 1, 1),
        ("revenue", 3, 4),
        ("performance", 5, 5),
    ]


def test_sentences_after_a_leading_full_stop_and_mention_labels_near_the_start_or_far():
    block = narrative._Joined(made("。甲"), 1, 1)
    assert block.sentence_at(1) == "甲"
    got = {
        f["key"]: f for f in narrative.read_key_figures(made("九、政府采购情况", "甲乙3台"), 1, 2)
    }
    assert got["procurement.mention.1"]["label"] == "甲乙"
    # no mark within the 24 characters before: the label is those 24 characters
    text = "丙" + "甲" * 24 + "3台"
    got = {f["key"]: f for f in narrative.read_key_figures(made("九、政府采购情况", text), 1, 2)}
    assert got["procurement.mention.1"]["label"] == "甲" * 24


def test_a_section_printed_under_two_headings_keeps_the_mentions_of_both():
    src = made(
        "七、“三公”经费增减变动原因说明",  # 1
        "车辆3辆。",  # 2
        "八、“三公”经费说明（续）",  # 3: the same section again
        "设备4台。",  # 4
    )
    got = {f["key"]: f for f in narrative.read_key_figures(src, 1, 4)}
    mentions = sorted(
        (f["source_line"], f["value"], f["unit"]) for k, f in got.items() if ".mention." in k
    )
    assert mentions == [(2, D(3), "辆"), (4, D(4), "台")]


# --- performance.py: the cases the first mutation run left (each seen to fail with its mutant) -


def test_performance_titles_on_the_last_line_of_forty_characters_and_next_to_a_heading():
    assert performance.locate(made("甲", "项目支出绩效目标表"), 1) == [(2, 2, False)]
    dept40 = "部门整体支出绩效目标申报表" + "长" * 27  # 40 characters: no title
    assert len(dept40) == 40
    assert performance.locate(made(dept40, "甲"), 1) == []
    assert performance.locate(made(dept40[:-1], "甲"), 1) == [(1, 2, True)]
    src = made(
        "十、绩效管理情况",  # 1: a heading right before a title
        "项目支出绩效目标表",  # 2
        "甲",  # 3
        "项目支出绩效目标表",  # 4
        "十一、其他",  # 5: a heading right after a title
        "乙",  # 6
    )
    assert performance.locate(src, 1) == [(2, 3, False), (4, 4, False)]


def test_department_table_variants():
    src = made(
        "\t内设职能部门数\t9个",  # 1: before the table: not read
        "部门整体支出绩效目标申报表",  # 2
        "\t部门名称\t101-某局",  # 3: the name without 部门基本信息
        "x\t其他人员数\t2人\t所属预算单位数",  # 4: a label in the last cell has no value
        "部门职责\t<p>职</p>\t责",  # 5: texts over several cells are joined as they are
        "部门战略目标\t目\t标",  # 6
        "重点任务\t任\t务",  # 7
        "年度绩效目标\t年\t度",  # 8
        "绩效指标\t产出指标\t数量指标\t培训人数\t5人",  # 9
        "\t\t\t\t≥90%",  # 10: a value without a name
    )
    pt = performance.parse_department(src, 2, 10)
    assert pt.title_line == 2
    assert pt.meta == {
        "supervisor": "101-某局",
        "summary": "职责",
        "basis": "目标",
        "plan": "任务",
        "goal_annual": "年度",
    }
    assert [(p["key"], p["value"], p["source_line"]) for p in pt.profile] == [
        ("staff_other", D(2), 4)
    ]
    assert [(i["name"], i["target_raw"], i["source_line"]) for i in pt.indicators] == [
        ("培训人数", "5人", 9),
        (None, "≥90%", 10),
    ]
    assert ("target value ≥90% without an indicator name", 10) in pt.notes
    # 部门基本信息 with the name in the same cell as its label
    src = made(
        "部门整体支出绩效目标申报表", "部门基本信息\t部门名称：101-某局", "绩效指标\t产出指标"
    )
    assert performance.parse_department(src, 1, 3).meta["supervisor"] == "101-某局"
    # a count that is not a number, the label not first in its row
    src = made("部门整体支出绩效目标申报表", "x\t内设职能部门数\t六个", "绩效指标\t产出指标")
    with pytest.raises(IngestError) as e:
        performance.parse_department(src, 1, 3)
    assert str(e.value) == (
        "made.txt:2: table 整体支出绩效目标申报表: expected a count for 内设职能部门数: "
        "found '六个'"
    )


def test_project_fund_rows_cell_by_cell():
    pt = performance.PerfTable("某项目", False, 1)
    rows = [
        (
            2,
            ["实施期资金总额：", "", "300", "年度资金总额：", "", "", "100"],
        ),  # blanks before amounts
        (3, ["单位自筹", "9", "说明", "单位自筹", "1"]),  # a label in the first cell; a word
        (4, ["项目资金", "8", "其他资金"]),  # a stray figure in the second cell; no amount
        (5, ["5", "中央财政资金", "1,000"]),  # a figure in the first cell is no stray figure
    ]
    got = performance._project_funds(made(), rows, pt)
    assert [(f["period"], f["source"], f["amount_yuan"], f["source_line"]) for f in got] == [
        ("实施期", "total", D(300), 2),
        ("年度", "total", D(100), 2),
        ("实施期", "self_raised", D(9), 3),
        ("年度", "self_raised", D(1), 3),
        ("实施期", "other", None, 4),
        ("实施期", "central", D(1000), 5),
    ]
    assert pt.notes == [("stray figure 8 in the funds block, not a fund", 4)]


def test_department_fund_rows_cell_by_cell():
    src = made(
        "部门整体支出绩效目标申报表",  # 1
        "年度预算情况\t合计\t1,234.5\t合计\t1,234.5",  # 2: the heading row holds the totals
        "\t项目支出\t1\t某种资金\t3\t其中:基本支出\t0.5",  # 3: an unknown label in the middle
        "年度重点任务\t重点任务",  # 4
    )
    pt = performance.parse_department(src, 1, 4)
    assert [
        (f["dimension"], f["source"], f["amount_yuan"], f["source_line"]) for f in pt.funds
    ] == [
        ("source", "total", D("12345000"), 2),
        ("direction", "total", D("12345000"), 2),
        ("direction", "project", D(10000), 3),
        ("direction", "basic", D(5000), 3),
    ]
    assert pt.notes == [("unknown fund label 某种资金", 3)]


def test_project_fund_periods_by_their_labels_and_a_label_without_amount_before_another():
    pt = performance.PerfTable("某项目", False, 1)
    rows = [
        (2, ["年度资金总额：", "5", "实施期资金总额：", "9"]),  # the 年度 total printed first
        (3, ["其他资金", "单位自筹", "4"]),  # no amount for 其他资金: 单位自筹 is read next
    ]
    got = performance._project_funds(made(), rows, pt)
    assert [(f["period"], f["source"], f["amount_yuan"]) for f in got] == [
        ("年度", "total", D(5)),
        ("实施期", "total", D(9)),
        ("实施期", "other", None),
        ("实施期", "self_raised", D(4)),
    ]
    assert pt.notes == []


def test_project_table_rows_of_few_cells_and_the_end_of_its_indicators():
    src = _project(
        "项目名称\t某项目",  # 2
        "主管部门及代码",  # 3: no supervisor printed
        "项目属性",  # 4: nor attribute
        "备注\t3年",  # 5: a duration looked for after 项目属性 …
        *BLOCK,  # 6, 7
        "经办人\t填报日期：20240102",  # 8: the block ends at 填报日期 too
        "项目属性\t新增项目\t项目期\t长期",  # 9: read after the block
    )
    pt = performance.parse_project(src, 1, 9)
    assert pt.meta == {
        "supervisor": None,
        "implementing_unit": None,
        "attribute": "新增项目",
        "duration": "长期",
        "fill_date": "20240102",
    }
    assert [i["source_line"] for i in pt.indicators] == [7, 7]
    src = _project(
        "项目名称\t某项目",  # 2
        "主管部门及代码\t101-某局\t实施单位：某中心\t备注",  # 3: 实施单位 not last
        "项目属性\t新增项目",  # 4: two cells
        "备注\t2年",  # 5
        *BLOCK,  # 6, 7
        "负责人：某",  # 8: the block ends at 负责人 without 填报日期
        "x\t培训人数\t9人",  # 9: not an indicator
    )
    pt = performance.parse_project(src, 1, 9)
    assert pt.meta["implementing_unit"] == "某中心"
    assert (pt.meta["attribute"], pt.meta["duration"]) == ("新增项目", "2年")
    assert pt.meta["fill_date"] is None
    assert [i["source_line"] for i in pt.indicators] == [7, 7]
    # no 项目属性: no duration looked for
    src = _project("项目名称\t某项目", "备注\t3年", *BLOCK)
    assert "duration" not in performance.parse_project(src, 1, 4).meta


def test_a_project_table_without_a_name_names_the_line_after_its_title():
    with pytest.raises(IngestError) as e:
        performance.parse_project(_project("项目名称\t", *BLOCK), 1, 4)
    assert str(e.value) == (
        "made.txt:1: table 项目支出绩效目标表: expected a 项目名称 row with the project's name: "
        "found '项目名称\\t'"
    )
    with pytest.raises(IngestError) as e:
        performance.parse_project(made("项目支出绩效目标表"), 1, 1)
    assert str(e.value) == (
        "made.txt:1: table 项目支出绩效目标表: expected a 项目名称 row with the project's name"
    )


def test_a_project_table_of_an_empty_goal_and_a_block_opened_by_its_annual_heading():
    src = _project(
        "项目名称\t某项目",  # 2
        "总体目标",  # 3: no text
        "年度绩效指标\t产出指标\t数量指标\t培训人数\t100人",  # 4
    )
    pt = performance.parse_project(src, 1, 4)
    assert (pt.meta["goal_impl"], pt.meta["goal_annual"]) == (None, None)
    assert [(i["name"], i["target_raw"], i["source_line"]) for i in pt.indicators] == [
        ("培训人数", "100人", 4)
    ]


def test_labelled_cells_holding_more_colons_and_the_duration_window():
    assert performance._label_value(["实施单位：甲：乙"], "实施单位") == "甲：乙"
    assert performance._label_value(["实施单位:甲:乙"], "实施单位") == "甲:乙"
    src = _project(
        "项目名称\t某项目",  # 2
        "项目属性\t新增项目\t项目期\t5年",  # 3
        "备注\t3年",  # 4: a duration is already read
        "一级指标\t二级指标\t三级指标\t指标值",  # 5: the block opened by its header
        "产出指标\t数量指标\t培训人数\t100人",  # 6
        "\t\t\t≥1次",  # 7: a value without a name
    )
    pt = performance.parse_project(src, 1, 7)
    assert pt.meta["duration"] == "5年"
    assert [(i["name"], i["target_raw"], i["source_line"]) for i in pt.indicators] == [
        ("培训人数", "100人", 6),
        (None, "≥1次", 7),
    ]
    assert ("target value ≥1次 without an indicator name", 7) in pt.notes
    src = _project(
        "项目名称\t某项目",  # 2
        "项目属性\t新增项目",  # 3: no duration
        "项目概况\t概况",  # 4: closes the window
        "备注\t4年",  # 5
        *BLOCK,
    )
    assert performance.parse_project(src, 1, 7).meta["duration"] is None


def test_a_project_table_without_indicators_says_so_whole():
    with pytest.raises(IngestError) as e:
        performance.parse_project(_project("项目名称\t某项目", "总体目标\t目标"), 1, 3)
    assert str(e.value) == (
        "made.txt:1: table 项目支出绩效目标表 某项目: expected an indicator block "
        "(绩效指标 一级/二级/三级/指标值): found 'the table ended without one (truncated?)'"
    )
