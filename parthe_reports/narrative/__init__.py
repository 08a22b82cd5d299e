"""What the numbers mean: Kernaussagen, Befunde and Empfehlungen computed from the data.

Pure functions over the consolidated models (no Prefect, no network, no language model).
One front door per deliverable, each returning a ``Narrative``::

    narrative.phase1(c)            # … phase6(c); phase6(c, criteria, scores) for weighted options
    narrative.profile(c, "BRA")    # Kommunalprofil
    narrative.pruefbericht(book, region)
    narrative.progress(diff, region)

Every rule has a stable id (``Statement.rule``); rules are listed per deliverable below in
the order their Kernaussagen appear. Thresholds come from ``region.judgement``
(``[judgement]`` in region.toml). The pure computations of issue 11 live in
``priorisierung`` (phase 1), ``catalogue`` (Quick Win, Einzelmaßnahme), ``funding``
(Förderstrategie) and ``structure`` (weighted options, cost key).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from parthe_reports.consolidate.models import Consolidated
from parthe_reports.narrative import rules_catalogue as r4
from parthe_reports.narrative import rules_funding as r5
from parthe_reports.narrative import rules_phase1 as r1
from parthe_reports.narrative import rules_phase1_fields as r1f
from parthe_reports.narrative import rules_profile as rp
from parthe_reports.narrative import rules_reports as rr
from parthe_reports.narrative import rules_strategy as r23
from parthe_reports.narrative import rules_structure as r6
from parthe_reports.narrative import sections
from parthe_reports.narrative.sections import section_keys
from parthe_reports.narrative.statement import (
    ContradictionError,
    Kind,
    Narrative,
    Rule,
    Statement,
    assemble,
    contradictions,
    run_rules,
)
from parthe_reports.narrative.structure import Criterion, Score, assess
from parthe_reports.region import Region
from parthe_reports.validate.model import ValidatedWorkbook

if TYPE_CHECKING:
    from parthe_reports.progress.model import ProgressDiff

PHASE1_RULES = (
    r1.coverage, r1.vacancy_max, r1.infra_total, r1f.priority_top, r1f.cluster_top,
    r1f.priorisierung, r1.vacancy_region, r1.vacancy_high, r1.vacancy_topic, r1.digitalisation,
    r1.infra_max, r1.infra_type, r1.infra_critical, r1.documents_outdated, r1.documents_leitbild,
    r1f.priority_spread, r1f.priority_last, r1f.swot_counts, r1f.swot_shared_weakness,
    r1f.cluster_tasks, r1f.recommend_start, r1f.recommend_vacancies,
)  # fmt: skip
PHASE2_RULES = (
    r23.sub_strategy_coverage, r23.workshops_held, r23.workshop_approval,
    r23.sub_strategy_partners, r23.legal_framework, r23.sub_strategy_priority,
)  # fmt: skip
PHASE3_RULES = (
    r23.mission_statement, r23.goals_overview, r23.communication, r23.goals_unreachable,
    r23.goals_current, r23.goals_incomplete, r23.goals_without_measures,
)  # fmt: skip
PHASE4_RULES = (
    r4.catalogue_size, r4.quick_wins, r4.cost_concentration, r4.single_measures,
    r4.no_consensus, r4.late_start, r4.goal_alignment,
)  # fmt: skip
PHASE5_RULES = (
    r5.volume, r5.funding_rate, r5.deadlines, r5.rate_lowest, r5.refused, r5.unfunded,
    r5.own_share_peak, r5.expired, r5.candidates,
)  # fmt: skip
PHASE6_RULES = (
    r6.late_milestones, r6.next_milestone, r6.change_management, r6.follow_up, r6.cost_key,
)  # fmt: skip
PROFILE_RULES = (rp.no_data, rp.ranks, rp.priorities, rp.measures, rp.cluster_gaps, rp.swot)
PRUEFBERICHT_RULES = (rr.check_result, rr.rows_taken, rr.sheets, rr.fix_first)
PROGRESS_RULES = (rr.money_moved, rr.measures_moved, rr.attention, rr.unchanged, rr.deliveries)


def _phase(c: Consolidated, rules: Iterable[Rule], keys: Iterable[str]) -> Narrative:
    return assemble(run_rules(rules, c, c.region.judgement), keys)


def phase1(c: Consolidated) -> Narrative:
    """Analyse und Bewertung."""
    return _phase(c, PHASE1_RULES, section_keys("Phase 1"))


def phase2(c: Consolidated) -> Narrative:
    """Strategischer Rahmen."""
    return _phase(c, PHASE2_RULES, section_keys("Phase 2"))


def phase3(c: Consolidated) -> Narrative:
    """Leitbild und Verbundziele."""
    return _phase(c, PHASE3_RULES, section_keys("Phase 3"))


def phase4(c: Consolidated) -> Narrative:
    """Maßnahmenkatalog (Quick-Win rule from ``region.judgement``)."""
    return _phase(c, PHASE4_RULES, section_keys("Phase 4"))


def phase5(c: Consolidated) -> Narrative:
    """Fördermittel and Förderstrategie."""
    return _phase(c, PHASE5_RULES, section_keys("Phase 5"))


def phase6(
    c: Consolidated, criteria: Iterable[Criterion] = (), scores: Iterable[Score] = ()
) -> Narrative:
    """Verstetigung und Umsetzung; with criteria and scores the structure recommendation
    comes from the weighted assessment, else from the Bewertung column."""
    crit, pts = list(criteria), list(scores)
    assessment = assess(crit, pts) if crit and pts else None
    j = c.region.judgement
    items = r6.recommended_option(c, j, assessment) + run_rules(PHASE6_RULES, c, j)
    return assemble(items, section_keys("Phase 6"))


def profile(c: Consolidated, municipality: str) -> Narrative:
    """Kommunalprofil of one municipality (Kürzel)."""
    j = c.region.judgement
    return assemble(run_rules(PROFILE_RULES, c, municipality, j), section_keys("Kommunalprofil"))


def pruefbericht(book: ValidatedWorkbook, region: Region) -> Narrative:
    """Prüfbericht of one workbook."""
    items = run_rules(PRUEFBERICHT_RULES, book, region, region.judgement)
    return assemble(items, section_keys("Prüfbericht"))


def progress(diff: ProgressDiff, region: Region) -> Narrative:
    """First page of the Fortschrittsbericht."""
    items = run_rules(PROGRESS_RULES, diff, region, region.judgement)
    return assemble(items, section_keys("Fortschrittsbericht"))


__all__ = [
    "ContradictionError",
    "Criterion",
    "Kind",
    "Narrative",
    "Score",
    "Statement",
    "contradictions",
    "phase1",
    "phase2",
    "phase3",
    "phase4",
    "phase5",
    "phase6",
    "profile",
    "progress",
    "pruefbericht",
    "sections",
]
