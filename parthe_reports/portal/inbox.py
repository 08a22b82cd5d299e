"""The inputs folder as the portal changes it: one lock, atomic replacement, an archive.

* ``submit``: under the lock, the upload is copied into a hidden staging folder on the
  same file system (``inputs/.portal-tmp``; hidden folders are never read by a run), then
  renamed over ``inputs/kommunen/<Kürzel>.xlsx`` in one step. The file it replaces and every
  other file of the same municipality (a workbook e-mailed in under another name, found by
  its stamp) go to the archive first, with the time in their name.
* ``snapshot``: under the same lock, the inputs folder is linked (hard links; a copy where
  that fails) into a run's own folder. Files in ``inputs/`` are only ever replaced by a
  rename, never written in place, so the linked set stays exactly the set of that moment:
  a run started from the portal reads a consistent set while clerks go on submitting.

The lock is ``fcntl.flock`` on a file in the portal's state folder: it holds across threads
(each call opens its own descriptor) and across processes (two portal workers).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

from parthe_reports.discover import MUNICIPAL_FOLDER, SPREADSHEET_SUFFIXES
from parthe_reports.errors import WorkbookError
from parthe_reports.isolate import read_isolated
from parthe_reports.limits import ReadLimits
from parthe_reports.schema import META_CODE

STAGING = ".portal-tmp"
LOCK_TIMEOUT_S = 60.0


class Busy(Exception):
    """The inputs folder stayed locked longer than the timeout."""


class Inbox:
    """Submissions into ``inputs`` and consistent snapshots of it."""

    def __init__(self, inputs: Path, state: Path, limits: ReadLimits) -> None:
        self.inputs, self.limits = inputs, limits
        self.archive = state / "archiv"
        self.lock_file = state / "inputs.lock"
        self._codes: dict[tuple[str, int, int], str | None] = {}  # (name, mtime, size) → Kürzel

    @contextlib.contextmanager
    def locked(self, timeout: float = LOCK_TIMEOUT_S) -> Iterator[None]:
        self.lock_file.parent.mkdir(parents=True, exist_ok=True)
        with self.lock_file.open("a") as fh:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise Busy from None
                    time.sleep(0.05)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def submit(self, code: str, upload: Path, stamp: str) -> Path:
        """Make ``upload`` the workbook of ``code`` in ``inputs/kommunen``; returns its path."""
        with self.locked():
            folder = self.inputs / MUNICIPAL_FOLDER
            folder.mkdir(parents=True, exist_ok=True)
            target = folder / upload.name
            staging = self.inputs / STAGING
            staging.mkdir(exist_ok=True)
            tmp = staging / f"{uuid.uuid4().hex}{upload.suffix}"
            shutil.copyfile(upload, tmp)
            os.chmod(tmp, 0o644)  # a run under another account must be able to read it
            old = [p for p in self._files(folder) if p != target and self._belongs(p, code)]
            if target.exists():
                self._keep(target, code, stamp, move=False)
            os.replace(tmp, target)  # the one step a reader can observe
            for path in old:
                self._keep(path, code, stamp, move=True)
            return target

    def snapshot(self, dest: Path) -> Path:
        """A consistent copy of the inputs folder at ``dest`` (hard links where possible)."""
        with self.locked():
            shutil.copytree(
                self.inputs, dest, copy_function=_link_or_copy,
                ignore=shutil.ignore_patterns(STAGING), symlinks=True,
            )  # fmt: skip
        return dest

    def _files(self, folder: Path) -> list[Path]:
        return [
            p
            for p in sorted(folder.rglob("*"))
            if p.is_file() and p.suffix.lower() in SPREADSHEET_SUFFIXES and p.parent == folder
        ]

    def _belongs(self, path: Path, code: str) -> bool:
        """Named after the Kürzel, or stamped with it (read once per file version)."""
        if path.stem.upper() == code:
            return True
        stat = path.stat()
        key = (path.name, stat.st_mtime_ns, stat.st_size)
        if key not in self._codes:
            try:
                stamp = read_isolated(path, self.limits).stamp
                self._codes[key] = stamp.get(META_CODE) or None
            except WorkbookError:
                self._codes[key] = None
        return self._codes[key] == code

    def _keep(self, path: Path, code: str, stamp: str, move: bool) -> None:
        target = self.archive / code / f"{stamp}_{path.name}"
        target.parent.mkdir(parents=True, exist_ok=True)
        if move:
            shutil.move(path, target)
        else:
            shutil.copy2(path, target)


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)
