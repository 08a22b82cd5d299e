"""German headers of the consolidated tables, in one place.

Columns that come from the workbook contract take their header from ``schema`` (never
restated here); this module names only the *derived* columns, the provenance columns
and the figures of the Kommunalprofil.
"""

from __future__ import annotations

from parthe_reports.dataset import APPROX_SUFFIX, sheet_by_key
from parthe_reports.schema import VOCABULARIES

_CONDITIONS = VOCABULARIES["condition"].values

PROVENANCE_HEADERS = {
    "source_workbook": "Arbeitsmappe",
    "source_sheet": "Tabellenblatt",
    "source_row": "Zeile",
    "plausibility": "Plausibilität (Prüfhinweise zu dieser Zeile)",
    "municipality": "Kommune (Kürzel)",
    "source_workbooks": "Quellen (Arbeitsmappen)",
    "source_refs": "Fundstellen",
}

DERIVED_HEADERS = {
    # phase 6 (contract version 2)
    "weighted_score": "gewichtete Gesamtbewertung",
    "weighted": "gewichtete Punkte",
    # phase 1
    "tasks": "Aufgaben",
    "vacancy_rate": "Quote unbesetzt %",
    "digitalisation_mean": "Digitalisierungsgrad Mittel",
    "digitalisation_std": "Digitalisierungsgrad Streuung",
    "digitalisation_min": "Digitalisierungsgrad min.",
    "digitalisation_max": "Digitalisierungsgrad max.",
    "municipalities": "Kommunen",
    "condition_rank": "Zustandsstufe (1 gut – 4 kritisch)",
    "objects": "Objekte",
    **dict(
        zip(
            ("cond_good", "cond_satisfactory", "cond_poor", "cond_critical"),
            _CONDITIONS,
            strict=True,
        )
    ),
    "cond_unknown": "Zustand ohne Angabe",
    "worst_condition": "schlechtester Zustand",
    "age_years": "Alter (Jahre)",
    "documents": "Dokumente",
    "rank": "Rang",
    "priority_mean": "Priorität Mittel",
    "priority_min": "Priorität beste",
    "priority_max": "Priorität schlechteste",
    "top_count": "Kommunen mit Rang 1–3",
    "statement_key": "Zusammengeführte Aussage",
    "municipality_count": "Anzahl Kommunen",
    "mentions": "Nennungen",
    "weight_max": "Gewichtung max.",
    "weight_total": "Gewichtung Summe",
    "variants": "Formulierungen",
    "score": "Kooperationspotenzial (0–100)",
    "complementarity": "Komplementarität",
    "shared_priority": "gemeinsame Priorität",
    "shared_weakness": "gemeinsame Schwäche",
    "rated_potential": "bewertetes Potenzial",
    "strength_municipalities": "Kommunen mit Stärke",
    "weakness_municipalities": "Kommunen mit Schwäche",
    "priority_municipalities": "Kommunen mit Priorität 1–3",
    "coverage": "Anteil Kommunen",
    # phase 2
    "sub_strategies": "Teilstrategien",
    "municipality_code": "Kommune",
    "stage": "Stufe",
    "votes_total": "Stimmen gesamt",
    "approval": "Zustimmung %",
    "date_first": "Datum (erste)",
    "date_last": "Datum (letzte)",
    "results": "Ergebnisse",
    # phase 3
    "question_no": "Leitfrage Nr.",
    "measures": "Maßnahmen",
    "measure_cost": "Kosten der Maßnahmen",
    "measure_ids": "Maßnahmen-Nrn.",
    "measure_sources": "Quellen der Maßnahmen",
    "date_start": "Beginn",
    "date_end": "Ende",
    # phase 4
    "goal_topic": "Themenbereich des Ziels",
    "goal_known": "Ziel definiert",
    "responsible": "verantwortliche Kommune",
    "involved": "beteiligte Kommunen gesamt",
    "involved_in": "beteiligt an Maßnahmen",
    "start_date": "Beginn (Datum)",
    "end_date": "Ende (Datum)",
    "quick_win": "Quick Win",
    "single_measure": "kommunale Einzelmaßnahme",
    # phase 5
    "applications": "Anträge",
    "programmes": "Programme",
    "measure_title": "Maßnahme",
    "decided": "entschieden",
    "decided_requested": "beantragt (entschieden)",
    "decided_granted": "bewilligt (entschieden)",
    "funding_rate": "Förderquote erreicht %",
    "deadline_kind": "Frist",
    "deadline": "Datum",
    "days_left": "Tage ab Stichtag",
    "reference": "Nr.",
    "label": "Bezeichnung",
    "secured_share": "gesichert % der Kosten",
    # phase 6
    "late": "verspätet",
    # Kennzahlen / Kommunalprofil
    "area": "Bereich",
    "figure": "Kennzahl",
    "value": "Wert",
    "region_median": "Verbund Median",
    "region_min": "Verbund min.",
    "region_max": "Verbund max.",
    "region_rank": "Rang im Verbund",
    "region_score": "Verbund",
}

FIGURE_LABELS = {
    "population": "Einwohner",
    "posts_per_1000": "Stellen VZÄ je 1.000 Einwohner",
    "tasks": "Aufgaben (Verwaltung)",
    "posts_fte": "Stellen VZÄ",
    "vacant_fte": "unbesetzt VZÄ",
    "vacancy_rate": "Quote unbesetzt %",
    "digitalisation_mean": "Digitalisierungsgrad Mittel",
    "high_potential_tasks": "Aufgaben mit hohem Kooperationspotenzial",
    "objects": "Infrastrukturobjekte",
    "investment_need": "Investitionsbedarf €",
    "poor_objects": "Objekte mangelhaft/kritisch",
    "documents": "Dokumente",
    "strengths": "Stärken",
    "weaknesses": "Schwächen",
    "opportunities": "Chancen",
    "threats": "Risiken",
    # scalar totals of the phases (Kennzahlen sheet)
    "objects_total": "Infrastrukturobjekte gesamt",
    "measures": "Maßnahmen",
    "cost_total": "Kosten gesamt €",
    "quick_wins": "Quick Wins",
    "duplicates_merged": "zusammengeführte Doppelungen",
    "applications": "Förderanträge",
    "requested": "beantragt €",
    "granted": "bewilligt €",
    "own_share": "Eigenanteil €",
    "decided_requested": "beantragt € (entschiedene Anträge)",
    "decided_granted": "bewilligt € (entschiedene Anträge)",
    "funding_rate": "Förderquote erreicht %",
}


def header(key: str, sheet_keys: tuple[str, ...] = ()) -> str:
    """German header of a column: the schema's (first matching sheet), else derived, else key."""
    for sk in sheet_keys:
        sheet = sheet_by_key(sk)
        for col in sheet.columns:
            if col.key == key:
                return col.header
    if key.endswith(APPROX_SUFFIX):  # the „ca.“ flag of a value column
        return f"{header(key.removesuffix(APPROX_SUFFIX), sheet_keys)} ungefähr (ca.)"
    return PROVENANCE_HEADERS.get(key) or DERIVED_HEADERS.get(key) or key
