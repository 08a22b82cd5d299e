"""Section keys of every deliverable: a stable slug per heading, in document order.

A key is the heading folded to ASCII (``Förderanträge nach Status`` →
``foerderantraege-nach-status``). The headings are those of ``render/documents_*``; the
ones marked *new* are sections issue 11 adds (Priorisierung, Steckbriefe,
Förderstrategie, Governance). The same keys name the sections in the Verbund-Workbook's
„Bewertungen“ sheet.
"""

from __future__ import annotations

import re
import unicodedata

_FOLD = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}


def section_key(heading: str) -> str:
    """``Aufgaben- und Themencluster`` → ``aufgaben-und-themencluster``."""
    s = "".join(_FOLD.get(ch, ch) for ch in heading.casefold())
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def _keys(*headings: str) -> dict[str, str]:
    return {section_key(h): h for h in headings}


SUMMARY = "zusammenfassung"
PHASE1 = _keys(
    "Überblick",
    "Verwaltung",
    "Infrastruktur",
    "Leitbilder und Fachkonzepte",
    "Prioritäten",
    "SWOT-Analyse je Themenbereich",
    "Aufgaben- und Themencluster",
    "Priorisierung",  # new
)
PHASE2 = _keys(
    "Regionale Strategie",
    "Teilstrategien je Themenbereich",
    "Teilstrategien je Partnerkommune",
    "Werkstätten",
    "Rechtlicher Rahmen",
)
PHASE3 = _keys("Leitbild", "Verbundziele", "Corporate Identity und Kommunikation")
PHASE4 = _keys(
    "Überblick",
    "Quick Wins",
    "Maßnahmen nach Themenbereichen",
    "Zeitplan der Maßnahmen",
    "Abgleich mit den Verbundzielen",
    "Maßnahmensteckbriefe",  # new
)
PHASE5 = _keys(
    "Förderprogramme",
    "Förderanträge nach Status",
    "Förderanträge je Kommune und Programm",
    "Alle Förderanträge",
    "Fristen in den nächsten 90 Tagen",
    "Maßnahmen ohne Förderung",
    "Förderstrategie",  # new
)
PHASE6 = _keys(
    "Strukturoptionen",
    "Governance",  # new
    "Zeitplan und Meilensteine",
    "Veränderungsmanagement",
    "Anschlussförderung",
)
PROFILE = _keys(
    "Überblick",
    "Verwaltung",
    "Infrastruktur",
    "Leitbilder und Fachkonzepte",
    "Prioritäten und Kooperationspotenzial",
    "SWOT-Aussagen",
    "Maßnahmen und Förderanträge",
)
PRUEFBERICHT = _keys("Zusammenfassung", "Befunde je Tabellenblatt")
PROGRESS = _keys(  # the chapters of progress/sections.py
    "Maßnahmen",
    "Förderanträge",
    "Zeitplan und Veränderungsmanagement",
    "Fristen in den nächsten 90 Tagen",
    "SWOT und Verbundziele",
    "Datenlieferungen der Kommunen",
)

BY_DOCUMENT: dict[str, dict[str, str]] = {
    "Phase 1": PHASE1,
    "Phase 2": PHASE2,
    "Phase 3": PHASE3,
    "Phase 4": PHASE4,
    "Phase 5": PHASE5,
    "Phase 6": PHASE6,
    "Kommunalprofil": PROFILE,
    "Prüfbericht": PRUEFBERICHT,
    "Fortschrittsbericht": PROGRESS,
}
"""Document (as the Bewertungen sheet names it) → section key → heading."""
