"""Prefect flow runs left RUNNING by a dead process are marked Crashed at the next start."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from uuid import UUID

import pytest

import flows  # noqa: F401  (Prefect environment defaults before prefect is imported)
from flows.crashed import TAG_PREFIX, mark_crashed, process_tag

pytestmark = [pytest.mark.prefect, pytest.mark.slow]


@pytest.fixture(scope="module")
def harness(prefect_api: str) -> Iterator[None]:
    yield  # the process's Prefect API (conftest)


def _running_flow_run(tag: str) -> str:
    from prefect import flow, get_client
    from prefect.states import Running

    @flow(name="parthe-test")
    def noop() -> None:
        return None

    with get_client(sync_client=True) as client:
        run = client.create_flow_run(noop, tags=[tag])
        client.set_flow_run_state(run.id, Running(), force=True)
        return str(run.id)


def _state(run_id: str) -> str:
    from prefect import get_client

    with get_client(sync_client=True) as client:
        state = client.read_flow_run(UUID(run_id)).state
        assert state is not None
        return str(state.type.value)


def test_running_flow_runs_of_dead_processes_become_crashed(harness: None) -> None:
    """It marks the RUNNING run of a dead process Crashed and leaves a live one RUNNING."""
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    dead = _running_flow_run(f"{TAG_PREFIX}{socket.gethostname()}:{gone.pid}")
    alive = _running_flow_run(process_tag())
    other_host = _running_flow_run(f"{TAG_PREFIX}anderer-rechner:{gone.pid}")
    assert mark_crashed()
    assert _state(dead) == "CRASHED"
    assert _state(alive) == "RUNNING" and _state(other_host) == "RUNNING"
