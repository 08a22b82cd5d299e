"""The steps that run in worker processes: one workbook read, one document rendered, one
annotated copy. A worker imports this module only (not the whole sequence: no history,
no DuckDB), so it stays small; each step returns plain data, never touches the run folder.
"""

from __future__ import annotations

import tempfile
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
        return Path(render_document(job, out)).read_bytes()


def feedback_bytes(book: ValidatedWorkbook) -> tuple[str, bytes] | None:
    """An annotated copy of the workbook (faulty cells marked) as (file name, bytes)."""
    path = book.source.path
    if not path or (book.rejected and not book.sheet_names):
        return None  # nothing could be read: the Prüfbericht alone explains why
    with tempfile.TemporaryDirectory(prefix="parthe-feedback-") as tmp:
        src = Path(path)
        out = Path(tmp) / feedback_file_name(src)
        return out.name, Path(write_annotated_copy(book, src, out)).read_bytes()
