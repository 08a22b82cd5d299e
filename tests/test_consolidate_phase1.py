"""Phase 1 figures of the worked three-municipality example, computed by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from parthe_reports.consolidate import phase1
from tests.fixtures_dataset import TOPICS, make_dataset, three_dataset

V, K, TM = TOPICS


@pytest.fixture(scope="module")
def p1() -> phase1.Phase1Model:
    return phase1.build(three_dataset())


def row(df: pd.DataFrame, **keys: object) -> pd.Series:
    hit = df
    for k, v in keys.items():
        hit = hit[hit[k] == v]
    assert len(hit) == 1, f"{keys}: {len(hit)} rows"
    return hit.iloc[0]


def test_admin_per_topic_and_municipality(p1: phase1.Phase1Model) -> None:
    """It sums posts and vacancies per topic × municipality and derives rate and spread."""
    r = row(p1.admin_by_topic_municipality, topic=V, municipality="AAA")
    assert (r.tasks, r.posts_fte, r.vacant_fte) == (2, 6.0, 1.0)
    assert r.vacancy_rate == pytest.approx(100 / 6)
    assert (r.digitalisation_mean, r.digitalisation_std) == (3.0, 1.0)
    assert (r.digitalisation_min, r.digitalisation_max) == (2.0, 4.0)
    assert r.source_workbooks == ("AAA.xlsx",)
    r = row(p1.admin_by_topic_municipality, topic=K, municipality="CCC")
    assert (r.posts_fte, r.vacant_fte, r.vacancy_rate) == (1.0, 0.5, 50.0)
    assert len(p1.admin_by_topic_municipality) == 4


def test_admin_region_per_topic_and_totals(p1: phase1.Phase1Model) -> None:
    """It gives the region per topic and in total, with the population spread of digitalisation."""
    r = row(p1.admin_by_topic, topic=V)
    assert (r.tasks, r.posts_fte, r.vacant_fte) == (4, 11.0, 2.0)
    assert r.vacancy_rate == pytest.approx(200 / 11)
    assert r.digitalisation_mean == 2.5
    assert r.digitalisation_std == pytest.approx(math.sqrt(1.25))
    assert r.municipalities == ("AAA", "BBB", "CCC")
    t = p1.admin_totals
    assert (t["tasks"], t["posts_fte"], t["vacant_fte"]) == (5, 12.0, 2.5)
    assert t["vacancy_rate"] == pytest.approx(2.5 / 12 * 100)
    assert t["digitalisation_mean"] == pytest.approx(2.4)
    assert t["digitalisation_std"] == pytest.approx(math.sqrt(1.04))


def test_high_potential_tasks(p1: phase1.Phase1Model) -> None:
    """It lists exactly the tasks rated „hoch“, with their source rows."""
    got = list(
        zip(p1.high_potential_tasks["municipality"], p1.high_potential_tasks["task"], strict=True)
    )
    assert got == [("AAA", "Bauamt"), ("BBB", "Bauamt")]
    assert list(p1.high_potential_tasks["source_row"]) == [2, 2]


def test_vacancy_rate_undefined_without_posts() -> None:
    """It leaves the vacancy rate empty (NaN) where there are no posts, not 0 or an error."""
    ds = make_dataset(
        {"administration": [dict(municipality="AAA", task="X", topic=V, vacant_fte=1)]}
    )
    assert math.isnan(phase1.build(ds).admin_totals["vacancy_rate"])


def test_infrastructure_by_type_and_municipality(p1: phase1.Phase1Model) -> None:
    """It counts objects, conditions and investment need by type × municipality and per type."""
    r = row(p1.infra_by_type_municipality, type="Schule", municipality="AAA")
    assert (r.objects, r.investment_need, r.cond_poor, r.worst_condition) == (
        1,
        500_000,
        1,
        "mangelhaft",
    )
    r = row(p1.infra_by_type, type="Schule")
    assert (r.objects, r.investment_need) == (3, 1_800_000)
    assert (r.cond_good, r.cond_satisfactory, r.cond_poor, r.cond_critical) == (0, 1, 1, 1)
    assert r.worst_condition == "kritisch"
    r = row(p1.infra_by_type, type="Feuerwehr")
    assert (r.objects, r.investment_need, r.cond_unknown, r.worst_condition) == (1, 0, 1, None)


def test_infrastructure_totals_and_worst_objects(p1: phase1.Phase1Model) -> None:
    """It totals the region and lists the worst objects, worst condition first."""
    t = p1.infra_totals
    assert (t["objects"], t["investment_need"]) == (5, 1_820_000)
    assert [
        t[c]
        for c in ("cond_good", "cond_satisfactory", "cond_poor", "cond_critical", "cond_unknown")
    ] == [1] * 5
    assert list(p1.worst_objects["object"]) == ["Oberschule", "Grundschule Nord"]
    assert "Grundschule CCC" not in set(p1.worst_objects["object"])


def test_documents_age_and_register(p1: phase1.Phase1Model) -> None:
    """It computes each document's age from the Stichtag and counts by topic and status."""
    ages = dict(zip(p1.documents["title"], p1.documents["age_years"], strict=True))
    assert ages["Leitbild AAA 2030"] == 11 and ages["Tourismuskonzept"] == 2
    assert math.isnan(ages["Schulnetzplan"])
    got = list(
        zip(
            p1.documents_by_topic_status["topic"],
            p1.documents_by_topic_status["status"],
            p1.documents_by_topic_status["documents"],
            strict=True,
        )
    )
    assert got == [
        (V, "ohne Angabe", 1),
        (K, "veraltet", 1),
        (TM, "gültig", 1),
        ("ohne Themenbereich", "gültig", 1),
    ]


def test_priority_matrix_and_ranking(p1: phase1.Phase1Model) -> None:
    """It builds the municipality × topic matrix and ranks topics by mean priority."""
    m = p1.priority_matrix.set_index("municipality")
    assert list(m.loc["BBB", list(TOPICS)]) == [2.0, 4.0, 3.0]
    assert list(m.columns) == [*TOPICS, "source_workbooks"]
    assert m.loc["BBB", "source_workbooks"] == ("BBB.xlsx",)
    r = p1.priority_ranking
    assert list(r["topic"]) == [V, TM, K]
    assert list(r["rank"]) == [1, 2, 3]
    assert list(r["priority_mean"]) == [2.0, 3.0, 4.0]
    assert list(r["top_count"]) == [3, 2, 1]


def test_ranking_ties_and_unranked_topics() -> None:
    """It breaks equal means by how many rank the topic 1–3 and puts unranked topics last."""
    rows = [
        dict(municipality="AAA", topic=K, priority=1),
        dict(municipality="BBB", topic=K, priority=5),
        dict(municipality="AAA", topic=V, priority=3),
        dict(municipality="BBB", topic=V, priority=3),
    ]
    r = phase1.build(make_dataset({"priorities": rows})).priority_ranking
    assert list(r["topic"]) == [V, K, TM]
    assert math.isnan(r["priority_mean"].iloc[2])
