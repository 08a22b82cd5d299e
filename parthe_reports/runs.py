"""Run folders and atomic writes: every run gets its own folder, nothing is ever half-written.

Layout under ``outputs/``::

    2026-11-25_143012/        one folder per run, created exclusively (mkdir fails if taken)
      run.json                status "running" at start (with PID, host, start time in ns),
                              "complete"/"failed"/"aborted" written LAST
      .heartbeat              renewed every few seconds while the run's process lives
      ...documents...
    2026-11-25_143012-2/      a second run started in the same second
    aktuell -> 2026-11-25_143012      symlink to the latest COMPLETE run, swapped by rename
    LATEST.txt                the same pointer as a plain line of text
    .aktuell.lock             both pointers change only while this file is locked

Why both pointers: a symlink swapped with ``os.replace`` is atomic and lets people open
``outputs/aktuell/`` directly; Windows shares (SMB) and some Windows clients cannot create
or follow symlinks, so ``LATEST.txt`` holds the folder name for them and for scripts.

A run killed hard (SIGKILL, power, full disk) cannot write its status; its folder stays
"running". :func:`list_runs` therefore reports a "running" run whose process is gone (same
host: PID not alive; any host: heartbeat older than ``STALE_AFTER_S``) as "aborted".
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from parthe_reports.atomic import (
    _UMASK,  # noqa: F401  (tests read it here)
    _fsync_dir,
    atomic_path,
    atomic_write,
    atomic_write_bytes,
    atomic_write_json,
    atomic_write_text,
)

RUN_FILE = "run.json"
POINTER = "aktuell"
POINTER_TEXT = "LATEST.txt"
STATUS_RUNNING = "running"
STATUS_COMPLETE = "complete"
STATUS_FAILED = "failed"
STATUS_ABORTED = "aborted"  # interrupted (signal) or found dead: never complete
HEARTBEAT_FILE = ".heartbeat"
POINTER_LOCK = ".aktuell.lock"
HEARTBEAT_S = 10.0  # how often a live run touches its heartbeat file
STALE_AFTER_S = 120.0  # a heartbeat older than this: the run's process is gone
# Another host's run is judged by file times alone, which a share's clock may skew: an hour.
STALE_OTHER_HOST_S = 3600.0


__all__ = [
    "atomic_path",
    "atomic_write",
    "atomic_write_bytes",
    "atomic_write_json",
    "atomic_write_text",
]


@dataclass(frozen=True)
class RunInfo:
    """One run folder as listed by ``parthe-reports runs``."""

    path: Path
    status: str  # running / complete / failed / aborted (also: "running" whose process is gone)
    started: str
    finished: str | None
    stichtag: str | None
    findings: int | None
    exit_code: int | None

    @property
    def name(self) -> str:
        return self.path.name


def create_run_folder(outputs: Path, now: datetime | None = None) -> Path:
    """Create a new, empty run folder ``<YYYY-MM-DD_HHMMSS>[-n]`` exclusively and return it.

    ``mkdir`` without ``exist_ok`` is atomic: of two runs started in the same second,
    one gets the plain name and the other ``-2``; they never share a folder. run.json
    records the start in nanoseconds (the pointer's order), the PID and the host.
    """
    outputs.mkdir(parents=True, exist_ok=True)
    moment = now or datetime.now()
    stamp = moment.strftime("%Y-%m-%d_%H%M%S")
    started_ns = time.time_ns() if now is None else int(now.timestamp() * 1e9)
    for n in range(1, 1000):
        folder = outputs / (stamp if n == 1 else f"{stamp}-{n}")
        try:
            folder.mkdir()
        except FileExistsError:
            continue
        write_run_status(
            folder,
            STATUS_RUNNING,
            started=moment.isoformat(timespec="seconds"),
            started_ns=started_ns,
            pid=os.getpid(),
            host=socket.gethostname(),
        )
        return folder
    raise RuntimeError(f"no free run folder name for {stamp} in {outputs}")


def write_run_status(folder: Path, status: str, **details: Any) -> Path:
    """Write ``run.json``; callers write "complete"/"failed" only after every output."""
    path = folder / RUN_FILE
    previous = read_run_json(folder) or {}
    record = {**previous, **details, "status": status, "run": folder.name}
    record.setdefault("started", datetime.now().isoformat(timespec="seconds"))
    if status != STATUS_RUNNING:
        record["finished"] = datetime.now().isoformat(timespec="seconds")
    return atomic_write_json(path, record)


def read_run_json(folder: Path) -> dict[str, Any] | None:
    """The run record of a folder, or None when there is none (not a run folder)."""
    try:
        data = json.loads((folder / RUN_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def finish_run(folder: Path, ok: bool, **details: Any) -> None:
    """Mark a run complete (and move the pointer to it) or failed (pointer stays)."""
    # The renames of every output become durable here, once per folder, before the status.
    for sub in [folder, *(p for p in folder.rglob("*") if p.is_dir())]:
        _fsync_dir(sub)
    write_run_status(folder, STATUS_COMPLETE if ok else STATUS_FAILED, **details)
    if ok:
        update_latest_pointer(folder)


# ---- liveness: heartbeat, PID and host ---------------------------------------------------


@contextlib.contextmanager
def heartbeat(folder: Path, every: float = HEARTBEAT_S) -> Iterator[None]:
    """Renew ``<run>/.heartbeat`` every ``every`` seconds while the block runs.

    If the block ends with run.json still "running" (the run was interrupted by a signal,
    or something escaped the run's own error handling), the run is marked "aborted" here,
    so a clean shutdown never leaves a run that looks alive.
    """
    beat = folder / HEARTBEAT_FILE
    stop = threading.Event()

    def renew() -> None:
        while not stop.wait(every):
            with contextlib.suppress(OSError):  # a full disk must not kill the run from here
                beat.touch()

    with contextlib.suppress(OSError):
        beat.touch()

    thread = threading.Thread(target=renew, name=f"heartbeat-{folder.name}", daemon=True)
    thread.start()
    try:
        yield
    except BaseException as exc:
        _abort_if_running(folder, exc)
        raise
    else:
        _abort_if_running(folder, None)
    finally:
        stop.set()
        thread.join(every + 1)
        with contextlib.suppress(OSError):
            beat.unlink()


def _abort_if_running(folder: Path, exc: BaseException | None) -> None:
    data = read_run_json(folder)
    if data is None or data.get("status") != STATUS_RUNNING:
        return
    reason = "abgebrochen" if exc is None else f"abgebrochen ({_reason(exc)})"
    with contextlib.suppress(OSError):  # full disk: list_runs still sees a dead run
        write_run_status(folder, STATUS_ABORTED, error=reason, exit_code=2)


def _reason(exc: BaseException) -> str:
    signum = getattr(exc, "signal", None) or getattr(exc, "signum", None)
    if isinstance(exc, KeyboardInterrupt) and signum is None:
        return "Strg+C"
    if isinstance(signum, int):
        with contextlib.suppress(ValueError):
            return f"Signal {signal.Signals(signum).name}"
    return str(exc) or type(exc).__name__


def is_alive(folder: Path, data: dict[str, Any]) -> bool:
    """Whether the process of a "running" run still lives: its heartbeat (run.json for runs
    without one) is fresh (another host's: within an hour), and on this host its PID exists."""
    beat = folder / HEARTBEAT_FILE
    try:
        touched = (beat if beat.exists() else folder / RUN_FILE).stat().st_mtime
    except OSError:
        return False
    pid, host = data.get("pid"), data.get("host")
    here = isinstance(pid, int) and host == socket.gethostname()
    if time.time() - touched > (STALE_AFTER_S if here or host is None else STALE_OTHER_HOST_S):
        return False
    return _pid_alive(pid) if here and isinstance(pid, int) else True


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: it exists
        return True
    except OSError:
        return False
    return True


def effective_status(folder: Path, data: dict[str, Any]) -> str:
    """run.json's status, except a "running" run whose process is gone: "aborted"."""
    status = str(data.get("status", STATUS_RUNNING))
    if status == STATUS_RUNNING and not is_alive(folder, data):
        return STATUS_ABORTED
    return status


# ---- the pointer ---------------------------------------------------------------------------


def update_latest_pointer(folder: Path) -> None:
    """Point ``aktuell`` and ``LATEST.txt`` at ``folder`` unless a newer complete run already is.

    Under an exclusive lock on ``outputs/.aktuell.lock``: the newer run (by its recorded
    start time) always wins, and both pointers are written together, so they agree after
    any number of concurrent finishes. Each swap is a rename: never missing or dangling.
    """
    outputs = folder.parent
    with _pointer_lock(outputs):
        target = folder
        for current in _pointed_runs(outputs):
            if start_key(current) > start_key(target):
                target = current
        _write_pointers(outputs, target)


def start_key(folder: Path) -> tuple[int, int, str]:
    """A run's place in time: run.json's ``started_ns``, else the time in its folder name;
    then the ``-n`` of runs started in the same second."""
    data = read_run_json(folder) or {}
    stamp, _, n = folder.name.partition("-")
    ns = data.get("started_ns")
    if not isinstance(ns, int):
        try:
            ns = int(datetime.strptime(stamp[:17], "%Y-%m-%d_%H%M%S").timestamp() * 1e9)
        except ValueError:
            ns = 0
    return ns, int(n) if n.isdigit() else 1, folder.name


def _pointed_runs(outputs: Path) -> list[Path]:
    """The complete runs either pointer names (they may disagree after an older version)."""
    found = []
    for candidate in (outputs / POINTER, outputs / POINTER_TEXT):
        name = _pointer_name(candidate)
        if name is None:
            continue
        run = read_run_json(outputs / name)
        if run and run.get("status") == STATUS_COMPLETE:
            found.append(outputs / name)
    return found


def _pointer_name(candidate: Path) -> str | None:
    try:
        if candidate.is_symlink():
            return Path(os.readlink(candidate)).name
        return Path(candidate.read_text(encoding="utf-8").strip()).name or None
    except OSError:
        return None


def _write_pointers(outputs: Path, folder: Path) -> None:
    link = outputs / POINTER
    if _pointer_name(link) != folder.name:
        tmp_link = outputs / f".{POINTER}.{os.getpid()}.{threading.get_ident()}.tmp"
        with contextlib.suppress(OSError):
            tmp_link.unlink()
        try:
            os.symlink(folder.name, tmp_link, target_is_directory=True)
            os.replace(tmp_link, link)
        except OSError:
            # No symlinks here (Windows share): LATEST.txt below is the pointer.
            with contextlib.suppress(OSError):
                tmp_link.unlink()
    if _pointer_name(outputs / POINTER_TEXT) != folder.name:
        atomic_write_text(outputs / POINTER_TEXT, folder.name + "\n")


@contextlib.contextmanager
def _pointer_lock(outputs: Path) -> Iterator[None]:
    """An exclusive ``flock`` on ``outputs/.aktuell.lock`` (POSIX). Where there is none
    (Windows) or the share refuses locks, the update goes on unlocked, as before."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    with (outputs / POINTER_LOCK).open("a") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX)
        except OSError:
            yield
            return
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def latest_complete_run(outputs: Path) -> Path | None:
    """The folder the pointer names, if it is a complete run; else None."""
    found = _pointed_runs(outputs)
    return found[0] if found else None


# ---- listing and retention ------------------------------------------------------------------


def list_runs(outputs: Path) -> list[RunInfo]:
    """Every run folder under ``outputs``, oldest first; a dead "running" run is "aborted"."""
    if not outputs.is_dir():
        return []
    runs = []
    for folder in sorted(p for p in outputs.iterdir() if p.is_dir() and not p.is_symlink()):
        data = read_run_json(folder)
        if data is None:
            continue
        runs.append(
            RunInfo(
                path=folder,
                status=effective_status(folder, data),
                started=str(data.get("started", "")),
                finished=data.get("finished"),
                stichtag=data.get("stichtag"),
                findings=data.get("findings"),
                exit_code=data.get("exit_code"),
            )
        )
    return runs


def list_outputs(folder: Path) -> list[Path]:
    """Files of a run folder (recursively), without temp files, run.json and the heartbeat."""
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and ".part" not in p.name and p.name not in (RUN_FILE, HEARTBEAT_FILE)
    )


def prune_runs(outputs: Path, keep: int, protected: Iterable[str] = ()) -> list[Path]:
    """Delete the oldest finished runs beyond ``keep`` (region.toml [retention]); return them.

    Never touches the run the pointer names, a run still running (it may be in progress in
    another process; a "running" run whose process is gone counts as aborted, and goes),
    nor a run named in ``protected`` (e.g. the runs progress reports were based on:
    ``history.prune_runs``).
    """
    latest = latest_complete_run(outputs)
    keep_names = set(protected) | ({latest.name} if latest is not None else set())
    finished = [r for r in list_runs(outputs) if r.status != STATUS_RUNNING]
    removed = []
    for run in finished[: max(0, len(finished) - keep)]:
        if run.path.name in keep_names:
            continue
        shutil.rmtree(run.path, ignore_errors=True)
        removed.append(run.path)
    return removed
