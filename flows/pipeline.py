"""The pipeline flows: the core's one run sequence on Prefect tasks. Wiring only."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from prefect import flow
from prefect.context import FlowRunContext
from prefect.states import Failed, State
from prefect.task_runners import ThreadPoolTaskRunner

from flows import artifacts, listener
from flows.fanout import PrefectFanOut
from flows.settings import result_cache
from parthe_reports import pipeline
from parthe_reports.paths import INPUTS, OUTPUTS, REGION_CONFIG


def run_on_prefect(
    options: pipeline.RunOptions,
) -> pipeline.RunSummary | State[pipeline.RunSummary]:
    """The run sequence with Prefect tasks; a failed run (exit code 2) is a Failed flow run
    in the UI, with its summary still attached."""
    fan_out = PrefectFanOut(storage=result_cache(options.outputs), pooled=_threads())
    summary = pipeline.run(options, fan_out, listener.current())
    summary.task_runs = fan_out.counts
    artifacts.publish(summary)
    if summary.exit_code == pipeline.EXIT_FAILED:
        reason = summary.error or summary.failed_documents
        return Failed(message=f"Lauf fehlgeschlagen: {reason}", data=summary)
    return summary


def _threads() -> bool:
    """True under the thread runner: its task bodies hand CPU-bound items to worker processes
    (on Dask the tasks already run in worker processes)."""
    context = FlowRunContext.get()
    return context is not None and isinstance(context.task_runner, ThreadPoolTaskRunner)


@flow(name="parthe-pipeline", log_prints=False)
def pipeline_flow(
    inputs: Path = INPUTS,
    outputs: Path = OUTPUTS,
    stichtag: date | None = None,
    pdf: bool = False,
    region_config: Path = REGION_CONFIG,
) -> pipeline.RunSummary | State[pipeline.RunSummary]:
    """Every deliverable of the region from the workbooks in ``inputs``."""
    options = pipeline.RunOptions(inputs, outputs, (), stichtag, pdf, region_config)
    return run_on_prefect(options)


@flow(name="parthe-phase", log_prints=False)
def phase_flow(
    phases: list[int],
    inputs: Path = INPUTS,
    outputs: Path = OUTPUTS,
    stichtag: date | None = None,
    pdf: bool = False,
    region_config: Path = REGION_CONFIG,
) -> pipeline.RunSummary | State[pipeline.RunSummary]:
    """Only the documents of the given phase(s) (``parthe-reports run --phase N``)."""
    options = pipeline.RunOptions(inputs, outputs, tuple(phases), stichtag, pdf, region_config)
    return run_on_prefect(options)
