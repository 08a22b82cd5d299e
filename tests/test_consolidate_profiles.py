"""Kommunalprofile: one municipality's phase-1 figures beside the region's median/min/max."""

from __future__ import annotations

import math

import pytest

from parthe_reports.consolidate import Consolidated, consolidate
from tests.fixtures_dataset import TOPICS, make_dataset, small_region, three_municipalities

V, K, TM = TOPICS


@pytest.fixture(scope="module")
def c() -> Consolidated:
    region = small_region(("AAA", "BBB", "CCC", "DDD"))
    return consolidate(make_dataset(three_municipalities(), region=region, missing=("DDD",)))


def test_profile_figures_beside_the_region(c: Consolidated) -> None:
    """It puts AAA's own figures next to median, min and max over municipalities with data."""
    comp = c.profiles["AAA"].comparison.set_index("figure")
    assert comp.loc["posts_fte"].tolist() == [6.0, 3.0, 3.0, 6.0]
    assert comp.loc["vacancy_rate", "value"] == pytest.approx(100 / 6)
    assert comp.loc["objects"].tolist() == [2.0, 2.0, 1.0, 2.0]
    assert comp.loc["investment_need", "value"] == 520_000
    assert comp.loc[["strengths", "weaknesses", "opportunities", "threats"], "value"].tolist() == [
        1,
        1,
        0,
        1,
    ]
    assert comp.loc["high_potential_tasks", "value"] == 1


def test_profile_tables_and_scores(c: Consolidated) -> None:
    """It gives the municipality's own rows, priorities with the region's rank and heat-map scores."""
    p = c.profiles["BBB"]
    assert p.name == "Gemeinde Ort BBB" and p.has_data
    assert set(p.swot["municipality"]) == {"BBB"} and len(p.swot) == 3
    assert p.priorities.set_index("topic").loc[K].tolist() == [4.0, 3]
    assert p.cluster_scores.set_index("topic").loc[V].tolist() == pytest.approx(
        [70.0, 169.1666667 / 3]
    )
    assert sorted(p.measures["measure_id"]) == ["M-AAA-01", "M-BBB-01"]
    assert sorted(p.applications["application_id"]) == ["FA-BBB-01", "FA-BBB-02"]


def test_missing_municipality_profile_says_so(c: Consolidated) -> None:
    """It marks a missing municipality's profile as without data and excludes it from the statistics."""
    p = c.profiles["DDD"]
    assert p.has_data is False
    assert p.comparison["value"].isna().all()
    assert p.swot.empty and p.measures.empty
    assert math.isnan(p.cluster_scores["score"].iloc[0])
    assert c.missing_municipalities == ("DDD",)
    # the median over AAA, BBB, CCC (6, 3, 3), not over four with a zero
    assert c.profiles["AAA"].comparison.set_index("figure").loc["posts_fte", "region_min"] == 3.0
