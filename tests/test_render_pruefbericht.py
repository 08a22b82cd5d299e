"""The Prüfbericht of one workbook: findings by sheet with cells, German, or a short praise."""

from __future__ import annotations

from datetime import date

from parthe_reports.dataset import SourceInfo
from parthe_reports.errors import Finding, Severity
from parthe_reports.region import load_region
from parthe_reports.render.context import Imprint, base_context
from parthe_reports.render.documents.pruefbericht import pruefbericht_context
from parthe_reports.render.engine import render_docx, template_path
from parthe_reports.validate.model import ValidatedWorkbook
from tests.test_render_fixtures import doc_text, headings

SOURCE = SourceInfo(
    "BRA.xlsx", "/x/BRA.xlsx", "ab" * 32, "municipal", "BRA", "1.0", date(2026, 11, 2), False
)


def _render(book: ValidatedWorkbook, tmp_path):
    ctx = base_context(
        load_region(), Imprint(date(2026, 11, 25), date(2026, 11, 25)), [book.source], None
    )
    ctx |= pruefbericht_context(book, load_region())
    return render_docx(template_path("Pruefbericht"), ctx, tmp_path / "p.docx")


def test_findings_are_grouped_by_sheet_with_cells(tmp_path):
    """It lists each finding under its sheet, in row order, with cell, value and expectation."""
    book = ValidatedWorkbook(
        source=SOURCE,
        findings=[
            Finding(
                "not-a-number",
                Severity.ERROR,
                "„zwölf“ ist keine Zahl.",
                "BRA.xlsx",
                "Maßnahmen",
                12,
                "Kosten gesamt",
                "I12",
                "zwölf",
                "Betrag in €",
            ),
            Finding(
                "synonym",
                Severity.NOTE,
                "„Stärken“ wurde als „Stärke“ gelesen.",
                "BRA.xlsx",
                "SWOT",
                3,
                "Kategorie",
                "B3",
                "Stärken",
                "Stärke",
            ),
            Finding(
                "empty",
                Severity.WARNING,
                "Pflichtfeld leer.",
                "BRA.xlsx",
                "Maßnahmen",
                4,
                "Titel",
                "B4",
                None,
                "Text",
            ),
        ],
        sheet_names={"swot": "SWOT", "measures": "Maßnahmen"},
    )
    path = _render(book, tmp_path)
    assert headings(path, 2) == ["Empfehlungen", "SWOT", "Maßnahmen"]  # PB.REC-FIX first
    text = doc_text(path)
    assert "1 Fehler, 1 Warnung und 1 Hinweis" in text
    assert text.index("B4") < text.index("I12")  # row order inside a sheet
    assert "„zwölf“ ist keine Zahl." in text and "Betrag in €" in text
    assert "vielen Dank" not in text


def test_clean_workbook_gets_a_short_positive_sentence(tmp_path):
    """It thanks the clerk when a workbook has no findings, with no empty table."""
    path = _render(ValidatedWorkbook(source=SOURCE), tmp_path)
    text = doc_text(path)
    assert "keine Fehler, Warnungen oder Hinweise gefunden – vielen Dank" in text
    assert "Keine Befunde: Alle Tabellenblätter entsprechen der Vorlage." in text
    assert headings(path, 2) == []


def test_unusable_workbook_says_it_was_not_used(tmp_path):
    """It says a rejected workbook was not used and lists its workbook-level finding."""
    book = ValidatedWorkbook(
        source=SOURCE,
        findings=[
            Finding(
                "not-a-workbook",
                Severity.ERROR,
                "Die Datei ist keine Excel-Arbeitsmappe.",
                "BRA.xlsx",
            )
        ],
        rejected=True,
    )
    text = doc_text(_render(book, tmp_path))
    assert "konnte nicht verwendet werden" in text
    assert "Erhebungsbogen insgesamt" in text and "Die Datei ist keine Excel-Arbeitsmappe." in text


def _plausibility_finding() -> Finding:
    return Finding(
        "municipality-count-in-text",
        Severity.WARNING,
        "Der Text nennt 7 Kommunen, der Verbund hat 6.",
        "BRA.xlsx",
        "Maßnahmen",
        5,
        "Beschreibung",
        "C5",
        "7 Kommunen",
        "höchstens 6",
    )


def test_plausibility_findings_have_their_own_section(tmp_path):
    """It lists plausibility findings under „Plausibilität“ (not again by sheet), titled with
    the municipality's name, without the sentence about a „Ref.“ column it lacks."""
    book = ValidatedWorkbook(
        source=SOURCE, findings=[_plausibility_finding()], sheet_names={"measures": "Maßnahmen"}
    )
    path = _render(book, tmp_path)
    text = doc_text(path)
    assert "Plausibilität" in headings(path)
    plaus = text.index("\nPlausibilität\nAngaben, die")
    assert text.index("Der Text nennt 7 Kommunen") > plaus
    assert text.count("Der Text nennt 7 Kommunen") == 1
    assert "Prüfbericht Stadt Brandis" in text and "Prüfbericht BRA.xlsx" not in text
    assert "Spalte „Ref.“" not in text and "Kürzel der Tabellenblätter" not in text


def test_other_findings_stay_out_of_the_plausibility_section(tmp_path):
    """It says the Plausibilität section is clean when only other findings exist."""
    book = ValidatedWorkbook(
        source=SOURCE,
        findings=[
            Finding("empty", Severity.WARNING, "Pflichtfeld leer.", "BRA.xlsx", "Maßnahmen", 4)
        ],
        sheet_names={"measures": "Maßnahmen"},
    )
    text = doc_text(_render(book, tmp_path))
    plaus = text.index("\nPlausibilität\nAngaben, die")
    assert "Keine Befunde: Die Angaben passen zueinander." in text[plaus:]
    assert text.index("Pflichtfeld leer.") < plaus
