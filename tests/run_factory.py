"""A completed run folder made the way the pipeline makes one, without rendering documents:
read + validate + cross-check, keep the tables (history), findings JSON, feedback copies."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from parthe_reports import history, runs
from parthe_reports.discover import discover_inputs
from parthe_reports.pipeline.plan import FEEDBACK_DIR
from parthe_reports.pipeline.sequence import read_books
from parthe_reports.pipeline.write import write_findings
from parthe_reports.region import Region
from parthe_reports.validate import ValidatedWorkbook, build_dataset
from parthe_reports.workbooks.feedback import feedback_file_name, write_annotated_copy

STICHTAG = date(2026, 11, 25)


def read_folder(inputs: Path, region: Region, day: date = STICHTAG) -> list[ValidatedWorkbook]:
    """Every workbook of an inputs folder read and checked as a run does."""
    paths, _ = discover_inputs(inputs, region.ignored_folders)
    return read_books(paths, {}, region, day, "")[0]


def make_run(
    inputs: Path, outputs: Path, region: Region, day: date = STICHTAG, copies: bool = False
) -> Path:
    """A completed run of ``inputs`` under ``outputs`` (the pointer moves to it)."""
    books = read_folder(inputs, region, day)
    dataset = build_dataset(books, region, day)
    folder = runs.create_run_folder(outputs)
    history.save_run_data(dataset, folder)
    write_findings(books, folder, [], dataset.missing_municipalities)
    if copies:
        for b in books:
            path = Path(b.source.path)
            write_annotated_copy(b, path, folder / FEEDBACK_DIR / feedback_file_name(path))
    runs.finish_run(folder, True)
    return folder
