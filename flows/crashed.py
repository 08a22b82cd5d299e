"""Prefect flow runs whose process is gone are marked Crashed at the next start.

A run killed hard (SIGKILL, power, OOM) cannot report its end; Prefect would show it
RUNNING for ever (our runs turn their heartbeats off: they cost ≈ 1 s per run). So every
flow run we start carries a tag naming its process (``prozess:<host>:<pid>``,
:func:`process_tag`), and at the next start :func:`mark_crashed` looks at the RUNNING and
PENDING flow runs: on this host with a dead PID → Crashed. Runs of ``serve``'s deployments
found RUNNING when ``serve`` starts belong to an earlier ``serve`` (their API died with it)
and are marked Crashed as well.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Iterable
from typing import Any
from uuid import UUID

log = logging.getLogger("flows.crashed")
TAG_PREFIX = "prozess:"


def process_tag() -> str:
    """The tag naming this process: ``prozess:<host>:<pid>``."""
    return f"{TAG_PREFIX}{socket.gethostname()}:{os.getpid()}"


def _pid_gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # exists, another user's
        return False
    return False


def is_dead(flow_run: Any, deployments: Iterable[UUID] = ()) -> bool:
    """Whether a RUNNING/PENDING flow run's process is known to be gone."""
    for tag in flow_run.tags or []:
        if tag.startswith(TAG_PREFIX):
            host, _, pid = tag.removeprefix(TAG_PREFIX).rpartition(":")
            return host == socket.gethostname() and pid.isdigit() and _pid_gone(int(pid))
    return flow_run.deployment_id is not None and flow_run.deployment_id in set(deployments)


def mark_crashed(deployments: Iterable[UUID] = ()) -> list[str]:
    """Mark the dead RUNNING/PENDING flow runs Crashed; return their names. Never raises:
    this is housekeeping, a run must not fail over it."""
    try:
        return _mark_crashed(list(deployments))
    except Exception as exc:
        log.warning("Abgebrochene Flow-Läufe nicht geprüft: %s", exc)
        return []


def _mark_crashed(deployments: list[UUID]) -> list[str]:
    from prefect import get_client
    from prefect.client.schemas.filters import (
        FlowRunFilter,
        FlowRunFilterState,
        FlowRunFilterStateType,
    )
    from prefect.client.schemas.objects import StateType
    from prefect.states import Crashed

    active = FlowRunFilterStateType(any_=[StateType.RUNNING, StateType.PENDING])
    marked = []
    with get_client(sync_client=True) as client:
        found = client.read_flow_runs(
            flow_run_filter=FlowRunFilter(state=FlowRunFilterState(type=active))
        )
        for flow_run in found:
            if not is_dead(flow_run, deployments):
                continue
            message = "Prozess beendet, ohne sein Ende zu melden (beim nächsten Start erkannt)"
            client.set_flow_run_state(flow_run.id, Crashed(message=message), force=True)
            marked.append(flow_run.name)
    if marked:
        log.warning("Als abgestürzt markiert: %s", ", ".join(marked))
    return marked
