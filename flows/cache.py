"""The task result cache: Prefect's local file storage, every record signed (HMAC-SHA256).

Why signed, although the cache lives in Prefect's home (``flows.settings.result_cache``):
a Prefect result record names its own serializer (``metadata.serializer.type``), and
Prefect reads it with the serializer the *record* names. A ``result_serializer="json"``
on our tasks would therefore not stop a swapped record that says "pickle". Our batch
results (validated workbooks with DataFrames, consolidated models, rendered bytes) are not
JSON-able without a second data model either. So the whole record, as bytes, is signed
with a key kept in Prefect's home (``result-cache.key``, 0600) and bound to its cache key:
a record written by anyone without the key, or moved to another key, is not read at all —
never deserialized — and the task runs again (a Warnung in the log).

Retention: a record is touched whenever it is used, so :func:`prune` can drop the records
no kept run has written or read (older than the oldest run in the outputs folder).
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import logging
import os
import secrets
import shutil
import tempfile
from pathlib import Path
from typing import ClassVar

from prefect.filesystems import LocalFileSystem

from parthe_reports import runs

log = logging.getLogger("flows.cache")
KEY_FILE = "result-cache.key"
MAGIC = b"parthe-signed-1\n"
_DIGEST = hashlib.sha256().digest_size
_KEYS: dict[Path, bytes] = {}


class TamperedRecord(ValueError):
    """A cache record without a valid signature: ignored, the task runs again."""


def signing_key(home: Path) -> bytes:
    """The cache's HMAC key in ``home`` (made once, 32 random bytes, readable by the owner)."""
    path = home / KEY_FILE
    if path in _KEYS:
        return _KEYS[path]
    if not path.exists():
        home.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=home, prefix=f".{KEY_FILE}.")  # mode 0600
        try:
            os.write(fd, secrets.token_bytes(32))
            os.fsync(fd)
            os.close(fd)
            with contextlib.suppress(FileExistsError):  # another process made it first
                os.link(tmp, path)  # atomic and never overwrites: one key for everyone
        finally:
            os.unlink(tmp)
    key = path.read_bytes()
    if len(key) < 32:
        raise ValueError(f"Schlüssel des Zwischenspeichers {path} ist unvollständig")
    _KEYS[path] = key
    return key


def sign(key: bytes, name: str, payload: bytes) -> bytes:
    """``MAGIC + HMAC(key, name NUL payload) + payload``: bound to the record's cache key."""
    mac = hmac.new(key, name.encode() + b"\0" + payload, hashlib.sha256).digest()
    return MAGIC + mac + payload


def verify(key: bytes, name: str, data: bytes) -> bytes:
    """The payload of a signed record; :class:`TamperedRecord` for anything else."""
    head, mac = data[: len(MAGIC)], data[len(MAGIC) : len(MAGIC) + _DIGEST]
    payload = data[len(MAGIC) + _DIGEST :]
    expected = hmac.new(key, name.encode() + b"\0" + payload, hashlib.sha256).digest()
    if head != MAGIC or not hmac.compare_digest(mac, expected):
        raise TamperedRecord(name)
    return payload


class SignedFileSystem(LocalFileSystem):
    """``LocalFileSystem`` whose records are signed on write and verified on read."""

    _block_type_name: ClassVar[str] = "Parthe Signed File System"
    key_home: str  # the folder holding the key (Prefect's home); not the cache folder

    def _key(self) -> bytes:
        return signing_key(Path(self.key_home))

    def _read_signed(self, path: str) -> bytes:
        file = self._resolve_path(path)
        try:
            payload = verify(self._key(), path, file.read_bytes())
        except TamperedRecord:
            log.warning(
                "Warnung: Zwischenspeicher-Eintrag %s ist nicht von diesem Rechner signiert "
                "(verändert oder fremd); er wird nicht gelesen und der Schritt neu berechnet.",
                file,
            )
            raise
        with contextlib.suppress(OSError):
            os.utime(file)  # used now: kept as long as a run that used it (see prune)
        return payload

    def _write_signed(self, path: str, content: bytes) -> str:
        file = self._resolve_path(path)
        file.parent.mkdir(parents=True, exist_ok=True)
        runs.atomic_write_bytes(file, sign(self._key(), path, content))
        return str(file)

    def read_path(self, path: str, _sync: bool | None = None) -> bytes:  # type: ignore[override]
        return self._read_signed(path)

    async def aread_path(self, path: str) -> bytes:
        return self._read_signed(path)

    def write_path(self, path: str, content: bytes, _sync: bool | None = None) -> str:  # type: ignore[override]
        return self._write_signed(path, content)

    async def awrite_path(self, path: str, content: bytes) -> str:
        return self._write_signed(path, content)


def storage(folder: Path, key_home: Path) -> SignedFileSystem:
    """The result storage for a cache folder, signed with the key in ``key_home``.

    Prefect takes a block instance as a task's result storage only once it is saved on the
    server (a Path would become a plain, unsigned ``LocalFileSystem``): saved under a name
    per cache folder, overwritten each time (≈ a few ms). The instance itself is what the
    tasks use; the saved document only satisfies that check."""
    block = SignedFileSystem(basepath=str(folder), key_home=str(key_home))
    block.save(f"parthe-ergebnisse-{folder.name}", overwrite=True, _sync=True)  # type: ignore[call-arg]
    return block


def prune(folder: Path, outputs: Path) -> list[Path]:
    """Delete the records of ``folder`` that no kept run in ``outputs`` wrote or read: those
    last used before the oldest kept run started (region.toml [retention] prunes runs;
    their records follow here). Also removes the unsigned pickles older versions kept in
    ``outputs/.cache/prefect`` (never read any more)."""
    shutil.rmtree(outputs / ".cache" / "prefect", ignore_errors=True)
    with contextlib.suppress(OSError):
        (outputs / ".cache").rmdir()
    kept = runs.list_runs(outputs)
    if not folder.is_dir():
        return []
    cutoff = min((runs.start_key(r.path)[0] for r in kept), default=None)
    removed = []
    for record in folder.iterdir():
        try:
            stale = cutoff is None or record.stat().st_mtime_ns < cutoff
            if record.is_file() and stale:
                record.unlink()
                removed.append(record)
        except OSError:
            continue
    return removed
