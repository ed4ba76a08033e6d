"""``budgetlens ingest`` in bulk: files parsed in worker processes, all documents loaded in one
transaction, progress on stderr.

The transaction is checked by a failure while the 3rd of 4 documents is being written (a value the
database refuses): the database is afterwards exactly as before, the two documents before it
included. Loading one document per transaction, as the command did before, would leave those two.
"""

from __future__ import annotations

import copy
import io
import re
from pathlib import Path

import duckdb
import pytest

from budgetlens import cli, pipeline
from budgetlens_synthetic import generate_city
from tests.conftest import ROOT
from tests.test_ingest_errors import snapshot


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return generate_city(4, [2024], tmp_path_factory.mktemp("city"))


@pytest.fixture
def loaded_db(seed_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "budget.duckdb"
    path.write_bytes(seed_db.read_bytes())
    return path


def _break_the_third(monkeypatch: pytest.MonkeyPatch, city: list[Path]) -> None:
    """The 3rd file parses and reconciles, but one of its amounts is not a number: DuckDB refuses
    it while writing that document (parsing cannot catch it: it is made after parsing)."""
    read = pipeline.read

    def read_and_break(path):
        parsed, results = read(path)
        if Path(path) == city[2]:
            parsed = copy.deepcopy(parsed)
            parsed.rows["expenditure_function"][0]["total_wan"] = "not a number"
        return parsed, results

    monkeypatch.setattr(pipeline, "read", read_and_break)


def test_a_failure_while_loading_the_third_document_leaves_the_database_unchanged(
    loaded_db: Path, city: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(loaded_db)
    _break_the_third(monkeypatch, city)
    loaded: list[pipeline.Loaded] = []
    steps: list[tuple] = []
    with pytest.raises(duckdb.Error) as err:
        pipeline.ingest(
            city, loaded_db, on_loaded=loaded.append, on_progress=lambda *s: steps.append(s)
        )
    chain = [err.value, err.value.__context__]  # db.insert_rows's cleanup may say it second
    assert any(isinstance(e, duckdb.ConversionException) for e in chain), chain
    assert snapshot(loaded_db) == before
    assert loaded == []  # nothing was reported as loaded
    assert steps[-1] == ("loading", 0, 4)  # the failure came while loading, after parsing all


def test_the_command_line_says_so_and_the_next_run_loads_everything(
    loaded_db: Path, city: list[Path], monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    before = snapshot(loaded_db)
    with monkeypatch.context() as m:
        _break_the_third(m, city)
        status = cli.main(["ingest", *map(str, city), "--workers", "1", "--db", str(loaded_db)])
    captured = capsys.readouterr()
    assert status == 2
    assert captured.err.startswith(f"error: the database {loaded_db} could not be used")
    assert captured.out == ""
    assert snapshot(loaded_db) == before
    # the connection was rolled back and closed cleanly: the same files load now
    assert cli.main(["ingest", *map(str, city), "--db", str(loaded_db)]) == 0
    con = duckdb.connect(str(loaded_db), read_only=True)
    try:
        assert con.execute("select count(*) from document").fetchone()[0] == 1 + len(city)
    finally:
        con.close()


def test_workers_parse_in_processes_and_write_the_same_rows(
    tmp_path: Path, city: list[Path], seed_path: Path, capsys
) -> None:
    files = [str(seed_path), *map(str, city)]
    assert cli.main(["ingest", *files, "--workers", "1", "--db", str(tmp_path / "1.duckdb")]) == 0
    one = capsys.readouterr().out
    assert cli.main(["ingest", *files, "--workers", "2", "--db", str(tmp_path / "2.duckdb")]) == 0
    two = capsys.readouterr().out
    a, b = snapshot(tmp_path / "1.duckdb"), snapshot(tmp_path / "2.duckdb")
    assert a.keys() == b.keys()
    # every table equal; the document rows differ only by when they were ingested
    assert {t: v for t, v in a.items() if t != "document"} == {
        t: v for t, v in b.items() if t != "document"
    }
    assert len(a["document"]) == len(b["document"]) == len(files)
    assert one.splitlines()[:-1] == two.splitlines()[:-1]  # same reports, in the order given
    assert len(one.splitlines()) == len(files) + 1


def test_workers_default_to_one_per_core_and_must_be_positive(capsys) -> None:
    parser = cli.build_parser()
    assert parser.parse_args(["ingest", "a.txt"]).workers is None  # → default_workers()
    assert pipeline.default_workers() >= 1
    assert parser.parse_args(["ingest", "a.txt", "--workers", "3"]).workers == 3
    for bad in ("0", "-1", "two"):
        with pytest.raises(SystemExit) as exit_:
            parser.parse_args(["ingest", "a.txt", "--workers", bad])
        assert exit_.value.code == 2
        assert "expected a whole number of at least 1" in capsys.readouterr().err


def test_the_same_document_twice_is_loaded_once_the_later_file_winning(
    tmp_path: Path, city: list[Path]
) -> None:
    copy_of_first = tmp_path / "again.txt"
    copy_of_first.write_bytes(city[0].read_bytes())
    result = pipeline.ingest([city[0], city[1], copy_of_first], tmp_path / "d.duckdb")
    assert [d.path for d in result.documents] == [str(copy_of_first), str(city[1])]
    con = duckdb.connect(str(tmp_path / "d.duckdb"), read_only=True)
    try:
        rows = con.execute("select source_file from document order by source_file").fetchall()
    finally:
        con.close()
    assert sorted(r[0] for r in rows) == sorted([copy_of_first.name, city[1].name])


def test_progress_is_one_line_per_step_when_asked_and_not_a_terminal(
    tmp_path: Path, city: list[Path], capsys
) -> None:
    db = str(tmp_path / "p.duckdb")
    assert cli.main(["ingest", *map(str, city[:3]), "--workers", "1", "--db", db]) == 0
    assert capsys.readouterr().err == ""  # stderr is not a terminal here: quiet by default
    assert cli.main(["ingest", *map(str, city[:3]), "--progress", "--db", db]) == 0
    lines = capsys.readouterr().err.splitlines()
    bar = re.compile(r"^\[[#.]{20}\] (?P<step>\w+ \d+/\d+ \w+) \d+\.\d s$")
    assert [m.group("step") if (m := bar.match(line)) else line for line in lines] == [
        "parsed 1/3 files",
        "parsed 2/3 files",
        "parsed 3/3 files",
        "loading 3 document(s) in one transaction",
        "loaded 3/3 documents",
    ], lines
    assert lines[0].startswith("[" + "#" * 6 + "." * 14 + "] ")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_the_bar_is_redrawn_in_place_and_wiped_before_other_output() -> None:
    screen = _Terminal()
    bar = cli.ProgressLine(screen)
    bar.step("parsed", 1, 2)
    bar.step("parsed", 2, 2)
    bar.clear()
    bar.clear()  # nothing drawn since: nothing written
    text = screen.getvalue()
    assert "\n" not in text
    assert text.count("\r\033[K") == 3  # two redraws, one wipe
    assert text.endswith("\r\033[K")
    assert "parsed 2/2 files" in text.split("\r\033[K")[2]
    quiet = io.StringIO()  # not a terminal, not asked: nothing at all
    cli.ProgressLine(quiet).step("parsed", 1, 2)
    assert quiet.getvalue() == ""


def test_pdfs_read_in_two_workers_report_each_file_then_load_as_one_document(
    tmp_path: Path,
) -> None:
    """Jiangsu's narrative and tables PDFs: two files read in two processes, one document."""
    files = sorted((ROOT / "tests/fixtures/corpus/js-rdbgt-2019").glob("*.pdf"))
    assert len(files) == 2
    steps: list[tuple] = []
    result = pipeline.ingest(
        files, tmp_path / "pdf.duckdb", workers=2, on_progress=lambda *s: steps.append(s)
    )
    assert steps == [
        ("parsed", 1, 2),
        ("parsed", 2, 2),
        ("loading", 0, 1),
        ("loaded", 1, 1),
    ]
    assert result.workers == 2 and len(result.documents) == 1
    assert result.documents[0].path == "; ".join(map(str, files))
