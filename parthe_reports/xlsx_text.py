"""The one way this project writes data into an .xlsx cell: text stays text, never a formula.

openpyxl turns any ``str`` starting with ``=`` into a formula when it is assigned; Excel and
LibreOffice also treat text starting with ``+ - @`` (and a leading tab or carriage return,
after pasting) as the start of a formula when a cell is edited. Every workbook we write
(feedback copies, templates and pre-filled workbooks, Konsolidiert.xlsx) puts data through
these helpers: a string becomes a string cell (``t="s"``), and one that starts like a
formula is also quote-prefixed, so editing it in Excel keeps it text. An explicit formula
written by our own code is the only formula (none today).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def as_text(cell: Any) -> Any:
    """Make ``cell`` (holding a str) a string cell; quote-prefix it when it looks like a formula."""
    value = cell.value
    if isinstance(value, str):
        cell.data_type = "s"
        if value.startswith(DANGEROUS):
            cell.quotePrefix = True
    return cell


def put(ws: Worksheet, row: int, column: int, value: Any) -> Cell:
    """``ws.cell(row, column, value)`` with text kept text."""
    cell = ws.cell(row, column)
    cell.value = value
    return as_text(cell)


def append(ws: Worksheet, values: Iterable[Any]) -> None:
    """``ws.append(values)`` with text kept text (normal worksheets)."""
    ws.append(list(values))
    for cell in ws[ws.max_row]:
        if isinstance(cell.value, str):
            as_text(cell)


def text_cell(ws: Worksheet, value: str) -> Any:
    """A value for a write-only worksheet's row: a plain str, or a guarded cell when needed."""
    if not value.startswith(DANGEROUS):
        return value  # openpyxl binds a str that does not start with "=" as text
    cell = WriteOnlyCell(ws)
    cell.value = value
    return as_text(cell)


def csv_text(value: Any) -> Any:
    """A CSV field that a spreadsheet will not run: formula-like text gets a leading quote."""
    if isinstance(value, str) and value.startswith(DANGEROUS):
        return "'" + value
    return value
