"""A Streamlit client at the websocket level: what a browser sends, without the browser.

It speaks Streamlit's own protocol (``/_stcore/stream``, subprotocol ``streamlit``, protobuf
BackMsg/ForwardMsg from the installed ``streamlit.proto``): it sends ``rerun_script`` with a page
and a query string and reads what the server sends until ``script_finished``. Used to warm a
freshly started server (deploy/warm.py) and by the benchmarks (bench/load_client.py).
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect


@dataclass
class RunResult:
    """One rerun as the client saw it."""

    page: str
    query: str
    seconds: float
    bytes_received: int
    messages: int
    exceptions: int
    status: str  # finished | compile_error | timeout | disconnected


@dataclass
class Session:
    """A connected client session: the socket and the app's pages (name → script hash).

    ``pages`` knows each page under its URL path and its title (and, from the first message,
    the pages of Streamlit's legacy pages-folder mode); ``navigation`` holds only the pages the
    app's st.navigation lists, by URL path."""

    ws: object
    pages: dict[str, str] = field(default_factory=dict)
    navigation: dict[str, str] = field(default_factory=dict)
    default_hash: str = ""


async def open_session(
    url: str, timeout: float = 30.0, page: str = "", query: str = ""
) -> tuple[Session, RunResult]:
    """Connect and run the default page once (as a browser does on load), or ``page`` with
    ``query`` (a deep link)."""
    ws = await connect(
        f"{url}/_stcore/stream",
        subprotocols=["streamlit"],
        max_size=None,
        open_timeout=timeout,
        compression=None,
    )
    session = Session(ws)
    first = await rerun(session, page, query, timeout=timeout)
    return session, first


async def rerun(session: Session, page: str, query: str, timeout: float = 30.0) -> RunResult:
    """Ask for a rerun of ``page`` (a page name from the navigation; '' = default) with
    ``query`` (a URL query string without '?'), and wait for script_finished."""
    msg = BackMsg()
    msg.rerun_script.query_string = query
    if page:
        msg.rerun_script.page_script_hash = session.pages.get(page, "")
        msg.rerun_script.page_name = page
    started = time.perf_counter()
    await session.ws.send(msg.SerializeToString())
    received = messages = exceptions = 0
    status = "timeout"
    deadline = started + timeout
    try:
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                break
            raw = await asyncio.wait_for(session.ws.recv(), timeout=left)
            received += len(raw)
            messages += 1
            fwd = ForwardMsg()
            fwd.ParseFromString(raw)
            kind = fwd.WhichOneof("type")
            if kind == "navigation":
                session.navigation = {}  # the latest navigation message is the app's
                for p in fwd.navigation.app_pages:
                    session.pages[p.url_pathname or p.page_name] = p.page_script_hash
                    session.pages[p.page_name] = p.page_script_hash
                    session.navigation[p.url_pathname or p.page_name] = p.page_script_hash
            elif kind == "new_session":
                for p in fwd.new_session.app_pages:
                    session.pages.setdefault(p.page_name, p.page_script_hash)
            elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                if fwd.delta.new_element.WhichOneof("type") == "exception":
                    exceptions += 1
            elif kind == "script_finished":
                code = fwd.script_finished
                if code == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue
                status = (
                    "finished"
                    if code
                    in (
                        ForwardMsg.FINISHED_SUCCESSFULLY,
                        ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
                    )
                    else "compile_error"
                )
                break
    except TimeoutError:
        status = "timeout"
    except Exception:  # the server closed the socket
        status = "disconnected"
    return RunResult(
        page, query, time.perf_counter() - started, received, messages, exceptions, status
    )
