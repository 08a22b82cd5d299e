"""Tests of the workbook contract (schema)."""

from __future__ import annotations

import pytest

from parthe_reports import schema
from parthe_reports.region import load_region
from parthe_reports.schema import ColumnType, normalize

# The sheets of shared/spec/workbooks.md (with contract version 2), in order; exactly these.
SPEC_SHEETS = {
    "municipal": [
        "Stammdaten",
        "Verwaltung",
        "Infrastruktur",
        "Dokumente",
        "SWOT",
        "Prioritäten",
        "Maßnahmen",
        "Förderanträge",
    ],
    "regional": [
        "Werkstätten",
        "Rahmenbedingungen",
        "Teilstrategien",
        "Leitbild",
        "Verbundziele",
        "Kommunikation",
        "Förderprogramme",
        "Strukturoptionen",
        "Kriterien",  # contract version 2
        "Strukturbewertung",  # contract version 2
        "Zeitplan",
        "Veränderungsmanagement",
        "Bewertungen",  # contract version 2
    ],
}


@pytest.mark.parametrize("kind", ["municipal", "regional"])
def test_schema_has_every_sheet_of_the_spec(kind: str) -> None:
    """It defines every sheet of the spec, in the spec's order."""
    assert [s.name for s in schema.WORKBOOK_KINDS[kind].sheets] == SPEC_SHEETS[kind]


def test_required_columns_match_the_spec_samples() -> None:
    """It marks the spec's starred columns as required and leaves the others optional."""
    measures = schema.MEASURES
    required = [c.header for c in measures.columns if c.required]
    assert required == ["Maßnahmen-Nr.", "Titel", "Themenbereich"]
    apps = schema.FUNDING_APPLICATIONS
    assert [c.header for c in apps.columns if c.required] == [
        "Antrags-Nr.",
        "Förderprogramm-Nr.",
        "Status",
    ]


def test_every_choice_column_has_a_resolvable_vocabulary() -> None:
    """It resolves a non-empty vocabulary for every Auswahl column, region ones included."""
    region = load_region()
    for kind in schema.WORKBOOK_KINDS.values():
        for sheet in kind.sheets:
            for col in sheet.columns:
                if col.type is ColumnType.CHOICE:
                    assert schema.vocabulary_values(col, region), (sheet.name, col.header)
                else:
                    assert col.vocabulary is None, (sheet.name, col.header)


def test_synonyms_map_to_canonical_values() -> None:
    """It maps what people type (plural, case, stray spaces) to the canonical value."""
    lookup = schema.VOCABULARIES["swot_category"].lookup()
    assert lookup[normalize("Stärken")] == "Stärke"
    assert lookup[normalize("  CHANCE ")] == "Chance"
    assert lookup[normalize("Risiken")] == "Risiko"
    assert normalize("Schwäche") in lookup
    assert normalize("Stärkung") not in lookup


def test_topic_vocabulary_accepts_numbers_and_first_words() -> None:
    """It accepts a topic by its number or first word, from the region's topic list."""
    region = load_region()
    col = schema.SWOT.column("topic")
    lookup = schema.vocabulary_for(col, region).lookup()
    assert lookup[normalize("3")] == "Umwelt- und Klimaschutz"
    assert lookup[normalize("Kultur")] == "Kultur"
    assert normalize("8") not in lookup


def test_normalize_folds_spacing_case_and_sharp_s() -> None:
    """It folds non-breaking spaces, line breaks, case, ß and the required marker."""
    assert normalize("Maßnahmen-Nr. *") == normalize("massnahmen-nr.")
    assert normalize("Kosten\ngesamt") == normalize("Kosten\u00a0 gesamt")
    assert normalize("Kosten gesamt") != normalize("Kosten")


def test_keys_and_table_names_are_unique_and_ascii() -> None:
    """It gives every sheet a unique key and an ASCII table name Excel accepts."""
    keys = [s.key for k in schema.WORKBOOK_KINDS.values() for s in k.sheets]
    assert len(keys) == len(set(keys))
    for kind in schema.WORKBOOK_KINDS.values():
        for sheet in kind.sheets:
            assert sheet.table_name.isascii() and " " not in sheet.table_name
            col_keys = [c.key for c in sheet.columns]
            assert len(col_keys) == len(set(col_keys)), sheet.name


def test_references_point_at_defined_columns() -> None:
    """It only references columns that exist."""
    for kind in schema.WORKBOOK_KINDS.values():
        for sheet in kind.sheets:
            for col in sheet.columns:
                if col.references:
                    sheet_key, col_key = col.references.split(".")
                    target = next(
                        s
                        for k in schema.WORKBOOK_KINDS.values()
                        for s in k.sheets
                        if s.key == sheet_key
                    )
                    assert target.column(col_key).unique
