"""Konsolidiert.xlsx beside rendering: when its stage runs in a worker (a large region), it
is handed out as soon as the model exists and written while the documents render."""

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
from parthe_reports.pipeline import Outcome, Stage, sequence
from parthe_reports.pipeline.fanout import Items, sequential
from parthe_reports.pipeline.write import CONSOLIDATED_FILE

STICHTAG = date(2026, 11, 25)


class Recording:
    """The sequential fan-out, noting which thread ran each stage and in which order."""

    def __init__(self) -> None:
        self.events: list[tuple[str, str, str]] = []
        self.lock = threading.Lock()

    def __call__(
        self, stage: Stage, fn: Callable[[Any], Any], items: Items[Any]
    ) -> Iterator[Outcome[Any, Any]]:
        for out in sequential(stage, fn, items):
            with self.lock:
                self.events.append((stage.value, threading.current_thread().name, out.item.label))
            yield out


def _overlapped(monkeypatch: pytest.MonkeyPatch) -> None:
    """As at scale: the workers run, so the Konsolidiert stage is handed out early."""
    monkeypatch.setattr(sequence, "pooled", lambda stage, count: stage == Stage.CONSOLIDATED)


def test_consolidated_workbook_is_made_beside_rendering(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _overlapped(monkeypatch)
    fan_out = Recording()
    summary = core.run(
        core.RunOptions(inputs=INPUTS, outputs=tmp_path / "out", stichtag=STICHTAG), fan_out
    )
    assert summary.error is None and not summary.failed_documents
    made = [e for e in fan_out.events if e[0] == Stage.CONSOLIDATED.value]
    assert [e[1] for e in made] == ["parthe-konsolidiert"]  # from its own thread
    stages = [e[0] for e in fan_out.events]
    assert stages.index(Stage.CONSOLIDATED.value) < len(stages) - 1  # not last: beside the rest
    book = load_workbook(summary.run_folder / CONSOLIDATED_FILE, read_only=True)
    assert len(book.sheetnames) > 5
    assert sum(1 for _ in book[book.sheetnames[1]].iter_rows()) > 1


def test_a_failing_consolidated_workbook_fails_the_run_not_the_documents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _overlapped(monkeypatch)

    def broken(_: Any) -> dict[str, bytes]:
        raise RuntimeError("Platte voll")

    monkeypatch.setattr(sequence, "consolidated_files", broken)
    summary = core.run(core.RunOptions(inputs=INPUTS, outputs=tmp_path / "out", stichtag=STICHTAG))
    assert summary.error == "RuntimeError: Platte voll"
    assert summary.exit_code == core.EXIT_FAILED
    assert summary.documents and all((summary.run_folder / d).is_file() for d in summary.documents)
    assert not (summary.run_folder / CONSOLIDATED_FILE).exists()
