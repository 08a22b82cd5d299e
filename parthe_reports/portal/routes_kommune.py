"""A municipality's pages: template, upload with findings, submission, own history.

Every route takes the Kürzel from the URL through ``municipality_of`` (a clerk's foreign
Kürzel is a 404) and a submission only together with that Kürzel (``Store.submission``).
Uploads and submissions are for the municipality's own clerks only.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from fastapi import APIRouter, Request, Response
from fastapi.responses import FileResponse, RedirectResponse
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException

from parthe_reports.errors import Severity
from parthe_reports.paths import REGIONAL_WORKBOOK
from parthe_reports.portal.checking import (
    COPY_FILE,
    REPORT_FILE,
    Checked,
    Refused,
    check_upload,
    finding_rows,
    write_feedback,
)
from parthe_reports.portal.inbox import Busy
from parthe_reports.portal.overview import municipality_status
from parthe_reports.portal.store import CHECKED, Submission, now
from parthe_reports.portal.web import Portal, checked_form, municipality_of, page, portal
from parthe_reports.schema import MUNICIPAL
from parthe_reports.workbooks.template import template_file_name, write_workbook

router = APIRouter(prefix="/kommune/{code}")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _own_page(request: Request, code: str, status: int = 200, **extra: object) -> Response:
    p = portal(request)
    subs = p.store.submissions(code)
    return page(
        request,
        "kommune.html",
        status,
        code=code,
        municipality=p.region.municipality(code),
        submissions=subs,
        status_line=municipality_status(p.store.current().get(code), p.region, p.today()),
        **extra,
    )


@router.get("")
def overview(request: Request, code: str) -> Response:
    municipality_of(request, code)
    return _own_page(request, code)


@router.get("/vorlage")
def template(request: Request, code: str) -> Response:
    user, code = municipality_of(request, code)
    p = portal(request)
    m = p.region.municipality(code)
    with tempfile.TemporaryDirectory(prefix="portal-vorlage-") as tmp:
        data = write_workbook(Path(tmp) / "v.xlsx", MUNICIPAL, p.region, m).read_bytes()
    p.store.audit(user.username, "Vorlage geladen", code)
    name = template_file_name(m)
    return Response(data, media_type=XLSX, headers=_attachment(name))


@router.post("/hochladen")
async def upload(request: Request, code: str) -> Response:
    user, code = municipality_of(request, code)
    if user.role != "kommune":
        raise HTTPException(403)
    p = portal(request)
    form = await checked_form(request, p.region.read_limits.file_bytes)
    file = form.get("datei")
    if not isinstance(file, UploadFile):
        return _own_page(request, code, 422, error="Bitte eine Datei auswählen.")
    data = await file.read()
    original = _printable(file.filename or "")
    try:
        checked = await run_in_threadpool(_check, p, data, original, code)
    except Refused as exc:
        p.store.audit(user.username, "Hochladen abgelehnt", f"{code}: {original}: {exc}")
        return _own_page(request, code, 422, error=str(exc))
    p.store.add_submission(_submission(checked, code, user.username, original))
    p.store.audit(user.username, "Hochgeladen", f"{code}: {original}", checked.sha256)
    return RedirectResponse(f"/kommune/{code}/pruefung/{checked.id}", status_code=303)


def _check(p: Portal, data: bytes, original: str, code: str) -> Checked:
    verbund = p.config.inputs / REGIONAL_WORKBOOK.name
    checked = check_upload(data, original, code, p.config.uploads, p.region, verbund,
                           p.verbund_cache, p.today())  # fmt: skip
    write_feedback(checked, p.region, p.today())
    return checked


def _submission(checked: Checked, code: str, username: str, original: str) -> Submission:
    return Submission(
        id=checked.id,
        code=code,
        username=username,
        original_name=original,
        stored_path=str(checked.path),
        sha256=checked.sha256,
        uploaded=now(),
        errors=checked.count(Severity.ERROR),
        warnings=checked.count(Severity.WARNING),
        notes=checked.count(Severity.NOTE),
        findings=finding_rows(checked.findings),
        state=CHECKED,
        submitted=None,
        submitted_by=None,
    )


def _found(request: Request, code: str, sub_id: str) -> Submission:
    sub = portal(request).store.submission(code, sub_id)
    if sub is None:
        raise HTTPException(404)
    return sub


@router.get("/pruefung/{sub_id}")
def findings(request: Request, code: str, sub_id: str) -> Response:
    municipality_of(request, code)
    return _findings_page(request, code, _found(request, code, sub_id))


def _findings_page(
    request: Request, code: str, sub: Submission, status: int = 200, error: str = ""
) -> Response:
    folder = Path(sub.stored_path).parent
    return page(
        request,
        "pruefung.html",
        status,
        code=code,
        municipality=portal(request).region.municipality(code),
        sub=sub,
        has_copy=(folder / COPY_FILE).exists(),
        error=error,
    )


@router.get("/pruefung/{sub_id}/{kind}")
def download(request: Request, code: str, sub_id: str, kind: str) -> Response:
    user, code = municipality_of(request, code)
    sub = _found(request, code, sub_id)
    stored = Path(sub.stored_path)
    files = {
        "pruefbericht": (stored.parent / REPORT_FILE, f"Pruefbericht_{code}.docx", DOCX),
        "kopie": (stored.parent / COPY_FILE, f"{code}_Rueckmeldung.xlsx", XLSX),
        "workbook": (stored, stored.name, XLSX),
    }
    if kind not in files or not files[kind][0].is_file():
        raise HTTPException(404)
    path, name, media = files[kind]
    portal(request).store.audit(user.username, "Heruntergeladen", f"{code}: {name}", sub.sha256)
    return FileResponse(path, media_type=media, filename=name)


@router.post("/pruefung/{sub_id}/einreichen")
async def submit(request: Request, code: str, sub_id: str) -> Response:
    user, code = municipality_of(request, code)
    if user.role != "kommune":
        raise HTTPException(403)
    p = portal(request)
    form = await checked_form(request)
    sub = _found(request, code, sub_id)
    if sub.errors:
        text = (f"Einreichen nicht möglich: Das Workbook hat {sub.errors} Fehler. Bitte die "
                "Fehler beheben und die korrigierte Datei erneut hochladen.")  # fmt: skip
        return _findings_page(request, code, sub, 422, text)
    if sub.warnings and form.get("bestaetigt") != "ja":
        text = ("Das Workbook hat Warnungen. Bitte bestätigen, dass sie geprüft sind, und "
                "dann erneut „Einreichen“ wählen.")  # fmt: skip
        return _findings_page(request, code, sub, 422, text)
    stamp = now().strftime("%Y-%m-%d_%H%M%S")
    try:
        await run_in_threadpool(
            p.inbox.submit, code, Path(sub.stored_path), f"{stamp}_{sub.id[:8]}"
        )
    except Busy:
        text = "Der Eingangsordner ist gerade belegt. Bitte in einer Minute erneut einreichen."
        return _findings_page(request, code, sub, 503, text)
    p.store.make_current(code, sub.id, user.username)
    p.store.audit(user.username, "Eingereicht", f"{code}: {sub.original_name}", sub.sha256)
    return RedirectResponse(f"/kommune/{code}?eingereicht={sub.id}", status_code=303)


def _printable(name: str) -> str:
    """The user's file name for display only (never a path): no control characters."""
    return "".join(ch for ch in name if ch.isprintable())[:200] or "(ohne Namen)"


def _attachment(name: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{name}"'}
