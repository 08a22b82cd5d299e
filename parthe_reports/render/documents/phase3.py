"""Phase 3 – Leitbild und Verbundziele: the template's declaration and its context builder."""

from __future__ import annotations

from typing import Any

from parthe_reports import german as fmt
from parthe_reports import narrative
from parthe_reports.consolidate.models import Consolidated
from parthe_reports.render import cells
from parthe_reports.render.context import Names
from parthe_reports.render.narration import narration_context
from parthe_reports.render.spec import (
    SRC,
    Bullets,
    Col,
    DocSpec,
    Group,
    R,
    Section,
    Table,
    with_summary,
)

GOALS = Table(
    "goals",
    (
        Col("Nr.", "goal_id", 1.4, value=cells.text("goal_id")),
        Col("Themenbereich", "topic", 3.8, value=cells.text("topic")),
        Col("Ziel", "goal", 6.0, value=cells.text("goal")),
        Col("Indikator", "indicator", 4.4, value=cells.text("indicator")),
        Col("Ausgangswert", "baseline", 2.2, R, cells.number("baseline", 2)),
        Col("Zielwert", "target", 1.9, R, cells.number("target", 2)),
        Col("Zieljahr", "target_year", 1.6, R, cells.text("target_year")),
        Col("Maßnahmen", "measures", 1.9, R, lambda r, _n: fmt.number(r.get("measures"))),
        Col("Quelle", "ref", 2.0, value=cells.source),
    ),
    "Es wurden noch keine Verbundziele beschlossen.",
    "Verbundziele mit Indikatoren und Zielwerten",
)
COMMUNICATION = Table(
    "communication",
    (
        Col("Element", "element", 3.8, value=cells.text("element")),
        Col("Art", "type", 2.0, value=cells.text("type")),
        Col("Zielgruppe", "audience", 3.1, value=cells.text("audience")),
        Col("Verantwortlich", "responsible", 2.6, value=cells.text("responsible")),
        Col("Termin", "date", 1.6, value=cells.text("date")),
        SRC,
    ),
    "Die Kommunikationsstrategie ist noch nicht erfasst.",
    "Elemente der Corporate Identity und Kommunikationsstrategie",
)

PHASE3 = DocSpec(
    "Phase3_Leitbild",
    "Leitbild und Verbundziele",
    "Phase 3 – Leitbild und Verbundziele",
    with_summary(
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
            key="leitbild",
        ),
        Section("Verbundziele", (GOALS,), landscape=True, key="verbundziele"),
        Section("Corporate Identity und Kommunikation", (COMMUNICATION,), key="kommunikation"),
    ),
    document="Phase 3",
)


def phase3_context(c: Consolidated) -> dict[str, Any]:
    """Leitbild und Verbundziele."""
    p3, names = c.phase3, Names(c.region)
    ms = p3.mission_statement
    questions = list(c.region.guiding_questions) or list(dict.fromkeys(ms.get("question", [])))
    return {
        "questions": [
            {
                "question": fmt.plain(q),
                "statements": [fmt.text(s) for s in ms[ms["question"] == q]["statement"]]
                if not ms.empty
                else [],
            }
            for q in questions
        ],
        "goals": GOALS.fill(p3.goals, names),
        "communication": COMMUNICATION.fill(p3.communication, names),
    } | narration_context(narrative.phase3(c), c.assessments, "Phase 3")
