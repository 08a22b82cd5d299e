"""The Fortschrittsbericht's template, declared as helper E's ``DocSpec`` and built by
E's ``render.build_templates`` (same styles, title page, header/footer, example-data
marker and sources appendix as the phase documents).

Rebuild with ``python -c "from parthe_reports.progress.template import build_template as b; b()"``
(after changing ``change_tables.CHANGE_TABLES``); afterwards the .docx is an
ordinary Word document that may be restyled in Word or LibreOffice.
"""

from __future__ import annotations

from pathlib import Path

from parthe_reports.paths import WORD_TEMPLATES
from parthe_reports.progress.change_tables import CHANGE_TABLES, chapters
from parthe_reports.render.authoring.templates import build_template as build_docx
from parthe_reports.render.spec import (
    Block,
    Chart,
    Col,
    DocSpec,
    PageBreak,
    Section,
    Table,
    Text,
    When,
    with_summary,
)
from parthe_reports.sections import fold

NAME = "Fortschrittsbericht"
TEMPLATE = WORD_TEMPLATES / f"{NAME}.docx"
SOURCE = Col("Quelle", "source", 3.6)


def _columns(cols: tuple[Col, ...], var: str) -> tuple[Col, ...]:
    """Every table row names its source (workbook › sheet › row), except the deliveries."""
    if var in ("deliveries",) or any(c.key == "source" for c in cols):
        return cols
    return (*cols, SOURCE)


# Chapter → the section key its Befunde are filed under (``parthe_reports.sections``).
CHAPTER_KEYS = {
    "Maßnahmen": "massnahmen",
    "Förderanträge": "antraege",
    "Zeitplan und Veränderungsmanagement": "meilensteine",
    "Fristen in den nächsten 90 Tagen": "fristen",
}


def chapter_var(title: str) -> str:
    """The context key of a chapter in ``changed`` / ``unchanged_tables``: „Förderanträge“ →
    ``foerderantraege``."""
    return fold(title)


def _summary() -> Section:
    """Figures before/after and the areas without changes, in one line; then a new page."""
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
            Text("{{ period_intro }}", cond="period_intro"),
            When(
                "period_figures",
                (
                    Table(
                        "period_figures",
                        (
                            Col("Kennzahl", "label", 6.5),
                            Col("vorige Runde", "before", 3.3, "right"),
                            Col("aktuell", "after", 3.3, "right"),
                            Col("Veränderung", "trend", 3.4, "right"),
                        ),
                        "Keine Kennzahlen.",
                        "Kennzahlen im Vergleich mit der vorigen Erhebungsrunde",
                    ),
                ),
            ),
            Text("{{ unchanged_chapters }}", cond="unchanged_chapters"),
            PageBreak(),
        ),
    )


def _chapter(title: str) -> Section:
    """Only the tables with rows; the others collapse into one line „Keine Änderungen bei …“;
    a chapter without any change is left out (it is named in the summary's line)."""
    var = chapter_var(title)
    blocks: list[Block] = []
    for s in (s for s in CHANGE_TABLES if s.chapter == title):
        table = Table(s.var, _columns(s.columns, s.var), s.empty)
        blocks.append(When(s.var, (Text(s.heading, "Heading 2"), table)))
    blocks.append(Text(f"{{{{ unchanged_tables.{var} }}}}", cond=f"unchanged_tables.{var}"))
    return Section(title, tuple(blocks), key=CHAPTER_KEYS.get(title, ""), cond=f"changed.{var}")


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
        with_summary(
            _summary(), *(_chapter(c) for c in chapters()), funding, baseline, new_page=False
        ),
        document="Fortschrittsbericht",
    )


def build_template(out_dir: Path = WORD_TEMPLATES) -> Path:
    """Write ``Fortschrittsbericht.docx`` into ``out_dir``; returns its path.

    Zusammenfassung and „Auf einen Blick“ share the first page; the chapters follow on
    the next.
    """
    return build_docx(spec(), out_dir)


if __name__ == "__main__":
    print(build_template())
