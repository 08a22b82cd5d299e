"""Each workbook is read in a worker process: a native abort, an out-of-memory or a hang costs
that workbook only (a Fehler), never the region's run.

``bounds.py`` already refuses every file whose size we can know in advance; this is the line
behind it, for what we cannot foresee (a reader bug, a crafted file we did not think of).
Workers are started once (``python -m parthe_reports.isolate <fd>``: a fresh interpreter, no
inherited threads or locks, and unlike multiprocessing's ``spawn`` it never re-imports the
caller's main module) and reused, so the cost
is one interpreter start per worker per run, not per workbook; each has an address-space
limit (``resource.setrlimit``) and each read a timeout (``ReadLimits``). The result comes
back over a pipe between our own processes (pickled by multiprocessing: no file, nothing a
user can swap).
"""

from __future__ import annotations

import atexit
import logging
import os
import resource
import socket
import subprocess
import sys
import threading
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from parthe_reports.errors import Finding, Severity, WorkbookError
from parthe_reports.german import number
from parthe_reports.ingest import RawWorkbook, read_workbook
from parthe_reports.limits import MB, ReadLimits

log = logging.getLogger(__name__)
MAX_WORKERS = max(1, min(4, os.cpu_count() or 1))


def _serve(conn: Connection, memory_bytes: int) -> None:
    """The worker's loop: read what is asked, send back the book or the finding."""
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    devnull = os.open(os.devnull, os.O_WRONLY)  # a native abort's backtrace is not for clerks
    os.dup2(devnull, 2)
    while True:
        try:
            path, limits = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply: tuple[str, Any] = ("ok", read_workbook(Path(path), limits))
        except WorkbookError as exc:
            reply = ("refused", exc.finding)
        except MemoryError:
            reply = ("memory", None)
        except Exception as exc:  # a bug: its name goes to the log, never into the message
            reply = ("error", type(exc).__name__)
        conn.send(reply)


class _Worker:
    def __init__(self, memory_bytes: int, name: str) -> None:
        self.memory_bytes, self.name = memory_bytes, name
        ours, theirs = socket.socketpair()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "parthe_reports.isolate",
                str(theirs.fileno()),
                str(memory_bytes),
            ],
            pass_fds=(theirs.fileno(),),
            stdin=subprocess.DEVNULL,
        )
        theirs.close()
        self.conn = Connection(ours.detach())

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def exitcode(self) -> int | None:
        try:
            return self.process.wait(5)
        except subprocess.TimeoutExpired:
            return None

    def stop(self) -> None:
        self.conn.close()
        if self.alive:
            self.process.kill()
        self.exitcode()


class ReaderPool:
    """Worker processes, started on demand up to ``size`` and kept for the next workbook."""

    def __init__(self, size: int = MAX_WORKERS, name: str = "parthe-reader") -> None:
        self.size, self.name = size, name
        self._idle: list[_Worker] = []
        self.busy: set[int] = set()  # process ids of workers reading right now
        self._started = 0
        self._cond = threading.Condition()

    def read(self, path: Path, limits: ReadLimits) -> RawWorkbook:
        """``read_workbook`` in a worker; raises ``WorkbookError`` for whatever went wrong."""
        worker = self._take(limits.reader_memory_mb * MB)
        healthy = False
        self.busy.add(worker.process.pid)
        try:
            worker.conn.send((str(path), limits))
            if not worker.conn.poll(limits.read_timeout_s):
                raise _failed(path, f"Das Lesen hat länger als {_seconds(limits.read_timeout_s)} "
                              "gedauert und wurde abgebrochen.")  # fmt: skip
            try:
                kind, value = worker.conn.recv()
            except (EOFError, OSError) as exc:
                raise _crashed(path, worker.exitcode(), limits) from exc
            healthy = True
        finally:
            self.busy.discard(worker.process.pid)
            self._give(worker, healthy)
        return _unpack(path, kind, value, limits)

    def close(self) -> None:
        with self._cond:
            for worker in self._idle:
                worker.stop()
            self._idle.clear()
            self._started = 0

    def _take(self, memory_bytes: int) -> _Worker:
        with self._cond:
            while True:
                for i, w in enumerate(self._idle):
                    if w.memory_bytes == memory_bytes and w.alive:
                        return self._idle.pop(i)
                if self._idle and self._started >= self.size:  # other limit or dead: replace
                    self._idle.pop().stop()
                    self._started -= 1
                if self._started < self.size:
                    self._started += 1
                    break
                self._cond.wait()
        try:
            return _Worker(memory_bytes, self.name)
        except BaseException:
            with self._cond:
                self._started -= 1
                self._cond.notify()
            raise

    def _give(self, worker: _Worker, healthy: bool) -> None:
        with self._cond:
            if healthy:
                self._idle.append(worker)
            else:
                worker.stop()
                self._started -= 1
            self._cond.notify()


def _unpack(path: Path, kind: str, value: Any, limits: ReadLimits) -> RawWorkbook:
    if kind == "ok":
        return value
    if kind == "refused":
        raise WorkbookError(value)
    if kind == "memory":
        raise _out_of_memory(path, limits)
    log.error("%s: interner Fehler %s beim Lesen", path.name, value)
    raise _failed(path, "Die Datei konnte wegen eines internen Fehlers nicht gelesen werden. "
                  "Bitte an das Projektbüro melden.")  # fmt: skip


def _seconds(n: int) -> str:
    return "1 Sekunde" if n == 1 else f"{number(n)} Sekunden"


def _failed(path: Path, message: str) -> WorkbookError:
    return WorkbookError(Finding("unreadable", Severity.ERROR, message, path.name))


def _out_of_memory(path: Path, limits: ReadLimits) -> WorkbookError:
    return _failed(path, "Beim Lesen wurde die Speichergrenze von "
                   f"{number(limits.reader_memory_mb)} MB erreicht; die Datei wird nicht gelesen. Bitte prüfen, ob sie unnötig große "
                   "Bereiche enthält (z. B. bis zur letzten Zeile formatierte Spalten).")  # fmt: skip


def _crashed(path: Path, exitcode: int | None, limits: ReadLimits) -> WorkbookError:
    if exitcode is not None and exitcode < 0 and -exitcode in (6, 9):  # abort / killed: memory
        return _out_of_memory(path, limits)
    return _failed(path, "Das Leseprogramm ist an dieser Datei abgestürzt; sie wird nicht gelesen. "
                   "Bitte in Excel oder LibreOffice öffnen, neu speichern und erneut ablegen.")  # fmt: skip


POOL = ReaderPool()
atexit.register(POOL.close)


def read_isolated(path: Path, limits: ReadLimits) -> RawWorkbook:
    """Read one workbook in the shared pool (see the module's docstring)."""
    return POOL.read(path, limits)


def idle_pids(pool: ReaderPool = POOL) -> list[int]:
    """The pool's idle workers' process ids (for tests and diagnostics)."""
    with pool._cond:
        return [w.process.pid for w in pool._idle]


if __name__ == "__main__":  # the worker: python -m parthe_reports.isolate <fd> <memory bytes>
    _serve(Connection(int(sys.argv[1])), int(sys.argv[2]))
