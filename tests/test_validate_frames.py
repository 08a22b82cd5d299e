"""The sheet table built from column arrays equals the one pandas' public constructor builds."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import numpy as np
import pandas as pd
import pandas.testing as pdt

from parthe_reports.validate.model import records
from parthe_reports.validate.sheet import frame_of_arrays, frame_of_arrays_public


def _objects(values: Sequence[object]) -> np.ndarray:
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def _data(n: int) -> dict[str, np.ndarray]:
    texts = ["Radweg", None, "=SUMME(1;2)", "", ("a", "b")][:n] + [None] * max(0, n - 5)
    return {
        "title": _objects(texts),
        "start": _objects([date(2026, 1, 1)] * n),
        "cost": np.asarray([1.5, np.nan, 3.0, 4.0, 5.0][:n] + [0.0] * max(0, n - 5)),
        "cost_approx": np.zeros(n, dtype=bool),
        "_row": np.arange(2, n + 2, dtype=np.int64),
        "_municipality": _objects([None] * n),
    }


def test_frame_keeps_none_and_object_columns() -> None:
    """It keeps None as None in text columns (no str dtype, no NaN) and every dtype as given."""
    for n in (0, 1, 5, 12):
        fast, public = frame_of_arrays(_data(n), n), frame_of_arrays_public(_data(n), n)
        pdt.assert_frame_equal(fast, public)
        assert [str(t) for t in fast.dtypes] == [
            "object",
            "object",
            "float64",
            "bool",
            "int64",
            "object",
        ]
        if n > 1:
            assert fast["title"].tolist()[1] is None
        assert isinstance(fast.index, pd.RangeIndex)


def test_frame_is_independent_of_later_edits() -> None:
    """It gives frames that do not share column data with each other."""
    a, b = frame_of_arrays(_data(3), 3), frame_of_arrays(_data(3), 3)
    a.loc[0, "title"] = "neu"
    assert b.loc[0, "title"] == "Radweg"


def test_records_equal_to_dict() -> None:
    """It gives the rows ``to_dict("records")`` gives: same keys, values and Python types."""
    frame = frame_of_arrays(_data(5), 5)
    frame["boxed"] = pd.Series(
        [np.float64(1.5), np.int64(2), np.bool_(True), None, "x"], dtype=object
    )
    frame["label"] = pd.Series(["a", None, "c", "d", "e"])  # pandas' own str dtype
    expected, got = frame.to_dict("records"), records(frame)
    assert len(got) == len(expected)
    for want, row in zip(expected, got, strict=True):
        assert list(row) == list(want)
        for key, value in want.items():
            assert type(row[key]) is type(value), key
            assert row[key] == value or (value != value and row[key] != row[key]), key
