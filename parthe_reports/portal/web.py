"""The app factory and what every route shares: the session, the user, CSRF, pages.

Authorisation is decided here once: ``require`` gives the logged-in user of the allowed
roles (else the login page or 403), ``municipality_of`` the Kürzel a user may see (a
clerk's foreign or unknown Kürzel is a 404, so a URL never tells whether it exists).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from fastapi import APIRouter, FastAPI, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException as StarletteHTTPException

from parthe_reports import german
from parthe_reports.paths import ROOT
from parthe_reports.portal.auth import COOKIE, Session, Signer, fingerprint, load_secret
from parthe_reports.portal.checking import VerbundCache, too_large
from parthe_reports.portal.config import PortalConfig
from parthe_reports.portal.inbox import Inbox
from parthe_reports.portal.launch import Launcher, RunState
from parthe_reports.portal.store import ROLE_LABELS, Store, User
from parthe_reports.region import Region, load_region

TEMPLATES = ROOT / "templates" / "portal"
FORM_OVERHEAD = 64 * 1024  # multipart framing and the small fields around the file


class LoginRequired(Exception):
    """No valid session: the page answers with the login form."""


@dataclass
class Portal:
    """Everything the routes need, made once per app."""

    config: PortalConfig
    region: Region
    store: Store
    signer: Signer
    inbox: Inbox
    launcher: Launcher
    verbund_cache: VerbundCache
    templates: Jinja2Templates
    today: Callable[[], date] = field(default=date.today)  # tests fix the clock here


def portal(request: Request) -> Portal:
    found: Portal = request.app.state.portal
    return found


def session(request: Request) -> Session:
    found: Session = request.state.session
    return found


def start_session(request: Request, user: User | None) -> Session:
    """A fresh nonce (no session fixation; old CSRF tokens die) for ``user``."""
    new = Session.anonymous()
    if user is not None:
        new = Session(new.nonce, user.id, fingerprint(user.password_hash), new.seen)
    request.state.session = new
    return new


def current_user(request: Request) -> User | None:
    """The user of a valid session whose account is active and whose password is unchanged."""
    s = session(request)
    if s.user is None:
        return None
    user = portal(request).store.user_by_id(s.user)
    if user is None or not user.active or fingerprint(user.password_hash) != s.stamp:
        return None
    return user


def require(request: Request, *roles: str) -> User:
    user = current_user(request)
    if user is None:
        raise LoginRequired
    if roles and user.role not in roles:
        raise StarletteHTTPException(403)
    return user


def municipality_of(request: Request, code: str) -> tuple[User, str]:
    """The user and ``code`` when the user may see that municipality; else 404/403."""
    user = require(request, "kommune", "projektbuero")
    if code not in portal(request).region.codes:
        raise StarletteHTTPException(404)
    if user.role == "kommune" and user.code != code:
        raise StarletteHTTPException(404)  # the same answer as for an unknown Kürzel
    return user, code


async def checked_form(request: Request, limit: int | None = None) -> FormData:
    """The posted form, read within ``limit`` bytes, with a valid CSRF token; else 400/413."""
    p = portal(request)
    cap = (limit or 64 * 1024) + FORM_OVERHEAD
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > cap:
        raise _TooLarge(p.region.read_limits.file_bytes)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > cap:
            raise _TooLarge(p.region.read_limits.file_bytes)
    replay = _replay(bytes(body))
    form = await Request(request.scope, replay).form(max_files=1, max_fields=10)
    token = form.get("csrf")
    if not p.signer.csrf_ok(session(request), token if isinstance(token, str) else None):
        raise StarletteHTTPException(400, "csrf")
    return form


class _TooLarge(Exception):
    def __init__(self, limit: int) -> None:
        super().__init__(str(too_large(limit)))


def _replay(body: bytes) -> Callable[[], Awaitable[dict[str, Any]]]:
    sent = False

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A German page; every page gets the user, the CSRF token and the region."""
    p = portal(request)
    base = {
        "user": current_user(request),
        "csrf": p.signer.csrf(session(request)),
        "region": p.region,
        "roles": ROLE_LABELS,
    }
    return p.templates.TemplateResponse(request, name, base | context, status_code=status)


_ERRORS = {
    400: ("Anfrage ungültig", "Das Formular ist abgelaufen oder unvollständig. Bitte die Seite "
          "neu laden und es noch einmal versuchen."),
    403: ("Kein Zugriff", "Diese Seite ist für Ihre Rolle nicht freigegeben."),
    404: ("Nicht gefunden", "Diese Seite gibt es nicht, oder sie ist für Ihr Konto nicht "
          "freigegeben."),
    405: ("Nicht möglich", "Diese Aktion ist so nicht möglich."),
}  # fmt: skip


def _templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(TEMPLATES))
    env = templates.env
    env.filters["datum"] = lambda d: german.date_de(d) if d else ""
    env.filters["isodatum"] = lambda s: german.date_de(date.fromisoformat(s)) if s else ""
    env.filters["zeit"] = lambda t: t.strftime("%d.%m.%Y, %H:%M Uhr") if t else ""
    env.filters["zahl"] = lambda n: german.number(n, 0)
    return templates


def routers() -> list[APIRouter]:
    """Every router of the portal (the authorisation matrix test walks these)."""
    from parthe_reports.portal import routes_auth, routes_kommune, routes_office

    return [routes_auth.router, routes_kommune.router, routes_office.router]


def create_app(config: PortalConfig | None = None) -> FastAPI:
    """The portal as an ASGI app (``uvicorn`` serves it; tests use it directly)."""
    cfg = config or PortalConfig()
    region = load_region(cfg.region_config)
    cfg.state.mkdir(parents=True, exist_ok=True, mode=0o700)
    inbox = Inbox(cfg.inputs, cfg.state, region.read_limits)
    app = FastAPI(title="Abgabeportal", docs_url=None, redoc_url=None, openapi_url=None)
    store = Store(cfg.database)

    def ended(run: RunState) -> None:
        store.audit(run.by, "Lauf beendet", f"{run.run_folder or '–'}: {run.status}, {run.message}")

    app.state.portal = Portal(
        config=cfg,
        region=region,
        store=store,
        signer=Signer(load_secret(cfg.secret_file), cfg.session_timeout_s),
        inbox=inbox,
        launcher=Launcher(
            inbox, cfg.outputs, cfg.region_config, cfg.snapshots, cfg.prefect_api, ended
        ),
        verbund_cache=VerbundCache(),
        templates=_templates(),
    )
    for router in routers():
        app.include_router(router)
    _handlers(app)
    app.middleware("http")(_session_cookie)
    return app


async def _session_cookie(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    """Read the session before the route, write it (refreshed: sliding timeout) after."""
    p = portal(request)
    request.state.session = p.signer.load(request.cookies.get(COOKIE)) or Session.anonymous()
    response = await call_next(request)
    response.set_cookie(
        COOKIE,
        p.signer.dump(request.state.session),
        max_age=p.config.session_timeout_s,
        httponly=True,
        samesite="strict",
        secure=p.config.secure_cookie,
        path="/",
    )
    # No page of the portal may be framed or cached by a shared proxy.
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    return response


def _handlers(app: FastAPI) -> None:
    async def login(request: Request, exc: Exception) -> Response:
        return RedirectResponse("/anmelden", status_code=303)

    async def http_error(request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 500)
        title, text = _ERRORS.get(status, ("Fehler", "Das hat nicht geklappt."))
        return page(request, "fehler.html", status, title=title, text=text)

    async def large(request: Request, exc: Exception) -> Response:
        return page(request, "fehler.html", 413, title="Datei zu groß", text=str(exc))

    app.add_exception_handler(LoginRequired, login)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(_TooLarge, large)
