"""``run``, ``serve`` and ``runs``: the main job, the scheduler, the list of kept runs.

``flows`` (and with it Prefect, ≈ 2 s to import) is imported inside the commands, so the
other commands stay fast; importing ``flows`` sets Prefect's environment defaults first.
"""

from __future__ import annotations

import logging
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from parthe_reports import runs as run_folders
from parthe_reports.cli.app import app
from parthe_reports.paths import INPUTS, OUTPUTS, REGION_CONFIG
from parthe_reports.pipeline import EXIT_FAILED, RunSummary

console = Console(stderr=True)
_KINDS = {"workbook": "Workbooks", "document": "Dokumente", "other": "Weitere Dateien"}

OutputsOption = Annotated[
    Path,
    typer.Option("--outputs", help="Ausgabeordner (je Lauf ein Unterordner).", file_okay=False),
]


class _Bar:
    """A pipeline Listener (progress bar): one rich task per kind plus the overall count with ETA."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.total = progress.add_task("Gesamt", total=0)
        self.kinds: dict[str, Any] = {}

    def add(self, kind: str, count: int) -> None:
        if kind not in self.kinds:
            self.kinds[kind] = self.progress.add_task(_KINDS.get(kind, kind), total=0)
        for task_id in (self.kinds[kind], self.total):
            task = self.progress.tasks[task_id]
            self.progress.update(task_id, total=(task.total or 0) + count)

    def done(self, kind: str, label: str) -> None:
        self.progress.advance(self.kinds[kind])
        self.progress.advance(self.total)


def _quiet_logging() -> None:
    """Call after importing flows (Prefect configures logging at import)."""
    for name in ("prefect", "distributed", "uvicorn", "httpx", "asyncio", "flows"):
        logging.getLogger(name).setLevel(logging.WARNING)
    # A failed task is reported in our summary; Prefect's traceback would only frighten.
    for name in ("prefect.task_runs", "prefect.flow_runs", "flows.pipeline"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


@app.command("run")
def run(
    inputs: Annotated[
        Path, typer.Option("--inputs", help="Ordner mit den Workbooks.", file_okay=False)
    ] = INPUTS,
    outputs: OutputsOption = OUTPUTS,
    phase: Annotated[
        list[int] | None,
        typer.Option("--phase", help="Nur die Dokumente dieser Phase (1–6); mehrfach möglich."),
    ] = None,
    stichtag: Annotated[
        datetime | None,
        typer.Option(
            "--stichtag", help="Stichtag JJJJ-MM-TT (Standard: heute).", formats=["%Y-%m-%d"]
        ),
    ] = None,
    pdf: Annotated[bool, typer.Option("--pdf", help="Zusätzlich PDFs mit LibreOffice.")] = False,
    dask: Annotated[
        bool, typer.Option("--dask", help="Aufgaben auf einem lokalen Dask-Cluster ausführen.")
    ] = False,
    dask_address: Annotated[
        str | None,
        typer.Option("--dask-address", help="Vorhandener Dask-Cluster, z. B. tcp://host:8786."),
    ] = None,
    region: Annotated[Path, typer.Option("--region", help="Regionskonfiguration.")] = REGION_CONFIG,
) -> None:
    """Alle Workbooks lesen, prüfen, konsolidieren und die Dokumente erzeugen (Prefect-Flow)."""
    bad = [p for p in phase or [] if p not in range(1, 7)]
    if bad:
        console.print(f"Fehler: Phase {bad[0]} gibt es nicht (1–6).")
        raise typer.Exit(EXIT_FAILED)
    columns = (
        TextColumn("{task.description:<16}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("Rest"),
        TimeRemainingColumn(),
    )
    try:
        with Progress(*columns, console=console, transient=False) as bar:
            console.print("Starte Prefect …", style="dim")
            from flows.runner import run as run_flow

            _quiet_logging()
            result = run_flow(
                inputs=inputs,
                outputs=outputs,
                phases=list(phase or []),
                stichtag=stichtag.date() if stichtag else None,
                pdf=pdf,
                dask=dask,
                dask_address=dask_address,
                region_config=region,
                listener=_Bar(bar),
            )
    except Exception as exc:  # Prefect/API failures: a German line, never a traceback
        console.print(f"Fehler: Der Lauf konnte nicht ausgeführt werden: {exc}")
        raise typer.Exit(EXIT_FAILED) from exc
    print_summary(result, outputs)
    raise typer.Exit(result.exit_code)


def print_summary(result: RunSummary, outputs: Path) -> None:
    """The German summary: workbooks, findings per municipality, documents, where."""
    out = Console()
    folder = result.run_folder
    stichtag = date.fromisoformat(result.stichtag or "").strftime("%d.%m.%Y")
    out.print(f"\n[bold]Lauf {folder.name}[/bold] (Stichtag {stichtag})")
    out.print(f"Workbooks gelesen: {len(result.workbooks)}")
    for name in result.unreadable:
        out.print(f"  [red]nicht lesbar:[/red] {name}")
    if result.missing:
        out.print(f"  [yellow]kein auswertbares Workbook von:[/yellow] {', '.join(result.missing)}")
    out.print("Prüfergebnisse je Kommune:")
    for label, c in sorted(result.findings.items()):
        warnings, notes = c.get("Warnung", 0), c.get("Hinweis", 0)
        out.print(
            f"  {label:<12} {c.get('Fehler', 0):>3} Fehler  {warnings:>3} "
            f"{'Warnung ' if warnings == 1 else 'Warnungen'}  {notes:>3} "
            f"{'Hinweis' if notes == 1 else 'Hinweise'}"
        )
    if result.plausibility:
        out.print(f"  davon aus der Plausibilitätsprüfung: {result.plausibility}")
    for note in result.folder:
        out.print(f"  [dim]nicht gelesen:[/dim] {note}", highlight=False)
    out.print(f"Dokumente geschrieben: {len(result.documents)} in {folder}")
    for name, why in result.failed_documents.items():
        out.print(f"  [red]fehlgeschlagen:[/red] {name} ({why})")
    if result.error:
        out.print(f"[red]Lauf abgebrochen:[/red] {result.error}")
    if result.exit_code != EXIT_FAILED:
        out.print(
            f"Aktueller Stand: {outputs / run_folders.POINTER} (bzw. {run_folders.POINTER_TEXT})"
        )
    cached = sum(v.get("cached", 0) for v in result.task_runs.values())
    if cached:
        out.print(
            f"Unverändert und aus dem Zwischenspeicher übernommen: {cached} Schritte", style="dim"
        )
    verdict = {0: "ohne Fehler", 1: "mit Fehlern oder Lücken in Eingaben", 2: "fehlgeschlagen"}
    out.print(f"Ergebnis: {verdict.get(result.exit_code, '?')} (Exit-Code {result.exit_code})")


@app.command("runs")
def list_runs(outputs: OutputsOption = OUTPUTS) -> None:
    """Die aufbewahrten Läufe auflisten (Datum, Stichtag, Status, Zahl der Prüfergebnisse)."""
    from rich.table import Table

    status = {
        "complete": "abgeschlossen",
        "failed": "fehlgeschlagen",
        "running": "läuft/abgebrochen",
    }
    latest = run_folders.latest_complete_run(outputs)
    table = Table()
    for header in ("Lauf", "Gestartet", "Stichtag", "Status", "Prüfergebnisse", "Exit"):
        table.add_column(header, no_wrap=True)
    for r in run_folders.list_runs(outputs):
        mark = " ← aktuell" if latest is not None and r.name == latest.name else ""
        table.add_row(
            r.name + mark,
            r.started.replace("T", " "),
            r.stichtag or "",
            status.get(r.status, r.status),
            "" if r.findings is None else str(r.findings),
            "" if r.exit_code is None else str(r.exit_code),
        )
    Console(width=max(Console().width, 110)).print(table)


@app.command("serve")
def serve(
    outputs: OutputsOption = OUTPUTS,
    inputs: Annotated[Path, typer.Option("--inputs", file_okay=False)] = INPUTS,
    region: Annotated[Path, typer.Option("--region")] = REGION_CONFIG,
    port: Annotated[int, typer.Option("--port", help="Port des lokalen Prefect-Servers.")] = 4200,
) -> None:
    """Prefect-Server (127.0.0.1) starten oder nutzen und die Zeitpläne aus region.toml bedienen."""
    from flows.deployments import serve_forever

    _quiet_logging()

    serve_forever(
        inputs=inputs, outputs=outputs, region_config=region, port=port, echo=console.print
    )
