"""The reconciliation's engine: statuses, the result collector, the declared rules, helpers.

Every check compares an expected figure with an actual one and says where both came from. The
status tells four things apart (:data:`STATUSES`):

- ``ok``: equal to the cent (or, for a ceiling, within it);
- ``rounding``: different, but by no more than the rounding of the figures summed (0.01 万元 per
  item summed; 0.01 percentage points for a stated percentage);
- ``mismatch``: the document contradicts itself;
- ``unjudged``: cannot be judged, because a value the check needs is missing from the document
  or was not read (the detail says which, and where).

Nothing is corrected: the figures stay as published, the contradictions are reported. The checks
run on rows keyed like the database (see :mod:`budgetlens.ingest`), so they run the same on a
freshly parsed document and on what a database holds.

The rules are declared as data in ``budgetlens/rules/*.toml`` (:func:`rules`): each says which
family runs it, which tables and rows it needs, and — for an identity between two figures —
its left side, right side and tolerance. The families live in their own modules
(:mod:`budgetlens.checks_tables`, :mod:`budgetlens.checks_cross`,
:mod:`budgetlens.checks_narrative`, :mod:`budgetlens.checks_performance`); this module holds what
they share.
"""

from __future__ import annotations

import difflib
import tomllib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

from budgetlens.targets import to_base_amount_wan

CENT = Decimal("0.01")
ZERO = Decimal(0)
WAN = Decimal(10000)
STATUSES = ("ok", "rounding", "mismatch", "unjudged")
RULES_DIR = Path(__file__).parent / "rules"


def dec(v) -> Decimal:
    """``v`` as a Decimal (None counts 0: a blank cell in a sum)."""
    return ZERO if v is None else Decimal(str(v))


class Checker:
    """Collects check results as dicts with the columns of ``check_result``."""

    def __init__(self, rule_set: str | None = None) -> None:
        self.results: list[dict] = []
        # the performance table the checks being added are about (check_result.project)
        self.project: str | None = None
        self.rule_set = rule_set

    def compare(
        self,
        kind: str,
        subject: str,
        expected,
        actual,
        lines: Iterable[int],
        *,
        items: int = 1,
        tolerance: Decimal | None = None,
        detail: str | None = None,
    ) -> None:
        """Add the result of ``actual`` against ``expected``: ok when equal, rounding when within
        ``tolerance`` (default 0.01 per item summed), mismatch beyond."""
        exp, act = dec(expected), dec(actual)
        diff = act - exp
        tol = tolerance if tolerance is not None else CENT * items
        if diff == 0:
            status = "ok"
        elif abs(diff) <= tol:
            status = "rounding"
        else:
            status = "mismatch"
        self._add(kind, subject, exp, act, diff, tol, status, lines, detail)

    def within(
        self,
        kind: str,
        subject: str,
        limit,
        stated,
        lines: Iterable[int],
        *,
        items: int = 0,
        detail: str | None = None,
    ) -> None:
        """Add the result of a figure that may not exceed ``limit`` (a cost against the funds):
        ok at or below it, rounding within 0.01 per item above it, mismatch beyond."""
        lim, act = dec(limit), dec(stated)
        diff = act - lim
        tol = CENT * items
        status = "ok" if diff <= 0 else "rounding" if diff <= tol else "mismatch"
        self._add(kind, subject, lim, act, diff, tol, status, lines, detail)

    def fact(
        self, kind: str, subject: str, consistent: bool, lines: Iterable[int], detail: str
    ) -> None:
        """A check without figures (names, codes, presence)."""
        self._add(
            kind, subject, None, None, None, None, "ok" if consistent else "mismatch", lines, detail
        )

    def unjudged(self, kind: str, subject: str, lines: Iterable[int], missing: str) -> None:
        """A check that cannot be judged: ``missing`` says which value is missing or was not
        read, and where (it becomes the detail)."""
        self._add(kind, subject, None, None, None, None, "unjudged", lines, missing)

    def _add(self, kind, subject, exp, act, diff, tol, status, lines, detail) -> None:
        ordered = sorted({int(x) for x in lines if x})
        self.results.append(
            {
                "seq": len(self.results) + 1,
                "check_kind": kind,
                "project": self.project,
                "subject": subject,
                "expected": exp,
                "actual": act,
                "difference": diff,
                "tolerance": tol,
                "status": status,
                "source_lines": ",".join(map(str, ordered)),
                "detail": detail,
                "rule_set": self.rule_set,
            }
        )


# --- declared rules ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Need:
    """Rows a rule needs: some row of ``table`` whose columns equal ``where`` (a value may be a
    list: any of them)."""

    table: str
    where: dict = field(default_factory=dict)

    def find(self, rows: dict) -> list[dict]:
        """The rows of ``rows[table]`` that match."""

        def hit(r: dict) -> bool:
            for k, v in self.where.items():
                if v == "":
                    if r.get(k) not in (None, ""):
                        return False
                elif isinstance(v, list):
                    if r.get(k) not in v:
                        return False
                elif r.get(k) != v:
                    return False
            return True

        return [r for r in rows.get(self.table, []) if hit(r)]

    def describe(self) -> str:
        cond = ", ".join(f"{k}={v}" for k, v in self.where.items())
        return f"{self.table}[{cond}]" if cond else self.table


@dataclass(frozen=True)
class Rule:
    """One declared rule. ``family`` names the function that runs it (a family of
    :data:`budgetlens.checks.FAMILIES`, or ``identity`` for a declared equality run by
    :func:`run_identities`); ``needs`` are the inputs every document of a layout it applies to
    must have; ``left``/``right`` (identities only) select one value each:
    ``{table, where, column}``."""

    id: str
    family: str
    kind: str
    needs: tuple[Need, ...]
    layouts: tuple[str, ...] = ()  # identities: the layouts they apply to
    left: dict | None = None
    right: dict | None = None
    tolerance: Decimal | None = None
    subject: str = ""
    what: str = ""

    def missing(self, rows: dict) -> list[str]:
        """The declared inputs ``rows`` lack (empty: all there)."""
        return [n.describe() for n in self.needs if not n.find(rows)]


def _need(spec: dict) -> Need:
    return Need(spec["table"], dict(spec.get("where", {})))


@cache
def rules() -> tuple[Rule, ...]:
    """Every declared rule, from ``budgetlens/rules/*.toml`` (sorted by file). Raises ValueError
    naming the file and rule for a rule without ``family``/``kind``, or a duplicated id."""
    out: list[Rule] = []
    seen: set[str] = set()
    for path in sorted(RULES_DIR.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for rid, spec in data.items():
            if rid in seen:
                raise ValueError(f"{path.name}: rule {rid} is declared twice")
            if "family" not in spec or "kind" not in spec:
                raise ValueError(f"{path.name}: rule {rid} needs family and kind")
            seen.add(rid)
            needs = [_need(n) for n in spec.get("needs", [])]
            for side in ("left", "right"):
                if side in spec:
                    needs.append(_need(spec[side]))
            tol = spec.get("tolerance")
            out.append(
                Rule(
                    id=rid,
                    family=spec["family"],
                    kind=spec["kind"],
                    needs=tuple(needs),
                    layouts=tuple(spec.get("layouts", ())),
                    left=spec.get("left"),
                    right=spec.get("right"),
                    tolerance=None if tol is None else Decimal(str(tol)),
                    subject=spec.get("subject", ""),
                    what=spec.get("what", ""),
                )
            )
    return tuple(out)


def rule(rid: str) -> Rule:
    """The declared rule ``rid``. Raises KeyError for an undeclared id."""
    for r in rules():
        if r.id == rid:
            return r
    raise KeyError(f"no rule {rid} in {RULES_DIR}")


def run_identities(c: Checker, rows: dict, layout: str) -> None:
    """Run every declared identity (family ``identity``) that applies to ``layout``: left =
    right within the declared tolerance (default 0). An identity whose sides are not both in
    the document is not run; the test suite holds each layout's documents to their rules'
    declared inputs (tests/test_check_rules.py)."""
    for r in rules():
        if r.family != "identity" or layout not in r.layouts:
            continue
        left = _side(rows, r.left)
        right = _side(rows, r.right)
        if left is None or right is None:
            continue
        (lv, ll, lrow), (rv, rl, rrow) = left, right
        subject = r.subject.format(left=lrow, right=rrow)
        if lv is None or rv is None:
            # the line of the side whose value is missing (the other's if it has none)
            which, line = ("左边", ll or rl) if lv is None else ("右边", rl or ll)
            c.unjudged(r.kind, subject, [ll, rl], f"未读到：{which}的数值（第{line}行）")
            continue
        c.compare(
            r.kind,
            subject,
            lv,
            rv,
            [ll, rl],
            tolerance=r.tolerance if r.tolerance is not None else ZERO,
            detail=right_sentence(rows, r.right),
        )


def _side(rows: dict, spec: dict | None) -> tuple[Decimal | None, int, dict] | None:
    hits = _need(spec).find(rows) if spec else []
    if not hits:
        return None
    row = hits[0]
    value = row.get(spec["column"])
    return (None if value is None else dec(value)), row.get("source_line"), row


def right_sentence(rows: dict, spec: dict | None) -> str | None:
    """The sentence a narrative figure was read from (key_figure.sentence), if any."""
    hits = _need(spec).find(rows) if spec else []
    return hits[0].get("sentence") if hits else None


# --- helpers ----------------------------------------------------------------------------------
def by_table(rows: list[dict], key: str = "table_key") -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        out[r[key]].append(r)
    return out


def hierarchy(
    c: Checker,
    kind: str,
    label: str,
    table_rows: list[dict],
    columns: list[str],
    cent: Decimal = CENT,
):
    """合计 = Σ 类, 类 = Σ 款, 款 = Σ 项 for each value column (``cent``: the rounding allowance
    per item, in 万元, of the table's published unit). A table that prints no 类 rows (only 款 or
    项) has its 合计 checked against its top level."""
    by_code = {r["code"]: r for r in table_rows if r["code"]}
    total = next((r for r in table_rows if r["code"] is None), None)
    levels = sorted({r["level"] for r in table_rows if r["code"] and r.get("level")})
    top = levels[0] if levels else 1
    word = {1: "类", 2: "款", 3: "项"}.get(top, "下级科目")
    if total is not None and not by_code and any(dec(total.get(col)) for col in columns):
        # a table whose 科目 rows were kept raw (西安 lists them per unit): only its 合计 was read
        c.unjudged(
            "column_total",
            f"{label} 合计 = Σ {word}",
            [total["source_line"]],
            f"未读到：{label} 的科目行（只读到第{total['source_line']}行的合计）",
        )
    for col in columns:
        if total is not None:
            kids = [r for r in table_rows if r["code"] and r["level"] == top]
            # a table whose 科目 rows were kept raw (西安's per-unit rows) has only its 合计
            if by_code and (kids or total.get(col) is not None):
                c.compare(
                    "column_total",
                    f"{label} 合计 {col} = Σ {word}",
                    total.get(col),
                    sum(dec(k.get(col)) for k in kids),
                    [total["source_line"], *(k["source_line"] for k in kids)],
                    tolerance=cent * len(kids),
                )
        for code, parent in by_code.items():
            kids = [
                r
                for r in table_rows
                if r["code"] and len(r["code"]) == len(code) + 2 and r["code"].startswith(code)
            ]
            if not kids:
                continue
            c.compare(
                "subtotal",
                f"{label} {code} {parent['name']} {col} = Σ 下级科目",
                parent.get(col),
                sum(dec(k.get(col)) for k in kids),
                [parent["source_line"], *(k["source_line"] for k in kids)],
                tolerance=cent * len(kids),
            )


def closest(name: str, candidates: Iterable[str]) -> str | None:
    cands = list(candidates)
    hit = difflib.get_close_matches(name, cands, n=1, cutoff=0.6)
    return hit[0] if hit else None


def unit_cent(rows: dict, table_key: str) -> Decimal:
    """The rounding allowance per summed item, in 万元, for a table in its published unit: 0.01
    of a 万元 table, 1 元 of a 元 table (元 tables are printed to the 元, often without cents)."""
    unit = next(
        (t.get("amount_unit") for t in rows.get("source_table", []) if t["table_key"] == table_key),
        None,
    )
    return {"元": Decimal("0.0001"), "千元": Decimal("0.001")}.get(unit or "万元", CENT)


def summary_value(
    rows: list[dict], table: str, side: str, item: str, col: str, parent: str | None = None
) -> dict | None:
    for r in rows:
        if (
            r["table_key"] == table
            and r["side"] == side
            and r["item"] == item
            and r["column_key"] == col
            and r.get("parent_item") == parent
        ):
            return r
    return None


def level1(rows: dict, table: str) -> dict[str, dict]:
    return {
        r["name"]: r
        for r in rows.get("expenditure_function", [])
        if r["table_key"] == table and r["level"] == 1
    }


def fund(rows: dict, project: str, period: str, source: str, dimension: str = "source"):
    return next(
        (
            f
            for f in rows.get("performance_fund", [])
            if f["project"] == project
            and f["period"] == period
            and f["source"] == source
            and f["dimension"] == dimension
        ),
        None,
    )


def cost_wan(ind: dict) -> Decimal | None:
    if ind["target_kind"] != "numeric" or ind["target_value"] is None:
        return None
    v = to_base_amount_wan(ind["target_value"], ind["target_unit"])
    return None if v is None else Decimal(str(round(v, 6)))


def pct(part: Decimal, whole: Decimal) -> Decimal | None:
    """``part`` as a percentage of ``whole``, rounded 四舍五入 to 0.01 as the documents round
    (a 5 rounds up: 0.125% is 0.13%, never 0.12%); None when ``whole`` is 0."""
    if whole == 0:
        return None
    return (part / whole * 100).quantize(CENT, rounding=ROUND_HALF_UP)


def summarise(results: list[dict]) -> dict[str, int]:
    """How many results have each status (every status of :data:`STATUSES`, 0 when none)."""
    out = dict.fromkeys(STATUSES, 0)
    for r in results:
        out[r["status"]] += 1
    return out
