"""The annotated copy written by editing the .xlsx package itself, not through openpyxl.

openpyxl binds every cell of every sheet on load and writes them all again on save (≈ 0.1 s
CPU per workbook, 85 % of a copy). The copy only adds to the package: a fill on the flagged
cells (a new cell format derived from each cell's own), a comments part with its VML drawing
per flagged sheet, and the „Prüfergebnis“ sheet in front. Every other part is copied as is, so
tables, drop-downs, formulas, macros and everything openpyxl does not know survive unchanged.

A package this module cannot edit safely (comments already on a flagged sheet, a sheet named
„Prüfergebnis“, rows or cells without a reference, unusual part layout) raises
``Unsupported``; the caller then makes the copy through openpyxl as before.
"""

from __future__ import annotations

import math
import posixpath
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments.comment_sheet import CommentRecord, CommentSheet
from openpyxl.utils import column_index_from_string, get_column_letter

from parthe_reports.xlsx_text import DANGEROUS

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_WORKSHEET_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_COMMENTS_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"
_VML_CT = "application/vnd.openxmlformats-officedocument.vmlDrawing"
_REL_COMMENTS = f"{REL}/comments"
_REL_VML = f"{REL}/vmlDrawing"
_REL_SHEET = f"{REL}/worksheet"
_REL_STYLES = f"{REL}/styles"
_REL_OFFICE = f"{REL}/officeDocument"
_REF = re.compile(r"^([A-Z]{1,3})([1-9][0-9]{0,6})$")
# CT_Worksheet children that must come after <legacyDrawing> (schema order)
_AFTER_LEGACY = (
    "legacyDrawingHF",
    "drawingHF",
    "picture",
    "oleObjects",
    "controls",
    "webPublishItems",
    "tableParts",
    "extLst",
)
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


class Unsupported(Exception):
    """This package needs the openpyxl route."""


@dataclass(frozen=True)
class Mark:
    """One flagged cell: its fill colour (or None) and the comment text."""

    fill_rgb: str | None
    text: str


@dataclass
class ResultCell:
    """One cell of the Prüfergebnis sheet."""

    value: Any
    font: str | None = None  # "title", "bold", "link"
    fill_rgb: str | None = None
    link: str | None = None  # an in-workbook location, e.g. 'Maßnahmen'!I2


@dataclass
class ResultSheet:
    """The Prüfergebnis sheet: rows of cells (None = empty row), column widths, frozen rows."""

    title: str
    rows: list[list[ResultCell] | None]
    widths: Sequence[float]
    frozen_rows: int


def _q(ns: str, tag: str) -> str:
    return f"{{{ns}}}{tag}"


def _clean(text: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def _parse(data: bytes) -> Any:
    if b"<!DOCTYPE" in data[:2048].upper():
        raise Unsupported("doctype")
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise Unsupported(str(exc)) from exc


def _dump(root: Any) -> bytes:
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _part(base: str, target: str) -> str:
    """The part name (no leading slash) a relationship target points to."""
    if target.startswith("/"):
        return target[1:]
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), target))


def _rels_name(part: str) -> str:
    return posixpath.join(posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels")


def _free_name(names: set[str], pattern: str) -> str:
    i = 1
    while pattern.format(i) in names:
        i += 1
    name = pattern.format(i)
    names.add(name)
    return name


def _free_rid(rels: Any) -> str:
    used = {r.get("Id") for r in rels}
    i = 1
    while f"rId{i}" in used:
        i += 1
    return f"rId{i}"


def _add_rel(rels: Any, rel_type: str, target: str) -> str:
    rid = _free_rid(rels)
    etree.SubElement(rels, _q(PKG, "Relationship"), Id=rid, Type=rel_type, Target=target)
    return rid


@dataclass
class _Styles:
    """styles.xml with the fonts, fills and cell formats the copy adds (each added once)."""

    root: Any
    fills: dict[str, int] = field(default_factory=dict)
    fonts: dict[str, int] = field(default_factory=dict)
    xfs: dict[tuple[int, int | None, int | None, bool], int] = field(default_factory=dict)

    def _section(self, tag: str) -> Any:
        node = self.root.find(_q(MAIN, tag))
        if node is None:
            raise Unsupported(f"styles without {tag}")
        return node

    def _append(self, tag: str, child: Any) -> int:
        node = self._section(tag)
        node.append(child)
        node.set("count", str(len(node)))
        return len(node) - 1

    def fill(self, rgb: str) -> int:
        if rgb not in self.fills:
            fill = etree.Element(_q(MAIN, "fill"))
            pattern = etree.SubElement(fill, _q(MAIN, "patternFill"), patternType="solid")
            etree.SubElement(pattern, _q(MAIN, "fgColor"), rgb="00" + rgb)
            etree.SubElement(pattern, _q(MAIN, "bgColor"), rgb="00000000")
            self.fills[rgb] = self._append("fills", fill)
        return self.fills[rgb]

    def font(self, kind: str) -> int:
        if kind not in self.fonts:
            font = etree.Element(_q(MAIN, "font"))
            if kind in ("title", "bold"):
                etree.SubElement(font, _q(MAIN, "b"), val="1")
            if kind == "title":
                etree.SubElement(font, _q(MAIN, "sz"), val="14")
            if kind == "link":
                etree.SubElement(font, _q(MAIN, "u"))
                etree.SubElement(font, _q(MAIN, "color"), rgb="000563C1")
            self.fonts[kind] = self._append("fonts", font)
        return self.fonts[kind]

    def derived(self, base: int, font: int | None, fill: int | None, quote: bool) -> int:
        """A cell format: format ``base`` with another font, fill or quote prefix."""
        key = (base, font, fill, quote)
        if key not in self.xfs:
            xfs = self._section("cellXfs")
            if base >= len(xfs):
                raise Unsupported("cell format out of range")
            xf = etree.fromstring(etree.tostring(xfs[base]))
            if font is not None:
                xf.set("fontId", str(font))
                xf.set("applyFont", "1")
            if fill is not None:
                xf.set("fillId", str(fill))
                xf.set("applyFill", "1")
            if quote:
                xf.set("quotePrefix", "1")
            self.xfs[key] = self._append("cellXfs", xf)
        return self.xfs[key]


@dataclass
class _Package:
    """The parts of the source package that the copy changes, parsed; the rest is copied."""

    zin: zipfile.ZipFile
    names: set[str]
    changed: dict[str, bytes] = field(default_factory=dict)

    def xml(self, name: str) -> Any:
        if name not in self.names:
            raise Unsupported(f"missing {name}")
        return _parse(self.zin.read(name))

    def rels(self, part: str) -> Any:
        name = _rels_name(part)
        if name in self.names:
            return self.xml(name)
        self.names.add(name)
        return etree.Element(_q(PKG, "Relationships"), nsmap={None: PKG})


def write_package_copy(
    source: Path,
    out_path: Path,
    marks: dict[str, dict[str, Mark]],
    result: ResultSheet,
) -> None:
    """Write ``source`` with ``marks`` and the result sheet to ``out_path`` (or raise
    ``Unsupported`` before anything is written)."""
    with zipfile.ZipFile(source) as zin:
        pkg = _Package(zin, set(zin.namelist()))
        _edit(pkg, marks, result)
        out_path.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(out_path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zout:
            for info in zin.infolist():
                data = pkg.changed.pop(info.filename, None)
                zout.writestr(info.filename, zin.read(info) if data is None else data)
            for name, data in pkg.changed.items():
                zout.writestr(name, data)


def sheet_names(source: Path) -> list[str]:
    """The sheet names of an .xlsx package in workbook order."""
    with zipfile.ZipFile(source) as zin:
        pkg = _Package(zin, set(zin.namelist()))
        book_part = _book_part(pkg)
        sheets = pkg.xml(book_part).find(_q(MAIN, "sheets"))
        return [s.get("name") for s in sheets] if sheets is not None else []


def _book_part(pkg: _Package) -> str:
    root_rels = pkg.xml("_rels/.rels")
    book_part = next(
        (_part("", r.get("Target", "")) for r in root_rels if r.get("Type") == _REL_OFFICE), None
    )
    if book_part is None:
        raise Unsupported("no workbook part")
    return book_part


def _edit(pkg: _Package, marks: dict[str, dict[str, Mark]], result: ResultSheet) -> None:
    book_part = _book_part(pkg)
    book = pkg.xml(book_part)
    book_rels = pkg.xml(_rels_name(book_part))
    targets = {r.get("Id"): r for r in book_rels}
    sheets = book.find(_q(MAIN, "sheets"))
    if sheets is None:
        raise Unsupported("no sheets")
    by_name: dict[str, str] = {}
    for sheet in sheets:
        rel = targets.get(sheet.get(_q(REL, "id")))
        if rel is None or rel.get("TargetMode") == "External":
            raise Unsupported("sheet without part")
        by_name[sheet.get("name")] = _part(book_part, rel.get("Target", ""))
    if result.title in by_name:
        raise Unsupported("result sheet exists")
    style_rel = next((r for r in book_rels if r.get("Type") == _REL_STYLES), None)
    if style_rel is None:
        raise Unsupported("no styles")
    styles_part = _part(book_part, style_rel.get("Target", ""))
    styles = _Styles(pkg.xml(styles_part))
    types = pkg.xml("[Content_Types].xml")

    for name, cells in marks.items():
        if cells:
            _mark_sheet(pkg, by_name[name], cells, styles, types)
    _unselect_tabs(pkg, by_name.values())
    sheet_part = _free_name(
        pkg.names, posixpath.join(posixpath.dirname(book_part), "worksheets/sheet{}.xml")
    )
    pkg.changed[sheet_part] = _result_sheet_xml(result, styles)
    etree.SubElement(
        types, _q(CT, "Override"), PartName="/" + sheet_part, ContentType=_WORKSHEET_CT
    )
    rid = _add_rel(book_rels, _REL_SHEET, "/" + sheet_part)
    _put_first_sheet(book, sheets, result.title, rid)
    pkg.changed[book_part] = _dump(book)
    pkg.changed[_rels_name(book_part)] = _dump(book_rels)
    pkg.changed[styles_part] = _dump(styles.root)
    pkg.changed["[Content_Types].xml"] = _dump(types)


def _put_first_sheet(book: Any, sheets: Any, title: str, rid: str) -> None:
    """The result sheet goes first and is the active one; sheet-local names shift by one."""
    ids = [int(s.get("sheetId", "0")) for s in sheets]
    new = etree.Element(_q(MAIN, "sheet"), name=title, sheetId=str(max(ids, default=0) + 1))
    new.set(_q(REL, "id"), rid)
    sheets.insert(0, new)
    for view in book.iter(_q(MAIN, "workbookView")):
        view.set("activeTab", "0")
        view.set("firstSheet", "0")
    for name in book.iter(_q(MAIN, "definedName")):
        local = name.get("localSheetId")
        if local is not None and local.isdigit():
            name.set("localSheetId", str(int(local) + 1))


def _unselect_tabs(pkg: _Package, parts: Iterable[str]) -> None:
    """Only the result sheet's tab is selected (else Excel opens with a group of sheets)."""
    for part in parts:
        data = pkg.changed.get(part) or pkg.zin.read(part)
        if b"tabSelected" in data:
            root = _parse(data)
            for view in root.iter(_q(MAIN, "sheetView")):
                view.attrib.pop("tabSelected", None)
            pkg.changed[part] = _dump(root)


def _mark_sheet(
    pkg: _Package, part: str, cells: dict[str, Mark], styles: _Styles, types: Any
) -> None:
    root = pkg.xml(part)
    if root.find(_q(MAIN, "legacyDrawing")) is not None:
        raise Unsupported("sheet has comments or controls")
    data = root.find(_q(MAIN, "sheetData"))
    if data is None:
        raise Unsupported("no sheetData")
    col_styles = _column_styles(root)
    records = []
    for ref, mark in cells.items():
        cell, col, created = _cell(data, ref)
        if mark.fill_rgb is not None:
            # a cell the sheet did not store showed its column's format: it keeps it
            base = int(cell.get("s") or (col_styles.get(col, 0) if created else 0))
            cell.set("s", str(styles.derived(base, None, styles.fill(mark.fill_rgb), False)))
        record = CommentRecord(ref=ref, author="Prüfung", width=320, height=120)
        record.text.t = _clean(mark.text)
        records.append(record)
    comments = CommentSheet.from_comments(records)
    comments_part = _free_name(pkg.names, "xl/comments/comment{}.xml")
    vml_part = _free_name(pkg.names, "xl/drawings/commentsDrawing{}.vml")
    pkg.changed[comments_part] = _dump(comments.to_tree())
    pkg.changed[vml_part] = comments.write_shapes(None)
    etree.SubElement(
        types, _q(CT, "Override"), PartName="/" + comments_part, ContentType=_COMMENTS_CT
    )
    if not any(d.get("Extension", "").lower() == "vml" for d in types.iter(_q(CT, "Default"))):
        types.insert(0, etree.Element(_q(CT, "Default"), Extension="vml", ContentType=_VML_CT))
    rels = pkg.rels(part)
    _add_rel(rels, _REL_COMMENTS, "/" + comments_part)
    vml_rid = _add_rel(rels, _REL_VML, "/" + vml_part)
    legacy = etree.Element(_q(MAIN, "legacyDrawing"))
    legacy.set(_q(REL, "id"), vml_rid)
    after = next((c for c in root if etree.QName(c).localname in _AFTER_LEGACY), None)
    if after is None:
        root.append(legacy)
    else:
        after.addprevious(legacy)
    pkg.changed[part] = _dump(root)
    pkg.changed[_rels_name(part)] = _dump(rels)


def _column_styles(root: Any) -> dict[int, int]:
    styles: dict[int, int] = {}
    for col in root.iter(_q(MAIN, "col")):
        if col.get("style") and col.get("min") and col.get("max"):
            for i in range(int(col.get("min")), min(int(col.get("max")), 16384) + 1):
                styles[i] = int(col.get("style"))
    return styles


def _cell(data: Any, ref: str) -> tuple[Any, int, bool]:
    """The <c> element for ``ref`` in sheetData, made (with its row) when absent; its column; whether it was made."""
    match = _REF.match(ref)
    if match is None:
        raise Unsupported(f"cell reference {ref}")
    col, row_no = column_index_from_string(match.group(1)), int(match.group(2))
    row = None
    for r in data:
        r_no = r.get("r")
        if r_no is None:
            raise Unsupported("row without number")
        if int(r_no) == row_no:
            row = r
            break
        if int(r_no) > row_no:
            row = etree.Element(_q(MAIN, "row"), r=str(row_no))
            r.addprevious(row)
            break
    if row is None:
        row = etree.SubElement(data, _q(MAIN, "row"), r=str(row_no))
    for c in row:
        c_ref = c.get("r")
        m = _REF.match(c_ref or "")
        if m is None:
            raise Unsupported("cell without reference")
        c_col = column_index_from_string(m.group(1))
        if c_col == col:
            return c, col, False
        if c_col > col:
            new = etree.Element(_q(MAIN, "c"), r=ref)
            c.addprevious(new)
            return new, col, True
    return etree.SubElement(row, _q(MAIN, "c"), r=ref), col, True


def _value(cell: Any, value: Any) -> None:
    if isinstance(value, bool):
        cell.set("t", "b")
        etree.SubElement(cell, _q(MAIN, "v")).text = "1" if value else "0"
    elif isinstance(value, int | float) and math.isfinite(value):
        cell.set("t", "n")
        etree.SubElement(cell, _q(MAIN, "v")).text = repr(value)
    else:
        cell.set("t", "inlineStr")  # text stays text: never a formula
        t = etree.SubElement(etree.SubElement(cell, _q(MAIN, "is")), _q(MAIN, "t"))
        t.text = _clean(str(value))
        if t.text != t.text.strip():
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def _result_sheet_xml(result: ResultSheet, styles: _Styles) -> bytes:
    root = etree.Element(_q(MAIN, "worksheet"), nsmap={None: MAIN, "r": REL})
    last_col = max((len(r) for r in result.rows if r), default=1)
    n_rows = len(result.rows)
    etree.SubElement(root, _q(MAIN, "dimension"), ref=f"A1:{get_column_letter(last_col)}{n_rows}")
    views = etree.SubElement(root, _q(MAIN, "sheetViews"))
    view = etree.SubElement(views, _q(MAIN, "sheetView"), tabSelected="1", workbookViewId="0")
    top = f"A{result.frozen_rows + 1}"
    etree.SubElement(
        view,
        _q(MAIN, "pane"),
        ySplit=str(result.frozen_rows),
        topLeftCell=top,
        activePane="bottomLeft",
        state="frozen",
    )
    etree.SubElement(view, _q(MAIN, "selection"), pane="bottomLeft", activeCell=top, sqref=top)
    etree.SubElement(root, _q(MAIN, "sheetFormatPr"), baseColWidth="8", defaultRowHeight="15")
    cols = etree.SubElement(root, _q(MAIN, "cols"))
    for i, width in enumerate(result.widths, start=1):
        etree.SubElement(
            cols, _q(MAIN, "col"), min=str(i), max=str(i), width=str(width), customWidth="1"
        )
    data = etree.SubElement(root, _q(MAIN, "sheetData"))
    links: list[tuple[str, str, str]] = []
    for r_no, cells in enumerate(result.rows, start=1):
        row = etree.SubElement(data, _q(MAIN, "row"), r=str(r_no))
        for c_no, rc in enumerate(cells or [], start=1):
            ref = f"{get_column_letter(c_no)}{r_no}"
            cell = etree.SubElement(row, _q(MAIN, "c"), r=ref)
            quote = isinstance(rc.value, str) and rc.value.startswith(DANGEROUS)
            font = styles.font(rc.font) if rc.font else None
            fill = styles.fill(rc.fill_rgb) if rc.fill_rgb else None
            if font is not None or fill is not None or quote:
                cell.set("s", str(styles.derived(0, font, fill, quote)))
            if rc.value is not None:
                _value(cell, rc.value)
            if rc.link:
                links.append((ref, rc.link, "" if rc.value is None else str(rc.value)))
    if links:
        node = etree.SubElement(root, _q(MAIN, "hyperlinks"))
        for ref, location, display in links:
            etree.SubElement(
                node, _q(MAIN, "hyperlink"), ref=ref, location=location, display=_clean(display)
            )
    etree.SubElement(
        root,
        _q(MAIN, "pageMargins"),
        left="0.75",
        right="0.75",
        top="1",
        bottom="1",
        header="0.5",
        footer="0.5",
    )
    return _dump(root)
