"""Annotated copy of a workbook for the municipality: red/yellow cells, comments, Prüfergebnis.

The input is never written: openpyxl loads it (formulas, data validations, tables and, for
.xlsm, the macro part survive a load/save) and the copy goes to ``out_path``. An .ods input
has no openpyxl loader: its values are copied (via calamine) into a new .xlsx, so its own
dropdowns are not carried over.
"""

from __future__ import annotations

import hashlib
import zipfile
from collections import defaultdict
from pathlib import Path
from typing import Any

import python_calamine as pc
from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import quote_sheetname

from parthe_reports.errors import Finding, Severity
from parthe_reports.validate.model import ValidatedWorkbook
from parthe_reports.workbooks.package import (
    Mark,
    ResultCell,
    ResultSheet,
    Unsupported,
    sheet_names,
    write_package_copy,
)
from parthe_reports.xlsx_text import append, put

RESULT_SHEET = "Prüfergebnis"
FILLS = {
    Severity.ERROR: PatternFill("solid", fgColor="FFC7CE"),
    Severity.WARNING: PatternFill("solid", fgColor="FFEB9C"),
}
_WIDTHS = (12, 24, 18, 8, 22, 22, 30, 90)
_HEAD = ("Schweregrad", "Code", "Blatt", "Zelle", "Spalte", "Wert", "Erwartet", "Meldung")


MAX_STEM_BYTES = 120  # a long name is cut and keeps a short hash of the whole


def feedback_file_name(source: Path) -> str:
    """``BRA.xlsx`` → ``BRA_Rueckmeldung.xlsx``: the one name, for ``run`` and ``validate``
    (ASCII like every output name; an .ods input's copy is an .xlsx and says so)."""
    suffix = ".xlsm" if source.suffix.lower() == ".xlsm" else ".xlsx"
    stem = source.stem
    if len(stem.encode()) > MAX_STEM_BYTES:  # file systems allow 255 bytes per name
        digest = hashlib.sha256(stem.encode()).hexdigest()[:8]
        stem = stem.encode()[:MAX_STEM_BYTES].decode("utf-8", "ignore") + "_" + digest
    return f"{stem}_Rueckmeldung{suffix}"


def write_annotated_copy(book: ValidatedWorkbook, source_path: Path, out_path: Path) -> Path:
    """Write the annotated copy of ``source_path`` to ``out_path`` and return it.

    An .xlsx/.xlsm is edited as a package (fast: its cells are never parsed into objects);
    a package that route cannot handle, and an .ods, goes through openpyxl.
    """
    if source_path.suffix.lower() in (".xlsx", ".xlsm"):
        try:
            names = sheet_names(source_path)
            marks = _marks(book, names)
            result = _result_spec(book, names)
            write_package_copy(source_path, out_path, marks, result)
            return out_path
        except (Unsupported, KeyError, ValueError, zipfile.BadZipFile):
            pass  # the openpyxl route below decides (and fails as before if it must)
    return _write_with_openpyxl(book, source_path, out_path)


def _by_cell(
    book: ValidatedWorkbook, sheetnames: list[str]
) -> dict[tuple[str, str], list[Finding]]:
    by_cell: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for f in book.findings:
        if f.sheet and f.cell and f.sheet in sheetnames:
            by_cell[(f.sheet, f.cell)].append(f)
    return by_cell


def _worst(found: list[Finding]) -> Finding:
    return min(found, key=lambda f: f.severity.rank)


def _comment_text(found: list[Finding]) -> str:
    return "\n".join(f"{f.severity.value}: {f.message}" for f in found)


def _marks(book: ValidatedWorkbook, sheetnames: list[str]) -> dict[str, dict[str, Mark]]:
    marks: dict[str, dict[str, Mark]] = defaultdict(dict)
    for (sheet, ref), found in _by_cell(book, sheetnames).items():
        severity = _worst(found).severity
        rgb = FILLS[severity].fgColor.rgb[-6:] if severity in FILLS else None
        marks[sheet][ref] = Mark(rgb, _comment_text(found))
    return marks


def _write_with_openpyxl(book: ValidatedWorkbook, source_path: Path, out_path: Path) -> Path:
    wb = _load(source_path)
    for (sheet, ref), found in _by_cell(book, wb.sheetnames).items():
        cell = wb[sheet][ref]
        worst = _worst(found)
        if worst.severity in FILLS:
            cell.fill = FILLS[worst.severity]
        cell.comment = Comment(_comment_text(found), "Prüfung", width=320, height=120)
    _result_sheet(wb, _result_spec(book, wb.sheetnames))
    out_path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out_path)
    return out_path


def _load(path: Path) -> Workbook:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return load_workbook(path, keep_vba=path.suffix.lower() == ".xlsm")
    wb = Workbook()
    wb.remove(wb.worksheets[0])
    book = pc.CalamineWorkbook.from_path(str(path))
    for name in book.sheet_names:
        ws = wb.create_sheet(name)
        for row in book.get_sheet_by_name(name).to_python(skip_empty_area=False):
            append(ws, [None if v == "" else v for v in row])  # „=…“ typed as text stays text
    return wb


def _result_spec(book: ValidatedWorkbook, sheetnames: list[str]) -> ResultSheet:
    """The Prüfergebnis sheet's content, the same for both routes."""
    read = sum(c.read for c in book.row_counts.values())
    rejected = sum(c.rejected for c in book.row_counts.values())
    rows: list[list[ResultCell] | None] = [
        [ResultCell(f"Prüfergebnis für {book.name}", font="title")],
        [
            ResultCell(
                f"{len(book.errors)} Fehler, {len(book.warnings)} Warnungen, "
                f"{len(book.notes)} Hinweise"
            )
        ],
        [
            ResultCell(
                f"Zeilen gelesen: {read}, übernommen: {read - rejected}, abgelehnt: {rejected}"
            )
        ],
        None,
        [ResultCell(h, font="bold") for h in _HEAD],
    ]
    findings = sorted(book.findings, key=lambda f: (f.severity.rank, f.sheet or "", f.row or 0))
    for f in findings:
        value = (
            f.value if f.value is None or isinstance(f.value, str | int | float) else str(f.value)
        )
        # the value is the clerk's text: „=HYPERLINK(…)“ must stay text
        cells = [
            ResultCell(v)
            for v in (f.severity.value, f.code, f.sheet, f.cell, f.column, value, *_tail(f))
        ]
        if f.severity in FILLS:
            cells[0].fill_rgb = FILLS[f.severity].fgColor.rgb[-6:]
        if f.sheet and f.cell and f.sheet in sheetnames:
            cells[3].link = f"{quote_sheetname(f.sheet)}!{f.cell}"
            cells[3].font = "link"
        rows.append(cells)
    return ResultSheet(RESULT_SHEET, rows, _WIDTHS, frozen_rows=5)


def _tail(f: Finding) -> tuple[Any, ...]:
    return (f.expected, f.message)


_FONTS = {
    "title": Font(bold=True, size=14),
    "bold": Font(bold=True),
    "link": Font(color="0563C1", underline="single"),
}


def _result_sheet(wb: Workbook, spec: ResultSheet) -> None:
    if RESULT_SHEET in wb.sheetnames:
        wb.remove(wb[RESULT_SHEET])
    ws = wb.create_sheet(RESULT_SHEET, 0)
    wb.active = 0
    for r, cells in enumerate(spec.rows, start=1):
        for c, rc in enumerate(cells or [], start=1):
            cell = put(ws, r, c, rc.value)
            if rc.font:
                cell.font = _FONTS[rc.font]
            if rc.fill_rgb:
                cell.fill = PatternFill("solid", fgColor=rc.fill_rgb)
            if rc.link:
                cell.hyperlink = f"#{rc.link}"
    for letter, width in zip("ABCDEFGH", spec.widths, strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = f"A{spec.frozen_rows + 1}"
