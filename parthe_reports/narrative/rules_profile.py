"""Rules of the Kommunalprofil: where one municipality stands in the region.

Each rule is ``(c, code, j) -> list[Statement]``. Ranks run over the municipalities that
delivered a workbook; a figure is named when the municipality is among the two highest or
two lowest (``EXTREME_RANKS``) of at least three.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from parthe_reports.consolidate.models import Consolidated, MunicipalProfile
from parthe_reports.narrative.grammar import (
    approx_money,
    count,
    join_de,
    kind_noun,
    name_of,
    number,
    ordinal_extreme,
    percent,
    verb,
)
from parthe_reports.narrative.statement import Kind, Statement, table
from parthe_reports.region import Judgement

K, F = Kind.KEY, Kind.FINDING
EXTREME_RANKS = 2
COMPARISON = table("Eigene Kennzahlen im Vergleich mit dem Verbundraum")


@dataclass(frozen=True)
class Figure:
    key: str
    phrase: str  # with {o}: the ordinal adjective
    adjectives: tuple[str, str]  # (top, bottom) in the phrase's case
    fmt: Callable[[float], str]
    bad_when_high: bool
    section: str


FIGURES = (
    Figure(
        "vacancy_rate",
        "die {o} Quote unbesetzter Stellen",
        ("höchste", "niedrigste"),
        percent,
        True,
        "verwaltung",
    ),
    Figure(
        "digitalisation_mean",
        "den {o} Digitalisierungsgrad",
        ("höchsten", "niedrigsten"),
        lambda v: f"{number(v, 1)} von 5",
        False,
        "verwaltung",
    ),
    Figure(
        "investment_need",
        "den {o} Investitionsbedarf",
        ("höchsten", "niedrigsten"),
        approx_money,
        True,
        "infrastruktur",
    ),
    Figure(
        "posts_per_1000",
        "die {o} Stellenausstattung je 1.000 Einwohner",
        ("höchste", "niedrigste"),
        lambda v: f"{number(v, 2)} VZÄ",
        False,
        "verwaltung",
    ),
)


# The region's values of every figure, once per consolidated model: each profile ranks
# against all municipalities, so computing them per profile made the profiles O(N²)
# (≈ 1 s per profile at 100 municipalities).
_REGION_VALUES: dict[int, tuple[weakref.ref[Consolidated], dict[str, pd.Series]]] = {}


def _values(c: Consolidated, key: str) -> pd.Series:
    entry = _REGION_VALUES.get(id(c))
    if entry is None or entry[0]() is not c:
        entry = (weakref.ref(c, _forget(id(c))), _all_values(c))
        _REGION_VALUES[id(c)] = entry
    return entry[1][key]


def _forget(ident: int) -> Callable[[object], None]:
    return lambda _: _REGION_VALUES.pop(ident, None) and None


def _all_values(c: Consolidated) -> dict[str, pd.Series]:
    """Per figure: each municipality's value (the first row of the figure; none if empty)."""
    vals: dict[str, dict[str, float]] = {f.key: {} for f in FIGURES}
    for code, p in c.profiles.items():
        if not p.has_data:
            continue
        seen: set[str] = set()
        for figure, value in zip(p.comparison["figure"], p.comparison["value"], strict=True):
            if figure in seen:
                continue
            seen.add(figure)
            if figure in vals and value == value:
                vals[figure][code] = float(value)
    return {k: pd.Series(v, dtype=float) for k, v in vals.items()}


def no_data(c: Consolidated, code: str, j: Judgement) -> list[Statement]:
    """PR.NO-DATA: the municipality delivered no usable workbook."""
    p = c.profiles[code]
    if p.has_data:
        return []
    text = (
        f"Von der {kind_noun(c.region, code)} {name_of(c.region, code)} liegt kein auswertbarer "
        "Erhebungsbogen vor; das Profil zeigt nur, was andere Erhebungsbögen über sie enthalten."
    )
    return [
        Statement(
            "PR.NO-DATA",
            K,
            text,
            "zusammenfassung",
            "",
            {"code": code},
            ((f"data:{code}", "fehlt"),),
        )
    ]


def ranks(c: Consolidated, code: str, j: Judgement) -> list[Statement]:
    """PR.RANK: figures where the municipality is among the highest or lowest (a gap or a
    strength, by the figure's direction); the first two are Kernaussagen."""
    if not c.profiles[code].has_data:
        return []
    out: list[Statement] = []
    for f in FIGURES:
        vals = _values(c, f.key)
        if code not in vals.index or len(vals) < 3:
            continue
        desc = int((vals > vals[code]).sum()) + 1
        asc = int((vals < vals[code]).sum()) + 1
        top = desc <= EXTREME_RANKS
        if not top and asc > EXTREME_RANKS:
            continue
        rank = desc if top else asc
        phrase = f.phrase.format(o=ordinal_extreme(rank, top, f.adjectives))
        text = f"{name_of(c.region, code)} hat mit {f.fmt(vals[code])} {phrase} im Verbund (Median: {f.fmt(vals.median())})."
        judgement = "Lücke" if top == f.bad_when_high else "Stärke"
        figs = {"figure": f.key, "value": vals[code], "rank": rank, "median": vals.median()}
        kind = K if len(out) < 2 else F
        out.append(
            Statement(
                "PR.RANK",
                kind,
                text,
                f.section,
                COMPARISON,
                figs,
                ((f"{f.key}:{code}", judgement),),
            )
        )
    return out


def priorities(c: Consolidated, code: str, j: Judgement) -> list[Statement]:
    """PR.PRIO: the municipality's top priority and its rank in the region."""
    pr = c.profiles[code].priorities.dropna(subset=["priority"])
    if pr.empty:
        return []
    row = pr.sort_values("priority", kind="stable").iloc[0]
    name, rank = name_of(c.region, code), row["region_rank"]
    if rank == 1:
        text = f"Die wichtigste Priorität von {name}, {row['topic']}, ist auch die des Verbunds."
    else:
        text = f"Die wichtigste Priorität von {name}, {row['topic']}, steht im Verbund auf Rang {number(rank)}."
    return [
        Statement(
            "PR.PRIO",
            K,
            text,
            "vergleich",
            table("Prioritäten (1 = höchste) und Kooperationspotenzial (0–100)"),
            {"topic": row["topic"], "region_rank": rank},
        )
    ]


def cluster_gaps(c: Consolidated, code: str, j: Judgement) -> list[Statement]:
    """PR.POTENTIAL: topics where the own cooperation potential is ≥ ``profile_gap`` points
    above or below the region's (largest difference each way)."""
    cs = c.profiles[code].cluster_scores.dropna(subset=["score", "region_score"])
    if cs.empty:
        return []
    diff = cs["score"] - cs["region_score"]
    out = []
    name = name_of(c.region, code)
    for idx, word in ((diff.idxmax(), "über"), (diff.idxmin(), "unter")):
        d = diff[idx]
        if abs(d) < j.profile_gap or (word == "über") != (d > 0):
            continue
        r = cs.loc[idx]
        text = (
            f"Im Themenbereich {r['topic']} liegt das Kooperationspotenzial von {name} "
            f"({number(r['score'])}) deutlich {word} dem Verbund ({number(r['region_score'])})."
        )
        out.append(
            Statement(
                "PR.POTENTIAL",
                F,
                text,
                "vergleich",
                table("Prioritäten (1 = höchste) und Kooperationspotenzial (0–100)"),
                {"topic": r["topic"], "difference": float(d)},
            )
        )
    return out


def swot(c: Consolidated, code: str, j: Judgement) -> list[Statement]:
    """PR.SWOT: the municipality's SWOT statements per category."""
    s = c.profiles[code].swot
    if s.empty:
        return []
    n = s["category"].value_counts()
    parts = [count(int(n.get(k, 0)), k) for k in ("Stärke", "Schwäche", "Chance", "Risiko")]
    text = f"{name_of(c.region, code)} nennt {join_de(parts)}."
    return [
        Statement(
            "PR.SWOT",
            F,
            text,
            "swot",
            table("SWOT-Aussagen der Kommune"),
            {"statements": len(s)},
        )
    ]


def measures(c: Consolidated, code: str, j: Judgement) -> list[Statement]:
    """PR.MEASURES: measures involved in and led, applications and own share."""
    p: MunicipalProfile = c.profiles[code]
    m, apps = p.measures, p.applications
    if m.empty and apps.empty:
        return []
    led = int((m["responsible"] == code).sum()) if len(m) else 0
    involved = len(m) + p.regionwide_unlisted
    kind = kind_noun(c.region, code)
    text = f"Die {kind} ist an {count(involved, 'Maßnahme')} beteiligt und bei {number(led)} federführend"
    if len(apps):
        text += (
            f"; {verb(len(apps), 'ihr', 'ihre')} {count(len(apps), 'Förderantrag')} "
            f"{verb(len(apps), 'umfasst', 'umfassen')} {approx_money(apps['requested'].sum())}, "
            f"der Eigenanteil beträgt {approx_money(apps['own_share'].sum())}"
        )
    figs = {"involved": involved, "led": led, "applications": len(apps)}
    return [
        Statement(
            "PR.MEASURES",
            K,
            text + ".",
            "massnahmen",
            table("Maßnahmen mit Beteiligung der Kommune"),
            figs,
        )
    ]
