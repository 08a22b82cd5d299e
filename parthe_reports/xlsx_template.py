"""Excel templates (and filled workbooks) generated from the schema with openpyxl.

Every data sheet is an Excel table (ListObject ``Sheet.table_name``) with a frozen,
styled header row (``Column.label``), number formats per column type and data
validations: dropdowns for vocabularies and Kürzel (lists on the hidden sheet
``_Listen``), range checks for numbers and dates. The hidden sheet ``schema.META_SHEET``
carries the stamp the reader recognises a workbook by.

Values are written as given: a ``str`` stays text (so ``"12.500 €"`` is typed text, as a
clerk would leave it), ``date``/``datetime`` become Excel dates shown ``TT.MM.JJJJ``,
numbers stay numbers. Exception: a number in a Prozent column is given as 0–100 (the
dataset convention) and written Excel-natively as a fraction with format ``0%``.
"""

from __future__ import annotations

import zipfile
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from parthe_reports.region import Municipality, Region
from parthe_reports.schema import (
    ALL_CODES,
    GUIDE_SHEET,
    META_CODE,
    META_EXAMPLE,
    META_KIND,
    META_REGION,
    META_SCHEMA_VERSION,
    META_SHEET,
    META_TEMPLATE_VERSION,
    MUNICIPAL,
    REGIONAL,
    SCHEMA_VERSION,
    TEMPLATE_VERSION,
    WORKBOOK_KINDS,
    Column,
    ColumnType,
    Sheet,
    WorkbookKind,
    normalize,
    vocabulary_values,
)
from parthe_reports.xlsx_guide import EXAMPLE_NOTICE, write_guide

LISTS_SHEET = "_Listen"  # hidden sheet holding the dropdown lists
VALIDATED_ROWS = 1000  # data validations cover rows 2..VALIDATED_ROWS (or more if filled)
# Fixed document timestamps so that regenerating a workbook gives the same bytes.
FIXED_TIMESTAMP = datetime(2026, 1, 1)
_ZIP_TIME = (2026, 1, 1, 0, 0, 0)

FORMATS: dict[ColumnType, str] = {
    ColumnType.TEXT: "@",
    ColumnType.NUMBER: "General",
    ColumnType.AMOUNT: '#,##0.00 "€"',
    ColumnType.PERCENT: "0%",
    ColumnType.DATE: "DD.MM.YYYY",
    ColumnType.PERIOD: "@",
    ColumnType.CHOICE: "@",
    ColumnType.CODE: "@",
    ColumnType.CODE_LIST: "@",
    ColumnType.ID: "@",
}
_DATE_MIN, _DATE_MAX = 36526, 73415  # Excel serials of 01.01.2000 and 31.12.2100

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
_HEADER_ALIGN = Alignment(wrap_text=True, vertical="center")
_TABLE_STYLE = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)

Rows = Mapping[str, Sequence[Mapping[str, object]]]


class _FixedTimeZip(zipfile.ZipFile):
    """A zip archive whose members carry a fixed timestamp (reproducible files)."""

    def writestr(self, zinfo_or_arcname: Any, data: Any, *args: Any, **kwargs: Any) -> None:
        if isinstance(zinfo_or_arcname, str):
            zinfo_or_arcname = zipfile.ZipInfo(zinfo_or_arcname, _ZIP_TIME)
            zinfo_or_arcname.compress_type = zipfile.ZIP_DEFLATED
        super().writestr(zinfo_or_arcname, data, *args, **kwargs)

    def write(self, filename: Any, arcname: Any = None, *args: Any, **kwargs: Any) -> None:
        # openpyxl writes worksheets from temporary files; stamp those with the fixed time too
        with open(filename, "rb") as fh:
            self.writestr(str(arcname or filename), fh.read())


def _save(wb: Workbook, path: Path) -> None:
    # openpyxl's save_workbook stamps "modified" with now(); write with fixed times instead.
    path.parent.mkdir(parents=True, exist_ok=True)
    with _FixedTimeZip(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).save()


def master_data_row(municipality: Municipality) -> dict[str, object]:
    """Stammdaten pre-filled from the region config (AGS as text)."""
    return {
        "name": municipality.name,
        "code": municipality.code,
        "ags": municipality.ags,
        "population": municipality.population,
        "area_km2": municipality.area_km2,
    }


def write_workbook(
    path: Path,
    kind: WorkbookKind,
    region: Region,
    municipality: Municipality | None = None,
    rows: Rows | None = None,
    example: bool = False,
    template_version: str = TEMPLATE_VERSION,
) -> Path:
    """Write a Kommunal- or Verbund-Workbook: guide, one table per sheet, stamp, lists.

    ``rows`` maps sheet key → list of dicts keyed by column key; ``None`` gives a blank
    template (a municipal one with Stammdaten pre-filled from the region).
    """
    if rows is None:
        rows = {"master_data": [master_data_row(municipality)]} if municipality else {}
    wb = Workbook()
    guide = wb.active
    assert guide is not None
    guide.title = GUIDE_SHEET
    write_guide(guide, kind, region, municipality, example)
    lists = _ListSheet(wb.create_sheet(LISTS_SHEET), region)
    for sheet in kind.sheets:
        _write_table(wb.create_sheet(sheet.name), sheet, rows.get(sheet.key, ()), lists)
    _write_stamp(wb, kind, region, municipality, example, template_version)
    wb.move_sheet(LISTS_SHEET, offset=len(wb.sheetnames))
    _set_properties(wb, kind, region, municipality, example, template_version)
    _save(wb, path)
    return path


def template_file_name(municipality: Municipality) -> str:
    """``<Kürzel>.xlsx``: Kürzel are capital letters, Ä/Ö/Ü spelled out for ASCII names."""
    code = municipality.code
    for umlaut, ascii_ in (("Ä", "AE"), ("Ö", "OE"), ("Ü", "UE")):
        code = code.replace(umlaut, ascii_)
    return f"{code}.xlsx"


def write_templates(region: Region, out_dir: Path) -> list[Path]:
    """Blank templates: one Kommunal-Workbook per municipality and ``Verbund.xlsx``."""
    paths = [
        write_workbook(out_dir / template_file_name(m), MUNICIPAL, region, m)
        for m in region.municipalities
    ]
    paths.append(write_workbook(out_dir / "Verbund.xlsx", REGIONAL, region))
    return paths


# ---------------------------------------------------------------- tables


def _write_table(
    ws: Worksheet, sheet: Sheet, data: Sequence[Mapping[str, object]], lists: _ListSheet
) -> None:
    cols = sheet.columns
    ws.append([c.label for c in cols])
    for idx, col in enumerate(cols, start=1):
        letter = get_column_letter(idx)
        cell = ws.cell(1, idx)
        cell.font, cell.fill, cell.alignment = _HEADER_FONT, _HEADER_FILL, _HEADER_ALIGN
        dim = ws.column_dimensions[letter]
        dim.width = col.width or max(12, len(col.label) + 4)
        dim.number_format = FORMATS[col.type]  # new rows typed by the clerk get the format
    ws.row_dimensions[1].height = 32
    ws.freeze_panes = "A2"
    for r, record in enumerate(data, start=2):
        values = [_excel_value(col, record.get(col.key)) for col in cols]
        ws.append(values)
        for c, v in enumerate(values, start=1):
            if isinstance(v, str) and v.startswith("="):
                ws.cell(r, c).data_type = "s"  # a typed "=…" is text here, never a formula
    # Number formats only where a value needs one (per-cell styling is the slow part).
    for idx, col in enumerate(cols, start=1):
        if col.type in (ColumnType.TEXT, ColumnType.CHOICE, ColumnType.CODE_LIST):
            continue
        for (cell,) in ws.iter_rows(min_row=2, min_col=idx, max_col=idx):
            _format_cell(cell, col)
    last_row = max(2, len(data) + 1)
    ref = f"A1:{get_column_letter(len(cols))}{last_row}"
    table = Table(displayName=sheet.table_name, ref=ref, tableStyleInfo=_TABLE_STYLE)
    ws.add_table(table)
    _add_validations(ws, cols, lists, max(VALIDATED_ROWS, last_row))


def _excel_value(col: Column, value: object) -> object:
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if col.type is ColumnType.PERCENT and isinstance(value, int | float):
        return value / 100
    if isinstance(value, tuple | list):
        return ", ".join(str(v) for v in value)
    return value


def _format_cell(cell: Cell, col: Column) -> None:
    value = cell.value
    if isinstance(value, str):
        if value.startswith("="):
            cell.data_type = "s"  # a typed "=…" is text here, never a formula
        cell.number_format = "@"
    elif isinstance(value, date | datetime):
        cell.number_format = FORMATS[ColumnType.DATE]
    elif value is not None:
        cell.number_format = FORMATS[col.type]


# ---------------------------------------------------------------- validations


class _ListSheet:
    """Dropdown values on a hidden sheet, one column per list, referenced by range."""

    def __init__(self, ws: Worksheet, region: Region) -> None:
        self.ws, self.region = ws, region
        ws.sheet_state = "hidden"
        self.refs: dict[str, tuple[str, int]] = {}

    def ref(self, name: str, values: Sequence[str]) -> tuple[str, int]:
        """Formula of the range holding ``values`` (added once per name) and their count."""
        if name not in self.refs:
            col = len(self.refs) + 1
            self.ws.cell(1, col, name)
            for r, v in enumerate(values, start=2):
                self.ws.cell(r, col, v).data_type = "s"
            letter = get_column_letter(col)
            rng = f"{quote_sheetname(LISTS_SHEET)}!${letter}$2:${letter}${len(values) + 1}"
            self.refs[name] = (rng, len(values))
        return self.refs[name]


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _validation(col: Column, lists: _ListSheet) -> DataValidation:
    """The data validation of one column (German input and error messages)."""
    title = _clip(col.header, 32)
    dv: DataValidation
    if col.vocabulary or col.type is ColumnType.CODE:
        if col.vocabulary:
            values = vocabulary_values(col, lists.region)
            formula, _ = lists.ref(col.vocabulary, values)
        else:
            values = lists.region.codes
            formula, _ = lists.ref("Kürzel", values)
        dv = DataValidation(type="list", formula1=formula, allow_blank=True)
        dv.error = _clip("Bitte einen Wert aus der Liste wählen: " + ", ".join(values), 255)
        dv.prompt = _clip(f"{col.help} Bitte aus der Liste wählen.", 255)
    elif col.type is ColumnType.CODE_LIST:
        dv = DataValidation(allow_blank=True)  # free text; only an input message
        dv.prompt = _clip(
            f"{col.help} Kürzel durch Komma getrennt, z. B. "
            f"„{', '.join(lists.region.codes[:3])}“, oder „{ALL_CODES}“.",
            255,
        )
    elif col.type is ColumnType.DATE:
        dv = DataValidation(
            type="date", operator="between", formula1=str(_DATE_MIN), formula2=str(_DATE_MAX)
        )
        dv.error = "Bitte ein Datum im Format TT.MM.JJJJ eingeben."
        dv.prompt = _clip(f"{col.help} Format TT.MM.JJJJ.", 255)
    else:
        scale = 100 if col.type is ColumnType.PERCENT else 1
        low = -1e12 if col.minimum is None else col.minimum / scale
        high = 1e12 if col.maximum is None else col.maximum / scale
        dv = DataValidation(
            type="whole" if col.integer else "decimal",
            operator="between",
            formula1=f"{low:g}",
            formula2=f"{high:g}",
        )
        what = "eine ganze Zahl" if col.integer else "eine Zahl"
        bounds = _bounds_text(col)
        dv.error = f"Bitte {what}{bounds} eingeben."
        dv.prompt = _clip(f"{col.help} {what.capitalize()}{bounds}.", 255)
    dv.allow_blank = True
    dv.promptTitle, dv.errorTitle = title, "Ungültige Eingabe"
    dv.showInputMessage = True
    dv.showErrorMessage = col.type is not ColumnType.CODE_LIST
    dv.errorStyle = "warning"  # warn, don't block: the reader copes with what people type
    return dv


def _bounds_text(col: Column) -> str:
    unit = " %" if col.type is ColumnType.PERCENT else ""
    if col.minimum is not None and col.maximum is not None:
        return f" von {col.minimum:g} bis {col.maximum:g}{unit}"
    if col.minimum is not None:
        return f" ab {col.minimum:g}{unit}"
    return ""


_VALIDATED = frozenset(
    {
        ColumnType.NUMBER,
        ColumnType.AMOUNT,
        ColumnType.PERCENT,
        ColumnType.DATE,
        ColumnType.CODE,
        ColumnType.CODE_LIST,
    }
)


def _add_validations(ws: Worksheet, cols: Sequence[Column], lists: _ListSheet, last: int) -> None:
    for idx, col in enumerate(cols, start=1):
        if not (col.vocabulary or col.type in _VALIDATED):
            continue
        dv = _validation(col, lists)
        letter = get_column_letter(idx)
        dv.add(f"{letter}2:{letter}{last}")
        ws.add_data_validation(dv)


# ---------------------------------------------------------------- stamp, properties


def stamp_values(
    kind: WorkbookKind,
    region: Region,
    municipality: Municipality | None,
    example: bool,
    template_version: str = TEMPLATE_VERSION,
) -> dict[str, str]:
    """The key/value rows of the hidden stamp sheet."""
    return {
        META_KIND: kind.name,
        META_TEMPLATE_VERSION: template_version,
        META_SCHEMA_VERSION: SCHEMA_VERSION,
        META_CODE: municipality.code if municipality else "",
        META_EXAMPLE: "ja" if example else "nein",
        META_REGION: region.name,
    }


def _write_stamp(
    wb: Workbook,
    kind: WorkbookKind,
    region: Region,
    municipality: Municipality | None,
    example: bool,
    template_version: str,
) -> None:
    ws = wb.create_sheet(META_SHEET)
    ws.sheet_state = "hidden"
    ws.append(["Schlüssel", "Wert"])
    for key, value in stamp_values(kind, region, municipality, example, template_version).items():
        ws.append([key, value])
        ws.cell(ws.max_row, 2).data_type = "s"  # "1.0" stays text
    ws.column_dimensions["A"].width = ws.column_dimensions["B"].width = 22


def _set_properties(
    wb: Workbook,
    kind: WorkbookKind,
    region: Region,
    municipality: Municipality | None,
    example: bool,
    template_version: str,
) -> None:
    props = wb.properties
    owner = municipality.official_name if municipality else region.name
    props.title = f"{kind.name} {owner}"
    props.subject = f"Kooperation {region.name}: Erhebung"
    props.creator = props.lastModifiedBy = f"parthe-reports (Vorlage {template_version})"
    props.keywords = ", ".join(
        [region.name, kind.name, f"Vorlage {template_version}"]
        + (["Beispieldaten"] if example else [])
    )
    props.description = EXAMPLE_NOTICE if example else kind.help
    props.created = props.modified = FIXED_TIMESTAMP
    for key, value in stamp_values(kind, region, municipality, example, template_version).items():
        wb.custom_doc_props.append(StringProperty(name=key, value=value or "-"))


# ---------------------------------------------------------------- filling by header


def _kind_of_sheet(sheet_name: str) -> Sheet | None:
    for kind in WORKBOOK_KINDS.values():
        for sheet in kind.sheets:
            if normalize(sheet.name) == normalize(sheet_name):
                return sheet
    return None


def fill_by_header(path: Path, sheet_name: str, rows: Sequence[Mapping[str, object]]) -> None:
    """Append ``rows`` (dicts keyed by German header text) to a template's table.

    Headers match with or without the " *" marker, case and spacing aside. The table
    (ListObject) and data validations are extended to cover the new rows.
    """
    wb = load_workbook(path)
    ws = wb[sheet_name]
    headers = {
        normalize(str(c.value)): i for i, c in enumerate(ws[1], start=1) if c.value is not None
    }
    schema_sheet = _kind_of_sheet(sheet_name)
    by_header = {normalize(c.header): c for c in schema_sheet.columns} if schema_sheet else {}
    table = next(iter(ws.tables.values()), None)
    first_free = _first_free_row(ws)
    for offset, record in enumerate(rows):
        r = first_free + offset
        for header, value in record.items():
            key = normalize(header)
            if key not in headers:
                raise KeyError(f"Spalte „{header}“ fehlt im Blatt „{sheet_name}“")
            col = by_header.get(key)
            cell = ws.cell(r, headers[key], _excel_value(col, value) if col else value)
            if col:
                _format_cell(cell, col)
    last = max(first_free + len(rows) - 1, 2)
    if table is not None:
        start, end = table.ref.split(":")
        end_col = "".join(ch for ch in end if ch.isalpha())
        table.ref = f"{start}:{end_col}{max(last, int(end.lstrip(end_col)))}"
        table.autoFilter.ref = table.ref
    for dv in ws.data_validations.dataValidation:
        for rng in list(dv.sqref.ranges):
            if rng.max_row < last:
                rng.expand(down=last - rng.max_row)
    _save(wb, path)


def _first_free_row(ws: Worksheet) -> int:
    """The row after the last row with any value (blank template → 2)."""
    for r in range(ws.max_row, 1, -1):
        if any(c.value not in (None, "") for c in ws[r]):
            return r + 1
    return 2
