"""Phase 1 „Priorisierung“: the municipalities' priorities and the cooperation potential,
combined into a ranked list of Top-Kooperationsfelder, and where the two rankings diverge.

Rule (``FORMULA``): for each topic, the priority value is 100 × (T − Ø Rang) ÷ (T − 1),
T = number of topics (Ø Rang 1 → 100, Ø Rang T → 0; a topic nobody ranked → 0); the
Priorisierungswert is the mean of the priority value and the cooperation-potential score
(0–100, phase 1 clusters). Ties: higher potential first, then the topics' order. Two rankings
*diverge* for a topic when its priority rank and its potential rank are at least
``Judgement.rank_divergence`` apart.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from parthe_reports.consolidate.models import Phase1Model
from parthe_reports.narrative.grammar import number, who
from parthe_reports.region import Region

FORMULA = (
    "Priorisierungswert = ½ × Prioritätswert + ½ × Kooperationspotenzial. Prioritätswert = "
    "100 × (T − Ø Rang) ÷ (T − 1) mit T = Zahl der Themenbereiche (Ø Rang 1 ergibt 100, der "
    "letzte Rang 0; ein Themenbereich ohne Rang 0). Bei Gleichstand entscheidet das höhere "
    "Kooperationspotenzial."
)


@dataclass(frozen=True)
class CooperationField:
    """One topic in the Priorisierung, with both ranks and the reason in German."""

    rank: int
    topic: str
    value: float  # Priorisierungswert 0–100
    priority_rank: int
    priority_mean: float  # Ø Rang given by the municipalities (NaN: nobody ranked it)
    priority_value: float  # 0–100
    potential_rank: int
    potential: float  # cooperation-potential score 0–100
    reason: str


@dataclass(frozen=True)
class Divergence:
    """A topic whose priority rank and potential rank lie far apart."""

    topic: str
    priority_rank: int
    potential_rank: int
    text: str


def priority_value(mean_rank: float, topics: int) -> float:
    """100 × (T − Ø Rang) ÷ (T − 1); 0 for a topic nobody ranked (NaN) or T < 2."""
    if mean_rank != mean_rank or topics < 2:
        return 0.0
    return max(0.0, min(100.0, 100.0 * (topics - mean_rank) / (topics - 1)))


def _reason(row: pd.Series, mean: float, prio_rank: int, region: Region) -> str:
    parts = [
        f"Priorität Rang {prio_rank} (Ø {number(mean, 1)})"
        if not math.isnan(mean)
        else "von keiner Kommune priorisiert",
        f"Kooperationspotenzial {number(row['score'])} von 100 (Rang {int(row['rank'])})",
    ]
    strong, weak = tuple(row["strength_municipalities"]), tuple(row["weakness_municipalities"])
    if row["complementarity"] > 0 and strong and weak:
        parts.append(
            f"Stärken in {who(region, strong)} treffen auf Schwächen in {who(region, weak)}"
        )
    elif row["shared_weakness"] > 0 and len(weak) >= 2:
        parts.append(f"gemeinsame Schwäche von {who(region, weak)}")
    return "; ".join(parts)


def prioritise(p1: Phase1Model, region: Region) -> list[CooperationField]:
    """Every topic ranked by Priorisierungswert (see ``FORMULA``), best first."""
    ranked = p1.priority_ranking["priority_mean"].notna().any()
    if p1.clusters.empty or not (ranked or (p1.clusters["score"] > 0).any()):
        return []
    t = len(region.topics)
    prio = p1.priority_ranking.set_index("topic")
    rows = []
    for _, c in p1.clusters.iterrows():
        topic = c["topic"]
        mean = float(prio.at[topic, "priority_mean"]) if topic in prio.index else math.nan
        p_rank = int(prio.at[topic, "rank"]) if mean == mean else t  # unranked: last
        pv = priority_value(mean, t)
        rows.append((topic, mean, p_rank, pv, c))
    pos = {topic: i for i, topic in enumerate(region.topics)}
    rows.sort(
        key=lambda r: (-(r[3] + float(r[4]["score"])) / 2, -float(r[4]["score"]), pos.get(r[0], t))
    )
    return [
        CooperationField(
            rank=i,
            topic=topic,
            value=(pv + float(c["score"])) / 2,
            priority_rank=p_rank,
            priority_mean=mean,
            priority_value=pv,
            potential_rank=int(c["rank"]),
            potential=float(c["score"]),
            reason=_reason(c, mean, p_rank, region),
        )
        for i, (topic, mean, p_rank, pv, c) in enumerate(rows, start=1)
    ]


def top_fields(fields: list[CooperationField], n: int) -> list[CooperationField]:
    """The first ``n`` fields (the Top-Kooperationsfelder)."""
    return fields[: max(n, 0)]


def divergences(fields: list[CooperationField], min_gap: int) -> list[Divergence]:
    """Topics whose priority rank and potential rank are at least ``min_gap`` apart."""
    out = []
    for f in sorted(fields, key=lambda f: (-abs(f.priority_rank - f.potential_rank), f.rank)):
        gap = f.priority_rank - f.potential_rank
        if abs(gap) < max(min_gap, 1):
            continue
        if gap > 0:
            text = (
                f"Im Themenbereich {f.topic} liegt das Kooperationspotenzial (Rang "
                f"{f.potential_rank}) deutlich vor der Priorität der Kommunen (Rang {f.priority_rank})."
            )
        else:
            text = (
                f"Im Themenbereich {f.topic} liegt die Priorität der Kommunen (Rang "
                f"{f.priority_rank}) deutlich vor dem Kooperationspotenzial (Rang {f.potential_rank})."
            )
        out.append(Divergence(f.topic, f.priority_rank, f.potential_rank, text))
    return out
