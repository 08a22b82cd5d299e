"""The only module that opens workbooks: safety checks first, then values via calamine.

Order of work for one file, cheapest first, so a hostile file is refused before any
parser sees it:

1. size on disk and magic bytes (legacy .xls / encrypted OOXML are OLE2 containers; an
   Excel binary workbook .xlsb is named as such; anything else that is not a zip is not
   a workbook);
2. every zip member inflated from its own bytes with a budget, never trusting the
   directory's sizes, while the sheets stream past a counter (``bounds.py``): claimed
   dimension, real cells, rows, columns, the dense range; .ods repeat counts;
3. XML prologs: any ``<!DOCTYPE``/``<!ENTITY`` is refused (OOXML and ODF never need one);
   the few parts parsed here go through defusedxml;
4. values of every sheet through python-calamine (fast, Rust, no entity expansion);
5. only for .xlsx/.xlsm sheets whose XML contains a formula or an error cell: a regex
   scan of that sheet's XML for formulas without cached value and error values (calamine
   shows both as empty). Merged ranges come from calamine.

Limits: ``limits.ReadLimits`` (region.toml › [inputs], defaults and reasons there). The
per-sheet limit on data rows for validation is ``Region.max_sheet_rows``.
"""

from __future__ import annotations

import errno
import hashlib
import io
import re
import zipfile
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import python_calamine as pc
from defusedxml import ElementTree as SafeET

from parthe_reports.bounds import (
    OdsScan,
    XlsxSheetScan,
    check_member_count,
    check_members,
    check_workbook,
    damaged,
    head,
    read_part,
    refuse,
)
from parthe_reports.discover import (  # re-exported: where the files come from
    SPREADSHEET_SUFFIXES,
    Discovery,
    discover_inputs,
    discover_workbooks,
)
from parthe_reports.errors import WorkbookError
from parthe_reports.german import number
from parthe_reports.limits import DEFAULT_LIMITS, MB, ReadLimits
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

MAX_FILE_BYTES = DEFAULT_LIMITS.file_bytes
MAX_UNCOMPRESSED = DEFAULT_LIMITS.unpacked_bytes
MAX_PART_BYTES = DEFAULT_LIMITS.part_bytes
MAX_RATIO = 200
MAX_ROWS = DEFAULT_LIMITS.max_rows  # the reader's bound; validation's: region.max_sheet_rows

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptionInfo".encode("utf-16-le")
_CELL = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.DOTALL)
_ATTR_R = re.compile(rb'\br="([A-Z]+)(\d+)"')
_ATTR_T = re.compile(rb'\bt="(\w+)"')
_VALUE = re.compile(rb"<v>([^<]*)</v>")
# a formula element or an error cell; not <formula1> of a drop-down (every template sheet)
_FORMULA = re.compile(rb"<f[\s>/]")
_PROLOG_BYTES = 65536  # where an XML prolog (and its DOCTYPE) must have ended
_PARSED_FIRST = ("xl/workbook.xml", "xl/_rels/workbook.xml.rels")  # by _sheet_parts
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
    return refuse(path, code, message, value=value, expected=expected)


def read_workbook(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> RawWorkbook:
    """Read every sheet's values; raises ``WorkbookError`` (German finding) when it cannot."""
    data = _file_bytes(path, limits)
    _check_container(data, path)
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise _not_a_workbook(path) from exc
    try:
        with zf:
            check_member_count(zf, path)
            fmt = _format(zf, path)
            _check_prologs(data, zf, path, _PARSED_FIRST)  # parsed before the one inflate
            parts = _sheet_parts(data, zf, path, limits) if fmt == "xlsx" else {}
            formulas = _measure(data, zf, path, parts, limits)
            scans = {name: _scan_sheet(zf, parts[name]) for name in formulas}
            modified = _modified(zf, path)
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        KeyError,
        ValueError,
        SafeET.ParseError,
    ) as exc:
        raise damaged(path, "der Aufbau der Datei ist fehlerhaft") from exc
    try:
        book = pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = _read_sheets(book, scans, path, limits)
    except WorkbookError:
        raise
    except pc.PasswordError as exc:
        raise _refuse(
            path, "encrypted", "Die Arbeitsmappe ist mit einem Kennwort geschützt."
        ) from exc
    except Exception as exc:  # calamine's own errors: a damaged file, never a traceback
        raise damaged(path, "die Tabellenblätter lassen sich nicht lesen") from exc
    return RawWorkbook(
        path=path,
        name=path.name,
        sha256=hashlib.sha256(data).hexdigest(),
        modified=modified,
        format=fmt,
        sheets=sheets,
        stamp=_stamp(sheets.get(META_SHEET)),
    )


def _file_bytes(path: Path, limits: ReadLimits) -> bytes:
    try:
        size = path.stat().st_size
        if size > limits.file_bytes:
            raise _refuse(
                path,
                "too-large",
                f"Die Datei ist mit {number(size / MB)} MB zu groß "
                f"(höchstens {number(limits.max_file_mb)} MB).",
                value=size,
                expected=f"höchstens {number(limits.max_file_mb)} MB",
            )
        return path.read_bytes()
    except OSError as exc:
        raise _refuse(
            path, "unreadable", f"Die Datei kann nicht gelesen werden ({os_reason(exc)})."
        ) from exc


def os_reason(exc: OSError) -> str:
    """The operating system's reason in German, never its English text."""
    return {
        errno.EACCES: "keine Leseberechtigung",
        errno.EPERM: "keine Leseberechtigung",
        errno.ENOENT: "die Datei ist verschwunden",
        errno.EISDIR: "das ist ein Ordner",
        errno.EIO: "Lesefehler des Datenträgers",
    }.get(exc.errno or 0, "Zugriff verweigert oder Datei gesperrt")


def _check_container(data: bytes, path: Path) -> None:
    """OLE2 (.xls, encrypted OOXML) and non-zip files are refused with their remedy."""
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


def _measure(
    data: bytes, zf: zipfile.ZipFile, path: Path, parts: dict[str, str], limits: ReadLimits
) -> set[str]:
    """Inflate every member once, within the limits: each XML part's prolog is checked and
    each sheet's real size counted as it streams past (no parts: ods). Returns the names of
    the sheets with a formula or an error cell (worth the formula scan)."""
    prologs = {
        info.filename: _PrologCheck(info.filename, path)
        for info in zf.infolist()
        if info.filename.endswith((".xml", ".rels")) and info.filename not in _PARSED_FIRST
    }
    if not parts:
        ods = OdsScan(limits, path)
        check_members(data, zf, path, limits, _then(prologs, {"content.xml": ods}))
        if _ods_encrypted(zf):
            raise _refuse(
                path,
                "encrypted",
                "Die Arbeitsmappe ist mit einem Kennwort geschützt. Bitte in LibreOffice ohne "
                "Kennwort speichern (Datei › Speichern unter…, „Mit Kennwort speichern“ abwählen).",
            )
        if ods.broken:
            raise damaged(path, "content.xml ist kein gültiges XML")
        check_workbook(ods.sheets, limits, path)
        return set()
    scans = {part: XlsxSheetScan(name, limits, path) for name, part in parts.items()}
    seen = {part: _FormulaSeen() for part in parts.values()}
    check_members(data, zf, path, limits, _then(prologs, dict(scans), dict(seen)))
    check_workbook([scan.size for scan in scans.values()], limits, path)
    return {name for name, part in parts.items() if seen[part].found}


def _then(*consumers: Mapping[str, Callable[[bytes], None]]) -> dict[str, Callable[[bytes], None]]:
    """One consumer per part that feeds each chunk to that part's consumers, in order."""
    by_part: dict[str, list[Callable[[bytes], None]]] = {}
    for group in consumers:
        for part, feed in group.items():
            by_part.setdefault(part, []).append(feed)

    def chain(feeds: list[Callable[[bytes], None]]) -> Callable[[bytes], None]:
        if len(feeds) == 1:
            return feeds[0]

        def feed_all(chunk: bytes) -> None:
            for feed in feeds:
                feed(chunk)

        return feed_all

    return {part: chain(feeds) for part, feeds in by_part.items()}


class _PrologCheck:
    """``_check_prologs`` for one part while it streams past: its first 64 KiB inflated."""

    def __init__(self, part: str, path: Path) -> None:
        self.part, self.path = part, path
        self.head = b""

    def __call__(self, chunk: bytes) -> None:
        if len(self.head) >= _PROLOG_BYTES:
            return
        self.head = (self.head + chunk if self.head else chunk)[:_PROLOG_BYTES]
        _check_prolog(self.head, self.part, self.path)


class _FormulaSeen:
    """Whether a sheet's XML has a formula (``<f>``, not ``<formula1>`` of a drop-down) or
    an error cell, looked for while it streams past (a match may span two chunks)."""

    def __init__(self) -> None:
        self.found = False
        self._tail = b""

    def __call__(self, chunk: bytes) -> None:
        if self.found:
            return
        seam = self._tail + chunk[:8]  # two literal searches in C, no copy of the chunk
        self.found = any(
            b't="e"' in part or _FORMULA.search(part) is not None for part in (seam, chunk)
        )
        self._tail = chunk[-8:]


def _ods_encrypted(zf: zipfile.ZipFile) -> bool:
    """ODF encryption is declared per part in the manifest (sizes already bounded)."""
    try:
        return b"encryption-data" in zf.read("META-INF/manifest.xml")
    except KeyError:
        return False


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
    if "xl/workbook.bin" in names:
        raise _refuse(
            path,
            "xlsb",
            "Das ist eine Excel-Binärarbeitsmappe (.xlsb); sie wird nicht gelesen. Bitte in Excel "
            "öffnen und als „Excel-Arbeitsmappe (.xlsx)“ speichern.",
            value=".xlsb",
            expected=".xlsx, .xlsm oder .ods",
        )
    if "mimetype" in names and b"spreadsheet" in zf.open("mimetype").read(200):
        return "ods"
    if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
        return "xlsx"
    raise _not_a_workbook(path)


def _check_prologs(data: bytes, zf: zipfile.ZipFile, path: Path, parts: tuple[str, ...]) -> None:
    """Entity declarations have no business in a workbook: refuse before any parser runs.
    These ``parts`` are parsed before the inflate of ``_measure``, which checks the others."""
    names = set(zf.namelist())
    for part in parts:
        if part in names:
            _check_prolog(head(data, zf.getinfo(part), path, _PROLOG_BYTES), part, path)


def _check_prolog(prolog: bytes, part: str, path: Path) -> None:
    if b"<!DOCTYPE" in prolog or b"<!ENTITY" in prolog:
        raise _refuse(
            path,
            "unsafe-xml",
            f"Die Datei enthält eine XML-Entity-Deklaration ({part}) und wird aus "
            "Sicherheitsgründen nicht gelesen.",
        )


def _sheet_parts(
    data: bytes, zf: zipfile.ZipFile, path: Path, limits: ReadLimits
) -> dict[str, str]:
    """Sheet name → zip part of its XML (xlsx), via defusedxml, each part read within limits."""
    wb = SafeET.fromstring(read_part(data, zf, "xl/workbook.xml", path, limits))
    rels = SafeET.fromstring(read_part(data, zf, "xl/_rels/workbook.xml.rels", path, limits))
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


def _scan_sheet(zf: zipfile.ZipFile, part: str) -> _Scan:
    """Formulas without a cached value and error cells (only sheets that have either)."""
    scan = _Scan()
    if part not in zf.namelist():
        return scan
    xml = zf.read(part)  # its real size is bounded by now (bounds.check_members)
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


def _too_many_rows(path: Path, sheet: str, rows: int, limit: int) -> WorkbookError:
    return refuse(
        path,
        "too-large",
        f"Blatt {sheet}: {number(rows)} Zeilen, höchstens {number(limit)}.",
        sheet=sheet,
        value=rows,
        expected=f"höchstens {number(limit)} Zeilen",
    )


def _col_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def _read_sheets(
    book: Any, scans: dict[str, _Scan], path: Path, limits: ReadLimits
) -> dict[str, RawSheet]:
    sheets = {}
    for meta in book.sheets_metadata:
        if meta.typ != pc.SheetTypeEnum.WorkSheet:
            continue
        sheet = book.get_sheet_by_name(meta.name)
        if sheet.total_height > limits.max_rows:  # second line of defence (bounds.py first)
            raise _too_many_rows(path, meta.name, sheet.total_height, limits.max_rows)
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
