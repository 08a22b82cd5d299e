"""Filling an existing template by German header text (tests, test corpora)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from parthe_reports.schema import WORKBOOK_KINDS, Sheet, normalize
from parthe_reports.workbooks.cells import excel_value, format_cell, save
from parthe_reports.xlsx_text import put


def _kind_of_sheet(sheet_name: str) -> Sheet | None:
    for kind in WORKBOOK_KINDS.values():
        for sheet in kind.sheets:
            if normalize(sheet.name) == normalize(sheet_name):
                return sheet
    return None


def fill_by_header(path: Path, sheet_name: str, rows: Sequence[Mapping[str, object]]) -> None:
    """Append ``rows`` (dicts keyed by German header text) to a template's table.

    Headers match with or without the " *" marker, case and spacing aside. The table
    (ListObject) and data validations are extended to cover the new rows.
    """
    wb = load_workbook(path)
    ws = wb[sheet_name]
    headers = {
        normalize(str(c.value)): i for i, c in enumerate(ws[1], start=1) if c.value is not None
    }
    schema_sheet = _kind_of_sheet(sheet_name)
    by_header = {normalize(c.header): c for c in schema_sheet.columns} if schema_sheet else {}
    table = next(iter(ws.tables.values()), None)
    first_free = _first_free_row(ws)
    for offset, record in enumerate(rows):
        r = first_free + offset
        for header, value in record.items():
            key = normalize(header)
            if key not in headers:
                raise KeyError(f"Spalte „{header}“ fehlt im Blatt „{sheet_name}“")
            col = by_header.get(key)
            cell = put(ws, r, headers[key], excel_value(col, value) if col else value)
            if col:
                format_cell(cell, col)
    last = max(first_free + len(rows) - 1, 2)
    if table is not None:
        start, end = table.ref.split(":")
        end_col = "".join(ch for ch in end if ch.isalpha())
        table.ref = f"{start}:{end_col}{max(last, int(end.lstrip(end_col)))}"
        table.autoFilter.ref = table.ref
    for dv in ws.data_validations.dataValidation:
        for rng in list(dv.sqref.ranges):
            if rng.max_row < last:
                rng.expand(down=last - rng.max_row)
    save(wb, path)


def _first_free_row(ws: Worksheet) -> int:
    """The row after the last row with any value (blank template → 2)."""
    for r in range(ws.max_row, 1, -1):
        if any(c.value not in (None, "") for c in ws[r]):
            return r + 1
    return 2
