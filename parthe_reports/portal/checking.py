"""One upload, checked: stored under a generated name, read by the run's own reading step
(``read_books``: the reader's safety checks first, then validation, cross-checks and
plausibility against the current Verbund-Workbook), then its Prüfbericht and annotated copy.

Nothing here is a second validator: what the clerk sees is what ``run`` will report.
A file the reader refuses (not a workbook, zip bomb, entity expansion, encrypted, too
large) is deleted again at once and only its German reason is returned.
"""

from __future__ import annotations

import copy
import os
import shutil
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from parthe_reports.digest import sha256_file
from parthe_reports.errors import Finding, Severity
from parthe_reports.german import number
from parthe_reports.limits import MB
from parthe_reports.pipeline.fanout import Items, Outcome, Stage, sequential
from parthe_reports.pipeline.keys import input_hash
from parthe_reports.pipeline.sequence import read_books
from parthe_reports.pipeline.write import feedback_bytes, render_bytes
from parthe_reports.region import Region
from parthe_reports.render.context import Imprint
from parthe_reports.render.jobs import pruefbericht_job
from parthe_reports.validate import ValidatedWorkbook
from parthe_reports.workbooks.template import template_file_name

T = TypeVar("T")
R = TypeVar("R")
REPORT_FILE, COPY_FILE = "Pruefbericht.docx", "Rueckmeldung.xlsx"
_SUFFIXES = (".xlsx", ".xlsm", ".ods")  # what a stored upload may be called; else .xlsx


class Refused(Exception):
    """An upload that is not kept; ``str()`` is the German reason for the clerk."""


@dataclass
class Checked:
    """A kept upload: where it lies, its checksum and its findings (Fehler first)."""

    id: str
    path: Path
    sha256: str
    findings: list[Finding]
    book: ValidatedWorkbook

    def count(self, severity: Severity) -> int:
        return sum(f.severity is severity for f in self.findings)


class VerbundCache:
    """A FanOut for ``read_books`` that reads the Verbund-Workbook once per content.

    Items with a cache key (only the Verbund-Workbook gets one) are served from a deep
    copy of the last result: the cross-checks change books in place.
    """

    def __init__(self) -> None:
        self._books: dict[str, Any] = {}
        self._lock = threading.Lock()

    def __call__(
        self, stage: Stage, fn: Callable[[T], R], items: Items[T]
    ) -> Iterator[Outcome[T, R]]:
        for item in items:
            with self._lock:
                hit = self._books.get(item.key) if item.key else None
            if hit is not None:
                yield Outcome(item, copy.deepcopy(hit))
                continue
            out = next(sequential(stage, fn, [item]))
            if item.key and out.value is not None:
                with self._lock:
                    self._books = {item.key: copy.deepcopy(out.value)}
            yield out


def too_large(limit_bytes: int) -> Refused:
    return Refused(
        f"Die Datei ist größer als {number(limit_bytes / MB, 0)} MB und wurde nicht "
        "angenommen. Bitte nur das ausgefüllte Workbook hochladen (ohne eingebettete Bilder "
        "oder Anhänge)."
    )


def stored_name(region: Region, code: str, original: str) -> str:
    """The generated file name: the municipality's template name, never the user's name."""
    suffix = Path(original.strip()).suffix.lower()
    stem = Path(template_file_name(region.municipality(code))).stem
    return stem + (suffix if suffix in _SUFFIXES else ".xlsx")


def check_upload(
    data: bytes,
    original: str,
    code: str,
    uploads: Path,
    region: Region,
    verbund: Path | None,
    cache: VerbundCache,
    today: date | None = None,
) -> Checked:
    """Store ``data`` under a generated name, read and check it; raises ``Refused``."""
    limit = region.read_limits.file_bytes
    if len(data) > limit:
        raise too_large(limit)
    if not data:
        raise Refused("Die Datei ist leer. Bitte das ausgefüllte Workbook auswählen.")
    sub_id = uuid.uuid4().hex
    folder = uploads / code / sub_id
    folder.mkdir(parents=True, mode=0o700)
    path = folder / stored_name(region, code, original)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    try:
        book = _read(path, verbund, region, today or date.today(), cache)
    except Exception:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    if book.rejected and not book.sheet_names:  # the reader refused the file itself
        shutil.rmtree(folder, ignore_errors=True)
        raise Refused(_reason(book))
    for finding in _ownership(book, code, region):
        book.add(finding)  # in the Prüfbericht and the annotated copy too
    findings = sorted(book.findings, key=lambda f: (f.severity.rank, f.sheet or "", f.row or 0))
    return Checked(sub_id, path, sha256_file(path), findings, book)


def _read(
    path: Path, verbund: Path | None, region: Region, day: date, cache: VerbundCache
) -> ValidatedWorkbook:
    paths = [path] + ([verbund] if verbund is not None and verbund.is_file() else [])
    hashes = {p.name: input_hash(p) for p in paths[1:]}  # only the Verbund-Workbook is cached
    books, _ = read_books(paths, hashes, region, day, "portal", fan_out=cache)
    return next(b for b in books if b.source.path == str(path))


def _reason(book: ValidatedWorkbook) -> str:
    errors = book.errors or book.findings
    text = errors[0].message if errors else "Die Datei ließ sich nicht lesen."
    return f"Die Datei wurde nicht angenommen: {text}"


def _ownership(book: ValidatedWorkbook, code: str, region: Region) -> list[Finding]:
    """A Fehler when the workbook is not this municipality's Kommunal-Workbook."""
    src = book.source
    if src.kind == "municipal" and src.municipality == code:
        return []
    own = region.municipality(code).official_name
    if src.kind == "regional":
        text = (
            f"Dies ist das Verbund-Workbook; hier bitte das Kommunal-Workbook der {own} hochladen."
        )
    elif src.kind == "municipal" and src.municipality:
        text = (
            f"Dieses Workbook gehört zur Kommune {src.municipality}; hier kann nur das "
            f"Kommunal-Workbook der {own} ({code}) eingereicht werden."
        )
    else:
        text = f"Das Workbook ist keiner Kommune zuzuordnen; erwartet wird das der {own} ({code})."
    return [Finding("portal-wrong-workbook", Severity.ERROR, text, book.name, value=src.municipality,
                    expected=f"Kommunal-Workbook {code}")]  # fmt: skip


def write_feedback(checked: Checked, region: Region, today: date | None = None) -> None:
    """The Prüfbericht (.docx) and the annotated copy (.xlsx) beside the stored upload."""
    day = today or date.today()
    folder = checked.path.parent
    job = pruefbericht_job(checked.book, region, Imprint(stichtag=day, generated=day))
    (folder / REPORT_FILE).write_bytes(render_bytes(job))
    copy_ = feedback_bytes(checked.book)
    if copy_ is not None:
        (folder / COPY_FILE).write_bytes(copy_[1])


def finding_rows(findings: list[Finding]) -> list[dict[str, Any]]:
    """Findings as the page's table rows (severity, sheet, cell, value, message)."""
    return [
        {
            "severity": f.severity.value,
            "sheet": f.sheet or "",
            "cell": f.cell or (f"Zeile {f.row}" if f.row else ""),
            "value": "" if f.value is None else str(f.value),
            "message": f.message,
            "expected": f.expected or "",
        }
        for f in findings
    ]
