"""Phase 3 — Leitbild und Verbundziele: Leitsätze per guiding question, goals with the
measures that serve them (count, cost from the deduplicated catalogue), communication."""

from __future__ import annotations

import pandas as pd

from parthe_reports.consolidate.frames import (
    codes_tuple,
    num,
    ordered,
    period_date,
    sources_by,
    sources_of,
    stable,
)
from parthe_reports.consolidate.models import Phase3Model
from parthe_reports.dataset import Dataset


def build(dataset: Dataset, measures: pd.DataFrame) -> Phase3Model:
    """Phase 3 model; ``measures`` is the deduplicated catalogue of phase 4."""
    questions = dataset.region.guiding_questions
    mission = stable(dataset.table("mission_statement"))
    mission = mission.assign(question_no=ordered(mission["question"], questions) + 1)
    mission = mission.sort_values("question_no", kind="stable").reset_index(drop=True)
    answered = set(mission["question"])
    open_questions = tuple(q for q in questions if q not in answered)

    goals = stable(dataset.table("goals"))
    serving = measures[measures["goal_known"]] if "goal_known" in measures.columns else measures
    g = serving.groupby("goal_id")
    goals = goals.assign(
        baseline=num(goals["baseline"]),
        target=num(goals["target"]),
        target_year=num(goals["target_year"]),
        measures=goals["goal_id"].map(g.size()).fillna(0).astype(int),
        measure_cost=goals["goal_id"].map(g["cost_total"].sum()).fillna(0.0).astype(float),
        measure_ids=goals["goal_id"].map(g["measure_id"].agg(codes_tuple)),
    )
    goals["measure_ids"] = goals["measure_ids"].map(lambda v: v if isinstance(v, tuple) else ())
    goals["measure_sources"] = sources_by(serving, "goal_id", goals["goal_id"])
    goals = goals.sort_values(
        ["topic", "goal_id"],
        key=lambda s: ordered(s, dataset.region.topics) if s.name == "topic" else s,
        kind="stable",
    ).reset_index(drop=True)

    comm = stable(dataset.table("communication"))
    comm = comm.assign(
        date_start=comm["date"].map(lambda v: period_date(v, 0)),
        date_end=comm["date"].map(lambda v: period_date(v, 1)),
    )
    return Phase3Model(
        mission_statement=mission,
        questions_without_statement=open_questions,
        goals=goals,
        communication=comm,
        sources=sources_of(mission, goals, comm),
    )
