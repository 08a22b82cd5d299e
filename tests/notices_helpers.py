"""For the notices tests: a small region with hand-in rounds and contacts, a fixed clock, and a
local SMTP sink (aiosmtpd) that keeps the real messages it receives."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from parthe_reports.notices import FundingDeadline, NoticeSettings
from parthe_reports.region import Region, region_from_dict
from tests.conftest import free_port

OFFICE = "projektbuero@partheland.example"
DEADLINE = date(2026, 12, 15)  # Abgabefrist of 2026/II (a Tuesday)
NOW = datetime(2026, 12, 8, 7, 0, tzinfo=UTC)  # the fixed clock: deadline − 7 days, 08:00 local


def region_dict(**overrides: Any) -> dict[str, Any]:
    raw: dict[str, Any] = {
        "name": "Partheland",
        "full_name": "Interkommunaler Verbundraum Partheland",
        "topics": ["Kultur"],
        "municipalities": [
            {"code": "BOR", "name": "Borsdorf", "ags": "14729060", "email": "bor@example.org"},
            {
                "code": "BRA",
                "name": "Brandis",
                "kind": "Stadt",
                "ags": "14729070",
                "email": "bra@example.org",
            },
            {"code": "NAU", "name": "Naunhof", "kind": "Stadt", "ags": "14729300"},  # no e-mail
        ],
        "kontakt": {"projektbuero": OFFICE},
        "perioden": [
            {"name": "2026/II", "stichtag": date(2026, 12, 31), "abgabefrist": DEADLINE},
            {"name": "2027/I", "stichtag": date(2027, 6, 30), "abgabefrist": date(2027, 6, 15)},
        ],
        "schedules": {"timezone": "Europe/Berlin"},
    }
    raw.update(overrides)
    return raw


def region(**overrides: Any) -> Region:
    return region_from_dict(region_dict(**overrides))


SETTINGS = NoticeSettings()  # reminder 7 days before, digest from Monday, no SMTP
SUBMITTED_BOR = {"BOR": datetime(2026, 11, 20, 10, 0, tzinfo=UTC), "BRA": None, "NAU": None}
FUNDING = [
    FundingDeadline(date(2026, 12, 20), 12, "Antragsfrist", "LEADER Partheland", "FP-01"),
    FundingDeadline(
        date(2027, 1, 31), 54, "Frist Verwendungsnachweis", "Kulturraum", "FA-03", "BRA"
    ),
]


@dataclass
class Sink:
    """An aiosmtpd handler keeping every message it receives, with its envelope and login."""

    received: list[tuple[str, list[str], EmailMessage, str]] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        login = session.auth_data.login.decode() if session.auth_data else ""
        msg = message_from_bytes(envelope.content, policy=default)
        self.received.append((envelope.mail_from, list(envelope.rcpt_tos), msg, login))
        return "250 OK"


def _authenticate(
    server: Any, session: Any, envelope: Any, mechanism: str, data: Any
) -> AuthResult:
    ok = isinstance(data, LoginPassword) and (data.login, data.password) == (b"pb", b"geheim")
    return AuthResult(success=ok, handled=False, auth_data=data)


@contextmanager
def smtp_sink() -> Iterator[tuple[Sink, int]]:
    """A local SMTP server on a free port (login „pb“/„geheim“ accepted, not required)."""
    handler, port = Sink(), free_port()
    controller = Controller(
        handler,
        hostname="127.0.0.1",
        port=port,
        authenticator=_authenticate,
        auth_require_tls=False,  # a local test sink; production uses STARTTLS
    )
    controller.start()
    try:
        yield handler, port
    finally:
        controller.stop()
