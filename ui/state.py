"""The view's state in the URL: department, year, language and page-specific keys.

Every value read from ``st.query_params`` is checked against what exists in the database (or a
fixed list) and replaced by a default when it does not fit. Nothing here raises on bad input: a
hand-edited or stale link always opens a valid view.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar

import streamlit as st

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"
_CURRENT = "_budgetlens_filters"
_REMEMBERED = "_budgetlens_remembered"

T = TypeVar("T")


@dataclass(frozen=True)
class Filters:
    """The disclosure on screen and the language of the labels."""

    department: str
    year: int
    lang: str
    title: str
    document: str  # the document id (department, year, kind, scope)
    # the database file and its version when the sidebar read it (ui.data.view_key)
    database: str
    version: str


def param(name: str) -> str | None:
    """The raw query parameter ``name`` (first value), or None; never raises."""
    try:
        value = st.query_params.get(name)
    except Exception:  # a malformed query string must not break the page
        return None
    if value is None:
        return None
    return str(value).strip()


def parse_int(raw: str | None) -> int | None:
    """``'2024'`` → 2024; anything that is not a plain integer → None."""
    if raw is None:
        return None
    try:
        return int(raw)
    except ValueError:
        return None


def valid_lang(raw: str | None) -> str:
    """The language in the URL if it is one we translate to, else the default (中文)."""
    return raw if raw in LANGS else DEFAULT_LANG


def years_of(index: Mapping[str, Mapping[int, Mapping[str, str]]], department: str) -> list[int]:
    """The years published by a department, latest first (``index``: department → year →
    document → title, as ``ui.data.document_index`` gives it)."""
    return sorted(index.get(department, {}), reverse=True)


def documents_of(
    index: Mapping[str, Mapping[int, Mapping[str, str]]], department: str, year: int
) -> dict[str, str]:
    """The documents (document id → title) of one department and year: usually one, two when a
    部门预算 and a 单位预算 are both loaded."""
    return dict(index.get(department, {}).get(year, {}))


# the URL values waiting to be written in one message (one_url_update), per script run
_URL_PENDING: contextvars.ContextVar[dict[str, str] | None] = contextvars.ContextVar(
    "budgetlens_url_pending", default=None
)


def mirror(name: str, value: str, **more: str) -> None:
    """Put ``value`` into the URL as ``name`` (and each of ``more``) unless it is already there.
    Every change sends a message to the browser: all changes go in one (inside
    :func:`one_url_update`, at its end)."""
    wanted = {name: value, **more}
    pending = _URL_PENDING.get()
    if pending is not None:
        pending.update(wanted)
        return
    _write(wanted)


def _write(wanted: Mapping[str, str]) -> None:
    changed = {k: v for k, v in wanted.items() if param(k) != v}
    if changed:
        st.query_params.update(changed)


@contextmanager
def one_url_update() -> Iterator[None]:
    """Within, the bound widgets' values go into the URL in one message, when the block ends
    (a page's filters: each message costs a rerun time). Code within must not read back a URL
    value it has just written."""
    pending: dict[str, str] = {}
    token = _URL_PENDING.set(pending)
    try:
        yield
    finally:
        _URL_PENDING.reset(token)
        _write(pending)


def set_current(filters: Filters, *, document: bool = True) -> None:
    """Remember the filters of this run (pages read them) and mirror them into the URL: the
    language, and the document unless ``document`` is False (a page over many documents, whose
    URL names none: "/" with a document opens that document's overview)."""
    st.session_state[_CURRENT] = filters
    if not document:
        mirror("lang", filters.lang)
        return
    # Checked every run: navigating between pages clears the query string, this restores it.
    mirror(
        "department",
        filters.department,
        year=str(filters.year),
        doc=filters.document,
        lang=filters.lang,
    )


def current() -> Filters:
    """The filters set by the sidebar (ui.frame) in this run."""
    return st.session_state[_CURRENT]


def has_current() -> bool:
    """True once the sidebar has set filters in this session."""
    return _CURRENT in st.session_state


def lang() -> str:
    """The current language: the language widget's value, else the URL's, else Chinese."""
    chosen = st.session_state.get("qp_lang")
    return chosen if chosen in LANGS else valid_lang(param("lang"))


def bound_select(
    label: str,
    options: Sequence[T],
    name: str,
    *,
    format_func: Callable[[T], str] = str,
    parse: Callable[[str | None], T | None] = lambda raw: raw,  # type: ignore[assignment,return-value]
    default: T | None = None,
    help: str | None = None,
    sidebar: bool = False,
    write_url: bool = True,
    shown: Sequence[T] | None = None,
) -> T | None:
    """A selectbox whose value lives in the URL query parameter ``name``.

    On first display the URL value is used when it is one of ``options``, else the value last
    chosen in this session, else ``default``, else the first option; afterwards the widget is the
    source of truth and the URL mirrors it, except when the URL arrives with another valid value
    than the one last mirrored (a link followed inside the app): then the URL's value is taken.
    Returns None when there are no options. ``shown``: the options the selectbox lists, when not
    all (:func:`bound_pick`); the value is checked against ``options`` and listed first when
    ``shown`` leaves it out.
    """
    options = list(options)
    if not options:
        st.query_params.pop(name, None)
        return None
    key = f"qp_{name}"
    # Widget state is dropped when a page stops drawing the widget, and page switches may clear
    # the query string: a plain session value keeps the last choice across both.
    remembered = st.session_state.setdefault(_REMEMBERED, {})
    wanted = st.session_state.get(key)
    raw = param(name)
    if wanted is None and raw is not None and parse(raw) not in options:
        # a value in the URL that does not exist (a bad year, an old link): say so, in the
        # page's language, and show what is there instead
        from ui.i18n import t

        st.warning(t("msg.bad_param").format(value=raw, what=label))
    linked = parse(raw)
    if linked in options and name in remembered and linked != remembered[name]:
        # the URL names another value than the one last chosen and mirrored: a link inside the
        # app (catalogue, comparison, search) was followed, and the link wins over the widget
        wanted = linked
    if wanted not in options:
        wanted = linked
    if wanted not in options:
        wanted = remembered.get(name)
    if wanted not in options:
        wanted = default if default in options else options[0]
    # Set even when unchanged: a widget drawn from another page script gets a new identity, and
    # only an explicit session value carries the choice over to it.
    st.session_state[key] = wanted
    where = st.sidebar if sidebar else st
    listed = options if shown is None else list(dict.fromkeys([wanted, *shown]))
    value = where.selectbox(label, listed, key=key, format_func=format_func, help=help)
    remembered[name] = value
    if write_url:  # False: the caller writes it with others, in one message (set_current)
        mirror(name, str(value))
    return value


# A selectbox sends its options to the browser on every rerun: with a thousand departments that
# was most of a rerun's cost (docs/benchmarks.md, "Many documents"). Beyond this many options a
# picker lists the matches of a text filter, at most this many.
MAX_OPTIONS = 50


def bound_pick(
    label: str,
    options: Sequence[T],
    name: str,
    *,
    filter_label: str,
    more_label: str,
    format_func: Callable[[T], str] = str,
    parse: Callable[[str | None], T | None] = lambda raw: raw,  # type: ignore[assignment,return-value]
    default: T | None = None,
    sidebar: bool = False,
    write_url: bool = True,
    limit: int | None = None,
) -> T | None:
    """:func:`bound_select` over many options: up to ``limit`` it is that selectbox; beyond, a
    text box filters the options (by their label, case-insensitive) and the selectbox lists the
    chosen value and the first ``limit`` matches, with ``more_label`` (``{n}``: how many more
    match) under it (``limit`` default: :data:`MAX_OPTIONS`). The value is checked against all
    ``options``, the URL's included."""
    options = list(options)
    limit = MAX_OPTIONS if limit is None else limit
    if len(options) <= limit:
        return bound_select(
            label,
            options,
            name,
            format_func=format_func,
            parse=parse,
            default=default,
            sidebar=sidebar,
            write_url=write_url,
        )
    where = st.sidebar if sidebar else st
    text = where.text_input(filter_label, key=f"pick_{name}", max_chars=50).strip().lower()
    matches = [o for o in options if text in format_func(o).lower()] if text else options
    value = bound_select(
        label,
        options,
        name,
        format_func=format_func,
        parse=parse,
        default=default,
        sidebar=sidebar,
        write_url=write_url,
        shown=matches[:limit],
    )
    if len(matches) > limit:
        where.caption(more_label.format(n=len(matches) - limit))
    return value
