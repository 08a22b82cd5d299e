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


def _summary(path: Path) -> tuple[list[str], list[str]]:
    """The Zusammenfassung's Kernaussagen (bullets) and Empfehlungen of a rendered document."""
    d = docx.Document(str(path))
    where, points, recs = "", [], []
    for p in d.paragraphs:
        style = p.style.name if p.style is not None else ""
        if style == "Heading 1":
            if where:
                break
            where = "key" if p.text == "Zusammenfassung" else ""
        elif where and style == "Heading 2":
            where = "rec" if p.text == "Empfehlungen" else where
        elif where and style == "List Bullet":
            (points if where == "key" else recs).append(p.text)
    return points, recs


def _number(text: str, pattern: str) -> str:
    import re

    m = re.search(pattern, text)
    assert m, (pattern, text)
    return m.group(1)


def test_example_documents_open_with_the_narrative_summary():
    """It opens every phase document, profile and Prüfbericht of the example run with the
    Zusammenfassung its narrative computes from the model (3–7 Kernaussagen)."""
    from parthe_reports.render.documents.phase6 import _narrative as phase6_narrative
    from tests.test_render_fixtures import rendered_example

    c, _ds, books = example()
    docs = rendered_example()
    expected = {
        "Phase1_Analyse.docx": narrative.phase1(c),
        "Phase2_Strategischer_Rahmen.docx": narrative.phase2(c),
        "Phase3_Leitbild.docx": narrative.phase3(c),
        "Phase4_Massnahmenkatalog.docx": narrative.phase4(c),
        "Phase5_Foerdermittel.docx": narrative.phase5(c),
        "Phase6_Verstetigung.docx": phase6_narrative(c),  # with the weighted criteria
        **{f"Kommunalprofil_{x}.docx": narrative.profile(c, x) for x in c.profiles},
    }
    for book in books:
        stem = book.source.municipality or "Verbund"
        expected[f"Pruefbericht_{stem}.docx"] = narrative.pruefbericht(book, c.region)
    for name, n in expected.items():
        points, recs = _summary(docs[name])
        assert points == [s.text for s in n.summary], name
        assert recs == [s.text for s in n.recommendations], name
        assert 3 <= len(points) <= 7, name


def test_example_summaries_carry_the_models_figures():
    """It prints in the Zusammenfassung the figures of the phase models themselves."""
    from parthe_reports import german as fmt
    from tests.test_render_fixtures import rendered_example

    c, _ds, books = example()
    docs = rendered_example()
    p1 = " ".join(_summary(docs["Phase1_Analyse.docx"])[0])
    by_muni = c.phase1.admin_by_municipality
    top = by_muni.loc[by_muni["vacancy_rate"].idxmax()]
    assert f"mit {fmt.percent(top['vacancy_rate'])} den höchsten Anteil" in p1
    assert f"Die {fmt.number(c.phase1.infra_totals['objects'])} Objekte" in p1
    p2 = " ".join(_summary(docs["Phase2_Strategischer_Rahmen.docx"])[0])
    topics = len(c.region.topics)
    with_sub = topics - len(c.phase2.topics_without_sub_strategy)
    assert f"Für {with_sub} von {topics} Themenbereichen" in p2
    p3 = " ".join(_summary(docs["Phase3_Leitbild.docx"])[0])
    assert _number(p3, r"hat (\d+) Verbundziele") == str(len(c.phase3.goals))
    bra = " ".join(_summary(docs["Kommunalprofil_BRA.docx"])[0])
    assert _number(bra, r"an (\d+) Maßnahmen beteiligt") == str(len(c.profiles["BRA"].measures))
    (book,) = [b for b in books if b.source.municipality == "BRA"]
    pb = " ".join(_summary(docs["Pruefbericht_BRA.docx"])[0])
    read = sum(r.read for r in book.row_counts.values())
    assert f"von {fmt.number(read)} Zeilen" in pb


def test_summary_reader_finds_nothing_in_a_document_without_one(tmp_path):
    """It reads no Kernaussagen from a document that has no Zusammenfassung heading."""
    d = docx.Document()
    d.add_paragraph("Überblick", style="Heading 1")
    d.add_paragraph("Ein Punkt.", style="List Bullet")
    d.save(str(tmp_path / "x.docx"))
    assert _summary(tmp_path / "x.docx") == ([], [])


def test_control_characters_in_assessments_become_line_breaks_or_vanish():
    """It turns Word's paragraph and page marks into line breaks and drops other controls,
    but keeps ordinary text, tags and breaks as typed."""
    from parthe_reports.render.narration import as_typed

    assert as_typed("a\ab\fc\x1bd\r\ne") == "a\nb\ncd\ne"
    assert as_typed(TYPED) == TYPED
