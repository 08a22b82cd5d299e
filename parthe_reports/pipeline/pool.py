"""Worker processes for the run's CPU-bound steps: both cores, whoever hands out the work.

python-docx parses with one module-level lxml parser that must not be shared by threads
(``render.engine.RENDER_LOCK``), and validation is Python holding the GIL: under threads a
run uses one core. The pool is a ``ProcessPoolExecutor`` of fresh interpreters (``spawn``:
no inherited threads or locks of Prefect's API thread), started on first use and reused
by every later run of the process. Each item comes back as its value or its error; a
worker that dies (native abort, OOM kill) breaks the executor, so the pool replaces it and
tries each item lost with it once more, alone and one after the other: only an item that
kills a worker twice fails — with an error for that item, never for the run.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# One worker per core: the parent keeps orchestrating (Prefect, planning, writing) beside.
SIZE = max(1, min(4, os.cpu_count() or 1))
PRELOAD = ("parthe_reports.pipeline.work",)
_CONTEXT = multiprocessing.get_context("spawn")


def _warm() -> None:
    # In each new worker: import the modules of the pooled steps once, before the first item.
    import importlib

    for name in PRELOAD:
        importlib.import_module(name)


class WorkerPool:
    """A lazily started, replaceable process pool; thread-safe."""

    def __init__(self, size: int = SIZE) -> None:
        self.size = size
        self._lock = threading.Lock()
        self._executor: ProcessPoolExecutor | None = None
        self._retries: queue.Queue[tuple[Callable[[Any], Any], Any, Future[Any]]] = queue.Queue()
        self._retry_thread: threading.Thread | None = None
        self._closed = False  # after close(): no new workers (a run's threads may still submit)

    @property
    def running(self) -> bool:
        """True while the workers exist (started and not closed or broken)."""
        return self._executor is not None

    def start(self) -> None:
        """Start every worker now (they import while the parent starts Prefect and reads):
        the executor spawns a worker per waiting call."""
        executor = self._current()
        for _ in range(self.size):
            executor.submit(abs, 0)

    def _current(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._closed:
                # An interrupted run exits while its task threads still hand out items: a
                # new executor here would outlive the command (orphaned workers).
                raise RuntimeError("Worker-Prozesse bereits beendet")
            if self._executor is None:
                self._executor = ProcessPoolExecutor(self.size, _CONTEXT, initializer=_warm)
            return self._executor

    def _replace(self, broken: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._executor is broken:
                self._executor = None
        broken.shutdown(wait=False, cancel_futures=True)

    def submit(self, fn: Callable[[T], R], value: T) -> Future[R]:
        """``fn(value)`` in a worker; an item lost with a broken pool is tried once more."""
        outer: Future[R] = Future()
        executor = self._current()
        try:
            inner = executor.submit(fn, value)
        except BrokenProcessPool as exc:  # broken by another item meanwhile
            inner = Future()
            inner.set_exception(exc)
        inner.add_done_callback(lambda f: self._settle(f, outer, executor, fn, value))
        return outer

    def _settle(
        self,
        inner: Future[R],
        outer: Future[R],
        executor: ProcessPoolExecutor,
        fn: Callable[[T], R],
        value: T,
    ) -> None:
        error = inner.exception()
        if isinstance(error, BrokenProcessPool):
            self._replace(executor)
            self._retry(fn, value, outer)
        elif error is None:
            outer.set_result(inner.result())
        else:
            outer.set_exception(error)

    def _retry(self, fn: Callable[[Any], Any], value: Any, outer: Future[Any]) -> None:
        # Every item in flight when a worker died is lost with it, innocent or not: each is
        # tried again alone, one after the other, so only the culprit fails a second time.
        with self._lock:
            if self._retry_thread is None:
                self._retry_thread = threading.Thread(
                    target=self._retry_loop, name="parthe-pool-retry", daemon=True
                )
                self._retry_thread.start()
        self._retries.put((fn, value, outer))

    def _retry_loop(self) -> None:
        executor: ProcessPoolExecutor | None = None
        while True:
            fn, value, outer = self._retries.get()
            if executor is None:
                executor = ProcessPoolExecutor(1, _CONTEXT, initializer=_warm)
            try:
                outer.set_result(executor.submit(fn, value).result())
            except BrokenProcessPool as exc:
                outer.set_exception(exc)
                executor.shutdown(wait=False, cancel_futures=True)
                executor = None
            except Exception as exc:
                outer.set_exception(exc)

    def run(
        self, fn: Callable[[T], R], values: Iterable[T], window: int | None = None
    ) -> Iterator[tuple[int, R | None, Exception | None]]:
        """``fn`` over ``values`` in the workers, at most ``window`` at a time (values are
        taken from the iterable only as room frees up); yields (index, value, error) as
        each finishes."""
        window = window or 2 * self.size
        pending: dict[Future[R], int] = {}
        source = enumerate(values)
        exhausted = False
        while True:
            while not exhausted and len(pending) < window:
                nxt = next(source, None)
                if nxt is None:
                    exhausted = True
                else:
                    pending[self.submit(fn, nxt[1])] = nxt[0]
            if not pending:
                return
            done, _ = wait(list(pending), return_when=FIRST_COMPLETED)
            for future in done:
                index = pending.pop(future)
                error = future.exception()
                if error is None:
                    yield index, future.result(), None
                else:
                    yield index, None, _as_exception(error)

    def close(self) -> None:
        with self._lock:
            executor, self._executor = self._executor, None
            self._closed = True
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)

    def terminate(self) -> None:
        """Stop every worker now, without waiting for its item (an interrupted command
        leaves at once; a worker left running would outlive it)."""
        with self._lock:
            executor, self._executor = self._executor, None
            self._closed = True
        if executor is None:
            return
        # The executor has no public way to stop its processes; _processes has been its
        # map of pid → Process since Python 3.2.
        for process in list(getattr(executor, "_processes", {}).values()):
            process.terminate()
        executor.shutdown(wait=False, cancel_futures=True)


def _as_exception(error: BaseException) -> Exception:
    return error if isinstance(error, Exception) else RuntimeError(repr(error))


_SHARED: WorkerPool | None = None
_SHARED_LOCK = threading.Lock()


def shared() -> WorkerPool:
    """The process's pool (created on first use, closed at exit)."""
    global _SHARED
    with _SHARED_LOCK:
        if _SHARED is None:
            _SHARED = WorkerPool()
            atexit.register(_SHARED.close)
        return _SHARED


def started() -> bool:
    """True when this process's worker pool is running (a large region's reading started it)."""
    pool = _SHARED
    return pool is not None and pool.running


def terminate_shared() -> None:
    """Stop the process's pool's workers at once, if it has any (an interrupted exit)."""
    with _SHARED_LOCK:
        pool = _SHARED
    if pool is not None:
        pool.terminate()


def run_in_pool(fn: Callable[[T], R], values: list[T]) -> list[tuple[R | None, Exception | None]]:
    """Every value through the shared pool; (value, error) per value, in order."""
    out: list[tuple[R | None, Exception | None]] = [(None, None)] * len(values)
    for index, value, error in shared().run(fn, values):
        out[index] = (value, error)
    return out
