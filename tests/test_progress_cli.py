"""Tests of ``parthe-reports report progress`` and the progress-report flow."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from parthe_reports import history
from parthe_reports.cli import app
from tests.test_progress_fixtures import two_runs


def _flat(output: str) -> str:
    """Console output on one line (rich wraps long lines at the terminal width)."""
    return " ".join(output.split())


def test_cli_writes_the_report_into_the_latest_run(tmp_path: Path) -> None:
    """It writes Fortschrittsbericht.docx into the newest run and prints what it compared."""
    old, new = two_runs(tmp_path)
    result = CliRunner().invoke(app, ["report", "progress", "--outputs", str(tmp_path)])
    assert result.exit_code == 0, result.output
    out = _flat(result.output)
    assert f"verglichen mit Lauf {old.name}" in out
    assert "Maßnahmen begonnen: 1, abgeschlossen: 1" in out
    text = [p.text for p in docx.Document(str(new / "Fortschrittsbericht.docx")).paragraphs]
    assert "Fortschrittsbericht der Lenkungsgruppe" in text
    assert history.read_meta(new)["progress_report"]["baseline"] == old.name


def test_cli_without_runs_says_why(tmp_path: Path) -> None:
    """It exits with 2 and a German sentence when there is no completed run."""
    result = CliRunner().invoke(app, ["report", "progress", "--outputs", str(tmp_path)])
    assert result.exit_code == 2
    assert "keinen abgeschlossenen Lauf" in _flat(result.output)


def test_cli_rejects_a_bad_stichtag(tmp_path: Path) -> None:
    """It exits with 2 when --stichtag is not a date."""
    two_runs(tmp_path)
    args = ["report", "progress", "--outputs", str(tmp_path), "--stichtag", "1.12."]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert "kein Datum" in _flat(result.output)


@pytest.mark.prefect
@pytest.mark.slow
def test_flow_writes_report_and_prunes(tmp_path: Path) -> None:
    """It writes the report under Prefect and prunes runs beyond keep_last_runs, except the
    runs the report was based on."""
    from flows.local_api import prefect_api
    from flows.progress_report import progress_report_flow

    outputs = tmp_path / "outputs"
    old, new = two_runs(outputs)
    region = tmp_path / "region.toml"
    region.write_text(
        Path("region.toml")
        .read_text(encoding="utf-8")
        .replace("keep_last_runs = 20", "keep_last_runs = 1"),
        encoding="utf-8",
    )
    with prefect_api():
        got = progress_report_flow(outputs=str(outputs), region_config=str(region))
    assert got["written"] and got["baseline"] == old.name
    assert got["deleted"] == []  # the baseline is protected although keep_last_runs = 1
    assert (new / "Fortschrittsbericht.docx").is_file() and old.is_dir()


@pytest.mark.prefect
def test_flow_accepts_the_deployment_parameters() -> None:
    """It takes the parameters flows.deployments gives every scheduled flow."""
    from flows.progress_report import progress_report_flow

    params = {"inputs": "inputs", "outputs": "outputs", "region_config": "region.toml"}
    assert progress_report_flow.validate_parameters(params)["inputs"] == "inputs"
    with pytest.raises(Exception, match="unknown"):
        progress_report_flow.validate_parameters({"unknown": 1})
