"""Each template part is patched and compiled once per process; styles are read once per
document. Both must leave the rendered documents exactly as before."""

from __future__ import annotations

import dataclasses
import re
import zipfile
from pathlib import Path

import docx
import pytest

from parthe_reports.render import DocumentJob, plan_documents, render_document
from parthe_reports.render.engine import _RENDER_ENV, _patched
from parthe_reports.render.styles import StyleBook
from tests.test_render_fixtures import GENERATED, example, rendered_example

PARTS = re.compile(r"word/(document|header\d*|footer\d*)\.xml|docProps/core\.xml")


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if PARTS.fullmatch(n)}


@pytest.fixture(scope="module")
def jobs():
    c, ds, books = example()
    docs = plan_documents(c, ds, books, generated=GENERATED)
    kinds: dict[str, DocumentJob | None] = {"profile": None, "pruefbericht": None, "phase": None}
    for j in docs:
        if kinds.get(j.kind, 1) is None:
            kinds[j.kind] = j
    return [j for j in kinds.values() if j is not None]


def test_a_second_render_compiles_nothing_and_writes_the_same_bytes(jobs, tmp_path):
    """Uncached (caches cleared) and cached renders give byte-equal body, headers,
    footers and core properties; the cached render only hits the caches."""
    for job in jobs:
        _RENDER_ENV._compiled.cache_clear()  # type: ignore[attr-defined]
        _patched.cache_clear()
        cold = render_document(job, tmp_path / f"cold-{job.file_name}")
        misses = _RENDER_ENV._compiled.cache_info().misses  # type: ignore[attr-defined]
        patched = _patched.cache_info().misses
        warm = render_document(job, tmp_path / f"warm-{job.file_name}")
        assert _RENDER_ENV._compiled.cache_info().misses == misses, job.file_name  # type: ignore[attr-defined]
        assert _patched.cache_info().misses == patched, job.file_name
        assert _parts(cold) == _parts(warm), job.file_name
        assert "word/document.xml" in _parts(warm)


def test_cell_text_that_looks_like_a_template_stays_text_in_a_cached_render(jobs, tmp_path):
    """A cached template is still filled with the context as data: Jinja syntax in a
    value is printed, never run."""
    job = next(j for j in jobs if j.kind == "pruefbericht")
    render_document(job, tmp_path / "first.docx")  # fills the caches
    marker = "{{ 7 * 7 }} {% raw %} <b>"
    ctx = dict(job.context, region_name=marker)
    out = render_document(dataclasses.replace(job, context=ctx), tmp_path / "x.docx")
    xml = b"".join(_parts(out).values()).decode()
    assert "{{ 7 * 7 }} {% raw %} &lt;b&gt;" in xml


def test_style_book_agrees_with_python_docx_on_every_paragraph():
    """Paragraph style and heading level from the book equal python-docx's own lookups."""
    for name, path in rendered_example().items():
        d = docx.Document(str(path))
        book = StyleBook(d)
        for p in d.paragraphs:
            want = p.style
            got = book.paragraph_style(p._p)
            assert (got.name if got else None) == (want.name if want else None), name
            level = None
            st = want
            while st is not None:
                m = re.match(r"^Heading (\d)$", st.name or "")
                if m:
                    level = int(m.group(1))
                    break
                st = st.base_style
            assert book.heading_level(p._p) == level, (name, p.text)


@pytest.mark.parametrize(
    "xml",
    [
        '<w:p><w:r><w:t xml:space="preserve">ohne Steuerzeichen</w:t></w:r></w:p>',
        "<w:p><w:pPr><w:jc/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>Zeile1\nZeile2\tTab</w:t></w:r></w:p>",
        "<w:p><w:r><w:t>a\fb\ac</w:t></w:r></w:p>",
    ],
)
def test_resolve_listing_shortcut_gives_docxtpls_result(xml):
    from docxtpl import DocxTemplate

    from parthe_reports.render.engine import _Template

    assert _Template("unused.docx").resolve_listing(xml) == DocxTemplate(
        "unused.docx"
    ).resolve_listing(xml)
