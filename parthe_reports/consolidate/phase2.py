"""Phase 2 — Strategischer Rahmen: sub-strategies, the three workshops, legal framework.

Approval of a workshop result = Stimmen dafür / (dafür + dagegen + Enthaltungen), in %;
NaN when no votes were recorded. Workshops are ordered by the stage of the process
(Kooperations-, Zukunfts-, Strategiewerkstatt: the vocabulary's order), then by date.
"""

from __future__ import annotations

import pandas as pd

from parthe_reports.consolidate.frames import (
    codes_tuple,
    num,
    ordered,
    rate,
    sources_by,
    sources_of,
    stable,
)
from parthe_reports.consolidate.models import Phase2Model
from parthe_reports.dataset import Dataset
from parthe_reports.schema import VOCABULARIES

STAGES = VOCABULARIES["workshop"].values
VOTES = ("votes_for", "votes_against", "abstentions")


def workshop_tables(rows: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Workshop rows in process order with approval, and one summary row per stage held."""
    ws = rows.assign(**{v: num(rows[v]) for v in VOTES}, participants=num(rows["participants"]))
    ws["stage"] = ordered(ws["workshop"], STAGES) + 1
    ws["votes_total"] = ws[list(VOTES)].sum(axis=1, min_count=1)
    ws["approval"] = rate(ws["votes_for"].fillna(0.0), ws["votes_total"])
    ws["_date"] = pd.to_datetime(ws["date"], errors="coerce")
    ws = ws.sort_values(["stage", "_date", "source_workbook", "source_row"], kind="stable")
    g = ws.groupby("stage", sort=True)
    summary = pd.DataFrame(
        {
            "workshop": g["workshop"].first(),
            "date_first": g["date"].min(),
            "date_last": g["date"].max(),
            "participants": g["participants"].max(),
            "results": g.size().astype(int),
            **{v: g[v].sum(min_count=1) for v in VOTES},
        }
    ).reset_index()
    summary["source_workbooks"] = sources_by(ws, "stage", summary["stage"])
    summary["approval"] = rate(
        summary["votes_for"].fillna(0.0), summary[list(VOTES)].sum(axis=1, min_count=1)
    )
    return ws.drop(columns="_date").reset_index(drop=True), summary


def build(dataset: Dataset) -> Phase2Model:
    """Phase 2 model for the region."""
    topics = dataset.region.topics
    subs = stable(dataset.table("sub_strategies"))
    subs = subs.assign(
        municipalities=subs["municipalities"].map(
            lambda v: tuple(v) if isinstance(v, tuple | list) else ()
        )
    )
    subs = subs.sort_values("topic", key=lambda s: ordered(s, topics), kind="stable").reset_index(
        drop=True
    )
    g = subs.groupby("topic")
    by_topic = pd.DataFrame({"topic": list(topics)})
    by_topic["sub_strategies"] = by_topic["topic"].map(g.size()).fillna(0).astype(int)
    by_topic["municipalities"] = (
        by_topic["topic"]
        .map(g["municipalities"].agg(lambda s: codes_tuple(c for t in s for c in t)))
        .map(lambda v: v if isinstance(v, tuple) else ())
    )
    by_topic["source_workbooks"] = sources_by(subs, "topic", by_topic["topic"])
    missing = tuple(by_topic.loc[by_topic["sub_strategies"] == 0, "topic"])
    per_muni = subs.explode("municipalities").rename(
        columns={"municipalities": "municipality_code"}
    )
    per_muni = per_muni[per_muni["municipality_code"].notna()]
    per_muni = per_muni.sort_values(
        ["municipality_code", "topic"],
        key=lambda s: ordered(s, topics) if s.name == "topic" else ordered(s, dataset.region.codes),
        kind="stable",
    ).reset_index(drop=True)
    workshops, summary = workshop_tables(stable(dataset.table("workshops")))
    legal = stable(dataset.table("legal_framework"))
    return Phase2Model(
        sub_strategies=subs,
        sub_strategies_by_topic=by_topic,
        sub_strategies_by_municipality=per_muni,
        topics_without_sub_strategy=missing,
        workshops=workshops,
        workshop_summary=summary,
        legal_framework=legal,
        sources=sources_of(subs, workshops, legal),
    )
