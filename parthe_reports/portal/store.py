"""The portal's own state in one SQLite file: users, submissions, audit log, failed logins.

One connection per call (``sqlite3`` connections are not shared across threads); WAL mode so
the office's page reads while a clerk's upload writes. Passwords are stored only as argon2
hashes (``auth.py``); the audit log never holds a password or a session.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

ROLES = ("kommune", "projektbuero", "lesend")
ROLE_LABELS = {"kommune": "Kommune", "projektbuero": "Projektbüro", "lesend": "Lenkungsgruppe"}
# A submission's life: checked (uploaded, findings known) → current (eingereicht) →
# superseded (a later submission of the same municipality became current).
CHECKED, CURRENT, SUPERSEDED = "geprueft", "aktuell", "abgeloest"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL,
    code TEXT,
    password_hash TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    created TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS submissions (
    id TEXT PRIMARY KEY,
    code TEXT NOT NULL,
    username TEXT NOT NULL,
    original_name TEXT NOT NULL,
    stored_path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    uploaded TEXT NOT NULL,
    errors INTEGER NOT NULL,
    warnings INTEGER NOT NULL,
    notes INTEGER NOT NULL,
    findings TEXT NOT NULL,
    state TEXT NOT NULL,
    submitted TEXT,
    submitted_by TEXT
);
CREATE INDEX IF NOT EXISTS submissions_code ON submissions (code, uploaded);
CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    username TEXT NOT NULL,
    action TEXT NOT NULL,
    what TEXT NOT NULL,
    sha256 TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS login_failures (
    username TEXT PRIMARY KEY,
    count INTEGER NOT NULL,
    last TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class User:
    """A portal account; ``code`` is the Kürzel of a ``kommune`` account, else None."""

    id: int
    username: str
    role: str
    code: str | None
    password_hash: str
    active: bool


@dataclass(frozen=True)
class Submission:
    """One uploaded workbook with its findings (as plain dicts for the page)."""

    id: str
    code: str
    username: str
    original_name: str
    stored_path: str
    sha256: str
    uploaded: datetime
    errors: int
    warnings: int
    notes: int
    findings: list[dict[str, Any]]
    state: str
    submitted: datetime | None
    submitted_by: str | None


@dataclass(frozen=True)
class AuditEntry:
    at: datetime
    username: str
    action: str
    what: str
    sha256: str


def now() -> datetime:
    """Local wall-clock time to the second (what the pages print)."""
    return datetime.now().replace(microsecond=0)


class Store:
    """The SQLite database at ``path`` (created with its tables on first use)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._db() as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(_SCHEMA)

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=30)
        db.row_factory = sqlite3.Row
        try:
            with db:  # one transaction: committed on success, rolled back on error
                yield db
        finally:
            db.close()

    # ---- users ---------------------------------------------------------------------------

    def add_user(self, username: str, role: str, code: str | None, password_hash: str) -> User:
        if role not in ROLES:
            raise ValueError(f"Unbekannte Rolle „{role}“ (erlaubt: {', '.join(ROLES)})")
        with self._db() as db:
            try:
                db.execute(
                    "INSERT INTO users (username, role, code, password_hash, created) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (username, role, code, password_hash, now().isoformat()),
                )
            except sqlite3.IntegrityError as exc:
                raise ValueError(f"Den Benutzer „{username}“ gibt es schon") from exc
        user = self.user(username)
        assert user is not None
        return user

    def user(self, username: str) -> User | None:
        with self._db() as db:
            row = db.execute("SELECT * FROM users WHERE username = ?", (username,)).fetchone()
        return _user(row) if row else None

    def user_by_id(self, user_id: int) -> User | None:
        with self._db() as db:
            row = db.execute("SELECT * FROM users WHERE id = ?", (user_id,)).fetchone()
        return _user(row) if row else None

    def users(self) -> list[User]:
        with self._db() as db:
            return [_user(r) for r in db.execute("SELECT * FROM users ORDER BY username")]

    def set_active(self, username: str, active: bool) -> bool:
        with self._db() as db:
            cur = db.execute(
                "UPDATE users SET active = ? WHERE username = ?", (int(active), username)
            )
        return cur.rowcount == 1

    def set_password_hash(self, username: str, password_hash: str) -> bool:
        with self._db() as db:
            cur = db.execute(
                "UPDATE users SET password_hash = ? WHERE username = ?", (password_hash, username)
            )
        return cur.rowcount == 1

    # ---- failed logins -------------------------------------------------------------------

    def failures(self, username: str) -> int:
        with self._db() as db:
            row = db.execute(
                "SELECT count FROM login_failures WHERE username = ?", (username,)
            ).fetchone()
        return int(row["count"]) if row else 0

    def record_failure(self, username: str) -> int:
        with self._db() as db:
            db.execute(
                "INSERT INTO login_failures (username, count, last) VALUES (?, 1, ?) "
                "ON CONFLICT(username) DO UPDATE SET count = count + 1, last = excluded.last",
                (username, now().isoformat()),
            )
        return self.failures(username)

    def clear_failures(self, username: str) -> None:
        with self._db() as db:
            db.execute("DELETE FROM login_failures WHERE username = ?", (username,))

    # ---- submissions ---------------------------------------------------------------------

    def add_submission(self, sub: Submission) -> None:
        with self._db() as db:
            db.execute(
                "INSERT INTO submissions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    sub.id, sub.code, sub.username, sub.original_name, sub.stored_path,
                    sub.sha256, sub.uploaded.isoformat(), sub.errors, sub.warnings, sub.notes,
                    json.dumps(sub.findings, ensure_ascii=False), sub.state,
                    _iso(sub.submitted), sub.submitted_by,
                ),
            )  # fmt: skip

    def submission(self, code: str, sub_id: str) -> Submission | None:
        """The submission ``sub_id`` only if it belongs to ``code`` (never another's)."""
        with self._db() as db:
            row = db.execute(
                "SELECT * FROM submissions WHERE id = ? AND code = ?", (sub_id, code)
            ).fetchone()
        return _submission(row) if row else None

    def submissions(self, code: str) -> list[Submission]:
        """Every upload of ``code``, newest first."""
        with self._db() as db:
            rows = db.execute(
                "SELECT * FROM submissions WHERE code = ? ORDER BY uploaded DESC, rowid DESC",
                (code,),
            ).fetchall()
        return [_submission(r) for r in rows]

    def current(self) -> dict[str, Submission]:
        """Kürzel → its current (eingereichte) submission."""
        with self._db() as db:
            rows = db.execute("SELECT * FROM submissions WHERE state = ?", (CURRENT,)).fetchall()
        return {r["code"]: _submission(r) for r in rows}

    def make_current(self, code: str, sub_id: str, username: str) -> None:
        """``sub_id`` becomes the current submission of ``code``; the previous one superseded."""
        with self._db() as db:
            db.execute(
                "UPDATE submissions SET state = ? WHERE code = ? AND state = ?",
                (SUPERSEDED, code, CURRENT),
            )
            db.execute(
                "UPDATE submissions SET state = ?, submitted = ?, submitted_by = ? "
                "WHERE id = ? AND code = ?",
                (CURRENT, now().isoformat(), username, sub_id, code),
            )

    # ---- audit log -----------------------------------------------------------------------

    def audit(self, username: str, action: str, what: str, sha256: str = "") -> None:
        with self._db() as db:
            db.execute(
                "INSERT INTO audit (at, username, action, what, sha256) VALUES (?, ?, ?, ?, ?)",
                (now().isoformat(), username, action, what, sha256),
            )

    def audit_log(self, limit: int = 500) -> list[AuditEntry]:
        with self._db() as db:
            rows = db.execute("SELECT * FROM audit ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
        return [
            AuditEntry(datetime.fromisoformat(r["at"]), r["username"], r["action"], r["what"],
                       r["sha256"])
            for r in rows
        ]  # fmt: skip


def current_submissions(store: Store) -> dict[str, datetime | None]:
    """Kürzel → when its current submission was made (None: submitted without a time).

    Municipalities without a current submission are absent: the reminders ask for those.
    """
    return {code: sub.submitted for code, sub in store.current().items()}


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _user(row: sqlite3.Row) -> User:
    return User(
        row["id"], row["username"], row["role"], row["code"], row["password_hash"],
        bool(row["active"]),
    )  # fmt: skip


def _submission(row: sqlite3.Row) -> Submission:
    return Submission(
        id=row["id"],
        code=row["code"],
        username=row["username"],
        original_name=row["original_name"],
        stored_path=row["stored_path"],
        sha256=row["sha256"],
        uploaded=datetime.fromisoformat(row["uploaded"]),
        errors=row["errors"],
        warnings=row["warnings"],
        notes=row["notes"],
        findings=json.loads(row["findings"]),
        state=row["state"],
        submitted=datetime.fromisoformat(row["submitted"]) if row["submitted"] else None,
        submitted_by=row["submitted_by"],
    )
