"""Scale: page rerun times with 1, 100 and 1000 departments in the database.

    .venv/bin/python bench/bench_scale.py [--sizes 1 100 1000] [--rounds 15]

Builds synthetic cities (budgetlens_synthetic: generated documents, marked synthetic) into
separate databases under build/scale/ — never the served one — and serves each with
BUDGETLENS_SHOW_SYNTHETIC=1, the opt-in that lets the app list synthetic documents (the public
app never sets it). The same department is viewed at every size. Goal: ≤ 1.5× from 1 to 1000.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.load_client import ROOT, median, serve
from bench.report import machine, write_section
from budgetlens import checks, db
from budgetlens.ingest import parse_document
from budgetlens_synthetic import generate_document
from deploy.client import open_session, rerun

PAGES = (
    "overview",
    "revenue_expenditure",
    "basic_project",
    "economic",
    "projects",
    "performance",
    "checks",
    "search",
)
YEAR = 2024


def department_name(i: int) -> str:
    return f"合成市第{i:04d}局"


def build(size: int, out: Path) -> Path:
    """A database with ``size`` synthetic departments (reused when it already exists)."""
    path = out / f"city-{size}.duckdb"
    if path.exists():
        return path
    docs = out / f"docs-{size}"
    docs.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    con = db.connect(tmp)
    started = time.perf_counter()

    def parsed():
        for i in range(size):
            f = docs / f"{i:04d}.txt"
            f.write_text(generate_document(i, department_name(i), YEAR), encoding="utf-8")
            p = parse_document(f)
            if i % 50 == 0:
                print(
                    f"\r{size}: {i + 1}/{size} docs {time.perf_counter() - started:.0f} s",
                    end="",
                    file=sys.stderr,
                )
            yield p, checks.run_checks(p.rows)

    db.load_many(con, parsed())
    con.close()
    tmp.rename(path)
    print(file=sys.stderr)
    return path


async def measure(url: str, rounds: int) -> dict[str, float]:
    session, _ = await open_session(url)
    query = urllib.parse.urlencode({"department": department_name(0), "year": YEAR})
    times: dict[str, list[float]] = {p: [] for p in PAGES}
    for k in range(rounds + 2):
        for page in PAGES:
            r = await rerun(session, page, query)
            if k >= 2:
                times[page].append(r.seconds * 1000)
    await session.ws.close()
    return {p: median(v) for p, v in times.items()}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", type=int, nargs="+", default=[1, 100, 1000])
    p.add_argument("--rounds", type=int, default=15)
    p.add_argument("--out", default=str(ROOT / "build" / "scale"))
    p.add_argument("--no-write", action="store_true")
    a = p.parse_args(argv)
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    medians: dict[int, dict[str, float]] = {}
    for size in a.sizes:
        path = build(size, out)
        with serve(db=str(path), env={"BUDGETLENS_SHOW_SYNTHETIC": "1"}) as (url, _):
            medians[size] = asyncio.run(measure(url, a.rounds))
        print(size, medians[size], file=sys.stderr)
    first, last = a.sizes[0], a.sizes[-1]
    head = " | ".join(f"{s} dept. ms" for s in a.sizes)
    lines = [
        f"Command: `.venv/bin/python bench/bench_scale.py --sizes "
        f"{' '.join(map(str, a.sizes))} --rounds {a.rounds}` (synthetic cities, one year each; "
        "the same department viewed at every size; medians of warm reruns).",
        "",
        f"| page | {head} | ratio {last}/{first} |",
        "| --- | " + " | ".join("---:" for _ in a.sizes) + " | ---: |",
    ]
    for page in PAGES:
        cells = " | ".join(f"{medians[s][page]:.1f}" for s in a.sizes)
        lines.append(f"| {page} | {cells} | {medians[last][page] / medians[first][page]:.2f} |")
    worst = max(medians[last][pg] / medians[first][pg] for pg in PAGES)
    lines += ["", f"Worst ratio {last}/{first}: {worst:.2f} (goal ≤ 1.5)."]
    text = "\n".join(lines)
    print(text)
    if not a.no_write:
        write_section("Scale", machine() + "\n\n" + text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
