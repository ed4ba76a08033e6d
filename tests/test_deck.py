"""The PPTX deck: 16:9, one slide per storyline entry, native charts whose data equal the database,
titles with units, a source footer on every slide, 微软雅黑 as the East Asian font on every run."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.oxml.ns import qn
from pptx.util import Inches

from budgetlens import cli, db
from budgetlens.check_labels import subject_label
from budgetlens.deck import FONT_EA
from budgetlens.storyline import (
    MAX_CATEGORIES,
    Chart,
    fmt_amount,
    share,
    slides,
    top_n,
)

ROOT = Path(__file__).resolve().parents[1]
EXPECTED_TYPES = {
    "bar": XL_CHART_TYPE.BAR_CLUSTERED,
    "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "pie": XL_CHART_TYPE.PIE,
    "doughnut": XL_CHART_TYPE.DOUGHNUT,
}


@pytest.fixture(scope="module")
def deck_paths(seed_db: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The seed deck in both languages, written through the CLI (no --department: one document)."""
    out = tmp_path_factory.mktemp("deck")
    paths = {"zh": out / "seed.pptx", "en": out / "seed-en.pptx"}
    assert cli.main(["deck", "--db", str(seed_db), "-o", str(paths["zh"])]) == 0
    args = ["deck", "--db", str(seed_db), "-o", str(paths["en"]), "--lang", "en"]
    assert cli.main(args) == 0
    return paths


@pytest.fixture(scope="module")
def con(seed_db: Path):
    c = db.connect(seed_db, read_only=True)
    yield c
    c.close()


@pytest.fixture(scope="module")
def doc(con: duckdb.DuckDBPyConnection) -> dict:
    row = con.execute("select department, year, title from document").fetchone()
    return {"department": row[0], "year": row[1], "title": row[2]}


@pytest.fixture(scope="module")
def story(con, doc) -> list:
    return slides(con, doc["department"], doc["year"])


@pytest.fixture(scope="module")
def prs(deck_paths):
    return Presentation(str(deck_paths["zh"]))


def by_key(story: list, key: str):
    return next(s for s in story if s.key == key)


def pptx_slide(prs, story, key: str):
    return prs.slides[[s.key for s in story].index(key)]


def named(slide, name: str):
    return next(sh for sh in slide.shapes if sh.name == name)


def chart_of(slide):
    charts = [sh for sh in slide.shapes if sh.has_chart]
    assert len(charts) == 1
    return charts[0].chart


def q(con, sql: str, params: dict | None = None) -> list[tuple]:
    return con.execute(sql, params or {}).fetchall()


def floats(values) -> list[float | None]:
    return [None if v is None else float(v) for v in values]


# --- the file -----------------------------------------------------------------------------------


def test_slide_size_is_16_9(prs) -> None:
    assert prs.slide_width == Inches(13.333)
    assert prs.slide_height == Inches(7.5)
    assert abs(prs.slide_width / prs.slide_height - 16 / 9) < 0.001


def test_one_pptx_slide_per_storyline_slide(prs, story) -> None:
    assert len(prs.slides) == len(story)
    assert story[0].key == "title"
    keys = [s.key for s in story]
    for key in ("overview", "revenue", "function", "basic_project", "economic", "units"):
        assert key in keys
    assert any(k.startswith("mismatches:") for k in keys)


def test_every_slide_has_its_title_with_the_unit(prs, story) -> None:
    for pptx, s in zip(prs.slides, story, strict=True):
        title = named(pptx, "Title").text_frame.text
        assert title == s.heading
        if s.key == "title":
            assert s.unit in named(pptx, "Subtitle").text_frame.text
        else:
            assert title.endswith(f"（{s.unit}）"), title
    assert by_key(story, "function").heading == "支出按功能分类（万元）"


def test_every_slide_has_the_source_footer(prs, story, doc) -> None:
    for pptx, s in zip(prs.slides, story, strict=True):
        footer = named(pptx, "Source").text_frame.text
        assert footer == s.source
        assert footer.startswith(f"来源：{doc['title']}，")
        assert named(pptx, "Source").top > named(pptx, "Title").top


def test_function_source_names_table_and_line(story, con) -> None:
    title, line = q(
        con,
        "select st.title, ef.source_line from source_table as st join expenditure_function as ef "
        "using (department, year, table_key) where st.table_key = 'expenditure_total' "
        "and ef.level = 0",
    )[0]
    assert by_key(story, "function").source.endswith(f"{title}（第{line}行）")


def test_charts_are_native_and_of_the_expected_type(prs, story) -> None:
    charts = 0
    for pptx, s in zip(prs.slides, story, strict=True):
        assert not [sh for sh in pptx.shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE]
        if s.chart is None or s.chart.kind not in EXPECTED_TYPES:
            assert not [sh for sh in pptx.shapes if sh.has_chart]
            continue
        chart = chart_of(pptx)
        assert chart.chart_type == EXPECTED_TYPES[s.chart.kind], s.key
        assert len(list(chart.plots[0].categories)) <= MAX_CATEGORIES
        charts += 1
    assert charts >= 6


def test_tables_are_native_tables(prs, story) -> None:
    for pptx, s in zip(prs.slides, story, strict=True):
        if s.chart is not None and s.chart.kind == "table":
            tables = [sh for sh in pptx.shapes if sh.has_table]
            assert len(tables) == 1
            table = tables[0].table
            assert len(table.rows) == len(s.chart.rows) + 1
            assert [c.text for c in table.rows[0].cells] == list(s.chart.columns)


def test_shapes_stay_within_the_slide(prs) -> None:
    for pptx in prs.slides:
        for sh in pptx.shapes:
            assert sh.left >= 0 and sh.top >= 0, sh.name
            assert sh.left + sh.width <= prs.slide_width, sh.name
            assert sh.top + sh.height <= prs.slide_height, sh.name


# --- the figures equal the database -------------------------------------------------------------


def test_expenditure_by_function_equals_the_database(prs, story, con) -> None:
    rows = q(
        con,
        "select name, total_wan from expenditure_function "
        "where table_key = 'expenditure_total' and level = 1",
    )
    expected = dict(top_n([(n, v) for n, v in rows], "其他"))
    chart = chart_of(pptx_slide(prs, story, "function"))
    categories = list(chart.plots[0].categories)
    values = chart.series[0].values
    assert dict(zip(categories, values, strict=True)) == {k: float(v) for k, v in expected.items()}
    assert len(rows) <= MAX_CATEGORIES  # the seed needs no 其他: every 类 is shown by name
    assert set(categories) == {n for n, _ in rows}


def test_revenue_by_source_equals_the_database(prs, story, con) -> None:
    (general, carried) = q(
        con,
        "select general_budget_wan, carried_over_wan from revenue_function "
        "where table_key = 'revenue_function' and level = 0",
    )[0]
    chart = chart_of(pptx_slide(prs, story, "revenue"))
    got = dict(zip(chart.plots[0].categories, chart.series[0].values, strict=True))
    assert got == {"一般公共预算": float(general), "上年结转": float(carried)}


def test_basic_vs_project_equals_the_database(prs, story, con) -> None:
    basic, project = q(
        con,
        "select basic_wan, project_wan from expenditure_function "
        "where table_key = 'expenditure_total' and level = 0",
    )[0]
    chart = chart_of(pptx_slide(prs, story, "basic_project"))
    assert list(chart.series[0].values) == [float(basic), float(project)]


def test_economic_groups_equal_the_database(prs, story, con) -> None:
    rows = q(
        con,
        "select group_name, personnel_wan, public_wan from expenditure_economic "
        "where row_kind = 'group' order by seq",
    )
    chart = chart_of(pptx_slide(prs, story, "economic"))
    assert list(chart.plots[0].categories) == [r[0] for r in rows]
    assert list(chart.series[0].values) == floats(r[1] for r in rows)
    assert list(chart.series[1].values) == floats(r[2] for r in rows)


def test_projects_by_unit_equal_the_database(prs, story, con) -> None:
    rows = q(
        con,
        "select unit, sum(total_wan) from project_budget where row_kind = 'project' group by unit",
    )
    chart = chart_of(pptx_slide(prs, story, "units"))
    got = dict(zip(chart.plots[0].categories, chart.series[0].values, strict=True))
    assert got == {u: float(v) for u, v in rows}


def test_overview_figures_equal_key_figures(story, con) -> None:
    kf = dict(q(con, "select key, value from key_figure"))
    chart: Chart = by_key(story, "overview").chart
    got = {f.label: f.value for f in chart.figures}
    assert got["收入总计"] == kf["revenue_total"]
    assert got["支出总计"] == kf["expenditure_total"]
    assert got["上年结转"] == kf["revenue_carried_over"]
    assert got["收入比上年增减"] == kf["revenue_change"]


def test_one_scorecard_per_performance_table_with_counts_from_the_database(prs, story, con) -> None:
    projects = [r[0] for r in q(con, "select project from performance_table")]
    cards = [s for s in story if s.key.startswith("scorecard:")]
    assert sorted(s.key.removeprefix("scorecard:") for s in cards) == sorted(projects)
    for s in cards:
        project = s.key.removeprefix("scorecard:")
        rows = q(
            con,
            "select level2, count(*), count(*) filter (where target_kind in ('numeric', 'time')) "
            "from performance_indicator where project = $p and period = '年度' group by level2",
            {"p": project},
        )
        chart = chart_of(pptx_slide(prs, story, s.key))
        cats = list(chart.plots[0].categories)
        assert dict(zip(cats, chart.series[0].values, strict=True)) == {
            r[0]: float(r[1]) for r in rows
        }
        assert dict(zip(cats, chart.series[1].values, strict=True)) == {
            r[0]: float(r[2]) for r in rows
        }
        n, m = sum(r[1] for r in rows), sum(r[2] for r in rows)
        assert f"年度绩效指标 {n} 个" in s.sentences[0]
        assert f"{fmt_amount(share(m, n))}%" in s.sentences[0]


def test_scorecard_cost_sentence_comes_from_check_result(story, con) -> None:
    expected, actual = q(
        con,
        "select expected, actual from check_result where check_kind = 'cost_indicator' "
        "and subject like '科技计划项目 年度%'",
    )[0]
    text = " ".join(by_key(story, "scorecard:科技计划项目").sentences)
    assert f"指标 {fmt_amount(actual)} 万元，对照 {fmt_amount(expected)} 万元，不一致" in text


def test_reconciliation_counts_and_mismatches_equal_check_result(prs, story, con) -> None:
    counts = dict(q(con, "select status, count(*) from check_result group by status"))
    chart = chart_of(pptx_slide(prs, story, "checks"))
    assert list(chart.plots[0].categories) == ["一致", "舍入差异", "不一致", "无法判断"]
    assert list(chart.series[0].values) == [
        float(counts.get(s, 0)) for s in ("ok", "rounding", "mismatch", "unjudged")
    ]
    mismatches = q(
        con,
        "select subject, expected, actual from check_result where status = 'mismatch' order by seq",
    )
    shown = []
    for s in story:
        if s.key.startswith("mismatches:"):
            table = next(sh for sh in pptx_slide(prs, story, s.key).shapes if sh.has_table).table
            for row in list(table.rows)[1:]:
                cells = [c.text for c in row.cells]
                shown.append((cells[1], cells[2], cells[3]))
    assert shown == [
        (subject_label(sub, "zh"), fmt_amount(e), fmt_amount(a)) for sub, e, a in mismatches
    ]


# --- sentences ----------------------------------------------------------------------------------


def test_sentences_are_on_the_slides(prs, story) -> None:
    for pptx, s in zip(prs.slides, story, strict=True):
        if not s.sentences:
            continue
        text = named(pptx, "Sentences").text_frame.text
        for sentence in s.sentences:
            assert sentence in text
        assert 1 <= len(s.sentences) <= 3


def test_function_sentences_figures_equal_the_database(story, con) -> None:
    total = q(
        con,
        "select total_wan from expenditure_function "
        "where table_key = 'expenditure_total' and level = 0",
    )[0][0]
    rows = q(
        con,
        "select name, total_wan from expenditure_function "
        "where table_key = 'expenditure_total' and level = 1 order by total_wan desc",
    )
    sentences = by_key(story, "function").sentences
    name, value = rows[0]
    assert sentences[0] == f"{name} {fmt_amount(value)} 万元，占支出总计 {share(value, total)}%。"
    allowed = {fmt_amount(v) for _, v in rows} | {fmt_amount(share(v, total)) for _, v in rows}
    for sentence in sentences:
        for number in re.findall(r"\d[\d,]*\.\d{2}", sentence):
            assert number in allowed, (number, sentence)


def test_overview_sentences_figures_equal_key_figures(story, con) -> None:
    kf = dict(q(con, "select key, value from key_figure"))
    text = " ".join(by_key(story, "overview").sentences)
    for key in ("revenue_total", "expenditure_total", "revenue_current_year", "revenue_change"):
        assert fmt_amount(kf[key]) in text, key
    assert f"{fmt_amount(kf['revenue_change_pct'])}%" in text


def test_basic_project_sentence_shares_add_up(story, con) -> None:
    basic, project = q(
        con,
        "select basic_wan, project_wan from expenditure_function "
        "where table_key = 'expenditure_total' and level = 0",
    )[0]
    sentence = by_key(story, "basic_project").sentences[0]
    assert fmt_amount(basic) in sentence and fmt_amount(project) in sentence
    assert f"{share(basic, basic + project)}%" in sentence


# --- fonts --------------------------------------------------------------------------------------


def _runs(prs):
    for pptx in prs.slides:
        for sh in pptx.shapes:
            frames = []
            if sh.has_text_frame:
                frames.append(sh.text_frame)
            if sh.has_table:
                frames += [c.text_frame for row in sh.table.rows for c in row.cells]
            for tf in frames:
                for p in tf.paragraphs:
                    yield from p.runs


def test_east_asian_font_on_every_run(prs) -> None:
    runs = list(_runs(prs))
    assert len(runs) > 100
    for run in runs:
        ea = run._r.get_or_add_rPr().find(qn("a:ea"))
        assert ea is not None and ea.get("typeface") == FONT_EA, run.text


def test_east_asian_font_in_chart_text(prs) -> None:
    for pptx in prs.slides:
        for sh in pptx.shapes:
            if sh.has_chart:
                defrpr = sh.chart.font._rPr
                assert defrpr.find(qn("a:ea")).get("typeface") == FONT_EA


# --- languages, errors, helpers -----------------------------------------------------------------


def test_english_deck_has_the_same_slides_and_figures(deck_paths, story, con, doc) -> None:
    en = slides(con, doc["department"], doc["year"], lang="en")
    assert [s.key for s in en] == [s.key for s in story]
    assert by_key(en, "function").heading == "Expenditure by function (10k yuan)"
    for a, b in zip(en, story, strict=True):
        if a.chart is not None and a.chart.kind in EXPECTED_TYPES:
            assert [x.values for x in a.chart.series] == [x.values for x in b.chart.series]
    prs_en = Presentation(str(deck_paths["en"]))
    assert len(prs_en.slides) == len(en)
    assert named(prs_en.slides[3], "Source").text_frame.text.startswith("Source: ")


def test_unknown_department_and_language_raise(con, doc) -> None:
    with pytest.raises(LookupError):
        slides(con, "不存在的部门", doc["year"])
    with pytest.raises(ValueError):
        slides(con, doc["department"], doc["year"], lang="fr")


def test_top_n_groups_the_rest_as_other() -> None:
    items = [(f"类{i}", Decimal(i)) for i in range(1, 11)]
    out = top_n(items, "其他")
    assert len(out) == MAX_CATEGORIES
    assert out[0] == ("类10", Decimal(10))
    assert out[-1] == ("其他", sum(Decimal(i) for i in range(1, 4)))
    assert sum(v for _, v in out) == sum(v for _, v in items)


def test_fmt_amount_has_separators_and_two_decimals() -> None:
    assert fmt_amount(Decimal("3686.33")) == "3,686.33"
    assert fmt_amount(Decimal("1199.6")) == "1,199.60"
    assert fmt_amount(None) == ""


def test_no_budget_figure_is_typed_into_the_code() -> None:
    for name in ("storyline.py", "deck.py", "workbook.py"):
        text = (ROOT / "budgetlens" / name).read_text(encoding="utf-8")
        for figure in ("4,266.91", "4266.91", "3686.33", "3,686.33", "86.39"):
            assert figure not in text, (name, figure)


# --- the command line ---------------------------------------------------------------------------


def test_cli_unknown_department_exits_2_and_lists_what_exists(
    seed_db: Path, tmp_path: Path, capsys, doc
) -> None:
    out = tmp_path / "x.pptx"
    code = cli.main(["deck", "--db", str(seed_db), "--department", "不存在", "-o", str(out)])
    assert code == 2
    err = capsys.readouterr().err
    assert "不存在" in err and doc["department"] in err and str(doc["year"]) in err
    assert not out.exists()


def test_cli_unknown_year_and_missing_database_exit_2(seed_db: Path, tmp_path: Path) -> None:
    out = str(tmp_path / "x.pptx")
    assert cli.main(["deck", "--db", str(seed_db), "--year", "1999", "-o", out]) == 2
    assert cli.main(["deck", "--db", str(tmp_path / "none.duckdb"), "-o", out]) == 2


def test_cli_explicit_department_and_year(seed_db: Path, tmp_path: Path, doc) -> None:
    out = tmp_path / "deck.pptx"
    args = ["deck", "--db", str(seed_db), "--department", doc["department"]]
    assert cli.main([*args, "--year", str(doc["year"]), "-o", str(out)]) == 0
    assert out.stat().st_size > 0
