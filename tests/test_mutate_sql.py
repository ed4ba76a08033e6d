"""The SQL mutator (tools/mutate_sql.py): what mutants it makes, that they are valid SQL which
changes results, which tests it picks for a query, and a whole run on a tiny project."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from tools import mutate_sql as ms

SQL = """\
-- Purpose: a comment with <= 1 and where x = 0 that is never mutated.
select
    t.department,
    t.basic_wan as basic,
    t.project_wan as project,
    t.status
from t
where t.level between 1 and 3
    and t.kind = 'x'
    and t.n <= 5
order by t.department
"""


def _by(op: str) -> list[ms.Mutant]:
    return [m for m in ms.mutants("q", SQL) if m.operator == op]


def test_swap_trades_the_expressions_of_two_value_columns_and_keeps_their_names() -> None:
    swaps = _by("swap")
    texts = {m.description: m.text for m in swaps}
    assert list(texts) == ["swap basic and project", "swap project and status"]
    lines = texts["swap basic and project"].splitlines()
    assert lines[3:5] == ["    t.project_wan as basic,", "    t.basic_wan as project,"]
    lines = texts["swap project and status"].splitlines()
    assert lines[4:6] == ["    t.status as project,", "    t.project_wan as status"]
    assert all(m.line in (4, 5) for m in swaps)


def test_scale_multiplies_each_selected_amount_by_ten() -> None:
    scales = _by("scale")
    assert [(m.line, m.description) for m in scales] == [(4, "basic × 10"), (5, "project × 10")]
    assert scales[0].text.splitlines()[3] == "    (t.basic_wan) * 10 as basic,"


def test_boundaries_move_and_comments_stay() -> None:
    got = [(m.line, m.description) for m in _by("boundary")]
    assert got == [
        (8, "between 1 and 3 → between 2 and 3"),
        (8, "between 1 and 3 → between 1 and 2"),
        (10, "<= → <"),
    ]
    assert all(m.text.splitlines()[0] == SQL.splitlines()[0] for m in ms.mutants("q", SQL))
    assert _by("boundary")[2].text.splitlines()[9] == "    and t.n < 5"


def test_each_filter_condition_is_dropped_once() -> None:
    drops = _by("drop_filter")
    assert [(m.line, m.description) for m in drops] == [
        (8, "drop where t.level between 1 and 3"),
        (9, "drop and t.kind = 'x'"),
        (10, "drop and t.n <= 5"),
    ]
    assert drops[0].text.splitlines()[7] == "where true"
    assert "t.kind" not in drops[1].text and drops[1].text.count("\n") == SQL.count("\n") - 1


def test_integer_equality_is_shifted() -> None:
    (m,) = ms.mutants("q", "select a.x_wan as x\nfrom a\nwhere a.level = 0\n", ("boundary",))
    assert m.text.splitlines()[2] == "where a.level = 1"


def test_every_mutant_is_valid_sql_and_most_change_the_result() -> None:
    con = duckdb.connect()
    con.execute(
        "create table t as select * from (values "
        "('a', 1.5, 2.5, 'ok', 1, 'x', 5), ('b', 3.0, 0.0, 'mismatch', 4, 'x', 1), "
        "('c', 2.0, 1.0, 'rounding', 2, 'y', 1), ('d', 1.0, 1.0, 'ok', 2, 'x', 9)) "
        "as v(department, basic_wan, project_wan, status, level, kind, n)"
    )
    original = con.execute(SQL).fetchall()
    assert original == [("a", 1.5, 2.5, "ok")]
    found = ms.mutants("q", SQL)
    assert len(found) == 10 and len({m.id for m in found}) == 10
    changed = [m.id for m in found if con.execute(m.text).fetchall() != original]
    # t.n < 5 keeps 'a' out (n = 5); only the between 1 and 2 shift leaves the rows as they were
    assert len(changed) == 9, set(m.id for m in found) - set(changed)


def test_unknown_operator_is_refused() -> None:
    with pytest.raises(KeyError):
        ms.mutants("q", SQL, ("nonsense",))
    assert ms.main(["--operators", "nonsense", "--list"]) == 2


def test_the_tests_of_a_query_are_those_that_run_it() -> None:
    revenue = ms.tests_for("export_revenue")
    assert revenue == ["tests/test_export_values.py", "tests/test_export.py"]  # values first
    projects = ms.tests_for("projects", broad=True)
    assert "tests/test_derived_values.py" in projects  # queries.run(con, "projects", …)
    assert "tests/test_deck.py" in projects  # storyline's c.q("projects")
    assert "tests/test_app.py" in projects  # the 项目 page's data.dept_query("projects")
    for name in ("projects", "export_revenue", "expenditure_function"):
        chosen = ms.tests_for(name, broad=True)
        assert not [t for t in chosen if "browser" in t or "corpus" in t], (name, chosen)
    assert "tests/test_export_corpus.py" in ms.tests_for("export_revenue", corpus=True)
    # the 三公 rows and a 决算's narrative are read by hand in test_export_fiscal.py only
    for name in ("export_fiscal_items", "export_execution_notes"):
        assert "tests/test_export_fiscal.py" in ms.tests_for(name), name


def test_a_query_with_fast_tests_runs_those_unless_asked_for_every_test() -> None:
    assert ms.tests_for("workbook_function_rows") == ["tests/test_deck_workbook_queries.py"]
    assert ms.tests_for("projects") == [
        "tests/test_derived_values.py",
        "tests/test_projects_query.py",
    ]
    broad = ms.tests_for("workbook_function_rows", broad=True)
    assert "tests/test_workbook.py" in broad  # budgetlens.workbook runs it by name
    assert "tests/test_deck_workbook_queries.py" in broad
    # with --corpus the corpus-wide tests are asked for: the broad choice
    assert "tests/test_export_corpus.py" in ms.tests_for("export_revenue", corpus=True)
    assert "tests/test_deck.py" in ms.tests_for("document_of", corpus=True)
    for name, tests in ms.FAST_TESTS.items():
        assert (ms.ROOT / "queries" / f"{name}.sql").is_file(), name
        assert all((ms.ROOT / t).is_file() for t in tests), (name, tests)


def test_a_null_is_never_scaled() -> None:
    sql = (
        "select\n    null::decimal(24, 6) as basic_wan,\n    NULL as project_wan,\n"
        "    t.total_wan as total_wan\nfrom t\n"
    )
    assert [m.description for m in ms.mutants("q", sql, ("scale",))] == ["total_wan × 10"]


def test_a_run_on_a_tiny_project_reports_killed_and_surviving_mutants(tmp_path: Path) -> None:
    root = tmp_path / "project"
    (root / "queries").mkdir(parents=True)
    (root / "tests").mkdir()
    for folder in ("budgetlens", "ui", "pages"):
        (root / folder).mkdir()
    (root / "queries" / "q.sql").write_text(
        "select\n    t.basic_wan as basic,\n    t.project_wan as project\nfrom t\n"
        "where t.level <= 1\n    and t.kind = 'x'\n",
        encoding="utf-8",
    )
    (root / "tests" / "test_q.py").write_text(
        "from pathlib import Path\n"
        "import duckdb\n\n"
        "def load_sql(name):\n"
        "    return (Path(__file__).parents[1] / 'queries' / f'{name}.sql').read_text()\n\n"
        "def test_q():\n"
        "    con = duckdb.connect()\n"
        "    con.execute(\"create table t as select * from (values (1, 2.0, 3.0, 'x'), "
        "(2, 4.0, 5.0, 'x')) v(level, basic_wan, project_wan, kind)\")\n"
        "    assert con.execute(load_sql('q')).fetchall() == [(2.0, 3.0)]\n",
        encoding="utf-8",
    )
    logged: list[str] = []
    outcomes = ms.run(["q"], root, log=logged.append)
    status = {o.description: o.status for o in outcomes}
    assert status == {
        "swap basic and project": "killed",
        "basic × 10": "killed",
        "project × 10": "killed",
        "<= → <": "killed",
        "drop where t.level <= 1": "killed",
        "drop and t.kind = 'x'": "survived",  # every row is of kind 'x': the test cannot tell
    }
    assert all(o.tests == ["tests/test_q.py"] for o in outcomes)
    assert (root / "queries" / "q.sql").read_text(encoding="utf-8").startswith("select\n")
    path = ms.report(outcomes, tmp_path / "out", 12.0)
    text = path.read_text(encoding="utf-8")
    assert "| q | 6 | 5 | 1 | 83% |" in text
    assert "- `q.sql` l.6 drop_filter: drop and t.kind = 'x'" in text
    assert len(json.loads((tmp_path / "out" / "sql.json").read_text(encoding="utf-8"))) == 6


def test_a_query_whose_tests_fail_unmutated_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "project"
    for folder in ("queries", "tests", "budgetlens", "ui", "pages"):
        (root / folder).mkdir(parents=True)
    (root / "queries" / "q.sql").write_text("select\n    1 as amount\nwhere 1 < 2\n")
    (root / "tests" / "test_q.py").write_text(
        "def load_sql(name):\n    return name\n\ndef test_q():\n    assert load_sql('q') == 'x'\n"
    )
    with pytest.raises(ValueError, match="fail before mutation"):
        ms.run(["q"], root, log=lambda _: None)
    with pytest.raises(ValueError, match="no query named"):
        ms.run(["missing"], root, log=lambda _: None)
