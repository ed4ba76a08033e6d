"""The XLSX workbook: a cover, one sheet per table of the document (本表无数据 for empty ones),
indicators, key figures and every reconciliation finding, with values, number formats, frozen
headers and source lines that equal the database."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from budgetlens import cli, db
from budgetlens.check_labels import subject_label
from budgetlens.mappings import TABLES_BY_KEY
from budgetlens.workbook import (
    AMOUNT_FORMAT,
    CHECKS,
    COVER,
    EMPTY_TEXT,
    INDICATORS,
    KEY_FIGURES,
    display_width,
    sheet_name,
)


@pytest.fixture(scope="module")
def xlsx_path(seed_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed workbook, written through the CLI (no --department/--year: one document)."""
    path = tmp_path_factory.mktemp("workbook") / "seed.xlsx"
    assert cli.main(["workbook", "--db", str(seed_db), "-o", str(path)]) == 0
    return path


@pytest.fixture(scope="module")
def wb(xlsx_path: Path):
    return openpyxl.load_workbook(str(xlsx_path))


@pytest.fixture(scope="module")
def con(seed_db: Path):
    c = db.connect(seed_db, read_only=True)
    yield c
    c.close()


def q(con, sql: str, params: dict | None = None) -> list[tuple]:
    return con.execute(sql, params or {}).fetchall()


def header(ws) -> list[str]:
    return [c.value for c in ws[2]]


def records(ws) -> list[dict]:
    names = header(ws)
    return [dict(zip(names, row, strict=True)) for row in ws.iter_rows(min_row=3, values_only=True)]


def amount_cells(ws, column: str):
    j = header(ws).index(column) + 1
    return [ws.cell(row=i, column=j) for i in range(3, ws.max_row + 1)]


def table_sheet(con, wb, table_key: str):
    return wb[TABLES_BY_KEY[table_key].label]


# --- sheets -------------------------------------------------------------------------------------


def test_sheets_present_in_document_order(wb, con) -> None:
    tables = q(con, "select table_key from source_table order by source_line")
    expected = [COVER, *(TABLES_BY_KEY[k].label for (k,) in tables), INDICATORS, KEY_FIGURES]
    assert wb.sheetnames == [*expected, CHECKS]
    for name in ("收支总表", "支出总表", "财政拨款收支总表", "机关运行经费预算表"):
        assert name in wb.sheetnames
    assert all(len(n) <= 31 for n in wb.sheetnames)


def test_cover_fields_equal_the_document_row(wb, con) -> None:
    department, year, title, source_file, sha256 = q(
        con, "select department, year, title, source_file, sha256 from document"
    )[0]
    ws = wb[COVER]
    fields = {r[0]: r[1] for r in ws.iter_rows(min_row=3, max_col=2, values_only=True) if r[0]}
    assert fields["部门"] == department
    assert fields["年度"] == year
    assert fields["文件标题"] == title
    assert fields["源文件"] == source_file
    assert fields["SHA-256"] == sha256
    assert fields["生成时间"].endswith("UTC")


def test_every_data_sheet_has_frozen_header_and_source_line(wb) -> None:
    for ws in wb.worksheets[1:]:
        assert ws.freeze_panes == "A3", ws.title
        assert "原文行号" in header(ws), ws.title
        j = header(ws).index("原文行号") + 1
        lines = [ws.cell(row=i, column=j).value for i in range(3, ws.max_row + 1)]
        assert lines and all(isinstance(v, int) for v in lines), ws.title


def test_empty_tables_get_a_sheet_saying_so(wb, con) -> None:
    empty = q(con, "select table_key, title, source_line from source_table where is_empty")
    assert empty, "the seed publishes empty tables (政府性基金, 三公 …)"
    for key, title, line in empty:
        ws = table_sheet(con, wb, key)
        assert ws["A1"].value == title
        assert records(ws) == [{"说明": EMPTY_TEXT, "原文行号": line}]


# --- values equal the database ------------------------------------------------------------------


def test_expenditure_total_sheet_equals_the_database(wb, con) -> None:
    rows = q(
        con,
        "select code, name, level, total_wan, basic_wan, project_wan, source_line "
        "from expenditure_function where table_key = 'expenditure_total' order by source_line",
    )
    ws = table_sheet(con, wb, "expenditure_total")
    got = records(ws)
    assert len(got) == len(rows)
    for g, (code, name, level, total, basic, project, line) in zip(got, rows, strict=True):
        assert (g["科目编码"], g["科目名称"], g["级次"], g["原文行号"]) == (
            code,
            name,
            level,
            line,
        )
        assert g["合计（万元）"] == pytest.approx(float(total))
        assert g["基本支出（万元）"] == (None if basic is None else pytest.approx(float(basic)))
        assert g["项目支出（万元）"] == (None if project is None else pytest.approx(float(project)))


def test_amount_cells_carry_the_number_format(wb) -> None:
    checked = 0
    for ws in wb.worksheets[1:]:
        for column in header(ws):
            if column and "万元" in column:
                for cell in amount_cells(ws, column):
                    if cell.value is not None:
                        assert cell.number_format == AMOUNT_FORMAT, (ws.title, column)
                        checked += 1
    assert checked > 300


def test_summary_sheet_equals_summary_items(wb, con) -> None:
    rows = q(
        con,
        "select label, column_key, amount_wan, source_line from summary_item "
        "where table_key = 'income_expense_summary'",
    )
    ws = table_sheet(con, wb, "income_expense_summary")
    got = records(ws)
    column = {"amount": "金额（万元）", "total": "合计（万元）", "current_year": "本年预算（万元）"}
    column["carried_over"] = "上年结转（万元）"
    for label, key, amount, line in rows:
        hits = [g for g in got if g["项目"] == label and g["原文行号"] == line]
        assert len(hits) == 1, label
        assert hits[0][column[key]] == pytest.approx(float(amount))


def test_project_sheets_equal_project_budget(wb, con) -> None:
    for key, carried in (("project_current", False), ("project_carried", True)):
        rows = q(
            con,
            "select unit, project, total_wan, source_line from project_budget "
            "where carried_over = $c order by seq",
            {"c": carried},
        )
        got = records(table_sheet(con, wb, key))
        assert [(g["预算单位"], g["项目"], g["原文行号"]) for g in got] == [
            (u, p, line) for u, p, _, line in rows
        ]
        assert [g["合计（万元）"] for g in got] == [pytest.approx(float(t)) for _, _, t, _ in rows]


def test_checks_sheet_has_one_row_per_check_result(wb, con) -> None:
    rows = q(con, "select seq, status, subject, expected from check_result order by seq")
    got = records(wb[CHECKS])
    assert len(got) == len(rows) == wb[CHECKS].max_row - 2
    for g, (seq, status, subject, expected) in zip(got, rows, strict=True):
        label = {"ok": "一致", "rounding": "尾差", "mismatch": "不一致", "unjudged": "无法判断"}[
            status
        ]
        assert (g["序号"], g["状态"], g["核对内容"]) == (seq, label, subject_label(subject, "zh"))
        assert g["应为"] == (None if expected is None else pytest.approx(float(expected)))
    assert {g["状态"] for g in got} == {"一致", "尾差", "不一致", "无法判断"}  # the pages' words


def test_indicator_and_key_figure_sheets_equal_the_database(wb, con) -> None:
    n_ind = q(con, "select count(*) from performance_indicator")[0][0]
    assert len(records(wb[INDICATORS])) == n_ind
    figures = q(con, "select label, value, unit, source_line from key_figure")
    got = records(wb[KEY_FIGURES])
    assert len(got) == len(figures)
    shown = sorted(
        (
            g["内容"],
            Decimal(str(g["金额（万元）"] if g["金额（万元）"] is not None else g["其他数值"])),
            g["原文行号"],
        )
        for g in got
    )
    assert shown == sorted((label, value, line) for label, value, _, line in figures)
    assert all(not any(k == "键" for k in g) for g in got)  # no identifier column


def test_headers_and_cells_carry_no_identifier(wb) -> None:
    import re

    for ws in wb.worksheets:
        for row in ws.iter_rows(min_row=1, max_row=2, values_only=True):
            for value in row:
                assert not (isinstance(value, str) and re.fullmatch(r"[a-z_]+", value)), value
    kinds = {g["指标值类型"] for g in records(wb[INDICATORS])}
    assert kinds and not any(re.fullmatch(r"[a-z_]+", k or "") for k in kinds), kinds


def test_english_workbook_has_english_headers(con, tmp_path: Path) -> None:
    from budgetlens.workbook import build_workbook

    department, year = q(con, "select department, year from document")[0]
    path = tmp_path / "en.xlsx"
    names = build_workbook(con, department, year, path, lang="en")
    assert names[0] == "Cover" and names[-1] == "Reconciliation"
    book = openpyxl.load_workbook(str(path))
    ws = book["Reconciliation"]
    assert header(ws)[:3] == ["No.", "Status", "Check kind"]
    assert "Source line" in header(ws)
    with pytest.raises(ValueError):
        build_workbook(con, department, year, path, lang="fr")


# --- layout helpers -----------------------------------------------------------------------------


def test_column_widths_count_cjk_double(wb) -> None:
    assert display_width("科学技术支出") == 12
    assert display_width("ab") == 2
    ws = table_sheet(None, wb, "expenditure_total")
    j = header(ws).index("科目名称") + 1
    longest = max(display_width(ws.cell(row=i, column=j).value) for i in range(3, ws.max_row + 1))
    letter = openpyxl.utils.get_column_letter(j)
    assert ws.column_dimensions[letter].width >= longest


def test_sheet_names_are_valid_and_unique() -> None:
    assert sheet_name("a" * 40, []) == "a" * 31
    assert sheet_name("收入[总]表:2024/1", []) == "收入_总_表_2024_1"
    assert sheet_name("支出总表", ["支出总表"]) == "支出总表_2"
    assert len(sheet_name("x" * 40, ["x" * 31])) == 31


# --- the command line ---------------------------------------------------------------------------


def test_cli_workbook_unknown_department_or_year_exits_2(
    seed_db: Path, tmp_path: Path, capsys
) -> None:
    out = tmp_path / "x.xlsx"
    assert cli.main(["workbook", "--db", str(seed_db), "--year", "1999", "-o", str(out)]) == 2
    assert "1999" in capsys.readouterr().err
    code = cli.main(["workbook", "--db", str(seed_db), "--department", "无此部门", "-o", str(out)])
    assert code == 2
    assert "无此部门" in capsys.readouterr().err
    assert not out.exists()
