"""Mutation testing of the Python code with mutmut, one module at a time or all at once.

mutmut (3.x) copies the checkout into ``mutants/``, makes every mutant of the code it is told to
mutate, learns which tests call which function, then runs, for each mutant, only the tests that
reach it. What it mutates is ``[tool.mutmut]`` in pyproject.toml: the whole library, the
dashboard's number formats (ui/fmt.py) and data access (ui/data.py). Each module is run alone
against the fast tests that cover it (:data:`SCOPES`), in a copy of the checkout whose
pyproject.toml is narrowed to it:

    python tools/mutate_py.py budgetlens/export.py ui/fmt.py   # scoped runs, one after another
    python tools/mutate_py.py 'budgetlens/checks_years.py:*_where*'  # the functions matching globs
                                                                # (comma-separated)
    python tools/mutate_py.py --all                             # every module, one after another

Each run happens afresh in ``build/mutation/work-<name>/`` (``--resume`` keeps former results) and
writes ``build/mutation/py-<name>.md``: the counts by status, the score, and the diff of every
surviving mutant. ``--all`` (what ``make mutate`` runs: hours on a 2-core machine) runs every
module of the configuration that way and keeps ``build/mutation/report.md`` up to date after each:
one row per module (mutants, kills, survivors, score, minutes) and the totals; a module holding no
function (declarations only: mutmut mutates function bodies) is listed, not run. Exit status 0
whatever survives; 2 for a module without a scope (``--all`` checks every module before it starts),
1 when mutmut itself fails (its clean test run fails, for one; ``--all`` goes on with the next
module and says so in the report).
"""

from __future__ import annotations

import argparse
import ast
import fnmatch
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "build" / "mutation"
# A module and the fast non-browser tests that cover its figures.
SCOPES: dict[str, tuple[str, ...]] = {
    # the seed alone, ingested once per process (tests/test_export_package_values.py; it runs
    # test_export_values.py's Jincheng tests too, whose own module ingests three documents: ≈ 95 s
    # a mutant). Not test_export.py: it ingests the seed again for every mutant and more than
    # doubles the time (7 s → 16 s a mutant, measured in a forked process)
    "budgetlens/export.py": ("tests/test_export_package_values.py",),
    "ui/fmt.py": ("tests/test_derived_values.py",),
    "budgetlens/amounts.py": ("tests/test_amounts_values.py", "tests/test_vocabulary.py"),
    # called directly against copies of the seed database (≈ 6 s; tests/test_app.py renders the
    # pages with AppTest: minutes a mutant)
    "ui/data.py": ("tests/test_data_values.py",),
    "budgetlens/check_core.py": ("tests/test_check_core_values.py",),
    "budgetlens/resources.py": ("tests/test_resources_values.py",),
    "budgetlens/checks.py": ("tests/test_derived_values.py", "tests/test_checks.py"),
    # the reconciliation's families: tables and rows made for the case, the seed's checks at
    # ingest, one Shanghai unit budget parsed once (a few seconds; not test_export_values.py, whose
    # three ingests take ≈ 95 s a mutant)
    "budgetlens/checks_tables.py": (
        "tests/test_checks_tables_values.py",
        "tests/test_checks_tables.py",
        "tests/test_checks_families.py",
        "tests/test_checks.py",
        "tests/test_derived_values.py",
    ),
    "budgetlens/checks_cross.py": (
        "tests/test_checks_cross.py",
        "tests/test_checks_families.py",
        "tests/test_checks.py",
        "tests/test_checks_tables.py",
    ),
    # rows made for the case (tests/test_prior_year.py ingests seven PDFs: ≈ 40 s)
    "budgetlens/checks_years.py": ("tests/test_checks_years.py",),
    "budgetlens/queries.py": (
        "tests/test_derived_values.py",
        "tests/test_export.py",
        "tests/test_app.py::test_load_sql_rejects_bad_names",
    ),
    "budgetlens/storyline.py": (
        "tests/test_storyline_values.py",
        "tests/test_deck.py",
        "tests/test_derived_values.py",
    ),
    "budgetlens/layout.py": ("tests/test_layouts.py", "tests/test_pdf_errors.py"),
    "budgetlens/grid.py": (
        "tests/test_grid_values.py",
        "tests/test_grid_summary.py",
        "tests/test_grid_final.py",
        "tests/test_pdf_errors.py",
    ),
    # four corpus documents ingested afresh (their pages read by pdf.py once a session) and
    # inputs made for the case (test_export_values.py: ≈ 95 s a mutant; test_pdf_errors.py ≈ 45 s)
    "budgetlens/pdf_ingest.py": ("tests/test_pdf_ingest_values.py",),
    "budgetlens/ingest.py": (
        "tests/test_ingest_seed.py",
        "tests/test_ingest_errors.py",
        "tests/test_ingest_parts.py",
    ),
    "budgetlens/mappings.py": ("tests/test_ingest_seed.py", "tests/test_synthetic.py"),
    "budgetlens/targets.py": ("tests/test_targets.py", "tests/test_amounts_values.py"),
    # the 决算 families: tables made for each case, and the corpus 决算's reconciliation (its
    # PDFs parsed once, tests/conftest.py corpus_documents; mutmut forks each mutant from there)
    "budgetlens/checks_final.py": (
        "tests/test_checks_final_values.py",
        "tests/test_corpus_final.py::test_reconciliation_of_a_final_reports_its_own_contradictions",
        "tests/test_corpus_final.py::test_a_broken_balance_is_a_mismatch",
    ),
    # tables made for the case only: with the seed's tests/test_checks.py (an ingest a mutant)
    # and tests/test_synthetic.py a mutant took ≈ 10 s at load 9 (docs/testing.md)
    "budgetlens/checks_performance.py": (
        "tests/test_checks_performance_values.py",
        "tests/test_checks_families.py",
    ),
    "budgetlens/check_labels.py": (
        "tests/test_check_labels_values.py",
        "tests/test_check_rules.py::test_every_kind_a_rule_reports_has_labels",
        "tests/test_check_rules.py::test_statuses_include_what_cannot_be_judged",
        "tests/test_checks_families.py::test_procurement_subjects_read_in_english_without_chinese",
    ),
    "budgetlens/checks_narrative.py": (
        "tests/test_checks_narrative_values.py",
        "tests/test_checks_families.py",
        "tests/test_checks.py",
    ),
    # the modules between the readers and the pages: their own tests (seconds each, no corpus)
    "budgetlens/aliases.py": (
        "tests/test_catalogue.py::test_alias_table_is_well_formed_and_validated",
        "tests/test_catalogue.py::test_the_alias_table_is_read_as_strings_and_errors_name_the_line",
        "tests/test_catalogue.py::test_a_document_published_under_an_alias_joins_its_department",
    ),
    "budgetlens/api.py": ("tests/test_api.py",),
    "budgetlens/cli.py": ("tests/test_cli_errors.py", "tests/test_cli_document.py"),
    "budgetlens/db.py": ("tests/test_pipeline.py", "tests/test_atomic_ingest.py"),
    "budgetlens/errors.py": ("tests/test_ingest_errors.py", "tests/test_api.py"),
    "budgetlens/pipeline.py": ("tests/test_pipeline.py", "tests/test_atomic_ingest.py"),
    "budgetlens/settings.py": ("tests/test_settings.py",),
    "budgetlens/vocabulary.py": ("tests/test_vocabulary.py",),
    "budgetlens/pdf.py": ("tests/test_grid_summary.py", "tests/test_layouts.py"),
    # plan against actual: the synthetic city's pairs (made once a test module)
    "budgetlens/execution.py": ("tests/test_execution.py",),
    "budgetlens/deck_execution.py": ("tests/test_execution.py",),
    "budgetlens/workbook_execution.py": ("tests/test_execution.py",),
    # the seed's workbook, written once a module and read back with openpyxl, its cells against
    # the hand reading; the helpers on rows made for the case (≈ 6 s together)
    "budgetlens/workbook.py": ("tests/test_workbook_values.py", "tests/test_workbook.py"),
    # a storyline made for the case, drawn without a database (≈ 1 s), then the seed's deck
    # written once a module in each language (≈ 3 s)
    "budgetlens/deck.py": ("tests/test_deck_values.py", "tests/test_deck.py"),
    # the text readers ingest.py calls: called directly on the seed's text and on text made for
    # the case (tests/test_text_readers_values.py, ≈ 2 s), and the seed ingested once
    # (tests/test_ingest_seed.py, ≈ 5 s)
    "budgetlens/tables.py": ("tests/test_text_readers_values.py", "tests/test_ingest_seed.py"),
    "budgetlens/narrative.py": ("tests/test_text_readers_values.py", "tests/test_ingest_seed.py"),
    "budgetlens/performance.py": (
        "tests/test_text_readers_values.py",
        "tests/test_ingest_seed.py",
    ),
    "budgetlens/source.py": ("tests/test_text_readers_values.py", "tests/test_ingest_seed.py"),
    "budgetlens/prior_year.py": ("tests/test_text_readers_values.py", "tests/test_ingest_seed.py"),
    # the PDF table readers besides grid.py: grids made for the case (tests/test_grid_final.py and
    # tests/test_grid_readers_values.py, ≈ 2 s), not the corpus tests that parse PDFs
    "budgetlens/grid_final.py": ("tests/test_grid_final.py", "tests/test_grid_readers_values.py"),
    "budgetlens/grid_procurement.py": ("tests/test_grid_readers_values.py",),
    "budgetlens/grid_projects.py": ("tests/test_grid_readers_values.py",),
    "budgetlens/narrative_final.py": ("tests/test_grid_readers_values.py",),
    "budgetlens/grid_performance.py": ("tests/test_grid_readers_values.py",),
}
SKIP = {".git", "build", "mutants", ".venv", "dist", "artifacts"}
IGNORE = shutil.ignore_patterns(
    "__pycache__", ".pytest_cache", ".ruff_cache", "*.duckdb", "*.duckdb.wal", "mutants"
)
STATUS = re.compile(r"^\s+(?P<name>\S+): (?P<status>.+)$")


def _split(spec: str) -> tuple[str, str | None]:
    """``module[:function-globs]`` → (module, comma-separated globs of its mutant names or
    None)."""
    module, _, functions = spec.partition(":")
    return module, functions or None


def _slug(spec: str) -> str:
    module, functions = _split(spec)
    name = module.removesuffix(".py").replace("/", ".")
    return name + (f"-{re.sub(r'[^A-Za-z0-9_]+', '', functions)}" if functions else "")


def _workdir(name: str, resume: bool = False) -> Path:
    """A copy of the checkout for one run: fresh, or refreshed keeping mutmut's results (resume;
    mutmut keeps a result when only tests changed, so a fresh run is the default)."""
    work = OUT / f"work-{name}"
    if not resume:
        shutil.rmtree(work / "mutants", ignore_errors=True)
    work.mkdir(parents=True, exist_ok=True)
    for entry in ROOT.iterdir():
        if entry.name in SKIP:
            continue
        target = work / entry.name
        if entry.is_dir():
            shutil.copytree(entry, target, ignore=IGNORE, dirs_exist_ok=True)
        else:
            shutil.copy2(entry, target)
    return work


def _narrow(pyproject: Path, module: str, tests: tuple[str, ...]) -> None:
    """Rewrite ``[tool.mutmut]`` of the copy: mutate ``module`` only, select ``tests``."""
    text = pyproject.read_text(encoding="utf-8")
    config = tomllib.loads(text)["tool"]["mutmut"]
    start = text.index("[tool.mutmut]")
    rest = text[start + len("[tool.mutmut]") :]
    following = re.search(r"^\[", rest, re.MULTILINE)
    end = start + len("[tool.mutmut]") + (following.start() if following else len(rest))

    def toml_list(items) -> str:
        return "[" + ", ".join(f'"{i}"' for i in items) + "]"

    section = "\n".join(
        [
            "[tool.mutmut]",
            f"source_paths = {toml_list(config['source_paths'])}",
            f"only_mutate = {toml_list([module])}",
            f"also_copy = {toml_list(config['also_copy'])}",
            f"pytest_add_cli_args = {toml_list(config.get('pytest_add_cli_args', []))}",
            f"pytest_add_cli_args_test_selection = {toml_list(tests)}",
            f"timeout_multiplier = {config.get('timeout_multiplier', 15.0)}",
            "",
            "",
        ]
    )
    pyproject.write_text(text[:start] + section + text[end:], encoding="utf-8")


def _mutmut(work: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mutmut", *args],
        cwd=work,
        capture_output=True,
        text=True,
        # without PYTHONPATH: the tests must import the mutated copy, never a checkout
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
    )


@dataclass
class Run:
    """One module's run: its mutants' counts by mutmut status, minutes, and its report."""

    spec: str
    counts: dict[str, int] = field(default_factory=dict)
    minutes: float = 0.0
    report: Path | None = None
    note: str = ""  # why nothing was counted: no function to mutate, mutmut failed


KILLED = ("killed", "timeout", "caught by type check")
NOT_TESTED = ("skipped", "not checked")


def score(counts: dict[str, int]) -> str:
    """Killed (a test failed, the run timed out, a type check caught it) over the mutants tested,
    as a whole percent; "—" when none was tested."""
    tested = sum(n for s, n in counts.items() if s not in NOT_TESTED)
    killed = sum(n for s, n in counts.items() if s in KILLED)
    return f"{100 * killed / tested:.0f}%" if tested else "—"


def modules(root: Path = ROOT) -> list[str]:
    """The modules ``[tool.mutmut]`` mutates: its ``only_mutate`` globs expanded to ``.py`` files,
    in path order."""
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mutmut"]
    found = {
        path.relative_to(root).as_posix()
        for pattern in config["only_mutate"]
        for path in root.glob(pattern)
        if path.suffix == ".py" and path.is_file()
    }
    return sorted(found)


def has_functions(path: Path) -> bool:
    """Whether the module defines a function or method: mutmut 3 mutates function bodies only, so
    a module of declarations (constants, dataclass fields) has no mutant."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return any(isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) for n in ast.walk(tree))


def summary(runs: list[Run], started: str, max_children: int, path: Path) -> Path:
    """Write the report of an ``--all`` run so far: one row per module, then the totals."""
    statuses = sorted({s for r in runs for s in r.counts})
    total: dict[str, int] = {}
    for r in runs:
        for s, n in r.counts.items():
            total[s] = total.get(s, 0) + n
    head = ["module", "tests", "mutants", *statuses, "score", "minutes", "report"]
    lines = [
        "# Mutation testing: every module (tools/mutate_py.py --all)",
        "",
        f"Started {started}; {max_children} workers; load average now "
        + " ".join(f"{x:.1f}" for x in os.getloadavg())
        + ". Each module runs against its fast tests (SCOPES in tools/mutate_py.py); a survivor's "
        "diff is in the module's report; docs/testing.md says which survivors are equivalent. "
        "The SQL queries: build/mutation/sql.md (tools/mutate_sql.py).",
        "",
        "| " + " | ".join(head) + " |",
        "| " + " | ".join(["---", "---"] + ["---:"] * (len(head) - 3) + ["---"]) + " |",
    ]
    for r in runs:
        module = _split(r.spec)[0]
        cells = [
            f"`{r.spec}`",
            " ".join(f"`{t}`" for t in SCOPES.get(module, ())),
            str(sum(r.counts.values())) if r.counts else (r.note or "0"),
            *[str(r.counts.get(s, 0)) for s in statuses],
            score(r.counts),
            f"{r.minutes:.1f}",
            r.report.name if r.report else "—",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append(
        "| "
        + " | ".join(
            [
                f"**{len(runs)} modules**",
                "",
                str(sum(total.values())),
                *[str(total.get(s, 0)) for s in statuses],
                score(total),
                f"{sum(r.minutes for r in runs):.1f}",
                "",
            ]
        )
        + " |"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run_all(max_children: int, resume: bool = False) -> int:
    """Run every module of the configuration against its scope, one after another, writing
    ``build/mutation/report.md`` after each. Returns the exit status: 2 (nothing run) when a
    module with functions has no scope, 1 when mutmut failed for a module, else 0."""
    names = modules()
    unscoped = [m for m in names if m not in SCOPES and has_functions(ROOT / m)]
    if unscoped:
        print(f"--all: no scope (SCOPES in tools/mutate_py.py) for {unscoped}", file=sys.stderr)
        return 2
    started = time.strftime("%Y-%m-%d %H:%M")
    runs: list[Run] = []
    failed = False
    for module in names:
        if not has_functions(ROOT / module):
            run = Run(module, note="no function")
        else:
            run = run_one(module, max_children, resume)
            failed |= bool(run.note)
        runs.append(run)
        summary(runs, started, max_children, OUT / "report.md")
    print(f"--all: {len(runs)} modules -> {(OUT / 'report.md').relative_to(ROOT)}", flush=True)
    return 1 if failed else 0


def run_one(spec: str, max_children: int, resume: bool = False, report_only: bool = False) -> Run:
    """Run mutmut for ``spec`` (``module[:function-glob]``) against the module's scope; returns
    the counts by status, the minutes and the report, or a run noting that mutmut failed (its
    output is in the log beside the report)."""
    module, functions = _split(spec)
    name = _slug(spec)
    work = OUT / f"work-{name}" if report_only else _workdir(name, resume)
    _narrow(work / "pyproject.toml", module, SCOPES[module])
    dotted = module.removesuffix(".py").replace("/", ".")
    wanted = [f"{dotted}.{f}" for f in functions.split(",")] if functions else []
    start = time.monotonic()
    if not report_only:
        proc = _mutmut(work, "run", "--max-children", str(max_children), *wanted)
        OUT.mkdir(parents=True, exist_ok=True)
        (OUT / f"py-{name}.log").write_text(proc.stdout + proc.stderr, encoding="utf-8")
        if proc.returncode != 0:
            print(f"{module}: mutmut failed (build/mutation/py-{name}.log)", flush=True)
            minutes = (time.monotonic() - start) / 60
            return Run(spec, minutes=minutes, note=f"mutmut failed: py-{name}.log")
    took = time.monotonic() - start
    results = _mutmut(work, "results", "--all", "true").stdout
    statuses: dict[str, str] = {}
    for line in results.splitlines():
        m = STATUS.match(line)
        if m and (not wanted or any(fnmatch.fnmatch(m["name"], w) for w in wanted)):
            statuses[m["name"]] = m["status"].strip()
    counts: dict[str, int] = {}
    for s in statuses.values():
        counts[s] = counts.get(s, 0) + 1
    survivors = sorted(k for k, s in statuses.items() if s in ("survived", "no tests"))
    lines = [
        f"# mutmut: {spec}",
        "",
        f"tests: {' '.join(SCOPES[module])}",
        f"{len(statuses)} mutants; " + ", ".join(f"{s} {n}" for s, n in sorted(counts.items())),
        f"score {score(counts)} (killed or timed out / tested); {took / 60:.1f} min "
        f"with {max_children} workers",
        "",
        "## Survivors",
        "",
    ]
    for key in survivors:
        diff = _mutmut(work, "show", key).stdout.strip()
        lines += [f"### {key} ({statuses[key]})", "", "```diff", diff, "```", ""]
    if not survivors:
        lines.append("none")
    path = OUT / f"py-{name}.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{spec}: {lines[3]}; {lines[4]} -> {path.relative_to(ROOT)}", flush=True)
    return Run(spec, counts, took / 60, path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", help=f"one or more of {sorted(SCOPES)}")
    parser.add_argument(
        "--all",
        action="store_true",
        help="every module of [tool.mutmut], each against its scope: build/mutation/report.md",
    )
    parser.add_argument(
        "--max-children",
        type=int,
        default=int(os.environ.get("MUTATE_WORKERS") or 2),
        help="parallel test runs (default: $MUTATE_WORKERS, else 2)",
    )
    parser.add_argument("--resume", action="store_true", help="keep the results of a former run")
    parser.add_argument(
        "--report-only",
        action="store_true",
        help="write the report of the results so far (of a run stopped, or still running)",
    )
    args = parser.parse_args(argv)
    unknown = [m for m in args.modules if _split(m)[0] not in SCOPES]
    if unknown or not (args.modules or args.all):
        print(f"name modules with a scope: {sorted(SCOPES)}, or --all", file=sys.stderr)
        return 2
    if args.all:
        return run_all(args.max_children, args.resume)
    failed = False
    for module in args.modules:
        failed |= bool(run_one(module, args.max_children, args.resume, args.report_only).note)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
