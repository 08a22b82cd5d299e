"""Phases 2–6 of the worked three-municipality example, figures computed by hand."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date

import pytest

from parthe_reports.consolidate import Consolidated, consolidate, phase5
from parthe_reports.region import Judgement
from tests.fixtures_dataset import (
    QUESTIONS,
    STICHTAG,
    TOPICS,
    make_dataset,
    small_region,
    three_dataset,
    three_municipalities,
)

V, K, TM = TOPICS


@pytest.fixture(scope="module")
def c() -> Consolidated:
    return consolidate(three_dataset())


# ---------------------------------------------------------------- phase 2


def test_sub_strategies_per_topic_and_municipality(c: Consolidated) -> None:
    """It counts sub-strategies per topic, spreads them per municipality and names gaps."""
    p2 = c.phase2
    assert list(p2.sub_strategies_by_topic["sub_strategies"]) == [1, 1, 0]
    assert p2.topics_without_sub_strategy == (TM,)
    per = p2.sub_strategies_by_municipality
    assert per.groupby("municipality_code").size().to_dict() == {"AAA": 1, "BBB": 2, "CCC": 1}


def test_workshops_in_process_order_with_approval(c: Consolidated) -> None:
    """It orders workshops Kooperation → Zukunft → Strategie and computes approval shares."""
    ws = c.phase2.workshops
    assert list(ws["result"]) == ["K1", "K2", "Z", "S"]
    assert ws["approval"].iloc[0] == pytest.approx(80.0)
    assert math.isnan(ws["approval"].iloc[1])  # no votes recorded: no share, not 0 %
    assert list(ws["approval"].iloc[2:]) == [60.0, 100.0]
    s = c.phase2.workshop_summary
    assert list(s["workshop"]) == [
        "Kooperationswerkstatt",
        "Zukunftswerkstatt",
        "Strategiewerkstatt",
    ]
    assert list(s["results"]) == [2, 1, 1]
    assert s["approval"].iloc[0] == pytest.approx(80.0)
    assert s["participants"].iloc[0] == 25


def test_legal_framework_rows(c: Consolidated) -> None:
    """It passes the legal framework rows through with their source."""
    assert list(c.phase2.legal_framework["law"]) == ["§ 71 SächsKomZG"]
    assert c.phase2.legal_framework["source_workbook"].iloc[0] == "verbund.xlsx"


# ---------------------------------------------------------------- phase 3


def test_mission_statement_in_question_order(c: Consolidated) -> None:
    """It orders Leitsätze by the guiding questions and names the unanswered one."""
    assert list(c.phase3.mission_statement["question_no"]) == [1, 3]
    assert c.phase3.questions_without_statement == (QUESTIONS[1],)


def test_goals_with_serving_measures(c: Consolidated) -> None:
    """It counts each goal's serving measures (deduplicated) and their cost."""
    g = c.phase3.goals.set_index("goal_id")
    assert g.loc["Z1", ["measures", "measure_cost"]].tolist() == [1, 50_000]
    assert g.loc["Z2", ["measures", "measure_cost"]].tolist() == [1, 8_000]
    assert g.loc["Z3", ["measures", "measure_cost"]].tolist() == [0, 0]
    assert g.loc["Z1", ["baseline", "target", "target_year"]].tolist() == [0, 3, 2028]


def test_communication_dates(c: Consolidated) -> None:
    """It turns the Termin label into first and last day."""
    r = c.phase3.communication.iloc[0]
    assert (r.date_start, r.date_end) == (date(2027, 1, 1), date(2027, 3, 31))


# ---------------------------------------------------------------- phase 4


def test_measures_deduplicated_with_all_sources(c: Consolidated) -> None:
    """It keeps one row per Maßnahmen-Nr. and names every workbook that listed it."""
    m = c.phase4.measures.set_index("measure_id")
    assert sorted(m.index) == ["M-AAA-01", "M-AAA-02", "M-BBB-01", "M-CCC-01"]
    assert m.loc["M-AAA-01", "source_workbooks"] == ("AAA.xlsx", "BBB.xlsx")
    assert m.loc["M-AAA-01", "source_workbook"] == "AAA.xlsx"
    assert c.phase4.totals["duplicates_merged"] == 1


def test_measure_trace_responsible_and_dates(c: Consolidated) -> None:
    """It traces each measure to its goal, responsible and involved municipalities and dates."""
    m = c.phase4.measures.set_index("measure_id")
    assert m.loc["M-AAA-01", ["goal", "goal_topic", "goal_known"]].tolist() == [
        "Gemeinsames Bauamt",
        V,
        True,
    ]
    assert m.loc["M-AAA-02", "responsible"] == "AAA"  # no Federführung: the workbook's municipality
    assert m.loc["M-AAA-01", "involved"] == ("AAA", "BBB", "CCC")
    assert (m.loc["M-AAA-01", "start_date"], m.loc["M-AAA-01", "end_date"]) == (
        date(2027, 1, 1),
        date(2027, 12, 31),
    )
    assert (m.loc["M-AAA-02", "start_date"], m.loc["M-AAA-02", "end_date"]) == (
        date(2027, 1, 1),
        date(2027, 12, 31),
    )
    assert m.loc["M-BBB-01", "start_date"] == date(2027, 4, 1)
    assert list(c.phase4.timeline["measure_id"]) == ["M-AAA-01", "M-AAA-02", "M-BBB-01"]


def test_quick_wins(c: Consolidated) -> None:
    """It flags the configured rule only: consensus, not started, a start, cost ≤ 50.000 €."""
    # M-AAA-01 costs exactly the limit; M-CCC-01 has no Beginn, M-BBB-01 is under way.
    assert list(c.phase4.quick_wins["measure_id"]) == ["M-AAA-01"]
    assert c.phase4.totals["quick_wins"] == 1
    flagged = c.phase4.measures.loc[c.phase4.measures["quick_win"], "measure_id"]
    assert list(flagged) == ["M-AAA-01"]


def _quick_win_ids(cost: float, start: str, **judgement: float) -> list[str]:
    rows = three_municipalities()
    rows["measures"][0] |= {"cost_total": cost, "start": start}
    rows["measures"][3] |= {"cost_total": cost, "start": start}  # its duplicate in BBB
    region = replace(small_region(), judgement=Judgement(**judgement))  # type: ignore[arg-type]
    return list(consolidate(make_dataset(rows, region=region)).phase4.quick_wins["measure_id"])


@pytest.mark.parametrize(
    ("cost", "start", "judgement", "expected"),
    [
        (50_000.0, "01/2027", {}, ["M-AAA-01"]),  # exactly at the cost limit
        (50_000.01, "01/2027", {}, []),  # a cent above
        (50_000.01, "01/2027", {"quick_win_max_cost": 60_000.0}, ["M-AAA-01"]),
        (10_000.0, "11/2027", {}, ["M-AAA-01"]),  # starts in the 12th month
        (10_000.0, "12/2027", {}, []),  # starts after it
        (10_000.0, "12/2027", {"quick_win_months": 13}, ["M-AAA-01"]),
    ],
)
def test_quick_win_edges_through_consolidation(
    cost: float, start: str, judgement: dict[str, float], expected: list[str]
) -> None:
    """It applies region.judgement's limits inclusively, and refuses just above them."""
    assert _quick_win_ids(cost, start, **judgement) == expected


def test_single_measures_are_flagged(c: Consolidated) -> None:
    """It flags a measure of one municipality without partners, not one with partners."""
    m = c.phase4.measures.set_index("measure_id")["single_measure"]
    assert m["M-CCC-01"] and m["M-AAA-02"]
    assert not m["M-AAA-01"] and not m["M-BBB-01"]


def test_counts_and_cost_by_status_topic_municipality(c: Consolidated) -> None:
    """It counts measures and sums cost by status, topic and responsible municipality."""
    p4 = c.phase4
    st = p4.by_status.set_index("status")
    assert st.loc["Idee", ["measures", "cost_total"]].tolist() == [2, 13_000]
    assert st.loc["geplant", ["measures", "cost_total"]].tolist() == [1, 50_000]
    assert st.loc["umgesetzt", "measures"] == 0
    assert p4.by_topic.set_index("topic").loc[K, "cost_total"] == 11_000
    assert p4.by_topic.set_index("topic").loc[TM, "measures"] == 0
    mu = p4.by_municipality.set_index("municipality")
    assert mu.loc["AAA", ["measures", "cost_total", "involved_in"]].tolist() == [2, 60_000, 3]
    assert mu.loc["CCC", ["measures", "cost_total", "involved_in"]].tolist() == [1, 3_000, 2]
    assert p4.totals["cost_total"] == 71_000


def test_goals_without_measures_and_measures_without_goal(c: Consolidated) -> None:
    """It lists the goal no measure serves and the measures with no or an unknown goal."""
    assert list(c.phase4.goals_without_measures["goal_id"]) == ["Z3"]
    assert sorted(c.phase4.measures_without_goal["measure_id"]) == ["M-AAA-02", "M-CCC-01"]


# ---------------------------------------------------------------- phase 5


def test_applications_by_status_municipality_programme(c: Consolidated) -> None:
    """It sums beantragt, bewilligt and Eigenanteil per status, municipality and programme."""
    p5 = c.phase5
    st = p5.applications_by_status.set_index("status")
    assert st.loc["bewilligt", ["applications", "requested", "granted", "own_share"]].tolist() == [
        1,
        30_000,
        20_000,
        10_000,
    ]
    assert st.loc["abgelehnt", ["requested", "granted"]].tolist() == [5_000, 0]
    mu = p5.applications_by_municipality.set_index("municipality")
    assert mu.loc["AAA", ["applications", "requested", "granted", "own_share"]].tolist() == [
        2,
        35_000,
        20_000,
        10_000,
    ]
    assert mu.loc["AAA", "funding_rate"] == pytest.approx(20_000 / 35_000 * 100)
    assert mu.loc["BBB", "funding_rate"] == pytest.approx(100.0)
    assert math.isnan(mu.loc["CCC", "funding_rate"])
    pr = p5.applications_by_programme.set_index("programme_id")
    assert pr.loc["P1", ["applications", "requested"]].tolist() == [2, 5_000]
    assert pr.loc["P1", "programme"] == "LEADER"
    assert (p5.totals["requested"], p5.totals["granted"], p5.totals["own_share"]) == (
        46_000,
        26_000,
        12_000,
    )


def test_funding_rate_over_decided_applications(c: Consolidated) -> None:
    """It divides granted by requested over bewilligt, abgelehnt and abgerechnet only."""
    assert c.phase5.funding_rate == pytest.approx(26_000 / 41_000 * 100)
    assert "abgelehnt" in c.phase5.funding_rate_rule


def test_funding_rate_undefined_when_nothing_decided() -> None:
    """It reports no rate (NaN) while no application is decided."""
    ds = make_dataset(
        {
            "funding_applications": [
                dict(
                    municipality="AAA",
                    application_id="A",
                    programme_id="P",
                    requested=1,
                    status="eingereicht",
                )
            ]
        }
    )
    assert math.isnan(consolidate(ds).phase5.funding_rate)


def test_deadlines_window_edges(c: Consolidated) -> None:
    """It keeps deadlines from the Stichtag to day 90 and drops day 91, past ones and settled proofs."""
    d = c.phase5.deadlines
    assert list(zip(d["reference"], d["days_left"], strict=True)) == [
        ("P4", 0),
        ("FA-AAA-01", 30),
        ("P1", 90),
    ]
    assert list(d["deadline_kind"]) == ["Antragsfrist", "Frist Verwendungsnachweis", "Antragsfrist"]
    assert "P2" not in set(d["reference"])  # day 91
    assert "FA-BBB-01" not in set(d["reference"])  # abgerechnet: no proof owed


def test_deadline_window_follows_the_stichtag() -> None:
    """It measures the window from the dataset's Stichtag, not from today."""
    prog = [dict(programme_id="P", programme="X", funder="EU", deadline=date(2030, 4, 1))]
    assert (
        len(
            consolidate(
                make_dataset({"programmes": prog}, stichtag=date(2030, 1, 1))
            ).phase5.deadlines
        )
        == 1
    )
    assert (
        len(
            consolidate(
                make_dataset({"programmes": prog}, stichtag=date(2029, 12, 31))
            ).phase5.deadlines
        )
        == 0
    )
    assert (
        len(
            consolidate(
                make_dataset({"programmes": prog}, stichtag=date(2030, 4, 2))
            ).phase5.deadlines
        )
        == 0
    )
    assert phase5.DEADLINE_DAYS == 90


def test_measures_without_application_and_funding_by_goal(c: Consolidated) -> None:
    """It lists measures with cost but no application and the funding secured per goal."""
    assert list(c.phase5.measures_without_application["measure_id"]) == ["M-CCC-01"]
    g = c.phase5.funding_by_goal.set_index("goal_id")
    assert g.loc["Z1", ["measure_cost", "requested", "granted", "secured_share"]].tolist() == [
        50_000,
        30_000,
        20_000,
        40.0,
    ]
    assert g.loc["Z2", ["requested", "granted", "secured_share"]].tolist() == [10_000, 6_000, 75.0]
    assert math.isnan(g.loc["Z3", "secured_share"])


def test_programmes_by_topic_and_funder(c: Consolidated) -> None:
    """It groups programmes by topic (cross-topic ones apart) and funder level."""
    got = list(
        zip(
            c.phase5.programmes_by_topic_funder["topic"],
            c.phase5.programmes_by_topic_funder["funder"],
            c.phase5.programmes_by_topic_funder["programmes"],
            strict=True,
        )
    )
    assert got == [(V, "Bund", 1), (K, "Land", 1), (TM, "EU", 1), ("themenübergreifend", "Land", 1)]


# ---------------------------------------------------------------- phase 6


def test_structure_options_ranked_and_recommended(c: Consolidated) -> None:
    """It ranks options by Bewertung (recommended first on a tie) and names the recommended one."""
    assert list(c.phase6.structure_options["option"]) == ["ZV", "VV", "AG", "ZwV"]
    assert c.phase6.recommended_option == "ZV"


def test_no_recommendation_is_none() -> None:
    """It names no recommended option when none is marked ja."""
    ds = make_dataset({"structure_options": [dict(option="A", rating=5, recommended="nein")]})
    assert consolidate(ds).phase6.recommended_option is None


def test_late_milestones_and_the_stichtag(c: Consolidated) -> None:
    """It flags open milestones before the Stichtag as late; one due on the Stichtag is not."""
    ms = c.phase6.milestones.set_index("milestone")
    assert bool(ms.loc["Beschluss", "late"]) is True  # day −1, offen
    assert bool(ms.loc["Satzung", "late"]) is False  # on the Stichtag
    assert bool(ms.loc["Auftakt", "late"]) is False  # past but erledigt
    assert list(c.phase6.late_milestones["milestone"]) == ["Verzögert", "Beschluss"]
    assert list(c.phase6.next_milestones["milestone"]) == ["Satzung", "Evaluation"]
    assert ms.loc["Satzung", "days_left"] == 0 and STICHTAG.day == 25


def test_change_management_and_follow_ups(c: Consolidated) -> None:
    """It counts change measures per status and lists the Verbund's Anschlussförderung."""
    assert c.phase6.change_by_status.set_index("status")["measures"].to_dict() == {
        "offen": 2,
        "in Arbeit": 0,
        "erledigt": 1,
        "verzögert": 0,
    }
    assert list(c.phase6.follow_up_applications["application_id"]) == ["FA-CCC-01"]


def test_empty_dataset_gives_shaped_models() -> None:
    """It consolidates a dataset with no rows into empty, correctly shaped models."""
    e = consolidate(make_dataset({}))
    assert e.phase4.totals["measures"] == 0 and len(e.phase4.by_topic) == 3
    assert e.phase2.topics_without_sub_strategy == TOPICS
    assert e.phase6.recommended_option is None and e.phase6.late_milestones.empty
    assert set(e.profiles) == {"AAA", "BBB", "CCC"}
