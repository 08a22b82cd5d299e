"""Consolidation when no municipality delivered usable data."""

from __future__ import annotations

from parthe_reports.consolidate import consolidate
from tests.fixtures_dataset import make_dataset


def test_only_the_regional_workbook_still_consolidates() -> None:
    """It consolidates a region whose municipal workbooks were all rejected (cluster scores 0)."""
    ds = make_dataset(
        {"goals": [{"goal_id": "Z1", "topic": "Kultur", "goal": "Bibliotheken vernetzen"}]},
        missing=("AAA", "BBB", "CCC"),
    )
    c = consolidate(ds)
    assert list(c.phase3.goals["goal_id"]) == ["Z1"]
    assert c.phase4.measures.empty
    assert c.missing_municipalities == ("AAA", "BBB", "CCC")
    assert (c.phase1.clusters["score"].fillna(0) == 0).all()


def test_empty_dataset_consolidates() -> None:
    """It consolidates a dataset with no rows at all, giving empty tables rather than an error."""
    c = consolidate(make_dataset({}))
    assert c.phase5.applications.empty
    assert c.phase6.milestones.empty
