"""Consolidation: a validated ``Dataset`` → one typed model per phase (pure, no I/O).

``consolidate(dataset)`` is the front door; ``phase1`` … ``phase6`` hold the computations,
``models`` the types the renderer consumes, ``workbook`` the Konsolidiert.xlsx writer.
The Stichtag always comes from the dataset; nothing here asks the clock.
"""

from __future__ import annotations

from parthe_reports.consolidate import phase1, phase2, phase3, phase4, phase5, phase6
from parthe_reports.consolidate.frames import sources_of, stable
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
from parthe_reports.consolidate.profiles import build_profiles
from parthe_reports.dataset import Dataset


def consolidate(dataset: Dataset) -> Consolidated:
    """Every phase model, the Kommunalprofile and who is missing, for one Dataset."""
    p1 = phase1.build(dataset)
    p4 = phase4.build(dataset)
    p3 = phase3.build(dataset, p4.measures)
    p5 = phase5.build(dataset, p4.measures)
    p6 = phase6.build(dataset, p5.applications)
    p2 = phase2.build(dataset)
    return Consolidated(
        region=dataset.region,
        stichtag=dataset.stichtag,
        phase1=p1,
        phase2=p2,
        phase3=p3,
        phase4=p4,
        phase5=p5,
        phase6=p6,
        profiles=build_profiles(dataset.region, dataset.missing_municipalities, p1, p4, p5),
        missing_municipalities=tuple(dataset.missing_municipalities),
        incomplete_municipalities=tuple(dataset.incomplete_municipalities),
        sources=sources_of(*dataset.tables.values()),
        assessments=stable(dataset.table("assessments")),
        questioned=dict(dataset.questioned),
        workbooks={s.workbook: s.municipality for s in dataset.sources},
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
    "consolidate",
]
