"""Hostile cell text (markup, template syntax, breaks, emoji, control characters) in every
deliverable: the documents open and show the text literally."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from parthe_reports.german import text
from parthe_reports.render import convert_to_pdf
from tests.test_render_fixtures import HOSTILE, HOSTILE_RAW, doc_text, example, hostile, render_all

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    ex = hostile(example(tmp_path_factory.mktemp("example")))
    out = tmp_path_factory.mktemp("hostile")
    return {j.file_name: p for j, p in render_all(ex, out)}


def test_cleaning_removes_only_control_characters():
    """It removes control characters and keeps markup, braces, breaks, tabs and emoji."""
    assert text(HOSTILE_RAW) == HOSTILE
    assert text("a\x00b") == "ab"
    assert text("a\r\nb") == "a\nb"
    assert text("{{ x }}") == "{{ x }}"


def test_every_deliverable_opens_and_shows_the_text_literally(docs):
    """It renders every deliverable with the hostile text intact, breaks and tabs included."""
    assert len(docs) >= 8
    for name, path in docs.items():
        d = docx.Document(str(path))  # opens: the XML is well-formed
        assert d.paragraphs, name
        body = doc_text(path)
        assert HOSTILE in body, name
        assert "\x07" not in body and "\x1b" not in body


def test_line_breaks_become_breaks_not_paragraph_text(docs):
    """It writes a line break in a cell as <w:br/> and a tab as <w:tab/>, never raw."""
    xml = docx.Document(str(docs["Phase4_Massnahmenkatalog.docx"])).element.xml
    assert "Zeile1</w:t>" in xml and "<w:br/>" in xml and "<w:tab/>" in xml
    assert "&lt;b&gt;fett&lt;/b&gt;" in xml and "<b>" not in xml


def test_template_syntax_in_a_cell_is_not_executed(docs):
    """It prints {{ x }} and {% if %} from a cell instead of evaluating them."""
    body = doc_text(docs["Phase2_Strategischer_Rahmen.docx"])
    assert body.count("{{ x }}") >= 2 and "{% if %}" in body


@pytest.mark.libreoffice
def test_libreoffice_opens_every_hostile_document(docs, tmp_path):
    """It converts every hostile document to PDF, and the PDF text holds the hostile text."""
    import subprocess

    pdfs = convert_to_pdf(sorted(docs.values()), tmp_path, timeout=600)
    assert len(pdfs) == len(docs)
    for pdf in pdfs:
        out = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, timeout=60
        )
        flat = " ".join(out.stdout.split())
        assert "A & B <b>fett</b>" in flat, pdf.name
        assert "{{ x }} {% if %} {_{ y }_} Zeile1" in flat, pdf.name
