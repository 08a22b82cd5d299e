"""„ca.“ keeps its mark through consolidation; a Kommunalprofil counts merged SWOT once."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook

from parthe_reports.consolidate import consolidate
from parthe_reports.consolidate.workbook import FMT_AMOUNT, write_consolidated_workbook
from parthe_reports.ingest import discover_workbooks
from parthe_reports.validate import build_dataset, check_file, check_region
from tests.fixtures_dataset import TOPICS, make_dataset
from tests.workbook_factory import REGION, municipal, regional, row


@pytest.fixture(scope="module")
def consolidated(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    d = tmp_path_factory.mktemp("approx")
    regional(d / "verbund.xlsx")
    measures = [
        row("measures", measure_id="M-BRA-01", cost_total="ca. 5.000"),
        row("measures", measure_id="M-BRA-02", cost_total=7000),
    ]
    municipal(d / "BRA.xlsx", {"measures": measures})
    books = check_region([check_file(p, REGION) for p in discover_workbooks(d)], REGION)
    return consolidate(build_dataset(books, REGION, date(2026, 11, 25))), d


def test_flag_column_marks_only_the_approximate_value(consolidated) -> None:  # type: ignore[no-untyped-def]
    """It flags „ca. 5.000“ as approximate in the consolidated measures, not the exact 7.000."""
    c, _ = consolidated
    m = c.phase4.measures.set_index("measure_id")
    assert m.loc["M-BRA-01", "cost_total"] == 5000.0
    assert bool(m.loc["M-BRA-01", "cost_total_approx"]) is True
    assert bool(m.loc["M-BRA-02", "cost_total_approx"]) is False


def test_konsolidiert_shows_ca_in_the_number_format(consolidated) -> None:  # type: ignore[no-untyped-def]
    """It writes the approximate cost as a number formatted „ca. …“, the exact one plainly."""
    c, d = consolidated
    ws = load_workbook(write_consolidated_workbook(c, d / "K.xlsx"))["P4 Maßnahmen"]
    heads = [x.value for x in ws[1]]
    assert not any(str(h).endswith("(ca.)") for h in heads)
    col = heads.index("Kosten gesamt")
    by_id = {r[0].value: r[col] for r in ws.iter_rows(min_row=2)}
    assert by_id["M-BRA-01"].value == 5000
    assert by_id["M-BRA-01"].number_format == f'"ca. "{FMT_AMOUNT}'
    assert by_id["M-BRA-02"].number_format == FMT_AMOUNT


def _swot(statement: str, category: str = "Stärke") -> dict[str, object]:
    return dict(municipality="AAA", topic=TOPICS[1], category=category, statement=statement)


@pytest.mark.parametrize(
    ("second", "expected"), [("Reges Vereinsleben.", 1), ("Gute Bibliothek", 2)]
)
def test_profile_counts_a_duplicate_statement_once(second: str, expected: int) -> None:
    """It lists and counts a statement typed twice (trailing full stop) once, two different twice."""
    c = consolidate(make_dataset({"swot": [_swot("Reges Vereinsleben"), _swot(second)]}))
    p = c.profiles["AAA"]
    assert len(p.swot) == expected
    strengths = p.comparison.set_index("figure").loc["strengths", "value"]
    assert strengths == expected
