"""Prefect wiring of the parthe_reports core: tasks, flows, deployments.

Importing this package sets the Prefect environment defaults (see ``flows.settings``)
before anything imports ``prefect``; import ``flows`` before ``prefect``.
"""

from __future__ import annotations

from flows.settings import configure_environment

configure_environment()
