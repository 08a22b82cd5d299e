"""Hardening of run folders: the pointer under concurrent finishes, dead runs, heartbeats."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from parthe_reports import runs

T0 = datetime(2026, 11, 25, 14, 30, 12)
TRIALS, WORKERS = 300, 3


def _finisher(outputs: str, index: int, barrier: Any, trials: int) -> None:
    """Per trial: wait for the others, then finish this worker's run of the trial."""
    for t in range(trials):
        barrier.wait()
        runs.finish_run(Path(outputs) / f"t{t:03d}" / f"run{index}", ok=True)
        barrier.wait()


def _pointers(outputs: Path) -> tuple[str, str]:
    return os.readlink(outputs / runs.POINTER), (outputs / runs.POINTER_TEXT).read_text().strip()


def test_pointer_stress_newest_wins_and_both_agree(tmp_path: Path) -> None:
    """It leaves aktuell and LATEST.txt both on the newest run after 300 of 300 concurrent
    finishes of three processes, whatever order they finish in."""
    rng = random.Random(18)
    expected = []
    for t in range(TRIALS):
        trial = tmp_path / f"t{t:03d}"
        trial.mkdir()
        order = rng.sample(range(WORKERS), WORKERS)  # which worker gets the newest start
        for rank, index in enumerate(order):
            folder = runs.create_run_folder(trial, T0 + timedelta(seconds=rank))
            folder.rename(trial / f"run{index}")
        expected.append(f"run{order[-1]}")
    ctx = multiprocessing.get_context("fork")
    barrier = ctx.Barrier(WORKERS + 1)
    procs = [
        ctx.Process(target=_finisher, args=(str(tmp_path), i, barrier, TRIALS))
        for i in range(WORKERS)
    ]
    for p in procs:
        p.start()
    results = []
    for t in range(TRIALS):
        barrier.wait()  # go
        barrier.wait()  # all three finished
        results.append(_pointers(tmp_path / f"t{t:03d}"))
    for p in procs:
        p.join(30)
    assert [p.exitcode for p in procs] == [0] * WORKERS
    good = sum(link == text == want for (link, text), want in zip(results, expected, strict=True))
    assert good == TRIALS


def test_start_time_not_the_name_orders_runs(tmp_path: Path) -> None:
    """It keeps the pointer on the newer run when an older one finishes after it, even if
    the older run's folder name sorts later (the recorded start time decides)."""
    newer = runs.create_run_folder(tmp_path, T0 + timedelta(hours=1))
    older = runs.create_run_folder(tmp_path, T0)
    older = older.rename(tmp_path / "zzz-later-name")
    runs.finish_run(newer, ok=True)
    runs.finish_run(older, ok=True)
    assert _pointers(tmp_path) == (newer.name, newer.name)


def test_disagreeing_pointers_are_reconciled(tmp_path: Path) -> None:
    """It makes both pointers name the newest run when an old version left them apart."""
    a = runs.create_run_folder(tmp_path, T0)
    b = runs.create_run_folder(tmp_path, T0 + timedelta(minutes=1))
    runs.finish_run(a, ok=True)
    runs.write_run_status(b, runs.STATUS_COMPLETE)
    (tmp_path / runs.POINTER_TEXT).write_text(b.name + "\n")  # symlink on a, text on b
    runs.update_latest_pointer(a)
    assert _pointers(tmp_path) == (b.name, b.name)


def test_a_run_records_pid_host_and_start(tmp_path: Path) -> None:
    """It writes the PID, host and start time in nanoseconds into run.json at creation."""
    folder = runs.create_run_folder(tmp_path)
    data = runs.read_run_json(folder)
    assert data is not None
    assert data["pid"] == os.getpid() and data["host"]
    assert abs(data["started_ns"] - time.time_ns()) < 60 * 10**9


def test_heartbeat_is_renewed_and_removed(tmp_path: Path) -> None:
    """It touches the heartbeat file while the block runs and removes it afterwards."""
    folder = runs.create_run_folder(tmp_path)
    beat = folder / runs.HEARTBEAT_FILE
    with runs.heartbeat(folder, every=0.05):
        first = beat.stat().st_mtime_ns
        time.sleep(0.3)
        assert beat.stat().st_mtime_ns > first
        assert runs.list_runs(tmp_path)[0].status == runs.STATUS_RUNNING
        runs.finish_run(folder, ok=True)
    assert not beat.exists()
    assert runs.list_runs(tmp_path)[0].status == runs.STATUS_COMPLETE
    assert beat not in runs.list_outputs(folder)


def test_interrupted_block_marks_the_run_aborted(tmp_path: Path) -> None:
    """It marks a run "aborted" with exit code 2 when a signal's exception leaves the block."""
    folder = runs.create_run_folder(tmp_path)
    with pytest.raises(KeyboardInterrupt), runs.heartbeat(folder, every=0.05):
        raise KeyboardInterrupt
    data = runs.read_run_json(folder)
    assert data is not None
    assert (data["status"], data["exit_code"]) == (runs.STATUS_ABORTED, 2)
    assert "Strg+C" in data["error"]


def test_a_finished_block_keeps_its_status(tmp_path: Path) -> None:
    """It leaves a run's own final status alone when the block ends normally."""
    folder = runs.create_run_folder(tmp_path)
    with runs.heartbeat(folder, every=0.05):
        runs.finish_run(folder, ok=False)
    assert runs.list_runs(tmp_path)[0].status == runs.STATUS_FAILED


_KILLED = """
import sys, time
from pathlib import Path
from parthe_reports import runs
folder = runs.create_run_folder(Path(sys.argv[1]))
with runs.heartbeat(folder, every=0.05):
    print(folder, flush=True)
    time.sleep(60)
"""


def test_a_killed_run_is_listed_as_aborted_and_pruned(tmp_path: Path) -> None:
    """It lists a run whose process was killed (SIGKILL) as aborted, and prunes it like a
    finished one; while the process lives it is running."""
    proc = subprocess.Popen(
        [sys.executable, "-c", _KILLED, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    folder = Path(proc.stdout.readline().strip())
    assert runs.list_runs(tmp_path)[0].status == runs.STATUS_RUNNING
    assert runs.prune_runs(tmp_path, keep=0) == []
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    assert runs.read_run_json(folder)["status"] == runs.STATUS_RUNNING  # nobody could write
    assert runs.list_runs(tmp_path)[0].status == runs.STATUS_ABORTED
    assert runs.prune_runs(tmp_path, keep=0) == [folder]


def test_stale_heartbeat_of_another_host_is_aborted(tmp_path: Path) -> None:
    """It trusts another host's run while its heartbeat is fresh (an hour: share clocks skew)
    and calls it aborted after that."""
    folder = runs.create_run_folder(tmp_path)
    runs.write_run_status(folder, runs.STATUS_RUNNING, host="anderer-rechner", pid=1)
    (folder / runs.HEARTBEAT_FILE).touch()
    assert runs.list_runs(tmp_path)[0].status == runs.STATUS_RUNNING
    skewed = time.time() - runs.STALE_AFTER_S - 5  # a share's clock may be minutes off
    os.utime(folder / runs.HEARTBEAT_FILE, (skewed, skewed))
    assert runs.list_runs(tmp_path)[0].status == runs.STATUS_RUNNING
    old = time.time() - runs.STALE_OTHER_HOST_S - 5
    os.utime(folder / runs.HEARTBEAT_FILE, (old, old))
    assert runs.list_runs(tmp_path)[0].status == runs.STATUS_ABORTED
