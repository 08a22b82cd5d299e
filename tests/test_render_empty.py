"""Sections without data say so in a sentence: no empty table, no raw tag, no blank heading."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import docx
import pytest

from parthe_reports.consolidate import consolidate
from parthe_reports.dataset import empty_table, sheet_by_key
from parthe_reports.render import plan_documents, render_document
from tests.test_render_fixtures import GENERATED, doc_text, example

pytestmark = pytest.mark.slow


def _render(c, ds, out: Path, books=()) -> dict[str, Path]:
    jobs = plan_documents(c, ds, list(books), generated=GENERATED)
    return {j.file_name: render_document(j, out / j.file_name) for j in jobs}


def _empty_tables(path: Path) -> list[str]:
    return [t.rows[0].cells[0].text for t in docx.Document(str(path)).tables if len(t.rows) < 2]


@pytest.fixture(scope="module")
def without_verbund(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    _c, ds, _books = example()
    tables = {
        k: empty_table(sheet_by_key(k)) if t["municipality"].isna().all() else t
        for k, t in ds.tables.items()
    }
    ds2 = dataclasses.replace(
        ds, tables=tables, sources=[s for s in ds.sources if s.kind != "regional"]
    )
    return _render(consolidate(ds2), ds2, tmp_path_factory.mktemp("noverbund"))


def test_missing_verbund_workbook_gives_sentences_not_empty_tables(without_verbund):
    """It prints a sentence for every section the missing Verbund-Workbook would have filled."""
    for name, path in without_verbund.items():
        assert _empty_tables(path) == [], name
        text = doc_text(path)
        assert "{{" not in text and "{%" not in text
    p3 = doc_text(without_verbund["Phase3_Leitbild.docx"])
    assert "Es wurden noch keine Verbundziele beschlossen." in p3
    assert "Die Kommunikationsstrategie ist noch nicht erfasst." in p3
    p6 = doc_text(without_verbund["Phase6_Verstetigung.docx"])
    assert "Es wurden noch keine Meilensteine geplant." in p6
    assert len(docx.Document(str(without_verbund["Phase6_Verstetigung.docx"])).inline_shapes) == 0


def test_complete_data_has_none_of_these_sentences():
    """It does not print the no-data sentences when the data is there."""
    from tests.test_render_fixtures import rendered_example

    p3 = doc_text(rendered_example()["Phase3_Leitbild.docx"])
    assert "Es wurden noch keine Verbundziele beschlossen." not in p3


def test_missing_municipality_is_named_and_its_profile_says_so(tmp_path):
    """It names a municipality without workbook in phase 1 and says so in its profile."""
    _c, ds, _books = example()
    tables = {k: t[t["municipality"] != "PAR"].reset_index(drop=True) for k, t in ds.tables.items()}
    ds2 = dataclasses.replace(
        ds,
        tables=tables,
        sources=[s for s in ds.sources if s.municipality != "PAR"],
        missing_municipalities=("PAR",),
    )
    c2 = consolidate(ds2)
    docs = _render(c2, ds2, tmp_path)
    p1 = doc_text(docs["Phase1_Analyse.docx"])
    assert "Für Parthenstein lag kein auswertbarer Erhebungsbogen vor" in p1
    prof = docs["Kommunalprofil_PAR.docx"]
    assert "kein auswertbarer Erhebungsbogen" in doc_text(prof)
    assert _empty_tables(prof) == []
    assert "kein auswertbarer Erhebungsbogen" not in doc_text(docs["Kommunalprofil_BRA.docx"])
