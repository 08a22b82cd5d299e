"""Phase 4, 5 and 6 rules on hand-built models."""

from __future__ import annotations

from datetime import date

from parthe_reports import narrative
from parthe_reports.narrative import rules_catalogue as r4
from parthe_reports.narrative import rules_funding as r5
from parthe_reports.narrative import rules_structure as r6
from parthe_reports.narrative.structure import Criterion, Score
from parthe_reports.region import Judgement
from tests.fixtures_dataset import STICHTAG, TOPICS
from tests.narrative_helpers import model, said

V, K, TM = TOPICS
NB = "\u00a0"
J = Judgement()


def measure(mid: str, cost: float, **kw) -> dict:
    base = dict(
        municipality="AAA",
        measure_id=mid,
        title=f"Maßnahme {mid}",
        topic=V,
        cost_total=cost,
        start="2027",
        status="geplant",
        consensus="ja",
    )
    return {**base, **kw}


def test_quick_wins_follow_the_configured_rule_just_above_the_limit():
    """It counts a measure at 50.000 € as Quick Win and one at 50.000,01 € not (singular)."""
    c = model({"measures": [measure("M1", 50_000), measure("M2", 50_000.01)]})
    items = r4.quick_wins(c, J)
    assert said(items, "P4.QUICK-WINS") == [
        f"1 Maßnahme ist ein Quick Win (breiter Konsens, Beginn binnen 12 Monaten, höchstens 50.000{NB}€), zusammen 50.000{NB}€."
    ]
    assert said(items, "P4.REC-QUICK-WINS") == [
        "Mit den Quick Wins sollte die Umsetzung beginnen: „Maßnahme M1“."
    ]
    more = r4.quick_wins(c, Judgement(quick_win_max_cost=60_000))
    assert said(more, "P4.QUICK-WINS")[0].startswith("2 Maßnahmen sind Quick Wins")


def test_no_quick_win_is_said_as_a_finding():
    """It says that no measure meets the rule, and recommends nothing."""
    c = model({"measures": [measure("M1", 90_000)]})
    items = r4.quick_wins(c, J)
    assert [s.kind.value for s in items] == ["Befund"]
    assert items[0].text.startswith("Keine Maßnahme erfüllt derzeit die Quick-Win-Regel")


def test_single_measures_are_counted_with_their_cost_share():
    """It counts measures with one municipality and no partner, with their share of the cost."""
    c = model({"measures": [measure("M1", 30_000), measure("M2", 10_000, partners=("BBB",))]})
    assert said(r4.single_measures(c, J), "P4.SINGLE") == [
        f"1 Maßnahme ist eine kommunale Einzelmaßnahme (eine Kommune, keine Partner) mit 30.000{NB}€, 75{NB}% der Kosten."
    ]
    c2 = model({"measures": [measure("M2", 10_000, partners=("BBB",))]})
    assert r4.single_measures(c2, J) == []


def test_cost_concentration_needs_the_threshold():
    """It names a topic holding at least 40 % of the costs and keeps quiet below."""
    c = model({"measures": [measure("M1", 60_000), measure("M2", 40_000, topic=K)]})
    assert said(r4.cost_concentration(c, J), "P4.COST-TOPIC") == [
        f"Der Themenbereich {V} bündelt 60{NB}% der Kosten (60.000{NB}€ in 1 Maßnahme)."
    ]
    assert r4.cost_concentration(c, Judgement(cost_concentration=61)) == []


def test_late_start_and_catalogue_size():
    """It names a planned measure whose start has passed and counts the catalogue."""
    c = model(
        {
            "measures": [
                measure("M1", 1_000, start="2026"),
                measure("M2", 2_000, status="in Umsetzung", start="2026"),
            ]
        }
    )
    assert said(r4.late_start(c, J), "P4.LATE-START") == [
        "1 Maßnahme hätte laut Zeitplan bereits beginnen sollen, steht aber noch auf Idee oder geplant: „Maßnahme M1“."
    ]
    assert said(r4.catalogue_size(c, J), "P4.CATALOGUE") == [
        f"Der Katalog umfasst 2 Maßnahmen mit Gesamtkosten von 3.000{NB}€; 1 ist in Umsetzung, 0 sind umgesetzt."
    ]


def app(aid: str, status: str, requested: float, granted: float | None = None, **kw) -> dict:
    return dict(
        municipality=kw.pop("municipality", "AAA"),
        application_id=aid,
        programme_id="P1",
        requested=requested,
        granted=granted,
        status=status,
        **kw,
    )


def test_funding_rate_low_and_lowest_municipality():
    """It calls a rate below 50 % low and names the municipality with the lowest low rate."""
    rows = {
        "funding_applications": [
            app("A1", "bewilligt", 100, 40),
            app("A2", "bewilligt", 100, 90, municipality="BBB"),
        ]
    }
    c = model(rows)
    assert said(r5.funding_rate(c, J), "P5.RATE") == [
        f"Von den entschiedenen Anträgen wurden 65{NB}% der beantragten Summe bewilligt (130{NB}€ von 200{NB}€)."
    ]
    assert said(r5.rate_lowest(c, J), "P5.RATE-LOWEST") == [
        f"Ort AAA erreicht mit 40{NB}% die niedrigste Förderquote (Verbund: 65{NB}%)."
    ]
    assert said(r5.funding_rate(c, Judgement(low_funding_rate=70)), "P5.RATE")[0].endswith(
        f"; das liegt unter 70{NB}%."
    )
    assert r5.rate_lowest(c, Judgement(low_funding_rate=30)) == []


def test_refused_applications_singular():
    """It writes „1 Antrag wurde abgelehnt“."""
    c = model({"funding_applications": [app("A1", "abgelehnt", 5_000)]})
    assert said(r5.refused(c, J), "P5.REFUSED") == [
        f"1 Antrag wurde abgelehnt (5.000{NB}€ beantragt)."
    ]


def prog(pid: str, deadline: date | None, topic: str = V, rate: float = 75.0) -> dict:
    return dict(
        programme_id=pid,
        programme=f"Programm {pid}",
        funder="Land",
        rate=rate,
        topic=topic,
        deadline=deadline,
    )


def test_deadlines_and_urgent_recommendation():
    """It counts the deadlines of the next 90 days and recommends the urgent ones."""
    c = model({"programmes": [prog("P1", date(2026, 12, 10)), prog("P2", date(2027, 2, 1))]})
    items = r5.deadlines(c, J)
    assert said(items, "P5.DEADLINES") == [
        "In den nächsten 90 Tagen enden 2 Fristen, die erste am 10.12.2026 (Antragsfrist „Programm P1“)."
    ]
    assert said(items, "P5.REC-URGENT") == [
        "Binnen 30 Tagen fällig und vorrangig zu bearbeiten: „Programm P1“ (10.12.2026)."
    ]
    assert said(r5.deadlines(c, Judgement(urgent_deadline_days=10)), "P5.REC-URGENT") == []


def test_candidate_programme_for_the_costliest_unfunded_measure():
    """It recommends the open programme of the topic for the costliest measure without
    application, and none for measures already done."""
    rows = {
        "measures": [
            measure("M1", 90_000, status="Idee"),
            measure("M2", 10_000),
            measure("M3", 900_000, status="umgesetzt"),
        ],
        "programmes": [
            prog("P1", date(2027, 10, 30)),
            prog("P9", date(2026, 1, 1)),
            prog("P8", date(2027, 1, 1), topic=K),
        ],
    }
    c = model(rows)
    assert said(r5.candidates(c, J), "P5.REC-CANDIDATE") == [
        f"Für „Maßnahme M1“ (90.000{NB}€) sollte ein Antrag bei „Programm P1“ vorbereitet werden (Frist 30.10.2027, Förderquote 75{NB}%)."
    ]
    assert said(r5.expired(c, J), "P5.EXPIRED") == [
        "1 Programm ist abgelaufen und wird nur noch gesondert geführt: „Programm P9“."
    ]
    rows["programmes"] = [prog("P8", date(2027, 1, 1), topic=K)]
    assert r5.candidates(model(rows), J) == []


def option(
    name: str, rating: float, recommended: str = "nein", form: str = "Zweckvereinbarung"
) -> dict:
    return dict(option=name, legal_form=form, rating=rating, recommended=recommended)


def test_structure_recommendation_names_an_equal_rating():
    """It names the recommended option and an option rated the same as a tie broken by the steering group."""
    c = model(
        {
            "structure_options": [
                option("AG", 4, "ja", "kommunale Arbeitsgemeinschaft"),
                option("ZV", 4),
                option("VV", 1),
            ]
        }
    )
    assert said(r6.recommended_option(c, J), "P6.STRUCTURE") == [
        "Empfohlen wird „AG“ (kommunale Arbeitsgemeinschaft, Bewertung 4 von 5); gleich bewertet ist „ZV“, den Ausschlag gibt die Empfehlung der Lenkungsgruppe."
    ]
    open_ = model({"structure_options": [option("AG", 4), option("ZV", 3)]})
    assert said(r6.recommended_option(open_, J), "P6.STRUCTURE") == [
        "2 Strukturoptionen sind bewertet; eine Empfehlung ist noch nicht ausgesprochen."
    ]


def test_weighted_criteria_decide_the_structure_in_phase6():
    """It takes the recommendation from weighted criteria when given, a tie as a tie."""
    c = model({"structure_options": [option("AG", 4, "ja")]})
    crit = [Criterion("Verbindlichkeit", 50), Criterion("Kosten", 50)]
    tie = [
        Score("AG", "Verbindlichkeit", 2),
        Score("AG", "Kosten", 4),
        Score("ZV", "Verbindlichkeit", 4),
        Score("ZV", "Kosten", 2),
    ]
    (s,) = [x for x in narrative.phase6(c, crit, tie).summary if x.rule == "P6.STRUCTURE"]
    assert "gleichauf" in s.text and "Empfohlen" not in s.text


def ms(name: str, due: date, status: str = "offen") -> dict:
    return dict(milestone=name, due=due, status=status)


def test_late_and_next_milestones():
    """It names overdue milestones with a recommendation, and the next one with its days."""
    c = model(
        {
            "schedule": [
                ms("Vertrag", date(2026, 11, 1)),
                ms("Beschluss", date(2026, 11, 24), "erledigt"),
                ms("Gründung", STICHTAG),
            ]
        }
    )
    items = r6.late_milestones(c, J)
    assert said(items, "P6.LATE") == ["1 Meilenstein ist überfällig: „Vertrag“ (01.11.2026)."]
    assert said(items, "P6.REC-LATE") == [
        "Die Lenkungsgruppe sollte für den überfälligen Meilenstein Ursache und neuen Termin festlegen."
    ]
    assert said(r6.next_milestone(c, J), "P6.NEXT") == [
        "Nächster Meilenstein ist „Gründung“ am 25.11.2026 (heute)."
    ]
    on_time = model({"schedule": [ms("Gründung", date(2027, 1, 1))]})
    assert said(r6.late_milestones(on_time, J), "P6.LATE") == [
        "Der einzige Meilenstein liegt im Plan."
    ]
    assert said(r6.next_milestone(on_time, J), "P6.NEXT") == [
        "Nächster Meilenstein ist „Gründung“ am 01.01.2027 (in 37 Tagen)."
    ]


def test_cost_key_names_the_formula_and_the_extremes():
    """It states the formula and names the largest and smallest share by population."""
    rows = {
        "master_data": [
            dict(municipality="AAA", code="AAA", population=1000),
            dict(municipality="BBB", code="BBB", population=3000),
            dict(municipality="CCC", code="CCC", population=1000),
        ]
    }
    (text,) = said(r6.cost_key(model(rows), J), "P6.COST-KEY")
    assert text == (
        "Nach dem Kostenschlüssel (Anteil einer Kommune = Einwohner der Kommune ÷ Einwohner aller "
        f"Kommunen) trägt Ort BBB den größten Anteil (60{NB}%), Ort AAA den kleinsten (20{NB}%)."
    )


def test_follow_up_funding_means_continuing_the_cooperation():
    """It counts only applications of Art „Anschlussförderung Verbund“, recommends one when
    there is none, and says nothing while the Art column is missing."""
    rows = {
        "funding_applications": [
            app("A1", "in Vorbereitung", 80_000),
            app("A2", "eingereicht", 9_000),
        ]
    }
    c = model(rows)
    assert r6.follow_up(c, J) == []
    c.phase5.applications = c.phase5.applications.assign(
        kind=["Anschlussförderung Verbund", "Erstantrag"]
    )
    assert said(r6.follow_up(c, J), "P6.FOLLOW-UP") == [
        f"Für die Fortführung der Kooperation liegt 1 Antrag auf Anschlussförderung über 80.000{NB}€ vor (1 in Vorbereitung)."
    ]
    c.phase5.applications = c.phase5.applications.assign(kind=["Erstantrag", "Erstantrag"])
    (s,) = r6.follow_up(c, J)
    assert s.kind.value == "Empfehlung" and "noch keine Anschlussförderung" in s.text
