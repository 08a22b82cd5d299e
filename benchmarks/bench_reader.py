"""Reader benchmark: parthe_reports.ingest (+ validation) vs. pandas.read_excel(engine="openpyxl").

Run: ``.venv/bin/python -m benchmarks.bench_reader [--runs 3] [--n 100]``. Two corpora: the
example data (A's ``demo_data.write_example_data``) and ``n`` synthetic Kommunal-Workbooks
(``synthetic_region``). Prints medians of ``runs`` runs and the ratios, side by side.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from parthe_reports.demo.data import synthetic_region, write_example_data
from parthe_reports.ingest import discover_workbooks, read_workbook
from parthe_reports.region import Region, load_region
from parthe_reports.validate.workbook import validate_workbook


def _median(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def bench(label: str, paths: list[Path], region: Region, runs: int) -> None:
    """Print read/validate/pandas-openpyxl medians for one corpus."""
    raws = [read_workbook(p) for p in paths]
    read = _median(lambda: [read_workbook(p) for p in paths], runs)
    validate = _median(lambda: [validate_workbook(r, region) for r in raws], runs)
    naive = _median(
        lambda: [pd.read_excel(p, sheet_name=None, engine="openpyxl") for p in paths], runs
    )
    calamine_pd = _median(
        lambda: [pd.read_excel(p, sheet_name=None, engine="calamine") for p in paths], runs
    )
    n = len(paths)
    print(f"\n{label}: {n} workbooks, median of {runs} runs (ms per workbook)")
    print(f"  ingest.read_workbook (calamine + checks) {1000 * read / n:8.1f}")
    print(f"  validate.validate_workbook               {1000 * validate / n:8.1f}")
    print(f"  read + validate                          {1000 * (read + validate) / n:8.1f}")
    print(f"  pandas.read_excel(engine='calamine')     {1000 * calamine_pd / n:8.1f}")
    print(f"  pandas.read_excel(engine='openpyxl')     {1000 * naive / n:8.1f}")
    print(f"  ratio openpyxl-pandas / read_workbook    {naive / read:8.1f}x")
    print(f"  ratio openpyxl-pandas / read+validate    {naive / (read + validate):8.1f}x")
    print(f"  validate / read                          {validate / read:8.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--n", type=int, default=100)
    args = parser.parse_args()
    region = load_region()
    with tempfile.TemporaryDirectory() as tmp:
        example = Path(tmp) / "example"
        write_example_data(example, region)
        bench("Example data (inputs/)", discover_workbooks(example), region, args.runs)
        synth_region = synthetic_region(args.n, region)
        synth = Path(tmp) / "synthetic"
        write_example_data(synth, synth_region, example=False)
        paths = [p for p in discover_workbooks(synth) if p.parent.name == "kommunen"]
        bench("Synthetic Kommunal-Workbooks", paths, synth_region, args.runs)


if __name__ == "__main__":
    main()
