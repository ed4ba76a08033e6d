"""Start the BudgetLens dashboard (``streamlit run app.py …``) with Nagle's algorithm off.

Streamlit 1.67 binds its server socket with ``socket.socket(family=…)`` (protocol 0), and
asyncio only sets TCP_NODELAY on sockets whose protocol is IPPROTO_TCP. The accepted connections
therefore keep Nagle's algorithm on: a rerun's second and later websocket frames wait for the
client's delayed ACK, about 40 ms on every rerun (measured: an empty page took 44 ms, most of it
that wait; see docs/benchmarks.md, "Page cost"). This launcher makes asyncio set TCP_NODELAY on
every TCP stream socket, then hands over to Streamlit's own command line.

    budgetlens serve [--db PATH] [--port N]            # how it is normally started
    python deploy/launch.py [streamlit options, e.g. --server.port 8501]

``app.py`` is the one beside this file's folder: the checkout's, or, installed from a wheel, the
copy in ``budgetlens/_bundle`` (with ``pages/``, ``ui/`` and ``.streamlit/config.toml``, which
Streamlit reads next to the main script, so the public settings hold whatever the current
directory).
"""

from __future__ import annotations

import asyncio.base_events
import socket
import sys
from pathlib import Path

APP = Path(__file__).resolve().parents[1] / "app.py"


def set_nodelay(sock: socket.socket) -> None:
    """TCP_NODELAY on any IPv4/IPv6 stream socket, whatever protocol number it was created with."""
    if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.type == socket.SOCK_STREAM:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


def main(argv: list[str] | None = None) -> int:
    # asyncio's transports call base_events._set_nodelay for every accepted connection
    asyncio.base_events._set_nodelay = set_nodelay  # type: ignore[attr-defined]
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", str(APP), *(sys.argv[1:] if argv is None else argv)]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main())
