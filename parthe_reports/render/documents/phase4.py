"""Phase 4 – Maßnahmenkatalog: the template's declaration and its context builder."""

from __future__ import annotations

from typing import Any

import pandas as pd

from parthe_reports import german as fmt
from parthe_reports import narrative
from parthe_reports.consolidate.models import Consolidated
from parthe_reports.consolidate.phase4 import QuickWinRule
from parthe_reports.render import cells
from parthe_reports.render.charts import municipality_colors
from parthe_reports.render.context import ChartSpec, Names, Record, groups, period, records
from parthe_reports.render.documents.phase4_steckbrief import (
    PRIORITY_LEGEND,
    QUICK_WIN_MARK,
    SINGLE,
    STECKBRIEFE,
    steckbriefe,
)
from parthe_reports.render.narration import narration_context
from parthe_reports.render.spec import (
    NONE,
    SRC,
    Chart,
    Col,
    DocSpec,
    Group,
    R,
    Section,
    Table,
    Text,
    with_summary,
)

MAX_TIMELINE = 60  # measures as bars of the timeline
LEAD = "Feder­führung"  # hyphenates in narrow columns


def measure_title(r: Record, _n: Names) -> str:
    """The measure's title, marked „● Quick Win“ and „kommunale Einzelmaßnahme“ as flagged."""
    title = fmt.text(r["title"])
    if r.get("quick_win") is True:
        title += f"\n{QUICK_WIN_MARK} Quick Win"
    if r.get("single_measure") is True:
        title += f"\n{SINGLE}"
    return title


def measure_lead(r: Record, n: Names) -> str:
    """The lead municipality's name (``responsible``, else ``lead``)."""
    return n.name(r.get("responsible") or r.get("lead"))


def _goal(r: Record, _n: Names) -> str:
    if fmt.is_missing(r.get("goal_id")):
        return fmt.MISSING
    goal = fmt.text(r["goal_id"])
    if not fmt.is_missing(r.get("goal")):
        return goal + ": " + fmt.text(r["goal"])
    return goal if r.get("goal_known") else goal + " (nicht beschlossen)"


MEASURE_ID = cells.text("measure_id")
COST = cells.approx_money("cost_total")
PERIOD: cells.Cell = lambda r, _n: period(r["start"], r["end"])  # noqa: E731

BY_TOPIC = Table(
    "by_topic",
    (
        Col("Themenbereich", "topic", 8.5, value=cells.text("topic")),
        Col("Maßnahmen", "count", 2.5, R, cells.number("measures")),
        Col("Kosten gesamt", "cost", 5.5, R, COST),
    ),
    NONE,
    "Maßnahmen nach Themenbereich",
)
BY_STATUS = Table(
    "by_status",
    (
        Col("Status", "status", 8.5, value=cells.text("status")),
        Col("Maßnahmen", "count", 2.5, R, cells.number("measures")),
        Col("Kosten gesamt", "cost", 5.5, R, COST),
    ),
    NONE,
    "Maßnahmen nach Umsetzungsstand",
)
BY_MUNICIPALITY = Table(
    "by_municipality",
    (
        Col("Kommune (federführend)", "municipality", 6.0, value=cells.name("municipality")),
        Col("Maßnahmen", "count", 2.5, R, cells.number("measures")),
        Col("beteiligt an", "involved", 2.5, R, cells.number("involved_in")),
        Col("Kosten gesamt", "cost", 5.5, R, COST),
    ),
    NONE,
    "Maßnahmen nach Kommune",
)
QUICK_WINS = Table(
    "quick_wins",
    (
        Col("Nr.", "measure_id", 1.9, value=MEASURE_ID),
        Col("Maßnahme", "title", 4.8, value=measure_title),
        Col("Themenbereich", "topic", 3.2, value=cells.text("topic")),
        Col(LEAD, "lead", 2.0, value=measure_lead),
        Col("Kosten", "cost", 2.3, R, COST),
        Col("Zeitraum", "period", 2.3, value=PERIOD),
    ),
    "Derzeit erfüllt keine Maßnahme die Kriterien eines Quick Wins.",
    "Quick Wins",
)
MEASURES = Table(
    "g.rows",
    (
        Col("Nr.", "measure_id", 1.8, value=MEASURE_ID),
        Col("Maßnahme", "title", 4.8, value=measure_title),
        Col("Verbundziel", "goal", 4.0, value=_goal),
        Col(LEAD, "lead", 2.1, value=measure_lead),
        Col("Beteiligte", "partners", 2.3, value=cells.names("partners")),
        Col("Prio.", "priority", 1.0, value=cells.text("priority")),
        Col("Kosten", "cost", 2.6, R, COST),
        Col("Zeitraum", "period", 2.0, value=PERIOD),
        Col("Status", "status", 1.8, value=cells.text("status")),
        SRC,
    ),
    "Für diesen Themenbereich gibt es keine Maßnahmen.",
)
MEASURES_WITHOUT_GOAL = Table(
    "measures_without_goal",
    (
        Col("Nr.", "measure_id", 2.0, value=MEASURE_ID),
        Col("Maßnahme", "title", 6.0, value=measure_title),
        Col("angegebenes Ziel", "goal_id", 2.6, value=cells.text("goal_id")),
        Col("Federführung", "lead", 2.5, value=measure_lead),
        SRC,
    ),
    "Jede Maßnahme dient einem beschlossenen Verbundziel.",
    "Maßnahmen ohne (bekanntes) Verbundziel",
)
GOALS_WITHOUT_MEASURES = Table(
    "goals_without_measures",
    (
        Col("Nr.", "goal_id", 1.5, value=cells.text("goal_id")),
        Col("Themenbereich", "topic", 4.0, value=cells.text("topic")),
        Col("Ziel", "goal", 7.6, value=cells.text("goal")),
        SRC,
    ),
    "Jedes Verbundziel wird von mindestens einer Maßnahme verfolgt.",
    "Verbundziele ohne Maßnahme",
)

PHASE4 = DocSpec(
    "Phase4_Massnahmenkatalog",
    "Maßnahmenkatalog",
    "Phase 4 – Maßnahmenkatalog",
    with_summary(
        Section(
            "Überblick",
            (Text("{{ overview }}"), Text(PRIORITY_LEGEND), BY_TOPIC, BY_STATUS, BY_MUNICIPALITY),
            key="massnahmen",
        ),
        Section("Quick Wins", (Text("{{ quick_win_rule }}"), QUICK_WINS), key="quickwins"),
        Section(
            "Maßnahmen nach Themenbereichen",
            (
                Text("{{ catalogue_intro }}"),
                Group(
                    "topic_groups",
                    "g",
                    "{{ g.title }}",
                    (MEASURES,),
                    "Es wurden noch keine Maßnahmen gemeldet.",
                ),
            ),
            landscape=True,
        ),
        Section(
            "Zeitplan der Maßnahmen",
            (
                Chart(
                    "chart_timeline",
                    "Zeitplan der Maßnahmen nach Themenbereich",
                    "Keine Maßnahme hat einen Zeitraum (Beginn und Ende).",
                ),
            ),
            key="zeitleiste",
        ),
        Section(
            "Abgleich mit den Verbundzielen",
            (MEASURES_WITHOUT_GOAL, GOALS_WITHOUT_MEASURES),
            key="zielabdeckung",
        ),
        Section(
            "Maßnahmensteckbriefe",
            (
                Text(
                    "Je Maßnahme ein Steckbrief: Beschreibung wie im Erhebungsbogen erfasst, "
                    "Verbundziel, Verantwortliche, Kosten, Finanzierung aus den Förderanträgen, "
                    "Zeitraum, Stand, Indikator und nächster Schritt. " + PRIORITY_LEGEND
                ),
                STECKBRIEFE,
            ),
            key="steckbriefe",
        ),
    ),
    document="Phase 4",
)


def _overview(t: dict[str, Any]) -> str:
    merged = (
        f"{fmt.count(t.get('duplicates_merged'), 'mehrfach gemeldete Maßnahme wurde', 'mehrfach gemeldete Maßnahmen wurden')} "
        "zusammengeführt."
        if t.get("duplicates_merged")
        else "Keine Maßnahme wurde mehrfach gemeldet."
    )
    return (
        f"Der Katalog umfasst {fmt.count(t.get('measures'), 'Maßnahme', 'Maßnahmen')} mit "
        f"geschätzten Gesamtkosten von {fmt.money(t.get('cost_total'))}, davon "
        f"{fmt.count(t.get('quick_wins'), 'Quick Win', 'Quick Wins')}. " + merged
    )


def phase4_context(c: Consolidated) -> dict[str, Any]:
    """Maßnahmenkatalog."""
    p4, names = c.phase4, Names.of(c)
    topics = list(c.region.topics)
    return {
        "overview": _overview(p4.totals),
        "by_topic": BY_TOPIC.fill(p4.by_topic, names),
        "by_status": BY_STATUS.fill(p4.by_status, names),
        "by_municipality": sorted(
            BY_MUNICIPALITY.fill(p4.by_municipality, names),
            key=lambda r: fmt.sort_key(r["municipality"]),
        ),
        "quick_win_rule": QuickWinRule.of(c.region.judgement).text,
        "quick_wins": QUICK_WINS.fill(p4.quick_wins, names),
        "catalogue_intro": (
            "Jede Maßnahme ist ihrem Verbundziel zugeordnet; die Verbundziele leiten sich aus "
            f"dem Leitbild ab (Phase 3). Quick Wins sind mit {QUICK_WIN_MARK} markiert, "
            "Maßnahmen nur einer Kommune ohne Partner als „kommunale Einzelmaßnahme“."
        ),
        "topic_groups": groups(
            p4.measures, "topic", topics, fmt.plain, lambda r: MEASURES.row(r, names)
        ),
        "chart_timeline": timeline_chart(p4.timeline, c),
        "measures_without_goal": MEASURES_WITHOUT_GOAL.fill(p4.measures_without_goal, names),
        "goals_without_measures": GOALS_WITHOUT_MEASURES.fill(p4.goals_without_measures, names),
        "steckbriefe": steckbriefe(p4.measures, c.phase5.applications, names, _goal),
    } | narration_context(narrative.phase4(c), c.assessments, "Phase 4")


def timeline_chart(df: pd.DataFrame, c: Consolidated) -> ChartSpec | None:
    """Gantt bars of measures with dates, grouped by topic in region order."""
    if df.empty:
        return None
    df = df.dropna(subset=["start_date", "end_date"])
    if df.empty:
        return None
    order = {t: i for i, t in enumerate(c.region.topics)}
    df = df.assign(_o=df["topic"].map(order).fillna(len(order))).sort_values(["_o", "start_date"])
    colors = dict(
        zip(c.region.topics, municipality_colors(list(c.region.topics)).values(), strict=True)
    )
    if len(df) > MAX_TIMELINE:
        # Too many measures for one bar each: one bar per topic from first start to last end.
        spans = df.groupby("topic", sort=False).agg(
            start_date=("start_date", "min"), end_date=("end_date", "max"), n=("measure_id", "size")
        )
        bars = [
            (
                f"{fmt.plain(t)} ({fmt.count(r['n'], 'Maßnahme', 'Maßnahmen')})",
                fmt.plain(t),
                r["start_date"],
                r["end_date"],
            )
            for t, r in spans.iterrows()
        ]
    else:
        bars = [
            (
                f"{fmt.plain(r['measure_id'])} {fmt.plain(r['title'])[:38]}",
                fmt.plain(r["topic"]),
                r["start_date"],
                r["end_date"],
            )
            for r in records(df)
        ]
    return ChartSpec(
        "timeline",
        {
            "bars": bars,
            "group_colors": {fmt.plain(k): v for k, v in colors.items()},
            "stichtag": c.stichtag,
        },
    )
