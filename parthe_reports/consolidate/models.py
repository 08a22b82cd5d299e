"""Typed phase models: what consolidation hands to the renderer and the consolidated workbook.

Conventions for every model:

* Tables are ``pandas.DataFrame`` with English column keys. Columns that come from the
  workbook contract keep their schema key (``topic``, ``status`` …); derived columns are
  named in ``headers.DERIVED_HEADERS`` (their German headers live there, once).
* Row-level tables keep the provenance columns ``source_workbook``, ``source_sheet``,
  ``source_row`` and ``municipality`` (see ``dataset``).
* Aggregate tables carry ``source_workbooks``: a sorted tuple of the file names whose rows
  were summed into that row. Scalar aggregates have a ``*_sources`` / ``sources`` tuple.
* Rates and shares are percentages 0–100 (like the contract's Prozent), NaN when undefined.
* Amounts are euros as float; counts are int.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from parthe_reports.region import Region

Sources = tuple[str, ...]


@dataclass
class Phase1Model:
    """Analyse und Bewertung: administration, infrastructure, documents, priorities, SWOT, clusters."""

    # -- administration (Verwaltung)
    administration: pd.DataFrame
    """Row-level Verwaltung rows (provenance kept)."""
    admin_by_topic_municipality: pd.DataFrame
    """topic, municipality, tasks, posts_fte, vacant_fte, vacancy_rate, digitalisation_mean,
    digitalisation_std, digitalisation_min, digitalisation_max, source_workbooks."""
    admin_by_topic: pd.DataFrame
    """Same columns as above without municipality: the region per topic (+ municipalities)."""
    admin_by_municipality: pd.DataFrame
    """Same columns without topic: each municipality over all topics."""
    admin_totals: dict[str, float]
    """Region: tasks, posts_fte, vacant_fte, vacancy_rate, digitalisation_mean/std/min/max."""
    high_potential_tasks: pd.DataFrame
    """Row-level Verwaltung rows whose Kooperationspotenzial is „hoch“."""
    # -- infrastructure (Infrastruktur)
    infrastructure: pd.DataFrame
    """Row-level Infrastruktur rows plus condition_rank (1 gut … 4 kritisch)."""
    infra_by_type_municipality: pd.DataFrame
    """type, municipality, objects, investment_need, cond_good, cond_satisfactory, cond_poor,
    cond_critical, cond_unknown, worst_condition, source_workbooks."""
    infra_by_type: pd.DataFrame
    """Same columns without municipality: the region per type."""
    infra_by_municipality: pd.DataFrame
    """Same columns without type: each municipality over all types."""
    worst_objects: pd.DataFrame
    """Row-level objects in condition „kritisch“ or „mangelhaft“, worst first, then by need."""
    infra_totals: dict[str, float]
    """Region: objects, investment_need, cond_good … cond_unknown."""
    # -- documents (Dokumente)
    documents: pd.DataFrame
    """Row-level Dokumente rows plus age_years (Stichtag year − Jahr)."""
    documents_by_topic_status: pd.DataFrame
    """topic („ohne Themenbereich“ when empty), status, documents, source_workbooks."""
    # -- priorities (Prioritäten)
    priorities: pd.DataFrame
    """Row-level Prioritäten rows."""
    priority_matrix: pd.DataFrame
    """Wide: one row per municipality (column municipality), one column per topic (priority),
    source_workbooks."""
    priority_ranking: pd.DataFrame
    """topic, rank, priority_mean, priority_min, priority_max, top_count, municipalities,
    source_workbooks; rank 1 = the region's most important topic."""
    # -- SWOT
    swot: pd.DataFrame
    """Row-level SWOT rows plus statement_key (the merged statement they belong to)."""
    swot_statements: pd.DataFrame
    """Merged statements: topic, category, statement, municipalities, mentions, weight_max,
    weight_total, variants, source_refs, source_workbooks. Ordered topic, category, mentions↓."""
    swot_merge_rule: str
    """How statements were merged (printed in the report)."""
    # -- Aufgaben-/Themencluster
    clusters: pd.DataFrame
    """Ranked topic clusters: rank, topic, score, complementarity, shared_priority,
    shared_weakness, rated_potential (components 0–1), strength_municipalities,
    weakness_municipalities, priority_municipalities, municipalities, source_workbooks."""
    cluster_matrix: pd.DataFrame
    """Heat map: one row per topic (column topic), one column per code of a municipality that
    delivered a workbook (0–100), source_workbooks."""
    cluster_tasks: pd.DataFrame
    """Task clusters from Verwaltung: rank, topic, task, score, coverage, rated_potential,
    municipalities, posts_fte, vacant_fte, source_workbooks."""
    cooperation_formula: str
    """The cooperation-potential formula, in German, as the report prints it."""
    task_formula: str
    """The task-cluster formula, in German."""
    sources: Sources = ()
    """Every workbook that fed phase 1."""
    master_data: pd.DataFrame = field(default_factory=pd.DataFrame)
    """Row-level Stammdaten (one row per municipal workbook)."""


@dataclass
class Phase2Model:
    """Strategischer Rahmen: sub-strategies, workshops, legal framework."""

    sub_strategies: pd.DataFrame
    """Row-level Teilstrategien (municipalities as tuple of codes)."""
    sub_strategies_by_topic: pd.DataFrame
    """topic, sub_strategies (count), municipalities; every region topic, 0 when none."""
    sub_strategies_by_municipality: pd.DataFrame
    """One row per (municipality, sub-strategy): municipality_code, topic, goal, approach, …"""
    topics_without_sub_strategy: tuple[str, ...]
    """Region topics (in region order) with no Teilstrategie yet."""
    workshops: pd.DataFrame
    """Row-level Werkstätten in process order (Kooperations-, Zukunfts-, Strategiewerkstatt),
    then date, plus stage (1–3), votes_total and approval (dafür / alle Stimmen, %)."""
    workshop_summary: pd.DataFrame
    """stage, workshop, date_first, date_last, participants (max), results, votes_for,
    votes_against, abstentions, approval."""
    legal_framework: pd.DataFrame
    """Row-level Rahmenbedingungen."""
    sources: Sources = ()


@dataclass
class Phase3Model:
    """Leitbild und Verbundziele."""

    mission_statement: pd.DataFrame
    """Row-level Leitbild rows in the region's order of guiding questions (question_no 1–3)."""
    questions_without_statement: tuple[str, ...]
    """Guiding questions that have no Leitsatz yet."""
    goals: pd.DataFrame
    """Row-level Verbundziele plus measures (count), measure_cost, measure_ids,
    measure_sources (workbooks of those measures)."""
    communication: pd.DataFrame
    """Row-level Kommunikation plus date_start/date_end (from the Termin label)."""
    sources: Sources = ()


@dataclass
class Phase4Model:
    """Maßnahmenkatalog."""

    measures: pd.DataFrame
    """Deduplicated measures (provenance of the first occurrence; source_workbooks: all) plus
    goal (text), goal_topic, goal_known, responsible (lead, else the workbook's municipality),
    involved (responsible + partners), start_date, end_date, quick_win, single_measure.
    Ordered by topic, ID."""
    quick_wins: pd.DataFrame
    """Measures flagged ``quick_win`` (the configured rule, ``consolidate.phase4.QuickWinRule``)."""
    by_status: pd.DataFrame
    """status, measures, cost_total, source_workbooks (every status of the vocabulary)."""
    by_topic: pd.DataFrame
    """topic, measures, cost_total, source_workbooks (every region topic)."""
    by_municipality: pd.DataFrame
    """municipality (= responsible), measures, cost_total, involved_in, source_workbooks."""
    goals_without_measures: pd.DataFrame
    """Verbundziele rows no measure refers to."""
    measures_without_goal: pd.DataFrame
    """Measures with no Verbundziel-Nr. or one the Verbund-Workbook does not define."""
    timeline: pd.DataFrame
    """measure_id, title, topic, status, responsible, start_date, end_date, provenance
    (measures with at least one date)."""
    totals: dict[str, float]
    """Region: measures, cost_total, quick_wins, duplicates_merged."""
    sources: Sources = ()


@dataclass
class Phase5Model:
    """Fördermittel."""

    programmes: pd.DataFrame
    """Row-level Förderprogramme plus applications (count)."""
    programmes_by_topic_funder: pd.DataFrame
    """topic („themenübergreifend“ when empty), funder, programmes."""
    applications: pd.DataFrame
    """Row-level Förderanträge plus programme, measure_title, goal_id, decided."""
    applications_by_status: pd.DataFrame
    """status, applications, requested, granted, own_share, source_workbooks."""
    applications_by_municipality: pd.DataFrame
    """municipality, applications, requested, granted, own_share, decided_requested,
    decided_granted, funding_rate, source_workbooks."""
    applications_by_programme: pd.DataFrame
    """programme_id, programme, funder, applications, requested, granted, own_share,
    source_workbooks."""
    funding_rate: float
    """Region: bewilligt / beantragt over decided applications, % (NaN when none decided)."""
    funding_rate_rule: str
    """How the funding rate is computed (German, printed)."""
    deadlines: pd.DataFrame
    """Deadlines from the Stichtag (day 0, included) to day 90 (included): deadline_kind,
    deadline, days_left, reference (programme/application ID), label, municipality,
    provenance. Sorted by date."""
    measures_without_application: pd.DataFrame
    """Measures with Kosten gesamt > 0 and no Förderantrag at all."""
    funding_by_goal: pd.DataFrame
    """goal_id, goal, measure_cost, requested, granted, secured_share (% of measure cost)."""
    totals: dict[str, float]
    """Region: applications, requested, granted, own_share, decided_requested, decided_granted."""
    sources: Sources = ()


@dataclass
class Phase6Model:
    """Verstetigung und Umsetzung."""

    structure_options: pd.DataFrame
    """Row-level Strukturoptionen ranked by Bewertung (rank 1 = best), ties by Empfehlung."""
    recommended_option: str | None
    """The option marked Empfehlung = ja (first by rank); None when none is marked."""
    milestones: pd.DataFrame
    """Row-level Zeitplan sorted by Termin plus late (bool) and days_left."""
    late_milestones: pd.DataFrame
    """Milestones with Termin before the Stichtag and status not „erledigt“."""
    next_milestones: pd.DataFrame
    """The next NEXT_MILESTONES open milestones due on or after the Stichtag."""
    change_management: pd.DataFrame
    """Row-level Veränderungsmanagement sorted by status order, Termin."""
    change_by_status: pd.DataFrame
    """status, measures (count) for every work status."""
    follow_up_applications: pd.DataFrame
    """Anschlussförderung: applications of Art „Anschlussförderung Verbund“ only."""
    sources: Sources = ()
    criteria: pd.DataFrame = field(default_factory=pd.DataFrame)
    """Kriterien (criterion, weight in %, description) as typed (contract version 2)."""
    structure_scores: pd.DataFrame = field(default_factory=pd.DataFrame)
    """Strukturbewertung: option, criterion, points, weight, weighted (= points · weight / 100)."""


@dataclass
class MunicipalProfile:
    """Kommunalprofil: one municipality's phase-1 figures beside the region's."""

    code: str
    name: str
    has_data: bool
    """False when the municipality's workbook is missing (the profile then says so)."""
    comparison: pd.DataFrame
    """figure, value, region_median, region_min, region_max (over municipalities with data)."""
    administration: pd.DataFrame
    """This municipality's rows of admin_by_topic_municipality."""
    infrastructure: pd.DataFrame
    """This municipality's Infrastruktur rows."""
    documents: pd.DataFrame
    priorities: pd.DataFrame
    """topic, priority (own) and region_rank."""
    swot: pd.DataFrame
    """This municipality's SWOT rows (row-level)."""
    cluster_scores: pd.DataFrame
    """topic, score (own heat-map column), region_score."""
    measures: pd.DataFrame
    """Measures this municipality is responsible for or involved in (see regionwide_unlisted)."""
    applications: pd.DataFrame
    regionwide_unlisted: int = 0
    """Region-wide („alle“) measures it takes part in that ``measures`` does not list: above
    ``profiles.REGIONWIDE_LISTED`` of them a profile counts instead of listing them."""


@dataclass
class Consolidated:
    """The whole region, consolidated: what every deliverable is rendered from."""

    region: Region
    """The region config (name, municipalities, topics in order)."""
    stichtag: date
    """Reference date: from the dataset, never today()."""
    phase1: Phase1Model
    phase2: Phase2Model
    phase3: Phase3Model
    phase4: Phase4Model
    phase5: Phase5Model
    phase6: Phase6Model
    profiles: dict[str, MunicipalProfile]
    missing_municipalities: tuple[str, ...] = ()
    """Codes of municipalities whose workbook is missing or unreadable."""
    incomplete_municipalities: tuple[str, ...] = ()
    """Codes whose workbook had rows rejected."""
    sources: Sources = field(default_factory=tuple)
    """Every workbook that fed the consolidation."""
    assessments: pd.DataFrame = field(default_factory=pd.DataFrame)
    """Verbund › Bewertungen: document, section (a ``sections`` key), code, text, as_of, author."""
    questioned: dict[tuple[str, str, int], list[str]] = field(default_factory=dict)
    """Rows a plausibility finding questions: (workbook, sheet, Excel row) → its findings."""
    workbooks: dict[str, str | None] = field(default_factory=dict)
    """Every workbook read: file name → Kürzel (None for the Verbund-Workbook)."""
