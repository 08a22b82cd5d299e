"""Sending the notices against a local SMTP sink (aiosmtpd) that receives the real messages."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from parthe_reports.notices import (
    MailConfigError,
    NoticeSettings,
    SmtpSettings,
    deliver,
    dispatch,
    due_notices,
    preview,
    read_entries,
)
from parthe_reports.notices.log import LOG_FILE, SENDING, Entry, open_log
from parthe_reports.notices.mail import EVENT_HEADER
from parthe_reports.notices.model import Plan
from tests.notices_helpers import (
    DEADLINE,
    NOW,
    OFFICE,
    SETTINGS,
    SUBMITTED_BOR,
    Sink,
    free_port,
    region,
    smtp_sink,
)

OVERDUE_DAY = DEADLINE + timedelta(days=1)


@pytest.fixture
def sink() -> Iterator[tuple[Sink, int]]:
    with smtp_sink() as running:
        yield running


def _smtp(port: int, **kw: Any) -> NoticeSettings:
    smtp = SmtpSettings(host="127.0.0.1", port=port, starttls=False, timeout=5, **kw)
    return NoticeSettings(smtp=smtp)


def _overdue_plan() -> Plan:
    return due_notices(region(), OVERDUE_DAY, SUBMITTED_BOR, None, SETTINGS)


def test_deadline_notice_arrives_with_office_in_copy(
    sink: tuple[Sink, int], tmp_path: Path
) -> None:
    """It delivers the real message to the municipality and, in copy, to the project office."""
    handler, port = sink
    out = deliver(_overdue_plan(), tmp_path, _smtp(port), region(), NOW)
    assert [(e.event, e.status) for e in out.entries] == [
        ("fristablauf:2026/II:BRA", "sent"),
        ("hinweis:fristablauf:2026/II:NAU", "hint"),
    ]
    ((mail_from, rcpt, msg, _),) = handler.received
    assert mail_from == OFFICE  # no [smtp] sender: the office's address
    assert sorted(rcpt) == ["bra@example.org", OFFICE]
    assert msg["To"] == "bra@example.org" and msg["Cc"] == OFFICE
    assert msg["Subject"] == (
        "Abgabefrist verstrichen: Workbook der Stadt Brandis fehlt (Erhebungsrunde 2026/II)"
    )
    assert msg[EVENT_HEADER] == "fristablauf:2026/II:BRA"
    body = msg.get_content()
    assert "ist am 15.12.2026 abgelaufen" in body and "Grüßen" in body
    assert msg["Message-ID"] == out.entries[0].message_id


def test_no_double_send(sink: tuple[Sink, int], tmp_path: Path) -> None:
    """It sends nothing the second time the same plan is dispatched, and records no new entry."""
    handler, port = sink
    deliver(_overdue_plan(), tmp_path, _smtp(port), region(), NOW)
    again = deliver(_overdue_plan(), tmp_path, _smtp(port), region(), NOW + timedelta(days=1))
    assert len(handler.received) == 1
    assert again.entries == [] and again.already_done == 2
    assert len(read_entries(tmp_path)) == 2


def test_a_new_event_is_sent_after_an_old_one(sink: tuple[Sink, int], tmp_path: Path) -> None:
    """It sends the deadline notice after the reminder: they are different events."""
    handler, port = sink
    reminder = due_notices(region(), DEADLINE - timedelta(days=7), SUBMITTED_BOR, None, SETTINGS)
    deliver(reminder, tmp_path, _smtp(port), region(), NOW)
    deliver(_overdue_plan(), tmp_path, _smtp(port), region(), NOW + timedelta(days=8))
    assert [m[EVENT_HEADER] for _, _, m, _ in handler.received] == [
        "erinnerung:2026/II:7:BRA",
        "fristablauf:2026/II:BRA",
    ]


def test_password_comes_from_the_environment(sink: tuple[Sink, int], tmp_path: Path) -> None:
    """It logs in with the password of the environment variable named in [smtp]."""
    handler, port = sink
    settings = _smtp(port, user="pb", password_env="PB_SMTP")
    deliver(_overdue_plan(), tmp_path, settings, region(), NOW, environ={"PB_SMTP": "geheim"})
    assert [login for *_, login in handler.received] == ["pb"]


def test_missing_password_sends_nothing(sink: tuple[Sink, int], tmp_path: Path) -> None:
    """It refuses to start (German message) when the password variable is not set."""
    handler, port = sink
    settings = _smtp(port, user="pb", password_env="PB_SMTP")
    with pytest.raises(MailConfigError, match="Umgebungsvariable PB_SMTP ist nicht gesetzt"):
        deliver(_overdue_plan(), tmp_path, settings, region(), NOW, environ={})
    assert handler.received == [] and read_entries(tmp_path) == []


def test_unreachable_server_is_retried_next_time(sink: tuple[Sink, int], tmp_path: Path) -> None:
    """It logs „failed“ when the server is down and sends the notice on the next run."""
    handler, port = sink
    plan = due_notices(region(), DEADLINE - timedelta(days=7), {}, None, SETTINGS)
    down = deliver(plan, tmp_path, _smtp(free_port()), region(), NOW)
    assert [e.status for e in down.entries] == ["failed", "failed", "hint"]
    assert "ConnectionRefusedError" in down.entries[1].error  # not tried: same error copied
    up = deliver(plan, tmp_path, _smtp(port), region(), NOW + timedelta(hours=1))
    assert [e.status for e in up.entries] == ["sent", "sent"]
    assert len(handler.received) == 2


def test_interrupted_send_is_not_repeated(sink: tuple[Sink, int], tmp_path: Path) -> None:
    """It never resends an event left „sending“ by a killed process (at most once)."""
    handler, port = sink
    with open_log(tmp_path) as log:
        log.add(Entry("fristablauf:2026/II:BRA", "Fristablauf", SENDING, NOW.isoformat(), "x"))
    out = deliver(_overdue_plan(), tmp_path, _smtp(port), region(), NOW)
    assert handler.received == []
    assert [e.event for e in out.entries] == ["hinweis:fristablauf:2026/II:NAU"]


def test_concurrent_dispatches_send_once(sink: tuple[Sink, int], tmp_path: Path) -> None:
    """It sends each event once when two dispatches of the same plan run at the same time."""
    handler, port = sink
    plan = due_notices(region(), DEADLINE - timedelta(days=7), {}, None, SETTINGS)
    threads = [
        threading.Thread(target=deliver, args=(plan, tmp_path, _smtp(port), region(), NOW))
        for _ in range(4)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(m[EVENT_HEADER] for _, _, m, _ in handler.received) == [
        "erinnerung:2026/II:7:BOR",
        "erinnerung:2026/II:7:BRA",
    ]


def test_without_smtp_notices_are_recorded_for_the_portal(tmp_path: Path) -> None:
    """It keeps the notices in the JSON log (status „recorded“) when [smtp] is absent."""
    out = deliver(_overdue_plan(), tmp_path, SETTINGS, region(), NOW)
    assert [e.status for e in out.entries] == ["recorded", "hint"]
    raw = json.loads((tmp_path / LOG_FILE).read_text(encoding="utf-8"))
    first = raw["entries"][0]
    assert first["to"] == ["bra@example.org"] and first["cc"] == [OFFICE]
    assert "15.12.2026" in first["body"] and first["at"] == "2026-12-08T07:00:00+00:00"
    assert deliver(_overdue_plan(), tmp_path, SETTINGS, region(), NOW).entries == []


def test_preview_writes_nothing(tmp_path: Path) -> None:
    """It lists what is pending without sending or writing a log."""
    notices, hints = preview(_overdue_plan(), tmp_path)
    assert [n.event for n in notices] == ["fristablauf:2026/II:BRA"] and len(hints) == 1
    assert not (tmp_path / LOG_FILE).exists()
    dispatch(_overdue_plan(), tmp_path, None, "", NOW)
    assert preview(_overdue_plan(), tmp_path) == ([], [])
