"""Phase 1 Priorisierung: priorities and cooperation potential into Top-Kooperationsfelder."""

from __future__ import annotations

import math
from types import SimpleNamespace

import pandas as pd
import pytest

from parthe_reports.consolidate import consolidate
from parthe_reports.narrative.priorisierung import (
    divergences,
    prioritise,
    priority_value,
    top_fields,
)
from tests.fixtures_dataset import make_dataset, small_region, three_municipalities

TOPICS = ("Verwaltungsaufgaben", "Kultur", "Tourismus und Marketing", "Fördermittel")


def p1(potential: dict[str, float], mean_rank: dict[str, float]) -> SimpleNamespace:
    """The two tables prioritise reads, for four topics and municipalities A, B, C."""
    order = sorted(TOPICS, key=lambda t: -potential[t])
    clusters = pd.DataFrame(
        {
            "rank": range(1, 5),
            "topic": order,
            "score": [potential[t] for t in order],
            "complementarity": [1.0 if t == "Kultur" else 0.0 for t in order],
            "shared_weakness": [0.0] * 4,
            "strength_municipalities": [("A",) if t == "Kultur" else () for t in order],
            "weakness_municipalities": [("B", "C") if t == "Kultur" else () for t in order],
        }
    )
    ranked = sorted(TOPICS, key=lambda t: (math.isnan(mean_rank[t]), mean_rank[t]))
    ranking = pd.DataFrame(
        {"topic": ranked, "rank": range(1, 5), "priority_mean": [mean_rank[t] for t in ranked]}
    )
    return SimpleNamespace(clusters=clusters, priority_ranking=ranking)


REGION = small_region(("A", "B", "C"), TOPICS)
POTENTIAL = {
    "Verwaltungsaufgaben": 80.0,
    "Kultur": 60.0,
    "Tourismus und Marketing": 40.0,
    "Fördermittel": 10.0,
}
MEANS = {
    "Verwaltungsaufgaben": 4.0,
    "Kultur": 2.0,
    "Tourismus und Marketing": 3.0,
    "Fördermittel": 1.0,
}


def test_priority_value_maps_ranks_to_0_100():
    """It gives Ø Rang 1 the value 100, the last rank 0, and nobody's topic 0."""
    assert priority_value(1.0, 4) == 100.0
    assert priority_value(4.0, 4) == 0.0
    assert priority_value(2.0, 4) == pytest.approx(200 / 3)
    assert priority_value(float("nan"), 4) == 0.0


def test_fields_are_ranked_by_the_mean_of_priority_and_potential():
    """It ranks Kultur first: (66,7 + 60) ÷ 2 beats Verwaltung's (0 + 80) ÷ 2."""
    fields = prioritise(p1(POTENTIAL, MEANS), REGION)
    assert [f.topic for f in fields] == [
        "Kultur",
        "Fördermittel",
        "Verwaltungsaufgaben",
        "Tourismus und Marketing",
    ]
    kultur = fields[0]
    assert kultur.value == pytest.approx((200 / 3 + 60) / 2)
    assert (kultur.priority_rank, kultur.potential_rank) == (2, 2)


def test_each_field_carries_its_reason():
    """It gives the ranks, the score and the complementarity behind a field."""
    kultur = prioritise(p1(POTENTIAL, MEANS), REGION)[0]
    assert kultur.reason == (
        "Priorität Rang 2 (Ø 2); Kooperationspotenzial 60 von 100 (Rang 2); "
        "Stärken in Ort A treffen auf Schwächen in Ort B und Ort C"
    )


def test_equal_values_are_decided_by_the_potential():
    """It puts the topic with the higher potential first when the values are equal."""
    means = {
        "Verwaltungsaufgaben": 4.0,
        "Kultur": 1.0,
        "Tourismus und Marketing": 3.0,
        "Fördermittel": 2.0,
    }
    pot = {
        "Verwaltungsaufgaben": 100.0,
        "Kultur": 0.0,
        "Tourismus und Marketing": 20.0,
        "Fördermittel": 10.0,
    }
    fields = prioritise(p1(pot, means), REGION)
    assert fields[0].value == fields[1].value == 50.0
    assert [f.topic for f in fields[:2]] == ["Verwaltungsaufgaben", "Kultur"]


def test_top_fields_takes_the_first_n():
    """It names as many Top-Kooperationsfelder as configured."""
    fields = prioritise(p1(POTENTIAL, MEANS), REGION)
    assert [f.topic for f in top_fields(fields, 2)] == ["Kultur", "Fördermittel"]


def test_divergence_is_named_when_ranks_lie_far_apart():
    """It names Verwaltung (potential 1, priority 4) and Fördermittel (priority 1, potential 4)
    at a gap of 3, and nothing at a gap of 4."""
    fields = prioritise(p1(POTENTIAL, MEANS), REGION)
    found = divergences(fields, 3)
    assert {d.topic for d in found} == {"Verwaltungsaufgaben", "Fördermittel"}
    verw = next(d for d in found if d.topic == "Verwaltungsaufgaben")
    assert verw.text == (
        "Im Themenbereich Verwaltungsaufgaben liegt das Kooperationspotenzial (Rang 1) "
        "deutlich vor der Priorität der Kommunen (Rang 4)."
    )
    assert divergences(fields, 4) == []


def test_real_models_work_end_to_end():
    """It ranks every topic of a consolidated model, values consistent with the formula."""
    c = consolidate(make_dataset(three_municipalities()))
    fields = prioritise(c.phase1, c.region)
    assert sorted(f.topic for f in fields) == sorted(c.region.topics)
    assert all(f.value == pytest.approx((f.priority_value + f.potential) / 2) for f in fields)
    assert [f.value for f in fields] == sorted((f.value for f in fields), reverse=True)
    assert prioritise(consolidate(make_dataset({})).phase1, c.region) == []
