"""Phase 3 – Leitbild und Verbundziele: the template's declaration and its context builder."""

from __future__ import annotations

from typing import Any

import pandas as pd

from parthe_reports import german as fmt
from parthe_reports import narrative
from parthe_reports.consolidate.models import Consolidated
from parthe_reports.narrative import indicators
from parthe_reports.narrative.rules_strategy import unreachable
from parthe_reports.render import cells
from parthe_reports.render.context import Names, Record, Row, records
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
    Text,
    with_summary,
)

GOALS = Table(
    "goals",
    (
        Col("Nr.", "goal_id", 1.2),
        Col("Themenbereich", "topic", 3.2),
        Col("Ziel", "goal", 4.4),
        Col("Indikator", "indicator", 3.4),
        Col("Ausgangswert", "baseline", 1.9, R),
        Col("Ist", "current", 1.7, R),
        Col("Zielwert", "target", 1.7, R),
        Col("Zieljahr", "target_year", 1.4, R),
        Col("Stand", "state", 2.6),
        Col("Maßnahmen", "measures", 1.7, R),
        SRC,
    ),
    "Es wurden noch keine Verbundziele beschlossen.",
    "Verbundziele mit Indikatoren und Zielwerten",
)
GOALS_LEGEND = (
    "Ist: aktueller Wert, aus den Daten der Erhebungsbögen berechnet, wo die Kennzahl des "
    "Ziels berechenbar ist („–“: nicht berechenbar). Stand: erreicht, offen oder nicht "
    "erreichbar (Zielwert über der Zahl der Kommunen oder über 100 %)."
)


def _goal(r: Record, c: Consolidated, names: Names) -> Row:
    """A goal with its Ist beside baseline and target, and whether it is reachable."""
    current = indicators.current_value(r.get("figure"), c)
    why = unreachable(pd.Series(r), len(c.region.codes))
    if why:
        state = f"nicht erreichbar: {why}"
    elif current is None:
        state = "Ist nicht berechenbar"
    elif not fmt.is_missing(r.get("target")) and indicators.reached(
        current, float(r["target"]), r.get("baseline"), r.get("direction")
    ):
        state = "erreicht"
    else:
        state = "offen"
    return {
        "goal_id": fmt.text(r.get("goal_id")),
        "topic": fmt.text(r.get("topic")),
        "goal": fmt.text(r.get("goal")),
        "indicator": fmt.text(r.get("indicator")),
        "baseline": fmt.number(r.get("baseline"), 2),
        "current": fmt.number(current, 2) if current is not None else fmt.MISSING,
        "target": fmt.number(r.get("target"), 2),
        "target_year": fmt.text(r.get("target_year")),
        "state": state,
        "measures": fmt.number(r.get("measures")),
        "ref": cells.source(r, names),
    }


COMMUNICATION = Table(
    "communication",
    (
        Col("Element", "element", 3.4, value=cells.text("element")),
        Col("Art", "type", 1.6, value=cells.text("type")),
        Col("Zielgruppe", "audience", 2.6, value=cells.text("audience")),
        Col("Botschaft", "message", 4.6, value=cells.text("message")),
        Col("Kanal", "channel", 3.0, value=cells.text("channel")),
        Col("Rhythmus", "rhythm", 1.9, value=cells.text("rhythm")),
        Col("Verantwortlich", "responsible", 2.4, value=cells.text("responsible")),
        Col("Termin", "date", 1.5, value=cells.text("date")),
        SRC,
    ),
    "Die Kommunikationsstrategie ist noch nicht erfasst.",
    "Elemente der Corporate Identity und Kommunikationsstrategie",
)
COMMUNICATION_INTRO = (
    "Das Kommunikationskonzept legt je Element fest, wen es erreichen soll (Zielgruppe), was "
    "es sagt (Botschaft), auf welchem Weg (Kanal), wie oft (Rhythmus) und wer es verantwortet."
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
        Section(
            "Verbundziele",
            (GOALS, Text(GOALS_LEGEND, style="Caption", cond="goals")),
            landscape=True,
            key="verbundziele",
        ),
        Section(
            "Corporate Identity und Kommunikation",
            (Text(COMMUNICATION_INTRO), COMMUNICATION),
            landscape=True,
            key="kommunikation",
        ),
    ),
    document="Phase 3",
)


def phase3_context(c: Consolidated) -> dict[str, Any]:
    """Leitbild und Verbundziele."""
    p3, names = c.phase3, Names.of(c)
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
        "goals": [_goal(r, c, names) for r in records(p3.goals)],
        "communication": COMMUNICATION.fill(p3.communication, names),
    } | narration_context(narrative.phase3(c), c.assessments, "Phase 3")
