"""Phase 5 – Fördermittel: the template's declaration and its context builder."""

from __future__ import annotations

from typing import Any

import pandas as pd

from parthe_reports import german as fmt
from parthe_reports import narrative
from parthe_reports.consolidate.models import Consolidated
from parthe_reports.narrative import funding
from parthe_reports.render import cells
from parthe_reports.render.charts import STATUS_COLORS
from parthe_reports.render.context import OTHERS, ChartSpec, Names, Record, Row
from parthe_reports.render.documents.phase4 import LEAD, measure_lead, measure_title
from parthe_reports.render.documents.phase5_strategy import (
    CANDIDATES,
    EXPIRED,
    OWN_SHARES,
    SUM,
    candidate_rows,
    expired_rows,
    own_share_matrix,
    relevant,
)
from parthe_reports.render.narration import narration_context
from parthe_reports.render.spec import (
    NONE,
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

MAX_BARS = 25  # municipalities as bars of the funding chart
APPLICATIONS_NONE = "Es wurden noch keine Förderanträge gemeldet."

_MONEY_COLS = (
    Col("Anträge", "count", 1.6, R, cells.number("applications")),
    Col("beantragt", "requested", 2.6, R, cells.approx_money("requested")),
    Col("bewilligt", "granted", 2.6, R, cells.approx_money("granted")),
    Col("Eigenanteil", "own_share", 2.6, R, cells.approx_money("own_share")),
)
MONEY = ("requested", "granted", "own_share")


def application_measure(r: Record, _n: Names) -> str:
    """The measure an application funds: its title, else its number."""
    if fmt.is_missing(r.get("measure_title")):
        return fmt.text(r["measure_id"])
    return fmt.text(r.get("measure_title"))


def _topic(r: Record, _n: Names) -> str:
    return "themenübergreifend" if fmt.is_missing(r["topic"]) else fmt.text(r["topic"])


PROGRAMMES = Table(
    "programmes",
    (
        Col("Nr.", "programme_id", 1.3, value=cells.text("programme_id")),
        Col("Programm", "programme", 4.3, value=cells.text("programme")),
        Col("Fördergeber", "funder", 1.9, value=cells.text("funder")),
        Col("Quote", "rate", 1.4, R, cells.percent("rate", 0)),
        Col("Themenbereich", "topic", 3.3, value=_topic),
        Col("Antragsfrist", "deadline", 2.1, value=cells.date("deadline")),
        Col("Anträge", "applications", 1.6, R, cells.number("applications")),
    ),
    "Es sind noch keine Förderprogramme erfasst.",
    "Relevante Förderprogramme",
)
BY_TOPIC_FUNDER = Table(
    "by_topic_funder",
    (
        Col("Themenbereich", "topic", 8.0, value=cells.text("topic")),
        Col("Fördergeber", "funder", 4.5, value=cells.text("funder")),
        Col("Programme", "count", 4.0, R, cells.number("programmes")),
    ),
    NONE,
    "Förderprogramme nach Themenbereich und Fördergeber",
)
BY_STATUS = Table(
    "by_status",
    (Col("Status", "status", 6.5, value=cells.text("status")), *_MONEY_COLS),
    APPLICATIONS_NONE,
    "Förderanträge nach Status",
)
BY_MUNICIPALITY = Table(
    "by_municipality",
    (
        Col("Kommune", "municipality", 4.0, value=cells.name("municipality")),
        *_MONEY_COLS,
        Col("Quote", "rate", 2.5, R, cells.percent("funding_rate")),
    ),
    APPLICATIONS_NONE,
    "Förderanträge je Kommune (Quote: bewilligt/beantragt der beschiedenen Anträge)",
)
BY_PROGRAMME = Table(
    "by_programme",
    (
        Col("Programm", "programme", 5.0, value=cells.text("programme")),
        Col("Geber", "funder", 1.5, value=cells.text("funder")),
        *_MONEY_COLS,
    ),
    APPLICATIONS_NONE,
    "Förderanträge je Förderprogramm",
)
APPENDIX_TITLE = "Anhang A: Alle Förderanträge"
APPLICATIONS = Table(
    "applications",
    (
        Col("Nr.", "application_id", 2.0, value=cells.text("application_id")),
        Col("Kommune", "municipality", 2.2, value=cells.name("municipality")),
        Col("Maßnahme", "measure", 4.6, value=application_measure),
        Col("Programm", "programme", 3.6, value=lambda r, _n: fmt.text(r.get("programme"))),
        Col("Status", "status", 2.1, value=cells.text("status")),
        Col("beantragt", "requested", 2.3, R, cells.approx_money("requested")),
        Col("bewilligt", "granted", 2.3, R, cells.approx_money("granted")),
        Col("Eigenanteil", "own_share", 2.3, R, cells.approx_money("own_share")),
        SRC,
    ),
    APPLICATIONS_NONE,
    "Alle Förderanträge",
)


def _municipality(r: Record, n: Names) -> str:
    return "Verbund" if fmt.is_missing(r["municipality"]) else n.name(r["municipality"])


DEADLINES = Table(
    "deadlines",
    (
        Col("Datum", "date", 2.1, value=cells.date("deadline")),
        Col("in Tagen", "days", 1.6, R, cells.number("days_left")),
        Col("Frist", "kind", 3.2, value=cells.text("deadline_kind")),
        Col(
            "Betrifft",
            "label",
            4.8,
            value=lambda r, _n: f"{fmt.text(r['reference'])}: {fmt.text(r['label'])}",
        ),
        Col("Kommune", "municipality", 1.8, value=_municipality),
        SRC,
    ),
    "In den nächsten 90 Tagen läuft keine Frist ab.",
    "Antragsfristen und Fristen für Verwendungsnachweise",
)
UNFUNDED = Table(
    "unfunded",
    (
        Col("Nr.", "measure_id", 2.0, value=cells.text("measure_id")),
        Col("Maßnahme", "title", 6.0, value=measure_title),
        Col("Themenbereich", "topic", 3.6, value=cells.text("topic")),
        Col("Kosten", "cost", 2.4, R, cells.approx_money("cost_total")),
        Col(LEAD, "lead", 2.5, value=measure_lead),
    ),
    "Für jede Maßnahme mit Kosten liegt mindestens ein Förderantrag vor.",
    "Maßnahmen mit Kosten, aber ohne Förderantrag",
)

PHASE5 = DocSpec(
    "Phase5_Foerdermittel",
    "Fördermittel",
    "Phase 5 – Fördermittel",
    with_summary(
        Section(
            "Förderprogramme",
            (
                Text(
                    "Relevant sind Programme, die offen sind und deren Antragsfrist nicht vor "
                    "dem Stichtag liegt; abgelaufene Programme stehen gesondert darunter."
                ),
                PROGRAMMES,
                BY_TOPIC_FUNDER,
                EXPIRED,
            ),
            key="programme",
        ),
        Section(
            "Förderanträge nach Status",
            (
                BY_STATUS,
                Chart(
                    "chart_funding",
                    "Fördersummen nach Status und Kommune",
                    "Es wurden noch keine Fördersummen gemeldet.",
                ),
            ),
            key="antraege",
        ),
        Section(
            "Förderanträge je Kommune und Programm",
            (
                Text("{{ funding_rate_text }}"),
                BY_MUNICIPALITY,
                BY_PROGRAMME,
                Text("Die einzelnen Förderanträge stehen im Anhang A.", cond="applications"),
            ),
        ),
        Section("Fristen in den nächsten 90 Tagen", (DEADLINES,), key="fristen"),
        Section("Maßnahmen ohne Förderung", (UNFUNDED,), key="finanzierungsluecken"),
        Section(
            "Förderstrategie",
            (
                Text("{{ candidate_rule }}"),
                CANDIDATES,
                Text("{{ own_share_rule }}"),
                OWN_SHARES,
            ),
            key="foerderstrategie",
        ),
        # The raw list behind the tables above: an appendix, not the body.
        Section(APPENDIX_TITLE, (APPLICATIONS,), landscape=True),
    ),
    document="Phase 5",
)


def with_sum(rows: list[Row], df: pd.DataFrame, labels: Row, count: str = "") -> list[Row]:
    """``rows`` and a „Summe“ row over the money columns of ``df`` (and its count column)."""
    if not rows:
        return rows
    total = cells.sum_row(df, labels, MONEY)
    if count:
        total["count"] = fmt.number(pd.to_numeric(df[count], errors="coerce").fillna(0).sum())
    return [*rows, total]


def phase5_context(c: Consolidated) -> dict[str, Any]:
    """Fördermittel."""
    p5, names = c.phase5, Names.of(c)
    years, own = own_share_matrix(
        p5.applications, c.phase4.measures, c.stichtag, names, c.region.codes
    )
    by_muni = sorted(
        BY_MUNICIPALITY.fill(p5.applications_by_municipality, names),
        key=lambda r: fmt.sort_key(r["municipality"]),
    )
    muni_sum = {"municipality": SUM, "rate": fmt.percent(p5.funding_rate)}
    apps_sum = {k: "" for k in ("application_id", "measure", "programme", "status", "ref")}
    unfunded = UNFUNDED.fill(p5.measures_without_application, names)
    if unfunded:
        total = cells.sum_row(p5.measures_without_application, {}, ("cost_total",))
        unfunded.append(
            {"measure_id": SUM, "title": "", "topic": "", "lead": "", "cost": total["cost_total"]}
        )
    return {
        "programmes": PROGRAMMES.fill(relevant(p5.programmes, c.stichtag), names),
        "by_topic_funder": BY_TOPIC_FUNDER.fill(p5.programmes_by_topic_funder, names),
        "expired": expired_rows(p5.programmes, c.stichtag),
        "by_status": with_sum(
            BY_STATUS.fill(p5.applications_by_status, names),
            p5.applications_by_status,
            {"status": SUM},
            "applications",
        ),
        "chart_funding": funding_chart(p5.applications, names, list(c.region.codes)),
        "funding_rate_text": (
            f"Erreichte Förderquote im Verbund: {fmt.percent(p5.funding_rate)}. "
            + fmt.text(p5.funding_rate_rule)
        ),
        "by_municipality": with_sum(
            by_muni, p5.applications_by_municipality, muni_sum, "applications"
        ),
        "by_programme": with_sum(
            BY_PROGRAMME.fill(p5.applications_by_programme, names),
            p5.applications_by_programme,
            {"programme": SUM, "funder": ""},
            "applications",
        ),
        "applications": with_sum(
            APPLICATIONS.fill(p5.applications, names),
            p5.applications,
            {**apps_sum, "municipality": SUM},
        ),
        "deadlines": DEADLINES.fill(p5.deadlines, names),
        "unfunded": unfunded,
        "candidate_rule": funding.CANDIDATE_RULE
        + " Umgesetzte und zurückgestellte Maßnahmen sind nicht aufgeführt.",
        "candidates": candidate_rows(p5.measures_without_application, p5.programmes, c.stichtag),
        "own_share_rule": funding.OWN_SHARE_RULE,
        "own_share_years": years,
        "own_shares": own,
    } | narration_context(narrative.phase5(c), c.assessments, "Phase 5")


def funding_chart(df: pd.DataFrame, names: Names, codes: list[str]) -> ChartSpec | None:
    """Stacked bars per municipality: requested sums by application status."""
    if df.empty or not (df["requested"].fillna(0) > 0).any():
        return None
    pivot = df.pivot_table(
        index="municipality", columns="status", values="requested", aggfunc="sum"
    ).fillna(0.0)
    present = [x for x in codes if x in pivot.index]
    pivot = pivot.loc[present]
    if len(present) > MAX_BARS:
        # The largest municipalities by requested sum, the rest as one bar.
        top = pivot.sum(axis=1).sort_values(ascending=False).index[: MAX_BARS - 1]
        rest = pivot.drop(index=top).sum().rename(OTHERS)
        pivot = pd.concat([pivot.loc[[x for x in present if x in top]], rest.to_frame().T])
        present = [*(x for x in present if x in top), OTHERS]
    statuses = [s for s in STATUS_COLORS if s in pivot.columns]
    return ChartSpec(
        "stacked_bars",
        {
            "categories": [OTHERS if x == OTHERS else names.name(x) for x in present],
            "series": {s: [float(v) for v in pivot[s]] for s in statuses},
            "colors": {s: STATUS_COLORS[s] for s in statuses},
            "xlabel": "beantragte Fördersumme",
            "legend_title": "Status",
        },
    )
