"""The notices' rules with a fixed clock: which reminders, deadline notices and digests are due."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from parthe_reports.errors import Severity
from parthe_reports.notices import (
    Kind,
    NoticeSettings,
    Plan,
    due_notices,
    has_submitted,
    opened_after,
)
from parthe_reports.notices.due import CATCH_UP_DAYS, period_in_hand_in
from tests.notices_helpers import DEADLINE, FUNDING, OFFICE, SETTINGS, SUBMITTED_BOR, region


def _tz() -> ZoneInfo:
    return ZoneInfo("Europe/Berlin")


def _events(plan: Plan) -> list[str]:
    return [n.event for n in plan.notices]


def test_reminder_goes_to_missing_municipalities_seven_days_before() -> None:
    """It reminds the municipalities without a submission seven days before the Abgabefrist."""
    plan = due_notices(region(), DEADLINE - timedelta(days=7), SUBMITTED_BOR, None, SETTINGS)
    assert _events(plan) == ["erinnerung:2026/II:7:BRA"]
    (notice,) = plan.notices
    assert notice.kind is Kind.REMINDER
    assert notice.to == ("bra@example.org",) and notice.cc == ()
    assert plan.submitted == {"BOR": True, "BRA": False, "NAU": False}


def test_no_reminder_before_the_reminder_day() -> None:
    """It sends nothing eight days before the Abgabefrist."""
    plan = due_notices(region(), DEADLINE - timedelta(days=8), SUBMITTED_BOR, None, SETTINGS)
    assert plan.notices == () and plan.hints == ()


def test_a_missed_reminder_day_is_caught_up_under_the_same_event() -> None:
    """It still reminds on day −5 when day −7 was missed, with the event of day −7."""
    plan = due_notices(region(), DEADLINE - timedelta(days=5), SUBMITTED_BOR, None, SETTINGS)
    assert _events(plan) == ["erinnerung:2026/II:7:BRA"]
    assert "die Frist endet in 5 Tagen" in plan.notices[0].body


def test_several_reminder_days_send_only_the_latest_reached() -> None:
    """It sends the 3-day reminder on day −3, not the 14-day one as well."""
    settings = NoticeSettings(reminder_days=(14, 3))
    assert _events(due_notices(region(), DEADLINE - timedelta(days=10), {}, None, settings))[
        0
    ].startswith("erinnerung:2026/II:14:")
    late = due_notices(region(), DEADLINE - timedelta(days=3), {}, None, settings)
    assert _events(late) == ["erinnerung:2026/II:3:BOR", "erinnerung:2026/II:3:BRA"]


def test_deadline_notice_the_day_after_with_office_in_copy() -> None:
    """It tells those still missing on the day after the Abgabefrist, the office in copy."""
    plan = due_notices(region(), DEADLINE + timedelta(days=1), SUBMITTED_BOR, None, SETTINGS)
    assert _events(plan) == ["fristablauf:2026/II:BRA"]
    notice = plan.notices[0]
    assert notice.kind is Kind.OVERDUE
    assert notice.to == ("bra@example.org",) and notice.cc == (OFFICE,)
    assert "am 15.12.2026 abgelaufen" in notice.body
    assert "in Kopie" in notice.body


def test_on_the_deadline_day_it_is_still_a_reminder() -> None:
    """It sends no deadline notice on the Abgabefrist itself, only the reminder („heute“)."""
    plan = due_notices(region(), DEADLINE, SUBMITTED_BOR, None, SETTINGS)
    assert _events(plan) == ["erinnerung:2026/II:7:BRA"]
    assert "die Frist endet heute" in plan.notices[0].body


def test_deadline_notice_is_not_caught_up_for_ever() -> None:
    """It stops offering the deadline notice after the catch-up days."""
    last = DEADLINE + timedelta(days=CATCH_UP_DAYS)
    assert _events(due_notices(region(), last, SUBMITTED_BOR, None, SETTINGS))
    later = due_notices(region(), last + timedelta(days=1), SUBMITTED_BOR, None, SETTINGS)
    assert later.notices == ()


def test_a_submission_for_the_previous_round_does_not_count() -> None:
    """It reminds a municipality whose workbook was handed in before the round opened."""
    r = region()
    period = r.periods[1]
    assert opened_after(r, period) == date(2026, 12, 31)
    tz_berlin = datetime(2026, 12, 31, 22, 30, tzinfo=UTC)  # 23:30 in Leipzig: still the 31st
    assert not has_submitted(r, period, tz_berlin, _tz())
    assert has_submitted(r, period, tz_berlin + timedelta(hours=1), _tz())
    day = date(2027, 6, 8)
    plan = due_notices(r, day, {"BOR": tz_berlin, "BRA": datetime(2027, 3, 1)}, None, SETTINGS)
    assert _events(plan) == ["erinnerung:2027/I:7:BOR"]


def test_first_round_counts_every_submission() -> None:
    """It counts any submission for the first round (there is no earlier Stichtag)."""
    r = region()
    assert opened_after(r, r.periods[0]) is None
    assert has_submitted(r, r.periods[0], datetime(2020, 1, 1), _tz())
    assert not has_submitted(r, r.periods[0], None, _tz())


def test_no_mail_without_an_address_but_a_hint() -> None:
    """It records a Hinweis naming region.toml instead of a mail to a municipality without address."""
    plan = due_notices(region(), DEADLINE - timedelta(days=7), SUBMITTED_BOR, None, SETTINGS)
    assert all(n.municipality != "NAU" for n in plan.notices)
    (hint,) = plan.hints
    assert hint.event == "hinweis:erinnerung:2026/II:7:NAU"
    assert hint.finding.severity is Severity.NOTE
    assert str(hint.finding) == (
        "region.toml › [[municipalities]] NAU: Erinnerung an die Stadt Naunhof nicht versandt: "
        "in region.toml ist keine E-Mail-Adresse hinterlegt (email = „…“ bei NAU)."
    )


def test_deadline_notice_without_office_address_goes_without_copy() -> None:
    """It sends the deadline notice without copy and says so when the office has no address."""
    r = region(kontakt={})
    plan = due_notices(r, DEADLINE + timedelta(days=1), SUBMITTED_BOR, None, SETTINGS)
    assert plan.notices[0].cc == ()
    assert "in Kopie" not in plan.notices[0].body
    assert [h.event for h in plan.hints] == [
        "hinweis:fristablauf:2026/II:BRA",
        "hinweis:fristablauf:2026/II:NAU",
    ]


def test_weekly_digest_to_the_office_with_german_dates() -> None:
    """It sends the funding digest on Monday to the project office, dates as „20.12.2026“."""
    monday = date(2026, 12, 14)
    plan = due_notices(region(), monday, {}, FUNDING, SETTINGS)
    (digest,) = [n for n in plan.notices if n.kind is Kind.DIGEST]
    assert digest.event == "foerderfristen:2026-W51"
    assert digest.to == (OFFICE,)
    assert digest.subject == "Förderfristen der nächsten 90 Tage (Woche 51/2026)"
    assert "- 20.12.2026 (in 12 Tagen): Antragsfrist „LEADER Partheland“ (FP-01)" in digest.body
    assert "„Kulturraum“ (FA-03, BRA)" in digest.body
    assert "2026-12-20" not in digest.body


def test_digest_waits_for_its_weekday_and_needs_known_deadlines() -> None:
    """It sends no digest before the configured weekday, nor when the deadlines are unknown."""
    wednesday = NoticeSettings(digest_weekday=3)
    monday = date(2026, 12, 14)
    assert not [
        n
        for n in due_notices(region(), monday, {}, FUNDING, wednesday).notices
        if n.kind is Kind.DIGEST
    ]
    thursday = monday + timedelta(days=3)
    assert [
        n.event
        for n in due_notices(region(), thursday, {}, FUNDING, wednesday).notices
        if n.kind is Kind.DIGEST
    ] == ["foerderfristen:2026-W51"]
    assert not [
        n
        for n in due_notices(region(), monday, {}, None, SETTINGS).notices
        if n.kind is Kind.DIGEST
    ]


def test_empty_digest_says_so() -> None:
    """It says that no deadline ends when there is none in the next 90 days."""
    plan = due_notices(region(), date(2026, 12, 14), {}, [], SETTINGS)
    (digest,) = [n for n in plan.notices if n.kind is Kind.DIGEST]
    assert "vom 14.12.2026 an enden in den nächsten 90 Tagen keine Förderfristen." in digest.body


def test_reminder_text_is_german_with_german_dates() -> None:
    """It writes the reminder in German with dates „15.12.2026“ and the municipality's name."""
    plan = due_notices(region(), DEADLINE - timedelta(days=7), SUBMITTED_BOR, None, SETTINGS)
    n = plan.notices[0]
    assert n.subject == (
        "Erinnerung: Workbook der Stadt Brandis bis 15.12.2026 einreichen (Erhebungsrunde 2026/II)"
    )
    assert n.body.startswith("Guten Tag,\n\nfür die Erhebungsrunde 2026/II im Verbund Partheland")
    assert "(Stichtag 31.12.2026)" in n.body and "bis zum 15.12.2026" in n.body
    assert "Mit freundlichen Grüßen\nProjektbüro Partheland" in n.body
    assert "2026-12-15" not in n.body + n.subject


def test_period_in_hand_in() -> None:
    """It names the round whose hand-in runs, until its catch-up days are over."""
    r = region()
    assert period_in_hand_in(r, DEADLINE).name == "2026/II"
    assert period_in_hand_in(r, DEADLINE + timedelta(days=CATCH_UP_DAYS + 1)).name == "2027/I"
    assert period_in_hand_in(r, date(2028, 1, 1)) is None


@pytest.mark.parametrize("day", [date(2026, 10, 1), date(2027, 9, 1)])
def test_nothing_due_far_from_any_deadline(day: date) -> None:
    """It sends nothing to municipalities far from any Abgabefrist."""
    plan = due_notices(region(), day, {}, None, SETTINGS)
    assert plan.notices == ()


def test_digest_without_office_address_is_a_hint() -> None:
    """It records a Hinweis instead of the digest when the project office has no address."""
    plan = due_notices(region(kontakt={}), date(2026, 12, 14), {"BOR": None}, FUNDING, SETTINGS)
    assert not [n for n in plan.notices if n.kind is Kind.DIGEST]
    assert [str(h.finding) for h in plan.hints if "foerderfristen" in h.event] == [
        "region.toml › [kontakt]: Wochenübersicht der Förderfristen nicht versandt: in "
        "region.toml ist keine Adresse des Projektbüros hinterlegt ([kontakt] projektbuero = „…“)."
    ]
