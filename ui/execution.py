"""What the budget-against-actual page (pages/execution.py) needs besides rendering: the source
note of a figure pair read from two documents (the 预算 and the 决算), each with its own table
and pages."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from ui import data
from ui.i18n import t


def _lines(values: Iterable[object]) -> list[int]:
    return sorted({int(v) for v in values if v is not None and not pd.isna(v)})


def _where(document: str, table_key: str | None, lines: Iterable[object]) -> str:
    """``，表3（支出决算表）第8–9页`` for one document (lines for a text document)."""
    nums = _lines(lines)
    tables = data.query("source_tables", document=document)
    row = tables[tables["table_key"] == table_key] if table_key else tables.iloc[0:0]
    where = (
        t("src.table").format(no=int(row["table_no"].iloc[0]), title=row["title"].iloc[0])
        if len(row)
        else ""
    )
    pages = data.query("source_pages", document=document)
    located = sorted(set(pages.loc[pages["line"].isin(nums), "page"].astype(int).tolist()))
    if located:
        key = "src.pages" if len(located) > 1 else "src.page"
        text = t(key).format(pages=t("src.page_sep").join(str(p) for p in located))
        # without a table (the narrative), the page follows the title after a comma
        return (
            t("src.table_and_page").format(table=where, page=text)
            if where
            else t("src.lead") + text
        )
    if nums:
        lines_text = t("src.lines").format(lines=", ".join(str(n) for n in nums))
        return where + lines_text if where else t("src.lead") + lines_text.lstrip(", ，")
    return where


def source_pair(pair: dict, parts: Iterable[tuple[str, str | None, Iterable[object]]]) -> str:
    """``来源：<预算 title>，表3（…）第12页；<决算 title>，表3（…）第8页``: ``parts`` are
    (预算 | 决算, table key, lines)."""
    texts = []
    for kind, table_key, lines in parts:
        document = pair["budget_document"] if kind == "预算" else pair["final_document"]
        title = pair["budget_title"] if kind == "预算" else pair["final_title"]
        texts.append(str(title) + _where(str(document), table_key, lines))
    return t("src.prefix") + t("src.join").join(texts)
