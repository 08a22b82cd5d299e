"""The pipeline's stages timed one by one, calling the core functions directly (no Prefect).

read (ingest) → validate (+ cross-check) → consolidate (dataset + phase models) → plan
(every document's context) → render (docx with charts, on ``workers`` processes) →
outputs (annotated copies, Konsolidiert.xlsx + Parquet/CSV, findings JSON).

Rendering and the annotated copies are the costly per-municipality parts: above
``sample`` documents of a kind, an evenly spaced sample is rendered and its time scaled
to all (marked ``estimated`` in the result). Everything else always runs on all inputs.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

from parthe_reports import ingest, validate
from parthe_reports.consolidate import consolidate
from parthe_reports.pipeline import write as core
from parthe_reports.region import load_region
from parthe_reports.render import plan_documents, render_document
from parthe_reports.validate import crosscheck
from parthe_reports.validate.report import findings_json

STICHTAG = date(2026, 11, 25)
KINDS = ("phase", "profile", "pruefbericht")


def spaced(items: Sequence[Any], k: int) -> list[Any]:
    """At most ``k`` evenly spaced items (all of them when there are no more than ``k``)."""
    if k <= 0 or len(items) <= k:
        return list(items)
    return [items[i * len(items) // k] for i in range(k)]


def _render_one(job: Any) -> int:
    with tempfile.TemporaryDirectory(prefix="bench-render-") as tmp:
        out = render_document(job, Path(tmp) / Path(job.file_name).name)
        return out.stat().st_size


def render_jobs(jobs: list[Any], pool: ProcessPoolExecutor | None) -> tuple[float, int]:
    """Seconds to render ``jobs`` (in ``pool`` if given, else here) and the bytes written."""
    start = time.perf_counter()
    if pool is None:
        sizes = [_render_one(j) for j in jobs]
    else:
        sizes = list(pool.map(_render_one, jobs, chunksize=max(1, len(jobs) // 16)))
    return time.perf_counter() - start, sum(sizes)


def warm_pool(workers: int) -> tuple[ProcessPoolExecutor, float]:
    """A started pool whose workers have imported the renderer and matplotlib."""
    start = time.perf_counter()
    pool = ProcessPoolExecutor(max_workers=workers)
    list(pool.map(_warm, range(workers)))
    return pool, time.perf_counter() - start


def _warm(_: int) -> None:
    import matplotlib.figure  # noqa: F401  (≈ 1 s per process, paid once per worker)


class Timer(dict[str, float]):
    """Stage name → seconds."""

    def __call__(self, name: str, fn: Callable[[], Any]) -> Any:
        start = time.perf_counter()
        result = fn()
        self[name] = self.get(name, 0.0) + time.perf_counter() - start
        return result


def run_stages(root: Path, workers: int = 2, sample: int = 100, compare: bool = True) -> dict:
    """Time every stage on the corpus at ``root``; optionally profiles on 1 vs ``workers``."""
    region = load_region(root / "inputs" / "region.toml")
    paths = ingest.discover_workbooks(root / "inputs")
    t = Timer()
    raws = t("read", lambda: [ingest.read_workbook(p) for p in paths])
    books = t("validate", lambda: [validate.validate_workbook(r, region) for r in raws])
    books = t("validate", lambda: crosscheck.check_region(books, region))
    dataset = t("consolidate", lambda: validate.build_dataset(books, region, STICHTAG))
    consolidated = t("consolidate", lambda: consolidate(dataset))
    jobs = t("plan", lambda: plan_documents(consolidated, dataset, books, generated=STICHTAG))
    counts = {k: sum(1 for j in jobs if j.kind == k) for k in KINDS}
    info: dict[str, Any] = {"workbooks": len(paths), "documents": counts, "estimated": {}}
    pool, t["pool_start"] = warm_pool(workers) if workers > 1 else (None, 0.0)
    try:
        doc_bytes = 0
        for kind in KINDS:
            chosen = spaced([j for j in jobs if j.kind == kind], sample)
            seconds, size = render_jobs(chosen, pool)
            scale = counts[kind] / max(1, len(chosen))
            t[f"render_{kind}"] = seconds * scale
            doc_bytes += int(size * scale)
            if scale > 1:
                info["estimated"][f"render_{kind}"] = len(chosen)
        info["docx_mb"] = doc_bytes / 1024**2
        if compare:
            profiles = spaced([j for j in jobs if j.kind == "profile"], sample)
            info["profiles_compared"] = len(profiles)
            info["profiles_1"] = render_jobs(profiles, None)[0]
            info[f"profiles_{workers}"] = render_jobs(profiles, pool)[0] if pool else None
    finally:
        if pool is not None:
            pool.shutdown()
    chosen_books = spaced(books, sample)
    feedback = Timer()
    feedback("copies", lambda: [core.feedback_bytes(b) for b in chosen_books])
    t["outputs"] = feedback["copies"] * len(books) / max(1, len(chosen_books))
    try:
        t("outputs", lambda: (core.consolidated_files(consolidated), findings_json(books)))
    except Exception as exc:  # another helper's module mid-change: report, keep measuring
        info["errors"] = {"outputs": f"{type(exc).__name__}: {exc}"}
    if len(chosen_books) < len(books):
        info["estimated"]["outputs"] = len(chosen_books)
    t["render"] = t["plan"] + t["pool_start"] + sum(t[f"render_{k}"] for k in KINDS)
    # The "whole job": read, validate, consolidate, every document with its charts.
    t["total"] = sum(t[k] for k in ("read", "validate", "consolidate", "render"))
    t["total_all"] = t["total"] + t["outputs"]
    return {"times": dict(t), **info}
