"""Warm a freshly started dashboard process: visit every page once in every language.

A page's content is drawn on the first visit of each view in a process and replayed after that
(docs/dashboard.md, "Sections"); a first visit costs up to ~200 ms instead of under 10 ms. This
visits every page's default view as soon as the server answers, so that visitors do not pay for
it. The systemd unit runs it after starting a process (deploy/systemd/budgetlens@.service).

    python deploy/warm.py ws://127.0.0.1:8601 [--wait 60] [--langs zh en]

Exits 0 when every visit finished without an exception element, 1 otherwise, 2 when the server
did not answer within --wait seconds.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from websockets.exceptions import WebSocketException

from deploy.client import RunResult, open_session, rerun


async def warm(url: str, langs: tuple[str, ...] = ("zh", "en")) -> list[RunResult]:
    """Visit every page of the app at ``url`` (ws://host:port) once per language; return the
    visits. Raises OSError or WebSocketException when the server does not take the connection."""
    session, _ = await open_session(url)
    try:
        visits = []
        for lang in langs:
            for page in list(session.navigation):
                visits.append(await rerun(session, page, f"lang={lang}"))
        return visits
    finally:
        await session.ws.close()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("url", help="the process's websocket base URL, e.g. ws://127.0.0.1:8601")
    p.add_argument("--wait", type=float, default=60, help="seconds to wait for the server")
    p.add_argument("--langs", nargs="+", default=["zh", "en"])
    a = p.parse_args(argv)
    deadline = time.monotonic() + a.wait
    while True:
        try:
            visits = asyncio.run(warm(a.url, tuple(a.langs)))
            break
        except (OSError, TimeoutError, WebSocketException):  # not listening, or still starting
            if time.monotonic() > deadline:
                print(f"warm: {a.url} did not answer within {a.wait:g} s", file=sys.stderr)
                return 2
            time.sleep(0.5)
    failed = [v for v in visits if v.status != "finished" or v.exceptions]
    seconds = sum(v.seconds for v in visits)
    print(f"warm: {len(visits)} visits in {seconds:.1f} s, {len(failed)} failed")
    for v in failed:
        print(f"warm: {v.page} ({v.query}): {v.status}, {v.exceptions} exceptions", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
