"""``parthe-reports users …`` and ``portal --help``: accounts from the command line, in German."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from parthe_reports.cli import app
from parthe_reports.portal.auth import verify_password
from parthe_reports.portal.store import Store

runner = CliRunner()


def _users(state: Path, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["users", *args, "--daten", str(state)])


def test_add_list_disable_reset(tmp_path: Path) -> None:
    """It adds a clerk bound to a Kürzel, lists it, disables it and resets its password."""
    added = _users(tmp_path, "add", "brandis", "--rolle", "kommune", "--kuerzel", "BRA",
                   "--kennwort", "Anfangs-Kennwort-1")  # fmt: skip
    assert added.exit_code == 0, added.output
    assert "angelegt (Kommune BRA)" in added.output
    listed = _users(tmp_path, "list")
    assert "brandis" in listed.output and "aktiv" in listed.output
    assert "Anfangs-Kennwort-1" not in listed.output
    assert _users(tmp_path, "disable", "brandis").exit_code == 0
    assert "gesperrt" in _users(tmp_path, "list").output
    reset = _users(tmp_path, "reset-password", "brandis", "--kennwort", "Neues-Kennwort-22")
    assert reset.exit_code == 0
    user = Store(tmp_path / "portal.sqlite3").user("brandis")
    assert user is not None and user.active and user.code == "BRA"
    assert verify_password(user.password_hash, "Neues-Kennwort-22")


def test_bad_input_refused_in_german(tmp_path: Path) -> None:
    """It refuses an unknown role, a clerk without Kürzel, a short password and a duplicate."""
    cases = [
        (
            ["add", "x", "--rolle", "chef", "--kennwort", "lang-genug-123"],
            "Rolle „chef“ gibt es nicht",
        ),
        (
            ["add", "x", "--rolle", "kommune", "--kennwort", "lang-genug-123"],
            "bitte --kuerzel angeben",
        ),
        (["add", "x", "--rolle", "lesend", "--kennwort", "kurz"], "mindestens 10 Zeichen"),
        (["disable", "niemand"], "gibt es nicht"),
    ]
    for args, message in cases:
        result = _users(tmp_path, *args)
        assert result.exit_code == 2 and message in result.output, (args, result.output)
    assert (
        _users(tmp_path, "add", "x", "--rolle", "lesend", "--kennwort", "lang-genug-123").exit_code
        == 0
    )
    again = _users(tmp_path, "add", "x", "--rolle", "lesend", "--kennwort", "lang-genug-123")
    assert again.exit_code == 2 and "gibt es schon" in again.output


def test_portal_help_is_german() -> None:
    """It explains ``portal`` and ``users`` in German."""
    text = runner.invoke(app, ["portal", "--help"]).output
    assert "Abgabeportal" in text and "--daten" in text and "Optionen" in text
    assert "Konten des Abgabeportals" in runner.invoke(app, ["users", "--help"]).output
