"""Short row references („BOR·M·7“) and their legend in „Methodik und Datengrundlage“.

A table row names where it came from in a narrow column „Ref.“: the workbook's label
(the municipality's Kürzel, „VB“ for the Verbund-Erhebungsbogen), the sheet's
abbreviation and the Excel row. The appendix resolves both: the sources table gives the
workbook per label, the legend the sheet per abbreviation, so every row still traces to
workbook › sheet › row.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from parthe_reports import german as fmt
from parthe_reports.schema import WORKBOOK_KINDS

SEP = "·"  # U+00B7: no line break opportunity, so a reference never wraps
VERBUND = "VB"  # the label of the Verbund-Erhebungsbogen (no Kürzel)

# Sheet name (as in ``source_sheet``) → abbreviation; one or two letters, unique
# (tests/test_render_refs.py checks every schema sheet has one).
SHEET_ABBREVIATIONS: dict[str, str] = {
    "Stammdaten": "S",
    "Verwaltung": "V",
    "Infrastruktur": "I",
    "Dokumente": "D",
    "SWOT": "SW",
    "Prioritäten": "P",
    "Maßnahmen": "M",
    "Förderanträge": "FA",
    "Werkstätten": "W",
    "Rahmenbedingungen": "R",
    "Teilstrategien": "T",
    "Leitbild": "L",
    "Verbundziele": "Z",
    "Kommunikation": "K",
    "Förderprogramme": "FP",
    "Strukturoptionen": "SO",
    "Kriterien": "KR",
    "Strukturbewertung": "SB",
    "Zeitplan": "ZP",
    "Veränderungsmanagement": "VM",
    "Bewertungen": "B",
}


def book_labels(books: Iterable[tuple[str, str | None]]) -> dict[str, str]:
    """Workbook file → its label: the Kürzel, „VB“ for the Verbund; „BOR-2“ … when two
    workbooks share one (numbered in file-name order, the first keeps the bare Kürzel)."""
    by_label: dict[str, list[str]] = {}
    for book, code in books:
        label = fmt.plain(code) if code and not fmt.is_missing(code) else VERBUND
        by_label.setdefault(label, []).append(book)
    out: dict[str, str] = {}
    for label, files in by_label.items():
        for i, book in enumerate(sorted(set(files), key=fmt.sort_key)):
            out[book] = label if i == 0 else f"{label}-{i + 1}"
    return out


def short_ref(row: Mapping[str, Any], labels: Mapping[str, str]) -> str:
    """``BOR·M·7`` for a row of BOR's workbook, sheet Maßnahmen, Excel row 7.

    A workbook without a label (not among the run's sources) shows its file stem, a sheet
    without an abbreviation its name: still traceable, only longer."""
    book, sheet, line = (row.get(k) for k in ("source_workbook", "source_sheet", "source_row"))
    if any(fmt.is_missing(v) for v in (book, sheet, line)):
        return fmt.MISSING
    name = fmt.text(book)
    label = labels.get(name) or name.rsplit(".", 1)[0]
    abbr = SHEET_ABBREVIATIONS.get(fmt.text(sheet), fmt.text(sheet))
    return SEP.join((label, abbr, fmt.number(line)))


_KIND_NAMES = {"municipal": "Erhebungsbogen der Kommune", "regional": "Verbund-Erhebungsbogen"}


def parse_long_ref(text: str) -> dict[str, Any]:
    """The provenance of ``BOR.xlsx › SWOT › 8`` (as consolidation joins it for merged rows)."""
    parts = str(text).rsplit(" › ", 2)
    if len(parts) != 3 or not parts[2].isdigit():
        return {"source_workbook": None}
    return {"source_workbook": parts[0], "source_sheet": parts[1], "source_row": int(parts[2])}


def sheet_legend() -> str:
    """„Erhebungsbogen der Kommune: S = Stammdaten, …; Verbund-Erhebungsbogen: …“."""
    parts = []
    for kind in WORKBOOK_KINDS.values():
        pairs = ", ".join(
            f"{SHEET_ABBREVIATIONS[s.name]}{fmt.NBSP}={fmt.NBSP}{s.name}" for s in kind.sheets
        )
        parts.append(f"{_KIND_NAMES.get(kind.key, kind.name)}: {pairs}")
    return "; ".join(parts)
