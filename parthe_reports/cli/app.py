"""The Typer application; commands register themselves from the sibling modules."""

from __future__ import annotations

from parthe_reports.cli.german import GermanTyper

app = GermanTyper(
    name="parthe-reports",
    help=(
        "Berichtspipeline der Kooperation: liest die Excel-Workbooks der Kommunen und des "
        "Verbunds, prüft sie und erzeugt die Word-Dokumente aller Projektphasen."
    ),
    no_args_is_help=True,
)
