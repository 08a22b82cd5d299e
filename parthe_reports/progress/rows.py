"""Rows of a kept run's tables as the diff sees them: emptiness, equality, provenance."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

Row = dict[str, Any]


def missing(v: Any) -> bool:
    """None, NaN or NaT: an empty cell."""
    if v is None or v is pd.NaT:
        return True
    return isinstance(v, float) and math.isnan(v)


def same(a: Any, b: Any) -> bool:
    """Equal as the report sees it: both empty, equal floats to the cent, equal otherwise."""
    if missing(a) or missing(b):
        return missing(a) and missing(b)
    if isinstance(a, int | float) and isinstance(b, int | float):
        return abs(float(a) - float(b)) < 0.005
    return bool(a == b)


def source(r: Row) -> str:
    """``BRA.xlsx › Maßnahmen › Zeile 5``."""
    return f"{r.get('source_workbook')} › {r.get('source_sheet')} › Zeile {r.get('source_row')}"
