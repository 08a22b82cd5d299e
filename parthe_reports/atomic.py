"""Atomic writes: a reader never sees a half-written file (temp file in the same folder,
fsync, rename). Used for every output of a run (``runs`` re-exports these)."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temp path in ``target``'s folder; on success fsync it and rename it onto ``target``.

    On an exception the temp file is removed and ``target`` is untouched, so a reader never
    sees a half-written document. The temp name keeps the suffix (``.docx``) because some
    writers choose the format by it; it starts with ``.`` and contains ``.part`` so it is
    recognisable (and ignored by ``runs.list_outputs``).
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
