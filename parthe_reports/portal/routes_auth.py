"""Login, logout and the start page (each role to its own page)."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, Request, Response
from fastapi.responses import RedirectResponse

from parthe_reports.portal.auth import check_login, login_delay
from parthe_reports.portal.web import (
    checked_form,
    current_user,
    page,
    portal,
    start_session,
)

router = APIRouter()
HOME = {"kommune": "/kommune/{code}", "projektbuero": "/projektbuero", "lesend": "/dokumente"}


@router.get("/")
def home(request: Request) -> Response:
    user = current_user(request)
    if user is None:
        return RedirectResponse("/anmelden", status_code=303)
    return RedirectResponse(HOME[user.role].format(code=user.code), status_code=303)


@router.get("/anmelden")
def login_form(request: Request) -> Response:
    return page(request, "anmelden.html")


@router.post("/anmelden")
async def login(request: Request) -> Response:
    p = portal(request)
    form = await checked_form(request)
    username = str(form.get("benutzer", "")).strip()[:100]
    password = str(form.get("kennwort", ""))
    delay = login_delay(p.store.failures(username))
    if delay:  # after repeated failures every further attempt waits, right or wrong
        await asyncio.sleep(delay)
    user = p.store.user(username)
    ok = check_login(user.password_hash if user else None, password)
    if user is None or not ok or not user.active:
        p.store.record_failure(username)
        p.store.audit(username or "–", "Anmeldung fehlgeschlagen", "")
        text = "Benutzername oder Kennwort stimmt nicht, oder das Konto ist gesperrt."
        return page(request, "anmelden.html", 401, error=text, username=username)
    p.store.clear_failures(username)
    p.store.audit(username, "Anmeldung", user.role + (f" {user.code}" if user.code else ""))
    start_session(request, user)
    return RedirectResponse(HOME[user.role].format(code=user.code), status_code=303)


@router.post("/abmelden")
async def logout(request: Request) -> Response:
    await checked_form(request)
    user = current_user(request)
    if user is not None:
        portal(request).store.audit(user.username, "Abmeldung", "")
    start_session(request, None)
    return RedirectResponse("/anmelden", status_code=303)
