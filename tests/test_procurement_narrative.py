"""The 政府采购 total (and its 货物 / 工程 / 服务) a national-template narrative states, read by the
layout's declared patterns (layouts/national-budget.toml ``[[narrative_figures]]``), and the
``procurement_narrative`` check of it against the 政府采购预算表 as read (issue 16).

The values below were read by hand from each PDF's page text (pdfplumber), the page named with
each. A document whose narrative states no total, or words it otherwise, has no such figure; a
document whose 政府采购预算表 is not read into rows is not compared with it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from budgetlens import checks
from tests.conftest import corpus_documents

D = Decimal
KEYS = ("procurement_total", "procurement_goods", "procurement_works", "procurement_services")

# folder: (page, total, 货物, 工程, 服务) as the narrative prints them
STATED = {
    # 国家信访局_2026_部门预算.pdf p26 （四）政府采购情况: 总额 4,308.39, 货物 2,315.5, 工程 417.8,
    # 服务 1,575.09 万元
    "cn-gjxfj-2026-budget-dept": (26, D("4308.39"), D("2315.5"), D("417.8"), D("1575.09")),
    # 重庆_2026_重庆市水利局 p7 （二）政府采购情况: 所属各预算单位 … 总额 11884.37 (then, in the
    # same sentence, the 一般公共预算 part 11307.34 with its own 货物 2703.19: not the total)
    "cq-slj-2026-budget-dept": (7, D("11884.37"), D("2703.49"), D("239.56"), D("8941.32")),
    # 重庆_2026_中共重庆市委宣传部 p5
    "cq-xcb-2026-budget-dept": (5, D("712.49"), D("486.50"), D("0"), D("225.99")),
    # 福州_2026_福州市公安局交通管理支队_单位预算 p37: 总额 0 万元 with parts 3456.6 and 4683.6
    "fz-jgzd-2026-budget-unit": (37, D("0"), D("3456.6"), D("0"), D("4683.6")),
    # 福州_2026_福州市公安局巡特警支队_单位预算 p30
    "fz-xtj-2026-budget-unit": (30, D("1012.10"), D("211.10"), D("0"), D("801")),
    # 杭州_2026_杭州市气象局 p9 1.政府采购情况
    "hz-qxj-2026-budget-dept": (9, D("1113.52"), D("566.26"), D("0.00"), D("547.26")),
    # 杭州_2026_杭州市司法局 p15 2.政府采购情况
    "hz-sfj-2026-budget-dept": (15, D("8525.96"), D("4721.40"), D("1071.61"), D("2732.95")),
    # 深圳_2026_深圳市信访局 p8 第四部分: 政府采购项目共有 1,100.30 万元, 货物类项目 3.00 …
    "sz-xfj-2026-budget-dept": (8, D("1100.30"), D("3.00"), D("0.00"), D("1097.30")),
    # 深圳_2026_深圳市医疗保障局（本级） p9
    "sz-ybj-2026-budget-dept": (9, D("627.40"), D("30.30"), D("0.00"), D("597.10")),
    # 西安_2021_中共西安市委宣传部 p12 八、: 政府采购预算共 2366.16 万元, 货物类 119, 服务类
    # 2247.16, 工程类 0 (in that order)
    "xa-xcb-2021-budget-dept": (12, D("2366.16"), D("119"), D("0"), D("2247.16")),
    # 烟台_2026_烟台市民政局 p32 五、: 2026年政府采购预算623.63万元
    "yt-mzj-2026-budget-dept": (32, D("623.63"), D("34.44"), D("280.65"), D("308.54")),
    # 烟台_2026_烟台市审计局 p28 五、
    "yt-sjj-2026-budget-dept": (28, D("5.8"), D("3.8"), D("0"), D("2")),
}
# no statement of a 政府采购 total: 北京 prints no narrative of it (only 预算10表), 西安 2019 none;
# 长春 states 预算内政府采购资金 110.28 万元 (p19), the part from budget funds, not the total
NOT_STATED = (
    "bj-jmrh-2026-budget-dept",
    "bj-xfb-2026-budget-dept",
    "cc-xfj-2026-budget-dept",
    "xa-ajj-2019-budget-dept",
)


def _page(doc, line: int) -> int:
    return next(s["page"] for s in doc.rows["source_location"] if s["line"] == line)


def _procurement(doc) -> dict[str, tuple[str, Decimal, Decimal]]:
    return {
        r["subject"]: (r["status"], r["expected"], r["actual"])
        for r in checks.run_checks(doc.rows, doc.layout)
        if r["check_kind"] == "procurement"
    }


@pytest.mark.parametrize("name", sorted(STATED))
def test_the_stated_procurement_total_and_parts_as_printed(name: str) -> None:
    page, *values = STATED[name]
    (doc,) = corpus_documents(name)
    kf = {f["key"]: f for f in doc.rows["key_figure"]}
    assert [kf[k]["value"] for k in KEYS] == values
    assert {_page(doc, kf[k]["source_line"]) for k in KEYS} == {page}
    assert kf["procurement_total"]["unit"] == "万元"
    assert "政府采购" in kf["procurement_total"]["sentence"]


@pytest.mark.parametrize("name", NOT_STATED)
def test_a_narrative_without_the_total_gives_no_figure(name: str) -> None:
    (doc,) = corpus_documents(name)
    assert not [f for f in doc.rows["key_figure"] if f["key"] in KEYS]
    assert not _procurement(doc)


def test_the_total_and_categories_against_the_table() -> None:
    """重庆水利局: narrative p7 against 表九 p29 (合计 11,884.37; A 货物 2,703.49, B 工程 239.56,
    C 服务 8,941.32): each agrees."""
    (doc,) = corpus_documents("cq-slj-2026-budget-dept")
    assert _procurement(doc) == {
        "说明 政府采购预算总额 vs 政府采购预算表 合计": ("ok", D("11884.37"), D("11884.37")),
        "说明 政府采购货物预算 vs 政府采购预算表 货物": ("ok", D("2703.49"), D("2703.49")),
        "说明 政府采购工程预算 vs 政府采购预算表 工程": ("ok", D("239.56"), D("239.56")),
        "说明 政府采购服务预算 vs 政府采购预算表 服务": ("ok", D("8941.32"), D("8941.32")),
        "说明 政府采购预算总额 = 货物 + 工程 + 服务": ("ok", D("11884.37"), D("11884.37")),
    }


def test_a_category_the_table_does_not_list_is_zero() -> None:
    """重庆宣传部 表九 p24 lists A 货物 486.50 and C 服务 225.99 under 合计 712.49, no 工程 row;
    the narrative p5 states 政府采购工程预算 0 万元: that agrees with the row not printed."""
    (doc,) = corpus_documents("cq-xcb-2026-budget-dept")
    found = _procurement(doc)
    assert found["说明 政府采购工程预算 vs 政府采购预算表 工程"] == ("ok", D("0"), D("0"))
    assert found["说明 政府采购预算总额 vs 政府采购预算表 合计"] == ("ok", D("712.49"), D("712.49"))
    assert {s for s, _, _ in found.values()} == {"ok"}


def test_a_table_of_items_is_compared_by_its_total_only() -> None:
    """西安宣传部 表12 pp39–40 (元) lists items by unit, no 货物/工程/服务 rows: its 合计
    23,661,600 元 = 2,366.16 万元 against the narrative's 2366.16 (p12); no category compared."""
    (doc,) = corpus_documents("xa-xcb-2021-budget-dept")
    assert _procurement(doc) == {
        "说明 政府采购预算总额 vs 政府采购预算表 合计": ("ok", D("2366.16"), D("2366.16")),
        "说明 政府采购预算总额 = 货物 + 工程 + 服务": ("ok", D("2366.16"), D("2366.16")),
    }


@pytest.mark.parametrize(
    "name", ["fz-xtj-2026-budget-unit", "hz-sfj-2026-budget-dept", "sz-ybj-2026-budget-dept"]
)
def test_without_a_table_read_only_the_statement_itself_is_checked(name: str) -> None:
    """福州, 杭州 and 深圳 print no 政府采购预算表: the stated total is not compared with any
    table (a table not read is not a contradiction), only with its stated parts."""
    (doc,) = corpus_documents(name)
    assert set(_procurement(doc)) == {"说明 政府采购预算总额 = 货物 + 工程 + 服务"}


def test_a_total_that_contradicts_its_parts_is_a_mismatch() -> None:
    """福州交管支队 p37: 政府采购预算总额 0 万元, 其中 货物 3456.6 + 工程 0 + 服务 4683.6 = 8140.2
    (then 注：本单位 2026 年度没有政府采购预算): the document contradicts itself
    (findings_national.csv, NOTES.md l.30)."""
    (doc,) = corpus_documents("fz-jgzd-2026-budget-unit")
    assert _procurement(doc) == {
        "说明 政府采购预算总额 = 货物 + 工程 + 服务": ("mismatch", D("0"), D("8140.2")),
    }


@pytest.mark.parametrize(
    ("name", "total"),
    [("yt-mzj-2026-budget-dept", D("623.63")), ("yt-sjj-2026-budget-dept", D("5.80"))],
)
def test_a_table_by_subject_is_compared_by_its_total(name: str, total: Decimal) -> None:
    """烟台 prints its 政府采购预算表 by 功能分类 科目 (民政局 p28 合计 623.63, 审计局 p25 合计
    5.80), no 货物/工程/服务 rows: the narrative's total (p32 623.63, p28 5.8) against the 合计."""
    (doc,) = corpus_documents(name)
    _, stated, *_ = STATED[name]
    assert _procurement(doc) == {
        "说明 政府采购预算总额 vs 政府采购预算表 合计": ("ok", total, stated),
        "说明 政府采购预算总额 = 货物 + 工程 + 服务": ("ok", stated, stated),
    }
