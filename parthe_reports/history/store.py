"""A run's consolidated input data as Parquet: ``<run>/Eingangsdaten/<sheet_key>.parquet``.

Why Parquet per run folder (and DuckDB to query it) rather than one embedded database:
a run folder is written once and never changed, so immutable files fit it exactly;
two runs started at once never share a file (no lock, no half-written database when a
run is killed); pruning a run is deleting its folder; and the files stay readable by
pandas, DuckDB, R or Excel's Power Query without our code. Queries across runs (e.g.
funding granted over time) are one DuckDB ``read_parquet`` over a glob, no import step.

Parquet cannot hold Python tuples or ``datetime.date`` objects in an object column, so
the Arrow type of every column comes from the schema's column type (Kürzel-Liste →
``list<string>``, Datum → ``date32``) and is turned back into the ``Dataset`` contract's
Python values when loading.
"""

from __future__ import annotations

import math
import os
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from parthe_reports.dataset import (
    APPROX_SUFFIX,
    MUNICIPALITY,
    PROVENANCE,
    sheet_by_key,
    table_columns,
)
from parthe_reports.schema import ColumnType, Sheet

# Not "Daten": that folder holds the consolidated (model) tables for users (pipeline), and
# on a case-insensitive Windows share "daten" and "Daten" would be one folder.
DATA_DIR = "Eingangsdaten"
_NUMERIC = {ColumnType.NUMBER, ColumnType.AMOUNT, ColumnType.PERCENT}


def arrow_type(sheet: Sheet, column: str) -> pa.DataType:
    """The Arrow type of a typed-table column (schema columns by type, then provenance)."""
    if column == "source_row":
        return pa.int64()
    if column in (*PROVENANCE, MUNICIPALITY):
        return pa.string()
    if column.endswith(APPROX_SUFFIX):  # the „ca.“ flag of a number column
        return pa.bool_()
    ctype = sheet.column(column).type
    if ctype in _NUMERIC:
        return pa.float64()
    if ctype == ColumnType.DATE:
        return pa.date32()
    if ctype == ColumnType.CODE_LIST:
        return pa.list_(pa.string())
    return pa.string()


def _to_arrow_value(value: Any, typ: pa.DataType) -> Any:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return None
    if pa.types.is_list(typ):
        return [str(v) for v in value]
    if pa.types.is_date32(typ):
        return value.date() if isinstance(value, datetime) else value
    if pa.types.is_float64(typ):
        return float(value)
    if pa.types.is_int64(typ):
        return int(value)
    if pa.types.is_boolean(typ):
        return bool(value)
    return str(value)


def table_to_arrow(sheet: Sheet, frame: pd.DataFrame) -> pa.Table:
    """A typed table as an Arrow table with the schema-given types.

    Columns outside the contract (none are expected) are kept as text rather than lost.
    """
    known = table_columns(sheet)
    columns = known + [c for c in frame.columns if c not in known]
    arrays, fields = [], []
    for col in columns:
        typ = arrow_type(sheet, col) if col in known else pa.string()
        values = frame[col].tolist() if col in frame.columns else [None] * len(frame)
        arrays.append(pa.array([_to_arrow_value(v, typ) for v in values], type=typ))
        fields.append(pa.field(col, typ))
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))


def arrow_to_table(sheet: Sheet, table: pa.Table) -> pd.DataFrame:
    """Back to the ``Dataset`` contract: str/None, float/NaN, date/None, tuple of codes."""
    data: dict[str, pd.Series] = {}
    for name in table.column_names:
        values = table.column(name).to_pylist()
        typ = table.schema.field(name).type
        if pa.types.is_float64(typ):
            data[name] = pd.Series(values, dtype="float64")
        elif pa.types.is_int64(typ):
            data[name] = pd.Series(values, dtype="Int64" if None in values else "int64")
        elif pa.types.is_boolean(typ):
            data[name] = pd.Series([bool(v) for v in values], dtype=bool)
        elif pa.types.is_list(typ):
            data[name] = pd.Series([None if v is None else tuple(v) for v in values], dtype=object)
        else:
            data[name] = pd.Series(values, dtype=object)
    return pd.DataFrame(data, index=pd.RangeIndex(table.num_rows))


def write_tables(tables: dict[str, pd.DataFrame], run_dir: Path) -> dict[str, int]:
    """Write every typed table to ``<run_dir>/Eingangsdaten/<key>.parquet``; rows per key.

    Each file is written to a temporary name and renamed, so a killed run leaves no
    half-written file under its final name.
    """
    out = run_dir / DATA_DIR
    out.mkdir(parents=True, exist_ok=True)
    rows: dict[str, int] = {}
    for key, frame in sorted(tables.items()):
        table = table_to_arrow(sheet_by_key(key), frame)
        target = out / f"{key}.parquet"
        tmp = target.with_name(f".{target.name}.tmp")
        pq.write_table(table, tmp, compression="zstd")
        os.replace(tmp, target)
        rows[key] = table.num_rows
    return rows


def read_tables(run_dir: Path) -> dict[str, pd.DataFrame]:
    """Every table a run kept, by sheet key (unknown files are skipped)."""
    tables: dict[str, pd.DataFrame] = {}
    for path in sorted((run_dir / DATA_DIR).glob("*.parquet")):
        try:
            sheet = sheet_by_key(path.stem)
        except KeyError:
            continue
        tables[path.stem] = arrow_to_table(sheet, pq.read_table(path))
    return tables


def iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
