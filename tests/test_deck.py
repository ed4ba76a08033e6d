"""The PPTX deck: PowerPoint's widescreen size, one slide per storyline entry in the finance
officer's order, titles in title placeholders (with units), native charts whose data equal the
database (every project's amount among them), a source footer on every slide, horizontal chart
labels, 微软雅黑 as the East Asian font on every run, and a Chinese deck without identifiers,
English sentences, placeholders or file names."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.oxml.ns import qn

from budgetlens import cli, db
from budgetlens.deck import FONT_EA
from budgetlens.storyline import (
    MAX_CATEGORIES,
    PROJECTS_PER_SLIDE,
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


def test_slide_size_is_powerpoint_widescreen(prs) -> None:
    assert (prs.slide_width, prs.slide_height) == (12_192_000, 6_858_000)


def test_slides_follow_the_finance_officers_story(prs, story) -> None:
    assert len(prs.slides) == len(story)
    keys = [s.key.split(":")[0] for s in story]
    story_order = [
        "title",
        "overview",
        "revenue",
        "function",
        "basic_project",
        "projects",
        "economic",
        "three_public",
        "performance",
        "performance_projects",
        "quality",
    ]
    assert list(dict.fromkeys(keys)) == story_order


def test_at_most_two_slides_on_performance_and_one_on_data_quality(story) -> None:
    keys = [s.key for s in story]
    assert sum(k.startswith("performance") for k in keys) <= 2
    assert sum(k in ("quality",) or k.startswith(("mismatches", "checks")) for k in keys) == 1


def test_every_title_is_a_title_placeholder(prs, story) -> None:
    for pptx, s in zip(prs.slides, story, strict=True):
        title = pptx.shapes.title
        assert title is not None, s.key
        assert title.is_placeholder
        assert title.placeholder_format.type in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
        assert title.text_frame.text == s.heading


def test_chart_labels_are_horizontal(prs) -> None:
    bodies = 0
    for pptx in prs.slides:
        for sh in pptx.shapes:
            if not sh.has_chart:
                continue
            for tx in sh.chart._chartSpace.iter(qn("c:txPr")):
                body = tx.find(qn("a:bodyPr"))
                if tx.getparent().tag in (qn("c:catAx"), qn("c:dLbls")):
                    assert body is not None and body.get("rot") == "0", tx.getparent().tag
                    assert body.get("vert") == "horz"
                    bodies += 1
    assert bodies >= 5


def test_every_projects_amount_is_in_a_native_chart(prs, story, con) -> None:
    rows = q(
        con,
        "select project, sum(total_wan) from project_budget where row_kind = 'project' "
        "group by project",
    )
    got: dict[str, float] = {}
    for s in story:
        if s.key.startswith("projects:"):
            chart = chart_of(pptx_slide(prs, story, s.key))
            got.update(zip(chart.plots[0].categories, chart.series[0].values, strict=True))
    assert got == {p: float(v) for p, v in rows}
    assert len(got) >= 5


IDENTIFIER = re.compile(r"\b[a-z]+_[a-z_]+\b|\b(?:None|nan|NaN|null)\b")
ENGLISH = re.compile(r"[A-Za-z]{3,}(?:\s+[A-Za-z]{2,})+")


def _deck_text(prs) -> list[str]:
    texts = []
    for pptx in prs.slides:
        for sh in pptx.shapes:
            if sh.has_text_frame:
                texts.append(sh.text_frame.text)
            if sh.has_table:
                texts += [c.text for row in sh.table.rows for c in row.cells]
            if sh.has_chart:
                chart = sh.chart
                texts += [str(c) for c in chart.plots[0].categories]
                texts += [series.name for series in chart.series]
    return texts


def test_the_chinese_deck_has_no_identifier_english_placeholder_or_file_name(prs, con) -> None:
    files = [r[0] for r in q(con, "select source_file from document")]
    texts = _deck_text(prs)
    assert len(texts) > 50
    for text in texts:
        assert not IDENTIFIER.search(text), text
        assert not ENGLISH.search(text), text
        assert "—" not in text or "–" in text, text
        for name in files:
            assert name not in text, text
        assert not re.search(r"\.(txt|pdf|pptx|xlsx)\b", text), text


def test_the_checks_above_find_what_they_look_for() -> None:
    assert IDENTIFIER.search("核对 expenditure_total 合计")
    assert IDENTIFIER.search("金额 None")
    assert ENGLISH.search("成本指标 has an amount")
    assert not ENGLISH.search("收入总计 4,266.91 万元")


def test_every_slide_has_its_title_with_the_unit(prs, story) -> None:
    for pptx, s in zip(prs.slides, story, strict=True):
        title = pptx.shapes.title.text_frame.text
        assert title == s.heading
        if s.key == "title":
            assert s.unit in named(pptx, "Subtitle").text_frame.text
        elif not s.unit:  # a table of 万元, counts and %: its headers name the units
            assert s.chart.kind == "table", title
            assert "预算（万元）" in s.chart.columns and "占比（%）" in s.chart.columns, title
            assert "（" not in title, title
        else:
            assert title.endswith(f"（{s.unit}）"), title
    assert by_key(story, "function").heading == "支出按功能分类（万元）"
    assert by_key(story, "performance_projects").heading == "绩效目标：各项目量化程度"


def test_every_slide_has_the_source_footer(prs, story, doc) -> None:
    for pptx, s in zip(prs.slides, story, strict=True):
        footer = named(pptx, "Source").text_frame.text
        assert footer == s.source
        assert footer.startswith(f"来源：{doc['title']}")
        assert named(pptx, "Source").top > pptx.shapes.title.top


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
        limit = PROJECTS_PER_SLIDE if s.key.startswith("projects:") else MAX_CATEGORIES
        assert len(list(chart.plots[0].categories)) <= limit
        charts += 1
    assert charts >= 7


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


def test_overview_figures_equal_key_figures(story, con) -> None:
    kf = dict(q(con, "select key, value from key_figure"))
    chart: Chart = by_key(story, "overview").chart
    got = {f.label: f.value for f in chart.figures}
    assert got["收入总计"] == kf["revenue_total"]
    assert got["支出总计"] == kf["expenditure_total"]
    assert got["本年预算"] == kf["revenue_current_year"]  # the pages' name for it too
    assert got["上年结转"] == kf["revenue_carried_over"]
    assert got["收入比上年增减"] == kf["revenue_change"]


def test_overview_gives_the_documents_reason_for_the_change(story, con) -> None:
    (sentence,) = q(con, "select sentence from key_figure where key = 'revenue_change'")[0]
    text = " ".join(by_key(story, "overview").sentences)
    reason = sentence.split("主要原因是")[1].rstrip("；;。")
    assert f"文件说明的原因：{reason}。" in text


def test_three_public_and_operating_costs_slide_equals_key_figures(story, con) -> None:
    kf = dict(q(con, "select key, value from key_figure"))
    got = {f.label: f.value for f in by_key(story, "three_public").chart.figures}
    assert got == {
        "“三公”经费": kf["three_public_total"],
        "机关运行经费": kf["admin_operating_total"],
    }
    text = " ".join(by_key(story, "three_public").sentences)
    assert f"比上年增加 {fmt_amount(kf['admin_operating_change'])} 万元" in text


def test_performance_across_all_projects_equals_the_database(prs, story, con) -> None:
    rows = q(
        con,
        "select level1, count(*) filter (where target_kind in ('numeric', 'time')), "
        "count(*) filter (where target_kind not in ('numeric', 'time')) "
        "from performance_indicator where period = '年度' group by level1",
    )
    chart = chart_of(pptx_slide(prs, story, "performance"))
    cats = list(chart.plots[0].categories)
    assert dict(zip(cats, chart.series[0].values, strict=True)) == {r[0]: r[1] for r in rows}
    assert dict(zip(cats, chart.series[1].values, strict=True)) == {r[0]: r[2] for r in rows}
    n, m = q(
        con,
        "select count(*), count(*) filter (where target_kind in ('numeric', 'time')) "
        "from performance_indicator where period = '年度'",
    )[0]
    assert (
        f"共 {n} 个年度指标，其中量化（数值或时间）{m} 个，占 {share(m, n)}%"
        in (by_key(story, "performance").sentences[0])
    )


def test_data_quality_counts_equal_check_result(prs, story, con) -> None:
    counts = dict(q(con, "select status, count(*) from check_result group by status"))
    chart = chart_of(pptx_slide(prs, story, "quality"))
    # the pages' words (budgetlens/reference/check_labels.csv)
    assert list(chart.plots[0].categories) == ["一致", "尾差", "不一致", "无法判断"]
    assert list(chart.series[0].values) == [
        float(counts.get(s, 0)) for s in ("ok", "rounding", "mismatch", "unjudged")
    ]


# --- sentences ----------------------------------------------------------------------------------


def test_sentences_are_on_the_slides(prs, story) -> None:
    for pptx, s in zip(prs.slides, story, strict=True):
        if not s.sentences:
            continue
        text = named(pptx, "Sentences").text_frame.text
        for sentence in s.sentences:
            assert sentence in text
        assert 1 <= len(s.sentences) <= 4


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
    for a in en:
        assert not re.search(r"[\u4e00-\u9fff]", a.title) or a.key in ("title",), a.title
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
    assert fmt_amount(Decimal("0.125")) == "0.13"  # 四舍五入, not banker's rounding
    assert fmt_amount(2.675) == "2.68"  # through str, not the binary float 2.67499…
    assert fmt_amount(Decimal(0)) == "0.00"  # a published 0 stays 0


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


def test_bars_of_a_category_with_one_series_stand_in_its_middle(prs, story) -> None:
    """基本支出按经济分类: 人员经费 and 公用经费 as two series; a 经济科目 with one of them has
    its one bar centred (overlap 100), not beside an empty slot; a category with both keeps
    them side by side."""
    s = by_key(story, "economic")
    plot = chart_of(pptx_slide(prs, story, "economic")).plots[0]
    both = [
        i
        for i in range(len(s.chart.categories))
        if sum(1 for series in s.chart.series if series.values[i]) > 1
    ]
    assert len(s.chart.series) == 2
    # read by hand, data/raw/jincheng-kejiju-2024.txt line 318: 工资福利支出 842.82 | 842.82 |
    # (blank 公用经费); each 经济科目 of this document has one of the two
    assert both == []
    assert plot.overlap == 100
