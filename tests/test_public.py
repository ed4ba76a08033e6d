"""The public app: strange input never breaks it, it only reads, and it keeps working for everyone
after any client clears the caches."""

from __future__ import annotations

import asyncio
import re
import shutil
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st_
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.testing.v1 import AppTest

from bench.load_client import serve
from deploy.client import open_session, rerun
from tests.conftest import PAGES

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
KEYS = (
    "department",
    "year",
    "lang",
    "code",
    "project",
    "group",
    "status",
    "kind",
    "q",
    "slide",
    "unit",
)
NASTY = st_.sampled_from(
    [
        "",
        " ",
        "0",
        "-1",
        "99999999999999999999",
        "2024.5",
        "NaN",
        "null",
        "None",
        "true",
        "'; drop table document; --",
        "' or '1'='1",
        "%",
        "_",
        "\\",
        "%00",
        "\x00",
        "\u202e",
        "科技' union select * from document --",
        "<script>alert(1)</script>",
        "../../etc/passwd",
        "${jndi:ldap://x}",
        "晋城市科学技术局",
        "2024",
        "206",
        "zh",
        "en",
        "x" * 5000,
    ]
)


@pytest.fixture(scope="module")
def public_db(seed_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("public") / "budget.duckdb"
    shutil.copyfile(seed_db, path)
    return path


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    page=st_.sampled_from(PAGES),
    params=st_.dictionaries(
        st_.sampled_from(KEYS) | st_.text(min_size=1, max_size=8),
        NASTY | st_.text(max_size=40),
        max_size=5,
    ),
)
def test_any_query_string_opens_a_page_without_error(public_db, monkeypatch, page, params):
    monkeypatch.setenv("BUDGETLENS_DB", str(public_db))
    at = AppTest.from_file(str(APP), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page != "overview":
        at.switch_page(f"pages/{page}.py")
        at.run()
    assert not at.exception, (page, params, at.exception)
    # (the presenter's slide fills the screen: no page title, the slide's title instead)
    assert at.title or (page == "presenter" and at.markdown), (
        "the page drew its title: the view fell back to defaults"
    )
    assert not at.error, [e.value for e in at.error]


@pytest.fixture(scope="module")
def server(public_db: Path):
    with serve(db=str(public_db)) as (url, _):
        yield url


def run(coro):
    return asyncio.run(coro)


def test_a_clear_cache_message_leaves_the_app_working_for_everyone(server):
    async def scenario():
        other, first = await open_session(server)
        attacker, _ = await open_session(server)
        msg = BackMsg()
        msg.clear_cache = True
        await attacker.ws.send(msg.SerializeToString())
        await asyncio.sleep(0.5)
        results = [first]
        for page in ("overview", "checks", "performance", "presenter", ""):
            results.append(await rerun(other, page, ""))
            results.append(await rerun(attacker, page, "lang=en"))
        await other.ws.close()
        await attacker.ws.close()
        return results

    results = run(scenario())
    assert {r.status for r in results} == {"finished"}
    assert sum(r.exceptions for r in results) == 0
    assert all(r.bytes_received > 1000 for r in results)  # the pages drew their content


def test_forged_widget_values_fall_back_instead_of_failing(server):
    """A client can send any widget state; the app checks values against what exists."""

    async def scenario():
        session, _ = await open_session(server)
        out = []
        for widget_id, value in (
            ("qp_department", "不存在的部门"),
            ("qp_year", "1900"),
            ("qp_lang", "xx"),
            ("qp_code", "'; select 1; --"),
        ):
            msg = BackMsg()
            msg.rerun_script.query_string = ""
            state = msg.rerun_script.widget_states.widgets.add()
            state.id = widget_id
            state.string_value = value
            await session.ws.send(msg.SerializeToString())
            out.append(await rerun(session, "revenue_expenditure", "code=206"))
        await session.ws.close()
        return out

    results = run(scenario())
    assert {r.status for r in results} == {"finished"}
    assert sum(r.exceptions for r in results) == 0


def test_served_settings_hide_internals_and_refuse_uploads():
    cfg = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert cfg["client"]["showErrorDetails"] == "none"
    assert cfg["client"]["toolbarMode"] == "viewer"
    assert cfg["server"]["fileWatcherType"] == "none"
    assert cfg["server"]["runOnSave"] is False
    assert cfg["server"]["enableStaticServing"] is False
    assert cfg["server"]["enableXsrfProtection"] is True
    assert cfg["server"]["enableCORS"] is True
    assert cfg["server"]["maxUploadSize"] <= 1
    assert cfg["server"]["maxWidgetStateSize"] <= 1
    assert cfg["browser"]["gatherUsageStats"] is False
    assert cfg["runner"]["magicEnabled"] is False


def test_the_app_has_no_way_to_write_or_upload():
    code = "\n".join(
        p.read_text(encoding="utf-8")
        for p in [APP, *(ROOT / "pages").glob("*.py"), *(ROOT / "ui").glob("*.py")]
    )
    assert "file_uploader" not in code
    writes = (
        r"budgetlens\.ingest|parse_document|db\.load|load_many|insert into|create table|\.write_"
    )
    assert not re.search(writes, code, re.IGNORECASE)
    # every connection the app opens is read-only
    for call in re.findall(r"db\.connect\(([^)]*)\)", code):
        assert "read_only=True" in call, call


def test_the_read_only_connection_cannot_reach_outside_the_database(public_db):
    import duckdb

    from budgetlens import db, settings

    con = db.connect(public_db, read_only=True)
    try:
        for sql in (
            "select * from read_csv('/etc/passwd')",
            "install httpfs",
            "set enable_external_access = true",
            "create table x (a int)",
            "attach ':memory:' as other",
        ):
            with pytest.raises(duckdb.Error):
                con.execute(sql)
        settings_now = dict(
            con.execute(
                "select name, value from duckdb_settings() where name in "
                "('max_execution_time', 'lock_configuration', 'enable_external_access')"
            ).fetchall()
        )
        assert settings_now == {
            "max_execution_time": str(settings.current().max_execution_ms),
            "lock_configuration": "true",
            "enable_external_access": "false",
        }
    finally:
        con.close()
