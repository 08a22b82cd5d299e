"""Options shared by several commands, declared once: same flag, metavar and help everywhere.

Metavars in one style (``ORDNER``, ``DATEI``, ``JJJJ-MM-TT``); a date is parsed here with a
German sentence on a typo instead of click's English "Invalid value".
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from parthe_reports.cli.german import DATE, FILE, FOLDER
from parthe_reports.discover import REGION_FILE
from parthe_reports.paths import REGION_CONFIG

DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y")  # ISO as shown; the German form is forgiven


def parse_stichtag(text: str) -> date:
    """A Stichtag as typed (JJJJ-MM-TT, also TT.MM.JJJJ); a typo ends the command in German."""
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    typer.echo(
        f"Stichtag nicht lesbar: „{text}“ ist kein Datum; bitte als {DATE} angeben, "
        "z. B. 2026-11-25.",
        err=True,
    )
    raise typer.Exit(2)


def stichtag_option(default_text: str) -> Any:
    """``--stichtag JJJJ-MM-TT``; ``default_text`` says what applies without it."""
    return typer.Option(
        "--stichtag",
        metavar=DATE,
        parser=parse_stichtag,
        help=f"Stichtag als {DATE} (Standard: {default_text}).",
    )


InputsOption = Annotated[
    Path,
    typer.Option(
        "--inputs",
        metavar=FOLDER,
        file_okay=False,
        help="Eingangsordner: das Verbund-Workbook oben, die Kommunal-Workbooks unter kommunen/.",
    ),
]
OutputsOption = Annotated[
    Path,
    typer.Option(
        "--outputs",
        metavar=FOLDER,
        file_okay=False,
        help="Ausgabeordner; je Lauf ein Unterordner JJJJ-MM-TT_hhmmss.",
    ),
]
RegionOption = Annotated[
    Path,
    typer.Option(
        "--region",
        metavar=FILE,
        dir_okay=False,
        help="Regionskonfiguration (TOML) mit Kommunen, Themenbereichen und Zeitplänen.",
    ),
]
# For commands that read an inputs folder: without --region, the folder's own region.toml
# (written by `demo-data --municipalities`) wins over the project's, so that synthetic
# workbooks are read against the region they were made for.
InputsRegionOption = Annotated[
    Path | None,
    typer.Option(
        "--region",
        metavar=FILE,
        dir_okay=False,
        help="Regionskonfiguration (TOML) mit Kommunen, Themenbereichen und Zeitplänen "
        f"(Standard: {REGION_FILE} im Eingangsordner, falls vorhanden, sonst die des Projekts).",
    ),
]


def region_for(given: Path | None, inputs: Path) -> Path:
    """The region file a command reads: ``--region``, else the inputs folder's, else the project's."""
    if given is not None:
        return given
    beside = inputs / REGION_FILE
    return beside if beside.is_file() else REGION_CONFIG
