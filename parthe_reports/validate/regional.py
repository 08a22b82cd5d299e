"""Rules of the Verbund-Workbook that relate two columns or two sheets (contract version 2).

* Bewertungen: the Abschnitt must be a key of its Dokument (``sections``); a key typed as the
  section's title or with umlauts is read as the key. A Kommunalprofil assessment needs
  the Kürzel of its municipality. Both are Fehler: the text could not be placed.
* Strukturbewertung: Option and Kriterium must exist in Strukturoptionen / Kriterien
  (Fehler); Kriterien › Gewicht should add up to 100 % (Warnung: the weighted totals are
  still computed, over the weights given).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from parthe_reports.dataset import PROVENANCE
from parthe_reports.errors import Finding
from parthe_reports.schema import ASSESSMENTS, CRITERIA, STRUCTURE_OPTIONS, STRUCTURE_SCORES
from parthe_reports.sections import PER_MUNICIPALITY, find_section, section_keys
from parthe_reports.validate.findings import make_finding
from parthe_reports.validate.model import ValidatedWorkbook

WEIGHT_TOLERANCE = 0.5  # percentage points


def check_regional_rules(book: ValidatedWorkbook) -> None:
    """All rules above, on one Verbund-Workbook (changed in place)."""
    _assessments(book)
    _structure_scores(book)
    _weights(book)


def _finding(
    book: ValidatedWorkbook,
    code: str,
    text: str,
    sheet_key: str,
    col_key: str,
    row: int,
    **kw: Any,
) -> Finding:
    return make_finding(
        code,
        text,
        book.name,
        sheet=book.sheet_names.get(sheet_key),
        row=row,
        cell=book.cell(sheet_key, col_key, row),
        **kw,
    )


def _assessments(book: ValidatedWorkbook) -> None:
    table = book.tables.get(ASSESSMENTS.key)
    if table is None or table.empty:
        return
    bad: set[int] = set()
    canonical: list[object] = []
    for doc, typed, code, r in zip(
        table["document"], table["section"], table["code"], table[PROVENANCE[2]], strict=True
    ):
        r = int(r)
        found = find_section(str(doc), str(typed))
        canonical.append(found.key if found else typed)
        if found is None:
            keys = ", ".join(section_keys(str(doc)))
            text = (
                f"Den Abschnitt „{typed}“ gibt es im Dokument „{doc}“ nicht; die Bewertung "
                f"wird nicht übernommen. Gültig sind: {keys}."
            )
            book.add(_finding(book, "unknown-section", text, ASSESSMENTS.key, "section", r,
                              column="Abschnitt", value=typed, expected=keys))  # fmt: skip
            bad.add(r)
        elif doc == PER_MUNICIPALITY and not code:
            text = (
                "Eine Bewertung für ein Kommunalprofil braucht das Kürzel der Kommune; sie "
                "wird nicht übernommen."
            )
            book.add(_finding(book, "assessment-without-code", text, ASSESSMENTS.key, "code", r,
                              column="Kürzel", expected="Kürzel einer Kommune"))  # fmt: skip
            bad.add(r)
    book.tables[ASSESSMENTS.key] = table.assign(section=pd.Series(canonical, dtype=object))
    book.reject_rows(ASSESSMENTS.key, bad)


def _structure_scores(book: ValidatedWorkbook) -> None:
    table = book.tables.get(STRUCTURE_SCORES.key)
    if table is None or table.empty:
        return
    known = {
        "option": _names(book, STRUCTURE_OPTIONS.key, "option"),
        "criterion": _names(book, CRITERIA.key, "criterion"),
    }
    sheets = {"option": STRUCTURE_OPTIONS.name, "criterion": CRITERIA.name}
    bad: set[int] = set()
    for col, code in (("option", "unknown-option"), ("criterion", "unknown-criterion")):
        header = STRUCTURE_SCORES.column(col).header
        for value, r in zip(table[col], table[PROVENANCE[2]], strict=True):
            if value and value.casefold() not in known[col]:
                text = (
                    f"{header} „{value}“ steht nicht im Blatt „{sheets[col]}“; die Punkte "
                    "werden nicht übernommen."
                )
                book.add(_finding(book, code, text, STRUCTURE_SCORES.key, col, int(r),
                                  column=header, value=value,
                                  expected=f"ein Eintrag aus „{sheets[col]}“"))  # fmt: skip
                bad.add(int(r))
    book.reject_rows(STRUCTURE_SCORES.key, bad)


def _names(book: ValidatedWorkbook, sheet_key: str, col: str) -> set[str]:
    table = book.all_rows(sheet_key)
    if table is None or table.empty:
        return set()
    return {str(v).casefold() for v in table[col] if v}


def _weights(book: ValidatedWorkbook) -> None:
    table = book.tables.get(CRITERIA.key)
    if table is None or table.empty:
        return
    total = float(pd.to_numeric(table["weight"], errors="coerce").fillna(0.0).sum())
    if abs(total - 100.0) > WEIGHT_TOLERANCE:
        shown = f"{total:g}".replace(".", ",")
        book.add(
            make_finding(
                "criteria-weights",
                f"Die Gewichte der Kriterien ergeben zusammen {shown} % statt 100 %; die "
                "Gesamtbewertung der Strukturoptionen wird mit diesen Gewichten gerechnet.",
                book.name,
                sheet=book.sheet_names.get(CRITERIA.key),
                column="Gewicht",
                value=total,
                expected="zusammen 100 %",
            )
        )
