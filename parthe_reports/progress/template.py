"""Builds ``templates/word/Fortschrittsbericht.docx`` with python-docx (reproducible).

The result is an ordinary Word document with docxtpl tags: restyle it in Word or
LibreOffice (fonts, colours, logo, the sentences around the tags) and it keeps rendering.
Run ``python -m parthe_reports.progress.template`` to rebuild it from ``SECTIONS``.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph

from parthe_reports.paths import WORD_TEMPLATES
from parthe_reports.progress.sections import SECTIONS, chapters

TEMPLATE = WORD_TEMPLATES / "Fortschrittsbericht.docx"
_TABLE_STYLE = "Light Grid Accent 1"
_SMALL = Pt(9)


def _field(paragraph: Paragraph, instr: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice update when shown."""
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), instr)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    fld.append(run)
    paragraph._p.append(fld)


def _repeat_header(table: Table) -> None:
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _cell(table: Table, row: int, col: int, text: str, bold: bool = False) -> None:
    p = table.cell(row, col).paragraphs[0]
    run = p.add_run(text)
    run.font.size = _SMALL
    run.bold = bold


def loop_table(
    doc: DocumentObject, var: str, columns: tuple[tuple[str, str], ...], item: str = "r"
) -> Table:
    """A table with a header row and one docxtpl ``{%tr for %}`` row per entry of ``var``."""
    table = doc.add_table(rows=4, cols=len(columns))
    table.style = doc.styles[_TABLE_STYLE]
    for i, (header, field) in enumerate(columns):
        _cell(table, 0, i, header, bold=True)
        _cell(table, 2, i, "{{ " + f"{item}.{field}" + " }}")
    _cell(table, 1, 0, "{%tr " + f"for {item} in {var}" + " %}")
    _cell(table, 3, 0, "{%tr endfor %}")
    _repeat_header(table)
    return table


def _header_footer(doc: DocumentObject) -> None:
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.orientation = WD_ORIENT.PORTRAIT
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.2))
    head = section.header.paragraphs[0]
    marker = head.add_run("{% if is_example %}BEISPIELDATEN – nicht zur Weitergabe · {% endif %}")
    marker.bold = True
    marker.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    head.add_run("{{ region }} · Fortschrittsbericht · Stichtag {{ stichtag }}").font.size = _SMALL
    foot = section.footer.paragraphs[0]
    foot.add_run("Seite ")
    _field(foot, "PAGE")
    foot.add_run(" von ")
    _field(foot, "NUMPAGES")


def _summary(doc: DocumentObject) -> None:
    doc.add_heading("Auf einen Blick", level=1)
    doc.add_paragraph("{{ intro }}")
    loop_table(
        doc,
        "figures",
        (
            ("Kennzahl", "label"),
            ("Vergleichslauf", "before"),
            ("aktuell", "after"),
            ("Veränderung", "trend"),
        ),
        item="f",
    )
    doc.add_paragraph("")
    doc.add_paragraph("{%p for h in highlights %}")
    doc.add_paragraph("{{ h }}", style="List Bullet")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _sections(doc: DocumentObject) -> None:
    for chapter in chapters():
        doc.add_heading(chapter, level=1)
        for s in (s for s in SECTIONS if s.chapter == chapter):
            doc.add_heading(s.heading, level=2)
            doc.add_paragraph("{%p " + f"if {s.var}" + " %}")
            loop_table(doc, s.var, s.columns)
            doc.add_paragraph("{%p else %}")
            doc.add_paragraph(s.empty)
            doc.add_paragraph("{%p endif %}")


def _chart_and_sources(doc: DocumentObject) -> None:
    doc.add_heading("Fördermittel im Zeitverlauf", level=1)
    doc.add_paragraph("{{ chart_intro }}")
    doc.add_paragraph("{{ chart }}")
    doc.add_paragraph(
        "Abbildung 1: Beantragte und bewilligte Fördermittel je Lauf", style="Caption"
    )
    doc.add_heading("Anhang: Quellen", level=1)
    doc.add_paragraph(
        "Die Angaben beruhen auf den folgenden Workbooks der beiden verglichenen Läufe. "
        "Jede Tabellenzeile oben nennt ihre Fundstelle (Workbook › Blatt › Zeile)."
    )
    doc.add_paragraph("{%p for run in source_runs %}")
    doc.add_heading("{{ run.title }}", level=2)
    loop_table(
        doc,
        "run.sources",
        (
            ("Workbook", "workbook"),
            ("Kommune", "municipality"),
            ("Stand", "modified"),
            ("Vorlage", "template_version"),
            ("Fehler", "errors"),
            ("SHA-256", "sha256"),
        ),
        item="s",
    )
    doc.add_paragraph("{%p endfor %}")


def build_template(target: Path = TEMPLATE) -> Path:
    """Write the template; returns its path."""
    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(10.5)
    _header_footer(doc)
    doc.add_paragraph("{{ region_full }}", style="Subtitle")
    doc.add_paragraph("Fortschrittsbericht der Lenkungsgruppe", style="Title")
    doc.add_paragraph(
        "Stichtag {{ stichtag }} · verglichen mit dem Lauf {{ baseline_run }} "
        "(Stichtag {{ baseline_stichtag }})"
    )
    doc.add_paragraph("Erstellt am {{ generated }} · Version {{ version }}")
    doc.add_paragraph("{%p if is_example %}")
    doc.add_paragraph(
        "Dieses Dokument beruht auf Beispieldaten und ist nicht zur Weitergabe an Gremien bestimmt."
    )
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _summary(doc)
    _sections(doc)
    _chart_and_sources(doc)
    target.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(target))
    return target


if __name__ == "__main__":
    print(build_template())
