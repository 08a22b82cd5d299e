"""Phase 6: weighted scoring of structure options, ties, and the cost key by population."""

from __future__ import annotations

import pytest

from parthe_reports.narrative.structure import Criterion, Score, assess, cost_key

CRITERIA = [
    Criterion("Verbindlichkeit", 40),
    Criterion("Kosten", 35),
    Criterion("Geschwindigkeit", 25),
]


def scores(points: dict[str, tuple[float, float, float]]) -> list[Score]:
    return [
        Score(option, c.name, p)
        for option, ps in points.items()
        for c, p in zip(CRITERIA, ps, strict=True)
    ]


def test_totals_are_weighted_means_on_the_five_point_scale():
    """It computes Σ weight × points ÷ Σ weights per option and ranks them."""
    a = assess(CRITERIA, scores({"AG": (2, 5, 5), "ZV": (5, 2, 1)}))
    totals = {t.option: t.total for t in a.totals}
    assert totals == {"AG": pytest.approx(3.8), "ZV": pytest.approx(2.95)}
    assert [t.rank for t in a.totals] == [1, 2]


def test_recommendation_cites_the_deciding_criteria():
    """It recommends the best option and names the criteria with the largest weighted lead."""
    a = assess(CRITERIA, scores({"AG": (2, 5, 5), "ZV": (5, 2, 1)}))
    assert a.recommended == "AG"
    assert a.deciding == ("Kosten", "Geschwindigkeit")
    assert a.text == (
        "Empfohlen wird „AG“ mit 3,8 von 5 Punkten vor „ZV“ (2,95); den Ausschlag geben "
        "Kosten (Gewicht 35\u00a0%) und Geschwindigkeit (Gewicht 25\u00a0%)."
    )


def test_a_tie_is_named_as_a_tie_without_recommendation():
    """It recommends nothing when the best totals are equal, and says so."""
    a = assess(CRITERIA, scores({"AG": (5, 1, 3), "ZV": (1, 5, 3.8), "KV": (1, 1, 1)}))
    assert a.recommended is None
    assert a.tied == ("AG", "ZV")
    assert "gleichauf" in a.text and "„AG“ und „ZV“" in a.text
    assert [t.rank for t in a.totals] == [1, 1, 3]


def test_missing_points_count_zero_and_are_listed():
    """It counts a criterion without points as 0 and lists it."""
    a = assess(CRITERIA, [Score("AG", "Kosten", 5)])
    (t,) = a.totals
    assert t.total == pytest.approx(1.75)
    assert t.missing == ("Verbindlichkeit", "Geschwindigkeit")


def test_no_options_no_statement():
    """It says nothing without options."""
    assert assess(CRITERIA, []).text == ""


def test_cost_key_by_population_with_formula_values():
    """It gives each municipality its population share and splits an amount by it."""
    shares, unknown = cost_key({"BRA": 9676, "BEL": 3372, "XYZ": None}, amount=100_000)
    by = {s.code: s for s in shares}
    assert by["BRA"].share == pytest.approx(100 * 9676 / 13048)
    assert by["BEL"].amount == pytest.approx(100_000 * 3372 / 13048)
    assert sum(s.share for s in shares) == pytest.approx(100.0)
    assert unknown == ("XYZ",)


def test_criteria_and_scores_read_from_the_sheets_tables():
    """It reads the Kriterien and Strukturbewertung tables, skipping incomplete rows."""
    import pandas as pd

    from parthe_reports.narrative.structure import criteria_from, scores_from

    crit = pd.DataFrame(
        {
            "criterion": ["Kosten", None, "Tempo"],
            "weight": [60.0, 10.0, None],
            "description": ["€", None, None],
        }
    )
    pts = pd.DataFrame(
        {
            "option": ["AG", "AG", "ZV"],
            "criterion": ["Kosten", "Tempo", "Kosten"],
            "points": [4.0, None, 2.0],
        }
    )
    assert criteria_from(crit) == [Criterion("Kosten", 60.0, "€")]
    assert scores_from(pts) == [Score("AG", "Kosten", 4.0), Score("ZV", "Kosten", 2.0)]
