"""Passwords, sessions, CSRF tokens and the slowed login.

* Passwords: argon2id (argon2-cffi); only the hash is stored, never the password.
* Session: one cookie, HttpOnly and SameSite=Strict, holding ``{user, nonce, last seen}``
  signed with HMAC-SHA256 by a secret kept in the state folder (0600). It expires after
  ``timeout`` seconds without a request; a new password or a disabled account ends it
  (the cookie carries a fingerprint of the password hash).
* CSRF: every form carries ``HMAC(secret, nonce)``; the nonce is renewed at login, so a
  token from before the login is worthless after it.
* Failed logins: from the third failure on, each further attempt for that user name waits
  1, 2, 4 … up to 30 seconds before the password is even checked.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

COOKIE = "portal_sitzung"
FREE_FAILURES = 2  # failures before the next attempt is slowed down
MAX_DELAY_S = 30.0
MIN_PASSWORD = 10

_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"Das Kennwort muss mindestens {MIN_PASSWORD} Zeichen lang sein")
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


# A hash to verify against when the user does not exist: the answer takes as long as for a
# real user, so timing does not reveal which user names exist.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


def check_login(password_hash: str | None, password: str) -> bool:
    if password_hash is None:
        verify_password(_DUMMY_HASH, password)
        return False
    return verify_password(password_hash, password)


def login_delay(failures: int) -> float:
    """Seconds the next attempt waits after ``failures`` failed ones (0 for the first few)."""
    if failures <= FREE_FAILURES:
        return 0.0
    return min(MAX_DELAY_S, 2.0 ** (failures - FREE_FAILURES - 1))


def load_secret(path: Path) -> bytes:
    """The signing key in ``path`` (made on first use, readable by the owner only)."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(secrets.token_bytes(32))
    return path.read_bytes()


def fingerprint(password_hash: str) -> str:
    """A short digest of the hash: a session ends when the password changes."""
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Session:
    """What the cookie holds; ``user`` None: not logged in (still has a nonce for CSRF)."""

    nonce: str
    user: int | None = None
    stamp: str = ""  # fingerprint of the user's password hash at login
    seen: float = 0.0

    @staticmethod
    def anonymous() -> Session:
        return Session(secrets.token_urlsafe(16), seen=time.time())


class Signer:
    """Signs and reads session cookies and CSRF tokens with one secret."""

    def __init__(self, secret: bytes, timeout_s: float) -> None:
        self.secret, self.timeout_s = secret, timeout_s

    def _mac(self, data: bytes) -> str:
        return hmac.new(self.secret, data, hashlib.sha256).hexdigest()

    def dump(self, session: Session) -> str:
        payload = {"n": session.nonce, "u": session.user, "s": session.stamp, "t": time.time()}
        data = base64.urlsafe_b64encode(json.dumps(payload).encode())
        return f"{data.decode()}.{self._mac(data)}"

    def load(self, cookie: str | None) -> Session | None:
        """The session of a valid, unexpired cookie; None for anything else."""
        if not cookie or "." not in cookie:
            return None
        data, _, mac = cookie.rpartition(".")
        if not hmac.compare_digest(mac, self._mac(data.encode())):
            return None
        try:
            raw: dict[str, Any] = json.loads(base64.urlsafe_b64decode(data.encode()))
            seen = float(raw["t"])
            session = Session(str(raw["n"]), raw["u"], str(raw["s"]), seen)
        except (ValueError, KeyError, TypeError):
            return None
        if session.user is not None and time.time() - seen > self.timeout_s:
            return None  # timed out: back to the login page
        return session

    def csrf(self, session: Session) -> str:
        return self._mac(f"csrf:{session.nonce}".encode())

    def csrf_ok(self, session: Session, token: str | None) -> bool:
        return bool(token) and hmac.compare_digest(self.csrf(session), token or "")
