"""The configurable per-sheet row limit and the [inputs] table of region.toml."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from parthe_reports.region import MAX_SHEET_ROWS, region_from_dict
from parthe_reports.validate import check_file
from tests.workbook_factory import REGION, municipal, row


def _six_measures(path: Path) -> Path:
    rows = [row("measures", measure_id=f"M-BRA-{i:02d}") for i in range(1, 7)]
    return municipal(path, {"measures": rows})


def test_sheet_above_the_limit_is_refused_naming_the_limit(tmp_path: Path) -> None:
    """It refuses a sheet with more data rows than the limit, says the limit, keeps the rest."""
    book = check_file(_six_measures(tmp_path / "BRA.xlsx"), replace(REGION, max_sheet_rows=5))
    assert [(f.code, f.sheet) for f in book.errors] == [("sheet-too-large", "Maßnahmen")]
    assert "höchstens 5 Zeilen" in book.errors[0].message and "6 Zeilen" in book.errors[0].message
    count = book.row_counts["measures"]
    assert (count.read, count.accepted, count.rejected) == (6, 0, 6)
    assert book.tables["measures"].empty and len(book.tables["swot"]) == 1
    assert not book.rejected


def test_sheet_at_the_limit_is_read(tmp_path: Path) -> None:
    """It reads a sheet with exactly as many rows as the limit."""
    book = check_file(_six_measures(tmp_path / "BRA.xlsx"), replace(REGION, max_sheet_rows=6))
    assert book.errors == [] and len(book.tables["measures"]) == 6


def _raw(**inputs: object) -> dict[str, object]:
    return {
        "name": "Testland",
        "topics": ["A"],
        "municipalities": [{"code": "AAA", "name": "A", "ags": "14729010"}],
        "inputs": inputs,
    }


def test_inputs_table_is_read_with_defaults() -> None:
    """It reads [inputs] from the region config and falls back to the defaults."""
    r = region_from_dict(_raw(ignored_folders=["Ablage"], max_sheet_rows=500))
    assert (r.ignored_folders, r.max_sheet_rows) == (("Ablage",), 500)
    d = region_from_dict(_raw())
    assert d.max_sheet_rows == MAX_SHEET_ROWS and "Archiv" in d.ignored_folders


@pytest.mark.parametrize("bad", [0, -3, "viel"])
def test_bad_row_limit_is_a_german_error(bad: object) -> None:
    """It refuses a row limit that is not a positive whole number, in German."""
    with pytest.raises(ValueError, match="max_sheet_rows"):
        region_from_dict(_raw(max_sheet_rows=bad))
