"""Rendering the Word deliverables: ``python -m benchmarks.bench_render [runs] [--pdf]``.

``python -m benchmarks.bench_render --scale N``: the example replicated to N synthetic
municipalities (as in bench_consolidate), every document rendered once on 1 and 2 processes.

Builds the example data (write, validate, consolidate) once, then prints medians over
``runs`` (default 5): planning all contexts, drawing each chart, rendering each document,
the whole set on one process and on two; with ``--pdf`` also LibreOffice: all documents in
one ``soffice`` call against one call per document (on three documents).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path

from parthe_reports.consolidate import consolidate
from parthe_reports.demo.data import TODAY, write_example_data
from parthe_reports.region import load_region
from parthe_reports.render import DocumentJob, convert_to_pdf, plan_documents, render_document
from parthe_reports.render.context import ChartSpec
from parthe_reports.render.jobs import draw_chart
from parthe_reports.validate.workbook import build_dataset, check_file


def _median(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def _render_all(jobs: list[DocumentJob], out: Path) -> None:
    for j in jobs:
        render_document(j, out / j.file_name)


def _render_one(args: tuple[DocumentJob, str]) -> str:
    job, out = args
    return str(render_document(job, Path(out) / job.file_name))


def main(runs: int = 5, pdf: bool = False) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="bench-render-"))
    region = load_region()
    books = [check_file(p, region) for p in write_example_data(tmp / "in", region)]
    ds = build_dataset(books, region, TODAY)
    c = consolidate(ds)
    out = tmp / "out"
    out.mkdir()
    generated = date(2026, 11, 25)

    t_plan = _median(lambda: plan_documents(c, ds, books, generated=generated), runs)
    jobs = plan_documents(c, ds, books, generated=generated)
    t0 = time.perf_counter()
    draw_chart(ChartSpec("heatmap", {"rows": ["a"], "cols": ["b"], "values": [[1.0]]}))
    print(f"first chart incl. matplotlib import: {time.perf_counter() - t0:6.3f} s")
    print(f"plan_documents (all contexts):       {t_plan:6.3f} s  (median of {runs})")
    for j in jobs:
        for key, spec in j.context.items():
            if isinstance(spec, ChartSpec) and j.kind == "phase":
                t = _median(lambda s=spec: draw_chart(s), runs)
                print(f"  chart {j.file_name:<34} {key:<18} {t * 1000:7.1f} ms")
    total = 0.0
    print("render_document per document (charts drawn inside):")
    for j in jobs:
        t = _median(lambda j=j: render_document(j, out / j.file_name), runs)
        total += t
        print(f"  {j.file_name:<36} {t * 1000:7.1f} ms")
    print(f"sum of per-document medians:         {total:6.3f} s for {len(jobs)} documents")
    t_serial = _median(lambda: _render_all(jobs, out), max(1, runs // 2))
    print(f"whole set, 1 process:                {t_serial:6.3f} s")
    with ProcessPoolExecutor(2) as pool:
        list(pool.map(_render_one, [(j, str(out)) for j in jobs]))  # warm the workers
        t_pool = _median(
            lambda: list(pool.map(_render_one, [(j, str(out)) for j in jobs])), max(1, runs // 2)
        )
    print(
        f"whole set, 2 processes (warm):       {t_pool:6.3f} s  ({t_serial / t_pool:.2f}× faster)"
    )
    if pdf:
        docs = [out / j.file_name for j in jobs]
        t = time.perf_counter()
        convert_to_pdf(docs, tmp / "pdf")
        t_all = time.perf_counter() - t
        t = time.perf_counter()
        for d in docs[:3]:
            convert_to_pdf([d], tmp / "pdf1")
        t_single = (time.perf_counter() - t) / 3
        print(
            f"PDF, {len(docs)} documents in one soffice call: {t_all:6.2f} s "
            f"({t_all / len(docs):.2f} s per document)"
        )
        print(f"PDF, one soffice call per document:      {t_single:6.2f} s per document")


def scale(n: int) -> None:
    from benchmarks.bench_consolidate import example_dataset, scaled

    ds = scaled(example_dataset(), n)
    c = consolidate(ds)
    t = time.perf_counter()
    jobs = plan_documents(c, ds, [], generated=date(2026, 11, 25))
    t_plan = time.perf_counter() - t
    out = Path(tempfile.mkdtemp(prefix="bench-render-scale-"))
    t = time.perf_counter()
    with ProcessPoolExecutor(2) as pool:
        list(pool.map(_render_one, [(j, str(out)) for j in jobs], chunksize=4))
    t_pool = time.perf_counter() - t
    regional = [j for j in jobs if j.kind == "phase"]
    t = time.perf_counter()
    _render_all(regional, out)
    t_regional = time.perf_counter() - t
    print(
        f"N={n}: plan {t_plan:.2f} s; {len(jobs)} documents on 2 processes {t_pool:.2f} s "
        f"({t_pool / len(jobs) * 1000:.0f} ms per document); six phase documents on 1 process "
        f"{t_regional:.2f} s"
    )


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if "--scale" in sys.argv:
        scale(int(args[0]) if args else 100)
    else:
        main(int(args[0]) if args else 5, pdf="--pdf" in sys.argv)
