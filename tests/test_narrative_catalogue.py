"""Phase 4: the configurable Quick-Win rule and the kommunale Einzelmaßnahme."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from parthe_reports.narrative.catalogue import (
    QuickWinRule,
    add_months,
    is_single_measure,
    quick_wins,
    single_measures,
)
from parthe_reports.region import Judgement

STICHTAG = date(2026, 11, 25)
RULE = QuickWinRule(months=12, max_cost=50_000)


def measure(**kw) -> dict:
    base = dict(
        measure_id="M1",
        title="Gemeinsamer Datenschutzbeauftragter",
        consensus="ja",
        status="geplant",
        start_date=date(2027, 1, 1),
        cost_total=30_000.0,
        involved=("BRA", "NAU"),
    )
    return {**base, **kw}


def test_a_measure_meeting_every_criterion_is_a_quick_win():
    """It accepts consensus, not started, start within 12 months and cost within the limit."""
    assert RULE.holds(measure(), STICHTAG)


@pytest.mark.parametrize(
    ("cost", "expected"), [(50_000.0, True), (50_000.01, False), (49_999.99, True)]
)
def test_cost_limit_includes_the_limit_itself(cost, expected):
    """It takes a measure costing exactly 50.000 € and refuses one a cent above."""
    assert RULE.holds(measure(cost_total=cost), STICHTAG) is expected


@pytest.mark.parametrize(
    ("start", "expected"),
    [(date(2027, 11, 25), True), (date(2027, 11, 26), False), (date(2026, 1, 1), True)],
)
def test_start_must_lie_within_n_months(start, expected):
    """It takes a start exactly 12 months after the Stichtag (or one already due), not a day later."""
    assert RULE.holds(measure(start_date=start), STICHTAG) is expected


@pytest.mark.parametrize(
    "change",
    [
        {"consensus": "nein"},
        {"consensus": None},
        {"status": "in Umsetzung"},
        {"status": "umgesetzt"},
        {"start_date": None},
        {"cost_total": float("nan")},
    ],
)
def test_any_missing_criterion_refuses_the_quick_win(change):
    """It refuses a measure without consensus, already started, or without start or cost."""
    assert not RULE.holds(measure(**change), STICHTAG)


def test_rule_follows_the_configuration():
    """It reads months and limit from the judgement and states them in German."""
    rule = QuickWinRule.of(Judgement(quick_win_months=6, quick_win_max_cost=20_000))
    assert not rule.holds(measure(start_date=date(2027, 6, 1)), STICHTAG)
    assert rule.holds(measure(start_date=date(2027, 5, 25), cost_total=20_000), STICHTAG)
    assert "spätestens 6 Monate" in rule.text and "20.000\u00a0€" in rule.text


def test_quick_wins_filters_a_table_in_order():
    """It returns the Quick Wins of a measures table, keeping catalogue order."""
    df = pd.DataFrame(
        [
            measure(measure_id="M1"),
            measure(measure_id="M2", cost_total=90_000),
            measure(measure_id="M3"),
        ]
    )
    assert list(quick_wins(df, STICHTAG, RULE)["measure_id"]) == ["M1", "M3"]
    assert quick_wins(df.iloc[0:0], STICHTAG, RULE).empty


def test_single_measure_is_one_municipality_without_partners():
    """It marks a measure with only its lead as kommunale Einzelmaßnahme, not one with a partner."""
    assert is_single_measure(measure(involved=("PAR",)))
    assert not is_single_measure(measure(involved=("PAR", "BEL")))
    assert not is_single_measure(measure(involved=()))
    df = pd.DataFrame([measure(measure_id="A", involved=("PAR",)), measure(measure_id="B")])
    assert list(single_measures(df)["measure_id"]) == ["A"]


def test_add_months_clamps_to_the_last_day():
    """It moves 31 January by one month to the end of February."""
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert add_months(date(2026, 11, 25), 12) == date(2027, 11, 25)
