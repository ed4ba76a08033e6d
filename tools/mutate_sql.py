"""A small mutation tester for the named SQL queries (``queries/*.sql``).

Python mutation tools (mutmut) never touch the SQL, yet a query that fills an export's 基本 column
from 项目 or multiplies an amount by ten changes every figure shown. This tool makes such mistakes
one at a time and runs the tests that use the query; a mutant the tests do not notice *survives*
and is listed in the report. Mutation operators, each applied at one place per mutant:

- ``swap``: two neighbouring selected value columns (amounts, shares, statuses) trade expressions,
  keeping their names (``ef.basic_wan as basic, ef.project_wan as project`` → the other way);
- ``scale``: a selected amount is multiplied by 10 (not a null, typed or not: it stays null);
- ``boundary``: a comparison boundary moves (``<=`` ↔ ``<``, ``>=`` ↔ ``>``, ``= 0`` → ``= 1``,
  ``between 1 and 3`` → ``between 1 and 2`` / ``between 2 and 3``);
- ``drop_filter``: one condition of a ``where`` (or ``having``) is dropped.

Which tests run for a query: its fast value tests when :data:`FAST_TESTS` names them (seconds a
mutant); else, or with ``--broad``, the non-browser test files that name the query, those that use
a module of the library or dashboard that names it, plus :data:`EXTRA_TESTS` (the export queries
are loaded by a computed name). Each mutant runs in a copy of the checkout (the working tree is
never modified), with ``pytest -x``; the report goes to ``build/mutation/sql.md`` and
``sql.json``.

    python tools/mutate_sql.py                      # every query
    python tools/mutate_sql.py export_revenue projects --list   # the mutants only, no run
    python tools/mutate_sql.py projects --broad     # every test using it, not only its fast tests

Exit status 0 whatever survives (the report says); 2 for a bad argument or a query whose tests fail
before any mutation (nothing is measured then).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable

# Tests never run for a mutant: the browser (chromium), packaging and serving tests (slow, and they
# read no figure the other tests do not), the fuzzer (its examples are random).
EXCLUDED_TESTS = (
    "test_browser",
    "test_wheel",
    "test_serve",
    "test_deploy",
    "test_fuzz_ingest",
)
# Left out unless asked for (--corpus): the tests that ingest the whole corpus or a synthetic city
# (minutes per run); tests/test_export_values.py and the seed's tests cover the same queries with a
# Shanghai and a Jiangsu document.
CORPUS_TESTS = (
    "test_corpus",
    "test_app_corpus",
    "test_deck_corpus",
    "test_export_corpus",
    "test_load_many",
    "test_synthetic",
    "test_bulk_ingest",
)
# Test files for queries whose name is computed where they are loaded (export_<resource>), or
# that are run by a module nearly every test imports (budgetlens.cli, budgetlens.db), by prefix.
EXTRA_TESTS = {
    "export_": (
        "tests/test_export.py",
        "tests/test_export_values.py",
        "tests/test_export_corpus.py",
    ),
    # the 三公/机关运行经费 rows and a 决算's narrative: no document of the two files above has them
    "export_fiscal_items": ("tests/test_export_fiscal.py",),
    "export_execution_notes": ("tests/test_export_fiscal.py",),
    "deck_documents": ("tests/test_deck.py", "tests/test_cli_document.py"),
    "document_of": ("tests/test_deck.py", "tests/test_api.py", "tests/test_cli_document.py"),
    "documents": ("tests/test_app.py",),  # ui/data.py picks documents or documents_with_synthetic
}
# The fast value tests of a query (seconds a mutant), run for its mutants by default instead of
# every test file that uses it (the app, deck and workbook tests render whole pages or files:
# minutes a mutant); ``--broad`` (``broad=True``) runs those instead. Each entry is what the
# query's runs in docs/testing.md were measured against.
_PAGE_QUERY_TESTS = ("tests/test_page_queries.py",)
_DECK_WORKBOOK_TESTS = ("tests/test_deck_workbook_queries.py",)
FAST_TESTS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(
        (
            "admin_operating",
            "income_expense_summary",
            "expenditure_by_period",
            "revenue_class_source",
            "project_budget",
            "procurement_items",
            "performance_funds",
            "performance_indicators",
            "performance_overview",
            "performance_tables",
            "glossary",
            "check_results",
            "project_checks",
            "check_status_counts",
            "search_all",
            "catalogue_classes",
            "execution_reasons",
            "expenditure_economic",
            "fiscal_items",
        ),
        _PAGE_QUERY_TESTS,
    ),
    **dict.fromkeys(
        ("key_figures", "revenue_by_source", "expenditure_function"),
        ("tests/test_derived_values.py", *_PAGE_QUERY_TESTS),
    ),
    "projects": ("tests/test_derived_values.py", "tests/test_projects_query.py"),
    "prior_year_figures": ("tests/test_prior_year.py",),
    **dict.fromkeys(
        (
            "deck_document",
            "deck_documents",
            "deck_indicator_level2",
            "workbook_economic_rows",
            "workbook_function_rows",
            "workbook_performance_indicators",
            "workbook_raw_cells",
            "workbook_summary_items",
            "documents",
            "documents_with_synthetic",
            "document_of",
            "source_pages",
            "source_tables",
        ),
        _DECK_WORKBOOK_TESTS,
    ),
}
# Modules whose use of a query does not pick the tests importing them (every test does).
BROAD_MODULES = {"cli", "db", "queries", "pipeline"}
# How a query is called by name: data.dept_query("x"), c.q("x"), fetch(con, "x"), queries.run(con,
# "x"), load_sql("x"), and the tests' own helpers (db_query(con, "x")).
CALL = r"(?:\bq|query|fetch|load_sql|run|rows)\(\s*(?:[\w.]+,\s*)?[\"']{name}[\"']"
AMOUNT = re.compile(
    r"_wan\b|\bamount|\bvalue\b|_yuan\b|share|\bexpected\b|\bactual\b|\bdifference\b|_pct\b"
)
STATUS = re.compile(r"^\"?(status|comparator|target_kind|row_kind)\"?$")
ITEM = re.compile(
    r"^(?P<indent>\s+)(?P<expr>.+?)(?:\s+as\s+(?P<alias>\"?\w+\"?))?(?P<comma>,?)\s*$",
    re.IGNORECASE,
)
# a null, typed or not (``null::decimal(24, 6)``): ten times null is null, so it is not scaled
NULL = re.compile(r"null(\s*::\s*[\w\s(),]+)?", re.IGNORECASE)
KEYWORD_START = re.compile(r"^\s*(case|when|then|else|end|from|where|and|or|on|\))\b", re.I)


@dataclass(frozen=True)
class Mutant:
    """One mutation of one query: its id, where, what, and the whole mutated text."""

    query: str
    line: int  # 1-based line of the query file that changed (the first, for a swap)
    operator: str
    description: str
    text: str

    @property
    def id(self) -> str:
        return f"{self.query}:{self.line}:{self.operator}:{self.description}"


# --- making mutants -----------------------------------------------------------------------------


def _code(line: str) -> str:
    """The line without its ``--`` comment (no SQL here puts ``--`` inside a string)."""
    return line.split("--", 1)[0]


def _balanced(text: str) -> bool:
    return text.count("(") == text.count(")") and text.count("'") % 2 == 0


def _select_items(lines: list[str]) -> list[list[tuple[int, re.Match]]]:
    """The simple items (one balanced expression per line) of each ``select`` list, by block."""
    blocks: list[list[tuple[int, re.Match]]] = []
    current: list[tuple[int, re.Match]] | None = None
    for i, raw in enumerate(lines):
        code = _code(raw).rstrip()
        head = code.strip().lower()
        if re.match(r"^select\b", head):
            current = []
            blocks.append(current)
            rest = code.strip()[len("select") :].strip()
            if rest and rest not in ("distinct",):
                current = None  # an inline select list: left alone
            continue
        if current is None:
            continue
        if re.match(r"^(from|where|group|order|having|union|limit|\))\b", head) or not head:
            current = None
            continue
        if KEYWORD_START.match(code) or not _balanced(code):
            continue
        m = ITEM.match(code)
        if m and m["expr"].strip() not in ("*",) and not m["expr"].endswith("*"):
            current.append((i, m))
    return blocks


def _is_amount(m: re.Match) -> bool:
    return bool(AMOUNT.search(m["expr"]) or AMOUNT.search(_name(m)))


def _is_value(m: re.Match) -> bool:
    """A selected amount (its expression or name says so: ``_wan``, ``amount``, ``share`` …) or
    status: the columns whose values a swap would confuse."""
    return _is_amount(m) or bool(STATUS.match(_name(m)))


def _name(m: re.Match) -> str:
    """The column name an item gives: its alias, else the column of ``q.column``."""
    return m["alias"] or m["expr"].strip().split(".")[-1]


def _item(m: re.Match, expr: str) -> str:
    return f"{m['indent']}{expr} as {_name(m)}{m['comma']}\n"


def _swaps(query: str, lines: list[str]) -> list[Mutant]:
    out = []
    for block in _select_items(lines):
        values = [(i, m) for i, m in block if _is_value(m)]
        for (i, a), (j, b) in itertools.pairwise(values):
            if a["expr"].strip() == b["expr"].strip():
                continue
            new = list(lines)
            new[i], new[j] = _item(a, b["expr"].strip()), _item(b, a["expr"].strip())
            desc = f"swap {_name(a)} and {_name(b)}"
            out.append(Mutant(query, i + 1, "swap", desc, "".join(new)))
    return out


def _scales(query: str, lines: list[str]) -> list[Mutant]:
    out = []
    for block in _select_items(lines):
        for i, m in block:
            expr = m["expr"].strip()
            if not _is_amount(m) or expr.startswith("'") or NULL.fullmatch(expr):
                continue
            new = list(lines)
            new[i] = _item(m, f"({expr}) * 10")
            out.append(Mutant(query, i + 1, "scale", f"{_name(m)} × 10", "".join(new)))
    return out


_COMPARISON = re.compile(r"(?<![<>!=])(<=|>=|<|>)(?![<>=])")
_EQ_INT = re.compile(r"(?<![<>!=])=\s*(\d+)\b")
_BETWEEN = re.compile(r"\bbetween\s+(\d+)\s+and\s+(\d+)\b", re.IGNORECASE)
_FLIP = {"<=": "<", "<": "<=", ">=": ">", ">": ">="}


def _boundaries(query: str, lines: list[str]) -> list[Mutant]:
    out = []

    def add(i: int, line: str, desc: str) -> None:
        new = list(lines)
        new[i] = line
        out.append(Mutant(query, i + 1, "boundary", desc, "".join(new)))

    for i, raw in enumerate(lines):
        code = _code(raw)
        comment = raw[len(code) :]
        for m in _COMPARISON.finditer(code):
            op = m[1]
            line = code[: m.start()] + _FLIP[op] + code[m.end() :] + comment
            add(i, line, f"{op} → {_FLIP[op]}")
        for m in _EQ_INT.finditer(code):
            shifted = str(int(m[1]) + 1)
            line = code[: m.start(1)] + shifted + code[m.end(1) :] + comment
            add(i, line, f"= {m[1]} → = {shifted}")
        for m in _BETWEEN.finditer(code):
            lo, hi = int(m[1]), int(m[2])
            for a, b in ((lo + 1, hi), (lo, hi - 1)):
                line = code[: m.start()] + f"between {a} and {b}" + code[m.end() :] + comment
                add(i, line, f"between {lo} and {hi} → between {a} and {b}")
    return out


def _drops(query: str, lines: list[str]) -> list[Mutant]:
    """Each condition of a ``where``/``having``: an ``and`` line is removed; the first condition
    becomes ``true``."""
    out = []
    in_filter = False
    for i, raw in enumerate(lines):
        code = _code(raw).rstrip()
        head = code.strip().lower()
        m = re.match(r"^(\s*)(where|having)\s+(.+)$", code, re.IGNORECASE)
        if m:
            in_filter = True
            new = list(lines)
            new[i] = f"{m[1]}{m[2]} true\n"
            desc = f"drop {m[2].lower()} {m[3].strip()}"
            if _balanced(m[3]):
                out.append(Mutant(query, i + 1, "drop_filter", desc, "".join(new)))
            continue
        if in_filter and head.startswith("and ") and _balanced(code):
            new = list(lines)
            del new[i]
            out.append(Mutant(query, i + 1, "drop_filter", f"drop {head}", "".join(new)))
            continue
        if in_filter and not head.startswith(("and ", "or ", "not ", "(", ")")) and head:
            in_filter = head.startswith(("select 1",))
    return out


OPERATORS = {"swap": _swaps, "scale": _scales, "boundary": _boundaries, "drop_filter": _drops}


def mutants(query: str, text: str, operators: tuple[str, ...] = tuple(OPERATORS)) -> list[Mutant]:
    """Every mutant of one query's text (``query`` is its name), operator by operator.

    Raises KeyError for an unknown operator.
    """
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    found: list[Mutant] = []
    for op in operators:
        found.extend(m for m in OPERATORS[op](query, lines) if m.text != "".join(lines))
    return found


# --- which tests -------------------------------------------------------------------------------


def _calls(path: Path, query: str) -> bool:
    """Whether the file runs ``query`` by name (see :data:`CALL`)."""
    pattern = CALL.format(name=re.escape(query))
    return re.search(pattern, path.read_text(encoding="utf-8")) is not None


def tests_for(
    query: str, root: Path = ROOT, corpus: bool = False, broad: bool = False
) -> list[str]:
    """The test files (relative to ``root``) run for the mutants of ``query``: its
    :data:`FAST_TESTS` when it has an entry there (and neither ``broad`` nor ``corpus`` is set);
    else the non-browser test files that exercise it: those running it by name, those importing
    a module that runs it, and :data:`EXTRA_TESTS` by prefix; the corpus-wide tests only with
    ``corpus``."""
    if query in FAST_TESTS and not (broad or corpus):
        return [t for t in FAST_TESTS[query] if (root / t).is_file()]
    tests_dir = root / "tests"
    skip = EXCLUDED_TESTS if corpus else EXCLUDED_TESTS + CORPUS_TESTS
    files = sorted(p for p in tests_dir.glob("test_*.py") if not p.name.startswith(skip))
    users = [
        p
        for folder in ("budgetlens", "ui", "pages")
        for p in sorted((root / folder).glob("*.py"))
        if _calls(p, query) and p.stem not in BROAD_MODULES
    ]
    chosen = {p for p in files if _calls(p, query)}
    for user in users:
        module = user.stem
        if user.parent.name == "pages":  # pages run through AppTest: the app tests
            chosen |= {p for p in files if p.name.startswith("test_app")}
            continue
        package = user.parent.name
        pattern = re.compile(
            rf"(from {package} import [^\n]*\b{module}\b|{package}\.{module}\b|"
            rf"from {package}\.{module} import)"
        )
        chosen |= {p for p in files if pattern.search(p.read_text(encoding="utf-8"))}
    for prefix, extra in EXTRA_TESTS.items():
        if query.startswith(prefix):
            chosen |= {root / e for e in extra if (root / e).exists()}
    chosen = {p for p in chosen if not p.name.startswith(skip)}
    # the value tests first: with -x a wrong figure stops the run at its first failure
    ordered = sorted(chosen, key=lambda p: ("values" not in p.name, p.name))
    return [str(p.relative_to(root)) for p in ordered]


# --- running ------------------------------------------------------------------------------------


@dataclass
class Outcome:
    id: str
    query: str
    line: int
    operator: str
    description: str
    status: str  # killed | survived | timeout | error
    seconds: float
    tests: list[str]


def _sandbox(root: Path) -> Path:
    """A copy of the checkout to mutate (no .git, build, caches or virtualenv)."""
    target = Path(tempfile.mkdtemp(prefix="mutate-sql-"))
    ignore = shutil.ignore_patterns(
        ".git",
        "build",
        "mutants",
        ".venv",
        "__pycache__",
        ".pytest_cache",
        ".ruff_cache",
        "*.duckdb*",
    )
    for entry in root.iterdir():
        if entry.name in (".git", "build", "mutants", ".venv", "dist", "artifacts"):
            continue
        if entry.is_dir():
            shutil.copytree(entry, target / entry.name, ignore=ignore, symlinks=True)
        else:
            shutil.copy2(entry, target / entry.name)
    return target


def _pytest(sandbox: Path, tests: list[str], timeout: float) -> tuple[str, float]:
    env = {**os.environ, "PYTHONPATH": str(sandbox), "PYTHONDONTWRITEBYTECODE": "1"}
    cmd = [PYTHON, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests]
    start = time.monotonic()
    try:
        proc = subprocess.run(
            cmd, cwd=sandbox, env=env, capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        return "timeout", time.monotonic() - start
    took = time.monotonic() - start
    return {0: "survived", 1: "killed"}.get(proc.returncode, "error"), took


def run(
    names: list[str],
    root: Path = ROOT,
    operators: tuple[str, ...] = tuple(OPERATORS),
    log=lambda text: print(text, flush=True),
    corpus: bool = False,
    broad: bool = False,
) -> list[Outcome]:
    """Run every mutant of the named queries (all of ``root/queries`` when empty) against its
    tests (:func:`tests_for`) in a sandbox copy of ``root``; returns one outcome per mutant.

    Raises ValueError for an unknown query or when a query's tests fail unmutated.
    """
    qdir = root / "queries"
    names = names or sorted(p.stem for p in qdir.glob("*.sql"))
    for n in names:
        if not (qdir / f"{n}.sql").is_file():
            raise ValueError(f"no query named {n!r} in {qdir}")
    sandbox = _sandbox(root)
    outcomes: list[Outcome] = []
    try:
        for name in names:
            path = sandbox / "queries" / f"{name}.sql"
            original = path.read_text(encoding="utf-8")
            tests = tests_for(name, root, corpus, broad)
            found = mutants(name, original, operators)
            if not found:
                continue
            if not tests:
                for m in found:
                    outcomes.append(Outcome(m.id, name, m.line, m.operator, m.description,
                                            "survived", 0.0, []))  # fmt: skip
                log(f"{name}: {len(found)} mutants, NO TESTS use it")
                continue
            status, base = _pytest(sandbox, tests, timeout=1800)
            if status != "survived":
                raise ValueError(f"{name}: its tests {tests} fail before mutation ({status})")
            log(f"{name}: {len(found)} mutants, tests {' '.join(tests)} ({base:.0f} s unmutated)")
            try:
                for m in found:
                    path.write_text(m.text, encoding="utf-8")
                    status, took = _pytest(sandbox, tests, timeout=max(60.0, 5 * base))
                    outcomes.append(
                        Outcome(m.id, name, m.line, m.operator, m.description, status, took, tests)
                    )
                    log(f"  {status:8} {took:5.1f} s  l.{m.line} {m.operator}: {m.description}")
            finally:
                path.write_text(original, encoding="utf-8")
    finally:
        shutil.rmtree(sandbox, ignore_errors=True)
    return outcomes


def report(outcomes: list[Outcome], out: Path, seconds: float) -> Path:
    """Write ``sql.md`` (score per query, every survivor) and ``sql.json`` into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "sql.json").write_text(
        json.dumps([asdict(o) for o in outcomes], ensure_ascii=False, indent=1) + "\n",
        encoding="utf-8",
    )
    by_query: dict[str, list[Outcome]] = {}
    for o in outcomes:
        by_query.setdefault(o.query, []).append(o)
    killed = sum(o.status != "survived" for o in outcomes)
    lines = [
        "# SQL mutation report (tools/mutate_sql.py)",
        "",
        f"{len(outcomes)} mutants, {killed} killed, {len(outcomes) - killed} survived; "
        f"score {_score(outcomes)}; {seconds / 60:.1f} min.",
        "",
        "| query | mutants | killed | survived | score |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for q, rows in sorted(by_query.items()):
        k = sum(o.status != "survived" for o in rows)
        lines.append(f"| {q} | {len(rows)} | {k} | {len(rows) - k} | {_score(rows)} |")
    survivors = [o for o in outcomes if o.status == "survived"]
    lines += ["", "## Survivors", ""]
    lines += [f"- `{o.query}.sql` l.{o.line} {o.operator}: {o.description}" for o in survivors]
    if not survivors:
        lines.append("none")
    path = out / "sql.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _score(rows: list[Outcome]) -> str:
    if not rows:
        return "—"
    return f"{100 * sum(o.status != 'survived' for o in rows) / len(rows):.0f}%"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("queries", nargs="*", help="query names (default: every query)")
    parser.add_argument("--operators", default=",".join(OPERATORS), help="comma-separated")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "mutation")
    parser.add_argument("--list", action="store_true", help="list the mutants, run nothing")
    parser.add_argument("--corpus", action="store_true", help="also the corpus-wide tests")
    parser.add_argument(
        "--broad",
        action="store_true",
        help="every test file using a query, not its fast tests (FAST_TESTS)",
    )
    args = parser.parse_args(argv)
    operators = tuple(o for o in args.operators.split(",") if o)
    unknown = [o for o in operators if o not in OPERATORS]
    if unknown:
        print(f"unknown operator(s) {unknown}: expected {list(OPERATORS)}", file=sys.stderr)
        return 2
    if args.list:
        names = args.queries or sorted(p.stem for p in (ROOT / "queries").glob("*.sql"))
        for n in names:
            text = (ROOT / "queries" / f"{n}.sql").read_text(encoding="utf-8")
            found = mutants(n, text, operators)
            tests = " ".join(tests_for(n, ROOT, args.corpus, args.broad)) or "NONE"
            print(f"{n}: {len(found)} mutants; tests: {tests}")
            for m in found:
                print(f"  l.{m.line} {m.operator}: {m.description}")
        return 0
    # stopped (kill, Ctrl-C): leave through the finally blocks, which remove the sandbox
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    start = time.monotonic()
    try:
        outcomes = run(args.queries, ROOT, operators, corpus=args.corpus, broad=args.broad)
    except ValueError as exc:
        print(f"mutate_sql: {exc}", file=sys.stderr)
        return 2
    path = report(outcomes, args.out, time.monotonic() - start)
    print(f"report: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
