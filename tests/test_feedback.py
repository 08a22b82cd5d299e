"""Annotated copies: red/yellow cells with German comments, a linked Prüfergebnis, originals kept."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from openpyxl import load_workbook

from parthe_reports.errors import Severity
from parthe_reports.ingest import read_workbook
from parthe_reports.validate.workbook import check_file
from parthe_reports.workbooks.feedback import (
    FILLS,
    RESULT_SHEET,
    feedback_file_name,
    write_annotated_copy,
)
from tests.workbook_factory import REGION, municipal, row, soffice_convert


def _bad(tmp: Path) -> Path:
    rows = {"measures": [row("measures", cost_total="zwölf", end="11/2026")]}
    return municipal(tmp / "BRA.xlsx", rows)


def test_annotated_copy_marks_cells(tmp_path: Path) -> None:
    """It fills the faulty cell red, the warned cell yellow, with German comments."""
    src = _bad(tmp_path)
    out = write_annotated_copy(
        check_file(src, REGION), src, tmp_path / "out" / feedback_file_name(src)
    )
    ws = load_workbook(out)["Maßnahmen"]
    assert ws["I2"].fill.fgColor.rgb.endswith(FILLS[Severity.ERROR].fgColor.rgb[-6:])
    assert "keine Zahl" in ws["I2"].comment.text
    assert ws["K2"].fill.fgColor.rgb.endswith(FILLS[Severity.WARNING].fgColor.rgb[-6:])
    assert ws["B2"].comment is None and ws["B2"].fill.fgColor.rgb in ("00000000", None)


def test_clean_copy_has_no_marks(tmp_path: Path) -> None:
    """It leaves a clean workbook's cells unmarked and says so in the Prüfergebnis."""
    src = municipal(tmp_path / "BRA.xlsx")
    out = write_annotated_copy(check_file(src, REGION), src, tmp_path / "BRA_out.xlsx")
    wb = load_workbook(out)
    assert wb["Maßnahmen"]["I2"].comment is None
    assert wb[RESULT_SHEET]["A2"].value == "0 Fehler, 0 Warnungen, 0 Hinweise"


def test_result_sheet_first_with_links(tmp_path: Path) -> None:
    """It puts „Prüfergebnis“ first, one row per finding, linked to the cell."""
    src = _bad(tmp_path)
    book = check_file(src, REGION)
    wb = load_workbook(write_annotated_copy(book, src, tmp_path / "out.xlsx"))
    ws = wb.worksheets[0]
    assert ws.title == RESULT_SHEET
    rows = list(ws.iter_rows(min_row=6, values_only=True))
    assert len(rows) == len(book.findings)
    assert {r[1] for r in rows} == {"not-a-number", "end-before-start"}
    assert ws["D6"].hyperlink.location == "'Maßnahmen'!I2" or ws["D6"].hyperlink.target.endswith(
        "I2"
    )


def test_original_untouched_dropdowns_kept(tmp_path: Path) -> None:
    """It never writes the input and keeps its dropdowns and tables in the copy."""
    src = _bad(tmp_path)
    before = hashlib.sha256(src.read_bytes()).hexdigest()
    out = write_annotated_copy(check_file(src, REGION), src, tmp_path / "out.xlsx")
    assert hashlib.sha256(src.read_bytes()).hexdigest() == before
    orig, copy = load_workbook(src), load_workbook(out)
    for name in orig.sheetnames:
        assert len(copy[name].data_validations.dataValidation) == len(
            orig[name].data_validations.dataValidation
        )
        assert set(copy[name].tables) == set(orig[name].tables)
    assert len(copy["Maßnahmen"].data_validations.dataValidation) > 0


@pytest.mark.libreoffice
def test_annotated_copy_opens_in_libreoffice(tmp_path: Path) -> None:
    """It writes a copy LibreOffice opens (converted to .ods with the Prüfergebnis sheet)."""
    src = _bad(tmp_path)
    out = write_annotated_copy(check_file(src, REGION), src, tmp_path / "copy.xlsx")
    ods = soffice_convert(out, "ods", tmp_path)
    assert RESULT_SHEET in read_workbook(ods).sheets


@pytest.mark.libreoffice
def test_ods_input_gets_xlsx_copy(tmp_path: Path) -> None:
    """It annotates an .ods input in an .xlsx copy with the same findings."""
    src = soffice_convert(_bad(tmp_path / "src"), "ods", tmp_path)
    book = check_file(src, REGION)
    out = write_annotated_copy(book, src, tmp_path / "fb" / feedback_file_name(src))
    assert out.name == "BRA_Rueckmeldung.xlsx"
    wb = load_workbook(out)
    assert "keine Zahl" in wb["Maßnahmen"]["I2"].comment.text
    assert wb.worksheets[0].title == RESULT_SHEET


def test_a_long_workbook_name_gives_a_short_unique_copy_name() -> None:
    """It cuts a 230-character name to fit a file system and keeps the names apart."""
    a = feedback_file_name(Path("A" * 230 + "1.xlsx"))
    b = feedback_file_name(Path("A" * 230 + "2.xlsx"))
    assert len(a.encode()) < 200 and a.endswith("_Rueckmeldung.xlsx")
    assert a != b
    assert feedback_file_name(Path("Brandis_Erhebung.ods")) == "Brandis_Erhebung_Rueckmeldung.xlsx"
