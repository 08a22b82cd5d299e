"""Rules of phase 2 (Strategischer Rahmen) and phase 3 (Leitbild und Verbundziele)."""

from __future__ import annotations

import math
import re

import pandas as pd

from parthe_reports.consolidate.models import Consolidated
from parthe_reports.narrative import indicators
from parthe_reports.narrative.grammar import (
    count,
    date_de,
    is_missing,
    join_de,
    names,
    number,
    percent,
    plural,
    quoted,
    verb,
)
from parthe_reports.narrative.statement import Kind, Statement
from parthe_reports.region import Judgement

K, F, E = Kind.KEY, Kind.FINDING, Kind.RECOMMENDATION
STAGES = ("Kooperationswerkstatt", "Zukunftswerkstatt", "Strategiewerkstatt")
COMM_TYPES = {"CI": ("CI-Element", "CI-Elemente")}


# ---- phase 2 -------------------------------------------------------------------------


def _rank_of(c: Consolidated, topic: str) -> int | None:
    r = c.phase1.priority_ranking.dropna(subset=["priority_mean"])
    hit = r.loc[r["topic"] == topic, "rank"]
    return int(hit.iloc[0]) if len(hit) else None


def sub_strategy_coverage(c: Consolidated, j: Judgement) -> list[Statement]:
    """P2.SUBSTRAT-COVERAGE: topics with a Teilstrategie, and those without (with their
    priority rank)."""
    topics, missing = c.region.topics, c.phase2.topics_without_sub_strategy
    done = len(topics) - len(missing)
    if not missing:
        text = f"Für alle {count(len(topics), 'Themenbereich')} liegt eine Teilstrategie vor."
    else:
        named = join_de(
            t + (f" (Priorität Rang {r})" if (r := _rank_of(c, t)) else "") for t in missing
        )
        text = (
            f"Für {number(done)} von {count(len(topics), 'Themenbereich', dative=True)} liegt eine Teilstrategie vor; "
            f"es {verb(len(missing), 'fehlt', 'fehlen')} {named}."
        )
    claims = tuple((f"substrategy:{t}", "fehlt" if t in missing else "vorhanden") for t in topics)
    return [
        Statement(
            "P2.SUBSTRAT-COVERAGE",
            K,
            text,
            "teilstrategien",
            "",
            {"with": done, "without": missing},
            claims,
        )
    ]


def sub_strategy_priority(c: Consolidated, j: Judgement) -> list[Statement]:
    """P2.REC-SUBSTRAT: a topic without Teilstrategie among the top ``top_fields`` priorities
    should get one next."""
    for t in c.phase2.topics_without_sub_strategy:
        rank = _rank_of(c, t)
        if rank is not None and rank <= j.top_fields:
            what = (
                "die wichtigste Priorität der Kommunen"
                if rank == 1
                else f"Priorität Rang {rank} der Kommunen"
            )
            text = f"Für {t}, {what}, sollte als Nächstes eine Teilstrategie erarbeitet werden."
            return [
                Statement(
                    "P2.REC-SUBSTRAT",
                    E,
                    text,
                    "teilstrategien",
                    "",
                    {"topic": t, "rank": rank},
                )
            ]
    return []


def sub_strategy_partners(c: Consolidated, j: Judgement) -> list[Statement]:
    """P2.SUBSTRAT-PARTNERS: municipalities in no Teilstrategie (or: all take part)."""
    per = c.phase2.sub_strategies_by_municipality
    if c.phase2.sub_strategies.empty:
        return []
    inside = set(per["municipality_code"])
    outside = [m for m in c.region.codes if m not in inside]
    if outside:
        text = f"An keiner Teilstrategie beteiligt {verb(len(outside), 'ist', 'sind')} {names(c.region, outside)}."
    else:
        text = f"Alle {count(len(c.region.codes), 'Kommune')} sind an mindestens einer Teilstrategie beteiligt."
    claims = tuple(
        (f"substrategy-partner:{m}", "nein" if m in outside else "ja") for m in c.region.codes
    )
    return [
        Statement(
            "P2.SUBSTRAT-PARTNERS",
            F,
            text,
            "teilstrategien",
            "",
            {"outside": tuple(outside)},
            claims,
        )
    ]


def workshops_held(c: Consolidated, j: Judgement) -> list[Statement]:
    """P2.WORKSHOPS: which of the three workshops took place, when, with how many people."""
    s = c.phase2.workshop_summary
    if s.empty:
        return []
    held = list(s["workshop"])
    missing = [w for w in STAGES if w not in held]
    people = s["participants"].dropna()
    facts = [f"{date_de(s['date_first'].min())} bis {date_de(s['date_last'].max())}"]
    if len(people):
        lo, hi = people.min(), people.max()
        facts.append(
            f"{number(lo)} Teilnehmende"
            if lo == hi
            else f"{number(lo)} bis {number(hi)} Teilnehmende"
        )
    if len(held) == 1:
        facts[0] = date_de(s["date_first"].min())
    text = (
        f"Alle drei Werkstätten haben stattgefunden ({', '.join(facts)})"
        if not missing
        else f"{number(len(held))} von 3 Werkstätten {verb(len(held), 'hat', 'haben')} stattgefunden "
        f"({', '.join(facts)}); es {verb(len(missing), 'fehlt', 'fehlen')} {join_de('die ' + w for w in missing)}"
    )
    figs = {"held": len(held), "participants_max": float(people.max()) if len(people) else math.nan}
    return [
        Statement(
            "P2.WORKSHOPS",
            K,
            text + ".",
            "werkstaetten",
            "",
            figs,
            (("workshops", "vollständig" if not missing else "unvollständig"),),
        )
    ]


def workshop_approval(c: Consolidated, j: Judgement) -> list[Statement]:
    """P2.APPROVAL-TOP: the result with the broadest approval (per agenda item, never
    summed). P2.APPROVAL-LOW: the results below ``low_approval``, as contested."""
    ws = c.phase2.workshops.dropna(subset=["approval"])
    if ws.empty:
        return []
    best = ws.sort_values("approval", ascending=False, kind="stable").iloc[0]
    out = [
        Statement(
            "P2.APPROVAL-TOP",
            K,
            f"Die breiteste Zustimmung erhielt {quoted(best['result'])} "
            f"({best['workshop']}, {percent(best['approval'])} dafür).",
            "werkstaetten",
            "",
            {"result": best["result"], "approval": best["approval"]},
        )
    ]
    low = ws[ws["approval"] < j.low_approval]
    if len(low):
        items = join_de(
            f"{quoted(r['result'])} ({percent(r['approval'])})" for _, r in low.iterrows()
        )
        text = f"Weniger als {percent(j.low_approval)} Zustimmung {verb(len(low), 'erhielt', 'erhielten')}: {items}."
        out.append(Statement("P2.APPROVAL-LOW", F, text, "werkstaetten", "", {"results": len(low)}))
    return out


def legal_framework(c: Consolidated, j: Judgement) -> list[Statement]:
    """P2.LEGAL: how many legal bases the framework names."""
    n = len(c.phase2.legal_framework)
    if not n:
        return []
    text = (
        f"Der rechtliche Rahmen umfasst {count(n, 'Rechtsgrundlage')}; sie bestimmen, welche "
        "Strukturoptionen (Phase 6) in Frage kommen."
    )
    return [Statement("P2.LEGAL", F, text, "rahmenbedingungen", "", {"laws": n})]


# ---- phase 3 -------------------------------------------------------------------------


def mission_statement(c: Consolidated, j: Judgement) -> list[Statement]:
    """P3.LEITBILD: how many guiding questions have a Leitsatz."""
    questions, missing = c.region.guiding_questions, c.phase3.questions_without_statement
    n, stmts = len(questions), len(c.phase3.mission_statement)
    if not n:
        return []
    if not missing:
        text = f"Alle {count(n, 'Leitfrage')} des Leitbilds sind mit {count(stmts, 'Leitsatz', dative=True)} beantwortet."
    else:
        text = (
            f"Für {count(len(missing), 'Leitfrage')} fehlt noch ein Leitsatz: "
            f"{join_de(quoted(q) for q in missing)}."
        )
    claims = tuple(
        (f"leitfrage:{q}", "offen" if q in missing else "beantwortet") for q in questions
    )
    return [
        Statement(
            "P3.LEITBILD", K, text, "leitbild", "", {"questions": n, "open": len(missing)}, claims
        )
    ]


def goals_overview(c: Consolidated, j: Judgement) -> list[Statement]:
    """P3.GOALS: goals, topics they cover and how many are backed by measures."""
    g = c.phase3.goals
    if g.empty:
        return []
    backed = int((g["measures"] > 0).sum())
    text = (
        f"Der Verbund hat {count(len(g), 'Verbundziel')} in {count(g['topic'].nunique(), 'Themenbereich', dative=True)} "
        f"beschlossen; {number(backed)} davon {verb(backed, 'ist', 'sind')} mit Maßnahmen hinterlegt."
    )
    return [Statement("P3.GOALS", K, text, "verbundziele", "", {"goals": len(g), "backed": backed})]


def goals_without_measures(c: Consolidated, j: Judgement) -> list[Statement]:
    """P3.REC-GOAL-GAP: a goal no measure serves should get one in the catalogue."""
    g = c.phase3.goals
    empty = g[g["measures"] == 0]
    if empty.empty:
        return []
    items = join_de(f"{r['goal_id']} {quoted(r['goal'])}" for _, r in empty.iterrows())
    text = (
        f"Für {verb(len(empty), 'das Verbundziel', 'die Verbundziele')} {items} sollte eine "
        "Maßnahme in den Katalog aufgenommen werden."
    )
    claims = tuple((f"goal-measures:{gid}", "keine") for gid in empty["goal_id"])
    return [
        Statement(
            "P3.REC-GOAL-GAP",
            E,
            text,
            "verbundziele",
            "",
            {"goals": tuple(empty["goal_id"])},
            claims,
        )
    ]


_COUNTS = re.compile(r"^\s*(anzahl\s+(der\s+)?)?kommunen\b", re.IGNORECASE)
_SHARE = re.compile(r"(%|prozent|anteil|quote)", re.IGNORECASE)


def unreachable(goal: pd.Series, municipalities: int) -> str | None:
    """Why a target cannot be reached, or None: a count of municipalities above the
    region's number, or a share above 100 %."""
    target, indicator = goal.get("target"), str(goal.get("indicator") or "")
    if target is None or target != target:
        return None
    figure = goal.get("figure")
    counts = (
        str(figure).startswith(indicators.MUNICIPALITIES_WITH)
        if indicators.computable(figure)
        else bool(_COUNTS.search(indicator))
    )
    if counts and target > municipalities:
        return f"der Zielwert {number(target)} übersteigt die Zahl der Kommunen ({number(municipalities)})"
    if _SHARE.search(indicator) and target > 100:
        return f"der Zielwert {number(target, 1)} liegt über 100 %"
    return None


def goals_unreachable(c: Consolidated, j: Judgement) -> list[Statement]:
    """P3.GOALS-UNREACHABLE: targets that cannot be reached as stated."""
    g, n = c.phase3.goals, len(c.region.codes)
    hits = [(r, why) for _, r in g.iterrows() if (why := unreachable(r, n))]
    return [
        Statement(
            "P3.GOALS-UNREACHABLE",
            F,
            f"Ziel {r['goal_id']} ({r['indicator']}) ist so nicht erreichbar: {why}.",
            "verbundziele",
            "",
            {"goal_id": r["goal_id"], "target": r["target"]},
            ((f"goal-reachable:{r['goal_id']}", "nein"),),
        )
        for r, why in hits
    ]


def goals_current(c: Consolidated, j: Judgement) -> list[Statement]:
    """P3.GOALS-IST: for how many goals the Ist is computable from a Kennzahl, and which of
    them are reached (only where the Verbundziele sheet has the Kennzahl column)."""
    g = c.phase3.goals
    # Contract v2 always has the column; a sheet where no goal names a Kennzahl counts as without.
    if g.empty or "figure" not in g.columns or g["figure"].isna().all():
        return []
    rows = [(r, indicators.current_value(r.get("figure"), c)) for _, r in g.iterrows()]
    known = [(r, v) for r, v in rows if v is not None]
    text = (
        f"Für {number(len(known))} von {count(len(g), 'Verbundziel', dative=True)} lässt sich der "
        "aktuelle Wert aus den Daten berechnen"
    )
    done = [
        r
        for r, v in known
        if not is_missing(r.get("target"))
        and indicators.reached(v, float(r["target"]), r.get("baseline"), r.get("direction"))
    ]
    if done:
        text += f"; erreicht {verb(len(done), 'ist', 'sind')} bereits {join_de(str(r['goal_id']) for r in done)}"
    figs = {"computable": len(known), "goals": len(g), "reached": tuple(r["goal_id"] for r in done)}
    return [Statement("P3.GOALS-IST", F, text + ".", "verbundziele", "", figs)]


def goals_incomplete(c: Consolidated, j: Judgement) -> list[Statement]:
    """P3.GOALS-INCOMPLETE: goals without indicator, target value or target year."""
    g = c.phase3.goals
    if g.empty:
        return []
    bad = g[g["indicator"].isna() | g["target"].isna() | g["target_year"].isna()]
    if bad.empty:
        return []
    text = (
        f"{verb(len(bad), 'Dem Verbundziel', 'Den Verbundzielen')} {join_de(bad['goal_id'].astype(str))} "
        f"{verb(len(bad), 'fehlt', 'fehlen')} Indikator, Zielwert oder Zieljahr; sie sind so nicht messbar."
    )
    return [
        Statement(
            "P3.GOALS-INCOMPLETE", F, text, "verbundziele", "", {"goals": tuple(bad["goal_id"])}
        )
    ]


def communication(c: Consolidated, j: Judgement) -> list[Statement]:
    """P3.COMMUNICATION: elements of the communication concept by type.
    P3.COMMUNICATION-GAPS: the elements without a responsible person or date."""
    comm = c.phase3.communication
    if comm.empty:
        return []
    types = comm["type"].fillna("ohne Art").value_counts()
    parts = [
        f"{number(n)} {COMM_TYPES.get(t, (t, plural(2, t)))[0 if n == 1 else 1]}"
        for t, n in types.items()
    ]
    text = f"Das Kommunikationskonzept umfasst {count(len(comm), 'Element')}: {join_de(parts)}."
    out = [
        Statement(
            "P3.COMMUNICATION",
            K,
            text,
            "kommunikation",
            "",
            {"elements": len(comm)},
        )
    ]
    gaps = comm[comm["responsible"].isna() | comm["date"].isna()]
    if len(gaps):
        out.append(
            Statement(
                "P3.COMMUNICATION-GAPS",
                F,
                f"Ohne Verantwortliche oder Termin {verb(len(gaps), 'ist', 'sind')} "
                f"{join_de(quoted(e) for e in gaps['element'])}.",
                "kommunikation",
                "",
                {"elements": len(gaps)},
            )
        )
    return out
