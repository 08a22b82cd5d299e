"""What a run writes: rendered bytes, feedback copies, consolidated files, PDFs, the summary.

Producers return bytes; only ``save_*`` write into the run folder, atomically, so a
cached result can be written into any later run folder. ``finish`` writes manifest.json
and run.json last: a run folder without a finished run.json is incomplete.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parthe_reports import history, runs
from parthe_reports import manifest as mf
from parthe_reports.consolidate import Consolidated
from parthe_reports.consolidate.workbook import (
    write_consolidated_workbook,
    write_machine_readable,
)
from parthe_reports.dataset import Dataset
from parthe_reports.errors import Finding, Severity
from parthe_reports.pipeline.plan import FEEDBACK_DIR, PlannedDocument
from parthe_reports.pipeline.work import feedback_bytes, render_bytes
from parthe_reports.render import convert_to_pdf
from parthe_reports.validate import ValidatedWorkbook
from parthe_reports.validate.findings import PLAUSIBILITY_CODES
from parthe_reports.validate.report import findings_json

FINDINGS_FILE = "Pruefergebnisse.json"
CONSOLIDATED_FILE = "Konsolidiert.xlsx"
DATA_DIR = "Daten"
PDF_DIR = "PDF"
EXIT_OK, EXIT_INPUT_ERRORS, EXIT_FAILED = 0, 1, 2
SEVERITIES = tuple(s.value for s in Severity)  # Fehler, Warnung, Hinweis


@dataclass
class RunSummary:
    """What a run did; printed in German at the end and stored in run.json."""

    run_folder: Path
    stichtag: str | None = None
    workbooks: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # region codes with no usable workbook
    findings: dict[str, dict[str, int]] = field(default_factory=dict)
    documents: list[str] = field(default_factory=list)
    failed_documents: dict[str, str] = field(default_factory=dict)  # file → reason
    error: str | None = None
    plausibility: int = 0  # Warnungen/Hinweise of the plausibility checks
    folder: list[str] = field(default_factory=list)  # files in the inputs folder not read
    deadlines: list[dict[str, str | None]] = field(default_factory=list)  # next 90 days
    task_runs: dict[str, dict[str, int]] = field(default_factory=dict)  # per stage: run/cached
    # per label of ``findings``: its first findings (Fehler first) and its workbook's file name
    first_findings: dict[str, list[str]] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    run_key: str | None = None  # inputs + options + versions + day (``reuse.run_key``)
    reused_from: str | None = None  # the earlier run whose outputs this run links

    @property
    def errors(self) -> int:
        return sum(c.get("Fehler", 0) for c in self.findings.values())

    @property
    def total_findings(self) -> int:
        return sum(sum(c.values()) for c in self.findings.values())

    @property
    def exit_code(self) -> int:
        """0: all read and rendered; 1: rendered, but input had Fehler or was missing; 2: failed."""
        if self.error or self.failed_documents:
            return EXIT_FAILED
        if self.errors or self.unreadable or self.missing:
            return EXIT_INPUT_ERRORS
        return EXIT_OK

    def to_dict(self) -> dict[str, Any]:
        """The fields run.json keeps (the same names scripts read there)."""
        return {
            "stichtag": self.stichtag,
            "workbooks": self.workbooks,
            "unreadable": self.unreadable,
            "missing_municipalities": self.missing,
            "findings_per_municipality": self.findings,
            "findings": self.total_findings,
            "plausibility_findings": self.plausibility,
            "inputs_folder": self.folder,
            "documents": self.documents,
            "failed_documents": self.failed_documents,
            "error": self.error,
            "exit_code": self.exit_code,
            # for the run-level short-cut: the key, and what its summary prints again
            "run_key": self.run_key,
            "reused_from": self.reused_from,
            "deadlines": self.deadlines,
            "first_findings": self.first_findings,
            "workbook_files": self.sources,  # ("sources" is the history's)
        }


FIRST_FINDINGS = 3  # how many findings the summary shows per workbook


def book_label(book: ValidatedWorkbook) -> str:
    """How the summary names a workbook: its Kürzel, „Verbund“, or else its file name."""
    if book.source.municipality:
        return book.source.municipality
    return "Verbund" if book.source.kind == "regional" else book.source.workbook


def count_findings(books: list[ValidatedWorkbook]) -> dict[str, dict[str, int]]:
    """Findings per municipality (or „Verbund“, or workbook file for the rest), by severity."""
    out: dict[str, dict[str, int]] = {}
    for book in books:
        label = book_label(book)
        counts = out.setdefault(label, dict.fromkeys(SEVERITIES, 0))
        for f in book.findings:
            counts[f.severity.value] += 1
    return out


def first_findings(
    books: list[ValidatedWorkbook],
) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Per label: the first Fehler/Warnungen as „Datei › Blatt › Zelle: Meldung“, and the file
    name of its workbook (for the summary's paths to the Prüfbericht and annotated copy)."""
    shown: dict[str, list[str]] = {}
    sources: dict[str, str] = {}
    for book in books:
        label = book_label(book)
        sources[label] = book.source.workbook
        wanted = [f for f in book.findings if f.severity is not Severity.NOTE]
        wanted.sort(key=lambda f: (f.severity.rank, f.sheet or "", f.row or 0))
        shown[label] = [f"{f.severity.value}: {f}" for f in wanted[:FIRST_FINDINGS]]
    return shown, sources


def count_plausibility(books: list[ValidatedWorkbook]) -> int:
    """How many findings of the run the plausibility checks made."""
    return sum(f.code in PLAUSIBILITY_CODES for b in books for f in b.findings)


def funding_deadlines(consolidated: Consolidated | None) -> list[dict[str, str | None]]:
    """Funding deadlines within 90 days of the Stichtag (phase 5), as plain rows."""
    frame = consolidated.phase5.deadlines if consolidated is not None else None
    if frame is None or len(frame) == 0:
        return []
    wanted = ("deadline", "days_left", "deadline_kind", "label", "reference", "municipality")
    cols = [c for c in wanted if c in frame.columns]
    return [
        {c: (None if r[c] is None else str(r[c])) for c in cols}
        for r in frame[cols].to_dict("records")
    ]


# ---- producers: bytes, never the run folder (the per-item ones: ``work``) -----------------

__all__ = ["feedback_bytes", "render_bytes"]  # re-exported: their old home


def consolidated_files(consolidated: Consolidated) -> dict[str, bytes]:
    """Konsolidiert.xlsx and the machine-readable files, as relative path → bytes."""
    files: dict[str, bytes] = {}
    with tempfile.TemporaryDirectory(prefix="parthe-consolidated-") as tmp:
        write_consolidated_workbook(consolidated, Path(tmp) / CONSOLIDATED_FILE)
        write_machine_readable(consolidated, Path(tmp) / DATA_DIR)
        for p in sorted(Path(tmp).rglob("*")):
            if p.is_file():
                files[p.relative_to(tmp).as_posix()] = p.read_bytes()
    return files


# ---- writers: atomically into the run folder ---------------------------------------------


def save_document(doc: PlannedDocument, data: bytes, run_folder: Path) -> mf.OutputEntry:
    """Write rendered bytes into the run folder atomically and describe them for the manifest."""
    target = run_folder / doc.relpath
    runs.atomic_write_bytes(target, data)
    return mf.output_entry(run_folder, target, doc.kind, doc.phase, doc.municipality)


def save_feedback(
    name: str, data: bytes, municipality: str | None, run_folder: Path
) -> mf.OutputEntry:
    """Write an annotated copy beside the Prüfberichte."""
    target = run_folder / FEEDBACK_DIR / name
    runs.atomic_write_bytes(target, data)
    return mf.output_entry(
        run_folder, target, mf.OutputKind.ANNOTATED_WORKBOOK, municipality=municipality
    )


def save_consolidated(files: dict[str, bytes], run_folder: Path) -> list[mf.OutputEntry]:
    """Write the consolidated files atomically, each one (temp file + rename)."""
    entries = []
    for rel, data in files.items():
        target = run_folder / rel
        runs.atomic_write_bytes(target, data)
        kind = (
            mf.OutputKind.CONSOLIDATED_WORKBOOK
            if rel == CONSOLIDATED_FILE
            else mf.OutputKind.MACHINE_READABLE
        )
        entries.append(mf.output_entry(run_folder, target, kind))
    return entries


def save_history(dataset: Dataset, run_folder: Path) -> None:
    """Keep the run's input data beside its documents (for the Fortschrittsbericht)."""
    history.save_run_data(dataset, run_folder)


def write_findings(
    books: list[ValidatedWorkbook],
    run_folder: Path,
    folder: list[Finding] | None = None,
    missing: tuple[str, ...] = (),
) -> list[mf.OutputEntry]:
    """All findings of the run as JSON (for scripts and the progress report); ``folder``:
    findings about files in the inputs folder that were not read."""
    target = run_folder / FINDINGS_FILE
    runs.atomic_write_json(target, findings_json(books, folder, missing))
    return [mf.output_entry(run_folder, target, mf.OutputKind.FINDINGS)]


def convert_pdfs(
    documents: list[mf.OutputEntry], run_folder: Path, timeout: float
) -> list[mf.OutputEntry]:
    """PDFs of the given .docx outputs (one soffice call for all), moved into PDF/; the same
    call writes LibreOffice's page numbers into each .docx's table of contents.

    Returns the manifest entries of the PDFs and of the updated .docx files (new hashes);
    each PDF keeps its document's phase and municipality.
    """
    docs = [d for d in documents if d.path.endswith(".docx")]
    if not docs:
        return []
    by_stem = {Path(d.path).stem: d for d in docs}
    tmp = Path(tempfile.mkdtemp(prefix=".pdf.", suffix=".part", dir=run_folder))
    try:
        pdfs = convert_to_pdf([run_folder / d.path for d in docs], tmp, timeout, update_docx=True)
        entries = [  # hashed again: their tables of contents now have page numbers
            mf.output_entry(run_folder, run_folder / d.path, d.kind, d.phase, d.municipality)
            for d in docs
        ]
        for pdf in pdfs:
            target = run_folder / PDF_DIR / Path(pdf).name
            target.parent.mkdir(exist_ok=True)
            Path(pdf).replace(target)  # same file system: an atomic rename
            src = by_stem.get(target.stem)
            entries.append(
                mf.output_entry(
                    run_folder,
                    target,
                    mf.OutputKind.PDF,
                    src.phase if src else None,
                    src.municipality if src else None,
                    run_folder / src.path if src else None,
                )
            )
        return entries
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def finish(
    summary: RunSummary,
    outputs: list[mf.OutputEntry],
    inputs: list[mf.InputEntry],
    extra: dict[str, Any] | None = None,
) -> Path:
    """Write manifest.json, then run.json (last); move the pointer if the run completed."""
    folder = summary.run_folder
    path = mf.write_manifest(folder, outputs, inputs, summary.stichtag, extra)
    runs.finish_run(folder, ok=summary.exit_code != EXIT_FAILED, **summary.to_dict())
    return path
