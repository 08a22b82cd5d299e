"""What ``run`` and ``validate`` check before any work: one German sentence (cause and remedy)
and exit code 2 instead of a Python error, a Prefect start-up or an empty run folder."""

from __future__ import annotations

import tempfile
from pathlib import Path

import typer

from parthe_reports.cli.guard import explain
from parthe_reports.discover import discover_inputs
from parthe_reports.errors import Finding
from parthe_reports.pipeline import EXIT_FAILED
from parthe_reports.region import Region, load_region


def stop(sentence: str) -> typer.Exit:
    """Print the sentence (stderr) and return the exit to raise."""
    typer.echo(sentence, err=True)
    return typer.Exit(EXIT_FAILED)


def region_or_exit(path: Path) -> Region:
    """The region config, or a German sentence naming the file and what is wrong with it."""
    try:
        return load_region(path)
    except (OSError, ValueError, KeyError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise stop(
            f"Fehler: Regionskonfiguration „{path}“ nicht lesbar ({reason}); bitte die Datei "
            "prüfen oder mit --region eine andere angeben."
        ) from exc


def workbooks_or_exit(inputs: Path, region: Region) -> tuple[list[Path], list[Finding]]:
    """The workbooks to read and the findings about other files; none: a German sentence."""
    if not inputs.is_dir():
        raise stop(
            f"Fehler: Den Eingangsordner „{inputs}“ gibt es nicht; bitte den Ordner anlegen "
            "oder mit --inputs den richtigen angeben."
        )
    paths, folder = discover_inputs(inputs, region.ignored_folders)
    if not paths:
        raise stop(
            f"Fehler: Im Eingangsordner „{inputs}“ liegt kein Workbook; bitte das "
            "Verbund-Workbook und unter kommunen/ die Kommunal-Workbooks ablegen oder mit "
            "--inputs einen anderen Ordner angeben."
        )
    return paths, folder


def outputs_or_exit(outputs: Path) -> None:
    """The outputs folder exists (made if need be) and takes a file; else one German sentence
    before Prefect starts (read-only share, full disk, no rights)."""
    try:
        outputs.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=outputs, prefix=".probe.") as probe:
            probe.write(b"x")
            probe.flush()
    except OSError as exc:
        raise stop(explain(exc) or f"Fehler: Ausgabeordner „{outputs}“ nicht nutzbar.") from exc
