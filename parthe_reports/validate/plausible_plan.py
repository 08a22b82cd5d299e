"""Plausibility of the plan: reachable targets, milestones against what they name, late items."""

from __future__ import annotations

import re
from datetime import date

from parthe_reports.region import Region
from parthe_reports.schema import MUNICIPALITIES_WITH
from parthe_reports.validate.plausible_rows import Row, Rows, day, number

DONE = "erledigt"
# An indicator counting municipalities, or stating a share (regardless of Kennzahl).
_COUNTS_MUNICIPALITIES = re.compile(r"\b(Kommunen|Gemeinden|Mitgliedskommunen)\b", re.I)
_SHARE = re.compile(r"%|\bProzent\b|\bAnteil\b|\bQuote\b", re.I)
# Milestone status against the state of its Bezug: (open?, state) pairs that contradict.
DECIDED_APPLICATION = ("bewilligt", "abgelehnt", "abgerechnet")


def check_plan(rows: Rows, region: Region, stichtag: date) -> None:
    """Targets, milestone references and overdue items."""
    for goal in rows.of("goals"):
        _targets(goal, len(region.codes))
    measures = rows.by_id("measures", "measure_id")
    apps = rows.by_id("funding_applications", "application_id")
    for milestone in rows.of("schedule"):
        _reference(milestone, measures, apps)
    for key, col in (("schedule", "milestone"), ("change_management", "measure")):
        for r in rows.of(key):
            _overdue(r, col, stichtag)


def _targets(goal: Row, n: int) -> None:
    target, base = goal.get("target"), goal.get("baseline")
    indicator = f"{goal.get('figure') or ''} {goal.get('indicator') or ''}"
    gid = goal.get("goal_id")
    if target is None:
        return
    counts = (goal.get("figure") or "").startswith(MUNICIPALITIES_WITH) or bool(
        _COUNTS_MUNICIPALITIES.search(goal.get("indicator") or "")
    )
    if counts and target > n:
        goal.finding("target-unreachable", f"Zielwert {number(target)} für „{indicator.strip()}“ "
                     f"(Ziel {gid}): die Region hat nur {n} Kommunen.", "target",
                     expected=f"höchstens {n}")  # fmt: skip
    elif _SHARE.search(indicator) and target > 100:
        goal.finding("target-unreachable", f"Zielwert {number(target)} für „{indicator.strip()}“ "
                     f"(Ziel {gid}): ein Anteil kann 100 % nicht übersteigen.", "target",
                     expected="höchstens 100")  # fmt: skip
    direction = goal.get("direction")
    if base is None or direction is None:
        return
    if (direction == "steigen" and target < base) or (direction == "sinken" and target > base):
        goal.finding("target-against-direction", f"Ziel {gid} soll „{direction}“, der Zielwert "
                     f"{number(target)} liegt aber {'unter' if direction == 'steigen' else 'über'} "
                     f"dem Ausgangswert {number(base)} ({goal.ref('baseline')}).", "target",
                     expected=f"Zielwert {'über' if direction == 'steigen' else 'unter'} dem Ausgangswert")  # fmt: skip


def _reference(milestone: Row, measures: dict[str, Row], apps: dict[str, Row]) -> None:
    ref = milestone.get("reference")
    if not ref:
        return
    status = milestone.get("status")
    done = status == DONE
    if (app := apps.get(ref)) is not None:
        state = app.get("status")
        clash = (not done and state in DECIDED_APPLICATION) or (done and state == "in Vorbereitung")
        target = f"der Förderantrag {ref} ist „{state}“ ({app.ref('status')})"
    elif (measure := measures.get(ref)) is not None:
        state = measure.get("status")
        clash = (not done and state == "umgesetzt") or (done and state == "Idee")
        target = f"die Maßnahme {ref} ist „{state}“ ({measure.ref('status')})"
    else:
        milestone.finding("unknown-milestone-reference", f"Bezug „{ref}“ ist weder eine "
                          "Maßnahmen-Nr. noch eine Antrags-Nr. eines Workbooks.", "reference",
                          expected="eine Maßnahmen-Nr. oder Antrags-Nr.")  # fmt: skip
        return
    if clash:
        milestone.finding("milestone-contradicts-reference", f"Der Meilenstein „"
                          f"{milestone.get('milestone')}“ steht auf „{status or 'ohne Status'}“, "
                          f"aber {target}.", "status",
                          expected="Status passend zum Bezug")  # fmt: skip


def _overdue(r: Row, col: str, stichtag: date) -> None:
    due = r.get("due")
    if due and due < stichtag and r.get("status") != DONE:
        r.finding("overdue", f"„{r.get(col)}“ war am {day(due)} fällig (Stichtag {day(stichtag)}) "
                  f"und ist „{r.get('status') or 'ohne Status'}“, nicht „{DONE}“.", "due",
                  expected=f"erledigt oder ein Termin ab {day(stichtag)}")  # fmt: skip
