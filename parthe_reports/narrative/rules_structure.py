"""Rules of phase 6 (Verstetigung und Umsetzung)."""

from __future__ import annotations

from parthe_reports.consolidate.models import Consolidated
from parthe_reports.narrative import structure
from parthe_reports.narrative.grammar import (
    approx_money,
    count,
    date_de,
    is_missing,
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
OPTIONS = table("Bewertete Optionen zur Verstetigung")


def populations(c: Consolidated) -> dict[str, float | None]:
    """Einwohner per municipality as the Kommunalprofile use them (Stammdaten, else config)."""
    out: dict[str, float | None] = {}
    for code, p in c.profiles.items():
        hit = p.comparison.loc[p.comparison["figure"] == "population", "value"]
        value = float(hit.iloc[0]) if len(hit) else None
        out[code] = value if value == value else c.region.municipality(code).population
    return out


def recommended_option(
    c: Consolidated, j: Judgement, assessment: structure.StructureAssessment | None = None
) -> list[Statement]:
    """P6.STRUCTURE: the recommended structure option. With weighted criteria: the
    assessment's sentence (deciding criteria, or the tie). Without: the option marked
    Empfehlung = ja with its Bewertung, naming options rated the same as a tie."""
    if assessment is not None and assessment.totals:
        state = "Gleichstand" if assessment.tied else (assessment.recommended or "")
        return [
            Statement(
                "P6.STRUCTURE",
                K,
                assessment.text,
                "strukturoptionen",
                OPTIONS,
                {"recommended": assessment.recommended, "tied": assessment.tied},
                (("structure", state),),
            )
        ]
    opts = c.phase6.structure_options
    if opts.empty:
        return []
    rec = c.phase6.recommended_option
    if rec is None:
        text = (
            f"{count(len(opts), 'Strukturoption')} {verb(len(opts), 'ist', 'sind')} bewertet; "
            "eine Empfehlung ist noch nicht ausgesprochen."
        )
        return [
            Statement(
                "P6.STRUCTURE",
                K,
                text,
                "strukturoptionen",
                OPTIONS,
                {"options": len(opts)},
                (("structure", "offen"),),
            )
        ]
    row = opts[opts["option"] == rec].iloc[0]
    text = (
        f"Empfohlen wird {quoted(rec)} ({row['legal_form']}, Bewertung {number(row['rating'])} von 5)"
        if isinstance(row["legal_form"], str)
        else f"Empfohlen wird {quoted(rec)} (Bewertung {number(row['rating'])} von 5)"
    )
    same = opts[(opts["rating"] == row["rating"]) & (opts["option"] != rec)]
    if len(same):
        text += (
            f"; gleich bewertet {verb(len(same), 'ist', 'sind')} "
            f"{join_de(quoted(o) for o in same['option'])}, den Ausschlag gibt die Empfehlung "
            "der Lenkungsgruppe"
        )
    return [
        Statement(
            "P6.STRUCTURE",
            K,
            text + ".",
            "strukturoptionen",
            OPTIONS,
            {"recommended": rec, "rating": row["rating"], "tied": tuple(same["option"])},
            (("structure", rec),),
        )
    ]


def late_milestones(c: Consolidated, j: Judgement) -> list[Statement]:
    """P6.LATE: overdue milestones (Kernaussage), or that all are on time (Befund).
    P6.REC-LATE: the steering group sets cause and new date for the overdue ones."""
    late = c.phase6.late_milestones
    ms = c.phase6.milestones
    if ms.empty:
        return []
    ref = table("Meilensteinplan")
    if late.empty:
        text = (
            "Der einzige Meilenstein liegt im Plan."
            if len(ms) == 1
            else f"Alle {count(len(ms), 'Meilenstein')} liegen im Plan; keiner ist überfällig."
        )
        return [
            Statement(
                "P6.LATE",
                F,
                text,
                "zeitplan",
                ref,
                {"late": 0},
                (("milestones-late", "nein"),),
            )
        ]
    items = join_de(f"{quoted(r['milestone'])} ({date_de(r['due'])})" for _, r in late.iterrows())
    text = (
        f"{count(len(late), 'Meilenstein')} {verb(len(late), 'ist', 'sind')} überfällig: {items}."
    )
    which = verb(len(late), "den überfälligen Meilenstein", "die überfälligen Meilensteine")
    rec = f"Die Lenkungsgruppe sollte für {which} Ursache und neuen Termin festlegen."
    return [
        Statement(
            "P6.LATE",
            K,
            text,
            "zeitplan",
            ref,
            {"late": len(late)},
            (("milestones-late", "ja"),),
        ),
        Statement("P6.REC-LATE", E, rec, "zeitplan", ref, {"late": len(late)}),
    ]


def next_milestone(c: Consolidated, j: Judgement) -> list[Statement]:
    """P6.NEXT: the next open milestone and the days until it."""
    nxt = c.phase6.next_milestones
    if nxt.empty:
        return []
    r = nxt.iloc[0]
    days = int(r["days_left"])
    when = "heute" if days == 0 else f"in {count(days, 'Tag', 'Tagen')}"
    text = f"Nächster Meilenstein ist {quoted(r['milestone'])} am {date_de(r['due'])} ({when})."
    return [
        Statement(
            "P6.NEXT",
            K,
            text,
            "zeitplan",
            table("Meilensteinplan"),
            {"milestone": r["milestone"], "days_left": days},
        )
    ]


def change_management(c: Consolidated, j: Judgement) -> list[Statement]:
    """P6.CHANGE: change-management measures by status."""
    by = c.phase6.change_by_status
    total = int(by["measures"].sum()) if len(by) else 0
    if not total:
        return []
    get = dict(zip(by["status"], by["measures"], strict=True))
    done, late = int(get.get("erledigt", 0)), int(get.get("verzögert", 0))
    text = (
        f"Von {count(total, 'Maßnahme')} des Veränderungsmanagements "
        f"{verb(done, 'ist', 'sind')} {number(done)} erledigt"
    )
    text += f" und {number(late)} verzögert." if late else "; keine ist verzögert."
    return [
        Statement(
            "P6.CHANGE",
            F,
            text,
            "veraenderungsmanagement",
            "",
            {"measures": total, "done": done, "late": late},
        )
    ]


FOLLOW_UP = "Anschlussförderung Verbund"  # Förderanträge › Art (contract version 2)


def follow_up(c: Consolidated, j: Judgement) -> list[Statement]:
    """P6.FOLLOW-UP: funding for continuing the cooperation itself (Förderanträge with Art
    „Anschlussförderung Verbund“, not refused), or that there is none yet (E). Says nothing
    while the workbooks lack the Art column: other pending applications are not it."""
    apps = c.phase5.applications
    if "kind" not in apps.columns or apps["kind"].map(is_missing).all():
        return []  # no Art typed (a version-1 workbook): other pending ones are not it
    mine = apps[(apps["kind"] == FOLLOW_UP) & (apps["status"] != "abgelehnt")]
    ref = table("Anschlussförderung des Verbunds")
    if mine.empty:
        text = (
            "Für die Fortführung der Kooperation ist noch keine Anschlussförderung beantragt "
            "oder in Vorbereitung; sie sollte vor dem Ende der laufenden Förderung beantragt werden."
        )
        return [Statement("P6.FOLLOW-UP", E, text, "anschlussfoerderung", ref, {"applications": 0})]
    status = join_de(f"{number(n)} {s}" for s, n in mine["status"].value_counts().items())
    text = (
        f"Für die Fortführung der Kooperation {verb(len(mine), 'liegt', 'liegen')} "
        f"{count(len(mine), 'Antrag')} auf Anschlussförderung über "
        f"{approx_money(mine['requested'].sum())} vor ({status})."
    )
    figs = {"applications": len(mine), "requested": float(mine["requested"].sum())}
    return [Statement("P6.FOLLOW-UP", F, text, "anschlussfoerderung", ref, figs)]


def cost_key(c: Consolidated, j: Judgement) -> list[Statement]:
    """P6.COST-KEY: the cost-sharing key by population, largest and smallest share, with
    the formula."""
    shares, unknown = structure.cost_key(populations(c))
    if len(shares) < 2:
        return []
    hi = max(shares, key=lambda s: s.share)
    lo = min(shares, key=lambda s: s.share)
    text = (
        f"Nach dem Kostenschlüssel ({structure.COST_KEY_FORMULA}) trägt {name_of(c.region, hi.code)} "
        f"den größten Anteil ({percent(hi.share)}), {name_of(c.region, lo.code)} den kleinsten ({percent(lo.share)})"
    )
    if unknown:
        text += f"; ohne Einwohnerzahl und daher nicht berücksichtigt: {join_de(name_of(c.region, u) for u in unknown)}"
    figs = {s.code: s.share for s in shares}
    return [
        Statement(
            "P6.COST-KEY",
            F,
            text + ".",
            "governance",
            table("Kostenschlüssel nach Einwohnern"),
            figs,
        )
    ]
