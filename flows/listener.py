"""The progress bar's listener for a flow run, in-process only.

Flow parameters must be serialisable, a progress bar is not: the command line installs
its listener here before it calls a flow, the flow hands it to the run sequence. The
sequence reports as results arrive in the flow's process, so this works for every task
runner (with Dask the tasks run elsewhere, but results arrive here).
"""

from __future__ import annotations

from parthe_reports.pipeline import Listener
from parthe_reports.pipeline.fanout import SILENT

_listener: Listener = SILENT


def set_listener(listener: Listener | None) -> None:
    """Install (or remove with None) the process-wide listener."""
    global _listener
    _listener = listener or SILENT


def current() -> Listener:
    """The listener the command line installed (a silent one otherwise)."""
    return _listener
