"""Section keys the narrative files its Befunde under.

The one list of section keys is ``parthe_reports.sections.SECTIONS`` (the same keys place
the project office's assessments from Verbund › Bewertungen). Only the Prüfbericht's
sections live here: it has no assessments.
"""

from __future__ import annotations

from parthe_reports.sections import SECTIONS

PRUEFBERICHT = (
    ("zusammenfassung", "Zusammenfassung"),
    ("befunde", "Befunde je Tabellenblatt"),
    ("plausibilitaet", "Plausibilität"),
)


def sections(document: str) -> tuple[tuple[str, str], ...]:
    """(key, title) of a document's sections."""
    if document == "Prüfbericht":
        return PRUEFBERICHT
    return tuple((s.key, s.title) for s in SECTIONS[document])


def section_keys(document: str) -> tuple[str, ...]:
    """The keys a statement of ``document`` may name."""
    return tuple(k for k, _ in sections(document))
