"""Commands around the input workbooks: blank templates and example data."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from parthe_reports.cli.app import app
from parthe_reports.demo.data import synthetic_region, write_example_data
from parthe_reports.paths import OUTPUTS, REGION_CONFIG
from parthe_reports.region import Region, load_region
from parthe_reports.workbooks.template import write_templates

RegionOption = Annotated[
    Path,
    typer.Option(
        "--region",
        help="Regionskonfiguration (TOML) mit Kommunen und Themenbereichen.",
        dir_okay=False,
    ),
]


def _region(path: Path) -> Region:
    """Load the region config; a broken file ends with a German message, no traceback."""
    try:
        return load_region(path)
    except (OSError, ValueError, KeyError) as exc:
        typer.echo(f"Fehler: Regionskonfiguration „{path}“ nicht lesbar: {exc}", err=True)
        raise typer.Exit(2) from exc


@app.command("templates")
def templates(
    out: Annotated[
        Path,
        typer.Option("--out", help="Zielordner für die Vorlagen.", file_okay=False),
    ] = OUTPUTS / "vorlagen",
    region: RegionOption = REGION_CONFIG,
) -> None:
    """Leere Excel-Vorlagen schreiben: ein Kommunal-Workbook je Kommune und das Verbund-Workbook."""
    reg = _region(region)
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
            help="Zielordner (darin kommunen/ und verbund.xlsx). "
            "Nur mit --out inputs werden die mitgelieferten Beispieldaten ersetzt.",
            file_okay=False,
        ),
    ] = OUTPUTS / "beispieldaten",
    municipalities: Annotated[
        int | None,
        typer.Option(
            "--municipalities",
            min=1,
            help="Statt der konfigurierten Region N erfundene Kommunen erzeugen (Lasttest).",
        ),
    ] = None,
    scale: Annotated[
        int,
        typer.Option("--scale", min=1, help="Vervielfacht die Zeilenzahl je Blatt (10 = groß)."),
    ] = 1,
    seed: Annotated[int, typer.Option("--seed", help="Startwert des Zufallsgenerators.")] = 2026,
    region: RegionOption = REGION_CONFIG,
) -> None:
    """Beispieldaten (erfundene, gefüllte Workbooks) erzeugen – reproduzierbar je Startwert."""
    reg = _region(region)
    if municipalities:
        reg = synthetic_region(municipalities, reg)
    paths = write_example_data(out, reg, seed=seed, scale=scale)
    typer.echo(
        f"Beispieldaten geschrieben: {len(paths) - 1} Kommunal-Workbooks und 1 Verbund-Workbook "
        f"in {out} (Startwert {seed}, Faktor {scale})."
    )
