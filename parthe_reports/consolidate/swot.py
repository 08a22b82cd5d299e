"""SWOT per topic: statements of several municipalities merged when (nearly) identical.

Merge rule (also ``MERGE_RULE``, printed in the report): two statements are merged when
they have the same topic and the same category and their *comparison keys* are similar:
the key is the statement case-folded (``schema.normalize``), punctuation removed, words
sorted alphabetically; similarity is ``difflib.SequenceMatcher.ratio`` of the two keys,
merged when ≥ ``SIMILARITY`` (0.85). Merging is transitive (single linkage over all pairs),
so the result does not depend on the order of rows. The merged statement is worded as its
most frequent original wording (ties: the shortest, then alphabetical).
"""

from __future__ import annotations

import pandas as pd

from parthe_reports.consolidate.frames import codes_tuple, num, ordered
from parthe_reports.schema import VOCABULARIES
from parthe_reports.similarity import SIMILARITY, cluster_keys, comparison_key

CATEGORIES = VOCABULARIES["swot_category"].values
MERGE_RULE = (
    "Aussagen werden zusammengeführt, wenn Themenbereich und Kategorie gleich sind und die "
    "Aussagen nach Vereinheitlichung (Groß-/Kleinschreibung, Satzzeichen, Wortreihenfolge) "
    f"zu mindestens {round(SIMILARITY * 100)} % übereinstimmen (Ähnlichkeit der Zeichenfolgen). "
    "Fehlende Gewichtungen zählen als 1."
)
STATEMENT_COLS = [
    "topic",
    "category",
    "statement",
    "municipalities",
    "municipality_count",
    "mentions",
    "weight_max",
    "weight_total",
    "variants",
    "source_refs",
    "source_workbooks",
]


def _wording(texts: pd.Series) -> str:
    counts = texts.value_counts()
    best = sorted(counts.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))
    return str(best[0][0])


def merge_statements(
    rows: pd.DataFrame, topics: tuple[str, ...]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """SWOT rows with their ``statement_key`` and the merged statements table."""
    rows = rows.copy()
    rows["statement"] = rows["statement"].map(lambda s: str(s).strip() if s is not None else "")
    rows["_key"] = rows["statement"].map(comparison_key)
    keyed = []
    for (_, _), grp in rows.groupby(["topic", "category"], sort=False):
        mapping = cluster_keys(list(grp["_key"]))
        keyed.append(grp["_key"].map(mapping))
    rep = pd.concat(keyed) if keyed else pd.Series(dtype=object)
    rows["statement_key"] = (
        rows["topic"].astype(str)
        + " | "
        + rows["category"].astype(str)
        + " | "
        + rep.reindex(rows.index).astype(str)
    )
    rows = rows.drop(columns="_key")
    if rows.empty:
        return rows, pd.DataFrame({c: pd.Series(dtype=object) for c in STATEMENT_COLS})
    w = num(rows["weight"])
    rows_w = rows.assign(
        _w=w.fillna(1.0),
        _wmax=w,
        _ref=rows["source_workbook"].astype(str)
        + " › "
        + rows["source_sheet"].astype(str)
        + " › "
        + rows["source_row"].astype(str),
    )
    g = rows_w.groupby("statement_key", sort=True)
    out = pd.DataFrame(
        {
            "topic": g["topic"].first(),
            "category": g["category"].first(),
            "statement": g["statement"].agg(_wording),
            "municipalities": g["municipality"].agg(codes_tuple),
            "mentions": g.size().astype(int),
            "weight_max": g["_wmax"].max(),
            "weight_total": g["_w"].sum(),
            "variants": g["statement"].agg(codes_tuple),
            "source_refs": g["_ref"].agg(lambda s: tuple(sorted(s))),
            "source_workbooks": g["source_workbook"].agg(codes_tuple),
        }
    ).reset_index(drop=True)
    out["municipality_count"] = out["municipalities"].map(len).astype(int)
    out = out.assign(
        _t=ordered(out["topic"], topics), _c=ordered(out["category"], CATEGORIES)
    ).sort_values(
        ["_t", "_c", "municipality_count", "weight_total", "statement"],
        ascending=[True, True, False, False, True],
        kind="stable",
    )
    return rows, out[STATEMENT_COLS].reset_index(drop=True)
