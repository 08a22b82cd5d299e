"""Shared set-up of the portal tests: a copied inputs folder, four accounts, a logged-in
client; and the example workbook with one bad cell."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import openpyxl
from fastapi.testclient import TestClient

from parthe_reports.paths import INPUTS
from parthe_reports.portal import PortalConfig, create_app
from parthe_reports.portal.auth import hash_password
from parthe_reports.portal.store import Store

PASSWORD = "Kennwort-1234"
ACCOUNTS = {  # user name → (role, Kürzel)
    "bra": ("kommune", "BRA"),
    "nau": ("kommune", "NAU"),
    "buero": ("projektbuero", None),
    "lenkung": ("lesend", None),
}
BRA_EXAMPLE = INPUTS / "kommunen" / "Brandis_Erhebung_2026_final.xlsx"
BAD_CELL = ("Maßnahmen", "I2")  # Kosten gesamt of M-BRA-01


def make_config(tmp: Path) -> PortalConfig:
    """A portal over a copy of the example inputs, with the four accounts."""
    inputs = tmp / "inputs"
    shutil.copytree(INPUTS, inputs)
    config = PortalConfig(state=tmp / "portal", inputs=inputs, outputs=tmp / "outputs",
                          prefect_api=None, notices=tmp / "benachrichtigungen")  # fmt: skip
    store = Store(config.database)
    hashed = hash_password(PASSWORD)
    for name, (role, code) in ACCOUNTS.items():
        store.add_user(name, role, code, hashed)
    return config


def csrf(client: TestClient, url: str = "/anmelden") -> str:
    """The CSRF token of the form on ``url``."""
    found = re.search(r'name="csrf" value="([^"]+)"', client.get(url).text)
    assert found, f"no CSRF field on {url}"
    return found.group(1)


def login(client: TestClient, username: str, password: str = PASSWORD) -> None:
    response = client.post(
        "/anmelden", data={"csrf": csrf(client), "benutzer": username, "kennwort": password}
    )
    assert response.status_code == 200, response.text[:500]


def client_for(config: PortalConfig, username: str | None = None) -> TestClient:
    client = TestClient(create_app(config))
    if username:
        login(client, username)
    return client


def bad_workbook(target: Path, value: object = "zwölftausend") -> Path:
    """The Brandis example with ``value`` in Maßnahmen › I2 (Kosten gesamt)."""
    wb = openpyxl.load_workbook(BRA_EXAMPLE)
    sheet, cell = BAD_CELL
    wb[sheet][cell] = value
    wb.save(target)
    return target


def upload(client: TestClient, code: str, path: Path, name: str | None = None, token: str = ""):  # type: ignore[no-untyped-def]
    """POST the file as the page's form does; returns the response (redirects followed)."""
    token = token or csrf(client, f"/kommune/{code}")
    with path.open("rb") as fh:
        return client.post(
            f"/kommune/{code}/hochladen",
            data={"csrf": token},
            files={"datei": (name or path.name, fh, "application/octet-stream")},
        )
