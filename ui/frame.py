"""The frame every page shares: the sidebar with language, department and year.

app.py draws it before running the selected page. A page also asks for it (through
``components.page_header``) because Streamlit sometimes runs a page script on its own: when a
``pages/`` folder exists, a fresh server's first run (a deep link) and AppTest's page switches use
the legacy multipage mode, which skips app.py. Drawing is idempotent within one script run.
"""

from __future__ import annotations

from collections.abc import Collection
from functools import partial

import duckdb
import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from budgetlens.errors import DatabaseError
from budgetlens.settings import SettingsError
from ui import data, state
from ui.i18n import LANG_NAMES, TRANSLATIONS, t

_LANG_KEY = "qp_lang"
_LEGACY_LEFT = "_budgetlens_left_legacy_mode"


def _drawn_this_run() -> bool:
    """True when the sidebar widgets already exist in the current script run."""
    ctx = get_script_run_ctx()
    try:
        return ctx is not None and _LANG_KEY in ctx.shared.widget_user_keys_this_run
    except AttributeError:  # internal API moved: fall back to "drawn if filters exist"
        return state.has_current()


def _leave_legacy_mode() -> None:
    """Switch Streamlit from the legacy pages-folder mode to st.navigation, once per session.

    A fresh server starts in legacy mode because ``pages/`` exists, and only leaves it when
    app.py calls st.navigation. If the first visitor deep-links to a page, that page runs alone,
    with the legacy navigation, for every session until someone opens the root page. Turning the
    flag off and rerunning makes this run go through app.py like all others.
    """
    try:
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError:  # internal module moved: the page still works, with legacy navigation
        return
    if PagesManager.uses_pages_directory and not st.session_state.get(_LEGACY_LEFT):
        st.session_state[_LEGACY_LEFT] = True  # never loop, whatever resets the flag
        PagesManager.uses_pages_directory = False
        st.rerun()


def unknown_page(url_paths: Collection[str], home: str) -> str | None:
    """The page a link asks for that the app does not have (``/nosuch``, a mistyped or old
    path), or None. Call before ``st.navigation``: the request is turned into one for the home
    page, so Streamlit runs it without its own English “Page not found” dialog, and the caller
    says what happened in the page's language. ``home``: the home page's own name (its path
    is ``/``; ``/overview`` opens it too, without a sentence)."""
    ctx = get_script_run_ctx()
    try:
        manager = ctx.pages_manager  # type: ignore[union-attr]
        asked = manager.intended_page_name
        by_hash = manager.intended_page_script_hash
    except AttributeError:  # no script run (bare mode) or the internal API moved
        return None
    if by_hash or not asked or asked in url_paths:
        return None  # a page chosen in the app, the home page, or one that exists
    manager.set_script_intent("", "")
    return None if asked == home else str(asked)


def document_label(document: str, lang: str) -> str:
    """The document choice as the sidebar shows it in ``lang``, e.g. 单位预算 (Unit budget):
    department and year are chosen above it, so its scope and kind say which document it is
    (the id is ``<department>-<year>-<kind>-<scope>``). The language is passed, not read from the
    session: a widget's labels may be formatted outside the script run."""
    kind, scope = document.rsplit("-", 2)[1:]
    return t("doc.label", lang).format(
        scope=t(f"doc_scope.{scope}", lang) if f"doc_scope.{scope}" in TRANSLATIONS else scope,
        kind=t(f"doc_kind.{kind}", lang) if f"doc_kind.{kind}" in TRANSLATIONS else kind,
    )


def sidebar(*, with_document: bool = True) -> state.Filters:
    """Draw the sidebar once per run and return the validated filters (stops the page when the
    database is missing or empty, with a sentence saying what to do). ``with_document=False``: a
    page over many documents, which shows no document picker and whose URL carries none; its
    filters name no document (department, title and document empty; the latest year)."""
    if _drawn_this_run() and state.has_current():
        return state.current()
    _leave_legacy_mode()
    # The language comes first: every other label depends on it.
    state.bound_select(
        "语言 / Language",
        state.LANGS,
        "lang",
        format_func=lambda code: LANG_NAMES[code],
        sidebar=True,
        write_url=False,  # set_current writes the three in one message
    )
    try:
        docs = data.document_index()
    except SettingsError as exc:
        st.error(str(exc))
        st.stop()
    except (duckdb.Error, DatabaseError) as exc:
        st.error(t("msg.no_database").format(path=data.db_path(), error=exc))
        st.stop()
    if not docs:
        st.warning(t("msg.no_documents"))
        st.stop()
    if not with_document:
        # a page over many documents shows none of them: no document picker (each widget is
        # sent on every rerun); the choice made on a document's page is kept for going back.
        # The filters name no document, so that its sections are shared by every session.
        database, version = data.database_version()
        latest = max(year for years in docs.values() for year in years)
        filters = state.Filters("", latest, state.lang(), "", "", database, version)
        state.set_current(filters, document=False)
        st.sidebar.caption(t("app.tagline"))
        return filters

    departments = sorted(docs)
    # a link may name the document only (?doc=): its department and year are the defaults
    wanted = state.param("doc")
    linked = (
        next(
            (
                (dept, year)
                for dept, years in docs.items()
                for year, ids in years.items()
                if wanted in ids
            ),
            (None, None),
        )
        if wanted
        else (None, None)
    )
    # a city's thousand departments: a text box narrows the list (ui.state.bound_pick)
    department = state.bound_pick(
        t("filter.department"),
        departments,
        "department",
        filter_label=t("filter.find_department"),
        more_label=t("msg.more_departments"),
        default=linked[0],
        sidebar=True,
        write_url=False,
    )
    year = state.bound_select(
        t("filter.year"),
        state.years_of(docs, department),
        "year",
        parse=state.parse_int,
        default=linked[1],
        sidebar=True,
        write_url=False,
    )
    options = state.documents_of(docs, department, int(year))
    if wanted and wanted not in options and len(options) <= 1:
        # a document that is not loaded (an old link): say so, and show the one there is (with
        # several, the document choice below says it)
        st.warning(t("msg.bad_param").format(value=wanted, what=t("filter.document")))
    document = (
        state.bound_select(
            t("filter.document"),
            list(options),
            "doc",
            format_func=partial(document_label, lang=state.lang()),
            sidebar=True,
            write_url=False,
        )
        if len(options) > 1
        else next(iter(options))
    )
    database, version = data.database_version()
    filters = state.Filters(
        department,
        int(year),
        state.lang(),
        options[document],
        str(document),
        database,
        version,
    )
    state.set_current(filters, document=with_document)
    st.sidebar.caption(t("app.tagline"))
    return filters
