"""Commands around the input workbooks: templates (blank or pre-filled), upgrade, example data."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from parthe_reports.cli.app import app
from parthe_reports.cli.checks import region_or_exit
from parthe_reports.cli.german import FOLDER, NUMBER
from parthe_reports.cli.options import OutputsOption, RegionOption
from parthe_reports.cli.prefill import PrefillError, prefill_from_run
from parthe_reports.demo.data import synthetic_region, write_example_data
from parthe_reports.demo.region_file import REGION_FILE, write_region_file
from parthe_reports.german import count
from parthe_reports.paths import OUTPUTS, REGION_CONFIG
from parthe_reports.runs import POINTER
from parthe_reports.schema import TEMPLATE_VERSION as CURRENT_VERSION
from parthe_reports.workbooks.template import write_templates

BLANK_TEMPLATES = OUTPUTS / "vorlagen"


@app.command("templates")
def templates(
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            metavar=FOLDER,
            help="Zielordner (vorbefüllt: Standard ist vorbefuellt im Ausgabeordner).",
            file_okay=False,
        ),
    ] = BLANK_TEMPLATES,
    prefilled: Annotated[
        bool,
        typer.Option(
            "--vorbefuellt",
            help="Mit den übernommenen Daten eines abgeschlossenen Laufs vorbefüllen "
            "(nächste Erhebungsrunde: aktualisieren statt abtippen).",
        ),
    ] = False,
    run: Annotated[
        str,
        typer.Option(
            "--aus-lauf",
            metavar="LAUF",
            help="Lauf (Ordnername unter outputs), aus dem vorbefüllt wird.",
        ),
    ] = POINTER,
    outputs: OutputsOption = OUTPUTS,
    region: RegionOption = REGION_CONFIG,
) -> None:
    """Excel-Vorlagen schreiben: ein Kommunal-Workbook je Kommune und das Verbund-Workbook."""
    reg = region_or_exit(region)
    if not prefilled:
        target = out
        paths = write_templates(reg, target)
        typer.echo(
            f"{len(paths) - 1} Kommunal-Workbooks und 1 Verbund-Workbook nach {target} geschrieben."
        )
        return
    target = outputs / "vorbefuellt" if out == BLANK_TEMPLATES else out
    try:
        result = prefill_from_run(outputs, run, reg, target)
    except PrefillError as exc:
        typer.echo(f"Keine vorbefüllten Vorlagen: {exc}", err=True)
        raise typer.Exit(2) from exc
    rejected = (
        f"{count(result.rejected, 'abgelehnte Zeile', 'abgelehnte Zeilen')} rot, mit der "
        "Meldung als Kommentar"
        if result.rejected
        else "keine abgelehnten"
    )
    typer.echo(
        f"{len(result.paths) - 1} Kommunal-Workbooks und 1 Verbund-Workbook nach {target} "
        f"geschrieben, vorbefüllt aus Lauf {result.run}:\n"
        f"{count(result.accepted, 'übernommene Zeile', 'übernommene Zeilen')}, {rejected}."
    )
    if not result.findings_known:
        typer.echo(
            f"Hinweis: Lauf {result.run} hat keine Prüfergebnisse (nur einzelne Phasen); "
            "abgelehnte Zeilen sind nicht enthalten. Für sie aus einem vollständigen Lauf "
            "vorbefüllen.",
            err=True,
        )
    for name in result.unavailable:
        typer.echo(
            f"Hinweis: Abgelehnte Zeilen aus {name} fehlen – die Originaldatei ist verändert "
            "und der Lauf hat keine Rückmeldungskopie davon.",
            err=True,
        )


@app.command("demo-data")
def demo_data(
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            metavar=FOLDER,
            help="Zielordner (darin kommunen/ und das Verbund-Workbook verbund.xlsx). "
            "Nur mit --out inputs werden die mitgelieferten Beispieldaten ersetzt.",
            file_okay=False,
        ),
    ] = OUTPUTS / "beispieldaten",
    municipalities: Annotated[
        int | None,
        typer.Option(
            "--municipalities",
            min=1,
            metavar=NUMBER,
            help="Statt der konfigurierten Region N erfundene Kommunen erzeugen (Lasttest).",
        ),
    ] = None,
    scale: Annotated[
        int,
        typer.Option(
            "--scale",
            min=1,
            metavar=NUMBER,
            help="Vervielfacht die Zeilenzahl je Blatt (10 = groß).",
        ),
    ] = 1,
    seed: Annotated[
        int, typer.Option("--seed", metavar=NUMBER, help="Startwert des Zufallsgenerators.")
    ] = 2026,
    region: RegionOption = REGION_CONFIG,
) -> None:
    """Beispieldaten (erfundene, gefüllte Workbooks) erzeugen – reproduzierbar je Startwert."""
    reg = region_or_exit(region)
    if municipalities:
        reg = synthetic_region(municipalities, reg)
    paths = write_example_data(out, reg, seed=seed, scale=scale)
    typer.echo(
        f"Beispieldaten geschrieben: {len(paths) - 1} Kommunal-Workbooks und 1 Verbund-Workbook "
        f"in {out} (Startwert {seed}, Faktor {scale})."
    )
    if municipalities or region.resolve() != REGION_CONFIG.resolve():
        # The workbooks belong to this region: run/validate --inputs OUT read it from there.
        write_region_file(reg, region, out)
        typer.echo(
            f"Regionskonfiguration dazu: {out / REGION_FILE} (run und validate mit "
            f"--inputs {out} verwenden sie ohne --region)."
        )


@app.command("upgrade")
def upgrade(
    files: Annotated[
        list[Path],
        typer.Argument(metavar="DATEI…", help="Workbooks einer älteren Vorlagenversion."),
    ],
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            metavar=FOLDER,
            help="Zielordner (Standard: der Ordner der Datei, als „Name_aktualisiert.xlsx“).",
            file_okay=False,
        ),
    ] = None,
    region: RegionOption = REGION_CONFIG,
) -> None:
    """Workbooks in die aktuelle Vorlage übertragen – alle Daten bleiben, das Original bleibt unverändert."""
    from parthe_reports.errors import WorkbookError
    from parthe_reports.workbooks.upgrade import UpgradeError, upgrade_workbook

    reg = region_or_exit(region)
    failed = 0
    for path in files:
        try:
            done = upgrade_workbook(path, reg, out)
        except (UpgradeError, WorkbookError, OSError) as exc:
            failed += 1
            text = exc.finding.message if isinstance(exc, WorkbookError) else str(exc)
            typer.echo(f"{path.name}: nicht übertragen – {text}", err=True)
            continue
        typer.echo(
            f"{path.name} (Vorlage {done.version}) → {done.target} "
            f"(Vorlage {CURRENT_VERSION}, {count(done.rows, 'Zeile', 'Zeilen')} übernommen)."
        )
        for sheet, headers in done.extra_columns.items():
            typer.echo(
                f"  Hinweis: Blatt „{sheet}“: eigene Spalten {', '.join(headers)} rechts der "
                "Tabelle übernommen (werden nicht ausgewertet)."
            )
    if failed:
        raise typer.Exit(1)
