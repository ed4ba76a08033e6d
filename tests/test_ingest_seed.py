"""The seed document, table by table, against values read by hand (tests/fixtures/…).

The fixtures were typed from the document by a person, not produced by the parser: each test
compares what the database holds with them, as whole sets, so a missing, extra or wrong row fails.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from tests.conftest import read_fixture

DEPT, YEAR = "晋城市科学技术局", 2024


def dec(text: str) -> Decimal | None:
    return Decimal(text.replace(",", "")) if text.strip() else None


def money(v) -> Decimal | None:
    return None if v is None else Decimal(v).normalize()


def norm_money(v) -> Decimal | None:
    return None if v is None else v.normalize()


@pytest.fixture(scope="module")
def con(seed_db: Path):
    c = duckdb.connect(str(seed_db), read_only=True)
    yield c
    c.close()


def rows(con, sql: str, **params) -> list[tuple]:
    return con.execute(sql, params).fetchall()


def test_document_is_identified_by_department_and_year(con):
    assert rows(con, "select department, year, line_count from document") == [(DEPT, YEAR, 2208)]


@pytest.mark.parametrize("table", ["expenditure_total", "general_budget_expenditure"])
def test_function_tables_match_hand_read_values(con, table):
    expected = {
        (
            int(r["line"]),
            r["code"] or None,
            r["name"],
            dec(r["total"]),
            dec(r["basic"]),
            dec(r["project"]),
        )
        for r in read_fixture("function_tables.csv")
        if r["table"] == table
    }
    got = {
        (line, code, name, norm_money(t), norm_money(b), norm_money(p))
        for line, code, name, t, b, p in rows(
            con,
            "select source_line, code, name, total_wan, basic_wan, project_wan "
            "from expenditure_function where table_key = $t",
            t=table,
        )
    }
    expected = {(a, b, c, *(norm_money(x) for x in rest)) for a, b, c, *rest in expected}
    assert got == expected


def test_revenue_table_matches_hand_read_values(con):
    cols = [
        "total",
        "general_budget",
        "gov_fund",
        "state_capital",
        "special_account",
        "unit_funds",
        "carried_over",
    ]
    expected = {
        (int(r["line"]), r["code"] or None, r["name"], *(norm_money(dec(r[c])) for c in cols))
        for r in read_fixture("revenue_by_function.csv")
    }
    got = {
        (r[0], r[1], r[2], *(norm_money(v) for v in r[3:]))
        for r in rows(
            con,
            "select source_line, code, name, "
            + ", ".join(f"{c}_wan" for c in cols)
            + " from revenue_function where table_key = 'revenue_function'",
        )
    }
    assert got == expected


def test_summary_tables_match_hand_read_values(con):
    expected = Counter(
        (
            r["table"],
            int(r["line"]),
            r["side"],
            r["item"],
            r["column"],
            dec(r["amount"]).normalize(),
        )
        for r in read_fixture("summary_rows.csv")
    )
    got = Counter(
        (t, line, side, label, col, amount.normalize())
        for t, line, side, label, col, amount in rows(
            con,
            "select table_key, source_line, side, label, column_key, amount_wan from summary_item",
        )
    )
    assert got == expected


def test_economic_table_matches_hand_read_values(con):
    expected = {
        (
            int(r["line"]),
            r["row_kind"],
            r["group"] or None,
            None if r["row_kind"] == "total" else r["dept_class"],
            r["gov_class"] or None,
            *(norm_money(dec(r[c])) for c in ("total", "personnel", "public")),
        )
        for r in read_fixture("economic.csv")
    }
    got = {
        (r[0], r[1], r[2], r[3], r[4], *(norm_money(v) for v in r[5:]))
        for r in rows(
            con,
            "select source_line, row_kind, group_name, dept_class, gov_class, "
            "total_wan, personnel_wan, public_wan from expenditure_economic",
        )
    }
    assert got == expected


def test_admin_operating_table_matches_hand_read_values(con):
    expected = {
        (
            int(r["line"]),
            r["unit"],
            *(
                norm_money(dec(r[c]))
                for c in ("total", "general_budget", "gov_fund", "state_capital")
            ),
        )
        for r in read_fixture("admin_operating.csv")
    }
    got = {
        (r[0], r[1], *(norm_money(v) for v in r[2:]))
        for r in rows(
            con,
            "select source_line, label, total_wan, general_budget_wan, "
            "gov_fund_wan, state_capital_wan from fiscal_item "
            "where table_key = 'admin_operating'",
        )
    }
    assert got == expected


def test_project_tables_and_unit_hierarchy_match_hand_read_values(con):
    expected = {
        (
            int(r["line"]),
            r["carried_over"] == "true",
            r["row_kind"],
            r["unit"] or None,
            r["project"] if r["row_kind"] == "project" else None,
            norm_money(dec(r["total"])),
            norm_money(dec(r["general_budget"])),
        )
        for r in read_fixture("projects.csv")
    }
    got = {
        (r[0], r[1], r[2], r[3], r[4], norm_money(r[5]), norm_money(r[6]))
        for r in rows(
            con,
            "select source_line, carried_over, row_kind, unit, project, "
            "total_wan, general_budget_wan from project_budget",
        )
    }
    assert got == expected


def test_budget_units_are_the_department_and_its_three_units(con):
    got = rows(
        con, "select unit, is_department from budget_unit order by is_department desc, source_line"
    )
    assert got == [
        (DEPT, True),
        (DEPT, False),
        ("晋城市科学技术研究院", False),
        ("晋城市科学技术发展中心", False),
    ]


def test_tables_that_say_no_data_are_present_and_empty(con):
    expected = {(int(r["line"]), r["title"]) for r in read_fixture("empty_tables.csv")}
    got = set(rows(con, "select source_line, title from source_table where is_empty"))
    assert got == expected
    assert rows(con, "select count(*) from source_table")[0][0] == 13


def test_project_metadata_matches_hand_read_values(con):
    fields = ("supervisor", "implementing_unit", "attribute", "duration", "fill_date")
    expected = {
        (r["project"], int(r["title_line"]), *(r[f] for f in fields))
        for r in read_fixture("project_meta.csv")
    }
    got = set(
        rows(
            con,
            "select project, source_line, "
            + ", ".join(fields)
            + " from performance_table where not is_department",
        )
    )
    assert got == expected


def test_project_funds_match_hand_read_values(con):
    expected = {
        (
            r["project"],
            r["period"],
            r["source"],
            None if not r["amount_yuan"] else Decimal(r["amount_yuan"]),
        )
        for r in read_fixture("project_funds.csv")
    }
    got = {
        (p, period, s, None if a is None else a.normalize())
        for p, period, s, a in rows(
            con,
            "select project, period, source, amount_yuan from performance_fund "
            "where project <> '部门整体'",
        )
    }
    expected = {(a, b, c, None if d is None else d.normalize()) for a, b, c, d in expected}
    assert got == expected


def test_every_indicator_row_matches_hand_read_values(con):
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
        rows(
            con,
            "select project, period, source_line, level1, level2, name, "
            "target_raw from performance_indicator",
        )
    )
    missing, extra = expected - got, got - expected
    assert not missing and not extra, f"missing {sorted(missing)}\nextra {sorted(extra)}"


def test_department_profile_matches_hand_read_values(con):
    fixture = read_fixture("department_profile.csv")
    labels = {
        r["label"]: (r["value"], r["source_line"])
        for r in [
            dict(zip(("label", "value", "source_line"), t, strict=True))
            for t in rows(
                con, "select label, value, source_line from key_figure where key like 'dept_%'"
            )
        ]
    }
    for r in fixture:
        item = r["item"]
        if item in labels:
            value, line = labels[item]
            assert (value, line) == (Decimal(r["value"]), int(r["line"])), item
    funds = {
        (dim, label.removeprefix("其中:")): amount / 10000
        for dim, label, amount in rows(
            con,
            "select dimension, label, amount_yuan from performance_fund where project = '部门整体'",
        )
    }
    for r in fixture:
        if ":" in r["item"] and r["item"].split(":")[0] in ("source", "direction"):
            dim, label = r["item"].split(":", 1)
            assert funds[(dim, label)] == Decimal(r["value"]), r["item"]
    assert sum(1 for r in fixture if r["item"] in labels) == 6


def test_every_narrative_figure_is_a_key_figure_on_its_line(con):
    # changes are stored signed (减少 → negative); the document prints their magnitude
    got = Counter(
        (line, abs(value).normalize())
        for line, value in rows(
            con, "select source_line, value from key_figure where key not like 'dept_%'"
        )
    )
    missing = []
    for r in read_fixture("key_figures.csv"):
        key = (int(r["line"]), Decimal(r["value"]).normalize())
        if got[key] > 0:
            got[key] -= 1
        else:
            missing.append((r["line"], r["description"], r["value"]))
    assert not missing


def test_glossary_matches_hand_read_terms(con):
    expected = [(int(r["line"]), r["term"]) for r in read_fixture("glossary.csv")]
    assert rows(con, "select source_line, term from glossary_term order by seq") == expected


def test_catalogue_keeps_every_entry(con):
    summary = {r["item"]: r["value"] for r in read_fixture("catalogue_summary.csv")}
    level4 = rows(con, "select code, name from service_catalogue where level = 4 order by seq")
    assert len(level4) == int(summary["four_level_entries"])
    assert level4[0] == (summary["first_four_level_code"], summary["first_four_level_name"])
    assert level4[-1] == (summary["last_four_level_code"], summary["last_four_level_name"])
    sections = rows(con, "select count(distinct section) from service_catalogue")[0][0]
    assert sections == int(summary["department_headings"])
