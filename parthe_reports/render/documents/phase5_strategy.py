"""Phase 5 – the Förderstrategie: candidate programmes per measure without an application,
own shares per municipality and year, and the programmes whose deadline has passed.

The computations are ``narrative.funding``'s; this module only prints them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from parthe_reports import german as fmt
from parthe_reports.narrative import funding
from parthe_reports.render.context import Names, Row
from parthe_reports.render.spec import Col, Matrix, R, Table

SUM = "Summe"
NO_OPTION = "kein offenes Programm dieses Themenbereichs"

CANDIDATES = Table(
    "candidates",
    (
        Col("Maßnahme", "measure", 4.4),
        Col("Kosten", "cost", 2.2, R),
        Col("Programm", "programme", 4.0),
        Col("Quote", "rate", 1.3, R),
        Col("Antragsfrist", "deadline", 2.1),
        Col("geschätzte Förderung", "estimate", 2.4, R),
    ),
    "Jede Maßnahme mit Kosten hat bereits einen Förderantrag.",
    "Förderstrategie: in Frage kommende Programme je Maßnahme ohne Förderantrag",
)
OWN_SHARES = Matrix(
    "own_shares",
    "own_share_years",
    "Kommune",
    "Es sind keine Eigenanteile aus Förderanträgen gemeldet.",
    "Eigenanteile je Kommune und Jahr (Haushaltswirkung)",
    label_width=4.0,
)
EXPIRED = Table(
    "expired",
    (
        Col("Nr.", "programme_id", 1.5),
        Col("Programm", "programme", 7.0),
        Col("Fördergeber", "funder", 2.5),
        Col("Antragsfrist", "deadline", 2.4),
        Col("Status", "status", 2.6),
    ),
    "Kein erfasstes Programm ist abgelaufen.",
    "Abgelaufene Programme (nicht mehr relevant)",
)


def candidate_rows(unfunded: pd.DataFrame, programmes: pd.DataFrame, stichtag: date) -> list[Row]:
    """One row per (measure, open programme), the measure named on its first row only;
    a measure without any open programme gets one row saying so."""
    todo = unfunded[~unfunded["status"].isin(funding.DONE_OR_PAUSED)] if len(unfunded) else unfunded
    rows: list[Row] = []
    for m in funding.candidates(todo, programmes, stichtag):
        head = {
            "measure": f"{fmt.text(m.measure_id)}: {fmt.text(m.title)}",
            "cost": fmt.money(m.cost),
        }
        if not m.options:
            rows.append(
                {**head, "programme": NO_OPTION, "rate": "", "deadline": "", "estimate": ""}
            )
        for i, o in enumerate(m.options):
            rows.append(
                {
                    **(head if i == 0 else {"measure": "", "cost": ""}),
                    "programme": f"{fmt.text(o.programme_id)}: {fmt.text(o.programme)}",
                    "rate": fmt.percent(o.rate, 0),
                    "deadline": fmt.date_de(o.deadline) if o.deadline else "laufend",
                    "estimate": fmt.money(o.estimate),
                }
            )
    return rows


def own_share_matrix(
    applications: pd.DataFrame, measures: pd.DataFrame, stichtag: date, names: Names, codes: Any
) -> tuple[list[str], list[dict[str, Any]]]:
    """Year columns (then „Summe“) and one row per municipality, then the „Summe“ row."""
    wide = funding.own_share_table(funding.own_shares(applications, measures, stichtag), codes)
    if wide.empty:
        return [], []
    years = [c for c in wide.columns if c != "municipality"]
    rows = [
        {
            "label": SUM if r["municipality"] == SUM else names.name(r["municipality"]),
            "cells": [fmt.money(r[y]) for y in years],
        }
        for _, r in wide.iterrows()
    ]
    return years, rows


def expired_rows(programmes: pd.DataFrame, stichtag: date) -> list[Row]:
    """The programmes whose Antragsfrist has passed or that are closed, by Antragsfrist."""
    return [
        {
            "programme_id": fmt.text(p["programme_id"]),
            "programme": fmt.text(p.get("programme")),
            "funder": fmt.text(p.get("funder")),
            "deadline": fmt.date_de(p.get("deadline")),
            "status": fmt.text(p.get("status")),
        }
        for _, p in funding.expired(programmes, stichtag).iterrows()
    ]


def relevant(programmes: pd.DataFrame, stichtag: date) -> pd.DataFrame:
    """The programmes still open (the „Relevante Förderprogramme“)."""
    if programmes.empty:
        return programmes
    return programmes[[not funding.is_expired(p, stichtag) for _, p in programmes.iterrows()]]
