"""The contract's version history: what changed between template versions, in one place.

Every workbook carries its template version in its stamp (``schema.META_TEMPLATE_VERSION``).
The reader accepts any version listed here (an older one with exactly one Hinweis naming
what the clerk should add), refuses a newer one, and ``workbooks.upgrade`` turns an older
workbook into the current template.

How a change to the contract is made (also in docs/architecture.md, „Data contract“):

1. Add a ``ContractVersion`` at the end of ``HISTORY`` (it becomes the current version).
2. In ``schema.py``, a new sheet or column gets ``since="<that version>"``; a renamed
   sheet, column or vocabulary value, or a removed one, is declared here in the new
   entry (the schema itself only knows the new names).
3. Generate the new version's example workbooks and commit them as
   ``tests/fixtures/contract_v<N>/`` (one fixture per version; the older ones stay).

Additions are declared on the schema (``since``) rather than repeated here, so a column
is written down once; ``added_sheets``/``added_columns`` below read them from the schema.
Pure data and small functions; imports nothing of the project at run time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from parthe_reports.german import join_de

if TYPE_CHECKING:  # the schema imports this module, not the other way round
    from parthe_reports.schema import Sheet, WorkbookKind


@dataclass(frozen=True)
class ContractVersion:
    """One template version and what it changed against the version before it."""

    version: str
    date: str  # ISO date the version was introduced
    summary: str  # for developers (English)
    # (old sheet name, sheet key): a sheet that is now called differently
    renamed_sheets: tuple[tuple[str, str], ...] = ()
    # (sheet key, old header, column key): a column whose header changed
    renamed_columns: tuple[tuple[str, str, str], ...] = ()
    # old sheet names / (sheet key, old header) the contract dropped: read silently, ignored
    removed_sheets: tuple[str, ...] = ()
    removed_columns: tuple[tuple[str, str], ...] = ()
    # (vocabulary name, old value, new value): a dropdown value spelled differently now
    renamed_values: tuple[tuple[str, str, str], ...] = ()
    # (vocabulary name, value): dropdown values a workbook of the previous version lacks
    added_values: tuple[tuple[str, str], ...] = ()


HISTORY: tuple[ContractVersion, ...] = (
    ContractVersion(
        "0.9",
        "2026-11-30",
        "Pre-release templates of the foundation; the same sheets and columns as 1.0.",
    ),
    ContractVersion(
        "1.0",
        "2026-11-30",
        "First contract: Kommunal-Workbook (Stammdaten … Förderanträge) and Verbund-Workbook "
        "(Leitbild … Zeitplan).",
    ),
    ContractVersion(
        "2.0",
        "2026-12-01",
        "Contract version 2 (spec workbooks.md): Maßnahmen › Indikator, Nächster Schritt; "
        "Förderanträge › Art; Verbund: Bewertungen, Kriterien, Strukturbewertung (sheets), "
        "Werkstätten › Tagesordnungspunkt, Methode; Verbundziele › Kennzahl, Richtung; "
        "Kommunikation › Botschaft, Kanal, Rhythmus, Budget; Förderprogramme › Höchstbetrag, "
        "Status; Zeitplan › Bezug; Rechtsform also Verein / GmbH.",
        added_values=(("legal_form", "Verein"), ("legal_form", "GmbH")),
    ),
)


def version_key(version: str) -> tuple[int, ...]:
    """ "1.0" → (1, 0), for comparing template versions; unparsable → (0,)."""
    try:
        return tuple(int(p) for p in version.split("."))
    except ValueError:
        return (0,)


def current() -> str:
    """The version the code writes (the last entry of ``HISTORY``)."""
    return HISTORY[-1].version


def supported() -> tuple[str, ...]:
    """Every version the reader accepts."""
    return tuple(v.version for v in HISTORY)


def is_known(version: str | None) -> bool:
    return version in supported()


def is_newer_than_code(version: str | None) -> bool:
    """A version the code does not know yet: a workbook from a newer parthe-reports."""
    if not version or is_known(version) or version_key(version) == (0,):
        return False
    return version_key(version) > version_key(current())


def after(version: str) -> tuple[ContractVersion, ...]:
    """The versions that came after ``version`` (what an older workbook lacks)."""
    return tuple(v for v in HISTORY if version_key(v.version) > version_key(version))


def _since_later(since: str, version: str) -> bool:
    return version_key(since) > version_key(version)


def added_sheets(kind: WorkbookKind, version: str) -> list[Sheet]:
    """Sheets of ``kind`` that a workbook of ``version`` does not have yet."""
    return [s for s in kind.sheets if _since_later(s.since, version)]


def added_columns(kind: WorkbookKind, version: str) -> dict[str, list[str]]:
    """Sheet name → headers of columns added to existing sheets after ``version``."""
    out: dict[str, list[str]] = {}
    for sheet in kind.sheets:
        if _since_later(sheet.since, version):
            continue  # the whole sheet is new
        new = [c.header for c in sheet.columns if _since_later(c.since, version)]
        if new:
            out[sheet.name] = new
    return out


def old_sheet_names(sheet_key: str) -> tuple[str, ...]:
    """Names a sheet had in earlier versions (read as that sheet)."""
    return tuple(old for v in HISTORY for old, key in v.renamed_sheets if key == sheet_key)


def old_headers(sheet_key: str, column_key: str) -> tuple[str, ...]:
    """Headers a column had in earlier versions (read as that column)."""
    return tuple(
        old
        for v in HISTORY
        for s, old, key in v.renamed_columns
        if (s, key) == (sheet_key, column_key)
    )


def removed_headers(sheet_key: str) -> tuple[str, ...]:
    """Headers of columns the contract dropped (never reported as extra columns)."""
    return tuple(old for v in HISTORY for s, old in v.removed_columns if s == sheet_key)


def removed_sheets() -> tuple[str, ...]:
    return tuple(name for v in HISTORY for name in v.removed_sheets)


def value_renames(vocabulary: str, version: str | None) -> dict[str, str]:
    """Old → new dropdown values for a workbook of ``version`` (applied in history order)."""
    if version is None:
        return {}
    table: dict[str, str] = {}
    for v in after(version):
        for vocab, old, new in v.renamed_values:
            if vocab == vocabulary:
                table = {k: (new if t == old else t) for k, t in table.items()}
                table[old] = new
    return table


def clerk_additions(kind: WorkbookKind, version: str) -> str:
    """German: what a workbook of ``version`` lacks against the current template."""
    parts: list[str] = []
    sheets = added_sheets(kind, version)
    if sheets:
        noun = "die Blätter" if len(sheets) > 1 else "das Blatt"
        parts.append(f"{noun} {_quoted(s.name for s in sheets)}")
    for sheet, headers in added_columns(kind, version).items():
        noun = "die Spalten" if len(headers) > 1 else "die Spalte"
        parts.append(f"im Blatt „{sheet}“ {noun} {_quoted(headers)}")
    renamed = [
        f"„{old}“ heißt jetzt „{new}“" for v in after(version) for _, old, new in v.renamed_values
    ]
    text = "; ".join(parts) if parts else "keine neuen Blätter oder Spalten"
    return text + (f" ({'; '.join(renamed)})" if renamed else "")


def _quoted(names: Iterable[str]) -> str:
    return join_de(f"„{n}“" for n in names)
