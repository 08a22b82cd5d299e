"""A full run's cheaper outputs: annotated copies only where there are findings, a clean
workbook's Prüfbericht saying so, and progress totals known from the start."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from parthe_reports import pipeline as core
from parthe_reports.pipeline import FEEDBACK_DIR
from parthe_reports.render.documents.pruefbericht import NOTHING_TO_CORRECT
from parthe_reports.workbooks.feedback import RESULT_SHEET, feedback_file_name
from tests.test_pipeline import docx_text

pytestmark = pytest.mark.slow


class Recorder:
    """A listener that keeps every call in order."""

    def __init__(self) -> None:
        self.events: list[tuple[str, str, int]] = []

    def expect(self, kind: str, total: int) -> None:
        self.events.append(("expect", kind, total))

    def done(self, kind: str, label: str) -> None:
        self.events.append(("done", kind, 1))


@pytest.fixture(scope="module")
def full_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[core.RunSummary, Recorder]:
    """One run of the example data (every output), watched by a recording listener."""
    out = tmp_path_factory.mktemp("outputs")
    recorder = Recorder()
    options = core.RunOptions(outputs=out, stichtag=date(2026, 11, 25))
    return core.run(options, listener=recorder), recorder


def _clean(summary: core.RunSummary) -> list[str]:
    return [label for label, counts in summary.findings.items() if not sum(counts.values())]


def test_annotated_copies_only_for_workbooks_with_findings(
    full_run: tuple[core.RunSummary, Recorder],
) -> None:
    """It writes no annotated copy of a clean workbook, and one with the Prüfergebnis sheet
    for every workbook with findings."""
    summary, _ = full_run
    clean = _clean(summary)
    assert clean, "the example data have clean workbooks"
    folder = summary.run_folder / FEEDBACK_DIR
    for label, counts in summary.findings.items():
        copy = folder / feedback_file_name(Path(summary.sources[label]))
        if label in clean:
            assert not copy.exists(), label
        else:
            assert sum(counts.values()) and copy.is_file(), label
            assert RESULT_SHEET in load_workbook(copy, read_only=True).sheetnames


def test_clean_prüfbericht_says_there_is_nothing_to_correct(
    full_run: tuple[core.RunSummary, Recorder],
) -> None:
    """It tells a clean workbook's clerk that nothing needs correcting, and nobody else."""
    summary, _ = full_run
    clean = set(_clean(summary))
    for label in summary.findings:
        text = docx_text(summary.run_folder / FEEDBACK_DIR / f"Pruefbericht_{label}.docx")
        assert (NOTHING_TO_CORRECT in text) == (label in clean), label


def test_progress_totals_are_known_before_the_first_step(
    full_run: tuple[core.RunSummary, Recorder],
) -> None:
    """It announces every kind's total before any step finishes; workbook and document totals
    never change and every total matches the steps finally done."""
    summary, recorder = full_run
    first_done = next(i for i, e in enumerate(recorder.events) if e[0] == "done")
    announced = {kind for what, kind, _ in recorder.events[:first_done] if what == "expect"}
    assert announced == {"workbook", "document", "other"}
    totals: dict[str, list[int]] = {}
    done: dict[str, int] = {}
    for what, kind, n in recorder.events:
        if what == "expect":
            totals.setdefault(kind, []).append(n)
        else:
            done[kind] = done.get(kind, 0) + n
    assert set(totals["workbook"]) == {7} and set(totals["document"]) == {len(summary.documents)}
    assert {k: t[-1] for k, t in totals.items()} == done
