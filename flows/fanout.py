"""The run sequence's fan-out as Prefect tasks: caching by content, retries, batching.

Every stage has one batch task; a batch of one item is the single case. Caching is by
the items' keys (computed by the core from SHA-256 of the inputs plus all versions; see
``parthe_reports.pipeline.keys``); results live in Prefect's home
(``flows.settings.result_cache``), never in the shared outputs folder. A batch
with a failing item fails as a whole (so nothing failed is ever cached), but carries the
results of its other items, which the sequence still uses.

Under the thread runner the bodies of the CPU-bound stages (``pooled``) hand their items
to the core's worker processes (``parthe_reports.pipeline.pool``): the task threads wait,
both cores work. Items are taken from the sequence lazily and at most ``WINDOW`` tasks are
in flight, so document contexts are built as rendering proceeds, and a finished task's
results are dropped once the sequence has written them.
"""

from __future__ import annotations

import itertools
import logging
import queue
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from prefect import Task, task
from prefect.client.schemas.objects import TaskRun
from prefect.context import TaskRunContext
from prefect.filesystems import WritableFileSystem
from prefect.futures import PrefectFuture
from prefect.states import State

from parthe_reports.pipeline import Item, Outcome, Stage
from parthe_reports.pipeline.fanout import Items, pooled
from parthe_reports.pipeline.keys import cache_key
from parthe_reports.pipeline.pool import run_in_pool

log = logging.getLogger("flows.fanout")
T = TypeVar("T")
R = TypeVar("R")

# Above these counts items are batched: ≈ 2,000 task runs a minute make the server answer 503.
BATCH_ABOVE = {Stage.READ: 50, Stage.FEEDBACK: 50, Stage.RENDER: 100}
MAX_TASKS_PER_STAGE = 16
WINDOW = 8  # tasks in flight per stage: twice the thread runner's 4 threads
# Items per batch at most: with WINDOW, what a run holds at once (≈ 200 document contexts).
MAX_BATCH = 25
READ_RETRY_DELAYS = [1, 2, 4]  # s: a share's lock is usually gone within seconds


class BatchFailed(Exception):
    """Some items of a batch failed: their errors by position, and the others' results."""

    def __init__(self, results: list[Any], errors: dict[int, Exception]) -> None:
        super().__init__(results, errors)
        self.results = results
        self.errors = errors

    def __str__(self) -> str:
        return "; ".join(f"{type(e).__name__}: {e}" for e in self.errors.values())


def run_batch(
    fn: Callable[[T], R], items: list[T], key: str | None, pooled: bool = False
) -> list[R | None]:
    """``fn`` over every item (in the worker processes if ``pooled``); a failing item is
    kept as its error and the rest go on."""
    results: list[R | None] = []
    errors: dict[int, Exception] = {}
    for i, (value, error) in enumerate(run_in_pool(fn, items) if pooled else _here(fn, items)):
        results.append(value)
        if error is not None:
            errors[i] = error
    if errors:
        raise BatchFailed(results, errors)
    return results


def _here(fn: Callable[[T], R], items: list[T]) -> Iterator[tuple[R | None, Exception | None]]:
    for item in items:
        try:
            yield fn(item), None
        except Exception as exc:
            yield None, exc


def _key(context: TaskRunContext, parameters: dict[str, Any]) -> str | None:
    # None = do not cache (an input could not be hashed, e.g. a locked file).
    key = parameters.get("key")
    return str(key) if key else None


def _locked_file(task: Task[..., Any], task_run: TaskRun, state: State[Any]) -> bool:
    """Retry only when a file could not be opened (lock, share hiccup), never on content."""
    try:
        state.result()
    except BatchFailed as exc:
        return any(isinstance(e, OSError) for e in exc.errors.values())
    except OSError:
        return True
    except Exception:
        return False
    return False


_CACHED: dict[str, Any] = {"cache_key_fn": _key, "persist_result": True}


def _batch_task(name: str, **options: Any) -> Task[..., list[Any]]:
    return task(name=name, **options)(run_batch)


TASKS: dict[Stage, Task[..., list[Any]]] = {
    Stage.READ: _batch_task(
        "workbooks-lesen",
        retries=len(READ_RETRY_DELAYS),
        retry_delay_seconds=READ_RETRY_DELAYS,
        retry_condition_fn=_locked_file,
        **_CACHED,
    ),
    Stage.PREPARE: _batch_task("konsolidieren-planen", **_CACHED),
    Stage.RENDER: _batch_task("dokumente", **_CACHED),
    Stage.FEEDBACK: _batch_task("rueckmeldungen", **_CACHED),
    Stage.CONSOLIDATED: _batch_task("konsolidiert-xlsx", **_CACHED),
    # LibreOffice can hang on a broken document: a timeout inside (soffice is killed), one retry.
    Stage.PDF: _batch_task("pdf", retries=1, retry_delay_seconds=2),
}


def chunks(items: Iterable[T], count: int, parts: int) -> Iterator[list[T]]:
    """``count`` items in at most ``parts`` consecutive chunks of equal size (of at most
    ``MAX_BATCH``: more chunks then), taken lazily."""
    size = max(1, min(-(-count // parts), MAX_BATCH))
    source = iter(items)
    while chunk := list(itertools.islice(source, size)):
        yield chunk


@dataclass
class PrefectFanOut:
    """A ``FanOut`` on Prefect tasks; counts per stage how many ran, came cached or failed.
    ``pooled``: run the CPU-bound stages' items in worker processes (thread runner only;
    on Dask the tasks are in worker processes already)."""

    storage: WritableFileSystem | Path  # flows.settings.result_cache: signed, local
    pooled: bool = False
    counts: dict[str, dict[str, int]] = field(default_factory=dict)

    def __call__(
        self, stage: Stage, fn: Callable[[T], R], items: Items[T]
    ) -> Iterator[Outcome[T, R]]:
        runner = TASKS[stage].with_options(result_storage=self.storage)
        in_pool = self.pooled and pooled(stage, len(items))
        above = BATCH_ABOVE.get(stage)
        count = len(items)
        parts: Iterator[list[Item[T]]] = (
            ([i] for i in items)
            if above is None or count <= above
            else chunks(items, count, MAX_TASKS_PER_STAGE)
        )
        finished: queue.Queue[PrefectFuture[list[Any]]] = queue.Queue()
        pending: dict[PrefectFuture[list[Any]], list[Item[T]]] = {}
        exhausted = False
        while True:
            while not exhausted and len(pending) < WINDOW:
                part = next(parts, None)
                if part is None:
                    exhausted = True
                    break
                keys = [i.key for i in part]
                key = keys[0] if len(part) == 1 else cache_key(keys) if all(keys) else None
                future = runner.submit(fn, [i.value for i in part], key=key, pooled=in_pool)
                pending[future] = part
                future.add_done_callback(finished.put)
            if not pending:
                return
            future = finished.get()
            yield from self._outcomes(stage, future, pending.pop(future))

    def _outcomes(
        self, stage: Stage, future: PrefectFuture[list[Any]], part: list[Item[T]]
    ) -> Iterator[Outcome[T, R]]:
        future.wait()  # as_completed may hand over a future whose state is not final yet
        self._note(stage, future.state)
        errors: dict[int, Exception] = {}
        try:
            results = future.result()
        except BatchFailed as exc:
            results, errors = exc.results, exc.errors
        except Exception as exc:  # the task itself failed (crash, lost worker)
            results, errors = [None] * len(part), dict.fromkeys(range(len(part)), exc)
        for i, item in enumerate(part):
            yield Outcome(item, error=errors[i]) if i in errors else Outcome(item, results[i])

    def _note(self, stage: Stage, state: State[Any]) -> None:
        entry = self.counts.setdefault(stage.value, {"run": 0, "cached": 0, "failed": 0})
        outcome = "cached" if state.name == "Cached" else "failed" if state.is_failed() else "run"
        entry[outcome] += 1
