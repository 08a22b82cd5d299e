"""``parthe-reports validate``: check the input workbooks, print findings, write JSON/feedback."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from parthe_reports.cli.app import app
from parthe_reports.errors import Severity
from parthe_reports.ingest import discover_workbooks
from parthe_reports.paths import INPUTS, REGION_CONFIG
from parthe_reports.pipeline.keys import input_hash
from parthe_reports.pipeline.sequence import read_books
from parthe_reports.region import load_region
from parthe_reports.validate.report import console_table, findings_json
from parthe_reports.workbooks.feedback import feedback_file_name, write_annotated_copy

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.NOTE: "dim"}


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
) -> None:
    """Prüft alle Workbooks im Eingangsordner. Exit-Code 0: keine Fehler, 1: Fehler, 2: Prüfung nicht möglich."""
    console = Console()
    try:
        region = load_region(region_file)
    except (OSError, ValueError, KeyError) as exc:
        console.print(f"[bold red]Regionskonfiguration nicht lesbar:[/] {region_file}: {exc}")
        raise typer.Exit(2) from exc
    if not input_dir.is_dir():
        console.print(f"[bold red]Eingangsordner nicht gefunden:[/] {input_dir}")
        raise typer.Exit(2)
    paths = discover_workbooks(input_dir)
    if not paths:
        console.print(f"[bold red]Keine Workbooks gefunden in[/] {input_dir}")
        raise typer.Exit(2)
    # The run's own reading step: what `validate` reports is exactly what `run` will use.
    books, unreadable = read_books(paths, {p.name: input_hash(p) for p in paths}, region, "")
    for name in unreadable:
        console.print(f"[bold red]nicht lesbar:[/] {name}")
    console.print(console_table(books))
    for b in books:
        for f in sorted(b.findings, key=lambda f: (f.severity.rank, f.sheet or "", f.row or 0)):
            console.print(f"[{_STYLE[f.severity]}]{f.severity.value}[/] {f}", highlight=False)
    if json_file:
        json_file.parent.mkdir(parents=True, exist_ok=True)
        json_file.write_text(
            json.dumps(findings_json(books), ensure_ascii=False, indent=2), "utf-8"
        )
        console.print(f"Befunde geschrieben: {json_file}")
    if feedback:
        for b in books:
            if b.source.kind:
                src = Path(b.source.path)
                write_annotated_copy(b, src, feedback / feedback_file_name(src))
        console.print(f"Kommentierte Kopien geschrieben nach: {feedback}")
    raise typer.Exit(1 if unreadable or any(b.errors for b in books) else 0)
