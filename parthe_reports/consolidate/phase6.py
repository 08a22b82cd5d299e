"""Phase 6 — Verstetigung und Umsetzung: structure options, milestones, change management.

A milestone is *late* when its Termin lies before the Stichtag and its status is not
„erledigt“; one due on the Stichtag itself is not late (it is due today). The next
milestones are the ``NEXT_MILESTONES`` open ones due on or after the Stichtag.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from parthe_reports.consolidate.frames import num, ordered, sources_by, sources_of, stable
from parthe_reports.consolidate.models import Phase6Model
from parthe_reports.dataset import Dataset
from parthe_reports.schema import VOCABULARIES

NEXT_MILESTONES = 5
DONE = "erledigt"
WORK_STATUSES = VOCABULARIES["work_status"].values


def _canonical(values: pd.Series, spelled: pd.Series) -> pd.Series:
    """``values`` spelled as in ``spelled`` where they agree case-insensitively (the clerk
    typed „aufwand“ in Strukturbewertung for the criterion „Aufwand“)."""
    first = spelled.dropna().drop_duplicates()
    canon = dict(zip(first.str.casefold(), first, strict=True))
    return values.map(lambda v: canon.get(v.casefold(), v) if isinstance(v, str) else v)


def weighted_scores(
    options: pd.DataFrame, criteria: pd.DataFrame, scores: pd.DataFrame
) -> tuple[pd.Series, pd.DataFrame]:
    """Weighted total per option and the scores with each criterion's weight, computed,
    never typed (contract version 2). Total = Σ (weight × points) ÷ Σ weights over *all*
    criteria, so a criterion without points counts 0 (``narrative.structure.SCORING_RULE``),
    rounded to 2 decimals (equal totals are a tie). Option and criterion names of the
    scores are spelled as in their own sheets."""
    weight = criteria.drop_duplicates("criterion").set_index("criterion")["weight"]
    s = scores.assign(
        option=_canonical(scores["option"], options["option"]),
        criterion=_canonical(scores["criterion"], criteria["criterion"]),
        points=num(scores["points"]),
    )
    s["weight"] = num(s["criterion"].map(weight))
    s["weighted"] = s["points"] * s["weight"] / 100
    all_weights = float(num(weight).sum())
    g = s.dropna(subset=["weight", "points"]).groupby("option")
    total = (g["weighted"].sum() * 100 / all_weights).round(2) if all_weights else g.size() * 0.0
    return options["option"].map(total).astype(float), s


def rank_options(options: pd.DataFrame) -> tuple[pd.DataFrame, str | None]:
    """Options by weighted total of the Strukturbewertung where given, then Bewertung (best
    first; ties: recommended first, then provenance order)."""
    if "weighted_score" not in options.columns:
        options = options.assign(weighted_score=float("nan"))
    opts = options.assign(rating=num(options["rating"]), _rec=options["recommended"] != "ja")
    opts = opts.sort_values(
        ["weighted_score", "rating", "_rec"],
        ascending=[False, False, True],
        na_position="last",
        kind="stable",
    )
    opts = opts.drop(columns="_rec").reset_index(drop=True)
    opts.insert(0, "rank", range(1, len(opts) + 1))
    rec = opts.loc[opts["recommended"] == "ja", "option"]
    return opts, (str(rec.iloc[0]) if len(rec) else None)


def milestone_tables(
    schedule: pd.DataFrame, stichtag: date
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """All milestones with late flag and days_left, the late ones and the next ones due."""
    ms = schedule.assign(
        days_left=[
            (d - stichtag).days if d is not None and d == d else None for d in schedule["due"]
        ]
    )
    ms["days_left"] = pd.to_numeric(ms["days_left"]).astype("Int64")
    open_ = ms["status"] != DONE
    ms["late"] = (open_ & (ms["days_left"] < 0)).fillna(False).astype(bool)
    ms = ms.sort_values(["due", "source_workbook", "source_row"], kind="stable", na_position="last")
    ms = ms.reset_index(drop=True)
    late = ms[ms["late"]].reset_index(drop=True)
    upcoming = ms[(ms["status"] != DONE) & (ms["days_left"] >= 0).fillna(False)]
    return ms, late, upcoming.head(NEXT_MILESTONES).reset_index(drop=True)


FOLLOW_UP_KIND = "Anschlussförderung Verbund"


def follow_up_applications(applications: pd.DataFrame) -> pd.DataFrame:
    """Anschlussförderung: funding for continuing the cooperation itself, i.e. the
    applications of Art „Anschlussförderung Verbund“ (contract version 2) and nothing
    else; other pending applications are not it (none without the Art column)."""
    if "kind" not in applications.columns:
        return applications.iloc[0:0].reset_index(drop=True)
    return applications[applications["kind"] == FOLLOW_UP_KIND].reset_index(drop=True)


def build(dataset: Dataset, applications: pd.DataFrame) -> Phase6Model:
    """Phase 6 model; ``applications`` are the enriched Förderanträge of phase 5."""
    options = stable(dataset.table("structure_options"))
    criteria = stable(dataset.table("criteria"))
    total, scores = weighted_scores(options, criteria, stable(dataset.table("structure_scores")))
    options, recommended = rank_options(options.assign(weighted_score=total))
    ms, late, upcoming = milestone_tables(stable(dataset.table("schedule")), dataset.stichtag)
    change = stable(dataset.table("change_management"))
    change = change.assign(_s=ordered(change["status"], WORK_STATUSES))
    change = change.sort_values(["_s", "due"], kind="stable", na_position="last").drop(columns="_s")
    counts = change["status"].value_counts()
    by_status = pd.DataFrame({"status": list(WORK_STATUSES)})
    by_status["measures"] = by_status["status"].map(counts).fillna(0).astype(int)
    by_status["source_workbooks"] = sources_by(change, "status", by_status["status"])
    follow_up = follow_up_applications(applications)
    return Phase6Model(
        structure_options=options,
        recommended_option=recommended,
        milestones=ms,
        late_milestones=late,
        next_milestones=upcoming,
        change_management=change.reset_index(drop=True),
        change_by_status=by_status,
        follow_up_applications=follow_up,
        sources=sources_of(options, ms, change),
        criteria=criteria,
        structure_scores=scores,
    )
