"""The Zusammenfassung, Befunde and assessments of every document (render/narration.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx
import pandas as pd

from parthe_reports import narrative
from parthe_reports.narrative.statement import Kind, Narrative, Statement
from parthe_reports.render import plan_documents
from parthe_reports.render.documents import SPECS
from parthe_reports.render.engine import render_docx, template_path
from parthe_reports.render.narration import narration_context
from parthe_reports.render.spec import Summary
from parthe_reports.sections import section_keys
from tests.test_render_fixtures import GENERATED, doc_text, example

TYPED = "Erste Zeile mit {{ x }} & <b>\nzweite Zeile"


def _office(section: str, text: str = TYPED, code: str | None = None) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "document": ["Phase 3"] if code is None else ["Kommunalprofil"],
            "section": [section],
            "code": [code],
            "text": [text],
            "as_of": [pd.Timestamp(date(2026, 11, 20))],
            "author": ["Projektbüro Partheland"],
        }
    )


def _narrative() -> Narrative:
    def st(kind: Kind, text: str, section: str, refers: str = "") -> Statement:
        return Statement("T.X", kind, text, section, refers)

    return Narrative(
        summary=(st(Kind.KEY, "Kernaussage eins.", "zusammenfassung"),),
        recommendations=(st(Kind.RECOMMENDATION, "Tut dies, weil das.", "empfehlungen"),),
        sections={
            "verbundziele": (st(Kind.FINDING, "Ein Befund.", "verbundziele", "Tabelle „Z“"),)
        },
    )


def test_narration_context_fills_every_section_key_of_the_document():
    """It gives each section key of the document its Befunde (with their table) and assessments."""
    ctx = narration_context(_narrative(), _office("verbundziele"), "Phase 3")
    assert ctx["key_points"] == ["Kernaussage eins."]
    assert ctx["recommendations"] == ["Tut dies, weil das."]
    assert set(ctx["findings"]) == set(section_keys("Phase 3")) == set(ctx["assessments"])
    assert {"zusammenfassung", "empfehlungen"} <= set(
        narration_context(Narrative(), None, "Prüfbericht")["assessments"]
    )
    assert ctx["findings"]["verbundziele"] == ["Ein Befund (siehe Tabelle „Z“)."]
    (a,) = ctx["assessments"]["verbundziele"]
    assert a["text"] == TYPED
    assert a["label"] == (
        "Einschätzung des Projektbüros (Stand 20.11.2026, verfasst von Projektbüro Partheland)"
    )
    assert ctx["assessments"]["leitbild"] == []


def test_narration_context_drops_unknown_sections_and_other_documents():
    """It places no assessment of an unknown section, another document or another municipality."""
    assert not any(
        narration_context(_narrative(), _office("gibtsnicht"), "Phase 3")["assessments"].values()
    )
    assert not any(
        narration_context(_narrative(), _office("verbundziele"), "Phase 2")["assessments"].values()
    )
    other = narration_context(
        Narrative(), _office("vergleich", code="NAU"), "Kommunalprofil", "BRA"
    )
    own = narration_context(Narrative(), _office("vergleich", code="BRA"), "Kommunalprofil", "BRA")
    assert not any(other["assessments"].values())
    assert own["assessments"]["vergleich"][0]["text"] == TYPED


def _render_phase3(office: pd.DataFrame, out: Path) -> Path:
    c, ds, books = example()
    (job,) = [j for j in plan_documents(c, ds, books, generated=GENERATED) if j.phase == 3]
    ctx = job.context | narration_context(narrative.phase3(c), office, "Phase 3")
    return render_docx(template_path(job.template), ctx, out)


def _assessment_paragraphs(path: Path) -> list[docx.text.paragraph.Paragraph]:
    d = docx.Document(str(path))
    return [p for p in d.paragraphs if p.style is not None and p.style.name == "Einschätzung"]


def test_an_assessment_appears_in_its_section_exactly_as_typed(tmp_path):
    """It prints the office's text verbatim (tags and markup as text, the line break kept)
    under its label, after the section's table and before the next heading."""
    path = _render_phase3(_office("verbundziele"), tmp_path / "p3.docx")
    (p,) = _assessment_paragraphs(path)
    assert p.text == TYPED
    assert "<w:br/>" in p._p.xml
    text = doc_text(path)
    label = text.index("Einschätzung des Projektbüros (Stand 20.11.2026, verfasst von Projektbüro")
    goals = text.index("Verbundziele mit Indikatoren")
    nxt = text.index("\nCorporate Identity und Kommunikation\n", goals)
    assert goals < label < text.index(TYPED.split("\n")[0]) < nxt


def test_an_assessment_of_an_unknown_section_is_not_rendered(tmp_path):
    """It leaves out an assessment whose section the document does not have."""
    path = _render_phase3(_office("gibtsnicht"), tmp_path / "p3.docx")
    assert _assessment_paragraphs(path) == []
    assert "Erste Zeile" not in doc_text(path)
    assert "Einschätzung des Projektbüros" not in doc_text(path)


def test_every_narrated_spec_names_only_known_sections():
    """It declares section keys only from the document's list in parthe_reports.sections."""
    narrated = [
        s
        for s in SPECS.values()
        if any(isinstance(b, Summary) for x in s.sections for b in x.blocks)
    ]
    assert narrated
    for spec in narrated:
        keys = set(narrative.sections.section_keys(spec.document))
        assert {s.key for s in spec.sections if s.key} <= keys, spec.name
        assert spec.sections[0].title == "Zusammenfassung", spec.name
