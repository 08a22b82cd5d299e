"""Kommunalprofile of a large region: own sources only, and a note on what is elsewhere."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from parthe_reports.consolidate import consolidate
from parthe_reports.dataset import SourceInfo
from parthe_reports.demo.data import synthetic_region
from parthe_reports.render import plan_documents
from parthe_reports.render.documents.profile import SOURCES_LISTED
from tests.fixtures_dataset import TOPICS, make_dataset, small_region


def _profiles(n: int) -> dict[str, dict]:
    """Profile contexts of a region of ``n`` municipalities, one SWOT row and workbook each."""
    region = synthetic_region(n, small_region())
    rows = [
        dict(municipality=code, topic=TOPICS[0], category="Stärke", statement=f"Stark {code}")
        for code in region.codes
    ]
    ds = make_dataset({"swot": rows}, region=region)
    sources = [
        SourceInfo(
            f"{code}.xlsx", f"/in/{code}.xlsx", "0" * 64, "municipal", code, "1", None, False
        )
        for code in region.codes
    ]
    ds = replace(ds, sources=sources)
    jobs = plan_documents(consolidate(ds), ds, [], generated=date(2026, 11, 25))
    return {j.municipality: j.context for j in jobs if j.kind == "profile"}


def test_large_region_profile_lists_its_own_workbook() -> None:
    """Above the limit a profile's sources are its own workbook; the intro names the basis."""
    n = SOURCES_LISTED + 2
    ctx = next(iter(_profiles(n).values()))
    assert [s["workbook"] for s in ctx["sources"]] == ["SA.xlsx"]
    assert f"aus {n} Erhebungsbögen" in ctx["profile_intro"]


def test_small_region_profile_lists_every_workbook() -> None:
    """Up to the limit every workbook stays in the sources and the intro has no such note."""
    ctx = _profiles(3)["SA"]
    assert len(ctx["sources"]) == 3
    assert "Erhebungsbögen" not in ctx["profile_intro"]
