"""Tests of the declare-once tables: a column's value fills the rows its template prints."""

from __future__ import annotations

import pandas as pd
import pytest

from parthe_reports.render import cells
from parthe_reports.render.context import Names
from parthe_reports.render.spec import SRC, Col, R, Table
from tests.fixtures_dataset import small_region

TABLE = Table(
    "things",
    (
        Col("Kommune", "municipality", 3.0, value=cells.name("municipality")),
        Col("Kosten", "cost", 2.0, R, cells.money("cost_total")),
        SRC,
    ),
    "Keine.",
)
FRAME = pd.DataFrame(
    {
        "municipality": ["A"],
        "cost_total": [1234.5],
        "source_workbook": ["A.xlsx"],
        "source_sheet": ["Maßnahmen"],
        "source_row": [7],
    }
)


def test_fill_prints_one_row_per_record_in_column_keys() -> None:
    """It prints each record through its columns' values, keyed as the template reads them."""
    region = small_region()
    code = region.codes[0]
    rows = TABLE.fill(FRAME.assign(municipality=[code]), Names(region, (), {"A.xlsx": code}))
    name = region.municipalities[0].name
    assert rows == [{"municipality": name, "cost": "1.234,50\xa0€", "ref": f"{code}·M·7"}]


def test_fill_of_nothing_is_no_rows() -> None:
    """It gives no rows for a missing or empty frame (the template prints its sentence)."""
    names = Names(small_region())
    assert TABLE.fill(None, names) == []
    assert TABLE.fill(FRAME.iloc[0:0], names) == []


def test_fill_refuses_a_column_without_value() -> None:
    """It names the column that declares no value instead of printing a blank cell."""
    table = Table("things", (Col("Kommune", "municipality", 3.0), SRC), "Keine.")
    with pytest.raises(TypeError, match="'municipality'"):
        table.fill(FRAME, Names(small_region()))


def test_value_does_not_change_a_column_for_the_template() -> None:
    """It leaves equality (what the template builder compares) to header, key, width, align."""
    assert Col("Kosten", "cost", 2.0, R, cells.money("cost_total")) == Col("Kosten", "cost", 2.0, R)
    assert Col("Kosten", "cost", 2.0, R) != Col("Kosten", "cost", 2.5, R)
