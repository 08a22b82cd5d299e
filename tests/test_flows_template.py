"""The migrated Prefect database template (flows.template): copied into a fresh home only."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import flows  # noqa: F401  (Prefect environment defaults before prefect is imported)
from flows import template


def _database(path: Path, revision: str) -> Path:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
        db.execute("INSERT INTO alembic_version VALUES (?)", (revision,))
    return path


def _revision(path: Path) -> str:
    with sqlite3.connect(path) as db:
        return str(db.execute("SELECT version_num FROM alembic_version").fetchone()[0])


@pytest.fixture
def fake_template(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = _database(tmp_path / "vorlage.db", "head-of-template")
    monkeypatch.setattr(template, "template_path", lambda: path)
    return path


def test_seed_copies_the_template_into_a_missing_database(
    fake_template: Path, tmp_path: Path
) -> None:
    target = tmp_path / "home" / "prefect.db"
    assert template.seed(target)
    assert _revision(target) == "head-of-template"
    assert not list(target.parent.glob(".*.tmp"))  # no half-written copy left


def test_seed_never_replaces_an_existing_database(fake_template: Path, tmp_path: Path) -> None:
    target = _database(tmp_path / "prefect.db", "runs-of-the-user")
    assert not template.seed(target)
    assert _revision(target) == "runs-of-the-user"


def test_without_template_nothing_is_copied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(template, "template_path", lambda: tmp_path / "fehlt.db")
    target = tmp_path / "prefect.db"
    assert not template.seed(target)
    assert not target.exists()  # Prefect migrates it itself


def test_a_database_named_by_the_user_is_not_seeded(
    fake_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(
        "PREFECT_API_DATABASE_CONNECTION_URL", f"sqlite+aiosqlite:///{tmp_path}/x.db"
    )
    assert template.home_database() is None
    assert not template.seed_home()
    assert not (tmp_path / "x.db").exists()


def test_home_database_is_the_sqlite_file_in_prefects_home() -> None:
    from prefect.settings import get_current_settings

    database = template.home_database()
    assert database is not None
    assert database.parent == Path(get_current_settings().home)


def test_the_installed_template_is_at_prefects_head_revision() -> None:
    """The set-up's template (if made) is what Prefect's migrations would make now."""
    path = template.template_path()
    if not path.is_file():
        pytest.skip("no template in this environment (`python -m flows.template` not run)")
    from alembic.script import ScriptDirectory
    from prefect.server.database.alembic_commands import alembic_config
    from prefect.server.database.orm_models import AioSqliteORMConfiguration

    config = alembic_config()
    config.set_main_option("version_locations", str(AioSqliteORMConfiguration().versions_dir))
    heads = ScriptDirectory.from_config(config).get_heads()
    assert heads
    assert _revision(path) in heads
