"""Column widths from the content, measured with the printing font's real metrics.

Per column: the *floor* is the widest token that must not break (amounts, dates,
percentages, IDs, Kürzel: any token with a digit, „€“ or „%“, or in capitals) and the widest
ordinary word up to ``WORD_CAP_PT`` (longer words are left to hyphenation); the *ceiling*
is the widest cell on one line; the *typical* width is the 80th percentile of the cells.
If every ceiling fits, each column gets its ceiling and the rest of the width in
proportion. Otherwise each column gets its floor, and what is left goes to the columns in
proportion to how far their typical width lies above the floor (a column never beyond its
ceiling). Only when the floors alone do not fit are the ordinary-word floors squeezed;
the no-break floors are squeezed last.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

# Liberation Sans: the metric twin of the templates' Arial (Debian fonts-liberation2).
FONT_DIRS = (
    Path("/usr/share/fonts/truetype/liberation2"),
    Path("/usr/share/fonts/truetype/liberation"),
    Path("/usr/share/fonts/liberation-sans"),
)
_FILES = {False: "LiberationSans-Regular.ttf", True: "LiberationSans-Bold.ttf"}
_EM = 100  # measure at 100 px per em, scale to the point size
PROTECTED_MAX_CHARS = 24  # „-1.234.567.890,00 €“ has 19
WORD_CAP_PT = 110.0  # ≈ 3.9 cm: longer words may hyphenate
PADDING_PT = 8.0 + 1.5  # cell margins (2 × 80 twips) and a little room for rounding
SLACK = 1.02  # LibreOffice and Word kern a little differently
_SPACE = re.compile(r"[ \t\n\r]+")  # not NBSP: „1.450.000,00 €“ is one token
_HEADER_BREAKS = re.compile(r"[ \u00ad/-]")  # headers may break at soft hyphens and hyphens
_PROTECTED = re.compile(r"[0-9€%§]|^[A-ZÄÖÜ]{2,6}[.,;:]?$")
# Trace columns („Quelle“: workbook › sheet › row) take no more than their floor, and their
# tokens (file names) may break beyond REFERENCE_CAP_PT.
REFERENCE_HEADERS = frozenset({"Quelle"})
REFERENCE_CAP_PT = 60.0


def font_file(bold: bool = False) -> Path | None:
    """The Liberation Sans file (regular or bold), or None when it is not installed."""
    for d in FONT_DIRS:
        path = d / _FILES[bold]
        if path.exists():
            return path
    return None


@lru_cache(maxsize=2)
def _font(bold: bool) -> Any:
    from PIL import ImageFont

    path = font_file(bold)
    return ImageFont.truetype(str(path), _EM) if path is not None else None


@lru_cache(maxsize=200_000)
def width_pt(text: str, size_pt: float, bold: bool = False) -> float:
    """Printed width of ``text`` in points (Liberation Sans; an estimate without it)."""
    font = _font(bold)
    if font is None:
        return len(text) * size_pt * (0.58 if bold else 0.54)
    return float(font.getlength(text)) * size_pt / _EM


@dataclass(frozen=True)
class Column:
    """What a column needs, in points: no-break floor, word floor, typical, ceiling."""

    hard: float
    floor: float
    typical: float
    ceiling: float
    reference: bool = False  # gives way first when the floors do not fit


def tokens(text: str) -> list[str]:
    return [t for t in _SPACE.split(text) if t]


def is_protected(token: str) -> bool:
    """Amounts, dates, percentages, IDs, Kürzel: tokens that must never break.

    Longer tokens (checksums, file names, URLs) are not among them: they may wrap.
    """
    return len(token) <= PROTECTED_MAX_CHARS and bool(_PROTECTED.search(token))


def measure(header: str, cells: Sequence[str], size_pt: float, reference: bool = False) -> Column:
    """A column's needs from its header (bold, may hyphenate) and its cells."""
    hard = floor = 0.0
    widths = []
    for cell in cells:
        for tok in tokens(cell):
            w = width_pt(tok, size_pt)
            if reference:  # file names in a trace column may wrap; the column stays narrow
                floor = max(floor, min(w, REFERENCE_CAP_PT))
                if "." not in tok and "_" not in tok:  # sheet names stay whole
                    hard = max(hard, min(w, REFERENCE_CAP_PT))
            elif is_protected(tok):
                hard = max(hard, w)
            else:
                floor = max(floor, min(w, WORD_CAP_PT))
        widths.append(max((width_pt(line, size_pt) for line in cell.split("\n")), default=0.0))
    hyphen = width_pt("-", size_pt, True)
    for part in _HEADER_BREAKS.split(header):
        if part:
            floor = max(floor, width_pt(part, size_pt, True) + hyphen)
            if reference:
                hard = max(hard, width_pt(part, size_pt, True))
    head = max((width_pt(line, size_pt, True) for line in header.split("\n")), default=0.0)
    floor = max(floor, hard)
    ceiling = max([floor, head, *widths])
    typical = _percentile(widths, 0.8) if widths else head
    if reference:  # enough for „BOR.xlsx ›“ on a line, never more
        typical = ceiling = max(floor, min(ceiling, REFERENCE_CAP_PT))
    return Column(hard, floor, max(floor, min(typical, ceiling)), ceiling, reference)


def _percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def distribute(columns: Sequence[Column], available_pt: float) -> list[float]:
    """Column widths in points (padding included) that add up to ``available_pt``."""
    pad = PADDING_PT
    need = [
        Column(
            c.hard * SLACK + pad,
            c.floor * SLACK + pad,
            c.typical + pad,
            c.ceiling * SLACK + pad,
            c.reference,
        )
        for c in columns
    ]
    if not need:
        return []
    ceilings = [c.ceiling for c in need]
    if sum(ceilings) <= available_pt:
        return _spread(ceilings, ceilings, available_pt)
    floors = [c.floor for c in need]
    if sum(floors) <= available_pt:
        return _grow(floors, [c.typical for c in need], ceilings, available_pt)
    hard = [c.hard if c.hard > pad else min(c.floor, pad * 3) for c in need]
    if sum(hard) <= available_pt:
        # Trace columns give way first, then the longest words (hyphenation); amounts,
        # dates and IDs stay whole.
        refs = [c.reference for c in need]
        floors = _lower(floors, hard, refs, sum(floors) - available_pt)
        return _level(floors, hard, available_pt)
    return _spread([0.0] * len(need), floors, available_pt)


def _lower(floors: list[float], hard: list[float], which: list[bool], by: float) -> list[float]:
    """``floors`` of the ``which`` columns lowered toward ``hard`` by ``by`` in all."""
    room = sum(f - h for f, h, w in zip(floors, hard, which, strict=True) if w)
    if room <= 0:
        return floors
    k = min(1.0, by / room)
    return [f - k * (f - h) if w else f for f, h, w in zip(floors, hard, which, strict=True)]


def _level(floors: list[float], hard: list[float], total: float) -> list[float]:
    """Cut the widest floors down to one level (never below ``hard``) until they fit."""
    lo, hi = 0.0, max(floors)
    for _ in range(40):
        mid = (lo + hi) / 2
        if sum(max(h, min(f, mid)) for f, h in zip(floors, hard, strict=True)) <= total:
            lo = mid
        else:
            hi = mid
    cut = [max(h, min(f, lo)) for f, h in zip(floors, hard, strict=True)]
    return _spread(cut, cut, total)


def _spread(base: list[float], weights: list[float], total: float) -> list[float]:
    """``base`` plus the rest of ``total`` shared in proportion to ``weights``."""
    rest = total - sum(base)
    if sum(weights) <= 0:
        weights = [1.0] * len(base)
    wsum = sum(weights)
    return [b + rest * w / wsum for b, w in zip(base, weights, strict=True)]


def _grow(
    floors: list[float], typical: list[float], ceilings: list[float], total: float
) -> list[float]:
    """Floors, then the rest toward the typical widths, never beyond a ceiling."""
    widths = list(floors)
    open_ = [i for i in range(len(widths)) if ceilings[i] > widths[i]]
    for _ in range(len(widths) + 1):
        rest = total - sum(widths)
        if rest <= 0.01 or not open_:
            break
        want = {i: max(typical[i] - floors[i], 0.0) or 0.1 * floors[i] for i in open_}
        wsum = sum(want.values())
        capped = []
        for i in open_:
            add = rest * want[i] / wsum
            if widths[i] + add >= ceilings[i]:
                widths[i] = ceilings[i]
                capped.append(i)
            else:
                widths[i] += add
        if not capped:
            break
        open_ = [i for i in open_ if i not in capped]
    rest = total - sum(widths)
    if rest > 0.01:  # every column is at its ceiling: share the rest like the ceilings
        widths = _spread(widths, ceilings, total)
    return widths
