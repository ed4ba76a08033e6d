"""Presenter mode and the take-away files (PPTX deck, XLSX workbook) for the current disclosure.

The slides are :func:`budgetlens.storyline.slides`, the same sequence the PPTX deck draws, so the
room sees on screen what it gets in the deck afterwards. Each slide becomes one Plotly figure (or
a table, or a row of big figures) with its generated sentences, title, unit and source.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import duckdb
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from budgetlens import storyline
from budgetlens.deck import build_deck
from budgetlens.workbook import build_workbook
from ui import data, state

PALETTE = ("#1f5fa8", "#6aa9e9", "#f28e2b", "#59a14f", "#b07aa1", "#e15759", "#76b7b2", "#9c755f")


@st.cache_resource(max_entries=16, ttl=3600, show_spinner=False)
def _slides(path: str, version: str, department: str, year: int, lang: str, document: str) -> tuple:
    # path and version key the cache: a republished database gets new slides. Shared by all
    # sessions, not copied per call (st.cache_data would unpickle a copy on every rerun).
    return tuple(storyline.slides(data.connection(), department, year, lang, document))


def slides() -> tuple[storyline.Slide, ...]:
    """The slides of the disclosure and language currently selected (shared: read-only)."""
    f = state.current()
    path = str(data.db_path())
    return _slides(path, data.file_version(path), f.department, f.year, f.lang, f.document)


def _label(value, number_format: str) -> str:
    """A bar's label: amounts with two decimals, counts as whole numbers."""
    if value is None:
        return ""
    return storyline.fmt_amount(value) if "." in number_format else f"{int(value):,}"


def _float(values) -> list[float | None]:
    return [None if v is None else float(v) for v in values]


def figure(slide: storyline.Slide) -> go.Figure | None:
    """The slide's chart as a Plotly figure (graph_objects), or None for tables and figures."""
    chart = slide.chart
    if chart is None or chart.kind in ("table", "figures"):
        return None
    fig = go.Figure()
    cats = list(chart.categories)
    if chart.kind in ("pie", "doughnut"):
        s = chart.series[0]
        fig.add_trace(
            go.Pie(
                labels=cats,
                values=_float(s.values),
                name=s.name,
                hole=0.45 if chart.kind == "doughnut" else 0,
                marker={"colors": list(PALETTE)},
                textinfo="label+percent",
                textfont={"size": 20},
                sort=False,
            )
        )
    else:
        horizontal = chart.kind == "bar"
        for k, s in enumerate(chart.series):
            values = _float(s.values)
            fig.add_trace(
                go.Bar(
                    x=values if horizontal else cats,
                    y=cats if horizontal else values,
                    orientation="h" if horizontal else "v",
                    name=s.name,
                    marker={"color": PALETTE[k % len(PALETTE)]},
                    text=[_label(v, chart.number_format) for v in s.values],
                    textposition="auto",
                    textfont={"size": 18},
                )
            )
        if horizontal:
            fig.update_yaxes(autorange="reversed", tickfont={"size": 18})
        else:
            fig.update_xaxes(tickfont={"size": 18})
        fig.update_layout(barmode="group", showlegend=len(chart.series) > 1)
    fig.update_layout(
        height=520,
        legend={"font": {"size": 16}},
        font={"family": "Noto Sans CJK SC, Microsoft YaHei, sans-serif", "size": 16},
    )
    return fig


def table_frame(slide: storyline.Slide) -> pd.DataFrame:
    """A table slide as text, formatted as the deck formats it: amounts with separators and two
    decimals, counts whole, a blank cell blank (never None)."""
    chart = slide.chart
    rows = [
        [
            storyline.fmt_amount(v)
            if (c in chart.amount_columns or isinstance(v, Decimal)) and v is not None
            else ""
            if v is None
            else f"{v:,}"
            if isinstance(v, int)
            else str(v)
            for c, v in enumerate(row)
        ]
        for row in chart.rows
    ]
    return pd.DataFrame(rows, columns=list(chart.columns))


def file_stem(f: state.Filters) -> str:
    """The take-away files' name in the UI's language: department, year and the document
    (部门预算 / Department budget), e.g. ``晋城市科学技术局-2024-部门预算``."""
    from ui.frame import document_label

    return "-".join((f.department, str(f.year), document_label(f.document, f.lang))).replace(
        " ", "-"
    )


def _file_bytes(build: Callable[[Path], object], suffix: str) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / f"out{suffix}"
        build(out)
        return out.read_bytes()


def deck_maker(
    con: duckdb.DuckDBPyConnection,
    department: str,
    year: int,
    lang: str,
    document: str | None = None,
) -> Callable[[], bytes]:
    """A no-argument function that builds the PPTX deck of the document (run by
    st.download_button on click)."""
    return lambda: _file_bytes(
        lambda out: build_deck(con, department, year, out, lang, document), ".pptx"
    )


def workbook_maker(
    con: duckdb.DuckDBPyConnection,
    department: str,
    year: int,
    document: str | None = None,
    lang: str = "zh",
) -> Callable[[], bytes]:
    """A no-argument function that builds the XLSX workbook of the document in ``lang`` (run
    on click)."""
    return lambda: _file_bytes(
        lambda out: build_workbook(con, department, year, out, document, lang), ".xlsx"
    )
