"""The table of contents inside the .docx: entries at render time, page numbers from LibreOffice."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from parthe_reports.render.pdf import update_docx_fields
from parthe_reports.render.toc import TocEntry, fill_toc, match_pages, parse_lo_toc
from tests.test_render_fixtures import headings, rendered_example

PLACEHOLDER = "Inhaltsverzeichnis wird"


def toc_lines(path: Path) -> list[str]:
    """The TOC field's result as python-docx reads it (no field update): one line per entry."""
    d = docx.Document(str(path))
    return [p.text for p in d.paragraphs if p.style is not None and p.style.name.startswith("toc")]


def _anchors_and_bookmarks(path: Path) -> tuple[list[str], set[str]]:
    body = docx.Document(str(path)).element.body
    anchors = [h.get(qn("w:anchor")) for h in body.iter(qn("w:hyperlink"))]
    marks = {b.get(qn("w:name")) for b in body.iter(qn("w:bookmarkStart"))}
    return anchors, marks


def _with_toc() -> list[Path]:
    return [p for n, p in rendered_example().items() if n.startswith(("Phase", "Kommunalprofil"))]


def test_every_toc_lists_the_headings_without_updating_fields():
    """It writes one entry per Heading 1/2, in order, each a link to its heading's bookmark."""
    docs = _with_toc()
    assert docs
    for path in docs:
        want = [h for h in headings(path, 1) + headings(path, 2)]
        lines = toc_lines(path)
        assert sorted(lines) == sorted(want), path.name
        assert lines[0] == headings(path, 1)[0], path.name
        anchors, marks = _anchors_and_bookmarks(path)
        assert len(anchors) == len(lines) and set(anchors) <= marks, path.name
        assert PLACEHOLDER not in "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def test_a_document_without_toc_field_is_left_alone():
    """It adds no entries (and no bookmarks) to a document that has no TOC field."""
    path = next(p for n, p in rendered_example().items() if n.startswith("Pruefbericht"))
    d = docx.Document(str(path))
    assert fill_toc(d) == []
    assert toc_lines(path) == []
    assert not any(
        (b.get(qn("w:name")) or "").startswith("_Toc")
        for b in d.element.body.iter(qn("w:bookmarkStart"))
    )


def test_libreoffice_pages_are_matched_by_heading_text():
    """It takes LibreOffice's lines in order and leaves unmatched entries without a page."""
    lo = parse_lo_toc("Überblick\t3\nQuick Wins\t4\r\nQuellen\t10\n")
    entries = [TocEntry(t, 1, f"_Toc{i}") for i, t in enumerate(["Überblick", "Fehlt", "Quellen"])]
    assert match_pages(entries, lo) == [3, None, 10]


@pytest.mark.libreoffice
def test_libreoffice_writes_page_numbers_into_the_docx(tmp_path):
    """It writes rising page numbers after each entry's tab; the field is no longer dirty."""
    src = rendered_example()["Phase4_Massnahmenkatalog.docx"]
    copy = tmp_path / src.name
    shutil.copy(src, copy)
    before = toc_lines(copy)
    assert all("\t" not in line for line in before)
    update_docx_fields([copy], timeout=300)
    after = toc_lines(copy)
    assert [line.split("\t")[0] for line in after] == before
    pages = [int(line.rsplit("\t", 1)[1]) for line in after]
    assert pages == sorted(pages) and pages[0] >= 2, pages
    body = docx.Document(str(copy)).element.body
    assert not any(f.get(qn("w:dirty")) for f in body.iter(qn("w:fldChar")))


@pytest.mark.libreoffice
def test_pdf_conversion_can_write_the_pages_back_in_the_same_call(tmp_path):
    """It writes page numbers into the .docx when asked, and leaves it alone otherwise."""
    from parthe_reports.render.pdf import convert_to_pdf

    src = rendered_example()["Phase3_Leitbild.docx"]
    kept, updated = tmp_path / "a" / src.name, tmp_path / "b" / src.name
    for p in (kept, updated):
        p.parent.mkdir()
        shutil.copy(src, p)
    convert_to_pdf([kept], tmp_path / "pdf-a", timeout=300)
    convert_to_pdf([updated], tmp_path / "pdf-b", timeout=300, update_docx=True)
    assert kept.read_bytes() == src.read_bytes()
    assert all("\t" in line for line in toc_lines(updated))
