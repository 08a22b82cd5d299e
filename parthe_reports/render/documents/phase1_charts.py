"""The charts of phase 1 and the Kommunalprofil, as ``ChartSpec`` (drawn later, in a worker)."""

from __future__ import annotations

import pandas as pd

from parthe_reports import german as fmt
from parthe_reports.consolidate.models import Consolidated, MunicipalProfile
from parthe_reports.render.context import OTHERS, ChartSpec, Names, records

# Beyond these sizes a chart or matrix per municipality is unreadable on a page.
MAX_SERIES = 10  # municipalities as separate colours in a stacked bar
MAX_MATRIX = 12  # municipalities as columns of the priority matrix
MAX_HEATMAP = 25  # municipalities as columns of the heat map


def investment_chart(df: pd.DataFrame, names: Names, codes: list[str]) -> ChartSpec | None:
    """Stacked bars: investment need per infrastructure type, one segment per municipality
    (the largest ``MAX_SERIES`` - 1, the rest summed as „übrige Kommunen“)."""
    if df.empty or not (df["investment_need"].fillna(0) > 0).any():
        return None
    pivot = df.pivot_table(
        index="type", columns="municipality", values="investment_need", aggfunc="sum"
    ).fillna(0.0)
    pivot = pivot.loc[pivot.sum(axis=1).sort_values(ascending=False).index]
    present = [c for c in codes if c in pivot.columns]
    from parthe_reports.render.charts import municipality_colors

    colors = municipality_colors(codes)
    series = {names.name(c): [float(v) for v in pivot[c]] for c in present}
    palette = {names.name(c): colors[c] for c in present}
    if len(present) > MAX_SERIES:
        top = list(pivot[present].sum().sort_values(ascending=False).index[: MAX_SERIES - 1])
        rest = [c for c in present if c not in top]
        keep = [c for c in present if c in top]
        series = {names.name(c): [float(v) for v in pivot[c]] for c in keep}
        series[OTHERS] = [float(v) for v in pivot[rest].sum(axis=1)]
        palette = {names.name(c): colors[c] for c in keep} | {OTHERS: "#BDBDBD"}
    return ChartSpec(
        "stacked_bars",
        {
            "categories": [fmt.plain(t) for t in pivot.index],
            "series": series,
            "colors": palette,
            "xlabel": "Investitionsbedarf",
            "legend_title": "Kommune",
        },
    )


def profile_investment_chart(c: Consolidated, p: MunicipalProfile) -> ChartSpec | None:
    """One municipality's investment need per infrastructure type, in its region colour."""
    infra = p.infrastructure
    if infra.empty or not (infra["investment_need"].fillna(0) > 0).any():
        return None
    from parthe_reports.render.charts import municipality_colors

    name = Names.of(c).name(p.code)
    by_type = infra.groupby("type")["investment_need"].sum().sort_values(ascending=False)
    colour = municipality_colors(list(c.region.codes))[p.code]
    return ChartSpec(
        "stacked_bars",
        {
            "categories": [fmt.plain(t) for t in by_type.index],
            "series": {name: [float(v) for v in by_type]},
            "colors": {name: colour},
            "xlabel": "Investitionsbedarf",
            "legend_title": "Kommune",
        },
    )


def heatmap_chart(df: pd.DataFrame, codes: list[str]) -> ChartSpec | None:
    """Topic × municipality cooperation potential (0–100)."""
    present = [c for c in codes if c in df.columns]
    if df.empty or not present or len(present) > MAX_HEATMAP:
        return None
    values = [
        [None if fmt.is_missing(r.get(c)) else float(r[c]) for c in present] for r in records(df)
    ]
    return ChartSpec(
        "heatmap",
        {"rows": [fmt.plain(t) for t in df["topic"]], "cols": present, "values": values},
    )
