"""The authorisation matrix: every route × every role × own and foreign Kürzel.

A clerk of BRA must never reach NAU's pages, files, reports or history, by any URL: the
answer is 404 (the same as for a Kürzel that does not exist). The test fails when a route
is added without a line here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from parthe_reports import runs
from parthe_reports.portal.launch import RunState
from parthe_reports.portal.store import Store
from parthe_reports.portal.web import portal, routers
from tests.portal_setup import BRA_EXAMPLE, client_for, csrf, make_config, upload

ACTORS = ("anonym", "bra", "nau", "buero", "lenkung")
LOGIN, OK, REDIRECT, FORBIDDEN, MISSING = "login", 200, 303, 403, 404

# route → who may (status when allowed); everyone else: login for anonym, else the default.
# {code}/{sub} are NAU's: BRA's clerk is the foreign clerk throughout.
MATRIX: dict[tuple[str, str], dict[str, int | str]] = {
    ("GET", "/kommune/{code}"): {"nau": OK, "buero": OK, "bra": MISSING, "lenkung": FORBIDDEN},
    ("GET", "/kommune/{code}/vorlage"): {"nau": OK, "buero": OK, "bra": MISSING, "lenkung": FORBIDDEN},
    ("POST", "/kommune/{code}/hochladen"): {"nau": REDIRECT, "buero": FORBIDDEN, "bra": MISSING, "lenkung": FORBIDDEN},
    ("GET", "/kommune/{code}/pruefung/{sub_id}"): {"nau": OK, "buero": OK, "bra": MISSING, "lenkung": FORBIDDEN},
    ("GET", "/kommune/{code}/pruefung/{sub_id}/{kind}"): {"nau": OK, "buero": OK, "bra": MISSING, "lenkung": FORBIDDEN},
    ("POST", "/kommune/{code}/pruefung/{sub_id}/einreichen"): {"nau": REDIRECT, "buero": FORBIDDEN, "bra": MISSING, "lenkung": FORBIDDEN},
    ("GET", "/projektbuero"): {"buero": OK, "bra": FORBIDDEN, "nau": FORBIDDEN, "lenkung": FORBIDDEN},
    ("POST", "/projektbuero/lauf"): {"buero": REDIRECT, "bra": FORBIDDEN, "nau": FORBIDDEN, "lenkung": FORBIDDEN},
    ("GET", "/projektbuero/protokoll"): {"buero": OK, "bra": FORBIDDEN, "nau": FORBIDDEN, "lenkung": FORBIDDEN},
    ("GET", "/dokumente"): {"buero": OK, "lenkung": OK, "bra": FORBIDDEN, "nau": FORBIDDEN},
    ("GET", "/dokumente/{name:path}"): {"buero": OK, "lenkung": OK, "bra": FORBIDDEN, "nau": FORBIDDEN},
}  # fmt: skip
PUBLIC = {("GET", "/"), ("GET", "/anmelden"), ("POST", "/anmelden"), ("POST", "/abmelden")}
KINDS = ("pruefbericht", "kopie", "workbook")


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A portal with one upload each of BRA and NAU, a finished run, and one client per actor."""
    config = make_config(tmp_path_factory.mktemp("matrix"))
    clients = {a: client_for(config, None if a == "anonym" else a) for a in ACTORS}
    for c in clients.values():
        c.follow_redirects = False
    subs = {}
    for code, name, src in (
        ("BRA", "bra", BRA_EXAMPLE),
        ("NAU", "nau", config.inputs / "kommunen" / "NAU.xlsx"),
    ):
        response = upload(clients[name], code, src)
        subs[code] = response.headers["location"].rsplit("/", 1)[1]
    folder = runs.create_run_folder(config.outputs)
    (folder / "Phase1_Bestandsaufnahme.docx").write_bytes(b"PK test")
    runs.finish_run(folder, True)
    p = portal(clients["buero"])  # type: ignore[arg-type]
    p.launcher.start = lambda user: RunState(p.launcher_stub_time, user, "im Portal")  # type: ignore[method-assign,attr-defined]
    from datetime import datetime

    p.launcher_stub_time = datetime(2026, 12, 1)  # type: ignore[attr-defined]
    return config, clients, subs


def _call(client: TestClient, method: str, url: str, tmp: Path) -> int:
    if method == "GET":
        return client.get(url).status_code
    token = csrf(client, "/anmelden")
    if url.endswith("/hochladen"):
        with (tmp / "inputs" / "kommunen" / "NAU.xlsx").open("rb") as fh:
            return client.post(
                url, data={"csrf": token}, files={"datei": ("n.xlsx", fh)}
            ).status_code
    return client.post(url, data={"csrf": token}).status_code


def _urls(path: str, code: str, sub: str) -> list[str]:
    filled = path.replace("{code}", code).replace("{sub_id}", sub)
    if "{kind}" in filled:
        return [filled.replace("{kind}", k) for k in KINDS]
    return [filled.replace("{name:path}", "Phase1_Bestandsaufnahme.docx")]


def test_matrix_covers_every_route() -> None:
    """It has a line for every route of the app (a new route without one fails here)."""
    routes = {(m, r.path) for router in routers() for r in router.routes
              if isinstance(r, APIRoute) for m in r.methods}  # fmt: skip
    assert routes == set(MATRIX) | PUBLIC


@pytest.mark.parametrize("route", sorted(MATRIX), ids=lambda r: f"{r[0]} {r[1]}")
@pytest.mark.parametrize("actor", ACTORS)
def test_route_role(world, route: tuple[str, str], actor: str) -> None:
    """It answers each actor on NAU's resources exactly as the matrix says."""
    config, clients, subs = world
    method, path = route
    expected = MATRIX[route].get(actor, LOGIN) if actor != "anonym" else LOGIN
    for url in _urls(path, "NAU", subs["NAU"]):
        status = _call(clients[actor], method, url, config.state.parent)
        if expected == LOGIN:
            assert status == 303, url
            assert clients[actor].get(url).headers.get("location", "/anmelden") == "/anmelden"
        else:
            assert status == expected, (actor, method, url)


@pytest.mark.parametrize("route", [r for r in sorted(MATRIX) if "{sub_id}" in r[1]],
                         ids=lambda r: f"{r[0]} {r[1]}")  # fmt: skip
def test_foreign_submission_under_own_code(world, route: tuple[str, str]) -> None:
    """It answers 404 when BRA's clerk puts NAU's submission id under BRA's own Kürzel."""
    config, clients, subs = world
    for url in _urls(route[1], "BRA", subs["NAU"]):
        assert _call(clients["bra"], route[0], url, config.state.parent) == 404, url
    for url in _urls(route[1], "BRA", subs["BRA"]):  # the partner: own id under own Kürzel
        assert _call(clients["bra"], route[0], url, config.state.parent) in (200, 303), url


@pytest.mark.parametrize("code", ["XYZ", "bra", "NAU%2F..%2FBRA", "BRA%00"])
def test_unknown_code_is_404(world, code: str) -> None:
    """It answers 404 for a Kürzel that is not in the region (as for a foreign one)."""
    _, clients, _ = world
    assert clients["bra"].get(f"/kommune/{code}").status_code in (404,)


def test_document_outside_listing_is_404(world) -> None:
    """It serves only files listed in outputs/aktuell: ``..`` and run.json are 404."""
    _, clients, _ = world
    for name in ("../portal/portal.sqlite3", "run.json", "%2E%2E/x"):
        assert clients["buero"].get(f"/dokumente/{name}").status_code == 404
    assert clients["buero"].get("/dokumente/Phase1_Bestandsaufnahme.docx").status_code == 200


def test_foreign_history_not_on_own_page(world) -> None:
    """It never lists NAU's submissions on BRA's page, and lists BRA's own."""
    config, clients, subs = world
    page = clients["bra"].get("/kommune/BRA").text
    assert subs["NAU"] not in page and subs["BRA"] in page
    assert Store(config.database).submission("BRA", subs["NAU"]) is None
