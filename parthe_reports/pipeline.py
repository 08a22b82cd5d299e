"""The run sequence as plain functions: the Prefect flows wrap these, the benchmark calls them.

read+validate each workbook → cross-check → dataset → consolidate → plan documents →
render each document (to bytes, then written atomically into the run folder) → feedback
copies → consolidated workbook → manifest → run.json status (last).

The steps live in ``pipeline_steps`` (reading) and ``pipeline_outputs`` (writing); this
module re-exports them, so ``parthe_reports.pipeline`` is the one name flows use.
Nothing here imports Prefect.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from parthe_reports import manifest as mf
from parthe_reports import runs
from parthe_reports.paths import INPUTS, OUTPUTS, REGION_CONFIG
from parthe_reports.pipeline_outputs import (
    PlannedDocument,
    Prepared,
    consolidated_files,
    convert_pdfs,
    feedback_bytes,
    plan_outputs,
    prepare,
    render_bytes,
    save_consolidated,
    save_document,
    save_feedback,
    save_history,
    write_consolidated,
    write_findings,
)
from parthe_reports.pipeline_steps import (
    CONSOLIDATED_FILE,
    DATA_DIR,
    FEEDBACK_DIR,
    FINDINGS_FILE,
    PDF_DIR,
    book_findings,
    book_label,
    book_municipality,
    book_name,
    build_dataset,
    cache_key,
    check_workbook,
    code_version,
    consolidate_run,
    count_findings,
    cross_check,
    discover,
    findings_digest,
    read_key,
    read_workbook,
    region_digest,
    skipped_stages,
    stage,
)
from parthe_reports.region import load_region

__all__ = [
    "CONSOLIDATED_FILE",
    "DATA_DIR",
    "EXIT_FAILED",
    "EXIT_INPUT_ERRORS",
    "EXIT_OK",
    "FEEDBACK_DIR",
    "FINDINGS_FILE",
    "PDF_DIR",
    "PlannedDocument",
    "Prepared",
    "RunOptions",
    "RunSummary",
    "book_findings",
    "book_label",
    "book_municipality",
    "book_name",
    "build_dataset",
    "cache_key",
    "check_workbook",
    "code_version",
    "consolidate_run",
    "consolidated_files",
    "convert_pdfs",
    "count_findings",
    "cross_check",
    "discover",
    "feedback_bytes",
    "findings_digest",
    "finish",
    "funding_deadlines",
    "input_entries",
    "plan_outputs",
    "prepare",
    "read_key",
    "read_workbook",
    "region_digest",
    "render_bytes",
    "run_pipeline",
    "save_consolidated",
    "save_document",
    "save_feedback",
    "save_history",
    "skipped_stages",
    "stage",
    "write_consolidated",
    "write_findings",
]

log = logging.getLogger("parthe_reports.pipeline")
EXIT_OK, EXIT_INPUT_ERRORS, EXIT_FAILED = 0, 1, 2

# ---- inputs and versions -------------------------------------------------------------


@dataclass(frozen=True)
class RunOptions:
    """What ``parthe-reports run`` was asked to do."""

    inputs: Path = INPUTS
    outputs: Path = OUTPUTS
    phases: tuple[int, ...] = ()  # empty: everything
    stichtag: date | None = None
    pdf: bool = False
    region_config: Path = REGION_CONFIG
    pdf_timeout: float = 300.0


# ---- summary and finishing -----------------------------------------------------------


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
    skipped: list[str] = field(default_factory=list)
    error: str | None = None

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
        return {
            "stichtag": self.stichtag,
            "workbooks": self.workbooks,
            "unreadable": self.unreadable,
            "missing_municipalities": self.missing,
            "findings_per_municipality": self.findings,
            "findings": self.total_findings,
            "documents": self.documents,
            "failed_documents": self.failed_documents,
            "skipped": self.skipped,
            "error": self.error,
            "exit_code": self.exit_code,
        }


def funding_deadlines(consolidated: Any) -> list[dict[str, Any]]:
    """Funding deadlines within 90 days of the Stichtag (phase 5), as plain rows."""
    frame = getattr(getattr(consolidated, "phase5", None), "deadlines", None)
    if frame is None or len(frame) == 0:
        return []
    cols = [
        c
        for c in ("deadline", "days_left", "deadline_kind", "label", "reference", "municipality")
        if c in frame.columns
    ]
    return [
        {c: (None if r[c] is None else str(r[c])) for c in cols}
        for r in frame[cols].to_dict("records")
    ]


def input_entries(books: list[Any], paths: list[Path]) -> list[mf.InputEntry]:
    """Manifest inputs: every discovered workbook with its SHA-256 and Kürzel if known."""
    labels = {book_name(b): book_municipality(b) for b in books}
    return [mf.InputEntry(str(p), mf.sha256_file(p), labels.get(p.name)) for p in paths]


def finish(
    summary: RunSummary,
    outputs: list[mf.OutputEntry],
    inputs: list[mf.InputEntry],
) -> Path:
    """Write manifest.json, then run.json (last); move the pointer if the run completed."""
    folder = summary.run_folder
    path = mf.write_manifest(folder, outputs, inputs, summary.stichtag)
    runs.finish_run(folder, ok=summary.exit_code != EXIT_FAILED, **summary.to_dict())
    return path


def run_pipeline(options: RunOptions) -> RunSummary:
    """The whole run without Prefect, sequentially (benchmark baseline and plain fallback)."""
    region = load_region(options.region_config)
    folder = runs.create_run_folder(options.outputs)
    summary = RunSummary(folder, stichtag=str(options.stichtag or date.today()))
    outputs: list[mf.OutputEntry] = []
    paths: list[Path] = []
    books: list[Any] = []
    try:
        paths = discover(options.inputs)
        if not paths:
            raise FileNotFoundError(f"Keine Workbooks in {options.inputs} gefunden")
        books = [b for b in (read_workbook(p, region) for p in paths) if b is not None]
        books = cross_check(books, region)
        summary.workbooks = [book_name(b) for b in books]
        summary.findings = count_findings(books)
        hashes = {p.name: mf.sha256_file(p) for p in paths}
        prepared = prepare(books, region, options.stichtag, options.phases, hashes, "")
        consolidated = prepared.consolidated
        summary.missing = list(prepared.dataset.missing_municipalities)
        save_history(prepared.dataset, folder)
        for doc in prepared.documents:
            try:
                outputs.append(save_document(doc, render_bytes(doc.job), folder))
                summary.documents.append(doc.relpath)
            except Exception as exc:  # one document failing must not stop the others
                log.exception("Dokument %s fehlgeschlagen", doc.filename)
                summary.failed_documents[doc.filename] = f"{type(exc).__name__}: {exc}"
        if not options.phases:
            for book in books:
                try:
                    fb = feedback_bytes(book)
                except Exception:
                    log.exception("Rückmeldung für %s fehlgeschlagen", book_name(book))
                    continue
                if fb is not None:
                    outputs.append(save_feedback(*fb, book_municipality(book), folder))
            outputs += write_consolidated(consolidated, folder)
            outputs += write_findings(books, folder)
        if options.pdf:
            outputs += convert_pdfs(list(outputs), folder, options.pdf_timeout)
    except Exception as exc:
        log.exception("Lauf fehlgeschlagen")
        summary.error = f"{type(exc).__name__}: {exc}"
    summary.skipped = skipped_stages()
    finish(summary, outputs, input_entries(books, paths))
    return summary
