"""The region-wide part of a run: dataset → consolidation → the documents to render.

A planned document carries its cache key: a Prüfbericht depends on its own workbook and
its findings, every other document on all inputs (regional figures). So changing one
workbook re-renders its own Prüfbericht and the regional documents, nothing else.
The plan holds specs, not contexts: ``job_of`` builds a document's context when it is
handed out for rendering (a run at scale never holds all contexts at once).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from parthe_reports import manifest as mf
from parthe_reports.consolidate import Consolidated, consolidate
from parthe_reports.dataset import Dataset
from parthe_reports.pipeline.fanout import POOL_FROM as LARGE_REGION
from parthe_reports.pipeline.keys import cache_key, findings_digest
from parthe_reports.pipeline.work import release_free_memory
from parthe_reports.region import Region
from parthe_reports.render import DocumentJob, DocumentPlanner, DocumentSpec
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

    spec: DocumentSpec
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


def plan_outputs(
    specs: list[DocumentSpec],
    books: list[ValidatedWorkbook],
    phases: Sequence[int],
    input_hashes: dict[str, str],
    base: str,
) -> list[PlannedDocument]:
    """The renderer's document specs, filtered to ``phases`` (empty: all), with cache keys."""
    all_inputs = sorted(input_hashes.items())
    planned = []
    for spec in specs:
        if phases and spec.phase not in phases:
            continue
        kind = _KINDS.get(spec.kind, spec.kind)
        if spec.book is not None:  # a Prüfbericht: its own workbook and findings
            book = books[spec.book]
            name = book.source.workbook
            dep: object = [name, input_hashes.get(name), findings_digest(book)]
        else:
            dep = all_inputs
        key = cache_key("render", spec.file_name, kind, spec.phase, spec.municipality, dep, base)
        planned.append(
            PlannedDocument(spec, spec.file_name, kind, spec.phase, spec.municipality, key)
        )
    return planned


def job_of(
    prepared: Prepared, books: list[ValidatedWorkbook]
) -> Callable[[PlannedDocument], DocumentJob]:
    """Builds a planned document's job (its context) from the prepared models, on demand."""
    planner = DocumentPlanner(prepared.consolidated, prepared.dataset, books)
    return lambda doc: planner.job(doc.spec)


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
    specs = DocumentPlanner(consolidated, dataset, books).specs()
    docs = plan_outputs(specs, books, phases, input_hashes, base)
    if len(books) >= LARGE_REGION:  # consolidation's frames: not kept through rendering
        release_free_memory()  # (a small region's are small; gc.collect costs ≈ 0.4 s)
    return Prepared(consolidated, docs, dataset)
