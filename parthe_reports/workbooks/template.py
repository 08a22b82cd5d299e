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

from collections.abc import Mapping, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from parthe_reports.paths import REGIONAL_WORKBOOK
from parthe_reports.region import Municipality, Region
from parthe_reports.schema import (
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
    ColumnType,
    Sheet,
    WorkbookKind,
)
from parthe_reports.workbooks.cells import (
    FIXED_TIMESTAMP,
    FORMATS,
    excel_value,
    format_cell,
    save,
)
from parthe_reports.workbooks.dropdowns import (
    LISTS_SHEET,
    VALIDATED_ROWS,
    ListSheet,
    add_validations,
)
from parthe_reports.workbooks.fill import fill_by_header
from parthe_reports.workbooks.guide import EXAMPLE_NOTICE, landscape_fit_width, write_guide
from parthe_reports.xlsx_text import append

__all__ = [
    "FORMATS",
    "LISTS_SHEET",
    "VALIDATED_ROWS",
    "fill_by_header",
    "master_data_row",
    "stamp_values",
    "template_file_name",
    "write_templates",
    "write_workbook",
]

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
_HEADER_ALIGN = Alignment(wrap_text=True, vertical="center")
_TABLE_STYLE = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)

Rows = Mapping[str, Sequence[Mapping[str, object]]]
# sheet key → (0-based data row, column key) → comment text (pre-filled workbooks: findings)
Comments = Mapping[str, Mapping[tuple[int, str], str]]
_COMMENT_FILL = PatternFill("solid", fgColor="FFC7CE")  # the feedback copies' Fehler red


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
    stamp: Mapping[str, str] | None = None,
    comments: Comments | None = None,
) -> Path:
    """Write a Kommunal- or Verbund-Workbook: guide, one table per sheet, stamp, lists.

    ``rows`` maps sheet key → list of dicts keyed by column key; ``None`` gives a blank
    template (a municipal one with Stammdaten pre-filled from the region). ``stamp`` adds
    keys to the stamp (e.g. the run a workbook was pre-filled from); ``comments`` puts a
    red cell with a comment on data cells (rows as given in ``rows``).
    """
    if rows is None:
        rows = {"master_data": [master_data_row(municipality)]} if municipality else {}
    unknown = set(rows) - {s.key for s in kind.sheets}
    if unknown:  # a caller's typo would otherwise vanish silently
        raise KeyError(f"{kind.key} workbook has no sheets {sorted(unknown)}")
    wb = Workbook()
    guide = wb.active
    assert guide is not None
    guide.title = GUIDE_SHEET
    write_guide(guide, kind, region, municipality, example)
    lists = ListSheet(wb.create_sheet(LISTS_SHEET), region)
    for sheet in kind.sheets:
        ws = wb.create_sheet(sheet.name)
        _write_table(ws, sheet, rows.get(sheet.key, ()), lists)
        _comment(ws, sheet, (comments or {}).get(sheet.key, {}))
    values = stamp_values(kind, region, municipality, example, template_version) | dict(stamp or {})
    _write_stamp(wb, values)
    wb.move_sheet(LISTS_SHEET, offset=len(wb.sheetnames))
    _set_properties(wb, kind, region, municipality, example, values)
    save(wb, path)
    return path


def template_file_name(municipality: Municipality) -> str:
    """``<Kürzel>.xlsx``: Kürzel are capital letters, Ä/Ö/Ü spelled out for ASCII names."""
    code = municipality.code
    for umlaut, ascii_ in (("Ä", "AE"), ("Ö", "OE"), ("Ü", "UE")):
        code = code.replace(umlaut, ascii_)
    return f"{code}.xlsx"


def write_templates(region: Region, out_dir: Path) -> list[Path]:
    """Blank templates: one Kommunal-Workbook per municipality and ``verbund.xlsx`` (the name
    the example data and the inputs folder use, ``paths.REGIONAL_WORKBOOK``)."""
    paths = [
        write_workbook(out_dir / template_file_name(m), MUNICIPAL, region, m)
        for m in region.municipalities
    ]
    paths.append(write_workbook(out_dir / REGIONAL_WORKBOOK.name, REGIONAL, region))
    return paths


# ---------------------------------------------------------------- tables


def _write_table(
    ws: Worksheet, sheet: Sheet, data: Sequence[Mapping[str, object]], lists: ListSheet
) -> None:
    cols = sheet.columns
    append(ws, [c.label for c in cols])
    for idx, col in enumerate(cols, start=1):
        letter = get_column_letter(idx)
        cell = ws.cell(1, idx)
        cell.font, cell.fill, cell.alignment = _HEADER_FONT, _HEADER_FILL, _HEADER_ALIGN
        dim = ws.column_dimensions[letter]
        dim.width = col.width or max(12, len(col.label) + 4)
        dim.number_format = FORMATS[col.type]  # new rows typed by the clerk get the format
    ws.row_dimensions[1].height = 32
    ws.freeze_panes = "A2"
    landscape_fit_width(ws)
    keys = {c.key for c in cols}
    for record in data:
        if not keys.issuperset(record):
            raise KeyError(f"{sheet.key} has no columns {sorted(set(record) - keys)}")
        append(ws, [excel_value(col, record.get(col.key)) for col in cols])
    # Number formats only where a value needs one (per-cell styling is the slow part).
    for idx, col in enumerate(cols, start=1):
        if col.type in (ColumnType.TEXT, ColumnType.CHOICE, ColumnType.CODE_LIST):
            continue
        for (cell,) in ws.iter_rows(min_row=2, min_col=idx, max_col=idx):
            format_cell(cell, col)
    last_row = max(2, len(data) + 1)
    ref = f"A1:{get_column_letter(len(cols))}{last_row}"
    table = Table(displayName=sheet.table_name, ref=ref, tableStyleInfo=_TABLE_STYLE)
    ws.add_table(table)
    add_validations(ws, cols, lists, max(VALIDATED_ROWS, last_row))


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


def _comment(ws: Worksheet, sheet: Sheet, comments: Mapping[tuple[int, str], str]) -> None:
    index = {c.key: i for i, c in enumerate(sheet.columns, start=1)}
    for (row, key), text in comments.items():
        cell = ws.cell(row + 2, index[key])
        cell.comment = Comment(text, "Prüfung", width=320, height=120)
        cell.fill = _COMMENT_FILL


def _write_stamp(wb: Workbook, values: Mapping[str, str]) -> None:
    ws = wb.create_sheet(META_SHEET)
    ws.sheet_state = "hidden"
    ws.append(["Schlüssel", "Wert"])
    for key, value in values.items():
        append(ws, [key, value])  # "1.0" stays text
    ws.column_dimensions["A"].width = ws.column_dimensions["B"].width = 22


def _set_properties(
    wb: Workbook,
    kind: WorkbookKind,
    region: Region,
    municipality: Municipality | None,
    example: bool,
    stamp: Mapping[str, str],
) -> None:
    template_version = stamp[META_TEMPLATE_VERSION]
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
    for key, value in stamp.items():
        wb.custom_doc_props.append(StringProperty(name=key, value=value or "-"))


# ---------------------------------------------------------------- filling by header
