"""Build the Word templates in templates/word/ from the declarations in ``documents``.

Run ``python -m parthe_reports.render.authoring.templates`` after changing a declaration; the
.docx files are committed. After that they are ordinary Word documents: fonts, colours,
logo and the wording around the tags may be changed in Word or LibreOffice.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.shared import Cm, Pt

from parthe_reports.paths import WORD_TEMPLATES
from parthe_reports.render.authoring import docx as b
from parthe_reports.render.documents import SPECS
from parthe_reports.render.refs import SEP, sheet_legend
from parthe_reports.render.spec import (
    SRC,
    Block,
    Bullets,
    Chart,
    DocSpec,
    Findings,
    Group,
    Matrix,
    PageBreak,
    Quadrants,
    Section,
    Summary,
    Table,
    Text,
    When,
)

MARKER_TEXT = "Beispieldaten – nicht zur Vorlage in Gremien"
SOURCES_TITLE = "Methodik und Datengrundlage"


class _Writer:
    def __init__(self, doc: DocxDocument) -> None:
        self.doc = doc
        self.tables = 0
        self.figures = 0
        self.width = b.TEXT_WIDTH_CM
        self.landscape = False

    def tag(self, tag: str) -> None:
        self.doc.add_paragraph(tag)

    def para(self, text: str, style: str = "Normal"):
        return self.doc.add_paragraph(text, style=style)

    def caption(self, kind: str, text: str) -> None:
        if not text:
            return
        p = self.doc.add_paragraph(style="Caption")
        p.add_run(f"{kind} ")
        if kind == "Tabelle":
            self.tables += 1
            n = self.tables
        else:
            self.figures += 1
            n = self.figures
        b.add_field(p, f"SEQ {kind} \\* ARABIC", str(n))
        p.add_run(f": {text}")

    def block(self, block: Block) -> None:
        if isinstance(block, Text):
            if block.cond:
                self.tag(f"{{%p if {block.cond} %}}")
            self.para(block.text, block.style)
            if block.cond:
                self.tag("{%p endif %}")
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Matrix):
            self.matrix(block)
        elif isinstance(block, Chart):
            self.tag(f"{{%p if {block.var} %}}")
            p = self.para(f"{{{{ {block.var} }}}}")
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.keep_with_next = True
            self.caption("Abbildung", block.caption)
            self.tag("{%p else %}")
            self.para(block.empty)
            self.tag("{%p endif %}")
        elif isinstance(block, Bullets):
            self.tag(f"{{%p if {block.items} %}}")
            self.tag(f"{{%p for s in {block.items} %}}")
            self.para("{{ s }}", "List Bullet")
            self.tag("{%p endfor %}")
            self.tag("{%p else %}")
            self.para(block.empty)
            self.tag("{%p endif %}")
        elif isinstance(block, Quadrants):
            self.quadrants(block.item)
        elif isinstance(block, Summary):
            self.summary(block.new_page)
        elif isinstance(block, Findings):
            self.findings(block.key)
        elif isinstance(block, When):
            self.tag(f"{{%p if {block.cond} %}}")
            for inner in block.blocks:
                self.block(inner)
            self.tag("{%p endif %}")
        elif isinstance(block, PageBreak):
            b.page_break(self.doc)
        elif isinstance(block, Group):
            self.tag(f"{{%p if {block.items} %}}")
            self.tag(f"{{%p for {block.var} in {block.items} %}}")
            self.para(block.heading, f"Heading {block.level}")
            for inner in block.blocks:
                self.block(inner)
            self.tag("{%p endfor %}")
            if block.empty:
                self.tag("{%p else %}")
                self.para(block.empty)
            self.tag("{%p endif %}")

    def summary(self, new_page: bool) -> None:
        """Kernaussagen, the office's assessment, Empfehlungen; then a page break (≤ 1 page)."""
        self.block(Bullets("key_points", "Hierzu liegen noch keine Auswertungen vor."))
        self.findings("zusammenfassung")
        self.tag("{%p if recommendations or assessments.empfehlungen %}")
        self.para("Empfehlungen", "Heading 2")
        self.tag("{%p for s in recommendations %}")
        self.para("{{ s }}", "List Bullet")
        self.tag("{%p endfor %}")
        self.assessments("empfehlungen")
        self.tag("{%p endif %}")
        if new_page:
            b.page_break(self.doc)

    def findings(self, key: str) -> None:
        """The section's Befunde (sentences naming their table), then the assessments."""
        self.tag(f"{{%p for s in findings.{key} %}}")
        self.para("{{ s }}", b.FINDING_STYLE)
        self.tag("{%p endfor %}")
        self.assessments(key)

    def assessments(self, key: str) -> None:
        """Each assessment of section ``key``: its label, then the text as typed."""
        self.tag(f"{{%p for a in assessments.{key} %}}")
        self.para("{{ a.label }}", b.ASSESSMENT_LABEL_STYLE)
        self.para("{{ a.text }}", b.ASSESSMENT_STYLE)
        self.tag("{%p endfor %}")

    def table(self, spec: Table) -> None:
        widths = [c.width for c in spec.cols]
        scale = min(1.0, self.width / sum(widths))
        widths = [w * scale for w in widths]
        self.tag(f"{{%p if {spec.rows} %}}")
        t = b.new_table(self.doc, 4, widths)
        b.repeat_header(t.rows[0])
        for i, col in enumerate(spec.cols):
            b.write_cell(t.rows[0].cells[i], col.header, b.SMALL_STYLE, col.align)
            cell = b.write_cell(
                t.rows[2].cells[i], f"{{{{ r.{col.key} }}}}", b.SMALL_STYLE, col.align
            )
            if not col.hyphenate:
                b.no_hyphenation(cell)
        b.write_cell(t.rows[1].cells[0], f"{{%tr for r in {spec.rows} %}}")
        b.write_cell(t.rows[3].cells[0], "{%tr endfor %}")
        b.cant_split(t.rows[2])
        self.caption("Tabelle", spec.caption)
        self.tag("{%p else %}")
        self.para(spec.empty)
        self.tag("{%p endif %}")

    def matrix(self, spec: Matrix) -> None:
        cell_w = (self.width - spec.label_width) / 6
        widths = [spec.label_width, cell_w, cell_w, cell_w]
        self.tag(f"{{%p if {spec.rows} %}}")
        t = b.new_table(self.doc, 4, widths)
        b.repeat_header(t.rows[0])
        head, row = t.rows[0].cells, t.rows[2].cells
        b.write_cell(head[0], spec.corner, b.SMALL_STYLE)
        b.write_cell(head[1], f"{{%tc for c in {spec.cols} %}}")
        b.write_cell(head[2], "{{ c }}", b.SMALL_STYLE, "center")
        b.write_cell(head[3], "{%tc endfor %}")
        b.write_cell(row[0], "{{ r.label }}", b.SMALL_STYLE)
        b.write_cell(row[1], "{%tc for v in r.cells %}")
        b.write_cell(row[2], "{{ v }}", b.SMALL_STYLE, "center")
        b.write_cell(row[3], "{%tc endfor %}")
        b.write_cell(t.rows[1].cells[0], f"{{%tr for r in {spec.rows} %}}")
        b.write_cell(t.rows[3].cells[0], "{%tr endfor %}")
        self.caption("Tabelle", spec.caption)
        self.tag("{%p else %}")
        self.para(spec.empty)
        self.tag("{%p endif %}")

    def quadrants(self, item: str) -> None:
        half = self.width / 2
        t = b.new_table(self.doc, 2, [half, half], b.QUADRANT_STYLE)
        for r, c, title, key, fill in (
            (0, 0, "Stärken", "strengths", "E2EFDA"),
            (0, 1, "Schwächen", "weaknesses", "FCE4D6"),
            (1, 0, "Chancen", "opportunities", "DDEBF7"),
            (1, 1, "Risiken", "threats", "F2F2F2"),
        ):
            cell = t.rows[r].cells[c]
            _shade(cell, fill)
            p = b.write_cell(cell, title, b.SMALL_STYLE)
            p.runs[0].bold = True
            cell.add_paragraph(f"{{{{ {item}.{key} }}}}", style=b.SMALL_STYLE)
        self.para("")

    def section(self, section: Section) -> None:
        if section.landscape and section.cond:
            raise ValueError(f"{section.title}: a landscape section cannot be conditional")
        # Two landscape sections in a row share their pages' orientation: no empty portrait
        # page between them.
        if section.landscape != self.landscape:
            self.orient(landscape=section.landscape)
        if section.cond:
            self.tag(f"{{%p if {section.cond} %}}")
        self.para(section.title, "Heading 1")
        for block in section.body:
            self.block(block)
        if section.cond:
            self.tag("{%p endif %}")

    def orient(self, landscape: bool) -> None:
        sec = self.doc.add_section(WD_SECTION.NEW_PAGE)
        b.set_margins(sec, landscape)
        self.landscape = landscape
        self.width = b.LANDSCAPE_WIDTH_CM if landscape else b.TEXT_WIDTH_CM
        # Each section its own footer: the page number flush right on that section's width.
        _footer(self.doc, sec, self.width)


def _shade(cell, fill: str) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    cell._tc.get_or_add_tcPr().append(
        parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>')
    )


def _title_page(w: _Writer, spec: DocSpec) -> None:
    """Region, title, phase; client, author, status with date; Stichtag; funding notice.

    The values come from ``[documents]`` in region.toml (render/titlepage.py); the
    software version is in the appendix, not here.
    """
    doc = w.doc
    w.tag("{%p if doc_logo %}")
    w.para("{{ doc_logo }}").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    w.tag("{%p endif %}")
    for _ in range(3):
        w.para("")
    w.para("{{ region_full_name }}", "Subtitle")
    w.para(spec.title, "Title")
    w.para(spec.phase, "Subtitle")
    w.para("")
    _fact(w, "Auftraggeber", "{{ doc_client }}")
    w.tag("{%p if doc_members %}")
    w.para("{{ doc_members }}", b.SMALL_STYLE).paragraph_format.space_after = Pt(6)
    w.tag("{%p endif %}")
    _fact(w, "Bearbeitung", "{{ doc_author }}")
    _fact(w, "Status", "{{ doc_status }}")
    _fact(w, "Datenstand (Stichtag)", "{{ stichtag }}")
    w.tag("{%p if doc_funding %}")
    p = w.para("{{ doc_funding }}")
    p.paragraph_format.space_before = Pt(36)
    w.tag("{%p endif %}")
    w.tag("{%p if is_example %}")
    p = w.para(MARKER_TEXT, b.MARKER_STYLE)
    p.paragraph_format.space_before = Pt(24)
    w.tag("{%p endif %}")
    b.page_break(doc)
    if spec.has_toc:
        w.para("Inhalt", "TOC Heading")
        b.add_field(
            w.para(""),
            'TOC \\o "1-2" \\h \\z \\u',
            "Inhalt",  # replaced by the entries at render time (render/toc.py)
            dirty=True,
        )
        b.page_break(doc)


def _fact(w: _Writer, label: str, value: str) -> None:
    """„Label: value“ with the label in bold."""
    p = w.doc.add_paragraph()
    p.add_run(f"{label}: ").bold = True
    p.add_run(value)


def _has_source_column(blocks: tuple[Block, ...]) -> bool:
    for block in blocks:
        if isinstance(block, Table) and any(c.key == "ref" for c in block.cols):
            return True
        if isinstance(block, Group | When) and _has_source_column(block.blocks):
            return True
    return False


def _sources(w: _Writer, spec: DocSpec) -> None:
    from parthe_reports.render.spec import Col

    w.para(SOURCES_TITLE, "Heading 1")
    text = (
        "Dieses Dokument wurde am {{ generated }} aus den folgenden Erhebungsbögen erzeugt "
        "(Auswertungssoftware parthe-reports, Version {{ version }}). Die Prüfsumme (SHA-256) "
        "weist nach, welcher Stand einer Datei verwendet wurde."
    )
    # Only where a table has that column (the Prüfbericht names cells instead).
    has_ref = any(_has_source_column(s.blocks) for s in spec.sections)
    if has_ref:
        text += (
            f" Die Spalte „{SRC.header}“ der Tabellen nennt für jede Zeile ihre Herkunft: "
            f"Erhebungsbogen {SEP} Tabellenblatt {SEP} Zeile. So steht „BOR{SEP}M{SEP}7“ für "
            "Zeile 7 des Tabellenblatts „Maßnahmen“ im Erhebungsbogen mit dem Kürzel BOR; "
            "welche Datei das ist, nennt die Spalte „Ref.“ der Tabelle unten (VB ist der "
            "Verbund-Erhebungsbogen), die Tabellenblätter stehen im folgenden Absatz. "
            "Ein † hinter dem Verweis bedeutet: Die "
            "Plausibilitätsprüfung stellt einen Wert dieser Zeile in Frage (etwa einen Status, "
            "der zum Förderantrag nicht passt); die Prüfhinweise stehen im Prüfbericht der "
            "Kommune und in Konsolidiert.xlsx (Spalte „Plausibilität“)."
        )
    w.para(text)
    if has_ref:
        w.para(f"Kürzel der Tabellenblätter – {sheet_legend()}.")
    label = (Col("Ref.", "label", 1.2),) if has_ref else ()
    w.table(
        Table(
            "sources",
            (
                *label,
                Col("Erhebungsbogen", "workbook", 3.6, hyphenate=False),
                Col("Kommune", "municipality", 2.2),
                Col("Stand", "modified", 2.0),
                Col("Vorlage", "template_version", 1.5),
                Col("Prüfsumme SHA-256", "sha256", 7.2, hyphenate=False),
            ),
            "Es lagen keine Erhebungsbögen vor.",
            "Verwendete Erhebungsbögen",
        )
    )


def _header_footer(doc: DocxDocument, spec: DocSpec) -> None:
    sec = doc.sections[0]
    header = sec.header
    p = header.paragraphs[0]
    p.text = f"{{{{ region_name }}}} · {spec.title}"
    p.style = doc.styles["Header"]
    p.runs[0].font.size = Pt(8.5)
    p.paragraph_format.tab_stops.add_tab_stop(Cm(b.TEXT_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT)
    header.add_paragraph("{%p if is_example %}")
    header.add_paragraph(MARKER_TEXT, style=b.MARKER_STYLE)
    header.add_paragraph("{%p endif %}")
    _footer(doc, sec, b.TEXT_WIDTH_CM)


def _footer(doc: DocxDocument, sec, width_cm: float) -> None:
    """„Stichtag …“ left, „Seite X von Y“ flush right at ``width_cm``."""
    footer = sec.footer
    footer.is_linked_to_previous = False
    f = footer.paragraphs[0]
    f.style = doc.styles["Footer"]
    # One right tab at this section's text width (the Footer style has none).
    f.paragraph_format.tab_stops.add_tab_stop(Cm(width_cm), WD_TAB_ALIGNMENT.RIGHT)
    f.add_run("Stichtag {{ stichtag }}\tSeite ")
    b.add_field(f, "PAGE")
    f.add_run(" von ")
    b.add_field(f, "NUMPAGES")
    for run in f.runs:
        run.font.size = Pt(8.5)


def build_template(spec: DocSpec, out_dir: Path = WORD_TEMPLATES) -> Path:
    """Write one template; returns its path."""
    doc = Document()
    b.setup_styles(doc)
    b.set_margins(doc.sections[0])
    doc.core_properties.title = spec.title.replace("{{", "").replace("}}", "")
    doc.core_properties.author = "parthe-reports"
    doc.core_properties.comments = ""
    doc.core_properties.language = "de-DE"
    _language(doc)
    _header_footer(doc, spec)
    w = _Writer(doc)
    _title_page(w, spec)
    for section in spec.sections:
        w.section(section)
    if w.landscape:
        w.orient(landscape=False)
    _sources(w, spec)
    # python-docx starts with one empty paragraph; drop it so the title page starts clean.
    first = doc.paragraphs[0]
    if not first.text:
        first._p.getparent().remove(first._p)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{spec.name}.docx"
    doc.save(str(path))
    _fixed_timestamps(path)
    return path


def _fixed_timestamps(path: Path) -> None:
    """Rewrite the zip with fixed entry times, so a rebuild is byte-identical (clean diffs)."""
    import zipfile

    with zipfile.ZipFile(path) as z:
        entries = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            z.writestr(
                zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED
            )


def _language(doc: DocxDocument) -> None:
    """German spelling and hyphenation for the whole document."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rpr = doc.styles["Normal"].element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "de-DE")
    rpr.append(lang)
    # Text outside Normal (table styles, character styles) falls back to the document
    # defaults, which python-docx's template sets to en-US: German there too.
    for el in doc.styles.element.iter(qn("w:lang")):
        if el.getparent().getparent().tag == qn("w:rPrDefault"):
            el.set(qn("w:val"), "de-DE")
    for el in doc.settings.element.iter(qn("w:themeFontLang")):
        el.set(qn("w:val"), "de-DE")
    b.add_setting(doc, "w:autoHyphenation")


def build_all(out_dir: Path = WORD_TEMPLATES) -> list[Path]:
    """Write every template (one per deliverable)."""
    return [build_template(spec, out_dir) for spec in SPECS.values()]


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else WORD_TEMPLATES
    for path in build_all(target):
        print(path)
