"""Short row references („BOR·M·7“) and the legend that resolves them."""

from __future__ import annotations

from parthe_reports.render.context import Names
from parthe_reports.render.refs import (
    SHEET_ABBREVIATIONS,
    VERBUND,
    book_labels,
    sheet_legend,
    short_ref,
)
from parthe_reports.schema import WORKBOOK_KINDS
from tests.fixtures_dataset import small_region

SHEETS = [s.name for k in WORKBOOK_KINDS.values() for s in k.sheets]
ROW = {"source_workbook": "Borsdorf_2026.xlsx", "source_sheet": "Maßnahmen", "source_row": 7}


def test_every_sheet_has_a_unique_short_abbreviation() -> None:
    """It gives every schema sheet one abbreviation of one or two letters, no two alike."""
    assert sorted(SHEET_ABBREVIATIONS) == sorted(SHEETS)
    abbrs = list(SHEET_ABBREVIATIONS.values())
    assert len(set(abbrs)) == len(abbrs)
    assert all(1 <= len(a) <= 2 and a.isalpha() and a.isupper() for a in abbrs)


def test_a_duplicate_abbreviation_would_be_caught() -> None:
    """It sees a repeated abbreviation when two sheets share one (the check can fail)."""
    abbrs = [*SHEET_ABBREVIATIONS.values(), SHEET_ABBREVIATIONS["Maßnahmen"]]
    assert len(set(abbrs)) < len(abbrs)


def test_short_ref_names_kuerzel_sheet_and_row() -> None:
    """It writes „BOR·M·7“ for BOR's workbook, whatever the file is called."""
    labels = book_labels([("Borsdorf_2026.xlsx", "BOR"), ("verbund.xlsx", None)])
    assert short_ref(ROW, labels) == "BOR·M·7"
    verbund = {
        "source_workbook": "verbund.xlsx",
        "source_sheet": "Förderprogramme",
        "source_row": 3,
    }
    assert short_ref(verbund, labels) == f"{VERBUND}·FP·3"


def test_short_ref_without_a_label_or_provenance() -> None:
    """It falls back to the file stem for an unknown workbook and „–“ without provenance."""
    assert short_ref(ROW, {}) == "Borsdorf_2026·M·7"
    assert short_ref({"source_workbook": None}, {}) != short_ref(ROW, {})


def test_two_workbooks_of_one_kuerzel_get_distinct_labels() -> None:
    """It numbers the second workbook of a Kürzel, so every label names one file."""
    labels = book_labels([("b.xlsx", "BOR"), ("a.xlsx", "BOR"), ("c.xlsx", "BRA")])
    assert labels == {"a.xlsx": "BOR", "b.xlsx": "BOR-2", "c.xlsx": "BRA"}
    assert len(set(labels.values())) == len(labels)


def test_names_mark_a_questioned_row_behind_its_ref() -> None:
    """It prints the short reference and † only for the questioned row."""
    from parthe_reports.render import cells

    region = small_region()
    code = region.codes[0]
    names = Names(region, [("Borsdorf_2026.xlsx", "Maßnahmen", 7)], {"Borsdorf_2026.xlsx": code})
    assert cells.source(ROW, names) == f"{code}·M·7\u00a0†"
    assert cells.source({**ROW, "source_row": 8}, names) == f"{code}·M·8"


def test_legend_lists_every_sheet_with_its_abbreviation() -> None:
    """It resolves each abbreviation to its sheet, in German only."""
    legend = sheet_legend()
    for name, abbr in SHEET_ABBREVIATIONS.items():
        assert f"{abbr}\u00a0=\u00a0{name}" in legend
    assert "Workbook" not in legend


def test_a_joined_reference_is_read_back() -> None:
    """It reads „BOR.xlsx › SWOT › 8“ back into its provenance, and nothing from other text."""
    from parthe_reports.render.refs import parse_long_ref

    row = parse_long_ref("BOR.xlsx › SWOT › 8")
    assert short_ref(row, book_labels([("BOR.xlsx", "BOR")])) == "BOR·SW·8"
    assert parse_long_ref("BOR.xlsx › SWOT") == {"source_workbook": None}


def test_sources_appendix_labels_as_the_rows_do() -> None:
    """It labels a profile's own workbook as in the whole run („BOR-2“), not anew from its part."""
    from datetime import date

    from parthe_reports.dataset import SourceInfo
    from parthe_reports.render.context import Imprint, base_context

    def src(book: str) -> SourceInfo:
        return SourceInfo(book, book, "0" * 64, "municipal", "BOR", "2.0", None, True)

    run = Imprint(date(2026, 11, 25), date(2026, 11, 25))
    labels = book_labels([("a.xlsx", "BOR"), ("b.xlsx", "BOR")])
    part = [src("b.xlsx")]
    region = small_region()
    assert base_context(region, run, part, None, labels)["sources"][0]["label"] == "BOR-2"
    assert base_context(region, run, part, None)["sources"][0]["label"] == "BOR"
