"""A real local Prefect server (``prefect server start``) for ``serve``: start it or use one.

No Prefect import here: the API URL must be in the environment before ``prefect`` is
imported, because Prefect reads its settings once, at import.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx

HOST = "127.0.0.1"
STARTUP_TIMEOUT_S = 90.0  # ≈ 9 s warm, ≈ 19 s on a fresh home measured here


def healthy(api_url: str) -> bool:
    """True when the API at ``api_url`` answers its health check."""
    with contextlib.suppress(httpx.HTTPError):
        return httpx.get(f"{api_url.rstrip('/')}/health", timeout=2).status_code == 200
    return False


def start_server(
    port: int, log_file: Path | None = None, timeout: float = STARTUP_TIMEOUT_S
) -> subprocess.Popen[bytes]:
    """Start ``prefect server start`` on 127.0.0.1:``port`` (its default SQLite database in
    PREFECT_HOME) and wait until healthy; raises RuntimeError after ``timeout`` seconds."""
    api_url = f"http://{HOST}:{port}/api"
    env = {**os.environ, "PREFECT_UI_ENABLED": "true", "PREFECT_SERVER_API_HOST": HOST}
    env.pop("PREFECT_API_URL", None)
    out = log_file.open("ab") if log_file else subprocess.DEVNULL
    proc = subprocess.Popen(
        [sys.executable, "-m", "prefect", "server", "start", "--host", HOST, "--port", str(port)],
        env=env,
        stdout=out,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"Prefect-Server beendet (Code {proc.returncode})")
        if healthy(api_url):
            return proc
        time.sleep(0.25)
    stop_server(proc)
    raise RuntimeError(f"Prefect-Server nicht innerhalb von {timeout:.0f} s bereit")


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    """Terminate a server started by :func:`start_server` (kill after 10 s)."""
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def ensure_api(
    port: int, log_file: Path | None = None
) -> tuple[str, subprocess.Popen[bytes] | None]:
    """Use $PREFECT_API_URL if set, else start a server; the URL goes into the environment."""
    url = os.environ.get("PREFECT_API_URL")
    if url:
        return url, None
    proc = start_server(port, log_file)
    url = f"http://{HOST}:{port}/api"
    os.environ["PREFECT_API_URL"] = url
    return url, proc
