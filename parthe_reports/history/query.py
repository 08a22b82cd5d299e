"""Questions across all kept runs, answered by DuckDB straight from the Parquet files.

DuckDB reads the runs' files in place (one ``read_parquet`` over a list of files, no
import, no server) and aggregates them in one pass; pandas would have to load every
run's tables first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb

from parthe_reports.history.catalog import COMPLETED, list_runs, read_meta
from parthe_reports.history.store import DATA_DIR

# Application statuses whose "bewilligt" amount counts as money granted.
GRANTED_STATUSES = ("bewilligt", "abgerechnet")


@dataclass(frozen=True)
class FundingPoint:
    """Funding as of one run: what was applied for and what was granted."""

    run: str
    stichtag: date
    requested: float
    granted: float


def funding_over_time(outputs: Path) -> list[FundingPoint]:
    """Requested and granted money per completed run, ordered by Stichtag then run."""
    runs = {d: read_meta(d) for d in list_runs(outputs, status=COMPLETED)}
    files = {
        str(d / DATA_DIR / "funding_applications.parquet"): d
        for d in runs
        if (d / DATA_DIR / "funding_applications.parquet").is_file()
    }
    sums: dict[Path, tuple[float, float]] = {}
    if files:
        statuses = ", ".join(f"'{s}'" for s in GRANTED_STATUSES)
        relation = duckdb.sql(
            f"""
            SELECT filename,
                   coalesce(sum(requested), 0),
                   coalesce(sum(CASE WHEN status IN ({statuses}) THEN granted END), 0)
            FROM read_parquet($files, filename = true)
            GROUP BY filename
            """,
            params={"files": sorted(files)},
        )
        rows = relation.fetchall() if relation is not None else []
        sums = {files[f]: (float(r), float(g)) for f, r, g in rows}
    points = [
        FundingPoint(
            run=d.name,
            stichtag=date.fromisoformat(meta["stichtag"]),
            requested=sums.get(d, (0.0, 0.0))[0],
            granted=sums.get(d, (0.0, 0.0))[1],
        )
        for d, meta in runs.items()
    ]
    return sorted(points, key=lambda p: (p.stichtag, p.run))
