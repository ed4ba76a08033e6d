"""Prior-year figures stated in the narrative (上年数): read at ingest, kept apart from the loaded
figures, checked against the loaded document of that year, and shown on the trends page as their
own marked series.

Every expected value is hand-read (tests/fixtures/corpus/prior_year_stated.csv: file, page or line,
this year's figure and the stated change as printed); the stated prior-year figure is computed
here from those two.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from budgetlens import check_labels, checks_years, cli, db, prior_year, queries
from tests.conftest import ROOT, SEED
from tests.test_catalogue import run_app

CORPUS = ROOT / "tests" / "fixtures" / "corpus"
FOLDERS = (
    "js-rdbgt-2017",
    "js-rdbgt-2018",
    "js-rdbgt-2019",
    "js-jcy-2017",
    "js-jcy-2018",
    "js-jcy-2019",
    "sh-putuo-wanli-2024-budget-dept",
)
RDBGT = "江苏省人大常委会办公厅"


def _dec(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def hand() -> list[dict[str, str]]:
    with (CORPUS / "prior_year_stated.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def years_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("years") / "budget.duckdb"
    files = [str(p) for f in FOLDERS for p in sorted((CORPUS / f).glob("*.pdf"))]
    assert cli.main(["ingest", str(SEED), *files, "--db", str(path)]) == 0
    return path


@pytest.fixture(scope="module")
def con(years_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = db.connect(years_db, read_only=True)
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def stated(con) -> list[dict]:
    return queries.run(con, "prior_year_figures").to_dict("records")


@pytest.mark.parametrize("h", hand(), ids=lambda h: f"{h['file'][:12]}-{h['measure']}")
def test_stated_prior_year_figure_equals_the_hand_reading(h: dict, stated: list[dict]) -> None:
    mine = [
        r
        for r in stated
        if r["measure"] == h["measure"]
        and int(r["year"]) == int(h["year"])
        and Path(str(r["source_file"])).name == h["file"]
    ]
    assert len(mine) == 1, (h, [(r["document"], r["measure"]) for r in stated])
    r = mine[0]
    this_year, change = _dec(h["this_year"]), _dec(h["change"])
    assert int(r["prior_year"]) == int(h["prior_year"])
    assert Decimal(str(r["this_year_wan"])) == this_year
    assert Decimal(str(r["change_wan"])) == change
    assert Decimal(str(r["value_wan"])) == this_year - change
    assert r["derivation"] == prior_year.DERIVED
    if h["page"]:
        assert int(r["source_page"]) == int(h["page"])
    else:
        assert int(r["source_line"]) == int(h["line"])


def test_stated_figures_are_kept_apart_from_the_loaded_figures(con) -> None:
    """A stated figure is its own row: the loaded documents' key figures are untouched, and no
    document of a stated-only year (2016) appears."""
    years = {
        y
        for (y,) in con.execute(
            "select distinct year from document where department like '%人大%'"
        ).fetchall()
    }
    assert 2016 not in years
    n = con.execute(
        "select count(*) from key_figure k join prior_year_figure p "
        "on p.document = k.document and p.measure = k.key and p.value_wan = k.value"
    ).fetchone()[0]
    assert n == 0  # the stated figure is never stored as the document's own figure


def test_the_chains_of_jiangsu_agree_with_the_loaded_year_before(stated: list[dict]) -> None:
    """2018's stated 2017 and 2019's stated 2018 equal the loaded documents' 支出总计 (人大 and
    检察院); the 2017 documents' stated 2016 has no loaded document: not checked."""
    results = checks_years.reconcile(stated)
    by = {(r["document"], r["measure"]): r for r in results}
    jiangsu = [r for r in stated if r["government"] == "江苏省"]
    assert len(jiangsu) == 6
    for r in jiangsu:
        found = by.get((r["document"], r["measure"]))
        if int(r["prior_year"]) == 2016:
            assert found is None
            continue
        assert found is not None, r["document"]
        assert found["status"] == "ok", found
        assert found["check_kind"] == "prior_year"
    # the stated 2017 of the 人大 2018 document is the 2017 document's total read by hand
    hand_2017 = next(h for h in hand() if h["file"].endswith("2017年度预算公开.pdf"))
    r2018 = next(
        r for r in jiangsu if r["department_key"] == RDBGT and int(r["prior_year"]) == 2017
    )
    assert Decimal(str(r2018["loaded_wan"])) == _dec(hand_2017["this_year"])


def _shifted_copy(tmp: Path) -> Path:
    """A copy of the seed text one year later (2024 → 2025, then 2023 → 2024): its narrative
    states the same change, so its stated 2024 figures differ from the loaded 2024 document."""
    text = SEED.read_text(encoding="utf-8").replace("2024", "2025").replace("2023", "2024")
    out = tmp / "jincheng-kejiju-2025-shifted.txt"
    out.write_text(text, encoding="utf-8")
    return out


def test_a_stated_figure_that_differs_from_the_loaded_year_is_a_finding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "budget.duckdb"
    shifted = _shifted_copy(tmp_path)
    assert cli.main(["ingest", str(SEED), str(shifted), "--db", str(path)]) == 0
    con = db.connect(path, read_only=True)
    try:
        rows = queries.run(con, "prior_year_figures").to_dict("records")
    finally:
        con.close()
    results = checks_years.reconcile(rows)
    assert {(r["measure"], r["prior_year"]) for r in results} == {
        ("expenditure_total", 2024),
        ("three_public_total", 2024),
    }
    seed = {h["measure"]: h for h in hand() if h["file"] == SEED.name}
    total = next(r for r in results if r["measure"] == "expenditure_total")
    # the loaded 2024 document: 4,266.91 (line 466); the shifted one states 4,266.91 − 1199.63
    assert total["status"] == "mismatch"
    assert total["expected"] == _dec(seed["expenditure_total"]["this_year"])
    assert total["actual"] == _dec(seed["expenditure_total"]["this_year"]) - _dec(
        seed["expenditure_total"]["change"]
    )
    # both documents named, with where each figure stands
    assert "2024年度部门预算公开" in total["detail"]
    assert "2025年度部门预算公开" in total["detail"]
    assert f"{SEED.name} 第" in total["detail"]
    line = seed["expenditure_total"]["line"]
    assert f"jincheng-kejiju-2025-shifted.txt 第{line}行" in total["detail"]
    three = next(r for r in results if r["measure"] == "three_public_total")
    assert three["status"] == "mismatch"
    assert three["actual"] == _dec(seed["three_public_total"]["this_year"]) - _dec(
        seed["three_public_total"]["change"]
    )
    # `budgetlens check` prints them after the documents' own checks, and they count as mismatches
    code = cli.main(["check", "--db", str(path), "--fail-on-mismatch", "--status", "mismatch"])
    out = capsys.readouterr().out
    between = out.split("# between years", 1)[1]
    assert between.count("mismatch  prior_year") == 2, between
    assert "2 checks: 0 ok, 0 rounding, 2 mismatch, 0 unjudged" in between
    assert code == 1
    # the kind's words are neutral: an adjusted budget may explain a difference
    assert "调整预算" in check_labels.kind_explanation("prior_year", "zh")
    assert "adjusted" in check_labels.kind_explanation("prior_year", "en")


def test_a_loaded_year_without_the_figure_read_is_unjudged(stated: list[dict]) -> None:
    """The document of that year is loaded but its figure was not read: not a contradiction."""
    h = next(h for h in hand() if h["file"].startswith("上海市普陀区"))
    row = next(r for r in stated if Path(str(r["source_file"])).name == h["file"])
    row = {**row, "loaded_document": "d", "loaded_title": "T", "loaded_wan": None}
    (result,) = checks_years.reconcile([row])
    assert result["status"] == "unjudged"
    assert result["detail"].startswith("未读到：T中的")
    assert f"{h['file']} 第{h['page']}页" in result["detail"]


def test_no_loaded_year_no_check() -> None:
    row = {"loaded_document": None, "measure": "expenditure_total"}
    assert checks_years.reconcile([row]) == []


def _stated_traces(at) -> list[dict]:
    out = []
    for el in at.get("plotly_chart"):
        spec = json.loads(el.proto.spec)
        for trace in spec["data"]:
            if trace.get("legendgroup") == "stated":
                out.append({"chart": spec["layout"]["title"]["text"], **trace})
    return out


@pytest.mark.parametrize(
    ("lang", "name", "ok"),
    [("zh", "2017年文件所述", "一致"), ("en", "stated in the 2017 document", "consistent")],
)
def test_the_trend_marks_the_year_stated_before_the_first_loaded_one(
    years_db: Path, monkeypatch, lang: str, name: str, ok: str
) -> None:
    at = run_app(years_db, monkeypatch, "trends", government="江苏省", dept_key=RDBGT, lang=lang)
    traces = _stated_traces(at)
    assert len(traces) == 1, traces
    hand_2017 = next(h for h in hand() if h["file"].endswith("2017年度预算公开.pdf"))
    assert traces[0]["name"] == name
    assert traces[0]["x"] == ["2016"]
    assert traces[0]["y"] == pytest.approx(
        [float(_dec(hand_2017["this_year"]) - _dec(hand_2017["change"]))]
    )
    # the loaded years' table has no 2016 row: stated and loaded values are never mixed
    assert "2016" not in list(at.dataframe[0].value.iloc[:, 0])
    stated_table = at.dataframe[1].value
    assert list(stated_table.iloc[:, 0]) == ["2016", "2017", "2018"]
    assert list(stated_table.iloc[:, 5])[1:] == [ok, ok]


@pytest.mark.parametrize(("lang", "ok"), [("zh", "一致"), ("en", "consistent")])
def test_the_checks_page_lists_the_checks_between_years_of_the_document(
    years_db: Path, con, monkeypatch, lang: str, ok: str
) -> None:
    """The 人大 2018 document: its stated 2017 total (checked against the 2017 document) and the
    2019 document's stated 2018 (this document's total), each in the document's language."""
    doc = con.execute(
        "select document from document where year = 2018 and department like '%人大%'"
    ).fetchone()[0]
    at = run_app(years_db, monkeypatch, "checks", doc=doc, lang=lang)
    table = at.dataframe[-1].value
    assert sorted(table.iloc[:, 1]) == ["2017", "2018"]
    assert list(table.iloc[:, 0]) == [ok, ok]
    hand_2018 = next(h for h in hand() if h["file"].endswith("2018预算公开.pdf"))
    stated_2017 = _dec(hand_2018["this_year"]) - _dec(hand_2018["change"])
    assert float(stated_2017) in list(table.iloc[:, 3])
    # where the 2018 document states it: its page, in the page's language
    where = dict(zip(table.iloc[:, 1], table.iloc[:, 6], strict=True))["2017"]
    page = int(hand_2018["page"])
    assert where.endswith(f"第{page}页" if lang == "zh" else f"page {page}")
