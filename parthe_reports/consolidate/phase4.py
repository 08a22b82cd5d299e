"""Phase 4 — Maßnahmenkatalog: measures of all workbooks, deduplicated and traced to goals.

Deduplication: one row per Maßnahmen-Nr.; the first occurrence in provenance order
(workbook name, row) is kept, ``source_workbooks`` lists every workbook that had it.
Validation already rejects conflicting duplicates, so what is merged here is identical;
applying it twice changes nothing (idempotent).

``responsible`` is the Federführung, else the municipality whose workbook holds the
measure; counts and costs per municipality are by ``responsible``, so they add up to the
region's totals.

Quick Win (the one rule; ``QuickWinRule.text`` is what the document prints, the values
come from ``region.judgement``): Konsens = ja (broad consensus), status Idee or geplant
(not started yet), Beginn at most ``quick_win_months`` months after the Stichtag (a start
already due counts), and Kosten gesamt at most ``quick_win_max_cost`` € (the limit itself
included). A measure without a Beginn or without costs is not a Quick Win: the rule
cannot tell.

Kommunale Einzelmaßnahme (``single_measure``): exactly one municipality involved (the
lead, no partner).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

import pandas as pd

from parthe_reports import german
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
from parthe_reports.region import Judgement
from parthe_reports.schema import VOCABULARIES

STATUSES = VOCABULARIES["measure_status"].values
NOT_STARTED = ("Idee", "geplant")
NO_STATUS = "ohne Angabe"
TIMELINE_COLS = [
    "measure_id", "title", "topic", "status", "responsible", "start_date", "end_date",
    "source_workbook", "source_sheet", "source_row", SOURCE_WORKBOOKS,
]  # fmt: skip


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (clamped to the month's last day: 31.01. + 1 → 28./29.02.)."""
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    if year > date.max.year:  # a configured „no limit“ (e.g. 10**9 months)
        return date.max
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class QuickWinRule:
    """The configured Quick-Win criteria."""

    months: int = 12
    max_cost: float = 50_000.0

    @classmethod
    def of(cls, judgement: Judgement) -> QuickWinRule:
        return cls(judgement.quick_win_months, judgement.quick_win_max_cost)

    @property
    def text(self) -> str:
        """The rule in German, as the Maßnahmenkatalog states it."""
        return (
            "Als Quick Win gilt eine Maßnahme mit breitem Konsens (Konsens = ja), die noch "
            f"nicht begonnen hat (Status Idee oder geplant), spätestens "
            f"{german.number(self.months)} Monate nach dem Stichtag beginnt und höchstens "
            f"{german.money(self.max_cost, 0)} kostet."
        )

    def latest_start(self, stichtag: date) -> date:
        return add_months(stichtag, self.months)

    def holds(self, measure: pd.Series | dict, stichtag: date) -> bool:
        """True when one measure (a row of ``Phase4Model.measures``) is a Quick Win."""
        start, cost = measure.get("start_date"), measure.get("cost_total")
        if german.is_missing(start) or german.is_missing(cost):
            return False
        return (
            measure.get("consensus") == "ja"
            and measure.get("status") in NOT_STARTED
            and _as_date(start) <= self.latest_start(stichtag)
            and float(cost) <= self.max_cost  # type: ignore[arg-type]
        )


def _as_date(value: object) -> date:
    return value.date() if isinstance(value, pd.Timestamp) else value  # type: ignore[return-value]


def is_single_measure(measure: pd.Series | dict) -> bool:
    """Exactly one municipality involved: the lead, without partners."""
    involved = measure.get("involved")
    return isinstance(involved, tuple | list) and len(set(involved)) == 1


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


def enrich(
    measures: pd.DataFrame, goals: pd.DataFrame, stichtag: date, rule: QuickWinRule
) -> pd.DataFrame:
    """Goal text and topic, responsible, involved municipalities, dates, the Quick-Win and
    the Einzelmaßnahme flag."""
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
    rows = m.to_dict("records")
    m["quick_win"] = pd.Series([rule.holds(r, stichtag) for r in rows], index=m.index, dtype=bool)
    m["single_measure"] = pd.Series([is_single_measure(r) for r in rows], index=m.index, dtype=bool)
    return m


def build(dataset: Dataset, topics: tuple[str, ...] | None = None) -> Phase4Model:
    """Phase 4 model for the region."""
    region = dataset.region
    topics = topics or region.topics
    raw = dataset.table("measures")
    goals = stable(dataset.table("goals"))
    rule = QuickWinRule.of(region.judgement)
    measures = enrich(deduplicate_measures(raw), goals, dataset.stichtag, rule)
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
