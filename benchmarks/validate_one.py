"""``validate`` of one workbook: what an upload portal waits for, and the command.

In process: a fresh worker imports the core, checks the workbook once (warm-up: imports,
first-use caches), then times ``repeat`` further checks of it — the same reading step
``validate`` and ``run`` use (read, cell checks, cross-workbook and plausibility checks).
As a command: ``parthe-reports validate --inputs DIR`` on a folder holding only that
workbook, from process start to exit, with the project's region.
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.procs import measure_process, run_worker
from benchmarks.runs import command
from benchmarks.stages import STICHTAG
from parthe_reports.paths import INPUTS

WORKBOOK = INPUTS / "kommunen" / "GRP.xlsx"  # one municipality's example workbook


def check_in_process(path: Path, repeat: int) -> dict[str, Any]:
    """Seconds of the first check (warm-up) and the median of ``repeat`` more (a worker)."""
    from parthe_reports.pipeline.sequence import read_books
    from parthe_reports.region import load_region

    region = load_region()
    times = []
    for _ in range(repeat + 1):
        start = time.perf_counter()
        books, unreadable = read_books([path], {}, region, STICHTAG, "")
        times.append(time.perf_counter() - start)
    assert books and not unreadable, "the workbook was not read"
    return {
        "first_s": times[0],
        "seconds": statistics.median(times[1:]),
        "runs": times[1:],
        "findings": len(books[0].findings),
    }


def measure(repeat: int = 5, path: Path = WORKBOOK) -> dict[str, Any]:
    """Both figures for one workbook: in process after warm-up, and as a command."""
    result: dict[str, Any] = {"workbook": path.name}
    result["in_process"] = run_worker("validate", {"path": str(path), "repeat": repeat})
    folder = Path(tempfile.mkdtemp(prefix="bench-validate-"))
    try:
        (folder / "kommunen").mkdir()
        shutil.copy2(path, folder / "kommunen" / path.name)
        cmd = [*command(), "validate", "--inputs", str(folder), "--stichtag", STICHTAG.isoformat()]
        runs = [measure_process(cmd) for _ in range(max(1, repeat // 2 + 1))]
        result["command"] = {
            "seconds": statistics.median(r["wall_s"] for r in runs),
            "runs": [r["wall_s"] for r in runs],
            "returncode": runs[-1]["returncode"],
        }
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return result
