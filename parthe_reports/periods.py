"""Zeitraum values: a month (``11/2026``), a quarter (``Q3/2027``) or a year (``2027``).

The validator stores a Zeitraum as its canonical label; these helpers turn a label into
the first and last day it covers, for timelines and "Ende before Beginn" checks.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

_MONTH = re.compile(r"^(\d{1,2})/(\d{4})$")
_QUARTER = re.compile(r"^Q([1-4])/(\d{4})$", re.IGNORECASE)
_YEAR = re.compile(r"^(\d{4})$")


def period_bounds(label: str) -> tuple[date, date]:
    """First and last day of a canonical Zeitraum label; ValueError when it is none."""
    label = label.strip()
    if m := _MONTH.match(label):
        month, year = int(m[1]), int(m[2])
        if not 1 <= month <= 12:
            raise ValueError(label)
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    if m := _QUARTER.match(label):
        q, year = int(m[1]), int(m[2])
        first = 3 * q - 2
        return date(year, first, 1), date(year, first + 2, calendar.monthrange(year, first + 2)[1])
    if m := _YEAR.match(label):
        year = int(m[1])
        return date(year, 1, 1), date(year, 12, 31)
    raise ValueError(label)


def period_label(value: date, granularity: str = "month") -> str:
    """Canonical label of the period of ``granularity`` (month/quarter/year) containing a date."""
    if granularity == "year":
        return f"{value.year}"
    if granularity == "quarter":
        return f"Q{(value.month - 1) // 3 + 1}/{value.year}"
    return f"{value.month:02d}/{value.year}"
