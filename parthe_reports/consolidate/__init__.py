"""Consolidation: a validated ``Dataset`` → one typed model per phase (pure, no I/O).

``consolidate(dataset)`` is the front door; ``phase1`` … ``phase6`` hold the computations,
``models`` the types the renderer consumes, ``workbook`` the Konsolidiert.xlsx writer.
"""

from __future__ import annotations

from parthe_reports.consolidate.models import (
    Consolidated,
    MunicipalProfile,
    Phase1Model,
    Phase2Model,
    Phase3Model,
    Phase4Model,
    Phase5Model,
    Phase6Model,
)

__all__ = [
    "Consolidated",
    "MunicipalProfile",
    "Phase1Model",
    "Phase2Model",
    "Phase3Model",
    "Phase4Model",
    "Phase5Model",
    "Phase6Model",
]
