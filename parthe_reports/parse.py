"""German cell text → typed values: numbers, dates, Zeiträume, text.

Each parser takes one raw cell value (whatever the reader produced: ``str``, ``float``,
``int``, ``bool``, ``date``/``datetime``) and returns a ``Parsed``: the typed value, or an
error code, plus an optional note code (how the value was understood). The validator
calls these only for cells that are not already of the right type.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from babel.dates import parse_date
from babel.numbers import NumberFormatError, parse_decimal

from parthe_reports.periods import period_bounds, period_label

LOCALE = "de_DE"
EXCEL_EPOCH = date(1899, 12, 30)

# "ca. 5.000", "~5000", "etwa 5000", "rund 5.000": read as the number, with a note.
_APPROX = re.compile(r"^(?:ca\.?|circa|etwa|rund|ungefähr|~|≈)\s*", re.IGNORECASE)
_UNITS = re.compile(r"\s*(?:€|eur|euro|%|prozent|vzä)\s*$", re.IGNORECASE)
_GROUP_SPACE = re.compile(r"(?<=\d)[\s\u202f\u00a0'](?=\d{3}\b)")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_QUARTER = re.compile(r"^(?:q\s*([1-4])|([1-4])\s*\.?\s*quartal)\s*[/.\- ]?\s*(\d{4})$", re.I)
_MONTH = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{4})$")
_YEAR = re.compile(r"^(\d{4})$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


@dataclass(frozen=True)
class Parsed:
    """A typed value, or an error code; ``note`` says how an odd value was understood."""

    value: Any = None
    error: str | None = None
    note: str | None = None


def is_blank(value: Any) -> bool:
    """Empty cell: None, '' or whitespace only (non-breaking spaces included)."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.replace("\u00a0", " ").strip()
    return isinstance(value, float) and value != value  # NaN


def clean_text(value: Any) -> Parsed:
    """Text as the clerk meant it: NFC, no control characters, trimmed; Alt+Enter kept."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # an ID typed as 12 comes back as 12.0
    text = unicodedata.normalize("NFC", str(value))
    text = _EXCEL_ESCAPE.sub(lambda m: chr(int(m[1], 16)), text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    cleaned = _CONTROL.sub("", text).replace("\t", " ")
    note = "control-characters" if cleaned != text.replace("\t", " ") or "\t" in text else None
    lines = [" ".join(line.split()) for line in cleaned.split("\n")]
    return Parsed("\n".join(line for line in lines if line) or None, note=note)


def parse_number(value: Any) -> Parsed:
    """German number text → float: ``1.234,56``, ``12.500 €``, ``80 %``, ``ca. 5.000``."""
    if isinstance(value, bool):
        return Parsed(error="not-a-number")
    if isinstance(value, int | float):
        return Parsed(float(value))
    if isinstance(value, date):
        return Parsed(error="not-a-number")
    text = clean_text(value).value or ""
    note = None
    if m := _APPROX.match(text):
        text, note = text[m.end() :], "approximate-number"
    text = _UNITS.sub("", text).strip()
    text = _GROUP_SPACE.sub("", text).replace("−", "-")
    number = _decimal(text)
    if number is None:
        return Parsed(error="not-a-number")
    return Parsed(float(number), note=note)


def _decimal(text: str) -> Decimal | None:
    if not text or not any(ch.isdigit() for ch in text):
        return None
    try:
        return parse_decimal(text, locale=LOCALE, strict=True)
    except NumberFormatError:
        pass
    try:  # "1234.56" from a program export: a decimal point, no grouping
        return Decimal(text) if re.fullmatch(r"-?\d+\.\d+", text) else None
    except InvalidOperation:
        return None


def parse_percent(value: Any) -> Parsed:
    """Percent as 0–100: ``80 %``, ``80``; a fraction (0,8 or a %-formatted cell) → 80."""
    p = parse_number(value)
    if p.error or p.value is None:
        return p
    has_sign = isinstance(value, str) and "%" in value
    if not has_sign and 0 < p.value <= 1:
        # A %-formatted cell stores 0.8 for 80 %; typed text "0,8" gets a note.
        # Rounded: 0.57 * 100 is 56.99999999999999 in binary floating point.
        return Parsed(
            round(p.value * 100, 9),
            note=p.note or ("percent-fraction" if isinstance(value, str) else None),
        )
    return p


def parse_date_value(value: Any) -> Parsed:
    """Excel date, ``25.11.2026``, ``25.11.26``, ``2026-11-25`` → ``date``."""
    if isinstance(value, datetime):
        return Parsed(value.date())
    if isinstance(value, date):
        return Parsed(value)
    if isinstance(value, bool):
        return Parsed(error="not-a-date")
    if isinstance(value, int | float):
        # A date cell that lost its format shows the Excel serial number.
        if 20000 <= value <= 80000:
            return Parsed(EXCEL_EPOCH + timedelta(days=int(value)), note="date-from-number")
        return Parsed(error="not-a-date")
    text = clean_text(value).value or ""
    try:
        return Parsed(
            date.fromisoformat(text[:10]) if len(text) >= 10 else date.fromisoformat(text)
        )
    except ValueError:
        pass
    if not re.fullmatch(r"\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}", text):
        return Parsed(error="not-a-date")
    try:
        return Parsed(parse_date(text.replace(" ", ""), locale=LOCALE))
    except (ValueError, IndexError):
        return Parsed(error="not-a-date")


def parse_period(value: Any) -> Parsed:
    """Zeitraum: ``11/2026``, ``Q3/2027``, ``3. Quartal 2027``, ``2027`` → canonical label."""
    if isinstance(value, datetime | date):
        d = value.date() if isinstance(value, datetime) else value
        return Parsed(period_label(d), note="period-from-date")
    if isinstance(value, bool):
        return Parsed(error="not-a-period")
    if isinstance(value, int | float):
        if float(value).is_integer() and 1900 <= value <= 2200:
            return Parsed(str(int(value)))
        return Parsed(error="not-a-period")
    text = (clean_text(value).value or "").replace(" ", " ")
    label: str | None = None
    if m := _QUARTER.match(text):
        label = f"Q{m[1] or m[2]}/{m[3]}"
    elif m := _MONTH.match(text):
        label = f"{int(m[1]):02d}/{m[2]}"
    elif m := _ISO_MONTH.match(text):
        label = f"{int(m[2]):02d}/{m[1]}"
    elif _YEAR.match(text):
        label = text
    else:
        parsed = parse_date_value(text)
        if parsed.error is None:
            return Parsed(period_label(parsed.value), note="period-from-date")
    if label is None:
        return Parsed(error="not-a-period")
    try:
        period_bounds(label)
    except ValueError:
        return Parsed(error="not-a-period")
    return Parsed(label)
