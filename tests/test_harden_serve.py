"""`serve` is not open: password, CORS, fixed paths, 127.0.0.1; its server child dies with
it; a server left on the port is named; dead flow runs are marked Crashed."""

from __future__ import annotations

import http.server
import os
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

import flows  # noqa: F401  (Prefect environment defaults before prefect is imported)
from flows import server
from flows.deployments import build_deployments
from flows.settings import read_env_file
from parthe_reports.errors import UserError
from parthe_reports.paths import INPUTS, REGION_CONFIG, ROOT
from tests.conftest import free_port, wait_for


def test_deployments_fix_the_paths_and_refuse_unknown_names(tmp_path: Path) -> None:
    """It freezes inputs, outputs and region file to the service's and allows no other names,
    while the Stichtag stays free."""
    out = tmp_path / "out"
    for d in build_deployments(INPUTS, out, REGION_CONFIG):
        schema = d._parameter_openapi_schema.model_dump(exclude_unset=True)
        assert schema["additionalProperties"] is False
        props = schema["properties"]
        assert props["outputs"]["enum"] == [str(out)] and props["outputs"]["readOnly"]
        assert props["inputs"]["enum"] == [str(INPUTS)]
        assert props["region_config"]["enum"] == [str(REGION_CONFIG)]
        assert "enum" not in props.get("stichtag", {})


class _Health(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200 if self.path == "/api/health" else 404)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        return None


def test_a_server_left_on_the_port_is_named() -> None:
    """It refuses to start where a Prefect-like server answers, naming its PID in German."""
    httpd = http.server.HTTPServer(("127.0.0.1", 0), _Health)
    port = httpd.server_address[1]
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        with pytest.raises(UserError) as caught:
            server.check_port_free(port)
    finally:
        httpd.shutdown()
        httpd.server_close()
    text = str(caught.value)
    assert "läuft schon ein Prefect-Server" in text and f"PID {os.getpid()}" in text
    server.check_port_free(port)  # the negative partner: a free port passes


def test_another_program_on_the_port_is_named() -> None:
    """It names a port taken by something that is not a Prefect server as such."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        with pytest.raises(UserError, match="von einem anderen Programm belegt"):
            server.check_port_free(s.getsockname()[1])


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """`parthe-reports serve` on a free port with a fresh Prefect home (it starts the server)."""
    base = tmp_path_factory.mktemp("serve")
    home, port = base / "prefect-home", free_port()
    env = {**os.environ, "PREFECT_HOME": str(home)}
    for key in ("PREFECT_API_URL", "PREFECT_SERVER_API_AUTH_STRING", "PREFECT_API_AUTH_STRING"):
        env.pop(key, None)
    args = ["--outputs", str(base / "out"), "--inputs", str(INPUTS), "--port", str(port)]
    proc = subprocess.Popen(
        [sys.executable, "-c", "from parthe_reports.cli import app; app()", "serve", *args],
        env=env,
        cwd=ROOT,
        stdout=(base / "serve.log").open("wb"),
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/api"
    try:
        wait_for("serve.env", lambda: (home / "serve.env").exists(), 60)
        auth = read_env_file(home / "serve.env")["PREFECT_API_AUTH_STRING"]
        user, _, password = auth.partition(":")
        info = {"url": url, "auth": (user, password), "proc": proc, "port": port, "base": base}
        wait_for("deployments", lambda: len(_deployments(info)) >= 3, 180)
        yield info
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()


def _deployments(info: dict[str, Any]) -> list[dict[str, Any]]:
    try:
        r = httpx.post(f"{info['url']}/deployments/filter", json={}, auth=info["auth"], timeout=5)
    except httpx.HTTPError:
        return []
    return list(r.json()) if r.status_code == 200 else []


@pytest.mark.prefect
@pytest.mark.slow
def test_unauthenticated_api_calls_are_refused(served: dict[str, Any]) -> None:
    """It answers 401 without the password and with a wrong one; 200 with the right one."""
    url = f"{served['url']}/deployments/filter"
    assert httpx.post(url, json={}, timeout=5).status_code == 401
    assert httpx.post(url, json={}, auth=("parthe", "falsch"), timeout=5).status_code == 401
    assert httpx.post(url, json={}, auth=served["auth"], timeout=5).status_code == 200


@pytest.mark.prefect
@pytest.mark.slow
def test_a_flow_run_with_a_foreign_outputs_path_is_refused(served: dict[str, Any]) -> None:
    """It refuses a flow run asking for another outputs folder or an unknown parameter,
    and nothing is written there."""
    nightly = next(d for d in _deployments(served) if d["name"] == "naechtlich")
    create = f"{served['url']}/deployments/{nightly['id']}/create_flow_run"
    evil = served["base"] / "fremd"
    for parameters in ({"outputs": str(evil)}, {"region_config": "/etc/passwd"}, {"x": 1}):
        r = httpx.post(create, json={"parameters": parameters}, auth=served["auth"], timeout=10)
        assert r.status_code in (409, 422), (parameters, r.text)
    assert not evil.exists()


@pytest.mark.prefect
@pytest.mark.slow
def test_cors_answers_only_the_ui_origin(served: dict[str, Any]) -> None:
    """It allows cross-origin calls from its own UI's origin only."""
    url = f"{served['url']}/deployments/filter"
    own = f"http://127.0.0.1:{served['port']}"
    for origin, allowed in ((own, True), ("http://evil.example", False)):
        r = httpx.options(
            url,
            headers={"Origin": origin, "Access-Control-Request-Method": "POST"},
            timeout=5,
        )
        assert (r.headers.get("access-control-allow-origin") == origin) is allowed


@pytest.mark.prefect
@pytest.mark.slow
def test_server_listens_on_loopback_only_and_dies_with_serve(served: dict[str, Any]) -> None:
    """It listens on 127.0.0.1 only, and the server child is gone soon after serve is killed
    hard (SIGKILL), the port free again."""
    port, proc = served["port"], served["proc"]
    child = server.listener_pid(port)
    assert child is not None and child != proc.pid
    listening = [
        line.split()[1]
        for line in Path("/proc/net/tcp").read_text().splitlines()[1:]
        if line.split()[3] == "0A" and int(line.split()[1].rsplit(":", 1)[1], 16) == port
    ]
    assert listening == [f"0100007F:{port:04X}"]
    proc.kill()
    proc.wait(10)
    wait_for("server child gone", lambda: not Path(f"/proc/{child}").exists(), 30)
    server.check_port_free(port)
