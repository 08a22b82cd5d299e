"""Where the portal keeps its state and which folders it serves; one frozen value."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from parthe_reports.paths import INPUTS, OUTPUTS, REGION_CONFIG, ROOT

DEFAULT_STATE = ROOT / "portal-daten"
DEFAULT_PREFECT_API = "http://127.0.0.1:4200/api"  # where `serve` starts its server


@dataclass(frozen=True)
class PortalConfig:
    """``state``: portal.sqlite3, the signing key, uploads, archive, run snapshots.

    ``secure_cookie``: set the cookie's Secure flag (behind a TLS reverse proxy; a plain
    http://127.0.0.1 test would never send it back).
    """

    state: Path = DEFAULT_STATE
    inputs: Path = INPUTS
    outputs: Path = OUTPUTS
    region_config: Path = REGION_CONFIG
    session_timeout_s: int = 30 * 60
    secure_cookie: bool = False
    prefect_api: str | None = DEFAULT_PREFECT_API

    @property
    def database(self) -> Path:
        return self.state / "portal.sqlite3"

    @property
    def secret_file(self) -> Path:
        return self.state / "sitzungsschluessel"

    @property
    def uploads(self) -> Path:
        return self.state / "uploads"

    @property
    def snapshots(self) -> Path:
        return self.state / "laeufe"
