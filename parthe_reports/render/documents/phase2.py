"""Phase 2 – Strategischer Rahmen: the template's declaration and its context builder."""

from __future__ import annotations

from typing import Any

import pandas as pd

from parthe_reports import german as fmt
from parthe_reports import narrative
from parthe_reports.consolidate.models import Consolidated
from parthe_reports.render import cells
from parthe_reports.render.context import Names, Record, Row, groups
from parthe_reports.render.narration import narration_context
from parthe_reports.render.spec import (
    NONE,
    SRC,
    Col,
    DocSpec,
    Group,
    R,
    Section,
    Table,
    Text,
    with_summary,
)

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
# Each sub-strategy is printed once (per topic, with its municipalities); per municipality
# only where it takes part, so no content repeats for every partner.
PARTICIPATION = Table(
    "participation",
    (
        Col("Kommune", "municipality", 3.2),
        Col("Teilstrategien", "count", 2.4, R),
        Col("Beteiligt in den Themenbereichen", "topics", 10.9),
    ),
    "Es wurden noch keine Teilstrategien beschlossen.",
    "Beteiligung der Partnerkommunen an den Teilstrategien",
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


# Votes are counted per agenda item and never summed across items (a person votes on each).
WORKSHOP_SUMMARY = Table(
    "workshop_summary",
    (
        Col("Werkstatt", "workshop", 4.2, value=cells.text("workshop")),
        Col("Datum", "date", 3.0, value=_days),
        Col("Teilnehmende", "participants", 2.4, R, cells.number("participants")),
        Col("Tagesordnungspunkte", "results", 3.2, R, cells.number("results")),
    ),
    "Es wurden noch keine Werkstätten dokumentiert.",
    "Kooperations-, Zukunfts- und Strategiewerkstatt im Überblick",
)
VOTE_LEGEND = (
    "Ja, Nein, Enth.: Stimmen dafür, dagegen und Enthaltungen zu diesem "
    "Tagesordnungspunkt; Zust.: Anteil der Ja-Stimmen an allen Stimmen des Punkts. Die "
    "Stimmen werden je Punkt gezählt und nicht über Punkte hinweg addiert."
)
WORKSHOP_RESULTS = Table(
    "g.rows",
    (
        Col("Tagesordnungspunkt", "item", 3.2, value=cells.text("agenda_item")),
        Col("Ergebnis", "result", 6.4, value=cells.text("result")),
        Col("Ja", "votes_for", 0.9, R, cells.number("votes_for")),
        Col("Nein", "votes_against", 1.0, R, cells.number("votes_against")),
        Col("Enth.", "abstentions", 1.1, R, cells.number("abstentions")),
        Col("Zust.", "approval", 1.2, R, cells.percent("approval", 0)),
        SRC,
    ),
    NONE,
)


def _workshop_intro(part: pd.DataFrame) -> str:
    """„Am 18.03.2026 in Rathaus Brandis, 34 Teilnehmende; Arbeitsform: Punktabfrage.“"""
    days = fmt.join_de(dict.fromkeys(fmt.date_de(d) for d in part["date"]))
    places = [fmt.plain(p) for p in dict.fromkeys(part["place"]) if not fmt.is_missing(p)]
    text = f"Am {days}" + (f" ({fmt.join_de(places)})" if places else "")
    people = part["participants"].max()
    if not fmt.is_missing(people):
        text += f", {fmt.count(int(people), 'Teilnehmende', 'Teilnehmende')}"
    methods = [fmt.plain(m) for m in dict.fromkeys(part.get("method", [])) if not fmt.is_missing(m)]
    if methods:
        text += f"; Arbeitsform: {fmt.join_de(methods)}"
    return text + "."


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
    with_summary(
        Section(
            "Regionale Strategie",
            (
                Text("{{ strategy_intro }}"),
                BY_TOPIC,
                Text("{{ topics_missing_note }}", cond="topics_missing_note"),
            ),
            key="strategie",
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
        Section("Teilstrategien je Partnerkommune", (PARTICIPATION,), key="teilstrategien"),
        Section(
            "Werkstätten",
            (
                WORKSHOP_SUMMARY,
                Group(
                    "workshop_groups",
                    "g",
                    "{{ g.title }}",
                    (Text("{{ g.intro }}"), WORKSHOP_RESULTS),
                    "",
                ),
                Text(VOTE_LEGEND, style="Caption", cond="workshop_groups"),
            ),
            key="werkstaetten",
        ),
        Section("Rechtlicher Rahmen", (LEGAL_FRAMEWORK,), key="rahmenbedingungen"),
    ),
    document="Phase 2",
)


def _participation(c: Consolidated, names: Names) -> list[Row]:
    """Per municipality in name order (those without any included): how many
    sub-strategies it takes part in, and their topics."""
    by_muni = c.phase2.sub_strategies_by_municipality
    out = []
    for code in sorted(c.region.codes, key=names.sort_key):
        part = by_muni[by_muni["municipality_code"] == code] if not by_muni.empty else by_muni
        topics = [fmt.plain(t) for t in dict.fromkeys(part["topic"])] if not part.empty else []
        out.append(
            {
                "municipality": names.name(code),
                "count": fmt.number(len(part)),
                "topics": ", ".join(topics) if topics else "an keiner Teilstrategie beteiligt",
            }
        )
    return out


def _workshop_groups(c: Consolidated, names: Names) -> list[dict[str, Any]]:
    """One group per workshop held: date, place, participants, methods, then its items."""
    ws = c.phase2.workshops
    if ws.empty:
        return []
    out = []
    for stage in dict.fromkeys(ws["workshop"]):
        part = ws[ws["workshop"] == stage]
        out.append(
            {
                "title": fmt.plain(stage),
                "intro": _workshop_intro(part),
                "rows": WORKSHOP_RESULTS.fill(part, names),
            }
        )
    return out


def phase2_context(c: Consolidated) -> dict[str, Any]:
    """Strategischer Rahmen."""
    p2, names = c.phase2, Names.of(c)
    topics = list(c.region.topics)
    missing = p2.topics_without_sub_strategy
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
        "participation": _participation(c, names),
        "workshop_summary": WORKSHOP_SUMMARY.fill(p2.workshop_summary, names),
        "workshop_groups": _workshop_groups(c, names),
        "legal_framework": LEGAL_FRAMEWORK.fill(p2.legal_framework, names),
    } | narration_context(narrative.phase2(c), c.assessments, "Phase 2")
