"""`parthe-reports serve` against a real `prefect server start`: schedules and a triggered run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from flows.server import start_server, stop_server
from parthe_reports import runs
from parthe_reports.paths import INPUTS, ROOT
from parthe_reports.region import load_region
from tests.conftest import free_port, wait_for
from tests.test_pipeline import docx_text

pytestmark = [pytest.mark.prefect, pytest.mark.slow]


def _wait(what: str, check: Any, timeout: float) -> Any:
    """``wait_for``; a busy server (503, reset) is asked again."""
    return wait_for(what, check, timeout, (httpx.TransportError, _Busy), every=1)


class _Busy(Exception):
    """The server answered 5xx (Prefect's 503 while its database is busy)."""


def _ok(r: httpx.Response) -> httpx.Response:
    if r.status_code >= 500:
        raise _Busy(f"{r.status_code} {r.text[:200]}")
    r.raise_for_status()
    return r


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A real server on a free port (fresh home) and `parthe-reports serve` connected to it."""
    base = tmp_path_factory.mktemp("serve")
    env = {**os.environ, "PREFECT_HOME": str(base / "prefect-home")}
    env.pop("PREFECT_API_URL", None)
    port = free_port()
    old = dict(os.environ)
    os.environ.update({"PREFECT_HOME": env["PREFECT_HOME"]})
    try:
        server = start_server(port, log_file=base / "server.log", timeout=120)
    finally:
        os.environ.clear()
        os.environ.update(old)
    url = f"http://127.0.0.1:{port}/api"
    out = base / "out"
    serve = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from parthe_reports.cli import app; app()",
            "serve",
            "--outputs",
            str(out),
            "--inputs",
            str(INPUTS),
        ],
        env={**env, "PREFECT_API_URL": url},
        cwd=ROOT,
        stdout=(base / "serve.log").open("wb"),
        stderr=subprocess.STDOUT,
    )
    try:
        yield url, out
    finally:
        serve.send_signal(signal.SIGINT)
        try:
            serve.wait(20)
        except subprocess.TimeoutExpired:
            serve.kill()
            serve.wait()
        stop_server(server)


def _deployments(url: str) -> list[dict[str, Any]]:
    return list(_ok(httpx.post(f"{url}/deployments/filter", json={}, timeout=30)).json())


def test_serve_registers_the_configured_schedules(served: tuple[str, Path]) -> None:
    """It creates one deployment per region.toml schedule with that cron and time zone."""
    url, _ = served
    found = _wait("4 deployments", lambda: len(_deployments(url)) >= 4 and _deployments(url), 120)
    region = load_region()
    expected = {
        "naechtlich": region.schedules["pipeline"],
        "foerderfristen-woechentlich": region.schedules["funding_deadlines"],
        "fortschrittsbericht-monatlich": region.schedules["progress_report"],
        "erinnerungen-taeglich": region.schedules["reminders"],
    }
    got = {d["name"]: d["schedules"][0]["schedule"] for d in found}
    assert {k: v["cron"] for k, v in got.items()} == expected
    assert {v["timezone"] for v in got.values()} == {region.schedules["timezone"]}
    assert all(d["schedules"][0]["active"] for d in found)


def test_triggered_deployment_run_writes_documents(served: tuple[str, Path]) -> None:
    """It runs the nightly deployment when triggered through the API and writes the documents."""
    url, out = served
    _wait("deployments", lambda: len(_deployments(url)) >= 3, 120)
    nightly = next(d for d in _deployments(url) if d["name"] == "naechtlich")
    created = _wait(
        "a flow run created",
        lambda: _ok(
            httpx.post(
                f"{url}/deployments/{nightly['id']}/create_flow_run",
                json={"parameters": {"stichtag": "2026-11-25"}},
                timeout=30,
            )
        ).json(),
        120,
    )
    run_id = created["id"]

    def final_state() -> str | None:
        state = _ok(httpx.get(f"{url}/flow_runs/{run_id}", timeout=30)).json()["state"]
        return state["type"] if state["type"] in {"COMPLETED", "FAILED", "CRASHED"} else None

    assert _wait("flow run", final_state, 300) == "COMPLETED"
    latest = runs.latest_complete_run(out)
    assert latest is not None
    phase1 = next(latest.glob("Phase1*.docx"))
    assert "Partheland" in docx_text(phase1)
    assert runs.read_run_json(latest)["stichtag"] == "2026-11-25"
