"""The steps of a run that read: discovery, content keys, reading and validating workbooks.

Stages of other helpers that are not there yet are skipped with a TODO log line, never
replaced by a fake output. Nothing here imports Prefect.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import logging
import os
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from parthe_reports import manifest as mf
from parthe_reports.region import Region

log = logging.getLogger("parthe_reports.pipeline")
PACKAGE_DIR = Path(__file__).resolve().parent
FINDINGS_FILE = "Pruefergebnisse.json"
CONSOLIDATED_FILE = "Konsolidiert.xlsx"
DATA_DIR = "Daten"
FEEDBACK_DIR = "Rueckmeldung"
PDF_DIR = "PDF"


_SKIPPED: set[str] = set()


def stage(module: str, name: str) -> Callable[..., Any] | None:
    """The core function ``module.name`` or None (and a TODO log line) while it does not exist."""
    try:
        fn = getattr(importlib.import_module(f"parthe_reports.{module}"), name)
    except (ImportError, AttributeError):
        if f"{module}.{name}" not in _SKIPPED:
            log.warning(
                "TODO: parthe_reports.%s.%s fehlt noch – Schritt übersprungen", module, name
            )
        _SKIPPED.add(f"{module}.{name}")
        return None
    return fn


def skipped_stages() -> list[str]:
    """Core functions not available in this checkout (development state)."""
    return sorted(_SKIPPED)


# ---- inputs and versions -------------------------------------------------------------


def code_version() -> str:
    """Digest of the package's source: a code change invalidates every cached result.

    ``PARTHE_CODE_VERSION`` pins it (benchmarks on a tree others are editing).
    """
    if os.environ.get("PARTHE_CODE_VERSION"):
        return os.environ["PARTHE_CODE_VERSION"]
    h = hashlib.sha256()
    for p in sorted(PACKAGE_DIR.rglob("*.py")):
        h.update(p.relative_to(PACKAGE_DIR).as_posix().encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def region_digest(region_config: Path) -> str:
    """Digest of region.toml (municipalities and topics shape validation and documents)."""
    return hashlib.sha256(region_config.read_bytes()).hexdigest()[:16]


def cache_key(*parts: object) -> str:
    """A stable key from plain parts (str/int/None/lists/dicts), JSON-encoded then hashed."""
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def discover(inputs: Path) -> list[Path]:
    """Workbook files under ``inputs`` (the reader decides by content, not name)."""
    fn = stage("ingest", "discover_workbooks")
    if fn is None:
        return sorted(
            p for p in inputs.rglob("*") if p.suffix.lower() in {".xlsx", ".xlsm", ".ods"}
        )
    return list(fn(inputs))


def read_key(path: Path, versions_key: str) -> str:
    """Cache key of reading+validating one workbook: its name and bytes plus all versions."""
    return cache_key("read", path.name, mf.sha256_file(path), versions_key)


# ---- per-workbook steps --------------------------------------------------------------


def check_workbook(path: Path, region: Region) -> Any:
    """Read and validate one workbook (never raises for bad content: findings instead)."""
    fn = stage("validate", "check_file")
    return None if fn is None else fn(path, region)


def read_workbook(path: Path, region: Region) -> Any:
    """Open the file (an OSError here means: locked or gone – worth a retry), then validate.

    Validation itself never raises for bad content; its Fehler are findings, not retries.
    """
    with path.open("rb") as fh:  # PermissionError while a share holds a lock on it
        fh.read(1)
    return check_workbook(path, region)


def cross_check(books: list[Any], region: Region) -> list[Any]:
    """Checks across workbooks (duplicate Kürzel, unknown partners …)."""
    fn = stage("validate.crosscheck", "check_region")
    return books if fn is None else list(fn(books, region))


def book_findings(book: Any) -> list[Any]:
    return list(getattr(book, "findings", []) or [])


def book_name(book: Any) -> str:
    """File name of a validated workbook."""
    return str(book.source.workbook)


def book_municipality(book: Any) -> str | None:
    return book.source.municipality


def book_label(book: Any) -> str:
    """Municipality Kürzel, or the workbook's file name (Verbund-Workbook, unreadable files)."""
    return book_municipality(book) or book_name(book)


def count_findings(books: Sequence[Any]) -> dict[str, dict[str, int]]:
    """Findings per municipality (or workbook), by severity."""
    out: dict[str, dict[str, int]] = {}
    for book in books:
        counts = out.setdefault(book_label(book), {"Fehler": 0, "Warnung": 0, "Hinweis": 0})
        for f in book_findings(book):
            sev = str(getattr(f.severity, "value", f.severity))
            counts[sev] = counts.get(sev, 0) + 1
    return out


def findings_digest(book: Any) -> str:
    """Digest of a book's findings (after the cross-check): keys per-workbook outputs."""
    items = [f.to_dict() if hasattr(f, "to_dict") else str(f) for f in book_findings(book)]
    return cache_key(items)


# ---- region-wide steps ---------------------------------------------------------------


def build_dataset(books: list[Any], region: Region, stichtag: date | None) -> Any:
    """Typed tables of all usable workbooks (missing/incomplete municipalities recorded)."""
    fn = stage("validate", "build_dataset")
    return None if fn is None else fn(books, region, stichtag or date.today())


def consolidate_run(dataset: Any) -> Any:
    """The phase models."""
    fn = stage("consolidate", "consolidate")
    return None if dataset is None or fn is None else fn(dataset)
