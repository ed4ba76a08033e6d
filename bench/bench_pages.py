"""Page cost: each page's warm rerun time next to an empty page's (the floor), one run.

    .venv/bin/python bench/bench_pages.py [--rounds 40] [--db data/budget.duckdb]

The app registers an empty page "floor" when BUDGETLENS_BENCH_FLOOR=1, so the floor is measured
on the same server, interleaved with the real pages (round-robin), and the ratios are robust to
a noisy machine. Goal: every page ≤ 2× the floor. Results go to docs/benchmarks.md
(section "Page cost").
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_load import STEPS
from bench.load_client import ROOT, median, percentile, serve
from bench.report import machine, write_section
from deploy.client import open_session, rerun

PAGES = (
    "floor",
    "overview",
    "revenue_expenditure",
    "basic_project",
    "economic",
    "projects",
    "performance",
    "checks",
    "glossary",
    "search",
    "presenter",
)


# The views a visitor of the load benchmark moves through (a 类, a project, a filter …): some
# draw more than a page's default view. Measured in the same rounds as the pages.
VIEWS = tuple(f"{page}?{query}" for page, query in STEPS if query and "lang=" not in query)


async def measure(
    url: str, rounds: int, warm: int, views: tuple[str, ...] = ()
) -> tuple[dict[str, list[float]], dict[str, float]]:
    """Warm rerun times per page or view, and each one's first visit (drawn, not replayed)."""
    session, _ = await open_session(url)
    names = (*PAGES, *views)
    times: dict[str, list[float]] = {p: [] for p in names}
    first: dict[str, float] = {}
    errors = 0
    for k in range(warm + rounds):
        for name in names:
            page, _, query = name.partition("?")
            # a view's query string carries the language, so that one view never leaves the
            # next one in another language
            r = await rerun(session, page, "&".join(x for x in (query, "lang=zh") if x))
            if r.status != "finished" or r.exceptions:
                errors += 1
            if k == 0:
                first[name] = r.seconds * 1000
            if k >= warm:
                times[name].append(r.seconds * 1000)
    await session.ws.close()
    if errors:
        print(f"warning: {errors} reruns failed or showed an exception", file=sys.stderr)
    return times, first


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--rounds", type=int, default=40)
    p.add_argument("--warm", type=int, default=3)
    p.add_argument("--db", default=str(ROOT / "data" / "budget.duckdb"))
    p.add_argument("--no-write", action="store_true", help="print only")
    a = p.parse_args(argv)
    env = {"BUDGETLENS_BENCH_FLOOR": "1"}
    # the same pages on plain `streamlit run` (Nagle's algorithm on), for the launcher's effect
    with serve(db=a.db, env=env, launcher=False) as (url, _):
        plain, _ = asyncio.run(measure(url, max(5, a.rounds // 3), a.warm))
    with serve(db=a.db, env=env) as (url, _):
        times, first = asyncio.run(measure(url, a.rounds, a.warm, VIEWS))
    floor = median(times["floor"])

    def table(heading: str, names: tuple[str, ...]) -> list[str]:
        rows = [
            f"| {heading} | median ms | p95 ms | ratio to floor | first visit ms (drawn) |",
            "| --- | ---: | ---: | ---: | ---: |",
        ]
        for name in names:
            med = median(times[name])
            p95 = percentile(times[name], 95)
            rows.append(
                f"| {name} | {med:.1f} | {p95:.1f} | {med / floor:.2f} | {first[name]:.0f} |"
            )
        return rows

    lines = [
        f"Command: `.venv/bin/python bench/bench_pages.py --rounds {a.rounds}` "
        f"({a.rounds} interleaved rounds after {a.warm} warm-up rounds, one websocket session, "
        "server and client on the same machine). A page's sections are drawn on the first visit "
        'of each view in a process and replayed afterwards (docs/dashboard.md, "Sections"): '
        "the last column is that first visit.",
        "",
        *table("page", PAGES),
        "",
        "Selected views, measured in the same rounds (the load benchmark's steps):",
        "",
        *table("view", VIEWS),
    ]
    worst = max(median(times[p]) / floor for p in (*PAGES, *VIEWS) if p != "floor")
    lines += ["", f"Worst page or view: {worst:.2f}× the floor (goal ≤ 2×).", ""]
    lines += [
        "Served by deploy/launch.py (TCP_NODELAY on). The same run on plain `streamlit run` "
        "(Nagle's algorithm on, fewer rounds):",
        "",
        "| page | plain streamlit median ms | launcher median ms |",
        "| --- | ---: | ---: |",
        *(f"| {pg} | {median(plain[pg]):.1f} | {median(times[pg]):.1f} |" for pg in PAGES),
    ]
    text = "\n".join(lines)
    print(text)
    if not a.no_write:
        write_section("Page cost", machine() + "\n\n" + text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
