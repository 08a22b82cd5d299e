"""Phase 2 and 3 rules on hand-built models."""

from __future__ import annotations

from datetime import date

from parthe_reports.narrative import rules_strategy as r
from parthe_reports.region import Judgement
from tests.fixtures_dataset import TOPICS
from tests.narrative_helpers import model, said

V, K, TM = TOPICS
NB = "\u00a0"
J = Judgement()


def test_sub_strategy_coverage_names_missing_topics_with_their_rank():
    """It counts topics with a Teilstrategie and names the missing one with its priority rank."""
    rows = {
        "sub_strategies": [
            dict(topic=V, goal="Z", municipalities=("AAA",)),
            dict(topic=TM, goal="Z"),
        ],
        "priorities": [
            dict(municipality="AAA", topic=K, priority=1),
            dict(municipality="AAA", topic=V, priority=2),
        ],
    }
    c = model(rows)
    assert said(r.sub_strategy_coverage(c, J), "P2.SUBSTRAT-COVERAGE") == [
        "Für 2 von 3 Themenbereichen liegt eine Teilstrategie vor; es fehlt Kultur (Priorität Rang 1)."
    ]
    assert said(r.sub_strategy_priority(c, J), "P2.REC-SUBSTRAT") == [
        "Für Kultur, die wichtigste Priorität der Kommunen, sollte als Nächstes eine Teilstrategie erarbeitet werden."
    ]


def test_full_coverage_and_no_recommendation():
    """It says every topic has one and recommends nothing when none is missing."""
    c = model({"sub_strategies": [dict(topic=t, goal="Z") for t in TOPICS]})
    assert said(r.sub_strategy_coverage(c, J), "P2.SUBSTRAT-COVERAGE") == [
        "Für alle 3 Themenbereiche liegt eine Teilstrategie vor."
    ]
    assert r.sub_strategy_priority(c, J) == []


def test_partner_municipalities_outside_every_sub_strategy():
    """It names municipalities in no Teilstrategie (singular „ist“)."""
    c = model({"sub_strategies": [dict(topic=V, goal="Z", municipalities=("AAA", "BBB"))]})
    assert said(r.sub_strategy_partners(c, J), "P2.SUBSTRAT-PARTNERS") == [
        "An keiner Teilstrategie beteiligt ist Ort CCC."
    ]


def ws(name: str, result: str, votes: tuple[int, int, int], day: date, people: int = 30) -> dict:
    return dict(
        workshop=name,
        date=day,
        participants=people,
        result=result,
        votes_for=votes[0],
        votes_against=votes[1],
        abstentions=votes[2],
    )


def test_workshops_held_and_approval_per_agenda_item():
    """It reports the workshops held, the broadest approval and contested results, per item."""
    rows = {
        "workshops": [
            ws("Kooperationswerkstatt", "Gewerbeamt", (9, 1, 0), date(2026, 3, 18), 34),
            ws("Zukunftswerkstatt", "App", (6, 4, 0), date(2026, 6, 10), 52),
        ]
    }
    c = model(rows)
    assert said(r.workshops_held(c, J), "P2.WORKSHOPS") == [
        "2 von 3 Werkstätten haben stattgefunden (18.03.2026 bis 10.06.2026, 34 bis 52 Teilnehmende); es fehlt die Strategiewerkstatt."
    ]
    items = r.workshop_approval(c, J)
    assert said(items, "P2.APPROVAL-TOP") == [
        f"Die breiteste Zustimmung erhielt „Gewerbeamt“ (Kooperationswerkstatt, 90{NB}% dafür)."
    ]
    assert said(items, "P2.APPROVAL-LOW") == [
        f"Weniger als 66,7{NB}% Zustimmung erhielt: „App“ (60{NB}%)."
    ]
    assert said(r.workshop_approval(c, Judgement(low_approval=50)), "P2.APPROVAL-LOW") == []


def test_leitbild_open_questions():
    """It names guiding questions without a Leitsatz, or says all are answered."""
    c = model({"mission_statement": [dict(question="Wofür stehen wir?", statement="X")]})
    (text,) = said(r.mission_statement(c, J), "P3.LEITBILD")
    assert (
        text
        == "Für 2 Leitfragen fehlt noch ein Leitsatz: „Wie arbeiten wir zusammen?“ und „Was haben die Bürger davon?“."
    )
    all_q = [dict(question=q, statement="X") for q in c.region.guiding_questions]
    assert said(r.mission_statement(model({"mission_statement": all_q}), J), "P3.LEITBILD") == [
        "Alle 3 Leitfragen des Leitbilds sind mit 3 Leitsätzen beantwortet."
    ]


def goal(gid: str, indicator: str | None, target: float | None, **kw) -> dict:
    return dict(
        goal_id=gid,
        topic=V,
        goal=f"Ziel {gid}",
        indicator=indicator,
        baseline=0,
        target=target,
        target_year=2030,
        **kw,
    )


def test_unreachable_targets_are_flagged():
    """It flags a count of municipalities above the region's and a share above 100 %, not others."""
    c = model(
        {
            "goals": [
                goal("Z1", "Kommunen mit Baumschutzsatzung", 4),
                goal("Z2", "Anteil digitaler Akten (%)", 120),
                goal("Z3", "Kommunen mit Satzung", 3),
                goal("Z4", "t CO₂", 3000),
            ]
        }
    )
    assert said(r.goals_unreachable(c, J), "P3.GOALS-UNREACHABLE") == [
        "Ziel Z1 (Kommunen mit Baumschutzsatzung) ist so nicht erreichbar: der Zielwert 4 übersteigt die Zahl der Kommunen (3).",
        "Ziel Z2 (Anteil digitaler Akten (%)) ist so nicht erreichbar: der Zielwert 120 liegt über 100 %.",
    ]


def test_goals_without_measure_get_a_recommendation():
    """It recommends a measure for a goal no measure serves, and nothing when all are served."""
    rows = {
        "goals": [goal("Z1", "x", 1), goal("Z2", "y", 1)],
        "measures": [dict(municipality="AAA", measure_id="M1", title="T", topic=V, goal_id="Z1")],
    }
    assert said(r.goals_without_measures(model(rows), J), "P3.REC-GOAL-GAP") == [
        "Für das Verbundziel Z2 „Ziel Z2“ sollte eine Maßnahme in den Katalog aufgenommen werden."
    ]
    rows["goals"] = rows["goals"][:1]
    assert r.goals_without_measures(model(rows), J) == []


def test_goals_missing_indicator_or_target():
    """It names goals without indicator, target or target year (singular and plural)."""
    c = model({"goals": [goal("Z1", None, 5), goal("Z2", "x", 1)]})
    assert said(r.goals_incomplete(c, J), "P3.GOALS-INCOMPLETE") == [
        "Dem Verbundziel Z1 fehlt Indikator, Zielwert oder Zieljahr; sie sind so nicht messbar."
    ]


def test_communication_elements_by_type():
    """It counts the elements per type with German plurals and names those without date."""
    rows = {
        "communication": [
            dict(element="App", type="Kanal", responsible="BRA", date="2027"),
            dict(element="Web", type="Kanal", responsible="X", date="2026"),
            dict(element="Tag", type="Veranstaltung"),
        ]
    }
    items = r.communication(model(rows), J)
    assert said(items, "P3.COMMUNICATION") == [
        "Das Kommunikationskonzept umfasst 3 Elemente: 2 Kanäle und 1 Veranstaltung."
    ]
    assert said(items, "P3.COMMUNICATION-GAPS") == ["Ohne Verantwortliche oder Termin ist „Tag“."]
