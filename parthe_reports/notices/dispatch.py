"""Send (or keep) what is due and not yet in the log; every attempt is logged.

With a ``Mailer`` each notice goes out by e-mail; without one (no ``[smtp]``) it is kept in
the log as ``recorded`` — the portal and the Prefect artifacts show it from there. Either
way an event is handled once (``log.py`` says how).
"""

from __future__ import annotations

import logging
import os
import smtplib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from parthe_reports.notices.log import (
    DONE,
    FAILED,
    HINT,
    RECORDED,
    SENDING,
    SENT,
    Entry,
    NoticeLog,
    open_log,
    read_entries,
)
from parthe_reports.notices.mail import Mailer, SmtpMailer, build_message
from parthe_reports.notices.model import Hint, Kind, Notice, Plan
from parthe_reports.notices.settings import NoticeSettings
from parthe_reports.region import Region

log = logging.getLogger("parthe_reports.notices")
# Failures of the session, not of one message: the next message would fail the same way.
SESSION_ERRORS = (
    smtplib.SMTPConnectError,
    smtplib.SMTPAuthenticationError,
    smtplib.SMTPNotSupportedError,
    smtplib.SMTPHeloError,
)


@dataclass
class Outcome:
    """What one dispatch did: the entries it wrote, and how many events were already done."""

    entries: list[Entry] = field(default_factory=list)
    already_done: int = 0


def pending(plan: Plan, entries: Iterable[Entry]) -> tuple[list[Notice], list[Hint]]:
    """The notices and Hinweise of ``plan`` whose events are not done in ``entries``."""
    done = {e.event for e in entries if e.status in DONE}
    return (
        [n for n in plan.notices if n.event not in done],
        [h for h in plan.hints if h.event not in done],
    )


def preview(plan: Plan, folder: Path) -> tuple[list[Notice], list[Hint]]:
    """What :func:`dispatch` would do now (``--probelauf``): nothing is sent or written."""
    return pending(plan, read_entries(folder))


def dispatch(
    plan: Plan, folder: Path, mailer: Mailer | None, sender: str, now: datetime
) -> Outcome:
    """Send or record every pending notice of ``plan`` under the log's lock."""
    with open_log(folder) as notices_log:
        notices, hints = pending(plan, notices_log.entries)
        out = Outcome(already_done=len(plan.notices) + len(plan.hints) - len(notices) - len(hints))
        broken = ""  # after a connection error the rest is not tried (each would time out)
        for notice in notices:
            entry = _entry(notice, plan, now)
            if mailer is None:
                entry.status = RECORDED
                out.entries.append(notices_log.add(entry))
            elif broken:
                entry.status, entry.error = FAILED, broken
                out.entries.append(notices_log.add(entry))
            else:
                fatal = _send(notice, entry, notices_log, mailer, sender, now)
                out.entries.append(entry)
                broken = entry.error if fatal else ""
        for hint in hints:
            out.entries.append(notices_log.add(_hint_entry(hint, plan, now)))
    return out


def deliver(
    plan: Plan,
    folder: Path,
    settings: NoticeSettings,
    region: Region,
    now: datetime,
    environ: Mapping[str, str] = os.environ,
) -> Outcome:
    """Dispatch ``plan`` by SMTP when ``[smtp]`` is configured, else into the log only.

    Raises ``MailConfigError`` (German) when SMTP is configured but its password is missing."""
    if settings.smtp is None:
        return dispatch(plan, folder, None, "", now)
    sender = settings.smtp.sender or region.office_email
    with SmtpMailer(settings.smtp, environ) as mailer:
        return dispatch(plan, folder, mailer, sender, now)


def _entry(notice: Notice, plan: Plan, now: datetime) -> Entry:
    return Entry(
        event=notice.event,
        kind=notice.kind.value,
        status=SENDING,
        at=now.isoformat(timespec="seconds"),
        day=plan.day.isoformat(),
        to=list(notice.to),
        cc=list(notice.cc),
        subject=notice.subject,
        body=notice.body,
        municipality=notice.municipality,
        period=notice.period,
    )


def _send(
    notice: Notice, entry: Entry, notices_log: NoticeLog, mailer: Mailer, sender: str, now: datetime
) -> bool:
    """Send one notice and log the result; True when the session itself failed."""
    message = build_message(notice, sender, now)
    entry.message_id = str(message["Message-ID"])
    notices_log.add(entry)  # „sending“ first: a crash from here on never sends it twice
    fatal = False
    try:
        refused = mailer.send(message)
    except (smtplib.SMTPException, OSError) as exc:
        entry.status, entry.error = FAILED, f"{type(exc).__name__}: {exc}"
        fatal = isinstance(exc, SESSION_ERRORS) or not isinstance(exc, smtplib.SMTPException)
        log.warning("%s nicht gesendet (%s): %s", notice.kind.value, notice.event, entry.error)
    else:
        entry.status = SENT
        entry.error = f"abgelehnt: {', '.join(refused)}" if refused else ""
        log.info("%s gesendet an %s (%s)", notice.kind.value, ", ".join(notice.to), notice.event)
    notices_log.save()
    return fatal


def _hint_entry(hint: Hint, plan: Plan, now: datetime) -> Entry:
    return Entry(
        event=hint.event,
        kind=Kind.HINT.value,
        status=HINT,
        at=now.isoformat(timespec="seconds"),
        day=plan.day.isoformat(),
        body=str(hint.finding),
    )


__all__ = ["SENT", "Outcome", "deliver", "dispatch", "pending", "preview"]
