"""Between years: a figure of the year before that a document states in its narrative (上年数,
:mod:`budgetlens.prior_year`) against the same figure in the loaded document of that year.

Unlike the families of :mod:`budgetlens.checks`, this compares two documents, so it runs over the
database (``queries/prior_year_figures.sql`` gives each stated figure beside the loaded one) rather
than at ingest. Equal, or within 0.01 万元 (the stated figure is this year's less the change, both
rounded to the cent): ok or rounding. Different: ``mismatch``, with both documents and their pages
in the detail. The two documents do not contradict each other necessarily: a budget adjusted
during the year (调整预算) may be what the later document states as the year before; the label of
the kind (``prior_year`` in ``budgetlens/reference/check_labels.csv``) says so, and no figure is
corrected. A stated figure with no loaded document of its year is not checked.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from budgetlens import vocabulary
from budgetlens.check_core import CENT, Checker, dec

KIND = "prior_year"


def _where(file: object, page: object, line: object) -> str:
    """``file 第N页`` for a PDF, ``file 第N行`` for a text document."""
    if page is not None and page == page:  # NaN from a frame is no page
        return f"{file} 第{int(page)}页"
    return f"{file} 第{int(line)}行"


def _present(value: object) -> bool:
    return value is not None and value == value  # a frame's NaN/NA is a missing value


def reconcile(rows: Iterable[Mapping[str, object]]) -> list[dict]:
    """Check results (the columns of ``check_result`` plus ``document``, the stating document, and
    ``loaded_document``) for the rows of ``queries/prior_year_figures.sql`` that have a loaded
    document of the prior year. A loaded document without the measure read is ``unjudged``."""
    out: list[dict] = []
    for r in rows:
        if not _present(r.get("loaded_document")):
            continue
        c = Checker("years")
        measure = vocabulary.label(f"measure.{r['measure']}")
        subject = (
            f"{r['prior_year']}年{measure}：{r['year']}年文件所述上年数 vs {r['prior_year']}年文件"
        )
        stated_at = _where(r["source_file"], r.get("source_page"), r["source_line"])
        if not _present(r.get("loaded_wan")):
            c.unjudged(
                KIND,
                subject,
                [int(r["source_line"])],
                f"未读到：{r['loaded_title']}中的{measure}；{r['year']}年文件所述"
                f"{_fmt(r['value_wan'])}万元（{stated_at}）",
            )
        else:
            loaded_at = _where(r["loaded_file"], r.get("loaded_page"), r["loaded_line"])
            c.compare(
                KIND,
                subject,
                r["loaded_wan"],
                r["value_wan"],
                [int(r["source_line"])],
                tolerance=CENT,
                detail=(
                    f"{r['prior_year']}年文件（{r['loaded_title']}，{loaded_at}）："
                    f"{_fmt(r['loaded_wan'])}万元；{r['year']}年文件（{r['title']}，{stated_at}）"
                    f"所述上年数 {_fmt(r['this_year_wan'])} − ({_fmt(r['change_wan'])}) = "
                    f"{_fmt(r['value_wan'])}万元；原文：{r['sentence']}"
                ),
            )
        for result in c.results:
            out.append(
                {
                    **result,
                    "document": r["document"],
                    "loaded_document": r["loaded_document"],
                    "measure": r["measure"],
                    "prior_year": int(r["prior_year"]),
                }
            )
    return out


def _fmt(value: object) -> str:
    return f"{dec(value).normalize():f}" if isinstance(value, Decimal | int | float | str) else ""
