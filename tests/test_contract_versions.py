"""The contract's version history: declared once, one fixture per version, older files read."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from parthe_reports import contract_versions as cv
from parthe_reports.ingest import read_workbook
from parthe_reports.schema import (
    META_TEMPLATE_VERSION,
    MUNICIPAL,
    REGIONAL,
    TEMPLATE_VERSION,
    normalize,
)
from parthe_reports.validate import check_file, sheet
from parthe_reports.validate.sheet import find_header
from tests.workbook_factory import REGION, edit, municipal, row

FIXTURES = Path(__file__).parent / "fixtures"


def test_history_ends_with_the_current_version() -> None:
    """It takes the template version from the last entry; versions only grow."""
    assert cv.current() == TEMPLATE_VERSION
    keys = [cv.version_key(v.version) for v in cv.HISTORY]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)


def test_every_since_is_a_declared_version() -> None:
    """It has a history entry for every version a sheet or column of the schema names."""
    declared = set(cv.supported())
    for kind in (MUNICIPAL, REGIONAL):
        for s in kind.sheets:
            assert s.since in declared, s.key
            for c in s.columns:
                assert c.since in declared, (s.key, c.key)


def test_a_since_outside_the_history_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    """It notices a version the schema uses but the history lacks (the check can fail)."""
    monkeypatch.setattr(cv, "HISTORY", cv.HISTORY[:-1])
    with pytest.raises(AssertionError):
        test_every_since_is_a_declared_version()


@pytest.mark.parametrize("version", [v.version for v in cv.HISTORY if v.version >= "1.0"])
def test_one_fixture_per_version(version: str) -> None:
    """It keeps a Kommunal- and a Verbund-Workbook stamped with every version since 1.0."""
    folder = FIXTURES / f"contract_v{version.split('.')[0]}"
    stamps = [read_workbook(folder / n).stamp for n in ("BOR.xlsx", "verbund.xlsx")]
    assert [s[META_TEMPLATE_VERSION] for s in stamps] == [version, version]


def _data_rows(path: Path) -> Iterator[tuple[str, int, list[str]]]:
    """(sheet, rows with data, headers) of every table sheet of a workbook."""
    raw = read_workbook(path)
    for kind in (MUNICIPAL, REGIONAL):
        for s in kind.sheets:
            if s.name in raw.sheets:
                rows = raw.sheets[s.name].rows
                header = find_header(rows, s) or 0
                filled = [r for r in rows[header + 1 :] if any(v not in (None, "") for v in r)]
                yield s.key, len(filled), [str(v) for v in rows[header] if v not in (None, "")]


@pytest.mark.parametrize("name", ["BOR.xlsx", "verbund.xlsx"])
def test_version_1_is_read_with_one_hinweis_and_nothing_lost(name: str) -> None:
    """It reads the version-1 fixture with exactly one Hinweis naming 1.0 and every row and column."""
    book = check_file(FIXTURES / "contract_v1" / name, REGION)
    assert [(f.code, f.severity.value) for f in book.findings] == [
        ("old-template-version", "Hinweis")
    ]
    message = book.findings[0].message
    assert "Vorlagenversion 1.0" in message and f"aktuell: {TEMPLATE_VERSION}" in message
    for key, n, headers in _data_rows(FIXTURES / "contract_v1" / name):
        assert book.row_counts[key].accepted == n, key
        assert len(book.columns[key]) == len(headers), key  # every version-1 column mapped


def test_hinweis_names_what_the_clerk_should_add() -> None:
    """It lists the new Verbund sheets and the new columns per sheet, nothing of another kind."""
    text = check_file(FIXTURES / "contract_v1" / "verbund.xlsx", REGION).findings[0].message
    assert "„Bewertungen“" in text and "im Blatt „Förderprogramme“ die Spalten" in text
    assert "Maßnahmen" not in text
    kommunal = check_file(FIXTURES / "contract_v1" / "BOR.xlsx", REGION).findings[0].message
    assert "im Blatt „Förderanträge“ die Spalte „Art“" in kommunal and "Bewertungen" not in kommunal


def test_current_version_has_no_version_finding() -> None:
    """It reads the version-2 fixture without any version finding."""
    assert check_file(FIXTURES / "contract_v2" / "BOR.xlsx", REGION).findings == []


def test_newer_version_is_refused(tmp_path: Path) -> None:
    """It refuses a workbook of a version newer than the code, with a German Fehler."""
    book = check_file(municipal(tmp_path / "BRA.xlsx", version="3.0"), REGION)
    assert book.rejected
    [f] = book.findings
    assert f.code == "newer-template-version" and f.severity.value == "Fehler"
    assert "Vorlagenversion 3.0" in f.message and "parthe-reports aktualisieren" in f.message


@pytest.fixture
def version_2_1(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A made-up version 2.1 renaming a sheet, a column and a value, and dropping a column."""
    change = cv.ContractVersion(
        "2.1",
        "2027-01-01",
        "test",
        renamed_sheets=(("Projekte", "measures"),),
        renamed_columns=(("measures", "Erfolgsmaß", "indicator"),),
        removed_columns=(("measures", "Altspalte"),),
        renamed_values=(("measure_status", "vorgesehen", "geplant"),),
    )
    monkeypatch.setattr(cv, "HISTORY", (*cv.HISTORY, change))
    sheet._header_index.cache_clear()
    sheet._dropped_headers.cache_clear()
    yield
    sheet._header_index.cache_clear()
    sheet._dropped_headers.cache_clear()


def _old_names(wb: object) -> None:
    ws = wb["Maßnahmen"]  # type: ignore[index]
    ws.title = "Projekte"
    headers = {normalize(str(c.value)): c for c in ws[1]}
    headers["indikator"].value = "Erfolgsmaß"
    ws.cell(1, ws.max_column + 1, "Altspalte")
    ws.cell(2, ws.max_column, "weg damit")
    ws.cell(2, [c.value for c in ws[1]].index("Status") + 1, "vorgesehen")


def test_renames_of_a_later_version_are_mapped(tmp_path: Path, version_2_1: None) -> None:
    """It reads old sheet, column and value names of a 2.0 file under 2.1, with one Hinweis."""
    rows = {"measures": [row("measures", indicator="Zufriedenheit")]}
    src = edit(municipal(tmp_path / "BRA.xlsx", rows), _old_names)
    book = check_file(src, REGION)
    assert [f.code for f in book.findings] == ["old-template-version"]
    measures = book.tables["measures"].iloc[0]
    assert measures["indicator"] == "Zufriedenheit" and measures["status"] == "geplant"


def test_old_names_in_a_current_file_are_findings(tmp_path: Path) -> None:
    """It reports the same old names as findings when no version declares them (negative)."""
    rows = {"measures": [row("measures", indicator="Zufriedenheit")]}
    book = check_file(edit(municipal(tmp_path / "BRA.xlsx", rows), _old_names), REGION)
    assert "missing-sheet" in {f.code for f in book.findings}


def test_upgrade_applies_the_renames(tmp_path: Path, version_2_1: None) -> None:
    """It writes the 2.0 file under today's names: sheet, header, value; the dropped column gone."""
    from openpyxl import load_workbook

    from parthe_reports.workbooks.upgrade import upgrade_workbook

    rows = {"measures": [row("measures", indicator="Zufriedenheit")]}
    src = edit(municipal(tmp_path / "BRA.xlsx", rows), _old_names)
    done = upgrade_workbook(src, REGION, tmp_path / "neu")
    ws = load_workbook(done.target)["Maßnahmen"]
    headers = [c.value for c in ws[1]]
    assert "Indikator" in headers and "Altspalte" not in headers and not done.extra_columns
    assert ws.cell(2, headers.index("Status") + 1).value == "geplant"
    assert ws.cell(2, headers.index("Indikator") + 1).value == "Zufriedenheit"
