"""The corpus: odd and bad workbooks as people make them, each with its expected findings.

Every case is a pair: the bad workbook with its ``(sheet, cell, code)`` list and a good
partner that must give no finding at all. Row accounting is asserted on every case.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook

from parthe_reports.ingest import discover_workbooks
from parthe_reports.validate.crosscheck import check_region
from parthe_reports.validate.model import RowCount
from parthe_reports.validate.workbook import ValidatedWorkbook, check_file
from tests.workbook_factory import REGION, cell, edit, municipal, regional, row

Build = Callable[[Path], object]
Expected = list[tuple[str | None, str | None, str]]
CASES: list[tuple[str, Build, Expected]] = []


def run(tmp: Path, build: Build) -> list[ValidatedWorkbook]:
    """Write the Verbund-Workbook and the case's files, then read, validate, cross-check."""
    regional(tmp / "verbund.xlsx")
    (tmp / "kommunen").mkdir()
    build(tmp / "kommunen")
    books = [check_file(p, REGION) for p in discover_workbooks(tmp)]
    return check_region(books, REGION)


def found(books: list[ValidatedWorkbook]) -> Expected:
    return sorted(
        ((f.sheet, f.cell, f.code) for b in books for f in b.findings if b.name != "verbund.xlsx"),
        key=str,
    )


def assert_accounting(books: list[ValidatedWorkbook]) -> None:
    for b in books:
        for key, c in b.row_counts.items():
            assert isinstance(c, RowCount)
            assert c.read == c.accepted + c.rejected, (b.name, key, c)
            assert len(b.tables[key]) == c.accepted - c.merged, (b.name, key, c)


def pair(
    name: str, sheet_key: str, col: str, bad: object, good: object, code: str, sheet: str
) -> None:
    """A cell case: ``bad`` in one cell gives ``code`` there; ``good`` gives nothing."""
    for suffix, value, expected in (
        ("bad", bad, [(sheet, cell(sheet_key, col), code)]),
        ("good", good, []),
    ):
        CASES.append(
            (
                f"{name}-{suffix}",
                lambda d, v=value: municipal(
                    d / "BRA.xlsx", {sheet_key: [row(sheet_key, **{col: v})]}
                ),
                expected,
            )
        )


# -- typing (point 4) ---------------------------------------------------------------
pair("text-in-amount", "measures", "cost_total", "zwölf", "12.500 €", "not-a-number", "Maßnahmen")
pair(
    "approximate", "measures", "cost_total", "ca. 5.000", "5.000", "approximate-number", "Maßnahmen"
)
pair("bad-period", "measures", "start", "13/2026", "11/2026", "not-a-period", "Maßnahmen")
pair(
    "period-as-date-text", "measures", "end", "31.12.2027", "2027", "period-from-date", "Maßnahmen"
)
pair("swot-synonym", "swot", "category", "Stärken", " stärke\u00a0", "synonym", "SWOT")
pair("swot-unknown", "swot", "category", "Stärkung", "Schwäche", "unknown-value", "SWOT")
pair("weight-range", "swot", "weight", 5, 3, "out-of-range", "SWOT")
pair("digitalisation-range", "administration", "digitalisation", 7, 5, "out-of-range", "Verwaltung")
pair(
    "digitalisation-integer",
    "administration",
    "digitalisation",
    2.5,
    2,
    "not-an-integer",
    "Verwaltung",
)
pair("required-missing", "measures", "title", None, "Bauhof", "missing-required", "Maßnahmen")
pair("lead-unknown", "measures", "lead", "XYZ", "nau", "unknown-code", "Maßnahmen")
pair(
    "partners-unknown", "measures", "partners", "BRA, XYZ", "BRA; NAU", "unknown-code", "Maßnahmen"
)
pair(
    "percent-fraction",
    "infrastructure",
    "utilisation",
    "0,8",
    "80 %",
    "percent-fraction",
    "Infrastruktur",
)
pair(
    "percent-range",
    "infrastructure",
    "utilisation",
    "180 %",
    "100 %",
    "out-of-range",
    "Infrastruktur",
)
pair(
    "bad-date",
    "funding_applications",
    "submitted_on",
    "31.02.2026",
    "2026-11-25",
    "not-a-date",
    "Förderanträge",
)
pair(
    "control-chars",
    "measures",
    "remark",
    "a\tb",
    "Zeile 1\nZeile 2",
    "control-characters",
    "Maßnahmen",
)
# -- rules (point 6) ------------------------------------------------------------------
pair("end-before-start", "measures", "end", "11/2026", "Q1/2028", "end-before-start", "Maßnahmen")
pair(
    "granted-exceeds",
    "funding_applications",
    "granted",
    60000,
    50000,
    "granted-exceeds-requested",
    "Förderanträge",
)
pair("unknown-goal", "measures", "goal_id", "Z99", "Z1", "unknown-goal", "Maßnahmen")
pair(
    "unknown-programme",
    "funding_applications",
    "programme_id",
    "FP99",
    "FP01",
    "unknown-programme",
    "Förderanträge",
)
pair(
    "unknown-measure",
    "funding_applications",
    "measure_id",
    "M-XXX-09",
    "M-BRA-01",
    "unknown-measure",
    "Förderanträge",
)


def case(name: str, expected: Expected) -> Callable[[Build], Build]:
    def register(build: Build) -> Build:
        CASES.append((name, build, expected))
        return build

    return register


# -- headers and sheets (point 3) ---------------------------------------------------------
@case("headers-messy-good", [])
def _messy_headers(d: Path) -> None:
    def change(wb: Workbook) -> None:
        ws = wb["Maßnahmen"]
        ws["A1"] = "  maßnahmen-nr. "
        ws["B1"] = "TITEL"
        ws["I1"] = "Kosten\ngesamt"
        ws.move_range("C1:C3", cols=20)  # Beschreibung moved to the far right

    edit(municipal(d / "BRA.xlsx"), change)


@case("extra-column", [("Maßnahmen", "Q1", "extra-column")])
def _extra(d: Path) -> None:
    edit(municipal(d / "BRA.xlsx"), lambda wb: wb["Maßnahmen"].cell(1, 17, "Notiz intern"))


@case("missing-optional-column", [("Maßnahmen", None, "missing-optional-column")])
def _missing_optional(d: Path) -> None:
    edit(municipal(d / "BRA.xlsx"), lambda wb: wb["Maßnahmen"].delete_cols(3))


@case(
    "renamed-optional-column",
    [("Maßnahmen", "I1", "extra-column"), ("Maßnahmen", None, "missing-optional-column")],
)
def _renamed_optional(d: Path) -> None:
    edit(municipal(d / "BRA.xlsx"), lambda wb: wb["Maßnahmen"].cell(1, 9, "Kosten"))


@case("missing-required-column", [("Maßnahmen", None, "missing-column")])
def _missing_required(d: Path) -> None:
    edit(municipal(d / "BRA.xlsx"), lambda wb: wb["Maßnahmen"].delete_cols(2))


@case("renamed-sheet-spelling", [("Massnahmen", None, "renamed-sheet")])
def _renamed_sheet(d: Path) -> None:
    edit(municipal(d / "BRA.xlsx"), lambda wb: setattr(wb["Maßnahmen"], "title", "Massnahmen"))


@case(
    "missing-sheet",
    [
        ("Maßnahmen", None, "missing-sheet"),
        ("Maßnahmenliste", None, "extra-sheet"),
        ("Förderanträge", "B2", "unknown-measure"),  # its Maßnahme is on the missing sheet
    ],
)
def _missing_sheet(d: Path) -> None:
    edit(municipal(d / "BRA.xlsx"), lambda wb: setattr(wb["Maßnahmen"], "title", "Maßnahmenliste"))


@case("blank-and-instruction-rows-good", [])
def _blank_rows(d: Path) -> None:
    def change(wb: Workbook) -> None:
        ws = wb["SWOT"]
        ws.insert_rows(2, 2)
        ws["A2"] = "Bitte je Zeile eine Aussage eintragen."
        ws.cell(6, 1, "Kultur"), ws.cell(6, 2, "Chance"), ws.cell(6, 3, "Tourismus wächst")

    edit(municipal(d / "BRA.xlsx"), change)


@case("merged-cells", [("SWOT", "A2", "merged-cells")])
def _merged(d: Path) -> None:
    rows = {"swot": [row("swot"), row("swot", topic=None, statement="Zweite Aussage")]}
    edit(municipal(d / "BRA.xlsx", rows), lambda wb: wb["SWOT"].merge_cells("A2:A3"))


@case("formula-errors", [("SWOT", "E2", "formula-error"), ("Verwaltung", "C2", "formula-error")])
def _formula_errors(d: Path) -> None:
    # Error cells as Excel stores them (t="e"): our own writer keeps "#DIV/0!" typed as text,
    # so the errors are set the way Excel would, through openpyxl's plain assignment.
    def errors(wb: Workbook) -> None:
        wb["SWOT"]["E2"] = "#DIV/0!"
        wb["Verwaltung"]["C2"] = "#REF!"

    edit(municipal(d / "BRA.xlsx"), errors)


@case("formula-without-value", [("Verwaltung", "C2", "formula-without-value")])
def _formula_no_value(d: Path) -> None:
    edit(municipal(d / "BRA.xlsx"), lambda wb: wb["Verwaltung"].cell(2, 3, "=1+1.5"))


# -- workbooks (points 2, 10) --------------------------------------------------------------
@case("clerk-file-name-good", [])
def _clerk_name(d: Path) -> None:
    municipal(d / "Brandis_Erhebung_final_v3.xlsx")


@case("old-template-version", [("_Vorlage", None, "old-template-version")])
def _old_version(d: Path) -> None:
    municipal(d / "BRA.xlsx", version="0.9")


@case("unknown-template-version", [("_Vorlage", None, "unknown-template-version")])
def _unknown_version(d: Path) -> None:
    municipal(d / "BRA.xlsx", version="1.5")  # between known versions, never declared


@case("newer-template-version", [("_Vorlage", None, "newer-template-version")])
def _newer_version(d: Path) -> None:
    municipal(d / "BRA.xlsx", version="7.3")  # a newer parthe-reports wrote it: refused


@case("no-stamp", [(None, None, "no-stamp")])
def _no_stamp(d: Path) -> None:
    edit(municipal(d / "BRA.xlsx"), lambda wb: wb.remove(wb["_Vorlage"]))


@case("empty-workbook", [(None, None, "empty-workbook")])
def _empty(d: Path) -> None:
    Workbook().save(d / "leer.xlsx")


@case("only-headers", [(None, None, "only-headers")])
def _only_headers(d: Path) -> None:
    municipal(d / "BRA.xlsx", base=False)


@case("two-master-rows", [("Stammdaten", None, "too-many-rows")])
def _two_master_rows(d: Path) -> None:
    m = REGION.municipality("BRA")
    municipal(
        d / "BRA.xlsx",
        {"master_data": [{"name": m.name, "code": "BRA"}, {"name": "X", "code": "BRA"}]},
    )


@case(
    "duplicate-municipality",
    [(None, None, "duplicate-municipality"), (None, None, "duplicate-municipality")],
)
def _duplicate_municipality(d: Path) -> None:
    municipal(d / "BRA.xlsx")
    municipal(d / "Brandis_neu.xlsx")


@case(
    "unknown-municipality",
    [("Stammdaten", "B2", "unknown-code"), (None, None, "unknown-municipality")],
)
def _unknown_municipality(d: Path) -> None:
    def change(wb: Workbook) -> None:
        wb["Stammdaten"].cell(2, 2, "XYZ")
        wb["_Vorlage"].cell(5, 2, "XYZ")

    edit(municipal(d / "BRA.xlsx"), change)


@case(
    "measure-conflict-in-workbook",
    [("Maßnahmen", "A2", "conflicting-duplicate"), ("Maßnahmen", "A3", "conflicting-duplicate")],
)
def _measure_conflict(d: Path) -> None:
    municipal(
        d / "BRA.xlsx", {"measures": [row("measures"), row("measures", title="Anderer Titel")]}
    )


@case("measure-identical-duplicate", [("Maßnahmen", "A3", "identical-duplicate")])
def _measure_identical(d: Path) -> None:
    municipal(d / "BRA.xlsx", {"measures": [row("measures"), row("measures")]})


@case(
    "measure-conflict-across-workbooks",
    [("Maßnahmen", "A2", "conflicting-duplicate"), ("Maßnahmen", "A2", "conflicting-duplicate")],
)
def _measure_across(d: Path) -> None:
    fa = [row("funding_applications", measure_id="M-JOINT")]
    municipal(
        d / "BRA.xlsx",
        {"measures": [row("measures", measure_id="M-JOINT")], "funding_applications": fa},
    )
    nau = {
        "measures": [row("measures", measure_id="M-JOINT", title="X")],
        "funding_applications": [],
    }
    municipal(d / "NAU.xlsx", nau, code="NAU")


@case("legacy-xls", [(None, None, "legacy-xls")])
def _legacy(d: Path) -> None:
    (d / "BRA.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4000)


@case("encrypted", [(None, None, "encrypted")])
def _encrypted(d: Path) -> None:
    blob = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500 + "EncryptionInfo".encode("utf-16-le")
    (d / "BRA.xlsx").write_bytes(blob + b"\0" * 4000)


@case("renamed-pdf", [(None, None, "not-a-workbook")])
def _renamed_pdf(d: Path) -> None:
    (d / "BRA.xlsx").write_bytes(b"%PDF-1.7\n" + b"x" * 2000)


@case("baseline-good", [])
def _baseline(d: Path) -> None:
    municipal(d / "BRA.xlsx")
    municipal(d / "NAU.xlsx", code="NAU")


@case("lock-files-skipped-good", [])
def _lock_files(d: Path) -> None:
    municipal(d / "BRA.xlsx")
    (d / "~$BRA.xlsx").write_bytes(b"lock")
    (d / ".~lock.BRA.xlsx#").write_text("lock")


@pytest.mark.parametrize(("name", "build", "expected"), CASES, ids=[c[0] for c in CASES])
def test_corpus_case(tmp_path: Path, name: str, build: Build, expected: Expected) -> None:
    """It reports exactly the expected (sheet, cell, code) findings and keeps every row accounted for."""
    books = run(tmp_path, build)
    assert found(books) == sorted(expected, key=str)
    assert_accounting(books)


def test_corpus_is_large_enough() -> None:
    """It has at least 35 bad cases, each with a partner."""
    bad = [c for c in CASES if c[2]]
    assert len(bad) >= 35 and len(CASES) > len(bad)


def test_messy_headers_keep_values(tmp_path: Path) -> None:
    """It reads values under messy, moved headers into the right columns."""
    books = run(tmp_path, _messy_headers)
    t = next(b for b in books if b.name == "BRA.xlsx").tables["measures"]
    assert t.loc[0, "title"] == "Gemeinsamer Bauhof" and t.loc[0, "cost_total"] == 12500.0


def test_blank_rows_keep_excel_rows(tmp_path: Path) -> None:
    """It skips blank and instruction rows and keeps the Excel row number of each record."""
    books = run(tmp_path, _blank_rows)
    t = next(b for b in books if b.name == "BRA.xlsx").tables["swot"]
    assert list(t["source_row"]) == [4, 6] and list(t["category"]) == ["Stärke", "Chance"]


def test_merged_value_applies_downwards(tmp_path: Path) -> None:
    """It applies a vertically merged Themenbereich to every row of the range."""
    books = run(tmp_path, _merged)
    t = next(b for b in books if b.name == "BRA.xlsx").tables["swot"]
    assert list(t["topic"]) == ["Kultur", "Kultur"]


def test_rejected_row_not_in_table(tmp_path: Path) -> None:
    """It leaves a row with a Fehler out of the table and counts it as rejected."""
    books = run(
        tmp_path,
        lambda d: municipal(d / "BRA.xlsx", {"swot": [row("swot"), row("swot", weight=9)]}),
    )
    b = next(b for b in books if b.name == "BRA.xlsx")
    assert b.row_counts["swot"] == RowCount(read=2, accepted=1, rejected=1)
    assert list(b.tables["swot"]["source_row"]) == [2]


def test_typed_values(tmp_path: Path) -> None:
    """It types German number text, percent and line breaks as the clerk meant them."""
    rows = {
        "measures": [
            row("measures", cost_total="12.500 €", remark="Zeile 1\nZeile 2", partners="alle")
        ],
        "infrastructure": [row("infrastructure", utilisation="80 %")],
    }
    books = run(tmp_path, lambda d: municipal(d / "BRA.xlsx", rows))
    b = next(b for b in books if b.name == "BRA.xlsx")
    m = b.tables["measures"].iloc[0]
    assert m["cost_total"] == 12500.0 and m["remark"] == "Zeile 1\nZeile 2"
    assert m["partners"] == REGION.codes and m["municipality"] == "BRA"
    assert math.isclose(b.tables["infrastructure"].iloc[0]["utilisation"], 80.0)


def test_finding_names_cell_and_value(tmp_path: Path) -> None:
    """It names workbook, sheet, cell, the value found and what was expected."""
    books = run(
        tmp_path,
        lambda d: municipal(d / "BRA.xlsx", {"measures": [row("measures", cost_total="zwölf")]}),
    )
    f = next(f for b in books for f in b.findings if f.code == "not-a-number")
    assert str(f).startswith("BRA.xlsx › Maßnahmen › I12"[:23]) and f.value == "zwölf"
    assert f.expected and "Betrag" in f.expected and f.column == "Kosten gesamt" and f.row == 2
