"""A small region with hand-in rounds and contacts, and a fixed clock, for the notices tests."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from parthe_reports.notices import FundingDeadline, NoticeSettings
from parthe_reports.region import Region, region_from_dict

OFFICE = "projektbuero@partheland.example"
DEADLINE = date(2026, 12, 15)  # Abgabefrist of 2026/II (a Tuesday)
NOW = datetime(2026, 12, 8, 7, 0, tzinfo=UTC)  # the fixed clock: deadline − 7 days, 08:00 local


def region_dict(**overrides: Any) -> dict[str, Any]:
    raw: dict[str, Any] = {
        "name": "Partheland",
        "full_name": "Interkommunaler Verbundraum Partheland",
        "topics": ["Kultur"],
        "municipalities": [
            {"code": "BOR", "name": "Borsdorf", "ags": "14729060", "email": "bor@example.org"},
            {
                "code": "BRA",
                "name": "Brandis",
                "kind": "Stadt",
                "ags": "14729070",
                "email": "bra@example.org",
            },
            {"code": "NAU", "name": "Naunhof", "kind": "Stadt", "ags": "14729300"},  # no e-mail
        ],
        "kontakt": {"projektbuero": OFFICE},
        "perioden": [
            {"name": "2026/II", "stichtag": date(2026, 12, 31), "abgabefrist": DEADLINE},
            {"name": "2027/I", "stichtag": date(2027, 6, 30), "abgabefrist": date(2027, 6, 15)},
        ],
        "schedules": {"timezone": "Europe/Berlin"},
    }
    raw.update(overrides)
    return raw


def region(**overrides: Any) -> Region:
    return region_from_dict(region_dict(**overrides))


SETTINGS = NoticeSettings()  # reminder 7 days before, digest from Monday, no SMTP
SUBMITTED_BOR = {"BOR": datetime(2026, 11, 20, 10, 0, tzinfo=UTC), "BRA": None, "NAU": None}
FUNDING = [
    FundingDeadline(date(2026, 12, 20), 12, "Antragsfrist", "LEADER Partheland", "FP-01"),
    FundingDeadline(
        date(2027, 1, 31), 54, "Frist Verwendungsnachweis", "Kulturraum", "FA-03", "BRA"
    ),
]
