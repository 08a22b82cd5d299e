"""CPU per rendered document: ``python -m benchmarks.bench_render_doc [N] [--runs R]``.

Reads, validates and consolidates the corpus ``benchmarks/.data/normal-n<N>`` (default 100)
once, then renders every document of the run ``R`` times (default 3) in this one process
and prints, per kind (Kommunalprofil, Prüfbericht, phase documents), the median over the
documents of each document's median CPU seconds (``time.process_time``, not wall time: the
machine is shared). Each template's first render is excluded (imports, first use).

Before/after across commits: run it once with ``PYTHONPATH=<checkout of the old commit>``
and once on the new one, in the same session, and compare the medians side by side.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from parthe_reports.consolidate import consolidate
from parthe_reports.region import load_region
from parthe_reports.render import DocumentPlanner, render_document
from parthe_reports.validate.workbook import build_dataset, check_file

DATA = Path(__file__).resolve().parent / ".data"
STICHTAG = date(2026, 11, 25)


def _cpu(fn: object) -> float:
    t = time.process_time()
    fn()  # type: ignore[operator]
    return time.process_time() - t


def main(n: int = 100, runs: int = 3) -> None:
    inputs = DATA / f"normal-n{n}" / "inputs"
    region = load_region(inputs / "region.toml")
    books = [check_file(p, region) for p in sorted(inputs.rglob("*.xlsx"))]
    ds = build_dataset(books, region, STICHTAG)
    planner = DocumentPlanner(consolidate(ds), ds, books, generated=STICHTAG)
    jobs = [planner.job(s) for s in planner.specs()]
    out = Path(tempfile.mkdtemp(prefix="bench-render-doc-"))
    seen: set[str] = set()
    per_kind: dict[str, list[float]] = {}
    for job in jobs:
        path = out / job.file_name
        if job.template not in seen:  # first use of a template: imports, caches
            seen.add(job.template)
            render_document(job, path)
        cpu = statistics.median(
            _cpu(lambda j=job, p=path: render_document(j, p)) for _ in range(runs)
        )
        per_kind.setdefault(job.kind, []).append(cpu)
    print(f"N = {n}: {len(jobs)} documents, median of {runs} renders each (CPU seconds)")
    for kind, times in per_kind.items():
        med = statistics.median(times)
        print(
            f"  {kind:<13} {len(times):5d} docs  median {med * 1000:7.1f} ms  "
            f"sum {sum(times):6.2f} s"
        )
    total = sum(t for ts in per_kind.values() for t in ts)
    print(f"  all           {len(jobs):5d} docs  sum {total:6.2f} s")


if __name__ == "__main__":
    args = sys.argv[1:]
    runs = 3
    if "--runs" in args:
        i = args.index("--runs")
        runs = int(args[i + 1])
        del args[i : i + 2]
    main(int(args[0]) if args else 100, runs)
