"""Load tests and page-cost benchmarks through a websocket-level Streamlit client.

The client (``open_session``, ``rerun``: deploy/client.py) speaks Streamlit's own protocol and
times the server until ``script_finished``. No browser is involved, so on a 2-core machine the
server is what is measured, not chromium.

Here: starting and stopping Streamlit servers for a benchmark (``serve``, ``serve_replicas``
with nginx in front), a process's resident memory, percentiles.

Only loopback addresses are used: the server is started by the benchmark on 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import os
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, in MiB (from /proc)."""
    total = 0
    pids = [pid]
    with contextlib.suppress(OSError):
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        pids += [int(c) for c in children]
    for p in pids:
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
    return total / 1024


@contextlib.contextmanager
def serve(
    app: str = "app.py",
    db: str | None = None,
    env: dict[str, str] | None = None,
    port: int | None = None,
    extra: list[str] | None = None,
    launcher: bool = True,
) -> Iterator[tuple[str, int]]:
    """Start the app on 127.0.0.1 and yield (base URL, server pid); stop it after.

    By default the app runs through deploy/launch.py, as it is served (Nagle's algorithm off);
    ``launcher=False`` runs plain ``streamlit run``, to measure what the launcher changes.
    """
    port = port or free_port()
    run_env = {**os.environ, **(env or {})}
    if db:
        run_env["BUDGETLENS_DB"] = db
    head = (
        [sys.executable, "deploy/launch.py"]
        if launcher and app == "app.py"
        else [sys.executable, "-m", "streamlit", "run", app]
    )
    cmd = [
        *head,
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        *(extra or []),
    ]
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env=run_env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"streamlit exited: {proc.stderr.read().decode()[-2000:]}")
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.2)
        yield f"ws://127.0.0.1:{port}", proc.pid
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


@contextlib.contextmanager
def serve_replicas(
    replicas: int,
    db: str | None = None,
    env: dict[str, str] | None = None,
    extra: list[str] | None = None,
) -> Iterator[tuple[str, list[int], list[str]]]:
    """``replicas`` app processes; with more than one, nginx in front of them as deployed
    (deploy/render_nginx.py: sticky sessions). Yields (URL clients connect to, app pids, the
    processes' own URLs, e.g. to warm each one up)."""
    if replicas <= 1:
        with serve(db=db, env=env, extra=extra) as (url, pid):
            yield url, [pid], [url]
        return
    import shutil
    import tempfile

    from deploy.render_nginx import render

    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    with contextlib.ExitStack() as stack:
        servers = [stack.enter_context(serve(db=db, env=env, extra=extra)) for _ in range(replicas)]
        prefix = stack.enter_context(tempfile.TemporaryDirectory())
        port = free_port()
        conf = Path(prefix) / "nginx.conf"
        # limits raised: every simulated user comes from 127.0.0.1
        conf.write_text(
            render(
                f"127.0.0.1:{port}",
                [u.removeprefix("ws://") for u, _ in servers],
                prefix,
                rate=10000,
                burst=10000,
                conn_limit=10000,
            )
        )
        proc = subprocess.Popen(
            [nginx, "-c", str(conf), "-p", prefix, "-g", "daemon off;"], stderr=subprocess.DEVNULL
        )
        try:
            deadline = time.time() + 10
            while time.time() < deadline:
                with socket.socket() as s:
                    if s.connect_ex(("127.0.0.1", port)) == 0:
                        break
                time.sleep(0.1)
            yield f"ws://127.0.0.1:{port}", [pid for _, pid in servers], [u for u, _ in servers]
        finally:
            proc.terminate()
            proc.wait(timeout=10)
