"""Reader benchmark: parthe_reports.ingest (+ validation) vs. pandas.read_excel(engine="openpyxl").

Run: ``.venv/bin/python -m benchmarks.bench_reader [--runs 3] [--n 100]``. Two corpora: the
example data (A's ``demo_data.write_example_data``) and ``n`` synthetic Kommunal-Workbooks
(``synthetic_region``). Prints medians of ``runs`` runs and the ratios, side by side.

``--cpu DIR`` instead: CPU seconds per workbook (``time.process_time``, best of ``runs`` per
workbook, median over the workbooks of DIR/kommunen, DIR/region.toml) for the calamine floor
(values of every sheet, nothing else), ``read_workbook``, ``validate_workbook`` and the
annotated copy of each workbook with findings, package route vs. openpyxl route (issue 17's
targets: read ≤ 2× the floor, validation ≤ +50 % of reading).
"""

from __future__ import annotations

import argparse
import io
import math
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import python_calamine as pc

from parthe_reports.demo.data import synthetic_region, write_example_data
from parthe_reports.ingest import discover_workbooks, read_workbook
from parthe_reports.pipeline.sequence import read_books
from parthe_reports.region import Region, load_region
from parthe_reports.validate import ValidatedWorkbook
from parthe_reports.validate.workbook import validate_workbook
from parthe_reports.workbooks import feedback
from parthe_reports.workbooks.feedback import write_annotated_copy


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


def _cpu_ms(fn: Callable[[Any], object], items: list[Any], runs: int) -> float:
    """Median over ``items`` of the best of ``runs`` CPU times of ``fn(item)``, in ms."""
    per_item = []
    for item in items:
        times = []
        for _ in range(runs):
            start = time.process_time()
            fn(item)
            times.append(time.process_time() - start)
        per_item.append(min(times))
    return 1000 * statistics.median(per_item)


def _calamine_floor(path: Path) -> None:
    book = pc.CalamineWorkbook.from_filelike(io.BytesIO(path.read_bytes()))
    for name in book.sheet_names:
        book.get_sheet_by_name(name).to_python(skip_empty_area=False)


def bench_cpu(root: Path, runs: int) -> None:
    """CPU per workbook: reading against its floor, validation against reading, copies."""
    region = load_region(root / "region.toml")
    paths = sorted(p for p in (root / "kommunen").iterdir() if p.suffix == ".xlsx")
    raws = [read_workbook(p) for p in paths]
    floor = _cpu_ms(_calamine_floor, paths, runs)
    read = _cpu_ms(read_workbook, paths, runs)
    validate = _cpu_ms(lambda raw: validate_workbook(raw, region), raws, runs)
    every = sorted(root.rglob("*.xlsx"))  # with the Verbund-Workbook, as in a run
    books, _ = read_books(every, {}, region, date.today(), "bench")
    flagged = [b for b in books if b.findings]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "copy.xlsx"

        def package(book: ValidatedWorkbook) -> None:
            write_annotated_copy(book, Path(str(book.source.path)), out)

        def openpyxl_route(book: ValidatedWorkbook) -> None:
            feedback._write_with_openpyxl(book, Path(str(book.source.path)), out)

        fast = _cpu_ms(package, flagged, runs) if flagged else math.nan
        slow = _cpu_ms(openpyxl_route, flagged, runs) if flagged else math.nan
    print(f"\n{root}: {len(paths)} workbooks, CPU ms per workbook (median, best of {runs})")
    print(f"  calamine floor (values only)             {floor:8.2f}")
    print(f"  ingest.read_workbook                     {read:8.2f}   {read / floor:5.2f}x floor")
    print(
        f"  validate.validate_workbook               {validate:8.2f}   +{100 * validate / read:.0f} % of read"
    )
    print(f"  annotated copy, openpyxl route           {slow:8.2f}   ({len(flagged)} copies)")
    print(f"  annotated copy, package route            {fast:8.2f}   {slow / fast:5.1f}x faster")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--cpu", type=Path, help="a corpus folder (kommunen/, region.toml)")
    args = parser.parse_args()
    if args.cpu:
        bench_cpu(args.cpu, args.runs)
        return
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
