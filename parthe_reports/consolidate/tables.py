"""The model tables of Konsolidiert.xlsx and the machine-readable files, in sheet order.

Each ``TableSpec`` names the sheet title, where the table lives on ``Consolidated`` and
the schema sheets whose German headers and column types apply to its columns.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from parthe_reports.consolidate.models import Consolidated


@dataclass(frozen=True)
class TableSpec:
    """One model table: sheet title, where it lives on ``Consolidated``, schema sheets for headers."""

    title: str
    phase: str
    field: str
    sheets: tuple[str, ...] = ()
    number_format: str | None = None  # for every numeric cell (matrices)

    def frame(self, c: Consolidated) -> pd.DataFrame:
        owner = getattr(c, self.phase) if self.phase else c  # "" = a table of the whole region
        return getattr(owner, self.field)

    @property
    def file_stem(self) -> str:
        return f"{self.phase or 'verbund'}_{self.field}"


_A, _I, _D, _S, _P = "administration", "infrastructure", "documents", "swot", "priorities"
_M, _G, _FA, _FP = "measures", "goals", "funding_applications", "programmes"
_MG = (_M, _G)
TABLES: tuple[TableSpec, ...] = (
    TableSpec("P1 Stammdaten", "phase1", "master_data", ("master_data",)),
    TableSpec("P1 Verwaltung", "phase1", "administration", (_A,)),
    TableSpec("P1 Verwaltung Thema×Kommune", "phase1", "admin_by_topic_municipality", (_A,)),
    TableSpec("P1 Verwaltung je Thema", "phase1", "admin_by_topic", (_A,)),
    TableSpec("P1 Verwaltung je Kommune", "phase1", "admin_by_municipality", (_A,)),
    TableSpec("P1 Aufgaben Potenzial hoch", "phase1", "high_potential_tasks", (_A,)),
    TableSpec("P1 Infrastruktur", "phase1", "infrastructure", (_I,)),
    TableSpec("P1 Infrastruktur Art×Kommune", "phase1", "infra_by_type_municipality", (_I,)),
    TableSpec("P1 Infrastruktur je Art", "phase1", "infra_by_type", (_I,)),
    TableSpec("P1 Infrastruktur je Kommune", "phase1", "infra_by_municipality", (_I,)),
    TableSpec("P1 Objekte schlechter Zustand", "phase1", "worst_objects", (_I,)),
    TableSpec("P1 Dokumente", "phase1", "documents", (_D,)),
    TableSpec("P1 Dokumente je Thema", "phase1", "documents_by_topic_status", (_D,)),
    TableSpec("P1 Prioritäten", "phase1", "priorities", (_P,)),
    TableSpec("P1 Prioritätenmatrix", "phase1", "priority_matrix", (_P,), "0"),
    TableSpec("P1 Rangfolge Themen", "phase1", "priority_ranking", (_P,)),
    TableSpec("P1 SWOT", "phase1", "swot", (_S,)),
    TableSpec("P1 SWOT zusammengeführt", "phase1", "swot_statements", (_S,)),
    TableSpec("P1 Themencluster", "phase1", "clusters", (_S,)),
    TableSpec("P1 Heatmap Kooperation", "phase1", "cluster_matrix", (_S,), "0.0"),
    TableSpec("P1 Aufgabencluster", "phase1", "cluster_tasks", (_A,)),
    TableSpec("P2 Teilstrategien", "phase2", "sub_strategies", ("sub_strategies",)),
    TableSpec(
        "P2 Teilstrategien je Thema", "phase2", "sub_strategies_by_topic", ("sub_strategies",)
    ),
    TableSpec(
        "P2 Teilstrategien je Kommune",
        "phase2",
        "sub_strategies_by_municipality",
        ("sub_strategies",),
    ),
    TableSpec("P2 Werkstätten", "phase2", "workshops", ("workshops",)),
    TableSpec("P2 Werkstätten Übersicht", "phase2", "workshop_summary", ("workshops",)),
    TableSpec("P2 Rahmenbedingungen", "phase2", "legal_framework", ("legal_framework",)),
    TableSpec("P3 Leitbild", "phase3", "mission_statement", ("mission_statement",)),
    TableSpec("P3 Verbundziele", "phase3", "goals", (_G,)),
    TableSpec("P3 Kommunikation", "phase3", "communication", ("communication",)),
    TableSpec("P4 Maßnahmen", "phase4", "measures", _MG),
    TableSpec("P4 Quick Wins", "phase4", "quick_wins", _MG),
    TableSpec("P4 Maßnahmen je Status", "phase4", "by_status", (_M,)),
    TableSpec("P4 Maßnahmen je Thema", "phase4", "by_topic", (_M,)),
    TableSpec("P4 Maßnahmen je Kommune", "phase4", "by_municipality", (_M,)),
    TableSpec("P4 Ziele ohne Maßnahme", "phase4", "goals_without_measures", (_G,)),
    TableSpec("P4 Maßnahmen ohne Ziel", "phase4", "measures_without_goal", _MG),
    TableSpec("P4 Zeitleiste", "phase4", "timeline", _MG),
    TableSpec("P5 Förderprogramme", "phase5", "programmes", (_FP,)),
    TableSpec("P5 Programme je Thema", "phase5", "programmes_by_topic_funder", (_FP,)),
    TableSpec("P5 Förderanträge", "phase5", "applications", (_FA, _FP, _G)),
    TableSpec("P5 Anträge je Status", "phase5", "applications_by_status", (_FA,)),
    TableSpec("P5 Anträge je Kommune", "phase5", "applications_by_municipality", (_FA,)),
    TableSpec("P5 Anträge je Programm", "phase5", "applications_by_programme", (_FA, _FP, _G)),
    TableSpec("P5 Fristen 90 Tage", "phase5", "deadlines", ()),
    TableSpec("P5 Maßnahmen ohne Antrag", "phase5", "measures_without_application", _MG),
    TableSpec("P5 Mittelbindung je Ziel", "phase5", "funding_by_goal", (_G, _FA)),
    TableSpec("P6 Strukturoptionen", "phase6", "structure_options", ("structure_options",)),
    TableSpec("P6 Meilensteine", "phase6", "milestones", ("schedule",)),
    TableSpec("P6 Veränderungsmanagement", "phase6", "change_management", ("change_management",)),
    TableSpec("P6 Veränderung je Status", "phase6", "change_by_status", ("change_management",)),
    TableSpec("P6 Folgeanträge", "phase6", "follow_up_applications", (_FA, _FP, _G)),
    TableSpec("P6 Kriterien", "phase6", "criteria", ("criteria",)),
    TableSpec(
        "P6 Strukturbewertung", "phase6", "structure_scores", ("structure_scores", "criteria")
    ),
    TableSpec("Bewertungen", "", "assessments", ("assessments",)),
)
