"""Rows a plausibility finding questions are marked in Konsolidiert.xlsx, at both ends."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from parthe_reports.consolidate import consolidate
from parthe_reports.consolidate.workbook import write_consolidated_workbook
from parthe_reports.paths import INPUTS
from parthe_reports.pipeline.sequence import read_books
from parthe_reports.region import load_region
from parthe_reports.validate import build_dataset
from parthe_reports.validate.plausibility import questioned_rows

STICHTAG = date(2026, 11, 25)
HEAD = "Plausibilität (Prüfhinweise zu dieser Zeile)"


@pytest.fixture(scope="module")
def books():  # type: ignore[no-untyped-def]
    region = load_region()
    found, unreadable = read_books(sorted(INPUTS.rglob("*.xlsx")), {}, region, STICHTAG, "")
    assert unreadable == []
    return region, found


def test_a_finding_questions_both_of_its_ends(books) -> None:  # type: ignore[no-untyped-def]
    """It marks the application and the measure a status contradiction names."""
    _, found = books
    marks = questioned_rows(found)
    behind = [k for k, v in marks.items() if any("M-BOR-05" in m for m in v)]
    assert ("BOR.xlsx", "Förderanträge", 5) in behind
    assert ("BOR.xlsx", "Maßnahmen", 6) in behind
    assert ("BRA.xlsx", "Maßnahmen", 6) not in marks


def test_konsolidiert_marks_only_questioned_rows(books, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """It adds the column „Plausibilität“ where a row is questioned, with the finding's text."""
    region, found = books
    c = consolidate(build_dataset(found, region, STICHTAG))
    wb = load_workbook(write_consolidated_workbook(c, tmp_path / "K.xlsx"), read_only=True)
    rows = list(wb["P4 Maßnahmen"].iter_rows(values_only=True))
    head = list(rows[0])
    assert HEAD in head
    notes = {r[head.index("Maßnahmen-Nr.")]: r[head.index(HEAD)] for r in rows[1:]}
    assert "M-BOR-05" in (notes["M-BOR-05"] or "") and "bewilligt" in notes["M-BOR-05"]
    assert [m for m, n in notes.items() if n] == ["M-BOR-05"]
    infra = next(iter(wb["P1 Infrastruktur"].iter_rows(values_only=True, max_row=1)))
    assert HEAD not in infra  # nothing questioned there: no empty column


def test_documents_mark_questioned_rows_and_explain_the_mark(books, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """It puts † behind the source of the questioned measure only, and the appendix explains †."""
    import docx

    from parthe_reports.render import plan_documents, render_document

    region, found = books
    dataset = build_dataset(found, region, STICHTAG)
    c = consolidate(dataset)
    (job,) = [j for j in plan_documents(c, dataset, found) if j.file_name.startswith("Phase4")]
    doc = docx.Document(str(render_document(job, tmp_path / job.file_name)))
    marked = {
        row.cells[0].text
        for table in doc.tables
        for row in table.rows
        if any(cell.text.endswith("\u00a0†") for cell in row.cells)
    }
    assert marked and all("M-BOR-05" in m or "Grundschule Panitzsch" in m for m in marked)
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Ein † hinter dem Verweis bedeutet" in text
