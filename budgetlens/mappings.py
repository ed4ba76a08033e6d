"""What the parser looks for, declared as data.

The national set of 部门预算公开 tables is the same everywhere, but cities vary titles, column sets,
units and wording. Everything the parser matches on lives here, so that a variant is a new mapping
(another TableSpec, another alias, another narrative pattern), not a rewrite of the parser.

Matching is done on normalised text (NFKC, no white space: see :func:`budgetlens.source.norm`).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    """A value column: its key and the header labels that announce it (normalised)."""

    key: str
    aliases: tuple[str, ...]
    required: bool = False


@dataclass(frozen=True)
class TableSpec:
    """One standard table.

    ``title_all`` must all occur in the normalised title, ``title_none`` must not. ``kind`` picks
    the row reader. ``columns`` lists the value columns in the national standard's order: the header
    says which of them a document has (headers are often displaced in extraction, so their order is
    taken from here, and the data rows' cell positions do the rest).
    """

    key: str
    label: str
    kind: str
    title_all: tuple[str, ...]
    title_none: tuple[str, ...] = ()
    columns: tuple[Column, ...] = ()
    required: bool = True
    carried_over: bool = False


_REVENUE_SOURCE_COLUMNS = (
    Column("general_budget", ("一般公共预算",)),
    Column("gov_fund", ("政府性基金预算", "政府性基金")),
    Column("state_capital", ("国有资本经营预算", "国有资本经营")),
)

TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        "income_expense_summary",
        "收支总表",
        "summary",
        ("收支总表",),
        ("财政拨款",),
        columns=(
            Column("total", ("合计", "小计", "预算数"), required=True),
            Column("current_year", ("当年预算安排", "本年预算安排", "当年预算")),
            Column("carried_over", ("上年结转安排", "上年结转")),
        ),
    ),
    TableSpec(
        "revenue_function",
        "收入总表",
        "revenue_function",
        ("收入总表",),
        columns=(
            Column("total", ("合计", "小计"), required=True),
            Column("general_budget", ("一般公共预算",)),
            Column("gov_fund", ("政府性基金", "政府性基金预算")),
            Column("state_capital", ("国有资本经营预算", "国有资本经营")),
            Column("special_account", ("财政专户管理资金",)),
            Column("unit_funds", ("单位资金",)),
            Column("carried_over", ("上年结转",)),
        ),
    ),
    TableSpec(
        "expenditure_total",
        "支出总表",
        "function",
        ("支出总表",),
        ("财政拨款",),
        columns=(
            Column("total", ("合计", "小计"), required=True),
            Column("basic", ("基本支出",)),
            Column("project", ("项目支出",)),
        ),
    ),
    TableSpec(
        "fiscal_summary",
        "财政拨款收支总表",
        "summary",
        ("财政拨款收支总表",),
        columns=(Column("total", ("小计", "合计"), required=True), *_REVENUE_SOURCE_COLUMNS),
    ),
    TableSpec(
        "general_budget_expenditure",
        "一般公共预算支出表",
        "function",
        ("一般公共预算支出",),
        ("经济科目",),
        columns=(
            Column("total", ("合计", "小计"), required=True),
            Column("basic", ("基本支出",)),
            Column("project", ("项目支出",)),
        ),
    ),
    TableSpec(
        "basic_economic",
        "基本支出分经济科目表",
        "economic",
        ("基本支出", "经济科目"),
        columns=(
            Column("total", ("合计", "小计"), required=True),
            Column("personnel", ("人员经费",)),
            Column("public", ("公用经费",)),
        ),
    ),
    TableSpec(
        "gov_fund_revenue",
        "政府性基金预算收入表",
        "function",
        ("政府性基金", "收入表"),
        columns=(Column("total", ("政府性基金收入预算", "合计", "收入预算"), required=True),),
    ),
    TableSpec(
        "gov_fund_expenditure",
        "政府性基金预算支出表",
        "function",
        ("政府性基金", "支出表"),
        columns=(
            Column("total", ("合计", "小计"), required=True),
            Column("basic", ("基本支出",)),
            Column("project", ("项目支出",)),
        ),
    ),
    TableSpec(
        "state_capital",
        "国有资本经营预算收支预算表",
        "function",
        ("国有资本经营预算",),
        columns=(
            Column("total", ("合计", "国有资本经营收入预算"), required=True),
            Column("basic", ("基本支出",)),
            Column("project", ("项目支出",)),
        ),
    ),
    TableSpec(
        "three_public",
        "“三公”经费支出预算表",
        "fiscal_items",
        ("三公",),
        columns=(Column("total", ("合计", "小计"), required=True), *_REVENUE_SOURCE_COLUMNS),
    ),
    TableSpec(
        "admin_operating",
        "机关运行经费预算表",
        "fiscal_items",
        ("机关运行经费",),
        columns=(Column("total", ("合计", "小计"), required=True), *_REVENUE_SOURCE_COLUMNS),
    ),
    TableSpec(
        "project_current",
        "项目支出预算表（本年预算）",
        "projects",
        ("项目支出预算表",),
        ("上年结转",),
        columns=(
            Column("total", ("合计", "小计"), required=True),
            *_REVENUE_SOURCE_COLUMNS,
            Column("special_account", ("财政专户管理资金",)),
            Column("unit_funds", ("单位资金",)),
        ),
    ),
    TableSpec(
        "project_carried",
        "项目支出预算表（上年结转）",
        "projects",
        ("项目支出预算表", "上年结转"),
        columns=(
            Column("total", ("合计", "小计"), required=True),
            *_REVENUE_SOURCE_COLUMNS,
            Column("special_account", ("财政专户管理资金",)),
            Column("unit_funds", ("单位资金",)),
        ),
        carried_over=True,
    ),
)

TABLES_BY_KEY = {t.key: t for t in TABLES}

# A table title: optional "表一" prefix, the year, and a name ending in 表 (optionally followed by a
# parenthesised qualifier such as （不含上年结转） or （本年预算）).
TITLE_PATTERN = (
    r"^(?:表[一二三四五六七八九十]+)?(?P<year>(?:19|20)\d{2})年"
    r"(?P<name>\S*?表)(?:[（(][^）)]*[）)])?$"
)
# Lines that sit between tables in some PDFs and carry nothing: "预算公开表1", "部门公开表9".
TABLE_MARKER_PATTERN = r"^(?:预算|部门)公开表\d+$"
EMPTY_TABLE_MARKERS = ("本表无数据",)
DEPARTMENT_LINE_PATTERN = r"^部门名称[:：](?P<name>.+)$"
UNIT_LINE_PATTERN = r"^单位[:：](?P<unit>万元|元|千元)$"
AMOUNT_UNIT_SCALE = {"万元": 1, "元": 10000, "千元": 10}  # divide by this to get 万元

# Parts of the document. Headings are matched after normalisation, at the start of a line.
PART_HEADINGS = {
    "part1": "第一部分",
    "part2": "第二部分",
    "part3": "第三部分",
    "part4": "第四部分",
}

# Summary tables: labels of rows that close a side.
SUMMARY_TOTAL_LABELS = ("收入总计", "支出总计")
# Economic classification groups (类) of 部门预算支出经济分类.
ECONOMIC_GROUPS = (
    "工资福利支出",
    "商品和服务支出",
    "对个人和家庭的补助",
    "资本性支出",
    "对企业补助",
    "债务利息及费用支出",
    "其他支出",
)

# --- Performance-target tables (绩效目标表) ---------------------------------------------------

PERF_PROJECT_TITLE = ("项目支出绩效目标表",)
PERF_DEPARTMENT_TITLE = ("整体支出绩效目标申报表",)
DEPARTMENT_PERF_NAME = "部门整体"

# 二级指标 → 一级指标 in the template used here (成本指标 sits under 产出指标).
# Variants of the labels
# (truncations, typos, longer forms) map to the canonical label.
LEVEL2_PARENT = {
    "数量指标": "产出指标",
    "质量指标": "产出指标",
    "时效指标": "产出指标",
    "成本指标": "产出指标",
    "经济效益指标": "效益指标",
    "社会效益指标": "效益指标",
    "生态效益指标": "效益指标",
    "可持续影响指标": "效益指标",
    "服务对象满意度指标": "满意度指标",
}
LEVEL2_ALIASES = {
    "可持续发展指标": "可持续影响指标",
    "可持续发展影响指标": "可持续影响指标",
    "经济效率指标": "经济效益指标",
    "服务对象满意度指": "服务对象满意度指标",
    "服务对象满意度": "服务对象满意度指标",
    "满意度指标2": "服务对象满意度指标",
}
LEVEL1_LABELS = ("产出指标", "效益指标", "满意度指标")
# Cells that are table headers inside the indicator block, not data.
PERF_HEADER_CELLS = ("绩效指标", "年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值")
# The 二级 category a target's kind implies, used when a label was displaced by the extraction.
TIME_CATEGORY = "时效指标"
COST_CATEGORY = "成本指标"
OUTPUT_LEVEL1 = "产出指标"
COST_NAME_HINTS = ("成本", "资金", "经费", "费用", "金额", "补助标准", "尾款")

# Project performance table fields: normalised label → column of performance_table.
PERF_TEXT_FIELDS = {
    "项目概况": "summary",
    "立项依据": "basis",
    "项目设立必要性": "necessity",
    "保证项目实施的制度、措施": "safeguards",
    "项目实施计划": "plan",
}
# Fund rows: label prefix (normalised, without 其中:) → source key. Truncated labels in the
# extraction ("市县(区)财政资") still start with one of these.
PERF_FUND_SOURCES = (
    ("实施期资金总额", "total"),
    ("年度资金总额", "total"),
    ("中央财政资金", "central"),
    ("省级财政资金", "provincial"),
    ("市县(区)财政", "municipal"),
    ("单位自筹", "self_raised"),
    ("其他资金", "other"),
)
# Department-level table: profile counts and funds.
DEPT_PROFILE_FIELDS = {
    "内设职能部门数": ("internal_departments", "个"),
    "所属预算单位数": ("subordinate_units", "个"),
    "核定的人员编制数": ("staff_authorised", "人"),
    "实际在职人员总数": ("staff_actual", "人"),
    "在编人员数": ("staff_on_establishment", "人"),
    "其他人员数": ("staff_other", "人"),
}
DEPT_FUND_SOURCES = (
    ("一般公共预算资金", "general_budget"),
    ("政府性基金预算资金", "gov_fund"),
    ("国有资本经营预算资金", "state_capital"),
    ("社会保险基金预算资金", "social_insurance"),
    ("专户管理资金", "special_account"),
    ("单位资金", "unit_funds"),
)
DEPT_FUND_DIRECTIONS = (("基本支出", "basic"), ("项目支出", "project"))


# --- Narrative (第三部分) ----------------------------------------------------------------------


@dataclass(frozen=True)
class FigurePattern:
    """A figure in the narrative: a regex with a group ``v`` (and optionally ``dir``, a word that
    makes the value negative when it is one of ``negative_words``)."""

    key: str
    label: str
    unit: str
    pattern: str
    negative_words: tuple[str, ...] = ("减少", "下降", "降低")


@dataclass(frozen=True)
class ListPattern:
    """A list of ``name + amount (+ share)`` clauses in a section, e.g. "科学技术支出3,683.71万元,
    占86.39%". Each clause gives keys ``{prefix}.{name}`` (万元) and
    ``{prefix}_share.{name}`` (%)."""

    prefix: str
    label: str
    after: str  # the list starts after this text within the section
    with_share: bool = True


@dataclass(frozen=True)
class NarrativeSection:
    key: str
    heading: str  # a substring of the normalised heading line
    figures: tuple[FigurePattern, ...] = ()
    lists: tuple[ListPattern, ...] = ()


N = r"(?P<v>\d[\d,]*(?:\.\d+)?)"
DIR = r"(?P<dir>增加|减少|增长|下降|降低)"

NARRATIVE: tuple[NarrativeSection, ...] = (
    NarrativeSection(
        "change",
        "部门预算收支数据变动情况",
        figures=(
            FigurePattern("revenue_total", "预算收入总计", "万元", rf"预算收入总计{N}万元"),
            FigurePattern(
                "revenue_current_year", "本年收入", "万元", rf"预算收入总计[^。]*?本年收入{N}万元"
            ),
            FigurePattern(
                "revenue_carried_over",
                "上年结转收入",
                "万元",
                rf"预算收入总计[^。]*?上年结转{N}万元",
            ),
            FigurePattern(
                "revenue_change",
                "收入总计比上年增减",
                "万元",
                rf"预算收入总计[^。]*?比上年{DIR}{N}万元",
            ),
            FigurePattern(
                "revenue_change_pct",
                "收入总计比上年增减幅度",
                "%",
                rf"预算收入总计[^。]*?万元[,，]{DIR}{N}%",
            ),
            FigurePattern("expenditure_total", "预算支出总计", "万元", rf"预算支出总计{N}万元"),
            FigurePattern(
                "expenditure_current_year",
                "本年预算安排",
                "万元",
                rf"预算支出总计[^。]*?本年预算安排{N}万元",
            ),
            FigurePattern(
                "expenditure_carried_over",
                "上年结转支出",
                "万元",
                rf"预算支出总计[^。]*?上年结转{N}万元",
            ),
            FigurePattern(
                "expenditure_change",
                "支出总计比上年增减",
                "万元",
                rf"预算支出总计[^。]*?比上年{DIR}{N}万元",
            ),
            FigurePattern(
                "expenditure_change_pct",
                "支出总计比上年增减幅度",
                "%",
                rf"预算支出总计[^。]*?万元[,，]{DIR}{N}%",
            ),
        ),
    ),
    NarrativeSection(
        "revenue",
        "收入预算情况说明",
        figures=(FigurePattern("revenue_total_stated", "预算收入", "万元", rf"预算收入{N}万元"),),
        lists=(ListPattern("revenue_source", "收入来源", "主要包括"),),
    ),
    NarrativeSection(
        "expenditure",
        "支出预算情况说明",
        figures=(
            FigurePattern("expenditure_total_stated", "支出预算", "万元", rf"支出预算{N}万元"),
        ),
        lists=(ListPattern("expenditure_direction", "支出方向", "其中"),),
    ),
    NarrativeSection(
        "fiscal",
        "财政拨款收支预算总体情况",
        figures=(
            FigurePattern(
                "fiscal_total", "财政拨款收支总预算", "万元", rf"财政拨款收支总预算{N}万元"
            ),
            FigurePattern(
                "fiscal_general_budget", "一般公共预算拨款", "万元", rf"一般公共预算拨款{N}万元"
            ),
            FigurePattern(
                "fiscal_gov_fund", "政府性基金预算拨款", "万元", rf"政府性基金预算拨款{N}万元"
            ),
            FigurePattern(
                "fiscal_state_capital",
                "国有资本经营预算拨款",
                "万元",
                rf"国有资本经营预算拨款{N}万元",
            ),
            FigurePattern("fiscal_current_year", "当年拨款收入", "万元", rf"当年拨款收入{N}万元"),
            FigurePattern("fiscal_carried_over", "上年结转收入", "万元", rf"上年结转收入{N}万元"),
        ),
        lists=(
            ListPattern(
                "fiscal_function", "财政拨款支出（按功能分类）", "支出包括", with_share=False
            ),
        ),
    ),
    NarrativeSection(
        "general_budget",
        "一般公共预算支出情况说明",
        figures=(
            FigurePattern(
                "general_budget_current",
                "一般公共预算当年支出",
                "万元",
                rf"一般公共预算当年支出{N}万元",
            ),
            FigurePattern(
                "general_budget_change",
                "一般公共预算当年支出比上年增减",
                "万元",
                rf"一般公共预算当年支出[^。]*?比上年{DIR}{N}万元",
            ),
            FigurePattern(
                "general_budget_change_pct",
                "一般公共预算当年支出增减幅度",
                "%",
                rf"一般公共预算当年支出[^。]*?万元[,，]{DIR}{N}%",
            ),
        ),
        lists=(
            ListPattern(
                "general_budget_function", "一般公共预算当年支出（按功能分类）", "主要用于"
            ),
        ),
    ),
    NarrativeSection(
        "basic",
        "一般公共预算基本支出情况说明",
        figures=(
            FigurePattern("basic_total", "一般公共预算基本支出", "万元", rf"基本支出{N}万元"),
            FigurePattern("basic_personnel", "人员经费", "万元", rf"人员经费{N}万元"),
            FigurePattern("basic_public", "公用经费", "万元", rf"公用经费{N}万元"),
        ),
    ),
    NarrativeSection(
        "three_public",
        "三公",
        figures=(
            FigurePattern("three_public_total", "“三公”经费预算", "万元", rf"经费预算{N}万元"),
            FigurePattern(
                "three_public_change",
                "“三公”经费比上年增减",
                "万元",
                rf"经费预算\d[\d,.]*万元比\d{{4}}年{DIR}{N}万元",
            ),
            FigurePattern(
                "three_public_abroad", "因公出国（境）费", "万元", rf"因公出国[(（]境[)）]费{N}万元"
            ),
            FigurePattern("three_public_reception", "公务接待费", "万元", rf"公务接待费{N}万元"),
            FigurePattern(
                "three_public_vehicle_operation",
                "公务用车运行维护费",
                "万元",
                rf"公务用车运行维护费{N}万元",
            ),
            FigurePattern(
                "three_public_vehicle_operation_change",
                "公务用车运行维护费比上年增减",
                "万元",
                rf"公务用车运行维护费\d[\d.]*万元[,，]与上年相比预算数{DIR}{N}万元",
            ),
            FigurePattern(
                "three_public_vehicle_purchase", "公务用车购置费", "万元", rf"公务用车购置费{N}万元"
            ),
        ),
    ),
    NarrativeSection(
        "admin_operating",
        "机关运行经费增减变动",
        figures=(
            FigurePattern(
                "admin_operating_total",
                "机关运行经费财政拨款预算",
                "万元",
                rf"机关运行经费财政拨款预算{N}万元",
            ),
            FigurePattern(
                "admin_operating_change",
                "机关运行经费比上年增减",
                "万元",
                rf"机关运行经费财政拨款预算[^。]*?{DIR}{N}万元",
            ),
            FigurePattern(
                "admin_operating_change_pct",
                "机关运行经费增减幅度",
                "%",
                rf"机关运行经费财政拨款预算[^。]*?万元[,，]{DIR}{N}%",
            ),
        ),
    ),
    NarrativeSection(
        "procurement",
        "政府采购情况",
        figures=(
            FigurePattern(
                "procurement_total", "政府采购预算总额", "万元", rf"政府采购预算总额{N}万元"
            ),
            FigurePattern(
                "procurement_goods", "政府采购货物预算", "万元", rf"政府采购货物预算{N}万元"
            ),
            FigurePattern(
                "procurement_works", "政府采购工程预算", "万元", rf"政府采购工程预算{N}万元"
            ),
            FigurePattern(
                "procurement_services", "政府采购服务预算", "万元", rf"政府采购服务预算{N}万元"
            ),
        ),
    ),
    NarrativeSection(
        "performance",
        "绩效管理情况",
        figures=(
            FigurePattern(
                "perf_dept_funds", "部门整体绩效目标涉及资金", "万元", rf"涉及部门预算资金{N}万元"
            ),
            FigurePattern(
                "perf_dept_basic",
                "其中基本支出",
                "万元",
                rf"涉及部门预算资金[^。]*?基本支出{N}万元",
            ),
            FigurePattern(
                "perf_dept_project",
                "其中项目支出",
                "万元",
                rf"涉及部门预算资金[^。]*?项目支出{N}万元",
            ),
            FigurePattern("perf_units", "机关及下属预算单位数", "个", rf"机关及下属预算单位{N}个"),
            FigurePattern(
                "perf_units_with_goals",
                "编报单位整体绩效目标的单位数",
                "个",
                rf"其中{N}个单位[(（]包括机关[)）]编报",
            ),
            FigurePattern(
                "perf_units_with_goals_funds",
                "单位整体绩效目标涉及资金",
                "万元",
                rf"编报了单位整体绩效目标[,，]涉及资金{N}万元",
            ),
            FigurePattern(
                "perf_projects",
                "纳入绩效目标管理的项目数",
                "个",
                rf"纳入绩效目标管理的二级项目{N}个",
            ),
            FigurePattern(
                "perf_projects_funds",
                "纳入绩效目标管理的项目金额",
                "万元",
                rf"纳入绩效目标管理的二级项目\d+个[,，]共计金额{N}万元",
            ),
            FigurePattern(
                "perf_operating_projects", "其他运转类项目数", "个", rf"其他运转类项目{N}个"
            ),
            FigurePattern(
                "perf_operating_funds",
                "其他运转类项目金额",
                "万元",
                rf"其他运转类项目\d+个[,，]涉及金额{N}万元",
            ),
            FigurePattern(
                "perf_targeted_projects", "特定目标类项目数", "个", rf"特定目标类项目{N}个"
            ),
            FigurePattern(
                "perf_targeted_funds",
                "特定目标类项目金额",
                "万元",
                rf"特定目标类项目\d+个[,，]涉及金额{N}万元",
            ),
            FigurePattern(
                "perf_published_projects", "公开项目绩效目标数", "个", rf"公开项目绩效目标{N}个"
            ),
            FigurePattern(
                "perf_published_funds",
                "公开项目绩效目标涉及金额",
                "万元",
                rf"公开项目绩效目标\d+个[,，]涉及项目金额{N}万元",
            ),
            FigurePattern(
                "perf_published_share",
                "公开项目占项目支出比例",
                "%",
                rf"占部门[(（]单位[)）]项目支出总额的{N}%",
            ),
        ),
    ),
    NarrativeSection(
        "assets",
        "国有资产占有使用情况",
        figures=(
            FigurePattern("vehicles_authorised", "公务用车编制", "辆", rf"公务用车编制{N}辆"),
            FigurePattern("vehicles_actual", "公务用车实有", "辆", rf"编制\d+辆[,，]实有{N}辆"),
            FigurePattern("vehicles_leadership", "领导用车", "辆", rf"领导用车{N}辆"),
            FigurePattern("vehicles_confidential", "机要通信用车", "辆", rf"机要通信用车{N}辆"),
            FigurePattern("vehicles_emergency", "应急保障用车", "辆", rf"应急保障用车{N}辆"),
            FigurePattern("vehicles_law_enforcement", "执法执勤用车", "辆", rf"执法执勤用车{N}辆"),
            FigurePattern("vehicles_special", "特种专业技术用车", "辆", rf"特种专业技术用车{N}辆"),
            FigurePattern(
                "vehicles_institution", "事业单位业务用车", "辆", rf"事业单位业务用车{N}辆"
            ),
            FigurePattern("vehicles_other", "其他公务用车", "辆", rf"其他公务用车{N}辆"),
            FigurePattern(
                "office_area", "办公用房建筑总面积", "平方米", rf"办公用房建筑总面积{N}平方米"
            ),
            FigurePattern(
                "equipment_over_50",
                "单价50万元以上通用设备",
                "台（套）",
                rf"50万元[(（]原值[)）]以上的通用设备{N}台",
            ),
            FigurePattern(
                "equipment_over_100",
                "单价100万元以上通用设备",
                "台（套）",
                rf"100万元[(（]原值[)）]以上的通用设备{N}台",
            ),
        ),
    ),
)

GLOSSARY_HEADING = "名词解释"
# A generated (benchmark) document says so on a line of its own near the top; ingest marks it
# synthetic and the dashboard never lists it.
SYNTHETIC_MARKER = "【合成数据 SYNTHETIC DATA — 仅用于基准测试，不是真实预算】"
CATALOGUE_HEADER = ("代码", "一级目录", "二级目录", "三级目录", "四级目录")
PART1_SECTIONS = (("本部门职责", "duties"), ("机构设置情况", "organisation"))

# 部门预算支出经济科目 whose 基本支出 is booked under known 功能分类 项 (national practice): the
# reconciliation compares the economic item with the 基本支出 of those 项 where both are present.
ECONOMIC_FUNCTION_LINKS: dict[str, tuple[str, ...]] = {
    "机关事业单位基本养老保险缴费": ("2080505",),
    "职业年金缴费": ("2080506",),
    "职工基本医疗保险缴费": ("2101101", "2101102"),
    "公务员医疗补助缴费": ("2101103",),
    "住房公积金": ("2210201",),
    "退休费": ("2080501", "2080502"),
    "奖励金": ("2100799",),
}
