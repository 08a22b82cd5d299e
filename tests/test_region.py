"""Tests of the region configuration."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from parthe_reports.paths import REGION_CONFIG
from parthe_reports.region import load_region, region_from_dict


def test_default_region_is_partheland_in_spec_order() -> None:
    """It reads the six founding municipalities and the seven topics in the spec's order."""
    region = load_region()
    assert region.name == "Partheland"
    assert region.codes == ("BOR", "BRA", "GRP", "NAU", "BEL", "PAR")
    assert region.municipality("GRP").name == "Großpösna"
    assert region.municipality("BEL").ags == "14729020"
    assert region.topics[0] == "Verwaltungsaufgaben"
    assert region.topics[-1] == "Kommunikation"
    assert len(region.topics) == 7
    assert len(region.guiding_questions) == 3


def test_ags_stays_text_with_leading_digits(tmp_path: Path) -> None:
    """It keeps the AGS as an 8-character string."""
    raw = tomllib.loads(REGION_CONFIG.read_text(encoding="utf-8"))
    raw["municipalities"][0]["ags"] = "01001000"
    region = region_from_dict(raw)
    assert region.municipalities[0].ags == "01001000"


@pytest.mark.parametrize(
    ("field", "value", "needle"),
    [("ags", "1472906", "8-stellig"), ("code", "bo", "Großbuchstaben")],
)
def test_bad_municipality_entry_is_refused_in_german(field: str, value: str, needle: str) -> None:
    """It refuses a malformed municipality entry with a German message."""
    raw = tomllib.loads(REGION_CONFIG.read_text(encoding="utf-8"))
    raw["municipalities"][0][field] = value
    with pytest.raises(ValueError, match=needle):
        region_from_dict(raw)


def test_duplicate_code_is_refused() -> None:
    """It refuses two municipalities with the same Kürzel."""
    raw = tomllib.loads(REGION_CONFIG.read_text(encoding="utf-8"))
    raw["municipalities"][1]["code"] = raw["municipalities"][0]["code"]
    with pytest.raises(ValueError, match="doppelt"):
        region_from_dict(raw)


def test_judgement_defaults_and_overrides() -> None:
    """It reads [judgement] over documented defaults; an omitted table keeps the defaults."""
    raw = tomllib.loads(REGION_CONFIG.read_text(encoding="utf-8"))
    assert load_region().judgement.quick_win_max_cost == 50_000.0
    raw["judgement"] = {"quick_win_months": 6, "high_vacancy_rate": 30}
    j = region_from_dict(raw).judgement
    assert (j.quick_win_months, j.high_vacancy_rate, j.low_funding_rate) == (6, 30.0, 50.0)
    assert isinstance(j.quick_win_months, int) and isinstance(j.high_vacancy_rate, float)
    del raw["judgement"]
    assert region_from_dict(raw).judgement.quick_win_months == 12


@pytest.mark.parametrize(
    ("table", "needle"),
    [
        ({"quick_win_monate": 6}, "kennt quick_win_monate nicht"),
        ({"top_fields": "drei"}, "keine Zahl"),
        ({"top_fields": -1}, "keine Zahl"),
    ],
)
def test_bad_judgement_is_refused_in_german(table: dict, needle: str) -> None:
    """It refuses an unknown key or a value that is not a number ≥ 0."""
    raw = tomllib.loads(REGION_CONFIG.read_text(encoding="utf-8"))
    raw["judgement"] = table
    with pytest.raises(ValueError, match=needle):
        region_from_dict(raw)


def test_shipped_judgement_table_equals_the_defaults() -> None:
    """It documents the defaults in region.toml: every key present, every value the default."""
    from dataclasses import asdict

    from parthe_reports.region import Judgement

    raw = tomllib.loads(REGION_CONFIG.read_text(encoding="utf-8"))
    assert raw["judgement"] == asdict(Judgement())


def test_periods_contacts_and_the_period_of_a_stichtag() -> None:
    """It reads [[perioden]] in Stichtag order, the contacts, and finds a Stichtag's period."""
    from datetime import date

    raw = tomllib.loads(REGION_CONFIG.read_text(encoding="utf-8"))
    raw["perioden"] = list(reversed(raw["perioden"]))
    region = region_from_dict(raw)
    assert [p.name for p in region.periods] == ["2026/II", "2027/I"]
    assert region.periods[0].deadline == date(2026, 12, 15)
    assert region.period_of(date(2026, 12, 1)).name == "2026/II"  # type: ignore[union-attr]
    assert region.period_of(date(2027, 1, 1)).name == "2027/I"  # type: ignore[union-attr]
    assert region.period_of(date(2027, 7, 1)) is None
    assert region.office_email == "projektbuero@partheland.example"
    assert region.municipality("GRP").email == "partheland@grosspoesna.example"


@pytest.mark.parametrize(
    "entry",
    [{"name": "2026", "stichtag": "31.12.2026", "abgabefrist": "2026-12-15"}, {"name": ""}],
)
def test_bad_period_is_refused_in_german(entry: dict) -> None:
    """It refuses a period without dates (a TOML date, not text) with a German message."""
    raw = tomllib.loads(REGION_CONFIG.read_text(encoding="utf-8"))
    raw["perioden"] = [entry]
    with pytest.raises(ValueError, match="braucht name, stichtag und abgabefrist"):
        region_from_dict(raw)
