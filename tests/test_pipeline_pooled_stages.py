"""Which stages go to the worker processes: the many-item stages from ``POOL_FROM`` items on,
Konsolidiert.xlsx (one item) whenever the workers run anyway (a large region)."""

from __future__ import annotations

import pytest

from parthe_reports.pipeline import fanout, pool
from parthe_reports.pipeline.fanout import POOL_FROM, Stage, pooled


def test_many_item_stages_from_pool_from_on() -> None:
    assert pooled(Stage.RENDER, POOL_FROM) and not pooled(Stage.RENDER, POOL_FROM - 1)
    assert not pooled(Stage.PREPARE, 10_000) and not pooled(Stage.PDF, 10_000)


def test_consolidated_goes_to_the_workers_only_when_they_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pool, "_SHARED", None)
    assert not pool.started() and not pooled(Stage.CONSOLIDATED, 1)
    idle = pool.WorkerPool()
    monkeypatch.setattr(pool, "_SHARED", idle)
    assert not pooled(Stage.CONSOLIDATED, 1)  # created, no worker spawned yet
    monkeypatch.setattr(idle, "_executor", object())
    assert pooled(Stage.CONSOLIDATED, 1)
    assert Stage.CONSOLIDATED in fanout.POOLED_IF_STARTED


def test_releasing_free_memory_is_harmless() -> None:
    """glibc: the heap's free pages go back to the system; elsewhere nothing happens."""
    from parthe_reports.pipeline.work import release_free_memory

    junk = [bytes(1000) for _ in range(10_000)]
    del junk
    release_free_memory()
    release_free_memory()
