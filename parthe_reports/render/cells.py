"""How a table cell is filled from a consolidated record: one getter per German format.

A column declares its getter once, e.g. ``Col("Kosten", "cost", 2.0, R, cells.money("cost_total"))``;
the template prints the column and the context builder fills it with ``Table.fill``, so a
table's columns and its rows cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable

from parthe_reports import german as fmt
from parthe_reports.render.context import Names, Record, ref

Cell = Callable[[Record, Names], str]


def text(key: str) -> Cell:
    """The record's ``key`` as text."""
    return lambda r, _n: fmt.text(r[key])


def number(key: str, decimals: int = 0, fixed: bool = False) -> Cell:
    """The record's ``key`` as a German number."""
    return lambda r, _n: fmt.number(r[key], decimals, fixed=fixed)


def money(key: str) -> Cell:
    """The record's ``key`` in euros."""
    return lambda r, _n: fmt.money(r[key])


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


def source(r: Record, _n: Names) -> str:
    """Where the record came from: workbook › sheet › row."""
    return ref(r)
