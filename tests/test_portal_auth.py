"""Sessions, CSRF, passwords and the slowed login of the portal."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from parthe_reports.portal import routes_auth
from parthe_reports.portal.auth import (
    COOKIE,
    Session,
    Signer,
    hash_password,
    login_delay,
    verify_password,
)
from parthe_reports.portal.store import Store
from tests.portal_setup import PASSWORD, client_for, csrf, login, make_config


@pytest.fixture
def config(tmp_path: Path):  # type: ignore[no-untyped-def]
    return make_config(tmp_path)


def test_login_lands_on_own_page_and_sets_a_strict_cookie(config) -> None:
    """It logs a clerk in onto the own municipality's page with an HttpOnly SameSite cookie."""
    client = client_for(config)
    response = client.post(
        "/anmelden",
        data={"csrf": csrf(client), "benutzer": "bra", "kennwort": PASSWORD},
        follow_redirects=False,
    )
    assert response.status_code == 303 and response.headers["location"] == "/kommune/BRA"
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "max-age=1800" in cookie


def test_wrong_password_refused(config) -> None:
    """It refuses a wrong password with a German message and no session."""
    client = client_for(config)
    response = client.post(
        "/anmelden", data={"csrf": csrf(client), "benutzer": "bra", "kennwort": "falsch-falsch"}
    )
    assert response.status_code == 401
    assert "Benutzername oder Kennwort stimmt nicht" in response.text
    assert client.get("/kommune/BRA", follow_redirects=False).status_code == 303


@pytest.mark.parametrize("token", [None, "", "0" * 64])
def test_post_without_valid_csrf_refused(config, token: str | None) -> None:
    """It refuses a form without the session's CSRF token (400) and does nothing."""
    client = client_for(config, "buero")
    data = {} if token is None else {"csrf": token}
    response = client.post("/projektbuero/lauf", data=data)
    assert response.status_code == 400
    assert "Formular ist abgelaufen" in response.text
    assert Store(config.database).audit_log()[0].action != "Lauf gestartet"


def test_csrf_token_of_another_session_refused(config) -> None:
    """It refuses a token taken from another browser's session (the partner: own token works)."""
    other = client_for(config, "nau")
    foreign = csrf(other)
    client = client_for(config, "bra")
    response = client.post("/abmelden", data={"csrf": foreign}, follow_redirects=False)
    assert response.status_code == 400
    own = client.post("/abmelden", data={"csrf": csrf(client)}, follow_redirects=False)
    assert own.status_code == 303


def test_login_token_dies_at_login(config) -> None:
    """It renews the nonce at login: a token from before the login is refused after it."""
    client = client_for(config)
    before = csrf(client)
    login(client, "bra")
    assert client.post("/abmelden", data={"csrf": before}).status_code == 400


def test_session_times_out(config) -> None:
    """It ends a session after the timeout without a request."""
    signer = Signer(b"k" * 32, timeout_s=60)
    session = Session("n", 1, "s")
    cookie = signer.dump(session)
    assert signer.load(cookie) is not None
    later = time.time() + 61
    real = time.time
    try:
        time.time = lambda: later  # type: ignore[assignment]
        assert signer.load(cookie) is None
    finally:
        time.time = real  # type: ignore[assignment]


def test_tampered_cookie_is_anonymous(config) -> None:
    """It treats a cookie with a changed payload as no session at all."""
    signer = Signer(b"k" * 32, timeout_s=60)
    data, mac = signer.dump(Session("n", 1, "s")).rsplit(".", 1)
    forged = signer.dump(Session("n", 2, "s")).rsplit(".", 1)[0] + "." + mac
    assert signer.load(f"{data}.{mac}") is not None
    assert signer.load(forged) is None


def test_disabled_account_and_new_password_end_the_session(config) -> None:
    """It ends open sessions when the account is disabled or its password is reset."""
    store = Store(config.database)
    client = client_for(config, "bra")
    assert client.get("/kommune/BRA").status_code == 200
    store.set_password_hash("bra", hash_password("ein-neues-Kennwort"))
    assert client.get("/kommune/BRA", follow_redirects=False).status_code == 303
    login(client, "bra", "ein-neues-Kennwort")
    assert client.get("/kommune/BRA").status_code == 200
    store.set_active("bra", False)
    assert client.get("/kommune/BRA", follow_redirects=False).status_code == 303


def test_passwords_never_stored_or_logged_in_clear(config) -> None:
    """It keeps only argon2 hashes: the database file never holds the password."""
    client = client_for(config, "bra")
    client.post(
        "/anmelden", data={"csrf": csrf(client), "benutzer": "nau", "kennwort": "Geheim-987654"}
    )
    raw = config.database.read_bytes() + b"".join(
        p.read_bytes() for p in config.state.glob("portal.sqlite3*")
    )
    assert PASSWORD.encode() not in raw and b"Geheim-987654" not in raw
    user = Store(config.database).user("bra")
    assert user is not None and user.password_hash.startswith("$argon2id$")
    assert verify_password(user.password_hash, PASSWORD)
    assert not verify_password(user.password_hash, PASSWORD + "x")


def test_login_slowed_after_repeated_failures(config, monkeypatch: pytest.MonkeyPatch) -> None:
    """It makes the next attempt wait after repeated failures (and not before them)."""
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    monkeypatch.setattr(routes_auth.asyncio, "sleep", sleep)
    client = client_for(config)
    for _ in range(2):
        client.post(
            "/anmelden", data={"csrf": csrf(client), "benutzer": "bra", "kennwort": "x" * 10}
        )
    assert waits == []
    for _ in range(3):
        client.post(
            "/anmelden", data={"csrf": csrf(client), "benutzer": "bra", "kennwort": "x" * 10}
        )
    assert waits == [1.0, 2.0]
    login(client, "bra")  # the right password still works, after a wait, and clears the count
    assert waits[-1] == 4.0 and Store(config.database).failures("bra") == 0
    assert [login_delay(n) for n in (0, 2, 3, 4, 10, 100)] == [0, 0, 1, 2, 30, 30]


def test_cookie_flags_secure_behind_tls(tmp_path: Path) -> None:
    """It marks the cookie Secure when configured for a TLS proxy (and not by default)."""
    from dataclasses import replace

    config = make_config(tmp_path)
    plain = client_for(config).get("/anmelden").headers["set-cookie"].lower()
    secure = client_for(replace(config, secure_cookie=True)).get("/anmelden")
    assert "secure" not in plain
    assert "secure" in secure.headers["set-cookie"].lower()
    assert COOKIE in secure.headers["set-cookie"]
