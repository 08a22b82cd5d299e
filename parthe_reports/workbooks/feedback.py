"""Annotated copy of a workbook for the municipality: red/yellow cells, comments, Prüfergebnis.

The input is never written: openpyxl loads it (formulas, data validations, tables and, for
.xlsm, the macro part survive a load/save) and the copy goes to ``out_path``. An .ods input
has no openpyxl loader: its values are copied (via calamine) into a new .xlsx, so its own
dropdowns are not carried over.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from pathlib import Path

import python_calamine as pc
from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import quote_sheetname

from parthe_reports.errors import Finding, Severity
from parthe_reports.validate.model import ValidatedWorkbook
from parthe_reports.xlsx_text import append, put

RESULT_SHEET = "Prüfergebnis"
FILLS = {
    Severity.ERROR: PatternFill("solid", fgColor="FFC7CE"),
    Severity.WARNING: PatternFill("solid", fgColor="FFEB9C"),
}
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
    """Write the annotated copy of ``source_path`` to ``out_path`` and return it."""
    wb = _load(source_path)
    by_cell: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for f in book.findings:
        if f.sheet and f.cell and f.sheet in wb.sheetnames:
            by_cell[(f.sheet, f.cell)].append(f)
    for (sheet, ref), found in by_cell.items():
        cell = wb[sheet][ref]
        worst = min(found, key=lambda f: f.severity.rank)
        if worst.severity in FILLS:
            cell.fill = FILLS[worst.severity]
        text = "\n".join(f"{f.severity.value}: {f.message}" for f in found)
        cell.comment = Comment(text, "Prüfung", width=320, height=120)
    _result_sheet(wb, book)
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


def _result_sheet(wb: Workbook, book: ValidatedWorkbook) -> None:
    if RESULT_SHEET in wb.sheetnames:
        wb.remove(wb[RESULT_SHEET])
    ws = wb.create_sheet(RESULT_SHEET, 0)
    wb.active = 0
    put(ws, 1, 1, f"Prüfergebnis für {book.name}").font = Font(bold=True, size=14)
    put(
        ws,
        2,
        1,
        f"{len(book.errors)} Fehler, {len(book.warnings)} Warnungen, {len(book.notes)} Hinweise",
    )
    read = sum(c.read for c in book.row_counts.values())
    rejected = sum(c.rejected for c in book.row_counts.values())
    put(ws, 3, 1, f"Zeilen gelesen: {read}, übernommen: {read - rejected}, abgelehnt: {rejected}")
    ws.append([])
    append(ws, _HEAD)
    for c in ws[ws.max_row]:
        c.font = Font(bold=True)
    findings = sorted(book.findings, key=lambda f: (f.severity.rank, f.sheet or "", f.row or 0))
    for f in findings:
        value = (
            f.value if f.value is None or isinstance(f.value, str | int | float) else str(f.value)
        )
        append(  # the value is the clerk's text: „=HYPERLINK(…)“ must stay text
            ws, [f.severity.value, f.code, f.sheet, f.cell, f.column, value, f.expected, f.message]
        )
        row = ws.max_row
        if f.severity in FILLS:
            ws.cell(row, 1).fill = FILLS[f.severity]
        if f.sheet and f.cell and f.sheet in wb.sheetnames:
            link = ws.cell(row, 4)
            link.hyperlink = f"#{quote_sheetname(f.sheet)}!{f.cell}"
            link.font = Font(color="0563C1", underline="single")
    for letter, width in zip("ABCDEFGH", (12, 24, 18, 8, 22, 22, 30, 90), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A6"
