"""The topics of the dashboard's pages, as data: a search for a topic's word (绩效, 三公,
基本支出 …) leads to the page that shows it and, where the catalogue holds it, to the figure and
the page of the document it is printed on."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    words: tuple[str, ...]  # what a reader types (Chinese and English), matched as substrings
    page: str  # the page script that shows the topic
    nav: str  # the translation key of that page's title
    figure: str | None  # catalogue column of the topic's figure (万元), if any
    where: str | None  # catalogue column prefix of its *_page / *_line
    what: str | None = None  # translation key naming the figure


TOPICS: tuple[Topic, ...] = (
    Topic(
        ("三公", "three public"),
        "pages/overview.py",
        "nav.overview",
        "three_public_wan",
        "three_public",
        "what.three_public",
    ),
    Topic(
        ("机关运行", "operating cost"),
        "pages/overview.py",
        "nav.overview",
        "admin_operating_wan",
        "admin",
        "what.admin",
    ),
    Topic(
        ("基本支出", "basic spending", "basic expenditure"),
        "pages/basic_project.py",
        "nav.basic_project",
        "basic_wan",
        "basic",
        "metric.basic",
    ),
    Topic(
        ("项目支出", "project spending"),
        "pages/basic_project.py",
        "nav.basic_project",
        "project_wan",
        "basic",  # printed on the 基本支出's row
        "metric.project",
    ),
    Topic(
        ("支出总计", "total expenditure"),
        "pages/overview.py",
        "nav.overview",
        "total_wan",
        "total",
        "what.total",
    ),
    Topic(("绩效", "performance", "target"), "pages/performance.py", "nav.performance", None, None),
    Topic(("项目", "project"), "pages/projects.py", "nav.projects", None, None),
    Topic(("经济科目", "经济分类", "economic"), "pages/economic.py", "nav.economic", None, None),
    Topic(("采购", "procurement"), "pages/economic.py", "nav.economic", None, None),
    Topic(("核对", "reconcil", "mismatch"), "pages/checks.py", "nav.checks", None, None),
    Topic(("名词", "glossary"), "pages/glossary.py", "nav.glossary", None, None),
    Topic(
        ("收入", "revenue", "功能分类"),
        "pages/revenue_expenditure.py",
        "nav.revenue_expenditure",
        None,
        None,
    ),
)


def matching(text: str) -> list[Topic]:
    """The topics whose words occur in ``text`` or contain it (case-insensitive), in the order
    of :data:`TOPICS`; nothing for text shorter than two characters."""
    needle = text.strip().lower()
    if len(needle) < 2:
        return []
    return [tp for tp in TOPICS if any(w in needle or needle in w for w in tp.words)]
