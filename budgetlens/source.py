"""The source text of a disclosure, as lines and tab-separated cells.

PDF extraction gives one table row per line with cells separated by tabs; empty cells are kept as
empty strings so that relative positions inside a row survive. Line numbers are 1-based, as an
editor shows them, and travel with every figure into the database.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from budgetlens.errors import IngestError

_AMOUNT = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$|^-?\d+(\.\d+)?$")


@dataclass
class SourceText:
    """A disclosure's text. ``lines[0]`` is line 1."""

    path: str
    lines: list[str]
    sha256: str

    @classmethod
    def read(cls, path: str | Path) -> SourceText:
        """Read a UTF-8 (with or without BOM) text file.

        Raises IngestError when the file cannot be read or is not UTF-8 text.
        """
        p = Path(path)
        try:
            data = p.read_bytes()
        except OSError as exc:
            raise IngestError(str(path), "a readable file", found=str(exc)) from exc
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise IngestError(
                str(path), "UTF-8 text extracted from a budget disclosure", found="binary data"
            ) from exc
        if "\x00" in text:
            raise IngestError(
                str(path), "UTF-8 text extracted from a budget disclosure", found="binary data"
            )
        return cls(str(path), text.splitlines(), hashlib.sha256(data).hexdigest())

    def line(self, number: int) -> str:
        return self.lines[number - 1]

    def cells(self, number: int) -> list[str]:
        """The tab-separated cells of a line, each stripped of surrounding white space."""
        return [c.strip() for c in self.lines[number - 1].split("\t")]

    def __len__(self) -> int:
        return len(self.lines)


def norm(text: str) -> str:
    """Normalise a label for matching: NFKC (full-width to ASCII), no white space.

    Only used to *compare* labels; what is stored is always the text as published.
    """
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def is_amount(cell: str) -> bool:
    """True when a cell is a plain amount like ``4264.29``, ``0.00`` or ``20,070,000``."""
    return bool(_AMOUNT.match(cell.strip()))


def parse_amount(cell: str, src: SourceText, line: int, table: str, column: str) -> Decimal | None:
    """A money cell as a Decimal, or None when the cell is blank.

    Raises IngestError naming file, line, table and column when the cell is not a number.
    """
    c = cell.strip()
    if c == "" or c in {"-", "—", "－"}:
        return None
    if not _AMOUNT.match(c):
        raise IngestError(src.path, f"a number in column {column}", line=line, table=table, found=c)
    try:
        return Decimal(c.replace(",", ""))
    except InvalidOperation as exc:  # pragma: no cover - the regex admits only valid decimals
        raise IngestError(
            src.path, f"a number in column {column}", line=line, table=table, found=c
        ) from exc
