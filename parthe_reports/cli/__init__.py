"""Command line: ``parthe-reports``. German for users; one module per group of commands."""

from __future__ import annotations

from parthe_reports.cli import (
    notices,  # noqa: F401  (registers erinnern)
    pipeline,  # noqa: F401  (registers run, serve, runs)
    portal,  # noqa: F401  (registers portal, users)
    progress,  # noqa: F401  (registers report progress)
    validation,  # noqa: F401  (registers validate)
    workbooks,  # noqa: F401  (registers templates, demo-data)
)
from parthe_reports.cli.app import app

__all__ = ["app"]
