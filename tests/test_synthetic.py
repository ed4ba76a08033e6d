"""The synthetic city generator: documents in the seed's layout, consistent by construction.

Generated documents must ingest with the real parser, be marked synthetic, and reconcile without a
single ``mismatch`` (the generator sums every figure from the same integer amounts, so a mismatch
is a bug in the generator or in the parser). What the generator deliberately does not model is
listed in the docstring of :mod:`budgetlens_synthetic`; none of it is a check that is skipped
here: every check the reconciliation runs on a generated document must be ``ok``.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from budgetlens import mappings as m
from budgetlens.checks import run_checks
from budgetlens.ingest import parse_document
from budgetlens_synthetic import department_name, generate_city, generate_document, main

# A spread of seeds, departments and years: each draws a different profile, unit count, set of
# 科目 and 经济科目, with or without 上年结转 and “三公”经费.
CASES = [(seed, k, year) for seed in (0, 7) for k in (1, 2, 3, 5, 8, 13) for year in (2023, 2024)]


def _write(tmp_path: Path, seed: int, k: int, year: int) -> Path:
    path = tmp_path / f"synthetic-{seed}-{k:04d}-{year}.txt"
    path.write_text(generate_document(seed, department_name(k), year), encoding="utf-8")
    return path


@pytest.mark.parametrize(("seed", "k", "year"), CASES)
def test_a_generated_document_ingests_and_reconciles_without_mismatch(
    tmp_path: Path, seed: int, k: int, year: int
) -> None:
    parsed = parse_document(_write(tmp_path, seed, k, year))
    assert parsed.department == department_name(k)
    assert parsed.year == year
    results = run_checks(parsed.rows)
    not_ok = [(r["check_kind"], r["subject"], r["detail"]) for r in results if r["status"] != "ok"]
    assert not_ok == []
    # and the reconciliation did run on every part of the document
    kinds = Counter(r["check_kind"] for r in results)
    for kind in (
        "column_total",
        "subtotal",
        "row_sum",
        "balance",
        "cross_table",
        "economic_function",
        "unit_subtotal",
        "performance_funds",
        "cost_indicator",
        "period_consistency",
        "narrative",
        "narrative_share",
        "narrative_rate",
        "narrative_count",
    ):
        assert kinds[kind] > 0, kind


def test_a_generated_document_is_marked_synthetic_and_says_so_in_its_name(tmp_path: Path) -> None:
    path = _write(tmp_path, 0, 1, 2024)
    text = path.read_text(encoding="utf-8")
    assert m.SYNTHETIC_MARKER in text.splitlines()[:20]
    parsed = parse_document(path)
    assert parsed.synthetic is True
    assert "合成" in parsed.department


def test_the_real_seed_document_is_not_marked_synthetic(seed_path: Path) -> None:
    assert parse_document(seed_path).synthetic is False


def test_a_generated_document_has_every_part_of_the_real_layout(tmp_path: Path) -> None:
    parsed = parse_document(_write(tmp_path, 0, 3, 2024))
    rows = parsed.rows
    assert {t["table_key"] for t in rows["source_table"]} == {t.key for t in m.TABLES}
    assert all(t["amount_unit"] == "万元" for t in rows["source_table"])
    # the 基金 and 国资 tables say 本表无数据, as in the seed
    empty = {t["table_key"] for t in rows["source_table"] if t["is_empty"]}
    assert {"gov_fund_revenue", "gov_fund_expenditure", "state_capital"} <= empty
    assert sum(1 for t in rows["performance_table"] if t["is_department"]) == 1
    projects = [r for r in rows["project_budget"] if r["row_kind"] == "project"]
    current = [p for p in projects if not p["carried_over"]]
    assert len([t for t in rows["performance_table"] if not t["is_department"]]) == len(current)
    units = [u for u in rows["budget_unit"] if not u["is_department"]]
    assert 2 <= len(units) <= 6
    assert all(i["placed"] and not i["problem"] for i in rows["performance_indicator"])
    assert rows["parse_note"] == []
    assert len(rows["glossary_term"]) == 12
    assert rows["text_section"] and rows["service_catalogue"]
    assert len([k for k in rows["key_figure"] if ".mention." not in k["key"]]) > 50


def test_the_same_seed_gives_the_same_text() -> None:
    a = generate_document(42, department_name(9), 2024)
    assert a == generate_document(42, department_name(9), 2024)
    assert a != generate_document(43, department_name(9), 2024)


def test_different_departments_are_distinct_documents(tmp_path: Path) -> None:
    texts = [generate_document(0, department_name(k), 2024) for k in range(1, 21)]
    assert len(set(texts)) == len(texts)
    parsed = [parse_document(_write(tmp_path, 0, k, 2024)) for k in range(1, 21)]
    assert len({p.department for p in parsed}) == 20
    assert len({p.document_id for p in parsed}) == 20
    # not just the names: the budgets differ
    totals = {
        next(r["total_wan"] for r in p.rows["expenditure_function"] if r["code"] is None)
        for p in parsed
    }
    assert len(totals) == 20


def test_the_years_of_one_department_share_its_structure_but_not_its_amounts() -> None:
    a = generate_document(0, department_name(4), 2023)
    b = generate_document(0, department_name(4), 2024)
    assert a != b

    def units(text: str) -> list[str]:
        return [ln.split("\t")[1] for ln in text.splitlines() if ln.startswith("主管部门及代码")]

    assert units(a) == units(b)


def test_generate_city_writes_one_file_per_department_and_year(tmp_path: Path) -> None:
    paths = generate_city(3, [2023, 2024], tmp_path / "city")
    assert len(paths) == 6
    assert all(p.exists() for p in paths)
    assert len({p.name for p in paths}) == 6


def test_the_command_line_generates_a_city(tmp_path: Path, capsys) -> None:
    out = tmp_path / "cli"
    assert main(["--departments", "2", "--years", "2024", "--out", str(out)]) == 0
    files = sorted(out.glob("*.txt"))
    assert len(files) == 2
    assert parse_document(files[0]).synthetic
    assert "wrote 2" in capsys.readouterr().err
