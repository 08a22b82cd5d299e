"""Phase 6: weighted scoring of structure options, and the cost-sharing key by population.

Scoring (``SCORING_RULE``): each criterion has a weight (%), each option 1–5 points per
criterion; total = Σ (weight × points) ÷ Σ weights, so the total is on the 1–5 scale
(a criterion an option has no points for counts 0 and is listed as missing). The best
total is recommended; the criteria that decide it are those with the largest weighted
lead of the winner over the runner-up. Equal totals (to 2 decimals) are a tie: no
recommendation, and the sentence says so.

Cost key (``COST_KEY_FORMULA``): share of municipality i = Einwohner_i ÷ Σ Einwohner.

Criteria and points arrive as plain tuples (the Kriterien and Strukturbewertung sheets
of contract version 2 map onto ``Criterion`` and ``Score`` one to one).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from parthe_reports.narrative.grammar import is_missing, join_de, number, percent, quoted

SCORING_RULE = (
    "Gesamtwert einer Option = Summe aus Gewicht × Punkte (1–5) über alle Kriterien, geteilt "
    "durch die Summe der Gewichte; fehlende Punkte zählen 0. Gleiche Gesamtwerte (auf zwei "
    "Nachkommastellen) sind ein Gleichstand."
)
COST_KEY_FORMULA = "Anteil einer Kommune = Einwohner der Kommune ÷ Einwohner aller Kommunen"
DECIDING = 2  # how many deciding criteria the recommendation names


@dataclass(frozen=True)
class Criterion:
    name: str
    weight: float  # percent
    description: str = ""


@dataclass(frozen=True)
class Score:
    option: str
    criterion: str
    points: float  # 1–5


def criteria_from(rows: pd.DataFrame) -> list[Criterion]:
    """Criteria from a table with columns criterion, weight (, description): the Kriterien
    sheet of contract version 2. Rows without a name or weight are skipped."""
    out = []
    for _, r in rows.iterrows():
        if is_missing(r.get("criterion")) or is_missing(r.get("weight")):
            continue
        desc = r.get("description")
        out.append(
            Criterion(
                str(r["criterion"]), float(r["weight"]), "" if is_missing(desc) else str(desc)
            )
        )
    return out


def scores_from(rows: pd.DataFrame) -> list[Score]:
    """Points from a table with columns option, criterion, points: the Strukturbewertung
    sheet of contract version 2. Rows without points are skipped (they count 0)."""
    return [
        Score(str(r["option"]), str(r["criterion"]), float(r["points"]))
        for _, r in rows.iterrows()
        if not (
            is_missing(r.get("option"))
            or is_missing(r.get("criterion"))
            or is_missing(r.get("points"))
        )
    ]


@dataclass(frozen=True)
class OptionTotal:
    option: str
    total: float  # 0–5
    rank: int  # equal totals share a rank
    points: Mapping[str, float]
    missing: tuple[str, ...]  # criteria without points


@dataclass(frozen=True)
class StructureAssessment:
    totals: tuple[OptionTotal, ...]
    recommended: str | None  # None on a tie or without options
    tied: tuple[str, ...]  # the options sharing the best total (empty without a tie)
    deciding: tuple[str, ...]  # criteria that decide the recommendation
    text: str  # the recommendation (or the tie) in German


def _totals(criteria: list[Criterion], scores: Iterable[Score]) -> list[OptionTotal]:
    weight = sum(c.weight for c in criteria)
    by_option: dict[str, dict[str, float]] = {}
    for s in scores:
        by_option.setdefault(s.option, {})[s.criterion] = float(s.points)
    rows = []
    for option, points in by_option.items():
        total = (
            sum(c.weight * points.get(c.name, 0.0) for c in criteria) / weight if weight else 0.0
        )
        missing = tuple(c.name for c in criteria if c.name not in points)
        rows.append((round(total, 2), option, points, missing))
    rows.sort(key=lambda r: -r[0])  # stable: input order among equals
    out, rank = [], 0
    for i, (total, option, points, missing) in enumerate(rows):
        if i == 0 or total != rows[i - 1][0]:
            rank = i + 1
        out.append(OptionTotal(option, total, rank, points, missing))
    return out


def _deciding(criteria: list[Criterion], win: OptionTotal, runner: OptionTotal) -> list[Criterion]:
    lead = [
        (c.weight * (win.points.get(c.name, 0) - runner.points.get(c.name, 0)), c) for c in criteria
    ]
    return [c for d, c in sorted(lead, key=lambda x: -x[0]) if d > 0][:DECIDING]


def assess(criteria: Iterable[Criterion], scores: Iterable[Score]) -> StructureAssessment:
    """Totals per option, the recommendation with its deciding criteria, or the tie."""
    crit = list(criteria)
    totals = _totals(crit, scores)
    if not totals:
        return StructureAssessment((), None, (), (), "")
    best = [t for t in totals if t.rank == 1]
    if len(best) > 1:
        text = (
            f"{join_de(quoted(t.option) for t in best)} liegen mit je {number(best[0].total, 2)} "
            "von 5 Punkten gleichauf: Die Kriterien allein entscheiden nicht, die Lenkungsgruppe "
            "muss zwischen ihnen abwägen."
        )
        return StructureAssessment(tuple(totals), None, tuple(t.option for t in best), (), text)
    win = totals[0]
    text = f"Empfohlen wird {quoted(win.option)} mit {number(win.total, 2)} von 5 Punkten"
    deciding: list[Criterion] = []
    if len(totals) > 1:
        runner = totals[1]
        deciding = _deciding(crit, win, runner)
        text += f" vor {quoted(runner.option)} ({number(runner.total, 2)})"
        if deciding:
            named = join_de(f"{c.name} (Gewicht {percent(c.weight, 0)})" for c in deciding)
            text += f"; den Ausschlag {'gibt' if len(deciding) == 1 else 'geben'} {named}"
    return StructureAssessment(
        tuple(totals), win.option, (), tuple(c.name for c in deciding), text + "."
    )


@dataclass(frozen=True)
class CostShare:
    code: str
    population: float
    share: float  # percent
    amount: float | None  # € of the amount split (None when no amount given)


def cost_key(
    populations: Mapping[str, float | None], amount: float | None = None
) -> tuple[list[CostShare], tuple[str, ...]]:
    """Shares by population (``COST_KEY_FORMULA``) in the given order, and the codes left
    out because their population is unknown."""
    known = {c: float(p) for c, p in populations.items() if p is not None and p == p and p > 0}
    unknown = tuple(c for c in populations if c not in known)
    total = sum(known.values())
    shares = [
        CostShare(
            code=c,
            population=p,
            share=100.0 * p / total,
            amount=None if amount is None else amount * p / total,
        )
        for c, p in known.items()
    ]
    return shares, unknown
