"""How the run sequence hands out work: a fan-out maps a function over items.

The sequence never knows who runs the work. ``sequential`` runs it here, one item after
the other (tests, benchmarks, plain runs); ``parallel`` runs the CPU-bound stages in the
worker processes of ``pool`` (both cores); ``flows.fanout.PrefectFanOut`` runs it as
Prefect tasks with caching, retries and batching (their bodies on the same pool). Either
way every item comes back once, as an ``Outcome`` with its value or its error: one failing
item never stops the others. Items may be built lazily (``LazyItems``): a fan-out takes
them only as it hands them out, so a run never holds every document's context at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, Protocol, TypeVar, cast

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)
R = TypeVar("R")


class Stage(StrEnum):
    """The steps that are handed out (the names of their task counts)."""

    READ = "read"
    PREPARE = "prepare"
    RENDER = "render"
    FEEDBACK = "feedback"
    CONSOLIDATED = "consolidated"
    PDF = "pdf"


@dataclass(frozen=True)
class Item(Generic[T]):
    """One piece of work: its input, its cache key (None: never cached) and a label."""

    value: T
    key: str | None
    label: str


@dataclass(frozen=True)
class Outcome(Generic[T, R]):
    """What became of one item: ``value`` when it worked, else ``error``."""

    item: Item[T]
    value: R | None = None
    error: Exception | None = None


# Stages whose items are CPU-bound Python: worth a worker process each, from POOL_FROM items
# on. Two workers cost ≈ 2 s of imports, on the other core while Prefect starts when they
# are started early (``start_workers``): the example data's 19 documents then finish
# ≈ 1.3 s sooner than in one process (measured: 10.1 → 8.8 s for the whole first run).
POOLED = frozenset({Stage.READ, Stage.RENDER, Stage.FEEDBACK})
POOL_FROM = 10
# A single item worth a worker once the workers run anyway (a large region): Konsolidiert.xlsx
# (≈ 20 s at 1,000 municipalities) is written there, not in the parent, which keeps handing
# out documents meanwhile (the model pickles in ≈ 1 s at that size).
POOLED_IF_STARTED = frozenset({Stage.CONSOLIDATED})


def start_workers(documents: int) -> None:
    """Spawn the worker processes now if ``documents`` will be rendered in them: they
    import the render stack while the caller starts Prefect and reads the workbooks."""
    if pooled(Stage.RENDER, documents):
        from parthe_reports.pipeline.pool import shared

        shared().start()


def pooled(stage: Stage, count: int) -> bool:
    """Whether ``count`` items of ``stage`` go to the worker processes."""
    if stage in POOLED_IF_STARTED:
        from parthe_reports.pipeline.pool import started

        return started()
    return stage in POOLED and count >= POOL_FROM


class Items(Protocol[T_co]):  # type: ignore[misc]  # Item[T] is invariant, read-only here
    """Items with a known count, iterated once (a list, or ``LazyItems``)."""

    def __len__(self) -> int: ...

    def __iter__(self) -> Iterator[Item[T_co]]: ...


class LazyItems(Generic[T]):
    """``count`` items made by ``make`` only while they are iterated (contexts on demand)."""

    def __init__(self, count: int, make: Callable[[], Iterable[Item[T]]]) -> None:
        self.count, self.make = count, make

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[Item[T]]:
        return iter(self.make())


class FanOut(Protocol):
    """Maps ``fn`` over ``items``; yields one Outcome per item, in any order."""

    def __call__(
        self, stage: Stage, fn: Callable[[T], R], items: Items[T]
    ) -> Iterator[Outcome[T, R]]: ...


def sequential(stage: Stage, fn: Callable[[T], R], items: Items[T]) -> Iterator[Outcome[T, R]]:
    """Every item here and now, in order."""
    for item in items:
        try:
            yield Outcome(item, fn(item.value))
        except Exception as exc:  # reported per item; the sequence decides what it means
            yield Outcome(item, error=exc)


def parallel(stage: Stage, fn: Callable[[T], R], items: Items[T]) -> Iterator[Outcome[T, R]]:
    """The ``POOLED`` stages in the worker processes (``fn`` and the values must pickle:
    module-level functions, plain data), the others here; in order of completion."""
    if not pooled(stage, len(items)):
        yield from sequential(stage, fn, items)
        return
    from parthe_reports.pipeline.pool import shared

    taken: dict[int, Item[T]] = {}

    def values() -> Iterator[T]:
        for i, item in enumerate(items):
            taken[i] = item
            yield item.value

    for index, value, error in shared().run(fn, values()):
        yield Outcome(taken.pop(index), value, error)


def one(fan_out: FanOut, stage: Stage, fn: Callable[[T], R], item: Item[T]) -> R:
    """A single step through the fan-out (cached like the others); its error is raised."""
    (outcome,) = list(fan_out(stage, fn, [item]))
    if outcome.error is not None:
        raise outcome.error
    return cast(R, outcome.value)  # no error: fn returned an R (which may be None)


class Listener(Protocol):
    """Who watches the run's progress (the command line's progress bar)."""

    def expect(self, kind: str, total: int) -> None:
        """``total`` steps of ``kind`` ("workbook", "document", "other") in this run: first
        estimated as soon as the workbooks are known, then corrected (same total: no-op)."""

    def done(self, kind: str, label: str) -> None:
        """One step finished."""


class Silent:
    """A listener that ignores everything (tests, benchmarks, scheduled runs)."""

    def expect(self, kind: str, total: int) -> None:
        pass

    def done(self, kind: str, label: str) -> None:
        pass


SILENT = Silent()
