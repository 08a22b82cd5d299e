"""Period with period: the latest run against the last run of the Erhebungsrunde before it.

A run records its period in ``run.json`` (``region.period_name``: the ``[[perioden]]`` entry
of its Stichtag, else the half-year). Run with run compares with the previous report's run
(``report.default_baseline``); period with period compares with the last completed run of
the previous period, whatever ran in between (corrections, repeated runs of one round).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from parthe_reports.history import read_meta
from parthe_reports.progress.model import ProgressDiff
from parthe_reports.region import half_year


@dataclass(frozen=True)
class PeriodComparison:
    """This run's period against the previous one (its last run) and what changed."""

    period: str
    previous: str
    run: str  # the previous period's last run
    diff: ProgressDiff


def run_period(run_dir: Path) -> tuple[str, date] | None:
    """(period, Stichtag) of a run folder; None when it has no readable run.json."""
    meta = read_meta(run_dir)
    try:
        day = date.fromisoformat(str(meta["stichtag"]))
    except (KeyError, ValueError):
        return None
    return str(meta.get("period") or half_year(day)), day


def previous_period_run(runs: list[Path], latest: Path) -> Path | None:
    """The last completed run of the period before ``latest``'s (runs oldest first)."""
    own = run_period(latest)
    if own is None:
        return None
    candidates = []
    for r in runs[: runs.index(latest)] if latest in runs else runs:
        p = run_period(r)
        if p is not None and p[0] != own[0] and p[1] < own[1]:
            candidates.append((p[1], r.name, r))
    return max(candidates)[2] if candidates else None
