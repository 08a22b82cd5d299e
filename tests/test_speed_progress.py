"""The command line's progress bar: real totals from the start, overall progress by cost."""

from __future__ import annotations

import io

from rich.console import Console
from rich.progress import Progress

from parthe_reports.cli.pipeline import WEIGHTS, _Bar, expect_run
from parthe_reports.region import load_region


def bar() -> tuple[_Bar, Progress]:
    progress = Progress(console=Console(file=io.StringIO()))
    return _Bar(progress), progress


def test_totals_are_shown_before_anything_is_done() -> None:
    """It shows 0/7 workbooks and the documents of six phases, six profiles, seven reports."""
    listener, progress = bar()
    expect_run(listener, 7, load_region(), [])
    rows = {t.description: t.fields["shown"] for t in progress.tasks}
    assert rows["Workbooks"] == "0/7" and rows["Dokumente"] == "0/19"
    assert rows["Weitere Dateien"] == "0/9" and rows["Gesamt"] == "0%"


def test_overall_progress_is_weighted_by_cost() -> None:
    """It counts a finished document as more progress than a finished workbook read."""
    listener, progress = bar()
    listener.expect("workbook", 2)
    listener.expect("document", 2)
    listener.done("workbook", "a.xlsx")
    after_workbook = progress.tasks[0].completed
    listener.done("document", "b.docx")
    after_document = progress.tasks[0].completed - after_workbook
    assert after_workbook == WEIGHTS["workbook"] and after_document == WEIGHTS["document"]
    assert after_document > after_workbook
    assert progress.tasks[0].total == 2 * WEIGHTS["workbook"] + 2 * WEIGHTS["document"]
