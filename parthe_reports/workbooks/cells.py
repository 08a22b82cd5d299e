"""Cell-level helpers shared by template writing and filling: formats, values, saving."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.writer.excel import ExcelWriter

from parthe_reports.schema import Column, ColumnType
from parthe_reports.xlsx_text import as_text

# Fixed document timestamps so that regenerating a workbook gives the same bytes.
FIXED_TIMESTAMP = datetime(2026, 1, 1)
_ZIP_TIME = (2026, 1, 1, 0, 0, 0)

FORMATS: dict[ColumnType, str] = {
    ColumnType.TEXT: "@",
    ColumnType.NUMBER: "General",
    ColumnType.AMOUNT: '#,##0.00 "€"',
    ColumnType.PERCENT: "0%",
    ColumnType.DATE: "DD.MM.YYYY",
    ColumnType.PERIOD: "@",
    ColumnType.CHOICE: "@",
    ColumnType.CODE: "@",
    ColumnType.CODE_LIST: "@",
    ColumnType.ID: "@",
}


class FixedTimeZip(zipfile.ZipFile):
    """A zip archive whose members carry a fixed timestamp (reproducible files)."""

    def writestr(self, zinfo_or_arcname: Any, data: Any, *args: Any, **kwargs: Any) -> None:
        if isinstance(zinfo_or_arcname, str):
            zinfo_or_arcname = zipfile.ZipInfo(zinfo_or_arcname, _ZIP_TIME)
            zinfo_or_arcname.compress_type = zipfile.ZIP_DEFLATED
        super().writestr(zinfo_or_arcname, data, *args, **kwargs)

    def write(self, filename: Any, arcname: Any = None, *args: Any, **kwargs: Any) -> None:
        # openpyxl writes worksheets from temporary files; stamp those with the fixed time too
        with open(filename, "rb") as fh:
            self.writestr(str(arcname or filename), fh.read())


def save(wb: Workbook, path: Path) -> None:
    """Save ``wb`` to ``path`` with fixed timestamps (same content → same bytes)."""
    # openpyxl's save_workbook stamps "modified" with now(); write with fixed times instead.
    path.parent.mkdir(parents=True, exist_ok=True)
    with FixedTimeZip(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).save()


def excel_value(col: Column, value: object) -> object:
    """The cell value for ``value``: bools as ja/nein, Prozent 0–100 → fraction, lists joined."""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if col.type is ColumnType.PERCENT and isinstance(value, int | float):
        return value / 100
    if isinstance(value, tuple | list):
        return ", ".join(str(v) for v in value)
    return value


def format_cell(cell: Cell, col: Column) -> None:
    """Number format of a written cell by its value and column type; "=…" stays text."""
    value = cell.value
    if isinstance(value, str):
        as_text(cell)
        cell.number_format = "@"
    elif isinstance(value, date | datetime):
        cell.number_format = FORMATS[ColumnType.DATE]
    elif value is not None:
        cell.number_format = FORMATS[col.type]
