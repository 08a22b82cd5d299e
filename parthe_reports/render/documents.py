"""What each deliverable contains: sections, tables, charts (German wording, once).

The declarations live in ``documents_analysis`` (phase 1, Kommunalprofil),
``documents_strategy`` (phases 2–3) and ``documents_plan`` (phases 4–6, Prüfbericht).
"""

from __future__ import annotations

from parthe_reports.render.documents_analysis import PHASE1, PROFILE
from parthe_reports.render.documents_plan import PHASE4, PHASE5, PHASE6, PRUEFBERICHT
from parthe_reports.render.documents_strategy import PHASE2, PHASE3
from parthe_reports.render.spec import DocSpec

SPECS: dict[str, DocSpec] = {
    s.name: s for s in (PHASE1, PHASE2, PHASE3, PHASE4, PHASE5, PHASE6, PROFILE, PRUEFBERICHT)
}
PHASE_TEMPLATES = {
    i + 1: s.name for i, s in enumerate((PHASE1, PHASE2, PHASE3, PHASE4, PHASE5, PHASE6))
}
