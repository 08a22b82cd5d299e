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
    notices: Path | None = None  # the reminders' log; None: as `erinnern` and serve find it

    def notices_folder(self) -> Path:
        """Where the reminders' log lives: as configured here, in region.toml, or Prefect's home."""
        if self.notices is not None:
            return self.notices
        from flows.settings import prefect_home  # the portal sits above flows (layers)
        from parthe_reports.notices import STATE_FOLDER, load_notice_settings

        try:
            settings = load_notice_settings(self.region_config)
        except (OSError, ValueError):  # a broken region.toml is reported by the pages that read it
            return prefect_home() / STATE_FOLDER
        return settings.state_folder(prefect_home() / STATE_FOLDER)

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
