"""Deadlines and reminders: which notices are due on a day, their German texts, sending
them once (SMTP, or the log alone), and the log the portal shows.

``due``: the pure rules (``due_notices``); ``texts``: subjects and bodies; ``settings``:
``[benachrichtigung]`` and ``[smtp]``; ``log``: the idempotence record; ``mail``: stdlib
e-mail and SMTP; ``dispatch``: send what is due and not done; ``sources``: submissions and
funding deadlines from the inputs folder.
"""

from __future__ import annotations

from parthe_reports.notices.dispatch import Outcome, deliver, dispatch, preview
from parthe_reports.notices.due import due_notices, has_submitted, opened_after
from parthe_reports.notices.log import STATE_FOLDER, STATUS_DE, Entry, read_entries
from parthe_reports.notices.mail import MailConfigError, SmtpMailer, build_message
from parthe_reports.notices.model import FundingDeadline, Hint, Kind, Notice, Plan
from parthe_reports.notices.settings import (
    NoticeSettings,
    SmtpSettings,
    load_notice_settings,
    notice_settings_from_dict,
)

__all__ = [
    "STATE_FOLDER",
    "STATUS_DE",
    "Entry",
    "FundingDeadline",
    "Hint",
    "Kind",
    "MailConfigError",
    "Notice",
    "NoticeSettings",
    "Outcome",
    "Plan",
    "SmtpMailer",
    "SmtpSettings",
    "build_message",
    "deliver",
    "dispatch",
    "due_notices",
    "has_submitted",
    "load_notice_settings",
    "notice_settings_from_dict",
    "opened_after",
    "preview",
    "read_entries",
]
