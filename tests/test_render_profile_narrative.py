"""The Kommunalprofil reads as a page about the municipality: subtitle, merged SWOT, own shares."""

from __future__ import annotations

from parthe_reports import german as fmt
from tests.test_render_fixtures import doc_text, example, rendered_example, tables_with_header


def _swot_rows(code: str) -> list[list[str]]:
    path = rendered_example()[f"Kommunalprofil_{code}.docx"]
    (table,) = tables_with_header(path, "Themenbereich", "Kategorie")
    return [[c.text for c in r.cells] for r in table.rows[1:]]


def test_profile_swot_is_merged_as_in_phase_1_with_who_else_names_it():
    """It prints each merged statement the municipality names once, with the others naming it."""
    c = example()[0]
    merged = c.phase1.swot_statements
    mine = merged[merged["municipalities"].map(lambda m: "BRA" in m)]
    rows = _swot_rows("BRA")
    assert len(rows) == len(mine)
    shared = next(r for r in rows if r[2].startswith("Fachkräftemangel in der Verwaltung"))
    assert "Naunhof" in shared[4] and "Brandis" not in shared[4]
    own_only = next(r for r in rows if r[2] == "Eigene Vergabestelle mit erfahrenem Personal")
    assert own_only[4] == "–"
    text = doc_text(rendered_example()["Kommunalprofil_BRA.docx"])
    assert f"Brandis hat {len(c.profiles['BRA'].swot)} SWOT-Aussagen gemeldet" in text
    assert "Risikon" not in text


def test_profile_shows_own_shares_and_its_subtitle():
    """It lists the own share of every application and is subtitled as a profile, not as Phase 1."""
    c = example()[0]
    path = rendered_example()["Kommunalprofil_BRA.docx"]
    (apps,) = tables_with_header(path, "Nr.", "Programm")
    header = [x.text for x in apps.rows[0].cells]
    assert "Eigenanteil" in header
    col = header.index("Eigenanteil")
    shares = [r.cells[col].text for r in apps.rows[1:]]
    assert shares == [fmt.money(v) for v in c.profiles["BRA"].applications["own_share"]]
    text = doc_text(path)
    assert "Kommunalprofil zur Analyse und Bewertung (Phase 1)" in text
    assert "\nPhase 1 – Analyse und Bewertung\n" not in text
