"""SWOT merging and the cooperation-potential score, checked against a calculation on paper.

Worked example (n = 3 municipalities, weights 0,30 / 0,25 / 0,20 / 0,25):

Verwaltungsaufgaben: weaknesses AAA, BBB; no strength; priorities 1, 2, 3 (all ≤ 3);
rated AAA (hoch, mittel) = 5/6, BBB hoch = 1, CCC gering = 1/3.
  AAA = 100·(0 + 0,25 + 0,20 + 0,25·5/6) = 65,83; BBB = 70; CCC = 100·(0,25 + 0,25/3) = 33,33
  region = 56,39 (C 0, P 1, S 2/3, R 13/18)
Kultur: strength AAA, weaknesses BBB, CCC; only AAA ranks it ≤ 3; CCC's Museum rated keins.
  AAA = 100·(0,30 + 0,25) = 55; BBB = CCC = 100·(0,30 + 0,20) = 50; region = 51,67
Tourismus: strength CCC, no weakness (no complement); BBB and CCC rank it ≤ 3.
  AAA = 0; BBB = CCC = 25; region = 16,67
"""

from __future__ import annotations

import pytest

from parthe_reports.consolidate import clusters, phase1, swot
from tests.fixtures_dataset import TOPICS, make_dataset, three_dataset

V, K, TM = TOPICS
CODES = ("AAA", "BBB", "CCC")


@pytest.fixture(scope="module")
def p1() -> phase1.Phase1Model:
    return phase1.build(three_dataset())


def test_heat_map_cells(p1: phase1.Phase1Model) -> None:
    """It computes every heat-map cell as on paper."""
    heat = p1.cluster_matrix.set_index("topic")[list(CODES)]
    assert heat.loc[V, "AAA"] == pytest.approx(100 * (0.25 + 0.20 + 0.25 * 5 / 6))
    assert heat.loc[V, "BBB"] == pytest.approx(70.0)
    assert heat.loc[V, "CCC"] == pytest.approx(100 * (0.25 + 0.25 / 3))
    assert list(heat.loc[K]) == pytest.approx([55.0, 50.0, 50.0])
    assert list(heat.loc[TM]) == pytest.approx([0.0, 25.0, 25.0])


def test_ranked_topic_clusters_with_components(p1: phase1.Phase1Model) -> None:
    """It ranks topics by score and keeps the components that explain the score."""
    c = p1.clusters.set_index("topic")
    assert list(p1.clusters["topic"]) == [V, K, TM]
    assert list(p1.clusters["rank"]) == [1, 2, 3]
    assert c.loc[V, "score"] == pytest.approx(169.1666667 / 3)
    assert c.loc[
        V, ["complementarity", "shared_priority", "shared_weakness", "rated_potential"]
    ].tolist() == pytest.approx([0, 1, 2 / 3, 13 / 18])
    assert c.loc[K, "score"] == pytest.approx(155 / 3)
    assert c.loc[K, "complementarity"] == 1.0
    assert c.loc[K, "strength_municipalities"] == ("AAA",)
    assert c.loc[K, "weakness_municipalities"] == ("BBB", "CCC")
    assert c.loc[TM, "score"] == pytest.approx(50 / 3)
    assert c.loc[TM, "complementarity"] == 0.0


def test_region_score_is_mean_of_heat_map_row(p1: phase1.Phase1Model) -> None:
    """It makes the region's score the mean of the municipalities' cells."""
    heat = p1.cluster_matrix.set_index("topic")[list(CODES)]
    c = p1.clusters.set_index("topic")
    for t in TOPICS:
        assert c.loc[t, "score"] == pytest.approx(heat.loc[t].mean())


def test_formula_is_stated_on_the_model(p1: phase1.Phase1Model) -> None:
    """It carries the formula with all four weights and components for the report to print."""
    f = p1.cooperation_formula
    for part in (
        "0,30 × Komplementarität",
        "0,25 × gemeinsame Priorität",
        "0,20 × gemeinsame Schwäche",
        "0,25 × bewertetes",
    ):
        assert part in f
    assert sum(clusters.WEIGHTS.values()) == pytest.approx(1.0)
    assert "0,5 × Anteil der Kommunen" in p1.task_formula


def test_own_strength_and_weakness_is_no_complement() -> None:
    """It does not count a municipality's own strength against its own weakness."""
    rows = [
        dict(municipality="AAA", topic=K, category="Stärke", statement="Museen"),
        dict(municipality="AAA", topic=K, category="Schwäche", statement="Keine Bühne"),
    ]
    heat = phase1.build(make_dataset({"swot": rows})).cluster_matrix.set_index("topic")
    assert heat.loc[K, "AAA"] == 0.0
    rows.append(dict(municipality="BBB", topic=K, category="Schwäche", statement="Kein Kino"))
    heat = phase1.build(make_dataset({"swot": rows})).cluster_matrix.set_index("topic")
    # AAA: complement (BBB weak) + shared weakness (with BBB) = 0,30 + 0,20
    assert heat.loc[K, "AAA"] == pytest.approx(50.0)


def test_missing_municipality_is_not_in_the_denominator() -> None:
    """It averages over municipalities that delivered a workbook; a missing one dilutes nothing."""
    from tests.fixtures_dataset import small_region, three_municipalities

    region = small_region(("AAA", "BBB", "CCC", "DDD"))
    c = phase1.build(make_dataset(three_municipalities(), region=region, missing=("DDD",)))
    assert c.clusters.set_index("topic").loc[K, "score"] == pytest.approx(155 / 3)
    assert "DDD" not in c.cluster_matrix.columns
    c4 = phase1.build(make_dataset(three_municipalities(), region=region))
    assert c4.clusters.set_index("topic").loc[K, "score"] == pytest.approx(155 / 4)


def test_task_clusters(p1: phase1.Phase1Model) -> None:
    """It groups tasks named alike across municipalities and scores coverage and rating."""
    t = p1.cluster_tasks
    assert list(t["task"]) == ["Bauamt", "Kasse", "Museum"]
    assert t["score"].tolist() == pytest.approx([100 * (0.5 + 0.5 * 7 / 9), 50.0, 100 / 6])
    assert t.iloc[0]["municipalities"] == ("AAA", "BBB", "CCC")
    assert t.iloc[0]["posts_fte"] == 9.0


def test_swot_near_identical_statements_merge(p1: phase1.Phase1Model) -> None:
    """It merges near-identical statements of the same topic and category and counts them."""
    s = p1.swot_statements
    weak_v = s[(s["topic"] == V) & (s["category"] == "Schwäche")].iloc[0]
    assert weak_v["statement"] == "Fachkräftemangel Bauamt"
    assert weak_v["municipalities"] == ("AAA", "BBB")
    assert (weak_v["mentions"], weak_v["weight_max"], weak_v["weight_total"]) == (2, 3.0, 4.0)
    weak_k = s[(s["topic"] == K) & (s["category"] == "Schwäche")].iloc[0]
    assert weak_k["statement"] == "Wenig Kulturangebote"
    assert weak_k["variants"] == ("Wenig Kulturangebote", "wenig Kulturangebote!")
    assert len(s) == 8


def test_swot_different_statements_and_categories_stay_apart(p1: phase1.Phase1Model) -> None:
    """It keeps different statements apart, and the same words in another category too."""
    s = p1.swot_statements
    risks = s[(s["topic"] == TM) & (s["category"] == "Risiko")]
    assert sorted(risks["statement"]) == [
        "Konkurrenz Leipziger Neuseenland",
        "Konkurrenz durch Ostsee",
        "Radtourismus wächst",
    ]
    radt = s[s["statement"] == "Radtourismus wächst"]
    assert sorted(radt["category"]) == ["Chance", "Risiko"]


def test_swot_merge_is_transitive_and_keyed() -> None:
    """It merges by word-sorted keys (word order does not matter) at the documented threshold."""
    assert swot.comparison_key("Gute Anbindung, an Leipzig!") == swot.comparison_key(
        "an Leipzig gute Anbindung"
    )
    mapping = swot.cluster_keys(["abcdefghij", "abcdefghix", "abcdefghyx", "zzzz"])
    # a~b (0,9) and b~c (0,9) although a≁c (0,8): one statement, whatever the order
    assert (
        mapping["abcdefghij"] == mapping["abcdefghix"] == mapping["abcdefghyx"] != mapping["zzzz"]
    )
    assert swot.cluster_keys(["abcdefghij", "abcdefghyx"])["abcdefghyx"] == "abcdefghyx"
    assert "85 %" in swot.MERGE_RULE
