"""Measurements run in a fresh Python process each, with the memory of its process tree.

A fresh process per measurement gives every repetition the same start (no warm
caches of the previous one) and a peak memory of its own: the parent samples the
resident memory (RSS and PSS: shared pages counted once) of the worker and all its
children from /proc every 100 ms. ``ru_maxrss`` of the worker and of its largest child
is reported too (Linux, KiB), as a cross-check that needs no sampling. CPU seconds of the
whole tree come from ``wait4`` (``measure_process``), so CPU ÷ wall says how many cores a
command kept busy.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
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


def measure_process(
    cmd: list[str], env: dict[str, str] | None = None, timeout: float | None = None
) -> dict[str, Any]:
    """Run ``cmd`` to its end: wall seconds, CPU seconds of its tree, peak memory, output.

    CPU seconds come from ``wait4``: user + system time of the process and of every
    descendant it waited for (worker pools are joined, so their time is in it).
    """
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=out, stderr=err, text=True, env=env)
        sampler = TreeSampler(proc.pid)
        sampler.start()
        try:
            status, usage = _wait4(proc.pid, timeout)
        finally:
            sampler.stop()
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status) if status is not None else -9
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    return {
        "wall_s": wall,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "returncode": proc.returncode,
        "memory": {"tree_peak_rss": sampler.peak_rss, "tree_peak_pss": sampler.peak_pss},
        "stdout": stdout,
        "stderr": stderr,
    }


def _wait4(pid: int, timeout: float | None) -> tuple[int | None, Any]:
    """``os.wait4`` with a timeout (status None: killed because it ran longer)."""
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG if deadline else 0)
        if done:
            return status, usage
        if deadline and time.monotonic() > deadline:
            os.kill(pid, 9)
            return None, os.wait4(pid, 0)[2]
        time.sleep(0.05)


def run_worker(kind: str, args: dict[str, Any], timeout: float | None = None) -> dict[str, Any]:
    """Run ``benchmarks.worker kind`` in a new process; its result plus memory, wall and CPU time."""
    cmd = [sys.executable, "-m", "benchmarks.worker", kind, json.dumps(args)]
    proc = measure_process(cmd, dict(os.environ), timeout)
    lines = [ln for ln in proc["stdout"].splitlines() if ln.startswith(MARK)]
    if proc["returncode"] != 0 or not lines:
        tail = proc["stderr"].strip().splitlines()[-1:] or [""]
        return {
            "error": f"worker {kind} exited with {proc['returncode']}: {tail[0][:200]}",
            "wall_s": proc["wall_s"],
        }
    result = json.loads(lines[-1][len(MARK) :])
    result["memory"] = result.get("memory", {}) | proc["memory"]
    result["wall_s"], result["cpu_s"] = proc["wall_s"], proc["cpu_s"]
    return dict(result)
