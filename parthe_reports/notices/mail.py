"""E-mail with the standard library: a ``Notice`` as a message, and an SMTP connection."""

from __future__ import annotations

import os
import smtplib
import ssl
from collections.abc import Mapping
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from types import TracebackType
from typing import Protocol

from parthe_reports.notices.model import Notice
from parthe_reports.notices.settings import SmtpSettings

EVENT_HEADER = "X-Parthe-Ereignis"  # the idempotence key, for tracing a mail back to the log


class Mailer(Protocol):
    """Something that delivers a message (SMTP; a list in tests)."""

    def send(self, message: EmailMessage) -> list[str]:
        """Deliver; return the addresses the server refused (raise when it refused all)."""
        ...


class MailConfigError(ValueError):
    """SMTP is configured but cannot be used (a German message for the office)."""


def build_message(notice: Notice, sender: str, now: datetime) -> EmailMessage:
    """The notice as a plain-text UTF-8 e-mail; ``now`` is the Date header (fixed in tests)."""
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = ", ".join(notice.to)
    if notice.cc:
        msg["Cc"] = ", ".join(notice.cc)
    msg["Subject"] = notice.subject
    msg["Date"] = format_datetime(now if now.tzinfo else now.astimezone())
    msg["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    msg[EVENT_HEADER] = notice.event
    msg.set_content(notice.body)
    return msg


class SmtpMailer:
    """One SMTP session for a batch of notices: opened on the first message, closed on exit."""

    def __init__(self, settings: SmtpSettings, environ: Mapping[str, str] = os.environ) -> None:
        self.settings = settings
        self.password = ""
        if settings.user:
            self.password = environ.get(settings.password_env, "")
            if not self.password:
                raise MailConfigError(
                    f"[smtp] user = „{settings.user}“ braucht ein Kennwort: die "
                    f"Umgebungsvariable {settings.password_env} ist nicht gesetzt."
                )
        self._smtp: smtplib.SMTP | None = None

    def __enter__(self) -> SmtpMailer:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (smtplib.SMTPException, OSError):
                self._smtp.close()
            self._smtp = None

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        smtp = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
        try:
            if s.starttls:
                smtp.starttls(context=ssl.create_default_context())
            if s.user:
                smtp.login(s.user, self.password)
        except BaseException:
            smtp.close()
            raise
        return smtp

    def send(self, message: EmailMessage) -> list[str]:
        """Deliver to every To and Cc address; raises SMTPException/OSError when nothing went
        out, returns the addresses refused when only some were."""
        if self._smtp is None:
            self._smtp = self._connect()
        try:
            return sorted(self._smtp.send_message(message))
        except smtplib.SMTPServerDisconnected:
            self._smtp = None  # the next message opens a new session
            raise
