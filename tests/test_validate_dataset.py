"""build_dataset: tables concatenated per sheet, sources, missing and incomplete municipalities."""

from __future__ import annotations

import pickle
from datetime import date
from pathlib import Path

from parthe_reports.dataset import table_columns
from parthe_reports.ingest import discover_workbooks
from parthe_reports.schema import MEASURES
from parthe_reports.validate.crosscheck import check_region
from parthe_reports.validate.workbook import build_dataset, check_file
from tests.workbook_factory import REGION, municipal, regional, row


def _books(tmp: Path, nau_bad: bool = False):
    regional(tmp / "verbund.xlsx")
    municipal(tmp / "kommunen" / "BRA.xlsx")
    nau_rows = {"swot": [row("swot"), row("swot", weight=9 if nau_bad else 1)]}
    municipal(tmp / "kommunen" / "NAU.xlsx", nau_rows, code="NAU")
    (tmp / "kommunen" / "BOR.xlsx").write_text("kein Workbook")
    return check_region([check_file(p, REGION) for p in discover_workbooks(tmp)], REGION)


def test_dataset_tables_and_coverage(tmp_path: Path) -> None:
    """It concatenates accepted rows per sheet and names the missing and incomplete municipalities."""
    ds = build_dataset(_books(tmp_path, nau_bad=True), REGION, date(2026, 11, 25))
    swot = ds.table("swot")
    assert sorted(swot["municipality"]) == ["BRA", "NAU"]  # NAU's bad row rejected
    assert list(ds.table("measures").columns) == table_columns(MEASURES)
    assert ds.missing_municipalities == ("BOR", "GRP", "BEL", "PAR")
    assert ds.incomplete_municipalities == ("NAU",)
    assert {s.workbook for s in ds.sources} == {"BRA.xlsx", "NAU.xlsx", "BOR.xlsx", "verbund.xlsx"}
    bor = next(s for s in ds.sources if s.workbook == "BOR.xlsx")
    assert bor.errors == 1 and len(bor.sha256) == 64


def test_dataset_complete_when_clean(tmp_path: Path) -> None:
    """It reports no incomplete municipality when no row was rejected."""
    ds = build_dataset(_books(tmp_path), REGION, date(2026, 11, 25))
    assert ds.incomplete_municipalities == () and len(ds.table("swot")) == 3
    assert ds.table("goals")["goal_id"].tolist() == ["Z1"]


def test_validated_workbook_pickles(tmp_path: Path) -> None:
    """It gives a picklable result (Prefect tasks move it between processes)."""
    book = next(b for b in _books(tmp_path) if b.name == "BRA.xlsx")
    again = pickle.loads(pickle.dumps(book))
    assert again.source == book.source and again.tables["swot"].equals(book.tables["swot"])


def test_every_value_names_its_cell(tmp_path: Path) -> None:
    """It names the cell of a value from its row provenance and column."""
    book = next(b for b in _books(tmp_path) if b.name == "BRA.xlsx")
    r = int(book.tables["measures"]["source_row"].iloc[0])
    assert book.cell("measures", "cost_total", r) == "I2"
    assert book.cell("measures", "no_such_column", r) is None
