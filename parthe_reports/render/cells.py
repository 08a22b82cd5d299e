"""How a table cell is filled from a consolidated record: one getter per German format.

A column declares its getter once, e.g. ``Col("Kosten", "cost", 2.0, R, cells.money("cost_total"))``;
the template prints the column and the context builder fills it with ``Table.fill``, so a
table's columns and its rows cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import pandas as pd

from parthe_reports import german as fmt
from parthe_reports.dataset import APPROX_SUFFIX
from parthe_reports.render.context import Names, Record

Cell = Callable[[Record, Names], str]
CA = f"ca.{fmt.NBSP}"


def text(key: str) -> Cell:
    """The record's ``key`` as text."""
    return lambda r, _n: fmt.text(r[key])


def number(key: str, decimals: int = 0, fixed: bool = False) -> Cell:
    """The record's ``key`` as a German number."""
    return lambda r, _n: fmt.number(r[key], decimals, fixed=fixed)


def money(key: str) -> Cell:
    """The record's ``key`` in euros."""
    return lambda r, _n: fmt.money(r[key])


def is_approx(r: Record, key: str) -> bool:
    """True when the clerk typed the record's ``key`` as „ca. …“ (its ``<key>_approx`` flag)."""
    flag = r.get(key + APPROX_SUFFIX)
    return not fmt.is_missing(flag) and bool(flag)


def ca_money(value: Any, approx: bool) -> str:
    """``5.000,00 €``, or ``ca. 5.000 €`` (no cents) for an approximate amount."""
    if approx and not fmt.is_missing(value):
        return CA + fmt.money(value, 0)
    return fmt.money(value)


def approx_money(key: str) -> Cell:
    """The record's ``key`` in euros; „ca. 5.000 €“ when typed as approximate."""
    return lambda r, _n: ca_money(r[key], is_approx(r, key))


def approx_number(key: str, decimals: int = 0) -> Cell:
    """The record's ``key`` as a German number; „ca. 12“ when typed as approximate."""
    return lambda r, _n: (
        CA + fmt.number(r[key], decimals)
        if is_approx(r, key) and not fmt.is_missing(r[key])
        else fmt.number(r[key], decimals)
    )


def sum_row(df: pd.DataFrame, labels: dict[str, str], keys: Iterable[str]) -> dict[str, str]:
    """A printed sum row: ``labels`` as given, each of ``keys`` summed in euros over ``df``
    (empty cells count 0; „ca.“ when any summand was typed as approximate)."""
    row = dict(labels)
    for k in keys:
        total = float(pd.to_numeric(df[k], errors="coerce").fillna(0.0).sum()) if len(df) else 0.0
        flag = k + APPROX_SUFFIX
        approx = flag in df.columns and bool(df[flag].map(lambda v: v is True or v == 1).any())
        row[k] = ca_money(total, approx)
    return row


def percent(key: str, decimals: int = 1) -> Cell:
    """The record's ``key`` (a share) as a percentage."""
    return lambda r, _n: fmt.percent(r[key], decimals)


def date(key: str) -> Cell:
    """The record's ``key`` as a German date."""
    return lambda r, _n: fmt.date_de(r[key])


def name(key: str) -> Cell:
    """The municipality code in ``key`` as its printed name."""
    return lambda r, n: n.name(r[key])


def names(key: str) -> Cell:
    """The municipality codes in ``key`` as printed names („alle Kommunen“ for all)."""
    return lambda r, n: n.names(r[key])


QUESTIONED = "†"  # explained in the appendix „Methodik und Datengrundlage“


def source(r: Record, n: Names) -> str:
    """Where the record came from, short („BOR·M·7“: workbook › sheet › row), with † when
    a plausibility finding questions a value of that row."""
    return n.ref(r) + (f"{fmt.NBSP}{QUESTIONED}" if n.is_questioned(r) else "")
