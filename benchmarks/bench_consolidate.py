"""Consolidation at scale: ``python -m benchmarks.bench_consolidate [N]``.

Builds the example data's Dataset once (read + validate ``inputs/``), replicates its
municipal rows to N synthetic municipalities in memory (IDs made unique), then prints
seconds for ``consolidate`` and for writing Konsolidiert.xlsx and the Parquet/CSV files,
at N/10 and N so the growth (should be ≈ linear in rows) is visible side by side.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import pandas as pd

from parthe_reports import ingest, validate
from parthe_reports.consolidate import consolidate
from parthe_reports.consolidate.workbook import write_consolidated_workbook, write_machine_readable
from parthe_reports.dataset import Dataset
from parthe_reports.demo.data import synthetic_region
from parthe_reports.paths import INPUTS
from parthe_reports.region import load_region

ID_COLUMNS = {"measures": ("measure_id",), "funding_applications": ("application_id", "measure_id")}


def example_dataset() -> Dataset:
    region = load_region()
    books = [validate.check_file(p, region) for p in ingest.discover_workbooks(INPUTS)]
    return validate.build_dataset(books, region, date(2026, 11, 25))


def scaled(base: Dataset, n: int) -> Dataset:
    """``n`` municipalities, each a copy of one example municipality's rows."""
    region = synthetic_region(n, base.region)
    src_codes = list(base.region.codes)
    tables = {}
    for key, t in base.tables.items():
        if t["municipality"].isna().all():
            tables[key] = t
            continue
        parts = []
        for i, code in enumerate(region.codes):
            part = t[t["municipality"] == src_codes[i % len(src_codes)]].copy()
            part["municipality"] = code
            part["source_workbook"] = f"{code}.xlsx"
            for col in ID_COLUMNS.get(key, ()):
                part[col] = part[col].map(lambda v, c=code: None if v is None else f"{v}-{c}")
            if "lead" in part.columns:
                part["lead"] = code
            parts.append(part)
        tables[key] = pd.concat(parts, ignore_index=True)
    return Dataset(region=region, stichtag=base.stichtag, tables=tables)


def measure(ds: Dataset) -> tuple[float, float, float]:
    t0 = time.perf_counter()
    c = consolidate(ds)
    t1 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        write_consolidated_workbook(c, Path(tmp) / "Konsolidiert.xlsx")
        t2 = time.perf_counter()
        write_machine_readable(c, Path(tmp) / "Daten")
        t3 = time.perf_counter()
    return t1 - t0, t2 - t1, t3 - t2


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    base = example_dataset()
    for size in (max(n // 10, 1), n):
        ds = scaled(base, size)
        rows = sum(len(t) for t in ds.tables.values())
        cons, xlsx, data = measure(ds)
        print(
            f"N={size:>5} ({rows:>7} rows): consolidate {cons:6.2f} s, "
            f"Konsolidiert.xlsx {xlsx:6.2f} s, Parquet+CSV {data:6.2f} s"
        )


if __name__ == "__main__":
    main()
