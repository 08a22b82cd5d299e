"""``portal`` and ``users``: the Abgabeportal and its accounts.

The web stack (FastAPI, uvicorn) is imported inside ``portal`` only.
"""

from __future__ import annotations

import getpass
import signal
import subprocess
import sys
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

import typer
from rich.console import Console
from rich.table import Table

from parthe_reports.cli.app import app
from parthe_reports.cli.checks import region_or_exit, stop
from parthe_reports.cli.german import FOLDER, NUMBER, GermanTyper
from parthe_reports.cli.options import InputsOption, OutputsOption, RegionOption
from parthe_reports.paths import INPUTS, OUTPUTS, REGION_CONFIG
from parthe_reports.portal.auth import MIN_PASSWORD, hash_password
from parthe_reports.portal.config import DEFAULT_PREFECT_API, DEFAULT_STATE, PortalConfig
from parthe_reports.portal.store import ROLE_LABELS, ROLES, Store

StateOption = Annotated[
    Path,
    typer.Option(
        "--daten",
        metavar=FOLDER,
        file_okay=False,
        help="Ordner des Portals: Datenbank (Benutzer, Abgaben, Protokoll), Uploads, Archiv.",
    ),
]

users = GermanTyper(help="Konten des Abgabeportals verwalten.", no_args_is_help=True)
app.add_typer(users, name="users")


@app.command("portal")
def portal(
    state: StateOption = DEFAULT_STATE,
    inputs: InputsOption = INPUTS,
    outputs: OutputsOption = OUTPUTS,
    region: RegionOption = REGION_CONFIG,
    host: Annotated[
        str, typer.Option("--host", metavar="ADRESSE", help="Adresse, an der das Portal lauscht.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", metavar=NUMBER, help="Port des Portals.")] = 8300,
    timeout: Annotated[
        int,
        typer.Option("--sitzung", metavar=NUMBER, help="Minuten ohne Aktivität bis zur Abmeldung."),
    ] = 30,
    secure: Annotated[
        bool,
        typer.Option("--https", help="Cookie nur über HTTPS senden (hinter einem TLS-Proxy)."),
    ] = False,
    prefect_api: Annotated[
        str,
        typer.Option(
            "--prefect-api",
            metavar="URL",
            help="Prefect-Server von „serve“; antwortet er, starten Läufe über das Deployment.",
        ),
    ] = DEFAULT_PREFECT_API,
    with_serve: Annotated[
        bool,
        typer.Option(
            "--mit-serve",
            help="Zusätzlich „serve“ (Prefect-Server und Zeitpläne) starten: ein Befehl für beides.",
        ),
    ] = False,
) -> None:
    """Das Abgabeportal starten (Web-Anwendung; Standard: http://127.0.0.1:8300)."""
    import uvicorn

    from parthe_reports.portal import create_app

    region_or_exit(region)
    config = PortalConfig(state, inputs, outputs, region, timeout * 60, secure, prefect_api)
    serve = _start_serve(inputs, outputs, region, prefect_api) if with_serve else None
    # uvicorn re-raises a captured SIGTERM after its shutdown: with this handler that ends in
    # the ``finally`` below (serve stopped too), not in an abrupt exit.
    signal.signal(signal.SIGTERM, _exit)
    Console(stderr=True).print(f"Abgabeportal: http://{host}:{port}/", soft_wrap=True)
    try:
        uvicorn.run(create_app(config), host=host, port=port, log_level="warning",
                    proxy_headers=True, forwarded_allow_ips="127.0.0.1")  # fmt: skip
    finally:
        if serve is not None:  # serve stops its server on Ctrl+C (SIGINT), not on SIGTERM
            serve.send_signal(signal.SIGINT)
            try:
                serve.wait(30)
            except subprocess.TimeoutExpired:
                serve.kill()


def _exit(signum: int, frame: object) -> None:
    raise SystemExit(0)


def _start_serve(
    inputs: Path, outputs: Path, region: Path, prefect_api: str
) -> subprocess.Popen[bytes]:
    """``parthe-reports serve`` beside the portal, on the port of ``--prefect-api``."""
    port = urlsplit(prefect_api).port or 4200
    args = ["serve", "--inputs", str(inputs), "--outputs", str(outputs), "--region", str(region),
            "--port", str(port)]  # fmt: skip
    return subprocess.Popen(
        [sys.executable, "-c", "from parthe_reports.cli import app; app()", *args]
    )


def _password(given: str | None) -> str:
    if given:
        return given
    first = getpass.getpass("Neues Kennwort: ")
    if first != getpass.getpass("Kennwort wiederholen: "):
        raise stop("Fehler: Die beiden Kennwörter stimmen nicht überein.")
    return first


PasswordOption = Annotated[
    str | None,
    typer.Option(
        "--kennwort",
        metavar="TEXT",
        help=f"Kennwort (mindestens {MIN_PASSWORD} Zeichen); ohne diese Angabe wird es abgefragt.",
        envvar="PORTAL_KENNWORT",
    ),
]


@users.command("add")
def add(
    username: Annotated[str, typer.Argument(metavar="NAME", help="Benutzername.")],
    role: Annotated[
        str,
        typer.Option("--rolle", metavar="ROLLE", help="kommune, projektbuero oder lesend."),
    ],
    code: Annotated[
        str | None,
        typer.Option("--kuerzel", metavar="KÜRZEL", help="Kürzel der Kommune (nur Rolle kommune)."),
    ] = None,
    password: PasswordOption = None,
    state: StateOption = DEFAULT_STATE,
    region: RegionOption = REGION_CONFIG,
) -> None:
    """Ein Konto anlegen."""
    if role not in ROLES:
        raise stop(f"Fehler: Die Rolle „{role}“ gibt es nicht (möglich: {', '.join(ROLES)}).")
    if role == "kommune":
        codes = region_or_exit(region).codes
        if code not in codes:
            raise stop(
                f"Fehler: Für die Rolle kommune bitte --kuerzel angeben ({', '.join(codes)})."
            )
    elif code:
        raise stop("Fehler: Ein Kürzel gehört nur zu Konten der Rolle kommune.")
    try:
        Store(state / "portal.sqlite3").add_user(
            username, role, code, hash_password(_password(password))
        )
    except ValueError as exc:
        raise stop(f"Fehler: {exc}.") from exc
    Console().print(
        f"Konto „{username}“ angelegt ({ROLE_LABELS[role]}{' ' + code if code else ''})."
    )


@users.command("list")
def list_users(state: StateOption = DEFAULT_STATE) -> None:
    """Alle Konten auflisten (ohne Kennwörter)."""
    table = Table(box=None, pad_edge=False)
    for header in ("Benutzer", "Rolle", "Kürzel", "Status"):
        table.add_column(header)
    for u in Store(state / "portal.sqlite3").users():
        table.add_row(
            u.username, ROLE_LABELS[u.role], u.code or "", "aktiv" if u.active else "gesperrt"
        )
    Console().print(table)


@users.command("disable")
def disable(
    username: Annotated[str, typer.Argument(metavar="NAME", help="Benutzername.")],
    state: StateOption = DEFAULT_STATE,
) -> None:
    """Ein Konto sperren (seine Sitzungen enden sofort)."""
    if not Store(state / "portal.sqlite3").set_active(username, False):
        raise stop(f"Fehler: Das Konto „{username}“ gibt es nicht.")
    Console().print(f"Konto „{username}“ gesperrt.")


@users.command("reset-password")
def reset_password(
    username: Annotated[str, typer.Argument(metavar="NAME", help="Benutzername.")],
    password: PasswordOption = None,
    state: StateOption = DEFAULT_STATE,
) -> None:
    """Ein neues Kennwort setzen (und ein gesperrtes Konto wieder freigeben)."""
    store = Store(state / "portal.sqlite3")
    try:
        hashed = hash_password(_password(password))
    except ValueError as exc:
        raise stop(f"Fehler: {exc}.") from exc
    if not store.set_password_hash(username, hashed):
        raise stop(f"Fehler: Das Konto „{username}“ gibt es nicht.")
    store.set_active(username, True)
    Console().print(f"Neues Kennwort für „{username}“ gesetzt.")
