"""Phase 4 — Maßnahmenkatalog: measures of all workbooks, deduplicated and traced to goals.

Deduplication: one row per Maßnahmen-Nr.; the first occurrence in provenance order
(workbook name, row) is kept, ``source_workbooks`` lists every workbook that had it.
Validation already rejects conflicting duplicates, so what is merged here is identical;
applying it twice changes nothing (idempotent).

``responsible`` is the Federführung, else the municipality whose workbook holds the
measure; counts and costs per municipality are by ``responsible``, so they add up to the
region's totals. Quick win: Konsens = ja and status Idee or geplant.
"""

from __future__ import annotations

import pandas as pd

from parthe_reports.consolidate.frames import (
    SOURCE_WORKBOOKS,
    codes_tuple,
    complete,
    group_sum,
    num,
    ordered,
    period_date,
    present,
    regionwide,
    sources_of,
    stable,
)
from parthe_reports.consolidate.models import Phase4Model
from parthe_reports.dataset import Dataset
from parthe_reports.schema import VOCABULARIES

STATUSES = VOCABULARIES["measure_status"].values
QUICK_WIN_STATUSES = ("Idee", "geplant")
NO_STATUS = "ohne Angabe"
TIMELINE_COLS = [
    "measure_id", "title", "topic", "status", "responsible", "start_date", "end_date",
    "source_workbook", "source_sheet", "source_row", SOURCE_WORKBOOKS,
]  # fmt: skip


def deduplicate_measures(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per measure_id (first in provenance order), with all contributing workbooks."""
    rows = stable(rows)
    if SOURCE_WORKBOOKS in rows.columns:
        books = rows[SOURCE_WORKBOOKS].map(lambda t: t if isinstance(t, tuple) else ())
    else:
        books = rows["source_workbook"].map(lambda b: (b,))
    all_books = (
        pd.DataFrame({"measure_id": rows["measure_id"], "_b": books})
        .explode("_b")
        .groupby("measure_id")["_b"]
        .agg(codes_tuple)
    )
    first = rows.drop_duplicates("measure_id", keep="first").copy()
    first[SOURCE_WORKBOOKS] = (
        first["measure_id"].map(all_books).map(lambda v: v if isinstance(v, tuple) else ())
    )
    return first.reset_index(drop=True)


def enrich(measures: pd.DataFrame, goals: pd.DataFrame) -> pd.DataFrame:
    """Goal text and topic, responsible, involved municipalities, dates and quick-win flag."""
    goal_text = goals.drop_duplicates("goal_id").set_index("goal_id")
    m = measures.copy()
    m["goal"] = m["goal_id"].map(goal_text["goal"])
    m["goal_topic"] = m["goal_id"].map(goal_text["topic"])
    m["goal_known"] = m["goal_id"].isin(goal_text.index) & present(m["goal_id"])
    m["responsible"] = m["lead"].where(present(m["lead"]), m["municipality"])
    m["involved"] = [
        codes_tuple([resp, *(partners if isinstance(partners, tuple | list) else ())])
        for resp, partners in zip(m["responsible"], m["partners"], strict=True)
    ]
    start = m["start"].map(lambda v: period_date(v, 0))
    end = m["end"].map(lambda v: period_date(v, 1))
    # A measure with only one bound runs over that one period.
    m["start_date"] = start.where(start.notna(), m["end"].map(lambda v: period_date(v, 0)))
    m["end_date"] = end.where(end.notna(), m["start"].map(lambda v: period_date(v, 1)))
    m["cost_total"] = num(m["cost_total"])
    m["quick_win"] = (m["consensus"] == "ja") & m["status"].isin(QUICK_WIN_STATUSES)
    return m


def build(dataset: Dataset, topics: tuple[str, ...] | None = None) -> Phase4Model:
    """Phase 4 model for the region."""
    region = dataset.region
    topics = topics or region.topics
    raw = dataset.table("measures")
    goals = stable(dataset.table("goals"))
    measures = enrich(deduplicate_measures(raw), goals)
    measures = measures.assign(_t=ordered(measures["topic"], topics)).sort_values(
        ["_t", "measure_id"], kind="stable"
    )
    measures = measures.drop(columns="_t").reset_index(drop=True)

    keyed = measures.assign(status=measures["status"].fillna(NO_STATUS))
    by_status = group_sum(keyed, ["status"], {"cost_total": "cost_total"}, "measures")
    extra = [s for s in by_status["status"] if s not in STATUSES]
    by_status = complete(by_status, "status", [*STATUSES, *extra], "measures")
    by_topic = complete(
        group_sum(measures, ["topic"], {"cost_total": "cost_total"}, "measures"),
        "topic",
        list(topics),
        "measures",
    )
    by_muni = group_sum(measures, ["responsible"], {"cost_total": "cost_total"}, "measures")
    by_muni = by_muni.rename(columns={"responsible": "municipality"})
    codes = list(region.codes) + sorted(set(by_muni["municipality"].dropna()) - set(region.codes))
    by_muni = complete(by_muni, "municipality", codes, "measures")
    involved = _involved_counts(measures, region.codes)
    by_muni.insert(3, "involved_in", by_muni["municipality"].map(involved).fillna(0).astype(int))

    used = set(measures.loc[measures["goal_known"], "goal_id"])
    goals_without = goals[~goals["goal_id"].isin(used)].reset_index(drop=True)
    without_goal = measures[~measures["goal_known"]].reset_index(drop=True)
    timeline = measures.loc[
        measures["start_date"].notna() | measures["end_date"].notna(), TIMELINE_COLS
    ]
    timeline = timeline.sort_values(["start_date", "measure_id"], kind="stable").reset_index(
        drop=True
    )
    quick = measures[measures["quick_win"]].reset_index(drop=True)
    totals = {
        "measures": float(len(measures)),
        "cost_total": float(measures["cost_total"].sum()),
        "quick_wins": float(len(quick)),
        "duplicates_merged": float(len(raw) - len(measures)),
    }
    return Phase4Model(
        measures=measures,
        quick_wins=quick,
        by_status=by_status,
        by_topic=by_topic,
        by_municipality=by_muni,
        goals_without_measures=goals_without,
        measures_without_goal=without_goal,
        timeline=timeline,
        totals=totals,
        sources=sources_of(raw, goals),
    )


def _involved_counts(measures: pd.DataFrame, codes: tuple[str, ...]) -> pd.Series:
    """Measures per involved code; „alle“ measures counted once for every code, not exploded."""
    wide = regionwide(measures, codes) if len(measures) else pd.Series(False, index=measures.index)
    named = measures.loc[~wide, "involved"].explode().value_counts()
    return named.add(pd.Series(int(wide.sum()), index=list(codes)), fill_value=0)
