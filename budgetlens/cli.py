"""The ``budgetlens`` command line.

Every command works on ``data/budget.duckdb`` under the current directory unless ``--db PATH``
says otherwise. Exit status: 0 on success, 1 when ``check --fail-on-mismatch`` finds a mismatch,
2 on bad input (the error names file, line, table and what was expected; for ``deck`` and
``workbook``, a department or year the database does not hold, with what it does hold).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from budgetlens import __version__
from budgetlens.errors import IngestError

DEFAULT_DB = Path("data") / "budget.duckdb"


def _ingest(args: argparse.Namespace) -> int:
    from budgetlens import checks, db
    from budgetlens.ingest import parse_files

    started = time.perf_counter()
    # Parse and reconcile every file before opening the database: a bad file changes nothing.
    parsed = [(p, checks.run_checks(p.rows, p.layout)) for p in parse_files(args.files)]
    con = db.connect(args.db)
    try:
        for p, results in parsed:
            counts = db.load(con, p, results)
            summary = checks.summarise(results)
            print(
                f"{'; '.join(p.files)}: {p.document} (layout {p.layout}): "
                f"{sum(counts.values())} rows; checks: {summary['ok']} ok, "
                f"{summary['rounding']} rounding, {summary['mismatch']} mismatch"
            )
    finally:
        con.close()
    print(
        f"ingested {len(parsed)} document(s) into {args.db} in "
        f"{time.perf_counter() - started:.3f} s"
    )
    return 0


def _check(args: argparse.Namespace) -> int:
    from budgetlens import checks, db

    con = db.connect(args.db)
    try:
        docs = [
            d
            for d in db.documents(con)
            if (args.department is None or d["department"] == args.department)
            and (args.year is None or d["year"] == args.year)
        ]
        if not docs:
            print(
                "no matching document in the database; run 'budgetlens ingest FILE' first",
                file=sys.stderr,
            )
            return 2
        worst = 0
        for d in docs:
            rows = db.document_rows(con, d["document"])
            results = checks.run_checks(rows, d["layout"])
            db.replace_checks(con, d, results)
            shown = [r for r in results if args.all or r["status"] != "ok"]
            if args.status:
                shown = [r for r in results if r["status"] in args.status]
            print(f"# {d['department']} {d['year']} ({d['source_file']})")
            print(format_table(shown))
            s = checks.summarise(results)
            print(
                f"{len(results)} checks: {s['ok']} ok, {s['rounding']} rounding, "
                f"{s['mismatch']} mismatch\n"
            )
            if s["mismatch"]:
                worst = 1
        return worst if args.fail_on_mismatch else 0
    finally:
        con.close()


def format_table(results: list[dict]) -> str:
    """Check results as a plain-text table: status, kind, subject, figures, lines."""
    head = ("status", "check", "subject", "expected", "actual", "difference", "lines")
    rows = [head]
    for r in results:
        rows.append(
            (
                r["status"],
                r["check_kind"],
                r["subject"],
                "" if r["expected"] is None else f"{r['expected']:,.2f}",
                "" if r["actual"] is None else f"{r['actual']:,.2f}",
                "" if r["difference"] is None else f"{r['difference']:+,.2f}",
                r["source_lines"],
            )
        )
    widths = [max(_width(row[i]) for row in rows) for i in range(len(head))]
    lines = []
    for k, row in enumerate(rows):
        lines.append("  ".join(_pad(str(c), w) for c, w in zip(row, widths, strict=True)).rstrip())
        if k == 0:
            lines.append("  ".join("-" * w for w in widths))
        if k and results[k - 1]["status"] != "ok" and results[k - 1]["detail"]:
            lines.append(" " * (widths[0] + 2) + "└ " + results[k - 1]["detail"])
    return "\n".join(lines)


def _width(text: str) -> int:
    # CJK characters take two columns in a terminal
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in str(text))


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _export(args: argparse.Namespace) -> int:
    from budgetlens import db, export

    con = db.connect(args.db)
    try:
        written = export.export_package(con, Path(args.dir))
    finally:
        con.close()
    for path, n in written.items():
        print(f"{path}: {n} rows")
    return 0


def resolve_document(
    db_path: str, department: str | None, year: int | None
) -> tuple[str, int] | str:
    """The (department, year) that the deck and workbook commands should use, or an error text.

    Both must match a row of the ``document`` table. When --department and/or --year are left
    out, the documents that match the ones given are taken if there is exactly one. The error
    text lists what the database holds.
    """
    from budgetlens import db
    from budgetlens.storyline import fetch

    if not Path(db_path).is_file():
        return f"no database at {db_path}; run 'budgetlens ingest FILE --db {db_path}' first"
    con = db.connect(db_path, read_only=True)
    try:
        docs = fetch(con, "deck_documents")
    finally:
        con.close()
    matches = [
        d
        for d in docs
        if (department is None or d["department"] == department)
        and (year is None or d["year"] == year)
    ]
    if len(matches) == 1:
        return matches[0]["department"], matches[0]["year"]
    listing = "\n".join(f"  --department {d['department']} --year {d['year']}" for d in docs)
    if not docs:
        return f"the database {db_path} holds no document; run 'budgetlens ingest FILE' first"
    if not matches:
        asked = " ".join(
            x for x in (department and f"department {department}", year and f"year {year}") if x
        )
        return f"no document for {asked} in {db_path}; the database holds:\n{listing}"
    return f"{len(matches)} documents match; choose one with --department and --year:\n{listing}"


def _deck(args: argparse.Namespace) -> int:
    from budgetlens import db
    from budgetlens.deck import build_deck

    found = resolve_document(args.db, args.department, args.year)
    if isinstance(found, str):
        print(f"error: {found}", file=sys.stderr)
        return 2
    department, year = found
    con = db.connect(args.db, read_only=True)
    try:
        drawn = build_deck(con, department, year, args.output, lang=args.lang)
    finally:
        con.close()
    print(f"{args.output}: {len(drawn)} slides ({department} {year}, {args.lang})")
    return 0


def _workbook(args: argparse.Namespace) -> int:
    from budgetlens import db
    from budgetlens.workbook import build_workbook

    found = resolve_document(args.db, args.department, args.year)
    if isinstance(found, str):
        print(f"error: {found}", file=sys.stderr)
        return 2
    department, year = found
    con = db.connect(args.db, read_only=True)
    try:
        sheets = build_workbook(con, department, year, args.output)
    finally:
        con.close()
    print(f"{args.output}: {len(sheets)} sheets ({department} {year})")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="budgetlens",
        description="BudgetLens (预算透视): ingest Chinese department budget disclosures "
        "(部门预算公开) into DuckDB, reconcile them against themselves, export open data.",
    )
    parser.add_argument("--version", action="version", version=f"budgetlens {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    def db_arg(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--db",
            default=str(DEFAULT_DB),
            help="DuckDB database file (default: data/budget.duckdb)",
        )

    p = sub.add_parser(
        "ingest",
        help="parse, validate and load disclosure text files (all or nothing)",
        description="Parse every FILE completely, then load them in one transaction each. A "
        "document replaces the same department and year; others are added alongside. A bad "
        "file aborts before the database is touched.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="disclosure text extracted from PDF")
    db_arg(p)
    p.set_defaults(func=_ingest)

    p = sub.add_parser(
        "check",
        help="reconcile each document against itself and print the findings",
        description="Re-run the reconciliation on what the database holds, store it, and print "
        "every check that is not ok (or all with --all).",
    )
    db_arg(p)
    p.add_argument("--department", help="only this department")
    p.add_argument("--year", type=int, help="only this year")
    p.add_argument("--all", action="store_true", help="print ok checks too")
    p.add_argument(
        "--status",
        nargs="+",
        choices=["ok", "rounding", "mismatch"],
        help="print only checks with these statuses",
    )
    p.add_argument(
        "--fail-on-mismatch",
        action="store_true",
        help="exit with status 1 when any check is a mismatch",
    )
    p.set_defaults(func=_check)

    p = sub.add_parser(
        "export",
        help="write an open-data package (datapackage.json + CSV) to DIR",
        description="Write a Frictionless Data Package: datapackage.json and one CSV per "
        "resource (UTF-8 with BOM; amounts in 万元 unless the column name ends in _yuan).",
    )
    p.add_argument("dir", metavar="DIR")
    db_arg(p)
    p.set_defaults(func=_export)

    def document_args(p: argparse.ArgumentParser) -> None:
        p.add_argument("--department", help="部门 as in the database (default: the only one)")
        p.add_argument("--year", type=int, help="budget year (default: the only one)")
        db_arg(p)

    p = sub.add_parser(
        "deck",
        help="write a 16:9 PPTX deck (native charts and tables) for one department-year",
        description="Write the storyline of one department-year as a PPTX deck: native, "
        "editable charts and tables, every figure from the database with its source line.",
    )
    document_args(p)
    p.add_argument("-o", "--output", required=True, metavar="FILE.pptx")
    p.add_argument("--lang", choices=["zh", "en"], default="zh", help="deck language")
    p.set_defaults(func=_deck)

    p = sub.add_parser(
        "workbook",
        help="write an XLSX workbook of every table, indicator, figure and check",
        description="Write one department-year as an XLSX workbook: a cover, one sheet per "
        "table of the document (本表无数据 for empty ones), the performance indicators, the key "
        "figures and every reconciliation finding, each row with its source_line.",
    )
    document_args(p)
    p.add_argument("-o", "--output", required=True, metavar="FILE.xlsx")
    p.set_defaults(func=_workbook)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from budgetlens.db import SchemaMismatch

    try:
        return args.func(args)
    except (IngestError, SchemaMismatch) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
