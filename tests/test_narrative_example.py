"""The narrative over the shipped example data (inputs/): every deliverable has a
Zusammenfassung of 3–7 Kernaussagen, nothing contradicts, and the figures are the model's."""

from __future__ import annotations

import functools
import math
import re

import pytest

from parthe_reports import narrative
from parthe_reports.consolidate import Consolidated, consolidate
from parthe_reports.narrative.sections import section_keys
from parthe_reports.narrative.statement import SECTION_MAX, SUMMARY_MAX, SUMMARY_MIN, Kind
from parthe_reports.paths import INPUTS
from parthe_reports.region import load_region
from parthe_reports.validate.model import ValidatedWorkbook
from parthe_reports.validate.workbook import build_dataset, check_file
from tests.fixtures_dataset import STICHTAG

pytestmark = pytest.mark.slow
# 2.7 or 19.939577 (a float printed by Python), but not 184.000 € or 25.11.2026
ENGLISH_NUMBER = re.compile(r"(?<![\d.])\d+\.(\d{1,2}|\d{4,})(?![\d.])")
PHASES = {i: section_keys(f"Phase {i}") for i in range(1, 7)}


@functools.cache
def example() -> tuple[Consolidated, list[ValidatedWorkbook]]:
    region = load_region()
    books = [check_file(p, region) for p in sorted(INPUTS.rglob("*.xlsx"))]
    return consolidate(build_dataset(books, region, STICHTAG)), books


def all_narratives() -> dict[str, narrative.Narrative]:
    c, books = example()
    out = {f"Phase {i}": getattr(narrative, f"phase{i}")(c) for i in PHASES}
    out |= {f"Kommunalprofil {code}": narrative.profile(c, code) for code in c.region.codes}
    out |= {f"Prüfbericht {b.name}": narrative.pruefbericht(b, c.region) for b in books}
    return out


def test_every_deliverable_has_three_to_seven_key_statements():
    """It gives every phase document, profile and Prüfbericht 3–7 Kernaussagen."""
    counts = {name: len(n.summary) for name, n in all_narratives().items()}
    assert len(counts) == 6 + 6 + 7
    assert all(SUMMARY_MIN <= k <= SUMMARY_MAX for k in counts.values()), counts


def test_sections_are_real_sections_with_at_most_four_findings():
    """It files Befunde only under the deliverable's own section keys, at most four each."""
    c, _ = example()
    for i, keys in PHASES.items():
        n = getattr(narrative, f"phase{i}")(c)
        assert set(n.sections) <= set(keys)
        assert all(1 <= len(v) <= SECTION_MAX for v in n.sections.values())
        assert all(s.kind is Kind.FINDING for v in n.sections.values() for s in v)


def test_english_number_pattern_catches_raw_floats():
    """It would notice 2.7 or 19.939577 but accepts German amounts and dates."""
    assert ENGLISH_NUMBER.search("Rang 2.7") and ENGLISH_NUMBER.search("19.939577 %")
    assert not ENGLISH_NUMBER.search("184.000 € am 25.11.2026, 1.234.567 €")


def test_nothing_contradicts_and_every_sentence_is_german_prose():
    """It never lets two statements contradict and never prints a raw float or NaN."""
    for name, n in all_narratives().items():
        assert narrative.contradictions(n.all()) == [], name
        for s in n.all():
            assert s.text.endswith("."), s.text
            assert "nan" not in s.text.lower().split() and "None" not in s.text, s.text
            assert not ENGLISH_NUMBER.search(s.text), s.text


def test_key_figures_equal_the_models():
    """It carries the model's own figures: vacancy, investment need, catalogue, funding rate."""
    c, _ = example()
    figs = {s.rule: s.figures for s in narrative.phase1(c).all()}
    by_m = c.phase1.admin_by_municipality.set_index("municipality")["vacancy_rate"]
    (top,) = figs["P1.VACANCY-MAX"]["municipalities"]
    assert math.isclose(by_m[top], by_m.max(), rel_tol=1e-3)
    assert figs["P1.VACANCY-MAX"]["region_rate"] == c.phase1.admin_totals["vacancy_rate"]
    assert figs["P1.INFRA-TOTAL"]["investment_need"] == c.phase1.infra_totals["investment_need"]
    p4 = {s.rule: s.figures for s in narrative.phase4(c).all()}
    assert p4["P4.CATALOGUE"]["measures"] == len(c.phase4.measures)
    assert p4["P4.CATALOGUE"]["cost_total"] == c.phase4.totals["cost_total"]
    p5 = {s.rule: s.figures for s in narrative.phase5(c).all()}
    assert p5["P5.RATE"]["rate"] == c.phase5.funding_rate
    assert p5["P5.VOLUME"]["granted"] == c.phase5.totals["granted"]


def test_phase1_example_sentences():
    """It says, on the example, who has the most vacancies and what is most important."""
    texts = [s.text for s in narrative.phase1(example()[0]).summary]
    # The example data of contract version 2 (issue 13): Parthenstein has the most vacancies.
    assert (
        "Parthenstein hat mit 47,4\u00a0% den höchsten Anteil unbesetzter Stellen im Verbund (Verbund: 16,6\u00a0%)."
        in texts
    )
    assert (
        "Fördermittel ist die wichtigste Priorität der Kommunen (Ø Rang 3), hat aber als "
        "einziges Themenfeld keine Teilstrategie." in texts
    )
    assert (
        "Im Themenbereich Fördermittel liegt die Priorität der Kommunen (Rang 1) deutlich "
        "vor dem Kooperationspotenzial (Rang 5)." in texts
    )
