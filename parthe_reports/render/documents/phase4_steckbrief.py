"""Phase 4 – the Maßnahmensteckbrief: one short profile per measure (at most a page).

Each Steckbrief is a page of its own: a Heading 3 (out of the contents) with two tables: the measure's facts as typed (label ·
value) and its financing from the Förderanträge (programme, status, requested, granted,
own share) with a sum row when there is more than one application.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from parthe_reports import german as fmt
from parthe_reports.render import cells
from parthe_reports.render.context import Names, Record, Row, period, records, ref
from parthe_reports.render.spec import Col, Group, PageBreak, R, Table, Text, When

PRIORITIES = {"A": "hoch", "B": "mittel", "C": "niedrig"}
QUICK_WIN_MARK = "●"  # U+25CF: in Liberation Sans and Carlito (★ is in neither)
SINGLE = "kommunale Einzelmaßnahme"
PRIORITY_LEGEND = (
    "Priorität der Maßnahme: A = hoch, B = mittel, C = niedrig. "
    f"{QUICK_WIN_MARK} Quick Win (Regel im Abschnitt „Quick Wins“). "
    "„Kommunale Einzelmaßnahme“: nur eine Kommune beteiligt, keine Partner."
)
SUM = "Summe"

FACTS = Table(
    "m.facts",
    (Col("Merkmal", "label", 3.6), Col("Angabe", "value", 12.4)),
    "Zu dieser Maßnahme liegen keine Angaben vor.",
)
FINANCING = Table(
    "m.financing",
    (
        Col("Antrag", "application", 2.2),
        Col("Programm", "programme", 4.4),
        Col("Status", "status", 2.2),
        Col("beantragt", "requested", 2.4, R),
        Col("bewilligt", "granted", 2.4, R),
        Col("Eigenanteil", "own_share", 2.4, R),
    ),
    "Für diese Maßnahme liegt noch kein Förderantrag vor.",
)
STECKBRIEFE = Group(
    "steckbriefe",
    "m",
    "{{ m.heading }}",
    (
        Text("{{ m.marks }}", cond="m.marks"),
        FACTS,
        Text("Finanzierung aus Förderanträgen:"),
        FINANCING,
        When("not loop.last", (PageBreak(),)),  # one Steckbrief per page
    ),
    "Es wurden noch keine Maßnahmen gemeldet.",
    level=3,  # 30 Steckbriefe would fill two pages of the table of contents
)


def priority(value: Any) -> str:
    """„A (hoch)“ for the vocabulary's letters, else as typed."""
    if fmt.is_missing(value):
        return fmt.MISSING
    word = PRIORITIES.get(str(value).strip())
    return f"{fmt.text(value)} ({word})" if word else fmt.text(value)


def marks(r: Record) -> str:
    """„● Quick Win“ and/or „kommunale Einzelmaßnahme“, as the catalogue marks a measure."""
    out = []
    if r.get("quick_win") is True:
        out.append(f"{QUICK_WIN_MARK} Quick Win")
    if r.get("single_measure") is True:
        out.append(SINGLE)
    return " · ".join(out)


def _facts(r: Record, n: Names, goal: str) -> list[Row]:
    consensus = fmt.text(r.get("consensus"))
    pairs = (
        ("Themenbereich", fmt.text(r.get("topic"))),
        ("Beschreibung", fmt.text(r.get("description"))),
        ("Verbundziel", goal),
        ("Federführung", n.name(r.get("responsible") or r.get("lead"))),
        ("Beteiligte", n.names(r.get("partners"))),
        ("Priorität", priority(r.get("priority"))),
        ("Kosten gesamt", cells.approx_money("cost_total")(r, n)),
        ("Zeitraum", period(r.get("start"), r.get("end"))),
        ("Status", fmt.text(r.get("status"))),
        ("Konsens", consensus),
        ("Indikator", fmt.text(r.get("indicator"))),
        ("Nächster Schritt", fmt.text(r.get("next_step"))),
        ("Quelle", ref(r)),
    )
    return [{"label": label, "value": value} for label, value in pairs]


APP_MONEY = ("requested", "granted", "own_share")


def financing(apps: pd.DataFrame, n: Names) -> list[Row]:
    """One row per application, then a „Summe“ row when there are several."""
    out = [
        {
            "application": fmt.text(a.get("application_id")),
            "programme": fmt.text(a.get("programme") or a.get("programme_id")),
            "status": fmt.text(a.get("status")),
            **{k: cells.approx_money(k)(a, n) for k in APP_MONEY},
        }
        for a in records(apps)
    ]
    if len(out) > 1:
        labels = {"application": SUM, "programme": "", "status": ""}
        out.append(cells.sum_row(apps, labels, APP_MONEY))
    return out


def steckbriefe(
    measures: pd.DataFrame, applications: pd.DataFrame, names: Names, goal: Any
) -> list[dict[str, Any]]:
    """One Steckbrief per measure in catalogue order (``goal`` prints the Verbundziel)."""
    by_measure = (
        {k: g for k, g in applications.groupby("measure_id", sort=False)}
        if len(applications)
        else {}
    )
    out = []
    for r in records(measures):
        apps = by_measure.get(r["measure_id"], applications.iloc[0:0])
        out.append(
            {
                "heading": f"{fmt.plain(r['measure_id'])} {fmt.plain(r['title'])}",
                "marks": marks(r),
                "facts": _facts(r, names, goal(r, names)),
                "financing": financing(apps, names),
            }
        )
    return out
