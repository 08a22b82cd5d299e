"""Cache keys: what a result depends on, as a stable digest.

A key covers the inputs a step reads (file names and SHA-256) plus every version that
shapes its output (package, templates, schema, code, region config, Stichtag). An
unchanged key means the stored result is still right; ``None`` means: do not cache.
"""

from __future__ import annotations

import hashlib
import json
import os
from datetime import date
from pathlib import Path

from parthe_reports import manifest as mf
from parthe_reports.digest import sha256_file, sha256_tree
from parthe_reports.validate import ValidatedWorkbook

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def cache_key(*parts: object) -> str:
    """A stable key from plain parts (str/int/None/lists/dicts), JSON-encoded then hashed."""
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def code_version() -> str:
    """Digest of the package's source: a code change invalidates every cached result.

    ``PARTHE_CODE_VERSION`` pins it (benchmarks on a tree being edited).
    """
    if os.environ.get("PARTHE_CODE_VERSION"):
        return os.environ["PARTHE_CODE_VERSION"]
    return sha256_tree(PACKAGE_DIR, PACKAGE_DIR.rglob("*.py"))


def region_digest(region_config: Path) -> str:
    """Digest of region.toml (municipalities and topics shape validation and documents)."""
    return sha256_file(region_config)[:16]


def base_key(region_config: Path, stichtag: date) -> str:
    """What every step depends on besides its own inputs: versions, region and Stichtag."""
    return cache_key(mf.versions(), code_version(), region_digest(region_config), str(stichtag))


def input_hash(path: Path) -> str | None:
    """SHA-256 of an input, or None while it is locked (then its steps are not cached)."""
    try:
        return sha256_file(path)
    except OSError:
        return None


def read_key(path: Path, base: str, sha: str | None = None) -> str | None:
    """Key of reading+validating one workbook: its name and bytes plus all versions."""
    sha = sha or input_hash(path)
    return cache_key("read", path.name, sha, base) if sha else None


def findings_digest(book: ValidatedWorkbook) -> str:
    """Digest of a book's findings (after the cross-checks): keys per-workbook outputs."""
    return cache_key([f.to_dict() for f in book.findings])
