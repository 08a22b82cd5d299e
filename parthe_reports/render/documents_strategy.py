"""Declarations of phase 2 (Strategischer Rahmen) and phase 3 (Leitbild und Verbundziele)."""

from __future__ import annotations

from parthe_reports.render.spec import (
    NONE,
    SRC,
    Bullets,
    Col,
    DocSpec,
    Group,
    R,
    Section,
    Table,
    Text,
)

_SUB_STRATEGY_COLS = (
    Col("Strategisches Ziel", "goal", 4.6),
    Col("Ansatz", "approach", 4.6),
    Col("Kommunen", "municipalities", 2.2),
    Col("Gremienvotum", "vote", 1.7),
    SRC,
)

PHASE2 = DocSpec(
    "Phase2_Strategischer_Rahmen",
    "Strategischer Rahmen",
    "Phase 2 – Strategischer Rahmen",
    (
        Section(
            "Regionale Strategie",
            (
                Text("{{ strategy_intro }}"),
                Table(
                    "by_topic",
                    (
                        Col("Themenbereich", "topic", 7.0),
                        Col("Teilstrategien", "count", 2.5, R),
                        Col("Kommunen", "municipalities", 7.0),
                    ),
                    NONE,
                    "Teilstrategien je Themenbereich",
                ),
                Text("{{ topics_missing_note }}", cond="topics_missing_note"),
            ),
        ),
        Section(
            "Teilstrategien je Themenbereich",
            (
                Group(
                    "topic_groups",
                    "g",
                    "{{ g.title }}",
                    (Table("g.rows", _SUB_STRATEGY_COLS, NONE),),
                    "Es wurden noch keine Teilstrategien beschlossen.",
                ),
            ),
        ),
        Section(
            "Teilstrategien je Partnerkommune",
            (
                Group(
                    "municipality_groups",
                    "g",
                    "{{ g.title }}",
                    (
                        Table(
                            "g.rows",
                            (
                                Col("Themenbereich", "topic", 4.0),
                                Col("Strategisches Ziel", "goal", 6.0),
                                Col("Ansatz", "approach", 6.5),
                            ),
                            "Für diese Kommune gibt es noch keine Teilstrategie.",
                        ),
                    ),
                    "Es wurden noch keine Teilstrategien beschlossen.",
                ),
            ),
        ),
        Section(
            "Werkstätten",
            (
                Table(
                    "workshop_summary",
                    (
                        Col("Werkstatt", "workshop", 3.7),
                        Col("Datum", "date", 2.3),
                        Col("Teilnehmende", "participants", 2.2, R),
                        Col("Ergebnisse", "results", 1.9, R),
                        Col("dafür", "votes_for", 1.5, R),
                        Col("dagegen", "votes_against", 1.6, R),
                        Col("Enthaltungen", "abstentions", 1.8, R),
                        Col("Zustimmung", "approval", 1.5, R),
                    ),
                    "Es wurden noch keine Werkstätten dokumentiert.",
                    "Kooperations-, Zukunfts- und Strategiewerkstatt im Überblick",
                ),
                Group(
                    "workshop_groups",
                    "g",
                    "{{ g.title }}",
                    (
                        Table(
                            "g.rows",
                            (
                                Col("Datum", "date", 2.0),
                                Col("Ort", "place", 2.2),
                                Col("Ergebnis", "result", 6.1),
                                Col("Abstimmung", "votes", 2.8),
                                SRC,
                            ),
                            NONE,
                        ),
                    ),
                    "",
                ),
            ),
        ),
        Section(
            "Rechtlicher Rahmen",
            (
                Table(
                    "legal_framework",
                    (
                        Col("Rechtsgrundlage", "law", 3.4),
                        Col("Inhalt", "content", 4.9),
                        Col("Bedeutung für die Kooperation", "relevance", 4.8),
                        SRC,
                    ),
                    "Der rechtliche Rahmen ist noch nicht erfasst.",
                    "Rechtsgrundlagen der Kooperation",
                ),
            ),
        ),
    ),
)

PHASE3 = DocSpec(
    "Phase3_Leitbild",
    "Leitbild und Verbundziele",
    "Phase 3 – Leitbild und Verbundziele",
    (
        Section(
            "Leitbild",
            (
                Group(
                    "questions",
                    "g",
                    "{{ g.question }}",
                    (Bullets("g.statements", "Zu dieser Leitfrage gibt es noch keinen Leitsatz."),),
                    "Das Leitbild ist noch nicht formuliert.",
                ),
            ),
        ),
        Section(
            "Verbundziele",
            (
                Table(
                    "goals",
                    (
                        Col("Nr.", "goal_id", 1.4),
                        Col("Themenbereich", "topic", 3.8),
                        Col("Ziel", "goal", 6.0),
                        Col("Indikator", "indicator", 4.4),
                        Col("Ausgangswert", "baseline", 2.2, R),
                        Col("Zielwert", "target", 1.9, R),
                        Col("Zieljahr", "target_year", 1.6, R),
                        Col("Maßnahmen", "measures", 1.9, R),
                        Col("Quelle", "ref", 2.0),
                    ),
                    "Es wurden noch keine Verbundziele beschlossen.",
                    "Verbundziele mit Indikatoren und Zielwerten",
                ),
            ),
            landscape=True,
        ),
        Section(
            "Corporate Identity und Kommunikation",
            (
                Table(
                    "communication",
                    (
                        Col("Element", "element", 3.8),
                        Col("Art", "type", 2.0),
                        Col("Zielgruppe", "audience", 3.1),
                        Col("Verantwortlich", "responsible", 2.6),
                        Col("Termin", "date", 1.6),
                        SRC,
                    ),
                    "Die Kommunikationsstrategie ist noch nicht erfasst.",
                    "Elemente der Corporate Identity und Kommunikationsstrategie",
                ),
            ),
        ),
    ),
)
