"""The one ingest path: text files → parsed, validated, reconciled documents → the database.

``budgetlens ingest``, the Python API (:func:`budgetlens.api.ingest`) and the synthetic city
(``budgetlens_synthetic``) all load documents through :func:`ingest`, so a change to how a
document is read, reconciled or loaded is made here once. Two ways to run it:

- **validate first** (``batch_size=None``, the command line's way): every file is parsed and
  reconciled before the database is opened, so a bad file changes nothing; then each document is
  loaded in a transaction of its own (:func:`budgetlens.db.load`).
- **streaming** (``batch_size=N``, for thousands of generated documents): parse N files, load them
  in one transaction (:func:`budgetlens.db.load_many`), forget them, so memory stays bounded by one
  batch. A bad file stops the run with the earlier batches loaded; build into a new file and
  publish it by rename when that matters.

Either way parsing can run in ``workers`` processes, and the database only ever holds complete
documents.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
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


def read_pdfs(
    paths: Sequence[str | Path], pool: ProcessPoolExecutor | None = None
) -> list[tuple[Parsed, list[dict]]]:
    """Parse, validate and reconcile PDFs given together: each file is read (in ``pool`` when
    given: the expensive part), then the files are grouped into documents
    (:func:`budgetlens.pdf_ingest.group_files`: Jiangsu's narrative and tables files are one).

    Raises IngestError (file, page, table, what was expected) for a file that cannot be read or
    a document that fits no declared layout.
    """
    from budgetlens.pdf_ingest import group_files, parse_group

    files = list(pool.map(read_pdf, paths)) if pool is not None else [read_pdf(p) for p in paths]
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
) -> IngestResult:
    """Load ``paths`` into ``database`` (default: the settings' database), creating it when
    missing. A department and year already in the database is replaced; others are added.

    ``batch_size=None`` validates every file before the database is opened; a number streams
    (module docstring). ``workers`` > 1 parses in that many processes. ``on_loaded`` is called
    for each document right after its transaction committed.

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
    con = None
    try:
        # PDFs given together are read first, all of them, before anything is written: files of
        # one document are grouped, so they cannot be split over batches.
        pdf_batch = read_pdfs(pdfs, pool) if pdfs else []
        for first in range(0, max(len(paths), 1 if pdf_batch else 0), chunk or 1):
            t = time.perf_counter()
            batch = list(_read_all(paths[first : first + chunk], pool))
            if first == 0:
                batch = [*batch, *pdf_batch]
            result.parse_s += time.perf_counter() - t
            t = time.perf_counter()
            if con is None:
                con = db.connect(database)
            if batch_size is None:
                loaded = []
                for parsed, results in batch:
                    counts = db.load(con, parsed, results)
                    loaded.append(_loaded(parsed, results, sum(counts.values())))
                    _notify(on_loaded, loaded[-1])
            else:
                db.load_many(con, batch, batch_size=chunk)
                loaded = [_loaded(p, r, _row_count(p, r)) for p, r in batch]
                for item in loaded:
                    _notify(on_loaded, item)
            result.documents.extend(loaded)
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
    )


def default_workers() -> int:
    """One parse process per CPU."""
    return os.cpu_count() or 1
