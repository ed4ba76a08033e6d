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


def preload() -> None:
    """Pay at start-up what the first visitor would pay (docs/benchmarks.md, "Many
    documents"): the libraries the pages import (Plotly's figure classes take the longest), and
    Streamlit's check, on the first element a process draws, that it is not run from a Python
    prompt: it walks the whole call stack with ``inspect.stack()``, resolving the file of every
    loaded module (0.14 s timed alone here). This process is ``streamlit run``: the check's
    answer is known.
    """
    import duckdb
    import pandas  # noqa: F401
    import plotly.graph_objects  # noqa: F401
    import streamlit.delta_generator as delta_generator

    if hasattr(delta_generator, "_use_warning_has_been_displayed"):  # internal: may move
        delta_generator._use_warning_has_been_displayed = True
    warm_figures()
    sys.path.insert(0, str(APP.parent))
    import_page_modules()
    # the rows every view over many documents reads (the catalogue, 类 rows, stated prior
    # years): read once here rather than by the first visitor of each of those pages
    from ui import many

    try:
        many.warm()
    except duckdb.Error as err:  # the pages report an unreadable database to its visitors
        print(f"budgetlens: not warmed, the database cannot be read: {err}", file=sys.stderr)


def page_modules() -> list[str]:
    """The modules ``app.py`` and the pages import (``import x``, ``from x import y`` with ``x.y``
    where y is a module), read from their source without running them."""
    import ast

    names: list[str] = []
    for path in [APP, *sorted((APP.parent / "pages").glob("*.py"))]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names += [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.append(node.module)
                names += [f"{node.module}.{alias.name}" for alias in node.names]
    return list(dict.fromkeys(names))


def import_page_modules() -> None:
    """Import every module the pages import, so that the first visitor of a page does not
    load (or, without cached bytecode, compile) ``ui.components`` and the rest: 10–15 ms on
    the first comparison visited (docs/benchmarks.md). ``from m import name`` names that are
    no module are skipped; a module that fails to import is reported on stderr, and its page
    will show the error to its visitor as before."""
    import importlib
    import types

    for name in page_modules():
        parent, _, attr = name.rpartition(".")
        if parent in sys.modules and not isinstance(
            getattr(sys.modules[parent], attr, sys), types.ModuleType
        ):
            continue  # a name defined in a module (``from ui.i18n import t``)
        try:
            importlib.import_module(name)
        except Exception as err:  # the page reports it to its visitor
            print(f"budgetlens: not preloaded: {name}: {err}", file=sys.stderr)


# a figure of each kind of trace the pages draw, with the layout parts they set
_WARM_TRACES = ("bar", "pie", "scatter", "sankey", "treemap")


def warm_figures() -> None:
    """Draw one small figure of each trace type the pages use, as ``st.plotly_chart`` does
    (validated into plotly objects, then JSON): Plotly imports the classes of each trace type,
    layout part and its JSON encoder on first use (~40 ms on the first comparison visited)."""
    import plotly.io
    import plotly.tools

    for kind in _WARM_TRACES:
        spec = {
            "data": [{"type": kind}],
            "layout": {
                "title": {"text": kind, "subtitle": {"text": kind}},
                "annotations": [{"text": kind, "font": {"size": 11}}],
                "margin": {"l": 10},
                "font": {"family": "sans-serif"},
                "legend": {"orientation": "h"},
                "xaxis": {"tickangle": 0},
                "yaxis": {"autorange": "reversed"},
            },
        }
        figure = plotly.tools.return_figure_from_figure_or_data(spec, validate_figure=True)
        plotly.io.to_json(figure, validate=False)


def main(argv: list[str] | None = None) -> int:
    # asyncio's transports call base_events._set_nodelay for every accepted connection
    asyncio.base_events._set_nodelay = set_nodelay  # type: ignore[attr-defined]
    preload()
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", str(APP), *(sys.argv[1:] if argv is None else argv)]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main())
