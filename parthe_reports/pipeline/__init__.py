"""The run: one sequence (``sequence.run``) over plain typed steps.

``keys``: cache keys and versions; ``plan``: dataset → consolidation → documents to render;
``write``: producers of bytes, atomic writers, the run summary and exit codes;
``fanout``: how per-item work is handed out (sequentially here, as Prefect tasks in
``flows``); ``sequence``: the order of it all, written once.
"""

from __future__ import annotations

from parthe_reports.pipeline.fanout import FanOut, Item, Listener, Outcome, Stage, sequential
from parthe_reports.pipeline.plan import FEEDBACK_DIR, PlannedDocument, Prepared
from parthe_reports.pipeline.sequence import RunOptions, read_region, run
from parthe_reports.pipeline.write import (
    CONSOLIDATED_FILE,
    EXIT_FAILED,
    EXIT_INPUT_ERRORS,
    EXIT_OK,
    FINDINGS_FILE,
    PDF_DIR,
    RunSummary,
)

__all__ = [
    "CONSOLIDATED_FILE",
    "EXIT_FAILED",
    "EXIT_INPUT_ERRORS",
    "EXIT_OK",
    "FEEDBACK_DIR",
    "FINDINGS_FILE",
    "PDF_DIR",
    "FanOut",
    "Item",
    "Listener",
    "Outcome",
    "PlannedDocument",
    "Prepared",
    "RunOptions",
    "RunSummary",
    "Stage",
    "read_region",
    "run",
    "sequential",
]
