"""Reading: hostile files refused within the limits, .ods and recalculated formulas read."""

from __future__ import annotations

import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from parthe_reports.errors import WorkbookError
from parthe_reports.ingest import MAX_ROWS, discover_workbooks, read_workbook
from parthe_reports.validate.workbook import check_file
from tests.workbook_factory import REGION, edit, municipal, soffice_convert


def _refused(path: Path) -> str:
    with pytest.raises(WorkbookError) as info:
        read_workbook(path)
    return info.value.finding.code


def _rewrite(
    src: Path,
    dst: Path,
    replace: dict[str, bytes] | None = None,
    add: dict[str, bytes] | None = None,
) -> Path:
    """Copy a zip with some parts replaced or added (how a crafted file is made)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = (replace or {}).get(info.filename, zin.read(info.filename))
            zout.writestr(info.filename, data)
        for name, data in (add or {}).items():
            zout.writestr(name, data)
    return dst


def test_zip_bomb_refused_from_directory(tmp_path: Path) -> None:
    """It refuses a part that would inflate to 150 MB before inflating it, in little memory."""
    src = municipal(tmp_path / "ok.xlsx")
    bomb = _rewrite(src, tmp_path / "bomb.xlsx", add={"xl/media/pad.bin": b"\0" * (150 * 1024**2)})
    tracemalloc.start()
    t = time.process_time()  # CPU seconds: the work, not the wait on a busy machine (xdist)
    assert _refused(bomb) == "zip-bomb"
    elapsed = time.process_time() - t
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert elapsed < 2 and peak < 64 * 1024**2  # file bytes only, never the inflated part


def test_normal_workbook_not_a_bomb(tmp_path: Path) -> None:
    """It reads the same workbook without the padding part."""
    assert "Maßnahmen" in read_workbook(municipal(tmp_path / "ok.xlsx")).sheets


def test_entity_declaration_refused(tmp_path: Path) -> None:
    """It refuses an XML entity expansion / external entity attempt without resolving it."""
    src = municipal(tmp_path / "ok.xlsx")
    with zipfile.ZipFile(src) as z:
        wb_xml = z.read("xl/workbook.xml")
    evil = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">'
        b'<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' + wb_xml.split(b"?>", 1)[-1]
    )
    assert (
        _refused(_rewrite(src, tmp_path / "xxe.xlsx", replace={"xl/workbook.xml": evil}))
        == "unsafe-xml"
    )


@pytest.mark.parametrize("dimension", ['<dimension ref="A1:A1000000"/>', ""])
def test_million_rows_refused(tmp_path: Path, dimension: str) -> None:
    """It refuses a 1,000,000-row sheet (with or without a dimension), quickly."""
    src = municipal(tmp_path / "ok.xlsx")
    with zipfile.ZipFile(src) as z:
        names = z.namelist()
    sheet = next(n for n in names if n.startswith("xl/worksheets/sheet") and n.endswith("2.xml"))
    rows = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(1, 1_000_001))
    xml = (
        '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"{dimension}<sheetData>{rows}</sheetData></worksheet>"
    ).encode()
    big = _rewrite(src, tmp_path / "big.xlsx", replace={sheet: xml})
    del rows, xml
    t = time.perf_counter()
    assert _refused(big) == "too-large"
    assert time.perf_counter() - t < 10
    assert MAX_ROWS == 200_000


def test_hundred_rows_read(tmp_path: Path) -> None:
    """It reads a sheet well under the row limit completely."""
    rows = {
        "swot": [
            {"topic": "Kultur", "category": "Chance", "statement": f"Aussage {i}"}
            for i in range(100)
        ]
    }
    book = check_file(municipal(tmp_path / "BRA.xlsx", rows, base=False), REGION)
    assert book.row_counts["swot"].accepted == 100 and not book.errors


def test_xlsm_read_macros_never_run(tmp_path: Path) -> None:
    """It reads an .xlsm like an .xlsx (values only; nothing is executed)."""
    src = municipal(tmp_path / "BRA.xlsx")
    xlsm = tmp_path / "BRA.xlsm"
    xlsm.write_bytes(src.read_bytes())
    book = check_file(xlsm, REGION)
    assert book.source.municipality == "BRA" and not book.findings


def test_legacy_and_renamed_files_named(tmp_path: Path) -> None:
    """It gives a German message for .xls and for a renamed text file, never a traceback."""
    (tmp_path / "alt.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    (tmp_path / "liste.xlsx").write_text("Kommune;Kürzel\nBrandis;BRA\n")
    legacy = check_file(tmp_path / "alt.xls", REGION)
    renamed = check_file(tmp_path / "liste.xlsx", REGION)
    assert [f.code for f in legacy.findings] == ["legacy-xls"] and ".xlsx" in legacy.findings[
        0
    ].message
    assert [f.code for f in renamed.findings] == ["not-a-workbook"] and renamed.rejected


def test_discover_skips_lock_files(tmp_path: Path) -> None:
    """It returns workbooks but not lock files or stray non-workbook files (those get findings)."""
    (tmp_path / "kommunen").mkdir()
    for name in (
        "kommunen/BRA.xlsx",
        "kommunen/~$BRA.xlsx",
        "kommunen/.~lock.BRA.xlsx#",
        "verbund.xlsx",
        "kommunen/notiz.txt",
    ):
        (tmp_path / name).write_bytes(b"x")
    assert [p.name for p in discover_workbooks(tmp_path)] == ["BRA.xlsx", "verbund.xlsx"]


@pytest.mark.libreoffice
def test_ods_from_libreoffice_reads_like_xlsx(tmp_path: Path) -> None:
    """It reads an .ods saved by LibreOffice with the same rows and municipality as the .xlsx."""
    src = municipal(tmp_path / "src" / "BRA.xlsx")
    ods = soffice_convert(src, "ods", tmp_path)
    xlsx_book, ods_book = check_file(src, REGION), check_file(ods, REGION)
    assert ods_book.source.municipality == "BRA" and not ods_book.errors
    for key, table in xlsx_book.tables.items():
        cols = [c for c in table.columns if c != "source_workbook"]
        assert ods_book.tables[key][cols].equals(table[cols]), key


@pytest.mark.libreoffice
def test_formula_recalculated_by_libreoffice_is_read(tmp_path: Path) -> None:
    """It reads the cached value of a formula once an office program has calculated it."""
    src = edit(
        municipal(tmp_path / "src" / "BRA.xlsx"), lambda wb: wb["Verwaltung"].cell(2, 3, "=1+1.5")
    )
    assert [f.code for f in check_file(src, REGION).findings] == ["formula-without-value"]
    out = tmp_path / "calc"
    out.mkdir()
    saved = soffice_convert(src, "xlsx", out)
    book = check_file(saved, REGION)
    assert not book.errors and book.tables["administration"].iloc[0]["posts_fte"] == 2.5
