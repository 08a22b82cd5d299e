"""Prefect overhead and caching on the example data: `python -m benchmarks.bench_pipeline [N]`.

Each figure is the median of N runs (default 3), each in a fresh process, as a user runs it:
* core: ``parthe_reports.pipeline.run`` called directly, no Prefect;
* first: ``parthe-reports run`` with an empty cache (new outputs folder);
* second: ``parthe-reports run`` again on the same outputs folder (nothing changed);
* startup: a process that imports flows/Prefect, starts the local API and runs an empty flow;
* fresh home: one ``parthe-reports run`` with a brand-new PREFECT_HOME (database migration);
* in-process: first and second run inside one process (the cache alone, no start-up).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from parthe_reports.paths import ROOT

CORE = (
    "import sys; from pathlib import Path; from datetime import date; "
    "from parthe_reports import pipeline as p; "
    "p.run(p.RunOptions(outputs=Path(sys.argv[1]), stichtag=date(2026, 11, 25)))"
)
CLI = "from parthe_reports.cli import app; app()"
# Both runs in one process: the cache effect without the per-process Prefect start-up.
IN_PROCESS = (
    "import sys, time; from pathlib import Path; from datetime import date\n"
    "from flows.runner import run\n"
    "for _ in range(2):\n"
    "    t = time.perf_counter(); run(outputs=Path(sys.argv[1]), stichtag=date(2026, 11, 25))\n"
    "    print(time.perf_counter() - t)"
)
STARTUP = (
    "import flows; from flows.local_api import prefect_api; from prefect import flow\n"
    "@flow\ndef empty(): return 1\n"
    "with prefect_api(): empty()"
)


def _time(args: list[str], env: dict[str, str] | None = None) -> float:
    t = time.perf_counter()
    subprocess.run(args, cwd=ROOT, env=env, check=False, capture_output=True)
    return time.perf_counter() - t


def _cli_run(outputs: Path, env: dict[str, str] | None = None) -> float:
    args = [sys.executable, "-c", CLI, "run", "--outputs", str(outputs), "--stichtag", "2026-11-25"]
    return _time(args, env)


def main(n: int = 3) -> dict[str, float]:
    """Measure and print the figures; returns them (seconds, medians)."""
    # Pin the code version: on a tree being edited, a changed file would void the cache.
    os.environ.setdefault("PARTHE_CODE_VERSION", "bench")
    tmp = Path(tempfile.mkdtemp(prefix="bench-pipeline-"))
    core, first, second, startup, in_first, in_second = [], [], [], [], [], []
    for i in range(n):
        core.append(_time([sys.executable, "-c", CORE, str(tmp / f"core{i}")]))
        first.append(_cli_run(tmp / f"run{i}"))
        second.append(_cli_run(tmp / f"run{i}"))
        startup.append(_time([sys.executable, "-c", STARTUP]))
        proc = subprocess.run(
            [sys.executable, "-c", IN_PROCESS, str(tmp / f"inproc{i}")],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        a, b = (float(x) for x in proc.stdout.split()[-2:])
        in_first.append(a)
        in_second.append(b)
    fresh_env = {**os.environ, "PREFECT_HOME": str(tmp / "fresh-home")}
    fresh = _cli_run(tmp / "fresh", fresh_env)
    med = {
        "core_no_prefect_s": statistics.median(core),
        "prefect_first_run_s": statistics.median(first),
        "prefect_second_run_s": statistics.median(second),
        "prefect_startup_empty_flow_s": statistics.median(startup),
        "prefect_fresh_home_first_run_s": fresh,
        "in_process_first_s": statistics.median(in_first),
        "in_process_second_s": statistics.median(in_second),
    }
    med["first_over_core"] = med["prefect_first_run_s"] / med["core_no_prefect_s"]
    med["first_over_second"] = med["prefect_first_run_s"] / med["prefect_second_run_s"]
    med["in_process_first_over_second"] = med["in_process_first_s"] / med["in_process_second_s"]
    for k, v in med.items():
        print(f"{k:<34} {v:6.2f}")
    return med


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
