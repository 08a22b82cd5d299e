"""Rules of phase 4 (Maßnahmenkatalog)."""

from __future__ import annotations

import pandas as pd

from parthe_reports.consolidate.models import Consolidated
from parthe_reports.narrative import catalogue
from parthe_reports.narrative.grammar import (
    approx_money,
    count,
    join_de,
    number,
    percent,
    quoted,
    verb,
)
from parthe_reports.narrative.statement import Kind, Statement, chart, table
from parthe_reports.region import Judgement

K, F, E = Kind.KEY, Kind.FINDING, Kind.RECOMMENDATION
LISTED = 3  # measures named in a sentence; more are counted


def _titles(df: pd.DataFrame) -> str:
    """„A“, „B“ und „C“ – or „A“, „B“, „C“ und 5 weitere."""
    titles = [quoted(t) for t in df["title"]]
    if len(titles) <= LISTED:
        return join_de(titles)
    return f"{', '.join(titles[:LISTED])} und {number(len(titles) - LISTED)} weitere"


def catalogue_size(c: Consolidated, j: Judgement) -> list[Statement]:
    """P4.CATALOGUE: measures, total cost, how many are under way or done."""
    m, t = c.phase4.measures, c.phase4.totals
    if m.empty:
        return []
    going = int((m["status"] == "in Umsetzung").sum())
    done = int((m["status"] == "umgesetzt").sum())
    text = (
        f"Der Katalog umfasst {count(len(m), 'Maßnahme')} mit Gesamtkosten von {approx_money(t['cost_total'])}; "
        f"{number(going)} {verb(going, 'ist', 'sind')} in Umsetzung, {number(done)} {verb(done, 'ist', 'sind')} umgesetzt."
    )
    figs = {"measures": len(m), "cost_total": t["cost_total"], "in_progress": going, "done": done}
    return [
        Statement(
            "P4.CATALOGUE", K, text, "massnahmen", table("Maßnahmen nach Umsetzungsstand"), figs
        )
    ]


def cost_concentration(c: Consolidated, j: Judgement) -> list[Statement]:
    """P4.COST-TOPIC: one topic holds ≥ ``cost_concentration`` % of all measure costs."""
    bt, total = c.phase4.by_topic, c.phase4.totals.get("cost_total", 0.0)
    if bt.empty or not total:
        return []
    row = bt.sort_values("cost_total", ascending=False, kind="stable").iloc[0]
    share = 100.0 * row["cost_total"] / total
    if share < j.cost_concentration:
        return []
    text = (
        f"Der Themenbereich {row['topic']} bündelt {percent(share)} der Kosten "
        f"({approx_money(row['cost_total'])} in {count(int(row['measures']), 'Maßnahme')})."
    )
    return [
        Statement(
            "P4.COST-TOPIC",
            F,
            text,
            "massnahmen",
            table("Maßnahmen nach Themenbereich"),
            {"topic": row["topic"], "share": share},
        )
    ]


def quick_wins(c: Consolidated, j: Judgement) -> list[Statement]:
    """P4.QUICK-WINS: the measures meeting the configured Quick-Win rule (Kernaussage; a
    Befund when none does). P4.REC-QUICK-WINS: start with them (when there are any)."""
    rule = catalogue.QuickWinRule.of(j)
    qw = catalogue.quick_wins(c.phase4.measures, c.stichtag, rule)
    if c.phase4.measures.empty:
        return []
    ref = table("Quick Wins")
    figs = {"quick_wins": len(qw), "months": rule.months, "max_cost": rule.max_cost}
    if qw.empty:
        text = (
            "Keine Maßnahme erfüllt derzeit die Quick-Win-Regel (breiter Konsens, Beginn binnen "
            f"{number(rule.months)} Monaten, höchstens {approx_money(rule.max_cost)})."
        )
        return [
            Statement("P4.QUICK-WINS", F, text, "quickwins", ref, figs, (("quickwins", "keine"),))
        ]
    text = (
        f"{count(len(qw), 'Maßnahme')} "
        f"{verb(len(qw), 'ist ein Quick Win', 'sind Quick Wins')} (breiter Konsens, Beginn binnen "
        f"{number(rule.months)} Monaten, höchstens {approx_money(rule.max_cost)}), "
        f"zusammen {approx_money(qw['cost_total'].sum())}."
    )
    rec = f"Mit den Quick Wins sollte die Umsetzung beginnen: {_titles(qw)}."
    return [
        Statement("P4.QUICK-WINS", K, text, "quickwins", ref, figs, (("quickwins", "vorhanden"),)),
        Statement(
            "P4.REC-QUICK-WINS", E, rec, "quickwins", ref, {"measures": tuple(qw["measure_id"])}
        ),
    ]


def single_measures(c: Consolidated, j: Judgement) -> list[Statement]:
    """P4.SINGLE: kommunale Einzelmaßnahmen (one municipality, no partner) and their cost."""
    single = catalogue.single_measures(c.phase4.measures)
    if single.empty:
        return []
    total = c.phase4.totals.get("cost_total", 0.0)
    cost = float(single["cost_total"].sum())
    text = (
        f"{count(len(single), 'Maßnahme')} "
        f"{verb(len(single), 'ist eine kommunale Einzelmaßnahme', 'sind kommunale Einzelmaßnahmen')} "
        f"(eine Kommune, keine Partner) mit {approx_money(cost)}"
    )
    if total:
        text += f", {percent(100 * cost / total)} der Kosten"
    return [
        Statement(
            "P4.SINGLE",
            F,
            text + ".",
            "massnahmen",
            "",
            {"measures": len(single), "cost": cost},
        )
    ]


def no_consensus(c: Consolidated, j: Judgement) -> list[Statement]:
    """P4.NO-CONSENSUS: measures without consensus (Konsens = nein)."""
    m = c.phase4.measures
    if m.empty:
        return []
    open_ = m[m["consensus"] == "nein"]
    if open_.empty:
        return []
    text = (
        f"Für {count(len(open_), 'Maßnahme')} fehlt noch der Konsens im Verbund: {_titles(open_)}."
    )
    return [
        Statement(
            "P4.NO-CONSENSUS",
            F,
            text,
            "massnahmen",
            "",
            {"measures": len(open_)},
        )
    ]


def late_start(c: Consolidated, j: Judgement) -> list[Statement]:
    """P4.LATE-START: measures whose Beginn lies before the Stichtag but still Idee/geplant."""
    m = c.phase4.measures
    if m.empty:
        return []
    late = m[
        m["status"].isin(catalogue.NOT_STARTED)
        & m["start_date"].map(lambda d: d is not None and d == d and d < c.stichtag)
    ]
    if late.empty:
        return []
    text = (
        f"{count(len(late), 'Maßnahme')} {verb(len(late), 'hätte', 'hätten')} laut Zeitplan bereits beginnen sollen, "
        f"{verb(len(late), 'steht', 'stehen')} aber noch auf Idee oder geplant: {_titles(late)}."
    )
    return [
        Statement(
            "P4.LATE-START",
            F,
            text,
            "zeitleiste",
            chart("Zeitplan der Maßnahmen nach Themenbereich"),
            {"measures": tuple(late["measure_id"])},
        )
    ]


def goal_alignment(c: Consolidated, j: Judgement) -> list[Statement]:
    """P4.GOAL-ALIGNMENT: measures without a known goal, goals without a measure."""
    without_goal, without_measure = c.phase4.measures_without_goal, c.phase4.goals_without_measures
    if c.phase4.measures.empty:
        return []
    if without_goal.empty and without_measure.empty:
        text = "Jede Maßnahme dient einem Verbundziel, und jedes Verbundziel wird von mindestens einer Maßnahme verfolgt."
    else:
        parts = []
        if len(without_goal):
            parts.append(
                f"{count(len(without_goal), 'Maßnahme')} ohne bekanntes Verbundziel ({_titles(without_goal)})"
            )
        if len(without_measure):
            parts.append(
                f"{count(len(without_measure), 'Verbundziel')} ohne Maßnahme "
                f"({join_de(without_measure['goal_id'].astype(str))})"
            )
        text = f"Beim Abgleich mit den Verbundzielen fallen auf: {join_de(parts)}."
    figs = {
        "measures_without_goal": len(without_goal),
        "goals_without_measure": len(without_measure),
    }
    return [Statement("P4.GOAL-ALIGNMENT", F, text, "zielabdeckung", "", figs)]
