"""Rules of phase 1 on topics: priorities, SWOT, clusters, Priorisierung, recommendations."""

from __future__ import annotations

from parthe_reports.consolidate.models import Consolidated
from parthe_reports.narrative import priorisierung as prio
from parthe_reports.narrative.grammar import count, join_de, number, quoted, verb, who
from parthe_reports.narrative.statement import Kind, Statement, chart, table
from parthe_reports.region import Judgement

K, F, E = Kind.KEY, Kind.FINDING, Kind.RECOMMENDATION
RANKING = table("Rangfolge der Themenbereiche (1 = höchste Priorität)")
CLUSTERS = table("Themencluster nach Kooperationspotenzial")
TOP = "Top-Kooperationsfelder"


def priority_top(c: Consolidated, j: Judgement) -> list[Statement]:
    """P1.PRIO-TOP: the region's most important topic (lowest Ø rank); adds that it has no
    Teilstrategie when phase 2 lists it as without one."""
    r = c.phase1.priority_ranking.dropna(subset=["priority_mean"])
    if r.empty:
        return []
    row = r.iloc[0]
    topic, missing = row["topic"], c.phase2.topics_without_sub_strategy
    text = f"{topic} ist die wichtigste Priorität der Kommunen (Ø Rang {number(row['priority_mean'], 1)})"
    if topic in missing:
        text += (
            ", hat aber als einziges Themenfeld keine Teilstrategie"
            if len(missing) == 1
            else ", hat aber noch keine Teilstrategie"
        )
    figs = {
        "topic": topic,
        "priority_mean": row["priority_mean"],
        "without_sub_strategy": topic in missing,
    }
    return [Statement("P1.PRIO-TOP", K, text + ".", "prioritaeten", RANKING, figs)]


def priority_spread(c: Consolidated, j: Judgement) -> list[Statement]:
    """P1.PRIO-SPREAD: the topic the municipalities rank furthest apart (spread ≥
    ``rank_divergence``)."""
    r = c.phase1.priority_ranking.dropna(subset=["priority_min", "priority_max"])
    if r.empty:
        return []
    spread = r["priority_max"] - r["priority_min"]
    row = r.loc[spread.idxmax()]
    if spread.max() < j.rank_divergence:
        return []
    text = (
        f"Am weitesten auseinander liegen die Kommunen beim Themenbereich {row['topic']} "
        f"(Rang {number(row['priority_min'])} bis {number(row['priority_max'])})."
    )
    return [
        Statement(
            "P1.PRIO-SPREAD",
            F,
            text,
            "prioritaeten",
            table("Prioritätenmatrix: Themenbereich × Kommune (1 = höchste Priorität)"),
            {"topic": row["topic"], "spread": float(spread.max())},
        )
    ]


def priority_last(c: Consolidated, j: Judgement) -> list[Statement]:
    """P1.PRIO-LAST: the topic with the lowest priority (more than one topic ranked)."""
    r = c.phase1.priority_ranking.dropna(subset=["priority_mean"])
    if len(r) < 2:
        return []
    row = r.iloc[-1]
    text = f"Die geringste Priorität hat {row['topic']} (Ø Rang {number(row['priority_mean'], 1)})."
    return [Statement("P1.PRIO-LAST", F, text, "prioritaeten", RANKING, {"topic": row["topic"]})]


def swot_counts(c: Consolidated, j: Judgement) -> list[Statement]:
    """P1.SWOT-COUNTS: statements reported and merged, per category."""
    rows, merged = c.phase1.swot, c.phase1.swot_statements
    if rows.empty:
        return []
    cats = merged["category"].value_counts()
    parts = [count(int(cats.get(k, 0)), k) for k in ("Stärke", "Schwäche", "Chance", "Risiko")]
    text = (
        f"Die Kommunen haben {count(len(rows), 'SWOT-Aussage', 'SWOT-Aussagen')} gemeldet; "
        f"zusammengefasst sind es {count(len(merged), 'Aussage')}: {join_de(parts)}."
    )
    return [
        Statement(
            "P1.SWOT-COUNTS",
            F,
            text,
            "swot",
            "",
            {"rows": len(rows), "merged": len(merged)},
        )
    ]


def swot_shared_weakness(c: Consolidated, j: Judgement) -> list[Statement]:
    """P1.SWOT-WEAKNESS: the Schwäche named by the most municipalities (at least two)."""
    s = c.phase1.swot_statements
    weak = s[s["category"] == "Schwäche"]
    if weak.empty:
        return []
    n = weak["municipalities"].map(len)
    row = weak.loc[n.idxmax()]
    if n.max() < 2:
        return []
    text = (
        f"Die am häufigsten genannte Schwäche ist {quoted(row['statement'])} "
        f"({count(int(n.max()), 'Kommune')}, Themenbereich {row['topic']})."
    )
    return [
        Statement(
            "P1.SWOT-WEAKNESS",
            F,
            text,
            "swot",
            "",
            {"statement": row["statement"], "municipalities": int(n.max())},
        )
    ]


def cluster_top(c: Consolidated, j: Judgement) -> list[Statement]:
    """P1.CLUSTER-TOP: the topic with the highest cooperation potential and why."""
    cl = c.phase1.clusters
    if cl.empty or not cl["score"].iloc[0] > 0:
        return []
    row = cl.iloc[0]
    text = (
        f"Das höchste Kooperationspotenzial hat der Themenbereich {row['topic']} "
        f"mit {number(row['score'])} von 100 Punkten"
    )
    strong, weak = tuple(row["strength_municipalities"]), tuple(row["weakness_municipalities"])
    if row["complementarity"] > 0 and strong and weak:
        text += (
            f": Stärken in {who(c.region, strong)} treffen auf Schwächen in {who(c.region, weak)}"
        )
    figs = {"topic": row["topic"], "score": row["score"]}
    return [
        Statement(
            "P1.CLUSTER-TOP",
            K,
            text + ".",
            "cluster",
            chart("Kooperationspotenzial je Themenbereich und Kommune (0–100)"),
            figs,
        )
    ]


def cluster_tasks(c: Consolidated, j: Judgement) -> list[Statement]:
    """P1.TASKS-SHARED: tasks every delivering municipality has, rated high (≥ 2/3)."""
    t = c.phase1.cluster_tasks
    if t.empty:
        return []
    shared = t[(t["coverage"] >= 1.0) & (t["rated_potential"] >= 2 / 3)]
    if shared.empty:
        return []
    n = len(c.region.codes) - len(c.missing_municipalities)
    tasks = join_de(quoted(x) for x in shared["task"].head(3))
    text = (
        f"{tasks} {verb(min(len(shared), 3), 'führt', 'führen')} alle {count(n, 'Kommune')}, "
        "mit hohem bewertetem Kooperationspotenzial."
    )
    if len(shared) > 3:
        text = text[:-1] + f"; insgesamt gilt das für {count(len(shared), 'Aufgabe')}."
    return [
        Statement(
            "P1.TASKS-SHARED",
            F,
            text,
            "cluster",
            table("Aufgabencluster aus der Verwaltungsanalyse"),
            {"tasks": tuple(shared["task"])},
        )
    ]


def priorisierung(c: Consolidated, j: Judgement) -> list[Statement]:
    """P1.TOP-FIELDS: the first ``top_fields`` topics by Priorisierungswert (Kernaussage;
    the reason of each stands in the Priorisierung table). P1.DIVERGENCE: each topic whose
    priority and potential ranks lie ``rank_divergence`` or more apart (Befund; the largest
    also as Kernaussage), or that the rankings agree."""
    fields = prio.prioritise(c.phase1, c.region)
    top = prio.top_fields(fields, j.top_fields)
    if not top or c.phase1.priority_ranking["priority_mean"].isna().all():
        return []
    ref = table(TOP)
    listed = join_de(f"{f.rank}. {f.topic}" for f in top)
    lead = verb(len(top), "ist das Top-Kooperationsfeld", "sind die Top-Kooperationsfelder")
    out = [
        Statement(
            "P1.TOP-FIELDS",
            K,
            f"Nach Priorität und Kooperationspotenzial {lead}: {listed}.",
            "priorisierung",
            ref,
            {"fields": tuple(f.topic for f in top), "values": tuple(f.value for f in top)},
        )
    ]
    found = prio.divergences(fields, j.rank_divergence)
    if not found:
        text = (
            "Prioritäten und Kooperationspotenzial stimmen weitgehend überein: kein Themenbereich "
            f"liegt in beiden Rangfolgen {number(max(j.rank_divergence, 1))} oder mehr Ränge auseinander."
        )
        claims = (("divergence", "keine"),)
        return [*out, Statement("P1.DIVERGENCE", F, text, "priorisierung", ref, {}, claims)]
    for i, d in enumerate(found):
        figs = {
            "topic": d.topic,
            "priority_rank": d.priority_rank,
            "potential_rank": d.potential_rank,
        }
        claims = (("divergence", "vorhanden"),)
        if i == 0:
            out.append(Statement("P1.DIVERGENCE", K, d.text, "priorisierung", ref, figs, claims))
        out.append(Statement("P1.DIVERGENCE", F, d.text, "priorisierung", ref, figs, claims))
    return out


def recommend_start(c: Consolidated, j: Judgement) -> list[Statement]:
    """P1.REC-START: begin with the first Top-Kooperationsfeld, giving its reason."""
    fields = prio.prioritise(c.phase1, c.region)
    if not fields or c.phase1.priority_ranking["priority_mean"].isna().all():
        return []
    f = fields[0]
    text = f"Die Kooperation sollte im Themenbereich {f.topic} beginnen: {f.reason}."
    return [Statement("P1.REC-START", E, text, "priorisierung", table(TOP), {"topic": f.topic})]


def recommend_vacancies(c: Consolidated, j: Judgement) -> list[Statement]:
    """P1.REC-VACANCY: the task with the most vacant posts across at least two
    municipalities, when at least two municipalities have a high vacancy rate."""
    rates = c.phase1.admin_by_municipality["vacancy_rate"]
    tasks = c.phase1.cluster_tasks
    if int((rates.round(1) >= j.high_vacancy_rate).sum()) < 2 or tasks.empty:
        return []
    shared = tasks[(tasks["municipalities"].map(len) >= 2) & (tasks["vacant_fte"] > 0)]
    if shared.empty:
        return []
    row = shared.sort_values(["vacant_fte", "score"], ascending=False, kind="stable").iloc[0]
    text = (
        f"Aufgaben mit unbesetzten Stellen in mehreren Kommunen sollten gemeinsam wahrgenommen "
        f"werden (etwa per Zweckvereinbarung), zuerst {quoted(row['task'])}: "
        f"{number(row['vacant_fte'], 2)} VZÄ unbesetzt in {count(len(row['municipalities']), 'Kommune')}."
    )
    return [
        Statement(
            "P1.REC-VACANCY",
            E,
            text,
            "verwaltung",
            table("Aufgabencluster aus der Verwaltungsanalyse"),
            {"task": row["task"], "vacant_fte": row["vacant_fte"]},
        )
    ]
