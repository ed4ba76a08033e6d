"""Budget against actual (issue 10) on generated pairs: a synthetic 预算 (shanghai-budget layout)
and the synthetic 决算 of the same department and year (national-final layout) written with known
differences (budgetlens_synthetic.final_layout). Every expected figure is computed here from the
generator's model (0.01 万元 integers), never read back from a PDF or the database.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from budgetlens import db, execution, pipeline, queries
from budgetlens.checks import run_checks
from budgetlens.pdf_ingest import parse_pdfs
from budgetlens_synthetic import build_department, department_name
from budgetlens_synthetic.final_layout import (
    THREE_PUBLIC_ITEMS,
    actuals,
    generate_final_pdf,
    three_public_actuals,
)
from budgetlens_synthetic.pdf_layouts import generate_pdf
from budgetlens_synthetic.pdf_writer import FontNotFound, find_cjk_font
from ui import fmt

SEED, YEAR = 0, 2024
PAIRED = (3, 4)  # department 3 has “三公”经费, department 4 has none
BUDGET_ONLY, FINAL_ONLY = 5, 6
APP = Path(__file__).resolve().parents[1] / "app.py"

try:
    find_cjk_font()
    NO_FONT = ""
except FontNotFound as exc:
    NO_FONT = str(exc)
pytestmark = pytest.mark.skipif(bool(NO_FONT), reason=NO_FONT or "a CJK font is installed")


def doc(k: int, kind: str) -> str:
    return f"{department_name(k)}-{YEAR}-{kind}-部门"


def wan(units: int) -> Decimal:
    return Decimal(units) / 100


def rate(actual: int, budget: int) -> Decimal | None:
    if budget <= 0:
        return None
    return (Decimal(actual) * 100 / Decimal(budget)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def build_pairs(folder: Path) -> Path:
    """The generated documents (two pairs, a 预算 alone, a 决算 alone) loaded into
    ``folder/pairs.duckdb`` by the ingest pipeline; returns the database path."""
    paths = []
    for k in (*PAIRED, BUDGET_ONLY, FINAL_ONLY):
        name = department_name(k)
        if k != FINAL_ONLY:
            path = folder / f"{k}-budget.pdf"
            path.write_bytes(generate_pdf(SEED, name, YEAR, "shanghai-budget"))
            paths.append(path)
        if k != BUDGET_ONLY:
            path = folder / f"{k}-final.pdf"
            path.write_bytes(generate_final_pdf(SEED, name, YEAR))
            paths.append(path)
    assert build_department(SEED, department_name(3), YEAR).three_public
    assert not build_department(SEED, department_name(4), YEAR).three_public
    database = folder / "pairs.duckdb"
    result = pipeline.ingest(paths, database)
    assert {d.document for d in result.documents} == {
        *(doc(k, "预算") for k in (*PAIRED, BUDGET_ONLY)),
        *(doc(k, "决算") for k in (*PAIRED, FINAL_ONLY)),
    }
    return database


@pytest.fixture(scope="module")
def pairs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_pairs(tmp_path_factory.mktemp("execution"))


@pytest.fixture
def con(pairs: Path):
    connection = db.connect(pairs, read_only=True)
    yield connection
    connection.close()


def expected_by_code(k: int) -> dict[str | None, dict[str, Decimal | None]]:
    """Per 类 and 款 code (and None for 合计): budget, actual, difference, rate, from the model."""
    spent = actuals(SEED, department_name(k), YEAR)
    codes: set[str | None] = {None}
    for code in spent:
        codes |= {code[:3], code[:5]}
    out = {}
    for code in codes:
        mine = [s for c, s in spent.items() if code is None or c.startswith(code)]
        budget = sum(s.budget_basic + s.budget_project for s in mine)
        actual = sum(s.basic + s.project for s in mine)
        out[code] = {
            "budget_wan": wan(budget),
            "actual_wan": wan(actual),
            "difference_wan": wan(actual - budget),
            "execution_rate": rate(actual, budget),
            "actual_basic_wan": wan(sum(s.basic for s in mine)),
            "budget_basic_wan": wan(sum(s.budget_basic for s in mine)),
            "actual_project_wan": wan(sum(s.project for s in mine)),
            "budget_project_wan": wan(sum(s.budget_project for s in mine)),
        }
    return out


def _dec(v) -> Decimal | None:
    return None if v is None or pd.isna(v) else Decimal(str(v))


@pytest.mark.parametrize("k", PAIRED)
@pytest.mark.parametrize("kind", ["预算", "决算"])
def test_by_function_shows_exactly_the_known_differences(con, k: int, kind: str) -> None:
    """From either document of the pair, the same comparison: every 类 and 款 and the 合计."""
    rows = queries.run(con, "execution_function", document=doc(k, kind))
    expected = expected_by_code(k)
    got = {}
    for r in rows.to_dict("records"):
        code = None if pd.isna(r["code"]) else r["code"]
        got[code] = {key: _dec(r[key]) for key in expected[None]}
        for key in ("budget_project_wan", "actual_project_wan"):  # a 项目 cell left blank: none
            got[code][key] = got[code][key] or Decimal(0)
        class_code = None if pd.isna(r["class_code"]) else r["class_code"]
        assert class_code == (code[:3] if code else None), r  # a 类 is its own class
    assert got == expected
    # the differences are real: some 款 were not fully spent
    assert any(v["difference_wan"] < 0 for v in expected.values())


@pytest.mark.parametrize("k", PAIRED)
def test_basic_and_project_budget_against_actual(con, k: int) -> None:
    spent = actuals(SEED, department_name(k), YEAR).values()
    parts = {
        "basic": (sum(s.budget_basic for s in spent), sum(s.basic for s in spent)),
        "project": (sum(s.budget_project for s in spent), sum(s.project for s in spent)),
    }
    parts["total"] = (
        parts["basic"][0] + parts["project"][0],
        parts["basic"][1] + parts["project"][1],
    )
    rows = queries.run(con, "execution_basic_project", document=doc(k, "决算"))
    assert list(rows["part"]) == ["basic", "project", "total"]
    # both sides are the all-funds 支出总表's 合计 row: the budget's 财政拨款 table states the same
    # figures in this city, so only the table each figure keeps tells them apart
    assert set(rows["budget_table"]) == set(rows["actual_table"]) == {"expenditure_total"}
    for r in rows.to_dict("records"):
        budget, actual = parts[r["part"]]
        assert _dec(r["budget_wan"]) == wan(budget)
        assert _dec(r["actual_wan"]) == wan(actual)
        assert _dec(r["difference_wan"]) == wan(actual - budget)
        assert _dec(r["execution_rate"]) == rate(actual, budget)


def test_a_part_budgeted_at_zero_has_no_execution_rate(pairs: Path, tmp_path: Path) -> None:
    """A part the 预算 budgets at 0.00 has no rate: NULL, never actual / 0 (inf, or NaN for 0 / 0,
    which pandas would call missing too). On a copy, department 3's 项目 budget is set to 0."""
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(pairs.read_bytes())
    con = db.connect(copy)
    try:
        con.execute(
            "update expenditure_function set project_wan = 0 where document = ? and level = 0",
            [doc(3, "预算")],
        )
        cur = con.execute(queries.load_sql("execution_basic_project"), {"document": doc(3, "决算")})
        names = [d[0] for d in cur.description]
        got = {r[names.index("part")]: r[names.index("execution_rate")] for r in cur.fetchall()}
    finally:
        con.close()
    assert got["project"] is None
    assert got["basic"] is not None and got["total"] is not None


def test_a_budget_with_only_a_gov_fund_table_has_no_budget_figures(
    pairs: Path, tmp_path: Path
) -> None:
    """The budget side is the 合计 row of the 支出总表, the 财政拨款 or the 一般公共预算 table,
    never the 政府性基金支出表's: on a copy, department 3's 预算 keeps its 支出总表 合计 row
    under that table's key only, and the comparison has no budget figures."""
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(pairs.read_bytes())
    con = db.connect(copy)
    try:
        budget = doc(3, "预算")
        con.execute(
            "delete from expenditure_function where document = ? and level = 0 "
            "and table_key in ('fiscal_expenditure', 'general_budget_expenditure')",
            [budget],
        )
        (changed,) = con.execute(
            "update expenditure_function set table_key = 'gov_fund_expenditure' "
            "where document = ? and level = 0 and table_key = 'expenditure_total'",
            [budget],
        ).fetchone()
        assert changed == 1
        rows = queries.run(con, "execution_basic_project", document=doc(3, "决算"))
    finally:
        con.close()
    assert list(rows["part"]) == ["basic", "project", "total"]
    assert rows["budget_wan"].isna().all() and rows["budget_table"].isna().all()
    assert rows["actual_wan"].notna().all()


def test_by_function_budget_table_and_a_zero_budget(pairs: Path, tmp_path: Path) -> None:
    """On a copy of department 3's 预算: its 支出总表 keeps its 类 rows only (no 款, 项) and one 类
    is budgeted at 0.00. The budget is still the 支出总表 (it has 类 rows), and the zero 类 has
    no execution rate (NULL, not actual / 0)."""
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(pairs.read_bytes())
    budget = doc(3, "预算")
    con = db.connect(copy)
    try:
        con.execute(
            "delete from expenditure_function where document = ? and level >= 2 "
            "and table_key = 'expenditure_total'",
            [budget],
        )
        (zero,) = con.execute(
            "select min(code) from expenditure_function where document = ? and level = 1 "
            "and table_key = 'expenditure_total'",
            [budget],
        ).fetchone()
        con.execute(
            "update expenditure_function set total_wan = 0 where document = ? and code = ? "
            "and table_key = 'expenditure_total'",
            [budget, zero],
        )
        cur = con.execute(queries.load_sql("execution_function"), {"document": doc(3, "决算")})
        names = [d[0] for d in cur.description]
        rows = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
    finally:
        con.close()
    tables = {r["budget_table"] for r in rows if r["budget_line"] is not None}
    assert tables == {"expenditure_total"}
    (row,) = [r for r in rows if r["code"] == zero]
    assert row["budget_wan"] == 0 and row["execution_rate"] is None, row


def _by_function_on(copy: Path, change: list[str]) -> pd.DataFrame:
    """``execution_function`` of department 3's 决算 on ``copy`` after the statements ``change``
    (each with department 3's 预算 as its one parameter)."""
    con = db.connect(copy)
    try:
        for statement in change:
            con.execute(statement, [doc(3, "预算")])
        return queries.run(con, "execution_function", document=doc(3, "决算"))
    finally:
        con.close()


def _by_code(rows: pd.DataFrame, keys: list[str]) -> dict[str | None, dict[str, Decimal | None]]:
    return {
        (None if pd.isna(r["code"]) else r["code"]): {k: _dec(r[k]) for k in keys}
        for r in rows.to_dict("records")
    }


def test_a_budget_table_with_its_total_row_only_gives_way_to_one_with_classes(
    pairs: Path, tmp_path: Path
) -> None:
    """On a copy, department 3's 预算 支出总表 keeps its 合计 row only (no 类, 款, 项): the
    budget is then its 一般公共预算支出表, the next table with 类 rows, and the comparison is
    the model's as before (the synthetic city funds everything from 一般公共预算, so that table
    repeats the 支出总表), never a 合计 row with no 类 or 款 budgeted."""
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(pairs.read_bytes())
    rows = _by_function_on(
        copy,
        [
            "delete from expenditure_function where document = ? and level >= 1 "
            "and table_key = 'expenditure_total'"
        ],
    )
    assert set(rows["budget_table"]) == {"general_budget_expenditure"}
    keys = ["budget_wan", "actual_wan", "difference_wan", "execution_rate", "budget_basic_wan"]
    expected = {c: {k: v[k] for k in keys} for c, v in expected_by_code(3).items()}
    assert _by_code(rows, keys) == expected
    # read from the generated PDFs: the 预算's 一般公共预算支出功能分类预算表 (p6, in 元: 合计
    # 44,662,900.00, 213 农林水支出 41,704,400.00), the 决算's 支出决算表 (p4: 4,351.09, 4,061.11)
    got = _by_code(rows, ["budget_wan", "actual_wan", "difference_wan", "execution_rate"])
    assert got[None] == {
        "budget_wan": Decimal("4466.29"),
        "actual_wan": Decimal("4351.09"),
        "difference_wan": Decimal("-115.20"),
        "execution_rate": Decimal("97.42"),
    }
    assert got["213"] == {
        "budget_wan": Decimal("4170.44"),
        "actual_wan": Decimal("4061.11"),
        "difference_wan": Decimal("-109.33"),
        "execution_rate": Decimal("97.38"),
    }


def test_a_budget_with_only_a_gov_fund_function_table_has_no_budget_side(
    pairs: Path, tmp_path: Path
) -> None:
    """On a copy, department 3's 预算 has none of the three all-funds tables (支出总表, 财政拨款,
    一般公共预算): its 支出总表 rows are kept under the 政府性基金支出表's key only. The
    comparison has no budget figures (never the 政府性基金's) and the 决算's actuals as before."""
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(pairs.read_bytes())
    rows = _by_function_on(
        copy,
        [
            "delete from expenditure_function where document = ? "
            "and table_key in ('fiscal_expenditure', 'general_budget_expenditure')",
            "update expenditure_function set table_key = 'gov_fund_expenditure' "
            "where document = ? and table_key = 'expenditure_total'",
        ],
    )
    budget = ["budget_wan", "budget_basic_wan", "budget_project_wan", "budget_table"]
    assert rows[budget].isna().all().all()
    assert rows["execution_rate"].isna().all()
    expected = expected_by_code(3)
    assert _by_code(rows, ["actual_wan", "difference_wan"]) == {
        c: {"actual_wan": v["actual_wan"], "difference_wan": v["actual_wan"]}
        for c, v in expected.items()
    }
    # the 决算's 支出决算表 as generated (p4): 合计 4,351.09, 213 农林水支出 4,061.11
    actual = _by_code(rows, ["actual_wan"])
    assert actual[None]["actual_wan"] == Decimal("4351.09")
    assert actual["213"]["actual_wan"] == Decimal("4061.11")


def test_three_public_budget_against_actual(con) -> None:
    tp = three_public_actuals(SEED, department_name(3), YEAR)
    rows = {
        r["label"]: r
        for r in queries.run(con, "execution_three_public", document=doc(3, "决算")).to_dict(
            "records"
        )
    }
    budget_total = sum(b for b, _ in tp.values())
    actual_total = sum(a for _, a in tp.values())
    total = rows["合计"]
    assert _dec(total["budget_wan"]) == wan(budget_total)  # the 预算's 三公 table
    assert _dec(total["stated_budget_wan"]) == wan(budget_total)  # the 决算's 预算数
    assert _dec(total["actual_wan"]) == wan(actual_total)
    assert _dec(total["difference_wan"]) == wan(actual_total - budget_total)
    assert _dec(total["execution_rate"]) == rate(actual_total, budget_total)
    labels = dict(THREE_PUBLIC_ITEMS)
    reception = rows[labels["reception"]]
    assert _dec(reception["actual_wan"]) == wan(tp["reception"][1])
    # department 4 has no 三公: its budget prints 合计 0.00, its 决算 the table empty with a 说明
    none = queries.run(con, "execution_three_public", document=doc(4, "决算"))
    assert list(none["label"]) == ["合计"] and _dec(none["budget_wan"].iloc[0]) == 0
    assert none["actual_wan"].isna().all() and none["stated_budget_wan"].isna().all()
    # and no execution rate: NULL, never 0 / 0.00 (NaN, which pandas would also call missing)
    cur = con.execute(queries.load_sql("execution_three_public"), {"document": doc(4, "决算")})
    names = [d[0] for d in cur.description]
    assert [row[names.index("execution_rate")] for row in cur.fetchall()] == [None]


def test_the_pair_says_which_document_is_missing(con) -> None:
    only_budget = execution.comparison(con, doc(BUDGET_ONLY, "预算"))
    assert only_budget.missing == "决算" and only_budget.by_function.empty
    only_final = execution.comparison(con, doc(FINAL_ONLY, "决算"))
    assert only_final.missing == "预算" and only_final.three_public.empty
    both = execution.comparison(con, doc(3, "预算"))
    assert both.missing is None
    assert both.final_document == doc(3, "决算")
    biggest = execution.biggest_differences(both.by_function, n=1)
    expected = expected_by_code(3)
    worst = max(
        (c for c in expected if c and len(c) == 5), key=lambda c: abs(expected[c]["difference_wan"])
    )
    assert list(biggest["code"]) == [worst]
    with pytest.raises(ValueError, match="no document"):
        execution.pair(con, "no-such-document")


def test_the_biggest_differences_are_the_largest_in_size_at_the_level_asked() -> None:
    D = Decimal
    frame = pd.DataFrame(
        {
            "code": ["201", "20101", "20102", "20103", "20104", "20105", "20106", "20107", "20108"],
            "level": [1, 2, 2, 2, 2, 2, 2, 2, 2],
            "difference_wan": [
                D("-99.00"), D("0.00"), D("1.00"), D("-7.25"), D("3.00"),
                D("2.50"), D("-1.50"), D("6.00"), D("0.75"),
            ],
        }
    )  # fmt: skip
    # 款 by size of difference: 20103 (7.25), 20107 (6), 20104 (3), 20105 (2.5), 20106 (1.5),
    # 20102 (1), 20108 (0.75); 20101 differs by nothing; 201 is a 类
    assert list(execution.biggest_differences(frame)["code"]) == [
        "20103", "20107", "20104", "20105", "20106",
    ]  # fmt: skip
    assert list(execution.biggest_differences(frame, n=9)["code"]) == [
        "20103", "20107", "20104", "20105", "20106", "20102", "20108",
    ]  # fmt: skip
    assert list(execution.biggest_differences(frame, level=1)["code"]) == ["201"]


def test_the_synthetic_final_is_labelled_and_reconciles(pairs: Path, tmp_path: Path) -> None:
    path = tmp_path / "final.pdf"
    path.write_bytes(generate_final_pdf(SEED, department_name(3), YEAR))
    (p,) = parse_pdfs([path])
    assert p.synthetic and p.kind == "决算" and p.layout == "national-final"
    results = run_checks(p.rows, p.layout)
    assert results and all(r["status"] == "ok" for r in results)
    assert any(r["subject"].startswith("income_expense_summary 收入 总计 =") for r in results)


# --- the page -----------------------------------------------------------------------------------


def run_page(
    pairs: Path, monkeypatch, k: int, kind: str, lang: str = "zh", page: str = "execution", **more
) -> AppTest:
    monkeypatch.setenv("BUDGETLENS_DB", str(pairs))
    monkeypatch.setenv("BUDGETLENS_SHOW_SYNTHETIC", "1")
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["department"] = department_name(k)
    at.query_params["year"] = str(YEAR)
    at.query_params["doc"] = doc(k, kind)
    at.query_params["lang"] = lang
    for key, value in more.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(f"pages/{page}.py")
    at.run()
    assert not at.exception, at.exception
    return at


def test_page_shows_the_known_differences(pairs: Path, monkeypatch) -> None:
    at = run_page(pairs, monkeypatch, 3, "决算")
    expected = expected_by_code(3)[None]
    shown = {m.label: m.value for m in at.metric}
    assert shown["预算数（万元）"] == fmt.wan(expected["budget_wan"])
    assert shown["决算数（万元）"] == fmt.wan(expected["actual_wan"])
    assert shown["差额（万元）"] == fmt.wan(expected["difference_wan"])
    assert shown["执行率"] == fmt.pct(expected["execution_rate"])
    table = at.dataframe[0].value
    by_code = dict(zip(table["科目编码"], table["差额（万元）"], strict=True))
    for code, figures in expected_by_code(3).items():
        if code is not None:
            assert (
                Decimal(str(by_code[code])).quantize(Decimal("0.01")) == figures["difference_wan"]
            )
    text = " ".join(str(el.value) for el in at.caption)
    assert "差额最大的款" in text


@pytest.mark.parametrize(
    ("k", "kind", "absent"), [(BUDGET_ONLY, "预算", "决算"), (FINAL_ONLY, "决算", "预算")]
)
def test_page_says_which_document_is_missing(pairs: Path, monkeypatch, k, kind, absent) -> None:
    at = run_page(pairs, monkeypatch, k, kind)
    message = at.info[0].value
    assert f"未载入{department_name(k)}{YEAR}年度的{absent}" in message
    assert not at.get("plotly_chart")
    en = run_page(pairs, monkeypatch, k, kind, lang="en")
    word = {"预算": "budget", "决算": "final accounts"}[absent]
    assert f"The {word} of" in en.info[0].value


# --- deck and workbook --------------------------------------------------------------------------


def test_deck_and_workbook_carry_the_execution_slide_and_sheet(pairs: Path, tmp_path: Path) -> None:
    import openpyxl

    from budgetlens.deck import build_deck
    from budgetlens.storyline import slides
    from budgetlens.workbook import build_workbook

    expected = expected_by_code(3)
    con = db.connect(pairs, read_only=True)
    try:
        story = build_deck(
            con, department_name(3), YEAR, tmp_path / "d.pptx", document=doc(3, "决算")
        )
        keys = [s.key for s in story]
        # one sequence: the presenter page shows the slides the deck draws, 预算 vs 决算
        # before the data-quality slide
        assert keys == [s.key for s in slides(con, department_name(3), YEAR, "zh", doc(3, "决算"))]
        assert keys[-2:] == ["execution", "quality"]
        slide = story[-2]
        rows = {r[0].split(" ")[0]: r for r in slide.chart.rows}
        for code, figures in expected.items():
            if code is not None and len(code) == 3:
                assert rows[code][1:4] == (
                    figures["budget_wan"],
                    figures["actual_wan"],
                    figures["difference_wan"],
                )
        assert "部门预算" in slide.source and "部门决算" in slide.source
        names = build_workbook(
            con, department_name(3), YEAR, tmp_path / "w.xlsx", document=doc(3, "预算")
        )
        assert "预算执行" in names
        ws = openpyxl.load_workbook(tmp_path / "w.xlsx")["预算执行"]
        sheet = {r[1]: r for r in ws.iter_rows(min_row=3, values_only=True) if r[0] == "功能分类"}
        for code, figures in expected.items():
            assert (
                Decimal(str(sheet[code][5])).quantize(Decimal("0.01")) == figures["difference_wan"]
            )
        # only one of the two loaded: no execution slide, no sheet
        alone = build_deck(
            con,
            department_name(BUDGET_ONLY),
            YEAR,
            tmp_path / "a.pptx",
            document=doc(BUDGET_ONLY, "预算"),
        )
        assert all(s.key != "execution" for s in alone)
        names = build_workbook(
            con,
            department_name(FINAL_ONLY),
            YEAR,
            tmp_path / "b.xlsx",
            document=doc(FINAL_ONLY, "决算"),
        )
        assert "预算执行" not in names and "支出决算表" in names
    finally:
        con.close()


def _vocabulary_headers(lang: str) -> set[str]:
    """Every header a workbook in ``lang`` may show: a vocabulary label, alone or followed by
    the 万元 suffix (budgetlens.workbook.Col.label)."""
    from budgetlens import vocabulary

    labels = {vocabulary.label(k, lang) for k in vocabulary.table() if "{" not in k}
    return labels | {x + vocabulary.label("unit.suffix_wan", lang) for x in labels}


IDENTIFIER = re.compile(r"\b[a-z][a-z0-9]*_[a-z0-9_]+\b")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_execution_sheets_are_headed_from_the_vocabulary(
    pairs: Path, tmp_path: Path, lang: str
) -> None:
    """The 预算执行 sheet (of the 预算 and of the 决算) and a 决算's “三公” sheet: every header is
    a label of budgetlens/reference/vocabulary.csv in the workbook's language; the Chinese
    workbook's headers, sections and parts hold no ASCII identifier (source_line, budget_wan)."""
    import openpyxl

    from budgetlens import vocabulary
    from budgetlens.workbook import build_workbook, table_sheet_name

    allowed = _vocabulary_headers(lang)
    sheet = vocabulary.label("sheet.execution", lang)
    con = db.connect(pairs, read_only=True)
    try:
        for kind in ("预算", "决算"):
            path = tmp_path / f"{kind}-{lang}.xlsx"
            build_workbook(con, department_name(3), YEAR, path, document=doc(3, kind), lang=lang)
            wb = openpyxl.load_workbook(path)
            assert sheet in wb.sheetnames
            ws = wb[sheet]
            headers = [c.value for c in ws[2]]
            assert headers and all(h in allowed for h in headers), headers
            cells = [v for row in ws.iter_rows(min_row=3, values_only=True) for v in row[:3]]
            sections = {row[0] for row in ws.iter_rows(min_row=3, values_only=True)}
            assert sections == {
                vocabulary.label(k, lang)
                for k in ("section.function", "section.basic_project", "term.three_public")
            }
            if kind == "决算":  # its “三公” table: 预算数 beside 决算数
                three = wb[table_sheet_name("three_public", "national-final")]
                three_headers = [c.value for c in three[2]]
                assert all(h in allowed for h in three_headers), three_headers
                assert vocabulary.label("col.source_line", lang) in three_headers
                headers += three_headers
            if lang == "zh":
                for text in [*headers, *(c for c in cells if isinstance(c, str)), ws["A1"].value]:
                    assert not IDENTIFIER.search(str(text)), text
                    assert not re.search(r"[A-Za-z]{3,}", str(text)), text
    finally:
        con.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_presenter_shows_the_decks_execution_slide(
    pairs: Path, monkeypatch, tmp_path: Path, lang: str
) -> None:
    """The presenter page steps through the deck's own slides: as many, and the 预算 vs 决算
    slide at the deck's place, with its table."""
    from budgetlens.deck import build_deck

    con = db.connect(pairs, read_only=True)
    try:
        story = build_deck(
            con, department_name(3), YEAR, tmp_path / "d.pptx", lang, document=doc(3, "预算")
        )
    finally:
        con.close()
    number = next(i for i, s in enumerate(story, start=1) if s.key == "execution")
    at = run_page(pairs, monkeypatch, 3, "预算", lang, page="presenter", slide=str(number))
    texts = [m.value for m in at.markdown]
    assert f"{number} / {len(story)}</p>" in "".join(texts)
    heading = next(x for x in texts if x.startswith("<h1"))
    assert story[number - 1].title in heading
    table = at.dataframe[0].value
    assert list(table.columns) == list(story[number - 1].chart.columns)
    assert len(table) == len(story[number - 1].chart.rows)


def test_overview_states_budget_against_actual(pairs: Path, monkeypatch) -> None:
    monkeypatch.setenv("BUDGETLENS_DB", str(pairs))
    monkeypatch.setenv("BUDGETLENS_SHOW_SYNTHETIC", "1")
    expected = expected_by_code(3)[None]
    for kind in ("预算", "决算"):
        at = AppTest.from_file(str(APP), default_timeout=60)
        at.query_params["department"] = department_name(3)
        at.query_params["year"] = str(YEAR)
        at.query_params["doc"] = doc(3, kind)
        at.run()
        assert not at.exception
        notes = [m.value for m in at.markdown if m.value.startswith("预算执行：")]
        assert notes == [
            f"预算执行：预算数 {fmt.wan(expected['budget_wan'])} 万元，"
            f"决算数 {fmt.wan(expected['actual_wan'])} 万元，"
            f"执行率 {fmt.pct(expected['execution_rate'])}。"
        ]


def test_a_city_of_budgets_and_finals_makes_pairs(tmp_path: Path) -> None:
    """``generate_city(layout="national-final")`` writes each department's 决算 beside its budget
    (the budget city in the same folder): both load, pair up, and every 决算 reconciles —
    departments with 上年结转 and a car purchase included (seed 7, 2023: 5 and 8 buy a car, 9
    carries money over and has no 三公)."""
    from budgetlens_synthetic import generate_city

    budgets = generate_city(9, [2023], tmp_path, seed=7, layout="shanghai-budget")
    finals = generate_city(9, [2023], tmp_path, seed=7, layout="national-final")
    assert all(p.name.endswith("-final.pdf") for p in finals) and len(finals) == len(budgets)
    chosen = [p for p in (*budgets, *finals) if p.name.split("-")[1] in ("0005", "0008", "0009")]
    result = pipeline.ingest(chosen, tmp_path / "city.duckdb")
    assert (
        sorted(d.layout for d in result.documents)
        == ["national-final"] * 3 + ["shanghai-budget"] * 3
    )
    con = db.connect(tmp_path / "city.duckdb", read_only=True)
    try:
        for k in (5, 8, 9):
            name = department_name(k)
            spent = actuals(7, name, 2023)
            document = f"{name}-2023-决算-部门"
            total = queries.run(con, "execution_basic_project", document=document)
            row = total[total["part"] == "total"].iloc[0]
            assert _dec(row["budget_wan"]) == wan(
                sum(s.budget_basic + s.budget_project for s in spent.values())
            )
            assert _dec(row["actual_wan"]) == wan(sum(s.basic + s.project for s in spent.values()))
            statuses = con.execute(
                "select distinct status from check_result where document = $d", {"d": document}
            ).fetchall()
            assert statuses == [("ok",)]
    finally:
        con.close()


def test_page_shows_the_reasons_the_final_states(pairs: Path, monkeypatch) -> None:
    """The 决算's narrative explains each 项 (budgetlens_synthetic.final_layout.reason): the page
    lists them, largest difference first, with the reason as printed."""
    from budgetlens_synthetic.final_layout import reason

    at = run_page(pairs, monkeypatch, 3, "预算")
    spent = actuals(SEED, department_name(3), YEAR)
    diffs = {
        c: (s.basic + s.project) - (s.budget_basic + s.budget_project) for c, s in spent.items()
    }
    worst = min(diffs, key=lambda c: (diffs[c], c))
    table = next(d.value for d in at.dataframe if "说明的原因" in d.value.columns)
    first = table.iloc[0]
    assert first["科目编码"] == worst
    assert first["说明的原因"] == reason(worst)
    assert Decimal(str(first["决算数与说明所列预算之差（万元）"])).quantize(Decimal("0.01")) == wan(
        diffs[worst]
    )
    level = [c for c, d in diffs.items() if d == 0]
    shown = dict(zip(table["科目编码"], table["说明的原因"], strict=True))
    assert all(shown[c] == "持平" for c in level)
