"""Phase 5 Förderstrategie: candidate programmes per unfunded measure, own shares per
municipality and year, and the programmes whose deadline has passed.

* Candidates (``CANDIDATE_RULE``): for a measure with costs and no Förderantrag, every
  programme of the same Themenbereich that is open (Status not „geschlossen“, where the
  Verbund-Workbook has the column) and whose Antragsfrist is not before the Stichtag
  (no Antragsfrist = rolling, listed last); sorted by Antragsfrist. The estimate is
  Kosten gesamt × Förderquote, capped at the programme's Höchstbetrag where given.
* Own shares (``OWN_SHARE_RULE``): Eigenanteil of every application that is not
  abgelehnt, by municipality and the year the measure begins (else the year the
  application was submitted, else the Stichtag's year).
* Expired: Antragsfrist before the Stichtag, or Status „geschlossen“.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from parthe_reports.narrative.grammar import is_missing

CANDIDATE_RULE = (
    "In Frage kommen Programme desselben Themenbereichs, die offen sind und deren Antragsfrist "
    "nicht vor dem Stichtag liegt, nach Antragsfrist geordnet (ohne Frist zuletzt). "
    "Geschätzte Förderung = Kosten gesamt × Förderquote, höchstens der Höchstbetrag."
)
OWN_SHARE_RULE = (
    "Eigenanteile aller nicht abgelehnten Förderanträge, je Kommune und Jahr des "
    "Maßnahmenbeginns (ersatzweise Jahr der Einreichung, sonst Jahr des Stichtags)."
)
CLOSED = "geschlossen"
DONE_OR_PAUSED = ("umgesetzt", "zurückgestellt")  # no application to recommend for these
REFUSED = "abgelehnt"


@dataclass(frozen=True)
class ProgrammeOption:
    """One programme that could fund a measure."""

    programme_id: str
    programme: str
    funder: str
    rate: float  # Förderquote in % (NaN when not given)
    deadline: date | None
    days_left: int | None
    estimate: float  # € (NaN when no rate)


@dataclass(frozen=True)
class MeasureCandidates:
    """A measure without an application and the programmes that could fund it."""

    measure_id: str
    title: str
    topic: str
    cost: float
    responsible: str
    options: tuple[ProgrammeOption, ...]


def _text(value: object) -> str:
    return "" if is_missing(value) else str(value)


def _day(value: object) -> date | None:
    """A cell date as ``date`` (pandas may hand a Timestamp); None when empty."""
    if is_missing(value):
        return None
    return value.date() if isinstance(value, pd.Timestamp) else value  # type: ignore[return-value]


def is_expired(programme: pd.Series | dict, stichtag: date) -> bool:
    """Antragsfrist before the Stichtag, or Status „geschlossen“."""
    deadline = _day(programme.get("deadline"))
    closed = _text(programme.get("status")).strip().casefold() == CLOSED
    return closed or (deadline is not None and deadline < stichtag)


def expired(programmes: pd.DataFrame, stichtag: date) -> pd.DataFrame:
    """Programmes no longer open, by Antragsfrist."""
    if programmes.empty:
        return programmes.iloc[0:0]
    mask = [is_expired(r, stichtag) for _, r in programmes.iterrows()]
    return programmes[mask].sort_values("deadline", kind="stable", na_position="last")


def _option(p: pd.Series, cost: float, stichtag: date) -> ProgrammeOption:
    rate = float(p["rate"]) if not is_missing(p.get("rate")) else float("nan")
    estimate = cost * rate / 100.0 if rate == rate else float("nan")
    cap = p.get("max_amount")
    if not is_missing(cap) and estimate == estimate:
        estimate = min(estimate, float(cap))
    deadline = _day(p.get("deadline"))
    return ProgrammeOption(
        programme_id=str(p["programme_id"]),
        programme=_text(p.get("programme")),
        funder=_text(p.get("funder")),
        rate=rate,
        deadline=deadline,
        days_left=None if deadline is None else (deadline - stichtag).days,
        estimate=estimate,
    )


def candidates(
    unfunded: pd.DataFrame, programmes: pd.DataFrame, stichtag: date
) -> list[MeasureCandidates]:
    """For each measure of ``unfunded`` (Phase5Model.measures_without_application) the
    open programmes of its topic, by Antragsfrist (see ``CANDIDATE_RULE``)."""
    open_ = [p for _, p in programmes.iterrows() if not is_expired(p, stichtag)]
    out = []
    for _, m in unfunded.iterrows():
        cost = float(m["cost_total"]) if not is_missing(m.get("cost_total")) else 0.0
        fits = [_option(p, cost, stichtag) for p in open_ if p.get("topic") == m["topic"]]
        fits.sort(key=lambda o: (o.deadline is None, o.deadline or date.max, o.programme_id))
        out.append(
            MeasureCandidates(
                measure_id=str(m["measure_id"]),
                title=_text(m.get("title")),
                topic=_text(m.get("topic")),
                cost=cost,
                responsible=_text(m.get("responsible")),
                options=tuple(fits),
            )
        )
    return out


def _year(app: pd.Series, starts: dict[str, date], stichtag: date) -> int:
    start = _day(starts.get(str(app.get("measure_id"))))
    if start is not None:
        return start.year
    submitted = _day(app.get("submitted_on"))
    return stichtag.year if submitted is None else submitted.year


def own_shares(applications: pd.DataFrame, measures: pd.DataFrame, stichtag: date) -> pd.DataFrame:
    """municipality, year, own_share, applications (see ``OWN_SHARE_RULE``), sorted."""
    cols = ["municipality", "year", "own_share", "applications"]
    apps = applications[applications["status"] != REFUSED] if len(applications) else applications
    if apps.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in cols})
    starts = dict(zip(measures["measure_id"].astype(str), measures["start_date"], strict=True))
    df = pd.DataFrame(
        {
            "municipality": apps["municipality"].to_numpy(),
            "year": [_year(a, starts, stichtag) for _, a in apps.iterrows()],
            "own_share": pd.to_numeric(apps["own_share"], errors="coerce").fillna(0.0).to_numpy(),
        }
    )
    g = df.groupby(["municipality", "year"], sort=True)
    out = g["own_share"].sum().to_frame().assign(applications=g.size()).reset_index()
    return out[cols]


def own_share_table(shares: pd.DataFrame, codes: tuple[str, ...]) -> pd.DataFrame:
    """Wide budget table: one row per municipality (region order) and a „Summe“ row, one
    column per year and a „Summe“ column."""
    if shares.empty:
        return pd.DataFrame(columns=["municipality", "Summe"])
    wide = shares.pivot_table(
        index="municipality", columns="year", values="own_share", aggfunc="sum", fill_value=0.0
    )
    order = [c for c in codes if c in wide.index] + sorted(set(wide.index) - set(codes))
    wide = wide.reindex(order)
    wide["Summe"] = wide.sum(axis=1)
    wide.loc["Summe"] = wide.sum(axis=0)
    wide.columns = [str(c) for c in wide.columns]
    return wide.rename_axis("municipality").reset_index()
