"""Low-level python-docx helpers for building the Word templates (styles, fields, tables).

Only ``build_templates`` uses this module; rendering never builds XML by hand.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.section import Section
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph

# Word users have Arial; the server has its metric-compatible twin Liberation Sans (Debian
# fonts-liberation2), which LibreOffice substitutes, so line breaks agree on both sides.
FONT = "Arial"
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
ACCENT = RGBColor(0x1F, 0x4E, 0x5F)  # dark teal of the Partheland documents
MARKER = RGBColor(0xC0, 0x00, 0x00)
TEXT_WIDTH_CM = 16.5  # A4 portrait, margins 2.5 + 2.0 cm
LANDSCAPE_WIDTH_CM = 25.2
TABLE_STYLE = "Parthe Tabelle"
QUADRANT_STYLE = "Parthe Raster"
MARKER_STYLE = "Beispieldaten-Hinweis"
SMALL_STYLE = "Tabellentext"
FINDING_STYLE = "Befund"
ASSESSMENT_LABEL_STYLE = "Einschätzung Kopf"
ASSESSMENT_STYLE = "Einschätzung"
ASSESSMENT_FILL = "EAF1F3"  # a light tint of ACCENT: the office's text, set apart


def setup_styles(doc: DocxDocument) -> None:
    """Named styles a person restyles in Word: body, title, headings, caption, tables."""
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10.5)
    _east_asia_font(normal, FONT)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for name, size, color in (
        ("Title", 26, ACCENT),
        ("Subtitle", 14, RGBColor(0x40, 0x40, 0x40)),
        ("Heading 1", 16, ACCENT),
        ("Heading 2", 13, ACCENT),
        ("Heading 3", 11, ACCENT),
    ):
        st = styles[name]
        st.font.name = FONT
        _east_asia_font(st, FONT)
        st.font.size = Pt(size)
        st.font.color.rgb = color
        st.font.bold = name.startswith("Heading") or name == "Title"
        st.font.italic = False
        st.paragraph_format.space_before = Pt(14 if name == "Heading 1" else 8)
        st.paragraph_format.space_after = Pt(6)
        st.paragraph_format.keep_with_next = True
    title = styles["Title"]
    title.paragraph_format.space_before = Pt(0)
    _no_border(title)
    caption = styles["Caption"]
    caption.font.name = FONT
    caption.font.size = Pt(9)
    caption.font.bold = False
    caption.font.italic = True
    caption.font.color.rgb = RGBColor(0x40, 0x40, 0x40)
    caption.paragraph_format.space_after = Pt(10)
    small = styles.add_style(SMALL_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    small.base_style = normal
    small.font.size = Pt(8.5)
    small.paragraph_format.space_after = Pt(0)
    small.paragraph_format.line_spacing = 1.0
    marker = styles.add_style(MARKER_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    marker.base_style = normal
    marker.font.bold = True
    marker.font.size = Pt(9)
    marker.font.color.rgb = MARKER
    marker.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    marker.paragraph_format.space_after = Pt(0)
    _narration_styles(doc)
    for level in (1, 2):
        toc = styles.add_style(f"toc {level}", WD_STYLE_TYPE.PARAGRAPH)
        toc.base_style = normal
        toc.paragraph_format.left_indent = Cm(0.6 * (level - 1))
        toc.paragraph_format.space_after = Pt(2)
        # Page numbers (written once LibreOffice has laid the document out) flush right.
        toc.paragraph_format.tab_stops.add_tab_stop(
            Cm(TEXT_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
        )
    _add_table_style(doc, TABLE_STYLE, header_fill="1F4E5F", header_color="FFFFFF")
    _add_table_style(doc, QUADRANT_STYLE, header_fill=None, header_color=None)
    _no_theme_fonts(doc)
    _plain_bullets(doc)
    for name in ("Header", "Footer"):
        # The default centre/right tabs fit portrait only; each header or footer paragraph
        # sets its own right tab at its section's width (LibreOffice ignores "clear" tabs).
        ppr = styles[name].element.get_or_add_pPr()
        for tabs in ppr.findall(qn("w:tabs")):
            ppr.remove(tabs)


def _narration_styles(doc: DocxDocument) -> None:
    """Befund (a section's closing sentences) and the project office's assessment: a
    shaded block with a rule on the left, its label in bold above it."""
    styles = doc.styles
    finding = styles.add_style(FINDING_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    finding.base_style = styles["Normal"]
    finding.paragraph_format.space_before = Pt(4)
    label = _assessment_style(doc, ASSESSMENT_LABEL_STYLE)
    label.font.bold = True
    label.font.size = Pt(9.5)
    label.font.color.rgb = ACCENT
    label.paragraph_format.space_before = Pt(8)
    label.paragraph_format.space_after = Pt(0)
    label.paragraph_format.keep_with_next = True
    body = _assessment_style(doc, ASSESSMENT_STYLE)
    body.font.italic = True


def _assessment_style(doc: DocxDocument, name: str):
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    # Border and shading first: python-docx inserts the later properties in schema order.
    ppr = style.element.get_or_add_pPr()
    ppr.append(
        parse_xml(
            f'<w:pBdr {nsdecls("w")}><w:left w:val="single" w:sz="18" w:space="6" '
            f'w:color="{ACCENT}"/></w:pBdr>'
        )
    )
    ppr.append(
        parse_xml(
            f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{ASSESSMENT_FILL}"/>'
        )
    )
    style.paragraph_format.left_indent = Cm(0.3)
    return style


def _no_theme_fonts(doc: DocxDocument) -> None:
    """Every style (and the document defaults) names FONT itself.

    A theme-font attribute (w:asciiTheme="majorHAnsi" …) wins over w:ascii, so the headings
    came out in the theme's Calibri/Cambria; monospace styles keep their own font.
    """
    for fonts in doc.styles.element.iter(qn("w:rFonts")):
        themed = any(fonts.get(qn(a)) is not None for a in _THEME_ATTRS)
        for attr in _THEME_ATTRS:
            fonts.attrib.pop(qn(attr), None)
        if themed or fonts.get(qn("w:ascii")) in (None, FONT):
            for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
                fonts.set(qn(attr), FONT)


def _plain_bullets(doc: DocxDocument) -> None:
    """Bullets as „•“ in FONT: the default's Symbol-font private-use glyph has no twin on
    the server and fell back to DejaVu Sans."""
    numbering = doc.part.numbering_part.element
    for lvl in numbering.iter(qn("w:lvl")):
        text = lvl.find(qn("w:lvlText"))
        if text is None or text.get(qn("w:val"), "").startswith("%"):
            continue
        text.set(qn("w:val"), "•")
        for fonts in lvl.iter(qn("w:rFonts")):
            fonts.set(qn("w:ascii"), FONT)
            fonts.set(qn("w:hAnsi"), FONT)


def _east_asia_font(style, name: str) -> None:
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), name)


def _no_border(style) -> None:
    ppr = style.element.get_or_add_pPr()
    for el in ppr.findall(qn("w:pBdr")):
        ppr.remove(el)


def _add_table_style(
    doc: DocxDocument, name: str, header_fill: str | None, header_color: str | None
) -> None:
    """A table style with borders and a shaded header row (conditional first-row format)."""
    style = doc.styles.add_style(name, WD_STYLE_TYPE.TABLE)
    style.base_style = doc.styles["Normal Table"]
    el = style.element
    first_row = ""
    if header_fill:
        first_row = (
            '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/>'
            f'<w:color w:val="{header_color}"/></w:rPr>'
            f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{header_fill}"/></w:tcPr>'
            "</w:tblStylePr>"
        )
    el.append(parse_xml(f'<w:pPr {nsdecls("w")}><w:spacing w:before="0" w:after="0"/></w:pPr>'))
    el.append(
        parse_xml(
            f"<w:tblPr {nsdecls('w')}><w:tblBorders>"
            '<w:top w:val="single" w:sz="4" w:space="0" w:color="8C8C8C"/>'
            '<w:left w:val="single" w:sz="4" w:space="0" w:color="8C8C8C"/>'
            '<w:bottom w:val="single" w:sz="4" w:space="0" w:color="8C8C8C"/>'
            '<w:right w:val="single" w:sz="4" w:space="0" w:color="8C8C8C"/>'
            '<w:insideH w:val="single" w:sz="4" w:space="0" w:color="8C8C8C"/>'
            '<w:insideV w:val="single" w:sz="4" w:space="0" w:color="8C8C8C"/>'
            "</w:tblBorders><w:tblCellMar>"
            '<w:top w:w="40" w:type="dxa"/><w:left w:w="80" w:type="dxa"/>'
            '<w:bottom w:w="40" w:type="dxa"/><w:right w:w="80" w:type="dxa"/>'
            "</w:tblCellMar></w:tblPr>"
        )
    )
    if first_row:
        el.append(parse_xml(first_row.replace("<w:tblStylePr", f"<w:tblStylePr {nsdecls('w')}")))


def add_field(paragraph: Paragraph, instr: str, cached: str = "1", dirty: bool = False) -> None:
    """A complex field (PAGE, NUMPAGES, TOC, SEQ) with a cached result."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    if dirty:
        begin.set(qn("w:dirty"), "true")
    run._r.append(begin)
    run = paragraph.add_run()
    it = OxmlElement("w:instrText")
    it.set(qn("xml:space"), "preserve")
    it.text = f" {instr} "
    run._r.append(it)
    run = paragraph.add_run()
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    run._r.append(sep)
    paragraph.add_run(cached)
    run = paragraph.add_run()
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(end)


# The order of w:settings children is fixed by the schema (Word rejects files otherwise).
_SETTINGS_ORDER = (
    "w:writeProtection",
    "w:view",
    "w:zoom",
    "w:removePersonalInformation",
    "w:removeDateAndTime",
    "w:doNotDisplayPageBoundaries",
    "w:displayBackgroundShape",
    "w:printPostScriptOverText",
    "w:printFractionalCharacterWidth",
    "w:printFormsData",
    "w:embedTrueTypeFonts",
    "w:embedSystemFonts",
    "w:saveSubsetFonts",
    "w:saveFormsData",
    "w:mirrorMargins",
    "w:alignBordersAndEdges",
    "w:bordersDoNotSurroundHeader",
    "w:bordersDoNotSurroundFooter",
    "w:gutterAtTop",
    "w:hideSpellingErrors",
    "w:hideGrammaticalErrors",
    "w:activeWritingStyle",
    "w:proofState",
    "w:formsDesign",
    "w:attachedTemplate",
    "w:linkStyles",
    "w:stylePaneFormatFilter",
    "w:stylePaneSortMethod",
    "w:documentType",
    "w:mailMerge",
    "w:revisionView",
    "w:trackRevisions",
    "w:doNotTrackMoves",
    "w:doNotTrackFormatting",
    "w:documentProtection",
    "w:autoFormatOverride",
    "w:styleLockTheme",
    "w:styleLockQFSet",
    "w:defaultTabStop",
    "w:autoHyphenation",
    "w:consecutiveHyphenLimit",
    "w:hyphenationZone",
    "w:doNotHyphenateCaps",
    "w:showEnvelope",
    "w:summaryLength",
    "w:clickAndTypeStyle",
    "w:defaultTableStyle",
    "w:evenAndOddHeaders",
    "w:bookFoldRevPrinting",
    "w:bookFoldPrinting",
    "w:bookFoldPrintingSheets",
    "w:drawingGridHorizontalSpacing",
    "w:drawingGridVerticalSpacing",
    "w:displayHorizontalDrawingGridEvery",
    "w:displayVerticalDrawingGridEvery",
    "w:doNotUseMarginsForDrawingGridOrigin",
    "w:drawingGridHorizontalOrigin",
    "w:drawingGridVerticalOrigin",
    "w:doNotShadeFormData",
    "w:noPunctuationKerning",
    "w:characterSpacingControl",
    "w:printTwoOnOne",
    "w:strictFirstAndLastChars",
    "w:noLineBreaksAfter",
    "w:noLineBreaksBefore",
    "w:savePreviewPicture",
    "w:doNotValidateAgainstSchema",
    "w:saveInvalidXml",
    "w:ignoreMixedContent",
    "w:alwaysShowPlaceholderText",
    "w:doNotDemarcateInvalidXml",
    "w:saveXmlDataOnly",
    "w:useXSLTWhenSaving",
    "w:saveThroughXslt",
    "w:showXMLTags",
    "w:alwaysMergeEmptyNamespace",
    "w:updateFields",
    "w:hdrShapeDefaults",
    "w:footnotePr",
    "w:endnotePr",
    "w:compat",
    "w:docVars",
    "w:rsids",
    "w:attachedSchema",
    "w:themeFontLang",
    "w:clrSchemeMapping",
    "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures",
    "w:forceUpgrade",
    "w:captions",
    "w:readModeInkLockDown",
    "w:smartTagType",
    "w:shapeDefaults",
    "w:doNotEmbedSmartTags",
    "w:decimalSymbol",
    "w:listSeparator",
)


def add_setting(doc: DocxDocument, tag: str, val: str = "true") -> None:
    """Add an on/off setting such as ``w:updateFields`` at its schema position."""
    settings = doc.settings.element
    el = OxmlElement(tag)
    el.set(qn("w:val"), val)
    later = set(_SETTINGS_ORDER[_SETTINGS_ORDER.index(tag) + 1 :])
    for child in settings:
        if child.prefix == "w" and f"w:{child.tag.split('}')[1]}" in later:
            child.addprevious(el)
            return
    settings.append(el)


def page_break(doc: DocxDocument) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def set_margins(section: Section, landscape: bool = False) -> None:
    """A4 portrait or landscape with 2 cm margins (2.5 cm on the binding side)."""
    short, long_ = Cm(21.0), Cm(29.7)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (long_, short) if landscape else (short, long_)
    section.top_margin = Cm(2.2)
    section.bottom_margin = Cm(2.0)
    section.left_margin = Cm(2.5)
    section.right_margin = Cm(2.0)
    section.header_distance = Cm(1.0)
    section.footer_distance = Cm(1.0)


def repeat_header(row) -> None:
    """Word and LibreOffice repeat this row at the top of every page the table spans."""
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def cant_split(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:cantSplit"))


def new_table(doc: DocxDocument, rows: int, widths_cm: list[float], style: str = TABLE_STYLE):
    """A fixed-layout table with the given column widths."""
    table = doc.add_table(rows=rows, cols=len(widths_cm))
    table.style = doc.styles[style]
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    look = tbl_pr.find(qn("w:tblLook"))
    if look is None:
        look = OxmlElement("w:tblLook")
        tbl_pr.append(look)
    look.set(qn("w:firstRow"), "1")
    look.set(qn("w:val"), "0020")
    for i, w in enumerate(widths_cm):
        table.columns[i].width = Cm(w)
        for cell in table.columns[i].cells:
            cell.width = Cm(w)
    return table


# CT_PPr children after w:suppressAutoHyphens, in schema order.
_AFTER_SUPPRESS_HYPHENS = (
    "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE",
    "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
    "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
    "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
    "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip


def no_hyphenation(p: Paragraph) -> None:
    """Never hyphenate this paragraph (checksums, file names: a hyphen would change them)."""
    ppr = p._p.get_or_add_pPr()
    if ppr.find(qn("w:suppressAutoHyphens")) is None:
        ppr.insert_element_before(OxmlElement("w:suppressAutoHyphens"), *_AFTER_SUPPRESS_HYPHENS)


def write_cell(cell, text: str, style: str | None = None, align: str = "left") -> Paragraph:
    p = cell.paragraphs[0]
    p.text = text
    if style:
        p.style = cell.part.document.styles[style]
    if align == "right":
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif align == "center":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return p
