"""Small pandas helpers shared by the phase modules: sources, ordering, safe rates."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

import numpy as np
import pandas as pd

from parthe_reports.periods import period_bounds

SOURCE_WORKBOOKS = "source_workbooks"
ORDER_COLS = ("source_workbook", "source_row")


def sources_of(*frames: pd.DataFrame) -> tuple[str, ...]:
    """Sorted file names of the workbooks whose rows are in ``frames``."""
    names: set[str] = set()
    for f in frames:
        if "source_workbook" in f.columns:
            names.update(str(v) for v in f["source_workbook"].dropna().unique())
        if SOURCE_WORKBOOKS in f.columns:
            for t in f[SOURCE_WORKBOOKS]:
                names.update(t)
    return tuple(sorted(names))


def _tuple_sorted(values: Iterable[object]) -> tuple[str, ...]:
    return tuple(sorted({str(v) for v in values if v is not None and v == v}))


def stable(df: pd.DataFrame) -> pd.DataFrame:
    """Rows in provenance order, so results never depend on the order rows arrived in."""
    keys = [c for c in ORDER_COLS if c in df.columns]
    return df.sort_values(keys, kind="stable").reset_index(drop=True) if keys else df


def group_sum(
    df: pd.DataFrame,
    by: Sequence[str],
    sums: dict[str, str],
    count_as: str | None = None,
) -> pd.DataFrame:
    """Group ``df`` by ``by``: sums of columns (``new name → column``), a row count and the
    sorted tuple of contributing workbooks. Empty groups are dropped (reindex afterwards)."""
    g = df.groupby(list(by), sort=True, dropna=False)
    out = pd.DataFrame(index=g.size().index)
    if count_as:
        out[count_as] = g.size().astype(int)
    for new, col in sums.items():
        out[new] = g[col].sum(min_count=0).astype(float)
    books = books_per_group(df, list(by)).reindex(out.index)
    out[SOURCE_WORKBOOKS] = [b if isinstance(b, tuple) else () for b in books]
    return out.reset_index()


def books_per_group(df: pd.DataFrame, by: list[str]) -> pd.Series:
    """Sorted tuple of distinct source workbooks per group.

    Sorted once and cut at the group boundaries (no Python call per group)."""
    pairs = df[[*by, "source_workbook"]].dropna(subset=["source_workbook"]).drop_duplicates()
    if pairs.empty:
        return pd.Series(dtype=object)
    pairs = pairs.sort_values([*by, "source_workbook"], kind="stable", na_position="last")
    g = pairs.groupby(by, sort=True, dropna=False)
    codes = g.ngroup().to_numpy()
    cuts = np.flatnonzero(np.diff(codes)) + 1
    chunks = np.split(pairs["source_workbook"].astype(str).to_numpy(dtype=object), cuts)
    return pd.Series([tuple(c) for c in chunks], index=g.size().index, dtype=object)


def sources_by(df: pd.DataFrame, key: str, keys: Iterable[object]) -> list[tuple[str, ...]]:
    """For each of ``keys``: the sorted workbooks of ``df``'s rows with that ``key`` value.

    Rows of a deduplicated table count with every workbook in their ``source_workbooks``."""
    if SOURCE_WORKBOOKS in df.columns:
        df = df[[key, SOURCE_WORKBOOKS]].explode(SOURCE_WORKBOOKS)
        df = df.rename(columns={SOURCE_WORKBOOKS: "source_workbook"})
    books = books_per_group(df, [key]) if len(df) else pd.Series(dtype=object)
    return [books.get(k, ()) if k == k else () for k in keys]


def codes_tuple(values: Iterable[object]) -> tuple[str, ...]:
    """Sorted unique codes (used as an aggregation function)."""
    return _tuple_sorted(values)


def rate(numerator: pd.Series | float, denominator: pd.Series | float) -> pd.Series | float:
    """numerator / denominator in percent; NaN where the denominator is 0 or missing."""
    if isinstance(denominator, pd.Series):
        den = denominator.astype(float).where(denominator != 0)
        return 100.0 * pd.Series(numerator, dtype=float) / den
    if not denominator or denominator != denominator:
        return float("nan")
    return 100.0 * float(numerator) / float(denominator)


def ordered(values: pd.Series, order: Sequence[str]) -> pd.Series:
    """Sort key: the position of each value in ``order`` (unknown values last)."""
    pos = {v: i for i, v in enumerate(order)}
    return values.map(lambda v: pos.get(v, len(order))).astype(int)


def num(series: pd.Series) -> pd.Series:
    """A numeric column as float (None → NaN)."""
    return pd.to_numeric(series, errors="coerce").astype(float)


def present(series: pd.Series) -> pd.Series:
    """True where a text/choice cell holds something."""
    return series.notna() & (series.astype(str).str.strip() != "") & (series.astype(str) != "nan")


def period_date(label: object, which: int) -> date | None:
    """First (``which`` = 0) or last (1) day of a Zeitraum label; None when empty/invalid."""
    if not isinstance(label, str) or not label.strip():
        return None
    try:
        return period_bounds(label)[which]
    except ValueError:
        return None


def complete(
    df: pd.DataFrame, key: str, order: Sequence[str], count: str, keep_nan: Sequence[str] = ()
) -> pd.DataFrame:
    """Every value of ``order`` as a row, in that order: zero counts and sums, no sources
    (``keep_nan`` columns, e.g. rates, stay NaN where undefined)."""
    out = pd.DataFrame({key: list(order)}).merge(df, on=key, how="left")
    for c in out.columns:
        if c == SOURCE_WORKBOOKS:
            out[c] = [v if isinstance(v, tuple) else () for v in out[c]]
        elif c != key and c not in keep_nan:
            out[c] = out[c].fillna(0)
    out[count] = out[count].astype(int)
    return out


def regionwide(measures: pd.DataFrame, codes: tuple[str, ...]) -> pd.Series:
    """True for measures every municipality of the region is involved in („alle“)."""
    everyone = set(codes)
    n = len(everyone)
    return (
        measures["involved"]
        .map(lambda v: isinstance(v, tuple | list) and len(v) >= n and everyone <= set(v))
        .astype(bool)
    )
