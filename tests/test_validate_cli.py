"""``parthe-reports validate``: exit codes, JSON keys, feedback copies, console table."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from parthe_reports.cli import app
from tests.workbook_factory import municipal, regional, row

runner = CliRunner()


def _inputs(tmp: Path, bad: bool) -> Path:
    regional(tmp / "verbund.xlsx")
    rows = {"measures": [row("measures", cost_total="zwölf" if bad else "12.500 €")]}
    municipal(tmp / "kommunen" / "BRA.xlsx", rows)
    return tmp


def test_exit_1_and_json_on_errors(tmp_path: Path) -> None:
    """It exits 1 on Fehler and writes every finding with the agreed keys plus row accounting."""
    out = tmp_path / "out" / "findings.json"
    result = runner.invoke(
        app, ["validate", str(_inputs(tmp_path / "in", True)), "--json", str(out)]
    )
    assert result.exit_code == 1, result.output
    data = json.loads(out.read_text("utf-8"))
    f = next(f for f in data["findings"] if f["code"] == "not-a-number")
    assert set(f) == {
        "code",
        "severity",
        "workbook",
        "sheet",
        "cell",
        "row",
        "column",
        "value",
        "expected",
        "message",
    }
    assert (f["sheet"], f["cell"], f["severity"]) == ("Maßnahmen", "I2", "Fehler")
    bra = next(w for w in data["workbooks"] if w["workbook"] == "BRA.xlsx")
    assert bra["rows"]["Maßnahmen"] == {"read": 1, "accepted": 0, "rejected": 1, "merged": 0}


def test_exit_0_without_errors_and_feedback(tmp_path: Path) -> None:
    """It exits 0 when there are no Fehler and writes one annotated copy per workbook."""
    fb = tmp_path / "fb"
    result = runner.invoke(
        app, ["validate", str(_inputs(tmp_path / "in", False)), "--feedback", str(fb)]
    )
    assert result.exit_code == 0, result.output
    assert "Prüfergebnis der Workbooks" in result.output
    assert sorted(p.name for p in fb.iterdir()) == [
        "BRA_Rueckmeldung.xlsx",
        "verbund_Rueckmeldung.xlsx",
    ]


def test_exit_2_when_it_cannot_run(tmp_path: Path) -> None:
    """It exits 2 for a missing input folder or an empty one."""
    assert runner.invoke(app, ["validate", str(tmp_path / "fehlt")]).exit_code == 2
    assert runner.invoke(app, ["validate", str(tmp_path)]).exit_code == 2
