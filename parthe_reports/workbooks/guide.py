"""The „Anleitung“ sheet: German instructions generated from the schema's help texts."""

from __future__ import annotations

import math

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from parthe_reports.region import Municipality, Region
from parthe_reports.schema import (
    ALL_CODES,
    Column,
    ColumnType,
    WorkbookKind,
    vocabulary_values,
)
from parthe_reports.sections import SECTIONS
from parthe_reports.xlsx_text import put

_TITLE = Font(bold=True, size=14)
_HEADING = Font(bold=True, size=12)
_BOLD = Font(bold=True)
_TABLE_HEAD = PatternFill("solid", fgColor="DDEBF7")
_WRAP = Alignment(wrap_text=True, vertical="top")

# What each column type means for the clerk (format hint shown in the guide).
TYPE_HINTS: dict[ColumnType, str] = {
    ColumnType.TEXT: "Freitext",
    ColumnType.NUMBER: "Zahl",
    ColumnType.AMOUNT: "Betrag in Euro, z. B. 12500 (Anzeige 12.500,00 €)",
    ColumnType.PERCENT: "Prozent, z. B. 80 % (als Zahl 80 oder 80 %)",
    ColumnType.DATE: "Datum TT.MM.JJJJ, z. B. 25.11.2026",
    ColumnType.PERIOD: "Zeitraum: Monat MM/JJJJ, Quartal Q1/JJJJ oder Jahr JJJJ",
    ColumnType.CHOICE: "Auswahl aus der Liste",
    ColumnType.CODE: "Kürzel einer Kommune (Auswahlliste)",
    ColumnType.CODE_LIST: f"Kürzel, durch Komma getrennt, oder „{ALL_CODES}“",
    ColumnType.ID: "Kennung (Text), eindeutig",
}

EXAMPLE_NOTICE = (
    "BEISPIELDATEN: Dieses Workbook enthält erfundene Beispieldaten zur Erprobung der "
    "Berichtspipeline. Es ist keine Erhebung einer Verwaltung."
)


def allowed_values(column: Column, region: Region) -> str:
    """Allowed values / range of a column, as one German line for the guide."""
    if column.vocabulary:
        return " / ".join(vocabulary_values(column, region))
    if column.type in (ColumnType.CODE, ColumnType.CODE_LIST):
        codes = ", ".join(region.codes[:12]) + (" …" if len(region.codes) > 12 else "")
        return codes + (f" oder „{ALL_CODES}“" if column.type is ColumnType.CODE_LIST else "")
    if column.minimum is not None and column.maximum is not None:
        return f"{column.minimum:g} bis {column.maximum:g}"
    if column.minimum is not None:
        return f"ab {column.minimum:g}"
    return ""


def guide_rows(
    kind: WorkbookKind, region: Region, municipality: Municipality | None, example: bool
) -> list[tuple[str, ...]]:
    """The guide as rows of text; a 1-tuple is a paragraph, a 5-tuple a table row.

    Paragraphs starting with "# " are headings, "## " sub-headings.
    """
    rows: list[tuple[str, ...]] = []
    owner = municipality.official_name if municipality else f"Projektbüro {region.name}"
    rows.append((f"# Anleitung: {kind.name} – {owner}",))
    if example:
        rows.append((EXAMPLE_NOTICE,))
    rows += [
        (f"Kooperation: {region.full_name or region.name} ({region.district}, {region.state})",),
        (kind.help,),
        ("",),
        ("## So füllen Sie das Workbook aus",),
        ("Jedes Blatt ist eine Tabelle: eine Zeile je Eintrag, die Überschriften in Zeile 1.",),
        ("Spalten mit * sind Pflichtfelder (* = Pflichtfeld).",),
        (
            "Auswahlfelder haben eine Liste (Pfeil rechts neben der Zelle); Datumsangaben TT.MM.JJJJ.",
        ),
        (
            "Bitte Blätter und Spaltenüberschriften nicht umbenennen, löschen oder verschieben; "
            "neue Zeilen einfach unten anfügen.",
        ),
        ("",),
    ]
    for sheet in kind.sheets:
        rows.append((f"## Blatt „{sheet.name}“",))
        rows.append((sheet.help,))
        rows.append(("Spalte", "Typ", "Pflicht", "Erlaubte Werte", "Erläuterung"))
        for col in sheet.columns:
            rows.append(
                (
                    col.label,
                    TYPE_HINTS[col.type],
                    "ja" if col.required else "nein",
                    allowed_values(col, region),
                    col.help,
                )
            )
        if sheet.key == "assessments":
            rows += section_rows()
        rows.append(("",))
    rows += [
        ("## Abgabe",),
        ("Speichern Sie das Workbook als .xlsx (Excel) oder .ods (LibreOffice).",),
        ("Senden Sie die Datei an das Projektbüro der Kooperation.",),
        ("Der Dateiname ist frei; erkannt wird das Workbook am Inhalt (Blatt „Stammdaten“).",),
        ("Sie erhalten eine Rückmeldedatei mit allen Hinweisen zu Ihren Eingaben.",),
    ]
    return rows


_SECTION_HEAD = ("Dokument", "Abschnitt (Schlüssel)", "", "Abschnitt im Dokument", "")
_TABLE_HEADS = ("Spalte", _SECTION_HEAD[0])


def section_rows() -> list[tuple[str, ...]]:
    """The valid Abschnitt keys per Dokument (Bewertungen), from ``sections``."""
    rows: list[tuple[str, ...]] = [
        ("Gültige Abschnitte je Dokument (Spalte „Abschnitt“ der Bewertungen):",),
        _SECTION_HEAD,
    ]
    for document, sections in SECTIONS.items():
        rows += [(document, s.key, "", s.title, "") for s in sections]
    return rows


def landscape_fit_width(ws: Worksheet) -> None:
    """Print setup: landscape, all columns on one page width."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def write_guide(
    ws: Worksheet,
    kind: WorkbookKind,
    region: Region,
    municipality: Municipality | None,
    example: bool,
) -> None:
    """Fill ``ws`` with the guide: headings, paragraphs and one column table per sheet."""
    widths = (34, 30, 9, 40, 60)
    for width, letter in zip(widths, "ABCDE", strict=True):
        ws.column_dimensions[letter].width = width
    landscape_fit_width(ws)
    for r, row in enumerate(guide_rows(kind, region, municipality, example), start=1):
        if len(row) == 1:
            text = row[0]
            font = None
            if text.startswith("# "):
                text, font = text[2:], _TITLE
            elif text.startswith("## "):
                text, font = text[3:], _HEADING
            cell = put(ws, r, 1, text)
            if font:
                cell.font = font
            elif text == EXAMPLE_NOTICE:
                cell.font = Font(bold=True, color="C00000")
            continue
        head = row[0] in _TABLE_HEADS and row[1] in ("Typ", _SECTION_HEAD[1])
        lines = max(math.ceil(len(t) / w) for t, w in zip(row, widths, strict=False))
        if lines > 1:  # wrapped cells: LibreOffice does not grow the row by itself
            ws.row_dimensions[r].height = 15 * lines
        for c, text in enumerate(row, start=1):
            cell = put(ws, r, c, text)
            cell.alignment = _WRAP
            if head:
                cell.font, cell.fill = _BOLD, _TABLE_HEAD
