"""Whole runs, each in a fresh process: the command users run and the core sequence beside it.

``parthe-reports run`` is started as a subprocess exactly as typed (the synthetic region is
picked up from the inputs folder's ``region.toml``). Cold: a fresh ``PREFECT_HOME`` (so an
empty result cache and a database to migrate), a new outputs folder. Warm: the same
command again, unchanged. The core sequence (``pipeline.run``, no Prefect) runs the same
way in a fresh process per run, on its own new outputs folder, cold and then warm.
Every document is rendered and every output written; no ``--pdf``.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.procs import measure_process, run_worker
from benchmarks.stages import STICHTAG


def command() -> list[str]:
    """``parthe-reports`` of this environment (the console script, as users start it)."""
    script = Path(sys.executable).with_name("parthe-reports")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from parthe_reports.cli import app; app()"]


def _counts(outputs: Path) -> dict[str, int]:
    """Files of the latest run folder by kind: what the run really wrote."""
    latest = outputs / "aktuell"
    folder = latest.resolve() if latest.exists() else outputs
    files = [p for p in folder.rglob("*") if p.is_file()]
    return {
        "docx": sum(p.suffix == ".docx" for p in files),
        "xlsx": sum(p.suffix == ".xlsx" for p in files),
        "files": len(files),
    }


def _slim(proc: dict[str, Any]) -> dict[str, Any]:
    """The figures of one process, its output cut to the last lines (for a failure)."""
    keep = {k: v for k, v in proc.items() if k not in ("stdout", "stderr")}
    if proc.get("returncode") not in (0, 1):  # 1: the data have errors, the run completed
        keep["tail"] = (proc.get("stderr") or proc.get("stdout") or "")[-600:]
    return keep


def run_command(inputs: Path, timeout: float | None = None) -> dict[str, Any]:
    """``parthe-reports run`` cold (fresh Prefect home, new outputs) and then warm."""
    base = Path(tempfile.mkdtemp(prefix="bench-command-"))
    env = {**os.environ, "PREFECT_HOME": str(base / "prefect-home")}
    env.pop("PREFECT_API_URL", None)  # the command's own ephemeral API, as on a new machine
    outputs = base / "outputs"
    cmd = [*command(), "run", "--inputs", str(inputs), "--outputs", str(outputs)]
    cmd += ["--stichtag", STICHTAG.isoformat()]
    result: dict[str, Any] = {}
    try:
        for label in ("cold", "warm"):
            proc = measure_process(cmd, env, timeout)
            result[label] = _slim(proc) | _counts(outputs)
        return result
    finally:
        shutil.rmtree(base, ignore_errors=True)


def run_core_pair(inputs: Path) -> dict[str, Any]:
    """The core sequence in a fresh process: cold on a new outputs folder, then warm."""
    outputs = Path(tempfile.mkdtemp(prefix="bench-core-"))
    args = {"inputs": str(inputs), "outputs": str(outputs)}
    try:
        result = {}
        for label in ("cold", "warm"):
            result[label] = run_worker("core", args) | _counts(outputs)
        return result
    finally:
        shutil.rmtree(outputs, ignore_errors=True)


def run_core(inputs: Path, outputs: Path) -> dict[str, Any]:
    """``pipeline.run`` once, in this process (a worker): seconds and what it did. It uses
    the same worker processes as the command (``parallel``: both cores from 10 items per
    stage), so command ÷ core is Prefect's cost, not the pool's gain."""
    from parthe_reports import pipeline
    from parthe_reports.discover import discover_inputs
    from parthe_reports.pipeline.fanout import parallel, start_workers
    from parthe_reports.pipeline.reuse import try_reuse
    from parthe_reports.pipeline.sequence import expected_steps
    from parthe_reports.region import load_region

    options = pipeline.RunOptions(
        inputs=inputs, outputs=outputs, stichtag=STICHTAG, region_config=inputs / "region.toml"
    )
    start = time.perf_counter()
    # As the command does: the short-cut first, then the workers start importing while the
    # workbooks are read.
    region = load_region(options.region_config)
    day, cfg = STICHTAG, options.region_config
    summary = try_reuse(inputs, outputs, region, cfg, day, options.phases, options.pdf)
    if summary is None:
        paths, _ = discover_inputs(inputs, region.ignored_folders)
        start_workers(expected_steps(options, region, len(paths))["document"])
        summary = pipeline.run(options, parallel)
    return {
        "seconds": time.perf_counter() - start,
        "documents": len(summary.documents),
        "failed_documents": len(summary.failed_documents),
        "run_error": summary.error,
        "exit_code": summary.exit_code,
    }
