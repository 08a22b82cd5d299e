"""``parthe-reports erinnern``: hand-in reminders, deadline notices and the funding digest.

Calls the core directly, like ``report progress``: the scheduled run goes through
``flows.reminders`` (served by ``parthe-reports serve``). Both share the notices log, under
its lock, so a notice sent by one is never sent again by the other.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from parthe_reports.cli.app import app
from parthe_reports.cli.checks import region_or_exit, stop
from parthe_reports.cli.german import DATE, FOLDER
from parthe_reports.cli.options import DATE_FORMATS, InputsOption, RegionOption
from parthe_reports.german import date_de
from parthe_reports.paths import INPUTS, OUTPUTS, REGION_CONFIG

if TYPE_CHECKING:
    from parthe_reports.notices import Hint, Notice, Outcome, Plan
    from parthe_reports.region import Region

console = Console(highlight=False, soft_wrap=True)


def parse_day(text: str) -> date:
    """``--heute`` as typed (JJJJ-MM-TT or TT.MM.JJJJ); a typo ends the command in German."""
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    typer.echo(f"Datum nicht lesbar: „{text}“; bitte als {DATE} angeben.", err=True)
    raise typer.Exit(2)


@app.command("erinnern")
def remind(
    inputs: InputsOption = INPUTS,
    region: RegionOption = REGION_CONFIG,
    heute: Annotated[
        date | None,
        typer.Option(
            "--heute",
            metavar=DATE,
            parser=parse_day,
            help=f"Als welcher Tag gerechnet wird, als {DATE} (Standard: heute).",
        ),
    ] = None,
    probelauf: Annotated[
        bool,
        typer.Option(
            "--probelauf", help="Nur zeigen, was fällig ist: nichts senden, nichts vermerken."
        ),
    ] = False,
    ablage: Annotated[
        Path | None,
        typer.Option(
            "--ablage",
            metavar=FOLDER,
            file_okay=False,
            help="Ordner des Versandprotokolls (Standard: „ablage“ aus region.toml, sonst "
            "Prefects Ordner .prefect/benachrichtigungen).",
        ),
    ] = None,
) -> None:
    """Erinnerungen vor der Abgabefrist, Nachrichten nach Fristablauf (Projektbüro in Kopie)
    und die wöchentliche Übersicht der Förderfristen versenden – jede nur einmal."""
    # Imported here: reading the workbooks needs pandas and the pipeline (≈ 1 s).
    from flows.settings import prefect_home
    from parthe_reports import notices
    from parthe_reports.notices.sources import read_facts

    reg = region_or_exit(region)
    try:
        settings = notices.load_notice_settings(region)
        if settings.smtp and not probelauf:
            notices.SmtpMailer(settings.smtp)  # the password is there (before reading anything)
    except ValueError as exc:  # MailConfigError too
        raise stop(f"Fehler: {exc}") from exc
    day = heute or date.today()
    facts = read_facts(inputs, OUTPUTS, reg, region, day)
    plan = notices.due_notices(reg, day, facts.submissions, facts.funding, settings)
    folder = ablage or settings.state_folder(prefect_home() / notices.STATE_FOLDER)
    _print_state(reg, plan, day)
    if probelauf:
        _print_preview(*notices.preview(plan, folder))
        return
    outcome = notices.deliver(plan, folder, settings, reg, datetime.now().astimezone())
    _print_outcome(outcome, folder, settings.smtp is not None)
    if any(e.status == "failed" for e in outcome.entries):
        raise typer.Exit(1)


def _print_state(reg: Region, plan: Plan, day: date) -> None:
    from parthe_reports.notices.due import period_in_hand_in

    period = period_in_hand_in(reg, day)
    if period is None:
        console.print(f"Am {date_de(day)} läuft keine Erhebungsrunde (region.toml › [[perioden]]).")
        return
    done = [c for c, ok in plan.submitted.items() if ok]
    missing = [c for c, ok in plan.submitted.items() if not ok]
    console.print(
        f"Erhebungsrunde {period.name}, Abgabefrist {date_de(period.deadline)}: "
        f"eingereicht {', '.join(done) or '–'}; es fehlen {', '.join(missing) or '–'}."
    )


def _print_preview(pending: list[Notice], hints: list[Hint]) -> None:
    if not pending and not hints:
        console.print("Probelauf: heute ist nichts Neues fällig.")
        return
    console.print(f"Probelauf: {len(pending)} Nachricht(en) wären fällig; nichts wird gesendet.")
    for n in pending:
        copy = f"\nKopie: {', '.join(n.cc)}" if n.cc else ""
        console.rule(n.kind.value)
        console.print(
            f"An: {', '.join(n.to)}{copy}\nBetreff: {n.subject}\n\n{n.body}", markup=False
        )
    for h in hints:
        console.print(f"Hinweis: {h.finding}", markup=False)


def _print_outcome(outcome: Outcome, folder: Path, smtp: bool) -> None:
    from parthe_reports.notices import STATUS_DE
    from parthe_reports.notices.log import LOG_FILE

    if not outcome.entries:
        console.print("Heute ist nichts Neues fällig.")
    for e in outcome.entries:
        label = e.body if e.kind == "Hinweis" else f"{e.kind} an {', '.join(e.to)}: {e.subject}"
        console.print(f"- {STATUS_DE.get(e.status, e.status)}: {label}", markup=False)
        if e.error:
            console.print(f"  ({e.error})", markup=False)
    if not smtp and outcome.entries:
        console.print(
            "Ohne [smtp] in region.toml wird nichts gemailt; die Nachrichten stehen im Protokoll."
        )
    console.print(
        f"Bereits erledigt: {outcome.already_done}. Protokoll: {folder / LOG_FILE}",
        markup=False,
    )
