"""The example region agrees with itself: only the documented clerk habits are reported."""

from __future__ import annotations

import pytest

from parthe_reports.demo.data import TODAY
from parthe_reports.errors import Severity
from parthe_reports.ingest import discover_inputs
from parthe_reports.paths import INPUTS
from parthe_reports.region import load_region
from parthe_reports.validate import ValidatedWorkbook, check_file, check_plausibility, check_region

# The deliberate habits of README.md › "The inputs folder and the example data", one each.
DOCUMENTED_WARNINGS = [
    ("BEL.xlsx", "SWOT", "duplicate-entry"),
    ("BOR.xlsx", "Förderanträge", "measure-behind-funding"),
    ("verbund.xlsx", "Zeitplan", "overdue"),
]


@pytest.fixture(scope="module")
def books() -> list[ValidatedWorkbook]:
    region = load_region()
    paths, folder = discover_inputs(INPUTS, region.ignored_folders)
    assert folder == []
    books = check_region([check_file(p, region) for p in paths], region)
    return check_plausibility(books, region, TODAY)


def test_exactly_the_documented_warnings(books: list[ValidatedWorkbook]) -> None:
    """It reports the documented Warnungen and no others, and no Fehler at all."""
    warnings = sorted((b.name, f.sheet, f.code) for b in books for f in b.warnings)
    assert warnings == DOCUMENTED_WARNINGS
    assert [f for b in books for f in b.errors] == []


def test_no_plausibility_notes_beyond_reading(books: list[ValidatedWorkbook]) -> None:
    """It gives Hinweise only for how cells were read, none about the text's region size."""
    codes = {f.code for b in books for f in b.notes}
    assert "municipality-count-in-text" not in codes
    assert "approximate-number" in codes
    assert all(f.severity is Severity.NOTE for b in books for f in b.notes)


def test_v2_sheets_have_substance(books: list[ValidatedWorkbook]) -> None:
    """It fills the version-2 sheets and columns: assessments, agenda items, criteria, scores."""
    verbund = next(b for b in books if b.name == "verbund.xlsx")
    t = verbund.tables
    assert len(t["assessments"]) >= 5 and t["assessments"]["text"].str.len().min() > 80
    assert t["workshops"]["agenda_item"].notna().all() and t["workshops"]["method"].notna().all()
    assert t["criteria"]["weight"].sum() == 100
    assert len(t["structure_scores"]) == len(t["structure_options"]) * len(t["criteria"])
    forms = set(t["structure_options"]["legal_form"])
    assert {"Verein", "GmbH", "Zweckverband", "Verwaltungsgemeinschaft"} <= forms
    assert t["programmes"]["status"].notna().all() and t["goals"]["direction"].notna().all()
    assert t["schedule"]["reference"].notna().sum() >= 3
    bor = next(b for b in books if b.name == "BOR.xlsx").tables
    assert bor["measures"]["next_step"].notna().all()
    assert set(bor["funding_applications"]["kind"]) >= {"Erstantrag", "Folgeantrag"}
    bra = next(b for b in books if b.name.startswith("Brandis")).tables["funding_applications"]
    assert "Anschlussförderung Verbund" in set(bra["kind"])
