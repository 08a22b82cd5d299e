"""The notices log: every notice sent or kept, once per event (the idempotence record).

One JSON file, ``<folder>/benachrichtigungen.json`` (``{"entries": [...]}``), rewritten
atomically after every change, so the portal can show it at any moment. An exclusive lock
on ``<folder>/.benachrichtigungen.lock`` is held while notices are dispatched: the scheduled
flow and a ``parthe-reports erinnern`` at the same time cannot both send the same event.

An event counts as done — never sent again — once its entry is ``sent``, ``recorded``
(kept without SMTP), ``hint`` or ``sending``. ``sending`` is written *before* the message
goes to the server: a process killed mid-send leaves it, and the event is not retried (at
most once; the office sees the entry). ``failed`` (the server refused or was unreachable,
so nothing went out) is retried on the next run.
"""

from __future__ import annotations

import fcntl
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from parthe_reports.runs import atomic_write_json

LOG_FILE = "benachrichtigungen.json"
LOCK_FILE = ".benachrichtigungen.lock"
STATE_FOLDER = "benachrichtigungen"  # under Prefect's home unless [benachrichtigung] ablage

SENT, RECORDED, SENDING, FAILED, HINT = "sent", "recorded", "sending", "failed", "hint"
DONE = frozenset({SENT, RECORDED, SENDING, HINT})
# What the office reads for each status (CLI, artifacts, portal).
STATUS_DE = {
    SENT: "gesendet",
    RECORDED: "abgelegt (kein SMTP)",
    SENDING: "unterbrochen – bitte prüfen, ob sie ankam",
    FAILED: "fehlgeschlagen – wird beim nächsten Lauf erneut versucht",
    HINT: "Hinweis",
}


@dataclass
class Entry:
    """One line of the log (English keys: it is read by programs; values are German)."""

    event: str
    kind: str  # Kind value: „Erinnerung“, „Fristablauf“, „Förderfristen“, „Hinweis“
    status: str
    at: str  # ISO time of the last change
    day: str  # the day the notice was due for (ISO date)
    to: list[str] = field(default_factory=list)
    cc: list[str] = field(default_factory=list)
    subject: str = ""
    body: str = ""
    municipality: str | None = None
    period: str | None = None
    message_id: str = ""
    error: str = ""


class NoticeLog:
    """The log of one state folder, open under its lock (use :func:`open_log`)."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / LOG_FILE
        self.entries = read_entries(folder)

    def done(self, event: str) -> bool:
        """True when ``event`` must not be sent again."""
        return any(e.event == event and e.status in DONE for e in self.entries)

    def add(self, entry: Entry) -> Entry:
        """Record ``entry`` (replacing a failed attempt at the same event) and save."""
        self.entries = [e for e in self.entries if e.event != entry.event]
        self.entries.append(entry)
        self.save()
        return entry

    def save(self) -> None:
        atomic_write_json(self.path, {"entries": [asdict(e) for e in self.entries]})


@contextmanager
def open_log(folder: Path) -> Iterator[NoticeLog]:
    """The log of ``folder``, held under an exclusive lock (blocks while another holds it)."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / LOCK_FILE).open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield NoticeLog(folder)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def read_entries(folder: Path) -> list[Entry]:
    """Every entry of the log in ``folder`` (none when there is no log yet); for the portal."""
    path = folder / LOG_FILE
    if not path.is_file():
        return []
    raw: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    known = set(Entry.__dataclass_fields__)
    return [Entry(**{k: v for k, v in e.items() if k in known}) for e in raw.get("entries", [])]
