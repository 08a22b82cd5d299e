"""The documents and their section keys: where an assessment (Verbund › Bewertungen) is placed.

One list for everyone: the schema (Dokument vocabulary), the Anleitung (the keys a clerk
may type), validation (an unknown key is a finding listing the valid ones) and rendering
(which key a template block shows). Keys are short, lower-case German words without
umlauts, so they survive typing; the title is what the Anleitung shows beside them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_NON_WORD = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Section:
    key: str  # what the clerk types in Bewertungen › Abschnitt
    title: str  # German, as in the document


_SUMMARY = Section("zusammenfassung", "Zusammenfassung")
_RECOMMENDATIONS = Section("empfehlungen", "Empfehlungen")

# Document (as typed in Bewertungen › Dokument) → its sections, in document order.
SECTIONS: dict[str, tuple[Section, ...]] = {
    "Phase 1": (
        _SUMMARY,
        Section("verwaltung", "Verwaltungsanalyse"),
        Section("infrastruktur", "Infrastruktur"),
        Section("dokumente", "Leitbilder und Konzepte"),
        Section("prioritaeten", "Prioritäten"),
        Section("swot", "SWOT-Analyse"),
        Section("cluster", "Kooperationscluster"),
        Section("priorisierung", "Priorisierung"),
        _RECOMMENDATIONS,
    ),
    "Phase 2": (
        _SUMMARY,
        Section("strategie", "Regionale Strategie"),
        Section("teilstrategien", "Teilstrategien"),
        Section("werkstaetten", "Werkstätten"),
        Section("rahmenbedingungen", "Rechtlicher Rahmen"),
        _RECOMMENDATIONS,
    ),
    "Phase 3": (
        _SUMMARY,
        Section("leitbild", "Leitbild"),
        Section("verbundziele", "Verbundziele"),
        Section("kommunikation", "Corporate Identity und Kommunikation"),
        _RECOMMENDATIONS,
    ),
    "Phase 4": (
        _SUMMARY,
        Section("massnahmen", "Maßnahmen nach Themenbereich"),
        Section("quickwins", "Quick Wins"),
        Section("zeitleiste", "Zeitleiste"),
        Section("zielabdeckung", "Ziele und Maßnahmen"),
        Section("steckbriefe", "Maßnahmensteckbriefe"),
        _RECOMMENDATIONS,
    ),
    "Phase 5": (
        _SUMMARY,
        Section("programme", "Förderprogramme"),
        Section("antraege", "Förderanträge"),
        Section("fristen", "Fristen"),
        Section("finanzierungsluecken", "Maßnahmen ohne Förderung"),
        Section("foerderstrategie", "Förderstrategie"),
        _RECOMMENDATIONS,
    ),
    "Phase 6": (
        _SUMMARY,
        Section("strukturoptionen", "Strukturoptionen"),
        Section("zeitplan", "Zeitplan"),
        Section("veraenderungsmanagement", "Veränderungsmanagement"),
        Section("anschlussfoerderung", "Anschlussförderung"),
        Section("governance", "Governance"),
        _RECOMMENDATIONS,
    ),
    "Kommunalprofil": (
        _SUMMARY,
        Section("vergleich", "Regionaler Vergleich"),
        Section("verwaltung", "Verwaltung"),
        Section("infrastruktur", "Infrastruktur"),
        Section("swot", "SWOT"),
        Section("massnahmen", "Maßnahmen und Förderanträge"),
        _RECOMMENDATIONS,
    ),
    "Fortschrittsbericht": (
        _SUMMARY,
        Section("massnahmen", "Maßnahmen"),
        Section("antraege", "Förderanträge"),
        Section("meilensteine", "Meilensteine"),
        Section("fristen", "Fristen"),
        _RECOMMENDATIONS,
    ),
}
DOCUMENTS = tuple(SECTIONS)
# The document whose assessments name a municipality (Bewertungen › Kürzel).
PER_MUNICIPALITY = "Kommunalprofil"


def section_keys(document: str) -> tuple[str, ...]:
    """The valid Abschnitt keys of a document (empty for an unknown document)."""
    return tuple(s.key for s in SECTIONS.get(document, ()))


def fold(text: str) -> str:
    """„Werkstätten “ → "werkstaetten": case, umlauts, spaces and punctuation folded."""
    text = unicodedata.normalize("NFC", text).casefold().translate(_UMLAUTS)
    return _NON_WORD.sub("", text)


def find_section(document: str, typed: str) -> Section | None:
    """The section a clerk meant: key or title, case, umlauts and spaces folded."""
    want = fold(typed)
    for s in SECTIONS.get(document, ()):
        if want in (fold(s.key), fold(s.title)):
            return s
    return None
