"""Run a flow on demand: pick the task runner, make sure there is an API, call the flow."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from prefect.context import TagsContext
from prefect.task_runners import ThreadPoolTaskRunner

from flows import listener as progress_listener
from flows.crashed import TAG_PREFIX
from flows.local_api import prefect_api
from flows.pipeline import phase_flow, pipeline_flow
from parthe_reports.paths import INPUTS, OUTPUTS, REGION_CONFIG
from parthe_reports.pipeline import Listener, RunSummary


class UntaggedTasks:
    """A task runner mixin: task runs do not carry the flow's process tag.

    ``flows.crashed`` needs the tag (``prozess:<host>:<pid>``) on flow runs only. Prefect
    gives a task run every tag in context, and for a task run with tags it asks the API
    for the tags' concurrency slots before the task starts (and frees them after): one
    more round trip per task run for a limit no one set (py-spy: ≈ 0.4–0.8 s of each
    task thread on the example data). Both runners capture the context at submission.
    """

    def submit(self, *args: Any, **kwargs: Any) -> Any:
        current = TagsContext.get().current_tags
        kept = {t for t in current if not t.startswith(TAG_PREFIX)}
        with TagsContext(current_tags=kept):
            return super().submit(*args, **kwargs)  # type: ignore[misc]


class ThreadRunner(UntaggedTasks, ThreadPoolTaskRunner):  # type: ignore[type-arg]
    """Prefect's thread runner, task runs without the process tag."""


def task_runner(dask: bool = False, dask_address: str | None = None, workers: int = 2) -> Any:
    """Threads by default; Dask (prefect-dask) on a temporary local cluster or at an address."""
    if dask or dask_address:
        from prefect_dask import DaskTaskRunner

        class DaskRunner(UntaggedTasks, DaskTaskRunner):
            """prefect-dask's runner, task runs without the process tag."""

    if dask_address:
        return DaskRunner(address=dask_address)
    if dask:
        return DaskRunner(
            cluster_kwargs={
                "n_workers": workers,
                "threads_per_worker": 1,
                "processes": True,
                "dashboard_address": None,
            }
        )
    return ThreadRunner(max_workers=4)


def run(
    inputs: Path = INPUTS,
    outputs: Path = OUTPUTS,
    phases: list[int] | None = None,
    stichtag: date | None = None,
    pdf: bool = False,
    dask: bool = False,
    dask_address: str | None = None,
    region_config: Path = REGION_CONFIG,
    listener: Listener | None = None,
) -> RunSummary:
    """Run the pipeline flow (or the phase flow for ``phases``); return its summary."""
    runner = task_runner(dask, dask_address)
    args: dict[str, Any] = {
        "inputs": inputs,
        "outputs": outputs,
        "stichtag": stichtag,
        "pdf": pdf,
        "region_config": region_config,
    }
    progress_listener.set_listener(listener)
    state: Any
    try:
        with prefect_api():
            if phases:
                flow_ = phase_flow.with_options(task_runner=runner)
                state = flow_(phases=list(phases), return_state=True, **args)
            else:
                state = pipeline_flow.with_options(task_runner=runner)(return_state=True, **args)
    finally:
        progress_listener.set_listener(None)
    # A failed run still returns its summary (exit code 2); a crash raises here.
    result = state.result(raise_on_failure=False)
    if isinstance(result, BaseException):
        raise result
    if not isinstance(result, RunSummary):
        raise TypeError(f"Unerwartetes Ergebnis des Laufs: {type(result).__name__}")
    return result
