"""Every value column of every open-data resource, against values read by hand from the document.

tests/test_export.py checks the package's shape (columns, types, keys) and the function tables;
tests/test_export_corpus.py the totals of every corpus document. Here each resource's amounts,
shares, statuses and targets are compared with the hand-read fixtures of three documents of three
layouts: the Jincheng text (tests/fixtures/jincheng-kejiju-2024/*.csv, read line by line), a
Shanghai and a Jiangsu PDF (tests/fixtures/corpus/<slug>/hand_read.csv, read from the page
images, with their page). A column taken from the wrong source column, an amount scaled, a filter
dropped or a status misjudged changes a value below and fails (docs/testing.md: mutation testing).
"""

from __future__ import annotations

import csv
import json
import re
import shutil
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from budgetlens import export, pipeline
from tests.conftest import CORPUS, SEED, read_fixture

JINCHENG = "晋城市科学技术局-2024-预算-部门"
SHANGHAI = "sh-putuo-swj-2025-budget-dept"
JIANGSU = "js-jcy-2019"
SCALE = {"万元": Decimal(1), "元": Decimal(10000)}
ORDINAL = re.compile(r"^[一二三四五六七八九十]+、")


def _hand(slug: str, section: str) -> list[dict[str, str]]:
    with (CORPUS / slug / "hand_read.csv").open(encoding="utf-8") as fh:
        return [r for r in csv.DictReader(fh) if r["section"] == section and r["value"].strip()]


def _wan(row: dict[str, str]) -> Decimal:
    """A hand-read value in 万元 (the fixture keeps the unit the page prints)."""
    return Decimal(row["value"].replace(",", "")) / SCALE[row["unit"]]


def _dec(text: str) -> Decimal | None:
    return Decimal(text) if text != "" else None


def _fix(text: str) -> Decimal | None:
    """A fixture amount, blank for a cell the document leaves empty."""
    return Decimal(text) if text.strip() else None


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Jincheng text, one Shanghai and one Jiangsu PDF through the one ingest pipeline."""
    path = tmp_path_factory.mktemp("values") / "budget.duckdb"
    pdfs = [p for slug in (SHANGHAI, JIANGSU) for p in sorted((CORPUS / slug).glob("*.pdf"))]
    assert len(pipeline.ingest([SEED, *pdfs], path).documents) == 3
    return path


@pytest.fixture(scope="module")
def exported(db: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    """The package written by export_package, and what it says it wrote (file → rows)."""
    out = tmp_path_factory.mktemp("open-data")
    con = duckdb.connect(str(db), read_only=True)
    try:
        written = export.export_package(con, out)
    finally:
        con.close()
    return out, written


@pytest.fixture(scope="module")
def tables(exported) -> dict[str, list[dict[str, str]]]:
    out, _ = exported
    result = {}
    for path in out.glob("*.csv"):
        with path.open(encoding="utf-8-sig", newline="") as fh:
            result[path.stem] = list(csv.DictReader(fh))
    return result


@pytest.fixture(scope="module")
def documents(tables) -> dict[str, str]:
    """Corpus folder (or 'jincheng') → the exported document id."""
    ids = {d["department"]: d["document"] for d in tables["documents"]}
    return {
        "jincheng": JINCHENG,
        SHANGHAI: ids["上海市普陀区商务委员会"],
        JIANGSU: ids["江苏省人民检察院"],
    }


@pytest.fixture(scope="module")
def pages(db: Path) -> dict[tuple[str, int], int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute("select document, line, page from source_location").fetchall()
    finally:
        con.close()
    return {(d, line): page for d, line, page in rows}


def _of(tables, resource: str, document: str) -> list[dict[str, str]]:
    rows = [r for r in tables[resource] if r["document"] == document]
    assert rows, (resource, document)
    return rows


# --- Jincheng: every resource against its fixtures -----------------------------------------------


def test_jincheng_expenditure_function_current_year_and_carried_over(tables) -> None:
    """本年 and 上年结转 of each 科目 are the 收入总表's columns of the same code (l.163-190)."""
    hand = {r["code"]: r for r in read_fixture("revenue_by_function.csv") if r["code"]}
    rows = _of(tables, "expenditure_function", JINCHENG)
    assert len(rows) == 26
    seen = 0
    for r in rows:
        h = hand.get(r["code"])
        if h is None:  # a 科目 the 收入总表 does not list
            assert r["current_year"] == r["carried_over"] == "", r
            continue
        seen += 1
        assert _dec(r["current_year"]) == _fix(h["total"]), (r["code"], "current_year")
        assert _dec(r["carried_over"]) == _fix(h["carried_over"]), (r["code"], "carried_over")
    assert seen >= 20
    sci = next(r for r in rows if r["code"] == "206")  # 3683.71 本年 + 2.62 结转 = 3686.33
    assert Decimal(sci["current_year"]) + Decimal(sci["carried_over"]) == Decimal(sci["total"])


def test_jincheng_revenue_is_the_income_side_of_the_summary(tables) -> None:
    hand = [
        r
        for r in read_fixture("summary_rows.csv")
        if r["table"] == "income_expense_summary"
        and r["side"] == "收入"
        and not any(w in r["item"] for w in ("合计", "小计", "总计"))
    ]
    rows = _of(tables, "revenue", JINCHENG)
    assert [(ORDINAL.sub("", h["item"]), Decimal(h["amount"]), int(h["line"])) for h in hand] == [
        (r["source"], Decimal(r["amount"]), int(r["source_line"])) for r in rows
    ]


def test_jincheng_expenditure_economic_rows(tables) -> None:
    hand = {int(r["line"]): r for r in read_fixture("economic.csv")}
    rows = [r for r in _of(tables, "expenditure_economic", JINCHENG)]
    assert {r["table"] for r in rows} == {"basic_economic"}
    assert sorted(int(r["source_line"]) for r in rows) == sorted(hand)
    for r in rows:
        h = hand[int(r["source_line"])]
        assert (r["row_kind"], r["group"], r["gov_class"]) == (
            h["row_kind"],
            h["group"],
            h["gov_class"],
        ), h
        if h["row_kind"] != "total":
            assert r["dept_class"] == h["dept_class"], h
        for column in ("total", "personnel", "public"):
            assert _dec(r[column]) == _fix(h[column]), (h, column)


def test_jincheng_projects(tables) -> None:
    hand = [r for r in read_fixture("projects.csv") if r["row_kind"] == "project"]
    rows = _of(tables, "projects", JINCHENG)
    got = {int(r["source_line"]): r for r in rows}
    assert sorted(got) == sorted(int(h["line"]) for h in hand)
    for h in hand:
        r = got[int(h["line"])]
        assert (r["unit"], r["project"], r["carried_over"]) == (
            h["unit"],
            h["project"],
            h["carried_over"],
        )
        assert Decimal(r["total"]) == Decimal(h["total"]), h
        assert Decimal(r["general_budget"]) == Decimal(h["general_budget"]), h


def test_jincheng_budget_units(tables) -> None:
    hand = [
        r
        for r in read_fixture("projects.csv")
        if r["row_kind"] in ("department", "unit") and r["carried_over"] == "false"
    ]
    rows = _of(tables, "budget_units", JINCHENG)
    assert [
        (r["unit"], r["is_department"], r["parent_unit"], int(r["source_line"])) for r in rows
    ] == [
        (
            h["project"],
            "true" if h["row_kind"] == "department" else "false",
            "" if h["row_kind"] == "department" else hand[0]["project"],
            int(h["line"]),
        )
        for h in hand
    ]


def test_jincheng_project_funds(tables) -> None:
    hand = {
        (r["project"], r["period"], r["source"]): Decimal(r["amount_yuan"])
        for r in read_fixture("project_funds.csv")
        if r["amount_yuan"].strip()
    }
    rows = [r for r in _of(tables, "project_funds", JINCHENG) if r["dimension"] == "source"]
    got = {(r["project"], r["period"], r["source"]): _dec(r["amount_yuan"]) for r in rows}
    assert len(got) == len(rows)
    blank = {k for k, v in got.items() if v is None}  # a cell printed empty (其他资金)
    assert blank == {
        (r["project"], r["period"], r["source"])
        for r in read_fixture("project_funds.csv")
        if not r["amount_yuan"].strip()
    } & set(got)
    got = {k: v for k, v in got.items() if v is not None}
    # every figure read by hand, in 元, and none the hand reading lacks
    assert {k: got.get(k) for k in hand} == hand
    projects = {k[0] for k in hand}
    assert {k for k in got if k[0] in projects} <= set(hand)


def test_jincheng_fiscal_items_are_the_running_cost_table(tables) -> None:
    """The 财政拨款安排机关运行经费预算表 (l.421-423): 合计 | 一般公共预算 | 政府性基金预算 |
    国有资本经营预算, the last two printed blank (admin_operating.csv)."""
    hand = read_fixture("admin_operating.csv")
    rows = _of(tables, "fiscal_items", JINCHENG)
    assert [(r["table"], r["label"], int(r["source_line"])) for r in rows] == [
        ("admin_operating", h["unit"], int(h["line"])) for h in hand
    ]
    for r, h in zip(rows, hand, strict=True):
        for column in ("total", "general_budget", "gov_fund", "state_capital"):
            assert _dec(r[column]) == _fix(h[column]), (h, column)


def test_jincheng_glossary(tables) -> None:
    hand = read_fixture("glossary.csv")
    rows = _of(tables, "glossary", JINCHENG)
    assert [(r["term"], int(r["source_line"])) for r in rows] == [
        (h["term"], int(h["line"])) for h in hand
    ]
    assert all(r["definition"] for r in rows)


def test_jincheng_indicator_rows_and_raw_targets(tables) -> None:
    hand = read_fixture("indicators.csv")
    rows = _of(tables, "performance_indicators", JINCHENG)
    assert len(rows) == len(hand)
    got = {(r["project"], r["period"], int(r["source_line"]), r["name"]): r for r in rows}
    for h in hand:
        r = got[(h["project"], h["period"], int(h["line"]), h["name"])]
        assert (r["level1"], r["level2"], r["target_raw"]) == (
            h["level1"],
            h["level2"],
            h["target_raw"],
        ), h


# Targets parsed by hand from the printed 指标值 (line, name as printed, period):
# (comparator, value, unit, kind).
PARSED_BY_HAND = {
    (559, "科技型中小企业", "年度"): ("≤", "93", "家", "numeric"),
    (558, "省级研发平台、省级众创空间奖励", "年度"): ("=", "2", "项", "numeric"),
    (608, "奖励高新技术企业数量", "年度"): ("≥", "63", "家", "numeric"),
    (621, "科技创新若干政策奖励补助成本", "年度"): ("≤", "1268", "万元", "numeric"),
    (889, "维修修缮成本", "实施期"): ("≤", "30", "万元", "numeric"),
    (889, "维修修缮成本", "年度"): ("≤", "20", "万元", "numeric"),
    (920, "补助发放达标率", "实施期"): ("=", "100", "%", "numeric"),
    (657, "工程项目尾款支付资金", "年度"): ("", "", "", "empty"),
}


def test_jincheng_indicator_targets_parsed_as_read_by_hand(tables) -> None:
    rows = _of(tables, "performance_indicators", JINCHENG)
    for (line, name, period), want in PARSED_BY_HAND.items():
        (r,) = [
            r
            for r in rows
            if int(r["source_line"]) == line and r["name"] == name and r["period"] == period
        ]
        got = (r["comparator"], r["target_value"], r["target_unit"], r["target_kind"])
        assert got[:2] == want[:2] or (got[0] == want[0] and Decimal(got[1]) == Decimal(want[1])), (
            line,
            name,
            got,
        )
        assert got[2:] == want[2:], (line, name, got)
    kinds = {r["target_kind"] for r in rows}
    assert kinds <= {"numeric", "time", "qualitative", "empty", "unparsed"}
    assert {r["placed"] for r in rows} <= {"true", "false"}


# The document's own contradictions (tests/fixtures/jincheng-kejiju-2024/NOTES.md), as the
# reconciliation must report them: (check, words of the subject) → (expected, actual, status).
CONTRADICTIONS = {
    # A.1: the 类 rows of the 支出总表 sum to 4266.92 against the 合计 4266.91 (l.200)
    ("column_total", "expenditure_total", "合计 total_wan"): ("4266.91", "4266.92", "rounding"),
    # A.2: 20601+20603 basic = 540.20 against 206's 540.21 (l.204)
    ("subtotal", "expenditure_total 206 ", "basic_wan"): ("540.21", "540.20", "rounding"),
    # A.6: 人员经费 996.10 + 公用经费 124.70 = 1120.80 against 合计 1120.79 (l.317)
    ("row_sum", "经济科目表 合计"): ("1120.79", "1120.80", "rounding"),
    # D.25: 人员经费支出成本 324.98 against 人员经费 996.10 (l.317, 577)
    ("cost_indicator", "人员经费支出成本"): ("996.10", "324.98", "mismatch"),
    # D.25: 项目支出成本 3057 against 项目支出 3143.50 (l.434, 579)
    ("cost_indicator", "项目支出成本"): ("3143.50", "3057.00", "mismatch"),
    # D.27: 维修修缮成本 ≤30 (实施期) against ≤20 (年度) (l.889)
    ("period_consistency", "维修修缮成本"): ("30.00", "20.00", "mismatch"),
    # C.20: 4 units in the narrative (l.527) against 3 in the tables
    ("narrative_count", "机关及下属预算单位数"): ("4", "3", "mismatch"),
}


def test_jincheng_checks_report_the_contradictions_read_by_hand(tables) -> None:
    rows = _of(tables, "checks", JINCHENG)
    for (check, *words), (expected, actual, status) in CONTRADICTIONS.items():
        hits = [r for r in rows if r["check"] == check and all(w in r["subject"] for w in words)]
        assert len(hits) == 1, (check, words, [h["subject"] for h in hits])
        (r,) = hits
        assert (Decimal(r["expected"]), Decimal(r["actual"]), r["status"]) == (
            Decimal(expected),
            Decimal(actual),
            status,
        ), r
        assert Decimal(r["difference"]) == Decimal(actual) - Decimal(expected), r


def test_jincheng_checks_statuses_follow_the_difference(tables) -> None:
    """ok only when equal, rounding only within 0.01 per summed item, mismatch beyond; unjudged
    where a value was not read (no difference then)."""
    rows = _of(tables, "checks", JINCHENG)
    assert {r["status"] for r in rows} == {"ok", "rounding", "mismatch", "unjudged"}
    assert all(r["difference"] == "" for r in rows if r["status"] == "unjudged")
    for r in rows:
        if r["difference"] == "":
            continue
        diff = Decimal(r["difference"])
        assert diff == Decimal(r["actual"]) - Decimal(r["expected"]), r
        if r["status"] == "ok" and r["check"] not in ("cost_indicator", "repeated_measure"):
            # (a ceiling below the funds, or a target within the department's ceiling, is ok:
            # those checks judge by comparator)
            assert diff == 0, r
        elif r["status"] == "rounding":
            assert 0 < abs(diff) <= Decimal("0.01") * 5, r  # a 类 sums at most 5 rows here
    # the document agrees with itself everywhere the notes find no gap: most checks are ok
    statuses = [r["status"] for r in rows]
    assert statuses.count("ok") > 10 * statuses.count("mismatch")


# The narrative's figures (key_figures.csv fixture, by line and description) of the keys a page or
# slide shows, and the key the export gives each.
KEYS_BY_HAND = {
    "revenue_total": (466, "预算收入总计"),
    "revenue_current_year": (466, "收入总计其中本年收入"),
    "revenue_carried_over": (466, "收入总计其中上年结转"),
    "revenue_change": (466, "预算收入总计比上年增加"),
    "revenue_change_pct": (466, "预算收入总计增长"),
    "expenditure_total": (466, "部门预算支出总计"),
    "expenditure_change_pct": (466, "预算支出总计增长"),
    "expenditure_direction.基本支出": (476, "基本支出"),
    "expenditure_direction.项目支出": (476, "项目支出"),
    "expenditure_direction_share.基本支出": (476, "基本支出占比"),
    "expenditure_direction_share.项目支出": (476, "项目支出占比"),
    "revenue_source_share.一般公共预算拨款收入": (470, "一般公共预算拨款收入占比"),
    "revenue_source_share.上年结转": (470, "上年结转占比"),
    "general_budget_change": (487, "一般公共预算当年支出比上年增加"),
    "general_budget_change_pct": (487, "一般公共预算当年支出增长"),
    "basic_total": (499, "一般公共预算安排基本支出"),
    "three_public_total": (507, "财政拨款安排的“三公”经费预算"),
}


def test_jincheng_key_figures_as_read_by_hand(tables) -> None:
    hand = read_fixture("key_figures.csv")
    rows = {r["key"]: r for r in _of(tables, "key_figures", JINCHENG)}
    for key, (line, description) in KEYS_BY_HAND.items():
        (h,) = [r for r in hand if int(r["line"]) == line and r["description"] == description]
        got = rows[key]
        assert (Decimal(got["value"]), got["unit"], int(got["source_line"])) == (
            Decimal(h["value"]),
            h["unit"],
            line,
        ), key
    # every figure the narrative states is one the hand reading found on the same line
    # (a decrease, 减少 2.55, is kept as -2.55; a ``*.mention.N`` key is any amount a sentence
    # mentions, such as the 50万元 threshold of l.943, which the fixture keeps in its description)
    by_line: dict[int, set[Decimal]] = {}
    for h in hand:
        by_line.setdefault(int(h["line"]), set()).add(Decimal(h["value"]))
    for r in rows.values():
        if (
            r["derived"] == "false"
            and ".mention." not in r["key"]
            and int(r["source_line"]) in by_line
        ):
            assert abs(Decimal(r["value"])) in by_line[int(r["source_line"])], r


# --- Shanghai and Jiangsu: the resources the PDF layouts fill -----------------------------------


def test_shanghai_expenditure_function_current_year_from_the_revenue_table(
    tables, documents
) -> None:
    """本年 of each 科目: the 合计 column of the 部门收入预算总表 row of its code (p10-11)."""
    hand = [r for r in _hand(SHANGHAI, "revenue") if r["code"] and r["column"] == "合计"]
    assert len(hand) >= 4
    rows = {r["code"]: r for r in _of(tables, "expenditure_function", documents[SHANGHAI])}
    for h in hand:
        assert Decimal(rows[h["code"]]["current_year"]) == _wan(h), h
    # nothing is carried over in this document: the 上年结转 column is blank on every row
    assert {r["carried_over"] for r in rows.values()} == {""}
    function = {r["code"]: r for r in _hand(SHANGHAI, "function") if r["column"] == "total"}
    for code, r in rows.items():  # all funds are this year's: 本年 = 合计 row by row
        assert Decimal(r["current_year"]) == _wan(function[code]), code


def test_jiangsu_expenditure_function_is_the_summary_by_class(tables, documents) -> None:
    rows = _of(tables, "expenditure_function", documents[JIANGSU])
    hand = {
        ORDINAL.sub("", r["label"]): r
        for r in _hand(JIANGSU, "summary")
        if r["column"] == "功能分类/金额"
    }
    assert sorted((r["name"], Decimal(r["total"])) for r in rows) == sorted(
        (k, _wan(h)) for k, h in hand.items()
    )
    for r in rows:
        assert r["basic"] == r["project"] == r["current_year"] == r["carried_over"] == ""


def _summary_revenue(slug: str) -> list[dict[str, str]]:
    """The 收入 side's top rows of the 收支总表 as read by hand: an ordinal 一、二、… and a source
    of funds (not a 支出 类)."""
    return [
        r
        for r in _hand(slug, "summary")
        if ORDINAL.match(r["label"])
        and not r["label"].endswith("支出")
        and "支出" not in r["column"]  # Jiangsu's 支出用途 column (预留机动经费)
    ]


@pytest.mark.parametrize("slug", [SHANGHAI, JIANGSU])
def test_revenue_is_the_income_side_of_the_summary(tables, documents, pages, slug) -> None:
    hand = _summary_revenue(slug)
    assert hand
    document = documents[slug]
    rows = _of(tables, "revenue", document)
    assert [(r["source"], Decimal(r["amount"])) for r in rows] == [
        (ORDINAL.sub("", h["label"]), _wan(h)) for h in hand
    ]
    for r, h in zip(rows, hand, strict=True):
        assert pages[(document, int(r["source_line"]))] == int(h["page"]), r


@pytest.mark.parametrize("slug", [SHANGHAI, JIANGSU])
def test_basic_economic_rows_match_the_hand_reading(tables, documents, slug) -> None:
    hand = _hand(slug, "economic")
    assert len(hand) >= 20
    rows = [
        r
        for r in _of(tables, "expenditure_economic", documents[slug])
        if r["table"] == "basic_economic"
    ]
    by_code = {r["code"]: r for r in rows if r["row_kind"] != "total"}
    (total,) = [r for r in rows if r["row_kind"] == "total"]
    for h in hand:
        got = total if h["label"] == "合计" else by_code[h["code"]]
        if h["label"] != "合计":
            assert got["dept_class"] == h["label"], h
            assert got["row_kind"] == ("group" if len(h["code"]) == 3 else "item"), h
        assert Decimal(got[h["column"]]) == _wan(h), h
    assert set(by_code) == {h["code"] for h in hand if h["code"]}
    columns = {(h["code"], h["column"]) for h in hand}
    for r in rows:  # a cell the page leaves blank is blank, never 0 or another column's figure
        code = "" if r["row_kind"] == "total" else r["code"]
        for column in ("personnel", "public"):
            if (code, column) not in columns:
                assert r[column] == "", (r, column)


def test_jiangsu_admin_operating_total_is_the_running_cost_table(tables, documents) -> None:
    (hand,) = [r for r in _hand(JIANGSU, "three_public") if r["label"] == "机关运行经费"]
    rows = [
        r
        for r in _of(tables, "expenditure_economic", documents[JIANGSU])
        if r["table"] == "admin_operating"
    ]
    (total,) = [r for r in rows if r["row_kind"] == "total"]
    assert Decimal(total["total"]) == _wan(hand)
    # the running cost is 商品和服务支出 only; its items are those of the economic table's 302
    economic = {r["code"]: _wan(r) for r in _hand(JIANGSU, "economic")}
    for r in rows:
        if r["row_kind"] == "item":
            assert Decimal(r["total"]) == economic[r["code"]], r


@pytest.mark.parametrize("slug", [SHANGHAI, JIANGSU])
def test_key_figures_of_the_pdf_layouts(tables, documents, slug) -> None:
    rows = {r["key"]: r for r in _of(tables, "key_figures", documents[slug])}
    split = {r["label"]: _wan(r) for r in _hand(slug, "basic_project")}
    assert Decimal(rows["basic_total"]["value"]) == split["基本支出"]
    assert Decimal(rows["project_total"]["value"]) == split["项目支出"]
    summary = {ORDINAL.sub("", r["label"]): _wan(r) for r in _hand(slug, "summary")}
    revenue = summary.get("收入总计", summary.get("收入合计"))
    assert Decimal(rows["revenue_total"]["value"]) == revenue
    assert Decimal(rows["expenditure_total"]["value"]) == summary.get(
        "支出总计", summary.get("支出合计")
    )
    labels = {r["label"]: _wan(r) for r in _hand(slug, "three_public")}
    three = labels["小计"] if "会议费" in labels else labels["合计"]
    assert Decimal(rows["three_public_total"]["value"]) == three
    assert {r["derived"] for r in rows.values()} == {"false"}
    assert {r["unit"] for r in rows.values()} == {"万元"}


@pytest.mark.parametrize("slug", [SHANGHAI, JIANGSU])
def test_checks_of_the_pdf_layouts_compare_the_figures_read_by_hand(
    tables, documents, slug
) -> None:
    """The hand readings (NOTES.md) find no arithmetic contradiction in these tables: every check
    is ok, and the balance and 三公 checks compare the figures read by hand."""
    rows = _of(tables, "checks", documents[slug])
    assert {r["status"] for r in rows} == {"ok"}
    summary = {ORDINAL.sub("", r["label"]): _wan(r) for r in _hand(slug, "summary")}
    revenue = summary.get("收入总计", summary.get("收入合计"))
    expenditure = summary.get("支出总计", summary.get("支出合计"))
    (balance,) = [
        r for r in rows if r["check"] == "balance" and r["subject"].startswith("income_expense")
    ]
    assert (Decimal(balance["expected"]), Decimal(balance["actual"])) == (revenue, expenditure)
    labels = {r["label"]: _wan(r) for r in _hand(slug, "three_public")}
    three = labels["小计"] if "会议费" in labels else labels["合计"]
    (parts,) = [r for r in rows if r["check"] == "three_public" and "接待" in r["subject"]]
    assert Decimal(parts["expected"]) == three
    economic_total = {r["column"]: _wan(r) for r in _hand(slug, "economic") if r["label"] == "合计"}
    hits = [r for r in rows if r["subject"] == "basic_economic 合计 total_wan = Σ 类"]
    assert [Decimal(r["expected"]) for r in hits] == [economic_total["total"]]


# 公开12表 政府采购支出预算表 of the Jiangsu document (单位：万元), read by hand from the page text:
# (page, row_kind, category, 专项名称, 采购物品名称, 采购组织形式, 总计)
JIANGSU_PROCUREMENT = [
    (22, "total", "", "", "", "", "2744.84"),  # 合 计 2,744.84
    (22, "category", "货物", "", "", "", "303.40"),  # 一、货物A
    (22, "item", "货物", "办公、办案设备更新购置费", "复印机", "部门集中采购", "8.00"),
    (23, "category", "服务", "", "", "", "2441.44"),  # 三、服务C 2,441.44
    (23, "item", "服务", "商品和服务支出", "会议服务", "分散自行组织", "158.44"),
]


def test_jiangsu_procurement_rows_as_printed(tables, documents, pages) -> None:
    """The 政府采购支出预算表 (pp22-23): its rows as read by hand, in 万元; the table prints one
    amount column (总计), so 一般公共预算 is blank, never 0 or the 总计."""
    js = documents[JIANGSU]
    rows = _of(tables, "procurement", js)
    got = [
        (
            pages[(js, int(r["source_line"]))],
            r["row_kind"],
            r["category"],
            r["project"],
            r["item"],
            r["method"],
            Decimal(r["total"]),
        )
        for r in rows
    ]
    for *head, total in JIANGSU_PROCUREMENT:
        assert (*head, Decimal(total)) in got, head
    assert [r["row_kind"] for r in rows][:2] == ["total", "category"]
    assert {r["general_budget"] for r in rows} == {""}
    # the 采购物品 rows add up to the 合计 the page prints (303.40 + 2,441.44 = 2,744.84)
    items = [Decimal(r["total"]) for r in rows if r["row_kind"] == "item"]
    assert sum(items) == Decimal("303.40") + Decimal("2441.44") == Decimal("2744.84")


def test_procurement_keeps_total_and_general_budget_apart(db, documents, tmp_path) -> None:
    """Jiangsu's table has no 一般公共预算 column; where a table has one (重庆's, p29) and it
    differs from the 总计, each figure stays in its column: on a copy, half of the 合计 row's
    总计 (2,744.84, p22) is made its 一般公共预算."""
    js = documents[JIANGSU]
    rows = _export_copy(
        db,
        tmp_path,
        (
            "update procurement_item set general_budget_wan = total_wan / 2 "
            "where document = ? and row_kind = 'total'",
            [js],
        ),
        resource="procurement",
    )
    (total,) = [r for r in rows[js] if r["row_kind"] == "total"]
    assert (Decimal(total["total"]), Decimal(total["general_budget"])) == (
        Decimal("2744.84"),
        Decimal("1372.42"),
    )


def test_shanghai_all_funds_function_rows_cell_by_cell(tables, documents) -> None:
    """合计, 基本支出, 项目支出 of every 类/款/项 of the 部门支出预算总表 (p12-13); a cell the page
    leaves blank is blank (the hand reading writes no row for it)."""
    hand = {(r["code"], r["column"]): _wan(r) for r in _hand(SHANGHAI, "function") if r["code"]}
    rows = _of(tables, "expenditure_function", documents[SHANGHAI])
    assert {r["code"] for r in rows} == {code for code, _ in hand}
    for r in rows:
        for column in ("total", "basic", "project"):
            assert _dec(r[column]) == hand.get((r["code"], column)), (r["code"], column)


# --- the package itself -------------------------------------------------------------------------


def test_export_package_returns_the_rows_of_each_file(exported, tables) -> None:
    out, written = exported
    assert written == {str(out / f"{name}.csv"): len(rows) for name, rows in tables.items()}
    assert len(written) == len(export.RESOURCES) == 15


def test_datapackage_json_describes_each_resource_as_declared(exported) -> None:
    out, _ = exported
    text = (out / "datapackage.json").read_text(encoding="utf-8")
    assert text.endswith("}\n") and "部门预算公开数据" in text  # UTF-8, not \u escapes
    assert text.startswith('{\n  "profile"')  # indented by 2
    meta = json.loads(text)
    assert (meta["profile"], meta["name"], meta["title"]) == (
        "tabular-data-package",
        "budgetlens-budget-disclosures",
        "BudgetLens 部门预算公开数据",
    )
    assert "万元" in meta["description"] and "_yuan" in meta["description"]
    assert [lic["name"] for lic in meta["licenses"]] == ["CC-BY-4.0"]
    assert meta["licenses"][0]["path"] == "https://creativecommons.org/licenses/by/4.0/"
    assert meta["licenses"][0]["title"] == "Creative Commons Attribution 4.0"
    assert len(meta["sources"]) == 2 and "function_classes.csv" in meta["sources"][1]["title"]
    assert "documents.csv" in meta["sources"][0]["title"]
    assert len(meta["resources"]) == len(export.RESOURCES)
    for res, declared in zip(meta["resources"], export.RESOURCES, strict=True):
        assert res == {
            "name": declared.name.replace("_", "-"),
            "title": declared.title,
            "path": f"{declared.name}.csv",
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8-sig",
            "schema": res["schema"],
        }
        fields = [*export.BASE_FIELDS, *declared.fields]
        assert res["schema"]["fields"] == [
            {"name": n, "type": t, "description": d} for n, t, d in fields
        ]
        assert res["schema"]["missingValues"] == [""]


def test_a_query_that_drifts_from_its_declaration_is_refused(db, tmp_path, monkeypatch) -> None:
    declared = export.RESOURCES[0]
    drifted = export.Resource(declared.name, declared.title, declared.fields[:-1])
    monkeypatch.setattr(export, "RESOURCES", (drifted,))
    con = duckdb.connect(str(db), read_only=True)
    try:
        with pytest.raises(ValueError, match=r"export_expenditure_function\.sql returns"):
            export.export_package(con, tmp_path / "out")
    finally:
        con.close()


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (True, "true"),
        (False, "false"),
        (Decimal("4266.91"), "4266.91"),
        (Decimal("2007.0000"), "2007.00"),  # cents kept, no more
        (Decimal("37151.4655"), "37151.4655"),  # 元 in 万元: every digit kept
        (Decimal("0.0000"), "0.00"),
        (Decimal("10E+2"), "1000.00"),
        (63.0, "63"),
        (2.5, "2.5"),
        (20070000, "20070000"),
        ("晋城", "晋城"),
    ],
)
def test_cells_are_written_exactly(value, text: str) -> None:
    assert export._cell(value) == text


def test_a_table_in_yuan_allows_a_yuan_per_item(db, documents) -> None:
    """Shanghai's 部门支出预算总表 is printed in 元 (p12): 合计 = Σ of its seven 类 allows 7 元."""
    classes = {r["code"] for r in _hand(SHANGHAI, "function") if len(r["code"]) == 3}
    assert len(classes) == 7
    con = duckdb.connect(str(db), read_only=True)
    try:
        (row,) = con.execute(
            "select tolerance, status from check_result where document = ? and subject = ?",
            [documents[SHANGHAI], "expenditure_total 合计 total_wan = Σ 类"],
        ).fetchall()
    finally:
        con.close()
    assert row == (Decimal("0.0007"), "ok")


def _export_copy(
    db: Path, tmp_path: Path, *statements: tuple[str, list], resource: str = "key_figures"
) -> dict[str, list]:
    """Export a copy of the database after ``statements``; rows of one resource by document."""
    copy = tmp_path / "copy.duckdb"
    shutil.copyfile(db, copy)
    con = duckdb.connect(str(copy))
    try:
        for sql, params in statements:
            (changed,) = con.execute(sql, params).fetchone()
            assert changed > 0, (sql, params)  # the change the test is about did happen
        export.export_package(con, tmp_path / "out")
    finally:
        con.close()
    with (tmp_path / "out" / f"{resource}.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    by_document: dict[str, list] = {}
    for r in rows:
        by_document.setdefault(r["document"], []).append(r)
    return by_document


DROP_SPLIT = (
    "delete from key_figure where key in ('basic_total', 'project_total') and document in (?, ?)"
)


def test_a_split_the_key_figures_lack_is_taken_from_the_total_row(
    db, documents, pages, tmp_path
) -> None:
    """Without basic_total/project_total among a document's key figures, the export takes them
    from the 合计 row of its 支出总表 (docs/open-data.md): Jincheng's l.200, Shanghai's p13 —
    the last row of its table, not the first."""
    sh = documents[SHANGHAI]
    rows = _export_copy(db, tmp_path, (DROP_SPLIT, [JINCHENG, sh]))
    hand_jc = next(r for r in read_fixture("function_tables.csv") if r["name"] == "合计")
    hand_sh = {r["label"]: _wan(r) for r in _hand(SHANGHAI, "basic_project")}
    expected = {
        JINCHENG: (Decimal(hand_jc["basic"]), Decimal(hand_jc["project"])),
        sh: (hand_sh["基本支出"], hand_sh["项目支出"]),
    }
    for document, (basic, project) in expected.items():
        got = {r["key"]: r for r in rows[document] if r["derived"] == "true"}
        assert set(got) == {"basic_total", "project_total"}, document
        assert Decimal(got["basic_total"]["value"]) == basic, document
        assert Decimal(got["project_total"]["value"]) == project, document
        assert got["basic_total"]["label"] == "基本支出（支出总表合计行）"
        assert got["project_total"]["label"] == "项目支出（支出总表合计行）"
        assert {r["unit"] for r in got.values()} == {"万元"}
    jc_lines = {int(r["source_line"]) for r in rows[JINCHENG] if r["derived"] == "true"}
    assert jc_lines == {int(hand_jc["line"])}
    sh_line = int(next(r for r in rows[sh] if r["derived"] == "true")["source_line"])
    assert pages[(sh, sh_line)] == 13
    # Jiangsu states both: nothing derived
    assert {r["derived"] for r in rows[documents[JIANGSU]]} == {"false"}


def test_a_split_is_taken_from_the_all_funds_table_whatever_the_table_order(
    db, documents, tmp_path
) -> None:
    """Jincheng prints a 合计 row in three function tables, each numbered from 1: the 支出总表's
    (l.200: 基本 1120.79, 项目 3146.12), the 一般公共预算支出表's (l.283: 项目 3143.50, without
    the 2.62 carried over) and the 政府性基金 table's (l.376, blank). The split is the first's,
    even when the others' rows come first in the database."""
    hand = {r["table"]: r for r in read_fixture("function_tables.csv") if r["name"] == "合计"}
    all_funds, general = hand["expenditure_total"], hand["general_budget_expenditure"]
    assert all_funds["project"] != general["project"]  # the two tables differ: the test can tell
    rows = _export_copy(
        db,
        tmp_path,
        (DROP_SPLIT, [JINCHENG, documents[SHANGHAI]]),
        (
            "update expenditure_function set seq = 0 where document = ? and level = 0 "
            "and table_key <> 'expenditure_total'",
            [JINCHENG],
        ),
    )
    got = {r["key"]: r for r in rows[JINCHENG] if r["derived"] == "true"}
    assert {k: (Decimal(r["value"]), int(r["source_line"])) for k, r in got.items()} == {
        "basic_total": (Decimal(all_funds["basic"]), int(all_funds["line"])),
        "project_total": (Decimal(all_funds["project"]), int(all_funds["line"])),
    }


def test_a_split_the_total_row_leaves_blank_is_absent_never_zero(db, documents, tmp_path) -> None:
    sh = documents[SHANGHAI]
    blank = (
        "update expenditure_function set basic_wan = null where document = ? "
        "and table_key = 'expenditure_total' and level = 0"
    )
    blank_project = blank.replace("basic_wan", "project_wan")
    rows = _export_copy(
        db, tmp_path, (DROP_SPLIT, [JINCHENG, sh]), (blank, [sh]), (blank_project, [JINCHENG])
    )
    assert {r["key"] for r in rows[sh] if r["derived"] == "true"} == {"project_total"}
    assert "basic_total" not in {r["key"] for r in rows[sh]}
    assert {r["key"] for r in rows[JINCHENG] if r["derived"] == "true"} == {"basic_total"}
    assert "project_total" not in {r["key"] for r in rows[JINCHENG]}


# Rows a query must leave out, added to a copy of the database: each filter of the export queries
# is held to what it is for, beyond what the three documents happen to print.
COPY_ROW = (
    "insert into summary_item select * replace ({changes}) from summary_item "
    "where document = ? and item = ? and side = ? limit 1"
)


def test_class_rows_by_name_only_for_a_document_without_a_function_table(
    db, documents, tmp_path
) -> None:
    js, sh = documents[JIANGSU], documents[SHANGHAI]
    (jiangsu_class,) = [
        ORDINAL.sub("", r["label"]) for r in _hand(JIANGSU, "summary") if "公共安全" in r["label"]
    ]
    rows = _export_copy(
        db,
        tmp_path,
        # a 功能分类 cell on the 收入 side of Jiangsu's summary is not an expenditure row
        (COPY_ROW.format(changes="'收入' as side, seq + 1000 as seq"), [js, jiangsu_class, "支出"]),
        # a 功能分类 column in the summary of a document that has a 支出总表 adds nothing
        (
            COPY_ROW.format(changes="'功能分类' as column_group, seq + 1000 as seq"),
            [sh, "一般公共服务支出", "支出"],
        ),
        # a 财政拨款收支总表 printing its 支出 by 功能分类 (none of the corpus's Jiangsu documents
        # does: theirs is by 支出用途) is 财政拨款 only, not all funds: not a row here
        (
            COPY_ROW.format(changes="'fiscal_summary' as table_key, seq + 2000 as seq"),
            [js, jiangsu_class, "支出"],
        ),
        resource="expenditure_function",
    )
    assert len(rows[js]) == 3 and {r["table"] for r in rows[js]} == {"income_expense_summary"}
    # the 收支总表's 类 rows as read by hand (p. and value in hand_read.csv), once each
    hand = {
        ORDINAL.sub("", r["label"]): _wan(r)
        for r in _hand(JIANGSU, "summary")
        if r["column"] == "功能分类/金额"
    }
    assert sorted((r["name"], Decimal(r["total"])) for r in rows[js]) == sorted(hand.items())
    assert {r["table"] for r in rows[sh]} == {"expenditure_total"}


def test_revenue_is_the_amount_column_only(db, documents, tmp_path) -> None:
    js = documents[JIANGSU]
    (first,) = [ORDINAL.sub("", r["label"]) for r in _summary_revenue(JIANGSU)]
    rows = _export_copy(
        db,
        tmp_path,
        (
            COPY_ROW.format(changes="'current_year' as column_key, seq + 1000 as seq"),
            [js, first, "收入"],
        ),
        resource="revenue",
    )
    assert len(rows[js]) == len(_summary_revenue(JIANGSU)) == 1


def test_a_project_keeps_its_total_and_general_budget_apart(db, tmp_path) -> None:
    """In the seed every project is all 一般公共预算; where a project also has other funds its two
    amounts differ, and each stays in its column."""
    rows = _export_copy(
        db,
        tmp_path,
        (
            "update project_budget set general_budget_wan = total_wan / 2 "
            "where document = ? and row_kind = 'project'",
            [JINCHENG],
        ),
        resource="projects",
    )
    hand = {int(r["line"]): r for r in read_fixture("projects.csv")}
    for r in rows[JINCHENG]:
        total = Decimal(hand[int(r["source_line"])]["total"])
        assert (Decimal(r["total"]), Decimal(r["general_budget"])) == (total, total / 2), r


def test_fiscal_items_keep_each_fund_in_its_column(db, tmp_path) -> None:
    """No document of this set prints a 政府性基金 or 国有资本经营 figure in its 三公 or
    机关运行经费 table (Jincheng's l.423 leaves both blank). On a copy, Jincheng's 部门合计
    (54.87, l.422) is split 1/2 : 1/5 : 3/10 among the three funds; each part stays in its
    column."""
    rows = _export_copy(
        db,
        tmp_path,
        (
            "update fiscal_item set general_budget_wan = total_wan / 2, "
            "gov_fund_wan = total_wan / 5, state_capital_wan = total_wan * 3 / 10 "
            "where document = ? and source_line = 422",
            [JINCHENG],
        ),
        resource="fiscal_items",
    )
    (total,) = [r for r in rows[JINCHENG] if r["source_line"] == "422"]
    got = tuple(Decimal(total[c]) for c in ("total", "general_budget", "gov_fund", "state_capital"))
    # 54.87 / 2 = 27.435, 54.87 / 5 = 10.974, 54.87 × 3 / 10 = 16.461
    assert got == (Decimal("54.87"), Decimal("27.435"), Decimal("10.974"), Decimal("16.461"))


def test_a_synthetic_document_is_left_out_of_every_resource(db, documents, tmp_path) -> None:
    """tests/test_export.py marks the seed synthetic, but the seed prints no 政府采购 table: here
    the Jiangsu document (its table on pp22-23) is marked, and no resource keeps a row of it."""
    js = documents[JIANGSU]
    rows = _export_copy(
        db,
        tmp_path,
        ("update document set synthetic = true where document = ?", [js]),
        resource="procurement",
    )
    assert js not in rows
    for path in (tmp_path / "out").glob("*.csv"):
        with path.open(encoding="utf-8-sig", newline="") as fh:
            assert js not in {r["document"] for r in csv.DictReader(fh)}, path.name
