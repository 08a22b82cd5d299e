"""Every deliverable rendered from the example data, opened and read back."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT

from parthe_reports import german as fmt
from parthe_reports.render import plan_documents, render_document
from parthe_reports.render.authoring.templates import SOURCES_TITLE
from parthe_reports.render.documents import SPECS
from parthe_reports.render.engine import template_path
from tests.test_render_fixtures import (
    GENERATED,
    data_rows,
    doc_text,
    example,
    headings,
    rendered_example,
    tables_with_header,
)

pytestmark = pytest.mark.slow  # renders all 19 example documents once (≈ 10 s)

MARKER = "Beispieldaten – nicht zur Vorlage in Gremien"


@pytest.fixture(scope="module")
def ex():
    return example()


@pytest.fixture(scope="module")
def rendered() -> dict[str, Path]:
    return rendered_example()


def test_every_deliverable_is_written(rendered, ex):
    """It writes six phase documents, a profile per municipality and a Prüfbericht per workbook."""
    c, _ds, books = ex
    names = set(rendered)
    assert {n for n in names if n.startswith("Phase")} == {f"{s}.docx" for s in list(SPECS)[:6]}
    assert {n for n in names if n.startswith("Kommunalprofil_")} == {
        f"Kommunalprofil_{code}.docx" for code in c.region.codes
    }
    assert len([n for n in names if n.startswith("Pruefbericht_")]) == len(books)
    assert "Pruefbericht_Verbund.docx" in names
    assert all(n.isascii() for n in names)


def test_no_template_tag_is_left(rendered):
    """It leaves no {{ or {% in any document."""
    for name, path in rendered.items():
        text = doc_text(path)
        assert "{{" not in text and "{%" not in text, name


def test_every_section_heading_is_present(rendered):
    """It prints the heading of every declared section plus the sources appendix."""
    for spec in SPECS.values():
        for name, path in rendered.items():
            if name.startswith(spec.name):
                assert headings(path) == [s.title for s in spec.sections] + [SOURCES_TITLE], name


def test_title_page_header_footer_and_page_setup(rendered):
    """It puts region, Stichtag, version, page fields and the example marker on every page."""
    for name, path in rendered.items():
        d = docx.Document(str(path))
        text = doc_text(path)
        assert "Interkommunaler Verbundraum Partheland" in text
        assert "Datenstand (Stichtag): 25.11.2026" in text
        assert "Status: Entwurf (Stand 25.11.2026)" in text and "am 25.11.2026 aus den" in text
        sec = d.sections[0]
        assert round(sec.page_width.cm, 1) == 21.0 and round(sec.page_height.cm, 1) == 29.7
        header = [p.text for p in sec.header.paragraphs]
        assert MARKER in header, name
        footer_xml = sec.footer._element.xml
        assert "PAGE" in footer_xml and "NUMPAGES" in footer_xml
        assert "Stichtag 25.11.2026" in sec.footer.paragraphs[0].text


def test_real_data_has_no_example_marker(ex, tmp_path):
    """It leaves the Beispieldaten marker out when the data is not example data."""
    import dataclasses

    c, ds, books = ex
    real_sources = [dataclasses.replace(s, is_example=False) for s in ds.sources]
    real = dataclasses.replace(ds, sources=real_sources)
    real_books = [
        dataclasses.replace(b, source=s) for b, s in zip(books, real_sources, strict=True)
    ]
    jobs = plan_documents(c, real, real_books[:1], generated=GENERATED)
    for job in (jobs[2], jobs[-1]):  # Phase 3 and a Prüfbericht
        path = render_document(job, tmp_path / job.file_name)
        assert "Beispieldaten" not in doc_text(path)
        assert "Datenstand (Stichtag)" in doc_text(path)


def test_toc_only_in_documents_with_more_than_three_sections(rendered):
    """It has a TOC field in the phase documents and none in the short Prüfbericht."""
    for name, path in rendered.items():
        xml = docx.Document(str(path)).element.xml
        has_toc = "TOC \\o" in xml
        assert has_toc == (not name.startswith("Pruefbericht")), name


def test_measures_catalogue_has_a_row_per_measure(rendered, ex):
    """It lists every measure of the model once in the catalogue tables, in landscape."""
    c = ex[0]
    path = rendered["Phase4_Massnahmenkatalog.docx"]
    tables = tables_with_header(path, "Nr.", "Maßnahme")
    catalogue = [t for t in tables if len(t.rows[0].cells) == 10]
    assert data_rows(catalogue) == len(c.phase4.measures)
    ids = {t.rows[i].cells[0].text for t in catalogue for i in range(1, len(t.rows))}
    assert ids == set(c.phase4.measures["measure_id"])
    d = docx.Document(str(path))
    assert any(s.orientation == WD_ORIENT.LANDSCAPE for s in d.sections)
    assert catalogue[0].rows[0]._tr.trPr.xml.count("tblHeader") == 1


def test_known_figures_in_german_format(rendered, ex):
    """It prints sums as 1.234,56 € and rates as 80 %."""
    c = ex[0]
    p1 = doc_text(rendered["Phase1_Analyse.docx"])
    assert fmt.money(c.phase1.infra_totals["investment_need"]) in p1
    p4 = doc_text(rendered["Phase4_Massnahmenkatalog.docx"])
    assert fmt.money(c.phase4.totals["cost_total"]) in p4
    p5 = doc_text(rendered["Phase5_Foerdermittel.docx"])
    assert f"Förderquote im Verbund: {fmt.percent(c.phase5.funding_rate)}" in p5
    assert "\u00a0%" in p5 and ",00\u00a0€" in p5


def test_tables_match_the_model(rendered, ex):
    """It has as many table rows as the model has rows, for the main tables of each phase."""
    c, _ds, _books = ex
    p5 = rendered["Phase5_Foerdermittel.docx"]
    apps = [t for t in tables_with_header(p5, "Nr.", "Kommune") if len(t.rows[0].cells) == 9]
    assert data_rows(apps) == len(c.phase5.applications) + 1  # and the „Summe“ row
    assert apps[-1].rows[-1].cells[1].text == "Summe"
    p3 = rendered["Phase3_Leitbild.docx"]
    assert data_rows(tables_with_header(p3, "Nr.", "Themenbereich")) == len(c.phase3.goals)
    p6 = rendered["Phase6_Verstetigung.docx"]
    assert data_rows(tables_with_header(p6, "Termin", "Meilenstein")) == len(c.phase6.milestones)
    p2 = rendered["Phase2_Strategischer_Rahmen.docx"]
    assert data_rows(tables_with_header(p2, "Rechtsgrundlage")) == len(c.phase2.legal_framework)
    p1 = rendered["Phase1_Analyse.docx"]
    matrix = tables_with_header(p1, "Themenbereich", c.region.codes[0])
    assert data_rows(matrix) == len(c.region.topics)
    assert len(matrix[0].rows[0].cells) == 1 + len(c.region.codes)


def test_every_chart_is_embedded(rendered):
    """It embeds the investment, heat-map, timeline, funding and milestone charts."""
    expected = {
        "Phase1_Analyse.docx": 2,
        "Phase4_Massnahmenkatalog.docx": 1,
        "Phase5_Foerdermittel.docx": 1,
        "Phase6_Verstetigung.docx": 1,
        "Kommunalprofil_BRA.docx": 1,
        "Phase2_Strategischer_Rahmen.docx": 0,
    }
    for name, count in expected.items():
        d = docx.Document(str(rendered[name]))
        assert len(d.inline_shapes) == count, name
        text = doc_text(rendered[name])
        assert text.count("Abbildung ") >= count


def test_sources_appendix_names_every_workbook(rendered, ex):
    """It lists file name, SHA-256 and Stand of each workbook that fed the document."""
    _c, ds, _books = ex
    text = doc_text(rendered["Phase4_Massnahmenkatalog.docx"])
    for s in ds.sources:
        assert s.workbook in text and s.sha256 in text
    text3 = doc_text(rendered["Phase3_Leitbild.docx"])
    assert "VB·Z·" in text3  # a goal's row: Verbund › Verbundziele › row
    (sources,) = tables_with_header(rendered["Phase3_Leitbild.docx"], "Ref.", "Erhebungsbogen")
    assert [c.text for c in sources.rows[1].cells][:2] == ["VB", "verbund.xlsx"]
    assert "Z\u00a0=\u00a0Verbundziele" in text3
    assert "BOR.xlsx" not in text3  # phase 3 is fed by the Verbund-Workbook only


def test_profile_compares_with_the_region(rendered, ex):
    """It prints the municipality's own figures beside the region's median, min and max."""
    c = ex[0]
    path = rendered["Kommunalprofil_BRA.docx"]
    table = tables_with_header(path, "Kennzahl", "Brandis")[0]
    assert [cell.text for cell in table.rows[0].cells][2:] == [
        "Median Region",
        "Minimum",
        "Maximum",
    ]
    assert data_rows([table]) == len(c.profiles["BRA"].comparison)
    assert "AGS 14 7 29 070" in doc_text(path)


def test_pruefbericht_groups_findings_by_sheet(rendered, ex):
    """It prints each finding with its cell under its sheet; a clean workbook gets praise."""
    _c, _ds, books = ex
    for b in books:
        name = (
            "Pruefbericht_Verbund.docx"
            if b.source.kind == "regional"
            else f"Pruefbericht_{b.source.municipality}.docx"
        )
        text = doc_text(rendered[name])
        if b.findings:
            for f in b.findings:
                assert f.message in text
                assert (f.sheet or "Workbook insgesamt") in headings(rendered[name], 2)
        else:
            assert "keine Fehler, Warnungen oder Hinweise" in text


def test_template_names_match_declarations():
    """It ships one template per declared deliverable, named after it."""
    for name in SPECS:
        assert template_path(name).exists(), name
