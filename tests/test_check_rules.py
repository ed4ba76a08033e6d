"""The declared rules (budgetlens/rules/*.toml) against the registry and the documents.

A rule that applies to a layout must find its inputs in every bundled and corpus document of that
layout: a renamed table key or column then fails here instead of switching a check off silently.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from budgetlens import check_core, check_labels, checks
from budgetlens.ingest import parse_document
from tests.conftest import CORPUS, SEED, corpus_documents
from tests.test_corpus_national import LOADS

# the corpus budgets whose layouts have their own rule set (Shanghai and Jiangsu; the 决算 and
# the national layouts get the generic "pdf" set)
FOLDERS = sorted(
    p.name
    for p in CORPUS.iterdir()
    if (p / "hand_read.csv").exists()
    and p.name.startswith(("sh-putuo-", "js-"))
    and "-final-" not in p.name
)
# the corpus 决算 (layout national-final, budgetlens/checks_final.py)
FINALS = sorted(p.name for p in CORPUS.iterdir() if "-final-" in p.name)
SEED_NAME = Path(SEED).stem


@cache
def _document(name: str) -> tuple[str, dict]:
    """(layout, rows) of the seed document or of a corpus folder's one document."""
    if name == SEED_NAME:
        seed = parse_document(SEED)
        return seed.layout, seed.rows
    (p,) = corpus_documents(name)
    return p.layout, p.rows


def _documents() -> list[tuple[str, str, dict]]:
    return [(n, *_document(n)) for n in (SEED_NAME, *FOLDERS)]


def _family_rules() -> dict[str, check_core.Rule]:
    return {r.family: r for r in check_core.rules() if r.family != "identity"}


def test_every_family_in_a_rule_set_is_declared_and_registered():
    declared = _family_rules()
    for layout, families in checks.RULE_SETS.items():
        for f in families:
            if f == "identities":
                continue
            assert f in checks.FAMILIES, (layout, f)
            assert f in declared, f"{f} has no declaration in budgetlens/rules/families.toml"
    assert set(declared) == set(checks.FAMILIES)


def test_identities_apply_only_to_layouts_that_run_them():
    for r in check_core.rules():
        if r.family == "identity":
            assert r.layouts and r.left and r.right, r.id
            for layout in r.layouts:
                assert "identities" in checks.RULE_SETS[layout], (r.id, layout)


def test_every_kind_a_rule_reports_has_labels():
    for r in check_core.rules():
        assert check_labels.kind_label(r.kind, "zh") and check_labels.kind_label(r.kind, "en")
    for layout in checks.RULE_SETS:
        assert check_labels.rule_set_label(layout, "zh") != f"{layout} 规则集", layout


@pytest.mark.parametrize("name", [SEED_NAME, *FOLDERS, *FINALS])
def test_each_rule_finds_its_inputs_in_every_document_of_its_layouts(name: str):
    """Every family of a document's rule set, and every identity declared for its layout, finds
    the rows it declares it needs."""
    layout, rows = _document(name)
    assert layout in checks.RULE_SETS, f"{name}: {layout} has no rule set of its own"
    declared = _family_rules()
    missing = []
    for f in checks.rule_set(layout):
        if f == "identities":
            for r in check_core.rules():
                if r.family == "identity" and layout in r.layouts and r.missing(rows):
                    missing.append((r.id, r.missing(rows)))
        elif declared[f].missing(rows):
            missing.append((f, declared[f].missing(rows)))
    assert not missing, f"{name} ({layout}): rules without their inputs: {missing}"


def test_a_missing_input_is_reported():
    rule = check_core.rule("summary_balance")
    assert rule.missing({}) == ["summary_item[table_key=income_expense_summary]"]
    rows = {"summary_item": [{"table_key": "income_expense_summary"}]}
    assert rule.missing(rows) == []


def test_a_declared_identity_runs_from_its_declaration():
    """narrative_revenue_total: the narrative's 收入总计 against the 收支总表 cell it declares."""
    cell = {
        "table_key": "income_expense_summary",
        "side": "收入",
        "item": "收入总计",
        "column_key": "amount",
        "parent_item": None,
        "amount_wan": Decimal("100.00"),
        "source_line": 10,
    }
    stated = {"key": "revenue_total", "value": Decimal("100.50"), "label": "收入总计"}
    rows = {"summary_item": [cell], "key_figure": [{**stated, "source_line": 90}]}
    c = check_core.Checker("jincheng-text")
    check_core.run_identities(c, rows, "jincheng-text")
    (r,) = [x for x in c.results if x["subject"].startswith("说明 收入总计 vs 收支总表 收入总计")]
    assert (r["expected"], r["actual"], r["status"]) == (
        Decimal("100.00"),
        Decimal("100.50"),
        "mismatch",
    )
    assert r["source_lines"] == "10,90" and r["rule_set"] == "jincheng-text"
    rows["key_figure"][0]["value"] = None
    c = check_core.Checker()
    check_core.run_identities(c, rows, "jincheng-text")
    assert [x["status"] for x in c.results] == ["unjudged"]
    c = check_core.Checker()
    check_core.run_identities(c, rows, "shanghai-budget")  # not declared for that layout
    assert c.results == []


def test_statuses_include_what_cannot_be_judged():
    c = check_core.Checker()
    c.within("cost_indicator", "ceiling below", Decimal(1000), Decimal(500), [1])
    c.within("cost_indicator", "ceiling above", Decimal(20), Decimal(30), [1])
    c.unjudged("period_consistency", "lost", [5], "未读到：年度的目标值（第5行为空）")
    assert [r["status"] for r in c.results] == ["ok", "mismatch", "unjudged"]
    assert checks.summarise(c.results) == {"ok": 1, "rounding": 0, "mismatch": 1, "unjudged": 1}
    for s in check_core.STATUSES:
        assert check_labels.status_label(s, "zh") and check_labels.status_explanation(s, "en")


def test_labels_leave_no_identifier_in_the_chinese_subject():
    docs = _documents()
    for _, layout, rows in docs:
        for r in checks.run_checks(rows, layout):
            zh = check_labels.subject_label(r["subject"], "zh")
            assert not check_labels.identifiers_left(zh), (r["subject"], zh)
            check_labels.kind_label(r["check_kind"], "en")
    assert check_labels.subject_label("expenditure_total 合计 total_wan = Σ 类") == (
        "支出总表 合计 合计 = Σ 类"
    )
    en = check_labels.subject_label(
        "expenditure_total 206 科学技术支出 total_wan = Σ 下级科目", "en"
    )
    assert en == "expenditure by function (all funds) 206 科学技术支出 total = Σ sub-items"


def test_the_documentation_lists_every_rule():
    doc = (Path(__file__).parents[1] / "docs" / "reconciliation.md").read_text(encoding="utf-8")
    for r in check_core.rules():
        assert f"`{r.id}`" in doc, f"docs/reconciliation.md does not list {r.id}"


# The corpus documents in the national template that load (tests/test_corpus_national.py), each
# read in one piece.
NATIONAL = tuple(sorted(n for n in LOADS if "-final-" not in n))
VERDICTS = {"mismatch": {"real"}, "rounding": {"real", "unverified"}, "unjudged": {"reading_gap"}}


@pytest.mark.parametrize("name", NATIONAL)
def test_every_finding_on_a_national_budget_is_classified(name: str):
    """What the reconciliation reports on a national-template budget is exactly the list in
    findings_national.csv: a mismatch only where the hand-read NOTES.md shows the document
    contradicting itself, an unjudged only for our reading gaps (a rounding gap not found in
    NOTES.md is marked unverified). A false alarm coming back fails."""
    import csv

    with (CORPUS / "findings_national.csv").open(encoding="utf-8") as fh:
        listed = [r for r in csv.DictReader(fh) if r["document"] == name]
    for row in listed:
        assert row["verdict"] in VERDICTS[row["status"]] and row["note"].strip(), row
    (p,) = corpus_documents(name)
    assert p.layout == "national-budget"
    found = {
        (r["check_kind"], r["subject"], r["status"])
        for r in checks.run_checks(p.rows, p.layout)
        if r["status"] != "ok"
    }
    assert found == {(r["check_kind"], r["subject"], r["status"]) for r in listed}
