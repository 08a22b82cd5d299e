"""What every document's context has: title-page facts, sources appendix, row helpers."""

from __future__ import annotations

import weakref
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

import pandas as pd

from parthe_reports import __version__
from parthe_reports import german as fmt
from parthe_reports.dataset import SourceInfo
from parthe_reports.region import Region
from parthe_reports.render.refs import book_labels, short_ref
from parthe_reports.render.titlepage import title_page_context

if TYPE_CHECKING:
    from parthe_reports.consolidate import Consolidated

Row = dict[str, str]  # a table row as printed: column key → German text
Record = dict[str, Any]  # a consolidated row as read: DataFrame column → value
OTHERS = "übrige Kommunen"  # the summed rest when a chart has too many municipalities
T = TypeVar("T")

# Region-wide lookups derived from one consolidated model (names, indexes by municipality),
# built once per model: built per profile they made planning O(N²) (≈ 2 min of the parent's
# CPU at 1,000 municipalities). Keyed by the model's id and dropped with the model.
_PER_MODEL: dict[tuple[int, str], tuple[weakref.ref[Any], Any]] = {}


def per_model(c: Consolidated, what: str, build: Callable[[], T]) -> T:
    """``build()`` once per consolidated model ``c`` and ``what``; the model must not change
    afterwards (it does not: a run consolidates once, then only reads)."""
    key = (id(c), what)
    entry = _PER_MODEL.get(key)
    if entry is None or entry[0]() is not c:
        entry = (weakref.ref(c, lambda _: _PER_MODEL.pop(key, None)), build())
        _PER_MODEL[key] = entry
    return entry[1]


@dataclass(frozen=True)
class ChartSpec:
    """A chart to draw: ``kind`` names a function in ``charts``, ``args`` its plain data.

    Picklable, so a worker process draws it; ``png`` holds it once drawn.
    """

    kind: str
    args: dict[str, Any] = field(default_factory=dict)
    width_cm: float = 16.0


@dataclass(frozen=True)
class Imprint:
    """Facts about the run that every document prints on its title page and in its footer."""

    stichtag: date
    generated: date
    version: str = __version__
    is_example: bool = False


def base_context(
    region: Region,
    run: Imprint,
    sources: Iterable[SourceInfo],
    used: Iterable[str] | None,
    labels: Mapping[str, str] | None = None,
    title: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Title page, header/footer and the sources appendix (only the workbooks ``used``);
    ``labels`` (workbook → „Ref.“ label) when ``sources`` is a part of the run's workbooks;
    ``title``: ``title_page_context(region, run.generated)`` when the caller has it already
    (it reads the logo: once per run, not once per document)."""
    wanted = set(used) if used is not None else None
    sources = list(sources)
    if labels is None:
        labels = book_labels((s.workbook, s.municipality) for s in sources)
    towns = {m.code: m.name for m in region.municipalities}
    rows = [
        {
            "label": labels[s.workbook],
            "workbook": fmt.text(s.workbook),
            "municipality": fmt.text(towns.get(s.municipality or "", s.municipality or "Verbund")),
            "modified": fmt.date_de(s.modified),
            "template_version": fmt.text(s.template_version),
            "sha256": s.sha256,
        }
        for s in sources
        if wanted is None or s.workbook in wanted
    ]
    rows.sort(key=lambda r: fmt.sort_key(r["workbook"]))
    return {
        "region_name": fmt.plain(region.name),
        "region_full_name": fmt.plain(region.full_name or region.name),
        "stichtag": fmt.date_de(run.stichtag),
        "generated": fmt.date_de(run.generated),
        "version": run.version,
        "is_example": run.is_example,
        "sources": rows,
        **(title_page_context(region, run.generated) if title is None else title),
    }


def ref(row: Any) -> str:
    """Where a row came from: ``BRA.xlsx › Maßnahmen › 12``."""
    book = row.get("source_workbook") if hasattr(row, "get") else None
    if fmt.is_missing(book):
        return fmt.MISSING
    return f"{fmt.text(book)} › {fmt.text(row.get('source_sheet'))} › {fmt.number(row.get('source_row'))}"


def records(df: pd.DataFrame | None) -> list[Record]:
    """Rows of a DataFrame as dicts (NaN kept; formatting decides how to print it)."""
    if df is None or df.empty:
        return []
    # Column lists zipped: ≈ 10× faster than to_dict("records") on the many small tables
    # of a large region's profiles (same Python values: tolist() boxes like to_dict).
    cols = list(df.columns)
    return [
        dict(zip(cols, row, strict=True))
        for row in zip(*(df[c].tolist() for c in cols), strict=True)
    ]


def rows(df: pd.DataFrame | None, make: Callable[[Record], Row]) -> list[Row]:
    """One formatted row dict per DataFrame row."""
    return [make(r) for r in records(df)]


class Names:
    """Municipality codes → names as printed (``Brandis``), unknown codes as typed; a row's
    short reference („BOR·M·7“) from the run's workbooks (file name → Kürzel)."""

    def __init__(
        self,
        region: Region,
        questioned: Collection[tuple[str, str, int]] = (),
        workbooks: Mapping[str, str | None] | None = None,
    ) -> None:
        self._names = {m.code: m.name for m in region.municipalities}
        self.order = list(region.codes)
        self._all = frozenset(self.order)
        self._questioned = frozenset(questioned)  # rows a plausibility finding questions
        self._labels = book_labels((workbooks or {}).items())
        self._printed: dict[Any, str] = {}  # code → name as printed
        self._sorted: dict[tuple[Any, ...], list[tuple[Any, str]]] = {}  # codes → sorted

    @classmethod
    def of(cls, c: Consolidated) -> Names:
        """The names, questioned rows and workbook labels of a consolidation (once per
        model: its workbook labels alone cost ≈ 10 ms at 1,000 workbooks)."""
        return per_model(c, "names", lambda: cls(c.region, c.questioned, c.workbooks))

    @property
    def labels(self) -> Mapping[str, str]:
        """Workbook file → its „Ref.“ label (Kürzel, „VB“)."""
        return self._labels

    def ref(self, row: Record) -> str:
        """The row's short reference, resolved in „Methodik und Datengrundlage“."""
        return short_ref(row, self._labels)

    def is_questioned(self, row: Record) -> bool:
        """True when a plausibility finding questions a value of this row."""
        book, sheet, line = (row.get(k) for k in ("source_workbook", "source_sheet", "source_row"))
        if not self._questioned or any(fmt.is_missing(v) for v in (book, sheet, line)):
            return False
        return (str(book), str(sheet), int(line or 0)) in self._questioned

    def name(self, code: Any) -> str:
        if type(code) is not str:
            return self._name(code)
        printed = self._printed.get(code)
        if printed is None:
            printed = self._printed[code] = self._name(code)
        return printed

    def _name(self, code: Any) -> str:
        if fmt.is_missing(code):
            return fmt.MISSING
        return fmt.text(self._names.get(str(code), code))

    def names(self, codes: Any) -> str:
        if fmt.is_missing(codes) or not codes:
            return fmt.MISSING
        if isinstance(codes, str):
            codes = (codes,)
        if len(self.order) > 2 and set(codes) >= self._all:
            return "alle Kommunen"
        return ", ".join(fmt.sorted_de(self.name(c) for c in codes))

    def names_except(self, codes: Sequence[str], code: str) -> str:
        """``names`` of ``codes`` without ``code`` (every other municipality naming a
        statement), "" when there is none: the sorted names of all ``codes`` are kept, so
        the many profiles that print the same list minus their own name sort it once."""
        others = [x for x in codes if x != code]
        if not others:
            return ""
        if len(self.order) > 2 and set(others) >= self._all:
            return self.names(others)
        key = tuple(codes)
        pairs = self._sorted.get(key)
        if pairs is None:  # a stable sort of all, filtered = the stable sort of the others
            pairs = sorted(((x, self.name(x)) for x in key), key=lambda p: fmt.sort_key(p[1]))
            self._sorted[key] = pairs
        return ", ".join(name for x, name in pairs if x != code)

    def sort_key(self, code: Any) -> tuple[str, str]:
        return fmt.sort_key(self.name(code))


def period(start: Any, end: Any) -> str:
    """``2027 – 2028`` from two Zeitraum labels; one when both are equal."""
    s, e = fmt.plain(start), fmt.plain(end)
    if s == fmt.MISSING and e == fmt.MISSING:
        return fmt.MISSING
    return s if s == e else f"{s} – {e}"


def groups(
    df: pd.DataFrame,
    key: str,
    order: list[str],
    title: Callable[[Any], str],
    make: Callable[[Record], Row],
) -> list[dict[str, Any]]:
    """One {title, rows} item per value of ``key`` in ``order`` that has rows."""
    if df.empty:
        return []
    out = []
    for value in order:
        part = df[df[key] == value]
        if not part.empty:
            out.append({"title": title(value), "rows": rows(part, make)})
    return out
