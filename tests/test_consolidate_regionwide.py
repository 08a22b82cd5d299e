"""Kommunalprofile in a large region: region-wide („alle“) measures counted, not listed."""

from __future__ import annotations

from parthe_reports.consolidate import consolidate
from parthe_reports.consolidate.frames import regionwide
from parthe_reports.consolidate.profiles import REGIONWIDE_LISTED
from tests.fixtures_dataset import TOPICS, make_dataset, small_region

CODES = ("AAA", "BBB", "CCC")


def _measures(wide: int) -> list[dict[str, object]]:
    """``wide`` measures of all three (led in turn), plus one AAA measure with BBB as partner."""
    rows: list[dict[str, object]] = [
        dict(municipality=CODES[i % 3], measure_id=f"W-{i:03d}", title=f"Verbundweit {i}",
             topic=TOPICS[0], lead=CODES[i % 3], partners=CODES, status="geplant")
        for i in range(wide)
    ]  # fmt: skip
    rows.append(
        dict(municipality="AAA", measure_id="N-001", title="Zu zweit", topic=TOPICS[1],
             lead="AAA", partners=("BBB",), status="geplant")
    )  # fmt: skip
    return rows


def test_many_regionwide_measures_are_counted() -> None:
    """Above the limit a profile lists its own and named measures and counts the rest."""
    wide = REGIONWIDE_LISTED + 3
    c = consolidate(make_dataset({"measures": _measures(wide)}, region=small_region(CODES)))
    led_by_ccc = sum(1 for i in range(wide) if CODES[i % 3] == "CCC")
    ccc = c.profiles["CCC"]
    assert len(ccc.measures) == led_by_ccc and set(ccc.measures["responsible"]) == {"CCC"}
    assert ccc.regionwide_unlisted == wide - led_by_ccc
    bbb = c.profiles["BBB"]
    assert "N-001" in set(bbb.measures["measure_id"])  # named partner: listed
    # Phase 4 still counts every involvement.
    by_muni = c.phase4.by_municipality.set_index("municipality")["involved_in"]
    assert by_muni["CCC"] == wide and by_muni["BBB"] == wide + 1


def test_few_regionwide_measures_are_listed() -> None:
    """Up to the limit every region-wide measure stays in every profile (small regions)."""
    wide = REGIONWIDE_LISTED
    c = consolidate(make_dataset({"measures": _measures(wide)}, region=small_region(CODES)))
    assert len(c.profiles["CCC"].measures) == wide
    assert c.profiles["CCC"].regionwide_unlisted == 0


def test_regionwide_needs_every_municipality() -> None:
    """A measure of all but one municipality is not region-wide."""
    c = consolidate(make_dataset({"measures": _measures(2)}, region=small_region(CODES)))
    flags = regionwide(c.phase4.measures, CODES)
    assert flags.sum() == 2
    assert not regionwide(c.phase4.measures, (*CODES, "DDD")).any()
