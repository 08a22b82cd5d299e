"""The reader side by side on the same files, in one process, repeated in turns.

- ``naive``: ``pandas.read_excel(path, sheet_name=None, engine="openpyxl")`` (baseline a);
- ``floor``: python-calamine reading every sheet to Python rows, nothing else (baseline b);
- ``pandas_calamine``: ``pandas.read_excel(..., engine="calamine")`` (for reference);
- ``read``: ``ingest.read_workbook`` (safety checks + calamine values);
- ``validate``: ``validate.validate_workbook`` on the raw books (typing + rules) and the
  cross-workbook check.

The pandas readers are slow; above ``sample`` files they read an evenly spaced sample and
their time is scaled to all files (marked ``estimated``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import python_calamine as pc

from benchmarks.stages import spaced
from parthe_reports import ingest, validate
from parthe_reports.region import load_region
from parthe_reports.validate import crosscheck


def calamine_floor(path: Path) -> int:
    """Every sheet's cell values as Python rows (what any Python reader must at least do)."""
    book = pc.CalamineWorkbook.from_path(str(path))
    return sum(len(book.get_sheet_by_name(n).to_python()) for n in book.sheet_names)


def run_readers(root: Path, repeat: int = 3, sample: int = 100) -> dict[str, Any]:
    """Seconds per method for all workbooks of the corpus, ``repeat`` rounds each."""
    region = load_region(root / "inputs" / "region.toml")
    paths = ingest.discover_workbooks(root / "inputs")
    few = spaced(paths, sample)
    scale = len(paths) / len(few)
    raws = [ingest.read_workbook(p) for p in paths]  # warm the OS cache, input to validate

    def checked() -> None:
        crosscheck.check_region([validate.validate_workbook(r, region) for r in raws], region)

    methods: dict[str, tuple[Callable[[], object], float]] = {
        "naive": (
            lambda: [pd.read_excel(p, sheet_name=None, engine="openpyxl") for p in few],
            scale,
        ),
        "pandas_calamine": (
            lambda: [pd.read_excel(p, sheet_name=None, engine="calamine") for p in few],
            scale,
        ),
        "floor": (lambda: [calamine_floor(p) for p in paths], 1.0),
        "read": (lambda: [ingest.read_workbook(p) for p in paths], 1.0),
        "validate": (checked, 1.0),
    }
    times: dict[str, list[float]] = {k: [] for k in methods}
    for _ in range(repeat):
        for name, (fn, factor) in methods.items():
            start = time.perf_counter()
            fn()
            times[name].append((time.perf_counter() - start) * factor)
    estimated = {k: len(few) for k in ("naive", "pandas_calamine")} if scale > 1 else {}
    return {"workbooks": len(paths), "runs": times, "estimated": estimated}
