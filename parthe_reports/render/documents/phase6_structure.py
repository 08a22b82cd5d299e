"""Phase 6 – the structure options assessed against weighted criteria, and the governance
section with its cost-sharing key by population.

The computations are ``narrative.structure``'s (totals, deciding criteria, ties, cost key);
consolidation spells the scores' option and criterion names as in their own sheets, so
the table here and the model's ``weighted_score`` agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from parthe_reports import german as fmt
from parthe_reports.consolidate.models import Consolidated, Phase6Model
from parthe_reports.narrative import structure
from parthe_reports.narrative.grammar import name_of
from parthe_reports.narrative.rules_structure import populations
from parthe_reports.render.context import Record, Row
from parthe_reports.render.spec import Col, Matrix, R, Table

SUM = "Summe"
TOTAL = "Gesamtwert (1–5)"
RANK = "Rang"
REFUSED = "abgelehnt"

CRITERIA = Table(
    "criteria",
    (
        Col("Kriterium", "criterion", 5.0),
        Col("Gewicht", "weight", 2.0, R),
        Col("Was das Kriterium misst", "description", 12.0),
    ),
    "Es sind keine Kriterien für die Bewertung der Strukturoptionen erfasst.",
    "Kriterien der Bewertung und ihre Gewichte",
)
SCORE_MATRIX = Matrix(
    "score_matrix",
    "score_columns",
    "Option",
    "Für die Strukturoptionen liegt keine gewichtete Bewertung vor (Verbund-Workbook › "
    "Kriterien und Strukturbewertung).",
    "Strukturoptionen nach gewichteten Kriterien (Punkte 1–5, Gewicht in Klammern)",
    label_width=6.5,
)
COST_KEY = Table(
    "cost_key",
    (
        Col("Kommune", "municipality", 4.5),
        Col("Einwohner", "population", 3.0, R),
        Col("Anteil", "share", 2.5, R),
        Col("Anteil am Eigenanteil", "amount", 4.0, R),
    ),
    "Ohne Einwohnerzahlen lässt sich kein Kostenschlüssel berechnen.",
    "Kostenschlüssel nach Einwohnern",
)


@dataclass(frozen=True)
class Assessed:
    """What the Strukturoptionen section prints of the weighted assessment."""

    text: str = ""  # the recommendation or the tie (empty without weighted scores)
    recommended: str | None = None
    rule: str = ""
    criteria: list[Row] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)  # criteria (weight), total, rank
    matrix: list[dict[str, Any]] = field(default_factory=list)
    ranks: dict[str, int] = field(default_factory=dict)

    def rank_of(self, r: Record) -> str:
        """The option's rank by weighted total (equal totals share it), else the model's."""
        rank = self.ranks.get(str(r.get("option")), r.get("rank"))
        return fmt.number(rank)


def assessed(p6: Phase6Model) -> Assessed:
    """Totals, the criterion × option points and the recommendation (or tie)."""
    crit = structure.criteria_from(p6.criteria) if len(p6.criteria) else []
    scores = structure.scores_from(p6.structure_scores) if len(p6.structure_scores) else []
    criteria_rows = [
        {"criterion": fmt.text(c.name), "weight": fmt.percent(c.weight, 0),
         "description": fmt.text(c.description or None)}
        for c in crit
    ]  # fmt: skip
    if not (crit and scores):
        return Assessed(criteria=criteria_rows)
    a = structure.assess(crit, scores)
    columns = [f"{fmt.plain(c.name)} ({fmt.percent(c.weight, 0)})" for c in crit]
    matrix = [
        {
            "label": fmt.plain(t.option),
            "cells": [
                *(fmt.number(t.points.get(c.name)) for c in crit),
                fmt.number(t.total, 2, fixed=True),
                fmt.number(t.rank),
            ],
        }
        for t in a.totals
    ]
    return Assessed(
        text=fmt.text(a.text),  # the sentence quotes cell text: control characters out
        recommended=a.recommended,
        rule=structure.SCORING_RULE,
        criteria=criteria_rows,
        columns=[*columns, TOTAL, RANK],
        matrix=matrix,
        ranks={t.option: t.rank for t in a.totals},
    )


def governance_text(c: Consolidated) -> str:
    """Steering group, office and how the joint costs are shared, from the region."""
    names = fmt.join_de(m.name for m in c.region.municipalities)
    n = len(c.region.municipalities)
    return (
        f"Die Lenkungsgruppe aus den Bürgermeisterinnen und Bürgermeistern der "
        f"{fmt.count(n, 'Kommune', 'Kommunen')} ({names}) steuert den Verbund und trifft die "
        "strategischen Entscheidungen; sie beschließt über Strukturoption, Maßnahmen und "
        "Förderanträge. Die Geschäftsstelle bereitet die Sitzungen vor, führt die Beschlüsse "
        "aus, koordiniert Förderanträge und Fristen und berichtet der Lenkungsgruppe "
        "regelmäßig (Fortschrittsbericht). Gemeinsame Kosten, etwa für die Geschäftsstelle "
        "oder den Eigenanteil einer Anschlussförderung, tragen die Kommunen nach dem "
        "Kostenschlüssel unten."
    )


def _follow_up_own_share(follow: pd.DataFrame) -> float:
    if follow.empty:
        return 0.0
    live = follow[follow["status"] != REFUSED]
    return float(pd.to_numeric(live["own_share"], errors="coerce").fillna(0.0).sum())


def cost_key_rows(c: Consolidated, follow: pd.DataFrame) -> dict[str, Any]:
    """The cost key by population (``structure.COST_KEY_FORMULA``), split of the own share
    of the Anschlussförderung (not refused) where there is one, with a sum row."""
    amount = _follow_up_own_share(follow) or None
    shares, unknown = structure.cost_key(populations(c), amount)
    text = f"Kostenschlüssel: {structure.COST_KEY_FORMULA}."
    if amount:
        text += (
            f" Aufgeteilt ist der Eigenanteil der Anschlussförderung des Verbunds "
            f"({fmt.money(amount)})."
        )
    if unknown:
        missing = fmt.join_de(name_of(c.region, u) for u in unknown)
        text += f" Ohne Einwohnerzahl und daher nicht berücksichtigt: {missing}."
    rows: list[Row] = [
        {
            "municipality": name_of(c.region, s.code),
            "population": fmt.number(s.population),
            "share": fmt.percent(s.share, 1),
            "amount": fmt.money(s.amount),
        }
        for s in shares
    ]
    if rows:
        rows.append(
            {
                "municipality": SUM,
                "population": fmt.number(sum(s.population for s in shares)),
                "share": fmt.percent(sum(s.share for s in shares), 1),
                "amount": fmt.money(amount),
            }
        )
    return {"cost_key_text": text, "cost_key": rows}
