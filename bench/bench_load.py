"""Many users: 1, 10 and 50 concurrent websocket sessions switching pages and selections.

    .venv/bin/python bench/bench_load.py [--sessions 1 10 50] [--reruns 20] [--db PATH]
    .venv/bin/python bench/bench_load.py --soak 300 --sessions 50     # the 5-minute soak

Each session connects like a browser (first run of the default page), then reruns pages with
query strings that select a language, a 科目 or a project, back to back. Measured per level: p50
and p95 rerun latency, errors (a rerun that did not finish, or showed an exception element),
bytes received per rerun, the server's resident memory before, with the sessions connected and
idle, 5 s after they closed, and once Streamlit has let go of the closed sessions (after the
TTL and one more visit, which makes the session store drop the expired ones). (A server
keeps a closed session for ``server.disconnectedSessionTTL`` seconds, 120 by default, so that
a visitor whose connection dropped gets their page back; the benchmark sets it to --ttl seconds
so as not to wait two minutes per level.) Goal: 50 sessions p95 ≤ 1 s, 0 errors, ≤ 5 MB per
idle session. A browser load test cannot measure this on 2 cores (chromium would dominate).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.load_client import ROOT, median, percentile, rss_mb, serve_replicas
from bench.report import machine, write_section
from deploy.client import RunResult, open_session, rerun

# (page, query string) pairs a visitor moves through; the app checks every value.
STEPS = (
    ("overview", ""),
    ("revenue_expenditure", "code=206"),
    ("revenue_expenditure", "code=20601"),
    ("basic_project", ""),
    ("economic", ""),
    ("projects", "project=科技计划项目"),
    ("performance", "project=科技研发基地运营管理费"),
    ("checks", "status=mismatch"),
    ("glossary", ""),
    ("overview", "lang=en"),
    ("search", "q=科技"),
)


async def user(
    url: str,
    reruns: int,
    seed: int,
    hold: asyncio.Event,
    done: list[int],
    deadline: float | None,
    think: float = 0.0,
) -> list[RunResult]:
    rng = random.Random(seed)
    if think:
        # visitors arrive over the first think period, not all in the same instant
        await asyncio.sleep(rng.uniform(0, think))
    session, first = await open_session(url)
    results = [first]
    k = 0
    while (deadline is None and k < reruns) or (deadline is not None and time.time() < deadline):
        page, query = STEPS[rng.randrange(len(STEPS))]
        results.append(await rerun(session, page, query))
        k += 1
        if think:
            # a reader looks at the page before the next click: 0.5× to 1.5× the mean
            await asyncio.sleep(think * rng.uniform(0.5, 1.5))
    done.append(seed)
    await hold.wait()  # stay connected (idle) until the memory was read
    await session.ws.close()
    return results


async def level(
    url: str, pids: list[int], n: int, reruns: int, soak: float | None, think: float = 0.0
) -> dict:
    hold = asyncio.Event()
    done: list[int] = []
    deadline = time.time() + soak if soak else None
    tasks = [
        asyncio.create_task(user(url, reruns, 1000 * n + i, hold, done, deadline, think))
        for i in range(n)
    ]
    # wait until every user finished its reruns, then read memory with all sessions idle
    while len(done) < n and not any(t.done() and t.exception() for t in tasks):
        await asyncio.sleep(0.2)
    await asyncio.sleep(1.0)
    idle = rss_all(pids)
    hold.set()
    results = [r for rs in await asyncio.gather(*tasks) for r in rs]
    return {"results": results, "idle_mb": idle}


def rss_all(pids: list[int]) -> float:
    return sum(rss_mb(pid) for pid in pids)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sessions", type=int, nargs="+", default=[1, 10, 50])
    p.add_argument("--reruns", type=int, default=20, help="reruns per session")
    p.add_argument("--soak", type=float, default=None, help="seconds: rerun until then")
    p.add_argument("--think", type=float, default=0.0, help="mean seconds between a user's reruns")
    p.add_argument("--db", default=str(ROOT / "data" / "budget.duckdb"))
    p.add_argument(
        "--replicas",
        type=int,
        default=1,
        help="app processes; more than one puts nginx in front (as deployed)",
    )
    p.add_argument(
        "--ttl",
        type=int,
        default=15,
        help="seconds the server keeps a closed session (server.disconnectedSessionTTL)",
    )
    p.add_argument("--no-write", action="store_true")
    a = p.parse_args(argv)
    rows = []
    extra = ["--server.disconnectedSessionTTL", str(a.ttl)]
    with serve_replicas(a.replicas, db=a.db, extra=extra) as (url, pids, direct):
        # one warm-up visit per process so that caches and imports are not billed to the first
        # level (through nginx, the sticky hash would warm only one of them)
        for process_url in direct:
            asyncio.run(_warm(process_url))
        time.sleep(1)
        base = baseline = rss_all(pids)
        for n in a.sessions:
            out = asyncio.run(level(url, pids, n, a.reruns, a.soak, a.think))
            gc.collect()
            time.sleep(5)
            after = rss_all(pids)
            # Closed sessions expire after the TTL, but Streamlit's session store removes them
            # only when it is next used: the next visitor. One short visit, then measure.
            time.sleep(max(0, a.ttl + 2 - 5))
            for process_url in direct:
                asyncio.run(_visit(process_url))
            gc.collect()
            time.sleep(2)
            released = rss_all(pids)
            res = out["results"]
            lat = [r.seconds * 1000 for r in res[1:]] or [r.seconds * 1000 for r in res]
            errors = sum(1 for r in res if r.status != "finished" or r.exceptions)
            rows.append(
                {
                    "n": n,
                    "reruns": len(res),
                    "p50": percentile(lat, 50),
                    "p95": percentile(lat, 95),
                    "errors": errors,
                    "bytes": median([r.bytes_received for r in res]),
                    "base": base,
                    "idle": out["idle_mb"],
                    "after": after,
                    "released": released,
                    "per_session": (out["idle_mb"] - base) / n,
                    "baseline": baseline,
                }
            )
            print(rows[-1], file=sys.stderr)
            base = released
    what = f"--soak {a.soak:.0f}" if a.soak else f"--reruns {a.reruns}"
    what += f" --think {a.think:g}" if a.think else ""
    what += f" --replicas {a.replicas}" if a.replicas > 1 else ""
    pacing = (
        f"users arrive over the first {a.think:g} s and wait {a.think:g} s on average "
        "(0.5–1.5×) between reruns"
        if a.think
        else "reruns back to back, no think time"
    )
    lines = [
        f"Command: `.venv/bin/python bench/bench_load.py --sessions "
        f"{' '.join(map(str, a.sessions))} {what}` (the client in its own process on the same "
        f"2 cores; {pacing}; "
        + (f"{a.replicas} app processes behind nginx" if a.replicas > 1 else "one app process")
        + ", started with deploy/launch.py; memory is the sum over app processes; closed "
        f"sessions are kept {a.ttl} s, `server.disconnectedSessionTTL`).",
        "",
        "| sessions | reruns | p50 ms | p95 ms | errors | bytes/rerun (median) | RSS before MB | "
        "RSS idle MB | per idle session MB | RSS 5 s after close MB | RSS after the TTL MB | "
        "server baseline MB |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        lines.append(
            f"| {r['n']} | {r['reruns']} | {r['p50']:.0f} | {r['p95']:.0f} | {r['errors']} | "
            f"{r['bytes']:,.0f} | {r['base']:.0f} | {r['idle']:.0f} | {r['per_session']:.2f} | "
            f"{r['after']:.0f} | {r['released']:.0f} | {r['baseline']:.0f} |"
        )
    text = "\n".join(lines)
    print(text)
    if not a.no_write:
        name = "Soak" if a.soak else ("Many users (think time)" if a.think else "Many users")
        name += f", {a.replicas} processes" if a.replicas > 1 else ""
        write_section(name, machine() + "\n\n" + text)
    return 0


async def _visit(url: str) -> None:
    session, _ = await open_session(url)
    await session.ws.close()


async def _warm(url: str) -> None:
    """Visit every step in both languages: a visitor who switched to English stays in English,
    so both versions of every page end up in the shared caches during the load. Filling them
    first keeps the caches (bounded, shared by all sessions) out of the memory per session."""
    session, _ = await open_session(url)
    for lang in ("zh", "en"):
        for page, query in STEPS:
            await rerun(session, page, "&".join(x for x in (query, f"lang={lang}") if x))
    await session.ws.close()


if __name__ == "__main__":
    sys.exit(main())
