"""Commands around the input workbooks: blank templates and example data."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from parthe_reports.cli.app import app
from parthe_reports.cli.checks import region_or_exit
from parthe_reports.cli.german import FOLDER, NUMBER
from parthe_reports.cli.options import RegionOption
from parthe_reports.demo.data import synthetic_region, write_example_data
from parthe_reports.demo.region_file import REGION_FILE, write_region_file
from parthe_reports.paths import OUTPUTS, REGION_CONFIG
from parthe_reports.workbooks.template import write_templates


@app.command("templates")
def templates(
    out: Annotated[
        Path,
        typer.Option("--out", metavar=FOLDER, help="Zielordner für die Vorlagen.", file_okay=False),
    ] = OUTPUTS / "vorlagen",
    region: RegionOption = REGION_CONFIG,
) -> None:
    """Leere Excel-Vorlagen schreiben: ein Kommunal-Workbook je Kommune und das Verbund-Workbook."""
    reg = region_or_exit(region)
    paths = write_templates(reg, out)
    typer.echo(
        f"{len(paths) - 1} Kommunal-Workbooks und 1 Verbund-Workbook nach {out} geschrieben."
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
