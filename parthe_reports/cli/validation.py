"""``parthe-reports validate``: check the input workbooks, print findings, write JSON/feedback."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from parthe_reports.cli.app import app
from parthe_reports.errors import Finding, Severity
from parthe_reports.ingest import discover_inputs
from parthe_reports.paths import INPUTS, REGION_CONFIG
from parthe_reports.pipeline.keys import input_hash
from parthe_reports.pipeline.sequence import read_books
from parthe_reports.region import load_region
from parthe_reports.validate.findings import PLAUSIBILITY_CODES
from parthe_reports.validate.report import console_table, findings_json
from parthe_reports.validate.workbook import missing_municipalities
from parthe_reports.workbooks.feedback import feedback_file_name, write_annotated_copy

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.NOTE: "dim"}


def missing_line(missing: tuple[str, ...]) -> str:
    """The summary line of municipalities without a usable workbook (as ``run`` prints it)."""
    return f"  [yellow]kein auswertbares Workbook von:[/yellow] {', '.join(missing)}"


def _print(console: Console, findings: list[Finding]) -> None:
    for f in sorted(findings, key=lambda f: (f.severity.rank, f.sheet or "", f.row or 0)):
        console.print(f"[{_STYLE[f.severity]}]{f.severity.value}[/] {f}", highlight=False)


@app.command("validate")
def validate_command(
    input_dir: Annotated[
        Path, typer.Argument(help="Eingangsordner (mit kommunen/ und Verbund-Workbook).")
    ] = INPUTS,
    json_file: Annotated[
        Path | None, typer.Option("--json", help="Alle Befunde als JSON in diese Datei schreiben.")
    ] = None,
    feedback: Annotated[
        Path | None,
        typer.Option("--feedback", help="Ordner für kommentierte Kopien (rot/gelb markiert)."),
    ] = None,
    region_file: Annotated[
        Path, typer.Option("--region", help="Regionskonfiguration (region.toml).")
    ] = REGION_CONFIG,
    stichtag: Annotated[
        str | None,
        typer.Option(
            "--stichtag", help="Stichtag der Plausibilitätsprüfung (JJJJ-MM-TT; Standard: heute)."
        ),
    ] = None,
) -> None:
    """Prüft alle Workbooks im Eingangsordner. Exit-Code 0: keine Fehler, 1: Fehler, 2: Prüfung nicht möglich."""
    console = Console()
    try:
        region = load_region(region_file)
    except (OSError, ValueError, KeyError) as exc:
        console.print(f"[bold red]Regionskonfiguration nicht lesbar:[/] {region_file}: {exc}")
        raise typer.Exit(2) from exc
    try:
        day = date.fromisoformat(stichtag) if stichtag else date.today()
    except ValueError as exc:
        console.print(f"[bold red]Stichtag nicht lesbar:[/] {stichtag} (erwartet JJJJ-MM-TT)")
        raise typer.Exit(2) from exc
    if not input_dir.is_dir():
        console.print(f"[bold red]Eingangsordner nicht gefunden:[/] {input_dir}")
        raise typer.Exit(2)
    paths, folder = discover_inputs(input_dir, region.ignored_folders)
    if not paths:
        _print(console, folder)
        console.print(f"[bold red]Keine Workbooks gefunden in[/] {input_dir}")
        raise typer.Exit(2)
    # The run's own reading step: what `validate` reports is exactly what `run` will use.
    hashes = {p.name: input_hash(p) for p in paths}
    books, unreadable = read_books(paths, hashes, region, day, "")
    for name in unreadable:
        console.print(f"[bold red]nicht lesbar:[/] {name}")
    missing = missing_municipalities(books, region)
    console.print(console_table(books))
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
        console.print(f"Befunde geschrieben: {json_file}")
    if feedback:
        for b in books:
            if b.source.kind:
                src = Path(b.source.path)
                write_annotated_copy(b, src, feedback / feedback_file_name(src))
        console.print(f"Kommentierte Kopien geschrieben nach: {feedback}")
    raise typer.Exit(1 if unreadable or any(b.errors for b in books) else 0)
