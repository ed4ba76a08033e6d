"""Identities of a 部门决算 (final accounts), for the ``national-final`` layout's rule set.

A 决算 adds to the tables a budget prints the money carried into and out of the year, and the
三公 budget beside its actual. What must hold is declared as data (:data:`BALANCES`,
:data:`TOTALS_VS_SUMMARY`, :data:`THREE_PUBLIC_PARTS`); the families below apply it to one
document's rows and add results to a :class:`~budgetlens.checks.Checker`:

- ``final_balance``: in the 收入支出决算总表 and the 财政拨款收入支出决算总表, each side's 总计 =
  its parts (本年收入合计 + 使用非财政拨款结余 + 年初结转和结余; 本年支出合计 + 结余分配 + 年末结转
  和结余), hence 年初结转和结余 + 本年收入 = 本年支出 + 年末结转和结余;
- ``final_tables_vs_summary``: each table's 合计 against the 总表 row that states it;
- ``final_personnel_public``: the basic-expenditure table printed in panels: 人员经费合计 = Σ
  its 类, 公用经费合计 = Σ its 类, and 人员经费合计 + 公用经费合计 = the 基本支出 of the
  一般公共预算财政拨款支出决算表;
- ``final_three_public``: the 三公 parts, for the 预算数 and for the 决算数;
- ``final_narrative``: the narrative's 项 (支出决算, the stated rate, the names) against the
  tables.

A cell a 决算 prints blank is 0 (the national template leaves 0 blank). Nothing is checked whose
total the document does not print: a missing table or row is no finding. Figures are compared in
the table's published unit (:func:`budgetlens.checks.unit_cent`).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from budgetlens.check_core import CENT, Checker, unit_cent
from budgetlens.check_core import dec as _d
from budgetlens.narrative_final import TOTAL
from budgetlens.source import norm

CAR = "公务用车购置及运行费"

# (table, side, total row, parts): a row is found by alternatives of words (every word of one in
# its label); each part is (its name in the subject, alternatives)
BALANCES = (
    (
        "income_expense_summary",
        "收入",
        (("总计",),),
        (
            ("本年收入合计", (("本年收入合计",),)),
            ("使用非财政拨款结余", (("使用非财政拨款结余",),)),
            ("年初结转和结余", (("年初", "结转", "结余"),)),
        ),
    ),
    (
        "income_expense_summary",
        "支出",
        (("总计",),),
        (
            ("本年支出合计", (("本年支出合计",),)),
            ("结余分配", (("结余分配",),)),
            ("年末结转和结余", (("年末", "结转", "结余"),)),
        ),
    ),
    (
        "fiscal_summary",
        "收入",
        (("总计",),),
        (
            ("本年收入合计", (("本年收入合计",),)),
            ("年初财政拨款结转和结余", (("年初", "结转", "结余"),)),
        ),
    ),
    (
        "fiscal_summary",
        "支出",
        (("总计",),),
        (
            ("本年支出合计", (("本年支出合计",),)),
            ("年末财政拨款结转和结余", (("年末", "结转", "结余"),)),
        ),
    ),
)

# (function table, its column, summary table, side, summary row, what the subject says)
TOTALS_VS_SUMMARY = (
    (
        "revenue_function",
        "total_wan",
        "income_expense_summary",
        "收入",
        "本年收入合计",
        "收入决算表",
    ),
    (
        "expenditure_total",
        "total_wan",
        "income_expense_summary",
        "支出",
        "本年支出合计",
        "支出决算表",
    ),
    (
        "general_budget_expenditure",
        "total_wan",
        "fiscal_summary",
        "支出",
        "本年支出合计",
        "一般公共预算财政拨款支出决算表",
    ),
)

# (total, parts, subject)
THREE_PUBLIC_PARTS = (
    ("合计", ("因公出国（境）费", CAR, "公务接待费"), "“三公”经费 合计 = 出国 + 公务用车 + 接待"),
    (CAR, ("公务用车购置费", "公务用车运行费"), "公务用车购置及运行费 = 购置费 + 运行费"),
)
THREE_PUBLIC_TABLES = {"three_public": "决算数", "three_public_budget": "预算数"}


def _matches(label: str, alternatives: tuple[tuple[str, ...], ...]) -> bool:
    text = norm(label)
    return any(all(w in text for w in words) for words in alternatives)


def _side_rows(rows: dict, table: str, side: str) -> list[dict]:
    """The side's rows of a summary table, one per label: its 合计/金额 column (a 财政拨款 总表's
    支出 side splits its amount by fund: the total column)."""
    out: dict[int, dict] = {}
    for r in rows.get("summary_item", []):
        if r["table_key"] != table or r["side"] != side:
            continue
        if r["column_key"] in ("amount", "total") and r["seq"] not in out:
            out[r["seq"]] = r
    return list(out.values())


def final_balance(c: Checker, rows: dict) -> None:
    """总计 = its parts on each side of the two 决算 总表 (see :data:`BALANCES`)."""
    for table, side, total_words, parts in BALANCES:
        items = _side_rows(rows, table, side)
        total = next((r for r in items if _matches(r["item"], total_words)), None)
        if total is None:
            continue
        found = [r for _, words in parts for r in items if _matches(r["item"], words)]
        if not any(_matches(r["item"], parts[0][1]) for r in found):
            continue  # the year's own 合计 not read: nothing to say
        c.compare(
            "balance",
            f"{table} {side} {total['label']} = " + " + ".join(name for name, _ in parts),
            total["amount_wan"],
            sum(_d(r["amount_wan"]) for r in found),
            [total["source_line"], *(r["source_line"] for r in found)],
            tolerance=unit_cent(rows, table) * max(len(found), 1),
        )


def final_tables_vs_summary(c: Checker, rows: dict) -> None:
    """Each table's 合计 = the 总表 row that states it (see :data:`TOTALS_VS_SUMMARY`)."""
    for table, column, summary, side, item, name in TOTALS_VS_SUMMARY:
        source = "revenue_function" if table == "revenue_function" else "expenditure_function"
        total = next(
            (r for r in rows.get(source, []) if r["table_key"] == table and r["code"] is None),
            None,
        )
        stated = next((r for r in _side_rows(rows, summary, side) if norm(r["item"]) == item), None)
        if total is None or stated is None or total.get(column) is None:
            continue
        c.compare(
            "cross_table",
            f"{name} 合计 = {summary} {item}",
            stated["amount_wan"],
            total[column],
            [stated["source_line"], total["source_line"]],
            tolerance=max(unit_cent(rows, table), unit_cent(rows, summary)),
        )


def final_personnel_public(c: Checker, rows: dict) -> None:
    """A basic-expenditure table in panels: each 经费合计 = Σ the 类 of its panel; together they
    = the 一般公共预算财政拨款支出决算表's 合计 基本支出."""
    econ = [r for r in rows.get("expenditure_economic", []) if r["table_key"] == "basic_economic"]
    subtotals = [r for r in econ if r["row_kind"] == "subtotal"]
    if not subtotals:
        return
    cent = unit_cent(rows, "basic_economic")
    groups = [r for r in econ if r["row_kind"] == "group"]
    for column in ("personnel_wan", "public_wan"):
        total = next((r for r in subtotals if r.get(column) is not None), None)
        mine = [g for g in groups if g.get(column) is not None]
        if total is None or not mine:
            continue
        c.compare(
            "column_total",
            f"basic_economic {total['dept_class']} = Σ 类",
            total[column],
            sum(_d(g[column]) for g in mine),
            [total["source_line"], *(g["source_line"] for g in mine)],
            tolerance=cent * len(mine),
        )
    func = next(
        (
            r
            for r in rows.get("expenditure_function", [])
            if r["table_key"] == "general_budget_expenditure" and r["code"] is None
        ),
        None,
    )
    if func is None or func.get("basic_wan") is None or len(subtotals) < 2:
        return
    c.compare(
        "cross_table",
        "人员经费合计 + 公用经费合计 = 一般公共预算财政拨款支出决算表 合计 基本支出",
        func["basic_wan"],
        sum(_d(r["total_wan"]) for r in subtotals),
        [func["source_line"], *(r["source_line"] for r in subtotals)],
        tolerance=max(cent, unit_cent(rows, "general_budget_expenditure")) * len(subtotals),
    )


def final_three_public(c: Checker, rows: dict) -> None:
    """The 三公 parts (see :data:`THREE_PUBLIC_PARTS`), for 预算数 and 决算数 alike; a part the
    table leaves blank counts 0, a sum is checked only where its total is printed."""
    for table, word in THREE_PUBLIC_TABLES.items():
        items = {r["label"]: r for r in rows.get("fiscal_item", []) if r["table_key"] == table}
        cent = unit_cent(rows, "three_public")
        for total, parts, subject in THREE_PUBLIC_PARTS:
            row = items.get(total)
            found = [items[p] for p in parts if p in items]
            if row is None or row.get("total_wan") is None or not found:
                continue
            c.compare(
                "three_public",
                f"{subject}（{word}）",
                row["total_wan"],
                sum(_d(p.get("total_wan")) for p in found),
                [row["source_line"], *(p["source_line"] for p in found)],
                tolerance=cent * len(found),
            )


def final_narrative(c: Checker, rows: dict) -> None:
    """The narrative's 项 (``execution_note``) against the tables: each 支出决算 = the 项's total
    in the 一般公共预算财政拨款支出决算表 (else the 支出决算表), to the cent the narrative's 万元
    are printed to (whatever the table's unit); each stated rate = 支出决算 / the
    budget it names, to the decimals printed; a 项 whose printed names match no 项 of the
    tables is reported (a name the tables do not use)."""
    tables: dict[str, dict] = {}
    for key in ("expenditure_total", "general_budget_expenditure"):  # the second wins
        for r in rows.get("expenditure_function", []):
            if r["table_key"] == key and r.get("code"):
                tables[r["code"]] = r
    general = next(
        (
            r
            for r in rows.get("expenditure_function", [])
            if r["table_key"] == "general_budget_expenditure" and r["code"] is None
        ),
        None,
    )
    for note in rows.get("execution_note", []):
        whole = note["item_name"] == TOTAL and not note["class_name"]
        what = (
            "决算说明 一般公共预算财政拨款支出"
            if whole
            else f"决算说明 {note['class_name']}/{note['kuan_name']}/{note['item_name']}"
        )
        if whole:
            note = {**note, "code": "合计"}
            if general is not None:
                tables["合计"] = general
        if note.get("code") is None:
            c.fact(
                "name_consistency",
                f"{what}：名称见于支出决算表",
                False,
                [note["source_line"]],
                "说明所列的类/款/项名称在支出决算表中找不到对应的项",
            )
            continue
        row = tables.get(note["code"])
        if row is not None and row.get("total_wan") is not None:
            c.compare(
                "narrative",
                f"{what} 支出决算 = {row['table_key']} {note['code']} 合计",
                row["total_wan"],
                note["actual_wan"],
                [note["source_line"], row["source_line"]],
                # the narrative states 万元 to the cent: a table in 元 is closer than that
                tolerance=CENT,
            )
        rate = note.get("stated_rate")
        budget = (
            note.get("full_year_budget_wan")
            if note.get("rate_of") == "全年"
            else note.get("year_start_budget_wan")
        )
        if rate is not None and budget is not None and budget == 0:
            c.fact(
                "narrative",
                f"{what} 完成{note['rate_of']}预算的 {rate}%",
                False,
                [note["source_line"]],
                f"a rate of a {note['rate_of']}预算 of 0",
            )
            continue
        if rate is None or not budget:
            continue
        decimals = max(-Decimal(rate).as_tuple().exponent, 0)
        computed = (Decimal(note["actual_wan"]) * 100 / Decimal(budget)).quantize(
            Decimal(1).scaleb(-decimals), ROUND_HALF_UP
        )
        c.compare(
            "narrative",
            f"{what} 完成{note['rate_of']}预算的 {rate}%",
            rate,
            computed,
            [note["source_line"]],
            tolerance=Decimal(0),
        )


FAMILIES = {
    "final_balance": final_balance,
    "final_tables_vs_summary": final_tables_vs_summary,
    "final_personnel_public": final_personnel_public,
    "final_three_public": final_three_public,
    "final_narrative": final_narrative,
}
