"""Plausibility checks: each fires on a minimal case and stays silent on the fixed one."""

from __future__ import annotations

import math
from datetime import date
from typing import Any

import pandas as pd
import pytest

from parthe_reports.dataset import (
    MUNICIPALITY,
    PROVENANCE,
    SourceInfo,
    approx_columns,
    sheet_by_key,
)
from parthe_reports.schema import ColumnType
from parthe_reports.validate import check_plausibility
from parthe_reports.validate.findings import PLAUSIBILITY_CODES, severity
from parthe_reports.validate.model import RowCount, ValidatedWorkbook
from tests.workbook_factory import REGION

STICHTAG = date(2026, 11, 25)
NUMERIC = (ColumnType.NUMBER, ColumnType.AMOUNT, ColumnType.PERCENT)


def book(name: str, kind: str, sheets: dict[str, list[dict[str, Any]]]) -> ValidatedWorkbook:
    """A validated workbook in memory: typed tables as validation leaves them."""
    code = name.split(".")[0] if kind == "municipal" else None
    b = ValidatedWorkbook(
        source=SourceInfo(name, name, "", kind, code, "2.0", None, False),
    )
    for key, rows in sheets.items():
        sheet = sheet_by_key(key)
        data: dict[str, list[Any]] = {}
        for col in sheet.columns:
            blank = math.nan if col.type in NUMERIC else None
            data[col.key] = [r.get(col.key, blank) for r in rows]
        for flag in approx_columns(sheet).values():
            data[flag] = [bool(r.get(flag, False)) for r in rows]
        data[PROVENANCE[0]] = [name] * len(rows)
        data[PROVENANCE[1]] = [sheet.name] * len(rows)
        data[PROVENANCE[2]] = list(range(2, len(rows) + 2))
        data[MUNICIPALITY] = [code] * len(rows)
        b.tables[key] = pd.DataFrame(data)
        b.row_counts[key] = RowCount(len(rows), len(rows))
        b.columns[key] = {c.key: i for i, c in enumerate(sheet.columns)}
        b.sheet_names[key] = sheet.name
    return b


def measure(**kw: Any) -> dict[str, Any]:
    return {"measure_id": "M-BRA-01", "title": "Bauhof", "status": "in Umsetzung",
            "cost_total": 100_000.0, **kw}  # fmt: skip


def app(**kw: Any) -> dict[str, Any]:
    return {"application_id": "FA-BRA-01", "measure_id": "M-BRA-01", "programme_id": "FP01",
            "status": "bewilligt", "requested": 80_000.0, "own_share": 20_000.0,
            "granted": 80_000.0, "submitted_on": date(2026, 2, 1),
            "decided_on": date(2026, 5, 1), "proof_due": date(2027, 6, 30), **kw}  # fmt: skip


def programme(**kw: Any) -> dict[str, Any]:
    return {"programme_id": "FP01", "programme": "LEADER", "funder": "EU", "rate": 80.0,
            "deadline": date(2027, 1, 31), "status": "offen", **kw}  # fmt: skip


def goal(**kw: Any) -> dict[str, Any]:
    return {"goal_id": "Z1", "goal": "Ziel", "indicator": "Aufgaben per Zweckvereinbarung",
            "baseline": 1.0, "target": 5.0, "direction": "steigen", **kw}  # fmt: skip


def milestone(**kw: Any) -> dict[str, Any]:
    return {"milestone": "Antrag eingereicht", "due": date(2027, 1, 31), "status": "offen", **kw}


def swot(statement: str, **kw: Any) -> dict[str, Any]:
    return {"topic": "Kultur", "category": "Stärke", "statement": statement, **kw}


def region_books(
    municipal: dict[str, list[dict[str, Any]]], regional: dict[str, list[dict[str, Any]]]
) -> list[ValidatedWorkbook]:
    m = {"measures": [measure()], "funding_applications": [app()], **municipal}
    r = {"programmes": [programme()], "goals": [goal()], **regional}
    return [book("BRA.xlsx", "municipal", m), book("verbund.xlsx", "regional", r)]


# (check name, code, bad (municipal, regional), fixed (municipal, regional))
Case = tuple[str, str, tuple[dict, dict], tuple[dict, dict]]
CASES: list[Case] = [
    ("status", "measure-behind-funding",
     ({"measures": [measure(status="geplant")]}, {}), ({"measures": [measure()]}, {})),
    ("status-idea-settled", "measure-behind-funding",
     ({"measures": [measure(status="Idee")], "funding_applications": [app(status="abgerechnet")]}, {}),
     ({"measures": [measure(status="umgesetzt")], "funding_applications": [app(status="abgerechnet")]}, {})),
    ("status-done", "measure-done-funding-open",
     ({"measures": [measure(status="umgesetzt")],
       "funding_applications": [app(status="in Vorbereitung", decided_on=None, granted=None,
                                    submitted_on=None, proof_due=None)]}, {}),
     ({"measures": [measure(status="geplant")],
       "funding_applications": [app(status="in Vorbereitung", decided_on=None, granted=None,
                                    submitted_on=None, proof_due=None)]}, {})),
    ("cost", "cost-below-funding",
     ({"measures": [measure(cost_total=5_000.0)]}, {}), ({"measures": [measure()]}, {})),
    ("proof", "proof-before-decision",
     ({"funding_applications": [app(proof_due=date(2026, 4, 30))]}, {}),
     ({"funding_applications": [app()]}, {})),
    ("decision", "decision-before-submission",
     ({"funding_applications": [app(decided_on=date(2026, 1, 15))]}, {}),
     ({"funding_applications": [app()]}, {})),
    ("stichtag", "date-after-stichtag",
     ({"funding_applications": [app(decided_on=date(2026, 12, 20))]}, {}),
     ({"funding_applications": [app()]}, {})),
    ("rate", "above-programme-rate",
     ({"funding_applications": [app(requested=90_000.0, own_share=10_000.0, granted=None)]}, {}),
     ({"funding_applications": [app()]}, {})),
    ("maximum", "above-programme-maximum",
     ({}, {"programmes": [programme(max_amount=50_000.0)]}),
     ({}, {"programmes": [programme(max_amount=80_000.0)]})),
    ("programme-deadline", "programme-deadline-passed",
     ({}, {"programmes": [programme(deadline=date(2021, 3, 14))]}),
     ({}, {"programmes": [programme(deadline=date(2021, 3, 14), status="geschlossen")]})),
    ("application-deadline", "application-after-deadline",
     ({"funding_applications": [app(status="in Vorbereitung", granted=None, decided_on=None,
                                    submitted_on=None, proof_due=None)]},
      {"programmes": [programme(status="geschlossen")]}),
     ({"funding_applications": [app(status="in Vorbereitung", granted=None, decided_on=None,
                                    submitted_on=None, proof_due=None)]}, {})),
    ("target-count", "target-unreachable",
     ({}, {"goals": [goal(indicator="Kommunen mit Baumschutzsatzung", baseline=2.0, target=7.0)]}),
     ({}, {"goals": [goal(indicator="Kommunen mit Baumschutzsatzung", baseline=2.0, target=6.0)]})),
    ("target-figure", "target-unreachable",
     ({}, {"goals": [goal(figure="Kommunen mit Satzung", indicator=None, target=9.0)]}),
     ({}, {"goals": [goal(figure="Kommunen mit Satzung", indicator=None, target=4.0)]})),
    ("target-share", "target-unreachable",
     ({}, {"goals": [goal(indicator="Anteil digitaler Anträge (%)", target=120.0)]}),
     ({}, {"goals": [goal(indicator="Anteil digitaler Anträge (%)", target=80.0)]})),
    ("target-direction", "target-against-direction",
     ({}, {"goals": [goal(baseline=10.0, target=5.0)]}),
     ({}, {"goals": [goal(baseline=10.0, target=5.0, direction="sinken")]})),
    ("milestone-application", "milestone-contradicts-reference",
     ({}, {"schedule": [milestone(reference="FA-BRA-01", status="in Arbeit")]}),
     ({}, {"schedule": [milestone(reference="FA-BRA-01", status="erledigt")]})),
    ("milestone-measure", "milestone-contradicts-reference",
     ({"measures": [measure(status="umgesetzt")]}, {"schedule": [milestone(reference="M-BRA-01")]}),
     ({}, {"schedule": [milestone(reference="M-BRA-01")]})),
    ("milestone-unknown", "unknown-milestone-reference",
     ({}, {"schedule": [milestone(reference="FA-XYZ-09")]}),
     ({}, {"schedule": [milestone(reference="M-BRA-01")]})),
    ("overdue-milestone", "overdue",
     ({}, {"schedule": [milestone(due=date(2026, 11, 15), status="verzögert")]}),
     ({}, {"schedule": [milestone(due=date(2026, 11, 15), status="erledigt")]})),
    ("overdue-change", "overdue",
     ({}, {"change_management": [{"measure": "Personalrat einbinden", "due": date(2026, 11, 10),
                                   "status": "in Arbeit"}]}),
     ({}, {"change_management": [{"measure": "Personalrat einbinden", "due": date(2026, 11, 25),
                                   "status": "in Arbeit"}]})),
    ("duplicate-swot", "duplicate-entry",
     ({"swot": [swot("Reges Vereinsleben"), swot("Reges Vereinsleben.")]}, {}),
     ({"swot": [swot("Reges Vereinsleben"), swot("Reges Vereinsleben.", category="Chance")]}, {})),
    ("duplicate-near", "duplicate-entry",
     ({"swot": [swot("Schwache ÖPNV-Anbindung der Ortsteile"),
                swot("Schwache ÖPNV Anbindung aller Ortsteile")]}, {}),
     ({"swot": [swot("Schwache ÖPNV-Anbindung der Ortsteile"),
                swot("Gute Radwege zwischen den Ortsteilen")]}, {})),
    ("duplicate-task", "duplicate-entry",
     ({"administration": [{"task": "Gewerbeamt"}, {"task": "gewerbeamt "}]}, {}),
     ({"administration": [{"task": "Gewerbeamt"}, {"task": "Standesamt"}]}, {})),
    ("text", "municipality-count-in-text",
     ({}, {"mission_statement": [{"statement": "Ein Verbund von sieben Kommunen."}]}),
     ({}, {"mission_statement": [{"statement": "Ein Verbund von sechs Kommunen."}]})),
]  # fmt: skip


def codes(books: list[ValidatedWorkbook]) -> list[str]:
    return [f.code for b in books for f in b.findings]


@pytest.mark.parametrize(("name", "code", "bad", "good"), CASES, ids=[c[0] for c in CASES])
def test_check_fires_and_is_silent_when_fixed(
    name: str, code: str, bad: tuple[dict, dict], good: tuple[dict, dict]
) -> None:
    """It reports the code on the bad case and nothing on the fixed case."""
    books = check_plausibility(region_books(*bad), REGION, STICHTAG)
    assert codes(books) == [code], name
    f = next(f for b in books for f in b.findings)
    assert f.cell and f.sheet and f.value is not None
    assert codes(check_plausibility(region_books(*good), REGION, STICHTAG)) == [], name


def test_every_code_is_tested_and_has_a_severity() -> None:
    """It covers every plausibility code with a case; each is a Warnung but the text Hinweis."""
    assert {c[1] for c in CASES} == set(PLAUSIBILITY_CODES)
    for code in PLAUSIBILITY_CODES:
        expected = "Hinweis" if code == "municipality-count-in-text" else "Warnung"
        assert severity(code).value == expected


def test_message_names_both_ends_and_values() -> None:
    """It names both cells („BRA.xlsx › Förderanträge › G2“ and the measure's) and both values."""
    books = check_plausibility(
        region_books({"measures": [measure(status="geplant")]}, {}), REGION, STICHTAG
    )
    f = books[0].findings[0]
    assert str(f).startswith("BRA.xlsx › Förderanträge › G2:")
    assert "BRA.xlsx › Maßnahmen › L2" in f.message
    assert "„bewilligt“" in f.message and "„geplant“" in f.message


def test_cost_message_keeps_approximate_mark() -> None:
    """It writes „ca.“ before a cost the clerk typed as approximate, not before an exact one."""
    m = measure(cost_total=5_000.0, cost_total_approx=True)
    books = check_plausibility(region_books({"measures": [m]}, {}), REGION, STICHTAG)
    assert "(ca. 5.000,00" in books[0].findings[0].message
    books = check_plausibility(
        region_books({"measures": [measure(cost_total=5_000.0)]}, {}), REGION, STICHTAG
    )
    assert "ca." not in books[0].findings[0].message


def test_rejected_rows_are_checked_but_not_counted() -> None:
    """It checks rows rejected for a cell-level Fehler too, without changing the row counts."""
    books = region_books({"measures": [measure(status="geplant")]}, {})
    bra = books[0]
    bra.rejected_tables["measures"] = bra.tables.pop("measures")
    bra.row_counts["measures"] = RowCount(1, 0, 1)
    check_plausibility(books, REGION, STICHTAG)
    assert codes(books) == ["measure-behind-funding"]
    assert bra.row_counts["measures"] == RowCount(1, 0, 1)


def test_rejected_workbook_is_not_checked() -> None:
    """It leaves a workbook that is not used as a whole alone."""
    books = region_books({"measures": [measure(status="geplant")]}, {})
    books[0].rejected = True
    assert codes(check_plausibility(books, REGION, STICHTAG)) == []
