"""Worker processes behind the fan-out: results per item, failures per item, lazy items."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from parthe_reports.pipeline import fanout
from parthe_reports.pipeline.fanout import Item, LazyItems, Stage, parallel, sequential


@pytest.fixture(autouse=True)
def small_pool_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pool from 2 items on (the run's threshold keeps small runs in one process)."""
    monkeypatch.setattr(fanout, "POOL_FROM", 2)


def pid_of(value: int) -> tuple[int, int]:
    """Module level, so the workers can import it: the value and the worker's process id."""
    if value == 3:
        raise ValueError("drei geht nicht")
    if value == 5:
        os._exit(1)  # a worker that dies (as on a native abort)
    return value, os.getpid()


def items(values: list[int]) -> list[Item[int]]:
    return [Item(v, None, str(v)) for v in values]


def test_pooled_stage_runs_in_worker_processes() -> None:
    """It computes a render stage's items in other processes, one outcome per item."""
    outs = list(parallel(Stage.RENDER, pid_of, items([1, 2, 4, 6])))
    assert sorted(o.item.value for o in outs) == [1, 2, 4, 6]
    assert all(o.error is None and o.value is not None for o in outs)
    assert {o.value[1] for o in outs if o.value} - {os.getpid()} == {
        o.value[1] for o in outs if o.value
    }


def test_unpooled_stage_stays_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """It runs Konsolidiert.xlsx here while no worker runs (a small region): starting a
    worker for one item would cost more than it gains (tests/test_pipeline_pooled_stages.py:
    in a worker once the pool runs)."""
    from parthe_reports.pipeline import pool

    monkeypatch.setattr(pool, "started", lambda: False)
    (out,) = parallel(Stage.CONSOLIDATED, pid_of, items([1]))
    assert out.value == (1, os.getpid())


def test_a_failing_item_costs_only_itself() -> None:
    """It reports an exception and a dead worker as that item's error; the others finish."""
    outs = {o.item.value: o for o in parallel(Stage.RENDER, pid_of, items([1, 3, 5, 7, 8]))}
    assert isinstance(outs[3].error, ValueError)
    assert outs[5].error is not None and outs[5].value is None
    assert [(outs[v].value or (0, 0))[0] for v in (1, 7, 8)] == [1, 7, 8]


def test_few_items_stay_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """It renders below the threshold here: worker start-up would cost more than it gains."""
    monkeypatch.setattr(fanout, "POOL_FROM", 30)
    outs = list(parallel(Stage.RENDER, pid_of, items([1, 2])))
    assert {(o.value or (0, 0))[1] for o in outs} == {os.getpid()}


def test_lazy_items_are_built_as_they_are_handed_out() -> None:
    """It builds lazy items only as the fan-out takes them, not all before the first result."""
    built: list[int] = []

    def make() -> Iterator[Item[int]]:
        for v in range(1, 30):
            if v in (3, 5):
                continue
            built.append(v)
            yield Item(v, None, str(v))

    lazy = LazyItems(27, make)
    stream = parallel(Stage.RENDER, pid_of, lazy)
    next(stream)
    assert len(built) < 27
    assert len(list(stream)) == 26 and len(built) == 27


def test_sequential_takes_lazy_items_one_by_one() -> None:
    """It builds the next lazy item only after the previous one's outcome was taken."""
    built: list[int] = []

    def make() -> Iterator[Item[int]]:
        for v in (1, 2, 4):
            built.append(v)
            yield Item(v, None, str(v))

    stream = sequential(Stage.RENDER, pid_of, LazyItems(3, make))
    next(stream)
    assert built == [1]
    assert [o.item.value for o in stream] == [2, 4]


def test_prefect_batch_body_uses_the_pool() -> None:
    """It runs a pooled Prefect batch's items in worker processes and keeps each error apart."""
    import flows  # noqa: F401  (Prefect environment defaults before prefect is imported)
    from flows.fanout import BatchFailed, run_batch

    results = run_batch(pid_of, [1, 2], None, pooled=True)
    assert all(r is not None and r[1] != os.getpid() for r in results)
    with pytest.raises(BatchFailed) as failed:
        run_batch(pid_of, [1, 3, 4], None, pooled=True)
    assert list(failed.value.errors) == [1]
    assert [r and r[0] for r in failed.value.results] == [1, None, 4]
