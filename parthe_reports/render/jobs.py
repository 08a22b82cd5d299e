"""The renderer's API for the orchestrator: plan every document, then render one job.

``DocumentPlanner`` lists every document as a ``DocumentSpec`` and builds one document's
context on demand in the calling process (a run builds each context just before handing
it out, so it never holds all of them); ``plan_documents`` builds them all at once.
``render_document`` runs anywhere, e.g. in a worker process. Charts travel as ``ChartSpec``
(plain data) and are drawn inside ``render_document``: each chart appears in exactly one
document, so drawing in the workers spreads the cost over the processes instead of
serialising it in the planner. Bar charts (every Kommunalprofil) are native Word charts
(< 1 ms); only the heat map, timeline and milestones import matplotlib (≈ 1 s per process).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from parthe_reports.consolidate.models import Consolidated
from parthe_reports.dataset import Dataset
from parthe_reports.region import Region
from parthe_reports.render.context import ChartSpec, Imprint, Names, base_context
from parthe_reports.render.documents import PHASES
from parthe_reports.render.documents.profile import PROFILE, own_sources, profile_context
from parthe_reports.render.documents.pruefbericht import PRUEFBERICHT, pruefbericht_context
from parthe_reports.render.engine import ChartImage, render_docx, template_path
from parthe_reports.render.images import NativeChart
from parthe_reports.render.titlepage import title_page_context
from parthe_reports.validate.model import ValidatedWorkbook


@dataclass(frozen=True)
class DocumentJob:
    """One document to render: picklable, self-contained (context already built)."""

    kind: str  # "phase", "profile", "pruefbericht"
    phase: int | None
    municipality: str | None  # Kürzel for profiles and municipal Prüfberichte
    file_name: str  # ASCII, e.g. "Phase4_Massnahmenkatalog.docx"
    template: str  # template file stem in templates/word/
    context: dict[str, Any]
    template_dir: str | None = None  # None: the shipped templates/word/


def _ascii(name: str) -> str:
    s = unicodedata.normalize("NFKD", name.replace("ß", "ss"))
    s = s.encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9_-]+", "_", s).strip("_") or "Workbook"


def _pruefbericht_name(book: ValidatedWorkbook, taken: set[str]) -> str:
    src = book.source
    if src.kind == "regional":
        stem = "Verbund"
    elif src.municipality:
        stem = src.municipality
    else:
        stem = Path(src.workbook).stem
    name = f"Pruefbericht_{_ascii(stem)}"
    candidate, n = name, 2
    while candidate in taken:
        candidate, n = f"{name}_{n}", n + 1
    taken.add(candidate)
    return candidate + ".docx"


@dataclass(frozen=True)
class DocumentSpec:
    """A document to render before its context exists: cheap to list, cheap to keep."""

    kind: str  # "phase", "profile", "pruefbericht"
    phase: int | None
    municipality: str | None
    file_name: str
    template: str
    book: int | None = None  # Prüfbericht: index of its workbook in the planner's books


class DocumentPlanner:
    """Lists every document of a run, and builds one document's job (its context) on demand,
    so a run holds only the contexts being rendered, not all of them at once."""

    def __init__(
        self,
        c: Consolidated,
        dataset: Dataset,
        books: list[ValidatedWorkbook],
        generated: date | None = None,
        template_dir: Path | None = None,
    ) -> None:
        self.c, self.dataset, self.books = c, dataset, books
        self.run = Imprint(
            stichtag=c.stichtag, generated=generated or date.today(), is_example=dataset.is_example
        )
        self.tdir = str(template_dir) if template_dir else None
        self.title = title_page_context(c.region, self.run.generated)  # same on every document
        self._profile_basis: tuple[dict[str, list[Any]] | None, Any] | None = None

    def specs(self) -> list[DocumentSpec]:
        """Six phase documents, a profile per municipality, a Prüfbericht per workbook."""
        out = [
            DocumentSpec("phase", ph, None, f"{s.name}.docx", s.name)
            for ph, (s, _) in PHASES.items()
        ]
        for code in self.c.region.codes:
            if code in self.c.profiles:
                name = f"{PROFILE.name}_{_ascii(code)}.docx"
                out.append(DocumentSpec("profile", 1, code, name, PROFILE.name))
        taken: set[str] = set()
        for i, book in enumerate(self.books):
            name = _pruefbericht_name(book, taken)
            out.append(
                DocumentSpec(
                    "pruefbericht", None, book.source.municipality, name, PRUEFBERICHT.name, i
                )
            )
        return out

    def job(self, spec: DocumentSpec) -> DocumentJob:
        """The spec's job with its finished context."""
        c, run = self.c, self.run
        if spec.kind == "phase":
            assert spec.phase is not None
            builder = PHASES[spec.phase][1]
            model = getattr(c, f"phase{spec.phase}")
            ctx = base_context(c.region, run, self.dataset.sources, model.sources, None, self.title)
            ctx |= builder(c)
        elif spec.kind == "profile":
            assert spec.municipality is not None
            ctx = self._profile_base(spec.municipality)
            ctx |= profile_context(c, c.profiles[spec.municipality])
        else:
            assert spec.book is not None
            book = self.books[spec.book]
            job = pruefbericht_job(book, c.region, run, None, self.tdir, self.title)
            return replace(job, file_name=spec.file_name)  # unique among the run's reports
        return DocumentJob(
            spec.kind, spec.phase, spec.municipality, spec.file_name, spec.template, ctx, self.tdir
        )

    def _profile_base(self, code: str) -> dict[str, Any]:
        if self._profile_basis is None:  # once per run: each profile lists its own sources
            self._profile_basis = (own_sources(self.c, self.dataset), Names.of(self.c).labels)
        own, labels = self._profile_basis
        if own is None:
            sources = self.dataset.sources
            return base_context(
                self.c.region, self.run, sources, self.c.phase1.sources, None, self.title
            )
        return base_context(self.c.region, self.run, own.get(code, []), None, labels, self.title)


def plan_documents(
    c: Consolidated,
    dataset: Dataset,
    books: list[ValidatedWorkbook],
    generated: date | None = None,
    template_dir: Path | None = None,
) -> list[DocumentJob]:
    """Every document of a run: six phase documents, a profile per municipality, a
    Prüfbericht per workbook (``books``), each with its finished context."""
    planner = DocumentPlanner(c, dataset, books, generated, template_dir)
    return [planner.job(spec) for spec in planner.specs()]


def pruefbericht_job(
    book: ValidatedWorkbook,
    region: Region,
    run: Imprint,
    taken: set[str] | None = None,
    template_dir: str | None = None,
    title: Mapping[str, Any] | None = None,
) -> DocumentJob:
    """The Prüfbericht of one workbook (a run's, or one upload's in the portal); ``title``:
    the run's title page when the caller has it (``base_context``)."""
    book_run = Imprint(run.stichtag, run.generated, run.version, book.source.is_example)
    ctx = base_context(region, book_run, [book.source], None, None, title)
    ctx |= pruefbericht_context(book, region)
    return DocumentJob(
        "pruefbericht",
        None,
        book.source.municipality,
        _pruefbericht_name(book, set() if taken is None else taken),
        PRUEFBERICHT.name,
        ctx,
        template_dir,
    )


def draw_chart(spec: ChartSpec) -> ChartImage | NativeChart:
    """Draw a chart spec: a native Word chart or a PNG (matplotlib is imported on first use)."""
    from parthe_reports.render import charts

    return charts.draw(spec)


def render_document(job: DocumentJob, out_path: Path) -> Path:
    """Render one job to exactly ``out_path`` (the caller handles temp file + rename)."""
    ctx = {k: draw_chart(v) if isinstance(v, ChartSpec) else v for k, v in job.context.items()}
    tdir = Path(job.template_dir) if job.template_dir else None
    return render_docx(template_path(job.template, tdir), ctx, out_path)
