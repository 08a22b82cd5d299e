"""The rows a run rejected, in their original form, so a pre-filled workbook brings them back.

A run keeps only accepted rows as typed tables (``Eingangsdaten/``). A rejected row is
taken from the original workbook as the clerk typed it: the file at the path the run
recorded when its SHA-256 still matches, else the run's own annotated copy
(``Rueckmeldung/<name>_Rueckmeldung.xlsx``, the same cells). Which rows were rejected, and
why, comes from the run's findings (``Pruefergebnisse.json``): a row is rejected when a
Fehler names it, or its sheet or its workbook, and it is not among the accepted rows.
Rows that were merged as duplicates or skipped as instructions have no Fehler and stay out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from parthe_reports.dataset import PROVENANCE, SourceInfo
from parthe_reports.digest import sha256_file
from parthe_reports.errors import WorkbookError
from parthe_reports.ingest import RawSheet
from parthe_reports.isolate import read_isolated
from parthe_reports.region import Region
from parthe_reports.schema import WORKBOOK_KINDS, Sheet, normalize
from parthe_reports.validate.sheet import locate_columns
from parthe_reports.workbooks.feedback import feedback_file_name
from parthe_reports.workbooks.raw import cell, filled, find_sheet

ERROR = "Fehler"


@dataclass(frozen=True)
class RejectedRow:
    """One rejected row: where it belongs, its cells as typed, the findings per column."""

    sheet: str  # sheet key
    municipality: str | None  # Kürzel; None for the Verbund-Workbook
    source_row: int  # Excel row in the original workbook
    values: dict[str, Any]  # column key → cell value as typed (write_workbook conventions)
    comments: dict[str, str]  # column key → the findings' text


@dataclass
class Rejected:
    rows: list[RejectedRow] = field(default_factory=list)
    unavailable: list[str] = field(default_factory=list)  # workbooks whose original is gone


def rejected_rows(
    sources: Sequence[SourceInfo],
    findings: Sequence[Mapping[str, Any]],
    rejected_books: set[str],
    accepted: Mapping[str, pd.DataFrame],
    region: Region,
    copies: Path | None = None,
) -> Rejected:
    """Every rejected row of the run's workbooks whose original can still be read."""
    out = Rejected()
    by_book: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for f in findings:
        by_book[str(f.get("workbook"))].append(f)
    for source in sources:
        errors = [f for f in by_book.get(source.workbook, []) if f.get("severity") == ERROR]
        whole = source.workbook in rejected_books
        code = source.municipality if source.kind == "municipal" else None
        if source.kind not in WORKBOOK_KINDS or not (errors or whole):
            continue
        if source.kind == "municipal" and code not in region.codes:
            continue  # no municipality to give the rows back to
        path = _original(source, copies)
        try:
            sheets = read_isolated(path, region.read_limits).sheets if path else None
        except WorkbookError:
            sheets = None
        if sheets is None:
            out.unavailable.append(source.workbook)
            continue
        found = by_book[source.workbook]
        for sheet in WORKBOOK_KINDS[source.kind].sheets:
            raw = find_sheet(sheets, sheet)
            if raw is not None:
                kept = _accepted_rows(accepted.get(sheet.key), source.workbook)
                out.rows += _rows(raw, sheet, code, kept, found, whole)
    return out


def _original(source: SourceInfo, copies: Path | None) -> Path | None:
    path = Path(source.path)
    try:
        if path.is_file() and sha256_file(path) == source.sha256:
            return path
    except OSError:
        pass
    copy = copies / feedback_file_name(path) if copies else None
    return copy if copy and copy.is_file() else None


def _accepted_rows(table: pd.DataFrame | None, workbook: str) -> set[int]:
    if table is None or table.empty:
        return set()
    mine = table[table[PROVENANCE[0]] == workbook]
    return {int(r) for r in mine[PROVENANCE[2]]}


def _rows(
    raw: RawSheet,
    sheet: Sheet,
    code: str | None,
    kept: set[int],
    findings: Sequence[Mapping[str, Any]],
    whole_book: bool,
) -> list[RejectedRow]:
    located = locate_columns(raw.rows, sheet)
    if located is None:
        return []
    header, mapping = located
    mine = [f for f in findings if f.get("sheet") == raw.name]
    by_row: dict[int, list[Mapping[str, Any]]] = defaultdict(list)
    for f in mine:
        if f.get("row"):
            by_row[int(f["row"])].append(f)
    sheet_level = [f for f in by_row.get(header + 1, []) if f.get("severity") == ERROR]
    whole = whole_book or bool(sheet_level)
    out = []
    for r in range(header + 1, len(raw.rows)):
        excel_row = r + 1
        here = by_row.get(excel_row, [])
        if excel_row in kept or not any(filled(v) for v in raw.rows[r]):
            continue
        if not (whole or any(f.get("severity") == ERROR for f in here)):
            continue
        values = {
            key: cell(sheet, key, raw.rows[r][c] if c < len(raw.rows[r]) else None)
            for key, c in mapping.items()
        }
        out.append(RejectedRow(sheet.key, code, excel_row, values,
                               _comments(sheet, [*sheet_level, *here], values)))  # fmt: skip
    return out


def _comments(
    sheet: Sheet, findings: Sequence[Mapping[str, Any]], values: Mapping[str, Any]
) -> dict[str, str]:
    by_header = {normalize(c.header): c.key for c in sheet.columns}
    fallback = next((k for k, v in values.items() if v is not None), sheet.columns[0].key)
    texts: dict[str, list[str]] = defaultdict(list)
    for f in findings:
        key = by_header.get(normalize(str(f.get("column") or "")), fallback)
        key = key if key in values or key == fallback else fallback
        texts[key].append(f"{f.get('severity')}: {f.get('message')}")
    return {k: "\n".join(dict.fromkeys(v)) for k, v in texts.items()}
