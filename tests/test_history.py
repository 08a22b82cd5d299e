"""Tests of history: kept run data (Parquet + run.json), listing, the DuckDB query, retention."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from parthe_reports import history, runs
from parthe_reports.history.store import DATA_DIR, read_tables
from parthe_reports.progress import write_progress_report
from tests.test_progress_fixtures import dataset, keep_run, two_runs


def _names(paths: list[Path]) -> list[str]:
    return [p.name for p in paths]


def test_parquet_types_follow_the_schema(tmp_path: Path) -> None:
    """It stores a Kürzel-Liste as list<string>, a Datum as date32 and amounts as double."""
    run = keep_run(tmp_path, "r1", dataset(True), datetime(2026, 12, 10))
    measures = pq.read_schema(run / DATA_DIR / "measures.parquet")
    apps = pq.read_schema(run / DATA_DIR / "funding_applications.parquet")
    assert measures.field("partners").type == pa.list_(pa.string())
    assert measures.field("cost_total").type == pa.float64()
    assert apps.field("proof_due").type == pa.date32()
    assert apps.field("source_row").type == pa.int64()
    assert measures.field("cost_total_approx").type == pa.bool_()  # the „ca.“ flag


def test_approx_flag_survives_the_round_trip(tmp_path: Path) -> None:
    """It reads back the „ca.“ flags as stored: True where approximate, False elsewhere."""
    data = dataset(True)
    measures = data.tables["measures"]
    measures["cost_total_approx"] = [i == 0 for i in range(len(measures))]
    run = keep_run(tmp_path, "r1", data, datetime(2026, 12, 10))
    back = read_tables(run)["measures"]["cost_total_approx"]
    assert back.dtype == bool and list(back) == [i == 0 for i in range(len(measures))]


def test_run_json_keeps_status_and_adds_history_keys(tmp_path: Path) -> None:
    """It adds sources and counts to run.json without touching the pipeline's status."""
    folder = runs.create_run_folder(tmp_path, datetime(2026, 12, 10, 2))
    history.save_run_data(dataset(True), folder)
    meta = history.read_meta(folder)
    assert meta["status"] == runs.STATUS_RUNNING
    assert meta["stichtag"] == "2026-12-10"
    assert [s["sha256"] for s in meta["sources"]] == ["bor-1", "bra-2", "grp-2", "vb-2"]
    assert meta["tables"]["swot"] == 4
    runs.finish_run(folder, ok=True)
    assert history.read_meta(folder)["sources"][0]["workbook"] == "BOR.xlsx"
    assert history.list_runs(tmp_path, status=history.COMPLETED) == [folder]


def test_failed_runs_are_kept_apart(tmp_path: Path) -> None:
    """It lists a failed run among all runs but never among the completed ones."""
    keep_run(tmp_path, "2026-12-01_a", dataset(False), datetime(2026, 12, 1))
    keep_run(tmp_path, "2026-12-02_b", dataset(True), datetime(2026, 12, 2), status=history.FAILED)
    assert _names(history.list_runs(tmp_path)) == ["2026-12-01_a", "2026-12-02_b"]
    assert _names(history.list_runs(tmp_path, status=history.COMPLETED)) == ["2026-12-01_a"]


def test_funding_over_time_sums_each_run(tmp_path: Path) -> None:
    """It sums requested money and the granted money of granted applications per run."""
    two_runs(tmp_path)
    points = history.funding_over_time(tmp_path)
    got = [(p.stichtag, p.requested, p.granted) for p in points]
    assert got == [(date(2026, 10, 1), 100000.0, 0.0), (date(2026, 12, 10), 100000.0, 60000.0)]


def test_funding_over_time_skips_failed_runs(tmp_path: Path) -> None:
    """It leaves a failed run out of the chart data."""
    keep_run(tmp_path, "2026-12-01_a", dataset(True), datetime(2026, 12, 1), status=history.FAILED)
    assert history.funding_over_time(tmp_path) == []


def _five_runs(outputs: Path) -> list[Path]:
    return [
        keep_run(outputs, f"2026-0{m}-01_0200", dataset(m % 2 == 0), datetime(2026, m, 1))
        for m in range(1, 6)
    ]


def test_prune_keeps_last_runs_and_report_runs(tmp_path: Path) -> None:
    """It keeps the last N runs and every run a report was written into or based on."""
    folders = _five_runs(tmp_path)
    write_progress_report(tmp_path, since=folders[0].name)  # report in run 5, based on run 1
    sixth = keep_run(tmp_path, "2026-06-01_0200", dataset(True), datetime(2026, 6, 1))
    deleted = history.prune_runs(tmp_path, keep_last=1)
    assert _names(deleted) == ["2026-02-01_0200", "2026-03-01_0200", "2026-04-01_0200"]
    left = _names(history.list_runs(tmp_path))
    assert left == ["2026-01-01_0200", "2026-05-01_0200", sixth.name]


def test_prune_without_reports_keeps_only_the_last(tmp_path: Path) -> None:
    """It deletes every older run when no report protects it (negative partner)."""
    folders = _five_runs(tmp_path)
    deleted = history.prune_runs(tmp_path, keep_last=2)
    assert _names(deleted) == _names(folders[:3])
    assert _names(history.list_runs(tmp_path)) == _names(folders[3:])


def test_prune_never_deletes_a_running_run(tmp_path: Path) -> None:
    """It leaves a run still marked running alone, however old."""
    running = keep_run(
        tmp_path, "2026-01-01_0000", dataset(True), datetime(2026, 1, 1), status=history.RUNNING
    )
    _five_runs(tmp_path)
    history.prune_runs(tmp_path, keep_last=1)
    assert running.is_dir()
