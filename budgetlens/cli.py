"""The ``budgetlens`` command line.

Every command works on the database of the settings (:mod:`budgetlens.settings`:
``$BUDGETLENS_DB``, else ``data/budget.duckdb`` under the current directory) unless ``--db PATH``
says otherwise. Only ``ingest`` (and ``check --store``) write to it; every other command opens it
read-only, so it works while the dashboard serves the same file, and never creates one.

Exit status: 0 on success, 1 when ``check --fail-on-mismatch`` finds a mismatch, 2 on a user's
mistake or a database problem, always as one sentence on stderr and never a traceback: bad input
(the error names file, line, table and what was expected), a database that is missing, locked by
a writer, not a DuckDB file or of another schema version, a full disk, an unwritable output, an
invalid setting; for ``deck`` and ``workbook``, a department or year the database does not hold,
with what it does hold. 130 when interrupted.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
import traceback
from pathlib import Path

from budgetlens import __version__
from budgetlens import settings as settings_module
from budgetlens.errors import DatabaseError, IngestError
from budgetlens.settings import Settings, SettingsError


def _settings(args: argparse.Namespace) -> Settings:
    """The settings of this run: the environment's, with --db when given."""
    return settings_module.current().with_db(getattr(args, "db", None))


def _ingest(args: argparse.Namespace) -> int:
    from budgetlens import pipeline

    database = _settings(args).db
    shown = ProgressLine(sys.stderr, every_step=args.progress)

    def report(d: pipeline.Loaded) -> None:
        shown.clear()
        print(
            f"{d.path}: {d.document} (layout {d.layout}): {d.rows} rows; checks: {d.ok} ok, "
            f"{d.rounding} rounding, {d.mismatch} mismatch, {d.unjudged} unjudged"
        )

    # Every file is parsed (in --workers processes) and reconciled before the database is
    # opened: a bad file changes nothing. Then one transaction for all the documents.
    try:
        result = pipeline.ingest(
            args.files,
            database,
            workers=args.workers or pipeline.default_workers(),
            on_loaded=report,
            on_progress=shown.step,
        )
    finally:
        shown.clear()  # the error sentence, or the summary, starts on a clean line
    print(f"ingested {len(result.documents)} document(s) into {database} in {result.total_s:.3f} s")
    return 0


class ProgressLine:
    """The ingest's progress on ``stream``: ``[#####.....] parsed 3/12 files 1.2 s``.

    On a terminal one line is redrawn in place and wiped by :meth:`clear` (before a report line or
    the error sentence); elsewhere (a log, a pipe) nothing is shown unless ``every_step``, which
    writes one plain line per step.
    """

    def __init__(self, stream, *, every_step: bool = False) -> None:
        self.stream = stream
        self.tty = bool(getattr(stream, "isatty", lambda: False)())
        self.on = self.tty or every_step
        self.drawn = False
        self.started = time.perf_counter()

    def text(self, step: str, done: int, total: int) -> str:
        if step == "loading":
            return f"loading {total} document(s) in one transaction"
        width = 20
        filled = width * done // total if total else width
        bar = "#" * filled + "." * (width - filled)
        noun = "files" if step == "parsed" else "documents"
        return f"[{bar}] {step} {done}/{total} {noun} {time.perf_counter() - self.started:.1f} s"

    def step(self, step: str, done: int, total: int) -> None:
        if not self.on:
            return
        if self.tty:
            self.stream.write("\r\033[K" + self.text(step, done, total))
            self.drawn = True
        else:
            self.stream.write(self.text(step, done, total) + "\n")
        self.stream.flush()

    def clear(self) -> None:
        if self.drawn:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self.drawn = False


def _check(args: argparse.Namespace) -> int:
    from budgetlens import checks, db
    from budgetlens.api import reconciliations

    # Read-only unless asked to store the fresh findings (which needs the write lock).
    con = db.connect(_settings(args).db, read_only=not args.store)
    try:
        found = list(reconciliations(con, department=args.department, year=args.year))
        if not found:
            print(
                "no matching document in the database; run 'budgetlens ingest FILE' first",
                file=sys.stderr,
            )
            return 2
        worst = 0
        for d, results in found:
            if args.store:
                db.replace_checks(con, d, results)
            shown = [r for r in results if args.all or r["status"] != "ok"]
            if args.status:
                shown = [r for r in results if r["status"] in args.status]
            print(f"# {d['department']} {d['year']} ({d['source_file']})")
            print(format_table(shown))
            s = checks.summarise(results)
            print(
                f"{len(results)} checks: {s['ok']} ok, {s['rounding']} rounding, "
                f"{s['mismatch']} mismatch, {s['unjudged']} unjudged\n"
            )
            if s["mismatch"]:
                worst = 1
        years = _between_years(con, {d["document"] for d, _ in found})
        if years:
            shown = [r for r in years if args.all or r["status"] != "ok"]
            if args.status:
                shown = [r for r in years if r["status"] in args.status]
            print("# between years: prior-year figures stated in a narrative vs the loaded year")
            print(format_table(shown))
            s = checks.summarise(years)
            print(
                f"{len(years)} checks: {s['ok']} ok, {s['rounding']} rounding, "
                f"{s['mismatch']} mismatch, {s['unjudged']} unjudged\n"
            )
            if s["mismatch"]:
                worst = 1
        return worst if args.fail_on_mismatch else 0
    finally:
        con.close()


def _between_years(con, documents: set[str]) -> list[dict]:
    """The between-years checks (budgetlens/checks_years.py) in which one of ``documents`` is the
    stating or the loaded document; computed from the database, never stored."""
    from budgetlens import checks_years, queries

    rows = queries.run(con, "prior_year_figures").to_dict("records")
    return [
        r
        for r in checks_years.reconcile(rows)
        if r["document"] in documents or r["loaded_document"] in documents
    ]


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

    con = db.connect(_settings(args).db, read_only=True)
    write = export.export_parquet if args.format == "parquet" else export.export_package
    try:
        written = write(con, Path(args.dir))
    finally:
        con.close()
    for path, n in written.items():
        print(f"{path}: {n} rows")
    return 0


def resolve_document(
    db_path: str | Path,
    department: str | None,
    year: int | None,
    document: str | None = None,
) -> tuple[str, int, str] | str:
    """The (department, year, document id) the deck and workbook commands should use, or an
    error text.

    They must match a row of the ``document`` table. When --document is left out, the
    documents that match --department and/or --year are taken if there is exactly one (a
    department-year with a 部门 and a 单位 document needs --document). The error text lists what
    the database holds. The database is opened read-only; raises
    :class:`~budgetlens.errors.DatabaseError` when it cannot be (missing, locked, …).
    """
    from budgetlens import db
    from budgetlens.storyline import fetch

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
        and (document is None or d["document"] == document)
    ]
    if len(matches) == 1:
        return matches[0]["department"], matches[0]["year"], matches[0]["document"]
    listing = "\n".join(f"  --document {d['document']}" for d in docs)
    if not docs:
        return f"the database {db_path} holds no document; run 'budgetlens ingest FILE' first"
    if not matches:
        asked = " ".join(
            x
            for x in (
                department and f"department {department}",
                year and f"year {year}",
                document and f"document {document}",
            )
            if x
        )
        return f"no document for {asked} in {db_path}; the database holds:\n{listing}"
    return f"{len(matches)} documents match; choose one with --document:\n{listing}"


def _deck(args: argparse.Namespace) -> int:
    from budgetlens import db
    from budgetlens.deck import build_deck

    database = _settings(args).db
    found = resolve_document(database, args.department, args.year, args.document)
    if isinstance(found, str):
        print(f"error: {found}", file=sys.stderr)
        return 2
    department, year, document = found
    con = db.connect(database, read_only=True)
    try:
        drawn = build_deck(con, department, year, args.output, lang=args.lang, document=document)
    finally:
        con.close()
    print(f"{args.output}: {len(drawn)} slides ({department} {year}, {args.lang})")
    return 0


def _workbook(args: argparse.Namespace) -> int:
    from budgetlens import db
    from budgetlens.workbook import build_workbook

    database = _settings(args).db
    found = resolve_document(database, args.department, args.year, args.document)
    if isinstance(found, str):
        print(f"error: {found}", file=sys.stderr)
        return 2
    department, year, document = found
    con = db.connect(database, read_only=True)
    try:
        sheets = build_workbook(con, department, year, args.output, document=document)
    finally:
        con.close()
    print(f"{args.output}: {len(sheets)} sheets ({department} {year})")
    return 0


def serve_command(
    settings: Settings, port: int | None, address: str | None, extra: list[str]
) -> tuple[list[str], dict[str, str]]:
    """The command line and environment that start the dashboard: ``deploy/launch.py`` (the
    launcher ``make run`` and the systemd unit use) from this installation, with the database of
    ``settings`` in $BUDGETLENS_DB, the port and address as Streamlit options, then ``extra``.

    Raises resources.ResourcesMissing when the installation has no dashboard files.
    """
    from budgetlens import resources

    argv = [sys.executable, str(resources.launcher())]
    if port is not None:
        argv += ["--server.port", str(port)]
    if address:
        argv += ["--server.address", address]
    argv += extra
    return argv, {**os.environ, "BUDGETLENS_DB": str(settings.db)}


def _serve(args: argparse.Namespace) -> int:
    from budgetlens import db

    settings = _settings(args)
    # Open it once here: a missing or broken database is a sentence now, not an error page later.
    db.connect(settings.db, read_only=True, settings=settings).close()
    argv, env = serve_command(settings, args.port, args.address, args.streamlit_options)
    where = f"http://{args.address or 'localhost'}:{args.port or 8501}"
    print(f"serving {settings.db} on {where}", file=sys.stderr, flush=True)
    sys.stdout.flush()
    # The launcher replaces this process, so that signals (Ctrl-C, systemd's stop) reach it.
    os.execve(argv[0], argv, env)
    return 0  # pragma: no cover - execve does not return


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, not {text!r}")
    return value


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
            default=None,
            help="DuckDB database file (default: $BUDGETLENS_DB, else data/budget.duckdb)",
        )

    p = sub.add_parser(
        "ingest",
        help="parse, validate and load disclosures (PDF or text files; all or nothing)",
        description="Parse every FILE completely (in --workers processes), then load all the "
        "documents in one transaction. A document replaces the same one already loaded; others "
        "are added alongside. A bad file aborts before the database is touched.",
    )
    p.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="a published PDF (files of one document given together), or disclosure text",
    )
    db_arg(p)
    p.add_argument(
        "--workers",
        type=_positive,
        default=None,
        metavar="N",
        help="processes that parse files (default: one per CPU core)",
    )
    p.add_argument(
        "--progress",
        action="store_true",
        help="print progress as one line per step even when stderr is not a terminal "
        "(on a terminal it is always shown, redrawn in place)",
    )
    p.set_defaults(func=_ingest)

    p = sub.add_parser(
        "check",
        help="reconcile each document against itself and print the findings",
        description="Re-run the reconciliation on what the database holds (opened read-only) "
        "and print every check that is not ok (or all with --all), then the checks between "
        "years (a prior-year figure a narrative states against the loaded document of that "
        "year); --store also writes each document's own findings into the database.",
    )
    db_arg(p)
    p.add_argument("--department", help="only this department")
    p.add_argument("--year", type=int, help="only this year")
    p.add_argument("--all", action="store_true", help="print ok checks too")
    p.add_argument(
        "--status",
        nargs="+",
        choices=["ok", "rounding", "mismatch", "unjudged"],
        help="print only checks with these statuses",
    )
    p.add_argument(
        "--fail-on-mismatch",
        action="store_true",
        help="exit with status 1 when any check is a mismatch",
    )
    p.add_argument(
        "--store",
        action="store_true",
        help="replace the stored findings with these (opens the database for writing)",
    )
    p.set_defaults(func=_check)

    p = sub.add_parser(
        "export",
        help="write an open-data package (datapackage.json + CSV, or Parquet) to DIR",
        description="Write a Frictionless Data Package: datapackage.json and one CSV per "
        "resource (UTF-8 with BOM; amounts in 万元 unless the column name ends in _yuan); with "
        "--format parquet, one Parquet dataset per resource, partitioned by government and "
        "year (DIR/<resource>/government=…/year=…/*.parquet).",
    )
    p.add_argument("dir", metavar="DIR")
    p.add_argument(
        "--format",
        choices=("csv", "parquet"),
        default="csv",
        help="csv (default) or parquet (partitioned by government and year)",
    )
    db_arg(p)
    p.set_defaults(func=_export)

    def document_args(p: argparse.ArgumentParser) -> None:
        p.add_argument("--department", help="部门 as in the database (default: the only one)")
        p.add_argument("--year", type=int, help="budget year (default: the only one)")
        p.add_argument(
            "--document",
            help="document id <部门>-<年>-<预算|决算>-<部门|单位>, needed when a department-year "
            "has more than one (budgetlens check lists them)",
        )
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

    p = sub.add_parser(
        "serve",
        help="serve the dashboard over the database (read-only)",
        description="Start the Streamlit dashboard of this installation through deploy/launch.py "
        "(as 'make run' does), reading the database read-only. Streamlit options may follow "
        "after --, e.g. 'budgetlens serve -- --server.baseUrlPath budget'.",
    )
    db_arg(p)
    p.add_argument("--port", type=int, help="port to listen on (default: Streamlit's, 8501)")
    p.add_argument("--address", help="address to listen on, e.g. 127.0.0.1 (default: all)")
    p.add_argument(
        "streamlit_options", nargs="*", metavar="STREAMLIT_OPTION", help="after --: for Streamlit"
    )
    p.set_defaults(func=_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns its exit status. User mistakes and database problems are
    printed as one sentence (``error: …``) with status 2; only a bug gives a traceback."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (IngestError, DatabaseError, SettingsError) as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        message = explain(exc, args)
        if message is None:
            raise  # a bug: the traceback is what a report needs
        _release(exc)
        return _fail(message)


def _release(exc: BaseException) -> None:
    """Free what the failed command still holds through the exception's frames, now and quietly.

    A file half-written when the disk filled up (an XLSX or PPTX is a zip) fails again when it is
    closed; left to the garbage collector, that second failure would be printed as "Exception
    ignored in ZipFile.__del__" with a traceback, after the sentence that already said it.
    """
    previous = sys.unraisablehook
    sys.unraisablehook = lambda _unraisable: None
    try:
        seen: set[int] = set()
        while exc is not None and id(exc) not in seen:
            seen.add(id(exc))
            traceback.clear_frames(exc.__traceback__)
            exc = exc.__cause__ or exc.__context__
        gc.collect()
    finally:
        sys.unraisablehook = previous


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


def explain(exc: BaseException, args: argparse.Namespace) -> str | None:
    """The sentence for an error the user can act on (a DuckDB error, a file that cannot be
    read or written, a full disk, an installation without its files), or None for a bug."""
    import duckdb

    from budgetlens import resources
    from budgetlens.errors import database_error, is_disk_full

    if isinstance(exc, resources.ResourcesMissing):
        return str(exc)
    if isinstance(exc, duckdb.Error):
        read_only = args.func is not _ingest and not getattr(args, "store", False)
        return str(database_error(exc, _settings(args).db, read_only=read_only))
    target = getattr(args, "output", None) or getattr(args, "dir", None)
    if is_disk_full(exc):
        where = getattr(exc, "filename", None) or target or "the output"
        return f"the disk is full: could not write {where}; free some space and run it again"
    if isinstance(exc, (FileExistsError, NotADirectoryError)) and target:
        blocker = exc.filename or "a folder on its path"
        return f"cannot write {target}: {blocker} is a file, not a folder"
    if isinstance(exc, OSError):
        where = exc.filename or target or "a file"
        reason = (exc.strerror or str(exc)).lower()
        return f"cannot write {where}: {reason}; check the path" if target else f"{where}: {reason}"
    return None


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
