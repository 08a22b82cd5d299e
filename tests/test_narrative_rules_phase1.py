"""Phase 1 rules on hand-built models: the sentence appears when its condition holds, with
the right numbers, and not otherwise."""

from __future__ import annotations

from parthe_reports import narrative
from parthe_reports.narrative import rules_phase1 as r1
from parthe_reports.narrative import rules_phase1_fields as r1f
from parthe_reports.region import Judgement
from tests.fixtures_dataset import TOPICS
from tests.narrative_helpers import admin, model, region, said

V, K, TM = TOPICS
NB = "\u00a0"


def test_highest_vacancy_is_named_with_the_region_rate():
    """It names the municipality with the highest high vacancy rate beside the region's."""
    c = model({"administration": [admin("AAA", 10, 5), admin("BBB", 10, 1), admin("CCC", 10, 0)]})
    assert said(r1.vacancy_max(c, Judgement()), "P1.VACANCY-MAX") == [
        f"Ort AAA hat mit 50{NB}% den höchsten Anteil unbesetzter Stellen im Verbund (Verbund: 20{NB}%)."
    ]


def test_highest_vacancy_below_threshold_says_nothing():
    """It says nothing when the highest rate stays below the configured threshold."""
    c = model({"administration": [admin("AAA", 10, 2), admin("BBB", 10, 1), admin("CCC", 10, 0)]})
    assert r1.vacancy_max(c, Judgement()) == []
    assert r1.vacancy_max(c, Judgement(high_vacancy_rate=15)) != []


def test_tied_highest_vacancy_names_both_in_plural():
    """It names two municipalities sharing the highest rate with „haben … je“."""
    c = model({"administration": [admin("AAA", 10, 5), admin("BBB", 4, 2), admin("CCC", 10, 0)]})
    (text,) = said(r1.vacancy_max(c, Judgement()), "P1.VACANCY-MAX")
    assert text.startswith(f"Ort AAA und Ort BBB haben mit je 50{NB}% den höchsten Anteil")


def test_high_vacancy_count_singular_plural_and_none():
    """It writes „In 1 Kommune“, „In 2 Kommunen“ and, without any, that none reaches the threshold."""
    one = model({"administration": [admin("AAA", 10, 5), admin("BBB", 10, 1)]})
    two = model({"administration": [admin("AAA", 10, 5), admin("BBB", 10, 3)]})
    none = model({"administration": [admin("AAA", 10, 1), admin("BBB", 10, 2)]})
    j = Judgement()
    assert said(r1.vacancy_high(one, j), "P1.VACANCY-HIGH") == [
        f"In 1 Kommune (Ort AAA) liegt der Anteil unbesetzter Stellen bei 25{NB}% oder mehr."
    ]
    assert said(r1.vacancy_high(two, j), "P1.VACANCY-HIGH")[0].startswith(
        "In 2 Kommunen (Ort AAA und Ort BBB)"
    )
    assert said(r1.vacancy_high(none, j), "P1.VACANCY-HIGH") == [
        f"In keiner Kommune erreicht der Anteil unbesetzter Stellen 25{NB}%; der höchste liegt bei 20{NB}%."
    ]


def test_low_digitalisation_is_called_low_only_below_the_threshold():
    """It adds „und damit unter 2,5“ for a mean of 2 and leaves it out for 3."""
    low = model(
        {
            "administration": [
                admin("AAA", 1, 0, digitalisation=1),
                admin("BBB", 1, 0, digitalisation=3),
            ]
        }
    )
    ok = model(
        {
            "administration": [
                admin("AAA", 1, 0, digitalisation=3),
                admin("BBB", 1, 0, digitalisation=3),
            ]
        }
    )
    (text,) = said(r1.digitalisation(low, Judgement()), "P1.DIGITAL")
    assert (
        text
        == "Der Digitalisierungsgrad der Verwaltungen liegt im Mittel bei 2 von 5 und damit unter 2,5; am niedrigsten ist er in Ort AAA (1)."
    )
    assert "unter" not in said(r1.digitalisation(ok, Judgement()), "P1.DIGITAL")[0]


def infra(code: str, need: float, condition: str | None = None) -> dict:
    return dict(
        municipality=code,
        object=f"Objekt {code} {need}",
        type="Schule",
        condition=condition,
        investment_need=need,
    )


def test_infrastructure_total_in_singular_and_plural():
    """It writes „Das erfasste Objekt“ for one and „Die 3 Objekte … 2 davon“ for more."""
    one = model({"infrastructure": [infra("AAA", 500_000)]})
    many = model(
        {
            "infrastructure": [
                infra("AAA", 1_000_000, "kritisch"),
                infra("BBB", 250_000, "mangelhaft"),
                infra("CCC", 125_500, "gut"),
            ]
        }
    )
    assert said(r1.infra_total(one, Judgement()), "P1.INFRA-TOTAL") == [
        f"Das erfasste Objekt hat einen Investitionsbedarf von 500.000{NB}€."
    ]
    assert said(r1.infra_total(many, Judgement()), "P1.INFRA-TOTAL") == [
        f"Die 3 Objekte der kommunalen Infrastruktur haben einen Investitionsbedarf von zusammen "
        f"ca.{NB}1,4{NB}Mio.{NB}€; 2 davon (66,7{NB}%) sind mangelhaft oder kritisch."
    ]
    assert r1.infra_total(model({}), Judgement()) == []


def test_largest_investment_need_needs_the_configured_size():
    """It names the municipality with the largest need only from 3 Mio. € on (default)."""
    big = model(
        {"infrastructure": [infra("AAA", 3_000_000), infra("BBB", 1_000_000)]},
        region(BBB="Stadt", AAA="Stadt"),
    )
    small = model({"infrastructure": [infra("AAA", 2_999_999), infra("BBB", 1_000_000)]})
    assert said(r1.infra_max(big, Judgement()), "P1.INFRA-MAX") == [
        f"Den größten Investitionsbedarf meldet die Stadt Ort AAA mit 3{NB}Mio.{NB}€ (75{NB}% des Verbunds)."
    ]
    assert r1.infra_max(small, Judgement()) == []


def prios(a: tuple, b: tuple) -> list[dict]:
    return [
        dict(municipality=m, topic=t, priority=p)
        for m, ps in (("AAA", a), ("BBB", b))
        for t, p in zip(TOPICS, ps, strict=True)
    ]


def test_top_priority_without_sub_strategy_says_so():
    """It adds „als einziges Themenfeld keine Teilstrategie“ when only that topic lacks one."""
    rows = {
        "priorities": prios((2, 1, 3), (3, 1, 2)),
        "sub_strategies": [dict(topic=V, goal="Z"), dict(topic=TM, goal="Z")],
    }
    (text,) = said(r1f.priority_top(model(rows), Judgement()), "P1.PRIO-TOP")
    assert (
        text
        == "Kultur ist die wichtigste Priorität der Kommunen (Ø Rang 1), hat aber als einziges Themenfeld keine Teilstrategie."
    )


def test_top_priority_with_sub_strategy_is_plain():
    """It says only the priority when the topic has a Teilstrategie, and nothing without priorities."""
    rows = {"priorities": prios((2, 1, 3), (3, 1, 2)), "sub_strategies": [dict(topic=K, goal="Z")]}
    assert said(r1f.priority_top(model(rows), Judgement()), "P1.PRIO-TOP") == [
        "Kultur ist die wichtigste Priorität der Kommunen (Ø Rang 1)."
    ]
    assert r1f.priority_top(model({}), Judgement()) == []


def test_priorisierung_names_top_fields_and_divergences():
    """It lists the configured number of Top-Kooperationsfelder with one reason each."""
    c = model({"priorities": prios((1, 2, 3), (1, 3, 2))})
    items = r1f.priorisierung(c, Judgement(top_fields=2, rank_divergence=2))
    (key,) = [s.text for s in items if s.rule == "P1.TOP-FIELDS" and s.kind.value == "Kernaussage"]
    assert key.startswith(
        "Nach Priorität und Kooperationspotenzial sind die Top-Kooperationsfelder: 1. "
    )
    assert len([s for s in items if s.rule == "P1.TOP-FIELDS"]) == 1
    assert [s.text for s in items if s.rule == "P1.DIVERGENCE"] == [
        "Prioritäten und Kooperationspotenzial stimmen weitgehend überein: kein Themenbereich "
        "liegt in beiden Rangfolgen 2 oder mehr Ränge auseinander."
    ]
    one = r1f.priorisierung(c, Judgement(top_fields=1))
    assert "ist das Top-Kooperationsfeld: 1. " in one[0].text
    assert r1f.priorisierung(model({}), Judgement()) == []


def test_documents_without_valid_leitbild():
    """It names the municipalities without a valid Leitbild, or says all have one."""
    docs = [dict(municipality="AAA", title="LB", type="Leitbild", status="gültig")]
    c = model({"documents": docs})
    assert said(r1.documents_leitbild(c, Judgement()), "P1.DOCS-LEITBILD") == [
        "Ohne gültiges Leitbild sind Ort BBB und Ort CCC."
    ]
    all_docs = [
        dict(municipality=m, title="LB", type="Leitbild", status="gültig")
        for m in ("AAA", "BBB", "CCC")
    ]
    assert said(
        r1.documents_leitbild(model({"documents": all_docs}), Judgement()), "P1.DOCS-LEITBILD"
    ) == ["Alle 3 Kommunen haben ein gültiges Leitbild."]


def test_missing_workbook_becomes_a_key_statement():
    """It puts a missing municipality into the summary, and keeps a complete region as a Befund."""
    c = model({"administration": [admin("AAA", 1, 0)]}, missing=("CCC",))
    (s,) = r1.coverage(c, Judgement())
    assert s.kind.value == "Kernaussage"
    assert s.text == "Ausgewertet wurden die Erhebungsbögen von 2 der 3 Kommunen; es fehlt Ort CCC."
    assert r1.coverage(model({}), Judgement())[0].kind.value == "Befund"


def test_phase1_of_an_empty_region_says_almost_nothing():
    """It builds a narrative without Kernaussagen from data when there is no data."""
    n = narrative.phase1(model({}))
    assert {s.rule for s in n.all()} <= {"P1.COVERAGE"}
