"""Typing one column of raw cell values per its schema column type.

Column-wise on purpose: cells that already have the right type (a float in a Zahl
column, a date in a Datum column, clean text) pass with a type check only; the parsers in
``parse`` run for the rest. Returns the typed values and the issues (row index, code,
value as understood) for the validator to turn into findings.
"""

from __future__ import annotations

import difflib
import functools
import math
import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from parthe_reports import parse
from parthe_reports.region import Region
from parthe_reports.schema import (
    ALL_CODES,
    Column,
    ColumnType,
    Vocabulary,
    normalize,
    vocabulary_for,
)

Issue = tuple[int, str, Any]  # (index in the column, finding code, value as understood)
NUMERIC = (ColumnType.NUMBER, ColumnType.AMOUNT, ColumnType.PERCENT)
_SPLIT = re.compile(r"[,;/\n]+|\s+und\s+|\s+")


def expected_text(col: Column, region: Region) -> str:
    """What a column wants, in German, for the „erwartet“ part of a message."""
    t = col.type
    if col.vocabulary:
        values = vocabulary_for(col, region).values
        shown = ", ".join(values[:8]) + (", …" if len(values) > 8 else "")
        return f"einer von: {shown}"
    if t is ColumnType.CODE:
        return "Kürzel: " + ", ".join(region.codes)
    if t is ColumnType.CODE_LIST:
        return f"Kürzel durch Komma getrennt ({', '.join(region.codes)}) oder „{ALL_CODES}“"
    base = {
        ColumnType.TEXT: "Text",
        ColumnType.ID: "Kennung",
        ColumnType.NUMBER: "ganze Zahl" if col.integer else "Zahl",
        ColumnType.AMOUNT: "Betrag in €",
        ColumnType.PERCENT: "Prozent (0–100)",
        ColumnType.DATE: "Datum TT.MM.JJJJ",
        ColumnType.PERIOD: "Zeitraum MM/JJJJ, Q1/JJJJ oder JJJJ",
    }[t]
    if t in NUMERIC and (col.minimum is not None or col.maximum is not None):
        lo = "" if col.minimum is None else f"{col.minimum:g}"
        hi = "" if col.maximum is None else f"{col.maximum:g}"
        base += f" von {lo} bis {hi}" if lo and hi else (f" ab {lo}" if lo else f" bis {hi}")
    return base


def suggestion(value: Any, choices: tuple[str, ...]) -> str | None:
    """The closest allowed value, for „Meinten Sie …?“."""
    by_norm = {normalize(c): c for c in choices}
    match = difflib.get_close_matches(normalize(str(value)), list(by_norm), n=1, cutoff=0.6)
    return by_norm[match[0]] if match else None


# Drop-down values and header texts repeat in every workbook: each is normalised once per
# process (bounded: a clerk's free text passes through too).
normalized = functools.lru_cache(maxsize=8192)(normalize)


def _clean_str(v: str) -> bool:
    return v.isprintable() and v == v.strip() and "  " not in v


def type_column(col: Column, values: list[Any], region: Region) -> tuple[list[Any], list[Issue]]:
    """Typed values (``None``/NaN for blanks) and issues of one column."""
    issues: list[Issue] = []
    t = col.type
    if t in NUMERIC:
        fast = (float, int)
        parser = parse.parse_percent if t is ColumnType.PERCENT else parse.parse_number
        out = [
            float(v)
            if type(v) in fast and t is not ColumnType.PERCENT
            else (math.nan if parse.is_blank(v) else _take(parser, i, v, issues, math.nan))
            for i, v in enumerate(values)
        ]
        return out, issues
    if t is ColumnType.DATE:
        return [
            v
            if type(v) is date
            else (None if parse.is_blank(v) else _take(parse.parse_date_value, i, v, issues))
            for i, v in enumerate(values)
        ], issues
    if t is ColumnType.PERIOD:
        return [
            None if parse.is_blank(v) else _take(parse.parse_period, i, v, issues)
            for i, v in enumerate(values)
        ], issues
    texts = [
        v
        if type(v) is str and v and _clean_str(v)
        else (None if parse.is_blank(v) else _take(parse.clean_text, i, v, issues))
        for i, v in enumerate(values)
    ]
    if col.vocabulary:
        return _choices(col, texts, region, issues), issues
    if t is ColumnType.CODE:
        return _codes(texts, region, issues), issues
    if t is ColumnType.CODE_LIST:
        return _code_lists(texts, region, issues), issues
    return texts, issues


def _take(
    fn: Callable[[Any], parse.Parsed], i: int, v: Any, issues: list[Issue], bad: Any = None
) -> Any:
    p = fn(v)
    if p.error:
        issues.append((i, p.error, None))
        return bad
    if p.note:
        issues.append((i, p.note, p.value))
    return p.value


_VOCAB_CACHE: dict[tuple[Any, ...], tuple[Vocabulary, dict[str, str], set[str]]] = {}


def _vocabulary(col: Column, region: Region) -> tuple[Vocabulary, dict[str, str], set[str]]:
    """Vocabulary, normalised lookup and canonical spellings; built once per vocabulary."""
    key = (col.vocabulary, region.topics, region.guiding_questions)
    if key not in _VOCAB_CACHE:
        vocab = vocabulary_for(col, region)
        _VOCAB_CACHE[key] = (vocab, vocab.lookup(), {normalize(v) for v in vocab.values})
    return _VOCAB_CACHE[key]


def _choices(col: Column, texts: list[Any], region: Region, issues: list[Issue]) -> list[Any]:
    vocab, table, canonical = _vocabulary(col, region)
    out: list[Any] = []
    for i, text in enumerate(texts):
        if text is None:
            out.append(None)
            continue
        key = normalized(text)
        value = table.get(key)
        if value is None:
            issues.append((i, "unknown-value", suggestion(text, vocab.values)))
        elif key not in canonical:
            issues.append((i, "synonym", value))
        out.append(value)
    return out


def _codes(texts: list[Any], region: Region, issues: list[Issue]) -> list[Any]:
    out: list[Any] = []
    for i, text in enumerate(texts):
        code = None if text is None else text.strip().upper()
        if code is not None and code not in region.codes:
            issues.append((i, "unknown-code", suggestion(code, region.codes)))
            code = None
        out.append(code)
    return out


def _code_lists(texts: list[Any], region: Region, issues: list[Issue]) -> list[Any]:
    out: list[Any] = []
    for i, text in enumerate(texts):
        if text is None:
            out.append(())
            continue
        parts = [p.strip().upper() for p in _SPLIT.split(text) if p.strip()]
        if any(normalize(p) == ALL_CODES for p in parts):
            out.append(region.codes)
            continue
        unknown = [p for p in parts if p not in region.codes]
        if unknown:
            issues.append((i, "unknown-code", suggestion(unknown[0], region.codes)))
        out.append(tuple(dict.fromkeys(p for p in parts if p in region.codes)))
    return out


def is_whole(value: float) -> bool:
    """True for a finite float without fraction."""
    return math.isfinite(value) and float(value).is_integer()


def as_date(value: Any) -> date | None:
    """A ``date`` from a date or datetime (None otherwise)."""
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None
