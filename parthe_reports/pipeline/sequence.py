"""The run sequence, written once: what ``parthe-reports run``, the flows, the tests and the
benchmarks all execute.

    discover → hash → (unchanged since a completed run? link its outputs, done) →
    read+validate each workbook → cross-check → dataset → consolidate → plan documents →
    keep the input data → render each document → feedback copies (workbooks with findings) →
    Konsolidiert.xlsx → Pruefergebnisse.json → PDFs → manifest.json → run.json (last)

Per-item work goes through a ``FanOut`` (sequential here, worker processes in
``parallel``, Prefect tasks in ``flows``), so one bad workbook or document is reported and
the others go on. Documents are planned as specs; each context is built only when its
document is handed out. Nothing here imports Prefect.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path

from parthe_reports import manifest as mf
from parthe_reports import runs
from parthe_reports.discover import discover_inputs
from parthe_reports.errors import Finding
from parthe_reports.paths import INPUTS, OUTPUTS, REGION_CONFIG
from parthe_reports.pipeline.fanout import (
    SILENT,
    FanOut,
    Item,
    LazyItems,
    Listener,
    Stage,
    one,
    sequential,
)
from parthe_reports.pipeline.keys import base_key, cache_key, findings_digest, input_hash, read_key
from parthe_reports.pipeline.plan import PlannedDocument, Prepared, job_of, prepare
from parthe_reports.pipeline.reuse import run_key, try_reuse
from parthe_reports.pipeline.work import feedback_bytes, read_book, render_bytes
from parthe_reports.pipeline.write import (
    CONSOLIDATED_FILE,
    FINDINGS_FILE,
    RunSummary,
    consolidated_files,
    convert_pdfs,
    count_findings,
    count_plausibility,
    finish,
    first_findings,
    funding_deadlines,
    save_consolidated,
    save_document,
    save_feedback,
    save_history,
    write_findings,
)
from parthe_reports.region import Region, load_region
from parthe_reports.render import DocumentJob
from parthe_reports.validate import (
    ValidatedWorkbook,
    check_plausibility,
    check_region,
    unreadable_book,
)

log = logging.getLogger("parthe_reports.pipeline")


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


@dataclass
class RegionRead:
    """The reading half of a run: every input, its hash, the checked books, the plan."""

    paths: list[Path]
    hashes: dict[str, str | None]
    folder: list[Finding] = field(default_factory=list)  # files in inputs not read
    books: list[ValidatedWorkbook] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    prepared: Prepared | None = None
    region_key: str | None = None  # None: some input could not be hashed, do not cache


# PHASES of the renderer; 2 other files besides the annotated copies (Konsolidiert, JSON)
PHASE_DOCUMENTS, OTHER_FILES = 6, 2


def expected_steps(options: RunOptions, region: Region, workbooks: int) -> dict[str, int]:
    """The steps of a run as soon as its workbooks are known (the progress bar's totals):
    corrected once reading has told which workbooks have findings."""
    phases = len(options.phases) if options.phases else PHASE_DOCUMENTS
    profiles = len(region.codes) if not options.phases or 1 in options.phases else 0
    reports = workbooks if not options.phases else 0
    others = 0 if options.phases else workbooks + OTHER_FILES
    return {"workbook": workbooks, "document": phases + profiles + reports, "other": others}


def read_books(
    paths: Sequence[Path],
    hashes: dict[str, str | None],
    region: Region,
    stichtag: date,
    base: str,
    fan_out: FanOut = sequential,
    listener: Listener = SILENT,
) -> tuple[list[ValidatedWorkbook], list[str]]:
    """Every workbook read and checked, then checked across workbooks and for plausibility;
    and the names of the unreadable files. A workbook without a hash in ``hashes`` is read
    without a cache key (nothing is hashed here: ``validate`` caches nothing). The listener
    was told the count before (``expected_steps``)."""
    items = [Item(p, _read_key(p, base, hashes.get(p.name)), p.name) for p in paths]
    books, unreadable = [], []
    for out in fan_out(Stage.READ, partial(read_book, region=region), items):
        if out.value is None:  # still locked after the retries: a Fehler and a Prüfbericht
            unreadable.append(out.item.label)
            log.error("%s nicht lesbar: %s", out.item.label, out.error)
            books.append(unreadable_book(out.item.value, out.error))
        else:
            books.append(out.value)
        listener.done("workbook", out.item.label)
    order = {p.name: i for i, p in enumerate(paths)}
    books.sort(key=lambda b: order.get(b.source.workbook, len(order)))
    books = check_plausibility(check_region(books, region), region, stichtag)
    return books, sorted(unreadable, key=order.__getitem__)


def _read_key(path: Path, base: str, sha: str | None) -> str | None:
    return read_key(path, base, sha) if sha else None


def read_region(
    options: RunOptions,
    region: Region,
    fan_out: FanOut = sequential,
    listener: Listener = SILENT,
) -> RegionRead:
    """Discover, hash, read and check every workbook, then consolidate and plan documents."""
    paths, folder = discover_inputs(options.inputs, region.ignored_folders)
    if not paths:
        raise FileNotFoundError(f"Keine Workbooks in {options.inputs} gefunden")
    hashes = {p.name: input_hash(p) for p in paths}
    day = options.stichtag or date.today()
    base = base_key(options.region_config, day)
    read = RegionRead(paths, hashes, folder)
    for kind, total in expected_steps(options, region, len(paths)).items():
        listener.expect(kind, total)
    read.books, read.unreadable = read_books(paths, hashes, region, day, base, fan_out, listener)
    known = {name: sha for name, sha in hashes.items() if sha}
    if len(known) == len(paths):
        read.region_key = cache_key("region", sorted(known.items()), options.phases, base)
    step = partial(
        prepare, region=region, stichtag=day, phases=options.phases, input_hashes=known, base=base
    )
    read.prepared = one(fan_out, Stage.PREPARE, step, Item(read.books, read.region_key, "Verbund"))
    return read


def run(
    options: RunOptions, fan_out: FanOut = sequential, listener: Listener = SILENT
) -> RunSummary:
    """The whole run; returns its summary (also written to run.json, last). When nothing
    changed since a completed run (``reuse``), its outputs are linked instead."""
    region = load_region(options.region_config)
    day = options.stichtag or date.today()
    reused = try_reuse(
        options.inputs,
        options.outputs,
        region,
        options.region_config,
        day,
        options.phases,
        options.pdf,
    )
    if reused is not None:
        return reused
    folder = runs.create_run_folder(options.outputs)
    with runs.heartbeat(folder):  # renewed while the run lives; "aborted" when interrupted
        return _run_in(folder, region, options, fan_out, listener)


def _run_in(
    folder: Path, region: Region, options: RunOptions, fan_out: FanOut, listener: Listener
) -> RunSummary:
    day = options.stichtag or date.today()
    summary = RunSummary(folder, stichtag=day.isoformat())
    entries: list[mf.OutputEntry] = []
    read = RegionRead([], {})
    try:
        read = read_region(options, region, fan_out, listener)
        summary.run_key = run_key(
            {str(p): read.hashes.get(p.name) for p in read.paths},
            read.folder,
            options.region_config,
            day,
            options.phases,
            options.pdf,
        )
        _summarise(summary, read)
        prepared = read.prepared
        assert prepared is not None  # read_region always prepares
        save_history(prepared.dataset, folder)
        docs = prepared.documents
        listener.expect("document", len(docs))
        entries += render_all(
            docs, job_of(prepared, read.books), folder, summary, fan_out, listener
        )
        if not options.phases:
            entries += feedback_all(read, folder, fan_out, listener)
            entries += _consolidated(read, folder, fan_out, listener)
        if options.pdf:
            convert = partial(convert_pdfs, run_folder=folder, timeout=options.pdf_timeout)
            converted = one(fan_out, Stage.PDF, convert, Item(list(entries), None, "PDF"))
            updated = {e.path for e in converted}  # .docx files now with TOC page numbers
            entries = [e for e in entries if e.path not in updated] + converted
    except Exception as exc:
        log.exception("Lauf fehlgeschlagen")
        summary.error = f"{type(exc).__name__}: {exc}"
    finish(summary, entries, _input_entries(read))
    return summary


def _summarise(summary: RunSummary, read: RegionRead) -> None:
    """What reading found, into the summary."""
    summary.workbooks = [b.source.workbook for b in read.books]
    summary.unreadable = read.unreadable
    summary.findings = count_findings(read.books)
    summary.first_findings, summary.sources = first_findings(read.books)
    summary.plausibility = count_plausibility(read.books)
    summary.folder = [str(f) for f in read.folder]
    assert read.prepared is not None
    summary.missing = list(read.prepared.dataset.missing_municipalities)
    summary.deadlines = funding_deadlines(read.prepared.consolidated)


def render_all(
    docs: list[PlannedDocument],
    job_of: Callable[[PlannedDocument], DocumentJob],
    folder: Path,
    summary: RunSummary,
    fan_out: FanOut = sequential,
    listener: Listener = SILENT,
) -> list[mf.OutputEntry]:
    """Every planned document rendered and saved; a failing one is named in the summary.
    Each context is built (``job_of``) only when the fan-out takes its item."""

    def items() -> Iterator[Item[DocumentJob]]:
        for d in docs:
            try:
                job = job_of(d)
            except Exception as exc:  # a context that cannot be built costs this document
                summary.failed_documents[d.filename] = f"{type(exc).__name__}: {exc}"
                listener.done("document", d.filename)
                continue
            yield Item(job, d.key, d.filename)

    by_name = {d.filename: d for d in docs}
    entries = {}
    for out in fan_out(Stage.RENDER, render_bytes, LazyItems(len(docs), items)):
        doc = by_name[out.item.label]
        try:
            if out.error is not None or out.value is None:
                raise out.error or ValueError("kein Ergebnis")
            entries[doc.filename] = save_document(doc, out.value, folder)
        except Exception as exc:  # rendering or writing: this document only
            summary.failed_documents[doc.filename] = f"{type(exc).__name__}: {exc}"
        listener.done("document", doc.filename)
    done = [d for d in docs if d.filename in entries]  # plan order, whatever the finish order
    summary.documents = [d.relpath for d in done]
    return [entries[d.filename] for d in done]


def feedback_all(
    read: RegionRead, folder: Path, fan_out: FanOut = sequential, listener: Listener = SILENT
) -> list[mf.OutputEntry]:
    """An annotated copy of every workbook with findings (a clean one needs none: its
    Prüfbericht says so), cached by its bytes and findings."""
    books = [b for b in read.books if b.findings]
    listener.expect("other", len(books) + OTHER_FILES)
    items = []
    for book in books:
        sha = read.hashes.get(book.source.workbook)
        key = (
            cache_key("feedback", book.source.workbook, sha, findings_digest(book)) if sha else None
        )
        items.append(Item(book, key, book.source.workbook))
    entries = []
    for out in fan_out(Stage.FEEDBACK, feedback_bytes, items):
        try:
            if out.error is not None:
                raise out.error
            if out.value is not None:
                name, data = out.value
                code = out.item.value.source.municipality
                entries.append(save_feedback(name, data, code, folder))
        except Exception as exc:  # a copy that cannot be made or written costs only itself
            log.error("Rückmeldung für %s fehlgeschlagen: %s", out.item.label, exc)
        listener.done("other", out.item.label)
    return entries


def _consolidated(
    read: RegionRead, folder: Path, fan_out: FanOut, listener: Listener
) -> list[mf.OutputEntry]:
    """Konsolidiert.xlsx with the machine-readable files, and every finding as JSON."""
    assert read.prepared is not None
    key = read.region_key and cache_key("xlsx", read.region_key)
    item = Item(read.prepared.consolidated, key, CONSOLIDATED_FILE)
    entries = save_consolidated(one(fan_out, Stage.CONSOLIDATED, consolidated_files, item), folder)
    listener.done("other", CONSOLIDATED_FILE)
    missing = tuple(read.prepared.dataset.missing_municipalities)
    entries += write_findings(read.books, folder, read.folder, missing)
    listener.done("other", FINDINGS_FILE)
    return entries


def _input_entries(read: RegionRead) -> list[mf.InputEntry]:
    """Manifest inputs: every discovered workbook with its SHA-256 and Kürzel if known."""
    codes = {b.source.workbook: b.source.municipality for b in read.books}
    return [
        mf.InputEntry(str(p), read.hashes.get(p.name) or "", codes.get(p.name)) for p in read.paths
    ]
