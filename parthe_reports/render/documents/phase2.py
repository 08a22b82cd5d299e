"""Phase 2 – Strategischer Rahmen: the template's declaration and its context builder."""

from __future__ import annotations

from typing import Any

from parthe_reports import german as fmt
from parthe_reports.consolidate.models import Consolidated
from parthe_reports.render import cells
from parthe_reports.render.context import Names, Record, Row, groups
from parthe_reports.render.spec import NONE, SRC, Col, DocSpec, Group, R, Section, Table, Text

SUB_STRATEGIES = Table(
    "g.rows",
    (
        Col("Strategisches Ziel", "goal", 4.6, value=cells.text("goal")),
        Col("Ansatz", "approach", 4.6, value=cells.text("approach")),
        Col(
            "Kommunen",
            "municipalities",
            2.2,
            value=lambda r, n: n.names(r.get("municipalities")),
        ),
        Col("Gremienvotum", "vote", 1.7, value=cells.text("council_vote")),
        SRC,
    ),
    NONE,
)
MUNICIPALITY_STRATEGIES = Table(
    "g.rows",
    (
        Col("Themenbereich", "topic", 4.0, value=cells.text("topic")),
        Col("Strategisches Ziel", "goal", 6.0, value=cells.text("goal")),
        Col("Ansatz", "approach", 6.5, value=cells.text("approach")),
    ),
    "Für diese Kommune gibt es noch keine Teilstrategie.",
)
BY_TOPIC = Table(
    "by_topic",
    (
        Col("Themenbereich", "topic", 7.0, value=cells.text("topic")),
        Col("Teilstrategien", "count", 2.5, R, cells.number("sub_strategies")),
        Col("Kommunen", "municipalities", 7.0, value=cells.names("municipalities")),
    ),
    NONE,
    "Teilstrategien je Themenbereich",
)


def _days(r: Record, _n: Names) -> str:
    if r["date_first"] == r["date_last"]:
        return fmt.date_de(r["date_first"])
    return f"{fmt.date_de(r['date_first'])} – {fmt.date_de(r['date_last'])}"


WORKSHOP_SUMMARY = Table(
    "workshop_summary",
    (
        Col("Werkstatt", "workshop", 3.7, value=cells.text("workshop")),
        Col("Datum", "date", 2.3, value=_days),
        Col("Teilnehmende", "participants", 2.2, R, cells.number("participants")),
        Col("Ergebnisse", "results", 1.9, R, cells.number("results")),
        Col("dafür", "votes_for", 1.5, R, cells.number("votes_for")),
        Col("dagegen", "votes_against", 1.6, R, cells.number("votes_against")),
        Col("Enthaltungen", "abstentions", 1.8, R, cells.number("abstentions")),
        Col("Zustimmung", "approval", 1.5, R, cells.percent("approval", 0)),
    ),
    "Es wurden noch keine Werkstätten dokumentiert.",
    "Kooperations-, Zukunfts- und Strategiewerkstatt im Überblick",
)


def _votes(r: Record, _n: Names) -> str:
    return (
        f"{fmt.number(r['votes_for'])} dafür, {fmt.number(r['votes_against'])} "
        f"dagegen, {fmt.number(r['abstentions'])} Enthaltungen"
    )


WORKSHOP_RESULTS = Table(
    "g.rows",
    (
        Col("Datum", "date", 2.0, value=cells.date("date")),
        Col("Ort", "place", 2.2, value=cells.text("place")),
        Col("Ergebnis", "result", 6.1, value=cells.text("result")),
        Col("Abstimmung", "votes", 2.8, value=_votes),
        SRC,
    ),
    NONE,
)
LEGAL_FRAMEWORK = Table(
    "legal_framework",
    (
        Col("Rechtsgrundlage", "law", 3.4, value=cells.text("law")),
        Col("Inhalt", "content", 4.9, value=cells.text("content")),
        Col("Bedeutung für die Kooperation", "relevance", 4.8, value=cells.text("relevance")),
        SRC,
    ),
    "Der rechtliche Rahmen ist noch nicht erfasst.",
    "Rechtsgrundlagen der Kooperation",
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
                BY_TOPIC,
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
                    (SUB_STRATEGIES,),
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
                    (MUNICIPALITY_STRATEGIES,),
                    "Es wurden noch keine Teilstrategien beschlossen.",
                ),
            ),
        ),
        Section(
            "Werkstätten",
            (
                WORKSHOP_SUMMARY,
                Group("workshop_groups", "g", "{{ g.title }}", (WORKSHOP_RESULTS,), ""),
            ),
        ),
        Section("Rechtlicher Rahmen", (LEGAL_FRAMEWORK,)),
    ),
)


def _by_municipality(c: Consolidated, names: Names) -> list[dict[str, Any]]:
    """One group per municipality in name order, also those without a sub-strategy."""
    by_muni = c.phase2.sub_strategies_by_municipality
    out = []
    for code in sorted(c.region.codes, key=names.sort_key):
        part = by_muni[by_muni["municipality_code"] == code] if not by_muni.empty else None
        printed: list[Row] = [] if part is None else MUNICIPALITY_STRATEGIES.fill(part, names)
        out.append({"title": names.name(code), "rows": printed})
    return out


def phase2_context(c: Consolidated) -> dict[str, Any]:
    """Strategischer Rahmen."""
    p2, names = c.phase2, Names(c.region)
    topics = list(c.region.topics)
    missing = p2.topics_without_sub_strategy
    workshops = list(dict.fromkeys(p2.workshops["workshop"])) if not p2.workshops.empty else []
    return {
        "strategy_intro": (
            "Die regionale Strategie des Verbunds setzt sich aus den Teilstrategien der "
            f"{fmt.number(len(topics))} Themenbereiche zusammen. Sie wurde in der Kooperations-, "
            "Zukunfts- und Strategiewerkstatt erarbeitet und von den Gremien beraten."
        ),
        "by_topic": BY_TOPIC.fill(p2.sub_strategies_by_topic, names),
        "topics_missing_note": (
            "Noch ohne Teilstrategie: " + fmt.join_de(fmt.plain(t) for t in missing) + "."
            if missing
            else ""
        ),
        "topic_groups": groups(
            p2.sub_strategies, "topic", topics, fmt.plain, lambda r: SUB_STRATEGIES.row(r, names)
        ),
        "municipality_groups": _by_municipality(c, names),
        "workshop_summary": WORKSHOP_SUMMARY.fill(p2.workshop_summary, names),
        "workshop_groups": groups(
            p2.workshops,
            "workshop",
            workshops,
            fmt.plain,
            lambda r: WORKSHOP_RESULTS.row(r, names),
        ),
        "legal_framework": LEGAL_FRAMEWORK.fill(p2.legal_framework, names),
    }
