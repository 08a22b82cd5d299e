"""Prefect tasks: thin wrappers around ``parthe_reports.pipeline`` with retries and caching.

Caching is by content: every cached task takes a ``key`` computed by the flow from
SHA-256 of the workbook(s) it depends on plus schema/template/code versions
(``pipeline.cache_key``); an unchanged input means the stored result is reused. Results
live in ``<outputs>/.cache/prefect`` (set per flow run via ``result_storage``).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from prefect import Task, task
from prefect.client.schemas.objects import TaskRun
from prefect.context import TaskRunContext
from prefect.states import State

from parthe_reports import pipeline as core
from parthe_reports.region import Region

log = logging.getLogger("flows.tasks")
READ_RETRY_DELAYS = [1, 2, 4]  # s: a share's lock is usually gone within seconds


def _key(context: TaskRunContext, parameters: dict[str, Any]) -> str | None:
    # None = do not cache (the flow could not hash the input, e.g. a locked file).
    key = parameters.get("key")
    return str(key) if key else None


def _locked_file(task: Task[..., Any], task_run: TaskRun, state: State[Any]) -> bool:
    """Retry only when the file could not be opened (lock, share hiccup), never on content."""
    try:
        state.result()
    except OSError:
        return True
    except Exception:
        return False
    return False


def _read(path: Path, region: Region, key: str | None) -> Any:
    return core.read_workbook(path, region)


def _read_batch(paths: list[Path], region: Region, key: str | None) -> list[Any]:
    return [core.read_workbook(p, region) for p in paths]


def _render(doc: core.PlannedDocument, key: str) -> bytes:
    return core.render_bytes(doc.job)


def _render_batch(
    docs: list[core.PlannedDocument], key: str | None = None
) -> list[tuple[bytes | None, str | None]]:
    # Large N: one task for many documents; a failing one is reported, the rest go on.
    out: list[tuple[bytes | None, str | None]] = []
    for doc in docs:
        try:
            out.append((core.render_bytes(doc.job), None))
        except Exception as exc:
            out.append((None, f"{type(exc).__name__}: {exc}"))
    return out


def _feedback(book: Any, key: str | None) -> tuple[str, bytes] | None:
    return core.feedback_bytes(book)


def _feedback_batch(books: list[Any], key: str | None) -> list[tuple[str, bytes] | None]:
    # Large N: one task per chunk of workbooks (thousands of task runs a minute overload the
    # API); a copy that fails is logged and left out, the others go on.
    out: list[tuple[str, bytes] | None] = []
    for book in books:
        try:
            out.append(core.feedback_bytes(book))
        except Exception:
            log.exception("Rückmeldung für %s fehlgeschlagen", core.book_name(book))
            out.append(None)
    return out


_cached: dict[str, Any] = {"cache_key_fn": _key, "persist_result": True}
_read_opts: dict[str, Any] = {
    "retries": len(READ_RETRY_DELAYS),
    "retry_delay_seconds": READ_RETRY_DELAYS,
    "retry_condition_fn": _locked_file,
    **_cached,
}

read_workbook = task(name="workbook-lesen", **_read_opts)(_read)
read_workbooks = task(name="workbooks-lesen", **_read_opts)(_read_batch)


def _prepare(
    books: list[Any],
    region: Region,
    stichtag: Any,
    phases: list[int],
    input_hashes: dict[str, str],
    base_key: str,
    key: str | None,
) -> core.Prepared:
    return core.prepare(books, region, stichtag, phases, input_hashes, base_key)


def _consolidated_files(consolidated: Any, key: str | None) -> dict[str, bytes]:
    return core.consolidated_files(consolidated)


cross_check = task(name="querpruefung")(core.cross_check)
prepare = task(name="konsolidieren-planen", **_cached)(_prepare)
consolidated_files = task(name="konsolidiert-xlsx", **_cached)(_consolidated_files)
render_document = task(name="dokument", **_cached)(_render)
# Cached like single documents: the key covers every document's key in the batch.
render_documents = task(name="dokumente", **_cached)(_render_batch)
feedback_copy = task(name="rueckmeldung", **_cached)(_feedback)
feedback_copies = task(name="rueckmeldungen", **_cached)(_feedback_batch)
write_findings = task(name="pruefergebnisse")(core.write_findings)
# LibreOffice can hang on a broken document: a timeout inside (soffice is killed), one retry.
convert_pdfs = task(name="pdf", retries=1, retry_delay_seconds=2)(core.convert_pdfs)
