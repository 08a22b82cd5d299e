"""PDF with LibreOffice: every deliverable, one soffice call, fields and TOC updated."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from parthe_reports.render import PdfConversionError, convert_to_pdf
from parthe_reports.render import pdf as pdf_module
from tests.test_render_fixtures import rendered_example

PAGES = {
    "Phase": (4, 45),  # Phase 4: a Steckbrief page per measure (30)
    "Kommunalprofil": (3, 15),
    "Pruefbericht": (1, 6),
}


def _pdftext(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, timeout=60
    ).stdout


def _pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, timeout=60).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


@pytest.mark.libreoffice
@pytest.mark.slow
def test_every_deliverable_converts_with_plausible_pages_and_updated_fields(tmp_path):
    """It converts all documents in one call; page counts are plausible, TOC and Seite X von Y filled."""
    docs = list(rendered_example().values())
    pdfs = convert_to_pdf(docs, tmp_path / "pdf", timeout=600)
    assert [p.stem for p in pdfs] == [p.stem for p in docs]
    for pdf in pdfs:
        n = _pages(pdf)
        lo, hi = next(v for k, v in PAGES.items() if pdf.stem.startswith(k))
        assert lo <= n <= hi, (pdf.name, n)
        text = _pdftext(pdf)
        assert f"Seite 1 von {n}" in text and f"Seite {n} von {n}" in text, pdf.name
        if not pdf.stem.startswith("Pruefbericht"):
            assert "wird beim Öffnen in Word" not in text, pdf.name  # TOC placeholder replaced
            assert re.search(r"Datengrundlage\s?\.{5,}\s*\d+", text), pdf.name


def test_missing_libreoffice_is_reported_in_german(monkeypatch, tmp_path):
    """It raises a German PdfConversionError when soffice is not installed."""
    monkeypatch.setattr(pdf_module, "soffice_binary", lambda: None)
    with pytest.raises(PdfConversionError, match="nicht installiert"):
        convert_to_pdf([tmp_path / "a.docx"], tmp_path)


def test_nothing_to_convert_starts_nothing(monkeypatch, tmp_path):
    """It returns an empty list for no documents without starting LibreOffice."""
    monkeypatch.setattr(pdf_module, "soffice_binary", lambda: pytest.fail("started soffice"))
    assert convert_to_pdf([], tmp_path) == []


@pytest.mark.libreoffice
def test_a_broken_document_is_named(tmp_path):
    """It names the document whose PDF was not written (here: it vanished before conversion)."""
    bad = tmp_path / "kaputt.docx"
    with pytest.raises(PdfConversionError, match=r"kaputt\.pdf"):
        convert_to_pdf([bad], tmp_path / "out", timeout=120)
