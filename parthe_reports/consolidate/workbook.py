"""Konsolidiert.xlsx and the machine-readable files (Parquet, CSV) of a ``Consolidated``.

One sheet per model table (``TABLES``), German headers (``headers``), German number
formats, frozen header row, autofilter. No cell can run as a formula: every text cell is
written with data type ``s`` (inline string) and, when it starts with ``= + - @``, with
Excel's quote prefix, so even editing the cell later keeps it text. The CSV files get
the same protection the OWASP way (a leading apostrophe); Parquet keeps the exact text.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from parthe_reports.consolidate.headers import FIGURE_LABELS, header
from parthe_reports.consolidate.models import Consolidated
from parthe_reports.consolidate.tables import TABLES
from parthe_reports.dataset import APPROX_SUFFIX, sheet_by_key
from parthe_reports.schema import ColumnType
from parthe_reports.xlsx_text import as_text, csv_text, text_cell

FMT_AMOUNT = '#,##0.00 "€"'
FMT_PERCENT = '0.0" %"'
FMT_INT = "#,##0"
FMT_FLOAT = "#,##0.00"
FMT_DATE = "DD.MM.YYYY"
DERIVED_AMOUNTS = {"measure_cost", "decided_requested", "decided_granted"}
DERIVED_PERCENTS = {"vacancy_rate", "approval", "funding_rate", "secured_share"}
HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")


def column_format(key: str, sheets: tuple[str, ...]) -> str | None:
    """Number format by schema column type (first matching sheet), else by derived key."""
    for sk in sheets:
        for col in sheet_by_key(sk).columns:
            if col.key == key:
                if col.type is ColumnType.AMOUNT:
                    return FMT_AMOUNT
                if col.type is ColumnType.PERCENT:
                    return FMT_PERCENT
                return FMT_INT if col.integer else None
    if key in DERIVED_AMOUNTS:
        return FMT_AMOUNT
    if key in DERIVED_PERCENTS:
        return FMT_PERCENT
    return None


def cell_value(value: Any) -> Any:
    """A model value as an Excel value: tuples joined, NaN empty, bools ja/nein, numpy → Python."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, tuple | list | np.ndarray):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool | np.bool_):
        return "ja" if value else "nein"
    if isinstance(value, pd.Timestamp | datetime):
        return value.date()
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        return None if math.isnan(value) else float(value)
    return value


class _Cells:
    """Cells for one sheet. openpyxl's write-only mode writes a row as soon as it is
    appended, so one styled cell per (column, number format) is reused from row to row
    instead of one new cell per value; within a row every column has its own cell."""

    def __init__(self, ws: Worksheet) -> None:
        self.ws = ws
        self.styled: dict[tuple[int, str], WriteOnlyCell] = {}

    def _styled(self, column: int, fmt: str) -> Any:
        cell = self.styled.get((column, fmt))
        if cell is None:
            cell = self.styled[column, fmt] = WriteOnlyCell(self.ws)
            cell.number_format = fmt
        return cell

    def text(self, v: str) -> Any:
        """Text as a string cell: never a formula, quote-prefixed when it looks like one."""
        return text_cell(self.ws, v)

    def __call__(self, column: int, value: Any, fmt: str | None) -> Any:
        v = cell_value(value)
        if v is None:
            return None
        if isinstance(v, str):
            return self.text(v)
        if isinstance(v, date):
            cell = self._styled(column, FMT_DATE)
        elif isinstance(v, int | float):
            cell = self._styled(column, fmt or (FMT_INT if float(v).is_integer() else FMT_FLOAT))
        else:
            return self.text(str(v))
        cell.value = v
        return cell


def approx_flags(cols: list[str]) -> dict[str, str]:
    """Value column → its „ca.“ flag column, for the pairs present in ``cols``."""
    return {
        c.removesuffix(APPROX_SUFFIX): c
        for c in cols
        if c.endswith(APPROX_SUFFIX) and c.removesuffix(APPROX_SUFFIX) in cols
    }


def _flagged(value: Any) -> bool:
    return isinstance(value, bool | np.bool_) and bool(value)


def _approx_format(fmt: str | None) -> str:
    """The column's number format with a leading „ca. “: the cell stays a number."""
    return '"ca. "' + (fmt or FMT_FLOAT)


def _write_sheet(
    wb: Workbook, title: str, df: pd.DataFrame, sheets: tuple[str, ...], fmt: str | None
) -> None:
    # „ca.“ flag columns are not shown: a flagged value carries „ca. “ in its number format.
    flags = approx_flags([str(c) for c in df.columns])
    marks = df[list(flags.values())] if flags else None
    df = df.drop(columns=list(flags.values())) if flags else df
    ws = wb.create_sheet(title)
    ws.freeze_panes = "A2"
    cols = [str(c) for c in df.columns]
    heads = [header(c, sheets) for c in cols]
    for i, h in enumerate(heads, start=1):
        ws.column_dimensions[get_column_letter(i)].width = min(max(len(h) + 2, 10), 50)
    if cols:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(cols))}{max(len(df), 1) + 1}"
    cells = _Cells(ws)
    head_cells = []
    for h in heads:
        c = as_text(WriteOnlyCell(ws, value=h))
        c.font = Font(bold=True)
        c.fill = HEADER_FILL
        c.alignment = Alignment(wrap_text=True, vertical="top")
        head_cells.append(c)
    ws.append(head_cells)
    fmts = [fmt or column_format(c, sheets) for c in cols]
    if marks is None:
        for row in df.itertuples(index=False, name=None):
            ws.append([cells(i, v, f) for i, (v, f) in enumerate(zip(row, fmts, strict=True))])
        return
    at = {cols.index(k): j for j, k in enumerate(flags)}
    for row, mark in zip(
        df.itertuples(index=False, name=None),
        marks.itertuples(index=False, name=None),
        strict=True,
    ):
        ws.append([
            cells(i, v, _approx_format(f) if i in at and _flagged(mark[at[i]]) else f)
            for i, (v, f) in enumerate(zip(row, fmts, strict=True))
        ])  # fmt: skip


PLAUSIBILITY = "plausibility"


def with_plausibility(
    df: pd.DataFrame, questioned: dict[tuple[str, str, int], list[str]]
) -> pd.DataFrame:
    """A column „Plausibilität“ with the findings that question a row, where any does."""
    cols = ("source_workbook", "source_sheet", "source_row")
    if not questioned or df.empty or not all(c in df.columns for c in cols):
        return df
    notes = [
        " | ".join(questioned.get((str(w), str(s), int(r)), []))
        if not (pd.isna(w) or pd.isna(s) or pd.isna(r))
        else ""
        for w, s, r in df[list(cols)].itertuples(index=False, name=None)
    ]
    return df.assign(**{PLAUSIBILITY: notes}) if any(notes) else df


def key_figures(c: Consolidated) -> pd.DataFrame:
    """The scalar figures and rules of all phases as one table (Kennzahlen)."""
    rows: list[tuple[str, str, Any]] = [
        ("Verbund", "Stichtag", c.stichtag),
        ("Verbund", "Kommunen ohne Workbook", ", ".join(c.missing_municipalities) or "keine"),
        (
            "Verbund",
            "Kommunen mit abgelehnten Zeilen",
            ", ".join(c.incomplete_municipalities) or "keine",
        ),
        ("Verbund", "Quellen", ", ".join(c.sources)),
    ]
    p1, p4, p5 = c.phase1, c.phase4, c.phase5
    rows += [
        ("Phase 1 Verwaltung", header(k, ("administration",)), v)
        for k, v in p1.admin_totals.items()
    ]
    rows += [
        ("Phase 1 Infrastruktur", header(k, ("infrastructure",)), v)
        for k, v in p1.infra_totals.items()
    ]
    rows += [
        ("Phase 1 Cluster", "Formel Kooperationspotenzial", p1.cooperation_formula),
        ("Phase 1 Cluster", "Formel Aufgabencluster", p1.task_formula),
        ("Phase 1 SWOT", "Regel Zusammenführung", p1.swot_merge_rule),
        (
            "Phase 2",
            "Themen ohne Teilstrategie",
            ", ".join(c.phase2.topics_without_sub_strategy) or "keine",
        ),
        (
            "Phase 3",
            "Leitfragen ohne Leitsatz",
            ", ".join(c.phase3.questions_without_statement) or "keine",
        ),
    ]
    rows += [("Phase 4", FIGURE_LABELS.get(k, k), v) for k, v in p4.totals.items()]
    rows += [("Phase 5", FIGURE_LABELS.get(k, k), v) for k, v in p5.totals.items()]
    rows += [
        ("Phase 5", FIGURE_LABELS["funding_rate"], p5.funding_rate),
        ("Phase 5", "Regel Förderquote", p5.funding_rate_rule),
        ("Phase 6", "empfohlene Option", c.phase6.recommended_option or "keine"),
    ]
    return pd.DataFrame(rows, columns=["area", "figure", "value"])


def profile_table(c: Consolidated) -> pd.DataFrame:
    """All Kommunalprofile comparisons in one long table."""
    parts = [
        p.comparison.assign(municipality=code, figure=p.comparison["figure"].map(FIGURE_LABELS))
        for code, p in c.profiles.items()
    ]
    if not parts:
        return pd.DataFrame(columns=["municipality", "figure", "value"])
    df = pd.concat(parts, ignore_index=True)
    return df[["municipality", *[x for x in df.columns if x != "municipality"]]]


def write_consolidated_workbook(c: Consolidated, path: Path) -> Path:
    """Write Konsolidiert.xlsx (Kennzahlen, Kommunalprofile, one sheet per model table)."""
    wb = Workbook(write_only=True)
    _write_sheet(wb, "Kennzahlen", key_figures(c), (), None)
    _write_sheet(wb, "Kommunalprofile", profile_table(c), (), None)
    for spec in TABLES:
        frame = with_plausibility(spec.frame(c), c.questioned)
        _write_sheet(wb, spec.title, frame, spec.sheets, spec.number_format)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def _arrow_safe(df: pd.DataFrame) -> pd.DataFrame:
    """Object columns Parquet can store: tuples → lists, mixed scalars → text."""
    out = df.copy()
    out.columns = [str(c) for c in out.columns]
    for col in out.columns:
        if out[col].dtype != object:
            continue
        kinds = {
            type(v)
            for v in out[col]
            if v is not None and not (isinstance(v, float) and math.isnan(v))
        }
        if kinds and kinds <= {tuple, list}:
            out[col] = out[col].map(
                lambda v: [str(x) for x in v] if isinstance(v, tuple | list) else None
            )
        elif len(kinds) > 1 and not kinds <= {int, float}:
            out[col] = out[col].map(lambda v: None if cell_value(v) is None else str(cell_value(v)))
    return out


def _csv_safe(value: Any) -> Any:
    return csv_text(cell_value(value))


def _csv_frame(df: pd.DataFrame) -> pd.DataFrame:
    """Only text-like (object) columns need defusing and joining; numbers stay as they are."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or str(out[col].dtype) in ("str", "string"):
            out[col] = out[col].map(_csv_safe)
    return out


def write_machine_readable(c: Consolidated, out_dir: Path) -> list[Path]:
    """One Parquet and one CSV file (UTF-8 with BOM, ``;``, decimal comma) per table."""
    out_dir.mkdir(parents=True, exist_ok=True)
    frames = {"kennzahlen": key_figures(c), "kommunalprofile": profile_table(c)}
    frames.update({spec.file_stem: spec.frame(c) for spec in TABLES})
    written: list[Path] = []
    for stem, df in frames.items():
        pq = out_dir / f"{stem}.parquet"
        _arrow_safe(df).to_parquet(pq, index=False, engine="pyarrow")
        csv = out_dir / f"{stem}.csv"
        _csv_frame(df).to_csv(csv, sep=";", decimal=",", index=False, encoding="utf-8-sig")
        written += [pq, csv]
    return written
