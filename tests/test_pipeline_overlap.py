"""Konsolidiert.xlsx is built beside rendering (it needs only the model), not after it."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from parthe_reports import pipeline as core
from parthe_reports.paths import INPUTS
from parthe_reports.pipeline import Outcome, Stage, sequence, sequential
from parthe_reports.pipeline.write import CONSOLIDATED_FILE

STICHTAG = date(2026, 11, 25)
PATIENCE = 60.0  # s: far above the example data's prepare → render step


class Watching:
    """A sequential fan-out that lets rendering begin only once the workbook step has
    started: a run that builds Konsolidiert.xlsx after rendering would wait in vain."""

    def __init__(self) -> None:
        self.workbook_started = threading.Event()
        self.render_waited: bool | None = None
        self.threads: dict[Stage, str] = {}

    def __call__(
        self, stage: Stage, fn: Callable[[Any], Any], items: Any
    ) -> Iterator[Outcome[Any, Any]]:
        self.threads[stage] = threading.current_thread().name
        if stage is Stage.CONSOLIDATED:
            self.workbook_started.set()
        if stage is Stage.RENDER and self.render_waited is None:
            self.render_waited = self.workbook_started.wait(PATIENCE)
        yield from sequential(stage, fn, items)


@pytest.mark.slow
def test_workbook_is_built_while_documents_render(tmp_path: Path) -> None:
    """It starts the Konsolidiert.xlsx step before the first document is rendered, in a
    thread of its own, and still writes the workbook with the run's data."""
    fan_out = Watching()
    summary = core.run(
        core.RunOptions(inputs=INPUTS, outputs=tmp_path / "out", stichtag=STICHTAG), fan_out
    )
    assert summary.error is None and summary.failed_documents == {}
    assert fan_out.render_waited is True
    assert fan_out.threads[Stage.CONSOLIDATED] != fan_out.threads[Stage.RENDER]
    book = load_workbook(summary.run_folder / CONSOLIDATED_FILE, read_only=True)
    cells = {str(v) for ws in book for row in ws.iter_rows(values_only=True) for v in row}
    assert len(book.sheetnames) > 5 and "Borsdorf" in cells


def test_background_step_hands_over_its_error() -> None:
    """It raises the step's own error where the result is awaited (the run then fails as
    before), and runs the step in the caller's context."""
    import contextvars

    mark: contextvars.ContextVar[str] = contextvars.ContextVar("mark", default="none")
    mark.set("caller")
    assert sequence.in_background(mark.get).result(timeout=10) == "caller"

    def broken() -> None:
        raise ValueError("xlsx kaputt")

    with pytest.raises(ValueError, match="xlsx kaputt"):
        sequence.in_background(broken).result(timeout=10)


def test_workbook_error_fails_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failing Konsolidiert.xlsx still fails the run (exit code 2), after the documents."""

    def broken(_: Any) -> dict[str, bytes]:
        raise RuntimeError("Arbeitsmappe kaputt")

    monkeypatch.setattr(sequence, "consolidated_files", broken)
    summary = core.run(
        core.RunOptions(inputs=INPUTS, outputs=tmp_path / "out", stichtag=STICHTAG), sequential
    )
    assert summary.error is not None and "Arbeitsmappe kaputt" in summary.error
    assert summary.documents and summary.exit_code == core.EXIT_FAILED
