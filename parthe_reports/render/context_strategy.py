"""Context builders for phase 2 (Strategischer Rahmen) and phase 3 (Leitbild)."""

from __future__ import annotations

from typing import Any

from parthe_reports.consolidate.models import Consolidated
from parthe_reports.render import formatting as fmt
from parthe_reports.render.context_common import (
    Names,
    groups,
    ref,
    rows,
)


def phase2_context(c: Consolidated) -> dict[str, Any]:
    """Strategischer Rahmen."""
    p2, names = c.phase2, Names(c.region)
    topics = list(c.region.topics)
    sub_row = lambda r: {  # noqa: E731
        "topic": fmt.text(r["topic"]),
        "goal": fmt.text(r["goal"]),
        "approach": fmt.text(r["approach"]),
        "municipalities": names.names(r.get("municipalities")),
        "vote": fmt.text(r["council_vote"]),
        "ref": ref(r),
    }
    missing = p2.topics_without_sub_strategy
    by_muni = p2.sub_strategies_by_municipality
    muni_order = sorted(c.region.codes, key=names.sort_key)
    return {
        "strategy_intro": (
            "Die regionale Strategie des Verbunds setzt sich aus den Teilstrategien der "
            f"{fmt.number(len(topics))} Themenbereiche zusammen. Sie wurde in der Kooperations-, "
            "Zukunfts- und Strategiewerkstatt erarbeitet und von den Gremien beraten."
        ),
        "by_topic": rows(
            p2.sub_strategies_by_topic,
            lambda r: {
                "topic": fmt.text(r["topic"]),
                "count": fmt.number(r["sub_strategies"]),
                "municipalities": names.names(r["municipalities"]),
            },
        ),
        "topics_missing_note": (
            "Noch ohne Teilstrategie: " + fmt.join_de(fmt.plain(t) for t in missing) + "."
            if missing
            else ""
        ),
        "topic_groups": groups(p2.sub_strategies, "topic", topics, fmt.plain, sub_row),
        "municipality_groups": [
            {
                "title": names.name(code),
                "rows": rows(by_muni[by_muni["municipality_code"] == code], sub_row)
                if not by_muni.empty
                else [],
            }
            for code in muni_order
        ],
        "workshop_summary": rows(
            p2.workshop_summary,
            lambda r: {
                "workshop": fmt.text(r["workshop"]),
                "date": fmt.date_de(r["date_first"])
                if r["date_first"] == r["date_last"]
                else f"{fmt.date_de(r['date_first'])} – {fmt.date_de(r['date_last'])}",
                "participants": fmt.number(r["participants"]),
                "results": fmt.number(r["results"]),
                "votes_for": fmt.number(r["votes_for"]),
                "votes_against": fmt.number(r["votes_against"]),
                "abstentions": fmt.number(r["abstentions"]),
                "approval": fmt.percent(r["approval"], 0),
            },
        ),
        "workshop_groups": groups(
            p2.workshops,
            "workshop",
            list(dict.fromkeys(p2.workshops["workshop"])) if not p2.workshops.empty else [],
            fmt.plain,
            lambda r: {
                "date": fmt.date_de(r["date"]),
                "place": fmt.text(r["place"]),
                "result": fmt.text(r["result"]),
                "votes": f"{fmt.number(r['votes_for'])} dafür, {fmt.number(r['votes_against'])} "
                f"dagegen, {fmt.number(r['abstentions'])} Enthaltungen",
                "ref": ref(r),
            },
        ),
        "legal_framework": rows(
            p2.legal_framework,
            lambda r: {
                "law": fmt.text(r["law"]),
                "content": fmt.text(r["content"]),
                "relevance": fmt.text(r["relevance"]),
                "ref": ref(r),
            },
        ),
    }


def phase3_context(c: Consolidated) -> dict[str, Any]:
    """Leitbild und Verbundziele."""
    p3 = c.phase3
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
        "goals": rows(
            p3.goals,
            lambda r: {
                "goal_id": fmt.text(r["goal_id"]),
                "topic": fmt.text(r["topic"]),
                "goal": fmt.text(r["goal"]),
                "indicator": fmt.text(r["indicator"]),
                "baseline": fmt.number(r["baseline"], 2),
                "target": fmt.number(r["target"], 2),
                "target_year": fmt.text(r["target_year"]),
                "measures": fmt.number(r.get("measures")),
                "ref": ref(r),
            },
        ),
        "communication": rows(
            p3.communication,
            lambda r: {
                "element": fmt.text(r["element"]),
                "type": fmt.text(r["type"]),
                "audience": fmt.text(r["audience"]),
                "responsible": fmt.text(r["responsible"]),
                "date": fmt.text(r["date"]),
                "ref": ref(r),
            },
        ),
    }
