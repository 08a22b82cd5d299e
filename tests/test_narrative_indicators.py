"""Phase 3: current values (Ist) of Verbundziele from their Kennzahl (contract version 2)."""

from __future__ import annotations

import pytest

from parthe_reports.narrative import indicators
from parthe_reports.narrative import rules_strategy as r
from parthe_reports.region import Judgement
from tests.fixtures_dataset import TOPICS, three_municipalities
from tests.narrative_helpers import model, said

V = TOPICS[0]


@pytest.fixture(scope="module")
def c():
    return model(three_municipalities())


@pytest.mark.parametrize(
    ("figure", "expected"),
    [
        ("unbesetzte Stellen VZÄ", 2.5),  # 1 + 1 + 0.5 (fixture)
        ("Stellen VZÄ", 12.0),
        ("Fördermittel beantragt", 46_000.0),
        ("Fördermittel bewilligt", 26_000.0),  # bewilligt 20.000 + abgerechnet 6.000
        ("Förderanträge bewilligt", 2.0),
        ("Maßnahmen umgesetzt", 0.0),
        ("Maßnahmen begonnen oder umgesetzt", 1.0),
        (
            "Kommunen mit Fachkonzept",
            1.0,
        ),  # BBB: the veraltet one does not count, the gültig one does
        ("Kommunen mit Leitbild", 1.0),
    ],
)
def test_current_value_of_each_declared_figure(c, figure, expected):
    """It computes each declared Kennzahl from the consolidated models."""
    assert indicators.current_value(figure, c) == pytest.approx(expected)


def test_unknown_or_empty_figure_is_not_computable(c):
    """It returns None for an empty or unknown Kennzahl."""
    assert indicators.current_value(None, c) is None
    assert indicators.current_value("Übernachtungen", c) is None
    assert not indicators.computable("")


@pytest.mark.parametrize(
    ("current", "target", "baseline", "direction", "expected"),
    [
        (5, 5, 14, "sinken", True),
        (6, 5, 14, "sinken", False),
        (5, 5, 1, None, True),
        (4, 5, 1, None, False),
        (3, 2, None, "steigen", True),
    ],
)
def test_reached_follows_the_direction(current, target, baseline, direction, expected):
    """It counts a goal reached at or beyond the target in its Richtung (else baseline → target)."""
    assert indicators.reached(current, target, baseline, direction) is expected


def test_goals_ist_rule_counts_computable_and_reached_goals():
    """It says for how many goals the Ist is computable and which are reached; nothing without the column."""
    rows = {
        "goals": [
            dict(goal_id="Z1", topic=V, goal="A", target=2, baseline=5),
            dict(goal_id="Z2", topic=V, goal="B", target=9, baseline=0),
        ]
    }
    c = model(rows)
    assert r.goals_current(c, Judgement()) == []
    c.phase3.goals = c.phase3.goals.assign(
        figure=["unbesetzte Stellen VZÄ", None], direction=["sinken", None]
    )
    assert said(r.goals_current(c, Judgement()), "P3.GOALS-IST") == [
        "Für 1 von 2 Verbundzielen lässt sich der aktuelle Wert aus den Daten berechnen; erreicht ist bereits Z1."
    ]


def test_unreachable_uses_the_figure_before_the_indicator_text():
    """It flags a „Kommunen mit …“ target above the region's size even when the Indikator says otherwise."""
    goal = {"target": 4, "indicator": "Satzungen", "figure": "Kommunen mit Satzung"}
    assert r.unreachable(goal, 3) == "der Zielwert 4 übersteigt die Zahl der Kommunen (3)"
    assert r.unreachable({**goal, "figure": "Stellen VZÄ"}, 3) is None
