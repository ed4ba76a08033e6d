"""A PDF that cannot be read as a disclosure is refused with one clear sentence, and loses nothing.

Every bad input is made here, at test time, from nothing or from a corpus PDF: a scanned document
(page images without a text layer, saved by Pillow), a PDF locked with a password (pypdf), a
truncated and a garbled file, a file named .pdf that is not one, a PDF of plain text and the
narrative pages of a real disclosure (not a disclosure: no tables), a real disclosure with its
required 三公 table cut out (pypdf), and one whose 支出预算总表 lost the header words of its
amount columns (pypdfium2 removes those text objects from the page).

For each: the IngestError names the file (and the page and table where there is one) and what was
expected; ``budgetlens ingest`` exits 2 with that one sentence on stderr and no traceback; and a
database that existed is unchanged, byte for byte and row for row (nothing is opened before every
file has been read).
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pypdf
import pypdfium2
import pypdfium2.raw as pdfium_c
import pytest
from PIL import Image, ImageDraw

from budgetlens import cli, pipeline
from budgetlens.errors import IngestError
from budgetlens.pdf_ingest import parse_pdfs
from tests.conftest import SEED
from tests.test_ingest_errors import snapshot

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
SWJ = CORPUS / "sh-putuo-swj-2025-budget-dept" / "上海市普陀区商务委员会2025年部门预算.pdf"
BIN = Path(sys.executable).with_name("budgetlens")

# Pages of SWJ (1-based, NOTES.md of its folder): the cover names the department; 9–21 are the
# nine tables, 21 being the “三公”经费和机关运行经费预算表; 12 is the 部门支出预算总表.
COVER, TABLES, THREE_PUBLIC, EXPENDITURE_TOTAL = 1, range(9, 22), 21, 12


# --- making the bad inputs ------------------------------------------------------------------------


def _pages(source: Path, pages, out: Path) -> Path:
    """A PDF of the given 1-based pages of ``source``, in that order."""
    reader = pypdf.PdfReader(source)
    writer = pypdf.PdfWriter()
    for page in pages:
        writer.add_page(reader.pages[page - 1])
    writer.write(out)
    return out


def _text_pdf(out: Path, lines: list[str]) -> Path:
    """A one-page PDF of plain ASCII text in Helvetica, written object by object."""
    escaped = [ln.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for ln in lines]
    text = "BT /F1 12 Tf 72 740 Td 16 TL " + " ".join(f"({ln}) '" for ln in escaped) + " ET"
    stream = text.encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    body = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n%s\nendobj\n" % (number, obj)
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    out.write_bytes(bytes(body))
    return out


LETTER = ["Minutes of the garden club", "We met on Tuesday and planted 12 roses."]


def scanned(tmp: Path) -> Path:
    """Two page images of a ruled table, with no text layer: what a scanner makes."""
    pages = []
    for _ in range(2):
        img = Image.new("L", (1240, 1754), 255)
        draw = ImageDraw.Draw(img)
        for k in range(8):
            draw.line((100, 200 + 80 * k, 1140, 200 + 80 * k), fill=0, width=3)
        for x in (100, 500, 820, 1140):
            draw.line((x, 200, x, 760), fill=0, width=3)
        pages.append(img)
    out = tmp / "scanned.pdf"
    pages[0].save(out, save_all=True, append_images=pages[1:], resolution=150)
    return out


def encrypted(tmp: Path) -> Path:
    writer = pypdf.PdfWriter(clone_from=_pages(SWJ, [COVER, *TABLES], tmp / "plain.pdf"))
    writer.encrypt(user_password="secret", algorithm="AES-128")
    out = tmp / "encrypted.pdf"
    writer.write(out)
    return out


def truncated(tmp: Path) -> Path:
    out = tmp / "truncated.pdf"
    out.write_bytes(SWJ.read_bytes()[: SWJ.stat().st_size * 2 // 5])
    return out


def garbled(tmp: Path) -> Path:
    """Every 97th byte after the first 1000 overwritten: the cross-reference table included."""
    data = bytearray(SWJ.read_bytes())
    for k in range(1000, len(data), 97):
        data[k] = (data[k] * 7 + 13) % 256
    out = tmp / "garbled.pdf"
    out.write_bytes(bytes(data))
    return out


def not_a_pdf(tmp: Path) -> Path:
    out = tmp / "saved-page.pdf"
    out.write_text("<html><body>预算公开</body></html>\n", encoding="utf-8")
    return out


def plain_text(tmp: Path) -> Path:
    return _text_pdf(tmp / "letter.pdf", LETTER)


def narrative_only(tmp: Path) -> Path:
    """Pages 3–8 of a real disclosure: its functions, bodies, glossary and narrative — no table."""
    return _pages(SWJ, range(3, 9), tmp / "narrative.pdf")


def missing_table(tmp: Path) -> Path:
    """The cover and the tables, without the 三公 table (a required table of shanghai-budget)."""
    return _pages(SWJ, [COVER, *(p for p in TABLES if p != THREE_PUBLIC)], tmp / "no-3gong.pdf")


MISSING_COLUMNS_PAGE = 1 + list(TABLES).index(EXPENDITURE_TOTAL) + 1  # its page in the cut file


def missing_amount_columns(tmp: Path) -> Path:
    """The cover and the tables, with the header words over the 支出预算总表's amount columns
    (支出预算 | 合计 基本支出 项目支出, right of the 科目 columns) taken off the page: the table no
    longer says which column holds which amount."""
    cut = _pages(SWJ, [COVER, *TABLES], tmp / "cut.pdf")
    pdf = pypdfium2.PdfDocument(cut)
    page = pdf[MISSING_COLUMNS_PAGE - 1]
    # PDF coordinates (from the bottom): the two header rows are at 405–460 pt, the amount
    # columns right of x = 400 pt (the page is 842 × 595 pt)
    for obj in list(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_TEXT])):
        left, _bottom, _right, top = obj.get_bounds()
        if left > 400 and 405 < top < 460:
            page.remove_obj(obj)
    page.gen_content()
    out = tmp / "no-amount-header.pdf"
    pdf.save(out)
    pdf.close()
    return out


# --- what each must say --------------------------------------------------------------------------

# name → (make, words the message must hold besides the file name: what was expected and found)
CASES: dict[str, tuple[Callable[[Path], Path], list[str]]] = {
    "scanned": (scanned, ["expected a PDF with a text layer", "scanned", "2 page(s) of images"]),
    "encrypted": (encrypted, ["expected a PDF that opens without a password", "encrypted"]),
    "truncated": (truncated, ["expected a readable PDF", "damaged file"]),
    "garbled": (garbled, ["expected a readable PDF", "damaged file"]),
    "not a PDF": (not_a_pdf, ["expected a PDF file", "<html>"]),
    "plain text": (plain_text, ["expected a disclosure in a declared layout", "no table titles"]),
    "narrative only": (
        narrative_only,
        ["expected a disclosure in a declared layout", "no table titles"],
    ),
    "required table missing": (
        missing_table,
        [
            "expected a disclosure in a declared layout",
            "shanghai-budget",  # the layout it nearly fits, and what that one lacks
            "missing",
            "“三公”经费和机关运行经费预算表",
            "2025年部门财务收支预算总表",  # what it did find
        ],
    ),
    "amount columns missing": (
        missing_amount_columns,
        [
            f"page {MISSING_COLUMNS_PAGE}",
            "table 2025年部门支出预算总表",
            "expected a header naming the amount columns",
            "功能分类科目名称",  # the header it found instead
        ],
    ),
}


@pytest.fixture(scope="module")
def bad(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("bad-pdfs")
    return {name: make(folder) for name, (make, _) in CASES.items()}


@pytest.fixture
def loaded_db(seed_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "budget.duckdb"
    shutil.copyfile(seed_db, path)
    return path


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _one_sentence(err: str) -> str:
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    return lines[0]


def test_the_bad_inputs_are_what_they_claim(bad: dict[str, Path]) -> None:
    """The makers did what they say: otherwise the cases below would test something else."""
    with pdfplumber.open(bad["scanned"]) as pdf:
        assert len(pdf.pages) == 2 and all(p.images and not p.chars for p in pdf.pages)
    assert pypdf.PdfReader(bad["encrypted"]).is_encrypted
    with pdfplumber.open(bad["plain text"]) as pdf:
        assert pdf.pages[0].extract_text().splitlines() == LETTER
    with pdfplumber.open(bad["required table missing"]) as pdf:
        assert not any("三公" in (p.extract_text() or "") for p in pdf.pages)
        assert len(pdf.pages) == 1 + len(TABLES) - 1
    with pdfplumber.open(bad["amount columns missing"]) as pdf:
        page = pdf.pages[MISSING_COLUMNS_PAGE - 1]
        text = page.extract_text()
        assert "支出预算总表" in text and "功能分类科目名称" in text
        assert "基本支出" not in text and "项目支出" not in text
        assert len(page.find_tables()) == 1  # the ruled table itself is still there
    with pdfplumber.open(SWJ) as pdf:  # and the words removed were there in the original
        assert "基本支出" in pdf.pages[EXPENDITURE_TOTAL - 1].extract_text()


@pytest.mark.parametrize("name", list(CASES))
def test_a_bad_pdf_is_refused_naming_file_page_table_and_what_was_expected(
    name: str, bad: dict[str, Path]
) -> None:
    path = bad[name]
    with pytest.raises(IngestError) as err:
        parse_pdfs([path])
    message = str(err.value)
    assert path.name in message and path.name in err.value.file
    for words in CASES[name][1]:
        assert words in message, (name, message)
    if name == "amount columns missing":  # page 5, not page 50
        assert re.search(rf"\bpage {MISSING_COLUMNS_PAGE}\b", message), message


@pytest.mark.parametrize("name", list(CASES))
def test_the_command_line_says_it_in_one_sentence_and_changes_nothing(
    name: str, bad: dict[str, Path], loaded_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sha, rows = _sha256(loaded_db), snapshot(loaded_db)
    status = cli.main(["ingest", str(bad[name]), "--db", str(loaded_db)])
    captured = capsys.readouterr()
    assert status == 2
    line = _one_sentence(captured.err)
    assert bad[name].name in line and "expected" in line
    assert captured.out == ""
    assert _sha256(loaded_db) == sha
    assert snapshot(loaded_db) == rows


def test_a_bad_pdf_among_good_files_loads_none_of_them(
    bad: dict[str, Path], loaded_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The seed is good (and would replace itself, with a new ingested_at): it is not loaded."""
    sha, rows = _sha256(loaded_db), snapshot(loaded_db)
    status = cli.main(["ingest", str(SEED), str(bad["encrypted"]), "--db", str(loaded_db)])
    assert status == 2
    assert "encrypted.pdf" in _one_sentence(capsys.readouterr().err)
    assert _sha256(loaded_db) == sha
    assert snapshot(loaded_db) == rows


def test_no_database_is_created_for_a_bad_pdf(bad: dict[str, Path], tmp_path: Path) -> None:
    with pytest.raises(IngestError):
        pipeline.ingest([bad["scanned"]], tmp_path / "new.duckdb")
    assert not (tmp_path / "new.duckdb").exists()


def test_a_pdf_locked_only_against_editing_is_read(tmp_path: Path) -> None:
    """An owner password without a user password restricts printing or editing, not reading:
    such a file is read like any other (here: refused only because it is not a disclosure)."""
    writer = pypdf.PdfWriter(clone_from=_text_pdf(tmp_path / "letter.pdf", LETTER))
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-128")
    writer.write(tmp_path / "owner-only.pdf")
    assert pypdf.PdfReader(tmp_path / "owner-only.pdf").is_encrypted
    with pytest.raises(IngestError) as err:
        parse_pdfs([tmp_path / "owner-only.pdf"])
    assert "password" not in str(err.value)
    assert "expected a disclosure in a declared layout" in str(err.value)


@pytest.mark.skipif(not BIN.exists(), reason="the budgetlens entry point is not installed")
def test_bad_pdfs_read_in_worker_processes_are_one_sentence_too(
    bad: dict[str, Path], loaded_db: Path
) -> None:
    """As a user runs it: two worker processes, each reading a bad file. The error raised in a
    worker reaches the command whole (it used to break the process pool), the first bad file in
    the order given is reported, and the repairs pdfminer logs about the garbled file are not
    printed before the sentence."""
    sha = _sha256(loaded_db)
    out = subprocess.run(
        [
            str(BIN),
            "ingest",
            str(bad["garbled"]),
            str(bad["scanned"]),
            "--workers",
            "2",
            "--db",
            str(loaded_db),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 2, out.stderr
    line = _one_sentence(out.stderr)
    assert "garbled.pdf" in line and "damaged file" in line
    assert _sha256(loaded_db) == sha
