"""Synthetic disclosures as PDFs in the declared PDF layouts (``budgetlens/layouts/*.toml``).

:func:`generate_pdf` writes the department :func:`~budgetlens_synthetic.generator.build_department`
models — the same one the text layout writes — as a PDF in

- ``shanghai-budget``: the nine tables of a 上海市 district 部门预算 (as
  ``tests/fixtures/corpus/sh-putuo-swj-2025-budget-dept`` prints them): tables 1–8 in 元 with the
  功能分类 code in three columns 类/款/项 under a three-row header, the 经济分类 code in 类/款, the
  “三公” table in 万元 with its items as columns and 机关运行经费 beside them, empty fund tables
  with their 本表为空表 note; a cover with ``…年区级部门预算`` and ``预算主管部门：…``;
- ``jiangsu-budget``: the twelve 公开表 of a 江苏省 部门预算 (as
  ``tests/fixtures/corpus/js-rdbgt-2019``'s tables file prints them), all in 万元 with merged
  codes (2010301, 30101): the 收支预算总表 with its 收入 | 功能分类 | 支出用途 column groups, the
  “三公” table with 会议费 and 培训费 beside a grand 合计, the 机关运行经费 and 政府采购 tables;
  one file holding a cover and the tables (the real ones sometimes come as two files).

Every figure is computed from the model's integer amounts (0.01 万元), so the document is
consistent by construction and the reconciliation finds no mismatch. What a layout cannot show of
the model is folded, never dropped: Shanghai's tables have no 上年结转 column, so its 上年结转
projects are printed as 一般公共预算 项目支出 (its 收入总计 is the model's total either way);
Jiangsu shows 上年结转 as its own 收入 row. Every page carries the synthetic marker
(:data:`budgetlens.mappings.SYNTHETIC_MARKER`) as its footer, and the cover starts with it, so
ingest stores ``document.synthetic = true``.
"""

from __future__ import annotations

import random
from functools import cache
from pathlib import Path

from budgetlens import mappings as m
from budgetlens_synthetic import generator as g
from budgetlens_synthetic.pdf_writer import Cell, Document

PDF_LAYOUTS = ("shanghai-budget", "jiangsu-budget")

# 部门预算支出经济分类 codes (national standard) of the generator's 经济科目 items and groups
ECON_GROUP_CODES = {g.WAGES: "301", g.GOODS: "302", g.TRANSFERS: "303"}
ECON_CODES = {
    "基本工资": "30101",
    "津贴补贴": "30102",
    "奖金": "30103",
    "绩效工资": "30107",
    "机关事业单位基本养老保险缴费": "30108",
    "职业年金缴费": "30109",
    "职工基本医疗保险缴费": "30110",
    "公务员医疗补助缴费": "30111",
    "其他社会保障缴费": "30112",
    "住房公积金": "30113",
    "其他工资福利支出": "30199",
    "办公费": "30201",
    "印刷费": "30202",
    "水费": "30205",
    "电费": "30206",
    "邮电费": "30207",
    "差旅费": "30211",
    "维修(护)费": "30213",
    "培训费": "30216",
    "工会经费": "30228",
    "福利费": "30229",
    "其他交通费用": "30239",
    "其他商品和服务支出": "30299",
    "退休费": "30302",
    "生活补助": "30305",
    "奖励金": "30309",
}
# the 类 a Jiangsu 收支预算总表 lists, whether or not the department spends in them
JIANGSU_CLASSES = (
    "201",
    "202",
    "203",
    "204",
    "205",
    "206",
    "207",
    "208",
    "210",
    "211",
    "212",
    "213",
    "214",
    "215",
    "216",
    "217",
    "220",
    "221",
    "222",
    "224",
    "229",
)


def generate_pdf(seed: int, department: str, year: int, layout: str) -> bytes:
    """A complete synthetic disclosure of ``department`` for ``year`` as a PDF in ``layout``
    (one of :data:`PDF_LAYOUTS`). Deterministic in its figures for (seed, department, year).

    Raises ValueError for another layout, and :class:`~budgetlens_synthetic.pdf_writer.
    FontNotFound` when the machine has no CJK font to draw with.
    """
    if layout not in PDF_LAYOUTS:
        raise ValueError(f"unknown PDF layout {layout!r}: expected one of {', '.join(PDF_LAYOUTS)}")
    d = g.build_department(seed, department, year)
    doc = _shanghai(d) if layout == "shanghai-budget" else _jiangsu(d, seed)
    return doc.render()


# --- amounts ----------------------------------------------------------------------------------


def wan(units: int, zero: str = "") -> str:
    """0.01 万元 units as a 万元 cell with separators: ``18,330.37``; zero is ``zero``."""
    if units == 0:
        return zero
    sign = "-" if units < 0 else ""
    units = abs(units)
    return f"{sign}{units // 100:,}.{units % 100:02d}"


def yuan(units: int, zero: str = "") -> str:
    """0.01 万元 units as a 元 cell with separators: ``371,514,655.00``; zero is ``zero``."""
    if units == 0:
        return zero
    return f"{units * 100:,}.00"


def class_sums(d: g.Department) -> dict[str, dict[str, int]]:
    """{类 code: {basic, project, carried}} of the department (0.01 万元)."""
    return {code: s for code, _, level, s in g._class_rows(d) if level == 1}


def economic_rows(d: g.Department) -> list[tuple[str, str, int, bool]]:
    """(code, name, amount, personnel) of the 经济科目 groups and items, in code order; an item
    booked under several 政府预算 names in the text layout is one row here."""
    items: dict[str, int] = {}
    group_of: dict[str, str] = {}
    for r in d.econ:
        items[r.name] = items.get(r.name, 0) + r.amount
        group_of[r.name] = r.group
    out = []
    for group, gcode in sorted(ECON_GROUP_CODES.items(), key=lambda kv: kv[1]):
        names = sorted((n for n in items if group_of[n] == group), key=ECON_CODES.__getitem__)
        if not names:
            continue
        personnel = group in g.PERSONNEL_GROUPS
        out.append((gcode, group, sum(items[n] for n in names), personnel))
        out.extend((ECON_CODES[n], n, items[n], personnel) for n in names)
    return out


@cache
def _base_chars() -> frozenset[str]:
    """Every character the generator's and this module's text can hold (their source files'),
    so that documents share one converted font (:class:`~budgetlens_synthetic.pdf_writer.
    Document`); a department name with other characters adds them for its own document."""
    text = Path(g.__file__).read_text(encoding="utf-8") + Path(__file__).read_text(encoding="utf-8")
    return frozenset(text + m.SYNTHETIC_MARKER)


def _government(name: str) -> str:
    """The government a synthetic department belongs to (合成市第0001局 → 合成市)."""
    for k, ch in enumerate(name):
        if ch in "省市区县":
            return name[: k + 1]
    return "合成市"


# --- Shanghai ---------------------------------------------------------------------------------


def _sh_page(doc: Document, d: g.Department, title: str, unit: str = "元") -> None:
    doc.new_page()
    doc.gap(6)
    doc.line(title, size=15, align="C")
    doc.gap(3)
    doc.line(f"编制部门：{d.name}", size=9, right=f"单位：{unit}")
    doc.gap(1)


def _sh_function_header(group: str, columns: list[str]) -> list[Cell]:
    head = [
        Cell(0, 0, "项目", cols=4),
        Cell(0, 4, group, cols=len(columns)),
        Cell(1, 0, "功能分类科目编码", cols=3),
        Cell(1, 3, "功能分类科目名称", rows=2),
        Cell(2, 0, "类"),
        Cell(2, 1, "款"),
        Cell(2, 2, "项"),
    ]
    head += [Cell(1, 4 + k, c, rows=2) for k, c in enumerate(columns)]
    return head


def _split_code(code: str) -> list[str]:
    return [code[:3], code[3:5], code[5:7]]


def _shanghai(d: g.Department) -> Document:
    y, n = d.year, d.name
    doc = Document(footer=m.SYNTHETIC_MARKER, base_chars=_base_chars())
    total, basic = d.total, d.basic
    project = d.project_current + d.carried  # 上年结转 folded into 项目支出 (module docstring)
    rows = g._class_rows(d)
    classes = [(code, name, s) for code, name, level, s in rows if level == 1]

    doc.new_page()
    doc.line(m.SYNTHETIC_MARKER, size=9, align="C")
    doc.gap(45)
    doc.line(f"{_government(n)}{y}年区级部门预算", size=24, align="C")
    doc.gap(12)
    doc.line(f"预算主管部门：{n}", size=14, align="C")
    doc.gap(20)
    doc.line(f"本文件为合成数据：{n}并不存在，其中数字由程序生成，仅用于基准测试。", align="C")

    # 1. 财务收支预算总表
    _sh_page(doc, d, f"{y}年部门财务收支预算总表")
    income = [
        ("一、财政拨款收入", total),
        ("1. 一般公共预算资金", total),
        ("2. 政府性基金", 0),
        ("3. 国有资本经营预算", 0),
        ("二、事业收入", 0),
        ("三、事业单位经营收入", 0),
        ("四、其他收入", 0),
    ]
    spend = [
        (f"{g.ORDINALS[k]}、{name}", sum(s.values())) for k, (_, name, s) in enumerate(classes)
    ]
    body = []
    for k in range(max(len(income), len(spend)) + 2):
        left = income[k] if k < len(income) else ("", 0)
        right = spend[k] if k < len(spend) else ("", 0)
        body.append([left[0], yuan(left[1]), right[0], yuan(right[1])])
    body.append(["收入总计", yuan(total, "0.00"), "支出总计", yuan(total, "0.00")])
    doc.table(
        [75, 50, 85, 50],
        [
            Cell(0, 0, "本年收入", cols=2),
            Cell(0, 2, "本年支出", cols=2),
            Cell(1, 0, "项目"),
            Cell(1, 1, "预算数"),
            Cell(1, 2, "项目"),
            Cell(1, 3, "预算数"),
        ],
        body,
        header_rows=2,
    )

    # 2. 收入预算总表 (all 财政拨款: the model has no 事业收入 etc.)
    _sh_page(doc, d, f"{y}年部门收入预算总表")
    body = []
    for code, name, _, s in rows:
        v = yuan(sum(s.values()))
        body.append([*_split_code(code), name, v, v, "", "", ""])
    body.append([("合计", 4), yuan(total), yuan(total), "", "", ""])
    doc.table(
        [13, 13, 13, 64, 36, 36, 28, 28, 28],
        _sh_function_header(
            "收入预算", ["合计", "财政拨款收入", "事业收入", "事业单位\n经营收入", "其他收入"]
        ),
        body,
        header_rows=3,
    )

    # 3. 支出预算总表 and 5. 一般公共预算支出功能分类预算表 (the same money here)
    def function_body() -> list:
        out = []
        for code, name, _, s in rows:
            p = s["project"] + s["carried"]
            out.append([*_split_code(code), name, yuan(s["basic"] + p), yuan(s["basic"]), yuan(p)])
        out.append([("合计", 4), yuan(total), yuan(basic), yuan(project)])
        return out

    _sh_page(doc, d, f"{y}年部门支出预算总表")
    doc.table(
        [13, 13, 13, 80, 45, 45, 45],
        _sh_function_header("支出预算", ["合计", "基本支出", "项目支出"]),
        function_body(),
        header_rows=3,
    )

    # 4. 财政拨款收支预算总表
    _sh_page(doc, d, f"{y}年部门财政拨款收支预算总表")
    income = [("一、一般公共预算资金", total), ("二、政府性基金", 0), ("三、国有资本经营预算", 0)]
    body = []
    for k in range(max(len(income), len(spend)) + 2):
        left = income[k] if k < len(income) else ("", 0)
        right = spend[k] if k < len(spend) else ("", 0)
        body.append([left[0], yuan(left[1]), right[0], yuan(right[1]), yuan(right[1]), "", ""])
    body.append(
        ["收入总计", yuan(total, "0.00"), "支出总计", yuan(total, "0.00"), yuan(total), "", ""]
    )
    doc.table(
        [50, 38, 70, 38, 38, 34, 34],
        [
            Cell(0, 0, "财政拨款收入", cols=2),
            Cell(0, 2, "财政拨款支出", cols=5),
            Cell(1, 0, "项目"),
            Cell(1, 1, "预算数"),
            Cell(1, 2, "项目"),
            Cell(1, 3, "合计"),
            Cell(1, 4, "一般公共预算"),
            Cell(1, 5, "政府性基金预算"),
            Cell(1, 6, "国有资本经营预算"),
        ],
        body,
        header_rows=2,
    )

    # 5. 一般公共预算支出功能分类预算表 (its header repeated on a continued page)
    _sh_page(doc, d, f"{y}年部门一般公共预算支出功能分类预算表")
    doc.table(
        [13, 13, 13, 80, 45, 45, 45],
        _sh_function_header("一般公共预算支出", ["合计", "基本支出", "项目支出"]),
        function_body(),
        header_rows=3,
        repeat_header=True,
    )

    # 6. and 7.: the funds the model does not have
    for fund in ("政府性基金", "国有资本经营"):
        _sh_page(doc, d, f"{y}年部门{fund}预算支出功能分类预算表")
        doc.table(
            [13, 13, 13, 80, 45, 45, 45],
            _sh_function_header(f"{fund}预算支出", ["合计", "基本支出", "项目支出"]),
            [[("合计", 4), "", "", ""]],
            header_rows=3,
        )
        doc.gap(2)
        doc.line(f"注：本部门{y}年无{fund}预算财政拨款安排的预算，故本表为空表。", size=9)

    # 8. 一般公共预算基本支出部门预算经济分类预算表
    _sh_page(doc, d, f"{y}年部门一般公共预算基本支出部门预算经济分类预算表")
    body = []
    for code, name, amount, personnel in economic_rows(d):
        a = yuan(amount)
        body.append([code[:3], code[3:], name, a, a if personnel else "", "" if personnel else a])
    pers, pub = d.personnel(), d.public()
    body.append([("合计", 3), yuan(pers + pub), yuan(pers), yuan(pub)])
    doc.table(
        [15, 15, 85, 45, 45, 45],
        [
            Cell(0, 0, "项目", cols=3),
            Cell(0, 3, "一般公共预算基本支出", cols=3),
            Cell(1, 0, "部门预算经济分类\n科目编码", cols=2),
            Cell(1, 2, "经济分类科目名称", rows=2),
            Cell(1, 3, "合计", rows=2),
            Cell(1, 4, "人员经费", rows=2),
            Cell(1, 5, "公用经费", rows=2),
            Cell(2, 0, "类"),
            Cell(2, 1, "款"),
        ],
        body,
        header_rows=3,
    )

    # 9. “三公”经费和机关运行经费预算表 (万元)
    _sh_page(doc, d, f"{y}年部门“三公”经费和机关运行经费预算表", unit="万元")
    tp = d.three_public
    purchase, operation = tp.get("vehicle_purchase", 0), tp.get("vehicle_operation", 0)
    admin = sum(a for _, a in d.admin)
    doc.table(
        [32, 32, 32, 32, 32, 32, 40],
        [
            Cell(0, 0, "“三公”经费预算数", cols=6),
            Cell(0, 6, "机关运行经费预算数", rows=3),
            Cell(1, 0, "合计", rows=2),
            Cell(1, 1, "因公出国(境)费", rows=2),
            Cell(1, 2, "公务接待费", rows=2),
            Cell(1, 3, "公务用车购置及运行费", cols=3),
            Cell(2, 3, "小计"),
            Cell(2, 4, "购置费"),
            Cell(2, 5, "运行费"),
        ],
        [
            [
                wan(sum(tp.values()), "0.00"),
                wan(tp.get("abroad", 0)),
                wan(tp.get("reception", 0)),
                wan(purchase + operation),
                wan(purchase),
                wan(operation),
                wan(admin, "0.00"),
            ]
        ],
        header_rows=3,
        header_height=8,
        row_height=12,
    )
    return doc


# --- Jiangsu ----------------------------------------------------------------------------------


def _js_page(doc: Document, d: g.Department, title: str, number: int) -> None:
    doc.new_page()
    doc.gap(4)
    doc.line(title, size=15, align="C")
    doc.line(f"公开表{g.ORDINALS[number - 1]}", size=9)
    doc.line(f"部门：{d.name}", size=9, right="单位：万元")
    doc.gap(1)


def _js_function(doc: Document, d: g.Department, *, current_only: bool) -> None:
    body = []
    for code, name, _, s in g._class_rows(d):
        v = s["basic"] + s["project"] + (0 if current_only else s["carried"])
        if v:
            body.append([code, name, wan(v)])
    total = d.current if current_only else d.total
    doc.table(
        [45, 110, 55],
        [Cell(0, 0, "功能科目编码"), Cell(0, 1, "功能科目名称"), Cell(0, 2, "金额")],
        [[("合计", 2), wan(total, "0.00")], *body],
        header_rows=1,
    )


def _js_economic(doc: Document, d: g.Department) -> None:
    body = [[code, name, wan(a)] for code, name, a, _ in economic_rows(d)]
    doc.table(
        [45, 110, 55],
        [Cell(0, 0, "科目编码"), Cell(0, 1, "科目名称"), Cell(0, 2, "金额")],
        [[("合计", 2), wan(d.basic, "0.00")], *body],
        header_rows=1,
    )


def _jiangsu(d: g.Department, seed: int) -> Document:
    y, n = d.year, d.name
    doc = Document(footer=m.SYNTHETIC_MARKER, base_chars=_base_chars())
    total, current, carried, basic = d.total, d.current, d.carried, d.basic
    project = d.project_current + carried
    sums = class_sums(d)

    doc.new_page()
    doc.line(m.SYNTHETIC_MARKER, size=9, align="C")
    doc.gap(45)
    doc.line(n, size=22, align="C")
    doc.gap(8)
    doc.line(f"{y}年度部门预算公开", size=22, align="C")
    doc.gap(20)
    doc.line(f"本文件为合成数据：{n}并不存在，其中数字由程序生成，仅用于基准测试。", align="C")

    # 公开表一 收支预算总表: 收入 | 支出 (功能分类, 支出用途)
    _js_page(doc, d, "收支预算总表", 1)
    income = [
        ("一、财政拨款", current),
        ("1.一般公共预算", current),
        ("2.政府性基金预算", 0),
        ("二、财政专户管理资金", 0),
        ("三、其他资金", 0),
    ]
    uses = [("一、基本支出", basic), ("二、项目支出", project)]
    body = []
    for k, code in enumerate(JIANGSU_CLASSES):
        left = income[k] if k < len(income) else ("", 0)
        right = uses[k] if k < len(uses) else ("", 0)
        v = sum(sums[code].values()) if code in sums else 0
        label = f"{g.ORDINALS[k]}、{g.CLASS_NAMES[code]}"
        body.append([left[0], wan(left[1]), label, wan(v), right[0], wan(right[1])])
    body += [
        ["当年收入小计", wan(current, "0.00"), ("当年支出小计", 3), wan(total, "0.00")],
        ["上年结转资金", wan(carried), ("结转下年资金", 3), ""],
        ["收入合计", wan(total, "0.00"), ("支出合计", 3), wan(total, "0.00")],
    ]
    doc.table(
        [55, 32, 70, 32, 45, 32],
        [
            Cell(0, 0, "收入", cols=2),
            Cell(0, 2, "支出", cols=4),
            Cell(1, 0, "项目名称", rows=2),
            Cell(1, 1, "金额", rows=2),
            Cell(1, 2, "功能分类", cols=2),
            Cell(1, 4, "支出用途", cols=2),
            Cell(2, 2, "功能科目名称"),
            Cell(2, 3, "金额"),
            Cell(2, 4, "项目名称"),
            Cell(2, 5, "金额"),
        ],
        body,
        header_rows=3,
        header_height=5.5,
        row_height=5.2,
        size=7.5,
    )

    # 公开表二 收入预算总表: a vertical list
    _js_page(doc, d, "收入预算总表", 2)
    groups = [
        ("一般公共预算资金", current, ["公共财政拨款(补助)资金", "专项收入"]),
        ("政府性基金", 0, []),
        ("财政专户管理资金", 0, ["专户管理教育收费", "其他非税收入"]),
        ("其他资金", 0, ["事业收入", "经营收入", "其他收入"]),
        ("上年结转和结余资金", carried, ["其中：动用上年结转和结余资金"]),
    ]
    body = [[("收入总计", 2), wan(total, "0.00")]]
    for label, v, parts in groups:
        body.append([label, "小计", wan(v)])
        for k, part in enumerate(parts):
            body.append(["", part, wan(v) if k == 0 else ""])
    doc.table(
        [70, 90, 50], [Cell(0, 0, "项目名称", cols=2), Cell(0, 2, "金额")], body, header_rows=1
    )

    # 公开表三 支出预算总表: one row
    _js_page(doc, d, "支出预算总表", 3)
    doc.table(
        [45, 45, 45, 45, 45],
        [
            Cell(0, 0, "合计"),
            Cell(0, 1, "基本支出"),
            Cell(0, 2, "项目支出"),
            Cell(0, 3, "单位预留机动经费"),
            Cell(0, 4, "结转下年资金"),
        ],
        [[wan(total, "0.00"), wan(basic), wan(project), "", ""]],
        header_rows=1,
    )

    # 公开表四 财政拨款收支预算总表
    _js_page(doc, d, "财政拨款收支预算总表", 4)
    doc.table(
        [70, 45, 70, 45],
        [
            Cell(0, 0, "收入", cols=2),
            Cell(0, 2, "支出", cols=2),
            Cell(1, 0, "项目名称", rows=2),
            Cell(1, 1, "金额", rows=2),
            Cell(1, 2, "支出用途", cols=2),
            Cell(2, 2, "项目名称"),
            Cell(2, 3, "金额"),
        ],
        [
            ["一、一般公共预算", wan(current), "一、基本支出", wan(basic)],
            ["二、政府性基金预算", "", "二、项目支出", wan(project)],
            ["三、上年结转资金", wan(carried), "", ""],
            ["收入合计", wan(total, "0.00"), "支出合计", wan(total, "0.00")],
        ],
        header_rows=3,
    )

    # 公开表五 … 八: by 功能科目 and by 经济科目
    _js_page(doc, d, "财政拨款支出预算表（功能科目）", 5)
    _js_function(doc, d, current_only=False)
    _js_page(doc, d, "财政拨款基本支出预算表（经济科目）", 6)
    _js_economic(doc, d)
    _js_page(doc, d, "一般公共预算支出预算表（功能科目）", 7)
    _js_function(doc, d, current_only=True)
    _js_page(doc, d, "一般公共预算基本支出预算表（经济科目）", 8)
    _js_economic(doc, d)

    # 公开表九 “三公”经费、会议费、培训费
    _js_page(doc, d, "“三公”经费、会议费、培训费支出预算表", 9)
    tp = d.three_public
    three = sum(tp.values())
    purchase, operation = tp.get("vehicle_purchase", 0), tp.get("vehicle_operation", 0)
    doc.table(
        [30] * 9,
        [
            Cell(0, 0, "合计", rows=3),
            Cell(0, 1, "“三公”经费", cols=6),
            Cell(0, 7, "会议费", rows=3),
            Cell(0, 8, "培训费", rows=3),
            Cell(1, 1, "小计", rows=2),
            Cell(1, 2, "因公出国（境）费", rows=2),
            Cell(1, 3, "公务用车购置及运行维护费", cols=3),
            Cell(1, 6, "公务接待费", rows=2),
            Cell(2, 3, "小计"),
            Cell(2, 4, "公务用车购置费"),
            Cell(2, 5, "公务用车运行维护费"),
        ],
        [
            [
                wan(three + d.meeting + d.training, "0.00"),
                wan(three, "0.00"),
                wan(tp.get("abroad", 0)),
                wan(purchase + operation),
                wan(purchase),
                wan(operation),
                wan(tp.get("reception", 0)),
                wan(d.meeting),
                wan(d.training),
            ]
        ],
        header_rows=3,
        header_height=7,
        row_height=9,
    )

    # 公开表十 政府性基金 (none), 十一 机关运行经费, 十二 政府采购
    _js_page(doc, d, "财政拨款政府性基金支出预算表", 10)
    doc.table(
        [45, 110, 55],
        [Cell(0, 0, "功能科目编码"), Cell(0, 1, "功能科目名称"), Cell(0, 2, "金额")],
        [[("合计", 2), ""]],
        header_rows=1,
    )
    doc.gap(2)
    doc.line("注：本表无数据", size=9)

    _js_page(doc, d, "一般公共预算机关运行经费支出预算表", 11)
    admin = sum(a for _, a in d.admin)
    doc.table(
        [45, 110, 55],
        [Cell(0, 0, "科目编码"), Cell(0, 1, "科目名称"), Cell(0, 2, "机关运行经费支出")],
        [[("合计", 2), wan(admin, "0.00")], ["302", g.GOODS, wan(admin)]],
        header_rows=1,
    )

    _js_page(doc, d, f"{y}年政府采购预算表", 12)
    rng = random.Random(f"budgetlens-synthetic-pdf:{seed}:{n}:{y}")
    goods, works, services = g.split(rng, max(g._procurement_budget(d), 3), 3)
    doc.table(
        [40, 60, 45, 50, 40, 35],
        [
            Cell(0, 0, "采购品目大类"),
            Cell(0, 1, "专项名称"),
            Cell(0, 2, "经济科目"),
            Cell(0, 3, "采购物品名称"),
            Cell(0, 4, "采购组织形式"),
            Cell(0, 5, "总计"),
        ],
        [
            ["合计", "", "", "", "", wan(goods + works + services, "0.00")],
            ["一、货物A", "办公设备购置费", "办公设备购置", "计算机", "分散采购", wan(goods)],
            ["二、工程B", "办公楼维修改造", "维修(护)费", "房屋修缮", "分散采购", wan(works)],
            ["三、服务C", "信息化运维", "委托业务费", "运维服务", "分散采购", wan(services)],
        ],
        header_rows=1,
    )
    return doc
