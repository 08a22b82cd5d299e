"""Word deliverables: German formatting, charts, context builders, docxtpl rendering, PDF.

Public API for the orchestrator: ``plan_documents`` (every document of a run, picklable
jobs) and ``render_document`` (one job → one .docx); ``convert_to_pdf`` for ``--pdf``.
"""

from __future__ import annotations

from parthe_reports.render.jobs import DocumentJob, plan_documents, render_document
from parthe_reports.render.pdf import PdfConversionError, convert_to_pdf

__all__ = [
    "DocumentJob",
    "PdfConversionError",
    "convert_to_pdf",
    "plan_documents",
    "render_document",
]
