"""The Kommunalprofil (one per municipality, phase 1): declaration and context builder."""

from __future__ import annotations

from typing import Any

from parthe_reports import german as fmt
from parthe_reports import narrative
from parthe_reports.consolidate.headers import FIGURE_LABELS
from parthe_reports.consolidate.models import Consolidated, MunicipalProfile
from parthe_reports.dataset import Dataset, SourceInfo
from parthe_reports.render import cells
from parthe_reports.render.context import Names, Record, Row, per_model, records, rows
from parthe_reports.render.documents.phase1_charts import profile_investment_chart
from parthe_reports.render.documents.phase1_tables import TOPIC_COL, admin_table
from parthe_reports.render.narration import narration_context
from parthe_reports.render.refs import parse_long_ref
from parthe_reports.render.spec import (
    SRC,
    Chart,
    Col,
    DocSpec,
    R,
    Section,
    Table,
    Text,
    with_summary,
)

SOURCES_LISTED = 30  # a profile lists every source up to this many, else only its own

ADMINISTRATION = admin_table("administration", TOPIC_COL)
INFRASTRUCTURE = Table(
    "infrastructure",
    (
        Col("Objekt", "object", 4.2, value=cells.text("object")),
        Col("Art", "type", 2.6, value=cells.text("type")),
        Col("Zustand", "condition", 2.1, value=cells.text("condition")),
        Col("Auslastung", "utilisation", 1.8, R, cells.percent("utilisation", 0)),
        Col("Investitionsbedarf", "investment", 2.4, R, cells.approx_money("investment_need")),
        SRC,
    ),
    "Für die Infrastruktur liegen keine Angaben vor.",
    "Objekte der kommunalen Infrastruktur",
)
DOCUMENTS = Table(
    "documents",
    (
        Col("Titel", "title", 4.6, value=cells.text("title")),
        Col("Art", "type", 2.2, value=cells.text("type")),
        Col("Jahr", "year", 1.2, R, cells.text("year")),
        Col("Status", "status", 2.0, value=cells.text("status")),
        Col("Themenbereich", "topic", 3.3, value=cells.text("topic")),
        SRC,
    ),
    "Es wurden keine Leitbilder oder Fachkonzepte gemeldet.",
    "Vorhandene Leitbilder und Fachkonzepte",
)
SWOT = Table(
    "swot",
    (
        Col("Themenbereich", "topic", 3.0),
        Col("Kategorie", "category", 1.8),
        Col("Aussage (auch genannt von)", "statement", 6.6),
        Col("Gewicht", "weight", 1.1, R),
        SRC,
    ),
    "Es wurden keine SWOT-Aussagen gemeldet.",
    "SWOT-Aussagen der Kommune",
)
SWOT_ORDER = ("Stärke", "Schwäche", "Chance", "Risiko")
SWOT_PLURAL = {
    "Stärke": "Stärken",
    "Schwäche": "Schwächen",
    "Chance": "Chancen",
    "Risiko": "Risiken",
}


SwotRow = tuple[Record, list[dict[str, Any]]]  # a merged statement, its parsed source refs


def _swot_by_municipality(c: Consolidated) -> dict[str, list[SwotRow]]:
    """Phase 1's merged SWOT statements per municipality naming them, in table order, with
    their source references parsed once (not once per profile: O(N²) at scale)."""
    out: dict[str, list[SwotRow]] = {}
    for r in records(c.phase1.swot_statements):
        row = (r, [parse_long_ref(x) for x in r["source_refs"]])
        for code in dict.fromkeys(r["municipalities"]):  # each once, in order
            out.setdefault(code, []).append(row)
    return out


def _swot(c: Consolidated, p: MunicipalProfile, names: Names) -> list[Row]:
    """The municipality's SWOT statements merged as in Phase 1 (one row per statement, with
    who else names it); the source column keeps only its own rows."""
    if c.phase1.swot_statements.empty:
        return []
    mine = per_model(c, "profile.swot", lambda: _swot_by_municipality(c)).get(p.code, [])
    own_books = set(p.swot["source_workbook"]) if not p.swot.empty else set()
    out = []
    for r, parsed in mine:
        refs = [cells.source(x, names) for x in parsed if x["source_workbook"] in own_books]
        others = names.names_except(r["municipalities"], p.code)
        out.append(
            {
                "topic": fmt.text(r["topic"]),
                "category": fmt.text(r["category"]),
                "statement": fmt.text(r["statement"]) + (f" (auch {others})" if others else ""),
                "weight": fmt.number(r["weight_max"]),
                "ref": "; ".join(refs) or fmt.MISSING,
            }
        )
    return out


def _swot_note(name: str, p: MunicipalProfile, printed: list[Row]) -> str:
    """„Brandis hat 12 SWOT-Aussagen gemeldet; zusammengefasst 11: 5 Stärken, …“."""
    if not printed:
        return ""
    per = {k: sum(1 for r in printed if r["category"] == k) for k in SWOT_ORDER}
    parts = fmt.join_de(fmt.count(n, k, SWOT_PLURAL[k]) for k, n in per.items() if n)
    return (
        f"{fmt.plain(name)} hat {fmt.count(len(p.swot), 'SWOT-Aussage', 'SWOT-Aussagen')} "
        f"gemeldet; zusammengefasst wie in der Analyse des Verbunds (Phase 1) sind es "
        f"{fmt.number(len(printed))}: {parts}."
    )


APPLICATIONS = Table(
    "applications",
    (
        Col("Nr.", "application_id", 2.0, value=cells.text("application_id")),
        Col("Programm", "programme", 4.1, value=lambda r, _n: fmt.text(r.get("programme"))),
        Col("Status", "status", 2.2, value=cells.text("status")),
        Col("beantragt", "requested", 2.4, R, cells.approx_money("requested")),
        Col("bewilligt", "granted", 2.4, R, cells.approx_money("granted")),
        Col("Eigenanteil", "own_share", 2.3, R, cells.approx_money("own_share")),
        SRC,
    ),
    "Die Kommune hat keine Förderanträge gemeldet.",
    "Förderanträge der Kommune",
)

# A profile belongs to the analysis (phase 1) but is not the phase document itself.
SUBTITLE = "Kommunalprofil zur Analyse und Bewertung (Phase 1)"

PROFILE = DocSpec(
    "Kommunalprofil",
    "Kommunalprofil {{ municipality_name }}",
    SUBTITLE,
    with_summary(
        Section(
            "Regionaler Vergleich",
            (
                Text("{{ profile_intro }}"),
                Text("{{ no_data_note }}", cond="no_data_note"),
                Table(
                    "comparison",
                    (
                        Col("Kennzahl", "label", 5.5),
                        Col("{{ municipality_short }}", "value", 2.8, R),
                        Col("Median Region", "median", 2.8, R),
                        Col("Minimum", "min", 2.7, R),
                        Col("Maximum", "max", 2.7, R),
                    ),
                    "Für einen Vergleich mit der Region liegen keine Angaben vor.",
                    "Eigene Kennzahlen im Vergleich mit dem Verbundraum",
                ),
            ),
            key="vergleich",
        ),
        Section("Verwaltung", (ADMINISTRATION,), key="verwaltung"),
        Section(
            "Infrastruktur",
            (
                Chart(
                    "chart_investment",
                    "Investitionsbedarf nach Art der Einrichtung",
                    "Für die Infrastruktur wurde kein Investitionsbedarf angegeben.",
                ),
                Text("Die einzelnen Objekte der Infrastruktur stehen im Anhang A."),
            ),
            key="infrastruktur",
        ),
        Section(
            "Prioritäten und Kooperationspotenzial",
            (
                Table(
                    "priorities",
                    (
                        Col("Themenbereich", "topic", 7.5),
                        Col("Eigene Priorität", "priority", 3.0, R),
                        Col("Rang in der Region", "region_rank", 3.0, R),
                        Col("Kooperationspotenzial", "score", 3.0, R),
                    ),
                    "Es wurden keine Prioritäten gemeldet.",
                    "Prioritäten (1 = höchste) und Kooperationspotenzial (0–100)",
                ),
            ),
        ),
        Section(
            "SWOT-Aussagen",
            (Text("{{ swot_note }}", cond="swot_note"), SWOT),
            key="swot",
        ),
        Section(
            "Maßnahmen und Förderanträge",
            (
                Table(
                    "measures",
                    (
                        Col("Nr.", "measure_id", 2.0),
                        Col("Titel", "title", 5.0),
                        Col("Rolle", "role", 2.1),
                        Col("Status", "status", 2.0),
                        Col("Kosten", "cost", 2.0, R),
                        SRC,
                    ),
                    "Die Kommune ist an keiner Maßnahme beteiligt.",
                    "Maßnahmen mit Beteiligung der Kommune",
                ),
                APPLICATIONS,
            ),
            landscape=True,  # seven columns with three amounts: portrait squeezes the names
            key="massnahmen",
        ),
        # Raw lists of the municipality's own rows: appendices, not the body.
        Section("Anhang A: Objekte der kommunalen Infrastruktur", (INFRASTRUCTURE,)),
        Section("Anhang B: Leitbilder und Fachkonzepte", (DOCUMENTS,)),
    ),
    extra_vars=("municipality_name",),
    document="Kommunalprofil",
)


def own_sources(c: Consolidated, dataset: Dataset) -> dict[str, list[SourceInfo]] | None:
    """Per municipality its own workbook(s), when the region has too many to list in a profile.

    Each profile listing every workbook is n² rows at scale (a million at 1,000
    municipalities); the comparison basis is then named in the profile's intro."""
    if len(c.phase1.sources) <= SOURCES_LISTED:
        return None
    out: dict[str, list[SourceInfo]] = {}
    for s in dataset.sources:
        if s.municipality:
            out.setdefault(s.municipality, []).append(s)
    return out


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
    notes = []
    if p.regionwide_unlisted:
        notes.append(
            f" Außerdem ist die Kommune an {fmt.number(p.regionwide_unlisted)} verbundweiten "
            "Maßnahmen aller Kommunen beteiligt; sie stehen im Maßnahmenkatalog (Phase 4) und "
            "werden hier nicht einzeln aufgeführt."
        )
    if len(c.phase1.sources) > SOURCES_LISTED:
        notes.append(
            f" Die Vergleichswerte stammen aus {fmt.number(len(c.phase1.sources))} Erhebungsbögen; "
            "das Quellenverzeichnis nennt hier nur das eigene (alle: Analysebericht Phase 1)."
        )
    return "".join(notes)


def _intro(c: Consolidated, p: MunicipalProfile) -> str:
    m = c.region.municipality(p.code)
    facts = [f"{fmt.plain(m.official_name)}, AGS {fmt.ags(m.ags)}"]
    if m.population:
        facts.append(f"{fmt.number(m.population)} Einwohner")
    if m.area_km2:
        facts.append(f"{fmt.number(m.area_km2, 2)} km²")
    return (
        "; ".join(facts)
        + ". Das Profil stellt die eigenen Angaben aus der Analysephase den Werten des "
        "Verbundraums gegenüber (Median, Minimum und Maximum über alle Kommunen mit Daten)."
        + _scale_note(c, p)
    )


def _comparison(r: Record) -> dict[str, str]:
    return {
        "label": _figure_label(r["figure"]),
        "value": _figure_value(r["figure"], r["value"]),
        "median": _figure_value(r["figure"], r["region_median"]),
        "min": _figure_value(r["figure"], r["region_min"]),
        "max": _figure_value(r["figure"], r["region_max"]),
    }


def profile_context(c: Consolidated, p: MunicipalProfile) -> dict[str, Any]:
    """Everything the Kommunalprofil template prints for one municipality."""
    names = Names.of(c)
    scores = {r["topic"]: r for r in records(p.cluster_scores)}
    swot = _swot(c, p, names)
    return {
        "municipality_name": fmt.plain(p.name),
        "municipality_short": fmt.plain(c.region.municipality(p.code).name),
        "profile_intro": _intro(c, p),
        "no_data_note": ""
        if p.has_data
        else "Für diese Kommune lag kein auswertbarer Erhebungsbogen vor. Die Abschnitte bleiben "
        "daher ohne eigene Angaben.",
        "comparison": rows(p.comparison, _comparison),
        "administration": ADMINISTRATION.fill(p.administration, names),
        "chart_investment": profile_investment_chart(c, p),
        "infrastructure": INFRASTRUCTURE.fill(p.infrastructure, names),
        "documents": DOCUMENTS.fill(p.documents, names),
        "priorities": rows(
            p.priorities,
            lambda r: {
                "topic": fmt.text(r["topic"]),
                "priority": fmt.number(r["priority"]),
                "region_rank": fmt.number(r["region_rank"]),
                "score": fmt.number(scores.get(r["topic"], {}).get("score")),
            },
        ),
        "swot": swot,
        "swot_note": _swot_note(c.region.municipality(p.code).name, p, swot),
        "measures": rows(
            p.measures,
            lambda r: {
                "measure_id": fmt.text(r["measure_id"]),
                "title": fmt.text(r["title"]),
                "role": "federführend" if r.get("responsible") == p.code else "beteiligt",
                "status": fmt.text(r["status"]),
                "cost": cells.ca_money(r["cost_total"], cells.is_approx(r, "cost_total")),
                "ref": cells.source(r, names),
            },
        ),
        "applications": APPLICATIONS.fill(p.applications, names),
    } | narration_context(narrative.profile(c, p.code), c.assessments, "Kommunalprofil", p.code)
