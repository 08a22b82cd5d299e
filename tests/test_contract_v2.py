"""Contract version 2: new columns and sheets, version-1 workbooks, section keys, Verbund rules."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from parthe_reports.ingest import discover_workbooks
from parthe_reports.schema import MUNICIPAL, REGIONAL, TEMPLATE_VERSION, WorkbookKind
from parthe_reports.sections import SECTIONS, find_section, section_keys
from parthe_reports.validate import check_file, check_region
from parthe_reports.validate.model import ValidatedWorkbook
from parthe_reports.workbooks.guide import guide_rows
from parthe_reports.workbooks.template import write_workbook
from tests.workbook_factory import REGION, REGIONAL_ROWS, cell, municipal, row


def _strip_v2(path: Path, kind: WorkbookKind) -> Path:
    """Remove every column and sheet that contract version 2 added: a version-1 workbook."""
    wb = load_workbook(path)
    for sheet in kind.sheets:
        if sheet.since == "2.0":
            del wb[sheet.name]
            continue
        new = {c.label for c in sheet.columns if c.since == "2.0"}
        ws = wb[sheet.name]
        for idx in sorted((c.column for c in ws[1] if c.value in new), reverse=True):
            ws.delete_cols(idx)
    wb.save(path)
    return path


def _regional(path: Path, version: str = TEMPLATE_VERSION, rows: dict | None = None) -> Path:
    data = {**REGIONAL_ROWS, **(rows or {})}
    return write_workbook(path, REGIONAL, REGION, rows=data, template_version=version)


def _validate(folder: Path) -> list[ValidatedWorkbook]:
    return check_region([check_file(p, REGION) for p in discover_workbooks(folder)], REGION)


@pytest.mark.parametrize("version", ["1.0", "0.9"])
def test_version_1_workbooks_are_read_with_one_note(tmp_path: Path, version: str) -> None:
    """It reads a version-1 workbook pair with new columns empty and exactly one Hinweis each."""
    _strip_v2(municipal(tmp_path / "BRA.xlsx", version=version), MUNICIPAL)
    _strip_v2(_regional(tmp_path / "verbund.xlsx", version), REGIONAL)
    for b in _validate(tmp_path):
        assert [f.code for f in b.findings] == ["old-template-version"], b.name
        assert version in b.findings[0].message and "leer" in b.findings[0].message
    bra = next(b for b in _validate(tmp_path) if b.name == "BRA.xlsx")
    assert bra.tables["measures"]["indicator"].isna().all()
    assert len(bra.tables["measures"]) == 1


def test_current_workbook_missing_v2_parts_gets_findings(tmp_path: Path) -> None:
    """It reports missing version-2 columns and sheets when the stamp says 2.0."""
    _strip_v2(municipal(tmp_path / "BRA.xlsx"), MUNICIPAL)
    _strip_v2(_regional(tmp_path / "verbund.xlsx"), REGIONAL)
    codes = [f.code for b in _validate(tmp_path) for f in b.findings]
    assert codes.count("missing-optional-column") >= 3
    assert codes.count("missing-sheet") == 3
    assert "old-template-version" not in codes


def test_template_carries_the_v2_columns(tmp_path: Path) -> None:
    """It writes every new column and sheet into the templates (one source: the schema)."""
    path = municipal(tmp_path / "BRA.xlsx")
    heads = [c.value for c in load_workbook(path)["Förderanträge"][1]]
    assert "Art" in heads
    reg = load_workbook(_regional(tmp_path / "verbund.xlsx"))
    assert {"Kriterien", "Strukturbewertung", "Bewertungen"} <= set(reg.sheetnames)
    assert "Bezug" in [c.value for c in reg["Zeitplan"][1]]
    assert "Höchstbetrag" in [c.value for c in reg["Förderprogramme"][1]]


def test_guide_lists_every_section_key() -> None:
    """It lists every document's section keys in the Verbund-Workbook's Anleitung."""
    text = [r for r in guide_rows(REGIONAL, REGION, None, False) if len(r) == 5]
    listed = {(r[0], r[1]) for r in text}
    for document, sections in SECTIONS.items():
        for s in sections:
            assert (document, s.key) in listed
    muni = [r for r in guide_rows(MUNICIPAL, REGION, None, False) if len(r) == 5]
    assert not any(r[0] == "Phase 1" for r in muni)


def test_find_section_folds_spelling() -> None:
    """It finds a section by key or title, whatever the case and umlauts; not an unknown one."""
    assert find_section("Phase 2", "Werkstätten").key == "werkstaetten"  # type: ignore[union-attr]
    assert find_section("Phase 1", " SWOT ").key == "swot"  # type: ignore[union-attr]
    assert find_section("Phase 1", "werkstaetten") is None
    assert "zusammenfassung" in section_keys("Kommunalprofil")


def _assessment(**changes: object) -> dict[str, object]:
    return {"document": "Phase 1", "section": "swot", "text": "Die SWOT zeigt …", **changes}


@pytest.mark.parametrize(
    ("rows", "codes"),
    [
        ({"assessments": [_assessment(section="Leitbild")]}, ["unknown-section"]),
        ({"assessments": [_assessment(section="SWOT-Analyse")]}, []),
        ({"assessments": [_assessment(document="Kommunalprofil")]}, ["assessment-without-code"]),
        ({"assessments": [_assessment(document="Kommunalprofil", code="BRA")]}, []),
    ],
)
def test_assessment_rules(tmp_path: Path, rows: dict, codes: list[str]) -> None:
    """It rejects an assessment it cannot place, naming the valid keys; a good one passes."""
    municipal(tmp_path / "BRA.xlsx")
    _regional(tmp_path / "verbund.xlsx", rows=rows)
    verbund = next(b for b in _validate(tmp_path) if b.name == "verbund.xlsx")
    assert [f.code for f in verbund.findings] == codes
    assert len(verbund.tables["assessments"]) == (0 if codes else 1)
    if codes == ["unknown-section"]:
        assert "zusammenfassung, verwaltung" in verbund.findings[0].message
        assert verbund.findings[0].cell == "B2"
    elif not codes:
        assert verbund.tables["assessments"]["section"].iloc[0] == "swot"


_OPTIONS = [{"option": "kAG", "legal_form": "kommunale Arbeitsgemeinschaft"}]
_CRITERIA = [{"criterion": "Aufwand", "weight": 60}, {"criterion": "Bindung", "weight": 40}]


@pytest.mark.parametrize(
    ("rows", "codes"),
    [
        ({"structure_scores": [{"option": "GmbH", "criterion": "Aufwand", "points": 3}]},
         ["unknown-option"]),
        ({"structure_scores": [{"option": "KAG", "criterion": "Kosten", "points": 3}]},
         ["unknown-criterion"]),
        ({"structure_scores": [{"option": "kAG", "criterion": "Aufwand", "points": 3}]}, []),
        ({"criteria": [{"criterion": "Aufwand", "weight": 60}]}, ["criteria-weights"]),
    ],
)  # fmt: skip
def test_structure_rules(tmp_path: Path, rows: dict, codes: list[str]) -> None:
    """It checks scores against options and criteria, and that the weights make 100 %."""
    municipal(tmp_path / "BRA.xlsx")
    data = {"structure_options": _OPTIONS, "criteria": _CRITERIA, **rows}
    _regional(tmp_path / "verbund.xlsx", rows=data)
    verbund = next(b for b in _validate(tmp_path) if b.name == "verbund.xlsx")
    assert [f.code for f in verbund.findings] == codes


def test_one_pass_bad_amount_and_unknown_goal(tmp_path: Path) -> None:
    """It reports a bad amount and an unknown Verbundziel-Nr. of one row together, rejected once."""
    bad = row("measures", cost_total="zwölftausend", goal_id="Z99")
    municipal(tmp_path / "BRA.xlsx", {"measures": [bad]})
    _regional(tmp_path / "verbund.xlsx")
    bra = next(b for b in _validate(tmp_path) if b.name == "BRA.xlsx")
    assert sorted((f.code, f.cell) for f in bra.findings if f.severity.rank == 0) == [
        ("not-a-number", cell("measures", "cost_total")),
        ("unknown-goal", cell("measures", "goal_id")),
    ]
    count = bra.row_counts["measures"]
    assert (count.read, count.accepted, count.rejected) == (1, 0, 1)
    assert len(bra.rejected_tables["measures"]) == 1


def test_one_pass_good_row_has_neither(tmp_path: Path) -> None:
    """It accepts the fixed row: no finding, nothing rejected."""
    municipal(tmp_path / "BRA.xlsx", {"measures": [row("measures")]})
    _regional(tmp_path / "verbund.xlsx")
    bra = next(b for b in _validate(tmp_path) if b.name == "BRA.xlsx")
    assert [f.code for f in bra.findings if f.severity.rank == 0] == []
    assert bra.row_counts["measures"].rejected == 0


def test_unknown_goal_alone_still_rejects(tmp_path: Path) -> None:
    """It still rejects an otherwise good row for an unknown Verbundziel-Nr., once."""
    municipal(tmp_path / "BRA.xlsx", {"measures": [row("measures", goal_id="Z99")]})
    _regional(tmp_path / "verbund.xlsx")
    bra = next(b for b in _validate(tmp_path) if b.name == "BRA.xlsx")
    assert [f.code for f in bra.findings] == ["unknown-goal"]
    assert bra.row_counts["measures"].rejected == 1
    assert len(bra.rejected_tables["measures"]) == 1
