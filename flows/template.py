"""A migrated, empty Prefect database, made once at set-up and copied into a fresh home.

A fresh Prefect home starts with no database: the local API would create it by running
every Alembic migration of Prefect (≈ 150, one by one), 3–10 s here (measured) — half of
the first run's cost on the example data. The result is the same empty schema on every
machine with the same Prefect version, so ``make`` (the set-up, ``python -m
flows.template``) migrates it once into the virtual environment, next to the Prefect it
belongs to, and :func:`seed_home` copies it into a home that has no database yet.

Nothing is trusted blindly: the API still runs Prefect's migrations on start, which finds
the copy at the head revision (≈ 0.04 s) or upgrades it if it is older. Without a
template (installed by hand with pip) a fresh home is migrated as before.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
import tempfile
from pathlib import Path

SQLITE_PREFIX = "sqlite+aiosqlite:///"
# A database named by the user (environment or profile) is theirs: never seeded.
_URL_SETTINGS = ("PREFECT_API_DATABASE_CONNECTION_URL", "PREFECT_SERVER_DATABASE_CONNECTION_URL")


def template_path() -> Path:
    """Where the template of the installed Prefect version lives (inside the venv)."""
    from importlib.metadata import version

    name = f"prefect-{version('prefect')}.db"
    return Path(sys.prefix) / "share" / "parthe-reports" / name


def home_database() -> Path | None:
    """The SQLite file of the configured Prefect home; None for any other database."""
    if any(os.environ.get(key) for key in _URL_SETTINGS):
        return None
    from prefect.settings import get_current_settings

    url = get_current_settings().server.database.connection_url
    text = url.get_secret_value() if url is not None else ""
    return Path(text.removeprefix(SQLITE_PREFIX)) if text.startswith(SQLITE_PREFIX) else None


def _copy_database(source: Path, target: Path) -> None:
    """``source`` into ``target`` via SQLite's backup API (consistent even with a WAL),
    written beside ``target`` and linked into place: a reader never sees half a database,
    and a database someone made meanwhile is never replaced (FileExistsError)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    try:
        src, dst = sqlite3.connect(source), sqlite3.connect(tmp)
        with contextlib.closing(src), contextlib.closing(dst):
            src.backup(dst)
        os.link(tmp, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def seed(target: Path) -> bool:
    """Copy the template to ``target`` if there is none yet; True if copied. Never raises:
    without a copy Prefect migrates ``target`` itself, as before."""
    with contextlib.suppress(Exception):
        template = template_path()
        if target.exists() or not template.is_file():
            return False
        _copy_database(template, target)
        return True
    return False


def seed_home() -> bool:
    """The template into the Prefect home if the home has no database yet (call under the
    API's start-up lock); True if copied."""
    with contextlib.suppress(Exception):
        target = home_database()
        return target is not None and seed(target)
    return False


def build(target: Path | None = None) -> Path:
    """Migrate an empty database with Prefect's own migrations and keep it as the template.
    Must run in a process that has not imported Prefect yet (it points Prefect at a
    temporary database first): ``python -m flows.template``."""
    import asyncio

    target = target or template_path()
    with tempfile.TemporaryDirectory(prefix="parthe-prefect-template-") as tmp:
        database = Path(tmp) / "prefect.db"
        os.environ["PREFECT_HOME"] = tmp
        os.environ["PREFECT_API_DATABASE_CONNECTION_URL"] = f"{SQLITE_PREFIX}{database}"
        from prefect.server.database import provide_database_interface

        asyncio.run(provide_database_interface().create_db())  # Alembic: every migration
        with contextlib.suppress(FileNotFoundError):
            target.unlink()  # made again (e.g. `make` after a change of pyproject.toml)
        _copy_database(database, target)
    target.chmod(0o644)  # an empty schema, no secret: a service user may read it too
    return target


if __name__ == "__main__":
    print(f"Prefect-Datenbankvorlage: {build()}")
