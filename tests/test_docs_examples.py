"""The Python examples in docs/ run as written.

Each ```python block of a page is executed in order, in one namespace, in an empty folder that
holds the bundled document at data/raw/ (as the page says). A block that raises fails the test;
the blocks carry their own asserts.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = ["docs/api.md"]
BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)


def blocks(page: str) -> list[str]:
    return BLOCK.findall((ROOT / page).read_text(encoding="utf-8"))


@pytest.mark.parametrize("page", PAGES)
def test_every_python_example_runs(
    page: str, seed_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    code = blocks(page)
    assert len(code) >= 5, "the page lost its examples"
    (tmp_path / "data" / "raw").mkdir(parents=True)
    (tmp_path / "data" / "raw" / seed_path.name).write_bytes(seed_path.read_bytes())
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("BUDGETLENS_DB", raising=False)
    namespace: dict = {"__name__": "docs_example"}
    for k, block in enumerate(code, start=1):
        exec(compile(block, f"{page} block {k}", "exec"), namespace)
    out = capsys.readouterr().out
    assert "晋城市科学技术局" in out  # the examples printed what they read
    assert "no database at" in out  # and the error example met its error


def test_the_example_runner_fails_on_a_failing_example(tmp_path: Path) -> None:
    """The runner above really executes the blocks: a false assert in one raises."""
    page = tmp_path / "page.md"
    page.write_text("text\n\n```python\nassert 1 == 2\n```\n", encoding="utf-8")
    (code,) = BLOCK.findall(page.read_text(encoding="utf-8"))
    with pytest.raises(AssertionError):
        exec(compile(code, "page", "exec"), {})
