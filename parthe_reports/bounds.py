"""Bounded reading: what a workbook really holds, measured on its bytes before a parser allocates.

A zip's directory states sizes; a hostile file lies there. So every member is inflated here
from its local header to the end of its deflate stream, counting bytes and stopping at the
limit (``ReadLimits``), whatever the directory says. The sheets are scanned while they
stream past, without keeping them:

* .xlsx/.xlsm: each sheet's ``<dimension ref>`` (what a reader may pre-allocate), the real
  cells (``<c>`` elements), the highest row and column a cell sits in (a reader builds the
  dense range from A1 to there);
* .ods: ``number-rows-repeated`` × ``number-columns-repeated`` up to the last non-empty cell
  (trailing empty repeats, as LibreOffice writes them to the sheet's end, cost nothing).

Anything above a limit raises ``WorkbookError`` with a German Fehler naming the sheet, the
count and the limit. Pure functions over bytes; no calamine, no openpyxl.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.parsers import expat

from parthe_reports.errors import Finding, Severity, WorkbookError
from parthe_reports.german import number
from parthe_reports.limits import MB, ReadLimits

_LOCAL = struct.Struct("<4sHHHHHIIIHH")  # local file header, 30 bytes
_CHUNK = 1 << 16
_BOMB_RATIO = 200  # above this inflation ratio a part over the limit is called what it is
_MAX_MEMBERS = 10_000
_TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE_NS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_TAG = re.compile(rb"<(?:[\w.-]+:)?(c|row|dimension)\b([^>]*)>")
# The fast path: what Excel, LibreOffice and openpyxl write (no prefix, r="…" first).
_CELL_REF = re.compile(rb'<c r="([A-Z]{1,4})(\d{1,9})"')
_ROW_REF = re.compile(rb'<row r="(\d{1,9})"')
_PREFIXED = re.compile(rb"<[\w.-]+:(?:c|row)[\s/>]")
_DIM_TAG = re.compile(rb"<(?:[\w.-]+:)?dimension\b([^>]*)>")
_REF = re.compile(rb'\br="([A-Z]{1,4})?(\d{1,9})"')
_DIM = re.compile(rb'\bref="([A-Z]{1,4})(\d{1,9})(?::([A-Z]{1,4})(\d{1,9}))?"')


@dataclass
class SheetSize:
    """What one sheet really holds (after the scan) and what it claimed."""

    name: str
    cells: int = 0  # cell elements present (xlsx) / non-empty cells incl. repeats (ods)
    rows: int = 0  # highest row a cell sits in (1-based)
    columns: int = 0  # highest column a cell sits in (1-based)
    claimed: tuple[int, int] = (0, 0)  # rows, columns of the <dimension ref> (xlsx)
    has_formula_or_error: bool = False  # worth the formula scan (ingest)

    @property
    def dense(self) -> int:
        return self.rows * self.columns


def refuse(
    path: Path, code: str, message: str, sheet: str | None = None, **kw: Any
) -> WorkbookError:
    """A WorkbookError carrying one Fehler about ``path``."""
    return WorkbookError(Finding(code, Severity.ERROR, message, path.name, sheet=sheet, **kw))


def de(n: int) -> str:
    """German digit grouping: 1.638.400.000."""
    return number(n)


def check_members(
    data: bytes,
    zf: zipfile.ZipFile,
    path: Path,
    limits: ReadLimits,
    consumers: dict[str, Callable[[bytes], None]] | None = None,
) -> None:
    """Inflate every member with a byte budget; feed the named ones to their consumer."""
    infos = check_member_count(zf, path)
    total = 0
    for info in infos:
        feed = (consumers or {}).get(info.filename)
        size = 0
        for chunk in _inflate(data, info, path, limits.part_bytes + 1):
            size += len(chunk)
            if feed is not None:
                feed(chunk)
        if size > limits.part_bytes:
            raise _part_too_large(path, info, limits)
        total += size
        if total > limits.unpacked_bytes:
            raise refuse(path, "too-large", f"Die Arbeitsmappe ist entpackt größer als "
                         f"{de(limits.max_unpacked_mb)} MB und wird nicht gelesen.",
                         value=f"über {de(limits.max_unpacked_mb)} MB",
                         expected=f"höchstens {de(limits.max_unpacked_mb)} MB entpackt")  # fmt: skip


def check_member_count(zf: zipfile.ZipFile, path: Path) -> list[zipfile.ZipInfo]:
    """A workbook has dozens of parts, not hundreds of thousands (checked before any is read)."""
    infos = zf.infolist()
    if len(infos) > _MAX_MEMBERS:
        raise refuse(path, "zip-bomb", f"Die Datei enthält {de(len(infos))} Teile; eine "
                     f"Arbeitsmappe hat höchstens {de(_MAX_MEMBERS)}.")  # fmt: skip
    return infos


def head(data: bytes, info: zipfile.ZipInfo, path: Path, size: int) -> bytes:
    """The first ``size`` inflated bytes of a member (its XML prolog), whatever the directory says."""
    return b"".join(_inflate(data, info, path, size))[:size]


def read_part(data: bytes, zf: zipfile.ZipFile, name: str, path: Path, limits: ReadLimits) -> bytes:
    """One member's bytes, inflated within the part limit (for the few parts parsed whole)."""
    info = zf.getinfo(name)
    out = b"".join(_inflate(data, info, path, limits.part_bytes + 1))
    if len(out) > limits.part_bytes:
        raise _part_too_large(path, info, limits)
    return out


def _part_too_large(path: Path, info: zipfile.ZipInfo, limits: ReadLimits) -> WorkbookError:
    ratio = limits.part_bytes / max(info.compress_size, 1)
    what = "gepackte Daten (vermutlich absichtlich so gebaut)" if ratio > _BOMB_RATIO else "Daten"
    code = "zip-bomb" if ratio > _BOMB_RATIO else "too-large"
    return refuse(path, code, f"Der Teil „{info.filename}“ enthält entpackt mehr als "
                  f"{de(limits.max_part_mb)} MB {what}; gelesen werden höchstens "
                  f"{de(limits.max_part_mb)} MB je Teil.", value=info.filename,
                  expected=f"höchstens {de(limits.max_part_mb)} MB je Teil")  # fmt: skip


def damaged(path: Path, why: str) -> WorkbookError:
    return refuse(path, "not-a-workbook", f"Die Arbeitsmappe ist beschädigt ({why}). Bitte in "
                  "Excel oder LibreOffice öffnen und neu speichern.")  # fmt: skip


def _inflate(data: bytes, info: zipfile.ZipInfo, path: Path, budget: int) -> Iterator[bytes]:
    """The member's bytes as its deflate stream really yields them, at most ``budget``."""
    start = info.header_offset
    if start + _LOCAL.size > len(data):
        raise damaged(path, f"Teil „{info.filename}“ fehlt")
    head = _LOCAL.unpack_from(data, start)
    if head[0] != b"PK\x03\x04":
        raise damaged(path, f"Teil „{info.filename}“ fehlt")
    begin = start + _LOCAL.size + head[9] + head[10]
    if info.compress_type == zipfile.ZIP_STORED:
        yield data[begin : begin + min(info.compress_size, budget)]
        return
    if info.compress_type != zipfile.ZIP_DEFLATED:
        raise damaged(path, f"unbekanntes Packverfahren im Teil „{info.filename}“")
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    produced, pos = 0, begin
    try:
        while not inflater.eof and produced < budget:
            if inflater.unconsumed_tail:
                src = inflater.unconsumed_tail
            elif pos < len(data):
                src, pos = data[pos : pos + _CHUNK], pos + _CHUNK
            else:
                raise damaged(path, f"Teil „{info.filename}“ ist abgeschnitten")
            out = inflater.decompress(src, min(_CHUNK, budget - produced))
            produced += len(out)
            if out:
                yield out
    except zlib.error as exc:
        raise damaged(path, f"Teil „{info.filename}“ lässt sich nicht entpacken") from exc


# --- xlsx -------------------------------------------------------------------------------


class XlsxSheetScan:
    """Counts one sheet's cells while its XML streams past (regex on chunk boundaries)."""

    def __init__(self, name: str, limits: ReadLimits, path: Path) -> None:
        self.size = SheetSize(name)
        self._limits, self._path = limits, path
        self._tail = b""
        self._row = 0
        self._col = 0

    def __call__(self, chunk: bytes) -> None:
        buf = self._tail + chunk
        cut = buf.rfind(b"<")
        body, self._tail = (buf[:cut], buf[cut:]) if cut >= 0 else (buf, b"")
        if len(self._tail) > _CHUNK:  # no tag in sight: attribute soup, not a workbook
            self._tail = b""
        if not self.size.has_formula_or_error and (b"<f" in body or b't="e"' in body):
            self.size.has_formula_or_error = True
        if not self._placed(body):  # some cell or row without its r="…": walk tag by tag
            for m in _TAG.finditer(body):
                self._tag(m[1], m[2])
        check_sheet(self.size, self._limits, self._path)

    def _placed(self, body: bytes) -> bool:
        """The common case, in C: every cell and row names its place (``r="B7"``)."""
        cells = body.count(b"<c ") + body.count(b"<c>") + body.count(b"<c/")
        refs = _CELL_REF.findall(body)
        if len(refs) != cells or (b":c" in body and _PREFIXED.search(body)):
            return False
        rows = _ROW_REF.findall(body)
        if len(rows) != body.count(b"<row ") + body.count(b"<row>") + body.count(b"<row/"):
            return False
        s = self.size
        if not any(s.claimed) and (dim := _DIM_TAG.search(body)):
            self._tag(b"dimension", dim[1])
        s.cells += cells
        if refs:
            s.columns = max(s.columns, *(_col_number(c) for c in {c for c, _ in refs}))
            s.rows = max(s.rows, *map(int, {r for _, r in refs}))
            self._col = _col_number(refs[-1][0])  # where a later walk goes on (overcounts, safe)
        if rows:
            self._row = int(rows[-1])
        return True

    def _tag(self, kind: bytes, attrs: bytes) -> None:
        s = self.size
        if kind == b"c":
            s.cells += 1
            ref = _REF.search(attrs)
            if ref and ref[1]:
                self._row, self._col = int(ref[2]), _col_number(ref[1])
            else:
                self._col += 1
            s.rows, s.columns = max(s.rows, self._row), max(s.columns, self._col)
        elif kind == b"row":
            ref = _REF.search(attrs)
            self._row = int(ref[2]) if ref and not ref[1] else self._row + 1
            self._col = 0
        elif (dim := _DIM.search(attrs)) and not any(s.claimed):
            rows = int(dim[4] or dim[2]) - int(dim[2]) + 1
            cols = _col_number(dim[3] or dim[1]) - _col_number(dim[1]) + 1
            s.claimed = (max(rows, 0), max(cols, 0))


def _col_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


# --- ods --------------------------------------------------------------------------------


@dataclass
class _OdsTable:
    size: SheetSize
    row: int = 0  # rows so far, repeats included
    row_repeat: int = 1
    col: int = 0  # columns so far in the current row
    row_last_col: int = 0  # last non-empty column in the current row
    cell_repeat: int = 0  # the open cell's repeat, 0 when none open
    cell_has_content: bool = False


@dataclass
class OdsScan:
    """Counts the dense range of every table in content.xml (expat, namespace-aware)."""

    limits: ReadLimits
    path: Path
    sheets: list[SheetSize] = field(default_factory=list)
    _table: _OdsTable | None = None
    broken: bool = False  # not XML (e.g. encrypted): ingest decides what to say
    _depth: int = 0  # nested tables (sub-tables in a cell) are not sheets
    _parser: Any = None

    def __post_init__(self) -> None:
        p = expat.ParserCreate(namespace_separator=" ")
        p.StartElementHandler, p.EndElementHandler = self._start, self._end
        p.StartDoctypeDeclHandler = self._doctype
        p.EntityDeclHandler = self._doctype
        p.buffer_text = True
        self._parser = p

    def __call__(self, chunk: bytes) -> None:
        if self.broken:
            return
        try:
            self._parser.Parse(chunk, False)
        except expat.ExpatError:
            self.broken = True

    def _doctype(self, *_: Any) -> None:
        raise refuse(self.path, "unsafe-xml", "Die Datei enthält eine XML-Entity-Deklaration "
                     "und wird aus Sicherheitsgründen nicht gelesen.")  # fmt: skip

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        ns, _, local = name.rpartition(" ")
        t = self._table
        if ns != _TABLE_NS:
            if t is not None and t.cell_repeat:  # text:p, an annotation, a frame: content
                t.cell_has_content = True
            return
        if local == "table":
            self._depth += 1
            if self._depth == 1:
                self._table = _OdsTable(SheetSize(attrs.get(f"{_TABLE_NS} name", "")))
                self.sheets.append(self._table.size)
        elif t is None or self._depth != 1:
            return
        elif local == "table-row":
            t.row_repeat = _repeat(attrs, "number-rows-repeated")
            t.col = t.row_last_col = 0
        elif local in ("table-cell", "covered-table-cell"):
            t.cell_repeat = _repeat(attrs, "number-columns-repeated")
            t.cell_has_content = f"{_OFFICE_NS} value-type" in attrs

    def _end(self, name: str) -> None:
        ns, _, local = name.rpartition(" ")
        t = self._table
        if ns != _TABLE_NS or t is None:
            return
        if local == "table":
            self._depth -= 1
            if self._depth == 0:
                self._table = None
        elif self._depth != 1:
            return
        elif local in ("table-cell", "covered-table-cell") and t.cell_repeat:
            t.col += t.cell_repeat
            if t.cell_has_content:
                t.row_last_col = t.col
                t.size.cells += t.cell_repeat * t.row_repeat
            t.cell_repeat = 0
        elif local == "table-row":
            t.row += t.row_repeat
            if t.row_last_col:  # empty rows count only when a non-empty one follows
                t.size.rows, t.size.columns = t.row, max(t.size.columns, t.row_last_col)
            check_sheet(t.size, self.limits, self.path)


def _repeat(attrs: dict[str, str], key: str) -> int:
    try:
        return max(int(attrs.get(f"{_TABLE_NS} {key}", "1")), 1)
    except ValueError:
        return 1


# --- the limits -------------------------------------------------------------------------


def check_sheet(s: SheetSize, limits: ReadLimits, path: Path) -> None:
    """Refuse a sheet whose claim or content is above a limit (called while it streams)."""
    claimed = s.claimed[0] * s.claimed[1]
    for count, limit, what in (
        (claimed, limits.max_cells_per_sheet, "Zellen angegeben"),
        (s.cells, limits.max_cells_per_sheet, "Zellen"),
        (s.dense, limits.max_cells_per_sheet, "Zellen im belegten Bereich"),
        (max(s.rows, s.claimed[0]), limits.max_rows, "Zeilen"),
        (max(s.columns, s.claimed[1]), limits.max_columns, "Spalten"),
    ):
        if count > limit:
            raise refuse(path, "too-large", f"Blatt {s.name}: {de(count)} {what}, höchstens "
                         f"{de(limit)}.", sheet=s.name, value=count,
                         expected=f"höchstens {de(limit)}")  # fmt: skip


def check_workbook(sheets: list[SheetSize], limits: ReadLimits, path: Path) -> None:
    """Refuse a workbook whose sheets together hold too many cells."""
    total = sum(max(s.dense, s.cells) for s in sheets)
    if total > limits.max_cells_per_workbook:
        raise refuse(path, "too-large", f"Die Blätter haben zusammen {de(total)} Zellen, "
                     f"höchstens {de(limits.max_cells_per_workbook)}.", value=total,
                     expected=f"höchstens {de(limits.max_cells_per_workbook)}")  # fmt: skip


__all__ = [
    "MB",
    "OdsScan",
    "SheetSize",
    "XlsxSheetScan",
    "check_member_count",
    "check_members",
    "check_workbook",
    "damaged",
    "head",
    "read_part",
    "refuse",
]
