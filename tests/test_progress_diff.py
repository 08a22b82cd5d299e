"""Tests of diff_runs: identity by contract IDs, exactly the changes made, nothing else."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from parthe_reports import history
from parthe_reports.history import RunData
from parthe_reports.progress import diff_runs
from parthe_reports.progress.diff import deadlines
from tests.test_progress_fixtures import dataset, keep_run, two_runs


def _runs(tmp_path: Path, **texts: str) -> tuple[RunData, RunData]:
    old, new = two_runs(tmp_path, **texts)
    return history.load_run(old), history.load_run(new)


def _changed_sections(d: object) -> dict[str, list]:
    skip = {"figures", "deadlines", "deliveries"}
    return {
        f.name: getattr(d, f.name)
        for f in dataclasses.fields(d)  # type: ignore[arg-type]
        if isinstance(getattr(d, f.name), list) and getattr(d, f.name) and f.name not in skip
    }


def test_diff_lists_exactly_the_known_changes(tmp_path: Path) -> None:
    """It lists the started and finished measure, the granted and refused application,
    the late milestone and the new SWOT statement, and nothing else."""
    old, new = _runs(tmp_path)
    d = diff_runs(old, new, date(2026, 12, 10))
    status = [(c.key, c.before, c.after) for c in d.measures_status]
    assert status == [
        ("M-BRA-01", "geplant", "in Umsetzung"),
        ("M-BRA-02", "in Umsetzung", "umgesetzt"),
    ]
    assert d.measures_started == ["M-BRA-01"]
    assert d.measures_finished == ["M-BRA-02"]
    apps = [(c.key, c.before, c.after) for c in d.applications_status]
    assert apps == [
        ("FA-BRA-01", "eingereicht", "bewilligt"),
        ("FA-BRA-02", "eingereicht", "abgelehnt"),
    ]
    assert d.applications_granted == ["FA-BRA-01"]
    assert d.applications_refused == ["FA-BRA-02"]
    assert [(c.key, c.field, c.after) for c in d.applications_amounts] == [
        ("FA-BRA-01", "granted", 60000.0)
    ]
    assert [i.title for i in d.milestones_late] == ["Zweckvereinbarung beschlossen"]
    assert [(i.values["municipality"], i.title) for i in d.swot_added] == [
        ("GRP", "Fachkräftemangel im Bauhof")
    ]
    assert sorted(_changed_sections(d)) == [
        "applications_amounts",
        "applications_granted",
        "applications_refused",
        "applications_status",
        "measures_finished",
        "measures_started",
        "measures_status",
        "milestones_late",
        "swot_added",
    ]
    assert [(x.code, x.reason) for x in d.deliveries] == [("BOR", "unverändert")]
    assert d.figures.newly_granted == 60000.0
    assert (d.figures.late_before, d.figures.late_after) == (0, 1)


def test_diff_of_unchanged_runs_is_empty(tmp_path: Path) -> None:
    """It finds no change between a run and an identical one, and every workbook unchanged."""
    old = history.load_run(keep_run(tmp_path, "2026-12-01_a", dataset(True), datetime(2026, 12, 1)))
    again = history.load_run(
        keep_run(tmp_path, "2026-12-02_b", dataset(True), datetime(2026, 12, 2))
    )
    d = diff_runs(old, again)
    assert _changed_sections(d) == {}
    assert not d.has_changes
    assert d.figures.newly_granted == 0
    assert {x.code for x in d.deliveries} == {"BOR", "BRA", "GRP"}


def test_text_change_under_same_id_is_a_change(tmp_path: Path) -> None:
    """It reports a measure whose title changed as renamed, not as removed and added."""
    old = history.load_run(keep_run(tmp_path, "2026-12-01_a", dataset(True), datetime(2026, 12, 1)))
    renamed = dataset(True, title="Gemeinsamer Bauhof Nord & Süd")
    new = history.load_run(keep_run(tmp_path, "2026-12-02_b", renamed, datetime(2026, 12, 2)))
    d = diff_runs(old, new)
    assert [(c.key, c.before, c.after) for c in d.measures_renamed] == [
        ("M-BRA-01", "Gemeinsamer Bauhof", "Gemeinsamer Bauhof Nord & Süd")
    ]
    assert d.measures_new == [] and d.measures_removed == []


def test_moved_milestone_is_moved_not_new(tmp_path: Path) -> None:
    """It identifies a milestone by its text, so a new Termin is a move, not an addition."""
    old = history.load_run(keep_run(tmp_path, "2026-12-01_a", dataset(True), datetime(2026, 12, 1)))
    ds = dataset(True)
    ds.tables["schedule"].loc[0, "due"] = date(2027, 3, 31)
    ds.tables["schedule"].loc[0, "milestone"] = "Zweckvereinbarung  beschlossen "
    new = history.load_run(keep_run(tmp_path, "2026-12-02_b", ds, datetime(2026, 12, 2)))
    d = diff_runs(old, new)
    assert [(c.before, c.after) for c in d.milestones_moved] == [
        (date(2026, 12, 1), date(2027, 3, 31))
    ]
    assert d.milestones_late == [] and d.milestones_done == []


def test_swot_statement_changed_is_added_and_removed(tmp_path: Path) -> None:
    """It treats a SWOT statement (no ID) with new wording as one removed and one added."""
    old = history.load_run(keep_run(tmp_path, "2026-12-01_a", dataset(True), datetime(2026, 12, 1)))
    ds = dataset(True, swot="Sehr gute Verkehrsanbindung")
    new = history.load_run(keep_run(tmp_path, "2026-12-02_b", ds, datetime(2026, 12, 2)))
    d = diff_runs(old, new)
    assert [i.title for i in d.swot_added] == ["Sehr gute Verkehrsanbindung"]
    assert [i.title for i in d.swot_removed] == ["Gute Verkehrsanbindung"]


def test_deadline_window_edges(tmp_path: Path) -> None:
    """It lists a deadline on day 90 after the Stichtag and leaves out day 91."""
    run = history.load_run(keep_run(tmp_path, "2026-12-01_a", dataset(True), datetime(2026, 12, 1)))
    progs = run.tables["programmes"]
    progs.loc[0, "deadline"] = date(2027, 3, 10)  # 2026-12-10 + 90 days
    progs.loc[1, "deadline"] = date(2027, 3, 11)
    got = [(x.key, x.days_left) for x in deadlines(run, date(2026, 12, 10))]
    assert got == [("FA-BRA-01", 80), ("FP01", 90)]


def test_deliveries_report_errors_and_missing(tmp_path: Path) -> None:
    """It names a municipality whose workbook has Fehler now and one with no workbook."""
    old = history.load_run(
        keep_run(tmp_path, "2026-12-01_a", dataset(False), datetime(2026, 10, 1))
    )
    ds = dataset(True)
    ds.sources = [s for s in ds.sources if s.municipality != "BOR"]
    ds.sources = [
        dataclasses.replace(s, errors=3) if s.municipality == "GRP" else s for s in ds.sources
    ]
    ds.missing_municipalities = ("BOR",)
    new = history.load_run(keep_run(tmp_path, "2026-12-02_b", ds, datetime(2026, 12, 10)))
    got = [(x.code, x.reason) for x in diff_runs(old, new).deliveries]
    assert got == [("BOR", "fehlt"), ("GRP", "Fehler")]


def test_duplicate_id_across_workbooks_counts_once(tmp_path: Path) -> None:
    """It takes the first row of an ID repeated in another workbook, not two entries."""
    ds = dataset(True)
    m = ds.tables["measures"]
    dup = m.iloc[[0]].assign(source_workbook="BOR.xlsx", municipality="BOR", status="geplant")
    ds.tables["measures"] = pd.concat([m, dup], ignore_index=True)
    old = history.load_run(
        keep_run(tmp_path, "2026-12-01_a", dataset(False), datetime(2026, 10, 1))
    )
    new = history.load_run(keep_run(tmp_path, "2026-12-02_b", ds, datetime(2026, 12, 10)))
    d = diff_runs(old, new)
    assert [c.key for c in d.measures_status] == ["M-BRA-01", "M-BRA-02"]
    assert d.measures_new == []


def test_swapping_the_runs_swaps_added_and_removed(tmp_path: Path) -> None:
    """It reports as removed, when compared backwards, what it reports as added forwards."""
    old, new = _runs(tmp_path)
    forward, backward = diff_runs(old, new), diff_runs(new, old)
    assert [i.key for i in backward.swot_removed] == [i.key for i in forward.swot_added]
    assert backward.swot_added == [] and forward.swot_removed == []
    assert [(c.key, c.after) for c in backward.measures_status] == [
        (c.key, c.before) for c in forward.measures_status
    ]
