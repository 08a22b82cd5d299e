"""The pipeline flow: read+validate each workbook → cross-check → consolidate → render each
document → feedback copies → consolidated workbook → manifest. Wiring only; the work is
in ``parthe_reports.pipeline``.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from prefect import flow
from prefect.futures import PrefectFuture, as_completed
from prefect.states import Failed

from flows import artifacts, progress
from flows import tasks as t
from parthe_reports import manifest as mf
from parthe_reports import pipeline as core
from parthe_reports import runs
from parthe_reports.paths import INPUTS, OUTPUTS, REGION_CONFIG
from parthe_reports.region import load_region

log = logging.getLogger("flows.pipeline")
CACHE_DIR = ".cache/prefect"
# Above these counts work is batched: ≈ 2,000 task runs a minute make the server answer 503.
READ_BATCH_ABOVE = 50
RENDER_BATCH_ABOVE = 100
MAX_TASKS_PER_STAGE = 16


def _chunks(items: Sequence[Any], parts: int) -> list[list[Any]]:
    size = max(1, -(-len(items) // parts))
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def _sha(path: Path) -> str | None:
    try:
        return mf.sha256_file(path)
    except OSError:  # locked: no cache key, the task will retry opening it
        return None


def _state_name(future: PrefectFuture[Any]) -> str:
    return str(future.state.name)


class _Counts(dict[str, dict[str, int]]):
    """Task runs per task kind: how many ran and how many came from the cache."""

    def note(self, kind: str, future: PrefectFuture[Any]) -> None:
        entry = self.setdefault(kind, {"run": 0, "cached": 0, "failed": 0})
        future.wait()  # as_completed may hand over a future whose state is not final yet
        name = _state_name(future)
        entry[
            "cached" if name == "Cached" else "failed" if future.state.is_failed() else "run"
        ] += 1
        log.debug("%s %s %s", kind, future.task_run_id, name)


def run_pipeline(
    inputs: str = str(INPUTS),
    outputs: str = str(OUTPUTS),
    phases: list[int] | None = None,
    stichtag: date | None = None,
    pdf: bool = False,
    region_config: str = str(REGION_CONFIG),
) -> dict[str, Any]:
    """Body of the pipeline flow (also of the per-phase flow); returns the summary dict."""
    out_dir = Path(outputs)
    region = load_region(Path(region_config))
    folder = runs.create_run_folder(out_dir)
    day = stichtag or date.today()
    summary = core.RunSummary(folder, stichtag=day.isoformat())
    counts = _Counts()
    storage = out_dir / CACHE_DIR  # a Path is a local result store (a block would need saving)
    base_key = core.cache_key(
        mf.versions(), core.code_version(), core.region_digest(Path(region_config)), str(day)
    )
    entries: list[mf.OutputEntry] = []
    paths: list[Path] = []
    hashes: dict[str, str | None] = {}
    books: list[Any] = []
    consolidated = None
    try:
        paths = core.discover(Path(inputs))
        if not paths:
            raise FileNotFoundError(f"Keine Workbooks in {inputs} gefunden")
        hashes = {p.name: _sha(p) for p in paths}
        books = _read_all(paths, hashes, region, base_key, storage, summary, counts)
        books = t.cross_check(books, region)
        summary.workbooks = [core.book_name(b) for b in books]
        summary.findings = core.count_findings(books)
        known = {k: v for k, v in hashes.items() if v}
        region_key: str | None = core.cache_key("region", sorted(known.items()), phases, base_key)
        if len(known) < len(paths):
            region_key = None  # an input could not be hashed: compute, do not cache
        fut = t.prepare.with_options(result_storage=storage).submit(
            books, region, day, phases or [], known, base_key, key=region_key
        )
        prepared = fut.result()
        counts.note("prepare", fut)
        consolidated = prepared.consolidated
        summary.missing = list(prepared.dataset.missing_municipalities)
        core.save_history(prepared.dataset, folder)
        entries += _render_all(prepared.documents, folder, storage, summary, counts)
        if not phases:
            entries += _feedback_all(books, hashes, base_key, folder, storage, counts)
            progress.add("other", 2)
            files = t.consolidated_files.with_options(result_storage=storage).submit(
                consolidated, key=region_key and core.cache_key("xlsx", region_key)
            )
            entries += core.save_consolidated(files.result(), folder)
            counts.note("consolidated", files)
            progress.done("other", core.CONSOLIDATED_FILE)
            entries += t.write_findings(books, folder)
            progress.done("other", core.FINDINGS_FILE)
        if pdf:
            entries += t.convert_pdfs(list(entries), folder, 300.0)
    except Exception as exc:
        log.exception("Lauf fehlgeschlagen")
        summary.error = f"{type(exc).__name__}: {exc}"
    summary.skipped = core.skipped_stages()
    inputs_list = [mf.InputEntry(str(p), hashes.get(p.name) or "", _muni(books, p)) for p in paths]
    core.finish(summary, entries, inputs_list)
    result = summary.to_dict() | {"run_folder": str(folder), "task_runs": dict(counts)}
    artifacts.publish(summary, core.funding_deadlines(consolidated), counts)
    return result


def _muni(books: list[Any], path: Path) -> str | None:
    for b in books:
        if core.book_name(b) == path.name:
            return core.book_municipality(b)
    return None


def _read_all(paths, hashes, region, base_key, storage, summary, counts) -> list[Any]:
    """One task per workbook; batches of workbooks above READ_BATCH_ABOVE."""
    progress.add("workbook", len(paths))
    books: list[Any] = []
    keys = {
        p: core.cache_key("read", p.name, hashes[p.name], base_key) if hashes[p.name] else None
        for p in paths
    }
    if len(paths) <= READ_BATCH_ABOVE:
        reader = t.read_workbook.with_options(result_storage=storage)
        futures = {reader.submit(p, region, key=keys[p]): [p] for p in paths}
    else:
        batch_reader = t.read_workbooks.with_options(result_storage=storage)
        futures = {}
        for chunk in _chunks(paths, MAX_TASKS_PER_STAGE):
            key = core.cache_key([keys[p] for p in chunk]) if all(keys[p] for p in chunk) else None
            futures[batch_reader.submit(chunk, region, key=key)] = chunk
    for fut in as_completed(list(futures)):
        chunk = futures[fut]
        counts.note("read", fut)
        try:
            result = fut.result()
            books += [
                b for b in (result if isinstance(result, list) else [result]) if b is not None
            ]
        except Exception as exc:
            for p in chunk:
                summary.unreadable.append(p.name)
                log.error("%s nicht lesbar: %s", p.name, exc)
        for p in chunk:
            progress.done("workbook", p.name)
    order = {p.name: i for i, p in enumerate(paths)}
    return sorted(books, key=lambda b: order.get(core.book_name(b), len(order)))


def _render_all(docs, folder, storage, summary, counts) -> list[mf.OutputEntry]:
    """Each document its own task (or batches above RENDER_BATCH_ABOVE); failures isolated."""
    progress.add("document", len(docs))
    entries = []
    if len(docs) <= RENDER_BATCH_ABOVE:
        render = t.render_document.with_options(result_storage=storage)
        futures = {render.submit(d, key=d.key): d for d in docs}
        for fut in as_completed(list(futures)):
            doc = futures[fut]
            counts.note("render", fut)
            try:
                entries.append(core.save_document(doc, fut.result(), folder))
                summary.documents.append(doc.relpath)
            except Exception as exc:
                summary.failed_documents[doc.filename] = f"{type(exc).__name__}: {exc}"
            progress.done("document", doc.filename)
        return entries
    render_many = t.render_documents.with_options(result_storage=storage)
    batches = {
        render_many.submit(c, key=core.cache_key([d.key for d in c])): c
        for c in _chunks(docs, MAX_TASKS_PER_STAGE)
    }
    for batch in as_completed(list(batches)):
        counts.note("render", batch)
        for doc, (data, err) in zip(batches[batch], batch.result(), strict=True):
            if data is None:
                summary.failed_documents[doc.filename] = err or "?"
            else:
                entries.append(core.save_document(doc, data, folder))
                summary.documents.append(doc.relpath)
            progress.done("document", doc.filename)
    return entries


def _feedback_all(books, hashes, base_key, folder, storage, counts) -> list[mf.OutputEntry]:
    """Annotated copy of every workbook that has findings, cached by workbook + findings.

    One task per workbook; above READ_BATCH_ABOVE workbooks one per chunk, as for reading.
    """
    progress.add("other", len(books))
    keys = []
    for b in books:
        name = core.book_name(b)
        key = core.cache_key("feedback", name, hashes.get(name), core.findings_digest(b), base_key)
        keys.append(key if hashes.get(name) else None)
    futures: dict[PrefectFuture[Any], list[Any]] = {}
    if len(books) <= READ_BATCH_ABOVE:
        copy = t.feedback_copy.with_options(result_storage=storage)
        futures = {copy.submit(b, key=k): [b] for b, k in zip(books, keys, strict=True)}
    else:
        copies = t.feedback_copies.with_options(result_storage=storage)
        for part in _chunks(list(zip(books, keys, strict=True)), MAX_TASKS_PER_STAGE):
            chunk_keys = [k for _, k in part]
            chunk_key = core.cache_key(chunk_keys) if all(chunk_keys) else None
            futures[copies.submit([b for b, _ in part], key=chunk_key)] = [b for b, _ in part]
    entries = []
    for fut in as_completed(list(futures)):
        chunk = futures[fut]
        counts.note("feedback", fut)
        try:
            result = fut.result()
            outs = result if isinstance(result, list) else [result]
        except Exception as exc:
            log.error("Rückmeldung für %s fehlgeschlagen: %s", core.book_name(chunk[0]), exc)
            outs = [None] * len(chunk)
        for book, out in zip(chunk, outs, strict=True):
            if out is not None:
                name, data = out
                entries.append(core.save_feedback(name, data, core.book_municipality(book), folder))
            progress.done("other", core.book_name(book))
    return entries


@flow(name="parthe-pipeline", log_prints=False)
def pipeline_flow(
    inputs: str = str(INPUTS),
    outputs: str = str(OUTPUTS),
    stichtag: date | None = None,
    pdf: bool = False,
    region_config: str = str(REGION_CONFIG),
) -> Any:
    """Every deliverable of the region from the workbooks in ``inputs``."""
    return _final(run_pipeline(inputs, outputs, None, stichtag, pdf, region_config))


@flow(name="parthe-phase", log_prints=False)
def phase_flow(
    phases: list[int],
    inputs: str = str(INPUTS),
    outputs: str = str(OUTPUTS),
    stichtag: date | None = None,
    pdf: bool = False,
    region_config: str = str(REGION_CONFIG),
) -> Any:
    """Only the documents of the given phase(s) (``parthe-reports run --phase N``)."""
    return _final(run_pipeline(inputs, outputs, phases, stichtag, pdf, region_config))


def _final(result: dict[str, Any]) -> Any:
    """A failed run (exit code 2) is a Failed flow run in the UI, its summary still attached."""
    if result["exit_code"] == core.EXIT_FAILED:
        return Failed(
            message=f"Lauf fehlgeschlagen: {result['error'] or result['failed_documents']}",
            data=result,
        )
    return result


# The progress-report flow (issue 7) lives in flows/progress_report.py.
