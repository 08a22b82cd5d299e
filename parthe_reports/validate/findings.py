"""Finding codes: the stable slugs, their severity and German message, in one place.

Fehler rejects what it names (cell → its row; missing sheet/column → the sheet; file-level
codes → the workbook); Warnung and Hinweis keep the data.

==========================  ========  ==========================================================
code                        severity  meaning
==========================  ========  ==========================================================
not-a-workbook              Fehler    not a spreadsheet (renamed PDF, CSV, damaged zip)
legacy-xls                  Fehler    old binary .xls
xlsb                        Fehler    Excel binary workbook .xlsb (remedy: save as .xlsx)
encrypted                   Fehler    password-protected workbook
zip-bomb                    Fehler    a part inflates beyond the limit at a ratio over 200 : 1
unsafe-xml                  Fehler    DOCTYPE / entity declaration in an XML part
too-large                   Fehler    file, part, sheet (rows, columns, cells) or workbook beyond
                                      the limits (limits.ReadLimits, region.toml › [inputs])
unreadable                  Fehler    the file system refused the file
empty-workbook              Fehler    no sheet of either workbook kind, no stamp
no-stamp                    Warnung   hidden sheet ``_Vorlage`` missing: kind guessed from sheets
old-template-version        Hinweis   filled on an older, still supported template: the one
                                      Hinweis names the version and what the clerk should add
newer-template-version      Fehler    template version newer than the code (workbook refused)
unknown-template-version    Warnung   template version not known; read as far as possible
only-headers                Warnung   recognised workbook, but no data row in any sheet
unknown-municipality        Fehler    Kürzel missing or not in the region (workbook rejected)
code-mismatch               Warnung   Stammdaten › Kürzel differs from the stamp
duplicate-municipality      Fehler    two Kommunal-Workbooks for one Kürzel (both rejected)
duplicate-regional          Fehler    two Verbund-Workbooks (both rejected)
missing-sheet               Fehler    sheet not found (closest name suggested)
renamed-sheet               Hinweis   sheet found under another spelling (e.g. „Massnahmen“)
extra-sheet                 Hinweis   visible sheet the template does not have (ignored)
missing-header              Fehler    no header row found in the first rows of a sheet
missing-column              Fehler    required column missing: every row of the sheet rejected
missing-optional-column     Hinweis   optional column missing: read as empty
extra-column                Hinweis   column the template does not have: kept aside
merged-cells                Warnung   merged range in the table (value applied downwards)
formula-without-value       Fehler    formula never calculated (no cached value)
formula-error               Fehler    #DIV/0!, #REF!, … in a cell
not-a-number                Fehler    number expected
not-a-date                  Fehler    date expected
not-a-period                Fehler    Zeitraum expected
not-an-integer              Fehler    whole number expected
unknown-value               Fehler    not in the vocabulary (closest value suggested)
unknown-code                Fehler    Kürzel not in the region
missing-required            Fehler    required value empty
out-of-range                Fehler    below minimum / above maximum
duplicate-id                Fehler    ID repeated within a sheet (later rows rejected)
too-many-rows               Fehler    a one-row sheet (Stammdaten) with more rows
sheet-too-large             Fehler    more data rows than region.max_sheet_rows: the sheet is refused
conflicting-duplicate       Fehler    Maßnahmen-Nr. twice with different content (both places)
identical-duplicate         Hinweis   Maßnahmen-Nr. twice with the same content: merged
unknown-goal                Fehler    Verbundziel-Nr. not in Verbund-Workbook › Verbundziele
unknown-programme           Fehler    Förderprogramm-Nr. not in Verbund-Workbook › Förderprogramme
unknown-measure             Fehler    Förderantrag names a Maßnahmen-Nr. nobody defined
no-regional-workbook        Warnung   no Verbund-Workbook: goal/programme references unchecked
granted-exceeds-requested   Warnung   bewilligt > beantragt
end-before-start            Warnung   Ende before Beginn
approximate-number          Hinweis   „ca. 5.000“ read as 5000
percent-fraction            Hinweis   „0,8“ in a Prozent column read as 80 %
date-from-number            Hinweis   a serial number in a date column read as a date
period-from-date            Hinweis   a date in a Zeitraum column read as its month
synonym                     Hinweis   „Stärken“ read as „Stärke“
control-characters          Hinweis   control characters / tabs removed from text
unknown-section             Fehler    Bewertungen › Abschnitt not a key of its Dokument (keys listed)
assessment-without-code     Fehler    a Kommunalprofil assessment without Kürzel
unknown-option              Fehler    Strukturbewertung › Option not in Strukturoptionen
unknown-criterion           Fehler    Strukturbewertung › Kriterium not in Kriterien
criteria-weights            Warnung   Kriterien › Gewicht does not add up to 100 %
workbook-open               Warnung   inputs folder: an Excel/LibreOffice lock file (``discover``)
csv-export                  Warnung   inputs folder: a CSV export (not read)
not-a-workbook-file         Hinweis   inputs folder: a PDF, .docx, .zip … (not read)
system-file                 Hinweis   inputs folder: lock file, Thumbs.db, desktop.ini … (not read)
ignored-folder              Hinweis   inputs folder: a sub-folder of old versions („alt“, „Archiv“)
hidden-file                 Hinweis   inputs folder: a workbook whose name starts with a dot
link-outside                Warnung   inputs folder: a symbolic link leading out of it (not followed)
missing-workbook            Warnung   a municipality of the region without a workbook
==========================  ========  ==========================================================

Plausibility codes (``plausibility``; all Warnung except the Hinweis on text):
measure-behind-funding, measure-done-funding-open, cost-below-funding,
proof-before-decision, decision-before-submission, date-after-stichtag,
above-programme-rate, above-programme-maximum, programme-deadline-passed,
application-after-deadline, target-unreachable, target-against-direction,
milestone-contradicts-reference, unknown-milestone-reference, overdue, duplicate-entry;
municipality-count-in-text (Hinweis).
"""

from __future__ import annotations

from typing import Any

from openpyxl.utils import get_column_letter

from parthe_reports.errors import Finding, Severity

E, W, N = Severity.ERROR, Severity.WARNING, Severity.NOTE

PLAUSIBILITY_WARNINGS = (
    "measure-behind-funding",
    "measure-done-funding-open",
    "cost-below-funding",
    "proof-before-decision",
    "decision-before-submission",
    "date-after-stichtag",
    "above-programme-rate",
    "above-programme-maximum",
    "programme-deadline-passed",
    "application-after-deadline",
    "target-unreachable",
    "target-against-direction",
    "milestone-contradicts-reference",
    "unknown-milestone-reference",
    "overdue",
    "duplicate-entry",
)
# Every plausibility code, for counting them apart (run summary, Prüfbericht section).
PLAUSIBILITY_CODES = (*PLAUSIBILITY_WARNINGS, "municipality-count-in-text")

SEVERITY: dict[str, Severity] = {
    **dict.fromkeys(
        [
            "not-a-workbook",
            "legacy-xls",
            "xlsb",
            "encrypted",
            "zip-bomb",
            "unsafe-xml",
            "too-large",
            "unreadable",
            "empty-workbook",
            "newer-template-version",
            "unknown-municipality",
            "duplicate-municipality",
            "duplicate-regional",
            "missing-sheet",
            "missing-header",
            "missing-column",
            "formula-without-value",
            "formula-error",
            "not-a-number",
            "not-a-date",
            "not-a-period",
            "not-an-integer",
            "unknown-value",
            "unknown-code",
            "missing-required",
            "out-of-range",
            "duplicate-id",
            "too-many-rows",
            "sheet-too-large",
            "conflicting-duplicate",
            "unknown-goal",
            "unknown-programme",
            "unknown-measure",
            "unknown-section",
            "assessment-without-code",
            "unknown-option",
            "unknown-criterion",
        ],
        E,
    ),
    **dict.fromkeys(
        [
            "no-stamp",
            "unknown-template-version",
            "only-headers",
            "code-mismatch",
            "merged-cells",
            "no-regional-workbook",
            "granted-exceeds-requested",
            "end-before-start",
            "criteria-weights",
            "missing-workbook",
            "workbook-open",
            "csv-export",
            "link-outside",
            *PLAUSIBILITY_WARNINGS,
        ],
        W,
    ),
    **dict.fromkeys(
        [
            "old-template-version",
            "renamed-sheet",
            "extra-sheet",
            "missing-optional-column",
            "extra-column",
            "identical-duplicate",
            "approximate-number",
            "percent-fraction",
            "date-from-number",
            "period-from-date",
            "synonym",
            "control-characters",
            "not-a-workbook-file",
            "system-file",
            "hidden-file",
            "ignored-folder",
            "municipality-count-in-text",
        ],
        N,
    ),
}

# Cell-level messages; {value} is the cell as found, {expected} what the column wants.
CELL_MESSAGES: dict[str, str] = {
    "not-a-number": "„{value}“ ist keine Zahl",
    "not-a-date": "„{value}“ ist kein Datum",
    "not-a-period": "„{value}“ ist kein Zeitraum",
    "not-an-integer": "{value} ist keine ganze Zahl",
    "unknown-value": "„{value}“ ist kein zulässiger Wert",
    "unknown-code": "„{value}“ ist kein Kürzel einer Kommune der Region",
    "missing-required": "Pflichtfeld „{column}“ ist leer",
    "out-of-range": "{value} liegt außerhalb des zulässigen Bereichs",
    "formula-without-value": "Die Formel {value} hat keinen berechneten Wert (Datei wurde nie in "
    "Excel geöffnet und gespeichert)",
    "formula-error": "Die Zelle enthält den Formelfehler {value}",
    "approximate-number": "„{value}“ wurde als ungefährer Wert {read} gelesen",
    "percent-fraction": "„{value}“ wurde als {read} % gelesen",
    "date-from-number": "Die Zahl {value} wurde als Datum {read} gelesen",
    "period-from-date": "Das Datum {value} wurde als Zeitraum {read} gelesen",
    "synonym": "„{value}“ wurde als „{read}“ gelesen",
    "control-characters": "Steuerzeichen wurden aus dem Text entfernt",
}


def severity(code: str) -> Severity:
    """Severity of a code (unknown codes count as Fehler: fail safe)."""
    return SEVERITY.get(code, E)


def cell_ref(row0: int, col0: int) -> str:
    """A1 reference from 0-based indices."""
    return f"{get_column_letter(col0 + 1)}{row0 + 1}"


def make_finding(code: str, message: str, workbook: str, **where: Any) -> Finding:
    """A Finding with the severity its code has."""
    return Finding(code, severity(code), message, workbook, **where)
