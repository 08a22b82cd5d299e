"""``[benachrichtigung]`` and ``[smtp]`` in region.toml: when reminders go out, and how.

Without ``[smtp]`` no e-mail is sent: the same notices are kept in the notices log (shown by
the portal) and as Prefect artifacts. The SMTP password is never read from the file, only
from the environment variable ``password_env`` names.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEFAULT_REMINDER_DAYS = (7,)
DEFAULT_PASSWORD_ENV = "PARTHE_SMTP_PASSWORT"
WEEKDAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
_SMTP_KEYS = {"host", "port", "sender", "starttls", "user", "password_env", "timeout"}
_NOTICE_KEYS = {"erinnerung_tage", "fristen_wochentag", "ablage"}


@dataclass(frozen=True)
class SmtpSettings:
    """How to reach the mail server (``[smtp]``)."""

    host: str
    port: int = 587
    sender: str = ""  # From:; empty: the project office's address
    starttls: bool = True
    user: str = ""  # no login when empty
    password_env: str = DEFAULT_PASSWORD_ENV  # environment variable holding the password
    timeout: float = 30.0  # seconds per SMTP command


@dataclass(frozen=True)
class NoticeSettings:
    """When notices are due (``[benachrichtigung]``) and the optional SMTP server."""

    reminder_days: tuple[int, ...] = DEFAULT_REMINDER_DAYS  # days before the Abgabefrist
    digest_weekday: int = 1  # ISO weekday from which the week's funding digest is due
    folder: Path | None = None  # the notices log; None: Prefect's home (the caller decides)
    smtp: SmtpSettings | None = None

    def state_folder(self, default: Path) -> Path:
        """Where the notices log lives: ``ablage`` if configured, else ``default``."""
        return self.folder or default


def load_notice_settings(path: Path) -> NoticeSettings:
    """Read ``[benachrichtigung]`` and ``[smtp]``; raises ValueError with a German message."""
    with path.open("rb") as fh:
        raw = tomllib.load(fh)
    return notice_settings_from_dict(raw, source=path.name, base_dir=path.parent)


def notice_settings_from_dict(
    raw: dict[str, Any], source: str = "region.toml", base_dir: Path | None = None
) -> NoticeSettings:
    notice = raw.get("benachrichtigung", {})
    _unknown(notice, _NOTICE_KEYS, f"{source}: [benachrichtigung]")
    folder = None
    if str(notice.get("ablage", "")).strip():
        folder = Path(str(notice["ablage"]).strip())
        if not folder.is_absolute():
            folder = (base_dir or Path.cwd()) / folder
    smtp = raw.get("smtp")
    return NoticeSettings(
        reminder_days=_reminder_days(notice.get("erinnerung_tage", DEFAULT_REMINDER_DAYS), source),
        digest_weekday=_weekday(notice.get("fristen_wochentag", WEEKDAYS[0]), source),
        folder=folder,
        smtp=None if smtp is None else _smtp(smtp, source),
    )


def _unknown(table: dict[str, Any], known: set[str], where: str) -> None:
    unknown = sorted(set(table) - known)
    if unknown:
        raise ValueError(f"{where} kennt {', '.join(unknown)} nicht")


def _reminder_days(value: Any, source: str) -> tuple[int, ...]:
    days = [value] if isinstance(value, int) else value
    if (
        not isinstance(days, list | tuple)
        or not days
        or any(isinstance(d, bool) or not isinstance(d, int) or d < 0 for d in days)
    ):
        raise ValueError(
            f"{source}: [benachrichtigung] erinnerung_tage = {value!r} ist keine Liste von "
            "Tagen ≥ 0 (z. B. [14, 3])"
        )
    return tuple(sorted(set(days), reverse=True))


def _weekday(value: Any, source: str) -> int:
    name = str(value).strip().capitalize()
    if name not in WEEKDAYS:
        raise ValueError(
            f"{source}: [benachrichtigung] fristen_wochentag „{value}“ ist kein Wochentag "
            f"(erwartet: {', '.join(WEEKDAYS)})"
        )
    return WEEKDAYS.index(name) + 1


def _smtp(raw: dict[str, Any], source: str) -> SmtpSettings:
    if "password" in raw or "passwort" in raw:
        raise ValueError(
            f"{source}: [smtp] Das Kennwort gehört nicht in die Datei. Setzen Sie die "
            f"Umgebungsvariable {raw.get('password_env', DEFAULT_PASSWORD_ENV)} und entfernen "
            "Sie den Eintrag."
        )
    _unknown(raw, _SMTP_KEYS, f"{source}: [smtp]")
    host = str(raw.get("host", "")).strip()
    if not host:
        raise ValueError(f"{source}: [smtp] host fehlt (z. B. host = „mail.example.de“)")
    starttls = raw.get("starttls", True)
    port = raw.get("port", 587 if starttls else 25)
    if not isinstance(starttls, bool):
        raise ValueError(f"{source}: [smtp] starttls = {starttls!r} ist weder true noch false")
    if isinstance(port, bool) or not isinstance(port, int) or not 0 < port < 65536:
        raise ValueError(f"{source}: [smtp] port = {port!r} ist keine Portnummer (1–65535)")
    return SmtpSettings(
        host=host,
        port=port,
        sender=str(raw.get("sender", "")).strip(),
        starttls=starttls,
        user=str(raw.get("user", "")).strip(),
        password_env=str(raw.get("password_env", DEFAULT_PASSWORD_ENV)).strip(),
        timeout=float(raw.get("timeout", 30.0)),
    )
