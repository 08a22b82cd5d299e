"""The steps of a run that write: plan, render, feedback copies, consolidated files, PDFs.

Renderers produce bytes; only ``save_*`` write into the run folder, atomically, so a
cached result can be written into any later run folder.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from parthe_reports import manifest as mf
from parthe_reports import runs
from parthe_reports.pipeline_steps import (
    CONSOLIDATED_FILE,
    DATA_DIR,
    FEEDBACK_DIR,
    FINDINGS_FILE,
    PDF_DIR,
    book_municipality,
    book_name,
    build_dataset,
    cache_key,
    consolidate_run,
    findings_digest,
    stage,
)
from parthe_reports.region import Region


@dataclass(frozen=True)
class PlannedDocument:
    """One document to render: the renderer's job, where it goes and what it depends on."""

    job: Any
    filename: str
    kind: str
    phase: int | None
    municipality: str | None
    key: str  # cache key: the inputs it depends on + versions

    @property
    def relpath(self) -> str:
        """Prüfberichte go beside the annotated workbooks, for the clerk who fixes them."""
        if self.kind == mf.OutputKind.VALIDATION_REPORT:
            return f"{FEEDBACK_DIR}/{self.filename}"
        return self.filename


# render.DocumentJob.kind → manifest kind
_KINDS = {
    "phase": mf.OutputKind.PHASE_DOCUMENT,
    "profile": mf.OutputKind.PROFILE,
    "pruefbericht": mf.OutputKind.VALIDATION_REPORT,
}


def _report_book(books: list[Any], municipality: str | None) -> Any:
    """The one workbook a Prüfbericht is about (None if ambiguous: then it depends on all)."""
    matches = [
        b
        for b in books
        if (book_municipality(b) == municipality)
        and (municipality is not None or b.source.kind == "regional")
    ]
    return matches[0] if len(matches) == 1 else None


def plan_outputs(
    consolidated: Any,
    dataset: Any,
    books: list[Any],
    phases: Sequence[int],
    input_hashes: dict[str, str],
    base_key: str,
) -> list[PlannedDocument]:
    """The renderer's document jobs, filtered to ``phases`` (empty: all), with cache keys.

    A Prüfbericht depends on its own workbook and its findings; every other document on
    all inputs (regional figures). ``base_key`` covers Stichtag and versions. So changing
    one workbook re-renders its own Prüfbericht and the regional documents, nothing else.
    """
    fn = stage("render", "plan_documents")
    if fn is None or consolidated is None:
        return []
    all_inputs = sorted(input_hashes.items())
    planned = []
    for job in fn(consolidated, dataset, books):
        phase = job.phase
        kind = _KINDS.get(job.kind, job.kind)
        if phases and phase not in phases:
            continue
        filename = job.file_name
        muni = job.municipality
        book = _report_book(books, muni) if kind == mf.OutputKind.VALIDATION_REPORT else None
        if book is not None:
            name = book_name(book)
            dep: object = [name, input_hashes.get(name), findings_digest(book)]
        else:
            dep = all_inputs
        key = cache_key("render", filename, kind, phase, muni, dep, base_key)
        planned.append(PlannedDocument(job, filename, kind, phase, muni, key))
    return planned


def render_bytes(job: Any) -> bytes:
    """Render one document to bytes (through a temp file the renderer writes exactly)."""
    fn = stage("render", "render_document")
    if fn is None:
        raise RuntimeError("renderer missing")
    with tempfile.TemporaryDirectory(prefix="parthe-render-") as tmp:
        out = Path(tmp) / Path(job.file_name).name
        return Path(fn(job, out)).read_bytes()


def save_document(doc: PlannedDocument, data: bytes, run_folder: Path) -> mf.OutputEntry:
    """Write rendered bytes into the run folder atomically and describe them for the manifest."""
    target = run_folder / doc.relpath
    runs.atomic_write_bytes(target, data)
    return mf.output_entry(run_folder, target, doc.kind, doc.phase, doc.municipality)


def feedback_bytes(book: Any) -> tuple[str, bytes] | None:
    """An annotated copy of the workbook (faulty cells marked) as (file name, bytes)."""
    fn = stage("workbooks.feedback", "write_annotated_copy")
    path = book.source.path
    if fn is None or not path or (getattr(book, "rejected", False) and not book.sheet_names):
        return None  # nothing could be read: the Prüfbericht alone explains why
    with tempfile.TemporaryDirectory(prefix="parthe-feedback-") as tmp:
        src = Path(path)
        out = Path(tmp) / f"{src.stem}_Rueckmeldung{src.suffix}"
        return out.name, Path(fn(book, src, out)).read_bytes()


def save_feedback(
    name: str, data: bytes, municipality: str | None, run_folder: Path
) -> mf.OutputEntry:
    target = run_folder / FEEDBACK_DIR / name
    runs.atomic_write_bytes(target, data)
    return mf.output_entry(
        run_folder, target, mf.OutputKind.ANNOTATED_WORKBOOK, municipality=municipality
    )


@dataclass
class Prepared:
    """The region-wide part of a run: the consolidated models and the documents to render."""

    consolidated: Any
    documents: list[PlannedDocument]
    dataset: Any = None


def prepare(
    books: list[Any],
    region: Region,
    stichtag: date | None,
    phases: Sequence[int],
    input_hashes: dict[str, str],
    base_key: str,
) -> Prepared:
    """Dataset → consolidation → document plan: one step, cached as a whole by the flow."""
    dataset = build_dataset(books, region, stichtag)
    consolidated = consolidate_run(dataset)
    docs = plan_outputs(consolidated, dataset, books, phases, input_hashes, base_key)
    return Prepared(consolidated, docs, dataset)


def save_history(dataset: Any, run_folder: Path) -> None:
    """Keep the run's input data beside its documents (for the Fortschrittsbericht)."""
    fn = stage("history", "save_run_data")
    if fn is not None and dataset is not None:
        fn(dataset, run_folder)


def consolidated_files(consolidated: Any) -> dict[str, bytes]:
    """Konsolidiert.xlsx and the machine-readable files, as relative path → bytes."""
    if consolidated is None:
        return {}
    files: dict[str, bytes] = {}
    with tempfile.TemporaryDirectory(prefix="parthe-consolidated-") as tmp:
        write_xlsx = stage("consolidate.workbook", "write_consolidated_workbook")
        if write_xlsx is not None:
            write_xlsx(consolidated, Path(tmp) / CONSOLIDATED_FILE)
        write_data = stage("consolidate.workbook", "write_machine_readable")
        if write_data is not None:
            write_data(consolidated, Path(tmp) / DATA_DIR)
        for p in sorted(Path(tmp).rglob("*")):
            if p.is_file():
                files[p.relative_to(tmp).as_posix()] = p.read_bytes()
    return files


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


def write_consolidated(consolidated: Any, run_folder: Path) -> list[mf.OutputEntry]:
    """Konsolidiert.xlsx and the machine-readable files into the run folder."""
    return save_consolidated(consolidated_files(consolidated), run_folder)


def write_findings(books: list[Any], run_folder: Path) -> list[mf.OutputEntry]:
    """All findings of the run as JSON (for scripts and the progress report)."""
    fn = stage("validate.report", "findings_json")
    if fn is None:
        return []
    data = fn(books)
    target = run_folder / FINDINGS_FILE
    if isinstance(data, str):
        runs.atomic_write_text(target, data)
    else:
        runs.atomic_write_json(target, data)
    return [mf.output_entry(run_folder, target, mf.OutputKind.FINDINGS)]


def convert_pdfs(
    documents: list[mf.OutputEntry], run_folder: Path, timeout: float
) -> list[mf.OutputEntry]:
    """PDFs of the given .docx outputs (one soffice call for all), moved into PDF/.

    Each PDF keeps its document's phase and municipality in the manifest.
    """
    fn = stage("render.pdf", "convert_to_pdf")
    docs = [d for d in documents if d.path.endswith(".docx")]
    if fn is None or not docs:
        return []
    by_stem = {Path(d.path).stem: d for d in docs}
    tmp = Path(tempfile.mkdtemp(prefix=".pdf.", suffix=".part", dir=run_folder))
    try:
        pdfs = fn([run_folder / d.path for d in docs], tmp, timeout)
        entries = []
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
