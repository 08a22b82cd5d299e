"""Statements into a Narrative: summary length, promotion, sections, contradictions."""

from __future__ import annotations

import pytest

from parthe_reports.narrative.statement import (
    SECTION_MAX,
    SUMMARY_MAX,
    ContradictionError,
    Kind,
    Statement,
    assemble,
    contradictions,
    table,
)


def st(rule: str, kind: Kind = Kind.FINDING, section: str = "a", claims=()) -> Statement:
    return Statement(rule, kind, f"Satz {rule}.", section, table("T"), {"x": 1}, claims)


def test_summary_holds_at_most_seven_key_statements():
    """It keeps the first seven Kernaussagen in rule order."""
    items = [st(f"K{i}", Kind.KEY) for i in range(9)]
    n = assemble(items, ["a"])
    assert [s.rule for s in n.summary] == [f"K{i}" for i in range(SUMMARY_MAX)]


def test_findings_are_promoted_when_fewer_than_three_key_statements():
    """It fills the summary up to three with the first Befunde, marked as Kernaussagen."""
    n = assemble([st("K1", Kind.KEY), st("B1"), st("B2"), st("B3")], ["a"])
    assert [s.rule for s in n.summary] == ["K1", "B1", "B2"]
    assert all(s.kind is Kind.KEY for s in n.summary)
    assert [s.rule for s in n.sections["a"]] == ["B1", "B2", "B3"]


def test_no_promotion_when_three_key_statements_exist():
    """It leaves the Befunde in their sections when three Kernaussagen are there."""
    n = assemble([st("K1", Kind.KEY), st("K2", Kind.KEY), st("K3", Kind.KEY), st("B1")], ["a"])
    assert [s.rule for s in n.summary] == ["K1", "K2", "K3"]


def test_sections_hold_at_most_four_findings_and_skip_silent_sections():
    """It keeps four Befunde per section and leaves sections without any out."""
    n = assemble([st(f"B{i}") for i in range(6)], ["a", "b"])
    assert len(n.sections["a"]) == SECTION_MAX
    assert "b" not in n.sections


def test_recommendations_are_kept_apart():
    """It lists Empfehlungen separately, not in the summary."""
    n = assemble([st("E1", Kind.RECOMMENDATION)], ["a"])
    assert [s.rule for s in n.recommendations] == ["E1"]
    assert all(s.kind is not Kind.RECOMMENDATION for s in n.summary)


def test_contradicting_claims_are_found_and_refused():
    """It finds two statements claiming different values for one subject and refuses them."""
    a = st("A", claims=(("vacancy:BOR", "hoch"),))
    b = st("B", claims=(("vacancy:BOR", "nicht hoch"),))
    assert contradictions([a, b]) == [(a, b)]
    with pytest.raises(ContradictionError, match="A und B"):
        assemble([a, b], ["a"])


def test_agreeing_claims_are_no_contradiction():
    """It accepts two statements making the same claim."""
    a = st("A", claims=(("vacancy:BOR", "hoch"),))
    b = st("B", claims=(("vacancy:BOR", "hoch"), ("vacancy:BRA", "nicht hoch")))
    assert contradictions([a, b]) == []


def test_unknown_section_is_refused():
    """It refuses a statement whose section the deliverable does not have."""
    with pytest.raises(ValueError, match="zz"):
        assemble([st("B", section="zz")], ["a"])


def test_cited_names_the_table():
    """It appends the table the sentence refers to."""
    assert st("X").cited == "Satz X (siehe Tabelle „T“)."
    assert Statement("Y", Kind.KEY, "Ohne.", "a").cited == "Ohne."
