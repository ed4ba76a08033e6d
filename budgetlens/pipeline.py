"""The one ingest path: text files → parsed, validated, reconciled documents → the database.

``budgetlens ingest``, the Python API (:func:`budgetlens.api.ingest`) and the synthetic city
(``budgetlens_synthetic``) all load documents through :func:`ingest`, so a change to how a
document is read, reconciled or loaded is made here once. Two ways to run it:

- **validate first** (``batch_size=None``, the command line's way): every file is parsed and
  reconciled before the database is opened, so a bad file changes nothing; then all the documents
  are loaded in one transaction (:func:`budgetlens.db.load_many`), so a failure while loading any
  of them (a full disk, a value the database refuses) leaves the database as it was too.
- **streaming** (``batch_size=N``, for thousands of generated documents): parse N files, load them
  in one transaction (:func:`budgetlens.db.load_many`), forget them, so memory stays bounded by one
  batch. A bad file stops the run with the earlier batches loaded; build into a new file and
  publish it by rename when that matters.

Either way parsing can run in ``workers`` processes, and the database only ever holds complete
documents. ``on_progress`` hears each step: ``("parsed", k, files)`` after each file is read,
``("loading", k, documents)`` before a transaction, ``("loaded", k, documents)`` after it.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from budgetlens import checks, db
from budgetlens.ingest import Parsed, parse_document
from budgetlens.pdf import read as read_pdf


@dataclass(frozen=True)
class Loaded:
    """One document as it was loaded: where from, what, and what its reconciliation found."""

    path: str  # the file, or the files ('; '-separated) of a document read from several
    department: str
    year: int
    document: str
    layout: str
    synthetic: bool
    rows: int  # rows written for it, its reconciliation findings and document row included
    ok: int
    rounding: int
    mismatch: int
    unjudged: int = 0  # checks whose inputs are missing or were not read


@dataclass
class IngestResult:
    """What :func:`ingest` did: the documents in load order, the worker processes, seconds."""

    documents: list[Loaded] = field(default_factory=list)
    workers: int = 1
    parse_s: float = 0.0
    load_s: float = 0.0
    total_s: float = 0.0


def read(path: str | Path) -> tuple[Parsed, list[dict]]:
    """Parse, validate and reconcile one file (no database involved).

    Raises :class:`~budgetlens.errors.IngestError` naming file, line, table and what was
    expected when the file is not a complete disclosure.
    """
    parsed = parse_document(path)
    return parsed, checks.run_checks(parsed.rows, parsed.layout)


Progress = Callable[[str, int, int], None]


def read_pdfs(
    paths: Sequence[str | Path],
    pool: ProcessPoolExecutor | None = None,
    on_read: Callable[[], None] | None = None,
) -> list[tuple[Parsed, list[dict]]]:
    """Parse, validate and reconcile PDFs given together: each file is read (in ``pool`` when
    given: the expensive part; ``on_read`` is called as each file is done), then the files are
    grouped into documents (:func:`budgetlens.pdf_ingest.group_files`: Jiangsu's narrative and
    tables files are one).

    Raises IngestError (file, page, table, what was expected) for a file that cannot be read or
    a document that fits no declared layout.
    """
    from budgetlens.pdf_ingest import group_files, parse_group

    tick = on_read or (lambda: None)
    if pool is None:
        files = []
        for p in paths:
            files.append(read_pdf(p))
            tick()
    else:
        futures = [pool.submit(read_pdf, p) for p in paths]
        pending = set(futures)
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            if any(f.exception() is not None for f in done):
                # a bad file stops the run: files not started are dropped, the running ones
                # finish, and the first bad one in the order given is reported
                for f in pending:
                    f.cancel()
                wait(futures)
                raise next(e for f in futures if not f.cancelled() and (e := f.exception()))
            for _ in done:
                tick()
        files = [f.result() for f in futures]
    out = []
    for doc in group_files(files):
        parsed = parse_group(doc)
        out.append((parsed, checks.run_checks(parsed.rows, parsed.layout)))
    return out


def ingest(
    paths: Sequence[str | Path],
    database: str | Path | None = None,
    *,
    batch_size: int | None = None,
    workers: int = 1,
    on_loaded: Callable[[Loaded], None] | None = None,
    on_progress: Progress | None = None,
) -> IngestResult:
    """Load ``paths`` into ``database`` (default: the settings' database), creating it when
    missing. A document already in the database is replaced; others are added.

    ``batch_size=None`` validates every file before the database is opened, then loads every
    document in one transaction (within it, a later file of the same document wins); a number
    streams (module docstring). ``workers`` > 1 parses in that many processes. ``on_loaded`` is
    called for each document right after its transaction committed, ``on_progress`` at each step
    (module docstring).

    Raises IngestError for a file that is not a complete disclosure (with ``batch_size=None``
    before anything is written), and :class:`~budgetlens.errors.DatabaseError` (or a DuckDB
    error met while loading) when the database cannot be written.
    """
    started = time.perf_counter()
    workers = max(1, workers)
    result = IngestResult(workers=workers)
    pdfs = [p for p in paths if Path(p).suffix.lower() == ".pdf"]
    paths = [p for p in paths if Path(p).suffix.lower() != ".pdf"]
    chunk = len(paths) if batch_size is None else max(1, batch_size)
    pool = ProcessPoolExecutor(workers) if workers > 1 and len(paths) + len(pdfs) > 1 else None
    progress = on_progress or (lambda _step, _done, _total: None)
    files = len(paths) + len(pdfs)
    parsed_files = 0

    def tick() -> None:
        nonlocal parsed_files
        parsed_files += 1
        progress("parsed", parsed_files, files)

    con = None
    try:
        # PDFs given together are read first, all of them, before anything is written: files of
        # one document are grouped, so they cannot be split over batches.
        t = time.perf_counter()
        pdf_batch = read_pdfs(pdfs, pool, tick) if pdfs else []
        result.parse_s += time.perf_counter() - t
        documents = len(paths) + len(pdf_batch)
        for first in range(0, max(len(paths), 1 if pdf_batch else 0), chunk or 1):
            t = time.perf_counter()
            batch = []
            for item in _read_all(paths[first : first + chunk], pool):
                batch.append(item)
                tick()
            if first == 0:
                batch = [*batch, *pdf_batch]
            if batch_size is None:
                # one transaction for the whole run: a later file of the same document wins, as
                # it would if they were loaded one after the other
                batch = list({p.document: (p, r) for p, r in batch}.values())
                documents = len(batch)
                if pool is not None:  # every file is parsed: the workers end before loading
                    pool.shutdown()
                    pool = None
            result.parse_s += time.perf_counter() - t
            t = time.perf_counter()
            if con is None:
                con = db.connect(database)
            progress("loading", len(result.documents), documents)
            db.load_many(con, batch, batch_size=max(1, len(batch) if batch_size is None else chunk))
            loaded = [_loaded(p, r, _row_count(p, r)) for p, r in batch]
            result.documents.extend(loaded)
            progress("loaded", len(result.documents), documents)
            for item in loaded:
                _notify(on_loaded, item)
            result.load_s += time.perf_counter() - t
    finally:
        if con is not None:
            con.close()
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    result.total_s = time.perf_counter() - started
    return result


def _read_all(
    paths: Sequence[str | Path], pool: ProcessPoolExecutor | None
) -> Iterator[tuple[Parsed, list[dict]]]:
    if pool is None:
        return map(read, paths)
    return pool.map(read, paths, chunksize=4)


def _notify(callback: Callable[[Loaded], None] | None, item: Loaded) -> None:
    if callback is not None:
        callback(item)


def _row_count(parsed: Parsed, results: list[dict]) -> int:
    """Rows a load writes for one document: its tables, its findings and its document row."""
    own = [t for t in db.DOCUMENT_TABLES if t not in ("check_result", "document")]
    return sum(len(parsed.rows.get(t, [])) for t in own) + len(results) + 1


def _loaded(parsed: Parsed, results: list[dict], rows: int) -> Loaded:
    summary = checks.summarise(results)
    return Loaded(
        path="; ".join(str(f) for f in parsed.files),
        department=parsed.department,
        year=parsed.year,
        document=parsed.document,
        layout=parsed.layout,
        synthetic=parsed.synthetic,
        rows=rows,
        ok=summary["ok"],
        rounding=summary["rounding"],
        mismatch=summary["mismatch"],
        unjudged=summary["unjudged"],
    )


def default_workers() -> int:
    """One parse process per CPU."""
    return os.cpu_count() or 1
