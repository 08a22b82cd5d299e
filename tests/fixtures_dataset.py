"""Build ``Dataset`` objects from a few hand-written rows, the way validation would hand them over.

``make_dataset({"swot": [{"municipality": "AAA", "topic": "Kultur", ...}]})`` fills in every
schema column that a row leaves out (None), the provenance (``source_workbook`` = the
municipality's ``<code>.xlsx`` or ``verbund.xlsx``, ``source_sheet`` = the German sheet
name, ``source_row`` counting from 2 per workbook and sheet) and returns a Dataset.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

import pandas as pd

from parthe_reports.dataset import Dataset, empty_table, sheet_by_key, table_columns
from parthe_reports.region import Municipality, Region
from parthe_reports.schema import ColumnType

STICHTAG = date(2026, 11, 25)
TOPICS = ("Verwaltungsaufgaben", "Kultur", "Tourismus und Marketing")
QUESTIONS = ("Wofür stehen wir?", "Wie arbeiten wir zusammen?", "Was haben die Bürger davon?")


def small_region(
    codes: tuple[str, ...] = ("AAA", "BBB", "CCC"), topics: tuple[str, ...] = TOPICS
) -> Region:
    """A region of a few municipalities with made-up AGS and the given topics."""
    munis = tuple(
        Municipality(code=c, name=f"Ort {c}", kind="Gemeinde", ags=f"147290{i:02d}")
        for i, c in enumerate(codes, start=1)
    )
    return Region(name="Testland", municipalities=munis, topics=topics, guiding_questions=QUESTIONS)


def table(key: str, rows: list[dict[str, Any]]) -> pd.DataFrame:
    """A typed table for sheet ``key`` from row dicts (missing columns None, provenance filled)."""
    sheet = sheet_by_key(key)
    if not rows:
        return empty_table(sheet)
    counters: dict[str, int] = defaultdict(lambda: 1)
    out = []
    for row in rows:
        muni = row.get("municipality")
        book = row.get("source_workbook") or (f"{muni}.xlsx" if muni else "verbund.xlsx")
        counters[book] += 1
        full = {c: None for c in table_columns(sheet)}
        full.update(source_workbook=book, source_sheet=sheet.name, source_row=counters[book])
        full.update(row)
        for col in sheet.columns:
            if col.type in (ColumnType.NUMBER, ColumnType.AMOUNT, ColumnType.PERCENT):
                full[col.key] = float("nan") if full[col.key] is None else float(full[col.key])
            if col.type is ColumnType.CODE_LIST:
                full[col.key] = tuple(full[col.key] or ())
        out.append(full)
    return pd.DataFrame(out, columns=table_columns(sheet))


def make_dataset(
    rows: dict[str, list[dict[str, Any]]],
    region: Region | None = None,
    stichtag: date = STICHTAG,
    missing: tuple[str, ...] = (),
) -> Dataset:
    """A Dataset of the given rows per sheet key (other sheets: empty tables)."""
    return Dataset(
        region=region or small_region(),
        stichtag=stichtag,
        tables={k: table(k, v) for k, v in rows.items()},
        missing_municipalities=missing,
    )


def _d(days: int) -> date:
    return date.fromordinal(STICHTAG.toordinal() + days)


V, K, TM = TOPICS  # Verwaltungsaufgaben, Kultur, Tourismus und Marketing


def three_municipalities() -> dict[str, list[dict[str, Any]]]:
    """The worked example of the tests: three municipalities AAA, BBB, CCC and a Verbund.

    Every figure the tests assert is computed by hand from these rows (see the tests).
    """
    a, b, c = "AAA", "BBB", "CCC"
    return {
        "master_data": [
            dict(municipality=a, name="Ort AAA", code=a, population=1000),
            dict(municipality=b, name="Ort BBB", code=b, population=2000),
            dict(municipality=c, name="Ort CCC", code=c),
        ],
        "administration": [
            dict(
                municipality=a,
                task="Bauamt",
                topic=V,
                posts_fte=4,
                vacant_fte=1,
                digitalisation=2,
                cooperation_potential="hoch",
            ),
            dict(
                municipality=a,
                task="Kasse",
                topic=V,
                posts_fte=2,
                vacant_fte=0,
                digitalisation=4,
                cooperation_potential="mittel",
            ),
            dict(
                municipality=b,
                task="Bauamt",
                topic=V,
                posts_fte=3,
                vacant_fte=1,
                digitalisation=3,
                cooperation_potential="hoch",
            ),
            dict(
                municipality=c,
                task="bauamt",
                topic=V,
                posts_fte=2,
                vacant_fte=0,
                digitalisation=1,
                cooperation_potential="gering",
            ),
            dict(
                municipality=c,
                task="Museum",
                topic=K,
                posts_fte=1,
                vacant_fte=0.5,
                digitalisation=2,
                cooperation_potential="keins",
            ),
        ],
        "infrastructure": [
            dict(
                municipality=a,
                object="Grundschule Nord",
                type="Schule",
                condition="mangelhaft",
                investment_need=500_000,
            ),
            dict(
                municipality=a,
                object="Kita Sonnenschein",
                type="Kita",
                condition="gut",
                investment_need=20_000,
            ),
            dict(
                municipality=b,
                object="Oberschule",
                type="Schule",
                condition="kritisch",
                investment_need=1_200_000,
            ),
            dict(municipality=b, object="Feuerwehr Mitte", type="Feuerwehr"),
            dict(
                municipality=c,
                object="Grundschule CCC",
                type="Schule",
                condition="befriedigend",
                investment_need=100_000,
            ),
        ],
        "documents": [
            dict(
                municipality=a,
                title="Leitbild AAA 2030",
                type="Leitbild",
                year=2015,
                status="gültig",
            ),
            dict(
                municipality=b,
                title="Kulturkonzept",
                type="Fachkonzept",
                year=2020,
                topic=K,
                status="veraltet",
            ),
            dict(
                municipality=b,
                title="Tourismuskonzept",
                type="Fachkonzept",
                year=2024,
                topic=TM,
                status="gültig",
            ),
            dict(municipality=c, title="Schulnetzplan", type="Plan", topic=V),
        ],
        "swot": [
            dict(
                municipality=a,
                topic=K,
                category="Stärke",
                statement="Reiches Vereinsleben",
                weight=3,
            ),
            dict(
                municipality=b,
                topic=K,
                category="Schwäche",
                statement="Wenig Kulturangebote",
                weight=2,
            ),
            dict(
                municipality=c,
                topic=K,
                category="Schwäche",
                statement="wenig Kulturangebote!",
                weight=1,
            ),
            dict(
                municipality=a,
                topic=V,
                category="Schwäche",
                statement="Fachkräftemangel im Bauamt",
                weight=3,
            ),
            dict(municipality=b, topic=V, category="Schwäche", statement="Fachkräftemangel Bauamt"),
            dict(
                municipality=c,
                topic=TM,
                category="Stärke",
                statement="Markkleeberger See",
                weight=3,
            ),
            dict(
                municipality=c,
                topic=TM,
                category="Chance",
                statement="Radtourismus wächst",
                weight=2,
            ),
            dict(
                municipality=a,
                topic=TM,
                category="Risiko",
                statement="Radtourismus wächst",
                weight=1,
            ),
            dict(
                municipality=b,
                topic=TM,
                category="Risiko",
                statement="Konkurrenz Leipziger Neuseenland",
                weight=2,
            ),
            dict(
                municipality=c,
                topic=TM,
                category="Risiko",
                statement="Konkurrenz durch Ostsee",
                weight=1,
            ),
        ],
        "priorities": [
            dict(municipality=m, topic=t, priority=p)
            for m, ps in ((a, (1, 2, 5)), (b, (2, 4, 3)), (c, (3, 6, 1)))
            for t, p in zip(TOPICS, ps, strict=True)
        ],
        "measures": [
            dict(
                municipality=a,
                measure_id="M-AAA-01",
                title="Bauamt bündeln",
                topic=V,
                goal_id="Z1",
                lead=a,
                partners=(b, c),
                cost_total=50_000,
                start="01/2027",
                end="Q4/2027",
                status="geplant",
                consensus="ja",
            ),
            dict(
                municipality=a,
                measure_id="M-AAA-02",
                title="Gemeinsame Kasse",
                topic=V,
                cost_total=10_000,
                start="2027",
                status="Idee",
                consensus="nein",
            ),
            dict(
                municipality=b,
                measure_id="M-BBB-01",
                title="Kulturkalender",
                topic=K,
                goal_id="Z2",
                lead=b,
                partners=(a,),
                cost_total=8_000,
                start="Q2/2027",
                end="12/2027",
                status="in Umsetzung",
                consensus="ja",
            ),
            dict(
                municipality=b,
                measure_id="M-AAA-01",
                title="Bauamt bündeln",
                topic=V,
                goal_id="Z1",
                lead=a,
                partners=(b, c),
                cost_total=50_000,
                start="01/2027",
                end="Q4/2027",
                status="geplant",
                consensus="ja",
            ),
            dict(
                municipality=c,
                measure_id="M-CCC-01",
                title="Museumsnacht",
                topic=K,
                goal_id="Z9",
                lead=c,
                cost_total=3_000,
                status="Idee",
                consensus="ja",
            ),
        ],
        "funding_applications": [
            dict(
                municipality=a,
                application_id="FA-AAA-01",
                measure_id="M-AAA-01",
                programme_id="P4",
                requested=30_000,
                granted=20_000,
                own_share=10_000,
                status="bewilligt",
                proof_due=_d(30),
            ),
            dict(
                municipality=a,
                application_id="FA-AAA-02",
                measure_id="M-AAA-02",
                programme_id="P3",
                requested=5_000,
                status="abgelehnt",
            ),
            dict(
                municipality=b,
                application_id="FA-BBB-01",
                measure_id="M-BBB-01",
                programme_id="P2",
                requested=6_000,
                granted=6_000,
                own_share=2_000,
                status="abgerechnet",
                proof_due=_d(6),
            ),
            dict(
                municipality=b,
                application_id="FA-BBB-02",
                measure_id="M-BBB-01",
                programme_id="P1",
                requested=4_000,
                status="eingereicht",
            ),
            dict(
                municipality=c,
                application_id="FA-CCC-01",
                programme_id="P1",
                requested=1_000,
                status="in Vorbereitung",
                kind="Anschlussförderung Verbund",
            ),
        ],
        "programmes": [
            dict(
                programme_id="P1",
                programme="LEADER",
                funder="EU",
                rate=60,
                topic=TM,
                deadline=_d(90),
            ),
            dict(
                programme_id="P2",
                programme="Kulturraum",
                funder="Land",
                rate=50,
                topic=K,
                deadline=_d(91),
            ),
            dict(programme_id="P3", programme="FR Regio", funder="Land", deadline=_d(-1)),
            dict(
                programme_id="P4",
                programme="Digitale Verwaltung",
                funder="Bund",
                topic=V,
                deadline=_d(0),
            ),
        ],
        "goals": [
            dict(
                goal_id="Z1",
                topic=V,
                goal="Gemeinsames Bauamt",
                indicator="Kommunen",
                baseline=0,
                target=3,
                target_year=2028,
            ),
            dict(goal_id="Z2", topic=K, goal="Kulturnetz"),
            dict(goal_id="Z3", topic=TM, goal="Radwege"),
        ],
        "sub_strategies": [
            dict(topic=V, goal="Bauamt gemeinsam", municipalities=(a, b, c)),
            dict(topic=K, goal="Kultur vernetzen", municipalities=(b,)),
        ],
        "workshops": [
            dict(
                workshop="Strategiewerkstatt",
                date=date(2026, 6, 1),
                result="S",
                votes_for=10,
                votes_against=0,
                abstentions=0,
                participants=30,
            ),
            dict(
                workshop="Kooperationswerkstatt",
                date=date(2025, 3, 1),
                result="K1",
                votes_for=8,
                votes_against=1,
                abstentions=1,
                participants=20,
            ),
            dict(
                workshop="Kooperationswerkstatt",
                date=date(2025, 3, 1),
                result="K2",
                participants=25,
            ),
            dict(
                workshop="Zukunftswerkstatt",
                date=date(2025, 9, 10),
                result="Z",
                votes_for=6,
                votes_against=2,
                abstentions=2,
            ),
        ],
        "legal_framework": [dict(law="§ 71 SächsKomZG", content="Zweckvereinbarung")],
        "mission_statement": [
            dict(question=QUESTIONS[2], statement="Kurze Wege"),
            dict(question=QUESTIONS[0], statement="Partheland verbindet"),
        ],
        "communication": [dict(element="Logo", type="CI", date="Q1/2027")],
        "structure_options": [
            dict(
                option="AG",
                legal_form="kommunale Arbeitsgemeinschaft",
                rating=3,
                recommended="nein",
            ),
            dict(option="VV", legal_form="Verwaltungsverband", rating=4, recommended="nein"),
            dict(option="ZV", legal_form="Zweckverband", rating=4, recommended="ja"),
            dict(option="ZwV", legal_form="Zweckvereinbarung"),
        ],
        "schedule": [
            dict(milestone="Beschluss", due=_d(-1), status="offen"),
            dict(milestone="Satzung", due=_d(0), status="in Arbeit"),
            dict(milestone="Auftakt", due=date(2026, 10, 1), status="erledigt"),
            dict(milestone="Evaluation", due=date(2027, 6, 30), status="offen"),
            dict(milestone="Verzögert", due=date(2026, 11, 1), status="verzögert"),
        ],
        "change_management": [
            dict(measure="Schulung", status="offen"),
            dict(measure="Info-Brief", status="erledigt"),
            dict(measure="Workshop Führung", status="offen"),
        ],
    }


def three_dataset(**kwargs: Any) -> Dataset:
    """The worked example as a Dataset."""
    return make_dataset(three_municipalities(), **kwargs)
