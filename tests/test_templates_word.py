"""The Word templates: reproducible from their declarations, every variable supplied, and
still working after someone restyles them in Word."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from docx.shared import Pt, RGBColor

from parthe_reports.paths import WORD_TEMPLATES
from parthe_reports.render import plan_documents, render_document
from parthe_reports.render.authoring.templates import SOURCES_TITLE, build_template
from parthe_reports.render.documents import SPECS
from parthe_reports.render.engine import (
    TemplateContextError,
    missing_variables,
    render_docx,
    template_path,
)
from tests.test_render_fixtures import GENERATED, doc_text, example, headings

ADDED = "Dieser Bericht wurde für die Sitzung des Gemeinderats aufbereitet."


@pytest.fixture(scope="module")
def jobs(tmp_path_factory: pytest.TempPathFactory):
    c, ds, books = example(tmp_path_factory.mktemp("example"))
    return plan_documents(c, ds, books, generated=GENERATED)


def _text_of(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read("word/document.xml").decode() + z.read("word/styles.xml").decode()


@pytest.mark.parametrize("name", list(SPECS))
def test_committed_template_matches_its_declaration(name, tmp_path):
    """It rebuilds each template from its declaration byte for byte (python -m ...build_templates)."""
    fresh = build_template(SPECS[name], tmp_path)
    assert fresh.read_bytes() == template_path(name).read_bytes()


def test_every_template_variable_is_supplied(jobs):
    """It builds a context that supplies every variable its template uses."""
    assert {j.template for j in jobs} == set(SPECS)
    for job in jobs:
        assert missing_variables(template_path(job.template), job.context) == set(), job.file_name


def test_a_missing_variable_is_refused(jobs, tmp_path):
    """It refuses to render when the context lacks a variable, naming it."""
    job = jobs[3]
    ctx = dict(job.context)
    del ctx["topic_groups"]
    with pytest.raises(TemplateContextError, match="topic_groups"):
        render_docx(template_path(job.template), ctx, tmp_path / "x.docx")
    assert not (tmp_path / "x.docx").exists()


def _restyle(src: Path, dst: Path) -> None:
    """What a person does in Word: other fonts and colours, a sentence of their own."""
    d = docx.Document(str(src))
    d.styles["Normal"].font.name = "DejaVu Serif"
    d.styles["Heading 1"].font.color.rgb = RGBColor(0x80, 0x00, 0x20)
    d.styles["Heading 1"].font.size = Pt(18)
    d.styles["Title"].font.name = "DejaVu Sans"
    title = next(p for p in d.paragraphs if p.style.name == "Title")
    title.insert_paragraph_before(ADDED)
    d.save(str(dst))


def test_restyled_templates_still_render(jobs, tmp_path):
    """It renders from restyled copies: the new wording and styles show, the content stays."""
    restyled = tmp_path / "word"
    restyled.mkdir()
    for name in SPECS:
        _restyle(WORD_TEMPLATES / f"{name}.docx", restyled / f"{name}.docx")
    seen = set()
    for job in jobs:
        if job.template in seen:
            continue
        seen.add(job.template)
        moved = type(job)(**{**job.__dict__, "template_dir": str(restyled)})
        out = render_document(moved, tmp_path / job.file_name)
        text = doc_text(out)
        assert ADDED in text and "{{" not in text and "{%" not in text
        assert headings(out)[-1] == SOURCES_TITLE
        d = docx.Document(str(out))
        assert d.styles["Heading 1"].font.color.rgb == RGBColor(0x80, 0x00, 0x20)
    assert seen == set(SPECS)


def test_unrestyled_template_has_no_added_wording(jobs, tmp_path):
    """It does not invent the restyled wording in a document from the shipped template."""
    out = render_document(jobs[0], tmp_path / "p1.docx")
    assert ADDED not in doc_text(out)


def test_templates_carry_named_styles_and_repeating_headers():
    """It ships real styles (title, headings, caption, table style) and repeating header rows."""
    for name in SPECS:
        d = docx.Document(str(template_path(name)))
        styles = {s.name for s in d.styles}
        assert {"Title", "Heading 1", "Heading 2", "Caption", "Parthe Tabelle"} <= styles
        assert all(
            t.rows[0]._tr.trPr is not None for t in d.tables if t.style.name == "Parthe Tabelle"
        )
        assert "tblHeader" in _text_of(template_path(name))


def test_build_script_writes_every_template(tmp_path):
    """It writes one .docx per deliverable when run as a script."""
    from parthe_reports.render.authoring.templates import build_all

    paths = build_all(tmp_path)
    assert sorted(p.name for p in paths) == sorted(f"{n}.docx" for n in SPECS)
    shutil.rmtree(tmp_path)


def german_hyphenation(path: Path) -> bool:
    """True when a .docx asks for automatic hyphenation and German in its defaults and Normal."""
    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(path) as z:
        settings = etree.fromstring(z.read("word/settings.xml"))
        styles = etree.fromstring(z.read("word/styles.xml"))
    auto = settings.find(f"{w}autoHyphenation")
    on = auto is not None and auto.get(f"{w}val", "true") in ("true", "1", "on")
    langs = [el.get(f"{w}val") for el in styles.iter(f"{w}lang")]
    return on and bool(langs) and all(v == "de-DE" for v in langs)


@pytest.mark.parametrize("name", list(SPECS))
def test_templates_ask_for_german_hyphenation(name):
    """It sets w:autoHyphenation and the language de-DE, which Word and LibreOffice honour."""
    assert german_hyphenation(template_path(SPECS[name].name))


def test_a_plain_document_is_not_taken_for_hyphenated(tmp_path):
    """It rejects python-docx's default document (en-US, no automatic hyphenation)."""
    path = tmp_path / "plain.docx"
    docx.Document().save(str(path))
    assert not german_hyphenation(path)
