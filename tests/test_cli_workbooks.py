"""Tests of the `templates` and `demo-data` commands."""

from __future__ import annotations

import inspect
from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from parthe_reports.cli import app, workbooks
from parthe_reports.paths import INPUTS, OUTPUTS, REGION_CONFIG
from parthe_reports.schema import META_CODE, META_EXAMPLE, META_SHEET

runner = CliRunner()

MACHERN = """
[[municipalities]]
code = "MAC"
name = "Machern"
kind = "Gemeinde"
ags = "14729250"
population = 6767
area_km2 = 38.93
"""


def _region_with_machern(tmp_path: Path) -> Path:
    text = REGION_CONFIG.read_text(encoding="utf-8")
    head, sep, tail = text.partition("# Schedules")  # entries before the tables that follow
    path = tmp_path / "region.toml"
    path.write_text(head + MACHERN + "\n" + sep + tail, encoding="utf-8")
    return path


def _stamp(path: Path) -> dict[str, str]:
    return {str(k): str(v) for k, v in list(load_workbook(path)[META_SHEET].values)[1:]}


def test_templates_command_writes_all_templates(tmp_path: Path) -> None:
    """It writes six Kommunal-Workbooks and the Verbund-Workbook with a German summary."""
    result = runner.invoke(app, ["templates", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "6 Kommunal-Workbooks und 1 Verbund-Workbook" in result.output
    assert len(list(tmp_path.glob("*.xlsx"))) == 7
    assert not (tmp_path / "MAC.xlsx").exists()


def test_machern_by_config_alone(tmp_path: Path) -> None:
    """It yields Machern's template from one config entry, Stammdaten pre-filled."""
    config = _region_with_machern(tmp_path)
    out = tmp_path / "vorlagen"
    result = runner.invoke(app, ["templates", "--out", str(out), "--region", str(config)])
    assert result.exit_code == 0, result.output
    assert "7 Kommunal-Workbooks" in result.output
    wb = load_workbook(out / "MAC.xlsx")
    assert [c.value for c in wb["Stammdaten"][2]][:6] == [
        "Machern",
        "MAC",
        "14729250",
        6767,
        None,
        38.93,
    ]
    assert _stamp(out / "MAC.xlsx")[META_CODE] == "MAC"
    ws = load_workbook(out / "BRA.xlsx")["Maßnahmen"]
    dv = next(d for d in ws.data_validations.dataValidation if "F2" in d.sqref)  # Federführung
    lists = load_workbook(out / "BRA.xlsx")["_Listen"]
    codes = [c.value for (c,) in lists[dv.formula1.split("!")[1].replace("$", "")]]
    assert "MAC" in codes


def test_broken_region_config_is_a_german_message(tmp_path: Path) -> None:
    """It reports an unreadable region file in German with exit code 2, no traceback."""
    bad = tmp_path / "region.toml"
    bad.write_text('name = "X"\n[[municipalities]]\ncode = "mac"\nags = "1"\nname = "M"\n')
    result = runner.invoke(app, ["templates", "--out", str(tmp_path), "--region", str(bad)])
    assert result.exit_code == 2
    assert "Regionskonfiguration" in result.output and "Traceback" not in result.output
    assert not list(tmp_path.glob("*.xlsx"))


def test_demo_data_command_synthetic(tmp_path: Path) -> None:
    """It writes N synthetic example workbooks and the Verbund-Workbook, marked as example."""
    result = runner.invoke(
        app, ["demo-data", "--out", str(tmp_path), "--municipalities", "3", "--scale", "2"]
    )
    assert result.exit_code == 0, result.output
    assert "3 Kommunal-Workbooks" in result.output and "Faktor 2" in result.output
    files = sorted(p.name for p in (tmp_path / "kommunen").glob("*.xlsx"))
    assert files == ["SA.xlsx", "SB.xlsx", "SC.xlsx"]
    assert _stamp(tmp_path / "verbund.xlsx")[META_EXAMPLE] == "ja"
    measures = list(load_workbook(tmp_path / "kommunen" / "SA.xlsx")["Maßnahmen"].values)
    assert len(measures) - 1 == 10


def test_default_output_folders_are_not_inputs() -> None:
    """It writes to outputs/ unless --out is given (inputs are never overwritten by default)."""
    for command, folder in (
        (workbooks.demo_data, "beispieldaten"),
        (workbooks.templates, "vorlagen"),
    ):
        default = inspect.signature(command).parameters["out"].default
        assert default == OUTPUTS / folder
        assert INPUTS not in default.parents
