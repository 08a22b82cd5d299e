"""Kommunalprofil: each municipality's phase-1 figures beside the region's median/min/max.

The region's statistics run over the municipalities that delivered a workbook; a missing
municipality gets a profile with ``has_data = False`` and NaN values, so the document can
say whose data is missing. Tables are split once with group-bys (O(rows), not O(n·rows)).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from parthe_reports.consolidate.frames import num, regionwide
from parthe_reports.consolidate.models import (
    MunicipalProfile,
    Phase1Model,
    Phase4Model,
    Phase5Model,
)
from parthe_reports.region import Region

# Figure keys of the comparison table; German labels: headers.FIGURE_LABELS.
FIGURES = (
    "population", "tasks", "posts_fte", "posts_per_1000", "vacant_fte", "vacancy_rate", "digitalisation_mean",
    "high_potential_tasks", "objects", "investment_need", "poor_objects", "documents",
    "strengths", "weaknesses", "opportunities", "threats",
)  # fmt: skip
# More region-wide („alle“) measures than this: a profile counts them instead of listing them.
REGIONWIDE_LISTED = 30
RATIOS = ("population", "posts_per_1000", "vacancy_rate", "digitalisation_mean")  # NaN stays NaN
SWOT_FIGURES = {
    "Stärke": "strengths",
    "Schwäche": "weaknesses",
    "Chance": "opportunities",
    "Risiko": "threats",
}


def figures(p1: Phase1Model, region: Region) -> pd.DataFrame:
    """Wide table: one row per municipality code, one column per figure.

    Einwohner: Stammdaten of the workbook, else the region config; Stellen je 1.000
    Einwohner = posts_fte / population · 1000."""
    codes = region.codes
    wide = pd.DataFrame(index=list(codes))
    configured = pd.Series({m.code: m.population for m in region.municipalities}, dtype=float)
    master = p1.master_data
    own = (
        master.assign(population=num(master["population"]))
        .groupby("municipality")["population"]
        .first()
        if len(master) and "population" in master.columns
        else pd.Series(dtype=float)
    )
    wide["population"] = own.reindex(wide.index).fillna(configured.reindex(wide.index))
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
    own = own_statements(p1.swot)
    swot = (
        own.groupby(["municipality", "category"]).size().unstack(fill_value=0)
        if len(own)
        else pd.DataFrame()
    )
    for cat, k in SWOT_FIGURES.items():
        wide[k] = swot[cat] if cat in swot.columns else 0
    counts = [k for k in FIGURES if k not in RATIOS]
    wide[counts] = wide[counts].fillna(0).astype(float)
    wide["posts_per_1000"] = (
        1000 * wide["posts_fte"] / wide["population"].where(wide["population"] > 0)
    )
    return wide[list(FIGURES)]


def build_profiles(
    region: Region,
    missing: tuple[str, ...],
    p1: Phase1Model,
    p4: Phase4Model,
    p5: Phase5Model,
) -> dict[str, MunicipalProfile]:
    """One MunicipalProfile per region municipality (missing ones flagged)."""
    codes = region.codes
    gone = set(missing)
    present = [c for c in codes if c not in gone]
    wide = figures(p1, region)
    wide.loc[list(gone & set(codes))] = float("nan")
    stats = wide.loc[present].agg(["median", "min", "max"]).T if present else None
    comp = (
        wide.rename_axis("municipality")
        .reset_index()
        .melt(id_vars="municipality", var_name="figure", value_name="value")
    )
    for s in ("median", "min", "max"):
        comp[f"region_{s}"] = comp["figure"].map(stats[s]) if stats is not None else float("nan")

    prios = p1.priorities.assign(priority=num(p1.priorities["priority"]))
    prios["region_rank"] = prios["topic"].map(p1.priority_ranking.set_index("topic")["rank"])
    heat = p1.cluster_matrix.melt(
        id_vars="topic",
        value_vars=[c for c in codes if c in p1.cluster_matrix.columns],
        var_name="municipality",
        value_name="score",
    )
    heat["region_score"] = heat["topic"].map(p1.clusters.set_index("topic")["score"])
    wide = regionwide(p4.measures, codes)
    unlisted = int(wide.sum()) if wide.sum() > REGIONWIDE_LISTED else 0
    if unlisted:
        involved = _involvement(p4.measures, wide)
        led = p4.measures.loc[wide, "responsible"].value_counts()
    else:
        involved = p4.measures.assign(_code=p4.measures["involved"]).explode("_code")
        led = pd.Series(dtype=int)
    split = {
        "comparison": _split(comp),
        "administration": _split(p1.admin_by_topic_municipality),
        "infrastructure": _split(p1.infrastructure),
        "documents": _split(p1.documents),
        "swot": _split(own_statements(p1.swot)),
        "priorities": _split(prios[["topic", "priority", "region_rank", "municipality"]]),
        "cluster_scores": _split(heat),
        "measures": _split(involved, "_code"),
        "applications": _split(p5.applications),
    }
    region_scores = p1.clusters.set_index("topic")["score"].reindex(list(region.topics))
    empty = {
        "comparison": comp.iloc[0:0],
        "administration": p1.admin_by_topic_municipality.iloc[0:0],
        "infrastructure": p1.infrastructure.iloc[0:0],
        "documents": p1.documents.iloc[0:0],
        "swot": p1.swot.iloc[0:0],
        "priorities": prios[["topic", "priority", "region_rank"]].iloc[0:0],
        "cluster_scores": pd.DataFrame(
            {
                "topic": list(region.topics),
                "score": float("nan"),
                "region_score": region_scores.to_numpy(),
            }
        ),
        "measures": p4.measures.iloc[0:0],
        "applications": p5.applications.iloc[0:0],
    }

    def part(name: str, code: str) -> pd.DataFrame:
        return split[name].get(code, empty[name])

    return {
        m.code: MunicipalProfile(
            code=m.code,
            name=m.official_name,
            has_data=m.code not in gone,
            comparison=part("comparison", m.code),
            administration=part("administration", m.code),
            infrastructure=part("infrastructure", m.code),
            documents=part("documents", m.code),
            priorities=part("priorities", m.code),
            swot=part("swot", m.code),
            cluster_scores=part("cluster_scores", m.code),
            measures=part("measures", m.code),
            applications=part("applications", m.code),
            regionwide_unlisted=unlisted - int(led.get(m.code, 0)),
        )
        for m in region.municipalities
    }


def own_statements(swot: pd.DataFrame) -> pd.DataFrame:
    """A municipality's SWOT rows, merged like Phase 1: one row per merged statement.

    Two rows of one workbook that Phase 1 merges (same ``statement_key``) count once; the
    first in provenance order is kept."""
    if swot.empty or "statement_key" not in swot.columns:
        return swot
    return swot.drop_duplicates(["municipality", "statement_key"], keep="first")


def _involvement(measures: pd.DataFrame, wide: pd.Series) -> pd.DataFrame:
    """(measure, code) rows: named involvement, and a region-wide measure only for its lead.

    Exploding every „alle“ measure over every code is n² rows at scale (5 million at
    1,000 municipalities); each profile then counts them instead of listing them."""
    named = measures[~wide].assign(_code=measures.loc[~wide, "involved"]).explode("_code")
    led = measures[wide].assign(_code=measures.loc[wide, "responsible"])
    return pd.concat([named, led]).sort_index(kind="stable")


def _split(df: pd.DataFrame, key: str = "municipality") -> dict[str, pd.DataFrame]:
    """Rows per code in one pass: sort once, then slice (O(rows), not n × rows).

    The key column is dropped when it is a helper (``_code``) or a per-profile constant
    of a derived table (comparison, priorities, cluster scores)."""
    if df.empty:
        return {}
    keys_s = df[key].astype(str)
    order = np.argsort(keys_s.to_numpy(), kind="stable")
    keys = keys_s.to_numpy()[order]
    body = df.iloc[order].reset_index(drop=True)
    if key == "_code" or set(body.columns) & {"figure", "region_rank", "region_score"}:
        body = body.drop(columns=key)
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    ends = np.r_[starts[1:], len(keys)]
    return {str(keys[a]): body.iloc[a:b] for a, b in zip(starts, ends, strict=True)}
