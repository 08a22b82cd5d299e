"""Phase 6 – Verstetigung und Umsetzung: the template's declaration and its context builder."""

from __future__ import annotations

from typing import Any

from parthe_reports import german as fmt
from parthe_reports import narrative
from parthe_reports.consolidate.models import Consolidated
from parthe_reports.narrative import structure
from parthe_reports.render import cells
from parthe_reports.render.context import ChartSpec, Names, records
from parthe_reports.render.documents.phase5 import application_measure, with_sum
from parthe_reports.render.documents.phase6_structure import (
    COST_KEY,
    CRITERIA,
    SCORE_MATRIX,
    Assessed,
    assessed,
    cost_key_rows,
    governance_text,
)
from parthe_reports.render.narration import narration_context
from parthe_reports.render.spec import (
    SRC,
    Chart,
    Col,
    DocSpec,
    R,
    Section,
    Table,
    Text,
    with_summary,
)

STRUCTURE_OPTIONS = Table(
    "structure_options",
    (
        Col("Rang", "rank", 1.2, R, cells.number("rank")),
        Col("Option", "option", 4.0, value=cells.text("option")),
        Col("Rechtsform", "legal_form", 3.8, value=cells.text("legal_form")),
        Col("Vorteile", "pros", 6.0, value=cells.text("pros")),
        Col("Nachteile", "cons", 6.0, value=cells.text("cons")),
        Col("Gesamtwert (1–5)", "total", 1.9, R, cells.number("weighted_score", 2, fixed=True)),
        Col("Bewertung (1–5)", "rating", 1.9, R, cells.number("rating")),
        Col(
            "Empfehlung",
            "recommended",
            2.3,
            value=lambda r, _n: "empfohlen" if r["recommended"] == "ja" else "",
        ),
    ),
    "Es wurden noch keine Strukturoptionen bewertet.",
    "Bewertete Optionen zur Verstetigung",
)
MILESTONES = Table(
    "milestones",
    (
        Col("Termin", "date", 2.1, value=cells.date("due")),
        Col("Meilenstein", "milestone", 6.2, value=cells.text("milestone")),
        Col("Verantwortlich", "responsible", 2.8, value=cells.text("responsible")),
        Col(
            "Status",
            "status",
            2.0,
            value=lambda r, _n: fmt.text(r["status"]) + (" (überfällig)" if r.get("late") else ""),
        ),
        SRC,
    ),
    "Es wurden noch keine Meilensteine geplant.",
    "Meilensteinplan",
)
CHANGE_MANAGEMENT = Table(
    "change_management",
    (
        Col("Maßnahme", "measure", 5.0, value=cells.text("measure")),
        Col("Zielgruppe", "audience", 3.0, value=cells.text("audience")),
        Col("Termin", "date", 2.1, value=cells.date("due")),
        Col("Status", "status", 3.0, value=cells.text("status")),
        SRC,
    ),
    "Es sind noch keine Maßnahmen des Veränderungsmanagements geplant.",
    "Maßnahmen des Veränderungsmanagements",
)
FOLLOW_UP = Table(
    "follow_up",
    (
        Col("Nr.", "application_id", 1.8, value=cells.text("application_id")),
        Col("Kommune", "municipality", 2.0, value=cells.name("municipality")),
        Col("Programm", "programme", 3.4, value=lambda r, _n: fmt.text(r.get("programme"))),
        Col("Maßnahme", "measure", 3.0, value=application_measure),
        Col("beantragt", "requested", 2.3, R, cells.approx_money("requested")),
        Col("Eigenanteil", "own_share", 2.3, R, cells.approx_money("own_share")),
    ),
    "Für die Fortführung des Verbunds ist noch keine Anschlussförderung beantragt oder in "
    "Vorbereitung.",
    "Anschlussförderung des Verbunds",
)

PHASE6 = DocSpec(
    "Phase6_Verstetigung",
    "Verstetigung und Umsetzung",
    "Phase 6 – Verstetigung und Umsetzung",
    with_summary(
        Section(
            "Strukturoptionen",
            (
                Text("{{ recommendation }}"),
                Text("{{ scoring_rule }}", cond="score_matrix"),
                CRITERIA,
                SCORE_MATRIX,
                STRUCTURE_OPTIONS,
            ),
            landscape=True,
            key="strukturoptionen",
        ),
        Section(
            "Governance",
            (Text("{{ governance }}"), Text("{{ cost_key_text }}"), COST_KEY),
            key="governance",
        ),
        Section(
            "Zeitplan und Meilensteine",
            (
                Chart(
                    "chart_milestones",
                    "Meilensteinplan der Umsetzung",
                    "Es wurden noch keine Meilensteine geplant.",
                ),
                MILESTONES,
                Text("{{ late_note }}"),
            ),
            key="zeitplan",
        ),
        Section("Veränderungsmanagement", (CHANGE_MANAGEMENT,), key="veraenderungsmanagement"),
        Section(
            "Anschlussförderung",
            (
                Text(
                    "Anschlussförderung heißt Förderung für die Fortführung der Kooperation "
                    "selbst: Förderanträge der Art „Anschlussförderung Verbund“."
                ),
                FOLLOW_UP,
            ),
            key="anschlussfoerderung",
        ),
    ),
    document="Phase 6",
)


def phase6_context(c: Consolidated) -> dict[str, Any]:
    """Verstetigung und Umsetzung."""
    p6, names = c.phase6, Names.of(c)
    ms = p6.milestones
    late = p6.late_milestones
    items = [
        (fmt.plain(r["milestone"]), r["due"], fmt.plain(r["status"]))
        for r in records(ms)
        if not fmt.is_missing(r["due"])
    ]
    a = assessed(p6)
    follow = p6.follow_up_applications
    return {
        "recommendation": _recommendation(a, p6.recommended_option),
        "scoring_rule": a.rule,
        "criteria": a.criteria,
        "score_columns": a.columns,
        "score_matrix": a.matrix,
        "structure_options": [
            {**STRUCTURE_OPTIONS.row(r, names), "rank": a.rank_of(r)}
            for r in records(p6.structure_options)
        ],
        "governance": governance_text(c),
        **cost_key_rows(c, follow),
        "chart_milestones": ChartSpec("milestones", {"items": items, "stichtag": c.stichtag})
        if items
        else None,
        "milestones": MILESTONES.fill(ms, names),
        "late_note": (
            f"{fmt.count(len(late), 'Meilenstein ist', 'Meilensteine sind')} zum Stichtag "
            "überfällig: " + fmt.join_de(fmt.plain(x) for x in late["milestone"]) + "."
            if not late.empty
            else "Zum Stichtag ist kein Meilenstein überfällig."
        ),
        "change_management": CHANGE_MANAGEMENT.fill(p6.change_management, names),
        "follow_up": with_sum(
            FOLLOW_UP.fill(follow, names),
            follow,
            {k: "" for k in ("municipality", "programme", "measure")} | {"application_id": "Summe"},
        ),
    } | narration_context(_narrative(c), c.assessments, "Phase 6")


def _narrative(c: Consolidated) -> narrative.Narrative:
    """Phase 6's statements, the structure recommendation from the weighted criteria."""
    p6 = c.phase6
    crit = structure.criteria_from(p6.criteria) if len(p6.criteria) else []
    scores = structure.scores_from(p6.structure_scores) if len(p6.structure_scores) else []
    return narrative.phase6(c, crit, scores)


def _recommendation(a: Assessed, typed: str | None) -> str:
    """The weighted assessment's sentence (deciding criteria, or the tie), and the option the
    Verbund-Workbook marks as recommended where that differs; without weighted scores the
    typed Empfehlung."""
    if a.text:
        if typed and typed != a.recommended:
            return (
                a.text + f" Im Verbund-Workbook ist „{fmt.plain(typed)}“ als Empfehlung markiert."
            )
        return a.text
    if typed:
        return f"Empfohlen wird die Option „{fmt.plain(typed)}“ (Empfehlung im Verbund-Workbook)."
    return "Eine Empfehlung für eine Strukturoption steht noch aus."
