"""The rendered document's form, decided once its content is known: column widths per
table (from ``widths``), per section's text width."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Twips
from lxml.etree import _Element

from parthe_reports.render.widths import REFERENCE_HEADERS, distribute, measure

SKIP_STYLES = frozenset({"Parthe Raster"})  # the SWOT quadrants: two equal halves
DEFAULT_SIZE_PT = 10.5
_TEXT_TAGS = {qn("w:t"): None, qn("w:tab"): "\t", qn("w:br"): "\n", qn("w:cr"): "\n"}


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
    for p in tc.iter(qn("w:p")):
        parts = []
        for el in p.iter(*_TEXT_TAGS):
            fixed = _TEXT_TAGS[el.tag]
            parts.append(el.text or "" if fixed is None else fixed)
        lines.append("".join(parts))
    return "\n".join(lines)


class _Styles:
    def __init__(self, doc: DocxDocument) -> None:
        self.by_id = {s.style_id: s for s in doc.styles}

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


def _style_id(el: _Element, container: str, tag: str) -> str | None:
    pr = el.find(qn(container))
    st = pr.find(qn(tag)) if pr is not None else None
    return st.get(qn("w:val")) if st is not None else None


def fit_tables(doc: DocxDocument) -> None:
    """Give every top-level table column widths from its content, within its section.

    Tables with the same header row in sections of the same width (the per-topic tables of
    one catalogue) are measured together and get the same widths, so columns line up.
    """
    styles = _Styles(doc)
    groups: dict[tuple[int, tuple[str, ...]], list[_Table]] = {}
    for sect, elements in sections(doc):
        width = section_width(sect)
        for el in elements:
            if el.tag == qn("w:tbl"):
                table = _Table.read(el, styles)
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
        rows = [tr for tr in tbl.tr_lst if len(tr.tc_lst) == len(grid)]
        if not grid or not rows or any(tc.grid_span != 1 for tr in rows for tc in tr.tc_lst):
            return None
        head, body = rows[0], rows[1:]
        first_p = next(iter(body[0].tc_lst[0].iter(qn("w:p"))), None) if body else None
        size = styles.size_pt(
            _style_id(first_p, "w:pPr", "w:pStyle") if first_p is not None else None
        )
        header = tuple(cell_text(tc) for tc in head.tc_lst)
        columns = [[cell_text(tr.tc_lst[i]) for tr in body] for i in range(len(grid))]
        return cls(tbl, header, columns, size)

    def apply(self, widths: list[int]) -> None:
        for g, w in zip(self.tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
            g.set(qn("w:w"), str(w))
        for tr in self.tbl.tr_lst:
            if len(tr.tc_lst) == len(widths):
                for tc, w in zip(tr.tc_lst, widths, strict=True):
                    tc.width = Twips(w)
        _table_width(self.tbl, sum(widths))


def _table_width(tbl: Any, twips: int) -> None:
    tbl_pr = tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        tbl_pr.append(tbl_w)
    tbl_w.set(qn("w:w"), str(twips))
    tbl_w.set(qn("w:type"), "dxa")
