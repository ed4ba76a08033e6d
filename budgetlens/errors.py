"""Errors raised while reading a disclosure.

An :class:`IngestError` always says which file, which line, which table and what was expected, so
that a person can open the document at that line and see the problem. Ingest is all-or-nothing:
any IngestError aborts the whole load and leaves the database as it was.
"""

from __future__ import annotations


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
