"""Validation of one workbook (kind, stamp, sheets) and the Dataset of a region.

Finding codes and severities: ``validate_codes`` (the list is in its docstring). Per sheet:
``validate_sheet``; per column type: ``validate_types``; across workbooks: ``crosscheck``.

    check_file(path, region)        read + validate one file; never raises
    validate_workbook(raw, region)  a RawWorkbook → ValidatedWorkbook
    build_dataset(books, region, stichtag) → Dataset
"""

from __future__ import annotations

import dataclasses
import difflib
import logging
import traceback
from datetime import date
from pathlib import Path

import pandas as pd

from parthe_reports import contract_versions
from parthe_reports.dataset import MUNICIPALITY, Dataset, SourceInfo, empty_table, sheet_by_key
from parthe_reports.digest import sha256_file
from parthe_reports.errors import Finding, WorkbookError
from parthe_reports.ingest import RawWorkbook, os_reason
from parthe_reports.isolate import read_isolated
from parthe_reports.region import Region
from parthe_reports.schema import (
    GUIDE_SHEET,
    META_CODE,
    META_EXAMPLE,
    META_KIND,
    META_SHEET,
    META_TEMPLATE_VERSION,
    SUPPORTED_TEMPLATE_VERSIONS,
    WORKBOOK_KINDS,
    WorkbookKind,
    is_newer,
    kind_by_name,
    normalize,
)
from parthe_reports.validate.crosscheck import resolve_duplicates
from parthe_reports.validate.findings import make_finding
from parthe_reports.validate.model import RowCount, ValidatedWorkbook
from parthe_reports.validate.plausibility import questioned_rows
from parthe_reports.validate.regional import check_regional_rules
from parthe_reports.validate.sheet import validate_sheet

log = logging.getLogger(__name__)

__all__ = [
    "RowCount",
    "ValidatedWorkbook",
    "build_dataset",
    "check_file",
    "missing_municipalities",
    "validate_workbook",
]


def check_file(path: Path, region: Region) -> ValidatedWorkbook:
    """Read and validate one file; a file that cannot be read becomes a book with one Fehler."""
    try:
        return validate_workbook(read_isolated(path, region.read_limits), region)
    except WorkbookError as exc:
        finding = exc.finding
    except Exception as exc:  # never a traceback to the user; the detail goes to the log
        where = traceback.extract_tb(exc.__traceback__)[-1]
        log.error("%s: %s in %s:%s", path.name, type(exc).__name__, where.filename, where.lineno)
        finding = make_finding(
            "unreadable",
            f"Die Datei konnte wegen eines internen Fehlers nicht verarbeitet werden (Stelle "
            f"{Path(where.filename).name}:{where.lineno}). Bitte an das Projektbüro melden.",
            path.name,
        )
    return rejected_book(path, finding)


def rejected_book(path: Path, finding: Finding) -> ValidatedWorkbook:
    """A workbook that could not be read: no data, one Fehler (it still gets its Prüfbericht)."""
    book = ValidatedWorkbook(source=_source(path, None, "", None))
    book.rejected = True
    book.add(finding)
    return book


def unreadable_book(path: Path, error: BaseException | None) -> ValidatedWorkbook:
    """The book for a file the file system kept refusing (locked, no permission, gone)."""
    reason = os_reason(error) if isinstance(error, OSError) else "Zugriff nicht möglich"
    return rejected_book(
        path,
        make_finding(
            "unreadable",
            f"Die Datei kann nicht gelesen werden ({reason}). Bitte prüfen, ob sie gesperrt oder "
            "noch geöffnet ist und ob das Konto des Berichtslaufs sie lesen darf; dann den Lauf "
            "wiederholen.",
            path.name,
        ),
    )


def _source(path: Path, raw: RawWorkbook | None, kind: str, code: str | None) -> SourceInfo:
    if raw is not None:
        sha, modified = raw.sha256, raw.modified
    else:
        sha, modified = _sha256(path), None
    stamp = raw.stamp if raw else {}
    return SourceInfo(
        workbook=path.name,
        path=str(path),
        sha256=sha,
        kind=kind,
        municipality=code,
        template_version=stamp.get(META_TEMPLATE_VERSION) or None,
        modified=modified,
        is_example=normalize(stamp.get(META_EXAMPLE, "")) == "ja",
    )


def _sha256(path: Path) -> str:
    try:
        return sha256_file(path)
    except OSError:  # gone or locked: the reader's own finding says so
        return ""


def _kind(raw: RawWorkbook) -> tuple[WorkbookKind | None, list[Finding]]:
    if raw.stamp and (kind := kind_by_name(raw.stamp.get(META_KIND, ""))):
        return kind, []
    present = {normalize(n) for n in raw.sheets}
    scores = {
        k: sum(normalize(s.name) in present for s in k.sheets) for k in WORKBOOK_KINDS.values()
    }
    best = max(scores, key=lambda k: scores[k])
    if scores[best] == 0:
        return None, [
            make_finding(
                "empty-workbook",
                "Die Datei enthält keine Blätter eines Kommunal- oder Verbund-Workbooks "
                "(leer oder nicht aus der Vorlage erstellt).",
                raw.name,
                expected="Blätter der Vorlage, z. B. „Stammdaten“, „Maßnahmen“",
            )
        ]
    return best, [
        make_finding(
            "no-stamp",
            f"Das Vorlagen-Kennblatt „{META_SHEET}“ fehlt; die Datei wird anhand ihrer Blätter "
            f"als {best.name} gelesen. Bitte künftig die aktuelle Vorlage verwenden.",
            raw.name,
        )
    ]


def _version(raw: RawWorkbook, kind: WorkbookKind | None) -> list[Finding]:
    """One finding at most: an older version (Hinweis: what to add), a newer one (Fehler)."""
    version = raw.stamp.get(META_TEMPLATE_VERSION)
    current = contract_versions.current()
    if not raw.stamp or version == current:
        return []
    if contract_versions.is_newer_than_code(version):
        code = "newer-template-version"
        text = (
            f"Die Datei wurde mit der Vorlagenversion {version} erstellt; dieses Programm kennt "
            f"höchstens Version {current}. Die Datei wird nicht gelesen. Bitte parthe-reports "
            f"aktualisieren oder die Daten in die Vorlage {current} übertragen."
        )
    elif version in SUPPORTED_TEMPLATE_VERSIONS and kind is not None:
        code = "old-template-version"
        text = (
            f"Die Datei ist mit der älteren Vorlagenversion {version} erstellt (aktuell: "
            f"{current}) und wird vollständig gelesen. Neu in der aktuellen Vorlage und hier "
            f"noch leer: {contract_versions.clerk_additions(kind, version)}. Bitte diese Angaben "
            "ergänzen; das Projektbüro kann die Datei mit „parthe-reports upgrade“ ohne "
            "Abtippen in die aktuelle Vorlage übertragen."
        )
    else:
        code = "unknown-template-version"
        text = f"Vorlagenversion {version or '(leer)'} ist unbekannt; gelesen wird, was passt."
    return [make_finding(code, text, raw.name, sheet=META_SHEET, value=version, expected=current)]


def validate_workbook(raw: RawWorkbook, region: Region) -> ValidatedWorkbook:
    """Kind, version, every sheet, municipality and in-workbook ID checks of one workbook."""
    kind, findings = _kind(raw)
    book = ValidatedWorkbook(source=_source(raw.path, raw, kind.key if kind else "", None))
    book.add(*findings, *(version := _version(raw, kind)))
    if kind is None or any(f.code == "newer-template-version" for f in version):
        book.rejected = True
        return book
    _read_sheets(raw, kind, region, book)
    if kind.key == "municipal":
        _municipality(raw, region, book)
    else:
        check_regional_rules(book)
    if all(c.read == 0 for k, c in book.row_counts.items() if k != "master_data"):
        book.add(
            make_finding(
                "only-headers", "Das Workbook enthält keine ausgefüllten Zeilen.", raw.name
            )
        )
    for sheet in kind.sheets:
        for col in sheet.columns:
            if col.unique and not book.rejected:
                resolve_duplicates([book], sheet.key, col.key)
    return book


def _older_version(raw: RawWorkbook) -> str | None:
    """The template version of a workbook filled on an older, supported template."""
    version = raw.stamp.get(META_TEMPLATE_VERSION)
    old = version in SUPPORTED_TEMPLATE_VERSIONS and version != contract_versions.current()
    return version if old else None


def _read_sheets(
    raw: RawWorkbook, kind: WorkbookKind, region: Region, book: ValidatedWorkbook
) -> None:
    by_norm = {normalize(n): n for n in raw.sheets}
    used: set[str] = set()
    version = _older_version(raw)
    for sheet in kind.sheets:
        name = by_norm.get(normalize(sheet.name))
        if name is None and version is not None:  # renamed since the workbook's version
            olds = (by_norm.get(normalize(o)) for o in contract_versions.old_sheet_names(sheet.key))
            name = next((o for o in olds if o is not None), None)
        if name is None:
            if not is_newer(sheet.since, version):  # an older template never had it
                book.add(_missing_sheet(raw, sheet.name, used, kind))
            book.tables[sheet.key] = empty_table(sheet)
            book.row_counts[sheet.key] = RowCount()
            continue
        used.add(name)
        if _too_large(raw, name, region, book, sheet.key):
            continue
        # (a sheet name of an older version gets no Hinweis of its own: the version's covers it)
        if name != sheet.name and normalize(name) == normalize(sheet.name):
            book.add(make_finding("renamed-sheet", f"Blatt „{name}“ wird als „{sheet.name}“ gelesen.",
                                  raw.name, sheet=name, value=name, expected=sheet.name))  # fmt: skip
        result = validate_sheet(raw.sheets[name], sheet, raw.name, region, version)
        book.add(*result.findings)
        book.tables[sheet.key] = result.table
        if result.rejected is not None:
            book.rejected_tables[sheet.key] = result.rejected
        book.row_counts[sheet.key] = result.count
        book.extra_columns[sheet.key] = result.extra_columns
        book.sheet_names[sheet.key] = name
        book.columns[sheet.key] = result.columns
        book.ids.update({f"{sheet.key}.{k}": v for k, v in result.ids.items()})
    dropped = {normalize(n) for n in contract_versions.removed_sheets()} if version else set()
    for name, s in raw.sheets.items():
        if name in used or s.hidden or name == GUIDE_SHEET or normalize(name) in dropped:
            continue
        if not name.startswith("_"):
            book.add(make_finding("extra-sheet", f"Das Blatt „{name}“ gehört nicht zur Vorlage und "
                                  "wird nicht ausgewertet.", raw.name, sheet=name, value=name))  # fmt: skip


def _too_large(
    raw: RawWorkbook, name: str, region: Region, book: ValidatedWorkbook, key: str
) -> bool:
    """A sheet beyond ``region.max_sheet_rows`` data rows is refused before it is typed."""
    rows = raw.sheets[name].rows
    limit = region.max_sheet_rows
    if len(rows) - 1 <= limit:  # the common case, no counting
        return False
    n = sum(1 for r in rows[1:] if any(v is not None and v != "" for v in r))
    if n <= limit:
        return False
    shown, most = (f"{x:,}".replace(",", ".") for x in (n, limit))
    book.add(make_finding("sheet-too-large", f"Das Blatt „{name}“ hat {shown} Zeilen; ausgewertet "
                          f"werden höchstens {most} Zeilen je Blatt. Das Blatt wird nicht "
                          "übernommen (vielleicht ein eingefügter Gesamtexport?).", raw.name,
                          sheet=name, value=n, expected=f"höchstens {most} Zeilen"))  # fmt: skip
    book.tables[key] = empty_table(sheet_by_key(key))
    book.row_counts[key] = RowCount(read=n, rejected=n)
    book.sheet_names[key] = name
    return True


def _missing_sheet(raw: RawWorkbook, name: str, used: set[str], kind: WorkbookKind) -> Finding:
    known = {normalize(s.name) for s in kind.sheets}
    candidates = [
        n
        for n in raw.sheets
        if n not in used and normalize(n) not in known and not n.startswith("_")
    ]
    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.5)
    hint = (
        f" Gefunden wurde „{close[0]}“ – bitte das Blatt wieder „{name}“ nennen." if close else ""
    )
    return make_finding("missing-sheet", f"Das Blatt „{name}“ fehlt.{hint}", raw.name, sheet=name,
                        value=close[0] if close else None, expected=name)  # fmt: skip


def _municipality(raw: RawWorkbook, region: Region, book: ValidatedWorkbook) -> None:
    master = book.tables.get("master_data")
    from_sheet = None
    if master is not None and not master.empty:
        from_sheet = master["code"].iloc[0]
    stamped = (raw.stamp.get(META_CODE) or "").strip().upper() or None
    code = from_sheet or stamped
    if from_sheet and stamped and from_sheet != stamped:
        book.add(make_finding("code-mismatch", f"Stammdaten › Kürzel „{from_sheet}“ weicht vom Kürzel "
                              f"der Vorlage „{stamped}“ ab; verwendet wird „{from_sheet}“.", raw.name,
                              sheet=book.sheet_names.get("master_data"), value=from_sheet, expected=stamped))  # fmt: skip
    if code not in region.codes:
        book.add(make_finding("unknown-municipality", f"Die Kommune des Workbooks ist nicht bekannt "
                              f"(Kürzel „{code or ''}“); das Workbook wird nicht übernommen.", raw.name,
                              value=code, expected=", ".join(region.codes)))  # fmt: skip
        book.reject_all()
        return
    book.source = _replace_code(book.source, code)
    for tables in (book.tables, book.rejected_tables):
        for table in tables.values():
            if not table.empty:
                column = pd.Series(code, index=table.index, dtype=object)
                if MUNICIPALITY in table.columns:  # in place: __setitem__ costs twice as much
                    table.isetitem(table.columns.get_loc(MUNICIPALITY), column)
                else:
                    table[MUNICIPALITY] = column


def _replace_code(source: SourceInfo, code: str) -> SourceInfo:
    return dataclasses.replace(source, municipality=code)


def missing_municipalities(books: list[ValidatedWorkbook], region: Region) -> tuple[str, ...]:
    """Kürzel of the region without a usable Kommunal-Workbook (missing or rejected whole)."""
    usable = {
        b.source.municipality for b in books if b.source.kind == "municipal" and not b.rejected
    }
    return tuple(c for c in region.codes if c not in usable)


def build_dataset(books: list[ValidatedWorkbook], region: Region, stichtag: date) -> Dataset:
    """Tables of all usable books concatenated per sheet, with sources and coverage."""
    tables: dict[str, pd.DataFrame] = {}
    for kind in WORKBOOK_KINDS.values():
        for sheet in kind.sheets:
            parts = [b.tables[sheet.key] for b in books if not b.rejected and sheet.key in b.tables
                     and not b.tables[sheet.key].empty]  # fmt: skip
            tables[sheet.key] = pd.concat(parts, ignore_index=True) if parts else empty_table(sheet)
    incomplete = {
        b.source.municipality
        for b in books
        if b.source.kind == "municipal"
        and not b.rejected
        and any(c.rejected for c in b.row_counts.values())
    }
    return Dataset(
        region=region,
        stichtag=stichtag,
        tables=tables,
        sources=[b.source for b in books],
        missing_municipalities=missing_municipalities(books, region),
        incomplete_municipalities=tuple(c for c in region.codes if c in incomplete),
        questioned=questioned_rows(books),
    )
