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

import re
from difflib import SequenceMatcher

import numpy as np
import pandas as pd

from parthe_reports.consolidate.frames import codes_tuple, num, ordered
from parthe_reports.schema import VOCABULARIES, normalize

SIMILARITY = 0.85
CATEGORIES = VOCABULARIES["swot_category"].values
MERGE_RULE = (
    "Aussagen werden zusammengeführt, wenn Themenbereich und Kategorie gleich sind und die "
    "Aussagen nach Vereinheitlichung (Groß-/Kleinschreibung, Satzzeichen, Wortreihenfolge) "
    f"zu mindestens {round(SIMILARITY * 100)} % übereinstimmen (difflib-Ähnlichkeit). "
    "Fehlende Gewichtungen zählen als 1."
)
_NON_WORD = re.compile(r"[^\w]+")
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


def comparison_key(text: object) -> str:
    """Case-folded words of a statement, punctuation dropped, sorted."""
    words = _NON_WORD.sub(" ", normalize(str(text))).split()
    return " ".join(sorted(words))


def _find(parent: dict[str, str], k: str) -> str:
    while parent[k] != k:
        parent[k] = parent[parent[k]]
        k = parent[k]
    return k


def cluster_keys(keys: list[str]) -> dict[str, str]:
    """Map each key to its cluster's representative (the smallest key of the cluster).

    Only pairs that can reach the threshold are compared: lengths within the bound
    2·min/(sum) ≥ S (a window over the keys sorted by length) and character multisets
    overlapping enough (difflib's quick_ratio, computed for the whole window at once with
    numpy). Each pair is compared in alphabetical order, so the result does not depend
    on the input order."""
    uniq = sorted(set(keys), key=lambda k: (len(k), k))
    if len(uniq) < 2:
        return {k: k for k in uniq}
    lengths = np.array([len(k) for k in uniq])
    alphabet = {ch: i for i, ch in enumerate(sorted({ch for k in uniq for ch in k}))}
    counts = np.zeros((len(uniq), len(alphabet)), dtype=np.int32)
    for row, k in enumerate(uniq):
        for ch in k:
            counts[row, alphabet[ch]] += 1
    parent = {k: k for k in uniq}
    stretch = (2 - SIMILARITY) / SIMILARITY  # a partner of length n is at most n · stretch long
    for i, a in enumerate(uniq):
        stop = int(np.searchsorted(lengths, lengths[i] * stretch, side="right"))
        if stop <= i + 1:
            continue
        overlap = np.minimum(counts[i], counts[i + 1 : stop]).sum(axis=1)
        near = np.flatnonzero(2 * overlap >= SIMILARITY * (lengths[i] + lengths[i + 1 : stop]))
        for j in near:
            b = uniq[i + 1 + int(j)]
            x, y = (a, b) if a < b else (b, a)
            if SequenceMatcher(None, x, y, autojunk=False).ratio() >= SIMILARITY:
                ra, rb = _find(parent, a), _find(parent, b)
                if ra != rb:
                    parent[max(ra, rb)] = min(ra, rb)
    return {k: _find(parent, k) for k in uniq}


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
