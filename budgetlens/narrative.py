"""Reading the prose parts: 第一部分 (duties, organisation), 第三部分 (figures in the narrative),
the appendix catalogue and 第四部分 名词解释; and the figures a PDF layout declares its narrative
states (:func:`read_stated`).

Narrative figures are found by the patterns in :data:`budgetlens.mappings.NARRATIVE`, section by
section. A sentence may wrap over several lines in the extraction, so a section is searched as one
string and each match is traced back to the line where its number starts.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING

from budgetlens import mappings as m
from budgetlens.source import SourceText, norm

if TYPE_CHECKING:
    from budgetlens.layout import NarrativeFigure

_SECTION = re.compile(r"^(?P<num>[一二三四五六七八九十]+)、(?P<title>.+)$")
_GLOSSARY_ITEM = re.compile(
    r"^[一二三四五六七八九十]+、(?P<term>[^：:]+?)(?:[：:]|是指|是对|是|指)(?P<def>.*)$"
)
_CATALOGUE_CODE = re.compile(r"^[A-Z](\d{2}){0,3}$")
_CLAUSE_END = re.compile(r"[。；;]")


class _Joined:
    """A block of lines joined into one string, with a map from offsets back to line numbers."""

    def __init__(self, src: SourceText, first: int, last: int) -> None:
        parts, self.starts, self.lines = [], [], []
        pos = 0
        for i in range(first, last + 1):
            text = norm(src.line(i))
            if not text:
                continue
            self.starts.append(pos)
            self.lines.append(i)
            parts.append(text)
            pos += len(text)
        self.text = "".join(parts)

    def line_at(self, offset: int) -> int:
        k = 0
        for n, s in enumerate(self.starts):
            if s <= offset:
                k = n
            else:
                break
        return self.lines[k]

    def sentence_at(self, offset: int) -> str:
        start = max((mt.end() for mt in _CLAUSE_END.finditer(self.text, 0, offset)), default=0)
        end_m = _CLAUSE_END.search(self.text, offset)
        return self.text[start : end_m.end() if end_m else len(self.text)]


def _to_decimal(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def narrative_sections(src: SourceText, first: int, last: int) -> list[tuple[str, int, int]]:
    """(section key, first line, last line) for each known section of 第三部分."""
    heads: list[tuple[int, str]] = []
    for i in range(first, last + 1):
        hit = _SECTION.match(norm(src.line(i)))
        if hit:
            heads.append((i, hit.group("title")))
    out = []
    for k, (line, title) in enumerate(heads):
        end = heads[k + 1][0] - 1 if k + 1 < len(heads) else last
        # the performance-target tables sit inside section 十: the narrative stops before them
        for j in range(line + 1, end + 1):
            text = norm(src.line(j))
            if any(w in text for w in (*m.PERF_PROJECT_TITLE, *m.PERF_DEPARTMENT_TITLE)):
                end = j - 1
                break
        for sec in m.NARRATIVE:
            if sec.heading in title:
                out.append((sec.key, line, end))
                break
    return out


def read_key_figures(src: SourceText, first: int, last: int) -> list[dict]:
    """Every figure the narrative patterns find between lines ``first`` and ``last``.

    Returns dicts with key, value, unit, label, sentence, source_line; keys are unique.
    """
    out: dict[str, dict] = {}
    by_key = {s.key: s for s in m.NARRATIVE}
    for key, a, b in narrative_sections(src, first, last):
        sec = by_key[key]
        block = _Joined(src, a + 1, b)
        for fp in sec.figures:
            hit = re.search(fp.pattern, block.text)
            if not hit or fp.key in out:
                continue
            value = _to_decimal(hit.group("v"))
            direction = hit.groupdict().get("dir")
            if direction and direction in fp.negative_words:
                value = -value
            out[fp.key] = {
                "key": fp.key,
                "value": value,
                "unit": fp.unit,
                "label": fp.label,
                "sentence": block.sentence_at(hit.start("v")),
                "source_line": block.line_at(hit.start("v")),
            }
        for lp in sec.lists:
            for row in _list_figures(block, lp):
                out.setdefault(row["key"], row)
        _other_mentions(block, key, out)
    return list(out.values())


def read_stated(src: SourceText, figures: Iterable[NarrativeFigure]) -> list[dict]:
    """The figures a PDF layout declares its narrative states (``[[narrative_figures]]``), each
    the first match of one of its patterns in the document's text joined and normalised (NFKC, no
    white space), with the line where its number starts. A figure declared ``after`` another is
    searched only in that figure's statement (from its match to the next 。) and is not read
    when that figure is not. Returns dicts with key, value, unit, label, sentence (the
    statement) and source_line; a figure the text does not state gives no row. Raises nothing
    on text without them; a pattern without a group ``v`` is refused when the layout loads."""
    figures = sorted(figures, key=lambda f: f.after is not None)
    if not figures or not src.lines:
        return []
    block = _Joined(src, 1, len(src))
    text = block.text
    spans: dict[str, tuple[int, int]] = {}
    out: list[dict] = []
    for f in figures:
        if f.after is not None and f.after not in spans:
            continue
        start, end = spans[f.after] if f.after is not None else (0, len(text))
        hit = next(
            (h for pat in f.patterns if (h := re.compile(pat).search(text, start, end))), None
        )
        if hit is None:
            continue
        if f.after is None:
            stop = text.find("。", hit.start())
            start, end = hit.start(), (len(text) if stop < 0 else stop + 1)
            spans[f.key] = (start, end)
        out.append(
            {
                "key": f.key,
                "value": _to_decimal(hit.group("v")),
                "unit": f.unit,
                "label": f.label,
                "sentence": text[start:end],
                "source_line": block.line_at(hit.start("v")),
            }
        )
    return out


_MENTION = re.compile(r"(?P<v>\d[\d,]*(?:\.\d+)?)(?P<u>万元|%|个|辆|平方米|台)")
_LABEL_START = re.compile(r"[，,。；;：:、（(]")


def _other_mentions(block: _Joined, section: str, out: dict[str, dict]) -> None:
    """Every other figure of a section (a total restated, a count repeated), so that nothing the
    narrative states is missing: keys ``{section}.mention.{n}``, labelled by the words before."""
    taken = Counter(
        (f["source_line"], f["value"].copy_abs())
        for f in out.values()
        if f["key"].split(".")[0] != section or ".mention." not in f["key"]
    )
    # a section printed under two headings is read twice: number on after the first's mentions
    n = sum(1 for k in out if k.startswith(f"{section}.mention."))
    for hit in _MENTION.finditer(block.text):
        value = _to_decimal(hit.group("v"))
        line = block.line_at(hit.start("v"))
        if taken[(line, value)] > 0:
            taken[(line, value)] -= 1
            continue
        n += 1
        before = block.text[max(0, hit.start() - 24) : hit.start()]
        label = _LABEL_START.split(before)[-1] or before[-8:]
        out[f"{section}.mention.{n}"] = {
            "key": f"{section}.mention.{n}",
            "value": value,
            "unit": hit.group("u"),
            "label": label,
            "sentence": block.sentence_at(hit.start("v")),
            "source_line": line,
        }


_LIST_ITEM = re.compile(
    r"(?P<name>[\u4e00-\u9fff“”()（）]{2,30}?)(?P<v>\d[\d,]*(?:\.\d+)?)万元(?:[,，]?占(?P<p>\d+(?:\.\d+)?)%)?"
)
_LIST_NOISE = re.compile(
    r"^(?:其中|主要包括|主要用于以下方面|支出包括|包括|主要用于|以下方面|:|：)+"
)


def _list_figures(block: _Joined, lp: m.ListPattern) -> list[dict]:
    start = block.text.find(lp.after)
    if start < 0:
        return []
    out = []
    for hit in _LIST_ITEM.finditer(block.text, start + len(lp.after)):
        name = _LIST_NOISE.sub("", hit.group("name").lstrip(":：,，、;；"))
        if not name:
            continue
        line = block.line_at(hit.start("v"))
        sentence = block.sentence_at(hit.start("v"))
        out.append(
            {
                "key": f"{lp.prefix}.{name}",
                "value": _to_decimal(hit.group("v")),
                "unit": "万元",
                "label": f"{lp.label}：{name}",
                "sentence": sentence,
                "source_line": line,
            }
        )
        if lp.with_share and hit.group("p") is not None:
            out.append(
                {
                    "key": f"{lp.prefix}_share.{name}",
                    "value": _to_decimal(hit.group("p")),
                    "unit": "%",
                    "label": f"{lp.label}：{name}占比",
                    "sentence": sentence,
                    "source_line": block.line_at(hit.start("p")),
                }
            )
    return out


def read_glossary(src: SourceText, first: int) -> list[dict]:
    """Terms of 名词解释 from line ``first`` (the heading) to the end of the document.

    A definition may continue on following lines (e.g. 财政专户管理资金: on one line, its
    definition on the next); those lines are appended to the term.
    """
    out: list[dict] = []
    for i in range(first + 1, len(src) + 1):
        text = src.line(i).strip()
        if not text:
            continue
        hit = _GLOSSARY_ITEM.match(norm(text))
        if hit:
            raw_term = re.sub(r"^[一二三四五六七八九十]+、", "", text)
            # the term ends where its definition starts: a colon, or 是指/是对/专指/指
            term = re.split(r"[：:]|是指|是对|专指|指", raw_term, maxsplit=1)[0].strip()
            definition = raw_term[len(term) :].lstrip("：: ").strip()
            out.append({"term": term, "definition": definition, "source_line": i})
        elif out:
            out[-1]["definition"] = (out[-1]["definition"] + text).strip()
    return out


def read_catalogue(src: SourceText, first: int, last: int) -> list[dict]:
    """Entries of the 政府购买服务指导性目录 tables between ``first`` and ``last``.

    A row is ``code | name`` with the name in the column of its level (一级 … 四级目录); a row with
    a single text cell and no code is the heading of the department the entries are for.
    """
    out: list[dict] = []
    section: str | None = None
    in_table = False
    for i in range(first, last + 1):
        cells = src.cells(i)
        ne = [c for c in cells if c]
        if not ne:
            continue
        if tuple(norm(c) for c in ne) == m.CATALOGUE_HEADER:
            in_table = True
            continue
        if not in_table:
            continue
        code = norm(ne[0])
        if _CATALOGUE_CODE.match(code):
            level = 1 if len(code) == 1 else (len(code) - 1) // 2 + 1
            # a code without a name is kept (name empty): the document prints it that way
            out.append(
                {
                    "section": section or "",
                    "code": code,
                    "level": level,
                    "name": ne[1] if len(ne) > 1 else "",
                    "source_line": i,
                }
            )
        elif len(ne) == 1 and not re.search(r"\d", code) and len(code) <= 30:
            section = ne[0]
        else:
            in_table = False  # prose after the catalogue (signatures, dates)
    return out


def read_part1(src: SourceText, first: int, last: int) -> list[dict]:
    """Paragraphs of 第一部分: duties and the internal organisation (one entry per office)."""
    out: list[dict] = []
    section = None
    for i in range(first, last + 1):
        text = src.line(i).strip()
        if not text:
            continue
        n = norm(text)
        hit = next(
            (key for title, key in m.PART1_SECTIONS if n.endswith(title) and len(n) < 20), None
        )
        if hit:
            section = hit
            continue
        if section is None:
            continue
        heading = None
        org = re.match(r"^[(（][一二三四五六七八九十]+[)）](?P<h>[^：:]{2,30})[：:]", text)
        if section == "organisation" and org:
            heading = org.group("h")
        if out and out[-1]["section"] == section and not re.match(r"^[(（]", text):
            out[-1]["body"] += text  # a paragraph the PDF broke across pages
            continue
        out.append({"section": section, "heading": heading, "body": text, "source_line": i})
    return out
