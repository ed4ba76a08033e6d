"""Helpers for tests that start ``budgetlens serve``: wait until it answers, render a page.

Only loopback: the server listens on 127.0.0.1 on a free port. Waiting polls the health endpoint
until it answers or the process ends, with a generous deadline that only guards against a hang.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

START_DEADLINE_S = 120


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Served:
    url: str
    proc: subprocess.Popen

    def health(self) -> str:
        with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=10) as r:
            return r.read().decode()


@contextlib.contextmanager
def serving(command: list[str], *, cwd: Path, env: dict[str, str]) -> Iterator[Served]:
    """Run ``command`` (a ``budgetlens serve …`` command line without --port/--address) on a free
    loopback port and yield once /_stcore/health answers; stop it afterwards."""
    port = free_port()
    proc = subprocess.Popen(
        [*command, "--port", str(port), "--address", "127.0.0.1"],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    served = Served(f"http://127.0.0.1:{port}", proc)
    try:
        deadline = time.monotonic() + START_DEADLINE_S
        while True:
            if proc.poll() is not None:
                raise AssertionError(f"the server exited: {proc.stderr.read()[-3000:]}")
            try:
                if served.health() == "ok":
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "the server did not answer"
            time.sleep(0.2)
        yield served
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        proc.stderr.close()


@dataclass
class Page:
    """What the server sent for one run of a page."""

    status: str  # finished, or what went wrong
    exceptions: int
    raw: bytes  # every message, concatenated: the page's text is in there as UTF-8
    toolbar_mode: int | None  # from the new-session message: the config the server runs with


def render(url: str, page: str = "", query: str = "", timeout: float = 60) -> Page:
    """Open a session, run ``page`` ('' = the default page) and collect what the server sends
    until the script finished."""
    return asyncio.run(_render(url.replace("http://", "ws://"), page, query, timeout))


async def _render(url: str, page: str, query: str, timeout: float) -> Page:
    ws = await connect(
        f"{url}/_stcore/stream", subprotocols=["streamlit"], max_size=None, open_timeout=timeout
    )
    raw = b""
    exceptions = 0
    toolbar = None
    pages: dict[str, str] = {}
    try:
        for wanted in dict.fromkeys(["", page]):  # the default page first, as a browser does
            msg = BackMsg()
            msg.rerun_script.query_string = query
            if wanted:
                msg.rerun_script.page_script_hash = pages[wanted]
                msg.rerun_script.page_name = wanted
            await ws.send(msg.SerializeToString())
            raw = b""
            while True:
                data = await asyncio.wait_for(ws.recv(), timeout=timeout)
                raw += data
                fwd = ForwardMsg()
                fwd.ParseFromString(data)
                kind = fwd.WhichOneof("type")
                if kind == "new_session":
                    toolbar = fwd.new_session.config.toolbar_mode
                elif kind == "navigation":
                    for p in fwd.navigation.app_pages:
                        pages[p.url_pathname or p.page_name] = p.page_script_hash
                elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                    exceptions += fwd.delta.new_element.WhichOneof("type") == "exception"
                elif kind == "script_finished":
                    if fwd.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                        continue
                    ok = fwd.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY
                    status = "finished" if ok else f"script_finished={fwd.script_finished}"
                    break
            if status != "finished":
                break
    finally:
        await ws.close()
    return Page(status, exceptions, raw, toolbar)


def open_files(pid: int) -> set[str]:
    """The files a process has open (from /proc)."""
    out = set()
    fd_dir = Path(f"/proc/{pid}/fd")
    for fd in fd_dir.iterdir():
        with contextlib.suppress(OSError):
            out.add(os.readlink(fd))
    return out
