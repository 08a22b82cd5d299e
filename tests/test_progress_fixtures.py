"""Fixture runs for the history and progress tests: two small Datasets with known changes.

Between ``OLD`` and ``NEW``: M-BRA-01 started (geplant → in Umsetzung), M-BRA-02 finished
(in Umsetzung → umgesetzt), FA-BRA-01 granted (60.000 €), FA-BRA-02 refused, the milestone
„Zweckvereinbarung beschlossen“ became late, GRP added a SWOT statement, and BOR did not
update its workbook (same SHA-256). Nothing else differs.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from parthe_reports import history, runs
from parthe_reports.dataset import (
    Dataset,
    SourceInfo,
    approx_columns,
    sheet_by_key,
    table_columns,
)
from parthe_reports.region import Region, region_from_dict
from parthe_reports.schema import ColumnType

REGION = region_from_dict(
    {
        "name": "Partheland",
        "full_name": "Interkommunaler Verbundraum Partheland",
        "topics": ["Verwaltungsaufgaben", "Kultur", "Tourismus und Marketing"],
        "municipalities": [
            {"code": "BOR", "name": "Borsdorf", "kind": "Gemeinde", "ags": "14729060"},
            {"code": "BRA", "name": "Brandis", "kind": "Stadt", "ags": "14729070"},
            {"code": "GRP", "name": "Großpösna", "kind": "Gemeinde", "ags": "14729190"},
        ],
    }
)
_NUMERIC = {ColumnType.NUMBER, ColumnType.AMOUNT, ColumnType.PERCENT}


def table(key: str, rows: list[dict[str, Any]]) -> pd.DataFrame:
    """A typed table as validation yields it; each row names its ``_wb`` (workbook file)."""
    sheet = sheet_by_key(key)
    records = []
    for n, row in enumerate(rows, start=2):
        rec: dict[str, Any] = {}
        for col in sheet.columns:
            empty = math.nan if col.type in _NUMERIC else None
            rec[col.key] = row.get(col.key, empty)
        for flag in approx_columns(sheet).values():  # „ca.“ flags: exact unless given
            rec[flag] = bool(row.get(flag, False))
        wb = row.get("_wb", "verbund.xlsx")
        rec |= {"source_workbook": wb, "source_sheet": sheet.name, "source_row": n}
        rec["municipality"] = None if wb == "verbund.xlsx" else wb.removesuffix(".xlsx")
        records.append(rec)
    numeric = {c.key for c in sheet.columns if c.type in _NUMERIC}
    frame = pd.DataFrame(
        {
            c: pd.Series([r[c] for r in records], dtype="float64" if c in numeric else object)
            for c in table_columns(sheet)
        }
    )
    frame["source_row"] = frame["source_row"].astype("int64")
    return frame


def source(wb: str, sha: str, errors: int = 0, example: bool = False) -> SourceInfo:
    muni = None if wb == "verbund.xlsx" else wb.removesuffix(".xlsx")
    return SourceInfo(
        workbook=wb,
        path=f"inputs/{wb}",
        sha256=sha,
        kind="regional" if muni is None else "municipal",
        municipality=muni,
        template_version="1.0",
        modified=date(2026, 9, 30),
        is_example=example,
        errors=errors,
    )


def dataset(new: bool, region: Region = REGION, **texts: str) -> Dataset:
    """The old (``new=False``) or new fixture Dataset; ``texts`` override a few texts."""
    m1, m2 = ("in Umsetzung", "umgesetzt") if new else ("geplant", "in Umsetzung")
    measures = [
        dict(
            measure_id="M-BRA-01",
            title=texts.get("title", "Gemeinsamer Bauhof"),
            topic="Verwaltungsaufgaben",
            lead="BRA",
            partners=("BRA", "BOR"),
            status=m1,
            cost_total=100000.0,
            start="01/2026",
            end="12/2027",
            _wb="BRA.xlsx",
        ),
        dict(
            measure_id="M-BRA-02",
            title="Digitale Akte",
            topic="Verwaltungsaufgaben",
            lead="BRA",
            status=m2,
            cost_total=50000.0,
            start="Q1/2026",
            end="2026",
            _wb="BRA.xlsx",
        ),
        dict(
            measure_id="M-GRP-01",
            title="Radweg am See",
            topic="Tourismus und Marketing",
            lead="GRP",
            status="geplant",
            cost_total=250000.0,
            _wb="GRP.xlsx",
        ),
    ]
    apps = [
        dict(
            application_id="FA-BRA-01",
            measure_id="M-BRA-01",
            programme_id="FP01",
            requested=80000.0,
            status="bewilligt" if new else "eingereicht",
            granted=60000.0 if new else math.nan,
            proof_due=date(2027, 2, 28),
            _wb="BRA.xlsx",
        ),
        dict(
            application_id="FA-BRA-02",
            measure_id="M-BRA-02",
            programme_id="FP02",
            requested=20000.0,
            status="abgelehnt" if new else "eingereicht",
            _wb="BRA.xlsx",
        ),
    ]
    swot = [
        dict(
            topic="Kultur",
            category="Stärke",
            statement=texts.get("swot", "Gute Verkehrsanbindung"),
            _wb="BRA.xlsx",
        ),
        dict(
            topic="Tourismus und Marketing",
            category="Chance",
            statement="Tourismus am See",
            _wb="GRP.xlsx",
        ),
        dict(
            topic="Verwaltungsaufgaben",
            category="Schwäche",
            statement="Wenig Personal",
            _wb="BOR.xlsx",
        ),
    ]
    if new:
        swot.append(
            dict(
                topic="Verwaltungsaufgaben",
                category="Schwäche",
                statement="Fachkräftemangel im Bauhof",
                _wb="GRP.xlsx",
            )
        )
    tables = {
        "measures": table("measures", measures),
        "funding_applications": table("funding_applications", apps),
        "swot": table("swot", swot),
        "programmes": table(
            "programmes",
            [
                dict(
                    programme_id="FP01",
                    programme=texts.get("programme", "LEADER"),
                    funder="EU",
                    deadline=date(2026, 12, 15),
                ),
                dict(
                    programme_id="FP02",
                    programme="FR Regio",
                    funder="Land",
                    deadline=date(2027, 6, 1),
                ),
            ],
        ),
        "schedule": table(
            "schedule",
            [
                dict(
                    milestone="Zweckvereinbarung beschlossen", due=date(2026, 12, 1), status="offen"
                ),
                dict(milestone="Logo beschlossen", due=date(2026, 6, 1), status="erledigt"),
            ],
        ),
        "change_management": table(
            "change_management",
            [
                dict(measure="Schulung Verwaltung", status="offen", due=date(2027, 3, 1)),
            ],
        ),
        "goals": table(
            "goals",
            [
                dict(
                    goal_id="Z1", topic="Verwaltungsaufgaben", goal="Verwaltung gemeinsam stärken"
                ),
            ],
        ),
    }
    v = "2" if new else "1"
    sources = [
        source("BOR.xlsx", "bor-1"),
        source("BRA.xlsx", "bra-" + v),
        source("GRP.xlsx", "grp-" + v),
        source("verbund.xlsx", "vb-" + v),
    ]
    day = date(2026, 12, 10) if new else date(2026, 10, 1)
    return Dataset(region=region, stichtag=day, tables=tables, sources=sources)


def keep_run(
    outputs: Path, name: str, ds: Dataset, created: datetime, status: str = history.COMPLETED
) -> Path:
    """A run folder as the pipeline leaves it, with its data kept by history."""
    run_dir = outputs / name
    history.save_run_data(ds, run_dir, started=created)
    if status == history.COMPLETED:
        runs.finish_run(run_dir, ok=True)
    else:
        runs.write_run_status(run_dir, status)
    return run_dir


def two_runs(outputs: Path, **texts: str) -> tuple[Path, Path]:
    """The old and new fixture runs, kept under ``outputs``."""
    old = keep_run(outputs, "2026-10-01_0200", dataset(False, **texts), datetime(2026, 10, 1, 2))
    new = keep_run(outputs, "2026-12-10_0200", dataset(True, **texts), datetime(2026, 12, 10, 2))
    return old, new


def test_fixture_round_trip(tmp_path: Path) -> None:
    """It gives back, from Parquet, the same typed tables the Dataset held."""
    ds = dataset(True)
    run = history.load_run(keep_run(tmp_path, "r1", ds, datetime(2026, 12, 10)))
    for key, frame in ds.tables.items():
        pd.testing.assert_frame_equal(run.tables[key], frame, check_dtype=False)
    assert run.table("measures").loc[0, "partners"] == ("BRA", "BOR")
    assert run.table("funding_applications").loc[0, "proof_due"] == date(2027, 2, 28)
    assert run.stichtag == date(2026, 12, 10)


def test_fixture_round_trip_detects_difference(tmp_path: Path) -> None:
    """It notices when a kept table differs from another Dataset's (the check can fail)."""
    run = history.load_run(keep_run(tmp_path, "r1", dataset(False), datetime(2026, 10, 1)))
    other = dataset(True).tables["measures"]
    assert not run.tables["measures"].equals(other)
