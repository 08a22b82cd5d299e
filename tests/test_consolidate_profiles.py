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


def test_population_and_posts_per_inhabitants(c: Consolidated) -> None:
    """It takes Einwohner from the Stammdaten and relates posts to 1,000 inhabitants."""
    comp = {code: p.comparison.set_index("figure") for code, p in c.profiles.items()}
    assert comp["AAA"].loc["population", "value"] == 1000
    assert comp["AAA"].loc["posts_per_1000"].tolist() == [6.0, 3.75, 1.5, 6.0]
    assert comp["BBB"].loc["posts_per_1000", "value"] == 1.5
    assert math.isnan(comp["CCC"].loc["posts_per_1000", "value"])  # no Einwohner known


def test_population_falls_back_to_the_region_config() -> None:
    """It uses the region's configured population when the Stammdaten leave it empty."""
    from dataclasses import replace

    region = small_region()
    munis = tuple(replace(m, population=500) for m in region.municipalities)
    c = consolidate(
        make_dataset(three_municipalities(), region=replace(region, municipalities=munis))
    )
    comp = c.profiles["CCC"].comparison.set_index("figure")
    assert comp.loc["population", "value"] == 500
    assert comp.loc["posts_per_1000", "value"] == pytest.approx(3 / 500 * 1000)
    assert c.profiles["AAA"].comparison.set_index("figure").loc["population", "value"] == 1000


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
