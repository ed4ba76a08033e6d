"""The corpus 部门决算 (final accounts) against values read by hand from the rendered pages.

Two documents: 上海市普陀区委社会工作部 2024 (two-panel basic table, an empty 三公 table with its
说明) and 国家信访局 2024 (行次 columns in the 收入支出决算总表, a three-panel basic table, 三公
预算数 | 决算数 with figures). Every hand-read row of every table (NOTES.md and hand_read.csv in
each folder) is compared with what ingest gives the database.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from budgetlens.source import norm
from tests.conftest import corpus_documents

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
FINALS = ("sh-putuo-shgzb-2024-final-dept", "cn-gjxfj-2024-final-dept")
CAR = "公务用车购置及运行费"
# the hand reading's names of the 三公 columns → the labels every layout's rows carry
THREE_PUBLIC = {
    "合计": "合计",
    "因公出国（境）费": "因公出国（境）费",
    "公务接待费": "公务接待费",
    "小计": CAR,
    "公务用车购置费": "公务用车购置费",
    "公务用车运行维护费": "公务用车运行费",
}


def _hand(name: str) -> list[dict]:
    with open(CORPUS / name / "hand_read.csv", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _wan(row: dict) -> Decimal:
    assert row["unit"] == "万元"
    return Decimal(row["value"].replace(",", ""))


@pytest.fixture(scope="module", params=FINALS)
def final(request) -> tuple:
    docs = corpus_documents(request.param)
    assert len(docs) == 1
    return request.param, docs[0]


def test_identity_and_layout(final) -> None:
    name, p = final
    hand = {r["label"]: r["value"] for r in _hand(name) if r["section"] == "identity"}
    assert p.layout == "national-final"
    assert (p.department, str(p.year), p.kind, p.scope) == (
        hand["department"],
        hand["year"],
        hand["kind"],
        hand["scope"],
    )


def test_summary_rows_match_and_blank_cells_stay_blank(final) -> None:
    name, p = final
    got: dict[tuple[str, str], Decimal] = {}
    for r in p.rows["summary_item"]:
        if r["table_key"] == "income_expense_summary":
            got.setdefault((r["side"], norm(r["label"])), r["amount_wan"])
    checked = 0
    for row in _hand(name):
        if row["section"] != "summary":
            continue
        side = "收入" if row["note"].startswith("收入") else "支出"
        key = (side, norm(row["label"]))
        if row["value"].strip():
            assert got.get(key) == _wan(row), row
            checked += 1
        else:
            assert key not in got, row  # printed blank: no figure made up
    assert checked >= 5


def test_key_figures_are_the_totals_and_the_years_own(final) -> None:
    """revenue_total / expenditure_total: the 总计 rows (carry-overs included);
    *_current_year: 本年收入合计 / 本年支出合计 (issue 10, export)."""
    name, p = final
    kf = {r["key"]: r["value"] for r in p.rows["key_figure"]}
    hand = {}
    for row in _hand(name):
        if row["section"] == "summary" and row["value"].strip():
            side = "收入" if row["note"].startswith("收入") else "支出"
            hand.setdefault((side, norm(row["label"])), _wan(row))
    assert kf["revenue_total"] == hand[("收入", "总计")]
    assert kf["expenditure_total"] == hand[("支出", "总计")]
    assert kf["revenue_current_year"] == hand[("收入", "本年收入合计")]
    assert kf["expenditure_current_year"] == hand[("支出", "本年支出合计")]
    if ("收入", "年初结转和结余") in hand:  # money carried over: 总计 is not the year's own
        assert kf["revenue_current_year"] < kf["revenue_total"]


def test_function_and_revenue_tables_match(final) -> None:
    name, p = final
    spent = {
        r["code"]: r
        for r in p.rows["expenditure_function"]
        if r["table_key"] == "expenditure_total"
    }
    revenue = {
        r["code"]: r for r in p.rows["revenue_function"] if r["table_key"] == "revenue_function"
    }
    columns = {"本年收入合计": "total_wan", "财政拨款收入": "fiscal_appropriation_wan"}
    columns["其他收入"] = "other_income_wan"
    checked = 0
    for row in _hand(name):
        if not row["value"].strip():
            continue
        code = row["code"] or None
        if row["section"] == "function":
            assert spent[code][f"{row['column']}_wan"] == _wan(row), row
            checked += 1
        elif row["section"] == "revenue":
            assert revenue[code][columns[row["column"]]] == _wan(row), row
            checked += 1
    assert checked >= 15


def test_basic_expenditure_panels_match(final) -> None:
    """Every code row of the 人员经费 | 公用经费 panels, in its panel's column, and the bottom
    row's 人员经费合计 / 公用经费合计 (the table prints no overall 合计: none is made up)."""
    name, p = final
    rows = [r for r in p.rows["expenditure_economic"] if r["table_key"] == "basic_economic"]
    by_code = {r["code"]: r for r in rows if r["code"]}
    subtotals = {r["dept_class"]: r for r in rows if r["row_kind"] == "subtotal"}
    assert not any(r["row_kind"] == "total" for r in rows)
    checked = 0
    for row in _hand(name):
        if row["section"] != "economic" or not row["value"].strip():
            continue
        hit = by_code[row["code"]] if row["code"] else subtotals[row["label"]]
        assert hit[f"{row['column']}_wan"] == _wan(row), row
        if row["code"]:
            assert hit["dept_class"] == row["label"], row
        checked += 1
    assert checked >= 10
    personnel = subtotals["人员经费合计"]
    public = subtotals["公用经费合计"]
    assert personnel["public_wan"] is None and public["personnel_wan"] is None
    # a code of the 公用经费 panel is never booked as 人员经费
    assert by_code["30201"]["personnel_wan"] is None and by_code["30201"]["public_wan"] is not None
    assert by_code["30101"]["public_wan"] is None and by_code["30101"]["personnel_wan"] is not None


def test_three_public_budget_and_actual(final) -> None:
    name, p = final
    items = {(r["table_key"], r["label"]): r["total_wan"] for r in p.rows["fiscal_item"]}
    hand = [r for r in _hand(name) if r["section"] == "three_public"]
    tables = {t["table_key"]: t for t in p.rows["source_table"]}
    if any(r["label"] == "absent" for r in hand):
        # printed with its columns but every cell blank, and a 说明 that says why
        assert not items
        assert tables["three_public"]["is_empty"]
        assert "本表无数据" in tables["three_public"]["note"]
        return
    for row in hand:
        key = "three_public_budget" if row["column"] == "预算数" else "three_public"
        label = THREE_PUBLIC[row["label"]]
        if row["value"].strip():
            assert items[(key, label)] == _wan(row), row
        else:
            assert (key, label) not in items, row
    kf = {r["key"]: r["value"] for r in p.rows["key_figure"]}
    assert kf["three_public_total"] == items[("three_public", "合计")]


def test_empty_fund_tables_keep_their_note(final) -> None:
    _, p = final
    tables = {t["table_key"]: t for t in p.rows["source_table"]}
    for key in ("gov_fund_expenditure", "state_capital"):
        t = tables[key]
        assert t["is_empty"], t
        assert "故本表无数据" in t["note"], t
        assert t["title"].endswith("决算表")
    # a table with figures has no note
    assert tables["expenditure_total"]["note"] is None
    # and none of it is reported as a reading problem
    assert not [
        n
        for n in p.rows["parse_note"]
        if n["table_key"] in tables and not n["table_key"].startswith("unknown_")
    ]


# What the reconciliation must report on 国家信访局 2024: the contradictions NOTES.md lists
# (numbers there), and nothing else.
GJXFJ_FINDINGS = {
    # 1. 类 totals sum to 14,572.54, printed 14,572.53
    ("column_total", "expenditure_total 合计 total_wan = Σ 类"),
    # 2. 201/20140 basic + project = 10,685.55; 项 basic 7,366.17; 221 项 rows 980.84
    ("row_sum", "expenditure_total 201 一般公共服务支出 合计 = 基本 + 项目"),
    ("row_sum", "expenditure_total 20140 信访事务 合计 = 基本 + 项目"),
    ("subtotal", "expenditure_total 20140 信访事务 basic_wan = Σ 下级科目"),
    ("subtotal", "expenditure_total 22102 住房改革支出 total_wan = Σ 下级科目"),
    ("subtotal", "expenditure_total 22102 住房改革支出 basic_wan = Σ 下级科目"),
    ("subtotal", "general_budget_expenditure 22102 住房改革支出 total_wan = Σ 下级科目"),
    ("subtotal", "general_budget_expenditure 22102 住房改革支出 basic_wan = Σ 下级科目"),
    # 3. 公开05 basic 类 cells 10,234.38 vs 合计 10,234.37 (and so 合计 ≠ 基本 + 项目 by 0.01)
    ("column_total", "general_budget_expenditure 合计 basic_wan = Σ 类"),
    ("row_sum", "general_budget_expenditure 合计 合计 合计 = 基本 + 项目"),
    # 4. 公开04: 13,733.80 + 6,993.74 = 20,727.54, printed 总计 20,727.53
    ("balance", "fiscal_summary 支出 总计 = 本年支出合计 + 年末财政拨款结转和结余"),
    # 5. 公开06: 303, 302, 310 items against their 类 rows
    ("subtotal", "basic_economic 303 对个人和家庭的补助 total_wan = Σ 款"),
    ("subtotal", "basic_economic 303 对个人和家庭的补助 personnel_wan = Σ 款"),
    ("subtotal", "basic_economic 302 商品和服务支出 total_wan = Σ 款"),
    ("subtotal", "basic_economic 302 商品和服务支出 public_wan = Σ 款"),
    ("subtotal", "basic_economic 310 资本性支出 total_wan = Σ 款"),
    ("subtotal", "basic_economic 310 资本性支出 public_wan = Σ 款"),
    # 6. 公开09 决算数: 4.69 + 40.61 + 0.90 = 46.20, printed 46.21
    ("three_public", "“三公”经费 合计 = 出国 + 公务用车 + 接待（决算数）"),
    # 7. the narrative's old names: 行政事业单位离退休（款）归口管理的行政单位离退休（项）
    (
        "name_consistency",
        "决算说明 社会保障和就业/行政事业单位离退休/归口管理的行政单位离退休：名称见于支出决算表",
    ),
}


def test_reconciliation_of_a_final_reports_its_own_contradictions() -> None:
    """The 决算 identities run (balances with the carry-overs, tables against the 总表, 人员/
    公用经费合计, 三公 预算数 and 决算数) and report exactly the document's contradictions."""
    from budgetlens import checks

    (p,) = corpus_documents("cn-gjxfj-2024-final-dept")
    results = checks.run_checks(p.rows, p.layout)
    found = {(r["check_kind"], r["subject"]) for r in results if r["status"] != "ok"}
    assert found == GJXFJ_FINDINGS
    assert all(
        r["status"] == "rounding"
        for r in results
        if r["status"] != "ok" and r["check_kind"] != "name_consistency"
    )
    # the narrative's 13 other 项: 支出决算 = the table's 项, stated rates = 支出决算 / 年初预算
    narrative = [r for r in results if r["check_kind"] == "narrative"]
    assert len(narrative) >= 20 and all(r["status"] == "ok" for r in narrative)
    subjects = {r["subject"] for r in results}
    # the identities were checked and held
    for held in (
        "income_expense_summary 收入 总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余",
        "income_expense_summary 支出 总计 = 本年支出合计 + 结余分配 + 年末结转和结余",
        "支出决算表 合计 = income_expense_summary 本年支出合计",
        "收入决算表 合计 = income_expense_summary 本年收入合计",
        "人员经费合计 + 公用经费合计 = 一般公共预算财政拨款支出决算表 合计 基本支出",
        "“三公”经费 合计 = 出国 + 公务用车 + 接待（预算数）",
    ):
        assert held in subjects, held


def test_a_broken_balance_is_a_mismatch() -> None:
    """年初结转和结余 + 本年收入 ≠ 总计 when a figure is changed: the family reports it."""
    from budgetlens import checks

    (p,) = corpus_documents("cn-gjxfj-2024-final-dept")
    rows = {k: list(v) for k, v in p.rows.items()}
    rows["summary_item"] = [
        {**r, "amount_wan": r["amount_wan"] + 1}
        if r["table_key"] == "income_expense_summary" and r["item"] == "年初结转和结余"
        else r
        for r in rows["summary_item"]
    ]
    results = checks.run_checks(rows, p.layout)
    before = {
        r["subject"] for r in checks.run_checks(p.rows, p.layout) if r["status"] == "mismatch"
    }
    bad = [r for r in results if r["status"] == "mismatch" and r["subject"] not in before]
    assert [r["subject"] for r in bad] == [
        "income_expense_summary 收入 总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余"
    ]


def test_export_of_a_final(tmp_path: Path) -> None:
    """A 决算's rows go to the same resources: documents.csv kind 决算; expenditure_function.csv
    the 支出决算表's 类/款/项 with basic and project (no 本年/上年结转 split); key_figures.csv the
    总计 rows as revenue_total/expenditure_total and 本年收入合计/本年支出合计 as *_current_year."""
    from budgetlens import checks, db
    from budgetlens.export import export_package

    database = tmp_path / "finals.duckdb"
    con = db.connect(database)
    try:
        for name in FINALS:
            (p,) = corpus_documents(name)
            db.load(con, p, checks.run_checks(p.rows, p.layout))
        export_package(con, tmp_path / "out")
    finally:
        con.close()

    def read(resource: str) -> list[dict]:
        with open(tmp_path / "out" / f"{resource}.csv", encoding="utf-8-sig") as fh:
            return list(csv.DictReader(fh))

    documents = {r["department"]: r for r in read("documents")}
    figures = {(r["document"], r["key"]): r["value"] for r in read("key_figures")}
    functions = read("expenditure_function")
    for name in FINALS:
        hand = _hand(name)
        ident = {r["label"]: r["value"] for r in hand if r["section"] == "identity"}
        document = documents[ident["department"]]
        assert (document["kind"], document["layout"]) == ("决算", "national-final")
        summary = {}
        for row in hand:
            if row["section"] == "summary" and row["value"].strip():
                side = "收入" if row["note"].startswith("收入") else "支出"
                summary.setdefault((side, norm(row["label"])), _wan(row))
        doc_id = document["document"]
        assert Decimal(figures[(doc_id, "revenue_total")]) == summary[("收入", "总计")]
        assert Decimal(figures[(doc_id, "expenditure_total")]) == summary[("支出", "总计")]
        assert (
            Decimal(figures[(doc_id, "revenue_current_year")]) == summary[("收入", "本年收入合计")]
        )
        assert (
            Decimal(figures[(doc_id, "expenditure_current_year")])
            == summary[("支出", "本年支出合计")]
        )
        mine = {r["code"]: r for r in functions if r["document"] == doc_id}
        checked = 0
        for row in hand:
            if row["section"] == "function" and row["code"] and row["value"].strip():
                got = mine[row["code"]]
                assert Decimal(got[row["column"]]) == _wan(row), row
                assert got["current_year"] == "" and got["carried_over"] == ""
                checked += 1
        assert checked >= 10


def test_pages_of_a_final_show_its_own_figures(tmp_path: Path, monkeypatch) -> None:
    """The overview of a 决算 shows its 支出总计 (the 总计 row, carry-overs included) and its
    本年支出合计 under that name; the 基本支出 page its 人员经费合计 and 公用经费合计."""
    from streamlit.testing.v1 import AppTest

    from budgetlens import checks, db
    from ui import fmt

    name = "cn-gjxfj-2024-final-dept"
    database = tmp_path / "final.duckdb"
    con = db.connect(database)
    try:
        (p,) = corpus_documents(name)
        db.load(con, p, checks.run_checks(p.rows, p.layout))
    finally:
        con.close()
    monkeypatch.setenv("BUDGETLENS_DB", str(database))
    hand = _hand(name)
    summary = {
        ("收入" if r["note"].startswith("收入") else "支出", norm(r["label"])): _wan(r)
        for r in hand
        if r["section"] == "summary" and r["value"].strip()
    }
    at = AppTest.from_file(str(Path(__file__).parents[1] / "app.py"), default_timeout=60)
    at.query_params["doc"] = f"{p.department}-{p.year}-决算-部门"
    at.run()
    assert not at.exception
    shown = {m.label: m.value for m in at.metric}
    assert shown["支出总计（万元）"] == fmt.wan(summary[("支出", "总计")])
    assert shown["本年支出合计（万元）"] == fmt.wan(summary[("支出", "本年支出合计")])
    at.switch_page("pages/basic_project.py").run()
    shown = {m.label: m.value for m in at.metric}
    subtotal = {r["label"]: _wan(r) for r in hand if r["section"] == "economic" and not r["code"]}
    assert shown["人员经费（万元）"] == fmt.wan(subtotal["人员经费合计"])
    assert shown["公用经费（万元）"] == fmt.wan(subtotal["公用经费合计"])


def test_workbook_of_a_final_shows_budget_beside_actual_three_public(tmp_path: Path) -> None:
    import openpyxl

    from budgetlens import checks, db
    from budgetlens.workbook import build_workbook

    name = "cn-gjxfj-2024-final-dept"
    (p,) = corpus_documents(name)
    con = db.connect(tmp_path / "w.duckdb")
    try:
        db.load(con, p, checks.run_checks(p.rows, p.layout))
        names = build_workbook(con, p.department, p.year, tmp_path / "w.xlsx")
    finally:
        con.close()
    sheet = next(n for n in names if "三公" in n)
    rows = list(openpyxl.load_workbook(tmp_path / "w.xlsx")[sheet].iter_rows(values_only=True))
    assert rows[1][:3] == ("项目", "预算数（万元）", "决算数（万元）")
    got = {r[0]: (r[1], r[2]) for r in rows[2:]}
    for row in [r for r in _hand(name) if r["section"] == "three_public"]:
        budget, actual = got.get(THREE_PUBLIC[row["label"]], (None, None))
        shown = budget if row["column"] == "预算数" else actual
        if row["value"].strip():
            assert Decimal(str(shown)).quantize(Decimal("0.01")) == _wan(row), row
        else:
            assert shown is None, row
    econ = next(n for n in names if "基本支出" in n)
    kinds = {
        r[0] for r in openpyxl.load_workbook(tmp_path / "w.xlsx")[econ].iter_rows(values_only=True)
    }
    assert "经费合计" in kinds and "subtotal" not in kinds


def test_the_deck_of_a_final_names_its_figures(tmp_path: Path) -> None:
    """A 决算's deck: 决算总览, and the 类 shares are of its 本年支出合计 (the 支出决算表's
    合计), not of the 支出总计 (which includes 年末结转和结余)."""
    from budgetlens import checks, db
    from budgetlens.storyline import slides

    (p,) = corpus_documents("cn-gjxfj-2024-final-dept")
    con = db.connect(tmp_path / "d.duckdb")
    try:
        db.load(con, p, checks.run_checks(p.rows, p.layout))
        story = {s.key: s for s in slides(con, p.department, p.year)}
    finally:
        con.close()
    assert story["overview"].title == "决算总览"
    assert "占本年支出合计" in story["function"].sentences[0]
    assert "支出总计" not in story["function"].sentences[0]


# the 项 the narratives explain (p18–19 of the Shanghai 决算, p21–23 of 国家信访局's), as printed
SH_ACTUALS = ("51.32", "11.31", "202.24", "6.18", "4.64", "2.22", "0.49", "17.70", "11.72")


def test_the_narrative_items_with_their_reasons() -> None:
    (sh,) = corpus_documents("sh-putuo-shgzb-2024-final-dept")
    notes = sh.rows["execution_note"]
    whole, notes = notes[0], notes[1:]
    # p18: 年初预算为 0 万元，全年预算为 321.02 万元，支出决算为 307.82 万元，完成年初预算的 95.89%
    assert (whole["item_name"], whole["year_start_budget_wan"], whole["full_year_budget_wan"]) == (
        "合计",
        Decimal("0"),
        Decimal("321.02"),
    )
    assert (whole["actual_wan"], whole["stated_rate"]) == (Decimal("307.82"), Decimal("95.89"))
    assert [str(n["actual_wan"]) for n in notes] == list(SH_ACTUALS)  # NOTES.md
    assert sum(n["full_year_budget_wan"] for n in notes) == Decimal("321.02")  # NOTES.md
    first = notes[0]
    assert (first["code"], first["item_name"], first["full_year_budget_wan"]) == (
        "2013901",
        "行政运行",
        Decimal("52.00"),
    )
    assert first["reason"] == "人员变动引起实际支出低于预算"
    assert first["stated_rate"] == Decimal("98.69") and first["rate_of"] == "全年"
    assert notes[2]["reason"] == "持平"  # 决算数与全年预算数持平
    (cn,) = corpus_documents("cn-gjxfj-2024-final-dept")
    whole, *notes = cn.rows["execution_note"]
    assert (whole["year_start_budget_wan"], whole["actual_wan"]) == (
        Decimal("15068.55"),
        Decimal("13733.8"),
    )
    assert len(notes) == 14
    assert sum(n["year_start_budget_wan"] for n in notes) == Decimal("15068.55")  # NOTES.md
    assert notes[1]["reason"] == "年中按规定将部门机动经费调剂用于其他科目"
    assert notes[1]["stated_rate"] == Decimal("0.8")
