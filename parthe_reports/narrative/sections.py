"""Section keys the narrative files its Befunde under.

The one list of section keys is ``parthe_reports.sections.SECTIONS`` (branch contract-v2:
the same keys place the project office's assessments from Verbund › Bewertungen). Until
that branch is merged, ``SHARED`` mirrors it here key for key; after the merge this module
reduces to ``from parthe_reports.sections import SECTIONS`` plus ``NEW`` (the sections
issue 11 adds, which belong in that list too) and ``PRUEFBERICHT`` (no assessments there).
"""

from __future__ import annotations

SHARED: dict[str, tuple[tuple[str, str], ...]] = {
    "Phase 1": (
        ("zusammenfassung", "Zusammenfassung"),
        ("verwaltung", "Verwaltungsanalyse"),
        ("infrastruktur", "Infrastruktur"),
        ("dokumente", "Leitbilder und Konzepte"),
        ("prioritaeten", "Prioritäten"),
        ("swot", "SWOT-Analyse"),
        ("cluster", "Kooperationscluster"),
        ("empfehlungen", "Empfehlungen"),
    ),
    "Phase 2": (
        ("zusammenfassung", "Zusammenfassung"),
        ("strategie", "Regionale Strategie"),
        ("teilstrategien", "Teilstrategien"),
        ("werkstaetten", "Werkstätten"),
        ("rahmenbedingungen", "Rechtlicher Rahmen"),
        ("empfehlungen", "Empfehlungen"),
    ),
    "Phase 3": (
        ("zusammenfassung", "Zusammenfassung"),
        ("leitbild", "Leitbild"),
        ("verbundziele", "Verbundziele"),
        ("kommunikation", "Corporate Identity und Kommunikation"),
        ("empfehlungen", "Empfehlungen"),
    ),
    "Phase 4": (
        ("zusammenfassung", "Zusammenfassung"),
        ("massnahmen", "Maßnahmen nach Themenbereich"),
        ("quickwins", "Quick Wins"),
        ("zeitleiste", "Zeitleiste"),
        ("zielabdeckung", "Ziele und Maßnahmen"),
        ("empfehlungen", "Empfehlungen"),
    ),
    "Phase 5": (
        ("zusammenfassung", "Zusammenfassung"),
        ("programme", "Förderprogramme"),
        ("antraege", "Förderanträge"),
        ("fristen", "Fristen"),
        ("finanzierungsluecken", "Maßnahmen ohne Förderung"),
        ("empfehlungen", "Empfehlungen"),
    ),
    "Phase 6": (
        ("zusammenfassung", "Zusammenfassung"),
        ("strukturoptionen", "Strukturoptionen"),
        ("zeitplan", "Zeitplan"),
        ("veraenderungsmanagement", "Veränderungsmanagement"),
        ("anschlussfoerderung", "Anschlussförderung"),
        ("empfehlungen", "Empfehlungen"),
    ),
    "Kommunalprofil": (
        ("zusammenfassung", "Zusammenfassung"),
        ("vergleich", "Regionaler Vergleich"),
        ("verwaltung", "Verwaltung"),
        ("infrastruktur", "Infrastruktur"),
        ("swot", "SWOT"),
        ("massnahmen", "Maßnahmen und Förderanträge"),
        ("empfehlungen", "Empfehlungen"),
    ),
    "Fortschrittsbericht": (
        ("zusammenfassung", "Zusammenfassung"),
        ("massnahmen", "Maßnahmen"),
        ("antraege", "Förderanträge"),
        ("meilensteine", "Meilensteine"),
        ("fristen", "Fristen"),
        ("empfehlungen", "Empfehlungen"),
    ),
}
NEW: dict[str, tuple[str, str]] = {
    "Phase 1": ("priorisierung", "Priorisierung"),
    "Phase 4": ("steckbriefe", "Maßnahmensteckbriefe"),
    "Phase 5": ("foerderstrategie", "Förderstrategie"),
    "Phase 6": ("governance", "Governance"),
}
"""Sections issue 11 adds to the documents (to be added to ``parthe_reports.sections``)."""
PRUEFBERICHT = (("zusammenfassung", "Zusammenfassung"), ("befunde", "Befunde je Tabellenblatt"))


def sections(document: str) -> tuple[tuple[str, str], ...]:
    """(key, title) of a document's sections, the new ones included."""
    if document == "Prüfbericht":
        return PRUEFBERICHT
    shared = SHARED[document]
    return (*shared, NEW[document]) if document in NEW else shared


def section_keys(document: str) -> tuple[str, ...]:
    """The keys a statement of ``document`` may name."""
    return tuple(k for k, _ in sections(document))
