"""Whole runs: the core's ``pipeline.run`` (baseline c) and the Prefect flow, cold and cached.

Both write a complete run folder (documents, annotated copies, Konsolidiert.xlsx,
manifest) into a fresh temporary outputs folder. The flow runs twice on the same
outputs folder: the second, unchanged run finds every content-keyed result in the cache.
``phases`` restricts the documents (then no annotated copies or consolidated files are
written, exactly as ``parthe-reports run --phase``), for sizes where a full run would not
fit the time budget.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.stages import STICHTAG
from parthe_reports.pipeline import RunSummary

PREFECT_HOME = Path(__file__).resolve().parent / ".data" / "prefect-home"


def _summary(result: RunSummary) -> dict[str, Any]:
    return {
        "documents": len(result.documents),
        "failed_documents": len(result.failed_documents),
        "error": result.error,
        "task_runs": result.task_runs,
    }


def run_core(root: Path, phases: tuple[int, ...] = ()) -> dict[str, Any]:
    """``pipeline.run``: the whole job in this process, no Prefect."""
    from parthe_reports import pipeline

    out = Path(tempfile.mkdtemp(prefix="bench-core-"))
    try:
        options = pipeline.RunOptions(
            inputs=root / "inputs",
            outputs=out,
            phases=phases,
            stichtag=STICHTAG,
            region_config=root / "region.toml",
        )
        start = time.perf_counter()
        summary = pipeline.run(options)
        seconds = time.perf_counter() - start
        return {"seconds": seconds, **_summary(summary)}
    finally:
        shutil.rmtree(out, ignore_errors=True)


def run_prefect(root: Path, phases: tuple[int, ...] = (), dask: bool = False) -> dict[str, Any]:
    """The Prefect flow (``flows.runner.run``): a cold run, then the same run again (cache)."""
    os.environ.setdefault("PREFECT_HOME", str(PREFECT_HOME))
    start = time.perf_counter()
    from flows.runner import run  # imports Prefect (≈ 2 s); reported, not in the run times

    import_s = time.perf_counter() - start
    out = Path(tempfile.mkdtemp(prefix="bench-prefect-"))
    result: dict[str, Any] = {"import_s": import_s}
    try:
        for label in ("cold", "cached"):
            start = time.perf_counter()
            summary = run(
                inputs=root / "inputs",
                outputs=out,
                phases=list(phases) or None,
                stichtag=STICHTAG,
                dask=dask,
                region_config=root / "region.toml",
            )
            result[label] = {"seconds": time.perf_counter() - start, **_summary(summary)}
        return result
    finally:
        shutil.rmtree(out, ignore_errors=True)
