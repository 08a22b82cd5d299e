"""Rules of the Prüfbericht (one workbook's findings) and the Fortschrittsbericht (a diff).

``ProgressDiff`` is imported for typing only: ``progress`` imports ``render``, which will
import ``narrative``; a runtime import here would close that circle.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from parthe_reports.errors import Severity
from parthe_reports.narrative.grammar import (
    approx_money,
    count,
    date_de,
    join_de,
    name_of,
    number,
    quoted,
    verb,
)
from parthe_reports.narrative.statement import Kind, Statement, table
from parthe_reports.region import Judgement, Region
from parthe_reports.validate.model import ValidatedWorkbook

if TYPE_CHECKING:
    from parthe_reports.progress.model import ProgressDiff

K, F, E = Kind.KEY, Kind.FINDING, Kind.RECOMMENDATION
SEVERITY_TABLE = table("Befunde nach Schwere")


def title(book: ValidatedWorkbook, region: Region) -> str:
    """„Prüfbericht Stadt Brandis“ (the Verbund-Workbook: „Prüfbericht Erhebungsbogen des Verbunds“)."""
    code = book.source.municipality
    if code and code in region.codes:
        return f"Prüfbericht {region.municipality(code).official_name}"
    return "Prüfbericht Erhebungsbogen des Verbunds" if not code else f"Prüfbericht {book.name}"


# ---- Prüfbericht: (book, region, j) ------------------------------------------------------


def check_result(book: ValidatedWorkbook, region: Region, j: Judgement) -> list[Statement]:
    """PB.RESULT: rejected, clean, or the counts per severity."""
    n = Counter(f.severity for f in book.findings)
    if book.rejected:
        text = "Der Erhebungsbogen konnte nicht verwendet werden; keine seiner Angaben ist in die Auswertungen eingegangen."
        state = "abgelehnt"
    elif not book.findings:
        text = "Der Erhebungsbogen wurde vollständig geprüft und ohne Befund übernommen."
        state = "fehlerfrei"
    else:
        found = [count(n[s], s.value) for s in Severity if n[s]]
        text = f"Die Prüfung ergab {join_de(found)}."
        state = "mit Befunden"
    figs = {s.value: n[s] for s in Severity}
    return [
        Statement(
            "PB.RESULT", K, text, "zusammenfassung", SEVERITY_TABLE, figs, (("workbook", state),)
        )
    ]


def rows_taken(book: ValidatedWorkbook, region: Region, j: Judgement) -> list[Statement]:
    """PB.ROWS: rows read and taken over; rows rejected because of Fehler."""
    read = sum(r.read for r in book.row_counts.values())
    if book.rejected or not read:
        return []
    accepted = sum(r.accepted for r in book.row_counts.values())
    rejected = read - accepted
    text = f"Übernommen {verb(accepted, 'wurde', 'wurden')} {number(accepted)} von {count(read, 'Zeile')}"
    text += (
        f"; {count(rejected, 'Zeile')} {verb(rejected, 'fehlt', 'fehlen')} wegen Fehlern in allen Auswertungen."
        if rejected
        else "."
    )
    return [
        Statement(
            "PB.ROWS",
            K,
            text,
            "zusammenfassung",
            "",
            {"read": read, "accepted": accepted, "rejected": rejected},
        )
    ]


def sheets(book: ValidatedWorkbook, region: Region, j: Judgement) -> list[Statement]:
    """PB.SHEETS: the sheet with the most findings and how many sheets have none."""
    names = list(book.sheet_names.values())
    if book.rejected or not names:
        return []
    per = Counter(f.sheet for f in book.findings if f.sheet)
    clean = [s for s in names if not per.get(s)]
    sheets_ = count(len(names), "Tabellenblatt", "Tabellenblättern")
    text = f"{number(len(clean))} von {sheets_} {verb(len(clean), 'ist', 'sind')} ohne Befund"
    if per:
        sheet, hits = per.most_common(1)[0]
        text += f"; die meisten Befunde betreffen {quoted(sheet)} ({number(hits)})"
    return [
        Statement(
            "PB.SHEETS",
            K,
            text + ".",
            "befunde",
            "",
            {"sheets": len(names), "clean": len(clean)},
        )
    ]


def fix_first(book: ValidatedWorkbook, region: Region, j: Judgement) -> list[Statement]:
    """PB.REC-FIX: with Fehler, fix those first (their rows are missing everywhere)."""
    errors = book.errors
    if not errors:
        return []
    codes = Counter(f.code for f in errors).most_common(1)[0]
    example = next(f for f in errors if f.code == codes[0])
    text = (
        f"Bitte zuerst {verb(len(errors), 'den Fehler', f'die {number(len(errors))} Fehler')} "
        "beheben und den Erhebungsbogen erneut einreichen; "
        f"am häufigsten: {example.message.rstrip('.')} ({number(codes[1])}×)."
    )
    return [Statement("PB.REC-FIX", E, text, "befunde", "", {"errors": len(errors)})]


# ---- Fortschrittsbericht: (diff, region, j) -----------------------------------------------

GROUPS = {
    "Maßnahmen": (
        "measures_new",
        "measures_removed",
        "measures_status",
        "measures_cost",
        "measures_period",
        "measures_renamed",
    ),
    "Förderanträgen": (
        "applications_new",
        "applications_removed",
        "applications_status",
        "applications_amounts",
    ),
    "Meilensteinen": ("milestones_late", "milestones_done", "milestones_moved"),
    "Veränderungsmanagement": ("change_done",),
    "SWOT-Aussagen": ("swot_added", "swot_removed"),
    "Verbundzielen": ("goals_added", "goals_removed", "goals_changed"),
}


def money_moved(d: ProgressDiff, region: Region, j: Judgement) -> list[Statement]:
    """FB.GRANTED: funds granted since the last report and the total now."""
    f = d.figures
    since = f"Seit dem letzten Bericht (Stichtag {date_de(d.old_stichtag)})"
    if f.newly_granted > 0:
        text = (
            f"{since} wurden {approx_money(f.newly_granted)} Fördermittel neu bewilligt; "
            f"insgesamt sind es jetzt {approx_money(f.granted_after)}."
        )
    else:
        text = f"{since} wurden keine Fördermittel neu bewilligt; insgesamt sind es {approx_money(f.granted_after)}."
    return [
        Statement(
            "FB.GRANTED",
            K,
            text,
            "antraege",
            "",
            {"newly_granted": f.newly_granted, "granted_after": f.granted_after},
        )
    ]


def measures_moved(d: ProgressDiff, region: Region, j: Judgement) -> list[Statement]:
    """FB.MEASURES: measures started, finished and new since the last report."""
    started, finished, new = len(d.measures_started), len(d.measures_finished), len(d.measures_new)
    if not (started or finished or new):
        return []
    parts = []
    if started:
        parts.append(f"{count(started, 'Maßnahme')} {verb(started, 'hat', 'haben')} begonnen")
    if finished:
        parts.append(f"{count(finished, 'Maßnahme')} {verb(finished, 'ist', 'sind')} abgeschlossen")
    if new:
        parts.append(f"{count(new, 'Maßnahme')} {verb(new, 'ist', 'sind')} neu im Katalog")
    text = f"Seit dem letzten Bericht: {join_de(parts)}."
    return [
        Statement(
            "FB.MEASURES",
            K,
            text,
            "massnahmen",
            "",
            {"started": started, "finished": finished, "new": new},
        )
    ]


def attention(d: ProgressDiff, region: Region, j: Judgement) -> list[Statement]:
    """FB.ATTENTION: what needs the steering group: newly late milestones, refused
    applications, deadlines within ``urgent_deadline_days``."""
    late, refused = d.milestones_late, d.applications_refused
    urgent = [x for x in d.deadlines if x.days_left <= j.urgent_deadline_days]
    parts = []
    if late:
        parts.append(
            f"{count(len(late), 'Meilenstein')} neu überfällig ({join_de(quoted(i.title) for i in late[:3])})"
        )
    if refused:
        parts.append(f"{count(len(refused), 'Antrag')} abgelehnt ({join_de(refused[:3])})")
    if urgent:
        parts.append(
            f"{count(len(urgent), 'Frist')} in den nächsten {number(j.urgent_deadline_days)} Tagen"
        )
    if not parts:
        return []
    text = f"Die Lenkungsgruppe sollte sich befassen mit: {join_de(parts)}."
    return [
        Statement(
            "FB.ATTENTION",
            K,
            text,
            "meilensteine",
            "",
            {"late": len(late), "refused": len(refused), "urgent": len(urgent)},
        )
    ]


def unchanged(d: ProgressDiff, region: Region, j: Judgement) -> list[Statement]:
    """FB.UNCHANGED: the areas without any change, collapsed into one line."""
    quiet = [g for g, keys in GROUPS.items() if not any(getattr(d, k) for k in keys)]
    if not quiet:
        return []
    text = (
        "Keine Änderungen bei " + join_de(quiet) + "."
        if len(quiet) < len(GROUPS)
        else "Seit dem letzten Bericht gibt es keine Änderungen."
    )
    return [
        Statement(
            "FB.UNCHANGED",
            K if len(quiet) == len(GROUPS) else F,
            text,
            "zusammenfassung",
            "",
            {"unchanged": tuple(quiet)},
        )
    ]


def deliveries(d: ProgressDiff, region: Region, j: Judgement) -> list[Statement]:
    """FB.DELIVERIES: municipalities whose data did not move on or has Fehler."""
    if not d.deliveries:
        return []
    text = (
        f"{count(len(d.deliveries), 'Kommune')} {verb(len(d.deliveries), 'hat', 'haben')} keinen aktuellen, fehlerfreien "
        f"Erhebungsbogen geliefert: {join_de(name_of(region, x.code) for x in d.deliveries)}."
    )
    return [
        Statement(
            "FB.DELIVERIES",
            F,
            text,
            "zusammenfassung",
            "",
            {"municipalities": len(d.deliveries)},
        )
    ]
