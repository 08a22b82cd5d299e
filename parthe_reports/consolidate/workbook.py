"""Konsolidiert.xlsx and the machine-readable files (Parquet, CSV) of a ``Consolidated``.

One sheet per model table (``TABLES``), German headers (``headers``), German number
formats, frozen header row, autofilter. No cell can run as a formula: every text cell is
written with data type ``s`` (inline string) and, when it starts with ``= + - @``, with
Excel's quote prefix, so even editing the cell later keeps it text. The CSV files get
the same protection the OWASP way (a leading apostrophe); Parquet keeps the exact text.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
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
from parthe_reports.dataset import sheet_by_key
from parthe_reports.schema import ColumnType

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
FMT_AMOUNT = '#,##0.00 "€"'
FMT_PERCENT = '0.0" %"'
FMT_INT = "#,##0"
FMT_FLOAT = "#,##0.00"
FMT_DATE = "DD.MM.YYYY"
DERIVED_AMOUNTS = {"measure_cost", "decided_requested", "decided_granted"}
DERIVED_PERCENTS = {"vacancy_rate", "approval", "funding_rate", "secured_share"}
HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")


@dataclass(frozen=True)
class TableSpec:
    """One model table: sheet title, where it lives on ``Consolidated``, schema sheets for headers."""

    title: str
    phase: str
    field: str
    sheets: tuple[str, ...] = ()
    number_format: str | None = None  # for every numeric cell (matrices)

    def frame(self, c: Consolidated) -> pd.DataFrame:
        return getattr(getattr(c, self.phase), self.field)

    @property
    def file_stem(self) -> str:
        return f"{self.phase}_{self.field}"


_A, _I, _D, _S, _P = "administration", "infrastructure", "documents", "swot", "priorities"
_M, _G, _FA, _FP = "measures", "goals", "funding_applications", "programmes"
_MG = (_M, _G)
TABLES: tuple[TableSpec, ...] = (
    TableSpec("P1 Verwaltung", "phase1", "administration", (_A,)),
    TableSpec("P1 Verwaltung Thema×Kommune", "phase1", "admin_by_topic_municipality", (_A,)),
    TableSpec("P1 Verwaltung je Thema", "phase1", "admin_by_topic", (_A,)),
    TableSpec("P1 Verwaltung je Kommune", "phase1", "admin_by_municipality", (_A,)),
    TableSpec("P1 Aufgaben Potenzial hoch", "phase1", "high_potential_tasks", (_A,)),
    TableSpec("P1 Infrastruktur", "phase1", "infrastructure", (_I,)),
    TableSpec("P1 Infrastruktur Art×Kommune", "phase1", "infra_by_type_municipality", (_I,)),
    TableSpec("P1 Infrastruktur je Art", "phase1", "infra_by_type", (_I,)),
    TableSpec("P1 Infrastruktur je Kommune", "phase1", "infra_by_municipality", (_I,)),
    TableSpec("P1 Objekte schlechter Zustand", "phase1", "worst_objects", (_I,)),
    TableSpec("P1 Dokumente", "phase1", "documents", (_D,)),
    TableSpec("P1 Dokumente je Thema", "phase1", "documents_by_topic_status", (_D,)),
    TableSpec("P1 Prioritäten", "phase1", "priorities", (_P,)),
    TableSpec("P1 Prioritätenmatrix", "phase1", "priority_matrix", (_P,), "0"),
    TableSpec("P1 Rangfolge Themen", "phase1", "priority_ranking", (_P,)),
    TableSpec("P1 SWOT", "phase1", "swot", (_S,)),
    TableSpec("P1 SWOT zusammengeführt", "phase1", "swot_statements", (_S,)),
    TableSpec("P1 Themencluster", "phase1", "clusters", (_S,)),
    TableSpec("P1 Heatmap Kooperation", "phase1", "cluster_matrix", (_S,), "0.0"),
    TableSpec("P1 Aufgabencluster", "phase1", "cluster_tasks", (_A,)),
    TableSpec("P2 Teilstrategien", "phase2", "sub_strategies", ("sub_strategies",)),
    TableSpec(
        "P2 Teilstrategien je Thema", "phase2", "sub_strategies_by_topic", ("sub_strategies",)
    ),
    TableSpec(
        "P2 Teilstrategien je Kommune",
        "phase2",
        "sub_strategies_by_municipality",
        ("sub_strategies",),
    ),
    TableSpec("P2 Werkstätten", "phase2", "workshops", ("workshops",)),
    TableSpec("P2 Werkstätten Übersicht", "phase2", "workshop_summary", ("workshops",)),
    TableSpec("P2 Rahmenbedingungen", "phase2", "legal_framework", ("legal_framework",)),
    TableSpec("P3 Leitbild", "phase3", "mission_statement", ("mission_statement",)),
    TableSpec("P3 Verbundziele", "phase3", "goals", (_G,)),
    TableSpec("P3 Kommunikation", "phase3", "communication", ("communication",)),
    TableSpec("P4 Maßnahmen", "phase4", "measures", _MG),
    TableSpec("P4 Quick Wins", "phase4", "quick_wins", _MG),
    TableSpec("P4 Maßnahmen je Status", "phase4", "by_status", (_M,)),
    TableSpec("P4 Maßnahmen je Thema", "phase4", "by_topic", (_M,)),
    TableSpec("P4 Maßnahmen je Kommune", "phase4", "by_municipality", (_M,)),
    TableSpec("P4 Ziele ohne Maßnahme", "phase4", "goals_without_measures", (_G,)),
    TableSpec("P4 Maßnahmen ohne Ziel", "phase4", "measures_without_goal", _MG),
    TableSpec("P4 Zeitleiste", "phase4", "timeline", _MG),
    TableSpec("P5 Förderprogramme", "phase5", "programmes", (_FP,)),
    TableSpec("P5 Programme je Thema", "phase5", "programmes_by_topic_funder", (_FP,)),
    TableSpec("P5 Förderanträge", "phase5", "applications", (_FA, _FP, _G)),
    TableSpec("P5 Anträge je Status", "phase5", "applications_by_status", (_FA,)),
    TableSpec("P5 Anträge je Kommune", "phase5", "applications_by_municipality", (_FA,)),
    TableSpec("P5 Anträge je Programm", "phase5", "applications_by_programme", (_FA, _FP, _G)),
    TableSpec("P5 Fristen 90 Tage", "phase5", "deadlines", ()),
    TableSpec("P5 Maßnahmen ohne Antrag", "phase5", "measures_without_application", _MG),
    TableSpec("P5 Mittelbindung je Ziel", "phase5", "funding_by_goal", (_G, _FA)),
    TableSpec("P6 Strukturoptionen", "phase6", "structure_options", ("structure_options",)),
    TableSpec("P6 Meilensteine", "phase6", "milestones", ("schedule",)),
    TableSpec("P6 Veränderungsmanagement", "phase6", "change_management", ("change_management",)),
    TableSpec("P6 Veränderung je Status", "phase6", "change_by_status", ("change_management",)),
    TableSpec("P6 Folgeanträge", "phase6", "follow_up_applications", (_FA, _FP, _G)),
)


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
    """Cells for one sheet. openpyxl's write-only mode writes each cell as soon as it is
    yielded, so one styled cell per number format is reused instead of one per value."""

    def __init__(self, ws: Worksheet) -> None:
        self.ws = ws
        self.styled: dict[str, WriteOnlyCell] = {}

    def _styled(self, fmt: str) -> Any:
        cell = self.styled.get(fmt)
        if cell is None:
            cell = self.styled[fmt] = WriteOnlyCell(self.ws)
            cell.number_format = fmt
        return cell

    def text(self, v: str) -> Any:
        """Text as a string cell: never a formula, quote-prefixed when it looks like one."""
        if not v.startswith(DANGEROUS):
            return v  # openpyxl binds a plain str that does not start with "=" as text
        cell = WriteOnlyCell(self.ws)
        cell.value = v
        cell.data_type = "s"
        cell.quotePrefix = True
        return cell

    def __call__(self, value: Any, fmt: str | None) -> Any:
        v = cell_value(value)
        if v is None:
            return None
        if isinstance(v, str):
            return self.text(v)
        if isinstance(v, date):
            cell = self._styled(FMT_DATE)
        elif isinstance(v, int | float):
            cell = self._styled(fmt or (FMT_INT if float(v).is_integer() else FMT_FLOAT))
        else:
            return self.text(str(v))
        cell.value = v
        return cell


def _write_sheet(
    wb: Workbook, title: str, df: pd.DataFrame, sheets: tuple[str, ...], fmt: str | None
) -> None:
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
        c = WriteOnlyCell(ws, value=h)
        c.data_type = "s"
        c.font = Font(bold=True)
        c.fill = HEADER_FILL
        c.alignment = Alignment(wrap_text=True, vertical="top")
        head_cells.append(c)
    ws.append(head_cells)
    fmts = [fmt or column_format(c, sheets) for c in cols]
    for row in df.itertuples(index=False, name=None):
        ws.append([cells(v, f) for v, f in zip(row, fmts, strict=True)])


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
    rows += [("Phase 1 Verwaltung", header(k, (_A,)), v) for k, v in p1.admin_totals.items()]
    rows += [("Phase 1 Infrastruktur", header(k, (_I,)), v) for k, v in p1.infra_totals.items()]
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
        _write_sheet(wb, spec.title, spec.frame(c), spec.sheets, spec.number_format)
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
    v = cell_value(value)
    if isinstance(v, str) and v.startswith(DANGEROUS):
        return "'" + v
    return v


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
