"""The rendered document's form, decided once its content is known: landscape sections
with small tables turned portrait, then column widths per table (from ``widths``) within
each section's text width."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Twips
from lxml.etree import _Element

from parthe_reports.render.schema_order import (
    PPR_SEQUENCE,
    TCPR_SEQUENCE,
    get_or_add,
    get_or_add_first,
    successors,
)
from parthe_reports.render.styles import StyleBook
from parthe_reports.render.widths import PADDING_PT, REFERENCE_HEADERS, distribute, measure

SKIP_STYLES = frozenset({"Parthe Raster"})  # the SWOT quadrants: two equal halves
DEFAULT_SIZE_PT = 10.5
_TEXT_TAGS = {qn("w:t"): None, qn("w:tab"): "\t", qn("w:br"): "\n", qn("w:cr"): "\n"}
_P, _TC_PR, _GRID_SPAN, _VAL = qn("w:p"), qn("w:tcPr"), qn("w:gridSpan"), qn("w:val")


def section_width(sect: _Element) -> int:
    """Text width of a section in twips (page width minus left and right margin)."""
    size = sect.find(qn("w:pgSz"))
    mar = sect.find(qn("w:pgMar"))
    page = int(size.get(qn("w:w")) or 11906) if size is not None else 11906
    left = int(mar.get(qn("w:left")) or 1417) if mar is not None else 1417
    right = int(mar.get(qn("w:right")) or 1134) if mar is not None else 1134
    return page - left - right


def sections(doc: DocxDocument) -> Iterator[tuple[_Element, list[_Element]]]:
    """(sectPr, body elements of that section) in order."""
    pending: list[_Element] = []
    for el in doc.element.body.iterchildren():
        if el.tag == qn("w:sectPr"):
            yield el, pending
            pending = []
            continue
        pending.append(el)
        if el.tag == qn("w:p"):
            ppr = el.find(qn("w:pPr"))
            sect = ppr.find(qn("w:sectPr")) if ppr is not None else None
            if sect is not None:
                yield sect, pending
                pending = []


def cell_text(tc: _Element) -> str:
    """A cell's text with its line breaks and tabs; paragraphs on lines of their own."""
    lines = []
    for p in tc.iter(_P):
        parts = []
        for el in p.iter(*_TEXT_TAGS):
            fixed = _TEXT_TAGS[el.tag]
            parts.append(el.text or "" if fixed is None else fixed)
        lines.append("".join(parts))
    return "\n".join(lines)


class _Styles:
    def __init__(self, book: StyleBook) -> None:
        self.by_id = book.by_id

    def name(self, style_id: str | None) -> str:
        st = self.by_id.get(style_id or "")
        return st.name if st is not None else ""

    def size_pt(self, style_id: str | None) -> float:
        st: Any = self.by_id.get(style_id or "") or self.by_id.get("Normal")
        while st is not None:
            if st.font.size is not None:
                return float(st.font.size.pt)
            st = st.base_style
        return DEFAULT_SIZE_PT


def _grid_span(tc: _Element) -> int:
    """``tc.grid_span`` of python-docx, read directly (its element lookups cost ≈ 2 ms a
    profile)."""
    tc_pr = tc.find(_TC_PR)
    span = tc_pr.find(_GRID_SPAN) if tc_pr is not None else None
    return int(span.get(_VAL) or "") if span is not None else 1


def _style_id(el: _Element, container: str, tag: str) -> str | None:
    pr = el.find(qn(container))
    st = pr.find(qn(tag)) if pr is not None else None
    return st.get(qn("w:val")) if st is not None else None


def fit_tables(doc: DocxDocument, styles: StyleBook | None = None) -> None:
    """Give every top-level table column widths from its content, within its section.

    Tables with the same header row in sections of the same width (the per-topic tables of
    one catalogue) are measured together and get the same widths, so columns line up.
    """
    table_styles = _Styles(styles or StyleBook(doc))
    groups: dict[tuple[int, tuple[str, ...]], list[_Table]] = {}
    for sect, elements in sections(doc):
        width = section_width(sect)
        for el in elements:
            if el.tag == qn("w:tbl"):
                table = _Table.read(el, table_styles)
                if table is not None:
                    groups.setdefault((width, table.header), []).append(table)
    for (width, header), tables in groups.items():
        cells = [[c for t in tables for c in t.columns[i]] for i in range(len(header))]
        columns = [
            measure(h, col, tables[0].size, reference=h.strip() in REFERENCE_HEADERS)
            for h, col in zip(header, cells, strict=True)
        ]
        widths = [int(w * 20) for w in distribute(columns, width / 20)]
        for t in tables:
            t.apply(widths)


class _Table:
    """A table's header texts and column cell texts, read once."""

    def __init__(self, tbl: Any, header: tuple[str, ...], columns: list[list[str]], size: float):
        self.tbl, self.header, self.columns, self.size = tbl, header, columns, size

    @classmethod
    def read(cls, tbl: Any, styles: _Styles) -> _Table | None:
        if styles.name(_style_id(tbl, "w:tblPr", "w:tblStyle")) in SKIP_STYLES:
            return None
        grid = tbl.tblGrid.findall(qn("w:gridCol"))
        # each row's cells listed once (a lookup per cell and column cost ≈ 5 ms a profile)
        rows = [cells for tr in tbl.tr_lst if len(cells := tr.tc_lst) == len(grid)]
        if not grid or not rows or any(_grid_span(tc) != 1 for cells in rows for tc in cells):
            return None
        head, body = rows[0], rows[1:]
        first_p = next(iter(body[0][0].iter(qn("w:p"))), None) if body else None
        size = styles.size_pt(
            _style_id(first_p, "w:pPr", "w:pStyle") if first_p is not None else None
        )
        header = tuple(cell_text(tc) for tc in head)
        columns = [[cell_text(cells[i]) for cells in body] for i in range(len(grid))]
        return cls(tbl, header, columns, size)

    def apply(self, widths: list[int]) -> None:
        for g, w in zip(self.tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
            g.set(qn("w:w"), str(w))
        for tr in self.tbl.tr_lst:
            cells = tr.tc_lst
            if len(cells) == len(widths):
                for tc, w in zip(cells, widths, strict=True):
                    _cell_width(tc, w)
        _table_width(self.tbl, sum(widths))


_TCW_SUCCESSORS = successors(TCPR_SEQUENCE, "w:tcW")


def _cell_width(tc: _Element, twips: int) -> None:
    """``tc.width = Twips(twips)`` of python-docx, same XML, without its tag-by-tag search."""
    tc_w = get_or_add(get_or_add_first(tc, "w:tcPr"), "w:tcW", _TCW_SUCCESSORS)
    tc_w.set(qn("w:type"), "dxa")
    tc_w.set(qn("w:w"), str(twips))


def _table_width(tbl: Any, twips: int) -> None:
    tbl_pr = tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        tbl_pr.append(tbl_w)
    tbl_w.set(qn("w:w"), str(twips))
    tbl_w.set(qn("w:type"), "dxa")


SMALL_TABLE_ROWS = 6  # a landscape section with no more rows than this goes portrait


def settle_sections(doc: DocxDocument, styles: StyleBook | None = None) -> None:
    """A landscape section whose tables hold at most ``SMALL_TABLE_ROWS`` rows (and fit the
    portrait width) becomes portrait and continues on the page before: no near-empty
    landscape page for a table of three rows."""
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.section import Section

    table_styles = _Styles(styles or StyleBook(doc))
    found = list(sections(doc))
    portrait = next((section_width(s) for s, _e in found if not _is_landscape(s)), 0)
    for i, (sect, elements) in enumerate(found):
        if not portrait or not _is_landscape(sect):
            continue
        tables = [
            t for el in elements if el.tag == qn("w:tbl") and (t := _Table.read(el, table_styles))
        ]
        rows = sum(len(t.columns[0]) if t.columns else 0 for t in tables)
        if rows > SMALL_TABLE_ROWS or not all(_fits(t, portrait) for t in tables):
            continue
        sec = Section(sect, doc.part)
        width, height = sec.page_width, sec.page_height
        sec.orientation = WD_ORIENT.PORTRAIT
        sec.page_width, sec.page_height = height, width
        sec.start_type = WD_SECTION.CONTINUOUS
        _footer_tabs(sec, portrait)
        if i + 1 < len(found) and not _is_landscape(found[i + 1][0]):
            Section(found[i + 1][0], doc.part).start_type = WD_SECTION.CONTINUOUS


def _is_landscape(sect: _Element) -> bool:
    size = sect.find(qn("w:pgSz"))
    if size is None:
        return False
    return int(size.get(qn("w:w")) or 0) > int(size.get(qn("w:h")) or 0)


def _fits(table: _Table, width_twips: int) -> bool:
    cols = [
        measure(h, c, table.size, reference=h.strip() in REFERENCE_HEADERS)
        for h, c in zip(table.header, table.columns, strict=True)
    ]
    return sum(c.floor for c in cols) + PADDING_PT * len(cols) <= width_twips / 20


def _footer_tabs(sec: Any, width_twips: int) -> None:
    """Move the footer's right tab (the page number) to the new text width."""
    from docx.enum.text import WD_TAB_ALIGNMENT

    if sec.footer.is_linked_to_previous:
        return
    for p in sec.footer.paragraphs:
        tabs = p.paragraph_format.tab_stops
        if not any(t.alignment == WD_TAB_ALIGNMENT.RIGHT for t in tabs):
            continue
        for i in reversed(range(len(tabs))):
            if tabs[i].alignment == WD_TAB_ALIGNMENT.RIGHT:
                del tabs[i]
        tabs.add_tab_stop(Twips(width_twips), WD_TAB_ALIGNMENT.RIGHT)


KEEP_TOGETHER_ROWS = 8  # a table of up to this many rows is never split across pages


def keep_small_tables_together(doc: DocxDocument) -> None:
    """A small table stays on one page: every row but the last keeps with the next
    (Word and LibreOffice both move the whole table instead of leaving one row behind)."""
    for tbl in doc.element.body.iter(qn("w:tbl")):
        rows = tbl.findall(qn("w:tr"))
        if len(rows) > KEEP_TOGETHER_ROWS:
            continue
        for row in rows[:-1]:
            for para in row.iter(qn("w:p")):
                _keep_with_next(para)


_KEEP_NEXT_SUCCESSORS = successors(PPR_SEQUENCE, "w:keepNext")


def _keep_with_next(p: _Element) -> None:
    """``p.get_or_add_pPr().keepNext_val = True`` of python-docx (in schema order, no
    ``w:val``: true is the default), same XML, without its tag-by-tag search."""
    keep = get_or_add(get_or_add_first(p, "w:pPr"), "w:keepNext", _KEEP_NEXT_SUCCESSORS)
    keep.attrib.pop(qn("w:val"), None)
