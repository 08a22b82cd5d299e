"""The region at a glance: each municipality's state and whether it is on time (pure)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from parthe_reports.german import date_de
from parthe_reports.portal.store import Submission
from parthe_reports.region import Region, ReportingPeriod

MISSING, ERRORS, WARNINGS, OK = "fehlt", "Fehler", "Warnungen", "ok"


@dataclass(frozen=True)
class Status:
    """One municipality's line: state (fehlt/Fehler/Warnungen/ok) and deadline."""

    state: str
    timing: str  # „fristgerecht“, „verspätet“, „überfällig“, „offen (Frist …)“, or ""
    late: bool
    submission: Submission | None
    period: ReportingPeriod | None


def municipality_status(sub: Submission | None, region: Region, today: date) -> Status:
    """State of the current submission against the deadline of the current period.

    A submission counts for the period it was made in (``Region.period_of``); one from an
    earlier period leaves the current one „fehlt“.
    """
    period = region.period_of(today)
    earlier = sub is not None and sub.submitted and region.period_of(sub.submitted.date())
    if period is not None and earlier and earlier != period:
        sub = None  # handed in for an earlier round
    if sub is None or sub.submitted is None:
        return Status(MISSING, *_missing_timing(period, today), sub, period)
    state = ERRORS if sub.errors else WARNINGS if sub.warnings else OK
    if period is None:
        return Status(state, "", False, sub, period)
    late = sub.submitted.date() > period.deadline
    return Status(state, "verspätet" if late else "fristgerecht", late, sub, period)


def _missing_timing(period: ReportingPeriod | None, today: date) -> tuple[str, bool]:
    if period is None:
        return "", False
    if today > period.deadline:
        return f"überfällig (Frist {date_de(period.deadline)})", True
    return f"offen (Frist {date_de(period.deadline)})", False


def region_status(
    current: dict[str, Submission], region: Region, today: date
) -> list[tuple[str, str, Status]]:
    """(Kürzel, official name, status) for every municipality in the region's order."""
    return [
        (m.code, m.official_name, municipality_status(current.get(m.code), region, today))
        for m in region.municipalities
    ]
