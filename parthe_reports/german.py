"""German formatting for the documents: money, dates, percentages, numbers, AGS, sorting.

Everything goes through babel's ``de_DE`` data, never the OS locale, so output is the
same on every machine. Missing values print as an en dash.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from babel.numbers import format_decimal

LOCALE = "de_DE"
NBSP = "\u00a0"
MISSING = "–"
# Small numbers as words (index = value): text that states a count, e.g. „sieben Kommunen“.
NUMBER_WORDS = (
    "null",
    "eine",
    "zwei",
    "drei",
    "vier",
    "fünf",
    "sechs",
    "sieben",
    "acht",
    "neun",
    "zehn",
    "elf",
    "zwölf",
)

# C0/C1 control characters except tab and line feed (which render as tab and line break).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def is_missing(value: Any) -> bool:
    """True for None, NaN, NaT and empty strings."""
    if value is None:
        return True
    # Fast paths for the commonest cells (called millions of times at 1,000 municipalities);
    # the same answers as the general path below (pd.isna of a str or int is False).
    kind = type(value)
    if kind is str:
        return not value.strip()
    if kind is int or kind is bool:
        return False
    if isinstance(value, float) and math.isnan(value):
        return True
    if isinstance(value, str) and not value.strip():
        return True
    try:
        import pandas as pd

        return bool(pd.isna(value)) if not isinstance(value, tuple | list) else False
    except (TypeError, ValueError):
        return False


@lru_cache(maxsize=65536)
def _memo(value: float, pattern: str, negative: bool) -> str:
    return format_decimal(value, pattern, locale=LOCALE)


def _decimal(value: float, pattern: str) -> str:
    """babel's ``format_decimal`` in ``de_DE``, memoised: a region's documents print the
    same figures (medians, sums, years) thousands of times (≈ 35 µs each in babel)."""
    return _memo(value, pattern, math.copysign(1.0, value) < 0)  # -0.0 == 0.0 as a key


def money(value: Any, decimals: int = 2) -> str:
    """``1.234,56 €`` (always with cents unless ``decimals=0``, e.g. in sums of charts)."""
    if is_missing(value):
        return MISSING
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return f"{_decimal(float(value), pattern)}{NBSP}€"


def money_short(value: Any) -> str:
    """Compact amounts for chart labels: ``850 T€``, ``1,2 Mio. €``."""
    if is_missing(value):
        return MISSING
    v = float(value)
    if abs(v) >= 1_000_000:
        return f"{_decimal(v / 1_000_000, '#,##0.0')}{NBSP}Mio.{NBSP}€"
    if abs(v) >= 1_000:
        return f"{_decimal(v / 1_000, '#,##0')}{NBSP}T€"
    return f"{_decimal(v, '#,##0')}{NBSP}€"


def number(value: Any, decimals: int = 0, fixed: bool = False) -> str:
    """``1.234`` or ``12,5`` (up to ``decimals`` places; ``fixed`` keeps trailing zeros)."""
    if is_missing(value):
        return MISSING
    frac = ("0" if fixed else "#") * decimals
    pattern = "#,##0" + (f".{frac}" if decimals else "")
    return _decimal(float(value), pattern)


def percent(value: Any, decimals: int = 1) -> str:
    """``80 %`` from a value on the 0–100 scale (NBSP before the sign, as DIN 5008 wants)."""
    if is_missing(value):
        return MISSING
    return f"{number(value, decimals)}{NBSP}%"


def date_de(value: Any) -> str:
    """``25.11.2026``."""
    if is_missing(value):
        return MISSING
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    return str(value)


def ags(value: Any) -> str:
    """AGS as printed in official lists: ``14 7 29 060`` (Land, Bezirk, Kreis, Gemeinde)."""
    if is_missing(value):
        return MISSING
    s = str(value).strip()
    if len(s) != 8 or not s.isdigit():
        return s
    return f"{s[:2]} {s[2]} {s[3:5]} {s[5:]}"


def text(value: Any) -> str:
    """Cell text as typed, safe for Word: control characters removed, CRLF → LF.

    Line breaks and tabs stay; the renderer turns them into real breaks and tabs. Very long
    words are left alone: Word and LibreOffice break them at the cell edge.
    """
    if is_missing(value):
        return MISSING
    if isinstance(value, tuple | list):
        return ", ".join(text(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    s = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", s)


def plain(value: Any) -> str:
    """Like ``text`` but on one line (headings, chart labels)."""
    return " ".join(text(value).split())


def sort_key(name: Any) -> tuple[str, str]:
    """German dictionary order (DIN 5007-1): Ä sorts with A, ß with ss, case-insensitive."""
    return _sort_key(name if type(name) is str else str(name))


@lru_cache(maxsize=65536)  # the same municipality names are sorted over and over
def _sort_key(name: str) -> tuple[str, str]:
    s = unicodedata.normalize("NFC", name)
    folded = s.casefold().replace("ß", "ss")
    base = "".join(
        ch for ch in unicodedata.normalize("NFD", folded) if not unicodedata.combining(ch)
    )
    return base, s


def sorted_de(items: Iterable[Any], key: Any = None) -> list[Any]:
    """Items sorted in German order; ``key`` picks the name to sort by."""
    pick = key or (lambda x: x)
    return sorted(items, key=lambda x: sort_key(pick(x)))


def join_de(parts: Iterable[str]) -> str:
    """``A, B und C``."""
    items = [p for p in parts if p]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " und " + items[-1]


def count(n: Any, singular: str, plural: str) -> str:
    """``1 Hinweis``, ``3 Hinweise``, ``0 Hinweise``."""
    value = 0 if is_missing(n) else n
    return f"{number(value)} {singular if value == 1 else plural}"
