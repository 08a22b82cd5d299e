"""Aufgaben-/Themencluster: the cooperation-potential score per topic, municipality and task.

Topic score (``FORMULA``). Let n be the municipalities of the region that delivered a
workbook. For topic t and municipality m, four components, each 0 or 1 or in between:

* c(t,m) complementarity = 1 if m names a Stärke in t and another municipality a Schwäche
  in t, or m names a Schwäche in t and another municipality a Stärke in t; else 0;
* p(t,m) shared priority = 1 if m ranks t among its top ``TOP_PRIORITY`` (1–3); else 0;
* s(t,m) shared weakness = 1 if m names a Schwäche in t and at least one other
  municipality does too (a common problem); else 0;
* r(t,m) rated potential = mean over m's Verwaltung rows in t of the Kooperationspotenzial
  (hoch = 1, mittel = 2/3, gering = 1/3, keins = 0; unrated rows ignored; 0 without rows).

score(t,m) = 100 · (0.30·c + 0.25·p + 0.20·s + 0.25·r)   → the heat map cell (0–100)
score(t)   = mean of score(t,m) over the n municipalities = 100 · (0.30·C + 0.25·P + 0.20·S
             + 0.25·R), where C, P, S, R are the components' means (shares of municipalities).

Task score (``TASK_FORMULA``), per task named alike (``schema.normalize``) in Verwaltung:
score = 100 · (0.5 · coverage + 0.5 · rated), coverage = municipalities with the task / n,
rated = mean Kooperationspotenzial of its rows (as above; 0 when none rated).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from parthe_reports.consolidate.frames import codes_tuple, num, ordered
from parthe_reports.schema import normalize

TOP_PRIORITY = 3  # a topic ranked 1–3 by a municipality counts as one of its priorities
WEIGHTS = {
    "complementarity": 0.30,
    "shared_priority": 0.25,
    "shared_weakness": 0.20,
    "rated_potential": 0.25,
}
RATING = {"hoch": 1.0, "mittel": 2 / 3, "gering": 1 / 3, "keins": 0.0}
FORMULA = (
    "Kooperationspotenzial = 100 × (0,30 × Komplementarität + 0,25 × gemeinsame Priorität "
    "+ 0,20 × gemeinsame Schwäche + 0,25 × bewertetes Kooperationspotenzial). "
    "Je Kommune und Themenbereich: Komplementarität = 1, wenn die Kommune eine Stärke nennt "
    "und eine andere Kommune eine Schwäche (oder umgekehrt); gemeinsame Priorität = 1, wenn "
    f"die Kommune den Themenbereich auf Rang 1 bis {TOP_PRIORITY} setzt; gemeinsame Schwäche = 1, "
    "wenn die Kommune und mindestens eine weitere eine Schwäche nennen; bewertetes Potenzial = "
    "Mittel der Verwaltungsaufgaben (hoch 1, mittel 2/3, gering 1/3, keins 0). Der Wert des "
    "Verbunds ist der Mittelwert über alle Kommunen mit Erhebungsbogen (0 bis 100)."
)
TASK_FORMULA = (
    "Aufgabencluster = 100 × (0,5 × Anteil der Kommunen mit dieser Aufgabe + 0,5 × mittleres "
    "bewertetes Kooperationspotenzial der Aufgabe: hoch 1, mittel 2/3, gering 1/3, keins 0)."
)
COMPONENTS = tuple(WEIGHTS)
CLUSTER_COLS = [
    "rank",
    "topic",
    "score",
    "complementarity",
    "shared_priority",
    "shared_weakness",
    "rated_potential",
    "strength_municipalities",
    "weakness_municipalities",
    "priority_municipalities",
    "municipalities",
    "source_workbooks",
]


def _matrix(index: tuple[str, ...], cols: tuple[str, ...], pairs: pd.DataFrame) -> pd.DataFrame:
    """Boolean topic × municipality matrix: True where (topic, municipality) is in ``pairs``."""
    # dtype=bool even with no columns: an empty frame would otherwise be object-typed.
    m = pd.DataFrame(False, index=list(index), columns=list(cols), dtype=bool)
    if len(pairs):
        hits = pairs.drop_duplicates()
        hits = hits[hits["topic"].isin(index) & hits["municipality"].isin(cols)]
        m = (
            pd.crosstab(hits["topic"], hits["municipality"])
            .reindex(index=list(index), columns=list(cols))
            .fillna(0)
            > 0
        )
    return m


def component_matrices(
    swot_rows: pd.DataFrame,
    prios: pd.DataFrame,
    admin: pd.DataFrame,
    topics: tuple[str, ...],
    codes: tuple[str, ...],
) -> dict[str, pd.DataFrame]:
    """The four component matrices (topic × municipality, values 0–1)."""
    tm = ["topic", "municipality"]
    strong = _matrix(topics, codes, swot_rows.loc[swot_rows["category"] == "Stärke", tm])
    weak = _matrix(topics, codes, swot_rows.loc[swot_rows["category"] == "Schwäche", tm])
    n_s = strong.sum(axis=1).to_numpy()[:, None]
    n_w = weak.sum(axis=1).to_numpy()[:, None]
    s, w = strong.to_numpy(dtype=bool), weak.to_numpy(dtype=bool)
    comp = (s & (n_w - w > 0)) | (w & (n_s - s > 0))
    shared_weak = w & (n_w >= 2)
    pr = prios.assign(priority=num(prios["priority"]))
    prio = _matrix(topics, codes, pr.loc[pr["priority"] <= TOP_PRIORITY, tm])
    rated_rows = admin.assign(_r=admin["cooperation_potential"].map(RATING)).dropna(subset=["_r"])
    rated = (
        rated_rows.pivot_table(index="topic", columns="municipality", values="_r", aggfunc="mean")
        .reindex(index=list(topics), columns=list(codes))
        .fillna(0.0)
        if len(rated_rows)
        else pd.DataFrame(0.0, index=list(topics), columns=list(codes))
    )

    def frame(a: object) -> pd.DataFrame:
        return pd.DataFrame(np.asarray(a, dtype=float), index=list(topics), columns=list(codes))

    return {
        "complementarity": frame(comp),
        "shared_priority": frame(prio.to_numpy()),
        "shared_weakness": frame(shared_weak),
        "rated_potential": frame(rated.to_numpy()),
        "_strong": strong,
        "_weak": weak,
        "_prio": prio,
    }


def _who(m: pd.DataFrame) -> pd.Series:
    return pd.Series(
        [tuple(c for c, v in row.items() if v) for _, row in m.iterrows()], index=m.index
    )


def topic_clusters(
    swot_rows: pd.DataFrame,
    prios: pd.DataFrame,
    admin: pd.DataFrame,
    topics: tuple[str, ...],
    codes: tuple[str, ...],
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Ranked topic clusters with their components, and the heat map (topic × municipality)."""
    mats = component_matrices(swot_rows, prios, admin, topics, codes)
    score = sum(WEIGHTS[k] * mats[k] for k in COMPONENTS) * 100.0
    heat = pd.DataFrame(score, index=list(topics), columns=list(codes))
    out = pd.DataFrame({"topic": list(topics)}, index=list(topics))
    n = max(len(codes), 1)
    for k in COMPONENTS:
        out[k] = mats[k].sum(axis=1) / n if codes else 0.0
    out["score"] = heat.sum(axis=1) / n if codes else 0.0
    out["strength_municipalities"] = _who(mats["_strong"])
    out["weakness_municipalities"] = _who(mats["_weak"])
    out["priority_municipalities"] = _who(mats["_prio"])
    involved = pd.concat([swot_rows, prios, admin])[["topic", "municipality", "source_workbook"]]
    grouped = involved.groupby("topic")
    for col, src in (("municipalities", "municipality"), ("source_workbooks", "source_workbook")):
        out[col] = (
            out["topic"]
            .map(grouped[src].agg(codes_tuple))
            .map(lambda v: v if isinstance(v, tuple) else ())
        )
    out["_pos"] = ordered(out["topic"], topics)
    out = out.sort_values(["score", "_pos"], ascending=[False, True], kind="stable")
    out["rank"] = range(1, len(out) + 1)
    heat = heat.reset_index(names="topic")
    heat["source_workbooks"] = heat["topic"].map(out.set_index("topic")["source_workbooks"])
    return out[CLUSTER_COLS].reset_index(drop=True), heat


TASK_COLS = [
    "rank",
    "topic",
    "task",
    "score",
    "coverage",
    "rated_potential",
    "municipalities",
    "posts_fte",
    "vacant_fte",
    "source_workbooks",
]


def task_clusters(admin: pd.DataFrame, codes: tuple[str, ...]) -> pd.DataFrame:
    """Tasks named alike across municipalities, ranked by ``TASK_FORMULA``."""
    if admin.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in TASK_COLS})
    df = admin.assign(
        _key=admin["task"].map(lambda t: normalize(str(t))),
        _r=admin["cooperation_potential"].map(RATING),
        posts_fte=num(admin["posts_fte"]),
        vacant_fte=num(admin["vacant_fte"]),
        task=admin["task"].map(lambda t: str(t).strip()),
    )
    g = df.groupby(["topic", "_key"], sort=True)
    out = pd.DataFrame(
        {
            "task": g["task"].agg(
                lambda s: sorted(s.value_counts().items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
            ),
            "municipalities": g["municipality"].agg(codes_tuple),
            "rated_potential": g["_r"].mean().fillna(0.0),
            "posts_fte": g["posts_fte"].sum(),
            "vacant_fte": g["vacant_fte"].sum(),
            "source_workbooks": g["source_workbook"].agg(codes_tuple),
        }
    ).reset_index()
    n = max(len(codes), 1)
    out["coverage"] = out["municipalities"].map(lambda t: len([c for c in t if c in codes])) / n
    out["score"] = 100.0 * (0.5 * out["coverage"] + 0.5 * out["rated_potential"])
    out = out.sort_values(["score", "topic", "task"], ascending=[False, True, True], kind="stable")
    out["rank"] = range(1, len(out) + 1)
    return out[TASK_COLS].reset_index(drop=True)
