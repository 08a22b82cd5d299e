"""Kommunalprofil: each municipality's phase-1 figures beside the region's median/min/max.

The region's statistics run over the municipalities that delivered a workbook; a missing
municipality gets a profile with ``has_data = False`` and NaN values, so the document can
say whose data is missing. Tables are split once with group-bys (O(rows), not O(n·rows)).
"""

from __future__ import annotations

import pandas as pd

from parthe_reports.consolidate.frames import num
from parthe_reports.consolidate.models import (
    MunicipalProfile,
    Phase1Model,
    Phase4Model,
    Phase5Model,
)
from parthe_reports.region import Region

# Figure keys of the comparison table; German labels: headers.FIGURE_LABELS.
FIGURES = (
    "tasks", "posts_fte", "vacant_fte", "vacancy_rate", "digitalisation_mean",
    "high_potential_tasks", "objects", "investment_need", "poor_objects", "documents",
    "strengths", "weaknesses", "opportunities", "threats",
)  # fmt: skip
SWOT_FIGURES = {
    "Stärke": "strengths",
    "Schwäche": "weaknesses",
    "Chance": "opportunities",
    "Risiko": "threats",
}


def figures(p1: Phase1Model, codes: tuple[str, ...]) -> pd.DataFrame:
    """Wide table: one row per municipality code, one column per figure."""
    wide = pd.DataFrame(index=list(codes))
    adm = p1.admin_by_municipality.set_index("municipality")
    for k in ("tasks", "posts_fte", "vacant_fte", "vacancy_rate", "digitalisation_mean"):
        wide[k] = adm[k].reindex(wide.index) if len(adm) else float("nan")
    wide["tasks"] = wide["tasks"].fillna(0)
    wide["high_potential_tasks"] = p1.high_potential_tasks.groupby("municipality").size()
    inf = p1.infra_by_municipality.set_index("municipality")
    for k in ("objects", "investment_need"):
        wide[k] = inf[k].reindex(wide.index) if len(inf) else 0.0
    wide["poor_objects"] = (
        (inf["cond_poor"] + inf["cond_critical"]).reindex(wide.index) if len(inf) else 0.0
    )
    wide["documents"] = p1.documents.groupby("municipality").size()
    swot = (
        p1.swot.groupby(["municipality", "category"]).size().unstack(fill_value=0)
        if len(p1.swot)
        else pd.DataFrame()
    )
    for cat, k in SWOT_FIGURES.items():
        wide[k] = swot[cat] if cat in swot.columns else 0
    counts = [k for k in FIGURES if k not in ("vacancy_rate", "digitalisation_mean")]
    wide[counts] = wide[counts].fillna(0).astype(float)
    return wide[list(FIGURES)]


def build_profiles(
    region: Region,
    missing: tuple[str, ...],
    p1: Phase1Model,
    p4: Phase4Model,
    p5: Phase5Model,
) -> dict[str, MunicipalProfile]:
    """One MunicipalProfile per region municipality (missing ones flagged)."""
    present = tuple(c for c in region.codes if c not in set(missing))
    wide = figures(p1, region.codes)
    stats = wide.loc[list(present)].agg(["median", "min", "max"]).T if present else None
    split = {
        "admin": _split(p1.admin_by_topic_municipality),
        "infra": _split(p1.infrastructure),
        "docs": _split(p1.documents),
        "swot": _split(p1.swot),
        "prios": _split(p1.priorities),
        "apps": _split(p5.applications),
    }
    involved = p4.measures.explode("involved")
    by_code = {c: g.index.unique() for c, g in involved.groupby("involved")}
    rank = p1.priority_ranking.set_index("topic")["rank"]
    heat = p1.cluster_matrix.set_index("topic")
    region_score = p1.clusters.set_index("topic")["score"]
    profiles: dict[str, MunicipalProfile] = {}
    for m in region.municipalities:
        code = m.code
        comp = pd.DataFrame({"figure": list(FIGURES), "value": wide.loc[code].to_numpy()})
        for s in ("median", "min", "max"):
            comp[f"region_{s}"] = stats[s].to_numpy() if stats is not None else float("nan")
        if code in missing:
            comp["value"] = float("nan")
        prios = split["prios"].get(code, p1.priorities.iloc[0:0])[["topic", "priority"]].copy()
        prios["priority"] = num(prios["priority"])
        prios["region_rank"] = prios["topic"].map(rank)
        scores = pd.DataFrame(
            {"topic": heat.index, "score": heat[code].to_numpy() if code in heat else float("nan")}
        )
        scores["region_score"] = scores["topic"].map(region_score)
        rows = p4.measures.loc[by_code.get(code, [])] if code in by_code else p4.measures.iloc[0:0]
        measures = p4.measures[(p4.measures["responsible"] == code)].index.union(rows.index)
        profiles[code] = MunicipalProfile(
            code=code,
            name=m.official_name,
            has_data=code not in missing,
            comparison=comp,
            administration=split["admin"].get(code, p1.admin_by_topic_municipality.iloc[0:0]),
            infrastructure=split["infra"].get(code, p1.infrastructure.iloc[0:0]),
            documents=split["docs"].get(code, p1.documents.iloc[0:0]),
            priorities=prios.reset_index(drop=True),
            swot=split["swot"].get(code, p1.swot.iloc[0:0]),
            cluster_scores=scores,
            measures=p4.measures.loc[measures].reset_index(drop=True),
            applications=split["apps"].get(code, p5.applications.iloc[0:0]),
        )
    return profiles


def _split(df: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Rows per municipality code, split in one pass."""
    return {str(k): g.reset_index(drop=True) for k, g in df.groupby("municipality", sort=False)}
