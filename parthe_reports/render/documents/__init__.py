"""The deliverables, one module each: its template's declaration and its context builder.

``phase1`` … ``phase6`` (the phase documents), ``profile`` (Kommunalprofil, one per
municipality), ``pruefbericht`` (one per workbook). This registry pairs them for
``render.jobs`` and the template builder.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from parthe_reports.consolidate.models import Consolidated
from parthe_reports.render.documents.phase1 import PHASE1, phase1_context
from parthe_reports.render.documents.phase2 import PHASE2, phase2_context
from parthe_reports.render.documents.phase3 import PHASE3, phase3_context
from parthe_reports.render.documents.phase4 import PHASE4, phase4_context
from parthe_reports.render.documents.phase5 import PHASE5, phase5_context
from parthe_reports.render.documents.phase6 import PHASE6, phase6_context
from parthe_reports.render.documents.profile import PROFILE
from parthe_reports.render.documents.pruefbericht import PRUEFBERICHT
from parthe_reports.render.spec import DocSpec

PhaseContext = Callable[[Consolidated], dict[str, Any]]

# Phase number → (template, context builder).
PHASES: dict[int, tuple[DocSpec, PhaseContext]] = {
    1: (PHASE1, phase1_context),
    2: (PHASE2, phase2_context),
    3: (PHASE3, phase3_context),
    4: (PHASE4, phase4_context),
    5: (PHASE5, phase5_context),
    6: (PHASE6, phase6_context),
}
SPECS: dict[str, DocSpec] = {
    s.name: s for s in (*(spec for spec, _ in PHASES.values()), PROFILE, PRUEFBERICHT)
}
PHASE_TEMPLATES = {phase: spec.name for phase, (spec, _) in PHASES.items()}
