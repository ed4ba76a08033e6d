"""演示模式 Presenter mode: the budget as slides, one chart or table each, large type.

The slide fills the screen: no page title, caption, header bar or toolbars (the sidebar starts
collapsed). Next/previous buttons (← → keys) and a slide counter under the slide, the slide
number in the URL (?slide=3), and the deck (PPTX) and workbook (XLSX) to hand out, in the UI's
language and named in it. Every sentence is generated from the data.
"""

from __future__ import annotations

import streamlit as st

from ui import components as ui
from ui import data, fmt, presenter, state
from ui.i18n import t

ui.page_header("nav.presenter", show=False)
ui.full_screen()
f = state.current()
deck = presenter.slides()
if not deck:
    st.info(t("msg.no_slides"))
    st.stop()

count = len(deck)
raw = state.parse_int(state.param("slide"))
position = raw if raw is not None and 1 <= raw <= count else 1
st.session_state.setdefault("presenter_slide", position)
if st.session_state.get("presenter_doc") != (f.document, f.lang):
    st.session_state["presenter_doc"] = (f.document, f.lang)
    st.session_state["presenter_slide"] = position


def step(delta: int) -> None:
    st.session_state["presenter_slide"] = min(
        count, max(1, st.session_state["presenter_slide"] + delta)
    )


current = st.session_state["presenter_slide"]
slide_place = st.container()  # the slide first, the controls under it
back, counter, forward = st.columns([1, 2, 1], vertical_alignment="center")
back.button(
    t("btn.previous"),
    on_click=step,
    args=(-1,),
    shortcut="Left",
    disabled=st.session_state["presenter_slide"] <= 1,
    width="stretch",
)
forward.button(
    t("btn.next"),
    on_click=step,
    args=(1,),
    shortcut="Right",
    type="primary",
    disabled=st.session_state["presenter_slide"] >= count,
    width="stretch",
)
counter.markdown(
    f"<p style='text-align:center;font-size:1.4rem;margin:0'>{current} / {count}</p>",
    unsafe_allow_html=True,
)
state.mirror("slide", str(current))


@ui.section
def show(number: int) -> None:
    """Slide ``number`` (1-based): heading, chart, table or big figures, sentences, source."""
    slide = presenter.slides()[number - 1]
    heading = slide.heading
    st.markdown(
        f"<h1 style='font-size:2.6rem;margin-bottom:0.2rem'>{heading}</h1>",
        unsafe_allow_html=True,
    )
    if slide.subtitle:
        st.markdown(
            f"<p style='font-size:1.3rem;color:#555'>{slide.subtitle}</p>",
            unsafe_allow_html=True,
        )
    chart = slide.chart
    body, text = st.columns([3, 2], gap="large") if chart is not None else (st.container(), None)
    with body:
        if chart is not None and chart.kind == "figures":
            cols = st.columns(min(3, len(chart.figures)) or 1)
            for k, fig_value in enumerate(chart.figures):
                cols[k % len(cols)].metric(
                    t("chart.with_unit").format(title=fig_value.label, unit=fig_value.unit),
                    fmt.number(fig_value.value),
                )
        elif chart is not None and chart.kind == "table":
            st.dataframe(
                presenter.table_frame(slide), hide_index=True, height="content", placeholder=""
            )
        else:
            fig = presenter.figure(slide)
            if fig is not None:
                ui.chart(fig, slide.title, slide.source, unit=slide.unit, key=f"slide_{number}")
    sentences = "".join(
        f"<p style='font-size:1.5rem;line-height:1.6'>{s}</p>" for s in slide.sentences
    )
    (text or st).markdown(sentences, unsafe_allow_html=True)
    st.caption(slide.source)


with slide_place:
    show(current)

st.divider()
con = data.connection()
left, right = st.columns(2)
name = presenter.file_stem(f)
left.download_button(
    t("btn.deck"),
    presenter.deck_maker(con, f.department, f.year, f.lang, f.document),
    file_name=f"{name}.pptx",
    mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
    key="deck_download",
    on_click="ignore",
)
right.download_button(
    t("btn.workbook"),
    presenter.workbook_maker(con, f.department, f.year, f.document, f.lang),
    file_name=f"{name}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    key="workbook_download",
    on_click="ignore",
)
