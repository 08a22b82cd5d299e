"""Round trip: a pre-filled workbook read back unchanged gives the run's tables, no new findings."""

from __future__ import annotations

import math
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from openpyxl import load_workbook

from parthe_reports.cli.prefill import prefill_from_run
from parthe_reports.dataset import MUNICIPALITY, PROVENANCE
from parthe_reports.demo.data import synthetic_region, write_example_data
from parthe_reports.history import load_run
from parthe_reports.ingest import read_workbook
from parthe_reports.region import Region
from parthe_reports.schema import META_FILLED_FROM, MUNICIPAL, REGIONAL
from parthe_reports.validate import ValidatedWorkbook, build_dataset
from tests.run_factory import STICHTAG, make_run, read_folder
from tests.workbook_factory import REGION

INPUTS = Path(__file__).resolve().parents[1] / "inputs"
SHEETS = [s.key for kind in (MUNICIPAL, REGIONAL) for s in kind.sheets]


def _plain(v: Any) -> Any:
    if v is None or v is pd.NaT or (isinstance(v, float) and math.isnan(v)):
        return None
    return v


def by_municipality(tables: dict[str, pd.DataFrame]) -> dict[str, dict[str, list[dict]]]:
    """Sheet key → municipality → its rows (values only, provenance dropped), in order."""
    out: dict[str, dict[str, list[dict]]] = {}
    for key, table in tables.items():
        groups: dict[str, list[dict]] = {}
        for row in table.to_dict("records"):
            values = {k: _plain(v) for k, v in row.items() if k not in PROVENANCE}
            groups.setdefault(str(row.get(MUNICIPALITY)), []).append(values)
        out[key] = groups
    return out


def finding_keys(books: list[ValidatedWorkbook]) -> Counter[tuple[Any, ...]]:
    """Findings by what they say about which data (not by file name or row number)."""
    return Counter(
        (b.source.municipality, f.code, f.severity.value, f.sheet, f.column)
        for b in books
        for f in b.findings
    )


def round_trip(inputs: Path, tmp: Path, region: Region) -> tuple[Path, list[ValidatedWorkbook]]:
    folder = make_run(inputs, tmp / "outputs", region)
    prefill_from_run(tmp / "outputs", "aktuell", region, tmp / "pre")
    return folder, read_folder(tmp / "pre", region)


def assert_same(folder: Path, books: list[ValidatedWorkbook], region: Region) -> None:
    run = load_run(folder)
    again = build_dataset(books, region, STICHTAG)
    before, after = by_municipality(run.tables), by_municipality(again.tables)
    for key in SHEETS:
        assert after[key] == before[key], key


def test_example_data_round_trip(tmp_path: Path) -> None:
    """It reads the pre-filled example workbooks back as the run's tables, every sheet."""
    original = read_folder(INPUTS, REGION)
    folder, books = round_trip(INPUTS, tmp_path, REGION)
    run = load_run(folder)
    assert all(len(run.tables[k]) > 0 for k in SHEETS)  # every sheet of both kinds carries rows
    assert_same(folder, books, REGION)
    new = finding_keys(books) - finding_keys(original)
    assert not new, new


def test_round_trip_notices_a_changed_value(tmp_path: Path) -> None:
    """It fails the comparison when one pre-filled cell differs (the check is not vacuous)."""
    folder, _ = round_trip(INPUTS, tmp_path, REGION)
    path = tmp_path / "pre" / "BOR.xlsx"
    wb = load_workbook(path)
    wb["Maßnahmen"]["A2"].value = "M-BOR-99"
    wb.save(path)
    with pytest.raises(AssertionError, match="measures"):
        assert_same(folder, read_folder(tmp_path / "pre", REGION), REGION)


def test_synthetic_region_round_trip(tmp_path: Path) -> None:
    """It round-trips a synthetic region of 9 municipalities with „ca.“ values and all sheets."""
    region = synthetic_region(9, REGION)
    write_example_data(tmp_path / "in", region, seed=11)
    original = read_folder(tmp_path / "in", region)
    folder, books = round_trip(tmp_path / "in", tmp_path, region)
    assert len([b for b in books if b.source.kind == "municipal"]) == 9
    assert_same(folder, books, region)
    assert not finding_keys(books) - finding_keys(original)


def test_stamp_records_the_run(tmp_path: Path) -> None:
    """It stamps the run's name into _Vorlage and the document properties; a blank one has none."""
    folder, _ = round_trip(INPUTS, tmp_path, REGION)
    path = tmp_path / "pre" / "verbund.xlsx"
    assert read_workbook(path).stamp[META_FILLED_FROM] == folder.name
    props = {p.name: p.value for p in load_workbook(path).custom_doc_props.props}
    assert props[META_FILLED_FROM] == folder.name
    shutil.rmtree(tmp_path / "blank", ignore_errors=True)
    from parthe_reports.workbooks.template import write_templates

    blank = write_templates(REGION, tmp_path / "blank")[-1]
    assert META_FILLED_FROM not in read_workbook(blank).stamp
