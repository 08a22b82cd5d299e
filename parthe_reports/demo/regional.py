"""Example rows of the Verbund-Workbook, and the cells typed the way clerks type them."""

from __future__ import annotations

from parthe_reports.demo import content as content
from parthe_reports.german import NUMBER_WORDS
from parthe_reports.region import Region
from parthe_reports.schema import ALL_CODES

Row = dict[str, object]
SheetRows = dict[str, list[Row]]


def _topic(region: Region, index: int | None) -> str | None:
    return None if index is None else region.topics[index % len(region.topics)]


_WORKSHOP_KEYS = (
    *("workshop", "date", "place", "participants", "topic", "agenda_item", "method", "result"),
    *("votes_for", "votes_against", "abstentions"),
)
_COMMUNICATION_KEYS = (
    *("element", "type", "audience", "responsible", "date"),
    *("message", "channel", "rhythm", "budget"),
)


def regional_rows(region: Region) -> SheetRows:
    """The Verbund-Workbook's rows, keyed by sheet key (topics and questions from the region)."""

    def topic(i: int | None) -> str | None:
        return _topic(region, i)

    def codes(spec: str) -> str:
        kept = [c.strip() for c in spec.split(",") if c.strip() in region.codes]
        return spec if spec == ALL_CODES else ", ".join(kept) or ALL_CODES

    questions = region.guiding_questions or ("Leitfrage",)
    n = len(region.codes)
    size = NUMBER_WORDS[n] if n < len(NUMBER_WORDS) else str(n)
    c = content
    return {
        "workshops": [
            dict(
                zip(
                    _WORKSHOP_KEYS,
                    (w, d, p, n, topic(t), item, method, r, yes, no, abst),
                    strict=True,
                )
            )
            for w, d, p, n, t, item, method, r, yes, no, abst in c.WORKSHOPS
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
            {"question": questions[q % len(questions)], "statement": s.format(n=size)}
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
                "figure": figure,
                "direction": direction,
            }
            for gid, t, goal, ind, base, target, year, figure, direction in c.GOALS
        ],
        "communication": [
            dict(zip(_COMMUNICATION_KEYS, row, strict=True)) for row in c.COMMUNICATION
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
                "max_amount": c.PROGRAMME_CAPS.get(pid),
                "status": c.PROGRAMME_STATUS.get(pid, "offen" if deadline else "laufend"),
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
        "criteria": [{"criterion": k, "weight": w, "description": d} for k, w, d in c.CRITERIA],
        "structure_scores": [
            {"option": option[0], "criterion": criterion[0], "points": points}
            for option, row in zip(c.STRUCTURE_OPTIONS, c.STRUCTURE_POINTS, strict=True)
            for criterion, points in zip(c.CRITERIA, row, strict=True)
        ],
        "schedule": [
            {
                **dict(zip(("milestone", "due", "responsible", "status"), row[:4], strict=True)),
                "reference": _reference(row[4], region),
            }
            for row in c.SCHEDULE
        ],
        "change_management": [
            dict(zip(("measure", "audience", "due", "responsible", "status"), row, strict=True))
            for row in c.CHANGE_MANAGEMENT
        ],
        "assessments": [
            dict(zip(("document", "section", "code", "text", "as_of", "author"), row, strict=True))
            for row in c.ASSESSMENTS
            if row[2] is None or row[2] in region.codes
        ],
    }


def _reference(ref: str | None, region: Region) -> str | None:
    """A milestone's Bezug, kept only when its municipality is in the region (synthetic ones)."""
    return ref if ref and ref.split("-")[1] in region.codes else None


def add_typing_quirks(municipal: dict[str, SheetRows]) -> None:
    """Cells typed the way clerks type them (spec: "What people really type")."""
    if bra := municipal.get("BRA"):
        bra["infrastructure"][-1]["investment_need"] = "12.500 €"
    if nau := municipal.get("NAU"):
        nau["measures"][4]["cost_total"] = "ca. 280.000"  # an estimate, kept as „ca.“
    if bor := municipal.get("BOR"):
        sent = next(r for r in bor["funding_applications"] if r["submitted_on"])
        sent["submitted_on"] = f"{sent['submitted_on']:%d.%m.%Y}"  # a date typed as text
    if bel := municipal.get("BEL"):
        swot = bel["swot"]
        next(r for r in swot if r["category"] == "Stärke")["category"] = "Stärken"
        next(r for r in swot if r["category"] == "Chance")["category"] = " chance "
    if grp := municipal.get("GRP"):
        grp["measures"][0]["status"] = "in\u00a0Umsetzung"  # non-breaking space
        grp["infrastructure"][0]["remark"] = "Dach 2025 saniert.\nHeizung bis 2027 erneuern."
