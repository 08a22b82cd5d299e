"""Near-identical statements: the comparison key and the single-linkage clustering that the
SWOT merge (consolidation) and the duplicate check (plausibility) share.

The key is the statement case-folded (``schema.normalize``), punctuation removed, words
sorted; two keys are alike when difflib's ``SequenceMatcher.ratio`` is ≥ ``SIMILARITY``.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

import numpy as np

from parthe_reports.schema import normalize

SIMILARITY = 0.85
_NON_WORD = re.compile(r"[^\w]+")


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
