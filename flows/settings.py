"""Prefect environment defaults, applied before ``prefect`` is first imported.

Prefect reads its settings once, at import. ``flows/__init__`` calls
:func:`configure_environment` so that every entry point (CLI, tests, benchmarks) gets the
same quiet, offline set-up. Values the user set in the environment always win.
"""

from __future__ import annotations

import errno
import hashlib
import os
import secrets
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from parthe_reports.errors import UserError

if TYPE_CHECKING:
    from flows.cache import SignedFileSystem

ROOT = Path(__file__).resolve().parent.parent
# Project-local state (git-ignored): the SQLite database of runs, the profiles file.
DEFAULT_PREFECT_HOME = ROOT / ".prefect"

DEFAULTS = {
    # No telemetry look-ups: the machine may be offline.
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    # Users see our progress bar and summary, not Prefect's INFO lines.
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_LOGGING_LOG_PRINTS": "false",
    # A fresh home needs its database migrated (≈ 6–12 s here); 20 s was too tight.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
    # The UI is only wanted by `serve`, which sets it itself.
    "PREFECT_UI_ENABLED": "false",
}


def prefect_home() -> Path:
    """Where Prefect keeps its state: $PREFECT_HOME, else ``<project>/.prefect``."""
    return Path(os.environ.get("PREFECT_HOME") or DEFAULT_PREFECT_HOME)


def configure_environment() -> None:
    """Set Prefect defaults in ``os.environ`` (only where unset). Must run before ``import prefect``."""
    os.environ.setdefault("PREFECT_HOME", str(DEFAULT_PREFECT_HOME))
    for key, value in DEFAULTS.items():
        os.environ.setdefault(key, value)
    check_home(Path(os.environ["PREFECT_HOME"]))


def check_home(home: Path) -> None:
    """Prefect's home exists and takes a file; else a :class:`UserError` in German (Prefect
    itself would only fail later, as „Prefect-API konnte nicht gestartet werden“)."""
    try:
        home.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=home, prefix=".probe."):
            pass
    except OSError as exc:
        reason = "kein Platz mehr" if exc.errno == errno.ENOSPC else "nicht beschreibbar"
        raise UserError(
            f"Fehler: Prefects Ordner „{home}“ (PREFECT_HOME) ist {reason}; bitte die Rechte "
            "prüfen oder PREFECT_HOME auf einen beschreibbaren Ordner setzen."
        ) from exc


def result_cache(outputs: Path) -> SignedFileSystem:
    """The result storage of runs into ``outputs``: records in Prefect's home, never in
    ``outputs`` (shared with clerks), one folder per outputs folder (so tests start empty),
    each record signed with the key in Prefect's home (``flows.cache``). Records no kept run
    of ``outputs`` has used are pruned here, before the run."""
    from flows import cache  # imports Prefect: only after configure_environment

    folder = hashlib.sha256(str(outputs.resolve()).encode()).hexdigest()[:16]
    path = prefect_home() / "ergebnisse" / folder
    cache.prune(path, outputs)
    return cache.storage(path, prefect_home())


SERVICE_ENV = "serve.env"  # in Prefect's home: the service's password (see README › serve)
AUTH_SERVER, AUTH_CLIENT = "PREFECT_SERVER_API_AUTH_STRING", "PREFECT_API_AUTH_STRING"


def read_env_file(path: Path) -> dict[str, str]:
    """``KEY=VALUE`` lines (systemd's EnvironmentFile format, without quoting rules)."""
    values = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        key, sep, value = line.strip().partition("=")
        if sep and key and not key.startswith("#"):
            values[key.strip()] = value.strip().strip('"')
    return values


def service_auth(create: bool = False) -> str | None:
    """The password (``user:password``) of ``serve``'s API: from the environment (systemd
    ``EnvironmentFile=``), else from ``<PREFECT_HOME>/serve.env``; with ``create`` a new one
    is written there (mode 0600) the first time."""
    if os.environ.get(AUTH_SERVER):
        return os.environ[AUTH_SERVER]
    path = prefect_home() / SERVICE_ENV
    if path.exists():
        return read_env_file(path).get(AUTH_SERVER) or None
    if not create:
        return None
    auth = f"parthe:{secrets.token_urlsafe(24)}"
    text = (
        "# Passwort der Prefect-API von `parthe-reports serve` (Benutzer:Passwort).\n"
        f"{AUTH_SERVER}={auth}\n{AUTH_CLIENT}={auth}\n"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another `serve` made it just now
        return service_auth()
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    return auth
