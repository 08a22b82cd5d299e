"""``[benachrichtigung]`` and ``[smtp]`` in region.toml, and the submissions from the inputs folder."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from parthe_reports.notices import NoticeSettings, load_notice_settings, notice_settings_from_dict
from parthe_reports.notices.sources import submissions_from_files
from parthe_reports.paths import REGION_CONFIG
from tests.notices_helpers import region


def test_defaults_without_tables() -> None:
    """It reminds seven days before, sends the digest from Monday and has no SMTP by default."""
    assert notice_settings_from_dict({}) == NoticeSettings((7,), 1, None, None)


def test_tables_are_read() -> None:
    """It reads reminder days, weekday, folder and the SMTP server."""
    s = notice_settings_from_dict(
        {
            "benachrichtigung": {
                "erinnerung_tage": [3, 14],
                "fristen_wochentag": "mittwoch",
                "ablage": "zustand",
            },
            "smtp": {"host": "mail.example.de", "sender": "pb@example.de", "user": "pb"},
        },
        base_dir=Path("/srv/parthe"),
    )
    assert s.reminder_days == (14, 3) and s.digest_weekday == 3
    assert s.folder == Path("/srv/parthe/zustand")
    assert s.state_folder(Path("/other")) == Path("/srv/parthe/zustand")
    assert s.smtp is not None
    assert (s.smtp.host, s.smtp.port, s.smtp.starttls, s.smtp.user) == (
        "mail.example.de",
        587,
        True,
        "pb",
    )
    assert s.smtp.password_env == "PARTHE_SMTP_PASSWORT"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"smtp": {"host": "h", "password": "x"}}, "Das Kennwort gehört nicht in die Datei"),
        ({"smtp": {"host": "h", "passwort": "x"}}, "Das Kennwort gehört nicht in die Datei"),
        ({"smtp": {"port": 25}}, "host fehlt"),
        ({"smtp": {"host": "h", "port": 0}}, "keine Portnummer"),
        ({"smtp": {"host": "h", "starttls": "ja"}}, "weder true noch false"),
        ({"smtp": {"host": "h", "hots": "x"}}, "kennt hots nicht"),
        ({"benachrichtigung": {"erinnerung_tage": [-1]}}, "keine Liste von Tagen"),
        ({"benachrichtigung": {"erinnerung_tage": []}}, "keine Liste von Tagen"),
        ({"benachrichtigung": {"fristen_wochentag": "Mo"}}, "kein Wochentag"),
    ],
)
def test_bad_settings_are_refused_in_german(raw: dict, message: str) -> None:
    """It refuses a password in the file and malformed values with a German message."""
    with pytest.raises(ValueError, match=message):
        notice_settings_from_dict(raw)


def test_the_project_region_toml_has_valid_settings() -> None:
    """It reads the shipped region.toml (no SMTP there: notices go to the log)."""
    s = load_notice_settings(REGION_CONFIG)
    assert s.smtp is None and s.reminder_days


def test_submissions_from_files_take_the_newest_workbook(tmp_path: Path) -> None:
    """It gives each Kürzel the newest modification time of its workbooks, None when absent."""
    old, new, other = (tmp_path / n for n in ("a.xlsx", "b.xlsx", "c.xlsx"))
    for p, stamp in ((old, 1_700_000_000), (new, 1_760_000_000), (other, 1_750_000_000)):
        p.write_bytes(b"x")
        os.utime(p, (stamp, stamp))
    got = submissions_from_files(
        region(), [("BRA", old), ("BRA", new), ("XYZ", other), (None, other)]
    )
    assert got == {
        "BOR": None,
        "BRA": datetime.fromtimestamp(1_760_000_000, tz=UTC),
        "NAU": None,
    }
