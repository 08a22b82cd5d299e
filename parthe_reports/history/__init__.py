"""History: every run keeps its consolidated input data, queryable, beside its documents.

Public API: ``save_run_data`` (called by the pipeline), ``load_run``,
``list_runs``, ``prune_runs``, ``record_progress_report``, ``funding_over_time``.
"""

from __future__ import annotations

from parthe_reports.history.catalog import (
    COMPLETED,
    FAILED,
    RUN_META,
    RUNNING,
    RunData,
    list_runs,
    load_run,
    protected_runs,
    prune_runs,
    read_meta,
    record_progress_report,
    save_run_data,
    update_meta,
)
from parthe_reports.history.query import funding_over_time

__all__ = [
    "COMPLETED",
    "FAILED",
    "RUNNING",
    "RUN_META",
    "RunData",
    "funding_over_time",
    "list_runs",
    "load_run",
    "protected_runs",
    "prune_runs",
    "read_meta",
    "record_progress_report",
    "save_run_data",
    "update_meta",
]
