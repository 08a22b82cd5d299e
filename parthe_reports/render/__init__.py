"""Word deliverables: German formatting, charts, context builders, docxtpl rendering, PDF.

Public API for the orchestrator: ``DocumentPlanner`` (every document of a run as a spec,
each spec's picklable job built on demand), ``plan_documents`` (all jobs at once) and
``render_document`` (one job → one .docx); ``convert_to_pdf`` for ``--pdf``.
"""

from __future__ import annotations

from parthe_reports.render.jobs import (
    DocumentJob,
    DocumentPlanner,
    DocumentSpec,
    plan_documents,
    render_document,
)
from parthe_reports.render.pdf import PdfConversionError, convert_to_pdf

__all__ = [
    "DocumentJob",
    "DocumentPlanner",
    "DocumentSpec",
    "PdfConversionError",
    "convert_to_pdf",
    "plan_documents",
    "render_document",
]
