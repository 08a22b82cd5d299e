"""Phase 4: the Quick-Win rule and the kommunale Einzelmaßnahme, over the measures table.

Quick Win (``QuickWinRule.text`` is what the document prints): Konsens = ja (broad
consensus), status Idee or geplant (not started yet), Beginn at most
``quick_win_months`` months after the Stichtag (a start already due counts), and Kosten
gesamt at most ``quick_win_max_cost`` € (the limit itself included). A measure without a
Beginn or without costs is not a Quick Win: the rule cannot tell.

Kommunale Einzelmaßnahme: exactly one municipality involved (lead, no partner).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

import pandas as pd

from parthe_reports.narrative.grammar import is_missing, money, number
from parthe_reports.region import Judgement

NOT_STARTED = ("Idee", "geplant")


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
            f"nicht begonnen hat (Status Idee oder geplant), spätestens {number(self.months)} "
            f"Monate nach dem Stichtag beginnt und höchstens {money(self.max_cost, 0)} kostet."
        )

    def latest_start(self, stichtag: date) -> date:
        return add_months(stichtag, self.months)

    def holds(self, measure: pd.Series | dict, stichtag: date) -> bool:
        """True when one measure (a row of ``Phase4Model.measures``) is a Quick Win."""
        start, cost = measure.get("start_date"), measure.get("cost_total")
        if is_missing(start) or is_missing(cost):
            return False
        return (
            measure.get("consensus") == "ja"
            and measure.get("status") in NOT_STARTED
            and _as_date(start) <= self.latest_start(stichtag)
            and float(cost) <= self.max_cost  # type: ignore[arg-type]
        )


def _as_date(value: object) -> date:
    return value.date() if isinstance(value, pd.Timestamp) else value  # type: ignore[return-value]


def quick_wins(measures: pd.DataFrame, stichtag: date, rule: QuickWinRule) -> pd.DataFrame:
    """The measures that are Quick Wins under ``rule``, in catalogue order."""
    if measures.empty:
        return measures.iloc[0:0]
    mask = [rule.holds(row, stichtag) for _, row in measures.iterrows()]
    return measures[mask].reset_index(drop=True)


def is_single_measure(measure: pd.Series | dict) -> bool:
    """Exactly one municipality involved: the lead, without partners."""
    involved = measure.get("involved")
    return isinstance(involved, tuple | list) and len(set(involved)) == 1


def single_measures(measures: pd.DataFrame) -> pd.DataFrame:
    """The kommunale Einzelmaßnahmen, in catalogue order."""
    if measures.empty:
        return measures.iloc[0:0]
    return measures[[is_single_measure(r) for _, r in measures.iterrows()]].reset_index(drop=True)
