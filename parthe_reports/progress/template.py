"""The Fortschrittsbericht's template, declared as helper E's ``DocSpec`` and built by
E's ``render.build_templates`` (same styles, title page, header/footer, example-data
marker and sources appendix as the phase documents).

Rebuild with ``python -c "from parthe_reports.progress.template import build_template as b; b()"``
(after changing ``change_tables.CHANGE_TABLES``); afterwards the .docx is an
ordinary Word document that may be restyled in Word or LibreOffice.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document

from parthe_reports.paths import WORD_TEMPLATES
from parthe_reports.progress.change_tables import CHANGE_TABLES, chapters
from parthe_reports.render.authoring.templates import build_template as build_docx
from parthe_reports.render.spec import Block, Bullets, Chart, Col, DocSpec, Section, Table, Text

NAME = "Fortschrittsbericht"
TEMPLATE = WORD_TEMPLATES / f"{NAME}.docx"
SOURCE = Col("Quelle", "source", 3.6)


def _columns(cols: tuple[Col, ...], var: str) -> tuple[Col, ...]:
    """Every table row names its source (workbook › sheet › row), except the deliveries."""
    if var in ("deliveries",) or any(c.key == "source" for c in cols):
        return cols
    return (*cols, SOURCE)


def _summary() -> Section:
    return Section(
        "Auf einen Blick",
        (
            Text("{{ intro }}"),
            Table(
                "figures",
                (
                    Col("Kennzahl", "label", 6.5),
                    Col("Vergleichsstand", "before", 3.3, "right"),
                    Col("aktuell", "after", 3.3, "right"),
                    Col("Veränderung", "trend", 3.4, "right"),
                ),
                "Keine Kennzahlen.",
                "Kennzahlen im Vergleich",
            ),
            Bullets("highlights", "Keine Änderungen seit dem Vergleichslauf."),
        ),
    )


def _chapter(title: str) -> Section:
    blocks: list[Block] = []
    for s in (s for s in CHANGE_TABLES if s.chapter == title):
        blocks.append(Text(s.heading, "Heading 2"))
        blocks.append(Table(s.var, _columns(s.columns, s.var), s.empty))
    return Section(title, tuple(blocks))


def spec() -> DocSpec:
    """The document: summary, one chapter per topic, the funding chart, the baseline's sources."""
    funding = Section(
        "Fördermittel im Zeitverlauf",
        (
            Text("{{ chart_intro }}"),
            Chart(
                "chart",
                "Beantragte und bewilligte Fördermittel je aufbewahrtem Lauf",
                "Für die Abbildung liegen keine Läufe mit Förderanträgen vor.",
            ),
        ),
    )
    baseline = Section(
        "Quellen des Vergleichsstands",
        (
            Text("{{ baseline_intro }}"),
            Table(
                "baseline_sources",
                (
                    Col("Erhebungsbogen", "workbook", 3.6),
                    Col("Kommune", "municipality", 2.2),
                    Col("Stand", "modified", 2.0),
                    Col("Vorlage", "template_version", 1.5),
                    Col("Prüfsumme SHA-256", "sha256", 7.2),
                ),
                "Der Vergleichslauf hatte keine Erhebungsbögen.",
                "Erhebungsbögen des Vergleichslaufs",
            ),
        ),
    )
    return DocSpec(
        NAME,
        "Fortschrittsbericht der Lenkungsgruppe",
        "Was sich seit dem Vergleichsstand vom {{ baseline_stichtag }} geändert hat",
        (_summary(), *(_chapter(c) for c in chapters()), funding, baseline),
    )


def build_template(out_dir: Path = WORD_TEMPLATES) -> Path:
    """Write ``Fortschrittsbericht.docx`` into ``out_dir``; returns its path.

    The summary gets a page of its own: the first chapter after it starts a new page.
    """
    path = build_docx(spec(), out_dir)
    doc = Document(str(path))
    first = chapters()[0]
    for p in doc.paragraphs:
        if p.style is not None and p.style.name == "Heading 1" and p.text == first:
            p.paragraph_format.page_break_before = True
            break
    doc.save(str(path))
    return path


if __name__ == "__main__":
    print(build_template())
