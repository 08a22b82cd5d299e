"""``parthe-reports validate``: check the input workbooks, print findings, write JSON/feedback."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from parthe_reports.cli.app import app
from parthe_reports.cli.checks import region_or_exit, workbooks_or_exit
from parthe_reports.cli.german import FILE, FOLDER
from parthe_reports.cli.options import InputsRegionOption, region_for, stichtag_option
from parthe_reports.cli.summary import BookLine, counts_table, next_step
from parthe_reports.errors import Finding, Severity
from parthe_reports.paths import INPUTS
from parthe_reports.pipeline.sequence import read_books
from parthe_reports.pipeline.write import book_label, count_findings
from parthe_reports.validate import ValidatedWorkbook
from parthe_reports.validate.findings import PLAUSIBILITY_CODES
from parthe_reports.validate.report import findings_json
from parthe_reports.validate.workbook import missing_municipalities
from parthe_reports.workbooks.feedback import feedback_file_name, write_annotated_copy

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.NOTE: "dim"}


def missing_line(missing: tuple[str, ...]) -> str:
    """The summary line of municipalities without a usable workbook (as ``run`` prints it)."""
    return f"  [yellow]kein auswertbares Workbook von:[/yellow] {', '.join(missing)}"


def _print(console: Console, findings: list[Finding]) -> None:
    for f in sorted(findings, key=lambda f: (f.severity.rank, f.sheet or "", f.row or 0)):
        console.print(f"[{_STYLE[f.severity]}]{f.severity.value}[/] {f}", highlight=False)


def _table_rows(
    books: list[ValidatedWorkbook],
) -> list[tuple[str, str, dict[str, int], tuple[int, int, int]]]:
    counts = count_findings(books)
    rows = []
    for b in books:
        c = b.row_counts.values()
        rows_read = (sum(x.read for x in c), sum(x.accepted for x in c), sum(x.rejected for x in c))
        rows.append((book_label(b), b.name, counts[book_label(b)], rows_read))
    return rows


@app.command("validate")
def validate_command(
    input_dir: Annotated[
        Path,
        typer.Argument(
            metavar=FOLDER, help="Eingangsordner (mit kommunen/ und dem Verbund-Workbook)."
        ),
    ] = INPUTS,
    inputs: Annotated[
        Path | None,
        typer.Option(
            "--inputs", metavar=FOLDER, file_okay=False, help="Eingangsordner, wie bei run."
        ),
    ] = None,
    json_file: Annotated[
        Path | None,
        typer.Option(
            "--json", metavar=FILE, help="Alle Befunde als JSON (Daten ISO) in diese Datei."
        ),
    ] = None,
    feedback: Annotated[
        Path | None,
        typer.Option(
            "--feedback",
            metavar=FOLDER,
            help="Ordner für die markierten Kopien (BRA.xlsx → BRA_Rueckmeldung.xlsx, wie beim Lauf).",
        ),
    ] = None,
    region_file: InputsRegionOption = None,
    stichtag: Annotated[
        date | None, stichtag_option("heute; für die Plausibilitätsprüfung")
    ] = None,
) -> None:
    """Prüft alle Workbooks im Eingangsordner. Exit-Code 0: keine Fehler, 1: Fehler, 2: Prüfung nicht möglich."""
    console = Console()
    input_dir = inputs or input_dir
    region = region_or_exit(region_for(region_file, input_dir))
    day = stichtag or date.today()
    paths, folder = workbooks_or_exit(input_dir, region)
    # The run's own reading step: what `validate` reports is exactly what `run` will use.
    books, unreadable = read_books(paths, {}, region, day, "")
    for name in unreadable:
        console.print(f"[bold red]nicht lesbar:[/] {name}")
    missing = missing_municipalities(books, region)
    console.print(counts_table(_table_rows(books)))
    plausible = sum(f.code in PLAUSIBILITY_CODES for b in books for f in b.findings)
    console.print(f"Plausibilitätsprüfung (Stichtag {day:%d.%m.%Y}): {plausible} Befunde")
    if missing:
        console.print(missing_line(missing))
    _print(console, folder)
    for b in books:
        _print(console, b.findings)
    if json_file:
        json_file.parent.mkdir(parents=True, exist_ok=True)
        data = findings_json(books, folder, missing)
        json_file.write_text(json.dumps(data, ensure_ascii=False, indent=2), "utf-8")
        console.print(f"Befunde geschrieben: {json_file}", soft_wrap=True)
    if feedback:
        for b in books:
            if b.source.kind:
                src = Path(b.source.path)
                target = feedback / feedback_file_name(src)
                write_annotated_copy(b, src, target)
                console.print(f"Markierte Kopie ({book_label(b)}): {target}", soft_wrap=True)
    lines = [BookLine(label, c) for label, c in count_findings(books).items()]
    console.print(next_step(lines, missing, unreadable), highlight=False)
    raise typer.Exit(1 if unreadable or any(b.errors for b in books) else 0)
