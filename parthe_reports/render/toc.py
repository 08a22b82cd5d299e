"""The table of contents written into the .docx itself, not left to the reader's Word.

Word's Protected View, Word Online, mail previews and a plain LibreOffice conversion show
a TOC field's stored result as it is. So after rendering, the result of the ``TOC`` field
is replaced by one entry per heading (levels of its ``\\o "1-2"`` switch): the heading's
text as an internal hyperlink to a bookmark on the heading, and, once LibreOffice has laid
the document out (``pdf.update_docx_fields``), a dot leader and the page number.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from lxml.etree import _Element

from parthe_reports.render.styles import StyleBook
from parthe_reports.runs import atomic_write

BOOKMARK_PREFIX = "_Toc"
_LEVELS = re.compile(r'\\o\s+"(\d)-(\d)"')


@dataclass(frozen=True)
class TocEntry:
    """One line of the table of contents."""

    text: str
    level: int
    anchor: str
    page: int | None = None


def _field_start(body: _Element) -> tuple[_Element, _Element, range] | None:
    """(paragraph holding the TOC field's begin, its separate run, levels) or None."""
    for instr in body.iter(qn("w:instrText")):
        if not (instr.text or "").strip().startswith("TOC"):
            continue
        m = _LEVELS.search(instr.text or "")
        levels = range(int(m.group(1)), int(m.group(2)) + 1) if m else range(1, 4)
        run = instr.getparent()
        para = run.getparent()
        for r in run.itersiblings():
            if any(c.get(qn("w:fldCharType")) == "separate" for c in r.iter(qn("w:fldChar"))):
                return para, r, levels
    return None


def _bookmark(p: Paragraph, next_id: list[int]) -> str:
    """The heading's ``_Toc…`` bookmark, added when missing; returns its name."""
    for start in p._p.iter(qn("w:bookmarkStart")):
        name = start.get(qn("w:name")) or ""
        if name.startswith(BOOKMARK_PREFIX):
            return name
    bid = str(next_id[0])
    next_id[0] += 1
    name = f"{BOOKMARK_PREFIX}{int(bid):08d}"
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), bid)
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), bid)
    ppr = p._p.pPr
    if ppr is not None:
        ppr.addnext(start)
    else:
        p._p.insert(0, start)
    p._p.append(end)
    return name


def headings(
    doc: DocxDocument, levels: range, after: _Element, styles: StyleBook | None = None
) -> list[tuple[Paragraph, int]]:
    """Heading paragraphs of ``levels`` in body order after the element ``after``."""
    book = styles or StyleBook(doc)
    out = []
    seen = False
    for el in doc.element.body.iterchildren(qn("w:p")):
        if el is after:
            seen = True
            continue
        if not seen:
            continue
        lvl = book.heading_level(el)
        if lvl is None or lvl not in levels:
            continue
        p = Paragraph(el, doc._body)
        if p.text.strip():
            out.append((p, lvl))
    return out


def toc_entries(doc: DocxDocument, styles: StyleBook | None = None) -> list[TocEntry]:
    """The entries the document's TOC field should show (bookmarks added to headings)."""
    found = _field_start(doc.element.body)
    if found is None:
        return []
    para, _sep, levels = found
    ids = [int(b.get(qn("w:id")) or 0) for b in doc.element.body.iter(qn("w:bookmarkStart"))]
    next_id = [max(ids, default=0) + 1]
    return [
        TocEntry(" ".join(p.text.split()), lvl, _bookmark(p, next_id))
        for p, lvl in headings(doc, levels, para, styles)
    ]


def fill_toc(
    doc: DocxDocument,
    pages: Sequence[int | None] | None = None,
    styles: StyleBook | None = None,
) -> list[TocEntry]:
    """Write the entries into the TOC field's result; ``pages`` (one per entry) adds page
    numbers. Returns the entries; a document without a TOC field is left alone."""
    found = _field_start(doc.element.body)
    if found is None:
        return []
    first, sep, _levels = found
    book = styles or StyleBook(doc)
    entries = toc_entries(doc, book)
    if pages is not None and len(pages) == len(entries):
        entries = [
            TocEntry(e.text, e.level, e.anchor, pg) for e, pg in zip(entries, pages, strict=True)
        ]
    end_run = _clear_result(first, sep)
    ids = {s.name: s.style_id for s in book.all}
    para = first
    for i, entry in enumerate(entries):
        if i:
            new = OxmlElement("w:p")
            para.addnext(new)
            para = new
        _set_style(para, ids.get(f"toc {entry.level}"))
        para.append(_link(entry))
    para.append(end_run)
    if pages is not None:
        for fld in first.iter(qn("w:fldChar")):
            fld.attrib.pop(qn("w:dirty"), None)  # the result is current: Word need not ask
    return entries


def _clear_result(first: _Element, sep: _Element) -> _Element:
    """Remove the field's old result (up to its end, over paragraphs); returns the end run."""
    for el in list(sep.itersiblings()):
        if _is_end(el):
            first.remove(el)
            return el
        first.remove(el)
    for p in list(first.itersiblings(qn("w:p"))):
        for el in list(p):
            if _is_end(el):
                p.getparent().remove(p)
                return el
        p.getparent().remove(p)
    raise ValueError("TOC-Feld ohne Ende")  # a template error, not a user's


def _is_end(el: _Element) -> bool:
    return any(c.get(qn("w:fldCharType")) == "end" for c in el.iter(qn("w:fldChar")))


def _set_style(p: _Element, style_id: str | None) -> None:
    if style_id is None:
        return
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        p.insert(0, ppr)
    for old in ppr.findall(qn("w:pStyle")):
        ppr.remove(old)
    st = OxmlElement("w:pStyle")
    st.set(qn("w:val"), style_id)
    ppr.insert(0, st)


def _run(text: str | None = None, tab: bool = False) -> _Element:
    r = OxmlElement("w:r")
    if tab:
        r.append(OxmlElement("w:tab"))
    if text is not None:
        t = OxmlElement("w:t")
        t.set(qn("xml:space"), "preserve")
        t.text = text
        r.append(t)
    return r


def _link(entry: TocEntry) -> _Element:
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), entry.anchor)
    link.set(qn("w:history"), "1")
    link.append(_run(entry.text))
    if entry.page is not None:
        link.append(_run(str(entry.page), tab=True))
    return link


def parse_lo_toc(text: str) -> list[tuple[str, int | None]]:
    """LibreOffice's updated TOC text („Überblick<TAB>3“ per line) as (heading, page)."""
    out: list[tuple[str, int | None]] = []
    for line in re.split(r"[\r\n]+", text):
        if not line.strip():
            continue
        head, _tab, page = line.rpartition("\t")
        if not _tab:
            out.append((" ".join(line.split()), None))
            continue
        page = page.strip()
        out.append((" ".join(head.split()), int(page) if page.isdigit() else None))
    return out


def match_pages(
    entries: Sequence[TocEntry], lo: Sequence[tuple[str, int | None]]
) -> list[int | None]:
    """Page per entry: LibreOffice's lines taken in order, matched by heading text."""
    pages: list[int | None] = []
    i = 0
    for e in entries:
        j = i
        while j < len(lo) and lo[j][0] != e.text:
            j += 1
        if j < len(lo):
            pages.append(lo[j][1])
            i = j + 1
        else:
            pages.append(None)
    return pages


def write_pages(path: Path, lo_toc: str) -> None:
    """Rewrite the TOC of the .docx at ``path`` with LibreOffice's page numbers."""
    from parthe_reports.render.engine import RENDER_LOCK  # python-docx's parser: one thread

    with RENDER_LOCK:
        _write_pages(path, lo_toc)


def _write_pages(path: Path, lo_toc: str) -> None:
    doc = docx.Document(str(path))
    book = StyleBook(doc)
    entries = toc_entries(doc, book)
    if not entries:
        return
    fill_toc(doc, match_pages(entries, parse_lo_toc(lo_toc)), book)
    atomic_write(path, lambda tmp: doc.save(str(tmp)))  # never a half-written document
