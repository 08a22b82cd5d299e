"""Periods: a run records its Erhebungsrunde; the Fortschrittsbericht compares round with round."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from parthe_reports.history import list_runs, load_run, read_meta
from parthe_reports.paths import INPUTS
from parthe_reports.progress import write_progress_report
from parthe_reports.progress.periods import previous_period_run
from parthe_reports.region import half_year, period_name
from tests.run_factory import make_run
from tests.test_progress_report import all_text
from tests.workbook_factory import REGION

# region.toml: [[perioden]] 2026/II (Stichtag 2026-12-31) and 2027/I (2027-06-30)
DAYS = (date(2026, 11, 1), date(2026, 11, 25), date(2027, 5, 30), date(2027, 6, 10))


def test_period_name_from_the_table_else_the_half_year() -> None:
    """It names the [[perioden]] entry of a Stichtag, and the half-year after the last one."""
    assert period_name(REGION, date(2026, 11, 25)) == "2026/II"
    assert period_name(REGION, date(2027, 1, 2)) == "2027/I"
    assert period_name(REGION, date(2027, 9, 1)) == "2027/II" == half_year(date(2027, 9, 1))


def test_run_records_its_period(tmp_path: Path) -> None:
    """It writes the period into run.json and loads it with the run."""
    folder = make_run(INPUTS, tmp_path, REGION, day=date(2027, 5, 30))
    assert read_meta(folder)["period"] == "2027/I"
    assert load_run(folder).period == "2027/I"


@pytest.fixture(scope="module")
def four_runs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two runs in 2026/II, two in 2027/I, oldest first."""
    out = tmp_path_factory.mktemp("runs")
    for day in DAYS:
        make_run(INPUTS, out, REGION, day=day)
    return out


def test_previous_period_run_is_the_last_run_of_the_round_before(four_runs: Path) -> None:
    """It picks the second 2026/II run for either 2027/I run, and nothing for a 2026/II run."""
    runs = list_runs(four_runs)
    assert previous_period_run(runs, runs[3]) == runs[1]
    assert previous_period_run(runs, runs[2]) == runs[1]
    assert previous_period_run(runs, runs[1]) is None


def test_report_compares_period_with_period(four_runs: Path) -> None:
    """It prints the run comparison and the round comparison with its own key figures."""
    result = write_progress_report(four_runs)
    runs = list_runs(four_runs)
    assert result.baseline == runs[2].name  # run with run: the previous run
    assert result.period is not None and result.period.run == runs[1].name
    text = all_text(result.path)
    assert "Erhebungsrunde 2027/I im Vergleich mit der vorigen Runde 2026/II" in text
    assert "vorige Runde" in text  # the round's own key-figure table (column header)


def test_first_period_has_no_period_comparison(tmp_path: Path) -> None:
    """It leaves the round comparison out while every run is of one round."""
    for day in DAYS[:2]:
        make_run(INPUTS, tmp_path, REGION, day=day)
    result = write_progress_report(tmp_path)
    assert result.period is None
    text = all_text(result.path)
    assert "im Vergleich mit der vorigen Runde" not in text and "vorige Runde" not in text


def test_cli_names_both_comparisons(four_runs: Path) -> None:
    """It prints the run comparison and the round comparison on the command line."""
    from typer.testing import CliRunner

    from parthe_reports.cli.app import app

    result = CliRunner().invoke(app, ["report", "progress", "--outputs", str(four_runs)])
    assert result.exit_code == 0, result.output
    assert "Erhebungsrunde 2027/I verglichen mit der vorigen Runde 2026/II" in result.output
