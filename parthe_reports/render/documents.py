"""What each deliverable contains: sections, tables, charts (German wording, once).

Portrait pages leave 16.5 cm for a table, landscape pages 25.2 cm.
"""

from __future__ import annotations

from parthe_reports.render.spec import (
    Bullets,
    Chart,
    Col,
    DocSpec,
    Group,
    Matrix,
    Quadrants,
    Section,
    Table,
    Text,
)

R = "right"
SRC = Col("Quelle", "ref", 3.4)
NONE = "Hierzu liegen keine Angaben vor."


def _admin_cols(first: Col) -> tuple[Col, ...]:
    return (
        first,
        Col("Aufgaben", "tasks", 1.8, R),
        Col("Stellen VZÄ", "posts", 2.0, R),
        Col("unbesetzt VZÄ", "vacant", 2.2, R),
        Col("Quote unbesetzt", "vacancy_rate", 2.2, R),
        Col("Digitalisierung Ø (1–5)", "digitalisation", 2.6, R),
    )


PHASE1 = DocSpec(
    "Phase1_Analyse",
    "Analyse und Bewertung",
    "Phase 1 – Analyse und Bewertung",
    (
        Section(
            "Überblick",
            (
                Text("{{ overview }}"),
                Text("{{ missing_note }}", cond="missing_note"),
                Table(
                    "key_figures",
                    (Col("Kennzahl", "label", 10.0), Col("Wert", "value", 6.5, R)),
                    NONE,
                    "Kennzahlen des Verbundraums",
                ),
            ),
        ),
        Section(
            "Verwaltung",
            (
                Text(
                    "Stellen und Vakanzen nach Themenbereich und Kommune sowie der "
                    "Digitalisierungsgrad (1 = analog, 5 = vollständig digital)."
                ),
                Table(
                    "admin_by_topic",
                    _admin_cols(Col("Themenbereich", "topic", 5.7)),
                    "Für die Verwaltung liegen keine Angaben vor.",
                    "Verwaltung nach Themenbereich",
                ),
                Table(
                    "admin_by_municipality",
                    _admin_cols(Col("Kommune", "municipality", 5.7)),
                    "Für die Verwaltung liegen keine Angaben vor.",
                    "Verwaltung nach Kommune",
                ),
                Table(
                    "high_potential_tasks",
                    (
                        Col("Kommune", "municipality", 2.6),
                        Col("Aufgabe", "task", 4.5),
                        Col("Themenbereich", "topic", 4.0),
                        Col("Stellen VZÄ", "posts", 2.0, R),
                        SRC,
                    ),
                    "Keine Aufgabe wurde mit hohem Kooperationspotenzial bewertet.",
                    "Aufgaben mit hohem Kooperationspotenzial",
                ),
            ),
        ),
        Section(
            "Infrastruktur",
            (
                Chart(
                    "chart_investment",
                    "Investitionsbedarf nach Art der Einrichtung und Kommune",
                    "Für die Infrastruktur wurde kein Investitionsbedarf angegeben.",
                ),
                Table(
                    "infra_by_type",
                    (
                        Col("Art", "type", 4.5),
                        Col("Objekte", "objects", 2.0, R),
                        Col("mangelhaft oder kritisch", "poor", 3.5, R),
                        Col("Investitionsbedarf", "investment", 6.5, R),
                    ),
                    "Für die Infrastruktur liegen keine Angaben vor.",
                    "Infrastruktur nach Art der Einrichtung",
                ),
                Table(
                    "worst_objects",
                    (
                        Col("Kommune", "municipality", 2.4),
                        Col("Objekt", "object", 3.8),
                        Col("Art", "type", 2.4),
                        Col("Zustand", "condition", 2.0),
                        Col("Investitionsbedarf", "investment", 2.5, R),
                        SRC,
                    ),
                    "Kein Objekt ist als mangelhaft oder kritisch gemeldet.",
                    "Objekte in mangelhaftem oder kritischem Zustand",
                ),
            ),
        ),
        Section(
            "Leitbilder und Fachkonzepte",
            (
                Table(
                    "documents",
                    (
                        Col("Kommune", "municipality", 2.3),
                        Col("Titel", "title", 4.0),
                        Col("Art", "type", 2.0),
                        Col("Jahr", "year", 1.1, R),
                        Col("Status", "status", 1.9),
                        Col("Themenbereich", "topic", 3.0),
                        Col("Quelle", "ref", 3.0),
                    ),
                    "Es wurden keine Leitbilder oder Fachkonzepte gemeldet.",
                    "Register der vorhandenen Leitbilder und Fachkonzepte",
                ),
            ),
        ),
        Section(
            "Prioritäten",
            (
                Table(
                    "priority_ranking",
                    (
                        Col("Rang", "rank", 1.3, R),
                        Col("Themenbereich", "topic", 6.5),
                        Col("Ø Priorität", "mean", 2.2, R),
                        Col("Spannweite", "span", 2.2, R),
                        Col("Platz 1 bei", "top", 4.3),
                    ),
                    "Es wurden keine Prioritäten gemeldet.",
                    "Rangfolge der Themenbereiche (1 = höchste Priorität)",
                ),
                Matrix(
                    "priority_matrix",
                    "matrix_codes",
                    "Themenbereich",
                    "{{ matrix_note }}",
                    "Prioritätenmatrix: Themenbereich × Kommune (1 = höchste Priorität)",
                ),
                Text("{{ matrix_legend }}", style="Caption"),
            ),
        ),
        Section(
            "SWOT-Analyse je Themenbereich",
            (
                Text("{{ swot_merge_rule }}"),
                Group(
                    "swot_topics",
                    "g",
                    "{{ g.topic }}",
                    (Quadrants("g"),),
                    "Es wurden keine SWOT-Aussagen gemeldet.",
                ),
            ),
        ),
        Section(
            "Aufgaben- und Themencluster",
            (
                Text("{{ cooperation_formula }}"),
                Chart(
                    "chart_heatmap",
                    "Kooperationspotenzial je Themenbereich und Kommune (0–100)",
                    "{{ heatmap_note }}",
                ),
                Table(
                    "clusters",
                    (
                        Col("Rang", "rank", 1.2, R),
                        Col("Themenbereich", "topic", 4.3),
                        Col("Score", "score", 1.5, R),
                        Col("Stärke bei", "strengths", 3.1),
                        Col("Schwäche bei", "weaknesses", 3.1),
                        Col("Hohe Priorität bei", "priorities", 3.3),
                    ),
                    "Es lassen sich noch keine Themencluster ableiten.",
                    "Themencluster nach Kooperationspotenzial",
                ),
                Text("{{ task_formula }}"),
                Table(
                    "cluster_tasks",
                    (
                        Col("Rang", "rank", 1.2, R),
                        Col("Aufgabe", "task", 4.3),
                        Col("Themenbereich", "topic", 3.6),
                        Col("Score", "score", 1.5, R),
                        Col("Kommunen", "municipalities", 3.9),
                        Col("Stellen VZÄ", "posts", 2.0, R),
                    ),
                    "Es lassen sich noch keine Aufgabencluster ableiten.",
                    "Aufgabencluster aus der Verwaltungsanalyse",
                ),
            ),
        ),
    ),
)

PROFILE = DocSpec(
    "Kommunalprofil",
    "Kommunalprofil {{ municipality_name }}",
    "Phase 1 – Analyse und Bewertung",
    (
        Section(
            "Überblick",
            (
                Text("{{ profile_intro }}"),
                Text("{{ no_data_note }}", cond="no_data_note"),
                Table(
                    "comparison",
                    (
                        Col("Kennzahl", "label", 5.5),
                        Col("{{ municipality_short }}", "value", 2.8, R),
                        Col("Median Region", "median", 2.8, R),
                        Col("Minimum", "min", 2.7, R),
                        Col("Maximum", "max", 2.7, R),
                    ),
                    "Für einen Vergleich mit der Region liegen keine Angaben vor.",
                    "Eigene Kennzahlen im Vergleich mit dem Verbundraum",
                ),
            ),
        ),
        Section(
            "Verwaltung",
            (
                Table(
                    "administration",
                    _admin_cols(Col("Themenbereich", "topic", 5.7)),
                    "Für die Verwaltung liegen keine Angaben vor.",
                    "Verwaltung nach Themenbereich",
                ),
            ),
        ),
        Section(
            "Infrastruktur",
            (
                Chart(
                    "chart_investment",
                    "Investitionsbedarf nach Art der Einrichtung",
                    "Für die Infrastruktur wurde kein Investitionsbedarf angegeben.",
                ),
                Table(
                    "infrastructure",
                    (
                        Col("Objekt", "object", 4.2),
                        Col("Art", "type", 2.6),
                        Col("Zustand", "condition", 2.1),
                        Col("Auslastung", "utilisation", 1.8, R),
                        Col("Investitionsbedarf", "investment", 2.4, R),
                        SRC,
                    ),
                    "Für die Infrastruktur liegen keine Angaben vor.",
                    "Objekte der kommunalen Infrastruktur",
                ),
            ),
        ),
        Section(
            "Leitbilder und Fachkonzepte",
            (
                Table(
                    "documents",
                    (
                        Col("Titel", "title", 4.6),
                        Col("Art", "type", 2.2),
                        Col("Jahr", "year", 1.2, R),
                        Col("Status", "status", 2.0),
                        Col("Themenbereich", "topic", 3.3),
                        Col("Quelle", "ref", 3.2),
                    ),
                    "Es wurden keine Leitbilder oder Fachkonzepte gemeldet.",
                    "Vorhandene Leitbilder und Fachkonzepte",
                ),
            ),
        ),
        Section(
            "Prioritäten und Kooperationspotenzial",
            (
                Table(
                    "priorities",
                    (
                        Col("Themenbereich", "topic", 7.5),
                        Col("Eigene Priorität", "priority", 3.0, R),
                        Col("Rang in der Region", "region_rank", 3.0, R),
                        Col("Kooperationspotenzial", "score", 3.0, R),
                    ),
                    "Es wurden keine Prioritäten gemeldet.",
                    "Prioritäten (1 = höchste) und Kooperationspotenzial (0–100)",
                ),
            ),
        ),
        Section(
            "SWOT-Aussagen",
            (
                Table(
                    "swot",
                    (
                        Col("Themenbereich", "topic", 3.4),
                        Col("Kategorie", "category", 2.0),
                        Col("Aussage", "statement", 6.6),
                        Col("Gewicht", "weight", 1.1, R),
                        SRC,
                    ),
                    "Es wurden keine SWOT-Aussagen gemeldet.",
                    "SWOT-Aussagen der Kommune",
                ),
            ),
        ),
        Section(
            "Maßnahmen und Förderanträge",
            (
                Table(
                    "measures",
                    (
                        Col("Nr.", "measure_id", 2.0),
                        Col("Titel", "title", 5.0),
                        Col("Rolle", "role", 2.1),
                        Col("Status", "status", 2.0),
                        Col("Kosten", "cost", 2.0, R),
                        SRC,
                    ),
                    "Die Kommune ist an keiner Maßnahme beteiligt.",
                    "Maßnahmen mit Beteiligung der Kommune",
                ),
                Table(
                    "applications",
                    (
                        Col("Nr.", "application_id", 2.0),
                        Col("Programm", "programme", 4.1),
                        Col("Status", "status", 2.2),
                        Col("beantragt", "requested", 2.4, R),
                        Col("bewilligt", "granted", 2.4, R),
                        SRC,
                    ),
                    "Die Kommune hat keine Förderanträge gemeldet.",
                    "Förderanträge der Kommune",
                ),
            ),
        ),
    ),
    extra_vars=("municipality_name",),
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

SPECS: dict[str, DocSpec] = {
    s.name: s for s in (PHASE1, PHASE2, PHASE3, PHASE4, PHASE5, PHASE6, PROFILE, PRUEFBERICHT)
}
PHASE_TEMPLATES = {
    i + 1: s.name for i, s in enumerate((PHASE1, PHASE2, PHASE3, PHASE4, PHASE5, PHASE6))
}
