"""Declarations of phase 1 (Analyse und Bewertung) and the Kommunalprofil.

Portrait pages leave 16.5 cm for a table, landscape pages 25.2 cm.
"""

from __future__ import annotations

from parthe_reports.render.spec import (
    NONE,
    SRC,
    Chart,
    Col,
    DocSpec,
    Group,
    Matrix,
    Quadrants,
    R,
    Section,
    Table,
    Text,
)


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
