"""Phase 1's tables, declared once for the template and the context (``Col(value=…)``);
``phase1`` arranges them into the document, ``profile`` reuses the administration table."""

from __future__ import annotations

from parthe_reports import german as fmt
from parthe_reports.narrative.rules_phase1_fields import TOP
from parthe_reports.render import cells
from parthe_reports.render.spec import SRC, Col, R, Table


def admin_table(var: str, first: Col, caption: str = "Verwaltung nach Themenbereich") -> Table:
    """Posts, vacancies and digitalisation per ``first`` (topic or municipality)."""
    return Table(
        var,
        (
            first,
            Col("Aufgaben", "tasks", 1.8, R, cells.number("tasks")),
            Col("Stellen VZÄ", "posts", 2.0, R, cells.number("posts_fte", 2)),
            Col("unbesetzt VZÄ", "vacant", 2.2, R, cells.number("vacant_fte", 2)),
            Col("Quote unbesetzt", "vacancy_rate", 2.2, R, cells.percent("vacancy_rate")),
            Col(
                "Digitalisierung Ø (1–5)",
                "digitalisation",
                2.6,
                R,
                cells.number("digitalisation_mean", 1, fixed=True),
            ),
        ),
        "Für die Verwaltung liegen keine Angaben vor.",
        caption,
    )


TOPIC_COL = Col("Themenbereich", "topic", 5.7, value=lambda r, _n: fmt.plain(r["topic"]))
ADMIN_BY_TOPIC = admin_table("admin_by_topic", TOPIC_COL)
ADMIN_BY_MUNICIPALITY = admin_table(
    "admin_by_municipality",
    Col("Kommune", "municipality", 5.7, value=cells.name("municipality")),
    "Verwaltung nach Kommune",
)
HIGH_POTENTIAL_TASKS = Table(
    "high_potential_tasks",
    (
        Col("Kommune", "municipality", 2.6, value=cells.name("municipality")),
        Col("Aufgabe", "task", 4.5, value=cells.text("task")),
        Col("Themenbereich", "topic", 4.0, value=cells.text("topic")),
        Col("Stellen VZÄ", "posts", 2.0, R, cells.number("posts_fte", 2)),
        SRC,
    ),
    "Keine Aufgabe wurde mit hohem Kooperationspotenzial bewertet.",
    "Aufgaben mit hohem Kooperationspotenzial",
)
INFRA_BY_TYPE = Table(
    "infra_by_type",
    (
        Col("Art", "type", 4.5, value=cells.text("type")),
        Col("Objekte", "objects", 2.0, R, cells.number("objects")),
        Col(
            "mangelhaft oder kritisch",
            "poor",
            3.5,
            R,
            lambda r, _n: fmt.number((r["cond_poor"] or 0) + (r["cond_critical"] or 0)),
        ),
        Col("Investitionsbedarf", "investment", 6.5, R, cells.approx_money("investment_need")),
    ),
    "Für die Infrastruktur liegen keine Angaben vor.",
    "Infrastruktur nach Art der Einrichtung",
)
WORST_OBJECTS = Table(
    "worst_objects",
    (
        Col("Kommune", "municipality", 2.4, value=cells.name("municipality")),
        Col("Objekt", "object", 3.8, value=cells.text("object")),
        Col("Art", "type", 2.4, value=cells.text("type")),
        Col("Zustand", "condition", 2.0, value=cells.text("condition")),
        Col("Investitionsbedarf", "investment", 2.5, R, cells.approx_money("investment_need")),
        SRC,
    ),
    "Kein Objekt ist als mangelhaft oder kritisch gemeldet.",
    "Objekte in mangelhaftem oder kritischem Zustand",
)
DOCUMENTS = Table(
    "documents",
    (
        Col("Kommune", "municipality", 2.3, value=cells.name("municipality")),
        Col("Titel", "title", 4.0, value=cells.text("title")),
        Col("Art", "type", 2.0, value=cells.text("type")),
        Col("Jahr", "year", 1.1, R, cells.text("year")),
        Col("Status", "status", 1.9, value=cells.text("status")),
        Col("Themenbereich", "topic", 3.0, value=cells.text("topic")),
        SRC,
    ),
    "Es wurden keine Leitbilder oder Fachkonzepte gemeldet.",
    "Register der vorhandenen Leitbilder und Fachkonzepte",
)
PRIORITY_RANKING = Table(
    "priority_ranking",
    (
        Col("Rang", "rank", 1.3, R, cells.number("rank")),
        Col("Themenbereich", "topic", 6.5, value=cells.text("topic")),
        Col("Ø Priorität", "mean", 2.2, R, cells.number("priority_mean", 1, fixed=True)),
        Col(
            "Spannweite",
            "span",
            2.2,
            R,
            lambda r, _n: f"{fmt.number(r['priority_min'])}–{fmt.number(r['priority_max'])}",
        ),
        Col(
            "Platz 1 bei",
            "top",
            4.3,
            value=lambda r, _n: fmt.number(r["top_count"]) + " Kommunen (Rang 1–3)",
        ),
    ),
    "Es wurden keine Prioritäten gemeldet.",
    "Rangfolge der Themenbereiche (1 = höchste Priorität)",
)
CLUSTERS = Table(
    "clusters",
    (
        Col("Rang", "rank", 1.2, R, cells.number("rank")),
        Col("Themenbereich", "topic", 4.3, value=cells.text("topic")),
        Col("Punktwert", "score", 1.5, R, cells.number("score")),
        Col("Stärke bei", "strengths", 3.1, value=cells.names("strength_municipalities")),
        Col("Schwäche bei", "weaknesses", 3.1, value=cells.names("weakness_municipalities")),
        Col("Hohe Priorität bei", "priorities", 3.3, value=cells.names("priority_municipalities")),
    ),
    "Es lassen sich noch keine Themencluster ableiten.",
    "Themencluster nach Kooperationspotenzial",
)
CLUSTER_TASKS = Table(
    "cluster_tasks",
    (
        Col("Rang", "rank", 1.2, R, cells.number("rank")),
        Col("Aufgabe", "task", 4.3, value=cells.text("task")),
        Col("Themenbereich", "topic", 3.6, value=cells.text("topic")),
        Col("Punktwert", "score", 1.5, R, cells.number("score")),
        Col("Kommunen", "municipalities", 3.9, value=cells.names("municipalities")),
        Col("Stellen VZÄ", "posts", 2.0, R, cells.number("posts_fte", 2)),
    ),
    "Es lassen sich noch keine Aufgabencluster ableiten.",
    "Aufgabencluster aus der Verwaltungsanalyse",
)

TOP_FIELDS = Table(
    "top_fields",
    (
        Col("Rang", "rank", 1.2, R),
        Col("Themenbereich", "topic", 3.6),
        Col("Priorisierungswert", "value", 2.3, R),
        Col("Priorität (Rang)", "priority", 2.0, R),
        Col("Potenzial (Rang)", "potential", 2.0, R),
        Col("Begründung", "reason", 5.4),
    ),
    "Ohne gemeldete Prioritäten lassen sich keine Kooperationsfelder priorisieren.",
    TOP,
)
