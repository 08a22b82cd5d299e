"""Many municipalities: charts and matrices stay readable (caps, „übrige Kommunen“)."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from parthe_reports.consolidate import consolidate
from parthe_reports.demo.data import synthetic_region
from parthe_reports.render.documents.phase1 import phase1_context
from parthe_reports.render.documents.phase1_charts import MAX_MATRIX, MAX_SERIES
from parthe_reports.render.documents.phase4 import MAX_TIMELINE, phase4_context
from parthe_reports.render.documents.phase5 import MAX_BARS, phase5_context
from tests.test_render_fixtures import example

pytestmark = pytest.mark.slow


def _scaled(n: int):
    """The example's municipal rows copied to ``n`` synthetic municipalities (IDs made unique)."""
    _c, ds, _books = example()
    region = synthetic_region(n, ds.region)
    src = list(ds.region.codes)
    tables = {}
    for key, t in ds.tables.items():
        if t["municipality"].isna().all():
            tables[key] = t
            continue
        parts = []
        for i, code in enumerate(region.codes):
            part = t[t["municipality"] == src[i % len(src)]].copy()
            part["municipality"] = code
            part["source_workbook"] = f"{code}.xlsx"
            for col in ("measure_id", "application_id"):
                if col in part.columns:
                    part[col] = [None if v is None else f"{v}-{code}" for v in part[col]]
            if "lead" in part.columns:
                part["lead"] = code
            parts.append(part)
        tables[key] = pd.concat(parts, ignore_index=True)
    return consolidate(dataclasses.replace(ds, region=region, tables=tables, sources=[]))


@pytest.fixture(scope="module")
def big():
    return _scaled(30)


def test_large_region_caps_charts_and_matrix(big):
    """It sums the smaller municipalities as „übrige Kommunen“ and drops the unreadable matrix."""
    ctx = phase1_context(big)
    series = ctx["chart_investment"].args["series"]
    assert len(series) == MAX_SERIES and "übrige Kommunen" in series
    assert ctx["priority_matrix"] == [] and str(MAX_MATRIX) in ctx["matrix_note"]
    assert ctx["chart_heatmap"] is None and "Heatmap" in ctx["heatmap_note"]
    bars = phase5_context(big)["chart_funding"].args["categories"]
    assert len(bars) == MAX_BARS and bars[-1] == "übrige Kommunen"
    timeline = phase4_context(big)["chart_timeline"].args["bars"]
    assert len(big.phase4.measures) > MAX_TIMELINE and len(timeline) <= len(big.region.topics)


def test_small_region_keeps_every_municipality():
    """It draws each municipality separately when there are few (the example's six)."""
    c = example()[0]
    ctx = phase1_context(c)
    assert len(ctx["chart_investment"].args["series"]) == len(c.region.codes)
    assert len(ctx["priority_matrix"]) == len(c.region.topics)
    assert ctx["chart_heatmap"] is not None
    assert len(phase4_context(c)["chart_timeline"].args["bars"]) == len(c.phase4.timeline)
