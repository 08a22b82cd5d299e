"""Pipeline runs started from the project office's page: one at a time, in a thread.

The run reads a snapshot of ``inputs/`` (``Inbox.snapshot``), never the live folder, so
submissions may go on while it runs. It goes through ``serve``'s Prefect deployment when
that server answers, else the pipeline flow runs in this process (as ``parthe-reports run``).
The page polls ``Launcher.state``.
"""

from __future__ import annotations

import logging
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from parthe_reports import runs
from parthe_reports.portal.inbox import Inbox

log = logging.getLogger(__name__)
RUNNING, DONE, FAILED = "läuft", "abgeschlossen", "fehlgeschlagen"
KEEP_SNAPSHOTS = 3
POLL_S = 2.0


@dataclass(frozen=True)
class RunState:
    """What the page shows about the last run started here."""

    started: datetime
    by: str
    via: str  # „Prefect-Deployment (serve)“ or „im Portal“
    status: str = RUNNING
    done: int = 0
    total: int = 0
    message: str = ""
    run_folder: str = ""
    exit_code: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)


class _Count:
    """A pipeline Listener that counts finished items for the page."""

    def __init__(self, update: Callable[..., None]) -> None:
        self.update, self.totals, self.done_ = update, dict[str, int](), 0

    def expect(self, kind: str, total: int) -> None:
        self.totals[kind] = total  # an estimate first, then corrected
        self.update(total=sum(self.totals.values()))

    def done(self, kind: str, label: str) -> None:
        self.done_ += 1
        self.update(done=self.done_)


class Launcher:
    """Starts runs and keeps the state of the last one."""

    def __init__(
        self,
        inbox: Inbox,
        outputs: Path,
        region_config: Path,
        snapshots: Path,
        api_url: str | None = None,
        on_end: Callable[[RunState], None] = lambda state: None,
    ) -> None:
        self.inbox, self.outputs, self.region_config = inbox, outputs, region_config
        self.snapshots, self.api_url, self.on_end = snapshots, api_url, on_end
        self._state: RunState | None = None
        self._lock = threading.Lock()

    @property
    def state(self) -> RunState | None:
        with self._lock:
            return self._state

    def _update(self, **changes: Any) -> None:
        with self._lock:
            if self._state is not None:
                self._state = replace(self._state, **changes)

    def start(self, username: str) -> RunState | None:
        """Start a run; None when one is still running."""
        from flows.trigger import serve_api

        with self._lock:
            if self._state is not None and self._state.status == RUNNING:
                return None
            api = serve_api(self.api_url)
            via = "Prefect-Deployment (serve)" if api else "im Portal"
            self._state = RunState(datetime.now().replace(microsecond=0), username, via)
            state = self._state
        threading.Thread(target=self._run, args=(api,), daemon=True, name="portal-run").start()
        return state

    def _run(self, api: str | None) -> None:
        try:
            # Through serve the service's own inputs folder is read (its paths are fixed).
            if not (api and self._via_deployment(api)):
                self._update(via="im Portal")
                self._in_process(self._snapshot())
        except Exception as exc:  # the page says what happened; the log keeps the detail
            log.exception("Lauf aus dem Portal fehlgeschlagen")
            self._update(status=FAILED, message=f"Der Lauf ist abgebrochen ({exc}).")
        state = self.state
        if state is not None:
            self.on_end(state)

    def _snapshot(self) -> Path:
        self.snapshots.mkdir(parents=True, exist_ok=True)
        old = sorted(p for p in self.snapshots.iterdir() if p.is_dir())
        for folder in old[: max(0, len(old) - KEEP_SNAPSHOTS + 1)]:
            shutil.rmtree(folder, ignore_errors=True)
        name = datetime.now().strftime("%Y-%m-%d_%H%M%S_%f")
        return self.inbox.snapshot(self.snapshots / name)

    def _in_process(self, inputs: Path) -> None:
        from flows.trigger import run_here

        summary = run_here(inputs, self.outputs, self.region_config, _Count(self._update))
        ok = summary.exit_code != 2
        self._update(
            status=DONE if ok else FAILED,
            run_folder=summary.run_folder.name,
            exit_code=summary.exit_code,
            message=_verdict(summary.exit_code),
        )

    def _via_deployment(self, api: str) -> bool:
        from flows.trigger import deployment_state, start_deployment

        flow_run = start_deployment(api)
        if flow_run is None:
            return False  # serve runs without the pipeline schedule: run it here
        before = {r.name for r in runs.list_runs(self.outputs)}
        final = False
        while not final:
            time.sleep(POLL_S)
            kind, final = deployment_state(api, flow_run)
            self._update(message=f"Prefect: {kind}")
        new = [r for r in runs.list_runs(self.outputs) if r.name not in before]
        code = new[-1].exit_code if new else None
        self._update(
            status=DONE if kind == "COMPLETED" and code != 2 else FAILED,
            run_folder=new[-1].name if new else "",
            exit_code=code,
            message=_verdict(code),
        )
        return True


def _verdict(code: int | None) -> str:
    return {
        0: "ohne Fehler",
        1: "mit Fehlern oder Lücken in den Eingaben",
        2: "fehlgeschlagen",
    }.get(code if code is not None else -1, "Ergebnis unbekannt")
