"""The Fortschrittsbericht der Lenkungsgruppe: what changed between two kept runs.

``diff_runs`` (pure) → ``ProgressDiff``; ``build_context`` → template dict;
``render_report`` → .docx; ``write_progress_report`` does all of it for an outputs folder.
"""

from __future__ import annotations

from parthe_reports.progress.diff import diff_runs
from parthe_reports.progress.model import ProgressDiff
from parthe_reports.progress.report import ProgressError, ProgressResult, write_progress_report

__all__ = ["ProgressDiff", "ProgressError", "ProgressResult", "diff_runs", "write_progress_report"]
