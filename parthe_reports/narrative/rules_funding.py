"""Rules of phase 5 (Fördermittel)."""

from __future__ import annotations

from parthe_reports.consolidate.models import Consolidated
from parthe_reports.narrative import funding
from parthe_reports.narrative.grammar import (
    approx_money,
    count,
    date_de,
    join_de,
    name_of,
    number,
    percent,
    quoted,
    verb,
)
from parthe_reports.narrative.statement import Kind, Statement, table
from parthe_reports.region import Judgement

K, F, E = Kind.KEY, Kind.FINDING, Kind.RECOMMENDATION
BY_STATUS = table("Förderanträge nach Status")
BY_MUNI = table("Förderanträge je Kommune (Quote: bewilligt/beantragt der beschiedenen Anträge)")
STRATEGY = table("Förderstrategie: mögliche Programme je Maßnahme")


def volume(c: Consolidated, j: Judgement) -> list[Statement]:
    """P5.VOLUME: applications, requested, granted and own shares of the region."""
    t = c.phase5.totals
    n = int(t.get("applications", 0))
    if not n:
        return []
    text = (
        f"Die Kommunen haben {count(n, 'Förderantrag')} über {approx_money(t['requested'])} gestellt; "
        f"bewilligt sind {approx_money(t['granted'])}, der Eigenanteil beträgt {approx_money(t['own_share'])}."
    )
    figs = {k: t[k] for k in ("applications", "requested", "granted", "own_share")}
    return [Statement("P5.VOLUME", K, text, "antraege", BY_STATUS, figs)]


def funding_rate(c: Consolidated, j: Judgement) -> list[Statement]:
    """P5.RATE: the funding rate of decided applications, called low below ``low_funding_rate``."""
    rate, t = c.phase5.funding_rate, c.phase5.totals
    if rate != rate:
        return []
    level = "niedrig" if rate < j.low_funding_rate else "nicht niedrig"
    text = (
        f"Von den entschiedenen Anträgen wurden {percent(rate)} der beantragten Summe bewilligt "
        f"({approx_money(t['decided_granted'])} von {approx_money(t['decided_requested'])})"
    )
    text += f"; das liegt unter {percent(j.low_funding_rate)}." if level == "niedrig" else "."
    return [
        Statement(
            "P5.RATE",
            K,
            text,
            "antraege",
            BY_STATUS,
            {"rate": rate},
            (("funding-rate", level),),
        )
    ]


def rate_lowest(c: Consolidated, j: Judgement) -> list[Statement]:
    """P5.RATE-LOWEST: the municipality with the lowest funding rate, when it is low."""
    df = c.phase5.applications_by_municipality.dropna(subset=["funding_rate"])
    if len(df) < 2:
        return []
    row = df.sort_values("funding_rate", kind="stable").iloc[0]
    if row["funding_rate"] >= j.low_funding_rate:
        return []
    text = (
        f"{name_of(c.region, row['municipality'])} erreicht mit {percent(row['funding_rate'])} die "
        f"niedrigste Förderquote (Verbund: {percent(c.phase5.funding_rate)})."
    )
    return [
        Statement(
            "P5.RATE-LOWEST",
            F,
            text,
            "antraege",
            BY_MUNI,
            {"municipality": row["municipality"], "rate": row["funding_rate"]},
            ((f"funding-rate:{row['municipality']}", "niedrig"),),
        )
    ]


def refused(c: Consolidated, j: Judgement) -> list[Statement]:
    """P5.REFUSED: refused applications and the amount requested in them."""
    apps = c.phase5.applications
    ref = apps[apps["status"] == "abgelehnt"] if len(apps) else apps
    if ref.empty:
        return []
    text = (
        f"{count(len(ref), 'Antrag')} {verb(len(ref), 'wurde', 'wurden')} abgelehnt "
        f"({approx_money(ref['requested'].sum())} beantragt)."
    )
    return [Statement("P5.REFUSED", F, text, "antraege", BY_STATUS, {"refused": len(ref)})]


def deadlines(c: Consolidated, j: Judgement) -> list[Statement]:
    """P5.DEADLINES: deadlines in the next 90 days and the first one. P5.REC-URGENT:
    those within ``urgent_deadline_days`` come first."""
    d = c.phase5.deadlines
    if d.empty:
        return []
    first = d.iloc[0]
    text = (
        f"In den nächsten 90 Tagen {verb(len(d), 'endet', 'enden')} {count(len(d), 'Frist')}, "
        f"die erste am {date_de(first['deadline'])} ({first['deadline_kind']} {quoted(first['label'])})."
    )
    ref = table("Antragsfristen und Fristen für Verwendungsnachweise")
    out = [Statement("P5.DEADLINES", K, text, "fristen", ref, {"deadlines": len(d)})]
    urgent = d[d["days_left"] <= j.urgent_deadline_days]
    if len(urgent):
        items = join_de(
            f"{quoted(r['label'])} ({date_de(r['deadline'])})" for _, r in urgent.iterrows()
        )
        out.append(
            Statement(
                "P5.REC-URGENT",
                E,
                f"Binnen {number(j.urgent_deadline_days)} Tagen fällig und vorrangig zu bearbeiten: {items}.",
                "fristen",
                ref,
                {"urgent": len(urgent)},
            )
        )
    return out


def unfunded(c: Consolidated, j: Judgement) -> list[Statement]:
    """P5.UNFUNDED: measures with costs and no application, and for how many an open
    programme of the same topic exists."""
    m = c.phase5.measures_without_application
    if m.empty:
        return []
    cands = funding.candidates(m, c.phase5.programmes, c.stichtag)
    with_option = sum(1 for x in cands if x.options)
    # Candidates are for measures still to be done; the count says so.
    text = (
        f"{count(len(m), 'Maßnahme')} mit zusammen {approx_money(m['cost_total'].sum())} "
        f"{verb(len(m), 'hat', 'haben')} noch keinen Förderantrag; für {number(with_option)} "
        "davon gibt es ein offenes Programm des Themenbereichs."
    )
    return [
        Statement(
            "P5.UNFUNDED",
            F,
            text,
            "finanzierungsluecken",
            table("Maßnahmen mit Kosten, aber ohne Förderantrag"),
            {"measures": len(m), "with_option": with_option},
        )
    ]


def candidates(c: Consolidated, j: Judgement) -> list[Statement]:
    """P5.REC-CANDIDATE: the costliest measure still to be done (not umgesetzt or
    zurückgestellt) without an application, and its first open programme with a known rate."""
    m = c.phase5.measures_without_application
    if m.empty:
        return []
    todo = m[~m["status"].isin(funding.DONE_OR_PAUSED)]
    cands = [
        (x, o)
        for x in funding.candidates(todo, c.phase5.programmes, c.stichtag)
        if (o := next((o for o in x.options if o.rate == o.rate), None))
    ]
    if not cands:
        return []
    x, o = max(cands, key=lambda xo: xo[0].cost)
    when = f"Frist {date_de(o.deadline)}" if o.deadline else "ohne feste Frist"
    rate = f", Förderquote {percent(o.rate, 0)}" if o.rate == o.rate else ""
    text = (
        f"Für {quoted(x.title)} ({approx_money(x.cost)}) sollte ein Antrag bei "
        f"{quoted(o.programme)} vorbereitet werden ({when}{rate})."
    )
    return [
        Statement(
            "P5.REC-CANDIDATE",
            E,
            text,
            "foerderstrategie",
            STRATEGY,
            {"measure": x.measure_id, "programme": o.programme_id},
        )
    ]


def own_share_peak(c: Consolidated, j: Judgement) -> list[Statement]:
    """P5.OWN-SHARE: the municipality and year with the largest own share (budget impact)."""
    shares = funding.own_shares(c.phase5.applications, c.phase4.measures, c.stichtag)
    if shares.empty or not shares["own_share"].max() > 0:
        return []
    row = shares.sort_values("own_share", ascending=False, kind="stable").iloc[0]
    text = (
        f"Die größte Haushaltsbelastung durch Eigenanteile trägt {name_of(c.region, row['municipality'])} "
        f"im Jahr {row['year']} mit {approx_money(row['own_share'])}."
    )
    return [
        Statement(
            "P5.OWN-SHARE",
            F,
            text,
            "foerderstrategie",
            table("Eigenanteile je Kommune und Jahr"),
            {
                "municipality": row["municipality"],
                "year": int(row["year"]),
                "own_share": row["own_share"],
            },
        )
    ]


def expired(c: Consolidated, j: Judgement) -> list[Statement]:
    """P5.EXPIRED: programmes whose deadline has passed (listed apart, not as relevant)."""
    gone = funding.expired(c.phase5.programmes, c.stichtag)
    if gone.empty:
        return []
    items = join_de(quoted(p) for p in gone["programme"].head(3))
    n = len(gone)
    text = (
        f"{count(n, 'Programm')} {verb(n, 'ist', 'sind')} abgelaufen und "
        f"{verb(n, 'wird', 'werden')} nur noch gesondert geführt: {items}."
    )
    return [Statement("P5.EXPIRED", F, text, "programme", "", {"expired": len(gone)})]
