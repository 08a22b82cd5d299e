"""The Prüfbericht (one per workbook): its declaration and its context builder, which
lists the workbook's findings grouped by sheet, in German."""

from __future__ import annotations

from typing import Any

from parthe_reports import german as fmt
from parthe_reports import narrative
from parthe_reports.errors import Finding, Severity
from parthe_reports.narrative.rules_reports import title
from parthe_reports.region import Region
from parthe_reports.render.narration import narration_context
from parthe_reports.render.spec import (
    NONE,
    Col,
    DocSpec,
    Group,
    R,
    Section,
    Table,
    Text,
    with_summary,
)
from parthe_reports.validate.findings import PLAUSIBILITY_CODES
from parthe_reports.validate.model import ValidatedWorkbook

MEANING = {
    Severity.ERROR: "Zeile, Tabellenblatt oder Erhebungsbogen wurde nicht übernommen.",
    Severity.WARNING: "Übernommen; bitte prüfen und im Erhebungsbogen korrigieren.",
    Severity.NOTE: "Übernommen; so wurde der Eintrag verstanden.",
}
WHOLE_WORKBOOK = "Erhebungsbogen insgesamt"
# A clean workbook gets no annotated copy (the run writes copies only where there are findings).
NOTHING_TO_CORRECT = (
    "Es gibt nichts zu korrigieren; deshalb liegt diesem Bericht keine markierte Kopie des "
    "Erhebungsbogens bei."
)

PRUEFBERICHT = DocSpec(
    "Pruefbericht",
    "{{ report_title }}",
    "Prüfung der Eingabedaten",
    with_summary(
        Section(
            "Ergebnis der Prüfung",
            (
                Text("{{ summary }}"),
                Table(
                    "counts",
                    (
                        Col("Schwere", "severity", 3.5),
                        Col("Anzahl", "count", 2.0, R),
                        Col("Bedeutung", "meaning", 11.0),
                    ),
                    NONE,
                    "Befunde nach Schwere",
                ),
            ),
        ),
        Section(
            "Befunde je Tabellenblatt",
            (
                Group(
                    "sheets",
                    "g",
                    "{{ g.title }}",
                    (
                        Table(
                            "g.rows",
                            (
                                Col("Zelle", "cell", 1.7),
                                Col("Schwere", "severity", 1.8),
                                Col("Befund", "message", 7.0),
                                Col("gefunden", "value", 2.8),
                                Col("erwartet", "expected", 3.2),
                            ),
                            NONE,
                        ),
                    ),
                    "{{ no_findings_text }}",
                ),
            ),
            key="befunde",
        ),
        Section(
            "Plausibilität",
            (
                Text(
                    "Angaben, die für sich gültig sind, aber nicht zueinander oder zu den "
                    "Angaben des Verbunds passen. Sie wurden übernommen; bitte prüfen."
                ),
                Table(
                    "plausibility",
                    (
                        Col("Tabellenblatt", "sheet", 2.6),
                        Col("Zelle", "cell", 1.6),
                        Col("Befund", "message", 6.6),
                        Col("gefunden", "value", 2.6),
                        Col("erwartet", "expected", 3.1),
                    ),
                    "Keine Befunde: Die Angaben passen zueinander.",
                    "Plausibilitätsbefunde",
                ),
            ),
            key="plausibilitaet",
        ),
        new_page=False,
    ),
    document="Prüfbericht",
    toc=False,  # two or three pages: the summary follows the title page directly
)


def _place(f: Finding) -> str:
    if f.cell:
        return f.cell
    if f.row is not None:
        return f"Zeile {f.row}"
    return fmt.MISSING


def _sort_key(f: Finding) -> tuple[int, int, str]:
    return (f.row or 0, f.severity.rank, f.column or "")


def _row(f: Finding) -> dict[str, str]:
    return {
        "sheet": fmt.plain(f.sheet or WHOLE_WORKBOOK),
        "cell": _place(f),
        "severity": f.severity.value,
        "message": fmt.text(f.message),
        "value": fmt.text(f.value),
        "expected": fmt.text(f.expected),
    }


def pruefbericht_context(book: ValidatedWorkbook, region: Region) -> dict[str, Any]:
    """Everything the Pruefbericht template prints for one workbook: titled with the
    municipality's name; plausibility findings in their own section, the others by sheet."""
    findings = list(book.findings)
    counts = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
    order = list(book.sheet_names.values())
    plausible = [f for f in findings if f.code in PLAUSIBILITY_CODES]
    by_sheet: dict[str, list[Finding]] = {}
    for f in findings:
        if f.code not in PLAUSIBILITY_CODES:
            by_sheet.setdefault(f.sheet or WHOLE_WORKBOOK, []).append(f)
    names = sorted(
        by_sheet,
        key=lambda s: (s != WHOLE_WORKBOOK, order.index(s) if s in order else len(order), s),
    )
    name = book.source.workbook
    if not findings:
        summary = (
            f"Der Erhebungsbogen „{fmt.plain(name)}“ wurde vollständig geprüft. Es wurden keine "
            "Fehler, Warnungen oder Hinweise gefunden – vielen Dank für die sorgfältige Pflege. "
            f"{NOTHING_TO_CORRECT}"
        )
    elif book.rejected:
        summary = (
            f"Der Erhebungsbogen „{fmt.plain(name)}“ konnte nicht verwendet werden. Bitte beheben "
            "Sie die unten genannten Fehler und reichen Sie ihn erneut ein."
        )
    else:
        summary = (
            f"Im Erhebungsbogen „{fmt.plain(name)}“ wurden "
            f"{fmt.count(counts[Severity.ERROR], 'Fehler', 'Fehler')}, "
            f"{fmt.count(counts[Severity.WARNING], 'Warnung', 'Warnungen')} und "
            f"{fmt.count(counts[Severity.NOTE], 'Hinweis', 'Hinweise')} gefunden. "
            "Die Befunde sind unten nach "
            "Tabellenblatt geordnet, mit Zelle, gefundenem Wert und Erwartung. Dieselben "
            "Stellen sind in der kommentierten Kopie des Erhebungsbogens markiert."
        )
    return {
        "report_title": fmt.plain(title(book, region)),
        "workbook_name": fmt.plain(name),
        "summary": summary,
        "counts": [
            {"severity": s.value, "count": fmt.number(counts[s]), "meaning": MEANING[s]}
            for s in Severity
        ],
        "sheets": [
            {
                "title": fmt.plain(sheet),
                "rows": [_row(f) for f in sorted(by_sheet[sheet], key=_sort_key)],
            }
            for sheet in names
        ],
        "plausibility": [_row(f) for f in plausible],
        "no_findings_text": "Keine Befunde: Alle Tabellenblätter entsprechen der Vorlage.",
    } | narration_context(narrative.pruefbericht(book, region), None, "Prüfbericht")
