"""Context builders for phases 4–6: Maßnahmenkatalog, Fördermittel, Verstetigung."""

from __future__ import annotations

from typing import Any

import pandas as pd

from parthe_reports.consolidate.models import Consolidated
from parthe_reports.render import formatting as fmt
from parthe_reports.render.charts import STATUS_COLORS, municipality_colors
from parthe_reports.render.context_common import (
    ChartSpec,
    Names,
    Row,
    groups,
    period,
    records,
    ref,
    rows,
)


def _measure_row(r: dict[str, Any], names: Names) -> Row:
    goal = fmt.MISSING
    if not fmt.is_missing(r.get("goal_id")):
        goal = fmt.text(r["goal_id"])
        if not fmt.is_missing(r.get("goal")):
            goal += ": " + fmt.text(r["goal"])
        elif not r.get("goal_known"):
            goal += " (nicht beschlossen)"
    title = fmt.text(r["title"])
    if r.get("quick_win") is True:
        title += "\n★ Quick Win"
    return {
        "measure_id": fmt.text(r["measure_id"]),
        "title": title,
        "topic": fmt.text(r["topic"]),
        "goal": goal,
        "goal_id": fmt.text(r["goal_id"]),
        "lead": names.name(r.get("responsible") or r.get("lead")),
        "partners": names.names(r["partners"]),
        "priority": fmt.text(r["priority"]),
        "cost": fmt.money(r["cost_total"]),
        "period": period(r["start"], r["end"]),
        "status": fmt.text(r["status"]),
        "ref": ref(r),
    }


def phase4_context(c: Consolidated) -> dict[str, Any]:
    """Maßnahmenkatalog."""
    p4, names = c.phase4, Names(c.region)
    t = p4.totals
    make = lambda r: _measure_row(r, names)  # noqa: E731
    topics = list(c.region.topics)
    return {
        "overview": (
            f"Der Katalog umfasst {fmt.count(t.get('measures'), 'Maßnahme', 'Maßnahmen')} mit "
            f"geschätzten Gesamtkosten von {fmt.money(t.get('cost_total'))}, davon "
            f"{fmt.count(t.get('quick_wins'), 'Quick Win', 'Quick Wins')}. "
            + (
                f"{fmt.count(t.get('duplicates_merged'), 'mehrfach gemeldete Maßnahme wurde', 'mehrfach gemeldete Maßnahmen wurden')} "
                "zusammengeführt."
                if t.get("duplicates_merged")
                else "Keine Maßnahme wurde mehrfach gemeldet."
            )
        ),
        "by_topic": rows(
            p4.by_topic,
            lambda r: {
                "topic": fmt.text(r["topic"]),
                "count": fmt.number(r["measures"]),
                "cost": fmt.money(r["cost_total"]),
            },
        ),
        "by_status": rows(
            p4.by_status,
            lambda r: {
                "status": fmt.text(r["status"]),
                "count": fmt.number(r["measures"]),
                "cost": fmt.money(r["cost_total"]),
            },
        ),
        "by_municipality": sorted(
            rows(
                p4.by_municipality,
                lambda r: {
                    "municipality": names.name(r["municipality"]),
                    "count": fmt.number(r["measures"]),
                    "involved": fmt.number(r["involved_in"]),
                    "cost": fmt.money(r["cost_total"]),
                },
            ),
            key=lambda r: fmt.sort_key(r["municipality"]),
        ),
        "quick_wins": rows(p4.quick_wins, make),
        "catalogue_intro": (
            "Jede Maßnahme ist ihrem Verbundziel zugeordnet; die Verbundziele leiten sich aus "
            "dem Leitbild ab (Phase 3). Quick Wins sind mit ★ markiert."
        ),
        "topic_groups": groups(p4.measures, "topic", topics, fmt.plain, make),
        "chart_timeline": timeline_chart(p4.timeline, c),
        "measures_without_goal": rows(p4.measures_without_goal, make),
        "goals_without_measures": rows(
            p4.goals_without_measures,
            lambda r: {
                "goal_id": fmt.text(r["goal_id"]),
                "topic": fmt.text(r["topic"]),
                "goal": fmt.text(r["goal"]),
                "ref": ref(r),
            },
        ),
    }


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
        return ChartSpec(
            "timeline",
            {
                "bars": bars,
                "group_colors": {fmt.plain(k): v for k, v in colors.items()},
                "stichtag": c.stichtag,
            },
        )
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


_MONEY = ("requested", "granted", "own_share")
MAX_BARS = 25  # municipalities as bars of the funding chart
MAX_TIMELINE = 60  # measures as bars of the timeline
OTHERS = "übrige Kommunen"


def _money_row(r: dict[str, Any]) -> Row:
    out = {"count": fmt.number(r["applications"])}
    out.update({k: fmt.money(r[k]) for k in _MONEY})
    return out


def phase5_context(c: Consolidated) -> dict[str, Any]:
    """Fördermittel."""
    p5, names = c.phase5, Names(c.region)
    return {
        "programmes": rows(
            p5.programmes,
            lambda r: {
                "programme_id": fmt.text(r["programme_id"]),
                "programme": fmt.text(r["programme"]),
                "funder": fmt.text(r["funder"]),
                "rate": fmt.percent(r["rate"], 0),
                "topic": fmt.text(r["topic"])
                if not fmt.is_missing(r["topic"])
                else "themenübergreifend",
                "deadline": fmt.date_de(r["deadline"]),
                "applications": fmt.number(r["applications"]),
            },
        ),
        "by_topic_funder": rows(
            p5.programmes_by_topic_funder,
            lambda r: {
                "topic": fmt.text(r["topic"]),
                "funder": fmt.text(r["funder"]),
                "count": fmt.number(r["programmes"]),
            },
        ),
        "by_status": rows(
            p5.applications_by_status, lambda r: {"status": fmt.text(r["status"]), **_money_row(r)}
        ),
        "chart_funding": funding_chart(p5.applications, names, list(c.region.codes)),
        "funding_rate_text": (
            f"Erreichte Förderquote im Verbund: {fmt.percent(p5.funding_rate)}. "
            + fmt.text(p5.funding_rate_rule)
        ),
        "by_municipality": sorted(
            rows(
                p5.applications_by_municipality,
                lambda r: {
                    "municipality": names.name(r["municipality"]),
                    **_money_row(r),
                    "rate": fmt.percent(r["funding_rate"]),
                },
            ),
            key=lambda r: fmt.sort_key(r["municipality"]),
        ),
        "by_programme": rows(
            p5.applications_by_programme,
            lambda r: {
                "programme": fmt.text(r["programme"]),
                "funder": fmt.text(r["funder"]),
                **_money_row(r),
            },
        ),
        "applications": rows(p5.applications, lambda r: _application_row(r, names)),
        "deadlines": rows(
            p5.deadlines,
            lambda r: {
                "date": fmt.date_de(r["deadline"]),
                "days": fmt.number(r["days_left"]),
                "kind": fmt.text(r["deadline_kind"]),
                "label": f"{fmt.text(r['reference'])}: {fmt.text(r['label'])}",
                "municipality": names.name(r["municipality"])
                if not fmt.is_missing(r["municipality"])
                else "Verbund",
                "ref": ref(r),
            },
        ),
        "unfunded": rows(p5.measures_without_application, lambda r: _measure_row(r, names)),
    }


def _application_row(r: dict[str, Any], names: Names) -> Row:
    return {
        "application_id": fmt.text(r["application_id"]),
        "municipality": names.name(r["municipality"]),
        "measure": fmt.text(r.get("measure_title"))
        if not fmt.is_missing(r.get("measure_title"))
        else fmt.text(r["measure_id"]),
        "programme": fmt.text(r.get("programme")),
        "status": fmt.text(r["status"]),
        "requested": fmt.money(r["requested"]),
        "granted": fmt.money(r["granted"]),
        "own_share": fmt.money(r["own_share"]),
        "ref": ref(r),
    }


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


def phase6_context(c: Consolidated) -> dict[str, Any]:
    """Verstetigung und Umsetzung."""
    p6, names = c.phase6, Names(c.region)
    ms = p6.milestones
    late = p6.late_milestones
    chart = None
    if not ms.empty:
        chart = ChartSpec(
            "milestones",
            {
                "items": [
                    (fmt.plain(r["milestone"]), r["due"], fmt.plain(r["status"]))
                    for r in records(ms)
                    if not fmt.is_missing(r["due"])
                ],
                "stichtag": c.stichtag,
            },
        )
    return {
        "recommendation": (
            f"Empfohlen wird die Option „{fmt.plain(p6.recommended_option)}“."
            if p6.recommended_option
            else "Eine Empfehlung für eine Strukturoption steht noch aus."
        ),
        "structure_options": rows(
            p6.structure_options,
            lambda r: {
                "rank": fmt.number(r["rank"]),
                "option": fmt.text(r["option"]),
                "legal_form": fmt.text(r["legal_form"]),
                "pros": fmt.text(r["pros"]),
                "cons": fmt.text(r["cons"]),
                "rating": fmt.number(r["rating"]),
                "recommended": "empfohlen" if r["recommended"] == "ja" else "",
            },
        ),
        "chart_milestones": chart if chart and chart.args["items"] else None,
        "milestones": rows(
            ms,
            lambda r: {
                "date": fmt.date_de(r["due"]),
                "milestone": fmt.text(r["milestone"]),
                "responsible": fmt.text(r["responsible"]),
                "status": fmt.text(r["status"]) + (" (überfällig)" if r.get("late") else ""),
                "ref": ref(r),
            },
        ),
        "late_note": (
            f"{fmt.count(len(late), 'Meilenstein ist', 'Meilensteine sind')} zum Stichtag "
            "überfällig: " + fmt.join_de(fmt.plain(x) for x in late["milestone"]) + "."
            if not late.empty
            else "Zum Stichtag ist kein Meilenstein überfällig."
        ),
        "change_management": rows(
            p6.change_management,
            lambda r: {
                "measure": fmt.text(r["measure"]),
                "audience": fmt.text(r["audience"]),
                "date": fmt.date_de(r["due"]),
                "status": fmt.text(r["status"]),
                "ref": ref(r),
            },
        ),
        "follow_up": rows(
            p6.follow_up_applications,
            lambda r: _application_row(r, names),
        ),
    }
