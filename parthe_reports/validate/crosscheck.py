"""Checks across the workbooks of a region, per the contract:

* two Kommunal-Workbooks for one Kürzel (or two Verbund-Workbooks) → both named, both rejected;
* an ID (Maßnahmen-Nr., Antrags-Nr., …) used twice: identical content → merged with a note,
  different content → every place named, all of them rejected;
* references (``Column.references``): a Verbundziel-Nr., Förderprogramm-Nr. or Maßnahmen-Nr.
  that no workbook defines → the row is rejected.

Books are changed in place (and returned): rows move from accepted to rejected, so the
row accounting stays whole.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

from parthe_reports.dataset import PROVENANCE
from parthe_reports.errors import Finding
from parthe_reports.region import Region
from parthe_reports.schema import WORKBOOK_KINDS, Column, Sheet
from parthe_reports.validate.findings import cell_ref, make_finding
from parthe_reports.validate.model import ValidatedWorkbook, records

# Which code a dangling reference gets, by the sheet it points into.
REFERENCE_CODES = {
    "goals": "unknown-goal",
    "programmes": "unknown-programme",
    "measures": "unknown-measure",
}


def check_region(books: list[ValidatedWorkbook], region: Region) -> list[ValidatedWorkbook]:
    """All cross-workbook checks; returns the same books, updated."""
    _duplicate_workbooks(books)
    live = [b for b in books if not b.rejected]
    for kind in WORKBOOK_KINDS.values():
        for sheet in kind.sheets:
            for col in sheet.columns:
                if col.unique:
                    resolve_duplicates(
                        [b for b in live if b.source.kind == kind.key], sheet.key, col.key
                    )
    _references(live)
    return books


def _duplicate_workbooks(books: list[ValidatedWorkbook]) -> None:
    groups: dict[tuple[str, str | None], list[ValidatedWorkbook]] = defaultdict(list)
    for b in books:
        if not b.rejected and b.source.kind:
            groups[(b.source.kind, b.source.municipality)].append(b)
    for (kind, code), group in groups.items():
        if len(group) < 2:
            continue
        names = ", ".join(f"„{b.name}“" for b in group)
        for b in group:
            if kind == "municipal":
                text = f"Für die Kommune {code} liegen mehrere Workbooks vor: {names}. Keines wird übernommen; bitte nur eines im Eingangsordner lassen."
                code_ = "duplicate-municipality"
            else:
                text = f"Es liegen mehrere Verbund-Workbooks vor: {names}. Keines wird übernommen; bitte nur eines im Eingangsordner lassen."
                code_ = "duplicate-regional"
            b.add(make_finding(code_, text, b.name, value=b.name, expected="ein Workbook"))
            b.reject_all()


def _place(book: ValidatedWorkbook, sheet_key: str, col_key: str, excel_row: int) -> dict[str, Any]:
    c = book.columns.get(sheet_key, {}).get(col_key)
    return {
        "sheet": book.sheet_names.get(sheet_key),
        "row": excel_row,
        "cell": None if c is None else cell_ref(excel_row - 1, c),
    }


def _content(row: Any, sheet: Sheet) -> tuple[Any, ...]:
    out = []
    for col in sheet.columns:
        v = row[col.key]
        out.append(None if v is None or (isinstance(v, float) and math.isnan(v)) else v)
    return tuple(out)


def resolve_duplicates(books: list[ValidatedWorkbook], sheet_key: str, col_key: str) -> None:
    """An ID used more than once: merge identical rows (note), reject conflicting ones (all places)."""
    sheet = _sheet(sheet_key)
    column = sheet.column(col_key)
    ids = [v for b in books if sheet_key in b.tables for v in b.tables[sheet_key][col_key] if v]
    if len(ids) == len(set(ids)):
        return  # the common case: every ID once
    seen: dict[str, list[tuple[ValidatedWorkbook, int, tuple[Any, ...]]]] = defaultdict(list)
    for b in books:
        table = b.tables.get(sheet_key)
        if table is None or table.empty:
            continue
        for row in records(table):
            if row[col_key]:
                seen[row[col_key]].append((b, int(row[PROVENANCE[2]]), _content(row, sheet)))
    for ident, places in seen.items():
        if len(places) < 2:
            continue
        first = places[0]
        if all(p[2] == first[2] for p in places):
            for b, r, _ in places[1:]:
                b.add(make_finding("identical-duplicate", f"{column.header} „{ident}“ steht schon in "
                                   f"{_where(first, sheet_key)} mit gleichem Inhalt; die Zeilen werden "
                                   "zusammengeführt.", b.name, column=column.header, value=ident,
                                   **_place(b, sheet_key, col_key, r)))  # fmt: skip
                b.merge_rows(sheet_key, {r})
            continue
        for i, (b, r, _) in enumerate(places):
            others = "; ".join(_where(p, sheet_key) for j, p in enumerate(places) if j != i)
            b.add(make_finding("conflicting-duplicate", f"{column.header} „{ident}“ ist mehrfach mit "
                               f"unterschiedlichem Inhalt vergeben (auch in {others}); keine der Zeilen "
                               "wird übernommen.", b.name, column=column.header, value=ident,
                               expected="eindeutige Nummer", **_place(b, sheet_key, col_key, r)))  # fmt: skip
            b.reject_rows(sheet_key, {r})


def _where(place: tuple[ValidatedWorkbook, int, Any], sheet_key: str) -> str:
    b, r, _ = place
    return f"{b.name} › {b.sheet_names.get(sheet_key, sheet_key)} › Zeile {r}"


def _sheet(key: str) -> Sheet:
    for kind in WORKBOOK_KINDS.values():
        for s in kind.sheets:
            if s.key == key:
                return s
    raise KeyError(key)


def _references(books: list[ValidatedWorkbook]) -> None:
    defined: dict[str, set[str]] = defaultdict(set)
    for b in books:
        for ref, values in b.ids.items():
            defined[ref] |= values
    has_regional = any(b.source.kind == "regional" for b in books)
    for b in books:
        # Rows already rejected for a cell-level Fehler first (findings only, one pass for the
        # clerk), then the accepted rows (a dangling reference rejects them).
        for tables, reject in ((b.rejected_tables, False), (b.tables, True)):
            for sheet_key, table in list(tables.items()):
                if table.empty:
                    continue
                for col in _sheet(sheet_key).columns:
                    if col.references:
                        _check_reference(b, sheet_key, table, col, defined, has_regional, reject)


def _check_reference(
    b: ValidatedWorkbook,
    sheet_key: str,
    table: Any,
    col: Column,
    defined: dict[str, set[str]],
    has_regional: bool,
    reject: bool,
) -> None:
    target = col.references or ""
    target_sheet = target.split(".")[0]
    code = REFERENCE_CODES.get(target_sheet, "unknown-reference")
    regional_target = target_sheet in {s.key for s in WORKBOOK_KINDS["regional"].sheets}
    if regional_target and not has_regional:
        if table[col.key].notna().any() and not any(
            f.code == "no-regional-workbook" for f in b.findings
        ):
            b.add(make_finding("no-regional-workbook", "Es liegt kein Verbund-Workbook vor; "
                               "Verbundziel- und Förderprogramm-Nummern werden nicht geprüft.", b.name))  # fmt: skip
        return
    known = defined.get(target, set())
    bad: set[int] = set()
    findings: list[Finding] = []
    target_name = _sheet(target_sheet).name
    consequence = "die Zeile wird nicht übernommen" if reject else "die Zeile ist ohnehin abgelehnt"
    for value, r in zip(table[col.key], table[PROVENANCE[2]], strict=True):
        if value and value not in known:
            findings.append(make_finding(code, f"{col.header} „{value}“ ist im Blatt „{target_name}“ "
                                         f"nicht vorhanden; {consequence}.", b.name,
                                         column=col.header, value=value, expected=f"eine Nummer aus „{target_name}“",
                                         **_place(b, sheet_key, col.key, int(r))))  # fmt: skip
            bad.add(int(r))
    b.add(*findings)
    if reject:
        b.reject_rows(sheet_key, bad)
