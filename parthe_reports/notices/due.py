"""Which notices are due on a given day (pure: the clock is a parameter).

Per Erhebungsrunde (``Region.periods``) and municipality that has not submitted for it:

* **Erinnerung** from ``deadline − N`` days to the deadline itself, for each N of
  ``[benachrichtigung] erinnerung_tage``. On a given day only the latest reminder reached is
  due (event ``erinnerung:<Runde>:<N>:<Kürzel>``): a run missed on day −7 still reminds
  on day −5, and never sends the missed one and the next one together.
* **Fristablauf** on the day after the deadline, to the municipality with the project
  office in copy (event ``fristablauf:<Runde>:<Kürzel>``). A missed day is caught up for
  ``CATCH_UP_DAYS`` days, no longer: a log started months later sends no old notices.
* **Förderfristen** to the project office once per ISO week, from the configured weekday
  on (event ``foerderfristen:<Jahr>-W<Woche>``).

Submitted means: a current submission made after the round opened. A round opens the day
after the previous round's Stichtag (the first round: always open), so a workbook handed in
late for the previous round does not count for this one.

A notice without its recipient's address is not sent; a ``Hint`` (a Finding of severity
Hinweis) names the missing address instead. Its event is ``hinweis:`` + the notice's event,
so the notice still goes out once the address is added.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from parthe_reports.errors import Finding, Severity
from parthe_reports.notices import texts
from parthe_reports.notices.model import FundingDeadline, Hint, Kind, Notice, Plan
from parthe_reports.notices.settings import NoticeSettings
from parthe_reports.region import Municipality, Region, ReportingPeriod

CATCH_UP_DAYS = 7  # a Fristablauf missed (server down) is still sent within this many days
DEFAULT_TIMEZONE = "Europe/Berlin"

Submissions = Mapping[str, datetime | None]  # Kürzel → time of the current submission


def opened_after(region: Region, period: ReportingPeriod) -> date | None:
    """The day after which submissions count for ``period``: the previous round's Stichtag."""
    earlier = [p.stichtag for p in region.periods if p.stichtag < period.stichtag]
    return max(earlier) if earlier else None


def local_day(when: datetime, tz: ZoneInfo) -> date:
    """The calendar day of a submission where the region is (naive times are local already)."""
    return when.date() if when.tzinfo is None else when.astimezone(tz).date()


def has_submitted(
    region: Region, period: ReportingPeriod, when: datetime | None, tz: ZoneInfo
) -> bool:
    """A current submission exists and was made after ``period`` opened."""
    if when is None:
        return False
    start = opened_after(region, period)
    return start is None or local_day(when, tz) > start


def period_in_hand_in(region: Region, day: date) -> ReportingPeriod | None:
    """The round whose hand-in is running on ``day``: the first whose deadline (plus the
    catch-up days of its Fristablauf) is not yet past."""
    return next(
        (
            p
            for p in sorted(region.periods, key=lambda p: p.deadline)
            if day <= p.deadline + timedelta(days=CATCH_UP_DAYS)
        ),
        None,
    )


def due_notices(
    region: Region,
    day: date,
    submissions: Submissions,
    funding: Sequence[FundingDeadline] | None,
    settings: NoticeSettings,
) -> Plan:
    """Every notice and Hinweis due on ``day``; ``funding`` None: no digest (not known)."""
    tz = ZoneInfo(region.schedules.get("timezone", DEFAULT_TIMEZONE))
    notices: list[Notice] = []
    hints: list[Hint] = []
    for period in region.periods:
        stage = _stage(period, day, settings.reminder_days)
        if stage is None:
            continue
        for m in region.municipalities:
            if not has_submitted(region, period, submissions.get(m.code), tz):
                _add(_municipal(region, m, period, day, stage), notices, hints)
    event = digest_event(day, settings.digest_weekday)
    if event and funding is not None:
        _add(_digest(region, event, funding, day), notices, hints)
    current = period_in_hand_in(region, day)
    submitted = (
        {
            m.code: has_submitted(region, current, submissions.get(m.code), tz)
            for m in region.municipalities
        }
        if current
        else {}
    )
    return Plan(day, tuple(notices), tuple(hints), submitted)


def digest_event(day: date, weekday: int) -> str | None:
    """The week's digest event, once ``day`` has reached the configured weekday."""
    year, week, today = day.isocalendar()
    return f"foerderfristen:{year}-W{week:02d}" if today >= weekday else None


def _stage(period: ReportingPeriod, day: date, reminder_days: Iterable[int]) -> int | None:
    """Days before the deadline of the latest reminder reached, or -1 for the Fristablauf."""
    left = (period.deadline - day).days
    if left >= 0:
        reached = [n for n in reminder_days if n >= left]
        return min(reached) if reached else None
    return -1 if -left <= CATCH_UP_DAYS else None


def _add(
    item: Notice | Hint | tuple[Notice, Hint], notices: list[Notice], hints: list[Hint]
) -> None:
    for part in item if isinstance(item, tuple) else (item,):
        if isinstance(part, Notice):
            notices.append(part)
        else:
            hints.append(part)


def _hint(event: str, message: str, where: str, column: str) -> Hint:
    finding = Finding(
        "notice-without-address", Severity.NOTE, message, "region.toml", where, column=column
    )
    return Hint(f"hinweis:{event}", finding)


def _municipal(
    region: Region, m: Municipality, period: ReportingPeriod, day: date, stage: int
) -> Notice | Hint | tuple[Notice, Hint]:
    if stage >= 0:
        event, kind = f"erinnerung:{period.name}:{stage}:{m.code}", Kind.REMINDER
        subject, body = texts.reminder(region, m, period, day)
        cc: tuple[str, ...] = ()
    else:
        event, kind = f"fristablauf:{period.name}:{m.code}", Kind.OVERDUE
        subject, body = texts.overdue(region, m, period, bool(region.office_email))
        cc = (region.office_email,) if region.office_email else ()
    if not m.email:
        where = f"[[municipalities]] {m.code}"
        return _hint(event, texts.no_address(m, kind), where, "email")
    notice = Notice(event, kind, (m.email,), subject, body, cc, m.code, period.name)
    if kind is Kind.OVERDUE and not cc:
        return notice, _hint(event, texts.no_office_copy(m), "[kontakt]", "projektbuero")
    return notice


def _digest(
    region: Region, event: str, funding: Sequence[FundingDeadline], day: date
) -> Notice | Hint:
    if not region.office_email:
        return _hint(event, texts.no_office(Kind.DIGEST), "[kontakt]", "projektbuero")
    subject, body = texts.digest(region, funding, day)
    return Notice(event, Kind.DIGEST, (region.office_email,), subject, body)
