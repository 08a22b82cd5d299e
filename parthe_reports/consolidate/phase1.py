"""Phase 1 — Analyse und Bewertung: administration, infrastructure, documents, priorities.

SWOT merging lives in ``swot``, the cooperation clusters in ``clusters``; ``phase1`` puts
them together. All figures are group-bys over the concatenated tables (O(rows)).
"""

from __future__ import annotations

import pandas as pd

from parthe_reports.consolidate import clusters, swot
from parthe_reports.consolidate.frames import (
    SOURCE_WORKBOOKS,
    codes_tuple,
    group_sum,
    num,
    ordered,
    rate,
    sources_by,
    sources_of,
    stable,
)
from parthe_reports.consolidate.models import Phase1Model
from parthe_reports.dataset import Dataset
from parthe_reports.schema import VOCABULARIES

CONDITIONS = VOCABULARIES["condition"].values  # gut … kritisch, best to worst
COND_COLS = ("cond_good", "cond_satisfactory", "cond_poor", "cond_critical")
POOR_CONDITIONS = ("mangelhaft", "kritisch")
NO_TOPIC = "ohne Themenbereich"
NO_STATUS = "ohne Angabe"
ADMIN_COLS = [
    "tasks",
    "posts_fte",
    "vacant_fte",
    "vacancy_rate",
    "digitalisation_mean",
    "digitalisation_std",
    "digitalisation_min",
    "digitalisation_max",
]


def participants(dataset: Dataset) -> tuple[str, ...]:
    """Codes of the region's municipalities that delivered a workbook (the denominator n)."""
    missing = set(dataset.missing_municipalities)
    return tuple(c for c in dataset.region.codes if c not in missing)


def admin_aggregate(admin: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Posts, vacancies, vacancy rate and digitalisation (mean, population std, min, max)."""
    df = admin.assign(
        posts_fte=num(admin["posts_fte"]),
        vacant_fte=num(admin["vacant_fte"]),
        digitalisation=num(admin["digitalisation"]),
    )
    if not by:
        df = df.assign(_all="")
        by = ["_all"]
    out = group_sum(df, by, {"posts_fte": "posts_fte", "vacant_fte": "vacant_fte"}, "tasks")
    g = df.groupby(by, sort=True, dropna=False)["digitalisation"]
    stats = pd.DataFrame(
        {
            "digitalisation_mean": g.mean(),
            "digitalisation_std": g.std(ddof=0),
            "digitalisation_min": g.min(),
            "digitalisation_max": g.max(),
        }
    ).reset_index(drop=True)
    out = pd.concat([out, stats], axis=1)
    out["vacancy_rate"] = rate(out["vacant_fte"], out["posts_fte"])
    if "_all" in out.columns:
        out = out.drop(columns="_all")
    return out[[*[b for b in by if b != "_all"], *ADMIN_COLS, SOURCE_WORKBOOKS]]


def infra_aggregate(infra: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Objects, investment need and objects per condition; the worst condition present."""
    flags = {
        col: (infra["condition"] == cond).astype(int)
        for col, cond in zip(COND_COLS, CONDITIONS, strict=True)
    }
    df = infra.assign(investment_need=num(infra["investment_need"]), **flags)
    df["cond_unknown"] = infra["condition"].isna().astype(int)
    if not by:
        df = df.assign(_all="")
    keys = by or ["_all"]
    sums = {"investment_need": "investment_need", **{c: c for c in (*COND_COLS, "cond_unknown")}}
    out = group_sum(df, keys, sums, "objects")
    worst = df.groupby(keys, sort=True, dropna=False)["condition_rank"].max().reset_index(drop=True)
    out["worst_condition"] = pd.Series(
        [CONDITIONS[int(r) - 1] if r == r else None for r in worst], index=out.index, dtype=object
    )
    for c in (*COND_COLS, "cond_unknown"):
        out[c] = out[c].astype(int)
    return out.drop(columns=["_all"], errors="ignore")


def _totals(frame: pd.DataFrame, cols: list[str]) -> dict[str, float]:
    if frame.empty:
        return {c: 0.0 for c in cols}
    return {c: float(frame[c].iloc[0]) for c in cols}


def build(dataset: Dataset) -> Phase1Model:
    """Phase 1 model for the whole region."""
    region, stichtag = dataset.region, dataset.stichtag
    admin = stable(dataset.table("administration"))
    by_tm = admin_aggregate(admin, ["topic", "municipality"])
    by_t = admin_aggregate(admin, ["topic"])
    by_t["municipalities"] = by_t["topic"].map(
        admin.groupby("topic")["municipality"].agg(codes_tuple)
    )
    by_m = admin_aggregate(admin, ["municipality"])
    admin_totals = _totals(admin_aggregate(admin, []), ADMIN_COLS)
    by_tm, by_t = (
        f.sort_values("topic", key=lambda s: ordered(s, region.topics), kind="stable")
        for f in (by_tm, by_t)
    )
    high = admin[admin["cooperation_potential"] == "hoch"].reset_index(drop=True)

    infra = stable(dataset.table("infrastructure"))
    infra = infra.assign(
        condition_rank=infra["condition"].map({c: i + 1 for i, c in enumerate(CONDITIONS)})
    )
    infra_totals_df = infra_aggregate(infra, [])
    infra_totals = _totals(
        infra_totals_df, ["objects", "investment_need", *COND_COLS, "cond_unknown"]
    )
    worst = infra[infra["condition"].isin(POOR_CONDITIONS)].assign(
        _need=num(infra["investment_need"]).fillna(0.0)
    )
    worst = worst.sort_values(
        ["condition_rank", "_need", "source_workbook", "source_row"],
        ascending=[False, False, True, True],
        kind="stable",
    ).drop(columns="_need")

    docs = stable(dataset.table("documents"))
    docs = docs.assign(age_years=stichtag.year - num(docs["year"]))
    docs_keyed = docs.assign(
        topic=docs["topic"].fillna(NO_TOPIC), status=docs["status"].fillna(NO_STATUS)
    )
    docs_by = group_sum(docs_keyed, ["topic", "status"], {}, "documents")
    docs_by = docs_by.sort_values(
        "topic", key=lambda s: ordered(s, region.topics), kind="stable"
    ).reset_index(drop=True)

    prios = stable(dataset.table("priorities"))
    matrix, ranking = priority_tables(prios, region.topics)

    swot_rows, statements = swot.merge_statements(stable(dataset.table("swot")), region.topics)
    n_codes = participants(dataset)
    topic_clusters, heat = clusters.topic_clusters(swot_rows, prios, admin, region.topics, n_codes)
    tasks = clusters.task_clusters(admin, n_codes)
    return Phase1Model(
        administration=admin,
        admin_by_topic_municipality=by_tm.reset_index(drop=True),
        admin_by_topic=by_t.reset_index(drop=True),
        admin_by_municipality=by_m,
        admin_totals=admin_totals,
        high_potential_tasks=high,
        infrastructure=infra,
        infra_by_type_municipality=infra_aggregate(infra, ["type", "municipality"]),
        infra_by_type=infra_aggregate(infra, ["type"]),
        infra_by_municipality=infra_aggregate(infra, ["municipality"]),
        worst_objects=worst.reset_index(drop=True),
        infra_totals=infra_totals,
        documents=docs,
        documents_by_topic_status=docs_by,
        priorities=prios,
        priority_matrix=matrix,
        priority_ranking=ranking,
        swot=swot_rows,
        swot_statements=statements,
        swot_merge_rule=swot.MERGE_RULE,
        clusters=topic_clusters,
        cluster_matrix=heat,
        cluster_tasks=tasks,
        cooperation_formula=clusters.FORMULA,
        task_formula=clusters.TASK_FORMULA,
        sources=sources_of(admin, infra, docs, prios, swot_rows),
        master_data=stable(dataset.table("master_data")),
    )


TOP_PRIORITY = clusters.TOP_PRIORITY


def priority_tables(
    prios: pd.DataFrame, topics: tuple[str, ...]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Matrix municipality × topic (best priority given) and the region's ranking of topics.

    Ranking: mean priority ascending (1 = most important), ties by how many municipalities
    rank the topic 1–3, then by the topic's position; topics nobody ranked come last."""
    p = prios.assign(priority=num(prios["priority"]))
    matrix = p.pivot_table(index="municipality", columns="topic", values="priority", aggfunc="min")
    matrix = matrix.reindex(columns=list(topics)).reset_index()
    matrix.columns.name = None
    matrix["source_workbooks"] = sources_by(p, "municipality", matrix["municipality"])
    g = p.groupby("topic")
    rank = pd.DataFrame({"topic": list(topics)})
    rank["priority_mean"] = rank["topic"].map(g["priority"].mean())
    rank["priority_min"] = rank["topic"].map(g["priority"].min())
    rank["priority_max"] = rank["topic"].map(g["priority"].max())
    top = p[p["priority"] <= TOP_PRIORITY].groupby("topic").size()
    rank["top_count"] = rank["topic"].map(top).fillna(0).astype(int)
    rank["municipalities"] = rank["topic"].map(g["municipality"].agg(codes_tuple))
    rank["source_workbooks"] = rank["topic"].map(g["source_workbook"].agg(codes_tuple))
    for c in ("municipalities", "source_workbooks"):
        rank[c] = rank[c].map(lambda v: v if isinstance(v, tuple) else ())
    rank["_pos"] = range(len(rank))
    rank = rank.sort_values(
        ["priority_mean", "top_count", "_pos"], ascending=[True, False, True], na_position="last"
    ).drop(columns="_pos")
    rank.insert(0, "rank", range(1, len(rank) + 1))
    return matrix, rank.reset_index(drop=True)
