"""What a 决算's narrative says of each 功能分类 项: its budget, what was spent, and why.

The national template's 说明 (一般公共预算财政拨款支出决算具体情况) lists the 项 one by one::

    1、一般公共服务支出（类）社会工作事务（款）行政运行（项）。主要用于：…。全年预算为52.00万元，
    支出决算为51.32 万元，完成全年预算数的98.69%。决算数小于全年预算数的主要原因：人员变动…。

:func:`execution_notes` reads the statement of the whole that comes first (一般公共预算财政拨款
支出年初预算为…，支出决算为…: a row named 合计) and those items from the document's reading
text (text lines only, not table rows; a line holding only a printed page number is skipped) into
``execution_note`` rows:
the 类/款/项 names as printed, 年初预算 and 全年预算 where stated, 支出决算, the stated rate and
which budget it is of, the stated reason (or 持平), and the 项 code of the function table whose
names match (None when they do not: the reconciliation reports it). Nothing is raised: a
narrative that lists no such item gives no rows.
"""

from __future__ import annotations

import re
from decimal import Decimal

from budgetlens.source import norm

_NUMBER = r"(-?[\d０-９,，]+(?:[.．][\d０-９]+)?)"
_ITEM = re.compile(
    r"(?<![\d.])\d{1,2}[、.．]\s*"
    r"(?P<cls>[^（）()。；、]{1,24}?)[（(]类[)）]"
    r"(?P<kuan>[^（）()。；]{1,40}?)[（(]款[)）]"
    r"(?P<item>[^（）()。；]{1,60}?)[（(]项[)）]"
)
_HEADING = re.compile(r"(?:^|。)(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])")
_YEAR_START = re.compile(r"年初预算(?:数)?为" + _NUMBER + r"万元")
_FULL_YEAR = re.compile(r"全年预算(?:数)?为" + _NUMBER + r"万元")
_ACTUAL = re.compile(r"支出决算(?:数)?为" + _NUMBER + r"万元")
_RATE = re.compile(r"完成(?P<of>全年|年初)?预算(?:数)?的" + _NUMBER + r"[%％]")
_REASON = re.compile(r"主要原因(?:是|为)?[:：]?(?P<r>[^。]+)")
_LEVEL = re.compile(r"决算数(?:与|和)(?:全年|年初)?预算数?持平")
_PAGE_NUMBER = re.compile(r"^\d{1,3}$")
# the statement of the whole before the 项: 一般公共预算财政拨款支出年初预算为…万元，…支出决算为…
_TOTAL = re.compile(r"财政拨款支出(?:决算)?(?=年初预算(?:数)?为|全年预算(?:数)?为)")
TOTAL = "合计"  # item_name of the row of that statement (class and 款 names empty, code null)
_DIGITS = str.maketrans("０１２３４５６７８９．，", "0123456789.,")


def _dec(text: str) -> Decimal:
    return Decimal(text.translate(_DIGITS).replace(",", ""))


def _text(lines: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """The narrative lines joined without white space (characters as published), and (offset,
    line number) where each starts."""
    parts, starts, at = [], [], 0
    for k, line in enumerate(lines, start=1):
        if "\t" in line:  # a table row
            continue
        t = re.sub(r"\s+", "", line)
        if not t or _PAGE_NUMBER.match(t):
            continue
        starts.append((at, k))
        parts.append(t)
        at += len(t)
    return "".join(parts), starts


def _line_at(starts: list[tuple[int, int]], offset: int) -> int:
    line = starts[0][1] if starts else 1
    for at, k in starts:
        if at > offset:
            break
        line = k
    return line


def _codes(function_rows: list[dict]) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """(类 code, 项 name) → [(项 code, 款 name)] of the function tables (一般公共预算 first)."""
    names = {}
    for r in function_rows:
        if r.get("code"):
            names.setdefault(r["code"], norm(r["name"]))
    out: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for code, name in names.items():
        if len(code) == 7:
            out.setdefault((code[:3], name), []).append((code, names.get(code[:5], "")))
    return out


def execution_notes(lines: list[str], function_rows: list[dict]) -> list[dict]:
    """``execution_note`` rows (without the document keys) read from a 决算's reading text
    ``lines``; ``function_rows`` are its function tables' rows (for the 项 codes)."""
    text, starts = _text(lines)
    matches = list(_ITEM.finditer(text))
    classes = {norm(r["name"]): r["code"] for r in function_rows if r.get("level") == 1}
    by_name = _codes(function_rows)
    out = []
    total = _TOTAL.search(text)
    if total is not None and matches and matches[0].start() > total.start():
        body = text[total.end() : next(m.start() for m in matches if m.start() > total.start())]
        actual = _ACTUAL.search(body)
        if actual is not None:
            out.append(_row(body, actual, "", "", TOTAL, None, _line_at(starts, total.start())))
    for n, m in enumerate(matches):
        end = matches[n + 1].start() if n + 1 < len(matches) else len(text)
        body = text[m.end() : end]
        heading = _HEADING.search(body)
        if heading:
            body = body[: heading.start() + 1]
        actual = _ACTUAL.search(body)
        if actual is None:
            continue  # an item of another list (收入, 结构): no 支出决算 stated
        cls, kuan, item = m.group("cls"), m.group("kuan"), m.group("item")
        n_cls = norm(cls)
        class_code = (
            classes.get(n_cls)
            or classes.get(n_cls + "支出")
            or classes.get(n_cls.removesuffix("支出"))
        )
        candidates = by_name.get((class_code or "", norm(item)), [])
        exact = [c for c, k in candidates if k == norm(kuan)]
        code = (exact or [c for c, _ in candidates] or [None])[0]
        out.append(_row(body, actual, cls, kuan, item, code, _line_at(starts, m.start())))
    for k, row in enumerate(out, start=1):
        row["seq"] = k
    return out


def _row(body: str, actual, cls: str, kuan: str, item: str, code, line: int) -> dict:
    rate = _RATE.search(body)
    reason = _REASON.search(body)
    year_start, full_year = _YEAR_START.search(body), _FULL_YEAR.search(body)
    return {
        "code": code,
        "class_name": cls,
        "kuan_name": kuan,
        "item_name": item,
        "year_start_budget_wan": _dec(year_start.group(1)) if year_start else None,
        "full_year_budget_wan": _dec(full_year.group(1)) if full_year else None,
        "actual_wan": _dec(actual.group(1)),
        "stated_rate": _dec(rate.group(2)) if rate else None,
        "rate_of": (rate.group("of") or "年初") if rate else None,
        "reason": reason.group("r") if reason else ("持平" if _LEVEL.search(body) else None),
        "source_line": line,
    }
