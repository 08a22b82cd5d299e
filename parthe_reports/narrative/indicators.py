"""Phase 3: the current value (Ist) of a Verbundziel, from its Kennzahl (contract version 2).

The mapping from Kennzahl to computation is declared in ``FIGURES`` (names as in
``schema.GOAL_FIGURES`` of contract v2); ``Kommunen mit <Art>`` counts the municipalities
with a document of that Art whose status is not „veraltet“. A goal without a Kennzahl, or
with one not listed here, is *not computable* (``current_value`` → None) and says so.
Values are in the Kennzahl's own unit (€, VZÄ, count), whatever the Indikator text says.

A goal is *reached* when the Ist is at or beyond the Zielwert in its Richtung (steigen:
Ist ≥ Ziel; sinken: Ist ≤ Ziel); without a Richtung, the direction from Ausgangswert to
Zielwert counts.
"""

from __future__ import annotations

from collections.abc import Callable

from parthe_reports.consolidate.models import Consolidated
from parthe_reports.narrative.grammar import is_missing

MUNICIPALITIES_WITH = "Kommunen mit "
SECURED = ("bewilligt", "abgerechnet")
STARTED = ("in Umsetzung", "umgesetzt")
OUTDATED = "veraltet"


def _apps(c: Consolidated, statuses: tuple[str, ...]):
    a = c.phase5.applications
    return a[a["status"].isin(statuses)] if len(a) else a


def _measures(c: Consolidated, statuses: tuple[str, ...]) -> float:
    m = c.phase4.measures
    return float(m["status"].isin(statuses).sum()) if len(m) else 0.0


FIGURES: dict[str, Callable[[Consolidated], float]] = {
    "unbesetzte Stellen VZÄ": lambda c: float(c.phase1.admin_totals.get("vacant_fte", 0.0)),
    "Stellen VZÄ": lambda c: float(c.phase1.admin_totals.get("posts_fte", 0.0)),
    "Fördermittel beantragt": lambda c: float(c.phase5.totals.get("requested", 0.0)),
    "Fördermittel bewilligt": lambda c: (
        float(_apps(c, SECURED)["granted"].sum()) if len(c.phase5.applications) else 0.0
    ),
    "Förderanträge bewilligt": lambda c: float(len(_apps(c, SECURED))),
    "Maßnahmen umgesetzt": lambda c: _measures(c, ("umgesetzt",)),
    "Maßnahmen begonnen oder umgesetzt": lambda c: _measures(c, STARTED),
}
"""Kennzahl → how its current value is computed from the consolidated models."""


def municipalities_with(c: Consolidated, document_type: str) -> float:
    """Municipalities with a document of ``document_type`` that is not „veraltet“."""
    d = c.phase1.documents
    if d.empty:
        return 0.0
    hit = d[(d["type"] == document_type) & (d["status"] != OUTDATED)]
    return float(hit["municipality"].nunique())


def computable(figure: object) -> bool:
    """True when the pipeline knows how to compute this Kennzahl."""
    if is_missing(figure):
        return False
    f = str(figure)
    return f in FIGURES or f.startswith(MUNICIPALITIES_WITH)


def current_value(figure: object, c: Consolidated) -> float | None:
    """The Ist of a Kennzahl, or None when it is not computable."""
    if not computable(figure):
        return None
    f = str(figure)
    if f.startswith(MUNICIPALITIES_WITH):
        return municipalities_with(c, f[len(MUNICIPALITIES_WITH) :])
    return FIGURES[f](c)


def reached(current: float, target: float, baseline: float | None, direction: object) -> bool:
    """Whether the Ist is at or beyond the target in the goal's direction."""
    if is_missing(direction):
        rising = baseline is None or is_missing(baseline) or target >= baseline
    else:
        rising = str(direction) == "steigen"
    return current >= target if rising else current <= target
