"""Reading in a worker process: a native abort, out-of-memory or hang costs one workbook."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from parthe_reports.errors import WorkbookError
from parthe_reports.isolate import ReaderPool, idle_pids
from parthe_reports.limits import DEFAULT_LIMITS, ReadLimits
from tests import hostile_files as hf

# Bounds switched off, so only the worker's own limits stand between calamine and 52 GB.
NO_BOUNDS = replace(
    DEFAULT_LIMITS,
    max_columns=10**6,
    max_cells_per_sheet=10**12,
    max_cells_per_workbook=10**12,
    reader_memory_mb=1024,
)


@pytest.fixture
def pool() -> Iterator[ReaderPool]:
    p = ReaderPool(size=1)
    yield p
    p.close()


def _message(pool: ReaderPool, path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> str:
    with pytest.raises(WorkbookError) as info:
        pool.read(path, limits)
    return info.value.finding.message


def test_native_abort_costs_only_that_workbook(tmp_path: Path, pool: ReaderPool) -> None:
    """It turns calamine's abort on a 52 GB allocation into a Fehler, then reads the next file."""
    far = hf.xlsx(tmp_path / "far.xlsx", ["A1", "XFD100000"])
    message = _message(pool, far, NO_BOUNDS)
    assert "Speichergrenze von 1.024 MB" in message and "Error" not in message
    ok = hf.xlsx(tmp_path / "ok.xlsx", ["A1"])
    assert pool.read(ok, NO_BOUNDS).sheets["Maßnahmen"].rows == [["x"]]


def test_bounded_reading_refuses_it_before_the_worker_allocates(
    tmp_path: Path, pool: ReaderPool
) -> None:
    """It gets the precise bounds Fehler (not the memory one) with the default limits."""
    far = hf.xlsx(tmp_path / "far.xlsx", ["A1", "XFD100000"])
    assert "Zellen im belegten Bereich" in _message(pool, far)


def test_hang_times_out_and_the_worker_is_replaced(tmp_path: Path, pool: ReaderPool) -> None:
    """It gives up on a file that never delivers (a FIFO) after the timeout; the next read works."""
    fifo = tmp_path / "haengt.xlsx"
    os.mkfifo(fifo)
    t = time.perf_counter()
    message = _message(pool, fifo, replace(DEFAULT_LIMITS, read_timeout_s=1))
    assert message.startswith("Das Lesen hat länger als 1 Sekunde gedauert")
    assert time.perf_counter() - t < 15
    assert pool.read(hf.xlsx(tmp_path / "ok.xlsx", ["A1"]), DEFAULT_LIMITS).sheets


def test_killed_worker_is_a_finding(tmp_path: Path, pool: ReaderPool) -> None:
    """It reports a worker killed mid-read (as the OOM killer would) as this file's Fehler."""
    fifo = tmp_path / "haengt.xlsx"
    os.mkfifo(fifo)
    errors: list[str] = []

    def read() -> None:
        try:
            pool.read(fifo, DEFAULT_LIMITS)
        except WorkbookError as exc:
            errors.append(exc.finding.message)

    thread = threading.Thread(target=read)
    thread.start()
    deadline = time.time() + 30
    while not pool.busy and time.time() < deadline:
        time.sleep(0.05)
    time.sleep(1)  # the worker is up and blocked on the FIFO
    (pid,) = pool.busy
    os.kill(pid, signal.SIGKILL)
    thread.join(30)
    assert errors and "Speichergrenze" in errors[0]


def test_workers_are_reused(tmp_path: Path, pool: ReaderPool) -> None:
    """It reads several workbooks with one worker process (started once)."""
    pool.read(hf.xlsx(tmp_path / "first.xlsx", ["A1"]), DEFAULT_LIMITS)
    first = idle_pids(pool)
    for i in range(3):
        pool.read(hf.xlsx(tmp_path / f"{i}.xlsx", ["A1"]), DEFAULT_LIMITS)
    assert idle_pids(pool) == first and len(first) == 1
