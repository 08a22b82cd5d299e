"""Rows of a workbook as the clerk typed them (``ingest.RawSheet``) → rows ``write_workbook``
writes back as the same cells. Shared by pre-fill (rejected rows) and upgrade."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, time, timedelta
from typing import Any

from parthe_reports import contract_versions
from parthe_reports.ingest import RawSheet
from parthe_reports.schema import ColumnType, Sheet, normalize


def find_sheet(sheets: Mapping[str, RawSheet], sheet: Sheet) -> RawSheet | None:
    """The raw sheet for ``sheet``: its name in any spelling, or a name of an older version."""
    names = {normalize(n): n for n in sheets}
    for candidate in (sheet.name, *contract_versions.old_sheet_names(sheet.key)):
        if normalize(candidate) in names:
            return sheets[names[normalize(candidate)]]
    return None


def filled(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def cell(sheet: Sheet, key: str, value: Any) -> Any:
    """A raw value in the form ``write_workbook`` writes back as the same cell."""
    if value == "" or value is None:
        return None
    if isinstance(value, time | timedelta):
        return str(value)
    if isinstance(value, datetime) and value.time() == time(0):
        return value.date()
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if number and sheet.column(key).type is ColumnType.PERCENT:
        return value * 100  # write_workbook takes Prozent as 0–100 and stores the fraction
    return value
