"""SHA-256 digests of files and of file trees: the one hasher for inputs, code and templates."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

_BLOCK = 1 << 20  # read in 1 MiB blocks: a large workbook never sits in memory twice


def sha256_file(path: Path) -> str:
    """SHA-256 of a file's bytes, hex (raises OSError for a locked or missing file)."""
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(_BLOCK), b""):
            h.update(block)
    return h.hexdigest()


def sha256_tree(root: Path, files: Iterable[Path], length: int = 16) -> str:
    """A short digest over files' names (relative to ``root``) and bytes, in sorted order."""
    h = hashlib.sha256()
    for p in sorted(files):
        h.update(p.relative_to(root).as_posix().encode())
        h.update(sha256_file(p).encode())
    return h.hexdigest()[:length]
