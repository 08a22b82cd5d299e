"""Measurements run in a fresh Python process each, with the memory of its process tree.

A fresh process per measurement gives every repetition the same start (no warm
caches of the previous one) and a peak memory of its own: the parent samples the
resident memory (RSS and PSS: shared pages counted once) of the worker and all its
children from /proc every 100 ms. ``ru_maxrss`` of the worker and of its largest child
is reported too (Linux, KiB), as a cross-check that needs no sampling.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MARK = "BENCH-RESULT "


def _children(pid: int) -> list[int]:
    out: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return out


def _tree(pid: int) -> list[int]:
    todo, seen = [pid], []
    while todo:
        p = todo.pop()
        seen.append(p)
        todo += _children(p)
    return seen


def _memory(pid: int) -> tuple[int, int]:
    """(RSS, PSS) in bytes of one process; (0, 0) once it is gone."""
    rss = pss = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Rss:"):
                rss = int(line.split()[1]) * 1024
            elif line.startswith("Pss:"):
                pss = int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return rss, pss


class TreeSampler(threading.Thread):
    """Peak summed RSS/PSS of a process and its descendants, sampled every ``interval``."""

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_rss = self.peak_pss = 0
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            mem = [_memory(p) for p in _tree(self.pid)]
            self.peak_rss = max(self.peak_rss, sum(m[0] for m in mem))
            self.peak_pss = max(self.peak_pss, sum(m[1] for m in mem))
            self._halt.wait(self.interval)

    def stop(self) -> None:
        self._halt.set()
        self.join()


def run_worker(kind: str, args: dict[str, Any], timeout: float | None = None) -> dict[str, Any]:
    """Run ``benchmarks.worker kind`` in a new process; its result plus memory and wall time."""
    cmd = [sys.executable, "-m", "benchmarks.worker", kind, json.dumps(args)]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, text=True, env=os.environ)
    sampler = TreeSampler(proc.pid)
    sampler.start()
    try:
        stdout, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        return {"error": f"timeout after {timeout:.0f} s"}
    finally:
        sampler.stop()
    wall = time.perf_counter() - start
    lines = [ln for ln in stdout.splitlines() if ln.startswith(MARK)]
    if proc.returncode != 0 or not lines:
        return {"error": f"worker {kind} exited with {proc.returncode}", "wall_s": wall}
    result = json.loads(lines[-1][len(MARK) :])
    result["memory"] |= {"tree_peak_rss": sampler.peak_rss, "tree_peak_pss": sampler.peak_pss}
    result["wall_s"] = wall
    return dict(result)
