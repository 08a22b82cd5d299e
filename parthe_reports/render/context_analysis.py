"""Context builders for phase 1 (Analyse und Bewertung) and the Kommunalprofil."""

from __future__ import annotations

from typing import Any

import pandas as pd

from parthe_reports.consolidate.headers import FIGURE_LABELS
from parthe_reports.consolidate.models import Consolidated, MunicipalProfile, Phase1Model
from parthe_reports.render import formatting as fmt
from parthe_reports.render.context_common import ChartSpec, Names, Row, records, ref, rows

SWOT_KEYS = {
    "Stärke": "strengths",
    "Schwäche": "weaknesses",
    "Chance": "opportunities",
    "Risiko": "threats",
}


def _admin_row(r: dict[str, Any], first: str) -> Row:
    return {
        first: "",
        "tasks": fmt.number(r.get("tasks")),
        "posts": fmt.number(r.get("posts_fte"), 2),
        "vacant": fmt.number(r.get("vacant_fte"), 2),
        "vacancy_rate": fmt.percent(r.get("vacancy_rate")),
        "digitalisation": fmt.number(r.get("digitalisation_mean"), 1, fixed=True),
    }


def _admin_rows(df: pd.DataFrame, first: str, label: Any) -> list[Row]:
    out = []
    for r in records(df):
        row = _admin_row(r, first)
        row[first] = label(r)
        out.append(row)
    return out


# Beyond these sizes a chart or matrix per municipality is unreadable on a page.
MAX_SERIES = 10  # municipalities as separate colours in a stacked bar
MAX_MATRIX = 12  # municipalities as columns of the priority matrix
MAX_HEATMAP = 25  # municipalities as columns of the heat map
OTHERS = "übrige Kommunen"


def investment_chart(df: pd.DataFrame, names: Names, codes: list[str]) -> ChartSpec | None:
    """Stacked bars: investment need per infrastructure type, one segment per municipality
    (the largest ``MAX_SERIES`` - 1, the rest summed as „übrige Kommunen“)."""
    if df.empty or not (df["investment_need"].fillna(0) > 0).any():
        return None
    pivot = df.pivot_table(
        index="type", columns="municipality", values="investment_need", aggfunc="sum"
    ).fillna(0.0)
    pivot = pivot.loc[pivot.sum(axis=1).sort_values(ascending=False).index]
    present = [c for c in codes if c in pivot.columns]
    from parthe_reports.render.charts import municipality_colors

    colors = municipality_colors(codes)
    series = {names.name(c): [float(v) for v in pivot[c]] for c in present}
    palette = {names.name(c): colors[c] for c in present}
    if len(present) > MAX_SERIES:
        top = list(pivot[present].sum().sort_values(ascending=False).index[: MAX_SERIES - 1])
        rest = [c for c in present if c not in top]
        keep = [c for c in present if c in top]
        series = {names.name(c): [float(v) for v in pivot[c]] for c in keep}
        series[OTHERS] = [float(v) for v in pivot[rest].sum(axis=1)]
        palette = {names.name(c): colors[c] for c in keep} | {OTHERS: "#BDBDBD"}
    return ChartSpec(
        "stacked_bars",
        {
            "categories": [fmt.plain(t) for t in pivot.index],
            "series": series,
            "colors": palette,
            "xlabel": "Investitionsbedarf",
            "legend_title": "Kommune",
        },
    )


def heatmap_chart(df: pd.DataFrame, codes: list[str]) -> ChartSpec | None:
    """Topic × municipality cooperation potential (0–100)."""
    present = [c for c in codes if c in df.columns]
    if df.empty or not present or len(present) > MAX_HEATMAP:
        return None
    values = [
        [None if fmt.is_missing(r.get(c)) else float(r[c]) for c in present] for r in records(df)
    ]
    return ChartSpec(
        "heatmap",
        {"rows": [fmt.plain(t) for t in df["topic"]], "cols": present, "values": values},
    )


def _key_figures(p1: Phase1Model, c: Consolidated) -> list[Row]:
    a, i = p1.admin_totals, p1.infra_totals
    return [
        {"label": "Kommunen im Verbund", "value": fmt.number(len(c.region.municipalities))},
        {
            "label": "Kommunen mit ausgewertetem Workbook",
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
            + " lag kein auswertbares Workbook vor; die Angaben fehlen in diesem Bericht."
        )
    if c.incomplete_municipalities:
        parts.append(
            "Aus den Workbooks von "
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


def phase1_context(c: Consolidated) -> dict[str, Any]:
    """Everything the Phase1_Analyse template prints (without the common part)."""
    p1, names = c.phase1, Names(c.region)
    codes = list(c.region.codes)
    matrix_codes = [x for x in codes if x in set(p1.priority_matrix.get("municipality", []))]
    n_books = len(p1.sources)
    return {
        "overview": (
            f"Dieser Bericht fasst die Analyse der Verwaltungen, der Infrastruktur, der "
            f"vorhandenen Konzepte, der Prioritäten und der Stärken und Schwächen von "
            f"{fmt.number(len(codes))} Kommunen zusammen. Ausgewertet wurden "
            f"{fmt.number(n_books)} Workbooks."
        ),
        "missing_note": missing_note(c, names),
        "key_figures": _key_figures(p1, c),
        "admin_by_topic": _admin_rows(p1.admin_by_topic, "topic", lambda r: fmt.plain(r["topic"])),
        "admin_by_municipality": sorted(
            _admin_rows(
                p1.admin_by_municipality, "municipality", lambda r: names.name(r["municipality"])
            ),
            key=lambda r: fmt.sort_key(r["municipality"]),
        ),
        "high_potential_tasks": rows(
            p1.high_potential_tasks,
            lambda r: {
                "municipality": names.name(r["municipality"]),
                "task": fmt.text(r["task"]),
                "topic": fmt.text(r["topic"]),
                "posts": fmt.number(r["posts_fte"], 2),
                "ref": ref(r),
            },
        ),
        "chart_investment": investment_chart(p1.infra_by_type_municipality, names, codes),
        "infra_by_type": rows(
            p1.infra_by_type,
            lambda r: {
                "type": fmt.text(r["type"]),
                "objects": fmt.number(r["objects"]),
                "poor": fmt.number((r["cond_poor"] or 0) + (r["cond_critical"] or 0)),
                "investment": fmt.money(r["investment_need"]),
            },
        ),
        "worst_objects": rows(p1.worst_objects, lambda r: _object_row(r, names)),
        "documents": sorted(
            rows(p1.documents, lambda r: _document_row(r, names)),
            key=lambda r: (fmt.sort_key(r["municipality"]), fmt.sort_key(r["title"])),
        ),
        "priority_ranking": rows(
            p1.priority_ranking,
            lambda r: {
                "rank": fmt.number(r["rank"]),
                "topic": fmt.text(r["topic"]),
                "mean": fmt.number(r["priority_mean"], 1, fixed=True),
                "span": f"{fmt.number(r['priority_min'])}–{fmt.number(r['priority_max'])}",
                "top": fmt.number(r["top_count"]) + " Kommunen (Rang 1–3)",
            },
        ),
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
        "clusters": rows(
            p1.clusters,
            lambda r: {
                "rank": fmt.number(r["rank"]),
                "topic": fmt.text(r["topic"]),
                "score": fmt.number(r["score"]),
                "strengths": names.names(r["strength_municipalities"]),
                "weaknesses": names.names(r["weakness_municipalities"]),
                "priorities": names.names(r["priority_municipalities"]),
            },
        ),
        "task_formula": fmt.text(p1.task_formula),
        "cluster_tasks": rows(
            p1.cluster_tasks,
            lambda r: {
                "rank": fmt.number(r["rank"]),
                "task": fmt.text(r["task"]),
                "topic": fmt.text(r["topic"]),
                "score": fmt.number(r["score"]),
                "municipalities": names.names(r["municipalities"]),
                "posts": fmt.number(r["posts_fte"], 2),
            },
        ),
    }


def _object_row(r: dict[str, Any], names: Names) -> Row:
    return {
        "municipality": names.name(r["municipality"]),
        "object": fmt.text(r["object"]),
        "type": fmt.text(r["type"]),
        "condition": fmt.text(r["condition"]),
        "utilisation": fmt.percent(r["utilisation"], 0),
        "investment": fmt.money(r["investment_need"]),
        "ref": ref(r),
    }


def _document_row(r: dict[str, Any], names: Names) -> Row:
    return {
        "municipality": names.name(r["municipality"]),
        "title": fmt.text(r["title"]),
        "type": fmt.text(r["type"]),
        "year": fmt.text(r["year"]),
        "status": fmt.text(r["status"]),
        "topic": fmt.text(r["topic"]),
        "ref": ref(r),
    }


def _figure_value(key: str, value: Any) -> str:
    label = FIGURE_LABELS.get(key, key)
    if label.endswith("€"):
        return fmt.money(value)
    if label.endswith("%"):
        return fmt.percent(value)
    if key == "digitalisation_mean":
        return fmt.number(value, 1, fixed=True)
    return fmt.number(value, 2)


def _figure_label(key: str) -> str:
    return FIGURE_LABELS.get(key, key).removesuffix(" €").removesuffix(" %")


def _scale_note(c: Consolidated, p: MunicipalProfile) -> str:
    """In a large region: where the region-wide measures and the other sources are."""
    from parthe_reports.render.jobs import SOURCES_LISTED

    notes = []
    if p.regionwide_unlisted:
        notes.append(
            f" Außerdem ist die Kommune an {fmt.number(p.regionwide_unlisted)} verbundweiten "
            "Maßnahmen aller Kommunen beteiligt; sie stehen im Maßnahmenkatalog (Phase 4) und "
            "werden hier nicht einzeln aufgeführt."
        )
    if len(c.phase1.sources) > SOURCES_LISTED:
        notes.append(
            f" Die Vergleichswerte stammen aus {fmt.number(len(c.phase1.sources))} Workbooks; "
            "das Quellenverzeichnis nennt hier nur das eigene (alle: Analysebericht Phase 1)."
        )
    return "".join(notes)


def profile_context(c: Consolidated, p: MunicipalProfile) -> dict[str, Any]:
    """Everything the Kommunalprofil template prints for one municipality."""
    names = Names(c.region)
    m = c.region.municipality(p.code)
    facts = [f"{fmt.plain(m.official_name)}, AGS {fmt.ags(m.ags)}"]
    if m.population:
        facts.append(f"{fmt.number(m.population)} Einwohner")
    if m.area_km2:
        facts.append(f"{fmt.number(m.area_km2, 2)} km²")
    scores = {r["topic"]: r for r in records(p.cluster_scores)}
    infra = p.infrastructure
    chart = None
    if not infra.empty and (infra["investment_need"].fillna(0) > 0).any():
        from parthe_reports.render.charts import municipality_colors

        by_type = infra.groupby("type")["investment_need"].sum().sort_values(ascending=False)
        colour = municipality_colors(list(c.region.codes))[p.code]
        chart = ChartSpec(
            "stacked_bars",
            {
                "categories": [fmt.plain(t) for t in by_type.index],
                "series": {names.name(p.code): [float(v) for v in by_type]},
                "colors": {names.name(p.code): colour},
                "xlabel": "Investitionsbedarf",
                "legend_title": "Kommune",
            },
        )
    return {
        "municipality_name": fmt.plain(p.name),
        "municipality_short": fmt.plain(m.name),
        "profile_intro": "; ".join(facts)
        + ". Das Profil stellt die eigenen Angaben aus der Analysephase den Werten des "
        "Verbundraums gegenüber (Median, Minimum und Maximum über alle Kommunen mit Daten)."
        + _scale_note(c, p),
        "no_data_note": ""
        if p.has_data
        else "Für diese Kommune lag kein auswertbares Workbook vor. Die Abschnitte bleiben "
        "daher ohne eigene Angaben.",
        "comparison": rows(
            p.comparison,
            lambda r: {
                "label": _figure_label(r["figure"]),
                "value": _figure_value(r["figure"], r["value"]),
                "median": _figure_value(r["figure"], r["region_median"]),
                "min": _figure_value(r["figure"], r["region_min"]),
                "max": _figure_value(r["figure"], r["region_max"]),
            },
        ),
        "administration": _admin_rows(p.administration, "topic", lambda r: fmt.plain(r["topic"])),
        "chart_investment": chart,
        "infrastructure": rows(p.infrastructure, lambda r: _object_row(r, names)),
        "documents": rows(p.documents, lambda r: _document_row(r, names)),
        "priorities": rows(
            p.priorities,
            lambda r: {
                "topic": fmt.text(r["topic"]),
                "priority": fmt.number(r["priority"]),
                "region_rank": fmt.number(r["region_rank"]),
                "score": fmt.number(scores.get(r["topic"], {}).get("score")),
            },
        ),
        "swot": rows(
            p.swot,
            lambda r: {
                "topic": fmt.text(r["topic"]),
                "category": fmt.text(r["category"]),
                "statement": fmt.text(r["statement"]),
                "weight": fmt.number(r["weight"]),
                "ref": ref(r),
            },
        ),
        "measures": rows(
            p.measures,
            lambda r: {
                "measure_id": fmt.text(r["measure_id"]),
                "title": fmt.text(r["title"]),
                "role": "federführend" if r.get("responsible") == p.code else "beteiligt",
                "status": fmt.text(r["status"]),
                "cost": fmt.money(r["cost_total"]),
                "ref": ref(r),
            },
        ),
        "applications": rows(
            p.applications,
            lambda r: {
                "application_id": fmt.text(r["application_id"]),
                "programme": fmt.text(r.get("programme")),
                "status": fmt.text(r["status"]),
                "requested": fmt.money(r["requested"]),
                "granted": fmt.money(r["granted"]),
                "ref": ref(r),
            },
        ),
    }
