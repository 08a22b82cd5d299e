"""Workbooks of the current template, pre-filled with a completed run's data (the next period).

Each municipality's Kommunal-Workbook and the Verbund-Workbook are written exactly as a
blank template (``template.write_workbook``: dropdowns, formats, Anleitung, stamp), with

* every accepted row as consolidated: typed values written back so that reading the
  workbook again gives the same typed table (numbers as numbers, dates as dates, canonical
  vocabulary, Kürzel-Listen joined, „ca.“ values as „ca. 1.234,5“ text);
* every rejected row in its original form, its cell red with the finding as a comment
  (``rejected.rejected_rows``), in its original place among the accepted rows;
* the stamp key ``schema.META_FILLED_FROM`` naming the run.

The round trip (read back unchanged → the run's tables, no new findings) is tested in
tests/test_prefill_roundtrip.py.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from parthe_reports import german
from parthe_reports.dataset import APPROX_SUFFIX, MUNICIPALITY, PROVENANCE
from parthe_reports.paths import REGIONAL_WORKBOOK
from parthe_reports.region import Municipality, Region
from parthe_reports.schema import (
    META_FILLED_FROM,
    MUNICIPAL,
    REGIONAL,
    Column,
    ColumnType,
    Sheet,
    WorkbookKind,
)
from parthe_reports.workbooks.rejected import RejectedRow
from parthe_reports.workbooks.template import (
    master_data_row,
    template_file_name,
    write_workbook,
)

Record = dict[str, Any]


@dataclass(frozen=True)
class RunContent:
    """What a pre-fill needs of a run: its name, accepted tables and rejected rows."""

    name: str
    tables: Mapping[str, pd.DataFrame]
    rejected: Sequence[RejectedRow] = ()
    is_example: bool = False


def cell_value(col: Column, value: Any, approx: bool = False) -> Any:
    """A typed value (dataset contract) as the cell ``write_workbook`` should write."""
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    if col.type is ColumnType.CODE_LIST:
        return ", ".join(value) if value else None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, float) and col.type in (ColumnType.NUMBER, ColumnType.AMOUNT):
        if approx:  # „ca.“ survives as the clerk typed it; parse reads it back with the flag
            return "ca. " + _exact_german(value)
        return int(value) if value.is_integer() and abs(value) < 2**53 else value
    if isinstance(value, date | float | int | str):
        return value
    return str(value)


def _exact_german(value: float) -> str:
    """``1234.5`` → ``1.234,5`` with every decimal the float has (no rounding)."""
    decimals = 0 if value.is_integer() else len(repr(value).split(".")[1].split("e")[0])
    return german.number(value, decimals, fixed=decimals > 0)


def accepted_records(sheet: Sheet, table: pd.DataFrame) -> list[tuple[int, Record]]:
    """(source row, cell values by column key) of every row of a typed table."""
    flags = {c.key: c.key + APPROX_SUFFIX for c in sheet.columns}
    out = []
    for row in table.to_dict("records"):
        record = {
            c.key: cell_value(c, row.get(c.key), bool(row.get(flags[c.key], False)))
            for c in sheet.columns
        }
        out.append((int(row.get(PROVENANCE[2]) or 0), record))
    return out


def sheet_rows(
    sheet: Sheet, table: pd.DataFrame | None, rejected: Sequence[RejectedRow]
) -> tuple[list[Record], dict[tuple[int, str], str]]:
    """Accepted and rejected rows of one sheet in their original order, and the comments."""
    entries: list[tuple[int, int, Record, dict[str, str]]] = []
    if table is not None and not table.empty:
        entries += [(r, 0, rec, {}) for r, rec in accepted_records(sheet, table)]
    entries += [(r.source_row, 1, dict(r.values), r.comments) for r in rejected]
    entries.sort(key=lambda e: (e[0], e[1]))
    rows = [e[2] for e in entries]
    comments = {(i, key): text for i, e in enumerate(entries) for key, text in e[3].items()}
    return rows, comments


def _own(table: pd.DataFrame | None, code: str | None) -> pd.DataFrame | None:
    if table is None or table.empty or MUNICIPALITY not in table:
        return table
    mask = table[MUNICIPALITY].isna() if code is None else table[MUNICIPALITY] == code
    return table[mask]


def _workbook(
    path: Path,
    kind: WorkbookKind,
    region: Region,
    municipality: Municipality | None,
    run: RunContent,
) -> Path:
    code = municipality.code if municipality else None
    rows: dict[str, list[Record]] = {}
    comments: dict[str, dict[tuple[int, str], str]] = {}
    for sheet in kind.sheets:
        mine = [r for r in run.rejected if r.sheet == sheet.key and r.municipality == code]
        rows[sheet.key], comments[sheet.key] = sheet_rows(
            sheet, _own(run.tables.get(sheet.key), code), mine
        )
    if municipality is not None and not rows.get("master_data"):
        rows["master_data"] = [master_data_row(municipality)]
    return write_workbook(path, kind, region, municipality, rows=rows, example=run.is_example,
                          stamp={META_FILLED_FROM: run.name}, comments=comments)  # fmt: skip


def write_prefilled(region: Region, run: RunContent, out_dir: Path) -> list[Path]:
    """One pre-filled Kommunal-Workbook per municipality and ``verbund.xlsx``, named as
    the blank templates are (``template.write_templates``)."""
    paths = [
        _workbook(out_dir / template_file_name(m), MUNICIPAL, region, m, run)
        for m in region.municipalities
    ]
    paths.append(_workbook(out_dir / REGIONAL_WORKBOOK.name, REGIONAL, region, None, run))
    return paths
