"""Plausibility of free text: duplicates within a sheet, and the number of municipalities."""

from __future__ import annotations

import re
from collections import defaultdict

from parthe_reports import german
from parthe_reports.dataset import sheet_by_key
from parthe_reports.region import Region
from parthe_reports.schema import ColumnType
from parthe_reports.similarity import cluster_keys, comparison_key
from parthe_reports.validate.plausible_rows import Row, Rows

# Sheet → (statement column, columns that must be equal for rows to be duplicates).
DUPLICATE_SHEETS: dict[str, tuple[str, tuple[str, ...]]] = {
    "swot": ("statement", ("topic", "category")),
    "administration": ("task", ()),
    "documents": ("title", ()),
}
NUMBER_WORDS = {w: i for i, w in enumerate(german.NUMBER_WORDS)} | {
    "ein": 1,
    "einer": 1,
    "zwanzig": 20,
}
_MUNICIPALITY_COUNT = re.compile(
    r"\b(\d{1,3}|" + "|".join(NUMBER_WORDS) + r")\s+(?:\w+\s+)?"
    r"(Kommunen|Gemeinden|Mitgliedskommunen|Partnerkommunen|Städten und Gemeinden)\b",
    re.IGNORECASE,
)


def check_duplicates(rows: Rows) -> None:
    """The same (or nearly the same, by the SWOT merge rule) statement twice in one sheet."""
    for sheet_key, (col, same) in DUPLICATE_SHEETS.items():
        groups: dict[tuple[object, ...], list[Row]] = defaultdict(list)
        for r in rows.of(sheet_key):
            if r.get(col):
                groups[(r.book.name, *(r.get(k) for k in same))].append(r)
        for group in groups.values():
            if len(group) > 1:
                _duplicates_in(group, col)


def _duplicates_in(group: list[Row], col: str) -> None:
    keys = [comparison_key(r.get(col)) for r in group]
    rep = cluster_keys(keys)
    first: dict[str, tuple[Row, str]] = {}
    for r, key in zip(group, keys, strict=True):
        cluster = rep[key]
        if cluster not in first:
            first[cluster] = (r, key)
            continue
        other, other_key = first[cluster]
        how = "gleichlautend" if key == other_key else "fast gleich"
        r.finding("duplicate-entry", f"„{r.get(col)}“ steht {how} schon in {other.ref(col)} "
                  f"(„{other.get(col)}“). In den Auswertungen wird die Aussage einmal gezählt; "
                  "bitte eine der Zeilen löschen.", col,
                  expected="jede Aussage einmal")  # fmt: skip


def check_text(rows: Rows, region: Region) -> None:
    """Free text of the Verbund-Workbook stating another number of municipalities (Hinweis)."""
    n = len(region.codes)
    for r in (r for rs in _regional_text(rows).values() for r in rs):
        for col in _text_columns(r.sheet_key):
            text = r.get(col)
            if not isinstance(text, str):
                continue
            for m in _MUNICIPALITY_COUNT.finditer(text):
                word = m[1].lower()
                said = int(word) if word.isdigit() else NUMBER_WORDS[word]
                if said > 2 and said != n:  # „zwei Kommunen“ is a pair, not the region
                    r.finding("municipality-count-in-text", f"Der Text nennt „{m[0]}“, die "
                              f"Region hat {n} Kommunen ({', '.join(region.codes)}).", col,
                              expected=f"{n} Kommunen")  # fmt: skip
                    break


def _regional_text(rows: Rows) -> dict[str, list[Row]]:
    # Where the cooperation speaks about itself; measures and strategies name sub-groups.
    keys = ("mission_statement", "goals", "communication")
    return {k: [r for r in rows.of(k) if r.book.source.kind == "regional"] for k in keys}


def _text_columns(sheet_key: str) -> list[str]:
    return [c.key for c in sheet_by_key(sheet_key).columns if c.type is ColumnType.TEXT]
