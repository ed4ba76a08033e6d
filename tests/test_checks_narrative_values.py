"""The narrative families (``budgetlens/checks_narrative.py``) on rows made for each case: every
figure below is invented for the case, and the expected statuses, differences and tolerances are
worked out by hand in the comments (a difference is actual − expected; the tolerance of a
comparison of one stated figure with one table cell is 0, of a stated share or rate 0.01, of a
sum 0.01 per part)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from budgetlens import checks_narrative
from budgetlens.check_core import Checker
from tests.check_runs import FIELDS

D = Decimal


def _kf(key: str, value: str, line: int, label: str | None = None) -> dict:
    return {
        "key": key,
        "value": D(value),
        "label": label or key,
        "sentence": f"句{line}",
        "source_line": line,
    }


def _ef(table: str, code, name: str, level, line: int, total, basic=None, project=None) -> dict:
    return {
        "table_key": table,
        "code": code,
        "name": name,
        "level": level,
        "total_wan": None if total is None else D(total),
        "basic_wan": None if basic is None else D(basic),
        "project_wan": None if project is None else D(project),
        "source_line": line,
    }


def _run(family, rows: dict) -> list[dict]:
    c = Checker()
    family(c, rows)
    return c.results


def _shown(results: list[dict]) -> list[tuple]:
    return [tuple(r[f] for f in FIELDS) for r in results]


# --- growth rates: change ÷ (total − change) ----------------------------------------------------

RATES = [
    ("revenue_total", "revenue_change", "revenue_change_pct"),
    ("expenditure_total", "expenditure_change", "expenditure_change_pct"),
    ("general_budget_current", "general_budget_change", "general_budget_change_pct"),
    ("admin_operating_total", "admin_operating_change", "admin_operating_change_pct"),
]


@pytest.mark.parametrize(("total", "change", "rate"), RATES)
@pytest.mark.parametrize(
    ("stated", "status"),
    [("20.00", "ok"), ("20.01", "rounding"), ("19.99", "rounding"), ("20.02", "mismatch")],
)
def test_a_growth_rate_is_the_change_over_last_years_figure(total, change, rate, stated, status):
    # 本年 120, 增加 20: 上年 120 − 20 = 100, rate 20 ÷ 100 = 20.00%
    rows = {
        "key_figure": [
            _kf(total, "120", 10),
            _kf(change, "20", 11),
            _kf(rate, stated, 12, label="增幅"),
        ]
    }
    (r,) = _run(checks_narrative.narrative, rows)
    assert (r["check_kind"], r["subject"], r["expected"], r["actual"]) == (
        "narrative_rate",
        "说明 增幅 = 增减额 / 上年数",
        D("20.00"),
        D(stated),
    )
    assert (r["difference"], r["tolerance"], r["status"]) == (D(stated) - 20, D("0.01"), status)
    assert r["source_lines"] == "11,12"  # the change and the rate, not the total
    assert r["detail"] == "上年数 = 120 − (20) = 100; 句12"


def test_a_fall_is_a_negative_rate_over_a_larger_prior_figure():
    # 本年 80, 减少 20: 上年 80 − (−20) = 100, rate −20 ÷ 100 = −20.00%; 本年 + 增减额 would
    # give 上年 60 and −33.33%
    rows = {
        "key_figure": [
            _kf("expenditure_total", "80", 10),
            _kf("expenditure_change", "-20", 11),
            _kf("expenditure_change_pct", "-20.00", 12),
        ]
    }
    (r,) = _run(checks_narrative.narrative, rows)
    assert (r["expected"], r["status"]) == (D("-20.00"), "ok")
    assert r["detail"] == "上年数 = 80 − (-20) = 100; 句12"


@pytest.mark.parametrize("missing", [0, 1, 2])
def test_a_rate_without_its_total_change_or_stated_rate_is_not_checked(missing):
    figures = [_kf("revenue_total", "120", 10), _kf("revenue_change", "20", 11)]
    figures.append(_kf("revenue_change_pct", "25.00", 12))  # would be a mismatch
    del figures[missing]
    assert _run(checks_narrative.narrative, {"key_figure": figures}) == []


# --- classes by function and their shares -------------------------------------------------------


def test_classes_the_narrative_lists_against_the_function_tables_and_their_shares():
    ef = [
        # 支出总表: the class 科学技术支出 300; its 款 (level 2) is no class
        _ef("expenditure_total", "206", "科学技术支出", 1, 20, "300"),
        _ef("expenditure_total", "20601", "科学技术管理事务", 2, 21, "300"),
        # 一般公共预算支出表: 科学技术支出 80, 社会保障和就业支出 20
        _ef("general_budget_expenditure", "206", "科学技术支出", 1, 30, "80"),
        _ef("general_budget_expenditure", "208", "社会保障和就业支出", 1, 31, "20"),
    ]
    kf = [
        _kf("general_budget_current", "100", 40),
        _kf("fiscal_function.科学技术支出", "300.5", 41, "支出 科学技术支出"),
        # a share of the 支出总表 class: the narrative states no whole for it, none is checked
        _kf("fiscal_function_share.科学技术支出", "99.00", 42),
        _kf("general_budget_function.科学技术支出", "80", 43, "一般 科学技术支出"),
        _kf("general_budget_function_share.科学技术支出", "80.01", 44),
        # a name the table does not print: reported, then compared with the closest class
        # (社会保障支出 and 社会保障和就业支出 share 6 characters: ratio 2·6 / 15 = 0.8 ≥ 0.6)
        _kf("general_budget_function.社会保障支出", "20", 45, "一般 社会保障支出"),
        _kf("general_budget_function_share.社会保障支出", "19.98", 46),
        # no class close enough (国防支出 shares 支出 only): reported and nothing compared
        _kf("general_budget_function.国防支出", "5", 47, "一般 国防支出"),
    ]
    results = _run(checks_narrative.narrative, {"key_figure": kf, "expenditure_function": ef})
    z = D(0)
    assert _shown(results) == [
        # 300.5 − 300 = 0.5 beyond a tolerance of 0
        (
            "narrative",
            "说明 支出 科学技术支出 vs 支出总表 科学技术支出",
            D(300),
            D("300.5"),
            D("0.5"),
            z,
            "mismatch",
            "20,41",
        ),
        (
            "narrative",
            "说明 一般 科学技术支出 vs 一般公共预算支出表 科学技术支出",
            D(80),
            D(80),
            z,
            z,
            "ok",
            "30,43",
        ),
        # 80 ÷ 100 = 80.00%; stated 80.01: 0.01 within 0.01
        (
            "narrative_share",
            "说明 科学技术支出 占比",
            D("80.00"),
            D("80.01"),
            D("0.01"),
            D("0.01"),
            "rounding",
            "44",
        ),
        (
            "narrative_name",
            "说明 社会保障支出: 一般公共预算支出表中的类",
            None,
            None,
            None,
            None,
            "mismatch",
            "45",
        ),
        (
            "narrative",
            "说明 一般 社会保障支出 vs 一般公共预算支出表 社会保障和就业支出",
            D(20),
            D(20),
            z,
            z,
            "ok",
            "31,45",
        ),
        # 20 ÷ 100 = 20.00%; stated 19.98: −0.02 beyond 0.01
        (
            "narrative_share",
            "说明 社会保障支出 占比",
            D("20.00"),
            D("19.98"),
            D("-0.02"),
            D("0.01"),
            "mismatch",
            "46",
        ),
        (
            "narrative_name",
            "说明 国防支出: 一般公共预算支出表中的类",
            None,
            None,
            None,
            None,
            "mismatch",
            "47",
        ),
    ]
    assert results[3]["detail"] == "没有名为 社会保障支出 的类；最接近的是 社会保障和就业支出"
    assert results[6]["detail"] == "没有名为 国防支出 的类"
    assert [r["detail"] for r in results[:3]] == ["句41", "句43", "句44"]
    assert results[5]["detail"] == "句46"


def test_a_share_of_a_class_needs_the_stated_whole():
    ef = [_ef("general_budget_expenditure", "206", "科学技术支出", 1, 30, "80")]
    kf = [
        _kf("general_budget_function.科学技术支出", "80", 43),
        _kf("general_budget_function_share.科学技术支出", "50.00", 44),
    ]
    results = _run(checks_narrative.narrative, {"key_figure": kf, "expenditure_function": ef})
    assert [r["check_kind"] for r in results] == ["narrative"]


def test_a_name_is_all_the_key_holds_after_its_prefix():
    # a class and a revenue source whose names hold a "." themselves
    ef = [
        _ef("general_budget_expenditure", "206", "科学技术支出", 1, 30, "70"),
        _ef("general_budget_expenditure", "229", "其他支出.其他", 1, 31, "30"),
    ]
    kf = [
        _kf("general_budget_current", "100", 40),
        _kf("general_budget_function.其他支出.其他", "30", 41, "一般 其他支出"),
        _kf("general_budget_function_share.其他支出.其他", "30.00", 42),
        _kf("revenue_total_stated", "200", 50),
        _kf("revenue_source.其他收入.a", "50", 51),
        _kf("revenue_source_share.其他收入.a", "25.00", 52),
    ]
    results = _run(checks_narrative.narrative, {"key_figure": kf, "expenditure_function": ef})
    # 30 ÷ 100 = 30.00%; 50 ÷ 200 = 25.00%
    assert [(r["subject"], r["expected"], r["status"]) for r in results] == [
        ("说明 一般 其他支出 vs 一般公共预算支出表 其他支出.其他", D(30), "ok"),
        ("说明 其他支出.其他 占比", D("30.00"), "ok"),
        ("说明 收入 其他收入.a 占比", D("25.00"), "ok"),
    ]


def test_a_document_without_narrative_figures_gets_no_narrative_results():
    ef = [_ef("expenditure_total", None, "合计", 0, 70, "300", "100", "200")]
    assert _run(checks_narrative.narrative, {"expenditure_function": ef}) == []


# --- revenue sources and expenditure directions ------------------------------------------------


def test_revenue_sources_and_expenditure_directions_with_their_shares():
    ef = [
        # the 合计 row of another table, and a class row of the 支出总表: neither is its 合计
        _ef("general_budget_expenditure", None, "合计", None, 69, "250", "90", "160"),
        _ef("expenditure_total", "206", "科学技术支出", 1, 68, "300", "100", "200"),
        _ef("expenditure_total", None, "合计", None, 70, "300", "100", "199.5"),
    ]
    kf = [
        _kf("revenue_total_stated", "200", 50),
        _kf("revenue_source.财政拨款收入", "150", 51),
        _kf("revenue_source_share.财政拨款收入", "75.00", 52),
        _kf("revenue_source.其他收入", "50", 53),
        _kf("revenue_source_share.其他收入", "25.01", 54),
        _kf("expenditure_total_stated", "300", 60),
        _kf("expenditure_direction.基本支出", "100", 61, "基本支出"),
        _kf("expenditure_direction_share.基本支出", "33.33", 62),
        _kf("expenditure_direction.项目支出", "200", 63, "项目支出"),
        _kf("expenditure_direction_share.项目支出", "66.67", 64),
    ]
    results = _run(checks_narrative.narrative, {"key_figure": kf, "expenditure_function": ef})
    z, cent = D(0), D("0.01")
    assert _shown(results) == [
        # 150 ÷ 200 = 75.00%
        (
            "narrative_share",
            "说明 收入 财政拨款收入 占比",
            D("75.00"),
            D("75.00"),
            z,
            cent,
            "ok",
            "52",
        ),
        # 50 ÷ 200 = 25.00%, stated 25.01
        (
            "narrative_share",
            "说明 收入 其他收入 占比",
            D("25.00"),
            D("25.01"),
            cent,
            cent,
            "rounding",
            "54",
        ),
        ("narrative", "说明 基本支出 vs 支出总表 基本支出", D(100), D(100), z, z, "ok", "61,70"),
        # 100 ÷ 300 = 33.333…% → 33.33
        ("narrative_share", "说明 基本支出 占比", D("33.33"), D("33.33"), z, cent, "ok", "62"),
        # the 支出总表 合计 prints 项目 199.5: 200 − 199.5 = 0.5
        (
            "narrative",
            "说明 项目支出 vs 支出总表 项目支出",
            D("199.5"),
            D(200),
            D("0.5"),
            z,
            "mismatch",
            "63,70",
        ),
        # 200 ÷ 300 = 66.666…% → 66.67
        ("narrative_share", "说明 项目支出 占比", D("66.67"), D("66.67"), z, cent, "ok", "64"),
    ]
    assert results[2]["detail"] == "句61" and results[1]["detail"] == "句54"


def test_sources_without_the_stated_total_and_directions_without_the_table():
    kf = [
        _kf("revenue_source.财政拨款收入", "150", 51),
        _kf("revenue_source_share.财政拨款收入", "10.00", 52),
        _kf("expenditure_total_stated", "300", 60),
        _kf("expenditure_direction.基本支出", "100", 61),
        _kf("expenditure_direction_share.基本支出", "33.33", 62),
    ]
    results = _run(checks_narrative.narrative, {"key_figure": kf})
    # no 收入 total stated: no share of a source; no 支出总表 合计: the direction's share only
    assert [(r["subject"], r["status"]) for r in results] == [("说明 基本支出 占比", "ok")]


# --- 三公 and 机关运行经费 -----------------------------------------------------------------------

THREE_PUBLIC_PARTS = (
    "three_public_abroad",
    "three_public_reception",
    "three_public_vehicle_operation",
    "three_public_vehicle_purchase",
)


def _fiscal(table: str, label: str, total: str, line: int) -> dict:
    return {"table_key": table, "label": label, "total_wan": D(total), "source_line": line}


def test_three_public_and_admin_operating_against_their_tables():
    fiscal = [
        _fiscal("three_public", "出国（境）费", "1", 79),
        _fiscal("three_public", "合计", "10", 80),
        _fiscal("admin_operating", "某单位", "30", 84),
        _fiscal("admin_operating", "部门合计", "54.87", 85),
    ]
    kf = [
        _kf("three_public_total", "10.5", 90, "三公"),
        *(
            _kf(k, v, 91 + i)
            for i, (k, v) in enumerate(zip(THREE_PUBLIC_PARTS, "1234", strict=True))
        ),
        _kf("admin_operating_total", "54.87", 95, "机关运行经费"),
    ]
    results = _run(checks_narrative.narrative, {"key_figure": kf, "fiscal_item": fiscal})
    z = D(0)
    assert _shown(results) == [
        # stated 10.5 against the table's 合计 10 (not its first row): 0.5 beyond 0
        (
            "narrative",
            "说明 三公 vs “三公”经费表 合计",
            D(10),
            D("10.5"),
            D("0.5"),
            z,
            "mismatch",
            "80,90",
        ),
        # 1 + 2 + 3 + 4 = 10 against the stated 10.5: −0.5 beyond 4 × 0.01
        (
            "narrative",
            "说明 “三公”经费 = Σ 分项",
            D("10.5"),
            D(10),
            D("-0.5"),
            D("0.04"),
            "mismatch",
            "90,91,92,93,94",
        ),
        (
            "narrative",
            "说明 机关运行经费 vs 机关运行经费表 部门合计",
            D("54.87"),
            D("54.87"),
            z,
            z,
            "ok",
            "85,95",
        ),
    ]
    assert results[0]["detail"] == "句90" and results[1]["detail"] is None


@pytest.mark.parametrize(
    ("purchase", "status"),
    [("0.48", "ok"), ("0.51", "rounding"), ("0.45", "rounding"), ("0.52", "mismatch")],
)
def test_three_public_parts_stated_add_up_within_a_cent_each(purchase, status):
    # three parts stated (no 接待): 1 + 2 + purchase against 3.48, tolerance 3 × 0.01
    kf = [
        _kf("three_public_total", "3.48", 90),
        _kf("three_public_abroad", "1", 91),
        _kf("three_public_vehicle_operation", "2", 93),
        _kf("three_public_vehicle_purchase", purchase, 94),
    ]
    (r,) = _run(checks_narrative.narrative, {"key_figure": kf, "fiscal_item": []})[1:]
    assert (r["expected"], r["actual"], r["tolerance"], r["status"]) == (
        D("3.48"),
        3 + D(purchase),
        D("0.03"),
        status,
    )
    assert r["source_lines"] == "90,91,93,94"


@pytest.mark.parametrize(("stated", "status"), [("0", "ok"), ("0.01", "mismatch")])
def test_three_public_stated_without_a_table_row_is_compared_with_zero(stated, status):
    kf = [_kf("three_public_total", stated, 90)]
    rows = {"key_figure": kf, "fiscal_item": [_fiscal("three_public", "出国（境）费", "1", 79)]}
    (r,) = _run(checks_narrative.narrative, rows)
    assert _shown([r]) == [
        (
            "narrative",
            "说明 “三公”经费 vs “三公”经费表（本表无数据 = 0）",
            D(0),
            D(stated),
            D(stated),
            D(0),
            status,
            "90",
        ),
    ]
    assert r["detail"] == "句90"


def test_no_three_public_or_admin_figure_stated_nothing_is_compared():
    fiscal = [
        _fiscal("three_public", "合计", "10", 80),
        _fiscal("admin_operating", "合计", "5", 85),
    ]
    # parts without the total are not summed
    kf = [_kf("three_public_abroad", "1", 91)]
    assert _run(checks_narrative.narrative, {"key_figure": kf, "fiscal_item": fiscal}) == []


# --- 政府采购 = 货物 + 工程 + 服务 ------------------------------------------------------------


@pytest.mark.parametrize(
    ("services", "status"), [("60", "ok"), ("60.03", "rounding"), ("60.04", "mismatch")]
)
def test_procurement_total_is_goods_works_and_services(services, status):
    kf = [
        _kf("procurement_total", "100", 5),
        _kf("procurement_goods", "40", 6),
        _kf("procurement_works", "0", 7),
        _kf("procurement_services", services, 8),
    ]
    (r,) = _run(checks_narrative.narrative, {"key_figure": kf})
    # 40 + 0 + services against 100, tolerance 3 × 0.01
    assert _shown([r]) == [
        (
            "narrative",
            "说明 政府采购 = 货物 + 工程 + 服务",
            D(100),
            40 + D(services),
            D(services) - 60,
            D("0.03"),
            status,
            "5,6,7,8",
        ),
    ]
    del kf[2]  # 工程 not stated: no sum
    assert _run(checks_narrative.narrative, {"key_figure": kf}) == []


# --- the performance paragraph: counts and amounts ----------------------------------------------


def _project(kind: str, line: int, carried: bool = False, total: str | None = None) -> dict:
    return {
        "row_kind": kind,
        "carried_over": carried,
        "total_wan": None if total is None else D(total),
        "source_line": line,
    }


def _unit(unit: str, parent: str | None, line: int, dept: bool = False) -> dict:
    return {"unit": unit, "parent_unit": parent, "is_department": dept, "source_line": line}


def _performance_rows() -> dict:
    return {
        "project_budget": [
            # the carried-over department row comes first: the 本年预算 one is the total
            _project("department", 98, carried=True, total="50"),
            _project("department", 99, total="500"),
            _project("project", 100),
            _project("project", 101),
            _project("project", 102),
            _project("project", 103, carried=True),  # 上年结转: not a project of this year
        ],
        "performance_table": [
            {"is_department": True, "source_line": 190},
            {"is_department": False, "source_line": 200},
            {"is_department": False, "source_line": 210},
        ],
        "budget_unit": [
            _unit("某局", None, 300, dept=True),
            _unit("某局", "某局", 301),  # the department's own office
            _unit("某中心", "某局", 302),
            _unit("某所", "某局", 303),
        ],
        "expenditure_function": [
            _ef("expenditure_total", None, "合计", None, 399, "900", "350", "550"),
            _ef("general_budget_expenditure", "206", "科学技术支出", 1, 401, "800", "300", "500"),
            _ef("general_budget_expenditure", None, "合计", None, 400, "800", "300", "500"),
        ],
    }


def test_the_performance_paragraph_against_the_tables():
    rows = _performance_rows()
    rows["key_figure"] = [
        _kf("perf_projects", "3", 500, "项目数"),
        _kf("perf_published_projects", "3", 501, "公开项目数"),
        _kf("perf_units", "3", 502, "单位数"),
        _kf("dept_subordinate_units", "2", 503, "下属单位数"),
        _kf("perf_projects_funds", "500", 504, "项目金额"),
        _kf("perf_published_funds", "499.99", 505, "公开金额"),
        _kf("perf_dept_funds", "800", 506, "部门资金"),
        _kf("perf_dept_basic", "300", 507, "部门基本"),
        _kf("perf_dept_project", "500.01", 508, "部门项目"),
        _kf("perf_operating_projects", "1", 509),
        _kf("perf_targeted_projects", "2", 510),
        _kf("perf_operating_funds", "200", 511),
        _kf("perf_targeted_funds", "300.02", 512),
        _kf("dept_staff_actual", "10", 513),
        _kf("dept_staff_on_establishment", "8", 514),
        _kf("dept_staff_other", "3", 515),
    ]
    results = _run(checks_narrative.narrative, rows)
    z, cent = D(0), D("0.01")
    assert _shown(results) == [
        # three projects of this year (l.100–102; l.103 is carried over)
        (
            "narrative_count",
            "说明 项目数 vs 项目支出预算表（本年预算）项目数",
            D(3),
            D(3),
            z,
            z,
            "ok",
            "100,101,102,500",
        ),
        # two project tables published (l.200, l.210; l.190 is the department's): 2 − 3 = −1
        (
            "narrative_count",
            "说明 公开项目数 vs 公开的项目支出绩效目标表数",
            D(3),
            D(2),
            D(-1),
            z,
            "mismatch",
            "200,210,501",
        ),
        # three units besides the department's row (l.301–303)
        (
            "narrative_count",
            "说明 单位数 vs 预算单位数（项目支出预算表、机关运行经费表）",
            D(3),
            D(3),
            z,
            z,
            "ok",
            "301,302,303,502",
        ),
        # of which two are not the department's own office (l.302, l.303)
        (
            "narrative_count",
            "说明 下属单位数 vs 下属预算单位数（不含机关本级）",
            D(2),
            D(2),
            z,
            z,
            "ok",
            "301,302,303,503",
        ),
        # the 本年预算 department row (l.99), 500, not the carried-over one (l.98)
        ("narrative", "说明 项目金额 vs 项目支出预算表 合计", D(500), D(500), z, z, "ok", "99,504"),
        (
            "narrative",
            "说明 公开金额 vs 项目支出预算表 合计",
            D(500),
            D("499.99"),
            D("-0.01"),
            z,
            "mismatch",
            "99,505",
        ),
        # the 一般公共预算支出表 合计 row (l.400), not the 支出总表's (l.399) nor a class (l.401)
        ("narrative", "说明 部门资金 vs 一般公共预算支出表", D(800), D(800), z, z, "ok", "400,506"),
        ("narrative", "说明 部门基本 vs 一般公共预算支出表", D(300), D(300), z, z, "ok", "400,507"),
        (
            "narrative",
            "说明 部门项目 vs 一般公共预算支出表",
            D(500),
            D("500.01"),
            cent,
            z,
            "mismatch",
            "400,508",
        ),
        # 1 + 2 = 3 projects
        (
            "narrative_count",
            "说明 项目数: 其他运转类 + 特定目标类 = 合计",
            D(3),
            D(3),
            z,
            z,
            "ok",
            "509,510",
        ),
        # 200 + 300.02 = 500.02 against 500: 0.02 within 2 × 0.01
        (
            "narrative",
            "说明 项目金额: 其他运转类 + 特定目标类 = 合计",
            D(500),
            D("500.02"),
            D("0.02"),
            D("0.02"),
            "rounding",
            "511,512",
        ),
        # 8 + 3 = 11 staff against 10 actual
        (
            "narrative_count",
            "部门整体: 实际在职人员 = 在编 + 其他",
            D(10),
            D(11),
            D(1),
            z,
            "mismatch",
            "513,514,515",
        ),
    ]
    assert [r["detail"] for r in results[:9]] == [f"句{n}" for n in range(500, 509)]
    assert [r["detail"] for r in results[9:]] == [None, None, None]


def test_a_projects_sum_of_one_cent_too_many_per_part_is_a_mismatch():
    rows = _performance_rows()
    rows["key_figure"] = [
        _kf("perf_projects_funds", "500", 504),
        _kf("perf_operating_funds", "200", 511),
        _kf("perf_targeted_funds", "300.03", 512),  # 0.03 beyond 2 × 0.01
    ]
    results = _run(checks_narrative.narrative, rows)
    assert [(r["subject"], r["difference"], r["status"]) for r in results] == [
        ("说明 perf_projects_funds vs 项目支出预算表 合计", D(0), "ok"),
        ("说明 项目金额: 其他运转类 + 特定目标类 = 合计", D("0.03"), "mismatch"),
    ]


@pytest.mark.parametrize(
    "drop",
    ["perf_operating_projects", "perf_targeted_projects", "perf_projects"],
)
def test_a_count_of_projects_by_type_needs_both_types_and_the_total(drop):
    kf = [
        _kf("perf_operating_projects", "1", 509),
        _kf("perf_targeted_projects", "5", 510),  # 1 + 5 = 6 against 3: a mismatch if run
        _kf("perf_projects", "3", 500),
    ]
    rows = {"key_figure": [f for f in kf if f["key"] != drop]}
    results = _run(checks_narrative.narrative, rows)
    assert not [r for r in results if "其他运转类" in r["subject"]]


@pytest.mark.parametrize(
    "drop", ["perf_operating_funds", "perf_targeted_funds", "perf_projects_funds"]
)
def test_an_amount_of_projects_by_type_needs_both_types_and_the_total(drop):
    kf = [
        _kf("perf_operating_funds", "1", 511),
        _kf("perf_targeted_funds", "5", 512),
        _kf("perf_projects_funds", "3", 504),
    ]
    rows = {"key_figure": [f for f in kf if f["key"] != drop]}
    results = _run(checks_narrative.narrative, rows)
    assert not [r for r in results if "其他运转类" in r["subject"]]


@pytest.mark.parametrize(
    "drop", ["dept_staff_actual", "dept_staff_on_establishment", "dept_staff_other"]
)
def test_staff_need_the_actual_count_and_both_parts(drop):
    kf = [
        _kf("dept_staff_actual", "10", 513),
        _kf("dept_staff_on_establishment", "8", 514),
        _kf("dept_staff_other", "3", 515),
    ]
    rows = {"key_figure": [f for f in kf if f["key"] != drop]}
    assert _run(checks_narrative.narrative, rows) == []


def test_stated_amounts_without_their_table_rows_are_not_compared():
    # no 项目支出预算表 department row of this year, no 一般公共预算支出表 合计 row
    rows = {
        "project_budget": [_project("department", 98, carried=True, total="50")],
        "expenditure_function": [
            _ef("expenditure_total", None, "合计", None, 399, "900", "350", "550"),
        ],
        "key_figure": [
            _kf("perf_projects_funds", "50", 504),
            _kf("perf_dept_funds", "900", 506),
        ],
    }
    assert _run(checks_narrative.narrative, rows) == []


# --- 政府采购 stated against the 政府采购预算表 ----------------------------------------------


def _purchase(kind: str, category, total, line: int) -> dict:
    return {
        "row_kind": kind,
        "category": category,
        "total_wan": None if total is None else D(total),
        "source_line": line,
    }


def _procurement_figures(total="100", goods="40", works="0", services="60") -> list[dict]:
    return [
        _kf("procurement_total", total, 5),
        _kf("procurement_goods", goods, 6),
        _kf("procurement_works", works, 7),
        _kf("procurement_services", services, 8),
    ]


def test_procurement_against_the_table_row_by_row():
    table = [
        _purchase("total", None, None, 29),  # a 合计 row read blank: not the total
        _purchase("total", None, "100.01", 30),
        _purchase("item", "货物", "41", 33),  # an item row, no category
        _purchase("category", "货物", "40", 31),
        _purchase("category", "服务", "59.99", 32),
    ]
    rows = {"key_figure": _procurement_figures(), "procurement_item": table}
    results = _run(checks_narrative.procurement_narrative, rows)
    z = D(0)
    assert _shown(results) == [
        # 100 stated, 100.01 in the table: −0.01 beyond a tolerance of 0
        (
            "procurement",
            "说明 政府采购预算总额 vs 政府采购预算表 合计",
            D("100.01"),
            D(100),
            D("-0.01"),
            z,
            "mismatch",
            "5,30",
        ),
        (
            "procurement",
            "说明 政府采购货物预算 vs 政府采购预算表 货物",
            D(40),
            D(40),
            z,
            z,
            "ok",
            "6,31",
        ),
        # no 工程 category row: 0, the stated line only
        ("procurement", "说明 政府采购工程预算 vs 政府采购预算表 工程", z, z, z, z, "ok", "7"),
        (
            "procurement",
            "说明 政府采购服务预算 vs 政府采购预算表 服务",
            D("59.99"),
            D(60),
            D("0.01"),
            z,
            "mismatch",
            "8,32",
        ),
        # 40 + 0 + 60 = 100
        (
            "procurement",
            "说明 政府采购预算总额 = 货物 + 工程 + 服务",
            D(100),
            D(100),
            z,
            D("0.03"),
            "ok",
            "5,6,7,8",
        ),
    ]
    assert [r["detail"] for r in results] == [
        "句5",
        "句6",
        "表中未列工程类（= 0）；句7",
        "句8",
        "句5",
    ]


@pytest.mark.parametrize(
    ("services", "status"), [("60.03", "rounding"), ("59.97", "rounding"), ("60.04", "mismatch")]
)
def test_procurement_parts_add_up_within_a_cent_each(services, status):
    rows = {"key_figure": _procurement_figures(services=services), "procurement_item": []}
    (r,) = _run(checks_narrative.procurement_narrative, rows)
    # no table rows: the statement against itself only, 40 + 0 + services against 100
    assert (r["subject"], r["expected"], r["actual"], r["tolerance"], r["status"]) == (
        "说明 政府采购预算总额 = 货物 + 工程 + 服务",
        D(100),
        40 + D(services),
        D("0.03"),
        status,
    )


def test_procurement_parts_stated_in_part_against_a_table_of_items_only():
    figures = _procurement_figures(works="5")
    del figures[2]  # 工程 not stated
    table = [_purchase("item", None, "70", 31), _purchase("total", None, "100", 30)]
    results = _run(
        checks_narrative.procurement_narrative, {"key_figure": figures, "procurement_item": table}
    )
    # the 合计 only: a table without category rows, and no sum of two parts of three
    assert [(r["subject"], r["status"]) for r in results] == [
        ("说明 政府采购预算总额 vs 政府采购预算表 合计", "ok")
    ]


def test_procurement_category_missing_while_another_is_listed_and_a_part_unstated():
    figures = _procurement_figures(goods="3")
    del figures[3]  # 服务 not stated
    table = [_purchase("category", "服务", "97", 32)]
    results = _run(
        checks_narrative.procurement_narrative, {"key_figure": figures, "procurement_item": table}
    )
    # no 合计 row; 货物 and 工程 not listed: each compared with 0; 服务 not stated: no row of it
    assert [(r["subject"], r["expected"], r["actual"], r["status"]) for r in results] == [
        ("说明 政府采购货物预算 vs 政府采购预算表 货物", D(0), D(3), "mismatch"),
        ("说明 政府采购工程预算 vs 政府采购预算表 工程", D(0), D(0), "ok"),
    ]


def test_procurement_parts_without_a_stated_total_are_not_compared():
    figures = _procurement_figures()[1:]
    table = [_purchase("total", None, "100", 30), _purchase("category", "货物", "1", 31)]
    rows = {"key_figure": figures, "procurement_item": table}
    assert _run(checks_narrative.procurement_narrative, rows) == []


# --- sums stated in prose -------------------------------------------------------------------------


def _section(body: str, line: int) -> dict:
    return {"section": "说明", "heading": None, "seq": line, "body": body, "source_line": line}


def _perf(project: str, line: int, is_department: bool = False, **fields) -> dict:
    return {"project": project, "is_department": is_department, "source_line": line, **fields}


def _sums(rows: dict) -> list[tuple]:
    return [
        (r["project"], r["subject"], r["expected"], r["actual"], r["status"])
        for r in _run(checks_narrative.prose_sums, rows)
    ]


def test_a_stated_sum_with_its_parts_in_either_unit():
    # 12 万元 + 8000 元 (0.8 万元) = 12.8 万元; parts without a unit take the total's: 3 + 4 = 7
    text = "租地费12万元+8000元=12.8万元。另3+4=7.5万元。"
    results = _run(checks_narrative.prose_sums, {"text_section": [_section(text, 70)]})
    assert _shown(results) == [
        (
            "prose_sum",
            "说明: 算式 12万元+8000元=12.8万元",
            D("12.8"),
            D("12.8"),
            D(0),
            D(0),
            "ok",
            "70",
        ),
        ("prose_sum", "说明: 算式 3+4=7.5万元", D("7.5"), D(7), D("-0.5"), D(0), "mismatch", "70"),
    ]
    assert [r["detail"] for r in results] == [
        "12 + 0.8 = 12.8（万元）；原文：12万元+8000元=12.8万元",
        "3 + 4 = 7（万元）；原文：3+4=7.5万元",
    ]
    assert {r["project"] for r in results} == {None}


def test_totals_against_the_amounts_before_them_in_their_own_item():
    text = (
        "1、印刷费2万元，宣传费3万元，合计5万元；"
        "2、差旅费1万元，会议费2万元，小计3万元，培训费4万元，合计7.5万元；"
        "3、设备费10万元，其中电脑4万元，软件5万元，合计15万元。"
    )
    rows = {"performance_table": [_perf("P", 80, summary=text)]}
    # item 1: 2 + 3 = 5; item 2: 1 + 2 = 3 (小计), which carries on as a part: 3 + 4 = 7
    # against 7.5; item 3: 电脑 4 after 其中 is a part of 10, not of the total: 10 + 5 = 15
    assert _sums(rows) == [
        ("P", "P 概况: 合计 5万元", D(5), D(5), "ok"),
        ("P", "P 概况: 小计 3万元", D(3), D(3), "ok"),
        ("P", "P 概况: 合计 7.5万元", D("7.5"), D(7), "mismatch"),
        ("P", "P 概况: 合计 15万元", D(15), D(15), "ok"),
    ]
    (first, *_) = _run(checks_narrative.prose_sums, rows)
    assert first["detail"] == "2 + 3 = 5（万元）；原文：1、印刷费2万元，宣传费3万元，合计5万元"


def test_a_total_of_one_amount_or_after_other_words_is_no_sum():
    # 合计 over one amount: nothing to add; 合计 followed by a comma before the amount: the
    # amount is not the total's
    text = "印刷费3万元，合计3万元；会议费2万元，差旅费1万元，合计，培训费4万元。"
    assert _sums({"text_section": [_section(text, 70)]}) == []


def test_two_or_three_items_stated_together():
    text = "1、奖励资金5万元。2、补助资金6万元。3、计划资金7万元，三项合计18万元。"
    # item 3: its own 7 and the two items before it: 5 + 6 + 7 = 18
    assert _sums({"text_section": [_section(text, 70)]}) == [
        (None, "说明: 合计 18万元", D(18), D(18), "ok")
    ]
    text = "1、奖励资金5万元。2、补助资金6万元，2项合计11.5万元。"
    # item 2: 5 (item 1) + 6 = 11 against 11.5
    assert _sums({"text_section": [_section(text, 70)]}) == [
        (None, "说明: 合计 11.5万元", D("11.5"), D(11), "mismatch")
    ]
    # 四项合计 with three items: not enough parts, not compared
    text = "1、奖励资金5万元。2、补助资金6万元。3、计划资金7万元，四项合计18万元。"
    assert _sums({"text_section": [_section(text, 70)]}) == []


@pytest.mark.parametrize(
    ("parts", "reported"),
    [
        ("50万元、45万元、15万元", D(110)),  # 110: within 10% of 100
        ("50万元、40万元、10万元", D(100)),
        ("50万元、45万元、16万元", None),  # 111: more than 10% above
        ("50万元、30万元、9万元", None),  # 89: more than 10% below
        ("50万元、100万元、5万元", None),  # a part as large as the head: no breakdown
        ("95万元、6万元", D(101)),
        ("101万元", None),  # one amount after the head: no breakdown
    ],
)
def test_an_amount_followed_by_amounts_that_nearly_add_up_to_it(parts, reported):
    text = f"运行费用100万元：{parts}。"
    found = _sums({"text_section": [_section(text, 70)]})
    if reported is None:
        assert found == []
    else:
        status = "ok" if reported == 100 else "mismatch"
        assert found == [(None, "说明: 分项 100万元", D(100), reported, status)]


def test_a_breakdown_is_not_read_where_a_total_is_stated():
    text = "运行费用100万元：50万元、40万元，合计90万元。"
    # 合计 90 = 100 + 50 + 40? no: 100, 50 and 40 are all before it: 190 against 90
    assert _sums({"text_section": [_section(text, 70)]}) == [
        (None, "说明: 合计 90万元", D(90), D(190), "mismatch")
    ]


@pytest.mark.parametrize(
    "rate",
    ["按每月568元发放", "补助标准568元", "568元/人", "568元/月"],
)
def test_an_amount_per_month_or_person_is_no_part(rate):
    # 1000 + 500 = 1500 元 (0.15 万元); the rate is left out
    text = f"共两人，补助1000元，{rate}，补发500元，共计1500元。"
    results = _run(checks_narrative.prose_sums, {"text_section": [_section(text, 70)]})
    assert [(r["expected"], r["actual"], r["status"]) for r in results] == [
        (D("0.15"), D("0.15"), "ok")
    ]


def test_an_amount_per_year_is_a_part():
    # 1000 + 568 + 500 = 2068 元 against the stated 1500 元
    text = "补助1000元，568元/年，补发500元，共计1500元。"
    results = _run(checks_narrative.prose_sums, {"text_section": [_section(text, 70)]})
    assert [(r["expected"], r["actual"], r["status"]) for r in results] == [
        (D("0.15"), D("0.2068"), "mismatch")
    ]


def test_each_passage_once_and_each_sum_once_per_project():
    text = "印刷费2万元，宣传费3万元，合计6万元。"
    rows = {
        "performance_table": [
            # the same text in two fields of one table, and in a second table of the project
            _perf("P", 80, summary=text, plan=text),
            _perf("P", 90, basis="前言。" + text),  # the same sum in another passage of P
            _perf("Q", 95, goal_annual="Q：" + text),  # the same sum for another project
            _perf("R", 96, summary=None, necessity=text),  # a passage read before: not again
        ],
        "text_section": [_section("说明：" + text, 70)],
        "key_figure": [
            {**_kf("three_public_total", "1", 71), "sentence": "另：1万元+1万元=3万元"},
            # a 政府采购 sentence is checked with its parts by its own families, not here
            {**_kf("procurement_total", "1", 72), "sentence": "采购1万元+2万元=4万元"},
            {**_kf("revenue_total", "1", 73), "sentence": None},
        ],
    }
    results = _run(checks_narrative.prose_sums, rows)
    assert [(r["project"], r["subject"], r["status"], r["source_lines"]) for r in results] == [
        ("P", "P 概况: 合计 6万元", "mismatch", "80"),
        ("Q", "Q 概况: 合计 6万元", "mismatch", "95"),
        (None, "说明: 合计 6万元", "mismatch", "70"),
        (None, "说明: 算式 1万元+1万元=3万元", "mismatch", "71"),
    ]


# --- quantities a project's 概况 states against its indicators -----------------------------------


def _ind(project, name, raw, comparator, value, unit, line, kind="numeric") -> dict:
    return {
        "project": project,
        "name": name,
        "target_raw": raw,
        "target_kind": kind,
        "comparator": comparator,
        "target_value": value,
        "target_unit": unit,
        "source_line": line,
    }


def test_quantities_in_a_projects_overview_against_its_indicators():
    text = (
        "补助项目58项，奖励63家高新技术企业，培训人员不少于30人，开展培训10次，"
        "新建科研平台3个，引进人才5名。"
    )
    indicators = [
        _ind("P", "补助项目数量", "≥56项", "≥", 56.0, "项", 610),
        _ind("P", "高新技术企业数量", "63家", "=", 63.0, "家", 611),
        _ind("P", "培训人员数量", "40人", "=", 40.0, "人", 612),  # stated vaguely: not compared
        _ind("P", "开展培训次数", "12次", "=", 12.0, "次", 613),
        _ind("P", "科研平台数量", "3项", "=", 4.0, "项", 614),  # another unit than 个
        _ind("P", "引进人才数量", "≤5人", "≤", 5.0, "人", 615),  # 名 counts as 人
        _ind("Q", "补助项目数量", "50项", "=", 50.0, "项", 616),  # another project's
        _ind("P", "补助项目数量", "达标", None, None, "项", 617, kind="text"),
    ]
    rows = {
        "performance_indicator": indicators,
        "performance_table": [
            _perf("部门整体", 70, is_department=True, summary=text),
            _perf("P", 80, summary=text, goal_annual=text),  # one mention compared once
        ],
    }
    c = Checker()
    checks_narrative.prose_quantities(c, rows)
    assert [(r["project"], r["subject"], r["status"], r["source_lines"]) for r in c.results] == [
        ("P", "P: 概况 补助项目58项 vs 指标 补助项目数量", "ok", "80,610"),  # 58 ≥ 56
        ("P", "P: 概况 开展培训10次 vs 指标 开展培训次数", "mismatch", "80,613"),  # 10 ≠ 12
        ("P", "P: 概况 引进人才5名 vs 指标 引进人才数量", "ok", "80,615"),  # 5 ≤ 5
        ("P", "P: 概况 63家高新技术企业 vs 指标 高新技术企业数量", "ok", "80,611"),
    ]
    assert {r["check_kind"] for r in c.results} == {"prose_quantity"}
    assert c.results[0]["detail"].startswith("概况：补助项目58项，奖励")
    assert c.results[0]["detail"].endswith("；指标：补助项目数量 ≥56项")
    assert c.project is None


@pytest.mark.parametrize(
    ("comparator", "stated", "holds"),
    [
        ("≥", "5", True),
        ("≥", "4.99", False),
        (">", "5", False),
        (">", "5.01", True),
        ("≤", "5", True),
        ("≤", "5.01", False),
        ("<", "5", False),
        ("<", "4.99", True),
        ("=", "5", True),
        ("=", "5.01", False),
        (None, "5", True),
        (None, "4.99", False),
    ],
)
def test_a_stated_quantity_holds_against_a_target_of_5(comparator, stated, holds):
    assert checks_narrative._holds(D(stated), comparator, D(5)) is holds


# --- counts of units and projects stated in prose ------------------------------------------------


def test_counts_of_units_and_projects_against_the_tables():
    rows = {
        "budget_unit": [
            _unit("某局", None, 400, dept=True),
            _unit("某局", "某局", 401),
            _unit("某中心", "某局", 405),
            _unit("某所", "某局", 406),
        ],
        "project_budget": [
            _project("project", 402),
            _project("project", 403),
            _project("project", 404, carried=True),
        ],
        "text_section": [
            _section(
                "本部门包括3个预算单位，下属2个事业单位，共5家预算单位，二十个预算单位；"
                "安排十一个项目，2个预算项目。",
                90,
            )
        ],
        "performance_table": [_perf("P", 95, summary="覆盖十个下属单位")],
    }
    results = _run(checks_narrative.prose_counts, rows)
    z = D(0)
    units = "401,405,406"
    assert _shown(results) == [
        # 3 units besides the department's row
        (
            "prose_count",
            "说明 包括3个预算单位 vs 预算单位表",
            D(3),
            D(3),
            z,
            z,
            "ok",
            f"90,{units}",
        ),
        # 2 of them subordinate (not the department's own office): the other reading
        (
            "prose_count",
            "说明 下属2个事业单位 vs 预算单位表",
            D(2),
            D(2),
            z,
            z,
            "ok",
            f"90,{units}",
        ),
        # neither 3 nor 2: against the 3 units, 5 − 3 = 2 (二十 is no count read: skipped)
        (
            "prose_count",
            "说明 共5家预算单位 vs 预算单位表",
            D(3),
            D(5),
            D(2),
            z,
            "mismatch",
            f"90,{units}",
        ),
        # 十一 = 11 against the 2 projects of this year
        (
            "prose_count",
            "说明 十一个项目 vs 项目支出预算表",
            D(2),
            D(11),
            D(9),
            z,
            "mismatch",
            "90,402,403",
        ),
        ("prose_count", "说明 2个预算项目 vs 项目支出预算表", D(2), D(2), z, z, "ok", "90,402,403"),
        # 十 = 10 in a project's 概况
        (
            "prose_count",
            "说明 十个下属单位 vs 预算单位表",
            D(3),
            D(10),
            D(7),
            z,
            "mismatch",
            f"95,{units}",
        ),
    ]
    assert results[0]["detail"] == "表中 3 个预算单位（其中下属 2 个）；原文：包括3个预算单位"
    assert results[3]["detail"] == "项目支出预算表（本年预算）列 2 个项目；原文：十一个项目"


def test_counts_without_rows_to_count_are_not_compared():
    rows = {
        "budget_unit": [_unit("某局", None, 400, dept=True)],
        "text_section": [_section("本部门包括3个预算单位，安排2个项目。", 90)],
    }
    assert _run(checks_narrative.prose_counts, rows) == []


@pytest.mark.parametrize(
    ("text", "n"),
    [("12", 12), ("一", 1), ("两", 2), ("十", 10), ("十五", 15), ("二十", None)],
)
def test_a_count_in_figures_or_words(text, n):
    assert checks_narrative._count(text) == n


# --- sums in prose: the cases the mutation run of 2026-12-02 left ------------------------------


def test_a_stated_sum_in_a_projects_overview_and_in_yuan():
    # 5000 元 + 5000 元 = 10000 元: 0.5 + 0.5 = 1 万元
    rows = {"performance_table": [_perf("P", 80, summary="租金5000元+5000元=10000元")]}
    c = Checker()
    checks_narrative.prose_sums(c, rows)
    assert [
        (r["project"], r["subject"], r["expected"], r["actual"], r["status"]) for r in c.results
    ] == [("P", "P 概况: 算式 5000元+5000元=10000元", D(1), D(1), "ok")]
    assert c.project is None


def test_a_second_total_in_an_item_adds_only_the_amounts_after_the_first():
    text = "印刷费1万元，宣传费2万元，合计3万元，会议费4万元，培训费5万元，合计9万元。"
    # 1 + 2 = 3, then 4 + 5 = 9 (the first 合计 is no part of the second)
    assert _sums({"text_section": [_section(text, 70)]}) == [
        (None, "说明: 合计 3万元", D(3), D(3), "ok"),
        (None, "说明: 合计 9万元", D(9), D(9), "ok"),
    ]


def test_an_items_total_counts_for_the_items_stated_together_after_it():
    text = "1、印刷费2万元，宣传费3万元，合计5万元。2、会议费6万元，两项合计11万元。"
    # item 1 comes to its 合计 5; item 2 to 6: 5 + 6 = 11
    results = _run(checks_narrative.prose_sums, {"text_section": [_section(text, 70)]})
    assert [(r["subject"], r["expected"], r["actual"], r["status"]) for r in results] == [
        ("说明: 合计 5万元", D(5), D(5), "ok"),
        ("说明: 合计 11万元", D(11), D(11), "ok"),
    ]
    assert results[1]["detail"] == "5 + 6 = 11（万元）；原文：2、会议费6万元，两项合计11万元"


def test_items_stated_together_without_an_amount_of_their_own():
    # item 3 states no amount: 两项 are items 1 and 2, 5 + 6 = 11
    text = "1、奖励资金5万元。2、补助资金6万元。3、两项合计11万元。"
    assert _sums({"text_section": [_section(text, 70)]}) == [
        (None, "说明: 合计 11万元", D(11), D(11), "ok")
    ]


def test_the_last_items_only_are_stated_together():
    # 两项: items 2 and 3 (5 + 6), not item 1 too
    text = "1、奖励资金4万元。2、补助资金5万元。3、计划资金6万元，两项合计11万元。"
    assert _sums({"text_section": [_section(text, 70)]}) == [
        (None, "说明: 合计 11万元", D(11), D(11), "ok")
    ]


def test_one_item_stated_as_its_own_total():
    # 1项合计: the item itself, 6 = 6, not item 1 too
    text = "1、奖励资金5万元。2、补助资金6万元，1项合计6万元。"
    assert _sums({"text_section": [_section(text, 70)]}) == [
        (None, "说明: 合计 6万元", D(6), D(6), "ok")
    ]


def test_a_passage_starting_with_an_amount_or_with_qizhong():
    text = "2万元用于印刷，3万元用于宣传，合计5万元。"
    assert _sums({"text_section": [_section(text, 70)]}) == [
        (None, "说明: 合计 5万元", D(5), D(5), "ok")
    ]
    # 其中 at the very start: the first amount is a part of an amount before, one part is left
    text = "其中印刷费2万元，宣传费3万元，合计5万元。"
    assert _sums({"text_section": [_section(text, 70)]}) == []


def test_a_total_word_and_a_count_of_items_are_looked_for_14_characters_back():
    # 合计 15 characters before the amount: too far, 5 is then a part, not a total
    text = "印刷费2万元，宣传费3万元，合计为本部门本年度印刷宣传经费5万元。"
    assert text.index("5万元") - text.index("合计") == 15
    assert _sums({"text_section": [_section(text, 70)]}) == []
    # 两项 15 characters back and 合计 13: a 合计 of the item's own amounts, 6 + 3 = 9
    text = "1、奖励资金5万元。2、补助资金6万元，专项3万元，两项合计为本部门本年度全部经费9万元。"
    assert text.index("9万元") - text.index("两项") == 15
    assert _sums({"text_section": [_section(text, 70)]}) == [
        (None, "说明: 合计 9万元", D(9), D(9), "ok")
    ]


@pytest.mark.parametrize(
    ("first", "sentence"),
    [
        # the 40 characters before the amount start at the "，": stripped
        (
            "甲，",
            "本部门本年度安排的宣传经费主要用于以下几个方面印刷费2万元，宣传费3万元，合计5万元",
        ),
        # … or at an "X": kept
        (
            "甲X",
            "X本部门本年度安排的宣传经费主要用于以下几个方面印刷费2万元，宣传费3万元，合计5万元",
        ),
    ],
)
def test_the_sentence_shown_is_the_40_characters_before_the_amount(first, sentence):
    text = (
        first
        + "本部门本年度安排的宣传经费主要用于以下几个方面印刷费2万元，宣传费3万元，合计5万元。"
    )
    assert text.index("5万元") == 41
    (r,) = _run(checks_narrative.prose_sums, {"text_section": [_section(text, 70)]})
    assert r["detail"] == f"2 + 3 = 5（万元）；原文：{sentence}"


def test_a_breakdown_shows_its_sentence_and_needs_every_part_below_the_head():
    text = "运行费用100万元：60万元、50万元。"
    (r,) = _run(checks_narrative.prose_sums, {"text_section": [_section(text, 70)]})
    # 60 + 50 = 110: within 10% of 100
    assert r["detail"] == "60 + 50 = 110（万元）；原文：运行费用100万元"
    # a part equal to the head: no breakdown (100 + 5 = 105 would be within 10%)
    text = "运行费用100万元：100万元、5万元。"
    assert _run(checks_narrative.prose_sums, {"text_section": [_section(text, 70)]}) == []


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        # 每 at the very start of the passage, 2 characters before the amount: a rate
        ("每月568元，补助1000元，补发500元，共计1500元。", (D("0.1"), D("0.05"))),
        # 每 5 characters before the amount: too far, a part
        ("补助每年度发放568元，补发500元，共计1068元。", (D("0.0568"), D("0.05"))),
    ],
)
def test_a_rate_word_is_looked_for_4_characters_back(text, parts):
    (r,) = _run(checks_narrative.prose_sums, {"text_section": [_section(text, 70)]})
    assert (r["actual"], r["status"]) == (sum(parts), "ok")


def test_figures_after_a_procurement_figure_are_still_read():
    rows = {
        "key_figure": [
            {**_kf("procurement_total", "1", 72), "sentence": "采购1万元+2万元=4万元"},
            {**_kf("three_public_total", "1", 73), "sentence": "另：1万元+1万元=3万元"},
        ]
    }
    assert _sums(rows) == [(None, "说明: 算式 1万元+1万元=3万元", D(3), D(2), "mismatch")]


def test_an_items_subtotal_inside_its_total_counts_once_for_items_stated_together():
    # item 1: 1 + 2 = 3 (小计), 3 + 4 = 7 (合计): the item comes to 7, not 3 + 7 = 10;
    # 两项合计 = item 1 + item 2 = 7 + 5 = 12, as stated (found 15, a false mismatch, before)
    text = (
        "1、差旅费1万元，会议费2万元，小计3万元，培训费4万元，合计7万元。"
        "2、印刷费5万元，两项合计12万元。"
    )
    assert _sums({"text_section": [_section(text, 70)]}) == [
        (None, "说明: 小计 3万元", D(3), D(3), "ok"),
        (None, "说明: 合计 7万元", D(7), D(7), "ok"),
        (None, "说明: 合计 12万元", D(12), D(12), "ok"),
    ]
    # two 小计 in a row, then the 合计 of the item: the item comes to 8
    text = (
        "1、差旅费1万元，会议费2万元，小计3万元，培训费4万元，小计7万元，资料费1万元，合计8万元。"
        "2、印刷费5万元，两项合计13万元。"
    )
    assert [r[1:] for r in _sums({"text_section": [_section(text, 70)]})][-1] == (
        "说明: 合计 13万元",
        D(13),
        D(13),
        "ok",
    )


# --- quantities, counts and 政府采购: the cases the mutation run of 2026-12-02 left -------------


def test_a_quantity_below_a_ceiling_holds():
    assert checks_narrative._holds(D("4.99"), "≤", D(5)) is True
    assert checks_narrative._holds(D("5.01"), "≥", D(5)) is True


def test_no_tables_or_indicators_no_quantities_and_no_procurement():
    for family in (
        checks_narrative.prose_quantities,
        checks_narrative.procurement_narrative,
        checks_narrative.narrative,
        checks_narrative.prose_sums,
        checks_narrative.prose_counts,
    ):
        assert _run(family, {}) == []
    rows = {"performance_table": [_perf("P", 80, summary="补助项目58项")]}
    assert _run(checks_narrative.prose_quantities, rows) == []
    rows = {"performance_indicator": [_ind("P", "补助项目数量", "56项", "=", 56.0, "项", 610)]}
    assert _run(checks_narrative.prose_quantities, rows) == []
    # a stated total without the table's rows: the statement against itself only
    rows = {"key_figure": _procurement_figures()}
    assert [r["status"] for r in _run(checks_narrative.procurement_narrative, rows)] == ["ok"]


def _quantity(text: str, *indicators: dict, col: str = "summary") -> list[tuple]:
    rows = {
        "performance_indicator": list(indicators),
        "performance_table": [_perf("P", 80, **{col: text})],
    }
    return [
        (r["subject"], r["status"], r["detail"])
        for r in _run(checks_narrative.prose_quantities, rows)
    ]


def test_quantities_in_the_goals_too_and_only_numeric_targets():
    ind = [
        # not numeric, and numeric without a value: neither is a target to meet
        _ind("P", "补助项目数量", "50项", "=", 50.0, "项", 608, kind="text"),
        _ind("P", "补助项目数量", "若干项", "=", None, "项", 609),
        _ind("P", "补助项目数量", "≥56项", "≥", 56.0, "项", 610),
    ]
    for col in ("goal_impl", "goal_annual"):
        (r,) = _quantity("补助项目58项", *ind, col=col)
        assert r[:2] == ("P: 概况 补助项目58项 vs 指标 补助项目数量", "ok")


def test_the_detail_shows_20_characters_before_the_number_and_12_from_it():
    text = (
        "补助项目58项，奖励63家高新技术企业，培训人员不少于30人，开展培训10次，"
        "新建科研平台3个，引进人才5名。"
    )
    ind = [
        _ind("P", "高新技术企业数量", "63家", "=", 63.0, "家", 611),
        _ind("P", "开展培训次数", "12次", "=", 12.0, "次", 613),
    ]
    assert _quantity(text, *ind) == [
        (
            "P: 概况 开展培训10次 vs 指标 开展培训次数",
            "mismatch",
            "概况：技术企业，培训人员不少于30人，开展培训10次，新建科研平台3个；"
            "指标：开展培训次数 12次",
        ),
        # the number first, its words after it: the window starts from the number
        (
            "P: 概况 63家高新技术企业 vs 指标 高新技术企业数量",
            "ok",
            "概况：补助项目58项，奖励63家高新技术企业，培训；指标：高新技术企业数量 63家",
        ),
    ]


def test_vague_words_are_looked_for_4_characters_before_the_number():
    ind = _ind("P", "资助项目数量", "≥56项", "≥", 56.0, "项", 610)
    # 约 at the very start, right before the number: vague, not compared
    assert _quantity("约58项资助项目资金", ind) == []
    # 约 5 characters before the number: not read as vague; the words' last four, 资助项目,
    # name the indicator
    assert [r[:2] for r in _quantity("约资助项目58项", ind)] == [
        ("P: 概况 约资助项目58项 vs 指标 资助项目数量", "ok")
    ]


def test_the_words_first_four_characters_name_the_indicator():
    ind = _ind("P", "培训人员数量", "30人", "=", 30.0, "人", 612)
    assert [r[:2] for r in _quantity("培训人员每期30人", ind)] == [
        ("P: 概况 培训人员每期30人 vs 指标 培训人员数量", "ok")
    ]


def test_the_words_after_a_number_lose_their_enumeration_commas():
    ind = _ind("P", "补助项目资金数量", "58项", "=", 58.0, "项", 610)
    assert [r[:2] for r in _quantity("资助58项、补助项目资金、，", ind)] == [
        ("P: 概况 58项、补助项目资金、 vs 指标 补助项目资金数量", "ok")
    ]


def test_procurement_parts_after_an_unstated_one_are_still_compared():
    figures = _procurement_figures(services="59")
    del figures[2]  # 工程 not stated; 服务 after it is
    table = [_purchase("category", "货物", "40", 31), _purchase("category", "服务", "60", 32)]
    results = _run(
        checks_narrative.procurement_narrative, {"key_figure": figures, "procurement_item": table}
    )
    assert [(r["subject"], r["status"]) for r in results] == [
        ("说明 政府采购货物预算 vs 政府采购预算表 货物", "ok"),
        ("说明 政府采购服务预算 vs 政府采购预算表 服务", "mismatch"),  # 59 against 60
    ]


def test_a_count_not_read_does_not_stop_the_counts_after_it():
    rows = {
        "budget_unit": [_unit("某局", "某局", 401), _unit("某中心", "某局", 405)],
        "project_budget": [_project("project", 402), _project("project", 403)],
        # 二十 is no count read (_count gives None); the counts after it are still compared
        "text_section": [_section("二十个预算单位，包括2个预算单位；二十个项目，共2个项目。", 90)],
    }
    results = _run(checks_narrative.prose_counts, rows)
    assert [(r["subject"], r["status"]) for r in results] == [
        ("说明 包括2个预算单位 vs 预算单位表", "ok"),
        ("说明 2个项目 vs 项目支出预算表", "ok"),
    ]
