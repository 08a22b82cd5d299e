"""``upgrade``: an older workbook as the current template, every value carried, original kept."""

from __future__ import annotations

import hashlib
import math
import shutil
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from parthe_reports.cli.app import app
from parthe_reports.dataset import PROVENANCE
from parthe_reports.ingest import read_workbook
from parthe_reports.schema import META_TEMPLATE_VERSION, TEMPLATE_VERSION
from parthe_reports.validate import ValidatedWorkbook, check_file
from parthe_reports.workbooks.upgrade import (
    META_UPGRADED_FROM,
    UpgradeError,
    target_path,
    upgrade_workbook,
)
from tests.workbook_factory import REGION, edit, municipal, row

V1 = Path(__file__).parent / "fixtures" / "contract_v1"
runner = CliRunner()


def values(book: ValidatedWorkbook) -> dict[str, list[dict[str, Any]]]:
    """Typed rows per sheet without provenance (row numbers and file names differ)."""

    def plain(v: Any) -> Any:
        return None if v is None or (isinstance(v, float) and math.isnan(v)) else v

    return {
        key: [{k: plain(v) for k, v in r.items() if k not in PROVENANCE}
              for r in table.to_dict("records")]
        for key, table in book.tables.items()
    }  # fmt: skip


@pytest.mark.parametrize("name", ["BOR.xlsx", "verbund.xlsx"])
def test_upgraded_v1_validates_clean_and_reads_back_identically(tmp_path: Path, name: str) -> None:
    """It writes a version-1 fixture as the current template: no finding, the same typed data."""
    src = tmp_path / name
    shutil.copy(V1 / name, src)
    before = hashlib.sha256(src.read_bytes()).hexdigest()
    done = upgrade_workbook(src, REGION, tmp_path / "neu")
    assert done.version == "1.0" and done.target == tmp_path / "neu" / name
    old, new = check_file(src, REGION), check_file(done.target, REGION)
    assert [f.code for f in old.findings] == ["old-template-version"]
    assert new.findings == []
    assert values(new) == values(old)
    assert sum(len(t) for t in new.tables.values()) == done.rows > 0
    stamp = read_workbook(done.target).stamp
    assert stamp[META_TEMPLATE_VERSION] == TEMPLATE_VERSION and stamp[META_UPGRADED_FROM] == "1.0"
    assert hashlib.sha256(src.read_bytes()).hexdigest() == before  # the original untouched


def test_upgraded_workbook_has_the_new_sheets_and_columns(tmp_path: Path) -> None:
    """It puts the sheets and columns of version 2 in place, empty, in the upgraded Verbund file."""
    done = upgrade_workbook(V1 / "verbund.xlsx", REGION, tmp_path)
    wb = load_workbook(done.target)
    assert {"Bewertungen", "Kriterien", "Strukturbewertung"} <= set(wb.sheetnames)
    headers = [c.value for c in wb["Förderprogramme"][1]]
    assert "Höchstbetrag" in headers and "Status" in headers
    assert "Bewertungen" not in load_workbook(V1 / "verbund.xlsx").sheetnames


def test_never_overwrites_the_original(tmp_path: Path) -> None:
    """It writes next to the file as <Name>_aktualisiert.xlsx, also when --out is its folder."""
    src = tmp_path / "BOR.xlsx"
    shutil.copy(V1 / "BOR.xlsx", src)
    assert target_path(src, None) == tmp_path / "BOR_aktualisiert.xlsx"
    assert target_path(src, tmp_path) == tmp_path / "BOR_aktualisiert.xlsx"
    assert target_path(src, tmp_path / "x") == tmp_path / "x" / "BOR.xlsx"


def test_faulty_values_and_extra_columns_are_carried(tmp_path: Path) -> None:
    """It keeps a faulty value as typed and a column of the clerk's own right of the table."""
    src = municipal(tmp_path / "BRA.xlsx", {"measures": [row("measures", cost_total="zwölf")]},
                    version="1.0")  # fmt: skip
    edit(src, lambda wb: wb["Maßnahmen"].cell(1, 30, "Bemerkung Kämmerei") and
         wb["Maßnahmen"].cell(2, 30, "prüfen"))  # fmt: skip
    done = upgrade_workbook(src, REGION, tmp_path / "neu")
    assert done.extra_columns == {"Maßnahmen": ["Bemerkung Kämmerei"]}
    book = check_file(done.target, REGION)
    codes = sorted(f.code for f in book.findings)
    assert codes == ["extra-column", "not-a-number"]
    ws = load_workbook(done.target)["Maßnahmen"]
    cells = [c.value for r in ws.iter_rows() for c in r]
    assert "zwölf" in cells and "prüfen" in cells


def test_newer_version_is_refused(tmp_path: Path) -> None:
    """It refuses to upgrade a workbook of a version newer than the code."""
    src = municipal(tmp_path / "BRA.xlsx", version="9.0")
    with pytest.raises(UpgradeError, match="neuer als dieses Programm"):
        upgrade_workbook(src, REGION, tmp_path / "neu")
    assert not (tmp_path / "neu").exists()


def test_cli_upgrade(tmp_path: Path) -> None:
    """It upgrades several files in one call and fails (exit 1) naming the one it could not."""
    src = tmp_path / "BOR.xlsx"
    shutil.copy(V1 / "BOR.xlsx", src)
    newer = municipal(tmp_path / "BRA.xlsx", version="9.0")
    result = runner.invoke(app, ["upgrade", str(src), str(newer), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert f"BOR.xlsx (Vorlage 1.0) → {tmp_path / 'o' / 'BOR.xlsx'}" in result.output
    assert "BRA.xlsx: nicht übertragen" in result.output
    assert (tmp_path / "o" / "BOR.xlsx").is_file() and not (tmp_path / "o" / "BRA.xlsx").exists()
