"""The renderer's API for the orchestrator: plan every document, then render one job.

``plan_documents`` builds every context in the calling process (cheap: formatting only);
``render_document`` runs anywhere, e.g. in a worker process. Charts travel as ``ChartSpec``
(plain data) and are drawn inside ``render_document``: each chart appears in exactly one
document, so drawing in the workers spreads the cost over the processes instead of
serialising it in the planner. Bar charts (every Kommunalprofil) are native Word charts
(< 1 ms); only the heat map, timeline and milestones import matplotlib (≈ 1 s per process).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
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


def plan_documents(
    c: Consolidated,
    dataset: Dataset,
    books: list[ValidatedWorkbook],
    generated: date | None = None,
    template_dir: Path | None = None,
) -> list[DocumentJob]:
    """Every document of a run: six phase documents, a profile per municipality, a
    Prüfbericht per workbook (``books``), each with its finished context."""
    run = Imprint(
        stichtag=c.stichtag, generated=generated or date.today(), is_example=dataset.is_example
    )
    tdir = str(template_dir) if template_dir else None
    jobs = []
    for phase, (spec, builder) in PHASES.items():
        name = spec.name
        model = getattr(c, f"phase{phase}")
        ctx = base_context(c.region, run, dataset.sources, model.sources) | builder(c)
        jobs.append(DocumentJob("phase", phase, None, f"{name}.docx", name, ctx, tdir))
    own = own_sources(c, dataset)
    labels = Names.of(c).labels  # of every workbook, as the profiles' rows print them
    for code in c.region.codes:
        profile = c.profiles.get(code)
        if profile is None:
            continue
        if own is None:
            ctx = base_context(c.region, run, dataset.sources, c.phase1.sources)
        else:
            ctx = base_context(c.region, run, own.get(code, []), None, labels)
        ctx |= profile_context(c, profile)
        jobs.append(
            DocumentJob(
                "profile",
                1,
                code,
                f"{PROFILE.name}_{_ascii(code)}.docx",
                PROFILE.name,
                ctx,
                tdir,
            )
        )
    taken: set[str] = set()
    jobs += [pruefbericht_job(book, c.region, run, taken, tdir) for book in books]
    return jobs


def pruefbericht_job(
    book: ValidatedWorkbook,
    region: Region,
    run: Imprint,
    taken: set[str] | None = None,
    template_dir: str | None = None,
) -> DocumentJob:
    """The Prüfbericht of one workbook (a run's, or one upload's in the portal)."""
    book_run = Imprint(run.stichtag, run.generated, run.version, book.source.is_example)
    ctx = base_context(region, book_run, [book.source], None) | pruefbericht_context(book, region)
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
