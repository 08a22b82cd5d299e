"""The German texts of the notices: subject and body of each e-mail, and the Hinweise."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from parthe_reports.german import count, date_de
from parthe_reports.notices.model import FundingDeadline, Kind
from parthe_reports.region import Municipality, Region, ReportingPeriod

FOOTER = (
    "Diese Nachricht wurde automatisch von der Berichtspipeline des Verbunds erzeugt. "
    "Wenn Sie das Workbook inzwischen eingereicht haben, betrachten Sie sie bitte als "
    "gegenstandslos."
)
DIGEST_FOOTER = "Diese Übersicht wird wöchentlich aus den eingereichten Workbooks erzeugt."
# Each kind of notice as named in a Hinweis („… nicht versandt“).
NAMES = {
    Kind.REMINDER: "Erinnerung",
    Kind.OVERDUE: "Nachricht zum Fristablauf",
    Kind.DIGEST: "Wochenübersicht der Förderfristen",
}


def signature(region: Region) -> str:
    """The project office as it signs: [documents] author, else „Projektbüro <name>“."""
    return region.documents.author or f"Projektbüro {region.name}"


def when(days: int) -> str:
    """„heute“, „morgen“, „in 5 Tagen“."""
    return {0: "heute", 1: "morgen"}.get(days, f"in {count(days, 'Tag', 'Tagen')}")


def _contact(region: Region) -> str:
    if not region.office_email:
        return "beim Projektbüro"
    return f"beim Projektbüro ({region.office_email})"


def _letter(region: Region, *paragraphs: str, footer: str = FOOTER) -> str:
    return "\n\n".join(
        [
            "Guten Tag,",
            *paragraphs,
            f"Mit freundlichen Grüßen\n{signature(region)}",
            f"-- \n{footer}",
        ]
    )


def reminder(
    region: Region, m: Municipality, period: ReportingPeriod, day: date
) -> tuple[str, str]:
    """Subject and body of the reminder before the Abgabefrist."""
    days = (period.deadline - day).days
    subject = (
        f"Erinnerung: Workbook der {m.official_name} bis {date_de(period.deadline)} einreichen "
        f"(Erhebungsrunde {period.name})"
    )
    body = _letter(
        region,
        f"für die Erhebungsrunde {period.name} im Verbund {region.name} "
        f"(Stichtag {date_de(period.stichtag)}) liegt von der {m.official_name} noch kein "
        f"Workbook vor.",
        f"Bitte reichen Sie es bis zum {date_de(period.deadline)} ein – die Frist endet "
        f"{when(days)}. Bei Fragen erreichen Sie uns {_contact(region)}.",
    )
    return subject, body


def overdue(
    region: Region, m: Municipality, period: ReportingPeriod, copy_to_office: bool
) -> tuple[str, str]:
    """Subject and body of the notice after the Abgabefrist."""
    subject = (
        f"Abgabefrist verstrichen: Workbook der {m.official_name} fehlt "
        f"(Erhebungsrunde {period.name})"
    )
    copy = " Das Projektbüro erhält diese Nachricht in Kopie." if copy_to_office else ""
    body = _letter(
        region,
        f"die Abgabefrist der Erhebungsrunde {period.name} (Stichtag "
        f"{date_de(period.stichtag)}) ist am {date_de(period.deadline)} abgelaufen. Von der "
        f"{m.official_name} liegt bisher kein Workbook vor.{copy}",
        "Bitte reichen Sie es so bald wie möglich nach. Ohne Ihre Angaben fehlt die Kommune "
        "in den Auswertungen und Dokumenten dieser Runde. Wenn es Schwierigkeiten gibt, "
        f"melden Sie sich bitte {_contact(region)}.",
    )
    return subject, body


def _deadline_line(d: FundingDeadline) -> str:
    whose = f", {d.municipality}" if d.municipality else ""
    return (
        f"- {date_de(d.deadline)} ({when(d.days_left)}): {d.kind} „{d.label}“ "
        f"({d.reference}{whose})"
    )


def digest(region: Region, deadlines: Sequence[FundingDeadline], day: date) -> tuple[str, str]:
    """Subject and body of the weekly funding digest (the next 90 days from ``day``)."""
    year, week, _ = day.isocalendar()
    subject = f"Förderfristen der nächsten 90 Tage (Woche {week}/{year})"
    if not deadlines:
        lines = f"vom {date_de(day)} an enden in den nächsten 90 Tagen keine Förderfristen."
    else:
        rows = sorted(deadlines, key=lambda d: (d.deadline, d.kind, d.reference))
        lines = (
            f"vom {date_de(day)} an enden in den nächsten 90 Tagen "
            f"{count(len(rows), 'Frist', 'Fristen')} (Antragsfristen der Förderprogramme und "
            "Fristen für Verwendungsnachweise):\n\n" + "\n".join(_deadline_line(d) for d in rows)
        )
    return subject, _letter(region, lines, footer=DIGEST_FOOTER)


def no_address(m: Municipality, kind: Kind) -> str:
    """The Hinweis when a municipality has no e-mail address."""
    return (
        f"{NAMES[kind]} an die {m.official_name} nicht versandt: in region.toml ist keine "
        f"E-Mail-Adresse hinterlegt (email = „…“ bei {m.code})."
    )


def no_office(kind: Kind) -> str:
    """The Hinweis when the project office has no address."""
    return (
        f"{NAMES[kind]} nicht versandt: in region.toml ist keine Adresse des Projektbüros hinterlegt "
        "([kontakt] projektbuero = „…“)."
    )


def no_office_copy(m: Municipality) -> str:
    return (
        f"{NAMES[Kind.OVERDUE]} an die {m.official_name} ohne Kopie an das Projektbüro versandt: in "
        "region.toml ist keine Adresse des Projektbüros hinterlegt ([kontakt] projektbuero)."
    )
