"""``python -m benchmarks``: the pipeline at N municipalities against the naive stack.

For each N (default 6, 100, 1000), on the same generated files, each measurement in a
fresh process: the readers side by side (naive pandas/openpyxl, calamine floor, ours);
the pipeline's stages called directly (rendering on 2 processes, profiles also on 1);
the core's ``pipeline.run`` and the Prefect flow (cold, then unchanged with cache).
Prints the tables and writes them to ``benchmarks/RESULTS.md`` (``--out``).

A time budget (``--budget-min``) keeps a full run bounded: further repetitions of a
measurement are skipped when the pace says they would not fit, and at a size where the
whole runs would not fit they run restricted to one phase document (said in the table).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks import machine
from benchmarks.corpus import DATA_DIR, corpus
from benchmarks.procs import run_worker
from benchmarks.report import figures
from benchmarks.tables import baseline_table, stage_table, target_table

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
NOTES_MARK = "<!-- closing note: written by hand, kept when the tables are regenerated -->"
RESTRICTED_PHASES = [3]  # the smallest document: a run that is all orchestration and reading


def _args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    p.add_argument("--sizes", default="6,100,1000", help="comma-separated N (municipalities)")
    p.add_argument("--repeat", type=int, default=3, help="repetitions per measurement (≥ 3)")
    p.add_argument(
        "--profile", choices=("normal", "large"), default="normal", help="large: 10× rows"
    )
    p.add_argument(
        "--sample",
        type=int,
        default=100,
        help="documents/files per kind rendered or read by the slow baselines; the rest is scaled",
    )
    p.add_argument("--workers", type=int, default=2, help="render processes")
    p.add_argument("--budget-min", type=float, default=24.0, help="stop repeating when over this")
    p.add_argument("--flows", choices=("auto", "full", "restricted", "off"), default="auto")
    p.add_argument("--quick", action="store_true", help="1 repetition, small samples (smoke test)")
    p.add_argument("--out", type=Path, default=RESULTS, help="Markdown file to write")
    p.add_argument("--data-dir", type=Path, default=DATA_DIR, help="cache of generated inputs")
    a = p.parse_args(argv)
    if a.quick:
        a.repeat, a.sample = 1, min(a.sample, 10)
    return a


class Budget:
    """Seconds left of the run's budget and whether another step of a given cost fits."""

    def __init__(self, minutes: float) -> None:
        self.start, self.total = time.monotonic(), minutes * 60

    @property
    def left(self) -> float:
        return self.total - (time.monotonic() - self.start)

    def fits(self, seconds: float) -> bool:
        return seconds < self.left


def _flow_scope(mode: str, estimate: float, budget: Budget, later: float) -> str | None:
    """'full', 'restricted' or None, for whole runs (core + 2 flow runs) estimated at ``estimate``."""
    if mode == "off":
        return None
    if mode in ("full", "restricted"):
        return mode
    return "full" if budget.fits(2.5 * estimate + later) else "restricted"


def _measure_size(n: int, a: argparse.Namespace, budget: Budget, later: float) -> dict[str, Any]:
    c = corpus(n, a.profile, a.data_dir)
    size: dict[str, Any] = {
        "corpus": {
            "workbooks": len(c.workbooks()),
            "mb": c.megabytes(),
            "generated_s": c.generated_s,
        }
    }
    root = str(c.root)
    print(f"N = {n}: readers …", flush=True)
    size["readers"] = run_worker("readers", {"root": root, "repeat": a.repeat, "sample": a.sample})
    size["stages"] = []
    for i in range(a.repeat):
        args = {"root": root, "workers": a.workers, "sample": a.sample, "compare": True}
        done = size["stages"]
        if done and "wall_s" in done[-1] and not budget.fits(done[-1]["wall_s"] + later):
            size["stages_note"] = f"{len(done)} of {a.repeat} repetitions (time budget)"
            break
        print(f"N = {n}: stages, run {i + 1} …", flush=True)
        done.append(run_worker("stages", args))
    est = _sequential_estimate(size)
    scope = _flow_scope(a.flows, est, budget, later)
    if scope:
        phases = [] if scope == "full" else RESTRICTED_PHASES
        size["flow_scope"] = "all documents" if scope == "full" else f"phase {phases[0]} only"
        print(f"N = {n}: core pipeline.run and Prefect flow ({size['flow_scope']}) …", flush=True)
        size["core"] = run_worker("core", {"root": root, "phases": phases})
        size["prefect"] = run_worker("prefect", {"root": root, "phases": phases})
    return size


def _sequential_estimate(size: dict[str, Any]) -> float:
    """Seconds a 1-process whole run would take, from the staged figures."""
    f = figures(size)
    return (f["naive_stack"] or 0.0) or (f["total"] or 0.0) * 2


def _write(a: argparse.Namespace, sizes: dict[int, dict[str, Any]], meta: dict[str, Any]) -> str:
    out = [
        "# Benchmark results",
        "",
        f"Produced by `.venv/bin/python -m benchmarks {meta['argv']}` on {meta['started']} ({meta['minutes']:.1f} min).",
        "",
    ]
    out += ["## Machine", "", *machine.describe()]
    out.append(
        f"- Load average before/after: {meta['load_before']:.1f} / {meta['load_after']:.1f} on {os.cpu_count()} cores"
        + (
            " — other processes were running (noisy; absolute times ±30 %, ratios are side by side)"
            if max(meta["load_before"], meta["load_after"]) > 1.5
            else ""
        )
    )
    if meta["busy"]:
        out.append(f"- Busiest other processes at the start: {', '.join(meta['busy'])}")
    out += ["", "## Targets", "", *target_table(sizes), ""]
    for n in sorted(sizes):
        size = sizes[n]
        cp = size["corpus"]
        out += [
            f"## N = {n} ({cp['workbooks']} workbooks, {cp['mb']:.1f} MB, profile {a.profile})",
            "",
        ]
        out += [*stage_table(n, size), ""]
        if size.get("stages_note"):
            out += [f"Stages: {size['stages_note']}.", ""]
        out += [*baseline_table(n, size), ""]
    return "\n".join(out) + "\n"


def _kept_notes(path: Path) -> str:
    """The hand-written closing note of an earlier RESULTS.md (from its marker on), if any."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    return "\n" + old[old.index(NOTES_MARK) :] if NOTES_MARK in old else ""


def main(argv: list[str] | None = None) -> None:
    a = _args(argv)
    budget = Budget(a.budget_min)
    os.environ.setdefault("PARTHE_CODE_VERSION", "benchmark")  # the cache must not see edits
    ns = sorted(int(s) for s in a.sizes.split(","))
    meta: dict[str, Any] = {
        "argv": " ".join(sys.argv[1:] if argv is None else argv),
        "started": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "load_before": machine.load()[0],
        "busy": machine.busy_processes(),
    }
    for n in ns:  # generate first: the budget is for measuring
        corpus(n, a.profile, a.data_dir)
    sizes: dict[int, dict[str, Any]] = {}
    for i, n in enumerate(ns):
        later = 0.0 if i == len(ns) - 1 else 60.0 * len(ns[i + 1 :])
        sizes[n] = _measure_size(n, a, budget, later)
    meta["load_after"] = machine.load()[0]
    meta["minutes"] = (time.monotonic() - budget.start) / 60
    text = _write(a, sizes, meta)
    print(text)
    a.out.write_text(text + _kept_notes(a.out), encoding="utf-8")
    (a.data_dir / "last-run.json").write_text(json.dumps(sizes, indent=1, default=str))


if __name__ == "__main__":
    main()
