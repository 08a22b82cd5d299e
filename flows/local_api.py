"""A Prefect API for this process only, served from a thread instead of a subprocess.

With no ``PREFECT_API_URL``, Prefect 3.9 starts a temporary server *subprocess* on the
first flow call: a second Python that imports Prefect again and migrates the database,
11–14 s per process here (measured; ≈ 6 s warm). Serving the same ASGI app
(``create_app(ephemeral=True)``: no UI, no background services) from a thread of our
own process skips the second interpreter: ≈ 2.5 s with a warm home. Prefect cannot run a
flow without any API in 3.x, so this is the smallest server there is.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

from flows.server import healthy

STARTUP_TIMEOUT_S = 120.0
SERVE_URL = "http://127.0.0.1:4200/api"  # where `parthe-reports serve` listens by default


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LocalAPI:
    """uvicorn serving Prefect's API on 127.0.0.1:<free port> in a daemon thread."""

    def __init__(self) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}/api"
        self._server: Any = None
        self._thread: threading.Thread | None = None

    def start(self, timeout: float = STARTUP_TIMEOUT_S) -> None:
        # Two runs starting on a fresh home would both migrate the SQLite database and one
        # fails ("duplicate column name"): the first migrates, the other waits for it.
        with _startup_lock():
            self._start(timeout)

    def _start(self, timeout: float) -> None:
        import httpx
        import uvicorn
        from prefect.server.api.server import create_app
        from prefect.settings import temporary_settings

        from flows.template import seed_home

        seed_home()  # a fresh home: the migrated empty database, not ≈ 150 migrations
        # The server thread runs in a copy of this context: it sees these settings.
        with temporary_settings(updates=SERVER_SETTINGS):
            app = create_app(ephemeral=True)
            context = contextvars.copy_context()
        config = uvicorn.Config(
            app, host="127.0.0.1", port=self.port, log_level="error", lifespan="on"
        )
        self._server = uvicorn.Server(config)
        self._server.install_signal_handlers = lambda: None  # keep Ctrl+C for the CLI
        self._thread = threading.Thread(
            target=context.run, args=(self._server.run,), name="prefect-api", daemon=True
        )
        self._thread.start()
        # Wait for uvicorn's own flag (set once the lifespan, i.e. migrations if any, is
        # done and the socket listens), then ask /health once. Polling /health with
        # httpx.get built a new client, and with it an SSL context (≈ 0.1 s CPU), every
        # 50 ms: ≈ 4 s of CPU taken from the starting server on a fresh home (py-spy).
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self._thread.is_alive():
                raise RuntimeError("Prefect-API konnte nicht gestartet werden")
            if self._server.started:
                with contextlib.suppress(httpx.HTTPError), httpx.Client(verify=False) as client:
                    if client.get(f"{self.url}/health", timeout=2).status_code == 200:
                        return
            time.sleep(0.02)
        raise RuntimeError(f"Prefect-API nicht innerhalb von {timeout:.0f} s bereit")

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(10)


# Not on the in-process API: registering Prefect's ≈ 50 block types (≈ 1.6 s on a new
# home, measured). Only the UI's block catalogue lists them; our result storage registers
# its own type when it is saved. Without the memo, a later `serve` (a real server, own
# settings) still registers them all.
SERVER_SETTINGS: dict[str, Any] = {
    "server.register_blocks_on_start": False,
    "server.memoize_block_auto_registration": False,
}


@contextlib.contextmanager
def _startup_lock() -> Iterator[None]:
    """An exclusive lock file in PREFECT_HOME (POSIX; on Windows no lock, runs rarely overlap)."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    from flows.settings import prefect_home

    home = prefect_home()
    home.mkdir(parents=True, exist_ok=True)
    with (home / ".api-start.lock").open("a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _listening(url: str) -> bool:
    """Something accepts connections at ``url``'s host and port (a plain socket: cheaper
    than an HTTP client, which loads the system's certificates first)."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    address = (parts.hostname or "127.0.0.1", parts.port or 80)
    with contextlib.suppress(OSError), socket.create_connection(address, timeout=0.5):
        return True
    return False


def _serve_auth() -> str | None:
    """The password of a `serve` on this machine's default port, if it is up and accepts
    the one in our Prefect home; otherwise None (never attach to a server we cannot prove
    is ours: it may be a stale one, or anyone's)."""
    import httpx

    from flows.settings import service_auth

    auth = service_auth()
    if not auth or not _listening(SERVE_URL) or not healthy(SERVE_URL):
        return None
    user, _, password = auth.partition(":")
    with contextlib.suppress(httpx.HTTPError):
        reply = httpx.get(f"{SERVE_URL}/admin/version", auth=(user, password), timeout=2)
        return auth if reply.status_code == 200 else None
    return None


@contextlib.contextmanager
def prefect_api(heartbeats: bool = False) -> Iterator[str]:
    """Use the configured API (``PREFECT_API_URL``) if any, else a local one for the block.

    Yields the API URL. ``heartbeats=False`` turns off flow-run heartbeats: they only
    detect crashed runs for a worker, and joining their thread costs ≈ 0.5–1 s per flow run.
    """
    from prefect.settings import get_current_settings, temporary_settings

    updates: dict[str, Any] = {}
    if not heartbeats:
        updates["flows.heartbeat_frequency"] = None
    # The environment, a profile or a test harness may already name an API.
    url = get_current_settings().api.url
    auth = _serve_auth() if not url else None
    if auth:
        url = SERVE_URL  # `parthe-reports serve` is up: runs show in its UI, no second API
        updates.update({"api.url": url, "api.auth_string": auth})
    api = None
    if not url:
        api = LocalAPI()
        api.start()
        url = api.url
        updates["api.url"] = url
        # Dask worker processes inherit the environment, not our settings context.
        os.environ["PREFECT_API_URL"] = url
    from prefect import tags

    from flows.crashed import mark_crashed, process_tag

    try:
        with temporary_settings(updates=updates), tags(process_tag()):
            mark_crashed()  # flow runs of processes killed earlier: Crashed, not RUNNING
            yield url
    finally:
        if api is not None:
            os.environ.pop("PREFECT_API_URL", None)
            drain_workers()
            api.stop()


def drain_workers() -> None:
    # Logs and events are sent by background workers; flush them before the API goes.
    with contextlib.suppress(Exception):
        from prefect.events.worker import EventsWorker
        from prefect.logging.handlers import APILogWorker

        APILogWorker.drain_all(timeout=5)
        EventsWorker.drain_all(timeout=5)
