"""One sheet: find the header row, map columns, type them, apply the row rules.

Everything is driven by the ``schema.Sheet``; the only rules named here are the pair
rules between two columns (Ende/Beginn, bewilligt/beantragt) and ID uniqueness.
"""

from __future__ import annotations

import difflib
import functools
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd

from parthe_reports import contract_versions, german, parse
from parthe_reports.dataset import MUNICIPALITY, PROVENANCE, approx_columns, empty_table
from parthe_reports.errors import Finding
from parthe_reports.ingest import RawSheet
from parthe_reports.periods import period_bounds
from parthe_reports.region import Region
from parthe_reports.schema import Column, ColumnType, Sheet, is_newer, normalize
from parthe_reports.validate.columns import (
    NUMERIC,
    expected_text,
    is_whole,
    normalized,
    type_column,
)
from parthe_reports.validate.findings import CELL_MESSAGES, cell_ref, make_finding, severity
from parthe_reports.validate.model import RowCount

HEADER_SEARCH_ROWS = 10
# Pair rules: (sheet key, earlier/smaller column, later/larger column, code).
PAIR_RULES = (
    ("measures", "start", "end", "end-before-start"),
    ("funding_applications", "granted", "requested", "granted-exceeds-requested"),
)
_INSTRUCTION_STARTS = ("bitte ", "hinweis", "anleitung", "ausfüllhinweis", "beispiel:", "z. b.")


@dataclass
class SheetResult:
    table: pd.DataFrame
    findings: list[Finding] = field(default_factory=list)
    count: RowCount = field(default_factory=RowCount)
    extra_columns: list[str] = field(default_factory=list)
    columns: dict[str, int] = field(default_factory=dict)  # column key → 0-based index
    ids: dict[str, set[str]] = field(default_factory=dict)  # ID column → every value read
    # Rows rejected for a cell-level Fehler, typed as far as they could be (bad cells empty):
    # later checks still look at them, so a clerk sees every problem of a row at once.
    rejected: pd.DataFrame | None = None


@functools.cache
def _header_index(sheet: Sheet) -> dict[str, Column]:
    known: dict[str, Column] = {}
    for col in sheet.columns:
        # headers of earlier contract versions (contract_versions) are read like aliases
        for h in (col.header, *col.aliases, *contract_versions.old_headers(sheet.key, col.key)):
            known.setdefault(normalize(h), col)
    return known


def find_header(rows: list[list[Any]], sheet: Sheet) -> int | None:
    """0-based index of the row with most known headers among the first rows."""
    known = _header_index(sheet)
    best, hits = None, 0
    for r, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        n = sum(1 for v in row if isinstance(v, str) and normalized(v) in known)
        if n > hits:
            best, hits = r, n
    return best


def locate_columns(rows: list[list[Any]], sheet: Sheet) -> tuple[int, dict[str, int]] | None:
    """0-based header row and column key → 0-based index, as the validator maps them
    (template headers, aliases, headers of older versions); None without a header row."""
    header = find_header(rows, sheet)
    if header is None:
        return None
    known = _header_index(sheet)
    mapping: dict[str, int] = {}
    for c, value in enumerate(rows[header]):
        col = known.get(normalized(value)) if isinstance(value, str) else None
        if col is not None:
            mapping.setdefault(col.key, c)
    return header, mapping


def validate_sheet(
    raw: RawSheet, sheet: Sheet, workbook: str, region: Region, version: str | None = None
) -> SheetResult:
    """Typed table, findings and row accounting of one sheet.

    ``version``: the older template version the workbook was filled on (its newer columns
    are empty by design, without a finding each), or None for the current template."""
    v = _SheetValidator(raw, sheet, workbook, region)
    v.version = version
    return v.run()


class _SheetValidator:
    version: str | None = None

    def __init__(self, raw: RawSheet, sheet: Sheet, workbook: str, region: Region) -> None:
        self.raw, self.sheet, self.workbook, self.region = raw, sheet, workbook, region
        self.findings: list[Finding] = []
        self.bad_rows: set[int] = set()  # 0-based Excel rows with a Fehler
        self.approx: dict[str, set[int]] = {}  # column key → indices typed as „ca. …“

    def add(
        self,
        code: str,
        message: str,
        row0: int | None = None,
        col0: int | None = None,
        column: str | None = None,
        value: Any = None,
        expected: str | None = None,
    ) -> None:
        self.findings.append(make_finding(
            code, message, self.workbook, sheet=self.raw.name,
            row=None if row0 is None else row0 + 1, column=column,
            cell=None if row0 is None or col0 is None else cell_ref(row0, col0),
            value=value, expected=expected,
        ))  # fmt: skip
        if row0 is not None and severity(code).rank == 0:
            self.bad_rows.add(row0)

    def run(self) -> SheetResult:
        rows = self.raw.rows
        header = find_header(rows, self.sheet)
        if header is None:
            data = [r for r in range(len(rows)) if any(not parse.is_blank(x) for x in rows[r])]
            self.add("missing-header", f"Im Blatt „{self.raw.name}“ wurde keine Überschriftenzeile "
                     "mit den Spalten der Vorlage gefunden.",
                     expected=", ".join(c.label for c in self.sheet.columns))  # fmt: skip
            return self._result(data, {}, {}, sheet_rejected=True)
        mapping, extras = self._map_columns(rows[header], header)
        self._apply_merges(header)
        data_rows = self._data_rows(header, mapping, extras)
        missing_required = self._missing_columns(mapping, extras, header)
        typed = self._type(data_rows, mapping)
        self._row_rules(data_rows, typed, mapping)
        return self._result(data_rows, typed, mapping, sheet_rejected=missing_required,
                            extras=[name for name, _ in extras])  # fmt: skip

    # -- columns -------------------------------------------------------------

    def _map_columns(
        self, header_row: list[Any], header: int
    ) -> tuple[dict[str, int], list[tuple[str, int]]]:
        known = _header_index(self.sheet)
        mapping: dict[str, int] = {}
        extras: list[tuple[str, int]] = []
        dropped = _dropped_headers(self.sheet.key) if self.version else frozenset()
        for c, value in enumerate(header_row):
            col = known.get(normalized(value)) if isinstance(value, str) else None
            if col is not None and col.key not in mapping:
                mapping[col.key] = c
            elif isinstance(value, str) and normalize(value) in dropped:
                continue  # a column an older version had: not evaluated, not reported
            elif not parse.is_blank(value) or self._has_data_below(header, c):
                name = "(ohne Überschrift)" if parse.is_blank(value) else str(value).strip()
                extras.append((name, c))
        return mapping, extras

    def _has_data_below(self, header: int, c: int) -> bool:
        return any(c < len(r) and not parse.is_blank(r[c]) for r in self.raw.rows[header + 1 :])

    def _missing_columns(
        self, mapping: dict[str, int], extras: list[tuple[str, int]], header: int
    ) -> bool:
        names = [n for n, _ in extras]
        for name, c in extras:
            self.add("extra-column", f"Die Spalte „{name}“ gehört nicht zur Vorlage; ihre Werte "
                     "werden nicht ausgewertet.", header, c, column=name, value=name)  # fmt: skip
        missing_required = False
        for col in self.sheet.columns:
            if col.key in mapping or is_newer(col.since, self.version):
                continue
            close = difflib.get_close_matches(col.header, names, n=1, cutoff=0.4)
            hint = (
                f" Gefunden wurde „{close[0]}“ – bitte die Überschrift anpassen." if close else ""
            )
            if col.required:
                missing_required = True
                self.add("missing-column", f"Die Pflichtspalte „{col.label}“ fehlt; das Blatt wird "
                         f"nicht übernommen.{hint}", header, None, column=col.header,
                         value=close[0] if close else None, expected=col.label)  # fmt: skip
            else:
                self.add("missing-optional-column", f"Die Spalte „{col.header}“ fehlt und wird als "
                         f"leer gelesen.{hint}", header, None, column=col.header,
                         value=close[0] if close else None, expected=col.header)  # fmt: skip
        return missing_required

    # -- rows ----------------------------------------------------------------

    def _apply_merges(self, header: int) -> None:
        for r0, c0, r1, c1 in self.raw.merged:
            if r1 <= header:
                continue  # a merged title above or in the header row is layout, not data
            top = self.raw.rows[r0][c0] if r0 < len(self.raw.rows) else None
            self.add("merged-cells", f"Verbundene Zellen {cell_ref(r0, c0)}:{cell_ref(r1, c1)} in "
                     "der Tabelle; der Wert wird für jede Zeile übernommen. Bitte Verbund aufheben.",
                     r0, c0, value=top)  # fmt: skip
            if r0 <= header:
                continue
            for r in range(r0 + 1, min(r1 + 1, len(self.raw.rows))):
                self.raw.rows[r][c0] = top

    def _data_rows(
        self, header: int, mapping: dict[str, int], extras: list[tuple[str, int]]
    ) -> list[int]:
        special = {pos[0] for pos in self.raw.error_cells} | {
            pos[0] for pos in self.raw.formulas_without_value
        }
        helps = _helps(self.sheet)
        out: list[int] = []
        for r in range(header + 1, len(self.raw.rows)):
            row = self.raw.rows[r]
            filled = [x for x in row if not parse.is_blank(x)]
            if not filled and r not in special:
                continue
            if not out and r not in special and _is_instruction(filled, helps):
                continue
            out.append(r)
        return out

    def _type(self, data_rows: list[int], mapping: dict[str, int]) -> dict[str, list[Any]]:
        rows = self.raw.rows
        typed: dict[str, list[Any]] = {}
        for col in self.sheet.columns:
            c = mapping.get(col.key)
            if c is None:
                typed[col.key] = [math.nan if col.type in NUMERIC else None] * len(data_rows)
                continue
            values = [rows[r][c] if c < len(rows[r]) else None for r in data_rows]
            for i, r in enumerate(data_rows):
                if (r, c) in self.raw.error_cells:
                    self.add("formula-error", CELL_MESSAGES["formula-error"].format(
                        value=self.raw.error_cells[(r, c)]) + ".", r, c, col.header,
                        self.raw.error_cells[(r, c)], expected_text(col, self.region))  # fmt: skip
                    values[i] = None
                elif (r, c) in self.raw.formulas_without_value:
                    f = self.raw.formulas_without_value[(r, c)]
                    self.add("formula-without-value", CELL_MESSAGES["formula-without-value"]
                             .format(value=f) + ".", r, c, col.header, f)  # fmt: skip
                    values[i] = "\x00formula"  # not blank: no missing-required on top
            values = [None if v == "\x00formula" else v for v in values]
            if col.vocabulary and self.version:
                values = _renamed_values(col.vocabulary, self.version, values)
            out, issues = type_column(col, values, self.region)
            for i, code, read in issues:
                self._cell_issue(col, data_rows[i], c, values[i], code, read)
                if code == "approximate-number":
                    self.approx.setdefault(col.key, set()).add(i)
            typed[col.key] = out
        return typed

    def _cell_issue(self, col: Column, r: int, c: int, value: Any, code: str, read: Any) -> None:
        expected = expected_text(col, self.region)
        shown = value if not isinstance(value, float) else f"{value:g}"
        text = CELL_MESSAGES[code].format(value=shown, column=col.header, read=_fmt(read))
        if code in ("unknown-value", "unknown-code") and read:
            text += f". Meinten Sie „{read}“?"
        if severity(code).rank == 0:
            text += f" (erwartet: {expected})"
        self.add(code, text + ".", r, c, col.header, value, expected)

    def _row_rules(
        self, data_rows: list[int], typed: dict[str, list[Any]], mapping: dict[str, int]
    ) -> None:
        blank_cells = {f.cell for f in self.findings if f.severity.rank == 0}
        for col in self.sheet.columns:
            c = mapping.get(col.key)
            values = typed[col.key]
            for i, r in enumerate(data_rows):
                v = values[i]
                if blank_cells and c is not None and cell_ref(r, c) in blank_cells:
                    continue
                if _empty(v):
                    if col.required and c is not None:
                        self._rule(col, r, c, "missing-required", None,
                                   CELL_MESSAGES["missing-required"].format(column=col.header))  # fmt: skip
                elif col.type in NUMERIC:
                    self._range(col, r, c, v)
        for key, small, large, code in PAIR_RULES:
            if key == self.sheet.key:
                self._pair(data_rows, typed, mapping, small, large, code)
        if self.sheet.single_row:
            for r in data_rows[1:]:
                self.add("too-many-rows", f"Das Blatt „{self.raw.name}“ hat genau eine Zeile; "
                         "weitere Zeilen werden nicht übernommen.", r, None)  # fmt: skip

    def _rule(self, col: Column, r: int, c: int | None, code: str, value: Any, text: str) -> None:
        expected = expected_text(col, self.region)
        self.add(code, f"{text} (erwartet: {expected}).", r, c, col.header, value, expected)

    def _range(self, col: Column, r: int, c: int | None, v: float) -> None:
        if col.integer and not is_whole(v):
            self._rule(
                col,
                r,
                c,
                "not-an-integer",
                v,
                CELL_MESSAGES["not-an-integer"].format(value=_fmt(v)),
            )
        elif (col.minimum is not None and v < col.minimum) or (
            col.maximum is not None and v > col.maximum
        ):
            self._rule(
                col, r, c, "out-of-range", v, CELL_MESSAGES["out-of-range"].format(value=_fmt(v))
            )

    def _pair(
        self,
        data_rows: list[int],
        typed: dict[str, list[Any]],
        mapping: dict[str, int],
        small: str,
        large: str,
        code: str,
    ) -> None:
        a_col, b_col = self.sheet.column(small), self.sheet.column(large)
        for i, r in enumerate(data_rows):
            a, b = typed[small][i], typed[large][i]
            if _empty(a) or _empty(b):
                continue
            if a_col.type is ColumnType.PERIOD:
                bad = period_bounds(b)[1] < period_bounds(a)[0]
                text = f"Ende {b} liegt vor Beginn {a}."
                where, value = large, b
            else:
                bad = a > b
                text = f"bewilligt ({_fmt(a)} €) ist höher als beantragt ({_fmt(b)} €)."
                where, value = small, a
            if bad:
                col = a_col if where == small else b_col
                self.add(code, text, r, mapping.get(where), col.header, value,
                         f"{b_col.header} nicht vor {a_col.header}" if a_col.type is ColumnType.PERIOD
                         else f"{a_col.header} höchstens {b_col.header}")  # fmt: skip

    # -- result --------------------------------------------------------------

    def _result(
        self,
        data_rows: list[int],
        typed: dict[str, list[Any]],
        mapping: dict[str, int],
        sheet_rejected: bool,
        extras: Sequence[str] = (),
    ) -> SheetResult:
        if self.sheet.single_row:
            self.bad_rows.update(data_rows[1:])
        keep = (
            [] if sheet_rejected else [i for i, r in enumerate(data_rows) if r not in self.bad_rows]
        )
        if keep:
            rows = [data_rows[i] + 1 for i in keep]
            table = _frame(
                self.sheet, typed, keep, (self.workbook, self.raw.name, rows), self.approx
            )
        else:
            table = empty_table(self.sheet)
        bad = [] if sheet_rejected else [i for i, r in enumerate(data_rows) if r in self.bad_rows]
        rejected = (
            _frame(
                self.sheet,
                typed,
                bad,
                (self.workbook, self.raw.name, [data_rows[i] + 1 for i in bad]),
                self.approx,
            )
            if bad
            else None
        )
        n = len(data_rows)
        count = RowCount(read=n, accepted=len(keep), rejected=n - len(keep))
        ids = {
            col.key: {v for v in typed[col.key] if v}
            for col in self.sheet.columns
            if col.type is ColumnType.ID and col.key in typed
        }
        return SheetResult(table, self.findings, count, list(extras), dict(mapping), ids, rejected)


def _frame(
    sheet: Sheet,
    typed: dict[str, list[Any]],
    keep: list[int],
    where: tuple[str, str, list[int]],
    approx: dict[str, set[int]],
) -> pd.DataFrame:
    """Typed table of the kept rows, built in one go from column arrays. Object columns stay
    ``object`` (pandas would otherwise infer its ``str`` dtype and turn None into NaN)."""
    everything = len(keep) == len(next(iter(typed.values()), []))
    n = len(keep)
    data: dict[str, np.ndarray] = {}
    for col in sheet.columns:
        vals = typed[col.key] if everything else [typed[col.key][i] for i in keep]
        if col.type in NUMERIC:
            data[col.key] = np.asarray(vals, dtype=np.float64)
        else:
            data[col.key] = _objects(vals)
    for key, flag in approx_columns(sheet).items():
        marked = approx.get(key, set())
        data[flag] = np.fromiter((i in marked for i in keep), dtype=bool, count=n)
    data[PROVENANCE[0]] = _objects([where[0]] * n)
    data[PROVENANCE[1]] = _objects([where[1]] * n)
    data[PROVENANCE[2]] = np.asarray(where[2], dtype=np.int64)
    data[MUNICIPALITY] = _objects([None] * n)
    return frame_of_arrays(data, n)


def _objects(values: list[Any]) -> np.ndarray:
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def frame_of_arrays(data: dict[str, np.ndarray], n: int) -> pd.DataFrame:
    """``pd.DataFrame(data)`` for same-length numpy arrays, each column kept at its array's
    dtype. The public constructor aligns an index per column and sanitises every array
    (≈ 0.5 ms a sheet, 8 sheets a workbook: most of validation's time); ``_from_arrays`` skips
    both. It is private pandas API: without it, or if it ever infers a dtype, the public
    route below gives the same frame (tests/test_validate_frames.py compares the two)."""
    build = getattr(pd.DataFrame, "_from_arrays", None)
    if build is not None:
        frame = build(
            list(data.values()),
            columns=_column_index(tuple(data)),
            index=pd.RangeIndex(n),
            dtype=None,
            verify_integrity=False,
        )
        if _block_dtypes(frame) == Counter(a.dtype for a in data.values()):
            return frame
    return frame_of_arrays_public(data, n)


def _block_dtypes(frame: pd.DataFrame) -> Counter[np.dtype]:
    """How many columns of each dtype the frame holds (``frame.dtypes`` builds a Series)."""
    counts: Counter[np.dtype] = Counter()
    for block in frame._mgr.blocks:
        counts[block.dtype] += len(block.mgr_locs)
    return counts


@functools.cache
def _column_index(names: tuple[str, ...]) -> pd.Index:
    """One (immutable) column index per sheet layout: building it infers ``str``, 0.2 ms."""
    return pd.Index(list(names))


def frame_of_arrays_public(data: dict[str, np.ndarray], n: int) -> pd.DataFrame:
    """The public-constructor route of ``frame_of_arrays`` (object columns as object Series)."""
    index = pd.RangeIndex(n)
    return pd.DataFrame(
        {
            k: pd.Series(a, dtype=object, index=index) if a.dtype == object else a
            for k, a in data.items()
        }
    )


@functools.cache
def _dropped_headers(sheet_key: str) -> frozenset[str]:
    return frozenset(normalize(h) for h in contract_versions.removed_headers(sheet_key))


def _renamed_values(vocabulary: str, version: str, values: list[Any]) -> list[Any]:
    """Dropdown values an older version spelled differently, in today's spelling."""
    renames = {
        normalize(o): n for o, n in contract_versions.value_renames(vocabulary, version).items()
    }
    if not renames:
        return values
    return [renames.get(normalize(v), v) if isinstance(v, str) else v for v in values]


def _empty(v: Any) -> bool:
    return v is None or v == () or (isinstance(v, float) and math.isnan(v))


def _fmt(v: Any) -> str:
    """A typed value as the clerk reads it: „1.234,50“, „1.234“, „25.11.2026“."""
    if isinstance(v, float):
        return german.number(v, 2, fixed=not v.is_integer())
    if isinstance(v, date | datetime):
        return german.date_de(v)
    return "" if v is None else str(v)


@functools.cache
def _helps(sheet: Sheet) -> frozenset[str]:
    return frozenset(normalize(c.help) for c in sheet.columns if c.help)


def _is_instruction(filled: list[Any], helps: frozenset[str]) -> bool:
    texts = [normalized(x) for x in filled if isinstance(x, str)]
    if len(texts) != len(filled) or not texts:
        return False
    return texts[0].startswith(_INSTRUCTION_STARTS) or sum(t in helps for t in texts) * 2 >= len(
        texts
    )
