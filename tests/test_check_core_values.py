"""The reconciliation's engine (budgetlens/check_core.py) held to values worked out by hand.

Small tables and rule files are made for each case; every expected status, difference, tolerance,
sum and sentence is written here as a literal, computed on paper (the comments show the working).
A boundary moved, a sum taken over the wrong rows or a tolerance of the wrong size fails here
(docs/testing.md, mutation testing of check_core.py).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from budgetlens import check_core
from budgetlens.check_core import Checker, Need
from tests.check_runs import FIELDS

D = Decimal

# --- dec: a cell as a Decimal ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [(None, "0"), (1.1, "1.1"), ("2.50", "2.50"), (D("-3.01"), "-3.01"), (7, "7"), (0, "0")],
)
def test_dec(value, text) -> None:
    assert str(check_core.dec(value)) == text


def test_constants() -> None:
    assert D("0.01") == check_core.CENT
    assert check_core.ZERO == 0
    assert check_core.WAN == 10000
    assert check_core.STATUSES == ("ok", "rounding", "mismatch", "unjudged")


# --- compare: ok, rounding, mismatch --------------------------------------------------------------


@pytest.mark.parametrize(
    ("expected", "actual", "items", "difference", "tolerance", "status"),
    [
        ("10.00", "10.00", 1, "0.00", "0.01", "ok"),
        # a difference exactly equal to the tolerance is NOT a mismatch
        ("10.00", "10.01", 1, "0.01", "0.01", "rounding"),
        ("10.00", "9.99", 1, "-0.01", "0.01", "rounding"),
        ("10.00", "10.03", 3, "0.03", "0.03", "rounding"),
        ("10.00", "9.97", 3, "-0.03", "0.03", "rounding"),
        # one cent beyond it is
        ("10.00", "10.02", 1, "0.02", "0.01", "mismatch"),
        ("10.00", "9.98", 1, "-0.02", "0.01", "mismatch"),
        ("10.00", "10.04", 3, "0.04", "0.03", "mismatch"),
        ("10.00", "9.96", 3, "-0.04", "0.03", "mismatch"),
        # no items summed (an identity): nothing allowed
        ("10.00", "10.01", 0, "0.01", "0.00", "mismatch"),
        ("10.00", "10.00", 0, "0.00", "0.00", "ok"),
        # ten items: 0.10 allowed
        ("100.00", "100.10", 10, "0.10", "0.10", "rounding"),
        ("100.00", "99.89", 10, "-0.11", "0.10", "mismatch"),
    ],
)
def test_compare_status_difference_and_tolerance(
    expected, actual, items, difference, tolerance, status
) -> None:
    c = Checker()
    c.compare("column_total", "s", D(expected), D(actual), [4], items=items)
    (r,) = c.results
    assert r["status"] == status
    assert r["difference"] == D(difference)  # actual − expected, with its sign
    assert r["tolerance"] == D(tolerance)
    assert (r["expected"], r["actual"]) == (D(expected), D(actual))


def test_compare_defaults_to_one_item() -> None:
    c = Checker()
    c.compare("k", "s", D("5.00"), D("5.01"), [1])
    c.compare("k", "s", D("5.00"), D("5.02"), [1])
    assert [r["status"] for r in c.results] == ["rounding", "mismatch"]
    assert [r["tolerance"] for r in c.results] == [D("0.01"), D("0.01")]


@pytest.mark.parametrize(
    ("tolerance", "actual", "status"),
    [
        ("0", "5.00", "ok"),
        ("0", "5.01", "mismatch"),  # an explicit 0 is 0, not a cent per item
        ("0", "4.99", "mismatch"),
        ("0.05", "5.05", "rounding"),  # at the tolerance
        ("0.05", "4.95", "rounding"),
        ("0.05", "5.06", "mismatch"),
        ("0.05", "4.94", "mismatch"),
        ("0.0001", "5.0001", "rounding"),
        ("0.0001", "5.0002", "mismatch"),
    ],
)
def test_an_explicit_tolerance_replaces_the_items(tolerance, actual, status) -> None:
    c = Checker()
    c.compare("k", "s", D("5.00"), D(actual), [1], items=5, tolerance=D(tolerance))
    (r,) = c.results
    assert (r["status"], r["tolerance"]) == (status, D(tolerance))


def test_a_blank_side_counts_zero() -> None:
    c = Checker()
    c.compare("k", "s", None, None, [1])
    c.compare("k", "s", D("0.01"), None, [1])
    c.compare("k", "s", None, 1.5, [1])
    ok, rounding, mismatch = c.results
    assert (ok["expected"], ok["actual"], ok["difference"], ok["status"]) == (0, 0, 0, "ok")
    assert (rounding["difference"], rounding["status"]) == (D("-0.01"), "rounding")
    assert (mismatch["actual"], mismatch["difference"], mismatch["status"]) == (
        D("1.5"),
        D("1.5"),
        "mismatch",
    )


# --- within: a ceiling ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("limit", "stated", "items", "difference", "tolerance", "status"),
    [
        ("100", "50", 0, "-50", "0.00", "ok"),  # below the ceiling
        ("100", "100", 0, "0", "0.00", "ok"),  # at it
        ("100", "100.01", 0, "0.01", "0.00", "mismatch"),  # no items: nothing above it
        ("100", "100.02", 2, "0.02", "0.02", "rounding"),  # two items: 0.02 above it
        ("100", "100.01", 2, "0.01", "0.02", "rounding"),
        ("100", "100.03", 2, "0.03", "0.02", "mismatch"),
        ("100", "99.99", 2, "-0.01", "0.02", "ok"),
    ],
)
def test_within_a_ceiling(limit, stated, items, difference, tolerance, status) -> None:
    c = Checker()
    c.within("cost_indicator", "s", D(limit), D(stated), [3], items=items)
    (r,) = c.results
    assert r["status"] == status
    assert r["difference"] == D(difference)
    assert r["tolerance"] == D(tolerance)
    assert (r["expected"], r["actual"]) == (D(limit), D(stated))


def test_within_keeps_what_and_where() -> None:
    c = Checker()
    c.within("cost_indicator", "成本 ≤ 资金", D(10), D(9), [4, 2], detail="≤10万元")
    (r,) = c.results
    assert (r["check_kind"], r["subject"], r["detail"], r["source_lines"]) == (
        "cost_indicator",
        "成本 ≤ 资金",
        "≤10万元",
        "2,4",
    )


def test_within_defaults_to_no_items() -> None:
    c = Checker()
    c.within("k", "s", D(10), D("10.01"), [1])
    (r,) = c.results
    assert (r["status"], r["tolerance"]) == ("mismatch", 0)


# --- facts, unjudged, and what every result carries -----------------------------------------------


def test_a_fact_and_an_unjudged_result_carry_no_figures() -> None:
    c = Checker("shanghai-budget")
    c.fact("name_consistency", "201 名称", True, [9], "一致")
    c.fact("name_consistency", "206 名称", False, [10, 2], "不一致")
    c.unjudged("period_consistency", "目标", [5], "未读到：年度的目标值（第5行为空）")
    for r in c.results:
        assert (r["expected"], r["actual"], r["difference"], r["tolerance"]) == (
            None,
            None,
            None,
            None,
        )
    assert [r["status"] for r in c.results] == ["ok", "mismatch", "unjudged"]
    assert [r["detail"] for r in c.results] == [
        "一致",
        "不一致",
        "未读到：年度的目标值（第5行为空）",
    ]
    assert [r["source_lines"] for r in c.results] == ["9", "2,10", "5"]
    assert [r["check_kind"] for r in c.results] == [
        "name_consistency",
        "name_consistency",
        "period_consistency",
    ]
    assert [r["subject"] for r in c.results] == ["201 名称", "206 名称", "目标"]
    assert {r["rule_set"] for r in c.results} == {"shanghai-budget"}


def test_every_result_has_the_columns_of_check_result_in_order() -> None:
    c = Checker()
    c.compare("k", "s", 1, 1, [1], detail="d")
    assert list(c.results[0]) == [
        "seq",
        "check_kind",
        "project",
        "subject",
        "expected",
        "actual",
        "difference",
        "tolerance",
        "status",
        "source_lines",
        "detail",
        "rule_set",
    ]
    assert c.results[0]["rule_set"] is None
    assert c.results[0]["project"] is None
    assert c.results[0]["detail"] == "d"


def test_source_lines_are_sorted_once_each_without_blanks() -> None:
    c = Checker()
    c.compare("k", "s", 1, 1, [12, 3, None, 12, 0, "7"])
    c.compare("k", "s", 1, 1, [])
    c.compare("k", "s", 1, 1, [None])
    assert [r["source_lines"] for r in c.results] == ["3,7,12", "", ""]


def test_results_are_numbered_in_order_and_keep_their_project() -> None:
    c = Checker()
    c.fact("k", "a", True, [1], "d")
    c.project = "科技计划项目"
    c.within("k", "b", 1, 1, [1])
    c.unjudged("k", "c", [1], "m")
    assert [(r["seq"], r["project"]) for r in c.results] == [
        (1, None),
        (2, "科技计划项目"),
        (3, "科技计划项目"),
    ]


def test_summarise_counts_every_status() -> None:
    c = Checker()
    c.compare("k", "s", 1, 1, [1])  # ok
    c.compare("k", "s", 1, D("1.01"), [1])  # rounding
    c.compare("k", "s", 1, D("1.02"), [1])  # mismatch
    c.compare("k", "s", 1, D("1.50"), [1])  # mismatch
    c.unjudged("k", "s", [1], "m")
    assert check_core.summarise(c.results) == {"ok": 1, "rounding": 1, "mismatch": 2, "unjudged": 1}
    assert check_core.summarise([]) == {"ok": 0, "rounding": 0, "mismatch": 0, "unjudged": 0}


# --- Need and Rule --------------------------------------------------------------------------------


ROWS = {
    "summary_item": [
        {"table_key": "a", "side": "收入", "parent_item": None, "n": 1},
        {"table_key": "a", "side": "支出", "parent_item": "", "n": 2},
        {"table_key": "b", "side": "收入", "parent_item": "上级", "n": 3},
        {"table_key": "c", "n": 4},
    ]
}


@pytest.mark.parametrize(
    ("where", "found"),
    [
        ({}, [1, 2, 3, 4]),
        ({"table_key": "a"}, [1, 2]),
        ({"table_key": "a", "side": "支出"}, [2]),
        ({"table_key": ["a", "c"]}, [1, 2, 4]),  # a list: any of them
        ({"table_key": ["b"]}, [3]),
        ({"parent_item": ""}, [1, 2, 4]),  # "" matches a blank cell and a missing column
        ({"side": "收入", "parent_item": ""}, [1]),
        ({"side": "其他"}, []),
        ({"missing": "x"}, []),
    ],
)
def test_need_finds_the_rows_whose_columns_match(where, found) -> None:
    assert [r["n"] for r in Need("summary_item", where).find(ROWS)] == found


def test_need_of_a_table_the_rows_lack_finds_nothing() -> None:
    assert Need("key_figure").find(ROWS) == []
    assert Need("key_figure", {"key": "x"}).find({}) == []


def test_need_describes_itself() -> None:
    assert Need("t").describe() == "t"
    assert Need("t", {"a": 1}).describe() == "t[a=1]"
    assert Need("t", {"a": "x", "b": ["y", "z"]}).describe() == "t[a=x, b=['y', 'z']]"


def test_rule_missing_lists_the_inputs_not_found() -> None:
    r = check_core.Rule(
        id="r",
        family="f",
        kind="k",
        needs=(Need("summary_item", {"table_key": "a"}), Need("key_figure"), Need("x", {"k": 1})),
    )
    assert r.missing(ROWS) == ["key_figure", "x[k=1]"]
    assert r.missing({**ROWS, "key_figure": [{}], "x": [{"k": 1}]}) == []


# --- rules declared in TOML -----------------------------------------------------------------------


@pytest.fixture
def rules_dir(tmp_path: Path, monkeypatch):
    """A rules folder of this test's own (rules() is cached: cleared before and after)."""
    monkeypatch.setattr(check_core, "RULES_DIR", tmp_path)
    check_core.rules.cache_clear()
    yield tmp_path
    check_core.rules.cache_clear()


IDENTITIES = """
[plain]
family = "identity"
kind = "narrative"
layouts = ["L"]
subject = "说明 {right[label]} vs 表 {left[item]}"
what = "a plain identity"
left = { table = "summary_item", column = "amount_wan", where = { item = "合计" } }
right = { table = "key_figure", column = "value", where = { key = "total" } }

[loose]
family = "identity"
kind = "narrative"
layouts = ["L", "M"]
tolerance = 0.05
subject = "宽 {right[label]}"
left = { table = "summary_item", column = "amount_wan", where = { item = "小计" } }
right = { table = "key_figure", column = "value", where = { key = "sub" } }

[not_an_identity]
family = "summary_tables"
kind = "balance"
layouts = ["L"]
subject = "not run by run_identities"
left = { table = "summary_item", column = "amount_wan", where = { item = "合计" } }
right = { table = "key_figure", column = "value", where = { key = "total" } }

[elsewhere]
family = "identity"
kind = "narrative"
layouts = ["M"]
subject = "only M"
left = { table = "summary_item", column = "amount_wan", where = { item = "合计" } }
right = { table = "key_figure", column = "value", where = { key = "total" } }
"""


def test_rules_are_read_from_every_file_in_order(rules_dir: Path) -> None:
    (rules_dir / "b.toml").write_text(IDENTITIES, encoding="utf-8")
    (rules_dir / "a.toml").write_text(
        '[first]\nfamily = "names"\nkind = "name_consistency"\n'
        'needs = [{ table = "expenditure_function" }, '
        '{ table = "revenue_function", where = { level = 1 } }]\n',
        encoding="utf-8",
    )
    (rules_dir / "notes.txt").write_text("[ignored]\n", encoding="utf-8")
    rules = check_core.rules()
    assert [r.id for r in rules] == ["first", "plain", "loose", "not_an_identity", "elsewhere"]
    first, plain, loose = rules[:3]
    assert first == check_core.Rule(
        id="first",
        family="names",
        kind="name_consistency",
        needs=(Need("expenditure_function", {}), Need("revenue_function", {"level": 1})),
    )
    assert (first.layouts, first.left, first.right, first.tolerance) == ((), None, None, None)
    assert (first.subject, first.what) == ("", "")
    # an identity needs its two sides
    assert plain.needs == (
        Need("summary_item", {"item": "合计"}),
        Need("key_figure", {"key": "total"}),
    )
    assert plain.layouts == ("L",)
    assert plain.left == {
        "table": "summary_item",
        "column": "amount_wan",
        "where": {"item": "合计"},
    }
    assert plain.right["where"] == {"key": "total"}
    assert (plain.tolerance, plain.subject, plain.what) == (
        None,
        "说明 {right[label]} vs 表 {left[item]}",
        "a plain identity",
    )
    assert loose.tolerance == D("0.05")  # the TOML float 0.05 read through str: exactly 0.05
    assert loose.layouts == ("L", "M")
    assert check_core.rule("loose") is loose


def test_a_rule_declared_twice_is_refused_naming_the_file(rules_dir: Path) -> None:
    (rules_dir / "a.toml").write_text('[x]\nfamily = "f"\nkind = "k"\n', encoding="utf-8")
    (rules_dir / "b.toml").write_text('[x]\nfamily = "g"\nkind = "k"\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"^b\.toml: rule x is declared twice$"):
        check_core.rules()


@pytest.mark.parametrize("body", ['family = "f"\n', 'kind = "k"\n', ""])
def test_a_rule_without_family_or_kind_is_refused(rules_dir: Path, body: str) -> None:
    (rules_dir / "r.toml").write_text(f"[y]\n{body}", encoding="utf-8")
    with pytest.raises(ValueError, match=r"^r\.toml: rule y needs family and kind$"):
        check_core.rules()


def test_an_undeclared_rule_is_a_key_error_naming_the_folder(rules_dir: Path) -> None:
    (rules_dir / "a.toml").write_text('[x]\nfamily = "f"\nkind = "k"\n', encoding="utf-8")
    assert check_core.rule("x").family == "f"
    with pytest.raises(KeyError, match="no rule zz in"):
        check_core.rule("zz")


# --- identities -----------------------------------------------------------------------------------


def _identity_rows(total, stated, sub=None, sub_stated=None) -> dict:
    rows = {
        "summary_item": [
            {"item": "合计", "amount_wan": total, "source_line": 20},
            {"item": "合计", "amount_wan": D("999"), "source_line": 21},  # a second hit: ignored
        ],
        "key_figure": [
            {
                "key": "total",
                "label": "收入总计",
                "value": stated,
                "source_line": 90,
                "sentence": "收入总计100万元。",
            }
        ],
    }
    if sub is not None or sub_stated is not None:
        rows["summary_item"].append({"item": "小计", "amount_wan": sub, "source_line": 30})
        rows["key_figure"].append(
            {"key": "sub", "label": "小计", "value": sub_stated, "source_line": 95}
        )
    return rows


def test_an_identity_is_equal_to_the_cent(rules_dir: Path) -> None:
    (rules_dir / "n.toml").write_text(IDENTITIES, encoding="utf-8")
    for stated, status in (("100.00", "ok"), ("100.01", "mismatch"), ("99.99", "mismatch")):
        c = Checker("L")
        check_core.run_identities(c, _identity_rows(D("100.00"), D(stated)), "L")
        (r,) = c.results  # only `plain` applies: `loose` lacks its sides, the others are not run
        assert r["status"] == status, stated
        assert r["subject"] == "说明 收入总计 vs 表 合计"
        assert (r["expected"], r["actual"]) == (D("100.00"), D(stated))
        assert r["difference"] == D(stated) - D("100.00")
        assert r["tolerance"] == 0
        assert r["source_lines"] == "20,90"
        assert r["detail"] == "收入总计100万元。"
        assert (r["check_kind"], r["rule_set"]) == ("narrative", "L")


def test_an_identity_allows_its_declared_tolerance(rules_dir: Path) -> None:
    (rules_dir / "n.toml").write_text(IDENTITIES, encoding="utf-8")
    for stated, status in (("50.05", "rounding"), ("49.95", "rounding"), ("50.06", "mismatch")):
        c = Checker()
        rows = _identity_rows(D(1), D(1), sub=D("50.00"), sub_stated=D(stated))
        check_core.run_identities(c, rows, "M")
        # layout M: `loose` and `elsewhere`, in declaration order
        assert [r["subject"] for r in c.results] == ["宽 小计", "only M"]
        loose = c.results[0]
        assert (loose["status"], loose["tolerance"]) == (status, D("0.05")), stated
        assert loose["source_lines"] == "30,95"
        assert loose["detail"] is None  # the key figure has no sentence
        assert c.results[1]["status"] == "ok"


def test_an_identity_of_a_float_cell_reads_it_as_written(rules_dir: Path) -> None:
    (rules_dir / "n.toml").write_text(IDENTITIES, encoding="utf-8")
    c = Checker()
    check_core.run_identities(c, _identity_rows(0.1, D("0.1")), "L")
    (r,) = c.results
    assert (r["expected"], r["status"]) == (D("0.1"), "ok")


def test_an_identity_with_a_side_unread_is_unjudged_naming_that_side(rules_dir: Path) -> None:
    (rules_dir / "n.toml").write_text(IDENTITIES, encoding="utf-8")
    c = Checker()
    check_core.run_identities(c, _identity_rows(None, D(1)), "L")
    check_core.run_identities(c, _identity_rows(D(1), None), "L")
    left, right = c.results
    assert (left["status"], left["detail"]) == ("unjudged", "未读到：左边的数值（第20行）")
    assert (right["status"], right["detail"]) == ("unjudged", "未读到：右边的数值（第90行）")
    assert left["source_lines"] == right["source_lines"] == "20,90"
    assert left["subject"] == "说明 收入总计 vs 表 合计"
    assert left["check_kind"] == "narrative"
    assert left["expected"] is None


ORDERED = """
[a_absent]
family = "identity"
kind = "narrative"
layouts = ["L"]
subject = "a"
left = { table = "summary_item", column = "amount_wan", where = { item = "无此项" } }
right = { table = "key_figure", column = "value", where = { key = "total" } }

[b_one_sided]
family = "identity"
kind = "narrative"
layouts = ["L"]
subject = "b"
right = { table = "key_figure", column = "value", where = { key = "total" } }

[c_unread]
family = "identity"
kind = "narrative"
layouts = ["L"]
subject = "c"
left = { table = "summary_item", column = "amount_wan", where = { item = "小计" } }
right = { table = "key_figure", column = "value", where = { key = "total" } }

[d_runs]
family = "identity"
kind = "narrative"
layouts = ["L"]
subject = "d"
left = { table = "summary_item", column = "amount_wan", where = { item = "合计" } }
right = { table = "key_figure", column = "value", where = { key = "total" } }
"""


def test_each_identity_is_run_whatever_the_ones_before_it_gave(rules_dir: Path) -> None:
    (rules_dir / "n.toml").write_text(ORDERED, encoding="utf-8")
    rows = _identity_rows(D("7.00"), D("7.00"))
    rows["summary_item"].append({"item": "小计", "amount_wan": None, "source_line": 31})
    c = Checker()
    check_core.run_identities(c, rows, "L")
    # a: a side absent, not run; b: declares one side only, not run; c: unread; d: equal
    assert [(r["subject"], r["status"], r["tolerance"]) for r in c.results] == [
        ("c", "unjudged", None),
        ("d", "ok", 0),
    ]


def test_an_identity_whose_side_is_absent_is_not_run(rules_dir: Path) -> None:
    (rules_dir / "n.toml").write_text(IDENTITIES, encoding="utf-8")
    rows = _identity_rows(D(1), D(1))
    c = Checker()
    check_core.run_identities(c, {"summary_item": rows["summary_item"]}, "L")
    check_core.run_identities(c, {"key_figure": rows["key_figure"]}, "L")
    check_core.run_identities(c, rows, "N")  # no identity declared for layout N
    assert c.results == []


def test_right_sentence() -> None:
    rows = _identity_rows(D(1), D(1))
    spec = {"table": "key_figure", "column": "value", "where": {"key": "total"}}
    assert check_core.right_sentence(rows, spec) == "收入总计100万元。"
    assert check_core.right_sentence(rows, {**spec, "where": {"key": "none"}}) is None
    assert check_core.right_sentence(rows, None) is None


# --- hierarchy: 合计 = Σ 类, 类 = Σ 款, 款 = Σ 项 -------------------------------------------------


def _row(code, level, line, name=None, **amounts):
    return {"code": code, "level": level, "source_line": line, "name": name or "合计", **amounts}


# 合计 10.00 | 4.00; 201 (6.00 | 4.00) = 20101 (2.50 | 1.50) + 20102 (3.51 | 2.50);
# 20102 = 2010201 (3.51 | 2.50); 206 (4.03 | blank) = 20601 (4.03 | blank)
TABLE = [
    _row(None, 0, 1, total_wan=D("10.00"), basic_wan=D("4.00")),
    _row("201", 1, 2, "一般公共服务支出", total_wan=D("6.00"), basic_wan=D("4.00")),
    _row("20101", 2, 3, "人大事务", total_wan=D("2.50"), basic_wan=D("1.50")),
    _row("20102", 2, 4, "政协事务", total_wan=D("3.51"), basic_wan=D("2.50")),
    _row("2010201", 3, 5, "行政运行", total_wan=D("3.51"), basic_wan=D("2.50")),
    _row("206", 1, 6, "科学技术支出", total_wan=D("4.03"), basic_wan=None),
    _row("20601", 2, 7, "科学技术管理事务", total_wan=D("4.03"), basic_wan=None),
]


def _hierarchy(rows, columns=("total_wan", "basic_wan"), cent=None) -> list[tuple]:
    c = Checker()
    if cent is None:
        check_core.hierarchy(c, "column_total", "t", rows, list(columns))
    else:
        check_core.hierarchy(c, "column_total", "t", rows, list(columns), cent)
    # kind | subject | expected | actual | difference | tolerance | status | lines, as written
    return [" | ".join(str(r[k]) for k in FIELDS) for r in c.results]


def test_hierarchy_sums_each_level_with_a_cent_per_item() -> None:
    assert _hierarchy(TABLE) == [
        # 6.00 + 4.03 = 10.03 against 10.00: 0.03 beyond the 0.02 of two 类
        "column_total | t 合计 total_wan = Σ 类 | 10.00 | 10.03 | 0.03 | 0.02 | mismatch | 1,2,6",
        # 2.50 + 3.51 = 6.01 against 6.00: within the 0.02 of two 款
        "subtotal | t 201 一般公共服务支出 total_wan = Σ 下级科目 | 6.00 | 6.01 | 0.01 | 0.02"
        " | rounding | 2,3,4",
        "subtotal | t 20102 政协事务 total_wan = Σ 下级科目 | 3.51 | 3.51 | 0.00 | 0.01 | ok | 4,5",
        "subtotal | t 206 科学技术支出 total_wan = Σ 下级科目 | 4.03 | 4.03 | 0.00 | 0.01 | ok"
        " | 6,7",
        # 4.00 + blank (0) = 4.00
        "column_total | t 合计 basic_wan = Σ 类 | 4.00 | 4.00 | 0.00 | 0.02 | ok | 1,2,6",
        # 1.50 + 2.50 = 4.00
        "subtotal | t 201 一般公共服务支出 basic_wan = Σ 下级科目 | 4.00 | 4.00 | 0.00 | 0.02"
        " | ok | 2,3,4",
        "subtotal | t 20102 政协事务 basic_wan = Σ 下级科目 | 2.50 | 2.50 | 0.00 | 0.01 | ok | 4,5",
        # blank against blank: 0 = 0
        "subtotal | t 206 科学技术支出 basic_wan = Σ 下级科目 | 0 | 0 | 0 | 0.01 | ok | 6,7",
    ]


def test_hierarchy_cent_follows_the_tables_unit() -> None:
    # a table in 元: 1 元 = 0.0001 万元 per item summed
    results = _hierarchy(TABLE, ("total_wan",), cent=D("0.0001"))
    assert [(r.split(" | ")[1].split()[1], r.split(" | ")[5:7]) for r in results] == [
        ("合计", ["0.0002", "mismatch"]),
        ("201", ["0.0002", "mismatch"]),  # 0.01 万元 is a hundred 元 off
        ("20102", ["0.0001", "ok"]),
        ("206", ["0.0001", "ok"]),
    ]


@pytest.mark.parametrize(("level", "word"), [(2, "款"), (3, "项"), (4, "下级科目")])
def test_a_table_whose_top_level_is_below_the_class_sums_that_level(level, word) -> None:
    rows = [
        _row(None, 0, 1, total_wan=D("3.00")),
        _row("20101", level, 2, "a", total_wan=D("1.00")),
        _row("20102", level, 3, "b", total_wan=D("2.00")),
    ]
    assert _hierarchy(rows, ("total_wan",)) == [
        f"column_total | t 合计 total_wan = Σ {word} | 3.00 | 3.00 | 0.00 | 0.02 | ok | 1,2,3",
    ]


def test_a_total_row_without_class_rows_is_unjudged() -> None:
    rows = [_row(None, 0, 8, total_wan=D("5.00"), basic_wan=None)]
    assert _hierarchy(rows) == [
        "column_total | t 合计 = Σ 类 | None | None | None | None | unjudged | 8",
    ]
    c = Checker()
    check_core.hierarchy(c, "column_total", "t", rows, ["total_wan", "basic_wan"])
    assert c.results[0]["detail"] == "未读到：t 的科目行（只读到第8行的合计）"
    # an empty or all-zero 合计 is not reported
    assert _hierarchy([_row(None, 0, 8, total_wan=None, basic_wan=D(0))]) == []


def test_coded_rows_without_a_level_leave_the_total_against_nothing() -> None:
    # no level read: the top is taken as 类, and no row is a 类
    rows = [
        _row(None, 0, 1, total_wan=None, basic_wan=D("2.00")),
        _row("201", None, 2, "a", total_wan=D("1.00"), basic_wan=D("2.00")),
    ]
    # total_wan: the 合计 cell is blank and there are no 类 rows: nothing to compare;
    # basic_wan: 2.00 stated against nothing summed (0), no items, nothing allowed
    assert _hierarchy(rows) == [
        "column_total | t 合计 basic_wan = Σ 类 | 2.00 | 0 | -2.00 | 0.00 | mismatch | 1",
    ]


def test_a_table_without_a_total_checks_only_its_subtotals() -> None:
    rows = [
        _row("201", 1, 2, "a", total_wan=D("1.00")),
        _row("20101", 2, 3, "b", total_wan=D("0.40")),
        _row("20102", 2, 4, "c", total_wan=D("0.61")),
        _row("2010101", 3, 5, "d", total_wan=D("0.40")),
    ]
    assert _hierarchy(rows, ("total_wan",)) == [
        # 0.40 + 0.61 = 1.01 against 1.00
        "subtotal | t 201 a total_wan = Σ 下级科目 | 1.00 | 1.01 | 0.01 | 0.02 | rounding | 2,3,4",
        "subtotal | t 20101 b total_wan = Σ 下级科目 | 0.40 | 0.40 | 0.00 | 0.01 | ok | 3,5",
    ]


# --- small helpers --------------------------------------------------------------------------------


def test_by_table_groups_rows_by_a_key() -> None:
    rows = [{"table_key": "a", "n": 1}, {"table_key": "b", "n": 2}, {"table_key": "a", "n": 3}]
    assert check_core.by_table(rows) == {"a": [rows[0], rows[2]], "b": [rows[1]]}
    assert check_core.by_table(rows, "n") == {1: [rows[0]], 2: [rows[1]], 3: [rows[2]]}
    assert check_core.by_table([]) == {}
    assert check_core.by_table([])["x"] == []  # a table without rows has none


def test_closest_name() -> None:
    names = ["科学技术支出", "教育支出", "社会保障和就业支出"]
    assert check_core.closest("科学技术支", names) == "科学技术支出"
    assert check_core.closest("教育", names) == "教育支出"  # 2·2/(2+4) = 0.67
    assert check_core.closest("支出", ["科学技术支出"]) is None  # 2·2/(2+6) = 0.5
    # "abcde" against "abcxy": 3 of 5 characters alike, ratio 2·3/10 = 0.6: the cut-off holds it
    assert check_core.closest("abcde", iter(["abcxy", "zzzzz"])) == "abcxy"
    assert check_core.closest("abcde", ["abxyz"]) is None  # 2·2/10 = 0.4
    assert check_core.closest("x", []) is None


@pytest.mark.parametrize(
    ("unit", "cent"),
    [("元", "0.0001"), ("千元", "0.001"), ("万元", "0.01"), (None, "0.01"), ("亿元", "0.01")],
)
def test_unit_cent(unit, cent) -> None:
    rows = {
        "source_table": [
            {"table_key": "other", "amount_unit": "元"},
            {"table_key": "t", "amount_unit": unit},
        ]
    }
    assert check_core.unit_cent(rows, "t") == D(cent)


def test_unit_cent_of_a_table_not_listed_is_a_cent_of_wan() -> None:
    rows = {"source_table": [{"table_key": "other", "amount_unit": "元"}]}
    assert check_core.unit_cent(rows, "t") == D("0.01")
    assert check_core.unit_cent({}, "t") == D("0.01")


SUMMARY = [
    {"table_key": "s", "side": "收入", "item": "财政拨款", "column_key": "amount", "n": 1},
    {"table_key": "s", "side": "收入", "item": "财政拨款", "column_key": "amount", "n": 2}
    | {"parent_item": "本年收入"},
    {"table_key": "s", "side": "支出", "item": "财政拨款", "column_key": "amount", "n": 3},
    {"table_key": "s", "side": "收入", "item": "财政拨款", "column_key": "total", "n": 4},
    {"table_key": "f", "side": "收入", "item": "财政拨款", "column_key": "amount", "n": 5},
    {"table_key": "s", "side": "收入", "item": "事业收入", "column_key": "amount", "n": 6},
]


@pytest.mark.parametrize(
    ("args", "n"),
    [
        (("s", "收入", "财政拨款", "amount"), 1),
        (("s", "收入", "财政拨款", "amount", "本年收入"), 2),
        (("s", "支出", "财政拨款", "amount"), 3),
        (("s", "收入", "财政拨款", "total"), 4),
        (("f", "收入", "财政拨款", "amount"), 5),
        (("s", "收入", "事业收入", "amount"), 6),
        (("s", "收入", "事业收入", "amount", "本年收入"), None),
        (("s", "收入", "其他", "amount"), None),
    ],
)
def test_summary_value_matches_every_coordinate(args, n) -> None:
    hit = check_core.summary_value(SUMMARY, *args)
    assert (hit["n"] if hit else None) == n


def test_level1_rows_by_name() -> None:
    rows = {
        "expenditure_function": [
            {"table_key": "t", "level": 1, "name": "教育支出", "n": 1},
            {"table_key": "t", "level": 2, "name": "普通教育", "n": 2},
            {"table_key": "u", "level": 1, "name": "教育支出", "n": 3},
            {"table_key": "t", "level": 1, "name": "科学技术支出", "n": 4},
        ]
    }
    assert {k: v["n"] for k, v in check_core.level1(rows, "t").items()} == {
        "教育支出": 1,
        "科学技术支出": 4,
    }
    assert check_core.level1({}, "t") == {}


def test_fund_finds_one_source_of_one_project_and_period() -> None:
    funds = [
        {"project": "p", "period": "年度", "source": "财政拨款", "dimension": "source", "n": 1},
        {"project": "p", "period": "实施期", "source": "财政拨款", "dimension": "source", "n": 2},
        {"project": "q", "period": "年度", "source": "财政拨款", "dimension": "source", "n": 3},
        {"project": "p", "period": "年度", "source": "其他", "dimension": "source", "n": 4},
        {"project": "p", "period": "年度", "source": "财政拨款", "dimension": "year", "n": 5},
    ]
    rows = {"performance_fund": funds}
    assert check_core.fund(rows, "p", "年度", "财政拨款")["n"] == 1
    assert check_core.fund(rows, "p", "实施期", "财政拨款")["n"] == 2
    assert check_core.fund(rows, "q", "年度", "财政拨款")["n"] == 3
    assert check_core.fund(rows, "p", "年度", "其他")["n"] == 4
    assert check_core.fund(rows, "p", "年度", "财政拨款", "year")["n"] == 5
    assert check_core.fund(rows, "q", "实施期", "财政拨款") is None
    assert check_core.fund({}, "p", "年度", "财政拨款") is None


@pytest.mark.parametrize(
    ("kind", "value", "unit", "wan"),
    [
        ("numeric", 22000, "元", "2.2"),  # 22,000 元 ÷ 10,000
        ("numeric", 1234567.891, "元", "123.456789"),  # 123.4567891 to six places
        ("numeric", 1.5, "亿元", "15000.0"),
        ("numeric", 300, "万元", "300"),
        ("numeric", 5, "千元", "0.5"),
        ("numeric", 90, "%", None),  # not money
        ("numeric", None, "元", None),
        ("text", 22000, "元", None),
    ],
)
def test_cost_in_wan(kind, value, unit, wan) -> None:
    ind = {"target_kind": kind, "target_value": value, "target_unit": unit}
    got = check_core.cost_wan(ind)
    assert (None if got is None else str(got)) == wan


@pytest.mark.parametrize(
    ("part", "whole", "result"),
    [
        ("1", "3", "33.33"),  # 33.333…
        ("2", "3", "66.67"),  # 66.666…
        ("1", "8", "12.50"),
        ("1", "800", "0.13"),  # 0.125: a 5 rounds up, as the documents round (half-even: 0.12)
        ("3", "800", "0.38"),  # 0.375
        ("1120.79", "4266.91", "26.27"),  # the seed's 基本支出 share (26.2670…)
        ("-1", "8", "-12.50"),
        ("-1", "800", "-0.13"),
        ("0", "5", "0.00"),
        ("5", "5", "100.00"),
    ],
)
def test_pct_rounds_half_up(part, whole, result) -> None:
    assert str(check_core.pct(D(part), D(whole))) == result


def test_pct_of_nothing_is_none() -> None:
    assert check_core.pct(D(1), D(0)) is None
    assert check_core.pct(D(0), D(0)) is None
