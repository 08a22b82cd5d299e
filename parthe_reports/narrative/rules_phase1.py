"""Rules of phase 1 (Analyse und Bewertung). Each: ``(c, j) -> list[Statement]``.

Ids, conditions and example sentences are listed in the module ``rules`` docstring
(``narrative.__init__``); every threshold comes from ``Judgement``.
"""

from __future__ import annotations

import math

import pandas as pd

from parthe_reports.consolidate.models import Consolidated
from parthe_reports.narrative.grammar import (
    approx_money,
    count,
    name_of,
    names,
    number,
    percent,
    quoted,
    the_municipality,
    verb,
)
from parthe_reports.narrative.statement import Kind, Statement, chart, table
from parthe_reports.region import Judgement

K, F, E = Kind.KEY, Kind.FINDING, Kind.RECOMMENDATION


def coverage(c: Consolidated, j: Judgement) -> list[Statement]:
    """P1.COVERAGE: whose workbooks the analysis rests on (a Kernaussage when one is missing)."""
    n, missing = len(c.region.codes), c.missing_municipalities
    if not missing:
        text = f"Ausgewertet wurden die Erhebungsbögen aller {n} Kommunen des Verbunds."
    else:
        text = (
            f"Ausgewertet wurden die Erhebungsbögen von {n - len(missing)} der {n} Kommunen; "
            f"es {verb(len(missing), 'fehlt', 'fehlen')} {names(c.region, missing)}."
        )
    figures = {"municipalities": n, "missing": len(missing)}
    state = "vollständig" if not missing else "unvollständig"
    kind = F if not missing else K
    return [
        Statement("P1.COVERAGE", kind, text, "zusammenfassung", "", figures, (("coverage", state),))
    ]


def vacancy_region(c: Consolidated, j: Judgement) -> list[Statement]:
    """P1.VACANCY-REGION: vacant posts of the region (when posts are reported)."""
    t = c.phase1.admin_totals
    if not t.get("posts_fte"):
        return []
    text = (
        f"Im Verbund sind {number(t['vacant_fte'], 2)} von {number(t['posts_fte'], 2)} Stellen "
        f"(VZÄ) unbesetzt, das sind {percent(t['vacancy_rate'])}."
    )
    figs = {"vacant_fte": t["vacant_fte"], "posts_fte": t["posts_fte"], "rate": t["vacancy_rate"]}
    return [
        Statement(
            "P1.VACANCY-REGION", F, text, "verwaltung", table("Verwaltung nach Kommune"), figs
        )
    ]


def _rates(c: Consolidated) -> pd.DataFrame:
    df = c.phase1.admin_by_municipality
    return df[df["vacancy_rate"].notna()].sort_values(
        "vacancy_rate", ascending=False, kind="stable"
    )


def vacancy_max(c: Consolidated, j: Judgement) -> list[Statement]:
    """P1.VACANCY-MAX: the municipality with the highest vacancy rate, when it is high
    (≥ ``high_vacancy_rate``) and above the region's rate."""
    df, region_rate = _rates(c), c.phase1.admin_totals.get("vacancy_rate", math.nan)
    if len(df) < 2:
        return []
    top = round(float(df["vacancy_rate"].iloc[0]), 1)
    if top < j.high_vacancy_rate or not top > region_rate:
        return []
    codes = [
        m for m, r in zip(df["municipality"], df["vacancy_rate"], strict=True) if round(r, 1) == top
    ]
    who = names(c.region, codes)
    if len(codes) == 1:
        text = f"{who} hat mit {percent(top)} den höchsten Anteil unbesetzter Stellen im Verbund"
    else:
        text = (
            f"{who} haben mit je {percent(top)} den höchsten Anteil unbesetzter Stellen im Verbund"
        )
    text += f" (Verbund: {percent(region_rate)})."
    claims = tuple((f"vacancy:{m}", "hoch") for m in codes)
    figs = {"municipalities": tuple(codes), "rate": top, "region_rate": region_rate}
    return [
        Statement(
            "P1.VACANCY-MAX", K, text, "verwaltung", table("Verwaltung nach Kommune"), figs, claims
        )
    ]


def vacancy_high(c: Consolidated, j: Judgement) -> list[Statement]:
    """P1.VACANCY-HIGH: how many municipalities have a high vacancy rate (or that none has)."""
    df = _rates(c)
    if df.empty:
        return []
    high = df[df["vacancy_rate"].round(1) >= j.high_vacancy_rate]
    codes = tuple(high["municipality"])
    threshold = percent(j.high_vacancy_rate, 1)
    if codes:
        text = (
            f"In {count(len(codes), 'Kommune')} ({names(c.region, codes)}) liegt der Anteil "
            f"unbesetzter Stellen bei {threshold} oder mehr."
        )
        claims = tuple((f"vacancy:{m}", "hoch") for m in codes)
    else:
        text = (
            f"In keiner Kommune erreicht der Anteil unbesetzter Stellen {threshold}; der höchste "
            f"liegt bei {percent(df['vacancy_rate'].iloc[0])}."
        )
        claims = tuple((f"vacancy:{m}", "nicht hoch") for m in df["municipality"])
    figs = {"threshold": j.high_vacancy_rate, "municipalities": codes}
    return [
        Statement(
            "P1.VACANCY-HIGH", F, text, "verwaltung", table("Verwaltung nach Kommune"), figs, claims
        )
    ]


def vacancy_topic(c: Consolidated, j: Judgement) -> list[Statement]:
    """P1.VACANCY-TOPIC: the topic with the highest vacancy rate, when it is high."""
    df = c.phase1.admin_by_topic
    df = df[df["vacancy_rate"].notna()].sort_values("vacancy_rate", ascending=False, kind="stable")
    if df.empty or df["vacancy_rate"].iloc[0] < j.high_vacancy_rate:
        return []
    row = df.iloc[0]
    text = (
        f"Am stärksten betroffen ist der Themenbereich {row['topic']}: "
        f"{percent(row['vacancy_rate'])} der Stellen sind unbesetzt."
    )
    figs = {"topic": row["topic"], "rate": row["vacancy_rate"]}
    return [
        Statement(
            "P1.VACANCY-TOPIC", F, text, "verwaltung", table("Verwaltung nach Themenbereich"), figs
        )
    ]


def digitalisation(c: Consolidated, j: Judgement) -> list[Statement]:
    """P1.DIGITAL: the mean Digitalisierungsgrad, called low below ``low_digitalisation``."""
    mean = c.phase1.admin_totals.get("digitalisation_mean", math.nan)
    df = c.phase1.admin_by_municipality.dropna(subset=["digitalisation_mean"])
    if mean != mean or df.empty:
        return []
    low = df.sort_values("digitalisation_mean", kind="stable").iloc[0]
    level = "niedrig" if mean < j.low_digitalisation else "nicht niedrig"
    text = f"Der Digitalisierungsgrad der Verwaltungen liegt im Mittel bei {number(mean, 1)} von 5"
    if level == "niedrig":
        text += f" und damit unter {number(j.low_digitalisation, 1)}"
    text += f"; am niedrigsten ist er in {name_of(c.region, low['municipality'])} ({number(low['digitalisation_mean'], 1)})."
    figs = {"mean": mean, "lowest": low["municipality"], "lowest_mean": low["digitalisation_mean"]}
    return [
        Statement(
            "P1.DIGITAL",
            F,
            text,
            "verwaltung",
            table("Verwaltung nach Kommune"),
            figs,
            (("digitalisation", level),),
        )
    ]


def infra_total(c: Consolidated, j: Judgement) -> list[Statement]:
    """P1.INFRA-TOTAL: investment need of all objects and the share in poor condition."""
    t = c.phase1.infra_totals
    objects = int(t.get("objects", 0))
    if not objects:
        return []
    poor = int(t.get("cond_poor", 0) + t.get("cond_critical", 0))
    share = 100.0 * poor / objects
    need = approx_money(t.get("investment_need", 0.0))
    if objects == 1:
        text = f"Das erfasste Objekt hat einen Investitionsbedarf von {need}"
        text += "; es ist mangelhaft oder kritisch." if poor else "."
    else:
        text = (
            f"Die {count(objects, 'Objekt')} der kommunalen Infrastruktur haben einen "
            f"Investitionsbedarf von zusammen {need}"
        )
        text += (
            f"; {number(poor)} davon ({percent(share)}) {verb(poor, 'ist', 'sind')} mangelhaft oder kritisch."
            if poor
            else "; keines ist mangelhaft oder kritisch."
        )
    level = "hoch" if share >= j.poor_condition_share else "nicht hoch"
    figs = {
        "objects": objects,
        "investment_need": t.get("investment_need", 0.0),
        "poor": poor,
        "share": share,
    }
    return [
        Statement(
            "P1.INFRA-TOTAL",
            K,
            text,
            "infrastruktur",
            table("Infrastruktur nach Art der Einrichtung"),
            figs,
            (("poor-condition", level),),
        )
    ]


def _largest_need(df: pd.DataFrame, total: float) -> tuple[pd.Series, float] | None:
    """The row with the largest investment need and its share of ``total`` (%)."""
    if df.empty or not total:
        return None
    row = df.sort_values("investment_need", ascending=False, kind="stable").iloc[0]
    return row, 100.0 * row["investment_need"] / total


def infra_max(c: Consolidated, j: Judgement) -> list[Statement]:
    """P1.INFRA-MAX: the municipality with the largest need, when ≥ ``large_investment_need``."""
    hit = _largest_need(
        c.phase1.infra_by_municipality, c.phase1.infra_totals.get("investment_need", 0.0)
    )
    if hit is None or hit[0]["investment_need"] < j.large_investment_need:
        return []
    row, share = hit
    text = (
        f"Den größten Investitionsbedarf meldet {the_municipality(c.region, row['municipality'])} "
        f"mit {approx_money(row['investment_need'])} ({percent(share)} des Verbunds)."
    )
    figs = {"municipality": row["municipality"], "investment_need": row["investment_need"]}
    ref = chart("Investitionsbedarf nach Art der Einrichtung und Kommune")
    return [Statement("P1.INFRA-MAX", F, text, "infrastruktur", ref, figs)]


def infra_type(c: Consolidated, j: Judgement) -> list[Statement]:
    """P1.INFRA-TYPE: the kind of facility with the largest investment need."""
    hit = _largest_need(c.phase1.infra_by_type, c.phase1.infra_totals.get("investment_need", 0.0))
    if hit is None:
        return []
    row, share = hit
    text = (
        f"Größter Posten ist die Art {quoted(row['type'])} mit {approx_money(row['investment_need'])} "
        f"({percent(share)} des Bedarfs)."
    )
    figs = {"type": row["type"], "investment_need": row["investment_need"]}
    ref = table("Infrastruktur nach Art der Einrichtung")
    return [Statement("P1.INFRA-TYPE", F, text, "infrastruktur", ref, figs)]


def infra_critical(c: Consolidated, j: Judgement) -> list[Statement]:
    """P1.INFRA-CRITICAL: objects in critical condition and where most of them are."""
    df = c.phase1.infra_by_municipality
    n = int(c.phase1.infra_totals.get("cond_critical", 0))
    if not n or df.empty:
        return []
    top = df.sort_values("cond_critical", ascending=False, kind="stable").iloc[0]
    where = name_of(c.region, top["municipality"])
    if n == 1:
        text = f"1 Objekt ist in kritischem Zustand ({where})."
    else:
        text = f"{count(n, 'Objekt')} sind in kritischem Zustand, die meisten in {where} ({number(top['cond_critical'])})."
    return [
        Statement(
            "P1.INFRA-CRITICAL",
            F,
            text,
            "infrastruktur",
            table("Objekte in mangelhaftem oder kritischem Zustand"),
            {"critical": n},
        )
    ]


def documents_outdated(c: Consolidated, j: Judgement) -> list[Statement]:
    """P1.DOCS-OUTDATED: documents marked veraltet or older than ``outdated_document_years``."""
    docs = c.phase1.documents
    if docs.empty:
        return []
    old = docs[(docs["status"] == "veraltet") | (docs["age_years"] > j.outdated_document_years)]
    if old.empty:
        return []
    text = (
        f"{number(len(old))} von {count(len(docs), 'Dokument', dative=True)} {verb(len(old), 'ist', 'sind')} als veraltet "
        f"gekennzeichnet oder älter als {number(j.outdated_document_years)} Jahre."
    )
    figs = {"outdated": len(old), "documents": len(docs)}
    return [
        Statement(
            "P1.DOCS-OUTDATED",
            F,
            text,
            "dokumente",
            table("Register der vorhandenen Leitbilder und Fachkonzepte"),
            figs,
        )
    ]


def documents_leitbild(c: Consolidated, j: Judgement) -> list[Statement]:
    """P1.DOCS-LEITBILD: municipalities without a valid (gültig) Leitbild."""
    docs = c.phase1.documents
    present = [m for m in c.region.codes if m not in c.missing_municipalities]
    if docs.empty or not present:
        return []
    valid = set(
        docs.loc[(docs["type"] == "Leitbild") & (docs["status"] == "gültig"), "municipality"]
    )
    without = [m for m in present if m not in valid]
    if not without:
        text = f"Alle {count(len(present), 'Kommune')} haben ein gültiges Leitbild."
    elif len(without) == len(present):
        text = "Keine Kommune hat ein gültiges Leitbild; das gemeinsame Leitbild (Phase 3) füllt diese Lücke."
    else:
        text = f"Ohne gültiges Leitbild {verb(len(without), 'ist', 'sind')} {names(c.region, without)}."
    claims = tuple((f"leitbild:{m}", "fehlt" if m in without else "gültig") for m in present)
    return [
        Statement(
            "P1.DOCS-LEITBILD",
            F,
            text,
            "dokumente",
            table("Register der vorhandenen Leitbilder und Fachkonzepte"),
            {"without": tuple(without)},
            claims,
        )
    ]
