"""Phase 5 — Fördermittel: programmes, applications and their sums, rate, deadlines.

* Funding rate (``RATE_RULE``): Σ bewilligt / Σ beantragt over the *decided* applications,
  i.e. status bewilligt, abgelehnt or abgerechnet (a refused application counts with
  bewilligt = 0); in %; NaN when nothing is decided yet.
* Deadlines: programme Antragsfrist and application Frist Verwendungsnachweis with
  0 ≤ (date − Stichtag) ≤ ``DEADLINE_DAYS`` days: the Stichtag itself and day 90 are in,
  day 91 is out. Proof deadlines count only while a proof is still owed (status not
  abgelehnt/abgerechnet).
* Funding secured per goal: Σ bewilligt of applications with status bewilligt or
  abgerechnet, over the measures serving the goal, against their Kosten gesamt.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from parthe_reports.consolidate.frames import (
    SOURCE_WORKBOOKS,
    complete,
    group_sum,
    num,
    ordered,
    rate,
    sources_by,
    sources_of,
    stable,
)
from parthe_reports.consolidate.models import Phase5Model
from parthe_reports.dataset import PROVENANCE, Dataset
from parthe_reports.schema import VOCABULARIES

DEADLINE_DAYS = 90
STATUSES = VOCABULARIES["application_status"].values
DECIDED = ("bewilligt", "abgelehnt", "abgerechnet")
SECURED = ("bewilligt", "abgerechnet")
PROOF_DONE = ("abgelehnt", "abgerechnet")
AMOUNTS = {"requested": "requested", "granted": "granted", "own_share": "own_share"}
NO_TOPIC = "themenübergreifend"
NAN_COLS = ("funding_rate",)
KIND_DEADLINE = "Antragsfrist"
KIND_PROOF = "Frist Verwendungsnachweis"
RATE_RULE = (
    "Förderquote erreicht = Summe bewilligt ÷ Summe beantragt über alle entschiedenen Anträge "
    "(Status bewilligt, abgelehnt oder abgerechnet; abgelehnte Anträge zählen mit 0 € bewilligt)."
)
DEADLINE_COLS = [
    "deadline_kind", "deadline", "days_left", "reference", "label", "municipality", *PROVENANCE,
]  # fmt: skip


def _sums(apps: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    out = group_sum(apps, by, AMOUNTS, "applications")
    decided = apps[apps["decided"]]
    d = group_sum(decided, by, {"decided_requested": "requested", "decided_granted": "granted"})
    out = out.merge(d.drop(columns=SOURCE_WORKBOOKS), on=by, how="left")
    out[["decided_requested", "decided_granted"]] = out[
        ["decided_requested", "decided_granted"]
    ].fillna(0.0)
    out["funding_rate"] = rate(out["decided_granted"], out["decided_requested"])
    return out


def deadlines(programmes: pd.DataFrame, apps: pd.DataFrame, stichtag: date) -> pd.DataFrame:
    """Deadlines from the Stichtag (day 0) to day ``DEADLINE_DAYS`` inclusive, by date."""
    prog = programmes.assign(
        deadline_kind=KIND_DEADLINE,
        deadline=programmes["deadline"],
        reference=programmes["programme_id"],
        label=programmes["programme"],
    )
    proof = apps[~apps["status"].isin(PROOF_DONE)]
    proof = proof.assign(
        deadline_kind=KIND_PROOF,
        deadline=proof["proof_due"],
        reference=proof["application_id"],
        label=proof["programme"],
    )
    both = pd.concat(
        [prog[DEADLINE_COLS[:2] + DEADLINE_COLS[3:]], proof[DEADLINE_COLS[:2] + DEADLINE_COLS[3:]]]
    )
    both = both[both["deadline"].notna()]
    days = pd.Series(
        [(d - stichtag).days for d in both["deadline"]], index=both.index, dtype="int64"
    )
    both = both.assign(days_left=days)[DEADLINE_COLS]
    both = both[(both["days_left"] >= 0) & (both["days_left"] <= DEADLINE_DAYS)]
    return both.sort_values(["deadline", "deadline_kind", "reference"], kind="stable").reset_index(
        drop=True
    )


def build(dataset: Dataset, measures: pd.DataFrame) -> Phase5Model:
    """Phase 5 model; ``measures`` is the deduplicated, enriched catalogue of phase 4."""
    region = dataset.region
    programmes = stable(dataset.table("programmes"))
    apps = stable(dataset.table("funding_applications"))
    prog_idx = programmes.drop_duplicates("programme_id").set_index("programme_id")
    meas_idx = measures.drop_duplicates("measure_id").set_index("measure_id")
    apps = apps.assign(
        **{k: num(apps[k]) for k in AMOUNTS},
        programme=apps["programme_id"].map(prog_idx["programme"]),
        funder=apps["programme_id"].map(prog_idx["funder"]),
        measure_title=apps["measure_id"].map(meas_idx["title"]),
        goal_id=apps["measure_id"].map(meas_idx["goal_id"]),
        decided=apps["status"].isin(DECIDED),
    )
    apps.loc[apps["status"] == "abgelehnt", "granted"] = apps.loc[
        apps["status"] == "abgelehnt", "granted"
    ].fillna(0.0)
    per_prog = apps.groupby("programme_id").size()
    programmes = programmes.assign(
        rate=num(programmes["rate"]),
        applications=programmes["programme_id"].map(per_prog).fillna(0).astype(int),
    )
    programmes = programmes.sort_values(
        ["topic", "funder", "programme_id"],
        key=lambda s: (
            ordered(s, region.topics)
            if s.name == "topic"
            else (ordered(s, VOCABULARIES["funder_level"].values) if s.name == "funder" else s)
        ),
        kind="stable",
    ).reset_index(drop=True)
    by_tf = programmes.assign(topic=programmes["topic"].fillna(NO_TOPIC))
    by_tf = group_sum(by_tf, ["topic", "funder"], {}, "programmes")
    by_tf = by_tf.sort_values(
        ["topic", "funder"],
        key=lambda s: (
            ordered(s, (*region.topics, NO_TOPIC))
            if s.name == "topic"
            else ordered(s, VOCABULARIES["funder_level"].values)
        ),
        kind="stable",
    ).reset_index(drop=True)

    by_status = complete(_sums(apps, ["status"]), "status", STATUSES, "applications", NAN_COLS)
    codes = list(region.codes) + sorted(set(apps["municipality"].dropna()) - set(region.codes))
    by_muni = complete(
        _sums(apps, ["municipality"]), "municipality", codes, "applications", NAN_COLS
    )
    by_prog = _sums(apps, ["programme_id"])
    by_prog.insert(1, "programme", by_prog["programme_id"].map(prog_idx["programme"]))
    by_prog.insert(2, "funder", by_prog["programme_id"].map(prog_idx["funder"]))
    decided = apps[apps["decided"]]
    totals = {
        "applications": float(len(apps)),
        **{k: float(apps[k].sum()) for k in AMOUNTS},
        "decided_requested": float(decided["requested"].sum()),
        "decided_granted": float(decided["granted"].sum()),
    }
    funding_rate = float(rate(totals["decided_granted"], totals["decided_requested"]))

    applied = set(apps["measure_id"].dropna())
    no_app = measures[
        (measures["cost_total"].fillna(0) > 0) & ~measures["measure_id"].isin(applied)
    ]
    return Phase5Model(
        programmes=programmes,
        programmes_by_topic_funder=by_tf,
        applications=apps,
        applications_by_status=by_status,
        applications_by_municipality=by_muni,
        applications_by_programme=by_prog,
        funding_rate=funding_rate,
        funding_rate_rule=RATE_RULE,
        deadlines=deadlines(programmes, apps, dataset.stichtag),
        measures_without_application=no_app.reset_index(drop=True),
        funding_by_goal=funding_by_goal(dataset.table("goals"), measures, apps),
        totals=totals,
        sources=sources_of(programmes, apps),
    )


def funding_by_goal(
    goals: pd.DataFrame, measures: pd.DataFrame, apps: pd.DataFrame
) -> pd.DataFrame:
    """Per goal: cost of its measures, requested and secured (granted) funding, share secured."""
    out = stable(goals)[["goal_id", "goal"]].drop_duplicates("goal_id").reset_index(drop=True)
    cost = measures.groupby("goal_id")["cost_total"].sum()
    req = apps.groupby("goal_id")["requested"].sum()
    sec = apps[apps["status"].isin(SECURED)].groupby("goal_id")["granted"].sum()
    out["measure_cost"] = out["goal_id"].map(cost).fillna(0.0)
    out["requested"] = out["goal_id"].map(req).fillna(0.0)
    out["granted"] = out["goal_id"].map(sec).fillna(0.0)
    out["secured_share"] = rate(out["granted"], out["measure_cost"])
    both = pd.concat(
        [
            measures[["goal_id", "source_workbooks"]].explode("source_workbooks"),
            apps[["goal_id", "source_workbook"]].rename(
                columns={"source_workbook": "source_workbooks"}
            ),
        ]
    ).rename(columns={"source_workbooks": "source_workbook"})
    out["source_workbooks"] = sources_by(both, "goal_id", out["goal_id"])
    return out
