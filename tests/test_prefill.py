"""Pre-filled workbooks: rejected rows as typed with their finding, a blank template's frame."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from parthe_reports.cli.app import app
from parthe_reports.cli.prefill import PrefillError, prefill_from_run
from parthe_reports.ingest import read_workbook
from parthe_reports.schema import GUIDE_SHEET
from parthe_reports.validate import check_file
from parthe_reports.workbooks.dropdowns import LISTS_SHEET
from parthe_reports.workbooks.template import write_templates
from tests.run_factory import make_run
from tests.workbook_factory import REGION, cell, municipal, regional, row, soffice_convert

runner = CliRunner()


def _inputs(tmp: Path) -> Path:
    """BRA with one good and one bad measure (cost „zwölf“); a valid Verbund-Workbook."""
    rows = {
        "measures": [
            row("measures"),
            row("measures", measure_id="M-BRA-02", title="Schlechte Kosten", cost_total="zwölf"),
        ]
    }
    municipal(tmp / "in" / "kommunen" / "BRA.xlsx", rows)
    regional(tmp / "in" / "verbund.xlsx")
    return tmp / "in"


def _measures(path: Path) -> list[tuple[object, ...]]:
    ws = load_workbook(path)["Maßnahmen"]
    return [tuple(c.value for c in r) for r in ws.iter_rows(min_row=2) if any(c.value for c in r)]


def test_rejected_row_comes_back_as_typed_with_its_finding(tmp_path: Path) -> None:
    """It writes the rejected row with „zwölf“ as typed, the cell red with the finding."""
    make_run(_inputs(tmp_path), tmp_path / "out", REGION)
    result = prefill_from_run(tmp_path / "out", "aktuell", REGION, tmp_path / "pre")
    assert result.rejected == 1 and not result.unavailable
    path = tmp_path / "pre" / "BRA.xlsx"
    rows = _measures(path)
    assert [r[0] for r in rows] == ["M-BRA-01", "M-BRA-02"]
    ws = load_workbook(path)["Maßnahmen"]
    bad, good = ws[cell("measures", "cost_total", 3)], ws[cell("measures", "cost_total", 2)]
    assert bad.value == "zwölf"
    assert "Fehler:" in bad.comment.text and "keine Zahl" in bad.comment.text
    assert good.value == 12500 and good.comment is None
    codes = [f.code for f in check_file(path, REGION).findings]
    assert codes.count("not-a-number") == 1  # the clerk sees the same Fehler again


def test_rejected_rows_from_the_feedback_copy_when_the_original_changed(tmp_path: Path) -> None:
    """It takes rejected rows from the run's Rückmeldung copy once the original was edited."""
    inputs = _inputs(tmp_path)
    make_run(inputs, tmp_path / "out", REGION, copies=True)
    municipal(inputs / "kommunen" / "BRA.xlsx", {"measures": [row("measures")]})  # edited since
    result = prefill_from_run(tmp_path / "out", "aktuell", REGION, tmp_path / "pre")
    assert result.rejected == 1 and not result.unavailable
    assert [r[0] for r in _measures(tmp_path / "pre" / "BRA.xlsx")] == ["M-BRA-01", "M-BRA-02"]


def test_rejected_rows_unavailable_without_original_or_copy(tmp_path: Path) -> None:
    """It names the workbook whose rejected rows it cannot bring back (no copy, original edited)."""
    inputs = _inputs(tmp_path)
    make_run(inputs, tmp_path / "out", REGION)
    municipal(inputs / "kommunen" / "BRA.xlsx", {"measures": [row("measures")]})
    result = prefill_from_run(tmp_path / "out", "aktuell", REGION, tmp_path / "pre")
    assert result.rejected == 0 and result.unavailable == ["BRA.xlsx"]
    assert [r[0] for r in _measures(tmp_path / "pre" / "BRA.xlsx")] == ["M-BRA-01"]


def _frame(path: Path) -> dict[str, object]:
    """What a template is besides its data: sheets, guide, lists, validations, formats, tables."""
    wb = load_workbook(path)
    out: dict[str, object] = {"sheets": wb.sheetnames}
    out["guide"] = [[c.value for c in r] for r in wb[GUIDE_SHEET].iter_rows()]
    out["lists"] = [[c.value for c in r] for r in wb[LISTS_SHEET].iter_rows()]
    for ws in wb.worksheets[1:]:
        out[ws.title] = (
            sorted(
                (str(dv.sqref), dv.formula1, dv.type) for dv in ws.data_validations.dataValidation
            ),
            {k: d.number_format for k, d in ws.column_dimensions.items()},
            [c.value for c in ws[1]] if ws.title not in ("_Vorlage",) else None,
            ws.freeze_panes,
            [t.displayName for t in ws.tables.values()],
        )
    return out


def test_prefilled_has_the_blank_templates_frame(tmp_path: Path) -> None:
    """It keeps dropdowns, formats, Anleitung and lists exactly as the blank template has them."""
    make_run(_inputs(tmp_path), tmp_path / "out", REGION)
    prefill_from_run(tmp_path / "out", "aktuell", REGION, tmp_path / "pre")
    blank = write_templates(REGION, tmp_path / "blank")
    for name in ("BRA.xlsx", "verbund.xlsx"):
        assert _frame(tmp_path / "pre" / name) == _frame(tmp_path / "blank" / name), name
    assert len(blank) == len(REGION.municipalities) + 1


def test_frame_comparison_sees_a_missing_dropdown(tmp_path: Path) -> None:
    """It tells a workbook without a dropdown from the blank template (the check can fail)."""
    blank = write_templates(REGION, tmp_path / "blank")[0]
    wb = load_workbook(blank)
    wb["Maßnahmen"].data_validations.dataValidation.pop()
    wb.save(tmp_path / "changed.xlsx")
    assert _frame(tmp_path / "changed.xlsx") != _frame(blank)


def test_municipality_without_data_gets_master_data(tmp_path: Path) -> None:
    """It pre-fills Stammdaten from the region for a municipality the run had no workbook of."""
    make_run(_inputs(tmp_path), tmp_path / "out", REGION)
    prefill_from_run(tmp_path / "out", "aktuell", REGION, tmp_path / "pre")
    raw = read_workbook(tmp_path / "pre" / "BOR.xlsx")
    assert raw.sheets["Stammdaten"].rows[1][1] == "BOR"
    assert not any(any(v not in (None, "") for v in r) for r in raw.sheets["Maßnahmen"].rows[1:])


def test_unknown_run_is_a_german_message(tmp_path: Path) -> None:
    """It refuses a run name that does not exist, naming the runs there are."""
    folder = make_run(_inputs(tmp_path), tmp_path / "out", REGION)
    with pytest.raises(PrefillError, match="nicht gefunden.*" + folder.name):
        prefill_from_run(tmp_path / "out", "2020-01-01_000000", REGION, tmp_path / "pre")


def test_cli_templates_vorbefuellt(tmp_path: Path) -> None:
    """It writes pre-filled workbooks from --aus-lauf and says how many rows it carried."""
    folder = make_run(_inputs(tmp_path), tmp_path / "out", REGION)
    args = ["templates", "--vorbefuellt", "--aus-lauf", folder.name]
    result = runner.invoke(app, [*args, "--outputs", str(tmp_path / "out"),
                                 "--out", str(tmp_path / "pre")])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert f"vorbefüllt aus Lauf {folder.name}" in result.output
    assert "1 abgelehnte Zeile rot, mit der Meldung als Kommentar" in result.output
    assert (tmp_path / "pre" / "BRA.xlsx").is_file()
    (folder / "Pruefergebnisse.json").unlink()  # a run of single phases keeps no findings
    result = runner.invoke(app, [*args, "--outputs", str(tmp_path / "out"),
                                 "--out", str(tmp_path / "pre2")])  # fmt: skip
    assert "keine Prüfergebnisse" in result.output and "keine abgelehnten" in result.output
    bad = runner.invoke(app, ["templates", "--vorbefuellt", "--outputs", str(tmp_path / "leer")])
    assert bad.exit_code == 2 and "keinen abgeschlossenen Lauf" in bad.output


@pytest.mark.libreoffice
def test_prefilled_workbook_converts_in_libreoffice(tmp_path: Path) -> None:
    """It writes a pre-filled workbook (with a comment) that LibreOffice converts without error."""
    make_run(_inputs(tmp_path), tmp_path / "out", REGION)
    prefill_from_run(tmp_path / "out", "aktuell", REGION, tmp_path / "pre")
    ods = soffice_convert(tmp_path / "pre" / "BRA.xlsx", "ods", tmp_path)
    sheets = read_workbook(ods).sheets
    assert "zwölf" in [v for r in sheets["Maßnahmen"].rows for v in r]
