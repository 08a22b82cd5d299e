"""Phase 1 – Analyse und Bewertung: the template's declaration and its context builder.

Portrait pages leave 16.5 cm for a table, landscape pages 25.2 cm.
"""

from __future__ import annotations

from typing import Any

from parthe_reports import german as fmt
from parthe_reports import narrative
from parthe_reports.consolidate.models import Consolidated, Phase1Model
from parthe_reports.narrative import priorisierung as prio
from parthe_reports.render.context import Names, Row, records
from parthe_reports.render.documents.phase1_charts import (
    MAX_HEATMAP,
    MAX_MATRIX,
    heatmap_chart,
    investment_chart,
)
from parthe_reports.render.documents.phase1_tables import (
    ADMIN_BY_MUNICIPALITY,
    ADMIN_BY_TOPIC,
    CLUSTER_TASKS,
    CLUSTERS,
    DOCUMENTS,
    HIGH_POTENTIAL_TASKS,
    INFRA_BY_TYPE,
    PRIORITY_RANKING,
    TOP_FIELDS,
    WORST_OBJECTS,
)
from parthe_reports.render.narration import narration_context
from parthe_reports.render.spec import (
    NONE,
    Chart,
    Col,
    DocSpec,
    Group,
    Matrix,
    Quadrants,
    R,
    Section,
    Table,
    Text,
    with_summary,
)

PHASE1 = DocSpec(
    "Phase1_Analyse",
    "Analyse und Bewertung",
    "Phase 1 – Analyse und Bewertung",
    with_summary(
        Section(
            "Überblick",
            (
                Text("{{ overview }}"),
                Text("{{ missing_note }}", cond="missing_note"),
                Table(
                    "key_figures",
                    (Col("Kennzahl", "label", 10.0), Col("Wert", "value", 6.5, R)),
                    NONE,
                    "Kennzahlen des Verbundraums",
                ),
            ),
        ),
        Section(
            "Verwaltung",
            (
                Text(
                    "Stellen und Vakanzen nach Themenbereich und Kommune sowie der "
                    "Digitalisierungsgrad (1 = analog, 5 = vollständig digital)."
                ),
                ADMIN_BY_TOPIC,
                ADMIN_BY_MUNICIPALITY,
                Text(
                    "Die einzelnen Aufgaben mit hohem Kooperationspotenzial stehen im Anhang "
                    "A; die Kooperationscluster unten fassen sie zusammen.",
                    cond="high_potential_tasks",
                ),
            ),
            key="verwaltung",
        ),
        Section(
            "Infrastruktur",
            (
                Chart(
                    "chart_investment",
                    "Investitionsbedarf nach Art der Einrichtung und Kommune",
                    "Für die Infrastruktur wurde kein Investitionsbedarf angegeben.",
                ),
                INFRA_BY_TYPE,
                WORST_OBJECTS,
            ),
            key="infrastruktur",
        ),
        Section(
            "Leitbilder und Fachkonzepte",
            (Text("{{ documents_note }}"),),
            key="dokumente",
        ),
        Section(
            "Prioritäten",
            (
                PRIORITY_RANKING,
                Matrix(
                    "priority_matrix",
                    "matrix_codes",
                    "Themenbereich",
                    "{{ matrix_note }}",
                    "Prioritätenmatrix: Themenbereich × Kommune (1 = höchste Priorität)",
                ),
                Text("{{ matrix_legend }}", style="Caption"),
            ),
            key="prioritaeten",
        ),
        Section(
            "SWOT-Analyse je Themenbereich",
            (
                Text("{{ swot_merge_rule }}"),
                Group(
                    "swot_topics",
                    "g",
                    "{{ g.topic }}",
                    (Quadrants("g"),),
                    "Es wurden keine SWOT-Aussagen gemeldet.",
                ),
            ),
            key="swot",
        ),
        Section(
            "Aufgaben- und Themencluster",
            (
                Text("{{ cooperation_formula }}"),
                Chart(
                    "chart_heatmap",
                    "Kooperationspotenzial je Themenbereich und Kommune (0–100)",
                    "{{ heatmap_note }}",
                ),
                CLUSTERS,
                Text("{{ task_formula }}"),
                CLUSTER_TASKS,
            ),
            key="cluster",
        ),
        Section(
            "Priorisierung", (Text("{{ priorisierung_rule }}"), TOP_FIELDS), key="priorisierung"
        ),
        # Long raw lists: the body keeps the clusters and the figures (issue 11).
        Section("Anhang A: Aufgaben mit hohem Kooperationspotenzial", (HIGH_POTENTIAL_TASKS,)),
        Section("Anhang B: Register der Leitbilder und Fachkonzepte", (DOCUMENTS,)),
    ),
    document="Phase 1",
)

SWOT_KEYS = {
    "Stärke": "strengths",
    "Schwäche": "weaknesses",
    "Chance": "opportunities",
    "Risiko": "threats",
}


def _key_figures(p1: Phase1Model, c: Consolidated) -> list[Row]:
    a, i = p1.admin_totals, p1.infra_totals
    return [
        {"label": "Kommunen im Verbund", "value": fmt.number(len(c.region.municipalities))},
        {
            "label": "Kommunen mit ausgewertetem Erhebungsbogen",
            "value": fmt.number(len(c.region.municipalities) - len(c.missing_municipalities)),
        },
        {"label": "Erfasste Aufgaben (Verwaltung)", "value": fmt.number(a.get("tasks"))},
        {"label": "Stellen (VZÄ)", "value": fmt.number(a.get("posts_fte"), 2)},
        {"label": "davon unbesetzt (VZÄ)", "value": fmt.number(a.get("vacant_fte"), 2)},
        {"label": "Quote unbesetzter Stellen", "value": fmt.percent(a.get("vacancy_rate"))},
        {
            "label": "Digitalisierungsgrad (Mittel, 1–5)",
            "value": fmt.number(a.get("digitalisation_mean"), 1, fixed=True),
        },
        {"label": "Infrastrukturobjekte", "value": fmt.number(i.get("objects"))},
        {"label": "Investitionsbedarf gesamt", "value": fmt.money(i.get("investment_need"))},
    ]


def missing_note(c: Consolidated, names: Names) -> str:
    """A sentence on municipalities whose data is missing or incomplete ('' when none)."""
    parts = []
    if c.missing_municipalities:
        parts.append(
            "Für "
            + fmt.join_de(names.name(x) for x in c.missing_municipalities)
            + " lag kein auswertbarer Erhebungsbogen vor; die Angaben fehlen in diesem Bericht."
        )
    if c.incomplete_municipalities:
        parts.append(
            "Aus den Erhebungsbögen von "
            + fmt.join_de(names.name(x) for x in c.incomplete_municipalities)
            + " wurden fehlerhafte Zeilen nicht übernommen (siehe Prüfbericht)."
        )
    return " ".join(parts)


def _swot_topics(p1: Phase1Model, names: Names, topics: tuple[str, ...]) -> list[dict[str, str]]:
    df = p1.swot_statements
    out = []
    for topic in topics:
        part = df[df["topic"] == topic] if not df.empty else df
        if part.empty:
            continue
        item = {"topic": fmt.plain(topic)}
        for cat, key in SWOT_KEYS.items():
            lines = [
                f"• {fmt.text(r['statement'])} ({', '.join(map(str, r['municipalities']))})"
                for r in records(part[part["category"] == cat])
            ]
            item[key] = "\n".join(lines) if lines else "keine Aussage"
        out.append(item)
    return out


def _priority_matrix(p1: Phase1Model, names: Names, topics: tuple[str, ...]) -> list[dict]:
    m = p1.priority_matrix
    if m.empty or len(m) > MAX_MATRIX:
        return []
    by_code = {r["municipality"]: r for r in records(m)}
    codes = [c for c in names.order if c in by_code]
    return [
        {
            "label": fmt.plain(t),
            "cells": [fmt.number(by_code[c].get(t)) for c in codes],
        }
        for t in topics
    ]


def _documents_note(p1: Phase1Model) -> str:
    """How many documents the municipalities reported, by status; the register is Anhang B."""
    d = p1.documents
    if d.empty:
        return "Es wurden keine Leitbilder oder Fachkonzepte gemeldet."
    by_status = d["status"].fillna("ohne Status").value_counts()
    parts = fmt.join_de(f"{fmt.number(n)} {fmt.plain(s)}" for s, n in by_status.items())
    docs = fmt.count(len(d), "Leitbild oder Fachkonzept", "Leitbilder und Fachkonzepte")
    return f"Die Kommunen haben {docs} gemeldet ({parts}); das Register steht im Anhang B."


def _top_fields(c: Consolidated) -> list[Row]:
    """Every topic ranked by Priorisierungswert, with the reason (empty without priorities)."""
    if c.phase1.priority_ranking.empty or c.phase1.priority_ranking["priority_mean"].isna().all():
        return []
    return [
        {
            "rank": fmt.number(f.rank),
            "topic": fmt.plain(f.topic),
            "value": fmt.number(f.value, 1, fixed=True),
            "priority": f"{fmt.number(f.priority_rank)} (Ø {fmt.number(f.priority_mean, 1, fixed=True)})",
            "potential": f"{fmt.number(f.potential_rank)} ({fmt.number(f.potential)} P.)",
            "reason": fmt.text(f.reason),
        }
        for f in prio.prioritise(c.phase1, c.region)
    ]


def phase1_context(c: Consolidated) -> dict[str, Any]:
    """Everything the Phase1_Analyse template prints (without the common part)."""
    p1, names = c.phase1, Names.of(c)
    codes = list(c.region.codes)
    matrix_codes = [x for x in codes if x in set(p1.priority_matrix.get("municipality", []))]
    n_books = len(p1.sources)
    by_name = lambda r: fmt.sort_key(r["municipality"])  # noqa: E731
    return {
        "overview": (
            f"Dieser Bericht fasst die Analyse der Verwaltungen, der Infrastruktur, der "
            f"vorhandenen Konzepte, der Prioritäten und der Stärken und Schwächen von "
            f"{fmt.number(len(codes))} Kommunen zusammen. Ausgewertet wurden "
            f"{fmt.number(n_books)} Erhebungsbögen."
        ),
        "missing_note": missing_note(c, names),
        "key_figures": _key_figures(p1, c),
        "admin_by_topic": ADMIN_BY_TOPIC.fill(p1.admin_by_topic, names),
        "admin_by_municipality": sorted(
            ADMIN_BY_MUNICIPALITY.fill(p1.admin_by_municipality, names), key=by_name
        ),
        "high_potential_tasks": HIGH_POTENTIAL_TASKS.fill(p1.high_potential_tasks, names),
        "documents_note": _documents_note(p1),
        "chart_investment": investment_chart(p1.infra_by_type_municipality, names, codes),
        "infra_by_type": INFRA_BY_TYPE.fill(p1.infra_by_type, names),
        "worst_objects": WORST_OBJECTS.fill(p1.worst_objects, names),
        "documents": sorted(
            DOCUMENTS.fill(p1.documents, names),
            key=lambda r: (fmt.sort_key(r["municipality"]), fmt.sort_key(r["title"])),
        ),
        "priority_ranking": PRIORITY_RANKING.fill(p1.priority_ranking, names),
        "priority_matrix": _priority_matrix(p1, names, c.region.topics),
        "matrix_codes": matrix_codes,
        "matrix_note": "Es wurden keine Prioritäten gemeldet."
        if not matrix_codes
        else f"Bei mehr als {MAX_MATRIX} Kommunen entfällt die Prioritätenmatrix; die "
        "Rangfolge oben fasst die Prioritäten zusammen, die Kommunalprofile zeigen sie je Kommune.",
        "heatmap_note": "Für eine Heatmap des Kooperationspotenzials liegen keine Angaben vor."
        if p1.cluster_matrix.empty
        else f"Bei mehr als {MAX_HEATMAP} Kommunen entfällt die Heatmap; die Tabelle der "
        "Themencluster unten und die Kommunalprofile nennen die Werte.",
        "matrix_legend": "Kürzel: " + "; ".join(f"{x} = {names.name(x)}" for x in matrix_codes),
        "swot_merge_rule": fmt.text(p1.swot_merge_rule),
        "swot_topics": _swot_topics(p1, names, c.region.topics),
        "cooperation_formula": fmt.text(p1.cooperation_formula),
        "chart_heatmap": heatmap_chart(p1.cluster_matrix, codes),
        "clusters": CLUSTERS.fill(p1.clusters, names),
        "task_formula": fmt.text(p1.task_formula),
        "cluster_tasks": CLUSTER_TASKS.fill(p1.cluster_tasks, names),
        "priorisierung_rule": prio.FORMULA,
        "top_fields": _top_fields(c),
    } | narration_context(narrative.phase1(c), c.assessments, "Phase 1")
