"""Annotated copies made by editing the .xlsx package: the same copy as openpyxl's, faster."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.comments import Comment
from openpyxl.workbook.defined_name import DefinedName

from parthe_reports.validate.workbook import check_file
from parthe_reports.workbooks import feedback
from parthe_reports.workbooks.feedback import RESULT_SHEET, write_annotated_copy
from parthe_reports.workbooks.package import Mark, ResultCell, ResultSheet, write_package_copy
from tests.workbook_factory import REGION, edit, municipal, row

HYPERLINK = '=HYPERLINK("http://example.org";"x")'


def _snapshot(path: Path) -> dict[str, Any]:
    """What a reader sees: values, types, fills, fonts, formats, comments, links, drop-downs."""
    wb = load_workbook(path)
    seen: dict[str, Any] = {"order": wb.sheetnames, "active": wb.active.title}
    for ws in wb.worksheets:
        cells = {}
        for r in ws.iter_rows():
            for c in r:
                if c.value is None and not c.has_style and c.comment is None:
                    continue
                link = None
                if c.hyperlink:
                    link = c.hyperlink.location or (c.hyperlink.target or "").lstrip("#")
                cells[c.coordinate] = (
                    c.value,
                    c.data_type,
                    c.fill.fgColor.rgb if c.fill.fill_type else None,
                    c.number_format,
                    c.font.b,
                    c.font.u,
                    c.quotePrefix,
                    c.alignment.wrap_text,
                    c.comment.text if c.comment else None,
                    link,
                )
        seen[ws.title] = (
            cells,
            len(ws.data_validations.dataValidation),
            sorted(ws.tables),
            ws.freeze_panes,
            ws.sheet_state,
            {k: v.width for k, v in ws.column_dimensions.items() if v.customWidth},
        )
    return seen


def _bad(tmp: Path) -> Path:
    rows = {
        "measures": [
            row("measures", cost_total="zwölf", end="11/2026"),
            row("measures", measure_id="M-BRA-02", cost_total=HYPERLINK),
        ]
    }
    return municipal(tmp / "BRA.xlsx", rows)


def test_package_copy_reads_like_the_openpyxl_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It gives the reader the same cells, marks, comments, links and drop-downs as openpyxl."""
    src = _bad(tmp_path)
    book = check_file(src, REGION)
    slow = feedback._write_with_openpyxl(book, src, tmp_path / "slow.xlsx")

    def no_openpyxl(*_: object) -> Path:
        raise AssertionError("the package route should handle this workbook")

    monkeypatch.setattr(feedback, "_write_with_openpyxl", no_openpyxl)
    fast = write_annotated_copy(book, src, tmp_path / "fast.xlsx")
    assert _snapshot(fast) == _snapshot(slow)
    with zipfile.ZipFile(fast) as zf:  # text stays text: no formula anywhere
        assert not any(b"<f>" in zf.read(n) for n in zf.namelist() if n.endswith(".xml"))


def test_sheet_local_names_follow_their_sheet(tmp_path: Path) -> None:
    """It shifts a sheet's print area with its sheet when the Prüfergebnis goes in front."""

    def print_area(wb: Any) -> None:
        wb["Maßnahmen"].print_area = "A1:D5"

    src = edit(_bad(tmp_path), print_area)
    out = write_annotated_copy(check_file(src, REGION), src, tmp_path / "out.xlsx")
    wb = load_workbook(out)
    assert wb.worksheets[0].title == RESULT_SHEET
    assert wb["Maßnahmen"].print_area == "'Maßnahmen'!$A$1:$D$5"


def test_existing_comments_take_the_openpyxl_route(tmp_path: Path) -> None:
    """It keeps the clerk's own comment next to ours (via openpyxl) on a commented sheet."""

    def comment(wb: Any) -> None:
        wb["Maßnahmen"]["A1"].comment = Comment("vom Amt", "Amt")
        wb.defined_names["x"] = DefinedName("x", attr_text="'Maßnahmen'!$A$1")

    src = edit(_bad(tmp_path), comment)
    out = write_annotated_copy(check_file(src, REGION), src, tmp_path / "out.xlsx")
    ws = load_workbook(out)["Maßnahmen"]
    assert ws["A1"].comment.text == "vom Amt"
    assert "keine Zahl" in ws["I2"].comment.text


def test_marks_on_cells_the_sheet_does_not_store(tmp_path: Path) -> None:
    """It inserts a flagged cell that is absent (before, between and after stored ones)."""
    src = municipal(tmp_path / "BRA.xlsx")
    marks = {
        "Maßnahmen": {
            "A1": Mark("FFC7CE", "first"),
            "Z2": Mark("FFEB9C", "after the row's cells"),
            "C700": Mark(None, "a row of its own"),
        }
    }
    result = ResultSheet("Prüfergebnis", [[ResultCell("x", font="title")]], (10,), 5)
    write_package_copy(src, tmp_path / "out.xlsx", marks, result)
    wb = load_workbook(tmp_path / "out.xlsx")
    ws = wb["Maßnahmen"]
    assert ws["A1"].fill.fgColor.rgb == "00FFC7CE" and ws["A1"].comment.text == "first"
    assert ws["A1"].value == load_workbook(src)["Maßnahmen"]["A1"].value
    assert ws["Z2"].fill.fgColor.rgb == "00FFEB9C"
    assert ws["C700"].comment.text == "a row of its own" and ws["C700"].fill.fill_type is None
    assert wb.worksheets[0]["A1"].font.sz == 14
