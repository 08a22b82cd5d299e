"""The renderer's API for the orchestrator: plan every document, then render one job.

``plan_documents`` builds every context in the calling process (cheap: formatting only);
``render_document`` runs anywhere, e.g. in a worker process. Charts travel as ``ChartSpec``
(plain data) and are drawn inside ``render_document``: each chart appears in exactly one
document, so drawing in the workers spreads the matplotlib cost over the processes instead
of serialising it in the planner, and a worker that renders no chart never imports
matplotlib (≈ 1 s per process).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from parthe_reports.consolidate.models import Consolidated
from parthe_reports.dataset import Dataset, SourceInfo
from parthe_reports.render.context_analysis import phase1_context, profile_context
from parthe_reports.render.context_common import ChartSpec, RunInfo, base_context
from parthe_reports.render.context_plan import phase4_context, phase5_context, phase6_context
from parthe_reports.render.context_pruefbericht import pruefbericht_context
from parthe_reports.render.context_strategy import phase2_context, phase3_context
from parthe_reports.render.documents import PHASE_TEMPLATES
from parthe_reports.render.engine import ChartImage, render_docx, template_path
from parthe_reports.validate.model import ValidatedWorkbook

PHASE_BUILDERS: dict[int, Callable[[Consolidated], dict[str, Any]]] = {
    1: phase1_context,
    2: phase2_context,
    3: phase3_context,
    4: phase4_context,
    5: phase5_context,
    6: phase6_context,
}


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


SOURCES_LISTED = 30  # a profile lists every source up to this many, else only its own


def _own_sources(c: Consolidated, dataset: Dataset) -> dict[str, list[SourceInfo]] | None:
    """Per municipality its own workbook(s), when the region has too many to list in a profile.

    Each profile listing every workbook is n² rows at scale (a million at 1,000
    municipalities); the comparison basis is then named in the profile's intro."""
    if len(c.phase1.sources) <= SOURCES_LISTED:
        return None
    out: dict[str, list[SourceInfo]] = {}
    for s in dataset.sources:
        if s.municipality:
            out.setdefault(s.municipality, []).append(s)
    return out


def plan_documents(
    c: Consolidated,
    dataset: Dataset,
    books: list[ValidatedWorkbook],
    generated: date | None = None,
    template_dir: Path | None = None,
) -> list[DocumentJob]:
    """Every document of a run: six phase documents, a profile per municipality, a
    Prüfbericht per workbook (``books``), each with its finished context."""
    run = RunInfo(
        stichtag=c.stichtag, generated=generated or date.today(), is_example=dataset.is_example
    )
    tdir = str(template_dir) if template_dir else None
    jobs = []
    for phase, builder in PHASE_BUILDERS.items():
        name = PHASE_TEMPLATES[phase]
        model = getattr(c, f"phase{phase}")
        ctx = base_context(c.region, run, dataset.sources, model.sources) | builder(c)
        jobs.append(DocumentJob("phase", phase, None, f"{name}.docx", name, ctx, tdir))
    own = _own_sources(c, dataset)
    for code in c.region.codes:
        profile = c.profiles.get(code)
        if profile is None:
            continue
        if own is None:
            ctx = base_context(c.region, run, dataset.sources, c.phase1.sources)
        else:
            ctx = base_context(c.region, run, own.get(code, []), None)
        ctx |= profile_context(c, profile)
        jobs.append(
            DocumentJob(
                "profile",
                1,
                code,
                f"Kommunalprofil_{_ascii(code)}.docx",
                "Kommunalprofil",
                ctx,
                tdir,
            )
        )
    taken: set[str] = set()
    for book in books:
        book_run = RunInfo(run.stichtag, run.generated, run.version, book.source.is_example)
        ctx = base_context(c.region, book_run, [book.source], None) | pruefbericht_context(book)
        jobs.append(
            DocumentJob(
                "pruefbericht",
                None,
                book.source.municipality,
                _pruefbericht_name(book, taken),
                "Pruefbericht",
                ctx,
                tdir,
            )
        )
    return jobs


def draw_chart(spec: ChartSpec) -> ChartImage:
    """Draw a chart spec to PNG (matplotlib is imported here, on first use)."""
    from parthe_reports.render import charts

    draw = getattr(charts, spec.kind)
    return ChartImage(draw(**spec.args), spec.width_cm)


def render_document(job: DocumentJob, out_path: Path) -> Path:
    """Render one job to exactly ``out_path`` (the caller handles temp file + rename)."""
    ctx = {k: draw_chart(v) if isinstance(v, ChartSpec) else v for k, v in job.context.items()}
    tdir = Path(job.template_dir) if job.template_dir else None
    return render_docx(template_path(job.template, tdir), ctx, out_path)
