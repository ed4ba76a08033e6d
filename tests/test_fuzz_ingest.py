"""Parser fuzzing: mutated copies of the real seed document.

Every mutation (lines dropped, duplicated or swapped, digits changed, letters inserted, the text
truncated) must end in one of two ways: a clean :class:`~budgetlens.ingest.Parsed` that the
reconciliation can check, or an :class:`~budgetlens.errors.IngestError`. Any other exception is a
parser bug.

And never a silent wrong total: when one digit of a table figure changes and the document still
parses, the figure must be read into the same cell, and if the reconciliation relates that figure
to any other (it does for every total; see :func:`_reconciled`), a check that was not already
failing must now fail. For the 支出总表's 合计 row this is asserted unconditionally.

Fast by default (``make test``): ~40 examples per property. The long run is ``make fuzz``, which
sets ``BUDGETLENS_FUZZ_EXAMPLES`` (e.g. 2000) — LONG RUN, minutes, not part of ``make test``.
"""

from __future__ import annotations

import copy
import functools
import os
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budgetlens.checks import run_checks
from budgetlens.errors import IngestError
from budgetlens.ingest import Parsed, parse_document

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "raw" / "jincheng-kejiju-2024.txt"
TEXT = SEED.read_text(encoding="utf-8")
LINES = TEXT.split("\n")
N = len(LINES)

# The long run (make fuzz) sets the number of examples and explores at random; the default run
# (make test) is small and derandomized, so that it checks the same examples every time.
LONG_RUN = "BUDGETLENS_FUZZ_EXAMPLES" in os.environ
EXAMPLES = int(os.environ.get("BUDGETLENS_FUZZ_EXAMPLES", "40"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,  # speed is measured by benchmarks, never asserted in tests
    derandomize=not LONG_RUN,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def _line_of(prefix: str, after: int = 0) -> int:
    """1-based number of the first line (after ``after``) that starts with ``prefix``."""
    for i in range(after, N):
        if LINES[i].startswith(prefix) and "\t" not in LINES[i]:
            return i + 1
    raise AssertionError(prefix)


# The interesting parts of the seed: the tables (第二部分) and the narrative with the performance
# tables (第三部分 up to the appendix). Most of the rest is the 1,000-line service catalogue.
PART2 = _line_of("第二部分", 60)
PART3 = _line_of("第三部分", 60)
APPENDIX = _line_of("十一、国有资产占有使用情况", PART3)
AMOUNT = re.compile(r"^-?\d+(?:\.\d+)?$|^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
# (line, cell index) of every amount cell in the standard tables
TABLE_FIGURES = [
    (i + 1, k)
    for i in range(PART2, PART3 - 1)
    for k, cell in enumerate(LINES[i].split("\t"))
    if AMOUNT.match(cell.strip()) and any(ch.isdigit() for ch in cell)
]
EXPENDITURE_TOTAL_TITLE = next(
    i + 1 for i in range(PART2, PART3) if LINES[i].strip() == "2024年预算支出总表"
)
# the 合计 row of the 支出总表: the first line after its title that starts with 合计
EXPENDITURE_TOTAL_ROW = next(
    i + 1 for i in range(EXPENDITURE_TOTAL_TITLE, PART3) if LINES[i].startswith("合计\t")
)

any_line = st.integers(1, N)
interesting_line = st.integers(PART2, APPENDIX)
line_no = st.one_of(interesting_line, interesting_line, any_line)


@st.composite
def mutation(draw) -> tuple:
    kind = draw(st.sampled_from(["drop", "dup", "swap", "digit", "letter", "truncate"]))
    if kind == "swap":
        return (kind, draw(line_no), draw(line_no))
    if kind == "digit":
        return (kind, draw(line_no), draw(st.integers(0, 40)), draw(st.integers(0, 9)))
    if kind == "letter":
        letter = draw(st.sampled_from([*"aOxZe", "中", "万", "％", ".", ",", "-", "\t"]))
        return (kind, draw(line_no), draw(st.integers(0, 200)), letter)
    if kind == "truncate":
        return (kind, draw(st.integers(0, len(TEXT))))
    return (kind, draw(line_no))


def mutate(lines: list[str], op: tuple) -> list[str]:
    """Apply one mutation to a copy of ``lines`` (line numbers are 1-based, clamped)."""
    out = list(lines)
    if not out:
        return out
    kind = op[0]
    i = min(op[1], len(out)) - 1 if kind != "truncate" else 0
    if kind == "drop":
        del out[i]
    elif kind == "dup":
        out.insert(i, out[i])
    elif kind == "swap":
        j = min(op[2], len(out)) - 1
        out[i], out[j] = out[j], out[i]
    elif kind == "digit":
        out[i] = change_digit(out[i], op[2], op[3])
    elif kind == "letter":
        pos = op[2] % (len(out[i]) + 1)
        out[i] = out[i][:pos] + op[3] + out[i][pos:]
    elif kind == "truncate":
        text = "\n".join(out)
        out = text[: op[1] % (len(text) + 1)].split("\n")
    return out


def change_digit(line: str, which: int, new: int) -> str:
    """``line`` with its ``which``-th digit (mod the number of digits) replaced by another."""
    spots = [k for k, ch in enumerate(line) if ch.isdigit()]
    if not spots:
        return line
    k = spots[which % len(spots)]
    digit = str(new) if str(new) != line[k] else str((new + 1) % 10)
    return line[:k] + digit + line[k + 1 :]


def parse_text(directory: Path, lines: list[str], name: str = "mutant.txt") -> Parsed:
    path = directory / name
    path.write_text("\n".join(lines), encoding="utf-8")
    return parse_document(path)


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@functools.cache
def baseline() -> tuple[Parsed, list[dict]]:
    """The seed as parsed and reconciled unmutated (a function, not a fixture: hypothesis would
    print a fixture's whole value with every failing example)."""
    parsed = parse_document(SEED)
    return parsed, run_checks(parsed.rows)


def _flags(results: list[dict]) -> set[tuple]:
    """Failing checks as comparable tuples (what failed, and with which figures)."""
    return {
        (r["subject"], r["status"], r["expected"], r["actual"])
        for r in results
        if r["status"] != "ok"
    }


# --- every mutation: a Parsed or an IngestError, nothing else ---------------------------------


@FUZZ
@given(ops=st.lists(mutation(), min_size=1, max_size=3))
def test_a_mutated_document_parses_cleanly_or_raises_ingest_error(work: Path, ops) -> None:
    lines = LINES
    for op in ops:
        lines = mutate(lines, op)
    try:
        parsed = parse_text(work, lines)
    except IngestError as exc:
        assert exc.file  # the error names the file (and line/table where it can)
        return
    results = run_checks(parsed.rows)  # the reconciliation must not crash on what parsed
    assert all(r["status"] in ("ok", "rounding", "mismatch", "unjudged") for r in results)


# --- a changed table figure is never silently absorbed ---------------------------------------


def _changed_fields(base: Parsed, mutant: Parsed, line: int) -> list[tuple[str, int, str]]:
    """(table, row index, column) of every value that differs on ``line`` between two parses."""
    out = []
    for table, rows in base.rows.items():
        other = mutant.rows.get(table, [])
        if len(other) != len(rows):
            continue
        for n, (a, b) in enumerate(zip(rows, other, strict=True)):
            if a.get("source_line") != line:
                continue
            for col, v in a.items():
                if isinstance(v, Decimal) and b.get(col) != v:
                    out.append((table, n, col))
    return out


def _reconciled(base: Parsed, base_results: list[dict], mutant: Parsed, field: tuple) -> bool:
    """Does any check depend on ``field``? Change only that value in the baseline and see."""
    table, n, col = field
    rows = copy.copy(base.rows)
    rows[table] = [dict(r) for r in base.rows[table]]
    rows[table][n][col] = mutant.rows[table][n][col]

    def figures(results: list[dict]) -> list[tuple]:
        return [(r["subject"], r["status"], r["expected"], r["actual"]) for r in results]

    return figures(run_checks(rows)) != figures(base_results)


@FUZZ
@given(figure=st.sampled_from(TABLE_FIGURES), which=st.integers(0, 20), new=st.integers(0, 9))
def test_a_changed_digit_in_a_table_figure_is_flagged_when_the_figure_is_reconciled(
    work: Path, figure: tuple[int, int], which: int, new: int
) -> None:
    base, base_results = baseline()
    line, cell = figure
    cells = LINES[line - 1].split("\t")
    cells[cell] = change_digit(cells[cell], which, new)
    lines = list(LINES)
    lines[line - 1] = "\t".join(cells)
    try:
        mutant = parse_text(work, lines)
    except IngestError:
        return
    results = run_checks(mutant.rows)
    changed = _changed_fields(base, mutant, line)
    # The new value was read into a cell of this line: figures on other lines are unchanged
    # (except where the project tables' unit hierarchy is re-inferred from the amounts, and the
    # per-table row counts of source_table).
    for table, rows in base.rows.items():
        if table in ("project_budget", "budget_unit", "source_table"):
            continue
        assert [r for r in rows if r.get("source_line") != line] == [
            r for r in mutant.rows.get(table, []) if r.get("source_line") != line
        ], table
    new_flags = _flags(results) - _flags(base_results)
    for field in changed:
        if _reconciled(base, base_results, mutant, field):
            assert new_flags, f"{field} changed on line {line} and no check flags it"


@FUZZ
@given(which=st.integers(0, 20), new=st.integers(0, 9))
def test_a_changed_expenditure_total_row_is_always_flagged(
    work: Path, which: int, new: int
) -> None:
    base, base_results = baseline()
    lines = list(LINES)
    lines[EXPENDITURE_TOTAL_ROW - 1] = change_digit(lines[EXPENDITURE_TOTAL_ROW - 1], which, new)
    mutant = parse_text(work, lines)  # a digit for a digit: still a number, must parse
    changed = _changed_fields(base, mutant, EXPENDITURE_TOTAL_ROW)
    assert changed and all(t == "expenditure_function" for t, _, _ in changed)
    results = run_checks(mutant.rows)
    new_flags = _flags(results) - _flags(base_results)
    assert new_flags, "the 支出总表 合计 row changed and no check flags it"
    assert any(
        str(EXPENDITURE_TOTAL_ROW) in r["source_lines"].split(",")
        for r in results
        if r["status"] != "ok"
        and (r["subject"], r["status"], r["expected"], r["actual"]) in new_flags
    )


def test_the_fuzz_targets_point_at_the_tables() -> None:
    assert LINES[EXPENDITURE_TOTAL_ROW - 1].startswith("合计\t\t4266.91")
    assert len(TABLE_FIGURES) > 300


def test_a_table_whose_header_lost_a_column_still_reconciles(work: Path) -> None:
    """Found by the fuzzer: without the 项目支出预算表's second header row (一般公共预算 …) the rows
    had no general_budget key at all and the reconciliation raised KeyError. Every row now
    carries every value column of its table, None where the header does not announce it."""
    header = next(
        i
        for i in range(PART2, PART3)
        if LINES[i].startswith("\t\t一般公共预算\t政府性基金预算\t国有资本经营预算\t\t")
    )
    lines = LINES[:header] + LINES[header + 1 :]
    parsed = parse_text(work, lines)
    rows = [r for r in parsed.rows["project_budget"] if not r["carried_over"]]
    assert rows and all("general_budget_wan" in r for r in rows)
    results = run_checks(parsed.rows)
    assert any(r["status"] != "ok" for r in results)
