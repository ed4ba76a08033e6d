"""A synthetic 部门决算 (final accounts) for a generated budget, with known differences.

:func:`generate_final_pdf` writes the 决算 of the department that
:func:`~budgetlens_synthetic.generator.build_department` models, in the ``national-final``
layout (``budgetlens/layouts/national-final.toml``, as 上海市 districts print it, in 万元): the
收入支出决算总表, the 收入决算表, the 支出决算表 (基本 | 项目 by 类/款/项, merged codes), the
财政拨款“三公”经费支出决算表 (预算数 | 决算数 under each item), and the 政府性基金 and 国有资本
经营 tables, empty with their 说明. Its cover starts with the synthetic marker, and every page
carries it, so ingest stores ``document.synthetic = true``.

A narrative lists each 项 with its budget, what was spent and a reason (:func:`reason`) as the
national template words it. What was spent is the budget less a known share per 功能分类 项
(:func:`actuals`): the same
figures the tests compute the expected differences from, never read back from the PDF. The
budget it is compared with is the one :mod:`.pdf_layouts` writes for the same (seed, department,
year): there 上年结转 is printed as 项目支出, so here the 项目 budget is ``project + carried``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from budgetlens import mappings as m
from budgetlens_synthetic import generator as g
from budgetlens_synthetic.pdf_layouts import _base_chars, wan
from budgetlens_synthetic.pdf_writer import Cell, Document

# the shares of a 项's budget left unspent (percent), drawn per 项: some fully executed, some not
UNSPENT_PERCENT = (0, 0, 3, 8, 15)
# the share of each 三公 item's budget left unspent
THREE_PUBLIC_UNSPENT = 20
THREE_PUBLIC_ITEMS = (
    ("abroad", "因公出国（境）费"),
    ("vehicle_purchase", "公务用车购置费"),
    ("vehicle_operation", "公务用车运行维护费"),
    ("reception", "公务接待费"),
)


@dataclass(frozen=True)
class Spent:
    """What one 功能分类 项 spent (0.01 万元), beside its budget."""

    code: str
    budget_basic: int
    budget_project: int  # project + 上年结转, as the Shanghai budget prints it
    basic: int
    project: int


# the reason the narrative gives for a 项 spent below its budget, by its code (reason())
REASONS = ("人员变动，按实际支出", "项目按进度支付，部分结转下年", "厉行节约，压减一般性支出")


def reason(code: str) -> str:
    """The stated reason for ``code``'s difference (synthetic, deterministic)."""
    return REASONS[int(code) % len(REASONS)]


def _less(units: int, percent: int) -> int:
    return units - units * percent // 100


def actuals(seed: int, department: str, year: int) -> dict[str, Spent]:
    """Per 功能分类 项 code, the budget and what was spent (0.01 万元). Deterministic for
    (seed, department, year), like the budget itself."""
    d = g.build_department(seed, department, year)
    rng = random.Random(f"final-{seed}-{department}-{year}")
    out = {}
    for code in sorted(d.subjects):
        s = d.subjects[code]
        basic_pct, project_pct = rng.choice(UNSPENT_PERCENT), rng.choice(UNSPENT_PERCENT)
        budget_project = s.project + s.carried
        out[code] = Spent(
            code,
            s.basic,
            budget_project,
            _less(s.basic, basic_pct),
            _less(budget_project, project_pct),
        )
    return out


def three_public_actuals(seed: int, department: str, year: int) -> dict[str, tuple[int, int]]:
    """Per 三公 item key of the model (abroad, vehicle_purchase, …): (budget, spent)."""
    d = g.build_department(seed, department, year)
    return {
        key: (d.three_public.get(key, 0), _less(d.three_public.get(key, 0), THREE_PUBLIC_UNSPENT))
        for key, _ in THREE_PUBLIC_ITEMS
    }


def _rows(seed: int, department: str, year: int) -> list[tuple[str, str, int, int, int]]:
    """(code, name, level, basic, project) spent, for every 类, 款 and 项 with a budget."""
    spent = actuals(seed, department, year)
    d = g.build_department(seed, department, year)
    out = []
    for code, name, level, _ in g._class_rows(d):
        mine = [s for c, s in spent.items() if c.startswith(code)]
        out.append((code, name, level, sum(s.basic for s in mine), sum(s.project for s in mine)))
    return out


def _page(doc: Document, d: g.Department, title: str) -> None:
    doc.new_page()
    doc.gap(6)
    doc.line(title, size=15, align="C")
    doc.gap(3)
    doc.line(f"编制单位：{d.name}", size=9, right="单位：万元")
    doc.gap(1)


def _function_header(columns: list[str]) -> list[Cell]:
    return [
        Cell(0, 0, "项目", cols=2),
        Cell(1, 0, "功能分类科目编码"),
        Cell(1, 1, "科目名称"),
        *(Cell(0, 2 + k, c, rows=2) for k, c in enumerate(columns)),
    ]


def generate_final_pdf(seed: int, department: str, year: int) -> bytes:
    """The synthetic 决算 of ``department`` for ``year`` as a PDF (see the module docstring).

    Raises :class:`~budgetlens_synthetic.pdf_writer.FontNotFound` when the machine has no CJK
    font to draw with.
    """
    d = g.build_department(seed, department, year)
    rows = _rows(seed, department, year)
    classes = [(code, name, b + p) for code, name, level, b, p in rows if level == 1]
    basic = sum(b for _, _, level, b, _ in rows if level == 1)
    project = sum(p for _, _, level, _, p in rows if level == 1)
    total = basic + project
    n, y = d.name, year
    doc = Document(footer=m.SYNTHETIC_MARKER, base_chars=_base_chars())

    doc.new_page()
    doc.line(m.SYNTHETIC_MARKER, size=9, align="C")
    doc.gap(45)
    doc.line(f"{n}{y}年度部门决算", size=24, align="C")
    doc.gap(20)
    doc.line(f"本文件为合成数据：{n}并不存在，其中数字由程序生成，仅用于测试。", align="C")

    # 1. 收入支出决算总表 (the year's own money only: nothing carried in or out)
    _page(doc, d, "收入支出决算总表")
    income = [("一、一般公共预算财政拨款收入", total), ("二、政府性基金预算财政拨款收入", 0)]
    spend = [(f"{g.ORDINALS[k]}、{name}", v) for k, (_, name, v) in enumerate(classes)]
    body = []
    for k in range(max(len(income), len(spend))):
        left = income[k] if k < len(income) else ("", 0)
        right = spend[k] if k < len(spend) else ("", 0)
        body.append([left[0], wan(left[1]), right[0], wan(right[1])])
    body.append(["本年收入合计", wan(total, "0.00"), "本年支出合计", wan(total, "0.00")])
    body.append(["年初结转和结余", "", "年末结转和结余", ""])
    body.append(["总计", wan(total, "0.00"), "总计", wan(total, "0.00")])
    doc.table(
        [80, 45, 80, 45],
        [
            Cell(0, 0, "收入", cols=2),
            Cell(0, 2, "支出", cols=2),
            Cell(1, 0, "项目"),
            Cell(1, 1, "决算数"),
            Cell(1, 2, "项目"),
            Cell(1, 3, "决算数"),
        ],
        body,
        header_rows=2,
    )

    # 2. 收入决算表 (all 财政拨款)
    _page(doc, d, "收入决算表")
    body = [[("合计", 2), wan(total, "0.00"), wan(total, "0.00")]]
    body += [[code, name, wan(b + p), wan(b + p)] for code, name, _, b, p in rows]
    doc.table(
        [35, 95, 50, 50],
        _function_header(["本年收入合计", "财政拨款收入"]),
        body,
        header_rows=2,
    )

    # 3. 支出决算表
    _page(doc, d, "支出决算表")
    body = [[("合计", 2), wan(total, "0.00"), wan(basic), wan(project)]]
    body += [[code, name, wan(b + p), wan(b), wan(p)] for code, name, _, b, p in rows]
    doc.table(
        [35, 95, 45, 45, 45],
        _function_header(["本年支出合计", "基本支出", "项目支出"]),
        body,
        header_rows=2,
    )

    # 4. 财政拨款“三公”经费支出决算表: 预算数 | 决算数 under each item
    _page(doc, d, "财政拨款“三公”经费支出决算表")
    tp = three_public_actuals(seed, department, year)
    budget = {k: v[0] for k, v in tp.items()}
    spent = {k: v[1] for k, v in tp.items()}

    def cells(v: dict[str, int]) -> list[int]:
        car = v["vehicle_purchase"] + v["vehicle_operation"]
        return [
            sum(v.values()),
            v["abroad"],
            car,
            v["vehicle_purchase"],
            v["vehicle_operation"],
            v["reception"],
        ]

    header = [
        Cell(0, 0, "合计", cols=2, rows=2),
        Cell(0, 2, "因公出国（境）费", cols=2, rows=2),
        Cell(0, 4, "公务用车购置及运行维护费", cols=6),
        Cell(1, 4, "小计", cols=2),
        Cell(1, 6, "公务用车购置费", cols=2),
        Cell(1, 8, "公务用车运行维护费", cols=2),
        Cell(0, 10, "公务接待费", cols=2, rows=2),
    ]
    header += [Cell(2, k, "预算数" if k % 2 == 0 else "决算数") for k in range(12)]
    if sum(budget.values()):
        line = [x for pair in zip(cells(budget), cells(spent), strict=True) for x in pair]
        doc.table([20] * 12, header, [[wan(v, "0.00") for v in line]], header_rows=3, size=7.5)
    else:
        doc.table([20] * 12, header, [], header_rows=3, size=7.5)
        doc.gap(2)
        doc.line(f"说明：{n}本年度没有财政拨款“三公”经费支出，故本表无数据。", size=9)

    # the narrative: each 项's budget, what was spent and why they differ (reasons: REASONS)
    doc.new_page()
    doc.gap(6)
    doc.line("（三）一般公共预算财政拨款支出决算具体情况", size=12)
    doc.gap(2)
    names = {code: name for code, name, _, _, _ in rows}
    for k, (code, s) in enumerate(sorted(actuals(seed, department, year).items()), start=1):
        budget, spent = s.budget_basic + s.budget_project, s.basic + s.project
        head = f"{k}、{names[code[:3]]}（类）{names[code[:5]]}（款）{names[code]}（项）。"
        figures = f"全年预算为{wan(budget, '0.00')}万元，支出决算为{wan(spent, '0.00')}万元。"
        why = (
            f"决算数小于全年预算数的主要原因：{reason(code)}。"
            if spent < budget
            else "决算数与全年预算数持平。"
        )
        for text in (head, figures, why):
            if doc.y > doc.bottom:
                doc.new_page()
                doc.gap(6)
            doc.line(text, size=9)

    # 5. and 6.: the funds the model does not have
    for fund in ("政府性基金预算", "国有资本经营预算"):
        _page(doc, d, f"{fund}财政拨款收入支出决算表")
        doc.table(
            [35, 80, 40, 40, 40],
            _function_header(["本年支出合计", "基本支出", "项目支出"]),
            [[("合计", 2), "", "", ""]],
            header_rows=2,
        )
        doc.gap(2)
        doc.line(f"说明：{n}本年度没有{fund}财政拨款收入和支出，故本表无数据。", size=9)
    return doc.render()
