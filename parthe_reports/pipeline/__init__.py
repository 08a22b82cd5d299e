"""The run: one sequence (``sequence.run``) over plain typed steps.

``keys``: cache keys and versions; ``plan``: dataset → consolidation → documents to render;
``write``: producers of bytes, atomic writers, the run summary and exit codes;
``fanout``: how per-item work is handed out (sequentially here, as Prefect tasks in
``flows``); ``sequence``: the order of it all, written once.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

# Imported on first use: a worker process that unpickles ``pipeline.work.render_bytes``
# imports this package, and should not load the whole sequence (history, DuckDB) with it.
_HOMES = {
    "fanout": ("FanOut", "Item", "Listener", "Outcome", "Stage", "sequential"),
    "plan": ("FEEDBACK_DIR", "PlannedDocument", "Prepared"),
    "sequence": ("RunOptions", "read_region", "run"),
    "write": (
        "CONSOLIDATED_FILE",
        "EXIT_FAILED",
        "EXIT_INPUT_ERRORS",
        "EXIT_OK",
        "FINDINGS_FILE",
        "PDF_DIR",
        "RunSummary",
    ),
}
_MODULE_OF = {name: module for module, names in _HOMES.items() for name in names}


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:  # a submodule (``pipeline.keys``) or a misspelt name
        try:
            return importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


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
