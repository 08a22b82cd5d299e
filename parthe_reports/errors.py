"""Findings: the one type that knows where a problem is.

Every problem with the input is data, not an exception that escapes: a ``Finding``
carries workbook, sheet, row, column, cell, the value found, what was expected and a
German message. ``WorkbookError`` wraps a Finding when a whole workbook cannot be read;
it is caught at the workbook boundary and turned back into a Finding.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    """How bad a finding is; the values are what users read."""

    ERROR = "Fehler"  # the row, sheet or workbook is rejected
    WARNING = "Warnung"  # kept, but someone should look
    NOTE = "Hinweis"  # kept; how the value was understood

    @property
    def rank(self) -> int:
        return {"Fehler": 0, "Warnung": 1, "Hinweis": 2}[self.value]


@dataclass(frozen=True)
class Finding:
    """One problem, with its place: ``BRA.xlsx › Maßnahmen › F12``."""

    code: str  # stable slug, e.g. "not-a-number"
    severity: Severity
    message: str  # German, complete sentence(s)
    workbook: str  # file name
    sheet: str | None = None
    row: int | None = None  # Excel row number (1-based)
    column: str | None = None  # column header as in the schema
    cell: str | None = None  # A1 reference
    value: Any = None
    expected: str | None = None

    @property
    def location(self) -> str:
        parts = [self.workbook]
        if self.sheet:
            parts.append(self.sheet)
        if self.cell:
            parts.append(self.cell)
        elif self.row is not None:
            parts.append(f"Zeile {self.row}")
        return " › ".join(parts)

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["severity"] = self.severity.value
        v = d["value"]
        if v is not None and not isinstance(v, str | int | float | bool):
            d["value"] = str(v)
        return d


class WorkbookError(Exception):
    """A problem that stops reading one workbook (never the run)."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(str(finding))
        self.finding = finding


class UserError(Exception):
    """An expected failure outside the workbooks (a folder not writable, a port taken, …).

    Its message is one German sentence saying what to do; the command line prints it
    without a traceback and exits 2 (``--debug`` adds the traceback).
    """
