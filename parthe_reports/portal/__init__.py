"""The Abgabeportal: a small web application (FastAPI, server-rendered German pages) where
each administration uploads its workbook, sees its findings in seconds and submits it; the
project office sees the region, starts runs and downloads the documents.

``config`` folders · ``store`` SQLite (users, submissions, audit log) · ``auth`` passwords,
sessions, CSRF · ``checking`` one upload through the run's reading step · ``inbox`` the
inputs folder (lock, atomic submit, archive, snapshots) · ``launch`` runs from the page ·
``overview`` states and deadlines · ``web`` app factory and shared route helpers ·
``routes_*`` the pages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from parthe_reports.portal.config import PortalConfig
from parthe_reports.portal.store import Store, current_submissions

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["PortalConfig", "Store", "create_app", "current_submissions"]


def create_app(config: PortalConfig | None = None) -> FastAPI:
    """The ASGI app (imported lazily: the CLI's user commands need no web stack)."""
    from parthe_reports.portal.web import create_app as make

    return make(config)
