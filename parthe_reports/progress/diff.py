"""Compare two kept runs: a pure function from two ``RunData`` to a ``ProgressDiff``.

Identity follows the contract's IDs, so an entry whose text changes is a change, not a
removal plus an addition: measures by Maßnahmen-Nr., applications by Antrags-Nr., goals
by Ziel-Nr.; milestones and change-management measures by their normalised text (a moved
milestone changes its Termin, so the Termin cannot be part of its identity); SWOT
statements by municipality, topic, category and normalised statement. When an ID occurs
in several workbooks of one run, the first row (in source order) stands for it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from parthe_reports.history import RunData
from parthe_reports.history.query import GRANTED_STATUSES
from parthe_reports.progress.model import (
    FieldChange,
    Item,
    KeyFigures,
    ProgressDiff,
)
from parthe_reports.progress.outlook import deadlines, deliveries
from parthe_reports.progress.rows import Row, missing, same, source
from parthe_reports.schema import normalize

STARTED, FINISHED = "in Umsetzung", "umgesetzt"
DONE = "erledigt"


def diff_runs(old: RunData, new: RunData, stichtag: date | None = None) -> ProgressDiff:
    """What changed from ``old`` to ``new``; lateness and the 90-day window use ``stichtag``
    (default: the new run's Stichtag)."""
    day = stichtag or new.stichtag
    om, nm = _keyed(old, "measures", _id("measure_id")), _keyed(new, "measures", _id("measure_id"))
    oa = _applications(old)
    na = _applications(new)
    os_, ns = (
        _keyed(old, "schedule", _text("milestone")),
        _keyed(new, "schedule", _text("milestone")),
    )
    og, ng = _keyed(old, "goals", _id("goal_id")), _keyed(new, "goals", _id("goal_id"))
    d = ProgressDiff(
        old_run=old.name,
        new_run=new.name,
        old_stichtag=old.stichtag,
        new_stichtag=new.stichtag,
        stichtag=day,
        figures=_figures(old, new, om, nm, oa, na, os_, ns, day),
    )
    d.measures_new, d.measures_removed = _added(om, nm, "title"), _added(nm, om, "title")
    d.measures_status = _changes(om, nm, ["status"], "title")
    d.measures_cost = _changes(om, nm, ["cost_total"], "title")
    d.measures_period = _period_changes(om, nm)
    d.measures_renamed = _changes(om, nm, ["title"], "title")
    d.measures_started = _reached(om, nm, {STARTED}, before_not={STARTED, FINISHED})
    d.measures_finished = _reached(om, nm, {FINISHED})
    d.applications_new = _added(oa, na, "programme_title")
    d.applications_removed = _added(na, oa, "programme_title")
    d.applications_status = _changes(oa, na, ["status"], "programme_title")
    d.applications_amounts = _changes(
        oa, na, ["requested", "granted", "own_share"], "programme_title"
    )
    d.applications_granted = _reached(oa, na, set(GRANTED_STATUSES))
    d.applications_refused = _reached(oa, na, {"abgelehnt"})
    d.milestones_late = [
        _item(k, r, "milestone")
        for k, r in ns.items()
        if _late(r, day) and not (k in os_ and _late(os_[k], old.stichtag))
    ]
    d.milestones_done = [_item(k, ns[k], "milestone") for k in _reached(os_, ns, {DONE})]
    d.milestones_moved = _changes(os_, ns, ["due"], "milestone")
    oc, nc = (
        _keyed(old, "change_management", _text("measure")),
        _keyed(new, "change_management", _text("measure")),
    )
    d.change_done = [_item(k, nc[k], "measure") for k in _reached(oc, nc, {DONE})]
    d.deadlines = deadlines(new, day)
    osw, nsw = _keyed(old, "swot", _swot_key), _keyed(new, "swot", _swot_key)
    d.swot_added, d.swot_removed = _added(osw, nsw, "statement"), _added(nsw, osw, "statement")
    d.goals_added, d.goals_removed = _added(og, ng, "goal"), _added(ng, og, "goal")
    d.goals_changed = _changes(og, ng, ["goal", "indicator", "target", "target_year"], "goal")
    oe, ne = (
        _keyed(old, "assessments", _assessment_key),
        _keyed(new, "assessments", _assessment_key),
    )
    d.assessments_changed = [
        _item(k, r, "text")
        for k, r in ne.items()
        if k not in oe or not same(oe[k].get("text"), r.get("text"))
    ]
    d.deliveries = deliveries(old, new)
    return d


# ------------------------------------------------------------------ identity


def _id(column: str) -> Callable[[Row], str | None]:
    return lambda r: str(r[column]).strip() if not missing(r.get(column)) else None


def _text(column: str) -> Callable[[Row], str | None]:
    return lambda r: normalize(r[column]) if not missing(r.get(column)) else None


def _swot_key(r: Row) -> str | None:
    if missing(r.get("statement")):
        return None
    parts = (r.get("municipality"), r.get("topic"), r.get("category"), r["statement"])
    return " | ".join("" if missing(p) else normalize(str(p)) for p in parts)


def _assessment_key(r: Row) -> str | None:
    """„Phase 1 › swot“ or „Kommunalprofil › vergleich › BRA“: one assessment per place."""
    if missing(r.get("document")) or missing(r.get("section")):
        return None
    parts = (r.get("document"), r.get("section"), r.get("code"))
    return " › ".join(str(p).strip() for p in parts if not missing(p))


def _keyed(run: RunData, table: str, key: Callable[[Row], str | None]) -> dict[str, Row]:
    """Rows of a table by identity; the first row in source order wins."""
    frame = run.table(table)
    out: dict[str, Row] = {}
    for row in frame.to_dict("records"):
        k = key(row)
        if k is not None and k not in out:
            out[k] = row
    return out


def _applications(run: RunData) -> dict[str, Row]:
    """Applications by Antrags-Nr., each titled by its programme: „LEADER (FP01)“."""
    names = {
        str(r["programme_id"]).strip(): r.get("programme")
        for r in run.table("programmes").to_dict("records")
        if not missing(r.get("programme_id"))
    }
    rows = _keyed(run, "funding_applications", _id("application_id"))
    for r in rows.values():
        pid = "" if missing(r.get("programme_id")) else str(r["programme_id"]).strip()
        name = names.get(pid)
        r["programme_title"] = f"{name} ({pid})" if name and not missing(name) else pid
    return rows


# ------------------------------------------------------------------ comparing


def _item(key: str, r: Row, title: str) -> Item:
    shown = r[title] if not missing(r.get(title)) else ""
    return Item(key=key, title=str(shown), values=r, source=source(r))


def _added(before: dict[str, Row], after: dict[str, Row], title: str) -> list[Item]:
    return [_item(k, r, title) for k, r in after.items() if k not in before]


def _changes(
    before: dict[str, Row], after: dict[str, Row], fields: Iterable[str], title: str
) -> list[FieldChange]:
    out = []
    for k, r in after.items():
        if k not in before:
            continue
        for f in fields:
            if not same(before[k].get(f), r.get(f)):
                t = "" if missing(r.get(title)) else str(r[title])
                out.append(FieldChange(k, t, f, before[k].get(f), r.get(f), source(r)))
    return out


def _period(r: Row) -> tuple[Any, Any]:
    return r.get("start"), r.get("end")


def _period_changes(before: dict[str, Row], after: dict[str, Row]) -> list[FieldChange]:
    return [
        FieldChange(
            k, str(r.get("title") or ""), "period", _period(before[k]), _period(r), source(r)
        )
        for k, r in after.items()
        if k in before
        and not all(same(x, y) for x, y in zip(_period(before[k]), _period(r), strict=True))
    ]


def _reached(
    before: dict[str, Row],
    after: dict[str, Row],
    states: set[str],
    before_not: set[str] | None = None,
) -> list[str]:
    """Keys whose status is now in ``states`` and before was not (or did not exist)."""
    excluded = before_not or states
    return [
        k
        for k, r in after.items()
        if r.get("status") in states
        and (k not in before or before[k].get("status") not in excluded)
    ]


def _late(r: Row, day: date) -> bool:
    """Termin before the Stichtag and not erledigt (a Termin on the Stichtag is not late)."""
    due = r.get("due")
    return isinstance(due, date) and due < day and r.get("status") != DONE


def granted(rows: dict[str, Row]) -> dict[str, float]:
    """Money granted per application: ``bewilligt`` of granted or settled applications."""
    return {
        k: float(r["granted"])
        if r.get("status") in GRANTED_STATUSES and not missing(r.get("granted"))
        else 0.0
        for k, r in rows.items()
    }


# ------------------------------------------------------------------ summary


def _figures(
    old: RunData,
    new: RunData,
    om: dict[str, Row],
    nm: dict[str, Row],
    oa: dict[str, Row],
    na: dict[str, Row],
    os_: dict[str, Row],
    ns: dict[str, Row],
    day: date,
) -> KeyFigures:
    go, gn = granted(oa), granted(na)

    def count(rows: dict[str, Row], status: str) -> int:
        return sum(r.get("status") == status for r in rows.values())

    return KeyFigures(
        granted_before=sum(go.values()),
        granted_after=sum(gn.values()),
        newly_granted=sum(max(0.0, g - go.get(k, 0.0)) for k, g in gn.items()),
        in_progress_before=count(om, STARTED),
        in_progress_after=count(nm, STARTED),
        done_before=count(om, FINISHED),
        done_after=count(nm, FINISHED),
        late_before=sum(_late(r, old.stichtag) for r in os_.values()),
        late_after=sum(_late(r, day) for r in ns.values()),
        deadlines_90=len(deadlines(new, day)),
    )
