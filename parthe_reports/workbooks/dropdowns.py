"""Data validations of the templates: dropdowns, number/date checks, input messages.

Dropdown values live on the hidden sheet ``_Listen`` (one column per list) and are
referenced by range, which avoids Excel's 255-character limit of inline lists.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from parthe_reports.region import Region
from parthe_reports.schema import ALL_CODES, Column, ColumnType, vocabulary_values
from parthe_reports.xlsx_text import put

LISTS_SHEET = "_Listen"  # hidden sheet holding the dropdown lists
VALIDATED_ROWS = 1000  # data validations cover rows 2..VALIDATED_ROWS (or more if filled)
_DATE_MIN, _DATE_MAX = 36526, 73415  # Excel serials of 01.01.2000 and 31.12.2100


class ListSheet:
    """Dropdown values on a hidden sheet, one column per list, referenced by range."""

    def __init__(self, ws: Worksheet, region: Region) -> None:
        self.ws, self.region = ws, region
        ws.sheet_state = "hidden"
        self.refs: dict[str, tuple[str, int]] = {}

    def ref(self, name: str, values: Sequence[str]) -> tuple[str, int]:
        """Formula of the range holding ``values`` (added once per name) and their count."""
        if name not in self.refs:
            col = len(self.refs) + 1
            put(self.ws, 1, col, name)
            for r, v in enumerate(values, start=2):
                put(self.ws, r, col, v)
            letter = get_column_letter(col)
            rng = f"{quote_sheetname(LISTS_SHEET)}!${letter}$2:${letter}${len(values) + 1}"
            self.refs[name] = (rng, len(values))
        return self.refs[name]


def _number(value: float) -> str:
    """A plain decimal literal for a validation formula (never "1e+12")."""
    return f"{value:.6f}".rstrip("0").rstrip(".")


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _validation(col: Column, lists: ListSheet) -> DataValidation:
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
            formula1=_number(low),
            formula2=_number(high),
        )
        what = "eine ganze Zahl" if col.integer else "eine Zahl"
        bounds = _bounds_text(col)
        dv.error = f"Bitte {what}{bounds} eingeben."
        dv.prompt = _clip(
            f"{col.help} {what[0].upper()}{what[1:]}{bounds}.", 255
        )  # not capitalize(): it lowers „Zahl“
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


def add_validations(ws: Worksheet, cols: Sequence[Column], lists: ListSheet, last: int) -> None:
    """Add each column's validation (if any) for rows 2..``last``."""
    for idx, col in enumerate(cols, start=1):
        if not (col.vocabulary or col.type in _VALIDATED):
            continue
        dv = _validation(col, lists)
        letter = get_column_letter(idx)
        dv.add(f"{letter}2:{letter}{last}")
        ws.add_data_validation(dv)
