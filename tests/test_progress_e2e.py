"""End to end: the pipeline twice on a copy of the example data, a clerk's edit in between,
then the Fortschrittsbericht lists exactly the edits."""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from parthe_reports import history, manifest, pipeline
from parthe_reports.dataset import sheet_by_key
from parthe_reports.paths import INPUTS
from parthe_reports.progress import write_progress_report
from parthe_reports.schema import normalize
from tests.test_progress_report import section

STICHTAG = date(2026, 11, 25)
BRA = "kommunen/Brandis_Erhebung_2026_final.xlsx"  # the example's oddly named BRA workbook
NEW_SWOT = "Bauhof an der Kapazitätsgrenze"


def pipeline_run(inputs: Path, outputs: Path) -> Path:
    """One pipeline run (phase 5 documents only, for speed); returns its run folder, where
    the pipeline kept the run's input data (``history.save_run_data``)."""
    options = pipeline.RunOptions(inputs=inputs, outputs=outputs, phases=(5,), stichtag=STICHTAG)
    folder = pipeline.run(options).run_folder
    assert (folder / history.catalog.DATA_DIR).is_dir(), "the pipeline kept no input data"
    return folder


def _column(ws: Any, key: str, sheet_key: str) -> int:
    header = normalize(sheet_by_key(sheet_key).column(key).header)
    for cell in ws[1]:
        if cell.value and normalize(str(cell.value)) == header:
            return int(cell.column)
    raise KeyError(key)


def _set(ws: Any, sheet_key: str, row_id: str, values: dict[str, Any]) -> None:
    """Overwrite cells of the row whose first column holds ``row_id``, as a clerk types."""
    for row in ws.iter_rows(min_row=2):
        if row[0].value == row_id:
            for key, v in values.items():
                ws.cell(row=row[0].row, column=_column(ws, key, sheet_key), value=v)
            return
    raise KeyError(row_id)


def clerk_edits(path: Path) -> None:
    """Brandis' clerk: M-BRA-03 started, M-BRA-02 finished, FA-BRA-03 (M-BRA-03's, submitted)
    granted, FA-BRA-04 refused, one SWOT statement added (a new table row)."""
    wb = openpyxl.load_workbook(path)
    m = wb[sheet_by_key("measures").name]
    _set(m, "measures", "M-BRA-03", {"status": "in Umsetzung"})
    _set(m, "measures", "M-BRA-02", {"status": "umgesetzt"})
    fa = wb[sheet_by_key("funding_applications").name]
    decided = datetime(2026, 11, 20)
    _set(
        fa,
        "funding_applications",
        "FA-BRA-03",
        {"status": "bewilligt", "granted": 120000, "decided_on": decided},
    )
    _set(fa, "funding_applications", "FA-BRA-04", {"status": "abgelehnt", "decided_on": decided})
    swot = wb[sheet_by_key("swot").name]
    table = swot.tables["tbl_swot"]
    last = int(table.ref.split(":")[1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    for col, v in enumerate(["Verwaltungsaufgaben", "Schwäche", NEW_SWOT, "Interview", 2], 1):
        swot.cell(row=last + 1, column=col, value=v)
    table.ref = f"A1:E{last + 1}"
    wb.save(path)


@pytest.mark.slow
def test_two_pipeline_runs_report_exactly_the_clerks_edits(tmp_path: Path) -> None:
    """It reports the started and finished measure, the grant, the refusal and the new SWOT
    statement, and every other municipality as not updated."""
    inputs, outputs = tmp_path / "inputs", tmp_path / "outputs"
    shutil.copytree(INPUTS, inputs)
    first = pipeline_run(inputs, outputs)
    clerk_edits(inputs / BRA)
    second = pipeline_run(inputs, outputs)
    result = write_progress_report(outputs)
    assert (result.run, result.baseline) == (second.name, first.name)
    d = result.diff
    assert [(c.key, c.before, c.after) for c in d.measures_status] == [
        ("M-BRA-02", "in Umsetzung", "umgesetzt"),
        ("M-BRA-03", "geplant", "in Umsetzung"),
    ]
    assert (d.measures_started, d.measures_finished) == (["M-BRA-03"], ["M-BRA-02"])
    assert [(c.key, c.after) for c in d.applications_status] == [
        ("FA-BRA-03", "bewilligt"),
        ("FA-BRA-04", "abgelehnt"),
    ]
    assert [(c.key, c.field, c.after) for c in d.applications_amounts] == [
        ("FA-BRA-03", "granted", 120000.0)
    ]
    assert [i.title for i in d.swot_added] == [NEW_SWOT]
    for empty in (
        "measures_new",
        "measures_removed",
        "measures_cost",
        "measures_period",
        "applications_new",
        "applications_removed",
        "milestones_late",
        "milestones_done",
        "milestones_moved",
        "change_done",
        "swot_removed",
        "goals_added",
        "goals_removed",
        "goals_changed",
    ):
        assert getattr(d, empty) == [], empty
    unchanged = {x.code for x in d.deliveries if x.reason == "unverändert"}
    assert unchanged == {"BOR", "GRP", "NAU", "BEL", "PAR"}
    assert d.figures.newly_granted == 120000.0
    rows = section(result.path, "Statusänderungen")
    assert [r[0] for r in rows] == ["M-BRA-02", "M-BRA-03"]  # type: ignore[union-attr]
    assert [r[3] for r in section(result.path, "Neue SWOT-Aussagen")] == [NEW_SWOT]  # type: ignore[union-attr]
    listed = [
        o for o in manifest.read_manifest(second)["outputs"] if o["kind"] == "progress_report"
    ]
    assert [o["path"] for o in listed] == ["Fortschrittsbericht.docx"]
    assert manifest.verify_manifest(second) == []
