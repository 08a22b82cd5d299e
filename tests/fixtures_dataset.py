"""Build ``Dataset`` objects from a few hand-written rows, the way validation would hand them over.

``make_dataset({"swot": [{"municipality": "AAA", "topic": "Kultur", ...}]})`` fills in every
schema column that a row leaves out (None), the provenance (``source_workbook`` = the
municipality's ``<code>.xlsx`` or ``verbund.xlsx``, ``source_sheet`` = the German sheet
name, ``source_row`` counting from 2 per workbook and sheet) and returns a Dataset.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

import pandas as pd

from parthe_reports.dataset import Dataset, empty_table, sheet_by_key, table_columns
from parthe_reports.region import Municipality, Region
from parthe_reports.schema import ColumnType

STICHTAG = date(2026, 11, 25)
TOPICS = ("Verwaltungsaufgaben", "Kultur", "Tourismus und Marketing")
QUESTIONS = ("Wofür stehen wir?", "Wie arbeiten wir zusammen?", "Was haben die Bürger davon?")


def small_region(
    codes: tuple[str, ...] = ("AAA", "BBB", "CCC"), topics: tuple[str, ...] = TOPICS
) -> Region:
    """A region of a few municipalities with made-up AGS and the given topics."""
    munis = tuple(
        Municipality(code=c, name=f"Gemeinde {c}", kind="Gemeinde", ags=f"147290{i:02d}")
        for i, c in enumerate(codes, start=1)
    )
    return Region(name="Testland", municipalities=munis, topics=topics, guiding_questions=QUESTIONS)


def table(key: str, rows: list[dict[str, Any]]) -> pd.DataFrame:
    """A typed table for sheet ``key`` from row dicts (missing columns None, provenance filled)."""
    sheet = sheet_by_key(key)
    if not rows:
        return empty_table(sheet)
    counters: dict[str, int] = defaultdict(lambda: 1)
    out = []
    for row in rows:
        muni = row.get("municipality")
        book = row.get("source_workbook") or (f"{muni}.xlsx" if muni else "verbund.xlsx")
        counters[book] += 1
        full = {c: None for c in table_columns(sheet)}
        full.update(source_workbook=book, source_sheet=sheet.name, source_row=counters[book])
        full.update(row)
        for col in sheet.columns:
            if col.type in (ColumnType.NUMBER, ColumnType.AMOUNT, ColumnType.PERCENT):
                full[col.key] = float("nan") if full[col.key] is None else float(full[col.key])
            if col.type is ColumnType.CODE_LIST:
                full[col.key] = tuple(full[col.key] or ())
        out.append(full)
    return pd.DataFrame(out, columns=table_columns(sheet))


def make_dataset(
    rows: dict[str, list[dict[str, Any]]],
    region: Region | None = None,
    stichtag: date = STICHTAG,
    missing: tuple[str, ...] = (),
) -> Dataset:
    """A Dataset of the given rows per sheet key (other sheets: empty tables)."""
    return Dataset(
        region=region or small_region(),
        stichtag=stichtag,
        tables={k: table(k, v) for k, v in rows.items()},
        missing_municipalities=missing,
    )
