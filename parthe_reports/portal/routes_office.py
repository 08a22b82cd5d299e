"""The project office's pages (region overview, runs, audit log) and the documents page
(project office and Lenkungsgruppe)."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from fastapi import APIRouter, Request, Response
from fastapi.responses import FileResponse, RedirectResponse
from starlette.exceptions import HTTPException

from parthe_reports import notices, runs
from parthe_reports.digest import sha256_file
from parthe_reports.pipeline import FEEDBACK_DIR, PDF_DIR
from parthe_reports.portal.overview import region_status
from parthe_reports.portal.web import checked_form, page, portal, require

router = APIRouter()


@router.get("/projektbuero")
def office(request: Request) -> Response:
    require(request, "projektbuero")
    p = portal(request)
    today = p.today()
    return page(
        request,
        "projektbuero.html",
        rows=region_status(p.store.current(), p.region, today),
        period=p.region.period_of(today),
        today=today,
        run=p.launcher.state,
        history=list(reversed(runs.list_runs(p.config.outputs)))[:20],
        latest=runs.latest_complete_run(p.config.outputs),
        notices=_recent_notices(p.config.notices_folder(), 15),
        notice_status=notices.STATUS_DE,
    )


def _recent_notices(folder: Path, count: int) -> list[notices.Entry]:
    """The newest reminders and notices (also when no SMTP sent them: they are the record)."""
    return sorted(notices.read_entries(folder), key=lambda e: e.at, reverse=True)[:count]


@router.post("/projektbuero/lauf")
async def start_run(request: Request) -> Response:
    user = require(request, "projektbuero")
    await checked_form(request)
    p = portal(request)
    state = p.launcher.start(user.username)
    if state is not None:
        p.store.audit(user.username, "Lauf gestartet", state.via)
    return RedirectResponse("/projektbuero#lauf", status_code=303)


@router.get("/projektbuero/protokoll")
def audit_log(request: Request) -> Response:
    require(request, "projektbuero")
    return page(request, "protokoll.html", entries=portal(request).store.audit_log())


def _current_files(request: Request) -> tuple[Path | None, list[str]]:
    folder = runs.latest_complete_run(portal(request).config.outputs)
    if folder is None:
        return None, []
    return folder, [p.relative_to(folder).as_posix() for p in runs.list_outputs(folder)]


# Top folder of a run's file → heading on the documents page; the rest (Daten/,
# Eingangsdaten/) is machine-readable and folded away.
GROUPS = {"": "Berichte", PDF_DIR: "PDF", FEEDBACK_DIR: "Prüfberichte und markierte Kopien"}
DATA_GROUP = "Maschinenlesbare Daten (CSV, Parquet)"


def grouped(files: list[str]) -> list[tuple[str, list[str]]]:
    """The files of a run under their headings, documents first, data last."""
    out: dict[str, list[str]] = {title: [] for title in [*GROUPS.values(), DATA_GROUP]}
    for name in files:
        top = name.split("/", 1)[0] if "/" in name else ""
        out[GROUPS.get(top, DATA_GROUP)].append(name)
    return [(title, names) for title, names in out.items() if names]


@router.get("/dokumente")
def documents(request: Request) -> Response:
    require(request, "projektbuero", "lesend")
    folder, files = _current_files(request)
    return page(request, "dokumente.html", folder=folder, groups=grouped(files), data=DATA_GROUP)


@router.get("/dokumente/{name:path}")
def document(request: Request, name: str) -> Response:
    user = require(request, "projektbuero", "lesend")
    folder, files = _current_files(request)
    if folder is None or name not in files:  # only listed files: no path ever built from input
        raise HTTPException(404)
    path = folder / name
    digest = sha256_file(path)
    portal(request).store.audit(user.username, "Dokument geladen", f"{folder.name}/{name}", digest)
    media = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return FileResponse(path, media_type=media, filename=path.name)
