"""Tests of Zeitraum labels."""

from __future__ import annotations

from datetime import date

import pytest

from parthe_reports.periods import period_bounds, period_label


@pytest.mark.parametrize(
    ("label", "first", "last"),
    [
        ("11/2026", date(2026, 11, 1), date(2026, 11, 30)),
        ("2/2028", date(2028, 2, 1), date(2028, 2, 29)),
        ("Q3/2027", date(2027, 7, 1), date(2027, 9, 30)),
        ("q1/2027", date(2027, 1, 1), date(2027, 3, 31)),
        ("2027", date(2027, 1, 1), date(2027, 12, 31)),
    ],
)
def test_period_bounds(label: str, first: date, last: date) -> None:
    """It gives the first and last day of a month, quarter or year."""
    assert period_bounds(label) == (first, last)


@pytest.mark.parametrize("label", ["13/2026", "Q5/2027", "27", "Herbst 2027", ""])
def test_period_bounds_refuses_what_is_no_period(label: str) -> None:
    """It refuses labels that are no Zeitraum."""
    with pytest.raises(ValueError):
        period_bounds(label)


def test_period_label_round_trips() -> None:
    """It labels the period containing a date so that its bounds contain that date."""
    d = date(2027, 8, 15)
    for granularity in ("month", "quarter", "year"):
        first, last = period_bounds(period_label(d, granularity))
        assert first <= d <= last
