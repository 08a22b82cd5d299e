"""Weekly funding-deadline check: the next 90 days of Förderfristen as a table artifact."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from prefect import flow
from prefect.artifacts import create_table_artifact

from flows.fanout import PrefectFanOut
from flows.settings import result_cache
from parthe_reports import pipeline
from parthe_reports.paths import INPUTS, OUTPUTS, REGION_CONFIG
from parthe_reports.pipeline.write import funding_deadlines
from parthe_reports.region import load_region


@flow(name="parthe-foerderfristen", log_prints=False)
def deadlines_flow(
    inputs: Path = INPUTS,
    outputs: Path = OUTPUTS,
    stichtag: date | None = None,
    region_config: Path = REGION_CONFIG,
) -> list[dict[str, str | None]]:
    """Funding deadlines within 90 days of the Stichtag (reads workbooks through the cache)."""
    day = stichtag or date.today()
    options = pipeline.RunOptions(inputs, outputs, (5,), day, False, region_config)
    fan_out = PrefectFanOut(storage=result_cache(Path(outputs)))
    read = pipeline.read_region(options, load_region(Path(region_config)), fan_out)
    rows = funding_deadlines(read.prepared.consolidated if read.prepared else None)
    create_table_artifact(
        rows or [{"Hinweis": "Keine Förderfristen in den nächsten 90 Tagen"}],
        key="foerderfristen-90-tage",
        description=f"Förderfristen vom {day:%d.%m.%Y} an 90 Tage",
    )
    return rows
