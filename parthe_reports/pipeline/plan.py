"""The region-wide part of a run: dataset → consolidation → the documents to render.

A planned document carries its cache key: a Prüfbericht depends on its own workbook and
its findings, every other document on all inputs (regional figures). So changing one
workbook re-renders its own Prüfbericht and the regional documents, nothing else.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from parthe_reports import manifest as mf
from parthe_reports.consolidate import Consolidated, consolidate
from parthe_reports.dataset import Dataset
from parthe_reports.pipeline.keys import cache_key, findings_digest
from parthe_reports.region import Region
from parthe_reports.render import DocumentJob, plan_documents
from parthe_reports.validate import ValidatedWorkbook, build_dataset

FEEDBACK_DIR = "Rueckmeldung"

# render.DocumentJob.kind → manifest kind
_KINDS = {
    "phase": mf.OutputKind.PHASE_DOCUMENT,
    "profile": mf.OutputKind.PROFILE,
    "pruefbericht": mf.OutputKind.VALIDATION_REPORT,
}


@dataclass(frozen=True)
class PlannedDocument:
    """One document to render: the renderer's job, where it goes and what it depends on."""

    job: DocumentJob
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


@dataclass(frozen=True)
class Prepared:
    """The consolidated models, their dataset and the documents to render."""

    consolidated: Consolidated
    documents: list[PlannedDocument]
    dataset: Dataset


def _report_book(books: list[ValidatedWorkbook], code: str | None) -> ValidatedWorkbook | None:
    """The one workbook a Prüfbericht is about (None if ambiguous: then it depends on all)."""
    matches = [
        b
        for b in books
        if b.source.municipality == code and (code is not None or b.source.kind == "regional")
    ]
    return matches[0] if len(matches) == 1 else None


def plan_outputs(
    consolidated: Consolidated,
    dataset: Dataset,
    books: list[ValidatedWorkbook],
    phases: Sequence[int],
    input_hashes: dict[str, str],
    base: str,
) -> list[PlannedDocument]:
    """The renderer's document jobs, filtered to ``phases`` (empty: all), with cache keys."""
    all_inputs = sorted(input_hashes.items())
    planned = []
    for job in plan_documents(consolidated, dataset, books):
        if phases and job.phase not in phases:
            continue
        kind = _KINDS.get(job.kind, job.kind)
        book = (
            _report_book(books, job.municipality)
            if kind == mf.OutputKind.VALIDATION_REPORT
            else None
        )
        if book is not None:
            name = book.source.workbook
            dep: object = [name, input_hashes.get(name), findings_digest(book)]
        else:
            dep = all_inputs
        key = cache_key("render", job.file_name, kind, job.phase, job.municipality, dep, base)
        planned.append(PlannedDocument(job, job.file_name, kind, job.phase, job.municipality, key))
    return planned


def prepare(
    books: list[ValidatedWorkbook],
    region: Region,
    stichtag: date,
    phases: Sequence[int],
    input_hashes: dict[str, str],
    base: str,
) -> Prepared:
    """Dataset → consolidation → document plan: one step, cached as a whole."""
    dataset = build_dataset(books, region, stichtag)
    consolidated = consolidate(dataset)
    docs = plan_outputs(consolidated, dataset, books, phases, input_hashes, base)
    return Prepared(consolidated, docs, dataset)
