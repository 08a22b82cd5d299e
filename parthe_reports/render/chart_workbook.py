"""The small workbook a native chart carries: Word opens it under „Daten bearbeiten“.

Written by hand (five XML parts, ≈ 0.3 ms) instead of with openpyxl (≈ 13 ms, too much once
per Kommunalprofil). Text stays text: every label is an inline string, and one that starts
like a formula is also quote-prefixed (as ``xlsx_text`` does for the project's workbooks).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping, Sequence
from xml.sax.saxutils import escape

from parthe_reports.german import text
from parthe_reports.xlsx_text import DANGEROUS

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006"
_SML = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_STATIC = {
    "[Content_Types].xml": f'<Types xmlns="{_PKG}/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{_SML}.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_SML}.worksheet+xml"/>'
    f'<Override PartName="/xl/styles.xml" ContentType="{_SML}.styles+xml"/></Types>',
    "_rels/.rels": f'<Relationships xmlns="{_PKG}/relationships"><Relationship Id="rId1" '
    f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>'
    '<sheet name="Tabelle1" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{_PKG}/relationships">'
    f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{_REL}/styles" Target="styles.xml"/></Relationships>',
    # Style 1 is the quote prefix: text that Excel would read as a formula when edited.
    "xl/styles.xml": f'<styleSheet xmlns="{_MAIN}"><fonts count="1"><font><sz val="11"/>'
    '<name val="Arial"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/>'
    '</fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1">'
    "<border><left/><right/><top/><bottom/><diagonal/></border></borders>"
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
    '</cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" '
    'xfId="0"/><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/>'
    '</cellXfs><cellStyles count="1"><cellStyle name="Standard" xfId="0" builtinId="0"/>'
    "</cellStyles></styleSheet>",
}


def column(i: int) -> str:
    """Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA."""
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def _text_cell(ref: str, value: str) -> str:
    style = ' s="1"' if value.startswith(DANGEROUS) else ""
    cell = f'<is><t xml:space="preserve">{escape(text(value))}</t></is>'
    return f'<c r="{ref}" t="inlineStr"{style}>{cell}</c>'


def chart_workbook(
    categories: Sequence[str], series: Mapping[str, Sequence[float]], corner: str = ""
) -> bytes:
    """Tabelle1: categories in column A from row 2, one column per series (name in row 1);
    ``corner`` (A1: what the values are, in which unit) is not part of the chart."""
    names = list(series)
    head = "".join(_text_cell(f"{column(j + 1)}1", n) for j, n in enumerate(names))
    rows = [f'<row r="1">{_text_cell("A1", corner)}{head}</row>']
    for i, cat in enumerate(categories, start=2):
        nums = "".join(
            f'<c r="{column(j + 1)}{i}"><v>{float(series[n][i - 2])!r}</v></c>'
            for j, n in enumerate(names)
        )
        rows.append(f'<row r="{i}">{_text_cell(f"A{i}", cat)}{nums}</row>')
    sheet = f'<worksheet xmlns="{_MAIN}"><sheetData>{"".join(rows)}</sheetData></worksheet>'
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for name, xml in (*_STATIC.items(), ("xl/worksheets/sheet1.xml", sheet)):
            z.writestr(name, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + xml)
    return buf.getvalue()
