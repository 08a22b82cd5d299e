"""Konsolidiert.xlsx and the Parquet/CSV files: content, German headers, no formulas."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from parthe_reports.consolidate import Consolidated, consolidate
from parthe_reports.consolidate.headers import header
from parthe_reports.consolidate.tables import TABLES
from parthe_reports.consolidate.workbook import (
    FMT_AMOUNT,
    FMT_DATE,
    FMT_PERCENT,
    write_consolidated_workbook,
    write_machine_readable,
)
from tests.fixtures_dataset import TOPICS, make_dataset, three_municipalities

EVIL = ['=HYPERLINK("http://x","klick")', "=1+1", "@SUM(A1)", "+49 341 1234", "-5 Punkte"]


@pytest.fixture(scope="module")
def c() -> Consolidated:
    rows = three_municipalities()
    rows["swot"].append(
        dict(municipality="AAA", topic=TOPICS[1], category="Chance", statement=EVIL[0])
    )
    rows["measures"][1]["title"] = EVIL[1]
    rows["measures"][2]["description"] = EVIL[2]
    rows["legal_framework"] += [dict(law=EVIL[3]), dict(law=EVIL[4])]
    return consolidate(make_dataset(rows))


@pytest.fixture(scope="module")
def xlsx(c: Consolidated, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_consolidated_workbook(c, tmp_path_factory.mktemp("k") / "Konsolidiert.xlsx")


def find(ws, text: str):  # type: ignore[no-untyped-def]
    return [cell for row in ws.iter_rows() for cell in row if cell.value == text]


def test_formula_like_text_is_written_as_text(xlsx: Path) -> None:
    """It writes input text starting with = + - @ as a string cell, never as a formula."""
    wb = load_workbook(xlsx)
    cells = {
        t: find(wb[s], t)
        for s, t in (
            ("P1 SWOT", EVIL[0]),
            ("P4 Maßnahmen", EVIL[1]),
            ("P4 Maßnahmen", EVIL[2]),
            ("P2 Rahmenbedingungen", EVIL[3]),
            ("P2 Rahmenbedingungen", EVIL[4]),
        )
    }
    for text, found in cells.items():
        assert found, text
        for cell in found:
            assert cell.data_type == "s" and cell.value == text
            assert cell.quotePrefix is True
    with zipfile.ZipFile(xlsx) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/")]
        assert sheets and not any(b"<f>" in z.read(n) or b"<f " in z.read(n) for n in sheets)


def test_ordinary_cells_keep_their_type(xlsx: Path) -> None:
    """It writes numbers as numbers and plain text without the quote prefix."""
    ws = load_workbook(xlsx)["P4 Maßnahmen"]
    heads = [c.value for c in ws[1]]
    cost = ws.cell(row=2, column=heads.index("Kosten gesamt") + 1)
    assert cost.data_type == "n" and cost.value == 50_000 and cost.number_format == FMT_AMOUNT
    costs = [r[heads.index("Kosten gesamt")] for r in ws.iter_rows(min_row=2, values_only=True)]
    assert costs == [50_000, 10_000, 8_000, 3_000]  # one reused styled cell, distinct values
    status = ws.cell(row=2, column=heads.index("Status") + 1)
    assert status.value == "geplant" and status.number_format == "General"
    title = ws.cell(row=2, column=heads.index("Titel") + 1)
    assert title.value == "Bauamt bündeln" and not title.quotePrefix


def test_one_sheet_per_table_with_frozen_header_and_filter(xlsx: Path, c: Consolidated) -> None:
    """It writes every model table on its own sheet with a frozen header row and an autofilter."""
    wb = load_workbook(xlsx)
    assert wb.sheetnames == ["Kennzahlen", "Kommunalprofile", *[t.title for t in TABLES]]
    for spec in TABLES:
        ws = wb[spec.title]
        assert ws.freeze_panes == "A2", spec.title
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:"), spec.title
        assert ws.max_row == len(spec.frame(c)) + 1, spec.title


def test_german_headers_from_schema_and_mapping(xlsx: Path) -> None:
    """It heads schema columns with the schema's German header and derived columns from the mapping."""
    ws = load_workbook(xlsx)["P4 Maßnahmen"]
    heads = [c.value for c in ws[1]]
    assert heads[:4] == ["Maßnahmen-Nr.", "Titel", "Beschreibung", "Themenbereich"]
    assert {"Arbeitsmappe", "Zeile", "Quick Win", "verantwortliche Kommune", "Ziel"} <= set(heads)
    sub = [c.value for c in load_workbook(xlsx)["P2 Teilstrategien"][1]]
    assert "Strategisches Ziel" in sub  # same key "goal", its own sheet's header


def test_every_column_has_a_german_header(c: Consolidated) -> None:
    """It has a German header for every model column (matrix columns are topics or Kürzel)."""
    names = set(TOPICS) | set(c.region.codes)
    for spec in TABLES:
        for col in spec.frame(c).columns:
            if col not in names:
                assert header(str(col), spec.sheets) != col, f"{spec.title}: {col}"


def test_every_cell_of_a_row_keeps_its_own_value(xlsx: Path) -> None:
    """It writes each number of a row with several amounts as its own value."""
    ws = load_workbook(xlsx)["P5 Anträge je Kommune"]
    rows = {r[0]: r[1:5] for r in ws.iter_rows(min_row=2, values_only=True)}
    assert rows["AAA"] == (2, 35_000, 20_000, 10_000)
    ws = load_workbook(xlsx)["P1 Themencluster"]
    first = next(ws.iter_rows(min_row=2, max_row=2, values_only=True))
    assert first[:2] == (1, TOPICS[0]) and first[2] == pytest.approx(169.1666667 / 3)
    assert first[3:7] == pytest.approx((0, 1, 2 / 3, 13 / 18))


def test_german_number_and_date_formats(xlsx: Path) -> None:
    """It formats amounts in €, rates in %, dates as TT.MM.JJJJ."""
    wb = load_workbook(xlsx)
    ws = wb["P5 Anträge je Kommune"]
    heads = [c.value for c in ws[1]]
    assert (
        ws.cell(row=2, column=heads.index("Förderquote erreicht %") + 1).number_format
        == FMT_PERCENT
    )
    ws = wb["P5 Fristen 90 Tage"]
    assert ws["B2"].number_format == FMT_DATE and ws["B2"].value.date().isoformat() == "2026-11-25"


def test_key_figures_sheet(xlsx: Path) -> None:
    """It lists the scalar figures, the formula and the rules on the Kennzahlen sheet."""
    ws = load_workbook(xlsx)["Kennzahlen"]
    fig = {r[1]: r[2] for r in ws.iter_rows(min_row=2, values_only=True)}
    assert fig["Förderquote erreicht %"] == pytest.approx(26_000 / 41_000 * 100)
    assert fig["Kosten gesamt €"] == 71_000
    assert fig["Formel Kooperationspotenzial"].startswith("Kooperationspotenzial = 100 ×")
    assert fig["empfohlene Option"] == "ZV"


def test_machine_readable_files(c: Consolidated, tmp_path: Path) -> None:
    """It writes Parquet and CSV per table; Parquet keeps exact text, CSV defuses formulas."""
    files = write_machine_readable(c, tmp_path)
    assert len(files) == 2 * (len(TABLES) + 2) and all(f.exists() for f in files)
    meas = pd.read_parquet(tmp_path / "phase4_measures.parquet")
    assert EVIL[1] in set(meas["title"])
    assert list(meas.loc[meas["measure_id"] == "M-AAA-01", "source_workbooks"].iloc[0]) == [
        "AAA.xlsx",
        "BBB.xlsx",
    ]
    text = (tmp_path / "phase4_measures.csv").read_text(encoding="utf-8-sig")
    assert "'=1+1" in text and ";=1+1" not in text
    assert "50000,0" in text  # decimal comma
    heat = pd.read_parquet(tmp_path / "phase1_cluster_matrix.parquet").set_index("topic")
    assert heat.loc[TOPICS[0], "BBB"] == pytest.approx(70.0)


def test_every_table_names_its_sources(c: Consolidated) -> None:
    """It lets every row name its source: workbook › sheet › row, or the workbooks summed."""
    for spec in TABLES:
        cols = set(spec.frame(c).columns)
        row_level = {"source_workbook", "source_sheet", "source_row"} <= cols
        assert row_level or "source_workbooks" in cols, spec.title
    goals = c.phase5.funding_by_goal.set_index("goal_id")
    assert goals.loc["Z1", "source_workbooks"] == ("AAA.xlsx", "BBB.xlsx")
    assert goals.loc["Z3", "source_workbooks"] == ()
    subs = c.phase2.sub_strategies_by_topic.set_index("topic")
    assert subs.loc[TOPICS[0], "source_workbooks"] == ("verbund.xlsx",)
    assert subs.loc[TOPICS[2], "source_workbooks"] == ()
