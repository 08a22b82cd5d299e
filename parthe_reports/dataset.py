"""The data contract between reading/validation and consolidation.

A validated workbook becomes one ``pandas.DataFrame`` per sheet; the region's workbooks
are concatenated per sheet into a ``Dataset``. Columns of every table:

* the schema's column keys, in schema order, typed by column type:
  Text/ID/Kürzel/Auswahl → ``str`` or ``None`` (Auswahl holds the canonical value);
  Zahl/Betrag/Prozent → ``float`` (NaN when empty; Prozent as 0–100);
  Datum → ``datetime.date`` or ``None``; Zeitraum → canonical label (see ``periods``) or ``None``;
  Kürzel-Liste → ``tuple[str, ...]`` of codes („alle“ already expanded);
* provenance, recorded once when reading: ``source_workbook`` (file name),
  ``source_sheet`` (German sheet name), ``source_row`` (Excel row number, 1-based);
* ``<key>_approx`` (bool) for every Zahl/Betrag column: the clerk typed the value as
  approximate („ca. 5.000“, „~5000“); documents and Konsolidiert.xlsx keep the „ca.“;
* ``municipality``: the Kürzel of the Kommunal-Workbook the row came from
  (``None`` for rows of the Verbund-Workbook).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from parthe_reports.region import Region
from parthe_reports.schema import WORKBOOK_KINDS, ColumnType, Sheet

PROVENANCE = ("source_workbook", "source_sheet", "source_row")
MUNICIPALITY = "municipality"
APPROX_SUFFIX = "_approx"
_APPROXIMABLE = (ColumnType.NUMBER, ColumnType.AMOUNT)


def approx_columns(sheet: Sheet) -> dict[str, str]:
    """Value column key → its flag column (``cost_total`` → ``cost_total_approx``)."""
    return {c.key: c.key + APPROX_SUFFIX for c in sheet.columns if c.type in _APPROXIMABLE}


def table_columns(sheet: Sheet) -> list[str]:
    """Column names of a typed table for ``sheet``."""
    return [c.key for c in sheet.columns] + [
        *approx_columns(sheet).values(),
        *PROVENANCE,
        MUNICIPALITY,
    ]


def empty_table(sheet: Sheet) -> pd.DataFrame:
    """A table with the right columns and no rows (a sheet nobody delivered)."""
    return pd.DataFrame({c: pd.Series(dtype=object) for c in table_columns(sheet)})


def sheet_by_key(key: str) -> Sheet:
    for kind in WORKBOOK_KINDS.values():
        for sheet in kind.sheets:
            if sheet.key == key:
                return sheet
    raise KeyError(key)


@dataclass(frozen=True)
class SourceInfo:
    """One input workbook, as named in the sources appendix and the manifest."""

    workbook: str  # file name
    path: str
    sha256: str
    kind: str  # "municipal" / "regional"
    municipality: str | None  # Kürzel, for a Kommunal-Workbook
    template_version: str | None
    modified: date | None  # Stand: the workbook's last-modified date
    is_example: bool  # made from the shipped Beispieldaten
    errors: int = 0  # findings of severity Fehler
    warnings: int = 0
    notes: int = 0


@dataclass
class Dataset:
    """Everything consolidation needs: the region, the Stichtag and the typed tables."""

    region: Region
    stichtag: date
    tables: dict[str, pd.DataFrame]  # sheet key → concatenated typed table
    sources: list[SourceInfo] = field(default_factory=list)
    # Municipalities whose workbook is missing or could not be read at all.
    missing_municipalities: tuple[str, ...] = ()
    # Municipalities whose workbook was read but had rows rejected (Fehler).
    incomplete_municipalities: tuple[str, ...] = ()
    # Rows a plausibility finding questions: (workbook, sheet, Excel row) → its findings.
    questioned: dict[tuple[str, str, int], list[str]] = field(default_factory=dict)

    def table(self, key: str) -> pd.DataFrame:
        """The table for a sheet key; an empty, correctly shaped one when nobody delivered it."""
        t = self.tables.get(key)
        return t if t is not None else empty_table(sheet_by_key(key))

    @property
    def is_example(self) -> bool:
        return bool(self.sources) and all(s.is_example for s in self.sources)
