"""The only module that opens workbooks: safety checks first, then values via calamine.

Order of work for one file, cheapest first, so a hostile file is refused before any
parser sees it:

1. size on disk (``MAX_FILE_BYTES``) and magic bytes (legacy .xls / encrypted OOXML are
   OLE2 containers; anything else that is not a zip is not a workbook);
2. the zip directory: declared sizes (``MAX_UNCOMPRESSED``, ``MAX_SHEET_BYTES``) and
   compression ratios (``MAX_RATIO``), before a byte is inflated;
3. XML prologs: any ``<!DOCTYPE``/``<!ENTITY`` is refused (OOXML and ODF never need one);
   the few parts parsed here go through defusedxml;
4. values of every sheet through python-calamine (fast, Rust, no entity expansion);
5. only for .xlsx/.xlsm sheets whose XML contains a formula or an error cell: a regex
   scan of that sheet's XML for formulas without cached value and error values (calamine
   shows both as empty). Merged ranges come from calamine.

Limits (stated, checked in tests): 25 MB file, 200 MB inflated, 120 MB per part, ratio
200 : 1 for parts over 1 MB, 200,000 rows per sheet (from the sheet's dimension); the
configurable per-sheet limit for validation is ``Region.max_sheet_rows`` (region.toml › [inputs]).
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import python_calamine as pc
from defusedxml import ElementTree as SafeET

from parthe_reports.discover import (  # re-exported: where the files come from
    SPREADSHEET_SUFFIXES,
    Discovery,
    discover_inputs,
    discover_workbooks,
)
from parthe_reports.errors import Finding, Severity, WorkbookError
from parthe_reports.schema import META_SHEET

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_PART_BYTES",
    "MAX_RATIO",
    "MAX_ROWS",
    "MAX_UNCOMPRESSED",
    "SPREADSHEET_SUFFIXES",
    "Discovery",
    "RawSheet",
    "RawWorkbook",
    "discover_inputs",
    "discover_workbooks",
    "read_workbook",
]

MAX_FILE_BYTES = 25 * 1024**2
MAX_UNCOMPRESSED = 200 * 1024**2
MAX_PART_BYTES = 120 * 1024**2
MAX_RATIO = 200
MAX_ROWS = 200_000  # hard bound of the reader; the configurable one: region.max_sheet_rows

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptionInfo".encode("utf-16-le")
_DIMENSION = re.compile(rb'<dimension ref="[A-Z]+\d+:?[A-Z]*(\d*)"')
_CELL = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.DOTALL)
_ATTR_R = re.compile(rb'\br="([A-Z]+)(\d+)"')
_ATTR_T = re.compile(rb'\bt="(\w+)"')
_VALUE = re.compile(rb"<v>([^<]*)</v>")
_NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}


@dataclass
class RawSheet:
    """One sheet's cell values as read; ``rows[i][j]`` is Excel row i+1, column j+1."""

    name: str
    rows: list[list[Any]]
    hidden: bool = False
    formulas_without_value: dict[tuple[int, int], str] = field(default_factory=dict)
    error_cells: dict[tuple[int, int], str] = field(default_factory=dict)  # (row0, col0) → #DIV/0!
    merged: list[tuple[int, int, int, int]] = field(
        default_factory=list
    )  # r0, c0, r1, c1 (0-based)


@dataclass
class RawWorkbook:
    """A workbook as read: file facts, stamp, sheets. Picklable, no open handles."""

    path: Path
    name: str
    sha256: str
    modified: date | None
    format: str  # "xlsx" / "ods"
    sheets: dict[str, RawSheet]
    stamp: dict[str, str]


def _refuse(path: Path, code: str, message: str, value: Any = None, expected: str | None = None):
    return WorkbookError(
        Finding(code, Severity.ERROR, message, path.name, value=value, expected=expected)
    )


def read_workbook(path: Path) -> RawWorkbook:
    """Read every sheet's values; raises ``WorkbookError`` (German finding) when it cannot."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise _refuse(
            path, "unreadable", f"Die Datei kann nicht gelesen werden ({exc.strerror})."
        ) from exc
    if size > MAX_FILE_BYTES:
        raise _refuse(
            path,
            "too-large",
            f"Die Datei ist mit {size / 1024**2:.0f} MB zu groß (höchstens {MAX_FILE_BYTES // 1024**2} MB).",
            value=size,
            expected=f"höchstens {MAX_FILE_BYTES // 1024**2} MB",
        )
    data = path.read_bytes()
    if data.startswith(_OLE2):
        if _ENCRYPTED in data[:1_000_000]:
            raise _refuse(
                path,
                "encrypted",
                "Die Arbeitsmappe ist mit einem Kennwort geschützt. Bitte ohne Kennwort speichern "
                "(Datei › Informationen › Arbeitsmappe schützen › Kennwort entfernen).",
            )
        raise _refuse(
            path,
            "legacy-xls",
            "Das alte Excel-Format .xls wird nicht gelesen. Bitte in Excel oder LibreOffice öffnen "
            "und als „Excel-Arbeitsmappe (.xlsx)“ speichern.",
            expected=".xlsx, .xlsm oder .ods",
        )
    if not data.startswith(b"PK\x03\x04"):
        raise _not_a_workbook(path)
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise _not_a_workbook(path) from exc
    with zf:
        fmt = _format(zf, path)
        _check_zip(zf, path)
        _check_prologs(zf, path)
        parts = _sheet_parts(zf) if fmt == "xlsx" else {}
        scans = {name: _scan_sheet(zf, part, path, name) for name, part in parts.items()}
        modified = _modified(zf, path)
    try:
        book = pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = _read_sheets(book, scans, path)
    except WorkbookError:
        raise
    except pc.PasswordError as exc:
        raise _refuse(
            path, "encrypted", "Die Arbeitsmappe ist mit einem Kennwort geschützt."
        ) from exc
    except Exception as exc:  # calamine's own errors: a damaged file, never a traceback
        raise _refuse(
            path,
            "not-a-workbook",
            f"Die Arbeitsmappe ist beschädigt und kann nicht gelesen werden ({type(exc).__name__}).",
        ) from exc
    return RawWorkbook(
        path=path,
        name=path.name,
        sha256=hashlib.sha256(data).hexdigest(),
        modified=modified,
        format=fmt,
        sheets=sheets,
        stamp=_stamp(sheets.get(META_SHEET)),
    )


def _not_a_workbook(path: Path) -> WorkbookError:
    return _refuse(
        path,
        "not-a-workbook",
        "Die Datei ist keine Excel- oder LibreOffice-Arbeitsmappe (vielleicht umbenannt?).",
        value=path.suffix or path.name,
        expected=".xlsx, .xlsm oder .ods",
    )


def _format(zf: zipfile.ZipFile, path: Path) -> str:
    names = set(zf.namelist())
    if "mimetype" in names and b"spreadsheet" in zf.read("mimetype")[:200]:
        return "ods"
    if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
        return "xlsx"
    raise _not_a_workbook(path)


def _check_zip(zf: zipfile.ZipFile, path: Path) -> None:
    """Refuse a zip bomb from its directory alone: declared sizes and ratios."""
    infos = zf.infolist()
    total = sum(i.file_size for i in infos)
    worst = max(infos, key=lambda i: i.file_size / max(i.compress_size, 1))
    ratio = worst.file_size / max(worst.compress_size, 1)
    too_big = total > MAX_UNCOMPRESSED or any(i.file_size > MAX_PART_BYTES for i in infos)
    if too_big or len(infos) > 10_000 or (ratio > MAX_RATIO and worst.file_size > 1024**2):
        raise _refuse(
            path,
            "zip-bomb",
            f"Die Datei wird nicht gelesen: entpackt wäre sie {total / 1024**2:,.0f} MB groß "
            f"(Verhältnis bis {ratio:,.0f} : 1). Das ist keine normale Arbeitsmappe.",
            value=f"{total} Bytes",
            expected=f"höchstens {MAX_UNCOMPRESSED // 1024**2} MB entpackt, Verhältnis ≤ {MAX_RATIO} : 1",
        )


def _check_prologs(zf: zipfile.ZipFile, path: Path) -> None:
    """Entity declarations have no business in a workbook: refuse before any parser runs."""
    for info in zf.infolist():
        if not info.filename.endswith((".xml", ".rels")):
            continue
        with zf.open(info) as fh:
            head = fh.read(65536)
        if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
            raise _refuse(
                path,
                "unsafe-xml",
                f"Die Datei enthält eine XML-Entity-Deklaration ({info.filename}) und wird aus "
                "Sicherheitsgründen nicht gelesen.",
            )


def _sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → zip part of its XML (xlsx), via defusedxml."""
    wb = SafeET.fromstring(zf.read("xl/workbook.xml"))
    rels = SafeET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target", "") for r in rels.findall("rel:Relationship", _NS)}
    out = {}
    for s in wb.findall("m:sheets/m:sheet", _NS):
        t = target.get(s.get(f"{{{_NS['r']}}}id"), "")
        out[s.get("name", "")] = t.lstrip("/") if t.startswith("/") else "xl/" + t
    return out


@dataclass
class _Scan:
    formulas_without_value: dict[tuple[int, int], str] = field(default_factory=dict)
    errors: dict[tuple[int, int], str] = field(default_factory=dict)


def _scan_sheet(zf: zipfile.ZipFile, part: str, path: Path, sheet: str) -> _Scan:
    scan = _Scan()
    if part not in zf.namelist():
        return scan
    xml = zf.read(part)
    if (m := _DIMENSION.search(xml[:4096])) and m[1] and int(m[1]) > MAX_ROWS:
        raise _too_many_rows(path, sheet, int(m[1]))
    if (rows := xml.count(b"<row ")) > MAX_ROWS:  # no or a false dimension: count in C
        raise _too_many_rows(path, sheet, rows)
    if b"<f" not in xml and b't="e"' not in xml:
        return scan  # the common case: no formulas, nothing more to look at
    for m in _CELL.finditer(xml):
        attrs, inner = m[1], m[2] or b""
        if not (b"<f" in inner or b't="e"' in attrs) or not (r := _ATTR_R.search(attrs)):
            continue
        pos = (int(r[2]) - 1, _col_index(r[1].decode()))
        v = _VALUE.search(inner)
        if (t := _ATTR_T.search(attrs)) and t[1] == b"e":
            scan.errors[pos] = v[1].decode() if v else "#WERT!"
        elif b"<f" in inner and (v is None or not v[1]):
            scan.formulas_without_value[pos] = "=" + _formula(inner)
    return scan


def _formula(inner: bytes) -> str:
    m = re.search(rb"<f[^>]*>([^<]*)</f>", inner)
    return m[1].decode() if m else ""


def _too_many_rows(path: Path, sheet: str, rows: int) -> WorkbookError:
    return WorkbookError(
        Finding(
            "too-large",
            Severity.ERROR,
            f"Das Blatt „{sheet}“ hat {rows:,} Zeilen; gelesen werden höchstens "
            f"{MAX_ROWS:,} Zeilen je Blatt.".replace(",", "."),
            path.name,
            sheet=sheet,
            value=rows,
            expected=f"höchstens {MAX_ROWS} Zeilen",
        )
    )


def _col_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def _read_sheets(book: Any, scans: dict[str, _Scan], path: Path) -> dict[str, RawSheet]:
    sheets = {}
    for meta in book.sheets_metadata:
        if meta.typ != pc.SheetTypeEnum.WorkSheet:
            continue
        sheet = book.get_sheet_by_name(meta.name)
        if sheet.total_height > MAX_ROWS:
            raise _too_many_rows(path, meta.name, sheet.total_height)
        scan = scans.get(meta.name, _Scan())
        sheets[meta.name] = RawSheet(
            name=meta.name,
            rows=sheet.to_python(skip_empty_area=False),
            hidden=meta.visible != pc.SheetVisibleEnum.Visible,
            formulas_without_value=scan.formulas_without_value,
            error_cells=scan.errors,
            merged=[(a[0], a[1], b[0], b[1]) for a, b in (sheet.merged_cell_ranges or [])],
        )
    return sheets


def _stamp(sheet: RawSheet | None) -> dict[str, str]:
    """Key/value rows of the hidden ``_Vorlage`` sheet (header row skipped)."""
    if sheet is None:
        return {}
    out = {}
    for row in sheet.rows[1:]:
        if len(row) >= 2 and str(row[0]).strip():
            value = row[1]
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            out[str(row[0]).strip()] = "" if value is None else str(value).strip()
    return out


def _modified(zf: zipfile.ZipFile, path: Path) -> date | None:
    """Last-modified date from the document properties, else from the file system."""
    for part, tag in (
        ("docProps/core.xml", "{http://purl.org/dc/terms/}modified"),
        ("meta.xml", "{http://purl.org/dc/elements/1.1/}date"),
    ):
        if part in zf.namelist():
            try:
                el = SafeET.fromstring(zf.read(part)).find(f".//{tag}")
                if el is not None and el.text:
                    return datetime.fromisoformat(el.text.strip().replace("Z", "+00:00")).date()
            except (ValueError, SafeET.ParseError):
                pass
    return datetime.fromtimestamp(path.stat().st_mtime, tz=UTC).date()
