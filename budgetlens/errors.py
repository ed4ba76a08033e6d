"""Errors raised while reading a disclosure or using a database.

An :class:`IngestError` always says which file, which line, which table and what was expected, so
that a person can open the document at that line and see the problem. Ingest is all-or-nothing:
any IngestError aborts the whole load and leaves the database as it was.

A :class:`DatabaseError` says which database file cannot be used and what to do about it
(missing, locked by another process, not a DuckDB file, disk full); :func:`database_error` turns
a DuckDB or OS error into one. The command line prints these as one sentence with exit status 2.
"""

from __future__ import annotations

import errno
import re
from pathlib import Path


class IngestError(Exception):
    """A document could not be read as a budget disclosure.

    Attributes mirror the message: ``file`` (path as given), ``line`` (1-based, or None when the
    problem is the document as a whole), ``table`` (title or key of the table being read, or None)
    and ``expected`` (what the parser needed to find), ``found`` (what it found instead).
    """

    def __init__(
        self,
        file: str,
        expected: str,
        *,
        line: int | None = None,
        table: str | None = None,
        found: str | None = None,
    ) -> None:
        self.file = file
        self.line = line
        self.table = table
        self.expected = expected
        self.found = found
        super().__init__(self.describe())

    def __reduce__(self):
        # raised in the worker processes that parse files (budgetlens.pipeline): it must survive
        # the trip back to the main process whole
        return (_ingest_error, (self.file, self.expected, self.line, self.table, self.found))

    def describe(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        parts = [where]
        if self.table:
            parts.append(f"table {self.table}")
        parts.append(f"expected {self.expected}")
        if self.found is not None:
            shown = self.found if len(self.found) <= 60 else self.found[:57] + "..."
            parts.append(f"found {shown!r}")
        return ": ".join(parts)


def _ingest_error(file, expected, line, table, found) -> IngestError:
    return IngestError(file, expected, line=line, table=table, found=found)


class DatabaseError(Exception):
    """A database file cannot be used as asked. The message is one sentence that names the file
    and says what to do; ``path`` is the file. Subclasses say why."""

    def __init__(self, path: str | Path, message: str) -> None:
        self.path = str(path)
        super().__init__(message)


class DatabaseMissing(DatabaseError):
    """A command that only reads was pointed at a file that does not exist."""


class DatabaseLocked(DatabaseError):
    """Another process holds a lock that excludes this open (a writer, or readers for a write)."""


class NotADatabase(DatabaseError):
    """The file exists but is not a DuckDB database (a text file, a folder, …)."""


class DiskFull(DatabaseError):
    """Writing the database (or an output file) failed because the disk is full."""


_PID = re.compile(r"\(PID (\d+)\)")


def _chain(exc: BaseException) -> list[BaseException]:
    """``exc`` and the exceptions it was raised from or during (a failed commit is often hidden
    behind the failed rollback that followed it)."""
    out: list[BaseException] = []
    while exc is not None and exc not in out:
        out.append(exc)
        exc = exc.__cause__ or exc.__context__
    return out


def is_disk_full(exc: BaseException) -> bool:
    """True when ``exc`` or an exception in its chain says the disk is full (ENOSPC)."""
    return any(
        (isinstance(e, OSError) and e.errno == errno.ENOSPC) or "No space left on device" in str(e)
        for e in _chain(exc)
    )


def database_error(exc: BaseException, path: str | Path, *, read_only: bool) -> DatabaseError:
    """The :class:`DatabaseError` that explains a DuckDB (or OS) error met while opening or
    using the database at ``path``; ``read_only`` says how it was opened. Never raises."""
    path = str(path)
    text = " ".join(str(e) for e in _chain(exc))
    if is_disk_full(exc):
        return DiskFull(
            path,
            f"the disk is full: could not write {path}; free some space and run the command again",
        )
    if "Could not set lock" in text:
        pid = _PID.search(text)
        holder = f"process {pid.group(1)}" if pid else "another process"
        if read_only:
            return DatabaseLocked(
                path,
                f"{path} is being written by {holder} (an ingest?); try again when it has "
                "finished — a database that is served should be rebuilt into a new file and "
                "published by rename (see 'make db')",
            )
        return DatabaseLocked(
            path,
            f"{path} is open in {holder} (the dashboard, or another command), so it cannot be "
            "written now; build into a new file and publish it by rename instead: "
            f"budgetlens ingest FILE... --db {path}.new && mv {path}.new {path}",
        )
    if "not a valid DuckDB database" in text:
        return NotADatabase(
            path,
            f"{path} is not a DuckDB database; check the --db path (or $BUDGETLENS_DB), or "
            "build one there with 'budgetlens ingest FILE'",
        )
    if "Is a directory" in text:
        return NotADatabase(path, f"{path} is a folder, not a database file; check the --db path")
    if "database does not exist" in text:
        return DatabaseMissing(path, missing_message(path))
    first = next((line for line in str(exc).splitlines() if line.strip()), type(exc).__name__)
    return DatabaseError(path, f"the database {path} could not be used: {first}")


def missing_message(path: str | Path) -> str:
    """What to say when a command that only reads finds no database at ``path``."""
    return (
        f"no database at {path}; make one with 'budgetlens ingest FILE --db {path}' "
        "(or 'make db' in a checkout)"
    )
