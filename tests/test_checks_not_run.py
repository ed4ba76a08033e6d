"""A check family that fails on rows it was not written for does not stop a document's load."""

from __future__ import annotations

import logging

from budgetlens import check_labels, checks
from tests.conftest import corpus_documents


def test_a_failing_family_becomes_one_unjudged_result_and_the_others_run(
    monkeypatch, caplog
) -> None:
    (doc,) = corpus_documents("sh-putuo-swj-2025-budget-dept")
    before = checks.run_checks(doc.rows, doc.layout)
    assert before and all(r["check_kind"] != "not_run" for r in before)

    def broken(c, rows):
        c.compare("column_total", "half done", 1, 1, [1])  # dropped with the failure
        raise ZeroDivisionError("a shape nobody foresaw")

    family = "function_tables"
    assert family in checks.rule_set(doc.layout)
    monkeypatch.setitem(checks.FAMILIES, family, broken)
    with caplog.at_level(logging.WARNING, logger="budgetlens.checks"):
        after = checks.run_checks(doc.rows, doc.layout)
    (failed,) = [r for r in after if r["check_kind"] == "not_run"]
    assert failed["status"] == "unjudged" and failed["project"] is None
    assert not [r for r in after if r["subject"] == "half done"]
    assert family in caplog.text and "ZeroDivisionError" in caplog.text
    # every other family's results are there, as before
    others = [r for r in after if r["check_kind"] != "not_run"]
    assert len(others) < len(before)
    assert {r["check_kind"] for r in others} <= {r["check_kind"] for r in before}
    # what readers see of it is words in each language, no identifiers
    for lang in ("zh", "en"):
        shown = " ".join(
            [
                check_labels.kind_label("not_run", lang),
                check_labels.subject_label(failed["subject"], lang),
                check_labels.subject_label(failed["detail"], lang),
            ]
        )
        assert check_labels.identifiers_left(shown) == []
    assert "未能" in check_labels.subject_label(failed["detail"], "zh")
    assert "did not run" in check_labels.subject_label(failed["detail"], "en")
