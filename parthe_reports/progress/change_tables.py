"""The change tables of the Fortschrittsbericht, declared once: the template (through
``render.spec``/``build_templates``) and the context builder both read this list, so a
table's columns and the context's row fields cannot drift apart."""

from __future__ import annotations

from dataclasses import dataclass

from parthe_reports.render.spec import Col


@dataclass(frozen=True)
class ChangeTable:
    """One table of the report, or its "keine Änderungen" sentence when it has no rows."""

    var: str  # context variable: a list of row dicts
    chapter: str  # Heading 1 it belongs to
    heading: str  # Heading 2
    columns: tuple[Col, ...]  # German header, row field, width in cm
    empty: str  # the sentence shown instead of an empty table


_M = "Maßnahmen"
_F = "Förderanträge"
_Z = "Zeitplan und Veränderungsmanagement"
_D = "Fristen in den nächsten 90 Tagen"
_S = "SWOT und Verbundziele"
_L = "Datenlieferungen der Kommunen"
_A = "Einschätzungen des Projektbüros"
_NONE = "Keine Änderungen: "

_ITEM = (Col("Nr.", "key", 2.4), Col("Titel", "title", 5.0), Col("Quelle", "source", 3.6))
_CHANGE = (
    Col("Nr.", "key", 2.4),
    Col("Titel", "title", 5.0),
    Col("bisher", "before", 3.0),
    Col("jetzt", "after", 3.0),
)

CHANGE_TABLES: tuple[ChangeTable, ...] = (
    ChangeTable(
        "measures_new",
        _M,
        "Neue Maßnahmen",
        (
            Col("Nr.", "key", 2.4),
            Col("Titel", "title", 5.0),
            Col("Status", "status", 2.4),
            Col("Kosten", "cost", 2.6, "right"),
            Col("Quelle", "source", 3.6),
        ),
        _NONE + "Seit dem Vergleichslauf kam keine Maßnahme hinzu.",
    ),
    ChangeTable(
        "measures_removed",
        _M,
        "Entfallene Maßnahmen",
        _ITEM,
        _NONE + "Keine Maßnahme ist entfallen.",
    ),
    ChangeTable(
        "measures_status",
        _M,
        "Statusänderungen",
        _CHANGE,
        _NONE + "Keine Maßnahme hat ihren Status geändert.",
    ),
    ChangeTable(
        "measures_cost",
        _M,
        "Geänderte Kosten",
        _CHANGE,
        _NONE + "Die Kosten aller Maßnahmen sind unverändert.",
    ),
    ChangeTable(
        "measures_period",
        _M,
        "Verschobene Zeiträume",
        _CHANGE,
        _NONE + "Kein Umsetzungszeitraum wurde verschoben.",
    ),
    ChangeTable(
        "measures_renamed",
        _M,
        "Geänderte Titel",
        _CHANGE,
        _NONE + "Kein Maßnahmentitel wurde geändert.",
    ),
    ChangeTable(
        "applications_new",
        _F,
        "Neue Förderanträge",
        (
            Col("Antrags-Nr.", "key", 2.4),
            Col("Programm", "title", 5.0),
            Col("Status", "status", 2.4),
            Col("beantragt", "requested", 2.6, "right"),
            Col("Quelle", "source", 3.6),
        ),
        _NONE + "Seit dem Vergleichslauf kam kein Förderantrag hinzu.",
    ),
    ChangeTable(
        "applications_removed",
        _F,
        "Entfallene Förderanträge",
        _ITEM,
        _NONE + "Kein Förderantrag ist entfallen.",
    ),
    ChangeTable(
        "applications_status",
        _F,
        "Statusänderungen (Bescheide)",
        _CHANGE,
        _NONE + "Kein Förderantrag hat seinen Status geändert.",
    ),
    ChangeTable(
        "applications_amounts",
        _F,
        "Geänderte Beträge",
        (
            Col("Antrags-Nr.", "key", 2.4),
            Col("Betrag", "field", 2.4),
            Col("bisher", "before", 3.0),
            Col("jetzt", "after", 3.0),
        ),
        _NONE + "Alle Beträge sind unverändert.",
    ),
    ChangeTable(
        "milestones_late",
        _Z,
        "Neu verspätete Meilensteine",
        (
            Col("Meilenstein", "title", 5.0),
            Col("Termin", "due", 2.2),
            Col("Verantwortlich", "responsible", 3.2),
            Col("Status", "status", 2.4),
        ),
        _NONE + "Kein Meilenstein ist neu in Verzug geraten.",
    ),
    ChangeTable(
        "milestones_done",
        _Z,
        "Erledigte Meilensteine",
        (
            Col("Meilenstein", "title", 5.0),
            Col("Termin", "due", 2.2),
            Col("Verantwortlich", "responsible", 3.2),
        ),
        _NONE + "Seit dem Vergleichslauf wurde kein Meilenstein erledigt.",
    ),
    ChangeTable(
        "milestones_moved",
        _Z,
        "Verschobene Meilensteine",
        (
            Col("Meilenstein", "title", 5.0),
            Col("bisher", "before", 3.0),
            Col("jetzt", "after", 3.0),
        ),
        _NONE + "Kein Meilenstein wurde verschoben.",
    ),
    ChangeTable(
        "change_done",
        _Z,
        "Erledigte Maßnahmen des Veränderungsmanagements",
        (
            Col("Maßnahme", "title", 5.0),
            Col("Zielgruppe", "audience", 3.2),
            Col("Termin", "due", 2.2),
        ),
        _NONE + "Keine Maßnahme des Veränderungsmanagements wurde neu erledigt.",
    ),
    ChangeTable(
        "deadlines",
        _D,
        "Antragsfristen und Fristen für Verwendungsnachweise",
        (
            Col("Datum", "due", 2.2),
            Col("in Tagen", "days", 1.6, "right"),
            Col("Art", "kind", 3.4),
            Col("Nr.", "key", 2.4),
            Col("Bezeichnung", "title", 5.0),
            Col("Kommune", "municipality", 2.0),
        ),
        "In den nächsten 90 Tagen endet keine Frist.",
    ),
    ChangeTable(
        "swot_added",
        _S,
        "Neue SWOT-Aussagen",
        (
            Col("Kommune", "municipality", 2.0),
            Col("Themenbereich", "topic", 3.4),
            Col("Kategorie", "category", 2.2),
            Col("Aussage", "title", 5.0),
        ),
        _NONE + "Keine SWOT-Aussage kam hinzu.",
    ),
    ChangeTable(
        "swot_removed",
        _S,
        "Entfallene SWOT-Aussagen",
        (
            Col("Kommune", "municipality", 2.0),
            Col("Themenbereich", "topic", 3.4),
            Col("Kategorie", "category", 2.2),
            Col("Aussage", "title", 5.0),
        ),
        _NONE + "Keine SWOT-Aussage ist entfallen.",
    ),
    ChangeTable(
        "goals_added",
        _S,
        "Neue Verbundziele",
        (
            Col("Ziel-Nr.", "key", 2.4),
            Col("Ziel", "title", 5.0),
            Col("Themenbereich", "topic", 3.4),
        ),
        _NONE + "Kein Verbundziel kam hinzu.",
    ),
    ChangeTable(
        "goals_removed",
        _S,
        "Entfallene Verbundziele",
        (
            Col("Ziel-Nr.", "key", 2.4),
            Col("Ziel", "title", 5.0),
            Col("Themenbereich", "topic", 3.4),
        ),
        _NONE + "Kein Verbundziel ist entfallen.",
    ),
    ChangeTable(
        "goals_changed",
        _S,
        "Geänderte Verbundziele",
        (
            Col("Ziel-Nr.", "key", 2.4),
            Col("Feld", "field", 2.4),
            Col("bisher", "before", 3.0),
            Col("jetzt", "after", 3.0),
        ),
        _NONE + "Kein Verbundziel wurde geändert.",
    ),
    ChangeTable(
        "assessments_changed",
        _A,
        "Neue oder geänderte Einschätzungen",
        (
            Col("Dokument", "document", 2.4),
            Col("Abschnitt", "section", 2.6),
            Col("Einschätzung (Wortlaut)", "title", 7.0),
            Col("Stand", "as_of", 2.0),
        ),
        _NONE + "Keine Einschätzung des Projektbüros ist neu oder geändert.",
    ),
    ChangeTable(
        "deliveries",
        _L,
        "Nicht aktualisierte oder fehlerhafte Erhebungsbögen",
        (
            Col("Kommune", "name", 3.0),
            Col("Befund", "reason", 2.4),
            Col("Erläuterung", "detail", 7.0),
        ),
        "Alle Kommunen haben einen aktualisierten, fehlerfreien Erhebungsbogen geliefert.",
    ),
)


def chapters() -> list[str]:
    """Heading-1 chapters in order."""
    seen: list[str] = []
    for s in CHANGE_TABLES:
        if s.chapter not in seen:
            seen.append(s.chapter)
    return seen
