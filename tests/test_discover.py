"""The inputs folder as it lives on a shared drive: what is read, what is reported, exit codes."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parthe_reports.cli import app
from parthe_reports.discover import discover_inputs
from parthe_reports.errors import Severity
from parthe_reports.validate import build_dataset, check_file, check_region
from parthe_reports.validate.workbook import missing_municipalities
from tests.workbook_factory import REGION, municipal, regional

runner = CliRunner()


def _folder(tmp: Path, *extra: str) -> Path:
    regional(tmp / "verbund.xlsx")
    municipal(tmp / "kommunen" / "BRA.xlsx")
    for name in extra:
        (tmp / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp / name).write_bytes(b"%PDF-1.4 not a workbook")
    return tmp


@pytest.mark.parametrize(
    ("name", "code", "severity"),
    [
        ("kommunen/~$BRA.xlsx", "workbook-open", Severity.WARNING),
        ("kommunen/.~lock.BRA.xlsx#", "workbook-open", Severity.WARNING),
        ("kommunen/Thumbs.db", "system-file", Severity.NOTE),
        ("desktop.ini", "system-file", Severity.NOTE),
        ("kommunen/.DS_Store", "system-file", Severity.NOTE),
        ("kommunen/~WRL0001.tmp", "system-file", Severity.NOTE),
        ("kommunen/Anschreiben BRA.pdf", "not-a-workbook-file", Severity.NOTE),
        ("kommunen/Anschreiben.docx", "not-a-workbook-file", Severity.NOTE),
        ("kommunen/Erhebung.zip", "not-a-workbook-file", Severity.NOTE),
        ("kommunen/Export Maßnahmen.csv", "csv-export", Severity.WARNING),
        ("kommunen/alt/BRA_2025.xlsx", "ignored-folder", Severity.NOTE),
        ("kommunen/Archiv/BRA_v1.xlsx", "ignored-folder", Severity.NOTE),
        ("Alte Versionen/verbund.xlsx", "ignored-folder", Severity.NOTE),
    ],
)
def test_stray_file_is_not_read_and_reported(
    tmp_path: Path, name: str, code: str, severity: Severity
) -> None:
    """It leaves the stray file unread, names it with its code and severity, never a Fehler."""
    paths, findings = discover_inputs(_folder(tmp_path, name))
    assert sorted(p.name for p in paths) == ["BRA.xlsx", "verbund.xlsx"]
    assert [(f.code, f.severity) for f in findings] == [(code, severity)]
    named = Path(name).parent.name if code == "ignored-folder" else Path(name).name
    assert named in findings[0].message


def test_clean_folder_has_no_findings(tmp_path: Path) -> None:
    """It reads both workbooks of a clean folder and says nothing (README passes silently)."""
    paths, findings = discover_inputs(_folder(tmp_path, "README.txt", "kommunen/.snapshot/x.xlsx"))
    assert sorted(p.name for p in paths) == ["BRA.xlsx", "verbund.xlsx"]
    assert findings == []


def test_nested_sub_folder_of_kommunen_is_read(tmp_path: Path) -> None:
    """It reads workbooks in a sub-folder of kommunen/ that is not an old-versions folder."""
    _folder(tmp_path)
    municipal(tmp_path / "kommunen" / "Landkreis Ost" / "GRP.xlsx", code="GRP")
    paths, findings = discover_inputs(tmp_path)
    assert "GRP.xlsx" in [p.name for p in paths] and findings == []


def test_ignored_folder_names_are_configurable(tmp_path: Path) -> None:
    """It reads „alt“ when the configured names do not list it, and ignores „Ablage“ when they do."""
    _folder(tmp_path)
    municipal(tmp_path / "kommunen" / "alt" / "GRP.xlsx", code="GRP")
    municipal(tmp_path / "kommunen" / "Ablage" / "NAU.xlsx", code="NAU")
    paths, findings = discover_inputs(tmp_path, ("Ablage",))
    assert {p.name for p in paths} == {"BRA.xlsx", "verbund.xlsx", "GRP.xlsx"}
    assert [f.value for f in findings] == ["Ablage"]


def test_renamed_non_workbook_with_xlsx_extension_stays_a_fehler(tmp_path: Path) -> None:
    """It still reads a PDF renamed to .xlsx and reports not-a-workbook (Fehler)."""
    _folder(tmp_path, "kommunen/GRP.xlsx")
    paths, findings = discover_inputs(tmp_path)
    assert findings == []
    bad = check_file(next(p for p in paths if p.name == "GRP.xlsx"), REGION)
    assert [f.code for f in bad.errors] == ["not-a-workbook"]


def test_validate_exit_code_ignores_folder_findings(tmp_path: Path) -> None:
    """It exits 0 with stray files around and lists them in the console and the JSON."""
    _folder(tmp_path, "kommunen/~$BRA.xlsx", "kommunen/Anschreiben.pdf", "kommunen/alt/x.xlsx")
    out = tmp_path / "f.json"
    result = runner.invoke(app, ["validate", str(tmp_path), "--json", str(out)])
    assert result.exit_code == 0, result.output
    assert "Anschreiben.pdf" in result.output and "Sperrdatei" in result.output
    assert "Plausibilitätsprüfung (Stichtag " in result.output
    codes = [f["code"] for f in json.loads(out.read_text("utf-8"))["inputs_folder"]]
    assert sorted(codes) == ["ignored-folder", "not-a-workbook-file", "workbook-open"]


def test_validate_and_run_agree_on_missing_municipalities(tmp_path: Path) -> None:
    """It names the municipalities without a workbook as the run's Dataset does."""
    _folder(tmp_path)
    paths, _ = discover_inputs(tmp_path)
    books = check_region([check_file(p, REGION) for p in paths], REGION)
    expected = build_dataset(books, REGION, date(2026, 11, 25)).missing_municipalities
    assert expected == missing_municipalities(books, REGION) == ("BOR", "GRP", "NAU", "BEL", "PAR")
    out = tmp_path / "f.json"
    result = runner.invoke(app, ["validate", str(tmp_path), "--json", str(out)])
    assert "kein auswertbares Workbook von: BOR, GRP, NAU, BEL, PAR" in result.output
    assert json.loads(out.read_text("utf-8"))["missing_municipalities"] == list(expected)


def test_validate_without_missing_municipality_says_nothing(tmp_path: Path) -> None:
    """It prints no missing-workbook line when every municipality delivered."""
    regional(tmp_path / "verbund.xlsx")
    for m in REGION.municipalities:
        municipal(tmp_path / "kommunen" / f"{m.code}.xlsx", code=m.code)
    result = runner.invoke(app, ["validate", str(tmp_path)])
    assert "kein auswertbares Workbook" not in result.output


@pytest.mark.parametrize(("stichtag", "code"), [("2026-11-25", 0), ("25.11.", 2)])
def test_validate_stichtag_option(tmp_path: Path, stichtag: str, code: int) -> None:
    """It takes the Stichtag as JJJJ-MM-TT and refuses anything else with exit code 2."""
    _folder(tmp_path)
    result = runner.invoke(app, ["validate", str(tmp_path), "--stichtag", stichtag])
    assert result.exit_code == code, result.output
    assert ("Stichtag nicht lesbar" in result.output) == (code == 2)
