"""The sections of the Fortschrittsbericht: one list both the template builder and the
context builder read, so a table's columns and the context's row fields cannot drift."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    """One table of the report, or its "keine Änderungen" sentence when it has no rows."""

    var: str  # context variable: a list of row dicts
    chapter: str  # Heading 1 it belongs to
    heading: str  # Heading 2
    columns: tuple[tuple[str, str], ...]  # (German header, row field)
    empty: str  # the sentence shown instead of an empty table


_M = "Maßnahmen"
_F = "Förderanträge"
_Z = "Zeitplan und Veränderungsmanagement"
_D = "Fristen in den nächsten 90 Tagen"
_S = "SWOT und Verbundziele"
_L = "Datenlieferungen der Kommunen"
_NONE = "Keine Änderungen: "

_ITEM = (("Nr.", "key"), ("Titel", "title"), ("Quelle", "source"))
_CHANGE = (("Nr.", "key"), ("Titel", "title"), ("bisher", "before"), ("jetzt", "after"))

SECTIONS: tuple[Section, ...] = (
    Section(
        "measures_new",
        _M,
        "Neue Maßnahmen",
        (
            ("Nr.", "key"),
            ("Titel", "title"),
            ("Status", "status"),
            ("Kosten", "cost"),
            ("Quelle", "source"),
        ),
        _NONE + "Seit dem Vergleichslauf kam keine Maßnahme hinzu.",
    ),
    Section(
        "measures_removed",
        _M,
        "Entfallene Maßnahmen",
        _ITEM,
        _NONE + "Keine Maßnahme ist entfallen.",
    ),
    Section(
        "measures_status",
        _M,
        "Statusänderungen",
        _CHANGE,
        _NONE + "Keine Maßnahme hat ihren Status geändert.",
    ),
    Section(
        "measures_cost",
        _M,
        "Geänderte Kosten",
        _CHANGE,
        _NONE + "Die Kosten aller Maßnahmen sind unverändert.",
    ),
    Section(
        "measures_period",
        _M,
        "Verschobene Zeiträume",
        _CHANGE,
        _NONE + "Kein Umsetzungszeitraum wurde verschoben.",
    ),
    Section(
        "measures_renamed",
        _M,
        "Geänderte Titel",
        _CHANGE,
        _NONE + "Kein Maßnahmentitel wurde geändert.",
    ),
    Section(
        "applications_new",
        _F,
        "Neue Förderanträge",
        (
            ("Antrags-Nr.", "key"),
            ("Programm", "title"),
            ("Status", "status"),
            ("beantragt", "requested"),
            ("Quelle", "source"),
        ),
        _NONE + "Seit dem Vergleichslauf kam kein Förderantrag hinzu.",
    ),
    Section(
        "applications_removed",
        _F,
        "Entfallene Förderanträge",
        _ITEM,
        _NONE + "Kein Förderantrag ist entfallen.",
    ),
    Section(
        "applications_status",
        _F,
        "Statusänderungen (Bescheide)",
        _CHANGE,
        _NONE + "Kein Förderantrag hat seinen Status geändert.",
    ),
    Section(
        "applications_amounts",
        _F,
        "Geänderte Beträge",
        (("Antrags-Nr.", "key"), ("Betrag", "field"), ("bisher", "before"), ("jetzt", "after")),
        _NONE + "Alle Beträge sind unverändert.",
    ),
    Section(
        "milestones_late",
        _Z,
        "Neu verspätete Meilensteine",
        (
            ("Meilenstein", "title"),
            ("Termin", "due"),
            ("Verantwortlich", "responsible"),
            ("Status", "status"),
        ),
        _NONE + "Kein Meilenstein ist neu in Verzug geraten.",
    ),
    Section(
        "milestones_done",
        _Z,
        "Erledigte Meilensteine",
        (("Meilenstein", "title"), ("Termin", "due"), ("Verantwortlich", "responsible")),
        _NONE + "Seit dem Vergleichslauf wurde kein Meilenstein erledigt.",
    ),
    Section(
        "milestones_moved",
        _Z,
        "Verschobene Meilensteine",
        (("Meilenstein", "title"), ("bisher", "before"), ("jetzt", "after")),
        _NONE + "Kein Meilenstein wurde verschoben.",
    ),
    Section(
        "change_done",
        _Z,
        "Erledigte Maßnahmen des Veränderungsmanagements",
        (("Maßnahme", "title"), ("Zielgruppe", "audience"), ("Termin", "due")),
        _NONE + "Keine Maßnahme des Veränderungsmanagements wurde neu erledigt.",
    ),
    Section(
        "deadlines",
        _D,
        "Antragsfristen und Fristen für Verwendungsnachweise",
        (
            ("Datum", "due"),
            ("in Tagen", "days"),
            ("Art", "kind"),
            ("Nr.", "key"),
            ("Bezeichnung", "title"),
            ("Kommune", "municipality"),
        ),
        "In den nächsten 90 Tagen endet keine Frist.",
    ),
    Section(
        "swot_added",
        _S,
        "Neue SWOT-Aussagen",
        (
            ("Kommune", "municipality"),
            ("Themenbereich", "topic"),
            ("Kategorie", "category"),
            ("Aussage", "title"),
        ),
        _NONE + "Keine SWOT-Aussage kam hinzu.",
    ),
    Section(
        "swot_removed",
        _S,
        "Entfallene SWOT-Aussagen",
        (
            ("Kommune", "municipality"),
            ("Themenbereich", "topic"),
            ("Kategorie", "category"),
            ("Aussage", "title"),
        ),
        _NONE + "Keine SWOT-Aussage ist entfallen.",
    ),
    Section(
        "goals_added",
        _S,
        "Neue Verbundziele",
        (("Ziel-Nr.", "key"), ("Ziel", "title"), ("Themenbereich", "topic")),
        _NONE + "Kein Verbundziel kam hinzu.",
    ),
    Section(
        "goals_removed",
        _S,
        "Entfallene Verbundziele",
        (("Ziel-Nr.", "key"), ("Ziel", "title"), ("Themenbereich", "topic")),
        _NONE + "Kein Verbundziel ist entfallen.",
    ),
    Section(
        "goals_changed",
        _S,
        "Geänderte Verbundziele",
        (("Ziel-Nr.", "key"), ("Feld", "field"), ("bisher", "before"), ("jetzt", "after")),
        _NONE + "Kein Verbundziel wurde geändert.",
    ),
    Section(
        "deliveries",
        _L,
        "Nicht aktualisierte oder fehlerhafte Workbooks",
        (("Kommune", "name"), ("Befund", "reason"), ("Erläuterung", "detail")),
        "Alle Kommunen haben ein aktualisiertes, fehlerfreies Workbook geliefert.",
    ),
)


def chapters() -> list[str]:
    """Heading-1 chapters in order."""
    seen: list[str] = []
    for s in SECTIONS:
        if s.chapter not in seen:
            seen.append(s.chapter)
    return seen
