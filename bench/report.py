"""Shared by the benchmarks: what machine this is, and writing a section of docs/benchmarks.md."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import platform
import re
from pathlib import Path

DOC = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"
HEADER = """# Benchmarks

Measured by `make bench` (each script in `bench/`). Speed is never asserted in tests: these
machines are noisy, so every figure below is a median, and comparisons are ratios measured in the
same run. Each section says the machine and the command that produced it.
"""


def machine() -> str:
    """One line: cores, CPU model, memory, Python, DuckDB, Streamlit, date."""
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    versions = []
    for mod in ("duckdb", "streamlit"):
        with contextlib.suppress(ImportError):
            versions.append(f"{mod} {__import__(mod).__version__}")
    return (
        f"Machine: {os.cpu_count()} cores, {cpu}{mem}; Python {platform.python_version()}, "
        f"{', '.join(versions)}; measured {dt.date.today().isoformat()}."
    )


def write_section(heading: str, body: str) -> None:
    """Replace (or append) the section ``## heading`` of docs/benchmarks.md."""
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else HEADER
    block = f"## {heading}\n\n{body.strip()}\n"
    pattern = re.compile(rf"^## {re.escape(heading)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _: block + "\n", text, count=1)
    else:
        text = text.rstrip() + "\n\n" + block
    DOC.parent.mkdir(parents=True, exist_ok=True)
    DOC.write_text(text.rstrip() + "\n", encoding="utf-8")
