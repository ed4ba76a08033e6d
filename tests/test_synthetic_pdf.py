"""Synthetic disclosures as PDFs (budgetlens_synthetic.pdf_layouts) in each declared PDF layout.

Each layout's documents go through the real ingest path (:func:`budgetlens.pipeline.ingest`) into
a database of their own, and what it read must be what the generator's model of the department
says — every expected figure below is computed here from
:func:`budgetlens_synthetic.build_department`'s integer amounts (0.01 万元), never read back from
the PDF. The two departments are chosen so that one has 上年结转, “三公”经费, 会议费 and 培训费 and
the other has no 上年结转 and no “三公” (the fixture asserts it, so the cover cannot drift).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from budgetlens import db, pdf_ingest, pipeline, queries
from budgetlens import mappings as m
from budgetlens.checks import run_checks
from budgetlens_synthetic import (
    build_department,
    department_name,
    generate_city,
    generator,
    main,
)
from budgetlens_synthetic.pdf_layouts import PDF_LAYOUTS, generate_pdf
from budgetlens_synthetic.pdf_writer import FontNotFound, find_cjk_font

SEED, YEAR = 0, 2024
# seed 0, 2024: department 3 has 上年结转, “三公”, 会议费 and 培训费; department 4 has neither
# 上年结转 nor “三公” (checked in the fixture)
DEPARTMENTS = (3, 4)

try:
    find_cjk_font()
    NO_FONT = ""
except FontNotFound as exc:
    NO_FONT = str(exc)
pytestmark = pytest.mark.skipif(bool(NO_FONT), reason=NO_FONT or "a CJK font is installed")


def wan(units: int) -> Decimal:
    """The model's 0.01 万元 units as 万元."""
    return Decimal(units) / 100


def cell(units: int) -> Decimal | None:
    """A table cell of the model's amount: blank (None) when zero, as the tables print it."""
    return wan(units) if units else None


def class_totals(d: generator.Department, *, carried: bool = True) -> dict[str, dict[str, int]]:
    """{类 code: {total, basic, project}} computed from the model's 功能分类 项."""
    out: dict[str, dict[str, int]] = {}
    for s in d.subjects.values():
        c = out.setdefault(s.code[:3], {"total": 0, "basic": 0, "project": 0})
        project = s.project + (s.carried if carried else 0)
        c["basic"] += s.basic
        c["project"] += project
        c["total"] += s.basic + project
    return {code: c for code, c in out.items() if c["total"]}


def three_public_expected(d: generator.Department, layout: str) -> dict[str, Decimal]:
    tp = d.three_public
    purchase, operation = tp.get("vehicle_purchase", 0), tp.get("vehicle_operation", 0)
    out = {
        "合计": sum(tp.values()),
        "因公出国（境）费": tp.get("abroad", 0),
        "公务接待费": tp.get("reception", 0),
        "公务用车购置及运行费": purchase + operation,
        "公务用车购置费": purchase,
        "公务用车运行费": operation,
    }
    if layout == "jiangsu-budget":
        out["会议费"] = d.meeting
        out["培训费"] = d.training
        out["三公经费、会议费、培训费合计"] = sum(tp.values()) + d.meeting + d.training
    return {k: wan(v) for k, v in out.items()}


@pytest.fixture(scope="module", params=PDF_LAYOUTS)
def city(request, tmp_path_factory: pytest.TempPathFactory, seed_path: Path):
    """(layout, {document: model}, ingest result, database) for the two departments, with the
    real seed document loaded beside them (so the dashboard's list is not empty anyway)."""
    layout = request.param
    folder = tmp_path_factory.mktemp(layout)
    paths = []
    models = {}
    for k in DEPARTMENTS:
        name = department_name(k)
        path = folder / f"synthetic-{k:04d}-{YEAR}.pdf"
        path.write_bytes(generate_pdf(SEED, name, YEAR, layout))
        paths.append(path)
        models[f"{name}-{YEAR}-预算-部门"] = build_department(SEED, name, YEAR)
    rich, plain = models.values()
    assert rich.carried and rich.three_public and rich.meeting and rich.training
    assert not plain.carried and not plain.three_public
    database = folder / "city.duckdb"
    result = pipeline.ingest([seed_path, *paths], database)
    return layout, models, result, database


def _rows(database: Path, sql: str, *params) -> list[tuple]:
    con = db.connect(database, read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def test_each_document_is_read_with_its_layout_and_marked_synthetic(city) -> None:
    layout, models, result, database = city
    loaded = {d.document: d for d in result.documents if d.document in models}
    assert set(loaded) == set(models)
    for d in loaded.values():
        assert d.layout == layout
        assert d.synthetic is True
    stored = dict(
        _rows(database, "select document, synthetic from document where layout = ?", layout)
    )
    assert stored == dict.fromkeys(models, True)


def test_the_reconciliation_finds_every_identity_ok(city) -> None:
    layout, models, result, database = city
    for d in result.documents:
        if d.document in models:
            assert (d.mismatch, d.rounding) == (0, 0), d.document
            assert d.ok > 0
    for document in models:
        statuses = _rows(
            database,
            "select check_kind, status, count(*) from check_result where document = ? group by all",
            document,
        )
        assert {s for _, s, _ in statuses} == {"ok"}
        kinds = {k for k, _, _ in statuses}
        # the families the PDF layouts get did run on the generated tables (the “三公” sums only
        # where there is a “三公” figure)
        assert {"balance", "column_total", "subtotal"} <= kinds
        if layout == "shanghai-budget":  # 合计 = 基本 + 项目, 收支总表 vs 支出总表 and 经济分类表
            assert {"row_sum", "cross_table"} <= kinds
        if models[document].three_public:
            assert "three_public" in kinds


def test_totals_are_the_models(city) -> None:
    _, models, _, database = city
    for document, d in models.items():
        figures = dict(
            _rows(database, "select key, value from key_figure where document = ?", document)
        )
        assert figures["revenue_total"] == wan(d.total)
        assert figures["expenditure_total"] == wan(d.total)
        assert figures["basic_total"] == wan(d.basic)
        assert figures["project_total"] == wan(d.project_current + d.carried)
        assert figures["three_public_total"] == wan(sum(d.three_public.values()))


def _class_rows(database: Path, document: str, table: str) -> dict[str, tuple]:
    return {
        code: (total, basic, project)
        for code, total, basic, project in _rows(
            database,
            "select code, total_wan, basic_wan, project_wan from expenditure_function "
            "where document = ? and table_key = ? and level = 1",
            document,
            table,
        )
    }


def test_every_class_row_is_the_models(city) -> None:
    layout, models, _, database = city
    for document, d in models.items():
        every = class_totals(d)
        if layout == "shanghai-budget":
            # 上年结转 is folded into 项目支出: both function tables show all the money
            want = {
                c: (cell(v["total"]), cell(v["basic"]), cell(v["project"]))
                for c, v in every.items()
            }
            assert _class_rows(database, document, "expenditure_total") == want
            assert _class_rows(database, document, "general_budget_expenditure") == want
            revenue = dict(
                _rows(
                    database,
                    "select code, total_wan from revenue_function where document = ? and level = 1",
                    document,
                )
            )
            assert revenue == {c: wan(v["total"]) for c, v in every.items()}
        else:
            # 财政拨款 (with 上年结转) and 一般公共预算 (this year's only), one 金额 column
            assert _class_rows(database, document, "fiscal_expenditure") == {
                c: (wan(v["total"]), None, None) for c, v in every.items()
            }
            assert _class_rows(database, document, "general_budget_expenditure") == {
                c: (wan(v["total"]), None, None) for c, v in class_totals(d, carried=False).items()
            }
        # and the 收支总表 lists each 类 on its 支出 side with the same total
        listed = dict(
            _rows(
                database,
                "select item, amount_wan from summary_item where document = ? and "
                "table_key = 'income_expense_summary' and side = '支出' and column_key = 'amount'",
                document,
            )
        )
        names = {generator.CLASS_NAMES[c]: wan(v["total"]) for c, v in every.items()}
        assert {k: v for k, v in listed.items() if k in generator.CLASS_NAMES.values()} == names


def test_three_public_items_are_the_models(city) -> None:
    layout, models, _, database = city
    for document, d in models.items():
        read = dict(
            _rows(
                database,
                "select label, total_wan from fiscal_item where document = ? and "
                "table_key = 'three_public'",
                document,
            )
        )
        want = three_public_expected(d, layout)
        assert "合计" in read  # printed even when it is 0.00
        assert {k: v for k, v in read.items() if v} == {k: v for k, v in want.items() if v}
        admin = wan(sum(a for _, a in d.admin))
        if layout == "shanghai-budget":  # a column of the 三公 table
            got = _rows(
                database,
                "select total_wan from fiscal_item where document = ? and "
                "table_key = 'admin_operating'",
                document,
            )
        else:  # a table of its own, by 经济科目
            got = _rows(
                database,
                "select total_wan from expenditure_economic where document = ? and "
                "table_key = 'admin_operating' and row_kind = 'total'",
                document,
            )
        assert got == [(admin,)]


def test_the_economic_table_is_the_models(city) -> None:
    _, models, _, database = city
    for document, d in models.items():
        total = _rows(
            database,
            "select total_wan from expenditure_economic where document = ? and "
            "table_key = 'basic_economic' and row_kind = 'total'",
            document,
        )
        assert total == [(wan(d.personnel() + d.public()),)]
        items = _rows(
            database,
            "select count(*) from expenditure_economic where document = ? and "
            "table_key = 'basic_economic' and row_kind = 'item'",
            document,
        )
        assert items == [(len({r.name for r in d.econ}),)]


def test_the_dashboard_does_not_list_them(city) -> None:
    _, models, _, database = city
    con = db.connect(database, read_only=True)
    try:
        listed = set(queries.run(con, "documents")["document"])
    finally:
        con.close()
    assert listed  # the real seed document is listed …
    assert not listed & set(models)  # … the synthetic ones are not


def test_the_marker_is_in_the_text_read_from_the_pdf(tmp_path: Path) -> None:
    for layout in PDF_LAYOUTS:
        path = tmp_path / f"{layout}.pdf"
        path.write_bytes(generate_pdf(SEED, department_name(1), YEAR, layout))
        [parsed] = pdf_ingest.parse_pdfs([path])
        head = "".join(parsed.source.lines[:5])
        assert m.SYNTHETIC_MARKER.replace(" ", "") in head.replace(" ", "")
        assert parsed.synthetic is True


@pytest.mark.parametrize("layout", PDF_LAYOUTS)
@pytest.mark.parametrize("k", [5, 8, 9])
def test_more_departments_reconcile_without_mismatch(tmp_path: Path, layout: str, k: int) -> None:
    # 5 and 8 buy a car (公务用车购置费), 9 carries money over and has no “三公”
    path = tmp_path / "doc.pdf"
    path.write_bytes(generate_pdf(7, department_name(k), 2023, layout))
    [parsed] = pdf_ingest.parse_pdfs([path])
    assert parsed.layout == layout
    d = build_department(7, department_name(k), 2023)
    figures = {f["key"]: f["value"] for f in parsed.rows["key_figure"]}
    assert figures["revenue_total"] == wan(d.total)
    results = run_checks(parsed.rows, parsed.layout)
    assert results
    assert [r["subject"] for r in results if r["status"] != "ok"] == []


def test_the_same_department_gives_the_same_pdf() -> None:
    a = generate_pdf(SEED, department_name(2), YEAR, "jiangsu-budget")
    assert a == generate_pdf(SEED, department_name(2), YEAR, "jiangsu-budget")
    assert a != generate_pdf(SEED, department_name(2), YEAR + 1, "jiangsu-budget")


def test_an_unknown_layout_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown PDF layout"):
        generate_pdf(SEED, department_name(1), YEAR, "beijing-budget")
    with pytest.raises(ValueError, match="unknown layout"):
        generate_city(1, [YEAR], tmp_path, layout="beijing-budget")


def test_the_command_line_writes_pdfs_in_a_layout(tmp_path: Path, capsys) -> None:
    out = tmp_path / "cli"
    args = ["--departments", "2", "--years", "2024", "--out", str(out)]
    assert main([*args, "--layout", "shanghai-budget"]) == 0
    files = sorted(out.glob("*.pdf"))
    assert [f.name for f in files] == ["synthetic-0001-2024.pdf", "synthetic-0002-2024.pdf"]
    assert "wrote 2 synthetic document(s) (shanghai-budget)" in capsys.readouterr().err
    assert all(p.layout == "shanghai-budget" for p in pdf_ingest.parse_pdfs(files))
