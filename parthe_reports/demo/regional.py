"""Example rows of the Verbund-Workbook, and the cells typed the way clerks type them."""

from __future__ import annotations

from parthe_reports.demo import content as content
from parthe_reports.region import Region
from parthe_reports.schema import ALL_CODES

Row = dict[str, object]
SheetRows = dict[str, list[Row]]


def _topic(region: Region, index: int | None) -> str | None:
    return None if index is None else region.topics[index % len(region.topics)]


_WORKSHOP_KEYS = (
    *("workshop", "date", "place", "participants", "topic", "result"),
    *("votes_for", "votes_against", "abstentions"),
)


def regional_rows(region: Region) -> SheetRows:
    """The Verbund-Workbook's rows, keyed by sheet key (topics and questions from the region)."""

    def topic(i: int | None) -> str | None:
        return _topic(region, i)

    def codes(spec: str) -> str:
        kept = [c.strip() for c in spec.split(",") if c.strip() in region.codes]
        return spec if spec == ALL_CODES else ", ".join(kept) or ALL_CODES

    questions = region.guiding_questions or ("Leitfrage",)
    c = content
    return {
        "workshops": [
            dict(
                zip(
                    _WORKSHOP_KEYS,
                    (w, d, p, n, topic(t), r, yes, no, abst),
                    strict=True,
                )
            )
            for w, d, p, n, t, r, yes, no, abst in c.WORKSHOPS
        ],
        "legal_framework": [
            {"law": law, "content": what, "relevance": why} for law, what, why in c.LEGAL_FRAMEWORK
        ],
        "sub_strategies": [
            {
                "topic": topic(t),
                "goal": goal,
                "approach": how,
                "municipalities": codes(who),
                "council_vote": vote or None,
            }
            for t, goal, how, who, vote in c.SUB_STRATEGIES
        ],
        "mission_statement": [
            {"question": questions[q % len(questions)], "statement": s}
            for q, s in c.MISSION_STATEMENT
        ],
        "goals": [
            {
                "goal_id": gid,
                "topic": topic(t),
                "goal": goal,
                "indicator": ind,
                "baseline": base,
                "target": target,
                "target_year": year,
            }
            for gid, t, goal, ind, base, target, year in c.GOALS
        ],
        "communication": [
            dict(zip(("element", "type", "audience", "responsible", "date"), row, strict=True))
            for row in c.COMMUNICATION
        ],
        "programmes": [
            {
                "programme_id": pid,
                "programme": name,
                "funder": funder,
                "authority": authority,
                "rate": rate,
                "topic": topic(t),
                "deadline": deadline,
                "remark": remark,
            }
            for pid, name, funder, authority, rate, t, deadline, remark in c.PROGRAMMES
        ],
        "structure_options": [
            dict(
                zip(
                    ("option", "legal_form", "pros", "cons", "rating", "recommended"),
                    row,
                    strict=True,
                )
            )
            for row in c.STRUCTURE_OPTIONS
        ],
        "schedule": [
            dict(zip(("milestone", "due", "responsible", "status"), row, strict=True))
            for row in c.SCHEDULE
        ],
        "change_management": [
            dict(zip(("measure", "audience", "due", "responsible", "status"), row, strict=True))
            for row in c.CHANGE_MANAGEMENT
        ],
    }


def add_typing_quirks(municipal: dict[str, SheetRows]) -> None:
    """Cells typed the way clerks type them (spec: "What people really type")."""
    if bra := municipal.get("BRA"):
        bra["infrastructure"][-1]["investment_need"] = "12.500 €"
    if nau := municipal.get("NAU"):
        nau["measures"][4]["cost_total"] = "ca. 5.000"
    if bor := municipal.get("BOR"):
        sent = next(r for r in bor["funding_applications"] if r["submitted_on"])
        sent["submitted_on"] = f"{sent['submitted_on']:%d.%m.%Y}"  # a date typed as text
    if bel := municipal.get("BEL"):
        swot = bel["swot"]
        next(r for r in swot if r["category"] == "Stärke")["category"] = "Stärken"
        next(r for r in swot if r["category"] == "Chance")["category"] = " chance "
    if par := municipal.get("PAR"):
        par["measures"][0]["status"] = "in\u00a0Umsetzung"  # non-breaking space
    if grp := municipal.get("GRP"):
        grp["infrastructure"][0]["remark"] = "Dach 2025 saniert.\nHeizung bis 2027 erneuern."
