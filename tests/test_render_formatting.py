"""German formatting: money, dates, percentages, numbers, AGS, sorting."""

from __future__ import annotations

import math
from datetime import date, datetime

from parthe_reports import german as fmt

NBSP = "\u00a0"


def test_money_has_thousands_dots_decimal_comma_and_euro():
    """It prints 1234.56 as 1.234,56 € (with a non-breaking space)."""
    assert fmt.money(1234.56) == f"1.234,56{NBSP}€"
    assert fmt.money(20922500) == f"20.922.500,00{NBSP}€"
    assert fmt.money(0) == f"0,00{NBSP}€"


def test_money_missing_is_a_dash_not_nan():
    """It prints a missing amount as a dash, never nan or 0."""
    assert fmt.money(None) == "–"
    assert fmt.money(math.nan) == "–"


def test_short_money_for_charts():
    """It abbreviates chart labels to T€ and Mio. €."""
    assert fmt.money_short(1_234_567) == f"1,2{NBSP}Mio.{NBSP}€"
    assert fmt.money_short(850_000) == f"850{NBSP}T€"


def test_dates_are_day_month_year():
    """It prints 25.11.2026 for dates and datetimes."""
    assert fmt.date_de(date(2026, 11, 25)) == "25.11.2026"
    assert fmt.date_de(datetime(2026, 1, 5, 13, 0)) == "05.01.2026"
    assert fmt.date_de(None) == "–"


def test_percent_with_space_and_comma():
    """It prints 80 % and 19,9 % on the 0–100 scale."""
    assert fmt.percent(80) == f"80{NBSP}%"
    assert fmt.percent(19.939) == f"19,9{NBSP}%"
    assert fmt.percent(math.nan) == "–"


def test_numbers():
    """It groups thousands with dots and keeps decimals only where asked."""
    assert fmt.number(8195) == "8.195"
    assert fmt.number(2.5, 2) == "2,5"
    assert fmt.number(2.5, 2, fixed=True) == "2,50"


def test_ags_grouped_as_in_official_lists():
    """It prints the AGS 14729060 as 14 7 29 060 and leaves malformed ones as typed."""
    assert fmt.ags("14729060") == "14 7 29 060"
    assert fmt.ags("1472906") == "1472906"


def test_german_collation():
    """It sorts Ä with A, Ö with O, ß as ss, case-insensitively (DIN 5007-1)."""
    names = ["Zwenkau", "Ölsnitz", "Großpösna", "Aue", "Äpfelbach", "Groitzsch", "borsdorf"]
    assert fmt.sorted_de(names) == [
        "Äpfelbach",
        "Aue",
        "borsdorf",
        "Groitzsch",
        "Großpösna",
        "Ölsnitz",
        "Zwenkau",
    ]


def test_byte_order_would_be_wrong():
    """It differs from plain sorted(), which puts Ä and Ö after Z."""
    names = ["Ölsnitz", "Zwenkau", "Aue"]
    assert sorted(names) != fmt.sorted_de(names)


def test_text_keeps_content_and_drops_control_characters():
    """It keeps & < > quotes braces breaks tabs emoji and removes control characters."""
    raw = 'a & <b> "q" {{ x }}\r\nzwei\tdrei 🚀\x07\x1b\x00'
    assert fmt.text(raw) == 'a & <b> "q" {{ x }}\nzwei\tdrei 🚀'
    assert fmt.text(("BRA", "NAU")) == "BRA, NAU"
    assert fmt.text(3.0) == "3"


def test_join_de():
    """It joins with commas and 'und'."""
    assert fmt.join_de(["A", "B", "C"]) == "A, B und C"
    assert fmt.join_de(["A"]) == "A"
