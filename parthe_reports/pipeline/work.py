"""The steps that run in worker processes: one workbook read, one document rendered, one
annotated copy. A worker imports this module only (not the whole sequence: no history,
no DuckDB), so it stays small; each step returns plain data, never touches the run folder.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

from parthe_reports.region import Region
from parthe_reports.render import DocumentJob, render_document
from parthe_reports.validate import ValidatedWorkbook, check_file
from parthe_reports.workbooks.feedback import feedback_file_name, write_annotated_copy


def read_book(path: Path, region: Region) -> ValidatedWorkbook:
    """Open the file (an OSError here means: locked or gone – worth a retry), then validate.

    Validation itself never raises for bad content; its Fehler are findings, not retries.
    """
    with path.open("rb") as fh:  # PermissionError while a share holds a lock on it
        fh.read(1)
    return check_file(path, region)


def render_bytes(job: DocumentJob) -> bytes:
    """Render one document to bytes (through a temp file the renderer writes exactly)."""
    with tempfile.TemporaryDirectory(prefix="parthe-render-") as tmp:
        out = Path(tmp) / Path(job.file_name).name
        data = Path(render_document(job, out)).read_bytes()
    # The large ones leave a worker's heap high. Not in the run's own process (a small
    # region renders there): its gc.collect walks Prefect's objects too, ≈ 0.4 s a call.
    if job.kind == "phase" and multiprocessing.parent_process() is not None:
        release_free_memory()
    return data


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        trim: Callable[[int], int] = ctypes.CDLL("libc.so.6").malloc_trim
        return trim
    except (OSError, AttributeError):  # not glibc (Windows, macOS): nothing to release
        return None


def release_free_memory() -> None:
    """Give the heap's free pages back to the system (glibc ``malloc_trim``; ≈ 10 ms).

    A process's memory stays at its high-water mark after a large transient, as libxml2
    and Python free into the heap, not to the system: at 1,000 municipalities a worker
    stayed at 1.1 GiB PSS rendering small profiles after the phase documents (at 100:
    +143 MiB after the six, +34 MiB once trimmed). Called after such steps only."""
    trim = _malloc_trim()
    if trim is not None:
        gc.collect()  # the document's reference cycles first, else their pages stay in use
        trim(0)


def feedback_bytes(book: ValidatedWorkbook) -> tuple[str, bytes] | None:
    """An annotated copy of the workbook (faulty cells marked) as (file name, bytes)."""
    path = book.source.path
    if not path or (book.rejected and not book.sheet_names):
        return None  # nothing could be read: the Prüfbericht alone explains why
    with tempfile.TemporaryDirectory(prefix="parthe-feedback-") as tmp:
        src = Path(path)
        out = Path(tmp) / feedback_file_name(src)
        return out.name, Path(write_annotated_copy(book, src, out)).read_bytes()
