"""Declarations of phases 4–6 (measures, funding, consolidation) and the Prüfbericht."""

from __future__ import annotations

from parthe_reports.render.spec import (
    NONE,
    SRC,
    Chart,
    Col,
    DocSpec,
    Group,
    R,
    Section,
    Table,
    Text,
)

_MEASURE_COLS = (
    Col("Nr.", "measure_id", 1.8),
    Col("Maßnahme", "title", 4.8),
    Col("Verbundziel", "goal", 4.0),
    Col("Feder­führung", "lead", 2.1),
    Col("Beteiligte", "partners", 2.3),
    Col("Prio.", "priority", 1.0),
    Col("Kosten", "cost", 2.6, R),
    Col("Zeitraum", "period", 2.0),
    Col("Status", "status", 1.8),
    Col("Quelle", "ref", 2.8),
)

PHASE4 = DocSpec(
    "Phase4_Massnahmenkatalog",
    "Maßnahmenkatalog",
    "Phase 4 – Maßnahmenkatalog",
    (
        Section(
            "Überblick",
            (
                Text("{{ overview }}"),
                Table(
                    "by_topic",
                    (
                        Col("Themenbereich", "topic", 8.5),
                        Col("Maßnahmen", "count", 2.5, R),
                        Col("Kosten gesamt", "cost", 5.5, R),
                    ),
                    NONE,
                    "Maßnahmen nach Themenbereich",
                ),
                Table(
                    "by_status",
                    (
                        Col("Status", "status", 8.5),
                        Col("Maßnahmen", "count", 2.5, R),
                        Col("Kosten gesamt", "cost", 5.5, R),
                    ),
                    NONE,
                    "Maßnahmen nach Umsetzungsstand",
                ),
                Table(
                    "by_municipality",
                    (
                        Col("Kommune (federführend)", "municipality", 6.0),
                        Col("Maßnahmen", "count", 2.5, R),
                        Col("beteiligt an", "involved", 2.5, R),
                        Col("Kosten gesamt", "cost", 5.5, R),
                    ),
                    NONE,
                    "Maßnahmen nach Kommune",
                ),
            ),
        ),
        Section(
            "Quick Wins",
            (
                Text(
                    "Quick Wins sind Maßnahmen mit breitem Konsens in der Lenkungsgruppe, "
                    "die noch nicht begonnen haben (Status Idee oder geplant)."
                ),
                Table(
                    "quick_wins",
                    (
                        Col("Nr.", "measure_id", 1.9),
                        Col("Maßnahme", "title", 4.8),
                        Col("Themenbereich", "topic", 3.2),
                        Col("Feder­führung", "lead", 2.0),
                        Col("Kosten", "cost", 2.3, R),
                        Col("Zeitraum", "period", 2.3),
                    ),
                    "Derzeit erfüllt keine Maßnahme die Kriterien eines Quick Wins.",
                    "Quick Wins",
                ),
            ),
        ),
        Section(
            "Maßnahmen nach Themenbereichen",
            (
                Text("{{ catalogue_intro }}"),
                Group(
                    "topic_groups",
                    "g",
                    "{{ g.title }}",
                    (
                        Table(
                            "g.rows",
                            _MEASURE_COLS,
                            "Für diesen Themenbereich gibt es keine Maßnahmen.",
                        ),
                    ),
                    "Es wurden noch keine Maßnahmen gemeldet.",
                ),
            ),
            landscape=True,
        ),
        Section(
            "Zeitplan der Maßnahmen",
            (
                Chart(
                    "chart_timeline",
                    "Zeitplan der Maßnahmen nach Themenbereich",
                    "Keine Maßnahme hat einen Zeitraum (Beginn und Ende).",
                ),
            ),
        ),
        Section(
            "Abgleich mit den Verbundzielen",
            (
                Table(
                    "measures_without_goal",
                    (
                        Col("Nr.", "measure_id", 2.0),
                        Col("Maßnahme", "title", 6.0),
                        Col("angegebenes Ziel", "goal_id", 2.6),
                        Col("Federführung", "lead", 2.5),
                        SRC,
                    ),
                    "Jede Maßnahme dient einem beschlossenen Verbundziel.",
                    "Maßnahmen ohne (bekanntes) Verbundziel",
                ),
                Table(
                    "goals_without_measures",
                    (
                        Col("Nr.", "goal_id", 1.5),
                        Col("Themenbereich", "topic", 4.0),
                        Col("Ziel", "goal", 7.6),
                        SRC,
                    ),
                    "Jedes Verbundziel wird von mindestens einer Maßnahme verfolgt.",
                    "Verbundziele ohne Maßnahme",
                ),
            ),
        ),
    ),
)

_MONEY_COLS = (
    Col("Anträge", "count", 1.6, R),
    Col("beantragt", "requested", 2.6, R),
    Col("bewilligt", "granted", 2.6, R),
    Col("Eigenanteil", "own_share", 2.6, R),
)

PHASE5 = DocSpec(
    "Phase5_Foerdermittel",
    "Fördermittel",
    "Phase 5 – Fördermittel",
    (
        Section(
            "Förderprogramme",
            (
                Table(
                    "programmes",
                    (
                        Col("Nr.", "programme_id", 1.3),
                        Col("Programm", "programme", 4.3),
                        Col("Fördergeber", "funder", 1.9),
                        Col("Quote", "rate", 1.4, R),
                        Col("Themenbereich", "topic", 3.3),
                        Col("Antragsfrist", "deadline", 2.1),
                        Col("Anträge", "applications", 1.6, R),
                    ),
                    "Es sind noch keine Förderprogramme erfasst.",
                    "Relevante Förderprogramme",
                ),
                Table(
                    "by_topic_funder",
                    (
                        Col("Themenbereich", "topic", 8.0),
                        Col("Fördergeber", "funder", 4.5),
                        Col("Programme", "count", 4.0, R),
                    ),
                    NONE,
                    "Förderprogramme nach Themenbereich und Fördergeber",
                ),
            ),
        ),
        Section(
            "Förderanträge nach Status",
            (
                Table(
                    "by_status",
                    (Col("Status", "status", 6.5), *_MONEY_COLS),
                    "Es wurden noch keine Förderanträge gemeldet.",
                    "Förderanträge nach Status",
                ),
                Chart(
                    "chart_funding",
                    "Fördersummen nach Status und Kommune",
                    "Es wurden noch keine Fördersummen gemeldet.",
                ),
            ),
        ),
        Section(
            "Förderanträge je Kommune und Programm",
            (
                Text("{{ funding_rate_text }}"),
                Table(
                    "by_municipality",
                    (
                        Col("Kommune", "municipality", 4.0),
                        *_MONEY_COLS,
                        Col("Quote", "rate", 2.5, R),
                    ),
                    "Es wurden noch keine Förderanträge gemeldet.",
                    "Förderanträge je Kommune (Quote: bewilligt/beantragt der beschiedenen Anträge)",
                ),
                Table(
                    "by_programme",
                    (Col("Programm", "programme", 5.0), Col("Geber", "funder", 1.5), *_MONEY_COLS),
                    "Es wurden noch keine Förderanträge gemeldet.",
                    "Förderanträge je Förderprogramm",
                ),
            ),
        ),
        Section(
            "Alle Förderanträge",
            (
                Table(
                    "applications",
                    (
                        Col("Nr.", "application_id", 2.0),
                        Col("Kommune", "municipality", 2.2),
                        Col("Maßnahme", "measure", 4.6),
                        Col("Programm", "programme", 3.6),
                        Col("Status", "status", 2.1),
                        Col("beantragt", "requested", 2.3, R),
                        Col("bewilligt", "granted", 2.3, R),
                        Col("Eigenanteil", "own_share", 2.3, R),
                        Col("Quelle", "ref", 3.8),
                    ),
                    "Es wurden noch keine Förderanträge gemeldet.",
                    "Alle Förderanträge",
                ),
            ),
            landscape=True,
        ),
        Section(
            "Fristen in den nächsten 90 Tagen",
            (
                Table(
                    "deadlines",
                    (
                        Col("Datum", "date", 2.1),
                        Col("in Tagen", "days", 1.6, R),
                        Col("Frist", "kind", 3.2),
                        Col("Betrifft", "label", 4.8),
                        Col("Kommune", "municipality", 1.8),
                        SRC,
                    ),
                    "In den nächsten 90 Tagen läuft keine Frist ab.",
                    "Antragsfristen und Fristen für Verwendungsnachweise",
                ),
            ),
        ),
        Section(
            "Maßnahmen ohne Förderung",
            (
                Table(
                    "unfunded",
                    (
                        Col("Nr.", "measure_id", 2.0),
                        Col("Maßnahme", "title", 6.0),
                        Col("Themenbereich", "topic", 3.6),
                        Col("Kosten", "cost", 2.4, R),
                        Col("Feder­führung", "lead", 2.5),
                    ),
                    "Für jede Maßnahme mit Kosten liegt mindestens ein Förderantrag vor.",
                    "Maßnahmen mit Kosten, aber ohne Förderantrag",
                ),
            ),
        ),
    ),
)

PHASE6 = DocSpec(
    "Phase6_Verstetigung",
    "Verstetigung und Umsetzung",
    "Phase 6 – Verstetigung und Umsetzung",
    (
        Section(
            "Strukturoptionen",
            (
                Text("{{ recommendation }}"),
                Table(
                    "structure_options",
                    (
                        Col("Rang", "rank", 1.2, R),
                        Col("Option", "option", 4.0),
                        Col("Rechtsform", "legal_form", 3.8),
                        Col("Vorteile", "pros", 6.0),
                        Col("Nachteile", "cons", 6.0),
                        Col("Bewertung (1–5)", "rating", 1.9, R),
                        Col("Empfehlung", "recommended", 2.3),
                    ),
                    "Es wurden noch keine Strukturoptionen bewertet.",
                    "Bewertete Optionen zur Verstetigung",
                ),
            ),
            landscape=True,
        ),
        Section(
            "Zeitplan und Meilensteine",
            (
                Chart(
                    "chart_milestones",
                    "Meilensteinplan der Umsetzung",
                    "Es wurden noch keine Meilensteine geplant.",
                ),
                Table(
                    "milestones",
                    (
                        Col("Termin", "date", 2.1),
                        Col("Meilenstein", "milestone", 6.2),
                        Col("Verantwortlich", "responsible", 2.8),
                        Col("Status", "status", 2.0),
                        SRC,
                    ),
                    "Es wurden noch keine Meilensteine geplant.",
                    "Meilensteinplan",
                ),
                Text("{{ late_note }}"),
            ),
        ),
        Section(
            "Veränderungsmanagement",
            (
                Table(
                    "change_management",
                    (
                        Col("Maßnahme", "measure", 5.0),
                        Col("Zielgruppe", "audience", 3.0),
                        Col("Termin", "date", 2.1),
                        Col("Status", "status", 3.0),
                        SRC,
                    ),
                    "Es sind noch keine Maßnahmen des Veränderungsmanagements geplant.",
                    "Maßnahmen des Veränderungsmanagements",
                ),
            ),
        ),
        Section(
            "Anschlussförderung",
            (
                Table(
                    "follow_up",
                    (
                        Col("Nr.", "application_id", 2.0),
                        Col("Kommune", "municipality", 2.4),
                        Col("Programm", "programme", 4.3),
                        Col("Maßnahme", "measure", 4.4),
                        Col("beantragt", "requested", 3.4, R),
                    ),
                    "Derzeit sind keine Förderanträge in Vorbereitung.",
                    "Förderanträge in Vorbereitung",
                ),
            ),
        ),
    ),
)

PRUEFBERICHT = DocSpec(
    "Pruefbericht",
    "Prüfbericht {{ workbook_name }}",
    "Prüfung der Eingabedaten",
    (
        Section(
            "Zusammenfassung",
            (
                Text("{{ summary }}"),
                Table(
                    "counts",
                    (
                        Col("Schwere", "severity", 3.5),
                        Col("Anzahl", "count", 2.0, R),
                        Col("Bedeutung", "meaning", 11.0),
                    ),
                    NONE,
                    "Befunde nach Schwere",
                ),
            ),
        ),
        Section(
            "Befunde je Tabellenblatt",
            (
                Group(
                    "sheets",
                    "g",
                    "{{ g.title }}",
                    (
                        Table(
                            "g.rows",
                            (
                                Col("Zelle", "cell", 1.7),
                                Col("Schwere", "severity", 1.8),
                                Col("Befund", "message", 7.0),
                                Col("gefunden", "value", 2.8),
                                Col("erwartet", "expected", 3.2),
                            ),
                            NONE,
                        ),
                    ),
                    "{{ no_findings_text }}",
                ),
            ),
        ),
    ),
)
