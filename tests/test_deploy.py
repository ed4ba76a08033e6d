"""The deployment files work: nginx (from deploy/render_nginx.py) in front of two app processes,
on loopback, with the websocket load client going through it."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from bench.load_client import free_port, serve
from deploy.client import open_session, rerun
from deploy.render_nginx import render

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
needs_nginx = pytest.mark.skipif(
    not Path(NGINX).exists(),
    reason="nginx not installed (apt-get install -y nginx-light "
    "libnginx-mod-http-headers-more-filter; .ci/run does this)",
)


def get(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
    except urllib.error.HTTPError as e:
        return e.code, {k.lower(): v for k, v in e.headers.items()}, b""


@pytest.fixture(scope="module")
def stack(seed_db: Path, tmp_path_factory: pytest.TempPathFactory):
    prefix = tmp_path_factory.mktemp("nginx")
    with serve(db=str(seed_db)) as (url_a, _), serve(db=str(seed_db)) as (url_b, _):
        ups = [u.removeprefix("ws://") for u in (url_a, url_b)]
        port = free_port()
        conf = prefix / "nginx.conf"
        conf.write_text(render(f"127.0.0.1:{port}", ups, str(prefix), rate=200, burst=400))
        proc = subprocess.Popen(
            [NGINX, "-c", str(conf), "-p", str(prefix), "-g", "daemon off;"], stderr=subprocess.PIPE
        )
        try:
            deadline = time.time() + 10
            while time.time() < deadline:
                try:
                    get(f"http://127.0.0.1:{port}/_stcore/health")
                    break
                except OSError:
                    time.sleep(0.1)
            yield f"http://127.0.0.1:{port}", f"ws://127.0.0.1:{port}"
        finally:
            proc.terminate()
            proc.wait(timeout=10)


@needs_nginx
def test_nginx_serves_the_app_without_revealing_its_software(stack):
    http, _ = stack
    status, headers, body = get(f"{http}/")
    assert status == 200 and b"<html" in body.lower()
    assert "server" not in headers
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "SAMEORIGIN"
    assert "bl_route=" in headers["set-cookie"]


@needs_nginx
def test_metrics_endpoint_is_denied(stack):
    http, _ = stack
    status, _, _ = get(f"{http}/_stcore/metrics")
    assert status == 404


@needs_nginx
def test_sessions_through_nginx_rerun_without_errors(stack):
    _, ws = stack

    async def one_user() -> list:
        session, first = await open_session(ws)
        runs = [first]
        for page, query in (("overview", ""), ("checks", ""), ("", "lang=en")):
            runs.append(await rerun(session, page, query))
        await session.ws.close()
        return runs

    async def many() -> list:
        return await asyncio.gather(*(one_user() for _ in range(6)))

    results = [r for user in asyncio.run(many()) for r in user]
    assert {r.status for r in results} == {"finished"}
    assert sum(r.exceptions for r in results) == 0


def test_the_launcher_turns_nagle_off_on_sockets_streamlit_creates():
    import socket

    from deploy.launch import set_nodelay

    # Streamlit creates its socket like this (protocol 0), which asyncio's own check skips
    with socket.socket(family=socket.AF_INET) as sock:
        assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 0
        set_nodelay(sock)
        assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 1


def test_the_launcher_pays_the_first_visitors_one_off_costs_at_start(monkeypatch) -> None:
    """Streamlit checks, on the first element a process draws, that it is not run from a Python
    prompt, walking the whole stack with inspect (0.14 s timed alone): the launcher is
    ``streamlit run``, so it marks the check done; and it imports the libraries the pages use."""
    import sys

    import streamlit.delta_generator as delta_generator

    from deploy.launch import preload

    monkeypatch.setattr(delta_generator, "_use_warning_has_been_displayed", False)
    preload()
    assert delta_generator._use_warning_has_been_displayed is True
    assert "plotly.graph_objects" in sys.modules


def test_the_launcher_reads_what_every_view_over_many_documents_reads_before_serving(
    seed_db: Path, tmp_path: Path, monkeypatch
) -> None:
    """The catalogue's rows, the 类 rows and the stated prior-year figures are read once at
    start (ui.many.warm): the first visitor of a catalogue, comparison or trend view does not
    run those queries. A database file that does not exist is not read (the pages say so)."""
    import shutil

    from budgetlens import queries
    from deploy.launch import preload
    from ui import data

    db = tmp_path / "copy.duckdb"  # a file of its own: nothing of it is cached yet
    shutil.copy(seed_db, db)
    monkeypatch.setenv("BUDGETLENS_DB", str(db))
    ran: list[str] = []
    real_run = queries.run
    monkeypatch.setattr(
        queries, "run", lambda con, name, **p: ran.append(name) or real_run(con, name, **p)
    )
    preload()
    assert {"catalogue", "catalogue_classes", "prior_year_figures"} <= set(ran)
    ran.clear()
    catalogue = data.catalogue()
    assert not ran  # served from what the launcher read
    assert catalogue["department"].tolist() == ["晋城市科学技术局"]

    monkeypatch.setenv("BUDGETLENS_DB", str(tmp_path / "missing.duckdb"))
    from ui import many

    assert many.warm() is False
    assert not ran


def test_warm_visits_every_page_in_both_languages_once_the_server_answers(
    seed_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from deploy import warm

    with serve(db=str(seed_db)) as (url, _):
        # the server may still be starting: warm waits for it
        assert warm.main([url, "--wait", "60"]) == 0
        visits = asyncio.run(warm.warm(url, ("zh", "en")))
    pages = {v.page for v in visits}
    # every page of the navigation (app.py's PAGES), the default one under its title
    assert len(pages) == 14 and {"presenter", "search", "execution", "catalogue"} <= pages
    assert len(visits) == 2 * len(pages)
    assert {v.query for v in visits} == {"lang=zh", "lang=en"}
    assert all(v.status == "finished" and v.exceptions == 0 for v in visits)
    assert "28 visits" in capsys.readouterr().out


def test_warm_says_so_when_no_server_answers(capsys: pytest.CaptureFixture[str]) -> None:
    from deploy import warm

    assert warm.main([f"ws://127.0.0.1:{free_port()}", "--wait", "1"]) == 2
    assert "did not answer" in capsys.readouterr().err


def test_the_launcher_imports_the_modules_the_pages_import(tmp_path: Path) -> None:
    """A first visit must not load (or, without cached bytecode, compile) the dashboard's own
    modules: the launcher imports, before serving, every module app.py and the pages import,
    read from their source. Run in a fresh interpreter: this one has imported them already."""
    import subprocess
    import sys

    from deploy.launch import page_modules

    names = page_modules()
    assert {"ui.components", "ui.many", "ui.data", "ui.state", "streamlit"} <= set(names)
    assert "ui.i18n.t" in names  # ``from ui.i18n import t``: a name, skipped when importing
    code = (
        "import sys; sys.path.insert(0, 'deploy'); import launch\n"
        "before = {m for m in ('ui.components', 'ui.many', 'ui.presenter') if m in sys.modules}\n"
        "launch.import_page_modules()\n"
        "after = {m for m in ('ui.components', 'ui.many', 'ui.presenter') if m in sys.modules}\n"
        "print(sorted(before), sorted(after))"
    )
    env = {"BUDGETLENS_DB": str(tmp_path / "none.duckdb"), "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parents[1],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert out.stdout.strip() == "[] ['ui.components', 'ui.many', 'ui.presenter']", out.stderr
    assert "not preloaded" not in out.stderr
