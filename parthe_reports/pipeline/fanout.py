"""How the run sequence hands out work: a fan-out maps a function over items.

The sequence never knows who runs the work. ``sequential`` runs it here, one item after
the other (tests, benchmarks, plain runs); ``flows.fanout.PrefectFanOut`` runs it as
Prefect tasks with caching, retries and batching. Either way every item comes back once,
as an ``Outcome`` with its value or its error: one failing item never stops the others.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, Protocol, TypeVar, cast

T = TypeVar("T")
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


class FanOut(Protocol):
    """Maps ``fn`` over ``items``; yields one Outcome per item, in any order."""

    def __call__(
        self, stage: Stage, fn: Callable[[T], R], items: Sequence[Item[T]]
    ) -> Iterator[Outcome[T, R]]: ...


def sequential(
    stage: Stage, fn: Callable[[T], R], items: Sequence[Item[T]]
) -> Iterator[Outcome[T, R]]:
    """Every item here and now, in order."""
    for item in items:
        try:
            yield Outcome(item, fn(item.value))
        except Exception as exc:  # reported per item; the sequence decides what it means
            yield Outcome(item, error=exc)


def one(fan_out: FanOut, stage: Stage, fn: Callable[[T], R], item: Item[T]) -> R:
    """A single step through the fan-out (cached like the others); its error is raised."""
    (outcome,) = list(fan_out(stage, fn, [item]))
    if outcome.error is not None:
        raise outcome.error
    return cast(R, outcome.value)  # no error: fn returned an R (which may be None)


class Listener(Protocol):
    """Who watches the run's progress (the command line's progress bar)."""

    def add(self, kind: str, count: int) -> None:
        """``count`` more steps of ``kind`` ("workbook", "document", "other") are planned."""

    def done(self, kind: str, label: str) -> None:
        """One step finished."""


class Silent:
    """A listener that ignores everything (tests, benchmarks, scheduled runs)."""

    def add(self, kind: str, count: int) -> None:
        pass

    def done(self, kind: str, label: str) -> None:
        pass


SILENT = Silent()
