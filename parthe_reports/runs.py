"""Run folders and atomic writes: every run gets its own folder, nothing is ever half-written.

Layout under ``outputs/``::

    2026-11-25_143012/        one folder per run, created exclusively (mkdir fails if taken)
      run.json                status "running" at start, "complete"/"failed" written LAST
      ...documents...
    2026-11-25_143012-2/      a second run started in the same second
    aktuell -> 2026-11-25_143012      symlink to the latest COMPLETE run, swapped by rename
    LATEST.txt                the same pointer as a plain line of text

Why both pointers: a symlink swapped with ``os.replace`` is atomic and lets people open
``outputs/aktuell/`` directly; Windows shares (SMB) and some Windows clients cannot create
or follow symlinks, so ``LATEST.txt`` holds the folder name for them and for scripts.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

RUN_FILE = "run.json"
POINTER = "aktuell"
POINTER_TEXT = "LATEST.txt"
STATUS_RUNNING = "running"
STATUS_COMPLETE = "complete"
STATUS_FAILED = "failed"


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temp path in ``target``'s folder; on success fsync it and rename it onto ``target``.

    On an exception the temp file is removed and ``target`` is untouched, so a reader never
    sees a half-written document. The temp name keeps the suffix (``.docx``) because some
    writers choose the format by it; it starts with ``.`` and contains ``.part`` so it is
    recognisable (and ignored by :func:`list_outputs`).
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.stem}.", suffix=f".part{target.suffix}"
    )
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; documents are for sharing
        with tmp.open("rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()


def atomic_write(target: Path, write: Callable[[Path], Any]) -> Path:
    """Call ``write(tmp_path)`` and move the result onto ``target`` atomically."""
    with atomic_path(target) as tmp:
        write(tmp)
    return target


def atomic_write_bytes(target: Path, data: bytes) -> Path:
    """Write bytes atomically."""
    return atomic_write(target, lambda p: p.write_bytes(data))


def atomic_write_text(target: Path, text: str) -> Path:
    """Write UTF-8 text atomically."""
    return atomic_write_bytes(target, text.encode("utf-8"))


def atomic_write_json(target: Path, data: Any) -> Path:
    """Write JSON (UTF-8, indented, umlauts kept) atomically."""
    return atomic_write_text(target, json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _read_umask() -> int:
    # Read once at import: os.umask can only be read by setting it, which is not thread-safe.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _read_umask()


def _fsync_dir(folder: Path) -> None:
    # Makes the rename itself durable; not supported on Windows, harmless to skip there.
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@dataclass(frozen=True)
class RunInfo:
    """One run folder as listed by ``parthe-reports runs``."""

    path: Path
    status: str  # running / complete / failed (running also means: killed mid-way)
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
    one gets the plain name and the other ``-2``; they never share a folder.
    """
    outputs.mkdir(parents=True, exist_ok=True)
    stamp = (now or datetime.now()).strftime("%Y-%m-%d_%H%M%S")
    for n in range(1, 1000):
        folder = outputs / (stamp if n == 1 else f"{stamp}-{n}")
        try:
            folder.mkdir()
        except FileExistsError:
            continue
        write_run_status(folder, STATUS_RUNNING)
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


def update_latest_pointer(folder: Path) -> None:
    """Point ``aktuell`` and ``LATEST.txt`` at ``folder`` unless a newer complete run already is.

    Two runs finishing at once: each only moves the pointer forward (run names sort by
    start time), and each swap is a rename, so the pointer is never missing or dangling.
    """
    outputs = folder.parent
    current = latest_complete_run(outputs)
    if current is not None and current.name > folder.name:
        return
    link = outputs / POINTER
    tmp_link = outputs / f".{POINTER}.{os.getpid()}.tmp"
    with contextlib.suppress(OSError):
        tmp_link.unlink()
    try:
        os.symlink(folder.name, tmp_link, target_is_directory=True)
        os.replace(tmp_link, link)
    except OSError:
        # No symlinks here (Windows share): LATEST.txt below is the pointer.
        with contextlib.suppress(OSError):
            tmp_link.unlink()
    atomic_write_text(outputs / POINTER_TEXT, folder.name + "\n")


def latest_complete_run(outputs: Path) -> Path | None:
    """The folder the pointer names, if it is a complete run; else None."""
    for candidate in (outputs / POINTER, outputs / POINTER_TEXT):
        try:
            name = (
                os.readlink(candidate)
                if candidate.is_symlink()
                else candidate.read_text(encoding="utf-8").strip()
            )
        except OSError:
            continue
        folder = outputs / Path(name).name
        run = read_run_json(folder)
        if run and run.get("status") == STATUS_COMPLETE:
            return folder
    return None


def list_runs(outputs: Path) -> list[RunInfo]:
    """Every run folder under ``outputs``, oldest first."""
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
                status=str(data.get("status", STATUS_RUNNING)),
                started=str(data.get("started", "")),
                finished=data.get("finished"),
                stichtag=data.get("stichtag"),
                findings=data.get("findings"),
                exit_code=data.get("exit_code"),
            )
        )
    return runs


def list_outputs(folder: Path) -> list[Path]:
    """Files of a run folder (recursively), without temp files and without run.json."""
    return sorted(
        p for p in folder.rglob("*") if p.is_file() and ".part" not in p.name and p.name != RUN_FILE
    )


def prune_runs(outputs: Path, keep: int, protected: Iterable[str] = ()) -> list[Path]:
    """Delete the oldest finished runs beyond ``keep`` (region.toml [retention]); return them.

    Never touches the run the pointer names, a run still marked "running" (it may be in
    progress in another process), nor a run named in ``protected`` (e.g. the runs progress
    reports were based on: ``history.prune_runs``).
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
