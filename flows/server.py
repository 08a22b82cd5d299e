"""A real local Prefect server (``prefect server start``) for ``serve``: start it or use one.

No Prefect import here: the API URL must be in the environment before ``prefect`` is
imported, because Prefect reads its settings once, at import.

The server is not open to any local process or web page: it listens on 127.0.0.1 only,
asks every API call for the service's password (Prefect's basic auth,
``PREFECT_SERVER_API_AUTH_STRING``, from ``flows.settings.service_auth``) and answers CORS
only to its own UI's origin. It is our child: it gets SIGTERM when ``serve`` dies, however
(Linux ``prctl(PR_SET_PDEATHSIG)``), and a server left on the port is named, never reused.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from parthe_reports.errors import UserError

HOST = "127.0.0.1"
STARTUP_TIMEOUT_S = 90.0  # ≈ 9 s warm, ≈ 19 s on a fresh home measured here

# Runs in the child before it becomes the server: die with the parent (SIGTERM), and do not
# start at all if the parent is already gone (the prctl would come too late for that).
_LAUNCH = """\
import ctypes, os, signal, sys
ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
if os.getppid() != int(sys.argv[1]):
    sys.exit(0)
os.execv(sys.executable, [sys.executable, "-m", "prefect", *sys.argv[2:]])
"""


def healthy(api_url: str) -> bool:
    """True when the API at ``api_url`` answers its health check (needs no password)."""
    with contextlib.suppress(httpx.HTTPError):
        return httpx.get(f"{api_url.rstrip('/')}/health", timeout=2).status_code == 200
    return False


def server_command(port: int) -> list[str]:
    """``prefect server start`` on 127.0.0.1:``port``, through the death-signal launcher on
    Linux (elsewhere directly: no prctl there)."""
    args = ["server", "start", "--host", HOST, "--port", str(port)]
    if sys.platform.startswith("linux"):
        return [sys.executable, "-c", _LAUNCH, str(os.getpid()), *args]
    return [sys.executable, "-m", "prefect", *args]


def server_env(port: int, auth: str | None) -> dict[str, str]:
    """The child's environment: UI on, bound to 127.0.0.1, password, CORS for its own UI."""
    env = {
        **os.environ,
        "PREFECT_UI_ENABLED": "true",
        "PREFECT_SERVER_API_HOST": HOST,
        "PREFECT_SERVER_API_PORT": str(port),
        "PREFECT_SERVER_CORS_ALLOWED_ORIGINS": f"http://{HOST}:{port}",
    }
    env.pop("PREFECT_API_URL", None)
    if auth:
        env["PREFECT_SERVER_API_AUTH_STRING"] = auth
    return env


def start_server(
    port: int,
    log_file: Path | None = None,
    timeout: float = STARTUP_TIMEOUT_S,
    auth: str | None = None,
) -> subprocess.Popen[bytes]:
    """Start ``prefect server start`` on 127.0.0.1:``port`` (its default SQLite database in
    PREFECT_HOME) and wait until healthy. A taken port is a :class:`UserError` naming what
    holds it; a server that does not come up, RuntimeError after ``timeout`` seconds."""
    check_port_free(port)
    from flows.template import seed_home

    seed_home()  # a fresh home: the migrated empty database (flows.template)
    api_url = f"http://{HOST}:{port}/api"
    out = log_file.open("ab") if log_file else subprocess.DEVNULL
    proc = subprocess.Popen(
        server_command(port),
        env=server_env(port, auth),
        stdout=out,
        stderr=subprocess.STDOUT,
        start_new_session=os.name != "nt",  # its own group: stopped as a whole (stop_server)
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
    """Terminate a server started by :func:`start_server` and its group (kill after 10 s)."""
    _signal_group(proc, signal.SIGTERM)
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        _signal_group(proc, signal.SIGKILL)
        proc.wait()


def _signal_group(proc: subprocess.Popen[bytes], signum: int) -> None:
    try:
        os.killpg(proc.pid, signum)
    except (AttributeError, OSError):  # no process groups (Windows) or already gone
        with contextlib.suppress(OSError):
            proc.send_signal(signum)


def check_port_free(port: int) -> None:
    """Raise a :class:`UserError` naming whatever listens on 127.0.0.1:``port``: a Prefect
    server left behind (for example by a ``serve`` killed hard) or another program."""
    with socket.socket() as s:
        # As the server binds (uvicorn: SO_REUSEADDR): closed connections of an earlier
        # server (TIME_WAIT) do not count, only a socket that still listens.
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((HOST, port))
            return
        except OSError as exc:
            if exc.errno != errno.EADDRINUSE:
                raise
    pid = listener_pid(port)
    who = f" (PID {pid})" if pid else ""
    stop = f"bitte ihn beenden (kill {pid})" if pid else "bitte ihn beenden"
    if healthy(f"http://{HOST}:{port}/api"):
        raise UserError(
            f"Fehler: Auf Port {port} läuft schon ein Prefect-Server{who}, vermutlich von "
            f"einem hart beendeten „serve“; {stop} oder mit --port einen anderen Port wählen."
        )
    raise UserError(
        f"Fehler: Port {port} ist von einem anderen Programm belegt{who}; bitte es beenden "
        "oder mit --port einen anderen Port wählen."
    )


def listener_pid(port: int) -> int | None:
    """The PID listening on TCP ``port`` (Linux /proc; None where it cannot be seen)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError):
            for line in Path(table).read_text().splitlines()[1:]:
                fields = line.split()
                if fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:
                    inodes.add(fields[9])
    if not inodes:
        return None
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            for fd in (proc / "fd").iterdir():
                link = os.readlink(fd)
                if link.startswith("socket:[") and link[8:-1] in inodes:
                    return int(proc.name)
    return None


def ensure_api(
    port: int, log_file: Path | None = None, auth: str | None = None
) -> tuple[str, subprocess.Popen[bytes] | None]:
    """Use $PREFECT_API_URL if set, else start a server; the URL goes into the environment,
    and with it the password for this process's client and its flow-run children."""
    url = os.environ.get("PREFECT_API_URL")
    if url:
        return url, None
    proc = start_server(port, log_file, auth=auth)
    url = f"http://{HOST}:{port}/api"
    os.environ["PREFECT_API_URL"] = url
    if auth:
        os.environ["PREFECT_API_AUTH_STRING"] = auth
    return url, proc
