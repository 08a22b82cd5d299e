"""German for generated sentences: counts, lists, amounts, names, section keys."""

from __future__ import annotations

import pytest

from parthe_reports.narrative import grammar as g
from parthe_reports.narrative.sections import section_keys
from parthe_reports.region import load_region
from parthe_reports.sections import SECTIONS

NB = "\u00a0"


@pytest.mark.parametrize(
    ("n", "noun", "expected"),
    [
        (1, "Kommune", "1 Kommune"),
        (2, "Kommune", "2 Kommunen"),
        (0, "Kommune", "0 Kommunen"),
        (1, "Förderantrag", "1 Förderantrag"),
        (3, "Förderantrag", "3 Förderanträge"),
        (1, "Risiko", "1 Risiko"),
        (4, "Risiko", "4 Risiken"),
        (1_234, "Maßnahme", "1.234 Maßnahmen"),
    ],
)
def test_count_picks_singular_or_plural(n, noun, expected):
    """It writes the noun in the number the count asks for, with German digit grouping."""
    assert g.count(n, noun) == expected


def test_count_in_the_dative_adds_n_only_where_german_does():
    """It writes „von 7 Themenbereichen“ but „von 5 Kommunen“ and „1 Themenbereich“."""
    assert g.count(7, "Themenbereich", dative=True) == "7 Themenbereichen"
    assert g.count(5, "Kommune", dative=True) == "5 Kommunen"
    assert g.count(1, "Themenbereich", dative=True) == "1 Themenbereich"
    assert g.count(7, "Themenbereich") == "7 Themenbereiche"


def test_verb_agrees_with_the_count():
    """It picks „ist“ for one and „sind“ for more or none."""
    assert [g.verb(n, "ist", "sind") for n in (0, 1, 2)] == ["sind", "ist", "sind"]


def test_lists_read_as_german_lists():
    """It joins names with commas and a final „und“."""
    region = load_region()
    assert g.names(region, ["BRA", "NAU", "BOR"]) == "Brandis, Naunhof und Borsdorf"
    assert g.names(region, ["BRA"]) == "Brandis"
    assert g.join_de([]) == ""


def test_who_counts_instead_of_naming_many():
    """It names up to three municipalities and counts more."""
    region = load_region()
    assert g.who(region, ["BRA", "NAU"]) == "Brandis und Naunhof"
    assert g.who(region, ["BRA", "NAU", "BOR", "GRP"]) == "4 Kommunen"


def test_town_or_municipality_comes_from_the_config():
    """It calls Brandis a Stadt and Borsdorf a Gemeinde, as region.toml says."""
    region = load_region()
    assert g.the_municipality(region, "BRA") == "die Stadt Brandis"
    assert g.the_municipality(region, "BOR", "dat") == "der Gemeinde Borsdorf"
    assert g.kind_noun(region, "NAU") == "Stadt"
    assert g.kind_noun(region, "XYZ") == "Kommune"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (20_922_500, f"ca.{NB}20,9{NB}Mio.{NB}€"),
        (3_000_000, f"3{NB}Mio.{NB}€"),
        (184_000, f"184.000{NB}€"),
        (183_950, f"ca.{NB}184.000{NB}€"),
        (8_000, f"8.000{NB}€"),
        (7_999.5, f"ca.{NB}8.000{NB}€"),
    ],
)
def test_approximate_amounts_say_ca_only_when_rounded(value, expected):
    """It prefixes „ca.“ exactly when rounding changed the amount."""
    assert g.approx_money(value) == expected


def test_numbers_and_percentages_are_german():
    """It writes decimal commas, thousands points and a non-breaking space before %."""
    assert g.number(82.75, 2) == "82,75"
    assert g.percent(19.939577) == f"19,9{NB}%"
    assert g.money(1234.5) == f"1.234,50{NB}€"
    assert g.number(float("nan")) == "–"


def test_ordinal_extremes():
    """It writes „höchste“, „zweithöchsten“, „drittniedrigste“."""
    assert g.ordinal_extreme(1, True) == "höchste"
    assert g.ordinal_extreme(2, True, ("höchsten", "niedrigsten")) == "zweithöchsten"
    assert g.ordinal_extreme(3, False) == "drittniedrigste"


def test_section_keys_are_ascii_and_include_the_new_sections():
    """It gives every document the ASCII keys of parthe_reports.sections, the four sections
    of issue 11 included, and the Prüfbericht its own three."""
    new = {"Phase 1": "priorisierung", "Phase 4": "steckbriefe", "Phase 5": "foerderstrategie"}
    new["Phase 6"] = "governance"
    for doc, key in new.items():
        assert key in section_keys(doc), doc
    assert "priorisierung" not in section_keys("Phase 2")
    assert section_keys("Phase 2") == tuple(s.key for s in SECTIONS["Phase 2"])
    assert section_keys("Prüfbericht") == ("zusammenfassung", "befunde", "plausibilitaet")
    for doc in (*SECTIONS, "Prüfbericht"):
        assert all(k.isascii() and k == k.lower() for k in section_keys(doc))
