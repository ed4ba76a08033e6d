"""The 绩效 page's 部门整体 scorecard for department-wide tables read since issue 16 (item 2):
长沙市信访局's table printed a page at a time (pp30–32) and 北京市信访办公室's, whose 绩效指标
cell holds 一级, 二级 and 三级 together. The card lists the database's indicators under their
levels, in both languages; the hand-read indicators are those of
tests/test_performance_department.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from budgetlens import cli, queries
from budgetlens import db as budgetlens_db
from budgetlens.mappings import DEPARTMENT_PERF_NAME
from tests.conftest import pin_navigation_mode
from ui.i18n import t

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
CORPUS = ROOT / "tests" / "fixtures" / "corpus"
# (folder, 一级指标, 二级指标, 三级指标 read by hand: file, page in test_performance_department.py)
HAND = {
    # 长沙_2026_长沙市信访局_部门预算.pdf p30: 产出指标 · 数量指标 · 接待走访群众数量 ≥ 3000 人次
    "cs-xfj-2026-budget-dept": ("产出指标", "数量指标", "接待走访群众数量"),
    # 北京_2026_北京市信访办公室_部门预算.pdf p17: 产出指标质量指标来信扫描完成率 ＝ 100 %
    "bj-xfb-2026-budget-dept": ("产出指标", "质量指标", "来信扫描完成率"),
}


@pytest.fixture(autouse=True)
def navigation_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run the app through st.navigation, as a server does (see tests/conftest.py)."""
    pin_navigation_mode(monkeypatch)


@pytest.fixture(scope="module")
def card_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("department_card") / "budget.duckdb"
    files = [str(p) for name in HAND for p in sorted((CORPUS / name).glob("*.pdf"))]
    assert cli.main(["ingest", *files, "--db", str(path)]) == 0
    return path


def _document(db: Path, folder: str) -> dict:
    pdf = sorted((CORPUS / folder).glob("*.pdf"))[0].name
    con = budgetlens_db.connect(db, read_only=True)  # the app's configuration
    try:
        rows = con.execute(
            "select document, department, year, source_files from document"
        ).fetchall()
    finally:
        con.close()
    (hit,) = [r for r in rows if pdf in r[3]]
    return {"document": hit[0], "department": hit[1], "year": hit[2]}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("folder", sorted(HAND))
def test_the_department_scorecard_shows_the_read_indicators(
    card_db: Path, monkeypatch: pytest.MonkeyPatch, folder: str, lang: str
) -> None:
    doc = _document(card_db, folder)
    monkeypatch.setenv("BUDGETLENS_DB", str(card_db))
    at = AppTest.from_file(str(APP), default_timeout=60)
    for key, value in {
        "department": doc["department"],
        "year": str(doc["year"]),
        "doc": doc["document"],
        "lang": lang,
        "project": DEPARTMENT_PERF_NAME,
    }.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("pages/performance.py").run()
    assert not at.exception, at.exception
    con = budgetlens_db.connect(card_db, read_only=True)
    try:
        rows = queries.run(
            con, "performance_indicators", document=doc["document"], project=DEPARTMENT_PERF_NAME
        )
    finally:
        con.close()
    annual = rows[rows["period"] == "年度"]
    assert len(annual) > 0
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[t("metric.indicators", lang)] == str(len(annual))
    card = "\n".join(str(m.value) for m in at.markdown)
    level1, level2, name = HAND[folder]
    assert f"##### {level1}" in card and f"**{level2}**" in card
    assert f"- {name}：" in card
    # every indicator of the table is on the card, under a 一级指标
    assert all(f"- {n}：" in card for n in annual["name"])
    assert annual["level1"].notna().all()
