"""Phase 5 Förderstrategie: candidate programmes, own shares per year, expired programmes."""

from __future__ import annotations

from datetime import date

import pandas as pd

from parthe_reports.narrative.funding import (
    candidates,
    expired,
    is_expired,
    own_share_table,
    own_shares,
)

STICHTAG = date(2026, 11, 25)
V, K = "Verwaltungsaufgaben", "Kultur"


def programmes() -> pd.DataFrame:
    rows = [
        dict(
            programme_id="P1",
            programme="Spät",
            funder="Land",
            rate=75.0,
            topic=V,
            deadline=date(2027, 10, 30),
        ),
        dict(
            programme_id="P2",
            programme="Früh",
            funder="EU",
            rate=80.0,
            topic=V,
            deadline=date(2027, 1, 31),
        ),
        dict(
            programme_id="P3", programme="Laufend", funder="Bund", rate=50.0, topic=V, deadline=None
        ),
        dict(
            programme_id="P4",
            programme="Vorbei",
            funder="Bund",
            rate=90.0,
            topic=V,
            deadline=date(2026, 11, 24),
        ),
        dict(
            programme_id="P5",
            programme="Kultur",
            funder="Land",
            rate=50.0,
            topic=K,
            deadline=date(2027, 2, 1),
        ),
        dict(
            programme_id="P6",
            programme="Zu",
            funder="Land",
            rate=50.0,
            topic=V,
            deadline=date(2027, 3, 1),
            status="geschlossen",
        ),
        dict(
            programme_id="P7",
            programme="Heute",
            funder="Land",
            rate=40.0,
            topic=V,
            deadline=STICHTAG,
            max_amount=10_000.0,
        ),
    ]
    return pd.DataFrame(rows)


def unfunded() -> pd.DataFrame:
    return pd.DataFrame(
        [
            dict(
                measure_id="M1",
                title="Vergabestelle",
                topic=V,
                cost_total=90_000.0,
                responsible="BRA",
                status="Idee",
            )
        ]
    )


def test_candidates_are_open_programmes_of_the_topic_by_deadline():
    """It lists same-topic programmes whose deadline is not past, earliest first, rolling ones last."""
    (m,) = candidates(unfunded(), programmes(), STICHTAG)
    assert [o.programme_id for o in m.options] == ["P7", "P2", "P1", "P3"]
    assert m.options[1].days_left == 67


def test_past_closed_and_foreign_programmes_are_no_candidates():
    """It leaves out a deadline one day before the Stichtag, a closed programme and other topics."""
    (m,) = candidates(unfunded(), programmes(), STICHTAG)
    ids = {o.programme_id for o in m.options}
    assert not ids & {"P4", "P5", "P6"}


def test_estimate_is_cost_times_rate_capped_at_the_maximum():
    """It estimates 90.000 € × 80 % = 72.000 € and caps at a programme's Höchstbetrag."""
    (m,) = candidates(unfunded(), programmes(), STICHTAG)
    est = {o.programme_id: o.estimate for o in m.options}
    assert est["P2"] == 72_000.0
    assert est["P7"] == 10_000.0


def test_expired_programmes_are_listed_apart():
    """It lists programmes past their deadline or closed, not those due today."""
    assert list(expired(programmes(), STICHTAG)["programme_id"]) == ["P4", "P6"]
    assert not is_expired({"deadline": STICHTAG}, STICHTAG)
    assert is_expired({"deadline": None, "status": " Geschlossen "}, STICHTAG)


def apps() -> pd.DataFrame:
    return pd.DataFrame(
        [
            dict(
                application_id="A1",
                municipality="BRA",
                measure_id="M1",
                own_share=10_000.0,
                status="bewilligt",
                submitted_on=date(2026, 3, 1),
            ),
            dict(
                application_id="A2",
                municipality="BRA",
                measure_id="M2",
                own_share=5_000.0,
                status="eingereicht",
                submitted_on=date(2026, 5, 1),
            ),
            dict(
                application_id="A3",
                municipality="BRA",
                measure_id=None,
                own_share=2_000.0,
                status="in Vorbereitung",
                submitted_on=None,
            ),
            dict(
                application_id="A4",
                municipality="NAU",
                measure_id="M1",
                own_share=7_000.0,
                status="abgelehnt",
                submitted_on=date(2026, 1, 1),
            ),
        ]
    )


def measures() -> pd.DataFrame:
    return pd.DataFrame(
        [dict(measure_id="M1", start_date=date(2027, 1, 1)), dict(measure_id="M2", start_date=None)]
    )


def test_own_shares_by_municipality_and_year_without_refused_applications():
    """It sums Eigenanteile per municipality and year of the measure's start (else submission,
    else Stichtag) and leaves refused applications out."""
    got = own_shares(apps(), measures(), STICHTAG)
    assert got.to_dict("records") == [
        {"municipality": "BRA", "year": 2026, "own_share": 7_000.0, "applications": 2},
        {"municipality": "BRA", "year": 2027, "own_share": 10_000.0, "applications": 1},
    ]


def test_own_share_table_has_sum_row_and_column():
    """It pivots to municipality × year with a Summe column and a Summe row."""
    wide = own_share_table(own_shares(apps(), measures(), STICHTAG), ("NAU", "BRA"))
    assert list(wide.columns) == ["municipality", "2026", "2027", "Summe"]
    assert wide.set_index("municipality").loc["Summe", "Summe"] == 17_000.0
    assert own_share_table(own_shares(apps().iloc[0:0], measures(), STICHTAG), ("BRA",)).empty
