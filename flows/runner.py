"""Run a flow on demand: pick the task runner, make sure there is an API, call the flow."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from prefect.task_runners import ThreadPoolTaskRunner

from flows import listener as progress_listener
from flows.local_api import prefect_api
from flows.pipeline import phase_flow, pipeline_flow
from parthe_reports.paths import INPUTS, OUTPUTS, REGION_CONFIG
from parthe_reports.pipeline import Listener, RunSummary


def task_runner(dask: bool = False, dask_address: str | None = None, workers: int = 2) -> Any:
    """Threads by default; Dask (prefect-dask) on a temporary local cluster or at an address."""
    if dask_address:
        from prefect_dask import DaskTaskRunner

        return DaskTaskRunner(address=dask_address)
    if dask:
        from prefect_dask import DaskTaskRunner

        return DaskTaskRunner(
            cluster_kwargs={
                "n_workers": workers,
                "threads_per_worker": 1,
                "processes": True,
                "dashboard_address": None,
            }
        )
    return ThreadPoolTaskRunner(max_workers=4)


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
