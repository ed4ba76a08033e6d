"""A synthetic city: generated budget disclosures for benchmarks and parser tests.

:func:`generate_document` writes a complete 部门预算公开 text in the layout of the seed document
(``data/raw/jincheng-kejiju-2024.txt``): the same titles and table of contents, 部门名称/单位 lines,
tab-separated rows, 本表无数据 notes, the narrative of 第三部分 with its figures, the department and
project performance tables and the glossary. Every document is labelled synthetic twice over: the
:data:`~budgetlens.mappings.SYNTHETIC_MARKER` line near the top (ingest stores
``document.synthetic = true``) and a department name that says so (``合成市第0001局``).

Amounts are consistent by construction. Everything is generated in integer units of 0.01 万元
(100 元, the smallest step a 万元 table can show) from the bottom up: each 功能分类 项 gets its
基本支出 (from the 经济科目 items it is booked under) and its 项目支出 (the sum of its projects),
and every 款, 类, 合计, summary row, narrative figure and percentage is summed or computed from
those, so that the reconciliation (:func:`budgetlens.checks.run_checks`) finds no mismatch.

What is deliberately *not* modelled (each would make the checks report a contradiction that the
checks' own model of a disclosure does not allow for, or adds nothing to the layout):

- revenue other than 一般公共预算 and 上年结转: 政府性基金, 国有资本经营预算, 财政专户 and
  单位资金 are always blank, and the 基金/国资 tables say 本表无数据 (the cross-table checks
  compare the 收支总表 with the 财政拨款收支总表 and the 一般公共预算支出表 as if all money were
  财政拨款);
- multi-year projects whose 实施期 funds differ from the 年度 funds: the period-consistency check
  compares each 实施期 target with its 年度 twin, so every project has 实施期 = 年度;
- “三公”经费, 机关运行经费 and 政府采购 amounts are drawn on their own, not tied to the 经济科目
  items (公务接待费, 公用经费): no check relates them, so a tie would not be tested;
- the 政府购买服务指导性目录 appendix is a short excerpt, not the 1,000-line provincial list.

Deterministic: the same (seed, department, year) always gives the same text. The structure of a
department (units, 科目, projects, staff) depends on (seed, department) only, so the years of one
department look like one department; the amounts depend on the year as well.

The same model (:func:`build_department`) is written as a PDF in the ``shanghai-budget`` and
``jiangsu-budget`` layouts by :mod:`budgetlens_synthetic.pdf_layouts`.

Command line::

    python -m budgetlens_synthetic --departments 1000 --years 2023 2024 --out build/synthetic
    python -m budgetlens_synthetic --departments 100 --years 2024 --out build/synthetic-sh \
        --layout shanghai-budget
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from budgetlens import mappings as m
from budgetlens import pipeline, settings

CENT = Decimal("0.01")

# --- 功能分类 (function classification) -----------------------------------------------------------

# The 类 of the two summary tables, in the order (and with the names) the seed prints them.
SUMMARY_CLASSES: tuple[tuple[str, str], ...] = (
    ("201", "一般公共服务支出"),
    ("202", "外交支出"),
    ("203", "国防支出"),
    ("204", "公共安全支出"),
    ("205", "教育支出"),
    ("206", "科学技术支出"),
    ("207", "文化旅游体育与传媒支出"),
    ("208", "社会保障和就业支出"),
    ("209", "社会保险基金支出"),
    ("210", "卫生健康支出"),
    ("211", "节能环保支出"),
    ("212", "城乡社区支出"),
    ("213", "农林水支出"),
    ("214", "交通运输支出"),
    ("215", "资源勘探工业信息等支出"),
    ("216", "商业服务业等支出"),
    ("217", "金融支出"),
    ("219", "援助其他地区支出"),
    ("220", "自然资源海洋气象等支出"),
    ("221", "住房保障支出"),
    ("222", "粮油物资储备支出"),
    ("223", "国有资本经营预算支出"),
    ("224", "灾害防治及应急管理支出"),
    ("227", "预备费"),
    ("229", "其他支出"),
    ("230", "转移性支出"),
    ("231", "债务还本支出"),
    ("232", "债务付息支出"),
    ("233", "债务发行费用支出"),
    ("234", "抗疫特别国债安排的支出"),
)
CLASS_NAMES = dict(SUMMARY_CLASSES)
_DIGITS = "一二三四五六七八九"
# 一 … 三十, the ordinals of the summary tables' rows and of the narrative's sections
ORDINALS = [
    *_DIGITS,
    "十",
    *(f"十{c}" for c in _DIGITS),
    "二十",
    *(f"二十{c}" for c in _DIGITS),
    "三十",
]

# 款 and 项 names: every code of the seed's tables plus a few standard ones (2024 科目).
SUBJECT_NAMES: dict[str, str] = {
    "20101": "人大事务",
    "2010150": "事业运行",
    "20103": "政府办公厅（室）及相关机构事务",
    "2010301": "行政运行",
    "2010302": "一般行政管理事务",
    "2010350": "事业运行",
    "20406": "司法",
    "2040601": "行政运行",
    "2040699": "其他司法支出",
    "20508": "进修及培训",
    "2050803": "培训支出",
    "20601": "科学技术管理事务",
    "2060101": "行政运行",
    "2060199": "其他科学技术管理事务支出",
    "20603": "应用研究",
    "2060301": "机构运行",
    "20604": "技术研究与开发",
    "2060404": "科技成果转化与扩散",
    "20701": "文化和旅游",
    "2070101": "行政运行",
    "2070199": "其他文化和旅游支出",
    "20805": "行政事业单位养老支出",
    "2080501": "行政单位离退休",
    "2080502": "事业单位离退休",
    "2080505": "机关事业单位基本养老保险缴费支出",
    "2080506": "机关事业单位职业年金缴费支出",
    "21007": "计划生育事务",
    "2100799": "其他计划生育事务支出",
    "21011": "行政事业单位医疗",
    "2101101": "行政单位医疗",
    "2101102": "事业单位医疗",
    "2101103": "公务员医疗补助",
    "21101": "环境保护管理事务",
    "2110101": "行政运行",
    "2110199": "其他环境保护管理事务支出",
    "21201": "城乡社区管理事务",
    "2120101": "行政运行",
    "2120199": "其他城乡社区管理事务支出",
    "21301": "农业农村",
    "2130101": "行政运行",
    "2130104": "事业运行",
    "2130199": "其他农业农村支出",
    "22102": "住房改革支出",
    "2210201": "住房公积金",
}


@dataclass(frozen=True)
class Profile:
    """What a department does, as 功能分类 项: where its running costs and its projects go."""

    running: tuple[str, ...]  # 项 that take 基本支出 (行政运行, 事业运行, 机构运行)
    projects: tuple[str, ...]  # 项 that take 项目支出
    carried: tuple[str, ...]  # 项 that take 上年结转 projects (may be outside the others)
    duties: tuple[str, ...]  # words for the duties text
    topic: str


PROFILES: tuple[Profile, ...] = (
    Profile(("2010301",), ("2010302",), ("2010302",), ("综合协调", "政务服务", "督查督办"), "政务"),
    Profile(("2010150",), ("2010302",), ("2010302",), ("代表联络", "议案办理", "调查研究"), "人大"),
    Profile(
        ("2060101", "2060301"),
        ("2060199",),
        ("2060404",),
        ("科技计划", "成果转化", "创新平台"),
        "科技",
    ),
    Profile(("2070101",), ("2070199",), ("2070199",), ("文化惠民", "旅游推广", "文物保护"), "文旅"),
    Profile(("2040601",), ("2040699",), ("2040699",), ("法治宣传", "人民调解", "法律援助"), "司法"),
    Profile(("2110101",), ("2110199",), ("2110199",), ("污染防治", "环境监测", "生态保护"), "环保"),
    Profile(("2120101",), ("2120199",), ("2120199",), ("市容管理", "城市照明", "园林绿化"), "城管"),
    Profile(
        ("2130101", "2130104"),
        ("2130199",),
        ("2130199",),
        ("农业技术推广", "农村改革", "动植物防疫"),
        "农业",
    ),
)

# --- 经济科目 (economic classification of 基本支出) ---------------------------------------------


@dataclass(frozen=True)
class EconItem:
    """An item of the 基本支出分经济科目表 and how it is drawn (per head, in 0.01 万元)."""

    group: str
    name: str
    gov: tuple[str, ...]  # 政府预算支出经济科目 names it may be printed under (one row each)
    per_head: tuple[int, int]
    links: tuple[
        str, ...
    ] = ()  # 功能分类 项 whose 基本支出 it is (mappings.ECONOMIC_FUNCTION_LINKS)
    required: bool = False


WAGES, GOODS, TRANSFERS = "工资福利支出", "商品和服务支出", "对个人和家庭的补助"
ECON_ITEMS: tuple[EconItem, ...] = (
    EconItem(WAGES, "基本工资", ("工资奖金津补贴", "工资福利支出"), (300, 450), required=True),
    EconItem(WAGES, "津贴补贴", ("工资奖金津补贴", "工资福利支出"), (150, 300), required=True),
    EconItem(WAGES, "奖金", ("工资奖金津补贴",), (20, 60)),
    EconItem(WAGES, "绩效工资", ("工资福利支出",), (150, 400)),
    EconItem(
        WAGES,
        "机关事业单位基本养老保险缴费",
        ("社会保障缴费", "工资福利支出"),
        (150, 220),
        ("2080505",),
        required=True,
    ),
    EconItem(WAGES, "职业年金缴费", ("社会保障缴费",), (50, 90), ("2080506",)),
    EconItem(
        WAGES,
        "职工基本医疗保险缴费",
        ("社会保障缴费", "工资福利支出"),
        (60, 110),
        ("2101101", "2101102"),
        required=True,
    ),
    EconItem(WAGES, "公务员医疗补助缴费", ("社会保障缴费",), (20, 40), ("2101103",)),
    EconItem(WAGES, "其他社会保障缴费", ("社会保障缴费", "工资福利支出"), (2, 10)),
    EconItem(
        WAGES, "住房公积金", ("住房公积金", "工资福利支出"), (120, 200), ("2210201",), required=True
    ),
    EconItem(WAGES, "其他工资福利支出", ("其他工资福利支出",), (10, 80)),
    EconItem(GOODS, "办公费", ("办公经费", "商品和服务支出"), (20, 60), required=True),
    EconItem(GOODS, "印刷费", ("办公经费",), (2, 10)),
    EconItem(GOODS, "水费", ("办公经费",), (1, 4)),
    EconItem(GOODS, "电费", ("办公经费",), (3, 10)),
    EconItem(GOODS, "邮电费", ("办公经费",), (2, 8)),
    EconItem(GOODS, "差旅费", ("商品和服务支出",), (5, 30)),
    EconItem(GOODS, "维修(护)费", ("商品和服务支出",), (3, 20)),
    EconItem(GOODS, "培训费", ("培训费",), (2, 10)),
    EconItem(GOODS, "工会经费", ("办公经费", "商品和服务支出"), (8, 20)),
    EconItem(GOODS, "福利费", ("办公经费", "商品和服务支出"), (10, 30)),
    EconItem(GOODS, "其他交通费用", ("办公经费", "商品和服务支出"), (10, 40)),
    EconItem(GOODS, "其他商品和服务支出", ("其他商品和服务支出", "商品和服务支出"), (5, 25)),
    EconItem(TRANSFERS, "退休费", ("离退休费",), (200, 900), ("2080501", "2080502")),
    EconItem(TRANSFERS, "奖励金", ("社会福利和救助",), (5, 25), ("2100799",)),
    EconItem(TRANSFERS, "生活补助", ("社会福利和救助",), (5, 40)),
)
PERSONNEL_GROUPS = (WAGES, TRANSFERS)

# --- projects and performance targets -------------------------------------------------------

PROJECT_NAMES = (
    "信息化建设运维经费",
    "专项业务工作经费",
    "课题研究经费",
    "宣传培训经费",
    "执法装备购置经费",
    "档案数字化项目",
    "办公楼维修改造项目",
    "安全生产监管专项经费",
    "人才引进生活补贴",
    "遗属生活补助",
    "网络安全等级保护测评经费",
    "专家咨询评审经费",
    "监测设备运行维护经费",
    "发展规划编制经费",
    "调查统计专项经费",
    "志愿服务活动经费",
    "法律顾问服务经费",
    "公共服务平台运营经费",
    "技术推广示范项目",
    "业务用房租赁经费",
    "重点工作督查经费",
    "基层能力提升项目",
    "政务公开专项经费",
    "应急演练专项经费",
    "数据资源整合项目",
    "标准化建设项目",
    "对外交流合作经费",
    "公益宣传活动经费",
    "质量监督抽检经费",
    "会议会务保障经费",
)
UNIT_SUFFIXES = (
    "信息中心",
    "事务服务中心",
    "研究院",
    "发展中心",
    "监测站",
    "培训中心",
    "档案馆",
    "综合执法队",
)
COUNT_TARGETS = (
    ("开展业务培训次数", "次", (2, 12)),
    ("服务对象数量", "人", (50, 3000)),
    ("完成工作任务数量", "项", (3, 40)),
    ("覆盖单位数量", "家", (5, 120)),
    ("印发宣传资料数量", "份", (500, 5000)),
    ("组织专题活动场次", "场", (1, 10)),
    ("设备维护台数", "台", (5, 80)),
)
RATE_TARGETS = ("工作任务完成率", "验收合格率", "资金使用合规率", "服务覆盖率")
TIME_TARGETS = ("项目完成时间", "资金支付完成时间", "前期准备完成时间")
EFFECT_TARGETS = (
    ("社会效益指标", "提升公共服务水平", "提升"),
    ("社会效益指标", "保障工作正常开展", "保障"),
    ("经济效益指标", "促进相关产业发展", "促进"),
    ("可持续影响指标", "推动工作长效开展", "持续"),
)
SATISFACTION_TARGETS = ("受益群众满意度", "服务企业满意度", "参训人员满意度")

ORG_OFFICES = (
    ("办公室", "负责机关日常运转，承担文电、会务、机要、档案、信息公开、安全保密和财务管理工作。"),
    ("政策法规科", "拟订本领域发展规划和政策措施，承担规范性文件合法性审查和普法宣传工作。"),
    ("业务指导科", "指导全市本领域业务工作，组织实施重点项目，开展监督检查和统计分析。"),
    ("规划财务科", "负责本部门预算、决算和国有资产管理，承担内部审计和政府采购工作。"),
    ("人事科", "负责机关和所属单位的干部人事、机构编制、劳动工资和教育培训工作。"),
    ("监督检查科", "组织开展专项检查和执法监督，受理投诉举报，督促问题整改落实。"),
)

# 名词解释: the seed's terms, verbatim (they are the national standard wording).
GLOSSARY = (
    "一、基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。",
    "二、项目支出：指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。",
    "三、“三公”经费：指用财政拨款安排的因公出国（境）费用、公务用车购置及运行费和公务接待费。",
    "四、机关运行经费：指行政单位和参照公务员法管理的事业单位使用财政拨款安排的基本支出中的"
    "公用经费支出。",
    "五、政府购买服务：是指将属于自身职责范围且适合通过市场化方式提供的服务事项，按照政府采购"
    "方式和程序，交由符合条件的服务供应商承担，并根据服务数量和质量等情况向其支付费用的行为。",
    "六、财政专户管理资金：",
    "专指教育收费，包括目前在财政专户管理的高中以上学费、住宿费，高校委托培养费，党校收费等。",
    "七、单位资金：是指除政府预算资金和财政专户管理资金以外的资金，包括事业收入、事业单位经营收入、"
    "上级补助收入、附属单位上缴收入、其他收入。",
    "八、上年结转：指以前年度预算安排、结转到本年仍按原规定用途继续使用的资金。",
    "九、一般公共预算是指以税收为主体的财政收入，安排用于保障和改善民生、推动经济社会发展、"
    "维护国家安全、维持国家机构正常运转等方面的收支预算。",
    "十、政府性基金预算：是对依照法律、行政法规的规定在一定期限内向特定对象征收、收取或者以其他"
    "方式筹集的资金，专项用于特定公共事业发展的收支预算。",
    "十一、国有资本经营预算是对国有资本收益作出支出安排的收支预算。",
    "十二、财政拨款：包含一般公共预算、政府性基金预算、国有资本经营预算。",
)

CATALOGUE = (
    ("A", 1, "公共服务"),
    ("A15", 2, "公共信息与宣传服务"),
    ("A1502", 3, "公共公益宣传服务"),
    ("A150201", 4, "{topic}政策宣传服务"),
    ("A16", 2, "行业管理服务"),
    ("A1601", 3, "行业规划服务"),
    ("A160101", 4, "{topic}行业规划编制服务"),
    ("A1603", 3, "行业统计分析服务"),
    ("A160301", 4, "{topic}行业统计分析服务"),
)

# --- amounts --------------------------------------------------------------------------------


def fmt(units: int) -> str:
    """An amount in 0.01 万元 units as a table cell: ``4264.29``; zero is a blank cell."""
    if units == 0:
        return ""
    sign = "-" if units < 0 else ""
    units = abs(units)
    return f"{sign}{units // 100}.{units % 100:02d}"


def fmt_text(units: int, grouped: bool = False) -> str:
    """An amount in 0.01 万元 units as the narrative writes it (``0`` for zero, maybe grouped)."""
    if units == 0:
        return "0"
    v = Decimal(units) / 100
    return f"{v:,.2f}" if grouped else f"{v:.2f}"


def yuan(units: int) -> str:
    """An amount in 0.01 万元 units as 元 with thousands separators: ``20,070,000``."""
    return f"{units * 100:,}"


def pct(part: int, whole: int) -> Decimal:
    """part / whole in %, to the cent, computed as the reconciliation computes it."""
    return (Decimal(part) / Decimal(whole) * 100).quantize(CENT)


def split(rng: random.Random, total: int, n: int) -> list[int]:
    """``total`` split into ``n`` positive parts (n ≤ total), in random proportions."""
    if n <= 1:
        return [total]
    cuts = sorted(rng.sample(range(1, total), n - 1))
    return [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]


# --- the department model -------------------------------------------------------------------


@dataclass
class Project:
    name: str
    unit: str
    code: str
    amount: int  # 0.01 万元
    operating: bool  # 其他运转类 (else 特定目标类)
    carried: bool = False


@dataclass
class Subject:
    """A 功能分类 项 with its amounts (0.01 万元)."""

    code: str
    basic: int = 0
    project: int = 0  # current year, 一般公共预算
    carried: int = 0  # 上年结转 (project)

    @property
    def current(self) -> int:
        return self.basic + self.project

    @property
    def total(self) -> int:
        return self.basic + self.project + self.carried


@dataclass
class EconRow:
    group: str
    name: str
    gov: str
    amount: int


@dataclass
class Department:
    """Everything one document states, before it is written out."""

    name: str
    year: int
    code: str
    units: list[str]
    subjects: dict[str, Subject] = field(default_factory=dict)
    econ: list[EconRow] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    three_public: dict[str, int] = field(default_factory=dict)
    admin: list[tuple[str, int]] = field(default_factory=list)
    staff: dict[str, int] = field(default_factory=dict)
    offices: list[tuple[str, str]] = field(default_factory=list)
    profile: Profile = PROFILES[0]
    prior: dict[str, int] = field(default_factory=dict)  # last year's figures for the narrative
    vehicles: int = 0
    office_area: int = 0
    # 会议费 and 培训费 (0.01 万元), which only the Jiangsu “三公” table prints; drawn from a random
    # stream of their own so that the text documents stay exactly as they were
    meeting: int = 0
    training: int = 0

    # sums used throughout
    def projects_of(self, carried: bool | None = None) -> list[Project]:
        return [p for p in self.projects if carried is None or p.carried == carried]

    @property
    def basic(self) -> int:
        return sum(s.basic for s in self.subjects.values())

    @property
    def project_current(self) -> int:
        return sum(s.project for s in self.subjects.values())

    @property
    def carried(self) -> int:
        return sum(s.carried for s in self.subjects.values())

    @property
    def current(self) -> int:
        return self.basic + self.project_current

    @property
    def total(self) -> int:
        return self.current + self.carried

    def personnel(self) -> int:
        return sum(r.amount for r in self.econ if r.group in PERSONNEL_GROUPS)

    def public(self) -> int:
        return sum(r.amount for r in self.econ if r.group not in PERSONNEL_GROUPS)


def build_department(seed: int, department: str, year: int) -> Department:
    """The model of ``department`` in ``year`` that every layout writes out: its 功能分类 项
    with 基本/项目/上年结转 amounts, 经济科目 rows, projects, “三公”, 机关运行经费, all in
    0.01 万元.

    Deterministic for (seed, department, year), like :func:`generate_document`; tests compute the
    figures a written document must show from it.
    """
    return _build(seed, department, year)


def _build(seed: int, department: str, year: int) -> Department:
    # Structure from (seed, department): the same units, 科目 and projects every year.
    srng = random.Random(f"budgetlens-synthetic:{seed}:{department}")
    # Amounts from (seed, department, year).
    rng = random.Random(f"budgetlens-synthetic:{seed}:{department}:{year}")
    profile = srng.choice(PROFILES)
    n_units = srng.randint(2, 6)
    units = [department] + [f"{department}{s}" for s in srng.sample(UNIT_SUFFIXES, n_units - 1)]
    d = Department(
        name=department, year=year, code=str(srng.randint(101, 999)), units=units, profile=profile
    )
    d.offices = srng.sample(ORG_OFFICES, srng.randint(3, len(ORG_OFFICES)))

    staff = srng.randint(12, 150)
    d.staff = {
        "authorised": staff + srng.randint(0, 12),
        "on_establishment": staff,
        "other": srng.randint(0, 6),
        "internal": len(d.offices),
    }
    heads = staff + d.staff["other"]

    # 经济科目 items: required ones, then a random subset of the rest.
    chosen = [e for e in ECON_ITEMS if e.required or srng.random() < 0.55]
    if not any(e.group == TRANSFERS for e in chosen):
        chosen.append(next(e for e in ECON_ITEMS if e.name == "生活补助"))
    # 职工基本医疗保险缴费 → 2101101 (行政) + 2101102 (事业): a department always has both kinds of
    # unit here (the 机关 and at least one 事业单位).
    for e in chosen:
        low, high = e.per_head
        amount = heads * rng.randint(low, high) // (3 if e.group == TRANSFERS else 1)
        amount = max(amount, 100)
        gov = e.gov if len(e.gov) == 1 or srng.random() < 0.5 else e.gov[:1]
        parts = split(rng, amount, len(gov)) if len(gov) > 1 else [amount]
        for g, a in zip(gov, parts, strict=True):
            d.econ.append(EconRow(e.group, e.name, g, a))
        # The linked 功能分类 项 take the same 基本支出, split between them.
        shares = split(rng, amount, len(e.links)) if e.links else []
        for code, a in zip(e.links, shares, strict=True):
            d.subjects.setdefault(code, Subject(code)).basic += a
    # Everything else of 基本支出 is booked under the running-cost 项.
    linked = {c for e in chosen for c in e.links}
    rest = sum(r.amount for r in d.econ) - sum(d.subjects[c].basic for c in linked)
    running = list(profile.running)
    for code, a in zip(running, split(rng, rest, len(running)), strict=True):
        d.subjects.setdefault(code, Subject(code)).basic += a

    # Projects: 1–4 per unit (the 机关 1–5), names unique in the document.
    names = srng.sample(PROJECT_NAMES, len(PROJECT_NAMES))
    for k, unit in enumerate(units):
        for _ in range(srng.randint(1, 5 if k == 0 else 4)):
            if not names:
                break
            scale = rng.choice((100, 100, 10, 1))
            amount = rng.randint(2, 800 if scale == 100 else 4000) * scale
            code = srng.choice(profile.projects)
            d.projects.append(
                Project(names.pop(), unit, code, amount, operating=srng.random() < 0.5)
            )
    for p in d.projects:
        d.subjects.setdefault(p.code, Subject(p.code)).project += p.amount
    # 上年结转: half the departments carry one or two projects over.
    if rng.random() < 0.5:
        for k in range(rng.randint(1, 2)):
            unit = rng.choice(units)
            code = rng.choice(profile.carried)
            amount = rng.randint(50, 5000) * rng.choice((1, 10))
            name = f"{year - 1}年度结转专项资金（{k + 1}）"
            d.projects.append(Project(name, unit, code, amount, operating=False, carried=True))
            d.subjects.setdefault(code, Subject(code)).carried += amount
    # units appear in the project tables in this order: sort projects by unit (stable).
    order = {u: k for k, u in enumerate(units)}
    d.projects.sort(key=lambda p: (p.carried, order[p.unit]))

    # “三公” (half of the departments have none) and 机关运行经费 (the 机关 and maybe one more).
    if rng.random() < 0.5:
        d.three_public = {
            "abroad": 0,
            "reception": rng.randint(0, 300),
            "vehicle_purchase": 0 if rng.random() < 0.8 else rng.randint(1000, 3000),
            "vehicle_operation": rng.randint(0, 800),
        }
        if sum(d.three_public.values()) == 0:
            d.three_public["reception"] = 150
    public = d.public()
    admin_units = units[:1] + ([units[1]] if rng.random() < 0.4 else [])
    d.admin = [(u, max(1, public * rng.randint(15, 40) // 100)) for u in admin_units]
    d.vehicles = 0 if not d.three_public.get("vehicle_operation") else rng.randint(1, 4)
    d.office_area = srng.randint(300, 3000)
    # 培训费: what the 经济科目 table books as 培训费; 会议费: drawn (the text layout has neither)
    xrng = random.Random(f"budgetlens-synthetic-extra:{seed}:{department}:{year}")
    d.training = sum(r.amount for r in d.econ if r.name == "培训费")
    d.meeting = xrng.randint(0, 400) * xrng.choice((0, 1, 1, 10))

    # last year's figures, for the 比上年 sentences (never equal to this year's)
    for key, now in (
        ("total", d.total),
        ("current", d.current),
        ("admin", sum(a for _, a in d.admin)),
        ("three_public", sum(d.three_public.values())),
    ):
        prior = now * rng.randint(70, 130) // 100 + rng.randint(1, 99)
        d.prior[key] = prior if prior != now else prior + 1
    return d


# --- writing ----------------------------------------------------------------------------------


def _class_rows(d: Department) -> list[tuple[str, str, int, dict[str, int]]]:
    """(code, name, level, {basic, project, carried}) for every 类, 款 and 项 with an amount."""
    out = []
    by_class: dict[str, dict[str, list[Subject]]] = {}
    for code in sorted(d.subjects):
        by_class.setdefault(code[:3], {}).setdefault(code[:5], []).append(d.subjects[code])
    for cls, kuans in by_class.items():
        subs = [s for ss in kuans.values() for s in ss]
        out.append((cls, CLASS_NAMES[cls], 1, _sums(subs)))
        for kuan, ss in kuans.items():
            out.append((kuan, SUBJECT_NAMES[kuan], 2, _sums(ss)))
            for s in ss:
                out.append((s.code, SUBJECT_NAMES[s.code], 3, _sums([s])))
    return out


def _sums(subjects: list[Subject]) -> dict[str, int]:
    return {
        "basic": sum(s.basic for s in subjects),
        "project": sum(s.project for s in subjects),
        "carried": sum(s.carried for s in subjects),
    }


class _Writer:
    """Lines of the document, with helpers for the repeated shapes."""

    def __init__(self, d: Department) -> None:
        self.d = d
        self.lines: list[str] = []

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def para(self, text: str) -> None:
        self.lines.extend([text, ""])

    def table_head(self, title: str, marker: str | None = None) -> None:
        if marker:
            self.para(marker)
        self.para(title)
        self.para(f"部门名称：{self.d.name}")
        self.para("单位：万元")


def generate_document(seed: int, department: str, year: int) -> str:
    """A complete synthetic disclosure of ``department`` for ``year``, as text.

    Same layout as the seed document, amounts consistent by construction (see the module
    docstring for what is not modelled). Deterministic for (seed, department, year).
    """
    d = _build(seed, department, year)
    w = _Writer(d)
    y = year
    w.add(m.SYNTHETIC_MARKER, "", d.name, "", f"{y}年度部门预算公开", "")
    _toc(w, y)
    _part1(w)
    w.para(f"第二部分 {y}年部门预算报表")
    _summary_table(w, y)
    _revenue_table(w, y)
    _expenditure_table(w, y)
    _fiscal_summary(w, y)
    _general_budget_table(w, y)
    _economic_table(w, y)
    _empty_fund_tables(w, y)
    _three_public(w, y)
    _admin_operating(w, y)
    _project_table(w, y, carried=False)
    _project_table(w, y, carried=True)
    _part3(w, y)
    _part4(w)
    return "\n".join(w.lines) + "\n"


def _toc(w: _Writer, y: int) -> None:
    titles = (
        f"{y}年预算收支总表",
        f"{y}年预算收入总表",
        f"{y}年预算支出总表",
        f"{y}年财政拨款收支总表",
        f"{y}年一般公共预算支出预算表（不含上年结转）",
        f"{y}年一般公共预算安排基本支出分经济科目表（不含上年结转）",
        f"{y}年政府性基金预算收入表（不含上年结转）",
        f"{y}年政府性基金预算支出表（不含上年结转）",
        f"{y}年国有资本经营预算收支预算表（不含上年结转）",
        f"{y}年财政拨款安排“三公”经费支出预算表",
        f"{y}年财政拨款安排机关运行经费预算表",
        f"{y}年项目支出预算表（本年预算）",
        f"{y}年项目支出预算表（上年结转）",
    )
    w.para("目 录")
    w.add(
        "第一部分 概况\t1",
        "一、本部门职责.....\t1",
        "二、机构设置情况.....\t2",
        f"第二部分 {y}年部门预算报表\t5",
    )
    for k, t in enumerate(titles):
        w.add(f"表{ORDINALS[k]}{t}.....\t{5 + k}")
    w.add(f"第三部分 {y}年度部门预算情况说明\t21")
    for k, t in enumerate(
        (
            "部门预算收支数据变动情况及原因",
            "收入预算情况说明",
            "支出预算情况说明",
            "财政拨款收支预算总体情况说明",
            "一般公共预算支出情况说明",
            "一般公共预算基本支出情况说明",
            "“三公”经费增减变动原因说明",
            "机关运行经费增减变动原因说明",
            "政府采购情况",
            "绩效管理情况",
            "国有资产占有使用情况",
            "其他说明",
        )
    ):
        w.add(f"{ORDINALS[k]}、{t}.....\t{21 + k // 3}")
    w.add("第四部分 名词解释.....\t30", "")


def _part1(w: _Writer) -> None:
    d = w.d
    w.para("第一部分 概况")
    w.para("一、本部门职责")
    w.para(
        f"{d.name}（合成数据）贯彻落实党中央和省委、市委关于{d.profile.topic}工作的方针政策。主要职责是："
    )
    for k, duty in enumerate(d.profile.duties):
        w.para(f"（{ORDINALS[k]}）负责全市{duty}工作，拟订相关规划和政策措施并组织实施。")
    w.para(f"（{ORDINALS[len(d.profile.duties)]}）完成市委、市政府交办的其他任务。")
    w.para("二、机构设置情况")
    for k, (office, text) in enumerate(d.offices):
        w.para(f"（{ORDINALS[k]}）{office}：{text}")
    if len(d.units) > 1:
        w.para(f"所属预算单位：{'、'.join(d.units[1:])}。")


def _summary_table(w: _Writer, y: int) -> None:
    d = w.d
    w.table_head(f"{y}年预算收支总表", "预算公开表1")
    w.add("收入\t\t支出\t\t\t", f"项目\t{y}年\t项目\t{y}年合计\t当年预算安排\t上年结转安排")
    classes = {code: sums for code, _, level, sums in _class_rows(d) if level == 1}
    income = [
        ("一、一般公共预算", d.current),
        ("二、政府性基金预算", 0),
        ("三、国有资本经营预算", 0),
        ("四、财政专户管理资金", 0),
        ("五、单位资金", 0),
    ]
    for k, (code, name) in enumerate(SUMMARY_CLASSES):
        left = f"{income[k][0]}\t{fmt(income[k][1])}" if k < len(income) else "\t"
        s = classes.get(code)
        if s:
            cur = s["basic"] + s["project"]
            cells = f"{fmt(cur + s['carried'])}\t{fmt(cur)}\t{fmt(s['carried'])}"
        else:
            cells = "\t\t"
        w.add(f"{left}\t{ORDINALS[k]}、{name}\t{cells}")
        if k == 26:
            w.add("")  # a page break in the extraction, as in the seed
    t, cur, car = fmt(d.total), fmt(d.current), fmt(d.carried)
    w.add(
        f"本年收入合计\t{cur}\t本年支出合计\t{t}\t{cur}\t{car}",
        f"上年结转\t{car}\t年终结转\t\t\t",
        f"收入总计\t{t}\t支出总计\t{t}\t{cur}\t{car}",
        "",
    )


def _revenue_table(w: _Writer, y: int) -> None:
    d = w.d
    w.table_head(f"{y}年预算收入总表")
    w.add(
        "项目\t\t本年收入\t\t\t\t\t上年结转\t",
        "科目编码\t科目名称\t合计\t一般公共预算\t政府性基金\t国有资本经营预算\t财政专户管理资金\t\t单位资金",
    )
    w.add(f"合计\t\t{fmt(d.current)}\t{fmt(d.current)}\t\t\t\t\t{fmt(d.carried)}")
    for code, name, _, s in _class_rows(d):
        cur = s["basic"] + s["project"]
        w.add(f"{code}\t{name}\t{fmt(cur)}\t{fmt(cur)}\t\t\t\t\t{fmt(s['carried'])}")
    w.add("")


def _function_header(w: _Writer, y: int) -> None:
    w.add(f"项目\t\t{y}年预算数\t\t", "科目编码\t科目名称\t合计\t基本支出\t项目支出")


def _expenditure_table(w: _Writer, y: int) -> None:
    d = w.d
    w.table_head(f"{y}年预算支出总表")
    _function_header(w, y)
    proj = d.project_current + d.carried
    w.add(f"合计\t\t{fmt(d.total)}\t{fmt(d.basic)}\t{fmt(proj)}")
    for code, name, _, s in _class_rows(d):
        p = s["project"] + s["carried"]
        w.add(f"{code}\t{name}\t{fmt(s['basic'] + p)}\t{fmt(s['basic'])}\t{fmt(p)}")
    w.add("")


def _fiscal_summary(w: _Writer, y: int) -> None:
    d = w.d
    w.table_head(f"{y}年财政拨款收支总表")
    w.add(
        "收入\t\t支出\t\t\t\t",
        "项目\t金额\t项目\t金额\t\t\t",
        "\t\t\t小计\t一般公共预算\t政府性基金预算\t国有资本经营预算",
    )
    classes = {code: sums for code, _, level, sums in _class_rows(d) if level == 1}
    income = [
        ("一、一般公共预算", d.current),
        ("二、政府性基金预算", 0),
        ("三、国有资本经营预算", 0),
    ]
    for k, (code, name) in enumerate(SUMMARY_CLASSES):
        left = f"{income[k][0]}\t{fmt(income[k][1])}" if k < len(income) else "\t"
        s = classes.get(code)
        v = fmt(sum(s.values())) if s else ""
        w.add(f"{left}\t{ORDINALS[k]}、{name}\t{v}\t{v}\t\t")
    t, cur, car = fmt(d.total), fmt(d.current), fmt(d.carried)
    w.add(
        f"本年收入合计\t{cur}\t本年支出合计\t{t}\t{t}\t\t",
        f"上年财政拨款结转\t{car}\t年终结转\t\t\t\t",
        f"一、一般公共预算\t{car}\t\t\t\t\t",
        "二、政府性基金预算\t\t\t\t\t\t",
        "三、国有资本经营预算\t\t\t\t\t\t",
        f"收入总计\t{t}\t支出总计\t{t}\t{t}\t\t",
        "",
    )


def _general_budget_table(w: _Writer, y: int) -> None:
    d = w.d
    w.table_head(f"{y}年一般公共预算支出预算表（不含上年结转）")
    _function_header(w, y)
    w.add(f"合计\t\t{fmt(d.current)}\t{fmt(d.basic)}\t{fmt(d.project_current)}")
    for code, name, _, s in _class_rows(d):
        cur = s["basic"] + s["project"]
        if cur:
            w.add(f"{code}\t{name}\t{fmt(cur)}\t{fmt(s['basic'])}\t{fmt(s['project'])}")
    w.add("")


def _economic_table(w: _Writer, y: int) -> None:
    d = w.d
    w.table_head(f"{y}年一般公共预算安排基本支出分经济科目表（不含上年结转）")
    w.add(
        f"部门预算支出经济科目名称\t政府预算支出经济科目名称\t{y}年预算数\t\t",
        "\t\t合计\t人员经费\t公用经费",
    )
    pers, pub = d.personnel(), d.public()
    w.add(f"合计\t\t{fmt(pers + pub)}\t{fmt(pers)}\t{fmt(pub)}")
    for group in (WAGES, GOODS, TRANSFERS):
        rows = [r for r in d.econ if r.group == group]
        if not rows:
            continue
        total = sum(r.amount for r in rows)
        personnel = group in PERSONNEL_GROUPS
        w.add(
            f"{group}\t\t{fmt(total)}\t"
            f"{fmt(total if personnel else 0)}\t{fmt(0 if personnel else total)}"
        )
        for r in rows:
            a = fmt(r.amount)
            w.add(f"{r.name}\t{r.gov}\t{a}\t{a if personnel else ''}\t{'' if personnel else a}")
    w.add("")


def _empty_fund_tables(w: _Writer, y: int) -> None:
    w.table_head(f"{y}年政府性基金预算收入表（不含上年结转）")
    w.add("项目\t\t政府性基金收入预算", "收入科目编码\t科目名称\t", "合计\t\t", "")
    w.para("注：本表无数据")
    w.table_head(f"{y}年政府性基金预算支出表（不含上年结转）")
    w.add("科目编码\t科目名称\t合计\t基本支出\t项目支出", "合计\t\t\t\t", "")
    w.para("注：本表无数据")
    w.table_head(f"{y}年国有资本经营预算收支预算表（不含上年结转）", "部门公开表9")
    w.add(
        "国有资本经营预算收入\t\t\t国有资本经营预算支出\t\t\t\t",
        "项目\t\t国有资本经营收入预算\t科目编码\t科目名称\t合计\t基本支出\t项目支出",
        "收入科目编码\t科目名称\t\t\t\t\t\t",
        "合计\t\t\t\t\t\t\t",
        "",
    )
    w.para("注：本表无数据")


def _three_public(w: _Writer, y: int) -> None:
    d = w.d
    w.table_head(f"{y}年财政拨款安排“三公”经费支出预算表", "预算公开表10")
    w.add(f"项目\t{y}年预算数\t\t\t", "\t合计\t一般公共预算\t政府性基金预算\t国有资本经营预算")
    tp = d.three_public
    vehicle = tp.get("vehicle_purchase", 0) + tp.get("vehicle_operation", 0)
    for label, v in (
        ("因公出国（境）费", tp.get("abroad", 0)),
        ("公务接待费", tp.get("reception", 0)),
        ("公务用车购置及运行费", vehicle),
        ("①公务用车购置费", tp.get("vehicle_purchase", 0)),
        ("②公务用车运行维护费", tp.get("vehicle_operation", 0)),
        ("合计", sum(tp.values())),
    ):
        w.add(f"{label}\t{fmt(v)}\t{fmt(v)}\t\t")
    w.add("")
    if not tp:
        w.para("注：本表无数据")


def _admin_operating(w: _Writer, y: int) -> None:
    d = w.d
    w.table_head(f"{y}年财政拨款安排机关运行经费预算表")
    w.add(f"单位名称\t{y}预算数\t\t\t", "\t合计\t一般公共预算\t政府性基金预算\t国有资本经营预算")
    total = sum(a for _, a in d.admin)
    w.add(f"部门合计\t{fmt(total)}\t{fmt(total)}\t\t")
    for unit, a in d.admin:
        w.add(f"{unit}\t{fmt(a)}\t{fmt(a)}\t\t")
    w.add("")


def _project_table(w: _Writer, y: int, *, carried: bool) -> None:
    d = w.d
    projects = d.projects_of(carried)
    w.table_head(f"{y}年项目支出预算表（{'上年结转' if carried else '本年预算'}）")
    if carried:
        w.add(
            f"项目名称\t合计\t{y}年财政拨款\t\t",
            "\t\t一般公共预算\t政府性基金预算\t国有资本经营预算",
            "1\t2\t3\t4\t5",
        )
    else:
        w.add(
            f"项目名称\t合计\t{y}年财政拨款\t\t\t财政专户管理资金\t单位资金",
            "\t\t一般公共预算\t政府性基金预算\t国有资本经营预算\t\t",
            "1\t2\t3\t4\t5\t6\t7",
        )
    pad = "\t\t" if carried else "\t\t\t\t"
    if not projects:
        w.add(f"合计\t{pad}\t", "")
        w.para("注：本表无数据")
        return
    total = sum(p.amount for p in projects)
    w.add(f"{d.name}\t{fmt(total)}\t{fmt(total)}{pad}")
    for unit in d.units:
        mine = [p for p in projects if p.unit == unit]
        if not mine:
            continue
        s = sum(p.amount for p in mine)
        w.add(f"{unit}\t{fmt(s)}\t{fmt(s)}{pad}")
        for p in mine:
            w.add(f"{p.name}\t{fmt(p.amount)}\t{fmt(p.amount)}{pad}")
    w.add("")


# --- 第三部分: the narrative and the performance tables ------------------------------------------


def _change(now: int, prior: int) -> tuple[str, str]:
    """("增加12.34万元", "增长5.67%") or the decrease, for the 比上年 clauses."""
    change = now - prior
    rate = pct(abs(change), prior)
    if change >= 0:
        return f"增加{fmt_text(change)}万元", f"增长{rate}%"
    return f"减少{fmt_text(-change)}万元", f"下降{rate}%"


def _part3(w: _Writer, y: int) -> None:
    d = w.d
    rng = random.Random(f"budgetlens-synthetic-text:{d.name}:{y}")
    g = rng.random() < 0.5  # thousands separators in the narrative, as some writers use them
    n = d.name
    total, cur, car = d.total, d.current, d.carried
    w.para(f"第三部分 {y}年度部门预算情况说明")

    w.para("一、部门预算收支数据变动情况及原因")
    inc, rate = _change(total, d.prior["total"])
    w.para(
        f"{y}年度{n}预算收入总计{fmt_text(total, g)}万元，其中：本年收入{fmt_text(cur, g)}万元，"
        f"上年结转{fmt_text(car, g)}万元，比上年{inc}，{rate}，主要原因是业务工作量变化；"
        f"本年部门预算支出总计{fmt_text(total, g)}万元，其中：本年预算安排{fmt_text(cur, g)}万元，"
        f"上年结转{fmt_text(car, g)}万元，比上年{inc}，{rate}，主要原因是业务工作量变化。"
    )

    w.para("二、收入预算情况说明")
    w.para(
        f"{y}年度{n}预算收入{fmt_text(total, g)}万元，主要包括一般公共预算拨款收入"
        f"{fmt_text(cur, g)}万元，占{pct(cur, total)}%；政府性基金预算拨款收入0万元，占0%；"
        f"国有资本经营预算拨款收入0万元，占0%；财政专户管理资金收入0万元，占0%；单位资金0万元，"
        f"占0%；上年结转{fmt_text(car, g)}万元，占{pct(car, total)}%。"
    )

    w.para("三、支出预算情况说明")
    proj = d.project_current + car
    w.para(
        f"{y}年度{n}支出预算{fmt_text(total)}万元，其中：基本支出{fmt_text(d.basic)}万元，"
        f"占{pct(d.basic, total)}%；项目支出{fmt_text(proj)}万元，占{pct(proj, total)}%。"
    )

    classes = [(name, sums) for _, name, level, sums in _class_rows(d) if level == 1]
    w.para("四、财政拨款收支预算总体情况说明")
    spend = "、".join(f"{name}{fmt_text(sum(s.values()), g)}万元" for name, s in classes)
    w.para(
        f"{y}年度{n}财政拨款收支总预算{fmt_text(total, g)}万元。其中：一般公共预算拨款"
        f"{fmt_text(total, g)}万元，政府性基金预算拨款0万元，国有资本经营预算拨款0万元。其中："
        f"当年拨款收入{fmt_text(cur, g)}万元，上年结转收入{fmt_text(car, g)}万元。"
        f"支出包括：{spend}等。"
    )

    w.para("五、一般公共预算支出情况说明")
    w.para("（一）一般公共预算当年支出规模变化情况")
    inc, rate = _change(cur, d.prior["current"])
    w.para(f"{y}年度{n}一般公共预算当年支出{fmt_text(cur, g)}万元,比上年{inc},{rate}。")
    w.para("（二）一般公共预算当年支出结构情况")
    current_by_class = [(name, s["basic"] + s["project"]) for name, s in classes]
    parts = ";".join(
        f"{name}{fmt_text(v, g)}万元,占{pct(v, cur)}%" for name, v in current_by_class if v
    )
    w.para(f"{y}年度{n}一般公共预算当年支出{fmt_text(cur, g)}万元,主要用于以下方面:{parts}等。")

    w.para("六、一般公共预算基本支出情况说明")
    w.para(f"{y}年度{n}一般公共预算安排基本支出{fmt_text(d.basic, g)}万元,其中:")
    pers_names = "、".join(dict.fromkeys(r.name for r in d.econ if r.group in PERSONNEL_GROUPS))
    pub_names = "、".join(dict.fromkeys(r.name for r in d.econ if r.group not in PERSONNEL_GROUPS))
    w.para(f"人员经费{fmt_text(d.personnel(), g)}万元,主要包括:{pers_names}等;")
    w.para(f"公用经费{fmt_text(d.public(), g)}万元,主要包括:{pub_names}等。")

    w.para("七、“三公”经费增减变动原因说明")
    tp = d.three_public
    tp_total = sum(tp.values())
    diff = tp_total - d.prior["three_public"]
    word = "增加" if diff >= 0 else "减少"
    w.para(
        f"{y}年{n}财政拨款安排的“三公”经费预算{fmt_text(tp_total)}万元比{y - 1}年{word}"
        f"{fmt_text(abs(diff))}万元,主要原因是"
        f"{'公务活动任务增加' if diff >= 0 else '严格控制一般性支出'}。"
    )
    w.para(
        f"其中:因公出国(境)费{fmt_text(tp.get('abroad', 0))}万元;公务接待费"
        f"{fmt_text(tp.get('reception', 0))}万元;公务用车运行维护费"
        f"{fmt_text(tp.get('vehicle_operation', 0))}万元;公务用车购置费"
        f"{fmt_text(tp.get('vehicle_purchase', 0))}万元。"
    )

    w.para("八、机关运行经费增减变动原因说明")
    admin = sum(a for _, a in d.admin)
    inc, rate = _change(admin, d.prior["admin"])
    w.para(
        f"本部门{y}年机关运行经费财政拨款预算{fmt_text(admin)}万元,比{y - 1}年预算{inc},{rate}。"
    )

    w.para("九、政府采购情况")
    goods, works, services = split(rng, max(_procurement_budget(d), 3), 3)
    w.para(
        f"{y}年{n}政府采购预算总额{fmt_text(goods + works + services)}万元。其中：政府采购货物预算"
        f"{fmt_text(goods)}万元、政府采购工程预算{fmt_text(works)}万元、政府采购服务预算"
        f"{fmt_text(services)}万元。"
    )

    current = d.projects_of(False)
    ops = [p for p in current if p.operating]
    targeted = [p for p in current if not p.operating]
    pc = d.project_current
    w.para("十、绩效管理情况")
    w.para("1、整体绩效目标")
    w.para(
        f"{y}年编报部门整体支出绩效目标，涉及部门预算资金{fmt_text(cur)}万元，其中基本支出"
        f"{fmt_text(d.basic)}万元，项目支出{fmt_text(pc)}万元；机关及下属预算单位{len(d.units)}个，"
        f"其中0个单位（包括机关）编报了单位整体绩效目标，涉及资金0万元。"
    )
    w.para("2、项目绩效目标")
    ops_f, tg_f = sum(p.amount for p in ops), sum(p.amount for p in targeted)
    w.para(
        f"{y}年{n}纳入绩效目标管理的二级项目{len(current)}个，共计金额{fmt_text(pc, g)}万元。"
        f"其中：其他运转类项目{len(ops)}个，涉及金额{fmt_text(ops_f, g)}万元；特定目标类项目"
        f"{len(targeted)}个，涉及金额{fmt_text(tg_f, g)}万元。公开项目绩效目标{len(current)}个，"
        f"涉及项目金额{fmt_text(pc, g)}万元，占部门（单位）项目支出总额的100%。"
    )
    w.para("（项目绩效目标表公开情况见附件）")
    _department_performance(w, y, rng)
    for p in current:
        _project_performance(w, y, p, rng)

    w.para("十一、国有资产占有使用情况")
    w.para("1、车辆情况：")
    v = d.vehicles
    w.para(
        f"截至{y - 1}年12月31日，{n}共有公务用车编制{v}辆，实有{v}辆，其中：领导用车0辆，"
        f"机要通信用车0辆，应急保障用车0辆，执法执勤用车0辆，特种专业技术用车0辆，"
        f"事业单位业务用车0辆，其他公务用车{v}辆。"
    )
    w.para("2、房屋情况：")
    w.para(f"截至{y - 1}年12月31日，{n}使用的办公用房建筑总面积{d.office_area}平方米。")
    w.para("3、其他国有资产占有使用情况：")
    w.para(
        f"截至{y - 1}年12月31日，{n}占有使用价值50万元（原值）以上的通用设备0台（套）；"
        f"{n}占有使用价值100万元（原值）以上的通用设备0台（套）。"
    )
    w.para("十二、其他说明")
    w.para("（一）政府购买服务指导性目录")
    w.para(f"本单位{y}年政府购买服务指导性目录（摘录，合成数据）如下。")
    w.add("代码\t一级目录\t二级目录\t三级目录\t四级目录", d.profile.topic)
    for code, level, name in CATALOGUE:
        cells = [""] * 4
        cells[level - 1] = name.format(topic=d.profile.topic)
        w.add("\t".join([code, *cells]))
    w.add("")
    w.para("（二）其他")
    w.para("本单位严格按照预算执行、绩效管理、信息公开等要求，切实提高预算公开及时性、准确性。")


def _procurement_budget(d: Department) -> int:
    """A procurement budget in proportion to the department's size (0.01 万元)."""
    return d.public() // 2 + d.project_current // 5


def _department_performance(w: _Writer, y: int, rng: random.Random) -> None:
    d = w.d
    pers, pub = d.personnel(), d.public()
    w.para("市级预算部门(单位)整体支出绩效目标申报表")
    w.para(f"({y})年度")
    s = d.staff
    w.add(
        f"部门基本信息\t部门名称\t{d.code}-{d.name}\t\t",
        f"\t内设职能部门数\t{s['internal']}个\t所属预算单位数\t{len(d.units) - 1}个",
        f"\t核定的人员编制数\t{s['authorised']}人\t实际在职人员总数"
        f"\t{s['on_establishment'] + s['other']}人",
        f"其中:在编人员数\t\t\t{s['on_establishment']}人\t",
        f"其他人员数\t\t\t{s['other']}人\t",
        f"部门职责\t<p>{'；'.join(f'负责全市{t}工作' for t in d.profile.duties)}。</p>\t\t\t",
        f"部门战略目标\t<p>围绕全市发展大局，推进{d.profile.topic}工作高质量发展。</p>\t\t\t",
        "年度预算情况\t资金来源划分\t资金总额(万元)\t按资金方向划分\t资金总额(万元)",
        f"\t合计\t{fmt(d.current)}\t合计\t{fmt(d.current)}",
        f"\t其中:一般公共预算资金\t{fmt(d.current)}\t其中:基本支出\t{fmt(d.basic) or '0.00'}",
        f"\t政府性基金预算资金\t0.00\t项目支出\t{fmt(d.project_current) or '0.00'}",
        "\t国有资本经营预算资金\t0.00\t\t",
        "\t社会保险基金预算资金\t0.00\t\t",
        "\t专户管理资金\t0.00\t\t",
        "单位资金\t0.00\t\t\t",
        "年度重点任务\t核心职能\t重点任务\t\t",
        f"\t重点任务\t<p>1.做好{d.profile.duties[0]}工作;2.强化{d.profile.duties[-1]}工作</p>\t\t",
        f"年度绩效目标\t<p>{y}年全面完成{d.profile.topic}各项工作任务。</p>\t\t\t",
        "\t一级指标\t二级指标\t三级指标\t指标值",
    )
    name, unit, (lo, hi) = rng.choice(COUNT_TARGETS)
    w.add(
        f"年度绩效指标\t产出指标\t数量指标\t{name}\t{rng.randint(lo, hi)}{unit}",
        f"\t\t质量指标\t{rng.choice(RATE_TARGETS)}\t≥{rng.randint(85, 100)}%",
        f"\t\t时效指标\t{rng.choice(TIME_TARGETS)}\t{y}年{rng.randint(6, 12)}月",
        f"\t\t成本指标\t人员经费支出成本\t{fmt_text(pers)}万元",
        f"\t\t\t公用经费支出成本\t{fmt_text(pub)}万元",
        f"\t\t\t项目支出成本\t{fmt_text(d.project_current)}万元",
        "\t效益指标\t社会效益指标\t提升公共服务水平\t提升",
        f"满意度指标\t服务对象满意度指标\t社会公众满意度\t≥{rng.randint(85, 95)}%",
        "",
    )


def _project_performance(w: _Writer, y: int, p: Project, rng: random.Random) -> None:
    d = w.d
    w.para("合成市市级预算部门（单位）项目支出绩效目标表")
    w.para(f"({y}年度)")
    total = yuan(p.amount)
    attribute = "经常性项目（长期开展）" if p.operating else "一次性项目（1年结束）"
    duration = "99年" if p.operating else "1年"
    # funds by source: mostly 市县 money, sometimes part from the province
    provincial = 0 if rng.random() < 0.8 or p.amount < 2 else rng.randint(1, p.amount - 1)
    municipal = p.amount - provincial
    w.add(
        f"项目名称\t\t{p.name}\t\t\t\t\t",
        f"主管部门及代码\t\t{d.code}-{d.name}\t\t实施单位\t\t{p.unit}\t",
        f"项目属性\t\t{attribute}\t\t项目期\t\t{duration}\t",
        f"项目资金 (元)\t实施期资金总额:\t{total}\t\t年度资金总额:\t{total}\t\t",
        "\t其中:中央财政资金\t0\t\t其中:中央财政资金\t0\t\t",
        f"\t省级财政资金\t{yuan(provincial)}\t\t省级财政资金\t{yuan(provincial)}\t\t",
        f"\t市县(区)财政资金\t{yuan(municipal)}\t\t市县(区)财政资金\t{yuan(municipal)}\t\t",
        "\t单位自筹\t0\t\t单位自筹\t0\t\t",
        "\t其他资金\t\t\t其他资金\t\t\t",
        f"项目概况\t\t{p.unit}实施{p.name}，{y}年预算{fmt_text(p.amount)}万元（合成数据）。\t",
        f"立项依据\t\t根据{d.name}职责和{y}年度工作计划。\t",
        f"项目设立必要性\t\t保障{d.profile.topic}工作顺利开展。\t",
        "保证项目实施的制度、措施\t\t严格执行财务管理制度和政府采购制度。\t",
        f"项目实施计划\t\t{y}年按计划分阶段实施，年底前完成。\t",
        "实施期目标\t\t\t\t年度目标\t\t\t",
    )
    goal = f"完成{p.name}各项任务，提升{d.profile.topic}工作成效。"
    w.add(
        f"总体目标\t\t{goal}\t\t\t\t{goal}\t",
        "绩效指标\t一级指标\t二级指标\t三级指标\t指标值\t二级指标\t三级指标\t指标值",
    )
    # The same indicators in both periods (实施期 = 年度 here): (一级, 二级, name, target).
    rows: list[tuple[str, str, str, str]] = []
    for k, (name, unit, (lo, hi)) in enumerate(rng.sample(COUNT_TARGETS, rng.randint(1, 3))):
        rows.append(
            ("产出指标" if k == 0 else "", "数量指标", name, f"{rng.randint(lo, hi)}{unit}")
        )
    for name in rng.sample(RATE_TARGETS, rng.randint(1, 2)):
        rows.append(("", "质量指标", name, f"≥{rng.randint(85, 100)}%"))
    rows.append(("", "时效指标", rng.choice(TIME_TARGETS), f"{y}年{rng.randint(3, 12)}月"))
    # 成本指标: one or two that add up to the project's budget exactly
    costs = split(rng, p.amount, 2) if p.amount >= 2 and rng.random() < 0.4 else [p.amount]
    labels = ("项目总成本",) if len(costs) == 1 else ("业务工作经费成本", "运行维护费用成本")
    for name, c in zip(labels, costs, strict=True):
        rows.append(("", "成本指标", name, f"≤{fmt_text(c)}万元"))
    level2, name, value = rng.choice(EFFECT_TARGETS)
    rows.append(("效益指标", level2, name, value))
    rows.append(
        (
            "满意度指标",
            "服务对象满意度指标",
            rng.choice(SATISFACTION_TARGETS),
            f"≥{rng.randint(85, 98)}%",
        )
    )
    last_l2 = None
    for l1, l2, name, value in rows:
        shown = l2 if l2 != last_l2 else ""
        last_l2 = l2
        w.add(f"\t{l1}\t{shown}\t{name}\t{value}\t{shown}\t{name}\t{value}")
    stamp = f"{y - 1}12{rng.randint(10, 28)}{rng.randint(100000, 235959)}"
    w.add(f"负责人:\t经办人:\t\t联系电话:\t\t填报日期:\t\t{stamp}", "")


def _part4(w: _Writer) -> None:
    w.para("第四部分 名词解释")
    for line in GLOSSARY:
        w.para(line)


# --- a city -----------------------------------------------------------------------------------


def department_name(k: int) -> str:
    """The k-th synthetic department: a name that says it is synthetic (合成市第0001局)."""
    return f"合成市第{k:04d}局"


LAYOUTS = ("jincheng-text", "shanghai-budget", "jiangsu-budget", "national-final")


def generate_city(
    n_departments: int,
    years: list[int] | tuple[int, ...],
    out_dir: str | Path,
    seed: int = 0,
    *,
    layout: str = "jincheng-text",
    workers: int = 1,
) -> list[Path]:
    """Write one document per department and year into ``out_dir``; returns the paths written.

    ``layout`` is one of :data:`LAYOUTS`: the Jincheng text (``synthetic-0001-2024.txt``) or a
    PDF layout (``synthetic-0001-2024.pdf``, :mod:`budgetlens_synthetic.pdf_layouts`; drawn in
    ``workers`` processes, since a PDF takes ~0.3 s). ``national-final`` writes each
    department-year's 决算 (``synthetic-0001-2024-final.pdf``,
    :mod:`budgetlens_synthetic.final_layout`): with a ``shanghai-budget`` city written to the
    same folder, budget and actual make pairs with known differences. Raises ValueError for
    another layout and :class:`~budgetlens_synthetic.pdf_writer.FontNotFound` when a PDF layout
    finds no CJK font.
    """
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}: expected one of {', '.join(LAYOUTS)}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    jobs = [
        (department_name(k), year, out / f"synthetic-{k:04d}-{year}")
        for k in range(1, n_departments + 1)
        for year in years
    ]
    if layout == "jincheng-text":
        paths = []
        for name, year, stem in jobs:
            path = stem.with_suffix(".txt")
            path.write_text(generate_document(seed, name, year), encoding="utf-8")
            paths.append(path)
        return paths
    suffix = "-final.pdf" if layout == "national-final" else ".pdf"
    args = [(seed, name, year, layout, Path(f"{stem}{suffix}")) for name, year, stem in jobs]
    if workers > 1 and len(args) > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(min(workers, len(args))) as pool:
            return list(pool.map(_write_pdf, args, chunksize=4))
    return [_write_pdf(a) for a in args]


def _write_pdf(job: tuple[int, str, int, str, Path]) -> Path:
    from budgetlens_synthetic.final_layout import generate_final_pdf
    from budgetlens_synthetic.pdf_layouts import generate_pdf

    seed, name, year, layout, path = job
    if layout == "national-final":
        path.write_bytes(generate_final_pdf(seed, name, year))
    else:
        path.write_bytes(generate_pdf(seed, name, year, layout))
    return path


def progress_bar(done: int, total: int, started: float, label: str = "docs") -> str:
    """A one-line textual progress bar: ``[####....] 512/1000 docs 3.1 s``."""
    width = 30
    filled = width * done // total if total else width
    bar = "#" * filled + "." * (width - filled)
    return f"\r[{bar}] {done}/{total} {label} {time.perf_counter() - started:.1f} s"


def ingest_city(
    paths: list[Path] | list[str],
    database: str | Path,
    *,
    progress: bool = True,
    batch_size: int = 200,
    workers: int | None = None,
) -> dict[str, float]:
    """Load many generated files into ``database`` through the one ingest path
    (:func:`budgetlens.pipeline.ingest`), streaming: ``batch_size`` files per transaction, parsed
    in ``workers`` processes (default: one per CPU), so memory stays bounded by one batch (holding
    1000 parsed documents at once takes ~1.5 GB). A bad file stops the run with the earlier
    batches loaded, which is why ``make synthetic`` builds into a temporary file and publishes it
    by rename only on success.

    Raises ValueError for the served database (the settings' database: $BUDGETLENS_DB, else
    data/budget.duckdb): synthetic data lives in a database of its own. Returns the number of
    documents, the workers used and timings in seconds.
    """
    served = settings.current().db
    if Path(database).resolve() == served.resolve():
        raise ValueError(f"refusing to load synthetic data into the served database {database}")
    started = time.perf_counter()
    done = 0

    def tick(_: pipeline.Loaded) -> None:
        nonlocal done
        done += 1
        if progress and (done % 10 == 0 or done == len(paths)):
            print(progress_bar(done, len(paths), started), end="", file=sys.stderr, flush=True)

    try:
        result = pipeline.ingest(
            paths,
            database,
            batch_size=batch_size,
            workers=workers or pipeline.default_workers(),
            on_loaded=tick,
        )
    finally:
        if progress:
            print(file=sys.stderr)
    return {
        "documents": len(result.documents),
        "workers": result.workers,
        "parse_s": result.parse_s,
        "load_s": result.load_s,
        "total_s": result.total_s,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m budgetlens_synthetic",
        description="Generate a synthetic city of budget disclosures (clearly labelled synthetic; "
        "for benchmarks and tests, never for the served database).",
    )
    parser.add_argument("--departments", type=int, required=True, help="number of departments")
    parser.add_argument("--years", type=int, nargs="+", required=True, help="budget years")
    parser.add_argument("--out", required=True, help="output folder")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument(
        "--layout",
        choices=LAYOUTS,
        default="jincheng-text",
        help="the layout of the documents: the Jincheng text (.txt, the default) or a PDF "
        "layout of budgetlens/layouts/ (.pdf; national-final: the 决算 of the same "
        "departments' budgets, -final.pdf)",
    )
    parser.add_argument(
        "--db",
        help="also ingest the city into this database (a separate one, e.g. "
        "data/synthetic.duckdb; never the served data/budget.duckdb)",
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        paths = generate_city(
            args.departments,
            args.years,
            args.out,
            seed=args.seed,
            layout=args.layout,
            workers=pipeline.default_workers(),
        )
    except RuntimeError as exc:  # no CJK font for a PDF layout
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(
        f"wrote {len(paths)} synthetic document(s) ({args.layout}) to {args.out} "
        f"in {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )
    if args.db:
        try:
            t = ingest_city(paths, args.db)
        except ValueError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        print(
            f"ingested {t['documents']} document(s) into {args.db} in {t['total_s']:.1f} s "
            f"(parse {t['parse_s']:.1f} s in {t['workers']} process(es), "
            f"load {t['load_s']:.1f} s)",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
