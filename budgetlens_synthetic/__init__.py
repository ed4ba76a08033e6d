"""Synthetic budget disclosures, for benchmarks and tests only (never served, never shipped).

A package of its own, beside ``budgetlens`` rather than inside it, on purpose: the library that
parses real documents must not depend on the generator (an import-linter contract forbids
``budgetlens`` → ``budgetlens_synthetic``), and the wheel a finance bureau installs carries only
``budgetlens`` (pyproject.toml lists no other package), so a production install cannot generate
data at all. Its users, ``bench/`` and ``tests/``, live in the checkout too.

Generated documents go through the same ingest path as real ones
(:func:`budgetlens.pipeline.ingest`): :func:`ingest_city` only adds progress output and the
refusal to load into the served database. The generator itself is :mod:`.generator` (one model
of a department, :func:`build_department`, written as the Jincheng text); :mod:`.pdf_layouts`
writes the same model as a PDF in the ``shanghai-budget`` and ``jiangsu-budget`` layouts, drawn
by :mod:`.pdf_writer` (needs the ``synthetic`` extra, fpdf2, and a CJK font on the machine). The
command line is ``python -m budgetlens_synthetic [--layout L]`` (``make synthetic``).
"""

from budgetlens_synthetic.generator import (
    LAYOUTS,
    build_department,
    department_name,
    generate_city,
    generate_document,
    ingest_city,
    main,
    progress_bar,
)

__all__ = [
    "LAYOUTS",
    "build_department",
    "department_name",
    "generate_city",
    "generate_document",
    "ingest_city",
    "main",
    "progress_bar",
]
