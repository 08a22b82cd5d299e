"""Phase 4: the Quick-Win rule and the kommunale Einzelmaßnahme, over the measures table.

The rule itself lives in consolidation (``consolidate.phase4.QuickWinRule``), which flags
``quick_win`` and ``single_measure`` on every measure, so the Maßnahmenkatalog's tables and
its sentences cannot disagree. This module selects by those rules for the narrative.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from parthe_reports.consolidate.phase4 import (
    NOT_STARTED,
    QuickWinRule,
    add_months,
    is_single_measure,
)

__all__ = [
    "NOT_STARTED",
    "QuickWinRule",
    "add_months",
    "is_single_measure",
    "quick_wins",
    "single_measures",
]


def quick_wins(measures: pd.DataFrame, stichtag: date, rule: QuickWinRule) -> pd.DataFrame:
    """The measures that are Quick Wins under ``rule``, in catalogue order."""
    if measures.empty:
        return measures.iloc[0:0]
    mask = [rule.holds(row, stichtag) for row in measures.to_dict("records")]
    return measures[mask].reset_index(drop=True)


def single_measures(measures: pd.DataFrame) -> pd.DataFrame:
    """The kommunale Einzelmaßnahmen, in catalogue order."""
    if measures.empty:
        return measures.iloc[0:0]
    mask = [is_single_measure(row) for row in measures.to_dict("records")]
    return measures[mask].reset_index(drop=True)
