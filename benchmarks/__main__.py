"""``python -m benchmarks``: the command users run, at N municipalities, against the targets.

For each N (default 6, 100, 1000; N = 6 is the example data of ``inputs/``, larger N are
synthetic regions with their ``region.toml`` beside the workbooks), each in a fresh process:

* headline: ``parthe-reports run`` as a subprocess, cold (fresh PREFECT_HOME, empty cache,
  new outputs folder) and warm (unchanged re-run), every document and output; beside it
  the core sequence without Prefect (``pipeline.run`` on the same worker processes), cold
  and warm. Wall and CPU seconds of the whole process tree, its peak RSS/PSS (sampled
  from /proc);
* ``validate`` of one workbook, in process after warm-up and as a command;
* profile: the readers side by side (naive pandas/openpyxl, calamine floor, ours) and the
  pipeline's stages called directly (documents of a kind beyond ``--sample`` are scaled
  from a sample: those figures are estimates and never carry a ✓).

Prints the tables and writes them to ``benchmarks/RESULTS.md`` (``--out``); the raw
figures go to ``<data-dir>/last-run.json``, from which ``--report-only`` rewrites the
Markdown. A time budget (``--budget-min``) bounds the profile's repetitions only.
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

from benchmarks import machine, validate_one
from benchmarks.corpus import DATA_DIR, corpus_for
from benchmarks.headline import bound_by, command_table, headline_table
from benchmarks.procs import run_worker
from benchmarks.runs import run_command, run_core_pair
from benchmarks.tables import baseline_table, stage_table, target_table

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
NOTES_MARK = "<!-- closing note: written by hand, kept when the tables are regenerated -->"


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
    p.add_argument("--budget-min", type=float, default=40.0, help="stop repeating when over this")
    p.add_argument("--no-profile", action="store_true", help="only the command and the core")
    p.add_argument("--no-command", action="store_true", help="only the profile (readers, stages)")
    p.add_argument("--note", default="", help="a line under the title (e.g. why preliminary)")
    p.add_argument("--report-only", action="store_true", help="rewrite --out from last-run.json")
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


def _measure_size(n: int, a: argparse.Namespace, budget: Budget, later: float) -> dict[str, Any]:
    c = corpus_for(n, a.profile, a.data_dir)
    size: dict[str, Any] = {
        "corpus": {
            "workbooks": len(c.workbooks()),
            "mb": c.megabytes(),
            "generated_s": c.generated_s,
            "example": c.profile == "example",
        }
    }
    if not a.no_command:
        print(f"N = {n}: parthe-reports run, cold and warm …", flush=True)
        size["command"] = run_command(c.inputs)
        print(f"N = {n}: core sequence (pipeline.run), cold and warm …", flush=True)
        size["core"] = run_core_pair(c.inputs)
    if not a.no_profile:
        _profile(size, str(c.root), n, a, budget, later)
    return size


def _profile(
    size: dict[str, Any], root: str, n: int, a: argparse.Namespace, budget: Budget, later: float
) -> None:
    """The staged breakdown (where the time goes) and the readers side by side."""
    print(f"N = {n}: profile: readers …", flush=True)
    size["readers"] = run_worker("readers", {"root": root, "repeat": a.repeat, "sample": a.sample})
    size["stages"] = []
    for i in range(a.repeat):
        args = {"root": root, "workers": a.workers, "sample": a.sample, "compare": True}
        done = size["stages"]
        if done and "wall_s" in done[-1] and not budget.fits(done[-1]["wall_s"] + later):
            size["stages_note"] = f"{len(done)} of {a.repeat} repetitions (time budget)"
            break
        print(f"N = {n}: profile: stages, run {i + 1} …", flush=True)
        done.append(run_worker("stages", args))


def _write(a: argparse.Namespace, data: dict[str, Any]) -> str:
    sizes: dict[int, dict[str, Any]] = {int(k): v for k, v in data["sizes"].items()}
    meta = data["meta"]
    out = [
        "# Benchmark results",
        "",
        f"Produced by `.venv/bin/python -m benchmarks {meta['argv']}` on {meta['started']} ({meta['minutes']:.1f} min).",
        "",
    ]
    if meta.get("note"):
        out += [f"**{meta['note']}**", ""]
    out += ["## Machine", "", *meta["machine"]]
    out.append(
        f"- Load average before/after: {meta['load_before']:.1f} / {meta['load_after']:.1f} on {meta['cores']} cores"
        + (
            " — other processes were running (noisy; absolute times ±30 %, ratios are side by side)"
            if max(meta["load_before"], meta["load_after"]) > 1.5
            else ""
        )
    )
    if meta["busy"]:
        out.append(f"- Busiest other processes at the start: {', '.join(meta['busy'])}")
    out += ["", "## Targets: the command users run (issue 17)", ""]
    out += [
        "Measured whole: every document rendered, every output written, nothing sampled. "
        "N = 6 is the example data (`inputs/`), larger N synthetic regions "
        "(`demo-data --municipalities N`). Overhead = command ÷ core sequence − 1, both "
        "whole processes started cold, in the same run.",
        "",
        *headline_table(sizes, data.get("validate") or {}),
        "",
    ]
    for n in sorted(sizes):
        if sizes[n].get("command") or sizes[n].get("core"):
            out += [*command_table(n, sizes[n]), ""]
    if any(sizes[n].get("stages") for n in sizes):
        out += ["## Profile: the stages called directly (where the time goes)", ""]
        out += [
            "Documents of a kind beyond the sample are rendered for an evenly spaced sample "
            "and scaled up: those figures are estimates (≈) and carry no ✓.",
            "",
            *target_table(sizes),
            "",
        ]
    for n in sorted(sizes):
        size = sizes[n]
        if not size.get("stages"):
            continue
        cp = size["corpus"]
        kind = "the example data" if cp.get("example") else f"profile {a.profile}"
        out += [f"### N = {n} ({cp['workbooks']} workbooks, {cp['mb']:.1f} MB, {kind})", ""]
        out += [*stage_table(n, size), ""]
        if size.get("stages_note"):
            out += [f"Stages: {size['stages_note']}.", ""]
        if bound_by(size):
            out += [f"Largest stages: {bound_by(size)}.", ""]
        out += [*baseline_table(n, size), ""]
    return "\n".join(out) + "\n"


def _kept_notes(path: Path) -> str:
    """The hand-written closing note of an earlier RESULTS.md (from its marker on), if any."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    return "\n" + old[old.index(NOTES_MARK) :] if NOTES_MARK in old else ""


def _measure(a: argparse.Namespace, argv: list[str] | None) -> dict[str, Any]:
    budget = Budget(a.budget_min)
    os.environ.setdefault("PARTHE_CODE_VERSION", "benchmark")  # the cache must not see edits
    ns = sorted(int(s) for s in a.sizes.split(","))
    load_before = machine.load()[0]
    meta: dict[str, Any] = {
        "argv": " ".join(sys.argv[1:] if argv is None else argv),
        "started": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "load_before": load_before,
        "busy": machine.busy_processes(),
        "machine": machine.describe(),
        "cores": os.cpu_count(),
        "note": a.note,
    }
    for n in ns:  # generate first: the budget is for measuring
        corpus_for(n, a.profile, a.data_dir)
    sizes: dict[int, dict[str, Any]] = {}
    for i, n in enumerate(ns):
        later = 0.0 if i == len(ns) - 1 else 60.0 * len(ns[i + 1 :])
        sizes[n] = _measure_size(n, a, budget, later)
    validate: dict[str, Any] = {}
    if not a.no_command:
        print("validate of one workbook …", flush=True)
        validate = validate_one.measure()
    meta["load_after"] = machine.load()[0]
    meta["minutes"] = (time.monotonic() - budget.start) / 60
    return {"meta": meta, "sizes": sizes, "validate": validate}


def main(argv: list[str] | None = None) -> None:
    a = _args(argv)
    raw = a.data_dir / "last-run.json"
    if a.report_only:
        data = json.loads(raw.read_text(encoding="utf-8"))
    else:
        data = _measure(a, argv)
        raw.parent.mkdir(parents=True, exist_ok=True)
        raw.write_text(json.dumps(data, indent=1, default=str), encoding="utf-8")
    text = _write(a, data)
    print(text)
    a.out.write_text(text + _kept_notes(a.out), encoding="utf-8")


if __name__ == "__main__":
    main()
