"""``run``, ``serve`` and ``runs``: the main job, the scheduler, the list of kept runs.

``flows`` (and with it Prefect, ≈ 2 s to import) is imported inside the commands, so the
other commands stay fast; importing ``flows`` sets Prefect's environment defaults first.
"""

from __future__ import annotations

import logging
import os
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from parthe_reports import runs as run_folders
from parthe_reports.cli.app import app
from parthe_reports.cli.checks import outputs_or_exit, region_or_exit, stop, workbooks_or_exit
from parthe_reports.cli.german import NUMBER
from parthe_reports.cli.guard import explain, interrupted_by, stored_error_text
from parthe_reports.cli.options import (
    InputsOption,
    InputsRegionOption,
    OutputsOption,
    region_for,
    stichtag_option,
)
from parthe_reports.cli.summary import BookLine, next_step, print_books
from parthe_reports.german import date_de
from parthe_reports.paths import INPUTS, OUTPUTS
from parthe_reports.pipeline import EXIT_FAILED, FEEDBACK_DIR, RunOptions, RunSummary
from parthe_reports.pipeline.fanout import start_workers
from parthe_reports.pipeline.reuse import try_reuse
from parthe_reports.pipeline.sequence import expected_steps
from parthe_reports.region import Region
from parthe_reports.workbooks.feedback import feedback_file_name

console = Console(stderr=True)
_CONSOLE_LEVEL = "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL"
_KINDS = {"workbook": "Workbooks", "document": "Dokumente", "other": "Weitere Dateien"}


# Rough cost of one step of each kind (a document ≈ 3 workbook reads): the overall bar
# advances in these units, so its estimate of the time left holds from the first steps on.
WEIGHTS = {"workbook": 1.0, "document": 3.0, "other": 2.0}


class _Bar:
    """A pipeline Listener (progress bar): a row per kind (done/total), and the overall
    progress weighted by each kind's cost, with the time left."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.kinds: dict[str, Any] = {}
        self.totals: dict[str, int] = {}
        self.done_counts: dict[str, int] = {}
        self.overall = progress.add_task("Gesamt", total=None, shown="")

    def expect(self, kind: str, total: int) -> None:
        if kind not in self.kinds:
            self.kinds[kind] = self.progress.add_task(_KINDS.get(kind, kind), total=total, shown="")
            self.done_counts[kind] = 0
        self.totals[kind] = total
        self._show(kind)

    def done(self, kind: str, label: str) -> None:
        self.done_counts[kind] = self.done_counts.get(kind, 0) + 1
        self._show(kind)

    def _show(self, kind: str) -> None:
        done, total = self.done_counts.get(kind, 0), self.totals.get(kind, 0)
        if kind in self.kinds:
            self.progress.update(
                self.kinds[kind], total=max(total, done), completed=done, shown=f"{done}/{total}"
            )
        weight = sum(
            WEIGHTS.get(k, 1.0) * max(t, self.done_counts.get(k, 0)) for k, t in self.totals.items()
        )
        finished = sum(WEIGHTS.get(k, 1.0) * n for k, n in self.done_counts.items())
        share = f"{finished / weight:.0%}" if weight else ""
        self.progress.update(self.overall, total=weight or None, completed=finished, shown=share)


def expect_run(listener: _Bar, workbooks: int, region: Region, phases: list[int]) -> None:
    """The bar's totals before Prefect starts (the run sequence announces the same)."""
    options = RunOptions(phases=tuple(phases))
    for kind, total in expected_steps(options, region, workbooks).items():
        listener.expect(kind, total)


def _documents(workbooks: int, region: Region, phases: tuple[int, ...]) -> int:
    """How many documents the run will render (for starting its workers early)."""
    return expected_steps(RunOptions(phases=phases), region, workbooks)["document"]


def _quiet_logging(debug: bool) -> None:
    """Call after importing flows (Prefect configures logging at import). Without ``--debug``
    nothing of Prefect's (English) logging reaches the terminal: our summary says what
    failed. Handlers are silenced, not loggers, since Prefect sets levels on many children."""
    if debug:
        logging.getLogger("parthe_reports").setLevel(logging.DEBUG)
        os.environ.pop(_CONSOLE_LEVEL, None)
        return
    # Prefect's server runs setup_logging() again whenever it builds its app (also from its
    # services, later), resetting handler levels: its own setting keeps the console quiet.
    os.environ[_CONSOLE_LEVEL] = "CRITICAL"
    loggers = [logging.getLogger(), *logging.root.manager.loggerDict.values()]
    for logger in loggers:
        for handler in getattr(logger, "handlers", []):
            if isinstance(handler, logging.StreamHandler):
                handler.setLevel(logging.CRITICAL + 1)
    # The local API's database layer logs through handlers made later (when the API starts):
    # two runs at once on one SQLite file can make its pool log a recovered error with a
    # traceback. Our summary reports what matters; the logger itself stays quiet.
    logging.getLogger("sqlalchemy").setLevel(logging.CRITICAL + 1)


def _warnings_only() -> None:
    """``serve`` runs as a service: its log keeps Prefect's warnings (for the journal), not
    the tracebacks of failed tasks, which the run summary reports."""
    for name in ("prefect", "distributed", "uvicorn", "httpx", "asyncio", "flows"):
        logging.getLogger(name).setLevel(logging.WARNING)
    for name in ("prefect.task_runs", "prefect.flow_runs", "flows.pipeline"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


@app.command("run")
def run(
    inputs: InputsOption = INPUTS,
    outputs: OutputsOption = OUTPUTS,
    phase: Annotated[
        list[int] | None,
        typer.Option(
            "--phase",
            metavar=NUMBER,
            help="Nur die Dokumente dieser Phase (1–6); mehrfach möglich.",
        ),
    ] = None,
    stichtag: Annotated[date | None, stichtag_option("heute")] = None,
    pdf: Annotated[bool, typer.Option("--pdf", help="Zusätzlich PDFs mit LibreOffice.")] = False,
    dask: Annotated[
        bool, typer.Option("--dask", help="Aufgaben auf einem lokalen Dask-Cluster ausführen.")
    ] = False,
    dask_address: Annotated[
        str | None,
        typer.Option(
            "--dask-address",
            metavar="ADRESSE",
            help="Vorhandener Dask-Cluster, z. B. tcp://host:8786.",
        ),
    ] = None,
    region: InputsRegionOption = None,
    debug: Annotated[
        bool, typer.Option("--debug", help="Prefects Protokoll und Fehlerdetails zeigen.")
    ] = False,
) -> None:
    """Alle Workbooks lesen, prüfen, konsolidieren und die Dokumente erzeugen (Prefect-Flow)."""
    bad = [p for p in phase or [] if p not in range(1, 7)]
    if bad:
        raise stop(f"Fehler: Phase {bad[0]} gibt es nicht; bitte eine Phase von 1 bis 6 angeben.")
    region_file = region_for(region, inputs)
    config = region_or_exit(region_file)
    paths, _ = workbooks_or_exit(inputs, config)
    outputs_or_exit(outputs)
    day, phases = stichtag or date.today(), tuple(phase or [])
    reused = try_reuse(inputs, outputs, config, region_file, day, phases, pdf)  # before Prefect
    if reused is not None:
        print_summary(reused, outputs)
        raise typer.Exit(reused.exit_code)
    if not dask and not dask_address:  # Dask has worker processes of its own
        start_workers(_documents(len(paths), config, phases))
    columns = (
        TextColumn("{task.description:<16}"),
        BarColumn(),
        TextColumn("{task.fields[shown]:>9}"),
        TimeElapsedColumn(),
        TextColumn("Rest"),
        TimeRemainingColumn(),
    )
    try:
        with Progress(*columns, console=console, transient=False) as bar:
            listener = _Bar(bar)
            expect_run(listener, len(paths), config, list(phases))
            console.print("Starte Prefect …", style="dim")
            from flows.runner import run as run_flow

            _quiet_logging(debug)
            result = run_flow(
                inputs=inputs,
                outputs=outputs,
                phases=list(phase or []),
                stichtag=stichtag,
                pdf=pdf,
                dask=dask,
                dask_address=dask_address,
                region_config=region_file,
                listener=listener,
            )
    except Exception as exc:  # Prefect/API failures: a German line, never a traceback
        if debug:
            raise
        raise stop(
            explain(exc)
            or f"Fehler: Der Lauf konnte nicht gestartet werden ({exc}); mit "
            "--debug zeigt er die Einzelheiten."
        ) from exc
    print_summary(result, outputs)
    raise typer.Exit(result.exit_code)


def book_lines(result: RunSummary) -> list[BookLine]:
    """The summary's workbooks, each with its first findings and its two feedback files."""
    folder = result.run_folder
    documents = set(result.documents)
    lines = []
    for label, counts in sorted(result.findings.items()):
        files = []
        report = f"{FEEDBACK_DIR}/Pruefbericht_{label}.docx"
        if report in documents:
            files.append(("Prüfbericht", folder / report))
        source = result.sources.get(label)
        copy = folder / FEEDBACK_DIR / feedback_file_name(Path(source)) if source else None
        if copy is not None and copy.exists():
            files.append(("markierte Kopie", copy))
        lines.append(BookLine(label, counts, result.first_findings.get(label, []), files))
    return lines


def print_summary(result: RunSummary, outputs: Path) -> None:
    """The German summary: workbooks, findings per workbook, documents, where, what next."""
    out = Console()
    folder = result.run_folder
    stichtag = date_de(date.fromisoformat(result.stichtag or ""))
    out.print(f"\n[bold]Lauf {folder.name}[/bold] (Stichtag {stichtag})")
    if result.error:  # a crash inside the run: the cause in one sentence, no class name
        out.print(
            f"[red]Fehler:[/red] Der Lauf ist abgebrochen ({error_text(result.error)}); "
            f"Einzelheiten stehen in {folder / run_folders.RUN_FILE}, mit --debug auch hier.",
            highlight=False,
        )
    out.print(f"Workbooks gelesen: {len(result.workbooks)}")
    for name in result.unreadable:
        out.print(f"  [red]nicht lesbar:[/red] {name}")
    if result.missing:
        out.print(f"  [yellow]kein auswertbares Workbook von:[/yellow] {', '.join(result.missing)}")
    lines = book_lines(result)
    print_books(out, lines)
    if result.plausibility:
        out.print(f"Davon aus der Plausibilitätsprüfung: {result.plausibility}")
    for note in result.folder:
        out.print(f"  [dim]nicht gelesen:[/dim] {note}", highlight=False)
    out.print(f"Dokumente geschrieben: {len(result.documents)} in {folder}", soft_wrap=True)
    for name, why in result.failed_documents.items():
        out.print(f"  [red]fehlgeschlagen:[/red] {name} ({error_text(why)})", highlight=False)
    if result.exit_code != EXIT_FAILED:
        out.print(
            f"Aktueller Stand: {outputs / run_folders.POINTER} (bzw. {run_folders.POINTER_TEXT})",
            soft_wrap=True,
        )
    if result.reused_from:
        out.print(
            f"Nichts geändert seit Lauf {result.reused_from}: dessen Dateien wurden übernommen "
            "(verknüpft, nicht neu berechnet).",
            style="dim",
        )
    cached = sum(v.get("cached", 0) for v in result.task_runs.values())
    if cached:
        out.print(
            f"Unverändert und aus dem Zwischenspeicher übernommen: {cached} Schritte", style="dim"
        )
    verdict = {0: "ohne Fehler", 1: "mit Fehlern oder Lücken in Eingaben", 2: "fehlgeschlagen"}
    out.print(f"Ergebnis: {verdict.get(result.exit_code, '?')} (Exit-Code {result.exit_code})")
    if result.exit_code != EXIT_FAILED:
        out.print(next_step(lines, result.missing, result.unreadable), highlight=False)


def error_text(error: str) -> str:
    """A stored error without its Python class name (``FileNotFoundError: …`` → ``…``);
    a stored OSError (disk full, no rights) as its German sentence."""
    german = stored_error_text(error)
    if german:
        return german
    head, sep, rest = error.partition(": ")
    return rest if sep and head.isidentifier() and head[:1].isupper() else error


@app.command("runs")
def list_runs(outputs: OutputsOption = OUTPUTS) -> None:
    """Die aufbewahrten Läufe auflisten (Datum, Stichtag, Status, Zahl der Befunde)."""
    from rich.table import Table

    status = {
        "complete": "abgeschlossen",
        "failed": "fehlgeschlagen",
        "running": "läuft",
        "aborted": "abgebrochen",
    }
    latest = run_folders.latest_complete_run(outputs)
    table = Table(box=None, pad_edge=False)  # no rules: fits 80 columns
    table.caption = f"← = aktueller Stand ({outputs / run_folders.POINTER})"
    for header in ("Lauf", "Gestartet", "Stichtag", "Status", "Befunde", "Exit"):
        table.add_column(header, no_wrap=header != "Status")  # Status wraps at a space
    for r in run_folders.list_runs(outputs):
        mark = " ←" if latest is not None and r.name == latest.name else ""
        table.add_row(
            r.name + mark,
            _started(r.started),
            date_de(date.fromisoformat(r.stichtag)) if r.stichtag else "",
            status.get(r.status, r.status),
            "" if r.findings is None else str(r.findings),
            "" if r.exit_code is None else str(r.exit_code),
        )
    Console().print(table)


@app.command("serve")
def serve(
    outputs: OutputsOption = OUTPUTS,
    inputs: InputsOption = INPUTS,
    region: InputsRegionOption = None,
    port: Annotated[
        int, typer.Option("--port", metavar=NUMBER, help="Port des lokalen Prefect-Servers.")
    ] = 4200,
) -> None:
    """Prefect-Server (127.0.0.1) starten oder nutzen und die Zeitpläne aus region.toml bedienen."""
    outputs_or_exit(outputs)
    from flows.deployments import serve_forever

    _warnings_only()
    try:
        serve_forever(
            inputs=inputs,
            outputs=outputs,
            region_config=region_for(region, inputs),
            port=port,
            echo=console.print,
        )
    except BaseException as exc:  # a service's normal end: SIGTERM (systemctl stop), Ctrl+C
        if interrupted_by(exc) is None:
            raise
        console.print("Dienst beendet (Prefect-Server gestoppt).")


def _started(iso: str) -> str:
    """run.json's start time (ISO) as a person reads it: ``01.12.2026 04:10``."""
    try:
        return datetime.fromisoformat(iso).strftime("%d.%m.%Y %H:%M")
    except ValueError:
        return iso
