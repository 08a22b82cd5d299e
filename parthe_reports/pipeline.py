"""The run sequence as plain functions: the Prefect flows wrap these, the benchmark calls them.

read+validate each workbook → cross-check → dataset → consolidate → plan documents →
render each document (to bytes, then written atomically into the run folder) → feedback
copies → consolidated workbook → manifest → run.json status (last).

Stages of other helpers that are not there yet are skipped with a TODO log line, never
replaced by a fake output. Nothing here imports Prefect.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from parthe_reports import manifest as mf
from parthe_reports import runs
from parthe_reports.paths import INPUTS, OUTPUTS, REGION_CONFIG
from parthe_reports.region import Region, load_region

log = logging.getLogger("parthe_reports.pipeline")
PACKAGE_DIR = Path(__file__).resolve().parent
FINDINGS_FILE = "Pruefergebnisse.json"
CONSOLIDATED_FILE = "Konsolidiert.xlsx"
DATA_DIR = "Daten"
FEEDBACK_DIR = "Rueckmeldung"
PDF_DIR = "PDF"
EXIT_OK, EXIT_INPUT_ERRORS, EXIT_FAILED = 0, 1, 2


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
    fn = stage("crosscheck", "check_region")
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
    fn = stage("feedback", "write_annotated_copy")
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
    fn = stage("findings_report", "findings_json")
    if fn is None:
        return []
    data = fn(books)
    target = run_folder / FINDINGS_FILE
    if isinstance(data, str):
        runs.atomic_write_text(target, data)
    else:
        runs.atomic_write_json(target, data)
    return [mf.output_entry(run_folder, target, mf.OutputKind.FINDINGS)]


def convert_pdfs(docx: list[Path], run_folder: Path, timeout: float) -> list[mf.OutputEntry]:
    """PDFs of the given documents (one soffice call for all), moved into PDF/ atomically."""
    fn = stage("render.pdf", "convert_to_pdf")
    if fn is None or not docx:
        return []
    tmp = Path(tempfile.mkdtemp(prefix=".pdf.", suffix=".part", dir=run_folder))
    try:
        pdfs = fn(docx, tmp, timeout)
        entries = []
        for pdf in pdfs:
            target = run_folder / PDF_DIR / Path(pdf).name
            target.parent.mkdir(exist_ok=True)
            Path(pdf).replace(target)
            source = next((d for d in docx if d.stem == target.stem), None)
            entries.append(mf.output_entry(run_folder, target, mf.OutputKind.PDF, source=source))
        return entries
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# ---- summary and finishing -----------------------------------------------------------


@dataclass
class RunSummary:
    """What a run did; printed in German at the end and stored in run.json."""

    run_folder: Path
    stichtag: str | None = None
    workbooks: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
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
        """0: all read and rendered; 1: rendered, but some input had Fehler; 2: run failed."""
        if self.error or self.failed_documents:
            return EXIT_FAILED
        if self.errors or self.unreadable:
            return EXIT_INPUT_ERRORS
        return EXIT_OK

    def to_dict(self) -> dict[str, Any]:
        return {
            "stichtag": self.stichtag,
            "workbooks": self.workbooks,
            "unreadable": self.unreadable,
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
            docx = [folder / e.path for e in outputs if e.path.endswith(".docx")]
            outputs += convert_pdfs(docx, folder, options.pdf_timeout)
    except Exception as exc:
        log.exception("Lauf fehlgeschlagen")
        summary.error = f"{type(exc).__name__}: {exc}"
    summary.skipped = skipped_stages()
    finish(summary, outputs, input_entries(books, paths))
    return summary
