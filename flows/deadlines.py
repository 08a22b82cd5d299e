"""Weekly funding-deadline check: the next 90 days of Förderfristen as a table artifact."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from prefect import flow
from prefect.artifacts import create_table_artifact

from flows import tasks as t
from flows.pipeline import CACHE_DIR, _Counts, _read_all, _sha
from parthe_reports import manifest as mf
from parthe_reports import pipeline as core
from parthe_reports.paths import INPUTS, OUTPUTS, REGION_CONFIG
from parthe_reports.region import load_region


@flow(name="parthe-foerderfristen", log_prints=False)
def deadlines_flow(
    inputs: str = str(INPUTS),
    outputs: str = str(OUTPUTS),
    stichtag: date | None = None,
    region_config: str = str(REGION_CONFIG),
) -> list[dict[str, Any]]:
    """Funding deadlines within 90 days of the Stichtag (reads workbooks through the cache)."""
    region = load_region(Path(region_config))
    day = stichtag or date.today()
    storage = Path(outputs) / CACHE_DIR
    base_key = core.cache_key(
        mf.versions(), core.code_version(), core.region_digest(Path(region_config)), str(day)
    )
    paths = core.discover(Path(inputs))
    hashes = {p.name: _sha(p) for p in paths}
    scratch = core.RunSummary(Path(outputs))
    books = _read_all(paths, hashes, region, base_key, storage, scratch, _Counts())
    books = t.cross_check(books, region)
    known = {k: v for k, v in hashes.items() if v}
    prepared = t.prepare(books, region, day, [5], known, base_key, key=None)
    rows = core.funding_deadlines(prepared.consolidated)
    create_table_artifact(
        rows or [{"Hinweis": "Keine Förderfristen in den nächsten 90 Tagen"}],
        key="foerderfristen-90-tage",
        description=f"Förderfristen vom {day:%d.%m.%Y} an 90 Tage",
    )
    return rows
