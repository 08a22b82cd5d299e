"""``parthe-reports report progress``: the Fortschrittsbericht for the latest completed run.

Calls the core directly rather than the Prefect flow: writing one report takes about a
second, starting Prefect's temporary server 11–14 s. The scheduled run goes through
``flows.progress_report`` (served by ``parthe-reports serve``).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer
from rich.console import Console

from parthe_reports.cli.app import app
from parthe_reports.cli.german import GermanTyper
from parthe_reports.cli.options import OutputsOption, stichtag_option
from parthe_reports.paths import OUTPUTS

report_app = GermanTyper(help="Berichte, die über einen Lauf hinausgehen.", no_args_is_help=True)
app.add_typer(report_app, name="report")


@report_app.command("progress")
def progress_command(
    outputs: OutputsOption = OUTPUTS,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="LAUF",
            help="Vergleichslauf (Ordnername). Standard: der Lauf des vorigen "
            "Fortschrittsberichts, sonst der vorige abgeschlossene Lauf.",
        ),
    ] = None,
    stichtag: Annotated[date | None, stichtag_option("der des Laufs")] = None,
) -> None:
    """Schreibt den Fortschrittsbericht der Lenkungsgruppe in den neuesten abgeschlossenen Lauf."""
    # Imported here: pandas, DuckDB and python-docx cost ≈ 1 s that other commands need not pay.
    from parthe_reports.german import money
    from parthe_reports.progress import ProgressError, write_progress_report
    from parthe_reports.progress.context import trend

    console = Console()
    try:
        result = write_progress_report(outputs, since=since, stichtag=stichtag)
    except ProgressError as exc:
        console.print(f"[bold red]Kein Fortschrittsbericht:[/] {exc}")
        raise typer.Exit(2) from exc
    d, f = result.diff, result.diff.figures
    console.print(
        f"Fortschrittsbericht geschrieben: [bold]{result.path}[/]\n"
        f"Lauf {result.run} verglichen mit Lauf {result.baseline}.",
        highlight=False,
    )
    if result.period is not None:
        p = result.period
        console.print(
            f"Erhebungsrunde {p.period} verglichen mit der vorigen Runde {p.previous} "
            f"(Lauf {p.run}).",
            highlight=False,
        )
    console.print(
        f"Bewilligte Fördermittel: {money(f.granted_after)} "
        f"({trend(f.granted_before, f.granted_after, money)}); "
        f"Maßnahmen begonnen: {len(d.measures_started)}, abgeschlossen: "
        f"{len(d.measures_finished)}; neu verspätete Meilensteine: {len(d.milestones_late)}; "
        f"Fristen in 90 Tagen: {f.deadlines_90}.",
        highlight=False,
    )
