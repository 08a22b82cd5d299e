"""Section layout: each section's footer fits its width; small landscape tables go portrait."""

from __future__ import annotations

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_TAB_ALIGNMENT

from parthe_reports.render import plan_documents
from parthe_reports.render.documents import SPECS
from parthe_reports.render.engine import render_docx, template_path
from parthe_reports.render.layout import SMALL_TABLE_ROWS, settle_sections
from parthe_reports.render.spec import Table
from tests.test_render_fixtures import GENERATED, doc_text, example, rendered_example


def _right_tabs(section) -> list[int]:
    return [
        t.position.twips
        for p in section.footer.paragraphs
        for t in p.paragraph_format.tab_stops
        if t.alignment == WD_TAB_ALIGNMENT.RIGHT
    ]


def _text_width(section) -> int:
    return round((section.page_width - section.left_margin - section.right_margin) / 635)


def test_every_footer_puts_the_page_number_at_its_own_right_edge():
    """It gives each section its own footer whose one right tab sits at that section's width."""
    landscape = 0
    for name, path in rendered_example().items():
        for s in docx.Document(str(path)).sections:
            assert not s.footer.is_linked_to_previous, name
            tabs = _right_tabs(s)
            assert len(tabs) == 1 and abs(tabs[0] - _text_width(s)) < 20, (name, tabs)
            assert "Seite" in s.footer.paragraphs[0].text
            landscape += s.orientation == WD_ORIENT.LANDSCAPE
    assert landscape >= 3


def _landscape_rows(name: str) -> str | None:
    """The rows variable of the first table directly in a landscape section, if any."""
    for section in SPECS[name].sections:
        if section.landscape:
            for b in section.blocks:
                if isinstance(b, Table):
                    return b.rows
    return None


def _wide_section_doc(rows: int):
    """Portrait, then a landscape section with a three-column table of ``rows`` rows."""
    from docx.shared import Cm

    from parthe_reports.render.authoring.docx import set_margins

    d = docx.Document()
    set_margins(d.sections[0])
    d.add_paragraph("Vorher")
    sec = d.add_section(WD_SECTION.NEW_PAGE)
    set_margins(sec, landscape=True)
    sec.footer.is_linked_to_previous = False
    sec.footer.paragraphs[0].paragraph_format.tab_stops.add_tab_stop(
        Cm(25.2), WD_TAB_ALIGNMENT.RIGHT
    )
    t = d.add_table(rows=rows + 1, cols=3)
    for r, row in enumerate(t.rows):
        for c, cell in enumerate(row.cells):
            cell.text = f"Zeile {r} Spalte {c}"
    back = d.add_section(WD_SECTION.NEW_PAGE)
    set_margins(back)
    d.add_paragraph("Nachher")
    return d


def test_a_small_landscape_table_stays_on_a_portrait_page():
    """It turns a landscape section with a few rows portrait and lets it follow on the page."""
    d = _wide_section_doc(3)
    settle_sections(d)
    secs = d.sections
    assert all(s.orientation == WD_ORIENT.PORTRAIT for s in secs)
    assert secs[1].start_type == WD_SECTION.CONTINUOUS == secs[2].start_type
    assert round(secs[1].page_width.cm, 1) == 21.0
    assert abs(_right_tabs(secs[1])[0] - _text_width(secs[1])) < 20


def test_a_landscape_table_with_many_rows_stays_landscape():
    """It keeps the landscape section when its table has more than a few rows."""
    d = _wide_section_doc(SMALL_TABLE_ROWS + 1)
    settle_sections(d)
    assert d.sections[1].orientation == WD_ORIENT.LANDSCAPE
    assert d.sections[1].start_type == WD_SECTION.NEW_PAGE


def test_a_few_rows_too_wide_for_portrait_stay_landscape(tmp_path):
    """It keeps three rows of a nine-column table landscape: their words would not fit."""
    c, ds, books = example()
    job = next(
        j
        for j in plan_documents(c, ds, books, generated=GENERATED)
        if j.template == "Phase3_Leitbild"
    )
    key = _landscape_rows(job.template)
    ctx = {**job.context, key: job.context[key][:3]}
    out = render_docx(template_path(job.template), ctx, tmp_path / "ziele.docx")
    assert docx.Document(str(out)).sections[1].orientation == WD_ORIENT.LANDSCAPE
    assert "Seite" in doc_text(out)
